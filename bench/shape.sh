#!/usr/bin/env bash
# The shape figures of issue 13, for a checkout: `bench/shape.sh [DIR]` (default: this repo).
# Lines of the bindings, the largest files, hand-written registration loops, raw state
# literals, and duplicated blocks of six or more lines (the `duplicates` clone detector, when
# it is installed) in src/, tests/ and the .rhai scripts.
set -euo pipefail
dir=${1:-$(dirname "$0")/..}
cd "$dir"
states='"(RUNNING|ERROR|BOOTING|DELETING|DELETED|POWER_OFF|POWERING_OFF|POWERING_ON|SHUTTING_DOWN|INDEFINITE|SUSPENDED|STOPPED|CREATING|GONE)"'
echo "src/api lines:            $(cat $(find src/api -name '*.rs') | wc -l)"
echo "src/api files:            $(find src/api -name '*.rs' | wc -l)"
echo "largest src/api file:     $(wc -l $(find src/api -name '*.rs') | sort -n | grep -v total | tail -1)"
echo "largest src file:         $(wc -l $(find src -name '*.rs') | sort -n | grep -v total | tail -1)"
echo "with_opts loops:          $(grep -rc 'for with_opts in' src | awk -F: '{s+=$2} END {print s}')"
echo "ctx clones in src/api:    $(grep -rc 'let c = ctx.clone()' src/api | awk -F: '{s+=$2} END {print s}')"
echo "hand-typed signatures:    $(grep -rc '&\["' src/api | awk -F: '{s+=$2} END {print s}')"
echo "type Res<T> definitions:  $(grep -rc '^type Res<T>' src | awk -F: '{s+=$2} END {print s}')"
# state names as string literals in code (test modules left out), and how many of those are in
# the State enum's own name table (src/vcc/model.rs: the wire names, written once)
code_states() {
  for f in $(find src -name '*.rs'); do
    awk -v f="$f" '/#\[cfg\(test\)\]/{exit} {print f": "$0}' "$f"
  done | grep -oE "^[^:]+: .*$states" | grep -oE "^[^:]+:|$states" | awk '/:$/{f=$0; next} {print f}'
}
all=$(code_states | wc -l)
model=$(code_states | grep -c '^src/vcc/model.rs:' || true)
echo "state literals in code:   $all ($model of them in src/vcc/model.rs, where the State enum names them)"
echo "tests .output() calls:    $(grep -rc '\.output()' tests | awk -F: '{s+=$2} END {print s}')"
echo "tests out(&o):            $(grep -rc 'out(&o)' tests | awk -F: '{s+=$2} END {print s}')"
if command -v duplicates >/dev/null; then
  for d in src tests; do
    echo "duplicates in $d/:        $(duplicates --repo "$d" --seconds 60 | head -1)"
  done
  # the detector does not know .rhai; Rhai reads like JavaScript to it
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  for f in stdlib/*.rhai scripts/*.rhai; do cp "$f" "$tmp/$(echo "$f" | tr / _).js"; done
  echo "duplicates in .rhai:      $(duplicates --repo "$tmp" --seconds 60 | head -1)"
fi

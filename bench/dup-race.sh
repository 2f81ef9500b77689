#!/usr/bin/env bash
# Issue 24 item 4: two builds started together, each in its own workdir, against one
# `cwh vcc serve --boot-delay 1s`. The VCC does not keep unit group names unique and has no
# create-if-absent, so both may create the same group; cwh must leave exactly one (the oldest
# is kept, the other run removes its own empty copy and stops naming the kept one).
# Prints one line per round and a summary: rounds, rounds with a race (a run stopped because
# the other one created the group), duplicate groups left (must be 0), losers naming the winner.
# Usage: bench/dup-race.sh [path/to/cwh] [rounds]   (KEEP=DIR keeps the workdirs, outputs and states)
# Everything talks to 127.0.0.1 only: the simulator hands out 127.77.24.x node addresses and the
# script stops before SSH on a simulator.
set -euo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
rounds="${2:-20}"
script="$(realpath "$(dirname "$0")/../scripts/coursewarehub.rhai")"
work="$(mktemp -d)"
srv_pid=""
trap '[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; [ -n "${KEEP:-}" ] && cp -r "$work" "$KEEP"; rm -rf "$work"' EXIT
export CWH_SIM_TOKEN=s.dup-race-bench NO_COLOR=1
nodes=127.77.24
# serve, stop, build
source "$(dirname "$0")/serve-lib.sh"

# judge STATE OUT_A RC_A OUT_B RC_B: one line of JSON about the round
judge() {
    python3 - "$@" <<'PY'
import json, re, sys
st, out_a, rc_a, out_b, rc_b = sys.argv[1:]
vcs = json.load(open(st))["vcs"]
names = ["CoursewareHub", "CoursewareHub_disk"]
count = {n: sum(1 for g in vcs if g["name"] == n and not g.get("deleting")) for n in names}
kept = {n: [g["vcid"] for g in vcs if g["name"] == n] for n in names}
runs = []
for out, rc in ((out_a, rc_a), (out_b, rc_b)):
    text = open(out).read()
    # "unit group G: another run created it…" or "unit U in unit group G: another run…"
    m = re.search(r"unit (group )?(\S+)(?: in unit group (\S+))?: another run created it "
                  r"at the same moment", text)
    lost = m is not None
    name = m and (m.group(3) or m.group(2))
    # the loser names the copy that is kept: its vcid and creation time, and the kept
    # group is the only one of that name left
    named = bool(lost and name in kept and len(kept[name]) == 1 and kept[name][0] in text
                 and "created 20" in text)
    runs.append({"rc": int(rc), "lost": lost, "named": named,
                 "what": (m.group(1) and "group") or "unit" if m else None,
                 "creator": "its creator recorded: " in text})
print(json.dumps({"dups": sum(max(0, c - 1) for c in count.values()),
                  "missing": sum(1 for c in count.values() if c == 0), "runs": runs}))
PY
}

rounds_raced=0; dups=0; losers=0; lost_group=0; named=0; with_creator=0; both_ok=0; one_ok=0; other=0
t0=$(date +%s.%N)
for r in $(seq "$rounds"); do
    st="$work/vcc-$r.json"
    serve --state "$st" --boot-delay 1s
    build "$work/a-$r" & a=$!
    build "$work/b-$r" & b=$!
    ra=0; rb=0; wait $a || ra=$?; wait $b || rb=$?
    stop
    j="$(judge "$st" "$work/a-$r.out" "$ra" "$work/b-$r.out" "$rb")"
    echo "round $r: exit $ra/$rb $j"
    read -r d l n c ok bad lg < <(python3 -c '
import json, sys
j = json.loads(sys.argv[1]); rs = j["runs"]
lost = [x for x in rs if x["lost"]]
ok = sum(1 for x in rs if x["rc"] == 0)
bad = sum(1 for x in rs if x["rc"] != 0 and not x["lost"])
print(j["dups"], len(lost), sum(x["named"] for x in lost), sum(x["creator"] for x in lost), ok, bad,
      sum(1 for x in lost if x["what"] == "group"))' "$j")
    dups=$((dups + d)); losers=$((losers + l)); named=$((named + n)); with_creator=$((with_creator + c))
    lost_group=$((lost_group + lg))
    [ "$l" -gt 0 ] && rounds_raced=$((rounds_raced + 1))
    [ "$ok" -eq 2 ] && both_ok=$((both_ok + 1))
    [ "$ok" -eq 1 ] && [ "$l" -eq 1 ] && one_ok=$((one_ok + 1))
    other=$((other + bad))
done
t1=$(date +%s.%N)
printf 'two builds at once against one cwh vcc serve --boot-delay 1s, %d rounds: %d with a race (%d on creating a unit group, %d on creating a unit in it; one run stopped, the other went on: %d); duplicate groups left: %d; losers naming the winner: %d/%d (with what its creator recorded: %d); rounds where both runs completed: %d; other failures: %d; %.1f s in all\n' \
    "$rounds" "$rounds_raced" "$lost_group" "$((losers - lost_group))" "$one_ok" "$dups" "$named" "$losers" \
    "$with_creator" "$both_ok" "$other" "$(echo "$t1 - $t0" | bc)"

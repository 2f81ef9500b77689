#!/usr/bin/env bash
# Experiments (issue 15): the seed script against a separate `cwh vcc serve` under injected
# faults, and two identical runs at once against one VCC. Prints one line of figures each.
# (The kill -9 loops are tests: `cargo test --test integration robustness -- --nocapture`.)
# Usage: bench/robustness.sh [path/to/cwh] [runs per fault rate] [concurrent rounds]
# Everything talks to 127.0.0.1 only: the simulator hands out 127.77.19.x node addresses and the
# script stops before SSH on a simulator.
set -euo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
runs="${2:-9}"
rounds="${3:-17}"
script="$(realpath "$(dirname "$0")/../scripts/coursewarehub.rhai")"
work="$(mktemp -d)"
srv_pid=""
trap '[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; rm -rf "$work"' EXIT
export CWH_SIM_TOKEN=s.robustness-bench NO_COLOR=1
nodes=127.77.19
# serve, stop, build
source "$(dirname "$0")/serve-lib.sh"

# groups STATE NAME: how many unit groups of that name the server's state holds
groups() {
    python3 -c 'import json,sys; print(sum(1 for g in json.load(open(sys.argv[1]))["vcs"] if g["name"] == sys.argv[2]))' "$1" "$2"
}

for rate in 0.3 0.5; do
    ok=0; dup=0; t0=$(date +%s.%N)
    for seed in $(seq "$runs"); do
        st="$work/faults-$rate-$seed.json"
        serve --state "$st" --boot-delay 200ms --fault-rate "$rate" --fault-seed "$seed"
        if build "$work/wd-$rate-$seed"; then ok=$((ok + 1)); fi
        stop
        [ "$(groups "$st" CoursewareHub)" -gt 1 ] || [ "$(groups "$st" CoursewareHub_disk)" -gt 1 ] && dup=$((dup + 1))
    done
    t1=$(date +%s.%N)
    printf 'fault rate %s: %d/%d runs completed, %d with a duplicate group, %.1f s in all (%.1f s per run)\n' \
        "$rate" "$ok" "$runs" "$dup" "$(echo "$t1 - $t0" | bc)" "$(echo "($t1 - $t0) / $runs" | bc -l)"
done

both=0; named=0; silent=0; clean=0
for r in $(seq "$rounds"); do
    st="$work/conc-$r.json"
    serve --state "$st" --boot-delay 200ms
    build "$work/a-$r" & a=$!
    build "$work/b-$r" & b=$!
    ra=0; rb=0; wait $a || ra=$?; wait $b || rb=$?
    d=$(( $(groups "$st" CoursewareHub) + $(groups "$st" CoursewareHub_disk) - 2 ))
    if [ "$d" -gt 0 ]; then
        # a duplicate exists: some run must have said so, and a later run must refuse
        if grep -q "unit groups are named" "$work/a-$r.out" "$work/b-$r.out"; then named=$((named + 1)); fi
        if build "$work/c-$r"; then silent=$((silent + 1)); fi
    else
        clean=$((clean + 1))
        [ $ra -eq 0 ] && [ $rb -eq 0 ] && both=$((both + 1))
    fi
    stop
done
printf 'two runs at once against one VCC, %d rounds: %d without a duplicate (%d with both runs exit 0), %d with a duplicate (%d named by a run), %d later runs that passed a duplicate silently\n' \
    "$rounds" "$clean" "$both" "$((rounds - clean))" "$named" "$silent"

#!/bin/sh
# `cwh run --plan` time (issue 23) on a 3-node lab CoursewareHub environment, the plan reading
# the nodes (host-key scans and queries run for real), split into the snapshot (the lab's saved
# state and its containers), the remote reads and the rest of the rehearsal. The reads are the
# difference with the same plan under --offline (no node contacted); `queries` is the sum of the
# query commands' own durations in the plan's journal.
#
# Builds the environment with scripts/coursewarehub.rhai --lab (examples/coursewarehub-lab.yml)
# in a temp workdir on lab LAB (172.30.NET.0/24), plans RUNS times coursewarehub (converged:
# "no changes") and add-workers --set add_nodes=2, online and --offline, then `cwh lab down`.
#
#   CWH=./target/debug/cwh LAB=t-k-bench NET=131 RUNS=5 sh bench/plan-lab.sh
set -eu
CWH=${CWH:-./target/debug/cwh}
RUNS=${RUNS:-5}
LAB=${LAB:-t-bench-plan}
NET=${NET:-131}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CWH=$(cd "$(dirname "$CWH")" && pwd)/$(basename "$CWH")
d=$(mktemp -d)
export CWH_LAB="$LAB" NO_COLOR=1
cd "$d"
"$CWH" -q run "$ROOT/scripts/coursewarehub.rhai" --lab --lab-subnet "172.30.$NET.0/24" \
    --params "$ROOT/examples/coursewarehub-lab.yml" --set "vc_ipaddress=172.30.$NET.100" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
    for s in coursewarehub add-workers; do
        for mode in online offline; do
            extra=""
            [ $s = add-workers ] && extra="--set add_nodes=2"
            [ $mode = offline ] && extra="$extra --offline"
            t0=$(date +%s%N)
            # shellcheck disable=SC2086
            "$CWH" -q run "$ROOT/scripts/$s.rhai" --lab --lab-subnet "172.30.$NET.0/24" \
                --plan --output json $extra >"$d/plan.json" 2>/dev/null || true
            t1=$(date +%s%N)
            python3 - "$d/plan.json" "$s" "$mode" $(( (t1 - t0) / 1000000 )) "$d/.cwh/runs" <<'PY'
import json, os, sys
p = json.load(open(sys.argv[1]))
runs = sys.argv[5]
last = sorted(os.listdir(runs))[-1]
q = 0
for l in open(os.path.join(runs, last)):
    e = json.loads(l)
    if e.get("kind") == "ssh" and (e.get("detail") or {}).get("query") and not e["detail"].get("planned"):
        q += e.get("duration_ms", 0)
print(f"{sys.argv[2]:<14} {sys.argv[3]:<8} snapshot {p['snapshot_ms']:>4} ms  "
      f"rehearsal {p['rehearsal_ms']:>5} ms  queries {q:>5} ms  wall {sys.argv[4]:>5} ms  "
      f"vcc changes {len(p['vcc']['changes'])}  remote {len(p['remote'])}")
PY
        done
    done
    i=$((i + 1))
done
"$CWH" -q lab down >/dev/null
cd /
rm -rf "$d"

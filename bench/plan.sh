#!/bin/sh
# `cwh run --plan` time (issue 16) on a 3-node and a 50-node CoursewareHub environment, split
# into the snapshot (the GET requests: handshake, /vcs, /vpn_catalog, /version) and the
# rehearsal (the unchanged script against the seeded simulator, remote steps recorded).
#
# A `cwh vcc serve` on 127.0.0.1 stands in for the VCC; the environment is built on it with
# scripts/coursewarehub.rhai (its SSH steps stop at `vcp.target == "simulator"`), then planned
# RUNS times: coursewarehub (converged: "no changes") and add-workers --set add_nodes=2.
# Prints one line per plan: nodes, script, snapshot ms, rehearsal ms, wall ms.
#
#   CWH=./target/debug/cwh RUNS=5 sh bench/plan.sh
set -eu
CWH=${CWH:-./target/debug/cwh}
RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CWH=$(cd "$(dirname "$CWH")" && pwd)/$(basename "$CWH")
TOKEN=s.benchplan0123456789abcdef
for n in 3 50; do
    d=$(mktemp -d)
    ssh-keygen -q -t ed25519 -N "" -f "$d/key"
    LC_ALL=C.UTF-8 CWH_SIM_TOKEN=$TOKEN "$CWH" vcc serve --listen 127.0.0.1:0 --boot-delay 50ms \
        --state "$d/vcc.json" >"$d/serve.out" 2>"$d/serve.err" &
    pid=$!
    while ! grep -q listening "$d/serve.out" 2>/dev/null; do sleep 0.1; done
    url=$(sed -n 's/^listening on //p' "$d/serve.out")
    export CWH_VCC_URL="$url" VCC_ACCESS_TOKEN=$TOKEN HOME="$d" NO_COLOR=1
    (cd "$d" && "$CWH" -q run "$ROOT/scripts/coursewarehub.rhai" \
        --set vc_ipaddress=172.30.2.100 --set vc_nodes=$n --set vc_flavor=small \
        --set vc_disk_size=16 --set ssh_private_key_path="$d/key" \
        --set ssh_public_key_path="$d/key.pub" --set known_hosts_file="$d/kh" >/dev/null)
    i=0
    while [ $i -lt "$RUNS" ]; do
        for s in coursewarehub add-workers; do
            extra=""
            [ $s = add-workers ] && extra="--set add_nodes=2"
            t0=$(date +%s%N)
            # shellcheck disable=SC2086
            # against a standalone simulator add-workers stops at its first SSH step, as its
            # run does (issue 23): its plan exits 1 and is still timed
            (cd "$d" && "$CWH" -q run "$ROOT/scripts/$s.rhai" --plan --output json $extra \
                >"$d/plan.json" 2>/dev/null) || true
            t1=$(date +%s%N)
            python3 - "$d/plan.json" "$n" "$s" $(( (t1 - t0) / 1000000 )) <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:>3} nodes  {sys.argv[3]:<14} snapshot {p['snapshot_ms']:>4} ms  "
      f"rehearsal {p['rehearsal_ms']:>4} ms  wall {sys.argv[4]:>5} ms  "
      f"changes {len(p['vcc']['changes'])}")
PY
        done
        i=$((i + 1))
    done
    kill $pid
    wait $pid 2>/dev/null || true
    rm -rf "$d"
done

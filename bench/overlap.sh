#!/usr/bin/env bash
# Issue 26: boots that do not depend on each other run at the same time. Side by side in one
# run against `cwh vcc serve --boot-delay 10s` (record-only nodes: the build stops before SSH):
#   serial     the 2020 build as before (disk, then manager, then workers: each waited for alone)
#   overlapped the shipped build (disk, then manager and workers booting together)
#   strict     the shipped build against `--one-boot-per-group` (the refusal fallback: serial again)
#   add_nodes  3 workers added to the built unit (one request: they boot together anyway)
# each with its wall time, its boots (wall time / boot delay), the GET requests of the server's
# request log (`-v`) during the run and the GET requests per minute while waiting for boots.
# The serial flow is the shipped flow with start_unit replaced by ensure_unit (a --lib
# override of coursewarehub_flow.rhai).
# Usage: bench/overlap.sh [path/to/cwh] [boot-delay-seconds]
# Everything talks to 127.0.0.1 only (node addresses 127.77.26.x, never contacted).
set -euo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
delay="${2:-10}"
root="$(realpath "$(dirname "$0")/..")"
work="$(mktemp -d)"
srv_pid=""
trap '[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; rm -rf "$work"' EXIT
export CWH_SIM_TOKEN=s.overlap-bench NO_COLOR=1 LC_ALL=C.UTF-8  # cwh's output is read in English
ssh-keygen -q -t ed25519 -N '' -f "$work/key"
mkdir -p "$work/serial-lib"
sed 's/vcn::start_unit(/vcn::ensure_unit(/' "$root/stdlib/coursewarehub_flow.rhai" \
    >"$work/serial-lib/coursewarehub_flow.rhai"
sed 's/vcn::start_unit(/vcn::ensure_unit(/' "$root/stdlib/suite_flow.rhai" \
    >"$work/serial-lib/suite_flow.rhai"

# serve NAME ARGS…: start `cwh vcc serve -v` on a free port, its log in $work/NAME.log
serve() {
    local name="$1"; shift
    [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null || true
    "$cwh" vcc serve -v --listen 127.0.0.1:0 --boot-delay "${delay}s" \
        --node-addresses 127.77.26.100-127.77.26.200 "$@" >"$work/$name.log" 2>&1 &
    srv_pid=$!
    for _ in $(seq 200); do
        url="$(sed -n 's/^listening on //p' "$work/$name.log")"
        [ -n "$url" ] && return 0
        sleep 0.05
    done
    echo "the simulator did not start" >&2; exit 1
}

# measure NAME LOG CMD…: run CMD; print wall time, boots, GET requests of the run, and GET
# requests per minute while waiting: the count sampled every second, taken from the second
# sample to the last-but-one (the requests of the first and last moments are the handshake,
# the checks and the closing listing; in between the run is waiting for boots)
measure() {
    local name="$1" log="$2"; shift 2
    local before after t0 t1 sampler
    before="$(grep -c ' INFO GET ' "$log" || true)"
    : >"$work/$name.samples"
    ( while :; do echo "$(date +%s.%N) $(grep -c ' INFO GET ' "$log" || true)" >>"$work/$name.samples"; sleep 1; done ) &
    sampler=$!
    t0="$(date +%s.%N)"
    "$@" >"$work/$name.out" 2>&1 || { kill "$sampler"; echo "$name failed:"; tail -20 "$work/$name.out"; exit 1; }
    t1="$(date +%s.%N)"
    kill "$sampler"; wait "$sampler" 2>/dev/null || true
    after="$(grep -c ' INFO GET ' "$log" || true)"
    awk -v n="$name" -v a="$t0" -v b="$t1" -v g="$((after - before))" -v d="$delay" '
        { t[NR] = $1; c[NR] = $2 }
        END {
            s = b - a; w = (NR >= 4) ? (c[NR-1] - c[2]) * 60 / (t[NR-1] - t[2]) : 0
            printf "%-11s %6.1f s  %4.2f boots  %5d GET  %6.0f GET/min while waiting\n", n, s, s / d, g, w }' "$work/$name.samples"
}

build() {   # build WORKDIR [--lib DIR]
    local wd="$1"; shift
    mkdir -p "$wd"
    (cd "$wd" && CWH_VCC_URL="$url" VCC_ACCESS_TOKEN="$CWH_SIM_TOKEN" "$cwh" run "$root/scripts/coursewarehub.rhai" "$@" \
        --set vc_ipaddress=127.77.26.100 --set vc_nodes=5 --set vc_nfs_disk_size=20 \
        --set vc_flavor=small --set vc_disk_size=16 \
        --set ssh_private_key_path="$work/key" --set ssh_public_key_path="$work/key.pub" \
        --set known_hosts_file="$wd/known_hosts")
}

build2() {   # build2 WORKDIR [--lib DIR]: configuration 2 (021): VC disk, NFS node, manager, 4 workers
    local wd="$1"; shift
    mkdir -p "$wd"
    (cd "$wd" && CWH_VCC_URL="$url" VCC_ACCESS_TOKEN="$CWH_SIM_TOKEN" "$cwh" run "$root/scripts/build-nodes.rhai" "$@" \
        --params "$root/examples/suite-node.yml" --set worker_nodes=4 --set vc_nfs_disk_size=20 \
        --set ssh_private_key_path="$work/key" --set ssh_public_key_path="$work/key.pub")
}

add3() {   # add3 WORKDIR: 3 nodes more for the worker unit (add-workers' VCC step)
    cat >"$work/add3.rhai" <<'RHAI'
let ug = vcc::connect().get_ugroup("CoursewareHub");
ug.get_unit("worker").add_nodes(#{ num_add_nodes: 3 });
RHAI
    (cd "$1" && CWH_VCC_URL="$url" VCC_ACCESS_TOKEN="$CWH_SIM_TOKEN" "$cwh" run "$work/add3.rhai")
}

echo "2020 build (disk + manager + 4 workers) and 3 added nodes, boot delay ${delay} s:"
serve serial
measure serial "$work/serial.log" build "$work/w-serial" --lib "$work/serial-lib"
measure add_nodes "$work/serial.log" add3 "$work/w-serial"
serve overlapped
measure overlapped "$work/overlapped.log" build "$work/w-overlapped"
serve strict --one-boot-per-group
measure strict "$work/strict.log" build "$work/w-strict"
grep -o 'the VCC refused unit [a-z]* while[^(]*' "$work/strict.out" | head -1 | sed 's/^/strict: /'

echo "configuration 2 (VC disk, NFS node, manager + 4 workers), boot delay ${delay} s:"
serve serial2
measure serial2 "$work/serial2.log" build2 "$work/w2-serial" --lib "$work/serial-lib"
serve overlapped2
measure overlapped2 "$work/overlapped2.log" build2 "$work/w2-overlapped"

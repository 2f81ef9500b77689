#!/usr/bin/env bash
# Issue 21: today's suite on the lab, wall time of each command in one workdir and one lab:
# configuration 2 (HubA, examples/suite-node.yml) and its re-run, configuration 3 (HubB on
# HubA's NFS node) and its re-run, configuration 1 (HubC, no VC disk) and its re-run, then
# HubA's manager container removed (a lost VM) and scripts/replace-manager.rhai, then the
# build's re-run. Every NFS check counts (the lab serves NFS). The lab is removed at the end.
# Usage: bench/suite-lab.sh [path/to/cwh] [lab subnet, default 172.30.192.0/24]
set -uo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
subnet="${2:-172.30.192.0/24}"
root="$(realpath "$(dirname "$0")/..")"
work="$(mktemp -d)"
export CWH_LAB="${CWH_LAB:-t-bench-suite}"
trap '(cd "$work" && "$cwh" lab down >/dev/null 2>&1); rm -rf "$work"' EXIT
cd "$work"
run() {
    local s e rc
    s=$(date +%s.%N)
    "$cwh" -q run "$@" >"$work/last.log" 2>&1
    rc=$?
    e=$(date +%s.%N)
    printf '%-90s rc=%s %5.1f s\n' "$*" "$rc" "$(echo "$e - $s" | bc)"
    [ "$rc" = 0 ] || { cat "$work/last.log"; exit 1; }
}
s="$root/scripts"; ex="$root/examples"
run "$s/build-nodes.rhai" --lab --lab-subnet "$subnet" --params "$ex/suite-node.yml"
run "$s/build-nodes.rhai" --lab --set ugroup_name=HubA
run "$s/build-nodes.rhai" --lab --params "$ex/suite-shared.yml"
run "$s/build-nodes.rhai" --lab --set ugroup_name=HubB
run "$s/build-nodes.rhai" --lab --params "$ex/suite-manager.yml" --set vc_nfs_disk_size=0
run "$s/build-nodes.rhai" --lab --set ugroup_name=HubC
docker rm -f "$(docker ps --filter "label=cwh.lab=$CWH_LAB" --format '{{.Names}}' | grep huba-manager)" >/dev/null
run "$s/replace-manager.rhai" --lab --set unit_group=HubA
run "$s/build-nodes.rhai" --lab --set ugroup_name=HubA

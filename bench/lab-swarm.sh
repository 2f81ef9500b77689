#!/usr/bin/env bash
# Benchmark (issue 6): wall time from nothing (no lab network, no containers) to a Ready 3-node
# swarm in the local lab, with the node image already built: `cwh run examples/lab-swarm.rhai
# --lab` does everything (VCC calls, nodes, known_hosts, SSH, swarm init/join, wait for Ready).
# Usage: bench/lab-swarm.sh [path/to/cwh] [runs]   (needs a Docker engine: `cwh lab engine start`)
set -euo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
runs="${2:-5}"
example="$(realpath "$(dirname "$0")/../examples/lab-swarm.rhai")"
work="$(mktemp -d)"
export CWH_LAB=bench
trap 'cd "$work" && "$cwh" lab down >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work"
"$cwh" lab image >/dev/null
hyperfine --runs "$runs" --prepare "rm -rf $work/wd; $cwh lab down >/dev/null 2>&1" \
    "$cwh -q run $example --lab --workdir $work/wd"

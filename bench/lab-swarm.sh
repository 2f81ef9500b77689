#!/usr/bin/env bash
# Benchmark (issue 6): time from nothing to a Ready 3-node swarm in the local lab, with the node
# image already built. Usage: bench/lab-swarm.sh [path/to/cwh]   (needs a Docker engine:
# .ci/start-dockerd). The swarm is formed over OpenSSH as `vcp` until the ssh/swarm script
# primitives land (then examples/lab-swarm.rhai does it itself).
set -euo pipefail
cwh="$(realpath "${1:-target/debug/cwh}")"
example="$(realpath "$(dirname "$0")/../examples/lab-swarm.rhai")"
work="$(mktemp -d)"
trap 'cd "$work" && CWH_LAB=bench "$cwh" lab down >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work"
export CWH_LAB=bench
ssh-keygen -q -t ed25519 -N '' -f key
"$cwh" lab image >/dev/null
"$cwh" lab down >/dev/null 2>&1
SSH=(ssh -i key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR)
t0=$(date +%s.%N)
out=$("$cwh" -q run "$example" --lab --set ssh_pubkey="$work/key.pub")
t1=$(date +%s.%N)
m=$(sed -n 's/^manager //p' <<<"$out")
ws=$(sed -n 's/^workers //p' <<<"$out" | tr -d '[]"' | tr ',' ' ')
tok=$("${SSH[@]}" "vcp@$m" "docker swarm init --advertise-addr $m --default-addr-pool 10.10.0.0/16 >/dev/null && docker swarm join-token -q worker")
for w in $ws; do "${SSH[@]}" "vcp@$w" "docker swarm join --token $tok $m:2377" >/dev/null & done
wait
until [ "$("${SSH[@]}" "vcp@$m" "docker node ls --format '{{.Status}}'" | grep -c Ready)" = 3 ]; do sleep 0.1; done
t2=$(date +%s.%N)
"${SSH[@]}" "vcp@$m" docker node ls
printf 'nodes RUNNING: %.2f s   swarm Ready: %.2f s\n' "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t0" | bc)"

#!/usr/bin/env bash
# Check the README's two commands on a fresh Debian machine, unattended, and time them.
#
# The "fresh machine" is a Debian bookworm root filesystem made with debootstrap (Debian +
# gcc, g++, make, perl, git, python3 and ca-certificates: what a machine of the project's kind has besides
# the Rust toolchain; no Docker, no OpenSSH, no Ansible), run as a container on this host's
# Docker engine with the near-privileged flags of docs/lab.md (nested engines need them), the
# host's Rust toolchain mounted read-only, an empty CARGO_HOME and a clone of this repository.
# Inside it runs, verbatim: the README's main command, then its test command, then both again.
#
# Usage: bench/fresh-machine.sh [OUT_DIR]      (root, a Docker engine, debootstrap; ~30 min)
# Leaves: OUT_DIR/{main-1,tests-1,main-2,tests-2}.log and OUT_DIR/times.txt.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/cwh-fresh}"
mkdir -p "$out"
image=cwh-fresh:bookworm
name=cwh-fresh
toolchain="$(dirname "$(dirname "$(rustup which cargo 2>/dev/null || command -v cargo)")")"

if ! docker image inspect "$image" >/dev/null 2>&1; then
    rootfs="$(mktemp -d)"
    echo "debootstrap bookworm into $rootfs" >&2
    debootstrap --variant=minbase --include=ca-certificates,gcc,g++,make,perl,libc6-dev,git,python3 \
        bookworm "$rootfs" http://deb.debian.org/debian >"$out/debootstrap.log" 2>&1
    tar -C "$rootfs" -c . | docker import - "$image" >/dev/null
    rm -rf "$rootfs"
fi

docker rm -f "$name" >/dev/null 2>&1 || true
docker volume rm -f cwh-fresh-var >/dev/null 2>&1 || true
# /var/lib/cwh on a volume: the inner engine's data root must not be overlay-on-overlay.
docker run -d --init --name "$name" --hostname fresh \
    --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
    --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
    --device-cgroup-rule='a *:* rwm' \
    -v cwh-fresh-var:/var/lib/cwh \
    -v "$toolchain":/opt/rust:ro \
    -v "$repo":/src:ro \
    "$image" sh -c 'mount -o remount,rw /sys; for c in /sys/fs/cgroup/*; do mountpoint -q "$c" && mount -o remount,bind,rw "$c"; done; exec sleep infinity' >/dev/null

inside() {
    docker exec -e PATH=/opt/rust/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        -e CARGO_HOME=/root/.cargo -e HOME=/root -w /root/cwh "$name" bash -c "$1"
}
# Machines of this kind trust the site's extra CAs (e.g. an egress proxy's); so does this one.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    for c in /usr/local/share/ca-certificates/*.crt; do docker cp "$c" "$name:/usr/local/share/ca-certificates/"; done
    docker exec "$name" update-ca-certificates >/dev/null 2>&1
fi
docker exec "$name" git clone -q /src /root/cwh

main_cmd="$(grep -m1 '^cargo run --release -- run ' "$repo/README.md")"
test_cmd="$(grep -A3 '^Run the tests:' "$repo/README.md" | grep -m1 '^cargo ')"
: >"$out/times.txt"
for round in 1 2; do
    for job in main tests; do
        cmd="$main_cmd"
        [ "$job" = tests ] && cmd="$test_cmd"
        echo "round $round: $cmd" >&2
        t0=$(date +%s)
        rc=0
        inside "$cmd" </dev/null >"$out/$job-$round.log" 2>&1 || rc=$?
        echo "$job round $round: rc=$rc, $(( $(date +%s) - t0 )) s: $cmd" | tee -a "$out/times.txt" >&2
    done
done
# The engine's life cycle: stop it, then two starts at once make one engine; a non-root start
# is refused with the fix; dockerd processes are counted with `pgrep -x dockerd`.
inside 'set -x; cwh=target/release/cwh; n() { pgrep -xc -r R,S,D dockerd; }
$cwh lab down; $cwh lab engine stop; echo "dockerd after stop: $(n)"
chmod 755 /root; su nobody -s /bin/sh -c "$PWD/$cwh lab engine start </dev/null"; echo "non-root start rc=$?"
$cwh lab engine start </dev/null & $cwh lab engine start </dev/null & wait; echo "dockerd after two starts at once: $(n)"
$cwh lab engine stop; $cwh lab engine stop; echo "second stop rc=$?, dockerd: $(n)"
$cwh lab engine start </dev/null; echo "start (installed, no --yes, no terminal) rc=$?, dockerd: $(n)"
$cwh lab status' \
    >"$out/engine.log" 2>&1 || true
grep -E "^(dockerd after|non-root|second stop|start \()" "$out/engine.log" >>"$out/times.txt" || true
echo "logs in $out; remove with: docker rm -f $name; docker volume rm cwh-fresh-var" >&2

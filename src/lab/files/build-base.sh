#!/usr/bin/env bash
# Build the lab's base image with no registry: debootstrap a minimal Debian into a scratch
# directory, install the node packages in a chroot, and `docker import` the tree.
# Usage: build-base.sh TAG SUITE MIRROR SCRATCH PACKAGES   (run by `cwh lab image`; needs root,
# debootstrap and a reachable Debian mirror; PACKAGES is one space-separated argument)
set -euo pipefail
tag="$1" suite="$2" mirror="$3" scratch="$4" packages="$5"
root="$scratch/rootfs"
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    umount "$root/sys" 2>/dev/null || true
    umount "$root/dev/pts" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT
rm -rf "$root"
mkdir -p "$root"
echo "[1/3] debootstrap --variant=minbase $suite from $mirror" >&2
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$scratch/debootstrap.log" 2>&1 || {
    tail -n 20 "$scratch/debootstrap.log" >&2
    exit 1
}
echo "[2/3] apt-get install $packages (in a chroot)" >&2
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
chroot "$root" /bin/sh -c "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
    apt-get install -y -qq --no-install-recommends $packages" >"$scratch/apt.log" 2>&1 || {
    tail -n 20 "$scratch/apt.log" >&2
    exit 1
}
umount "$root/proc"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/etc/ssh/ssh_host_* "$root/usr/sbin/policy-rc.d"
: >"$root/etc/resolv.conf"
echo "[3/3] docker import as $tag" >&2
tar -C "$root" -c . | docker import -m "cwh lab base ($suite, debootstrap)" - "$tag" >/dev/null

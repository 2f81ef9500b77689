#!/bin/sh
# cwh lab stand-in for base-nfsd's 00-mkfs.sh: with NFS_MKFS set, the VC disk holds /exported.
# The real script waits for an unpartitioned block device, runs mkfs once and mounts it on
# /exported at every boot. A lab VC disk is a Docker volume already mounted at /mnt/<dev>
# (already a file system): it is bound on /exported at every boot, and the marker says the
# "format" happened once.
[ "${CWH_LAB_ROLE:-}" = nfsd ] && [ -n "${NFS_MKFS:-}" ] || exit 0
dev=$(for d in /mnt/xvd? /mnt/sd? /mnt/vd?; do mountpoint -q "$d" 2>/dev/null && echo "$d"; done | sort | head -n 1)
if [ -z "$dev" ]; then
    echo "00-mkfs.sh: NFS_MKFS=$NFS_MKFS but no VC disk is attached (spec.disks is empty)" >&2
    exit 1
fi
mkdir -p /var/lib/vcp /exported
if [ ! -e /var/lib/vcp/.00-mkfs ]; then
    echo "00-mkfs.sh: the VC disk $dev stands for a fresh ${NFS_FS:-xfs} file system (lab: no mkfs)"
    touch /var/lib/vcp/.00-mkfs
fi
mount --bind "$dev" /exported

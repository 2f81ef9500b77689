#!/bin/sh
# cwh lab stand-in for base's 00-fstab.sh (once per node): NFS_SERVER's export on /mnt/nfs
# (the client's own export, as knfsd's fsid=0 gives it), and /jupyter, /exchange and each
# EXTRA_MOUNT_POINTS entry bound from it. cwh-lab-netmount mounts them at boot, retrying until
# the server answers (the image's `_netdev,auto`).
[ "${CWH_LAB_ROLE:-}" = nfs-client ] || exit 0
marker=/var/lib/vcp/.00-fstab
[ -e "$marker" ] && exit 0
mkdir -p /mnt/nfs /exchange /jupyter /share /var/lib/vcp
chmod 0777 /mnt/nfs /exchange /jupyter /share
echo "${NFS_SERVER}:/ /mnt/nfs nfs rw,_netdev,auto 0 0" >>/etc/fstab
IFS=:
for mp in /jupyter /exchange ${EXTRA_MOUNT_POINTS:-}; do
    [ -n "$mp" ] || continue
    mkdir -p "$mp"
    echo "/mnt/nfs$mp $mp none bind 0 0" >>/etc/fstab
done
touch "$marker"

#!/bin/sh
# cwh lab stand-in for base-nfsd's 10-bind-mount.sh (once per node): /jupyter, /exchange and
# each EXTRA_MOUNT_POINTS entry (colon-separated) are directories of /exported/UGROUP_NAME,
# bound by fstab lines; coursewarehub-dirs (systemctl) makes them and sets the modes each boot.
[ "${CWH_LAB_ROLE:-}" = nfsd ] || exit 0
marker=/var/lib/vcp/.10-bind-mount
[ -e "$marker" ] && exit 0
hub=${UGROUP_NAME:-}
mkdir -p /etc/sysconfig /var/lib/vcp
if [ -z "$hub" ]; then
    echo "10-bind-mount.sh: no UGROUP_NAME: coursewarehub-dirs is disabled" >&2
    rm -f /etc/sysconfig/coursewarehub-dirs
    touch "$marker"
    exit 0
fi
printf 'EXPORT_DIR=/exported\nHUB_NAME=%s\n' "$hub" >/etc/sysconfig/coursewarehub-dirs
IFS=:
for mp in /jupyter /exchange ${EXTRA_MOUNT_POINTS:-}; do
    [ -n "$mp" ] || continue
    mkdir -p "$mp" "/exported/$hub$mp"
    awk -v t="$mp" '$2 == t { found = 1 } END { exit !found }' /etc/fstab 2>/dev/null ||
        echo "/exported/$hub$mp $mp none bind 0 0" >>/etc/fstab
done
touch "$marker"

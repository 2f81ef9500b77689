#!/bin/sh
# cwh lab stand-in for base-nfsd's 10-exports.sh (once per node): /exported/UGROUP_NAME is
# exported to NFS_EXPORT_HOSTS (default every host) until the notebooks restrict it.
[ "${CWH_LAB_ROLE:-}" = nfsd ] && [ -n "${UGROUP_NAME:-}" ] || exit 0
marker=/var/lib/vcp/.10-exports
[ -e "$marker" ] && exit 0
mkdir -p /etc/exports.d /var/lib/vcp
echo "/exported/$UGROUP_NAME  ${NFS_EXPORT_HOSTS:-*}(rw,fsid=0,no_root_squash,no_subtree_check,sync,crossmnt)" \
    >"/etc/exports.d/$UGROUP_NAME.exports"
touch "$marker"

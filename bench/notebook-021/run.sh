#!/usr/bin/env bash
# Run today's notebook 021 (構成2) cell by cell with the VCP SDK against `cwh vcc serve --tls --lab`.
# Usage: bench/notebook-021/run.sh NOTEBOOK.ipynb COURSEWAREHUB_DIR SDK_DIR [WORKDIR]
#   NOTEBOOK.ipynb     021-VCノード作成-構成2.ipynb from ocs-templates (not shipped with cwh)
#   COURSEWAREHUB_DIR  ocs-templates' CoursewareHub/ folder (its scripts/ and group_vars/ are copied)
#   SDK_DIR            a directory holding the vcpsdk package and common/logsetting.py (not shipped)
#   WORKDIR            where the notebook runs (default: a new temp dir); the lab belongs to it
# Environment: PYTHON (a python with IPython, pandas, PyYAML, requests; default python3),
#   CWH (the cwh binary; default target/debug/cwh), ANSIBLE_BIN (dir with ansible; default
#   ~/.cache/cwh/ansible-venv/bin), LAB (lab name, default t-nb), SUBNET (default 172.30.180.0/24),
#   DISK (vc_nfs_disk_size, default 32; 0 = no VC disk), KEEP=1 keeps the lab afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
nb=$(realpath "$1"); tpl=$(realpath "$2"); sdk=$(realpath "$3")
work=${4:-$(mktemp -d /tmp/cwh-nb021.XXXXXX)}
mkdir -p "$work"; work=$(realpath "$work")
PYTHON=${PYTHON:-python3}
CWH=${CWH:-$repo/target/debug/cwh}
ANSIBLE_BIN=${ANSIBLE_BIN:-$HOME/.cache/cwh/ansible-venv/bin}
LAB=${LAB:-t-nb}; SUBNET=${SUBNET:-172.30.180.0/24}; DISK=${DISK:-32}
net=${SUBNET%.0/24}
port=$((18500 + RANDOM % 400))

cd "$work"
mkdir -p home/.ssh vcp_config nb
cp -r "$tpl/scripts" "$tpl/group_vars" nb/
[ -f home/.ssh/id_rsa ] || ssh-keygen -q -t rsa -b 3072 -N '' -f home/.ssh/id_rsa
export CWH_SIM_TOKEN=${CWH_SIM_TOKEN:-s.nb021-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')}
"$CWH" vcc serve --tls --lab --lab-name "$LAB" --lab-subnet "$SUBNET" \
  --listen "127.0.0.1:$port" -v >serve.log 2>&1 &
serve=$!
stop() {
  kill "$serve" 2>/dev/null || true; wait "$serve" 2>/dev/null || true
  if [ "${KEEP:-0}" != 1 ]; then (cd "$work" && "$CWH" lab down --lab-name "$LAB") >>"$work/serve.log" 2>&1 || true; fi
}
trap stop EXIT
for _ in $(seq 300); do grep -q "REQUESTS_CA_BUNDLE" serve.log && break; sleep 1; done
grep -q "REQUESTS_CA_BUNDLE" serve.log || { cat serve.log; exit 2; }
cat >vcp_config/vcp_config.yml <<YML
vcc:
  host: 127.0.0.1
  name: rehearsal
  vcc_port: $port
  insecure_request_warning: True
  wait_timeout_sec: 600
aws:
  access_key: vault://cubbyhole/aws/access_key
  secret_key: vault://cubbyhole/aws/secret_key
  private_network: default
YML
cat >vcp_config/vcp_flavor.yml <<YML
aws:
  small: {instance_type: m4.large, volume_type: gp2, volume_size: 16}
aws_disk:
  small: {type: standard, size: 8}
YML
export REQUESTS_CA_BUNDLE=$work/.cwh/tls/ca.pem VCP_CONFIG_DIR=$work/vcp_config
export VCC_ACCESS_TOKEN=$CWH_SIM_TOKEN PATH=$ANSIBLE_BIN:$PATH
export ANSIBLE_NOCOLOR=1 PYTHONUNBUFFERED=1
disk=(); [ "$DISK" != 0 ] && disk=(--param "vc_nfs_disk_size=$DISK")
# ssh and ssh-keygen take ~ from the password file, not $HOME: the notebook runs in a mount
# namespace of its own where the home directory is an overlay whose upper layer is $work/home,
# so ~/.ssh (keys, known_hosts) and ~/.ansible are the run's and the real home is untouched.
mkdir -p "$work/.home-work"
cd nb
set +e
unshare --mount --propagation private -- bash -c '
  mount -t overlay cwh-nb021 -o "lowerdir=$HOME,upperdir=$0/home,workdir=$0/.home-work" "$HOME" && exec "$@"' "$work" \
/usr/bin/time -f "wall %e s, user %U s, sys %S s" "$PYTHON" "$here/run_notebook.py" "$nb" --sdk "$sdk" \
  --json "$work/results.json" \
  --param "ugroup_name='NbHub'" --param "vc_provider='aws'" \
  --param "manager_flavor='small'" --param "manager_disk_size=32" \
  --param "worker_flavor='small'" --param "worker_disk_size=16" --param "worker_nodes=2" \
  --param "nfs_flavor='small'" --param "nfs_root_disk_size=16" \
  --param "manager_ipaddress='$net.100'" --param "nfs_ipaddress='$net.150'" \
  --param "worker_ipaddresses=['$net.101', '$net.102']" \
  --param "master_fqdn='hub-nb.example.org'" \
  --param "ssh_public_key_path='~/.ssh/id_rsa.pub'" --param "ssh_private_key_path='~/.ssh/id_rsa'" \
  "${disk[@]}" \
  --after "# the hub's name from dnsmasq on the NFS node, on the manager and every worker
!ansible {ugroup.name}_manager:{ugroup.name}_worker -a 'getent hosts {master_fqdn}'" \
  --after "# an address the exports do not list (the NFS node's own) is refused
!ansible {ugroup.name}_nfs -m shell -a 'nfs-ls nfs://{nfs_ipaddress}/exported/{ugroup_name} 2>&1 | grep MNT3ERR_ACCES'" \
  2>&1 | tee "$work/run.log"
rc=${PIPESTATUS[0]}
echo "workdir: $work (run.log, results.json, serve.log)"
exit "$rc"

# Sourced by bench scripts that run the seed flow against `cwh vcc serve` (dup-race.sh,
# robustness.sh). Needs: $cwh, $script, $work (a temp dir), $nodes (the simulator's node
# addresses, three octets, e.g. 127.77.24: loopback only, and the scripts stop before SSH on a
# simulator), CWH_SIM_TOKEN exported. cwh's output is read in English (LC_ALL=C.UTF-8).
export LC_ALL=C.UTF-8
ssh-keygen -q -t ed25519 -N '' -f "$work/key"

# serve ARGS…: start `cwh vcc serve` on a free port; sets $url and $srv_pid
serve() {
    local out="$work/serve.$RANDOM"
    : >"$out"
    "$cwh" vcc serve --listen 127.0.0.1:0 --node-addresses "$nodes.100-$nodes.200" "$@" \
        >"$out" 2>/dev/null &
    srv_pid=$!
    for _ in $(seq 200); do
        url="$(sed -n 's/^listening on //p' "$out")"
        [ -n "$url" ] && return 0
        sleep 0.05
    done
    echo "cwh vcc serve did not start" >&2
    exit 1
}
stop() { kill "$srv_pid" 2>/dev/null || true; wait "$srv_pid" 2>/dev/null || true; srv_pid=""; }

# build WORKDIR: the seed script (1 manager + 2 workers + NFS disk) against $url
build() {
    mkdir -p "$1"
    CWH_VCC_URL="$url" VCC_ACCESS_TOKEN="$CWH_SIM_TOKEN" "$cwh" -q run "$script" --workdir "$1" \
        --set vc_ipaddress="$nodes.100" --set vc_nodes=3 --set vc_nfs_disk_size=20 \
        --set vc_flavor=small --set vc_disk_size=16 \
        --set ssh_private_key_path="$work/key" --set ssh_public_key_path="$work/key.pub" \
        --set known_hosts_file="$1/known_hosts" >"$1.out" 2>&1
}

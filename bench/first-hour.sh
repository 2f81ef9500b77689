#!/usr/bin/env bash
# A new administrator's first hour, under tmux, captured pane by pane (issue 25):
# a VCC (the simulator as a server, HTTPS, nodes on the lab) is checked with `cwh vcc check`,
# then scripts/coursewarehub.rhai runs as `--plan` and for real with two parameters missing
# from the site's file: both are asked at the prompt, one wrong answer is explained and asked
# again. Everything the user sees is written to OUT/NN-step.txt.
#
#   bench/first-hour.sh target/debug/cwh /tmp/first-hour-en en
#   bench/first-hour.sh target/debug/cwh /tmp/first-hour-ja ja
#
# Needs tmux and the Docker engine cwh runs (`cwh lab engine start`). It uses the lab
# `first-hour-LANG` on 172.30.21X.0/24 and removes it at the end. Only loopback and that lab
# network are contacted.
set -euo pipefail
cwh=$(realpath "$1")
out=$(mkdir -p "$2" && realpath "$2")
lang=${3:-en}
repo=$(cd "$(dirname "$0")/.." && pwd)
case $lang in en) net=211 port=18471 locale=C.UTF-8 ;; ja) net=212 port=18472 locale=ja_JP.UTF-8 ;;
  *) echo "language: en or ja" >&2; exit 2 ;; esac
lab=first-hour-$lang
work=$(mktemp -d /tmp/cwh-first-hour-XXXXXX)
sess=fh-$lang-$$
token=s.first-hour-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')

cleanup() {
  tmux kill-session -t "$sess" 2>/dev/null || true
  (cd "$work/vcc" && CWH_LAB="$lab" "$cwh" lab down --lab-name "$lab" >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/vcc" "$work/site/vcp_config"
cat >"$work/site/vcp_config/vcp_config.yml" <<YML
vcc:
  host: 127.0.0.1
  name: first-hour
  vcc_port: $port
aws:
  private_network: default
YML
# the site's parameters: vc_flavor and vc_disk_size are left out on purpose (asked)
cat >"$work/site/site.yml" <<YML
unit_group: FirstHour
vc_provider: aws
vc_nodes: 3
vc_ipaddress: 172.30.$net.100
vc_nfs_disk_size: 16
ssh_private_key_path: $work/site/id_ed25519
ssh_public_key_path: $work/site/id_ed25519.pub
known_hosts_file: $work/site/known_hosts
YML
ssh-keygen -q -t ed25519 -N '' -C first-hour -f "$work/site/id_ed25519"
printf '%s\n' "$token" >"$work/site/token"
chmod 600 "$work/site/token"

# the shell keeps C.UTF-8 (this machine may lack the Japanese locale, and bash warns about
# it); cwh gets the reader's locale through env, as from a Japanese login
tmux -u new-session -d -s "$sess" -x 110 -y 50 -e LANG=C.UTF-8 -c "$work/site"
# the VCC, in a second window
tmux new-window -d -t "$sess:1" -c "$work/vcc" \
  "env LC_ALL=$locale CWH_SIM_TOKEN=$token $cwh vcc serve --tls --lab --lab-name $lab --lab-subnet 172.30.$net.0/24 --listen 127.0.0.1:$port; sleep 600"

n=0
shot() { # shot NAME: the pane as the user sees it now
  n=$((n + 1))
  tmux capture-pane -p -J -t "$sess:0" -S - | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$out/$(printf %02d $n)-$1.txt"
  tmux clear-history -t "$sess:0"
}
wait_for() { # wait_for REGEX SECONDS: until the pane shows REGEX
  local i=0
  until tmux capture-pane -p -t "$sess:0" -S - | grep -qE -- "$1"; do
    i=$((i + 1)); [ $i -gt $(($2 * 5)) ] && { echo "timed out waiting for: $1" >&2; shot timeout; exit 1; }
    sleep 0.2
  done
}
type_line() { tmux send-keys -t "$sess:0" -l -- "$1"; tmux send-keys -t "$sess:0" Enter; }
fresh() { # a clear screen and no history before the next step
  tmux send-keys -t "$sess:0" "clear" Enter; sleep 0.4; tmux clear-history -t "$sess:0"
}
wait_vcc() {
  local i=0
  until tmux capture-pane -p -t "$sess:1" -S - | grep -q "REQUESTS_CA_BUNDLE"; do
    i=$((i + 1)); [ $i -gt 300 ] && { tmux capture-pane -p -t "$sess:1" -S - >&2; exit 1; }
    sleep 0.2
  done
}

wait_vcc
tmux capture-pane -p -J -t "$sess:1" -S - | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$out/00-vcc-serve.txt"
tmux send-keys -t "$sess:0" "export REQUESTS_CA_BUNDLE=$work/vcc/.cwh/tls/ca.pem PS1='\$ '; clear" Enter
sleep 0.5; tmux clear-history -t "$sess:0"

type_line "cwh() { env LC_ALL=$locale $cwh \"\$@\"; }; clear"
sleep 0.3; tmux clear-history -t "$sess:0"

fresh
type_line "cwh vcc check --vcc-config vcp_config --token-file token; echo \"[done: exit \$?]\""
wait_for "^\\[done: exit [0-9]+\\]" 60
shot vcc-check

fresh
type_line "cwh run $repo/scripts/coursewarehub.rhai --params site.yml --vcc-config vcp_config --token-file token --plan; echo \"[done: exit \$?]\""
wait_for "^vc_flavor:" 60; sleep 0.5
type_line "small"
wait_for "^vc_disk_size:" 30; sleep 0.5
type_line "２０ "
sleep 1.5
type_line "20"
wait_for "^\\[done: exit [0-9]+\\]" 300
shot plan

fresh
type_line "cwh run $repo/scripts/coursewarehub.rhai --params site.yml --vcc-config vcp_config --token-file token; echo \"[done: exit \$?]\""
wait_for "^vc_flavor:" 60; sleep 0.5
type_line "small"
wait_for "^vc_disk_size:" 30; sleep 0.5
type_line "20"
wait_for "^\\[done: exit [0-9]+\\]" 900
shot run

fresh
type_line "cwh run $repo/scripts/coursewarehub.rhai --params site.yml --vcc-config vcp_config --token-file token; echo \"[done: exit \$?]\""
wait_for "^\\[done: exit [0-9]+\\]" 600
shot rerun
echo "captured in $out:"; ls "$out"

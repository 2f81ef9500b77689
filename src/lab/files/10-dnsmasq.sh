#!/bin/sh
# cwh lab stand-in for base-nfsd's 10-dnsmasq.sh (once per node): dnsmasq answers on
# 127.10.0.53 (the nodes' spec.dns) and on the node's address from /etc/hosts-dnsmasq. The real
# image forwards every other name to 8.8.8.8 and 8.8.4.4; in the lab no lookup leaves the lab,
# so there is no upstream server: other names are refused.
[ "${CWH_LAB_ROLE:-}" = nfsd ] || exit 0
marker=/var/lib/vcp/.10-dnsmasq
[ -e "$marker" ] && exit 0
mkdir -p /etc/dnsmasq.d /var/lib/vcp
touch /etc/hosts-dnsmasq
cat >/etc/dnsmasq.d/addn-hosts.conf <<CONF
listen-address=127.10.0.53,${PRIVATE_IP:-127.0.0.1}
bind-interfaces
no-resolv
addn-hosts=/etc/hosts-dnsmasq
CONF
touch "$marker"

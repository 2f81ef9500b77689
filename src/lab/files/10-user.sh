#!/bin/sh
# Like the VCP base container's 10-user.sh: user vcp (group docker, passwordless sudo unless
# SUDO_NOT_PERMITTED), keys from AUTHORIZED_KEYS (base64) appended to ~vcp/.ssh/authorized_keys.
# Runs on every boot; every step is idempotent.
id vcp >/dev/null 2>&1 || useradd -m -s /bin/bash -G docker vcp
if [ -z "${SUDO_NOT_PERMITTED:-}" ]; then
    echo 'vcp ALL=(ALL) NOPASSWD:ALL' >/etc/sudoers.d/vcp
    chmod 440 /etc/sudoers.d/vcp
fi
if [ -n "${AUTHORIZED_KEYS:-}" ]; then
    install -d -m 700 -o vcp -g vcp /home/vcp/.ssh
    ak=/home/vcp/.ssh/authorized_keys
    touch "$ak"
    echo "$AUTHORIZED_KEYS" | base64 -d | while IFS= read -r key || [ -n "$key" ]; do
        [ -n "$key" ] && ! grep -qxF "$key" "$ak" && echo "$key" >>"$ak"
    done
    chown vcp:vcp "$ak"
    chmod 600 "$ak"
fi
exit 0

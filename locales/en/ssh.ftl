# SSH: keys, connections, host keys, remote commands (src/ssh, src/api/ssh.rs, src/api/known_hosts.rs)

## Errors of the SSH core
ssh-key-read = cannot read SSH key { $path }: { $problem }
ssh-key-read-help = check the `key` option: the file must exist and be readable
ssh-key-format = { $path } is not a usable private key: { $reason }
ssh-key-format-help = pass the private key (OpenSSH or PEM format: ed25519, ecdsa or RSA), not the .pub file
ssh-key-encrypted = SSH key { $path } is encrypted and no passphrase is available
ssh-key-encrypted-help = set CWH_PARAM_SSH_KEY_PASSPHRASE in the environment, load the key into ssh-agent (ssh-add KEY, with SSH_AUTH_SOCK set), or run from a terminal to be prompted
ssh-wrong-passphrase = wrong passphrase for SSH key { $path }
ssh-auth-refused = authentication refused on { $host } for user "{ $user }" (tried: { $tried })
ssh-auth-refused-help = check the user name and that the public key is in ~{ $user }/.ssh/authorized_keys on the node
ssh-agent = ssh-agent: { $problem }
ssh-agent-help = check SSH_AUTH_SOCK, or pass `key`
ssh-resolve = cannot resolve host name "{ $host }": { $reason }
ssh-resolve-help = check the host name or use the node's IP address
ssh-unreachable = { $host }:{ $port } unreachable: { $reason }
ssh-unreachable-help = is the node running and its sshd listening? a fresh node may need a longer `retry` window
ssh-host-key-unknown = host key of { $host } is unknown: not in { $file }
ssh-host-key-unknown-help = refresh it first: known_hosts::refresh(["{ $host }"]) (or `ssh-keyscan -H { $host } >> { $file }`), or pass accept_new: true
ssh-host-key-changed = host key of { $host } has CHANGED: it does not match { $file }:{ $line }
ssh-host-key-changed-help = if the node was rebuilt, remove the stale entry: ssh-keygen -R { $host } -f { $file } (or known_hosts::refresh(["{ $host }"])); otherwise this may be an attack
ssh-host-key-revoked = host key of { $host } is revoked in { $file }:{ $line }
ssh-no-exit-status = { $host }: command ended without an exit status
ssh-no-exit-status-signal = { $host }: command ended without an exit status (killed by signal { $signal })
ssh-timeout = { $host }: command timed out after { $seconds } s and was stopped
ssh-timeout-help = raise `timeout` if the command legitimately takes longer
ssh-put-failed = { $host }: writing { $path } failed (rc { $rc }): { $problem }
ssh-command-failed = command failed on { $count } host(s): { $details }
ssh-protocol = { $host }: SSH error: { $problem }
ssh-known-hosts-io = known_hosts file { $path }: { $problem }
ssh-config = ssh config { $path }:{ $line }: { $problem }
ssh-empty-host-list = empty host list
ssh-empty-host-list-help = the list of IP addresses is empty: did the unit find any RUNNING nodes?
ssh-not-in-group = { $name } is not in the group ({ $names })
ssh-not-in-group-help = name one of the group's hosts (g.hosts() lists them)
ssh-host-keys-refused-help = a re-created VM has a new node id on the VCC and is accepted with a warning; the same node with another key is not
ssh-no-host-key = no host key from { $count } host(s):{"\u000A"}  { $hosts }
ssh-no-host-key-help = the node may still be booting: re-run, or raise #{"{"} attempts: … {"}"} (now { $attempts })
ssh-record-node = { $host }: the VCC of this run is cwh's simulator without lab nodes, so { $host } is a made-up node address; cwh does not connect to it
ssh-record-node-help = nodes of `--sim` (and of `cwh vcc serve` without --lab) are records only: rehearse SSH, known_hosts and swarm steps with `--lab` (or `cwh vcc serve --lab`), or stop before them when `vcp.target == "simulator"` as scripts/coursewarehub.rhai does
ssh-invalid-option = invalid SSH option: { $problem }
ssh-message-fix = { $message }; fix: { $fix }

## Key files given as parameters
ssh-keyfile-read = cannot read key file { $path }: { $problem }
ssh-keyfile-garbage = { $path } is not an SSH key file: { $reason }
ssh-keyfile-garbage-help = give an OpenSSH public key file (.pub) or private key file, as ssh-keygen writes them
ssh-keyfile-private-not-public = { $path } holds a PRIVATE key, where a public key is needed; it is never sent to the VCC
ssh-keyfile-private-not-public-help = give the public key file (usually the same name with .pub)
ssh-keyfile-binary = it is binary, not text
ssh-keyfile-unreadable-private = a private key cwh cannot read ({ $problem })
ssh-keyfile-bad-line = line { $line } is not an OpenSSH public key (`type base64 [comment]`)
ssh-keyfile-empty = it is empty
ssh-keyfile-wrong-passphrase = wrong passphrase for { $path }
ssh-public-key-help = give the path of an OpenSSH public (.pub) or private key file
ssh-advice-derive-public = the private key { $private } exists: write its public half with `ssh-keygen -y -f { $private } > { $public }`
ssh-advice-new-pair = check the path, or create a new pair with `{ $command }` (it writes { $private } and { $public })
ssh-advice-private-of-pair = check the path: { $private }.pub exists, but not its private key { $private }; give the private key of that pair, or create a new pair with `{ $command }`
ssh-pair-swapped = parameters { $public_name } and { $private_name } are swapped: { $public } holds the private key and { $private } the public one; pass { $public_name }={ $private } and { $private_name }={ $public }
ssh-pair-parameter = parameter { $name }: { $problem }
ssh-pair-private-in-public = parameter { $name }: { $path } holds a PRIVATE key, not a public one (it is never sent to the VCC); give the public key file, e.g. { $private }.pub
ssh-pair-public-in-private = parameter { $name }: { $path } is a public key; give the private key file, e.g. { $example }
ssh-pair-wrong-passphrase = parameter { $name }: wrong passphrase for { $path } (CWH_PARAM_SSH_KEY_PASSPHRASE or the prompt)
ssh-pair-mismatch = parameters { $private_name }/{ $public_name }: { $private } does not match { $public }; give the two halves of one pair (`ssh-keygen -y -f { $private }` prints the private key's public key)
ssh-pair-passphrase-does-not-decrypt = parameter { $name }: the passphrase given (CWH_PARAM_SSH_KEY_PASSPHRASE or the prompt) does not decrypt { $path }
ssh-pair-encrypted-no-passphrase = parameter { $name }: { $path } is encrypted and no passphrase is available: set CWH_PARAM_SSH_KEY_PASSPHRASE in the environment, load the key into ssh-agent (ssh-add { $path }, with SSH_AUTH_SOCK set), or run in a terminal to be prompted
ssh-key-missing-help = the `key` file does not exist: { $advice }

## Connections and remote commands
ssh-tried-agent-key = agent key { $comment }
ssh-tried-no-key = no key: pass `key`, or set SSH_AUTH_SOCK
ssh-config-bad-port = Port "{ $value }" is not a port number
ssh-failure-error = { $host } ({ $problem })
ssh-failure-rc = { $host } (rc { $rc }: { $tail })
ssh-failure-no-status = { $host } (no exit status)
ssh-output-truncated = { $stream } truncated: kept the first { $kept } bytes, dropped { $dropped } bytes
ssh-fanout-progress = ssh: { $done }/{ $total } hosts done after { $seconds } s
ssh-host-warning = warning: { $host }: { $problem }
ssh-fanout-task-failed = internal error: the task for this host failed
ssh-empty-host-name = empty host name in "{ $spec }"
ssh-host-certificate = the server presented a host certificate; cwh verifies plain host keys only
ssh-no-answer = no answer within { $seconds } s
ssh-connect-timed-out = connect timed out after { $seconds } s
ssh-handshake-failed = SSH handshake failed: { $problem }
ssh-handshake-timed-out = SSH handshake timed out after { $seconds } s
ssh-through-jump-host = through jump host { $jump }: { $problem }
ssh-vm-lost = its VM is lost (the node is in ERROR on the VCC)
ssh-io-refused = connection refused (nothing listens on that port)
ssh-io-reset = connection reset by the node
ssh-io-timed-out = connection timed out
ssh-io-host-unreachable = no route to the host
ssh-io-network-unreachable = the network is unreachable

## Host keys (known_hosts::refresh)
ssh-host-problem = { $host }: { $problem }
ssh-keyscan-vm-lost = { $host }: no host key: its VM is lost (the node is in ERROR on the VCC)
ssh-keyscan-new-node = { $host } is a new VC node (node id { $was } → { $now }: the VM was re-created): its host keys changed, so its known_hosts entries in { $file } were replaced
ssh-keyscan-no-node-id = the host keys of { $host } changed and cwh has no node id recorded for it: its known_hosts entries in { $file } were replaced (from now on a changed key on the same node is refused)
ssh-keyscan-refused = host key of { $host } has CHANGED although it is the same VC node (node id { $node }): refused, its known_hosts entries in { $file } are kept — this is what an attack looks like. If you know why the key changed, remove the entries (known_hosts::remove("{ $host }") or ssh-keygen -R { $host } -f { $file }) and run again
ssh-keyscan-no-banner = no SSH banner / key exchange within the timeout
ssh-keyscan-closed = the connection was closed before the SSH banner (sshd is still starting, refuses connections (MaxStartups), or something else listens on the port)
ssh-keyscan-closed-why = the connection was closed before the SSH banner ({ $problem }): sshd is still starting, refuses connections (MaxStartups), or something else listens on the port
ssh-keyscan-not-ssh = what answers on the port is not an SSH server (no SSH banner)
ssh-keyscan-handshake-failed = the SSH handshake failed: { $problem }
ssh-keyscan-no-key-type = the server offered no host key type cwh supports

## Script bindings (ssh::, known_hosts::)
ssh-api-bad-command = a command is a string or an array of arguments, got { $got }
ssh-api-nodes-expected = `nodes` to be an array of nodes (ug.nodes())
ssh-api-nodes-maps = `nodes` must hold node maps (ug.nodes())
ssh-io-not-found = no such file or directory
ssh-io-permission-denied = permission denied
ssh-fanout-task-panicked = internal error: the SSH task of a host stopped: { $problem }

# Today's construction suite (011/021/031: scripts/build-nodes.rhai, stdlib/suite_flow.rhai,
# stdlib/nfs.rhai, stdlib/suite_ops.rhai, scripts/replace-manager.rhai). Same keys and
# placeholders in locales/ja/suite.ftl.

## NFS and dnsmasq on the nodes (stdlib/nfs.rhai)
suite-nfs-server-inactive = { $host }: the NFS server is not active (systemctl status nfs-server: exit { $rc }{ $detail }): check the node's image (coursewarehub:base-nfsd) and its log (journalctl -u nfs-server)
suite-nfs-server-active = { $host }: nfs-server is active
suite-nfs-dirs-unchanged = { $host }: the directories of { $ug } are as they should be (unchanged)
suite-nfs-dirs-made = { $host }: the directories of { $ug }: { $what }
suite-nfs-dir-made = made { $dir } ({ $mode })
suite-nfs-dir-mode = mode of { $dir }: { $mode }
suite-nfs-exports-no-client = no client address for the exports of { $ug }: nothing would be allowed to mount it
suite-nfs-exports-unchanged = { $host }: { $path } unchanged ({ $count } client(s))
suite-nfs-exports-written = { $host }: { $path } now exports /exported/{ $ug } to { $clients }
suite-nfs-exportfs-failed = { $host }: exportfs -r -v failed (exit { $rc }{ $detail }): check the exports file and the NFS server's log (journalctl -u nfs-server)
suite-dnsmasq-unchanged = { $host }: { $path } already has { $ip } { $fqdn } (unchanged)
suite-dnsmasq-written = { $host }: { $path }: { $ip } { $fqdn }
suite-dnsmasq-sighup = { $host }: systemctl restart dnsmasq failed (exit { $rc }); sent dnsmasq a SIGHUP instead
suite-nfs-mounts-in-place = the NFS mounts ({ $mounts }) are in place on { $count } node(s)
suite-nfs-mounts-made = mount -a made the NFS mounts ({ $mounts }) on { $hosts }
suite-nfs-mounts-missing = { $host }: the NFS mounts are missing after mount -a{ $detail }; check NFS_SERVER on the node and the exports on the NFS server
suite-nfs-round-trip-failed = a file made on the NFS server is not seen through NFS on { $hosts }: check the mounts (findmnt /jupyter) and the exports
suite-nfs-round-trip-ok = a file made on the NFS server is seen on { $count } node(s)

## Building (scripts/build-nodes.rhai)
suite-build-simulator = simulator (--sim, or `cwh vcc serve` without --lab): the nodes are records only, so the SSH steps (known_hosts, NFS, dnsmasq, swarm) are skipped; rehearse them with --lab
suite-build-files-done = { $ug } (nfs={ $nfs }): NFS server { $nfs_ip }, manager { $manager_ip }, { $workers } worker(s) { $worker_ips } — VCC steps and files done (group_vars/{ $ug }, { $inventory }, ansible.cfg)
suite-build-ready = { $ug } (nfs={ $nfs }) is ready: NFS server { $nfs_ip }, manager { $manager_ip } ({ $fqdn }), { $workers } worker(s)

## A lost manager (stdlib/suite_ops.rhai, scripts/replace-manager.rhai)
suite-manager-lost = the manager of { $ug } ({ $ip }) is in ERROR: its VM is lost; the students' data is on the NFS node { $nfs_ip } ({ $nfs_group }), which is kept. Replace the manager at the same address and re-form the swarm with the workers:{"\u000A"}{"\u000A"}    { $command }{"\u000A"}{"\u000A"}(add --plan to see first what it does). Do not run scripts/teardown.rhai for this: it deletes every node of { $ug }
suite-replace-no-address = group_vars of { $ug } name no manager address (manager_ipaddress, or vc_ipaddress on the 2020 layout): nothing was changed; the manager is re-created at the address it had, so run this in the workdir that built { $ug }
suite-replace-not-compute = unit group { $ug } is a { $kind } group, not a CoursewareHub: nothing was changed (check unit_group)
suite-replace-no-unit = unit group { $ug } has no manager unit (deleted, or an earlier run of this script stopped after deleting it): a new one is created
suite-replace-not-lost = the manager of { $ug } ({ $states }) is not lost: nothing to replace, nothing was changed. If it does not answer, log in (ssh vcp@{ $ip }) and check sshd and docker, or power it off and on (scripts/stop-nodes.rhai --set stop_manager=true, then scripts/start-nodes.rhai); this script replaces only a manager whose VM is lost (ERROR on the VCC)
suite-replace-resuming = an earlier run of this script replaced the manager but did not finish: finishing it (known_hosts, inventory, swarm)
suite-replace-powered-off = the manager of { $ug } ({ $states }) is powered off, not lost: nothing was changed; start it with scripts/start-nodes.rhai
suite-replace-unknown-state = the manager of { $ug } ({ $states }) is in a state cwh does not know how to fix: nothing was changed; check it with the VCC (vcp.df_nodes() in cwh repl) or ask the VCC operator
suite-replace-disk-gone = the VC disk group { $disk_group } of { $ug } has no disk on the VCC: a new manager would get a new, empty disk instead of the students' data; nothing was changed. Ask the VCC operator about the disk; to go on without its data, build the environment again: { $advice }
suite-replace-with-disk = the VC disk { $disk } of { $disk_group } attached (kept with its data; the disk group is not touched)
suite-replace-data-on-nfs-node = no VC disk (the students' data is on the NFS node { $nfs_ip } ({ $nfs_group }), which is kept)
suite-replace-no-disk = no VC disk (none was built)
suite-replace-will-replace = will replace the manager of { $ug }: delete the unit manager (its VM is lost), create a new manager at { $ip } with { $disk }, then refresh known_hosts and the inventory and re-form the swarm with { $workers } worker(s)
suite-replace-will-create = will create the manager of { $ug } at { $ip } with { $disk }, then refresh known_hosts and the inventory and re-form the swarm with { $workers } worker(s)
suite-replace-deleted = deleted the unit manager of { $ug } (node { $node }); nothing else was deleted
suite-replace-other-address = the VCC gave the new manager of { $ug } the address { $got }, not { $want }: the workers and the NFS exports expect { $want }; check the address with the VCC (vcp.df_nodes() in cwh repl) and run this again
suite-replace-simulator = simulator (--sim, or `cwh vcc serve` without --lab): the nodes are records only, so the SSH, Ansible and swarm steps stop here; rehearse them with --lab
suite-replace-done-with-disk = {" "}with the VC disk of { $disk_group } (the students' data)
suite-replace-done = replaced the manager of { $ug }: { $ip }{ $with_disk }, swarm Ready with { $workers } worker(s). The new swarm has no services yet: deploy the CoursewareHub services again, as after the first build
suite-replace-done-today = replaced the manager of { $ug }: { $ip }, NFS from { $nfs_ip } (mounts checked, a file made on the NFS server read on the hub's nodes), swarm Ready with { $workers } worker(s). The new swarm has no services yet: deploy the CoursewareHub services again, as after the first build

## The operating scripts on today's layout (stdlib/suite_ops.rhai)
suite-layout-2020-name = 2020 (scripts/coursewarehub.rhai)
suite-layout-today-name = today's (notebooks 011/021/031, scripts/build-nodes.rhai)
suite-layout = { $ug }: layout { $name }: { $files }
suite-layout-today = { $ug }: layout { $name }: { $files }; nfs={ $nfs }, NFS server { $nfs_ip } ({ $nfs_group })
suite-ops-no-nfs-server = group_vars of { $ug } name no NFS server (nfs_ipaddress/manager_ipaddress): run scripts/build-nodes.rhai --set ugroup_name={ $ug } to record it
suite-ops-start-manager = start the manager (scripts/start-nodes.rhai)
suite-ops-power-nfs-node = power its node on (the nfs unit of { $owner }; scripts/start-nodes.rhai never powers an NFS node)
suite-ops-nfs-server-silent = the NFS server { $nfs_ip } ({ $nfs_group }) of { $ug } does not answer over SSH ({ $reason }); it must run for this: { $todo }, then run this again
suite-ops-exports-opened = exports of { $ug } opened to the new address(es) { $ips } on { $nfs_ip } ({ $nfs_group })
suite-ops-exports-none-removed = exports of { $ug } on { $nfs_ip } ({ $nfs_group }): no client left, file removed
suite-ops-exports-none-unchanged = exports of { $ug } on { $nfs_ip } ({ $nfs_group }): no client left (unchanged)
suite-ops-exports-exactly = exports of { $ug } on { $nfs_ip } ({ $nfs_group }): exactly { $ips }
suite-ops-exports-exactly-unchanged = exports of { $ug } on { $nfs_ip } ({ $nfs_group }): exactly { $ips } (unchanged)
suite-ops-mounts-in-place = NFS mounts of { $ug } in place on { $ips }
suite-ops-nfs-node-missing = the NFS node of { $ug } ({ $nfs_group }) does not exist on the VCC: unit group { $owner } has no nfs unit; build it again (scripts/build-nodes.rhai --set ugroup_name={ $owner })
suite-ops-nfs-node-down = the NFS node of { $ug } ({ $nfs_group }) is not running ({ $down }); this script never powers an NFS node (other hubs may share it): power it on at the VC Controller (unit nfs of { $owner }), then run this again
suite-ops-exports-unreadable = could not list /etc/exports.d on the NFS node { $nfs_ip } ({ $reason }): only this workdir's files were checked for hubs that share it
suite-ops-nfs-node-off-deps = the NFS node { $nfs_ip } of { $ug } is not running: only this workdir's files were checked for hubs that share it
suite-ops-teardown-refused = the NFS node { $nfs_ip } ({ $nfs_group }) of { $ug } still serves { $count } other hub(s): { $why }. Deleting { $ug } would delete their NFS server with their students' data. Tear those hubs down first ({ $commands }, in the workdir that built them), then run this again; nothing was deleted
suite-ops-dep-group-vars = group_vars/{ $hub } has nfs_target: { $target }
suite-ops-dep-exports = the NFS node has /etc/exports.d/{ $hub }.exports
suite-ops-exports-sim = simulator: { $path } on the NFS node { $nfs_ip } ({ $nfs_group }) is not touched (no node)
suite-ops-exports-removed = { $path } on { $nfs_ip } ({ $nfs_group }): removed, exportfs -r
suite-ops-exports-gone = { $path } on { $nfs_ip } ({ $nfs_group }): already gone
suite-ops-dnsmasq-removed = { $path } on { $nfs_ip } ({ $nfs_group }): removed { $ip } { $fqdn }

## Operating either layout (stdlib/lifecycle.rhai)
suite-lc-no-manager-unit = unit group { $ug } has no manager unit: create it again with { $command } (it keeps the VC disk with the students' data)
suite-lc-no-group-vars = no group_vars for unit group { $ug } in { $dir }: run this in the directory where scripts/coursewarehub.rhai or scripts/build-nodes.rhai built it (--workdir DIR), or pass --set unit_group=NAME
suite-lc-no-power-control = provider { $provider } has no power control on the VCP (only aws and azure do; 911/912): stop paying for the workers by removing them (scripts/remove-workers.rhai, the students' data stays on the manager's VC disk); at the end of term: { $advice }
suite-lc-no-ugroup = unit group { $ug } does not exist on { $vcc }: nothing to operate on (build it with scripts/coursewarehub.rhai)
suite-lc-no-node = unit { $unit } has no node at { $ip }
suite-lc-powering-off = { $unit } { $ip }: { $state } → powering off
suite-lc-powering-on = { $unit } { $ip }: { $state } → powering on
suite-lc-processing = { $unit } { $ip }: the VCC is still processing the unit; waiting 5 s and re-checking
suite-lc-host-key-changed = the host key of { $hosts } has CHANGED: if the VM was re-created (the VCC shows a new node id), run scripts/coursewarehub.rhai — it records the new keys of re-created nodes and re-forms the swarm — then this again; if it was not re-created, do not connect: this is what an attack looks like
suite-lc-no-answer = sshd or docker does not answer after { $seconds } s on { $hosts }: log in (ssh vcp@HOST) and check systemctl status sshd docker
suite-lc-swarm-too-many = the swarm has { $ready } Ready node(s), { $count } expected: it lists nodes that are not workers of this unit group; remove them on the manager (docker node rm --force ID)
suite-lc-swarm-not-ready = the swarm has { $ready } Ready node(s) after { $seconds } s, { $count } expected; not Ready: { $down }: check docker on those nodes (ssh vcp@HOST systemctl status docker), or power them on with scripts/start-nodes.rhai
suite-lc-not-addresses = expected a list of IPv4 addresses, got { $value }

## Parameters and checks of the build (stdlib/suite_flow.rhai)
suite-version-empty-part = "{ $v }" has an empty part
suite-version-not-number = "{ $v }" has a part that is not a number: "{ $part }"
suite-vcc-version-unreadable = the VCC reports the version { $found }, which cwh cannot read ({ $have }); today's notebooks need VCC { $min } or later: ask the VCC operator which version runs
suite-vcc-version-older = the VCC is version { $found }, older than { $min } that today's construction notebooks (011/021/031) and this script need: nothing was created; ask the VCC operator to update the VC Controller, or build with scripts/coursewarehub.rhai (the 2020 layout)
suite-vcc-version-ok = VCC version { $found } ({ $min } or later needed)
suite-param-mac = parameter { $name }: "{ $value }" is not a MAC address; write six pairs of hex digits separated by colons, e.g. 02:00:00:00:00:01
suite-param-fqdn-not-text = parameter master_fqdn: expected a host name, got { $value }; { $fix }
suite-param-fqdn-too-long = parameter master_fqdn: "{ $start }…" is longer than 253 characters; { $fix }
suite-param-fqdn-no-domain = parameter master_fqdn: "{ $value }" has no domain; { $fix }
suite-param-fqdn-bad-label = parameter master_fqdn: "{ $value }" has an empty or over-long label; { $fix }
suite-param-fqdn-hyphen = parameter master_fqdn: "{ $value }": a label may not start or end with "-"; { $fix }
suite-param-fqdn-char = parameter master_fqdn: "{ $value }" has the character "{ $c }", not allowed in a host name; { $fix }
suite-param-fqdn-address = parameter master_fqdn: "{ $value }" is an address, not a host name; { $fix }
suite-param-pool-not-cidr = parameter docker_address_pool: "{ $value }" is not a network in CIDR form; { $fix }
suite-param-pool-no-prefix = parameter docker_address_pool: "{ $value }" has no prefix length; { $fix }
suite-param-pool-prefix-range = parameter docker_address_pool: the prefix /{ $bits } must be between /8 and /28; { $fix }
suite-param-pool-host-bits = parameter docker_address_pool: "{ $value }" has host bits set; the network is written with its first address, { $fix }
suite-param-mounts-not-list = parameter extra_mount_points: expected a list of paths, got { $value }; { $fix }
suite-param-mount-not-absolute = parameter extra_mount_points: "{ $mp }" is not an absolute path below /; { $fix }
suite-param-mount-bad-chars = parameter extra_mount_points: "{ $mp }" has characters that are not allowed (the images join the list with ':'); { $fix }
suite-param-mount-escapes = parameter extra_mount_points: "{ $mp }" has an empty, "." or ".." part and would escape /exported/<ugroup_name> on the NFS server; { $fix }
suite-param-mount-image-dir = parameter extra_mount_points: "{ $mp }" is under /{ $value }, which the images mount themselves; choose another directory, e.g. /share
suite-param-mount-twice = parameter extra_mount_points: "{ $mp }" is listed twice
suite-param-nfs-choices = { $reason }: manager builds configuration 1 (notebook 011, NFS on the manager), node configuration 2 (021, its own NFS node), shared configuration 3 (031, the NFS node of another hub named by nfs_target)
suite-param-nfs-changed = parameter nfs: { $ug } was built as nfs={ $was } (group_vars/{ $ug }), not { $nfs }; a built hub cannot change its configuration: keep --set nfs={ $was }, or choose another ugroup_name for a new hub
suite-param-ugroup-2020 = parameter ugroup_name: { $ug } is a hub of the 2020 layout (group_vars/{ $ug } has unit_group/vc_flavor): it is operated with scripts/coursewarehub.rhai; choose another ugroup_name for a new hub
suite-param-ugroup-taken-vcc = parameter ugroup_name: unit group { $ug } already exists on the VCC and this workdir has no group_vars/{ $ug }: it is another hub (built from another workdir?); choose another ugroup_name, or run this in the workdir that built it
suite-param-ugroup-taken-inventory = parameter ugroup_name: { $inventory } already has a group { $ug } but there is no group_vars/{ $ug }: another hub of this name was built here; choose another ugroup_name
suite-param-provider = parameter vc_provider: { $value }
suite-param-flavor-unknown = parameter { $k }: { $vc_provider } has no flavor "{ $value }"; known: { $names }
suite-param-workers-not-list = parameter worker_ipaddresses: expected a list of addresses, got { $worker_ipaddresses }; e.g. [172.30.2.101, 172.30.2.102]
suite-param-workers-count = parameter worker_ipaddresses: { $count } address(es) for worker_nodes={ $worker_nodes }; give one address per worker (to change the number of workers of a built hub, use scripts/add-workers.rhai or scripts/remove-workers.rhai)
suite-param-address-twice = parameter { $name }: { $ip } is also given as { $value }; every node needs its own address
suite-param-address-used = parameter { $name }: { $ip } is a node of unit group { $name2 }; pick a free address in the private network
suite-param-macs-not-list = parameter worker_mac_addresses: expected a list of MAC addresses, got { $worker_mac_addresses }
suite-param-macs-count = parameter worker_mac_addresses: { $count } address(es) for worker_nodes={ $worker_nodes }; give one MAC address per worker
suite-param-mac-provider = parameter { $value }: { $vc_provider } nodes take no MAC address (only vmware and proxmox do); remove the MAC address parameters
suite-param-user-provider = parameter ssh_user_name: { $vc_provider } nodes take no login user (only onpremises, the mdx VMs, do; the nodes' user is vcp); remove ssh_user_name
suite-param-master-ip = parameter master_ip: { $master_ip } is not manager_ipaddress ({ $value }); the build saves master_ip as the manager's address: drop master_ip, or give the same address to both
suite-param-disk-group-own = parameter disk_unit_group: { $ug } is the hub's own unit group; the notebooks' name is { $ug }_disk
suite-param-key-missing = parameter { $k }: { $value } does not exist (create a pair with: ssh-keygen -t ed25519 -f { $ssh_private_key_path })
suite-param-target-not-nfs-group = parameter nfs_target: "{ $t }" is not an NFS group (<unit group>_nfs); { $fix }
suite-param-target-own = parameter nfs_target: { $t } is this hub's own group; { $fix }
suite-param-target-unknown = parameter nfs_target: { $inventory } has no group { $t } (NFS groups here: { $extra }); { $fix }
suite-param-target-hosts = parameter nfs_target: group { $t } has { $count } hosts in { $inventory }, an NFS group has exactly one; { $fix }
suite-param-nfs-server-mismatch = parameter nfs_server: { $nfs_server } is not the host of { $t } ({ $ip }); the nodes would mount a server that does not export to them: drop nfs_server (it is taken from nfs_target) or give { $ip }
suite-param-target-no-unit = parameter nfs_target: unit group { $owner } has no nfs unit on the VCC (deleted?); { $fix }
suite-param-target-down = parameter nfs_target: the NFS node of { $owner } is not running ({ $down }); start it first (cwh run scripts/start-nodes.rhai --set unit_group={ $owner })
suite-param-shared-address = parameter { $value }: { $ip } is the shared NFS node's address
suite-param-shared-worker-address = parameter worker_ipaddresses: { $ip } is the shared NFS node's address
suite-params-nothing-created = { $reason }; nothing was created or saved
suite-root-disk-unsupported = { $vc_provider }: this provider does not support the specification of the root volume size; manager_disk_size, worker_disk_size{ $extra } are not applied
suite-vc-disk-unsupported = vc_nfs_disk_size: { $vc_provider } takes no VC disk in today's notebooks (aws and azure only): the NFS data stays on the root disk
suite-configuration = configuration: nfs={ $nfs }, notebook { $value }; unit group { $ugroup_name }
suite-drift-worker-nodes = worker_nodes: { $ugroup_name } has { $have } workers: remove workers with scripts/remove-workers.rhai, or pass worker_nodes={ $have }
suite-drift-refused = the parameters contradict the nodes of { $ugroup_name } (table above); nothing was created or saved, group_vars were kept:
suite-param-target-no-ssh = parameter nfs_target: the NFS node { $nfs_ipaddress } of { $nfs_target } does not answer over SSH ({ $extra }); start it (cwh run scripts/start-nodes.rhai --set unit_group={ $start }) or check the key in { $inventory }; nothing was created or saved
suite-param-target-reason = parameter nfs_target: { $reason }; nothing was created or saved
suite-config-manager = 011 (構成1: NFS on the manager)
suite-config-node = 021 (構成2: its own NFS node)
suite-config-shared = 031 (構成3: the NFS node of another hub)
suite-fix-fqdn = write the hub's host name, e.g. hub.example.org (letters, digits and hyphens in dot-separated labels)
suite-fix-pool = e.g. 10.10.0.0/16 (the notebooks' default)
suite-fix-mounts = write absolute paths such as /share (letters, digits, '.', '_', '-' and '/')
suite-fix-target = nfs_target names the NFS group of a configuration-2 hub built in this workdir (scripts/build-nodes.rhai --set nfs=node), e.g. HubA_nfs
suite-param-onprem-manager = parameter manager_ipaddress: onpremises (mdx) needs the manager's address
suite-param-onprem-workers = parameter worker_ipaddresses: onpremises (mdx) needs the workers' addresses
suite-param-onprem-nfs = parameter nfs_ipaddress: onpremises (mdx) needs the NFS node's address
suite-param-onprem-user = parameter ssh_user_name: onpremises (mdx) needs the VM's login user
suite-params-refused-suffix = {" "}with the parameters; nothing was created or saved
suite-drift-ssh-key = ssh_public_key_path: the nodes accept only the key they were built with: keep the saved ssh_public_key_path and ssh_private_key_path
suite-drift-keep = { $name }: the { $role } was built with { $on_vcc } ({ $attribute }) and cannot change in place: keep the saved value (drop the --set, fix the params file); to change it, build the hub again
suite-spec-refused = the { $role }'s spec: { $reason }

## the drift table of build-nodes (stdlib/suite_flow.rhai)
suite-col-unit = unit
suite-drift-workers-have = { $have } worker(s)

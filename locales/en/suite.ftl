# Today's construction suite (011/021/031: scripts/build-nodes.rhai, stdlib/suite_flow.rhai,
# stdlib/nfs.rhai, stdlib/suite_ops.rhai, scripts/replace-manager.rhai). Same keys and
# placeholders in locales/ja/suite.ftl.

## NFS and dnsmasq on the nodes (stdlib/nfs.rhai)
suite-nfs-server-inactive = { $host }: the NFS server is not active (systemctl status nfs-server: exit { $rc }{ $detail }): check the node's image (coursewarehub:base-nfsd) and its log (journalctl -u nfs-server)
suite-nfs-server-active = { $host }: nfs-server is active
suite-nfs-dirs-unchanged = { $host }: the directories of { $ug } are as they should be (unchanged)
suite-nfs-dirs-made = { $host }: the directories of { $ug }: { $what }
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

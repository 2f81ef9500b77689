# Messages of the shipped scripts (scripts/*.rhai). The Japanese catalog
# (locales/ja/scripts.ftl) has the same keys with the same placeholders (tests/i18n.rs).

## coursewarehub.rhai: the seed notebook
coursewarehub-simulator-stops-here = simulator (--sim, or `cwh vcc serve` without --lab): the nodes are records only, so the SSH, Ansible and swarm steps stop here; rehearse them with --lab
coursewarehub-ready = CoursewareHub nodes of { $unit_group } are ready: manager { $manager }, { $workers } worker(s)

## validate-site.rhai
validate-site-nodes = { $nodes } (1 manager + { $workers } workers)
validate-site-no-disk = no VC disk
validate-site-address-in = { $ip } (in { $network })
validate-site-col-parameter = parameter
validate-site-col-value = value
validate-site-with-parameters = {" "}with the parameters
validate-site-ok = parameters OK

## shared by the operating scripts
scripts-private-key-missing = parameter ssh_private_key_path: { $path } does not exist
scripts-inventory-updated = inventory { $inventory }: { $workers } worker host(s) (old file: { $inventory }.bak); group_vars: vc_nodes={ $vc_nodes }

## add-workers.rhai (notebook 921)
add-workers-empty-list = parameter add_ipaddresses: an empty list (give addresses, or add_nodes=N)
add-workers-macs-without-addresses = parameter add_mac_addresses: { $count } MAC address(es) but no add_ipaddresses: give the new nodes' addresses too (add_ipaddresses=[…]), one MAC address per address in the same order
add-workers-macs-count = parameter add_mac_addresses: one MAC address per address of add_ipaddresses is needed, in the same order: { $macs } given for { $addresses } address(es)
add-workers-macs-provider = parameter add_mac_addresses: provider { $provider } cannot give a node a MAC address of your choosing (the VCP's Fixed MAC feature exists for vmware and proxmox only; { $provider } picks each node's MAC address itself): leave add_mac_addresses out
add-workers-no-worker-unit = unit group { $unit_group } has no worker unit to add nodes to: run scripts/coursewarehub.rhai with a larger vc_nodes instead
add-workers-address-twice = parameter add_ipaddresses: { $ip } is given twice
add-workers-already-worker = { $ip } is already a worker: not added again
add-workers-address-used = parameter add_ipaddresses: { $ip } is already used by unit group { $unit_group } (not as a worker); pick a free address
add-workers-address-is-manager = parameter add_ipaddresses: { $ip } is already used by unit group { $unit_group } (not as a worker: it is the manager's address); pick a free address
add-workers-address-other-group = parameter add_ipaddresses: { $ip } is a node of unit group { $other }; pick a free address
add-workers-the-manager = the manager
add-workers-workers-in-error = worker(s) { $nodes } of { $unit_group } are in ERROR: delete them first (scripts/remove-workers.rhai --set delete_ipaddresses=…)
add-workers-not-running = nodes of { $unit_group } are not RUNNING ({ $nodes }): start them first (scripts/start-nodes.rhai)
add-workers-schedule = a node schedule is configured for this unit group: delete it first (as 921 requires)
add-workers-nothing-added = {" "}with the parameters; nothing was added
add-workers-done-before = add_nodes={ $add } was already carried out on { $unit_group } by the last run ({ $before } → { $now } worker(s)): no node is added again. To add { $add } more, run with --set again=true
add-workers-pending = an earlier run added { $pending } worker(s) without finishing: counting them towards add_nodes={ $add }
add-workers-will-add-count = will add { $count } worker node(s) to { $unit_group } (now { $now }), then refresh known_hosts, the inventory, group_vars and the swarm
add-workers-will-add-addresses = will add worker node(s) { $addresses } to { $unit_group } (now { $now }), then refresh known_hosts, the inventory, group_vars and the swarm
add-workers-workers-not-running = worker(s) not running: { $nodes }. ERROR (the VM failed or is lost): delete them with scripts/remove-workers.rhai --set delete_ipaddresses=…, then run this again; POWER_OFF: start them with scripts/start-nodes.rhai
add-workers-added = added { $count } worker(s) to { $unit_group }: { $addresses }; it now has { $workers } worker(s)

## remove-workers.rhai (notebook 922)
remove-workers-empty-list = parameter delete_ipaddresses: an empty list (give addresses, or delete_nodes=N)
remove-workers-finishing-one = { $ip } is no longer a node on the VCC but still recorded: finishing its removal
remove-workers-not-a-node = { $ip } is not a node of { $unit_group } (already removed?): nothing to do for it
remove-workers-not-a-worker = parameter delete_ipaddresses: { $ip } is not a worker of { $unit_group } (workers: { $workers })
remove-workers-finishing = { $nodes } no longer exist on the VCC but are still recorded (an interrupted run): finishing their removal instead of deleting { $count } more
remove-workers-done-before = delete_nodes={ $count } was already carried out on { $unit_group } by the last run ({ $before } → { $now } worker(s)): nothing is removed again. To remove { $count } more, run with --set again=true (or name them: --set delete_ipaddresses=…)
remove-workers-too-many = parameter delete_nodes: { $unit_group } has { $workers } worker(s), cannot remove { $count }
remove-workers-manager-state = the manager is { $state }: start it first (scripts/start-nodes.rhai)
remove-workers-schedule = a node schedule is configured for this unit group: delete it first (as 922 requires)
remove-workers-nothing-removed = {" "}with the parameters; nothing was removed
remove-workers-nothing-to-do = no worker of { $unit_group } to remove: nothing to do
remove-workers-will-finish = will finish removing { $nodes } from { $unit_group }: the swarm, the inventory, group_vars and known_hosts
remove-workers-will-remove = will remove worker(s) { $nodes } from { $unit_group } ({ $stay } of { $workers } stay): drain them in the swarm, delete the nodes, remove them from the swarm, then update the inventory, group_vars and known_hosts
remove-workers-swarm-manager = { $ip } is a swarm manager ({ $host }): demote it first (docker node demote { $id }); nothing was removed
remove-workers-not-in-swarm = { $ip }: not in the swarm
remove-workers-drained = { $ip } ({ $host }): drained
remove-workers-leave-failed = could not make { $nodes } leave the swarm ({ $reason }); the manager will see them down later
remove-workers-inventory-updated = inventory { $inventory }: { $workers } worker host(s) (old file: { $inventory }.bak); group_vars: vc_nodes={ $vc_nodes }; { $entries } known_hosts entr(ies) removed
remove-workers-removed = removed { $count } worker(s) from { $unit_group }: { $nodes }; it now has { $workers } worker(s)
scripts-no-worker = no worker
scripts-workers = worker(s) { $nodes }
scripts-expected-bool = parameter { $name }: expected true or false, got { $value }

## start-nodes.rhai (notebook 912)
start-nodes-nothing-started = ; nothing was started
start-nodes-the-manager = the manager { $ip }
start-nodes-manager-running = (manager already RUNNING)
start-nodes-will-power-on = will power on: { $manager }, { $workers }; then wait for { $count } Ready swarm node(s)
start-nodes-manager-answers = manager { $ip }: sshd and docker answer
start-nodes-nfs-active = NFS server { $ip } ({ $group }): active
start-nodes-nfs-active-not-powered = NFS server { $ip } ({ $group }): active; its node is not powered by this script
start-nodes-nfs-simulator = simulator: the NFS server { $ip } ({ $group }) is not checked (no node)
start-nodes-nfs-skipped-lab = NFS server check skipped: lab nodes serve no NFS
start-nodes-nfs-skipped-other-host = NFS server check skipped: another host serves NFS (nfs_ipaddress/nfs_target in group_vars)
start-nodes-nfs-starting = nfs-server on the manager is { $state }: starting it
start-nodes-nfs-manager-active = NFS server on the manager: active
start-nodes-workers-answer = { $count } worker(s): sshd and docker answer
start-nodes-timer-enabled = re-enabled the schedule timer cwh-worker-node.timer on the manager
start-nodes-stack-restarts = the coursewarehub stack restarts by itself (allow ~5 minutes); if it does not: docker stack rm coursewarehub, then deploy it again
start-nodes-started = started { $unit_group }: manager { $ip } and { $workers } worker(s) RUNNING, swarm Ready

## stop-nodes.rhai (notebook 911)
stop-nodes-no-such-node = parameter node_no: unit worker has no node { $no }; nodes: { $nodes }
stop-nodes-no-worker-unit = parameter node_no: unit group { $unit_group } has no worker unit
stop-nodes-nothing-stopped = ; nothing was stopped
stop-nodes-nothing-to-do = nothing to do: the selected nodes of { $unit_group } are already POWER_OFF
stop-nodes-will-power-off = will power off: { $workers }
stop-nodes-will-power-off-manager = will power off: { $workers }, then the manager { $ip }
stop-nodes-timer-stopped = stopped the schedule timer cwh-worker-node.timer on the manager
stop-nodes-not-off-yet = not POWER_OFF yet: { $nodes }; run this script again (it retries only those), or one worker with --set node_no=N
stop-nodes-not-found = not found
stop-nodes-nfs-left = the NFS node { $ip } ({ $group }) is left as it is ({ $state }): this script never powers an NFS node
stop-nodes-stopped = stopped { $count } worker(s) of { $unit_group }; start them with scripts/start-nodes.rhai
stop-nodes-stopped-with-manager = stopped { $count } worker(s) and the manager of { $unit_group }; start them with scripts/start-nodes.rhai

## teardown.rhai (notebook 991)
teardown-expected-bool = parameter keep_disk: expected true or false, got { $value }; nothing was deleted
teardown-not-compute = unit group { $name } ({ $id }) is a { $kind } group, not a CoursewareHub: nothing was deleted (check unit_group)
teardown-not-storage = unit group { $name } ({ $id }) is a { $kind } group, not the VC disk group: nothing was deleted (check disk_unit_group)
teardown-duplicates = { $count } unit groups are named { $name } ({ $ids }): all of them are deleted
teardown-plan-ugroup = unit group { $name } { $id } ({ $nodes } node(s), units: { $units })
teardown-plan-disk = VC disk group { $name } { $id } ({ $disks } disk(s): every student's data on them is lost)
teardown-plan-group-vars = group_vars of { $name } (moved aside to a hidden .bak)
teardown-plan-inventory = group { $name } of inventory { $inventory } (old file: { $inventory }.bak)
teardown-plan-inventory-groups = group { $name } of inventory { $inventory } with { $groups } (old file: { $inventory }.bak)
teardown-plan-exports = the exports file /etc/exports.d/{ $name }.exports on the shared NFS node { $ip } ({ $group }); the data in /exported/{ $name } stays there
teardown-plan-dnsmasq = the line of { $fqdn } in /etc/hosts-dnsmasq on that node
teardown-nothing-to-do = nothing to do: { $name } has no unit group, VC disk group, group_vars or inventory group left
teardown-nothing-to-do-keep-disk = nothing to do: { $name } has no unit group left
teardown-will-delete = will delete:
teardown-will-keep = will keep: the VC disk group { $name } ({ $count } group(s), the students' data), group_vars and the inventory, for the next build
teardown-disk-goes-too = the VC disk goes too, with every student's data on it. To keep it: --set keep_disk=true (the next build attaches it to its new manager); to save cost between lectures: scripts/stop-nodes.rhai; a lost manager: scripts/replace-manager.rhai
teardown-confirm-keep-disk = Delete the nodes of { $name }, keeping its VC disk ({ $count } item(s) above)?
teardown-confirm = Delete { $name } for good ({ $count } item(s) above)?
teardown-confirm-with-disk = Delete { $name } for good, with the VC disk and every student's data on it ({ $count } item(s) above)?
teardown-nothing-deleted = nothing was deleted
teardown-deleting-workers = deleting { $count } worker node(s)
teardown-deleting-manager = deleting the manager node
teardown-ugroup-deleted = unit group { $name } { $id }: deleted
teardown-ugroup-failed = unit group { $name } { $id }: { $reason }
teardown-disk-deleted = VC disk group { $name } { $id }: deleted
teardown-disk-failed = VC disk group { $name } { $id }: { $reason }
teardown-nfs-node-gone = the shared NFS node { $ip } ({ $group }) no longer exists on the VCC: no exports file to remove
teardown-exports-failed = the exports file of { $name } on { $ip } ({ $group }): { $reason }
teardown-ugroups-now = unit groups on the VCC now: { $names }
teardown-incomplete = teardown is incomplete: { $count } unit group(s) left: { $left }; group_vars and the inventory are kept. Run this again (it retries what is left); units in ERROR may need the VCC operator
teardown-nodes-deleted-disk-kept = the nodes of { $name } are deleted; kept: the VC disk group { $disk } (the students' data), group_vars and the inventory. Build again with scripts/coursewarehub.rhai (--set the values to change): its new manager gets the kept VC disk
teardown-group-vars-moved = group_vars of { $name } moved to { $path }
teardown-inventory-group-removed = removed group { $name } from { $inventory } (old file: { $inventory }.bak)
teardown-done = { $name } is torn down

## examples/add-admin.rhai (notebook 721) and examples/lab-swarm.rhai
add-admin-no-manager = group_vars/{ $unit_group } has no manager_ipaddress: run this where the VC node notebooks (or scripts/coursewarehub.rhai) built { $unit_group }
add-admin-user-name = the administrator's user name: { $id }
add-admin-check-would-change = { $playbook } (check): would change { $hosts }
add-admin-check-failed = { $playbook } (check): { $reason }
add-admin-changed = { $playbook }: changed { $hosts }
add-admin-log-in = log in as { $email } at https://{ $host }
lab-swarm-manager = manager { $ip }
lab-swarm-workers = workers { $ips }

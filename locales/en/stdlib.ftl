# Messages of the stdlib modules (stdlib/*.rhai) the shipped scripts import. The Japanese
# catalog (locales/ja/stdlib.ftl) has the same keys with the same placeholders (tests/i18n.rs).

## checks.rhai: parameter rules
checks-report = { $count } problem(s){ $what }:
checks-parameter = parameter { $name }: { $problem }
checks-parameter-fix = parameter { $name }: { $problem }; { $fix }
checks-expected-integer = parameter { $name }: expected an integer ≥ { $min }, got { $value } ({ $type })
checks-too-small = parameter { $name }: must be ≥ { $min }, got { $value }
checks-expected-path = parameter { $name }: expected a file path, got "{ $value }" ({ $type }), e.g. --set { $name }=~/.ssh/id_rsa
checks-not-ipv4-parameter = parameter { $name }: not an IPv4 address: { $value }
checks-not-ipv4 = not an IPv4 address: { $value }
checks-not-cidr = not a CIDR subnet: { $cidr }
checks-outside-network = parameter { $name }: { $value } is outside the private network { $cidr }
checks-network-address = parameter { $name }: { $value } is the network address of { $cidr }, not a host address; pick one from { $first } to { $last }
checks-broadcast-address = parameter { $name }: { $value } is the broadcast address of { $cidr }, not a host address; pick one from { $first } to { $last }
checks-reserved-gateway = the gateway (router) address
checks-reserved-dns = the cloud's DNS address
checks-reserved-other = an address the cloud reserves
checks-reserved-address = parameter { $name }: { $value } is { $what } of { $cidr }: AWS and Azure keep the first four addresses of a subnet (network, gateway, DNS, reserved) and the last one; pick one from { $first } to { $last }
checks-nodes-do-not-fit = parameter { $name }: { $count } node(s) do not fit in the private network { $cidr }: it holds { $usable } node addresses (the cloud reserves the first four and the last), { $taken } are in use, so at most { $room } more can be made; ask for { $room } or fewer
checks-mac-not-text = not a MAC address: { $mac } ({ $type })
checks-mac-dashes = { $mac } is written with dashes; write it with colons: { $fixed }
checks-mac-malformed = { $mac } is not a MAC address: six pairs of hex digits separated by colons are expected, e.g. 02:00:5e:10:00:01
checks-mac-broadcast = { $mac } is the broadcast address, which no node can have
checks-mac-multicast = { $mac } is a multicast address (its first octet { $octet } is odd), which no node can have; a node's address has an even first octet, e.g. 02:…
checks-mac-zeros = { $mac } is all zeros, which no node can have
checks-mac-expected-list = parameter { $name }: expected a list of MAC addresses, got { $value } ({ $type }), e.g. --set { $name }=[02:00:5e:10:00:01]
checks-mac-twice = { $mac } is given twice: every new node needs a MAC address of its own
checks-not-one-of = parameter { $name }: must be one of { $choices }, got { $value }
checks-not-one-of-lower = parameter { $name }: must be one of { $choices }, got { $value } (names are lower case: { $lower })
checks-expected-name = parameter { $name }: expected a name, got { $value }
checks-name-characters = parameter { $name }: "{ $value }" must start with an ASCII letter (a-z, A-Z) and contain only ASCII letters and digits, e.g. CoursewareHub2
checks-name-too-long = parameter { $name }: "{ $start }…" has { $length } characters, at most 40 are allowed; choose a shorter name

## coursewarehub_flow.rhai: the steps of the seed notebook
cwh-flow-nothing-created = {" "}with the parameters; nothing was created or saved
cwh-flow-no-flavor = parameter vc_flavor: { $provider } has no flavor "{ $flavor }"; known: { $known }
cwh-flow-key-pair-missing = parameter { $name }: { $path } does not exist (create a pair with: ssh-keygen -t { $type } -f { $privkey })
cwh-flow-key-pair-missing-other-pub = parameter { $name }: { $path } does not exist (create a pair with: ssh-keygen -t { $type } -f { $privkey }; it writes the public key to { $derived }: pass --set ssh_public_key_path={ $derived })
cwh-flow-public-key-missing = parameter ssh_public_key_path: { $pubkey } does not exist; the private key { $privkey } does: write its public key with: ssh-keygen -y -f { $privkey } > { $pubkey }
cwh-flow-private-key-missing = parameter ssh_private_key_path: { $privkey } does not exist: give the path of the private key of { $pubkey } (--set ssh_private_key_path=…); a private key cannot be made from a public one: without it, create a new pair with: ssh-keygen -t { $type } -f { $privkey } and pass --set ssh_public_key_path={ $derived }
cwh-flow-col-parameter = parameter
cwh-flow-col-saved = saved
cwh-flow-col-on-vcc = on the VCC
cwh-flow-col-requested = requested
cwh-flow-drift-line = { $parameter }: saved { $saved }, on the VCC { $on_vcc }, requested { $requested }
cwh-flow-contradict = the parameters contradict what exists for unit group { $unit_group } (table above); nothing was changed and group_vars were kept:
cwh-flow-what-to-do = what to do:
cwh-flow-fix-rebuild = { $name }: the nodes cannot change in place: keep the saved value (drop the --set, fix the params file); to change it anyway, build the environment again: { $teardown }
cwh-flow-fix-image = { $name }: the { $role } was built with { $image } and an image cannot change in place: pass --set { $name }={ $image } (or run the site script that built it); to change it anyway, build the environment again: { $teardown }
cwh-flow-nodes-accept = nodes accept { $key }
cwh-flow-fix-ssh-key = ssh_public_key_path: the nodes accept only the key they were built with: keep the saved key pair (ssh_public_key_path and ssh_private_key_path); nodes with another key are new nodes: { $teardown }
cwh-flow-address-used-by = { $ip } (used by unit group { $other })
cwh-flow-fix-address-used = vc_ipaddress: { $ip } is a node of unit group { $other }; pick a free address in the private network
cwh-flow-fix-manager-address = vc_ipaddress: unit group { $unit_group } already has its manager at { $have }, not { $ip }; use the same address, or another unit_group
cwh-flow-node-count = { $nodes } (1 manager + { $workers } worker(s))
cwh-flow-fix-too-many-workers = vc_nodes: unit group { $unit_group } has { $have } worker(s), more than vc_nodes={ $vc_nodes } allows; remove workers with scripts/remove-workers.rhai, or pass vc_nodes={ $nodes }
cwh-flow-fix-add-workers = vc_nodes: add workers with scripts/add-workers.rhai --set add_nodes={ $add } (it also updates the inventory, group_vars and the swarm)
cwh-flow-fix-disk = vc_nfs_disk_size: a VC disk cannot be added, resized or removed on a built environment: keep the saved vc_nfs_disk_size; to change it anyway, copy the students' data off the disk, then build the environment again: scripts/teardown.rhai deletes every node and the VC disk { $disk_unit_group } with every student's data
cwh-flow-disk-in = { $size } GB disk in { $disk_unit_group }
cwh-flow-no-disk-requested = { $size } (no disk)
cwh-flow-disk-gone = no disk: { $disk_unit_group } is gone
cwh-flow-fix-disk-gone = vc_nfs_disk_size: the VC disk group { $disk_unit_group } this environment was built with (the students' data) is gone from the VCC; nothing makes a new, empty one in its place: ask the VCC operator about it
cwh-flow-no-disk-manager = no disk (the manager exists without one)
cwh-flow-manager-boots-on = unit manager was started and boots on: the next run waits for it and reuses it
cwh-flow-worker-unit-left = vc_nodes is 1 but unit group { $unit_group } has a worker unit: remove it with scripts/remove-workers.rhai
cwh-flow-nodes-answer = all { $count } node(s) answer over SSH

## vcnodes.rhai: unit groups, units and nodes
vcnodes-creating-ugroup = creating unit group { $name } ({ $kind })
vcnodes-ugroup-kind = unit group { $name } exists but is { $have }, not { $kind }: choose another unit_group (cleaning it up deletes everything in it)
vcnodes-ugroup-kind-storage = unit group { $name } exists but is { $have }, not { $kind }: choose another unit_group (cleaning it up deletes everything in it, its disks with their data)
vcnodes-reusing-ugroup = unit group { $name } exists: reusing it
vcnodes-creating-unit = creating unit { $name } with { $count } node(s)
vcnodes-col-attribute = attribute
vcnodes-col-on-vcc = on_vcc
vcnodes-col-requested = requested
vcnodes-drift-line = { $attribute }: { $on_vcc } on the VCC, { $requested } requested; to keep it: { $keep }
vcnodes-unit-differs = unit { $name } of unit group { $unit_group } exists but differs from what this run asks for (table above); nothing was changed:
vcnodes-unit-differs-fix = what to do: keep the values it was built with (above); to change them, the environment must be built again: { $teardown }
vcnodes-adding-nodes = unit { $name } has { $have } node(s): adding { $add }
vcnodes-too-many-nodes = unit { $name } has { $have } nodes but { $count } are wanted: remove nodes with scripts/remove-workers.rhai, or pass vc_nodes={ $vc_nodes }
vcnodes-reusing-unit = unit { $name } exists with { $have } node(s): reusing it
vcnodes-starting-unit = starting unit { $name } with { $count } node(s); it boots while the next steps run
vcnodes-keep-image = --set { $name }={ $image } (the image it was built with; the site script that built it passes it too)
vcnodes-keep-saved = the saved { $name } (drop the --set, fix the params file)
vcnodes-keep-ssh-key = the saved ssh_public_key_path and ssh_private_key_path (the nodes accept only the key they were built with)
vcnodes-keep-other = the value it was built with ({ $value })
vcnodes-teardown-advice = scripts/teardown.rhai deletes every node and the VC disk { $disk_unit_group } with every student's data (back it up first); scripts/teardown.rhai --set keep_disk=true deletes the nodes only, and the next build attaches the kept VC disk to its new manager
vcnodes-lost-manager-disk-kept = the manager of { $unit_group } ({ $ip }) is in ERROR: its VM is lost; the students' data is on the VC disk { $disk_unit_group }, which is kept. Replace the manager at the same address with the same VC disk and re-form the swarm with the workers:
vcnodes-lost-manager-no-disk = the manager of { $unit_group } ({ $ip }) is in ERROR: its VM is lost; this unit group has no VC disk: the data on the manager's own disk was lost with its VM. Replace the manager at the same address and re-form the swarm with the workers:
vcnodes-lost-manager-after = (add --plan to see first what it does). Do not run scripts/teardown.rhai for this: it deletes every node and the VC disk { $disk_unit_group } with every student's data
vcnodes-advice-off = { $nodes } powered off or stopped: start them with scripts/start-nodes.rhai, then run this again
vcnodes-advice-worker-error = { $nodes } in ERROR (the VM is lost): remove them with scripts/remove-workers.rhai --set delete_ipaddresses={ $list }, add new ones with scripts/add-workers.rhai (or run this again), then this again
vcnodes-advice-manager-error = { $nodes } in ERROR: if it never ran, clean the unit group up (ug.cleanup()), fix the cause and run again; if it ran before, the VM is lost: replace it with scripts/replace-manager.rhai, which keeps the VC disk with the students' data
vcnodes-advice-other-error = { $nodes } in ERROR: if it never ran, clean the unit group up (ug.cleanup()), fix the cause and run again; otherwise ask the VCC operator
vcnodes-advice-unknown-state = { $nodes }: a state cwh does not know how to fix: check it with the VCC (vcp.df_nodes())
vcnodes-not-running = unit { $name }: not running: { $states }. { $advice }
vcnodes-none = none

## swarm_flow.rhai: the Docker Swarm
swarm-flow-initialised = swarm initialised on { $ip }
swarm-flow-already-manager = { $ip } already manages a swarm
swarm-flow-removed-stale = swarm: removed the stale entry of { $host } (it joined again)
swarm-flow-joined = { $host }: joined
swarm-flow-member = { $host }: member
swarm-flow-rejoined = { $host }: rejoined
swarm-flow-outcome = { $host }: { $outcome }
swarm-flow-too-few-ready = the swarm has { $ready } Ready node(s), { $count } expected; not Ready: { $down }: check docker on those nodes (ssh vcp@HOST systemctl status docker), or start them with scripts/start-nodes.rhai
swarm-flow-too-many-ready = the swarm has { $ready } Ready node(s) but the unit group has { $count }: { $names }; a node of another unit group joined this swarm? remove it on the manager: docker node rm --force ID

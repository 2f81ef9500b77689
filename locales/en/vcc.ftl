# cwh's messages about the VCC (src/vcc, src/api/vcc*.rs, cwh vcc). The same keys, with the same
# placeholders, are in locales/ja/vcc.ftl (tests/i18n.rs).

## Errors talking to a VCC (src/vcc/error.rs)
vcc-forbidden = token rejected by the VCC (http_status(403)): { $message }
vcc-forbidden-help = the access token was rejected: it is wrong or expired. Get a fresh token from the VCP portal and pass it through VCC_ACCESS_TOKEN, --token-file FILE or the prompt (never on the command line)
vcc-unreachable = cannot reach the VCC at { $url }: { $reason }
vcc-unreachable-help = check vcc.host / vcc_port in vcp_config.yml (or CWH_VCC_URL), that the VCC is up and reachable from here (VPN, firewall). For the simulator: is `cwh vcc serve` running on that address?
vcc-plain-http = the VCC at { $url } answered in plain HTTP, not HTTPS
vcc-plain-http-help = the VCC speaks HTTPS: set vcc.host and vcc_port in vcp_config.yml to the VCC's HTTPS address (port 443 unless your VCP operator gave another). A simulator started with `cwh vcc serve` without --tls speaks plain HTTP: start it with --tls (and trust the ca.pem it prints), or reach it with CWH_VCC_URL=http://HOST:PORT
vcc-not-tls = the server at { $url } does not speak HTTPS: { $reason }
vcc-not-tls-help = this address is not the VCC's HTTPS port (another service listens there): check vcc.host and vcc_port in vcp_config.yml (or CWH_VCC_URL)
vcc-tls = the TLS certificate of { $url } is not trusted: { $reason } (trusted: { $trusted })
vcc-tls-help = pass the site's CA certificate (PEM) with --ca-cert FILE or export REQUESTS_CA_BUNDLE=FILE, as for the VCP SDK (for `cwh vcc serve --tls` it is the ca.pem it printed); cwh trusts --ca-cert, REQUESTS_CA_BUNDLE, SSL_CERT_FILE and the system store
vcc-http = { $what } failed: http_status({ $status }): { $message }
vcc-http-help = the VCC refused the request; its message above says why
vcc-malformed = malformed JSON from the VCC ({ $what }, http_status({ $status })): { $reason }
vcc-malformed-help = the server at this address does not speak the VCC protocol (wrong URL or a proxy error page?)
vcc-unknown-provider = unknown provider `{ $provider }`
vcc-unknown-provider-help = known providers: { $known }
vcc-unknown-flavor = no flavor provider_name[{ $provider }] flavor[{ $flavor }]
vcc-unknown-flavor-help = flavors of { $provider }: { $known }
vcc-unknown-attribute = spec resource has no attributes!!  [{ $attr }]
vcc-unknown-attribute-help = attributes of a { $provider } spec: { $valid }
vcc-ugroup-exists = aleady exist UnitGroup. change name or cleanup first! [{ $name }]
vcc-ugroup-exists-help = use vcp.get_ugroup("{ $name }") to reuse it, pick another name, or clean it up first
vcc-what-ugroup = unit group
vcc-what-unit = unit
vcc-what-node = node
vcc-not-found = { $what } not found: { $name }
vcc-not-found-help = it was deleted or never created; list what exists with vcp.ugroups() / ug.units()
vcc-unit-failed = failed ({ $unit }): { $message }
vcc-unit-failed-address-taken = The address { $address } is already used by another node. Choose a free address inside the network (`vcp.df_nodes()` in `cwh repl` lists the ones in use), or leave the address out and the VCC picks a free one.
vcc-unit-failed-address-outside = The address { $address } is outside the network of the VPN catalog (private_network_ipmask). Choose an address inside it (`cwh vcc check` shows the network), or leave the address out and the VCC picks one.
vcc-unit-failed-address-reserved = The address { $address } is reserved in its network (the network, gateway or broadcast address). Choose another address inside the network, or leave the address out and the VCC picks one.
vcc-unit-failed-no-free-address = Every address of the network is in use. Remove nodes you no longer need, or ask the VCC's operator for a larger network.
vcc-unit-failed-not-ipv4 = An address is not an IPv4 address. Write it as four numbers with dots, such as 172.30.2.100.
vcc-unit-failed-flavor = The flavor (the machine size) is not available. Choose another one from vcp_flavor.yml (`cwh vcc check` lists them).
vcc-unit-failed-image = The image could not be used. Check the image name (manager_image, worker_image) and that the VCC can pull it.
vcc-unit-failed-quota = A limit of the cloud account was reached (how many machines, cores or disks it may have). Remove what you no longer need, or ask the VCC's operator to raise the limit.
vcc-unit-failed-other = A new unit that failed to start: as the notebooks advise, clean up the unit group (ug.cleanup()), fix the cause named above (an address, the flavor, the image or a limit of the cloud account) and run again. A node that ran before and is lost now (its VM gone): remove it with scripts/remove-workers.rhai --set delete_ipaddresses=ADDRESS, then add one with scripts/add-workers.rhai; a powered-off node: scripts/start-nodes.rhai
vcc-unit-failed-then = The unit that failed stays in ERROR on the VCC: as the notebooks advise, clean up its unit group (ug.cleanup()) before you run again with the fix.
vcc-wait-timeout = Full of waiting time ({ $unit }): still { $state } after { $seconds } s
vcc-wait-timeout-help = the nodes may still come up: re-check later with ug.get_unit("{ $unit }").state or ug.find_nodes(), and raise vcc.wait_timeout_sec in vcp_config.yml to wait longer
vcc-cleanup-incomplete = not completed!!! unit group { $ugroup } still holds: { $remaining }
vcc-cleanup-incomplete-help = a storage unit whose disks are attached cannot go: clean up the compute unit group that uses them first, then retry; units in ERROR may need the VCC operator
vcc-config = configuration { $path }: { $message }
vcc-config-help = fix the file (it uses the VCP SDK's format), or point --vcc-config / VCP_CONFIG_DIR elsewhere
vcc-gateway = { $what } failed: the VCC's gateway answered http_status({ $status }) { $attempts } times in a row (a gateway outage, not a refusal): { $message }
vcc-gateway-help = the VCC or a proxy in front of it is down or overloaded: wait until it answers again and re-run the script — it resumes, and whether the last change was applied is re-checked, never blindly repeated
vcc-duplicate = { $count } { $what }s are named { $name }: { $listing }
vcc-lost-race = { $what } { $name }: another run created it at the same moment and keeps it: { $winner }
vcc-journal-help = free space in the workdir (or fix its permissions) and run the script again: it resumes

## Connecting (vcc::connect)
vcc-no-token = no VCC access token
vcc-connected-to = VCC: { $what } at { $url }
vcc-connected = VCC: { $url }
vcc-connected-is-simulator = the VCC at { $url } is cwh's simulator (`cwh vcc serve`)
vcc-connected-is-lab = the VCC at { $url } is cwh's lab (`cwh vcc serve --lab`)

## Waiting for units (src/vcc/wait.rs): one line per unit
vcc-wait-what-unit = unit { $name }
vcc-wait-what-ugroup = unit group { $name }
vcc-wait-what-cleanup = cleanup { $name }
vcc-wait-state-settled = settled
vcc-wait-state-gone = gone
vcc-wait-state-created = created
vcc-wait-starting = { $what }: ...
vcc-wait-progress = { $what }: { $state } ... { $seconds } sec
vcc-wait-done = { $what } is { $state }
vcc-wait-progress-nodes = { $what }: { $state } ... { $seconds } sec, nodes up { $up }/{ $total }
vcc-wait-done-nodes = { $what } is { $state } ({ $up }/{ $total } nodes up, { $seconds } sec)
vcc-wait-summary-unit = { $unit } { $state } ({ $up }/{ $total })
vcc-wait-summary-unknown = { $unit } ?
vcc-wait-summary = { $count } unit(s) waited for together in { $seconds } sec: { $units }

## The VCC client (src/vcc/client.rs)
vcc-race-waiting-one-left = { $count } unit groups are named { $name }: runs may be creating it at this moment; waiting until one is left
vcc-settle-ugroup = unit group { $name }: { $busy } — waiting until it settles before using it
vcc-settle-unit = { $name }: { $busy } — waiting until it settles before using it
vcc-ugroup-not-set-up = { $name } (no yet setup unit_group)
vcc-unit-in-ugroup = { $unit } in unit group { $ugroup }
vcc-vpn-catalog-providers = providers in this VCC's catalog: { $known }
vcc-ugroup-name-empty = unit group name is empty
vcc-ugroup-name-empty-help = give the unit group a name
vcc-new-vc-not-found = cannot find new vc
vcc-race-answer-lost = the VCC's answer to this run's request was lost, so cwh cannot tell which copy is this run's; { $fix }
vcc-race-own-deleted = { $name } (vcid { $vcid }, created by this run a moment ago, was deleted by someone else)
vcc-race-kept = unit group { $name }: { $count } other run(s) created one at the same moment ({ $vcids }); this run's is the oldest and is kept, the others are removed by the runs that made them
vcc-race-removing-left = unit group { $name }: removing the empty copy { $copy } that another run created at the same moment and left behind
vcc-race-waiting-removed = waiting until the other copies are removed: { $vcids }
vcc-race-removed-own = unit group { $name }: removed this run's copy (vcid { $vcid }): another run created one at the same moment and keeps it
vcc-unit-name-invalid = invalid unit name `{ $name }`
vcc-unit-name-invalid-help = unit names use letters, digits, `_` and `-` only ([A-Za-z0-9_-]+)
vcc-kind-mismatch-storage-help = create disk units in a storage group: vcp.create_ugroup(name, "storage")
vcc-kind-mismatch-compute-help = create compute units in a compute group: vcp.create_ugroup(name)
vcc-unit-exists-help = use ug.get_unit("{ $name }"), pick another name, or ug.delete_unit("{ $name }") first
vcc-refused-while-booting = the VCC refused { $what } while unit group { $ugroup } has units booting ({ $busy }): "{ $message }". This VCC may allow one boot at a time per unit group: cwh waits until they are up, then asks again (these boots run one after the other, not together)
vcc-wait-others-too = {" "}(the others were waited for too: { $others })
vcc-unit-op-compute-only-help = unit operations apply to compute units only
vcc-not-ipv4 = `{ $address }` is not an IPv4 address
vcc-not-ipv4-help = use dotted IPv4 addresses, e.g. 172.30.2.101
vcc-mac-ip-lengths-help = give as many MAC addresses as IP addresses, or only one of the lists
vcc-num-add-nodes-small = num_add_nodes must be at least 1, got { $count }
vcc-positive-count-help = pass a positive count
vcc-storage-ip-help = add disks by count: #{"{"} num_add_nodes: 1 {"}"}
vcc-power-compute-only-help = power operations apply to compute units only
vcc-cleanup-completed = cleanup completed. vc { $name } is cleanup(no unit)
vcc-cleanup-unit-state = { $unit } is { $state }
vcc-race-done-none = This run created no copy and stopped; nothing was changed on the VCC.
vcc-race-done-removed = This run removed its own copy (vcid { $vcid }, still empty) and stopped; nothing else was changed on the VCC.
vcc-race-done-removed-by-winner = This run's own copy (vcid { $vcid }, still empty) was removed by the run that keeps the other one; this run stopped and changed nothing else on the VCC.
vcc-race-who-noted = the run that created it ({ $creator })
vcc-race-who = the run that created it
vcc-race-lost-help = { $done } Two builds ran against one VCC at once and the VCC cannot refuse a second unit group of one name, so the oldest is kept and { $who } goes on with it. For one environment, let that run finish and work from its workdir; for a second environment, run this again with another unit group name (--set unit_group=NAME).
vcc-race-unit-ours = This run created unit group { $ugroup } a moment ago; another run found it, reused it and created unit { $unit } first.{" "}
vcc-race-unit-winner = { $unit }, in unit group { $ugroup }
vcc-race-unit-lost-help = { $how }This run's request to create it was refused and it stopped; nothing else was changed on the VCC. Two builds ran against one VCC at once and the other one is building this environment: let it finish and work from its workdir; for a second environment, run this again with another unit group name (--set unit_group=NAME).
vcc-duplicate-teardown = scripts/teardown.rhai deletes the whole environment, the VC disk with every student's data included: do not use it for this.
vcc-duplicate-units-compute-help = the VCC holds { $count } units of one name in unit group { $ugroup } (vcid { $vcid }); cwh does not pick one. { $teardown } To keep the data, clean up only this unit group — { $only } — which leaves the VC disk group and its disk as they are, then run the build again: it creates the nodes anew and attaches the same disk
vcc-duplicate-units-storage-help = the VCC holds { $count } units of one name in the VC disk group { $ugroup } (vcid { $vcid }); cwh does not pick one. { $teardown } Cleaning up this group ({ $only }) deletes its disks too, with the data: to keep the data, ask the VCC operator to remove the extra unit, or copy the data off the NFS server first
vcc-duplicate-why-race = another run created one at the same time as this one (never run two builds against one VCC at once).{" "}
vcc-duplicate-spare-one = {" "}({ $vcid } holds no units: removing it loses nothing)
vcc-duplicate-spare-some = {" "}({ $vcids } hold no units: removing them loses nothing)
vcc-duplicate-spare-all = {" "}(none holds units: removing all but one loses nothing)
vcc-duplicate-disk = {" "}(a storage group's disks go with it: keep the one whose disk holds the data)
vcc-duplicate-ugroups-help = { $why }cwh never picks one. scripts/teardown.rhai would delete all of them and the VC disk group with its disk: every student's data. To keep the data, delete only the copy you do not want{ $spare }, by its id — in `cwh repl`: vcp.find_ugroups(#{"{"} vcid: "VCID" {"}"})[0].cleanup() — keeping the one the workdir's group_vars and known_hosts belong to{ $disk }; then run again

## vcp_config.yml and vcp_flavor.yml (src/vcc/config.rs)
vcc-config-not-dir = not a directory
vcc-config-none = no vcp_config.yml found (VCP_CONFIG_DIR, ~/.config/vcp, { $sdk_dir }): using built-in defaults and flavors
vcc-config-no-config = { $dir }: no vcp_config.yml, using built-in VCC settings
vcc-config-no-flavors = { $dir }: no vcp_flavor.yml, using the built-in flavors
vcc-config-not-mapping = expected a mapping at the top
vcc-config-vcc-not-mapping = vcc: expected a mapping (`vcc:` then `  host: …` indented below it), got { $got }
vcc-config-wait-timeout = vcc.wait_timeout_sec: { $value } is not a number of seconds ≥ 1; how long to wait for a unit, e.g. `wait_timeout_sec: 1000` (the SDK's default)
vcc-config-insecure = vcc.insecure_request_warning: { $value } is not true or false; leave it out (TLS certificates are verified), or write `insecure_request_warning: false` without quotes to turn verification off
vcc-config-private-ip = vcc.private_ip: { $value } is not an IPv4 address; it is the VC Controller's address as the nodes see it, e.g. `private_ip: 172.30.2.10` (leave it out when it is vcc.host)
vcc-config-port = vcc.{ $key }: { $value } is not a port number; ports go from 1 to 65535, e.g. `{ $key }: 443`
vcc-config-port-vcc = vcc.{ $key }: { $value } is not a port number; ports go from 1 to 65535, e.g. `{ $key }: 443` (leave vcc_port out for 443)
vcc-config-host-and-port = {" "}and `vcc_port: { $port }`
vcc-config-port-already = {" "}(vcc_port is already { $port })
vcc-config-host-empty = vcc.host is empty: give the VC Controller's host name or IP address, e.g. `host: vcc.example.ac.jp`
vcc-config-host-url = vcc.host: { $host } is a URL, but vcc.host takes the host alone (cwh, like the VCP SDK, always uses https://HOST[:vcc_port]/vcp/v1/occtr){ $scheme }; write `host: { $name }`{ $extra }
vcc-config-host-scheme = {" "}— the scheme { $scheme }:// cannot be chosen
vcc-config-host-path = vcc.host: { $host } has a path; vcc.host takes the host alone (the path is always /vcp/v1/occtr): write `host: { $name }`
vcc-config-a-space = a space
vcc-config-host-contains = vcc.host: { $host } contains { $what }; give only the VC Controller's host name or IP address
vcc-config-host-ipv6 = vcc.host: { $host } is an IPv6 address; write it in brackets: `host: "[{ $bare }]"`
vcc-config-host-port = vcc.host: { $host } holds a port; the port goes in its own field: write `host: { $name }`{ $extra }
vcc-config-host-bad-ipv4 = vcc.host: { $host } is not an IPv4 address (four numbers 0 to 255 separated by dots) nor a host name
vcc-config-host-bad-name = vcc.host: { $host } is not a host name (letters, digits and `-` in dot-separated parts, e.g. vcc.example.ac.jp) nor an IP address

## Unit group names and MAC addresses (src/vcc/names.rs)
vcc-name-empty = it is empty
vcc-name-control-char = the control character { $code }
vcc-name-bad-char = it contains { $what }; only ASCII letters, digits, `_` and `-` are allowed
vcc-name-bad-start = it must start with an ASCII letter or a digit
vcc-name-too-long = it has { $count } characters, at most { $max } are allowed
vcc-name-yaml-word = the VCC's documents read this word as a boolean or null, not a name
vcc-name-number = the VCC's documents read it as a number, not a name
vcc-ugroup-name-invalid = invalid unit group name { $name }: { $why }
vcc-ugroup-name-invalid-help = name unit groups with 1 to { $max } ASCII letters, digits, `_` and `-`, starting with a letter or a digit, e.g. CoursewareHub2
vcc-mac-dashes = write it with colons, not dashes: { $mac }
vcc-mac-not-mac = not a MAC address: six pairs of hex digits separated by colons are expected, e.g. 02:00:5e:10:00:01
vcc-mac-broadcast = it is the broadcast address, which no node can have
vcc-mac-multicast = it is a multicast address (the first octet { $octet } is odd), which no node can have; a node's address has an even first octet, e.g. 02
vcc-mac-zeros = it is all zeros, which no node can have
vcc-mac-invalid = mac_addresses: { $mac }: { $why }
vcc-mac-invalid-help = give one unicast MAC address per new node, written like 02:00:5e:10:00:01
vcc-mac-twice = mac_addresses: { $mac } is given twice
vcc-mac-twice-help = every new node needs a MAC address of its own

## Unit specs (src/vcc/spec.rs)
vcc-spec-root-disk-ignored = { $provider }: this provider does not support the specification of the root volume size; root_disk_gb ignored
vcc-spec-ebs = { $what } (an EBS volume)
vcc-spec-ebs-of-type = { $what } of type { $kind } (an EBS volume)
vcc-spec-root-volume = a root volume
vcc-spec-vc-disk = a VC disk
vcc-spec-os-disk = a root (OS) disk
vcc-spec-managed-disk = a VC disk (a managed data disk)
vcc-spec-boot-volume = a boot volume
vcc-spec-block-volume = a block volume
vcc-spec-size-too-small = spec.{ $attr }: { $size } GB is less than { $provider } allows for { $what }
vcc-spec-size-too-large = spec.{ $attr }: { $size } GB is more than { $provider } allows for { $what }
vcc-spec-size-help = give a size from { $min } to { $max } GB
vcc-spec-vcc-address = spec.ip_addresses: { $address } is the VC Controller's own address ({ $from } in vcp_config.yml), which no node can have
vcc-spec-vcc-address-help = pick another free address in the VPN catalog's private network
vcc-spec-disks-compute = disks takes storage nodes; node { $no } of unit { $unit } is a compute node
vcc-spec-disks-compute-help = pass the nodes of a storage unit group, e.g. spec.disks = ug_disk.find_nodes()
vcc-spec-no-tags = { $provider } specs have no tags
vcc-spec-no-tags-help = tags exist for aws, aws_disk, azure and azure_disk only
vcc-spec-num-nodes = num_nodes must be at least 1, got { $count }
vcc-spec-num-nodes-help = set spec.num_nodes = 1 or more
vcc-spec-onpremises = onpremises specs need ip_addresses (the existing servers to use)
vcc-spec-onpremises-help = set spec.ip_addresses = ["…"] to the addresses of the prepared VMs
vcc-spec-the-spec = the spec
vcc-spec-private-key = { $what } holds private key material, which is never sent to the VCC
vcc-spec-private-key-help = give public keys only: spec.set_ssh_pubkey("~/.ssh/id_rsa.pub") takes the .pub file, not the private key
vcc-spec-expected = spec.{ $attr }: expected { $what }, got { $got }
vcc-spec-expected-help = set spec.{ $attr } to { $what }
vcc-spec-a-string = a string
vcc-spec-a-positive-integer = a positive integer
vcc-spec-a-list-of-strings = a list of strings
vcc-spec-a-string-or-list = a string or a list of strings
vcc-spec-not-ipv4 = spec.{ $attr }: `{ $address }` is not an IPv4 address
vcc-spec-not-ipv4-help = use dotted IPv4 addresses inside the VPN catalog's private_network_ipmask, e.g. 172.30.2.100
vcc-spec-cci-unreadable = the unit's CCI on the VCC cannot be read: { $problem }

## Connections (src/vcc/http.rs)
vcc-no-host = no VCC configured (vcc.host is missing)
vcc-token-too-long = it is { $length } bytes long, and a VCC access token is one short line (at most { $max } characters)
vcc-token-spaces = it holds spaces or several lines, and a VCC access token is one word
vcc-token-binary = it holds bytes that are not printable text (control characters or non-ASCII: a binary file?)
vcc-ca-cert-missing = --ca-cert: no such file (give the PEM CA certificate of the VCC)
vcc-ca-env-not-file = { $var }={ $path } is not a file; ignored
vcc-token-not-token = the VCC access token is not a token: { $problem }
vcc-token-not-token-help = pass only the access token from the VCP portal (one line) through VCC_ACCESS_TOKEN, --token-file FILE or the prompt
vcc-system-store = the system store
vcc-not-pem-bundle = not a PEM CA bundle: { $problem }
vcc-plan-refused = --plan: refused { $method } { $url }: a plan never changes the VCC
vcc-plan-refused-help = this is a bug in cwh: report it with the script that made the request

## Handles (src/vcc/handle.rs)
vcc-ugroup-kind-unknown = unknown unit group kind { $kind }
vcc-ugroup-kind-unknown-help = use "compute" or "storage"
vcc-drift-no-spec = unit { $unit }: the VCC did not report its spec; cannot compare it with the requested one
vcc-drift-unit = unit { $unit }: { $problem }

## Units, nodes and their operations (src/vcc/model.rs)
vcc-op-use-one-of = use one of: { $ops }
vcc-op-unknown-node = unknown node operation `{ $name }`
vcc-op-unknown-unit = unknown unit operation `{ $name }`
vcc-op-unknown-selection = unknown node selection operation `{ $name }`
vcc-no-address = no address
vcc-unsettled-node = { $unit } node { $no } ({ $address }) { $state }
vcc-unsettled-disk = { $unit } disk { $no } { $state }
vcc-summary-disk = disk { $no }: { $id } { $state }
vcc-no-units = no units
vcc-summary-ugroup = vcid { $vcid } (created { $created }, { $kind }, state { $state }): { $units }
vcc-identity-units = units { $units }
vcc-identity-about = created { $created }, owner { $owner }, state { $state }, { $units }
vcc-identity-number = no. { $no }, { $rest }
vcc-identity-creator = { $rest }; its creator recorded: "{ $creator }"
vcc-identity = vcid { $vcid } ({ $about })
vcc-selector-one = invalid argment, one condition parameter allowed
vcc-selector-one-help = give at most one of num_…_nodes, node_no, ip_address, ip_addresses, cloud_instance_id
vcc-selector-count = number of nodes must be at least 1, got { $count }

## cwh vcc check (the rest is in main.ftl)
vcc-check-no-runtime = cannot start the async runtime: { $problem }

## Script functions (src/api/vcc_calls.rs, src/api/wait.rs)
vcc-expected-nodes = expected nodes from find_nodes()/nodes(), got { $got }: { $problem }
vcc-option-wait = { $func }: option `wait`: expected true or false, got { $got }
vcc-wait-all-not-unit = vcc::wait_all: item { $item } ({ $value }) is not a unit: pass units, e.g. vcc::wait_all([ug.get_unit("worker")])

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
vcc-unit-failed-other = The VCC's message above names the cause (an address, the flavor, the image or a limit of the cloud account).
vcc-unit-failed-then = A new unit that failed to start: as the notebooks advise, clean up the unit group (ug.cleanup()), fix the cause and run again. A node that ran before and is lost now (its VM gone): remove it with scripts/remove-workers.rhai --set delete_ipaddresses=ADDRESS, then add one with scripts/add-workers.rhai; a powered-off node: scripts/start-nodes.rhai
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

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

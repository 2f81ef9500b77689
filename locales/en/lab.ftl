# cwh's messages about the local lab (English): the lab's errors, its Docker engine, node
# image, network, nodes, owners, and the `cwh lab` commands. The same keys and placeholders
# are in locales/ja/lab.ftl (tests/i18n.rs).

## Errors of the lab
lab-no-engine = the lab needs a Docker engine, and none answers ({ $detail })
lab-no-engine-help = as root, `cwh lab engine start` starts cwh's own engine (installing docker.io with --yes); with systemd `systemctl start docker`. DOCKER_HOST selects another engine. `--sim` runs the VCC simulator without Docker (nodes are records only)
lab-docker = Docker: { $problem }
lab-image-failed = building the lab node image failed: { $problem }
lab-image-help = `cwh lab image` needs root, debootstrap (`apt-get install debootstrap`) and a reachable Debian mirror (from /etc/apt/sources.list*, or CWH_LAB_MIRROR); re-run with `cwh lab image --rebuild` after fixing
lab-usage-help = lab names are 1-32 of a-z 0-9 _ - (e.g. `--lab-name test1`); subnets are IPv4 /24 networks (e.g. `--lab-subnet 172.30.2.0/24`)
lab-name-invalid = invalid lab name `{ $name }`
lab-state-unreadable = cannot read lab state { $file }: { $problem }
lab-state-unwritable = cannot write lab state { $file }: { $problem }
lab-cannot-create = cannot create { $path }: { $problem }
lab-cannot-open = cannot open { $path }: { $problem }
lab-cannot-remove = cannot remove { $path }: { $problem }

## The lab's network
lab-subnet-invalid = `{ $subnet }` is not an IPv4 /24 subnet
lab-subnet-taken = the subnet { $subnet } asked for lab `{ $lab }` is taken by { $holder }
lab-subnet-taken-help = nothing was created; choose another subnet
lab-subnet-taken-help-free = nothing was created; choose another subnet (e.g. `--lab-subnet { $free }`, free now)
lab-subnet-none-free = no free 172.30.N.0/24 subnet for the lab
lab-net-of-lab-owner = the network { $network } of lab `{ $lab }` (workdir { $owner })
lab-net-of-lab = the network { $network } of lab `{ $lab }`
lab-net-docker = the Docker network { $network }

## Who a lab belongs to
lab-record-unreadable = cannot read { $file }: { $problem }
lab-record-damaged = the lab record { $file } is damaged ({ $problem }); remove it if lab `{ $lab }` is gone
lab-record-unwritable = cannot record the lab's owner in { $dir }: { $problem }
lab-record-unwritable-help = cwh records which workdir owns each lab there; run cwh as root, or have root create the directory for the users of the Docker engine: `install -d -m 1777 { $dir }`
lab-unrecorded-no-state = lab `{ $lab }` exists but no owner is recorded for it (made by an older cwh), and this workdir ({ $workdir }) has no state of it
lab-unchanged-help = nothing of the lab was changed. `cwh lab down --lab-name { $lab }` removes it (from any workdir), or { $another }
lab-orphan = lab `{ $lab }` is an orphan: the workdir that made it ({ $owner }) no longer exists
lab-belongs = lab `{ $lab }` belongs to the workdir { $owner }, not to this one ({ $workdir })
lab-belongs-run-help = nothing of the lab was created or changed. A lab is used only from the workdir that made it: `cwh lab status --lab-name { $lab }` in { $owner }.{ $own } For a lab of this workdir, { $another }
lab-belongs-status-help = A lab is shown only to the workdir that made it: `cwh lab status --lab-name { $lab }` in { $owner }.{ $own } For a lab of this workdir, { $another }
lab-belongs-down-help = nothing was removed. A lab is removed only from the workdir that made it: `cd { $owner } && cwh lab down --lab-name { $lab }`.{ $own } For a lab of this workdir, { $another }
lab-own-one = {" "}This workdir's own lab is `{ $lab }` (`--lab-name { $lab }`).
lab-own-many = {" "}This workdir's own labs: { $labs }.
lab-choose-another = choose another name and subnet: `--lab-name { $name } --lab-subnet { $subnet }` (both free now), or `export CWH_LAB={ $name } CWH_LAB_SUBNET={ $subnet }` in this workdir's shell

## The lab's Docker engine
lab-engine-busy = another cwh held { $path } for 10 minutes
lab-engine-busy-help = another cwh is setting up the Docker engine (installing or starting it); wait for it to finish, then run cwh again
lab-engine-cannot-start = cannot start { $program }: { $problem }
lab-engine-cannot-start-help = dockerd comes with the docker.io package: `apt-get install docker.io`
lab-engine-exited = exited
lab-engine-died = dockerd (pid { $pid }) stopped before it answered ({ $status })
lab-engine-log-tail = last lines of { $log }:
lab-engine-fix-then-rerun = fix what it says, then run cwh again
lab-engine-timeout = dockerd (pid { $pid }) did not answer within { $seconds } s; cwh stopped it
lab-engine-wait-longer = CWH_DOCKERD_TIMEOUT=120 waits longer
lab-engine-not-ours = the Docker engine that answers was not started by cwh; left running
lab-engine-not-ours-help = cwh stops only the engine it started (pidfile { $pidfile }); stop this one the way it was started (e.g. `systemctl stop docker`)
lab-engine-line = engine: Docker { $version } at { $address }, { $who }
lab-engine-by-cwh = started by cwh (pid { $pid }; log { $log }; `cwh lab engine stop` stops it)
lab-engine-not-by-cwh = not started by cwh (cwh never stops it)
lab-engine-stopped = stopped cwh's Docker engine (pid { $pid })
lab-engine-stopped-killed = stopped cwh's Docker engine (pid { $pid }, killed after 45 s)
lab-engine-none-running = no Docker engine started by cwh is running
lab-docker-no-answer = no answer within 10 s
lab-runtime-failed = cannot start the runtime: { $problem }

## First-time set-up (apt-get)
setup-still-missing = apt-get finished but { $programs } is still not found
setup-still-missing-help = check apt's output in { $log }; `dpkg -l { $packages }` shows what is installed
setup-cannot-read-answer = cannot read the answer: { $problem }
setup-cannot-run-apt = cannot run apt-get: { $problem }
setup-cannot-run-apt-help = apt-get should be /usr/bin/apt-get on Debian/Ubuntu
setup-apt-failed = `apt-get { $args }` failed ({ $status })

## The node image
lab-image-why = building the lab's node image
lab-image-needs-root = debootstrap and chroot need root; run `cwh lab image` as root once
lab-image-step-failed = { $step } failed: { $problem }
lab-image-base-stopped = the base image build stopped ({ $status }); logs in { $dir }
lab-image-scratch = scratch directory: { $problem }
lab-image-context = build context { $dir }: { $problem }
lab-image-building = building the lab node image { $tag } (one to two minutes, once)…
lab-image-built = built { $tag } in { $seconds } s
lab-image-exists = { $tag } exists (use --rebuild to build it again)

## The lab's nodes
lab-node-no-address = node { $node } has no address
lab-node-mounts-ignored = lab: { $node }: params_v host mounts { $mounts } are ignored (the lab mounts what dockerd needs)
lab-node-mounts-ignored-scratch = lab: { $node }: params_v host mounts { $mounts } are ignored (the lab mounts what dockerd needs, and a volume of the node's own on { $paths })
lab-node-dns-outside = lab: { $node }: the DNS server(s) { $outside } of the spec are outside the lab and are not used (no lookup leaves the lab); the node uses { $dns }
lab-node-stopped-booting = container { $container } stopped while booting; its log:
lab-node-disappeared = container { $container } disappeared while booting
lab-node-not-ready = node { $container } ({ $ip }) not ready after { $seconds } s: sshd { $sshd }, dockerd { $dockerd } (see `docker exec { $container } cat /var/log/dockerd.log /var/log/sshd.log`)
lab-node-answers = answers
lab-node-silent = does not answer
lab-address-taken = the address { $ip } is taken on the lab network { $network } by the container { $container }, { $whose }
lab-address-unknown-node = a node of this lab (unit { $unit }, node { $no }) that the workdir's lab state does not know (was .cwh/lab-{ $lab }.json removed?): `cwh lab status` lists it, `cwh lab down` removes the lab with it
lab-address-other-lab-owner = a node of lab `{ $lab }` of the workdir { $owner }: give this node another address
lab-address-other-lab = a node of lab `{ $lab }`: give this node another address
lab-address-not-lab = not a lab node: `docker network disconnect { $network } { $container }` frees the address
lab-reconcile-gone = { $ugroup }/{ $unit } node { $no }: its container is gone; marked ERROR
lab-reconcile-stranger = container of node { $node } is not in this workdir's lab state (`cwh lab down` removes it)

## cwh lab status, cwh lab down
lab-status-orphan = { $orphan }; `cwh lab down --lab-name { $lab }` removes it (from any workdir)
lab-status-unrecorded = lab `{ $lab }`: no owner is recorded for it (made by an older cwh); `cwh lab down --lab-name { $lab }` removes it (from any workdir)
lab-status-no-nodes = lab `{ $lab }`: no nodes
lab-col-ugroup = ugroup
lab-col-unit = unit
lab-col-node-no = node_no
lab-col-ip = ip
lab-col-vcc-state = vcc_state
lab-col-container = container
lab-col-name = name
lab-down-done = lab `{ $lab }`{ $was }: removed { $containers } container(s), { $volumes } volume(s){ $more }
lab-down-was-orphan = {" "}(an orphan: its workdir { $owner } no longer exists)
lab-down-was-unrecorded = {" "}(no owner was recorded for it)
lab-down-network = , the network
lab-down-state = {" "}and the saved state
lab-down-network-state = , the network and the saved state

## cwh lab --help (the summaries of `cwh lab engine start|stop`, and the examples: the CLI
## reads `help-cmd-…` keys from any catalog file; `lab-help-examples` is for `cwh lab --help`)
help-cmd-lab-engine-start = Make sure a Docker engine answers: use the one that does, else start cwh's own dockerd (root; data, pidfile and log in /var/lib/cwh/docker, or CWH_DOCKER_ROOT), installing docker.io and debootstrap with apt-get first when they are missing (asks on a terminal; --yes without one). The engine keeps running for later runs.
help-cmd-lab-engine-stop = Stop the Docker engine cwh started (its containers stop with it). An engine cwh did not start is never stopped. `cwh lab down` does not stop the engine.
lab-help-examples =
    Examples:
      cwh lab engine start --yes                         a Docker engine of cwh's own (root; installs
                                                         docker.io + debootstrap with apt if missing)
      cwh lab image                                      build the node image once (~1 min)
      cwh run examples/lab-swarm.rhai --lab --set ssh_pubkey=~/.ssh/id_ed25519.pub
      cwh lab status                                     nodes, units, IPs, states
      cwh repl --lab --lab-name demo                     the same unit groups at a prompt
      cwh lab down                                       remove the lab's containers, volumes, network
      cwh lab engine stop                                stop the engine cwh started (never another)

    `cwh run … --lab` and `cwh lab image` start cwh's engine themselves when none answers.
    See docs/lab.md.

# Docker Swarm on the nodes (src/swarm, src/api/swarm.rs)

## Errors
swarm-command = { $host }: `{ $command }` failed (rc { $rc }): { $problem }
swarm-command-help = see docker's message above; `docker info` on the host shows the engine and swarm state
swarm-docker-down = Docker is not running on { $host }: { $detail }
swarm-docker-down-help = start it on that node (ssh vcp@HOST sudo systemctl start docker; on the lab the node's dockerd), or power the node on again with scripts/start-nodes.rhai, then run again
swarm-unreachable = { $host }: cannot run docker: { $problem }
swarm-unreachable-help = check that the host is reachable over SSH and that its docker engine runs
swarm-parse = { $host }: unexpected output from docker: { $problem }
swarm-other-swarm = { $host } is already in another swarm (managers: { $managers })
swarm-other-swarm-help = run `docker swarm leave --force` on that host (swarm::leave([host], #{"{"}force: true{"}"})) and join again
swarm-not-manager = { $host } is a worker of a swarm, not a manager
swarm-not-manager-help = run init on a manager, or leave the swarm first (swarm::leave([host], #{"{"}force: true{"}"}))
swarm-bad-state = { $host }: swarm state is { $state }: { $problem }
swarm-bad-state-help = `docker info` on the host shows details; `docker swarm leave --force` resets it
swarm-still-pending = { $host }: the swarm state is still `pending` after { $seconds } s: a swarm init or join there did not finish
swarm-still-pending-why = { $host }: the swarm state is still `pending` after { $seconds } s: a swarm init or join there did not finish ({ $problem })
swarm-still-pending-help = the node may still be reaching its manager: check the network and the manager's docker, then run again; or reset the node with swarm::leave([host], #{"{"}force: true{"}"}) (`docker swarm leave --force` on it) and run again
swarm-timeout = timed out after { $seconds } s waiting for { $what }
swarm-timeout-help = the nodes may still become Ready: check with swarm::nodes(manager)
swarm-not-down = the swarm still lists deleted node(s) as not down after { $seconds } s: { $nodes }
swarm-not-down-help = run this again, or on the manager: docker node rm --force ID
swarm-invalid = invalid argument: { $problem }
swarm-daemon-unreachable = docker info cannot reach the docker daemon
swarm-bad-role = join token role must be "worker" or "manager", got "{ $role }"
swarm-no-token = no SWMTKN- token in the output
swarm-bad-manager-addr = manager address must be ip:port, e.g. "172.30.2.100:2377", got "{ $addr }"
swarm-what-ready = { $count } node(s) to be Ready on { $host }

## Progress
swarm-pending-waiting = { $host }: swarm state is pending (an init or join under way): waiting up to { $seconds } s for it to settle
swarm-dead-swarm = { $host }: still in a swarm whose manager at { $addr } does not know it (node { $node }; the manager was re-created?): leaving it to join the live swarm
swarm-removed-stale = swarm: removed the stale entry of { $host } (it joined again)
swarm-removed = swarm: removed { $hostname } ({ $addr })
swarm-waiting-down = waiting until the manager sees { $nodes } down

## Script bindings (swarm::)
swarm-api-not-hosts = expected SSH hosts, got { $got }
swarm-api-not-group = expected ssh::hosts(…) or ssh::host(…), got { $got }
swarm-api-not-group-help = make them with ssh::hosts(ips, #{"{"} user: "vcp", key: … {"}"})
swarm-api-manager-not-host = swarm::join: `manager` must be an ssh::host(…)

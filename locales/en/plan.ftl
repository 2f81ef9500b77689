# The plan (`cwh run --plan`), the recap at the end of every run and the rehearsal (issue 25).

## The recap
plan-recap-head = RECAP
plan-recap-head-plan = PLAN RECAP
plan-recap-converged = { $head }: converged, nothing changed ({ $vcc }; files: { $files } unchanged; { $remote }) in { $elapsed }
plan-recap-vcc-unchanged = VCC: { $objects } unchanged
plan-recap-no-vcc = no VCC used
plan-recap-failed = the run failed
plan-recap-head-line = { $head }{ $ending } in { $elapsed }
plan-recap-ending = {" "}({ $ending })
plan-recap-vcc-none = {"  "}VCC     not connected
plan-recap-vcc = {"  "}VCC     created: { $created } · changed: { $changed } · deleted: { $deleted } · unchanged: { $unchanged }
plan-recap-files = {"  "}files   written: { $written } · unchanged: { $unchanged }
plan-recap-remote-none-line = {"  "}remote  none
plan-recap-remote-planned = {"  "}remote  { $host }: planned={ $planned }
plan-recap-remote-host = {"  "}remote  { $host }: ok={ $ok } failed={ $failed }
plan-recap-ansible = {"  "}ansible { $host }: ok={ $ok } changed={ $changed } failed={ $failed } unreachable={ $unreachable } skipped={ $skipped }
plan-recap-ansible-planned = {"  "}ansible { $host }: ok={ $ok } would change={ $changed } failed={ $failed } unreachable={ $unreachable } skipped={ $skipped }
plan-recap-no-remote = no remote commands
plan-recap-remote-planned-total = { $count } remote command(s) planned on { $hosts } host(s), none run
plan-recap-remote-total = { $count } remote command(s) ok, { $failed } failed on { $hosts } host(s)
plan-none = none
plan-seconds = { $seconds } s
plan-recap-stopped-by = stopped by { $signal }
plan-recap-stopped-code = stopped by { $signal }: exit code { $code }
plan-recap-second-signal = exited at once on a second signal: exit code { $code }
plan-recap-script-exit = the script called { $call }: exit code { $code }
plan-recap-vcc-unread = recap: cannot read the VCC's state at the end of the run: { $problem }
plan-recap-vcc-silent = recap: the VCC did not answer within { $seconds } s at the end of the run

## VCC objects, counted
plan-nothing = nothing
plan-count-unit-group-one = { $n } unit group
plan-count-unit-group = { $n } unit groups
plan-count-unit-one = { $n } unit
plan-count-unit = { $n } units
plan-count-node-one = { $n } node
plan-count-node = { $n } nodes
plan-count-disk-one = { $n } disk
plan-count-disk = { $n } disks
plan-object-unit-group = unit group
plan-object-unit = unit
plan-object-node = node
plan-object-disk = disk

## The plan
plan-head = PLAN for { $url } (snapshot: { $requests } GET request(s) in { $snapshot_ms } ms; rehearsal { $rehearsal_ms } ms)
plan-error = the rehearsal stopped with an error; the real run would stop there too:
plan-nothing-before-error = nothing would change before that error
plan-no-changes = no changes: the VCC and the files are as the script wants them
plan-no-changes-remote = {" "}({ $count } remote command(s) would still run, listed below)
plan-vcc-objects = VCC objects:
plan-vcc-totals = {"  "}to create: { $create } · to change: { $change } · to delete: { $delete } · unchanged: { $unchanged }
plan-files = files:
plan-file-create = create
plan-file-change = change
plan-file-delete = delete
plan-known-hosts = known_hosts:
plan-known-hosts-rescanned = entries replaced by scanned keys: { $hosts }
plan-known-hosts-removed = entries removed: { $hosts }
plan-remote = remote commands (recorded, not run):
plan-remote-group = {"  "}{ $kind } `{ $what }` on { $count } host(s): { $hosts }
plan-kind-exec = exec
plan-kind-put = put
plan-kind-keyscan = keyscan
plan-kind-local-write = local write
plan-kind-known-hosts-remove = known_hosts remove
plan-kind-playbook = playbook
plan-kind-local-exec = local exec
plan-json-failed = cannot render the plan as JSON: { $problem }

## The rehearsal
plan-fail = --plan: { $what }: { $problem }
plan-fail-note = nothing was changed: the plan stops before the rehearsal
plan-state-unreadable = cannot read { $file }
plan-state-unreadable-help = the file is the simulator's saved state; `cwh vcc reset` (or `cwh lab down`) starts afresh
plan-lab-unreadable = plan: the lab's containers cannot be read ({ $problem }): planning on its saved state
plan-config = VCC configuration
plan-config-help = check vcp_config.yml (see examples/vcp_config.yml)
plan-timed-out = timed out after { $seconds } s
plan-vcc-unreadable = cannot read the VCC's state
plan-vcc-unreadable-help = check the VCC URL, the token and the CA (`cwh vcc check` tells what is wrong), then plan again
plan-copy-failed = --plan: cannot copy the workdir to { $dir }: { $problem }
plan-copy-failed-help = check that the workdir is readable and .cwh/ writable
plan-sim-failed = --plan: cannot start the simulator for the rehearsal: { $problem }
plan-snapshot = plan: snapshot of { $source } ({ $requests } GET request(s), { $ms } ms); rehearsal in { $scratch }
plan-workdir-too-big = the workdir holds more than { $files } files or { $mib } MiB: run from a directory that holds the site's files only (--workdir DIR)

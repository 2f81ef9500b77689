# cwh's messages about the workdir (English): its lock, the run journal, and
# `cwh ansible install`. The same keys and placeholders are in locales/ja/core.ftl
# (tests/i18n.rs).

## The workdir lock: one run at a time per workdir
lock-holder = pid { $pid } on { $host } (`{ $command }`, started { $started })
lock-holder-starting = a run that is just starting
lock-busy = the workdir { $workdir } is in use by another cwh run: { $holder }
lock-busy-help = one run at a time per workdir: wait for it to finish, or { $stop }; the lock is { $path }
lock-stop-starting = try again in a moment: the other run is just starting and has not written its details yet
lock-stop-other-host = stop it on host { $host } (pid { $pid } there)
lock-stop-kill = stop it (kill { $pid })
lock-stop-unverified = stop the cwh run that holds it (the lock file names its command)
lock-io = cannot take the workdir lock { $path }: { $problem }
lock-io-help = check that the workdir exists and is writable (--workdir DIR)
lock-took-over = took over the stale workdir lock { $path } of { $holder }, which is no longer running (killed?): what it was doing is resumed by this run
lock-took-over-pid-reused = took over the stale workdir lock { $path } of { $holder } (its pid now belongs to another process)

## The run journal
journal-write-failed = cannot write the run journal { $path }: { $problem }
journal-stopped = { $problem }; stopped before the next change (free space in the workdir, then run again: it resumes)

## cwh ansible install
ansible-installed = ansible-core { $version } in { $venv } (installed)
ansible-already-there = ansible-core { $version } in { $venv } (already there)
ansible-path-first = note: ansible::playbook uses { $program } (on PATH) before this venv; set CWH_ANSIBLE_VENV={ $venv } to use the venv

## Exit
exit-a-signal = a signal

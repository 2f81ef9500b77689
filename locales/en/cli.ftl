# cwh's command line: run, check, params, repl, doc (issue 25).

## cwh run
cli-journal-create-failed = cannot create the run journal in { $dir }: { $problem }
cli-journal-create-failed-help = free space in the workdir or fix its permissions (--workdir DIR), then run again
cli-exit-code-range = { $call }: an exit code is a whole number from 0 to 255
cli-exit-bad-value = { $call }: give exit() a whole number from 0 to 255, or a message (exit code 1)
cli-output-gone = the output is gone (a closed terminal or pipe): { $problem }
cli-internal-error = internal error in cwh: { $problem } (a bug: please report it with the run journal)

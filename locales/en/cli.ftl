# cwh's command line: run, check, params, repl, doc (issue 25).

## cwh run
cli-journal-create-failed = cannot create the run journal in { $dir }: { $problem }
cli-journal-create-failed-help = free space in the workdir or fix its permissions (--workdir DIR), then run again
cli-exit-code-range = { $call }: an exit code is a whole number from 0 to 255
cli-exit-bad-value = { $call }: give exit() a whole number from 0 to 255, or a message (exit code 1)
cli-output-gone = the output is gone (a closed terminal or pipe): { $problem }
cli-internal-error = internal error in cwh: { $problem } (a bug: please report it with the run journal)
cli-panic = internal error in cwh: { $problem }{"\u000A"}  help: this is a bug; please report it with the run journal (.cwh/runs/) and this message

## Scripts and the workdir
cli-script-is-dir = { $name } is a directory, not a script
cli-script-is-dir-help = give the path of a .rhai file, e.g. scripts/coursewarehub.rhai
cli-script-not-found = script { $name } not found
cli-script-not-found-help = check the path; the shipped scripts are in scripts/
cli-script-unreadable = cannot read script { $name }: { $problem }
cli-script-not-utf8 = { $name }:{ $line }: the script is not valid UTF-8 (byte offset { $offset })
cli-script-not-utf8-help = save the file as UTF-8
cli-workdir-unresolved = cannot resolve --workdir { $dir }: { $problem }
cli-workdir-not-dir = --workdir { $dir }: { $path } is not a directory
cli-workdir-missing = --workdir { $dir }: { $path } does not exist
cli-workdir-help = check the path (a workdir holds an environment's group_vars, inventory and .cwh/), or create it first: mkdir -p { $path }

## cwh check
cli-check-clean = checked { $count } script(s): no problems
cli-check-problems = checked { $count } script(s): { $problems } problem(s)
cli-check-not-defined = not defined
cli-check-did-you-mean = did you mean `{ $name }`? (`cwh doc` lists every function)
cli-check-define-it = define it with `fn`, import the module that has it, or see `cwh doc` for the API

## cwh repl
cli-repl-journal-failed = cannot open the run journal in { $dir }: { $problem }
cli-repl-editor-failed = cannot start the line editor: { $problem }

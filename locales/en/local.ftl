# Commands on this machine, and the scripts' small helpers (src/local, src/api/local.rs,
# src/api/system.rs, src/api/output.rs, src/api/coursewarehub.rs)

## Script bindings
local-api-word-not-text = local::exec: word { $word } of the command is { $got }, not text
local-api-one-string = local::exec: the command "{ $command }" is one string; give it as an array of words (it runs without a shell)
local-api-one-string-help = e.g. local::exec(["git", "clone", url, dir]); for a shell line (pipes, `&&`) pass #{"{"} shell: true {"}"}
local-api-bad-command = local::exec: a command is an array of words, got { $got }
local-api-bad-sleep = sleep: { $seconds } is not a usable number of seconds
local-api-not-a-path = expected a path (text), got { $value } ({ $got })
local-api-not-a-path-help = give a file path, e.g. --set ssh_public_key_path=~/.ssh/id_rsa.pub
local-api-table-columns-help = name columns the rows have (print(rows[0]) shows one row's keys)
local-api-invalid-json = invalid JSON: { $problem }
local-api-invalid-yaml = invalid YAML: { $problem }
local-api-random-secret-digits = coursewarehub::random_secret: { $digits } digits? give 1 to 4096

## local::exec
local-command-help = give the command as an array of words, e.g. local::exec(["ssh-keygen", "-l", "-f", path]); for a shell line pass #{"{"} shell: true {"}"}
local-not-found = program `{ $program }` not found
local-not-found-on-path = program `{ $program }` not found on PATH
local-not-found-help = install it, or give its full path as the first word
local-spawn = cannot run `{ $program }`: { $problem }
local-cwd = the working directory { $dir } does not exist
local-cwd-help = create it first, or give an existing directory as `cwd`
local-timeout = `{ $command }` did not finish within { $seconds } s and was stopped
local-timeout-help = give a longer `timeout` (seconds), or find out why the command hangs
local-empty-command = the command is empty: its first word must be the program to run
local-empty-shell-line = the shell line is empty

## Teachers' user names and passwords (the notebooks' helpers)
local-mail-not-ascii = the mail address "{ $address }" has non-ASCII characters: CoursewareHub's user names are made from ASCII addresses only
local-mail-empty = the mail address is empty
local-bad-salt = the salt "{ $salt }" must be 1 to 16 characters of ./0-9A-Za-z

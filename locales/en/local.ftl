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

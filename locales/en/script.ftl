# Running a script: the host (--sim, --lab, --plan), signals, parameters (issue 25).

## The host
script-label-simulator = embedded simulator
script-label-plan = plan (a rehearsal on a snapshot of { $source })
script-signal-unhandled = cannot handle { $signal }: it will stop cwh at once
script-signal-starting = {"\u000A"}{ $signal } received while the run was starting: exiting
script-signal-interrupting = {"\u000A"}interrupting… (press Ctrl-C again to exit at once)
script-signal-stopping = {"\u000A"}{ $signal } received: stopping the script cleanly (another signal exits at once)
script-signal-exiting = exiting
script-sim-failed = cannot start the embedded VCC simulator: { $file }: { $problem }
script-sim-failed-help = the simulator's state file is damaged or unreadable: `cwh vcc reset --workdir { $workdir }` clears it (the simulated unit groups are forgotten)
script-sim-started = VCC: embedded simulator at { $url } (state in { $file }; `cwh vcc reset` clears it)
script-plan-no-token = --plan: no VCC access token
script-lab-ready = lab `{ $name }`: network { $network } ({ $subnet }), state in { $file }
script-lab-key-created = created the lab key pair { $file }
script-lab-key-public-restored = the lab key's public half { $file }.pub was missing or empty: derived it again from the private key
script-lab-key-replaced = { $file } was not a readable key and had no public half: replaced it with a new pair
script-lab-key-failed = cannot write the lab key pair { $file }: { $problem }
script-lab-key-failed-help = check that the workdir is writable and has free space, or pass --set ssh_private_key_path=… --set ssh_public_key_path=…

## Parameters
script-prompt-flavors = the flavors of { $provider } (vcp_flavor.yml of this VCC): { $choices }
script-prompt-flavors-from = the choices are the flavors of { $provider } (vcp_flavor.yml of this VCC)
script-prompt-flavors-all = flavors per provider (vcp_flavor.yml of this VCC):
script-token-file-read = cannot read token file { $path }: { $problem }
script-token-file-empty = token file { $path } is empty
script-token-file-invalid = token file { $path } does not hold a VCC access token: { $problem }
script-token-file-invalid-help = put only the access token from the VCP portal in the file (one line), or check that --token-file names the right file
script-token-env-invalid = { $var } does not hold a VCC access token: { $problem }
script-token-env-invalid-help = set { $var } to the access token from the VCP portal alone (export { $var }="$(cat FILE)" reads it from a file), or unset it and pass --token-file FILE
script-token-prompt-invalid = the VCC access token typed at the prompt is not a token: { $problem }
script-token-prompt-invalid-help = paste the access token from the VCP portal alone, or pass --token-file FILE
script-token-not-text = it holds bytes that are not printable text (control characters or non-ASCII: a binary file?)
script-token-too-long = the file is { $size } bytes long, and a VCC access token is one short line (at most { $max } characters)
script-env-value = parameter { $name }: { $var }: { $problem }; fix or unset { $var } (its value is read as YAML: 3, true, [a, b], "text")
script-prompt-failed = cannot prompt for `{ $name }`: { $problem }
script-secret-prompt-failed = cannot prompt for secret `{ $name }`: { $problem }
script-secret-prompt = { $name } (input hidden):{" "}
script-params-not-mapping = the top level is not a mapping
script-yaml-duplicate = {" "}(a parameter may appear only once: delete one of them)
script-set-secret = --set { $key }: `{ $key }` is a secret, never read from the command line (argv leaks): { $how }
script-file-secret = { $file }: `{ $key }` is a secret and is ignored there (secrets are never read from files); set { $env } in the environment
script-file-unknown = { $file }: `{ $key }` is not a parameter of { $script }, ignored{ $hint }

## Tables (the heading of a list of plain values; scripts name their own columns with t())
script-column-value = value
script-table-no-column = table: no row has the column(s) { $missing }; the rows' keys are: { $keys }

## cwh repl
script-repl-saved = saved { $count } entries to { $file }
script-repl-save-failed = error: cannot write { $file }: { $problem }
script-repl-secrets-left-out = warning: { $count } entries hold a secret and were left out

## Modules and questions
script-module-not-found = module "{ $name }" not found; looked in:{"\u000A"}  { $places }
script-import-cycle = import "{ $name }" resolves to { $file }, which is already being loaded (an import cycle, or a script importing itself)
script-confirm-yes = { $question } [y/N] yes (--yes)
script-confirm-ask = { $question } [y/N]{" "}
script-confirm-no-terminal = cannot ask "{ $question }": no terminal
script-confirm-no-terminal-help = run it in a terminal, or pass --yes to answer yes
script-needs-run = this function needs a run: call it from `cwh run` or `cwh repl`
script-debug-line = line { $line }

## Options of script functions (`#{ timeout: 2.5, port: 22 }`)
script-expect-seconds = a number of seconds
script-expect-integer = an integer
script-expect-number = a number
script-expect-bool = true or false
script-expect-text = a string
script-expect-texts = a list of strings
script-expect-array = an array
script-expect-map = a map
script-option-expected = expected { $expected }, got { $got }
script-option-negative = { $option } must not be negative
script-option-bad-seconds = { $option }: { $value } is not a usable number of seconds
script-option-bad-port = port { $port } is out of range
script-option-at = option `{ $option }`:

## cwh check: calls nothing defines
script-unknown-method = unknown method `{ $name }`: no function of that name is defined
script-unknown-function = unknown function `{ $name }`
script-unknown-function-in = unknown function `{ $name }` in module `{ $module }`
script-unknown-module = unknown module `{ $module }` (not registered and not imported)
script-module-does-not-compile = module "{ $name }" does not compile: { $problem }
script-stdlib-embedded = stdlib (embedded: { $modules })

## Starting a run
script-runtime-failed = cannot start the async runtime: { $problem }
script-lab-sim-failed = cannot start the embedded VCC simulator: { $problem }
script-label-lab = lab `{ $name }` (simulator with container nodes)
script-module-unreadable = cannot read module { $name }
script-params-module-not-found = module "{ $name }" not found
script-value-unusable = cannot use { $what } here: { $problem }

## Syntax errors (the English is Rhai's own wording)
script-parse-missing-token = Expecting '{ $token }' here
script-parse-undefined-variable = Undefined variable: { $name }
script-parse-undefined-module = Undefined module: { $name }
script-parse-variable-exists = Variable already defined: { $name }
script-parse-duplicated-variable = Duplicated variable name: { $name }
script-parse-duplicated-property = Duplicated property for object map literal: { $name }
script-parse-incomplete = Script is incomplete
script-parse-reserved = '{ $word }' is a reserved keyword
script-parse-expression-expected = Expecting { $what } expression
script-parse-property-expected = Expecting name of a property
script-parse-variable-expected = Expecting name of a variable
script-parse-unknown-operator = Unknown operator: '{ $operator }'
script-parse-fn-missing-params = Expecting parameters for function { $name }
script-parse-fn-missing-name = Expecting function name in function declaration
script-parse-fn-not-global = Function definitions must be at global level and cannot be inside a block or another function
script-parse-break-outside-loop = Break statement should only be used inside a loop
script-parse-assign-constant = Cannot assign to constant { $name }
script-parse-unexpected = Unexpected '{ $input }'
script-parse-unterminated-string = Open string is not terminated
script-parse-bad-number = Invalid number: '{ $input }'

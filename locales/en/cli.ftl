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

## --help of each command's options (shown in Japanese; English keeps the doc comments)
cli-help-subcommand = Print this message or the help of the given subcommand(s)
cli-arg-help = Print help
cli-arg-script = The script (a .rhai file)
cli-arg-scripts = Scripts to check
cli-arg-sets = Set a parameter: `--set vc_nodes=3`. Values are typed as YAML (3 a whole number, true a yes/no, [a, b] a list, "16" text); the last --set of a key wins. Never use it for secrets
cli-arg-params = A YAML file of parameters (`vc_nodes: 3`), below --set in precedence
cli-arg-workdir = The working directory: group_vars, inventory and the run journal (.cwh/). Default: the current directory
cli-arg-libs = Extra directory searched by `import` before the embedded stdlib (repeatable; also CWH_LIB=dir1:dir2). A file there overrides the stdlib module of the same name
cli-arg-yes = Answer yes to every confirm() (needed for destructive steps without a terminal), and let cwh install missing packages (docker.io, debootstrap) with apt-get without asking
cli-arg-vcc-config = Directory holding vcp_config.yml and vcp_flavor.yml (else VCP_CONFIG_DIR, ~/.config/vcp, /notebooks/notebook/vcp_config)
cli-arg-token-file = File holding the VCC access token (else VCC_ACCESS_TOKEN, else a hidden prompt)
cli-arg-ca-cert = CA certificate (PEM) of a VCC with a private CA. Trusted together with REQUESTS_CA_BUNDLE (the VCP SDK's), SSL_CERT_FILE and the system store
cli-arg-sim = Talk to the embedded VCC simulator instead of a real VCC: nothing to configure, no token to type. Its state is kept in <workdir>/.cwh/sim-state.json (`cwh vcc reset` clears it)
cli-arg-lab = The simulator with real nodes: each compute node is a container with sshd and dockerd on a private Docker network (needs a Docker engine; builds the node image on first use). State in <workdir>/.cwh/lab-<name>.json; `cwh lab down` removes it
cli-arg-lab-name = Which lab, e.g. `--lab-name test1` (a lab belongs to the workdir that made it)
cli-arg-lab-subnet = Subnet of a new lab network, e.g. `--lab-subnet 172.30.5.0/24` (default: 172.30.2.0/24 for the default lab, else the first free 172.30.N.0/24)
cli-arg-run-script = The script to run (a .rhai file)
cli-arg-run-plan = Show what the run would do, changing nothing: the VCC's state is read with GET requests only and the unchanged script rehearses on the simulator seeded with it; files are written to a scratch copy in <workdir>/.cwh/plan/. Commands that change a node are recorded, not run
cli-arg-run-offline = With --plan: contact no node (for nodes that cannot be reached from here)
cli-arg-run-output = How to print the plan: text, or json for tooling
cli-arg-params-output = table (the default) or json
cli-arg-lab-status-output = table (the default) or json
cli-arg-doc-format = Output format: text or markdown (docs/api.md)
cli-arg-completions-shell = bash, zsh, fish, elvish or powershell
cli-arg-lab-image-rebuild = Build again even when the image exists (also rebuilds the debootstrap base)
cli-arg-ansible-install-venv = Where the venv goes (default: CWH_ANSIBLE_VENV, else ~/.cache/cwh/ansible-venv)
cli-arg-vcc-reset-workdir = The workdir whose .cwh/sim-state.json is removed (default: the current directory)
cli-arg-vcc-serve-listen = Address to listen on, e.g. `--listen 127.0.0.1:18443` (port 0: any free port)
cli-arg-vcc-serve-state = JSON file to load the state from and save it to after every change, e.g. `--state .cwh/sim-state.json`
cli-arg-vcc-serve-boot-delay = Time a node spends BOOTING before RUNNING, e.g. `--boot-delay 2s` or `500ms`
cli-arg-vcc-serve-node-addresses = Address pool for nodes, e.g. `--node-addresses 172.30.2.100-172.30.2.200`
cli-arg-vcc-serve-fault-rate = Share of requests that fail with 502/503/504 or a dropped connection, e.g. `--fault-rate 0.3`
cli-arg-vcc-serve-fault-seed = Seed for the fault sequence so a run is reproducible, e.g. `--fault-seed 42`
cli-arg-vcc-serve-latency = Latency added to every request, e.g. `--latency 50ms`
cli-arg-vcc-serve-token-file = File holding the token clients must send (instead of CWH_SIM_TOKEN)
cli-arg-vcc-serve-lab = Serve a lab: nodes are containers with sshd and dockerd; addresses are the lab network's .100-.200
cli-arg-vcc-serve-tls = Serve HTTPS (without --cert/--key, with a private CA made on first use in --tls-dir)
cli-arg-vcc-serve-tls-dir = Where --tls keeps its CA and server certificate (default: .cwh/tls in the current directory)
cli-arg-vcc-serve-tls-name = Another name or address clients use for this server, put in the generated certificate (repeatable)
cli-arg-vcc-serve-cert = Serve HTTPS with this PEM certificate chain instead of a generated one (needs --key)
cli-arg-vcc-serve-key = The PEM private key of --cert
cli-arg-vcc-serve-super-token-file = File holding a second token whose authority is `user_role: super` (privileged mode); also CWH_SIM_SUPER_TOKEN
cli-arg-vcc-serve-one-boot-per-group = Refuse (409) a new unit or more nodes while a node of the same unit group boots, to rehearse cwh's fallback

## --help of a command in full (shown in Japanese; English keeps the doc comments)
cli-long-run =
    Run a script.

    Parameters come from --set, --params, CWH_PARAM_<NAME> or the script's defaults; secrets (the VCC token) from the environment, --token-file or a hidden prompt, never from argv. Every VCC call, remote command and file write is journaled in <workdir>/.cwh/runs/. Ctrl-C, SIGTERM and SIGHUP stop the script cleanly: the recap is written and the workdir lock released (exit code 130, 143, 129). `cwh params SCRIPT` lists the parameters a script asks for.

    Examples:
      cwh run scripts/coursewarehub.rhai --params site.yml
      cwh run scripts/coursewarehub.rhai --params site.yml --plan
      cwh run scripts/coursewarehub.rhai --sim --params examples/site.yml
cli-long-check =
    Compile scripts and report every call that nothing defines, without running anything: a typo in a function or module name is reported with its file:line:col and a suggestion, before a run can create cloud resources.

    Examples:
      cwh check scripts/*.rhai
      cwh check --lib site-lib my-flow.rhai
cli-long-params =
    List the parameters a script asks for: name, default, where it is asked, its meaning. Found without running anything, in the script and every module it imports. A parameter without a default must be given (--set, --params, CWH_PARAM_<NAME>) or typed at a prompt.

    Examples:
      cwh params scripts/coursewarehub.rhai
      cwh params scripts/add-workers.rhai --output json
cli-long-repl =
    Evaluate entries one by one in a persistent session: ad hoc VCC work. Variables and `fn` definitions persist across entries. On a terminal: Tab completion, history, Ctrl-C clears the line or stops the running entry, Ctrl-D leaves. Dot-commands: .help [NAME], .vars, .load FILE, .save FILE, .quit.

    Examples:
      cwh repl --sim
      printf 'let x = 2;\nx * 21\n' | cwh repl
cli-long-doc =
    Print the script API: every function with its signature and documentation (docs/api.md is this output in markdown).

    Examples:
      cwh doc | less
      cwh doc --format markdown > docs/api.md

## command-line usage errors (src/cli/usage_error.rs; English readers see clap's own text)
usage-unknown-argument = there is no argument `{ $arg }`
usage-unknown-command = there is no command `{ $command }`
usage-did-you-mean = {" "}(did you mean `{ $suggestion }`?)
usage-conflict = `{ $arg }` cannot be given together with `{ $other }`
usage-bad-value = `{ $arg }` does not take the value `{ $value }`
usage-valid-values = {" "}(possible values: { $values })
usage-value-required = `{ $arg }` needs a value, and none was given
usage-missing-argument = a required argument is missing: { $arg }
usage-line = Usage: { $usage }
usage-more = For more information, try '--help'.

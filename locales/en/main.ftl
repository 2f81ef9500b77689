# cwh's messages in English (the default). Every key here is in ja.ftl too, with the same
# placeholders (tests/i18n.rs). Terms follow the VCP notebooks.

## Values, in words (never Rust or Rhai type names)
value-number = a whole number
value-decimal = a number
value-text = text
value-list = a list
value-map = a set of named values
value-bool = true or false
value-nothing = nothing
value-any = any value
value-function = a function
value-time = a time
value-empty = nothing (an empty value)
got-empty-paren = got an empty value (
got-empty-quoted = got an empty value ("")
rhai-no-property = { $what } has no property or method "{ $property }" (`cwh doc` lists what it has)

## Invisible or easily mistaken characters in a value
invisible-fullwidth = it contains full-width characters ({ $chars }): type them half-width, as { $half }
invisible-ideographic-space = it contains a full-width space
invisible-bom = it starts with an invisible byte-order mark (BOM): save the file as UTF-8 without BOM
invisible-tab = it contains a tab
invisible-newline = it contains a line break
invisible-nbsp = it contains a non-breaking space
invisible-zero-width = it contains an invisible zero-width space
invisible-trailing-space = it ends with a space
invisible-leading-space = it starts with a space

## Parameter prompts
prompt-head = { $name } — { $about }
prompt-head-bare = { $name } — the script asks for this parameter
prompt-expected = expected: { $expected }
prompt-no-default = no default and no saved value: type one (asked at { $at })
prompt-no-default-bare = no default and no saved value: type one
prompt-retry = Type it again (Ctrl-C stops the run).
prompt-closed = the input was closed before an answer was typed
expect-number-min = a whole number, at least { $min }
expect-one-of = one of { $choices }
expect-ipv4 = an IPv4 address, such as 172.30.2.100
expect-path = a file path
expect-any = a value (3 is a number, true or false a yes/no, [a, b] a list, anything else text)
answer-empty = { $name } has no default: an answer is needed.
answer-unreadable = { $name }: this answer cannot be read ({ $problem }); put text in quotes: "…"
answer-need-number = { $name } needs a whole number, at least { $min }: you typed { $typed }
answer-too-small = { $name } must be at least { $min }: you typed { $typed }
answer-not-choice = { $name } must be one of { $choices }: you typed { $typed }
answer-not-ipv4 = { $name } needs an IPv4 address such as 172.30.2.100: you typed { $typed }
answer-not-path = { $name } needs a file path such as ~/.ssh/id_rsa: you typed { $typed }

## cwh params
params-title = Parameters of { $script }:
params-none = { $script } asks for no parameters.
params-default = default: { $value }
params-default-saved = saved: { $value } ({ $file })
params-default-saved-none = the saved value (group_vars) if a run saved one
params-default-else = else { $value }
params-default-nothing = nothing
params-default-computed = computed by the script
params-default-asked = none: asked (required); a re-run takes the value saved in group_vars
params-checked = checked: { $expected }
params-asked-at = asked at: { $at }
params-how = Give parameters with --set NAME=VALUE, a --params FILE.yml, or CWH_PARAM_<NAME>; a required one without a value is asked for on a terminal, else the run stops. Secrets{ $secrets } come from the environment (VCC_ACCESS_TOKEN or --token-file for the VCC token, CWH_PARAM_SSH_KEY_PASSPHRASE for an encrypted key) or a hidden prompt, never from --set or files.
params-computed-names = Parameters with computed names (not listed, and not checked strictly): { $at }
params-warning = warning: { $problem }
list-sep = {", "}

## What the shipped scripts' parameters mean (Japanese shows these; English shows the
## script's own comment, of which these are copies)
param-about-add_ipaddresses = the new workers' addresses, inside the VPN catalog's network; win over add_nodes
param-about-add_mac_addresses = optional MAC addresses, one per address of add_ipaddresses in the same order (vmware and proxmox only)
param-about-add_nodes = how many workers to add (when add_ipaddresses is not given)
param-about-again = true: add add_nodes more even if the last run already did exactly this
param-about-delete_ipaddresses = the addresses of the workers to remove
param-about-delete_nodes = how many workers to remove (when delete_ipaddresses is not given)
param-about-disk_unit_group = the storage unit group of the VC disk (default: the saved one)
param-about-inventory = the Ansible inventory file to update
param-about-keep_disk = true: delete the nodes only; the VC disk group (the students' data), group_vars and the inventory stay for the next build
param-about-known_hosts_file = the known_hosts file of the nodes' host keys (default: the saved one)
param-about-manager_image = the manager's image (default: the saved one, what it was built with; else the seed notebook's)
param-about-node_no = power off only the worker with this node number
param-about-ssh_private_key_path = the private key cwh and Ansible log in to the nodes with; it never leaves this machine
param-about-ssh_public_key_path = the public key put on every node (authorized_keys); never a private key
param-about-stop_manager = power off the manager too (after the workers)
param-about-unit_group = the unit group: its name on the VCC and of group_vars/<name> (its VC disk's group: <name>_disk)
param-about-vc_disk_size = the root disk in GB, at least 16: the CoursewareHub images need 4 GB and more; no default
param-about-vc_flavor = the VCC flavor of every node (vcp_flavor.yml: small, medium, large…); no default
param-about-vc_ipaddress = the manager's private IP address, inside the provider's VPN catalog network; no default
param-about-vc_nfs_disk_size = the VC disk for NFS in GB; 0: no disk
param-about-vc_nodes = 1 manager + (vc_nodes - 1) workers; no default
param-about-vc_provider = the provider: aws or azure (default: the saved one)
param-about-wait_seconds = how long to wait for sshd and docker after the power-on (seconds)
param-about-worker_image = the workers' image (default: the saved one, else the seed notebook's)

## cwh --help: what each command is for
help-about = Build and run CoursewareHub on the VCP cloud with Rhai scripts
help-long-about = cwh runs Rhai scripts whose primitives talk to the VC Controller (VCC), to nodes over SSH, to Docker Swarm and to the Ansible files of the CoursewareHub notebooks. The shipped scripts/ reproduce the notebooks; a site changes its flow by editing a script, never by recompiling.
help-examples =
    Examples:
      cwh run scripts/coursewarehub.rhai --params site.yml   build an environment
      cwh run demo.rhai --set vc_nodes=3                     run a script with a parameter
      cwh check scripts/*.rhai                               catch typos before anything runs
      cwh params scripts/coursewarehub.rhai                  the parameters a script asks for
      cwh repl                                               ad hoc VCC work at a prompt
      cwh doc | less                                         the script API reference
help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-heading-commands = Commands
help-heading-options = Options
help-heading-arguments = Arguments
help-arg-verbose = More output on stderr: -v shows every VCC call, remote command and file write (the run journal), -vv adds cwh's debug logs, -vvv everything (secrets stay masked)
help-arg-quiet = Only errors on stderr
help-arg-lang = The language of messages: en or ja (default: LC_ALL, LC_MESSAGES or LANG; ja_JP.UTF-8 gives Japanese)
help-cmd-run = Run a script: build or operate an environment (--plan shows what it would do, --lab/--sim rehearse locally)
help-cmd-check = Check scripts without running them: syntax errors and unknown functions, with file:line:col
help-cmd-repl = An interactive prompt for ad hoc VCC work: vcp.ugroups(), ug.nodes() … (.help lists the functions)
help-cmd-params = List the parameters a script asks for: meaning, default, where it is asked
help-cmd-doc = Print the script API reference: every function with its description
help-cmd-completions = Print a shell completion script (bash, zsh, fish)
help-cmd-vcc = Your VCC and the simulator: check that your VCC is ready (vcc check), or serve the simulator
help-cmd-vcc-check = Check your VCC before a first run: configuration, TLS, token, version, providers, flavors (GET requests only)
help-cmd-vcc-serve = Run the VCC simulator as an HTTP(S) server, for scripts and the VCP SDK's notebooks
help-cmd-vcc-reset = Forget the simulator state of a workdir (.cwh/sim-state.json)
help-cmd-lab = The local lab: VC nodes as containers on this machine (image, status, down, engine)
help-cmd-lab-image = Build the lab's node image (once; needs root and debootstrap)
help-cmd-lab-status = Show the lab's nodes and their containers
help-cmd-lab-down = Remove the lab: its containers, volumes, network and state
help-cmd-lab-engine = The Docker engine the lab runs on: start cwh's own, or stop it
help-cmd-ansible = The Ansible that ansible::playbook runs: install it in cwh's own venv
help-cmd-ansible-install = Install ansible-core in cwh's venv (~/.cache/cwh/ansible-venv)

## cwh repl
repl-greeting = cwh repl: Rhai with the cwh API. .help lists it; Tab completes; .quit or Ctrl-D leaves.
repl-how-to-connect = not connected to a VCC: run `cwh repl --sim` for the simulator, or set VCC_ACCESS_TOKEN (or --token-file) with vcp_config.yml in --vcc-config DIR or ~/.config/vcp, then `let vcp = vcc::connect();`
repl-connected = connected to { $target }: `vcp` is bound (try vcp.ugroups())
repl-unfinished = error: end of input inside an unfinished entry (from line { $line }): a bracket, block or `string is not closed
repl-cannot-read-input = error: cannot read input: { $problem }
repl-found-nothing = { $call } found nothing (no value)
repl-unknown-command = error: unknown command { $command }
repl-needs-file = error: { $command } needs a file: { $command } FILE
repl-cannot-read = error: cannot read { $file }: { $problem }
repl-no-function = error: no function named `{ $name }`
repl-did-you-mean = {"  "}help: did you mean { $names }?
repl-summary =
    dot-commands:
      {"."}help          the script API: each module's functions, one line each
      {"."}help NAME     what a function does and what it takes (e.g. .help param)
      {"."}vars          the session's variables
      {"."}load FILE     run a script file into the session
      {"."}save FILE     write the session's successful entries as a script for `cwh run`
      {"."}quit          leave (also Ctrl-D)
    Tab completes names; an entry continues over lines (prompt " ... ") while a bracket, block or `string is open; Ctrl-C clears the line or stops the running entry.

## cwh vcc check
check-mark-ok = {"ok  "}
check-mark-fail = FAIL
check-mark-warn = WARN
check-mark-note = {"note"}
check-step-config = config
check-step-url = url
check-step-tls = tls
check-step-token = token
check-step-connect = connect
check-step-version = version
check-step-server = server
check-step-providers = providers
check-step-flavors = flavors
check-help = help: { $help }
check-config-is-file = --vcc-config takes the directory that holds vcp_config.yml, and { $file } is a file
check-config-is-file-help = use --vcc-config { $dir }
check-config-read = read { $file }
check-config-none = no vcp_config.yml found (--vcc-config, VCP_CONFIG_DIR, ~/.config/vcp, /notebooks/notebook/vcp_config): built-in defaults
check-url-none = no VCC host: set `vcc: host:` in vcp_config.yml (see examples/vcp_config.yml) or CWH_VCC_URL
check-url = { $url } (from { $from })
check-tls-off = NOT verified: vcc.insecure_request_warning: false in { $file } turns certificate checks off, so anyone on the way to the VCC can pose as it and read the access token; remove that line and trust the VCC's CA instead (--ca-cert FILE or REQUESTS_CA_BUNDLE)
check-tls-system-store = the system store
check-tls-plain = none: plain HTTP (only for a local simulator)
check-tls-verified = verified against { $cas }
check-token-none = no VCC access token
check-token-accepted = accepted: user { $user }, role { $role } ({ $group })
check-no-answer = no answer within { $seconds } s
check-server-simulator = cwh's simulator (`cwh vcc serve{ $flag }`), not a real VCC
check-no-ipmask = no private_network_ipmask
check-providers-none = the VPN catalog lists no provider: ask the VCC's operator
check-ready = ready: try `cwh run SCRIPT --plan` next
check-ready-unverified = ready, but the VCC's certificate is NOT verified (see the tls line): try `cwh run SCRIPT --plan` next

## First-time set-up (apt-get)
setup-ask = { $why } needs { $packages }, not installed on this machine. Install with apt-get now? [y/N]{" "}
setup-installing = installing { $packages } with apt-get ({ $why } needs it; apt's output: { $log })
setup-step-update = apt-get update: the package lists
setup-step-install = apt-get install { $packages }: the packages
setup-step-done = done ({ $seconds } s)
setup-step-failed = failed
setup-log-failed = cannot write the set-up log { $log }: { $problem }
setup-log-failed-help = check that the cache directory (~/.cache/cwh) is writable, or set XDG_CACHE_HOME
setup-apt-failed-help = apt's whole output is in { $log }. No network: check that the Debian mirror in /etc/apt/sources.list* is reachable. "Could not get lock": another apt or dpkg is running; wait for it. "dpkg was interrupted": run `dpkg --configure -a`. Then run cwh again: nothing else was changed

## The lab's Docker engine
engine-none-at-host = the lab needs a Docker engine, and none answers at DOCKER_HOST={ $host }
engine-none-at-host-help = start that engine, or unset DOCKER_HOST to let cwh use (and if needed start) the local one; `--sim` runs the VCC simulator without Docker
engine-other-silent = the lab needs a Docker engine: a dockerd (pid { $pid }) not started by cwh is running but does not answer on { $socket }
engine-other-silent-help = it may still be starting (try again in a minute) or be hung: restart it the way it was started (e.g. `systemctl restart docker`), or stop it (`kill PID`) and let cwh start its own
engine-needs-root = the lab needs a Docker engine, none answers, and only root can start one
engine-needs-root-help = start cwh's own engine once as root: `sudo cwh lab engine start` (it keeps running), or `sudo systemctl start docker`; `--sim` runs the VCC simulator without Docker
engine-wait-other-cwh = another cwh is setting up the Docker engine; waiting for it…
engine-wait-own = cwh's Docker engine (pid { $pid }) is running but does not answer yet; waiting for it
engine-system-started = the docker.io package started the system's Docker engine; using it
engine-starting = starting cwh's own Docker engine: { $dockerd } (data { $data }, log { $log })
engine-ready = Docker engine { $version } ready after { $seconds } s: started by cwh (pid { $pid }; log { $log }). It keeps running for later runs; `cwh lab engine stop` stops it
engine-waiting = waiting for dockerd (pid { $pid }) to answer … { $seconds } s
engine-stopping = stopping cwh's Docker engine (pid { $pid }; its containers stop with it)…

## Parameters: --set, --params, missing values
params-set-syntax = --set `{ $arg }`: expected KEY=VALUE
params-set-syntax-help = write it as `--set vc_nodes=3` (values are read as YAML: 3 is a whole number, true a yes/no, [a, b] a list, "16" text)
params-set-value-help = quote the value for YAML, e.g. --set 'name="a: b"'
params-file-read = cannot read parameters file { $path }: { $problem }
params-file-yaml = parameters file { $path } is not valid YAML:{"\u000A"}{ $problem }
params-file-yaml-help = the file must be a YAML mapping of parameter names to values, e.g.{"\u000A"}  vc_nodes: 3{"\u000A"}  vc_flavor: small
params-missing = missing parameter `{ $name }` (param("{ $name }") at { $at })
params-missing-secret = missing secret `{ $name }` (secret("{ $name }") at { $at })
params-how-to-pass = pass it with `--set { $name }=VALUE`, as `{ $name }: VALUE` in a --params file, or in the environment as { $env }
params-how-to-pass-token = set VCC_ACCESS_TOKEN in the environment, or pass --token-file FILE (a token is never accepted on the command line), or run with --sim to use the embedded simulator
params-how-to-pass-secret = set { $env } in the environment (secrets are never read from --set or --params), or run in a terminal to be prompted
params-set-unknown = --set { $key }: { $script } never asks for a parameter `{ $key }`{ $hint }
params-did-you-mean = ; did you mean `{ $name }`?
params-did-you-mean-lower = ; did you mean `{ $name }`? (names are lower case)
params-strict-help = { $script } asks for: { $names }; `cwh params { $path }` shows their defaults and meaning. Nothing was run.
params-no-parameters = no parameters

## Script errors
label-error = error:
label-help = help:
diag-label-here = here
diag-label-raised = raised here
diag-label-failed = failed here
diag-label-stopped = stopped here
diag-label-unknown-function = unknown function
diag-label-unknown-variable = unknown variable
diag-label-imported = imported here
diag-help-undefined-variable = declare it first with `let name = …;` (cwh runs scripts with strict variables, so typos are caught before anything runs)
diag-help-semicolon = end the statement with `;`
diag-frame-call = in `{ $name }` called at { $at }
diag-frame-module = in module { $name } imported at { $at }
diag-raised-in = (raised in { $at })
diag-interrupted = interrupted by Ctrl-C
diag-interrupted-help = the script was stopped cleanly; re-run it to continue (steps that completed are not undone)
diag-function-not-found = function not found: { $signature }
diag-function-not-found-help = check the name and the number and kinds of the arguments; `cwh doc` lists every function, and `cwh check SCRIPT` finds unknown calls before a run
diag-variable-not-found = variable not found: { $name }
diag-module-not-found = module not found: { $name }
diag-module-not-found-help = put NAME.rhai next to the script or in a --lib DIR (or CWH_LIB)
setup-missing = { $why } needs { $packages }, which is not installed
setup-no-apt-help = cwh installs packages only on Debian or Ubuntu with apt-get; on { $os } install the equivalent (Docker Engine: https://docs.docker.com/engine/install/) and start it, then run cwh again. `--sim` runs the VCC simulator without Docker
setup-missing-root = { $why } needs { $packages }, which is not installed, and only root can install it
setup-missing-root-help = run as root: `{ $command }`, then run cwh again
setup-missing-yes-help = add --yes to let cwh install it with apt-get, or install it yourself: `{ $command }`
setup-declined = not installed: you declined
setup-declined-help = install it yourself: `{ $command }`, or re-run with --yes
engine-why = the lab's Docker engine

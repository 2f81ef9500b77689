# Ansible files and playbooks (src/ansible, src/api/ansible_cfg.rs, src/api/ansible_playbook.rs,
# src/api/inventory.rs, src/api/group_vars.rs)

## Script bindings
ansible-api-defaults-not-map = ansible_cfg::setup: `defaults` must be a map
ansible-api-expected-strings = { $function }: expected strings, got { $got }
ansible-api-bad-layout = group_vars::update: layout must be "plain" or "yml", got "{ $layout }"
ansible-api-expected-map = group_vars::update: expected a map, got { $got }

## Ansible files (group_vars, inventory, ansible.cfg)
ansible-yaml-help = fix the file by hand (it was left untouched), or move it aside to start afresh
ansible-ini-help = fix the line by hand (the file was left untouched); ansible.cfg is INI: `[section]` headers and `key = value` lines
ansible-no-key = group_vars/{ $group }: no key { $key }
ansible-no-key-help = pass #{"{"} if_exists: true {"}"} to ignore keys that are not there
ansible-cfg-command-warnings = newer Ansible rejects `command_warnings` (the notebooks' FAQ #3)
ansible-cfg-not-writing = ansible.cfg: not writing `{ $key }`: { $why }
ansible-cfg-removed = ansible.cfg: removed `{ $key }`: { $why }
ansible-ini-bad-header = malformed section header: { $line }
ansible-ini-section-twice = section [{ $section }] appears twice
ansible-ini-key-before-section = a key before any [section] header
ansible-ini-value-without-key = a value without a key: { $line }
ansible-ini-key-twice = key `{ $key }` appears twice in its section
ansible-not-yaml = not valid YAML: { $problem }
ansible-top-not-mapping = the top level is not a mapping
ansible-cannot-write-yaml = cannot write YAML: { $problem }
ansible-bad-group-name = invalid group name "{ $group }": it must be a plain file name (no '/')
ansible-inventory-expected-map = inventory::update: expected a map such as #{"{"} all: #{"{"} children: … {"}"} {"}"}
ansible-host-not-text = host names must be strings, got { $got }
ansible-bad-hosts = hosts must be an array of addresses or a map, got { $got }
ansible-empty-group-path = set_hosts: the group path is empty

## Installing Ansible (cwh ansible install)
ansible-searched-venv = { $dir } (CWH_ANSIBLE_VENV)
ansible-searched-path = PATH and { $dir }
ansible-install-step-failed = { $step } failed ({ $status }):{"\u000A"}{ $output }
ansible-install-needs-venv = python3 with its venv module is needed to create the venv
ansible-install-creating-venv = creating the venv { $venv }
ansible-install-pip = pip install { $packages } (from PyPI)
ansible-install-still-missing = the venv { $venv } still has no usable ansible-core after pip install

## Playbooks (ansible::playbook)
ansible-not-installed = Ansible is not installed: no ansible-playbook in { $searched }
ansible-not-installed-help = run `cwh ansible install` (a venv in ~/.cache/cwh/ansible-venv with ansible-core 2.19 from PyPI), or install ansible-core so that ansible-playbook is on PATH
ansible-install = cannot install Ansible: { $problem }
ansible-install-help = on Debian/Ubuntu: apt-get install python3-venv; pip needs to reach PyPI (set HTTPS_PROXY behind a proxy)
ansible-playbook-missing = playbook { $playbook } not found
ansible-playbook-missing-help = give the playbook's path relative to the workdir, e.g. "playbooks/setup-jupyterhub.yml"
ansible-no-inventory = no inventory: { $problem }
ansible-no-inventory-help = write one with inventory::update("inventory.yml", …) and ansible_cfg::setup("inventory.yml"), or pass #{"{"} inventory: "hosts" {"}"}
ansible-no-hosts = { $playbook }: the limit `{ $limit }` matches no host of the inventory
ansible-no-hosts-help = check the group or host name (the notebooks' groups are <unit group>_manager and <unit group>_worker); `ansible-inventory --graph` lists them
ansible-failed-help = -v shows Ansible's own output; fix the cause and run again (the playbooks can be re-run)
ansible-unreachable-help = check that the node is running, its address, the SSH key and known_hosts of the inventory (`ansible HOST -m ping` tries the same)
ansible-run = { $playbook }: ansible-playbook stopped with exit code { $rc }: { $problem }
ansible-run-help = -v shows Ansible's own output; `ansible-playbook --syntax-check PLAYBOOK` checks the file
ansible-timeout = { $playbook } did not finish within { $seconds } s and was stopped
ansible-timeout-help = give a longer `timeout` (seconds); -v shows where Ansible was
ansible-records-only = { $playbook }: this run's nodes are records only (the simulator without the lab): Ansible has no node to talk to
ansible-records-only-help = run with --lab (nodes as local containers) or against a VCC
ansible-failed-no-message = failed (Ansible gave no message; -v shows its output)
ansible-inventory-missing = the inventory { $inventory } does not exist
ansible-no-cfg = the workdir { $workdir } has no ansible.cfg naming one
ansible-cfg-no-inventory = { $cfg } has no `inventory` in [defaults]
ansible-cannot-run = cannot run { $program }: { $problem }
ansible-task-failed = { $playbook }: task `{ $task }` failed on { $host }: { $problem }
ansible-also-unreachable = { $host } (unreachable: { $problem })
ansible-also-failed = { $host } (task `{ $task }`: { $problem })
ansible-also = ; also: { $others }
ansible-host-unreachable = { $playbook }: host { $host } is unreachable: { $problem }
ansible-hosts-unreachable = { $playbook }: { $count } hosts are unreachable: { $hosts }
ansible-check-mode = {" "}(check mode: nothing changed)
ansible-plan-would-change = would change
ansible-plan-task-failed = could not be checked (a task failed in check mode)
ansible-plan-unreachable = could not be checked (unreachable)
ansible-plan-no-change = no change
ansible-plan-warning = plan: { $problem }
ansible-item-failed = item { $item }: { $problem }

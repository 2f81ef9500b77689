# Ansible files and playbooks (src/ansible, src/api/ansible_cfg.rs, src/api/ansible_playbook.rs,
# src/api/inventory.rs, src/api/group_vars.rs)

## Script bindings
ansible-api-defaults-not-map = ansible_cfg::setup: `defaults` must be a map
ansible-api-expected-strings = { $function }: expected strings, got { $got }
ansible-api-bad-layout = group_vars::update: layout must be "plain" or "yml", got "{ $layout }"
ansible-api-expected-map = group_vars::update: expected a map, got { $got }

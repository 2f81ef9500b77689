# Ansible のファイルとプレイブック (src/ansible, src/api/ansible_cfg.rs, src/api/ansible_playbook.rs,
# src/api/inventory.rs, src/api/group_vars.rs)

## スクリプトの関数
ansible-api-defaults-not-map = ansible_cfg::setup: `defaults` にはマップを指定してください
ansible-api-expected-strings = { $function }: 文字列を指定してください。指定されたのは{ $got }です
ansible-api-bad-layout = group_vars::update: layout は "plain" か "yml" です。指定されたのは "{ $layout }" です
ansible-api-expected-map = group_vars::update: マップを指定してください。指定されたのは { $got } です

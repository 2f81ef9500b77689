# Ansible のファイルとプレイブック (src/ansible, src/api/ansible_cfg.rs, src/api/ansible_playbook.rs,
# src/api/inventory.rs, src/api/group_vars.rs)

## スクリプトの関数
ansible-api-defaults-not-map = ansible_cfg::setup: `defaults` にはマップを指定してください
ansible-api-expected-strings = { $function }: 文字列を指定してください。指定されたのは{ $got }です
ansible-api-bad-layout = group_vars::update: layout は "plain" か "yml" です。指定されたのは "{ $layout }" です
ansible-api-expected-map = group_vars::update: マップを指定してください。指定されたのは { $got } です

## Ansible のファイル (group_vars、インベントリ、ansible.cfg)
ansible-yaml-help = ファイルを手で直す(ファイルは変更していません)か、別の場所に移してから始め直してください
ansible-ini-help = その行を手で直してください(ファイルは変更していません)。ansible.cfg は INI 形式です: `[section]` の見出しと `key = value` の行
ansible-no-key = group_vars/{ $group }: キー { $key } がありません
ansible-no-key-help = ないキーを無視するには #{"{"} if_exists: true {"}"} を指定してください
ansible-cfg-command-warnings = 新しい Ansible は `command_warnings` を受け付けません(ノートブックの FAQ #3)
ansible-cfg-not-writing = ansible.cfg: `{ $key }` は書き込みません: { $why }
ansible-cfg-removed = ansible.cfg: `{ $key }` を削除しました: { $why }
ansible-ini-bad-header = セクションの見出しが正しくありません: { $line }
ansible-ini-section-twice = セクション [{ $section }] が 2 回あります
ansible-ini-key-before-section = [section] の見出しより前にキーがあります
ansible-ini-value-without-key = キーのない値があります: { $line }
ansible-ini-key-twice = キー `{ $key }` が同じセクションに 2 回あります
ansible-not-yaml = 正しい YAML ではありません: { $problem }
ansible-top-not-mapping = 最上位がマッピングではありません
ansible-cannot-write-yaml = YAML を書き出せません: { $problem }
ansible-bad-group-name = グループ名 "{ $group }" は使えません: ふつうのファイル名にしてください('/' は使えません)
ansible-inventory-expected-map = inventory::update: #{"{"} all: #{"{"} children: … {"}"} {"}"} のようなマップを指定してください
ansible-host-not-text = ホスト名は文字列にしてください。指定されたのは { $got } です
ansible-bad-hosts = hosts はアドレスの配列かマップにしてください。指定されたのは { $got } です
ansible-empty-group-path = set_hosts: グループのパスが空です

## Ansible のインストール (cwh ansible install)
ansible-searched-venv = { $dir }(CWH_ANSIBLE_VENV)
ansible-searched-path = PATH と { $dir }
ansible-install-step-failed = { $step } が失敗しました({ $status }):{"\u000A"}{ $output }
ansible-install-needs-venv = venv を作るには、venv モジュールのある python3 が必要です
ansible-install-creating-venv = venv { $venv } を作成しています
ansible-install-pip = pip install { $packages }(PyPI から)
ansible-install-still-missing = pip install の後も、venv { $venv } に使える ansible-core がありません

## プレイブック (ansible::playbook)
ansible-not-installed = Ansible がインストールされていません: { $searched } に ansible-playbook がありません
ansible-not-installed-help = `cwh ansible install` を実行する(~/.cache/cwh/ansible-venv に PyPI の ansible-core 2.19 を入れた venv を作ります)か、ansible-playbook が PATH にあるように ansible-core をインストールしてください
ansible-install = Ansible をインストールできません: { $problem }
ansible-install-help = Debian/Ubuntu では apt-get install python3-venv を実行してください。pip は PyPI に接続できる必要があります(プロキシの内側なら HTTPS_PROXY を設定してください)
ansible-playbook-missing = プレイブック { $playbook } が見つかりません
ansible-playbook-missing-help = プレイブックのパスを作業ディレクトリからの相対パスで指定してください。例: "playbooks/setup-jupyterhub.yml"
ansible-no-inventory = インベントリがありません: { $problem }
ansible-no-inventory-help = inventory::update("inventory.yml", …) と ansible_cfg::setup("inventory.yml") で作成するか、#{"{"} inventory: "hosts" {"}"} を指定してください
ansible-no-hosts = { $playbook }: limit の `{ $limit }` に当てはまるホストがインベントリにありません
ansible-no-hosts-help = グループ名かホスト名を確認してください(ノートブックのグループは <ユニットグループ>_manager と <ユニットグループ>_worker です)。`ansible-inventory --graph` で一覧できます
ansible-failed-help = -v で Ansible 自身の出力を表示できます。原因を直してからもう一度実行してください(プレイブックは何度でも実行できます)
ansible-unreachable-help = ノードが動いていること、そのアドレス、インベントリの SSH 鍵と known_hosts を確認してください(`ansible HOST -m ping` で同じ接続を試せます)
ansible-run = { $playbook }: ansible-playbook が終了コード { $rc } で止まりました: { $problem }
ansible-run-help = -v で Ansible 自身の出力を表示できます。`ansible-playbook --syntax-check PLAYBOOK` でファイルを確認できます
ansible-timeout = { $playbook } が { $seconds } 秒以内に終わらなかったため、停止しました
ansible-timeout-help = `timeout`(秒)を長くしてください。-v で Ansible がどこまで進んだかわかります
ansible-records-only = { $playbook }: この実行のノードは記録だけです(ラボなしのシミュレータ): Ansible が接続できるノードがありません
ansible-records-only-help = --lab(ローカルのコンテナをノードにします)で実行するか、VCC に対して実行してください
ansible-failed-no-message = 失敗しました(Ansible からメッセージがありません。-v で出力を表示できます)
ansible-inventory-missing = インベントリ { $inventory } がありません
ansible-no-cfg = 作業ディレクトリ { $workdir } に、インベントリを指定した ansible.cfg がありません
ansible-cfg-no-inventory = { $cfg } の [defaults] に `inventory` がありません
ansible-cannot-run = { $program } を実行できません: { $problem }
ansible-task-failed = { $playbook }: タスク `{ $task }` が { $host } で失敗しました: { $problem }
ansible-also-unreachable = { $host }(接続できません: { $problem })
ansible-also-failed = { $host }(タスク `{ $task }`: { $problem })
ansible-also = 。ほかにも: { $others }
ansible-host-unreachable = { $playbook }: ホスト { $host } に接続できません: { $problem }
ansible-hosts-unreachable = { $playbook }: { $count } 台のホストに接続できません: { $hosts }
ansible-check-mode = {" "}(チェックモード: 何も変更していません)
ansible-plan-would-change = 変更あり
ansible-plan-task-failed = 確認できませんでした(チェックモードでタスクが失敗しました)
ansible-plan-unreachable = 確認できませんでした(接続できません)
ansible-plan-no-change = 変更なし
ansible-plan-warning = 計画: { $problem }
ansible-item-failed = 項目 { $item }: { $problem }

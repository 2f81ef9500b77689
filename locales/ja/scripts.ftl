# 同梱スクリプト(scripts/*.rhai)のメッセージ(日本語)。locales/en/scripts.ftl と同じキー、
# 同じプレースホルダ(tests/i18n.rs)。用語は VCP のノートブックに合わせる。

## coursewarehub.rhai: 構築ノートブック
coursewarehub-simulator-stops-here = シミュレータ(--sim、または --lab なしの `cwh vcc serve`)ではVCノードは記録だけなので、SSH、Ansible、Swarm の手順はここで終わります。これらは --lab で試せます
coursewarehub-ready = { $unit_group } の CoursewareHub のVCノードの準備ができました: マネージャ { $manager }、ワーカー { $workers } 台

## validate-site.rhai
validate-site-nodes = { $nodes }(マネージャ 1 台 + ワーカー { $workers } 台)
validate-site-no-disk = VC ディスクなし
validate-site-address-in = { $ip }({ $network } 内)
validate-site-col-parameter = パラメータ
validate-site-col-value = 値
validate-site-with-parameters = (パラメータ)
validate-site-ok = パラメータに問題はありません

## 運用スクリプトで共通
scripts-private-key-missing = パラメータ ssh_private_key_path: { $path } がありません
scripts-inventory-updated = インベントリ { $inventory }: ワーカー { $workers } 台(以前のファイル: { $inventory }.bak)。group_vars: vc_nodes={ $vc_nodes }

## add-workers.rhai(ノートブック 921)
add-workers-empty-list = パラメータ add_ipaddresses: 空のリストです(アドレスを指定するか、add_nodes=N を指定してください)
add-workers-macs-without-addresses = パラメータ add_mac_addresses: MAC アドレスが { $count } 個ありますが、add_ipaddresses がありません。新しいVCノードのアドレスも指定してください(add_ipaddresses=[…])。MAC アドレスはアドレスごとに 1 つ、同じ順に並べます
add-workers-macs-count = パラメータ add_mac_addresses: add_ipaddresses のアドレスごとに 1 つ、同じ順で MAC アドレスが必要です。アドレス { $addresses } 個に対して { $macs } 個が指定されています
add-workers-macs-provider = パラメータ add_mac_addresses: プロバイダ { $provider } ではVCノードの MAC アドレスを指定できません(VCP の固定 MAC の機能は vmware と proxmox だけにあり、{ $provider } は MAC アドレスを自分で決めます)。add_mac_addresses は指定しないでください
add-workers-no-worker-unit = ユニットグループ { $unit_group } にはワーカーを追加するユニット worker がありません。代わりに vc_nodes を増やして scripts/coursewarehub.rhai を実行してください
add-workers-address-twice = パラメータ add_ipaddresses: { $ip } が 2 回指定されています
add-workers-already-worker = { $ip } はすでにワーカーです。もう一度は追加しません
add-workers-address-used = パラメータ add_ipaddresses: { $ip } はユニットグループ { $unit_group } で(ワーカー以外として)使用中です。空いているアドレスを選んでください
add-workers-address-is-manager = パラメータ add_ipaddresses: { $ip } はユニットグループ { $unit_group } のマネージャのアドレスです。空いているアドレスを選んでください
add-workers-address-other-group = パラメータ add_ipaddresses: { $ip } はユニットグループ { $other } のVCノードです。空いているアドレスを選んでください
add-workers-the-manager = マネージャ
add-workers-workers-in-error = { $unit_group } のワーカー { $nodes } が ERROR です。先に削除してください(scripts/remove-workers.rhai --set delete_ipaddresses=…)
add-workers-not-running = { $unit_group } に RUNNING でないVCノードがあります({ $nodes })。先に起動してください(scripts/start-nodes.rhai)
add-workers-schedule = このユニットグループにはVCノードのスケジュールが設定されています。先に削除してください(921 の手順のとおり)
add-workers-nothing-added = (パラメータ。何も追加していません)
add-workers-done-before = add_nodes={ $add } は前回の実行で { $unit_group } に適用済みです(ワーカー { $before } → { $now } 台)。もう一度は追加しません。さらに { $add } 台追加するには --set again=true を付けて実行してください
add-workers-pending = 以前の実行が途中で終わり、ワーカー { $pending } 台が追加されています。これを add_nodes={ $add } に含めます
add-workers-will-add-count = { $unit_group } にワーカーを { $count } 台追加し(現在 { $now } 台)、known_hosts、インベントリ、group_vars、Swarm を更新します
add-workers-will-add-addresses = { $unit_group } にワーカー { $addresses } を追加し(現在 { $now } 台)、known_hosts、インベントリ、group_vars、Swarm を更新します
add-workers-workers-not-running = 動いていないワーカーがあります: { $nodes }。ERROR(VM の失敗または喪失)なら scripts/remove-workers.rhai --set delete_ipaddresses=… で削除してから、もう一度実行してください。POWER_OFF なら scripts/start-nodes.rhai で起動してください
add-workers-added = { $unit_group } にワーカーを { $count } 台追加しました: { $addresses }。ワーカーは現在 { $workers } 台です

## remove-workers.rhai(ノートブック 922)
remove-workers-empty-list = パラメータ delete_ipaddresses: 空のリストです(アドレスを指定するか、delete_nodes=N を指定してください)
remove-workers-finishing-one = { $ip } はもう VCC 上のVCノードではありませんが、記録に残っています。削除の残りを済ませます
remove-workers-not-a-node = { $ip } は { $unit_group } のVCノードではありません(削除済み?)。これについてはすることがありません
remove-workers-not-a-worker = パラメータ delete_ipaddresses: { $ip } は { $unit_group } のワーカーではありません(ワーカー: { $workers })
remove-workers-finishing = { $nodes } はもう VCC 上にありませんが、記録に残っています(中断された実行)。さらに { $count } 台削除する代わりに、これらの削除の残りを済ませます
remove-workers-done-before = delete_nodes={ $count } は前回の実行で { $unit_group } に適用済みです(ワーカー { $before } → { $now } 台)。もう一度は削除しません。さらに { $count } 台削除するには --set again=true を付けて実行してください(または --set delete_ipaddresses=… で指定してください)
remove-workers-too-many = パラメータ delete_nodes: { $unit_group } のワーカーは { $workers } 台なので、{ $count } 台は削除できません
remove-workers-manager-state = マネージャが { $state } です。先に起動してください(scripts/start-nodes.rhai)
remove-workers-schedule = このユニットグループにはVCノードのスケジュールが設定されています。先に削除してください(922 の手順のとおり)
remove-workers-nothing-removed = (パラメータ。何も削除していません)
remove-workers-nothing-to-do = { $unit_group } に削除するワーカーはありません。することはありません
remove-workers-will-finish = { $unit_group } からの { $nodes } の削除の残り(Swarm、インベントリ、group_vars、known_hosts)を済ませます
remove-workers-will-remove = { $unit_group } からワーカー { $nodes } を削除します({ $workers } 台のうち { $stay } 台が残ります)。Swarm で退避し、VCノードを削除し、Swarm から外してから、インベントリ、group_vars、known_hosts を更新します
remove-workers-swarm-manager = { $ip } は Swarm のマネージャです({ $host })。先に降格してください(docker node demote { $id })。何も削除していません
remove-workers-not-in-swarm = { $ip }: Swarm に参加していません
remove-workers-drained = { $ip }({ $host }): 退避しました
remove-workers-leave-failed = { $nodes } を Swarm から離脱させられませんでした({ $reason })。マネージャがあとで停止を検知します
remove-workers-inventory-updated = インベントリ { $inventory }: ワーカー { $workers } 台(以前のファイル: { $inventory }.bak)。group_vars: vc_nodes={ $vc_nodes }。known_hosts のエントリを { $entries } 件削除しました
remove-workers-removed = { $unit_group } からワーカーを { $count } 台削除しました: { $nodes }。ワーカーは現在 { $workers } 台です
scripts-no-worker = ワーカーなし
scripts-workers = ワーカー { $nodes }
scripts-expected-bool = パラメータ { $name }: true または false を指定してください。指定された値: { $value }

## start-nodes.rhai(ノートブック 912)
start-nodes-nothing-started = (何も起動していません)
start-nodes-the-manager = マネージャ { $ip }
start-nodes-manager-running = (マネージャはすでに RUNNING)
start-nodes-will-power-on = 電源を入れるもの: { $manager }、{ $workers }。そのあと Swarm の { $count } 台のVCノードが Ready になるのを待ちます
start-nodes-manager-answers = マネージャ { $ip }: sshd と docker が応答しました
start-nodes-nfs-active = NFSサーバ { $ip }({ $group }): 稼働中
start-nodes-nfs-active-not-powered = NFSサーバ { $ip }({ $group }): 稼働中。このVCノードの電源はこのスクリプトでは操作しません
start-nodes-nfs-simulator = シミュレータ: NFSサーバ { $ip }({ $group })は確認しません(VCノードがありません)
start-nodes-nfs-skipped-lab = NFSサーバの確認は省略: ラボのVCノードは NFS を提供しません
start-nodes-nfs-skipped-other-host = NFSサーバの確認は省略: 別のホストが NFS を提供しています(group_vars の nfs_ipaddress/nfs_target)
start-nodes-nfs-starting = マネージャの nfs-server が { $state } です。起動します
start-nodes-nfs-manager-active = マネージャの NFSサーバ: 稼働中
start-nodes-workers-answer = ワーカー { $count } 台: sshd と docker が応答しました
start-nodes-timer-enabled = マネージャのスケジュール用タイマー cwh-worker-node.timer を再び有効にしました
start-nodes-stack-restarts = coursewarehub スタックは自動で再起動します(5 分ほどかかります)。再起動しない場合は docker stack rm coursewarehub のあと、もう一度デプロイしてください
start-nodes-started = { $unit_group } を起動しました: マネージャ { $ip } とワーカー { $workers } 台が RUNNING、Swarm は Ready です

## stop-nodes.rhai(ノートブック 911)
stop-nodes-no-such-node = パラメータ node_no: ユニット worker にVCノード { $no } はありません。VCノード: { $nodes }
stop-nodes-no-worker-unit = パラメータ node_no: ユニットグループ { $unit_group } にはユニット worker がありません
stop-nodes-nothing-stopped = (何も停止していません)
stop-nodes-nothing-to-do = することはありません: { $unit_group } の選んだVCノードはすでに POWER_OFF です
stop-nodes-will-power-off = 電源を切るもの: { $workers }
stop-nodes-will-power-off-manager = 電源を切るもの: { $workers }、そのあとマネージャ { $ip }
stop-nodes-timer-stopped = マネージャのスケジュール用タイマー cwh-worker-node.timer を止めました
stop-nodes-not-off-yet = まだ POWER_OFF になっていません: { $nodes }。このスクリプトをもう一度実行するか(残ったものだけをやり直します)、--set node_no=N でワーカーを 1 台ずつ指定してください
stop-nodes-not-found = 見つかりません
stop-nodes-nfs-left = NFSサーバのVCノード { $ip }({ $group })はそのままです({ $state })。このスクリプトは NFS のVCノードの電源を操作しません
stop-nodes-stopped = { $unit_group } のワーカー { $count } 台を停止しました。scripts/start-nodes.rhai で起動できます
stop-nodes-stopped-with-manager = { $unit_group } のワーカー { $count } 台とマネージャを停止しました。scripts/start-nodes.rhai で起動できます

## teardown.rhai(ノートブック 991)
teardown-expected-bool = パラメータ keep_disk: true または false を指定してください。指定された値: { $value }。何も削除していません
teardown-not-compute = ユニットグループ { $name }({ $id })は { $kind } のグループで、CoursewareHub ではありません。何も削除していません(unit_group を確認してください)
teardown-not-storage = ユニットグループ { $name }({ $id })は { $kind } のグループで、VC ディスクのグループではありません。何も削除していません(disk_unit_group を確認してください)
teardown-duplicates = { $name } という名前のユニットグループが { $count } 個あります({ $ids })。すべて削除します
teardown-plan-ugroup = ユニットグループ { $name } { $id }(VCノード { $nodes } 台、ユニット: { $units })
teardown-plan-disk = VC ディスクのグループ { $name } { $id }(ディスク { $disks } 個。その上の学生のデータはすべて失われます)
teardown-plan-group-vars = { $name } の group_vars(隠しファイルの .bak に移します)
teardown-plan-inventory = インベントリ { $inventory } のグループ { $name }(以前のファイル: { $inventory }.bak)
teardown-plan-inventory-groups = インベントリ { $inventory } のグループ { $name } と { $groups }(以前のファイル: { $inventory }.bak)
teardown-plan-exports = 共有 NFSサーバ { $ip }({ $group })の exports ファイル /etc/exports.d/{ $name }.exports。/exported/{ $name } のデータはそこに残ります
teardown-plan-dnsmasq = そのVCノードの /etc/hosts-dnsmasq にある { $fqdn } の行
teardown-nothing-to-do = することはありません: { $name } のユニットグループ、VC ディスクのグループ、group_vars、インベントリのグループはもう残っていません
teardown-nothing-to-do-keep-disk = することはありません: { $name } のユニットグループはもう残っていません
teardown-will-delete = 削除するもの:
teardown-will-keep = 残すもの: VC ディスクのグループ { $name }({ $count } 個、学生のデータ)、group_vars、インベントリ(次の構築のため)
teardown-disk-goes-too = VC ディスクも、その上の学生のデータごと削除されます。残すには --set keep_disk=true を指定します(次の構築で新しいマネージャに接続します)。講義の間のコストを抑えるには scripts/stop-nodes.rhai、マネージャが失われた場合は scripts/replace-manager.rhai を使ってください
teardown-confirm-keep-disk = { $name } のVCノードを削除し、VC ディスクは残しますか(上の { $count } 項目)?
teardown-confirm = { $name } を完全に削除しますか(上の { $count } 項目)?
teardown-confirm-with-disk = { $name } を VC ディスクとその上の学生のデータごと完全に削除しますか(上の { $count } 項目)?
teardown-nothing-deleted = 何も削除していません
teardown-deleting-workers = ワーカー { $count } 台を削除します
teardown-deleting-manager = マネージャを削除します
teardown-ugroup-deleted = ユニットグループ { $name } { $id }: 削除しました
teardown-ugroup-failed = ユニットグループ { $name } { $id }: { $reason }
teardown-disk-deleted = VC ディスクのグループ { $name } { $id }: 削除しました
teardown-disk-failed = VC ディスクのグループ { $name } { $id }: { $reason }
teardown-nfs-node-gone = 共有 NFSサーバ { $ip }({ $group })はもう VCC 上にありません。削除する exports ファイルはありません
teardown-exports-failed = { $ip }({ $group })上の { $name } の exports ファイル: { $reason }
teardown-ugroups-now = 現在 VCC 上にあるユニットグループ: { $names }
teardown-incomplete = 削除は完了していません: ユニットグループが { $count } 個残っています: { $left }。group_vars とインベントリは残しています。もう一度実行してください(残ったものだけをやり直します)。ERROR のユニットは VCC の管理者の対応が必要なことがあります
teardown-nodes-deleted-disk-kept = { $name } のVCノードを削除しました。残したもの: VC ディスクのグループ { $disk }(学生のデータ)、group_vars、インベントリ。scripts/coursewarehub.rhai でもう一度構築してください(変える値は --set で指定)。新しいマネージャに残した VC ディスクを接続します
teardown-group-vars-moved = { $name } の group_vars を { $path } に移しました
teardown-inventory-group-removed = { $inventory } からグループ { $name } を削除しました(以前のファイル: { $inventory }.bak)
teardown-done = { $name } を削除しました

## examples/add-admin.rhai(ノートブック 721)と examples/lab-swarm.rhai
add-admin-no-manager = group_vars/{ $unit_group } に manager_ipaddress がありません。VCノードのノートブック(または scripts/coursewarehub.rhai)で { $unit_group } を構築したディレクトリで実行してください
add-admin-user-name = 管理者のユーザ名: { $id }
add-admin-check-would-change = { $playbook }(チェック): 変更されるホスト { $hosts }
add-admin-check-failed = { $playbook }(チェック): { $reason }
add-admin-changed = { $playbook }: 変更されたホスト { $hosts }
add-admin-log-in = https://{ $host } に { $email } でログインしてください
lab-swarm-manager = マネージャ { $ip }
lab-swarm-workers = ワーカー { $ips }

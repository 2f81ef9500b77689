# stdlib モジュール(stdlib/*.rhai)のメッセージ(日本語)。locales/en/stdlib.ftl と同じキー、
# 同じプレースホルダ(tests/i18n.rs)。用語は VCP のノートブックに合わせる。

## checks.rhai: パラメータの規則
checks-report = { $count } 件の問題があります{ $what }:
checks-parameter = パラメータ { $name }: { $problem }
checks-parameter-fix = パラメータ { $name }: { $problem }。{ $fix }
checks-expected-integer = パラメータ { $name }: { $min } 以上の整数が必要です。指定された値: { $value } ({ $type })
checks-too-small = パラメータ { $name }: { $min } 以上にしてください。指定された値: { $value }
checks-expected-path = パラメータ { $name }: ファイルのパスが必要です。指定された値: "{ $value }" ({ $type })。例: --set { $name }=~/.ssh/id_rsa
checks-not-ipv4-parameter = パラメータ { $name }: IPv4 アドレスではありません: { $value }
checks-not-ipv4 = IPv4 アドレスではありません: { $value }
checks-not-cidr = CIDR 形式のサブネットではありません: { $cidr }
checks-outside-network = パラメータ { $name }: { $value } はプライベートネットワーク { $cidr } の外にあります
checks-network-address = パラメータ { $name }: { $value } は { $cidr } のネットワークアドレスで、ノードには使えません。{ $first } から { $last } までの中から選んでください
checks-broadcast-address = パラメータ { $name }: { $value } は { $cidr } のブロードキャストアドレスで、ノードには使えません。{ $first } から { $last } までの中から選んでください
checks-reserved-gateway = ゲートウェイ(ルータ)のアドレス
checks-reserved-dns = クラウドの DNS のアドレス
checks-reserved-other = クラウドが予約しているアドレス
checks-reserved-address = パラメータ { $name }: { $value } は { $cidr } の{ $what }です。AWS と Azure はサブネットの先頭の 4 つ(ネットワーク、ゲートウェイ、DNS、予約)と最後の 1 つのアドレスを予約しています。{ $first } から { $last } までの中から選んでください
checks-nodes-do-not-fit = パラメータ { $name }: { $count } 台のノードはプライベートネットワーク { $cidr } に収まりません。このネットワークのノード用アドレスは { $usable } 個(クラウドが先頭の 4 つと最後の 1 つを予約)で、{ $taken } 個が使用中のため、作れるのはあと { $room } 台までです。{ $room } 台以下にしてください
checks-mac-not-text = MAC アドレスではありません: { $mac } ({ $type })
checks-mac-dashes = { $mac } はハイフン区切りです。コロンで区切って書いてください: { $fixed }
checks-mac-malformed = { $mac } は MAC アドレスではありません。コロンで区切った 2 桁の 16 進数 6 組が必要です(例: 02:00:5e:10:00:01)
checks-mac-broadcast = { $mac } はブロードキャストアドレスで、ノードには使えません
checks-mac-multicast = { $mac } はマルチキャストアドレス(先頭のオクテット { $octet } が奇数)で、ノードには使えません。ノードのアドレスは先頭のオクテットが偶数です(例: 02:…)
checks-mac-zeros = { $mac } はすべて 0 で、ノードには使えません
checks-mac-expected-list = パラメータ { $name }: MAC アドレスのリストが必要です。指定された値: { $value } ({ $type })。例: --set { $name }=[02:00:5e:10:00:01]
checks-mac-twice = { $mac } が 2 回指定されています。新しいノードにはそれぞれ別の MAC アドレスが必要です
checks-not-one-of = パラメータ { $name }: 次のいずれかにしてください: { $choices }。指定された値: { $value }
checks-not-one-of-lower = パラメータ { $name }: 次のいずれかにしてください: { $choices }。指定された値: { $value }(名前は小文字です: { $lower })
checks-expected-name = パラメータ { $name }: 名前が必要です。指定された値: { $value }
checks-name-characters = パラメータ { $name }: "{ $value }" は ASCII の英字(a-z、A-Z)で始まり、ASCII の英字と数字だけを含む名前にしてください(例: CoursewareHub2)
checks-name-too-long = パラメータ { $name }: "{ $start }…" は { $length } 文字です。40 文字までにしてください。短い名前を選んでください

## coursewarehub_flow.rhai: 構築ノートブックの手順
cwh-flow-nothing-created = (パラメータ。何も作成も保存もしていません)
cwh-flow-no-flavor = パラメータ vc_flavor: { $provider } にフレーバー "{ $flavor }" はありません。使えるフレーバー: { $known }
cwh-flow-key-pair-missing = パラメータ { $name }: { $path } がありません(鍵ペアの作成: ssh-keygen -t { $type } -f { $privkey })
cwh-flow-key-pair-missing-other-pub = パラメータ { $name }: { $path } がありません(鍵ペアの作成: ssh-keygen -t { $type } -f { $privkey }。公開鍵は { $derived } に書かれるので --set ssh_public_key_path={ $derived } を指定してください)
cwh-flow-public-key-missing = パラメータ ssh_public_key_path: { $pubkey } がありません。秘密鍵 { $privkey } はあるので、その公開鍵を次のコマンドで書き出してください: ssh-keygen -y -f { $privkey } > { $pubkey }
cwh-flow-private-key-missing = パラメータ ssh_private_key_path: { $privkey } がありません。{ $pubkey } に対応する秘密鍵のパスを指定してください(--set ssh_private_key_path=…)。公開鍵から秘密鍵は作れません。秘密鍵がなければ新しい鍵ペアを作り(ssh-keygen -t { $type } -f { $privkey })、--set ssh_public_key_path={ $derived } を指定してください
cwh-flow-col-parameter = パラメータ
cwh-flow-col-saved = 保存済み
cwh-flow-col-on-vcc = VCC 上
cwh-flow-col-requested = 今回の指定
cwh-flow-drift-line = { $parameter }: 保存済み { $saved }、VCC 上 { $on_vcc }、今回の指定 { $requested }
cwh-flow-contradict = パラメータがユニットグループ { $unit_group } の現状と食い違っています(上の表)。何も変更せず、group_vars もそのままです:
cwh-flow-what-to-do = 対処:
cwh-flow-fix-rebuild = { $name }: VCノードはその場では変更できません。保存済みの値を使ってください(--set を外す、パラメータファイルを直す)。どうしても変えるには環境を作り直します: { $teardown }
cwh-flow-fix-image = { $name }: { $role } はイメージ { $image } で構築されています。イメージはその場では変更できません。--set { $name }={ $image } を指定してください(または構築したサイトのスクリプトを実行してください)。どうしても変えるには環境を作り直します: { $teardown }
cwh-flow-nodes-accept = VCノードが受け付ける鍵 { $key }
cwh-flow-fix-ssh-key = ssh_public_key_path: VCノードは構築時の鍵しか受け付けません。保存済みの鍵ペア(ssh_public_key_path と ssh_private_key_path)を使ってください。別の鍵のVCノードは新しいVCノードになります: { $teardown }
cwh-flow-address-used-by = { $ip }(ユニットグループ { $other } が使用中)
cwh-flow-fix-address-used = vc_ipaddress: { $ip } はユニットグループ { $other } のVCノードです。プライベートネットワーク内の空いているアドレスを選んでください
cwh-flow-fix-manager-address = vc_ipaddress: ユニットグループ { $unit_group } のマネージャはすでに { $have } にあります({ $ip } ではありません)。同じアドレスを使うか、別の unit_group にしてください
cwh-flow-node-count = { $nodes }(マネージャ 1 台 + ワーカー { $workers } 台)
cwh-flow-fix-too-many-workers = vc_nodes: ユニットグループ { $unit_group } にはワーカーが { $have } 台あり、vc_nodes={ $vc_nodes } で許される台数より多くなっています。scripts/remove-workers.rhai でワーカーを削除するか、vc_nodes={ $nodes } を指定してください
cwh-flow-fix-add-workers = vc_nodes: ワーカーは scripts/add-workers.rhai --set add_nodes={ $add } で追加してください(インベントリ、group_vars、Swarm も更新します)
cwh-flow-fix-disk = vc_nfs_disk_size: 構築済みの環境では VC ディスクの追加、サイズ変更、削除はできません。保存済みの vc_nfs_disk_size を使ってください。どうしても変えるには、学生のデータをディスクから退避してから環境を作り直します: scripts/teardown.rhai はすべてのVCノードと VC ディスク { $disk_unit_group } を、学生のデータごと削除します
cwh-flow-disk-in = { $disk_unit_group } の { $size } GB のディスク
cwh-flow-no-disk-requested = { $size }(ディスクなし)
cwh-flow-disk-gone = ディスクなし: { $disk_unit_group } がなくなっています
cwh-flow-fix-disk-gone = vc_nfs_disk_size: この環境の構築に使った VC ディスクのグループ { $disk_unit_group }(学生のデータ)が VCC からなくなっています。代わりに空のディスクを作ることはしません。VCC の管理者に確認してください
cwh-flow-no-disk-manager = ディスクなし(マネージャはディスクなしで存在します)
cwh-flow-manager-boots-on = ユニット manager は起動を始めており、起動を続けます。次の実行はその完了を待って再利用します
cwh-flow-worker-unit-left = vc_nodes は 1 ですが、ユニットグループ { $unit_group } にはユニット worker があります。scripts/remove-workers.rhai で削除してください
cwh-flow-nodes-answer = { $count } 台すべてのVCノードが SSH に応答しました

## vcnodes.rhai: ユニットグループ、ユニット、VCノード
vcnodes-creating-ugroup = ユニットグループ { $name }({ $kind })を作成します
vcnodes-ugroup-kind = ユニットグループ { $name } はありますが、種類が { $kind } ではなく { $have } です。別の unit_group を選んでください(クリーンアップすると中のものがすべて削除されます)
vcnodes-ugroup-kind-storage = ユニットグループ { $name } はありますが、種類が { $kind } ではなく { $have } です。別の unit_group を選んでください(クリーンアップすると中のものがすべて、ディスクとそのデータも含めて削除されます)
vcnodes-reusing-ugroup = ユニットグループ { $name } はすでにあります。再利用します
vcnodes-creating-unit = ユニット { $name } をVCノード { $count } 台で作成します
vcnodes-col-attribute = 項目
vcnodes-col-on-vcc = VCC 上
vcnodes-col-requested = 今回の指定
vcnodes-drift-line = { $attribute }: VCC 上は { $on_vcc }、今回の指定は { $requested }。そのままにするには: { $keep }
vcnodes-unit-differs = ユニットグループ { $unit_group } のユニット { $name } はありますが、今回の指定と異なります(上の表)。何も変更していません:
vcnodes-unit-differs-fix = 対処: 構築時の値(上)を使ってください。変えるには環境を作り直す必要があります: { $teardown }
vcnodes-adding-nodes = ユニット { $name } のVCノードは { $have } 台です。{ $add } 台追加します
vcnodes-too-many-nodes = ユニット { $name } のVCノードは { $have } 台ですが、必要なのは { $count } 台です。scripts/remove-workers.rhai でVCノードを削除するか、vc_nodes={ $vc_nodes } を指定してください
vcnodes-reusing-unit = ユニット { $name } はVCノード { $have } 台ですでにあります。再利用します
vcnodes-starting-unit = ユニット { $name } をVCノード { $count } 台で起動します。次の手順を進める間に起動します
vcnodes-keep-image = --set { $name }={ $image }(構築時のイメージ。構築したサイトのスクリプトもこれを指定します)
vcnodes-keep-saved = 保存済みの { $name }(--set を外す、パラメータファイルを直す)
vcnodes-keep-ssh-key = 保存済みの ssh_public_key_path と ssh_private_key_path(VCノードは構築時の鍵しか受け付けません)
vcnodes-keep-other = 構築時の値({ $value })
vcnodes-teardown-advice = scripts/teardown.rhai はすべてのVCノードと VC ディスク { $disk_unit_group } を、学生のデータごと削除します(先にバックアップしてください)。scripts/teardown.rhai --set keep_disk=true ならVCノードだけを削除し、次の構築で残した VC ディスクを新しいマネージャに接続します
vcnodes-lost-manager-disk-kept = { $unit_group } のマネージャ({ $ip })が ERROR です。VM は失われました。学生のデータは VC ディスク { $disk_unit_group } にあり、残っています。同じアドレス、同じ VC ディスクでマネージャを置き換え、ワーカーと Swarm を組み直してください:
vcnodes-lost-manager-no-disk = { $unit_group } のマネージャ({ $ip })が ERROR です。VM は失われました。このユニットグループには VC ディスクがないため、マネージャ自身のディスクのデータは VM とともに失われました。同じアドレスでマネージャを置き換え、ワーカーと Swarm を組み直してください:
vcnodes-lost-manager-after = (--plan を付けると、先に何をするかを確認できます)。このために scripts/teardown.rhai を実行しないでください。すべてのVCノードと VC ディスク { $disk_unit_group } を、学生のデータごと削除してしまいます
vcnodes-advice-off = { $nodes } は電源オフまたは停止中です。scripts/start-nodes.rhai で起動してから、もう一度実行してください
vcnodes-advice-worker-error = { $nodes } は ERROR です(VM は失われました)。scripts/remove-workers.rhai --set delete_ipaddresses={ $list } で削除し、scripts/add-workers.rhai で新しいワーカーを追加してから(またはこれをもう一度実行してから)、もう一度実行してください
vcnodes-advice-manager-error = { $nodes } は ERROR です。一度も動いていなければ、ユニットグループをクリーンアップし(ug.cleanup())、原因を直してからもう一度実行してください。以前は動いていたなら VM は失われています。scripts/replace-manager.rhai で置き換えてください(学生のデータがある VC ディスクは残します)
vcnodes-advice-other-error = { $nodes } は ERROR です。一度も動いていなければ、ユニットグループをクリーンアップし(ug.cleanup())、原因を直してからもう一度実行してください。そうでなければ VCC の管理者に相談してください
vcnodes-advice-unknown-state = { $nodes }: cwh が直し方を知らない状態です。VCC で確認してください(vcp.df_nodes())
vcnodes-not-running = ユニット { $name }: 動いていないVCノードがあります: { $states }。{ $advice }
vcnodes-none = なし

## swarm_flow.rhai: Docker Swarm
swarm-flow-initialised = { $ip } で Swarm を初期化しました
swarm-flow-already-manager = { $ip } はすでに Swarm のマネージャです
swarm-flow-removed-stale = Swarm: { $host } の古いエントリを削除しました(参加し直したため)
swarm-flow-joined = { $host }: Swarm に参加しました
swarm-flow-member = { $host }: すでに Swarm のメンバーです
swarm-flow-rejoined = { $host }: Swarm に参加し直しました
swarm-flow-outcome = { $host }: { $outcome }
swarm-flow-too-few-ready = Swarm の Ready のVCノードは { $ready } 台で、{ $count } 台必要です。Ready でないもの: { $down }。それらのVCノードの docker を確認するか(ssh vcp@HOST systemctl status docker)、scripts/start-nodes.rhai で起動してください
swarm-flow-too-many-ready = Swarm の Ready のVCノードは { $ready } 台ですが、ユニットグループは { $count } 台です: { $names }。別のユニットグループのVCノードがこの Swarm に参加していませんか。マネージャで削除してください: docker node rm --force ID

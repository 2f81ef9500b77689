# 現行の構築ノートブック(011/021/031: scripts/build-nodes.rhai、stdlib/suite_flow.rhai、
# stdlib/nfs.rhai、stdlib/suite_ops.rhai、scripts/replace-manager.rhai)のメッセージ。
# locales/en/suite.ftl と同じキー・同じプレースホルダ。

## ノード上の NFS と dnsmasq(stdlib/nfs.rhai)
suite-nfs-server-inactive = { $host }: NFSサーバが動いていません(systemctl status nfs-server の終了コード { $rc }{ $detail })。ノードのイメージ(coursewarehub:base-nfsd)とログ(journalctl -u nfs-server)を確認してください
suite-nfs-server-active = { $host }: nfs-server は動作中
suite-nfs-dirs-unchanged = { $host }: { $ug } のディレクトリは正しい状態です(変更なし)
suite-nfs-dirs-made = { $host }: { $ug } のディレクトリ: { $what }
suite-nfs-dir-made = { $dir } を作成({ $mode })
suite-nfs-dir-mode = { $dir } のモードを { $mode } に変更
suite-nfs-exports-no-client = { $ug } のエクスポートに許可するアドレスがありません。これではどのノードもマウントできません
suite-nfs-exports-unchanged = { $host }: { $path } は変更なし(クライアント { $count } 台)
suite-nfs-exports-written = { $host }: { $path } で /exported/{ $ug } を { $clients } にエクスポートしました
suite-nfs-exportfs-failed = { $host }: exportfs -r -v に失敗しました(終了コード { $rc }{ $detail })。エクスポートのファイルと NFSサーバのログ(journalctl -u nfs-server)を確認してください
suite-dnsmasq-unchanged = { $host }: { $path } には { $ip } { $fqdn } がすでにあります(変更なし)
suite-dnsmasq-written = { $host }: { $path } に { $ip } { $fqdn } を書きました
suite-dnsmasq-sighup = { $host }: systemctl restart dnsmasq に失敗しました(終了コード { $rc })。代わりに dnsmasq に SIGHUP を送りました
suite-nfs-mounts-in-place = NFS のマウント({ $mounts })は { $count } 台のノードで正常です
suite-nfs-mounts-made = mount -a で { $hosts } に NFS のマウント({ $mounts })を作りました
suite-nfs-mounts-missing = { $host }: mount -a の後も NFS のマウントがありません{ $detail }。ノードの NFS_SERVER と NFSサーバのエクスポートを確認してください
suite-nfs-round-trip-failed = NFSサーバで作ったファイルが { $hosts } から NFS 経由で見えません。マウント(findmnt /jupyter)とエクスポートを確認してください
suite-nfs-round-trip-ok = NFSサーバで作ったファイルが { $count } 台のノードから見えました

## 構築(scripts/build-nodes.rhai)
suite-build-simulator = シミュレータ(--sim、または --lab なしの `cwh vcc serve`)ではノードは記録だけなので、SSH の手順(known_hosts、NFS、dnsmasq、Swarm)は行いません。--lab で試せます
suite-build-files-done = { $ug }(nfs={ $nfs }): NFSサーバ { $nfs_ip }、マネージャ { $manager_ip }、ワーカー { $workers } 台 { $worker_ips } — VCC の手順とファイルは完了(group_vars/{ $ug }、{ $inventory }、ansible.cfg)
suite-build-ready = { $ug }(nfs={ $nfs })の準備ができました: NFSサーバ { $nfs_ip }、マネージャ { $manager_ip }({ $fqdn })、ワーカー { $workers } 台

## 失われたマネージャ(stdlib/suite_ops.rhai、scripts/replace-manager.rhai)
suite-manager-lost = { $ug } のマネージャ({ $ip })は ERROR です。VM が失われました。受講者のデータは NFSサーバのノード { $nfs_ip }({ $nfs_group })にあり、残っています。同じアドレスでマネージャを作り直し、ワーカーと Swarm を組み直すには:{"\u000A"}{"\u000A"}    { $command }{"\u000A"}{"\u000A"}(先に --plan を付けると何をするか確認できます)。このために scripts/teardown.rhai は実行しないでください。{ $ug } のすべてのノードを削除します
suite-replace-no-address = { $ug } の group_vars にマネージャのアドレス(manager_ipaddress、2020 年の構成では vc_ipaddress)がありません。何も変更していません。マネージャは元のアドレスで作り直すので、{ $ug } を構築した作業ディレクトリで実行してください
suite-replace-not-compute = ユニットグループ { $ug } は { $kind } のグループで、CoursewareHub ではありません。何も変更していません(unit_group を確認してください)
suite-replace-no-unit = ユニットグループ { $ug } に manager ユニットがありません(削除済み、またはこのスクリプトの前回の実行が削除の後で止まりました)。新しく作ります
suite-replace-not-lost = { $ug } のマネージャ({ $states })は失われていません。置き換えるものはなく、何も変更していません。応答しない場合はログインして(ssh vcp@{ $ip })sshd と docker を確認するか、電源を切って入れ直してください(scripts/stop-nodes.rhai --set stop_manager=true の後 scripts/start-nodes.rhai)。このスクリプトが置き換えるのは VM が失われた(VCC で ERROR の)マネージャだけです
suite-replace-resuming = このスクリプトの前回の実行はマネージャを置き換えましたが、最後まで終わっていません。続きを行います(known_hosts、インベントリ、Swarm)
suite-replace-powered-off = { $ug } のマネージャ({ $states })は電源が切れているだけで、失われてはいません。何も変更していません。scripts/start-nodes.rhai で起動してください
suite-replace-unknown-state = { $ug } のマネージャ({ $states })は cwh では直せない状態です。何も変更していません。VCC で確認するか(cwh repl で vcp.df_nodes())、VCC の管理者に問い合わせてください
suite-replace-disk-gone = { $ug } の VCディスクのグループ { $disk_group } には VCC 上にディスクがありません。このままでは新しいマネージャに受講者のデータではなく空の新しいディスクが付きます。何も変更していません。ディスクについて VCC の管理者に問い合わせてください。データなしで進めるには環境を構築し直します: { $advice }
suite-replace-with-disk = { $disk_group } の VCディスク { $disk } を接続(データごと残します。ディスクのグループには触れません)
suite-replace-data-on-nfs-node = VCディスクなし(受講者のデータは NFSサーバのノード { $nfs_ip }({ $nfs_group })にあり、残ります)
suite-replace-no-disk = VCディスクなし(構築されていません)
suite-replace-will-replace = { $ug } のマネージャを置き換えます: manager ユニットを削除し(VM は失われています)、{ $ip } に新しいマネージャを作ります({ $disk })。その後 known_hosts とインベントリを更新し、ワーカー { $workers } 台と Swarm を組み直します
suite-replace-will-create = { $ug } のマネージャを { $ip } に作ります({ $disk })。その後 known_hosts とインベントリを更新し、ワーカー { $workers } 台と Swarm を組み直します
suite-replace-deleted = { $ug } の manager ユニット(ノード { $node })を削除しました。ほかには何も削除していません
suite-replace-other-address = VCC は { $ug } の新しいマネージャにアドレス { $got } を割り当てました({ $want } ではありません)。ワーカーと NFS のエクスポートは { $want } を前提にしています。VCC でアドレスを確認して(cwh repl で vcp.df_nodes())、もう一度実行してください
suite-replace-simulator = シミュレータ(--sim、または --lab なしの `cwh vcc serve`)ではノードは記録だけなので、SSH、Ansible、Swarm の手順はここで終わります。--lab で試せます
suite-replace-done-with-disk = {" "}、{ $disk_group } の VCディスク(受講者のデータ)付き
suite-replace-done = { $ug } のマネージャを置き換えました: { $ip }{ $with_disk }。Swarm はワーカー { $workers } 台とともに Ready です。新しい Swarm にはまだサービスがありません。最初の構築の後と同じように CoursewareHub のサービスをデプロイし直してください
suite-replace-done-today = { $ug } のマネージャを置き換えました: { $ip }、NFS は { $nfs_ip } から(マウントを確認し、NFSサーバで作ったファイルをハブのノードで読めました)。Swarm はワーカー { $workers } 台とともに Ready です。新しい Swarm にはまだサービスがありません。最初の構築の後と同じように CoursewareHub のサービスをデプロイし直してください

## 現行の構成での運用スクリプト(stdlib/suite_ops.rhai)
suite-layout-2020-name = 2020 年版(scripts/coursewarehub.rhai)
suite-layout-today-name = 現行版(ノートブック 011/021/031、scripts/build-nodes.rhai)
suite-layout = { $ug }: ファイル構成は { $name }: { $files }
suite-layout-today = { $ug }: ファイル構成は { $name }: { $files }。nfs={ $nfs }、NFSサーバ { $nfs_ip }({ $nfs_group })
suite-ops-no-nfs-server = { $ug } の group_vars に NFSサーバ(nfs_ipaddress/manager_ipaddress)がありません。scripts/build-nodes.rhai --set ugroup_name={ $ug } を実行して記録してください
suite-ops-start-manager = マネージャを起動してください(scripts/start-nodes.rhai)
suite-ops-power-nfs-node = そのノードの電源を入れてください({ $owner } の nfs ユニット。scripts/start-nodes.rhai は NFSサーバのノードの電源を操作しません)
suite-ops-nfs-server-silent = { $ug } の NFSサーバ { $nfs_ip }({ $nfs_group })が SSH に応答しません({ $reason })。この処理には NFSサーバが動いている必要があります。{ $todo }。その後もう一度実行してください
suite-ops-exports-opened = { $ug } のエクスポートを新しいアドレス { $ips } にも開きました({ $nfs_ip }、{ $nfs_group })
suite-ops-exports-none-removed = { $ug } のエクスポート({ $nfs_ip }、{ $nfs_group }): クライアントが残っていないため、ファイルを削除しました
suite-ops-exports-none-unchanged = { $ug } のエクスポート({ $nfs_ip }、{ $nfs_group }): クライアントは残っていません(変更なし)
suite-ops-exports-exactly = { $ug } のエクスポート({ $nfs_ip }、{ $nfs_group }): { $ips } だけにしました
suite-ops-exports-exactly-unchanged = { $ug } のエクスポート({ $nfs_ip }、{ $nfs_group }): { $ips } だけです(変更なし)
suite-ops-mounts-in-place = { $ug } の NFS マウントは { $ips } で正常です
suite-ops-nfs-node-missing = { $ug } の NFSサーバのノード({ $nfs_group })が VCC にありません。ユニットグループ { $owner } に nfs ユニットがありません。構築し直してください(scripts/build-nodes.rhai --set ugroup_name={ $owner })
suite-ops-nfs-node-down = { $ug } の NFSサーバのノード({ $nfs_group })が動いていません({ $down })。このスクリプトは NFSサーバのノードの電源を操作しません(ほかのハブが共有していることがあります)。VC Controller で電源を入れて({ $owner } の nfs ユニット)、もう一度実行してください
suite-ops-exports-unreadable = NFSサーバのノード { $nfs_ip } の /etc/exports.d を一覧できませんでした({ $reason })。共有しているハブは、この作業ディレクトリのファイルだけで確認しました
suite-ops-nfs-node-off-deps = { $ug } の NFSサーバのノード { $nfs_ip } が動いていません。共有しているハブは、この作業ディレクトリのファイルだけで確認しました
suite-ops-teardown-refused = { $ug } の NFSサーバのノード { $nfs_ip }({ $nfs_group })は、まだほかの { $count } 個のハブが使っています: { $why }。{ $ug } を削除すると、それらのハブの NFSサーバが受講者のデータごと削除されます。先にそれらのハブを削除してから({ $commands }、それぞれを構築した作業ディレクトリで)、もう一度実行してください。何も削除していません
suite-ops-dep-group-vars = group_vars/{ $hub } の nfs_target が { $target } です
suite-ops-dep-exports = NFSサーバのノードに /etc/exports.d/{ $hub }.exports があります
suite-ops-exports-sim = シミュレータ: NFSサーバのノード { $nfs_ip }({ $nfs_group })の { $path } には触れません(ノードがありません)
suite-ops-exports-removed = { $nfs_ip }({ $nfs_group })の { $path }: 削除して exportfs -r を実行しました
suite-ops-exports-gone = { $nfs_ip }({ $nfs_group })の { $path }: すでにありません
suite-ops-dnsmasq-removed = { $nfs_ip }({ $nfs_group })の { $path }: { $ip } { $fqdn } を削除しました

## どちらの構成でも使う運用の手順(stdlib/lifecycle.rhai)
suite-lc-no-manager-unit = ユニットグループ { $ug } に manager ユニットがありません。{ $command } で作り直してください(受講者のデータがある VCディスクは残ります)
suite-lc-no-group-vars = ユニットグループ { $ug } の group_vars が { $dir } にありません。scripts/coursewarehub.rhai または scripts/build-nodes.rhai で構築したディレクトリで実行するか(--workdir DIR)、--set unit_group=NAME を指定してください
suite-lc-no-power-control = プロバイダ { $provider } は VCP で電源を操作できません(できるのは aws と azure だけです。911/912)。ワーカーの費用を止めるにはワーカーを削除してください(scripts/remove-workers.rhai。受講者のデータはマネージャの VCディスクに残ります)。学期の終わりには: { $advice }
suite-lc-no-ugroup = ユニットグループ { $ug } は { $vcc } にありません。操作する対象がありません(scripts/coursewarehub.rhai で構築してください)
suite-lc-no-node = ユニット { $unit } には { $ip } のノードがありません
suite-lc-powering-off = { $unit } { $ip }: { $state } → 電源を切ります
suite-lc-powering-on = { $unit } { $ip }: { $state } → 電源を入れます
suite-lc-processing = { $unit } { $ip }: VCC がまだユニットを処理中です。5 秒待って確認し直します
suite-lc-host-key-changed = { $hosts } のホスト鍵が変わっています。VM が作り直された場合(VCC でノード ID が変わっている場合)は scripts/coursewarehub.rhai を実行してください(作り直されたノードの新しい鍵を記録し、Swarm を組み直します)。その後もう一度これを実行してください。作り直していない場合は接続しないでください。攻撃の兆候です
suite-lc-no-answer = { $seconds } 秒待っても { $hosts } の sshd または docker が応答しません。ログインして(ssh vcp@HOST)systemctl status sshd docker を確認してください
suite-lc-swarm-too-many = Swarm の Ready のノードが { $ready } 台あります(期待は { $count } 台)。このユニットグループのワーカーではないノードが含まれています。マネージャで削除してください(docker node rm --force ID)
suite-lc-swarm-not-ready = { $seconds } 秒待っても Swarm の Ready のノードは { $ready } 台です(期待は { $count } 台)。Ready でないノード: { $down }。それらのノードの docker を確認するか(ssh vcp@HOST systemctl status docker)、scripts/start-nodes.rhai で電源を入れてください
suite-lc-not-addresses = IPv4 アドレスのリストを指定してください。指定された値: { $value }

## 構築のパラメータと確認(stdlib/suite_flow.rhai)
suite-version-empty-part = "{ $v }" に空の部分があります
suite-version-not-number = "{ $v }" に数字でない部分 "{ $part }" があります
suite-vcc-version-unreadable = VCC のバージョン { $found } を読み取れません({ $have })。現行のノートブックには VCC { $min } 以降が必要です。動いているバージョンを VCC の管理者に確認してください
suite-vcc-version-older = VCC のバージョンは { $found } で、現行の構築ノートブック(011/021/031)とこのスクリプトが必要とする { $min } より古いです。何も作成していません。VC Controller の更新を VCC の管理者に依頼するか、scripts/coursewarehub.rhai(2020 年版の構成)で構築してください
suite-vcc-version-ok = VCC のバージョン { $found }({ $min } 以降が必要)
suite-param-mac = パラメータ { $name }: "{ $value }" は MAC アドレスではありません。16 進数 2 桁の組を 6 つ、コロンで区切って書いてください(例: 02:00:00:00:00:01)
suite-param-fqdn-not-text = パラメータ master_fqdn: ホスト名を指定してください(指定された値: { $value })。{ $fix }
suite-param-fqdn-too-long = パラメータ master_fqdn: "{ $start }…" は 253 文字を超えています。{ $fix }
suite-param-fqdn-no-domain = パラメータ master_fqdn: "{ $value }" にドメインがありません。{ $fix }
suite-param-fqdn-bad-label = パラメータ master_fqdn: "{ $value }" に空のラベルか長すぎるラベルがあります。{ $fix }
suite-param-fqdn-hyphen = パラメータ master_fqdn: "{ $value }": ラベルの先頭と末尾に "-" は使えません。{ $fix }
suite-param-fqdn-char = パラメータ master_fqdn: "{ $value }" にはホスト名に使えない文字 "{ $c }" があります。{ $fix }
suite-param-fqdn-address = パラメータ master_fqdn: "{ $value }" はアドレスで、ホスト名ではありません。{ $fix }
suite-param-pool-not-cidr = パラメータ docker_address_pool: "{ $value }" は CIDR 形式のネットワークではありません。{ $fix }
suite-param-pool-no-prefix = パラメータ docker_address_pool: "{ $value }" にプレフィックス長がありません。{ $fix }
suite-param-pool-prefix-range = パラメータ docker_address_pool: プレフィックス /{ $bits } は /8 から /28 の間にしてください。{ $fix }
suite-param-pool-host-bits = パラメータ docker_address_pool: "{ $value }" にはホスト部のビットが立っています。ネットワークは先頭のアドレスで書きます。{ $fix }
suite-param-mounts-not-list = パラメータ extra_mount_points: パスのリストを指定してください(指定された値: { $value })。{ $fix }
suite-param-mount-not-absolute = パラメータ extra_mount_points: "{ $mp }" は / の下の絶対パスではありません。{ $fix }
suite-param-mount-bad-chars = パラメータ extra_mount_points: "{ $mp }" に使えない文字があります(イメージはリストを ':' でつなぎます)。{ $fix }
suite-param-mount-escapes = パラメータ extra_mount_points: "{ $mp }" には空の部分、"."、".." があり、NFSサーバの /exported/<ugroup_name> の外に出てしまいます。{ $fix }
suite-param-mount-image-dir = パラメータ extra_mount_points: "{ $mp }" はイメージ自身がマウントする /{ $value } の下にあります。別のディレクトリ(例: /share)を選んでください
suite-param-mount-twice = パラメータ extra_mount_points: "{ $mp }" が 2 回指定されています
suite-param-nfs-choices = { $reason }: manager は構成1(ノートブック 011、マネージャが NFSサーバ)、node は構成2(021、専用の NFSサーバのノード)、shared は構成3(031、nfs_target で指定したほかのハブの NFSサーバのノード)を構築します
suite-param-nfs-changed = パラメータ nfs: { $ug } は nfs={ $was } で構築されています(group_vars/{ $ug })。{ $nfs } ではありません。構築済みのハブの構成は変えられません。--set nfs={ $was } のままにするか、新しいハブには別の ugroup_name を選んでください
suite-param-ugroup-2020 = パラメータ ugroup_name: { $ug } は 2020 年版の構成のハブです(group_vars/{ $ug } に unit_group/vc_flavor があります)。scripts/coursewarehub.rhai で運用します。新しいハブには別の ugroup_name を選んでください
suite-param-ugroup-taken-vcc = パラメータ ugroup_name: ユニットグループ { $ug } はすでに VCC にありますが、この作業ディレクトリに group_vars/{ $ug } がありません。ほかのハブです(別の作業ディレクトリで構築?)。別の ugroup_name を選ぶか、構築した作業ディレクトリで実行してください
suite-param-ugroup-taken-inventory = パラメータ ugroup_name: { $inventory } にはすでにグループ { $ug } がありますが、group_vars/{ $ug } がありません。同じ名前のハブがここで構築されています。別の ugroup_name を選んでください
suite-param-provider = パラメータ vc_provider: { $value }
suite-param-flavor-unknown = パラメータ { $k }: { $vc_provider } にはフレーバー "{ $value }" がありません。使えるもの: { $names }
suite-param-workers-not-list = パラメータ worker_ipaddresses: アドレスのリストを指定してください(指定された値: { $worker_ipaddresses })。例: [172.30.2.101, 172.30.2.102]
suite-param-workers-count = パラメータ worker_ipaddresses: worker_nodes={ $worker_nodes } に対してアドレスが { $count } 個です。ワーカー 1 台に 1 つずつ指定してください(構築済みのハブのワーカー数を変えるには scripts/add-workers.rhai か scripts/remove-workers.rhai を使います)
suite-param-address-twice = パラメータ { $name }: { $ip } は { $value } にも指定されています。ノードごとに別のアドレスが必要です
suite-param-address-used = パラメータ { $name }: { $ip } はユニットグループ { $name2 } のノードです。プライベートネットワークの空いているアドレスを選んでください
suite-param-macs-not-list = パラメータ worker_mac_addresses: MAC アドレスのリストを指定してください(指定された値: { $worker_mac_addresses })
suite-param-macs-count = パラメータ worker_mac_addresses: worker_nodes={ $worker_nodes } に対してアドレスが { $count } 個です。ワーカー 1 台に MAC アドレスを 1 つずつ指定してください
suite-param-mac-provider = パラメータ { $value }: { $vc_provider } のノードには MAC アドレスを指定できません(できるのは vmware と proxmox だけです)。MAC アドレスのパラメータを外してください
suite-param-user-provider = パラメータ ssh_user_name: { $vc_provider } のノードにはログインユーザを指定できません(できるのは onpremises、つまり mdx の VM だけです。ノードのユーザは vcp です)。ssh_user_name を外してください
suite-param-master-ip = パラメータ master_ip: { $master_ip } は manager_ipaddress({ $value })と違います。構築では master_ip にマネージャのアドレスを保存します。master_ip を外すか、両方に同じアドレスを指定してください
suite-param-disk-group-own = パラメータ disk_unit_group: { $ug } はハブ自身のユニットグループです。ノートブックでの名前は { $ug }_disk です
suite-param-key-missing = パラメータ { $k }: { $value } がありません(鍵ペアの作成: ssh-keygen -t ed25519 -f { $ssh_private_key_path })
suite-param-target-not-nfs-group = パラメータ nfs_target: "{ $t }" は NFS のグループ(<ユニットグループ>_nfs)ではありません。{ $fix }
suite-param-target-own = パラメータ nfs_target: { $t } はこのハブ自身のグループです。{ $fix }
suite-param-target-unknown = パラメータ nfs_target: { $inventory } にグループ { $t } がありません(ここにある NFS のグループ: { $extra })。{ $fix }
suite-param-target-hosts = パラメータ nfs_target: { $inventory } のグループ { $t } にはホストが { $count } 台あります。NFS のグループのホストはちょうど 1 台です。{ $fix }
suite-param-nfs-server-mismatch = パラメータ nfs_server: { $nfs_server } は { $t } のホスト({ $ip })ではありません。このままではノードが自分をエクスポートしていないサーバをマウントします。nfs_server を外す(nfs_target から決まります)か、{ $ip } を指定してください
suite-param-target-no-unit = パラメータ nfs_target: ユニットグループ { $owner } には VCC 上に nfs ユニットがありません(削除済み?)。{ $fix }
suite-param-target-down = パラメータ nfs_target: { $owner } の NFSサーバのノードが動いていません({ $down })。先に起動してください(cwh run scripts/start-nodes.rhai --set unit_group={ $owner })
suite-param-shared-address = パラメータ { $value }: { $ip } は共有する NFSサーバのノードのアドレスです
suite-param-shared-worker-address = パラメータ worker_ipaddresses: { $ip } は共有する NFSサーバのノードのアドレスです
suite-params-nothing-created = { $reason }。何も作成・保存していません
suite-root-disk-unsupported = { $vc_provider }: このプロバイダではルートボリュームのサイズを指定できません。manager_disk_size、worker_disk_size{ $extra } は使われません
suite-vc-disk-unsupported = vc_nfs_disk_size: 現行のノートブックでは { $vc_provider } に VCディスクは使いません(aws と azure だけです)。NFS のデータはルートディスクに置かれます
suite-configuration = 構成: nfs={ $nfs }、ノートブック { $value }。ユニットグループ { $ugroup_name }
suite-drift-worker-nodes = worker_nodes: { $ugroup_name } のワーカーは { $have } 台です。scripts/remove-workers.rhai でワーカーを削除するか、worker_nodes={ $have } を指定してください
suite-drift-refused = パラメータが { $ugroup_name } のノードと食い違っています(上の表)。何も作成・保存しておらず、group_vars もそのままです:
suite-param-target-no-ssh = パラメータ nfs_target: { $nfs_target } の NFSサーバのノード { $nfs_ipaddress } が SSH に応答しません({ $extra })。起動するか(cwh run scripts/start-nodes.rhai --set unit_group={ $start })、{ $inventory } の鍵を確認してください。何も作成・保存していません
suite-param-target-reason = パラメータ nfs_target: { $reason }。何も作成・保存していません
suite-config-manager = 011(構成1: マネージャが NFSサーバ)
suite-config-node = 021(構成2: 専用の NFSサーバのノード)
suite-config-shared = 031(構成3: ほかのハブの NFSサーバのノードを共有)
suite-fix-fqdn = ハブのホスト名を書いてください(例: hub.example.org。英字・数字・ハイフンのラベルをドットで区切ります)
suite-fix-pool = 例: 10.10.0.0/16(ノートブックの既定値)
suite-fix-mounts = /share のような絶対パスを書いてください(英字、数字、'.'、'_'、'-'、'/')
suite-fix-target = nfs_target には、この作業ディレクトリで構築した構成2のハブの NFS のグループを指定します(scripts/build-nodes.rhai --set nfs=node)。例: HubA_nfs
suite-param-onprem-manager = パラメータ manager_ipaddress: onpremises(mdx)ではマネージャのアドレスが必要です
suite-param-onprem-workers = パラメータ worker_ipaddresses: onpremises(mdx)ではワーカーのアドレスが必要です
suite-param-onprem-nfs = パラメータ nfs_ipaddress: onpremises(mdx)では NFSサーバのノードのアドレスが必要です
suite-param-onprem-user = パラメータ ssh_user_name: onpremises(mdx)では VM のログインユーザが必要です
suite-params-refused-suffix = {" "}(パラメータの問題)。何も作成・保存していません
suite-drift-ssh-key = ssh_public_key_path: ノードは構築時の鍵しか受け付けません。保存済みの ssh_public_key_path と ssh_private_key_path のままにしてください
suite-drift-keep = { $name }: { $role } は { $on_vcc }({ $attribute })で構築されていて、その場では変えられません。保存済みの値のままにしてください(--set を外すか、パラメータファイルを直します)。変えるにはハブを構築し直します
suite-spec-refused = { $role } の spec: { $reason }

## the drift table of build-nodes (stdlib/suite_flow.rhai)
suite-col-unit = ユニット
suite-drift-workers-have = ワーカー { $have } 台

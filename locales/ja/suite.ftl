# 現行の構築ノートブック(011/021/031: scripts/build-nodes.rhai、stdlib/suite_flow.rhai、
# stdlib/nfs.rhai、stdlib/suite_ops.rhai、scripts/replace-manager.rhai)のメッセージ。
# locales/en/suite.ftl と同じキー・同じプレースホルダ。

## ノード上の NFS と dnsmasq(stdlib/nfs.rhai)
suite-nfs-server-inactive = { $host }: NFSサーバが動いていません(systemctl status nfs-server の終了コード { $rc }{ $detail })。ノードのイメージ(coursewarehub:base-nfsd)とログ(journalctl -u nfs-server)を確認してください
suite-nfs-server-active = { $host }: nfs-server は動作中
suite-nfs-dirs-unchanged = { $host }: { $ug } のディレクトリは正しい状態です(変更なし)
suite-nfs-dirs-made = { $host }: { $ug } のディレクトリ: { $what }
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

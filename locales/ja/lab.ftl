# ローカルラボについての cwh のメッセージ(日本語): ラボのエラー、Docker エンジン、ノードの
# イメージ、ネットワーク、ノード、所有者、`cwh lab` コマンド。locales/en/lab.ftl と同じキーと
# プレースホルダを置く(tests/i18n.rs)。

## ラボのエラー
lab-no-engine = ラボには Docker エンジンが必要ですが、応答するエンジンがありません({ $detail })
lab-no-engine-help = root で `cwh lab engine start` を実行すると cwh 専用のエンジンを起動します(--yes を付けると docker.io もインストールします)。systemd なら `systemctl start docker`。別のエンジンを使うには DOCKER_HOST を設定してください。`--sim` なら Docker なしで VCC シミュレータだけを使えます(ノードは記録だけになります)
lab-docker = Docker のエラー: { $problem }
lab-image-failed = ラボのノード用イメージを作成できませんでした: { $problem }
lab-image-help = `cwh lab image` には root 権限、debootstrap(`apt-get install debootstrap`)、接続できる Debian ミラー(/etc/apt/sources.list* の設定、または CWH_LAB_MIRROR)が必要です。原因を直してから `cwh lab image --rebuild` を実行してください
lab-usage-help = ラボ名は a-z 0-9 _ - の 1〜32 文字です(例: `--lab-name test1`)。サブネットは IPv4 の /24 ネットワークです(例: `--lab-subnet 172.30.2.0/24`)
lab-name-invalid = ラボ名 `{ $name }` は使えません
lab-state-unreadable = ラボの状態ファイル { $file } を読めません: { $problem }
lab-state-unwritable = ラボの状態ファイル { $file } に書き込めません: { $problem }
lab-cannot-create = { $path } を作成できません: { $problem }
lab-cannot-open = { $path } を開けません: { $problem }
lab-cannot-remove = { $path } を削除できません: { $problem }

## ラボのネットワーク
lab-subnet-invalid = `{ $subnet }` は IPv4 の /24 サブネットではありません
lab-subnet-taken = ラボ `{ $lab }` に指定したサブネット { $subnet } は、{ $holder }が使っています
lab-subnet-taken-help = 何も作成していません。別のサブネットを指定してください
lab-subnet-taken-help-free = 何も作成していません。別のサブネットを指定してください(例: `--lab-subnet { $free }` は今空いています)
lab-subnet-none-free = ラボに使える空きサブネット(172.30.N.0/24)がありません
lab-net-of-lab-owner = ラボ `{ $lab }` のネットワーク { $network }(作業ディレクトリ { $owner })
lab-net-of-lab = ラボ `{ $lab }` のネットワーク { $network }
lab-net-docker = Docker ネットワーク { $network }

## ラボの所有者
lab-record-unreadable = { $file } を読めません: { $problem }
lab-record-unwritable = ラボの所有者を { $dir } に記録できません: { $problem }
lab-record-damaged = ラボの記録 { $file } が壊れています({ $problem })。ラボ `{ $lab }` がもう存在しないなら、このファイルを削除してください
lab-record-unwritable-help = cwh はどの作業ディレクトリがどのラボを持つかをここに記録します。cwh を root で実行するか、Docker エンジンを使うユーザーのために root がディレクトリを作成してください: `install -d -m 1777 { $dir }`
lab-unrecorded-no-state = ラボ `{ $lab }` は存在しますが、所有者が記録されていません(以前の cwh で作成されたものです)。この作業ディレクトリ({ $workdir })にはそのラボの状態もありません
lab-unchanged-help = ラボには何も変更を加えていません。`cwh lab down --lab-name { $lab }` で削除できます(どの作業ディレクトリからでも可)。または{ $another }
lab-orphan = ラボ `{ $lab }` は孤立しています: 作成した作業ディレクトリ({ $owner })がもう存在しません
lab-belongs = ラボ `{ $lab }` は作業ディレクトリ { $owner } のものです。この作業ディレクトリ({ $workdir })のものではありません
lab-belongs-run-help = ラボには何も作成・変更していません。ラボは作成した作業ディレクトリからしか使えません: { $owner } で `cwh lab status --lab-name { $lab }` を実行してください。{ $own }この作業ディレクトリ用のラボには、{ $another }
lab-belongs-status-help = ラボは作成した作業ディレクトリにしか表示されません: { $owner } で `cwh lab status --lab-name { $lab }` を実行してください。{ $own }この作業ディレクトリ用のラボには、{ $another }
lab-belongs-down-help = 何も削除していません。ラボは作成した作業ディレクトリからしか削除できません: `cd { $owner } && cwh lab down --lab-name { $lab }`。{ $own }この作業ディレクトリ用のラボには、{ $another }
lab-own-one = この作業ディレクトリのラボは `{ $lab }` です(`--lab-name { $lab }`)。
lab-own-many = この作業ディレクトリのラボ: { $labs }。
lab-choose-another = 別の名前とサブネットを指定してください: `--lab-name { $name } --lab-subnet { $subnet }`(どちらも今空いています)。または、この作業ディレクトリのシェルで `export CWH_LAB={ $name } CWH_LAB_SUBNET={ $subnet }` を実行してください

## ラボの Docker エンジン
lab-engine-busy = 別の cwh が { $path } を 10 分間使い続けています
lab-engine-busy-help = 別の cwh が Docker エンジンを準備(インストールまたは起動)しています。終わるのを待ってから、cwh をもう一度実行してください
lab-engine-cannot-start = { $program } を起動できません: { $problem }
lab-engine-cannot-start-help = dockerd は docker.io パッケージに含まれています: `apt-get install docker.io`
lab-engine-exited = 終了しました
lab-engine-died = dockerd(pid { $pid })が応答する前に停止しました({ $status })
lab-engine-log-tail = { $log } の最後の行:
lab-engine-fix-then-rerun = 表示された問題を直してから、cwh をもう一度実行してください
lab-engine-timeout = dockerd(pid { $pid })が { $seconds } 秒以内に応答しなかったので、cwh が停止しました
lab-engine-wait-longer = CWH_DOCKERD_TIMEOUT=120 とするとより長く待ちます
lab-engine-not-ours = 応答している Docker エンジンは cwh が起動したものではないので、停止しません
lab-engine-not-ours-help = cwh が停止するのは自分で起動したエンジン(pid ファイル { $pidfile })だけです。このエンジンは起動したときの方法で停止してください(例: `systemctl stop docker`)
lab-engine-line = エンジン: Docker { $version }({ $address })、{ $who }
lab-engine-by-cwh = cwh が起動(pid { $pid }、ログ { $log }。`cwh lab engine stop` で停止)
lab-engine-not-by-cwh = cwh が起動したものではありません(cwh は停止しません)
lab-engine-stopped = cwh の Docker エンジン(pid { $pid })を停止しました
lab-engine-stopped-killed = cwh の Docker エンジン(pid { $pid })を停止しました(45 秒で止まらなかったため強制終了)
lab-engine-none-running = cwh が起動した Docker エンジンは動いていません
lab-docker-no-answer = 10 秒以内に応答がありません
lab-runtime-failed = 実行環境を起動できません: { $problem }

## 初回のセットアップ(apt-get)
setup-still-missing = apt-get は終わりましたが、{ $programs } がまだ見つかりません
setup-still-missing-help = apt の出力を { $log } で確認してください。`dpkg -l { $packages }` でインストール済みのものがわかります
setup-cannot-read-answer = 回答を読み取れません: { $problem }
setup-cannot-run-apt = apt-get を実行できません: { $problem }
setup-cannot-run-apt-help = Debian や Ubuntu では apt-get は /usr/bin/apt-get にあるはずです
setup-apt-failed = `apt-get { $args }` が失敗しました({ $status })

## ノード用イメージ
lab-image-why = ラボのノード用イメージの作成
lab-image-needs-root = debootstrap と chroot には root 権限が必要です。一度だけ root で `cwh lab image` を実行してください
lab-image-step-failed = { $step } が失敗しました: { $problem }
lab-image-base-stopped = ベースイメージの作成が止まりました({ $status })。ログは { $dir } にあります
lab-image-scratch = 作業用ディレクトリ: { $problem }
lab-image-context = ビルドコンテキスト { $dir }: { $problem }
lab-image-building = ラボのノード用イメージ { $tag } を作成します(1〜2 分。初回のみ)…
lab-image-built = { $tag } を作成しました({ $seconds } 秒)
lab-image-exists = { $tag } はすでにあります(作り直すには --rebuild)

## ラボのノード
lab-node-no-address = ノード { $node } にアドレスがありません
lab-node-mounts-ignored = ラボ: { $node }: params_v のホストのマウント { $mounts } は使いません(ラボは dockerd に必要なものをマウントします)
lab-node-mounts-ignored-scratch = ラボ: { $node }: params_v のホストのマウント { $mounts } は使いません(ラボは dockerd に必要なものと、{ $paths } にノード専用のボリュームをマウントします)
lab-node-dns-outside = ラボ: { $node }: スペックの DNS サーバ { $outside } はラボの外にあるので使いません(名前解決はラボの外に出ません)。ノードは { $dns } を使います
lab-node-stopped-booting = コンテナ { $container } が起動中に停止しました。そのログ:
lab-node-disappeared = コンテナ { $container } が起動中に消えました
lab-node-not-ready = ノード { $container }({ $ip })が { $seconds } 秒たっても準備できていません: sshd は{ $sshd }、dockerd は{ $dockerd }(`docker exec { $container } cat /var/log/dockerd.log /var/log/sshd.log` で確認できます)
lab-node-answers = 応答あり
lab-node-silent = 応答なし
lab-address-taken = アドレス { $ip } は、ラボのネットワーク { $network } でコンテナ { $container } が使っています。これは{ $whose }
lab-address-unknown-node = このラボのノード(ユニット { $unit }、ノード { $no })ですが、作業ディレクトリのラボの状態には記録がありません(.cwh/lab-{ $lab }.json を削除しましたか?)。`cwh lab status` で表示され、`cwh lab down` でラボごと削除できます
lab-address-other-lab-owner = 作業ディレクトリ { $owner } のラボ `{ $lab }` のノードです。このノードには別のアドレスを指定してください
lab-address-other-lab = ラボ `{ $lab }` のノードです。このノードには別のアドレスを指定してください
lab-address-not-lab = ラボのノードではありません。`docker network disconnect { $network } { $container }` でアドレスが空きます
lab-reconcile-gone = { $ugroup }/{ $unit } ノード { $no }: コンテナがなくなっているので ERROR にしました
lab-reconcile-stranger = ノード { $node } のコンテナが、この作業ディレクトリのラボの状態にありません(`cwh lab down` で削除できます)

## cwh lab status、cwh lab down
lab-status-orphan = { $orphan }。`cwh lab down --lab-name { $lab }` で削除できます(どの作業ディレクトリからでも可)
lab-status-unrecorded = ラボ `{ $lab }`: 所有者が記録されていません(以前の cwh で作成されたものです)。`cwh lab down --lab-name { $lab }` で削除できます(どの作業ディレクトリからでも可)
lab-status-no-nodes = ラボ `{ $lab }`: ノードはありません
lab-col-ugroup = ユニットグループ
lab-col-unit = ユニット
lab-col-node-no = ノード番号
lab-col-ip = IP
lab-col-vcc-state = VCC の状態
lab-col-container = コンテナ
lab-col-name = 名前
lab-down-done = ラボ `{ $lab }`{ $was }: コンテナ { $containers } 個、ボリューム { $volumes } 個{ $more }を削除しました
lab-down-was-orphan = (孤立: 作業ディレクトリ { $owner } はもう存在しません)
lab-down-was-unrecorded = (所有者の記録なし)
lab-down-network = 、ネットワーク
lab-down-state = 、保存済みの状態
lab-down-network-state = 、ネットワーク、保存済みの状態

## cwh lab --help(`cwh lab engine start|stop` の説明と例。CLI は `help-cmd-…` のキーをどの
## カタログファイルからも読む。`lab-help-examples` は `cwh lab --help` 用)
help-cmd-lab-engine-start = Docker エンジンが応答するようにします: 応答するエンジンがあればそれを使い、なければ cwh 専用の dockerd を起動します(root が必要。データ、pid ファイル、ログは /var/lib/cwh/docker、または CWH_DOCKER_ROOT)。docker.io と debootstrap がなければ先に apt-get でインストールします(端末では確認します。端末がなければ --yes が必要)。エンジンは次回以降の実行のために動いたままにします。
help-cmd-lab-engine-stop = cwh が起動した Docker エンジンを停止します(そのコンテナも停止します)。cwh が起動したのではないエンジンは停止しません。`cwh lab down` はエンジンを停止しません。
lab-help-examples =
    例:
      cwh lab engine start --yes                         cwh 専用の Docker エンジン(root が必要。なければ
                                                         apt で docker.io と debootstrap をインストール)
      cwh lab image                                      ノード用イメージを一度だけ作成する(約 1 分)
      cwh run examples/lab-swarm.rhai --lab --set ssh_pubkey=~/.ssh/id_ed25519.pub
      cwh lab status                                     ノード、ユニット、IP、状態
      cwh repl --lab --lab-name demo                     同じユニットグループをプロンプトで操作する
      cwh lab down                                       ラボのコンテナ、ボリューム、ネットワークを削除する
      cwh lab engine stop                                cwh が起動したエンジンを停止する(ほかのエンジンは停止しない)

    `cwh run … --lab` と `cwh lab image` は、応答するエンジンがなければ cwh のエンジンを自動で起動します。
    詳しくは docs/lab.md を参照してください。

# cwh のコマンドライン: run、check、params、repl、doc (issue 25)。

## cwh run
cli-journal-create-failed = 実行ジャーナルを { $dir } に作れません: { $problem }
cli-journal-create-failed-help = 作業ディレクトリの空き容量を増やすか権限を直して (--workdir DIR)、もう一度実行してください
cli-exit-code-range = { $call }: 終了コードは 0 から 255 の整数です
cli-exit-bad-value = { $call }: exit() には 0 から 255 の整数か、メッセージを渡してください (終了コード 1)
cli-output-gone = 出力先がなくなりました (端末かパイプが閉じられました): { $problem }
cli-internal-error = cwh の内部エラー: { $problem } (バグです。実行ジャーナルを添えて報告してください)
cli-panic = cwh の内部エラー: { $problem }{"\u000A"}  help: これはバグです。実行ジャーナル (.cwh/runs/) とこのメッセージを添えて報告してください

## スクリプトと作業ディレクトリ
cli-script-is-dir = { $name } はディレクトリで、スクリプトではありません
cli-script-is-dir-help = .rhai ファイルのパスを指定してください (例: scripts/coursewarehub.rhai)
cli-script-not-found = スクリプト { $name } が見つかりません
cli-script-not-found-help = パスを確認してください。同梱のスクリプトは scripts/ にあります
cli-script-unreadable = スクリプト { $name } を読めません: { $problem }
cli-script-not-utf8 = { $name }:{ $line }: スクリプトが正しいUTF-8ではありません (バイト位置 { $offset })
cli-script-not-utf8-help = ファイルをUTF-8で保存してください
cli-workdir-unresolved = --workdir { $dir } のパスを解決できません: { $problem }
cli-workdir-not-dir = --workdir { $dir }: { $path } はディレクトリではありません
cli-workdir-missing = --workdir { $dir }: { $path } がありません
cli-workdir-help = パスを確認してください (作業ディレクトリには環境の group_vars、インベントリ、.cwh/ があります)。または先に作成してください: mkdir -p { $path }

## cwh check
cli-check-clean = { $count } 個のスクリプトを確認しました: 問題はありません
cli-check-problems = { $count } 個のスクリプトを確認しました: 問題が { $problems } 個あります
cli-check-not-defined = 定義されていません
cli-check-did-you-mean = `{ $name }` のことですか? (`cwh doc` ですべての関数を一覧できます)
cli-check-define-it = `fn` で定義するか、それを持つモジュールを import してください。API は `cwh doc` で確認できます

## cwh repl
cli-repl-journal-failed = 実行ジャーナルを { $dir } に開けません: { $problem }
cli-repl-editor-failed = 行エディタを起動できません: { $problem }

## 各コマンドのオプションの --help (日本語で表示。英語はドキュメントコメントのまま)
cli-help-subcommand = このメッセージ、または指定したサブコマンドのヘルプを表示します
cli-arg-help = ヘルプを表示します
cli-arg-script = スクリプト (.rhai ファイル)
cli-arg-scripts = 確認するスクリプト
cli-arg-sets = パラメータを指定します: `--set vc_nodes=3`。値はYAMLとして読みます (3 は整数、true は真偽値、[a, b] はリスト、"16" は文字列)。同じキーは最後の --set が有効です。シークレットには使わないでください
cli-arg-params = パラメータを書いたYAMLファイル (`vc_nodes: 3`)。--set のほうが優先されます
cli-arg-workdir = 作業ディレクトリ: group_vars、インベントリ、実行ジャーナル (.cwh/) の場所。既定はカレントディレクトリ
cli-arg-libs = `import` が組み込みの stdlib より先に探すディレクトリ (複数指定可。CWH_LIB=dir1:dir2 でも可)。そこにあるファイルは同じ名前の stdlib モジュールより優先されます
cli-arg-yes = confirm() にすべて「はい」と答えます (端末なしで削除などを行うときに必要)。足りないパッケージ (docker.io、debootstrap) も確認なしに apt-get でインストールします
cli-arg-vcc-config = vcp_config.yml と vcp_flavor.yml のあるディレクトリ (指定がなければ VCP_CONFIG_DIR、~/.config/vcp、/notebooks/notebook/vcp_config)
cli-arg-token-file = VCCのアクセストークンを書いたファイル (指定がなければ VCC_ACCESS_TOKEN、それもなければ入力を隠したプロンプト)
cli-arg-ca-cert = 独自のCAを使うVCCのCA証明書 (PEM)。REQUESTS_CA_BUNDLE (VCP SDK と同じ)、SSL_CERT_FILE、システムの証明書ストアと合わせて信頼します
cli-arg-sim = 本物のVCCの代わりに組み込みのVCCシミュレータを使います: 設定もアクセストークンも不要です。状態は <workdir>/.cwh/sim-state.json に保存されます (`cwh vcc reset` で消去)
cli-arg-lab = 本物のノードを持つシミュレータ: 各VCノードは、専用のDockerネットワーク上で sshd と dockerd が動くコンテナです (Dockerエンジンが必要。初回はノードのイメージを作ります)。状態は <workdir>/.cwh/lab-<name>.json。`cwh lab down` で削除します
cli-arg-lab-name = 使うラボの名前 (例: `--lab-name test1`)。ラボはそれを作った作業ディレクトリのものです
cli-arg-lab-subnet = 新しいラボのネットワークのサブネット (例: `--lab-subnet 172.30.5.0/24`)。既定は、既定のラボなら 172.30.2.0/24、それ以外は空いている最初の 172.30.N.0/24
cli-arg-run-script = 実行するスクリプト (.rhai ファイル)
cli-arg-run-plan = 何も変えずに、実行したら何をするかを表示します: VCCの状態は GET リクエストだけで読み、その状態を入れたシミュレータでスクリプトをそのままリハーサルします。ファイルは <workdir>/.cwh/plan/ の作業用コピーに書きます。ノードを変えるコマンドは記録するだけで実行しません
cli-arg-run-offline = --plan と一緒に: どのノードにも接続しません (ここから届かないノードのため)
cli-arg-run-output = 計画の表示形式: text、またはツール向けの json
cli-arg-params-output = table (既定) または json
cli-arg-lab-status-output = table (既定) または json
cli-arg-doc-format = 出力形式: text または markdown (docs/api.md)
cli-arg-completions-shell = bash、zsh、fish、elvish、powershell のいずれか
cli-arg-lab-image-rebuild = イメージがあっても作り直します (debootstrap のベースも作り直します)
cli-arg-ansible-install-venv = venv を置く場所 (既定: CWH_ANSIBLE_VENV、それもなければ ~/.cache/cwh/ansible-venv)
cli-arg-vcc-reset-workdir = .cwh/sim-state.json を消す作業ディレクトリ (既定: カレントディレクトリ)
cli-arg-vcc-serve-listen = 待ち受けるアドレス (例: `--listen 127.0.0.1:18443`。ポート 0 は空いている任意のポート)
cli-arg-vcc-serve-state = 状態を読み込み、変更のたびに保存するJSONファイル (例: `--state .cwh/sim-state.json`)
cli-arg-vcc-serve-boot-delay = ノードが RUNNING になるまで BOOTING でいる時間 (例: `--boot-delay 2s`、`500ms`)
cli-arg-vcc-serve-node-addresses = ノードに割り当てるアドレスの範囲 (例: `--node-addresses 172.30.2.100-172.30.2.200`)
cli-arg-vcc-serve-fault-rate = 502/503/504 または切断で失敗させるリクエストの割合 (例: `--fault-rate 0.3`)
cli-arg-vcc-serve-fault-seed = 失敗の起こり方を再現できるようにする乱数の種 (例: `--fault-seed 42`)
cli-arg-vcc-serve-latency = 各リクエストに加える遅延 (例: `--latency 50ms`)
cli-arg-vcc-serve-token-file = クライアントが送るべきトークンを書いたファイル (CWH_SIM_TOKEN の代わり)
cli-arg-vcc-serve-lab = ラボを提供します: ノードは sshd と dockerd が動くコンテナで、アドレスはラボのネットワークの .100-.200 です
cli-arg-vcc-serve-tls = HTTPS で提供します (--cert/--key がなければ、初回に --tls-dir に作る独自のCAを使います)
cli-arg-vcc-serve-tls-dir = --tls の CA とサーバ証明書を置く場所 (既定: カレントディレクトリの .cwh/tls)
cli-arg-vcc-serve-tls-name = クライアントがこのサーバを呼ぶ別の名前やアドレス。作る証明書に入れます (複数指定可)
cli-arg-vcc-serve-cert = 作った証明書の代わりにこの PEM 証明書チェーンで HTTPS を提供します (--key が必要)
cli-arg-vcc-serve-key = --cert の PEM 秘密鍵
cli-arg-vcc-serve-super-token-file = 権限が `user_role: super` の2つ目のトークンを書いたファイル (特権モード用)。CWH_SIM_SUPER_TOKEN でも可
cli-arg-vcc-serve-one-boot-per-group = 同じユニットグループのノードが起動中の間、新しいユニットやノードの追加を 409 で断ります (cwh の代替手順を試すため)

## コマンドの --help の全文 (日本語で表示。英語はドキュメントコメントのまま)
cli-long-run =
    スクリプトを実行します。

    パラメータは --set、--params、CWH_PARAM_<NAME>、スクリプトの既定値から読みます。シークレット (VCCのアクセストークン) は環境変数、--token-file、入力を隠したプロンプトから読み、コマンドラインからは読みません。VCCの呼び出し、リモートコマンド、ファイルの書き込みはすべて <workdir>/.cwh/runs/ に記録されます。Ctrl-C、SIGTERM、SIGHUP ではスクリプトをきれいに止め、まとめを書いて作業ディレクトリのロックを外します (終了コード 130、143、129)。スクリプトが必要とするパラメータは `cwh params SCRIPT` で一覧できます。

    例:
      cwh run scripts/coursewarehub.rhai --params site.yml
      cwh run scripts/coursewarehub.rhai --params site.yml --plan
      cwh run scripts/coursewarehub.rhai --sim --params examples/site.yml
cli-long-check =
    スクリプトをコンパイルし、どこにも定義のない呼び出しを、何も実行せずにすべて報告します。関数名やモジュール名の書き間違いは、クラウドのリソースを作る前に ファイル:行:桁 と候補つきで示します。

    例:
      cwh check scripts/*.rhai
      cwh check --lib site-lib my-flow.rhai
cli-long-params =
    スクリプトが必要とするパラメータを一覧します: 名前、既定値、使用箇所、意味。何も実行せずに、スクリプトとそれが import するすべてのモジュールから探します。既定値のないパラメータは (--set、--params、CWH_PARAM_<NAME> で) 指定するか、プロンプトで入力してください。

    例:
      cwh params scripts/coursewarehub.rhai
      cwh params scripts/add-workers.rhai --output json
cli-long-repl =
    入力を1つずつ評価する対話セッション: VCCをその場で操作します。変数と `fn` の定義は入力をまたいで残ります。端末では Tab で補完、履歴が使え、Ctrl-C で行を消すか実行中の入力を止め、Ctrl-D で終了します。ドットコマンド: .help [NAME]、.vars、.load FILE、.save FILE、.quit。

    例:
      cwh repl --sim
      printf 'let x = 2;\nx * 21\n' | cwh repl
cli-long-doc =
    スクリプト API を表示します: すべての関数のシグネチャと説明 (docs/api.md はこの出力の markdown 版です)。

    例:
      cwh doc | less
      cwh doc --format markdown > docs/api.md

## command-line usage errors (src/cli/usage_error.rs; English readers see clap's own text)
usage-unknown-argument = 引数 `{ $arg }` はありません
usage-unknown-command = コマンド `{ $command }` はありません
usage-did-you-mean = (`{ $suggestion }` のことですか?)
usage-conflict = `{ $arg }` と `{ $other }` は同時に指定できません
usage-bad-value = `{ $arg }` には `{ $value }` を指定できません
usage-valid-values = (指定できる値: { $values })
usage-value-required = `{ $arg }` には値が必要ですが、指定されていません
usage-missing-argument = 必須の引数がありません: { $arg }
usage-line = 使い方: { $usage }
usage-more = 詳しくは --help を付けて実行してください。

# cwh のメッセージ(日本語)。en.ftl のすべてのキーをここにも同じプレースホルダで置く
# (tests/i18n.rs)。用語は VCP のノートブックに合わせる。

## 値の種類(Rust や Rhai の型名は出さない)
value-number = 整数
value-decimal = 数値
value-text = 文字列
value-list = リスト
value-map = 名前と値の組(マップ)
value-bool = true または false
value-nothing = 値なし
value-any = 任意の値
value-function = 関数
value-time = 時刻
value-empty = 空の値
got-empty-paren = 空の値が指定されました (
got-empty-quoted = 空の値 ("") が指定されました
rhai-no-property = { $what } にはプロパティまたはメソッド「{ $property }」がありません(使えるものは `cwh doc` で確認できます)

## 見えにくい文字・紛らわしい文字
invisible-fullwidth = 全角文字({ $chars })が含まれています。半角で { $half } と入力してください
invisible-ideographic-space = 全角スペースが含まれています
invisible-bom = 先頭に見えない BOM(バイトオーダーマーク)があります。ファイルを BOM なしの UTF-8 で保存してください
invisible-tab = タブ文字が含まれています
invisible-newline = 改行が含まれています
invisible-nbsp = ノーブレークスペースが含まれています
invisible-zero-width = 見えないゼロ幅スペースが含まれています
invisible-trailing-space = 末尾に空白があります
invisible-leading-space = 先頭に空白があります

## パラメータの入力
prompt-head = { $name } — { $about }
prompt-head-bare = { $name } — スクリプトが必要とするパラメータです
prompt-expected = 入力する値: { $expected }
prompt-no-default = 既定値も保存済みの値もありません。値を入力してください({ $at } で使用)
prompt-no-default-bare = 既定値も保存済みの値もありません。値を入力してください
prompt-retry = もう一度入力してください(Ctrl-C で中止します)。
prompt-closed = 値が入力される前に入力が閉じられました
expect-number-min = { $min } 以上の整数
expect-one-of = 次のいずれか: { $choices }
expect-ipv4 = IPv4 アドレス(例: 172.30.2.100)
expect-path = ファイルのパス
expect-any = 値(3 は数値、true/false は真偽値、[a, b] はリスト、それ以外は文字列)
answer-empty = { $name } には既定値がありません。値を入力してください。
answer-unreadable = { $name }: この値は読み取れません({ $problem })。文字列は "…" で囲んでください
answer-need-number = { $name } には { $min } 以上の整数が必要です。入力された値: { $typed }
answer-too-small = { $name } は { $min } 以上にしてください。入力された値: { $typed }
answer-not-choice = { $name } は次のいずれかにしてください: { $choices }。入力された値: { $typed }
answer-not-ipv4 = { $name } には IPv4 アドレス(例: 172.30.2.100)が必要です。入力された値: { $typed }
answer-not-path = { $name } にはファイルのパス(例: ~/.ssh/id_rsa)が必要です。入力された値: { $typed }

## cwh params
params-title = { $script } のパラメータ:
params-none = { $script } はパラメータを必要としません。
params-default = 既定値: { $value }
params-default-saved = 保存済み: { $value }({ $file })
params-default-saved-none = 保存済みの値(group_vars にあれば)
params-default-else = なければ { $value }
params-default-nothing = 値なし
params-default-computed = スクリプトが決める値
params-default-asked = なし: 入力を求めます(必須)。再実行では group_vars に保存された値を使います
params-checked = 確認される条件: { $expected }
params-asked-at = 使用箇所: { $at }
params-how = パラメータは --set NAME=VALUE、--params FILE.yml、または環境変数 CWH_PARAM_<NAME> で指定します。値のない必須パラメータは端末では入力を求め、端末がなければ実行を中止します。シークレット{ $secrets }は環境変数(VCC アクセストークンは VCC_ACCESS_TOKEN または --token-file、暗号化された鍵は CWH_PARAM_SSH_KEY_PASSPHRASE)か、入力が表示されないプロンプトから読みます。--set やファイルからは読みません。
params-computed-names = 名前が計算されるパラメータ(一覧には含まれず、厳密な確認もされません): { $at }
params-warning = 警告: { $problem }
list-sep = 、

## 同梱スクリプトのパラメータの意味(日本語ではこちらを表示。英語ではスクリプトのコメントを表示)
param-about-add_ipaddresses = 追加するワーカーの IP アドレス(VPN カタログのネットワーク内)。指定すると add_nodes より優先します
param-about-add_mac_addresses = MAC アドレス(任意)。add_ipaddresses の各アドレスに同じ順で 1 つずつ(vmware と proxmox のみ)
param-about-add_nodes = 追加するワーカーの台数(add_ipaddresses を指定しない場合)
param-about-again = true: 前回の実行ですでに同じ追加をしていても、さらに add_nodes 台追加します
param-about-delete_ipaddresses = 削除するワーカーの IP アドレス
param-about-delete_nodes = 削除するワーカーの台数(delete_ipaddresses を指定しない場合)
param-about-disk_unit_group = VC ディスクのストレージ用ユニットグループ(既定値: 保存済みの値)
param-about-inventory = 更新する Ansible のインベントリファイル
param-about-keep_disk = true: VCノードだけを削除します。VC ディスクのグループ(学生のデータ)、group_vars、インベントリは次の構築のために残します
param-about-known_hosts_file = VCノードのホスト鍵を記録する known_hosts ファイル(既定値: 保存済みの値)
param-about-manager_image = manager ノードのイメージ(既定値: 構築時に保存した値。なければ構築ノートブックのイメージ)
param-about-node_no = このノード番号のワーカーだけを停止します
param-about-ssh_private_key_path = cwh と Ansible が VCノードへのログインに使う秘密鍵。このマシンの外には出ません
param-about-ssh_public_key_path = すべての VCノードに置く公開鍵(authorized_keys)。秘密鍵は指定しないでください
param-about-stop_manager = manager ノードも停止します(ワーカーの後に)
param-about-unit_group = ユニットグループ: VCC 上の名前であり、group_vars/<名前> のファイル名です(VC ディスクのグループは <名前>_disk)
param-about-vc_disk_size = ルートディスクの容量(GB)。16 以上: CoursewareHub のイメージは 4 GB 以上必要です。既定値なし
param-about-vc_flavor = すべての VCノードのフレーバー(vcp_flavor.yml の small、medium、large など)。既定値なし
param-about-vc_ipaddress = manager ノードのプライベート IP アドレス(プロバイダの VPN カタログのネットワーク内)。既定値なし
param-about-vc_nfs_disk_size = NFS 用 VC ディスクの容量(GB)。0: ディスクなし
param-about-vc_nodes = VCノードの台数: manager 1 台 + ワーカー (vc_nodes - 1) 台。既定値なし
param-about-vc_provider = プロバイダ: aws または azure(既定値: 保存済みの値)
param-about-wait_seconds = 起動後に sshd と docker を待つ時間(秒)
param-about-worker_image = ワーカーのイメージ(既定値: 保存済みの値。なければ構築ノートブックのイメージ)

## cwh --help: 各コマンドの用途
help-about = Rhai スクリプトで VCP 上に CoursewareHub を構築・運用します
help-long-about = cwh は Rhai スクリプトを実行します。スクリプトの関数は VC コントローラ(VCC)、SSH による VCノード、Docker Swarm、CoursewareHub ノートブックの Ansible ファイルを扱います。同梱の scripts/ がノートブックの手順を再現します。手順を変えるときはスクリプトを編集するだけで、再コンパイルは不要です。
help-examples =
    例:
      cwh run scripts/coursewarehub.rhai --params site.yml   環境を構築する
      cwh run demo.rhai --set vc_nodes=3                     パラメータを指定してスクリプトを実行する
      cwh check scripts/*.rhai                               実行前に書き間違いを見つける
      cwh params scripts/coursewarehub.rhai                  スクリプトが必要とするパラメータ
      cwh repl                                               対話的に VCC を操作する
      cwh doc | less                                         スクリプト API のリファレンス
help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    使い方: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-heading-commands = コマンド
help-heading-options = オプション
help-heading-arguments = 引数
help-arg-verbose = 標準エラーに詳しく表示します: -v で VCC の呼び出し・リモートコマンド・ファイル書き込み(実行ジャーナル)、-vv で cwh のデバッグログ、-vvv ですべて(シークレットは伏せたまま)
help-arg-quiet = エラーだけを表示します
help-arg-lang = メッセージの言語: en または ja(既定: LC_ALL、LC_MESSAGES、LANG の順。ja_JP.UTF-8 なら日本語)
help-cmd-run = スクリプトを実行して環境を構築・運用します(--plan で実行内容の確認、--lab/--sim で手元での予行演習)
help-cmd-check = スクリプトを実行せずに確認します: 構文エラーと未定義の関数を ファイル:行:桁 で示します
help-cmd-repl = VCC を対話的に操作するプロンプト: vcp.ugroups()、ug.nodes() など(.help で関数の一覧)
help-cmd-params = スクリプトが必要とするパラメータの一覧: 意味、既定値、使用箇所
help-cmd-doc = スクリプト API のリファレンスを表示します: すべての関数とその説明
help-cmd-completions = シェルの補完スクリプトを出力します(bash、zsh、fish)
help-cmd-vcc = VCC とシミュレータ: VCC の準備ができているか確認する(vcc check)、またはシミュレータを起動する
help-cmd-vcc-check = 最初の実行の前に VCC を確認します: 設定、TLS、アクセストークン、バージョン、プロバイダ、フレーバー(GET リクエストのみ)
help-cmd-vcc-serve = VCC シミュレータを HTTP(S) サーバとして起動します(スクリプトと VCP SDK のノートブック用)
help-cmd-vcc-reset = 作業ディレクトリのシミュレータの状態(.cwh/sim-state.json)を消去します
help-cmd-lab = ローカルラボ: このマシン上のコンテナとしての VCノード(image、status、down、engine)
help-cmd-lab-image = ラボの VCノード用イメージを作成します(初回のみ。root 権限と debootstrap が必要)
help-cmd-lab-status = ラボの VCノードとそのコンテナを表示します
help-cmd-lab-down = ラボを削除します: コンテナ、ボリューム、ネットワーク、状態
help-cmd-lab-engine = ラボが使う Docker エンジン: cwh 専用のエンジンを起動または停止します
help-cmd-ansible = ansible::playbook が使う Ansible: cwh 専用の venv にインストールします
help-cmd-ansible-install = cwh の venv(~/.cache/cwh/ansible-venv)に ansible-core をインストールします

## cwh repl
repl-greeting = cwh repl: cwh の API を使える Rhai です。.help で一覧、Tab で補完、.quit または Ctrl-D で終了します。
repl-how-to-connect = VCC に接続していません: シミュレータを使うなら `cwh repl --sim`。実際の VCC なら VCC_ACCESS_TOKEN(または --token-file)を設定し、vcp_config.yml を --vcc-config DIR か ~/.config/vcp に置いてから `let vcp = vcc::connect();` を実行してください
repl-connected = { $target } に接続しました: `vcp` が使えます(例: vcp.ugroups())
repl-unfinished = エラー: 入力が途中で終わりました({ $line } 行目から): 括弧、ブロック、または ` で始まる文字列が閉じていません
repl-cannot-read-input = エラー: 入力を読めません: { $problem }
repl-found-nothing = { $call } は何も見つけませんでした(値なし)
repl-unknown-command = エラー: { $command } というコマンドはありません
repl-needs-file = エラー: { $command } にはファイルが必要です: { $command } FILE
repl-cannot-read = エラー: { $file } を読めません: { $problem }
repl-no-function = エラー: `{ $name }` という関数はありません
repl-did-you-mean = {"  "}ヒント: { $names } のことですか?
repl-summary =
    ドットコマンド:
      {"."}help          スクリプト API: モジュールごとの関数を 1 行ずつ
      {"."}help NAME     関数の働きと引数(例: .help param)
      {"."}vars          セッションの変数
      {"."}load FILE     スクリプトファイルをセッションで実行する
      {"."}save FILE     成功した入力を `cwh run` 用のスクリプトとして保存する
      {"."}quit          終了(Ctrl-D でも可)
    Tab で名前を補完します。括弧、ブロック、` の文字列が開いている間は次の行に続きます(プロンプト " ... ")。Ctrl-C で行を消すか、実行中の入力を止めます。

## cwh vcc check
check-mark-ok = {"OK  "}
check-mark-fail = 失敗
check-mark-warn = 警告
check-mark-note = 情報
check-step-config = 設定
check-step-url = URL
check-step-tls = TLS
check-step-token = トークン
check-step-connect = 接続
check-step-version = バージョン
check-step-server = サーバ
check-step-providers = プロバイダ
check-step-flavors = フレーバー
check-help = ヒント: { $help }
check-config-is-file = --vcc-config には vcp_config.yml を置いたディレクトリを指定します。{ $file } はファイルです
check-config-is-file-help = --vcc-config { $dir } としてください
check-config-read = { $file } を読みました
check-config-none = vcp_config.yml が見つかりません(--vcc-config、VCP_CONFIG_DIR、~/.config/vcp、/notebooks/notebook/vcp_config): 組み込みの既定値を使います
check-url-none = VCC のホストが未設定です: vcp_config.yml に `vcc: host:` を書くか(examples/vcp_config.yml を参照)、CWH_VCC_URL を設定してください
check-url = { $url }({ $from } より)
check-tls-off = 証明書を検証していません: { $file } の vcc.insecure_request_warning: false が証明書の確認を無効にしているため、途中の誰かが VCC になりすましてアクセストークンを読めます。この行を削除し、VCC の CA を信頼するよう設定してください(--ca-cert FILE または REQUESTS_CA_BUNDLE)
check-tls-system-store = システムの証明書ストア
check-tls-plain = なし: 平文の HTTP(ローカルのシミュレータ専用)
check-tls-verified = 証明書を検証しました: { $cas }
check-token-none = VCC アクセストークンがありません
check-token-accepted = 受け付けられました: ユーザー { $user }、ロール { $role }({ $group })
check-no-answer = { $seconds } 秒以内に応答がありません
check-server-simulator = cwh のシミュレータです(`cwh vcc serve{ $flag }`)。実際の VCC ではありません
check-no-ipmask = private_network_ipmask なし
check-providers-none = VPN カタログにプロバイダがありません: VCC の管理者に確認してください
check-ready = 準備ができています: 次は `cwh run SCRIPT --plan` を試してください
check-ready-unverified = 準備はできていますが、VCC の証明書は検証されていません(TLS の行を参照): 次は `cwh run SCRIPT --plan` を試してください

## 初回のセットアップ(apt-get)
setup-ask = { $why } には { $packages } が必要ですが、このマシンにインストールされていません。apt-get で今インストールしますか? [y/N]{" "}
setup-installing = { $packages } を apt-get でインストールします({ $why } に必要です。apt の出力: { $log })
setup-step-update = apt-get update: パッケージ一覧の更新
setup-step-install = apt-get install { $packages }: パッケージのインストール
setup-step-done = 完了({ $seconds } 秒)
setup-step-failed = 失敗
setup-log-failed = セットアップのログ { $log } に書き込めません: { $problem }
setup-log-failed-help = キャッシュディレクトリ(~/.cache/cwh)に書き込めるか確認するか、XDG_CACHE_HOME を設定してください
setup-apt-failed-help = apt の出力はすべて { $log } にあります。ネットワークがない場合: /etc/apt/sources.list* の Debian ミラーに接続できるか確認してください。"Could not get lock": 別の apt か dpkg が実行中です。終わるまで待ってください。"dpkg was interrupted": `dpkg --configure -a` を実行してください。その後 cwh をもう一度実行してください(ほかには何も変更していません)

## ラボの Docker エンジン
engine-none-at-host = ラボには Docker エンジンが必要ですが、DOCKER_HOST={ $host } で応答するエンジンがありません
engine-none-at-host-help = そのエンジンを起動するか、DOCKER_HOST を解除して cwh にローカルのエンジンを使わせて(必要なら起動させて)ください。`--sim` なら Docker なしで VCC シミュレータだけを使えます
engine-other-silent = ラボには Docker エンジンが必要です: cwh が起動したのではない dockerd(pid { $pid })が動いていますが、{ $socket } で応答しません
engine-other-silent-help = まだ起動中(1 分後に再試行してください)か、止まっている可能性があります: 起動したときの方法で再起動する(例: `systemctl restart docker`)か、停止して(`kill PID`)cwh に専用のエンジンを起動させてください
engine-needs-root = ラボには Docker エンジンが必要ですが、応答するエンジンがなく、起動できるのは root だけです
engine-needs-root-help = root で一度 cwh 専用のエンジンを起動してください: `sudo cwh lab engine start`(起動したまま残ります)、または `sudo systemctl start docker`。`--sim` なら Docker なしで VCC シミュレータだけを使えます
engine-wait-other-cwh = 別の cwh が Docker エンジンを準備しています。終わるまで待ちます…
engine-wait-own = cwh の Docker エンジン(pid { $pid })は動いていますが、まだ応答しません。待ちます
engine-system-started = docker.io パッケージがシステムの Docker エンジンを起動しました。それを使います
engine-starting = cwh 専用の Docker エンジンを起動します: { $dockerd }(データ { $data }、ログ { $log })
engine-ready = Docker エンジン { $version } の準備ができました({ $seconds } 秒。cwh が起動、pid { $pid }、ログ { $log })。次回以降の実行のために動いたままにします。停止は `cwh lab engine stop`
engine-waiting = dockerd(pid { $pid })の応答を待っています … { $seconds } 秒
engine-stopping = cwh の Docker エンジンを停止します(pid { $pid }。コンテナも一緒に停止します)…

## パラメータ: --set、--params、値がない場合
params-set-syntax = --set `{ $arg }`: KEY=VALUE の形で指定してください
params-set-syntax-help = `--set vc_nodes=3` のように書きます(値は YAML として読みます: 3 は整数、true は真偽値、[a, b] はリスト、"16" は文字列)
params-set-value-help = 値を YAML の引用符で囲んでください。例: --set 'name="a: b"'
params-file-read = パラメータファイル { $path } を読めません: { $problem }
params-file-yaml = パラメータファイル { $path } は正しい YAML ではありません:{"\u000A"}{ $problem }
params-file-yaml-help = ファイルはパラメータ名と値の YAML マッピングにしてください。例:{"\u000A"}  vc_nodes: 3{"\u000A"}  vc_flavor: small
params-missing = パラメータ `{ $name }` の値がありません({ $at } の param("{ $name }"))
params-missing-secret = シークレット `{ $name }` の値がありません({ $at } の secret("{ $name }"))
params-how-to-pass = `--set { $name }=VALUE`、--params ファイルの `{ $name }: VALUE`、または環境変数 { $env } で指定してください
params-how-to-pass-token = 環境変数 VCC_ACCESS_TOKEN を設定するか --token-file FILE を指定してください(アクセストークンはコマンドラインでは受け付けません)。組み込みのシミュレータを使うなら --sim を付けてください
params-how-to-pass-secret = 環境変数 { $env } を設定してください(シークレットは --set や --params からは読みません)。端末で実行すれば入力を求めます
params-set-unknown = --set { $key }: { $script } は `{ $key }` というパラメータを使いません{ $hint }
params-did-you-mean = 。`{ $name }` のことですか?
params-did-you-mean-lower = 。`{ $name }` のことですか?(名前は小文字です)
params-strict-help = { $script } が使うパラメータ: { $names }。既定値と意味は `cwh params { $path }` で確認できます。何も実行していません。
params-no-parameters = なし

## スクリプトのエラー
label-error = エラー:
label-help = ヒント:
diag-label-here = ここ
diag-label-raised = ここで発生
diag-label-failed = ここで失敗
diag-label-stopped = ここで停止
diag-label-unknown-function = 未定義の関数
diag-label-unknown-variable = 未定義の変数
diag-label-imported = ここで読み込み
diag-help-undefined-variable = 先に `let name = …;` で宣言してください(cwh は変数を厳密に扱うので、書き間違いは実行前に見つかります)
diag-help-semicolon = 文の終わりに `;` を付けてください
diag-frame-call = { $at } で呼び出した `{ $name }` の中
diag-frame-module = { $at } で読み込んだモジュール { $name } の中
diag-raised-in = ({ $at } で発生)
diag-interrupted = Ctrl-C で中断しました
diag-interrupted-help = スクリプトは安全に停止しました。もう一度実行すると続きから進みます(完了した手順は元に戻しません)
diag-function-not-found = 関数が見つかりません: { $signature }
diag-function-not-found-help = 関数名と、引数の数と種類を確認してください。`cwh doc` ですべての関数を、`cwh check SCRIPT` で実行前に未定義の呼び出しを確認できます
diag-variable-not-found = 変数が見つかりません: { $name }
diag-module-not-found = モジュールが見つかりません: { $name }
diag-module-not-found-help = NAME.rhai をスクリプトと同じディレクトリか --lib DIR(または CWH_LIB)に置いてください
setup-missing = { $why } には { $packages } が必要ですが、インストールされていません
setup-no-apt-help = cwh がパッケージをインストールできるのは apt-get のある Debian か Ubuntu だけです。{ $os } では同等のもの(Docker Engine: https://docs.docker.com/engine/install/)をインストールして起動し、cwh をもう一度実行してください。`--sim` なら Docker なしで VCC シミュレータだけを使えます
setup-missing-root = { $why } には { $packages } が必要ですが、インストールされておらず、インストールできるのは root だけです
setup-missing-root-help = root で `{ $command }` を実行してから、cwh をもう一度実行してください
setup-missing-yes-help = --yes を付けると cwh が apt-get でインストールします。自分でインストールする場合: `{ $command }`
setup-declined = インストールしませんでした(取り消されました)
setup-declined-help = 自分でインストールする(`{ $command }`)か、--yes を付けてもう一度実行してください
engine-why = ラボの Docker エンジン

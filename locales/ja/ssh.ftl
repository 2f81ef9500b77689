# SSH: 鍵、接続、ホスト鍵、リモートコマンド (src/ssh, src/api/ssh.rs, src/api/known_hosts.rs)

## SSH のエラー
ssh-key-read = SSH 鍵 { $path } を読めません: { $problem }
ssh-key-read-help = `key` オプションを確認してください: ファイルが存在し、読み取れる必要があります
ssh-key-format = { $path } は使える秘密鍵ではありません: { $reason }
ssh-key-format-help = .pub ファイルではなく秘密鍵(OpenSSH 形式か PEM 形式の ed25519、ecdsa、RSA)を指定してください
ssh-key-encrypted = SSH 鍵 { $path } は暗号化されていますが、パスフレーズがありません
ssh-key-encrypted-help = 環境変数 CWH_PARAM_SSH_KEY_PASSPHRASE を設定するか、鍵を ssh-agent に登録する(SSH_AUTH_SOCK を設定して ssh-add KEY)か、端末で実行してパスフレーズを入力してください
ssh-wrong-passphrase = SSH 鍵 { $path } のパスフレーズが違います
ssh-auth-refused = { $host } でユーザー "{ $user }" の認証が拒否されました(試した鍵: { $tried })
ssh-auth-refused-help = ユーザー名と、ノードの ~{ $user }/.ssh/authorized_keys に公開鍵があることを確認してください
ssh-agent = ssh-agent のエラー: { $problem }
ssh-agent-help = SSH_AUTH_SOCK を確認するか、`key` を指定してください
ssh-resolve = ホスト名 "{ $host }" を解決できません: { $reason }
ssh-resolve-help = ホスト名を確認するか、ノードの IP アドレスを使ってください
ssh-unreachable = { $host }:{ $port } に接続できません: { $reason }
ssh-unreachable-help = ノードは起動していて、sshd が待ち受けていますか? 起動したばかりのノードなら `retry` の時間を長くしてください
ssh-host-key-unknown = { $host } のホスト鍵が未登録です: { $file } にありません
ssh-host-key-unknown-help = 先にホスト鍵を登録してください: known_hosts::refresh(["{ $host }"])(または `ssh-keyscan -H { $host } >> { $file }`)。accept_new: true を指定する方法もあります
ssh-host-key-changed = { $host } のホスト鍵が変わっています: { $file }:{ $line } と一致しません
ssh-host-key-changed-help = ノードを作り直したのなら、古いエントリを削除してください: ssh-keygen -R { $host } -f { $file }(または known_hosts::refresh(["{ $host }"]))。そうでなければ攻撃の可能性があります
ssh-host-key-revoked = { $host } のホスト鍵は { $file }:{ $line } で失効(@revoked)とされています
ssh-no-exit-status = { $host }: コマンドが終了ステータスなしで終わりました
ssh-no-exit-status-signal = { $host }: コマンドが終了ステータスなしで終わりました(シグナル { $signal } で終了)
ssh-timeout = { $host }: コマンドが { $seconds } 秒でタイムアウトしたため、停止しました
ssh-timeout-help = 時間のかかるコマンドなら `timeout` を大きくしてください
ssh-put-failed = { $host }: { $path } の書き込みに失敗しました(rc { $rc }): { $problem }
ssh-command-failed = { $count } 台のホストでコマンドが失敗しました: { $details }
ssh-protocol = { $host }: SSH のエラー: { $problem }
ssh-known-hosts-io = known_hosts ファイル { $path }: { $problem }
ssh-config = ssh の設定 { $path }:{ $line }: { $problem }
ssh-empty-host-list = ホストの一覧が空です
ssh-empty-host-list-help = IP アドレスの一覧が空です: ユニットに RUNNING の VCノードはありましたか?
ssh-not-in-group = { $name } はこのグループ({ $names })にありません
ssh-not-in-group-help = グループのホストのどれかを指定してください(g.hosts() で一覧できます)
ssh-host-keys-refused-help = 作り直した VM は VCC 上で新しいノード ID を持つので、警告付きで受け入れます。同じノードで鍵だけが違う場合は受け入れません
ssh-no-host-key = { $count } 台のホストからホスト鍵を取得できませんでした:{"\u000A"}  { $hosts }
ssh-no-host-key-help = ノードがまだ起動中かもしれません: もう一度実行するか、#{"{"} attempts: … {"}"} を大きくしてください(現在 { $attempts })
ssh-record-node = { $host }: この実行の VCC は VCノードを持たない cwh のシミュレータなので、{ $host } は架空のノードのアドレスです。cwh は接続しません
ssh-record-node-help = `--sim`(と --lab なしの `cwh vcc serve`)のノードは記録だけです: SSH、known_hosts、swarm の手順は `--lab`(または `cwh vcc serve --lab`)で試すか、scripts/coursewarehub.rhai のように `vcp.target == "simulator"` のときはその手前で止めてください
ssh-invalid-option = SSH のオプションが正しくありません: { $problem }
ssh-message-fix = { $message }。対処: { $fix }

## パラメータで指定した鍵ファイル
ssh-keyfile-read = 鍵ファイル { $path } を読めません: { $problem }
ssh-keyfile-garbage = { $path } は SSH の鍵ファイルではありません: { $reason }
ssh-keyfile-garbage-help = ssh-keygen が作る形式の、OpenSSH の公開鍵ファイル(.pub)か秘密鍵ファイルを指定してください
ssh-keyfile-private-not-public = { $path } には秘密鍵が入っています。ここに必要なのは公開鍵です(秘密鍵を VCC に送ることはありません)
ssh-keyfile-private-not-public-help = 公開鍵のファイル(ふつうは同じ名前に .pub を付けたもの)を指定してください
ssh-keyfile-binary = テキストではなくバイナリです
ssh-keyfile-unreadable-private = cwh が読めない秘密鍵です({ $problem })
ssh-keyfile-bad-line = { $line } 行目が OpenSSH の公開鍵(`種類 base64 [コメント]`)ではありません
ssh-keyfile-empty = 空です
ssh-keyfile-wrong-passphrase = { $path } のパスフレーズが違います
ssh-public-key-help = OpenSSH の公開鍵(.pub)か秘密鍵のファイルのパスを指定してください
ssh-advice-derive-public = 秘密鍵 { $private } はあります: `ssh-keygen -y -f { $private } > { $public }` で公開鍵を書き出してください
ssh-advice-new-pair = パスを確認するか、`{ $command }` で新しい鍵ペアを作ってください({ $private } と { $public } ができます)
ssh-advice-private-of-pair = パスを確認してください: { $private }.pub はありますが、その秘密鍵 { $private } がありません。そのペアの秘密鍵を指定するか、`{ $command }` で新しい鍵ペアを作ってください
ssh-pair-swapped = パラメータ { $public_name } と { $private_name } が逆です: { $public } が秘密鍵、{ $private } が公開鍵です。{ $public_name }={ $private }、{ $private_name }={ $public } と指定してください
ssh-pair-parameter = パラメータ { $name }: { $problem }
ssh-pair-private-in-public = パラメータ { $name }: { $path } には公開鍵ではなく秘密鍵が入っています(秘密鍵を VCC に送ることはありません)。公開鍵のファイル(例: { $private }.pub)を指定してください
ssh-pair-public-in-private = パラメータ { $name }: { $path } は公開鍵です。秘密鍵のファイル(例: { $example })を指定してください
ssh-pair-wrong-passphrase = パラメータ { $name }: { $path } のパスフレーズが違います(CWH_PARAM_SSH_KEY_PASSPHRASE または入力したもの)
ssh-pair-mismatch = パラメータ { $private_name }/{ $public_name }: { $private } と { $public } は対になっていません。同じ鍵ペアの 2 つのファイルを指定してください(`ssh-keygen -y -f { $private }` で秘密鍵に対応する公開鍵を表示できます)
ssh-pair-passphrase-does-not-decrypt = パラメータ { $name }: 指定されたパスフレーズ(CWH_PARAM_SSH_KEY_PASSPHRASE または入力したもの)では { $path } を復号できません
ssh-pair-encrypted-no-passphrase = パラメータ { $name }: { $path } は暗号化されていますが、パスフレーズがありません。環境変数 CWH_PARAM_SSH_KEY_PASSPHRASE を設定するか、鍵を ssh-agent に登録する(SSH_AUTH_SOCK を設定して ssh-add { $path })か、端末で実行してパスフレーズを入力してください
ssh-key-missing-help = `key` のファイルがありません: { $advice }

## 接続とリモートコマンド
ssh-tried-agent-key = ssh-agent の鍵 { $comment }
ssh-tried-no-key = 鍵なし: `key` を指定するか、SSH_AUTH_SOCK を設定してください
ssh-config-bad-port = Port "{ $value }" はポート番号ではありません
ssh-failure-error = { $host }({ $problem })
ssh-failure-rc = { $host }(rc { $rc }: { $tail })
ssh-failure-no-status = { $host }(終了ステータスなし)
ssh-output-truncated = { $stream } を切り詰めました: 最初の { $kept } バイトを残し、{ $dropped } バイトを捨てました
ssh-fanout-progress = ssh: { $total } 台中 { $done } 台が完了({ $seconds } 秒経過)
ssh-host-warning = 警告: { $host }: { $problem }
ssh-fanout-task-failed = 内部エラー: このホストの処理が異常終了しました
ssh-empty-host-name = "{ $spec }" にホスト名がありません
ssh-host-certificate = サーバがホスト証明書を提示しました。cwh が検証できるのは通常のホスト鍵だけです
ssh-no-answer = { $seconds } 秒以内に応答がありません
ssh-connect-timed-out = { $seconds } 秒で接続がタイムアウトしました
ssh-handshake-failed = SSH のハンドシェイクに失敗しました: { $problem }
ssh-handshake-timed-out = { $seconds } 秒で SSH のハンドシェイクがタイムアウトしました
ssh-through-jump-host = 踏み台ホスト { $jump } 経由: { $problem }
ssh-vm-lost = VM が失われています(VCC 上でノードが ERROR です)
ssh-io-refused = 接続が拒否されました(そのポートで待ち受けているものがありません)
ssh-io-reset = ノードに接続をリセットされました
ssh-io-timed-out = 接続がタイムアウトしました
ssh-io-host-unreachable = ホストへの経路がありません
ssh-io-network-unreachable = ネットワークに到達できません

## ホスト鍵 (known_hosts::refresh)
ssh-host-problem = { $host }: { $problem }
ssh-keyscan-vm-lost = { $host }: ホスト鍵を取得できません: VM が失われています(VCC 上でノードが ERROR です)
ssh-keyscan-new-node = { $host } は新しい VCノードです(ノード ID { $was } → { $now }: VM が作り直されました)。ホスト鍵が変わったため、{ $file } のエントリを置き換えました
ssh-keyscan-no-node-id = { $host } のホスト鍵が変わりましたが、cwh にはこのノードの ID の記録がありません。{ $file } のエントリを置き換えました(今後は、同じノードで鍵が変わったら拒否します)
ssh-keyscan-refused = { $host } のホスト鍵が変わっていますが、同じ VCノード(ノード ID { $node })のままです: 拒否しました。{ $file } のエントリはそのまま残しています。これは攻撃のときに見られる状態です。鍵が変わった理由がわかっているなら、エントリを削除して(known_hosts::remove("{ $host }") または ssh-keygen -R { $host } -f { $file })もう一度実行してください
ssh-keyscan-no-banner = タイムアウトまでに SSH のバナーも鍵交換もありませんでした
ssh-keyscan-closed = SSH のバナーの前に接続が閉じられました(sshd がまだ起動中か、接続を拒否している(MaxStartups)か、そのポートで別のものが待ち受けています)
ssh-keyscan-closed-why = SSH のバナーの前に接続が閉じられました({ $problem }): sshd がまだ起動中か、接続を拒否している(MaxStartups)か、そのポートで別のものが待ち受けています
ssh-keyscan-not-ssh = そのポートで応答しているのは SSH サーバではありません(SSH のバナーがありません)
ssh-keyscan-handshake-failed = SSH のハンドシェイクに失敗しました: { $problem }
ssh-keyscan-no-key-type = サーバが提示したホスト鍵の種類は、どれも cwh が対応していないものです

## スクリプトの関数 (ssh::, known_hosts::)
ssh-api-bad-command = コマンドは文字列か引数の配列で指定してください。指定されたのは{ $got }です
ssh-api-nodes-expected = `nodes` にはノードの配列(ug.nodes())を指定してください
ssh-api-nodes-maps = `nodes` の要素はノードのマップ(ug.nodes() の要素)にしてください
ssh-io-not-found = ファイルまたはディレクトリがありません
ssh-io-permission-denied = アクセスする権限がありません
ssh-fanout-task-panicked = 内部エラー: あるホストの SSH の処理が異常終了しました: { $problem }

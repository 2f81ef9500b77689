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
ssh-agent = ssh-agent: { $problem }
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

# VCC シミュレータについての cwh のメッセージ(src/sim、`cwh vcc serve`、`cwh vcc reset`)。
# locales/en/sim.ftl と同じキーを同じプレースホルダで置く(tests/i18n.rs)。

## cwh vcc serve の起動時の行(1 行目はスクリプトが読むので、URL は行末に置く)
sim-serve-listening = 待ち受けを開始しました: { $url }
sim-serve-ca = CA 証明書: { $file }
sim-serve-ca-export = VCP SDK(requests)と cwh 用に設定してください: export REQUESTS_CA_BUNDLE={ $file }

## cwh vcc serve のオプションとトークン
sim-arg-not-duration = `{ $value }` は時間ではありません(例: 2s、500ms、1m)
sim-arg-duration-unit = `{ $value }`: 単位は ms、s、m のいずれかにしてください
sim-arg-duration-unusable = `{ $value }` は使える時間ではありません
sim-arg-range = `{ $value }`: 「最初-最後」の形で書いてください。例: 172.30.2.100-172.30.2.200
sim-arg-not-ipv4 = `{ $value }` は IPv4 アドレスではありません
sim-arg-range-order = `{ $value }`: 最初のアドレスが最後のアドレスより後ろです
sim-arg-rate = `{ $value }`: 0 から 1 までの確率を指定してください
sim-token-file-unreadable = { $flag } { $file } を読めません: { $problem }
sim-no-token = トークンがありません: CWH_SIM_TOKEN を設定するか、--token-file FILE を指定してください(トークンはコマンドラインからは受け付けません)
sim-no-such-file = { $flag } { $file }: ファイルがありません
sim-token-short = シミュレータのトークンは 4 文字以上にしてください
sim-no-runtime = 実行環境(ランタイム)を開始できません: { $problem }
sim-super-token-same = スーパーユーザーのトークンは通常のトークン(CWH_SIM_TOKEN)とは別のものにしてください
sim-cannot-start = { $listen } でシミュレータを開始できません: { $problem }

## cwh vcc reset
sim-reset-removed = { $file } を削除しました
sim-reset-none = { $file } にシミュレータの状態はありません
sim-reset-cannot-remove = { $file } を削除できません: { $problem }

## cwh vcc serve --tls の TLS(src/sim/tls.rs)
sim-tls-cannot-read = 読めません: { $problem }
sim-tls-not-pem-key = PEM 形式の秘密鍵ではありません: { $problem }
sim-tls-cannot-generate = 鍵を生成できません: { $problem }
sim-tls-cannot-make-ca = CA 証明書を作成できません: { $problem }
sim-tls-cannot-write = 書き込めません: { $problem }
sim-tls-bad-host = 証明書に入れるホスト名が正しくありません: { $problem }
sim-tls-cannot-sign = 署名できません: { $problem }
sim-tls-not-pem-cert = PEM 形式の証明書ではありません: { $problem }
sim-tls-key-mismatch = 鍵が証明書と対応していません: { $problem }
sim-tls-no-cert = ファイルに証明書がありません
sim-tls-regen-help = このディレクトリを削除すると `cwh vcc serve --tls` が新しい CA を作ります(クライアントには新しい ca.pem が必要になります)。または --cert FILE --key FILE で自分の証明書と鍵を使ってください
sim-tls-write-help = ディレクトリを書き込めるようにするか、--cert FILE --key FILE を指定してください
sim-tls-pair-help = --cert に PEM 形式の証明書チェーンを、--key にその PEM 形式の秘密鍵を指定してください
sim-tls-handshake-failed = { $peer } との TLS ハンドシェイクに失敗しました: { $problem }
sim-tls-handshake-timeout = { $peer } との TLS ハンドシェイクがタイムアウトしました

## シミュレータ(src/sim/mod.rs、src/sim/routes.rs)
sim-stopped = シミュレータが停止しました: { $problem }
sim-cannot-save = シミュレータの状態を { $file } に保存できません: { $problem }。保存できるようになるまで何も変更しません(空き容量を増やすか、ディレクトリの権限を直してから、もう一度実行してください)

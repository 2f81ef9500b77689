# VCC についての cwh のメッセージ(src/vcc、src/api/vcc*.rs、cwh vcc)。locales/en/vcc.ftl と
# 同じキーを同じプレースホルダで置く(tests/i18n.rs)。用語はノートブックに合わせる。

## VCC とのやりとりのエラー(src/vcc/error.rs)
vcc-forbidden = VCC がアクセストークンを拒否しました(http_status(403)): { $message }
vcc-forbidden-help = アクセストークンが拒否されました。トークンが誤っているか、期限切れです。VCP のポータルで新しいトークンを取得し、VCC_ACCESS_TOKEN、--token-file FILE、または入力プロンプトで渡してください(コマンドラインには書かないでください)
vcc-unreachable = { $url } の VCC に接続できません: { $reason }
vcc-unreachable-help = vcp_config.yml の vcc.host / vcc_port(または CWH_VCC_URL)が正しいか、VCC が起動していてここから到達できるか(VPN、ファイアウォール)を確認してください。シミュレータの場合は、そのアドレスで `cwh vcc serve` が動いているか確認してください
vcc-plain-http = { $url } の VCC が HTTPS ではなく平文の HTTP で応答しました
vcc-plain-http-help = VCC は HTTPS で通信します。vcp_config.yml の vcc.host と vcc_port に VCC の HTTPS のアドレスを設定してください(VCP の管理者から別の指定がなければポート 443)。--tls なしで起動した `cwh vcc serve` のシミュレータは平文の HTTP です。--tls を付けて起動する(表示される ca.pem を信頼する)か、CWH_VCC_URL=http://HOST:PORT で接続してください
vcc-not-tls = { $url } のサーバは HTTPS で通信しません: { $reason }
vcc-not-tls-help = このアドレスは VCC の HTTPS のポートではありません(別のサービスが待ち受けています)。vcp_config.yml の vcc.host と vcc_port(または CWH_VCC_URL)を確認してください
vcc-tls = { $url } の TLS 証明書は信頼されていません: { $reason }(信頼している証明書: { $trusted })
vcc-tls-help = VCP SDK と同じように、サイトの CA 証明書(PEM)を --ca-cert FILE で渡すか、REQUESTS_CA_BUNDLE=FILE を設定してください(`cwh vcc serve --tls` の場合は、起動時に表示される ca.pem です)。cwh が信頼するのは --ca-cert、REQUESTS_CA_BUNDLE、SSL_CERT_FILE とシステムの証明書ストアです
vcc-http = { $what } に失敗しました: http_status({ $status }): { $message }
vcc-http-help = VCC が要求を拒否しました。理由は上の VCC のメッセージに書かれています
vcc-malformed = VCC から不正な JSON が返されました({ $what }、http_status({ $status })): { $reason }
vcc-malformed-help = このアドレスのサーバは VCC のプロトコルで応答していません(URL の誤りか、プロキシのエラーページではありませんか?)
vcc-unknown-provider = プロバイダ `{ $provider }` はありません
vcc-unknown-provider-help = 使えるプロバイダ: { $known }
vcc-unknown-flavor = フレーバーがありません: provider_name[{ $provider }] flavor[{ $flavor }]
vcc-unknown-flavor-help = { $provider } のフレーバー: { $known }
vcc-unknown-attribute = spec にその属性はありません: [{ $attr }]
vcc-unknown-attribute-help = { $provider } の spec の属性: { $valid }
vcc-ugroup-exists = ユニットグループ [{ $name }] はすでにあります。名前を変えるか、先にクリーンアップしてください
vcc-ugroup-exists-help = 再利用するには vcp.get_ugroup("{ $name }") を使ってください。または別の名前にするか、先にクリーンアップしてください
vcc-what-ugroup = ユニットグループ
vcc-what-unit = ユニット
vcc-what-node = VCノード
vcc-not-found = { $what }が見つかりません: { $name }
vcc-not-found-help = 削除されたか、作成されていません。vcp.ugroups() / ug.units() で今あるものを確認できます
vcc-unit-failed = 失敗しました({ $unit }): { $message }
vcc-unit-failed-address-taken = アドレス { $address } はすでに別の VCノードが使っています。ネットワーク内の空いているアドレスを選ぶか(使用中のアドレスは `cwh repl` の `vcp.df_nodes()` で確認できます)、アドレスの指定を省いて VCC に空いているアドレスを選ばせてください。
vcc-unit-failed-address-outside = アドレス { $address } は VPN カタログのネットワーク(private_network_ipmask)の外です。ネットワーク内のアドレスを選ぶか(ネットワークは `cwh vcc check` で確認できます)、アドレスの指定を省いて VCC に選ばせてください。
vcc-unit-failed-address-reserved = アドレス { $address } はネットワークで予約されています(ネットワークアドレス、ゲートウェイ、ブロードキャストアドレス)。ネットワーク内の別のアドレスを選ぶか、アドレスの指定を省いて VCC に選ばせてください。
vcc-unit-failed-no-free-address = ネットワークのアドレスがすべて使われています。不要になった VCノードを削除するか、VCC の管理者にもっと大きなネットワークを依頼してください。
vcc-unit-failed-not-ipv4 = IPv4 アドレスではないアドレスがあります。172.30.2.100 のように、4 つの数字をドットで区切って書いてください。
vcc-unit-failed-flavor = このフレーバー(マシンのサイズ)は使えません。vcp_flavor.yml から別のフレーバーを選んでください(`cwh vcc check` で一覧を確認できます)。
vcc-unit-failed-image = イメージを使えませんでした。イメージ名(manager_image、worker_image)と、VCC がそのイメージを取得できるかを確認してください。
vcc-unit-failed-quota = クラウドのアカウントの上限(マシン、コア、ディスクの数)に達しました。不要になったものを削除するか、VCC の管理者に上限の引き上げを依頼してください。
vcc-unit-failed-other = 原因は上の VCC のメッセージに書かれています(アドレス、フレーバー、イメージ、またはクラウドのアカウントの上限)。
vcc-unit-failed-then = 新しいユニットが起動に失敗した場合は、ノートブックの手順どおりユニットグループをクリーンアップし(ug.cleanup())、原因を直してからもう一度実行してください。以前は動いていた VCノードが失われた(VM がなくなった)場合は、scripts/remove-workers.rhai --set delete_ipaddresses=ADDRESS で削除してから scripts/add-workers.rhai で追加してください。電源が切れている VCノードは scripts/start-nodes.rhai で起動できます
vcc-wait-timeout = 待ち時間の上限を超えました({ $unit }): { $seconds } 秒待っても { $state } のままです
vcc-wait-timeout-help = VCノードはこの後起動するかもしれません。後で ug.get_unit("{ $unit }").state か ug.find_nodes() で確かめてください。もっと長く待つには vcp_config.yml の vcc.wait_timeout_sec を大きくしてください
vcc-cleanup-incomplete = 完了しませんでした。ユニットグループ { $ugroup } にまだ残っています: { $remaining }
vcc-cleanup-incomplete-help = ディスクが接続されたストレージのユニットは削除できません。先にそのディスクを使っている計算用のユニットグループをクリーンアップしてから、やり直してください。ERROR のユニットは VCC の管理者の対応が必要なことがあります
vcc-config = 設定 { $path }: { $message }
vcc-config-help = ファイルを直してください(VCP SDK と同じ形式です)。または --vcc-config / VCP_CONFIG_DIR で別の場所を指定してください
vcc-gateway = { $what } に失敗しました: VCC のゲートウェイが { $attempts } 回続けて http_status({ $status }) を返しました(要求の拒否ではなく、ゲートウェイの障害です): { $message }
vcc-gateway-help = VCC かその前のプロキシが停止しているか、過負荷です。VCC が再び応答するようになってから、スクリプトをもう一度実行してください。続きから再開し、最後の変更が適用されたかどうかは確認してから進みます(やみくもに繰り返しはしません)
vcc-duplicate = { $name } という名前の{ $what }が { $count } 個あります: { $listing }
vcc-lost-race = { $what } { $name }: 別の実行が同時に作成し、そちらが残ります: { $winner }
vcc-journal-help = 作業ディレクトリの空き容量を増やすか(または権限を直して)、スクリプトをもう一度実行してください。続きから再開します

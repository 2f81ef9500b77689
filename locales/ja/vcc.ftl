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
vcc-unit-failed = 失敗したユニット({ $unit }): { $message }
vcc-unit-failed-address-taken = アドレス { $address } はすでに別の VCノードが使っています。ネットワーク内の空いているアドレスを選ぶか(使用中のアドレスは `cwh repl` の `vcp.df_nodes()` で確認できます)、アドレスの指定を省いて VCC に空いているアドレスを選ばせてください。
vcc-unit-failed-address-outside = アドレス { $address } は VPN カタログのネットワーク(private_network_ipmask)の外です。ネットワーク内のアドレスを選ぶか(ネットワークは `cwh vcc check` で確認できます)、アドレスの指定を省いて VCC に選ばせてください。
vcc-unit-failed-address-reserved = アドレス { $address } はネットワークで予約されています(ネットワークアドレス、ゲートウェイ、ブロードキャストアドレス)。ネットワーク内の別のアドレスを選ぶか、アドレスの指定を省いて VCC に選ばせてください。
vcc-unit-failed-no-free-address = ネットワークのアドレスがすべて使われています。不要になった VCノードを削除するか、VCC の管理者にもっと大きなネットワークを依頼してください。
vcc-unit-failed-not-ipv4 = IPv4 アドレスではないアドレスがあります。172.30.2.100 のように、4 つの数字をドットで区切って書いてください。
vcc-unit-failed-flavor = このフレーバー(マシンのサイズ)は使えません。vcp_flavor.yml から別のフレーバーを選んでください(`cwh vcc check` で一覧を確認できます)。
vcc-unit-failed-image = イメージを使えませんでした。イメージ名(manager_image、worker_image)と、VCC がそのイメージを取得できるかを確認してください。
vcc-unit-failed-quota = クラウドのアカウントの上限(マシン、コア、ディスクの数)に達しました。不要になったものを削除するか、VCC の管理者に上限の引き上げを依頼してください。
vcc-unit-failed-other = 新しいユニットが起動に失敗した場合は、ノートブックの手順どおりユニットグループをクリーンアップし(ug.cleanup())、上のメッセージにある原因(アドレス、フレーバー、イメージ、またはクラウドのアカウントの上限)を直してから、もう一度実行してください。以前は動いていた VCノードが失われた(VM がなくなった)場合は、scripts/remove-workers.rhai --set delete_ipaddresses=ADDRESS で削除してから scripts/add-workers.rhai で追加してください。電源が切れている VCノードは scripts/start-nodes.rhai で起動できます
vcc-unit-failed-then = 失敗したユニットは VCC 上に ERROR のまま残ります。ノートブックの手順どおり、そのユニットグループをクリーンアップしてから(ug.cleanup())、原因を直してもう一度実行してください。
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

## 接続(vcc::connect)
vcc-no-token = VCC アクセストークンがありません
vcc-connected-to = VCC: { $what }({ $url })
vcc-connected = VCC: { $url }
vcc-connected-is-simulator = { $url } の VCC は cwh のシミュレータです(`cwh vcc serve`)
vcc-connected-is-lab = { $url } の VCC は cwh のラボです(`cwh vcc serve --lab`)

## ユニットの起動待ち(src/vcc/wait.rs): ユニットごとに 1 行
vcc-wait-what-unit = ユニット { $name }
vcc-wait-what-ugroup = ユニットグループ { $name }
vcc-wait-what-cleanup = クリーンアップ { $name }
vcc-wait-state-settled = 処理が終わりました
vcc-wait-state-gone = 削除済み
vcc-wait-state-created = 作成済み
vcc-wait-starting = { $what }: …
vcc-wait-progress = { $what }: { $state } … { $seconds } 秒
vcc-wait-done = { $what }: { $state }
vcc-wait-progress-nodes = { $what }: { $state } … { $seconds } 秒、起動済み VCノード { $up }/{ $total }
vcc-wait-done-nodes = { $what }: { $state }(起動済み VCノード { $up }/{ $total }、{ $seconds } 秒)
vcc-wait-summary-unit = { $unit } { $state }({ $up }/{ $total })
vcc-wait-summary-unknown = { $unit } ?
vcc-wait-summary = { $count } 個のユニットをまとめて待ちました({ $seconds } 秒): { $units }

## VCC クライアント(src/vcc/client.rs)
vcc-race-waiting-one-left = { $name } という名前のユニットグループが { $count } 個あります。別の実行が今作成しているのかもしれません。1 つになるまで待ちます
vcc-settle-ugroup = ユニットグループ { $name }: { $busy } — 処理中なので、終わるまで待ってから使います
vcc-settle-unit = { $name }: { $busy } — 処理中なので、終わるまで待ってから使います
vcc-ugroup-not-set-up = { $name }(ユニットグループがまだ作成されていません)
vcc-unit-in-ugroup = ユニットグループ { $ugroup } のユニット { $unit }
vcc-vpn-catalog-providers = この VCC の VPN カタログにあるプロバイダ: { $known }
vcc-ugroup-name-empty = ユニットグループの名前が空です
vcc-ugroup-name-empty-help = ユニットグループに名前を付けてください
vcc-new-vc-not-found = 作成したユニットグループが見つかりません
vcc-race-answer-lost = この実行の要求への VCC の応答が失われたため、どれがこの実行の作成したものか cwh には判断できません。{ $fix }
vcc-race-own-deleted = { $name }(この実行がたった今作成した vcid { $vcid } が、別の誰かに削除されました)
vcc-race-kept = ユニットグループ { $name }: ほかの実行も同時に { $count } 個作成しました({ $vcids })。この実行のものが最も古いので残し、ほかのものはそれぞれを作成した実行が削除します
vcc-race-removing-left = ユニットグループ { $name }: 別の実行が同時に作成して残していった空のコピー { $copy } を削除します
vcc-race-waiting-removed = ほかのコピーが削除されるのを待っています: { $vcids }
vcc-race-removed-own = ユニットグループ { $name }: この実行のコピー(vcid { $vcid })を削除しました。別の実行が同時に作成したものが残ります
vcc-unit-name-invalid = ユニット名 `{ $name }` は使えません
vcc-unit-name-invalid-help = ユニット名に使えるのは英字、数字、`_` と `-` だけです([A-Za-z0-9_-]+)
vcc-kind-mismatch-storage-help = ディスクのユニットはストレージのユニットグループに作成してください: vcp.create_ugroup(name, "storage")
vcc-kind-mismatch-compute-help = 計算用のユニットは計算用のユニットグループに作成してください: vcp.create_ugroup(name)
vcc-unit-exists-help = ug.get_unit("{ $name }") で今あるものを使うか、別の名前にするか、先に ug.delete_unit("{ $name }") で削除してください
vcc-refused-while-booting = ユニットグループ { $ugroup } に起動中のユニットがあるため({ $busy })、VCC が { $what } を拒否しました: "{ $message }"。この VCC はユニットグループごとに一度に 1 つしか起動できないようです。cwh は起動が終わるのを待ってからもう一度要求します(起動は同時ではなく順番に行われます)
vcc-wait-others-too = (ほかのユニットも待ちました: { $others })
vcc-unit-op-compute-only-help = ユニットの操作は計算用のユニットにだけ使えます
vcc-not-ipv4 = `{ $address }` は IPv4 アドレスではありません
vcc-not-ipv4-help = 172.30.2.101 のように、ドットで区切った IPv4 アドレスを書いてください
vcc-mac-ip-lengths-help = MAC アドレスは IP アドレスと同じ数だけ指定するか、どちらか一方のリストだけを指定してください
vcc-num-add-nodes-small = num_add_nodes は 1 以上にしてください(指定された値: { $count })
vcc-positive-count-help = 1 以上の数を指定してください
vcc-storage-ip-help = ディスクは数で追加してください: #{"{"} num_add_nodes: 1 {"}"}
vcc-power-compute-only-help = 電源の操作は計算用のユニットにだけ使えます
vcc-cleanup-completed = クリーンアップが完了しました。ユニットグループ { $name } にユニットはありません
vcc-cleanup-unit-state = { $unit } は { $state }
vcc-race-done-none = この実行は何も作成せずに停止しました。VCC では何も変更していません。
vcc-race-done-removed = この実行は自分のコピー(vcid { $vcid }、まだ空)を削除して停止しました。VCC ではほかに何も変更していません。
vcc-race-done-removed-by-winner = この実行のコピー(vcid { $vcid }、まだ空)は、もう一方を残す実行が削除しました。この実行は停止し、VCC ではほかに何も変更していません。
vcc-race-who-noted = それを作成した実行({ $creator })
vcc-race-who = それを作成した実行
vcc-race-lost-help = { $done } 1 つの VCC に対して 2 つの構築が同時に実行されました。VCC は同じ名前の 2 つ目のユニットグループを拒否できないため、最も古いものを残し、{ $who }がそれを使って続けます。同じ環境を作るのなら、その実行が終わるのを待ち、その作業ディレクトリで作業してください。別の環境を作るのなら、別のユニットグループ名(--set unit_group=NAME)でもう一度実行してください。
vcc-race-unit-ours = この実行がたった今ユニットグループ { $ugroup } を作成しましたが、別の実行がそれを見つけて使い、先にユニット { $unit } を作成しました。
vcc-race-unit-winner = { $unit }(ユニットグループ { $ugroup })
vcc-race-unit-lost-help = { $how }この実行の作成の要求は拒否されたので、停止しました。VCC ではほかに何も変更していません。1 つの VCC に対して 2 つの構築が同時に実行され、もう一方がこの環境を構築しています。それが終わるのを待ち、その作業ディレクトリで作業してください。別の環境を作るのなら、別のユニットグループ名(--set unit_group=NAME)でもう一度実行してください。
vcc-duplicate-teardown = scripts/teardown.rhai は環境全体を、学生のデータが入った VC ディスクも含めて削除します。ここでは使わないでください。
vcc-duplicate-units-compute-help = VCC のユニットグループ { $ugroup }(vcid { $vcid })に同じ名前のユニットが { $count } 個あります。cwh はどれか 1 つを選びません。{ $teardown } データを残すには、このユニットグループだけをクリーンアップしてください({ $only })。VC ディスクのユニットグループとそのディスクはそのまま残ります。その後もう一度構築を実行すると、VCノードを作り直して同じディスクを接続します
vcc-duplicate-units-storage-help = VCC の VC ディスクのユニットグループ { $ugroup }(vcid { $vcid })に同じ名前のユニットが { $count } 個あります。cwh はどれか 1 つを選びません。{ $teardown } このユニットグループをクリーンアップすると({ $only })、ディスクもデータごと削除されます。データを残すには、VCC の管理者に余分なユニットの削除を依頼するか、先に NFSサーバからデータをコピーしてください
vcc-duplicate-why-race = この実行と同時に別の実行も作成しました(1 つの VCC に対して 2 つの構築を同時に実行しないでください)。
vcc-duplicate-spare-one = ({ $vcid } にはユニットがないので、削除しても何も失われません)
vcc-duplicate-spare-some = ({ $vcids } にはユニットがないので、削除しても何も失われません)
vcc-duplicate-spare-all = (どれにもユニットがないので、1 つを残して削除しても何も失われません)
vcc-duplicate-disk = (ストレージのユニットグループを削除するとディスクも削除されます。データが入ったディスクのあるものを残してください)
vcc-duplicate-ugroups-help = { $why }cwh はどれか 1 つを選びません。scripts/teardown.rhai はそのすべてと VC ディスクのユニットグループをディスクごと、つまり学生のデータをすべて削除します。データを残すには、不要なコピーだけを vcid を指定して削除してください{ $spare }。`cwh repl` で vcp.find_ugroups(#{"{"} vcid: "VCID" {"}"})[0].cleanup() を実行し、作業ディレクトリの group_vars と known_hosts に対応するものを残します{ $disk }。その後もう一度実行してください

## vcp_config.yml と vcp_flavor.yml(src/vcc/config.rs)
vcc-config-not-dir = ディレクトリではありません
vcc-config-none = vcp_config.yml が見つかりません(VCP_CONFIG_DIR、~/.config/vcp、{ $sdk_dir })。組み込みの既定値とフレーバーを使います
vcc-config-no-config = { $dir }: vcp_config.yml がないので、組み込みの VCC の設定を使います
vcc-config-no-flavors = { $dir }: vcp_flavor.yml がないので、組み込みのフレーバーを使います
vcc-config-not-mapping = ファイルの最上位は「名前: 値」の組(マップ)でなければなりません
vcc-config-vcc-not-mapping = vcc: 「名前: 値」の組が必要です(`vcc:` の次の行から `  host: …` のように字下げして書きます)。書かれていた値: { $got }
vcc-config-wait-timeout = vcc.wait_timeout_sec: { $value } は 1 以上の秒数ではありません。ユニットの起動を待つ時間です。例: `wait_timeout_sec: 1000`(SDK の既定値)
vcc-config-insecure = vcc.insecure_request_warning: { $value } は true でも false でもありません。この行を省く(TLS 証明書を検証します)か、検証をやめるなら引用符なしで `insecure_request_warning: false` と書いてください
vcc-config-private-ip = vcc.private_ip: { $value } は IPv4 アドレスではありません。VCノードから見た VC Controller のアドレスです。例: `private_ip: 172.30.2.10`(vcc.host と同じなら省いてください)
vcc-config-port = vcc.{ $key }: { $value } はポート番号ではありません。ポート番号は 1 から 65535 までです。例: `{ $key }: 443`
vcc-config-port-vcc = vcc.{ $key }: { $value } はポート番号ではありません。ポート番号は 1 から 65535 までです。例: `{ $key }: 443`(443 なら vcc_port は省けます)
vcc-config-host-and-port = {" "}と `vcc_port: { $port }`
vcc-config-port-already = (vcc_port はすでに { $port } です)
vcc-config-host-empty = vcc.host が空です。VC Controller のホスト名か IP アドレスを書いてください。例: `host: vcc.example.ac.jp`
vcc-config-host-url = vcc.host: { $host } は URL ですが、vcc.host にはホスト名だけを書きます(cwh は VCP SDK と同じく、常に https://HOST[:vcc_port]/vcp/v1/occtr を使います){ $scheme }。`host: { $name }`{ $extra } と書いてください
vcc-config-host-scheme = 。{ $scheme }:// は選べません
vcc-config-host-path = vcc.host: { $host } にはパスが含まれています。vcc.host にはホスト名だけを書きます(パスは常に /vcp/v1/occtr です)。`host: { $name }` と書いてください
vcc-config-a-space = 空白
vcc-config-host-contains = vcc.host: { $host } に { $what } が含まれています。VC Controller のホスト名か IP アドレスだけを書いてください
vcc-config-host-ipv6 = vcc.host: { $host } は IPv6 アドレスです。角括弧で囲んでください: `host: "[{ $bare }]"`
vcc-config-host-port = vcc.host: { $host } にポート番号が含まれています。ポート番号は別の項目に書きます。`host: { $name }`{ $extra } と書いてください
vcc-config-host-bad-ipv4 = vcc.host: { $host } は IPv4 アドレス(0 から 255 の 4 つの数をドットで区切ったもの)でもホスト名でもありません
vcc-config-host-bad-name = vcc.host: { $host } はホスト名(英字、数字、`-` をドットで区切ったもの。例: vcc.example.ac.jp)でも IP アドレスでもありません

## ユニットグループ名と MAC アドレス(src/vcc/names.rs)
vcc-name-empty = 空です
vcc-name-control-char = 制御文字 { $code }
vcc-name-bad-char = { $what } が含まれています。使えるのは半角の英字、数字、`_` と `-` だけです
vcc-name-bad-start = 先頭は半角の英字か数字にしてください
vcc-name-too-long = { $count } 文字あります。{ $max } 文字までにしてください
vcc-name-yaml-word = VCC の文書ではこの語は名前ではなく真偽値か null として読まれます
vcc-name-number = VCC の文書ではこれは名前ではなく数として読まれます
vcc-ugroup-name-invalid = ユニットグループ名 { $name } は使えません: { $why }
vcc-ugroup-name-invalid-help = ユニットグループ名は半角の英字、数字、`_` と `-` で 1 から { $max } 文字にし、英字か数字で始めてください。例: CoursewareHub2
vcc-mac-dashes = ハイフンではなくコロンで区切ってください: { $mac }
vcc-mac-not-mac = MAC アドレスではありません。2 桁の 16 進数 6 組をコロンで区切って書いてください。例: 02:00:5e:10:00:01
vcc-mac-broadcast = ブロードキャストアドレスです。VCノードには使えません
vcc-mac-multicast = マルチキャストアドレスです(最初のオクテット { $octet } が奇数)。VCノードには使えません。VCノードのアドレスは最初のオクテットが偶数です(例: 02)
vcc-mac-zeros = すべて 0 です。VCノードには使えません
vcc-mac-invalid = mac_addresses の { $mac } は使えません: { $why }
vcc-mac-invalid-help = 新しい VCノード 1 つにつき 1 つ、02:00:5e:10:00:01 のように書いたユニキャストの MAC アドレスを指定してください
vcc-mac-twice = mac_addresses: { $mac } が 2 回指定されています
vcc-mac-twice-help = 新しい VCノードにはそれぞれ別の MAC アドレスが必要です

## ユニットの spec(src/vcc/spec.rs)
vcc-spec-root-disk-ignored = { $provider }: このプロバイダではルートボリュームのサイズを指定できません。root_disk_gb は使いません
vcc-spec-ebs = { $what }(EBS ボリューム)
vcc-spec-ebs-of-type = タイプ { $kind } の{ $what }(EBS ボリューム)
vcc-spec-root-volume = ルートボリューム
vcc-spec-vc-disk = VC ディスク
vcc-spec-os-disk = ルート(OS)ディスク
vcc-spec-managed-disk = VC ディスク(マネージドデータディスク)
vcc-spec-boot-volume = ブートボリューム
vcc-spec-block-volume = ブロックボリューム
vcc-spec-size-too-small = spec.{ $attr }: { $size } GB は、{ $provider } の{ $what }には小さすぎます
vcc-spec-size-too-large = spec.{ $attr }: { $size } GB は、{ $provider } の{ $what }には大きすぎます
vcc-spec-size-help = { $min } から { $max } GB までの大きさにしてください
vcc-spec-vcc-address = spec.ip_addresses: { $address } は VC Controller 自身のアドレスです(vcp_config.yml の { $from })。VCノードには使えません
vcc-spec-vcc-address-help = VPN カタログのプライベートネットワークの、別の空いているアドレスを選んでください
vcc-spec-disks-compute = disks にはストレージの VCノードを渡します。ユニット { $unit } の VCノード { $no } は計算用です
vcc-spec-disks-compute-help = ストレージのユニットグループの VCノードを渡してください。例: spec.disks = ug_disk.find_nodes()
vcc-spec-no-tags = { $provider } の spec にはタグがありません
vcc-spec-no-tags-help = タグがあるのは aws、aws_disk、azure、azure_disk だけです
vcc-spec-num-nodes = num_nodes は 1 以上にしてください(指定された値: { $count })
vcc-spec-num-nodes-help = spec.num_nodes を 1 以上にしてください
vcc-spec-onpremises = onpremises の spec には ip_addresses(使う既存のサーバ)が必要です
vcc-spec-onpremises-help = spec.ip_addresses = ["…"] に、用意した VM のアドレスを設定してください
vcc-spec-the-spec = spec
vcc-spec-private-key = { $what } に秘密鍵が含まれています。秘密鍵は VCC に送りません
vcc-spec-private-key-help = 公開鍵だけを渡してください。spec.set_ssh_pubkey("~/.ssh/id_rsa.pub") には秘密鍵ではなく .pub ファイルを指定します
vcc-spec-expected = spec.{ $attr }: { $what }が必要です。指定された値: { $got }
vcc-spec-expected-help = spec.{ $attr } には{ $what }を設定してください
vcc-spec-a-string = 文字列
vcc-spec-a-positive-integer = 1 以上の整数
vcc-spec-a-list-of-strings = 文字列のリスト
vcc-spec-a-string-or-list = 文字列か文字列のリスト
vcc-spec-not-ipv4 = spec.{ $attr }: `{ $address }` は IPv4 アドレスではありません
vcc-spec-not-ipv4-help = VPN カタログの private_network_ipmask の範囲内で、172.30.2.100 のようにドットで区切った IPv4 アドレスを書いてください
vcc-spec-cci-unreadable = VCC 上のユニットの CCI を読めません: { $problem }

## 接続(src/vcc/http.rs)
vcc-no-host = VCC が設定されていません(vcc.host がありません)
vcc-token-too-long = 長さが { $length } バイトあります。VCC アクセストークンは短い 1 行です({ $max } 文字まで)
vcc-token-spaces = 空白か複数の行が含まれています。VCC アクセストークンは空白のない 1 語です
vcc-token-binary = 表示できない文字(制御文字か ASCII 以外の文字)が含まれています。バイナリファイルではありませんか?
vcc-ca-cert-missing = --ca-cert: ファイルがありません(VCC の CA 証明書の PEM ファイルを指定してください)
vcc-ca-env-not-file = { $var }={ $path } はファイルではないので、使いません
vcc-token-not-token = VCC アクセストークンとして使えません: { $problem }
vcc-token-not-token-help = VCP のポータルで取得したアクセストークン(1 行)だけを、VCC_ACCESS_TOKEN、--token-file FILE、または入力プロンプトで渡してください
vcc-system-store = システムの証明書ストア
vcc-not-pem-bundle = PEM 形式の CA 証明書ではありません: { $problem }
vcc-plan-refused = --plan: { $method } { $url } を拒否しました。プランは VCC を変更しません
vcc-plan-refused-help = cwh の不具合です。この要求をしたスクリプトを添えて報告してください

## ハンドル(src/vcc/handle.rs)
vcc-ugroup-kind-unknown = ユニットグループの種類 { $kind } はありません
vcc-ugroup-kind-unknown-help = "compute" か "storage" を指定してください
vcc-drift-no-spec = ユニット { $unit }: VCC が spec を返さなかったので、指定された spec と比べられません
vcc-drift-unit = ユニット { $unit }: { $problem }

## ユニット、VCノードとその操作(src/vcc/model.rs)
vcc-op-use-one-of = 次のいずれかを指定してください: { $ops }
vcc-op-unknown-node = VCノードの操作 `{ $name }` はありません
vcc-op-unknown-unit = ユニットの操作 `{ $name }` はありません
vcc-op-unknown-selection = VCノードを選んで行う操作 `{ $name }` はありません
vcc-no-address = アドレスなし
vcc-unsettled-node = { $unit } の VCノード { $no }({ $address })が { $state }
vcc-unsettled-disk = { $unit } のディスク { $no } が { $state }
vcc-summary-disk = ディスク { $no }: { $id } { $state }
vcc-no-units = ユニットなし
vcc-summary-ugroup = vcid { $vcid }(作成 { $created }、{ $kind }、状態 { $state }): { $units }
vcc-identity-units = ユニット { $units }
vcc-identity-about = 作成 { $created }、所有者 { $owner }、状態 { $state }、{ $units }
vcc-identity-number = 番号 { $no }、{ $rest }
vcc-identity-creator = { $rest }。作成者の記録: "{ $creator }"
vcc-identity = vcid { $vcid }({ $about })
vcc-selector-one = 引数が正しくありません。条件は 1 つだけ指定できます
vcc-selector-one-help = num_…_nodes、node_no、ip_address、ip_addresses、cloud_instance_id のうち 1 つまでを指定してください
vcc-selector-count = VCノードの数は 1 以上にしてください(指定された値: { $count })

## cwh vcc check(ほかは main.ftl)
vcc-check-no-runtime = 非同期の実行環境(ランタイム)を開始できません: { $problem }

## スクリプトの関数(src/api/vcc_calls.rs、src/api/wait.rs)
vcc-expected-nodes = find_nodes()/nodes() で得た VCノードが必要ですが、{ $got }が渡されました: { $problem }
vcc-option-wait = { $func }: オプション `wait` には true か false を指定してください。指定された値: { $got }
vcc-wait-all-not-unit = vcc::wait_all: { $item } 番目の要素({ $value })はユニットではありません。ユニットを渡してください。例: vcc::wait_all([ug.get_unit("worker")])

# ノード上の Docker Swarm (src/swarm, src/api/swarm.rs)

## エラー
swarm-command = { $host }: `{ $command }` が失敗しました(rc { $rc }): { $problem }
swarm-command-help = 上の docker のメッセージを確認してください。ホストで `docker info` を実行すると、エンジンと swarm の状態がわかります
swarm-docker-down = { $host } で Docker が動いていません: { $detail }
swarm-docker-down-help = そのノードで Docker を起動する(ssh vcp@HOST sudo systemctl start docker。ラボではノードの dockerd)か、scripts/start-nodes.rhai でノードの電源を入れ直してから、もう一度実行してください
swarm-unreachable = { $host }: docker を実行できません: { $problem }
swarm-unreachable-help = ホストに SSH で接続できることと、Docker エンジンが動いていることを確認してください
swarm-parse = { $host }: docker の出力が想定と違います: { $problem }
swarm-other-swarm = { $host } はすでに別の swarm に参加しています(マネージャ: { $managers })
swarm-other-swarm-help = そのホストで `docker swarm leave --force` を実行して(swarm::leave([host], #{"{"}force: true{"}"}))、参加し直してください
swarm-not-manager = { $host } は swarm のワーカーで、マネージャではありません
swarm-not-manager-help = init はマネージャで実行するか、先に swarm から抜けてください(swarm::leave([host], #{"{"}force: true{"}"}))
swarm-bad-state = { $host }: swarm の状態が { $state } です: { $problem }
swarm-bad-state-help = 詳しくはホストで `docker info` を見てください。`docker swarm leave --force` で状態をリセットできます
swarm-still-pending = { $host }: { $seconds } 秒たっても swarm の状態が `pending` のままです: そこで実行した swarm の init か join が終わっていません
swarm-still-pending-why = { $host }: { $seconds } 秒たっても swarm の状態が `pending` のままです: そこで実行した swarm の init か join が終わっていません({ $problem })
swarm-still-pending-help = ノードがまだマネージャに接続しようとしているのかもしれません: ネットワークとマネージャの Docker を確認してから、もう一度実行してください。または swarm::leave([host], #{"{"}force: true{"}"})(そのノードで `docker swarm leave --force`)でノードをリセットしてから、もう一度実行してください
swarm-timeout = { $what }を待ちましたが、{ $seconds } 秒でタイムアウトしました
swarm-timeout-help = ノードはこれから Ready になるかもしれません: swarm::nodes(manager) で確認してください
swarm-not-down = 削除したノードが { $seconds } 秒たっても swarm で down になっていません: { $nodes }
swarm-not-down-help = もう一度実行するか、マネージャで docker node rm --force ID を実行してください
swarm-invalid = 引数が正しくありません: { $problem }
swarm-daemon-unreachable = docker info が Docker デーモンに接続できません
swarm-bad-role = join トークンのロールは "worker" か "manager" です。指定されたのは "{ $role }" です
swarm-no-token = 出力に SWMTKN- のトークンがありません
swarm-bad-manager-addr = マネージャのアドレスは ip:port の形で指定してください(例: "172.30.2.100:2377")。指定されたのは "{ $addr }" です
swarm-what-ready = { $host } で { $count } 台のノードが Ready になるの

## 進行状況
swarm-pending-waiting = { $host }: swarm の状態が pending です(init か join の途中)。落ち着くまで最大 { $seconds } 秒待ちます
swarm-dead-swarm = { $host }: マネージャ { $addr } がこのノード(ノード { $node })を知らない swarm に、まだ参加しています(マネージャを作り直しましたか?)。その swarm から抜けて、動いている swarm に参加します
swarm-removed-stale = swarm: { $host } の古いエントリを削除しました(参加し直したため)
swarm-removed = swarm: { $hostname }({ $addr })を削除しました
swarm-waiting-down = { $nodes } がマネージャから down に見えるまで待っています

## スクリプトの関数 (swarm::)
swarm-api-not-hosts = SSH のホストを指定してください。指定されたのは{ $got }です
swarm-api-not-group = ssh::hosts(…) か ssh::host(…) を指定してください。指定されたのは{ $got }です
swarm-api-not-group-help = ssh::hosts(ips, #{"{"} user: "vcp", key: … {"}"}) で作ってください
swarm-api-manager-not-host = swarm::join: `manager` には ssh::host(…) を指定してください

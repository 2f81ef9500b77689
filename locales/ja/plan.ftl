# 計画 (`cwh run --plan`)、毎回の実行の最後のまとめ、リハーサル (issue 25)。

## まとめ
plan-recap-head = まとめ
plan-recap-head-plan = 計画のまとめ
plan-recap-converged = { $head }: 収束済み。何も変更していません ({ $vcc }、ファイル { $files } 個も変更なし、{ $remote }) ({ $elapsed })
plan-recap-vcc-unchanged = VCC: { $objects } は変更なし
plan-recap-no-vcc = VCCは使っていません
plan-recap-failed = 実行は失敗しました
plan-recap-head-line = { $head }{ $ending } ({ $elapsed })
plan-recap-ending = {" "}({ $ending })
plan-recap-vcc-none = {"  "}VCC       接続していません
plan-recap-vcc = {"  "}VCC       作成: { $created } · 変更: { $changed } · 削除: { $deleted } · 変更なし: { $unchanged }
plan-recap-files = {"  "}ファイル  書き込み: { $written } · 変更なし: { $unchanged }
plan-recap-remote-none-line = {"  "}リモート  なし
plan-recap-remote-planned = {"  "}リモート  { $host }: 予定={ $planned }
plan-recap-remote-host = {"  "}リモート  { $host }: 成功={ $ok } 失敗={ $failed }
plan-recap-ansible = {"  "}ansible   { $host }: ok={ $ok } 変更={ $changed } 失敗={ $failed } 到達不能={ $unreachable } スキップ={ $skipped }
plan-recap-ansible-planned = {"  "}ansible   { $host }: ok={ $ok } 変更予定={ $changed } 失敗={ $failed } 到達不能={ $unreachable } スキップ={ $skipped }
plan-recap-no-remote = リモートコマンドなし
plan-recap-remote-planned-total = リモートコマンド { $count } 個を { $hosts } 台のホストで予定 (実行はしていません)
plan-recap-remote-total = リモートコマンド 成功 { $count } 個、失敗 { $failed } 個 ({ $hosts } 台のホスト)
plan-none = なし
plan-seconds = { $seconds } 秒
plan-recap-stopped-by = { $signal } で停止
plan-recap-stopped-code = { $signal } で停止: 終了コード { $code }
plan-recap-second-signal = 2回目のシグナルで直ちに終了: 終了コード { $code }
plan-recap-script-exit = スクリプトが { $call } を呼びました: 終了コード { $code }
plan-recap-vcc-unread = まとめ: 実行の最後にVCCの状態を読めません: { $problem }
plan-recap-vcc-silent = まとめ: 実行の最後にVCCが { $seconds } 秒以内に応答しませんでした

## VCCのオブジェクトの数
plan-nothing = なし
plan-count-unit-group-one = ユニットグループ { $n } 個
plan-count-unit-group = ユニットグループ { $n } 個
plan-count-unit-one = ユニット { $n } 個
plan-count-unit = ユニット { $n } 個
plan-count-node-one = VCノード { $n } 台
plan-count-node = VCノード { $n } 台
plan-count-disk-one = VCディスク { $n } 個
plan-count-disk = VCディスク { $n } 個
plan-object-unit-group = ユニットグループ
plan-object-unit = ユニット
plan-object-node = VCノード
plan-object-disk = VCディスク

## 計画
plan-head = 計画: { $url } (スナップショット: GETリクエスト { $requests } 回、{ $snapshot_ms } ms。リハーサル { $rehearsal_ms } ms)
plan-error = リハーサルはエラーで止まりました。本番の実行もそこで止まります:
plan-nothing-before-error = そのエラーまでに変わるものはありません
plan-no-changes = 変更なし: VCCとファイルはスクリプトの求める状態です
plan-no-changes-remote = {" "}(ただしリモートコマンド { $count } 個は実行されます。下に一覧があります)
plan-vcc-objects = VCCのオブジェクト:
plan-vcc-totals = {"  "}作成: { $create } · 変更: { $change } · 削除: { $delete } · 変更なし: { $unchanged }
plan-files = ファイル:
plan-file-create = 作成
plan-file-change = 変更
plan-file-delete = 削除
plan-known-hosts = known_hosts:
plan-known-hosts-rescanned = スキャンした鍵で置き換えるエントリ: { $hosts }
plan-known-hosts-removed = 削除するエントリ: { $hosts }
plan-remote = リモートコマンド (記録のみ、実行はしません):
plan-remote-group = {"  "}{ $kind } `{ $what }` ({ $count } 台のホスト): { $hosts }
plan-kind-exec = 実行
plan-kind-put = 転送
plan-kind-keyscan = 鍵スキャン
plan-kind-local-write = ローカル書き込み
plan-kind-known-hosts-remove = known_hostsから削除
plan-kind-playbook = プレイブック
plan-kind-local-exec = ローカル実行
plan-json-failed = 計画をJSONにできません: { $problem }

## リハーサル
plan-fail = 計画 (--plan): { $what }: { $problem }
plan-fail-note = 何も変更していません: 計画はリハーサルの前で止まりました
plan-state-unreadable = { $file } を読めません
plan-state-unreadable-help = このファイルはシミュレータの保存した状態です。`cwh vcc reset` (または `cwh lab down`) で最初からやり直せます
plan-lab-unreadable = 計画: ラボのコンテナを読めません ({ $problem })。保存された状態で計画します
plan-config = VCCの設定
plan-config-help = vcp_config.yml を確認してください (examples/vcp_config.yml を参照)
plan-timed-out = { $seconds } 秒でタイムアウトしました
plan-vcc-unreadable = VCCの状態を読めません
plan-vcc-unreadable-help = VCCのURL、アクセストークン、CA証明書を確認してから (`cwh vcc check` が何が悪いかを示します)、もう一度計画してください
plan-copy-failed = --plan: 作業ディレクトリを { $dir } にコピーできません: { $problem }
plan-copy-failed-help = 作業ディレクトリが読めること、.cwh/ に書き込めることを確認してください
plan-sim-failed = --plan: リハーサル用のシミュレータを起動できません: { $problem }
plan-snapshot = 計画: { $source } のスナップショット (GETリクエスト { $requests } 回、{ $ms } ms)。リハーサルは { $scratch } で行います
plan-workdir-too-big = 作業ディレクトリのファイルが { $files } 個または { $mib } MiB を超えています: サイトのファイルだけがあるディレクトリから実行してください (--workdir DIR)

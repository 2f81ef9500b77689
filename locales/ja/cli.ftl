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

# cwh のコマンドライン: run、check、params、repl、doc (issue 25)。

## cwh run
cli-journal-create-failed = 実行ジャーナルを { $dir } に作れません: { $problem }
cli-journal-create-failed-help = 作業ディレクトリの空き容量を増やすか権限を直して (--workdir DIR)、もう一度実行してください
cli-exit-code-range = { $call }: 終了コードは 0 から 255 の整数です
cli-exit-bad-value = { $call }: exit() には 0 から 255 の整数か、メッセージを渡してください (終了コード 1)
cli-output-gone = 出力先がなくなりました (端末かパイプが閉じられました): { $problem }
cli-internal-error = cwh の内部エラー: { $problem } (バグです。実行ジャーナルを添えて報告してください)

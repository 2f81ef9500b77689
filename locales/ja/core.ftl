# 作業ディレクトリについての cwh のメッセージ(日本語): ロック、実行ジャーナル、
# `cwh ansible install`。locales/en/core.ftl と同じキーとプレースホルダを置く(tests/i18n.rs)。

## 作業ディレクトリのロック: 1 つの作業ディレクトリで同時に実行できるのは 1 つだけ
lock-holder = { $host } の pid { $pid }(`{ $command }`、開始 { $started })
lock-holder-starting = 起動したばかりの実行
lock-busy = 作業ディレクトリ { $workdir } は別の cwh の実行が使用中です: { $holder }
lock-busy-help = 1 つの作業ディレクトリで同時に実行できるのは 1 つだけです。終わるまで待つか、{ $stop }。ロックファイルは { $path } です
lock-stop-starting = 少し待ってからもう一度実行してください(もう一方の実行は起動したばかりで、まだ詳細を書き込んでいません)
lock-stop-other-host = ホスト { $host } でその実行(そこでの pid { $pid })を停止してください
lock-stop-kill = その実行を停止してください(kill { $pid })
lock-stop-unverified = ロックを持っている cwh の実行を停止してください(ロックファイルにそのコマンドが書かれています)
lock-io = 作業ディレクトリのロック { $path } を取得できません: { $problem }
lock-io-help = 作業ディレクトリが存在し、書き込めることを確認してください(--workdir DIR)
lock-took-over = 作業ディレクトリに残っていたロック { $path } を引き継ぎました。{ $holder } はもう動いていません(強制終了された可能性があります)。その実行が途中だった作業はこの実行が続けます
lock-took-over-pid-reused = 作業ディレクトリに残っていたロック { $path } を引き継ぎました。{ $holder } の pid は今は別のプロセスのものです

## 実行ジャーナル
journal-write-failed = 実行ジャーナル { $path } に書き込めません: { $problem }
journal-stopped = { $problem }。次の変更の前に停止しました(作業ディレクトリの空き容量を増やしてから、もう一度実行してください。続きから再開します)

## cwh ansible install
ansible-installed = ansible-core { $version }({ $venv }): インストールしました
ansible-already-there = ansible-core { $version }({ $venv }): インストール済みです
ansible-path-first = 注意: ansible::playbook は、この venv より先に PATH 上の { $program } を使います。venv を使うには CWH_ANSIBLE_VENV={ $venv } を設定してください

## 終了
exit-a-signal = シグナル

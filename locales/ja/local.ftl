# このマシンで実行するコマンドと、スクリプト用の小さな関数 (src/local, src/api/local.rs,
# src/api/system.rs, src/api/output.rs, src/api/coursewarehub.rs)

## スクリプトの関数
local-api-word-not-text = local::exec: コマンドの { $word } 番目の語が{ $got }です。文字列にしてください
local-api-one-string = local::exec: コマンド "{ $command }" が 1 つの文字列になっています。語の配列で指定してください(シェルを通さずに実行します)
local-api-one-string-help = 例: local::exec(["git", "clone", url, dir])。シェルの行(パイプや `&&`)を使うなら #{"{"} shell: true {"}"} を指定してください
local-api-bad-command = local::exec: コマンドは語の配列で指定してください。指定されたのは{ $got }です
local-api-bad-sleep = sleep: { $seconds } は秒数として使えません
local-api-not-a-path = パス(文字列)を指定してください。指定されたのは { $value }({ $got })です
local-api-not-a-path-help = ファイルのパスを指定してください。例: --set ssh_public_key_path=~/.ssh/id_rsa.pub
local-api-table-columns-help = 行にある列の名前を指定してください(print(rows[0]) で 1 行のキーを確認できます)
local-api-invalid-json = JSON として正しくありません: { $problem }
local-api-invalid-yaml = YAML として正しくありません: { $problem }
local-api-random-secret-digits = coursewarehub::random_secret: { $digits } 桁は指定できません。1 から 4096 の桁数を指定してください

## local::exec
local-command-help = コマンドは語の配列で指定してください。例: local::exec(["ssh-keygen", "-l", "-f", path])。シェルの行を使うなら #{"{"} shell: true {"}"} を指定してください
local-not-found = プログラム `{ $program }` が見つかりません
local-not-found-on-path = プログラム `{ $program }` が PATH に見つかりません
local-not-found-help = インストールするか、最初の語にフルパスを指定してください
local-spawn = `{ $program }` を実行できません: { $problem }
local-cwd = 作業ディレクトリ { $dir } がありません
local-cwd-help = 先に作成するか、`cwd` に既存のディレクトリを指定してください
local-timeout = `{ $command }` が { $seconds } 秒以内に終わらなかったため、停止しました
local-timeout-help = `timeout`(秒)を長くするか、コマンドが止まっている理由を調べてください
local-empty-command = コマンドが空です: 最初の語は実行するプログラムにしてください
local-empty-shell-line = シェルの行が空です

## 教員のユーザー名とパスワード(ノートブックの補助関数)
local-mail-not-ascii = メールアドレス "{ $address }" に ASCII 以外の文字があります: CoursewareHub のユーザー名は ASCII のアドレスからしか作れません
local-mail-empty = メールアドレスが空です
local-bad-salt = ソルト "{ $salt }" は ./0-9A-Za-z の文字 1 〜 16 文字にしてください

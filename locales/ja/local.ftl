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

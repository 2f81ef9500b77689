# スクリプトの実行: ホスト (--sim、--lab、--plan)、シグナル、パラメータ (issue 25)。

## ホスト
script-label-simulator = 組み込みシミュレータ
script-label-plan = 計画 ({ $source } のスナップショットでのリハーサル)
script-signal-unhandled = { $signal } を処理できません: 受け取ると cwh はすぐに止まります
script-signal-starting = {"\u000A"}実行の準備中に { $signal } を受け取りました: 終了します
script-signal-interrupting = {"\u000A"}中断しています… (もう一度 Ctrl-C を押すとすぐに終了します)
script-signal-stopping = {"\u000A"}{ $signal } を受け取りました: スクリプトをきれいに止めます (もう一度シグナルを送るとすぐに終了します)
script-signal-exiting = 終了します
script-sim-failed = 組み込みのVCCシミュレータを起動できません: { $file }: { $problem }
script-sim-failed-help = シミュレータの状態ファイルが壊れているか読めません: `cwh vcc reset --workdir { $workdir }` で消去できます (シミュレータ上のユニットグループは忘れられます)
script-sim-started = VCC: 組み込みシミュレータ { $url } (状態は { $file }。`cwh vcc reset` で消去できます)
script-plan-no-token = --plan: VCCのアクセストークンがありません
script-lab-ready = ラボ `{ $name }`: ネットワーク { $network } ({ $subnet })、状態は { $file }
script-lab-key-created = ラボ用の鍵ペア { $file } を作りました
script-lab-key-public-restored = ラボ用の鍵の公開鍵 { $file }.pub がないか空でした: 秘密鍵から作り直しました
script-lab-key-replaced = { $file } は読める鍵ではなく公開鍵もありませんでした: 新しい鍵ペアに置き換えました
script-lab-key-failed = ラボ用の鍵ペア { $file } を書き込めません: { $problem }
script-lab-key-failed-help = 作業ディレクトリに書き込めること、空き容量があることを確認するか、--set ssh_private_key_path=… --set ssh_public_key_path=… を指定してください

## パラメータ
script-prompt-flavors = { $provider } のフレーバー (このVCCの vcp_flavor.yml): { $choices }
script-prompt-flavors-from = 選べるのは { $provider } のフレーバーです (このVCCの vcp_flavor.yml)
script-prompt-flavors-all = プロバイダごとのフレーバー (このVCCの vcp_flavor.yml):
script-token-file-read = トークンファイル { $path } を読めません: { $problem }
script-token-file-empty = トークンファイル { $path } が空です
script-token-file-invalid = トークンファイル { $path } にVCCのアクセストークンが入っていません: { $problem }
script-token-file-invalid-help = VCPポータルで得たアクセストークンだけを1行でファイルに書くか、--token-file のファイル名が正しいか確認してください
script-token-env-invalid = { $var } にVCCのアクセストークンが入っていません: { $problem }
script-token-env-invalid-help = { $var } にはVCPポータルで得たアクセストークンだけを設定してください (export { $var }="$(cat FILE)" でファイルから読めます)。または { $var } を消して --token-file FILE を指定してください
script-token-prompt-invalid = プロンプトで入力されたVCCのアクセストークンはトークンではありません: { $problem }
script-token-prompt-invalid-help = VCPポータルで得たアクセストークンだけを貼り付けるか、--token-file FILE を指定してください
script-token-not-text = 表示できない文字 (制御文字かASCII以外の文字) が入っています。バイナリファイルではありませんか
script-token-too-long = ファイルの大きさが { $size } バイトあります。VCCのアクセストークンは短い1行です (最大 { $max } 文字)
script-env-value = パラメータ { $name }: { $var }: { $problem }。{ $var } を直すか消してください (値はYAMLとして読みます: 3、true、[a, b]、"text")
script-prompt-failed = `{ $name }` を入力してもらえません: { $problem }
script-secret-prompt-failed = シークレット `{ $name }` を入力してもらえません: { $problem }
script-secret-prompt = { $name } (入力は表示されません):{" "}
script-params-not-mapping = 最上位が「名前: 値」の形 (マッピング) ではありません
script-yaml-duplicate = {" "}(同じパラメータは1回しか書けません: どちらかを消してください)
script-set-secret = --set { $key }: `{ $key }` はシークレットなので、コマンドラインからは読みません (引数は他から見えます): { $how }
script-file-secret = { $file }: `{ $key }` はシークレットなので無視します (シークレットはファイルから読みません)。環境変数 { $env } に設定してください
script-file-unknown = { $file }: `{ $key }` は { $script } のパラメータではないので無視します{ $hint }

## 表 (再実行のパラメータが今あるものと食い違うときの表)
script-column-value = 値
script-table-no-column = table: 列 { $missing } を持つ行がありません。行にあるキー: { $keys }

## cwh repl
script-repl-saved = { $count } 個の入力を { $file } に保存しました
script-repl-save-failed = エラー: { $file } に書き込めません: { $problem }
script-repl-secrets-left-out = 警告: { $count } 個の入力はシークレットを含むので保存しませんでした

## モジュールと質問
script-module-not-found = モジュール "{ $name }" が見つかりません。探した場所:{"\u000A"}  { $places }
script-import-cycle = import "{ $name }" は { $file } を指しますが、それは読み込みの途中です (import の循環か、スクリプトが自分自身を import しています)
script-confirm-yes = { $question } [y/N] はい (--yes)
script-confirm-ask = { $question } [y/N]{" "}
script-confirm-no-terminal = "{ $question }" を尋ねられません: 端末がありません
script-confirm-no-terminal-help = 端末で実行するか、--yes を付けて「はい」と答えてください
script-needs-run = この関数は実行中にしか使えません: `cwh run` か `cwh repl` から呼んでください
script-debug-line = { $line } 行目

## スクリプトの関数のオプション (`#{ timeout: 2.5, port: 22 }`)
script-expect-seconds = 秒数
script-expect-integer = 整数
script-expect-number = 数値
script-expect-bool = true か false
script-expect-text = 文字列
script-expect-texts = 文字列のリスト
script-expect-array = リスト
script-expect-map = マップ (名前付きの値の集まり)
script-option-expected = { $expected } が必要ですが、{ $got } が渡されました
script-option-negative = { $option } は負の数にできません
script-option-bad-seconds = { $option }: { $value } は秒数として使えません
script-option-bad-port = ポート { $port } は範囲外です (0 から 65535)
script-option-at = オプション `{ $option }`:

## cwh check: どこにも定義のない呼び出し
script-unknown-method = 未定義のメソッド `{ $name }`: その名前の関数はどこにも定義されていません
script-unknown-function = 未定義の関数 `{ $name }`
script-unknown-function-in = モジュール `{ $module }` に関数 `{ $name }` はありません
script-unknown-module = 未知のモジュール `{ $module }` (組み込みでも import したものでもありません)
script-module-does-not-compile = モジュール "{ $name }" をコンパイルできません: { $problem }
script-stdlib-embedded = stdlib (組み込み: { $modules })

## 実行の開始
script-runtime-failed = 非同期ランタイムを起動できません: { $problem }
script-lab-sim-failed = 組み込みのVCCシミュレータを起動できません: { $problem }
script-label-lab = ラボ `{ $name }` (VCノードがコンテナのシミュレータ)
script-module-unreadable = モジュール { $name } を読めません
script-params-module-not-found = モジュール "{ $name }" が見つかりません
script-value-unusable = ここでは { $what } は使えません: { $problem }

## 構文エラー (英語は Rhai 自身の言い方)
script-parse-missing-token = ここに '{ $token }' が必要です
script-parse-undefined-variable = 未定義の変数: { $name }
script-parse-undefined-module = 未定義のモジュール: { $name }
script-parse-variable-exists = 変数はすでに定義されています: { $name }
script-parse-duplicated-variable = 変数名が重複しています: { $name }
script-parse-duplicated-property = マップの中で同じ名前が2回使われています: { $name }
script-parse-incomplete = スクリプトが途中で終わっています (閉じていない括弧、ブロック、文字列はありませんか)
script-parse-reserved = '{ $word }' は予約語なので名前には使えません
script-parse-expression-expected = ここに式 ({ $what }) が必要です
script-parse-property-expected = ここにプロパティの名前が必要です
script-parse-variable-expected = ここに変数の名前が必要です
script-parse-unknown-operator = 知らない演算子です: '{ $operator }'
script-parse-fn-missing-params = 関数 { $name } の引数の並び ( … ) が必要です
script-parse-fn-missing-name = 関数の定義に関数名が必要です
script-parse-fn-not-global = 関数の定義はスクリプトの一番外側に書いてください (ブロックや別の関数の中には書けません)
script-parse-break-outside-loop = break はループの中でしか使えません
script-parse-assign-constant = 定数 { $name } には代入できません
script-parse-unexpected = ここに '{ $input }' は書けません
script-parse-unterminated-string = 文字列が閉じられていません
script-parse-bad-number = 数値として読めません: '{ $input }'

# cwh のメッセージ(日本語)。en.ftl のすべてのキーをここにも同じプレースホルダで置く
# (tests/i18n.rs)。用語は VCP のノートブックに合わせる。

## 値の種類(Rust や Rhai の型名は出さない)
value-number = 整数
value-decimal = 数値
value-text = 文字列
value-list = リスト
value-map = 名前と値の組(マップ)
value-bool = true または false
value-nothing = 値なし
value-any = 任意の値
value-function = 関数
value-time = 時刻
value-empty = 空の値
got-empty-paren = 空の値が指定されました (
got-empty-quoted = 空の値 ("") が指定されました
rhai-no-property = { $what } にはプロパティまたはメソッド「{ $property }」がありません(使えるものは `cwh doc` で確認できます)

## 見えにくい文字・紛らわしい文字
invisible-fullwidth = 全角文字({ $chars })が含まれています。半角で { $half } と入力してください
invisible-ideographic-space = 全角スペースが含まれています
invisible-bom = 先頭に見えない BOM(バイトオーダーマーク)があります。ファイルを BOM なしの UTF-8 で保存してください
invisible-tab = タブ文字が含まれています
invisible-newline = 改行が含まれています
invisible-nbsp = ノーブレークスペースが含まれています
invisible-zero-width = 見えないゼロ幅スペースが含まれています
invisible-trailing-space = 末尾に空白があります
invisible-leading-space = 先頭に空白があります

## パラメータの入力
prompt-head = { $name }: { $about }
prompt-head-bare = { $name }: スクリプトが必要とするパラメータです
prompt-expected = 入力する値: { $expected }
prompt-no-default = 既定値も保存済みの値もありません。値を入力してください({ $at } で使用)
prompt-no-default-bare = 既定値も保存済みの値もありません。値を入力してください
prompt-retry = もう一度入力してください(Ctrl-C で中止します)。
prompt-closed = 値が入力される前に入力が閉じられました
expect-number-min = { $min } 以上の整数
expect-one-of = 次のいずれか: { $choices }
expect-ipv4 = IPv4 アドレス(例: 172.30.2.100)
expect-path = ファイルのパス(例: ~/.ssh/id_rsa)
expect-any = 値(3 は数値、true/false は真偽値、[a, b] はリスト、それ以外は文字列)
answer-empty = { $name } には既定値がありません。値を入力してください。
answer-unreadable = { $name }: この値は読み取れません({ $problem })。文字列は "…" で囲んでください
answer-need-number = { $name } には { $min } 以上の整数が必要です。入力された値: { $typed }
answer-too-small = { $name } は { $min } 以上にしてください。入力された値: { $typed }
answer-not-choice = { $name } は次のいずれかにしてください: { $choices }。入力された値: { $typed }
answer-not-ipv4 = { $name } には IPv4 アドレス(例: 172.30.2.100)が必要です。入力された値: { $typed }
answer-not-path = { $name } にはファイルのパス(例: ~/.ssh/id_rsa)が必要です。入力された値: { $typed }

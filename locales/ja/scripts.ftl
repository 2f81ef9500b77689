# 同梱スクリプト(scripts/*.rhai)のメッセージ(日本語)。locales/en/scripts.ftl と同じキー、
# 同じプレースホルダ(tests/i18n.rs)。用語は VCP のノートブックに合わせる。

## coursewarehub.rhai: 構築ノートブック
coursewarehub-simulator-stops-here = シミュレータ(--sim、または --lab なしの `cwh vcc serve`)ではVCノードは記録だけなので、SSH、Ansible、Swarm の手順はここで終わります。これらは --lab で試せます
coursewarehub-ready = { $unit_group } の CoursewareHub のVCノードの準備ができました: マネージャ { $manager }、ワーカー { $workers } 台

## validate-site.rhai
validate-site-nodes = { $nodes }(マネージャ 1 台 + ワーカー { $workers } 台)
validate-site-no-disk = VC ディスクなし
validate-site-address-in = { $ip }({ $network } 内)
validate-site-col-parameter = パラメータ
validate-site-col-value = 値
validate-site-with-parameters = (パラメータ)
validate-site-ok = パラメータに問題はありません

//! Bindings: `t(key)`, `t(key, #{ name: value })` (core in `crate::i18n`): a message from the
//! catalogs (`locales/en/*.ftl`, `locales/ja/*.ftl`) in the reader's language, and `lang()`.
//! The shipped scripts and the stdlib write every `print`/`throw`/`info`/`warn` text this way.
use crate::i18n::{Arg, Lang};
use rhai::plugin::*;
use rhai::{Dynamic, Map};

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(i18n_api).into());
}

/// A script value as a placeholder's value: numbers stay numbers, the rest is its text.
fn arg(v: &Dynamic) -> Arg {
    if let Ok(i) = v.as_int() {
        Arg::Number(i as f64)
    } else if let Ok(f) = v.as_float() {
        Arg::Number(f)
    } else if v.is_unit() {
        Arg::Text(String::new())
    } else {
        Arg::Text(v.to_string())
    }
}

#[export_module]
mod i18n_api {
    /// The message `key` of the catalogs in the reader's language (English unless the locale or
    /// `--lang` says Japanese). A key no catalog has shows as itself.
    ///
    /// ```rhai
    /// print(t("nfs-exports-restricted"));
    /// ```
    #[rhai_fn(name = "t")]
    pub fn t(key: &str) -> String {
        crate::i18n::message(key, &[])
    }

    /// The message `key` with its placeholders (`{ $name }` in the catalog) filled from `args`.
    ///
    /// ```rhai
    /// throw t("nfs-target-unknown", #{ target: nfs_target, inventory: "inventory.yml" });
    /// ```
    #[rhai_fn(name = "t")]
    pub fn t_args(key: &str, args: Map) -> String {
        let names: Vec<String> = args.keys().map(|k| k.to_string()).collect();
        let refs: Vec<(&str, Arg)> = names
            .iter()
            .map(String::as_str)
            .zip(args.values().map(arg))
            .collect();
        crate::i18n::message(key, &refs)
    }

    /// The reader's language: `"ja"` or `"en"` (for a site's own bilingual texts).
    ///
    /// ```rhai
    /// print(if lang() == "ja" { "完了" } else { "done" });
    /// ```
    pub fn lang() -> String {
        match crate::i18n::lang() {
            Lang::En => "en".into(),
            Lang::Ja => "ja".into(),
        }
    }
}

//! Messages in the reader's language (issue 25): English by default, Japanese when the locale
//! says so (`LC_ALL`, `LC_MESSAGES`, `LANG` = `ja…`, the POSIX order) or `--lang ja`.
//!
//! The messages live in Fluent catalogs, one file per domain and language (`locales/en/*.ftl`,
//! `locales/ja/*.ftl`, embedded in the binary), read with `fluent-bundle`, Project Fluent's
//! reference implementation in Rust. A key is defined once per language, in any of its files. One
//! entry point, [`t!`](crate::t): `t!("prompt-retry")`, `t!("params-missing", name = n)`.
//! This module is on the ground floor: every core may use it, and it knows nothing of Rhai.
//!
//! A key missing from the Japanese catalog falls back to English, and a key missing from both
//! shows as the key itself (a test keeps the two catalogs in step).
pub mod words;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// The catalogs: `en/` (the default, and the fallback of every key) and `ja/`.
static LOCALES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/locales");

/// A language cwh speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    /// `ja`, `ja_JP.UTF-8`, `japanese` → Japanese; `en…`, `C`, `POSIX` → English; other
    /// values → `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("ja") {
            Some(Lang::Ja)
        } else if s.starts_with("en") || s == "c" || s.starts_with("c.") || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The folder of this language's catalogs under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// This language's catalog files: (`locales/ja/main.ftl`, its text), sorted by name.
    pub fn catalog_files(self) -> Vec<(String, &'static str)> {
        let mut files: Vec<(String, &'static str)> = LOCALES
            .get_dir(self.tag())
            .map(|d| {
                d.files()
                    .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
                    .filter_map(|f| {
                        Some((
                            format!("locales/{}", f.path().display()),
                            f.contents_utf8()?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }
}

/// 0: not decided yet, 1: English, 2: Japanese.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
/// and not empty decides (Japanese when it starts with `ja`), English otherwise.
pub fn from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return if v.trim().to_ascii_lowercase().starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// Use `lang` for every message from now on (`--lang`).
pub fn set_lang(lang: Lang) {
    CHOSEN.store(
        match lang {
            Lang::En => 1,
            Lang::Ja => 2,
        },
        Ordering::SeqCst,
    );
}

/// The language messages are written in.
pub fn lang() -> Lang {
    match CHOSEN.load(Ordering::SeqCst) {
        1 => Lang::En,
        2 => Lang::Ja,
        _ => {
            let l = from_env();
            set_lang(l);
            l
        }
    }
}

/// `--lang X` / `--lang=X` among the process arguments (read before clap parses them, so that
/// `--help` is in that language too).
pub fn lang_from_args(args: &[String]) -> Option<Lang> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().and_then(|v| Lang::parse(v));
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
    }
    None
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN_B: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static JA_B: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, tag) = match lang {
        Lang::En => (&EN_B, "en"),
        Lang::Ja => (&JA_B, "ja"),
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = tag.parse().expect("a valid language tag");
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // a terminal shows Unicode isolation marks as garbage
        b.set_use_isolating(false);
        // a catalog with a syntax error still gives every entry it could read; the catalog
        // test fails on the error itself (and on a key defined twice)
        for (_, text) in lang.catalog_files() {
            let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
            b.add_resource_overriding(res);
        }
        b
    })
}

/// A value for a message's placeholder.
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => { $(impl From<$t> for Arg { fn from(n: $t) -> Self { Arg::Number(n as f64) } })* };
}
number_arg!(i32, i64, u8, u16, u32, u64, usize, f64);

/// The message `key` in the current language, its placeholders filled from `args`.
pub fn message(key: &str, args: &[(&str, Arg)]) -> String {
    message_in(lang(), key, args)
}

/// The message `key` in `lang` (English when that catalog lacks it; the key itself when no
/// catalog has it).
pub fn message_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fargs = FluentArgs::new();
    for (name, v) in args {
        match v {
            Arg::Text(s) => fargs.set(*name, FluentValue::from(s.as_str())),
            // plain numbers: no grouping separators (a port is 18443, not 18,443)
            Arg::Number(n) => fargs.set(*name, FluentValue::from(n.to_string())),
        }
    }
    for l in [lang, Lang::En] {
        let b = bundle(l);
        if let Some(m) = b.get_message(key)
            && let Some(p) = m.value()
        {
            let mut errors = vec![];
            return b.format_pattern(p, Some(&fargs), &mut errors).into_owned();
        }
    }
    key.to_string()
}

/// Every message of a catalog with the placeholders (`{ $name }`) it uses, and the syntax
/// errors found while reading it (for the catalog test).
pub fn catalog_keys(text: &str) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    use fluent_syntax::ast;
    let (res, errors) = match fluent_syntax::parser::parse(text) {
        Ok(r) => (r, vec![]),
        Err((r, e)) => (r, e.iter().map(|e| format!("{e:?}")).collect()),
    };
    fn walk_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                walk_expr(expression, out);
            }
        }
    }
    fn walk_expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for v in variants {
                    walk_pattern(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => walk_inline(i, out),
        }
    }
    fn walk_inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => walk_expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    walk_inline(a, out);
                }
            }
            _ => {}
        }
    }
    let mut keys = BTreeMap::new();
    for entry in &res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                walk_pattern(p, &mut vars);
            }
            keys.insert(m.id.name.to_string(), vars);
        }
    }
    (keys, errors)
}

/// `t!("key")`, `t!("key", name = value, …)`: the message `key` in the reader's language.
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::message($key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_fallbacks() {
        assert_eq!(Lang::parse("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        let args: Vec<String> = ["cwh", "--lang=ja", "params"].map(String::from).to_vec();
        assert_eq!(lang_from_args(&args), Some(Lang::Ja));
        assert_eq!(message_in(Lang::Ja, "no-such-key", &[]), "no-such-key");
        let m = message_in(Lang::En, "prompt-retry", &[]);
        assert!(!m.is_empty() && m != "prompt-retry", "{m}");
        let n = message_in(Lang::Ja, "value-number", &[]);
        assert!(n.chars().any(|c| c > '\u{3000}'), "{n}");
    }
}

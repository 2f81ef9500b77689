//! How an entry's value is shown: an array of maps, nodes or unit groups as a table, a string raw, anything else
//! as Rhai's `to_debug` shows it. `.save` writes the same choice as a `print(…)` call, so the
//! saved script prints what the session printed.
use rhai::{Dynamic, Engine, Scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A non-empty array of maps: `table(v)`.
    Table,
    /// A string, printed as it is.
    Raw,
    /// Anything else: `to_debug(v)`.
    Debug,
}

/// How `v` is shown; `None` for `()`, which shows nothing.
pub fn kind(v: &Dynamic) -> Option<Shown> {
    if v.is_unit() {
        return None;
    }
    if let Some(a) = v.read_lock::<rhai::Array>()
        && !a.is_empty()
        && a.iter()
            .all(|x| x.is_map() || crate::api::vcc::as_row(x).is_some())
    {
        return Some(Shown::Table);
    }
    Some(if v.is_string() {
        Shown::Raw
    } else {
        Shown::Debug
    })
}

/// The text shown for `v` (secrets masked), without a final newline.
pub fn render(engine: &Engine, v: &Dynamic, how: Shown) -> String {
    let text = match how {
        // exactly what `print(table(v))` prints, so `.save` reproduces it
        Shown::Table => {
            let mut s = Scope::new();
            s.push_dynamic("v", v.clone());
            engine
                .eval_with_scope::<String>(&mut s, "table(v)")
                .unwrap_or_else(|_| format!("{v:?}"))
        }
        Shown::Raw => v.to_string(),
        Shown::Debug => {
            let mut s = Scope::new();
            s.push_dynamic("v", v.clone());
            engine
                .eval_with_scope::<String>(&mut s, "to_debug(v)")
                .unwrap_or_else(|_| format!("{v:?}"))
        }
    };
    crate::redact::redact(&text).into_owned()
}

/// The script expression that prints `expr` the way the session showed it.
pub fn print_call(expr: &str, how: Shown) -> String {
    match how {
        Shown::Table => format!("print(table({expr}));"),
        Shown::Raw => format!("print({expr});"),
        Shown::Debug => format!("print(to_debug({expr}));"),
    }
}

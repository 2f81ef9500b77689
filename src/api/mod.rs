//! The Rhai bindings: one thin file per script namespace, each with `pub fn register(engine)`.
//! Bindings convert types and errors; logic stays in the cores.
use crate::script::ctx::{Ctx, Interrupt};
use rhai::{Dynamic, Engine, EvalAltResult, NativeCallContext, Position};
use std::sync::Arc;

/// What every binding returns: a value or a script error.
pub type Res<T> = Result<T, Box<EvalAltResult>>;

// One file per script namespace (globals grouped by concern).
pub mod ansible_cfg; // ansible_cfg::
pub mod ansible_playbook; // ansible::playbook
pub mod coursewarehub; // coursewarehub:: (teacher id, password hash, secrets)
pub mod group_vars; // group_vars::
pub mod i18n; // t(key, args), lang(): messages from the catalogs
pub mod inventory; // inventory::
pub mod kinds; // the error kinds every primitive throws (listed by `cwh doc`)
pub mod known_hosts; // known_hosts::
pub mod local; // local::exec
pub mod output; // table, to_json/from_json, to_yaml/from_yaml, info, warn
pub mod params; // param, secret, confirm
pub mod spec;
pub mod ssh;
pub mod swarm;
pub mod system; // workdir, expand_path, path_exists, sleep
pub mod unit_group; // methods of UnitGroup and Unit (vcc::)
pub mod vcc;
pub mod vcc_calls; // helpers vcc.rs and unit_group.rs share
pub mod wait; // start now, wait later: create_unit(…, #{ wait: false }), vcc::wait_all

/// Register the whole script API.
///
/// Typed bindings (`#[export_module]`) need no context to register: they reach the run's
/// [`Ctx`] through [`ctx`] at call time, so `cwh check`/`cwh doc` build the same engine without
/// a run (no runtime, no parameters). [`attach`] gives an engine its run.
pub fn register_all(engine: &mut Engine) {
    params::register(engine);
    output::register(engine);
    system::register(engine);
    group_vars::register(engine);
    inventory::register(engine);
    ansible_cfg::register(engine);
    vcc::register(engine);
    spec::register(engine);
    ssh::register(engine);
    known_hosts::register(engine);
    swarm::register(engine);
    ansible_playbook::register(engine);
    local::register(engine);
    coursewarehub::register(engine);
    wait::register(engine);
    i18n::register(engine);
}

/// Give an engine its run: typed bindings find the context with [`ctx`].
pub fn attach(engine: &mut Engine, ctx: &Arc<Ctx>) {
    engine.set_default_tag(Dynamic::from(ctx.clone()));
}

/// The run's context, for a binding called from a script (see [`attach`]).
pub fn ctx(cx: &NativeCallContext) -> Res<Arc<Ctx>> {
    cx.tag()
        .and_then(|t| t.clone().try_cast::<Arc<Ctx>>())
        .ok_or_else(|| error("script::no_run", crate::t!("script-needs-run"), None))
}

/// Read an options map into a typed struct (`#[derive(Deserialize)]`,
/// `#[serde(deny_unknown_fields)]`, `Option` fields): an unknown or mistyped option is an error
/// naming the function, the option and the valid ones.
pub fn options<T: serde::de::DeserializeOwned>(func: &str, opts: rhai::Map) -> Res<T> {
    let map = Dynamic::from_map(opts);
    serde_path_to_error::deserialize(rhai::serde::DynamicDeserializer::new(&map)).map_err(|e| {
        let path = e.path().to_string();
        let msg = match *e.into_inner() {
            EvalAltResult::ErrorMismatchOutputType(expected, actual, _) => {
                crate::t!(
                    "script-option-expected",
                    expected = type_words(&expected),
                    got = type_words(&actual)
                )
            }
            other => {
                let msg = other.to_string();
                let msg = msg.split(" (line").next().unwrap_or(&msg).to_string();
                msg.strip_prefix("Syntax error: ")
                    .unwrap_or(&msg)
                    .to_string()
            }
        };
        let at = if path == "." || path.is_empty() || msg.starts_with("unknown field") {
            String::new()
        } else {
            format!(" {}", crate::t!("script-option-at", option = path.as_str()))
        };
        error("script::options", format!("{func}:{at} {msg}"), None)
    })
}

/// A Rust or Rhai type name as a script writer reads it (`i64` → "an integer").
fn type_words(t: &str) -> String {
    let short = t.rsplit("::").next().unwrap_or(t);
    match short {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "int" | "INT" => {
            crate::t!("script-expect-integer")
        }
        "f32" | "f64" | "float" => crate::t!("script-expect-number"),
        "bool" => crate::t!("script-expect-bool"),
        "String" | "str" | "string" | "ImmutableString" | "&str" | "char" => {
            crate::t!("script-expect-text")
        }
        "()" => "()".into(),
        s if t.contains("Vec<") || s == "array" || s == "Array" => crate::t!("script-expect-array"),
        s if s.contains("Map") || s == "map" => crate::t!("script-expect-map"),
        s => s.trim_end_matches('>').to_string(),
    }
}

/// A module function's result with the script position of its call (see [`at`]).
pub fn pos<T>(cx: &NativeCallContext, r: Res<T>) -> Res<T> {
    r.map_err(|e| at(cx, e))
}

/// The structured error every primitive throws: scripts can `try { … } catch (e) { e.kind }`.
pub fn error(
    kind: &str,
    message: impl std::fmt::Display,
    help: Option<String>,
) -> Box<EvalAltResult> {
    let message = crate::redact::redact(&message.to_string()).into_owned();
    let mut m = rhai::Map::new();
    m.insert("kind".into(), kind.into());
    m.insert("message".into(), message.into());
    if let Some(h) = help {
        m.insert("help".into(), crate::redact::redact(&h).into_owned().into());
    }
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from_map(m),
        Position::NONE,
    ))
}

/// Convert a core error (thiserror + miette::Diagnostic) into a script error; `kind` is the
/// diagnostic code without its `cwh::` prefix (`vcc::forbidden`), and extra fields (an HTTP
/// status…) can be added by the caller.
pub fn from_diagnostic(e: &dyn miette::Diagnostic) -> Box<EvalAltResult> {
    let kind = e
        .code()
        .map(|c| c.to_string().trim_start_matches("cwh::").to_string())
        .unwrap_or_else(|| "error".into());
    error(&kind, e, e.help().map(|h| h.to_string()))
}

impl From<Interrupt> for Box<EvalAltResult> {
    fn from(i: Interrupt) -> Self {
        // Ctrl-C ends the script: no `catch` may swallow it
        Box::new(EvalAltResult::ErrorTerminated(
            Dynamic::from(i.to_string()),
            Position::NONE,
        ))
    }
}

/// A Rhai value as JSON (maps, arrays, strings, numbers, booleans, `()` → null).
pub fn to_json(v: &Dynamic) -> Result<serde_json::Value, Box<EvalAltResult>> {
    rhai::serde::from_dynamic::<serde_json::Value>(v).map_err(|e| {
        error(
            "script::value",
            crate::t!(
                "script-value-unusable",
                what = crate::i18n::words::plain(v.type_name()),
                problem = e.to_string()
            ),
            None,
        )
    })
}

/// A serialisable value (a core's result struct) as a script map; `#{}` when it is not a map.
pub fn map_of<T: serde::Serialize + ?Sized>(v: &T) -> rhai::Map {
    rhai::serde::to_dynamic(v)
        .ok()
        .and_then(|d| d.try_cast::<rhai::Map>())
        .unwrap_or_default()
}

/// Texts as a script array.
pub fn strings(v: Vec<String>) -> rhai::Array {
    v.into_iter().map(Dynamic::from).collect()
}

/// A JSON value as a Rhai value.
pub fn from_json(v: &serde_json::Value) -> Dynamic {
    rhai::serde::to_dynamic(v).unwrap_or(Dynamic::UNIT)
}

/// Give an error raised in a module function (`vcc::connect()`, `group_vars::update(…)`) the
/// script position of the call: Rhai fills it in for global functions only.
pub fn at(cx: &rhai::NativeCallContext, mut e: Box<EvalAltResult>) -> Box<EvalAltResult> {
    if e.position().is_none() {
        e.set_position(cx.call_position());
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Opts {
        sudo: Option<bool>,
        timeout: Option<i64>,
    }

    fn msg(e: &EvalAltResult) -> String {
        match e {
            EvalAltResult::ErrorRuntime(v, _) => v.clone_cast::<rhai::Map>()["message"].to_string(),
            other => other.to_string(),
        }
    }

    #[test]
    fn options_are_typed_and_an_unknown_one_names_the_valid_ones() {
        let mut m = rhai::Map::new();
        m.insert("sudo".into(), true.into());
        let o: Opts = options("exec", m).unwrap();
        assert_eq!((o.sudo, o.timeout), (Some(true), None));

        let mut m = rhai::Map::new();
        m.insert("sduo".into(), true.into());
        let e = options::<Opts>("exec", m).unwrap_err();
        let text = msg(&e);
        assert!(text.starts_with("exec: unknown field `sduo`"), "{text}");
        assert!(
            text.contains("`sudo`") && text.contains("`timeout`"),
            "{text}"
        );

        let mut m = rhai::Map::new();
        m.insert("timeout".into(), "soon".into());
        let text = msg(&options::<Opts>("exec", m).unwrap_err());
        assert_eq!(
            text,
            "exec: option `timeout`: expected an integer, got a string"
        );
    }
}

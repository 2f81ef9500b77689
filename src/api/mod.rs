//! The Rhai bindings: one thin file per domain, each with `pub fn register(engine, ctx)`.
//! Bindings convert types and errors; logic stays in the cores.
use crate::script::ctx::{Ctx, Interrupt};
use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Position};
use std::sync::Arc;

pub mod ansible;
pub mod spec;
pub mod ssh;
pub mod swarm;
pub mod util;
pub mod vcc;

/// Register the whole script API.
pub fn register_all(engine: &mut Engine, ctx: &Arc<Ctx>) {
    util::register(engine, ctx);
    ansible::register(engine, ctx);
    vcc::register(engine, ctx);
    spec::register(engine);
    ssh::register(engine, ctx);
    swarm::register(engine, ctx);
}

/// A function registration with its documentation: `params` lists `name: Type` entries and
/// then the return type; `doc` is plain text (one or more lines).
pub fn doc(name: &str, params: &[&str], doc: &str) -> FuncRegistration {
    let comments: Vec<String> = doc.lines().map(|l| format!("/// {l}")).collect();
    FuncRegistration::new(name)
        .with_params_info(params.iter().copied())
        .with_comments([comments.join("\n")])
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
        match i {
            Interrupt::Cancelled => Box::new(EvalAltResult::ErrorTerminated(
                Dynamic::from("interrupted by Ctrl-C"),
                Position::NONE,
            )),
            other => from_diagnostic(&other),
        }
    }
}

/// Check an options map against the keys a function accepts: a typo is an error that lists
/// the valid keys.
pub fn check_opts(
    func: &str,
    opts: &rhai::Map,
    allowed: &[&str],
) -> Result<(), Box<EvalAltResult>> {
    for k in opts.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(error(
                "options",
                format!("{func}: unknown option `{k}`"),
                Some(format!("valid options: {}", allowed.join(", "))),
            ));
        }
    }
    Ok(())
}

/// A Rhai value as JSON (maps, arrays, strings, numbers, booleans, `()` → null).
pub fn to_json(v: &Dynamic) -> Result<serde_json::Value, Box<EvalAltResult>> {
    rhai::serde::from_dynamic::<serde_json::Value>(v).map_err(|e| {
        error(
            "value",
            format!("cannot use {} here: {e}", v.type_name()),
            None,
        )
    })
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

macro_rules! with_pos {
    ($name:ident; $($a:ident),*) => {
        /// Wrap a module function so its errors carry the call's position (see [`at`]).
        #[allow(non_snake_case, clippy::too_many_arguments)]
        pub fn $name<$($a,)* R>(
            f: impl Fn($($a),*) -> Result<R, Box<EvalAltResult>> + Send + Sync + 'static,
        ) -> impl Fn(rhai::NativeCallContext, $($a),*) -> Result<R, Box<EvalAltResult>> + Send + Sync + 'static {
            move |cx, $($a),*| f($($a),*).map_err(|e| at(&cx, e))
        }
    };
}
with_pos!(with_pos0;);
with_pos!(with_pos1; A);
with_pos!(with_pos2; A, B);
with_pos!(with_pos3; A, B, C);
with_pos!(with_pos4; A, B, C, D);

//! The helpers the VCC bindings share (`vcc.rs`, `unit_group.rs`, `spec.rs`): a VCC request
//! run for a script, its error as a script error, nodes as script values, tables rendered.
//! A file of its own so that the bindings import it and not each other.
use crate::api::{Res, error, from_json};
use crate::script::ctx::Ctx;
use crate::vcc::table::Table;
use crate::vcc::{VcNode, VccError};
use rhai::plugin::*;
use rhai::{Array, Map};

/// A VCC error as a script error: `#{kind: "vcc::forbidden", message, help, status}`.
pub fn vcc_err(e: VccError) -> Box<EvalAltResult> {
    let status = e.status();
    let mut err = crate::api::from_diagnostic(&e);
    if let (Some(s), EvalAltResult::ErrorRuntime(v, _)) = (status, err.as_mut())
        && let Some(mut m) = v.write_lock::<Map>()
    {
        m.insert("status".into(), (s as rhai::INT).into());
    }
    err
}

pub(crate) fn run<T>(
    ctx: &Ctx,
    fut: impl std::future::Future<Output = crate::vcc::Result<T>>,
) -> Res<T> {
    ctx.block_on(fut)?.map_err(vcc_err)
}

/// Run a VCC request for a binding called from a script (the run from [`crate::api::ctx`]).
pub(crate) fn block<T>(
    cx: &NativeCallContext,
    fut: impl std::future::Future<Output = crate::vcc::Result<T>>,
) -> Res<T> {
    let c = crate::api::ctx(cx)?;
    run(&c, fut)
}

/// A node as a script value (a map).
pub fn node_value(n: &VcNode) -> Dynamic {
    from_json(&serde_json::to_value(n).unwrap_or_default())
}

/// Nodes as a script array of maps.
pub(crate) fn nodes_array(ns: &[VcNode]) -> Array {
    ns.iter().map(node_value).collect()
}

/// A VCC request giving nodes (see [`block`]), its nodes as a script array.
pub(crate) fn block_nodes(
    cx: &NativeCallContext,
    fut: impl std::future::Future<Output = crate::vcc::Result<Vec<VcNode>>>,
) -> Res<Array> {
    Ok(nodes_array(&block(cx, fut)?))
}

/// Nodes given back by a script (`spec.disks = ug_disk.find_nodes()`).
pub fn nodes_from(a: &Array) -> Res<Vec<VcNode>> {
    let bad = |v: &Dynamic, e: Box<EvalAltResult>| {
        let t = v.type_name();
        let t = crate::i18n::words::type_word(t).unwrap_or_else(|| t.to_string());
        error(
            "script::value",
            crate::t!("vcc-expected-nodes", got = t, problem = e.to_string()),
            None,
        )
    };
    a.iter()
        .map(|v| rhai::serde::from_dynamic::<VcNode>(v).map_err(|e| bad(v, e)))
        .collect()
}

/// A table from the core rendered for the terminal.
pub(crate) fn render(t: Table) -> String {
    let rows: Array = t
        .rows
        .into_iter()
        .map(|r| from_json(&serde_json::Value::Object(r)))
        .collect();
    crate::script::table::render(&rows, Some(&t.columns))
}

/// Take the `wait` option (true or false, default true) out of an options map.
pub fn take_wait(func: &str, opts: &mut rhai::Map) -> crate::api::Res<bool> {
    match opts.remove("wait") {
        None => Ok(true),
        Some(v) => v.as_bool().map_err(|t| {
            crate::api::error(
                "script::options",
                crate::t!(
                    "vcc-option-wait",
                    func = func,
                    got = crate::i18n::words::type_word(t).unwrap_or_else(|| t.to_string())
                ),
                None,
            )
        }),
    }
}

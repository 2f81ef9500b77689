//! Building the engine every script runs in.
use crate::script::ctx::Ctx;
use crate::script::modules::Resolver;
use rhai::Engine;
use std::io::Write;
use std::sync::Arc;

/// Limits that stop runaway scripts without getting in the way of real ones.
pub const MAX_CALL_LEVELS: usize = 64;
pub const MAX_EXPR_DEPTH: usize = 128;
pub const MAX_STRING_SIZE: usize = 64 * 1024 * 1024;
pub const MAX_ARRAY_SIZE: usize = 1_000_000;
pub const MAX_MAP_SIZE: usize = 100_000;

/// An engine with cwh's limits and no API: enough to compile a script and walk its AST.
pub fn bare() -> Engine {
    let mut engine = Engine::new();
    engine.set_max_expr_depths(MAX_EXPR_DEPTH, MAX_EXPR_DEPTH);
    engine
}

/// An engine with cwh's settings (limits, strict variables, module resolver, print and debug)
/// and no API.
fn configured(resolver: Resolver) -> Engine {
    let mut engine = Engine::new();
    engine.set_strict_variables(true);
    engine.set_max_call_levels(MAX_CALL_LEVELS);
    engine.set_max_expr_depths(MAX_EXPR_DEPTH, MAX_EXPR_DEPTH);
    engine.set_max_string_size(MAX_STRING_SIZE);
    engine.set_max_array_size(MAX_ARRAY_SIZE);
    engine.set_max_map_size(MAX_MAP_SIZE);
    engine.set_module_resolver(resolver);
    engine.on_print(|s| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", crate::redact::redact(s));
        let _ = out.flush();
    });
    engine.on_debug(|s, src, pos| {
        let place = match (src, pos.line()) {
            (Some(src), Some(l)) => format!("{src}:{l}: "),
            (None, Some(l)) => format!("{}: ", crate::t!("script-debug-line", line = l)),
            _ => String::new(),
        };
        tracing::info!(target: "cwh::script", "[debug] {place}{s}");
    });
    engine
}

/// An engine with cwh's settings and the whole script API registered, for a run.
pub fn build(ctx: &Arc<Ctx>, resolver: Resolver) -> Engine {
    let mut engine = configured(resolver);
    let flag = ctx.interrupted.clone();
    engine.on_progress(move |_| {
        flag.load(std::sync::atomic::Ordering::Relaxed)
            .then(|| rhai::Dynamic::from("interrupted by Ctrl-C"))
    });
    crate::api::attach(&mut engine, ctx);
    crate::api::register_all(&mut engine);
    engine
}

/// The engine of a run without the run (`cwh check`, `cwh doc`): the same settings and API,
/// to compile scripts and read the API's metadata. No runtime is started; a binding that
/// needs a run says so (`script::no_run`) instead of running.
pub fn api_only(resolver: Resolver) -> Engine {
    let mut engine = configured(resolver);
    crate::api::register_all(&mut engine);
    engine
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_api_engine_knows_the_api_without_a_run() {
        let engine = super::api_only(crate::script::modules::Resolver::new(None, &[]));
        let ix = crate::script::api_index::ApiIndex::of(&engine, false);
        assert!(
            ix.in_modules().any(|f| f.qualified() == "vcc::connect"),
            "vcc::connect is registered"
        );
        assert!(ix.globals().any(|f| f.name == "param"));
        // the same settings as a run's engine: strict variables
        assert!(engine.compile("let a = b;").is_err());
    }
}

//! Bindings: `param`, `secret` and `confirm` (core in `crate::script::params`). A missing
//! value is a `params::missing`/`params::missing_secret` error naming the call site.
use crate::api::Res;
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(params_api).into());
}

/// Where a script called a function: `file:line:col` (or `script:…` for the main script).
fn call_site(cx: &NativeCallContext) -> String {
    let pos = cx.call_position();
    let src = cx.call_source().unwrap_or("script");
    match (pos.line(), pos.position()) {
        (Some(l), Some(c)) => format!("{src}:{l}:{c}"),
        (Some(l), None) => format!("{src}:{l}"),
        _ => src.to_string(),
    }
}

fn param(cx: &NativeCallContext, name: &str, default: Option<Dynamic>) -> Res<Dynamic> {
    let ctx = crate::api::ctx(cx)?;
    ctx.params
        .require(name, default, &call_site(cx))
        .map_err(|e| crate::api::from_diagnostic(&e))
}

#[export_module]
mod params_api {
    use crate::api::Res;
    use crate::api::error;

    /// A script parameter. Resolution order: `--set name=VALUE` (last wins), the `--params FILE`,
    /// env `CWH_PARAM_<NAME>`, an interactive prompt when stdin is a terminal; otherwise an error
    /// naming the parameter and this call. Values are typed as YAML (`3` int, `true` bool, `[a, b]` array).
    #[rhai_fn(name = "param", return_raw)]
    pub fn param(cx: NativeCallContext, name: &str) -> Res<Dynamic> {
        super::param(&cx, name, None)
    }

    /// A script parameter with a default, used when no `--set`, `--params` or `CWH_PARAM_<NAME>` gives one.
    /// Example: `let nodes = param("vc_nodes", 3);`
    #[rhai_fn(name = "param", return_raw)]
    pub fn param_or(cx: NativeCallContext, name: &str, default: Dynamic) -> Res<Dynamic> {
        super::param(&cx, name, Some(default))
    }

    /// A secret (e.g. `vcc_access_token`). Never read from `--set` or `--params` (argv and files leak):
    /// env `CWH_PARAM_<NAME>` (and `VCC_ACCESS_TOKEN` for the VCC token), `--token-file`, then a no-echo
    /// prompt. The value is masked in every output, log and journal.
    #[rhai_fn(return_raw)]
    pub fn secret(cx: NativeCallContext, name: &str) -> Res<String> {
        let ctx = crate::api::ctx(&cx)?;
        ctx.params
            .require_secret(name, &super::call_site(&cx))
            .map_err(|e| crate::api::from_diagnostic(&e))
    }

    /// Ask a yes/no question on the terminal (default no). With `--yes` it answers yes without asking;
    /// without a terminal and without `--yes` it is an error, so nothing destructive happens unattended.
    #[rhai_fn(return_raw)]
    pub fn confirm(cx: NativeCallContext, prompt: &str) -> Res<bool> {
        let ctx = crate::api::ctx(&cx)?;
        if ctx.assume_yes {
            eprintln!("{}", crate::t!("script-confirm-yes", question = prompt));
            return Ok(true);
        }
        if !crate::script::prompt::can_prompt() {
            return Err(error(
                "confirm::no_terminal",
                crate::t!("script-confirm-no-terminal", question = prompt),
                Some(crate::t!("script-confirm-no-terminal-help")),
            ));
        }
        let a = crate::script::prompt::ask(&crate::t!("script-confirm-ask", question = prompt))
            .map_err(|e| error("confirm::prompt", e, None))?;
        Ok(matches!(
            a.trim().to_ascii_lowercase().as_str(),
            "y" | "yes"
        ))
    }
}

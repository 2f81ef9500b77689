//! Bindings: the run's surroundings: `workdir`, `expand_path`, `path_exists` and `sleep`
//! (core in `crate::files`).
use crate::api::Res;
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(system_api).into());
}

/// Wait `d`; Ctrl-C interrupts the wait.
fn wait(cx: &NativeCallContext, d: std::time::Duration) -> Res<()> {
    let ctx = crate::api::ctx(cx)?;
    ctx.block_on(async move { tokio::time::sleep(d).await })?;
    Ok(())
}

#[export_module]
mod system_api {
    use crate::api::Res;
    use crate::api::error;
    use crate::files::expand_home;
    use std::time::Duration;

    /// Wait; Ctrl-C interrupts the wait.
    #[rhai_fn(name = "sleep", return_raw)]
    pub fn sleep_float(cx: NativeCallContext, seconds: rhai::FLOAT) -> Res<()> {
        let d = Duration::try_from_secs_f64(seconds.max(0.0)).map_err(|_| {
            error(
                "script::value",
                crate::t!("local-api-bad-sleep", seconds = seconds.to_string()),
                None,
            )
        })?;
        super::wait(&cx, d)
    }

    /// Wait; Ctrl-C interrupts the wait.
    #[rhai_fn(name = "sleep", return_raw)]
    pub fn sleep_int(cx: NativeCallContext, seconds: rhai::INT) -> Res<()> {
        super::wait(&cx, Duration::from_secs(seconds.max(0) as u64))
    }

    /// The path with a leading `~` replaced by the home directory (as the notebooks' os.path.expanduser).
    #[rhai_fn(name = "expand_path")]
    pub fn expand_path(path: &str) -> String {
        expand_home(path)
    }

    /// A path that is not text (a parameter given as `--set key_path=5`): an error saying so.
    #[rhai_fn(name = "expand_path", return_raw)]
    pub fn expand_path_other(path: Dynamic) -> Res<String> {
        Err(error(
            "script::value",
            crate::t!(
                "local-api-not-a-path",
                value = path.to_string(),
                got = crate::i18n::words::type_word(path.type_name())
                    .unwrap_or_else(|| path.type_name().to_string())
            ),
            Some(crate::t!("local-api-not-a-path-help")),
        ))
    }

    /// Whether a file or directory exists (`~` expanded).
    pub fn path_exists(path: &str) -> bool {
        std::path::Path::new(&expand_home(path)).exists()
    }

    /// The run's working directory (`--workdir`, default the current directory).
    #[rhai_fn(return_raw)]
    pub fn workdir(cx: NativeCallContext) -> Res<String> {
        Ok(crate::api::ctx(&cx)?.workdir.display().to_string())
    }
}

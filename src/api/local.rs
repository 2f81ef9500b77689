//! Bindings: `local::exec(argv, opts)` (core in `crate::local`): a command on this machine,
//! `#{rc, stdout, stderr, planned}`.
use crate::api::{Res, error, from_diagnostic, options};
use crate::local::{Command, ExecOptions};
use crate::options::{Seconds, Text};
use rhai::plugin::*;
use rhai::{Array, Map};
use std::collections::BTreeMap;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("local", exported_module!(local_api).into());
}

/// The options of `local::exec`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Opts {
    shell: Option<bool>,
    cwd: Option<String>,
    env: Option<BTreeMap<String, Text>>,
    timeout: Option<Seconds>,
    stdin: Option<String>,
    read_only: Option<bool>,
}

/// The command from the script: an array of words, or a line with `shell: true`.
fn command(v: &Dynamic, shell: bool) -> Res<Command> {
    let words = |a: &Array| -> Res<Vec<String>> {
        a.iter()
            .enumerate()
            .map(|(i, w)| {
                if w.is_string() || w.is_int() || w.is_float() || w.is_bool() {
                    Ok(w.to_string())
                } else {
                    Err(error(
                        "local::command",
                        crate::t!(
                            "local-api-word-not-text",
                            word = i + 1,
                            got = crate::i18n::words::type_word(w.type_name())
                                .unwrap_or_else(|| w.type_name().to_string())
                        ),
                        None,
                    ))
                }
            })
            .collect()
    };
    match (v.read_lock::<Array>(), shell) {
        (Some(a), false) => Ok(Command::Argv(words(&a)?)),
        (Some(a), true) => Ok(Command::Shell(Command::Argv(words(&a)?).render())),
        (None, true) if v.is_string() => Ok(Command::Shell(v.to_string())),
        (None, false) if v.is_string() => Err(error(
            "local::command",
            crate::t!("local-api-one-string", command = v.to_string()),
            Some(crate::t!("local-api-one-string-help")),
        )),
        _ => Err(error(
            "local::command",
            crate::t!(
                "local-api-bad-command",
                got = crate::i18n::words::type_word(v.type_name())
                    .unwrap_or_else(|| v.type_name().to_string())
            ),
            None,
        )),
    }
}

fn exec(cx: &NativeCallContext, cmd: Dynamic, opts: Map) -> Res<Map> {
    let c = crate::api::ctx(cx)?;
    let o: Opts = options("local::exec", opts)?;
    let cmd = command(&cmd, o.shell.unwrap_or(false))?;
    let timeout = o
        .timeout
        .map(|t| t.duration("timeout"))
        .transpose()
        .map_err(|e| error("script::options", format!("local::exec: {e}"), None))?;
    let eo = ExecOptions {
        cwd: Some(o.cwd.map_or_else(|| c.workdir.clone(), |d| c.path_in(&d))),
        env: o
            .env
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect(),
        timeout,
        stdin: o.stdin.map(String::into_bytes),
        read_only: o.read_only.unwrap_or(false),
    };
    let r = c
        .block_on(async move { crate::local::exec(&cmd, &eo).await })?
        .map_err(|e| from_diagnostic(&e))?;
    let mut m = Map::new();
    m.insert("rc".into(), (r.rc as rhai::INT).into());
    m.insert("stdout".into(), r.stdout.into());
    m.insert("stderr".into(), r.stderr.into());
    m.insert("planned".into(), r.planned.into());
    Ok(m)
}

#[export_module]
mod local_api {
    use crate::api::{Res, pos};
    use rhai::Map;

    /// Run a command on this machine with default options (see exec(cmd, opts)).
    #[rhai_fn(name = "exec", return_raw)]
    pub fn exec(cx: NativeCallContext, cmd: Dynamic) -> Res<Map> {
        pos(&cx, super::exec(&cx, cmd, Map::new()))
    }

    /// Run a command on this machine, as a notebook's `!cmd` cell: an array of words run without a
    /// shell (`#{ shell: true }` runs a line with `sh -c`). Options `#{shell, cwd, env, timeout,
    /// stdin, read_only}`: `cwd` relative to the workdir (default the workdir), `env` a map added to
    /// the environment, `timeout` in seconds (default 600; the whole process group is stopped).
    /// Returns `#{rc, stdout, stderr, planned}` (a non-zero rc is not an error; secrets are masked).
    /// Under --plan the command is recorded, not run (`planned: true`), unless `read_only: true`.
    /// Example: `let r = local::exec(["ssh-keygen", "-l", "-f", key]);`
    #[rhai_fn(name = "exec", return_raw)]
    pub fn exec_with(cx: NativeCallContext, cmd: Dynamic, opts: Map) -> Res<Map> {
        pos(&cx, super::exec(&cx, cmd, opts))
    }
}

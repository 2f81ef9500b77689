//! Bindings: `ssh::host()`/`ssh::hosts()`, key files, and the methods of `SshHost`/`SshGroup`
//! (core in `crate::ssh`). One host's `exec` returns a map
//! `#{host, rc, stdout, stderr, error, error_kind, truncated}`; a group's returns an array of them in input
//! order and never throws for one host.
use crate::api::{Res, ctx, error, from_diagnostic, from_json, options};
use crate::script::ctx::Ctx;
use crate::ssh::exec::{ExecOptionsMap, PutOptionsMap};
use crate::ssh::options::HostOptionsMap;
use crate::ssh::{Command, ExecOptions, ExecResult, Group, Host, HostOptions, SshError};
use rhai::plugin::*;
use rhai::{Array, Map};
use std::sync::Arc;

/// One SSH host (`ssh::host(ip, opts)`).
#[derive(Clone)]
pub struct SshHost(pub Host);

/// Several hosts (`ssh::hosts(ips, opts)`).
#[derive(Clone)]
pub struct SshGroup(pub Group);

/// The secret that decrypts an encrypted private key.
const PASSPHRASE: &str = "ssh_key_passphrase";

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<SshHost>("SshHost");
    engine.register_type_with_name::<SshGroup>("SshGroup");
    engine.register_static_module("ssh", exported_module!(ssh_api).into());
    engine.register_global_module(exported_module!(host_methods).into());
    engine.register_global_module(exported_module!(group_methods).into());
}

/// A script option with a wrong value (`timeout: -1`): an `options` error.
pub(crate) fn bad_option(message: String) -> Box<EvalAltResult> {
    error("script::options", message, None)
}

/// Host options from a script map: paths in the run's directory, the passphrase asked from the
/// run's parameters when a key needs it.
fn host_options(ctx: &Arc<Ctx>, func: &str, m: Map) -> Res<HostOptions> {
    let o: HostOptionsMap = options(func, m)?;
    let mut o = o.resolve(&|p| ctx.path_in(p)).map_err(bad_option)?;
    let c = ctx.clone();
    o.passphrase = Some(Arc::new(move |_path: &std::path::Path| {
        c.params.secret(PASSPHRASE).ok().flatten()
    }));
    Ok(o)
}

fn exec_options(m: Map) -> Res<ExecOptions> {
    let o: ExecOptionsMap = options("exec", m)?;
    o.resolve().map_err(bad_option)
}

/// The options of a command that only reads (`#{ query: true }`).
fn query() -> Map {
    let mut m = Map::new();
    m.insert("query".into(), true.into());
    m
}

fn put_options(m: Map) -> Res<(Option<u32>, bool)> {
    Ok(options::<PutOptionsMap>("put", m)?.resolve())
}

/// A command: a shell line (a string) or arguments (an array).
fn command(v: &Dynamic) -> Res<Command> {
    match v.read_lock::<Array>() {
        Some(a) => Ok(Command::Argv(a.iter().map(|x| x.to_string()).collect())),
        None if v.is_string() => Ok(Command::Shell(v.to_string())),
        None => Err(error(
            "script::value",
            crate::t!(
                "ssh-api-bad-command",
                got = crate::i18n::words::type_word(v.type_name())
                    .unwrap_or_else(|| v.type_name().to_string())
            ),
            None,
        )),
    }
}

fn ssh_err(e: SshError) -> Box<EvalAltResult> {
    from_diagnostic(&e)
}

fn results(rs: &[ExecResult]) -> Array {
    rs.iter().map(|r| from_json(&r.to_json())).collect()
}

#[export_module]
mod ssh_api {
    use super::{PASSPHRASE, SshGroup, SshHost, host_options, ssh_err};
    use crate::api::Res;
    use crate::api::{ctx, pos};
    use crate::ssh::{Group, Host, keyfile};
    use rhai::{Array, Map};

    /// One SSH host with default options (see host(name, opts)).
    #[rhai_fn(return_raw)]
    pub fn host(cx: NativeCallContext, name: &str) -> Res<SshHost> {
        host_with(cx, name, Map::new())
    }

    /// One SSH host. Options `#{user, key, port, known_hosts, timeout, accept_new, connect_timeout, retry,
    /// proxy_jump, ssh_config, output_limit}`; unset ones come from ~/.ssh/config, then OpenSSH's defaults.
    /// Host keys are checked strictly against known_hosts (refresh them first, or `accept_new: true`).
    /// Example: `let m = ssh::host(ip, #{ user: "vcp", key: "~/.ssh/id_rsa" });`
    #[rhai_fn(name = "host", return_raw)]
    pub fn host_with(cx: NativeCallContext, name: &str, opts: Map) -> Res<SshHost> {
        let o = ctx(&cx).and_then(|c| host_options(&c, "ssh::host", opts));
        pos(&cx, o.map(|o| SshHost(Host::new(name, o))))
    }

    /// Several hosts with default options.
    #[rhai_fn(return_raw)]
    pub fn hosts(cx: NativeCallContext, names: Array) -> Res<SshGroup> {
        hosts_with(cx, names, Map::new())
    }

    /// Several hosts with the same options (as host(), plus `forks`: how many at once, default 32).
    /// Example: `let all = ssh::hosts(ug.find_ip_addresses(), #{ user: "vcp", key: key });`
    #[rhai_fn(name = "hosts", return_raw)]
    pub fn hosts_with(cx: NativeCallContext, names: Array, opts: Map) -> Res<SshGroup> {
        let names: Vec<String> = names.iter().map(|v| v.to_string()).collect();
        let o = ctx(&cx).and_then(|c| host_options(&c, "ssh::hosts", opts));
        pos(
            &cx,
            o.and_then(|o| Group::new(&names, o).map_err(ssh_err))
                .map(SshGroup),
        )
    }

    /// The public key (`type base64`, no comment) of an OpenSSH public or private key file. The
    /// passphrase (secret("ssh_key_passphrase")) is asked only for a legacy PEM key that is encrypted.
    #[rhai_fn(return_raw)]
    pub fn public_key(cx: NativeCallContext, path: &str) -> Res<String> {
        let r = ctx(&cx).and_then(|c| {
            let ask = || c.params.secret(PASSPHRASE).ok().flatten();
            keyfile::public_key(&c.path_in(path), &ask).map_err(|e| from_diagnostic(&e))
        });
        pos(&cx, r)
    }

    /// The problems with a key pair given as the parameters ssh_public_key_path and
    /// ssh_private_key_path, each naming its parameter and the fix (`[]`: fine): the public file
    /// must hold public keys only (a private key there would be sent to the VCC), the private file
    /// a private key, and the two must match. An encrypted private key needs its passphrase (asked
    /// for only then: CWH_PARAM_SSH_KEY_PASSPHRASE, a hidden prompt) or ssh-agent (SSH_AUTH_SOCK).
    #[rhai_fn(return_raw)]
    pub fn check_key_pair(
        cx: NativeCallContext,
        public_path: &str,
        private_path: &str,
    ) -> Res<Array> {
        let c = pos(&cx, ctx(&cx))?;
        let (public, private) = (c.path_in(public_path), c.path_in(private_path));
        let ask = || c.params.secret(PASSPHRASE).ok().flatten();
        let named = |name, path| keyfile::Named { name, path };
        let problems = keyfile::pair_problems(
            named("ssh_public_key_path", &public),
            named("ssh_private_key_path", &private),
            &ask,
        );
        Ok(problems.into_iter().map(Dynamic::from).collect())
    }
}

/// `exec` on one host; `exec_ok` when `check`.
fn host_exec(cx: &NativeCallContext, h: &SshHost, cmd: Dynamic, o: Map, check: bool) -> Res<Map> {
    let (c, eo, cmd, host) = (ctx(cx)?, exec_options(o)?, command(&cmd)?, h.0.clone());
    let r = c.block_on(async move { host.exec(cmd, &eo).await })?;
    let r = r.and_then(|r| if check { r.check() } else { Ok(r) });
    Ok(crate::api::map_of(&r.map_err(ssh_err)?.to_json()))
}

#[export_module]
mod host_methods {
    use super::{SshHost, ctx, host_exec, put_options, query, ssh_err};
    use crate::api::Res;
    use rhai::Map;

    /// `SshHost(<name>)`.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(h: &mut SshHost) -> String {
        format!("SshHost({})", h.0.name())
    }

    /// The host as named.
    #[rhai_fn(global, get = "name", pure)]
    pub fn name(h: &mut SshHost) -> String {
        h.0.name().to_string()
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn exec(cx: NativeCallContext, h: &mut SshHost, cmd: Dynamic) -> Res<Map> {
        host_exec(&cx, h, cmd, Map::new(), false)
    }

    /// Run a command (a shell string, or an array of arguments quoted for you) and return
    /// `#{host, rc, stdout, stderr, error, error_kind, truncated}`. Options `#{sudo, stdin, timeout, query}`; a
    /// timeout also stops the remote command. Failing to connect is an error. `query: true` says
    /// the command only reads (it changes nothing on the node): `--plan` runs it for real on a
    /// node that exists, so the plan knows what the run will find; a command without it is
    /// recorded by a plan, never run. Example: `h.exec("docker info --format '{{.ServerVersion}}'", #{ query: true })`.
    #[rhai_fn(global, name = "exec", pure, return_raw)]
    pub fn exec_with(cx: NativeCallContext, h: &mut SshHost, cmd: Dynamic, opts: Map) -> Res<Map> {
        host_exec(&cx, h, cmd, opts, false)
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn exec_ok(cx: NativeCallContext, h: &mut SshHost, cmd: Dynamic) -> Res<Map> {
        host_exec(&cx, h, cmd, Map::new(), true)
    }

    /// As exec, but a non-zero exit status is an error naming the host and its stderr.
    #[rhai_fn(global, name = "exec_ok", pure, return_raw)]
    pub fn exec_ok_with(
        cx: NativeCallContext,
        h: &mut SshHost,
        cmd: Dynamic,
        opts: Map,
    ) -> Res<Map> {
        host_exec(&cx, h, cmd, opts, true)
    }

    /// Log in and run `true`: the exec result (an error when unreachable). A query: `--plan` runs
    /// it for real.
    #[rhai_fn(global, pure, return_raw)]
    pub fn ping(cx: NativeCallContext, h: &mut SshHost) -> Res<Map> {
        host_exec(&cx, h, "true".into(), query(), false)
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn put(cx: NativeCallContext, h: &mut SshHost, path: &str, content: &str) -> Res<()> {
        put_with(cx, h, path, content, Map::new())
    }

    /// Write a remote file atomically (temp file, chmod, rename). Options `#{mode: 0o644, sudo: true}`.
    #[rhai_fn(global, name = "put", pure, return_raw)]
    pub fn put_with(
        cx: NativeCallContext,
        h: &mut SshHost,
        path: &str,
        content: &str,
        opts: Map,
    ) -> Res<()> {
        let (c, (mode, sudo), host) = (ctx(&cx)?, put_options(opts)?, h.0.clone());
        c.block_on(async move { host.put(path, content.as_bytes(), mode, sudo).await })?
            .map_err(ssh_err)
    }
}

/// `exec` on every host of a group; `exec_ok` when `check`.
fn group_exec(cx: &NativeCallContext, g: &SshGroup, cmd: Dynamic, o: Map, ok: bool) -> Res<Array> {
    let (c, eo, cmd, group) = (ctx(cx)?, exec_options(o)?, command(&cmd)?, g.0.clone());
    let r = c.block_on(async move { group.exec(cmd, &eo).await })?;
    let r = if ok { r.check().map_err(ssh_err)? } else { r };
    Ok(results(&r.results))
}

#[export_module]
mod group_methods {
    use super::{SshGroup, SshHost, ctx, group_exec, put_options, query, results, ssh_err};
    use crate::api::Res;
    use rhai::{Array, FnPtr, Map};

    /// `SshGroup([<names>])`.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(g: &mut SshGroup) -> String {
        format!("SshGroup({:?})", g.0.names())
    }

    /// The hosts' names, in order.
    #[rhai_fn(global, pure)]
    pub fn hosts(g: &mut SshGroup) -> Array {
        g.0.names().into_iter().map(Dynamic::from).collect()
    }

    /// How many hosts.
    #[rhai_fn(global, pure)]
    pub fn len(g: &mut SshGroup) -> rhai::INT {
        g.0.hosts().len() as rhai::INT
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn exec(cx: NativeCallContext, g: &mut SshGroup, cmd: Dynamic) -> Res<Array> {
        group_exec(&cx, g, cmd, Map::new(), false)
    }

    /// Run a command on every host in parallel (at most `forks` at once); an array of results in
    /// host order. Never throws for one host: a host that could not run it has `rc: ()`, an
    /// `error` saying why (a warning goes to stderr) and an `error_kind` to branch on, the same in
    /// every language: `host_key_changed`, `host_key_unknown`, `unreachable`, `timeout` or
    /// `failed`. Options as for one host.
    #[rhai_fn(global, name = "exec", pure, return_raw)]
    pub fn exec_with(
        cx: NativeCallContext,
        g: &mut SshGroup,
        cmd: Dynamic,
        opts: Map,
    ) -> Res<Array> {
        group_exec(&cx, g, cmd, opts, false)
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn exec_ok(cx: NativeCallContext, g: &mut SshGroup, cmd: Dynamic) -> Res<Array> {
        group_exec(&cx, g, cmd, Map::new(), true)
    }

    /// As exec, but any host that failed (non-zero rc or could not run) makes it an error naming
    /// every failed host with its stderr.
    #[rhai_fn(global, name = "exec_ok", pure, return_raw)]
    pub fn exec_ok_with(
        cx: NativeCallContext,
        g: &mut SshGroup,
        cmd: Dynamic,
        opts: Map,
    ) -> Res<Array> {
        group_exec(&cx, g, cmd, opts, true)
    }

    /// Log in to every host and run `true`; results as exec. A query: `--plan` runs it for real.
    #[rhai_fn(global, pure, return_raw)]
    pub fn ping(cx: NativeCallContext, g: &mut SshGroup) -> Res<Array> {
        group_exec(&cx, g, "true".into(), query(), false)
    }

    #[rhai_fn(global, pure, return_raw)]
    pub fn put(cx: NativeCallContext, g: &mut SshGroup, path: &str, content: &str) -> Res<Array> {
        put_with(cx, g, path, content, Map::new())
    }

    /// Write the same remote file on every host; results as exec (rc 0 when written).
    #[rhai_fn(global, name = "put", pure, return_raw)]
    pub fn put_with(
        cx: NativeCallContext,
        g: &mut SshGroup,
        path: &str,
        content: &str,
        opts: Map,
    ) -> Res<Array> {
        let (c, (mode, sudo), group) = (ctx(&cx)?, put_options(opts)?, g.0.clone());
        let r = c.block_on(async move { group.put(path, content.as_bytes(), mode, sudo).await })?;
        Ok(results(&r.results))
    }

    /// A group of the hosts for which `keep(name)` is true. Example: `all.filter(|h| h != manager_ip)`
    #[rhai_fn(global, pure, return_raw)]
    pub fn filter(cx: NativeCallContext, g: &mut SshGroup, keep: FnPtr) -> Res<SshGroup> {
        let mut kept = Vec::new();
        for name in g.0.names() {
            let k: bool = keep.call_within_context(&cx, (name.clone(),))?;
            kept.extend(k.then_some(name));
        }
        g.0.filter(|h| kept.contains(&h.name().to_string()))
            .map(SshGroup)
            .map_err(ssh_err)
    }

    /// One host of the group, sharing its connection.
    #[rhai_fn(global, pure, return_raw)]
    pub fn get(g: &mut SshGroup, name: &str) -> Res<SshHost> {
        g.0.get(name).map(SshHost).map_err(ssh_err)
    }
}

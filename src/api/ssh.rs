//! Bindings: `known_hosts::`, `ssh::host()`/`ssh::hosts()` and their methods (core in
//! `crate::ssh`). One host's `exec` returns a map `#{host, rc, stdout, stderr, error, truncated}`;
//! a group's returns an array of them in input order and never throws for one host.
use crate::api::{check_opts, doc, error, from_diagnostic, from_json, with_pos1, with_pos2};
use crate::script::ctx::Ctx;
use crate::ssh::keyfile;
use crate::ssh::{
    self, Command, ExecOptions, ExecResult, Group, Host, HostOptions, ScanOptions, SshError,
};
use rhai::{
    Array, Dynamic, Engine, EvalAltResult, FnPtr, ImmutableString, Map, Module, NativeCallContext,
};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// One SSH host (`ssh::host(ip, opts)`).
#[derive(Clone)]
pub struct SshHost(pub Host);

/// Several hosts (`ssh::hosts(ips, opts)`).
#[derive(Clone)]
pub struct SshGroup(pub Group);

/// The secret that decrypts an encrypted private key.
const PASSPHRASE: &str = "ssh_key_passphrase";

/// An encrypted private key is usable with its passphrase (checked now, so a wrong one stops
/// the run before anything is created) or through ssh-agent.
fn encrypted_problems(ctx: &Ctx, path: &std::path::Path) -> Vec<String> {
    let name = "ssh_private_key_path";
    match ctx.params.secret(PASSPHRASE).ok().flatten() {
        Some(pass) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            match russh::keys::decode_secret_key(&text, Some(&pass)) {
                Ok(_) => vec![],
                Err(_) => vec![format!(
                    "parameter {name}: the passphrase given (CWH_PARAM_SSH_KEY_PASSPHRASE or the prompt) does not decrypt {}",
                    path.display()
                )],
            }
        }
        None if std::env::var_os("SSH_AUTH_SOCK").is_some() => vec![],
        None => vec![keyfile::encrypted_without_passphrase(name, path)],
    }
}

fn ssh_err(e: SshError) -> Box<EvalAltResult> {
    from_diagnostic(&e)
}

fn secs(v: &Dynamic, what: &str) -> Res<Duration> {
    let s = if let Ok(i) = v.as_int() {
        i as f64
    } else if let Ok(f) = v.as_float() {
        f
    } else {
        return Err(error(
            "options",
            format!("{what} must be a number of seconds, got {}", v.type_name()),
            None,
        ));
    };
    if s < 0.0 {
        return Err(error(
            "options",
            format!("{what} must not be negative"),
            None,
        ));
    }
    Duration::try_from_secs_f64(s).map_err(|_| {
        error(
            "options",
            format!("{what}: {s} is not a usable number of seconds"),
            None,
        )
    })
}

fn path_in(ctx: &Ctx, p: &str) -> PathBuf {
    ctx.path_in(p)
}

/// Host options from a script map.
fn host_options(ctx: &Arc<Ctx>, m: &Map) -> Res<HostOptions> {
    check_opts(
        "ssh::hosts",
        m,
        &[
            "user",
            "key",
            "port",
            "known_hosts",
            "forks",
            "timeout",
            "accept_new",
            "connect_timeout",
            "retry",
            "proxy_jump",
            "ssh_config",
            "output_limit",
        ],
    )?;
    let mut o = HostOptions::default();
    let s = |k: &str| m.get(k).filter(|v| !v.is_unit()).map(|v| v.to_string());
    o.user = s("user");
    o.key = s("key").map(|k| path_in(ctx, &k).display().to_string());
    o.known_hosts = s("known_hosts").map(|k| path_in(ctx, &k));
    o.proxy_jump = s("proxy_jump");
    o.ssh_config = s("ssh_config").map(|k| path_in(ctx, &k));
    if let Some(p) = m.get("port") {
        let p = p
            .as_int()
            .map_err(|_| error("options", "port must be an integer", None))?;
        o.port = Some(
            u16::try_from(p)
                .map_err(|_| error("options", format!("port {p} is out of range"), None))?,
        );
    }
    if let Some(f) = m.get("forks") {
        let f = f
            .as_int()
            .map_err(|_| error("options", "forks must be an integer", None))?;
        o.forks = f.max(1) as usize;
    }
    if let Some(v) = m.get("output_limit") {
        o.output_limit = v
            .as_int()
            .map_err(|_| error("options", "output_limit must be an integer", None))?
            .max(1024) as usize;
    }
    if let Some(v) = m.get("timeout") {
        o.timeout = Some(secs(v, "timeout")?);
    }
    if let Some(v) = m.get("connect_timeout") {
        o.connect_timeout = secs(v, "connect_timeout")?;
    }
    if let Some(v) = m.get("retry") {
        o.retry = secs(v, "retry")?;
    }
    o.accept_new = m
        .get("accept_new")
        .and_then(|v| v.as_bool().ok())
        .unwrap_or(false);
    let c = ctx.clone();
    o.passphrase = Some(Arc::new(move |_path: &std::path::Path| {
        c.params.secret("ssh_key_passphrase").ok().flatten()
    }));
    Ok(o)
}

fn exec_options(m: &Map) -> Res<ExecOptions> {
    check_opts("exec", m, &["sudo", "stdin", "timeout"])?;
    Ok(ExecOptions {
        sudo: m
            .get("sudo")
            .and_then(|v| v.as_bool().ok())
            .unwrap_or(false),
        stdin: m
            .get("stdin")
            .filter(|v| !v.is_unit())
            .map(|v| v.to_string().into_bytes()),
        timeout: m.get("timeout").map(|v| secs(v, "timeout")).transpose()?,
    })
}

/// `#{mode, sudo}` of `put`.
fn put_options(o: &Map) -> Res<(Option<u32>, bool)> {
    check_opts("put", o, &["mode", "sudo"])?;
    let mode = o
        .get("mode")
        .map(|m| m.as_int().map(|x| x as u32))
        .transpose()
        .map_err(|_| error("options", "mode must be an integer such as 0o644", None))?;
    let sudo = o
        .get("sudo")
        .and_then(|v| v.as_bool().ok())
        .unwrap_or(false);
    Ok((mode, sudo))
}

fn command(v: &Dynamic) -> Res<Command> {
    if let Some(a) = v.read_lock::<Array>() {
        return Ok(Command::Argv(a.iter().map(|x| x.to_string()).collect()));
    }
    if v.is_string() {
        return Ok(Command::Shell(v.to_string()));
    }
    Err(error(
        "value",
        format!(
            "a command is a string or an array of arguments, got {}",
            v.type_name()
        ),
        None,
    ))
}

/// An exec result as a map.
pub fn result_value(r: &ExecResult) -> Dynamic {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.entry("error").or_insert(serde_json::Value::Null);
    }
    from_json(&v)
}

fn results_value(rs: &[ExecResult]) -> Dynamic {
    Dynamic::from_array(rs.iter().map(result_value).collect())
}

fn names(a: &Array) -> Vec<String> {
    a.iter().map(|v| v.to_string()).collect()
}

pub fn register(engine: &mut Engine, ctx: &Arc<Ctx>) {
    engine.register_type_with_name::<SshHost>("SshHost");
    engine.register_type_with_name::<SshGroup>("SshGroup");
    for f in ["to_string", "to_debug"] {
        doc(f, &["h: &mut SshHost", "String"], "`SshHost(<name>)`.")
            .register_into_engine(engine, |h: &mut SshHost| format!("SshHost({})", h.0.name()));
        doc(f, &["g: &mut SshGroup", "String"], "`SshGroup([<names>])`.")
            .register_into_engine(engine, |g: &mut SshGroup| {
                format!("SshGroup({:?})", g.0.names())
            });
    }
    register_known_hosts(engine, ctx);
    register_ssh_module(engine, ctx);
    register_host_methods(engine, ctx);
    register_group_methods(engine, ctx);
}

fn register_known_hosts(engine: &mut Engine, ctx: &Arc<Ctx>) {
    let mut m = Module::new();
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |hosts: Array, o: Map| -> Res<Array> {
            check_opts(
                "known_hosts::refresh",
                &o,
                &["file", "attempts", "delay", "timeout", "port", "nodes"],
            )?;
            // the VC nodes behind the hosts (ug.nodes()): address → node id
            let ids = match o.get("nodes") {
                None => None,
                Some(v) => {
                    let arr = v.clone().try_cast::<Array>().ok_or_else(|| {
                        error(
                            "options",
                            "known_hosts::refresh: `nodes` must be an array of nodes (ug.nodes())",
                            None,
                        )
                    })?;
                    let mut ids = std::collections::BTreeMap::new();
                    for n in &arr {
                        let m = n.clone().try_cast::<Map>().ok_or_else(|| {
                            error(
                                "options",
                                "known_hosts::refresh: `nodes` must hold node maps (ug.nodes())",
                                None,
                            )
                        })?;
                        if let (Some(a), Some(id)) = (m.get("cloud_instance_address"), m.get("id"))
                            && !a.is_unit()
                        {
                            ids.insert(a.to_string(), id.to_string());
                        }
                    }
                    Some(ids)
                }
            };
            let file = o
                .get("file")
                .map(|f| path_in(&c, &f.to_string()))
                .unwrap_or_else(ssh::known_hosts::default_path);
            let mut so = ScanOptions::default();
            if let Some(a) = o.get("attempts") {
                so.attempts = a
                    .as_int()
                    .map_err(|_| error("options", "attempts must be an integer", None))?
                    .max(1) as u32;
            }
            if let Some(d) = o.get("delay") {
                so.delay = secs(d, "delay")?;
            }
            if let Some(d) = o.get("timeout") {
                so.timeout = secs(d, "timeout")?;
            }
            if let Some(p) = o.get("port") {
                so.port = p
                    .as_int()
                    .map_err(|_| error("options", "port must be an integer", None))?
                    as u16;
            }
            let hosts = names(&hosts);
            let outcomes = c
                .block_on(async {
                    ssh::keyscan::refresh_nodes(&file, &hosts, ids.as_ref(), &so).await
                })?
                .map_err(ssh_err)?;
            for w in outcomes.iter().filter_map(|o| o.warning.as_ref()) {
                tracing::warn!("{w}");
            }
            let refused: Vec<String> = outcomes
                .iter()
                .filter_map(|o| o.error.as_ref())
                .filter(|e| e.starts_with("host key of"))
                .cloned()
                .collect();
            if !refused.is_empty() {
                return Err(error(
                    "ssh::host_key",
                    refused.join("\n"),
                    Some("a re-created VM has a new node id on the VCC and is accepted with a warning; the same node with another key is not".into()),
                ));
            }
            let failed: Vec<String> = outcomes
                .iter()
                .filter_map(|o| o.error.as_ref().map(|e| format!("{}: {e}", o.host)))
                .collect();
            if !failed.is_empty() {
                return Err(error(
                    "ssh::keyscan",
                    format!(
                        "no host key from {} host(s):\n  {}",
                        failed.len(),
                        failed.join("\n  ")
                    ),
                    Some(format!(
                        "the node may still be booting: re-run, or raise #{{ attempts: … }} (now {})",
                        so.attempts
                    )),
                ));
            }
            Ok(outcomes
                .iter()
                .map(|o| from_json(&serde_json::to_value(o).unwrap_or_default()))
                .collect())
        };
        let text = "Refresh known_hosts for these hosts, as the notebooks' `ssh-keygen -R` + `ssh-keyscan -H` loop:\n\
                    scan every host key type in parallel with retry (10 attempts, 1 s apart), drop old entries,\n\
                    append hashed ones, atomically. Options `#{file, attempts, delay, timeout, port, nodes}`; the file\n\
                    defaults to ~/.ssh/known_hosts. A host that gives no key is an error naming it.\n\
                    With `nodes: ug.nodes()` the VC node id behind each address is recorded (FILE.cwh-nodes): a\n\
                    host whose keys changed is replaced with a warning when its node id changed (a re-created VM)\n\
                    and refused when it is the same node.";
        if with_opts {
            doc("refresh", &["hosts: Array", "opts: Map", "Array"], text)
                .set_into_module(&mut m, with_pos2(f));
        } else {
            doc("refresh", &["hosts: Array", "Array"], text)
                .set_into_module(&mut m, with_pos1(move |h: Array| f(h, Map::new())));
        }
    }
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |host: ImmutableString, o: Map| -> Res<rhai::INT> {
            check_opts("known_hosts::remove", &o, &["file"])?;
            let file = o
                .get("file")
                .map(|f| path_in(&c, &f.to_string()))
                .unwrap_or_else(ssh::known_hosts::default_path);
            let (_, h, port) = ssh::config::split_destination(&host);
            let n = ssh::known_hosts::remove(&file, &h, port.unwrap_or(22)).map_err(ssh_err)?;
            Ok(n as rhai::INT)
        };
        let text = "Remove a host's entries (plain and hashed) like `ssh-keygen -R`; returns how many were removed.";
        if with_opts {
            doc("remove", &["host: String", "opts: Map", "int"], text)
                .set_into_module(&mut m, with_pos2(f));
        } else {
            doc("remove", &["host: String", "int"], text).set_into_module(
                &mut m,
                with_pos1(move |h: ImmutableString| f(h, Map::new())),
            );
        }
    }
    engine.register_static_module("known_hosts", m.into());
}

fn register_ssh_module(engine: &mut Engine, ctx: &Arc<Ctx>) {
    let mut m = Module::new();
    let c = ctx.clone();
    doc(
        "host",
        &["name: String", "opts: Map", "SshHost"],
        "One SSH host. Options `#{user, key, port, known_hosts, timeout, accept_new, connect_timeout, retry,\n\
         proxy_jump, ssh_config, output_limit}`; unset ones come from ~/.ssh/config, then OpenSSH's defaults.\n\
         Host keys are checked strictly against known_hosts (refresh them first, or `accept_new: true`).\n\
         Example: `let m = ssh::host(ip, #{ user: \"vcp\", key: \"~/.ssh/id_rsa\" });`",
    )
    .set_into_module(&mut m, with_pos2(move |name: ImmutableString, o: Map| -> Res<SshHost> {
        Ok(SshHost(Host::new(name.to_string(), host_options(&c, &o)?)))
    }));
    let c = ctx.clone();
    doc(
        "host",
        &["name: String", "SshHost"],
        "One SSH host with default options (see host(name, opts)).",
    )
    .set_into_module(
        &mut m,
        with_pos1(move |name: ImmutableString| -> Res<SshHost> {
            Ok(SshHost(Host::new(
                name.to_string(),
                host_options(&c, &Map::new())?,
            )))
        }),
    );
    let c = ctx.clone();
    doc(
        "hosts",
        &["names: Array", "opts: Map", "SshGroup"],
        "Several hosts with the same options (as host(), plus `forks`: how many at once, default 32).\n\
         Example: `let all = ssh::hosts(ug.find_ip_addresses(), #{ user: \"vcp\", key: key });`",
    )
    .set_into_module(&mut m, with_pos2(move |names_: Array, o: Map| -> Res<SshGroup> {
        Ok(SshGroup(Group::new(&names(&names_), host_options(&c, &o)?).map_err(ssh_err)?))
    }));
    let c = ctx.clone();
    doc(
        "hosts",
        &["names: Array", "SshGroup"],
        "Several hosts with default options.",
    )
    .set_into_module(
        &mut m,
        with_pos1(move |names_: Array| -> Res<SshGroup> {
            Ok(SshGroup(
                Group::new(&names(&names_), host_options(&c, &Map::new())?).map_err(ssh_err)?,
            ))
        }),
    );
    let c = ctx.clone();
    doc(
        "public_key",
        &["path: String", "String"],
        "The public key (`type base64`, no comment) of an OpenSSH public or private key file. The\n\
         passphrase (secret(\"ssh_key_passphrase\")) is asked only for a legacy PEM key that is encrypted.",
    )
    .set_into_module(
        &mut m,
        with_pos1(move |path: ImmutableString| -> Res<String> {
            let p = path_in(&c, &path);
            let key_err = |e: &dyn std::fmt::Display| {
                error(
                    "ssh::key",
                    e.to_string(),
                    Some("give the path of an OpenSSH public (.pub) or private key file".into()),
                )
            };
            let k = keyfile::inspect(&p).map_err(|e| key_err(&e))?;
            if let Some(public) = k.public {
                return Ok(public);
            }
            let Some(pass) = c.params.secret(PASSPHRASE).ok().flatten() else {
                return Err(key_err(&keyfile::encrypted_without_passphrase("key", &p)));
            };
            let text = std::fs::read_to_string(&p).map_err(|e| key_err(&e))?;
            let key = russh::keys::decode_secret_key(&text, Some(&pass))
                .map_err(|_| key_err(&format!("wrong passphrase for {}", p.display())))?;
            let t = key
                .public_key()
                .to_openssh()
                .map_err(|e| key_err(&e))?;
            Ok(t.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        }),
    );
    let c = ctx.clone();
    doc(
        "check_key_pair",
        &["public_path: String", "private_path: String", "Array"],
        "The problems with a key pair given as the parameters ssh_public_key_path and\n\
         ssh_private_key_path, each naming its parameter and the fix (`[]`: fine): the public file\n\
         must hold public keys only (a private key there would be sent to the VCC), the private file\n\
         a private key, and the two must match. An encrypted private key needs its passphrase (asked\n\
         for only then: CWH_PARAM_SSH_KEY_PASSPHRASE, a hidden prompt) or ssh-agent (SSH_AUTH_SOCK).",
    )
    .set_into_module(
        &mut m,
        move |public: ImmutableString, private: ImmutableString| -> Array {
            let (pb, pv) = (path_in(&c, &public), path_in(&c, &private));
            let cc = c.clone();
            let ask = move || cc.params.secret(PASSPHRASE).ok().flatten();
            let res = keyfile::check_pair(
                keyfile::Named { name: "ssh_public_key_path", path: &pb },
                keyfile::Named { name: "ssh_private_key_path", path: &pv },
                &ask,
            );
            let problems = match res {
                Err(p) => p,
                Ok(pair) if pair.encrypted => encrypted_problems(&c, &pv),
                Ok(_) => vec![],
            };
            problems.into_iter().map(Dynamic::from).collect()
        },
    );
    engine.register_static_module("ssh", m.into());
}

fn register_host_methods(engine: &mut Engine, ctx: &Arc<Ctx>) {
    doc(
        "get$name",
        &["h: &mut SshHost", "String"],
        "The host as named.",
    )
    .register_into_engine(engine, |h: &mut SshHost| h.0.name().to_string());
    let texts = [
        (
            "exec",
            false,
            "Run a command (a shell string, or an array of arguments quoted for you) and return\n\
             `#{host, rc, stdout, stderr, error, truncated}`. Options `#{sudo, stdin, timeout}`; a timeout\n\
             also stops the remote command. Failing to connect is an error.",
        ),
        (
            "exec_ok",
            true,
            "As exec, but a non-zero exit status is an error naming the host and its stderr.",
        ),
    ];
    for (name, check, text) in texts {
        for with_opts in [false, true] {
            let c = ctx.clone();
            let f = move |h: &mut SshHost, cmd: Dynamic, o: Map| -> Res<Dynamic> {
                let eo = exec_options(&o)?;
                let cmd = command(&cmd)?;
                let host = h.0.clone();
                let r = c
                    .block_on(async move { host.exec(cmd, &eo).await })?
                    .map_err(ssh_err)?;
                let r = if check {
                    r.check().map_err(ssh_err)?
                } else {
                    r
                };
                Ok(result_value(&r))
            };
            if with_opts {
                doc(
                    name,
                    &["h: &mut SshHost", "cmd: Dynamic", "opts: Map", "Map"],
                    text,
                )
                .register_into_engine(engine, f);
            } else {
                doc(name, &["h: &mut SshHost", "cmd: Dynamic", "Map"], text)
                    .register_into_engine(engine, move |h: &mut SshHost, cmd: Dynamic| {
                        f(h, cmd, Map::new())
                    });
            }
        }
    }
    let c = ctx.clone();
    doc(
        "ping",
        &["h: &mut SshHost", "Map"],
        "Log in and run `true`: the exec result (an error when unreachable).",
    )
    .register_into_engine(engine, move |h: &mut SshHost| -> Res<Dynamic> {
        let host = h.0.clone();
        let r = c
            .block_on(async move { host.exec("true", &ExecOptions::default()).await })?
            .map_err(ssh_err)?;
        Ok(result_value(&r))
    });
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |h: &mut SshHost,
                      path: ImmutableString,
                      content: ImmutableString,
                      o: Map|
              -> Res<()> {
            let (mode, sudo) = put_options(&o)?;
            let host = h.0.clone();
            c.block_on(async move { host.put(&path, content.as_bytes(), mode, sudo).await })?
                .map_err(ssh_err)
        };
        let text = "Write a remote file atomically (temp file, chmod, rename). Options `#{mode: 0o644, sudo: true}`.";
        if with_opts {
            doc(
                "put",
                &[
                    "h: &mut SshHost",
                    "path: String",
                    "content: String",
                    "opts: Map",
                    "()",
                ],
                text,
            )
            .register_into_engine(engine, f);
        } else {
            doc(
                "put",
                &["h: &mut SshHost", "path: String", "content: String", "()"],
                text,
            )
            .register_into_engine(
                engine,
                move |h: &mut SshHost, p: ImmutableString, ct: ImmutableString| {
                    f(h, p, ct, Map::new())
                },
            );
        }
    }
}

fn register_group_methods(engine: &mut Engine, ctx: &Arc<Ctx>) {
    doc(
        "hosts",
        &["g: &mut SshGroup", "Array"],
        "The hosts' names, in order.",
    )
    .register_into_engine(engine, |g: &mut SshGroup| -> Array {
        g.0.names().into_iter().map(Dynamic::from).collect()
    });
    doc("len", &["g: &mut SshGroup", "int"], "How many hosts.")
        .register_into_engine(engine, |g: &mut SshGroup| g.0.names().len() as rhai::INT);
    let texts = [
        (
            "exec",
            false,
            "Run a command on every host in parallel (at most `forks` at once); an array of results in\n\
             host order. Never throws for one host: a host that could not run it has `rc: ()` and an\n\
             `error` saying why (a warning goes to stderr). Options as for one host.",
        ),
        (
            "exec_ok",
            true,
            "As exec, but any host that failed (non-zero rc or could not run) makes it an error naming\n\
             every failed host with its stderr.",
        ),
    ];
    for (name, check, text) in texts {
        for with_opts in [false, true] {
            let c = ctx.clone();
            let f = move |g: &mut SshGroup, cmd: Dynamic, o: Map| -> Res<Dynamic> {
                let eo = exec_options(&o)?;
                let cmd = command(&cmd)?;
                let group = g.0.clone();
                let r = c.block_on(async move { group.exec(cmd, &eo).await })?;
                let r = if check {
                    r.check().map_err(ssh_err)?
                } else {
                    r
                };
                Ok(results_value(&r.results))
            };
            if with_opts {
                doc(
                    name,
                    &["g: &mut SshGroup", "cmd: Dynamic", "opts: Map", "Array"],
                    text,
                )
                .register_into_engine(engine, f);
            } else {
                doc(name, &["g: &mut SshGroup", "cmd: Dynamic", "Array"], text)
                    .register_into_engine(engine, move |g: &mut SshGroup, cmd: Dynamic| {
                        f(g, cmd, Map::new())
                    });
            }
        }
    }
    let c = ctx.clone();
    doc(
        "ping",
        &["g: &mut SshGroup", "Array"],
        "Log in to every host and run `true`; results as exec.",
    )
    .register_into_engine(engine, move |g: &mut SshGroup| -> Res<Dynamic> {
        let group = g.0.clone();
        let r = c.block_on(async move { group.ping().await })?;
        Ok(results_value(&r.results))
    });
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |g: &mut SshGroup,
                      path: ImmutableString,
                      content: ImmutableString,
                      o: Map|
              -> Res<Dynamic> {
            let (mode, sudo) = put_options(&o)?;
            let group = g.0.clone();
            let r =
                c.block_on(async move { group.put(&path, content.as_bytes(), mode, sudo).await })?;
            Ok(results_value(&r.results))
        };
        let text = "Write the same remote file on every host; results as exec (rc 0 when written).";
        if with_opts {
            doc(
                "put",
                &[
                    "g: &mut SshGroup",
                    "path: String",
                    "content: String",
                    "opts: Map",
                    "Array",
                ],
                text,
            )
            .register_into_engine(engine, f);
        } else {
            doc(
                "put",
                &[
                    "g: &mut SshGroup",
                    "path: String",
                    "content: String",
                    "Array",
                ],
                text,
            )
            .register_into_engine(
                engine,
                move |g: &mut SshGroup, p: ImmutableString, ct: ImmutableString| {
                    f(g, p, ct, Map::new())
                },
            );
        }
    }
    doc(
        "filter",
        &["g: &mut SshGroup", "keep: FnPtr", "SshGroup"],
        "A group of the hosts for which `keep(name)` is true. Example: `all.filter(|h| h != manager_ip)`",
    )
    .register_into_engine(engine, |cx: NativeCallContext, g: &mut SshGroup, keep: FnPtr| -> Res<SshGroup> {
        let mut kept = Vec::new();
        for h in g.0.hosts() {
            let k: bool = keep.call_within_context(&cx, (Dynamic::from(h.name().to_string()),))?;
            if k {
                kept.push(h.name().to_string());
            }
        }
        let keep_names = kept;
        Ok(SshGroup(g.0.filter(|h| keep_names.iter().any(|n| n == h.name())).map_err(ssh_err)?))
    });
    doc(
        "get",
        &["g: &mut SshGroup", "name: String", "SshHost"],
        "One host of the group, sharing its connection.",
    )
    .register_into_engine(
        engine,
        |g: &mut SshGroup, name: ImmutableString| -> Res<SshHost> {
            g.0.hosts()
                .iter()
                .find(|h| h.name() == name.as_str())
                .cloned()
                .map(SshHost)
                .ok_or_else(|| {
                    error(
                        "ssh::no_host",
                        format!("{name} is not in the group {:?}", g.0.names()),
                        None,
                    )
                })
        },
    );
}

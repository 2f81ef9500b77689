//! Bindings: `swarm::` over SSH hosts (core in `crate::swarm`). Join tokens are secrets:
//! masked in every output and log.
use crate::api::ssh::{SshGroup, SshHost};
use crate::api::{
    check_opts, doc, error, from_diagnostic, from_json, with_pos1, with_pos2, with_pos3, with_pos4,
};
use crate::script::ctx::Ctx;
use crate::ssh::Host;
use crate::swarm::{self, InitOptions, Runner, SwarmError};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, Module};
use std::sync::Arc;
use std::time::Duration;

type Res<T> = Result<T, Box<EvalAltResult>>;

fn swarm_err(e: SwarmError) -> Box<EvalAltResult> {
    from_diagnostic(&e)
}

fn json<T: serde::Serialize>(v: &T) -> Dynamic {
    from_json(&serde_json::to_value(v).unwrap_or_default())
}

/// The hosts of an SshGroup, an SshHost, or an array of SshHost.
fn hosts_of(v: &Dynamic) -> Res<Vec<Host>> {
    if let Some(g) = v.read_lock::<SshGroup>() {
        return Ok(g.0.hosts().to_vec());
    }
    if let Some(h) = v.read_lock::<SshHost>() {
        return Ok(vec![h.0.clone()]);
    }
    if let Some(a) = v.read_lock::<Array>() {
        return a
            .iter()
            .map(|x| {
                x.read_lock::<SshHost>()
                    .map(|h| h.0.clone())
                    .ok_or_else(|| {
                        error(
                            "value",
                            format!("expected SSH hosts, got {}", x.type_name()),
                            None,
                        )
                    })
            })
            .collect();
    }
    Err(error(
        "value",
        format!(
            "expected ssh::hosts(…) or ssh::host(…), got {}",
            v.type_name()
        ),
        Some("make them with ssh::hosts(ips, #{ user: \"vcp\", key: … })".into()),
    ))
}

pub fn register(engine: &mut Engine, ctx: &Arc<Ctx>) {
    let mut m = Module::new();
    let c = ctx.clone();
    doc(
        "state",
        &["host: SshHost", "Map"],
        "The host's swarm state from `docker info`: `#{LocalNodeState, NodeID, ControlAvailable, RemoteManagers, Cluster…}`\n\
         (LocalNodeState is inactive, pending, active or error).",
    )
    .set_into_module(&mut m, with_pos1(move |h: SshHost| -> Res<Dynamic> {
        let st = c.block_on(async move { swarm::state(&h.0).await })?.map_err(swarm_err)?;
        Ok(json(&st))
    }));
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |h: SshHost, o: Map| -> Res<Dynamic> {
            check_opts(
                "swarm::init",
                &o,
                &["advertise_addr", "default_addr_pool", "listen_addr"],
            )?;
            let s = |k: &str| o.get(k).filter(|v| !v.is_unit()).map(|v| v.to_string());
            let io = InitOptions {
                advertise_addr: s("advertise_addr"),
                listen_addr: s("listen_addr"),
                default_addr_pool: s("default_addr_pool"),
            };
            let (st, changed) = c
                .block_on(async move { swarm::init(&h.0, &io).await })?
                .map_err(swarm_err)?;
            let mut v = serde_json::to_value(&st).unwrap_or_default();
            if let Some(m) = v.as_object_mut() {
                m.insert("changed".into(), changed.into());
            }
            Ok(from_json(&v))
        };
        let text = "Make the host the manager of a new swarm (`docker swarm init`); a no-op returning the state\n\
                    (`changed: false`) when it already manages one. Options `#{advertise_addr, default_addr_pool,\n\
                    listen_addr}`. Example: `swarm::init(m, #{ advertise_addr: ip, default_addr_pool: \"10.10.0.0/16\" })`";
        if with_opts {
            doc("init", &["host: SshHost", "opts: Map", "Map"], text)
                .set_into_module(&mut m, with_pos2(f));
        } else {
            doc("init", &["host: SshHost", "Map"], text)
                .set_into_module(&mut m, with_pos1(move |h: SshHost| f(h, Map::new())));
        }
    }
    let c = ctx.clone();
    doc(
        "join_token",
        &["manager: SshHost", "role: String", "String"],
        "The join token for \"worker\" or \"manager\". It is a secret: masked in all output and logs.",
    )
    .set_into_module(&mut m, with_pos2(move |h: SshHost, role: ImmutableString| -> Res<String> {
        c.block_on(async move { swarm::join_token(&h.0, &role).await })?.map_err(swarm_err)
    }));
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |hosts: Dynamic,
                      token: ImmutableString,
                      addr: ImmutableString,
                      o: Map|
              -> Res<Array> {
            check_opts("swarm::join", &o, &["manager", "timeout"])?;
            let hosts = hosts_of(&hosts)?;
            let manager = match o.get("manager") {
                Some(v) => Some(v.read_lock::<SshHost>().map(|h| h.0.clone()).ok_or_else(
                    || {
                        error(
                            "options",
                            "swarm::join: `manager` must be an ssh::host(…)",
                            None,
                        )
                    },
                )?),
                None => None,
            };
            let timeout = match o.get("timeout") {
                Some(t) => Duration::from_secs(
                    t.as_int()
                        .map_err(|_| error("options", "timeout must be seconds", None))?
                        .max(1) as u64,
                ),
                None => Duration::from_secs(120),
            };
            let results = c
                .block_on(async move {
                    let refs: Vec<&dyn Runner> = hosts.iter().map(|h| h as &dyn Runner).collect();
                    // the manager's members tell a dead swarm (a re-created manager) from ours
                    let members = match &manager {
                        Some(m) => Some(
                            swarm::nodes(m)
                                .await?
                                .iter()
                                .filter_map(|n| n["ID"].as_str().map(str::to_string))
                                .collect::<Vec<_>>(),
                        ),
                        None => None,
                    };
                    let rs = swarm::join_known(&refs, &token, &addr, members.as_deref()).await?;
                    if let Some(m) = manager {
                        let ids: Vec<String> =
                            rs.iter().filter_map(|r| r.node_id.clone()).collect();
                        swarm::wait_ready(&m, &ids, timeout).await?;
                    }
                    Ok::<_, SwarmError>(rs)
                })?
                .map_err(swarm_err)?;
            Ok(results.iter().map(json).collect())
        };
        let text = "Join hosts (ssh::hosts(…) or an array of ssh::host) to the swarm at `addr` (\"ip:2377\") in\n\
                    parallel: hosts already in that swarm are skipped (`outcome: \"member\"`), a host in another\n\
                    swarm is an error. With `#{ manager: m }` it returns only once the manager lists every joined\n\
                    node as Ready (`timeout`, default 120 s), and a host still in a dead swarm at that address\n\
                    (the manager was re-created) leaves it and joins (`outcome: \"rejoined\"`).\n\
                    Returns `#{host, outcome, node_id}` per host.";
        if with_opts {
            doc(
                "join",
                &[
                    "hosts: Dynamic",
                    "token: String",
                    "addr: String",
                    "opts: Map",
                    "Array",
                ],
                text,
            )
            .set_into_module(&mut m, with_pos4(f));
        } else {
            doc(
                "join",
                &["hosts: Dynamic", "token: String", "addr: String", "Array"],
                text,
            )
            .set_into_module(
                &mut m,
                with_pos3(move |h: Dynamic, t: ImmutableString, a: ImmutableString| {
                    f(h, t, a, Map::new())
                }),
            );
        }
    }
    let c = ctx.clone();
    doc(
        "nodes",
        &["manager: SshHost", "Array"],
        "`docker node ls` on a manager: one map per node with docker's keys (ID, Hostname, Status,\n\
         Availability, ManagerStatus, EngineVersion). `print(table(swarm::nodes(m)))` shows them.",
    )
    .set_into_module(&mut m, with_pos1(move |h: SshHost| -> Res<Array> {
        let ns = c.block_on(async move { swarm::nodes(&h.0).await })?.map_err(swarm_err)?;
        Ok(ns.iter().map(from_json).collect())
    }));
    let c = ctx.clone();
    doc(
        "remove_down_nodes",
        &["manager: SshHost", "Array"],
        "Remove the nodes the manager reports as Down (`docker node rm`); returns their hostnames.",
    )
    .set_into_module(
        &mut m,
        with_pos1(move |h: SshHost| -> Res<Array> {
            let r = c
                .block_on(async move { swarm::remove_down_nodes(&h.0).await })?
                .map_err(swarm_err)?;
            Ok(r.into_iter().map(Dynamic::from).collect())
        }),
    );
    let c = ctx.clone();
    doc(
        "remove_stale_nodes",
        &["manager: SshHost", "Array"],
        "Remove the manager's stale entries: Down nodes whose hostname also has a Ready entry (a node\n\
         that left and joined again). Returns their hostnames.",
    )
    .set_into_module(
        &mut m,
        with_pos1(move |h: SshHost| -> Res<Array> {
            let r = c
                .block_on(async move { swarm::remove_stale_nodes(&h.0, None).await })?
                .map_err(swarm_err)?;
            Ok(r.into_iter().map(Dynamic::from).collect())
        }),
    );
    let c = ctx.clone();
    doc(
        "remove_stale_nodes",
        &["manager: SshHost", "live: Array", "Array"],
        "Remove the manager's stale entries, knowing the node ids the hosts report now (`live`, e.g.\n\
         the `node_id`s swarm::join returned): every other entry of a hostname that has a live one\n\
         goes, even while the manager still shows it Ready. Returns their hostnames.",
    )
    .set_into_module(
        &mut m,
        with_pos2(move |h: SshHost, live: Array| -> Res<Array> {
            let ids: Vec<String> = live
                .iter()
                .filter(|v| !v.is_unit())
                .map(|v| v.to_string())
                .collect();
            let r = c
                .block_on(async move { swarm::remove_stale_nodes(&h.0, Some(&ids)).await })?
                .map_err(swarm_err)?;
            Ok(r.into_iter().map(Dynamic::from).collect())
        }),
    );
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |hosts: Dynamic, o: Map| -> Res<Array> {
            check_opts("swarm::leave", &o, &["force"])?;
            let force = o
                .get("force")
                .and_then(|v| v.as_bool().ok())
                .unwrap_or(false);
            let hosts = hosts_of(&hosts)?;
            let r = c
                .block_on(async move {
                    let refs: Vec<&dyn Runner> = hosts.iter().map(|h| h as &dyn Runner).collect();
                    swarm::leave(&refs, force).await
                })?
                .map_err(swarm_err)?;
            Ok(r.into_iter()
                .map(|(h, o)| {
                    let mut m = Map::new();
                    m.insert("host".into(), h.into());
                    m.insert("outcome".into(), o.into());
                    Dynamic::from_map(m)
                })
                .collect())
        };
        let text = "Make hosts leave their swarm (`#{ force: true }` for managers); hosts not in a swarm are skipped.";
        if with_opts {
            doc("leave", &["hosts: Dynamic", "opts: Map", "Array"], text)
                .set_into_module(&mut m, with_pos2(f));
        } else {
            doc("leave", &["hosts: Dynamic", "Array"], text)
                .set_into_module(&mut m, with_pos1(move |h: Dynamic| f(h, Map::new())));
        }
    }
    engine.register_static_module("swarm", m.into());
}

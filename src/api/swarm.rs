//! Bindings: `swarm::` over SSH hosts (core in `crate::swarm`). Join tokens are secrets:
//! masked in every output and log.
use crate::api::Res;
use crate::api::ssh::{SshGroup, SshHost};
use crate::api::{error, from_diagnostic, pos, strings};
use crate::options::Seconds;
use crate::ssh::Host;
use crate::swarm::{self, Runner, SwarmError};
use rhai::plugin::*;
use rhai::{Array, Map};
use serde::Deserialize;
use std::future::Future;
use std::time::Duration;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("swarm", exported_module!(swarm_api).into());
}

/// Run a core call on the run's runtime: its error as a script error at the call's position.
fn block<T>(cx: &NativeCallContext, f: impl Future<Output = swarm::Result<T>>) -> Res<T> {
    let run = || -> Res<T> {
        crate::api::ctx(cx)?
            .block_on(f)?
            .map_err(|e: SwarmError| from_diagnostic(&e))
    };
    pos(cx, run())
}

fn json<T: serde::Serialize>(v: &T) -> Dynamic {
    rhai::serde::to_dynamic(v).unwrap_or(Dynamic::UNIT)
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
        let host = |x: &Dynamic| x.read_lock::<SshHost>().map(|h| h.0.clone());
        let bad = |x: &Dynamic| {
            crate::t!(
                "swarm-api-not-hosts",
                got = crate::i18n::words::type_word(x.type_name())
                    .unwrap_or_else(|| x.type_name().to_string())
            )
        };
        return a
            .iter()
            .map(|x| host(x).ok_or_else(|| error("script::value", bad(x), None)))
            .collect();
    }
    Err(error(
        "script::value",
        crate::t!(
            "swarm-api-not-group",
            got = crate::i18n::words::type_word(v.type_name())
                .unwrap_or_else(|| v.type_name().to_string())
        ),
        Some(crate::t!("swarm-api-not-group-help")),
    ))
}

fn runners(hosts: &[Host]) -> Vec<&dyn Runner> {
    hosts.iter().map(|h| h as &dyn Runner).collect()
}

/// A script's `timeout` as a duration (at least 1 s); a negative one is an error.
fn seconds(func: &str, s: Option<Seconds>) -> Res<Option<Duration>> {
    s.map(|s| s.duration(&format!("{func}: timeout")))
        .transpose()
        .map(|d| d.map(|d| d.max(Duration::from_secs(1))))
        .map_err(crate::api::ssh::bad_option)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinOpts {
    /// An ssh::host, read apart from the map (it is no plain value).
    #[allow(dead_code)]
    manager: Option<serde::de::IgnoredAny>,
    timeout: Option<Seconds>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LeaveOpts {
    force: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaitOpts {
    timeout: Option<Seconds>,
}

#[export_module]
mod swarm_api {
    use super::*;
    use crate::api::Res;

    pub type SshHost = crate::api::ssh::SshHost;

    /// The host's swarm state from `docker info`: `#{LocalNodeState, NodeID, ControlAvailable, RemoteManagers, Cluster…}`
    /// (LocalNodeState is inactive, pending, active or error).
    #[rhai_fn(return_raw)]
    pub fn state(cx: NativeCallContext, host: SshHost) -> Res<Map> {
        let st = block(&cx, swarm::state(&host.0))?;
        Ok(crate::api::map_of(&st))
    }

    #[rhai_fn(name = "init", return_raw)]
    pub fn init(cx: NativeCallContext, host: SshHost) -> Res<Map> {
        init_with(cx, host, Map::new())
    }

    /// Make the host the manager of a new swarm (`docker swarm init`); a no-op returning the state
    /// (`changed: false`) when it already manages one. Options `#{advertise_addr, default_addr_pool,
    /// listen_addr}`. Example: `swarm::init(m, #{ advertise_addr: ip, default_addr_pool: "10.10.0.0/16" })`
    #[rhai_fn(name = "init", return_raw)]
    pub fn init_with(cx: NativeCallContext, host: SshHost, opts: Map) -> Res<Map> {
        let io: swarm::InitOptions = pos(&cx, crate::api::options("swarm::init", opts))?;
        let (st, changed) = block(&cx, swarm::init(&host.0, &io))?;
        let mut m = crate::api::map_of(&st);
        m.insert("changed".into(), changed.into());
        Ok(m)
    }

    /// The join token for "worker" or "manager". It is a secret: masked in all output and logs.
    #[rhai_fn(return_raw)]
    pub fn join_token(cx: NativeCallContext, manager: SshHost, role: &str) -> Res<String> {
        block(&cx, swarm::join_token(&manager.0, role))
    }

    #[rhai_fn(name = "join", return_raw)]
    pub fn join_hosts(
        cx: NativeCallContext,
        hosts: Dynamic,
        token: &str,
        addr: &str,
    ) -> Res<Array> {
        join_hosts_with(cx, hosts, token, addr, Map::new())
    }

    /// Join hosts (ssh::hosts(…) or an array of ssh::host) to the swarm at `addr` ("ip:2377") in
    /// parallel: hosts already in that swarm are skipped (`outcome: "member"`), a host in another
    /// swarm is an error. With `#{ manager: m }` it returns only once the manager lists every joined
    /// node as Ready (`timeout`, default 120 s), and a host still in a dead swarm at that address
    /// (the manager was re-created) leaves it and joins (`outcome: "rejoined"`).
    /// Returns `#{host, outcome, node_id}` per host.
    #[rhai_fn(name = "join", return_raw)]
    pub fn join_hosts_with(
        cx: NativeCallContext,
        hosts: Dynamic,
        token: &str,
        addr: &str,
        opts: Map,
    ) -> Res<Array> {
        let mut opts = opts;
        let manager = match opts.get_mut("manager") {
            Some(v) => {
                let m = v
                    .read_lock::<SshHost>()
                    .map(|h| h.0.clone())
                    .ok_or_else(|| {
                        error(
                            "script::options",
                            crate::t!("swarm-api-manager-not-host"),
                            None,
                        )
                    });
                *v = Dynamic::UNIT;
                Some(pos(&cx, m)?)
            }
            None => None,
        };
        let o: JoinOpts = pos(&cx, crate::api::options("swarm::join", opts))?;
        let hosts = pos(&cx, hosts_of(&hosts))?;
        let timeout = pos(&cx, seconds("swarm::join", o.timeout))?;
        let rs = block(
            &cx,
            swarm::join_and_wait(
                &runners(&hosts),
                token,
                addr,
                manager.as_ref().map(|m| m as &dyn Runner),
                timeout,
            ),
        )?;
        Ok(rs.iter().map(json).collect())
    }

    /// `docker node ls` on a manager: one map per node with docker's keys (ID, Hostname, Status,
    /// Availability, ManagerStatus, EngineVersion, TLSStatus, Self) and the node's `Addr` (its
    /// address in the swarm) and `Role` ("manager" or "worker") from `docker node inspect`.
    /// Status is Ready, Down, Unknown or Disconnected; Availability Active, Pause or Drain.
    /// `print(table(swarm::nodes(m)))` shows them.
    #[rhai_fn(return_raw)]
    pub fn nodes(cx: NativeCallContext, manager: SshHost) -> Res<Array> {
        let ns = block(&cx, swarm::nodes(&manager.0))?;
        Ok(ns.iter().map(json).collect())
    }

    /// swarm::nodes keyed by `Addr`. When an address has several entries (a node that left and
    /// joined again) the one that is not Down wins.
    #[rhai_fn(return_raw)]
    pub fn nodes_by_address(cx: NativeCallContext, manager: SshHost) -> Res<Map> {
        let ns = block(&cx, swarm::nodes(&manager.0))?;
        Ok(swarm::by_address(&ns)
            .into_iter()
            .map(|(a, n)| (a.into(), json(&n)))
            .collect())
    }

    /// The node at address `addr` as swarm::nodes shows it, or `()` when the manager lists none
    /// there (the entry that is not Down when there are several, as swarm::nodes_by_address).
    #[rhai_fn(return_raw)]
    pub fn node(cx: NativeCallContext, manager: SshHost, addr: &str) -> Res<Dynamic> {
        let ns = block(&cx, swarm::nodes(&manager.0))?;
        Ok(swarm::by_address(&ns)
            .get(addr)
            .map(json)
            .unwrap_or(Dynamic::UNIT))
    }

    #[rhai_fn(name = "wait_ready", return_raw)]
    pub fn wait_ready(cx: NativeCallContext, manager: SshHost, count: i64) -> Res<Array> {
        wait_ready_with(cx, manager, count, Map::new())
    }

    /// Wait until the manager lists exactly `count` Ready nodes (`timeout`, default 120 s),
    /// removing the stale entries of nodes that joined again on the way (each logged). Returns
    /// swarm::nodes(manager) as last seen: when time ran out its Ready count is not `count`, and
    /// the caller decides what that means.
    #[rhai_fn(name = "wait_ready", return_raw)]
    pub fn wait_ready_with(
        cx: NativeCallContext,
        manager: SshHost,
        count: i64,
        opts: Map,
    ) -> Res<Array> {
        let o: WaitOpts = pos(&cx, crate::api::options("swarm::wait_ready", opts))?;
        let timeout = pos(&cx, seconds("swarm::wait_ready", o.timeout))?;
        let timeout = timeout.unwrap_or(swarm::DEFAULT_WAIT);
        let count = count.max(0) as usize;
        let ns = block(&cx, swarm::wait_count(&manager.0, count, timeout))?;
        Ok(ns.iter().map(json).collect())
    }

    #[rhai_fn(name = "remove_gone_nodes", return_raw)]
    pub fn remove_gone_nodes(cx: NativeCallContext, manager: SshHost, alive: Array) -> Res<Array> {
        remove_gone_nodes_with(cx, manager, alive, Map::new())
    }

    /// Remove from the swarm the workers whose VC node is gone (their address is not in `alive`,
    /// e.g. `ug.find_ip_addresses()`) once the manager reports them Down, waiting for that
    /// (`timeout`, default 120 s; then a `swarm::not_down` error naming them); stale Down entries
    /// of live addresses (nodes that joined again) go too. Powered-off workers stay, unlike
    /// swarm::remove_down_nodes. Returns their hostnames.
    #[rhai_fn(name = "remove_gone_nodes", return_raw)]
    pub fn remove_gone_nodes_with(
        cx: NativeCallContext,
        manager: SshHost,
        alive: Array,
        opts: Map,
    ) -> Res<Array> {
        let o: WaitOpts = pos(&cx, crate::api::options("swarm::remove_gone_nodes", opts))?;
        let timeout = pos(&cx, seconds("swarm::remove_gone_nodes", o.timeout))?;
        let timeout = timeout.unwrap_or(swarm::DEFAULT_WAIT);
        let alive: Vec<String> = alive.iter().map(|v| v.to_string()).collect();
        Ok(strings(block(
            &cx,
            swarm::remove_gone_nodes(&manager.0, &alive, timeout),
        )?))
    }

    /// Remove the nodes the manager reports as Down (`docker node rm`); returns their hostnames.
    #[rhai_fn(return_raw)]
    pub fn remove_down_nodes(cx: NativeCallContext, manager: SshHost) -> Res<Array> {
        Ok(strings(block(&cx, swarm::remove_down_nodes(&manager.0))?))
    }

    /// Remove the manager's stale entries: Down nodes whose hostname also has a Ready entry (a node
    /// that left and joined again). Returns their hostnames.
    #[rhai_fn(name = "remove_stale_nodes", return_raw)]
    pub fn remove_stale_nodes(cx: NativeCallContext, manager: SshHost) -> Res<Array> {
        Ok(strings(block(
            &cx,
            swarm::remove_stale_nodes(&manager.0, None),
        )?))
    }

    /// Remove the manager's stale entries, knowing the node ids the hosts report now (`live`, e.g.
    /// the `node_id`s swarm::join returned): every other entry of a hostname that has a live one
    /// goes, even while the manager still shows it Ready. Returns their hostnames.
    #[rhai_fn(name = "remove_stale_nodes", return_raw)]
    pub fn remove_stale_nodes_of(
        cx: NativeCallContext,
        manager: SshHost,
        live: Array,
    ) -> Res<Array> {
        let ids: Vec<String> = live
            .iter()
            .filter(|v| !v.is_unit())
            .map(|v| v.to_string())
            .collect();
        Ok(strings(block(
            &cx,
            swarm::remove_stale_nodes(&manager.0, Some(&ids)),
        )?))
    }

    #[rhai_fn(name = "leave", return_raw)]
    pub fn leave(cx: NativeCallContext, hosts: Dynamic) -> Res<Array> {
        leave_with(cx, hosts, Map::new())
    }

    /// Make hosts leave their swarm (`#{ force: true }` for managers); hosts not in a swarm are skipped.
    #[rhai_fn(name = "leave", return_raw)]
    pub fn leave_with(cx: NativeCallContext, hosts: Dynamic, opts: Map) -> Res<Array> {
        let o: LeaveOpts = pos(&cx, crate::api::options("swarm::leave", opts))?;
        let hosts = pos(&cx, hosts_of(&hosts))?;
        let r = block(
            &cx,
            swarm::leave(&runners(&hosts), o.force.unwrap_or(false)),
        )?;
        Ok(r.into_iter()
            .map(|(h, o)| {
                let mut m = Map::new();
                m.insert("host".into(), h.into());
                m.insert("outcome".into(), o.into());
                Dynamic::from_map(m)
            })
            .collect())
    }
}

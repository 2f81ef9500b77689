//! Remote steps under `--plan`. The plan reads the nodes that exist for real — host-key scans
//! and commands marked as queries run as in the run — and records every command that changes
//! something: it answers rc 0 (marked `planned` in the journal) and docker's swarm commands are
//! answered by a small model, so the scripts go on and the plan lists every command they would
//! send. Nothing that changes a node is ever sent.
//!
//! A query is answered by the model instead of the node when the node does not exist yet (the
//! rehearsal created it), under `--plan --offline`, or once a recorded change would make the
//! node's answer stale: after a change recorded on that host, and for the manager's list of
//! nodes (`docker node …`) after any swarm change recorded on any host.
//!
//! The model: the nodes of the snapshot are taken as set up (members of one swarm, as the
//! scripts leave them) unless a real read said a node is not in a swarm; the nodes the
//! rehearsal creates are fresh (not in a swarm, so `swarm::init`/`join` are listed for them).
//! The manager's view (`docker node ls`/`inspect`) follows the VCC as the rehearsal leaves it:
//! RUNNING members Ready, stopped or deleted ones Down until a `docker node rm` is planned for
//! them.
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// One remote step the run would take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `exec`, `put`, `keyscan`, `known_hosts remove`.
    pub kind: String,
    /// The host as the script named it.
    pub host: String,
    /// The command, path or file.
    pub what: String,
    /// A read the plan could not make (answered by the model): not planned work.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub query: bool,
}

/// What a run would do to one known_hosts file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownHostsChange {
    pub file: String,
    /// Hosts whose entries are replaced by freshly scanned keys.
    pub rescanned: Vec<String>,
    /// Hosts whose entries are removed.
    pub removed: Vec<String>,
}

/// Steps with the same `kind` and `what`, and the hosts they run on, in first-seen order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepGroup {
    pub kind: String,
    pub what: String,
    pub hosts: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct Member {
    manager: bool,
    addr: String,
    manager_addr: String,
}

/// The VCC's compute nodes now: (address, running, node id).
pub type NodesFn = Box<dyn Fn() -> Vec<(String, bool, String)> + Send + Sync>;

/// The addresses of the VCC's nodes in ERROR now.
pub type LostFn = Box<dyn Fn() -> Vec<String> + Send + Sync>;

/// The recorder.
#[derive(Default)]
pub struct Remote {
    steps: Mutex<Vec<Step>>,
    swarm: Mutex<BTreeMap<String, Member>>,
    vcc_nodes: std::sync::OnceLock<NodesFn>,
    /// The addresses of the VCC's nodes in ERROR now (their VMs are lost).
    lost_nodes: std::sync::OnceLock<LostFn>,
    /// Addresses the VCC listed at some point, and those a `docker node rm` removed.
    seen: Mutex<(Vec<String>, Vec<String>)>,
    /// The node ids of the snapshot: a node at one of its addresses with another id was
    /// re-created by the rehearsal (it does not exist).
    snapshot_ids: Mutex<Vec<String>>,
    /// Every node id of the snapshot, whatever its state.
    all_ids: Mutex<Vec<String>>,
    /// What real reads told of the swarm's nodes: address → (docker node id, hostname).
    docker_ids: Mutex<BTreeMap<String, (String, String)>>,
    reads: Mutex<Reads>,
}

/// What decides whether a query may still read a node for real.
#[derive(Debug, Default)]
struct Reads {
    /// Hosts a recorded change was planned on.
    changed: std::collections::BTreeSet<String>,
    /// A swarm change (init, join, leave, node rm…) was planned on some host.
    swarm_changed: bool,
    /// Nodes of the snapshot a real read found outside any swarm.
    outside: std::collections::BTreeSet<String>,
}

/// The address in a host as a script names it (`user@host`, `[host]:port`, `host:port`).
fn bare(host: &str) -> String {
    let h = host.rsplit('@').next().unwrap_or(host);
    if let Some(rest) = h.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest).to_string();
    }
    match h.split_once(':') {
        Some((a, p)) if !p.contains(':') => a.to_string(),
        _ => h.to_string(),
    }
}

/// A docker command the model answers (the swarm's state and membership).
fn is_swarm_cmd(cmd: &str) -> bool {
    ["docker info", "docker node", "docker swarm"]
        .iter()
        .any(|p| cmd.starts_with(p))
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("steps", &self.steps)
            .finish_non_exhaustive()
    }
}

/// The join token the planned swarm hands out (registered for redaction like a real one).
pub const PLANNED_TOKEN: &str = "SWMTKN-1-planned-by-cwh";

impl Remote {
    /// Record a step that changes something (`exec`, `put`, `keyscan`, `local write`, …).
    pub fn record(&self, kind: &str, host: &str, what: &str) {
        self.push(kind, host, what, false);
    }

    fn push(&self, kind: &str, host: &str, what: &str, query: bool) {
        let what = crate::redact::redact(what).into_owned();
        crate::journal::record(
            crate::journal::Event::new("ssh", kind.to_string(), host.to_string()).detail(
                serde_json::json!({ "cmd": what, "planned": true, "query": query, "rc": 0 }),
            ),
        );
        if !query && (kind == "exec" || kind == "put") {
            let mut r = self.reads.lock().unwrap_or_else(|e| e.into_inner());
            r.changed.insert(bare(host));
            r.swarm_changed |= kind == "exec" && is_swarm_cmd(&what);
        }
        self.steps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Step {
                kind: kind.into(),
                host: host.into(),
                what,
                query,
            });
    }

    /// May the query `cmd` run for real on `host`? Not on a node the rehearsal created, nor
    /// once a change recorded on it (or, for the swarm's commands, on the swarm) makes the
    /// node's answer stale.
    pub fn reads(&self, host: &str, cmd: &str) -> bool {
        let h = bare(host);
        if self.created(&h) {
            return false;
        }
        let r = self.reads.lock().unwrap_or_else(|e| e.into_inner());
        // a node's own swarm state changes only by commands sent to it; the manager's list of
        // nodes changes with every join, leave or removal
        let stale = r.changed.contains(&h) || (r.swarm_changed && cmd.starts_with("docker node"));
        !stale
    }

    /// Is the VCC's node at `addr` one the real run could not reach as it is now? A node the
    /// rehearsal created (a node id the snapshot did not have: new, or re-created at the same
    /// address), one that was not RUNNING in the snapshot (the real one is off), one the
    /// rehearsal stopped or deleted. A host that is no VCC node (a site's own) is real.
    fn created(&self, addr: &str) -> bool {
        let Some(now) = self.vcc_nodes.get().map(|f| f()) else {
            return false;
        };
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let known = seen.0.iter().any(|a| a == addr) || now.iter().any(|(a, _, _)| a == addr);
        drop(seen);
        let ids = self.snapshot_ids.lock().unwrap_or_else(|e| e.into_inner());
        known
            && !now
                .iter()
                .any(|(a, running, id)| a == addr && *running && ids.contains(id))
    }

    /// What a query that ran for real answered: a node found outside any swarm is fresh for
    /// the model too, and the swarm's node ids and hostnames are the model's from then on.
    pub fn observe(&self, host: &str, cmd: &str, rc: Option<i32>, stdout: &str) {
        if rc == Some(0) && cmd.starts_with("docker node inspect") {
            let mut ids = self.docker_ids.lock().unwrap_or_else(|e| e.into_inner());
            for line in stdout.lines() {
                let f: Vec<&str> = line.split_whitespace().collect();
                if f.len() < 6 {
                    continue;
                }
                let addr = match (f[1], f.get(6)) {
                    ("" | "0.0.0.0", Some(m)) => m.rsplit_once(':').map_or(*m, |(ip, _)| ip),
                    (a, _) => a,
                };
                ids.insert(addr.to_string(), (f[0].to_string(), f[2].to_string()));
            }
            return;
        }
        if rc != Some(0) || !cmd.starts_with("docker info --format '{{json .Swarm}}'") {
            return;
        }
        let state = serde_json::from_str::<serde_json::Value>(stdout.trim())
            .ok()
            .and_then(|v| v["LocalNodeState"].as_str().map(str::to_string));
        if let Some(st) = state {
            let mut r = self.reads.lock().unwrap_or_else(|e| e.into_inner());
            if st == "active" {
                r.outside.remove(&bare(host));
            } else {
                r.outside.insert(bare(host));
            }
        }
    }

    /// The docker node id of the node at `addr`: the real one once read, else a planned one.
    fn id_of(&self, addr: &str) -> String {
        let ids = self.docker_ids.lock().unwrap_or_else(|e| e.into_inner());
        ids.get(addr)
            .map_or_else(|| format!("planned-{addr}"), |(id, _)| id.clone())
    }

    /// The hostname of the node at `addr` (the real one once read).
    fn hostname_of(&self, addr: &str) -> String {
        let ids = self.docker_ids.lock().unwrap_or_else(|e| e.into_inner());
        ids.get(addr)
            .map_or_else(|| addr.to_string(), |(_, h)| h.clone())
    }

    /// The address of the node whose docker node id is `id`.
    fn addr_of(&self, id: &str) -> String {
        let ids = self.docker_ids.lock().unwrap_or_else(|e| e.into_inner());
        ids.iter()
            .find(|(_, (i, _))| i == id)
            .map(|(a, _)| a.clone())
            .unwrap_or_else(|| id.strip_prefix("planned-").unwrap_or(id).to_string())
    }

    /// The snapshot's nodes taken as swarm members (not removed, not found outside a swarm,
    /// not re-created by the rehearsal at the same address: a new VM is fresh).
    fn members(&self, seen: &(Vec<String>, Vec<String>)) -> Vec<String> {
        let now = self.vcc_nodes.get().map(|f| f()).unwrap_or_default();
        let all = self
            .all_ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let recreated = |a: &String| now.iter().any(|(n, _, id)| n == a && !all.contains(id));
        // once the manager's node list was read for real, its swarm is the one it listed (a
        // workdir may hold several hubs, each its own swarm); else every node of the snapshot
        let learned: Vec<String> = self
            .docker_ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect();
        let base = if learned.is_empty() {
            &seen.0
        } else {
            &learned
        };
        let r = self.reads.lock().unwrap_or_else(|e| e.into_inner());
        base.iter()
            .filter(|a| !seen.1.contains(a) && !r.outside.contains(*a) && !recreated(a))
            .cloned()
            .collect()
    }

    /// Every step so far.
    pub fn steps(&self) -> Vec<Step> {
        self.steps.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Steps grouped by command: one line per command with its hosts, in the order the run
    /// would first send each. The swarm's `docker info`/`docker node ls` reads are left out.
    pub fn grouped(&self) -> Vec<StepGroup> {
        let mut out: Vec<StepGroup> = Vec::new();
        for s in self.steps() {
            if s.query || (s.kind == "exec" && is_swarm_read(&s.what)) {
                continue;
            }
            match out
                .iter_mut()
                .find(|g| g.kind == s.kind && g.what == s.what)
            {
                Some(g) => {
                    if !g.hosts.contains(&s.host) {
                        g.hosts.push(s.host)
                    }
                }
                None => out.push(StepGroup {
                    kind: s.kind,
                    what: s.what,
                    hosts: vec![s.host],
                }),
            }
        }
        out
    }

    /// Where the model reads the VCC's compute nodes (the seeded simulator). The nodes listed
    /// now, before the rehearsal, are taken as the swarm's members.
    /// Where the plan reads which nodes are lost (in ERROR on the seeded simulator).
    pub fn set_lost_nodes(&self, f: LostFn) {
        let _ = self.lost_nodes.set(f);
    }

    /// Is `host` a node whose VM is lost (in ERROR on the VCC)? A command the real run sends
    /// it fails to connect: so does the planned one.
    pub fn lost(&self, host: &str) -> bool {
        let h = bare(host);
        self.lost_nodes.get().is_some_and(|f| f().contains(&h))
    }

    pub fn set_vcc_nodes(&self, f: NodesFn) {
        let nodes = f();
        let ids: Vec<String> = nodes
            .iter()
            .filter(|(_, running, _)| *running)
            .map(|(_, _, id)| id.clone())
            .collect();
        *self.all_ids.lock().unwrap_or_else(|e| e.into_inner()) =
            nodes.iter().map(|(_, _, id)| id.clone()).collect();
        let first: Vec<String> = nodes.into_iter().map(|(a, _, _)| a).collect();
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).0 = first;
        *self.snapshot_ids.lock().unwrap_or_else(|e| e.into_inner()) = ids;
        let _ = self.vcc_nodes.set(f);
    }

    /// The swarm as the manager `on` sees it: (address, ready, manager), in address order.
    /// Members: the nodes of the snapshot (Ready while RUNNING, Down once stopped or deleted,
    /// gone once removed) and the hosts this rehearsal joined.
    fn swarm_view(&self, sw: &BTreeMap<String, Member>, on: &str) -> Vec<(String, bool, bool)> {
        let mut out: BTreeMap<String, (bool, bool)> = BTreeMap::new();
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.vcc_nodes.get().map(|f| f()).unwrap_or_default();
        // a manager this rehearsal initialised leads a new swarm: its members are the hosts
        // joined to it here (the snapshot's other nodes are in other swarms, or in none)
        let fresh = sw
            .get(on)
            .filter(|m| m.manager)
            .map(|m| m.manager_addr.clone());
        if fresh.is_none() {
            for a in self.members(&seen).iter() {
                let running = now.iter().any(|(n, r, _)| n == a && *r);
                out.insert(a.clone(), (running, false));
            }
        }
        for (h, m) in sw {
            if fresh.as_ref().is_some_and(|a| *a != m.manager_addr) {
                continue;
            }
            let gone = seen.0.contains(h) && !now.iter().any(|(n, _, _)| n == h);
            if gone && fresh.is_some() && !seen.1.contains(h) {
                // joined here, deleted since: down until a `docker node rm`
                out.entry(h.clone()).or_insert((false, false));
            }
            if !gone && !seen.1.contains(h) {
                let e = out.entry(h.clone()).or_insert((true, false));
                e.0 = true;
                e.1 |= m.manager;
            }
        }
        out.entry(on.to_string()).or_insert((true, true)).1 = true;
        out.into_iter().map(|(a, (r, m))| (a, r, m)).collect()
    }

    /// The known_hosts files the run would change (keyscans and removals), in first-seen order.
    pub fn known_hosts(&self) -> Vec<KnownHostsChange> {
        let mut out: Vec<KnownHostsChange> = Vec::new();
        for s in self.steps() {
            let rescan = match s.kind.as_str() {
                "keyscan" => true,
                "known_hosts remove" => false,
                _ => continue,
            };
            let i = match out.iter().position(|k| k.file == s.what) {
                Some(i) => i,
                None => {
                    out.push(KnownHostsChange {
                        file: s.what.clone(),
                        rescanned: Vec::new(),
                        removed: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let list = if rescan {
                &mut out[i].rescanned
            } else {
                &mut out[i].removed
            };
            if !list.contains(&s.host) {
                list.push(s.host);
            }
        }
        out
    }

    /// A command on `host` that is not run: recorded (as planned work unless it is a `query`),
    /// answered as the model's node would (rc 0, the planned swarm for docker's swarm
    /// commands). Returns (rc, stdout).
    pub fn exec(&self, host: &str, cmd: &str, query: bool) -> (i32, String) {
        self.push("exec", host, cmd, query);
        let mut sw = self.swarm.lock().unwrap_or_else(|e| e.into_inner());
        let words: Vec<&str> = cmd.split_whitespace().collect();
        let unq = |s: &str| s.trim_matches('\'').trim_matches('"').to_string();
        if cmd.starts_with("docker info --format '{{.Swarm.ControlAvailable}}'") {
            return (0, "true\n".into());
        }
        if cmd.starts_with("docker info --format '{{.ServerVersion}}'") {
            return (0, "planned\n".into());
        }
        if cmd.starts_with("docker node rm") {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            for w in words[3..].iter().filter(|w| !w.starts_with('-')) {
                seen.1.push(self.addr_of(&unq(w)));
            }
            return (0, String::new());
        }
        if cmd.starts_with("docker node inspect") {
            let lines: Vec<String> = self
                .swarm_view(&sw, host)
                .into_iter()
                .map(|(a, ready, mgr)| {
                    format!(
                        "{} {a} {} {} active {}",
                        self.id_of(&a),
                        self.hostname_of(&a),
                        if ready { "ready" } else { "down" },
                        if mgr { "manager" } else { "worker" }
                    )
                })
                .collect();
            return (0, lines.join("\n"));
        }
        if cmd.starts_with("docker info") {
            let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let existing = self.members(&seen);
            let v = match sw.get(host) {
                // a node of the snapshot is taken as set up: in the swarm its peers form
                None if existing.iter().any(|a| *a == host) => serde_json::json!({
                    "NodeID": self.id_of(host),
                    "NodeAddr": host,
                    "LocalNodeState": "active",
                    "ControlAvailable": true,
                    "RemoteManagers": existing
                        .iter()
                        .map(|a| serde_json::json!({"NodeID": self.id_of(a), "Addr": format!("{a}:2377")}))
                        .collect::<Vec<_>>(),
                    "Cluster": {"ID": "planned"},
                }),
                None => serde_json::json!({"LocalNodeState": "inactive", "NodeID": ""}),
                Some(m) => serde_json::json!({
                    "NodeID": self.id_of(host),
                    "NodeAddr": m.addr,
                    "LocalNodeState": "active",
                    "ControlAvailable": m.manager,
                    "RemoteManagers": [{"NodeID": "planned-manager", "Addr": m.manager_addr}],
                    "Cluster": {"ID": "planned"},
                }),
            };
            return (0, v.to_string());
        }
        if cmd.starts_with("docker swarm init") {
            let addr = words
                .iter()
                .position(|w| *w == "--advertise-addr")
                .and_then(|i| words.get(i + 1))
                .map(|a| unq(a))
                .unwrap_or_else(|| host.to_string());
            sw.insert(
                host.to_string(),
                Member {
                    manager: true,
                    manager_addr: format!("{addr}:2377"),
                    addr,
                },
            );
            return (0, String::new());
        }
        if cmd.starts_with("docker swarm join-token") {
            return (0, format!("{PLANNED_TOKEN}\n"));
        }
        if cmd.starts_with("docker swarm join") {
            let addr = words.last().map(|a| unq(a)).unwrap_or_default();
            sw.insert(
                host.to_string(),
                Member {
                    manager: false,
                    addr: host.to_string(),
                    manager_addr: addr,
                },
            );
            return (0, String::new());
        }
        if cmd.starts_with("docker swarm leave") {
            sw.remove(host);
            return (0, String::new());
        }
        if cmd.starts_with("docker node ls") {
            let lines: Vec<String> = self
                .swarm_view(&sw, host)
                .into_iter()
                .map(|(h, ready, mgr)| {
                    serde_json::json!({
                        "ID": self.id_of(&h),
                        "Hostname": self.hostname_of(&h),
                        "Status": if ready { "Ready" } else { "Down" },
                        "Availability": "Active",
                        "ManagerStatus": if mgr { "Leader" } else { "" },
                    })
                    .to_string()
                })
                .collect();
            return (0, lines.join("\n"));
        }
        (0, String::new())
    }
}

fn is_swarm_read(cmd: &str) -> bool {
    cmd.starts_with("docker info")
        || cmd.starts_with("docker node ls")
        || cmd.starts_with("docker node inspect")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planned_swarm_forms_and_lists_its_nodes() {
        let r = Remote::default();
        let (_, st) = r.exec("10.0.0.1", "docker info --format '{{json .Swarm}}'", false);
        assert!(st.contains("inactive"));
        r.exec(
            "10.0.0.1",
            "docker swarm init --advertise-addr 10.0.0.1",
            false,
        );
        let (_, t) = r.exec("10.0.0.1", "docker swarm join-token -q worker", false);
        assert!(t.starts_with("SWMTKN-"));
        r.exec(
            "10.0.0.2",
            "docker swarm join --token 'x' '10.0.0.1:2377'",
            false,
        );
        r.exec(
            "10.0.0.3",
            "docker swarm join --token 'x' '10.0.0.1:2377'",
            false,
        );
        let (_, st) = r.exec("10.0.0.2", "docker info --format '{{json .Swarm}}'", false);
        let st: serde_json::Value = serde_json::from_str(&st).unwrap();
        assert_eq!(st["RemoteManagers"][0]["Addr"], "10.0.0.1:2377");
        let (_, ls) = r.exec("10.0.0.1", "docker node ls --format '{{json .}}'", false);
        assert_eq!(ls.lines().count(), 3);
        // the manager's view follows the VCC: a deleted node is down until removed
        let vcc = std::sync::Arc::new(Mutex::new(vec![
            ("10.0.0.2".to_string(), true, "n2".to_string()),
            ("10.0.0.3".to_string(), true, "n3".to_string()),
        ]));
        let v = vcc.clone();
        r.set_vcc_nodes(Box::new(move || v.lock().unwrap().clone()));
        let inspect = "docker node inspect --format '…' $(docker node ls -q)";
        let (_, l) = r.exec("10.0.0.1", inspect, false);
        assert_eq!(
            l.lines().filter(|l| l.contains(" ready ")).count(),
            3,
            "{l}"
        );
        vcc.lock().unwrap().pop();
        let (_, l) = r.exec("10.0.0.1", inspect, false);
        assert!(l.contains("10.0.0.3 down active worker"), "{l}");
        r.exec("10.0.0.1", "docker node rm planned-10.0.0.3", false);
        let (_, l) = r.exec("10.0.0.1", inspect, false);
        assert!(!l.contains("10.0.0.3"), "{l}");
        r.exec("10.0.0.2", "true", false);
        r.exec("10.0.0.3", "true", false);
        let g = r.grouped();
        assert_eq!(g.len(), 5, "{g:?}");
        assert_eq!(g[4].what, "true");
        assert_eq!(g[4].hosts, ["10.0.0.2", "10.0.0.3"]);
    }

    #[test]
    fn queries_read_the_nodes_that_exist_until_a_change_makes_them_stale() {
        let r = Remote::default();
        let vcc = std::sync::Arc::new(Mutex::new(vec![
            ("10.0.0.1".to_string(), true, "n1".to_string()),
            ("10.0.0.2".to_string(), true, "n2".to_string()),
        ]));
        let v = vcc.clone();
        r.set_vcc_nodes(Box::new(move || v.lock().unwrap().clone()));
        let info = "docker info --format '{{json .Swarm}}'";
        assert!(r.reads("10.0.0.1", info));
        assert!(r.reads("root@[10.0.0.2]:22", "true"));
        // a node the rehearsal created does not exist: the model answers for it
        vcc.lock()
            .unwrap()
            .push(("10.0.0.3".to_string(), true, "n3".to_string()));
        assert!(!r.reads("10.0.0.3", "true"));
        // and so does one re-created at an address of the snapshot (a replaced manager)
        vcc.lock().unwrap()[0].2 = "n1-new".to_string();
        assert!(!r.reads("10.0.0.1", "true"));
        vcc.lock().unwrap()[0].2 = "n1".to_string();
        // a node the rehearsal stopped is off in the real run too
        vcc.lock().unwrap()[0].1 = false;
        assert!(!r.reads("10.0.0.1", "true"));
        vcc.lock().unwrap()[0].1 = true;
        assert!(
            r.reads("10.0.0.9", "true"),
            "a host the script names itself is real"
        );
        // a real read that finds a node outside any swarm: the model plans its join
        r.observe(
            "10.0.0.2",
            info,
            Some(0),
            r#"{"LocalNodeState":"inactive"}"#,
        );
        let (_, st) = r.exec("10.0.0.2", info, true);
        assert!(st.contains("inactive"), "{st}");
        // a planned change on a host: its later reads are the model's; a swarm change: every
        // host's swarm reads are
        r.exec("10.0.0.2", "touch /x", false);
        assert!(!r.reads("10.0.0.2", "true"));
        assert!(r.reads("10.0.0.1", info));
        r.exec(
            "10.0.0.2",
            "docker swarm join --token 'x' '10.0.0.1:2377'",
            false,
        );
        assert!(
            r.reads("10.0.0.1", info),
            "the manager's own state is as it was"
        );
        assert!(!r.reads("10.0.0.1", "docker node ls --format '{{json .}}'"));
        assert!(r.reads("10.0.0.1", "cat /etc/hostname"));
        // the real node ids and hostnames read once are the model's
        r.observe(
            "10.0.0.1",
            "docker node inspect --format '…' $(docker node ls -q)",
            Some(0),
            "abc 0.0.0.0 mgr ready active manager 10.0.0.1:2377\ndef 10.0.0.9 w9 ready active worker",
        );
        let (_, ls) = r.exec("10.0.0.1", "docker node ls --format '{{json .}}'", true);
        assert!(
            ls.contains(r#""ID":"abc""#) && ls.contains(r#""Hostname":"mgr""#),
            "{ls}"
        );
        r.exec("10.0.0.1", "docker node rm --force def", false);
        assert_eq!(r.seen.lock().unwrap().1, ["10.0.0.9"]);
        // queries answered by the model are no planned work
        let g = r.grouped();
        assert_eq!(g.len(), 3, "{g:?}");
        assert!(g.iter().all(|s| !s.what.starts_with("docker info")));
    }
}

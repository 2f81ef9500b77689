//! Remote steps under `--plan`: recorded, never run. SSH commands answer rc 0 with empty output
//! (marked `planned` in the journal), keyscans report the hosts they would scan, and the
//! docker swarm commands the swarm core sends are answered by a small model of a swarm that
//! starts empty, so `swarm::init`/`join`/`nodes` go on as on fresh nodes and the plan lists
//! every command they would send. No packet leaves the machine.
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

/// The recorder.
#[derive(Debug, Default)]
pub struct Remote {
    steps: Mutex<Vec<Step>>,
    swarm: Mutex<BTreeMap<String, Member>>,
}

/// The join token the planned swarm hands out (registered for redaction like a real one).
pub const PLANNED_TOKEN: &str = "SWMTKN-1-planned-by-cwh";

impl Remote {
    /// Record a step.
    pub fn record(&self, kind: &str, host: &str, what: &str) {
        crate::journal::record(
            crate::journal::Event::new("ssh", kind.to_string(), host.to_string())
                .detail(serde_json::json!({ "cmd": what, "planned": true, "rc": 0 })),
        );
        self.steps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Step {
                kind: kind.into(),
                host: host.into(),
                what: what.into(),
            });
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
            if s.kind == "exec" && is_swarm_read(&s.what) {
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

    /// A command on `host`: recorded, answered as a fresh node would (rc 0, the planned swarm
    /// for docker's swarm commands). Returns (rc, stdout).
    pub fn exec(&self, host: &str, cmd: &str) -> (i32, String) {
        self.record("exec", host, cmd);
        let mut sw = self.swarm.lock().unwrap_or_else(|e| e.into_inner());
        let words: Vec<&str> = cmd.split_whitespace().collect();
        let unq = |s: &str| s.trim_matches('\'').trim_matches('"').to_string();
        if cmd.starts_with("docker info") {
            let v = match sw.get(host) {
                None => serde_json::json!({"LocalNodeState": "inactive", "NodeID": ""}),
                Some(m) => serde_json::json!({
                    "NodeID": format!("planned-{host}"),
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
            let lines: Vec<String> = sw
                .iter()
                .map(|(h, m)| {
                    serde_json::json!({
                        "ID": format!("planned-{h}"),
                        "Hostname": h,
                        "Status": "Ready",
                        "Availability": "Active",
                        "ManagerStatus": if m.manager { "Leader" } else { "" },
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
    cmd.starts_with("docker info") || cmd.starts_with("docker node ls")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planned_swarm_forms_and_lists_its_nodes() {
        let r = Remote::default();
        let (_, st) = r.exec("10.0.0.1", "docker info --format '{{json .Swarm}}'");
        assert!(st.contains("inactive"));
        r.exec("10.0.0.1", "docker swarm init --advertise-addr 10.0.0.1");
        let (_, t) = r.exec("10.0.0.1", "docker swarm join-token -q worker");
        assert!(t.starts_with("SWMTKN-"));
        r.exec("10.0.0.2", "docker swarm join --token 'x' '10.0.0.1:2377'");
        r.exec("10.0.0.3", "docker swarm join --token 'x' '10.0.0.1:2377'");
        let (_, st) = r.exec("10.0.0.2", "docker info --format '{{json .Swarm}}'");
        let st: serde_json::Value = serde_json::from_str(&st).unwrap();
        assert_eq!(st["RemoteManagers"][0]["Addr"], "10.0.0.1:2377");
        let (_, ls) = r.exec("10.0.0.1", "docker node ls --format '{{json .}}'");
        assert_eq!(ls.lines().count(), 3);
        r.exec("10.0.0.2", "true");
        r.exec("10.0.0.3", "true");
        let g = r.grouped();
        assert_eq!(g.len(), 4, "{g:?}");
        assert_eq!(g[3].what, "true");
        assert_eq!(g[3].hosts, ["10.0.0.2", "10.0.0.3"]);
    }
}

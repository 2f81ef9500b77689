//! The plan as a reader sees it: VCC objects to create / change / delete with the fields that
//! matter, files with unified diffs, remote commands per host group — or "no changes".
use crate::plan::diff::{Action, VccDiff};
use crate::plan::files::FileChange;
use crate::plan::remote::StepGroup;
use serde::Serialize;

/// Everything a `--plan` found.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The VCC the snapshot came from.
    pub vcc_url: String,
    /// What the run would change on the VCC, in order.
    pub vcc: VccDiff,
    /// Files the run would write, with diffs.
    pub files: Vec<FileChange>,
    /// known_hosts files the run would change (their new keys are only known once scanned).
    pub known_hosts: Vec<crate::plan::remote::KnownHostsChange>,
    /// Remote commands, one entry per command with its hosts, in order.
    pub remote: Vec<StepGroup>,
    /// GET requests of the snapshot, and how long they took.
    pub snapshot_requests: usize,
    pub snapshot_ms: u64,
    /// The rehearsal (the script against the seeded simulator).
    pub rehearsal_ms: u64,
    /// The rehearsal stopped with this error (the real run would stop there too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Plan {
    /// Nothing to create, change or delete on the VCC, no file to write (in the workdir or
    /// outside it, e.g. a known_hosts file elsewhere).
    pub fn no_changes(&self) -> bool {
        self.vcc.is_empty()
            && self.files.is_empty()
            && !self.remote.iter().any(|g| g.kind == "local write")
    }

    /// The plan as text.
    pub fn render(&self) -> String {
        let mut s = format!(
            "PLAN for {} (snapshot: {} GET request(s) in {} ms; rehearsal {} ms)\n",
            self.vcc_url, self.snapshot_requests, self.snapshot_ms, self.rehearsal_ms
        );
        if let Some(e) = &self.error {
            s.push_str(&format!(
                "\nthe rehearsal stopped with an error; the real run would stop there too:\n  {e}\n"
            ));
        }
        if self.no_changes() && self.error.is_some() {
            s.push_str("\nnothing would change before that error\n");
        } else if self.no_changes() {
            s.push_str("\nno changes: the VCC and the files are as the script wants them");
            if !self.remote.is_empty() {
                s.push_str(&format!(
                    " ({} remote command(s) would still run, listed below)",
                    self.remote.len()
                ));
            }
            s.push('\n');
        }
        if !self.vcc.is_empty() {
            s.push_str("\nVCC objects:\n");
            for c in &self.vcc.changes {
                s.push_str(&format!("  {} {}\n", c.action.sign(), c.title()));
                for (k, v) in &c.fields {
                    // made-up ids of objects the simulator created mean nothing for the VCC
                    if c.action == Action::Create && (k == "cloud_id" || k == "state") {
                        continue;
                    }
                    // a unit going away: what it is, not its whole spec (in the JSON)
                    if c.action == Action::Delete
                        && c.object == crate::plan::diff::Object::Unit
                        && !["image", "cloud_provider", "num_nodes", "num_disks"]
                            .contains(&k.as_str())
                    {
                        continue;
                    }
                    s.push_str(&format!("      {k}: {v}\n"));
                }
            }
            s.push_str(&format!(
                "  to create: {} · to change: {} · to delete: {} · unchanged: {}\n",
                self.vcc.counts(Action::Create).describe(),
                self.vcc.counts(Action::Change).describe(),
                self.vcc.counts(Action::Delete).describe(),
                self.vcc.unchanged.describe()
            ));
        }
        if !self.files.is_empty() {
            s.push_str("\nfiles:\n");
            for f in &self.files {
                s.push_str(&format!("  {} {} ({})\n", sign(f.action), f.path, f.action));
                for l in f.diff.lines() {
                    s.push_str(&format!("    {l}\n"));
                }
            }
        }
        if !self.known_hosts.is_empty() {
            s.push_str("\nknown_hosts:\n");
            for k in &self.known_hosts {
                s.push_str(&format!("  ~ {}\n", k.file));
                if !k.rescanned.is_empty() {
                    s.push_str(&format!(
                        "      entries replaced by scanned keys: {}\n",
                        k.rescanned.join(", ")
                    ));
                }
                if !k.removed.is_empty() {
                    s.push_str(&format!(
                        "      entries removed: {}\n",
                        k.removed.join(", ")
                    ));
                }
            }
        }
        if !self.remote.is_empty() {
            s.push_str("\nremote commands (recorded, not run):\n");
            for g in &self.remote {
                s.push_str(&format!(
                    "  {} `{}` on {} host(s): {}\n",
                    g.kind,
                    g.what,
                    g.hosts.len(),
                    g.hosts.join(", ")
                ));
            }
        }
        crate::redact::redact(&s).into_owned()
    }
}

fn sign(action: &str) -> &'static str {
    match action {
        "create" => "+",
        "delete" => "-",
        _ => "~",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            vcc_url: "https://vcc.example/vcp/v1/occtr".into(),
            vcc: VccDiff::default(),
            files: Vec::new(),
            known_hosts: Vec::new(),
            remote: Vec::new(),
            snapshot_requests: 6,
            snapshot_ms: 30,
            rehearsal_ms: 60,
            error: None,
        }
    }

    #[test]
    fn a_converged_plan_says_no_changes_and_a_failed_one_says_why() {
        let p = plan();
        assert!(p.no_changes());
        assert!(p.render().contains("\nno changes: "), "{}", p.render());
        let mut p = plan();
        p.error = Some("vc_nodes: saved 3, requested 5".into());
        let t = p.render();
        assert!(t.contains("the real run would stop there too"), "{t}");
        assert!(t.contains("nothing would change before that error"), "{t}");
        assert!(!t.contains("no changes"), "{t}");
    }

    #[test]
    fn a_file_written_outside_the_workdir_is_a_change() {
        let mut p = plan();
        p.remote.push(StepGroup {
            kind: "local write".into(),
            what: "/home/me/.ssh/known_hosts".into(),
            hosts: vec!["localhost".into()],
        });
        assert!(!p.no_changes());
        assert!(!p.render().contains("no changes"), "{}", p.render());
    }

    #[test]
    fn registered_secrets_never_show() {
        crate::redact::add_secret("s.topsecret-plan-token");
        let mut p = plan();
        p.remote.push(StepGroup {
            kind: "exec".into(),
            what: "docker swarm join --token s.topsecret-plan-token 10.0.0.1:2377".into(),
            hosts: vec!["10.0.0.2".into()],
        });
        let t = p.render();
        assert!(!t.contains("s.topsecret-plan-token"), "{t}");
        assert!(t.contains("on 1 host(s): 10.0.0.2"), "{t}");
    }
}

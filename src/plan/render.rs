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
        use crate::t;
        let mut s = t!(
            "plan-head",
            url = self.vcc_url.as_str(),
            requests = self.snapshot_requests,
            snapshot_ms = self.snapshot_ms,
            rehearsal_ms = self.rehearsal_ms
        );
        s.push('\n');
        if let Some(e) = &self.error {
            s.push_str(&format!("\n{}\n", t!("plan-error")));
            for l in e.lines() {
                s.push_str(&format!("  {l}\n"));
            }
        }
        if self.no_changes() && self.error.is_some() {
            s.push_str(&format!("\n{}\n", t!("plan-nothing-before-error")));
        } else if self.no_changes() {
            s.push('\n');
            s.push_str(&t!("plan-no-changes"));
            if !self.remote.is_empty() {
                s.push_str(&t!("plan-no-changes-remote", count = self.remote.len()));
            }
            s.push('\n');
        }
        if !self.vcc.is_empty() {
            s.push_str(&format!("\n{}\n", t!("plan-vcc-objects")));
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
            s.push_str(&t!(
                "plan-vcc-totals",
                create = self.vcc.counts(Action::Create).describe(),
                change = self.vcc.counts(Action::Change).describe(),
                delete = self.vcc.counts(Action::Delete).describe(),
                unchanged = self.vcc.unchanged.describe()
            ));
            s.push('\n');
        }
        if !self.files.is_empty() {
            s.push_str(&format!("\n{}\n", t!("plan-files")));
            for f in &self.files {
                let action = match f.action {
                    "create" => t!("plan-file-create"),
                    "delete" => t!("plan-file-delete"),
                    "change" => t!("plan-file-change"),
                    other => other.to_string(),
                };
                s.push_str(&format!("  {} {} ({action})\n", sign(f.action), f.path));
                for l in f.diff.lines() {
                    s.push_str(&format!("    {l}\n"));
                }
            }
        }
        if !self.known_hosts.is_empty() {
            s.push_str(&format!("\n{}\n", t!("plan-known-hosts")));
            for k in &self.known_hosts {
                s.push_str(&format!("  ~ {}\n", k.file));
                if !k.rescanned.is_empty() {
                    s.push_str(&format!(
                        "      {}\n",
                        t!("plan-known-hosts-rescanned", hosts = k.rescanned.join(", "))
                    ));
                }
                if !k.removed.is_empty() {
                    s.push_str(&format!(
                        "      {}\n",
                        t!("plan-known-hosts-removed", hosts = k.removed.join(", "))
                    ));
                }
            }
        }
        if !self.remote.is_empty() {
            s.push_str(&format!("\n{}\n", t!("plan-remote")));
            for g in &self.remote {
                s.push_str(&t!(
                    "plan-remote-group",
                    kind = kind_words(&g.kind),
                    what = g.what.as_str(),
                    count = g.hosts.len(),
                    hosts = g.hosts.join(", ")
                ));
                s.push('\n');
            }
        }
        crate::redact::redact(&s).into_owned()
    }
}

/// A remote step's kind in words (`exec`, `keyscan`, `local write`…).
fn kind_words(kind: &str) -> String {
    let key = format!("plan-kind-{}", kind.replace([' ', '_'], "-"));
    let m = crate::t!(&key);
    if m == key { kind.to_string() } else { m }
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

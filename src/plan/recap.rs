//! The recap at the end of every run: VCC objects created / changed / deleted / unchanged,
//! files written / unchanged, remote commands ok / failed per host, elapsed time — from the
//! run's journal events and a before/after view of the VCC. A converged run says so in one
//! line. The recap is also the journal's last record.
use crate::journal::Event;
use crate::plan::diff::{Action, VccDiff};
use crate::vcc::Client;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// Remote commands on one host.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HostCount {
    pub ok: usize,
    pub failed: usize,
    /// Recorded, not run (`--plan`).
    pub planned: usize,
}

/// Playbook tasks on one host (`ansible::playbook`), summed over the run's playbooks, as
/// Ansible counts them (`ok` includes the changed ones; under `--plan`, `changed` is what check
/// mode says would change).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TaskCount {
    pub ok: u64,
    pub changed: u64,
    pub failed: u64,
    pub unreachable: u64,
    pub skipped: u64,
}

/// The recap of one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recap {
    /// What changed on the VCC (None when the run never connected to one).
    pub vcc: Option<VccDiff>,
    /// Files whose content changed (relative to the workdir when inside it).
    pub files_written: Vec<String>,
    /// Files written with the content they already had.
    pub files_unchanged: Vec<String>,
    /// Per host, in address order.
    pub remote: BTreeMap<String, HostCount>,
    /// Playbook tasks per host (none when the run ran no playbook).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub playbooks: BTreeMap<String, TaskCount>,
    pub elapsed_ms: u64,
    /// Nothing changed on the VCC nor in the files.
    pub converged: bool,
    /// A `--plan` rehearsal.
    pub planned: bool,
    /// The script finished without an error.
    pub ok: bool,
    /// How a run that did not simply finish ended: "stopped by SIGTERM: exit code 143", "the
    /// script called exit(3): exit code 3" (set by the caller; None otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ending: Option<String>,
}

static WATCHED: Mutex<Option<Client>> = Mutex::new(None);

/// Remember the run's (first) VCC connection: the recap compares its state at connect with
/// its state at the end.
pub fn watch(c: &Client) {
    let mut w = WATCHED.lock().unwrap_or_else(|e| e.into_inner());
    if w.is_none() {
        *w = Some(c.clone());
    }
}

/// The VCC connection being watched.
pub fn watched() -> Option<Client> {
    WATCHED.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// The VCC's change over the run: its state at connect against a fresh `GET /vcs` (None when
/// the run never connected; an error when the final read fails).
pub async fn vcc_change() -> Option<Result<VccDiff, String>> {
    let c = watched()?;
    let before = c.initial_ugroups().to_vec();
    Some(
        c.ugroups()
            .await
            .map(|after| crate::plan::diff::diff(&before, &after))
            .map_err(|e| e.to_string()),
    )
}

fn rel(root: &Path, p: &str) -> String {
    Path::new(p)
        .strip_prefix(root)
        .map(|r| r.display().to_string())
        .unwrap_or_else(|_| p.to_string())
}

/// Build the recap from the journal events of the run.
pub fn collect(
    events: &[Event],
    vcc: Option<VccDiff>,
    elapsed: Duration,
    root: &Path,
    planned: bool,
    ok: bool,
) -> Recap {
    let mut r = Recap {
        vcc,
        elapsed_ms: elapsed.as_millis() as u64,
        planned,
        ok,
        ..Default::default()
    };
    let mut files: Vec<(String, bool)> = Vec::new();
    let mut note = |p: String, changed: bool| match files.iter_mut().find(|(q, _)| *q == p) {
        Some((_, c)) => *c |= changed,
        None => files.push((p, changed)),
    };
    for e in events {
        match (e.kind, e.action.as_str()) {
            ("file", "write") if e.outcome == "ok" => {
                let changed = e
                    .detail
                    .get("changed")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(true);
                note(rel(root, &e.target), changed);
            }
            ("ssh", "known_hosts write") if e.outcome == "ok" => note(rel(root, &e.target), true),
            // a file moved aside (group_vars retired by teardown): both names changed
            ("file", "move") if e.outcome == "ok" => {
                note(rel(root, &e.target), true);
                if let Some(to) = e.detail.get("to").and_then(|v| v.as_str()) {
                    note(rel(root, to), true);
                }
            }
            ("ssh", "exec" | "put" | "keyscan") => {
                let h = r.remote.entry(e.target.clone()).or_default();
                if e.detail.get("planned").and_then(|v| v.as_bool()) == Some(true) {
                    h.planned += 1;
                } else if e.outcome == "ok" {
                    h.ok += 1;
                } else {
                    h.failed += 1;
                }
            }
            ("ansible", "playbook") => {
                let hosts = e.detail.get("hosts").and_then(|v| v.as_object());
                for (h, v) in hosts.into_iter().flatten() {
                    let n = |k: &str| v.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
                    let t = r.playbooks.entry(h.clone()).or_default();
                    t.ok += n("ok");
                    t.changed += n("changed");
                    t.failed += n("failed");
                    t.unreachable += n("unreachable");
                    t.skipped += n("skipped");
                }
            }
            _ => {}
        }
    }
    for (p, changed) in files {
        if changed {
            r.files_written.push(p);
        } else {
            r.files_unchanged.push(p);
        }
    }
    r.converged = r.vcc.as_ref().is_none_or(|d| d.is_empty())
        && r.files_written.is_empty()
        && r.playbooks
            .values()
            .all(|t| t.changed == 0 && t.failed == 0 && t.unreachable == 0);
    r
}

fn secs(ms: u64) -> String {
    crate::t!(
        "plan-seconds",
        seconds = format!("{:.1}", ms as f64 / 1000.0)
    )
}

impl Recap {
    /// The recap as text: one line when converged, else one line per domain.
    pub fn render(&self) -> String {
        use crate::t;
        let head = if self.planned {
            t!("plan-recap-head-plan")
        } else {
            t!("plan-recap-head")
        };
        let remote_total = |f: fn(&HostCount) -> usize| self.remote.values().map(f).sum::<usize>();
        let remote_line = if self.remote.is_empty() {
            t!("plan-recap-no-remote")
        } else if self.planned {
            t!(
                "plan-recap-remote-planned-total",
                count = remote_total(|h| h.planned),
                hosts = self.remote.len()
            )
        } else {
            t!(
                "plan-recap-remote-total",
                count = remote_total(|h| h.ok),
                failed = remote_total(|h| h.failed),
                hosts = self.remote.len()
            )
        };
        if self.converged && self.ok {
            // a run that never used a VCC says so, not "no VCC unchanged"
            let vcc = match &self.vcc {
                Some(d) => t!("plan-recap-vcc-unchanged", objects = d.unchanged.describe()),
                None => t!("plan-recap-no-vcc"),
            };
            return format!(
                "{}\n",
                t!(
                    "plan-recap-converged",
                    head = head,
                    vcc = vcc,
                    files = self.files_unchanged.len(),
                    remote = remote_line,
                    elapsed = secs(self.elapsed_ms)
                )
            );
        }
        let ending = match (&self.ending, self.ok) {
            (Some(e), _) => t!("plan-recap-ending", ending = e.as_str()),
            (None, true) => String::new(),
            (None, false) => t!("plan-recap-ending", ending = t!("plan-recap-failed")),
        };
        let mut lines = vec![t!(
            "plan-recap-head-line",
            head = head,
            ending = ending,
            elapsed = secs(self.elapsed_ms)
        )];
        lines.push(match &self.vcc {
            None => t!("plan-recap-vcc-none"),
            Some(d) => t!(
                "plan-recap-vcc",
                created = d.counts(Action::Create).describe(),
                changed = d.counts(Action::Change).describe(),
                deleted = d.counts(Action::Delete).describe(),
                unchanged = d.unchanged.describe()
            ),
        });
        let list = |v: &[String]| {
            if v.is_empty() {
                t!("plan-none")
            } else {
                v.join(", ")
            }
        };
        lines.push(t!(
            "plan-recap-files",
            written = list(&self.files_written),
            unchanged = list(&self.files_unchanged)
        ));
        if self.remote.is_empty() {
            lines.push(t!("plan-recap-remote-none-line"));
        } else {
            for (h, c) in &self.remote {
                lines.push(if self.planned {
                    t!("plan-recap-remote-planned", host = h, planned = c.planned)
                } else {
                    t!(
                        "plan-recap-remote-host",
                        host = h,
                        ok = c.ok,
                        failed = c.failed
                    )
                });
            }
        }
        let key = if self.planned {
            "plan-recap-ansible-planned"
        } else {
            "plan-recap-ansible"
        };
        for (h, tc) in &self.playbooks {
            lines.push(t!(
                key,
                host = h,
                ok = tc.ok,
                changed = tc.changed,
                failed = tc.failed,
                unreachable = tc.unreachable,
                skipped = tc.skipped
            ));
        }
        let mut s = lines.join("\n");
        s.push('\n');
        crate::redact::redact(&s).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn files_and_hosts_are_counted_and_a_quiet_run_is_converged() {
        let root = Path::new("/w");
        let ev = vec![
            Event::new("file", "write", "/w/group_vars/G.yml").detail(json!({"changed": false})),
            Event::new("file", "write", "/w/hosts").detail(json!({"changed": true})),
            Event::new("ssh", "exec", "10.0.0.1"),
            Event::new("ssh", "exec", "10.0.0.1").failed(),
            Event::new("vcc", "GET", "/vcs"),
        ];
        let r = collect(
            &ev,
            Some(VccDiff::default()),
            Duration::from_millis(1500),
            root,
            false,
            true,
        );
        assert_eq!(r.files_written, ["hosts"]);
        assert_eq!(r.files_unchanged, ["group_vars/G.yml"]);
        assert_eq!(
            r.remote["10.0.0.1"],
            HostCount {
                ok: 1,
                failed: 1,
                planned: 0
            }
        );
        assert!(!r.converged);
        let text = r.render();
        assert!(text.contains("10.0.0.1: ok=1 failed=1"), "{text}");
        let quiet = collect(
            &ev[..1],
            Some(VccDiff::default()),
            Duration::ZERO,
            root,
            false,
            true,
        );
        assert!(quiet.converged);
        let line = quiet.render();
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(
            line.starts_with("RECAP: converged, nothing changed"),
            "{line}"
        );
    }

    #[test]
    fn a_file_is_written_when_any_write_changed_it_and_unchanged_once_otherwise() {
        let root = Path::new("/w");
        let ev = vec![
            // known_hosts refreshed twice with the same keys: unchanged, listed once
            Event::new("file", "write", "/w/.cwh/known_hosts").detail(json!({"changed": false})),
            Event::new("file", "write", "/w/.cwh/known_hosts").detail(json!({"changed": false})),
            // hosts: unchanged by one step, changed by the next
            Event::new("file", "write", "/w/hosts").detail(json!({"changed": false})),
            Event::new("file", "write", "/w/hosts").detail(json!({"changed": true})),
            // a failed write is not a change
            Event::new("file", "write", "/w/ansible.cfg")
                .failed()
                .detail(json!({"error": "disk full"})),
        ];
        let r = collect(&ev, None, Duration::ZERO, root, false, true);
        assert_eq!(r.files_written, ["hosts"]);
        assert_eq!(r.files_unchanged, [".cwh/known_hosts"]);
        assert!(!r.converged);
        let r = collect(&ev[..2], None, Duration::ZERO, root, false, true);
        assert!(r.converged);
        assert!(
            r.render()
                .contains("files: 1 unchanged; no remote commands"),
            "{}",
            r.render()
        );
        // a run that never used a VCC says so plainly
        assert!(r.render().contains("(no VCC used; "), "{}", r.render());
        assert!(!r.render().contains("no VCC unchanged"), "{}", r.render());
    }

    #[test]
    fn playbook_tasks_are_counted_per_host_and_a_changing_playbook_is_not_converged() {
        let root = Path::new("/w");
        let pb = |h1: serde_json::Value, h2: serde_json::Value| {
            Event::new("ansible", "playbook", "playbooks/x.yml")
                .detail(json!({"hosts": {"10.0.0.1": h1, "10.0.0.2": h2}}))
        };
        let quiet = json!({"status": "ok", "ok": 3, "changed": 0, "failed": 0, "unreachable": 0, "skipped": 1});
        let busy = json!({"status": "changed", "ok": 3, "changed": 2, "failed": 0, "unreachable": 0, "skipped": 0});
        // a converged re-run of a playbook: counted, and the run is converged
        let r = collect(
            &[pb(quiet.clone(), quiet.clone())],
            None,
            Duration::ZERO,
            root,
            false,
            true,
        );
        assert!(r.converged);
        assert_eq!(r.playbooks["10.0.0.1"].ok, 3);
        assert_eq!(r.playbooks["10.0.0.1"].skipped, 1);
        // two playbooks, one changing a host: summed per host, not converged, shown per host
        let ev = [pb(quiet.clone(), quiet.clone()), pb(quiet, busy)];
        let r = collect(&ev, None, Duration::ZERO, root, false, true);
        assert!(!r.converged);
        assert_eq!(r.playbooks["10.0.0.2"].changed, 2);
        assert_eq!(r.playbooks["10.0.0.2"].ok, 6);
        let text = r.render();
        assert!(
            text.contains("  ansible 10.0.0.2: ok=6 changed=2 failed=0"),
            "{text}"
        );
        // under --plan the same counts are what would change
        let r = collect(&ev, None, Duration::ZERO, root, true, true);
        assert!(r.render().contains("would change=2"), "{}", r.render());
    }
}

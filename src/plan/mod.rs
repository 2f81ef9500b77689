//! Plan before apply (`cwh run SCRIPT --plan`) and the recap after every run.
//!
//! A plan is a rehearsal: the VCC's state is read with GET requests only
//! ([`crate::sim::snapshot`]) and loaded into the embedded simulator, the unchanged script runs
//! against it with file writes going to a scratch copy of the workdir ([`files`]) and remote
//! steps recorded, never run ([`remote`]). What the rehearsal did is then the plan: the VCC
//! objects it created/changed/deleted ([`diff`]), the files it changed (unified diffs) and the
//! remote commands per host ([`render`]). The recap ([`recap`]) summarises any run from its
//! journal the same way.
//!
//! Plan mode is process-wide (one run per process): [`activate`] sets the interlock
//! ([`crate::interlock::set_plan`]) that the cores consult before they reach out or write. The
//! plan reads the nodes that exist for real — host-key scans and the commands marked as
//! queries (the swarm's state, join tokens, the reachability probe) — and records every other
//! remote step; `--plan --offline` records the reads too ([`set_offline`]).
pub mod diff;
pub mod files;
pub mod recap;
pub mod rehearsal;
pub mod remote;
pub mod render;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The state of a `--plan` run.
#[derive(Debug)]
pub struct PlanMode {
    /// The real workdir (never written, except `.cwh/`).
    pub workdir: PathBuf,
    /// The scratch copy the rehearsal writes to (`<workdir>/.cwh/plan/work`).
    pub scratch: PathBuf,
    /// Remote steps recorded.
    pub remote: remote::Remote,
    /// The base URL of the seeded simulator: the only place a mutating request may go.
    rehearsal: OnceLock<String>,
    /// What the snapshot was taken of: the script sees this target (`vcp.target`) and takes
    /// the path its real run takes.
    target: OnceLock<crate::vcc::Target>,
}

static MODE: OnceLock<PlanMode> = OnceLock::new();

/// Where the scratch copy of `workdir` lives.
pub fn scratch_dir(workdir: &Path) -> PathBuf {
    workdir.join(".cwh").join("plan").join("work")
}

/// Enter plan mode for this process: copy the workdir to its scratch directory and return it.
pub fn activate(workdir: &Path) -> std::io::Result<&'static PlanMode> {
    if let Some(m) = MODE.get() {
        return Ok(m);
    }
    let workdir = &std::path::absolute(workdir)?;
    let scratch = scratch_dir(workdir);
    files::copy_workdir(workdir, &scratch)?;
    crate::redact::add_secret(remote::PLANNED_TOKEN);
    let _ = MODE.set(PlanMode {
        workdir: workdir.to_path_buf(),
        scratch,
        remote: remote::Remote::default(),
        rehearsal: OnceLock::new(),
        target: OnceLock::new(),
    });
    let mode = MODE.get().expect("just set");
    crate::interlock::set_plan(mode);
    Ok(mode)
}

/// Plan mode, when this process rehearses.
pub fn active() -> Option<&'static PlanMode> {
    MODE.get()
}

static OFFLINE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--plan --offline`: no node is contacted; the plan's model answers the queries too (nodes
/// that cannot be reached from here).
pub fn set_offline(on: bool) {
    OFFLINE.store(on, std::sync::atomic::Ordering::SeqCst);
}

/// Whether [`set_offline`] is in force.
pub fn offline() -> bool {
    OFFLINE.load(std::sync::atomic::Ordering::SeqCst)
}

impl crate::interlock::Rehearsal for PlanMode {
    fn record(&self, kind: &str, host: &str, what: &str) {
        self.remote.record(kind, host, what);
    }
    fn answer(&self, host: &str, cmd: &str, query: bool) -> (i32, String) {
        self.remote.exec(host, cmd, query)
    }
    fn reads(&self, host: &str, cmd: &str) -> bool {
        !offline() && self.remote.reads(host, cmd)
    }
    fn lost(&self, host: &str) -> bool {
        self.remote.lost(host)
    }
    fn observe(&self, host: &str, cmd: &str, rc: Option<i32>, stdout: &str) {
        self.remote.observe(host, cmd, rc, stdout);
    }
    fn in_scratch(&self, p: &Path) -> bool {
        PlanMode::in_scratch(self, p)
    }
    fn shown(&self, p: &Path) -> String {
        PlanMode::shown(self, p)
    }
    fn unchanged_for_the_run(&self, p: &Path, data: &[u8]) -> bool {
        let Ok(rel) =
            std::path::absolute(p).map(|a| a.strip_prefix(&self.scratch).map(Path::to_path_buf))
        else {
            return false;
        };
        let Ok(rel) = rel else { return false };
        let Ok(real) = std::fs::read(self.workdir.join(rel)) else {
            return false;
        };
        files::as_real(data.to_vec(), &self.workdir, &self.scratch) == real
    }
    fn may_change(&self, url: &str) -> bool {
        self.is_rehearsal_url(url)
    }
}

impl PlanMode {
    /// Say what the snapshot was taken of (once).
    pub fn set_target(&self, t: crate::vcc::Target) {
        let _ = self.target.set(t);
    }

    /// What the snapshot was taken of (a configured VCC until said otherwise).
    pub fn target(&self) -> crate::vcc::Target {
        self.target.get().cloned().unwrap_or_default()
    }

    /// Set the seeded simulator's base URL (once).
    pub fn set_rehearsal_url(&self, url: &str) {
        let _ = self.rehearsal.set(url.to_string());
    }

    /// Is `url` the seeded simulator's? Mutating requests anywhere else are refused.
    pub fn is_rehearsal_url(&self, url: &str) -> bool {
        self.rehearsal.get().is_some_and(|base| under(base, url))
    }

    /// Does the rehearsal write `p` for real (inside the scratch copy)?
    pub fn in_scratch(&self, p: &Path) -> bool {
        std::path::absolute(p).is_ok_and(|a| a.starts_with(&self.scratch))
    }

    /// A path as the plan shows it: relative to the workdir when it is in the scratch copy.
    pub fn shown(&self, p: &Path) -> String {
        match p.strip_prefix(&self.scratch) {
            Ok(rel) => rel.display().to_string(),
            Err(_) => p.display().to_string(),
        }
    }
}

/// Is `url` the base URL `base` or below it (`http://127.0.0.1:1/x` is not below
/// `http://127.0.0.1:1/x2`, nor `http://127.0.0.1:12/…` below `http://127.0.0.1:1`)?
fn under(base: &str, url: &str) -> bool {
    let base = base.trim_end_matches('/');
    url == base || url.starts_with(&format!("{base}/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_rehearsal_simulator_is_under_its_base() {
        let b = "http://127.0.0.1:4000/vcp/v1/occtr";
        assert!(super::under(
            b,
            "http://127.0.0.1:4000/vcp/v1/occtr/vcs/abc"
        ));
        assert!(super::under(b, b));
        assert!(!super::under(b, "http://127.0.0.1:40001/vcp/v1/occtr/vcs"));
        assert!(!super::under(
            b,
            "https://vcc.example.ac.jp/vcp/v1/occtr/vcs"
        ));
        assert!(!super::under(b, "http://127.0.0.1:4000/vcp/v1/occtr2"));
    }
}

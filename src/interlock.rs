//! The process-wide interlocks the cores consult before they reach out or write: a run's nodes
//! may be records only (cwh's simulator without a lab), and a run may be a `--plan` rehearsal.
//!
//! This module is the ground floor: it imports no other part of cwh. `plan/` enters plan mode
//! ([`set_plan`]) and the cores (`files.rs`, `ssh/`, `vcc/`) ask [`plan`] what they may do, so
//! no core imports `plan/`. One run per process: both interlocks are set once and never
//! lifted, which is what makes them safe (no code path can forget to pass them on).
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static RECORDS_ONLY: AtomicBool = AtomicBool::new(false);

/// Say whether this run's nodes are records only (its VCC is cwh's simulator without lab
/// nodes, whose addresses are made up). While set, SSH and keyscan refuse every address but
/// loopback before a packet is sent: the network rule holds whatever a script asks.
pub fn set_records_only(on: bool) {
    RECORDS_ONLY.store(on, Ordering::SeqCst);
}

/// Whether [`set_records_only`] is in force.
pub fn records_only() -> bool {
    RECORDS_ONLY.load(Ordering::SeqCst)
}

/// What a core asks a `--plan` rehearsal. The rehearsal reads for real (GET requests, host-key
/// scans, remote commands marked as queries on nodes that exist) and records everything else.
pub trait Rehearsal: Send + Sync {
    /// Record a step the real run would take (`exec`, `put`, `keyscan`, `known_hosts remove`,
    /// `local write`) on `host`.
    fn record(&self, kind: &str, host: &str, what: &str);
    /// A command that is not run: answered as the plan's model of the nodes answers it, and
    /// recorded as planned work unless it is a `query` (a read the plan could not make, e.g.
    /// on a node the rehearsal created). Returns (rc, stdout).
    fn answer(&self, host: &str, cmd: &str, query: bool) -> (i32, String);
    /// May the query `cmd` (a command that changes nothing) run for real on `host`? Not on a
    /// node the rehearsal created (it does not exist), nor under `--plan --offline`, nor once a
    /// recorded change on the nodes would make the real answer stale.
    fn reads(&self, host: &str, cmd: &str) -> bool;
    /// Is `host` a node whose VM is lost (in ERROR on the VCC)? A step the real run sends it
    /// fails to connect; the planned one fails the same way, and is not planned work.
    fn lost(&self, host: &str) -> bool;
    /// What a query that ran for real answered (the model learns the nodes' state from it).
    fn observe(&self, host: &str, cmd: &str, rc: Option<i32>, stdout: &str);
    /// Is `p` inside the rehearsal's scratch copy of the workdir (the only place it writes)?
    fn in_scratch(&self, p: &Path) -> bool;
    /// Would the run leave the file the rehearsal writes at `p` (in the scratch copy) as it is?
    /// Its real counterpart already holds `data` once the scratch copy's own paths in it are
    /// the real workdir's (ansible.cfg names its inventory by path).
    fn unchanged_for_the_run(&self, p: &Path, data: &[u8]) -> bool;
    /// A path as the plan shows it (relative to the workdir when in the scratch copy).
    fn shown(&self, p: &Path) -> String;
    /// Is `url` the seeded simulator's, the only server a mutating request may go to?
    fn may_change(&self, url: &str) -> bool;
}

static PLAN: OnceLock<&'static dyn Rehearsal> = OnceLock::new();

/// Enter plan mode for this process (once; later calls are ignored).
pub fn set_plan(r: &'static dyn Rehearsal) {
    let _ = PLAN.set(r);
}

/// The rehearsal, when this process runs a `--plan`.
pub fn plan() -> Option<&'static dyn Rehearsal> {
    PLAN.get().copied()
}

/// Under `--plan`, may `p` be written for real? Everywhere outside plan mode.
pub fn may_write(p: &Path) -> bool {
    plan().is_none_or(|r| r.in_scratch(p))
}

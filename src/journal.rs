//! The run journal: every VCC call, remote command and file write that a primitive performs is
//! recorded as one JSON line in `<workdir>/.cwh/runs/<timestamp>.jsonl` (secrets redacted), and
//! echoed on stderr with `-v`. Cores call [`record`]; when no journal is open (unit tests,
//! library use) the event only goes to `tracing` at debug level.
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// One thing a primitive did.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Domain: `vcc`, `ssh`, `file`, `swarm`, `script`.
    pub kind: &'static str,
    /// What was done: `GET /vcs`, `exec`, `write`…
    pub action: String,
    /// Where: a URL, a host, a path.
    pub target: String,
    /// Wall time in milliseconds.
    pub duration_ms: u64,
    /// `ok` or `error`.
    pub outcome: &'static str,
    /// Free-form detail (status code, exit code, error message…).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub detail: serde_json::Value,
}

impl Event {
    pub fn new(kind: &'static str, action: impl Into<String>, target: impl Into<String>) -> Self {
        Event {
            kind,
            action: action.into(),
            target: target.into(),
            duration_ms: 0,
            outcome: "ok",
            detail: serde_json::Value::Null,
        }
    }
    pub fn took(mut self, d: Duration) -> Self {
        self.duration_ms = d.as_millis() as u64;
        self
    }
    pub fn failed(mut self) -> Self {
        self.outcome = "error";
        self
    }
    pub fn outcome_ok(mut self, ok: bool) -> Self {
        self.outcome = if ok { "ok" } else { "error" };
        self
    }
    pub fn detail(mut self, d: serde_json::Value) -> Self {
        self.detail = d;
        self
    }
}

struct Journal {
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

static JOURNAL: OnceLock<Journal> = OnceLock::new();

/// How many events a process keeps in memory for its recap.
const MAX_EVENTS: usize = 1_000_000;

/// Every event of this process, for the recap at the end of the run.
static EVENTS: Mutex<Vec<Event>> = Mutex::new(Vec::new());

/// The events recorded so far in this process (the run's, for its recap).
pub fn events() -> Vec<Event> {
    EVENTS.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Open the journal for this run under `workdir/.cwh/runs/`. Returns its path.
pub fn open(workdir: &Path) -> std::io::Result<PathBuf> {
    if let Some(j) = JOURNAL.get() {
        return Ok(j.path.clone());
    }
    let dir = workdir.join(".cwh").join("runs");
    std::fs::create_dir_all(&dir)?;
    let now = time::OffsetDateTime::now_utc();
    let stamp = now
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second].[subsecond digits:3]Z"
        ))
        .unwrap_or_else(|_| "run".into());
    let (path, file) = create_exclusive(&dir, &stamp)?;
    let _ = JOURNAL.set(Journal {
        path: path.clone(),
        file: Mutex::new(file),
    });
    Ok(path)
}

/// `dir/<stamp>.jsonl`, or `<stamp>-N.jsonl` when taken: created exclusively (O_EXCL), so two
/// runs starting in the same millisecond never share a file.
fn create_exclusive(dir: &Path, stamp: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut n = 0;
    loop {
        let path = if n == 0 {
            dir.join(format!("{stamp}.jsonl"))
        } else {
            dir.join(format!("{stamp}-{n}.jsonl"))
        };
        match std::fs::OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
        {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The open journal's path, if any.
pub fn path() -> Option<PathBuf> {
    JOURNAL.get().map(|j| j.path.clone())
}

/// Record an event: append it to the journal (when open) and log it at debug level
/// (`-v` shows it). Secrets are redacted in both.
pub fn record(ev: Event) {
    let mut line = serde_json::to_value(&ev).unwrap_or_default();
    if let serde_json::Value::Object(m) = &mut line {
        let ts = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        m.insert("ts".into(), serde_json::Value::String(ts));
    }
    let text = crate::redact::redact(&line.to_string()).into_owned();
    tracing::debug!(target: "cwh::journal", "{} {} {} {}ms {}{}",
        ev.kind, ev.action, crate::redact::redact(&ev.target), ev.duration_ms, ev.outcome,
        if ev.detail.is_null() { String::new() } else { format!(" {}", crate::redact::redact(&ev.detail.to_string())) });
    if let Some(j) = JOURNAL.get() {
        let mut f = j.file.lock().unwrap_or_else(|e| e.into_inner());
        // one write per line (O_APPEND), so lines never interleave
        if let Err(e) = f.write_all(format!("{text}\n").as_bytes()) {
            let _ = FAILED.set(crate::t!(
                "journal-write-failed",
                path = j.path.display().to_string(),
                problem = e.to_string()
            ));
        }
    }
    let mut evs = EVENTS.lock().unwrap_or_else(|e| e.into_inner());
    // a long REPL session: the recap (of `cwh run`) never needs more
    if evs.len() < MAX_EVENTS {
        evs.push(ev);
    }
}

static FAILED: OnceLock<String> = OnceLock::new();

/// Ok while every journal line could be written; else the first error. Primitives that
/// change something check it first, so a run whose journal is failing (a full disk) stops
/// before its next change instead of carrying on unrecorded.
pub fn healthy() -> Result<(), String> {
    match FAILED.get() {
        Some(e) => Err(crate::t!("journal-stopped", problem = e.as_str())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journals_of_the_same_millisecond_are_distinct_files() {
        let d = tempfile::tempdir().unwrap();
        // many "runs" racing for one stamp: each gets its own file
        let paths: Vec<PathBuf> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        create_exclusive(d.path(), "20260101T000000.000Z")
                            .unwrap()
                            .0
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut uniq = paths.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(uniq.len(), 8, "{paths:?}");
        assert!(
            paths
                .iter()
                .any(|p| p.ends_with("20260101T000000.000Z.jsonl"))
        );
    }
}

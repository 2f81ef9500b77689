//! `ansible-playbook` as the notebooks run it (`!ansible-playbook -l {ug}_manager -e … X.yml`),
//! from cwh: real Ansible ([`venv::find`]) with the workdir's `ansible.cfg` and inventory, extra
//! variables passed in a private file (`-e @file`, mode 0600, removed afterwards: never on a
//! command line), progress on stderr, and the outcome per host read from Ansible's own events.
//!
//! The events come from a small callback plugin shipped inside the binary
//! (`playbook/cwh_events.py`, ansible-core has no JSON callback of its own since 2.11): written
//! to a private temp directory for the run, it sends one JSON line per play, task, host result,
//! diff and the final stats over a Unix socket. Ansible's own output is untouched; `-v` shows
//! it as it was.
//!
//! Under `--plan` a playbook runs in check mode with diffs (`--check --diff`): Ansible connects
//! and reports what it would change, changing nothing; a host that fails or cannot be reached
//! then is a warning, not an error (a check-mode run cannot see the effect of earlier steps).
pub mod venv;

use crate::local::process::{self, RunError, Stream};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a playbook may run unless the script says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3600);

/// The most of Ansible's own output kept per stream.
const OUTPUT_LIMIT: usize = 4 << 20;

/// The callback plugin (see the module doc).
const CALLBACK: &str = include_str!("playbook/cwh_events.py");

/// Errors of a playbook run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PlaybookError {
    #[error("{}", crate::t!("ansible-not-installed", searched = searched.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::not_installed",
        help("{}", crate::t!("ansible-not-installed-help"))
    )]
    NotInstalled { searched: String },
    #[error("{}", crate::t!("ansible-install", problem = message.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::install",
        help("{}", crate::t!("ansible-install-help"))
    )]
    Install { message: String },
    #[error("{}", crate::t!("ansible-playbook-missing", playbook = _0.display().to_string()))]
    #[diagnostic(
        code = "cwh::ansible::playbook",
        help("{}", crate::t!("ansible-playbook-missing-help"))
    )]
    Missing(PathBuf),
    #[error("{}", crate::t!("ansible-no-inventory", problem = _0.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::no_inventory",
        help("{}", crate::t!("ansible-no-inventory-help"))
    )]
    NoInventory(String),
    #[error("{}", crate::t!("ansible-no-hosts", playbook = playbook.as_str(), limit = limit.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::no_hosts",
        help("{}", crate::t!("ansible-no-hosts-help"))
    )]
    NoHosts { playbook: String, limit: String },
    #[error("{message}")]
    #[diagnostic(
        code = "cwh::ansible::failed",
        help("{}", crate::t!("ansible-failed-help"))
    )]
    Failed {
        message: String,
        result: Box<PlaybookResult>,
    },
    #[error("{message}")]
    #[diagnostic(
        code = "cwh::ansible::unreachable",
        help("{}", crate::t!("ansible-unreachable-help"))
    )]
    Unreachable {
        message: String,
        result: Box<PlaybookResult>,
    },
    #[error("{}", crate::t!("ansible-run", playbook = playbook.as_str(), rc = *rc, problem = message.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::run",
        help("{}", crate::t!("ansible-run-help"))
    )]
    Run {
        playbook: String,
        rc: i32,
        message: String,
    },
    #[error("{}", crate::t!("ansible-timeout", playbook = playbook.as_str(), seconds = *secs))]
    #[diagnostic(
        code = "cwh::ansible::timeout",
        help("{}", crate::t!("ansible-timeout-help"))
    )]
    Timeout { playbook: String, secs: f64 },
    #[error("{}", crate::t!("ansible-records-only", playbook = _0.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::records_only",
        help("{}", crate::t!("ansible-records-only-help"))
    )]
    RecordsOnly(String),
    #[error("{0}")]
    #[diagnostic(code = "cwh::ansible::io")]
    Io(String),
}

impl PlaybookError {
    /// The run's result, for errors that have one (a failed or unreachable host).
    pub fn result(&self) -> Option<&PlaybookResult> {
        match self {
            PlaybookError::Failed { result, .. } | PlaybookError::Unreachable { result, .. } => {
                Some(result)
            }
            _ => None,
        }
    }
}

/// Options of one run.
#[derive(Debug, Clone, Default)]
pub struct PlaybookOptions {
    /// `-l`: hosts or groups (Ansible's pattern syntax).
    pub limit: Option<String>,
    /// Variables passed as `-e @file` (JSON).
    pub extra_vars: serde_json::Map<String, serde_json::Value>,
    /// `--tags`.
    pub tags: Vec<String>,
    /// `--skip-tags`.
    pub skip_tags: Vec<String>,
    /// `--check`.
    pub check: bool,
    /// `--diff`.
    pub diff: bool,
    /// `-i`: an inventory file instead of the one ansible.cfg names.
    pub inventory: Option<PathBuf>,
    /// Defaults to [`DEFAULT_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// Show Ansible's own output on stderr (default: with `-v`).
    pub echo: Option<bool>,
}

/// One host's counts, as Ansible's PLAY RECAP.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HostStats {
    pub ok: u64,
    pub changed: u64,
    pub unreachable: u64,
    pub failed: u64,
    pub skipped: u64,
    pub rescued: u64,
    pub ignored: u64,
}

/// One host in the result: its counts and one word for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostResult {
    /// `failed`, `unreachable`, `changed` (in check mode: would change), `ok` or `skipped`.
    pub status: &'static str,
    #[serde(flatten)]
    pub stats: HostStats,
}

impl HostStats {
    fn status(&self) -> &'static str {
        if self.failed > 0 {
            "failed"
        } else if self.unreachable > 0 {
            "unreachable"
        } else if self.changed > 0 {
            "changed"
        } else if self.ok == 0 && self.skipped > 0 {
            "skipped"
        } else {
            "ok"
        }
    }
}

/// A task that failed on a host, or a host that could not be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub host: String,
    pub task: String,
    /// What Ansible said (for a command: its message and the last line of its stderr; for an
    /// unreachable host: the SSH reason).
    pub message: String,
    pub unreachable: bool,
    /// The end of the failed command's stderr, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
    /// Its exit code, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rc: Option<i64>,
}

/// A change Ansible showed as a diff (with `diff`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub host: String,
    pub task: String,
    pub text: String,
}

/// What a playbook run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaybookResult {
    /// As the script named it.
    pub playbook: String,
    /// A check-mode run (`check`, or under `--plan`): nothing was changed.
    pub check: bool,
    /// ansible-playbook's exit code.
    pub rc: i32,
    /// Per host, in name order.
    pub hosts: BTreeMap<String, HostResult>,
    /// The hosts with at least one change (would change, in check mode).
    pub changed: Vec<String>,
    /// Tasks that failed (not ignored, not rescued) and unreachable hosts.
    pub failures: Vec<Failure>,
    /// With `diff`: the changes as Ansible showed them.
    pub diffs: Vec<Diff>,
    /// Every host ran without a failure and was reachable.
    pub ok: bool,
}

/// The events as the callback sends them.
#[derive(Debug, Default)]
struct Collected {
    stats: Option<BTreeMap<String, HostStats>>,
    /// Per host, the last failure that was not ignored.
    failed: BTreeMap<String, Failure>,
    unreachable: BTreeMap<String, Failure>,
    diffs: Vec<Diff>,
    no_hosts_matched: bool,
    connected: bool,
}

fn text(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k)
        .and_then(|x| x.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn last_line(s: &str) -> Option<&str> {
    s.trim()
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
}

/// A failure's message from a `failed` event: Ansible's `msg`, the last line of stderr, the
/// first failed loop item, or the no_log notice.
fn failure_message(ev: &serde_json::Value) -> String {
    if let Some(c) = text(ev, "censored") {
        return c;
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(m) = text(ev, "msg") {
        parts.push(m);
    }
    if let Some(l) = text(ev, "stderr").as_deref().and_then(last_line) {
        parts.push(l.to_string());
    } else if parts.is_empty()
        && let Some(l) = text(ev, "stdout").as_deref().and_then(last_line)
    {
        parts.push(l.to_string());
    }
    if let Some(items) = ev.get("items").and_then(|i| i.as_array())
        && let Some(first) = items.first()
    {
        let why = text(first, "censored")
            .or_else(|| text(first, "msg"))
            .or_else(|| {
                text(first, "stderr")
                    .as_deref()
                    .and_then(last_line)
                    .map(String::from)
            })
            .unwrap_or_else(|| "failed".into());
        parts.push(crate::t!(
            "ansible-item-failed",
            item = text(first, "item").unwrap_or_default(),
            problem = why
        ));
    }
    if parts.is_empty() {
        crate::t!("ansible-failed-no-message")
    } else {
        parts.join(": ")
    }
}

impl Collected {
    /// Take one event; returns the progress line to show, if any.
    fn take(&mut self, ev: &serde_json::Value) -> Option<String> {
        let host = text(ev, "host").unwrap_or_default();
        let task = text(ev, "task").unwrap_or_default();
        match ev.get("event").and_then(|e| e.as_str()).unwrap_or("") {
            "play" => Some(format!(
                "PLAY [{}]",
                text(ev, "name").unwrap_or_else(|| text(ev, "pattern").unwrap_or_default())
            )),
            "task" => Some(format!("TASK [{}]", text(ev, "name").unwrap_or_default())),
            "no_hosts_matched" => {
                self.no_hosts_matched = true;
                Some("no hosts matched".into())
            }
            "ok" => {
                let changed = ev.get("changed").and_then(|c| c.as_bool()) == Some(true);
                Some(format!(
                    "  {host}: {}",
                    if changed { "changed" } else { "ok" }
                ))
            }
            "skipped" => Some(format!("  {host}: skipped")),
            "failed" => {
                let ignored = ev.get("ignore_errors").and_then(|c| c.as_bool()) == Some(true);
                let message = failure_message(ev);
                let line = format!(
                    "  {host}: FAILED{}: {message}",
                    if ignored { " (ignored)" } else { "" }
                );
                if !ignored {
                    self.failed.insert(
                        host.clone(),
                        Failure {
                            host,
                            task,
                            message,
                            unreachable: false,
                            stderr: text(ev, "stderr"),
                            rc: ev.get("rc").and_then(|r| r.as_i64()),
                        },
                    );
                }
                Some(line)
            }
            "unreachable" => {
                let message = text(ev, "msg").unwrap_or_else(|| "unreachable".into());
                let line = format!("  {host}: UNREACHABLE: {message}");
                self.unreachable.insert(
                    host.clone(),
                    Failure {
                        host,
                        task,
                        message,
                        unreachable: true,
                        stderr: None,
                        rc: None,
                    },
                );
                Some(line)
            }
            "diff" => {
                self.diffs.push(Diff {
                    host,
                    task,
                    text: text(ev, "text").unwrap_or_default(),
                });
                None
            }
            "stats" => {
                self.stats = ev
                    .get("hosts")
                    .and_then(|h| serde_json::from_value(h.clone()).ok());
                None
            }
            _ => None,
        }
    }
}

/// What Ansible said when it stopped on its own: from its first error line (Python's warnings
/// before it left out), at most 8 lines; else the last 6.
fn error_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    match lines
        .iter()
        .position(|l| l.starts_with("[ERROR]") || l.starts_with("ERROR!"))
    {
        Some(i) => lines[i..]
            .iter()
            .take(8)
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
        None => lines[lines.len().saturating_sub(6)..].join("\n"),
    }
}

/// Where the run's inventory comes from: `-i FILE` (the option) or ansible.cfg's.
fn inventory(workdir: &Path, o: &PlaybookOptions) -> Result<Option<PathBuf>, PlaybookError> {
    if let Some(i) = &o.inventory {
        if !i.exists() {
            return Err(PlaybookError::NoInventory(crate::t!(
                "ansible-inventory-missing",
                inventory = i.display().to_string()
            )));
        }
        return Ok(Some(i.clone()));
    }
    let cfg = workdir.join("ansible.cfg");
    let text = std::fs::read_to_string(&cfg).map_err(|_| {
        PlaybookError::NoInventory(crate::t!(
            "ansible-no-cfg",
            workdir = workdir.display().to_string()
        ))
    })?;
    let ini = super::cfg::Ini::parse(&text, &cfg).map_err(|e| PlaybookError::Io(e.to_string()))?;
    match ini.get("defaults", "inventory") {
        Some(_) => Ok(None),
        None => Err(PlaybookError::NoInventory(crate::t!(
            "ansible-cfg-no-inventory",
            cfg = cfg.display().to_string()
        ))),
    }
}

/// `ANSIBLE_CALLBACK_PLUGINS`: our plugin's directory first, then what the run would use
/// otherwise (the environment's, ansible.cfg's, Ansible's default paths).
fn callback_path(ours: &Path, cfg: Option<&Path>) -> std::ffi::OsString {
    let mut dirs = vec![ours.display().to_string()];
    if let Some(v) = std::env::var_os("ANSIBLE_CALLBACK_PLUGINS") {
        dirs.push(v.to_string_lossy().into_owned());
    } else {
        let from_cfg = cfg.and_then(|c| {
            let text = std::fs::read_to_string(c).ok()?;
            let ini = super::cfg::Ini::parse(&text, c).ok()?;
            let v = ini.get("defaults", "callback_plugins")?;
            let base = c.parent().unwrap_or(Path::new("."));
            Some(
                v.split(':')
                    .map(|p| {
                        let p = crate::files::expand_home(p.trim());
                        base.join(p).display().to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(":"),
            )
        });
        dirs.push(from_cfg.unwrap_or_else(|| {
            "~/.ansible/plugins/callback:/usr/share/ansible/plugins/callback".into()
        }));
    }
    dirs.join(":").into()
}

/// No UTF-8 locale in the environment: Ansible refuses to start without one.
fn needs_utf8_locale() -> bool {
    let utf8 = |k: &str| {
        std::env::var(k).is_ok_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
    };
    match std::env::var("LC_ALL") {
        Ok(v) if !v.is_empty() => !utf8("LC_ALL"),
        _ => !(utf8("LC_CTYPE") || utf8("LANG")),
    }
}

/// The run's private directory: the callback, the extra-vars file, the event socket. Removed
/// (with the variables) when dropped.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(extra_vars: &serde_json::Map<String, serde_json::Value>) -> std::io::Result<Scratch> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        // 0700: only this user may read the variables or talk to the socket
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix("cwh-ansible-")
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir()?;
        let cb = dir.path().join("callback");
        std::fs::create_dir(&cb)?;
        std::fs::write(cb.join("cwh_events.py"), CALLBACK)?;
        if !extra_vars.is_empty() {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(dir.path().join("extra_vars.json"))?;
            f.write_all(serde_json::to_string(extra_vars)?.as_bytes())?;
        }
        Ok(Scratch { dir })
    }
    fn callback(&self) -> PathBuf {
        self.dir.path().join("callback")
    }
    fn vars(&self) -> PathBuf {
        self.dir.path().join("extra_vars.json")
    }
    fn socket(&self) -> PathBuf {
        self.dir.path().join("events.sock")
    }
}

/// Read the callback's events until Ansible closes the socket, showing progress as they come.
async fn read_events(
    listener: tokio::net::UnixListener,
    into: Arc<Mutex<Collected>>,
    show: bool,
    name: String,
) {
    use tokio::io::AsyncBufReadExt;
    let Ok((sock, _)) = listener.accept().await else {
        return;
    };
    into.lock().unwrap_or_else(|e| e.into_inner()).connected = true;
    let mut lines = tokio::io::BufReader::new(sock).lines();
    while let Ok(Some(l)) = lines.next_line().await {
        let Ok(ev) = serde_json::from_str::<serde_json::Value>(&l) else {
            continue;
        };
        let line = into.lock().unwrap_or_else(|e| e.into_inner()).take(&ev);
        if show && let Some(line) = line {
            tracing::info!(target: "cwh::ansible", "{name}: {line}");
        }
    }
}

/// The words of the command line (for the journal and `-v`): no variable's value is in it.
fn command_line(
    playbook: &str,
    o: &PlaybookOptions,
    inv: &Option<PathBuf>,
    vars: Option<&Path>,
) -> Vec<String> {
    let mut a = vec![playbook.to_string()];
    if let Some(i) = inv {
        a.extend(["-i".into(), i.display().to_string()]);
    }
    if let Some(l) = &o.limit {
        a.extend(["-l".into(), l.clone()]);
    }
    if !o.tags.is_empty() {
        a.extend(["--tags".into(), o.tags.join(",")]);
    }
    if !o.skip_tags.is_empty() {
        a.extend(["--skip-tags".into(), o.skip_tags.join(",")]);
    }
    if o.check {
        a.push("--check".into());
    }
    if o.diff {
        a.push("--diff".into());
    }
    if let Some(v) = vars {
        a.extend(["-e".into(), format!("@{}", v.display())]);
    }
    a
}

/// Run `playbook` (a path as the script gave it; relative to `workdir`) from `workdir`.
pub async fn run(
    workdir: &Path,
    playbook: &str,
    opts: &PlaybookOptions,
) -> Result<PlaybookResult, PlaybookError> {
    let start = Instant::now();
    let plan = crate::interlock::plan();
    let mut o = opts.clone();
    if plan.is_some() {
        o.check = true;
        o.diff = true;
    }
    if crate::ssh::records_only() {
        return Err(PlaybookError::RecordsOnly(playbook.to_string()));
    }
    if !o.check {
        // a run whose journal cannot be written stops before its next change
        crate::journal::healthy().map_err(PlaybookError::Io)?;
    }
    let program = venv::find("ansible-playbook")?;
    let path = workdir.join(crate::files::expand_home(playbook));
    if !path.is_file() {
        return Err(PlaybookError::Missing(path));
    }
    let inv = inventory(workdir, &o)?;
    // for the journal: the -i file, else the ansible.cfg that names the inventory
    let inv_shown = inv.clone().unwrap_or_else(|| workdir.join("ansible.cfg"));
    let io = |e: std::io::Error| PlaybookError::Io(format!("{playbook}: {e}"));
    let scratch = Scratch::new(&o.extra_vars).map_err(io)?;
    let vars = (!o.extra_vars.is_empty()).then(|| scratch.vars());
    let argv = command_line(&path.display().to_string(), &o, &inv, vars.as_deref());
    let listener = tokio::net::UnixListener::bind(scratch.socket()).map_err(io)?;

    let cfg = workdir.join("ansible.cfg");
    let cfg = cfg.is_file().then_some(cfg);
    let mut cmd = tokio::process::Command::new(&program);
    cmd.args(&argv)
        .current_dir(workdir)
        .env("CWH_ANSIBLE_EVENTS", scratch.socket())
        .env(
            "ANSIBLE_CALLBACK_PLUGINS",
            callback_path(&scratch.callback(), cfg.as_deref()),
        )
        // lines as they come, not when a buffer fills
        .env("PYTHONUNBUFFERED", "1");
    if let Some(c) = &cfg {
        cmd.env("ANSIBLE_CONFIG", c);
    }
    if needs_utf8_locale() {
        cmd.env("LC_ALL", "C.UTF-8");
    }
    let echo = o
        .echo
        .unwrap_or_else(|| tracing::enabled!(target: "cwh::journal", tracing::Level::DEBUG));
    tracing::info!(target: "cwh::ansible", "ansible-playbook {}", argv.join(" "));

    let collected = Arc::new(Mutex::new(Collected::default()));
    let events = tokio::spawn(read_events(
        listener,
        collected.clone(),
        !echo,
        playbook.to_string(),
    ));
    let mut on_line = |s: Stream, l: &str| {
        if echo {
            // Ansible's stdout and stderr both go to ours (stderr: stdout is the script's)
            let _ = s;
            eprintln!("{}", crate::redact::redact(l));
        }
    };
    let timeout = o.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let out = process::run(cmd, None, Some(timeout), OUTPUT_LIMIT, Some(&mut on_line)).await;
    // the callback has sent everything when Ansible ends; one that never connected never will
    let connected = collected
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .connected;
    let grace = if connected || out.is_ok() {
        Duration::from_secs(3)
    } else {
        Duration::from_millis(200)
    };
    let mut events = events;
    if tokio::time::timeout(grace, &mut events).await.is_err() {
        events.abort();
    }
    drop(scratch);
    let c = std::mem::take(&mut *collected.lock().unwrap_or_else(|e| e.into_inner()));

    let out = match out {
        Ok(out) => out,
        Err(e) => {
            let err = match e {
                RunError::Spawn(e) => PlaybookError::Io(crate::t!(
                    "ansible-cannot-run",
                    program = program.display().to_string(),
                    problem = e.to_string()
                )),
                RunError::Timeout(t) => PlaybookError::Timeout {
                    playbook: playbook.to_string(),
                    secs: t.as_secs_f64(),
                },
            };
            journal(
                playbook,
                &o,
                &inv_shown,
                start,
                None,
                Some(&err.to_string()),
            );
            return Err(err);
        }
    };
    let rc = out.rc.unwrap_or(128 + out.signal.unwrap_or(0));
    let stats = c.stats.clone().unwrap_or_default();
    let hosts: BTreeMap<String, HostResult> = stats
        .iter()
        .map(|(h, s)| {
            (
                h.clone(),
                HostResult {
                    status: s.status(),
                    stats: s.clone(),
                },
            )
        })
        .collect();
    let mut failures: Vec<Failure> = Vec::new();
    for (h, s) in &stats {
        if s.failed > 0 {
            failures.push(c.failed.get(h).cloned().unwrap_or_else(|| Failure {
                host: h.clone(),
                task: String::new(),
                message: "failed".into(),
                unreachable: false,
                stderr: None,
                rc: None,
            }));
        } else if s.unreachable > 0 {
            failures.push(c.unreachable.get(h).cloned().unwrap_or_else(|| Failure {
                host: h.clone(),
                task: String::new(),
                message: "unreachable".into(),
                unreachable: true,
                stderr: None,
                rc: None,
            }));
        }
    }
    let result = PlaybookResult {
        playbook: playbook.to_string(),
        check: o.check,
        rc,
        changed: stats
            .iter()
            .filter(|(_, s)| s.changed > 0)
            .map(|(h, _)| h.clone())
            .collect(),
        ok: failures.is_empty() && rc == 0,
        hosts,
        failures,
        diffs: c.diffs,
    };
    let stderr_tail = || {
        let text = if out.stderr.trim().is_empty() {
            &out.stdout
        } else {
            &out.stderr
        };
        error_lines(&crate::redact::redact(text))
    };
    let error = if stats.is_empty()
        && let Some(limit) = &o.limit
        && (c.no_hosts_matched
            || out.stderr.contains("does not match any hosts")
            || out.stderr.contains("no hosts to target")
            || out.stderr.contains("Could not match supplied host pattern"))
    {
        Some(PlaybookError::NoHosts {
            playbook: playbook.to_string(),
            limit: limit.clone(),
        })
    } else if let Some(first) = result.failures.iter().find(|f| !f.unreachable) {
        let mut message = crate::t!(
            "ansible-task-failed",
            playbook = playbook,
            task = first.task.as_str(),
            host = first.host.as_str(),
            problem = first.message.as_str()
        );
        let others: Vec<String> = result
            .failures
            .iter()
            .filter(|f| f.host != first.host)
            .map(|f| {
                if f.unreachable {
                    crate::t!(
                        "ansible-also-unreachable",
                        host = f.host.as_str(),
                        problem = f.message.as_str()
                    )
                } else {
                    crate::t!(
                        "ansible-also-failed",
                        host = f.host.as_str(),
                        task = f.task.as_str(),
                        problem = f.message.as_str()
                    )
                }
            })
            .collect();
        if !others.is_empty() {
            message.push_str(&crate::t!("ansible-also", others = others.join("; ")));
        }
        Some(PlaybookError::Failed {
            message,
            result: Box::new(result.clone()),
        })
    } else if let Some(first) = result.failures.first() {
        let message = if result.failures.len() == 1 {
            crate::t!(
                "ansible-host-unreachable",
                playbook = playbook,
                host = first.host.as_str(),
                problem = first.message.as_str()
            )
        } else {
            let hosts: Vec<String> = result
                .failures
                .iter()
                .map(|f| format!("{} ({})", f.host, f.message))
                .collect();
            crate::t!(
                "ansible-hosts-unreachable",
                playbook = playbook,
                count = result.failures.len(),
                hosts = hosts.join("; ")
            )
        };
        Some(PlaybookError::Unreachable {
            message,
            result: Box::new(result.clone()),
        })
    } else if rc != 0 {
        Some(PlaybookError::Run {
            playbook: playbook.to_string(),
            rc,
            message: stderr_tail(),
        })
    } else {
        None
    };
    if !echo {
        for (h, r) in &result.hosts {
            let s = &r.stats;
            tracing::info!(target: "cwh::ansible",
                "{playbook}: {h}: ok={} changed={} unreachable={} failed={} skipped={}{}",
                s.ok, s.changed, s.unreachable, s.failed, s.skipped,
                if result.check { crate::t!("ansible-check-mode") } else { String::new() });
        }
    }
    journal(
        playbook,
        &o,
        &inv_shown,
        start,
        Some(&result),
        error.as_ref().map(|e| e.to_string()).as_deref(),
    );
    if let Some(p) = plan {
        // the plan lists the playbook with the hosts it would change
        for (h, r) in &result.hosts {
            let what = crate::t!(match r.status {
                "changed" => "ansible-plan-would-change",
                "failed" => "ansible-plan-task-failed",
                "unreachable" => "ansible-plan-unreachable",
                _ => "ansible-plan-no-change",
            });
            p.record("playbook", h, &format!("{playbook}: {what}"));
        }
        return match error {
            // a check-mode run cannot see what earlier steps would have done
            Some(e @ (PlaybookError::Failed { .. } | PlaybookError::Unreachable { .. })) => {
                tracing::warn!(
                    "{}",
                    crate::t!("ansible-plan-warning", problem = e.to_string())
                );
                Ok(result)
            }
            Some(e) => Err(e),
            None => Ok(result),
        };
    }
    match error {
        Some(e) => Err(e),
        None => Ok(result),
    }
}

/// One journal line for the run: what ran (never a variable's value), per host, the failures.
fn journal(
    playbook: &str,
    o: &PlaybookOptions,
    inv: &Path,
    start: Instant,
    r: Option<&PlaybookResult>,
    error: Option<&str>,
) {
    let detail = serde_json::json!({
        "limit": o.limit,
        "tags": o.tags,
        "skip_tags": o.skip_tags,
        "check": o.check,
        "diff": o.diff,
        "inventory": inv.display().to_string(),
        "extra_vars": o.extra_vars.keys().collect::<Vec<_>>(),
        "rc": r.map(|r| r.rc),
        "hosts": r.map(|r| &r.hosts),
        "failures": r.map(|r| &r.failures),
        "error": error,
        "planned": crate::interlock::plan().is_some(),
    });
    crate::journal::record(
        crate::journal::Event::new("ansible", "playbook", playbook)
            .took(start.elapsed())
            .outcome_ok(error.is_none())
            .detail(detail),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_make_per_host_failures_and_progress() {
        let mut c = Collected::default();
        assert_eq!(
            c.take(&json!({"event": "task", "name": "Create marker"})),
            Some("TASK [Create marker]".into())
        );
        assert_eq!(
            c.take(&json!({"event": "ok", "host": "h1", "task": "t", "changed": true})),
            Some("  h1: changed".into())
        );
        c.take(&json!({"event": "failed", "host": "h2", "task": "t", "ignore_errors": true, "msg": "meh"}));
        assert!(c.failed.is_empty(), "an ignored failure is no failure");
        c.take(&json!({"event": "failed", "host": "h2", "task": "Run it", "msg": "non-zero return code", "rc": 2, "stderr": "first\nboom: no such file\n"}));
        assert_eq!(
            c.failed["h2"].message,
            "non-zero return code: boom: no such file"
        );
        c.take(&json!({"event": "failed", "host": "h3", "task": "loop", "msg": "One or more items failed", "items": [{"item": "a", "msg": "bad a"}]}));
        assert_eq!(
            c.failed["h3"].message,
            "One or more items failed: item a: bad a"
        );
        c.take(&json!({"event": "failed", "host": "h4", "task": "secret", "censored": "the output has been hidden"}));
        assert_eq!(c.failed["h4"].message, "the output has been hidden");
        c.take(&json!({"event": "unreachable", "host": "h5", "task": "Gathering Facts", "msg": "Failed to connect to the host via ssh: Connection refused"}));
        assert!(c.unreachable["h5"].message.contains("Connection refused"));
        c.take(&json!({"event": "stats", "hosts": {"h1": {"ok": 2, "changed": 1}, "h5": {"unreachable": 1}}}));
        let s = c.stats.unwrap();
        assert_eq!(s["h1"].status(), "changed");
        assert_eq!(s["h5"].status(), "unreachable");
        assert_eq!(
            HostStats {
                ok: 3,
                ..Default::default()
            }
            .status(),
            "ok"
        );
    }

    #[test]
    fn ansibles_own_errors_are_shown_from_their_first_line() {
        let err = "x.py:18: CryptographyDeprecationWarning: DSA is deprecated\n  from cryptography import (\n[ERROR]: YAML parsing failed\nOrigin: p.yml:3:1\n";
        assert_eq!(
            error_lines(err),
            "[ERROR]: YAML parsing failed\nOrigin: p.yml:3:1"
        );
        assert_eq!(error_lines("a\n\nb\n"), "a\nb");
    }

    #[test]
    fn the_command_line_never_holds_a_value() {
        let mut o = PlaybookOptions {
            limit: Some("hub_manager".into()),
            tags: vec!["a".into(), "b".into()],
            check: true,
            diff: true,
            ..Default::default()
        };
        o.extra_vars.insert("db_pass".into(), json!("s3cret-value"));
        let a = command_line("p.yml", &o, &None, Some(Path::new("/t/extra_vars.json")));
        assert_eq!(
            a.join(" "),
            "p.yml -l hub_manager --tags a,b --check --diff -e @/t/extra_vars.json"
        );
        let s = Scratch::new(&o.extra_vars).unwrap();
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(s.vars()).unwrap().permissions().mode();
        assert_eq!(m & 0o777, 0o600);
        let dir = s.dir.path().to_path_buf();
        assert_eq!(
            std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        drop(s);
        assert!(!dir.exists(), "the variables are removed with the run");
    }
}

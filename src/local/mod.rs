//! This machine: commands run here (`local::exec`, the notebooks' `!cmd` cells) and the small
//! computations the notebooks did in Python cells (a teacher's user name, a password hash,
//! random secrets: [`crypt`]). No Rhai here.
//!
//! A command is an argument vector run without a shell unless asked (`shell: true`), in its
//! own process group with a timeout, its output masked where it echoes a secret, journaled
//! like a remote command (`local exec`). Under `--plan` it is recorded, not run, unless the
//! script declares it read-only.
pub mod crypt;
pub mod process;

use process::RunError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest a command may run unless the script says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The most output kept per stream.
pub const OUTPUT_LIMIT: usize = 8 << 20;

/// Errors of local commands.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LocalError {
    #[error("{0}")]
    #[diagnostic(
        code = "cwh::local::command",
help("{}", crate::t!("local-command-help"))
    )]
    Command(String),
    #[error("{}", if searched.is_empty() {
        crate::t!("local-not-found", program = program.as_str())
    } else {
        crate::t!("local-not-found-on-path", program = program.as_str())
    })]
    #[diagnostic(
        code = "cwh::local::not_found",
        help("{}", crate::t!("local-not-found-help"))
    )]
    NotFound { program: String, searched: String },
    #[error("{}", crate::t!("local-spawn", program = program.as_str(), problem = message.as_str()))]
    #[diagnostic(code = "cwh::local::spawn")]
    Spawn { program: String, message: String },
    #[error("{}", crate::t!("local-cwd", dir = _0.display().to_string()))]
    #[diagnostic(
        code = "cwh::local::cwd",
        help("{}", crate::t!("local-cwd-help"))
    )]
    Cwd(PathBuf),
    #[error("{}", crate::t!("local-timeout", command = command.as_str(), seconds = *secs))]
    #[diagnostic(
        code = "cwh::local::timeout",
        help("{}", crate::t!("local-timeout-help"))
    )]
    Timeout { command: String, secs: f64 },
    #[error("{0}")]
    #[diagnostic(code = "cwh::local::invalid")]
    Invalid(String),
}

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Words, run without a shell: the first is the program.
    Argv(Vec<String>),
    /// A line for `sh -c` (only with `shell: true`).
    Shell(String),
}

impl Command {
    /// The command as a reader sees it (words quoted where needed).
    pub fn render(&self) -> String {
        match self {
            Command::Argv(v) => v
                .iter()
                .map(|a| crate::ssh::exec::quote(a))
                .collect::<Vec<_>>()
                .join(" "),
            Command::Shell(s) => s.clone(),
        }
    }

    /// The program named first (`sh` for a shell line).
    pub fn program(&self) -> &str {
        match self {
            Command::Argv(v) => v.first().map(String::as_str).unwrap_or(""),
            Command::Shell(_) => "sh",
        }
    }
}

/// Options of one command.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    /// Working directory (absolute; the caller resolves it against the workdir).
    pub cwd: Option<PathBuf>,
    /// Added to the environment (values never journaled).
    pub env: BTreeMap<String, String>,
    /// Defaults to [`DEFAULT_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// Bytes for its stdin, then EOF (never journaled).
    pub stdin: Option<Vec<u8>>,
    /// The command changes nothing: under `--plan` it runs for real.
    pub read_only: bool,
}

/// What a command left: `#{ rc, stdout, stderr }` for scripts, secrets masked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExecResult {
    /// Exit code; a command ended by a signal has 128 + the signal's number, as a shell says.
    pub rc: i32,
    pub stdout: String,
    pub stderr: String,
    /// Recorded under `--plan`, not run.
    pub planned: bool,
    /// Output beyond the limit was dropped.
    pub truncated: bool,
}

/// Find `program` as `execvp` would: a path when it has a `/`, else the first executable file
/// of that name on `PATH`.
pub fn which(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        let p = PathBuf::from(program);
        return is_executable(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Check a command before anything runs: words present, the program found.
pub fn check(cmd: &Command) -> Result<PathBuf, LocalError> {
    match cmd {
        Command::Argv(v) if v.is_empty() || v[0].is_empty() => {
            Err(LocalError::Command(crate::t!("local-empty-command")))
        }
        Command::Shell(s) if s.trim().is_empty() => {
            Err(LocalError::Command(crate::t!("local-empty-shell-line")))
        }
        _ => which(cmd.program()).ok_or_else(|| LocalError::NotFound {
            program: cmd.program().to_string(),
            searched: if cmd.program().contains('/') {
                String::new()
            } else {
                " on PATH".into()
            },
        }),
    }
}

/// Run a command on this machine (see the module doc). A non-zero exit is a result, not an
/// error; errors are: the program not found or not startable, a missing `cwd`, the timeout.
pub async fn exec(cmd: &Command, o: &ExecOptions) -> Result<ExecResult, LocalError> {
    let start = Instant::now();
    let line = cmd.render();
    let program = check(cmd)?;
    if let Some(d) = &o.cwd
        && !d.is_dir()
    {
        return Err(LocalError::Cwd(d.clone()));
    }
    let detail = |extra: serde_json::Value| {
        let mut d = serde_json::json!({
            "cmd": line,
            "cwd": o.cwd.as_ref().map(|c| c.display().to_string()),
            "env": o.env.keys().collect::<Vec<_>>(),
            "shell": matches!(cmd, Command::Shell(_)),
            "read_only": o.read_only,
        });
        if let (Some(m), serde_json::Value::Object(x)) = (d.as_object_mut(), extra) {
            m.extend(x);
        }
        d
    };
    if let Some(p) = crate::interlock::plan()
        && !o.read_only
    {
        // --plan: recorded (the plan lists it with the remote steps), not run
        p.record("local exec", "localhost", &line);
        return Ok(ExecResult {
            rc: 0,
            stdout: String::new(),
            stderr: String::new(),
            planned: true,
            truncated: false,
        });
    }
    if !o.read_only {
        // a run whose journal cannot be written stops before its next change
        crate::journal::healthy().map_err(LocalError::Invalid)?;
    }
    // the program found on PATH, under the name the script gave it
    let mut c = tokio::process::Command::new(&program);
    c.arg0(cmd.program());
    match cmd {
        Command::Argv(v) => c.args(&v[1..]),
        Command::Shell(s) => c.arg("-c").arg(s),
    };
    c.envs(&o.env);
    if let Some(d) = &o.cwd {
        c.current_dir(d);
    }
    let timeout = o.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let r = process::run(c, o.stdin.clone(), Some(timeout), OUTPUT_LIMIT, None).await;
    let res = match r {
        Ok(out) => Ok(ExecResult {
            rc: out.rc.unwrap_or_else(|| 128 + out.signal.unwrap_or(0)),
            stdout: crate::redact::redact(&out.stdout).into_owned(),
            stderr: crate::redact::redact(&out.stderr).into_owned(),
            planned: false,
            truncated: out.truncated,
        }),
        Err(RunError::Spawn(e)) => Err(LocalError::Spawn {
            program: cmd.program().to_string(),
            message: e.to_string(),
        }),
        Err(RunError::Timeout(t)) => Err(LocalError::Timeout {
            command: line.clone(),
            secs: t.as_secs_f64(),
        }),
    };
    let ev = crate::journal::Event::new("local", "exec", "localhost").took(start.elapsed());
    crate::journal::record(match &res {
        Ok(r) => ev
            .outcome_ok(r.rc == 0)
            .detail(detail(serde_json::json!({ "rc": r.rc }))),
        Err(e) => ev
            .failed()
            .detail(detail(serde_json::json!({ "error": e.to_string() }))),
    });
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    fn argv(v: &[&str]) -> Command {
        Command::Argv(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn argv_runs_without_a_shell() {
        let o = ExecOptions::default();
        let r = rt()
            .block_on(exec(&argv(&["echo", "$HOME", "a b"]), &o))
            .unwrap();
        assert_eq!((r.rc, r.stdout.as_str()), (0, "$HOME a b\n"));
        let r = rt()
            .block_on(exec(&Command::Shell("echo $0; exit 7".into()), &o))
            .unwrap();
        assert_eq!((r.rc, r.stdout.as_str()), (7, "sh\n"));
    }

    #[test]
    fn missing_programs_and_empty_commands_are_clear_errors() {
        let o = ExecOptions::default();
        let e = rt()
            .block_on(exec(&argv(&["no-such-program-cwh"]), &o))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "program `no-such-program-cwh` not found on PATH"
        );
        let e = rt().block_on(exec(&argv(&[]), &o)).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        let o = ExecOptions {
            cwd: Some("/no/such/dir".into()),
            ..Default::default()
        };
        let e = rt().block_on(exec(&argv(&["true"]), &o)).unwrap_err();
        assert!(matches!(e, LocalError::Cwd(_)), "{e}");
    }

    #[test]
    fn env_cwd_and_timeout() {
        let d = tempfile::tempdir().unwrap();
        let o = ExecOptions {
            cwd: Some(d.path().to_path_buf()),
            env: [("CWH_T".to_string(), "v1".to_string())].into(),
            ..Default::default()
        };
        let r = rt()
            .block_on(exec(&Command::Shell("pwd; echo $CWH_T".into()), &o))
            .unwrap();
        let real = std::fs::canonicalize(d.path()).unwrap();
        assert_eq!(r.stdout, format!("{}\nv1\n", real.display()));
        let o = ExecOptions {
            timeout: Some(Duration::from_millis(200)),
            ..Default::default()
        };
        let e = rt().block_on(exec(&argv(&["sleep", "5"]), &o)).unwrap_err();
        assert!(matches!(e, LocalError::Timeout { .. }), "{e}");
    }
}

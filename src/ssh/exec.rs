//! Remote commands: how a command line is built (quoting, sudo, remote `timeout`), per-command
//! options, the result type, and a capped output buffer.
use serde::Serialize;
use std::borrow::Cow;
use std::time::Duration;

/// A command: a shell line taken as is, or an argument vector that is shell-quoted for you.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Passed to the remote shell verbatim.
    Shell(String),
    /// Each argument is quoted, so spaces and metacharacters arrive intact.
    Argv(Vec<String>),
}

impl Command {
    /// The command line sent to the remote shell.
    pub fn render(&self) -> String {
        match self {
            Command::Shell(s) => s.clone(),
            Command::Argv(v) => v.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "),
        }
    }
}

impl From<&str> for Command {
    fn from(s: &str) -> Self {
        Command::Shell(s.to_string())
    }
}
impl From<String> for Command {
    fn from(s: String) -> Self {
        Command::Shell(s)
    }
}
impl From<Vec<String>> for Command {
    fn from(v: Vec<String>) -> Self {
        Command::Argv(v)
    }
}
impl From<&[&str]> for Command {
    fn from(v: &[&str]) -> Self {
        Command::Argv(v.iter().map(|s| s.to_string()).collect())
    }
}

/// POSIX shell quoting of one word.
pub fn quote(s: &str) -> String {
    shell_escape::unix::escape(Cow::Borrowed(s)).into_owned()
}

/// [`ExecOptions`] as a script's options map gives them (`exec(cmd, #{…})`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecOptionsMap {
    pub sudo: Option<bool>,
    pub stdin: Option<String>,
    pub timeout: Option<crate::options::Seconds>,
    pub query: Option<bool>,
}

impl ExecOptionsMap {
    /// The options (unset: no sudo, no stdin, the host's timeout).
    pub fn resolve(self) -> Result<ExecOptions, String> {
        Ok(ExecOptions {
            sudo: self.sudo.unwrap_or(false),
            stdin: self.stdin.map(String::into_bytes),
            timeout: self.timeout.map(|s| s.duration("timeout")).transpose()?,
            query: self.query.unwrap_or(false),
        })
    }
}

/// `put` options as a script's options map gives them: `#{mode: 0o644, sudo: true}`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PutOptionsMap {
    pub mode: Option<crate::options::Int>,
    pub sudo: Option<bool>,
}

impl PutOptionsMap {
    /// `(mode, sudo)` for [`super::Host::put`] (unset: the remote default mode, no sudo).
    pub fn resolve(self) -> (Option<u32>, bool) {
        (self.mode.map(|m| m.0 as u32), self.sudo.unwrap_or(false))
    }
}

/// Per-command options.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    /// Run as root through `sudo -n` (as Ansible's `-b`); fails clearly if sudo wants a password.
    pub sudo: bool,
    /// Bytes written to the command's stdin, then EOF. Never journaled.
    pub stdin: Option<Vec<u8>>,
    /// Stop the command (on the node too) after this long; overrides the host default.
    pub timeout: Option<Duration>,
    /// The command only reads (it changes nothing on the node): under `--plan` it runs for real
    /// on a node that exists, so the plan knows what the run will find; a command without
    /// this mark is recorded, never run, by a plan.
    pub query: bool,
}

impl ExecOptions {
    /// Options of a command that only reads ([`ExecOptions::query`]).
    pub fn query() -> ExecOptions {
        ExecOptions {
            query: true,
            ..Default::default()
        }
    }
}

/// Seconds given to a timed-out command between TERM and KILL.
pub const KILL_GRACE_SECS: u64 = 2;

/// The command line actually sent:
/// `echo $$; exec [sudo -n --] [timeout -k 2 SECS] sh -c 'CMD'`, or without sudo and timeout
/// `echo $$` + newline + `CMD` in the login shell (no second shell start-up). The first stdout
/// line is the PID of the SSH session's leader, which lets a cancelled command be killed
/// (`pkill -s`); it is stripped from stdout.
/// `timeout` runs the command in its own process group and signals the whole group.
pub fn wrap(cmd: &str, sudo: bool, timeout: Option<Duration>) -> String {
    let mut prefix = Vec::new();
    if sudo {
        prefix.push("sudo -n --".to_string());
    }
    if let Some(t) = timeout {
        prefix.push(format!(
            "timeout -k {KILL_GRACE_SECS} {:.3}",
            t.as_secs_f64()
        ));
    }
    if prefix.is_empty() {
        format!("echo $$\n{cmd}")
    } else {
        format!("echo $$; exec {} sh -c {}", prefix.join(" "), quote(cmd))
    }
}

/// What one host returned.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExecResult {
    /// The host as the caller named it.
    pub host: String,
    /// Exit code; `None` when the command could not run (see `error`).
    pub rc: Option<i32>,
    /// Captured stdout (lossy UTF-8, capped).
    pub stdout: String,
    /// Captured stderr (lossy UTF-8, capped).
    pub stderr: String,
    /// Why there is no `rc` (unreachable, auth, host key, timeout…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What kind of failure `error` is, for scripts to branch on in any language:
    /// `host_key_changed`, `host_key_unknown`, `unreachable`, `timeout`, `failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<String>,
    /// True when output was dropped because of the output limit.
    pub truncated: bool,
}

impl ExecResult {
    /// A result for a host where the command could not run.
    pub fn failed(host: &str, error: String, kind: &str) -> Self {
        ExecResult {
            host: host.to_string(),
            rc: None,
            stdout: String::new(),
            stderr: String::new(),
            error: Some(error),
            error_kind: Some(kind.to_string()),
            truncated: false,
        }
    }
    /// The result as scripts see it: every field, `error` null when there is none.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.entry("error").or_insert(serde_json::Value::Null);
            m.entry("error_kind").or_insert(serde_json::Value::Null);
        }
        v
    }

    /// rc == 0.
    pub fn ok(&self) -> bool {
        self.rc == Some(0)
    }

    /// One line saying why this host failed: `host (rc N: last stderr line)` or the error.
    pub fn failure_line(&self) -> String {
        match (&self.rc, &self.error) {
            (_, Some(e)) => crate::t!(
                "ssh-failure-error",
                host = self.host.as_str(),
                problem = e.as_str()
            ),
            (Some(rc), None) => {
                let tail = self.stderr.trim().lines().last().unwrap_or("").trim();
                crate::t!(
                    "ssh-failure-rc",
                    host = self.host.as_str(),
                    rc = *rc,
                    tail = tail
                )
            }
            (None, None) => crate::t!("ssh-failure-no-status", host = self.host.as_str()),
        }
    }

    /// `Ok(self)` when rc == 0, else [`SshError::CommandFailed`] (for `exec_ok`).
    pub fn check(self) -> Result<ExecResult, super::SshError> {
        if self.ok() {
            Ok(self)
        } else {
            Err(super::SshError::CommandFailed {
                count: 1,
                details: self.failure_line(),
            })
        }
    }
}

/// A byte buffer that keeps at most `limit` bytes and counts the rest.
#[derive(Debug)]
pub struct Capped {
    buf: Vec<u8>,
    limit: usize,
    dropped: u64,
}

impl Capped {
    /// An empty buffer keeping at most `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Capped {
            buf: Vec::new(),
            limit,
            dropped: 0,
        }
    }
    /// Append, dropping what exceeds the limit.
    pub fn push(&mut self, data: &[u8]) {
        let room = self.limit.saturating_sub(self.buf.len());
        let take = room.min(data.len());
        self.buf.extend_from_slice(&data[..take]);
        self.dropped += (data.len() - take) as u64;
    }
    /// True when bytes were dropped.
    pub fn truncated(&self) -> bool {
        self.dropped > 0
    }
    /// The text, with a note at the end when output was dropped.
    pub fn finish(self, stream: &str) -> String {
        let mut s = String::from_utf8_lossy(&self.buf).into_owned();
        if self.dropped > 0 {
            let note = crate::t!(
                "ssh-output-truncated",
                stream = stream,
                kept = self.limit,
                dropped = self.dropped
            );
            s.push_str(&format!("\n[cwh: {note}]\n"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_wrapping() {
        let c = Command::from(&["echo", "a b", "$HOME", "it's"][..]);
        assert_eq!(c.render(), r#"echo 'a b' '$HOME' 'it'\''s'"#);
        assert_eq!(wrap("id -u", false, None), "echo $$\nid -u");
        assert_eq!(
            wrap("id -u", true, None),
            "echo $$; exec sudo -n -- sh -c 'id -u'"
        );
        assert_eq!(
            wrap("sleep 9", true, Some(Duration::from_millis(1500))),
            "echo $$; exec sudo -n -- timeout -k 2 1.500 sh -c 'sleep 9'"
        );
    }

    #[test]
    fn capped_keeps_limit_and_says_so() {
        let mut c = Capped::new(4);
        c.push(b"abc");
        c.push(b"defg");
        assert!(c.truncated());
        let s = c.finish("stdout");
        assert!(s.starts_with("abcd\n[cwh: stdout truncated"), "{s}");
        assert!(s.contains("dropped 3 bytes"));
    }

    #[test]
    fn results_as_scripts_see_them_always_have_an_error() {
        let mut r = ExecResult::failed("h", "down".into(), "unreachable");
        assert_eq!(r.to_json()["error"], "down");
        r.error = None;
        let v = r.to_json();
        assert!(v["error"].is_null() && v.as_object().unwrap().contains_key("error"));
        assert_eq!(v["host"], "h");
    }

    #[test]
    fn script_exec_and_put_options() {
        let e: ExecOptionsMap =
            serde_json::from_value(serde_json::json!({"sudo": true, "stdin": "x", "timeout": 2}))
                .unwrap();
        let e = e.resolve().unwrap();
        assert!(e.sudo && e.stdin.as_deref() == Some(&b"x"[..]));
        assert_eq!(e.timeout, Some(Duration::from_secs(2)));
        let e: ExecOptionsMap = serde_json::from_value(serde_json::json!({"timeout": -1})).unwrap();
        assert_eq!(e.resolve().unwrap_err(), "timeout must not be negative");
        let bad = serde_json::from_value::<ExecOptionsMap>(serde_json::json!({"sduo": true}));
        assert!(
            bad.unwrap_err()
                .to_string()
                .contains("unknown field `sduo`")
        );
        let p: PutOptionsMap = serde_json::from_value(serde_json::json!({"mode": 0o644})).unwrap();
        assert_eq!(p.resolve(), (Some(0o644), false));
        let bad = serde_json::from_value::<PutOptionsMap>(serde_json::json!({"mode": "644"}));
        assert!(bad.unwrap_err().to_string().contains("expected an integer"));
    }
}

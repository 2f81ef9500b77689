//! A fluent way to run a program and check what it did, after casey/just's `tests/test.rs`:
//!
//! ```ignore
//! cwh().args(["run", "x.rhai"]).env("K", "v").stdin("…").run().code(1).stderr_has("…");
//! ```
//!
//! Every failing check panics with the command line, the exit code, stdout and stderr, so a
//! failure explains itself. Checks take and give back the result, so they chain and the
//! result can still be read afterwards (`.stdout()`, `.stderr()`, `.stdout_json()`).
use std::ffi::OsStr;
use std::fmt;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// A command to run: a `std::process::Command` that remembers its line for the messages.
pub struct Cmd {
    cmd: Command,
    line: Vec<String>,
    stdin: Vec<u8>,
}

impl Cmd {
    /// `program` with nothing changed in its environment (see `support::cwh()` for cwh's).
    pub fn new(program: impl AsRef<OsStr>) -> Cmd {
        let name = Path::new(program.as_ref())
            .file_name()
            .unwrap_or(program.as_ref())
            .to_string_lossy()
            .into_owned();
        Cmd {
            cmd: Command::new(program),
            line: vec![name],
            stdin: Vec::new(),
        }
    }
    pub fn arg(&mut self, a: impl AsRef<OsStr>) -> &mut Cmd {
        self.line.push(quote(a.as_ref()));
        self.cmd.arg(a);
        self
    }
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&mut self, args: I) -> &mut Cmd {
        for a in args {
            self.arg(a);
        }
        self
    }
    pub fn env(&mut self, k: impl AsRef<OsStr>, v: impl AsRef<OsStr>) -> &mut Cmd {
        self.cmd.env(k, v);
        self
    }
    pub fn env_remove(&mut self, k: impl AsRef<OsStr>) -> &mut Cmd {
        self.cmd.env_remove(k);
        self
    }
    pub fn current_dir(&mut self, d: impl AsRef<Path>) -> &mut Cmd {
        self.cmd.current_dir(d);
        self
    }
    /// What the program reads on stdin (by default nothing: stdin is an empty pipe).
    pub fn stdin(&mut self, text: impl Into<Vec<u8>>) -> &mut Cmd {
        self.stdin = text.into();
        self
    }
    /// The underlying command, for what the builder does not do (spawning a background run).
    pub fn command(&mut self) -> &mut Command {
        &mut self.cmd
    }
    /// Run to the end, feeding stdin, and capture stdout and stderr.
    pub fn run(&mut self) -> Run {
        let line = self.line.join(" ");
        let mut child = self
            .cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{line}`: {e}"));
        let mut w = child.stdin.take().unwrap();
        let input = self.stdin.clone();
        let feeder = std::thread::spawn(move || {
            // a program may end without reading all of it
            let _ = w.write_all(&input);
        });
        let o = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("waiting for `{line}`: {e}"));
        let _ = feeder.join();
        Run::from_output(line, &o)
    }
}

/// An argument as it would be typed in a shell (quoted only when it has to be).
fn quote(a: &OsStr) -> String {
    let s = a.to_string_lossy();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// What a program did: its command line, exit code, stdout and stderr.
pub struct Run {
    line: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// From a finished `std::process::Output` (for children spawned by hand).
    pub fn from_output(line: impl Into<String>, o: &std::process::Output) -> Run {
        Run {
            line: line.into(),
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    #[track_caller]
    fn check(self, ok: bool, what: impl fmt::Display) -> Run {
        if !ok {
            panic!("check failed: {what}\n{self}");
        }
        self
    }

    /// Exit code `c`.
    #[track_caller]
    pub fn code(self, c: i32) -> Run {
        let ok = self.code == Some(c);
        self.check(ok, format_args!("exit code {c}"))
    }
    /// Exit code 0.
    #[track_caller]
    pub fn success(self) -> Run {
        let ok = self.code == Some(0);
        self.check(ok, "success (exit code 0)")
    }
    /// Any end but exit code 0 (a signal too).
    #[track_caller]
    pub fn failure(self) -> Run {
        let ok = self.code != Some(0);
        self.check(ok, "failure (exit code not 0)")
    }
    #[track_caller]
    pub fn stdout_has(self, s: &str) -> Run {
        let ok = self.stdout.contains(s);
        self.check(ok, format_args!("stdout has {s:?}"))
    }
    #[track_caller]
    pub fn stdout_lacks(self, s: &str) -> Run {
        let ok = !self.stdout.contains(s);
        self.check(ok, format_args!("stdout lacks {s:?}"))
    }
    #[track_caller]
    pub fn stderr_has(self, s: &str) -> Run {
        let ok = self.stderr.contains(s);
        self.check(ok, format_args!("stderr has {s:?}"))
    }
    #[track_caller]
    pub fn stderr_lacks(self, s: &str) -> Run {
        let ok = !self.stderr.contains(s);
        self.check(ok, format_args!("stderr lacks {s:?}"))
    }
    /// Any other condition on the result, named for the message.
    #[track_caller]
    pub fn check_that(self, what: &str, pred: impl FnOnce(&Run) -> bool) -> Run {
        let ok = pred(&self);
        self.check(ok, what)
    }

    pub fn stdout(&self) -> &str {
        &self.stdout
    }
    pub fn stderr(&self) -> &str {
        &self.stderr
    }
    /// The exit code (`None`: ended by a signal).
    pub fn exit_code(&self) -> Option<i32> {
        self.code
    }
    /// stdout parsed as JSON.
    #[track_caller]
    pub fn stdout_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = match self.code {
            Some(c) => c.to_string(),
            None => "none (killed by a signal)".into(),
        };
        write!(
            f,
            "$ {}\nexit code: {code}\n--- stdout\n{}\n--- stderr\n{}\n---",
            self.line,
            self.stdout.trim_end(),
            self.stderr.trim_end()
        )
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

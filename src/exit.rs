//! Exit codes of every cwh command, and a failure to report with one: 0 ok, 1 script or
//! runtime error, 2 usage error, 129/130/143 stopped by SIGHUP/Ctrl-C/SIGTERM, or the code a
//! script gave `exit(n)`. Also the signal that stopped the run and the one way to exit at once.
//! Neutral ground: the CLI, the host builder and the REPL use them without depending on each
//! other.
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

/// The command did what it was asked.
pub const OK: i32 = 0;
/// A script or runtime error (the script failed, the VCC refused, a file is damaged…).
pub const SCRIPT: i32 = 1;
/// A usage error (a missing file, a bad option or parameter): nothing was run.
pub const USAGE: i32 = 2;
/// Stopped by SIGHUP (the terminal was closed).
pub const HANGUP: i32 = 128 + libc::SIGHUP;
/// Stopped by Ctrl-C (SIGINT).
pub const INTERRUPTED: i32 = 128 + libc::SIGINT;
/// Stopped by SIGTERM (`kill PID`).
pub const TERMINATED: i32 = 128 + libc::SIGTERM;

/// The exit code of a command stopped by signal `sig`: 128 + its number, as a shell reports a
/// process the signal killed.
pub fn for_signal(sig: i32) -> i32 {
    128 + sig
}

/// The signal's name for messages.
pub fn signal_name(sig: i32) -> String {
    match sig {
        libc::SIGINT => "Ctrl-C".into(),
        libc::SIGTERM => "SIGTERM".into(),
        libc::SIGHUP => "SIGHUP".into(),
        _ => crate::t!("exit-a-signal"),
    }
}

/// The first signal that asked this process to stop (0: none).
static STOPPED_BY: AtomicI32 = AtomicI32::new(0);

/// Note that `sig` asked the process to stop (the first one is kept).
pub fn note_signal(sig: i32) {
    let _ = STOPPED_BY.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
}

/// The signal that asked this process to stop, if one did.
pub fn stopped_by() -> Option<i32> {
    Some(STOPPED_BY.load(Ordering::SeqCst)).filter(|s| *s != 0)
}

type Hook = Box<dyn Fn(i32) + Send>;

/// What to do before [`now`] exits (the run's short recap).
static AT_EXIT_NOW: Mutex<Vec<Hook>> = Mutex::new(Vec::new());

/// Run `f(code)` before the process exits at once ([`now`]).
pub fn at_exit_now(f: impl Fn(i32) + Send + 'static) {
    AT_EXIT_NOW
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Box::new(f));
}

/// Exit at once with `code` (a second Ctrl-C, a signal before the run started): the hooks run
/// (the run's recap goes to its journal), the workdir lock files are removed, no destructor
/// runs.
pub fn now(code: i32) -> ! {
    let hooks = std::mem::take(&mut *AT_EXIT_NOW.lock().unwrap_or_else(|e| e.into_inner()));
    for h in hooks {
        h(code);
    }
    crate::lock::release_held();
    std::process::exit(code)
}

/// A failure that ends a command: `error: …` lines, an optional `  help: …` line, further
/// indented notes, and the exit code. Printed once, by the command line's edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: i32,
    /// One `error:` line each (at least one).
    pub errors: Vec<String>,
    pub help: Option<String>,
    /// Lines after the help (`  nothing was changed: …`).
    pub notes: Vec<String>,
}

impl Failure {
    /// A failure with exit `code`.
    pub fn new(code: i32, message: impl std::fmt::Display) -> Self {
        Failure {
            code,
            errors: vec![message.to_string()],
            help: None,
            notes: Vec::new(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Failure::new(USAGE, message)
    }

    /// A script or runtime error (exit 1).
    pub fn script(message: impl std::fmt::Display) -> Self {
        Failure::new(SCRIPT, message)
    }

    /// A core diagnostic (its message and help) with exit `code`.
    pub fn diagnostic(e: &dyn miette::Diagnostic, code: i32) -> Self {
        Failure::new(code, e).help_opt(e.help().map(|h| h.to_string()))
    }

    /// With a help line.
    pub fn help(self, help: impl std::fmt::Display) -> Self {
        self.help_opt(Some(help.to_string()))
    }

    /// With a help line when there is one.
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// With a further line after the help.
    pub fn note(mut self, note: impl std::fmt::Display) -> Self {
        self.notes.push(note.to_string());
        self
    }

    /// With a further `error:` line.
    pub fn and(mut self, message: impl std::fmt::Display) -> Self {
        self.errors.push(message.to_string());
        self
    }

    /// The text to print on stderr (secrets masked), one line each, ending with a newline.
    pub fn render(&self) -> String {
        let r = |s: &str| crate::redact::redact(s).into_owned();
        let mut out = String::new();
        for e in &self.errors {
            out.push_str(&format!("{} {}\n", crate::t!("label-error"), r(e)));
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("  {} {}\n", crate::t!("label-help"), r(h)));
        }
        for n in &self.notes {
            out.push_str(&format!("  {}\n", r(n)));
        }
        out
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.errors.join("; "))
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_renders_errors_help_and_notes() {
        let f = Failure::usage("--plan: no VCC access token")
            .help("set VCC_ACCESS_TOKEN")
            .note("nothing was changed");
        assert_eq!(f.code, USAGE);
        assert_eq!(
            f.render(),
            "error: --plan: no VCC access token\n  help: set VCC_ACCESS_TOKEN\n  nothing was changed\n"
        );
        let f = Failure::script("a").and("b");
        assert_eq!(f.render(), "error: a\nerror: b\n");
        assert_eq!(f.code, SCRIPT);
    }
}

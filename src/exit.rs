//! Exit codes of every cwh command, and a failure to report with one: 0 ok, 1 script or
//! runtime error, 2 usage error, 130 interrupted. Neutral ground: the CLI, the host builder and
//! the REPL use them without depending on each other.

/// The command did what it was asked.
pub const OK: i32 = 0;
/// A script or runtime error (the script failed, the VCC refused, a file is damaged…).
pub const SCRIPT: i32 = 1;
/// A usage error (a missing file, a bad option or parameter): nothing was run.
pub const USAGE: i32 = 2;
/// Stopped by Ctrl-C.
pub const INTERRUPTED: i32 = 130;

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
            out.push_str(&format!("error: {}\n", r(e)));
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("  help: {}\n", r(h)));
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

//! The command line's one error path: every command returns [`Result`]; [`report`] — called by
//! `main` (and by `vcc::run` for callers that drive a subcommand directly) — prints what failed
//! once and gives the exit code.
use crate::exit::{self, Failure};
use crate::script::diagnostics::{self, ScriptDiagnostic};

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Error {
    /// `error: …` / `  help: …` lines and an exit code.
    Failure(Failure),
    /// A script that does not compile or failed: its diagnostic (exit 1, or 130 after Ctrl-C).
    Script(Box<ScriptDiagnostic>),
    /// The command's own output already says what is wrong (the problems `cwh check` found,
    /// the FAIL lines of `cwh vcc check`, a run's error before its recap): only the exit code.
    Shown(i32),
}

/// What every command returns.
pub type Result<T = ()> = std::result::Result<T, Error>;

impl Error {
    /// The exit code.
    pub fn code(&self) -> i32 {
        match self {
            Error::Failure(f) => f.code,
            Error::Script(d) => script_code(d),
            Error::Shown(code) => *code,
        }
    }

    /// What to print on stderr (nothing for [`Error::Shown`]).
    pub fn render(&self) -> String {
        match self {
            Error::Failure(f) => labels(&diagnostics::for_reader(&f.render())),
            Error::Script(d) => diagnostics::render(d),
            Error::Shown(_) => String::new(),
        }
    }
}

/// The `error:` / `help:` labels of a rendered failure in the reader's language.
fn labels(text: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return text.to_string();
    }
    let (e, h) = (crate::t!("label-error"), crate::t!("label-help"));
    text.lines()
        .map(|l| {
            if let Some(rest) = l.strip_prefix("error: ") {
                format!("{e} {rest}")
            } else if let Some(rest) = l.strip_prefix("  help: ") {
                format!("  {h} {rest}")
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect()
}

/// The exit code of a script diagnostic.
pub fn script_code(d: &ScriptDiagnostic) -> i32 {
    if d.interrupted {
        exit::INTERRUPTED
    } else {
        exit::SCRIPT
    }
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Self {
        Error::Failure(f)
    }
}

impl From<ScriptDiagnostic> for Error {
    fn from(d: ScriptDiagnostic) -> Self {
        Error::Script(Box::new(d))
    }
}

/// A usage error (exit 2): message and help.
pub fn usage(message: impl std::fmt::Display, help: Option<&str>) -> Error {
    Failure::usage(message)
        .help_opt(help.map(str::to_string))
        .into()
}

/// A core diagnostic with exit `code`.
pub fn diagnostic(e: &dyn miette::Diagnostic, code: i32) -> Error {
    Failure::diagnostic(e, code).into()
}

/// The edge: print the error once (secrets masked) and give the exit code.
pub fn report(r: Result) -> i32 {
    match r {
        Ok(()) => exit::OK,
        Err(e) => {
            // a closed stderr (`2>&1 | head`) must not turn a failure into a panic
            use std::io::Write;
            let _ = write!(std::io::stderr(), "{}", e.render());
            e.code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(interrupted: bool) -> ScriptDiagnostic {
        ScriptDiagnostic {
            message: "boom".into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
            location: None,
            interrupted,
        }
    }

    #[test]
    fn each_error_has_its_exit_code_and_text() {
        assert_eq!(report(Ok(())), exit::OK);
        let e = usage("no such script", Some("check the path"));
        assert_eq!(e.code(), exit::USAGE);
        assert_eq!(
            e.render(),
            "error: no such script\n  help: check the path\n"
        );
        assert_eq!(Error::from(diag(false)).code(), exit::SCRIPT);
        assert_eq!(Error::from(diag(true)).code(), exit::INTERRUPTED);
        assert!(Error::from(diag(false)).render().contains("boom"));
        // already shown: nothing more to print
        assert_eq!(Error::Shown(exit::SCRIPT).render(), "");
        assert_eq!(report(Err(Error::Shown(7))), 7);
    }
}

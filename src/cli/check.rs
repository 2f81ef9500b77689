//! `cwh check SCRIPT...`.
use crate::cli::common;
use crate::cli::error::{Error, Result};
use crate::exit;
use crate::script::check::{self, Known};
use crate::script::diagnostics::{self, ScriptDiagnostic};
use crate::script::modules::Resolver;
use clap::Args;
use miette::NamedSource;
use std::path::{Path, PathBuf};

/// Compile scripts and report every call that nothing defines, without running anything.
///
/// A typo in a function or module name (`vcc::conect()`) is reported with its file:line:col
/// and a suggestion, before a run can create cloud resources. Imports are resolved as in a
/// run (script directory, --lib, CWH_LIB, the embedded stdlib).
///
/// Examples:
///   cwh check scripts/*.rhai
///   cwh check --lib site-lib my-flow.rhai
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Scripts to check.
    #[arg(required = true)]
    pub scripts: Vec<PathBuf>,
    /// Extra module directories, as for `cwh run`.
    #[arg(long = "lib", value_name = "DIR")]
    pub libs: Vec<PathBuf>,
}

pub fn run(a: CheckArgs) -> Result {
    // one engine and one table of known functions for every script (the module resolver,
    // which depends on the script's directory, is made per script); no run, no runtime
    let engine = crate::script::engine::api_only(Resolver::new(None, &a.libs));
    let known = Known::from_engine(&engine);
    let mut worst = exit::OK;
    let mut problems = 0;
    for script in &a.scripts {
        // a script that cannot be read or compiled is one problem among the others: the
        // check goes on with the next script
        let code = match check_one(&engine, &known, &a.libs, script, &mut problems) {
            Ok(code) => code,
            Err(e) => {
                eprint!("{}", e.render());
                e.code()
            }
        };
        worst = worst.max(code);
    }
    if worst == exit::OK {
        eprintln!("{}", crate::t!("cli-check-clean", count = a.scripts.len()));
        return Ok(());
    }
    if problems > 0 {
        eprintln!(
            "{}",
            crate::t!(
                "cli-check-problems",
                count = a.scripts.len(),
                problems = problems
            )
        );
    }
    Err(Error::Shown(worst))
}

fn check_one(
    engine: &rhai::Engine,
    known: &Known,
    libs: &[PathBuf],
    script: &Path,
    problems: &mut usize,
) -> Result<i32> {
    let (name, text) = common::read_script(script)?;
    let ast = engine.compile(&text).map_err(|e| {
        *problems += 1;
        diagnostics::from_parse(&e, &name)
    })?;
    let resolver = Resolver::new(Some(common::main_dir(script)), libs);
    let found = check::check_ast(engine, known, &resolver, &ast, &name);
    for u in &found {
        let span = u.pos.line().and_then(|l| {
            let off = diagnostics::offset_of(&text, l, u.pos.position().unwrap_or(1))?;
            Some(miette::SourceSpan::new(off.into(), u.call.len().max(1)))
        });
        let d = ScriptDiagnostic {
            message: u.message.clone(),
            src: Some(NamedSource::new(&name, text.clone())),
            span,
            label: if u.module {
                crate::t!("diag-label-imported")
            } else {
                crate::t!("cli-check-not-defined")
            },
            help: Some(match &u.suggestion {
                Some(s) => crate::t!("cli-check-did-you-mean", name = s.as_str()),
                None if u.module => crate::t!("diag-module-not-found-help"),
                None => crate::t!("cli-check-define-it"),
            }),
            location: None,
            interrupted: false,
        };
        eprint!("{}", diagnostics::render(&d));
    }
    *problems += found.len();
    Ok(if found.is_empty() {
        exit::OK
    } else {
        exit::SCRIPT
    })
}

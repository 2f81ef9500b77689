//! `cwh check SCRIPT...`.
use crate::cli::common::{self, ScriptOpts};
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

pub fn run(a: CheckArgs) -> i32 {
    let opts = ScriptOpts {
        libs: a.libs.clone(),
        ..Default::default()
    };
    // one engine and one table of known functions for every script (the module resolver,
    // which depends on the script's directory, is made per script)
    let host = match common::host(&opts, None, false) {
        Ok(h) => h,
        Err(code) => return code,
    };
    let known = Known::from_engine(&host.engine);
    let mut worst = 0;
    let mut problems = 0;
    for script in &a.scripts {
        let code = check_one(&host.engine, &known, &opts, script, &mut problems);
        worst = worst.max(code);
    }
    if worst == 0 {
        eprintln!("checked {} script(s): no problems", a.scripts.len());
    } else if problems > 0 {
        eprintln!(
            "checked {} script(s): {problems} problem(s)",
            a.scripts.len()
        );
    }
    worst
}

fn check_one(
    engine: &rhai::Engine,
    known: &Known,
    opts: &ScriptOpts,
    script: &Path,
    problems: &mut usize,
) -> i32 {
    let (name, text) = match common::read_script(script) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let ast = match engine.compile(&text) {
        Ok(ast) => ast,
        Err(e) => {
            *problems += 1;
            return common::report_script(&diagnostics::from_parse(&e, &name));
        }
    };
    let main_dir = script
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let resolver = Resolver::new(Some(main_dir.to_path_buf()), &opts.libs);
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
            label: if u.message.starts_with("module") { "imported here" } else { "not defined" }.into(),
            help: Some(match &u.suggestion {
                Some(s) => format!("did you mean `{s}`? (`cwh doc` lists every function)"),
                None => "define it with `fn`, import the module that has it, or see `cwh doc` for the API".into(),
            }),
            location: None,
            interrupted: false,
        };
        eprint!("{}", diagnostics::render(&d));
    }
    *problems += found.len();
    if found.is_empty() {
        0
    } else {
        common::EXIT_SCRIPT
    }
}

//! `cwh run SCRIPT`.
use crate::cli::common::{self, ScriptOpts};
use crate::journal::{self, Event};
use crate::script::diagnostics;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Run a script.
///
/// Parameters come from --set, --params, CWH_PARAM_<NAME> or the script's defaults; secrets
/// (the VCC token) from the environment, --token-file or a hidden prompt, never from argv.
/// Every VCC call, remote command and file write is journaled in <workdir>/.cwh/runs/.
/// Ctrl-C stops the script cleanly; a second Ctrl-C exits at once.
/// `cwh params SCRIPT` lists the parameters a script asks for: a --set key it never asks for
/// stops the run before anything happens, an unknown key in a --params file is a warning.
///
/// Examples:
///   cwh run scripts/coursewarehub.rhai --params site.yml
///   cwh run demo.rhai --set n=3 --set name='"016"'
///   CWH_PARAM_VC_NODES=2 cwh run -v scripts/coursewarehub.rhai
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RunArgs {
    /// The script to run (a .rhai file).
    pub script: PathBuf,
    #[command(flatten)]
    pub opts: ScriptOpts,
}

pub fn run(a: RunArgs) -> i32 {
    let (name, text) = match common::read_script(&a.script) {
        Ok(v) => v,
        Err(code) => return code,
    };
    // unknown --set keys stop the run here, before the workdir, the VCC or a prompt is touched
    if let Err(code) = crate::cli::params::strict_check(&a.opts, &a.script, &name, &text) {
        return code;
    }
    // one run at a time per workdir, before anything else (key pair, simulator state, journal)
    let _lock = match super::guard::take(a.opts.workdir.as_deref()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let host = match common::host(&a.opts, Some(&a.script), std::io::stdin().is_terminal()) {
        Ok(h) => h,
        Err(code) => return code,
    };
    match journal::open(&host.ctx.workdir) {
        Ok(p) => tracing::debug!("journal: {}", p.display()),
        Err(e) => {
            // a run that cannot record what it does does not start
            return common::usage(
                format!(
                    "cannot create the run journal in {}: {e}",
                    host.ctx.workdir.join(".cwh/runs").display()
                ),
                Some(
                    "free space in the workdir or fix its permissions (--workdir DIR), then run again",
                ),
            );
        }
    }
    let mut ast = match host.engine.compile(&text) {
        Ok(ast) => ast,
        Err(e) => return common::report_script(&diagnostics::from_parse(&e, &name)),
    };
    ast.set_source(name.clone());
    common::install_ctrl_c(&host);
    let start = Instant::now();
    let result = host.engine.run_ast(&ast);
    let ev = Event::new("script", "run", &name).took(start.elapsed());
    match result {
        Ok(()) => {
            journal::record(ev);
            0
        }
        Err(e) => {
            let d = diagnostics::from_eval(&e, &name);
            journal::record(ev.failed().detail(serde_json::json!({
                "error": d.message, "at": d.location })));
            common::report_script(&d)
        }
    }
}

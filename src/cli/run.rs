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
    /// Show what the run would do, changing nothing: the VCC's state is read with GET requests
    /// only and the unchanged script rehearses on the simulator seeded with it; files are
    /// written to a scratch copy in <workdir>/.cwh/plan/, remote steps recorded, not run.
    /// With --sim/--lab the plan is against that simulator's saved state. `vcp.target` is
    /// "plan".
    #[arg(long, visible_alias = "dry-run")]
    pub plan: bool,
    /// How to print the plan: text, or json for tooling.
    #[arg(long, value_enum, default_value_t = Output::Text, requires = "plan")]
    pub output: Output,
}

/// Output format of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    Text,
    Json,
}

pub fn run(mut a: RunArgs) -> i32 {
    a.opts.plan = a.plan;
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
    let mut host = match common::host(&a.opts, Some(&a.script), std::io::stdin().is_terminal()) {
        Ok(h) => h,
        Err(code) => return code,
    };
    if a.output == Output::Json {
        // stdout holds the plan's JSON alone: the script's own output goes to stderr
        host.engine
            .on_print(|s| eprintln!("{}", crate::redact::redact(s)));
    }
    // under --plan the journal stays in the real workdir's .cwh/runs, beside the others
    let real_workdir =
        crate::plan::active().map_or(host.ctx.workdir.clone(), |p| p.workdir.clone());
    match journal::open(&real_workdir) {
        Ok(p) => tracing::debug!("journal: {}", p.display()),
        Err(e) => {
            // a run that cannot record what it does does not start
            return common::usage(
                format!(
                    "cannot create the run journal in {}: {e}",
                    real_workdir.join(".cwh/runs").display()
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
    let elapsed = start.elapsed();
    let ev = Event::new("script", "run", &name).took(elapsed);
    let (code, error) = match result {
        Ok(()) => {
            journal::record(ev);
            (0, None)
        }
        Err(e) => {
            let d = diagnostics::from_eval(&e, &name);
            journal::record(ev.failed().detail(serde_json::json!({
                "error": d.message, "at": d.location })));
            (common::report_script(&d), Some(d.message.clone()))
        }
    };
    finish(&host, &name, elapsed, error, a.output, code)
}

/// The recap (every run) and the plan (`--plan`); the recap is the journal's last record.
fn finish(
    host: &common::Host,
    name: &str,
    elapsed: std::time::Duration,
    error: Option<String>,
    output: Output,
    code: i32,
) -> i32 {
    use crate::plan::recap;
    // a fresh token: a Ctrl-C that stopped the script must not stop the recap's one GET
    host.ctx.reset_interrupt();
    let limit = std::time::Duration::from_secs(60);
    let change = host
        .ctx
        .block_on(async move { tokio::time::timeout(limit, recap::vcc_change()).await });
    let vcc = match change {
        Ok(Ok(Some(Ok(d)))) => Some(d),
        Ok(Ok(None)) => None,
        Ok(Ok(Some(Err(e)))) => {
            tracing::warn!("recap: cannot read the VCC's state at the end of the run: {e}");
            None
        }
        _ => {
            tracing::warn!("recap: the VCC did not answer within {limit:?} at the end of the run");
            None
        }
    };
    let r = recap::collect(
        &journal::events(),
        vcc.clone(),
        elapsed,
        &host.ctx.workdir,
        host.plan.is_some(),
        error.is_none(),
    );
    let mut code = code;
    if let Some(run) = &host.plan {
        let p = crate::cli::plan::plan(run, vcc.unwrap_or_default(), elapsed, error);
        match output {
            Output::Json => match serde_json::to_string_pretty(&p) {
                Ok(j) => println!("{}", crate::redact::redact(&j)),
                Err(e) => {
                    eprintln!("error: cannot render the plan as JSON: {e}");
                    code = common::EXIT_SCRIPT;
                }
            },
            Output::Text => print!("{}", p.render()),
        }
    }
    // on stderr beside the logs; `-q` (only errors) keeps it in the journal only
    if tracing::enabled!(target: "cwh::recap", tracing::Level::WARN) {
        eprint!("{}", r.render());
    }
    journal::record(
        Event::new("recap", if r.planned { "plan" } else { "run" }, name)
            .took(elapsed)
            .outcome_ok(r.ok)
            .detail(serde_json::to_value(&r).unwrap_or_default()),
    );
    code
}

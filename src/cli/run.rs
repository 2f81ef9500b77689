//! `cwh run SCRIPT`.
use crate::cli::common::{self, ScriptOpts};
use crate::cli::error::{Error, Result, usage};
use crate::exit::Failure;
use crate::journal::{self, Event};
use crate::script::diagnostics;
use crate::script::host::Host;
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

pub fn run(mut a: RunArgs) -> Result {
    a.opts.plan = a.plan;
    let (name, text) = common::read_script(&a.script)?;
    // unknown --set keys stop the run here, before the workdir, the VCC or a prompt is touched
    crate::cli::params::strict_check(&a.opts, &a.script, &name, &text)?;
    // one run at a time per workdir, before anything else (key pair, simulator state, journal)
    let _lock = super::guard::take(a.opts.workdir.as_deref())?;
    let mut host = common::host(&a.opts, Some(&a.script), std::io::stdin().is_terminal())?;
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
            return Err(usage(
                format!(
                    "cannot create the run journal in {}: {e}",
                    real_workdir.join(".cwh/runs").display()
                ),
                Some(
                    "free space in the workdir or fix its permissions (--workdir DIR), then run again",
                ),
            ));
        }
    }
    let mut ast = host
        .engine
        .compile(&text)
        .map_err(|e| diagnostics::from_parse(&e, &name))?;
    ast.set_source(name.clone());
    host.install_ctrl_c();
    let start = Instant::now();
    let result = host.engine.run_ast(&ast);
    let elapsed = start.elapsed();
    let ev = Event::new("script", "run", &name).took(elapsed);
    let failed = match result {
        Ok(()) => {
            journal::record(ev);
            None
        }
        Err(e) => {
            let d = diagnostics::from_eval(&e, &name);
            journal::record(ev.failed().detail(serde_json::json!({
                "error": d.message, "at": d.location })));
            // the script's error comes first, then the recap (and the plan) of what it did
            let message = d.message.clone();
            let e = Error::from(d);
            eprint!("{}", e.render());
            Some((message, e.code()))
        }
    };
    let (error, code) = failed.unzip();
    finish(&host, &name, elapsed, error, a.output)?;
    code.map_or(Ok(()), |c| Err(Error::Shown(c)))
}

/// The recap (every run) and the plan (`--plan`); the recap is the journal's last record.
fn finish(
    host: &Host,
    name: &str,
    elapsed: std::time::Duration,
    error: Option<String>,
    output: Output,
) -> Result {
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
    let mut rendered = Ok(());
    if let Some(run) = &host.plan {
        let p = run.plan(vcc.unwrap_or_default(), elapsed, error);
        match output {
            Output::Json => match serde_json::to_string_pretty(&p) {
                Ok(j) => println!("{}", crate::redact::redact(&j)),
                Err(e) => {
                    rendered =
                        Err(Failure::script(format!("cannot render the plan as JSON: {e}")).into());
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
    rendered
}

//! `cwh run SCRIPT`.
use crate::cli::common::{self, ScriptOpts};
use crate::cli::error::{Error, Result, usage};
use crate::exit::{self, Failure};
use crate::journal::{self, Event};
use crate::script::diagnostics;
use crate::script::host::Host;
use clap::Args;
use rhai::Dynamic;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Run a script.
///
/// Parameters come from --set, --params, CWH_PARAM_<NAME> or the script's defaults; secrets
/// (the VCC token) from the environment, --token-file or a hidden prompt, never from argv.
/// Every VCC call, remote command and file write is journaled in <workdir>/.cwh/runs/.
/// Ctrl-C, SIGTERM (`kill PID`) and SIGHUP stop the script cleanly: the recap is written and
/// the workdir lock released (exit code 130, 143, 129); a second signal exits at once.
/// `exit(n)` in a script ends the run with exit code n (0 to 255); `exit()` ends it
/// successfully; `exit("message")` ends it with the message as an error (exit code 1).
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
    /// written to a scratch copy in <workdir>/.cwh/plan/. The nodes are read for real (host
    /// keys, commands marked as queries); every remote command that changes something is
    /// recorded, not run. With --sim/--lab the plan is against that simulator's saved state,
    /// and takes the path that run takes.
    #[arg(long, visible_alias = "dry-run")]
    pub plan: bool,
    /// With --plan: contact no node (for nodes that cannot be reached from here); the plan's
    /// model answers the queries too.
    #[arg(long, requires = "plan")]
    pub offline: bool,
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
    crate::plan::set_offline(a.offline);
    let (name, text) = common::read_script(&a.script)?;
    // unknown --set keys stop the run here, before the workdir, the VCC or a prompt is touched
    crate::cli::params::strict_check(&a.opts, &a.script, &name, &text)?;
    // one run at a time per workdir, before anything else (key pair, simulator state, journal)
    let _lock = super::guard::take(a.opts.workdir.as_deref())?;
    let mut host = common::host(&a.opts, Some(&a.script), std::io::stdin().is_terminal())?;
    // from here a signal (Ctrl-C, SIGTERM, SIGHUP) stops the script cleanly: the recap is
    // written, the lock released, the exit code 128 + the signal's number
    host.stop_cleanly_on_signals();
    if a.output == Output::Json {
        // stdout holds the plan's JSON alone: the script's own output goes to stderr
        host.engine.on_print(|s| {
            let _ = writeln!(std::io::stderr(), "{}", crate::redact::redact(s));
        });
    }
    // under --plan the journal stays in the real workdir's .cwh/runs, beside the others
    let real_workdir =
        crate::plan::active().map_or(host.ctx.workdir.clone(), |p| p.workdir.clone());
    match journal::open(&real_workdir) {
        Ok(p) => tracing::debug!("journal: {}", p.display()),
        Err(e) => {
            // a run that cannot record what it does does not start
            return Err(usage(
                crate::t!(
                    "cli-journal-create-failed",
                    dir = real_workdir.join(".cwh/runs").display().to_string(),
                    problem = e.to_string()
                ),
                Some(&crate::t!("cli-journal-create-failed-help")),
            ));
        }
    }
    let start = Instant::now();
    let recapped = Arc::new(AtomicBool::new(false));
    {
        // a second signal exits at once: the journal still ends with a (shorter) recap
        let (name, root, planned, recapped) = (
            name.clone(),
            host.ctx.workdir.clone(),
            host.plan.is_some(),
            recapped.clone(),
        );
        crate::exit::at_exit_now(move |code| {
            if recapped.swap(true, Ordering::SeqCst) {
                return;
            }
            let mut r = crate::plan::recap::collect(
                &journal::events(),
                None,
                start.elapsed(),
                &root,
                planned,
                false,
            );
            r.ending = Some(crate::t!("plan-recap-second-signal", code = code));
            record_recap(&r, &name, code);
        });
    }
    register_exit(&mut host.engine);
    let mut ast = host
        .engine
        .compile(&text)
        .map_err(|e| diagnostics::from_parse(&e, &name))?;
    ast.set_source(name.clone());
    // a panic in a primitive (a bug, a terminal gone after SIGHUP) still ends with the recap
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        host.engine.eval_ast::<Dynamic>(&ast)
    }))
    .unwrap_or_else(|p| Err(panicked(p.as_ref())));
    let elapsed = start.elapsed();
    let ev = Event::new("script", "run", &name).took(elapsed);
    let mut end = match result {
        Ok(v) => match v.try_cast::<ScriptExit>() {
            Some(ScriptExit(v)) => {
                let end = Ending::of_exit(&v);
                journal::record(
                    ev.outcome_ok(end.code == exit::OK)
                        .detail(serde_json::json!({ "exit_code": end.code, "error": end.error })),
                );
                // exit("message"), exit(1000): said before the recap, like an error
                if let Some(m) = &end.error {
                    let _ = writeln!(
                        std::io::stderr(),
                        "{} {}",
                        crate::t!("label-error"),
                        crate::redact::redact(m)
                    );
                }
                end
            }
            None => {
                journal::record(ev);
                Ending::finished()
            }
        },
        Err(e) => {
            let mut d = diagnostics::from_eval(&e, &name);
            if d.interrupted
                && let Some(sig) = exit::stopped_by()
                && sig != libc::SIGINT
            {
                d.message = crate::t!("plan-recap-stopped-by", signal = exit::signal_name(sig));
            }
            journal::record(ev.failed().detail(serde_json::json!({
                "error": d.message, "at": d.location })));
            // the script's error comes first, then the recap (and the plan) of what it did
            let message = d.message.clone();
            let e = Error::from(d);
            let _ = write!(std::io::stderr(), "{}", e.render());
            Ending {
                code: e.code(),
                error: Some(message),
                said: None,
            }
        }
    };
    // a signal decides the exit code, whatever the script did after it
    if let Some(sig) = exit::stopped_by() {
        end.code = exit::for_signal(sig);
        end.said = Some(crate::t!(
            "plan-recap-stopped-code",
            signal = exit::signal_name(sig),
            code = end.code
        ));
        end.error.get_or_insert_with(|| {
            crate::t!("plan-recap-stopped-by", signal = exit::signal_name(sig))
        });
    }
    let rendered = finish(&host, &name, elapsed, &end, a.output, &recapped);
    rendered?;
    if end.code == exit::OK {
        Ok(())
    } else {
        Err(Error::Shown(end.code))
    }
}

/// How the script ended: its exit code, the error to report (if any), and what the recap says
/// about the ending when it is not a plain finish or error.
struct Ending {
    code: i32,
    error: Option<String>,
    said: Option<String>,
}

impl Ending {
    fn finished() -> Ending {
        Ending {
            code: exit::OK,
            error: None,
            said: None,
        }
    }

    /// The script called `exit(value)`: an integer 0 to 255 is the exit code; `exit()` is 0
    /// (the run ends there, successfully); a string is an error message (exit code 1, as
    /// Python's `sys.exit("…")`); any other value is refused with exit code 1.
    fn of_exit(v: &Dynamic) -> Ending {
        let (code, error, call) = if v.is_unit() {
            (exit::OK, None, "exit()".to_string())
        } else if let Ok(n) = v.as_int() {
            match i32::try_from(n) {
                Ok(c) if (0..=255).contains(&c) => (c, None, format!("exit({n})")),
                _ => (
                    exit::SCRIPT,
                    Some(crate::t!(
                        "cli-exit-code-range",
                        call = format!("exit({n})")
                    )),
                    format!("exit({n})"),
                ),
            }
        } else if let Some(s) = v.read_lock::<rhai::ImmutableString>() {
            (exit::SCRIPT, Some(s.to_string()), "exit(message)".into())
        } else {
            (
                exit::SCRIPT,
                Some(crate::t!("cli-exit-bad-value", call = format!("exit({v})"))),
                format!("exit({})", short(&v.to_string())),
            )
        };
        Ending {
            code,
            error,
            said: (code != exit::OK)
                .then(|| crate::t!("plan-recap-script-exit", call = call.as_str(), code = code)),
        }
    }
}

/// A panic caught while the script ran, as the script's error.
fn panicked(p: &(dyn std::any::Any + Send)) -> Box<rhai::EvalAltResult> {
    let msg = p
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| p.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    let text = if msg.starts_with("failed printing to std") {
        crate::t!("cli-output-gone", problem = msg)
    } else {
        crate::t!("cli-internal-error", problem = msg)
    };
    Box::new(rhai::EvalAltResult::ErrorRuntime(
        Dynamic::from(text),
        rhai::Position::NONE,
    ))
}

/// `text` cut to a length that fits a recap line.
fn short(text: &str) -> String {
    if text.chars().count() > 30 {
        format!("{}…", text.chars().take(30).collect::<String>())
    } else {
        text.to_string()
    }
}

/// A script's `exit(…)`, as the value the engine hands back (no script value can be one).
#[derive(Clone)]
struct ScriptExit(Dynamic);

/// `exit()` and `exit(value)` end the script with a value `run` can tell from the script's last
/// expression (Rhai's own `exit` gives that value back as if the script had ended with it).
fn register_exit(engine: &mut rhai::Engine) {
    use rhai::{EvalAltResult, Position};
    fn stop(v: Dynamic) -> std::result::Result<(), Box<EvalAltResult>> {
        Err(EvalAltResult::Exit(Dynamic::from(ScriptExit(v)), Position::NONE).into())
    }
    engine.register_fn("exit", || stop(Dynamic::UNIT));
    engine.register_fn("exit", stop);
}

/// The recap as the journal's last record, with the run's exit code.
fn record_recap(r: &crate::plan::recap::Recap, name: &str, code: i32) {
    let mut detail = serde_json::to_value(r).unwrap_or_default();
    if let serde_json::Value::Object(m) = &mut detail {
        m.insert("exit_code".into(), code.into());
    }
    journal::record(
        Event::new("recap", if r.planned { "plan" } else { "run" }, name)
            .took(std::time::Duration::from_millis(r.elapsed_ms))
            .outcome_ok(r.ok)
            .detail(detail),
    );
}

/// The recap (every run) and the plan (`--plan`); the recap is the journal's last record.
fn finish(
    host: &Host,
    name: &str,
    elapsed: std::time::Duration,
    end: &Ending,
    output: Output,
    recapped: &AtomicBool,
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
            tracing::warn!(
                "{}",
                crate::t!("plan-recap-vcc-unread", problem = e.as_str())
            );
            None
        }
        _ => {
            tracing::warn!(
                "{}",
                crate::t!("plan-recap-vcc-silent", seconds = limit.as_secs())
            );
            None
        }
    };
    let mut r = recap::collect(
        &journal::events(),
        vcc.clone(),
        elapsed,
        &host.ctx.workdir,
        host.plan.is_some(),
        end.code == exit::OK,
    );
    r.ending = end.said.clone();
    // the journal first: a terminal that is gone (SIGHUP) must not cost the record
    if !recapped.swap(true, Ordering::SeqCst) {
        record_recap(&r, name, end.code);
    }
    let mut rendered = Ok(());
    if let Some(run) = &host.plan {
        let p = run.plan(
            vcc.unwrap_or_default(),
            elapsed,
            end.error.clone().or_else(|| end.said.clone()),
        );
        let mut out = std::io::stdout();
        match output {
            Output::Json => match serde_json::to_string_pretty(&p) {
                Ok(j) => {
                    let _ = writeln!(out, "{}", crate::redact::redact(&j));
                }
                Err(e) => {
                    rendered = Err(Failure::script(crate::t!(
                        "plan-json-failed",
                        problem = e.to_string()
                    ))
                    .into());
                }
            },
            Output::Text => {
                let _ = write!(out, "{}", p.render());
            }
        }
    }
    // on stderr beside the logs; `-q` (only errors) keeps it in the journal only
    if tracing::enabled!(target: "cwh::recap", tracing::Level::WARN) {
        let _ = write!(std::io::stderr(), "{}", r.render());
    }
    rendered
}

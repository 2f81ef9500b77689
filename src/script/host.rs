//! The host of a run, built from options the command line has already checked: the async
//! runtime, what the run talks to (the configured VCC, or the embedded simulator, lab or
//! `--plan` rehearsal the host starts), the rehearsal key pair, the context and the engine.
//! The host says what it started ([`VccOptions::target`]); nothing downstream guesses it.
use crate::exit::{self, Failure};
use crate::lab::apt::Consent;
use crate::lab::{LabError, LabOptions, Prepared};
use crate::plan::rehearsal::{self, PlanRun, Seed};
use crate::script::ctx::{Ctx, VccOptions};
use crate::script::modules::Resolver;
use crate::script::params::{Params, VCC_TOKEN};
use crate::vcc::Target;
use rhai::Engine;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which VCC the run talks to, as asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Backend {
    /// The configured VCC (vcp_config.yml, `CWH_VCC_URL`, the token).
    #[default]
    Configured,
    /// The embedded simulator (`--sim`); its state in `<workdir>/.cwh/sim-state.json`.
    Simulator,
    /// The embedded simulator with container nodes (`--lab`).
    Lab {
        name: String,
        subnet: Option<String>,
    },
}

/// What the host is built from.
pub struct HostOptions {
    /// The run's parameters (already read from --set, --params, the environment).
    pub params: Params,
    /// The run's working directory (exists, absolute or the current directory).
    pub workdir: PathBuf,
    /// The directory `import` searches first (the main script's).
    pub main_dir: Option<PathBuf>,
    /// `--lib` directories.
    pub libs: Vec<PathBuf>,
    /// `--yes`.
    pub yes: bool,
    /// `--vcc-config`, `--token-file`, `--ca-cert`.
    pub vcc_config: Option<PathBuf>,
    pub token_file: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
    pub backend: Backend,
    /// `--plan`: rehearse on a snapshot of the backend's state.
    pub plan: bool,
}

/// The host of one command: runtime, context and engine.
pub struct Host {
    pub ctx: Arc<Ctx>,
    pub engine: Engine,
    /// The embedded simulator (`--sim`, `--lab`, `--plan`), held so it runs as long as the
    /// host.
    #[allow(dead_code)]
    pub sim: Option<crate::sim::Server>,
    /// Under `--plan`: what the snapshot was taken of.
    pub plan: Option<PlanRun>,
    pub rt: tokio::runtime::Runtime,
    /// What SIGINT, SIGTERM and SIGHUP do (handled from the moment the runtime starts).
    signals: Arc<Signals>,
}

/// Build the host: start the runtime and whatever the run talks to.
pub fn build(o: HostOptions) -> Result<Host, Failure> {
    let HostOptions {
        mut params,
        workdir,
        main_dir,
        libs,
        yes,
        vcc_config,
        token_file,
        ca_cert,
        backend,
        plan,
    } = o;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cwh-rt")
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(crate::t!("script-runtime-failed", problem = e.to_string())))?;
    // from here on a signal never kills cwh with its workdir lock left behind
    let signals = Signals::install(&rt);
    let mut vcc = VccOptions {
        config_dir: vcc_config,
        token_file,
        ca_cert,
        ..Default::default()
    };
    // a lab's key pair is made once the lab is granted (a refused run leaves nothing behind)
    if backend == Backend::Simulator && !plan {
        let dir = workdir.join(".cwh");
        rehearsal_defaults(&mut params, &dir, &dir)?;
    }
    let mut plan_run = None;
    let sim = if plan {
        let r = start_plan(&backend, &params, &vcc, &rt, &workdir)?;
        if backend != Backend::Configured {
            // a plan writes nothing in the real workdir: the lab key pair it lacks is made in
            // the scratch copy (the plan's files name it at its real place)
            let real = workdir.join(".cwh");
            let key = real.join(LAB_KEY);
            let whole = [key.clone(), key.with_extension("pub")]
                .iter()
                .all(|f| std::fs::metadata(f).is_ok_and(|m| m.is_file() && m.len() > 0));
            let keys = match crate::plan::active() {
                Some(p) if !whole => p.scratch.join(".cwh"),
                _ => real.clone(),
            };
            rehearsal_defaults(&mut params, &keys, &real)?;
        }
        vcc.url = Some(r.server.url());
        vcc.token = Some(r.token);
        vcc.target = Target::Plan;
        vcc.label = Some(crate::t!(
            "script-label-plan",
            source = r.run.source.as_str()
        ));
        plan_run = Some(r.run);
        Some(r.server)
    } else if let Backend::Lab { name, subnet } = &backend {
        let token = crate::sim::random_token();
        params.supply_secret(VCC_TOKEN, token.clone());
        let p = prepare_lab(
            rt.handle(),
            name,
            subnet.as_deref(),
            &workdir,
            token.clone(),
            yes,
        )?;
        let dir = workdir.join(".cwh");
        rehearsal_defaults(&mut params, &dir, &dir)?;
        let server = p.start(rt.handle()).map_err(|e| {
            Failure::script(crate::t!("script-lab-sim-failed", problem = e.to_string()))
        })?;
        vcc.url = Some(server.url());
        vcc.token = Some(token);
        vcc.target = Target::Lab {
            name: Some(name.clone()),
        };
        vcc.label = Some(crate::t!("script-label-lab", name = name.as_str()));
        Some(server)
    } else if backend == Backend::Simulator {
        let token = crate::sim::random_token();
        params.supply_secret(VCC_TOKEN, token.clone());
        let server = start_simulator(&rt, &workdir, token.clone())?;
        vcc.url = Some(server.url());
        vcc.token = Some(token);
        vcc.target = Target::Simulator;
        vcc.label = Some(crate::t!("script-label-simulator"));
        Some(server)
    } else {
        None
    };
    // --plan: the rehearsal reads and writes the scratch copy of the workdir
    let workdir = crate::plan::active().map_or(workdir, |p| p.scratch.clone());
    let ctx = Arc::new(Ctx::new(rt.handle().clone(), params, workdir, yes, vcc));
    let engine = crate::script::engine::build(&ctx, Resolver::new(main_dir, &libs));
    let _ = signals.ctx.set(ctx.clone());
    Ok(Host {
        ctx,
        engine,
        sim,
        plan: plan_run,
        rt,
        signals,
    })
}

/// What a signal does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum SignalMode {
    /// Nothing to stop cleanly yet (the host is starting a lab, a simulator…): exit at once
    /// with 128 + the signal's number, the workdir lock released.
    Idle = 0,
    /// The REPL: Ctrl-C stops the running entry; SIGTERM and SIGHUP end the session at once.
    Repl = 1,
    /// A run: the first signal of any kind stops the script cleanly (its recap is written and
    /// the lock released; the exit code is 128 + the signal's number), a second exits at once.
    Run = 2,
}

/// The host's signal handling: SIGINT, SIGTERM and SIGHUP, registered when the runtime starts.
struct Signals {
    ctx: std::sync::OnceLock<Arc<Ctx>>,
    mode: std::sync::atomic::AtomicU8,
    /// Signals received since the script was last (re)started.
    count: std::sync::atomic::AtomicU32,
}

impl Signals {
    fn install(rt: &tokio::runtime::Runtime) -> Arc<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        let s = Arc::new(Signals {
            ctx: std::sync::OnceLock::new(),
            mode: std::sync::atomic::AtomicU8::new(SignalMode::Idle as u8),
            count: std::sync::atomic::AtomicU32::new(0),
        });
        // registered now (not on the task's first poll), so a signal that arrives at once is
        // already ours
        let _guard = rt.enter();
        for kind in [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
        ] {
            let Ok(mut stream) = signal(kind) else {
                tracing::warn!(
                    "{}",
                    crate::t!(
                        "script-signal-unhandled",
                        signal = exit::signal_name(kind.as_raw_value())
                    )
                );
                continue;
            };
            let s = s.clone();
            rt.spawn(async move {
                while stream.recv().await.is_some() {
                    s.received(kind.as_raw_value());
                }
            });
        }
        s
    }

    fn set_mode(&self, m: SignalMode) {
        self.mode
            .store(m as u8, std::sync::atomic::Ordering::SeqCst);
    }

    fn received(&self, sig: i32) {
        use std::sync::atomic::Ordering;
        // the terminal may be gone (SIGHUP): a failed write must not end the handler
        let say = |m: &str| {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "{m}");
        };
        let mode = match self.mode.load(Ordering::SeqCst) {
            1 => SignalMode::Repl,
            2 => SignalMode::Run,
            _ => SignalMode::Idle,
        };
        let ctx = match self.ctx.get() {
            Some(c) if mode != SignalMode::Idle => c,
            _ => {
                say(&crate::t!(
                    "script-signal-starting",
                    signal = exit::signal_name(sig)
                ));
                exit::note_signal(sig);
                exit::now(exit::for_signal(sig));
            }
        };
        // a signal after the REPL reset the interruption (a new entry) counts as a first; in a
        // run, any signal after the first exits at once (the recap resets the interruption
        // for its one GET)
        if mode == SignalMode::Repl && !ctx.is_interrupted() {
            self.count.store(0, Ordering::SeqCst);
        }
        let first = self.count.fetch_add(1, Ordering::SeqCst) == 0;
        let clean = mode == SignalMode::Run || sig == libc::SIGINT;
        if first && clean {
            if mode == SignalMode::Run {
                exit::note_signal(sig);
            }
            if sig == libc::SIGINT {
                say(&crate::t!("script-signal-interrupting"));
            } else {
                say(&crate::t!(
                    "script-signal-stopping",
                    signal = exit::signal_name(sig)
                ));
            }
            ctx.interrupt();
        } else {
            exit::note_signal(sig);
            say(&crate::t!("script-signal-exiting"));
            exit::now(exit::for_signal(sig));
        }
    }
}

/// `--sim`: the embedded simulator, its state kept in the workdir.
fn start_simulator(
    rt: &tokio::runtime::Runtime,
    workdir: &Path,
    token: String,
) -> Result<crate::sim::Server, Failure> {
    let state = workdir.join(".cwh").join("sim-state.json");
    let mut so = crate::sim::SimOptions::new(token);
    so.state_file = Some(state.clone());
    let server = crate::sim::Server::start_on(rt.handle(), so).map_err(|e| {
        let f = Failure::usage(crate::t!(
            "script-sim-failed",
            file = state.display().to_string(),
            problem = e.to_string()
        ));
        if state.exists() {
            f.help(crate::t!(
                "script-sim-failed-help",
                workdir = workdir.display().to_string()
            ))
        } else {
            f
        }
    })?;
    tracing::info!(
        "{}",
        crate::t!(
            "script-sim-started",
            url = server.url(),
            file = state.display().to_string()
        )
    );
    Ok(server)
}

/// `--plan`: what the rehearsal is seeded with, then the seeded simulator.
fn start_plan(
    backend: &Backend,
    params: &Params,
    vcc: &VccOptions,
    rt: &tokio::runtime::Runtime,
    workdir: &Path,
) -> Result<rehearsal::Rehearsal, Failure> {
    let seed = match backend {
        Backend::Lab { name, subnet } => Seed::SavedState(
            workdir.join(".cwh").join(format!("lab-{name}.json")),
            Target::Lab {
                name: Some(name.clone()),
            },
            subnet.clone(),
        ),
        Backend::Simulator => Seed::SavedState(
            workdir.join(".cwh").join("sim-state.json"),
            Target::Simulator,
            None,
        ),
        Backend::Configured => {
            let token = match params.secret(VCC_TOKEN) {
                Ok(Some(t)) => t,
                Ok(None) => {
                    return Err(Failure::usage(crate::t!("script-plan-no-token"))
                        .help(Params::how_to_pass_secret(VCC_TOKEN)));
                }
                Err(e) => return Err(Failure::usage(format!("--plan: {e}"))),
            };
            Seed::Vcc {
                token,
                config_dir: vcc.config_dir.clone(),
                ca_cert: vcc.ca_cert.clone(),
            }
        }
    };
    rehearsal::start(seed, rt, workdir)
}

/// A lab failure: a usage problem (bad name, subnet…, another workdir's lab) exits 2,
/// anything else 1.
pub fn lab_failure(e: LabError) -> Failure {
    let code = match e {
        LabError::Usage(_) | LabError::Taken { .. } => exit::USAGE,
        _ => exit::SCRIPT,
    };
    Failure::diagnostic(&e, code)
}

/// A yes/no question on the terminal (default no).
fn ask_yes(question: &str) -> std::io::Result<bool> {
    let a = crate::script::prompt::ask(question)?;
    Ok(matches!(a.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

/// How the user agrees to installing packages: `--yes`, else a terminal, else not at all.
pub fn consent(yes: bool) -> Consent {
    Consent::from_flag(yes, ask_yes)
}

/// Prepare a lab simulator (engine, image, network, reconciled state) for `--lab` and
/// `cwh vcc serve --lab`. `yes`: install missing packages without asking.
pub fn prepare_lab(
    rt: &tokio::runtime::Handle,
    name: &str,
    subnet: Option<&str>,
    workdir: &Path,
    token: String,
    yes: bool,
) -> Result<Prepared, Failure> {
    let opts = LabOptions::new(name, workdir)
        .and_then(|o| o.with_subnet(subnet))
        .map_err(lab_failure)?;
    let p = crate::lab::prepare(rt, &opts, token, consent(yes)).map_err(lab_failure)?;
    tracing::info!(
        "{}",
        crate::t!(
            "script-lab-ready",
            name = name,
            network = opts.network().to_string(),
            subnet = p.subnet.to_string(),
            file = opts.state_file().display().to_string()
        )
    );
    Ok(p)
}

/// The lab key pair's file name in `<workdir>/.cwh/`.
const LAB_KEY: &str = "lab_id_ed25519";

/// Under `--sim`/`--lab`, nodes must not touch the user's own keys and known_hosts: the host
/// supplies a key pair in `keys` (generated in-process when missing, repaired when half of it
/// was lost) and a known_hosts file in `dir` (`<workdir>/.cwh/`), as defaults of the
/// parameters the shipped scripts use.
fn rehearsal_defaults(params: &mut Params, keys: &Path, dir: &Path) -> Result<(), Failure> {
    use crate::ssh::keygen::{Pair, ensure_pair};
    let key = keys.join(LAB_KEY);
    match ensure_pair(&key, "cwh lab key") {
        Ok(Pair::Existing) => {}
        Ok(Pair::Created) => tracing::info!(
            "{}",
            crate::t!("script-lab-key-created", file = key.display().to_string())
        ),
        Ok(Pair::PublicRestored) => tracing::warn!(
            "{}",
            crate::t!(
                "script-lab-key-public-restored",
                file = key.display().to_string()
            )
        ),
        Ok(Pair::Replaced) => tracing::warn!(
            "{}",
            crate::t!("script-lab-key-replaced", file = key.display().to_string())
        ),
        Err(e) => {
            return Err(Failure::usage(crate::t!(
                "script-lab-key-failed",
                file = key.display().to_string(),
                problem = e.to_string()
            ))
            .help(crate::t!("script-lab-key-failed-help")));
        }
    }
    let s = |p: PathBuf| rhai::Dynamic::from(p.display().to_string());
    // in place of the user's own files (the scripts' fallbacks); a value saved in group_vars
    // or given by the user wins
    params.supply_default("ssh_private_key_path", s(key.clone()), &["~/.ssh/id_rsa"]);
    params.supply_default(
        "ssh_public_key_path",
        s(key.with_extension("pub")),
        &["~/.ssh/id_rsa.pub"],
    );
    params.supply_default(
        "known_hosts_file",
        s(dir.join("known_hosts")),
        &["~/.ssh/known_hosts"],
    );
    Ok(())
}

impl Host {
    /// The REPL: Ctrl-C stops the running entry (progress hook + cancellation of every
    /// blocking primitive), a second exits at once; SIGTERM and SIGHUP end the session at once
    /// (the workdir lock released).
    pub fn install_ctrl_c(&self) {
        self.signals.set_mode(SignalMode::Repl);
    }

    /// A run: the first SIGINT, SIGTERM or SIGHUP stops the script cleanly (the caller writes
    /// the recap; [`exit::stopped_by`] names the signal), a second exits at once.
    pub fn stop_cleanly_on_signals(&self) {
        self.signals.set_mode(SignalMode::Run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(workdir: &Path, backend: Backend) -> HostOptions {
        HostOptions {
            params: Params::default(),
            workdir: workdir.to_path_buf(),
            main_dir: None,
            libs: vec![],
            yes: false,
            vcc_config: None,
            token_file: None,
            ca_cert: None,
            backend,
            plan: false,
        }
    }

    #[test]
    fn the_host_says_what_it_started() {
        let d = tempfile::tempdir().unwrap();
        let h = build(options(d.path(), Backend::Configured)).unwrap();
        assert_eq!(h.ctx.vcc.target, Target::Vcc);
        assert!(h.sim.is_none() && h.ctx.vcc.url.is_none() && h.ctx.vcc.label.is_none());
        // nothing of a rehearsal is written for a configured VCC
        assert!(!d.path().join(".cwh").exists());
        drop(h);

        let h = build(options(d.path(), Backend::Simulator)).unwrap();
        assert_eq!(h.ctx.vcc.target, Target::Simulator);
        let url = h.ctx.vcc.url.clone().unwrap();
        assert_eq!(url, h.sim.as_ref().unwrap().url());
        assert!(h.ctx.vcc.token.is_some());
        assert_eq!(h.ctx.vcc.label.as_deref(), Some("embedded simulator"));
        // the rehearsal's own key pair and known_hosts, as parameter defaults
        assert!(d.path().join(".cwh/lab_id_ed25519").is_file());
        assert!(d.path().join(".cwh/lab_id_ed25519.pub").is_file());
        let v = h
            .ctx
            .params
            .param("known_hosts_file", None)
            .unwrap()
            .unwrap();
        assert!(v.to_string().ends_with(".cwh/known_hosts"), "{v}");
        assert_eq!(
            h.ctx.params.secret(VCC_TOKEN).unwrap(),
            h.ctx.vcc.token.clone()
        );
    }

    #[test]
    fn a_damaged_simulator_state_is_a_usage_error_with_the_fix() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join(".cwh")).unwrap();
        std::fs::write(d.path().join(".cwh/sim-state.json"), "{not json").unwrap();
        let Err(f) = build(options(d.path(), Backend::Simulator)) else {
            panic!("a damaged state file must stop the host");
        };
        assert_eq!(f.code, exit::USAGE);
        assert!(
            f.errors[0].starts_with("cannot start the embedded VCC simulator: "),
            "{f:?}"
        );
        assert!(f.help.unwrap().contains("cwh vcc reset --workdir"));
    }
}

//! What `run`, `check` and `repl` share: script options, logging, reading a script, building
//! the host (runtime, context, engine) and Ctrl-C handling.
use crate::script::ctx::{Ctx, VccOptions};
use crate::script::diagnostics::{self, ScriptDiagnostic};
use crate::script::modules::Resolver;
use crate::script::params::Params;
use clap::Args;
use rhai::Engine;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const EXIT_SCRIPT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_INTERRUPTED: i32 = 130;

/// Options of every command that runs script code.
#[derive(Debug, Args, Clone, Default)]
pub struct ScriptOpts {
    /// Set a parameter: `--set vc_nodes=3`. Values are typed as YAML (3 → int, true → bool,
    /// [a, b] → array, "16" → string); the last --set of a key wins. Never use it for secrets.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// A YAML file of parameters (`vc_nodes: 3`), below --set in precedence.
    #[arg(long, value_name = "FILE.yml")]
    pub params: Option<PathBuf>,
    /// Working directory for group_vars, inventory and the run journal (.cwh/). Default: the
    /// current directory.
    #[arg(long, value_name = "DIR")]
    pub workdir: Option<PathBuf>,
    /// Extra directory searched by `import` before the embedded stdlib (repeatable; also
    /// CWH_LIB=dir1:dir2). A file there overrides the stdlib module of the same name.
    #[arg(long = "lib", value_name = "DIR")]
    pub libs: Vec<PathBuf>,
    /// Answer yes to every confirm() (needed for destructive steps without a terminal), and
    /// under --lab let cwh install missing packages (docker.io, debootstrap) with apt-get.
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Directory holding vcp_config.yml and vcp_flavor.yml (else VCP_CONFIG_DIR,
    /// ~/.config/vcp, /notebooks/notebook/vcp_config).
    #[arg(long, value_name = "DIR")]
    pub vcc_config: Option<PathBuf>,
    /// File holding the VCC access token (else VCC_ACCESS_TOKEN, else a hidden prompt).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// CA certificate (PEM) of a VCC with a private CA. Trusted together with REQUESTS_CA_BUNDLE
    /// (the VCP SDK's), SSL_CERT_FILE and the system store.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Talk to the embedded VCC simulator instead of a real VCC: nothing to configure, no token
    /// to type. Its state is kept in <workdir>/.cwh/sim-state.json (`cwh vcc reset` clears it).
    #[arg(long)]
    pub sim: bool,
    /// The simulator with real nodes: each compute node is a container with sshd and dockerd
    /// on a private Docker network (needs a Docker engine; builds the node image on first use,
    /// about a minute once). State in <workdir>/.cwh/lab-<name>.json; `cwh lab down` removes it.
    #[arg(long, conflicts_with = "sim")]
    pub lab: bool,
    /// Which lab `--lab` uses (network, subnet and `cwh.lab` label), e.g. `--lab-name test1`.
    #[arg(long, env = "CWH_LAB", default_value = crate::lab::DEFAULT_NAME, value_name = "NAME")]
    pub lab_name: String,
    /// Subnet of a new lab network, e.g. `--lab-subnet 172.30.5.0/24` (default: 172.30.2.0/24
    /// for the default lab, else the first free 172.30.N.0/24).
    #[arg(long, env = "CWH_LAB_SUBNET", value_name = "A.B.C.0/24")]
    pub lab_subnet: Option<String>,
    /// `cwh run --plan` (set by `run`): rehearse on a snapshot instead of running.
    #[arg(skip)]
    pub plan: bool,
}

/// Set up `tracing` on stderr (secrets masked).
pub fn init_logging(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = if quiet {
        "error".to_string()
    } else {
        match verbose {
            0 => "warn,cwh=info".to_string(),
            1 => "warn,cwh=info,cwh::journal=debug,cwh::params=debug".to_string(),
            2 => "info,cwh=debug".to_string(),
            _ => "debug,cwh=trace".to_string(),
        }
    };
    let filter = EnvFilter::try_from_env("CWH_LOG").unwrap_or_else(|_| EnvFilter::new(filter));
    let color = std::env::var_os("NO_COLOR").is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(crate::redact::RedactingStderr)
        .with_ansi(color)
        .without_time()
        .with_target(verbose >= 2)
        .try_init();
}

/// A usage problem: message, help, exit 2.
pub fn usage(message: impl std::fmt::Display, help: Option<&str>) -> i32 {
    eprintln!("error: {}", crate::redact::redact(&message.to_string()));
    if let Some(h) = help {
        eprintln!("  help: {h}");
    }
    EXIT_USAGE
}

/// Read a script file: missing file or directory → usage error (2), invalid UTF-8 → script
/// error (1). The text is registered for diagnostics under `name`.
pub fn read_script(path: &Path) -> Result<(String, String), i32> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(usage(
            format!("{name} is a directory, not a script"),
            Some("give the path of a .rhai file, e.g. scripts/coursewarehub.rhai"),
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(usage(
                format!("script {name} not found"),
                Some("check the path; the shipped scripts are in scripts/"),
            ));
        }
        Err(e) => return Err(usage(format!("cannot read script {name}: {e}"), None)),
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            diagnostics::register_source(&name, &text);
            Ok((name, text))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            eprintln!(
                "error: {name}:{line}: the script is not valid UTF-8 (byte offset {})",
                e.utf8_error().valid_up_to()
            );
            eprintln!("  help: save the file as UTF-8");
            Err(EXIT_SCRIPT)
        }
    }
}

/// The host of one command: runtime, context and engine.
pub struct Host {
    pub ctx: Arc<Ctx>,
    pub engine: Engine,
    /// The embedded simulator under `--sim`, held so it runs as long as the host.
    #[allow(dead_code)]
    pub sim: Option<crate::sim::Server>,
    /// Under `--plan`: what the snapshot was taken of.
    pub plan: Option<crate::cli::plan::PlanRun>,
    pub rt: tokio::runtime::Runtime,
}

/// Build the host. `script` is the main script (its directory is searched by `import`).
pub fn host(opts: &ScriptOpts, script: Option<&Path>, interactive: bool) -> Result<Host, i32> {
    let params = Params::new(&opts.sets, opts.params.as_deref(), opts.token_file.clone())
        .map_err(|e| report_diag(&e, EXIT_USAGE))?;
    let mut params = if interactive {
        params
    } else {
        params.non_interactive()
    };
    let workdir = match &opts.workdir {
        Some(d) => resolve_workdir(d)?,
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cwh-rt")
        .enable_all()
        .build()
        .map_err(|e| usage(format!("cannot start the async runtime: {e}"), None))?;
    let mut vcc = VccOptions {
        config_dir: opts.vcc_config.clone(),
        token_file: opts.token_file.clone(),
        ca_cert: opts.ca_cert.clone(),
        ..Default::default()
    };
    // before --plan starts: its key pair is written in the real workdir's .cwh/
    if opts.sim || opts.lab {
        rehearsal_defaults(&mut params, &workdir)?;
    }
    let mut plan = None;
    let sim = if opts.plan {
        let (server, run) = crate::cli::plan::start(opts, &params, &rt, &workdir, &mut vcc)?;
        plan = Some(run);
        Some(server)
    } else if opts.lab {
        let token = crate::sim::random_token();
        params.supply_secret(crate::script::params::VCC_TOKEN, token.clone());
        let (server, _subnet) = crate::cli::lab::start_sim(
            rt.handle(),
            &opts.lab_name,
            opts.lab_subnet.as_deref(),
            &workdir,
            token.clone(),
            opts.yes,
        )?;
        vcc.url = Some(server.url());
        vcc.token = Some(token);
        vcc.target = crate::vcc::Target::Lab {
            name: Some(opts.lab_name.clone()),
        };
        vcc.label = Some(format!(
            "lab `{}` (simulator with container nodes)",
            opts.lab_name
        ));
        Some(server)
    } else if opts.sim {
        let token = crate::sim::random_token();
        params.supply_secret(crate::script::params::VCC_TOKEN, token.clone());
        let state = workdir.join(".cwh").join("sim-state.json");
        let mut so = crate::sim::SimOptions::new(token.clone());
        so.state_file = Some(state.clone());
        let server = crate::sim::Server::start_on(rt.handle(), so).map_err(|e| {
            let reset = format!(
                "the simulator's state file is damaged or unreadable: `cwh vcc reset --workdir {}` clears it (the simulated unit groups are forgotten)",
                workdir.display()
            );
            usage(
                format!(
                    "cannot start the embedded VCC simulator: {}: {e}",
                    state.display()
                ),
                state.exists().then_some(reset.as_str()),
            )
        })?;
        tracing::info!(
            "VCC: embedded simulator at {} (state in {}; `cwh vcc reset` clears it)",
            server.url(),
            state.display()
        );
        vcc.url = Some(server.url());
        vcc.token = Some(token);
        vcc.target = crate::vcc::Target::Simulator;
        vcc.label = Some("embedded simulator".into());
        Some(server)
    } else {
        None
    };
    // --plan: the rehearsal reads and writes the scratch copy of the workdir
    let workdir = crate::plan::active().map_or(workdir, |p| p.scratch.clone());
    let ctx = Arc::new(Ctx::new(
        rt.handle().clone(),
        params,
        workdir,
        opts.yes,
        vcc,
    ));
    let main_dir = script.map(|s| {
        s.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    });
    let engine = crate::script::engine::build(&ctx, Resolver::new(main_dir, &opts.libs));
    Ok(Host {
        ctx,
        engine,
        sim,
        plan,
        rt,
    })
}

/// `--workdir DIR` as an absolute path (`~` expanded). It must exist: a mistyped workdir would
/// silently start a new environment without the saved group_vars.
pub(super) fn resolve_workdir(d: &Path) -> Result<PathBuf, i32> {
    let p = PathBuf::from(crate::files::expand_home(&d.to_string_lossy()));
    let p = if p.is_absolute() {
        p
    } else {
        std::env::current_dir()
            .map_err(|e| {
                usage(
                    format!("cannot resolve --workdir {}: {e}", d.display()),
                    None,
                )
            })?
            .join(p)
    };
    if !p.is_dir() {
        let what = if p.exists() {
            "is not a directory"
        } else {
            "does not exist"
        };
        return Err(usage(
            format!("--workdir {}: {} {what}", d.display(), p.display()),
            Some(&format!(
                "check the path (a workdir holds an environment's group_vars, inventory and .cwh/), or create it first: mkdir -p {}",
                p.display()
            )),
        ));
    }
    Ok(p)
}

/// Under `--sim`/`--lab`, nodes must not touch the user's own keys and known_hosts: the host
/// supplies a key pair in `<workdir>/.cwh/` (generated in-process when missing, repaired when
/// half of it was lost) and a known_hosts file there, as defaults of the parameters the
/// shipped scripts use.
fn rehearsal_defaults(params: &mut Params, workdir: &Path) -> Result<(), i32> {
    use crate::ssh::keygen::{Pair, ensure_pair};
    let dir = workdir.join(".cwh");
    let key = dir.join("lab_id_ed25519");
    match ensure_pair(&key, "cwh lab key") {
        Ok(Pair::Existing) => {}
        Ok(Pair::Created) => tracing::info!("created the lab key pair {}", key.display()),
        Ok(Pair::PublicRestored) => tracing::warn!(
            "the lab key's public half {}.pub was missing or empty: derived it again from the private key",
            key.display()
        ),
        Ok(Pair::Replaced) => tracing::warn!(
            "{} was not a readable key and had no public half: replaced it with a new pair",
            key.display()
        ),
        Err(e) => {
            return Err(usage(
                format!("cannot write the lab key pair {}: {e}", key.display()),
                Some(
                    "check that the workdir is writable and has free space, or pass --set ssh_private_key_path=… --set ssh_public_key_path=…",
                ),
            ));
        }
    }
    let s = |p: PathBuf| rhai::Dynamic::from(p.display().to_string());
    params.supply_default("ssh_private_key_path", s(key.clone()));
    params.supply_default("ssh_public_key_path", s(key.with_extension("pub")));
    params.supply_default("known_hosts_file", s(dir.join("known_hosts")));
    Ok(())
}

/// Ctrl-C: the first stops the script cleanly (progress hook + cancellation of every blocking
/// primitive), the second exits at once.
pub fn install_ctrl_c(host: &Host) {
    use tokio::signal::unix::{SignalKind, signal};
    let ctx = host.ctx.clone();
    // Register the handler now (not on the task's first poll), so a Ctrl-C that arrives as
    // soon as the script starts is already ours.
    let sig = {
        let _guard = host.rt.enter();
        signal(SignalKind::interrupt())
    };
    let Ok(mut sig) = sig else {
        tracing::warn!("cannot install the Ctrl-C handler; Ctrl-C will kill cwh at once");
        return;
    };
    host.rt.spawn(async move {
        let mut count = 0;
        while sig.recv().await.is_some() {
            // A Ctrl-C after the REPL reset the interruption (a new entry) counts as a first.
            if !ctx.is_interrupted() {
                count = 0;
            }
            count += 1;
            if count == 1 {
                eprintln!("\ninterrupting… (press Ctrl-C again to exit at once)");
                ctx.interrupt();
            } else {
                eprintln!("exiting");
                std::process::exit(EXIT_INTERRUPTED);
            }
        }
    });
}

/// Print a core diagnostic and return `code`.
pub fn report_diag(e: &dyn miette::Diagnostic, code: i32) -> i32 {
    eprintln!("error: {}", crate::redact::redact(&e.to_string()));
    if let Some(h) = e.help() {
        eprintln!("  help: {}", crate::redact::redact(&h.to_string()));
    }
    code
}

/// Print a script diagnostic; the exit code for it.
pub fn report_script(d: &ScriptDiagnostic) -> i32 {
    eprint!("{}", diagnostics::render(d));
    if d.interrupted {
        EXIT_INTERRUPTED
    } else {
        EXIT_SCRIPT
    }
}

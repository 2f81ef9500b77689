//! What `run`, `check`, `repl` and `params` share: script options, logging, reading a script
//! and turning the options into a host (the builder is `script::host`).
use crate::cli::error::{Result, usage};
use crate::exit::Failure;
use crate::script::diagnostics;
use crate::script::host::{Backend, Host, HostOptions};
use crate::script::params::Params;
use clap::Args;
use std::path::{Path, PathBuf};

/// How to reach a real VCC: the options of every command that may talk to one.
#[derive(Debug, Args, Clone, Default)]
pub struct VccArgs {
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
}

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
    #[command(flatten)]
    pub vcc: VccArgs,
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
    // other crates' log lines (a TLS library's "ERROR failed to verify…") are English jargon:
    // cwh reports the same failures itself in plain words, so they show from -vv on
    let filter = if quiet {
        "off,cwh=error".to_string()
    } else {
        match verbose {
            0 => "off,cwh=info".to_string(),
            1 => "off,cwh=info,cwh::journal=debug,cwh::params=debug".to_string(),
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

/// Read a script file: missing file or directory → usage error (2), invalid UTF-8 → script
/// error (1). The text is registered for diagnostics under `name`.
pub fn read_script(path: &Path) -> Result<(String, String)> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(usage(
            crate::t!("cli-script-is-dir", name = name.as_str()),
            Some(&crate::t!("cli-script-is-dir-help")),
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(usage(
                crate::t!("cli-script-not-found", name = name.as_str()),
                Some(&crate::t!("cli-script-not-found-help")),
            ));
        }
        Err(e) => {
            return Err(usage(
                crate::t!(
                    "cli-script-unreadable",
                    name = name.as_str(),
                    problem = e.to_string()
                ),
                None,
            ));
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            diagnostics::register_source(&name, &text);
            Ok((name, text))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            Err(Failure::script(crate::t!(
                "cli-script-not-utf8",
                name = name.as_str(),
                line = line,
                offset = e.utf8_error().valid_up_to()
            ))
            .help(crate::t!("cli-script-not-utf8-help"))
            .into())
        }
    }
}

/// The directory `import` searches first for `script`.
pub fn main_dir(script: &Path) -> PathBuf {
    script
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Build the host of a command from its options. `script` is the main script (its directory is
/// searched by `import`); `interactive`: missing parameters may be asked for.
pub fn host(opts: &ScriptOpts, script: Option<&Path>, interactive: bool) -> Result<Host> {
    let params = Params::new(
        &opts.sets,
        opts.params.as_deref(),
        opts.vcc.token_file.clone(),
    )
    .map_err(|e| Failure::diagnostic(&e, crate::exit::USAGE))?;
    let params = if interactive {
        params
    } else {
        params.non_interactive()
    };
    let workdir = match &opts.workdir {
        Some(d) => resolve_workdir(d)?,
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let backend = if opts.lab {
        Backend::Lab {
            name: opts.lab_name.clone(),
            subnet: opts.lab_subnet.clone(),
        }
    } else if opts.sim {
        Backend::Simulator
    } else {
        Backend::Configured
    };
    Ok(crate::script::host::build(HostOptions {
        params,
        workdir,
        main_dir: script.map(main_dir),
        libs: opts.libs.clone(),
        yes: opts.yes,
        vcc_config: opts.vcc.vcc_config.clone(),
        token_file: opts.vcc.token_file.clone(),
        ca_cert: opts.vcc.ca_cert.clone(),
        backend,
        plan: opts.plan,
    })?)
}

/// `--workdir DIR` as an absolute path (`~` expanded). It must exist: a mistyped workdir would
/// silently start a new environment without the saved group_vars.
pub(super) fn resolve_workdir(d: &Path) -> Result<PathBuf> {
    let p = PathBuf::from(crate::files::expand_home(&d.to_string_lossy()));
    let p = if p.is_absolute() {
        p
    } else {
        std::env::current_dir()
            .map_err(|e| {
                usage(
                    crate::t!(
                        "cli-workdir-unresolved",
                        dir = d.display().to_string(),
                        problem = e.to_string()
                    ),
                    None,
                )
            })?
            .join(p)
    };
    if !p.is_dir() {
        let key = if p.exists() {
            "cli-workdir-not-dir"
        } else {
            "cli-workdir-missing"
        };
        return Err(usage(
            crate::t!(
                key,
                dir = d.display().to_string(),
                path = p.display().to_string()
            ),
            Some(&crate::t!(
                "cli-workdir-help",
                path = p.display().to_string()
            )),
        ));
    }
    Ok(p)
}

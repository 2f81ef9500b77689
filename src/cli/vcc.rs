//! `cwh vcc …`: the VCC simulator as a server (`serve`), and clearing its saved state (`reset`).
use crate::cli::error::{Result as CliResult, diagnostic, usage};
use crate::exit::{self, Failure};
use crate::sim::{FaultOptions, Server, SimOptions};
use crate::t;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// `cwh vcc` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum VccCommand {
    /// Run the VCC simulator as an HTTP(S) server (token from CWH_SIM_TOKEN or --token-file).
    ///
    /// It speaks the VCC's REST protocol, so the VCP SDK (notebooks) and cwh scripts can both
    /// use it; every answer carries `x-cwh-simulator: sim|lab`, so cwh knows it is one. `-v`
    /// logs every request (method, path, status, time), `-vv` also what a POST creates.
    /// It reports VCC version 25.10.0; CWH_SIM_VCC_VERSION=25.01.0 makes it (and the simulator
    /// of `cwh run --sim/--lab`) report another, to rehearse an older VCC's refusal.
    ///
    /// Examples:
    ///   CWH_SIM_TOKEN=s.mytoken cwh vcc serve --listen 127.0.0.1:18443
    ///   CWH_SIM_TOKEN=s.mytoken cwh vcc serve --tls -v      # HTTPS with a private CA, for the SDK
    #[command(verbatim_doc_comment)]
    Serve(Box<ServeArgs>),
    /// Remove the saved simulator state of a workdir (`<workdir>/.cwh/sim-state.json`).
    ///
    /// Example: cwh vcc reset --workdir ~/site
    Reset(ResetArgs),
    /// Check the connection to your VCC before a first run: the configuration in use, the URL
    /// and its TLS verification (CA files), the token (accepted? user, role), the VCC's version,
    /// the providers of its VPN catalog with their private networks, and the flavors — or
    /// exactly what is wrong. GET requests only.
    ///
    /// Examples:
    ///   VCC_ACCESS_TOKEN=… cwh vcc check --vcc-config ~/vcp
    ///   cwh vcc check --token-file ~/.vcc-token --ca-cert site-ca.pem
    #[command(verbatim_doc_comment)]
    Check(crate::cli::vcc_check::CheckArgs),
}

/// Arguments of `cwh vcc serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. `--listen 127.0.0.1:18443` (port 0 = any free port).
    #[arg(long, default_value = "127.0.0.1:18443", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// JSON file to load the state from and save it to after every change,
    /// e.g. `--state .cwh/sim-state.json`.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Time a node spends BOOTING before RUNNING, e.g. `--boot-delay 2s` or `500ms`.
    #[arg(long, default_value = "2s", value_name = "DUR", value_parser = parse_duration)]
    pub boot_delay: Duration,
    /// Address pool for nodes, e.g. `--node-addresses 172.30.2.100-172.30.2.200`;
    /// the VPN catalog's private_network_ipmask covers it.
    #[arg(long, default_value = "172.30.2.100-172.30.2.200", value_name = "A-B", value_parser = parse_range)]
    pub node_addresses: (Ipv4Addr, Ipv4Addr),
    /// Share of requests that fail with 502/503/504 or a dropped connection, e.g. `--fault-rate 0.3`.
    #[arg(long, default_value_t = 0.0, value_name = "P", value_parser = parse_rate)]
    pub fault_rate: f64,
    /// Seed for the fault sequence so a run is reproducible, e.g. `--fault-seed 42`.
    #[arg(long, value_name = "N")]
    pub fault_seed: Option<u64>,
    /// Latency added to every request, e.g. `--latency 50ms`.
    #[arg(long, default_value = "0s", value_name = "DUR", value_parser = parse_duration)]
    pub latency: Duration,
    /// File holding the token clients must send (instead of CWH_SIM_TOKEN),
    /// e.g. `--token-file ~/.config/cwh/sim-token`.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Back the nodes with containers of the local lab (see `cwh lab --help`); the node pool
    /// is then the lab network's .100-.200 and the state is kept in .cwh/lab-<name>.json.
    ///
    /// Example: CWH_SIM_TOKEN=s.mytoken cwh vcc serve --lab --lab-name demo
    #[arg(long, conflicts_with_all = ["state", "node_addresses", "boot_delay"])]
    pub lab: bool,
    /// Which lab `--lab` uses, e.g. `--lab-name test1`. A lab belongs to the workdir (the
    /// current directory) that made it.
    #[arg(long, env = "CWH_LAB", default_value = crate::lab::DEFAULT_NAME, value_name = "NAME")]
    pub lab_name: String,
    /// Subnet of a new lab network under `--lab`, e.g. `--lab-subnet 172.30.5.0/24` (default:
    /// 172.30.2.0/24 for the default lab, else the first free 172.30.N.0/24).
    #[arg(long, env = "CWH_LAB_SUBNET", value_name = "A.B.C.0/24")]
    pub lab_subnet: Option<String>,
    /// Serve HTTPS. Without --cert/--key, a private CA is made on first use in --tls-dir and a
    /// certificate for the listen address and localhost is issued with it; the CA's path and
    /// the line to export for the SDK (REQUESTS_CA_BUNDLE=…) are printed.
    #[arg(long)]
    pub tls: bool,
    /// Where --tls keeps its CA and server certificate (default: .cwh/tls in the current
    /// directory), e.g. `--tls-dir ~/.config/cwh/sim-tls`.
    #[arg(long, value_name = "DIR", requires = "tls", conflicts_with_all = ["cert", "key"])]
    pub tls_dir: Option<PathBuf>,
    /// Another name or address clients use for this server, put in the generated certificate
    /// besides the listen address, 127.0.0.1 and localhost (repeatable), e.g.
    /// `--tls-name 192.0.2.10 --tls-name vcc.example.org` with `--listen 0.0.0.0:18443`.
    #[arg(long, value_name = "NAME", requires = "tls", conflicts_with_all = ["cert", "key"])]
    pub tls_name: Vec<String>,
    /// Serve HTTPS with this PEM certificate chain instead of a generated one (needs --key),
    /// e.g. `--cert site.pem --key site-key.pem`.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The PEM private key of --cert.
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// File holding a second token whose authority is `user_role: super`, the only one allowed
    /// privileged mode (`x-vcc-privileged: True`); also CWH_SIM_SUPER_TOKEN.
    #[arg(long, value_name = "FILE")]
    pub super_token_file: Option<PathBuf>,
    /// Refuse (409) a new unit or more nodes while a node of the same unit group boots: a
    /// stricter VCC than the protocol requires, to rehearse cwh's fallback (it then waits and
    /// boots one unit after the other), e.g. `--boot-delay 10s --one-boot-per-group`.
    #[arg(long)]
    pub one_boot_per_group: bool,
}

/// Arguments of `cwh vcc reset`.
#[derive(Debug, clap::Args)]
pub struct ResetArgs {
    /// Workdir whose `.cwh/sim-state.json` is removed, e.g. `--workdir ~/site` (default: current directory).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub workdir: PathBuf,
}

/// Parse `2s`, `500ms`, `1m`, `1.5s` or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| t!("sim-arg-not-duration", value = s))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => return Err(t!("sim-arg-duration-unit", value = s)),
    };
    Duration::try_from_secs_f64(secs).map_err(|_| t!("sim-arg-duration-unusable", value = s))
}

/// Parse `A-B` IPv4 ranges.
pub fn parse_range(s: &str) -> Result<(Ipv4Addr, Ipv4Addr), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| t!("sim-arg-range", value = s))?;
    let a: Ipv4Addr = a
        .trim()
        .parse()
        .map_err(|_| t!("sim-arg-not-ipv4", value = a))?;
    let b: Ipv4Addr = b
        .trim()
        .parse()
        .map_err(|_| t!("sim-arg-not-ipv4", value = b))?;
    if u32::from(a) > u32::from(b) {
        return Err(t!("sim-arg-range-order", value = s));
    }
    Ok((a, b))
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(t!("sim-arg-rate", value = s)),
    }
}

/// Run a `cwh vcc` subcommand (`verbose`: the global -v count).
pub fn execute(cmd: VccCommand, verbose: u8) -> CliResult {
    match cmd {
        VccCommand::Serve(a) => serve(*a, verbose),
        VccCommand::Reset(a) => reset(a),
        VccCommand::Check(a) => crate::cli::vcc_check::check(a),
    }
}

/// [`execute`] for callers that drive the subcommand directly: the failure printed, the exit
/// code returned.
pub fn run(cmd: VccCommand, verbose: u8) -> i32 {
    crate::cli::error::report(execute(cmd, verbose))
}

fn token(a: &ServeArgs) -> Result<String, String> {
    if let Some(f) = &a.token_file {
        let t = std::fs::read_to_string(f).map_err(|e| {
            t!(
                "sim-token-file-unreadable",
                flag = "--token-file",
                file = f.display().to_string(),
                problem = e.to_string()
            )
        })?;
        return Ok(t.trim().to_string());
    }
    match std::env::var("CWH_SIM_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
        _ => Err(t!("sim-no-token")),
    }
}

fn super_token(a: &ServeArgs) -> Result<Option<String>, String> {
    if let Some(f) = &a.super_token_file {
        let t = std::fs::read_to_string(f).map_err(|e| {
            t!(
                "sim-token-file-unreadable",
                flag = "--super-token-file",
                file = f.display().to_string(),
                problem = e.to_string()
            )
        })?;
        return Ok(Some(t.trim().to_string()));
    }
    Ok(std::env::var("CWH_SIM_SUPER_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty()))
}

/// The certificate to serve: a given pair, or one issued by the private CA (made on first use).
fn tls_files(a: &ServeArgs) -> CliResult<Option<crate::sim::tls::TlsFiles>> {
    if let (Some(cert), Some(key)) = (&a.cert, &a.key) {
        for (f, flag) in [(cert, "--cert"), (key, "--key")] {
            if !f.is_file() {
                return Err(usage(
                    t!(
                        "sim-no-such-file",
                        flag = flag,
                        file = f.display().to_string()
                    ),
                    None,
                ));
            }
        }
        let files = crate::sim::tls::TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
            ca: None,
        };
        // checked here, so the error comes with its fix
        if let Err(e) = crate::sim::tls::server_config(&files) {
            return Err(diagnostic(&e, exit::USAGE));
        }
        return Ok(Some(files));
    }
    if !a.tls {
        return Ok(None);
    }
    let dir = a.tls_dir.clone().unwrap_or_else(|| {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("."))
            .join(".cwh")
            .join("tls")
    });
    crate::sim::tls::ensure_generated(&dir, &crate::sim::tls::hosts_for(a.listen, &a.tls_name))
        .map(Some)
        .map_err(|e| diagnostic(&e, exit::SCRIPT))
}

fn serve(a: ServeArgs, verbose: u8) -> CliResult {
    let super_tok = super_token(&a).map_err(|e| usage(e, None))?;
    let tls = tls_files(&a)?;
    let tok = match token(&a) {
        Ok(t) if t.len() >= 4 => t,
        Ok(_) => {
            return Err(usage(t!("sim-token-short"), None));
        }
        Err(e) => return Err(usage(e, None)),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::script(t!("sim-no-runtime", problem = e.to_string())))?;
    if super_tok.as_deref() == Some(tok.as_str()) {
        return Err(usage(t!("sim-super-token-same"), None));
    }
    let extra = Extra {
        super_token: super_tok,
        tls,
        request_log: verbose,
    };
    if a.lab {
        return serve_lab(a, tok, rt, extra);
    }
    let ca = extra.tls.as_ref().and_then(|t| t.ca.clone());
    let opts = SimOptions {
        driver: None,
        super_token: extra.super_token,
        tls: extra.tls,
        request_log: extra.request_log,
        seed: None,
        one_boot_per_group: a.one_boot_per_group,
        listen: a.listen,
        token: tok,
        state_file: a.state.clone(),
        boot_delay: a.boot_delay,
        node_addresses: a.node_addresses,
        faults: FaultOptions {
            rate: a.fault_rate,
            seed: a.fault_seed,
            latency: a.latency,
        },
    };
    let server = Server::start_on(rt.handle(), opts).map_err(|e| cannot_start(&a, e))?;
    wait_for_stop(server, rt, ca)
}

/// What `serve` adds to the simulator's options in both modes.
struct Extra {
    super_token: Option<String>,
    tls: Option<crate::sim::tls::TlsFiles>,
    request_log: u8,
}

fn serve_lab(a: ServeArgs, tok: String, rt: tokio::runtime::Runtime, extra: Extra) -> CliResult {
    let workdir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut prepared = crate::script::host::prepare_lab(
        rt.handle(),
        &a.lab_name,
        a.lab_subnet.as_deref(),
        &workdir,
        tok,
        false,
    )?;
    prepared.sim.listen = a.listen;
    let ca = extra.tls.as_ref().and_then(|t| t.ca.clone());
    prepared.sim.super_token = extra.super_token;
    prepared.sim.tls = extra.tls;
    prepared.sim.request_log = extra.request_log;
    prepared.sim.one_boot_per_group = a.one_boot_per_group;
    let server = prepared
        .start(rt.handle())
        .map_err(|e| cannot_start(&a, e))?;
    wait_for_stop(server, rt, ca)
}

fn cannot_start(a: &ServeArgs, e: impl std::fmt::Display) -> Failure {
    Failure::script(t!(
        "sim-cannot-start",
        listen = a.listen.to_string(),
        problem = e.to_string()
    ))
}

fn wait_for_stop(server: Server, rt: tokio::runtime::Runtime, ca: Option<PathBuf>) -> CliResult {
    println!("{}", t!("sim-serve-listening", url = server.url()));
    if let Some(ca) = ca {
        let ca = std::fs::canonicalize(&ca).unwrap_or(ca);
        let ca = ca.display().to_string();
        println!("{}", t!("sim-serve-ca", file = ca.as_str()));
        println!("{}", t!("sim-serve-ca-export", file = ca));
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    rt.block_on(async {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending::<()>().await } } => {}
        }
    });
    drop(server);
    rt.shutdown_timeout(Duration::from_secs(2));
    Ok(())
}

fn reset(a: ResetArgs) -> CliResult {
    // never pull the state from under a run of this workdir
    let _lock = super::guard::take_if_exists(Some(&a.workdir))?;
    let p = a.workdir.join(".cwh").join("sim-state.json");
    match std::fs::remove_file(&p) {
        Ok(()) => eprintln!(
            "{}",
            t!("sim-reset-removed", file = p.display().to_string())
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("{}", t!("sim-reset-none", file = p.display().to_string()))
        }
        Err(e) => {
            return Err(Failure::script(t!(
                "sim-reset-cannot-remove",
                file = p.display().to_string(),
                problem = e.to_string()
            ))
            .into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_durations_and_ranges() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("1m").unwrap(), Duration::from_secs(60));
        assert!(parse_duration("2h").is_err());
        assert!(parse_range("10.0.0.5-10.0.0.1").is_err());
        assert_eq!(
            parse_range("10.0.0.1-10.0.0.5").unwrap().1,
            Ipv4Addr::new(10, 0, 0, 5)
        );
    }
}

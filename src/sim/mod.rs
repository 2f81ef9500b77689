//! The VCC simulator (axum): the same REST protocol as a real VCC (vcc-rest.md), a realistic
//! state machine, optional persistence and fault injection. Start it in-process with
//! [`Server::start`] (own thread and runtime) or [`Server::start_on`] (a runtime you own); it
//! binds 127.0.0.1:0 by default and shuts down when the [`Server`] is dropped.
pub mod driver;
pub mod faults;
pub mod routes;
pub mod snapshot;
pub mod state;
pub mod tls;

pub use driver::NodeDriver;
pub use faults::FaultOptions;
pub use state::SimState;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Simulator settings.
#[derive(Clone)]
pub struct SimOptions {
    /// Address to bind (default 127.0.0.1:0 = ephemeral port).
    pub listen: SocketAddr,
    /// The access token clients must send (`x-vcc-access-token`).
    pub token: String,
    /// JSON state file, loaded at start and saved after every mutation.
    pub state_file: Option<PathBuf>,
    /// BOOTING → RUNNING delay (SHUTTING_DOWN / DELETING take half).
    pub boot_delay: Duration,
    /// Node address pool (first, last); the VPN catalog's mask covers it.
    pub node_addresses: (Ipv4Addr, Ipv4Addr),
    /// Fault injection.
    pub faults: FaultOptions,
    /// Something real behind the nodes (the local lab's containers). With a driver, a node's
    /// transitions complete when the driver reports them, not after `boot_delay`.
    pub driver: Option<Arc<dyn NodeDriver>>,
    /// A second token whose authority is `user_role: super`: only it may send
    /// `x-vcc-privileged: True`.
    pub super_token: Option<String>,
    /// Serve HTTPS with this certificate and key (None = plain HTTP).
    pub tls: Option<tls::TlsFiles>,
    /// Request log on stderr: 0 none, 1 one line per request (method, path, status, time),
    /// 2 also the unit group / unit a POST creates.
    pub request_log: u8,
    /// Start from a real VCC's snapshot (`--plan`) instead of the state file or nothing.
    pub seed: Option<Seed>,
    /// Refuse (409) a new unit or more nodes while a node of the same unit group boots: a VCC
    /// whose rules are stricter than the protocol says (`vcc serve --one-boot-per-group`).
    pub one_boot_per_group: bool,
}

/// A seeded simulator's start: the state, and the VPN catalog and version the real VCC gave.
#[derive(Debug, Clone)]
pub struct Seed {
    pub state: SimState,
    /// `vpn_catalog` as `GET /vpn_catalog` gave it (provider → name → settings).
    pub vpn_catalog: serde_json::Value,
    /// `GET /version`.
    pub version: serde_json::Value,
}

impl std::fmt::Debug for SimOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimOptions")
            .field("listen", &self.listen)
            .field("token", &"[REDACTED]")
            .field("state_file", &self.state_file)
            .field("boot_delay", &self.boot_delay)
            .field("node_addresses", &self.node_addresses)
            .field("faults", &self.faults)
            .field("driver", &self.driver.as_ref().map(|_| "lab"))
            .field(
                "super_token",
                &self.super_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("tls", &self.tls)
            .field("request_log", &self.request_log)
            .field("seed", &self.seed.as_ref().map(|s| s.state.vcs.len()))
            .field("one_boot_per_group", &self.one_boot_per_group)
            .finish()
    }
}

impl SimOptions {
    /// Defaults: 127.0.0.1:0, 1 s boot delay, pool 172.30.2.100–172.30.2.200, no faults.
    pub fn new(token: impl Into<String>) -> Self {
        SimOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: token.into(),
            state_file: None,
            boot_delay: Duration::from_secs(1),
            node_addresses: (
                Ipv4Addr::new(172, 30, 2, 100),
                Ipv4Addr::new(172, 30, 2, 200),
            ),
            faults: FaultOptions::default(),
            driver: None,
            super_token: None,
            tls: None,
            request_log: 0,
            seed: None,
            one_boot_per_group: false,
        }
    }
}

/// The response header by which a simulator says it is one: `sim` (nodes are records only)
/// or `lab` (nodes are containers). The SDK ignores it; cwh's client reads it at connect.
pub const IDENTITY_HEADER: &str = "x-cwh-simulator";

/// A random token for an in-process simulator.
pub fn random_token() -> String {
    format!("s.sim{:024x}", rand::random::<u128>() >> 32)
}

/// A running simulator. Dropping it stops the server.
pub struct Server {
    addr: SocketAddr,
    scheme: &'static str,
    token: String,
    shared: Arc<routes::Shared>,
    stop: tokio_util::sync::CancellationToken,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .field("token", &"[REDACTED]")
            .finish()
    }
}

impl Server {
    /// Start on a dedicated thread with its own runtime.
    pub fn start(opts: SimOptions) -> std::io::Result<Server> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("cwh-sim")
            .enable_all()
            .build()?;
        let (mut server, fut) = Server::prepare(opts, rt.handle())?;
        server.thread = Some(std::thread::spawn(move || {
            rt.block_on(fut);
            rt.shutdown_timeout(Duration::from_secs(1));
        }));
        Ok(server)
    }

    /// Start on a runtime the caller owns (the server task is spawned on `handle`).
    pub fn start_on(handle: &tokio::runtime::Handle, opts: SimOptions) -> std::io::Result<Server> {
        let (server, fut) = Server::prepare(opts, handle)?;
        handle.spawn(fut);
        Ok(server)
    }

    fn prepare(
        opts: SimOptions,
        handle: &tokio::runtime::Handle,
    ) -> std::io::Result<(
        Server,
        impl std::future::Future<Output = ()> + Send + 'static,
    )> {
        crate::redact::add_secret(&opts.token);
        if let Some(t) = &opts.super_token {
            crate::redact::add_secret(t);
        }
        let tls_config = match &opts.tls {
            Some(f) => Some(tls::server_config(f).map_err(std::io::Error::other)?),
            None => None,
        };
        let state = match (&opts.seed, &opts.state_file) {
            (Some(s), _) => s.state.clone(),
            (None, Some(p)) => SimState::load(p)?,
            (None, None) => SimState::default(),
        };
        let (a, b) = opts.node_addresses;
        let shared = Arc::new(routes::Shared {
            state: Mutex::new(state),
            rules: state::Rules {
                boot_delay_ms: match opts.driver {
                    Some(_) => driver::DRIVER_DELAY_MS,
                    None => opts.boot_delay.as_millis() as u64,
                },
                pool: (a, b),
                net: state::Net::covering(a, b),
            },
            token: opts.token.trim().to_string(),
            faults: Mutex::new(faults::Faults::new(opts.faults)),
            state_file: opts.state_file.clone(),
            identity: if opts.driver.is_some() { "lab" } else { "sim" },
            driver: opts.driver.clone(),
            super_token: opts
                .super_token
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            request_log: opts.request_log,
            seed: opts
                .seed
                .as_ref()
                .filter(|s| !s.vpn_catalog.is_null())
                .map(|s| (s.vpn_catalog.clone(), s.version.clone())),
            save_failed: Mutex::new(None),
            one_boot_per_group: opts.one_boot_per_group,
        });
        let std_listener = std::net::TcpListener::bind(opts.listen)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let stop = tokio_util::sync::CancellationToken::new();
        let app = routes::router(shared.clone());
        let (s1, s2) = (stop.clone(), stop.clone());
        let (listener, scheme) = {
            let _g = handle.enter();
            let tcp = tokio::net::TcpListener::from_std(std_listener)?;
            match tls_config {
                Some(cfg) => (Either::Tls(tls::TlsListener::new(tcp, cfg)?), "https"),
                None => (Either::Plain(tcp), "http"),
            }
        };
        let fut = async move {
            let serve = async move {
                match listener {
                    Either::Plain(l) => {
                        axum::serve(l, app)
                            .with_graceful_shutdown(s1.cancelled_owned())
                            .await
                    }
                    Either::Tls(l) => {
                        axum::serve(l, app)
                            .with_graceful_shutdown(s1.cancelled_owned())
                            .await
                    }
                }
            };
            // graceful shutdown waits for open connections: give them 2 s at most
            let deadline = async move {
                s2.cancelled().await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            };
            tokio::select! {
                r = serve => if let Err(e) = r { tracing::warn!("{}", crate::t!("sim-stopped", problem = e.to_string())) },
                _ = deadline => {}
            }
        };
        let server = Server {
            addr,
            scheme,
            token: opts.token,
            shared,
            stop,
            thread: None,
        };
        Ok((server, fut))
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// The base URL: `http://ADDR/vcp/v1/occtr` (`https://` with TLS).
    pub fn url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.addr, routes::PREFIX)
    }
    /// The token clients must send.
    pub fn token(&self) -> &str {
        &self.token
    }
    /// How many faults the simulator injected so far.
    pub fn faults_injected(&self) -> u64 {
        self.shared
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .injected()
    }
    /// A reader of the current state that outlives this handle's borrow (the plan's model of
    /// the nodes' swarm asks it which nodes run).
    pub fn state_reader(&self) -> impl Fn() -> SimState + Send + Sync + 'static {
        let shared = self.shared.clone();
        move || {
            let mut st = shared
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            st.advance(state::now_ms());
            st
        }
    }

    /// A copy of the current state (transitions applied), for tests and status displays.
    pub fn snapshot(&self) -> SimState {
        let mut st = self
            .shared
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        st.advance(state::now_ms());
        st
    }
}

enum Either {
    Plain(tokio::net::TcpListener),
    Tls(tls::TlsListener),
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.cancel();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

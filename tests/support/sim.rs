//! Simulator harness: start the VCC simulator in-process on 127.0.0.1:0 and connect the real
//! HTTP client to it. Tests are sync; each gets its own runtime for the client.
use cwh::sim::{FaultOptions, Server, SimOptions};
use cwh::vcc::{Client, Config, ConnectOptions, Progress, RetryPolicy, WaitOptions};
use std::time::Duration;

/// A running simulator plus a runtime to drive the client with.
pub struct Sim {
    /// The server (stops on drop).
    pub server: Server,
    /// Runtime for client futures.
    pub rt: tokio::runtime::Runtime,
}

/// Options for a fast simulator: 150 ms boots, random token.
pub fn fast_options() -> SimOptions {
    let mut o = SimOptions::new(cwh::sim::random_token());
    o.boot_delay = Duration::from_millis(150);
    o
}

/// Start a simulator with `opts`.
pub fn start(opts: SimOptions) -> Sim {
    let server = Server::start(opts).expect("simulator starts");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    Sim { server, rt }
}

/// Start a fast simulator with faults.
pub fn start_with_faults(faults: FaultOptions) -> Sim {
    let mut o = fast_options();
    o.faults = faults;
    start(o)
}

/// Connect options pointing at `url` with fast waits and retries.
pub fn options(url: &str, token: &str) -> ConnectOptions {
    let mut o = ConnectOptions::new(Config::built_in(), token);
    o.base_url = Some(url.to_string());
    o.wait = Some(WaitOptions {
        interval: Duration::from_millis(50),
        settle: Duration::ZERO,
        timeout: Duration::from_secs(60),
    });
    o.retry = RetryPolicy {
        attempts: 12,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(50),
    };
    o.request_timeout = Duration::from_secs(10);
    o
}

impl Sim {
    /// Connect the client with the simulator's token.
    pub fn client(&self) -> Client {
        self.rt
            .block_on(Client::connect(options(
                &self.server.url(),
                self.server.token(),
            )))
            .expect("client connects to the simulator")
    }
    /// Run a future on the test runtime.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }
}

/// No progress output.
pub fn quiet() -> Progress {
    Progress::silent()
}

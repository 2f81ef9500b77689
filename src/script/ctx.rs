//! The host context shared by every binding: the async runtime, cancellation, parameters and
//! the run's options. Bindings hold an `Arc<Ctx>`.
use crate::script::params::Params;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

/// Options of the VCC connection that the CLI collects for `vcc::connect()`.
#[derive(Default, Clone)]
pub struct VccOptions {
    /// `--vcc-config DIR`.
    pub config_dir: Option<PathBuf>,
    /// `--token-file FILE`.
    pub token_file: Option<PathBuf>,
    /// `--ca-cert FILE`.
    pub ca_cert: Option<PathBuf>,
    /// Base URL forced by the host (the embedded simulator under `--sim`/`--lab`).
    pub url: Option<String>,
    /// Token handed over by the host (the embedded simulator); never printed.
    pub token: Option<String>,
    /// What the host started for the run (`--sim`, `--lab`, `--plan`), else a configured VCC
    /// (which may still say it is a simulator when it answers).
    pub target: crate::vcc::Target,
    /// What the run talks to, for the banner ("embedded simulator", "lab `x` …"); None for
    /// the configured VCC.
    pub label: Option<String>,
}

impl std::fmt::Debug for VccOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VccOptions")
            .field("config_dir", &self.config_dir)
            .field("token_file", &self.token_file)
            .field("ca_cert", &self.ca_cert)
            .field("url", &self.url)
            .field("token", &self.token.as_ref().map(|_| "[REDACTED]"))
            .field("target", &self.target)
            .field("label", &self.label)
            .finish()
    }
}

/// Everything a binding may need from the host.
pub struct Ctx {
    /// Handle of the host's multi-thread runtime. Scripts run on a plain thread, so
    /// `block_on` is legal in every binding.
    pub rt: tokio::runtime::Handle,
    /// Set by the first Ctrl-C; checked by the engine's progress hook.
    pub interrupted: Arc<AtomicBool>,
    cancel: Arc<Mutex<CancellationToken>>,
    /// Script parameters (`param()`, `secret()`).
    pub params: Params,
    /// The run's working directory (group_vars, inventory, `.cwh/`).
    pub workdir: PathBuf,
    /// `--yes`: `confirm()` answers yes without asking.
    pub assume_yes: bool,
    /// VCC connection options.
    pub vcc: VccOptions,
}

/// Why a blocking primitive stopped early.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Interrupt {
    #[error("{}", crate::t!("diag-interrupted"))]
    #[diagnostic(code = "cwh::script::interrupted")]
    Cancelled,
}

impl Ctx {
    /// A path a script names: `~` expanded, relative to the run's working directory.
    pub fn path_in(&self, p: &str) -> PathBuf {
        let p = PathBuf::from(crate::files::expand_home(p));
        if p.is_absolute() {
            p
        } else {
            self.workdir.join(p)
        }
    }

    pub fn new(
        rt: tokio::runtime::Handle,
        params: Params,
        workdir: PathBuf,
        assume_yes: bool,
        vcc: VccOptions,
    ) -> Self {
        Ctx {
            rt,
            interrupted: Arc::new(AtomicBool::new(false)),
            cancel: Arc::new(Mutex::new(CancellationToken::new())),
            params,
            workdir,
            assume_yes,
            vcc,
        }
    }

    /// The current cancellation token (a fresh one per REPL entry).
    pub fn token(&self) -> CancellationToken {
        self.cancel
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Stop whatever runs now: the engine's progress hook and every pending `block_on`.
    pub fn interrupt(&self) {
        self.interrupted.store(true, Ordering::SeqCst);
        self.token().cancel();
    }

    /// Forget a previous interruption (the REPL, before the next entry).
    pub fn reset_interrupt(&self) {
        self.interrupted.store(false, Ordering::SeqCst);
        *self.cancel.lock().unwrap_or_else(|e| e.into_inner()) = CancellationToken::new();
    }

    pub fn is_interrupted(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst)
    }

    /// Run a future on the host runtime from the script thread, stopping it on Ctrl-C.
    /// Build timers and sockets inside the future (`async move { … }`): the runtime context is
    /// only entered while it runs.
    pub fn block_on<F: Future>(&self, fut: F) -> Result<F::Output, Interrupt> {
        let token = self.token();
        if token.is_cancelled() {
            return Err(Interrupt::Cancelled);
        }
        self.rt.block_on(async {
            tokio::select! {
                biased;
                _ = token.cancelled() => Err(Interrupt::Cancelled),
                v = fut => Ok(v),
            }
        })
    }
}

//! SSH core (no Rhai): sessions over russh, OpenSSH-compatible known_hosts, keyscan and a
//! bounded parallel fan-out across hosts. See issue 4.
//!
//! All operations are async and drop-safe: the script host runs them with `block_on` and
//! cancels by dropping the future.
pub mod auth;
pub mod config;
pub mod error;
pub mod exec;
pub mod fanout;
pub mod keyfile;
pub mod keygen;
pub mod keyscan;
pub mod known_hosts;
pub mod options;
pub mod session;

pub use error::SshError;
pub use exec::{Command, ExecOptions, ExecResult};
pub use fanout::{Group, GroupResult, Summary};
pub use keyscan::{RefreshOutcome, ScanOptions, refresh};
pub use options::{HostOptions, PassphraseFn};
pub use session::Host;

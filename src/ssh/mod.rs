//! SSH core (no Rhai): sessions over russh, OpenSSH-compatible known_hosts, keyscan and a
//! bounded parallel fan-out across hosts. See issue 4.
pub mod error;
pub mod known_hosts;

pub use error::SshError;

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

// the records-only interlock lives on the ground floor, beside plan mode
pub use crate::interlock::{records_only, set_records_only};

/// `localhost` or a loopback IP literal (no name is resolved to decide).
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod guard_tests {
    #[test]
    fn only_loopback_literals_count_as_loopback() {
        for h in ["127.0.0.1", "127.0.0.23", "::1", "[::1]", "localhost"] {
            assert!(super::is_loopback(h), "{h}");
        }
        for h in [
            "172.30.2.100",
            "10.0.0.1",
            "example.org",
            "127.example.org",
            "",
        ] {
            assert!(!super::is_loopback(h), "{h}");
        }
    }
}

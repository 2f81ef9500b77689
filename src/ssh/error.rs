//! Errors of the SSH core: one enum with stable diagnostic codes and help text.
use std::path::PathBuf;

/// Everything that can go wrong while talking SSH to a node.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SshError {
    /// The key file could not be read.
    #[error("{}", crate::t!("ssh-key-read", path = path.display().to_string(), problem = crate::ssh::session::io_reason(source)))]
    #[diagnostic(code = "cwh::ssh::key", help("{}", key_read_help(path, source)))]
    KeyRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The key file is not an OpenSSH/PEM private key.
    #[error("{}", crate::t!("ssh-key-format", path = path.display().to_string(), reason = reason.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::key",
        help("{}", crate::t!("ssh-key-format-help"))
    )]
    KeyFormat { path: PathBuf, reason: String },
    /// The key is encrypted and nobody supplied a passphrase.
    #[error("{}", crate::t!("ssh-key-encrypted", path = path.display().to_string()))]
    #[diagnostic(
        code = "cwh::ssh::passphrase",
        help("{}", crate::t!("ssh-key-encrypted-help"))
    )]
    KeyEncrypted { path: PathBuf },
    /// The passphrase did not decrypt the key.
    #[error("{}", crate::t!("ssh-wrong-passphrase", path = path.display().to_string()))]
    #[diagnostic(code = "cwh::ssh::passphrase")]
    WrongPassphrase { path: PathBuf },
    /// The server refused every key we offered.
    #[error("{}", crate::t!("ssh-auth-refused", host = host.as_str(), user = user.as_str(), tried = tried.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::auth",
        help("{}", crate::t!("ssh-auth-refused-help", user = user.as_str()))
    )]
    AuthRefused {
        host: String,
        user: String,
        tried: String,
    },
    /// ssh-agent could not be used.
    #[error("{}", crate::t!("ssh-agent", problem = message.as_str()))]
    #[diagnostic(code = "cwh::ssh::agent", help("{}", crate::t!("ssh-agent-help")))]
    Agent { message: String },
    /// The host name does not resolve.
    #[error("{}", crate::t!("ssh-resolve", host = host.as_str(), reason = reason.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::dns",
        help("{}", crate::t!("ssh-resolve-help"))
    )]
    Resolve { host: String, reason: String },
    /// TCP connection or SSH handshake failed (refused, timed out, reset).
    #[error("{}", crate::t!("ssh-unreachable", host = host.as_str(), port = *port, reason = reason.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::unreachable",
        help("{}", crate::t!("ssh-unreachable-help"))
    )]
    Unreachable {
        host: String,
        port: u16,
        reason: String,
    },
    /// The host is not in known_hosts (strict verification).
    #[error("{}", crate::t!("ssh-host-key-unknown", host = host.as_str(), file = file.display().to_string()))]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help("{}", crate::t!("ssh-host-key-unknown-help", host = host.as_str(), file = file.display().to_string()))
    )]
    HostKeyUnknown { host: String, file: PathBuf },
    /// The host presented a different key than the one recorded.
    #[error("{}", crate::t!("ssh-host-key-changed", host = host.as_str(), file = file.display().to_string(), line = *line))]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help("{}", crate::t!("ssh-host-key-changed-help", host = host.as_str(), file = file.display().to_string()))
    )]
    HostKeyChanged {
        host: String,
        file: PathBuf,
        line: usize,
    },
    /// The host presented a key marked `@revoked`.
    #[error("{}", crate::t!("ssh-host-key-revoked", host = host.as_str(), file = file.display().to_string(), line = *line))]
    #[diagnostic(code = "cwh::ssh::host_key")]
    HostKeyRevoked {
        host: String,
        file: PathBuf,
        line: usize,
    },
    /// The channel closed without an exit status.
    #[error("{}", match signal { Some(s) => crate::t!("ssh-no-exit-status-signal", host = host.as_str(), signal = s.as_str()), None => crate::t!("ssh-no-exit-status", host = host.as_str()) })]
    #[diagnostic(code = "cwh::ssh::exit_status")]
    NoExitStatus {
        host: String,
        signal: Option<String>,
    },
    /// The command ran longer than its timeout; it was stopped on the node.
    #[error("{}", crate::t!("ssh-timeout", host = host.as_str(), seconds = *secs))]
    #[diagnostic(
        code = "cwh::ssh::timeout",
        help("{}", crate::t!("ssh-timeout-help"))
    )]
    Timeout { host: String, secs: u64 },
    /// `put` could not write the remote file.
    #[error("{}", crate::t!("ssh-put-failed", host = host.as_str(), path = path.as_str(), rc = rc.map(|r| r.to_string()).unwrap_or_else(|| "-".into()), problem = stderr.as_str()))]
    #[diagnostic(code = "cwh::ssh::put")]
    PutFailed {
        host: String,
        path: String,
        rc: Option<i32>,
        stderr: String,
    },
    /// A command failed (rc ≠ 0 or no rc) on some hosts: raised by `check()` (`exec_ok`).
    #[error("{}", crate::t!("ssh-command-failed", count = *count, details = details.as_str()))]
    #[diagnostic(code = "cwh::ssh::command_failed")]
    CommandFailed { count: usize, details: String },
    /// Any other SSH protocol failure.
    #[error("{}", crate::t!("ssh-protocol", host = host.as_str(), problem = message.as_str()))]
    #[diagnostic(code = "cwh::ssh::protocol")]
    Protocol { host: String, message: String },
    /// Reading or writing a known_hosts file failed.
    #[error("{}", crate::t!("ssh-known-hosts-io", path = path.display().to_string(), problem = crate::ssh::session::io_reason(source)))]
    #[diagnostic(code = "cwh::ssh::known_hosts")]
    KnownHostsIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An ssh_config file could not be read or parsed.
    #[error("{}", crate::t!("ssh-config", path = path.display().to_string(), line = *line, problem = message.as_str()))]
    #[diagnostic(code = "cwh::ssh::config")]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A group was created from an empty host list.
    #[error("{}", crate::t!("ssh-empty-host-list"))]
    #[diagnostic(
        code = "cwh::ssh::no_hosts",
        help("{}", crate::t!("ssh-empty-host-list-help"))
    )]
    EmptyHostList,
    /// A group has no host of that name (`SshGroup.get`).
    #[error("{}", crate::t!("ssh-not-in-group", name = name.as_str(), names = names.join(", ")))]
    #[diagnostic(
        code = "cwh::ssh::no_hosts",
        help("{}", crate::t!("ssh-not-in-group-help"))
    )]
    NotInGroup { name: String, names: Vec<String> },
    /// `known_hosts::refresh`: the scanned keys of these hosts were refused, each the same VC
    /// node as before with other keys (see [`crate::ssh::keyscan::refresh_nodes`]).
    #[error("{}", refused.join("\n"))]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help("{}", crate::t!("ssh-host-keys-refused-help"))
    )]
    HostKeysRefused {
        /// One message per refused host.
        refused: Vec<String>,
    },
    /// `known_hosts::refresh`: these hosts gave no host key within the attempts.
    #[error("{}", crate::t!("ssh-no-host-key", count = failed.len(), hosts = failed.join("\n  ")))]
    #[diagnostic(
        code = "cwh::ssh::keyscan",
        help("{}", crate::t!("ssh-no-host-key-help", attempts = *attempts))
    )]
    NoHostKey {
        /// `host: why`, one per host.
        failed: Vec<String>,
        /// The attempts made per host.
        attempts: u32,
    },
    /// The run's VCC is cwh's simulator without lab nodes: node addresses are made up.
    #[error("{}", crate::t!("ssh-record-node", host = host.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::record_node",
        help("{}", crate::t!("ssh-record-node-help"))
    )]
    RecordNode {
        /// The address asked for.
        host: String,
    },
    /// An option has an invalid value.
    #[error("{}", crate::t!("ssh-invalid-option", problem = _0.as_str()))]
    #[diagnostic(code = "cwh::ssh::option")]
    InvalidOption(String),
}

/// The fix for a key file that cannot be read: for a missing one, what
/// [`create_advice`](crate::ssh::keyfile::create_advice) says (derive a missing `.pub`, or a new
/// pair whose type matches the file name).
fn key_read_help(path: &std::path::Path, source: &std::io::Error) -> String {
    if source.kind() == std::io::ErrorKind::NotFound {
        crate::t!(
            "ssh-key-missing-help",
            advice = crate::ssh::keyfile::create_advice(path)
        )
    } else {
        crate::t!("ssh-key-read-help")
    }
}

impl SshError {
    /// True when the host could not be reached or logged into at all (as opposed to a command
    /// that ran and failed): counted as "unreachable" in a fan-out summary.
    /// The failure's kind as scripts see it in an exec result's `error_kind` (the message is
    /// in the reader's language; this is not): `host_key_changed`, `host_key_unknown`,
    /// `unreachable`, `timeout`, else `failed`.
    pub fn kind(&self) -> &'static str {
        match self {
            SshError::HostKeyChanged { .. } | SshError::HostKeyRevoked { .. } => "host_key_changed",
            SshError::HostKeyUnknown { .. } => "host_key_unknown",
            SshError::Timeout { .. } => "timeout",
            e if e.is_unreachable() => "unreachable",
            _ => "failed",
        }
    }

    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            SshError::Resolve { .. }
                | SshError::Unreachable { .. }
                | SshError::AuthRefused { .. }
                | SshError::HostKeyUnknown { .. }
                | SshError::HostKeyChanged { .. }
                | SshError::HostKeyRevoked { .. }
                | SshError::KeyRead { .. }
                | SshError::KeyFormat { .. }
                | SshError::KeyEncrypted { .. }
                | SshError::WrongPassphrase { .. }
                | SshError::Agent { .. }
        )
    }

    /// The message plus the help text in one line, for per-host `error` strings.
    pub fn full_message(&self) -> String {
        use miette::Diagnostic;
        match self.help() {
            Some(h) => crate::t!(
                "ssh-message-fix",
                message = self.to_string(),
                fix = h.to_string()
            ),
            None => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, message_in};

    /// stdlib/lifecycle.rhai tells a changed host key from a node still booting by the
    /// result's `error_kind`, the same in every language.
    #[test]
    fn a_changed_host_key_is_a_kind_of_its_own() {
        let changed = super::SshError::HostKeyChanged {
            host: "10.0.0.1".into(),
            file: "kh".into(),
            line: 3,
        };
        assert_eq!(changed.kind(), "host_key_changed");
        for lang in [Lang::En, Lang::Ja] {
            let m = message_in(
                lang,
                "ssh-host-key-changed",
                &[
                    ("host", "10.0.0.1".into()),
                    ("file", "kh".into()),
                    ("line", 3.into()),
                ],
            );
            assert!(m.contains("10.0.0.1") && m.contains("kh:3"), "{m}");
        }
        let timeout = super::SshError::Timeout {
            host: "h".into(),
            secs: 5,
        };
        assert_eq!(timeout.kind(), "timeout");
    }
}

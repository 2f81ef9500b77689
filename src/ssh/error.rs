//! Errors of the SSH core: one enum with stable diagnostic codes and help text.
use std::path::PathBuf;

/// Everything that can go wrong while talking SSH to a node.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SshError {
    /// The key file could not be read.
    #[error("cannot read SSH key {}: {source}", path.display())]
    #[diagnostic(
        code = "cwh::ssh::key",
        help("check the `key` option: the file must exist and be readable")
    )]
    KeyRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The key file is not an OpenSSH/PEM private key.
    #[error("{} is not a usable private key: {reason}", path.display())]
    #[diagnostic(
        code = "cwh::ssh::key",
        help(
            "pass the private key (OpenSSH or PEM format: ed25519, ecdsa or RSA), not the .pub file"
        )
    )]
    KeyFormat { path: PathBuf, reason: String },
    /// The key is encrypted and nobody supplied a passphrase.
    #[error("SSH key {} is encrypted and no passphrase is available", path.display())]
    #[diagnostic(
        code = "cwh::ssh::passphrase",
        help(
            "set CWH_PARAM_SSH_KEY_PASSPHRASE in the environment, load the key into ssh-agent (ssh-add KEY, with SSH_AUTH_SOCK set), or run from a terminal to be prompted"
        )
    )]
    KeyEncrypted { path: PathBuf },
    /// The passphrase did not decrypt the key.
    #[error("wrong passphrase for SSH key {}", path.display())]
    #[diagnostic(code = "cwh::ssh::passphrase")]
    WrongPassphrase { path: PathBuf },
    /// The server refused every key we offered.
    #[error("authentication refused on {host} for user {user:?} (tried: {tried})")]
    #[diagnostic(
        code = "cwh::ssh::auth",
        help(
            "check the user name and that the public key is in ~{user}/.ssh/authorized_keys on the node"
        )
    )]
    AuthRefused {
        host: String,
        user: String,
        tried: String,
    },
    /// ssh-agent could not be used.
    #[error("ssh-agent: {message}")]
    #[diagnostic(code = "cwh::ssh::agent", help("check SSH_AUTH_SOCK, or pass `key`"))]
    Agent { message: String },
    /// The host name does not resolve.
    #[error("cannot resolve host name {host:?}: {reason}")]
    #[diagnostic(
        code = "cwh::ssh::dns",
        help("check the host name or use the node's IP address")
    )]
    Resolve { host: String, reason: String },
    /// TCP connection or SSH handshake failed (refused, timed out, reset).
    #[error("{host}:{port} unreachable: {reason}")]
    #[diagnostic(
        code = "cwh::ssh::unreachable",
        help(
            "is the node running and its sshd listening? a fresh node may need a longer `retry` window"
        )
    )]
    Unreachable {
        host: String,
        port: u16,
        reason: String,
    },
    /// The host is not in known_hosts (strict verification).
    #[error("host key of {host} is unknown: not in {}", file.display())]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help("refresh it first: known_hosts::refresh([\"{host}\"]) (or `ssh-keyscan -H {host} >> {}`), or pass accept_new: true", file.display())
    )]
    HostKeyUnknown { host: String, file: PathBuf },
    /// The host presented a different key than the one recorded.
    #[error("host key of {host} has CHANGED: it does not match {}:{line}", file.display())]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help("if the node was rebuilt, remove the stale entry: ssh-keygen -R {host} -f {} (or known_hosts::refresh([\"{host}\"])); otherwise this may be an attack", file.display())
    )]
    HostKeyChanged {
        host: String,
        file: PathBuf,
        line: usize,
    },
    /// The host presented a key marked `@revoked`.
    #[error("host key of {host} is revoked in {}:{line}", file.display())]
    #[diagnostic(code = "cwh::ssh::host_key")]
    HostKeyRevoked {
        host: String,
        file: PathBuf,
        line: usize,
    },
    /// The channel closed without an exit status.
    #[error("{host}: command ended without an exit status{}", signal.as_ref().map(|s| format!(" (killed by signal {s})")).unwrap_or_default())]
    #[diagnostic(code = "cwh::ssh::exit_status")]
    NoExitStatus {
        host: String,
        signal: Option<String>,
    },
    /// The command ran longer than its timeout; it was stopped on the node.
    #[error("{host}: command timed out after {secs} s and was stopped")]
    #[diagnostic(
        code = "cwh::ssh::timeout",
        help("raise `timeout` if the command legitimately takes longer")
    )]
    Timeout { host: String, secs: u64 },
    /// `put` could not write the remote file.
    #[error("{host}: writing {path} failed (rc {rc:?}): {stderr}")]
    #[diagnostic(code = "cwh::ssh::put")]
    PutFailed {
        host: String,
        path: String,
        rc: Option<i32>,
        stderr: String,
    },
    /// A command failed (rc ≠ 0 or no rc) on some hosts: raised by `check()` (`exec_ok`).
    #[error("command failed on {count} host(s): {details}")]
    #[diagnostic(code = "cwh::ssh::command_failed")]
    CommandFailed { count: usize, details: String },
    /// Any other SSH protocol failure.
    #[error("{host}: SSH error: {message}")]
    #[diagnostic(code = "cwh::ssh::protocol")]
    Protocol { host: String, message: String },
    /// Reading or writing a known_hosts file failed.
    #[error("known_hosts file {}: {source}", path.display())]
    #[diagnostic(code = "cwh::ssh::known_hosts")]
    KnownHostsIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An ssh_config file could not be read or parsed.
    #[error("ssh config {}:{line}: {message}", path.display())]
    #[diagnostic(code = "cwh::ssh::config")]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A group was created from an empty host list.
    #[error("empty host list")]
    #[diagnostic(
        code = "cwh::ssh::no_hosts",
        help("the list of IP addresses is empty: did the unit find any RUNNING nodes?")
    )]
    EmptyHostList,
    /// A group has no host of that name (`SshGroup.get`).
    #[error("{name} is not in the group {names:?}")]
    #[diagnostic(
        code = "cwh::ssh::no_hosts",
        help("name one of the group's hosts (g.hosts() lists them)")
    )]
    NotInGroup { name: String, names: Vec<String> },
    /// `known_hosts::refresh`: the scanned keys of these hosts were refused, each the same VC
    /// node as before with other keys (see [`crate::ssh::keyscan::refresh_nodes`]).
    #[error("{}", refused.join("\n"))]
    #[diagnostic(
        code = "cwh::ssh::host_key",
        help(
            "a re-created VM has a new node id on the VCC and is accepted with a warning; the same node with another key is not"
        )
    )]
    HostKeysRefused {
        /// One message per refused host.
        refused: Vec<String>,
    },
    /// `known_hosts::refresh`: these hosts gave no host key within the attempts.
    #[error("no host key from {} host(s):\n  {}", failed.len(), failed.join("\n  "))]
    #[diagnostic(
        code = "cwh::ssh::keyscan",
        help(
            "the node may still be booting: re-run, or raise #{{ attempts: … }} (now {attempts})"
        )
    )]
    NoHostKey {
        /// `host: why`, one per host.
        failed: Vec<String>,
        /// The attempts made per host.
        attempts: u32,
    },
    /// The run's VCC is cwh's simulator without lab nodes: node addresses are made up.
    #[error(
        "{host}: the VCC of this run is cwh's simulator without lab nodes, so {host} is a made-up \
         node address; cwh does not connect to it"
    )]
    #[diagnostic(
        code = "cwh::ssh::record_node",
        help(
            "nodes of `--sim` (and of `cwh vcc serve` without --lab) are records only: rehearse SSH, \
             known_hosts and swarm steps with `--lab` (or `cwh vcc serve --lab`), or stop before them \
             when `vcp.target == \"simulator\"` as scripts/coursewarehub.rhai does"
        )
    )]
    RecordNode {
        /// The address asked for.
        host: String,
    },
    /// An option has an invalid value.
    #[error("invalid SSH option: {0}")]
    #[diagnostic(code = "cwh::ssh::option")]
    InvalidOption(String),
}

impl SshError {
    /// True when the host could not be reached or logged into at all (as opposed to a command
    /// that ran and failed): counted as "unreachable" in a fan-out summary.
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
            Some(h) => format!("{self}; fix: {h}"),
            None => self.to_string(),
        }
    }
}

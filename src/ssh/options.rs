//! Per-host options and their resolution against `~/.ssh/config` into a connect [`Target`].
use super::config::{self, expand_tilde, split_destination};
use super::error::SshError;
use crate::options::{Int, Seconds};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Asks for the passphrase of an encrypted key (e.g. a no-echo terminal prompt). `None` means
/// "no passphrase available" and gives a clear [`SshError::KeyEncrypted`].
pub type PassphraseFn = Arc<dyn Fn(&Path) -> Option<String> + Send + Sync>;

/// How to reach and log into hosts. Explicit fields win; unset ones come from
/// `~/.ssh/config` (`User`, `Port`, `IdentityFile`, `ProxyJump`), then OpenSSH's defaults.
#[derive(Clone)]
pub struct HostOptions {
    /// Login user (default: ssh config, then `$USER`).
    pub user: Option<String>,
    /// Port (default: ssh config, then 22).
    pub port: Option<u16>,
    /// Private key file (`~` expanded). When unset: ssh-agent (if `SSH_AUTH_SOCK` is set), then
    /// the config's `IdentityFile`s, then `~/.ssh/id_{ed25519,ecdsa,rsa}`.
    pub key: Option<String>,
    /// known_hosts file (`~` expanded; default `~/.ssh/known_hosts`).
    pub known_hosts: Option<PathBuf>,
    /// Trust and record the key of a host that is not in known_hosts yet (changed keys are
    /// still refused). Default false: strict.
    pub accept_new: bool,
    /// Timeout for one TCP connect + SSH handshake (default 10 s).
    pub connect_timeout: Duration,
    /// Keep retrying refused / timed-out connections for this long (default 0: one attempt).
    pub retry: Duration,
    /// Parallel connections of a group (default 32).
    pub forks: usize,
    /// Default per-command timeout (default none).
    pub timeout: Option<Duration>,
    /// Captured bytes per stream per host; the rest is dropped with a note (default 1 MiB).
    pub output_limit: usize,
    /// ssh config file (`~` expanded; default `~/.ssh/config`; a missing file is fine).
    pub ssh_config: Option<PathBuf>,
    /// Jump host `[user@]host[:port]` (overrides the config's `ProxyJump`).
    pub proxy_jump: Option<String>,
    /// Passphrase source for encrypted keys.
    pub passphrase: Option<PassphraseFn>,
}

impl Default for HostOptions {
    fn default() -> Self {
        HostOptions {
            user: None,
            port: None,
            key: None,
            known_hosts: None,
            accept_new: false,
            connect_timeout: Duration::from_secs(10),
            retry: Duration::ZERO,
            forks: 32,
            timeout: None,
            output_limit: 1 << 20,
            ssh_config: None,
            proxy_jump: None,
            passphrase: None,
        }
    }
}

impl std::fmt::Debug for HostOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostOptions")
            .field("user", &self.user)
            .field("port", &self.port)
            .field("key", &self.key)
            .field("known_hosts", &self.known_hosts)
            .field("accept_new", &self.accept_new)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("forks", &self.forks)
            .field("timeout", &self.timeout)
            .field("output_limit", &self.output_limit)
            .field("ssh_config", &self.ssh_config)
            .field("proxy_jump", &self.proxy_jump)
            .field(
                "passphrase",
                &self.passphrase.as_ref().map(|_| "<callback>"),
            )
            .finish()
    }
}

/// [`HostOptions`] as a script's options map gives them (`ssh::host(name, #{…})`): every key
/// optional, an unknown one an error.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostOptionsMap {
    pub user: Option<String>,
    pub key: Option<String>,
    pub port: Option<Int>,
    pub known_hosts: Option<String>,
    pub forks: Option<Int>,
    pub timeout: Option<Seconds>,
    pub accept_new: Option<bool>,
    pub connect_timeout: Option<Seconds>,
    pub retry: Option<Seconds>,
    pub proxy_jump: Option<String>,
    pub ssh_config: Option<String>,
    pub output_limit: Option<Int>,
}

impl HostOptionsMap {
    /// The options, unset ones at their defaults; `path` places the file options (`key`,
    /// `known_hosts`, `ssh_config`: a script's run directory); `forks` is at least 1 and
    /// `output_limit` at least 1 KiB. No passphrase source is set.
    pub fn resolve(self, path: &dyn Fn(&str) -> PathBuf) -> Result<HostOptions, String> {
        let d = HostOptions::default();
        let secs = |s: Option<Seconds>, what, default| s.map_or(Ok(default), |s| s.duration(what));
        Ok(HostOptions {
            user: self.user,
            port: self.port.map(Int::port).transpose()?,
            key: self.key.map(|k| path(&k).display().to_string()),
            known_hosts: self.known_hosts.map(|k| path(&k)),
            accept_new: self.accept_new.unwrap_or(false),
            connect_timeout: secs(self.connect_timeout, "connect_timeout", d.connect_timeout)?,
            retry: secs(self.retry, "retry", d.retry)?,
            forks: self.forks.map_or(d.forks, |f| f.0.max(1) as usize),
            timeout: self.timeout.map(|s| s.duration("timeout")).transpose()?,
            output_limit: self
                .output_limit
                .map_or(d.output_limit, |v| v.0.max(1024) as usize),
            ssh_config: self.ssh_config.map(|k| path(&k)),
            proxy_jump: self.proxy_jump,
            passphrase: None,
        })
    }
}

/// Where a credential comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// Every identity held by ssh-agent.
    Agent,
    /// A private key file.
    KeyFile(PathBuf),
}

/// A fully resolved destination.
#[derive(Debug, Clone)]
pub struct Target {
    /// Name as the caller gave it (used in results and messages).
    pub name: String,
    /// Address to connect to (`HostName` from the config, else `name`); known_hosts key.
    pub address: String,
    /// TCP port.
    pub port: u16,
    /// Login user.
    pub user: String,
    /// Credentials to try, in order.
    pub credentials: Vec<Credential>,
    /// known_hosts file.
    pub known_hosts: PathBuf,
    /// Jump host, one hop.
    pub jump: Option<Box<Target>>,
}

fn local_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "root".into())
}

impl HostOptions {
    /// Resolve `host` (`[user@]host[:port]` accepted) into a [`Target`].
    pub fn resolve(&self, host: &str) -> Result<Target, SshError> {
        self.resolve_inner(host, true)
    }

    fn resolve_inner(&self, spec: &str, allow_jump: bool) -> Result<Target, SshError> {
        let (spec_user, host, spec_port) = split_destination(spec.trim());
        if host.is_empty() {
            return Err(SshError::InvalidOption(crate::t!(
                "ssh-empty-host-name",
                spec = spec
            )));
        }
        let cfg_path = self
            .ssh_config
            .as_ref()
            .map(|p| expand_tilde(&p.to_string_lossy()))
            .unwrap_or_else(config::default_path);
        let cfg = config::load(&cfg_path, &host)?;
        let user = spec_user
            .or_else(|| self.user.clone())
            .or(cfg.user)
            .unwrap_or_else(local_user);
        let port = spec_port.or(self.port).or(cfg.port).unwrap_or(22);
        let mut credentials = Vec::new();
        if let Some(k) = &self.key {
            credentials.push(Credential::KeyFile(expand_tilde(k)));
            // an encrypted key without its passphrase may still be in ssh-agent
            if std::env::var_os("SSH_AUTH_SOCK").is_some() {
                credentials.push(Credential::Agent);
            }
        } else {
            if std::env::var_os("SSH_AUTH_SOCK").is_some() {
                credentials.push(Credential::Agent);
            }
            credentials.extend(cfg.identity_files.into_iter().map(Credential::KeyFile));
            if credentials.is_empty() {
                let ssh = expand_tilde("~/.ssh");
                credentials.extend(
                    ["id_ed25519", "id_ecdsa", "id_rsa"]
                        .iter()
                        .map(|n| ssh.join(n))
                        .filter(|p| p.exists())
                        .map(Credential::KeyFile),
                );
            }
        }
        let jump_spec = self.proxy_jump.clone().or(cfg.proxy_jump);
        let jump = match jump_spec {
            Some(j) if allow_jump => {
                // the jump host is resolved on its own (its config, its user), one hop only
                let jopts = HostOptions {
                    user: None,
                    port: None,
                    proxy_jump: None,
                    ..self.clone()
                };
                Some(Box::new(jopts.resolve_inner(&j, false)?))
            }
            _ => None,
        };
        Ok(Target {
            name: spec.trim().to_string(),
            address: cfg.hostname.unwrap_or(host),
            port,
            user,
            credentials,
            known_hosts: self
                .known_hosts
                .as_ref()
                .map(|p| expand_tilde(&p.to_string_lossy()))
                .unwrap_or_else(super::known_hosts::default_path),
            jump,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: serde_json::Value) -> Result<HostOptionsMap, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    #[test]
    fn script_host_options_resolve_with_defaults_clamps_and_named_errors() {
        let path = |p: &str| Path::new("/run").join(p);
        let o = map(serde_json::json!({})).unwrap().resolve(&path).unwrap();
        let d = HostOptions::default();
        assert_eq!((o.forks, o.output_limit), (d.forks, d.output_limit));
        assert_eq!(
            (o.connect_timeout, o.retry, o.timeout),
            (d.connect_timeout, d.retry, None)
        );
        let o = map(serde_json::json!({
            "user": "vcp", "key": "id", "port": 2222, "known_hosts": "kh", "forks": 0,
            "timeout": 1.5, "accept_new": true, "connect_timeout": 3, "retry": 0.5,
            "ssh_config": "cfg", "output_limit": 10, "proxy_jump": "j"
        }))
        .unwrap()
        .resolve(&path)
        .unwrap();
        assert_eq!(o.key.as_deref(), Some("/run/id"));
        assert_eq!(o.known_hosts, Some(PathBuf::from("/run/kh")));
        assert_eq!(o.ssh_config, Some(PathBuf::from("/run/cfg")));
        assert_eq!((o.port, o.forks, o.output_limit), (Some(2222), 1, 1024));
        assert_eq!(o.timeout, Some(Duration::from_millis(1500)));
        assert_eq!(o.connect_timeout, Duration::from_secs(3));
        assert!(o.accept_new && o.passphrase.is_none());
        let err = |v| {
            map(v)
                .and_then(|m| m.resolve(&path).map(|_| ()))
                .unwrap_err()
        };
        assert_eq!(
            err(serde_json::json!({"port": 70000})),
            "port 70000 is out of range"
        );
        assert_eq!(
            err(serde_json::json!({"retry": -1})),
            "retry must not be negative"
        );
        assert!(err(serde_json::json!({"prot": 1})).contains("unknown field `prot`"));
        assert!(
            err(serde_json::json!({"timeout": "soon"})).contains("expected a number of seconds")
        );
        assert!(err(serde_json::json!({"forks": 1.5})).contains("expected an integer"));
        assert!(err(serde_json::json!({"timeout": 1e300})).contains("not a usable number"));
    }
}

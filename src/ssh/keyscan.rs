//! Host key scanning like `ssh-keyscan` (one handshake per key type, every type the server
//! offers) and `refresh` = remove + scan with retry + append hashed entries, for many hosts in
//! parallel.
use super::config::split_destination;
use super::error::SshError;
use super::known_hosts;
use super::session::tcp_connect;
use futures::StreamExt;
use russh::client;
use russh::keys::{Algorithm, EcdsaCurve, HashAlg, PublicKey, PublicKeyOrCertificate};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How to scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Attempts per host (default 10, as the notebook's loop).
    pub attempts: u32,
    /// Pause between attempts (default 1 s).
    pub delay: Duration,
    /// Timeout of one connection (default 5 s).
    pub timeout: Duration,
    /// Default port when a host has none (default 22).
    pub port: u16,
    /// Hosts scanned at once (default 32).
    pub parallel: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            attempts: 10,
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(5),
            port: 22,
            parallel: 32,
        }
    }
}

struct Grab(Arc<Mutex<Option<PublicKey>>>);

impl client::Handler for Grab {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        if let PublicKeyOrCertificate::PublicKey { key, .. } = key {
            *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(key.clone());
        }
        Ok(false) // never log in: we only want the key
    }
}

const TYPES: [Algorithm; 5] = [
    Algorithm::Ed25519,
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP256,
    },
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP384,
    },
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP521,
    },
    Algorithm::Rsa {
        hash: Some(HashAlg::Sha512),
    },
];

async fn scan_type(
    host: &str,
    port: u16,
    alg: Algorithm,
    timeout: Duration,
) -> Result<Option<PublicKey>, SshError> {
    let stream = tcp_connect(host, port, timeout).await?;
    let only: Vec<Algorithm> = match alg {
        Algorithm::Rsa { .. } => vec![
            Algorithm::Rsa {
                hash: Some(HashAlg::Sha512),
            },
            Algorithm::Rsa {
                hash: Some(HashAlg::Sha256),
            },
        ],
        a => vec![a],
    };
    let cfg = client::Config {
        preferred: russh::Preferred {
            key: only.into(),
            ..Default::default()
        },
        nodelay: true,
        ..Default::default()
    };
    let slot = Arc::new(Mutex::new(None));
    let res = tokio::time::timeout(
        timeout,
        client::connect_stream(Arc::new(cfg), stream, Grab(slot.clone())),
    )
    .await;
    let key = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
    match (key, res) {
        (Some(k), _) => Ok(Some(k)),
        (None, Err(_)) => Err(SshError::Unreachable {
            host: host.to_string(),
            port,
            reason: "no SSH banner / key exchange within the timeout".into(),
        }),
        (None, Ok(Err(e))) if !no_common_key(&e) => Err(SshError::Unreachable {
            host: host.to_string(),
            port,
            reason: closed_reason(&e),
        }),
        (None, Ok(_)) => Ok(None), // the server has no key of this type
    }
}

/// The key exchange failed only because the server has no host key of the type asked for.
fn no_common_key(e: &russh::Error) -> bool {
    matches!(e, russh::Error::NoCommonAlgo { .. })
}

/// Why a connection ended before a host key was seen, said plainly.
fn closed_reason(e: &russh::Error) -> String {
    match e {
        russh::Error::HUP | russh::Error::Disconnect => {
            "the connection was closed before the SSH banner (sshd is still starting, refuses \
             connections (MaxStartups), or something else listens on the port)"
                .into()
        }
        russh::Error::IO(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::BrokenPipe
            ) =>
        {
            format!(
                "the connection was closed before the SSH banner ({io}): sshd is still starting, \
                 refuses connections (MaxStartups), or something else listens on the port"
            )
        }
        russh::Error::Version => {
            "what answers on the port is not an SSH server (no SSH banner)".into()
        }
        e => format!("the SSH handshake failed: {e}"),
    }
}

/// One attempt: every host key type the server offers (like `ssh-keyscan -t` with all types).
pub async fn scan(host: &str, port: u16, timeout: Duration) -> Result<Vec<PublicKey>, SshError> {
    let results = futures::future::join_all(
        TYPES
            .iter()
            .map(|a| scan_type(host, port, a.clone(), timeout)),
    )
    .await;
    let mut keys: Vec<PublicKey> = Vec::new();
    let mut err = None;
    for r in results {
        match r {
            Ok(Some(k)) => {
                if !keys.iter().any(|x| x.key_data() == k.key_data()) {
                    keys.push(k)
                }
            }
            Ok(None) => {}
            Err(e) => {
                err.get_or_insert(e);
            }
        }
    }
    match (keys.is_empty(), err) {
        (false, _) => Ok(keys),
        (true, Some(e)) => Err(e),
        (true, None) => Err(SshError::Protocol {
            host: host.to_string(),
            message: "the server offered no host key type cwh supports".into(),
        }),
    }
}

/// [`scan`] with retries: up to `attempts` times, `delay` apart, while the host is unreachable.
pub async fn scan_retry(
    host: &str,
    port: u16,
    opts: &ScanOptions,
) -> Result<Vec<PublicKey>, SshError> {
    let mut attempt = 1;
    loop {
        match scan(host, port, opts.timeout).await {
            Err(e @ SshError::Resolve { .. }) => return Err(e),
            Err(e) if attempt >= opts.attempts.max(1) => return Err(e),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(opts.delay).await;
            }
            ok => return ok,
        }
    }
}

/// Per-host outcome of [`refresh`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct RefreshOutcome {
    /// Host as given.
    pub host: String,
    /// Key types now recorded (e.g. `ssh-ed25519`); empty on failure.
    pub keys: Vec<String>,
    /// Why no key could be scanned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Refresh `hosts` (`ip`, `name`, `host:port`, `[host]:port`) in `file`: scan them in
/// parallel with retry, then in one atomic rewrite remove their old entries (like
/// `ssh-keygen -R`) and append hashed entries for what was scanned. A host that could not be
/// scanned ends up with no entry and an `error` in its outcome.
pub async fn refresh(
    file: &Path,
    hosts: &[String],
    opts: &ScanOptions,
) -> Result<Vec<RefreshOutcome>, SshError> {
    if hosts.is_empty() {
        return Err(SshError::EmptyHostList);
    }
    let targets: Vec<(String, u16)> = hosts
        .iter()
        .map(|h| {
            let (_, host, port) = split_destination(h.trim());
            (host, port.unwrap_or(opts.port))
        })
        .collect();
    let scans: Vec<Result<Vec<PublicKey>, SshError>> = futures::stream::iter(targets.iter())
        .map(|(h, p)| scan_retry(h, *p, opts))
        .buffered(opts.parallel.max(1))
        .collect()
        .await;
    let add: Vec<(String, u16, Vec<PublicKey>)> = targets
        .iter()
        .zip(&scans)
        .filter_map(|((h, p), r)| r.as_ref().ok().map(|k| (h.clone(), *p, k.clone())))
        .collect();
    known_hosts::update(file, &targets, &add)?;
    Ok(hosts
        .iter()
        .zip(scans)
        .map(|(h, r)| match r {
            Ok(keys) => RefreshOutcome {
                host: h.clone(),
                keys: keys
                    .iter()
                    .map(|k| k.algorithm().as_str().to_string())
                    .collect(),
                error: None,
            },
            Err(e) => RefreshOutcome {
                host: h.clone(),
                keys: Vec::new(),
                error: Some(e.to_string()),
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_closed_before_the_banner_is_said_so() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            // a port that accepts and hangs up at once (sshd still starting / MaxStartups)
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = l.local_addr().unwrap().port();
            tokio::spawn(async move {
                while let Ok((s, _)) = l.accept().await {
                    drop(s);
                }
            });
            let e = scan("127.0.0.1", port, Duration::from_secs(5))
                .await
                .unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains("closed before the SSH banner"), "{msg}");
            assert!(!msg.contains("no host key type"), "{msg}");
        });
    }
}

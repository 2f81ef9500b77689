//! Host key scanning like `ssh-keyscan` (one handshake per key type, every type the server
//! offers) and `refresh` = remove + scan with retry + append hashed entries, for many hosts in
//! parallel.
use super::config::split_destination;
use super::error::SshError;
use super::known_hosts;
use super::session::tcp_connect;
use crate::options::{Int, Seconds};
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

impl ScanOptions {
    /// The options a script gives (`known_hosts::refresh(hosts, #{attempts, delay, timeout,
    /// port})`), unset ones at their defaults; at least one attempt.
    pub fn from_script(
        attempts: Option<Int>,
        delay: Option<Seconds>,
        timeout: Option<Seconds>,
        port: Option<Int>,
    ) -> Result<ScanOptions, String> {
        let d = ScanOptions::default();
        Ok(ScanOptions {
            attempts: attempts.map_or(d.attempts, |a| a.0.max(1) as u32),
            delay: delay.map_or(Ok(d.delay), |s| s.duration("delay"))?,
            timeout: timeout.map_or(Ok(d.timeout), |s| s.duration("timeout"))?,
            port: port.map_or(Ok(d.port), Int::port)?,
            ..d
        })
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
            reason: crate::t!("ssh-keyscan-no-banner"),
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
            crate::t!("ssh-keyscan-closed")
        }
        russh::Error::IO(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::BrokenPipe
            ) =>
        {
            crate::t!("ssh-keyscan-closed-why", problem = io.to_string())
        }
        russh::Error::Version => {
            crate::t!("ssh-keyscan-not-ssh")
        }
        e => crate::t!("ssh-keyscan-handshake-failed", problem = e.to_string()),
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
            message: crate::t!("ssh-keyscan-no-key-type"),
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
            Err(e @ (SshError::Resolve { .. } | SshError::RecordNode { .. })) => return Err(e),
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
    /// Why no key could be scanned (or why the scanned keys were refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the caller should be told (the entries of a re-created node were replaced).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// The scanned keys were refused (see [`RefreshOutcome::refused`]); `error` says why.
    #[serde(skip)]
    pub keys_refused: bool,
}

impl RefreshOutcome {
    /// The host's scanned keys were refused: it is the same VC node as before with other keys
    /// (see [`refresh_nodes`]), not a host that gave no key.
    pub fn refused(&self) -> bool {
        self.keys_refused && self.error.is_some()
    }
}

/// The outcomes of a refresh as one result, as `known_hosts::refresh` gives it: each warning
/// logged; refused hosts make an error naming them ([`SshError::HostKeysRefused`]), then hosts
/// that gave no key make one naming each with its reason ([`SshError::NoHostKey`], with the
/// `attempts` made).
pub fn checked(
    outcomes: Vec<RefreshOutcome>,
    attempts: u32,
) -> Result<Vec<RefreshOutcome>, SshError> {
    for w in outcomes.iter().filter_map(|o| o.warning.as_ref()) {
        tracing::warn!("{w}");
    }
    let refused: Vec<String> = outcomes
        .iter()
        .filter(|o| o.refused())
        .filter_map(|o| o.error.clone())
        .collect();
    if !refused.is_empty() {
        return Err(SshError::HostKeysRefused { refused });
    }
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            o.error.as_ref().map(|e| {
                crate::t!(
                    "ssh-host-problem",
                    host = o.host.as_str(),
                    problem = e.as_str()
                )
            })
        })
        .collect();
    if !failed.is_empty() {
        return Err(SshError::NoHostKey { failed, attempts });
    }
    Ok(outcomes)
}

/// What to do with the scanned keys of a host whose known_hosts entries exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDecision {
    /// No entries, or the same keys: record them.
    Record,
    /// The keys changed and the host is another VC node than before (`was` → `now`: the VM
    /// was re-created), or cwh knows nothing to compare: replace the entries.
    Replace {
        was: Option<String>,
        now: Option<String>,
    },
    /// The keys changed but the VC node is the same one: refuse (that is the attack).
    Refuse { node: String },
}

/// Decide for one host: `existing` are its known_hosts keys, `scanned` what it offers now,
/// `recorded` the VC node id cwh saw behind it last time, `current` the node id now.
pub fn decide(
    existing: &[PublicKey],
    scanned: &[PublicKey],
    recorded: Option<&str>,
    current: Option<&str>,
) -> KeyDecision {
    let unchanged = existing
        .iter()
        .all(|e| scanned.iter().any(|s| s.key_data() == e.key_data()));
    if unchanged {
        return KeyDecision::Record;
    }
    match (recorded, current) {
        (Some(r), Some(c)) if r == c => KeyDecision::Refuse {
            node: c.to_string(),
        },
        (r, c) => KeyDecision::Replace {
            was: r.map(str::to_string),
            now: c.map(str::to_string),
        },
    }
}

/// Where cwh records the VC node id behind each host of a known_hosts file:
/// `<file>.cwh-nodes` (JSON, host → node id).
pub fn node_ids_path(file: &Path) -> std::path::PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(".cwh-nodes");
    std::path::PathBuf::from(p)
}

fn load_node_ids(file: &Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_to_string(node_ids_path(file))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
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
    refresh_nodes(file, hosts, None, opts).await
}

/// [`refresh`], knowing the VC node id behind each host (`ids`: host → node id). A host whose
/// keys changed is replaced with a warning when its node id changed too (the VM was
/// re-created), and refused when it is the same node (a changed key on the same machine is
/// what an attack looks like): its entries stay, its outcome carries the error. The ids are
/// recorded beside the file ([`node_ids_path`]) for the next refresh.
pub async fn refresh_nodes(
    file: &Path,
    hosts: &[String],
    ids: Option<&std::collections::BTreeMap<String, String>>,
    opts: &ScanOptions,
) -> Result<Vec<RefreshOutcome>, SshError> {
    if hosts.is_empty() {
        return Err(SshError::EmptyHostList);
    }
    // records only (a simulator without a lab): every scan fails before a packet, as in the run
    let Some(p) = crate::interlock::plan().filter(|_| !crate::interlock::records_only()) else {
        return refresh_scanned(file, hosts, ids, opts).await;
    };
    // --plan: the nodes that exist are scanned for real (a scan changes nothing) and the
    // scratch copy's file updated as the run would; a node the rehearsal created is recorded
    let (real, planned): (Vec<String>, Vec<String>) = hosts
        .iter()
        .cloned()
        .partition(|h| p.reads(h, "ssh-keyscan"));
    let mut done = if real.is_empty() {
        Vec::new()
    } else {
        refresh_scanned(file, &real, ids, opts).await?
    };
    for h in planned {
        // a lost node (in ERROR) answers no scan in the run either
        if p.lost(&h) {
            done.push(RefreshOutcome {
                error: Some(crate::t!("ssh-keyscan-vm-lost", host = h.as_str())),
                host: h,
                keys: Vec::new(),
                warning: None,
                keys_refused: false,
            });
            continue;
        }
        p.record("keyscan", &h, &p.shown(file));
        done.push(RefreshOutcome {
            host: h,
            keys: vec!["planned".into()],
            error: None,
            warning: None,
            keys_refused: false,
        });
    }
    // in the order given
    Ok(hosts
        .iter()
        .filter_map(|h| {
            let i = done.iter().position(|o| &o.host == h)?;
            Some(done.swap_remove(i))
        })
        .collect())
}

/// [`refresh_nodes`], every host scanned.
async fn refresh_scanned(
    file: &Path,
    hosts: &[String],
    ids: Option<&std::collections::BTreeMap<String, String>>,
    opts: &ScanOptions,
) -> Result<Vec<RefreshOutcome>, SshError> {
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
    let mut recorded = load_node_ids(file);
    let mut notes: Vec<(Option<String>, Option<String>)> = vec![(None, None); hosts.len()];
    let mut keep = vec![true; hosts.len()];
    if let Some(ids) = ids {
        for (i, ((h, p), r)) in targets.iter().zip(&scans).enumerate() {
            let Ok(scanned) = r else { continue };
            let existing: Vec<PublicKey> = known_hosts::lookup(file, h, *p)?
                .into_iter()
                .filter(|e| e.marker.is_none())
                .map(|e| e.key)
                .collect();
            let current = ids.get(h).map(String::as_str);
            match decide(
                &existing,
                scanned,
                recorded.get(h).map(String::as_str),
                current,
            ) {
                KeyDecision::Record => {}
                KeyDecision::Replace { was, now } => {
                    notes[i].1 = Some(match (was, now) {
                        (Some(w), Some(n)) => crate::t!(
                            "ssh-keyscan-new-node",
                            host = h.as_str(),
                            was = w,
                            now = n,
                            file = file.display().to_string()
                        ),
                        _ => crate::t!(
                            "ssh-keyscan-no-node-id",
                            host = h.as_str(),
                            file = file.display().to_string()
                        ),
                    });
                }
                KeyDecision::Refuse { node } => {
                    keep[i] = false;
                    notes[i].0 = Some(crate::t!(
                        "ssh-keyscan-refused",
                        host = h.as_str(),
                        node = node.as_str(),
                        file = file.display().to_string()
                    ));
                }
            }
        }
    }
    let kept: Vec<(String, u16)> = targets
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| t.clone())
        .collect();
    let add: Vec<(String, u16, Vec<PublicKey>)> = targets
        .iter()
        .zip(&scans)
        .zip(&keep)
        .filter(|(_, k)| **k)
        .filter_map(|(((h, p), r), _)| r.as_ref().ok().map(|k| (h.clone(), *p, k.clone())))
        .collect();
    known_hosts::update(file, &kept, &add)?;
    if let Some(ids) = ids {
        let before = recorded.clone();
        for ((h, _), k) in targets.iter().zip(&keep) {
            if let (true, Some(id)) = (*k, ids.get(h)) {
                recorded.insert(h.clone(), id.clone());
            }
        }
        // through the one write helper: the same ids leave the file alone (counted unchanged)
        if recorded != before || !recorded.is_empty() {
            let text = serde_json::to_string_pretty(&recorded).unwrap_or_default();
            crate::files::write_atomic(&node_ids_path(file), text.as_bytes(), Some(0o600))
                .map_err(|source| SshError::KnownHostsIo {
                    path: node_ids_path(file),
                    source,
                })?;
        }
    }
    Ok(hosts
        .iter()
        .zip(scans)
        .zip(notes)
        .map(|((h, r), (refused, warning))| match (r, refused) {
            (Ok(keys), None) => RefreshOutcome {
                host: h.clone(),
                keys: keys
                    .iter()
                    .map(|k| k.algorithm().as_str().to_string())
                    .collect(),
                error: None,
                warning,
                keys_refused: false,
            },
            (Ok(_), Some(e)) => RefreshOutcome {
                host: h.clone(),
                keys: Vec::new(),
                error: Some(e),
                warning: None,
                keys_refused: true,
            },
            (Err(e), _) => RefreshOutcome {
                host: h.clone(),
                keys: Vec::new(),
                error: Some(e.to_string()),
                warning: None,
                keys_refused: false,
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

    fn outcome(host: &str, error: Option<&str>, warning: Option<&str>) -> RefreshOutcome {
        RefreshOutcome {
            host: host.into(),
            keys: if error.is_some() {
                vec![]
            } else {
                vec!["ssh-ed25519".into()]
            },
            error: error.map(str::to_string),
            warning: warning.map(str::to_string),
            keys_refused: false,
        }
    }

    #[test]
    fn outcomes_checked_refused_first_then_hosts_without_a_key() {
        use miette::Diagnostic;
        let ok = outcome("10.0.0.1", None, Some("10.0.0.1 is a new VC node"));
        assert_eq!(checked(vec![ok.clone()], 10).unwrap().len(), 1);

        let dead = outcome("10.0.0.2", Some("10.0.0.2:22 unreachable: refused"), None);
        let e = checked(vec![ok.clone(), dead.clone()], 3).unwrap_err();
        assert!(matches!(e, SshError::NoHostKey { .. }), "{e:?}");
        assert_eq!(e.code().unwrap().to_string(), "cwh::ssh::keyscan");
        assert_eq!(
            e.to_string(),
            "no host key from 1 host(s):\n  10.0.0.2: 10.0.0.2:22 unreachable: refused"
        );
        assert!(
            e.help()
                .unwrap()
                .to_string()
                .ends_with("#{ attempts: … } (now 3)"),
            "{:?}",
            e.help().map(|h| h.to_string())
        );

        let refused = RefreshOutcome {
            keys_refused: true,
            ..outcome(
                "10.0.0.3",
                Some("host key of 10.0.0.3 has CHANGED although it is the same VC node"),
                None,
            )
        };
        assert!(refused.refused() && !dead.refused() && !ok.refused());
        let e = checked(vec![dead, refused, ok], 3).unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::ssh::host_key");
        assert!(
            e.to_string()
                .starts_with("host key of 10.0.0.3 has CHANGED"),
            "{e}"
        );
        assert!(!e.to_string().contains("10.0.0.2"), "{e}");
    }

    #[test]
    fn script_scan_options() {
        let d = ScanOptions::default();
        let o = ScanOptions::from_script(None, None, None, None).unwrap();
        assert_eq!((o.attempts, o.delay, o.port), (d.attempts, d.delay, d.port));
        let o = ScanOptions::from_script(Some(Int(0)), Some(Seconds(0.5)), None, Some(Int(2222)))
            .unwrap();
        assert_eq!(
            (o.attempts, o.delay, o.port),
            (1, Duration::from_millis(500), 2222)
        );
        let e = ScanOptions::from_script(None, None, Some(Seconds(-1.0)), None).unwrap_err();
        assert_eq!(e, "timeout must not be negative");
        let e = ScanOptions::from_script(None, None, None, Some(Int(-1))).unwrap_err();
        assert_eq!(e, "port -1 is out of range");
    }

    #[test]
    fn key_decisions() {
        let a = PublicKey::from_openssh(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        )
        .unwrap();
        let b = PublicKey::from_openssh(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqrnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        )
        .unwrap();
        let (a, b) = (std::slice::from_ref(&a), std::slice::from_ref(&b));
        assert_eq!(decide(&[], b, None, Some("n1")), KeyDecision::Record);
        assert_eq!(decide(a, a, Some("n1"), Some("n1")), KeyDecision::Record);
        assert_eq!(
            decide(a, b, Some("n1"), Some("n1")),
            KeyDecision::Refuse { node: "n1".into() }
        );
        assert_eq!(
            decide(a, b, Some("n1"), Some("n2")),
            KeyDecision::Replace {
                was: Some("n1".into()),
                now: Some("n2".into())
            }
        );
        assert_eq!(
            decide(a, b, None, None),
            KeyDecision::Replace {
                was: None,
                now: None
            }
        );
    }
}

//! TLS for `cwh vcc serve --tls`: a private CA kept in a directory (created on first use, as
//! a portable VCC ships its `ca.pem`), a server certificate for the listen address and
//! `localhost` issued by it at every start, and the rustls acceptor that serves them. With
//! `--cert FILE --key FILE` a given pair is served instead. rustls on aws-lc-rs, the same
//! backend as the client (reqwest).
use axum::serve::Listener;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::server::TlsStream;

/// The CA's file name inside the TLS directory (what a client trusts).
pub const CA_FILE: &str = "ca.pem";
const CA_KEY_FILE: &str = "ca-key.pem";
const CERT_FILE: &str = "server.pem";
const KEY_FILE: &str = "server-key.pem";

/// The certificate and key a server presents.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsFiles {
    /// Server certificate chain (PEM).
    pub cert: PathBuf,
    /// Its private key (PEM).
    pub key: PathBuf,
    /// The CA clients must trust, when cwh made it.
    pub ca: Option<PathBuf>,
}

/// Why TLS could not be set up: the file concerned and what to do.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("TLS: {path}: {message}")]
#[diagnostic(code = "cwh::sim::tls", help("{fix}"))]
pub struct TlsError {
    /// The file or directory concerned.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

/// The error about `path`; `fix_key` names the message that says how to fix it.
fn err(path: &Path, message: impl std::fmt::Display, fix_key: &str) -> TlsError {
    TlsError {
        path: path.display().to_string(),
        message: message.to_string(),
        fix: crate::t!(fix_key),
    }
}

/// The help of a CA or certificate that cannot be used (a message key).
const REGEN: &str = "sim-tls-regen-help";

/// The CA's parameters. Always the same, so a CA loaded from its key signs as the one first
/// made (same subject, same key identifier).
fn ca_params() -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name
        .push(DnType::CommonName, "cwh VCC simulator private CA");
    p.distinguished_name
        .push(DnType::OrganizationName, "cwh simulator");
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let now = time::OffsetDateTime::now_utc();
    p.not_before = now - time::Duration::days(1);
    p.not_after = now + time::Duration::days(3650);
    p
}

/// The CA in `dir`: loaded, or made and written (key mode 0600) on first use. Returns the
/// issuer and the path of `ca.pem`.
fn ensure_ca(dir: &Path) -> Result<(Issuer<'static, KeyPair>, PathBuf), TlsError> {
    let ca = dir.join(CA_FILE);
    let ca_key = dir.join(CA_KEY_FILE);
    if ca.is_file() && ca_key.is_file() {
        let pem = std::fs::read_to_string(&ca_key).map_err(|e| {
            err(
                &ca_key,
                crate::t!("sim-tls-cannot-read", problem = e.to_string()),
                REGEN,
            )
        })?;
        let key = KeyPair::from_pem(&pem).map_err(|e| {
            err(
                &ca_key,
                crate::t!("sim-tls-not-pem-key", problem = e.to_string()),
                REGEN,
            )
        })?;
        return Ok((Issuer::new(ca_params(), key), ca));
    }
    let key = KeyPair::generate().map_err(|e| {
        err(
            &ca_key,
            crate::t!("sim-tls-cannot-generate", problem = e.to_string()),
            REGEN,
        )
    })?;
    let cert = ca_params().self_signed(&key).map_err(|e| {
        err(
            &ca,
            crate::t!("sim-tls-cannot-make-ca", problem = e.to_string()),
            REGEN,
        )
    })?;
    let write_fix = "sim-tls-write-help";
    crate::files::write_atomic(&ca_key, key.serialize_pem().as_bytes(), Some(0o600)).map_err(
        |e| {
            err(
                &ca_key,
                crate::t!("sim-tls-cannot-write", problem = e.to_string()),
                write_fix,
            )
        },
    )?;
    crate::files::write_atomic(&ca, cert.pem().as_bytes(), Some(0o644)).map_err(|e| {
        err(
            &ca,
            crate::t!("sim-tls-cannot-write", problem = e.to_string()),
            write_fix,
        )
    })?;
    Ok((Issuer::new(ca_params(), key), ca))
}

/// Make (or reuse) the CA in `dir` and issue a server certificate for `hosts` (IP addresses
/// or DNS names) with it, written as `server.pem` / `server-key.pem` beside the CA.
pub fn ensure_generated(dir: &Path, hosts: &[String]) -> Result<TlsFiles, TlsError> {
    let (issuer, ca) = ensure_ca(dir)?;
    let cert_path = dir.join(CERT_FILE);
    let key_path = dir.join(KEY_FILE);
    let mut p = CertificateParams::new(hosts.to_vec()).map_err(|e| {
        err(
            dir,
            crate::t!("sim-tls-bad-host", problem = e.to_string()),
            REGEN,
        )
    })?;
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(
        DnType::CommonName,
        hosts.first().cloned().unwrap_or_default(),
    );
    p.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    p.use_authority_key_identifier_extension = true;
    let now = time::OffsetDateTime::now_utc();
    p.not_before = now - time::Duration::days(1);
    p.not_after = now + time::Duration::days(825);
    let key = KeyPair::generate().map_err(|e| {
        err(
            &key_path,
            crate::t!("sim-tls-cannot-generate", problem = e.to_string()),
            REGEN,
        )
    })?;
    let cert = p.signed_by(&key, &issuer).map_err(|e| {
        err(
            &cert_path,
            crate::t!("sim-tls-cannot-sign", problem = e.to_string()),
            REGEN,
        )
    })?;
    let write_fix = "sim-tls-write-help";
    crate::files::write_atomic(&key_path, key.serialize_pem().as_bytes(), Some(0o600)).map_err(
        |e| {
            err(
                &key_path,
                crate::t!("sim-tls-cannot-write", problem = e.to_string()),
                write_fix,
            )
        },
    )?;
    crate::files::write_atomic(&cert_path, cert.pem().as_bytes(), Some(0o644)).map_err(|e| {
        err(
            &cert_path,
            crate::t!("sim-tls-cannot-write", problem = e.to_string()),
            write_fix,
        )
    })?;
    Ok(TlsFiles {
        cert: cert_path,
        key: key_path,
        ca: Some(ca),
    })
}

/// The names a certificate for `listen` must hold: the listen address (unless it is a
/// wildcard), `extra` (e.g. the host's address or name that clients use), 127.0.0.1 and
/// `localhost`.
pub fn hosts_for(listen: SocketAddr, extra: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let ip = listen.ip();
    if !ip.is_unspecified() {
        out.push(ip.to_string());
    }
    for h in extra
        .iter()
        .map(String::as_str)
        .chain(["127.0.0.1", "localhost"])
    {
        if !out.iter().any(|x| x == h) {
            out.push(h.to_string());
        }
    }
    out
}

/// A rustls server configuration for a certificate chain and key in PEM files.
pub fn server_config(files: &TlsFiles) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let fix = "sim-tls-pair-help";
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            err(
                &files.cert,
                crate::t!("sim-tls-not-pem-cert", problem = e.to_string()),
                fix,
            )
        })?;
    if certs.is_empty() {
        return Err(err(&files.cert, crate::t!("sim-tls-no-cert"), fix));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| {
        err(
            &files.key,
            crate::t!("sim-tls-not-pem-key", problem = e.to_string()),
            fix,
        )
    })?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| err(&files.cert, e, fix))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| {
            err(
                &files.key,
                crate::t!("sim-tls-key-mismatch", problem = e.to_string()),
                fix,
            )
        })?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}

/// A listener that hands axum TLS connections. Handshakes run in their own tasks, so a slow
/// or failing client never holds up the others; a failed handshake is logged and dropped.
pub struct TlsListener {
    rx: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
}

impl TlsListener {
    /// Accept on `tcp` with `config` (spawns the accept loop on the current runtime).
    pub fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<Self> {
        let addr = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(config);
        let (tx, rx) = tokio::sync::mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                // stop (and free the port) as soon as the server drops the listener
                let accepted = tokio::select! {
                    r = tcp.accept() => r,
                    _ = tx.closed() => break,
                };
                let (sock, peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::debug!("accept failed: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let (acceptor, tx2) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    let hs = tokio::time::timeout(
                        std::time::Duration::from_secs(10),
                        acceptor.accept(sock),
                    )
                    .await;
                    match hs {
                        Ok(Ok(s)) => {
                            let _ = tx2.send((s, peer)).await;
                        }
                        Ok(Err(e)) => tracing::info!(
                            "{}",
                            crate::t!(
                                "sim-tls-handshake-failed",
                                peer = peer.to_string(),
                                problem = e.to_string()
                            )
                        ),
                        Err(_) => tracing::info!(
                            "{}",
                            crate::t!("sim-tls-handshake-timeout", peer = peer.to_string())
                        ),
                    }
                });
            }
        });
        Ok(TlsListener { rx, addr })
    }
}

impl Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.rx.recv().await {
            Some(x) => x,
            // the accept loop ended (it never does while the receiver lives)
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ca_is_made_once_and_reused_and_keys_are_private() {
        let d = tempfile::tempdir().unwrap();
        let hosts = hosts_for("127.0.0.1:0".parse().unwrap(), &[]);
        assert_eq!(hosts, ["127.0.0.1", "localhost"]);
        let a = ensure_generated(d.path(), &hosts).unwrap();
        let ca1 = std::fs::read(a.ca.as_ref().unwrap()).unwrap();
        let b = ensure_generated(d.path(), &hosts).unwrap();
        assert_eq!(ca1, std::fs::read(b.ca.as_ref().unwrap()).unwrap());
        use std::os::unix::fs::PermissionsExt;
        for k in [CA_KEY_FILE, KEY_FILE] {
            let m = std::fs::metadata(d.path().join(k)).unwrap().permissions();
            assert_eq!(m.mode() & 0o777, 0o600, "{k}");
        }
        server_config(&b).unwrap();
        assert_eq!(
            hosts_for("0.0.0.0:1".parse().unwrap(), &["vcc.example.org".into()]),
            ["vcc.example.org", "127.0.0.1", "localhost"]
        );
    }

    #[test]
    fn a_key_that_is_not_pem_names_the_file() {
        let d = tempfile::tempdir().unwrap();
        let hosts = hosts_for("127.0.0.1:0".parse().unwrap(), &[]);
        let f = ensure_generated(d.path(), &hosts).unwrap();
        std::fs::write(&f.key, "nope").unwrap();
        let e = server_config(&f).unwrap_err();
        assert!(e.to_string().contains("server-key.pem"), "{e}");
    }
}

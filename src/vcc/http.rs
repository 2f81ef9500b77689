//! HTTP transport to a VCC: connection options, the reqwest client (rustls, private CA,
//! time-outs), one request with journal + redaction, GET retries with backoff for connection
//! errors and 502/503/504, and mutations that are re-checked (never blindly re-sent) after an
//! uncertain failure.
use crate::journal::{Event, record};
use crate::vcc::config::Config;
use crate::vcc::error::clean;
use crate::vcc::target::Target;
use crate::vcc::wait::WaitOptions;
use crate::vcc::{Result, VccError};
use reqwest::Method;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The path every VCC base URL ends with.
pub const BASE_PATH: &str = "/vcp/v1/occtr";

/// Retries for idempotent requests and for reconciled mutations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts (first try included).
    pub attempts: u32,
    /// First backoff; doubled after each failure.
    pub base_delay: Duration,
    /// Backoff cap.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 8,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(3),
        }
    }
}

impl RetryPolicy {
    fn delay(&self, attempt: u32) -> Duration {
        let d = self.base_delay.saturating_mul(1u32 << attempt.min(16));
        d.min(self.max_delay)
    }
}

/// Everything `Client::connect` needs. Debug output never shows the token.
#[derive(Clone)]
pub struct ConnectOptions {
    /// Loaded configuration (vcp_config.yml / vcp_flavor.yml).
    pub config: Config,
    /// The access token (registered for redaction by `connect`).
    pub token: String,
    /// Base URL override (`CWH_VCC_URL`); `None` = from vcp_config.
    pub base_url: Option<String>,
    /// Extra CA bundle (`--ca-cert`); trusted besides `REQUESTS_CA_BUNDLE` (the SDK's),
    /// `SSL_CERT_FILE` and the system store.
    pub ca_cert: Option<PathBuf>,
    /// Per-request time-out.
    pub request_timeout: Duration,
    /// TCP/TLS connect time-out.
    pub connect_timeout: Duration,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Waiting; `None` = the target's pace ([`Target::wait_options`]).
    pub wait: Option<WaitOptions>,
    /// What the host expects to talk to (default: a real VCC, unless it says otherwise).
    pub target: Target,
}

impl std::fmt::Debug for ConnectOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectOptions")
            .field("base_url", &self.base_url)
            .field("token", &"[REDACTED]")
            .field("ca_cert", &self.ca_cert)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("wait", &self.wait)
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl ConnectOptions {
    /// Options with defaults; `CWH_VCC_URL` (when set) becomes the base URL.
    pub fn new(config: Config, token: impl Into<String>) -> Self {
        let token = token.into();
        crate::redact::add_secret(&token);
        ConnectOptions {
            config,
            token,
            base_url: std::env::var("CWH_VCC_URL")
                .ok()
                .filter(|s| !s.trim().is_empty()),
            ca_cert: None,
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            wait: None,
            target: Target::Vcc,
        }
    }

    /// The base URL this will talk to.
    pub fn resolved_base_url(&self) -> Result<String> {
        if let Some(u) = &self.base_url {
            return Ok(override_url(u));
        }
        self.config.base_url().ok_or_else(|| VccError::Config {
            path: "vcp_config.yml".into(),
            message: crate::t!("vcc-no-host"),
        })
    }
}

/// `CWH_VCC_URL` rule: append `/vcp/v1/occtr` only when the URL has no path.
pub fn override_url(url: &str) -> String {
    let u = url.trim().trim_end_matches('/');
    let after_scheme = u.split_once("://").map_or(u, |(_, r)| r);
    if after_scheme.contains('/') {
        u.to_string()
    } else {
        format!("{u}{BASE_PATH}")
    }
}

/// The longest VCC access token accepted: a Vault token is well under 200 characters.
pub const MAX_TOKEN_LEN: usize = 4096;

/// What is wrong with a VCC access token (already trimmed), if anything — in words that never
/// quote the token. A token is one word of printable ASCII: it travels in an HTTP header.
pub fn token_problem(token: &str) -> Option<String> {
    if token.len() > MAX_TOKEN_LEN {
        return Some(crate::t!(
            "vcc-token-too-long",
            length = token.len(),
            max = MAX_TOKEN_LEN
        ));
    }
    let bad = token.chars().find(|c| !c.is_ascii_graphic())?;
    Some(if bad.is_whitespace() {
        crate::t!("vcc-token-spaces")
    } else {
        crate::t!("vcc-token-binary")
    })
}

/// A failed single attempt: either we know the request did not apply, or we do not know.
enum Fail {
    /// Transport error or 502/503/504: may or may not have been applied.
    Uncertain(VccError),
    /// Anything else: final.
    Final(VccError),
}

/// The CA files to trust besides the system store, in the order the SDK's users expect:
/// `--ca-cert`, then `REQUESTS_CA_BUNDLE` (what the SDK trusts), then `SSL_CERT_FILE`. A
/// missing `--ca-cert` is an error; an environment variable naming a missing file is skipped
/// with a warning. Each entry: (path, where it came from).
pub fn ca_files(ca_cert: Option<&std::path::Path>) -> Result<Vec<(PathBuf, &'static str)>> {
    let mut out = Vec::new();
    if let Some(p) = ca_cert {
        if !p.is_file() {
            return Err(VccError::Config {
                path: p.display().to_string(),
                message: crate::t!("vcc-ca-cert-missing"),
            });
        }
        out.push((p.to_path_buf(), "--ca-cert"));
    }
    for var in ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"] {
        let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) else {
            continue;
        };
        let p = PathBuf::from(v);
        if !p.is_file() {
            tracing::warn!(
                "{}",
                crate::t!(
                    "vcc-ca-env-not-file",
                    var = var,
                    path = p.display().to_string()
                )
            );
        } else if !out.iter().any(|(q, _)| *q == p) {
            out.push((p, var));
        }
    }
    Ok(out)
}

/// Is this transport error a certificate the client does not trust? (Retrying cannot help.)
fn is_certificate_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(x) = cur {
        if let Some(io) = x.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(r) = inner.downcast_ref::<tokio_rustls::rustls::Error>()
        {
            return matches!(
                r,
                tokio_rustls::rustls::Error::InvalidCertificate(_)
                    | tokio_rustls::rustls::Error::NoCertificatesPresented
            );
        }
        if x.to_string().contains("invalid peer certificate") {
            return true;
        }
        cur = x.source();
    }
    false
}

/// Did the TLS handshake get an answer that is not TLS (rustls: "received corrupt message of
/// type InvalidContentType": the first bytes were no TLS record, e.g. `HTTP/1.1 400`)?
fn is_not_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    use tokio_rustls::rustls::{Error as TlsError, InvalidMessage};
    let mut cur = Some(e);
    while let Some(x) = cur {
        if let Some(io) = x.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(r) = inner.downcast_ref::<TlsError>()
        {
            return matches!(
                r,
                TlsError::InvalidMessage(InvalidMessage::InvalidContentType)
            );
        }
        if x.to_string().contains("InvalidContentType") {
            return true;
        }
        cur = x.source();
    }
    false
}

/// Does the server at `url` answer a plain HTTP request (`HTTP/…`)? Asked only after it
/// answered our TLS handshake with something that is not TLS, to say so exactly.
async fn answers_plain_http(url: &str) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    let (Some(host), Some(port)) = (u.host_str(), u.port_or_known_default()) else {
        return false;
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let probe = async {
        let mut s = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
        s.write_all(format!("HEAD / HTTP/1.0\r\nHost: {host}\r\n\r\n").as_bytes())
            .await?;
        let mut head = [0u8; 5];
        s.read_exact(&mut head).await?;
        Ok::<_, std::io::Error>(&head == b"HTTP/")
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(5), probe).await,
        Ok(Ok(true))
    )
}

/// The HTTP side of a client: base URL, token, retry policy.
pub(crate) struct Transport {
    http: reqwest::Client,
    pub(crate) base: String,
    token: String,
    retry: RetryPolicy,
    /// The CA files trusted besides the system store, for error messages.
    trusted: String,
    /// What the last answer's `x-cwh-simulator` header said (a cwh simulator: `sim`, `lab`).
    simulator: std::sync::Mutex<Option<String>>,
}

impl Transport {
    /// Build the reqwest client for `opts` (CA bundle, TLS verification, time-outs).
    pub(crate) fn new(opts: &ConnectOptions) -> Result<Transport> {
        let token = opts.token.trim().to_string();
        if let Some(problem) = token_problem(&token) {
            return Err(VccError::invalid(
                crate::t!("vcc-token-not-token", problem = problem),
                crate::t!("vcc-token-not-token-help"),
            ));
        }
        crate::redact::add_secret(&token);
        let base = opts.resolved_base_url()?;
        let mut b = reqwest::Client::builder()
            .timeout(opts.request_timeout)
            .connect_timeout(opts.connect_timeout)
            .user_agent(concat!("cwh/", env!("CARGO_PKG_VERSION")));
        let cas = ca_files(opts.ca_cert.as_deref())?;
        let mut trusted: Vec<String> = cas
            .iter()
            .map(|(p, from)| format!("{} ({from})", p.display()))
            .collect();
        trusted.push(crate::t!("vcc-system-store"));
        for (ca, _) in &cas {
            let pem = std::fs::read(ca).map_err(|e| VccError::Config {
                path: ca.display().to_string(),
                message: e.to_string(),
            })?;
            let certs =
                reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| VccError::Config {
                    path: ca.display().to_string(),
                    message: crate::t!("vcc-not-pem-bundle", problem = e.to_string()),
                })?;
            b = b.tls_certs_merge(certs);
            tracing::debug!("trusting the CA file {}", ca.display());
        }
        if !opts.config.vcc.insecure_request_warning {
            b = b.tls_danger_accept_invalid_certs(true);
        }
        let http = b.build().map_err(|e| VccError::Unreachable {
            url: base.clone(),
            reason: clean(&e.to_string()),
        })?;
        Ok(Transport {
            http,
            base,
            token,
            retry: opts.retry,
            trusted: trusted.join(", "),
            simulator: std::sync::Mutex::new(None),
        })
    }

    /// What the server said it is in its `x-cwh-simulator` header (`sim`, `lab`), if anything.
    pub(crate) fn simulator(&self) -> Option<String> {
        self.simulator
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    async fn once(
        &self,
        method: &Method,
        path: &str,
        body: Option<&Value>,
        ok: &[u16],
        parse: bool,
        what: &str,
    ) -> std::result::Result<(u16, Value), Fail> {
        let url = format!("{}{}", self.base, path);
        if *method != Method::GET
            && let Some(p) = crate::interlock::plan()
            && !p.may_change(&url)
        {
            return Err(Fail::Final(VccError::invalid(
                crate::t!(
                    "vcc-plan-refused",
                    method = method.to_string(),
                    url = url.to_string()
                ),
                crate::t!("vcc-plan-refused-help"),
            )));
        }
        if *method != Method::GET
            && let Err(message) = crate::journal::healthy()
        {
            return Err(Fail::Final(VccError::Journal { message }));
        }
        let action = format!("{method} {}", if path.is_empty() { "\"\"" } else { path });
        let mut req = self
            .http
            .request(method.clone(), &url)
            .header("x-vcc-access-token", &self.token)
            .header("Content-Type", "application/json");
        if let Some(b) = body {
            req = req.body(b.to_string());
        }
        let t0 = Instant::now();
        let sent = async {
            let r = req.send().await?;
            let st = r.status().as_u16();
            let sim = r
                .headers()
                .get(crate::sim::IDENTITY_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let bytes = r.bytes().await?;
            Ok::<_, reqwest::Error>((st, sim, bytes))
        }
        .await;
        let (status, bytes) = match sent {
            Ok((st, sim, bytes)) => {
                *self.simulator.lock().unwrap_or_else(|e| e.into_inner()) = sim;
                (st, bytes)
            }
            Err(e) => {
                let reason = clean(&error_chain(&e));
                record(
                    Event::new("vcc", action, &url)
                        .took(t0.elapsed())
                        .failed()
                        .detail(json!({"error": reason})),
                );
                if is_certificate_error(&e) {
                    return Err(Fail::Final(VccError::Tls {
                        url,
                        reason: clean(&tls_reason(&e)),
                        trusted: self.trusted.clone(),
                    }));
                }
                // a TLS handshake answered by something else: retrying cannot help
                if is_not_tls(&e) {
                    return Err(Fail::Final(if answers_plain_http(&url).await {
                        VccError::PlainHttp {
                            url: self.base.clone(),
                        }
                    } else {
                        VccError::NotTls {
                            url: self.base.clone(),
                            reason: clean(&tls_reason(&e)),
                        }
                    }));
                }
                return Err(Fail::Uncertain(VccError::Unreachable { url, reason }));
            }
        };
        record(
            Event::new("vcc", action, &url)
                .took(t0.elapsed())
                .outcome_ok(ok.contains(&status))
                .detail(json!({"status": status})),
        );
        let text = String::from_utf8_lossy(&bytes);
        if !ok.contains(&status) {
            let message = clean(&server_message(&text));
            let e = if status == 403 {
                VccError::Forbidden { message }
            } else {
                VccError::Http {
                    what: what.into(),
                    status,
                    message,
                }
            };
            return Err(if matches!(status, 502..=504) {
                Fail::Uncertain(e)
            } else {
                Fail::Final(e)
            });
        }
        if !parse || text.trim().is_empty() {
            return Ok((status, Value::Null));
        }
        serde_json::from_str(&text)
            .map(|v| (status, v))
            .map_err(|e| {
                Fail::Final(VccError::Malformed {
                    what: what.into(),
                    status,
                    reason: clean(&e.to_string()),
                })
            })
    }

    /// GET with retries.
    pub(crate) async fn get_json(
        &self,
        path: &str,
        what: &str,
        ok: &[u16],
        parse: bool,
    ) -> Result<(u16, Value)> {
        let r = self.retry;
        let mut attempt = 0;
        loop {
            match self.once(&Method::GET, path, None, ok, parse, what).await {
                Ok(x) => return Ok(x),
                Err(Fail::Final(e)) => return Err(e),
                Err(Fail::Uncertain(e)) => {
                    attempt += 1;
                    if attempt >= r.attempts {
                        return Err(outage(e, attempt));
                    }
                    tracing::debug!("retrying GET {path} after: {e}");
                    tokio::time::sleep(r.delay(attempt - 1)).await;
                }
            }
        }
    }

    /// A mutation (expects 202). After an uncertain failure, `applied` re-reads the VCC to
    /// decide: applied ⇒ done; not applied ⇒ send again (up to the retry policy).
    pub(crate) async fn mutate(
        &self,
        method: Method,
        path: &str,
        body: Value,
        what: &str,
        applied: impl AsyncFn() -> Result<bool>,
    ) -> Result<Value> {
        let r = self.retry;
        let mut attempt = 0;
        loop {
            match self
                .once(&method, path, Some(&body), &[202], true, what)
                .await
            {
                Ok((_, v)) => return Ok(v),
                Err(Fail::Final(e)) => return Err(e),
                Err(Fail::Uncertain(e)) => {
                    tracing::debug!("{method} {path} uncertain ({e}); re-reading state");
                    if applied().await? {
                        return Ok(Value::Null);
                    }
                    attempt += 1;
                    if attempt >= r.attempts {
                        return Err(outage(e, attempt));
                    }
                    tokio::time::sleep(r.delay(attempt - 1)).await;
                }
            }
        }
    }

    /// A mutation sent once: an uncertain failure is reported, never retried (for operations
    /// whose effect cannot be read back reliably).
    pub(crate) async fn mutate_once(
        &self,
        method: Method,
        path: &str,
        body: Value,
        what: &str,
    ) -> Result<Value> {
        match self
            .once(&method, path, Some(&body), &[202], true, what)
            .await
        {
            Ok((_, v)) => Ok(v),
            Err(Fail::Final(e) | Fail::Uncertain(e)) => Err(e),
        }
    }
}

/// Retries exhausted: a 502/503/504 on the last attempt is a gateway outage, said as such
/// (not "the VCC refused the request").
fn outage(e: VccError, attempts: u32) -> VccError {
    match e {
        VccError::Http {
            what,
            status: status @ 502..=504,
            message,
        } => VccError::GatewayOutage {
            what,
            status,
            attempts,
            message,
        },
        e => e,
    }
}

/// The server's `message` (unescaped like the SDK does), else the raw body (shortened).
fn server_message(body: &str) -> String {
    if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(body)
        && let Some(msg) = m.get("message")
    {
        let s = msg
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| msg.to_string());
        return s
            .replace("\\n", "\n")
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    }
    let t = body.trim();
    if t.chars().count() > 300 {
        format!("{}…", t.chars().take(300).collect::<String>())
    } else {
        t.to_string()
    }
}

/// The innermost message of a transport error (rustls's "invalid peer certificate: …").
fn tls_reason(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e.to_string();
    let mut cur = e.source();
    while let Some(x) = cur {
        last = x.to_string();
        cur = x.source();
    }
    last
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_url_appends_path_only_when_missing() {
        assert_eq!(
            override_url("http://127.0.0.1:18443"),
            "http://127.0.0.1:18443/vcp/v1/occtr"
        );
        assert_eq!(
            override_url("http://127.0.0.1:18443/"),
            "http://127.0.0.1:18443/vcp/v1/occtr"
        );
        assert_eq!(
            override_url("https://h/vcp/v1/occtr"),
            "https://h/vcp/v1/occtr"
        );
        assert_eq!(override_url("https://h/custom"), "https://h/custom");
    }

    #[test]
    fn server_message_prefers_message_key() {
        assert_eq!(server_message(r#"{"message": "a\\nb"}"#), "a\nb");
        assert_eq!(
            server_message("<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
    }

    #[test]
    fn options_debug_hides_token() {
        let o = ConnectOptions::new(Config::built_in(), "s.supersecrettoken1");
        assert!(!format!("{o:?}").contains("supersecret"));
    }

    #[test]
    fn a_token_is_one_short_word_of_printable_text() {
        assert_eq!(token_problem("s.AbC123-_.x"), None);
        let long = "a".repeat(MAX_TOKEN_LEN + 1);
        let p = token_problem(&long).unwrap();
        assert!(p.contains("4097 bytes") && !p.contains("aaaa"), "{p}");
        assert!(
            token_problem("s.a\u{1}b")
                .unwrap()
                .contains("not printable")
        );
        assert!(token_problem("s.\u{e9}").unwrap().contains("not printable"));
        assert!(token_problem("a b").unwrap().contains("one word"));
        // the transport refuses it before any request, without echoing it
        let o = ConnectOptions::new(Config::built_in(), "s.secret\u{0}\u{7f}binary");
        let e = Transport::new(&o).err().unwrap().to_string();
        assert!(
            e.contains("not printable") && !e.contains("s.secret"),
            "{e}"
        );
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let r = RetryPolicy::default();
        assert_eq!(r.delay(0), Duration::from_millis(100));
        assert_eq!(r.delay(1), Duration::from_millis(200));
        assert_eq!(r.delay(10), Duration::from_secs(3));
    }
}

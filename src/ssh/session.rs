//! One SSH host: connect (timeout, retry window, optional jump host), strict host-key
//! verification against known_hosts, authentication, and commands over a reused connection.
use super::auth::authenticate;
use super::error::SshError;
use super::exec::{Capped, Command, ExecOptions, ExecResult, KILL_GRACE_SECS, quote, wrap};
use super::known_hosts::{self, Verdict};
use super::options::{HostOptions, Target};
use russh::ChannelMsg;
use russh::client::{self, Handle};
use russh::keys::{Algorithm, HashAlg, PublicKeyOrCertificate};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// The russh handler: verifies the server key strictly against known_hosts.
pub struct Verifier {
    host: String,
    port: u16,
    file: PathBuf,
    accept_new: bool,
    refusal: Arc<Mutex<Option<SshError>>>,
}

impl client::Handler for Verifier {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let refuse = |e: SshError| {
            *self.refusal.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
            Ok(false)
        };
        let PublicKeyOrCertificate::PublicKey { key, .. } = key else {
            return refuse(SshError::Protocol {
                host: self.host.clone(),
                message: crate::t!("ssh-host-certificate"),
            });
        };
        let verdict = match known_hosts::verify(&self.file, &self.host, self.port, key) {
            Ok(v) => v,
            Err(e) => return refuse(e),
        };
        match verdict {
            Verdict::Known => Ok(true),
            Verdict::Unknown if self.accept_new => {
                match known_hosts::add(&self.file, &self.host, self.port, std::slice::from_ref(key))
                {
                    Ok(()) => Ok(true),
                    Err(e) => refuse(e),
                }
            }
            Verdict::Unknown => refuse(SshError::HostKeyUnknown {
                host: known_hosts::host_port(&self.host, self.port),
                file: self.file.clone(),
            }),
            Verdict::Changed { line } => refuse(SshError::HostKeyChanged {
                host: known_hosts::host_port(&self.host, self.port),
                file: self.file.clone(),
                line,
            }),
            Verdict::Revoked { line } => refuse(SshError::HostKeyRevoked {
                host: known_hosts::host_port(&self.host, self.port),
                file: self.file.clone(),
                line,
            }),
        }
    }
}

/// russh defaults minus `ssh-rsa` (SHA-1) host keys, with `first` moved to the front — as
/// OpenSSH prefers the key types it already knows for a host.
pub fn client_config(first: &[Algorithm]) -> Arc<client::Config> {
    let mut keys: Vec<Algorithm> = Vec::new();
    let defaults = russh::Preferred::DEFAULT.key.iter().cloned();
    for a in first.iter().cloned().chain(defaults) {
        let expanded = match a {
            Algorithm::Rsa { .. } => vec![
                Algorithm::Rsa {
                    hash: Some(HashAlg::Sha512),
                },
                Algorithm::Rsa {
                    hash: Some(HashAlg::Sha256),
                },
            ],
            other => vec![other],
        };
        for a in expanded {
            if !keys.contains(&a) {
                keys.push(a);
            }
        }
    }
    Arc::new(client::Config {
        preferred: russh::Preferred {
            key: Cow::Owned(keys),
            ..Default::default()
        },
        keepalive_interval: Some(Duration::from_secs(30)),
        nodelay: true,
        ..Default::default()
    })
}

/// Why a connection or a file read failed, in the reader's words for the common cases (the
/// system's own text otherwise).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let key = match e.kind() {
        ConnectionRefused => "ssh-io-refused",
        ConnectionReset => "ssh-io-reset",
        TimedOut => "ssh-io-timed-out",
        HostUnreachable => "ssh-io-host-unreachable",
        NetworkUnreachable => "ssh-io-network-unreachable",
        NotFound => "ssh-io-not-found",
        PermissionDenied => "ssh-io-permission-denied",
        _ => return e.to_string(),
    };
    crate::t!(key)
}

/// Resolve and open a TCP connection within `timeout`. While the run's nodes are records only
/// ([`super::set_records_only`]), anything but a loopback address is refused before a packet
/// (or a DNS query) is sent.
pub async fn tcp_connect(host: &str, port: u16, timeout: Duration) -> Result<TcpStream, SshError> {
    if super::records_only() && !super::is_loopback(host) {
        return Err(SshError::RecordNode {
            host: host.to_string(),
        });
    }
    let unreachable = |reason: String| SshError::Unreachable {
        host: host.to_string(),
        port,
        reason,
    };
    let addrs: Vec<std::net::SocketAddr> =
        match tokio::time::timeout(timeout, tokio::net::lookup_host((host, port))).await {
            Ok(Ok(a)) => a.collect(),
            Ok(Err(e)) => {
                return Err(SshError::Resolve {
                    host: host.to_string(),
                    reason: e.to_string(),
                });
            }
            Err(_) => {
                return Err(SshError::Resolve {
                    host: host.to_string(),
                    reason: crate::t!("ssh-no-answer", seconds = timeout.as_secs()),
                });
            }
        };
    match tokio::time::timeout(timeout, TcpStream::connect(&addrs[..])).await {
        Ok(Ok(s)) => Ok(s),
        Ok(Err(e)) => Err(unreachable(io_reason(&e))),
        Err(_) => Err(unreachable(crate::t!(
            "ssh-connect-timed-out",
            seconds = timeout.as_secs()
        ))),
    }
}

/// An authenticated connection (and the jump connection it tunnels through).
pub struct Conn {
    /// The session.
    pub handle: Handle<Verifier>,
    _jump: Option<Box<Conn>>,
}

async fn handshake<S>(
    target: &Target,
    stream: S,
    opts: &HostOptions,
) -> Result<Handle<Verifier>, SshError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let refusal = Arc::new(Mutex::new(None));
    let known: Vec<Algorithm> =
        known_hosts::lookup(&target.known_hosts, &target.address, target.port)?
            .iter()
            .filter(|e| e.marker.is_none())
            .map(|e| e.key.algorithm())
            .collect();
    let handler = Verifier {
        host: target.address.clone(),
        port: target.port,
        file: target.known_hosts.clone(),
        accept_new: opts.accept_new,
        refusal: refusal.clone(),
    };
    let res = tokio::time::timeout(
        opts.connect_timeout,
        client::connect_stream(client_config(&known), stream, handler),
    )
    .await;
    let refused = refusal.lock().unwrap_or_else(|p| p.into_inner()).take();
    match (res, refused) {
        (_, Some(e)) => Err(e),
        (Ok(Ok(h)), None) => Ok(h),
        (Ok(Err(e)), None) => Err(SshError::Unreachable {
            host: target.address.clone(),
            port: target.port,
            reason: crate::t!("ssh-handshake-failed", problem = e.to_string()),
        }),
        (Err(_), None) => Err(SshError::Unreachable {
            host: target.address.clone(),
            port: target.port,
            reason: crate::t!(
                "ssh-handshake-timed-out",
                seconds = opts.connect_timeout.as_secs()
            ),
        }),
    }
}

async fn connect_once(target: &Target, opts: &HostOptions) -> Result<Conn, SshError> {
    let (handle, jump) = match &target.jump {
        Some(j) => {
            let jconn = Box::pin(connect(j, opts)).await?;
            let ch = jconn
                .handle
                .channel_open_direct_tcpip(
                    target.address.clone(),
                    target.port as u32,
                    "127.0.0.1",
                    0,
                )
                .await
                .map_err(|e| SshError::Unreachable {
                    host: target.address.clone(),
                    port: target.port,
                    reason: crate::t!(
                        "ssh-through-jump-host",
                        jump = j.name.as_str(),
                        problem = e.to_string()
                    ),
                })?;
            (
                handshake(target, ch.into_stream(), opts).await?,
                Some(Box::new(jconn)),
            )
        }
        None => {
            let s = tcp_connect(&target.address, target.port, opts.connect_timeout).await?;
            (handshake(target, s, opts).await?, None)
        }
    };
    let mut handle = handle;
    authenticate(&mut handle, target, opts.passphrase.as_ref()).await?;
    Ok(Conn {
        handle,
        _jump: jump,
    })
}

/// Connect and authenticate, retrying refused / timed-out connections for `opts.retry`.
pub async fn connect(target: &Target, opts: &HostOptions) -> Result<Conn, SshError> {
    let deadline = Instant::now() + opts.retry;
    loop {
        match connect_once(target, opts).await {
            Err(SshError::Unreachable { .. })
                if Instant::now() + Duration::from_secs(1) < deadline =>
            {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            other => return other,
        }
    }
}

/// Stops a remote command whose future was dropped (Ctrl-C, a script timeout): on drop, while
/// armed, a task kills the command's session (`pkill -s PID`, else its process group) over a
/// second channel. Closing a channel alone does not stop a command without a PTY.
struct RemoteKill {
    conn: Arc<Conn>,
    pid: Option<u32>,
    sudo: bool,
    armed: bool,
}

impl Drop for RemoteKill {
    fn drop(&mut self) {
        let (true, Some(pid)) = (self.armed, self.pid) else {
            return;
        };
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let kill = format!("pkill -TERM -s {pid} || kill -TERM -- -{pid}");
        let cmd = if self.sudo {
            format!("sudo -n -- sh -c {}", quote(&kill))
        } else {
            kill
        };
        let conn = self.conn.clone();
        rt.spawn(async move {
            let _ = tokio::time::timeout(Duration::from_secs(10), async {
                let mut ch = conn.handle.channel_open_session().await.ok()?;
                ch.exec(true, cmd).await.ok()?;
                while ch.wait().await.is_some() {}
                Some(())
            })
            .await;
        });
    }
}

struct HostInner {
    name: String,
    opts: HostOptions,
    conn: tokio::sync::Mutex<Option<Arc<Conn>>>,
}

/// One remote host. Cheap to clone; clones share one connection, opened on first use and
/// reused for every later command.
#[derive(Clone)]
pub struct Host {
    inner: Arc<HostInner>,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host")
            .field("name", &self.inner.name)
            .finish()
    }
}

/// Outcome of running a command line, before journaling.
struct Raw {
    rc: Option<i32>,
    stdout: Capped,
    stderr: Capped,
    signal: Option<String>,
}

impl Host {
    /// A host named `name` (`ip`, `name`, or `user@name:port`); nothing is opened yet.
    pub fn new(name: impl Into<String>, opts: HostOptions) -> Host {
        Host {
            inner: Arc::new(HostInner {
                name: name.into(),
                opts,
                conn: tokio::sync::Mutex::new(None),
            }),
        }
    }

    /// The name this host was created with.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The options this host was created with.
    pub fn options(&self) -> &HostOptions {
        &self.inner.opts
    }

    async fn conn(&self) -> Result<Arc<Conn>, SshError> {
        let mut slot = self.inner.conn.lock().await;
        if let Some(c) = slot.as_ref()
            && !c.handle.is_closed()
        {
            return Ok(c.clone());
        }
        let target = self.inner.opts.resolve(&self.inner.name)?;
        let c = Arc::new(connect(&target, &self.inner.opts).await?);
        *slot = Some(c.clone());
        Ok(c)
    }

    /// Under `--plan`, a step the plan does not run fails where the run's would: a node of a
    /// simulator without a lab is a record, refused before any packet ([`tcp_connect`]).
    fn planned_like_the_run(&self, p: &dyn crate::interlock::Rehearsal) -> Result<(), SshError> {
        if p.lost(&self.inner.name) {
            let target = self.inner.opts.resolve(&self.inner.name)?;
            return Err(SshError::Unreachable {
                host: target.address,
                port: target.port,
                reason: crate::t!("ssh-vm-lost"),
            });
        }
        if !super::records_only() {
            return Ok(());
        }
        let target = self.inner.opts.resolve(&self.inner.name)?;
        if super::is_loopback(&target.address) {
            return Ok(());
        }
        Err(SshError::RecordNode {
            host: target.address,
        })
    }

    /// Open (or check) the connection: resolve, verify the host key, authenticate.
    pub async fn connect(&self) -> Result<(), SshError> {
        self.conn().await.map(|_| ())
    }

    /// Close the connection (a later command reconnects).
    pub async fn disconnect(&self) {
        if let Some(c) = self.inner.conn.lock().await.take() {
            let _ = c
                .handle
                .disconnect(russh::Disconnect::ByApplication, "", "en")
                .await;
        }
    }

    fn proto(&self, e: russh::Error) -> SshError {
        SshError::Protocol {
            host: self.inner.name.clone(),
            message: e.to_string(),
        }
    }

    async fn run(
        &self,
        wire: &str,
        stdin: Option<&[u8]>,
        timeout: Option<Duration>,
        sudo: bool,
    ) -> Result<Raw, SshError> {
        let conn = self.conn().await?;
        let ch = conn
            .handle
            .channel_open_session()
            .await
            .map_err(|e| self.proto(e))?;
        let (mut rd, wr) = ch.split();
        wr.exec(true, wire.as_bytes().to_vec())
            .await
            .map_err(|e| self.proto(e))?;
        // from here on, dropping this future stops the remote command
        let mut guard = RemoteKill {
            conn: conn.clone(),
            pid: None,
            sudo,
            armed: true,
        };
        let limit = self.inner.opts.output_limit;
        let writer = async {
            if let Some(d) = stdin {
                let _ = wr.data(d).await;
            }
            let _ = wr.eof().await;
        };
        let reader = async {
            let mut raw = Raw {
                rc: None,
                stdout: Capped::new(limit),
                stderr: Capped::new(limit),
                signal: None,
            };
            // the first stdout line is the remote PID (see `exec::wrap`)
            let mut head: Option<Vec<u8>> = Some(Vec::new());
            while let Some(msg) = rd.wait().await {
                match msg {
                    ChannelMsg::Data { data } => match head.as_mut() {
                        None => raw.stdout.push(&data),
                        Some(h) => {
                            h.extend_from_slice(&data);
                            if let Some(i) = h.iter().position(|b| *b == b'\n') {
                                guard.pid = std::str::from_utf8(&h[..i])
                                    .ok()
                                    .and_then(|p| p.trim().parse().ok());
                                raw.stdout.push(&h[i + 1..]);
                                head = None;
                            }
                        }
                    },
                    ChannelMsg::ExtendedData { data, ext: 1 } => raw.stderr.push(&data),
                    ChannelMsg::ExitStatus { exit_status } => raw.rc = Some(exit_status as i32),
                    ChannelMsg::ExitSignal { signal_name, .. } => {
                        raw.signal = Some(format!("{signal_name:?}"))
                    }
                    _ => {}
                }
            }
            if let Some(h) = head {
                raw.stdout.push(&h);
            }
            guard.armed = false;
            raw
        };
        let both = async { futures::join!(writer, reader).1 };
        let raw = match timeout {
            // the remote `timeout` stops the command; this local guard only covers a node
            // without coreutils `timeout` or a hung connection (the drop guard kills it then)
            Some(t) => tokio::time::timeout(t + Duration::from_secs(KILL_GRACE_SECS + 3), both)
                .await
                .map_err(|_| SshError::Timeout {
                    host: self.inner.name.clone(),
                    secs: t.as_secs(),
                })?,
            None => both.await,
        };
        Ok(raw)
    }

    /// Run `cmd` and collect rc/stdout/stderr. A missing exit status is an error; with a timeout
    /// the command runs under the node's `timeout` and is stopped there when it expires.
    pub async fn exec(
        &self,
        cmd: impl Into<Command>,
        eo: &ExecOptions,
    ) -> Result<ExecResult, SshError> {
        let start = Instant::now();
        let line = cmd.into().render();
        // --plan: a query on a node that exists runs for real (the plan reads the nodes); any
        // other command is recorded and answered by the plan's model, never sent
        let plan = crate::interlock::plan();
        if let Some(p) = plan
            && !(eo.query && p.reads(&self.inner.name, &line))
        {
            self.planned_like_the_run(p)?;
            let (rc, stdout) = p.answer(&self.inner.name, &line, eo.query);
            return Ok(ExecResult {
                host: self.inner.name.clone(),
                rc: Some(rc),
                stdout,
                stderr: String::new(),
                error: None,
                error_kind: None,
                truncated: false,
            });
        }
        let timeout = eo.timeout.or(self.inner.opts.timeout);
        let res = self
            .run(
                &wrap(&line, eo.sudo, timeout),
                eo.stdin.as_deref(),
                timeout,
                eo.sudo,
            )
            .await
            .and_then(|raw| self.finish(raw, timeout, start));
        let rc = res.as_ref().ok().and_then(|r| r.rc);
        crate::journal::record(
            crate::journal::Event::new("ssh", "exec", self.inner.name.clone())
                .took(start.elapsed())
                // a query that ran has answered, whatever its exit code (`test -f`, a mount
                // check before `mount -a`): the recap counts it as failed only when it could not
                // run; a command that changes things fails on a non-zero exit code
                .outcome_ok(rc == Some(0) || (eo.query && rc.is_some()))
                .detail(serde_json::json!({
                    "rc": rc,
                    "cmd": line,
                    "sudo": eo.sudo,
                    "query": eo.query,
                    "error": res.as_ref().err().map(|e| e.to_string()),
                })),
        );
        if let (Some(p), Ok(r)) = (plan, &res) {
            p.observe(&self.inner.name, &line, r.rc, &r.stdout);
        }
        res
    }

    fn finish(
        &self,
        raw: Raw,
        timeout: Option<Duration>,
        start: Instant,
    ) -> Result<ExecResult, SshError> {
        let Some(rc) = raw.rc else {
            return Err(SshError::NoExitStatus {
                host: self.inner.name.clone(),
                signal: raw.signal,
            });
        };
        if let Some(t) = timeout
            && (rc == 124 || rc == 137)
            && start.elapsed() >= t
        {
            return Err(SshError::Timeout {
                host: self.inner.name.clone(),
                secs: t.as_secs(),
            });
        }
        let truncated = raw.stdout.truncated() || raw.stderr.truncated();
        Ok(ExecResult {
            host: self.inner.name.clone(),
            rc: Some(rc),
            stdout: raw.stdout.finish("stdout"),
            stderr: raw.stderr.finish("stderr"),
            error: None,
            error_kind: None,
            truncated,
        })
    }

    /// Write `content` to the remote `path` atomically (temp file in the same directory, chmod,
    /// rename), as root with `sudo`. `mode` defaults to 0644.
    pub async fn put(
        &self,
        path: &str,
        content: &[u8],
        mode: Option<u32>,
        sudo: bool,
    ) -> Result<(), SshError> {
        if let Some(p) = crate::interlock::plan() {
            self.planned_like_the_run(p)?;
            p.record(
                "put",
                &self.inner.name,
                &format!("{path} ({} bytes)", content.len()),
            );
            return Ok(());
        }
        let start = Instant::now();
        let dir = match path.rfind('/') {
            Some(0) => "/",
            Some(i) => &path[..i],
            None => ".",
        };
        let script = format!(
            "set -e; t=$(mktemp {tmpl}); trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; chmod {mode:o} \"$t\"; mv -f \"$t\" {dst}; trap - EXIT",
            tmpl = quote(&format!("{}/.cwh-put.XXXXXX", dir.trim_end_matches('/'))),
            mode = mode.unwrap_or(0o644),
            dst = quote(path),
        );
        let timeout = self.inner.opts.timeout;
        let res = self
            .run(&wrap(&script, sudo, timeout), Some(content), timeout, sudo)
            .await
            .and_then(|raw| self.finish(raw, timeout, start))
            .and_then(|r| match r.rc {
                Some(0) => Ok(()),
                rc => Err(SshError::PutFailed {
                    host: self.inner.name.clone(),
                    path: path.to_string(),
                    rc,
                    stderr: r.stderr.trim().to_string(),
                }),
            });
        crate::journal::record(
            crate::journal::Event::new("ssh", "put", format!("{}:{path}", self.inner.name))
                .took(start.elapsed())
                .outcome_ok(res.is_ok())
                .detail(serde_json::json!({"bytes": content.len(), "sudo": sudo})),
        );
        res
    }
}

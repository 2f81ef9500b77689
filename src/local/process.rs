//! A child process on this machine, run the way every local command of cwh is: in its own
//! process group (a timeout or Ctrl-C stops the whole group, not only its leader), stdout and
//! stderr read as they come (capped), an optional callback per output line, and the process
//! group killed when the future is dropped.
use crate::ssh::exec::Capped;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWriteExt, BufReader};

/// Seconds between SIGTERM and SIGKILL when a process group is stopped.
pub const KILL_GRACE: Duration = Duration::from_secs(2);

/// What is told each output line as it comes.
pub type OnLine<'a> = &'a mut (dyn FnMut(Stream, &str) + Send);

/// Which stream a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What a finished process left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Exit code; `None` when a signal ended it (see `signal`).
    pub rc: Option<i32>,
    pub signal: Option<i32>,
    /// Captured stdout (lossy UTF-8, capped).
    pub stdout: String,
    /// Captured stderr (lossy UTF-8, capped).
    pub stderr: String,
    /// Output was dropped beyond the cap.
    pub truncated: bool,
}

/// Why a process gave no [`Output`].
#[derive(Debug)]
pub enum RunError {
    /// It could not be started.
    Spawn(std::io::Error),
    /// It ran past its timeout and was stopped.
    Timeout(Duration),
}

/// Kills the process group when dropped unless disarmed (the process ended by itself).
struct GroupGuard {
    pgid: Option<i32>,
}

impl GroupGuard {
    fn signal(&self, sig: i32) {
        if let Some(p) = self.pgid {
            // SAFETY: kill(2) on a process group we created; no memory is touched.
            unsafe { libc::kill(-p, sig) };
        }
    }
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        if let Some(p) = self.pgid {
            // TERM now, KILL after the grace period, without blocking the dropping thread
            self.signal(libc::SIGTERM);
            std::thread::spawn(move || {
                std::thread::sleep(KILL_GRACE);
                // SAFETY: as above.
                unsafe { libc::kill(-p, libc::SIGKILL) };
            });
        }
    }
}

async fn pump<R: AsyncRead + Unpin>(
    r: Option<R>,
    stream: Stream,
    limit: usize,
    tx: tokio::sync::mpsc::UnboundedSender<(Stream, String)>,
    live: bool,
) -> (Capped, bool) {
    let mut cap = Capped::new(limit);
    let Some(r) = r else {
        return (cap, false);
    };
    let mut r = BufReader::new(r);
    let mut line = Vec::new();
    loop {
        line.clear();
        match r.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                cap.push(&line);
                if live {
                    let text = String::from_utf8_lossy(&line);
                    let _ = tx.send((stream, text.trim_end_matches(['\n', '\r']).to_string()));
                }
            }
        }
    }
    let t = cap.truncated();
    (cap, t)
}

/// Run `cmd` (stdin, stdout and stderr are set here) with `stdin` written to it, in a process
/// group of its own. Each output line goes to `on_line` as it comes (when given); the output is
/// kept up to `limit` bytes per stream. After `timeout` the group gets SIGTERM, then SIGKILL.
pub async fn run(
    mut cmd: tokio::process::Command,
    stdin: Option<Vec<u8>>,
    timeout: Option<Duration>,
    limit: usize,
    mut on_line: Option<OnLine<'_>>,
) -> Result<Output, RunError> {
    use std::process::Stdio;
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .process_group(0)
    .kill_on_drop(true);
    let mut child = cmd.spawn().map_err(RunError::Spawn)?;
    let mut guard = GroupGuard {
        pgid: child.id().map(|p| p as i32),
    };
    let writer = {
        let w = child.stdin.take();
        async move {
            if let (Some(mut w), Some(data)) = (w, stdin) {
                // a program may end without reading all of it
                let _ = w.write_all(&data).await;
                let _ = w.shutdown().await;
            }
        }
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let live = on_line.is_some();
    let out = pump(child.stdout.take(), Stream::Stdout, limit, tx.clone(), live);
    let err = pump(child.stderr.take(), Stream::Stderr, limit, tx, live);
    let work = async {
        let ((out, err), status, ()) = futures::join!(
            async { futures::join!(out, err) },
            // lines are handed on while the process runs
            child.wait(),
            writer
        );
        (out, err, status)
    };
    let lines = async {
        while let Some((s, l)) = rx.recv().await {
            if let Some(f) = on_line.as_mut() {
                f(s, &l);
            }
        }
    };
    let both = async { futures::join!(work, lines).0 };
    let ((out, out_t), (err, err_t), status) = match timeout {
        Some(t) => match tokio::time::timeout(t, both).await {
            Ok(v) => v,
            // the guard stops the whole group when dropped
            Err(_) => return Err(RunError::Timeout(t)),
        },
        None => both.await,
    };
    let status = status.map_err(RunError::Spawn)?;
    // the leader ended by itself: leave what it left behind (a daemon it started) alone
    guard.pgid = None;
    use std::os::unix::process::ExitStatusExt;
    Ok(Output {
        rc: status.code(),
        signal: status.signal(),
        stdout: out.finish("stdout"),
        stderr: err.finish("stderr"),
        truncated: out_t || err_t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn output_lines_and_stdin_arrive() {
        let mut lines = Vec::new();
        let mut f = |s: Stream, l: &str| lines.push((s, l.to_string()));
        let mut c = tokio::process::Command::new("sh");
        c.args(["-c", "cat; echo err >&2; exit 3"]);
        let o = rt()
            .block_on(run(
                c,
                Some(b"a\nb\n".to_vec()),
                None,
                1 << 20,
                Some(&mut f),
            ))
            .unwrap();
        assert_eq!(o.rc, Some(3));
        assert_eq!(o.stdout, "a\nb\n");
        assert_eq!(o.stderr, "err\n");
        assert!(lines.contains(&(Stream::Stdout, "b".into())), "{lines:?}");
        assert!(lines.contains(&(Stream::Stderr, "err".into())), "{lines:?}");
    }

    #[test]
    fn a_timeout_stops_the_whole_group() {
        let d = tempfile::tempdir().unwrap();
        let pidfile = d.path().join("pid");
        let mut c = tokio::process::Command::new("sh");
        // a grandchild in the same group, which must not outlive the timeout
        c.arg("-c")
            .arg(format!("sleep 30 & echo $! > {}; wait", pidfile.display()));
        let r = rt().block_on(run(c, None, Some(Duration::from_millis(300)), 1024, None));
        assert!(matches!(r, Err(RunError::Timeout(_))), "{r:?}");
        let pid: i32 = std::fs::read_to_string(&pidfile)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // SIGTERM reached the grandchild: it is gone (or a zombie about to be reaped by init)
        let mut gone = false;
        for _ in 0..100 {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            if stat.is_empty() || stat.contains(") Z ") {
                gone = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(gone, "the grandchild {pid} survived the timeout");
    }
}

//! `cwh vcc serve` as a child process on 127.0.0.1:0: its URL, the CA it printed under
//! `--tls`, and its stderr (the request log) once it is stopped. Killed on drop.
use super::bin;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A running `cwh vcc serve`.
pub struct Served {
    child: Child,
    /// Base URL (`http(s)://127.0.0.1:PORT/vcp/v1/occtr`).
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The token it accepts.
    pub token: String,
    /// The CA it printed (`--tls`).
    pub ca: Option<PathBuf>,
    /// The export line it printed (`--tls`).
    pub export_line: Option<String>,
}

impl Served {
    /// `cwh vcc serve --listen 127.0.0.1:0 --boot-delay 100ms ARGS` in `cwd` with the token in
    /// CWH_SIM_TOKEN and `env` added.
    pub fn start(
        cwd: &std::path::Path,
        token: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Served {
        let mut cmd = Command::new(bin());
        cmd.current_dir(cwd)
            .args(["vcc", "serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env("CWH_SIM_TOKEN", token)
            .env("NO_COLOR", "1")
            .env_remove("CWH_SIM_SUPER_TOKEN")
            .env_remove("CWH_LOG")
            // the start-up lines read below are the English ones (a caller's env may change it)
            .env("LC_ALL", "C.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !args.contains(&"--boot-delay") && !args.contains(&"--lab") {
            cmd.args(["--boot-delay", "100ms"]);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let mut err = String::new();
            let _ = child.kill();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("cwh vcc serve did not start: {line}\n{err}");
        };
        let url = url.to_string();
        let addr = url
            .split_once("://")
            .unwrap()
            .1
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let (mut ca, mut export_line) = (None, None);
        if url.starts_with("https://") && !args.contains(&"--cert") {
            let mut l = String::new();
            stdout.read_line(&mut l).unwrap();
            ca = l.trim().strip_prefix("CA certificate: ").map(PathBuf::from);
            let mut l = String::new();
            stdout.read_line(&mut l).unwrap();
            export_line = Some(l.trim().to_string());
        }
        Served {
            child,
            url,
            addr,
            token: token.to_string(),
            ca,
            export_line,
        }
    }

    /// Stop the server and return everything it wrote on stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        err
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! A real terminal for interactive tests: the command runs in a detached tmux session on a
//! private socket; keys go in with `send-keys`, the screen comes back with `capture-pane`.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

/// Fail (never skip) when tmux is missing: the interactive behaviour would go untested.
fn require_tmux() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "tmux is required for the terminal tests (apt-get install -y tmux); `cargo xtask test` installs it"
    );
}

impl Tmux {
    /// Start `program args` in a 120x40 terminal with a clean environment (`env` adds to
    /// it) and `cwd` as working directory. When it ends, the pane shows `EXITED rc=N`.
    pub fn start(cwd: &Path, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Tmux {
        require_tmux();
        let dir = tempfile::tempdir().expect("tempdir");
        let socket = dir.path().join("tmux.sock");
        let mut cmd = String::from("env -i PATH=\"$PATH\" TERM=screen LANG=C.UTF-8 NO_COLOR=1");
        for (k, v) in env {
            cmd.push_str(&format!(" {k}={}", shell_quote(v)));
        }
        cmd.push_str(&format!(" {}", shell_quote(&program.display().to_string())));
        for a in args {
            cmd.push_str(&format!(" {}", shell_quote(a)));
        }
        cmd.push_str("; echo \"EXITED rc=$?\"; sleep 600");
        let st = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "40",
                "-s",
                "t",
            ])
            .arg("-c")
            .arg(cwd)
            .arg(cmd)
            .status()
            .expect("tmux new-session");
        assert!(st.success(), "tmux new-session failed");
        Tmux { socket, _dir: dir }
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux")
    }

    /// Type text literally (no Enter).
    pub fn type_text(&self, text: &str) {
        // A trailing `;` would end the tmux command: escape it.
        let t = match text.strip_suffix(';') {
            Some(head) => format!("{head}\\;"),
            None => text.to_string(),
        };
        self.tmux(&["send-keys", "-t", "t", "-l", "--", &t]);
    }

    /// Press keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`.
    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "t", key]);
    }

    /// Type a line and press Enter.
    pub fn line(&self, text: &str) {
        self.type_text(text);
        self.key("Enter");
    }

    /// The screen (with scroll-back).
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .tmux(&["capture-pane", "-p", "-S", "-200", "-t", "t"])
                .stdout,
        )
        .into_owned()
    }

    /// Wait (up to 30 s) until the screen satisfies `pred`; panic with the screen otherwise.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the terminal shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Wait until the screen contains `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Wait until `text` occurs at least `n` times on the screen.
    pub fn wait_count(&self, text: &str, n: usize) -> String {
        self.wait_until(&format!("{n} × {text:?}"), |s| {
            s.matches(text).count() >= n
        })
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

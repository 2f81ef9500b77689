//! OpenSSH `sshd` instances on 127.x.y.z:22 as test nodes (see lab-notes §1): generated host
//! keys and client keys under a temp dir, `StrictModes no`, killed at process exit.
//!
//! Each test binary uses its own 127.x.y.0/24 block (derived from its pid), so parallel test
//! runs from other worktrees do not collide. `shared()` hosts are started once per binary and
//! never modified; tests that change a host (new host key) start their own with `Lab::start`.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// pids to kill at exit.
static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static NEXT_HOST: AtomicU32 = AtomicU32::new(10);

extern "C" fn kill_children() {
    if let Ok(pids) = CHILDREN.lock() {
        for pid in pids.iter() {
            unsafe { libc::kill(*pid as i32, libc::SIGTERM) };
        }
    }
}

/// Fail loudly (never skip) when OpenSSH is not installed.
pub fn require_openssh() {
    for bin in [
        SSHD,
        "/usr/bin/ssh",
        "/usr/bin/ssh-keygen",
        "/usr/bin/ssh-keyscan",
    ] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: the SSH tests need OpenSSH (apt-get install -y openssh-server openssh-client sudo)"
        );
    }
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Generate an OpenSSH key pair at `path` (`path.pub`), optionally encrypted.
pub fn keygen(path: &Path, kind: &str, passphrase: &str) {
    let mut c = Command::new("ssh-keygen");
    c.args(["-q", "-t", kind, "-N", passphrase, "-C", "cwh-test", "-f"])
        .arg(path);
    if kind == "rsa" {
        c.args(["-b", "2048"]);
    }
    run(&mut c);
}

/// One sshd.
pub struct Sshd {
    /// Listen address.
    pub ip: String,
    /// Its directory (config, host keys, pid, log).
    pub dir: PathBuf,
    child: Mutex<Option<Child>>,
}

impl Sshd {
    fn config(&self, authorized: &Path) -> PathBuf {
        let d = &self.dir;
        let mut hostkeys = String::new();
        for k in ["ed25519", "ecdsa", "rsa"] {
            let p = d.join(format!("ssh_host_{k}_key"));
            if p.exists() {
                hostkeys.push_str(&format!("HostKey {}\n", p.display()));
            }
        }
        let cfg = d.join("sshd_config");
        std::fs::write(
            &cfg,
            format!(
                "ListenAddress {ip}:22\n{hostkeys}PidFile {d}/sshd.pid\nAuthorizedKeysFile {auth}\n\
                 PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nStrictModes no\nPrintMotd no\nAllowTcpForwarding yes\nMaxStartups 200\nMaxSessions 50\nLogLevel VERBOSE\n",
                ip = self.ip,
                d = d.display(),
                auth = authorized.display()
            ),
        )
        .unwrap();
        cfg
    }

    fn spawn(&self, authorized: &Path) {
        let cfg = self.config(authorized);
        let child = Command::new(SSHD)
            .arg("-D")
            .arg("-f")
            .arg(&cfg)
            .arg("-E")
            .arg(self.dir.join("sshd.log"))
            .stdin(Stdio::null())
            .spawn()
            .expect("start sshd");
        CHILDREN.lock().unwrap().push(child.id());
        *self.child.lock().unwrap() = Some(child);
        // ready when the port accepts and speaks SSH
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect((self.ip.as_str(), 22)) {
                use std::io::Read;
                let mut b = [0u8; 4];
                s.set_read_timeout(Some(Duration::from_secs(2))).ok();
                if s.read_exact(&mut b).is_ok() && &b == b"SSH-" {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "sshd on {} did not start: see {}",
                self.ip,
                self.dir.display()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stop this sshd (restart it with `regenerate_host_keys`).
    pub fn stop(&self) {
        if let Some(mut c) = self.child.lock().unwrap().take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Replace the host keys with new ones (ed25519 + ecdsa) and restart this sshd.
    pub fn regenerate_host_keys(&self, authorized: &Path) {
        self.stop();
        for k in ["ed25519", "ecdsa", "rsa"] {
            let p = self.dir.join(format!("ssh_host_{k}_key"));
            let _ = std::fs::remove_file(&p);
            let _ = std::fs::remove_file(p.with_extension("pub"));
        }
        for k in ["ed25519", "ecdsa"] {
            keygen(&self.dir.join(format!("ssh_host_{k}_key")), k, "");
        }
        self.spawn(authorized);
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A set of sshd hosts plus client keys.
pub struct Lab {
    /// Temp dir holding everything.
    pub dir: tempfile::TempDir,
    /// Client key (ed25519, unencrypted), authorized for root on every host.
    pub key: PathBuf,
    /// The authorized_keys file shared by the hosts.
    pub authorized: PathBuf,
    /// The hosts.
    pub hosts: Vec<Sshd>,
}

/// This binary's 127.x.y block.
fn block() -> (u32, u32) {
    let pid = std::process::id();
    (100 + pid % 150, (pid / 150) % 250)
}

/// A fresh, unused loopback address in this binary's block (nothing listens there).
pub fn next_ip() -> String {
    let (a, b) = block();
    let n = NEXT_HOST.fetch_add(1, Ordering::SeqCst);
    assert!(n < 255, "out of test addresses");
    format!("127.{a}.{b}.{n}")
}

impl Lab {
    /// Start `n` sshd hosts; `rsa` also gives them an RSA host key (slower to generate).
    pub fn start(n: usize, rsa: bool) -> Lab {
        require_openssh();
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| unsafe {
            libc::atexit(kill_children);
        });
        std::fs::create_dir_all("/run/sshd").expect("create /run/sshd (sshd privsep dir)");
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("id_test");
        keygen(&key, "ed25519", "");
        let authorized = dir.path().join("authorized_keys");
        std::fs::copy(key.with_extension("pub"), &authorized).unwrap();
        let hosts = (0..n)
            .map(|_| {
                let ip = next_ip();
                let d = dir.path().join(&ip);
                std::fs::create_dir_all(&d).unwrap();
                let mut kinds = vec!["ed25519", "ecdsa"];
                if rsa {
                    kinds.push("rsa");
                }
                for k in kinds {
                    keygen(&d.join(format!("ssh_host_{k}_key")), k, "");
                }
                let s = Sshd {
                    ip,
                    dir: d,
                    child: Mutex::new(None),
                };
                s.spawn(&authorized);
                s
            })
            .collect();
        Lab {
            dir,
            key,
            authorized,
            hosts,
        }
    }

    /// The host addresses.
    pub fn ips(&self) -> Vec<String> {
        self.hosts.iter().map(|h| h.ip.clone()).collect()
    }

    /// Authorize one more public key file.
    pub fn authorize(&self, pubkey: &Path) {
        let mut text = std::fs::read_to_string(&self.authorized).unwrap();
        text.push_str(&std::fs::read_to_string(pubkey).unwrap());
        std::fs::write(&self.authorized, text).unwrap();
    }
}

/// Three hosts (ed25519, ecdsa, RSA host keys) shared by every test of this binary; never
/// modify them.
pub fn shared() -> &'static Lab {
    static LAB: LazyLock<Lab> = LazyLock::new(|| Lab::start(3, true));
    &LAB
}

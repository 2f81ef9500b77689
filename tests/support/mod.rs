//! Shared test harness: the built `cwh` binary in a clean environment and a temp workdir.
#![allow(dead_code)]

pub mod cmd;
pub mod labrun;
pub mod proxy;
pub mod serve;
pub mod sim;
pub mod sshd;
pub mod tmux;

pub use cmd::{Cmd, Run};
use std::path::{Path, PathBuf};

/// Path of the binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cwh"))
}

/// A temp directory with helpers to write scripts into it.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Dir {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }
    /// Write `rel` (creating parent dirs) and return its full path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.tmp.path().join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }
    /// `cwh` with the temp dir as current directory.
    pub fn cwh(&self) -> Cmd {
        cwh_in(self.tmp.path())
    }
}

/// `cwh` with an environment that cannot leak from the developer's shell: no `CWH_*`,
/// `VCC_*` or `VCP_CONFIG_DIR`, `NO_COLOR=1`, `HOME` the temp dir; stdin an empty pipe.
pub fn cwh() -> Cmd {
    let mut c = Cmd::new(bin());
    for (k, _) in std::env::vars() {
        if k.starts_with("CWH_") || k.starts_with("VCC_") || k == "VCP_CONFIG_DIR" {
            c.env_remove(k);
        }
    }
    c.env("NO_COLOR", "1");
    c.env("HOME", std::env::temp_dir());
    c
}

/// `cwh` (as `cwh()`) with `dir` as current directory.
pub fn cwh_in(dir: &Path) -> Cmd {
    let mut c = cwh();
    c.current_dir(dir);
    c
}

/// The ansible-core venv that `cargo xtask test` creates (`CWH_ANSIBLE_VENV`, default
/// `~/.cache/cwh/ansible-venv`). Panics with the fix when it is missing: these tests prove our
/// files are Ansible's own and must not pass silently without Ansible.
pub fn ansible_venv() -> PathBuf {
    let dir = std::env::var_os("CWH_ANSIBLE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/cwh/ansible-venv")
        });
    assert!(
        dir.join("bin/ansible").is_file(),
        "ansible-core not found in {}: run the suite with `cargo xtask test`, or `python3 -m venv {0} && {0}/bin/pip install ansible-core pyyaml requests`",
        dir.display()
    );
    dir
}

/// A command from the ansible venv (`ansible`, `ansible-inventory`, `python`), run in `dir`.
pub fn ansible_cmd(tool: &str, dir: &Path) -> Cmd {
    let venv = ansible_venv();
    let mut c = Cmd::new(venv.join("bin").join(tool));
    c.current_dir(dir)
        .env("LC_ALL", "C.UTF-8")
        .env("ANSIBLE_LOCAL_TEMP", dir.join(".ansible-tmp"))
        .env("ANSIBLE_HOME", dir.join(".ansible"))
        .env_remove("ANSIBLE_CONFIG");
    c
}

/// Panics with the fix unless a Docker engine answers (`cargo xtask test` starts one).
pub fn require_docker() {
    let ok = std::process::Command::new("docker")
        .args(["version", "--format", "{{.Server.Version}}"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "no Docker engine answers: run the suite with `cargo xtask test` (or `cwh lab engine start --yes` as root)"
    );
}

/// Serialises the tests that change the one local Docker engine's swarm.
pub fn docker_lock() -> std::sync::MutexGuard<'static, ()> {
    static L: std::sync::Mutex<()> = std::sync::Mutex::new(());
    L.lock().unwrap_or_else(|e| e.into_inner())
}

/// The last record of a workdir's newest run journal (`.cwh/runs/`), which must be the run's
/// recap: its `detail`.
pub fn last_recap(workdir: &Path) -> serde_json::Value {
    let mut js: Vec<_> = std::fs::read_dir(workdir.join(".cwh/runs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    js.sort();
    let text = std::fs::read_to_string(js.last().unwrap()).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "recap", "{last}");
    last["detail"].clone()
}

/// `cwh run scripts/coursewarehub.rhai` in `wd` with every parameter of the seed flow on the
/// command line: the manager at `vc_ip`, `nodes` nodes of flavor small with 16 GB root disks,
/// a VC disk of `disk` GB (0: none), the key pair `wd/id_ed25519` and `wd/known_hosts`.
/// The caller adds the target (`--sim`, or `CWH_VCC_URL`/`VCC_ACCESS_TOKEN`) and runs it.
pub fn seed_run(wd: &Path, vc_ip: &str, nodes: u32, disk: u32) -> Cmd {
    let key = wd.join("id_ed25519");
    let mut c = cwh_in(wd);
    c.arg("run")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/coursewarehub.rhai"
        ))
        .arg("--set")
        .arg(format!("vc_ipaddress={vc_ip}"))
        .arg("--set")
        .arg(format!("vc_nodes={nodes}"))
        .args(["--set", "vc_flavor=small", "--set", "vc_disk_size=16"])
        .arg("--set")
        .arg(format!("ssh_private_key_path={}", key.display()))
        .arg("--set")
        .arg(format!("ssh_public_key_path={}.pub", key.display()))
        .arg("--set")
        .arg(format!(
            "known_hosts_file={}",
            wd.join("known_hosts").display()
        ));
    if disk > 0 {
        c.arg("--set").arg(format!("vc_nfs_disk_size={disk}"));
    }
    c
}

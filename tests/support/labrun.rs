//! Running scripts on the local lab from tests: the node image is built once per test binary,
//! each `LabRun` has its own lab name and workdir, and dropping it runs `cwh lab down`.
//! A lab belongs to the workdir that made it: [`clear`] removes what an earlier run of a test
//! left (an orphan, or a lab of a killed run's leftover temp dir).
use super::{Cmd, Dir, Run, cwh, cwh_in, require_docker};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Build the lab node image once per test binary (reused by tag when present).
pub fn lab_image() {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    require_docker();
    let r = BUILT.get_or_init(|| {
        let r = cwh().args(["lab", "image"]).run();
        (r.exit_code() == Some(0))
            .then_some(())
            .ok_or(format!("cwh lab image failed:\n{r}"))
    });
    if let Err(e) = r {
        panic!("{e}");
    }
}

/// One lab with its own name, subnet (172.30.N.0/24) and workdir.
pub struct LabRun {
    pub name: String,
    pub subnet: String,
    pub dir: Dir,
}

impl LabRun {
    /// A lab named `t-NAME` on 172.30.`net`.0/24 (distinct per test, so tests run in parallel).
    pub fn new(name: &str, net: u8) -> LabRun {
        lab_image();
        let l = LabRun {
            name: format!("t-{name}"),
            subnet: format!("172.30.{net}.0/24"),
            dir: Dir::new(),
        };
        clear(&l.name);
        l
    }

    /// `cwh` in the workdir with this lab's name.
    pub fn cwh(&self) -> Cmd {
        let mut c = self.dir.cwh();
        c.env("CWH_LAB", &self.name);
        c
    }

    /// `cwh run SCRIPT --lab ARGS…`, checked with `.success()`, `.stdout_has(…)` and the like.
    pub fn run(&self, script: &str, args: &[&str]) -> Run {
        self.cwh()
            .args(["run", script, "--lab", "--lab-subnet", &self.subnet])
            .args(args)
            .run()
    }

    /// The lab's containers (`docker ps -a` names).
    pub fn containers(&self) -> Vec<String> {
        self.docker_ps("{{.Names}}")
    }

    /// The lab's container whose address is `addr`.
    pub fn container_at(&self, addr: &str) -> String {
        for name in self.containers() {
            let o = std::process::Command::new("docker")
                .args([
                    "inspect",
                    "-f",
                    "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                    &name,
                ])
                .output()
                .unwrap();
            if String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .any(|a| a == addr)
            {
                return name;
            }
        }
        panic!("no container at {addr} in {:?}", self.containers());
    }

    /// The lab's container whose name contains `part` (e.g. `huba-nfs`).
    pub fn container_named(&self, part: &str) -> String {
        self.containers()
            .into_iter()
            .find(|c| c.contains(part))
            .unwrap_or_else(|| panic!("no {part} in {:?}", self.containers()))
    }

    /// `sh -c CMD` as root in the container `name` (`docker exec`).
    pub fn exec(&self, name: &str, cmd: &str) -> Run {
        Cmd::new("docker")
            .args(["exec", name, "sh", "-c", cmd])
            .run()
    }

    /// One line per container of this lab, formatted by `docker ps -a --format FORMAT`.
    pub fn docker_ps(&self, format: &str) -> Vec<String> {
        let o = std::process::Command::new("docker")
            .args(["ps", "-a", "--format", format, "--filter"])
            .arg(format!("label=cwh.lab={}", self.name))
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for LabRun {
    fn drop(&mut self) {
        if self.dir.path().is_dir() {
            self.cwh().args(["lab", "down"]).run();
        } else {
            // a test removed the workdir: the lab is an orphan, any workdir removes it
            clear(&self.name);
        }
    }
}

/// The workdir a refused `cwh lab down` names as the lab's owner.
pub fn owner_in(refusal: &str) -> Option<PathBuf> {
    let rest = refusal.split("belongs to the workdir ").nth(1)?;
    Some(PathBuf::from(rest.split(", not to this one").next()?))
}

/// Remove lab `name` left by an earlier run of a test, from a fresh workdir: an orphan (its
/// temp dir gone) is removed as is; a lab whose owner is still a temp dir (a killed test
/// run's) is removed from that workdir. A lab of any other workdir is left alone.
pub fn clear(name: &str) {
    let fresh = Dir::new();
    let r = fresh.cwh().env("CWH_LAB", name).args(["lab", "down"]).run();
    if r.exit_code() == Some(0) {
        return;
    }
    if let Some(owner) = owner_in(r.stderr())
        && owner.starts_with(std::env::temp_dir())
        && owner.is_dir()
    {
        cwh_in(&owner)
            .env("CWH_LAB", name)
            .args(["lab", "down"])
            .run();
    }
}

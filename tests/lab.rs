//! The local lab (issue 6) through the binary: `cwh run … --lab` with VC nodes as containers
//! on the Docker engine that `cargo xtask test` (or `cwh lab engine start`) starts. The node image is built once per test
//! run and reused by tag; every test uses its own lab name and removes everything at the end
//! (also on failure) with `cwh lab down`. Without a Docker engine these tests fail with the fix.
use crate::support::{Cmd, Dir, Run};
use std::process::Command;
use std::time::Instant;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/lab-swarm.rhai");

/// Panic with the fix unless a Docker engine answers: these tests must not pass silently.
fn engine() {
    let ok = Command::new("docker")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "no Docker engine answers `docker version`: run the suite with `cargo xtask test`, or \
         `cwh lab engine start --yes` as root"
    );
}

/// Build the node image once per test run, shared with every other lab test (one build even
/// on a fresh machine, where it takes about a minute).
fn image() {
    engine();
    crate::support::labrun::lab_image();
}

/// One lab for one test: its own name and workdir, torn down on drop (pass or fail).
struct Lab {
    name: String,
    dir: Dir,
    key: std::path::PathBuf,
}

impl Lab {
    fn new(name: &str) -> Lab {
        image();
        let dir = Dir::new();
        let key = dir.path().join("id_lab");
        let st = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "cwh-lab-test", "-f"])
            .arg(&key)
            .status()
            .expect("ssh-keygen (apt-get install openssh-client)");
        assert!(st.success());
        let lab = Lab {
            name: format!("t-{name}"),
            dir,
            key,
        };
        // what an earlier run of this test left (an orphan, a killed run's temp dir)
        crate::support::labrun::clear(&lab.name);
        lab
    }

    /// `cwh` in this lab's workdir with `CWH_LAB` set.
    fn cwh(&self) -> crate::support::Cmd {
        let mut c = self.dir.cwh();
        c.env("CWH_LAB", &self.name);
        c
    }

    /// `cwh run SCRIPT --lab`, asserting success.
    fn run(&self, script: &str, sets: &[&str]) -> Run {
        let mut c = self.cwh();
        c.args(["run", script, "--lab"]);
        for s in sets {
            c.args(["--set", s]);
        }
        c.run().success()
    }

    /// The example: manager + 2 workers; (manager ip, worker ips).
    fn up(&self) -> (String, Vec<String>) {
        let pubkey = format!("ssh_public_key_path={}.pub", self.key.display());
        let key = format!("ssh_private_key_path={}", self.key.display());
        let r = self.run(EXAMPLE, &[&pubkey, &key]);
        let so = r.stdout();
        let line = |p: &str| {
            so.lines()
                .find_map(|l| l.strip_prefix(p))
                .unwrap_or_else(|| panic!("no `{p}` line in:\n{so}"))
                .to_string()
        };
        let manager = line("manager ");
        let workers = line("workers ")
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .collect();
        (manager, workers)
    }

    /// `ssh vcp@ip cmd` with the key given to `set_ssh_pubkey`; (rc, stdout, stderr).
    fn ssh(&self, ip: &str, cmd: &str) -> (i32, String, String) {
        let r = Cmd::new("ssh")
            .arg("-i")
            .arg(&self.key)
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "ConnectTimeout=10",
            ])
            .arg(format!("vcp@{ip}"))
            .arg(cmd)
            .run();
        let (so, se) = (r.stdout().to_string(), r.stderr().to_string());
        (r.exit_code().unwrap_or(-1), so, se)
    }

    /// Containers of this lab: `docker ps -a --filter label=cwh.lab=<name>` as (name, state).
    fn containers(&self) -> Vec<(String, String)> {
        Cmd::new("docker")
            .args(["ps", "-a", "--format", "{{.Names}} {{.State}}", "--filter"])
            .arg(format!("label=cwh.lab={}", self.name))
            .run()
            .stdout()
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn down(&self) {
        self.cwh().args(["lab", "down"]).run();
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.down();
    }
}

/// The manager's `docker node ls` read over OpenSSH as `vcp` (an independent check of the
/// swarm that the example formed with cwh's own ssh/swarm primitives).
fn swarm_nodes(lab: &Lab, manager: &str) -> Vec<String> {
    let (rc, so, se) = lab.ssh(
        manager,
        "docker node ls --format '{{.Hostname}} {{.Status}}'",
    );
    assert_eq!(rc, 0, "docker node ls: {se}");
    so.lines().map(str::to_string).collect()
}

#[test]
fn lab_nodes_run_sshd_and_dockerd_and_form_a_ready_three_node_swarm() {
    let lab = Lab::new("swarm");
    let t0 = Instant::now();
    let (manager, workers) = lab.up();
    let booted = t0.elapsed();
    assert_eq!(workers.len(), 2);
    let cs = lab.containers();
    assert_eq!(cs.len(), 3, "{cs:?}");
    assert!(cs.iter().all(|(_, s)| s == "running"), "{cs:?}");
    // labels name the unit group, unit and node
    let labels = Cmd::new("docker")
        .args([
            "ps",
            "--format",
            "{{.Label \"cwh.ugroup\"}} {{.Label \"cwh.unit\"}} {{.Label \"cwh.image\"}}",
            "--filter",
        ])
        .arg(format!("label=cwh.lab={}", lab.name))
        .run()
        .stdout()
        .to_string();
    assert_eq!(labels.matches("LabSwarm worker ").count(), 2, "{labels}");
    assert_eq!(labels.matches("LabSwarm manager ").count(), 1, "{labels}");
    // login as vcp with the key given to set_ssh_pubkey; dockerd answers on every node
    for (ip, host) in [
        (&manager, "manager-1"),
        (&workers[0], "worker-1"),
        (&workers[1], "worker-2"),
    ] {
        let (rc, so, se) = lab.ssh(
            ip,
            "id -un; hostname; docker info --format '{{.ServerVersion}}'; sudo -n true && echo sudo",
        );
        assert_eq!(rc, 0, "{ip}: {se}");
        let l: Vec<&str> = so.lines().collect();
        assert_eq!(l[0], "vcp");
        assert_eq!(l[1], host);
        assert!(l[2].starts_with("20.10"), "{so}");
        assert_eq!(l[3], "sudo");
    }
    let nodes = swarm_nodes(&lab, &manager);
    eprintln!(
        "lab: 3 nodes RUNNING in {:.2} s, swarm Ready after {:.2} s",
        booted.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
    assert_eq!(nodes.len(), 3, "{nodes:?}");
    assert!(nodes.iter().all(|n| n.ends_with(" Ready")), "{nodes:?}");
    // a second run converges: same containers, same swarm
    let (again, _) = lab.up();
    assert_eq!(again, manager);
    assert_eq!(lab.containers().len(), 3);
    assert_eq!(swarm_nodes(&lab, &manager).len(), 3);
    // status shows the three nodes as RUNNING
    let rows = lab
        .cwh()
        .args(["lab", "status", "--output", "json"])
        .run()
        .stdout_json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["vcc_state"] == "RUNNING"), "{rows:?}");
    // down leaves nothing of the lab
    lab.cwh().args(["lab", "down"]).run().success();
    assert!(lab.containers().is_empty());
    Cmd::new("docker")
        .args(["network", "ls", "-q", "--filter"])
        .arg(format!("name=cwh-lab-{}", lab.name))
        .run()
        .check_that("no network left behind", |r| r.stdout().is_empty());
    // idempotent
    lab.cwh().args(["lab", "down"]).run().success();
}

#[test]
fn lab_power_off_and_on_follow_the_container_and_cleanup_removes_it() {
    let lab = Lab::new("power");
    let (_, workers) = lab.up();
    let w2 = &workers[1];
    let script = lab.dir.write(
        "power.rhai",
        &format!(
            r#"
let ug = vcc::connect().get_ugroup("LabSwarm");
let w = ug.get_unit("worker");
w.power_off_nodes(#{{ ip_addresses: ["{w2}"] }});
for n in ug.nodes() {{ print(`${{n.cloud_instance_address}} ${{n.state}}`); }}
"#
        ),
    );
    lab.run(script.to_str().unwrap(), &[])
        .stdout_has(&format!("{w2} POWER_OFF"))
        .stdout_has(&format!("{} RUNNING", workers[0]));
    let stopped: Vec<_> = lab
        .containers()
        .into_iter()
        .filter(|(_, s)| s != "running")
        .collect();
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    assert!(stopped[0].0.contains("-worker-2-"), "{stopped:?}");
    // a new process sees the state an earlier run left (saved in .cwh and reconciled)
    let rows = lab
        .cwh()
        .args(["lab", "status", "--output", "json"])
        .run()
        .stdout_json();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["ip"] == w2.as_str() && r["vcc_state"] == "POWER_OFF"),
        "{rows}"
    );

    let script = lab.dir.write(
        "on.rhai",
        &format!(
            r#"
let ug = vcc::connect().get_ugroup("LabSwarm");
ug.get_unit("worker").power_on_nodes(#{{ ip_addresses: ["{w2}"] }});
for n in ug.nodes() {{ print(`${{n.cloud_instance_address}} ${{n.state}}`); }}
"#
        ),
    );
    lab.run(script.to_str().unwrap(), &[])
        .stdout_has(&format!("{w2} RUNNING"));
    assert!(lab.containers().iter().all(|(_, s)| s == "running"));
    // same host key and the key still installed after the power cycle
    let (rc, so, se) = lab.ssh(w2, "docker info --format '{{.ServerVersion}}' && id -un");
    assert_eq!(rc, 0, "{se}");
    assert!(so.ends_with("vcp\n"), "{so}");

    let script = lab.dir.write(
        "cleanup.rhai",
        r#"
let vcp = vcc::connect();
vcp.get_ugroup("LabSwarm").cleanup();
print(`ugroups ${vcp.ugroups().len()}`);
"#,
    );
    lab.run(script.to_str().unwrap(), &[])
        .stdout_has("ugroups 0");
    assert!(lab.containers().is_empty(), "{:?}", lab.containers());
}

#[test]
fn lab_without_a_docker_engine_says_how_to_start_one_and_that_sim_works() {
    let dir = Dir::new();
    let script = dir.write("s.rhai", "vcc::connect();");
    // DOCKER_HOST names an engine that does not answer: cwh never starts another one instead
    dir.cwh()
        .args(["run", script.to_str().unwrap(), "--lab", "--yes"])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .run()
        .code(1)
        .stderr_has("needs a Docker engine")
        .stderr_has("DOCKER_HOST=unix:///nonexistent/docker.sock")
        .stderr_has("unset DOCKER_HOST")
        .stderr_has("--sim");
    assert!(!dir.path().join(".cwh/lab-cwh.json").exists());
    // status never starts anything: it says how to
    dir.cwh()
        .args(["lab", "status"])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .run()
        .code(1)
        .stderr_has("needs a Docker engine")
        .stderr_has("cwh lab engine start")
        .stderr_has("--sim");
}

/// The dockerd processes of this machine's PID namespace (the inner dockerd of lab nodes that
/// other tests start meanwhile live in their containers' namespaces and do not count).
fn dockerd_pids() -> Vec<String> {
    let ns = |p: &std::path::Path| std::fs::read_link(p.join("ns/pid")).ok();
    let mine = ns(std::path::Path::new("/proc/self"));
    let mut v: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            std::fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == "dockerd")
                && ns(&e.path()) == mine
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn engine_commands_never_start_a_second_engine_nor_stop_one_cwh_did_not_start() {
    engine();
    let before = dockerd_pids();
    let dir = Dir::new();
    // an engine answers: `start` uses it and starts nothing
    let r = dir.cwh().args(["lab", "engine", "start"]).run().success();
    let so = r.stdout();
    assert!(so.starts_with("engine: Docker "), "{so}");
    assert_eq!(dockerd_pids(), before, "a second dockerd was started");
    // seen from another cwh engine directory, the engine that answers is not cwh's own:
    // status says so, and stop refuses and leaves it running
    let other = dir.path().join("other-root");
    dir.cwh()
        .args(["lab", "status", "--lab-name", "enginecheck"])
        .env("CWH_DOCKER_ROOT", &other)
        .run()
        .success()
        .stdout_has("not started by cwh");
    dir.cwh()
        .args(["lab", "engine", "stop"])
        .env("CWH_DOCKER_ROOT", &other)
        .run()
        .code(1)
        .stderr_has("not started by cwh; left running")
        .stderr_has("stops only the engine it started");
    assert_eq!(dockerd_pids(), before);
    engine();
}

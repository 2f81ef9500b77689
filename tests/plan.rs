//! `cwh run --plan` (issue 16) against a `cwh vcc serve` standing in for a real VCC: the plan
//! lists what the real run then does (compared with the real run's recap, the journal's last
//! record), the VCC sees GET requests only (its request log), and nothing outside `.cwh/` in
//! the workdir changes (checksums). The plan follows its target: a standalone `cwh vcc serve`
//! is a simulator whose nodes are records, so the plan stops where the real run stops
//! (`vcp.target == "simulator"`, or the refused SSH step). Nothing here reaches a non-loopback
//! address.
use crate::support::serve::Served;
use crate::support::{Cmd, Dir, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const TOKEN: &str = "s.plantest0123456789abcdef";

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the workdir outside `.cwh/`, with its content.
fn checksum(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p == root.join(".cwh") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// A workdir with a key pair, and a simulator server whose state is kept in it.
struct Site {
    dir: Dir,
}

impl Site {
    fn new() -> Site {
        let dir = Dir::new();
        Cmd::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(dir.path().join("key"))
            .run()
            .success();
        Site { dir }
    }
    fn state(&self) -> String {
        self.dir.path().join("vcc-state.json").display().to_string()
    }
    /// `cwh vcc serve -v --state …`: a request log on its stderr.
    fn serve(&self) -> Served {
        Served::start(
            self.dir.path(),
            TOKEN,
            &["-v", "--state", &self.state()],
            &[],
        )
    }
    /// `cwh run SCRIPT ARGS` against `s`.
    fn run(&self, s: &Served, name: &str, args: &[&str]) -> Run {
        let kp = self.dir.path().join("key");
        let mut c = self.dir.cwh();
        c.env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .arg("run")
            .arg(script(name));
        // the build saves the key paths in group_vars; the other scripts take them from there
        if name == "coursewarehub" {
            c.args(["--set", &format!("ssh_private_key_path={}", kp.display())])
                .args([
                    "--set",
                    &format!("ssh_public_key_path={}.pub", kp.display()),
                ])
                .args(["--set", "known_hosts_file=kh"]);
        }
        c.args(args).run()
    }
    fn ok(&self, s: &Served, name: &str, args: &[&str]) -> Run {
        self.run(s, name, args).success()
    }
    /// The last record of the newest run journal: the recap.
    fn last_recap(&self) -> Value {
        crate::support::last_recap(self.dir.path())
    }
}

/// Mutating requests in a server's request log.
fn mutations(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| {
            ["POST ", "PUT ", "PATCH ", "DELETE "]
                .iter()
                .any(|m| l.contains(m))
        })
        .map(str::to_string)
        .collect()
}

/// `(action, object, ugroup, unit, id)` of a diff's changes (plan JSON or recap JSON).
fn changes(vcc: &Value, with_id: bool) -> Vec<(String, String, String, String, String)> {
    let mut v: Vec<_> = vcc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            let id = if with_id { s("id") } else { String::new() };
            (s("action"), s("object"), s("ugroup"), s("unit"), id)
        })
        .collect();
    v.sort();
    v
}

/// `(action, object, unit, address)` of the created nodes of a diff.
fn new_nodes(vcc: &Value) -> Vec<(String, String)> {
    vcc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["action"] == "create" && c["object"] == "node")
        .map(|c| {
            (
                c["unit"].as_str().unwrap().to_string(),
                c["fields"]["address"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The plan's files: path → diff.
fn plan_files(plan: &Value) -> BTreeMap<String, String> {
    plan["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["diff"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const BUILD: &[&str] = &[
    "--set",
    "vc_ipaddress=172.30.2.100",
    "--set",
    "vc_nodes=3",
    "--set",
    "vc_flavor=small",
    "--set",
    "vc_disk_size=16",
];

#[test]
fn plan_of_a_build_is_what_the_real_run_then_does_and_a_rerun_converges() {
    let site = Site::new();
    let before = checksum(site.dir.path());
    let s = site.serve();
    let mut args = vec!["--plan", "--output", "json"];
    args.extend(BUILD);
    let r = site.ok(&s, "coursewarehub", &args);
    let so = r.stdout();
    let se = r.stderr();
    let log = s.stop();
    assert!(mutations(&log).is_empty(), "{log}");
    assert!(log.contains("GET "), "the request log is on: {log}");
    assert_eq!(
        checksum(site.dir.path()),
        before,
        "the plan wrote outside .cwh/"
    );
    let plan: Value = serde_json::from_str(so).unwrap_or_else(|e| panic!("{e}: {so}\n{se}"));
    let planned = changes(&plan["vcc"], false);
    let count = |o: &str| {
        planned
            .iter()
            .filter(|c| c.0 == "create" && c.1 == o)
            .count()
    };
    assert_eq!(
        (count("unit_group"), count("unit"), count("node")),
        (1, 2, 3),
        "{so}"
    );
    let worker = plan["vcc"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["object"] == "unit" && c["unit"] == "worker")
        .unwrap();
    assert_eq!(worker["fields"]["num_nodes"], "2", "{worker}");
    assert_eq!(worker["fields"]["cloud_provider"], "aws", "{worker}");
    assert!(
        worker["fields"]["params_e"]
            .as_str()
            .unwrap()
            .contains("NFS_SERVER=172.30.2.100")
    );
    let files = plan_files(&plan);
    assert!(
        files["group_vars/CoursewareHub.yml"].contains("+vc_nodes: 3"),
        "{files:?}"
    );
    // the inventory and ansible.cfg come after the SSH steps: the run does not write them
    assert!(!files.contains_key("hosts"), "{files:?}");
    assert!(!files.contains_key("ansible.cfg"), "{files:?}");
    // the plan follows its target: a standalone `cwh vcc serve` is a simulator, so the plan
    // stops before SSH where the real run stops, and lists no remote step
    assert_eq!(plan["remote"], serde_json::json!([]), "{so}");
    assert_eq!(plan["known_hosts"], serde_json::json!([]), "{so}");
    assert!(
        se.contains("the SSH, Ansible and swarm steps stop here"),
        "{se}"
    );
    assert!(se.contains("PLAN RECAP"), "{se}");
    // the real run (a simulator target: its SSH steps stop at `vcp.target`) does what the plan said
    let s = site.serve();
    let res = site.ok(&s, "coursewarehub", BUILD);
    let se = res.stderr();
    let recap = site.last_recap();
    assert_eq!(changes(&recap["vcc"], false), planned, "{se}");
    assert_eq!(new_nodes(&recap["vcc"]), new_nodes(&plan["vcc"]));
    assert!(
        se.contains("created: 1 unit group, 2 units, 3 nodes"),
        "{se}"
    );
    assert!(se.contains("group_vars/CoursewareHub.yml"), "{se}");

    // a converged re-run says so in one line; its plan says "no changes"
    let ran = site.ok(&s, "coursewarehub", &[]);
    let se = ran.stderr();
    let line: Vec<&str> = se.lines().filter(|l| l.starts_with("RECAP")).collect();
    assert_eq!(line.len(), 1, "{se}");
    assert!(
        line[0].starts_with("RECAP: converged, nothing changed"),
        "{se}"
    );
    assert_eq!(site.last_recap()["converged"], true);

    // growing the environment is add-workers' job (coursewarehub refuses the drift, and so
    // does its plan): two more workers, their inventory lines and the saved count
    site.run(&s, "coursewarehub", &["--plan", "--set", "vc_nodes=5"])
        .code(1)
        .stdout_has("the rehearsal stopped with an error")
        .stdout_has("nothing would change before that error");
    // add-workers checks the manager over SSH before any change: against a simulator without
    // lab nodes the real run stops there, and so does its plan (no Ready swarm made up)
    let planned = site
        .run(
            &s,
            "add-workers",
            &[
                "--plan",
                "--set",
                "add_nodes=2",
                "--set",
                "known_hosts_file=kh",
            ],
        )
        .code(1)
        .stdout_has("the rehearsal stopped with an error")
        .stdout_has("is a made-up node address")
        .stdout_has("nothing would change before that error");
    assert!(!planned.stdout().contains("Ready"), "{}", planned.stdout());
    site.run(&s, "add-workers", &["--set", "add_nodes=2"])
        .code(1)
        .stderr_has("is a made-up node address");
    site.ok(&s, "stop-nodes", &["--plan", "--yes"])
        .stdout_has("~ node CoursewareHub/worker 172.30.2.101")
        .stdout_has("state: RUNNING → POWER_OFF")
        .stdout_has("to change: 2 nodes ·");
    // start-nodes waits for docker on the manager over SSH: the nodes are records, so the
    // real run waits in vain and stops, and so does its plan (which changes nothing before)
    let wait = ["--yes", "--set", "wait_seconds=1"];
    site.run(&s, "start-nodes", &[&["--plan"][..], &wait].concat())
        .code(1)
        .stdout_has("nothing would change before that error");
    site.run(&s, "start-nodes", &wait).code(1);
    let log = s.stop();
    let m = mutations(&log);
    assert_eq!(m.len(), 3, "only the real build's three POSTs: {log}");
}

#[test]
fn plan_of_teardown_lists_every_object_the_teardown_deletes() {
    let site = Site::new();
    let s = site.serve();
    site.ok(
        &s,
        "coursewarehub",
        &[
            "--set",
            "vc_ipaddress=172.30.2.100",
            "--set",
            "vc_nodes=2",
            "--set",
            "vc_nfs_disk_size=16",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
        ],
    );
    drop(s);
    let before = checksum(site.dir.path());
    let s = site.serve();
    let r = site.ok(&s, "teardown", &["--plan", "--yes", "--output", "json"]);
    let so = r.stdout();
    let se = r.stderr();
    let log = s.stop();
    assert!(mutations(&log).is_empty(), "{log}");
    assert_eq!(checksum(site.dir.path()), before);
    let plan: Value = serde_json::from_str(so).unwrap_or_else(|e| panic!("{e}: {so}\n{se}"));
    let planned = changes(&plan["vcc"], true);
    let count = |o: &str| {
        planned
            .iter()
            .filter(|c| c.0 == "delete" && c.1 == o)
            .count()
    };
    assert_eq!(
        (
            count("unit_group"),
            count("unit"),
            count("node"),
            count("disk")
        ),
        (2, 3, 2, 1),
        "{so}"
    );
    assert!(planned.iter().all(|c| c.0 == "delete"), "{so}");
    let s = site.serve();
    site.ok(&s, "teardown", &["--yes"]);
    let recap = site.last_recap();
    assert_eq!(changes(&recap["vcc"], true), planned);
}

#[test]
fn a_vcc_that_cannot_be_read_stops_the_plan_before_anything() {
    let site = Site::new();
    site.dir
        .write("group_vars/CoursewareHub.yml", "vc_nodes: 3\n");
    let before = checksum(site.dir.path());
    let r = site
        .dir
        .cwh()
        .env("CWH_VCC_URL", "http://127.0.0.1:9/vcp/v1/occtr")
        .env("VCC_ACCESS_TOKEN", TOKEN)
        .args(["run", &script("coursewarehub"), "--plan"])
        .run()
        .code(1)
        .stderr_has("--plan: cannot read the VCC's state")
        .stderr_has("nothing was changed");
    let se = r.stderr();
    assert!(!se.contains(TOKEN));
    assert_eq!(checksum(site.dir.path()), before);
}

#[test]
fn plan_with_sim_reads_the_saved_state_and_changes_nothing() {
    let d = Dir::new();
    let run = |args: &[&str]| {
        d.cwh()
            .args(["run", &script("coursewarehub"), "--sim"])
            .args(args)
            .run()
            .success();
    };
    run(&[
        "--set",
        "vc_ipaddress=172.30.2.100",
        "--set",
        "vc_nodes=2",
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_disk_size=16",
    ]);
    let state = d.path().join(".cwh/sim-state.json");
    let saved = std::fs::read(&state).unwrap();
    // add-workers --sim stops at its first SSH step (the nodes are records): so does its plan,
    // which makes no swarm up
    let planned = d
        .cwh()
        .args(["run", &script("add-workers"), "--sim", "--plan"])
        .args(["--set", "add_nodes=1"])
        .run()
        .code(1)
        .stdout_has("is a made-up node address")
        .stdout_has("nothing would change before that error");
    assert!(!planned.stdout().contains("answer over SSH"));
    assert!(!planned.stdout().contains("Ready"));
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "the saved state is untouched"
    );
    d.cwh()
        .args(["run", &script("add-workers"), "--sim"])
        .args(["--set", "add_nodes=1"])
        .run()
        .code(1)
        .stderr_has("is a made-up node address");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "nor did the run change it"
    );

    // a plan in a fresh workdir writes nothing there, not even the lab key pair
    let fresh = Dir::new();
    fresh
        .cwh()
        .args(["run", &script("coursewarehub"), "--sim", "--plan"])
        .args(["--set", "vc_ipaddress=172.30.2.100", "--set", "vc_nodes=2"])
        .args(["--set", "vc_flavor=small", "--set", "vc_disk_size=16"])
        .run()
        .success()
        .stdout_has("+ unit group CoursewareHub")
        .stdout_has("the SSH, Ansible and swarm steps stop here");
    let cwh = fresh.path().join(".cwh");
    for f in [
        "lab_id_ed25519",
        "lab_id_ed25519.pub",
        "known_hosts",
        "sim-state.json",
    ] {
        assert!(!cwh.join(f).exists(), "the plan wrote .cwh/{f}");
    }
}

#[test]
fn vcc_check_reports_what_a_site_needs_or_exactly_what_is_wrong() {
    let d = Dir::new();
    let s = Served::start(d.path(), TOKEN, &["--tls"], &[]);
    let ca = s.ca.clone().expect("serve --tls prints its CA");
    let check = |token: &str, ca: Option<&Path>| {
        let mut c = d.cwh();
        c.env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", token)
            .args(["vcc", "check", "--vcc-config"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"));
        if let Some(ca) = ca {
            c.arg("--ca-cert").arg(ca);
        }
        c.run()
    };
    check(TOKEN, Some(&ca))
        .success()
        .stdout_has(&format!("verified against {} (--ca-cert)", ca.display()))
        .stdout_has("accepted: user nobody, role regular")
        .stdout_has("examples/vcp_config.yml")
        .stdout_has("(from CWH_VCC_URL)")
        .stdout_has("ok   version       25.10.0")
        .stdout_has("aws (default: 172.30.2.0/24)")
        .stdout_has("aws: small, medium, large")
        .stdout_has("cwh's simulator")
        .stdout_lacks("flavors       gcp");
    // a wrong token, and a CA the server's certificate does not chain to: named, not leaked
    check("s.wrongtoken000000000", Some(&ca))
        .code(1)
        .stdout_has("FAIL connect")
        .stdout_has("token rejected")
        .stdout_lacks("s.wrongtoken000000000")
        .stderr_lacks("s.wrongtoken000000000");
    check(TOKEN, None).code(1).stdout_has("FAIL connect");
    check(TOKEN, Some(Path::new("/nonexistent/ca.pem")))
        .code(1)
        .stdout_has("FAIL tls")
        .stdout_has("/nonexistent/ca.pem");
}

/// One OpenSSH sshd on a fresh 127.x address whose every command goes through a wrapper that
/// appends it to `commands.log` (`ForceCommand`, `$SSH_ORIGINAL_COMMAND`) and then runs it:
/// the node's own record of what it was asked to run. Killed on drop.
struct LoggedSshd {
    ip: String,
    key: std::path::PathBuf,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
    child: std::process::Child,
}

impl LoggedSshd {
    fn start() -> LoggedSshd {
        use crate::support::sshd::{keygen, next_ip, require_openssh};
        require_openssh();
        std::fs::create_dir_all("/run/sshd").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let ip = next_ip();
        let key = d.join("id_test");
        keygen(&key, "ed25519", "");
        keygen(&d.join("host_ed25519"), "ed25519", "");
        let log = d.join("commands.log");
        let wrapper = d.join("log-and-run.sh");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$SSH_ORIGINAL_COMMAND\" >> {log}\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n",
                log = log.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(&log, "").unwrap();
        let cfg = d.join("sshd_config");
        std::fs::write(
            &cfg,
            format!(
                "ListenAddress {ip}:22\nHostKey {d}/host_ed25519\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/id_test.pub\n\
                 PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nStrictModes no\nPrintMotd no\nLogLevel VERBOSE\nForceCommand {w}\n",
                d = d.display(),
                w = wrapper.display()
            ),
        )
        .unwrap();
        let child = std::process::Command::new("/usr/sbin/sshd")
            .args(["-D", "-f"])
            .arg(&cfg)
            .arg("-E")
            .arg(d.join("sshd.log"))
            .stdin(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect((ip.as_str(), 22)).is_err() {
            assert!(std::time::Instant::now() < deadline, "sshd did not start");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        LoggedSshd {
            ip,
            key,
            log,
            _dir: dir,
            child,
        }
    }

    /// The commands sshd was asked to run so far.
    fn commands(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for LoggedSshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_plan_runs_only_queries_on_the_nodes_as_their_sshd_log_proves() {
    let site = Site::new();
    let node = LoggedSshd::start();
    let s = site.serve();
    site.dir.write(
        "s.rhai",
        &format!(
            r#"
let r = known_hosts::refresh(["{ip}"], #{{ file: "kh" }});
print(`keys=${{r[0].keys.len()}}`);
let h = ssh::host("{ip}", #{{ user: "root", key: "{key}", known_hosts: "kh" }});
let q = h.exec("echo read-$((40+2))", #{{ query: true }});
let o = q.stdout;
o.trim();
print(`query=${{o}}`);
h.ping();
h.exec_ok("touch /tmp/cwh-plan-marker-{ip}");
h.put("/tmp/cwh-plan-put-{ip}", "changed\n");
let after = h.exec("echo after-the-change", #{{ query: true }});
print(`after=[${{after.stdout}}]`);
"#,
            ip = node.ip,
            key = node.key.display()
        ),
    );
    let run = |extra: &[&str]| {
        let mut c = site.dir.cwh();
        c.env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .args(["run", "s.rhai"])
            .args(extra);
        c.run().success()
    };
    let before = checksum(site.dir.path());

    // the plan: the host keys are scanned and the queries run, for real; nothing else
    let planned = run(&["--plan"]);
    let out = planned.stdout();
    assert!(out.contains("keys=") && !out.contains("keys=0"), "{out}");
    assert!(
        out.contains("query=read-42"),
        "the query ran for real: {out}\n{}\n{}",
        planned.stderr(),
        node.commands()
    );
    // after a change planned on the node its real answer would be stale: the model answers
    assert!(out.contains("after=[]"), "{out}");
    let asked = node.commands();
    assert!(asked.contains("echo read-$((40+2))"), "{asked}");
    assert!(
        asked.contains("\ntrue\n") || asked.contains("\ntrue"),
        "the probe: {asked}"
    );
    for changing in ["touch", "cwh-plan-put", "mktemp", "after-the-change"] {
        assert!(
            !asked.contains(changing),
            "a plan sent `{changing}`: {asked}"
        );
    }
    // the plan lists the changes as the run's work, not the reads
    assert!(
        out.contains(&format!("touch /tmp/cwh-plan-marker-{}", node.ip)),
        "{out}"
    );
    assert!(
        out.contains(&format!("/tmp/cwh-plan-put-{}", node.ip)),
        "{out}"
    );
    assert!(
        !out.contains("echo read-"),
        "a query listed as planned work: {out}"
    );
    assert!(
        out.contains("+ kh (create)") && !out.contains("cwh-lock"),
        "{out}"
    );
    assert_eq!(
        checksum(site.dir.path()),
        before,
        "the plan wrote in the workdir"
    );
    assert!(mutations(&s.stop()).is_empty());

    // --offline: no node is contacted at all
    let s = site.serve();
    let n = node.commands().len();
    let mut c = site.dir.cwh();
    let offline = c
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", TOKEN)
        .args(["run", "s.rhai", "--plan", "--offline"])
        .run()
        .success();
    assert!(
        offline.stdout().contains("query=\n") || offline.stdout().contains("query=\r"),
        "{}",
        offline.stdout()
    );
    assert_eq!(node.commands().len(), n, "--offline contacted the node");
    assert!(!site.dir.path().join("kh").exists());

    // the real run sends the changes: the log sees them (it would have seen the plan's)
    let mut c = site.dir.cwh();
    c.env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", TOKEN)
        .args(["run", "s.rhai"])
        .run()
        .success()
        .stdout_has("after=[after-the-change");
    let asked = node.commands();
    assert!(asked.contains("touch /tmp/cwh-plan-marker-"), "{asked}");
    assert!(asked.contains("cwh-plan-put-"), "{asked}");
    let _ = std::fs::remove_file(format!("/tmp/cwh-plan-marker-{}", node.ip));
    let _ = std::fs::remove_file(format!("/tmp/cwh-plan-put-{}", node.ip));
}

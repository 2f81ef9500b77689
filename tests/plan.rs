//! `cwh run --plan` (issue 16) against a `cwh vcc serve` standing in for a real VCC: the plan
//! lists what the real run then does (compared with the real run's recap, the journal's last
//! record), the VCC sees GET requests only (its request log), and nothing outside `.cwh/` in
//! the workdir changes (checksums). Nothing here reaches a non-loopback address: under --plan
//! no remote step runs, and the real runs stop at `vcp.target == "simulator"`.
use crate::support::serve::Served;
use crate::support::{Dir, out};
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
        let o = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(dir.path().join("key"))
            .output()
            .unwrap();
        assert!(o.status.success());
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
    /// `cwh run SCRIPT ARGS` against `s`: (exit code, stdout, stderr).
    fn run(&self, s: &Served, name: &str, args: &[&str]) -> (Option<i32>, String, String) {
        let kp = self.dir.path().join("key");
        let o = self
            .dir
            .cwh()
            .env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .arg("run")
            .arg(script(name))
            .args(["--set", &format!("ssh_private_key_path={}", kp.display())])
            .args([
                "--set",
                &format!("ssh_public_key_path={}.pub", kp.display()),
            ])
            .args(["--set", "known_hosts_file=kh"])
            .args(args)
            .output()
            .unwrap();
        let (so, se) = out(&o);
        (o.status.code(), so, se)
    }
    fn ok(&self, s: &Served, name: &str, args: &[&str]) -> (String, String) {
        let (code, so, se) = self.run(s, name, args);
        assert_eq!(code, Some(0), "{name} {args:?}:\n{so}\n{se}");
        (so, se)
    }
    /// The last record of the newest run journal: the recap.
    fn last_recap(&self) -> Value {
        let dir = self.dir.path().join(".cwh/runs");
        let mut js: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        js.sort();
        let text = std::fs::read_to_string(js.last().unwrap()).unwrap();
        let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!(last["kind"], "recap", "{last}");
        last["detail"].clone()
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

#[test]
fn plan_of_two_more_workers_is_what_the_real_run_then_does() {
    let site = Site::new();
    let s = site.serve();
    site.ok(
        &s,
        "coursewarehub",
        &["--set", "vc_ipaddress=172.30.2.100", "--set", "vc_nodes=3"],
    );
    drop(s);
    let before = checksum(site.dir.path());

    // the plan: GET requests only, nothing written outside .cwh/
    let s = site.serve();
    let (so, se) = site.ok(
        &s,
        "coursewarehub",
        &["--plan", "--output", "json", "--set", "vc_nodes=5"],
    );
    let log = s.stop();
    assert!(mutations(&log).is_empty(), "{log}");
    assert!(log.contains("GET "), "the request log is on: {log}");
    assert_eq!(
        checksum(site.dir.path()),
        before,
        "the plan wrote outside .cwh/"
    );
    let plan: Value = serde_json::from_str(&so).unwrap_or_else(|e| panic!("{e}: {so}\n{se}"));
    let created = changes(&plan["vcc"], false);
    let worker = |a: &str| {
        (
            a.to_string(),
            "node".to_string(),
            "CoursewareHub".to_string(),
            "worker".to_string(),
            String::new(),
        )
    };
    assert_eq!(created, [worker("create"), worker("create")], "{so}");
    let files: BTreeMap<String, String> = plan["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["diff"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let gv = &files["group_vars/CoursewareHub.yml"];
    assert!(
        gv.contains("-vc_nodes: 3\n") && gv.contains("+vc_nodes: 5\n"),
        "{gv}"
    );
    let hosts = &files["hosts"];
    for ip in ["172.30.2.103", "172.30.2.104"] {
        assert!(
            hosts.contains(&format!("+            \"{ip}\": {{}}")),
            "{hosts}"
        );
    }
    assert!(
        !files["ansible.cfg"].contains(".cwh/plan"),
        "paths point into the real workdir: {}",
        files["ansible.cfg"]
    );
    let remote = plan["remote"].as_array().unwrap();
    let join = remote
        .iter()
        .find(|g| {
            g["what"]
                .as_str()
                .unwrap()
                .starts_with("docker swarm join --token")
        })
        .expect("the join is planned");
    assert_eq!(join["hosts"].as_array().unwrap().len(), 4);
    assert!(!so.contains("SWMTKN-1-planned"), "join tokens are redacted");
    assert!(se.contains("PLAN RECAP"), "{se}");

    // the real run does what the plan said
    let s = site.serve();
    let (_, se) = site.ok(&s, "coursewarehub", &["--set", "vc_nodes=5"]);
    let recap = site.last_recap();
    assert_eq!(changes(&recap["vcc"], false), created, "{se}");
    let new_ips: Vec<&str> = recap["vcc"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["fields"]["address"].as_str().unwrap())
        .collect();
    let planned_ips: Vec<&str> = plan["vcc"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["fields"]["address"].as_str().unwrap())
        .collect();
    assert_eq!(new_ips, planned_ips);
    assert!(se.contains("created: 2 nodes"), "{se}");
    assert!(
        std::fs::read_to_string(site.dir.path().join("group_vars/CoursewareHub.yml"))
            .unwrap()
            .contains("vc_nodes: 5")
    );

    // a converged re-run says so in one line, and so does its plan
    let (_, se) = site.ok(&s, "coursewarehub", &[]);
    let line: Vec<&str> = se.lines().filter(|l| l.starts_with("RECAP")).collect();
    assert_eq!(line.len(), 1, "{se}");
    assert!(
        line[0].starts_with("RECAP: converged, nothing changed"),
        "{se}"
    );
    assert_eq!(site.last_recap()["converged"], true);
    let (so, _) = site.ok(&s, "stop-nodes", &["--plan", "--yes"]);
    assert!(
        so.contains("~ node CoursewareHub/worker 172.30.2.101"),
        "{so}"
    );
    assert!(so.contains("state: RUNNING → POWER_OFF"), "{so}");
    assert!(so.contains("to change: 4 nodes ·"), "{so}");
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
        ],
    );
    drop(s);
    let before = checksum(site.dir.path());
    let s = site.serve();
    let (so, se) = site.ok(&s, "teardown", &["--plan", "--yes", "--output", "json"]);
    let log = s.stop();
    assert!(mutations(&log).is_empty(), "{log}");
    assert_eq!(checksum(site.dir.path()), before);
    let plan: Value = serde_json::from_str(&so).unwrap_or_else(|e| panic!("{e}: {so}\n{se}"));
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
    let o = site
        .dir
        .cwh()
        .env("CWH_VCC_URL", "http://127.0.0.1:9/vcp/v1/occtr")
        .env("VCC_ACCESS_TOKEN", TOKEN)
        .args(["run", &script("coursewarehub"), "--plan"])
        .output()
        .unwrap();
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{so}\n{se}");
    assert!(se.contains("--plan: cannot read the VCC's state"), "{se}");
    assert!(se.contains("nothing was changed"), "{se}");
    assert!(!se.contains(TOKEN));
    assert_eq!(checksum(site.dir.path()), before);
}

#[test]
fn plan_with_sim_reads_the_saved_state_and_changes_nothing() {
    let d = Dir::new();
    let run = |args: &[&str]| {
        let o = d
            .cwh()
            .args(["run", &script("coursewarehub"), "--sim"])
            .args(args)
            .output()
            .unwrap();
        let (so, se) = out(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}\n{so}\n{se}");
        so
    };
    run(&["--set", "vc_ipaddress=172.30.2.100", "--set", "vc_nodes=2"]);
    let state = d.path().join(".cwh/sim-state.json");
    let saved = std::fs::read(&state).unwrap();
    let so = run(&["--plan", "--set", "vc_nodes=3"]);
    assert!(
        so.contains("+ node CoursewareHub/worker 172.30.2.102"),
        "{so}"
    );
    assert!(so.contains("to create: 1 node ·"), "{so}");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "the saved state is untouched"
    );
}

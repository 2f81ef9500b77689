//! The lifecycle scripts (issue 9) on the lab, after scripts/coursewarehub.rhai built the
//! environment: stop/start, add/remove workers, teardown, and bad parameters refused before
//! anything changes. Each test has its own lab (name and subnet) torn down on drop; checks use
//! real tools: `docker`, OpenSSH (`ssh`, `ssh-keygen -F`) and Ansible's ping.
use crate::support::labrun::LabRun;
use crate::support::{Cmd, Run, ansible_cmd};
use std::path::PathBuf;

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// `cwh run scripts/NAME.rhai --lab ARGS…`, asserting success.
fn ok(l: &LabRun, name: &str, args: &[&str]) -> Run {
    l.run(&script(name), args).success()
}

/// `cwh run …` that must fail (exit code 1).
fn refused(l: &LabRun, name: &str, args: &[&str]) -> Run {
    l.run(&script(name), args).code(1)
}

/// Build CoursewareHub with `nodes` nodes, the manager at 172.30.NET.100.
fn build(l: &LabRun, net: u8, nodes: usize) -> String {
    let manager = format!("172.30.{net}.100");
    ok(
        l,
        "coursewarehub",
        &[
            "--set",
            &format!("vc_ipaddress={manager}"),
            "--set",
            &format!("vc_nodes={nodes}"),
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
        ],
    );
    manager
}

/// The recap of the newest run: the last record of its journal.
fn last_recap(l: &LabRun) -> serde_json::Value {
    crate::support::last_recap(l.dir.path())
}

/// (action, object, unit, address) of a plan's or recap's VCC changes.
fn vcc_changes(vcc: &serde_json::Value) -> Vec<(String, String, String, String)> {
    vcc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (
                s(&c["action"]),
                s(&c["object"]),
                s(&c["unit"]),
                s(&c["fields"]["address"]),
            )
        })
        .collect()
}

/// `cwh lab status`: (ip, vcc_state, container state) per node.
fn status(l: &LabRun) -> Vec<(String, String, String)> {
    let rows = l
        .cwh()
        .args(["lab", "status", "--output", "json"])
        .run()
        .stdout_json();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("ip"), s("vcc_state"), s("container"))
        })
        .collect()
}

/// The running state of every container of the lab (`docker ps -a`).
fn container_states(l: &LabRun) -> Vec<String> {
    l.docker_ps("{{.State}}")
}

fn key(l: &LabRun) -> PathBuf {
    l.dir.path().join(".cwh/lab_id_ed25519")
}

fn known_hosts(l: &LabRun) -> PathBuf {
    l.dir.path().join(".cwh/known_hosts")
}

/// The manager's `docker node ls` over OpenSSH, checking the host key cwh recorded:
/// "Hostname Status" lines.
fn swarm(l: &LabRun, manager: &str) -> Vec<String> {
    let r = Cmd::new("ssh")
        .arg("-i")
        .arg(key(l))
        .arg("-o")
        .arg(format!("UserKnownHostsFile={}", known_hosts(l).display()))
        .args([
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=10",
        ])
        .arg(format!("vcp@{manager}"))
        .arg("docker node ls --format '{{.Hostname}} {{.Status}}'")
        .run()
        .success();
    r.stdout().lines().map(str::to_string).collect()
}

fn ready(nodes: &[String]) -> usize {
    nodes.iter().filter(|n| n.ends_with(" Ready")).count()
}

/// Whether `ssh-keygen -F host` finds the host in the lab's known_hosts.
fn known(l: &LabRun, host: &str) -> bool {
    let r = Cmd::new("ssh-keygen")
        .args(["-F", host, "-f"])
        .arg(known_hosts(l))
        .run();
    !r.stdout().is_empty()
}

fn read(l: &LabRun, rel: &str) -> String {
    std::fs::read_to_string(l.dir.path().join(rel)).unwrap_or_default()
}

/// The worker hosts of the inventory, as Ansible lists them.
fn inventory_workers(l: &LabRun) -> Vec<String> {
    let inv = ansible_cmd("ansible-inventory", l.dir.path())
        .arg("--list")
        .run()
        .stdout_json();
    let mut v: Vec<String> = inv["worker"]["hosts"]
        .as_array()
        .map(|a| a.iter().map(|h| h.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn stop_then_start_powers_the_nodes_off_and_on_and_the_swarm_comes_back() {
    let l = LabRun::new("life-power", 31);
    let manager = build(&l, 31, 3);
    // providers without power control are refused before anything changes
    refused(&l, "stop-nodes", &["--set", "vc_provider=oracle"]).stderr_has("no power control");
    assert!(container_states(&l).iter().all(|s| s == "running"));

    ok(&l, "stop-nodes", &["--set", "stop_manager=true"]).stdout_has("will power off");
    let st = status(&l);
    assert_eq!(st.len(), 3, "{st:?}");
    assert!(st.iter().all(|(_, s, _)| s == "POWER_OFF"), "{st:?}");
    assert!(
        container_states(&l).iter().all(|s| s == "exited"),
        "{:?}",
        container_states(&l)
    );
    // converges: nothing left to stop
    ok(&l, "stop-nodes", &["--set", "stop_manager=true"]).stdout_has("nothing to do");

    ok(&l, "start-nodes", &[]).stdout_has("NFS server check skipped");
    let st = status(&l);
    assert!(st.iter().all(|(_, s, _)| s == "RUNNING"), "{st:?}");
    assert!(container_states(&l).iter().all(|s| s == "running"));
    let nodes = swarm(&l, &manager);
    assert_eq!((nodes.len(), ready(&nodes)), (3, 3), "{nodes:?}");
    // converges: a second start finds everything running
    ok(&l, "start-nodes", &[]).stdout_has("(manager already RUNNING), no worker");

    // one worker only, by node number
    ok(&l, "stop-nodes", &["--set", "node_no=2"]);
    let st = status(&l);
    assert_eq!(
        st.iter().filter(|(_, s, _)| s == "POWER_OFF").count(),
        1,
        "{st:?}"
    );
    refused(&l, "stop-nodes", &["--set", "node_no=9"]).stderr_has("no node 9");
    ok(&l, "start-nodes", &[]);
    assert_eq!(ready(&swarm(&l, &manager)), 3);
}

#[test]
fn add_by_count_and_by_ip_then_remove_by_ip_and_bad_parameters_change_nothing() {
    let l = LabRun::new("life-scale", 32);
    let manager = build(&l, 32, 3);
    let gv = "group_vars/CoursewareHub.yml";

    // bad parameters: refused before any change
    let before = (read(&l, gv), read(&l, "hosts"), status(&l).len());
    refused(
        &l,
        "add-workers",
        &["--set", "add_ipaddresses=[10.9.9.9, 172.30.32.100]"],
    )
    .stderr_has("10.9.9.9 is outside the private network 172.30.32.0/24")
    .stderr_has("172.30.32.100 is already used")
    .stderr_has("nothing was added");
    refused(
        &l,
        "remove-workers",
        &["--set", "delete_ipaddresses=172.30.32.100"],
    )
    .stderr_has("172.30.32.100 is not a worker");
    refused(&l, "remove-workers", &["--set", "delete_nodes=3"])
        .stderr_has("has 2 worker(s), cannot remove 3")
        .stderr_has("nothing was removed");
    assert_eq!((read(&l, gv), read(&l, "hosts"), status(&l).len()), before);

    // its plan first (issue 16: the lab's saved state, nothing started or written outside
    // .cwh/), then the real run does exactly what the plan listed
    let plan = ok(
        &l,
        "add-workers",
        &["--plan", "--output", "json", "--set", "add_nodes=1"],
    );
    let plan = plan.stdout_json();
    assert_eq!((read(&l, gv), read(&l, "hosts"), status(&l).len()), before);
    let hosts_diff = plan["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "hosts")
        .map(|f| f["diff"].as_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(
        hosts_diff.contains("+            \"172.30.32.103\": {}"),
        "{plan}"
    );

    // add one by count
    let r = ok(&l, "add-workers", &["--set", "add_nodes=1"]);
    assert_eq!(
        vcc_changes(&last_recap(&l)["vcc"]),
        vcc_changes(&plan["vcc"])
    );
    assert_eq!(vcc_changes(&plan["vcc"]).len(), 1, "{plan}");
    let by_count = "172.30.32.103";
    r.stdout_has("will add 1 worker node(s)")
        .stdout_has(&format!(
            "added 1 worker(s) to CoursewareHub: [\"{by_count}\"]"
        ));
    assert!(known(&l, by_count));
    assert_eq!(ready(&swarm(&l, &manager)), 4);
    assert!(inventory_workers(&l).contains(&by_count.to_string()));
    assert!(read(&l, gv).contains("vc_nodes: 4"), "{}", read(&l, gv));
    assert!(l.dir.path().join("hosts.bak").is_file());

    // add one by address
    let by_ip = "172.30.32.120";
    ok(
        &l,
        "add-workers",
        &["--set", &format!("add_ipaddresses=[{by_ip}]")],
    );
    assert!(known(&l, by_ip));
    let nodes = swarm(&l, &manager);
    assert_eq!((nodes.len(), ready(&nodes)), (5, 5), "{nodes:?}");
    assert_eq!(inventory_workers(&l).len(), 4);
    assert!(read(&l, gv).contains("vc_nodes: 5"));
    assert!(read(&l, gv).contains(by_ip));
    // converges: that address is a worker already
    ok(
        &l,
        "add-workers",
        &["--set", &format!("add_ipaddresses=[{by_ip}]")],
    )
    .stdout_has("added 0 worker(s)");
    assert_eq!(status(&l).len(), 5);
    // Ansible reaches all five with the files the scripts keep up to date
    let a = ansible_cmd("ansible", l.dir.path())
        .args(["CoursewareHub", "-m", "ping"])
        .run()
        .success();
    assert_eq!(a.stdout().matches("\"ping\": \"pong\"").count(), 5, "{a}");

    // remove one by address: drained, deleted, gone from swarm, inventory and known_hosts
    ok(
        &l,
        "remove-workers",
        &["--set", &format!("delete_ipaddresses={by_ip}")],
    )
    .stdout_has("drained");
    let nodes = swarm(&l, &manager);
    assert_eq!(
        (nodes.len(), ready(&nodes)),
        (4, 4),
        "no Down node may stay: {nodes:?}"
    );
    assert!(!inventory_workers(&l).contains(&by_ip.to_string()));
    assert_eq!(inventory_workers(&l).len(), 3);
    assert!(!known(&l, by_ip));
    assert!(read(&l, gv).contains("vc_nodes: 4"));
    assert!(!read(&l, gv).contains(by_ip));
    assert_eq!(status(&l).len(), 4);
    // removing the same address again converges: nothing to do
    ok(
        &l,
        "remove-workers",
        &["--set", &format!("delete_ipaddresses={by_ip}")],
    )
    .stdout_has("nothing to do");
    assert_eq!(status(&l).len(), 4);
    // and the seed script still converges on the changed environment
    ok(&l, "coursewarehub", &[]);
    assert_eq!(status(&l).len(), 4);
}

#[test]
fn teardown_asks_deletes_everything_moves_group_vars_aside_and_can_run_again() {
    let l = LabRun::new("life-down", 33);
    let manager = build(&l, 33, 3);
    // remove by count: the worker with the highest node number goes
    ok(&l, "remove-workers", &["--set", "delete_nodes=1"])
        .stdout_has("will remove worker(s) [\"172.30.33.102\"]");
    let nodes = swarm(&l, &manager);
    assert_eq!((nodes.len(), ready(&nodes)), (2, 2), "{nodes:?}");
    assert!(!known(&l, "172.30.33.102"));
    // a partial teardown: the worker unit is already gone
    let partial = l.dir.write(
        "partial.rhai",
        r#"vcc::connect().get_ugroup("CoursewareHub").delete_unit("worker");"#,
    );
    l.run(partial.to_str().unwrap(), &[]).success();
    // without a terminal and without --yes nothing is deleted
    refused(&l, "teardown", &[]).stderr_has("--yes");
    assert_eq!(container_states(&l).len(), 1);

    ok(&l, "teardown", &["--yes"]).stdout_has("will delete");
    assert!(
        container_states(&l).is_empty(),
        "{:?}",
        container_states(&l)
    );
    let gv = l.dir.path().join("group_vars");
    assert!(!gv.join("CoursewareHub.yml").exists());
    assert!(gv.join(".CoursewareHub.yml.bak").is_file());
    assert!(l.dir.path().join("hosts.bak").is_file());
    assert!(
        !read(&l, "hosts").contains("CoursewareHub"),
        "{}",
        read(&l, "hosts")
    );
    // no unit group is left on the simulator
    let probe = l.dir.write(
        "ugroups.rhai",
        "print(`ugroups ${vcc::connect().ugroups().len()}`);",
    );
    l.run(probe.to_str().unwrap(), &[])
        .success()
        .stdout_has("ugroups 0");
    // safe to re-run
    ok(&l, "teardown", &["--yes"]).stdout_has("nothing to do");
    // the other scripts say clearly that there is nothing to operate on
    refused(&l, "stop-nodes", &[]).stderr_has("no group_vars for unit group CoursewareHub");
}

//! scripts/coursewarehub.rhai (issue 7) end to end on the lab, checked with real tools:
//! Ansible's ping from the workdir, `ssh-keygen -F`, PyYAML, and the swarm seen over OpenSSH.
use crate::support::labrun::LabRun;
use crate::support::{Cmd, ansible_cmd};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");

fn check_with_real_tools(l: &LabRun, ug: &str, nodes: usize, manager: &str) {
    let wd = l.dir.path();
    // Ansible, from the workdir, with the hosts and ansible.cfg cwh wrote
    let a = ansible_cmd("ansible", wd)
        .args([ug, "-m", "ping"])
        .run()
        .success();
    assert_eq!(
        a.stdout().matches("\"ping\": \"pong\"").count(),
        nodes,
        "{a}"
    );
    // known_hosts as OpenSSH reads it
    let inv = ansible_cmd("ansible-inventory", wd)
        .arg("--list")
        .run()
        .stdout_json();
    let hosts: Vec<String> = inv["_meta"]["hostvars"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(hosts.len(), nodes, "{inv}");
    for h in &hosts {
        Cmd::new("ssh-keygen")
            .args(["-F", h, "-f"])
            .arg(wd.join(".cwh/known_hosts"))
            .run()
            .check_that(&format!("{h} in known_hosts"), |r| !r.stdout().is_empty());
    }
    // group_vars as Python reads them
    let gv = ansible_cmd("python", wd)
        .args([
            "-c",
            &format!(
                "import yaml,json; print(json.dumps(yaml.safe_load(open('group_vars/{ug}.yml'))))"
            ),
        ])
        .run()
        .stdout_json();
    assert_eq!(gv["vc_nodes"], nodes as i64);
    assert_eq!(gv["vc_ipaddress"], manager);
    assert_eq!(gv["default_user"], "vcp");
}

#[test]
fn aws_three_nodes_with_a_disk_then_a_rerun_converges() {
    let l = LabRun::new("cwh-aws", 21);
    let r = l
        .run(
            SCRIPT,
            &[
                "--set",
                "vc_ipaddress=172.30.21.100",
                "--set",
                "vc_flavor=small",
                "--set",
                "vc_disk_size=16",
                "--set",
                "vc_nodes=3",
                "--set",
                "vc_nfs_disk_size=16",
            ],
        )
        .success()
        .stdout_has("are ready: manager 172.30.21.100, 2 worker(s)")
        .stdout_has("| nfs ");
    assert_eq!(r.stdout().matches("| Ready ").count(), 3, "{r}");
    check_with_real_tools(&l, "CoursewareHub", 3, "172.30.21.100");
    assert_eq!(l.containers().len(), 3);
    // a second run needs no parameters and changes nothing (not even the backups)
    let wd = l.dir.path();
    let bak = std::fs::read_to_string(wd.join("hosts.bak")).unwrap();
    let r = l
        .run(SCRIPT, &[])
        .success()
        .stderr_has("unit manager exists with 1 node(s): reusing it")
        .stderr_has("already manages a swarm");
    assert_eq!(r.stderr().matches(": member").count(), 2, "{r}");
    assert_eq!(r.stdout().matches("| Ready ").count(), 3, "{r}");
    assert_eq!(l.containers().len(), 3);
    assert_eq!(std::fs::read_to_string(wd.join("hosts.bak")).unwrap(), bak);
    assert!(
        !wd.join("ansible.cfg.bak").exists(),
        "an unchanged ansible.cfg was backed up"
    );
    // fewer nodes than exist is refused before group_vars change
    l.run(SCRIPT, &["--set", "vc_nodes=2"])
        .code(1)
        .stderr_has("has 2 worker(s), more than vc_nodes=2 allows");
    let gv = std::fs::read_to_string(wd.join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("vc_nodes: 3"), "{gv}");
    // a contradicting re-run is refused before any change
    l.run(SCRIPT, &["--set", "vc_ipaddress=172.30.21.150"])
        .code(1)
        .stderr_has("already has its manager at 172.30.21.100");
}

#[test]
fn azure_two_nodes_without_a_disk() {
    let l = LabRun::new("cwh-azure", 22);
    l.run(
        SCRIPT,
        &[
            "--set",
            "vc_provider=azure",
            "--set",
            "vc_ipaddress=172.30.22.100",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
            "--set",
            "vc_nodes=2",
            "--set",
            "unit_group=Azure2",
        ],
    )
    .success()
    .stdout_lacks("| nfs ");
    check_with_real_tools(&l, "Azure2", 2, "172.30.22.100");
}

#[test]
fn one_node_is_a_manager_only_swarm() {
    let l = LabRun::new("cwh-one", 23);
    l.run(
        SCRIPT,
        &[
            "--set",
            "vc_ipaddress=172.30.23.100",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
            "--set",
            "vc_nodes=1",
            "--set",
            "unit_group=Solo",
        ],
    )
    .success()
    .stdout_has("0 worker(s)")
    .stdout_lacks("| worker ");
    assert_eq!(l.containers().len(), 1);
    check_with_real_tools(&l, "Solo", 1, "172.30.23.100");
}

#[test]
fn bad_parameters_fail_before_anything_is_created() {
    let l = LabRun::new("cwh-bad", 24);
    l.run(
        SCRIPT,
        &[
            "--set",
            "vc_disk_size=8",
            "--set",
            "vc_nodes=0",
            "--set",
            "vc_ipaddress=10.1.2.3",
            "--set",
            "ssh_public_key_path=/nonexistent/key.pub",
            "--set",
            "unit_group=Bad_Name",
        ],
    )
    .code(1)
    // the unit group name is checked first, on its own
    .stderr_has("unit_group")
    .stderr_has("Bad_Name");
    let mut r = l
        .run(
            SCRIPT,
            &[
                "--set",
                "vc_disk_size=8",
                "--set",
                "vc_nodes=0",
                "--set",
                "vc_ipaddress=10.1.2.3",
                "--set",
                "ssh_public_key_path=/nonexistent/key.pub",
                "--set",
                "vc_flavor=small",
            ],
        )
        .code(1);
    for want in [
        "vc_disk_size: must be ≥ 16, got 8",
        "vc_nodes: must be ≥ 1, got 0",
        "10.1.2.3 is outside the private network 172.30.24.0/24",
        "/nonexistent/key.pub does not exist",
        "4 problem(s) with the parameters",
        "nothing was created",
    ] {
        r = r.stderr_has(want);
    }
    assert!(l.containers().is_empty());
    assert!(!l.dir.path().join("group_vars").exists());
}

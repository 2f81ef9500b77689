//! scripts/coursewarehub.rhai (issue 7) end to end on the lab, checked with real tools:
//! Ansible's ping from the workdir, `ssh-keygen -F`, PyYAML, and the swarm seen over OpenSSH.
use crate::support::labrun::LabRun;
use crate::support::{ansible_cmd, out};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");

fn check_with_real_tools(l: &LabRun, ug: &str, nodes: usize, manager: &str) {
    let wd = l.dir.path();
    // Ansible, from the workdir, with the hosts and ansible.cfg cwh wrote
    let o = ansible_cmd("ansible", wd)
        .args([ug, "-m", "ping"])
        .output()
        .unwrap();
    let (aout, aerr) = out(&o);
    assert!(o.status.success(), "{aout}\n{aerr}");
    assert_eq!(aout.matches("\"ping\": \"pong\"").count(), nodes, "{aout}");
    // known_hosts as OpenSSH reads it
    let inv = ansible_cmd("ansible-inventory", wd)
        .arg("--list")
        .output()
        .unwrap();
    let inv: serde_json::Value = serde_json::from_slice(&inv.stdout).unwrap();
    let hosts: Vec<String> = inv["_meta"]["hostvars"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(hosts.len(), nodes, "{inv}");
    for h in &hosts {
        let o = std::process::Command::new("ssh-keygen")
            .args(["-F", h, "-f"])
            .arg(wd.join(".cwh/known_hosts"))
            .output()
            .unwrap();
        assert!(!o.stdout.is_empty(), "{h} not in known_hosts");
    }
    // group_vars as Python reads them
    let py = ansible_cmd("python", wd)
        .args([
            "-c",
            &format!(
                "import yaml,json; print(json.dumps(yaml.safe_load(open('group_vars/{ug}.yml'))))"
            ),
        ])
        .output()
        .unwrap();
    let gv: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(gv["vc_nodes"], nodes as i64);
    assert_eq!(gv["vc_ipaddress"], manager);
    assert_eq!(gv["default_user"], "vcp");
}

#[test]
fn aws_three_nodes_with_a_disk_then_a_rerun_converges() {
    let l = LabRun::new("cwh-aws", 21);
    let (code, stdout, err) = l.run(
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
    );
    assert_eq!(code, Some(0), "{stdout}\n{err}");
    assert!(
        stdout.contains("are ready: manager 172.30.21.100, 2 worker(s)"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("| Ready ").count(), 3, "{stdout}");
    assert!(stdout.contains("| nfs "), "disk table: {stdout}");
    check_with_real_tools(&l, "CoursewareHub", 3, "172.30.21.100");
    assert_eq!(l.containers().len(), 3);
    // a second run needs no parameters and changes nothing (not even the backups)
    let wd = l.dir.path();
    let bak = std::fs::read_to_string(wd.join("hosts.bak")).unwrap();
    let (code, stdout, err) = l.run(SCRIPT, &[]);
    assert_eq!(code, Some(0), "{stdout}\n{err}");
    assert!(
        err.contains("unit manager exists with 1 node(s): reusing it"),
        "{err}"
    );
    assert!(err.contains("already manages a swarm"), "{err}");
    assert_eq!(err.matches(": member").count(), 2, "{err}");
    assert_eq!(stdout.matches("| Ready ").count(), 3, "{stdout}");
    assert_eq!(l.containers().len(), 3);
    assert_eq!(std::fs::read_to_string(wd.join("hosts.bak")).unwrap(), bak);
    assert!(
        !wd.join("ansible.cfg.bak").exists(),
        "an unchanged ansible.cfg was backed up"
    );
    // fewer nodes than exist is refused before group_vars change
    let (code, _, err) = l.run(SCRIPT, &["--set", "vc_nodes=2"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("has 2 worker(s), more than vc_nodes=2 allows"),
        "{err}"
    );
    let gv = std::fs::read_to_string(wd.join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("vc_nodes: 3"), "{gv}");
    // a contradicting re-run is refused before any change
    let (code, _, err) = l.run(SCRIPT, &["--set", "vc_ipaddress=172.30.21.150"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("already has its manager at 172.30.21.100"),
        "{err}"
    );
}

#[test]
fn azure_two_nodes_without_a_disk() {
    let l = LabRun::new("cwh-azure", 22);
    let (code, stdout, err) = l.run(
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
    );
    assert_eq!(code, Some(0), "{stdout}\n{err}");
    assert!(!stdout.contains("| nfs "), "{stdout}");
    check_with_real_tools(&l, "Azure2", 2, "172.30.22.100");
}

#[test]
fn one_node_is_a_manager_only_swarm() {
    let l = LabRun::new("cwh-one", 23);
    let (code, stdout, err) = l.run(
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
    );
    assert_eq!(code, Some(0), "{stdout}\n{err}");
    assert!(
        stdout.contains("0 worker(s)") && !stdout.contains("| worker "),
        "{stdout}"
    );
    assert_eq!(l.containers().len(), 1);
    check_with_real_tools(&l, "Solo", 1, "172.30.23.100");
}

#[test]
fn bad_parameters_fail_before_anything_is_created() {
    let l = LabRun::new("cwh-bad", 24);
    let (code, stdout, err) = l.run(
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
    );
    assert_eq!(code, Some(1), "{stdout}");
    // the unit group name is checked first, on its own
    assert!(
        err.contains("unit_group") && err.contains("Bad_Name"),
        "{err}"
    );
    let (code, stdout, err) = l.run(
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
    );
    assert_eq!(code, Some(1), "{stdout}");
    for want in [
        "vc_disk_size: must be ≥ 16, got 8",
        "vc_nodes: must be ≥ 1, got 0",
        "10.1.2.3 is outside the private network 172.30.24.0/24",
        "/nonexistent/key.pub does not exist",
        "4 problem(s) with the parameters",
        "nothing was created",
    ] {
        assert!(err.contains(want), "missing {want:?} in {err}");
    }
    assert!(l.containers().is_empty());
    assert!(!l.dir.path().join("group_vars").exists());
}

//! scripts/build-nodes.rhai (issue 21): today's construction notebooks 011/021/031 as one
//! script, proven with real tools — `ansible-inventory` on the inventory.yml it writes, PyYAML
//! loading group_vars as the notebooks' scripts/group.py does, and the CCI the simulator
//! received (what a VCC would build).
use crate::support::{Dir, Run, ansible_cmd};
use serde_json::Value;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/build-nodes.rhai");

fn example(name: &str) -> String {
    format!("{}/examples/suite-{name}.yml", env!("CARGO_MANIFEST_DIR"))
}

/// `cwh run scripts/build-nodes.rhai --sim ARGS…` in `d`.
fn sim(d: &Dir, args: &[&str]) -> Run {
    d.cwh().args(["run", SCRIPT, "--sim"]).args(args).run()
}

/// Configuration 2 (021) with the example parameters: HubA, an NFS node, manager, 2 workers.
fn build_hub_a(d: &Dir) -> Run {
    sim(d, &["--params", &example("node")])
        .success()
        .stdout_has("configuration: nfs=node, notebook 021")
}

/// The simulator's state: unit group → unit → the CCI text it was created from.
fn ccis(d: &Dir) -> Vec<(String, String, String)> {
    let p = d.path().join(".cwh/sim-state.json");
    if !p.is_file() {
        return vec![];
    }
    let s: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let mut out = vec![];
    for vc in s["vcs"].as_array().unwrap() {
        for u in vc["units"].as_array().unwrap() {
            out.push((
                vc["name"].as_str().unwrap().to_string(),
                u["name"].as_str().unwrap().to_string(),
                u["info"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

/// The CCI of unit `unit` of unit group `ug`.
fn cci(d: &Dir, ug: &str, unit: &str) -> String {
    ccis(d)
        .into_iter()
        .find(|(g, u, _)| g == ug && u == unit)
        .unwrap_or_else(|| panic!("no unit {ug}/{unit} on the simulator"))
        .2
}

/// The unit groups on the simulator.
fn ugroups(d: &Dir) -> Vec<String> {
    let mut v: Vec<String> = ccis(d).into_iter().map(|(g, _, _)| g).collect();
    v.dedup();
    v
}

/// A file of the workdir loaded as the notebooks' Python helpers load it (yaml.safe_load).
fn py_yaml(d: &Dir, rel: &str) -> Value {
    ansible_cmd("python", d.path())
        .args([
            "-c",
            &format!("import yaml,json; print(json.dumps(yaml.safe_load(open('{rel}'))))"),
        ])
        .run()
        .success()
        .stdout_json()
}

/// `ansible-inventory --list -i inventory.yml` from the workdir.
fn inventory_list(d: &Dir) -> Value {
    ansible_cmd("ansible-inventory", d.path())
        .args(["--list", "-i", "inventory.yml"])
        .run()
        .success()
        .stdout_json()
}

fn hosts_of(inv: &Value, group: &str) -> Vec<String> {
    inv[group]["hosts"]
        .as_array()
        .unwrap_or_else(|| panic!("no group {group} in {inv}"))
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn config2_on_the_simulator_writes_todays_files_and_a_rerun_converges() {
    let d = Dir::new();
    build_hub_a(&d).stderr_has("VCC version 25.10.0");
    // group_vars/HubA without extension, as group.py writes and reads it
    assert!(d.path().join("group_vars/HubA").is_file());
    assert!(!d.path().join("group_vars/HubA.yml").exists());
    let gv = py_yaml(&d, "group_vars/HubA");
    for (k, v) in [
        ("ugroup_name", "HubA"),
        ("vc_provider", "aws"),
        ("manager_flavor", "small"),
        ("worker_flavor", "small"),
        ("nfs_flavor", "small"),
        ("docker_address_pool", "10.10.0.0/16"),
        ("master_fqdn", "hub-a.example.org"),
    ] {
        assert_eq!(gv[k], v, "{k} in {gv}");
    }
    for (k, v) in [
        ("manager_disk_size", 32),
        ("worker_disk_size", 16),
        ("worker_nodes", 2),
        ("nfs_root_disk_size", 16),
    ] {
        assert_eq!(gv[k], v, "{k} in {gv}");
    }
    assert_eq!(gv["extra_mount_points"], serde_json::json!(["/share"]));
    let nfs_ip = gv["nfs_ipaddress"].as_str().unwrap().to_string();
    let mgr_ip = gv["manager_ipaddress"].as_str().unwrap().to_string();
    assert_eq!(gv["master_ip"], mgr_ip.as_str());
    let workers: Vec<String> = gv["worker_ipaddresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    assert_eq!(workers.len(), 2);
    assert!(gv.get("nfs_target").is_none() && gv.get("disk_unit_group").is_none());
    // the inventory as Ansible reads it: the groups deploy playbooks select with -l
    let inv = inventory_list(&d);
    assert_eq!(
        inv["HubA"]["children"],
        serde_json::json!(["HubA_manager", "HubA_nfs", "HubA_worker"])
    );
    assert_eq!(hosts_of(&inv, "HubA_nfs"), [nfs_ip.as_str()]);
    assert_eq!(hosts_of(&inv, "HubA_manager"), [mgr_ip.as_str()]);
    assert_eq!(hosts_of(&inv, "HubA_worker"), workers);
    for ip in [&nfs_ip, &mgr_ip, &workers[0], &workers[1]] {
        let hv = &inv["_meta"]["hostvars"][ip.as_str()];
        assert_eq!(hv["servicenet_ip"], ip.as_str(), "{hv}");
        assert_eq!(hv["ansible_user"], "vcp");
        assert_eq!(hv["ansible_python_interpreter"], "/usr/bin/python3");
        // group_vars/HubA reaches every host of the group, the NFS node too
        assert_eq!(hv["master_fqdn"], "hub-a.example.org");
        assert_eq!(
            hv["ansible_ssh_private_key_file"],
            d.path().join(".cwh/lab_id_ed25519").to_str().unwrap()
        );
    }
    // the inventory as the notebooks' group.py loads it
    let raw = py_yaml(&d, "inventory.yml");
    assert_eq!(
        raw["all"]["children"]["HubA"]["children"]["HubA_nfs"]["hosts"][nfs_ip.as_str()]["servicenet_ip"],
        nfs_ip.as_str()
    );
    // ansible.cfg: only [defaults] inventory, as setup_ansible_cfg() writes it
    let cfg = std::fs::read_to_string(d.path().join("ansible.cfg")).unwrap();
    let want = format!(
        "[defaults]\ninventory = {}\n",
        d.path().join("inventory.yml").display()
    );
    assert_eq!(cfg.trim_end(), want.trim_end(), "{cfg}");
    // the specs as 021 builds them
    let n = cci(&d, "HubA", "nfs");
    assert!(n.contains("image: harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base-nfsd"));
    assert!(n.contains("'UGROUP_NAME=HubA'") && n.contains("'/exported:/exported'"));
    assert!(n.contains("'127.10.0.53'") && n.contains("EXTRA_MOUNT_POINTS=/share"));
    for unit in ["nfs", "manager", "worker"] {
        assert!(cci(&d, "HubA", unit).contains("AUTHORIZED_KEYS="), "{unit}");
    }
    for unit in ["manager", "worker"] {
        let c = cci(&d, "HubA", unit);
        assert!(c.contains("image: harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base\n"));
        assert!(c.contains(&format!("'NFS_SERVER={nfs_ip}'")), "{c}");
        assert!(c.contains(&format!("'dns': ['{nfs_ip}']")), "{c}");
    }
    // a re-run with the saved group_vars changes nothing; the site's group_vars file works as --params
    sim(&d, &["--set", "ugroup_name=HubA"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
    sim(&d, &["--params", "group_vars/HubA"])
        .success()
        .stderr_has("RECAP: converged, nothing changed")
        .stderr_lacks("is not a parameter");
    // the operating scripts' name for the unit group works too
    sim(&d, &["--set", "unit_group=HubA"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

#[test]
fn config3_shares_the_nfs_node_of_config2_in_the_same_workdir() {
    let d = Dir::new();
    build_hub_a(&d);
    let nfs_ip = py_yaml(&d, "group_vars/HubA")["nfs_ipaddress"]
        .as_str()
        .unwrap()
        .to_string();
    sim(&d, &["--params", &example("shared")])
        .success()
        .stdout_has("configuration: nfs=shared, notebook 031");
    let gv = py_yaml(&d, "group_vars/HubB");
    assert_eq!(gv["nfs_target"], "HubA_nfs");
    assert_eq!(gv["nfs_ipaddress"], nfs_ip.as_str());
    assert!(gv.get("nfs_flavor").is_none() && gv.get("vc_nfs_disk_size").is_none());
    let inv = inventory_list(&d);
    assert_eq!(
        inv["HubB"]["children"],
        serde_json::json!(["HubB_manager", "HubB_worker"])
    );
    // HubA's NFS group is still there for HubB's operating scripts
    assert_eq!(hosts_of(&inv, "HubA_nfs"), [nfs_ip.as_str()]);
    for unit in ["manager", "worker"] {
        let c = cci(&d, "HubB", unit);
        assert!(c.contains(&format!("'NFS_SERVER={nfs_ip}'")), "{c}");
    }
    assert!(!ccis(&d).iter().any(|(g, u, _)| g == "HubB" && u == "nfs"));
    sim(&d, &["--set", "ugroup_name=HubB"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

/// 031 as shipped fails at its worker cell (`coursewarehub:{base}`, a NameError); cwh gives the
/// workers of a shared hub the `base` image.
#[test]
fn shared_hub_workers_get_the_base_image() {
    let d = Dir::new();
    build_hub_a(&d);
    sim(&d, &["--params", &example("shared")]).success();
    let c = cci(&d, "HubB", "worker");
    assert!(
        c.contains("image: harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base\n"),
        "{c}"
    );
}

#[test]
fn config1_serves_nfs_from_the_manager_with_a_vc_disk() {
    let d = Dir::new();
    sim(&d, &["--params", &example("manager")])
        .success()
        .stdout_has("configuration: nfs=manager, notebook 011");
    let gv = py_yaml(&d, "group_vars/HubC");
    assert_eq!(gv["disk_unit_group"], "HubC_disk");
    assert_eq!(gv["vc_nfs_disk_size"], 32);
    let mgr_ip = gv["manager_ipaddress"].as_str().unwrap().to_string();
    let m = cci(&d, "HubC", "manager");
    assert!(m.contains("coursewarehub:base-nfsd"), "{m}");
    assert!(m.contains("'NFS_MKFS=yes'") && !m.contains("/exported:/exported"));
    let w = cci(&d, "HubC", "worker");
    assert!(w.contains(&format!("'NFS_SERVER={mgr_ip}'")), "{w}");
    assert!(ugroups(&d).contains(&"HubC_disk".to_string()));
    let inv = inventory_list(&d);
    assert_eq!(
        inv["HubC"]["children"],
        serde_json::json!(["HubC_manager", "HubC_worker"])
    );
    sim(&d, &["--set", "ugroup_name=HubC"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

/// None of 011/021/031 applies the MAC addresses a site enters (they test `vc_mac_addresses`
/// but save `vc_mac_address`): cwh puts each role's own MACs into its spec.
#[test]
fn mac_addresses_reach_the_spec_for_each_role() {
    let d = Dir::new();
    sim(
        &d,
        &[
            "--params",
            &example("node"),
            "--set",
            "vc_provider=vmware",
            "--set",
            "vc_mac_address=02:00:00:00:00:10",
            "--set",
            "nfs_mac_address=02:00:00:00:00:20",
            "--set",
            "worker_mac_addresses=[02:00:00:00:00:11, 02:00:00:00:00:12]",
        ],
    )
    .success();
    let n = cci(&d, "HubA", "nfs");
    let m = cci(&d, "HubA", "manager");
    let w = cci(&d, "HubA", "worker");
    assert!(
        n.contains("02:00:00:00:00:20") && !n.contains("02:00:00:00:00:10"),
        "{n}"
    );
    assert!(
        m.contains("02:00:00:00:00:10") && !m.contains("02:00:00:00:00:20"),
        "{m}"
    );
    assert!(
        w.contains("02:00:00:00:00:11") && w.contains("02:00:00:00:00:12"),
        "{w}"
    );
    for c in [&n, &m, &w] {
        assert!(c.contains("mac_address_list"), "{c}");
    }
    let gv = py_yaml(&d, "group_vars/HubA");
    assert_eq!(gv["vc_mac_address"], "02:00:00:00:00:10");
    assert_eq!(gv["nfs_mac_address"], "02:00:00:00:00:20");
}

#[test]
fn an_older_vcc_is_refused_with_the_version_found_and_needed() {
    let d = Dir::new();
    d.cwh()
        .args(["run", SCRIPT, "--sim", "--params", &example("node")])
        .env("CWH_SIM_VCC_VERSION", "25.01.0+20250101")
        .run()
        .code(1)
        .stderr_has("25.01.0+20250101")
        .stderr_has("older than 25.04");
    assert!(ugroups(&d).is_empty());
    assert!(!d.path().join("group_vars").exists());
    d.cwh()
        .args(["run", SCRIPT, "--sim", "--params", &example("node")])
        .env("CWH_SIM_VCC_VERSION", "25.10.0-rc1")
        .run()
        .code(1)
        .stderr_has("which cwh cannot read")
        .stderr_has("\"0-rc1\"");
    assert!(ugroups(&d).is_empty());
    // exactly the version needed is enough
    d.cwh()
        .args(["run", SCRIPT, "--sim", "--params", &example("node")])
        .env("CWH_SIM_VCC_VERSION", "25.04")
        .run()
        .success()
        .stderr_has("VCC version 25.04 (25.04 or later needed)");
}

#[test]
fn plan_works_for_the_three_configurations() {
    let d = Dir::new();
    // a plan follows its target (issue 23): under --sim the nodes are records, so the plan — as
    // the run — skips the SSH steps (exports, dnsmasq, swarm) and lists the VCC's objects
    let skipped = "the SSH steps (known_hosts, NFS, dnsmasq, swarm) are skipped";
    let cases: [(&str, &str, &[&str], &[&str]); 3] = [
        (
            "node",
            "HubA",
            &[
                "+ unit HubA/nfs",
                "coursewarehub:base-nfsd",
                "+ unit HubA/worker",
                skipped,
            ],
            &["docker swarm init", "put `"],
        ),
        (
            "shared",
            "HubB",
            &["+ unit HubB/manager", "+ unit HubB/worker", skipped],
            &["+ unit HubB/nfs", "coursewarehub:base-nfsd"],
        ),
        (
            "manager",
            "HubC",
            &["+ unit group HubC_disk", "coursewarehub:base-nfsd", skipped],
            &["+ unit HubC/nfs"],
        ),
    ];
    for (which, ug, has, lacks) in cases {
        let r = d
            .cwh()
            .args([
                "run",
                SCRIPT,
                "--sim",
                "--plan",
                "--params",
                &example(which),
            ])
            .run()
            .success()
            .stdout_has("PLAN for");
        for h in has {
            assert!(r.stdout().contains(h), "{which}: no {h:?}\n{r}");
        }
        for l in lacks {
            assert!(!r.stdout().contains(l), "{which}: {l:?}\n{r}");
        }
        assert!(
            !d.path().join(format!("group_vars/{ug}")).exists(),
            "{which}: a plan wrote group_vars"
        );
        // the shared hub plans against a built configuration-2 hub: build it for real
        if which == "node" {
            build_hub_a(&d);
        }
    }
    assert_eq!(ugroups(&d), ["HubA"]);
}

/// The files of a workdir outside `.cwh/` (name, content), for "nothing was written".
fn files(d: &Dir) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            if rel == ".cwh" || rel.starts_with(".ansible") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = vec![];
    walk(d.path(), d.path(), &mut out);
    out.sort();
    out
}

/// Each bad input is refused before anything is created: a non-zero exit, a message naming
/// the parameter and what to write instead, no unit group on the VCC, no file written.
fn refused(d: &Dir, args: &[&str], want: &[&str]) {
    let before = (ugroups(d), files(d));
    let r = sim(d, args).failure();
    let flat = |t: &str| {
        t.replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (o, e) = (flat(r.stdout()), flat(r.stderr()));
    for w in want {
        assert!(o.contains(w) || e.contains(w), "{args:?}: no {w:?} in\n{r}");
    }
    assert!(
        e.contains("nothing was created or saved") || e.contains("nothing was created"),
        "{args:?}: {r}"
    );
    assert!(!e.contains("panicked"), "{r}");
    assert_eq!(
        (ugroups(d), files(d)),
        before,
        "{args:?}: something changed\n{r}"
    );
}

#[test]
fn bad_inputs_are_refused_before_anything_is_created() {
    let node = example("node");
    let shared = example("shared");
    // a fresh workdir
    let d = Dir::new();
    let with = |extra: &[&'static str]| -> Vec<String> {
        let mut a = vec!["--params".to_string(), node.clone()];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            with(&["--set", "nfs=nfsnode"]),
            vec![
                "parameter nfs",
                "must be one of",
                "manager builds configuration 1",
            ],
        ),
        (
            with(&["--set", "nfs=Node"]),
            vec!["parameter nfs", "names are lower case: node"],
        ),
        (
            with(&["--set", "manager_ipaddress=10.1.2.3"]),
            vec![
                "parameter manager_ipaddress",
                "10.1.2.3 is outside the private network 172.30.2.0/24",
            ],
        ),
        (
            with(&["--set", "nfs_ipaddress=172.30.3.9"]),
            vec!["parameter nfs_ipaddress", "outside the private network"],
        ),
        (
            with(&["--set", "worker_ipaddresses=[172.30.2.150, 192.168.0.1]"]),
            vec!["parameter worker_ipaddresses", "192.168.0.1 is outside"],
        ),
        (
            with(&["--set", "worker_ipaddresses=[172.30.2.150]"]),
            vec!["1 address(es) for worker_nodes=2"],
        ),
        (
            with(&[
                "--set",
                "manager_ipaddress=172.30.2.150",
                "--set",
                "nfs_ipaddress=172.30.2.150",
            ]),
            vec!["172.30.2.150 is also given as manager_ipaddress"],
        ),
        (
            with(&["--set", "extra_mount_points=[share]"]),
            vec![
                "parameter extra_mount_points",
                "\"share\" is not an absolute path",
                "/share",
            ],
        ),
        (
            with(&["--set", "extra_mount_points=[/share/../../etc]"]),
            vec![
                "parameter extra_mount_points",
                "would escape /exported/<ugroup_name>",
            ],
        ),
        (
            with(&["--set", "extra_mount_points=[\"/a:/b\"]"]),
            vec!["parameter extra_mount_points", "not allowed"],
        ),
        (
            with(&["--set", "extra_mount_points=[/jupyter/x]"]),
            vec![
                "parameter extra_mount_points",
                "which the images mount themselves",
            ],
        ),
        (
            with(&["--set", "master_fqdn=hub_a.example.org"]),
            vec![
                "parameter master_fqdn",
                "the character \"_\"",
                "e.g. hub.example.org",
            ],
        ),
        (
            with(&["--set", "master_fqdn=hub"]),
            vec!["parameter master_fqdn", "has no domain"],
        ),
        (
            with(&["--set", "master_fqdn=172.30.2.9"]),
            vec!["parameter master_fqdn", "is an address, not a host name"],
        ),
        (
            with(&["--set", "master_fqdn=-hub.example.org"]),
            vec!["parameter master_fqdn", "may not start or end with \"-\""],
        ),
        (
            with(&[
                "--set",
                "vc_provider=vmware",
                "--set",
                "vc_mac_address=02:00:00:00:00",
            ]),
            vec![
                "parameter vc_mac_address",
                "is not a MAC address",
                "e.g. 02:00:00:00:00:01",
            ],
        ),
        (
            with(&[
                "--set",
                "vc_provider=vmware",
                "--set",
                "worker_mac_addresses=[02:00:00:00:00:11, 02:00:00:00:00:zz]",
            ]),
            vec![
                "parameter worker_mac_addresses",
                "02:00:00:00:00:zz\" is not a MAC address",
            ],
        ),
        (
            with(&["--set", "vc_mac_address=02:00:00:00:00:01"]),
            vec!["parameter vc_mac_address", "aws nodes take no MAC address"],
        ),
        (
            with(&["--set", "master_ip=172.30.2.9"]),
            vec![
                "parameter master_ip",
                "is not manager_ipaddress (not given)",
            ],
        ),
        (
            with(&["--set", "ssh_user_name=ubuntu"]),
            vec!["parameter ssh_user_name", "aws nodes take no login user"],
        ),
        (
            with(&["--set", "docker_address_pool=10.10.0.1/16"]),
            vec!["parameter docker_address_pool", "host bits set"],
        ),
        (
            with(&["--set", "ugroup_name=1Hub"]),
            vec!["parameter ugroup_name", "must start with an ASCII letter"],
        ),
        (
            with(&["--set", "worker_nodes=0"]),
            vec!["parameter worker_nodes", "must be ≥ 1"],
        ),
        (
            with(&["--set", "manager_disk_size=8"]),
            vec!["parameter manager_disk_size", "must be ≥ 16"],
        ),
        (
            vec!["--params".into(), shared.clone()],
            vec![
                "parameter nfs_target",
                "inventory.yml has no group HubA_nfs",
                "NFS groups here: none",
            ],
        ),
    ];
    for (args, want) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&d, &a, want);
    }
    // the lab serves NFS: the old lab switch is no parameter any more
    let a = with(&["--set", "lab_without_nfs=true"]);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    sim(&d, &a)
        .code(2)
        .stderr_has("never asks for a parameter `lab_without_nfs`")
        .stderr_has("Nothing was run");
    assert!(ugroups(&d).is_empty());
    // a hub of that name in this workdir's files: another inventory group, a 2020 hub
    d.write(
        "inventory.yml",
        "all:\n  children:\n    HubQ:\n      children:\n        HubQ_manager:\n          hosts:\n            172.30.2.9: {}\n",
    );
    refused(
        &d,
        &["--params", &node, "--set", "ugroup_name=HubQ"],
        &[
            "parameter ugroup_name",
            "inventory.yml already has a group HubQ",
            "choose another ugroup_name",
        ],
    );
    std::fs::remove_file(d.path().join("inventory.yml")).unwrap();
    d.write(
        "group_vars/HubQ.yml",
        "unit_group: HubQ\nvc_flavor: small\nvc_nodes: 3\n",
    );
    refused(
        &d,
        &["--params", &node, "--set", "ugroup_name=HubQ"],
        &[
            "parameter ugroup_name",
            "HubQ is a hub of the 2020 layout",
            "scripts/coursewarehub.rhai",
        ],
    );
    std::fs::remove_dir_all(d.path().join("group_vars")).unwrap();

    // with a configuration-2 hub HubA built in the workdir
    build_hub_a(&d);
    let hub_a_ip = py_yaml(&d, "group_vars/HubA")["nfs_ipaddress"]
        .as_str()
        .unwrap()
        .to_string();
    let sh = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["--params".to_string(), shared.clone()];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let wrong_server = format!("nfs_server={}", "172.30.2.99");
    let mgr_on_nfs = format!("manager_ipaddress={hub_a_ip}");
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        (
            sh(&["--set", "nfs_target=HubX_nfs"]),
            vec![
                "parameter nfs_target".into(),
                "has no group HubX_nfs (NFS groups here: [\"HubA_nfs\"])".into(),
            ],
        ),
        (
            sh(&["--set", "nfs_target=HubA_manager"]),
            vec![
                "parameter nfs_target".into(),
                "\"HubA_manager\" is not an NFS group".into(),
            ],
        ),
        (
            sh(&["--set", "nfs_target=HubB_nfs"]),
            vec!["parameter nfs_target".into(), "this hub's own group".into()],
        ),
        (
            sh(&["--set", &wrong_server]),
            vec![
                "parameter nfs_server".into(),
                format!("is not the host of HubA_nfs ({hub_a_ip})"),
            ],
        ),
        (
            sh(&["--set", &mgr_on_nfs]),
            vec![
                "parameter manager_ipaddress".into(),
                "is a node of unit group HubA".into(),
            ],
        ),
        // a re-run that contradicts the nodes (drift): refused with the table
        (
            vec![
                "--set".into(),
                "ugroup_name=HubA".into(),
                "--set".into(),
                "manager_flavor=large".into(),
            ],
            vec![
                "parameter".into(),
                "manager_flavor: the manager was built with".into(),
                "group_vars were kept".into(),
            ],
        ),
        (
            vec![
                "--set".into(),
                "ugroup_name=HubA".into(),
                "--set".into(),
                "nfs_root_disk_size=40".into(),
            ],
            vec!["nfs_root_disk_size: the nfs was built with".into()],
        ),
        (
            vec![
                "--set".into(),
                "ugroup_name=HubA".into(),
                "--set".into(),
                "worker_nodes=1".into(),
                "--set".into(),
                "worker_ipaddresses=[172.30.2.102]".into(),
            ],
            vec![
                "worker_nodes: HubA has 2 workers".into(),
                "scripts/remove-workers.rhai".into(),
            ],
        ),
        (
            vec![
                "--set".into(),
                "ugroup_name=HubA".into(),
                "--set".into(),
                "worker_nodes=3".into(),
            ],
            vec![
                "2 address(es) for worker_nodes=3".into(),
                "scripts/add-workers.rhai".into(),
            ],
        ),
        // a second hub with the same name: HubA is a configuration-2 hub
        (
            sh(&["--set", "ugroup_name=HubA"]),
            vec!["parameter nfs".into(), "HubA was built as nfs=node".into()],
        ),
    ];
    for (args, want) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let w: Vec<&str> = want.iter().map(String::as_str).collect();
        refused(&d, &a, &w);
    }
    // nfs_target whose node is down
    d.write(
        "off.rhai",
        "vcc::connect().get_ugroup(\"HubA\").get_unit(\"nfs\").power_off_nodes();\n",
    );
    d.cwh().args(["run", "off.rhai", "--sim"]).run().success();
    refused(
        &d,
        &["--params", &shared],
        &[
            "parameter nfs_target",
            "the NFS node of HubA is not running",
            "scripts/start-nodes.rhai --set unit_group=HubA",
        ],
    );
    // the same name as a unit group this workdir did not build (another workdir's hub)
    std::fs::rename(
        d.path().join("group_vars/HubA"),
        d.path().join("HubA.saved"),
    )
    .unwrap();
    refused(
        &d,
        &["--params", &node],
        &[
            "parameter ugroup_name",
            "unit group HubA already exists on the VCC",
            "choose another ugroup_name",
        ],
    );
    assert_eq!(ugroups(&d), ["HubA"]);
}

// ---- on the lab (the stand-ins of base-nfsd and base: nfs-ganesha, dnsmasq, FUSE NFS mounts) ----

use crate::support::labrun::LabRun;

/// `cat`/`stat` on the lab container whose name contains `part`.
fn in_node(l: &LabRun, part: &str, cmd: &str) -> String {
    let c = l
        .containers()
        .into_iter()
        .find(|n| n.contains(part))
        .unwrap_or_else(|| panic!("no container {part} in {:?}", l.containers()));
    let o = std::process::Command::new("docker")
        .args(["exec", &c, "sh", "-c", cmd])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn export_lines(ug: &str, ips: &[&str]) -> String {
    ips.iter()
        .map(|ip| {
            format!(
                "/exported/{ug} {ip}(rw,fsid=0,no_root_squash,no_subtree_check,sync,crossmnt)\n"
            )
        })
        .collect()
}

/// Configuration 2 on the lab: the NFS node's directories, exports per address, the dnsmasq
/// line, the mounts and a file seen through NFS, a 3-node swarm; a re-run only reads the nodes
/// (the mounts too, no file written) and says so.
#[test]
fn lab_config2_builds_then_a_rerun_changes_nothing() {
    let l = LabRun::new("j-suite2", 120);
    let r = l
        .run(
            SCRIPT,
            &["--params", &example("node")],
        )
        .success()
        .stderr_has("a file made on the NFS server is seen on 3 node(s)")
        .stdout_has("HubA (nfs=node) is ready: NFS server 172.30.120.100, manager 172.30.120.101 (hub-a.example.org), 2 worker(s)");
    assert_eq!(r.stdout().matches("| Ready ").count(), 3, "{r}");
    assert_eq!(l.containers().len(), 4);
    assert_eq!(
        in_node(&l, "huba-nfs", "cat /etc/exports.d/HubA.exports"),
        export_lines(
            "HubA",
            &["172.30.120.101", "172.30.120.102", "172.30.120.103"]
        )
    );
    assert_eq!(
        in_node(&l, "huba-nfs", "cat /etc/hosts-dnsmasq"),
        "172.30.120.101 hub-a.example.org\n"
    );
    assert_eq!(
        in_node(
            &l,
            "huba-nfs",
            "stat -c '%a %n' /exported/HubA/jupyter /exported/HubA/exchange /exported/HubA/share"
        ),
        "777 /exported/HubA/jupyter\n777 /exported/HubA/exchange\n1777 /exported/HubA/share\n"
    );
    // Ansible reaches every host of the inventory cwh wrote, with its known_hosts
    let a = ansible_cmd("ansible", l.dir.path())
        .args(["HubA", "-m", "ping"])
        .run()
        .success();
    assert_eq!(a.stdout().matches("\"ping\": \"pong\"").count(), 4, "{a}");
    // the re-run: every step reads first and changes nothing
    l.run(SCRIPT, &["--set", "ugroup_name=HubA"])
        .success()
        .stderr_has("the directories of HubA are as they should be (unchanged)")
        .stderr_has("/etc/hosts-dnsmasq already has 172.30.120.101 hub-a.example.org (unchanged)")
        .stderr_has("/etc/exports.d/HubA.exports unchanged (3 client(s))")
        .stderr_has("already manages a swarm")
        .stderr_has(
            "the NFS mounts ([\"/jupyter\", \"/exchange\", \"/share\"]) are in place on 3 node(s)",
        )
        .stderr_lacks("a file made on the NFS server")
        .stderr_lacks("mount -a")
        .stderr_has("RECAP: converged, nothing changed");
}

/// 031 writes `*` into the exports of a new hub on the shared node (and, as shipped, leaves
/// it); cwh writes one line per address of the hub's own nodes at every step. The dnsmasq
/// line of a hub whose manager is .10 leaves the line of another hub's .101 alone (the
/// notebooks' `regex="^{ip}"` replaces it).
#[test]
fn shared_hub_exports_never_star() {
    let l = LabRun::new("j-suite3", 121);
    l.run(SCRIPT, &["--params", &example("node")]).success();
    let r = l
        .run(
            SCRIPT,
            &[
                "--params",
                &example("shared"),
                "--set",
                "manager_ipaddress=172.30.121.10",
            ],
        )
        .success()
        .stdout_has("HubB (nfs=shared) is ready: NFS server 172.30.121.100, manager 172.30.121.10");
    // every exports file the run wrote, and what is there now: per address, never `*`
    let writes: Vec<&str> = r
        .stderr()
        .lines()
        .filter(|l| l.contains("HubB.exports now exports"))
        .collect();
    assert!(!writes.is_empty(), "{r}");
    assert!(writes.iter().all(|w| !w.contains('*')), "{writes:?}");
    let hubb = in_node(&l, "huba-nfs", "cat /etc/exports.d/HubB.exports");
    let worker = r
        .stdout()
        .lines()
        .find(|l| l.contains("| worker ") && l.contains("172.30.121."))
        .and_then(|l| {
            l.split('|')
                .map(str::trim)
                .find(|c| c.starts_with("172.30.121."))
        })
        .unwrap()
        .to_string();
    assert_eq!(hubb, export_lines("HubB", &["172.30.121.10", &worker]));
    assert!(!hubb.contains('*'));
    // HubA's exports untouched
    assert_eq!(
        in_node(&l, "huba-nfs", "cat /etc/exports.d/HubA.exports"),
        export_lines(
            "HubA",
            &["172.30.121.101", "172.30.121.102", "172.30.121.103"]
        )
    );
    // hosts_entry_does_not_clobber_a_longer_address: .10 added, .101 kept
    assert_eq!(
        in_node(&l, "huba-nfs", "cat /etc/hosts-dnsmasq"),
        "172.30.121.101 hub-a.example.org\n172.30.121.10 hub-b.example.org\n"
    );
    // the deploy notebooks' groups: HubB's never include the shared node
    let inv = inventory_list(&l.dir);
    assert_eq!(hosts_of(&inv, "HubB_manager"), ["172.30.121.10"]);
    assert_eq!(hosts_of(&inv, "HubA_nfs"), ["172.30.121.100"]);
    let a = ansible_cmd("ansible", l.dir.path())
        .args(["HubB", "-m", "ping"])
        .run()
        .success();
    assert_eq!(a.stdout().matches("\"ping\": \"pong\"").count(), 2, "{a}");
    // each hub reads only its own export
    in_node(
        &l,
        "huba-nfs",
        "echo a > /exported/HubA/jupyter/only-a && echo b > /exported/HubB/jupyter/only-b",
    );
    assert_eq!(in_node(&l, "huba-manager", "ls /jupyter"), "only-a\n");
    assert_eq!(in_node(&l, "hubb-manager", "ls /jupyter"), "only-b\n");
    assert_eq!(in_node(&l, "hubb-worker", "cat /jupyter/only-b"), "b\n");
    // both swarms stand apart: 3 and 2 nodes
    l.run(SCRIPT, &["--set", "ugroup_name=HubB"])
        .success()
        .stderr_has("/etc/exports.d/HubB.exports unchanged (2 client(s))")
        .stderr_has("RECAP: converged, nothing changed");
}

/// Configuration 1 on the lab: the manager serves NFS to the workers only, and its own
/// dnsmasq knows the hub's name.
#[test]
fn lab_config1_serves_nfs_from_the_manager() {
    let l = LabRun::new("j-suite1", 122);
    let r = l
        .run(
            SCRIPT,
            &[
                "--params",
                &example("manager"),
                "--set",
                "vc_nfs_disk_size=0",
            ],
        )
        .success()
        .stdout_has(
            "HubC (nfs=manager) is ready: NFS server 172.30.122.100, manager 172.30.122.100",
        )
        .stderr_has("a file made on the NFS server is seen on 2 node(s)");
    assert_eq!(r.stdout().matches("| Ready ").count(), 3, "{r}");
    assert_eq!(
        in_node(&l, "hubc-manager", "cat /etc/exports.d/HubC.exports"),
        export_lines("HubC", &["172.30.122.101", "172.30.122.102"])
    );
    assert_eq!(
        in_node(&l, "hubc-manager", "cat /etc/hosts-dnsmasq"),
        "172.30.122.100 hub-c.example.org\n"
    );
    // the workers read the manager's export
    in_node(&l, "hubc-manager", "echo c > /exported/HubC/jupyter/c.txt");
    assert_eq!(in_node(&l, "hubc-worker", "cat /jupyter/c.txt"), "c\n");
    l.run(SCRIPT, &["--set", "ugroup_name=HubC"])
        .success()
        .stderr_has("/etc/exports.d/HubC.exports unchanged (2 client(s))")
        .stderr_has("RECAP: converged, nothing changed");
}

/// The notebooks' `lineinfile regex="^{manager_ipaddress}"` is an unescaped prefix: a hub whose
/// manager is .10 replaces the line of another hub's .100 on a shared NFS node. cwh matches the
/// whole first field (the lab test above proves it on a node too).
#[test]
fn hosts_entry_does_not_clobber_a_longer_address() {
    let d = Dir::new();
    d.write(
        "h.rhai",
        r#"import "nfs" as nfs;
let t = "172.30.2.100 hub-a.example.org\n# kept\n172.30.2.101\thub-c.example.org\n";
print(nfs::hosts_text(t, "172.30.2.10", "hub-b.example.org"));
print("--");
print(nfs::hosts_text(t, "172.30.2.101", "hub-d.example.org"));
print("--");
print(nfs::hosts_text("", "172.30.2.10", "hub-b.example.org") == "172.30.2.10 hub-b.example.org\n");
print(nfs::hosts_text(t, "172.30.2.100", "hub-a.example.org") == t);
"#,
    );
    let r = d.cwh().args(["run", "h.rhai"]).run().success();
    assert_eq!(
        r.stdout(),
        "172.30.2.100 hub-a.example.org\n# kept\n172.30.2.101\thub-c.example.org\n172.30.2.10 hub-b.example.org\n\n--\n\
         172.30.2.100 hub-a.example.org\n# kept\n172.30.2.101 hub-d.example.org\n\n--\ntrue\ntrue\n"
    );
}

/// mdx (onpremises): fixed addresses and the VMs' login user reach every spec; the root disk
/// sizes are not applied (said once), and a re-run converges.
#[test]
fn onpremises_takes_the_login_user_and_fixed_addresses() {
    let d = Dir::new();
    let args = [
        "--params",
        &example("node"),
        "--set",
        "vc_provider=onpremises",
        "--set",
        "manager_flavor=default",
        "--set",
        "worker_flavor=default",
        "--set",
        "nfs_flavor=default",
        "--set",
        "manager_ipaddress=172.30.2.50",
        "--set",
        "nfs_ipaddress=172.30.2.51",
        "--set",
        "worker_ipaddresses=[172.30.2.52, 172.30.2.53]",
    ];
    // without the login user: refused
    let r = sim(&d, &args).failure();
    assert!(
        r.stderr()
            .contains("parameter ssh_user_name: onpremises (mdx) needs"),
        "{r}"
    );
    let mut with_user = args.to_vec();
    with_user.extend(["--set", "ssh_user_name=mdxuser"]);
    let r = sim(&d, &with_user).success();
    assert_eq!(
        r.stderr()
            .matches("does not support the specification of the root volume size")
            .count(),
        1,
        "{r}"
    );
    for (unit, ip) in [
        ("nfs", "172.30.2.51"),
        ("manager", "172.30.2.50"),
        ("worker", "172.30.2.52"),
    ] {
        let c = cci(&d, "HubA", unit);
        assert!(c.contains("user_name: mdxuser") && c.contains(ip), "{c}");
    }
    assert_eq!(py_yaml(&d, "group_vars/HubA")["ssh_user_name"], "mdxuser");
    sim(&d, &["--set", "ugroup_name=HubA"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

/// A configuration-3 hub whose shared NFS node does not serve NFS (`systemctl status
/// nfs-server` fails there) is refused before anything is saved or created, naming
/// nfs_target; once the server runs again the same command builds it.
#[test]
fn shared_hub_on_an_inactive_nfs_server_is_refused_before_anything() {
    let l = LabRun::new("g-nfsdown", 195);
    l.run(SCRIPT, &["--params", &example("node")]).success();
    in_node(&l, "huba-nfs", "systemctl stop nfs-server");
    let before = l.containers().len();
    l.run(SCRIPT, &["--params", &example("shared")])
        .failure()
        .stderr_has("parameter nfs_target: 172.30.195.100: the NFS server is not active")
        .stderr_has("nothing was created or saved");
    assert!(!l.dir.path().join("group_vars/HubB").exists());
    assert_eq!(l.containers().len(), before);
    in_node(&l, "huba-nfs", "systemctl start nfs-server");
    l.run(SCRIPT, &["--params", &example("shared")])
        .success()
        .stdout_has("HubB (nfs=shared) is ready");
}

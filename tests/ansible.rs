//! Ansible files (issue 5) checked by real Ansible and PyYAML: group_vars, inventory and
//! ansible.cfg written by cwh are read by `ansible-inventory`, `ansible -m debug` and
//! `yaml.safe_load` to the values we meant; files written by PyYAML load the same in cwh.
use crate::support::{Dir, ansible_cmd};

const WRITE: &str = r#"
group_vars::update("CoursewareHub", #{
    unit_group: "CoursewareHub", vc_provider: "aws", vc_nodes: 3, vc_disk_size: 32,
    vc_ipaddress: "172.30.2.100", flag: "yes", mode: "0022", port: "22:22", empty: "",
    worker_ipaddresses: ["172.30.2.101", "172.30.2.102"], nested: #{ a: [1, #{ b: "on" }] },
    db_password: "s3cret", nothing: ()
});
inventory::update("hosts", #{ all: #{ children: #{ CoursewareHub: #{
    children: #{
        manager: #{ hosts: #{ "172.30.2.100": #{} } },
        worker: #{ hosts: #{ "172.30.2.101": #{}, "172.30.2.102": #{} } }
    },
    vars: #{ ansible_user: "vcp", ansible_ssh_private_key_file: "/tmp/id_rsa" }
} } } });
print(ansible_cfg::setup("hosts"));
print(group_vars::show("CoursewareHub"));
"#;

fn expected() -> serde_json::Value {
    serde_json::json!({
        "unit_group": "CoursewareHub", "vc_provider": "aws", "vc_nodes": 3, "vc_disk_size": 32,
        "vc_ipaddress": "172.30.2.100", "flag": "yes", "mode": "0022", "port": "22:22", "empty": "",
        "worker_ipaddresses": ["172.30.2.101", "172.30.2.102"], "nested": {"a": [1, {"b": "on"}]},
        "db_password": "s3cret", "nothing": null
    })
}

#[test]
fn group_vars_load_to_the_same_values_in_pyyaml_and_ansible() {
    let d = Dir::new();
    d.write("w.rhai", WRITE);
    d.cwh()
        .args(["run", "w.rhai"])
        .run()
        .success()
        .stdout_lacks("s3cret")
        .stdout_has("vc_nodes: 3");
    // PyYAML
    let py = ansible_cmd("python", d.path())
        .args(["-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(open('group_vars/CoursewareHub.yml'))))"])
        .run()
        .success();
    assert_eq!(py.stdout_json(), expected());
    // Ansible resolves the same values for a host of the group
    ansible_cmd("ansible", d.path())
        .args([
            "CoursewareHub",
            "-m",
            "debug",
            "-a",
            "var=mode",
            "-l",
            "172.30.2.100",
        ])
        .run()
        .success()
        .stdout_has("\"mode\": \"0022\"");
    ansible_cmd("ansible", d.path())
        .args([
            "CoursewareHub",
            "-m",
            "debug",
            "-a",
            "var=flag",
            "-l",
            "172.30.2.101",
        ])
        .run()
        .stdout_has("\"flag\": \"yes\"");
}

#[test]
fn inventory_and_cfg_are_ansibles_own() {
    let d = Dir::new();
    d.write("w.rhai", WRITE);
    d.cwh().args(["run", "w.rhai"]).run().success();
    // ansible.cfg points at the inventory, so no -i is needed
    let res = ansible_cmd("ansible-inventory", d.path())
        .arg("--list")
        .run()
        .success();
    let stdout = res.stdout();
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    assert_eq!(v["manager"]["hosts"], serde_json::json!(["172.30.2.100"]));
    assert_eq!(
        v["worker"]["hosts"],
        serde_json::json!(["172.30.2.101", "172.30.2.102"])
    );
    let kids = v["CoursewareHub"]["children"].as_array().unwrap();
    assert!(
        kids.contains(&"manager".into()) && kids.contains(&"worker".into()),
        "{stdout}"
    );
    let hv = &v["_meta"]["hostvars"]["172.30.2.101"];
    assert_eq!(hv["ansible_user"], "vcp");
    assert_eq!(
        hv["vc_nodes"], 3,
        "group_vars next to the inventory are loaded: {hv}"
    );
    let cfg = std::fs::read_to_string(d.path().join("ansible.cfg")).unwrap();
    assert!(!cfg.contains("command_warnings"), "{cfg}");
    // set_hosts replaces one group's hosts, remove_group drops the subtree; both keep .bak
    d.write(
        "s.rhai",
        "inventory::set_hosts(\"hosts\", [\"CoursewareHub\", \"worker\"], [\"172.30.2.103\"]);\n",
    );
    d.cwh().args(["run", "s.rhai"]).run().success();
    let v = ansible_cmd("ansible-inventory", d.path())
        .arg("--list")
        .run()
        .stdout_json();
    assert_eq!(v["worker"]["hosts"], serde_json::json!(["172.30.2.103"]));
    assert!(d.path().join("hosts.bak").exists());
    d.write("r.rhai", "print(inventory::remove_group(\"hosts\", \"CoursewareHub\"));\nprint(inventory::remove_group(\"hosts\", \"CoursewareHub\"));\n");
    let o = d.cwh().args(["run", "r.rhai"]).run();
    assert_eq!(o.stdout(), "true\nfalse\n");
    let v = ansible_cmd("ansible-inventory", d.path())
        .arg("--list")
        .run()
        .stdout_json();
    assert!(v.get("worker").is_none(), "{v}");
}

#[test]
fn pyyaml_written_group_vars_load_identically_in_cwh() {
    let d = Dir::new();
    std::fs::create_dir_all(d.path().join("group_vars")).unwrap();
    let data = serde_json::to_string(&expected()).unwrap();
    ansible_cmd("python", d.path())
        .args([
            "-c",
            &format!("import yaml,json; open('group_vars/G','w').write(yaml.safe_dump(json.loads('''{data}'''), default_flow_style=False))"),
        ])
        .run()
        .success();
    d.write("r.rhai", "print(to_json(group_vars::load(\"G\")));\ngroup_vars::update(\"G\", #{ added: \"no\" });\n");
    let res = d.cwh().args(["run", "r.rhai"]).run().success();
    let stdout = res.stdout();
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    assert_eq!(v, expected());
    // the current notebooks' layout (no extension) was kept
    assert!(d.path().join("group_vars/G").is_file() && !d.path().join("group_vars/G.yml").exists());
}

#[test]
fn malformed_files_are_reported_and_left_untouched() {
    let d = Dir::new();
    let bad = "a: [1, 2\nb: 3\n";
    d.write("group_vars/G.yml", bad);
    d.write("u.rhai", "group_vars::update(\"G\", #{ c: 1 });\n");
    d.cwh()
        .args(["run", "u.rhai"])
        .run()
        .code(1)
        .stderr_has("G.yml")
        .stderr_has("u.rhai:1");
    assert_eq!(
        std::fs::read_to_string(d.path().join("group_vars/G.yml")).unwrap(),
        bad
    );
    let cfg = "[defaults]\nforks = 5\nnot ini at all\n";
    d.write("ansible.cfg", cfg);
    d.write("c.rhai", "ansible_cfg::setup(\"hosts\");\n");
    d.cwh()
        .args(["run", "c.rhai"])
        .run()
        .code(1)
        .stderr_has("ansible.cfg:3");
    assert_eq!(
        std::fs::read_to_string(d.path().join("ansible.cfg")).unwrap(),
        cfg
    );
    d.write("k.rhai", "group_vars::remove(\"G2\", [\"x\"]);\n");
    d.cwh()
        .args(["run", "k.rhai"])
        .run()
        .stderr_has("if_exists");
}

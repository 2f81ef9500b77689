//! The operating scripts (add-workers, remove-workers, stop-nodes, start-nodes, teardown) on hubs
//! of today's layout (scripts/build-nodes.rhai, notebooks 011/021/031; issue 21 item 4), the 2020
//! layout still found as such. On the lab, one workdir holds a configuration-2 hub (HubA, its own
//! NFS node) and a configuration-3 hub (HubB, on HubA's NFS node): the exports, inventory.yml
//! and the swarms are kept in step, proven by reads through the nodes' NFS mounts, `nfs-cat`
//! and real `ansible-inventory --list`.
use crate::support::labrun::LabRun;
use crate::support::{Dir, Run, ansible_cmd};
use serde_json::Value;

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    format!("{}/examples/suite-{name}.yml", env!("CARGO_MANIFEST_DIR"))
}

/// `ansible-inventory --list -i inventory.yml` in `dir`.
fn inventory_list(dir: &std::path::Path) -> Value {
    ansible_cmd("ansible-inventory", dir)
        .args(["--list", "-i", "inventory.yml"])
        .run()
        .success()
        .stdout_json()
}

/// The hosts of `group` in an `ansible-inventory --list`, sorted (`[]` when there is no group).
fn hosts_of(inv: &Value, group: &str) -> Vec<String> {
    let mut v: Vec<String> = inv[group]["hosts"]
        .as_array()
        .map(|a| a.iter().map(|h| h.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

// ---- the simulator: which layout the saved files are ----

fn sim(d: &Dir, name: &str, args: &[&str]) -> Run {
    d.cwh()
        .args(["run", &script(name), "--sim"])
        .args(args)
        .run()
}

/// Each node's (unit group, unit, state) as the simulator of `d` reports it.
fn sim_nodes(d: &Dir) -> Vec<(String, String, String)> {
    let f = d.write(
        "states.rhai",
        "for g in vcc::connect().ugroups() { for n in g.nodes() { print(`${g.name} ${n.unit_name} ${n.state}`); } }",
    );
    let r = d
        .cwh()
        .args(["-q", "run", f.to_str().unwrap(), "--sim"])
        .run()
        .success();
    r.stdout()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() == 3).then(|| (f[0].to_string(), f[1].to_string(), f[2].to_string()))
        })
        .collect()
}

/// The operating scripts find the layout from the saved files: the 2020 one
/// (group_vars/<ug>.yml + hosts) and today's (group_vars/<ug> + inventory.yml, with the NFS
/// server of each configuration); stop never powers the NFS node; teardown of a
/// configuration-2 hub is refused while a configuration-3 hub of the workdir uses its NFS node,
/// and the configuration-3 hub's groups leave inventory.yml.
#[test]
fn operating_scripts_find_the_layout_of_both_flows_on_the_simulator() {
    // the 2020 layout
    let old = Dir::new();
    sim(
        &old,
        "coursewarehub",
        &[
            "--set",
            "vc_ipaddress=172.30.2.100",
            "--set",
            "vc_nodes=2",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
        ],
    )
    .success();
    sim(&old, "stop-nodes", &[]).success().stderr_has(
        "CoursewareHub: layout 2020 (scripts/coursewarehub.rhai): group_vars/CoursewareHub.yml, hosts",
    );
    sim(&old, "teardown", &["--yes"])
        .success()
        .stderr_has("CoursewareHub: layout 2020 (scripts/coursewarehub.rhai): group_vars/CoursewareHub.yml, hosts")
        .stdout_has("group_vars of CoursewareHub moved to");
    assert!(!old.path().join("inventory.yml").exists());

    // today's layout: configuration 2 and a configuration-3 hub on its NFS node
    let d = Dir::new();
    sim(&d, "build-nodes", &["--params", &example("node")]).success();
    sim(&d, "build-nodes", &["--params", &example("shared")]).success();
    let r = sim(
        &d,
        "stop-nodes",
        &["--set", "unit_group=HubA", "--set", "stop_manager=true"],
    )
    .success()
    .stderr_has("HubA: layout today's (notebooks 011/021/031, scripts/build-nodes.rhai): group_vars/HubA, inventory.yml; nfs=node, NFS server 172.30.2.100 (HubA_nfs)")
    .stdout_has("the NFS node 172.30.2.100 (HubA_nfs) is left as it is (RUNNING)");
    let states = sim_nodes(&d);
    assert!(
        states.contains(&("HubA".into(), "nfs".into(), "RUNNING".into())),
        "{states:?}\n{r}"
    );
    assert!(states.contains(&("HubA".into(), "manager".into(), "POWER_OFF".into())));
    sim(&d, "stop-nodes", &["--set", "unit_group=HubB"])
        .success()
        .stderr_has("HubB: layout today's (notebooks 011/021/031, scripts/build-nodes.rhai): group_vars/HubB, inventory.yml; nfs=shared, NFS server 172.30.2.100 (HubA_nfs)");
    // the start refuses while the NFS node is down, and powers nothing
    let down = r#"let u = vcc::connect().get_ugroup("HubA").get_unit("nfs"); u.power_off_nodes();"#;
    let f = d.write("nfs-off.rhai", down);
    d.cwh()
        .args(["run", f.to_str().unwrap(), "--sim"])
        .run()
        .success();
    sim(&d, "start-nodes", &["--set", "unit_group=HubB"])
        .code(1)
        .stderr_has("the NFS node of HubB (HubA_nfs) is not running")
        .stderr_has("never powers an NFS node")
        .stderr_has("nothing was started");
    assert!(sim_nodes(&d).contains(&("HubB".into(), "manager".into(), "RUNNING".into())));
    assert!(sim_nodes(&d).contains(&("HubA".into(), "nfs".into(), "POWER_OFF".into())));

    // teardown of HubA: refused, naming HubB and what to do; nothing deleted
    sim(&d, "teardown", &["--set", "unit_group=HubA", "--yes"])
        .code(1)
        .stderr_has("still serves 1 other hub(s): HubB (group_vars/HubB has nfs_target: HubA_nfs)")
        .stderr_has(
            "Tear those hubs down first (cwh run scripts/teardown.rhai --set unit_group=HubB",
        )
        .stderr_has("nothing was deleted");
    assert_eq!(sim_nodes(&d).len(), 6);
    // HubB goes: its groups leave inventory.yml, HubA's stay
    sim(&d, "teardown", &["--set", "unit_group=HubB", "--yes"])
        .success()
        .stdout_has("removed group HubB from inventory.yml");
    let inv = inventory_list(d.path());
    assert!(hosts_of(&inv, "HubB_manager").is_empty(), "{inv}");
    assert!(hosts_of(&inv, "HubB_worker").is_empty(), "{inv}");
    assert_eq!(hosts_of(&inv, "HubA_nfs"), ["172.30.2.100"]);
    assert!(!d.path().join("group_vars/HubB").exists());
    // then HubA can go
    sim(&d, "teardown", &["--set", "unit_group=HubA", "--yes"])
        .success()
        .stdout_has("HubA is torn down");
    assert!(sim_nodes(&d).is_empty());
    let inv = inventory_list(d.path());
    assert!(hosts_of(&inv, "HubA_nfs").is_empty(), "{inv}");
}

// ---- the lab: both hubs operated for real ----

const NET: u8 = 165;

fn ip(n: u8) -> String {
    format!("172.30.{NET}.{n}")
}

/// `sh -c CMD` as root on the node at `addr`: (exit code, stdout + stderr).
fn on(l: &LabRun, addr: &str, cmd: &str) -> (i32, String) {
    let o = std::process::Command::new("docker")
        .args(["exec", &l.container_at(addr), "sh", "-c", cmd])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap_or(-1), text)
}

/// `cmd` on `addr`, which must succeed; its output.
fn on_ok(l: &LabRun, addr: &str, cmd: &str) -> String {
    let (rc, out) = on(l, addr, cmd);
    assert_eq!(rc, 0, "{cmd} on {addr}: {out}");
    out
}

/// The exports file of `ug` on the NFS node, as its addresses.
fn exports(l: &LabRun, ug: &str) -> Vec<String> {
    let (rc, out) = on(l, &ip(100), &format!("cat /etc/exports.d/{ug}.exports"));
    if rc != 0 {
        return vec![];
    }
    let mut v: Vec<String> = out
        .lines()
        .map(|line| {
            assert!(
                line.starts_with(&format!("/exported/{ug} ")),
                "exports of {ug}: {out}"
            );
            let c = line.split_whitespace().nth(1).unwrap();
            c.split('(').next().unwrap().to_string()
        })
        .collect();
    v.sort();
    v
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

/// The swarm's Ready nodes as the manager at `manager` lists them.
fn ready(l: &LabRun, manager: &str) -> usize {
    on_ok(
        l,
        manager,
        "docker node ls --format '{{.Status}}' | grep -c '^Ready$' || true",
    )
    .trim()
    .parse()
    .unwrap()
}

/// A file read through the NFS mount `/jupyter` on `addr`, retried for a while (a mount made
/// in the background); `None` when it cannot be read.
fn read_mount(l: &LabRun, addr: &str, file: &str) -> Option<String> {
    let (rc, out) = on(
        l,
        addr,
        &format!(
            "for i in $(seq 1 20); do cat /jupyter/{file} 2>/dev/null && exit 0; sleep 1; done; exit 1"
        ),
    );
    (rc == 0).then_some(out)
}

/// `nfs-cat` of a file of hub `ug`'s export from the node at `addr` (no mount): its text, or
/// `None` when the NFS server refuses.
fn nfs_cat(l: &LabRun, addr: &str, ug: &str, file: &str) -> Option<String> {
    let (rc, out) = on(
        l,
        addr,
        &format!("nfs-cat nfs://{}/exported/{ug}/jupyter/{file}", ip(100)),
    );
    (rc == 0).then_some(out)
}

fn converged(r: Run) -> Run {
    r.success().stderr_has("RECAP: converged")
}

/// Configuration 2 (HubA: NFS node .100, manager .101, workers .102 .103) and configuration 3
/// (HubB: manager .110, worker .111) in one workdir, then every operating script on both:
/// the exports, inventory.yml and the swarms stay in step, the NFS node is never powered, and
/// HubA cannot be torn down while HubB uses its NFS node.
#[test]
fn operating_both_hubs_keeps_exports_inventory_and_swarms_in_step() {
    let l = LabRun::new("n-ops", NET);
    let run = |name: &str, args: &[&str]| l.run(&script(name), args);
    run("build-nodes", &["--params", &example("node")])
        .success()
        .stdout_has(&format!("HubA (nfs=node) is ready: NFS server {}", ip(100)));
    run(
        "build-nodes",
        &[
            "--params",
            &example("shared"),
            "--set",
            &format!("manager_ipaddress={}", ip(110)),
            "--set",
            &format!("worker_ipaddresses=[{}]", ip(111)),
        ],
    )
    .success()
    .stdout_has("HubB (nfs=shared) is ready");
    on_ok(
        &l,
        &ip(100),
        "echo a > /exported/HubA/jupyter/a.txt && echo b > /exported/HubB/jupyter/b.txt",
    );
    let a = |n: &[u8]| n.iter().map(|&x| ip(x)).collect::<Vec<String>>();
    assert_eq!(exports(&l, "HubA"), a(&[101, 102, 103]));
    assert_eq!(exports(&l, "HubB"), a(&[110, 111]));

    // ## add-workers on HubA by address: the plan first (it reads the nodes, changes nothing)
    run(
        "add-workers",
        &[
            "--plan",
            "--set",
            "unit_group=HubA",
            "--set",
            &format!("add_ipaddresses={}", ip(104)),
        ],
    )
    .success()
    .stdout_has("put `/etc/exports.d/HubA.exports");
    assert_eq!(exports(&l, "HubA"), a(&[101, 102, 103]));
    // then the run: opened to the new address first, then exactly the hub's
    let r = run(
        "add-workers",
        &[
            "--set",
            "unit_group=HubA",
            "--set",
            &format!("add_ipaddresses={}", ip(104)),
        ],
    )
    .success()
    .stdout_has(&format!(
        "exports of HubA opened to the new address(es) [\"{}\"]",
        ip(104)
    ))
    .stdout_has(&format!("NFS mounts of HubA in place on [\"{}\"]", ip(104)));
    assert_eq!(exports(&l, "HubA"), a(&[101, 102, 103, 104]), "{r}");
    assert_eq!(read_mount(&l, &ip(104), "a.txt").as_deref(), Some("a\n"));
    assert_eq!(ready(&l, &ip(101)), 4);
    // ## add-workers on HubB by count; the same command again changes nothing
    run(
        "add-workers",
        &["--set", "unit_group=HubB", "--set", "add_nodes=1"],
    )
    .success();
    let inv = inventory_list(l.dir.path());
    let hubb_workers = hosts_of(&inv, "HubB_worker");
    assert_eq!(hubb_workers.len(), 2, "{inv}");
    let new_b = hubb_workers
        .iter()
        .find(|w| **w != ip(111))
        .unwrap()
        .clone();
    assert_eq!(
        exports(&l, "HubB"),
        sorted(&[ip(110), ip(111), new_b.clone()])
    );
    assert_eq!(read_mount(&l, &new_b, "b.txt").as_deref(), Some("b\n"));
    assert_eq!(
        nfs_cat(&l, &new_b, "HubA", "a.txt"),
        None,
        "HubB's node reads HubA's export"
    );
    assert_eq!(ready(&l, &ip(110)), 3);
    converged(run(
        "add-workers",
        &["--set", "unit_group=HubB", "--set", "add_nodes=1"],
    ))
    .stdout_has("was already carried out");
    // inventory.yml as the deploy notebooks select it, with servicenet_ip
    assert_eq!(hosts_of(&inv, "HubA_worker"), a(&[102, 103, 104]));
    assert_eq!(
        inv["_meta"]["hostvars"][ip(104)]["servicenet_ip"],
        Value::String(ip(104))
    );
    assert_eq!(hosts_of(&inv, "HubA_nfs"), a(&[100]));

    // ## remove-workers on HubA: the address leaves the exports and inventory.yml
    run(
        "remove-workers",
        &[
            "--set",
            "unit_group=HubA",
            "--set",
            &format!("delete_ipaddresses={}", ip(102)),
        ],
    )
    .success();
    assert_eq!(exports(&l, "HubA"), a(&[101, 103, 104]));
    let inv = inventory_list(l.dir.path());
    assert_eq!(hosts_of(&inv, "HubA_worker"), a(&[103, 104]));
    assert_eq!(ready(&l, &ip(101)), 3);
    assert_eq!(read_mount(&l, &ip(103), "a.txt").as_deref(), Some("a\n"));
    converged(run(
        "remove-workers",
        &[
            "--set",
            "unit_group=HubA",
            "--set",
            &format!("delete_ipaddresses={}", ip(102)),
        ],
    ));
    // remove HubB's new worker by count
    run(
        "remove-workers",
        &["--set", "unit_group=HubB", "--set", "delete_nodes=1"],
    )
    .success();
    assert_eq!(exports(&l, "HubB"), a(&[110, 111]));
    assert_eq!(
        hosts_of(&inventory_list(l.dir.path()), "HubB_worker"),
        a(&[111])
    );

    // ## stop/start HubA entirely: its NFS node keeps serving HubB
    let nfs_box = l.container_at(&ip(100));
    let mgr_a = l.container_at(&ip(101));
    run(
        "stop-nodes",
        &["--set", "unit_group=HubA", "--set", "stop_manager=true"],
    )
    .success()
    .stdout_has(&format!(
        "the NFS node {} (HubA_nfs) is left as it is (RUNNING)",
        ip(100)
    ));
    let running = |c: &str| {
        let o = std::process::Command::new("docker")
            .args(["inspect", "-f", "{{.State.Running}}", c])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).trim() == "true"
    };
    assert!(running(&nfs_box));
    assert!(!running(&mgr_a));
    assert_eq!(
        nfs_cat(&l, &ip(110), "HubB", "b.txt").as_deref(),
        Some("b\n")
    );
    converged(run(
        "stop-nodes",
        &["--set", "unit_group=HubA", "--set", "stop_manager=true"],
    ));
    run("start-nodes", &["--set", "unit_group=HubA"])
        .success()
        .stdout_has(&format!("NFS server {} (HubA_nfs): active", ip(100)))
        .stdout_has("NFS mounts of HubA in place on");
    assert_eq!(ready(&l, &ip(101)), 3);
    assert_eq!(read_mount(&l, &ip(101), "a.txt").as_deref(), Some("a\n"));
    converged(run("start-nodes", &["--set", "unit_group=HubA"]));
    // HubB's workers only, then back
    run("stop-nodes", &["--set", "unit_group=HubB"]).success();
    assert!(running(&nfs_box));
    run("start-nodes", &["--set", "unit_group=HubB"])
        .success()
        .stdout_has("NFS mounts of HubB in place on");
    assert_eq!(read_mount(&l, &ip(111), "b.txt").as_deref(), Some("b\n"));

    // ## teardown: HubA refused while HubB uses its NFS node — found from the NFS node's
    // exports too (a hub of another workdir): here without group_vars/HubB
    let gv = l.dir.path().join("group_vars/HubB");
    let aside = l.dir.path().join("HubB.aside");
    std::fs::rename(&gv, &aside).unwrap();
    run("teardown", &["--set", "unit_group=HubA", "--yes"])
        .code(1)
        .stderr_has(
            "still serves 1 other hub(s): HubB (the NFS node has /etc/exports.d/HubB.exports)",
        )
        .stderr_has("nothing was deleted");
    std::fs::rename(&aside, &gv).unwrap();
    run("teardown", &["--set", "unit_group=HubA", "--yes"])
        .code(1)
        .stderr_has("still serves 1 other hub(s): HubB")
        .stderr_has("Tear those hubs down first")
        .stderr_has("nothing was deleted");
    assert!(running(&mgr_a));
    assert_eq!(exports(&l, "HubA"), a(&[101, 103, 104]));
    // HubB goes: its exports file leaves the shared node, its groups leave inventory.yml
    run("teardown", &["--set", "unit_group=HubB", "--yes"])
        .success()
        .stdout_has("/etc/exports.d/HubB.exports on")
        .stdout_has("removed group HubB from inventory.yml");
    let (rc, _) = on(&l, &ip(100), "test -e /etc/exports.d/HubB.exports");
    assert_ne!(rc, 0, "HubB's exports file is still on the NFS node");
    // its name leaves dnsmasq's hosts file (991 leaves it), HubA's stays
    assert_eq!(
        on_ok(&l, &ip(100), "cat /etc/hosts-dnsmasq"),
        format!("{} hub-a.example.org\n", ip(101))
    );
    let inv = inventory_list(l.dir.path());
    assert!(hosts_of(&inv, "HubB_manager").is_empty(), "{inv}");
    assert_eq!(hosts_of(&inv, "HubA_worker"), a(&[103, 104]));
    assert_eq!(read_mount(&l, &ip(104), "a.txt").as_deref(), Some("a\n"));
    // then HubA can go; a re-run has nothing to do
    run("teardown", &["--set", "unit_group=HubA", "--yes"])
        .success()
        .stdout_has("HubA is torn down");
    assert!(l.containers().is_empty(), "{:?}", l.containers());
    assert!(hosts_of(&inventory_list(l.dir.path()), "HubA_nfs").is_empty());
    run("teardown", &["--set", "unit_group=HubA", "--yes"])
        .success()
        .stdout_has("nothing to do");
}

/// Configuration 1 (HubC: the manager .100 serves NFS to the workers): the exports list the
/// workers only, through add-workers, remove-workers, stop/start of the manager (its NFS server
/// checked, the workers' mounts back) and teardown (no shared node, no guard).
#[test]
fn operating_a_configuration_1_hub_keeps_the_workers_exports() {
    const N: u8 = 166;
    let at = |n: u8| format!("172.30.{N}.{n}");
    let l = LabRun::new("n-ops1", N);
    let run = |name: &str, args: &[&str]| l.run(&script(name), args);
    run(
        "build-nodes",
        &[
            "--params",
            &example("manager"),
            "--set",
            "vc_nfs_disk_size=0",
        ],
    )
    .success()
    .stdout_has(&format!(
        "HubC (nfs=manager) is ready: NFS server {}",
        at(100)
    ));
    let hubc_exports = |l: &LabRun| {
        let out = on_ok(l, &at(100), "cat /etc/exports.d/HubC.exports");
        let mut v: Vec<String> = out
            .lines()
            .map(|x| {
                x.split_whitespace()
                    .nth(1)
                    .unwrap()
                    .split('(')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(hubc_exports(&l), [at(101), at(102)]);
    on_ok(&l, &at(100), "echo c > /exported/HubC/jupyter/c.txt");
    run(
        "add-workers",
        &["--set", "unit_group=HubC", "--set", "add_nodes=1"],
    )
    .success()
    .stdout_has("NFS mounts of HubC in place on");
    let workers = hosts_of(&inventory_list(l.dir.path()), "HubC_worker");
    assert_eq!(workers.len(), 3, "{workers:?}");
    assert_eq!(
        hubc_exports(&l),
        workers,
        "the manager serves, it is not a client"
    );
    let new = workers
        .iter()
        .find(|w| **w != at(101) && **w != at(102))
        .unwrap();
    assert_eq!(read_mount(&l, new, "c.txt").as_deref(), Some("c\n"));
    run(
        "remove-workers",
        &["--set", "unit_group=HubC", "--set", "delete_nodes=1"],
    )
    .success();
    assert_eq!(hubc_exports(&l), [at(101), at(102)]);
    assert_eq!(
        hosts_of(&inventory_list(l.dir.path()), "HubC_worker"),
        [at(101), at(102)]
    );
    run(
        "stop-nodes",
        &["--set", "unit_group=HubC", "--set", "stop_manager=true"],
    )
    .success();
    run("start-nodes", &["--set", "unit_group=HubC"])
        .success()
        .stdout_has(&format!("NFS server {} (HubC_manager): active", at(100)))
        .stdout_has("NFS mounts of HubC in place on");
    assert_eq!(read_mount(&l, &at(102), "c.txt").as_deref(), Some("c\n"));
    run("teardown", &["--set", "unit_group=HubC", "--yes"])
        .success()
        .stdout_has("HubC is torn down");
    assert!(hosts_of(&inventory_list(l.dir.path()), "HubC_manager").is_empty());
}

/// The operating scripts list their own parameters only (`cwh params`): none of the build's
/// (build-nodes' `nfs_flavor`, `master_fqdn`…), though they understand its layout.
#[test]
fn operating_scripts_list_only_their_own_parameters() {
    let d = Dir::new();
    for name in [
        "add-workers",
        "remove-workers",
        "start-nodes",
        "stop-nodes",
        "teardown",
    ] {
        let r = d.cwh().args(["params", &script(name)]).run().success();
        for p in ["nfs_flavor", "master_fqdn", "worker_flavor", "ugroup_name"] {
            assert!(
                !r.stdout().contains(&format!("\n  {p}\n")),
                "{name} lists {p}:\n{r}"
            );
        }
    }
    d.cwh()
        .args(["params", &script("add-workers")])
        .run()
        .success()
        .stdout_has("\n  inventory\n")
        .stdout_has("inventory.yml for today's");
}

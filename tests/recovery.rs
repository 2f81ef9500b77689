//! Recovery that keeps the students' data, and saved state that does not forget (issue 24,
//! items 2 and 8): a lost manager is replaced by the command the re-run prints — same address,
//! same VC disk, swarm re-formed —; teardown advice says what teardown deletes; the values a
//! re-run needs (known_hosts_file, the images a site script built with) are saved and used.
use crate::support::labrun::LabRun;
use crate::support::serve::Served;
use crate::support::{Cmd, Dir, Run};
use serde_json::Value;
use std::path::Path;

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// `--set k=v` for each item.
fn sets(kv: &[&str]) -> Vec<String> {
    kv.iter()
        .flat_map(|s| ["--set".to_string(), s.to_string()])
        .collect()
}

/// The build of the tests on the simulator: a manager at .100, one worker, a 8 GB VC disk.
const SIM_BUILD: &[&str] = &[
    "vc_ipaddress=172.30.2.100",
    "vc_nodes=2",
    "vc_nfs_disk_size=8",
    "vc_flavor=small",
    "vc_disk_size=16",
];

/// `cwh run SCRIPT --sim ARGS` in `d`.
fn sim(d: &Dir, script: &str, args: &[String]) -> Run {
    d.cwh().arg("run").arg(script).arg("--sim").args(args).run()
}

/// The saved simulator state of `d` as JSON.
fn sim_state(d: &Dir) -> Value {
    let p = d.path().join(".cwh/sim-state.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The members of unit `unit` of unit group `group` in a simulator state.
fn members<'a>(st: &'a mut Value, group: &str, unit: &str) -> &'a mut Vec<Value> {
    st["vcs"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|g| g["name"] == group)
        .unwrap()["units"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["name"] == unit)
        .unwrap()["members"]
        .as_array_mut()
        .unwrap()
}

/// The manager's node in ERROR (its VM lost) in the simulator state of `d`.
fn lose_the_manager(d: &Dir) {
    let mut st = sim_state(d);
    let m = &mut members(&mut st, "CoursewareHub", "manager")[0];
    m["state"] = "ERROR".into();
    m["until"] = Value::Null;
    let p = d.path().join(".cwh/sim-state.json");
    std::fs::write(p, serde_json::to_vec_pretty(&st).unwrap()).unwrap();
}

/// The recovery command a run printed: the line `cwh run scripts/…` of its stderr, as the
/// arguments after `cwh`.
fn printed_command(r: &Run) -> Vec<String> {
    let line = r
        .stderr()
        .lines()
        .map(|l| l.trim_start_matches([' ', '│']).trim())
        .find(|l| l.starts_with("cwh run scripts/"))
        .unwrap_or_else(|| panic!("no recovery command printed:\n{r}"))
        .to_string();
    line.split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// A run's stderr with the error's wrapped lines joined again (miette wraps long messages):
/// every line without its frame (`│`, indentation), joined with single spaces.
fn said(r: &Run) -> String {
    r.stderr()
        .lines()
        .map(|l| l.trim_start_matches([' ', '│']).trim_end())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Check that the (unwrapped) stderr of `r` has each of `want`, whitespace aside (miette also
/// breaks a long word such as an image name).
fn says(r: Run, want: &[&str]) -> Run {
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    let text = bare(&said(&r));
    for w in want {
        assert!(text.contains(&bare(w)), "stderr lacks {w:?}:\n{r}");
    }
    r
}

/// `args` (as printed) with the shipped script's relative path made absolute.
fn absolute(args: &[String]) -> Vec<String> {
    args.iter()
        .map(|a| match a.strip_prefix("scripts/") {
            Some(rest) => script(rest.trim_end_matches(".rhai")),
            None => a.clone(),
        })
        .collect()
}

/// The file written on the VC disk through the manager survives the replacement of the
/// manager: build, write a file on the disk (mounted at /mnt/xvdf in the manager), remove the
/// manager's container (a lost VM: ERROR), re-run → the message prints the command; that
/// command, run as printed, brings a Ready swarm with the worker back and the file with it.
#[test]
fn a_lost_manager_is_replaced_by_the_printed_command_keeping_the_vc_disk() {
    let l = LabRun::new("b-repl", 50);
    let build = sets(&[
        "vc_ipaddress=172.30.50.100",
        "vc_nodes=2",
        "vc_nfs_disk_size=8",
        "vc_flavor=small",
        "vc_disk_size=16",
    ]);
    let build: Vec<&str> = build.iter().map(String::as_str).collect();
    l.run(&script("coursewarehub"), &build).success();
    let manager = || l.container_named("manager");
    let old = manager();
    let exec = |c: &str, cmd: &str| l.exec(c, cmd);
    exec(
        &old,
        "mountpoint -q /mnt/xvdf && echo 'report of student 1' > /mnt/xvdf/student1.txt",
    )
    .success();
    Cmd::new("docker").args(["rm", "-f", &old]).run().success();

    // the re-run of the build names the lost manager, keeps everything, prints the command
    let r = says(
        l.run(&script("coursewarehub"), &[]).code(1),
        &[
            "the manager of CoursewareHub (172.30.50.100) is in ERROR: its VM is lost",
            "the students' data is on the VC disk CoursewareHub_disk, which is kept",
            "Do not run scripts/teardown.rhai for this: it deletes every node and the VC disk CoursewareHub_disk with every student's data",
        ],
    )
    .stderr_lacks("[\"");
    let cmd = printed_command(&r);
    assert_eq!(cmd, ["run", "scripts/replace-manager.rhai", "--lab"], "{r}");
    // an operating script says the same
    l.run(&script("start-nodes"), &[])
        .code(1)
        .stderr_has("cwh run scripts/replace-manager.rhai --lab");

    // its plan changes nothing
    let state = std::fs::read(l.dir.path().join(format!(".cwh/lab-{}.json", l.name))).unwrap();
    l.cwh()
        .args(absolute(&cmd))
        .arg("--plan")
        .run()
        .success()
        .stdout_has("- node CoursewareHub/manager 172.30.50.100")
        .stdout_has("+ node CoursewareHub/manager 172.30.50.100");
    assert_eq!(
        std::fs::read(l.dir.path().join(format!(".cwh/lab-{}.json", l.name))).unwrap(),
        state,
        "the plan changed the lab state"
    );

    // exactly the printed command
    let r = l.cwh().args(absolute(&cmd)).run().success();
    let table: Vec<&str> = r
        .stdout()
        .lines()
        .filter(|l| l.starts_with('|') && (l.contains("Ready") || l.contains("Down")))
        .collect();
    assert_eq!(table.len(), 2, "{r}");
    assert!(table.iter().all(|l| l.contains("Ready")), "{r}");
    assert!(table.iter().any(|l| l.contains("Leader")), "{r}");
    let new = manager();
    assert_ne!(new, old);
    let file = exec(&new, "cat /mnt/xvdf/student1.txt").success();
    assert_eq!(file.stdout().trim(), "report of student 1");
    // the worker is in the new manager's swarm, seen from the new manager
    let nodes = exec(&new, "docker node ls --format '{{.Hostname}} {{.Status}}'").success();
    assert!(nodes.stdout().contains("worker-1 Ready"), "{nodes}");
    let gv = std::fs::read_to_string(l.dir.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(!gv.contains("cwh_replacing_manager"), "{gv}");

    // a healthy manager is refused, nothing changed; the build converges
    l.cwh()
        .args(absolute(&cmd))
        .run()
        .code(1)
        .stderr_has("is not lost: nothing to replace, nothing was changed");
    assert_eq!(manager(), new);
    l.run(&script("coursewarehub"), &[]).success();
}

/// The same on the simulator: the plan lists the replacement and changes nothing, the run
/// deletes only the manager (the VC disk group and its disk stay, the disk is attached to the
/// new manager), a powered-off manager is refused, and the disk's absence stops it.
#[test]
fn replace_manager_deletes_only_a_lost_manager_never_the_disk() {
    let d = Dir::new();
    let build = sets(SIM_BUILD);
    sim(&d, &script("coursewarehub"), &build).success();
    let disk_id = |d: &Dir| {
        let mut st = sim_state(d);
        members(&mut st, "CoursewareHub_disk", "nfs")[0]["id"].clone()
    };
    let before = disk_id(&d);
    // healthy: refused, nothing changed
    sim(&d, &script("replace-manager"), &[])
        .code(1)
        .stderr_has("is not lost: nothing to replace, nothing was changed");
    // healthy but recorded as being replaced (an earlier run killed after the new manager
    // came up): finished, not refused, and nothing on the VCC changes
    let manager_id = |d: &Dir| {
        let mut st = sim_state(d);
        members(&mut st, "CoursewareHub", "manager")[0]["id"].clone()
    };
    let id = manager_id(&d);
    let gv = d.path().join("group_vars/CoursewareHub.yml");
    let text = std::fs::read_to_string(&gv).unwrap();
    std::fs::write(&gv, format!("{text}cwh_replacing_manager: old-node\n")).unwrap();
    sim(&d, &script("replace-manager"), &[])
        .success()
        .stderr_has("did not finish: finishing it");
    assert_eq!(manager_id(&d), id);
    assert_eq!(std::fs::read_to_string(&gv).unwrap(), text);
    // powered off: refused, start it instead
    let mut st = sim_state(&d);
    let m = &mut members(&mut st, "CoursewareHub", "manager")[0];
    m["state"] = "POWER_OFF".into();
    m["until"] = Value::Null; // settled: no transition left for the simulator to finish
    std::fs::write(
        d.path().join(".cwh/sim-state.json"),
        serde_json::to_vec_pretty(&st).unwrap(),
    )
    .unwrap();
    sim(&d, &script("replace-manager"), &[])
        .code(1)
        .stderr_has("powered off, not lost")
        .stderr_has("scripts/start-nodes.rhai");
    lose_the_manager(&d);
    let r = sim(&d, &script("coursewarehub"), &[])
        .code(1)
        .stderr_has("cwh run scripts/replace-manager.rhai --sim");
    assert_eq!(printed_command(&r)[1], "scripts/replace-manager.rhai");
    // the plan: the lost node goes, a new one comes, nothing else; nothing is changed
    let saved = std::fs::read(d.path().join(".cwh/sim-state.json")).unwrap();
    let plan = sim(
        &d,
        &script("replace-manager"),
        &["--plan".into(), "--output".into(), "json".into()],
    )
    .success()
    .stdout_json();
    let changes: Vec<(String, String, String)> = plan["vcc"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("action"), s("object"), s("ugroup"))
        })
        .collect();
    assert!(
        changes.contains(&("delete".into(), "node".into(), "CoursewareHub".into()))
            && changes.contains(&("create".into(), "node".into(), "CoursewareHub".into())),
        "{changes:?}"
    );
    assert!(
        changes.iter().all(|c| c.2 == "CoursewareHub"),
        "the plan touches the disk group: {changes:?}"
    );
    assert_eq!(
        std::fs::read(d.path().join(".cwh/sim-state.json")).unwrap(),
        saved
    );
    // the run
    sim(&d, &script("replace-manager"), &[])
        .success()
        .stdout_has("will replace the manager of CoursewareHub")
        .stdout_has("of CoursewareHub_disk attached (kept with its data");
    let mut st = sim_state(&d);
    let m = members(&mut st, "CoursewareHub", "manager")[0].clone();
    // RUNNING, or booting until RUNNING (the simulator's state advances when read)
    assert!(m["state"] == "RUNNING" || m["until"][1] == "RUNNING", "{m}");
    assert_eq!(m["address"], "172.30.2.100", "{m}");
    assert_eq!(disk_id(&d), before, "the VC disk was replaced");
    assert_eq!(
        m["disks"].as_array().map(|a| a.len()),
        Some(1),
        "the disk is not attached to the new manager: {m}"
    );
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(!gv.contains("cwh_replacing_manager"), "{gv}");
    sim(&d, &script("coursewarehub"), &[]).success();

    // the disk group gone (deleted outside cwh): a new, empty disk is never attached instead
    lose_the_manager(&d);
    let mut st = sim_state(&d);
    st["vcs"]
        .as_array_mut()
        .unwrap()
        .retain(|g| g["name"] != "CoursewareHub_disk");
    std::fs::write(
        d.path().join(".cwh/sim-state.json"),
        serde_json::to_vec_pretty(&st).unwrap(),
    )
    .unwrap();
    says(
        sim(&d, &script("replace-manager"), &[]).code(1),
        &[
            "the VC disk group CoursewareHub_disk this environment was built with (the students' data) is gone",
            "nothing makes a new, empty one in its place",
            "nothing was changed",
        ],
    );
    let mut st = sim_state(&d);
    assert_eq!(
        members(&mut st, "CoursewareHub", "manager")[0]["state"],
        "ERROR",
        "nothing may change"
    );
}

/// Every message that advises teardown says what it deletes and offers keep_disk; teardown
/// with keep_disk=true deletes the nodes only and the next build gets the same disk.
#[test]
fn teardown_advice_says_what_it_deletes_and_keep_disk_keeps_the_data() {
    let d = Dir::new();
    sim(&d, &script("coursewarehub"), &sets(SIM_BUILD)).success();
    // a drift the nodes cannot follow
    let deletes = "scripts/teardown.rhai deletes every node and the VC disk CoursewareHub_disk with every student's data";
    let keeps = "scripts/teardown.rhai --set keep_disk=true deletes the nodes only, and the next build attaches the kept VC disk to its new manager";
    says(
        sim(&d, &script("coursewarehub"), &sets(&["vc_flavor=medium"])).code(1),
        &[
            "vc_flavor: the nodes cannot change in place",
            deletes,
            keeps,
        ],
    );
    says(
        sim(
            &d,
            &script("coursewarehub"),
            &sets(&["vc_nfs_disk_size=16"]),
        )
        .code(1),
        &["copy the students' data off the disk", deletes],
    );
    // a provider without power control
    says(
        sim(&d, &script("stop-nodes"), &sets(&["vc_provider=oracle"])).code(1),
        &["no power control", deletes, keeps],
    );
    // teardown itself says it before asking, with the alternatives
    sim(&d, &script("teardown"), &[])
        .code(1)
        .stdout_has("the VC disk goes too, with every student's data on it")
        .stdout_has("--set keep_disk=true")
        .stdout_has("scripts/replace-manager.rhai")
        .stderr_has("with the VC disk and every student's data on it");

    let disk = |d: &Dir| {
        let mut st = sim_state(d);
        members(&mut st, "CoursewareHub_disk", "nfs")[0]["id"].clone()
    };
    let before = disk(&d);
    sim(
        &d,
        &script("teardown"),
        &["--yes".into(), "--set".into(), "keep_disk=true".into()],
    )
    .success()
    .stdout_has("will keep: the VC disk group CoursewareHub_disk")
    .stdout_has("kept: the VC disk group CoursewareHub_disk");
    let st = sim_state(&d);
    let names: Vec<&str> = st["vcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["CoursewareHub_disk"]);
    assert!(d.path().join("group_vars/CoursewareHub.yml").is_file());
    // the next build, with a flavor the old nodes could not change to, gets the same disk
    sim(&d, &script("coursewarehub"), &sets(&["vc_flavor=medium"])).success();
    assert_eq!(disk(&d), before);
    let mut st = sim_state(&d);
    let m = members(&mut st, "CoursewareHub", "manager")[0].clone();
    assert_eq!(m["disks"].as_array().map(|a| a.len()), Some(1), "{m}");
}

/// A site script's images are saved: the stock script's re-run converges on them, a
/// contradicting image is refused naming the parameter (readable, no script array), and an
/// environment built before images were saved is refused naming the value to pass.
#[test]
fn images_of_a_site_script_are_saved_and_drift_names_the_parameter() {
    let d = Dir::new();
    let site = format!(
        "{}/examples/site-coursewarehub.rhai",
        env!("CARGO_MANIFEST_DIR")
    );
    sim(&d, &site, &sets(SIM_BUILD)).success();
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(
        gv.contains("manager_image: registry.example.ac.jp/cwh/manager:2025.1")
            && gv.contains("worker_image: registry.example.ac.jp/cwh/worker:2025.1"),
        "{gv}"
    );
    let stock = script("coursewarehub");
    sim(&d, &stock, &[]).success();
    says(
        sim(
            &d,
            &stock,
            &sets(&["manager_image=registry.example.ac.jp/cwh/manager:2026.1"]),
        )
        .code(1)
        .stdout_has("manager_image"),
        &[
            "pass --set manager_image=registry.example.ac.jp/cwh/manager:2025.1",
            "group_vars were kept",
        ],
    )
    .stderr_lacks("[\"");
    // built before images were saved: the stock images differ from the units' own
    let kept: String = gv
        .lines()
        .filter(|l| !l.starts_with("manager_image") && !l.starts_with("worker_image"))
        .map(|l| format!("{l}\n"))
        .collect();
    d.write("group_vars/CoursewareHub.yml", &kept);
    says(
        sim(&d, &stock, &[]).code(1),
        &[
            "--set manager_image=registry.example.ac.jp/cwh/manager:2025.1",
            "the site script that built it",
        ],
    )
    .stderr_lacks("[\"");
    // naming them converges, and saves them
    sim(
        &d,
        &stock,
        &sets(&[
            "manager_image=registry.example.ac.jp/cwh/manager:2025.1",
            "worker_image=registry.example.ac.jp/cwh/worker:2025.1",
        ]),
    )
    .success();
    sim(&d, &stock, &[]).success();
}

const TOKEN: &str = "s.recoverytest0123456789ab";

/// A custom known_hosts_file given to the build is saved, and an operating script's plan
/// against a VCC (no rehearsal defaults) uses it without being told.
#[test]
fn a_custom_known_hosts_file_is_saved_and_used_by_the_operating_scripts() {
    let d = Dir::new();
    Cmd::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(d.path().join("key"))
        .run()
        .success();
    let state = d.path().join("vcc-state.json").display().to_string();
    let s = Served::start(d.path(), TOKEN, &["--state", &state], &[]);
    let run = |name: &str, args: &[String]| {
        d.cwh()
            .env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .arg("run")
            .arg(script(name))
            .args(args)
            .run()
    };
    let key = d.path().join("key").display().to_string();
    let mut build = sets(SIM_BUILD);
    build.extend(sets(&[
        &format!("ssh_private_key_path={key}"),
        &format!("ssh_public_key_path={key}.pub"),
        "known_hosts_file=site_known_hosts",
    ]));
    run("coursewarehub", &build).success();
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    let kh = Path::new("site_known_hosts");
    assert!(
        gv.lines()
            .any(|l| l.starts_with("known_hosts_file:") && l.ends_with(kh.to_str().unwrap())),
        "{gv}"
    );
    // a standalone `cwh vcc serve` is a simulator whose nodes are records: add-workers stops
    // at its first SSH step, and so does its plan (issue 23: a plan follows its target), with
    // nothing changed before
    let planned = run(
        "add-workers",
        &[
            "--plan".into(),
            "--output".into(),
            "json".into(),
            "--set".into(),
            "add_nodes=1".into(),
        ],
    )
    .code(1)
    .stdout_json();
    assert!(
        planned["error"]
            .as_str()
            .unwrap_or_default()
            .contains("is a made-up node address"),
        "{planned}"
    );
    assert_eq!(
        planned["vcc"]["changes"],
        serde_json::json!([]),
        "{planned}"
    );
    run("add-workers", &sets(&["add_nodes=1"]))
        .code(1)
        .stderr_has("is a made-up node address");
    // the build's re-run stops before SSH: its plan changes no known_hosts, and the saved
    // file stays named in group_vars
    let plan = run(
        "coursewarehub",
        &["--plan".into(), "--output".into(), "json".into()],
    )
    .success()
    .stdout_json();
    assert_eq!(plan["known_hosts"], serde_json::json!([]), "{plan}");
    assert_eq!(plan["files"], serde_json::json!([]), "{plan}");
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("site_known_hosts"), "{gv}");
    drop(s);
}

/// Today's layout, configuration 2 (HubA: NFS node .100, manager .101, 2 workers): a file
/// written into the hub's NFS export survives the loss of the manager. The re-run of the build
/// names the lost manager and prints the command; that command re-creates the manager at the
/// same address with today's spec (`base`, NFS_SERVER and dns of the NFS node), the exports and
/// the dnsmasq line stay the hub's, the swarm is Ready with both workers, and the file is read
/// through NFS on the new manager. The build's re-run then converges.
#[test]
fn todays_lost_manager_is_replaced_and_reads_the_nfs_data() {
    let l = LabRun::new("g-repl2", 190);
    let ip = |n: u8| format!("172.30.190.{n}");
    let example = format!("{}/examples/suite-node.yml", env!("CARGO_MANIFEST_DIR"));
    l.run(&script("build-nodes"), &["--params", &example])
        .success()
        .stdout_has(&format!(
            "HubA (nfs=node) is ready: NFS server {}, manager {}",
            ip(100),
            ip(101)
        ));
    let at = |addr: &str| l.container_at(addr);
    let exec = |c: &str, cmd: &str| l.exec(c, cmd);
    exec(
        &at(&ip(100)),
        "echo 'report of student 1' > /exported/HubA/jupyter/student1.txt",
    )
    .success();
    let exports_before = exec(&at(&ip(100)), "cat /etc/exports.d/HubA.exports")
        .success()
        .stdout()
        .to_string();
    let old = at(&ip(101));
    Cmd::new("docker").args(["rm", "-f", &old]).run().success();

    // the re-run of the build names the lost manager and where the data is, prints the command
    let r = says(
        l.run(&script("build-nodes"), &["--set", "ugroup_name=HubA"])
            .code(1),
        &[
            &format!(
                "the manager of HubA ({}) is in ERROR: its VM is lost",
                ip(101)
            ),
            &format!(
                "the students' data is on the NFS node {} (HubA_nfs), which is kept",
                ip(100)
            ),
            "Do not run scripts/teardown.rhai for this",
        ],
    );
    let cmd = printed_command(&r);
    assert_eq!(
        cmd,
        [
            "run",
            "scripts/replace-manager.rhai",
            "--lab",
            "--set",
            "unit_group=HubA"
        ],
        "{r}"
    );
    // its plan: the lost node goes, a new one comes at the same address
    l.cwh()
        .args(absolute(&cmd))
        .arg("--plan")
        .run()
        .success()
        .stdout_has(&format!("- node HubA/manager {}", ip(101)))
        .stdout_has(&format!("+ node HubA/manager {}", ip(101)));

    // exactly the printed command
    let r = l.cwh().args(absolute(&cmd)).run().success();
    let r = r
        .stdout_has("will replace the manager of HubA")
        .stdout_has(&format!(
            "no VC disk (the students' data is on the NFS node {} (HubA_nfs), which is kept)",
            ip(100)
        ))
        .stdout_has(&format!("replaced the manager of HubA: {}", ip(101)))
        .stderr_has("a file made on the NFS server is seen on 3 node(s)");
    let ready = r
        .stdout()
        .lines()
        .filter(|l| l.starts_with('|') && l.contains("Ready"))
        .count();
    assert_eq!(ready, 3, "{r}");
    let new = at(&ip(101));
    assert_ne!(new, old);
    // today's spec: the base image, NFS_SERVER and the NFS node as its resolver
    let inspect = Cmd::new("docker")
        .args([
            "inspect",
            "-f",
            "{{index .Config.Labels \"cwh.image\"}} {{.HostConfig.Dns}} {{range .Config.Env}}{{.}} {{end}}",
            &new,
        ])
        .run()
        .success();
    let spec = inspect.stdout();
    assert!(spec.contains("coursewarehub:base "), "{spec}");
    assert!(spec.contains(&format!("[{}]", ip(100))), "{spec}");
    assert!(spec.contains(&format!("NFS_SERVER={}", ip(100))), "{spec}");
    // the file written before the loss, read through NFS on the new manager
    let file = exec(
        &new,
        "for i in $(seq 1 20); do cat /jupyter/student1.txt 2>/dev/null && exit 0; sleep 1; done; exit 1",
    )
    .success();
    assert_eq!(file.stdout().trim(), "report of student 1");
    // the workers are in the new manager's swarm; the hub's exports and name are as before
    let nodes = exec(&new, "docker node ls --format '{{.Status}}'").success();
    assert_eq!(nodes.stdout().matches("Ready").count(), 3, "{nodes}");
    assert_eq!(
        exec(&at(&ip(100)), "cat /etc/exports.d/HubA.exports")
            .success()
            .stdout(),
        exports_before
    );
    assert_eq!(
        exec(&at(&ip(100)), "cat /etc/hosts-dnsmasq")
            .success()
            .stdout(),
        format!("{} hub-a.example.org\n", ip(101))
    );
    let gv = std::fs::read_to_string(l.dir.path().join("group_vars/HubA")).unwrap();
    assert!(!gv.contains("cwh_replacing_manager"), "{gv}");

    // a healthy manager is refused, nothing changed; the build's re-run converges
    l.cwh()
        .args(absolute(&cmd))
        .run()
        .code(1)
        .stderr_has("is not lost: nothing to replace, nothing was changed");
    assert_eq!(at(&ip(101)), new);
    l.run(&script("build-nodes"), &["--set", "ugroup_name=HubA"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

/// Today's layout, configuration 1 (HubC: the manager serves NFS from its VC disk to 2
/// workers): the lost manager is re-created at its address as `base-nfsd` with the same VC
/// disk (`NFS_MKFS=yes`), its exports and dnsmasq line are written again on the new VM, the
/// workers mount the new server, and a file written before the loss is read on a worker.
#[test]
fn todays_lost_nfs_serving_manager_comes_back_with_its_vc_disk() {
    let l = LabRun::new("g-repl1", 193);
    let ip = |n: u8| format!("172.30.193.{n}");
    let example = format!("{}/examples/suite-manager.yml", env!("CARGO_MANIFEST_DIR"));
    l.run(&script("build-nodes"), &["--params", &example])
        .success()
        .stdout_has(&format!(
            "HubC (nfs=manager) is ready: NFS server {}, manager {}",
            ip(100),
            ip(100)
        ));
    let named = |part: &str| l.container_named(part);
    let exec = |c: &str, cmd: &str| l.exec(c, cmd);
    let old = named("hubc-manager");
    exec(
        &old,
        "mountpoint -q /exported && echo 'report of student 1' > /exported/HubC/jupyter/student1.txt",
    )
    .success();
    Cmd::new("docker").args(["rm", "-f", &old]).run().success();

    let r = says(
        l.run(&script("build-nodes"), &["--set", "ugroup_name=HubC"])
            .code(1),
        &[
            &format!(
                "the manager of HubC ({}) is in ERROR: its VM is lost",
                ip(100)
            ),
            "the students' data is on the VC disk HubC_disk, which is kept",
        ],
    );
    let cmd = printed_command(&r);
    assert_eq!(cmd[1], "scripts/replace-manager.rhai", "{r}");
    l.cwh()
        .args(absolute(&cmd))
        .run()
        .success()
        .stdout_has("of HubC_disk attached (kept with its data")
        .stdout_has(&format!("replaced the manager of HubC: {}", ip(100)))
        .stderr_has("a file made on the NFS server is seen on 2 node(s)");
    let new = named("hubc-manager");
    assert_ne!(new, old);
    let spec = Cmd::new("docker")
        .args([
            "inspect",
            "-f",
            "{{index .Config.Labels \"cwh.image\"}} {{range .Config.Env}}{{.}} {{end}}",
            &new,
        ])
        .run()
        .success();
    assert!(spec.stdout().contains("coursewarehub:base-nfsd "), "{spec}");
    assert!(spec.stdout().contains("NFS_MKFS=yes"), "{spec}");
    // the data of the VC disk, on the new server and through NFS on a worker
    assert_eq!(
        exec(&new, "cat /exported/HubC/jupyter/student1.txt")
            .success()
            .stdout(),
        "report of student 1\n"
    );
    let worker = named("hubc-worker");
    let read = exec(
        &worker,
        "for i in $(seq 1 20); do cat /jupyter/student1.txt 2>/dev/null && exit 0; sleep 1; done; exit 1",
    )
    .success();
    assert_eq!(read.stdout(), "report of student 1\n");
    // the new VM's exports (workers only) and its dnsmasq line were written again
    assert_eq!(
        exec(&new, "cat /etc/exports.d/HubC.exports")
            .success()
            .stdout()
            .lines()
            .count(),
        2
    );
    assert_eq!(
        exec(&new, "cat /etc/hosts-dnsmasq").success().stdout(),
        format!("{} hub-c.example.org\n", ip(100))
    );
    l.run(&script("build-nodes"), &["--set", "ugroup_name=HubC"])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

/// Today's layout, configuration 3 (HubB on HubA's NFS node): HubB's lost manager is
/// re-created at its address; the shared node keeps HubB's data, exports and name, HubA is
/// untouched, and the new manager reads HubB's file (and only HubB's export).
#[test]
fn todays_lost_manager_of_a_shared_hub_is_replaced() {
    let l = LabRun::new("g-repl3", 194);
    let ip = |n: u8| format!("172.30.194.{n}");
    let ex = |n: &str| format!("{}/examples/suite-{n}.yml", env!("CARGO_MANIFEST_DIR"));
    l.run(&script("build-nodes"), &["--params", &ex("node")])
        .success();
    let mgr_b = format!("manager_ipaddress={}", ip(110));
    l.run(
        &script("build-nodes"),
        &["--params", &ex("shared"), "--set", &mgr_b],
    )
    .success();
    let named = |part: &str| l.container_named(part);
    let exec = |c: &str, cmd: &str| l.exec(c, cmd);
    let nfs = named("huba-nfs");
    exec(
        &nfs,
        "echo a > /exported/HubA/jupyter/a.txt && echo b > /exported/HubB/jupyter/b.txt",
    )
    .success();
    let before = |f: &str| {
        exec(&nfs, &format!("cat {f}"))
            .success()
            .stdout()
            .to_string()
    };
    let (exports_a, exports_b, names) = (
        before("/etc/exports.d/HubA.exports"),
        before("/etc/exports.d/HubB.exports"),
        before("/etc/hosts-dnsmasq"),
    );
    let old = named("hubb-manager");
    Cmd::new("docker").args(["rm", "-f", &old]).run().success();
    let r = says(
        l.run(&script("start-nodes"), &["--set", "unit_group=HubB"])
            .code(1),
        &[&format!(
            "the students' data is on the NFS node {} (HubA_nfs), which is kept",
            ip(100)
        )],
    );
    let cmd = printed_command(&r);
    assert_eq!(
        cmd,
        [
            "run",
            "scripts/replace-manager.rhai",
            "--lab",
            "--set",
            "unit_group=HubB"
        ],
        "{r}"
    );
    l.cwh()
        .args(absolute(&cmd))
        .run()
        .success()
        .stdout_has(&format!("replaced the manager of HubB: {}", ip(110)));
    let new = named("hubb-manager");
    assert_ne!(new, old);
    let read = exec(
        &new,
        "for i in $(seq 1 20); do ls /jupyter | grep -q b.txt && exit 0; sleep 1; done; exit 1",
    );
    read.success();
    assert_eq!(exec(&new, "ls /jupyter").success().stdout(), "b.txt\n");
    assert_eq!(before("/etc/exports.d/HubA.exports"), exports_a);
    assert_eq!(before("/etc/exports.d/HubB.exports"), exports_b);
    assert_eq!(before("/etc/hosts-dnsmasq"), names);
    assert_eq!(
        exec(&named("huba-manager"), "cat /jupyter/a.txt")
            .success()
            .stdout(),
        "a\n"
    );
    for ug in ["HubB", "HubA"] {
        l.run(
            &script("build-nodes"),
            &["--set", &format!("ugroup_name={ug}")],
        )
        .success()
        .stderr_has("RECAP: converged, nothing changed");
    }
}

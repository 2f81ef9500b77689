//! A plan is exactly the run that follows (issue 23, item 4), on the lab: for the CoursewareHub
//! build — from nothing, converged, add 2 workers — the plan's VCC objects, site files and
//! remote commands that change something equal what the real run that follows did (its recap
//! and its journal). Converged situations plan "no changes" and run "RECAP: converged".
use crate::support::Run;
use crate::support::labrun::LabRun;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// `(action, object, ugroup, unit, address)` of a diff's changes (plan JSON or recap JSON).
fn vcc_changes(vcc: &Value) -> Vec<(String, String, String, String, String)> {
    let mut v: Vec<_> = vcc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                s(&c["action"]),
                s(&c["object"]),
                s(&c["ugroup"]),
                s(&c["unit"]),
                s(&c["fields"]["address"]),
            )
        })
        .collect();
    v.sort();
    v
}

/// The site's files a plan would change (cwh's own `.cwh/` is not the site's).
fn plan_files(plan: &Value) -> BTreeSet<String> {
    plan["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// The site's files a run wrote (relative paths outside `.cwh/`).
fn run_files(recap: &Value) -> BTreeSet<String> {
    recap["files_written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .filter(|f| !f.starts_with('/') && !f.starts_with(".cwh/"))
        .collect()
}

/// `(command or put path, host)` of the remote steps a plan lists.
fn plan_remote(plan: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for g in plan["remote"].as_array().unwrap() {
        let what = g["what"].as_str().unwrap();
        let what = match g["kind"].as_str().unwrap() {
            "exec" => what.to_string(),
            "put" => format!("put {}", what.split(" (").next().unwrap()),
            _ => continue,
        };
        for h in g["hosts"].as_array().unwrap() {
            out.insert((what.clone(), h.as_str().unwrap().to_string()));
        }
    }
    out
}

/// `(command or put path, host)` of the remote steps of the newest run journal that change
/// something (not marked as queries).
fn run_remote(workdir: &Path) -> BTreeSet<(String, String)> {
    let mut js: Vec<_> = std::fs::read_dir(workdir.join(".cwh/runs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    js.sort();
    let text = std::fs::read_to_string(js.last().unwrap()).unwrap();
    let mut out = BTreeSet::new();
    for l in text.lines() {
        let e: Value = serde_json::from_str(l).unwrap();
        if e["kind"] != "ssh" || e["detail"]["query"] == true || e["detail"]["planned"] == true {
            continue;
        }
        let target = e["target"].as_str().unwrap_or_default();
        match e["action"].as_str().unwrap_or_default() {
            "exec" => {
                out.insert((
                    e["detail"]["cmd"].as_str().unwrap().to_string(),
                    target.to_string(),
                ));
            }
            "put" => {
                let (h, p) = target.split_once(':').unwrap();
                out.insert((format!("put {p}"), h.to_string()));
            }
            _ => {}
        }
    }
    out
}

fn plan_json(r: &Run) -> Value {
    serde_json::from_str(r.stdout()).unwrap_or_else(|e| panic!("{e}: {r}"))
}

/// The plan equals the run that followed it.
fn same(plan: &Value, run: &Run, l: &LabRun, what: &str) {
    let recap = crate::support::last_recap(l.dir.path());
    assert_eq!(
        vcc_changes(&plan["vcc"]),
        vcc_changes(&recap["vcc"]),
        "{what}: VCC objects\n{run}"
    );
    assert_eq!(
        plan_files(plan),
        run_files(&recap),
        "{what}: files\n{plan}\n{recap}"
    );
    assert_eq!(
        plan_remote(plan),
        run_remote(l.dir.path()),
        "{what}: remote commands that change something\n{plan}"
    );
}

#[test]
fn plans_of_the_coursewarehub_build_equal_the_runs_that_follow() {
    let l = LabRun::new("k-planrun", 130);
    let params = [
        "--set",
        "vc_ipaddress=172.30.130.100",
        "--set",
        "vc_nodes=2",
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_disk_size=16",
        "--set",
        "vc_nfs_disk_size=8",
    ];
    let build = script("coursewarehub");
    let plan_of = |s: &str, args: &[&str]| {
        let r = l
            .run(s, &[&["--plan", "--output", "json"][..], args].concat())
            .success();
        plan_json(&r)
    };

    // from nothing: the plan writes nothing in the workdir (no key pair, no known_hosts)
    let plan = plan_of(&build, &params);
    for f in ["lab_id_ed25519", "known_hosts"] {
        assert!(!l.dir.path().join(".cwh").join(f).exists(), "{f}");
    }
    let run = l.run(&build, &params).success();
    same(&plan, &run, &l, "build from nothing");
    let remote = plan_remote(&plan);
    assert!(
        remote
            .iter()
            .any(|(c, h)| c.starts_with("docker swarm init") && h == "172.30.130.100"),
        "{remote:?}"
    );
    assert_eq!(
        remote
            .iter()
            .filter(|(c, _)| c.starts_with("docker swarm join"))
            .count(),
        1,
        "{remote:?}"
    );
    assert_eq!(
        plan["known_hosts"][0]["rescanned"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // converged: the plan says "no changes" and lists nothing, the run says converged
    let text = l.run(&build, &["--plan"]).success();
    let out = text.stdout();
    assert!(out.contains("no changes"), "{out}");
    for not in ["remote commands", "known_hosts", ".bak", "(create)", "true"] {
        assert!(!out.contains(not), "a converged plan lists `{not}`:\n{out}");
    }
    let plan = plan_of(&build, &[]);
    let run = l
        .run(&build, &[])
        .success()
        .stderr_has("RECAP: converged, nothing changed");
    same(&plan, &run, &l, "converged build");

    // add 2 workers
    let add = script("add-workers");
    let args = ["--set", "add_nodes=2", "--yes"];
    let plan = plan_of(&add, &args);
    let run = l.run(&add, &args).success();
    same(&plan, &run, &l, "add 2 workers");
    let remote = plan_remote(&plan);
    assert_eq!(
        remote
            .iter()
            .filter(|(c, _)| c.starts_with("docker swarm join"))
            .count(),
        2,
        "{remote:?}"
    );
    eprintln!("add 2 workers, planned: {remote:?}");
    assert_eq!(
        vcc_changes(&plan["vcc"])
            .iter()
            .filter(|c| c.0 == "create" && c.1 == "node")
            .count(),
        2
    );

    // the operating scripts: each plan equals its run
    let mut n = 3;
    let step = |name: &str, args: &[&str]| {
        let s = script(name);
        let plan = plan_of(&s, args);
        let run = l.run(&s, args).success();
        same(&plan, &run, &l, &format!("{name} {args:?}"));
    };
    // a converged situation: the plan says "no changes", the run "RECAP: converged"
    let converged = |name: &str, args: &[&str]| {
        let s = script(name);
        let text = l.run(&s, &[&["--plan"][..], args].concat()).success();
        assert!(text.stdout().contains("no changes"), "{name}: {text}");
        assert!(!text.stdout().contains("remote commands"), "{name}: {text}");
        l.run(&s, args)
            .success()
            .stderr_has("RECAP: converged, nothing changed");
    };
    // a refusal: the plan stops with the run's error, before any change
    let refused = |name: &str, args: &[&str]| {
        let s = script(name);
        let plan = l.run(&s, &[&["--plan"][..], args].concat()).code(1);
        let out = plan.stdout();
        assert!(
            out.contains("nothing would change before that error"),
            "{name}: {plan}"
        );
        let error = out
            .lines()
            .skip_while(|l| !l.starts_with("the rehearsal stopped with an error"))
            .nth(1)
            .unwrap()
            .trim()
            .to_string();
        let run = l.run(&s, args).code(1);
        let first: String = error.chars().take(60).collect();
        assert!(
            run.stderr().contains(&first),
            "{name}: the plan said {error}\n{run}"
        );
    };
    let yes = ["--yes"];
    // after the growth: add-workers leaves the new nodes' ids unrecorded beside known_hosts
    // (known_hosts.cwh-nodes), so the build's re-run records them — planned so, not "no
    // changes" — and then converges
    step("coursewarehub", &["--set", "vc_nodes=4"]);
    converged("coursewarehub", &[]);
    n += 2;
    step(
        "remove-workers",
        &["--set", "delete_ipaddresses=172.30.130.103", "--yes"],
    );
    step("remove-workers", &["--set", "delete_nodes=1", "--yes"]);
    step(
        "add-workers",
        &["--set", "add_ipaddresses=[172.30.130.110]", "--yes"],
    );
    step("stop-nodes", &yes);
    step("start-nodes", &yes);
    n += 5;
    converged("start-nodes", &yes);
    // add-workers leaves the new nodes' ids unrecorded beside known_hosts: the build's
    // re-run records them (planned so), then converges
    step("coursewarehub", &["--set", "vc_nodes=3"]);
    converged("coursewarehub", &[]);
    refused("coursewarehub", &["--set", "vc_nodes=9"]);
    n += 4;

    // a lost worker (its container removed: the lab marks it ERROR): the build refuses it as
    // its plan does; removing it by address plans as it runs
    let lost = l.container_at("172.30.130.110");
    crate::support::Cmd::new("docker")
        .args(["rm", "-f", &lost])
        .run()
        .success();
    refused("coursewarehub", &[]);
    step(
        "remove-workers",
        &["--set", "delete_ipaddresses=172.30.130.110", "--yes"],
    );
    n += 2;

    // a lost manager: replaced, as planned
    let lost = l.container_at("172.30.130.100");
    crate::support::Cmd::new("docker")
        .args(["rm", "-f", &lost])
        .run()
        .success();
    refused("coursewarehub", &[]);
    step("replace-manager", &yes);
    converged("coursewarehub", &[]);
    n += 3;

    step("teardown", &yes);
    n += 1;
    eprintln!("{n} of {n} plans equal their runs");
}

/// Today's suite (scripts/build-nodes.rhai) on the lab: configuration 2 (HubA) from nothing,
/// then configuration 3 (HubB on HubA's NFS node) — each plan lists exactly the VCC objects,
/// files and remote commands (exports, dnsmasq line, directories, the file round trip, swarm)
/// the run then makes; each re-run plans "no changes" with no remote command and runs
/// "converged".
#[test]
fn plans_of_todays_build_equal_the_runs_that_follow() {
    let l = LabRun::new("g-planrun", 191);
    let build = script("build-nodes");
    let example = |n: &str| format!("{}/examples/suite-{n}.yml", env!("CARGO_MANIFEST_DIR"));
    let plan_of = |args: &[&str]| {
        let r = l
            .run(
                &build,
                &[&["--plan", "--output", "json"][..], args].concat(),
            )
            .success();
        plan_json(&r)
    };
    let converged = |ug: &str| {
        let set = format!("ugroup_name={ug}");
        let text = l.run(&build, &["--plan", "--set", &set]).success();
        assert!(text.stdout().contains("no changes"), "{ug}: {text}");
        assert!(!text.stdout().contains("remote commands"), "{ug}: {text}");
        let plan = plan_of(&["--set", &set]);
        let run = l
            .run(&build, &["--set", &set])
            .success()
            .stderr_has("RECAP: converged, nothing changed");
        same(&plan, &run, &l, &format!("{ug} converged"));
    };

    // configuration 2 from nothing
    let node = example("node");
    let plan = plan_of(&["--params", &node]);
    let run = l.run(&build, &["--params", &node]).success();
    same(&plan, &run, &l, "configuration 2 from nothing");
    let remote = plan_remote(&plan);
    for (what, host) in [
        ("put /etc/exports.d/HubA.exports", "172.30.191.100"),
        ("put /etc/hosts-dnsmasq", "172.30.191.100"),
        ("exportfs -r -v", "172.30.191.100"),
    ] {
        assert!(
            remote.iter().any(|(c, h)| c == what && h == host),
            "{what} on {host}: {remote:?}"
        );
    }
    assert!(
        remote
            .iter()
            .any(|(c, _)| c.starts_with("docker swarm init")),
        "{remote:?}"
    );
    converged("HubA");

    // configuration 3 on HubA's NFS node, a fixed manager address
    let shared = example("shared");
    let args = [
        "--params",
        &shared,
        "--set",
        "manager_ipaddress=172.30.191.110",
    ];
    let plan = plan_of(&args);
    let run = l.run(&build, &args).success();
    same(&plan, &run, &l, "configuration 3");
    assert!(
        plan_remote(&plan)
            .iter()
            .any(|(c, h)| c == "put /etc/exports.d/HubB.exports" && h == "172.30.191.100"),
        "{plan}"
    );
    converged("HubB");
    converged("HubA");

    // configuration 1 (HubC: the manager serves NFS to its workers)
    let manager = example("manager");
    let args = ["--params", &manager, "--set", "vc_nfs_disk_size=0"];
    let plan = plan_of(&args);
    let run = l.run(&build, &args).success();
    same(&plan, &run, &l, "configuration 1");
    converged("HubC");

    // HubA's manager lost (its container removed): replace-manager plans as it runs
    let lost = l
        .containers()
        .into_iter()
        .find(|c| c.contains("huba-manager"))
        .unwrap_or_else(|| panic!("no HubA manager: {:?}", l.containers()));
    crate::support::Cmd::new("docker")
        .args(["rm", "-f", &lost])
        .run()
        .success();
    let replace = script("replace-manager");
    let args = ["--set", "unit_group=HubA"];
    let plan = plan_json(
        &l.run(
            &replace,
            &[&["--plan", "--output", "json"][..], &args].concat(),
        )
        .success(),
    );
    let run = l.run(&replace, &args).success();
    same(&plan, &run, &l, "replace HubA's manager");
    converged("HubA");
}

/// The operating scripts on today's layout (configuration 2, HubA): each plan equals the run
/// that follows — the exports opened and restricted, inventory.yml, group_vars, the swarm.
#[test]
fn plans_of_the_operating_scripts_on_todays_layout_equal_their_runs() {
    let l = LabRun::new("g-planops", 196);
    let node = format!("{}/examples/suite-node.yml", env!("CARGO_MANIFEST_DIR"));
    l.run(&script("build-nodes"), &["--params", &node])
        .success();
    let step = |name: &str, args: &[&str]| {
        let s = script(name);
        let plan = plan_json(
            &l.run(&s, &[&["--plan", "--output", "json"][..], args].concat())
                .success(),
        );
        let run = l.run(&s, args).success();
        same(&plan, &run, &l, &format!("{name} {args:?}"));
        plan
    };
    let hub = ["--set", "unit_group=HubA", "--yes"];
    let with = |more: &[&'static str]| [&hub[..], more].concat();
    let plan = step(
        "add-workers",
        &with(&["--set", "add_ipaddresses=172.30.196.110"]),
    );
    assert!(
        plan_remote(&plan)
            .iter()
            .any(|(c, _)| c == "put /etc/exports.d/HubA.exports"),
        "{plan}"
    );
    step(
        "remove-workers",
        &with(&["--set", "delete_ipaddresses=172.30.196.102"]),
    );
    step("stop-nodes", &hub);
    step("start-nodes", &hub);
    // a start that finds every node running only reads (the mounts, the NFS server): its plan
    // lists no remote command and the run is converged
    let s = script("start-nodes");
    let text = l.run(&s, &[&["--plan"][..], &hub[..]].concat()).success();
    assert!(text.stdout().contains("no changes"), "{text}");
    assert!(!text.stdout().contains("remote commands"), "{text}");
    l.run(&s, &hub)
        .success()
        .stderr_has("RECAP: converged, nothing changed");
}

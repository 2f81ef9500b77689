//! "Converged" means converged (issue 23): on a lab environment that scripts/coursewarehub.rhai
//! built, re-running it — and re-running an operating script — changes nothing, and the recap
//! says so in one line. known_hosts stays byte for byte (the same keys are not hashed again
//! with new salts), no `.old`/`.bak` appears or changes, and the journal's recap agrees.
use crate::support::Run;
use crate::support::labrun::LabRun;
use std::collections::BTreeMap;
use std::path::Path;

fn script(name: &str) -> String {
    format!("{}/scripts/{name}.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// Every backup in the workdir (`*.bak`, `*.old`, also hidden ones, `.cwh/` included but not
/// its journals): path → bytes.
fn backups(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with(".cwh/runs") {
                    walk(root, &p, out);
                }
            } else if p.extension().is_some_and(|x| x == "bak" || x == "old") {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A run that must be converged: the one-line recap on stderr, and the journal's recap says
/// the same (nothing written, the VCC unchanged).
fn converged(r: Run, l: &LabRun) -> Run {
    let r = r.success().stderr_has("RECAP: converged, nothing changed");
    let recap = crate::support::last_recap(l.dir.path());
    assert_eq!(recap["converged"], true, "{recap}");
    assert_eq!(recap["files_written"], serde_json::json!([]), "{recap}");
    r
}

#[test]
fn re_runs_of_a_built_lab_environment_are_converged() {
    let l = LabRun::new("f-conv", 90);
    let wd = l.dir.path();
    let params = [
        "--set",
        "vc_ipaddress=172.30.90.100",
        "--set",
        "vc_nodes=2",
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_disk_size=16",
    ];
    let first = l
        .run(&script("coursewarehub"), &params)
        .success()
        .stderr_lacks("RECAP: converged");
    let kh = wd.join(".cwh/known_hosts");
    let hashed = std::fs::read(&kh).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&hashed).matches("|1|").count(),
        String::from_utf8_lossy(&hashed).lines().count(),
        "{first}"
    );
    let baks = backups(wd);

    // re-runs with the same parameters, and one without (group_vars give them)
    for args in [&params[..], &params[..], &[]] {
        let r = converged(l.run(&script("coursewarehub"), args), &l);
        assert_eq!(
            std::fs::read(&kh).unwrap(),
            hashed,
            "known_hosts was rewritten:\n{r}"
        );
        assert_eq!(backups(wd), baks, "a backup appeared or changed:\n{r}");
    }
    // the files are listed as unchanged, known_hosts among them
    let recap = crate::support::last_recap(wd);
    let unchanged: Vec<&str> = recap["files_unchanged"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for f in [
        ".cwh/known_hosts",
        "hosts",
        "ansible.cfg",
        "group_vars/CoursewareHub.yml",
    ] {
        assert!(unchanged.contains(&f), "{f} not unchanged: {recap}");
    }

    // an operating script on the converged environment: nothing to do
    converged(l.run(&script("start-nodes"), &[]), &l);
    assert_eq!(std::fs::read(&kh).unwrap(), hashed);
    assert_eq!(backups(wd), baks);

    // a relative change, then the same command again: recognised, nothing changes
    l.run(&script("add-workers"), &["--set", "add_nodes=1"])
        .success()
        .stderr_lacks("RECAP: converged");
    let kh_added = std::fs::read(&kh).unwrap();
    assert_ne!(kh_added, hashed, "the new worker's keys were not recorded");
    let baks = backups(wd);
    let gv = std::fs::read(wd.join("group_vars/CoursewareHub.yml")).unwrap();
    converged(l.run(&script("add-workers"), &["--set", "add_nodes=1"]), &l)
        .stdout_has("was already carried out");
    assert_eq!(std::fs::read(&kh).unwrap(), kh_added);
    assert_eq!(
        std::fs::read(wd.join("group_vars/CoursewareHub.yml")).unwrap(),
        gv
    );
    assert_eq!(backups(wd), baks);
    // the build re-run after add-workers (values from group_vars): converged too, since
    // add-workers recorded the new worker's node id beside known_hosts
    converged(l.run(&script("coursewarehub"), &[]), &l);
    assert_eq!(std::fs::read(&kh).unwrap(), kh_added);
}

/// Issue 24: a group_vars file that is a symlink (to the site's own file) stays a link, and
/// its target gets the values; a plan never writes through a link out of its scratch copy.
#[test]
fn a_symlinked_group_vars_file_is_written_through_and_stays_a_link() {
    let d = crate::support::Dir::new();
    let site = crate::support::Dir::new();
    let target = site.write("gv.yml", "vc_nodes: 2\n");
    std::fs::create_dir_all(d.path().join("group_vars")).unwrap();
    let link = d.path().join("group_vars/CoursewareHub.yml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let is_link = |p: &Path| {
        std::fs::symlink_metadata(p)
            .unwrap()
            .file_type()
            .is_symlink()
    };
    let run = |extra: &[&str]| {
        d.cwh()
            .args(["run", &script("coursewarehub"), "--sim"])
            .args(extra)
            .run()
            .success()
    };
    run(&[
        "--set",
        "vc_ipaddress=172.30.2.100",
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_disk_size=16",
    ])
    .stderr_has("group_vars/CoursewareHub.yml");
    assert!(is_link(&link), "the link was replaced by a file");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(
        written.contains("vc_flavor: small") && written.contains("vc_nodes: 2"),
        "{written}"
    );
    let names: Vec<_> = std::fs::read_dir(d.path().join("group_vars"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["CoursewareHub.yml"],
        "a temp file or backup was left"
    );
    // the same again: converged, the target untouched
    run(&[]).stderr_has("RECAP: converged, nothing changed");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);

    // a plan that would rewrite it (the site's comment goes): only the scratch copy changes
    let commented = format!("# the site's file\n{written}");
    std::fs::write(&target, &commented).unwrap();
    run(&["--plan"]).stdout_has("group_vars/CoursewareHub.yml");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), commented);
    assert!(is_link(&link));
}

//! `ansible::playbook` on the lab (issue 22): the environment scripts/coursewarehub.rhai built
//! (its `hosts` inventory and ansible.cfg), the test playbook of tests/playbooks/ run on the
//! manager and the workers with a variable passed through extra_vars: the files exist on the
//! nodes, a re-run changes nothing and the recap says converged, and a `--plan` with a changed
//! variable lists what would change and changes nothing on the nodes.
use crate::support::labrun::LabRun;
use crate::support::{Run, ansible_venv};

const SCRIPT: &str = r#"let vars = #{ out_dir: "/tmp/cwh-play", marker: param("marker"),
             token: secret("token"), user_prefix: "cwhplay" };
let r = ansible::playbook("playbooks/marker-user.yml", #{ limit: "CoursewareHub", extra_vars: vars });
print(`changed: ${r.changed.len()}`);
"#;

/// The marker files on every node of the lab (`docker exec`), sorted.
fn markers(l: &LabRun) -> Vec<String> {
    let mut v: Vec<String> = l
        .containers()
        .iter()
        .map(|c| {
            let o = std::process::Command::new("docker")
                .args(["exec", c, "sh", "-c", "cat /tmp/cwh-play/*/marker"])
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        })
        .collect();
    v.sort();
    v
}

fn play(l: &LabRun, marker: &str, extra: &[&str]) -> Run {
    l.cwh()
        .args(["run", "play.rhai", "--lab", "--lab-subnet", &l.subnet])
        .args(["--set", &format!("marker={marker}")])
        .args(extra)
        .env("CWH_ANSIBLE_VENV", ansible_venv())
        .env("CWH_PARAM_TOKEN", "s.play-token-0123456789")
        .run()
}

#[test]
fn a_playbook_on_the_lab_changes_the_nodes_then_converges_and_a_plan_changes_nothing() {
    let l = LabRun::new("play", 170);
    l.run(
        &format!("{}/scripts/coursewarehub.rhai", env!("CARGO_MANIFEST_DIR")),
        &[
            "--set",
            "vc_ipaddress=172.30.170.100",
            "--set",
            "vc_nodes=2",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
        ],
    )
    .success();
    l.dir.write(
        "playbooks/marker-user.yml",
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/playbooks/marker-user.yml"
        ))
        .unwrap()
        // the nodes log in as vcp (the sshd hosts of tests/playbook.rs as root): useradd as root
        .replace(
            "      # every host is this machine: one useradd at a time",
            "      become: true",
        ),
    );
    l.dir.write("play.rhai", SCRIPT);
    // 1. the first run changes both nodes; the token never shows
    play(&l, "m1", &[])
        .success()
        .stdout_has("changed: 2")
        .stderr_lacks("RECAP: converged")
        .stderr_has("ansible 172.30.170.100: ok=")
        .stdout_lacks("s.play-token")
        .stderr_lacks("s.play-token");
    assert_eq!(markers(&l), ["m1", "m1"]);
    // 2. the same again: nothing changes, and the recap says so
    play(&l, "m1", &[])
        .success()
        .stdout_has("changed: 0")
        .stderr_has("RECAP: converged");
    // 3. a plan with another marker: check mode lists both nodes, the nodes keep m1
    play(&l, "m2", &["--plan"])
        .success()
        .stdout_has("changed: 2");
    assert_eq!(markers(&l), ["m1", "m1"]);
}

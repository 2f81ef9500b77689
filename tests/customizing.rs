//! Customising without recompiling (issue 7): a site script on the stdlib steps with other
//! images and an extra step, and a `--lib` directory overriding one stdlib module — both run on
//! the lab and checked from outside.
use crate::support::Cmd;
use crate::support::labrun::LabRun;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn ssh(l: &LabRun, ip: &str, cmd: &str) -> String {
    Cmd::new("ssh")
        .arg("-i")
        .arg(l.dir.path().join(".cwh/lab_id_ed25519"))
        .args([
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
        ])
        .arg(format!(
            "UserKnownHostsFile={}",
            l.dir.path().join(".cwh/known_hosts").display()
        ))
        .arg(format!("vcp@{ip}"))
        .arg(cmd)
        .run()
        .stdout()
        .to_string()
}

#[test]
fn site_script_uses_its_images_and_adds_its_step() {
    let l = LabRun::new("site", 26);
    let r = l
        .run(
            &format!("{ROOT}/examples/site-coursewarehub.rhai"),
            &[
                "--set",
                "vc_ipaddress=172.30.26.100",
                "--set",
                "vc_nodes=2",
                "--set",
                "vc_flavor=small",
                "--set",
                "vc_disk_size=16",
            ],
        )
        .success();
    // the spec's image is what the lab records on each node
    let images = l.docker_ps("{{.Label \"cwh.image\"}}").join("\n");
    assert!(
        images.contains("registry.example.ac.jp/cwh/manager:2025.1"),
        "{images}"
    );
    assert!(
        images.contains("registry.example.ac.jp/cwh/worker:2025.1"),
        "{images}"
    );
    for ip in ["172.30.26.100", "172.30.26.101"] {
        assert!(
            ssh(&l, ip, "cat /etc/motd").contains("managed with cwh"),
            "{ip}"
        );
    }
    assert_eq!(r.stdout().matches("| Ready ").count(), 2, "{r}");
}

#[test]
fn a_lib_dir_overrides_a_stdlib_module_for_the_shipped_script() {
    let l = LabRun::new("lib", 27);
    l.run(
        &format!("{ROOT}/scripts/coursewarehub.rhai"),
        &[
            "--lib",
            &format!("{ROOT}/examples/site-lib"),
            "--set",
            "vc_ipaddress=172.30.27.100",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
            "--set",
            "vc_nodes=2",
        ],
    )
    .success()
    .stderr_has("labelled 2 swarm node(s) site=example");
    let labels = ssh(
        &l,
        "172.30.27.100",
        "docker node ls -q | xargs docker node inspect --format '{{.Spec.Labels.site}}'",
    );
    assert_eq!(
        labels.lines().filter(|x| *x == "example").count(),
        2,
        "{labels}"
    );
}

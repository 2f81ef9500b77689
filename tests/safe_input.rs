//! Safe input on a real VCC (issue 14): no private key sent, no silent drift, no silent typos,
//! passphrases asked only when needed, and the smaller wrong accepts of point 6. Each test
//! here failed before the fix. The 100+ bad inputs are in bad_inputs.rs.
use crate::support::{Dir, Run};
use std::path::{Path, PathBuf};

pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");

/// The notebook's explicit choices and the manager's address.
pub const SIZING: [&str; 8] = [
    "--set",
    "vc_flavor=small",
    "--set",
    "vc_disk_size=16",
    "--set",
    "vc_nodes=2",
    "--set",
    "vc_ipaddress=172.30.2.100",
];

/// `ssh-keygen` a key pair `name`/`name.pub` in `dir` (passphrase `pass`, "" for none).
pub fn keygen(dir: &Path, name: &str, pass: &str, extra: &[&str]) -> PathBuf {
    let p = dir.join(name);
    let st = std::process::Command::new("ssh-keygen")
        .args(["-q", "-N", pass, "-C", "test"])
        .args(if extra.is_empty() {
            &["-t", "ed25519"][..]
        } else {
            extra
        })
        .arg("-f")
        .arg(&p)
        .status()
        .expect("ssh-keygen");
    assert!(st.success());
    p
}

/// Every file under `dir` with its content, except the run journal (`.cwh/runs/`).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, d: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            if rel == ".cwh/runs" {
                continue;
            }
            if p.is_dir() {
                out.push((format!("{rel}/"), vec![]));
                walk(root, &p, out);
            } else {
                out.push((rel, std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// `cwh run SCRIPT --sim ARGS` in `dir` (stdin not a terminal).
pub fn sim_run(d: &Dir, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = d.cwh();
    c.args(["run", SCRIPT, "--sim"]).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.run()
}

/// Base64 runs of `bytes` decoded (any alignment), for an independent scan.
fn decoded_runs(bytes: &[u8]) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let e = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let mut out = Vec::new();
    for run in bytes.split(|b| !(b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')) {
        for skip in 0..4.min(run.len()) {
            let r = &run[skip..];
            if let Ok(d) = e.decode(&r[..r.len() - r.len() % 4]) {
                out.push(d);
            }
        }
    }
    out
}

/// Whether `bytes` hold private key material anywhere, raw or base64-encoded up to 3 levels.
fn leaks(bytes: &[u8], depth: u8) -> bool {
    let has = |m: &[u8]| bytes.windows(m.len()).any(|w| w == m);
    if has(b"PRIVATE KEY") || has(b"openssh-key-v1") {
        return true;
    }
    depth > 0 && decoded_runs(bytes).iter().any(|d| leaks(d, depth - 1))
}

#[test]
fn no_private_key_reaches_the_vcc() {
    let sim = crate::support::sim::start(crate::support::sim::fast_options());
    let proxy = crate::support::proxy::start(sim.server.addr());
    let d = Dir::new();
    let k = keygen(d.path(), "k", "", &[]);
    // the simulator says what it is, so the run stops where --sim stops (before SSH to its
    // made-up node addresses)
    let run = |keys: [&str; 4]| {
        d.cwh()
            .args(["run", SCRIPT])
            .args(SIZING)
            .args(keys)
            .args(["--set", "vc_nfs_disk_size=16"])
            .env("CWH_VCC_URL", format!("http://{}", proxy.addr))
            .env("VCC_ACCESS_TOKEN", sim.server.token())
            .run()
    };
    // the issue's reproduction: the paths swapped
    run([
        "--set",
        "ssh_public_key_path=k",
        "--set",
        "ssh_private_key_path=k.pub",
    ])
    .code(1)
    .stderr_has("are swapped");
    assert!(!d.path().join("group_vars").exists());
    // a private key as the public one
    run([
        "--set",
        "ssh_public_key_path=k",
        "--set",
        "ssh_private_key_path=k",
    ])
    .code(1)
    .stderr_has("holds a PRIVATE key");
    // a full run of the VCC steps with the right pair
    let r = run([
        "--set",
        "ssh_public_key_path=k.pub",
        "--set",
        "ssh_private_key_path=k",
    ])
    .success()
    .stdout_has("the SSH, Ansible and swarm steps stop here");
    let stdout = r.stdout();
    let err = r.stderr();
    let got = proxy.received();
    let text = String::from_utf8_lossy(&got);
    assert!(
        text.contains("POST ") && text.matches("\"info\"").count() >= 3,
        "the units were not created through the proxy:\n{text}"
    );
    // every byte the simulator received: no private key, raw or encoded
    assert!(!leaks(&got, 3), "private key material reached the VCC");
    assert!(!cwh::ssh::keyfile::holds_private_key(&text));
    let body = std::fs::read_to_string(&k).unwrap();
    for line in body.lines().filter(|l| l.len() > 20) {
        assert!(!text.contains(line), "a line of the private key was sent");
    }
    // what was sent is the public key, and it did arrive
    use base64::Engine as _;
    let pubkey = std::fs::read(k.with_extension("pub")).unwrap();
    let b = base64::engine::general_purpose::STANDARD.encode(&pubkey);
    let cci: Vec<String> = text
        .split("\"info\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter_map(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .map(|v| String::from_utf8_lossy(&v).into_owned())
        .collect();
    assert!(
        cci.iter()
            .any(|c| c.contains(&format!("AUTHORIZED_KEYS={b}"))),
        "{cci:?}"
    );
    // nothing written here holds it either
    for (name, bytes) in snapshot(d.path()) {
        if name == "k" || name.ends_with('/') {
            continue;
        }
        assert!(!leaks(&bytes, 2), "{name} holds private key material");
    }
    for f in std::fs::read_dir(d.path().join(".cwh/runs")).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        assert!(!leaks(&bytes, 2), "the journal holds private key material");
    }
    assert!(!leaks(stdout.as_bytes(), 2) && !leaks(err.as_bytes(), 2));
}

#[test]
fn a_rerun_with_changed_sizing_stops_with_the_table_and_changes_nothing() {
    let d = Dir::new();
    sim_run(&d, &SIZING, &[]).success();
    let before = snapshot(d.path());
    for (args, rows) in [
        (
            &["--set", "vc_flavor=medium", "--set", "vc_disk_size=40"][..],
            &["vc_flavor", "vc_disk_size", "m4.xlarge"][..],
        ),
        (
            &["--set", "vc_nfs_disk_size=16"][..],
            &["vc_nfs_disk_size"][..],
        ),
        (
            &["--set", "vc_nodes=5"][..],
            &["vc_nodes", "add-workers.rhai"][..],
        ),
        (
            &["--set", "vc_nodes=1"][..],
            &["vc_nodes", "remove-workers.rhai"][..],
        ),
        (
            &["--set", "vc_provider=azure"][..],
            &["vc_provider", "teardown.rhai"][..],
        ),
    ] {
        let res = sim_run(&d, args, &[])
            .code(1)
            .stdout_has("| parameter")
            .stdout_has("on the VCC");
        let stdout = res.stdout();
        let err = res.stderr();
        for r in rows {
            assert!(
                err.contains(r) || stdout.contains(r),
                "{args:?}: {r} missing:\n{stdout}\n{err}"
            );
        }
        assert!(err.contains("group_vars were kept"), "{err}");
        // group_vars, the simulator's state (nothing mutated on the VCC): byte for byte
        assert_eq!(snapshot(d.path()), before, "{args:?} changed the workdir");
    }
    // the same values converge
    sim_run(&d, &[], &[]).success();
}

#[test]
fn a_disk_cannot_silently_vanish_or_resize() {
    let d = Dir::new();
    sim_run(&d, &SIZING, &[]).success();
    // a first run that made a disk, in its own unit group
    sim_run(
        &d,
        &[
            &SIZING[..],
            &[
                "--set",
                "unit_group=WithDisk",
                "--set",
                "vc_nfs_disk_size=16",
                "--set",
                "vc_ipaddress=172.30.2.120",
            ],
        ]
        .concat(),
        &[],
    )
    .success();
    let before = snapshot(d.path());
    for n in ["0", "32"] {
        sim_run(
            &d,
            &[
                "--set",
                "unit_group=WithDisk",
                "--set",
                &format!("vc_nfs_disk_size={n}"),
            ],
            &[],
        )
        .code(1)
        .stderr_has("vc_nfs_disk_size: saved 16, on the VCC 16 GB disk");
        assert_eq!(snapshot(d.path()), before);
    }
}

#[test]
fn mistyped_parameter_names_are_refused_or_warned_before_anything_happens() {
    let d = Dir::new();
    // --set: refused before the workdir is touched
    sim_run(&d, &["--set", "vc_node=5"], &[])
        .code(2)
        .stderr_has("never asks for a parameter `vc_node`; did you mean `vc_nodes`?")
        .stderr_has("cwh params");
    assert_eq!(snapshot(d.path()), vec![], "the workdir was touched");
    // a params file: warnings with did-you-mean; the explicit choices are then missing
    d.write(
        "site.yml",
        "vc_node: 5\nvc_flavour: large\nvc_ipaddress: 172.30.2.100\n",
    );
    sim_run(&d, &["--params", "site.yml"], &[])
        .code(1)
        .stderr_has("`vc_flavour` is not a parameter")
        .stderr_has("did you mean `vc_flavor`")
        .stderr_has("`vc_node` is not a parameter")
        .stderr_has("did you mean `vc_nodes`")
        .stderr_has("missing parameter `vc_flavor`");
    assert!(!d.path().join("group_vars").exists());
    // the environment: ignored, listed at -v
    sim_run(
        &d,
        &["-v", "--set", "vc_flavor=small"],
        &[("CWH_PARAM_VC_NODE", "5")],
    )
    .code(1)
    .stderr_has("CWH_PARAM_VC_NODE is ignored");
    // cwh params shows what the script asks for, following its imports
    let r = d.cwh().args(["params", SCRIPT]).run().success();
    let so = r.stdout();
    for name in [
        "vc_flavor",
        "vc_disk_size",
        "vc_nodes",
        "vc_ipaddress",
        "ssh_public_key_path",
    ] {
        assert!(so.contains(name), "{name}: {so}");
    }
    assert!(
        so.contains("required") && so.contains("stdlib/coursewarehub_flow.rhai:"),
        "{so}"
    );
    let v = d
        .cwh()
        .args(["params", "--output", "json", SCRIPT])
        .run()
        .stdout_json();
    let flavor = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "vc_flavor")
        .unwrap();
    assert!(
        flavor["default"].as_str().unwrap().starts_with("required"),
        "{flavor}"
    );
    assert!(
        flavor["doc"].as_str().unwrap().contains("flavor"),
        "{flavor}"
    );
}

#[test]
fn the_passphrase_is_asked_only_for_an_encrypted_key() {
    let d = Dir::new();
    keygen(d.path(), "k", "", &[]);
    keygen(d.path(), "e", "pass phrase", &[]);
    let keys = |k: &str| {
        [
            "--set".to_string(),
            format!("ssh_public_key_path={k}.pub"),
            "--set".to_string(),
            format!("ssh_private_key_path={k}"),
        ]
    };
    // on a terminal, an unencrypted key runs through without a prompt
    let mut args: Vec<String> = ["run", SCRIPT, "--sim"].map(String::from).to_vec();
    args.extend(SIZING.map(String::from));
    args.extend(keys("k"));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let home = d.path().display().to_string();
    let t =
        crate::support::tmux::Tmux::start(d.path(), &crate::support::bin(), &a, &[("HOME", &home)]);
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    assert!(!screen.contains("passphrase"), "{screen}");
    // without a terminal, an encrypted key names the variable and the agent
    let k = keys("e");
    let ka: Vec<&str> = k.iter().map(String::as_str).collect();
    sim_run(&d, &[&SIZING[..], &ka].concat(), &[])
        .code(1)
        .stderr_has("CWH_PARAM_SSH_KEY_PASSPHRASE")
        .stderr_has("ssh-agent");
    // the variable works; a wrong one is refused before anything is created
    sim_run(
        &d,
        &[&SIZING[..], &ka, &["--set", "unit_group=Enc"]].concat(),
        &[("CWH_PARAM_SSH_KEY_PASSPHRASE", "wrong")],
    )
    .code(1)
    .stderr_has("does not decrypt")
    .stderr_lacks("wrong");
    sim_run(
        &d,
        &[
            &SIZING[..],
            &ka,
            &[
                "--set",
                "unit_group=Enc",
                "--set",
                "vc_ipaddress=172.30.2.105",
            ],
        ]
        .concat(),
        &[("CWH_PARAM_SSH_KEY_PASSPHRASE", "pass phrase")],
    )
    .success();
    // on a terminal, an encrypted key is asked for once
    let mut args: Vec<String> = ["run", SCRIPT, "--sim"].map(String::from).to_vec();
    args.extend(SIZING.map(String::from));
    args.extend(keys("e"));
    args.extend([
        "--set".into(),
        "unit_group=Enc2".into(),
        "--set".into(),
        "vc_ipaddress=172.30.2.110".into(),
    ]);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let t =
        crate::support::tmux::Tmux::start(d.path(), &crate::support::bin(), &a, &[("HOME", &home)]);
    t.wait_for("ssh_key_passphrase (input hidden):");
    t.line("pass phrase");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    assert_eq!(screen.matches("(input hidden)").count(), 1, "{screen}");
}

#[test]
fn network_and_broadcast_addresses_are_refused() {
    let d = Dir::new();
    for (ip, what) in [
        ("172.30.2.0", "network address"),
        ("172.30.2.255", "broadcast address"),
    ] {
        sim_run(
            &d,
            &[&SIZING[..], &["--set", &format!("vc_ipaddress={ip}")]].concat(),
            &[],
        )
        .code(1)
        .stderr_has(&format!("{ip} is the {what} of 172.30.2.0/24"));
    }
}

#[test]
fn workdirs_relative_tilde_and_mistyped() {
    let d = Dir::new();
    // relative: the lab key pair is found where it was made
    std::fs::create_dir(d.path().join("w")).unwrap();
    sim_run(&d, &[&SIZING[..], &["--workdir", "w"]].concat(), &[]).success();
    assert!(d.path().join("w/group_vars/CoursewareHub.yml").exists());
    assert!(!d.path().join("w/w").exists());
    // ~ is the home directory, not a directory named ~
    std::fs::create_dir(d.path().join("x")).unwrap();
    let home = d.path().display().to_string();
    sim_run(
        &d,
        &[&SIZING[..], &["--workdir", "~/x"]].concat(),
        &[("HOME", &home)],
    )
    .success();
    assert!(d.path().join("x/group_vars/CoursewareHub.yml").exists());
    assert!(!d.path().join("~").exists());
    // a mistyped workdir is refused, not created
    sim_run(&d, &[&SIZING[..], &["--workdir", "ww"]].concat(), &[])
        .code(2)
        .stderr_has("does not exist")
        .stderr_has("mkdir -p");
    assert!(!d.path().join("ww").exists());
}

#[test]
fn a_corrupt_simulator_state_names_the_file_and_the_reset() {
    let d = Dir::new();
    d.write(".cwh/sim-state.json", "{ not json");
    sim_run(&d, &SIZING, &[])
        .code(2)
        .stderr_has(".cwh/sim-state.json")
        .stderr_has("cwh vcc reset");
}

#[test]
fn providers_and_unit_group_names_say_the_rule() {
    let d = Dir::new();
    for (set, want) in [
        (
            "vc_provider=gcp",
            "must be one of [\"aws\", \"azure\"], got gcp",
        ),
        ("vc_provider=AWS", "names are lower case: aws"),
        ("unit_group=講義ハブ", "ASCII letter"),
        (
            &format!("unit_group=A{}", "b".repeat(199)) as &str,
            "200 characters, at most 40",
        ),
    ] {
        sim_run(&d, &[&SIZING[..], &["--set", set]].concat(), &[])
            .code(1)
            .stderr_has(want);
    }
}

#[test]
fn table_with_a_column_no_row_has_is_an_error() {
    let d = Dir::new();
    d.write(
        "t.rhai",
        "let vcp = vcc::connect();\nlet ug = vcp.create_ugroup(\"T\");\nprint(table(ug.nodes(), [\"no\", \"state\"]));\nprint(table([#{no: 1, state: \"RUNNING\"}], [\"node_no\"]));\n",
    );
    d.cwh()
        .args(["run", "--sim", "t.rhai"])
        .run()
        .code(1)
        .stderr_has("no row has the column(s) `node_no`; the rows' keys are: no, state")
        .stderr_has("t.rhai:4");
}

#[test]
fn repl_save_writes_a_script_that_compiles() {
    let d = Dir::new();
    d.cwh()
        .arg("repl")
        .stdin("let x = 20\nlet y = x + 1 // note\nprint(y * 2)\n.save s.rhai\n")
        .run()
        .success();
    let r = d.cwh().args(["run", "s.rhai"]).run();
    eprintln!(
        "s.rhai:\n{}",
        std::fs::read_to_string(d.path().join("s.rhai")).unwrap()
    );
    assert_eq!(r.success().stdout(), "42\n");
}

#[test]
fn duplicate_keys_in_a_params_file_say_what_to_do() {
    let d = Dir::new();
    d.write("site.yml", "vc_nodes: 2\nvc_nodes: 3\n");
    sim_run(&d, &["--params", "site.yml"], &[])
        .code(2)
        .stderr_has("site.yml")
        .stderr_has("vc_nodes")
        .stderr_has("delete one")
        .stderr_lacks("DuplicateKeyPolicy");
}

#[test]
fn the_journal_of_a_failed_parameter_check_lists_the_problems() {
    let d = Dir::new();
    sim_run(
        &d,
        &[
            &SIZING[..],
            &["--set", "vc_disk_size=8", "--set", "vc_nodes=0"],
        ]
        .concat(),
        &[],
    )
    .code(1);
    let runs: Vec<_> = std::fs::read_dir(d.path().join(".cwh/runs"))
        .unwrap()
        .collect();
    let text = std::fs::read_to_string(runs[0].as_ref().unwrap().path()).unwrap();
    assert!(!text.contains("see above"), "{text}");
    assert!(
        text.contains("vc_disk_size: must be ≥ 16, got 8")
            && text.contains("vc_nodes: must be ≥ 1, got 0"),
        "{text}"
    );
}

#[test]
fn run_help_lists_the_script_parameters() {
    let d = Dir::new();
    d.cwh()
        .args(["run", SCRIPT, "--help"])
        .run()
        .success()
        .stdout_has("--set <KEY=VALUE>")
        .stdout_has("Parameters of")
        .stdout_has("vc_flavor");
}

#[test]
fn a_missing_choice_is_asked_for_on_a_terminal() {
    let d = Dir::new();
    let home = d.path().display().to_string();
    let args = [
        "run",
        SCRIPT,
        "--sim",
        "--set",
        "vc_disk_size=16",
        "--set",
        "vc_nodes=2",
        "--set",
        "vc_ipaddress=172.30.2.100",
    ];
    let t = crate::support::tmux::Tmux::start(
        d.path(),
        &crate::support::bin(),
        &args,
        &[("HOME", &home)],
    );
    t.wait_for("\nvc_flavor:");
    t.line("small");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("vc_flavor: small"), "{gv}");
}

// ---------------------------------------------------------------- issue 24 (items 6/7)

/// A raw request to the simulator as the SDK sends it: (status, body).
fn raw(
    sim: &crate::support::sim::Sim,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let url = format!("{}{path}", sim.server.url());
    sim.block_on(async {
        let r = reqwest::Client::new()
            .request(m, url)
            .header("x-vcc-access-token", sim.server.token())
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or_default())
    })
}

#[test]
fn unit_group_names_the_vcc_forbids_are_refused_by_the_client_and_the_simulator() {
    use cwh::vcc::UgroupKind;
    let sim = crate::support::sim::start(crate::support::sim::fast_options());
    let c = sim.client();
    // the client refuses before sending anything
    for name in ["a b", "Course/Hub", "yes", "123", "講義", &"x".repeat(65)] {
        let e = sim
            .block_on(c.create_ugroup(name, UgroupKind::Compute))
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid unit group name"), "{name}: {e}");
    }
    // the simulator refuses what the VCC refuses, in the VCC's shape, when a client sends it
    let stamp = regex_lite_stamp;
    for (name, why) in [
        ("a b", "invalid vc name [a b]: it contains a space"),
        (
            "\"Course/Hub\"",
            "invalid vc name [Course/Hub]: it contains `/`",
        ),
        ("yes", "invalid vc name [true]: the CCI's name is not text"),
        ("123", "invalid vc name [123]: the CCI's name is not text"),
    ] {
        let cci = cwh::vcc::cci::b64(&format!(
            "\n- vc:\n    cci_version: \"25.10.0\"\n    type: compute\n    description: \"x\"\n    name: {name}\n"
        ));
        let (status, body) = raw(&sim, "POST", "/vcs", serde_json::json!({ "cci": cci }));
        let msg = body["message"].as_str().unwrap_or_default().to_string();
        assert_eq!(status, 400, "{name}: {body}");
        assert!(
            stamp(&msg) && msg.contains(&format!("UTC: VCPValidationException: {why}")),
            "{name}: {msg}"
        );
    }
    let (_, body) = raw(&sim, "POST", "/vcs", serde_json::json!({}));
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("the CCI has no name")
    );
    // nothing was created
    let all = sim.block_on(c.ugroups()).unwrap();
    assert!(all.is_empty(), "{all:?}");
    // a good group, then a rename to a forbidden name: refused by both, the name kept
    let g = sim
        .block_on(c.create_ugroup("Good_1", UgroupKind::Compute))
        .unwrap();
    assert!(sim.block_on(c.rename_ugroup(&g.id(), "bad name")).is_err());
    let cci = cwh::vcc::cci::b64(&cwh::vcc::cci::vc_cci("bad name", UgroupKind::Compute));
    let (status, _) = raw(
        &sim,
        "PUT",
        &format!("/vcs/{}", g.vcid),
        serde_json::json!({ "cci": cci }),
    );
    assert_eq!(status, 400);
    let names: Vec<String> = sim
        .block_on(c.ugroups())
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["Good_1"]);
}

/// `YYYY/MM/DD hh:mm:ss UTC: ` at the start of a VCC message.
fn regex_lite_stamp(msg: &str) -> bool {
    let b = msg.as_bytes();
    b.len() > 24
        && b[4] == b'/'
        && b[7] == b'/'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && msg[19..].starts_with(" UTC: ")
        && [0..4, 5..7, 8..10, 11..13, 14..16, 17..19]
            .into_iter()
            .all(|r| b[r].iter().all(u8::is_ascii_digit))
}

#[test]
fn vcc_check_says_plainly_when_tls_is_not_verified() {
    let d = Dir::new();
    let s = crate::support::serve::Served::start(d.path(), "s.tlstoken0000", &["--tls"], &[]);
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    let check = |insecure: &str| {
        d.write(
            "cfg/vcp_config.yml",
            &format!("vcc:\n  host: 127.0.0.1\n  vcc_port: {port}\n  name: t\n{insecure}"),
        );
        d.cwh()
            .env("VCC_ACCESS_TOKEN", "s.tlstoken0000")
            .env_remove("REQUESTS_CA_BUNDLE")
            .env_remove("SSL_CERT_FILE")
            .args(["vcc", "check", "--vcc-config", "cfg"])
            .run()
    };
    // verification off (the SDK's verify=False): the check connects, and says so plainly
    check("  insecure_request_warning: false\n")
        .success()
        .stdout_has("WARN tls           NOT verified: vcc.insecure_request_warning: false in cfg/vcp_config.yml turns certificate checks off")
        .stdout_has("--ca-cert FILE or REQUESTS_CA_BUNDLE")
        .stdout_has("ready, but the VCC's certificate is NOT verified")
        .stdout_lacks("verified against");
    // verification on (the default): the private CA is not trusted, so it fails
    check("")
        .code(1)
        .stdout_lacks("verified against")
        .stdout_has("FAIL tls");
}

/// A unit group `Vm` on the simulator built as a notebook builds it for vmware (manager
/// 172.30.2.100, worker 172.30.2.101), with its group_vars.
fn vmware_environment(d: &Dir) {
    d.write(
        "vm.rhai",
        r#"let vcp = vcc::connect();
let ug = vcp.create_ugroup("Vm");
let m = vcp.get_spec("vmware", "small");
m.ip_addresses = ["172.30.2.100"];
ug.create_unit("manager", m);
let w = vcp.get_spec("vmware", "small");
w.ip_addresses = ["172.30.2.101"];
ug.create_unit("worker", w);
group_vars::update("Vm", #{ unit_group: "Vm", vc_provider: "vmware", vc_flavor: "small",
    vc_nodes: 2, vc_ipaddress: "172.30.2.100", worker_ipaddresses: ["172.30.2.101"],
    ssh_private_key_path: `${workdir()}/.cwh/lab_id_ed25519` });
"#,
    );
    d.cwh().args(["run", "--sim", "vm.rhai"]).run().success();
}

#[test]
fn mac_addresses_reach_the_vcc_for_a_provider_that_fixes_them() {
    let d = Dir::new();
    vmware_environment(&d);
    // (add-workers' own MAC path runs after its SSH login to the manager, which --sim cannot
    // rehearse since a plan follows its target; its refusals, checked before any login, are in
    // tests/bad_inputs.rs)
    // through the client: sent and accepted; a multicast one is refused before sending
    d.write(
        "mac.rhai",
        r#"let w = vcc::connect().get_ugroup("Vm").get_unit("worker");
w.add_nodes(#{ ip_addresses: ["172.30.2.160"], mac_addresses: [param("mac")] });
print(w.find_ip_addresses());
"#,
    );
    d.cwh()
        .args(["run", "--sim", "mac.rhai", "--set", "mac=02:00:5e:10:00:09"])
        .run()
        .success()
        .stdout_has("172.30.2.160");
    let state = std::fs::read(d.path().join(".cwh/sim-state.json")).unwrap();
    d.cwh()
        .args(["run", "--sim", "mac.rhai", "--set", "mac=01:00:5e:10:00:09"])
        .run()
        .code(1)
        .stderr_has("mac_addresses: \"01:00:5e:10:00:09\": it is a multicast address");
    assert_eq!(
        std::fs::read(d.path().join(".cwh/sim-state.json")).unwrap(),
        state
    );
}

#[test]
fn the_simulator_refuses_bad_mac_lists_and_reserved_addresses_as_a_cloud_does() {
    let sim = crate::support::sim::start(crate::support::sim::fast_options());
    let c = sim.client();
    let g = sim
        .block_on(c.create_ugroup("G", cwh::vcc::UgroupKind::Compute))
        .unwrap();
    let info = cwh::vcc::cci::b64(
        "- unit:\n    name: w\n    num_nodes: 1\n    cloud_provider: vmware\n    cloud_params:\n        ip_address_list: ['172.30.2.1']\n",
    );
    let (status, _) = raw(
        &sim,
        "POST",
        &format!("/vcs/{}", g.vcid),
        serde_json::json!({ "info": info, "unit_name": "w" }),
    );
    assert_eq!(status, 202);
    let unit = sim
        .block_on(c.unit(&cwh::vcc::UnitId {
            ugroup: g.id(),
            name: "w".into(),
        }))
        .unwrap();
    let node = &unit.nodes.unwrap()[0];
    assert_eq!(node.state, Some(cwh::vcc::State::Error), "{node:?}");
    assert!(
        node.error_message
            .as_deref()
            .unwrap_or_default()
            .contains("172.30.2.1 is the gateway address of 172.30.2.0/24")
    );
    for (body, want) in [
        (
            serde_json::json!({"ip_address_list": ["172.30.2.150"], "mac_address_list": ["ff:ff:ff:ff:ff:ff"], "num_nodes": 1}),
            "invalid mac address [ff:ff:ff:ff:ff:ff]: it is the broadcast address",
        ),
        (
            serde_json::json!({"ip_address_list": ["172.30.2.150", "172.30.2.151"], "mac_address_list": ["02:00:00:00:00:01"], "num_nodes": 2}),
            "mac_address_list and ip_address_list has element but their length are different",
        ),
    ] {
        let (status, b) = raw(&sim, "PUT", &format!("/vcs/{}/w", g.vcid), body);
        assert_eq!(status, 400, "{b}");
        assert!(b["message"].as_str().unwrap().contains(want), "{b}");
    }
}

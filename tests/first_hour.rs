//! Issue 25, "the first hour, in the admin's own language": the recap, the plan and the drift
//! table in plain words and in Japanese; a flavor's prompt lists the provider's flavors; a
//! saved known_hosts file is kept under `--sim`.
use crate::support::Dir;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");
const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/site.yml");

/// A run that never used a VCC says so plainly (not "VCC: no VCC unchanged"), in both
/// languages.
#[test]
fn a_run_without_a_vcc_says_so_in_its_recap() {
    let d = Dir::new();
    d.write("hello.rhai", "print(\"hello\");\n");
    let r = d.cwh().args(["run", "hello.rhai"]).run().success();
    r.stderr_has(
        "RECAP: converged, nothing changed (no VCC used; files: 0 unchanged; no remote commands)",
    )
    .stderr_lacks("no VCC unchanged");
    d.cwh()
        .args(["--lang", "ja", "run", "hello.rhai"])
        .run()
        .success()
        .stderr_has("まとめ: 収束済み")
        .stderr_has("VCCは使っていません")
        .stderr_lacks("RECAP");
}

/// Built on the simulator, then planned and re-run in Japanese: the plan says "no changes" and
/// the recap "converged" in Japanese; a re-run whose flavor contradicts what exists prints the
/// drift table with Japanese headings and changes nothing.
#[test]
fn the_plan_the_recap_and_the_drift_table_in_japanese() {
    let d = Dir::new();
    let run = |extra: &[&str]| {
        let mut c = d.cwh();
        c.args(["--lang", "ja", "run", SCRIPT, "--sim", "--params", SITE]);
        c.args(extra);
        c.run()
    };
    run(&[])
        .success()
        .stderr_has("まとめ (")
        .stderr_has("作成: ユニットグループ 2 個、ユニット 3 個、VCノード 3 台、VCディスク 1 個");
    run(&["--plan"])
        .success()
        .stdout_has("変更なし: VCCとファイルはスクリプトの求める状態です")
        .stderr_has("計画のまとめ: 収束済み");
    run(&[])
        .success()
        .stderr_has("まとめ: 収束済み。何も変更していません (VCC: ユニットグループ 2 個");
    let r = run(&["--set", "vc_flavor=medium"]).failure();
    let table = r.stdout();
    for heading in ["パラメータ", "保存済み", "VCC 上", "今回の指定"] {
        assert!(table.contains(heading), "{heading}: {table}");
    }
    assert!(table.contains("| vc_flavor "), "{table}");
    r.stderr_has("変更: なし");
    // English keeps the script's own column names
    d.cwh()
        .args([
            "run",
            SCRIPT,
            "--sim",
            "--params",
            SITE,
            "--set",
            "vc_flavor=medium",
        ])
        .run()
        .failure()
        .stdout_has("| parameter ")
        .stdout_has("on the VCC");
}

/// A flavor's prompt lists the flavors of the provider given (from the run's VCC, the
/// simulator here) and takes only one of them.
#[test]
fn a_flavor_prompt_lists_the_providers_flavors() {
    let d = Dir::new();
    let home = d.path().display().to_string();
    let args = [
        "run",
        SCRIPT,
        "--sim",
        "--set",
        "vc_provider=azure",
        "--set",
        "vc_disk_size=32",
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
    let screen = t.wait_for("\nvc_flavor:");
    assert!(
        screen.contains("expected: one of small, medium, large\n"),
        "{screen}"
    );
    assert!(
        screen.contains("the choices are the flavors of azure (vcp_flavor.yml of this VCC)"),
        "{screen}"
    );
    assert!(
        !screen.contains("gpu"),
        "aws's flavors are not azure's: {screen}"
    );
    t.line("huge");
    let screen = t.wait_count("\nvc_flavor:", 2);
    assert!(
        screen.contains("must be one of small, medium, large"),
        "{screen}"
    );
    t.line("medium");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("vc_flavor: medium"), "{gv}");
}

/// A known_hosts file saved in group_vars is the re-run's, under `--sim` too (the host's own
/// default stands in for ~/.ssh/known_hosts only).
#[test]
fn a_saved_known_hosts_file_wins_over_the_simulators_default() {
    let d = Dir::new();
    let kh = d.path().join("site-known_hosts").display().to_string();
    let gv = || std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    d.cwh()
        .args(["run", SCRIPT, "--sim", "--params", SITE])
        .args(["--set", &format!("known_hosts_file={kh}")])
        .run()
        .success();
    assert!(gv().contains(&kh), "{}", gv());
    d.cwh()
        .args(["run", SCRIPT, "--sim", "--params", SITE])
        .run()
        .success()
        .stderr_has("RECAP: converged");
    assert!(gv().contains(&kh), "{}", gv());
    assert!(!gv().contains(".cwh/known_hosts"), "{}", gv());
}

/// A flavor asked before any provider is known (`worker_flavor` in a site script): the
/// flavors of each provider the VCC knows are listed, one line each, and any answer is taken
/// (the script checks it later).
#[test]
fn a_flavor_prompt_without_a_provider_lists_every_providers_flavors() {
    let d = Dir::new();
    let home = d.path().display().to_string();
    d.write(
        "f.rhai",
        "let vcp = vcc::connect();\nlet f = param(\"worker_flavor\");\nprint(`got ${f}`);\n",
    );
    let t = crate::support::tmux::Tmux::start(
        d.path(),
        &crate::support::bin(),
        &["--lang", "ja", "run", "f.rhai", "--sim"],
        &[("HOME", &home)],
    );
    let screen = t.wait_for("\nworker_flavor:");
    assert!(
        screen.contains("プロバイダごとのフレーバー (このVCCの vcp_flavor.yml):"),
        "{screen}"
    );
    assert!(
        screen.contains("\n    aws: small, medium, large"),
        "{screen}"
    );
    assert!(
        screen.contains("\n    azure: small, medium, large"),
        "{screen}"
    );
    t.line("custom");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("got custom"), "{screen}");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
}

//! Issue 25 for the VCC and the simulator: their messages in English and in Japanese, help that
//! fits the error, and the simulator announced once.
use crate::support::{Dir, bin};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Two unit groups asking for one address: the second unit ends in ERROR.
const TAKEN: &str = r#"
let vcp = vcc::connect();
let spec = vcp.get_spec("aws", "small");
spec.ip_addresses = ["172.30.2.100"];
let a = vcp.create_ugroup("First");
a.create_unit("w", spec);
let b = vcp.create_ugroup("Second");
b.create_unit("w", spec);
"#;

/// `cwh run --sim` says once where the embedded simulator is (and where its state is kept).
#[test]
fn a_sim_run_announces_the_simulator_once() {
    let d = Dir::new();
    d.write(
        "t.rhai",
        "let vcp = vcc::connect();\nprint(`target=${vcp.target}`);\n",
    );
    let r = d
        .cwh()
        .args(["run", "t.rhai", "--sim"])
        .run()
        .success()
        .stdout_has("target=simulator");
    let n = r.stderr().matches("VCC: embedded simulator").count();
    assert_eq!(n, 1, "{}", r.stderr());
    assert!(r.stderr().contains("sim-state.json"), "{}", r.stderr());
}

/// A unit that fails because its address is taken: the help names the address and says to
/// choose a free one or leave it out, not a list of possible causes; in Japanese too.
#[test]
fn a_taken_address_gets_help_that_names_it_in_both_languages() {
    let d = Dir::new();
    d.write("taken.rhai", TAKEN);
    d.cwh()
        .args(["run", "taken.rhai", "--sim"])
        .env("COLUMNS", "400")
        .run()
        .code(1)
        .stderr_has("ip address 172.30.2.100 is already in use")
        .stderr_has("The address 172.30.2.100 is already used by another node")
        .stderr_has("leave the address out")
        .stderr_lacks("(IP address, flavor, image, quota)");
    let j = Dir::new();
    j.write("taken.rhai", TAKEN);
    j.cwh()
        .args(["--lang", "ja", "run", "taken.rhai", "--sim"])
        .env("COLUMNS", "400")
        .run()
        .code(1)
        .stderr_has("失敗したユニット(w)")
        .stderr_has("アドレス 172.30.2.100 はすでに別の VCノードが使っています")
        .stderr_has("ERROR のまま残ります")
        // the wait, in Japanese too
        .stderr_has("ユニット w: RUNNING\n")
        .stderr_lacks("already used by another node");
}

/// `cwh vcc serve --tls` starts with its URL, CA and export line in the reader's language,
/// and a Japanese `cwh vcc check` against it reports in Japanese, config said once.
#[test]
fn serve_and_check_speak_japanese() {
    let d = Dir::new();
    let mut child = Command::new(bin())
        .current_dir(d.path())
        .args([
            "--lang",
            "ja",
            "vcc",
            "serve",
            "--tls",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("CWH_SIM_TOKEN", "s.ja-serve-token")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // kept open while the server runs: it writes to it
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = vec![];
    for _ in 0..3 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        lines.push(l.trim().to_string());
    }
    let _ = child.kill();
    let url = lines[0]
        .strip_prefix("待ち受けを開始しました: ")
        .unwrap_or_else(|| panic!("{lines:?}"))
        .to_string();
    assert!(url.starts_with("https://127.0.0.1:"), "{lines:?}");
    let ca = lines[1]
        .strip_prefix("CA 証明書: ")
        .unwrap_or_else(|| panic!("{lines:?}"))
        .to_string();
    assert!(
        lines[2].contains("VCP SDK") && lines[2].ends_with(&format!("REQUESTS_CA_BUNDLE={ca}")),
        "{lines:?}"
    );
    let _ = child.wait();
    // restarted on the same CA: `cwh vcc check` in Japanese
    let mut child = Command::new(bin())
        .current_dir(d.path())
        .args(["vcc", "serve", "--tls", "--listen", "127.0.0.1:0"])
        .env("CWH_SIM_TOKEN", "s.ja-serve-token")
        .env("LC_ALL", "C.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut l = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut l).unwrap();
    let url = l
        .trim()
        .strip_prefix("listening on ")
        .expect(&l)
        .to_string();
    let r = d
        .cwh()
        .args(["vcc", "check", "--ca-cert", &ca])
        .env("LANG", "ja_JP.UTF-8")
        .env("CWH_VCC_URL", &url)
        .env("VCC_ACCESS_TOKEN", "s.wrong-token")
        .env("COLUMNS", "400")
        .run();
    let _ = child.kill();
    let _ = child.wait();
    let r = r
        .failure()
        .stdout_has("VCC がアクセストークンを拒否しました")
        .stdout_has("VCP のポータルで新しいトークンを取得し");
    let said = r
        .stdout()
        .matches("vcp_config.yml が見つかりません")
        .count()
        + r.stderr()
            .matches("vcp_config.yml が見つかりません")
            .count();
    assert_eq!(said, 1, "{}\n{}", r.stdout(), r.stderr());
}

//! Issue 25: SSH, key-file and swarm errors in Japanese, against real sshd hosts on loopback
//! (an unreachable address, a key the node does not know, a key file that is not there) and a
//! swarm call refused before anything runs.
use crate::support::Dir;
use crate::support::sshd::{keygen, next_ip, shared};

/// `cwh --lang ja run` of `script` after a prelude binding `ip` (a shared sshd host) and `kh`
/// (a known_hosts file refreshed for it).
fn run_ja(d: &Dir, script: &str) -> crate::support::Run {
    let lab = shared();
    let prelude = format!(
        "let ip = \"{}\";\nknown_hosts::refresh([ip], #{{ file: \"kh\", attempts: 3 }});\n",
        lab.ips()[0]
    );
    d.write("s.rhai", &format!("{prelude}{script}"));
    d.cwh().args(["--lang", "ja", "run", "s.rhai"]).run()
}

#[test]
fn an_unreachable_node_in_japanese() {
    let d = Dir::new();
    let dead = next_ip();
    let r = run_ja(
        &d,
        &format!(
            "ssh::host(\"{dead}\", #{{ user: \"root\", key: \"{}\", known_hosts: \"kh\", connect_timeout: 3, retry: 0 }}).exec(\"true\");\n",
            shared().key.display()
        ),
    )
    .failure();
    r.stderr_has(&format!("{dead}:22 に接続できません"))
        .stderr_has("接続が拒否されました")
        .stderr_has("sshd が待ち受けていますか")
        .stderr_lacks("Connection refused")
        .stderr_lacks("os error");
}

#[test]
fn a_key_the_node_does_not_know_in_japanese() {
    let d = Dir::new();
    let stranger = d.path().join("id_stranger");
    keygen(&stranger, "ed25519", "");
    let r = run_ja(
        &d,
        "ssh::host(ip, #{ user: \"root\", key: \"id_stranger\", known_hosts: \"kh\", retry: 0 }).exec(\"true\");\n",
    )
    .failure();
    r.stderr_has("ユーザー \"root\" の認証が拒否されました")
        .stderr_has("id_stranger")
        .stderr_has("~root/.ssh/authorized_keys に公開鍵があることを確認してください")
        .stderr_lacks("authentication refused");
}

#[test]
fn a_missing_key_file_in_japanese_names_the_right_command() {
    let d = Dir::new();
    // a missing private key named id_rsa: an RSA pair at that path, never Ed25519
    let r = run_ja(
        &d,
        "ssh::host(ip, #{ user: \"root\", key: \"id_rsa\", known_hosts: \"kh\", retry: 0 }).exec(\"true\");\n",
    )
    .failure();
    r.stderr_has("SSH 鍵")
        .stderr_has("を読めません")
        .stderr_has("`key` のファイルがありません")
        .stderr_has("ssh-keygen -t rsa -b 4096 -f")
        .stderr_lacks("-t ed25519");
    // a missing .pub beside its private key: derive it, never make the private key again
    keygen(&d.path().join("id_hub"), "ed25519", "");
    std::fs::remove_file(d.path().join("id_hub.pub")).unwrap();
    let r = run_ja(
        &d,
        "for p in ssh::check_key_pair(\"id_hub.pub\", \"id_hub\") { print(p); }\n",
    )
    .success();
    r.stdout_has("パラメータ ssh_public_key_path: 鍵ファイル")
        .stdout_has("ssh-keygen -y -f ")
        .stdout_has("で公開鍵を書き出してください")
        .stdout_lacks("ssh-keygen -t");
}

#[test]
fn a_swarm_error_in_japanese() {
    let d = Dir::new();
    let r = run_ja(
        &d,
        "swarm::join_token(ssh::host(ip, #{ user: \"root\", key: \"nokey\", known_hosts: \"kh\" }), \"boss\");\n",
    )
    .failure();
    r.stderr_has("join トークンのロールは \"worker\" か \"manager\" です")
        .stderr_has("\"boss\"")
        .stderr_lacks("invalid argument");
    let r = run_ja(&d, "swarm::join([1, 2], \"tok\", \"127.0.0.1:2377\");\n").failure();
    r.stderr_has("SSH のホストを指定してください")
        .stderr_has("整数")
        .stderr_lacks("i64");
}

//! Issue 25: the shipped scripts' and the stdlib's own messages in the reader's language
//! (`t("key")` from locales/*/scripts.ftl and stdlib.ftl), and ssh-keygen advice that fits
//! the key file that is missing. Simulator only: no node is reached.
use crate::safe_input::SIZING;
use crate::support::{Dir, Run};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn script(name: &str) -> String {
    format!("{ROOT}/scripts/{name}.rhai")
}

/// A message as the reader sees it, without the line breaks and frame the error display adds
/// (it wraps long lines anywhere): every whitespace and `│` removed.
fn flat(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

fn said(r: &Run, want: &str) -> bool {
    flat(r.stderr()).contains(&flat(want)) || flat(r.stdout()).contains(&flat(want))
}

/// A build with the key pair `public`/`private` (relative to the workdir): refused, nothing
/// created.
fn refused_keys(d: &Dir, public: &str, private: &str) -> Run {
    let r = d
        .cwh()
        .args(["run", &script("coursewarehub"), "--sim"])
        .args(SIZING.as_slice())
        .args(["--set", &format!("ssh_public_key_path={public}")])
        .args(["--set", &format!("ssh_private_key_path={private}")])
        .run()
        .code(1);
    assert!(!d.path().join("group_vars").exists(), "{r}");
    r
}

/// A missing pair: `ssh-keygen` with the path asked for and a key type matching its name
/// (never `-t ed25519` for an `id_rsa`); a missing public key: derived from the private one
/// (`ssh-keygen -y`), never a new pair over an existing private key; a missing private key:
/// cannot be derived, so its path or a new pair with the public key that goes with it.
#[test]
fn missing_key_files_get_the_ssh_keygen_command_that_fits() {
    let d = Dir::new();
    std::fs::create_dir_all(d.path().join("keys")).unwrap();
    let st = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(d.path().join("keys/k"))
        .status()
        .expect("ssh-keygen (apt-get install openssh-client)");
    assert!(st.success());

    // the notebook's default names, both missing: an RSA pair at that path
    let r = refused_keys(&d, "keys/id_rsa.pub", "keys/id_rsa");
    for want in [
        "parameter ssh_public_key_path: keys/id_rsa.pub does not exist",
        "parameter ssh_private_key_path: keys/id_rsa does not exist",
        "ssh-keygen -t rsa -f keys/id_rsa)",
    ] {
        assert!(said(&r, want), "{want}\n{r}");
    }
    assert!(!r.stderr().contains("-t ed25519"), "{r}");

    // an ed25519 name: an ed25519 pair
    let r = refused_keys(&d, "keys/id_ed25519.pub", "keys/id_ed25519");
    assert!(said(&r, "ssh-keygen -t ed25519 -f keys/id_ed25519)"), "{r}");

    // a public key elsewhere than PRIVATE.pub: the pair's public file is named
    let r = refused_keys(&d, "keys/other.pub", "keys/id_rsa");
    assert!(
        said(&r, "pass --set ssh_public_key_path=keys/id_rsa.pub"),
        "{r}"
    );

    // only the .pub is missing: derive it, do not make a new pair over the private key
    let r = refused_keys(&d, "keys/k.pub.missing", "keys/k");
    assert!(
        said(&r, "ssh-keygen -y -f keys/k > keys/k.pub.missing"),
        "{r}"
    );
    assert!(!r.stderr().contains("ssh-keygen -t"), "{r}");
    assert!(r.stderr().contains("1 problem(s)"), "{r}");

    // only the private key is missing: its path, or a new pair and the public key with it
    let r = refused_keys(&d, "keys/k.pub", "keys/nope");
    for want in [
        "parameter ssh_private_key_path: keys/nope does not exist",
        "the private key of keys/k.pub",
        "ssh-keygen -t ed25519 -f keys/nope",
        "--set ssh_public_key_path=keys/nope.pub",
    ] {
        assert!(said(&r, want), "{want}\n{r}");
    }
    assert!(!r.stderr().contains("ssh-keygen -y"), "{r}");

    // the same in Japanese
    let r = d
        .cwh()
        .args(["--lang", "ja", "run", &script("coursewarehub"), "--sim"])
        .args(SIZING.as_slice())
        .args(["--set", "ssh_public_key_path=keys/k.pub.missing"])
        .args(["--set", "ssh_private_key_path=keys/k"])
        .run()
        .code(1);
    assert!(said(&r, "1 件の問題があります"), "{r}");
    assert!(
        said(&r, "ssh-keygen -y -f keys/k > keys/k.pub.missing"),
        "{r}"
    );
    assert!(said(&r, "公開鍵を次のコマンドで書き出してください"), "{r}");
}

/// Under `--lang ja` the shipped scripts speak Japanese from their first check to their last
/// line: the build, its table of a contradicting re-run, validate-site, stop-nodes and the
/// teardown with its question; the English texts are gone.
#[test]
fn shipped_scripts_speak_japanese_under_lang_ja() {
    let d = Dir::new();
    let ja = |name: &str, more: &[&str]| {
        d.cwh()
            .args(["--lang", "ja", "run", &script(name), "--sim"])
            .args(more)
            .run()
    };
    let r = ja("coursewarehub", SIZING.as_slice()).success();
    assert!(
        said(&r, "SSH、Ansible、Swarm の手順はここで終わります"),
        "{r}"
    );
    assert!(
        said(&r, "ユニットグループ CoursewareHub(compute)を作成します"),
        "{r}"
    );
    assert!(!r.stdout().contains("records only"), "{r}");

    let r = ja("validate-site", &[]).success();
    assert!(said(&r, "| パラメータ"), "{r}");
    assert!(said(&r, "2(マネージャ 1 台 + ワーカー 1 台)"), "{r}");
    assert!(said(&r, "パラメータに問題はありません"), "{r}");

    // a re-run that contradicts the nodes: the table and the advice in Japanese, no change
    let r = ja("coursewarehub", &["--set", "vc_disk_size=40"]).code(1);
    assert!(said(&r, "| 保存済み"), "{r}");
    assert!(said(&r, "vc_disk_size: 保存済み 16、VCC 上 16"), "{r}");
    assert!(said(&r, "食い違っています"), "{r}");
    assert!(said(&r, "対処:"), "{r}");
    assert!(!r.stderr().contains("contradict"), "{r}");

    let r = ja("stop-nodes", &[]).success();
    assert!(
        said(&r, "CoursewareHub のワーカー 1 台を停止しました"),
        "{r}"
    );

    let r = ja("teardown", &["--yes"]).success();
    for want in [
        "削除するもの:",
        "ユニットグループ CoursewareHub",
        "を完全に削除しますか",
        "CoursewareHub を削除しました",
    ] {
        assert!(said(&r, want), "{want}\n{r}");
    }
    assert!(!r.stdout().contains("will delete"), "{r}");
    assert!(!r.stdout().contains("torn down"), "{r}");
}

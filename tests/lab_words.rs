//! Issue 25 for the lab and the workdir lock: a refused `--lab` run leaves nothing in the
//! workdir (no key pair, no `.cwh/`), and the lab's and the lock's messages in Japanese.
use crate::support::Dir;
use crate::support::labrun::LabRun;

/// Every file and directory under the workdir, relative, sorted.
fn entries(d: &Dir) -> Vec<String> {
    let mut out = vec![];
    let mut stack = vec![d.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(d.path()).unwrap().display().to_string());
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A bad lab name or subnet is a usage error that creates nothing in the workdir, explained
/// in English and in Japanese.
#[test]
fn a_lab_run_with_a_bad_name_or_subnet_leaves_nothing_behind() {
    let d = Dir::new();
    let s = d.write("s.rhai", "print(1);");
    let s = s.to_str().unwrap();
    d.cwh()
        .args(["run", s, "--lab", "--lab-name", "Bad Name"])
        .run()
        .code(2)
        .stderr_has("invalid lab name `Bad Name`")
        .stderr_has("lab names are 1-32 of a-z 0-9 _ -");
    assert_eq!(entries(&d), ["s.rhai"]);
    d.cwh()
        .args(["run", s, "--lab", "--lab-subnet", "10.0.0.0/16"])
        .run()
        .code(2)
        .stderr_has("`10.0.0.0/16` is not an IPv4 /24 subnet");
    assert_eq!(entries(&d), ["s.rhai"]);
    d.cwh()
        .args(["--lang", "ja", "run", s, "--lab", "--lab-name", "Bad Name"])
        .run()
        .code(2)
        .stderr_has("ラボ名 `Bad Name` は使えません")
        .stderr_has("a-z 0-9 _ - の 1〜32 文字");
    d.cwh()
        .args([
            "--lang",
            "ja",
            "run",
            s,
            "--lab",
            "--lab-subnet",
            "10.0.0.0/16",
        ])
        .run()
        .code(2)
        .stderr_has("IPv4 の /24 サブネットではありません");
    assert_eq!(entries(&d), ["s.rhai"]);
}

/// Another workdir's lab: `run --lab`, `lab status` and `lab down` are refused in Japanese and
/// leave nothing in the refused workdir (the lab key pair was made before the refusal); the
/// owner's `lab status` and `lab down` speak Japanese too.
#[test]
fn another_workdirs_lab_is_refused_in_japanese_and_nothing_is_left() {
    let a = LabRun::new("c-words", 200);
    let s = a.dir.write("s.rhai", "vcc::connect();");
    a.run(s.to_str().unwrap(), &[]).success();
    a.cwh()
        .args(["--lang", "ja", "lab", "status"])
        .run()
        .success()
        .stdout_has("エンジン: Docker ")
        .stdout_has(&format!("ラボ `{}`: ノードはありません", a.name));

    let b = Dir::new();
    let sb = b.write("s.rhai", "vcc::connect();");
    let sb = sb.to_str().unwrap();
    let in_b = || {
        let mut c = b.cwh();
        c.env("CWH_LAB", &a.name);
        c
    };
    in_b()
        .args(["--lang", "ja", "run", sb, "--lab"])
        .run()
        .code(2)
        .stderr_has(&format!("ラボ `{}` は作業ディレクトリ ", a.name))
        .stderr_has("ラボには何も作成・変更していません")
        .stderr_has("--lab-subnet ")
        .stderr_lacks("belongs to");
    assert_eq!(entries(&b), ["s.rhai"], "a refused run left files behind");
    in_b()
        .args(["run", sb, "--lab"])
        .run()
        .code(2)
        .stderr_has("nothing of the lab was created or changed");
    assert_eq!(entries(&b), ["s.rhai"], "a refused run left files behind");
    in_b()
        .args(["--lang", "ja", "lab", "status"])
        .run()
        .code(2)
        .stderr_has("ラボは作成した作業ディレクトリにしか表示されません");
    in_b()
        .args(["--lang", "ja", "lab", "down"])
        .run()
        .code(2)
        .stderr_has("何も削除していません");
    assert_eq!(
        entries(&b),
        ["s.rhai"],
        "a refused command left files behind"
    );

    a.cwh()
        .args(["--lang", "ja", "lab", "down"])
        .run()
        .success()
        .stderr_has(&format!(
            "ラボ `{}`: コンテナ 0 個、ボリューム 0 個、ネットワーク、保存済みの状態を削除しました",
            a.name
        ));
}

/// The workdir lock held by another run: refused at once, naming the holder and how to stop
/// it, in English and in Japanese; the lock file is left as the holder has it.
#[test]
fn a_busy_workdir_is_explained_in_both_languages() {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let d = Dir::new();
    let s = d.write("s.rhai", "print(1);");
    let s = s.to_str().unwrap();
    let lock = d.path().join(".cwh/lock");
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let mut f = std::fs::File::create(&lock).unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let me = std::process::id();
    write!(
        f,
        "pid: {me}\nhost: {}\ncommand: cwh run other.rhai\nstarted: 2026-01-01T00:00:00Z\n",
        host.trim()
    )
    .unwrap();
    // SAFETY: flock on a file this test holds open until the end.
    assert_eq!(unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) }, 0);
    d.cwh()
        .args(["run", s, "--sim"])
        .run()
        .code(1)
        .stderr_has("is in use by another cwh run: pid ")
        .stderr_has("`cwh run other.rhai`")
        .stderr_has(&format!("stop it (kill {me})"));
    d.cwh()
        .args(["--lang", "ja", "run", s, "--sim"])
        .run()
        .code(1)
        .stderr_has("は別の cwh の実行が使用中です")
        .stderr_has(&format!("の pid {me}(`cwh run other.rhai`"))
        .stderr_has(&format!("その実行を停止してください(kill {me})"))
        .stderr_has("ロックファイルは ");
    assert!(lock.is_file());
    drop(f);
}

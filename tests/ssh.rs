//! SSH core against real OpenSSH sshd instances (issue 4).
use crate::support::Cmd;
use crate::support::sshd::{self, Lab, keygen, next_ip, shared};
use cwh::ssh::{
    Command, ExecOptions, Group, Host, HostOptions, ScanOptions, SshError, known_hosts, refresh,
};
use std::path::{Path, PathBuf};
use std::process::Command as Proc;
use std::sync::Arc;
use std::time::Duration;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Options that read nothing from the developer's ~/.ssh.
fn opts(key: &Path, kh: &Path) -> HostOptions {
    HostOptions {
        user: Some("root".into()),
        key: Some(key.display().to_string()),
        known_hosts: Some(kh.to_path_buf()),
        ssh_config: Some(kh.with_file_name("no_ssh_config")),
        connect_timeout: Duration::from_secs(5),
        ..Default::default()
    }
}

fn scan_fast() -> ScanOptions {
    ScanOptions {
        attempts: 2,
        delay: Duration::from_millis(200),
        ..Default::default()
    }
}

/// A known_hosts file refreshed for the shared hosts, in a fresh temp dir.
fn refreshed(lab: &Lab) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let out = rt()
        .block_on(refresh(&kh, &lab.ips(), &scan_fast()))
        .unwrap();
    assert!(out.iter().all(|o| o.error.is_none()), "{out:?}");
    (d, kh)
}

fn host(lab: &Lab, kh: &Path, i: usize) -> Host {
    Host::new(lab.hosts[i].ip.clone(), opts(&lab.key, kh))
}

#[test]
fn refresh_writes_entries_openssh_accepts() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    for ip in lab.ips() {
        let f = Proc::new("ssh-keygen")
            .args(["-F", &ip, "-f"])
            .arg(&kh)
            .output()
            .unwrap();
        assert!(f.status.success(), "ssh-keygen -F {ip} found nothing");
        let text = String::from_utf8_lossy(&f.stdout);
        for t in ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"] {
            assert!(text.contains(t), "{ip}: no {t} entry in {text}");
        }
        Cmd::new("ssh")
            .args(["-i"])
            .arg(&lab.key)
            .args([
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "BatchMode=yes",
                "-F",
                "/dev/null",
                "-o",
            ])
            .arg(format!("UserKnownHostsFile={}", kh.display()))
            .arg(format!("root@{ip}"))
            .arg("true")
            .run()
            .success();
    }
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&kh).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    // refreshing again replaces entries instead of piling them up
    let before = std::fs::read_to_string(&kh).unwrap().lines().count();
    rt().block_on(refresh(&kh, &lab.ips(), &scan_fast()))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&kh).unwrap().lines().count(),
        before
    );
}

#[test]
fn keyscan_finds_what_ssh_keyscan_finds() {
    let lab = shared();
    let ip = &lab.hosts[0].ip;
    let ours = rt()
        .block_on(cwh::ssh::keyscan::scan(ip, 22, Duration::from_secs(5)))
        .unwrap();
    let theirs = Proc::new("ssh-keyscan").arg(ip).output().unwrap();
    let theirs = String::from_utf8_lossy(&theirs.stdout);
    assert_eq!(
        ours.len(),
        theirs.lines().filter(|l| !l.starts_with('#')).count(),
        "{theirs}"
    );
    for k in ours {
        let b64 = k.to_openssh().unwrap();
        let b64 = b64.split_whitespace().nth(1).unwrap().to_string();
        assert!(theirs.contains(&b64), "{b64} not offered per ssh-keyscan");
    }
}

#[test]
fn accepts_file_written_by_ssh_keyscan_h() {
    let lab = shared();
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let out = Proc::new("ssh-keyscan")
        .arg("-H")
        .args(lab.ips())
        .output()
        .unwrap();
    std::fs::write(&kh, &out.stdout).unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("|1|"));
    let g = Group::new(&lab.ips(), opts(&lab.key, &kh)).unwrap();
    let r = rt().block_on(g.ping());
    assert_eq!(r.summary.ok, 3, "{:?}", r.results);
}

#[test]
fn changed_host_key_refused_for_that_host_only() {
    let lab = Lab::start(2, false);
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let rt = rt();
    rt.block_on(refresh(&kh, &lab.ips(), &scan_fast())).unwrap();
    lab.hosts[1].regenerate_host_keys(&lab.authorized);
    let g = Group::new(&lab.ips(), opts(&lab.key, &kh)).unwrap();
    let r = rt.block_on(g.exec("echo hi", &ExecOptions::default()));
    assert_eq!(r.results[0].rc, Some(0));
    assert_eq!(r.results[0].stdout, "hi\n");
    let bad = &r.results[1];
    assert_eq!(bad.rc, None);
    let err = bad.error.as_deref().unwrap();
    assert!(err.contains("host key"), "{err}");
    assert!(
        err.contains(&format!("{}:", kh.display())),
        "file and line missing: {err}"
    );
    assert!(
        err.contains(&format!("ssh-keygen -R {} -f", lab.hosts[1].ip)),
        "fix missing: {err}"
    );
    assert_eq!((r.summary.ok, r.summary.unreachable), (1, 1));
    // the line named in the error is a real entry for that host
    let line: usize = err
        .split(&format!("{}:", kh.display()))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap();
    let entries = known_hosts::lookup(&kh, &lab.hosts[1].ip, 22).unwrap();
    assert!(
        entries.iter().any(|e| e.line == line),
        "line {line} not an entry of the host"
    );
    // after a refresh the host is accepted again
    rt.block_on(refresh(&kh, &[lab.hosts[1].ip.clone()], &scan_fast()))
        .unwrap();
    let h = Host::new(lab.hosts[1].ip.clone(), opts(&lab.key, &kh));
    assert_eq!(
        rt.block_on(h.exec("true", &ExecOptions::default()))
            .unwrap()
            .rc,
        Some(0)
    );
}

#[test]
fn unknown_host_refused_unless_accept_new() {
    let lab = shared();
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let rt = rt();
    let e = rt
        .block_on(host(lab, &kh, 0).exec("true", &ExecOptions::default()))
        .unwrap_err();
    assert!(matches!(e, SshError::HostKeyUnknown { .. }), "{e}");
    let mut o = opts(&lab.key, &kh);
    o.accept_new = true;
    let h = Host::new(lab.hosts[0].ip.clone(), o);
    assert_eq!(
        rt.block_on(h.exec("true", &ExecOptions::default()))
            .unwrap()
            .rc,
        Some(0)
    );
    // the key was recorded (hashed) and OpenSSH finds it
    Cmd::new("ssh-keygen")
        .args(["-F", &lab.hosts[0].ip, "-f"])
        .arg(&kh)
        .run()
        .success();
    // and remove() takes it out again, like ssh-keygen -R
    assert!(known_hosts::remove(&kh, &lab.hosts[0].ip, 22).unwrap() >= 1);
    Cmd::new("ssh-keygen")
        .args(["-F", &lab.hosts[0].ip, "-f"])
        .arg(&kh)
        .run()
        .failure();
}

#[test]
fn exec_rc_stdout_stderr_stdin_argv_and_reuse() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let rt = rt();
    let h = host(lab, &kh, 0);
    let r = rt
        .block_on(h.exec("echo out; echo err >&2; exit 3", &ExecOptions::default()))
        .unwrap();
    assert_eq!(r.rc, Some(3));
    assert_eq!(r.stdout, "out\n");
    assert!(r.stderr.contains("err\n"), "{}", r.stderr);
    let msg = r.check().unwrap_err().to_string();
    assert!(msg.contains("rc 3: err"), "{msg}");
    let eo = ExecOptions {
        stdin: Some(b"line1\nline2\n".to_vec()),
        ..Default::default()
    };
    let r = rt.block_on(h.exec("wc -l", &eo)).unwrap();
    assert_eq!(r.stdout.trim(), "2");
    let argv = Command::Argv(vec![
        "printf".into(),
        "%s|".into(),
        "a b".into(),
        "$HOME".into(),
        "it's".into(),
    ]);
    let r = rt.block_on(h.exec(argv, &ExecOptions::default())).unwrap();
    assert_eq!(r.stdout, "a b|$HOME|it's|");
    // the same connection serves later commands: same client port in SSH_CONNECTION
    let p1 = rt
        .block_on(h.exec("echo $SSH_CONNECTION", &ExecOptions::default()))
        .unwrap()
        .stdout;
    let p2 = rt
        .block_on(h.exec("echo $SSH_CONNECTION", &ExecOptions::default()))
        .unwrap()
        .stdout;
    assert_eq!(p1, p2, "a second connection was opened");
}

#[test]
fn sudo_runs_as_root_through_sudo() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let eo = ExecOptions {
        sudo: true,
        ..Default::default()
    };
    let r = rt()
        .block_on(host(lab, &kh, 1).exec("echo $SUDO_USER:$(id -u)", &eo))
        .unwrap();
    assert_eq!(r.stdout, "root:0\n", "stderr: {}", r.stderr);
}

#[test]
fn timeout_stops_the_remote_command() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let rt = rt();
    let h = host(lab, &kh, 2);
    let marker = format!("{}", 30000 + std::process::id() % 30000);
    let eo = ExecOptions {
        timeout: Some(Duration::from_secs(1)),
        ..Default::default()
    };
    let e = rt
        .block_on(h.exec(format!("sleep {marker}; echo done"), &eo))
        .unwrap_err();
    assert!(matches!(e, SshError::Timeout { .. }), "{e}");
    // the remote process is gone (grace period: TERM then KILL after 2 s); poll, don't guess
    let check = format!("pgrep -f '[s]leep {marker}'");
    let mut last = None;
    for _ in 0..50 {
        let r = rt
            .block_on(h.exec(check.as_str(), &ExecOptions::default()))
            .unwrap();
        if r.rc == Some(1) {
            return;
        }
        last = Some(r.stdout);
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("still running: {last:?}");
}

#[test]
fn dropping_the_future_stops_the_remote_command() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let rt = rt();
    let h = host(lab, &kh, 1);
    let marker = format!("{}", 20000 + std::process::id() % 10000);
    for sudo in [false, true] {
        let eo = ExecOptions {
            sudo,
            ..Default::default()
        };
        // cancel as the script host does: drop the future (here: an outer timeout)
        let cancelled = rt.block_on(async {
            tokio::time::timeout(
                Duration::from_millis(1500),
                h.exec(format!("sleep {marker}; echo done"), &eo),
            )
            .await
        });
        assert!(
            cancelled.is_err(),
            "the command should still have been running"
        );
        let check = format!("pgrep -f '[s]leep {marker}'");
        let mut gone = false;
        for _ in 0..50 {
            let r = rt
                .block_on(h.exec(check.as_str(), &ExecOptions::default()))
                .unwrap();
            if r.rc == Some(1) {
                gone = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(
            gone,
            "sleep {marker} (sudo: {sudo}) still runs after cancellation"
        );
    }
}

#[test]
fn output_is_capped_and_says_so() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let mut o = opts(&lab.key, &kh);
    o.output_limit = 64 * 1024;
    let h = Host::new(lab.hosts[0].ip.clone(), o);
    let r = rt()
        .block_on(h.exec(
            "head -c 8000000 /dev/zero | tr '\\0' x",
            &ExecOptions::default(),
        ))
        .unwrap();
    assert_eq!(r.rc, Some(0));
    assert!(r.truncated);
    assert!(r.stdout.len() < 65 * 1024, "{}", r.stdout.len());
    assert!(r.stdout.contains("stdout truncated"), "no note");
    assert!(r.stdout.contains("dropped 7934464 bytes"));
}

#[test]
fn put_writes_atomically_with_mode_and_sudo() {
    let lab = shared();
    let (d, kh) = refreshed(lab);
    let rt = rt();
    let h = host(lab, &kh, 0);
    let dst = d.path().join("exports");
    rt.block_on(h.put(
        &dst.display().to_string(),
        b"/srv *(rw)\n",
        Some(0o600),
        false,
    ))
    .unwrap();
    assert_eq!(std::fs::read_to_string(&dst).unwrap(), "/srv *(rw)\n");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&dst).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    rt.block_on(h.put(&dst.display().to_string(), b"v2", None, true))
        .unwrap();
    assert_eq!(std::fs::read_to_string(&dst).unwrap(), "v2");
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".cwh-put"))
        .collect();
    assert!(leftovers.is_empty());
    let e = rt
        .block_on(h.put("/nonexistent-dir/x", b"x", None, false))
        .unwrap_err();
    assert!(matches!(e, SshError::PutFailed { .. }), "{e}");
}

#[test]
fn key_types_and_bad_keys() {
    let lab = Lab::start(1, false);
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let rt = rt();
    rt.block_on(refresh(&kh, &lab.ips(), &scan_fast())).unwrap();
    let ip = lab.hosts[0].ip.clone();
    let try_key = |key: &Path, o: Option<HostOptions>| {
        let o = o.unwrap_or_else(|| opts(key, &kh));
        rt.block_on(Host::new(ip.clone(), o).exec("true", &ExecOptions::default()))
    };
    for kind in ["ecdsa", "rsa"] {
        let k = d.path().join(format!("id_{kind}"));
        keygen(&k, kind, "");
        lab.authorize(&k.with_extension("pub"));
        assert_eq!(try_key(&k, None).unwrap().rc, Some(0), "{kind} key refused");
    }
    // encrypted: no passphrase source, wrong one, right one
    let enc = d.path().join("id_enc");
    keygen(&enc, "ed25519", "correct horse");
    lab.authorize(&enc.with_extension("pub"));
    let e = try_key(&enc, None).unwrap_err();
    assert!(matches!(e, SshError::KeyEncrypted { .. }), "{e}");
    let mut o = opts(&enc, &kh);
    o.passphrase = Some(Arc::new(|_: &Path| Some("wrong horse".to_string())));
    let e = try_key(&enc, Some(o)).unwrap_err();
    assert!(matches!(e, SshError::WrongPassphrase { .. }), "{e}");
    // (decrypted keys are cached per path: use a copy for the good passphrase)
    let enc2 = d.path().join("id_enc2");
    std::fs::copy(&enc, &enc2).unwrap();
    let mut o = opts(&enc2, &kh);
    o.passphrase = Some(Arc::new(|_: &Path| Some("correct horse".to_string())));
    assert_eq!(try_key(&enc2, Some(o)).unwrap().rc, Some(0));
    // unreadable, wrong format, not authorized
    let e = try_key(&d.path().join("missing"), None).unwrap_err();
    assert!(matches!(e, SshError::KeyRead { .. }), "{e}");
    let e = try_key(&lab.key.with_extension("pub"), None).unwrap_err();
    assert!(matches!(e, SshError::KeyFormat { .. }), "{e}");
    let stranger = d.path().join("id_stranger");
    keygen(&stranger, "ed25519", "");
    let e = try_key(&stranger, None).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, SshError::AuthRefused { .. }), "{e}");
    assert!(
        msg.contains("\"root\"") && msg.contains("id_stranger"),
        "{msg}"
    );
}

#[test]
fn unreachable_unresolvable_and_empty() {
    let lab = shared();
    let (_d, kh) = refreshed(lab);
    let rt = rt();
    let dead = next_ip();
    let mut names = lab.ips();
    names.insert(1, dead.clone());
    names.push("no-such-node.invalid".into());
    let g = Group::new(&names, opts(&lab.key, &kh)).unwrap();
    let r = rt.block_on(g.exec("hostname", &ExecOptions::default()));
    let hosts: Vec<&str> = r.results.iter().map(|x| x.host.as_str()).collect();
    assert_eq!(
        hosts,
        names.iter().map(String::as_str).collect::<Vec<_>>(),
        "input order"
    );
    assert_eq!(
        (r.summary.ok, r.summary.failed, r.summary.unreachable),
        (3, 0, 2)
    );
    assert!(
        r.results[1]
            .error
            .as_deref()
            .unwrap()
            .contains("unreachable"),
        "{:?}",
        r.results[1]
    );
    assert!(
        r.results[4]
            .error
            .as_deref()
            .unwrap()
            .contains("cannot resolve"),
        "{:?}",
        r.results[4]
    );
    // exec_ok semantics: an error naming the failed hosts and why
    let msg = r.check().unwrap_err().to_string();
    assert!(msg.contains("2 host(s)") && msg.contains(&dead), "{msg}");
    let e = Group::new::<String>(&[], opts(&lab.key, &kh)).unwrap_err();
    assert!(matches!(e, SshError::EmptyHostList));
    let e = rt.block_on(refresh(&kh, &[], &scan_fast())).unwrap_err();
    assert!(matches!(e, SshError::EmptyHostList));
    // refresh of a dead host gives up after the attempts and reports it
    let out = rt.block_on(refresh(&kh, &[dead], &scan_fast())).unwrap();
    assert!(out[0].error.is_some());
}

#[test]
fn ssh_config_user_identity_and_proxyjump() {
    // own hosts: no other test logs into the jump host meanwhile
    let lab = &Lab::start(2, false);
    let (d, kh) = refreshed(lab);
    let cfg = d.path().join("config");
    let (jump, target) = (&lab.hosts[0].ip, &lab.hosts[1].ip);
    std::fs::write(
        &cfg,
        format!(
            "Host node-b\n  HostName {target}\n  ProxyJump root@{jump}\nHost *\n  User root\n  IdentityFile {}\n",
            lab.key.display()
        ),
    )
    .unwrap();
    let o = HostOptions {
        known_hosts: Some(kh.clone()),
        ssh_config: Some(cfg),
        ..Default::default()
    };
    let jump_log = lab.hosts[0].dir.join("sshd.log");
    let before = std::fs::read_to_string(&jump_log).unwrap_or_default().len();
    let h = Host::new("node-b", o);
    let r = rt()
        .block_on(h.exec("echo $USER", &ExecOptions::default()))
        .unwrap();
    assert_eq!(r.stdout, "root\n");
    let log = std::fs::read_to_string(&jump_log).unwrap();
    assert!(
        log[before..].contains("Accepted publickey for root"),
        "the jump host saw no login:\n{}",
        &log[before..]
    );
}

/// ssh-agent is used when no key is given and SSH_AUTH_SOCK is set. The environment is
/// process-wide, so the check runs in a child process of this test binary.
#[test]
fn agent_used_when_no_key_given() {
    let lab = shared();
    let (d, kh) = refreshed(lab);
    let sock = d.path().join("agent.sock");
    let mut agent = Proc::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&sock)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !sock.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    Cmd::new("ssh-add")
        .arg(&lab.key)
        .env("SSH_AUTH_SOCK", &sock)
        .run()
        .success();
    let out = Proc::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "ssh::agent_child", "--nocapture"])
        .env("SSH_AUTH_SOCK", &sock)
        .env("CWH_TEST_AGENT_HOST", &lab.hosts[0].ip)
        .env("CWH_TEST_AGENT_KH", &kh)
        .output()
        .unwrap();
    let _ = agent.kill();
    let _ = agent.wait();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run by agent_used_when_no_key_given in a child process"]
fn agent_child() {
    let (Ok(host), Ok(kh)) = (
        std::env::var("CWH_TEST_AGENT_HOST"),
        std::env::var("CWH_TEST_AGENT_KH"),
    ) else {
        panic!("only run by agent_used_when_no_key_given");
    };
    let kh = PathBuf::from(kh);
    let o = HostOptions {
        user: Some("root".into()),
        key: None,
        known_hosts: Some(kh.clone()),
        ssh_config: Some(kh.with_file_name("no_ssh_config")),
        ..Default::default()
    };
    let target = o.resolve(&host).unwrap();
    assert_eq!(
        target.credentials.first(),
        Some(&cwh::ssh::options::Credential::Agent)
    );
    let r = rt()
        .block_on(Host::new(host, o).exec("true", &ExecOptions::default()))
        .unwrap();
    assert_eq!(r.rc, Some(0));
}

#[test]
fn sshd_is_required() {
    sshd::require_openssh();
}

#[test]
fn connect_retries_until_sshd_listens() {
    let lab = Lab::start(1, false);
    lab.hosts[0].stop();
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let mut o = opts(&lab.key, &kh);
    o.accept_new = true;
    // without a retry window a stopped node is unreachable at once
    let e = rt()
        .block_on(Host::new(lab.hosts[0].ip.clone(), o.clone()).connect())
        .unwrap_err();
    assert!(matches!(e, SshError::Unreachable { .. }), "{e}");
    o.retry = Duration::from_secs(30);
    let h = Host::new(lab.hosts[0].ip.clone(), o);
    std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(1500));
            lab.hosts[0].regenerate_host_keys(&lab.authorized);
        });
        let r = rt()
            .block_on(h.exec("true", &ExecOptions::default()))
            .unwrap();
        assert_eq!(r.rc, Some(0));
    });
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn vm_rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn time_shell(script: &str) -> f64 {
    let t = std::time::Instant::now();
    Cmd::new("sh").arg("-c").arg(script).run().success();
    t.elapsed().as_secs_f64() * 1000.0
}

/// `true` on 1, 10, 20 hosts: cwh vs `xargs -P20 ssh` vs Ansible (`CWH_ANSIBLE_VENV`), medians
/// of `CWH_BENCH_RUNS` (default 5) cold runs. Prints a Markdown table.
#[test]
#[ignore = "benchmark: CWH_ANSIBLE_VENV=… cargo test --release --test integration ssh::bench_fanout -- --ignored --nocapture"]
fn bench_fanout() {
    let runs: usize = std::env::var("CWH_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let lab = Lab::start(20, false);
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let rt = rt();
    rt.block_on(refresh(&kh, &lab.ips(), &scan_fast())).unwrap();
    let venv = std::env::var("CWH_ANSIBLE_VENV").ok();
    let key = lab.key.display().to_string();
    let mut rows = Vec::new();
    let mut rss_per_host = 0.0;
    let mut rss_total = 0;
    for n in [1usize, 10, 20] {
        let ips = &lab.ips()[..n];
        // cwh: a new group each run, so every run pays connect + handshake + auth
        let cwh: Vec<f64> = (0..runs)
            .map(|_| {
                let t = std::time::Instant::now();
                let g = Group::new(ips, opts(&lab.key, &kh)).unwrap();
                let before = vm_rss_kib();
                let r = rt.block_on(g.ping());
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                if n == 20 && rss_total == 0 {
                    // first 20-host run: growth while 20 connections are open (a lower bound:
                    // the allocator reuses memory freed by the earlier runs)
                    rss_total = vm_rss_kib();
                    rss_per_host = (rss_total.saturating_sub(before)) as f64 / n as f64;
                }
                assert_eq!(r.summary.ok, n, "{:?}", r.results);
                ms
            })
            .collect();
        let list = ips.join("\n");
        let ssh = format!(
            "printf '%s\\n' '{}' | sed 's/ /\\n/g' | xargs -P20 -I{{}} ssh -F /dev/null -i {key} -o BatchMode=yes \
             -o StrictHostKeyChecking=yes -o UserKnownHostsFile={kh} root@{{}} true",
            list.replace('\n', " "),
            kh = kh.display()
        );
        let xargs: Vec<f64> = (0..runs).map(|_| time_shell(&ssh)).collect();
        let mut row = vec![
            n.to_string(),
            format!("{:.0}", median(cwh)),
            format!("{:.0}", median(xargs)),
        ];
        if let Some(v) = &venv {
            let inv = d.path().join(format!("inv{n}.ini"));
            let mut text = String::from("[nodes]\n");
            for ip in ips {
                text.push_str(&format!("{ip}\n"));
            }
            text.push_str(&format!(
                "[all:vars]\nansible_user=root\nansible_ssh_private_key_file={key}\nansible_python_interpreter=/usr/bin/python3\n"
            ));
            std::fs::write(&inv, text).unwrap();
            for pipelining in [false, true] {
                let cfg = d.path().join(format!("ansible-{pipelining}.cfg"));
                std::fs::write(
                    &cfg,
                    format!(
                        "[defaults]\nhost_key_checking=True\ngathering=explicit\nforks=20\n[ssh_connection]\npipelining={pipelining}\n\
                         ssh_args=-F /dev/null -o UserKnownHostsFile={} -o ControlMaster=no -o ControlPath=none\n",
                        kh.display()
                    ),
                )
                .unwrap();
                let cmd = format!(
                    "ANSIBLE_CONFIG={} {v}/bin/ansible all -i {} -f 20 -a true > /dev/null",
                    cfg.display(),
                    inv.display()
                );
                let t: Vec<f64> = (0..runs).map(|_| time_shell(&cmd)).collect();
                row.push(format!("{:.0}", median(t)));
            }
        }
        rows.push(row);
    }
    println!(
        "\n| hosts | cwh (ms) | xargs -P20 ssh (ms) | ansible -f20 cold (ms) | ansible -f20 pipelining (ms) |"
    );
    println!("|---|---|---|---|---|");
    for r in rows {
        let cells: Vec<String> = (0..5)
            .map(|i| r.get(i).cloned().unwrap_or_else(|| "–".into()))
            .collect();
        println!("| {} |", cells.join(" | "));
    }
    println!(
        "\ncwh: process RSS {rss_total} KiB with 20 connections open; growth {rss_per_host:.0} KiB per host (runs: {runs})"
    );
}

//! No silent death (issue 24, items 3 and 5): a plain-HTTP server where the VCC's HTTPS
//! should be, a token that is no token, a script's `exit(n)`, and SIGTERM/SIGHUP/Ctrl-C all end
//! with a message, a conventional exit code, the recap in the journal and the workdir lock
//! released — never a process killed by SIGPIPE with nothing said.
use crate::support::serve::Served;
use crate::support::{Dir, bin, cwh, last_recap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TOKEN: &str = "s.SilentDeathToken42";
/// A recognisable part of the bad tokens: it must never appear in any output.
const SECRET_PART: &str = "TOPSECRETPART";

/// `vcp_config.yml` in `dir/cfg` pointing at `127.0.0.1:port` (HTTPS, as the SDK's config says).
fn config_for(d: &Dir, port: u16) -> std::path::PathBuf {
    d.write(
        "cfg/vcp_config.yml",
        &format!("vcc:\n  host: 127.0.0.1\n  vcc_port: {port}\n"),
    );
    d.path().join("cfg")
}

fn port_of(addr: &str) -> u16 {
    addr.rsplit_once(':').unwrap().1.parse().unwrap()
}

/// A plain HTTP server on 127.0.0.1:0 that answers anything with `400 Bad Request` and closes
/// (what a web server says to a TLS handshake); counts the connections it accepted.
fn plain_http_server() -> (SocketAddr, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let n = accepted.clone();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(mut c) = c else { continue };
            n.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 512];
            let _ = c.read(&mut buf);
            let _ = c.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad Request",
            );
        }
    });
    (addr, accepted)
}

const CONNECT: &str = "let vcp = vcc::connect();\nprint(vcp.ugroups());\n";

#[test]
fn a_plain_http_vcc_is_named_with_the_fix_never_a_silent_sigpipe() {
    let d = Dir::new();
    d.write("connect.rhai", CONNECT);
    // `cwh vcc serve` without --tls (hyper closes on our handshake), and a bare HTTP server
    let served = Served::start(d.path(), TOKEN, &[], &[]);
    let (bare, _) = plain_http_server();
    for port in [port_of(&served.addr), bare.port()] {
        let cfg = config_for(&d, port);
        let r = d
            .cwh()
            .args(["vcc", "check", "--vcc-config"])
            .arg(&cfg)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .run()
            .code(1)
            .stdout_has(&format!(
                "FAIL connect       the VCC at https://127.0.0.1:{port}/vcp/v1/occtr answered in plain HTTP, not HTTPS"
            ))
            .stdout_has("start it with --tls")
            .stdout_has("vcc_port in vcp_config.yml");
        assert!(!r.stdout().contains("ready:"), "{r}");

        let r = d
            .cwh()
            .args(["run", "connect.rhai", "--vcc-config"])
            .arg(&cfg)
            .env("VCC_ACCESS_TOKEN", TOKEN)
            .run()
            .code(1)
            .stderr_has("answered in plain HTTP, not HTTPS")
            .stderr_has("CWH_VCC_URL=http://HOST:PORT")
            .stderr_has("RECAP (the run failed)");
        assert!(!r.stderr().contains(TOKEN), "{r}");
        assert_eq!(last_recap(d.path())["exit_code"], 1);
    }
}

#[test]
fn a_huge_or_binary_token_is_refused_before_any_request_and_never_shown() {
    let d = Dir::new();
    d.write("connect.rhai", CONNECT);
    let (addr, accepted) = plain_http_server();
    let cfg = config_for(&d, addr.port());
    // 1 MB of token, a binary file, a token with a control character in the environment
    let huge = d.write("huge.token", &format!("s.{SECRET_PART}").repeat(70_000));
    assert!(std::fs::metadata(&huge).unwrap().len() > 1_000_000);
    let binary = d.path().join("binary.token");
    std::fs::write(
        &binary,
        [
            b"s.",
            SECRET_PART.as_bytes(),
            b"\x00\xff\xfe\x01\x02binary\n",
        ]
        .concat(),
    )
    .unwrap();
    for (file, why) in [(&huge, "bytes long"), (&binary, "not printable text")] {
        let r = d
            .cwh()
            .args(["vcc", "check", "--vcc-config"])
            .arg(&cfg)
            .arg("--token-file")
            .arg(file)
            .run()
            .code(1)
            .stdout_has("FAIL token")
            .stdout_has("does not hold a VCC access token")
            .stdout_has(why)
            .stdout_has("help: put only the access token from the VCP portal");
        assert!(!format!("{r}").contains(SECRET_PART), "{r}");
        let r = d
            .cwh()
            .args(["run", "connect.rhai", "--vcc-config"])
            .arg(&cfg)
            .arg("--token-file")
            .arg(file)
            .run()
            .code(1)
            .stderr_has("does not hold a VCC access token")
            .stderr_has(why)
            .stderr_has("RECAP");
        assert!(!format!("{r}").contains(SECRET_PART), "{r}");
    }
    let r = d
        .cwh()
        .args(["run", "connect.rhai", "--vcc-config"])
        .arg(&cfg)
        .env("VCC_ACCESS_TOKEN", format!("s.{SECRET_PART}\x1b[2J\x07"))
        .run()
        .code(1)
        .stderr_has("VCC_ACCESS_TOKEN does not hold a VCC access token")
        .stderr_has("not printable text");
    assert!(!format!("{r}").contains(SECRET_PART), "{r}");
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        0,
        "a bad token must stop cwh before any request"
    );
    // nothing of it in the journals either
    for e in std::fs::read_dir(d.path().join(".cwh/runs")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.contains(SECRET_PART), "{text}");
    }
}

#[test]
fn exit_n_ends_the_run_with_that_code_and_the_recap_says_so() {
    let d = Dir::new();
    d.write(
        "three.rhai",
        "print(\"before\");\nexit(3);\nprint(\"after\");\n",
    );
    d.cwh()
        .args(["run", "three.rhai"])
        .run()
        .code(3)
        .stdout_has("before")
        .stdout_lacks("after")
        .stderr_has("RECAP (the script called exit(3): exit code 3)")
        .stderr_lacks("converged");
    let recap = last_recap(d.path());
    assert_eq!(recap["exit_code"], 3, "{recap}");
    assert_eq!(recap["ok"], false, "{recap}");
    assert_eq!(
        recap["ending"], "the script called exit(3): exit code 3",
        "{recap}"
    );

    // exit() from a function, without a value: the run ends there, successfully
    d.write(
        "done.rhai",
        "fn stop() { exit(); }\nprint(\"before\");\nstop();\nprint(\"after\");\n",
    );
    d.cwh()
        .args(["run", "done.rhai"])
        .run()
        .success()
        .stdout_lacks("after")
        .stderr_has("RECAP: converged");
    assert_eq!(last_recap(d.path())["exit_code"], 0);

    // a message: said as an error, exit code 1 (as Python's sys.exit("…")); `catch` cannot
    // swallow an exit
    d.write(
        "msg.rhai",
        "try { exit(\"the site is not ready\"); } catch (e) { print(\"caught\"); }\n",
    );
    d.cwh()
        .args(["run", "msg.rhai"])
        .run()
        .code(1)
        .stdout_lacks("caught")
        .stderr_has("error: the site is not ready")
        .stderr_has("RECAP (the script called exit(message): exit code 1)");

    // not an exit code: refused with the fix, exit code 1
    d.write("big.rhai", "exit(300);\n");
    d.cwh()
        .args(["run", "big.rhai"])
        .run()
        .code(1)
        .stderr_has("error: exit(300): an exit code is a whole number from 0 to 255");
}

/// `cwh run` of a script that prints "started" and then blocks in `body`, with its stderr
/// read line by line on a thread; returns once the script runs.
struct Running {
    child: Child,
    stderr: std::sync::mpsc::Receiver<String>,
    seen: String,
}

impl Running {
    fn start(d: &Dir, body: &str, env: &[(&str, &str)]) -> Running {
        d.write("block.rhai", &format!("{body}\n"));
        let mut cmd = Command::new(bin());
        cmd.args(["run", "block.rhai"])
            .current_dir(d.path())
            .env("NO_COLOR", "1")
            .env_remove("CWH_VCC_URL")
            .env_remove("VCC_ACCESS_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let (tx, stderr) = std::sync::mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let mut r = Running {
            child,
            stderr,
            seen: String::new(),
        };
        assert_eq!(line.trim(), "started", "{}", r.drain());
        r
    }

    fn signal(&self, sig: i32) {
        // SAFETY: a signal to our own child process.
        unsafe { libc::kill(self.child.id() as i32, sig) };
    }

    /// Wait (generously: the point is that it happens at all) for a stderr line holding `s`.
    fn wait_stderr(&mut self, s: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.seen.contains(s) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push_str(&l);
                    self.seen.push('\n');
                }
                Err(_) => panic!("no {s:?} on stderr:\n{}", self.seen),
            }
        }
    }

    fn drain(&mut self) -> String {
        while let Ok(l) = self.stderr.recv_timeout(Duration::from_millis(200)) {
            self.seen.push_str(&l);
            self.seen.push('\n');
        }
        self.seen.clone()
    }

    /// Wait for the end (generous limit; killed and failed when it does not come).
    fn wait(&mut self) -> (ExitStatus, String) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return (s, self.drain());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("cwh run did not end:\n{}", self.drain());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn lock_file(d: &Dir) -> std::path::PathBuf {
    d.path().join(".cwh/lock")
}

#[test]
fn sigterm_sighup_and_ctrl_c_end_a_run_with_its_recap_and_the_lock_released() {
    for (sig, name, code) in [
        (libc::SIGTERM, "SIGTERM", 143),
        (libc::SIGHUP, "SIGHUP", 129),
        (libc::SIGINT, "Ctrl-C", 130),
    ] {
        let d = Dir::new();
        let mut run = Running::start(
            &d,
            "print(\"started\");\nsleep(600);\nprint(\"not reached\");",
            &[],
        );
        assert!(lock_file(&d).is_file(), "a running run holds the lock");
        run.signal(sig);
        let (status, err) = run.wait();
        assert_eq!(status.code(), Some(code), "{name}:\n{err}");
        assert!(
            err.contains(&format!("RECAP (stopped by {name}: exit code {code})")),
            "{name}:\n{err}"
        );
        assert!(err.contains("block.rhai:2"), "{name}:\n{err}");
        let recap = last_recap(d.path());
        assert_eq!(recap["exit_code"], code, "{name}: {recap}");
        assert_eq!(
            recap["ending"],
            format!("stopped by {name}: exit code {code}"),
            "{recap}"
        );
        assert!(
            !lock_file(&d).exists(),
            "{name}: the lock is released:\n{err}"
        );
        let mut rest = String::new();
        run.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut rest)
            .unwrap();
        assert!(!rest.contains("not reached"), "{name}");
    }
}

#[test]
fn a_closed_terminal_ends_the_run_with_its_recap_and_the_lock_released() {
    // a real terminal that goes away (SIGHUP, then every write to it fails)
    let d = Dir::new();
    d.write(
        "block.rhai",
        "print(\"started\");\nsleep(600);\nprint(\"not reached\");\n",
    );
    let t = crate::support::tmux::Tmux::start(d.path(), &bin(), &["run", "block.rhai"], &[]);
    t.wait_for("started");
    assert!(lock_file(&d).is_file());
    drop(t);
    let deadline = Instant::now() + Duration::from_secs(60);
    while lock_file(&d).exists() {
        assert!(
            Instant::now() < deadline,
            "the run did not end when its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let recap = last_recap(d.path());
    assert_eq!(recap["exit_code"], 129, "{recap}");
    assert_eq!(
        recap["ending"], "stopped by SIGHUP: exit code 129",
        "{recap}"
    );
}

/// A TCP proxy to `upstream` that stops passing bytes (and holds every connection, old and
/// new) once `hold` is set: a VCC that stops answering.
fn gate(upstream: SocketAddr, hold: Arc<AtomicBool>) -> SocketAddr {
    fn pipe(mut from: TcpStream, mut to: TcpStream, hold: Arc<AtomicBool>) {
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            while hold.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50));
            }
            if to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    }
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(c) = c else { continue };
            let hold = hold.clone();
            std::thread::spawn(move || {
                while hold.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(50));
                }
                let Ok(u) = TcpStream::connect(upstream) else {
                    return;
                };
                let (c2, u2) = (c.try_clone().unwrap(), u.try_clone().unwrap());
                let h2 = hold.clone();
                std::thread::spawn(move || pipe(u2, c2, h2));
                pipe(c, u, hold);
            });
        }
    });
    addr
}

#[test]
fn a_second_signal_exits_at_once_with_a_recap_and_no_lock_left() {
    let d = Dir::new();
    let served = Served::start(d.path(), TOKEN, &[], &[]);
    let hold = Arc::new(AtomicBool::new(false));
    let upstream: SocketAddr = served.addr.parse().unwrap();
    let proxy = gate(upstream, hold.clone());
    let url = format!("http://{proxy}");
    let mut run = Running::start(
        &d,
        "let vcp = vcc::connect();\nprint(\"started\");\nsleep(600);",
        &[("CWH_VCC_URL", &url), ("VCC_ACCESS_TOKEN", TOKEN)],
    );
    // the VCC stops answering: the recap's final read of its state hangs
    hold.store(true, Ordering::SeqCst);
    run.signal(libc::SIGTERM);
    run.wait_stderr("stopped by SIGTERM");
    run.signal(libc::SIGTERM);
    let (status, err) = run.wait();
    assert_eq!(status.code(), Some(143), "{err}");
    assert!(err.contains("exiting"), "{err}");
    let recap = last_recap(d.path());
    assert_eq!(recap["exit_code"], 143, "{recap}");
    assert_eq!(
        recap["ending"], "exited at once on a second signal: exit code 143",
        "{recap}"
    );
    assert!(!lock_file(&d).exists(), "the lock is released:\n{err}");
    assert!(!err.contains(TOKEN), "{err}");
}

#[test]
fn a_signal_while_a_run_starts_exits_at_once_without_a_lock_left() {
    // a VCC that accepts and never answers: `--plan` hangs taking its snapshot, before the
    // script (and its journal) start
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let (tx, accepted) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in l.incoming().flatten() {
            held.push(c);
            let _ = tx.send(());
        }
    });
    let d = Dir::new();
    d.write("p.rhai", "print(1);\n");
    let child = cwh()
        .args(["run", "p.rhai", "--plan"])
        .env("CWH_VCC_URL", format!("http://{addr}"))
        .env("VCC_ACCESS_TOKEN", TOKEN)
        .current_dir(d.path())
        .command()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    accepted
        .recv_timeout(Duration::from_secs(60))
        .expect("the plan never asked the VCC");
    assert!(lock_file(&d).is_file());
    // SAFETY: a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(143), "{err}");
    assert!(
        err.contains("SIGTERM received while the run was starting: exiting"),
        "{err}"
    );
    assert!(!lock_file(&d).exists(), "{err}");
}

#[test]
fn the_lock_message_never_says_kill_0() {
    let d = Dir::new();
    d.write("x.rhai", "print(1);\n");
    // a run that holds the lock and has not written its details yet
    std::fs::create_dir_all(d.path().join(".cwh")).unwrap();
    let f = std::fs::File::create(lock_file(&d)).unwrap();
    // SAFETY: flock on a file we opened.
    assert_eq!(
        unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&f), libc::LOCK_EX) },
        0
    );
    d.cwh()
        .args(["run", "x.rhai"])
        .run()
        .code(1)
        .stderr_has("is in use by another cwh run: a run that is just starting")
        .stderr_has("try again in a moment")
        .stderr_lacks("kill 0")
        .stderr_lacks("(kill");
    drop(f);
    d.cwh().args(["run", "x.rhai"]).run().success();
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_code_0() {
    let mut child = cwh()
        .args(["doc"])
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // read one line, like `cwh doc | head -1`, then close the pipe
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(!line.is_empty());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

/// A one-node unit `manager` of unit group `Pending`; with `--set init=true`, `swarm::init` on
/// it.
const PENDING_SCRIPT: &str = r#"
let key = param("ssh_private_key_path", "~/.ssh/id_rsa");
let pubkey = param("ssh_public_key_path", "~/.ssh/id_rsa.pub");
let known_hosts = param("known_hosts_file", "~/.ssh/known_hosts");
let vcp = vcc::connect();
let ug = vcp.get_ugroup("Pending");
if ug == () {
    ug = vcp.create_ugroup("Pending");
}
if ug.get_unit("manager") == () {
    let spec = vcp.get_spec("aws", "small");
    spec.set_ssh_pubkey(pubkey);
    spec.num_nodes = 1;
    ug.create_unit("manager", spec);
}
let ip = ug.get_unit("manager").find_ip_addresses()[0];
known_hosts::refresh([ip], #{ file: known_hosts });
let m = ssh::host(ip, #{ user: "vcp", key: key, known_hosts: known_hosts });
if param("init", false) {
    let st = swarm::init(m, #{ advertise_addr: ip });
    print(`swarm ${st.LocalNodeState} changed=${st.changed}`);
}
"#;

fn docker_exec(container: &str, cmd: &[&str]) -> std::process::Output {
    Command::new("docker")
        .args(["exec", container])
        .args(cmd)
        .output()
        .unwrap()
}

fn swarm_state(container: &str) -> String {
    let o = docker_exec(
        container,
        &["docker", "info", "--format", "{{.Swarm.LocalNodeState}}"],
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// The state an interrupted `swarm init` or join leaves for a moment (`pending`), held as long
/// as the test needs: a join to an address of the lab's network where no manager listens.
#[test]
fn a_pending_swarm_state_is_waited_for_before_swarm_init() {
    let l = crate::support::labrun::LabRun::new("c-pending", 62);
    l.dir.write("pending.rhai", PENDING_SCRIPT);
    l.run("pending.rhai", &[]).success();
    let manager = l
        .containers()
        .into_iter()
        .find(|c| c.contains("manager"))
        .expect("the manager's container");
    // a well-formed token for a swarm that does not exist, at an unused address of the lab
    let token = format!("SWMTKN-1-{}-{}", "3".repeat(50), "x".repeat(25));
    Command::new("docker")
        .args(["exec", "-d", &manager, "docker", "swarm", "join", "--token"])
        .arg(&token)
        .arg("172.30.62.250:2377")
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while swarm_state(&manager) != "pending" {
        assert!(Instant::now() < deadline, "the node never became pending");
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut child = l
        .cwh()
        .args(["run", "pending.rhai", "--lab", "--lab-subnet", &l.subnet])
        .args(["--set", "init=true"])
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // once cwh says it waits, the join under way gives up (as an interrupted init settles)
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            panic!("cwh never waited for the pending state:\n{seen}");
        }
        seen.push_str(&line);
        if line.contains("swarm state is pending (an init or join under way): waiting") {
            break;
        }
    }
    assert!(
        docker_exec(&manager, &["docker", "swarm", "leave", "--force"])
            .status
            .success()
    );
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}\n{seen}{rest}");
    assert!(
        out.contains("swarm active changed=true"),
        "{out}\n{seen}{rest}"
    );
    assert_eq!(swarm_state(&manager), "active");
}

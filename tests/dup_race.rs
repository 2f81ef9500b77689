//! Issue 24 item 4: runs that create the same unit group at once against one VCC. The VCC keeps
//! no name unique and has no create-if-absent, so both may create it; exactly one copy is kept
//! (the oldest), the other run removes its own empty copy and stops, naming the kept one.
//!
//! The race is made certain, not hoped for: a proxy in front of the simulator holds the first
//! request that creates a unit group until the second one arrives (or a hook acts on the VCC
//! at a chosen request), so both runs have found no group before either creates one.
use crate::support::serve::Served;
use crate::support::{Dir, Run, sim};
use cwh::vcc::{UgroupKind, VccError, cci};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

const CREATE: &str = "POST /vcp/v1/occtr/vcs ";
const LIST: &str = "GET /vcp/v1/occtr/vcs ";

type Hook = Arc<dyn Fn(&str) + Send + Sync>;

/// A TCP proxy on 127.0.0.1 that calls `hook` with each request line before passing the
/// request on (the hook may block: that connection waits).
fn gate(upstream: SocketAddr, hook: Hook) -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(c) = c else { continue };
            let Ok(u) = TcpStream::connect(upstream) else {
                continue;
            };
            let (c2, u2) = (c.try_clone().unwrap(), u.try_clone().unwrap());
            let hook = hook.clone();
            std::thread::spawn(move || pipe(c, u, Some(hook)));
            std::thread::spawn(move || pipe(u2, c2, None));
        }
    });
    addr
}

fn pipe(mut from: TcpStream, mut to: TcpStream, hook: Option<Hook>) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        // a request starts a write of its own (no pipelining): its first line is here
        if let Some(h) = &hook {
            let text = String::from_utf8_lossy(&buf[..n]);
            let line = text.lines().next().unwrap_or_default();
            if line.ends_with(" HTTP/1.1") {
                h(line);
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

/// A hook that holds the first two unit group creations until both have arrived (60 s at
/// most, a guard against a hang); the rest pass. `raced()` says whether both met.
#[derive(Clone, Default)]
struct Barrier(Arc<(Mutex<(usize, bool)>, Condvar)>);

impl Barrier {
    fn hook(&self) -> Hook {
        let b = self.clone();
        Arc::new(move |line: &str| {
            if !line.starts_with(CREATE) {
                return;
            }
            let (m, cv) = &*b.0;
            let mut g = m.lock().unwrap();
            g.0 += 1;
            match g.0 {
                1 => {
                    let (g, _) = cv
                        .wait_timeout_while(g, Duration::from_secs(60), |s| s.0 < 2)
                        .unwrap();
                    drop(g);
                }
                2 => {
                    g.1 = true;
                    cv.notify_all();
                }
                _ => {}
            }
        })
    }
    fn raced(&self) -> bool {
        self.0.0.lock().unwrap().1
    }
}

/// One plain HTTP request to the simulator (not through the proxy): (status, JSON body).
fn http(addr: SocketAddr, token: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} /vcp/v1/occtr{path} HTTP/1.1\r\nHost: {addr}\r\nx-vcc-access-token: {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let json = match (out.find('{'), out.rfind('}')) {
        (Some(a), Some(b)) if a < b => out[a..=b].to_string(),
        _ => String::new(),
    };
    (status, json)
}

/// Create a unit group directly on the simulator as another run would (with its description):
/// its vcid.
fn create_other(addr: SocketAddr, token: &str, name: &str, description: &str) -> String {
    let cci = cci::vc_cci_described(name, UgroupKind::Compute, description);
    let (st, body) = http(
        addr,
        token,
        "POST",
        "/vcs",
        &serde_json::json!({ "cci": cci::b64(&cci) }).to_string(),
    );
    assert_eq!(st, 202, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["vcid"].as_str().unwrap().to_string()
}

/// The vcids of the unit groups named `name` that are not being deleted.
fn copies(state: &cwh::sim::SimState, name: &str) -> Vec<String> {
    state
        .vcs
        .iter()
        .filter(|g| g.name == name && !g.deleting)
        .map(|g| g.vcid.clone())
        .collect()
}

const OTHER: &str = "G: created by cwh on elsewhere in /srv/other-site (pid 42)";

// The run that created its copy first keeps it; a copy that another run created just after
// and left behind (that run stopped before removing it) is removed by the kept one, so no
// duplicate remains.
#[test]
fn a_copy_left_behind_by_a_stopped_run_is_removed_by_the_run_that_keeps_its_own() {
    let s = sim::start(sim::fast_options());
    let (addr, token) = (s.server.addr(), s.server.token().to_string());
    let posted = Arc::new(Mutex::new((false, None::<String>)));
    let p = posted.clone();
    let t = token.clone();
    let hook: Hook = Arc::new(move |line: &str| {
        let mut g = p.lock().unwrap();
        if line.starts_with(CREATE) {
            g.0 = true;
        } else if line.starts_with(LIST) && g.0 && g.1.is_none() {
            // this run created its copy and now looks: another one appears just before
            g.1 = Some(create_other(addr, &t, "G", OTHER));
        }
    });
    let proxy = gate(addr, hook);
    let c = s.block_on(cwh::vcc::Client::connect(sim::options(
        &format!("http://{proxy}/vcp/v1/occtr"),
        &token,
    )));
    let c = c.unwrap();
    let g = s
        .block_on(c.create_ugroup("G", UgroupKind::Compute))
        .expect("the older copy is kept");
    let left = posted
        .lock()
        .unwrap()
        .1
        .clone()
        .expect("the other copy was made");
    assert_ne!(g.vcid, left);
    assert_eq!(copies(&s.server.snapshot(), "G"), vec![g.vcid.clone()]);
}

// A run whose copy came second removes it and stops, naming the kept copy: its vcid, number,
// creation time and what its creator recorded (host and workdir).
#[test]
fn a_run_whose_copy_came_second_removes_it_and_names_the_kept_one() {
    let s = sim::start(sim::fast_options());
    let (addr, token) = (s.server.addr(), s.server.token().to_string());
    let other = Arc::new(Mutex::new(None::<String>));
    let o = other.clone();
    let t = token.clone();
    let hook: Hook = Arc::new(move |line: &str| {
        let mut g = o.lock().unwrap();
        if line.starts_with(CREATE) && g.is_none() {
            // this run's request is on its way: another run's lands first
            *g = Some(create_other(addr, &t, "G", OTHER));
        }
    });
    let proxy = gate(addr, hook);
    let c = s
        .block_on(cwh::vcc::Client::connect(sim::options(
            &format!("http://{proxy}/vcp/v1/occtr"),
            &token,
        )))
        .unwrap();
    let e = s
        .block_on(c.create_ugroup("G", UgroupKind::Compute))
        .unwrap_err();
    let kept = other.lock().unwrap().clone().unwrap();
    let st = s.server.snapshot();
    assert_eq!(copies(&st, "G"), vec![kept.clone()], "one copy left");
    let cdate = &st.vcs.iter().find(|g| g.vcid == kept).unwrap().cdate;
    assert!(matches!(e, VccError::LostRace { .. }), "{e:?}");
    let msg = e.to_string();
    for want in [
        "unit group G: another run created it at the same moment and keeps it",
        &format!("vcid {kept} (no. 1, created {cdate}"),
        "/srv/other-site",
    ] {
        assert!(msg.contains(want), "{want:?} not in {msg}");
    }
    let help = miette::Diagnostic::help(&e).unwrap().to_string();
    assert!(help.contains("removed its own copy (vcid "), "{help}");
    assert!(help.contains("--set unit_group="), "{help}");
}

// A run that looks for the group while two runs are settling their race waits for it and
// finds the kept copy (instead of stopping on a duplicate that is about to go away).
#[test]
fn a_run_looking_during_a_race_finds_the_copy_that_is_kept() {
    let s = sim::start(sim::fast_options());
    let (addr, token) = (s.server.addr(), s.server.token().to_string());
    let first = create_other(addr, &token, "G", OTHER);
    let second = create_other(addr, &token, "G", "G: created by cwh on h2 in /w2 (pid 7)");
    // the second look at the list comes after the losing run removed its copy
    let looks = Arc::new(Mutex::new(0usize));
    let (l, t, sec) = (looks.clone(), token.clone(), second.clone());
    let armed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let a = armed.clone();
    let hook: Hook = Arc::new(move |line: &str| {
        if !a.load(std::sync::atomic::Ordering::SeqCst) || !line.starts_with(LIST) {
            return;
        }
        let mut n = l.lock().unwrap();
        *n += 1;
        if *n == 2 {
            let (st, body) = http(
                addr,
                &t,
                "DELETE",
                &format!("/vcs/{sec}"),
                r#"{"force": "true"}"#,
            );
            assert_eq!(st, 202, "{body}");
        }
    });
    let proxy = gate(addr, hook);
    let c = s
        .block_on(cwh::vcc::Client::connect(sim::options(
            &format!("http://{proxy}/vcp/v1/occtr"),
            &token,
        )))
        .unwrap();
    armed.store(true, std::sync::atomic::Ordering::SeqCst);
    let g = s.block_on(c.get_ugroup("G")).unwrap().expect("one is left");
    assert_eq!(g.vcid, first);
    assert!(*looks.lock().unwrap() >= 2);
}

/// A workdir with a key pair for the seed script.
fn workdir() -> Dir {
    let d = Dir::new();
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(d.path().join("id_ed25519"))
        .status()
        .unwrap();
    assert!(st.success());
    d
}

/// scripts/coursewarehub.rhai in `wd` against the VCC at `url` (1 manager + 2 workers, with
/// an NFS disk of `disk` GB or none).
fn build(wd: &Path, url: &str, token: &str, disk: u32) -> Run {
    crate::support::seed_run(wd, "127.77.24.100", 3, disk)
        .env("CWH_VCC_URL", url)
        .env("VCC_ACCESS_TOKEN", token)
        .run()
}

// Two `cwh run` processes (the seed script, each in its own workdir) against one
// `cwh vcc serve --boot-delay 1s`, both creating the first unit group at once: the VC disk's
// storage group (rounds 1 and 3) or, without a disk, the main compute group (round 2). Each
// round: one run completes, the other stops naming the copy that is kept (its vcid, creation
// time and the other run's workdir), and no unit group exists twice.
#[test]
fn two_builds_at_once_leave_one_copy_and_the_loser_names_the_winner() {
    for (round, disk) in [(1, 20), (2, 0), (3, 20)] {
        let srv = Dir::new();
        let state = srv.path().join("vcc-state.json");
        let token = format!("s.duprace{round}-{}", std::process::id());
        let served = Served::start(
            srv.path(),
            &token,
            &[
                "--state",
                state.to_str().unwrap(),
                "--boot-delay",
                "1s",
                "--node-addresses",
                "127.77.24.100-127.77.24.200",
            ],
            &[],
        );
        let barrier = Barrier::default();
        let upstream: SocketAddr = served.addr.parse().unwrap();
        let url = format!("http://{}/vcp/v1/occtr", gate(upstream, barrier.hook()));
        let (a, b) = (workdir(), workdir());
        let (ra, rb) = std::thread::scope(|s| {
            let ta = s.spawn(|| build(a.path(), &url, &token, disk));
            let tb = s.spawn(|| build(b.path(), &url, &token, disk));
            (ta.join().unwrap(), tb.join().unwrap())
        });
        assert!(
            barrier.raced(),
            "round {round}: both runs created the group at once"
        );
        let raced = if disk > 0 {
            "CoursewareHub_disk"
        } else {
            "CoursewareHub"
        };
        let (winner, loser, wd) = match (ra.exit_code(), rb.exit_code()) {
            (Some(0), Some(1)) => (ra, rb, a.path()),
            (Some(1), Some(0)) => (rb, ra, b.path()),
            _ => panic!("round {round}: one run completes, one stops\n{ra}\n{rb}"),
        };
        let mut st = cwh::sim::SimState::load(&state).unwrap();
        st.advance(cwh::sim::state::now_ms());
        let mut names: Vec<&str> = st.vcs.iter().map(|g| g.name.as_str()).collect();
        names.sort();
        let want: &[&str] = if disk > 0 {
            &["CoursewareHub", "CoursewareHub_disk"]
        } else {
            &["CoursewareHub"]
        };
        assert_eq!(names, want, "round {round}: no unit group twice\n{loser}");
        let kept = st.vcs.iter().find(|g| g.name == raced).unwrap();
        let removed = loser
            .stderr()
            .split("removed its own copy (vcid ")
            .nth(1)
            .map(|r| r[..32].to_string())
            .unwrap_or_else(|| panic!("round {round}: the loser says what it removed\n{loser}"));
        assert_ne!(removed, kept.vcid);
        let err = squash(loser.stderr());
        for want in [
            format!("unit group {raced}: another run created it at the same moment and keeps it"),
            format!("vcid {} (no. ", kept.vcid),
            format!("created {}", kept.cdate),
            format!("its creator recorded: \"{raced}: created by cwh on"),
            format!("in {} (pid", wd.display()),
        ] {
            assert!(
                err.contains(&squash(&want)),
                "round {round}: the loser names the winner: {want:?}\n{loser}"
            );
        }
        loser.stderr_lacks("teardown");
        winner.stdout_has("manager");
    }
}

// The advice for a name held twice says first what scripts/teardown.rhai deletes (the VC disk
// with every student's data) and offers deleting only the one unit group instead.
#[test]
fn duplicate_advice_says_what_teardown_deletes_and_how_to_keep_the_data() {
    let d = workdir();
    let run = || {
        crate::support::seed_run(d.path(), "172.30.2.100", 3, 20)
            .arg("--sim")
            .run()
    };
    run().success();
    // two units named worker in the main group (a state no cwh run makes)
    let p = d.path().join(".cwh/sim-state.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let g = v["vcs"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|g| g["name"] == "CoursewareHub")
        .unwrap();
    let vcid = g["vcid"].as_str().unwrap().to_string();
    let units = g["units"].as_array_mut().unwrap();
    let w = units
        .iter()
        .find(|u| u["name"] == "worker")
        .unwrap()
        .clone();
    units.push(w);
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let r = run()
        .code(1)
        .stderr_has("2 units are named worker in unit group CoursewareHub");
    let err = squash(r.stderr());
    let at = |want: &str| {
        err.find(&squash(want))
            .unwrap_or_else(|| panic!("{want:?} is said\n{r}"))
    };
    let teardown = at(
        "scripts/teardown.rhai deletes the whole environment, the VC disk with every student's data",
    );
    let keep = at(&format!(
        "clean up only this unit group — vcp.find_ugroups(#{{ vcid: \"{vcid}\" }})[0].cleanup()"
    ));
    assert!(teardown < keep, "the cost comes first\n{r}");
    at("which leaves the VC disk group and its disk as they are");
}

/// Text without whitespace or the frame characters of a rendered error, so that a check does
/// not depend on where the renderer wrapped lines (it breaks long words too).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '│' | '·' | '╭' | '╰' | '─'))
        .collect()
}

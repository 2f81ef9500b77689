//! Start now, wait later (issue 26): `vcc::wait_all` over units booting together, the
//! fallback when a VCC refuses a second boot in a unit group, and the shipped 2020 flow
//! against a server that refuses, killed during its overlapped wait and re-run.
use crate::support::Dir;
use crate::support::serve::Served;
use crate::support::sim as harness;
use cwh::vcc::{Progress, State, UgroupKind, VccError};
use serde_json::json;
use std::sync::{Arc, Mutex};

// A unit that fails does not stop the wait for the others: the error names it (with the
// VCC's message) and says how the others ended; the others are up when the call returns.
#[test]
fn wait_all_names_the_unit_that_failed_and_waits_for_the_others() {
    let sim = harness::start(harness::fast_options());
    let c = sim.client();
    let ticks = Arc::new(Mutex::new(Vec::new()));
    let t2 = ticks.clone();
    let watch = Progress::callback(move |t| t2.lock().unwrap().push((t.label.clone(), t.done)));
    sim.block_on(async {
        let ug = c
            .create_ugroup("Overlap", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let mut one = c.get_spec("aws", "small").unwrap();
        one.set("ip_addresses", json!(["172.30.2.150"])).unwrap();
        c.create_unit(&ug, "first", &one, &Progress::silent())
            .await
            .unwrap();
        // "bad" asks for the address "first" has: ERROR; "ok" boots fine meanwhile
        let mut two = c.get_spec("aws", "small").unwrap();
        two.set("num_nodes", json!(2)).unwrap();
        let q = Progress::silent();
        c.start_unit(&ug, "ok", &two, &q).await.unwrap();
        c.start_unit(&ug, "bad", &one, &q).await.unwrap();
        let e = c
            .wait_all(&[ug.unit("ok"), ug.unit("bad")], &watch)
            .await
            .unwrap_err();
        let VccError::UnitFailed { unit, message } = &e else {
            panic!("{e}")
        };
        assert_eq!(unit, "bad");
        assert!(
            message.contains("172.30.2.150 is already in use"),
            "{message}"
        );
        assert!(message.contains("ok RUNNING"), "{message}");
        assert_eq!(
            c.unit(&ug.unit("ok")).await.unwrap().state,
            Some(State::Running)
        );
        // both were reported to the end
        let t = ticks.lock().unwrap().clone();
        for l in ["unit ok", "unit bad"] {
            assert!(t.contains(&(l.to_string(), true)), "{l}: {t:?}");
        }
        // two units that fail are both named
        c.start_unit(&ug, "bad2", &one, &q).await.unwrap();
        c.start_unit(&ug, "bad3", &one, &q).await.unwrap();
        let e = c
            .wait_all(&[ug.unit("bad2"), ug.unit("bad3")], &q)
            .await
            .unwrap_err();
        assert!(
            e.to_string().starts_with("failed (bad2, bad3): bad2: "),
            "{e}"
        );
        // nothing to wait for, and units in two groups (one listing of every group a poll)
        assert!(c.wait_all(&[], &q).await.unwrap().is_empty());
        let dg = c
            .create_ugroup("Overlap_disk", UgroupKind::Storage)
            .await
            .unwrap()
            .id();
        let dspec = c.get_spec("aws_disk", "small").unwrap();
        c.start_unit(&dg, "nfs", &dspec, &q).await.unwrap();
        c.start_unit(&ug, "more", &two, &q).await.unwrap();
        let states = c
            .wait_all(&[dg.unit("nfs"), ug.unit("more")], &q)
            .await
            .unwrap();
        assert_eq!(states, vec![Some(State::Running), Some(State::Running)]);
    });
}

// A VCC that refuses a second boot in a unit group (`--one-boot-per-group`): the unit is
// asked for again once the group settled, so start_unit still succeeds, later.
#[test]
fn a_refused_second_boot_is_asked_again_once_the_group_settled() {
    let mut o = harness::fast_options();
    o.one_boot_per_group = true;
    o.boot_delay = std::time::Duration::from_millis(600);
    let sim = harness::start(o);
    let c = sim.client();
    let q = Progress::silent();
    sim.block_on(async {
        let ug = c
            .create_ugroup("Strict", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let spec = c.get_spec("aws", "small").unwrap();
        c.start_unit(&ug, "a", &spec, &q).await.unwrap();
        c.start_unit(&ug, "b", &spec, &q).await.unwrap();
        // the fallback waited for "a" before "b" was accepted
        assert_eq!(
            c.unit(&ug.unit("a")).await.unwrap().state,
            Some(State::Running)
        );
        c.wait_all(&[ug.unit("a"), ug.unit("b")], &q).await.unwrap();
        // more nodes for "a" while "b" boots: the same
        c.start_unit(&ug, "c", &spec, &q).await.unwrap();
        let add = cwh::vcc::AddNodes {
            num: Some(1),
            ..Default::default()
        };
        c.start_add_nodes(&ug.unit("a"), &add, &q).await.unwrap();
        c.wait_all(&[ug.unit("a"), ug.unit("c")], &q).await.unwrap();
        assert_eq!(c.unit_nodes(&ug.unit("a")).await.unwrap().len(), 2);
    });
}

/// A `cwh vcc serve --one-boot-per-group` with a state file, and a workdir with a key pair.
fn strict_server(srv: &Dir) -> Served {
    let state = srv.path().join("vcc-state.json");
    Served::start(
        srv.path(),
        "s.overlap-strict",
        &[
            "--state",
            state.to_str().unwrap(),
            "--boot-delay",
            "1s",
            "--one-boot-per-group",
        ],
        &[],
    )
}

fn build(work: &Dir, served: &Served) -> crate::support::Cmd {
    let key = work.path().join("id_ed25519");
    if !key.exists() {
        let st = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&key)
            .status()
            .unwrap();
        assert!(st.success());
    }
    let mut c = crate::support::seed_run(work.path(), "172.30.2.100", 3, 20);
    c.env("CWH_VCC_URL", &served.url)
        .env("VCC_ACCESS_TOKEN", &served.token);
    c
}

// The shipped 2020 flow against a VCC that refuses the workers while the manager boots: the
// run notices, says what happened, falls back to waiting and ends with every unit RUNNING.
#[test]
fn the_2020_flow_falls_back_to_one_boot_at_a_time_and_says_so() {
    let srv = Dir::new();
    let served = strict_server(&srv);
    let work = Dir::new();
    build(&work, &served)
        .run()
        .success()
        .stderr_has(
            "the VCC refused unit worker while unit group CoursewareHub has units booting (manager",
        )
        .stderr_has("one boot at a time per unit group");
    let r = build(&work, &served).run().success();
    assert!(
        r.stderr().contains("unit worker exists with 2 node(s)"),
        "{r}"
    );
}

/// Start the 2020 build against a server with 2 s boots, send `signal` once both the manager
/// and the worker unit exist on the server (the overlapped wait has begun), then re-run once:
/// the re-run waits for what still boots and converges (exit 0, every unit reused, every node
/// RUNNING). Returns the interrupted run's exit status and stderr.
fn interrupt_the_overlapped_wait(signal: i32) -> (std::process::ExitStatus, String) {
    let srv = Dir::new();
    let state = srv.path().join("vcc-state.json");
    let served = Served::start(
        srv.path(),
        "s.overlap-kill",
        &["--state", state.to_str().unwrap(), "--boot-delay", "2s"],
        &[],
    );
    let work = Dir::new();
    let mut cmd = build(&work, &served);
    let mut child = cmd
        .command()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let text = std::fs::read_to_string(&state).unwrap_or_default();
        if text.contains("\"worker\"") {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the run ended first");
        assert!(std::time::Instant::now() < deadline, "no worker unit");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let r = build(&work, &served).run().success();
    for u in ["manager", "worker"] {
        assert!(
            r.stderr().contains(&format!("unit {u} exists with")),
            "{u}: {r}"
        );
    }
    let mut st = cwh::sim::SimState::load(&state).unwrap();
    st.advance(cwh::sim::state::now_ms());
    let states: Vec<&str> = st
        .vcs
        .iter()
        .flat_map(|g| g.units.iter().flat_map(|u| u.members.iter()))
        .map(|m| m.state.as_str())
        .collect();
    assert_eq!(states, ["RUNNING"; 4], "{r}");
    (status, err)
}

// Killed (-9) during the overlapped wait of the manager and the workers, then re-run once.
#[test]
fn a_run_killed_during_the_overlapped_wait_converges_on_one_rerun() {
    let (status, _) = interrupt_the_overlapped_wait(libc::SIGKILL);
    assert_eq!(status.code(), None);
}

// Ctrl-C during the overlapped wait: the run stops at once (130, saying so), one re-run converges.
#[test]
fn ctrl_c_during_the_overlapped_wait_stops_cleanly_and_one_rerun_converges() {
    let (status, err) = interrupt_the_overlapped_wait(libc::SIGINT);
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted by Ctrl-C"), "{err}");
}

// A time-out names every unit still booting, with its state and the advice of the waiting call.
#[test]
fn a_wait_all_time_out_names_the_units_still_booting() {
    let mut o = harness::fast_options();
    o.boot_delay = std::time::Duration::from_secs(30);
    let sim = harness::start(o);
    let mut opts = harness::options(&sim.server.url(), sim.server.token());
    if let Some(w) = opts.wait.as_mut() {
        w.timeout = std::time::Duration::ZERO;
    }
    let c = sim
        .block_on(cwh::vcc::Client::connect(opts))
        .expect("client connects");
    let q = Progress::silent();
    sim.block_on(async {
        let ug = c
            .create_ugroup("Slow", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let spec = c.get_spec("aws", "small").unwrap();
        c.start_unit(&ug, "a", &spec, &q).await.unwrap();
        c.start_unit(&ug, "b", &spec, &q).await.unwrap();
        let e = c
            .wait_all(&[ug.unit("a"), ug.unit("b")], &q)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, VccError::WaitTimeout { unit, state, .. } if unit == "a, b" && state == "BOOTING, BOOTING"),
            "{e}"
        );
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(help.contains("may still come up"), "{help}");
    });
}

// The script side: create_unit(…, #{ wait: false }) returns while the unit boots, add_nodes
// takes `wait: false` too, vcc::wait_all gives the final states; bad options and items are
// errors naming the function and the fix.
#[test]
fn scripts_start_units_and_wait_for_them_together() {
    let d = Dir::new();
    d.write(
        "overlap.rhai",
        r#"
let vcp = vcc::connect();
let ug = vcp.create_ugroup("T");
let spec = vcp.get_spec("aws", "small");
let u = ug.create_unit("w", spec, #{ wait: false });
print(`started: ${u.state}`);
u.add_nodes(#{ num_add_nodes: 2, wait: false });
print(`states: ${vcc::wait_all([u])}`);
print(`nodes: ${u.nodes().filter(|n| n.state == "RUNNING").len()}`);
try { u.add_nodes(#{ num_add_nodes: 1, wait: "no" }); } catch (e) { print(e.message); }
try { ug.create_unit("x", spec, #{ wiat: false }); } catch (e) { print(e.message); }
try { vcc::wait_all([1]); } catch (e) { print(e.message); }
"#,
    );
    d.cwh()
        .args(["run", "overlap.rhai", "--sim"])
        .run()
        .success()
        .stdout_has("states: [\"RUNNING\"]")
        .stdout_has("nodes: 3")
        .stdout_has("add_nodes: option `wait`: expected true or false")
        .stdout_has("create_unit: unknown field `wiat`, expected `wait`")
        .stdout_has("vcc::wait_all: item 0 (1) is not a unit")
        .stderr_has("1 unit(s) waited for together");
}

/// Lines in the run journals of a workdir so far.
fn journal_lines(workdir: &std::path::Path) -> usize {
    std::fs::read_dir(workdir.join(".cwh/runs"))
        .map(|rd| {
            rd.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .map(|t| t.lines().count())
                .sum()
        })
        .unwrap_or(0)
}

/// Every member (node, disk) of a server's state file with its state, due transitions applied.
fn members(state: &std::path::Path) -> Vec<String> {
    let mut st = cwh::sim::SimState::load(state).unwrap();
    st.advance(cwh::sim::state::now_ms());
    let mut v: Vec<String> = st
        .vcs
        .iter()
        .flat_map(|g| {
            g.units.iter().flat_map(move |u| {
                u.members
                    .iter()
                    .map(move |m| format!("{}/{} {}", g.name, u.name, m.state.as_str()))
            })
        })
        .collect();
    v.sort();
    v
}

// The kill matrix over the refusal fallback: the 2020 build against `--one-boot-per-group`
// killed (-9) at 8 seeded journal lines, each followed by one re-run: exit 0 and exactly the
// expected nodes and disk, all RUNNING.
#[test]
fn runs_against_a_strict_vcc_killed_at_8_seeded_moments_converge_on_one_rerun() {
    let expected = [
        "CoursewareHub/manager RUNNING",
        "CoursewareHub/worker RUNNING",
        "CoursewareHub/worker RUNNING",
        "CoursewareHub_disk/nfs RUNNING",
    ];
    let total = {
        let srv = Dir::new();
        let served = strict_server(&srv);
        let work = Dir::new();
        build(&work, &served).run().success();
        assert_eq!(members(&srv.path().join("vcc-state.json")), expected);
        journal_lines(work.path())
    };
    for seed in 1..=8u64 {
        // splitmix64 of the seed: the kill moment
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let at = 1 + ((z ^ (z >> 31)) % total as u64) as usize;
        let srv = Dir::new();
        let served = strict_server(&srv);
        let work = Dir::new();
        let mut child = build(&work, &served)
            .command()
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while child.try_wait().unwrap().is_none() {
            if journal_lines(work.path()) >= at {
                child.kill().unwrap();
                child.wait().unwrap();
                break;
            }
            assert!(std::time::Instant::now() < deadline, "seed {seed}: stuck");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let r = build(&work, &served).run();
        assert_eq!(r.exit_code(), Some(0), "seed {seed} (line {at}): {r}");
        assert_eq!(
            members(&srv.path().join("vcc-state.json")),
            expected,
            "seed {seed} (line {at}): {r}"
        );
    }
}

//! Issue 15: crash-, fault- and concurrency-safety through the binary. One run at a time per
//! workdir; a failed state save stops the run; a run killed (-9) at seeded moments converges on
//! one re-run with exactly the expected objects; duplicates are named, never picked.
//! No sleeps as synchronisation: runs are observed (stdout lines, journal lines, files).
use crate::support::{Cmd, Dir, Run, cwh_in};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A script that creates unit group `name` on the simulator, says "holding" and waits for
/// the file `gate` in the workdir.
const HOLD: &str = r#"
let vcp = vcc::connect();
let name = param("name");
vcp.create_ugroup(name);
print("holding");
while !path_exists(`${workdir()}/gate`) { sleep(0.02); }
print("done");
"#;

fn spawn_run(d: &Dir, script: &str, args: &[&str]) -> Child {
    d.cwh()
        .arg("run")
        .arg(script)
        .args(args)
        .command()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Read `child`'s stdout until a line equal to `want` (panics if it ends first).
fn wait_line(child: &mut Child, want: &str) -> BufReader<std::process::ChildStdout> {
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        let n = r.read_line(&mut line).unwrap();
        assert!(n > 0, "the run ended before printing {want:?}");
        if line.trim() == want {
            return r;
        }
    }
}

/// Wait for a child of `spawn_run` with a generous deadline (a guard against a hang, not a
/// timing claim).
fn finish(mut child: Child) -> Run {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            let o = child.wait_with_output().unwrap();
            return Run::from_output("cwh run (spawned)", &o);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("a run did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The unit group names in a simulator state file.
fn state_groups(path: &Path) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut names: Vec<String> = v["vcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

// Point 4: two runs on one workdir — the second is refused at once naming the holder; the
// first finishes and nothing it made is lost. 20 rounds.
#[test]
fn a_second_run_on_a_workdir_is_refused_naming_the_holder_20_rounds() {
    let d = Dir::new();
    d.write("hold.rhai", HOLD);
    let gate = d.path().join("gate");
    let mut expected = Vec::new();
    let t0 = Instant::now();
    for i in 0..20 {
        let name = format!("g{i:02}");
        let mut a = spawn_run(
            &d,
            "hold.rhai",
            &["--sim", "--set", &format!("name={name}")],
        );
        let rest = wait_line(&mut a, "holding");
        eprintln!("round {i}");
        d.cwh()
            .args(["run", "hold.rhai", "--sim", "--set", "name=intruder"])
            .run()
            .code(1)
            .stderr_has("in use by another cwh run")
            .stderr_has(&format!("pid {}", a.id()))
            .stderr_has("hold.rhai");
        std::fs::write(&gate, "").unwrap();
        a.stdout = Some(rest.into_inner());
        finish(a).success();
        std::fs::remove_file(&gate).unwrap();
        expected.push(name);
        // the lock is free again: a finished run leaves no lock file
        assert!(!d.path().join(".cwh/lock").exists(), "round {i}");
    }
    assert_eq!(
        state_groups(&d.path().join(".cwh/sim-state.json")),
        expected
    );
    eprintln!(
        "one workdir, a run holding it: 20/20 second runs refused naming the holder, 20/20 first runs kept all they made ({:.1} s)",
        t0.elapsed().as_secs_f64()
    );
}

// Point 4: two runs started at the same instant — exactly one runs, the other is refused;
// their journals are separate files. 20 rounds.
#[test]
fn two_runs_started_together_one_runs_one_is_refused_20_rounds() {
    let d = Dir::new();
    d.write("hold.rhai", HOLD);
    let gate = d.path().join("gate");
    let mut expected = Vec::new();
    let t0 = Instant::now();
    for i in 0..20 {
        let (na, nb) = (format!("a{i:02}"), format!("b{i:02}"));
        let mut a = spawn_run(&d, "hold.rhai", &["--sim", "--set", &format!("name={na}")]);
        let mut b = spawn_run(&d, "hold.rhai", &["--sim", "--set", &format!("name={nb}")]);
        // the refused one ends on its own; the holder waits for the gate
        let deadline = Instant::now() + Duration::from_secs(120);
        let first = loop {
            if a.try_wait().unwrap().is_some() {
                break 'a';
            }
            if b.try_wait().unwrap().is_some() {
                break 'b';
            }
            assert!(
                Instant::now() < deadline,
                "round {i}: neither run was refused"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        let (refused, holder, holder_name) = if first == 'a' { (a, b, nb) } else { (b, a, na) };
        eprintln!("round {i}");
        finish(refused)
            .code(1)
            .stderr_has("in use by another cwh run");
        std::fs::write(&gate, "").unwrap();
        finish(holder).success();
        std::fs::remove_file(&gate).unwrap();
        expected.push(holder_name);
    }
    expected.sort();
    assert_eq!(
        state_groups(&d.path().join(".cwh/sim-state.json")),
        expected
    );
    eprintln!(
        "two runs started together on one workdir: 20/20 rounds one ran and one was refused, nothing lost ({:.1} s)",
        t0.elapsed().as_secs_f64()
    );
    // every journal line of every run is whole JSON
    for e in std::fs::read_dir(d.path().join(".cwh/runs")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for l in text.lines() {
            serde_json::from_str::<serde_json::Value>(l).expect("a broken journal line");
        }
    }
}

// Point 4: a lock left by a run that was killed is taken over with a warning naming it.
#[test]
fn the_lock_of_a_killed_run_is_taken_over_with_a_warning() {
    let d = Dir::new();
    d.write("hold.rhai", HOLD);
    let mut a = spawn_run(&d, "hold.rhai", &["--sim", "--set", "name=first"]);
    let _rest = wait_line(&mut a, "holding");
    let pid = a.id();
    a.kill().unwrap();
    a.wait().unwrap();
    std::fs::write(d.path().join("gate"), "").unwrap();
    d.cwh()
        .args(["run", "hold.rhai", "--sim", "--set", "name=second"])
        .run()
        .success()
        .stderr_has("took over the stale workdir lock")
        .stderr_has(&format!("pid {pid}"));
}

/// Make `dir` refuse new files, even for root (chattr +i on ext4 and the like); undone on drop.
struct ReadOnly<'a>(&'a Path);

impl<'a> ReadOnly<'a> {
    fn new(dir: &'a Path) -> ReadOnly<'a> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let _ = Command::new("chattr").arg("+i").arg(dir).output();
        let probe = dir.join(".probe");
        assert!(
            std::fs::write(&probe, "x").is_err(),
            "cannot make {} read-only here (root on a filesystem without chattr +i)",
            dir.display()
        );
        ReadOnly(dir)
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(self.0).output();
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

// Point 5: the simulator's state cannot be saved mid-run (the directory refuses writes, as a
// full disk does) — the run stops with an error naming the file, the state file still holds
// what was saved, no temp file is left, and a re-run creates what is missing exactly once.
#[test]
fn a_failed_state_save_stops_the_run_and_a_rerun_converges() {
    let d = Dir::new();
    d.write(
        "two.rhai",
        r#"
let vcp = vcc::connect();
if vcp.get_ugroup("one") == () { vcp.create_ugroup("one"); }
print("holding");
while !path_exists(`${workdir()}/gate`) { sleep(0.02); }
if vcp.get_ugroup("two") == () { vcp.create_ugroup("two"); }
print("done");
"#,
    );
    let state_dir = d.path().join(".cwh");
    let state = state_dir.join("sim-state.json");
    let mut a = spawn_run(&d, "two.rhai", &["--sim"]);
    let rest = wait_line(&mut a, "holding");
    let r = {
        let _ro = ReadOnly::new(&state_dir);
        std::fs::write(d.path().join("gate"), "").unwrap();
        a.stdout = Some(rest.into_inner());
        finish(a)
    };
    // the run stops, and the error names the file
    r.code(1)
        .stdout_lacks("done")
        .stderr_has("cannot save its state")
        .stderr_has(&state.display().to_string());
    assert_eq!(state_groups(&state), ["one"]);
    let tmp: Vec<_> = std::fs::read_dir(&state_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(tmp.is_empty(), "temp files left: {tmp:?}");
    d.cwh().args(["run", "two.rhai", "--sim"]).run().success();
    assert_eq!(state_groups(&state), ["one", "two"]);
}

// ------------------------------------------------------------------ kill -9 at seeded moments

/// splitmix64: the seeded kill moments.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Lines in the run journal(s) of a workdir so far.
fn journal_lines(workdir: &Path) -> usize {
    std::fs::read_dir(workdir.join(".cwh/runs"))
        .map(|rd| {
            rd.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .map(|t| t.lines().count())
                .sum()
        })
        .unwrap_or(0)
}

/// Run `cmd`, kill -9 it once its journal holds `at` lines; whether it was killed (false: it
/// ended first).
fn kill_at(mut cmd: Cmd, workdir: &Path, at: usize) -> bool {
    let mut child = cmd
        .command()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if journal_lines(workdir) >= at {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        assert!(
            Instant::now() < deadline,
            "the run neither ended nor reached line {at}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Group → kind, units → member states (due transitions applied), from a simulator state
/// file; and whether the manager attaches the one disk there is.
fn objects(state_file: &Path) -> (Vec<String>, bool) {
    let mut st = cwh::sim::SimState::load(state_file).unwrap();
    st.advance(cwh::sim::state::now_ms());
    let mut out: Vec<String> = st
        .vcs
        .iter()
        .map(|g| {
            let units: Vec<String> = g
                .units
                .iter()
                .map(|u| {
                    let states: Vec<&str> = u.members.iter().map(|m| m.state.as_str()).collect();
                    format!(
                        "{}{}{states:?}",
                        u.name,
                        if u.deleting { "(deleting)" } else { "" }
                    )
                })
                .collect();
            format!("{} {} {units:?}", g.name, g.kind.as_str())
        })
        .collect();
    out.sort();
    let disk_ids: Vec<&str> = st
        .vcs
        .iter()
        .filter(|g| g.name == "CoursewareHub_disk")
        .flat_map(|g| {
            g.units
                .iter()
                .flat_map(|u| u.members.iter().map(|m| m.id.as_str()))
        })
        .collect();
    let attached = st
        .vcs
        .iter()
        .filter(|g| g.name == "CoursewareHub")
        .flat_map(|g| g.units.iter().filter(|u| u.name == "manager"))
        .flat_map(|u| u.members.iter())
        .all(|m| m.disks.len() == 1 && disk_ids.len() == 1 && m.disks[0].ends_with(disk_ids[0]));
    (out, attached)
}

const EXPECTED: [&str; 2] = [
    r#"CoursewareHub compute ["manager[\"RUNNING\"]", "worker[\"RUNNING\", \"RUNNING\"]"]"#,
    r#"CoursewareHub_disk storage ["nfs[\"RUNNING\"]"]"#,
];

/// The seed script's arguments for 1 manager + 2 workers + an NFS disk.
const BUILD: [&str; 10] = [
    "--set",
    "vc_ipaddress=172.30.2.100",
    "--set",
    "vc_nodes=3",
    "--set",
    "vc_nfs_disk_size=20",
    "--set",
    "vc_flavor=small",
    "--set",
    "vc_disk_size=16",
];

fn seed_script() -> String {
    format!("{}/scripts/coursewarehub.rhai", env!("CARGO_MANIFEST_DIR"))
}

/// 20 seeds over `threads` workers: for each, a fresh target, a run killed after a seeded
/// number of journal lines (1..=lines of a clean run), one re-run that must exit 0, and
/// exactly the expected objects. Returns (killed, converged) and prints the figures.
fn kill_loop<T: Send>(
    label: &str,
    setup: impl Fn() -> T + Sync,
    run: impl Fn(&T) -> (Cmd, &Path) + Sync,
    state: impl Fn(&T) -> std::path::PathBuf + Sync,
) {
    // a clean run: how many journal lines the whole build writes
    let total = {
        let t = setup();
        let (mut c, wd) = run(&t);
        c.run().success();
        assert_eq!(
            objects(&state(&t)),
            (EXPECTED.map(String::from).to_vec(), true)
        );
        journal_lines(wd)
    };
    let started = Instant::now();
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for w in 0..4u64 {
            let (setup, run, state, results) = (&setup, &run, &state, &results);
            s.spawn(move || {
                for seed in (1..=20u64).filter(|i| i % 4 == w) {
                    let at = 1 + (mix(seed) % total as u64) as usize;
                    let t = setup();
                    let (c, wd) = run(&t);
                    let killed = kill_at(c, wd, at);
                    let (mut c, _) = run(&t);
                    let r = c.run();
                    let got = objects(&state(&t));
                    let ok = r.exit_code() == Some(0)
                        && got == (EXPECTED.map(String::from).to_vec(), true);
                    results
                        .lock()
                        .unwrap()
                        .push((seed, at, killed, ok, format!("{got:?}\n{r}")));
                }
            });
        }
    });
    let r = results.into_inner().unwrap();
    let killed = r.iter().filter(|x| x.2).count();
    let converged = r.iter().filter(|x| x.3).count();
    eprintln!(
        "{label}: {converged}/{} re-runs converged ({killed} runs killed at seeded journal lines of {total}) in {:.1} s",
        r.len(),
        started.elapsed().as_secs_f64()
    );
    for (seed, at, killed, ok, detail) in &r {
        assert!(
            ok,
            "{label} seed {seed} (kill at line {at}, killed: {killed}):\n{detail}"
        );
    }
    assert_eq!(r.len(), 20);
}

// Point 1: `cwh run --sim` of the seed script killed (-9) at 20 seeded moments, then one
// re-run: 20/20 exit 0 with exactly the expected unit groups, units, nodes and disks (anything
// found mid-boot is waited for, never reported as "not running", never attached early).
#[test]
fn sim_runs_killed_at_20_seeded_moments_converge_on_one_rerun() {
    let script = seed_script();
    kill_loop(
        "--sim",
        Dir::new,
        |d: &Dir| {
            let mut c = cwh_in(d.path());
            c.arg("run").arg(&script).arg("--sim").args(BUILD);
            (c, d.path())
        },
        |d: &Dir| d.path().join(".cwh/sim-state.json"),
    );
}

/// A standalone `cwh vcc serve --state … --boot-delay 1s` (addresses on loopback) and a
/// workdir with a key pair.
struct ServerTarget {
    _srv_dir: Dir,
    served: crate::support::serve::Served,
    state: std::path::PathBuf,
    work: Dir,
}

fn server_target() -> ServerTarget {
    let srv_dir = Dir::new();
    let state = srv_dir.path().join("vcc-state.json");
    let served = crate::support::serve::Served::start(
        srv_dir.path(),
        &format!("s.kill{}", mix(std::process::id() as u64) % 1_000_000),
        &[
            "--state",
            state.to_str().unwrap(),
            "--boot-delay",
            "1s",
            "--node-addresses",
            "127.77.18.100-127.77.18.200",
        ],
        &[],
    );
    let work = Dir::new();
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(work.path().join("id_ed25519"))
        .status()
        .unwrap();
    assert!(st.success());
    ServerTarget {
        _srv_dir: srv_dir,
        served,
        state,
        work,
    }
}

fn server_run(t: &ServerTarget) -> Cmd {
    let mut c = crate::support::seed_run(t.work.path(), "127.77.18.100", 3, 20);
    c.env("CWH_VCC_URL", &t.served.url)
        .env("VCC_ACCESS_TOKEN", &t.served.token);
    c
}

// Point 1: the same against a separate simulator server with a 1 s boot delay (the server
// keeps running; only the client is killed).
#[test]
fn runs_against_a_server_killed_at_20_seeded_moments_converge_on_one_rerun() {
    kill_loop(
        "cwh vcc serve --boot-delay 1s",
        server_target,
        |t: &ServerTarget| (server_run(t), t.work.path()),
        |t: &ServerTarget| t.state.clone(),
    );
}

/// Every journal line of a workdir so far, parsed (a half-written last line is skipped).
fn journal_events(workdir: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<_> = std::fs::read_dir(workdir.join(".cwh/runs"))
        .map(|rd| rd.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Index just after the `nth` (1-based) "add unit" request (`POST /vcs/{vcid}`) of a journal.
fn after_add_unit(ev: &[serde_json::Value], nth: usize) -> Option<usize> {
    ev.iter()
        .enumerate()
        .filter(|(_, e)| {
            e["action"]
                .as_str()
                .is_some_and(|a| a.starts_with("POST /vcs/"))
        })
        .nth(nth - 1)
        .map(|(i, _)| i + 1)
}

// Point 1 on the lab: `cwh run --lab` killed at 5 seeded moments of the node-boot phase (after
// the manager's or the workers' unit was requested, a seeded number of polls later), then one
// re-run: exit 0, the expected containers and a Ready swarm of both nodes.
#[test]
fn lab_runs_killed_while_nodes_boot_converge_on_one_rerun() {
    use crate::support::labrun::LabRun;
    let started = Instant::now();
    let mut figures = Vec::new();
    for seed in 1..=5u64 {
        let l = LabRun::new(&format!("k15-{seed}"), 150 + seed as u8);
        let manager = format!("172.30.{}.100", 150 + seed);
        let args = |c: &mut Cmd| {
            c.arg("run")
                .arg(seed_script())
                .args(["--lab", "--lab-subnet", &l.subnet])
                .args([
                    "--set",
                    &format!("vc_ipaddress={manager}"),
                    "--set",
                    "vc_nodes=2",
                ])
                .args(["--set", "vc_flavor=small", "--set", "vc_disk_size=16"])
                .env("CWH_LAB", &l.name);
        };
        // which unit's boot (1 manager, 2 worker) and how many journal lines after its request
        let unit = 1 + (mix(seed) % 2) as usize;
        let later = (mix(seed ^ 0xabc) % 4) as usize;
        let mut c = cwh_in(l.dir.path());
        args(&mut c);
        let mut child = c
            .command()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(600);
        let killed = loop {
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            let ev = journal_events(l.dir.path());
            if after_add_unit(&ev, unit).is_some_and(|i| ev.len() >= i + later) {
                child.kill().unwrap();
                child.wait().unwrap();
                break true;
            }
            assert!(Instant::now() < deadline, "seed {seed}: no kill moment");
            std::thread::sleep(Duration::from_millis(5));
        };
        // what the kill left: nodes still BOOTING in the lab's state
        let booting =
            std::fs::read_to_string(l.dir.path().join(format!(".cwh/lab-{}.json", l.name)))
                .map(|t| t.matches("\"state\": \"BOOTING\"").count())
                .unwrap_or(0);
        let mut c = cwh_in(l.dir.path());
        args(&mut c);
        eprintln!("seed {seed} (unit {unit}, +{later} lines, killed {killed})");
        c.run().success().stdout_has("are ready");
        let running = l.docker_ps("{{.State}}");
        assert_eq!(running, ["running", "running"], "seed {seed}");
        figures.push((seed, unit, later, killed, booting));
    }
    eprintln!(
        "--lab: 5/5 re-runs converged after kills in the node-boot phase (seed, unit, +lines, killed, BOOTING left) {figures:?} in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

// ------------------------------------------------------------------ duplicates

/// Give the simulator state of `workdir` a second copy of unit group `name` (another vcid,
/// a later creation time): what two runs racing against one VCC leave.
fn duplicate_group(workdir: &Path, name: &str) -> (String, String) {
    let p = workdir.join(".cwh/sim-state.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let vcs = v["vcs"].as_array_mut().unwrap();
    let orig = vcs.iter().find(|g| g["name"] == name).unwrap().clone();
    let mut dup = orig.clone();
    let vcid = format!("d0d0d0d0d0d0d0d0d0d0d0d0d0d0{:04x}", vcs.len());
    dup["vcid"] = vcid.clone().into();
    dup["vcno"] = 999.into();
    dup["cdate"] = "2099/01/01 00:00:00 UTC".into();
    for u in dup["units"].as_array_mut().unwrap() {
        for m in u["members"].as_array_mut().unwrap() {
            m["address"] = serde_json::Value::Null;
        }
    }
    vcs.push(dup);
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    (orig["vcid"].as_str().unwrap().to_string(), vcid)
}

// Point 2: a name matching two unit groups stops the run and lists both (ids, creation
// times, nodes) with the way to clean up; nothing is created or picked.
#[test]
fn two_unit_groups_of_one_name_stop_the_run_and_are_listed() {
    let d = Dir::new();
    let script = seed_script();
    let run = || {
        d.cwh()
            .arg("run")
            .arg(&script)
            .arg("--sim")
            .args(BUILD)
            .run()
    };
    run().success();
    let (a, b) = duplicate_group(d.path(), "CoursewareHub_disk");
    let before = std::fs::read_to_string(d.path().join(".cwh/sim-state.json")).unwrap();
    run()
        .code(1)
        .stderr_has("2 unit groups are named CoursewareHub_disk")
        .stderr_has(&a)
        .stderr_has(&b)
        .stderr_has("2099/01/01")
        .stderr_has("nfs RUNNING")
        .stderr_has("find_ugroups")
        .stderr_has("teardown.rhai");
    let after = std::fs::read_to_string(d.path().join(".cwh/sim-state.json")).unwrap();
    assert_eq!(before, after, "nothing may change");
}

// ------------------------------------------------------------------ error texts (point 8)

// 502/503/504 on every attempt is a gateway outage after N attempts, not "the VCC refused".
#[test]
fn retries_exhausted_on_503_say_gateway_outage_and_how_many_attempts() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(MockServer::start());
    rt.block_on(
        Mock::given(method("GET"))
            .and(path("/vcp/v1/occtr"))
            .respond_with(
                ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>"),
            )
            .mount(&s),
    );
    let opts = crate::support::sim::options(&s.uri(), "s.gateway-token");
    let attempts = opts.retry.attempts;
    let e = rt.block_on(cwh::vcc::Client::connect(opts)).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("gateway")
            && msg.contains("503")
            && msg.contains(&format!("{attempts} times")),
        "{msg}"
    );
    let help = miette::Diagnostic::help(&e).unwrap().to_string();
    assert!(!help.contains("refused"), "{help}");
    assert!(help.contains("re-run"), "{help}");
}

// ------------------------------------------------------------------ lost nodes (point 7)

// A node whose host key changed: replaced with a warning when its VC node id changed too (a
// re-created VM), refused when it is the same node id (entries kept); ids recorded beside the
// known_hosts file.
#[test]
fn changed_host_keys_are_replaced_for_a_new_node_id_and_refused_for_the_same_one() {
    use crate::support::sshd::Lab;
    use cwh::ssh::ScanOptions;
    use cwh::ssh::keyscan::refresh_nodes;
    let lab = Lab::start(1, false);
    let ip = lab.hosts[0].ip.clone();
    let d = tempfile::tempdir().unwrap();
    let kh = d.path().join("known_hosts");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let so = ScanOptions {
        attempts: 5,
        delay: Duration::from_millis(200),
        ..Default::default()
    };
    let ids = |id: &str| std::collections::BTreeMap::from([(ip.clone(), id.to_string())]);
    let refresh = |id: &str| {
        rt.block_on(refresh_nodes(
            &kh,
            std::slice::from_ref(&ip),
            Some(&ids(id)),
            &so,
        ))
        .unwrap()
        .remove(0)
    };
    let first = refresh("node-a");
    assert!(
        first.error.is_none() && first.warning.is_none(),
        "{first:?}"
    );
    assert!(
        std::fs::read_to_string(kh.with_file_name("known_hosts.cwh-nodes"))
            .unwrap()
            .contains("node-a")
    );
    // same keys, same node: nothing to say
    let again = refresh("node-a");
    assert!(
        again.error.is_none() && again.warning.is_none(),
        "{again:?}"
    );
    // the same node with new host keys: refused, entries kept
    lab.hosts[0].regenerate_host_keys(&lab.authorized);
    let before = std::fs::read_to_string(&kh).unwrap();
    let refused = refresh("node-a");
    let e = refused.error.clone().unwrap_or_default();
    assert!(
        e.contains("CHANGED") && e.contains("same VC node") && e.contains("node-a"),
        "{refused:?}"
    );
    assert_eq!(std::fs::read_to_string(&kh).unwrap(), before);
    // a re-created VM (new node id) at that address: replaced, with a warning that says so
    let replaced = refresh("node-b");
    assert!(replaced.error.is_none(), "{replaced:?}");
    let w = replaced.warning.clone().unwrap_or_default();
    assert!(
        w.contains("node-a → node-b") && w.contains("re-created"),
        "{w}"
    );
    assert_ne!(std::fs::read_to_string(&kh).unwrap(), before);
}

// Point 7: a worker powered off and one lost (ERROR): the error names the script that fixes
// each (start-nodes; remove-workers by address + add-workers), not ug.cleanup().
#[test]
fn stopped_and_lost_workers_are_named_with_the_script_that_fixes_them() {
    let d = Dir::new();
    let run = || {
        d.cwh()
            .arg("run")
            .arg(seed_script())
            .arg("--sim")
            .args(BUILD)
            .run()
    };
    run().success();
    let p = d.path().join(".cwh/sim-state.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    for g in v["vcs"].as_array_mut().unwrap() {
        for u in g["units"].as_array_mut().unwrap() {
            if u["name"] == "worker" {
                let ms = u["members"].as_array_mut().unwrap();
                ms[0]["state"] = "POWER_OFF".into();
                ms[1]["state"] = "ERROR".into();
                ms[0]["until"] = serde_json::Value::Null;
                ms[1]["until"] = serde_json::Value::Null;
            }
        }
    }
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    run()
        .code(1)
        .stderr_has("172.30.2.101: POWER_OFF")
        .stderr_has("scripts/start-nodes.rhai")
        .stderr_has("remove-workers.rhai --set delete_ipaddresses=")
        .stderr_has("add-workers.rhai")
        .stderr_lacks("ug.cleanup()");
}

// Point 2: teardown removes every group of the names it was asked to — duplicates included —
// and says so; nothing of them is left.
#[test]
fn teardown_removes_every_group_of_the_name_duplicates_included() {
    let d = Dir::new();
    d.cwh()
        .arg("run")
        .arg(seed_script())
        .arg("--sim")
        .args(BUILD)
        .run()
        .success();
    let (_, dup) = duplicate_group(d.path(), "CoursewareHub_disk");
    let (_, dup2) = duplicate_group(d.path(), "CoursewareHub");
    d.cwh()
        .args(["run", "--sim", "--yes"])
        .arg(format!(
            "{}/scripts/teardown.rhai",
            env!("CARGO_MANIFEST_DIR")
        ))
        .run()
        .success()
        .stderr_has("2 unit groups are named CoursewareHub_disk")
        .stdout_has(&dup)
        .stdout_has(&dup2)
        .stdout_has("is torn down");
    let mut st = cwh::sim::SimState::load(&d.path().join(".cwh/sim-state.json")).unwrap();
    st.advance(cwh::sim::state::now_ms() + 60_000);
    assert!(
        st.vcs.is_empty(),
        "left: {:?}",
        st.vcs.iter().map(|g| &g.name).collect::<Vec<_>>()
    );
}

// Point 3: re-running a finished relative change changes nothing (remove-workers
// --set delete_nodes=1, add-workers --set add_nodes=1); `again=true` asks for it explicitly.
#[test]
fn finished_relative_worker_changes_are_not_repeated_by_a_rerun() {
    use crate::support::labrun::LabRun;
    let l = LabRun::new("k15-idem", 160);
    let script = |n: &str| format!("{}/scripts/{n}.rhai", env!("CARGO_MANIFEST_DIR"));
    let ok = |name: &str, args: &[&str]| l.run(&script(name), args).success();
    let workers = || {
        l.docker_ps("{{.Names}}")
            .iter()
            .filter(|n| n.contains("worker"))
            .count()
    };
    let build = lab_build(160);
    ok(
        "coursewarehub",
        &build.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(workers(), 2);
    ok("remove-workers", &["--set", "delete_nodes=1"]);
    assert_eq!(workers(), 1);
    ok("remove-workers", &["--set", "delete_nodes=1"]).stdout_has("already carried out");
    assert_eq!(workers(), 1, "a re-run removed another worker");
    ok("add-workers", &["--set", "add_nodes=1"]);
    assert_eq!(workers(), 2);
    ok("add-workers", &["--set", "add_nodes=1"]).stdout_has("already carried out");
    assert_eq!(workers(), 2, "a re-run added another worker");
    // asked again explicitly: done again
    ok(
        "add-workers",
        &["--set", "add_nodes=1", "--set", "again=true"],
    );
    assert_eq!(workers(), 3);
}

/// The seed script's arguments on the lab subnet 172.30.`net`.0/24: a manager at .100 and two
/// workers.
fn lab_build(net: u8) -> Vec<String> {
    [
        format!("vc_ipaddress=172.30.{net}.100"),
        "vc_nodes=3".into(),
        "vc_flavor=small".into(),
        "vc_disk_size=16".into(),
    ]
    .into_iter()
    .flat_map(|s| ["--set".to_string(), s])
    .collect()
}

/// The swarm table of a run's stdout: three nodes, all Ready.
fn assert_ready_table(r: &Run) {
    let table: Vec<&str> = r
        .stdout()
        .lines()
        .filter(|l| l.contains("Ready") || l.contains("Down"))
        .collect();
    assert_eq!(table.len(), 3, "{r}");
    assert!(table.iter().all(|l| l.contains("Ready")), "{r}");
}

// Point 7: the manager VM re-created (a new node at the same address): the seed script
// replaces its known_hosts entries with a warning naming the new node id, the workers leave
// the dead swarm and join the new one, and the table lists only live nodes.
#[test]
fn a_recreated_manager_gets_new_host_keys_and_a_reformed_swarm() {
    use crate::support::labrun::LabRun;
    let l = LabRun::new("k15-mgr", 161);
    let seed = seed_script();
    let build = lab_build(161);
    let build: Vec<&str> = build.iter().map(String::as_str).collect();
    l.run(&seed, &build).success();
    l.dir.write(
        "recreate.rhai",
        r#"
let vcp = vcc::connect();
let ug = vcp.get_ugroup("CoursewareHub");
print(`old manager node ${ug.get_unit("manager").nodes()[0].id}`);
ug.delete_unit("manager");
"#,
    );
    l.run("recreate.rhai", &[]).success();
    // the re-run re-forms the swarm
    let r = l
        .run(&seed, &build)
        .success()
        .stderr_has("172.30.161.100 is a new VC node")
        .stderr_has("re-created")
        .check_that("stderr says rejoined or leaving it to join", |r| {
            r.stderr().contains("rejoined") || r.stderr().contains("leaving it to join")
        });
    assert_ready_table(&r);
}

// Point 7: a worker that left the swarm joins again and its stale Down entry is removed (the
// table lists only live nodes); a worker whose dockerd is stopped is reported as such.
#[test]
fn a_worker_that_left_rejoins_cleanly_and_a_stopped_dockerd_is_named() {
    use crate::support::labrun::LabRun;
    let l = LabRun::new("k15-swarm", 162);
    let seed = seed_script();
    let build = lab_build(162);
    let build: Vec<&str> = build.iter().map(String::as_str).collect();
    l.run(&seed, &build).success();
    let worker = l
        .containers()
        .into_iter()
        .find(|n| n.contains("worker-1"))
        .unwrap();
    let exec = |cmd: &str| {
        Cmd::new("docker")
            .args(["exec", &worker, "sh", "-c", cmd])
            .run()
            .success();
    };
    exec("docker swarm leave --force");
    let r = l
        .run(&seed, &build)
        .success()
        .stderr_has("removed the stale entry of");
    assert_ready_table(&r);
    // dockerd stopped on that worker
    exec("pkill -x dockerd; while pgrep -x dockerd >/dev/null; do sleep 0.1; done");
    l.run(&seed, &build)
        .code(1)
        .stderr_has("Docker is not running on 172.30.162.10")
        .stderr_lacks("nil pointer");
}

//! Issue 15: crash-, fault- and concurrency-safety through the binary. One run at a time per
//! workdir; a failed state save stops the run; a run killed (-9) at seeded moments converges on
//! one re-run with exactly the expected objects; duplicates are named, never picked.
//! No sleeps as synchronisation: runs are observed (stdout lines, journal lines, files).
use crate::support::{Dir, bin, out};
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
    let mut c = Command::new(bin());
    for (k, _) in std::env::vars() {
        if k.starts_with("CWH_") || k.starts_with("VCC_") || k == "VCP_CONFIG_DIR" {
            c.env_remove(k);
        }
    }
    c.current_dir(d.path())
        .env("NO_COLOR", "1")
        .env("HOME", std::env::temp_dir())
        .arg("run")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c.spawn().unwrap()
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

/// Wait for a child with a generous deadline (a guard against a hang, not a timing claim).
fn finish(mut child: Child) -> (Option<i32>, String, String) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            let o = child.wait_with_output().unwrap();
            let (so, se) = out(&o);
            return (o.status.code(), so, se);
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
    for i in 0..20 {
        let name = format!("g{i:02}");
        let mut a = spawn_run(
            &d,
            "hold.rhai",
            &["--sim", "--set", &format!("name={name}")],
        );
        let rest = wait_line(&mut a, "holding");
        let b = d
            .cwh()
            .args(["run", "hold.rhai", "--sim", "--set", "name=intruder"])
            .output()
            .unwrap();
        let (_, se) = out(&b);
        assert_eq!(b.status.code(), Some(1), "round {i}: {se}");
        assert!(
            se.contains("in use by another cwh run") && se.contains(&format!("pid {}", a.id())),
            "round {i}: the holder is not named:\n{se}"
        );
        assert!(se.contains("hold.rhai"), "round {i}: {se}");
        std::fs::write(&gate, "").unwrap();
        a.stdout = Some(rest.into_inner());
        let (code, so, se) = finish(a);
        assert_eq!(code, Some(0), "round {i}: {so}\n{se}");
        std::fs::remove_file(&gate).unwrap();
        expected.push(name);
        // the lock is free again and clean
        let lock = std::fs::read_to_string(d.path().join(".cwh/lock")).unwrap();
        assert_eq!(lock, "", "round {i}");
    }
    assert_eq!(
        state_groups(&d.path().join(".cwh/sim-state.json")),
        expected
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
        let (code, _, se) = finish(refused);
        assert_eq!(code, Some(1), "round {i}: {se}");
        assert!(se.contains("in use by another cwh run"), "round {i}: {se}");
        std::fs::write(&gate, "").unwrap();
        let (code, so, se) = finish(holder);
        assert_eq!(code, Some(0), "round {i}: {so}\n{se}");
        std::fs::remove_file(&gate).unwrap();
        expected.push(holder_name);
    }
    expected.sort();
    assert_eq!(
        state_groups(&d.path().join(".cwh/sim-state.json")),
        expected
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
    let o = d
        .cwh()
        .args(["run", "hold.rhai", "--sim", "--set", "name=second"])
        .output()
        .unwrap();
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{so}\n{se}");
    assert!(
        se.contains("took over the stale workdir lock") && se.contains(&format!("pid {pid}")),
        "{se}"
    );
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
    let (code, so, se) = {
        let _ro = ReadOnly::new(&state_dir);
        std::fs::write(d.path().join("gate"), "").unwrap();
        a.stdout = Some(rest.into_inner());
        finish(a)
    };
    assert_eq!(code, Some(1), "the run must stop:\n{so}\n{se}");
    assert!(!so.contains("done"), "{so}");
    assert!(
        se.contains("cannot save its state") && se.contains(&state.display().to_string()),
        "the error names the file:\n{se}"
    );
    assert_eq!(state_groups(&state), ["one"]);
    let tmp: Vec<_> = std::fs::read_dir(&state_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(tmp.is_empty(), "temp files left: {tmp:?}");
    let o = d.cwh().args(["run", "two.rhai", "--sim"]).output().unwrap();
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{so}\n{se}");
    assert_eq!(state_groups(&state), ["one", "two"]);
}

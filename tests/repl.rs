//! `cwh repl` (issue 8): through a pipe (non-interactive: results on stdout, errors on
//! stderr, the session goes on) and through a real terminal (tmux: completion, Ctrl-C,
//! Ctrl-D, history).
use crate::support::tmux::Tmux;
use crate::support::{Dir, Run, bin};

/// Pipe `input` into `cwh repl` in `d`.
fn pipe(d: &Dir, input: &str) -> Run {
    d.cwh().arg("repl").stdin(input).run()
}

#[test]
fn piped_multi_line_entries() {
    let d = Dir::new();
    let r = pipe(
        &d,
        "let a = [1,\n2];\na.len()\nfn add(x,\n  y) {\n  x + y\n}\nadd(40, 2)\nlet s = `two\nlines`;\ns\n",
    )
        .success();
    let stdout = r.stdout();
    let stderr = r.stderr();
    assert_eq!(stdout, "2\n42\ntwo\nlines\n", "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn piped_error_is_reported_and_the_session_goes_on() {
    let d = Dir::new();
    let r = pipe(
        &d,
        "let a = 1;\nlet b = nope + 1;\na + 1\nthrow \"boom\";\nlet x = ;\na + 2\n",
    )
    // the session goes on, and its exit code says it had errors (issue 25)
    .code(1);
    let stdout = r.stdout();
    let stderr = r.stderr();
    assert_eq!(stdout, "2\n3\n", "{stderr}");
    // The same diagnostics as `cwh run`: input line, the source line, a label.
    assert!(stderr.contains("Undefined variable: nope"), "{stderr}");
    assert!(stderr.contains("<stdin>:2:9"), "{stderr}");
    assert!(stderr.contains("let b = nope + 1;"), "{stderr}");
    assert!(stderr.contains("boom"), "{stderr}");
    assert!(stderr.contains("<stdin>:5"), "{stderr}");
}

#[test]
fn piped_array_of_maps_prints_a_table() {
    let d = Dir::new();
    let r = pipe(
        &d,
        "let rows = [#{name: \"manager\", n: 1}, #{name: \"worker\", n: 2}];\nrows\n",
    )
    .success();
    let stdout = r.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0].split('|').map(str::trim).collect::<Vec<_>>(),
        ["", "n", "name", ""]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("manager") && l.contains('1')),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("worker") && l.contains('2')),
        "{stdout}"
    );
}

#[test]
fn piped_vars_and_help() {
    let d = Dir::new();
    let r = pipe(
        &d,
        "let answer = 42;\nlet name = \"demo\";\n.vars\n.help\n.help param\n.help no_such_fn\n",
    )
    // `.help no_such_fn` is an error of the session: exit 1 at the end (issue 25)
    .code(1)
    .stdout_has("let answer = 42  (a whole number)")
    .stdout_has("let name = demo  (text)");
    let stdout = r.stdout();
    let stderr = r.stderr();
    // .help: the API grouped as `cwh doc` groups it, one line per function (its first
    // sentence, no signatures), and the dot-commands.
    assert!(stdout.contains("Global functions"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("  param ") && l.ends_with("A script parameter.")),
        "{stdout}"
    );
    assert!(
        !stdout.contains("&mut") && !stdout.contains("ImmutableString"),
        "{stdout}"
    );
    // .help NAME: the signature in words
    assert!(
        stdout.contains("param(name: text) -> any value"),
        "{stdout}"
    );
    assert!(stdout.contains(".save FILE"), "{stdout}");
    // .help NAME: the documentation.
    assert!(
        stdout.contains("A script parameter. Resolution order"),
        "{stdout}"
    );
    assert!(
        stderr.contains("no function named `no_such_fn`"),
        "{stderr}"
    );
}

#[test]
fn piped_save_writes_a_script_that_run_executes_the_same() {
    let d = Dir::new();
    let session = "let nodes = [#{ip: \"172.30.2.10\", state: \"RUNNING\"},\n  #{ip: \"172.30.2.11\", state: \"STOPPED\"}];\nfn running(ns) {\n  ns.filter(|n| n.state == \"RUNNING\")\n}\nrunning(nodes)\nlet n = nodes.len();\nn * 21\nthis_fails();\n`nodes: ${n}`\n#{count: n}\nprint(\"printed\");\n";
    let res = pipe(&d, &format!("{session}.save saved.rhai\n"))
        .code(1)
        .stderr_has("saved");
    let stdout = res.stdout();
    let script = std::fs::read_to_string(d.path().join("saved.rhai")).unwrap();
    assert!(
        !script.contains("this_fails"),
        "failed entries are not saved:\n{script}"
    );
    assert!(!script.contains(".save"), "{script}");
    let r = d.cwh().args(["run", "saved.rhai"]).run().success();
    let run_out = r.stdout();
    assert_eq!(run_out, stdout, "script:\n{script}");
    assert!(
        stdout.contains("42\n") && stdout.contains("nodes: 2\n"),
        "{stdout}"
    );
}

#[test]
fn piped_load_runs_a_file_into_the_session() {
    let d = Dir::new();
    d.write("lib.rhai", "fn twice(x) { x * 2 }\nlet base = 20;\n");
    // a .load that fails is an error of the session: exit 1 at the end (issue 25)
    let r = pipe(&d, ".load lib.rhai\ntwice(base) + 2\n.load missing.rhai\n").code(1);
    let stdout = r.stdout();
    let stderr = r.stderr();
    assert_eq!(stdout, "42\n", "{stderr}");
    assert!(stderr.contains("missing.rhai"), "{stderr}");
}

#[test]
fn piped_incomplete_entry_at_end_of_input_is_reported() {
    let d = Dir::new();
    let r = pipe(&d, "1 + 1\nlet x = [1,\n2,\n").code(1);
    let stdout = r.stdout();
    let stderr = r.stderr();
    assert_eq!(stdout, "2\n");
    assert!(
        stderr.contains("unfinished entry (from line 2)"),
        "{stderr}"
    );
}

#[test]
fn piped_quit_stops_reading() {
    let d = Dir::new();
    let r = pipe(&d, "1\n.quit\n2\n").success();
    let stdout = r.stdout();
    assert_eq!(stdout, "1\n");
}

#[test]
fn piped_sim_session_binds_vcp_on_start() {
    let d = Dir::new();
    let r = d
        .cwh()
        .args(["repl", "--sim"])
        .stdin("let ug = vcp.create_ugroup(\"demo\");\nvcp.ugroups()\nug.name\n")
        .run()
        .success()
        .stderr_has("connected to embedded simulator");
    let stdout = r.stdout();
    // the done criterion: the group list prints as a table
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].contains("vcname") && lines[0].contains("vctype"),
        "{stdout}"
    );
    assert!(
        lines[2].contains("demo") && lines[2].contains("compute"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\ndemo\n"), "{stdout}");
}

#[test]
fn piped_without_a_token_says_how_to_connect_and_goes_on() {
    let d = Dir::new();
    let r = pipe(&d, "vcp\n1 + 1\n").code(1);
    let stdout = r.stdout();
    let stderr = r.stderr();
    assert_eq!(stdout, "2\n");
    let how: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("not connected"))
        .collect();
    assert_eq!(how.len(), 1, "{stderr}");
    assert!(
        how[0].contains("--sim") && how[0].contains("VCC_ACCESS_TOKEN"),
        "{stderr}"
    );
    assert!(how[0].contains("vcp_config.yml"), "{stderr}");
    assert!(stderr.contains("Undefined variable: vcp"), "{stderr}");
}

// ---- a real terminal ----

fn terminal(d: &Dir, env: &[(&str, &str)]) -> Tmux {
    terminal_with(d, &["repl"], env)
}

fn terminal_with(d: &Dir, args: &[&str], env: &[(&str, &str)]) -> Tmux {
    let home = d.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let home = home.display().to_string();
    let mut all = vec![("HOME", home.as_str())];
    all.extend_from_slice(env);
    let t = Tmux::start(d.path(), &bin(), args, &all);
    t.wait_for("cwh>");
    t
}

#[test]
fn terminal_completes_globals_and_methods_of_a_value_in_scope() {
    let d = Dir::new();
    let t = terminal(&d, &[]);
    t.type_text("to_js");
    t.key("Tab");
    t.wait_for("cwh> to_json");
    t.key("C-c");
    t.wait_count("cwh>", 2);
    t.line("let s = \"abc\";");
    t.wait_count("cwh>", 3);
    t.type_text("s.le");
    t.key("Tab");
    t.wait_for("cwh> s.len");
    t.type_text("()");
    t.key("Enter");
    t.wait_until("the length", |s| s.lines().any(|l| l.trim() == "3"));
}

#[test]
fn terminal_completes_methods_of_vcp() {
    let d = Dir::new();
    let t = terminal_with(&d, &["repl", "--sim"], &[]);
    t.wait_for("connected to embedded simulator");
    t.type_text("vcp.ugr");
    t.key("Tab");
    t.wait_for("cwh> vcp.ugroups");
    t.type_text("()");
    t.key("Enter");
    t.wait_count("cwh>", 2);
    t.type_text("vcp.create_");
    t.key("Tab");
    t.wait_for("cwh> vcp.create_u");
}

#[test]
fn terminal_ctrl_c_clears_the_line_and_the_session_continues() {
    let d = Dir::new();
    let t = terminal(&d, &[]);
    t.type_text("let typed_but_cleared = 1");
    t.wait_for("typed_but_cleared = 1");
    t.key("C-c");
    t.wait_count("cwh>", 2);
    t.line("typed_but_cleared");
    t.wait_for("Undefined variable: typed_but_cleared");
    t.line("40 + 2");
    t.wait_until("42", |s| s.lines().any(|l| l.trim() == "42"));
    assert!(!t.screen().contains("EXITED"));
}

#[test]
fn terminal_ctrl_c_stops_the_running_entry() {
    let d = Dir::new();
    let t = terminal(&d, &[]);
    // the entry announces itself once it runs (the echoed input cannot contain "RUNNING")
    t.line("let before = 1; print(\"RUN\" + \"NING\"); sleep(30); let after = 2;");
    t.wait_for("RUNNING");
    t.key("C-c");
    t.wait_for("interrupted by Ctrl-C");
    t.wait_count("cwh>", 2);
    // A second Ctrl-C in a later entry is a first Ctrl-C again: it must not exit.
    t.line("print(\"RUN\" + \"NING\"); sleep(30)");
    t.wait_count("RUNNING", 2);
    t.key("C-c");
    t.wait_count("× interrupted by Ctrl-C", 2);
    t.wait_count("cwh>", 3);
    t.line("before + 41");
    t.wait_until("42", |s| s.lines().any(|l| l.trim() == "42"));
    assert!(!t.screen().contains("EXITED"));
}

#[test]
fn terminal_ctrl_d_exits_zero_and_history_keeps_no_secret() {
    let d = Dir::new();
    let t = terminal(&d, &[("CWH_PARAM_API_KEY", "s3cr3t-value-123")]);
    t.line("let k = secret(\"api_key\");");
    t.wait_count("cwh>", 2);
    t.line("k == \"s3cr3t-value-123\"");
    t.wait_for("true");
    t.wait_count("cwh>", 3);
    t.key("C-d");
    t.wait_for("EXITED rc=0");
    let h = std::fs::read_to_string(d.path().join("home/.local/share/cwh/repl-history"))
        .expect("history file in the data dir");
    assert!(h.contains("let k = secret(\"api_key\");"), "{h}");
    assert!(!h.contains("s3cr3t"), "{h}");
}

#[test]
fn piped_session_writes_no_history() {
    let d = Dir::new();
    d.cwh()
        .env("HOME", d.path())
        .arg("repl")
        .stdin("1 + 1\n")
        .run()
        .success();
    assert!(!d.path().join(".local/share/cwh").exists());
}

//! The Rhai host (issue 2): CLI, parameters, modules, diagnostics, Ctrl-C, docs, journal,
//! secrets — all through the built binary.
use crate::support::{Cmd, Dir, cwh};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn check_reports_syntax_error_with_file_line_and_source() {
    let d = Dir::new();
    d.write(
        "broken.rhai",
        "let a = 1;\nlet b = 2;\nlet c = (a + ;\nprint(c);\n",
    );
    d.cwh()
        .args(["check", "broken.rhai"])
        .run()
        .code(1)
        .stderr_has("broken.rhai")
        .stderr_has("3:")
        .stderr_has("let c = (a + ;");
}

#[test]
fn run_with_set_param() {
    let d = Dir::new();
    d.write("p.rhai", "print(param(\"n\") + 1);\n");
    let r = d
        .cwh()
        .args(["run", "p.rhai", "--set", "n=3"])
        .run()
        .success();
    let stdout = r.stdout();
    assert_eq!(stdout.trim(), "4");
}

#[test]
fn missing_param_names_itself_its_line_and_how_to_pass_it() {
    let d = Dir::new();
    d.write("p.rhai", "let x = 1;\nprint(param(\"vc_flavor\"));\n");
    d.cwh()
        .args(["run", "p.rhai"])
        .run()
        .code(1)
        .stderr_has("missing parameter `vc_flavor`")
        .stderr_has("p.rhai:2:7")
        .stderr_has("--set vc_flavor=VALUE")
        .stderr_has("CWH_PARAM_VC_FLAVOR");
}

#[test]
fn param_precedence_set_then_file_then_env_then_default() {
    let d = Dir::new();
    d.write(
        "p.rhai",
        r#"print(`a=${param("a", "dflt")} b=${param("b", "dflt")} c=${param("c", "dflt")} d=${param("d", "dflt")}`);"#,
    );
    d.write("site.yml", "a: file\nb: file\n");
    let res = d
        .cwh()
        .args([
            "run", "p.rhai", "--params", "site.yml", "--set", "a=first", "--set", "a=last",
        ])
        .env("CWH_PARAM_A", "env")
        .env("CWH_PARAM_B", "env")
        .env("CWH_PARAM_C", "env")
        .run()
        .success();
    let stdout = res.stdout();
    assert_eq!(stdout.trim(), "a=last b=file c=env d=dflt");
}

#[test]
fn set_values_are_typed_as_yaml_core() {
    let d = Dir::new();
    d.write(
        "t.rhai",
        r#"for k in ["i", "b", "a", "no", "q", "f", "e"] { let v = param(k); print(`${k}:${type_of(v)}:${v}`); }"#,
    );
    let res = d
        .cwh()
        .args([
            "run", "t.rhai", "--set", "i=3", "--set", "b=true", "--set", "a=[x, y]",
        ])
        .args([
            "--set", "no=No", "--set", "q=\"16\"", "--set", "f=1.5", "--set", "e=",
        ])
        .run()
        .success();
    let stdout = res.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "i:i64:3");
    assert_eq!(lines[1], "b:bool:true");
    assert!(lines[2].starts_with("a:array:"), "{}", lines[2]);
    assert_eq!(lines[3], "no:string:No");
    assert_eq!(lines[4], "q:string:16");
    assert_eq!(lines[5], "f:f64:1.5");
    assert_eq!(lines[6], "e:string:");
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let d = Dir::new();
    d.write("ok.rhai", "print(1);");
    std::fs::create_dir(d.path().join("adir")).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["frobnicate"], "unrecognized subcommand"),
        (vec!["run", "ok.rhai", "--nope"], "unexpected argument"),
        (vec!["run", "missing.rhai"], "script missing.rhai not found"),
        (vec!["run", "adir"], "adir is a directory"),
        (
            vec!["run", "ok.rhai", "--set", "novalue"],
            "expected KEY=VALUE",
        ),
        (
            vec!["run", "ok.rhai", "--params", "nofile.yml"],
            "cannot read parameters file nofile.yml",
        ),
        (vec!["check"], "required"),
    ];
    for (args, want) in cases {
        d.cwh()
            .args(&args)
            .run()
            .code(2)
            .stderr_has(want)
            .stderr_lacks("panicked")
            .stderr_lacks("RUST_BACKTRACE");
    }
}

#[test]
fn malformed_params_file_shows_the_yaml_error_line() {
    let d = Dir::new();
    d.write("ok.rhai", "print(1);");
    d.write("site.yml", "a: 1\nb: [1, 2\nc: 3\n");
    let r = d
        .cwh()
        .args(["run", "ok.rhai", "--params", "site.yml"])
        .run()
        .code(2)
        .stderr_has("site.yml is not valid YAML");
    let err = r.stderr();
    assert!(
        err.contains("line 2")
            || err.contains(":2:")
            || err.contains("line 3")
            || err.contains(":3:"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_script_is_reported_with_its_line() {
    let d = Dir::new();
    let p = d.path().join("bad.rhai");
    std::fs::write(&p, b"print(1);\nprint(\"\xff\");\n").unwrap();
    d.cwh()
        .args(["run", "bad.rhai"])
        .run()
        .code(1)
        .stderr_has("bad.rhai:2")
        .stderr_has("not valid UTF-8");
}

#[test]
fn import_that_resolves_nowhere_lists_where_it_looked() {
    let d = Dir::new();
    d.write("main.rhai", "import \"nowhere\" as n;\nn::f();\n");
    let r = d
        .cwh()
        .args(["run", "main.rhai", "--lib", "site-lib"])
        .run()
        .code(1)
        .stderr_has("module \"nowhere\" not found")
        .stderr_has("nowhere.rhai")
        .stderr_has("site-lib")
        .stderr_has("stdlib (embedded: ")
        .stderr_has("checks");
    let err = r.stderr();
    assert_eq!(
        err.matches("nowhere.rhai").count(),
        2,
        "each place once: {err}"
    );
}

#[test]
fn modules_resolve_script_dir_then_lib_then_stdlib() {
    let d = Dir::new();
    // a stdlib module, used as shipped
    d.write(
        "a/main.rhai",
        "import \"checks\" as c;\nprint(c::in_subnet(\"172.30.2.9\", \"172.30.2.0/24\"));\nprint(c::in_subnet(\"172.30.3.9\", \"172.30.2.0/24\"));\n",
    );
    let r = d.cwh().args(["run", "a/main.rhai"]).run().success();
    let stdout = r.stdout();
    assert_eq!(stdout, "true\nfalse\n");

    // a site lib overrides the stdlib module of the same name
    d.write("lib1/checks.rhai", "fn in_subnet(a, b) { \"from lib1\" }\n");
    d.write("lib2/checks.rhai", "fn in_subnet(a, b) { \"from lib2\" }\n");
    let o = d
        .cwh()
        .args(["run", "a/main.rhai", "--lib", "lib1", "--lib", "lib2"])
        .run();
    assert_eq!(o.stdout().lines().next(), Some("from lib1"));
    // CWH_LIB comes after --lib, and works alone
    let o = d
        .cwh()
        .args(["run", "a/main.rhai"])
        .env("CWH_LIB", "lib2:lib1")
        .run();
    assert_eq!(o.stdout().lines().next(), Some("from lib2"));

    // the script's own directory wins over every lib
    d.write(
        "a/checks.rhai",
        "fn in_subnet(a, b) { \"from script dir\" }\n",
    );
    let o = d.cwh().args(["run", "a/main.rhai", "--lib", "lib1"]).run();
    assert_eq!(o.stdout().lines().next(), Some("from script dir"));
}

#[test]
fn stdlib_check_failure_points_at_the_callers_line() {
    let d = Dir::new();
    d.write(
        "v.rhai",
        "import \"checks\" as check;\nlet ip = param(\"vc_ipaddress\");\ncheck::ipv4_in(\"vc_ipaddress\", ip, \"172.30.2.0/24\");\n",
    );
    d.cwh()
        .args(["run", "v.rhai", "--set", "vc_ipaddress=10.1.1.1"])
        .run()
        .code(1)
        .stderr_has("10.1.1.1 is outside the private network 172.30.2.0/24")
        .stderr_has("v.rhai:3:")
        .stderr_has("stdlib/checks.rhai");
    d.cwh()
        .args(["run", "v.rhai", "--set", "vc_ipaddress=172.30.2.300"])
        .run()
        .stderr_has("not an IPv4 address: 172.30.2.300");
    d.cwh()
        .args(["run", "v.rhai", "--set", "vc_ipaddress=172.30.2.30"])
        .run()
        .success();
}

#[test]
fn runtime_errors_in_modules_name_the_module_file() {
    let d = Dir::new();
    d.write("lib/m.rhai", "fn f(x) {\n    x + undefined_fn(1)\n}\n");
    d.write("main.rhai", "import \"m\" as m;\nlet y = m::f(1);\n");
    d.cwh()
        .args(["run", "main.rhai", "--lib", "lib"])
        .run()
        .code(1)
        .stderr_has("undefined_fn")
        .stderr_has("m.rhai:2:")
        .stderr_has("main.rhai:2:");
}

#[test]
fn primitive_errors_are_catchable_values() {
    let d = Dir::new();
    d.write(
        "c.rhai",
        "try { param(\"absent\") } catch (e) { print(e.kind); print(e.message); }\ntry { from_json(\"{\") } catch (e) { print(e.kind); }\n",
    );
    let r = d.cwh().args(["run", "c.rhai"]).run().success();
    let stdout = r.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "params::missing");
    assert!(lines[1].contains("missing parameter `absent`"));
    assert_eq!(lines[2], "json::invalid");
}

#[test]
fn check_finds_unknown_calls_with_location_and_suggestion() {
    let d = Dir::new();
    d.write(
        "typo.rhai",
        "import \"checks\" as check;\nfn mine(x) { x }\nlet m = #{ f: |x| x + 1 };\nprint(mine(1) + m.f(1));\nlet n = check::at_lest(\"n\", 1, 1);\nprint(tabel([]));\nlet s = \"x\";\ns.lenn();\n",
    );
    d.cwh()
        .args(["check", "typo.rhai"])
        .run()
        .code(1)
        .stderr_has("unknown function `at_lest` in module `check`")
        .stderr_has("did you mean `check::at_least`?")
        .stderr_has("typo.rhai:5:")
        .stderr_has("unknown function `tabel`")
        .stderr_has("did you mean `table`?")
        .stderr_has("unknown method `lenn`")
        .stderr_lacks("`mine`")
        .stderr_lacks("`f`")
        .stderr_has("3 problem(s)");

    d.write("good.rhai", "import \"checks\" as check;\nprint(check::at_least(\"n\", param(\"n\", 2), 1));\nprint(table([#{a: 1}]));\n");
    d.cwh().args(["check", "good.rhai"]).run().success();
}

/// Start `cwh run` on a script that prints "started" and then blocks; return the child once
/// the script is running.
fn start_blocking(d: &Dir, body: &str) -> std::process::Child {
    d.write("block.rhai", &format!("print(\"started\");\n{body}\n"));
    let mut child = Command::new(crate::support::bin())
        .args(["run", "block.rhai"])
        .current_dir(d.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "started");
    child
}

fn wait_exit(child: &mut std::process::Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[test]
fn ctrl_c_stops_a_busy_script_cleanly() {
    let d = Dir::new();
    let mut child = start_blocking(&d, "loop { }");
    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    // generous limit: the point is that it stops at all, cleanly (not a timing assertion)
    let status = wait_exit(&mut child, Duration::from_secs(20)).expect("did not stop on SIGINT");
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted by Ctrl-C"), "{err}");
    assert!(err.contains("block.rhai:2"), "{err}");
}

#[test]
fn ctrl_c_cancels_a_blocking_primitive() {
    let d = Dir::new();
    let mut child = start_blocking(&d, "sleep(600);\nprint(\"not reached\");");
    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = wait_exit(&mut child, Duration::from_secs(20)).expect("sleep was not cancelled");
    assert_eq!(status.code(), Some(130));
    let mut rest = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut rest).unwrap();
    assert!(!rest.contains("not reached"));
}

#[test]
fn doc_matches_docs_api_md() {
    let r = cwh().args(["doc", "--format", "markdown"]).run().success();
    let generated = r.stdout();
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/api.md"))
        .expect("docs/api.md missing: run `cargo run -q -- doc --format markdown > docs/api.md`");
    assert!(
        generated == committed,
        "docs/api.md is stale: run `cargo run -q -- doc --format markdown > docs/api.md`"
    );
    // every documented function has a doc comment
    assert!(generated.contains("### `param(name: String) -> Dynamic`"));
    for block in generated.split("\n### ").skip(1) {
        assert!(block.lines().count() > 2, "undocumented: {block}");
    }
}

#[test]
fn secrets_never_appear_in_output_or_journal() {
    let secret = "s.SuperSecretToken-4242";
    let d = Dir::new();
    d.write(
        "s.rhai",
        "let t = secret(\"vcc_access_token\");\nprint(t);\nprint(to_json(#{token: t}));\ninfo(`token is ${t}`);\ndebug(t);\nthrow `bad token ${t}`;\n",
    );
    for args in [vec!["-vvv", "run", "s.rhai"], vec!["run", "-vvv", "s.rhai"]] {
        d.cwh()
            .args(&args)
            .env("VCC_ACCESS_TOKEN", secret)
            .run()
            .code(1)
            .stdout_lacks(secret)
            .stderr_lacks(secret)
            .stdout_has("[REDACTED]")
            .stderr_has("bad token [REDACTED]");
    }
    let runs = d.path().join(".cwh/runs");
    let files: Vec<_> = std::fs::read_dir(&runs).unwrap().collect();
    assert_eq!(files.len(), 2);
    for f in files {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(text.contains("\"kind\":\"script\""), "{text}");
        assert!(!text.contains(secret), "{text}");
    }
    // never from --set: the secret is simply not found there
    d.cwh()
        .args([
            "run",
            "s.rhai",
            "--set",
            &format!("vcc_access_token={secret}"),
        ])
        .run()
        .code(2)
        .stderr_has("`vcc_access_token` is a secret, never read from the command line")
        .stderr_has("--token-file")
        .stderr_lacks(secret);
    // from a token file
    let tf = d.write("token", &format!("{secret}\n"));
    d.cwh()
        .args(["run", "s.rhai", "--token-file"])
        .arg(&tf)
        .run()
        .stdout_has("[REDACTED]")
        .stdout_lacks(secret)
        .stderr_lacks(secret);
}

#[test]
fn journal_records_the_run_with_outcome() {
    let d = Dir::new();
    d.write("ok.rhai", "print(1);");
    std::fs::create_dir(d.path().join("wd")).unwrap();
    d.cwh()
        .args(["run", "ok.rhai", "--workdir", "wd"])
        .run()
        .success();
    let runs: Vec<_> = std::fs::read_dir(d.path().join("wd/.cwh/runs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(runs.len(), 1);
    let line = std::fs::read_to_string(&runs[0]).unwrap();
    let lines: Vec<serde_json::Value> = line
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let v = &lines[lines.len() - 2];
    assert_eq!(v["kind"], "script");
    assert_eq!(v["outcome"], "ok");
    assert_eq!(v["target"], "ok.rhai");
    // the recap is the last record (issue 16)
    let recap = lines.last().unwrap();
    assert_eq!(recap["kind"], "recap");
    assert_eq!(recap["detail"]["converged"], true);
    assert_eq!(
        recap["detail"]["vcc"],
        serde_json::Value::Null,
        "never connected"
    );
}

#[test]
fn confirm_refuses_without_terminal_unless_yes() {
    let d = Dir::new();
    d.write(
        "c.rhai",
        "if confirm(\"Delete everything?\") { print(\"deleted\"); }",
    );
    d.cwh()
        .args(["run", "c.rhai"])
        .run()
        .code(1)
        .stderr_has("no terminal")
        .stderr_has("--yes")
        .stdout_lacks("deleted");
    let o = d.cwh().args(["run", "c.rhai", "--yes"]).run();
    assert_eq!(o.stdout().trim(), "deleted");
}

#[test]
fn tables_and_data_helpers() {
    let d = Dir::new();
    d.write(
        "t.rhai",
        "print(table([#{name: \"mgr\", ip: \"172.30.2.100\"}, #{name: \"w1\", state: \"RUNNING\"}]));\nprint(to_yaml(#{v: \"yes\", m: \"0022\"}));\nlet j = from_json(\"{\\\"a\\\": [1, 2]}\");\nprint(j.a[1]);\n",
    );
    let r = d.cwh().args(["run", "t.rhai"]).run().success();
    let stdout = r.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].contains("ip") && lines[0].contains("name") && lines[0].contains("state"),
        "{stdout}"
    );
    assert!(
        lines[2].contains("172.30.2.100") && lines[2].contains("mgr"),
        "{stdout}"
    );
    assert!(
        lines[3].contains("w1") && lines[3].contains("RUNNING"),
        "{stdout}"
    );
    // YAML 1.1 ambiguous strings stay quoted
    assert!(
        stdout.contains("v: \"yes\"") && stdout.contains("m: \"0022\""),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with('2'));
}

#[test]
fn broken_pipe_exits_quietly() {
    Cmd::new("sh")
        .arg("-c")
        .arg(format!(
            "{} doc | head -c 10 >/dev/null",
            crate::support::bin().display()
        ))
        .run()
        .success()
        .stderr_lacks("panicked")
        .stderr_lacks("Broken pipe");
}

#[test]
fn version_completions_help_and_repl() {
    cwh()
        .arg("--version")
        .run()
        .check_that("stdout starts with `cwh `", |r| {
            r.stdout().starts_with("cwh ")
        });
    cwh()
        .args(["completions", "bash"])
        .run()
        .success()
        .stdout_has("_cwh");
    for sub in ["run", "check", "repl", "doc", "completions"] {
        cwh()
            .args([sub, "--help"])
            .run()
            .success()
            .stdout_has("Example");
    }
    let r = cwh()
        .arg("repl")
        .stdin("let x = [1,\n 2];\nx.len() * 21\nnope(1)\nx[1] + 1\n")
        .run()
        .code(1)
        .stderr_has("nope");
    assert_eq!(r.stdout(), "42\n3\n");
}

#[test]
fn readme_test_command_is_what_ci_runs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let ci = std::fs::read_to_string(format!("{root}/.ci/run")).unwrap();
    let after = readme
        .split("Run the tests:")
        .nth(1)
        .expect("README has no 'Run the tests:'");
    let cmd = after
        .lines()
        .find(|l| l.starts_with("cargo "))
        .expect("no test command")
        .trim();
    assert!(
        ci.lines().any(|l| l.trim() == cmd),
        ".ci/run does not run the README's test command `{cmd}`"
    );
}

#[test]
fn readme_main_job_runs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let cmd = "cargo run --release -- run scripts/coursewarehub.rhai --lab --yes --params examples/coursewarehub-lab.yml";
    assert!(
        readme.contains(cmd),
        "README's main command changed: update this test"
    );
    // the same run (the example's default lab subnet is taken by name here, so give ours)
    let l = crate::support::labrun::LabRun::new("readme", 25);
    let r = l
        .cwh()
        .args([
            "run",
            &format!("{root}/scripts/coursewarehub.rhai"),
            "--lab",
            "--yes",
        ])
        .args([
            "--params",
            &format!("{root}/examples/coursewarehub-lab.yml"),
        ])
        .args([
            "--lab-subnet",
            &l.subnet,
            "--set",
            "vc_ipaddress=172.30.25.100",
        ])
        .run()
        .success()
        .stdout_has("are ready: manager 172.30.25.100, 2 worker(s)");
    let stdout = r.stdout();
    assert_eq!(stdout.matches("| Ready ").count(), 3, "{stdout}");
}

//! Scripts that run Ansible playbooks and local commands (issue 22), through the binary:
//! `ansible::playbook` with real ansible-core against OpenSSH sshd hosts on 127.x.y.z (all of
//! them this machine), `local::exec`, the plan of both, and the `coursewarehub::` helpers
//! against the notebooks' own Python.
use crate::support::sshd::{next_ip, shared};
use crate::support::{Cmd, Dir, Run, ansible_venv};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// A secret handed to the playbook through extra_vars (as `secret("token")`).
const TOKEN: &str = "tok-9f8e7d6c5b4a-never-shown";

/// The test playbook (tests/playbooks/marker-user.yml).
fn playbook() -> String {
    format!(
        "{}/tests/playbooks/marker-user.yml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A workdir whose inventory holds the shared sshd hosts (`hub_manager`: the first,
/// `hub_worker`: the others, `hub_gone`: an address where nothing listens) with known_hosts
/// refreshed and an ansible.cfg naming it; local users it creates are removed at the end.
struct Site {
    dir: Dir,
    ips: Vec<String>,
    gone: String,
    prefix: String,
}

impl Site {
    fn new(tag: &str) -> Site {
        let lab = shared();
        let ips = lab.ips();
        let gone = next_ip();
        let dir = Dir::new();
        let q = |v: &[String]| {
            v.iter()
                .map(|i| format!("\"{i}\": #{{}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        dir.write(
            "setup.rhai",
            &format!(
                r#"
known_hosts::refresh([{all}], #{{ file: "kh", attempts: 3 }});
inventory::update("inventory.yml", #{{ all: #{{ children: #{{ hub: #{{
    children: #{{
        hub_manager: #{{ hosts: #{{ {mgr} }} }},
        hub_worker: #{{ hosts: #{{ {wrk} }} }},
        hub_gone: #{{ hosts: #{{ "{gone}": #{{}} }} }}
    }},
    vars: #{{
        ansible_user: "root", ansible_ssh_private_key_file: "{key}",
        ansible_python_interpreter: "/usr/bin/python3",
        ansible_ssh_common_args: "-o UserKnownHostsFile=" + workdir() + "/kh",
        ansible_pipelining: true, ansible_ssh_transfer_method: "piped"
    }}
}} }} }} }});
ansible_cfg::setup("inventory.yml");
"#,
                all = ips
                    .iter()
                    .map(|i| format!("\"{i}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                mgr = q(&ips[..1]),
                wrk = q(&ips[1..]),
                key = lab.key.display(),
            ),
        );
        std::fs::create_dir_all(dir.path().join("playbooks")).unwrap();
        std::fs::copy(playbook(), dir.path().join("playbooks/marker-user.yml")).unwrap();
        dir.cwh().args(["run", "setup.rhai"]).run().success();
        Site {
            dir,
            ips,
            gone,
            prefix: format!("cwh{tag}{}u", std::process::id() % 100_000),
        }
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn user(&self, ip: &str) -> String {
        format!("{}{}", self.prefix, ip.rsplit('.').next().unwrap())
    }

    /// `cwh run` of `body` after a prelude binding `vars` (the playbook's extra_vars, with the
    /// token from `secret("token")`), with Ansible from the test venv.
    fn run(&self, body: &str, args: &[&str]) -> Run {
        self.dir.write(
            "s.rhai",
            &format!(
                "let vars = #{{ out_dir: \"{}\", marker: \"m1\", token: secret(\"token\"), user_prefix: \"{}\" }};\n{body}",
                self.out().display(),
                self.prefix
            ),
        );
        self.dir
            .cwh()
            .args(["run", "s.rhai"])
            .args(args)
            .env("CWH_ANSIBLE_VENV", ansible_venv())
            .env("CWH_PARAM_TOKEN", TOKEN)
            .run()
    }

    /// The text of every journal of the workdir.
    fn journals(&self) -> String {
        let mut all = String::new();
        for e in std::fs::read_dir(self.dir.path().join(".cwh/runs"))
            .unwrap()
            .flatten()
        {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
        all
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        for ip in &self.ips {
            let _ = std::process::Command::new("userdel")
                .arg(self.user(ip))
                .output();
        }
    }
}

/// The lines of stdout that are JSON objects (the script prints `to_json(result)`).
fn printed(r: &Run) -> Vec<Value> {
    r.stdout()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn statuses(result: &Value) -> Vec<(String, String)> {
    result["hosts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(h, v)| (h.clone(), v["status"].as_str().unwrap().to_string()))
        .collect()
}

fn user_exists(name: &str) -> bool {
    std::process::Command::new("getent")
        .args(["passwd", name])
        .output()
        .unwrap()
        .status
        .success()
}

/// Every process's command line while `f` runs: (some held `needle`, some ran ansible-playbook
/// with `marker` in its arguments).
fn watch_argv<T>(needle: &str, marker: &str, f: impl FnOnce() -> T) -> (T, Vec<String>, bool) {
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let sampler = s.spawn(|| {
            let (mut hits, mut saw) = (Vec::new(), false);
            while !stop.load(Ordering::SeqCst) {
                for e in std::fs::read_dir("/proc").unwrap().flatten() {
                    let Ok(raw) = std::fs::read(e.path().join("cmdline")) else {
                        continue;
                    };
                    let line = String::from_utf8_lossy(&raw).replace('\0', " ");
                    if line.contains(needle) {
                        hits.push(line.clone());
                    }
                    saw |= line.contains("ansible-playbook") && line.contains(marker);
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            (hits, saw)
        });
        let v = f();
        stop.store(true, Ordering::SeqCst);
        let (hits, saw) = sampler.join().unwrap();
        (v, hits, saw)
    })
}

#[test]
fn a_playbook_changes_each_host_then_converges_and_check_mode_changes_nothing() {
    let site = Site::new("a");
    let all = "let r = ansible::playbook(\"playbooks/marker-user.yml\", #{ limit: \"hub_manager:hub_worker\", extra_vars: vars });\nprint(to_json(r));\n";
    // 1. a first run changes every host; the token never leaves through argv, output or journal
    let wd = site.dir.path().display().to_string();
    let (ran, hits, saw) = watch_argv(TOKEN, &wd, || site.run(all, &[]));
    let ran = ran.success().stdout_lacks(TOKEN).stderr_lacks(TOKEN);
    assert!(
        saw,
        "the sampler saw ansible-playbook run (so it watched the run)"
    );
    assert!(hits.is_empty(), "the token was on a command line: {hits:?}");
    assert!(
        !site.journals().contains(TOKEN),
        "the token is in the journal"
    );
    let r = &printed(&ran)[0];
    for (h, s) in statuses(r) {
        assert_eq!(s, "changed", "{h}: {r}");
    }
    assert_eq!(r["changed"].as_array().unwrap().len(), 3, "{r}");
    assert_eq!(r["ok"], true);
    for ip in &site.ips {
        let d = site.out().join(ip);
        assert_eq!(std::fs::read_to_string(d.join("marker")).unwrap(), "m1\n");
        assert_eq!(
            std::fs::read_to_string(d.join("token")).unwrap(),
            format!("{TOKEN}\n")
        );
        assert!(
            user_exists(&site.user(ip)),
            "user {} created",
            site.user(ip)
        );
    }
    // progress on stderr: the tasks and the hosts
    ran.stderr_has("TASK [Write the marker]")
        .stderr_has(&format!("{}: changed", site.ips[0]))
        // the recap counts the playbook's tasks per host; a changing run is not converged
        .stderr_lacks("RECAP: converged")
        .stderr_has(&format!("ansible {}: ok=", site.ips[0]));
    // the extra-vars file is gone with the run
    let leftover: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            std::fs::read_to_string(e.path().join("extra_vars.json")).is_ok_and(|t| t.contains(&wd))
        })
        .collect();
    assert!(leftover.is_empty(), "extra vars left behind: {leftover:?}");
    // the journal names the run and the variables, not their values
    let j = site.journals();
    assert!(
        j.contains("\"kind\":\"ansible\"")
            && j.contains("\"extra_vars\":[\"marker\",\"out_dir\",\"token\",\"user_prefix\"]"),
        "{j}"
    );

    // 2. a re-run changes nothing
    let again = site.run(all, &[]).success();
    let r = &printed(&again)[0];
    for (h, s) in statuses(r) {
        assert_eq!(s, "ok", "{h}: {r}");
    }
    assert_eq!(r["changed"], serde_json::json!([]));
    // the recap counts the tasks and calls the re-run converged; the first run was not
    again.stderr_has("RECAP: converged");

    // 3. check mode with a changed variable lists the hosts that would change, changes nothing
    let check = site
        .run(
            "vars.marker = \"m2\";\nlet r = ansible::playbook(\"playbooks/marker-user.yml\", #{ limit: \"hub_worker\", extra_vars: vars, check: true });\nprint(to_json(r));\n",
            &[],
        )
        .success();
    let r = &printed(&check)[0];
    assert_eq!(r["check"], true);
    let mut would: Vec<String> = serde_json::from_value(r["changed"].clone()).unwrap();
    would.sort();
    let mut workers = site.ips[1..].to_vec();
    workers.sort();
    assert_eq!(would, workers, "{r}");
    for ip in &site.ips {
        assert_eq!(
            std::fs::read_to_string(site.out().join(ip).join("marker")).unwrap(),
            "m1\n",
            "check mode changed nothing on {ip}"
        );
    }
}

#[test]
fn failed_tasks_unreachable_hosts_and_unmatched_limits_are_named() {
    let site = Site::new("b");
    let (bad, ok) = (&site.ips[1], &site.ips[2]);
    // a failed task: a catchable error naming the task and the host; the host stops there
    let r = site
        .run(
            &format!(
                r#"vars.fail_on = "{bad}";
try {{
    ansible::playbook("playbooks/marker-user.yml", #{{ limit: "hub_worker", extra_vars: vars }});
    print("no error");
}} catch (e) {{
    print(`kind=${{e.kind}} host=${{e.host}} task=${{e.task}}`);
    print(e.message);
    print(to_json(e.result));
}}
try {{
    ansible::playbook("playbooks/marker-user.yml", #{{ limit: "no_such_group", extra_vars: vars }});
}} catch (e) {{ print(`kind=${{e.kind}} ${{e.message}}`); }}
try {{
    ansible::playbook("playbooks/marker-user.yml", #{{ limit: "hub_gone", extra_vars: vars }});
}} catch (e) {{ print(`kind=${{e.kind}} host=${{e.host}}`); print(e.message); }}
ansible::playbook("playbooks/marker-user.yml", #{{ limit: "hub_worker", extra_vars: vars }});
print("not reached");
"#
            ),
            &[],
        )
        .code(1)
        .stdout_has(&format!(
            "kind=ansible::failed host={bad} task=Fail on request"
        ))
        .stdout_has(&format!(
            "task `Fail on request` failed on {bad}: asked to fail on {bad}"
        ))
        .stdout_has("kind=ansible::no_hosts playbooks/marker-user.yml: the limit `no_such_group` matches no host")
        .stdout_lacks("not reached")
        .stdout_lacks("no error");
    let result = printed(&r)
        .into_iter()
        .find(|v| v.get("hosts").is_some())
        .unwrap();
    assert_eq!(result["hosts"][bad]["status"], "failed", "{result}");
    assert_eq!(result["hosts"][ok]["status"], "changed", "{result}");
    assert!(!site.out().join(bad).exists(), "the failed host stopped");
    assert!(site.out().join(ok).join("marker").exists());
    // an unreachable host: named with the SSH reason
    r.stdout_has(&format!("kind=ansible::unreachable host={}", site.gone))
        .stdout_has(&format!(
            "playbooks/marker-user.yml: host {} is unreachable: ",
            site.gone
        ))
        .stdout_has("Connection refused")
        // the uncaught failure ends the script with the task and the host
        .stderr_has("playbooks/marker-user.yml: task")
        .stderr_has(bad)
        .stderr_has("raised here");
}

#[test]
fn without_ansible_the_error_says_how_to_get_it() {
    let d = Dir::new();
    d.write("hosts", "all:\n  hosts: {}\n");
    d.write("p.yml", "- hosts: all\n  tasks: []\n");
    d.write(
        "s.rhai",
        "ansible::playbook(\"p.yml\", #{ inventory: \"hosts\" });\n",
    );
    d.cwh()
        .args(["run", "s.rhai"])
        .env("CWH_ANSIBLE_VENV", d.path().join("no-venv"))
        .run()
        .code(1)
        .stderr_has("Ansible is not installed")
        .stderr_has("cwh ansible install");
}

#[test]
fn local_exec_runs_argv_without_a_shell_masks_secrets_and_is_journaled() {
    let d = Dir::new();
    d.write(
        "s.rhai",
        r#"
let tok = secret("token");
let r = local::exec(["echo", "$HOME", "a b"]);
print(`argv rc=${r.rc} out=${r.stdout}`);
let r = local::exec("echo $((1 + 2)) | tr 3 x", #{ shell: true });
print(`shell out=${r.stdout}`);
let r = local::exec(["sh", "-c", "pwd; echo $CWH_X; cat; exit 3"], #{ cwd: "sub", env: #{ CWH_X: 42 }, stdin: "in" });
print(`opts rc=${r.rc} out=${r.stdout.split("\n")}`);
let r = local::exec(["printf", "%s", tok]);
print(`masked=${r.stdout}`);
try { local::exec("ls -l"); } catch (e) { print(`string: ${e.kind}: ${e.message}`); }
try { local::exec(["no-such-program-xyz"]); } catch (e) { print(`missing: ${e.kind}: ${e.message}`); }
try { local::exec(["sleep", "5"], #{ timeout: 0.3 }); } catch (e) { print(`slow: ${e.kind}`); }
try { local::exec(["true"], #{ shel: true }); } catch (e) { print(`option: ${e.message}`); }
"#,
    );
    std::fs::create_dir(d.path().join("sub")).unwrap();
    let r = d
        .cwh()
        .args(["run", "s.rhai"])
        .env("CWH_PARAM_TOKEN", TOKEN)
        .run()
        .success()
        .stdout_has("argv rc=0 out=$HOME a b\n")
        .stdout_has("shell out=x\n")
        .stdout_has("string: local::command: local::exec: the command \"ls -l\" is one string")
        .stdout_has("missing: local::not_found: program `no-such-program-xyz` not found on PATH")
        .stdout_has("slow: local::timeout")
        .stdout_has("option: local::exec: unknown field `shel`")
        .stdout_has("masked=[REDACTED]")
        .stdout_lacks(TOKEN);
    let sub = std::fs::canonicalize(d.path().join("sub")).unwrap();
    r.stdout_has(&format!(
        "opts rc=3 out=[\"{}\", \"42\", \"in\"]",
        sub.display()
    ));
    // journaled like remote commands, secrets masked
    let runs = d.path().join(".cwh/runs");
    let j: String = std::fs::read_dir(runs)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(!j.contains(TOKEN), "{j}");
    let execs: Vec<Value> = j
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == "local" && v["action"] == "exec")
        .collect();
    assert!(execs.len() >= 4, "{j}");
    assert!(
        execs
            .iter()
            .any(|v| v["detail"]["rc"] == 3 && v["detail"]["env"] == serde_json::json!(["CWH_X"])),
        "{j}"
    );
    assert!(
        execs
            .iter()
            .any(|v| v["detail"]["cmd"] == "printf '%s' [REDACTED]"),
        "{j}"
    );
}

#[test]
fn under_plan_a_playbook_checks_with_diffs_and_local_commands_are_recorded() {
    let site = Site::new("c");
    // the real state: marker m1 on the manager
    site.run(
        "ansible::playbook(\"playbooks/marker-user.yml\", #{ limit: \"hub_manager\", extra_vars: vars });\n",
        &[],
    )
    .success();
    let mgr = &site.ips[0];
    let marker = site.out().join(mgr).join("marker");
    let touched = site.dir.path().join("touched");
    site.run(
            &format!(
                r#"vars.marker = "m2";
let r = ansible::playbook("playbooks/marker-user.yml", #{{ limit: "hub_manager", extra_vars: vars }});
print(`check=${{r.check}} changed=${{r.changed}} diff=${{r.diffs.len() > 0}}`);
let t = local::exec(["touch", "{touched}"]);
print(`planned=${{t.planned}}`);
let c = local::exec(["cat", "{marker}"], #{{ read_only: true }});
print(`read=${{c.stdout}}`);
"#,
                touched = touched.display(),
                marker = marker.display(),
            ),
            &["--sim", "--plan"],
        )
        .success()
        .stdout_has(&format!("check=true changed=[\"{mgr}\"] diff=true"))
        .stdout_has("planned=true")
        .stdout_has("read=m1\n")
        .stdout_has("playbooks/marker-user.yml: would change")
        .stdout_has(&format!("touch {}", touched.display()))
        .stdout_lacks(TOKEN);
    assert_eq!(std::fs::read_to_string(&marker).unwrap(), "m1\n");
    assert!(!touched.exists(), "a planned command did not run");
}

/// `get_username_from_mail_address` of the notebooks' CoursewareHub/scripts/cwh.py, verbatim.
const CWH_PY: &str = include_str!("playbooks/cwh_username.py");

#[test]
fn coursewarehub_helpers_compute_what_the_notebooks_python_computes() {
    let addrs = [
        "admin@example.org",
        "Hanako.Sato+cwh@Example.AC.JP",
        "t_e-a.c_h3r@nii.ac.jp",
    ];
    let want = Cmd::new("python3")
        .args(["-c", CWH_PY])
        .args(addrs)
        .run()
        .success();
    let d = Dir::new();
    d.write(
        "s.rhai",
        &format!(
            r#"
import "coursewarehub_deploy" as deploy;
for a in [{list}] {{ print(coursewarehub::teacher_id(a)); }}
let v = deploy::admin_user_vars("admin@example.org", "pw-of-the-teacher");
print(v.teacher_id);
print(`hash=${{v.encrypted_teacher_password.len()}} cookie=${{v.cookie_id.len()}}`);
print(`same=${{coursewarehub::password_hash("pw", "saltsalt") == param("want")}}`);
print(coursewarehub::password_hash("pw", "saltsalt"));
let s = deploy::deploy_secrets();
print(`secrets=${{s.keys()}} ${{s.cron_secret.len()}} ${{s.registry_pass.len()}}`);
"#,
            list = addrs
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    let py = Cmd::new("python3")
        .args([
            "-W",
            "ignore",
            "-c",
            "import crypt; print(crypt.crypt('pw', '$6$saltsalt'))",
        ])
        .run()
        .success();
    let hash = py.stdout().trim().to_string();
    let got = d
        .cwh()
        .args(["run", "s.rhai"])
        .env("CWH_PARAM_WANT", &hash)
        .run()
        .success();
    let lines: Vec<&str> = got.stdout().lines().collect();
    let want: Vec<&str> = want.stdout().lines().collect();
    assert_eq!(&lines[..3], &want[..], "{got}");
    assert_eq!(lines[3], want[0], "admin_user_vars gives the same id");
    // hashes and secrets are masked in output: the script sees them, the screen does not
    got.stdout_has("hash=106 cookie=32")
        .stdout_has("\n[REDACTED]\n")
        .stdout_has("secrets=[\"cron_secret\", \"registry_pass\"] 32 32")
        .stdout_has("same=true")
        .stdout_lacks(&hash);
}

#[test]
fn the_add_admin_example_ports_notebook_721() {
    let site = Site::new("d");
    let d = site.dir.path();
    for p in [
        "setup-admin-user",
        "setup-worker-admin-user",
        "manage-tools",
    ] {
        std::fs::copy(
            format!(
                "{}/tests/playbooks/add-admin/{p}.yml",
                env!("CARGO_MANIFEST_DIR")
            ),
            d.join(format!("playbooks/{p}.yml")),
        )
        .unwrap();
    }
    std::fs::create_dir_all(site.out()).unwrap();
    // group_vars of the unit group `hub`, as the VC node notebooks leave them
    site.dir.write(
        "group_vars/hub",
        &format!(
            "manager_ipaddress: {}\nssh_private_key_path: {}\nssh_user_name: root\nmaster_fqdn: hub.example.org\nout_dir: {}\n",
            site.ips[0],
            shared().key.display(),
            site.out().display()
        ),
    );
    let email = format!("Admin.{}@Example.org", site.prefix);
    let password = "pw-of-the-admin-4711";
    let run = |more: &[&str]| {
        site.dir
            .cwh()
            .args([
                "run",
                &format!("{}/examples/add-admin.rhai", env!("CARGO_MANIFEST_DIR")),
            ])
            .args(more)
            .args(["--set", "unit_group=hub", "--set", "known_hosts_file=kh"])
            .args(["--set", &format!("teacher_email={email}")])
            .env("CWH_ANSIBLE_VENV", ansible_venv())
            .env("CWH_PARAM_TEACHER_PASSWORD", password)
            .run()
    };
    let r = run(&[]).success().stdout_lacks(password);
    let id = Cmd::new("python3")
        .args(["-c", CWH_PY, &email])
        .run()
        .success()
        .stdout()
        .trim()
        .to_string();
    // the account exists, named as the notebook names it; it is removed at the end
    struct Gone(String);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = std::process::Command::new("userdel").arg(&self.0).output();
        }
    }
    let _gone = Gone(id.clone());
    let r = r
        .stdout_has(&format!("the administrator's user name: {id}"))
        .stdout_has("log in as")
        .stdout_has("https://hub.example.org");
    assert!(user_exists(&id), "{id}");
    // the hash the playbook got is Python's crypt of the password; never printed
    let rec = std::fs::read_to_string(site.out().join(format!("admin-{id}"))).unwrap();
    let f: Vec<&str> = rec.split_whitespace().collect();
    assert_eq!(f[0], email);
    assert!(!r.stdout().contains(f[1]) && !r.stderr().contains(f[1]));
    Cmd::new("python3")
        .args([
            "-W",
            "ignore",
            "-c",
            "import crypt, sys; assert crypt.crypt(sys.argv[1], sys.argv[2]) == sys.argv[2]",
            password,
            f[1],
        ])
        .run()
        .success();
    assert_eq!(f[2].len(), 32);
    // the workers got the manager's uid and gid
    let uid = Cmd::new("id")
        .args(["-u", &id])
        .run()
        .stdout()
        .trim()
        .to_string();
    let gid = Cmd::new("id")
        .args(["-g", &id])
        .run()
        .stdout()
        .trim()
        .to_string();
    for ip in &site.ips[1..] {
        assert_eq!(
            std::fs::read_to_string(site.out().join(format!("worker-{ip}"))).unwrap(),
            format!("{id} {uid} {gid}\n")
        );
    }
    assert!(site.out().join(format!("tools-{id}")).exists());
    // the address is saved once in group_vars; a re-run converges
    let saved = std::fs::read_to_string(d.join("group_vars/hub")).unwrap();
    assert_eq!(saved.matches(&email).count(), 1, "{saved}");
    let again = run(&["--set", "check_first=false"]).success();
    let saved = std::fs::read_to_string(d.join("group_vars/hub")).unwrap();
    assert_eq!(saved.matches(&email).count(), 1, "{saved}");
    again.stdout_has("playbooks/manage-tools.yml: changed []");
}

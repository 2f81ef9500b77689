//! The SSH, known_hosts and swarm script API (issues 4 and 5) through the binary, against real
//! OpenSSH sshd hosts on loopback, real Ansible and the local Docker engine.
use crate::support::sshd::shared;
use crate::support::{Cmd, Dir, Run, ansible_cmd, docker_lock, require_docker};

/// `cwh run` of `script` after a prelude binding `ips` (the shared sshd hosts) and `key`.
fn with_hosts(d: &Dir, script: &str) -> Run {
    let lab = shared();
    let ips: Vec<String> = lab.ips().iter().map(|i| format!("\"{i}\"")).collect();
    let prelude = format!(
        "let ips = [{}];\nlet key = \"{}\";\n",
        ips.join(", "),
        lab.key.display()
    );
    d.write("s.rhai", &format!("{prelude}{script}"));
    d.cwh().args(["run", "s.rhai"]).run()
}

#[test]
fn refresh_then_parallel_exec_put_filter() {
    let d = Dir::new();
    let ran = with_hosts(
        &d,
        r#"
let r = known_hosts::refresh(ips, #{ file: "kh", attempts: 3 });
print(`refreshed=${r.len()}`);
let all = ssh::hosts(ips, #{ user: "root", key: key, known_hosts: "kh" });
let res = all.exec("echo $SSH_CONNECTION | cut -d' ' -f3");
print(`rcs=${res.map(|x| x.rc)}`);
print(`hosts=${res.map(|x| { let s = x.stdout; s.trim(); s })}`);
all.put("/tmp/cwh-put-test", "hello\n", #{ mode: 0o600 });
let c = all.exec_ok(["cat", "/tmp/cwh-put-test"])[0].stdout;
c.trim();
print(c);
let two = all.filter(|h| h != ips[0]);
print(`filtered=${two.hosts()}`);
let one = ssh::host(ips[0], #{ user: "root", key: key, known_hosts: "kh" });
print(one.exec("exit 3").rc);
try { one.exec_ok("echo boom >&2; exit 4"); } catch (e) { print(`err=${e.message.contains("boom")}`); }
print(`removed=${known_hosts::remove(ips[0], #{ file: "kh" }) > 0}`);
"#,
    )
        .success();
    let stdout = ran.stdout();
    let lab = shared();
    assert!(stdout.contains("refreshed=3"), "{stdout}");
    assert!(stdout.contains("rcs=[0, 0, 0]"), "{stdout}");
    for ip in lab.ips() {
        assert!(stdout.contains(&format!("\"{ip}\"")), "{stdout}");
    }
    assert!(stdout.contains("\nhello\n"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "filtered=[\"{}\", \"{}\"]",
            lab.ips()[1],
            lab.ips()[2]
        )),
        "{stdout}"
    );
    assert!(stdout.contains("\n3\n"), "{stdout}");
    assert!(
        stdout.contains("err=true") && stdout.contains("removed=true"),
        "{stdout}"
    );
    // OpenSSH finds the refreshed hosts that were not removed
    let kh = d.path().join("kh");
    for ip in &lab.ips()[1..] {
        Cmd::new("ssh-keygen")
            .args(["-F", ip, "-f"])
            .arg(&kh)
            .run()
            .success()
            .check_that("stdout is not empty", |r| !r.stdout().is_empty());
    }
    Cmd::new("ssh-keygen")
        .args(["-F", &lab.ips()[0], "-f"])
        .arg(&kh)
        .run()
        .check_that("removed host no longer in known_hosts", |r| {
            r.stdout().is_empty()
        });
}

#[test]
fn a_group_never_throws_for_one_unreachable_host() {
    let d = Dir::new();
    let dead = crate::support::sshd::next_ip();
    let ran = with_hosts(
        &d,
        &format!(
            r#"
known_hosts::refresh(ips, #{{ file: "kh", attempts: 2 }});
let all = ssh::hosts(ips + ["{dead}"], #{{ user: "root", key: key, known_hosts: "kh", connect_timeout: 2 }});
let res = all.exec("true");
print(`rcs=${{res.map(|x| x.rc)}}`);
print(`err=${{res[3].error != ()}}`);
try {{ all.exec_ok("true"); }} catch (e) {{ print(`named=${{e.message.contains("{dead}")}}`); }}
"#
        ),
    )
        .success()
        .stdout_has("rcs=[0, 0, 0, ()]")
        .stdout_has("err=true")
        .stdout_has("named=true")
        .stderr_has(&dead);
    let err = ran.stderr();
    // the recap counts remote commands per host (issue 16)
    assert!(
        err.contains(&format!("remote  {dead}: ok=0 failed=2")),
        "{err}"
    );
    let ip = &shared().ips()[0];
    assert!(
        err.contains(&format!("remote  {ip}: ok=2 failed=0")),
        "{err}"
    );
    assert!(err.contains("files   written: kh"), "{err}");
}

#[test]
fn unknown_host_key_is_refused_with_the_fix() {
    let d = Dir::new();
    with_hosts(
        &d,
        r#"
let h = ssh::host(ips[0], #{ user: "root", key: key, known_hosts: "empty_kh" });
h.exec("true");
"#,
    )
    .code(1)
    .stderr_has("host key")
    .stderr_has("s.rhai:5")
    .stderr_has("known_hosts::refresh");
}

#[test]
fn ansible_ping_succeeds_with_the_files_cwh_wrote() {
    let d = Dir::new();
    with_hosts(
        &d,
        r#"
known_hosts::refresh(ips, #{ file: "kh" });
let ug = "CoursewareHub";
group_vars::update(ug, #{ unit_group: ug, vc_nodes: ips.len() });
let manager = #{};
manager[ips[0]] = #{};
let workers = #{};
for ip in ips.extract(1) { workers[ip] = #{}; }
inventory::update("hosts", #{ all: #{ children: #{ CoursewareHub: #{
    children: #{ manager: #{ hosts: manager }, worker: #{ hosts: workers } },
    vars: #{ ansible_user: "root", ansible_ssh_private_key_file: key,
             ansible_ssh_common_args: `-o UserKnownHostsFile=${workdir()}/kh`,
             ansible_python_interpreter: "/usr/bin/python3" }
} } } });
ansible_cfg::setup("hosts");
print("written");
"#,
    )
    .success();
    let res = ansible_cmd("ansible", d.path())
        .args(["CoursewareHub", "-m", "ping"])
        .run()
        .success();
    let aout = res.stdout();
    for ip in shared().ips() {
        assert!(aout.contains(&format!("{ip} | SUCCESS")), "{aout}");
    }
    assert_eq!(aout.matches("\"ping\": \"pong\"").count(), 3, "{aout}");
}

#[test]
fn swarm_init_is_idempotent_and_lists_one_ready_leader() {
    require_docker();
    let _g = docker_lock();
    let d = Dir::new();
    with_hosts(
        &d,
        r#"
known_hosts::refresh([ips[0]], #{ file: "kh" });
let m = ssh::host(ips[0], #{ user: "root", key: key, known_hosts: "kh" });
swarm::leave(m, #{ force: true });
let a = swarm::init(m, #{ advertise_addr: "127.0.0.1", default_addr_pool: "10.210.0.0/16" });
let b = swarm::init(m, #{ advertise_addr: "127.0.0.1" });
print(`changed=${a.changed},${b.changed}`);
let t = swarm::join_token(m, "worker");
print(t);
print(`token_ok=${t.starts_with("SWMTKN-")}`);
let ns = swarm::nodes(m);
print(`nodes=${ns.len()} ${ns[0].Status} ${ns[0].ManagerStatus}`);
print(table(ns, ["Hostname", "Status", "ManagerStatus"]));
let j = swarm::join([m], t, "127.0.0.1:2377");
print(`member=${j[0].outcome}`);
print(`left=${swarm::leave(m, #{ force: true })[0].outcome}`);
print(`state=${swarm::state(m).LocalNodeState}`);
"#,
    )
    .success()
    .stdout_has("changed=true,false")
    .stdout_has("token_ok=true")
    .stdout_lacks("SWMTKN-1")
    .stdout_has("[REDACTED]")
    .stdout_has("nodes=1 Ready Leader")
    .stdout_has("member=member")
    .stdout_has("left=left")
    .stdout_has("state=inactive");
    let runs = d.path().join(".cwh/runs");
    for f in std::fs::read_dir(runs).unwrap() {
        let j = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(!j.contains("SWMTKN-1"), "token in the journal");
    }
}

#[test]
fn under_sim_made_up_node_addresses_are_never_connected_to() {
    // --sim: the VCC is the simulator without lab nodes. Loopback hosts (a site's own test
    // sshd) still work; the simulator's node addresses are refused before any packet is sent.
    let lab = shared();
    let d = Dir::new();
    d.write(
        "s.rhai",
        &format!(
            r#"
let vcp = vcc::connect();
print(`target=${{vcp.target}}`);
let r = known_hosts::refresh(["{ip}"], #{{ file: "kh", attempts: 2 }});
print(`loopback=${{r.len()}}`);
try {{
    known_hosts::refresh(["172.30.2.100"], #{{ file: "kh", attempts: 2 }});
    print("scanned");
}} catch (e) {{ print(`scan=${{e.kind}}`); print(e.message); }}
try {{
    ssh::host("172.30.2.101", #{{ user: "vcp", key: "{key}", known_hosts: "kh" }}).exec("true");
    print("connected");
}} catch (e) {{ print(`exec=${{e.kind}}`); }}
let res = ssh::hosts(["172.30.2.102"], #{{ user: "vcp", key: "{key}", known_hosts: "kh" }}).exec("true");
print(`fanout=${{res[0].error}}`);
"#,
            ip = lab.ips()[0],
            key = lab.key.display()
        ),
    );
    let ran = d
        .cwh()
        .args(["run", "s.rhai", "--sim"])
        .run()
        .success()
        .stdout_has("target=simulator")
        .stdout_has("loopback=1");
    let so = ran.stdout();
    let se = ran.stderr();
    // keyscan aggregates per-host failures; the reason is the refusal
    assert!(so.contains("scan=ssh::keyscan"), "{so}\n{se}");
    assert!(
        so.contains("172.30.2.100 is a made-up node address; cwh does not connect to it"),
        "{so}"
    );
    assert!(so.contains("exec=ssh::record_node"), "{so}\n{se}");
    assert!(
        so.contains("fanout=") && so.contains("made-up node address"),
        "{so}"
    );
    assert!(!so.contains("scanned") && !so.contains("connected"), "{so}");
}

/// A host whose key no longer matches known_hosts fails with `error_kind: host_key_changed`,
/// whatever the language of its message, and the lifecycle's wait for sshd and docker stops
/// at once on it (waiting never fixes a changed key) instead of waiting out its time.
#[test]
fn a_changed_host_key_is_told_by_its_kind_in_japanese_too() {
    let d = Dir::new();
    let lab = shared();
    // a known_hosts entry with another key for the first host
    let other = d.path().join("other");
    Cmd::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .run()
        .success();
    let pubkey = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    let mut fields = pubkey.split_whitespace();
    let (kind, blob) = (fields.next().unwrap(), fields.next().unwrap());
    d.write("kh", &format!("{} {kind} {blob}\n", lab.ips()[0]));
    d.write(
        "s.rhai",
        &format!(
            r#"import "lifecycle" as lc;
let hs = ssh::hosts(["{ip}"], #{{ user: "root", key: "{key}", known_hosts: "kh" }});
print(`kind=${{hs.exec("true")[0].error_kind}}`);
try {{ lc::wait_docker(hs, 600); print("waited"); }} catch (e) {{ print(`err=${{e}}`); }}
"#,
            ip = lab.ips()[0],
            key = lab.key.display()
        ),
    );
    let r = d
        .cwh()
        .args(["run", "s.rhai", "--lang", "ja"])
        .run()
        .success();
    let out = r.stdout();
    assert!(out.contains("kind=host_key_changed"), "{r}");
    assert!(
        out.contains("err=") && out.contains("のホスト鍵が変わっています"),
        "{r}"
    );
    assert!(
        !out.contains("waited") && !out.contains("秒待っても"),
        "{r}"
    );
}

/// The recap counts a query that answered with a non-zero exit code (`test -f`, a mount check
/// before `mount -a`) as done, not failed; a command that changes things and exits non-zero is
/// failed.
#[test]
fn a_query_answering_no_is_not_a_failure_in_the_recap() {
    let d = Dir::new();
    let lab = shared();
    let (a, b) = (&lab.ips()[0], &lab.ips()[1]);
    let ran = with_hosts(
        &d,
        &format!(
            r#"
known_hosts::refresh(["{a}", "{b}"], #{{ file: "kh", attempts: 2 }});
let o = #{{ user: "root", key: key, known_hosts: "kh" }};
print(`query=${{ssh::host("{a}", o).exec("test -f /nonexistent", #{{ query: true }}).rc}}`);
print(`change=${{ssh::host("{b}", o).exec("exit 1").rc}}`);
"#
        ),
    )
    .success()
    .stdout_has("query=1")
    .stdout_has("change=1");
    let err = ran.stderr();
    assert!(
        err.contains(&format!("remote  {a}: ok=1 failed=0")),
        "{err}"
    );
    assert!(
        err.contains(&format!("remote  {b}: ok=0 failed=1")),
        "{err}"
    );
}

//! The VCC script API (issue 3) through the binary: `cwh vcc serve` as a real HTTP server and
//! scripts reaching it with CWH_VCC_URL, and the embedded simulator under `--sim`.
use crate::support::{Dir, bin};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};

/// `cwh vcc serve` on an ephemeral port; killed on drop.
struct Served {
    child: Child,
    url: String,
    addr: String,
    token: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(token: &str) -> Served {
    let mut child = Command::new(bin())
        .args([
            "vcc",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--boot-delay",
            "100ms",
        ])
        .env("CWH_SIM_TOKEN", token)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect(&line)
        .to_string();
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    Served {
        child,
        url,
        addr,
        token: token.to_string(),
    }
}

/// A raw HTTP/1.1 GET: (status, body).
fn get(addr: &str, path: &str, token: Option<&str>) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    let hdr = token
        .map(|t| format!("x-vcc-access-token: {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{hdr}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = resp
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (status, body)
}

#[test]
fn serve_answers_vcs_with_token_and_403_without() {
    let s = serve("s.servetoken1234");
    let (st, body) = get(&s.addr, "/vcp/v1/occtr/vcs", Some(&s.token));
    assert_eq!(st, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(body.trim()).unwrap_or_else(|_| {
        // chunked encoding: take the JSON between the first '{' and the last '}'
        let (a, b) = (body.find('{').unwrap(), body.rfind('}').unwrap());
        serde_json::from_str(&body[a..=b]).unwrap()
    });
    assert!(v["vcs"].is_array(), "{body}");
    let (st, body) = get(&s.addr, "/vcp/v1/occtr/vcs", None);
    assert_eq!(st, 403);
    assert!(
        body.contains("message") && body.contains("permission denied"),
        "{body}"
    );
    let (st, _) = get(&s.addr, "/vcp/v1/occtr/vcs", Some("s.wrong"));
    assert_eq!(st, 403);
}

const FLOW: &str = r#"
let vcp = vcc::connect();
let ug_disk = vcp.create_ugroup("CWHdisk", "storage");
let dspec = vcp.get_spec("aws_disk", "small");
dspec.size = 32;
ug_disk.create_unit("nfs", dspec);
let spec = vcp.get_spec("aws", "small");
spec.num_nodes = 2;
spec.disks = ug_disk.find_nodes();
let ug = vcp.create_ugroup("CWH");
let unit = ug.create_unit("worker", spec);
let states = unit.nodes().map(|n| n.state);
print(`states=${states}`);
print(`disk=${ug_disk.find_nodes()[0].used_state}`);
ug.cleanup();
ug_disk.cleanup();
print(`groups=${vcp.ugroups().len()}`);
"#;

#[test]
fn script_via_cwh_vcc_url_builds_and_cleans_up() {
    let s = serve("s.flowtoken5678");
    let d = Dir::new();
    d.write("flow.rhai", FLOW);
    d.cwh()
        .args(["run", "-v", "flow.rhai"])
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .run()
        .success()
        .stdout_has("states=[\"RUNNING\", \"RUNNING\"]")
        .stdout_has("disk=in-use")
        .stdout_has("groups=0")
        .stdout_lacks(&s.token)
        .stderr_lacks(&s.token);
    // the journal recorded the VCC calls, token-free
    let runs = d.path().join(".cwh/runs");
    let f = std::fs::read_dir(&runs)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let j = std::fs::read_to_string(f).unwrap();
    assert!(
        j.contains("\"kind\":\"vcc\"") && j.contains("POST /vcs"),
        "{j}"
    );
    assert!(!j.contains(&s.token));
    // the server really holds nothing
    let (_, body) = get(&s.addr, "/vcp/v1/occtr/vcs", Some(&s.token));
    assert!(!body.contains("CWH"), "{body}");
}

#[test]
fn wrong_token_is_a_clear_403_without_the_token() {
    let s = serve("s.righttoken0000");
    let d = Dir::new();
    d.write(
        "t.rhai",
        "try { vcc::connect(); } catch (e) { print(`${e.kind} ${e.status}`); }\nvcc::connect();\n",
    );
    let bad = "s.WrongToken-999999";
    let r = d
        .cwh()
        .args(["run", "-vvv", "t.rhai"])
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", bad)
        .run()
        .code(1);
    let stdout = r.stdout();
    let err = r.stderr();
    assert_eq!(stdout.trim(), "vcc::forbidden 403");
    assert!(
        err.contains("403") || err.to_lowercase().contains("token"),
        "{err}"
    );
    assert!(err.contains("t.rhai:2"), "{err}");
    assert!(
        !stdout.contains(bad) && !err.contains(bad),
        "token leaked: {err}"
    );
}

#[test]
fn unreachable_vcc_names_the_address() {
    // a port nothing listens on
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let d = Dir::new();
    d.write("t.rhai", "vcc::connect();\n");
    d.cwh()
        .args(["run", "t.rhai"])
        .env("CWH_VCC_URL", format!("http://127.0.0.1:{port}"))
        .env("VCC_ACCESS_TOKEN", "s.whatever123")
        .run()
        .code(1)
        .stderr_has(&format!("127.0.0.1:{port}"));
}

#[test]
fn no_token_anywhere_says_how_to_pass_one() {
    let d = Dir::new();
    d.write("t.rhai", "vcc::connect();\n");
    d.cwh()
        .args(["run", "t.rhai"])
        .run()
        .code(1)
        .stderr_has("VCC_ACCESS_TOKEN")
        .stderr_has("--token-file")
        .stderr_has("--sim");
}

#[test]
fn whole_api_on_the_embedded_simulator() {
    let d = Dir::new();
    d.write(
        "api.rhai",
        r#"
let vcp = vcc::connect();
print(`version=${vcp.version().version != ()}`);
print(`flavors=${vcp.flavors("aws").keys().contains("small")}`);
print(`ipmask=${vcp.vpn_catalog("aws").private_network_ipmask}`);
print(`ipmask2=${vcp.get_vpn_catalog("aws", "default").private_network_ipmask}`);
print(`absent=${vcp.get_ugroup("Nope") == ()}`);
let ug = vcp.create_ugroup("Api");
print(`ug=${ug.name}:${ug.kind}`);
try { vcp.create_ugroup("Api"); } catch (e) { print(`dup=${e.kind}`); }
try { vcp.get_spec("nocloud", "small"); } catch (e) { print(`prov=${e.kind}`); }
try { vcp.get_spec("aws", "huge"); } catch (e) { print(`flavor=${e.kind}`); }
let spec = vcp.get_spec("aws", "small");
try { spec.bogus = 1; } catch (e) { print(`attr=${e.help.contains("instance_type")}`); }
spec.ip_addresses = ["172.30.2.150"];
print(`num=${spec.num_nodes}`);
spec.root_disk_gb = 40;
print(`vol=${spec.volume_size}`);
let mgr = ug.create_unit("manager", spec);
print(`mgr=${mgr.name}:${mgr.state}:${mgr.find_ip_addresses()}`);
let w = vcp.get_spec("aws", "small");
w.num_nodes = 1;
let wu = ug.create_unit("worker", w);
wu.add_nodes(#{ num_add_nodes: 2 });
print(`workers=${wu.nodes().len()}`);
print(`units=${ug.units().map(|u| u.name)}`);
print(`found=${ug.find_nodes(#{ unit_name: "worker", node_state: "RUNNING" }).len()}`);
print(`ips=${ug.find_ip_addresses(#{ unit_name: "manager" })}`);
print(`byip=${ug.find_nodes(#{ ip_address: "172.30.2.150" })[0].unit_name}`);
try { wu.delete_nodes(#{ num_delete_nodes: 1, node_no: 1 }); } catch (e) { print(`two=${e.message}`); }
wu.power_off_nodes(#{ node_no: 2 });
print(`off=${wu.find_nodes(#{ node_state: "POWER_OFF" }).len()}`);
wu.power_on_nodes(#{ node_no: 2 });
wu.delete_nodes(#{ num_delete_nodes: 1 });
print(`left=${wu.nodes().len()}`);
print(`found_groups=${vcp.find_ugroups(#{ ugroup_name: "Api" }).len()}`);
print(ug.df_nodes());
print(vcp.df_nodes());
print(vcp.df_flavors("aws"));
ug.delete_unit("worker");
print(`after=${ug.get_unit("worker") == ()}`);
ug.cleanup();
print(`end=${vcp.ugroups().len()}`);
"#,
    );
    let res = d.cwh().args(["run", "--sim", "api.rhai"]).run().success();
    let stdout = res.stdout();
    let err = res.stderr();
    for want in [
        "version=true",
        "flavors=true",
        "ipmask=172.30.2.0/24",
        "ipmask2=172.30.2.0/24",
        "absent=true",
        "ug=Api:compute",
        "dup=vcc::ugroup_exists",
        "prov=vcc::unknown_provider",
        "flavor=vcc::unknown_flavor",
        "attr=true",
        "num=1",
        "vol=40",
        "mgr=manager:RUNNING:[\"172.30.2.150\"]",
        "workers=3",
        "units=[\"manager\", \"worker\"]",
        "found=3",
        "ips=[\"172.30.2.150\"]",
        "byip=manager",
        "two=invalid argment, one condition parameter allowed",
        "off=1",
        "left=2",
        "found_groups=1",
        "node_state",
        "instance_type",
        "after=true",
        "end=0",
    ] {
        assert!(
            stdout.contains(want),
            "missing {want:?} in\n{stdout}\n{err}"
        );
    }
    assert!(err.contains("embedded simulator"), "banner missing: {err}");
}

#[test]
fn sim_state_persists_in_the_workdir_until_reset() {
    let d = Dir::new();
    d.write("mk.rhai", "let vcp = vcc::connect();\nif vcp.get_ugroup(\"Keep\") == () { vcp.create_ugroup(\"Keep\"); print(\"created\"); } else { print(\"exists\"); }\n");
    let run = || d.cwh().args(["run", "--sim", "mk.rhai"]).run();
    assert_eq!(run().stdout().trim(), "created");
    assert_eq!(run().stdout().trim(), "exists");
    assert!(d.path().join(".cwh/sim-state.json").exists());
    d.cwh().args(["vcc", "reset"]).run().success();
    assert_eq!(run().stdout().trim(), "created");
}

#[test]
fn printing_nodes_shows_the_df_nodes_table() {
    let d = Dir::new();
    d.write(
        "p.rhai",
        "let vcp = vcc::connect();\nlet ug = vcp.create_ugroup(\"P\");\nlet s = vcp.get_spec(\"aws\", \"small\");\nug.create_unit(\"manager\", s);\nprint(ug.nodes());\nprint([1, \"a\"]);\nug.cleanup();\n",
    );
    let r = d.cwh().args(["run", "--sim", "p.rhai"]).run().success();
    let stdout = r.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].contains("unit_name") && lines[0].contains("cloud_instance_address"),
        "{stdout}"
    );
    assert!(
        lines[2].contains("manager") && lines[2].contains("RUNNING"),
        "{stdout}"
    );
    assert!(stdout.contains("[1, \"a\"]"), "{stdout}");
}

#[test]
fn validate_site_checks_parameters_against_the_vcc() {
    let root = env!("CARGO_MANIFEST_DIR");
    let d = Dir::new();
    let run = |extra: &[&str]| {
        d.cwh()
            .args([
                "run",
                &format!("{root}/scripts/validate-site.rhai"),
                "--sim",
            ])
            .args(["--params", &format!("{root}/examples/site.yml")])
            .args(extra)
            .run()
    };
    run(&[])
        .success()
        .stdout_has("parameters OK")
        .stdout_has("172.30.2.100 (in 172.30.2.0/24)");
    run(&["--set", "vc_ipaddress=10.0.0.1"])
        .code(1)
        .stderr_has("10.0.0.1 is outside the private network 172.30.2.0/24");
    run(&["--set", "vc_flavor=huge"])
        .code(1)
        .stderr_has("has no flavor \"huge\"");
}

#[test]
fn token_file_wins_over_an_exported_token() {
    let s = serve("s.filetoken-4321");
    let d = Dir::new();
    d.write("t.rhai", "print(vcc::connect().ugroups().len());\n");
    let tf = d.write("token", "s.filetoken-4321\n");
    let r = d
        .cwh()
        .args(["run", "t.rhai", "--token-file"])
        .arg(&tf)
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", "s.stale-exported-token")
        .run()
        .success();
    let stdout = r.stdout();
    assert_eq!(stdout.trim(), "0");
}

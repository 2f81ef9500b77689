//! The simulator as a stand-in VCC for the SDK and the notebooks (issue 17): every behaviour
//! over HTTP as the SDK sends it (JSON bodies, string booleans, SDK headers), TLS with a
//! private CA, the request log, and what a standalone `cwh vcc serve` says about itself.
use crate::support::serve::Served;
use crate::support::sim::{self as harness};
use crate::support::{Cmd, Dir, ansible_venv};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A raw client speaking as the SDK does: token header, JSON content type, bodies as text.
struct Sdk {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    base: String,
    token: String,
}

/// One answer: status, content type, body (JSON when it parses, else a string).
struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

impl Sdk {
    fn new(base: &str, token: &str) -> Sdk {
        Sdk {
            rt: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            http: reqwest::Client::new(),
            base: base.to_string(),
            token: token.to_string(),
        }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Answer {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut r = self
            .http
            .request(m, format!("{}{path}", self.base))
            .header("x-vcc-access-token", &self.token)
            .header("Content-Type", "application/json");
        for (k, v) in extra {
            r = r.header(*k, *v);
        }
        if let Some(b) = body {
            r = r.body(b.to_string());
        }
        self.rt.block_on(async {
            let resp = r.send().await.unwrap();
            let status = resp.status().as_u16();
            let content_type = resp
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let text = resp.text().await.unwrap();
            let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
            Answer {
                status,
                content_type,
                body,
            }
        })
    }

    fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None, &[])
    }

    /// A unit or node operation as the SDK sends it (`PATCH …/{op}` with `{}`).
    fn patch(&self, path: &str) -> Answer {
        self.call("PATCH", path, Some(json!({})), &[])
    }

    /// A compute group with one unit of `n` nodes, all RUNNING: (vcid, node ids).
    fn compute_unit(&self, group: &str, unit: &str, n: usize) -> (String, Vec<String>) {
        let cci = cwh::vcc::cci::b64(&format!(
            "\n- vc:\n    cci_version: \"25.10.0\"\n    type: compute\n    description: \"{group}\"\n    name: {group}\n"
        ));
        let a = self.call("POST", "/vcs", Some(json!({"cci": cci})), &[]);
        assert_eq!(a.status, 202, "{}", a.body);
        let vcid = a.body["vcid"].as_str().unwrap().to_string();
        let info = cwh::vcc::cci::b64(&format!(
            "- unit:\n    name: {unit}\n    num_nodes: {n}\n    cloud_provider: aws\n    cloud_params:\n        ip_address_list: []\n"
        ));
        let a = self.call(
            "POST",
            &format!("/vcs/{vcid}"),
            Some(json!({"info": info, "unit_name": unit})),
            &[],
        );
        assert_eq!(a.status, 202, "{}", a.body);
        let u = self.wait_unit(&vcid, unit, "RUNNING");
        let ids = u["node"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["node_id"].as_str().unwrap().to_string())
            .collect();
        (vcid, ids)
    }

    /// Poll `GET /vcs/{vcid}/{unit}` until its state is `want` (fails after 20 s).
    fn wait_unit(&self, vcid: &str, unit: &str, want: &str) -> Value {
        let t0 = Instant::now();
        loop {
            let a = self.get(&format!("/vcs/{vcid}/{unit}"));
            assert_eq!(a.status, 200, "{}", a.body);
            if a.body["state"] == want {
                return a.body;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "unit {unit} never became {want}: {}",
                a.body
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Poll a node until its state is `want` (fails after 20 s).
    fn wait_node(&self, vcid: &str, unit: &str, id: &str, want: &str) -> Value {
        let t0 = Instant::now();
        loop {
            let a = self.get(&format!("/vcs/{vcid}/{unit}/{id}"));
            assert_eq!(a.status, 200, "{}", a.body);
            if a.body["state"] == want {
                return a.body;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "node never became {want}: {}",
                a.body
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn sdk_for(sim: &harness::Sim) -> Sdk {
    Sdk::new(&sim.server.url(), sim.server.token())
}

fn message(a: &Answer) -> &str {
    a.body["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no {{\"message\": …}} in {}", a.body))
}

// 1. watch / unwatch
#[test]
fn sim_watch_and_unwatch_change_watch_mode() {
    let sim = harness::start(harness::fast_options());
    let sdk = sdk_for(&sim);
    let (vcid, ids) = sdk.compute_unit("g", "w", 2);
    let node = |id: &str| sdk.get(&format!("/vcs/{vcid}/w/{id}")).body;
    assert_eq!(node(&ids[0])["watch_mode"], false);
    let a = sdk.patch(&format!("/vcs/{vcid}/w/{}/watch", ids[0]));
    assert_eq!(a.status, 202);
    assert_eq!(node(&ids[0])["watch_mode"], true);
    assert_eq!(node(&ids[1])["watch_mode"], false);
    // the unit-level operations act on every node
    let a = sdk.patch(&format!("/vcs/{vcid}/w/watch"));
    assert_eq!(a.status, 202);
    let unit = sdk.get(&format!("/vcs/{vcid}/w")).body;
    let modes: Vec<&Value> = unit["node"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["watch_mode"])
        .collect();
    assert_eq!(modes, [true, true]);
    let a = sdk.patch(&format!("/vcs/{vcid}/w/{}/unwatch", ids[1]));
    assert_eq!(a.status, 202);
    assert_eq!(node(&ids[1])["watch_mode"], false);
    let a = sdk.patch(&format!("/vcs/{vcid}/w/unwatch"));
    assert_eq!(a.status, 202);
    assert_eq!(node(&ids[0])["watch_mode"], false);
}

// 2. suspend / resume / stop / start
#[test]
fn sim_suspend_resume_stop_start_follow_the_sdk_states() {
    let sim = harness::start(harness::fast_options());
    let sdk = sdk_for(&sim);
    let (vcid, ids) = sdk.compute_unit("g", "w", 2);
    let op = |path: String| sdk.patch(&path);
    let n0 = format!("/vcs/{vcid}/w/{}", ids[0]);

    let a = op(format!("{n0}/suspend"));
    assert_eq!(a.status, 202, "{}", a.body);
    let s = sdk.get(&n0).body["state"].clone();
    assert!(s == "SUSPENDING" || s == "SUSPENDED", "{s}");
    sdk.wait_node(&vcid, "w", &ids[0], "SUSPENDED");
    // refused in a state the operation does not leave, with the VCC's message shape
    let a = op(format!("{n0}/suspend"));
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(message(&a).contains("SUSPENDED"), "{}", a.body);
    let a = op(format!("{n0}/stop"));
    assert_eq!(a.status, 409, "{}", a.body);
    // mixed node states: the unit is INDEFINITE
    assert_eq!(
        sdk.get(&format!("/vcs/{vcid}/w")).body["state"],
        "INDEFINITE"
    );
    assert_eq!(op(format!("{n0}/resume")).status, 202);
    sdk.wait_node(&vcid, "w", &ids[0], "RUNNING");

    assert_eq!(op(format!("{n0}/stop")).status, 202);
    sdk.wait_node(&vcid, "w", &ids[0], "STOPPED");
    let a = op(format!("{n0}/resume"));
    assert_eq!(a.status, 409, "{}", a.body);
    assert_eq!(op(format!("{n0}/start")).status, 202);
    sdk.wait_node(&vcid, "w", &ids[0], "RUNNING");
    let a = op(format!("{n0}/start"));
    assert_eq!(a.status, 409, "{}", a.body);

    // unit level: every node, or nothing when one node does not fit
    assert_eq!(op(format!("/vcs/{vcid}/w/stop")).status, 202);
    let u = sdk.wait_unit(&vcid, "w", "STOPPED");
    assert_eq!(u["node"].as_array().unwrap().len(), 2);
    assert_eq!(op(format!("{n0}/start")).status, 202);
    sdk.wait_node(&vcid, "w", &ids[0], "RUNNING");
    let a = op(format!("/vcs/{vcid}/w/start"));
    assert_eq!(a.status, 409, "node 0 is RUNNING: {}", a.body);
    let n1 = sdk.get(&format!("/vcs/{vcid}/w/{}", ids[1])).body;
    assert_eq!(
        n1["state"], "STOPPED",
        "a refused unit operation changes nothing"
    );
    // an operation the VCC does not know
    let a = op(format!("/vcs/{vcid}/w/nonsense"));
    assert_eq!(a.status, 400, "{}", a.body);
}

// 3. DELETE unit honours force
#[test]
fn sim_delete_unit_with_nodes_needs_force() {
    let sim = harness::start(harness::fast_options());
    let sdk = sdk_for(&sim);
    let (vcid, _) = sdk.compute_unit("g", "w", 2);
    let a = sdk.call(
        "DELETE",
        &format!("/vcs/{vcid}/w"),
        Some(json!({"force": "false"})),
        &[],
    );
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(
        message(&a).contains("2 node(s)") && message(&a).contains("force"),
        "{}",
        a.body
    );
    let u = sdk.get(&format!("/vcs/{vcid}/w"));
    assert_eq!(u.status, 200);
    assert_eq!(u.body["state"], "RUNNING");
    assert_eq!(u.body["node"].as_array().unwrap().len(), 2);
    let a = sdk.call(
        "DELETE",
        &format!("/vcs/{vcid}/w"),
        Some(json!({"force": "true"})),
        &[],
    );
    assert_eq!(a.status, 202, "{}", a.body);
    let t0 = Instant::now();
    while sdk.get(&format!("/vcs/{vcid}/w")).status != 404 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "the unit never went"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // and the client's delete_unit(force = false) is refused the same way
    let c = sim.client();
    let p = harness::quiet();
    sim.block_on(async {
        let ug = c.get_ugroup("g").await.unwrap().unwrap().id();
        let spec = c.get_spec("aws", "small").unwrap();
        c.create_unit(&ug, "x", &spec, &p).await.unwrap();
        let e = c.delete_unit(&ug, "x", false, &p).await.unwrap_err();
        assert_eq!(e.status(), Some(409), "{e}");
        c.delete_unit(&ug, "x", true, &p).await.unwrap();
    });
}

// 4. privileged mode needs a super-user token
#[test]
fn sim_privileged_mode_needs_a_super_user_token() {
    let mut o = harness::fast_options();
    o.super_token = Some("s.super-user-token-1".into());
    let sim = harness::start(o);
    let sdk = sdk_for(&sim);
    let privileged = [("x-vcc-privileged", "True")];
    let a = sdk.call("GET", "/vcs", None, &privileged);
    assert_eq!(a.status, 403, "{}", a.body);
    assert!(message(&a).contains("permission error"), "{}", a.body);
    assert!(message(&a).contains("regular"), "{}", a.body);
    assert_eq!(sdk.get("/accounts/authority").body["user_role"], "regular");
    let su = Sdk::new(&sim.server.url(), "s.super-user-token-1");
    assert_eq!(su.get("/accounts/authority").body["user_role"], "super");
    let a = su.call("GET", "/vcs", None, &privileged);
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.body["vcs"].is_array());
    // `cwh vcc serve` takes it from CWH_SIM_SUPER_TOKEN
    let d = Dir::new();
    let s = Served::start(
        d.path(),
        "s.regular-serve-token",
        &[],
        &[("CWH_SIM_SUPER_TOKEN", "s.super-serve-token")],
    );
    let su = Sdk::new(&s.url, "s.super-serve-token");
    assert_eq!(su.get("/accounts/authority").body["user_role"], "super");
    assert_eq!(su.call("GET", "/vcs", None, &privileged).status, 200);
    let regular = Sdk::new(&s.url, &s.token);
    assert_eq!(regular.call("GET", "/vcs", None, &privileged).status, 403);
}

// 5. backup of what does not exist, unknown routes
#[test]
fn sim_unknown_nodes_and_routes_answer_404_with_a_message() {
    let sim = harness::start(harness::fast_options());
    let sdk = sdk_for(&sim);
    let (vcid, ids) = sdk.compute_unit("g", "w", 1);
    let a = sdk.get(&format!("/vcs/{vcid}/w/{}/backup", ids[0]));
    assert_eq!(a.status, 202, "{}", a.body);
    for path in [
        format!("/vcs/{vcid}/w/{}/backup", "0".repeat(32)),
        format!("/vcs/{vcid}/nounit/{}/backup", ids[0]),
        format!("/vcs/{}/w/{}/backup", "f".repeat(32), ids[0]),
    ] {
        let a = sdk.get(&path);
        assert_eq!(a.status, 404, "{path}: {}", a.body);
        assert!(message(&a).contains("VCPNotFoundException"), "{}", a.body);
    }
    let a = sdk.get("/no/such/route");
    assert_eq!(a.status, 404);
    assert!(
        a.content_type.starts_with("application/json"),
        "{}",
        a.content_type
    );
    assert!(message(&a).contains("/no/such/route"), "{}", a.body);
    let a = sdk.call("DELETE", "/vcs", Some(json!({})), &[]);
    assert_eq!(a.status, 405);
    assert!(message(&a).contains("DELETE"), "{}", a.body);
}

// 6. gateway faults are HTML labelled as HTML
#[test]
fn sim_injected_gateway_faults_are_labelled_text_html() {
    let mut o = harness::fast_options();
    o.faults.rate = 1.0;
    o.faults.seed = Some(3);
    let sim = harness::start(o);
    let sdk = sdk_for(&sim);
    let mut seen = 0;
    for _ in 0..40 {
        let r = sdk.rt.block_on(
            sdk.http
                .get(format!("{}/vcs", sdk.base))
                .header("x-vcc-access-token", &sdk.token)
                .send(),
        );
        let Ok(resp) = r else { continue };
        if matches!(resp.status().as_u16(), 502..=504) {
            let ct = resp.headers()["content-type"].to_str().unwrap().to_string();
            assert!(ct.starts_with("text/html"), "{ct}");
            let body = sdk.rt.block_on(resp.text()).unwrap();
            assert!(body.starts_with("<html>"), "{body}");
            seen += 1;
        }
    }
    assert!(seen > 0, "no gateway fault was injected");
}

// 7. `cwh vcc serve -v` logs every request, token masked; -vv the CCI's gist
#[test]
fn sim_serve_v_logs_every_request_without_the_token() {
    let d = Dir::new();
    let token = "s.request-log-token-42";
    let s = Served::start(d.path(), token, &["-vv"], &[]);
    let sdk = Sdk::new(&s.url, token);
    let (vcid, _) = sdk.compute_unit("logged", "manager", 3);
    let a = sdk.get("/no/such/route");
    assert_eq!(a.status, 404);
    let bad = Sdk::new(&s.url, "s.wrong-token-777");
    assert_eq!(bad.get("/vcs").status, 403);
    let err = s.stop();
    assert!(
        err.lines()
            .any(|l| l.contains("GET /vcp/v1/occtr/vcs 403") && l.contains(" ms")),
        "{err}"
    );
    assert!(
        err.contains(&format!("POST /vcp/v1/occtr/vcs/{vcid} 202")),
        "{err}"
    );
    assert!(err.contains("GET /vcp/v1/occtr/no/such/route 404"), "{err}");
    assert!(
        err.contains("unit \"manager\": num_nodes 3 provider aws"),
        "{err}"
    );
    assert!(err.contains("unit group \"logged\" (compute)"), "{err}");
    assert!(
        !err.contains(token) && !err.contains("s.wrong-token-777"),
        "{err}"
    );
    // without -v: nothing per request
    let s = Served::start(d.path(), token, &[], &[]);
    let sdk = Sdk::new(&s.url, token);
    assert_eq!(sdk.get("/vcs").status, 200);
    let err = s.stop();
    assert!(!err.contains("/vcp/v1/occtr/vcs"), "{err}");
}

/// A PEM bundle that does not hold the simulator's CA (the system bundle where there is one).
fn other_bundle(d: &Dir) -> std::path::PathBuf {
    let sys = std::path::PathBuf::from("/etc/ssl/certs/ca-certificates.crt");
    if sys.is_file() {
        return sys;
    }
    let other = d.path().join("other-ca");
    cwh::sim::tls::ensure_generated(&other, &["localhost".into()]).unwrap();
    other.join("ca.pem")
}

// 8. the client trusts what the SDK trusts, and never retries a certificate error
#[test]
fn sim_client_trusts_requests_ca_bundle_and_fails_fast_on_an_unknown_ca() {
    let d = Dir::new();
    let s = Served::start(d.path(), "s.tls-client-token", &["--tls"], &[]);
    assert!(s.url.starts_with("https://127.0.0.1:"), "{}", s.url);
    let ca = s.ca.clone().expect("the CA path is printed");
    assert!(ca.is_file() && ca.starts_with(std::fs::canonicalize(d.path()).unwrap()));
    assert_eq!(
        s.export_line.as_deref().unwrap(),
        format!(
            "for the VCP SDK (requests) and cwh: export REQUESTS_CA_BUNDLE={}",
            ca.display()
        )
    );
    let system = other_bundle(&d);
    let w = Dir::new();
    w.write(
        "t.rhai",
        "let vcp = vcc::connect();\nprint(`target=${vcp.target} groups=${vcp.ugroups().len()}`);\n",
    );
    let run = |env: &[(&str, &std::path::Path)]| {
        let mut c = w.cwh();
        c.args(["run", "t.rhai"])
            .env("CWH_VCC_URL", &s.url)
            .env("VCC_ACCESS_TOKEN", &s.token)
            .env_remove("REQUESTS_CA_BUNDLE")
            .env_remove("SSL_CERT_FILE");
        for (k, v) in env {
            c.env(k, v);
        }
        c.run()
    };
    // both set, as on many systems: the SDK's REQUESTS_CA_BUNDLE is trusted too; the
    // address comes from an SDK vcp_config.yml, as a notebook would have it
    let port = s.addr.rsplit(':').next().unwrap();
    w.write(
        "vcp_config/vcp_config.yml",
        &format!("vcc:\n  host: 127.0.0.1\n  name: rehearsal\n  vcc_port: {port}\n  insecure_request_warning: True\n"),
    );
    w.cwh()
        .args(["run", "t.rhai", "--vcc-config", "vcp_config"])
        .env("VCC_ACCESS_TOKEN", &s.token)
        .env("SSL_CERT_FILE", &system)
        .env("REQUESTS_CA_BUNDLE", &ca)
        .run()
        .success()
        .stdout_has("target=simulator groups=0");
    // only the system bundle: a clear error at once, naming the CA file and the fix
    let runs = w.path().join(".cwh/runs");
    let _ = std::fs::remove_dir_all(&runs);
    run(&[("SSL_CERT_FILE", &system)])
        .code(1)
        .stderr_has("not trusted")
        .stderr_has(&system.display().to_string())
        .stderr_has("REQUESTS_CA_BUNDLE")
        .stderr_has("--ca-cert");
    // exactly one attempt (the run journal records each)
    let journal: String = std::fs::read_dir(&runs)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    let attempts = journal
        .lines()
        .filter(|l| l.contains("\"kind\":\"vcc\""))
        .count();
    assert_eq!(
        attempts, 1,
        "a certificate error must not be retried: {journal}"
    );
    // a --ca-cert that is not there is named, not ignored
    w.cwh()
        .args(["run", "t.rhai", "--ca-cert", "/nonexistent/site-ca.pem"])
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .run()
        .code(1)
        .stderr_has("/nonexistent/site-ca.pem")
        .stderr_has("--ca-cert");
    // --ca-cert works alone too
    w.cwh()
        .args(["run", "t.rhai", "--ca-cert"])
        .arg(&ca)
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .env_remove("REQUESTS_CA_BUNDLE")
        .env_remove("SSL_CERT_FILE")
        .run()
        .success();
}

const PY_FLOW: &str = r#"
import base64, json, os, sys, time
import requests

base = sys.argv[1]
H = {"x-vcc-access-token": os.environ["VCC_ACCESS_TOKEN"], "Content-Type": "application/json"}

def call(method, path, body=None, ok=(200,)):
    data = None if method == "GET" else json.dumps(body if body is not None else {})
    r = requests.request(method, base + path, headers=H, data=data)
    assert r.status_code in ok, (method, path, r.status_code, r.text)
    return r.json() if r.text else None

def b64(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")

def wait_unit(vcid, unit, want):
    for _ in range(1000):
        vc = call("GET", "/vcs/" + vcid)
        u = [x for x in vc.get("unit", []) if x["name"] == unit]
        if u and u[0]["state"] == want:
            return u[0]
        time.sleep(0.05)
    raise SystemExit("unit %s never %s" % (unit, want))

def wait_nodes(vcid, unit, want):
    for _ in range(1000):
        u = call("GET", "/vcs/%s/%s" % (vcid, unit))
        if all(n["state"] == want for n in u["node"]):
            return u
        time.sleep(0.05)
    raise SystemExit("nodes of %s never %s" % (unit, want))

# the SDK's handshake
call("GET", "")
assert "vcs" in call("GET", "/vcs")
auth = call("GET", "/accounts/authority")
assert auth["user_role"] == "regular", auth

def create_ugroup(name, kind):
    cci = '\n- vc:\n    cci_version: "25.10.0+20251001"\n    type: %s\n    description: "%s"\n    name: %s\n' % (kind, name, name)
    vcid = call("POST", "/vcs", {"cci": b64(cci)}, ok=(202,))["vcid"]
    assert any(v["vcid"] == vcid for v in call("GET", "/vcs")["vcs"])
    return vcid

# storage group with one disk (aws_disk spec, SDK dialect)
dvcid = create_ugroup("NotebookDisk", "storage")
disk_cci = """- unit:
    cci_version: "1.1"
    name: nfs
    description:
    private_network: default
    num_disks: 1
    cloud_provider: aws
    cloud_params:
        cci_version: "1.0"
        size: 16
        type: standard
        cloud_image: default
        access_key: vault://cubbyhole/aws/access_key
        secret_key: vault://cubbyhole/aws/secret_key
        tags: {'owner': 'notebook'}
"""
call("POST", "/vcs/" + dvcid, {"info": b64(disk_cci), "unit_name": "nfs"}, ok=(202,))
disk = wait_unit(dvcid, "nfs", "RUNNING")["disk"][0]
assert disk["cloud_disk_size"] == 16, disk

# compute group, a 2-node unit with the disk attached (aws spec, SDK dialect)
cvcid = create_ugroup("NotebookHub", "compute")
node_cci = """- unit:
    cci_version: "1.1"
    name: manager
    description:
    private_network: default
    num_nodes: 2
    image: vcp/base:1.6.2
    recovery_mode: none
    docker_opt: {}
    params: {'v': ['/opt:/opt'], 'e': ['AUTHORIZED_KEYS=c3NoLWVkMjU1MTkgQUFBQSB0ZXN0Cg==']}
    cloud_provider: aws
    cloud_params:
        cci_version: "1.2"
        instance_type: m4.large
        volume_size: 16
        volume_type: gp2
        cloud_image: default
        ip_address_list: ['172.30.2.100', '172.30.2.101']
        access_key: vault://cubbyhole/aws/access_key
        volume_id: ['vcp:%s:nfs:%s']
        secret_key: vault://cubbyhole/aws/secret_key
        tags: None
""" % (dvcid, disk["disk_id"])
call("POST", "/vcs/" + cvcid, {"info": b64(node_cci), "unit_name": "manager"}, ok=(202,))
wait_unit(cvcid, "manager", "RUNNING")

# list the nodes
unit = call("GET", "/vcs/%s/manager" % cvcid)
nodes = sorted(unit["node"], key=lambda n: n["node_no"])
assert [n["cloud_instance_address"] for n in nodes] == ["172.30.2.100", "172.30.2.101"], nodes
assert all(n["volumes"] for n in nodes), nodes
assert call("GET", "/vcs/" + dvcid)["unit"][0]["disk"][0]["in_use"]

# power off / on, node by node as the SDK does
for n in nodes:
    call("PATCH", "/vcs/%s/manager/%s/power_off" % (cvcid, n["node_id"]), ok=(202,))
wait_nodes(cvcid, "manager", "POWER_OFF")
for n in nodes:
    call("PATCH", "/vcs/%s/manager/%s/power_on" % (cvcid, n["node_id"]), ok=(202,))
wait_nodes(cvcid, "manager", "RUNNING")

# cleanup: compute first, then the disk group
for vcid in (cvcid, dvcid):
    call("DELETE", "/vcs/" + vcid, {"force": "true"}, ok=(202,))
    for _ in range(1000):
        r = requests.get(base + "/vcs/" + vcid, headers=H)
        if r.status_code == 404:
            break
        time.sleep(0.05)
    else:
        raise SystemExit("vc %s never went" % vcid)
assert call("GET", "/vcs")["vcs"] == []
print("PY-FLOW-OK")
"#;

// Done-when: the SDK's transport (requests + REQUESTS_CA_BUNDLE) over TLS, the whole flow
#[test]
fn sim_python_requests_over_tls_with_requests_ca_bundle() {
    let venv = ansible_venv();
    let d = Dir::new();
    let s = Served::start(d.path(), "s.python-requests-token", &["--tls"], &[]);
    let ca = s.ca.clone().unwrap();
    let script = d.write("flow.py", PY_FLOW);
    let t0 = Instant::now();
    Cmd::new(venv.join("bin/python"))
        .arg(&script)
        .arg(&s.url)
        .env("REQUESTS_CA_BUNDLE", &ca)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .env_remove("SSL_CERT_FILE")
        .env_remove("CURL_CA_BUNDLE")
        .run()
        .check_that(
            &format!(
                "requests is installed: `{}/bin/pip install requests` (cargo xtask test installs it)",
                venv.display()
            ),
            |r| !r.stderr().contains("No module named 'requests'"),
        )
        .success()
        .stdout_has("PY-FLOW-OK");
    eprintln!(
        "python requests flow over TLS: {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    // without the CA, requests refuses the certificate: TLS is real
    Cmd::new(venv.join("bin/python"))
        .args(["-c", "import requests,sys; requests.get(sys.argv[1])"])
        .arg(&s.url)
        .env_remove("REQUESTS_CA_BUNDLE")
        .env_remove("SSL_CERT_FILE")
        .env_remove("CURL_CA_BUNDLE")
        .run()
        .failure()
        .stderr_has("CERTIFICATE_VERIFY_FAILED");
}

// Done-when: `cwh run` of the seed script against a standalone `cwh vcc serve` ends like --sim
// and never tries SSH.
#[test]
fn sim_coursewarehub_against_standalone_serve_stops_before_ssh() {
    // node addresses on loopback, so even a wrong run could only knock on 127.77.17.x
    let d = Dir::new();
    let s = Served::start(
        d.path(),
        "s.standalone-serve-token",
        &["--node-addresses", "127.77.17.100-127.77.17.200"],
        &[],
    );
    // sentinels on the nodes' SSH port: nothing may connect (needs root for port 22)
    let sentinels: Vec<std::net::TcpListener> = ["127.77.17.100:22", "127.77.17.101:22"]
        .iter()
        .filter_map(|a| std::net::TcpListener::bind(a).ok())
        .collect();
    let w = Dir::new();
    let key = w.path().join("id_ed25519");
    let st = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(st.success());
    let kh = w.path().join("known_hosts");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");
    w.cwh()
        .args([
            "run",
            script,
            "--set",
            "vc_ipaddress=127.77.17.100",
            "--set",
            "vc_nodes=2",
            "--set",
            "vc_flavor=small",
            "--set",
            "vc_disk_size=16",
        ])
        .arg("--set")
        .arg(format!("ssh_private_key_path={}", key.display()))
        .arg("--set")
        .arg(format!("ssh_public_key_path={}.pub", key.display()))
        .arg("--set")
        .arg(format!("known_hosts_file={}", kh.display()))
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .run()
        .success()
        .stdout_has("the nodes are records only")
        .stderr_has("cwh's simulator");
    // the VCC work happened
    let sdk = Sdk::new(&s.url, &s.token);
    let vcs = sdk.get("/vcs").body;
    let hub = vcs["vcs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "CoursewareHub")
        .unwrap_or_else(|| panic!("{vcs}"));
    assert_eq!(hub["unit"].as_array().unwrap().len(), 2, "{hub}");
    // no SSH: no known_hosts written, no ssh event in the run journal, no connection
    assert!(!kh.exists());
    let journal: String = std::fs::read_dir(w.path().join(".cwh/runs"))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(journal.contains("\"kind\":\"vcc\""), "{journal}");
    assert!(!journal.contains("\"kind\":\"ssh\""), "{journal}");
    for l in &sentinels {
        l.set_nonblocking(true).unwrap();
        assert!(
            matches!(l.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "an SSH connection was attempted to {:?}",
            l.local_addr()
        );
    }
}

/// A node driver that never finishes anything: enough to make the simulator a lab.
struct IdleDriver;

impl cwh::sim::NodeDriver for IdleDriver {
    fn submit(&self, _: cwh::sim::driver::Effect) {}
    fn outcome(&self, _: &str) -> Option<cwh::sim::driver::Outcome> {
        None
    }
}

// The simulator says it is one: `x-cwh-simulator: sim|lab` on every answer (refusals too),
// read by the client at connect; a server without it is a real VCC.
#[test]
fn sim_identity_header_tells_sim_lab_and_real_vcc_apart() {
    let sim = harness::start(harness::fast_options());
    assert_eq!(sim.client().simulator(), Some("sim"));
    let raw = Sdk::new(&sim.server.url(), "s.not-the-token");
    let r = raw
        .rt
        .block_on(raw.http.get(format!("{}/vcs", raw.base)).send())
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(r.headers()[cwh::sim::IDENTITY_HEADER], "sim");

    let mut o = harness::fast_options();
    o.driver = Some(std::sync::Arc::new(IdleDriver));
    let lab = harness::start(o);
    assert_eq!(lab.client().simulator(), Some("lab"));

    use wiremock::matchers::{method, path_regex};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(MockServer::start());
    rt.block_on(
        Mock::given(method("GET"))
            .and(path_regex("^/vcp/v1/occtr(/vcs|/accounts/authority)?$"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"vcs": [], "role": "fullaccess", "user_name": "u", "user_role": "regular"}),
            ))
            .mount(&s),
    );
    let c = rt
        .block_on(cwh::vcc::Client::connect(harness::options(
            &s.uri(),
            "s.wiremock-token",
        )))
        .unwrap();
    assert_eq!(c.simulator(), None);
}

// `--cert FILE --key FILE` serves a given pair; a bad one is refused naming the file
#[test]
fn sim_serve_with_a_given_certificate_pair() {
    let d = Dir::new();
    let site = d.path().join("site-ca");
    let pair = cwh::sim::tls::ensure_generated(&site, &["127.0.0.1".into()]).unwrap();
    let (cert, key) = (
        pair.cert.display().to_string(),
        pair.key.display().to_string(),
    );
    let s = Served::start(
        d.path(),
        "s.given-pair-token",
        &["--cert", &cert, "--key", &key],
        &[],
    );
    assert!(s.url.starts_with("https://") && s.ca.is_none(), "{}", s.url);
    assert!(
        !d.path().join(".cwh/tls").exists(),
        "no CA is made for a given pair"
    );
    let w = Dir::new();
    w.write("t.rhai", "print(vcc::connect().target);\n");
    let r = w
        .cwh()
        .args(["run", "t.rhai", "--ca-cert"])
        .arg(pair.ca.as_ref().unwrap())
        .env("CWH_VCC_URL", &s.url)
        .env("VCC_ACCESS_TOKEN", &s.token)
        .env_remove("REQUESTS_CA_BUNDLE")
        .env_remove("SSL_CERT_FILE")
        .run()
        .success();
    let so = r.stdout();
    assert_eq!(so.trim(), "simulator");
    drop(s);
    // a key that is not one
    let bad = d.write("bad-key.pem", "not a key\n");
    crate::support::cwh()
        .current_dir(d.path())
        .args([
            "vcc",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--cert",
            &cert,
            "--key",
        ])
        .arg(&bad)
        .env("CWH_SIM_TOKEN", "s.given-pair-token")
        .run()
        .code(2)
        .stderr_has("bad-key.pem")
        .stderr_has("--key");
}

//! VCC client and simulator tests (issue 3): the client against the simulator over HTTP,
//! wiremock for exact error bodies and status codes, CCI dialect, spec tables, faults, redaction.
use crate::support::sim::{self as harness, quiet};
use cwh::sim::FaultOptions;
use cwh::vcc::{
    AddNodes, Client, Config, NodeFilter, NodeSelector, Spec, UgroupKind, VccError, cci,
};
use serde_json::json;
use std::time::{Duration, Instant};

fn running() -> NodeFilter {
    NodeFilter {
        node_state: Some("RUNNING".into()),
        ..Default::default()
    }
}

#[test]
fn client_drives_every_call_against_the_simulator() {
    let sim = harness::start(harness::fast_options());
    let c = sim.client();
    let p = quiet();
    sim.block_on(async {
        // reads
        assert_eq!(c.authority()["user_role"], "regular");
        assert!(c.version().await.unwrap().version.starts_with("25.10"));
        assert!(c.publickey().await.unwrap().starts_with("ssh-rsa "));
        let cat = c.vpn_catalog("aws", "default").await.unwrap();
        assert_eq!(cat["private_network_ipmask"], "172.30.2.0/24");
        assert!(c.vpn_catalogs().await.unwrap().get("cci_version").is_none());
        let e = c.vpn_catalog("nope", "default").await.unwrap_err();
        assert!(e.to_string().contains("not exist in vpn_catalog"));
        assert_eq!(
            c.flavors("aws").unwrap().keys(),
            ["small", "medium", "large", "gpu"]
        );
        assert!(c.get_ugroup("CoursewareHub").await.unwrap().is_none());

        // storage group with an nfs disk
        let dg = c
            .create_ugroup("CoursewareHub-disk", UgroupKind::Storage)
            .await
            .unwrap();
        assert_eq!(dg.kind, UgroupKind::Storage);
        let dgid = dg.id();
        let mut dspec = c.get_spec("aws_disk", "small").unwrap();
        dspec.set("size", json!(32)).unwrap();
        let nfs = c.create_unit(&dgid, "nfs", &dspec, &p).await.unwrap();
        assert_eq!(nfs.state.as_deref(), Some("RUNNING"));
        let disks = c.nodes(&dgid).await.unwrap();
        assert_eq!(disks.len(), 1);
        assert_eq!(disks[0].cloud_disk_size, Some(32));
        assert_eq!(disks[0].used_state.as_deref(), Some("un-use"));

        // compute group, 2-node unit with the disk attached
        let ug = c
            .create_ugroup("CoursewareHub", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let e = c
            .create_ugroup("CoursewareHub", UgroupKind::Compute)
            .await
            .unwrap_err();
        assert!(matches!(e, VccError::UgroupExists { .. }));
        let mut spec = c.get_spec("aws", "small").unwrap();
        spec.set("num_nodes", json!(2)).unwrap();
        spec.set_disks(&disks).unwrap();
        let e = c.create_unit(&dgid, "bad", &spec, &p).await.unwrap_err();
        assert!(e.to_string().contains("not much ugroup_type"), "{e}");
        let e = c.create_unit(&ug, "bad name", &spec, &p).await.unwrap_err();
        assert!(e.to_string().contains("invalid unit name"));
        let ticks = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let t2 = ticks.clone();
        let watch = cwh::vcc::Progress::callback(move |t| {
            t2.lock()
                .unwrap()
                .push((t.label.clone(), t.state.clone(), t.done))
        });
        let unit = c.create_unit(&ug, "manager", &spec, &watch).await.unwrap();
        let ticks = ticks.lock().unwrap().clone();
        assert_eq!(ticks.first().map(|t| t.1.as_str()), Some("BOOTING"));
        assert_eq!(
            ticks.last(),
            Some(&("unit manager".to_string(), "RUNNING".to_string(), true))
        );
        assert_eq!(unit.state.as_deref(), Some("RUNNING"));
        assert!(unit.info.as_deref().unwrap().contains("volume_id: ['vcp:"));
        let e = c.create_unit(&ug, "manager", &spec, &p).await.unwrap_err();
        assert!(e.to_string().contains("already exist unit[manager]"));
        let mid = ug.unit("manager");
        let nodes = c.find_unit_nodes(&mid, &running()).await.unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].volumes.len(), 1);
        assert_eq!(
            c.nodes(&dgid).await.unwrap()[0].used_state.as_deref(),
            Some("in-use")
        );
        assert_eq!(c.find_nodes(&ug, &running()).await.unwrap().len(), 2);
        let ips = c.find_unit_ip_addresses(&mid, &running()).await.unwrap();
        assert_eq!(ips, ["172.30.2.100", "172.30.2.101"]);
        assert_eq!(
            c.find_ip_addresses(&ug, &NodeFilter::default())
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(c.units(&ug).await.unwrap().len(), 1);
        assert!(c.get_unit(&ug, "manager").await.unwrap().is_some());
        assert!(c.get_unit(&ug, "worker").await.unwrap().is_none());
        assert_eq!(c.unit(&mid).await.unwrap().name, "manager");

        // rename, owner, unit/node ops, node read, backup
        let dg2 = c.rename_ugroup(&dgid, "CoursewareHub-nfs").await.unwrap();
        assert_eq!(dg2.name, "CoursewareHub-nfs");
        let dgid = dg2.id();
        c.change_owner(&dgid, "alice").await.unwrap();
        assert_eq!(
            c.ugroup(&dgid).await.unwrap().unwrap().owner.as_deref(),
            Some("alice")
        );
        c.unit_op(&mid, "watch").await.unwrap();
        assert!(
            c.unit_op(&dgid.unit("nfs"), "watch")
                .await
                .unwrap_err()
                .to_string()
                .contains("only compute unit")
        );
        let n1 = c.node(&mid, &nodes[0].id).await.unwrap();
        assert_eq!((n1.no, n1.unit_name.as_str()), (1, "manager"));
        c.node_op_raw(&mid, &n1.id, "unwatch").await.unwrap();
        c.backup(&mid, &n1.id).await.unwrap();
        let d1 = c.node(&dgid.unit("nfs"), &disks[0].id).await.unwrap();
        assert_eq!(d1.kind, UgroupKind::Storage);

        // add, power off/on, delete nodes
        let all = c
            .add_nodes(
                &mid,
                &AddNodes {
                    ip_addresses: vec!["172.30.2.50".into()],
                    ..Default::default()
                },
                &p,
            )
            .await
            .unwrap();
        assert_eq!(all.len(), 3);
        assert!(
            all.iter()
                .any(|n| n.cloud_instance_address.as_deref() == Some("172.30.2.50"))
        );
        let e = NodeSelector::from_options(Some(1), Some(1), None, None, None).unwrap_err();
        assert!(e.to_string().contains("one condition"));
        let after = c
            .power_off_nodes(&mid, &NodeSelector::NodeNo(1), &p)
            .await
            .unwrap();
        assert_eq!(after[0].state.as_deref(), Some("POWER_OFF"));
        assert_eq!(after[1].state.as_deref(), Some("RUNNING"));
        let after = c
            .power_on_nodes(&mid, &NodeSelector::NodeNo(1), &p)
            .await
            .unwrap();
        assert_eq!(after[0].state.as_deref(), Some("RUNNING"));
        let left = c
            .delete_nodes(
                &mid,
                &NodeSelector::IpAddresses(vec!["172.30.2.50".into()]),
                &p,
            )
            .await
            .unwrap();
        assert_eq!(left.len(), 2);
        let left = c
            .delete_nodes(&mid, &NodeSelector::Num(1), &p)
            .await
            .unwrap();
        assert_eq!(left.len(), 1);

        // a second unit, deleted by name
        let mut w = c.get_spec("aws", "small").unwrap();
        w.set("ip_addresses", json!(["172.30.2.60"])).unwrap();
        c.create_unit(&ug, "worker", &w, &p).await.unwrap();
        // a unit with nodes goes only with force (issue 17)
        let e = c.delete_unit(&ug, "worker", false, &p).await.unwrap_err();
        assert_eq!(e.status(), Some(409), "{e}");
        c.delete_unit(&ug, "worker", true, &p).await.unwrap();
        assert!(c.get_unit(&ug, "worker").await.unwrap().is_none());
        let e = c.delete_unit(&ug, "worker", false, &p).await.unwrap_err();
        assert!(matches!(e, VccError::NotFound { .. }));

        // the storage group cannot go while its disk is attached
        let e = c.cleanup(&dgid, &p).await.unwrap_err();
        assert!(matches!(e, VccError::CleanupIncomplete { .. }), "{e}");
        c.cleanup(&ug, &p).await.unwrap();
        c.cleanup(&dgid, &p).await.unwrap();
        assert!(c.ugroups().await.unwrap().is_empty());
    });
}

#[test]
fn address_outside_the_catalog_ends_in_error_with_the_servers_message() {
    let sim = harness::start(harness::fast_options());
    let c = sim.client();
    sim.block_on(async {
        let ug = c
            .create_ugroup("g", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let mut s = c.get_spec("aws", "small").unwrap();
        s.set("ip_addresses", json!(["10.9.9.9"])).unwrap();
        let e = c.create_unit(&ug, "u", &s, &quiet()).await.unwrap_err();
        let VccError::UnitFailed { message, .. } = &e else {
            panic!("{e}")
        };
        assert!(
            message.contains("not in private_network_ipmask 172.30.2.0/24"),
            "{message}"
        );
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(help.contains("cleanup"));
        // an address already in use also fails
        s.set("ip_addresses", json!(["172.30.2.70"])).unwrap();
        c.create_unit(&ug, "a", &s, &quiet()).await.unwrap();
        assert!(matches!(
            c.create_unit(&ug, "b", &s, &quiet()).await,
            Err(VccError::UnitFailed { .. })
        ));
    });
}

#[test]
fn wrong_token_is_rejected_and_never_shown() {
    let sim = harness::start(harness::fast_options());
    let bad = "s.wrongtoken-do-not-print-1234";
    let o = harness::options(&sim.server.url(), bad);
    assert!(!format!("{o:?}").contains(bad));
    let e = sim.block_on(Client::connect(o)).unwrap_err();
    assert_eq!(e.status(), Some(403));
    assert!(
        matches!(&e, VccError::Forbidden { message } if message.contains("VCPAuthException") && message.contains("token lookup is failed: permission denied"))
    );
    let all = format!(
        "{e} {e:?} {:?}",
        miette::Diagnostic::help(&e).map(|h| h.to_string())
    );
    assert!(!all.contains(bad) && !all.contains(sim.server.token()));
    assert!(!format!("{:?}", sim.server).contains(sim.server.token()));
    let good = sim.client();
    assert!(!format!("{good:?}").contains(sim.server.token()));
}

#[test]
fn unreachable_vcc_names_the_address() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut o = harness::options(&format!("http://127.0.0.1:{port}"), "s.sometoken");
    o.retry.attempts = 2;
    let e = rt.block_on(Client::connect(o)).unwrap_err();
    assert!(
        matches!(&e, VccError::Unreachable { url, .. } if url == &format!("http://127.0.0.1:{port}/vcp/v1/occtr")),
        "{e}"
    );
    assert_eq!(
        miette::Diagnostic::code(&e).unwrap().to_string(),
        "cwh::vcc::unreachable"
    );
}

mod wire {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const B: &str = "/vcp/v1/occtr";

    async fn handshake(s: &MockServer, vcs: serde_json::Value) {
        Mock::given(method("GET"))
            .and(path(B))
            .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
            .mount(s)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{B}/vcs")))
            .respond_with(ResponseTemplate::new(200).set_body_json(vcs))
            .mount(s)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{B}/accounts/authority")))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"role": "fullaccess", "user_name": "nobody", "user_role": "regular"}),
            ))
            .mount(s)
            .await;
    }

    fn connect(rt: &tokio::runtime::Runtime, s: &MockServer) -> Result<Client, VccError> {
        rt.block_on(Client::connect(harness::options(
            &s.uri(),
            "s.wiremock-token",
        )))
    }

    #[test]
    fn forbidden_carries_the_exact_server_message() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        let msg = "2021/01/02 03:04:05 UTC: VCPAuthException: xxxxxxx:token lookup is failed: permission denied";
        rt.block_on(
            Mock::given(method("GET"))
                .and(path(B))
                .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": msg})))
                .expect(1)
                .mount(&s),
        );
        let e = connect(&rt, &s).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("token rejected by the VCC (http_status(403)): {msg}")
        );
        assert_eq!(
            miette::Diagnostic::code(&e).unwrap().to_string(),
            "cwh::vcc::forbidden"
        );
        assert!(
            miette::Diagnostic::help(&e)
                .unwrap()
                .to_string()
                .contains("VCC_ACCESS_TOKEN")
        );
    }

    #[test]
    fn get_is_retried_after_502() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        rt.block_on(async {
            Mock::given(method("GET"))
                .and(path(format!("{B}/version")))
                .respond_with(ResponseTemplate::new(502))
                .up_to_n_times(1)
                .expect(1)
                .mount(&s)
                .await;
            Mock::given(method("GET"))
                .and(path(format!("{B}/version")))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"version": "25.04.0+1", "plugin": {}})),
                )
                .expect(1)
                .mount(&s)
                .await;
            handshake(&s, json!({"vcs": []})).await;
        });
        let c = connect(&rt, &s).unwrap();
        assert_eq!(rt.block_on(c.version()).unwrap().version, "25.04.0+1");
    }

    #[test]
    fn post_is_not_retried_when_the_state_shows_it_applied() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        let vc = json!({"vcid": "a1", "name": "G", "type": "compute", "unit": []});
        rt.block_on(async {
            // GET /vcs: empty for the handshake and the exists check, then holds the group
            Mock::given(method("GET"))
                .and(path(format!("{B}/vcs")))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"vcs": []})))
                .up_to_n_times(2)
                .mount(&s)
                .await;
            Mock::given(method("POST"))
                .and(path(format!("{B}/vcs")))
                .respond_with(ResponseTemplate::new(503))
                .expect(1)
                .mount(&s)
                .await;
            handshake(&s, json!({"vcs": [vc]})).await;
        });
        let c = connect(&rt, &s).unwrap();
        let g = rt
            .block_on(c.create_ugroup("G", UgroupKind::Compute))
            .unwrap();
        assert_eq!(g.vcid, "a1");
        // wiremock verifies `expect(1)` on drop: exactly one POST
    }

    #[test]
    fn post_failing_with_400_is_final_and_keeps_the_message() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        rt.block_on(async {
            Mock::given(method("POST"))
                .and(path(format!("{B}/vcs")))
                .respond_with(
                    ResponseTemplate::new(400).set_body_json(json!({"message": "bad cci"})),
                )
                .expect(1)
                .mount(&s)
                .await;
            handshake(&s, json!({"vcs": []})).await;
        });
        let c = connect(&rt, &s).unwrap();
        let e = rt
            .block_on(c.create_ugroup("G", UgroupKind::Compute))
            .unwrap_err();
        assert_eq!(e.to_string(), "create vc failed: http_status(400): bad cci");
        assert_eq!(e.status(), Some(400));
    }

    #[test]
    fn malformed_json_is_reported() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        rt.block_on(async {
            Mock::given(method("GET"))
                .and(path(format!("{B}/version")))
                .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
                .mount(&s)
                .await;
            handshake(&s, json!({"vcs": []})).await;
        });
        let c = connect(&rt, &s).unwrap();
        let e = rt.block_on(c.version()).unwrap_err();
        assert!(matches!(e, VccError::Malformed { status: 200, .. }), "{e}");
        assert_eq!(
            miette::Diagnostic::code(&e).unwrap().to_string(),
            "cwh::vcc::malformed"
        );
    }

    #[test]
    fn requests_carry_the_sdk_headers() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let s = rt.block_on(MockServer::start());
        rt.block_on(async {
            Mock::given(method("GET"))
                .and(path(format!("{B}/publickey")))
                .and(wiremock::matchers::header(
                    "x-vcc-access-token",
                    "s.wiremock-token",
                ))
                .and(wiremock::matchers::header(
                    "content-type",
                    "application/json",
                ))
                .respond_with(
                    ResponseTemplate::new(200).set_body_json(json!({"publickey": "ssh-rsa K"})),
                )
                .expect(1)
                .mount(&s)
                .await;
            handshake(&s, json!({"vcs": []})).await;
        });
        let c = connect(&rt, &s).unwrap();
        assert_eq!(rt.block_on(c.publickey()).unwrap(), "ssh-rsa K");
    }
}

#[test]
fn cci_encoder_matches_the_sdk_dialect_and_the_simulator_decodes_it() {
    // §3.1 empty unit group
    let t = cci::vc_cci("CoursewareHub", UgroupKind::Compute);
    assert!(t.starts_with("\n- vc:\n    cci_version: \""));
    assert!(t.ends_with(
        "\"\n    type: compute\n    description: \"CoursewareHub\"\n    name: CoursewareHub\n"
    ));
    // §3.2 AWS unit (the reference's complete example)
    let mut s = Spec::new(&Config::built_in(), "aws", "small").unwrap();
    s.set("params_e", json!(["AUTHORIZED_KEYS=c3NoLXJzYSBB...Cg=="]))
        .unwrap();
    s.set_tag("key1", "value1").unwrap();
    let text = s.cci("web");
    assert!(text.contains("    params: {'v': [], 'e': ['AUTHORIZED_KEYS=c3NoLXJzYSBB...Cg==']}\n    cloud_provider: aws\n    cloud_params:\n        cci_version: \"1.2\"\n"));
    assert!(text.ends_with(
        "        secret_key: vault://cubbyhole/aws/secret_key\n        tags: {'key1': 'value1'}\n"
    ));
    let d = cci::decode_b64(&cci::b64(&text)).unwrap();
    assert_eq!(d.kind, "unit");
    assert_eq!(d.str("name"), Some("web"));
    assert_eq!(d.int("num_nodes"), Some(1));
    assert_eq!(d.cloud_param("instance_type"), Some(&json!("m4.large")));
    assert_eq!(
        d.fields["params"]["e"][0],
        "AUTHORIZED_KEYS=c3NoLXJzYSBB...Cg=="
    );
    // storage and onpremises specs also round trip
    let disk = Spec::new(&Config::built_in(), "azure_disk", "medium").unwrap();
    let d = cci::decode(&disk.cci("nfs")).unwrap();
    assert_eq!(d.int("num_disks"), Some(1));
    assert_eq!(d.cloud_param("disk_size_gb"), Some(&json!(32)));
    let mut on = Spec::new(&Config::built_in(), "onpremises", "default").unwrap();
    on.set("ip_addresses", json!(["10.0.0.5"])).unwrap();
    let d = cci::decode(&on.cci("m")).unwrap();
    assert_eq!(d.cloud_param("user_name"), Some(&serde_json::Value::Null));
    assert_eq!(d.cloud_list("ip_address_list"), ["10.0.0.5"]);
}

#[test]
fn spec_attribute_tables_per_provider() {
    let cfg = Config::built_in();
    let attrs = |p: &str, f: &str| Spec::new(&cfg, p, f).unwrap().attributes();
    assert!(attrs("aws", "small").contains(&"volume_size".to_string()));
    assert!(!attrs("azure", "small").contains(&"volume_size".to_string()));
    assert!(attrs("onpremises", "default").contains(&"user_name".to_string()));
    assert!(!attrs("onpremises", "default").contains(&"cloud_image".to_string()));
    assert!(attrs("aws_disk", "small").contains(&"size".to_string()));
    assert!(attrs("azure_disk", "small").contains(&"storage_account_type".to_string()));
    assert!(attrs("oracle", "small").contains(&"root_disk_gb".to_string()));
    let e = Spec::new(&cfg, "nocloud", "small").unwrap_err();
    assert!(
        matches!(&e, VccError::UnknownProvider { known, .. } if known.contains("aws") && known.contains("onpremises"))
    );
    let e = Spec::new(&cfg, "aws", "huge").unwrap_err();
    assert!(
        matches!(&e, VccError::UnknownFlavor { known, .. } if known == "small, medium, large, gpu")
    );
    let mut s = Spec::new(&cfg, "aws_disk", "small").unwrap();
    let e = s.set("instance_type", json!("x")).unwrap_err();
    assert!(
        matches!(&e, VccError::UnknownAttribute { valid, .. } if valid.contains("size") && valid.contains("type"))
    );
}

#[test]
fn fault_rate_run_completes_without_duplicates() {
    let sim = harness::start_with_faults(FaultOptions {
        rate: 0.3,
        seed: Some(42),
        latency: Duration::ZERO,
    });
    let c = sim.client();
    let p = quiet();
    sim.block_on(async {
        let dg = c
            .create_ugroup("disk", UgroupKind::Storage)
            .await
            .unwrap()
            .id();
        let d = c.get_spec("aws_disk", "small").unwrap();
        c.create_unit(&dg, "nfs", &d, &p).await.unwrap();
        let ug = c
            .create_ugroup("hub", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let mut s = c.get_spec("aws", "small").unwrap();
        s.set_disks(&c.nodes(&dg).await.unwrap()).unwrap();
        s.set("num_nodes", json!(2)).unwrap();
        c.create_unit(&ug, "manager", &s, &p).await.unwrap();
        let n = c.find_nodes(&ug, &running()).await.unwrap();
        assert_eq!(n.len(), 2);
    });
    assert!(
        sim.server.faults_injected() >= 5,
        "the run must actually meet faults"
    );
    let st = sim.server.snapshot();
    let names: Vec<&str> = st.vcs.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["disk", "hub"]);
    assert_eq!(st.vcs[0].units.len(), 1);
    assert_eq!(st.vcs[0].units[0].members.len(), 1);
    assert_eq!(st.vcs[1].units.len(), 1);
    assert_eq!(st.vcs[1].units[0].members.len(), 2);
}

#[test]
fn simulator_state_file_persists_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".cwh").join("sim-state.json");
    let mut o = harness::fast_options();
    o.state_file = Some(file.clone());
    {
        let sim = harness::start(o.clone());
        let c = sim.client();
        sim.block_on(c.create_ugroup("kept", UgroupKind::Compute))
            .unwrap();
    }
    assert!(file.is_file());
    let sim = harness::start(o);
    let c = sim.client();
    assert!(sim.block_on(c.get_ugroup("kept")).unwrap().is_some());
    // `cwh vcc reset` removes it
    let cmd = cwh::cli::vcc::VccCommand::Reset(cwh::cli::vcc::ResetArgs {
        workdir: dir.path().into(),
    });
    assert_eq!(cwh::cli::vcc::run(cmd, 0), 0);
    assert!(!file.exists());
}

#[test]
fn vcc_serve_refuses_to_start_without_a_token() {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Cli {
        #[command(subcommand)]
        cmd: cwh::cli::vcc::VccCommand,
    }
    let cli = Cli::try_parse_from([
        "x",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--token-file",
        "/nonexistent/token",
    ])
    .unwrap();
    assert_eq!(cwh::cli::vcc::run(cli.cmd, 0), 2);
    assert!(Cli::try_parse_from(["x", "serve", "--fault-rate", "1.5"]).is_err());
}

/// Benchmark (see BENCHMARKS.md): `cargo test --release --test integration bench_sim_1000_get_vcs -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_sim_1000_get_vcs() {
    let sim = harness::start(harness::fast_options());
    let c = sim.client();
    sim.block_on(async {
        let ug = c
            .create_ugroup("bench", UgroupKind::Compute)
            .await
            .unwrap()
            .id();
        let mut s = c.get_spec("aws", "small").unwrap();
        s.set("num_nodes", json!(3)).unwrap();
        c.create_unit(&ug, "u", &s, &quiet()).await.unwrap();
        let t = Instant::now();
        for _ in 0..1000 {
            assert_eq!(c.ugroups().await.unwrap().len(), 1);
        }
        let d = t.elapsed();
        println!(
            "1000 GET /vcs (1 group, 3 nodes): {d:?} total, {:?} per request",
            d / 1000
        );
    });
}

#[test]
fn every_injected_fault_is_a_failure_the_client_can_see() {
    let sim = harness::start_with_faults(FaultOptions {
        rate: 1.0,
        seed: Some(3),
        latency: Duration::ZERO,
    });
    let url = format!("{}/vcs", sim.server.url());
    let http = reqwest::Client::new();
    sim.block_on(async {
        for _ in 0..20 {
            let r = http
                .get(&url)
                .header("x-vcc-access-token", sim.server.token())
                .send()
                .await;
            let failed = match r {
                Err(_) => true,
                Ok(resp) if matches!(resp.status().as_u16(), 502..=504) => true,
                Ok(resp) => resp.bytes().await.is_err(),
            };
            assert!(failed);
        }
    });
    assert_eq!(sim.server.faults_injected(), 20);
}

#[test]
fn journal_records_calls_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = cwh::journal::open(dir.path()).unwrap();
    let sim = harness::start(harness::fast_options());
    let c = sim.client();
    sim.block_on(c.ugroups()).unwrap();
    let bad = "s.journal-secret-token-99";
    let _ = sim.block_on(Client::connect(harness::options(&sim.server.url(), bad)));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(r#""action":"GET /vcs""#) && text.contains(r#""status":200"#));
    assert!(text.contains(r#""status":403"#));
    assert!(!text.contains(bad) && !text.contains(sim.server.token()));
}

#[test]
fn waiting_times_out_with_advice_to_recheck() {
    let mut o = harness::fast_options();
    o.boot_delay = Duration::from_secs(600);
    let sim = harness::start(o);
    let mut co = harness::options(&sim.server.url(), sim.server.token());
    co.wait = Some(cwh::vcc::WaitOptions {
        interval: Duration::from_millis(20),
        settle: Duration::ZERO,
        timeout: Duration::from_millis(200),
    });
    let c = sim.block_on(Client::connect(co)).unwrap();
    sim.block_on(async {
        let ug = c.create_ugroup("slow", UgroupKind::Compute).await.unwrap().id();
        let s = c.get_spec("aws", "small").unwrap();
        let e = c.create_unit(&ug, "w", &s, &quiet()).await.unwrap_err();
        assert!(matches!(&e, VccError::WaitTimeout { unit, state, .. } if unit == "w" && state == "BOOTING"), "{e}");
        assert!(e.to_string().starts_with("Full of waiting time (w)"));
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(help.contains("may still come up") && help.contains("get_unit(\"w\")"));
        // the unit exists and is still booting: a re-check finds it
        assert_eq!(c.get_unit(&ug, "w").await.unwrap().unwrap().state.as_deref(), Some("BOOTING"));
    });
}

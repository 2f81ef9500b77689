//! Bindings: `vcc::connect()` and the VCC, UnitGroup and Unit handles (core in `crate::vcc`).
//! Handles are cheap ids; every call re-reads the VCC, so a handle never shows stale state.
//! Nodes are maps with the SDK's VcNode fields (`no`, `id`, `state`, `cloud_instance_address`…);
//! printing an array of them shows the SDK's df_nodes columns as a table.
use crate::api::{check_opts, doc, error, from_json};
use crate::script::ctx::Ctx;
use crate::script::params::{Params, VCC_TOKEN};
use crate::vcc::{
    AddNodes, Client, Config, ConnectOptions, NodeFilter, NodeSelector, Progress, Spec, UgroupId,
    UgroupKind, UnitId, VcNode, VccError,
};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, Module};
use std::sync::Arc;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// A connection to a VCC (`vcc::connect()`).
#[derive(Clone)]
pub struct Vcc {
    pub client: Client,
    /// What the connection talks to (`vcp.target`: "vcc", "simulator", "lab" or "plan").
    pub target: crate::vcc::Target,
}

/// A unit group handle.
#[derive(Clone)]
pub struct Ugroup {
    pub client: Client,
    pub id: UgroupId,
}

/// A unit handle.
#[derive(Clone)]
pub struct UnitH {
    pub client: Client,
    pub id: UnitId,
}

/// A VCC error as a script error: `#{kind: "vcc::forbidden", message, help, status}`.
pub fn vcc_err(e: VccError) -> Box<EvalAltResult> {
    let status = e.status();
    let mut err = crate::api::from_diagnostic(&e);
    if let (Some(s), EvalAltResult::ErrorRuntime(v, _)) = (status, err.as_mut())
        && let Some(mut m) = v.write_lock::<Map>()
    {
        m.insert("status".into(), (s as rhai::INT).into());
    }
    err
}

fn run<T>(ctx: &Ctx, fut: impl std::future::Future<Output = crate::vcc::Result<T>>) -> Res<T> {
    ctx.block_on(fut)?.map_err(vcc_err)
}

/// A node as a script value (a map).
pub fn node_value(n: &VcNode) -> Dynamic {
    from_json(&serde_json::to_value(n).unwrap_or_default())
}

fn nodes_value(ns: &[VcNode]) -> Dynamic {
    Dynamic::from_array(ns.iter().map(node_value).collect())
}

/// Nodes given back by a script (`spec.disks = ug_disk.find_nodes()`).
pub fn nodes_from(a: &Array) -> Res<Vec<VcNode>> {
    a.iter()
        .map(|v| {
            rhai::serde::from_dynamic::<VcNode>(v).map_err(|e| {
                error(
                    "value",
                    format!(
                        "expected nodes from find_nodes()/nodes(), got {}: {e}",
                        v.type_name()
                    ),
                    None,
                )
            })
        })
        .collect()
}

fn is_node_map(v: &Dynamic) -> bool {
    v.read_lock::<Map>().is_some_and(|m| {
        m.contains_key("no")
            && m.contains_key("id")
            && m.contains_key("type")
            && m.contains_key("unit_name")
    })
}

/// The SDK's df_nodes columns for node maps.
pub fn df_nodes_rows(nodes: &[Dynamic]) -> Array {
    nodes
        .iter()
        .filter_map(|n| n.read_lock::<Map>().map(|m| m.clone()))
        .map(|m| {
            let g = |k: &str| m.get(k).cloned().unwrap_or(Dynamic::UNIT);
            let short = |v: Dynamic| {
                let s = v.to_string();
                if s.chars().count() > 8 {
                    Dynamic::from(format!("{}...", s.chars().take(8).collect::<String>()))
                } else {
                    v
                }
            };
            let mut r = Map::new();
            r.insert("unit_name".into(), g("unit_name"));
            if m.get("type").map(|t| t.to_string()) == Some("storage".into()) {
                r.insert("disk_no".into(), g("no"));
                r.insert("disk_id".into(), short(g("id")));
                r.insert("node_state".into(), g("state"));
                r.insert("used_state".into(), g("used_state"));
                r.insert("cloud_disk_id".into(), g("cloud_disk_id"));
                r.insert("cloud_disk_size".into(), g("cloud_disk_size"));
            } else {
                r.insert("node_no".into(), g("no"));
                r.insert("node_id".into(), short(g("id")));
                r.insert("node_state".into(), g("state"));
                r.insert("cloud_instance_address".into(), g("cloud_instance_address"));
                r.insert("cloud_instance_id".into(), g("cloud_instance_id"));
                let vols = m
                    .get("volumes")
                    .and_then(|v| v.read_lock::<Array>().map(|a| !a.is_empty()))
                    .unwrap_or(false);
                r.insert(
                    "volumes".into(),
                    if vols { "exists" } else { "none" }.into(),
                );
            }
            Dynamic::from_map(r)
        })
        .collect()
}

const NODE_COLS: &[&str] = &[
    "unit_name",
    "node_no",
    "node_id",
    "node_state",
    "cloud_instance_address",
    "cloud_instance_id",
    "volumes",
];
const DISK_COLS: &[&str] = &[
    "unit_name",
    "disk_no",
    "disk_id",
    "node_state",
    "used_state",
    "cloud_disk_id",
    "cloud_disk_size",
];

/// Nodes from the VCC as the df_nodes table.
fn df_of(ns: &[VcNode]) -> String {
    df_nodes_table(&ns.iter().map(node_value).collect::<Vec<_>>())
}

/// Render node maps as the df_nodes table.
pub fn df_nodes_table(nodes: &[Dynamic]) -> String {
    let rows = df_nodes_rows(nodes);
    let storage = rows.iter().all(|r| {
        r.read_lock::<Map>()
            .is_some_and(|m| m.contains_key("disk_no"))
    });
    let cols: Vec<String> = if storage { DISK_COLS } else { NODE_COLS }
        .iter()
        .map(|s| s.to_string())
        .collect();
    crate::script::table::render(&rows, Some(&cols))
}

fn filter_from(func: &str, m: &Map) -> Res<NodeFilter> {
    check_opts(
        func,
        m,
        &[
            "unit_name",
            "node_id",
            "node_state",
            "node_no",
            "ip_addresses",
            "ip_address",
            "cloud_instance_id",
        ],
    )?;
    let s = |k: &str| m.get(k).filter(|v| !v.is_unit()).map(|v| v.to_string());
    Ok(NodeFilter {
        unit_name: s("unit_name"),
        node_id: s("node_id"),
        node_state: s("node_state"),
        node_no: m.get("node_no").and_then(|v| v.as_int().ok()),
        ip_addresses: m
            .get("ip_addresses")
            .and_then(|v| {
                v.read_lock::<Array>()
                    .map(|a| a.iter().map(|x| x.to_string()).collect())
            })
            .unwrap_or_default(),
        ip_address: s("ip_address"),
        cloud_instance_id: s("cloud_instance_id"),
    })
}

fn selector_from(func: &str, num_key: &str, m: &Map) -> Res<NodeSelector> {
    check_opts(
        func,
        m,
        &[
            num_key,
            "node_no",
            "ip_address",
            "ip_addresses",
            "cloud_instance_id",
        ],
    )?;
    let int = |k: &str| -> Res<Option<i64>> {
        m.get(k)
            .filter(|v| !v.is_unit())
            .map(|v| {
                v.as_int().map_err(|t| {
                    error(
                        "value",
                        format!("{func}: `{k}` must be an integer, got {t}"),
                        None,
                    )
                })
            })
            .transpose()
    };
    let ips = match m.get("ip_addresses").filter(|v| !v.is_unit()) {
        Some(v) => Some(
            v.read_lock::<Array>()
                .ok_or_else(|| {
                    error(
                        "value",
                        format!("{func}: `ip_addresses` must be an array"),
                        None,
                    )
                })?
                .iter()
                .map(|x| x.to_string())
                .collect(),
        ),
        None => None,
    };
    let s = |k: &str| m.get(k).filter(|v| !v.is_unit()).map(|v| v.to_string());
    NodeSelector::from_options(
        int(num_key)?,
        int("node_no")?,
        s("ip_address"),
        ips,
        s("cloud_instance_id"),
    )
    .map_err(vcc_err)
}

/// Connect as `vcc::connect()` does: the host's VCC options, then configuration discovery and
/// the `vcc_access_token` secret.
pub fn connect(ctx: &Ctx) -> Res<Vcc> {
    let token = match &ctx.vcc.token {
        Some(t) => t.clone(),
        None => match ctx.params.secret(VCC_TOKEN) {
            Ok(Some(t)) => t,
            Ok(None) => {
                return Err(error(
                    "vcc::no_token",
                    "no VCC access token",
                    Some(Params::how_to_pass_secret(VCC_TOKEN)),
                ));
            }
            Err(e) => return Err(error("param::invalid", e, None)),
        },
    };
    let config = Config::discover(ctx.vcc.config_dir.as_deref()).map_err(vcc_err)?;
    let mut opts = ConnectOptions::new(config, token);
    if let Some(u) = &ctx.vcc.url {
        opts.base_url = Some(u.clone());
    }
    if ctx.vcc.ca_cert.is_some() {
        opts.ca_cert = ctx.vcc.ca_cert.clone();
    }
    // what the host started (--sim, --lab, --plan), else a configured VCC that may still say
    // it is cwh's simulator (a standalone `cwh vcc serve`, x-cwh-simulator)
    opts.target = ctx.vcc.target.clone();
    let client = run(ctx, Client::connect(opts))?;
    let target = client.target().clone();
    match &ctx.vcc.label {
        Some(l) => tracing::info!("VCC: {l} at {}", client.base_url()),
        None => tracing::info!("VCC: {}", client.base_url()),
    }
    if ctx.vcc.target == crate::vcc::Target::Vcc && target != crate::vcc::Target::Vcc {
        tracing::info!(
            "the VCC at {} is cwh's {target} (`cwh vcc serve`{})",
            client.base_url(),
            if matches!(target, crate::vcc::Target::Lab { .. }) {
                " --lab"
            } else {
                ""
            }
        );
    }
    // the one place the process-wide SSH interlock is set: nodes of a simulator without a lab
    // are records, no connection to their addresses, ever (under --plan nothing remote runs at
    // all: `crate::plan::active()`, entered by the host, records it)
    crate::ssh::set_records_only(target.records_only());
    crate::plan::recap::watch(&client);
    Ok(Vcc { client, target })
}

pub fn register(engine: &mut Engine, ctx: &Arc<Ctx>) {
    engine.register_type_with_name::<Vcc>("VCC");
    engine.register_type_with_name::<Ugroup>("UnitGroup");
    engine.register_type_with_name::<UnitH>("Unit");
    for f in ["to_string", "to_debug"] {
        doc(f, &["vcp: &mut VCC", "String"], "`VCC(<base URL>)`.")
            .register_into_engine(engine, |v: &mut Vcc| {
                format!("VCC({})", v.client.base_url())
            });
        doc(
            f,
            &["ug: &mut UnitGroup", "String"],
            "`UnitGroup(<name>, <kind>)`.",
        )
        .register_into_engine(engine, |u: &mut Ugroup| {
            format!("UnitGroup({}, {})", u.id.name, u.id.kind)
        });
        doc(f, &["unit: &mut Unit", "String"], "`Unit(<group>/<unit>)`.")
            .register_into_engine(engine, |u: &mut UnitH| {
                format!("Unit({}/{})", u.id.ugroup.name, u.id.name)
            });
    }
    // an array of nodes prints as the SDK's df_nodes table; other arrays as usual
    for f in ["print", "to_string"] {
        doc(
            f,
            &["array: &mut Array", "String"],
            "An array of nodes (from nodes(), find_nodes()…) as the SDK's df_nodes table; any other array as usual.",
        )
        .register_into_engine(engine, |a: &mut Array| -> String {
            if !a.is_empty() && a.iter().all(is_node_map) {
                df_nodes_table(a)
            } else {
                format!("{a:?}")
            }
        });
    }

    let mut m = Module::new();
    let c = ctx.clone();
    doc(
        "connect",
        &["VCC"],
        "Connect to the VC Controller: configuration from --vcc-config, VCP_CONFIG_DIR, ~/.config/vcp or\n\
         /notebooks/notebook/vcp_config (built-in defaults otherwise), the token from\n\
         secret(\"vcc_access_token\"). Under --sim the embedded simulator is used with nothing to type.\n\
         Example: `let vcp = vcc::connect();`",
    )
    .set_into_module(&mut m, crate::api::with_pos0(move || connect(&c)));
    engine.register_static_module("vcc", m.into());

    register_vcc_methods(engine, ctx);
    register_ugroup_methods(engine, ctx);
    register_unit_methods(engine, ctx);
}

fn ug_handle(client: &Client, ug: &crate::vcc::UnitGroup) -> Ugroup {
    Ugroup {
        client: client.clone(),
        id: ug.id(),
    }
}

fn register_vcc_methods(engine: &mut Engine, ctx: &Arc<Ctx>) {
    doc(
        "get$target",
        &["vcp: &mut VCC", "String"],
        "What this run talks to: \"vcc\" (a real VC Controller), \"simulator\" (--sim, or a standalone\n\
         `cwh vcc serve`: nodes are records only, no SSH) or \"lab\" (--lab, or `cwh vcc serve --lab`:\n\
         nodes are containers with sshd and dockerd) or \"plan\" (--plan: a rehearsal against a snapshot of\n\
         the VCC; remote steps are recorded, not run, so scripts take the path of a real VCC's run).",
    )
    .register_into_engine(engine, |v: &mut Vcc| v.target.to_string());
    let c = ctx.clone();
    doc(
        "version",
        &["vcp: &mut VCC", "Map"],
        "The VCC's version: `#{version, git_tag, plugin}`.",
    )
    .register_into_engine(engine, move |v: &mut Vcc| -> Res<Dynamic> {
        let info = run(&c, v.client.version())?;
        Ok(from_json(&serde_json::to_value(info).unwrap_or_default()))
    });
    let c = ctx.clone();
    doc(
        "ugroups",
        &["vcp: &mut VCC", "Array"],
        "Every unit group the token may see.",
    )
    .register_into_engine(engine, move |v: &mut Vcc| -> Res<Array> {
        let ugs = run(&c, v.client.ugroups())?;
        Ok(ugs
            .iter()
            .map(|u| Dynamic::from(ug_handle(&v.client, u)))
            .collect())
    });
    {
        let c = ctx.clone();
        doc(
            "find_ugroups",
            &["vcp: &mut VCC", "filter: Map", "Array"],
            "Unit groups matching `#{ugroup_name, vcid, state, ugroup_type}` (the SDK's name).",
        )
        .register_into_engine(engine, move |v: &mut Vcc, f: Map| -> Res<Array> {
            check_opts(
                "find_ugroups",
                &f,
                &["ugroup_name", "vcid", "vcno", "state", "ugroup_type"],
            )?;
            let s = |k: &str| f.get(k).map(|x| x.to_string()).filter(|x| !x.is_empty());
            let ugs = run(&c, v.client.ugroups())?;
            Ok(ugs
                .iter()
                .filter(|u| s("ugroup_name").is_none_or(|n| n == u.name))
                .filter(|u| s("vcid").is_none_or(|n| n == u.vcid))
                .filter(|u| s("vcno").is_none_or(|n| Some(n) == u.vcno.map(|x| x.to_string())))
                .filter(|u| s("state").is_none_or(|n| Some(n) == u.state))
                .filter(|u| s("ugroup_type").is_none_or(|n| n == u.kind.as_str()))
                .map(|u| Dynamic::from(ug_handle(&v.client, u)))
                .collect())
        });
    }
    let c = ctx.clone();
    doc("df_ugroups", &["vcp: &mut VCC", "String"], "The unit groups as the SDK's df_ugroups table (vcno, vctype, owner, vcname, state, vcid, cdate).")
        .register_into_engine(engine, move |v: &mut Vcc| -> Res<String> {
            let ugs = run(&c, v.client.ugroups())?;
            let rows: Array = ugs
                .iter()
                .map(|u| {
                    let mut r = Map::new();
                    r.insert("vcno".into(), u.vcno.map(Dynamic::from).unwrap_or(Dynamic::UNIT));
                    r.insert("vctype".into(), u.kind.as_str().into());
                    r.insert("owner".into(), u.owner.clone().map(Dynamic::from).unwrap_or(Dynamic::UNIT));
                    r.insert("vcname".into(), u.name.clone().into());
                    r.insert("state".into(), u.state.clone().map(Dynamic::from).unwrap_or(Dynamic::UNIT));
                    r.insert("vcid".into(), format!("{}...", u.vcid.chars().take(8).collect::<String>()).into());
                    r.insert("cdate".into(), u.cdate.clone().map(Dynamic::from).unwrap_or(Dynamic::UNIT));
                    Dynamic::from_map(r)
                })
                .collect();
            let cols: Vec<String> = ["vcno", "vctype", "owner", "vcname", "state", "vcid", "cdate"].iter().map(|s| s.to_string()).collect();
            Ok(crate::script::table::render(&rows, Some(&cols)))
        });
    let c = ctx.clone();
    doc(
        "df_nodes",
        &["vcp: &mut VCC", "String"],
        "Every node of every unit group as the SDK's df_nodes table.",
    )
    .register_into_engine(engine, move |v: &mut Vcc| -> Res<String> {
        let mut all = Vec::new();
        for ug in run(&c, v.client.ugroups())? {
            all.extend(run(&c, v.client.nodes(&ug.id()))?.iter().map(node_value));
        }
        Ok(df_nodes_table(&all))
    });
    doc(
        "flavors",
        &["vcp: &mut VCC", "provider: String", "Map"],
        "The flavors of a provider from vcp_flavor.yml: `#{small: #{instance_type: …}, …}`.",
    )
    .register_into_engine(
        engine,
        move |v: &mut Vcc, p: ImmutableString| -> Res<Dynamic> {
            let f = v.client.flavors(&p).map_err(vcc_err)?;
            let mut m = Map::new();
            for (name, params) in f.0 {
                let mut pm = Map::new();
                for (k, val) in params.0 {
                    pm.insert(k.into(), from_json(&val));
                }
                m.insert(name.into(), Dynamic::from_map(pm));
            }
            Ok(Dynamic::from_map(m))
        },
    );
    doc(
        "df_flavors",
        &["vcp: &mut VCC", "provider: String", "String"],
        "The flavors of a provider as a table, column `flavor` first (the SDK's df_flavors).",
    )
    .register_into_engine(
        engine,
        move |v: &mut Vcc, p: ImmutableString| -> Res<String> {
            let f = v.client.flavors(&p).map_err(vcc_err)?;
            let mut cols = vec!["flavor".to_string()];
            let mut rows = Array::new();
            for (name, params) in f.0 {
                let mut r = Map::new();
                r.insert("flavor".into(), name.into());
                for (k, val) in params.0 {
                    if !cols.contains(&k) {
                        cols.push(k.clone());
                    }
                    r.insert(k.into(), from_json(&val));
                }
                rows.push(Dynamic::from_map(r));
            }
            Ok(crate::script::table::render(&rows, Some(&cols)))
        },
    );
    for name in ["vpn_catalog", "get_vpn_catalog"] {
        let c = ctx.clone();
        doc(
            name,
            &["vcp: &mut VCC", "provider: String", "Map"],
            "The provider's default VPN catalog, e.g. `#{private_network_ipmask: \"172.30.2.0/24\", aws_region: …}`.",
        )
        .register_into_engine(engine, move |v: &mut Vcc, p: ImmutableString| -> Res<Dynamic> {
            Ok(from_json(&run(&c, v.client.vpn_catalog(&p, "default"))?))
        });
        let c = ctx.clone();
        doc(
            name,
            &[
                "vcp: &mut VCC",
                "provider: String",
                "catalog: String",
                "Map",
            ],
            "A named VPN catalog of the provider.",
        )
        .register_into_engine(
            engine,
            move |v: &mut Vcc, p: ImmutableString, n: ImmutableString| -> Res<Dynamic> {
                Ok(from_json(&run(&c, v.client.vpn_catalog(&p, &n))?))
            },
        );
    }
    doc(
        "get_spec",
        &[
            "vcp: &mut VCC",
            "provider: String",
            "flavor: String",
            "Spec",
        ],
        "A unit spec from vcp_flavor.yml (no request). Set attributes with `spec.name = value`;\n\
         an attribute the provider lacks is an error listing the valid ones.\n\
         Example: `let spec = vcp.get_spec(\"aws\", \"small\"); spec.root_disk_gb = 32;`",
    )
    .register_into_engine(
        engine,
        |v: &mut Vcc, p: ImmutableString, f: ImmutableString| -> Res<Spec> {
            v.client.get_spec(&p, &f).map_err(vcc_err)
        },
    );
    for (kind, d) in [
        (
            None,
            "Create an empty compute unit group. A name that exists is an error (cleanup first).",
        ),
        (
            Some(()),
            "Create an empty unit group of `kind`: \"compute\" or \"storage\" (for VC disks).",
        ),
    ] {
        let c = ctx.clone();
        if kind.is_none() {
            doc(
                "create_ugroup",
                &["vcp: &mut VCC", "name: String", "UnitGroup"],
                d,
            )
            .register_into_engine(
                engine,
                move |v: &mut Vcc, n: ImmutableString| -> Res<Ugroup> {
                    let ug = run(&c, v.client.create_ugroup(&n, UgroupKind::Compute))?;
                    Ok(ug_handle(&v.client, &ug))
                },
            );
        } else {
            doc(
                "create_ugroup",
                &["vcp: &mut VCC", "name: String", "kind: String", "UnitGroup"],
                d,
            )
            .register_into_engine(
                engine,
                move |v: &mut Vcc, n: ImmutableString, k: ImmutableString| -> Res<Ugroup> {
                    let kind = UgroupKind::parse(&k).ok_or_else(|| {
                        error(
                            "vcc::invalid",
                            format!("unknown unit group kind {k:?}"),
                            Some("use \"compute\" or \"storage\"".into()),
                        )
                    })?;
                    let ug = run(&c, v.client.create_ugroup(&n, kind))?;
                    Ok(ug_handle(&v.client, &ug))
                },
            );
        }
    }
    let c = ctx.clone();
    doc(
        "get_ugroup",
        &["vcp: &mut VCC", "name: String", "Dynamic"],
        "The unit group of that name, or `()` when there is none (`if ug != () { … }`).\n\
         Anything in it found mid-transition (BOOTING, DELETING, POWERING_*, INDEFINITE: an earlier\n\
         run was interrupted) is waited for first, with progress. Several groups of that name are\n\
         an error listing them (ids, creation times, nodes) with the way to clean up.",
    )
    .register_into_engine(
        engine,
        move |v: &mut Vcc, n: ImmutableString| -> Res<Dynamic> {
            Ok(match run(&c, v.client.get_ugroup_settled(&n, &Progress::stderr()))? {
                Some(ug) => Dynamic::from(ug_handle(&v.client, &ug)),
                None => Dynamic::UNIT,
            })
        },
    );
}

fn register_ugroup_methods(engine: &mut Engine, ctx: &Arc<Ctx>) {
    doc(
        "get$name",
        &["ug: &mut UnitGroup", "String"],
        "The unit group's name.",
    )
    .register_into_engine(engine, |u: &mut Ugroup| u.id.name.clone());
    doc(
        "get$vcid",
        &["ug: &mut UnitGroup", "String"],
        "The unit group's id on the VCC.",
    )
    .register_into_engine(engine, |u: &mut Ugroup| u.id.vcid.clone());
    doc(
        "get$kind",
        &["ug: &mut UnitGroup", "String"],
        "\"compute\" or \"storage\".",
    )
    .register_into_engine(engine, |u: &mut Ugroup| u.id.kind.as_str().to_string());
    let c = ctx.clone();
    doc(
        "get$state",
        &["ug: &mut UnitGroup", "Dynamic"],
        "The unit group's state, read from the VCC now.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<Dynamic> {
        Ok(run(&c, u.client.ugroup(&u.id))?
            .and_then(|g| g.state)
            .map(Dynamic::from)
            .unwrap_or(Dynamic::UNIT))
    });
    let c = ctx.clone();
    doc(
        "create_unit",
        &["ug: &mut UnitGroup", "name: String", "spec: Spec", "Unit"],
        "Create a unit from a spec and wait until its nodes settle (RUNNING), with progress on stderr.\n\
         ERROR or a time-out is an error that says what to do next.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup, n: ImmutableString, spec: Spec| -> Res<UnitH> {
        run(&c, u.client.create_unit(&u.id, &n, &spec, &Progress::stderr()))?;
        Ok(UnitH { client: u.client.clone(), id: u.id.unit(&n) })
    });
    let c = ctx.clone();
    doc(
        "get_unit",
        &["ug: &mut UnitGroup", "name: String", "Dynamic"],
        "The unit of that name, or `()`. A unit (or node, disk) found mid-transition is waited\n\
         for first, with progress.",
    )
    .register_into_engine(
        engine,
        move |u: &mut Ugroup, n: ImmutableString| -> Res<Dynamic> {
            Ok(
                match run(
                    &c,
                    u.client.get_unit_settled(&u.id, &n, &Progress::stderr()),
                )? {
                    Some(_) => Dynamic::from(UnitH {
                        client: u.client.clone(),
                        id: u.id.unit(&n),
                    }),
                    None => Dynamic::UNIT,
                },
            )
        },
    );
    let c = ctx.clone();
    doc(
        "units",
        &["ug: &mut UnitGroup", "Array"],
        "The group's units.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<Array> {
        Ok(run(&c, u.client.units(&u.id))?
            .iter()
            .map(|x| {
                Dynamic::from(UnitH {
                    client: u.client.clone(),
                    id: u.id.unit(&x.name),
                })
            })
            .collect())
    });
    let c = ctx.clone();
    doc(
        "nodes",
        &["ug: &mut UnitGroup", "Array"],
        "Every node (or disk) of every unit, in server order.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<Dynamic> {
        Ok(nodes_value(&run(&c, u.client.nodes(&u.id))?))
    });
    let c = ctx.clone();
    doc(
        "find_nodes",
        &["ug: &mut UnitGroup", "filter: Map", "Array"],
        "Nodes matching every condition of `#{unit_name, node_id, node_state, node_no, ip_address,\n\
         ip_addresses, cloud_instance_id}`. Example: `ug.find_nodes(#{ node_state: \"RUNNING\" })`",
    )
    .register_into_engine(engine, move |u: &mut Ugroup, f: Map| -> Res<Dynamic> {
        let f = filter_from("find_nodes", &f)?;
        Ok(nodes_value(&run(&c, u.client.find_nodes(&u.id, &f))?))
    });
    let c = ctx.clone();
    doc(
        "find_nodes",
        &["ug: &mut UnitGroup", "Array"],
        "Every node of the group (as `nodes()`).",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<Dynamic> {
        Ok(nodes_value(&run(
            &c,
            u.client.find_nodes(&u.id, &NodeFilter::default()),
        )?))
    });
    for with_filter in [false, true] {
        let c = ctx.clone();
        let f = move |u: &mut Ugroup, f: Map| -> Res<Array> {
            let f = filter_from("find_ip_addresses", &f)?;
            Ok(run(&c, u.client.find_ip_addresses(&u.id, &f))?
                .into_iter()
                .map(Dynamic::from)
                .collect())
        };
        if with_filter {
            doc(
                "find_ip_addresses",
                &["ug: &mut UnitGroup", "filter: Map", "Array"],
                "Addresses of the nodes matching the filter (as find_nodes).",
            )
            .register_into_engine(engine, f);
        } else {
            doc(
                "find_ip_addresses",
                &["ug: &mut UnitGroup", "Array"],
                "Addresses of every node of the group.",
            )
            .register_into_engine(engine, move |u: &mut Ugroup| f(u, Map::new()));
        }
    }
    let c = ctx.clone();
    doc(
        "df_nodes",
        &["ug: &mut UnitGroup", "String"],
        "The group's nodes as the SDK's df_nodes table.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<String> {
        let ns = run(&c, u.client.nodes(&u.id))?;
        Ok(df_of(&ns))
    });
    for name in ["delete_unit", "delete_units"] {
        let c = ctx.clone();
        doc(
            name,
            &["ug: &mut UnitGroup", "name: String", "()"],
            "Delete a unit and its nodes, waiting until it is gone.",
        )
        .register_into_engine(
            engine,
            move |u: &mut Ugroup, n: ImmutableString| -> Res<()> {
                run(
                    &c,
                    u.client.delete_unit(&u.id, &n, true, &Progress::stderr()),
                )
            },
        );
    }
    let c = ctx.clone();
    doc(
        "cleanup",
        &["ug: &mut UnitGroup", "()"],
        "Delete every unit and node and the group itself, waiting until done. Delete a compute group\n\
         before the storage group whose disks it uses.",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<()> {
        run(&c, u.client.cleanup(&u.id, &Progress::stderr()))
    });
    let c = ctx.clone();
    doc(
        "wait_settled",
        &["ug: &mut UnitGroup", "bool"],
        "Wait until nothing in the group is mid-transition (BOOTING, DELETING, POWERING_*, INDEFINITE),\n\
         with progress; `false` when the group is gone by then. (get_ugroup does this already.)",
    )
    .register_into_engine(engine, move |u: &mut Ugroup| -> Res<bool> {
        run(&c, async {
            let Some(g) = u.client.ugroup(&u.id).await? else {
                return Ok(false);
            };
            Ok(u.client.settle_ugroup(g, &Progress::stderr()).await?.is_some())
        })
    });
}

fn register_unit_methods(engine: &mut Engine, ctx: &Arc<Ctx>) {
    doc(
        "get$name",
        &["unit: &mut Unit", "String"],
        "The unit's name.",
    )
    .register_into_engine(engine, |u: &mut UnitH| u.id.name.clone());
    let c = ctx.clone();
    doc(
        "get$state",
        &["unit: &mut Unit", "Dynamic"],
        "The unit's state, read from the VCC now (RUNNING, BOOTING, INDEFINITE…).",
    )
    .register_into_engine(engine, move |u: &mut UnitH| -> Res<Dynamic> {
        Ok(run(&c, u.client.unit(&u.id))?
            .state
            .map(Dynamic::from)
            .unwrap_or(Dynamic::UNIT))
    });
    let c = ctx.clone();
    doc(
        "nodes",
        &["unit: &mut Unit", "Array"],
        "The unit's nodes, sorted by node number.",
    )
    .register_into_engine(engine, move |u: &mut UnitH| -> Res<Dynamic> {
        Ok(nodes_value(&run(&c, u.client.unit_nodes(&u.id))?))
    });
    let c = ctx.clone();
    doc(
        "find_nodes",
        &["unit: &mut Unit", "filter: Map", "Array"],
        "The unit's nodes matching the filter, sorted by node number.",
    )
    .register_into_engine(engine, move |u: &mut UnitH, f: Map| -> Res<Dynamic> {
        let f = filter_from("find_nodes", &f)?;
        Ok(nodes_value(&run(&c, u.client.find_unit_nodes(&u.id, &f))?))
    });
    let c = ctx.clone();
    doc(
        "find_nodes",
        &["unit: &mut Unit", "Array"],
        "The unit's nodes, sorted by node number.",
    )
    .register_into_engine(engine, move |u: &mut UnitH| -> Res<Dynamic> {
        Ok(nodes_value(&run(&c, u.client.unit_nodes(&u.id))?))
    });
    for with_filter in [false, true] {
        let c = ctx.clone();
        let f = move |u: &mut UnitH, f: Map| -> Res<Array> {
            let f = filter_from("find_ip_addresses", &f)?;
            Ok(run(&c, u.client.find_unit_ip_addresses(&u.id, &f))?
                .into_iter()
                .map(Dynamic::from)
                .collect())
        };
        if with_filter {
            doc(
                "find_ip_addresses",
                &["unit: &mut Unit", "filter: Map", "Array"],
                "Addresses of the unit's nodes matching the filter.",
            )
            .register_into_engine(engine, f);
        } else {
            doc(
                "find_ip_addresses",
                &["unit: &mut Unit", "Array"],
                "Addresses of the unit's nodes (node order: [0] is the first node).",
            )
            .register_into_engine(engine, move |u: &mut UnitH| f(u, Map::new()));
        }
    }
    for with_ignore in [false, true] {
        let c = ctx.clone();
        let f = move |u: &mut UnitH, spec: crate::vcc::Spec, ignore: Array| -> Res<Array> {
            let unit = run(&c, u.client.unit(&u.id))?;
            let Some(info) = unit.info else {
                tracing::warn!(
                    "unit {}: the VCC did not report its spec; cannot compare it with the requested one",
                    u.id.name
                );
                return Ok(Array::new());
            };
            let ignore: Vec<String> = ignore.iter().map(|v| v.to_string()).collect();
            let d = spec
                .drift(&info, &ignore)
                .map_err(|e| error("vcc::drift", format!("unit {}: {e}", u.id.name), None))?;
            Ok(d.iter()
                .map(|x| crate::api::from_json(&serde_json::json!(x)))
                .collect())
        };
        let text = "What cannot change in place and differs between the unit on the VCC and `spec`: an array of\n\
                    `#{attribute, what, on_vcc, requested}` (what: flavor, root_disk, disk_size, image, provider, ssh_key);\n\
                    `[]` when the unit matches. A re-run compares before it reuses a unit.";
        if with_ignore {
            doc(
                "drift",
                &["unit: &mut Unit", "spec: Spec", "ignore: Array", "Array"],
                &format!("{text} Attributes in `ignore` are skipped."),
            )
            .register_into_engine(engine, f);
        } else {
            doc("drift", &["unit: &mut Unit", "spec: Spec", "Array"], text)
                .register_into_engine(engine, move |u: &mut UnitH, spec: crate::vcc::Spec| {
                    f(u, spec, Array::new())
                });
        }
    }
    let c = ctx.clone();
    doc(
        "df_nodes",
        &["unit: &mut Unit", "String"],
        "The unit's nodes as the SDK's df_nodes table.",
    )
    .register_into_engine(engine, move |u: &mut UnitH| -> Res<String> {
        let ns = run(&c, u.client.unit_nodes(&u.id))?;
        Ok(df_of(&ns))
    });
    let c = ctx.clone();
    doc(
        "add_nodes",
        &["unit: &mut Unit", "opts: Map", "Array"],
        "Add nodes with the unit's spec: `#{num_add_nodes: 2}`, or `#{ip_addresses: [...]}` (count = number\n\
         of addresses), optionally with `mac_addresses`. Waits until they settle; returns all nodes.",
    )
    .register_into_engine(engine, move |u: &mut UnitH, m: Map| -> Res<Dynamic> {
        check_opts("add_nodes", &m, &["num_add_nodes", "ip_addresses", "mac_addresses"])?;
        let list = |k: &str| -> Res<Vec<String>> {
            match m.get(k) {
                None => Ok(vec![]),
                Some(v) => v
                    .read_lock::<Array>()
                    .map(|a| a.iter().map(|x| x.to_string()).collect())
                    .ok_or_else(|| error("vcc::invalid", format!("{k} is not list"), Some(format!("pass `{k}: [\"…\"]`")))),
            }
        };
        let add = AddNodes {
            num: m.get("num_add_nodes").and_then(|v| v.as_int().ok()),
            ip_addresses: list("ip_addresses")?,
            mac_addresses: list("mac_addresses")?,
        };
        Ok(nodes_value(&run(&c, u.client.add_nodes(&u.id, &add, &Progress::stderr()))?))
    });
    let ops: [(&str, &str, &str); 3] = [
        ("delete_nodes", "num_delete_nodes", "Delete nodes"),
        ("power_off_nodes", "num_power_off_nodes", "Power nodes off"),
        ("power_on_nodes", "num_power_on_nodes", "Power nodes on"),
    ];
    for (name, num_key, what) in ops {
        let c = ctx.clone();
        let f = move |u: &mut UnitH, m: Map| -> Res<Dynamic> {
            let sel = selector_from(name, num_key, &m)?;
            let (cl, id, p) = (&u.client, &u.id, Progress::stderr());
            let nodes = match name {
                "delete_nodes" => run(&c, cl.delete_nodes(id, &sel, &p))?,
                "power_off_nodes" => run(&c, cl.power_off_nodes(id, &sel, &p))?,
                _ => run(&c, cl.power_on_nodes(id, &sel, &p))?,
            };
            Ok(nodes_value(&nodes))
        };
        let text = format!(
            "{what} of the unit, one at a time, waiting after each; returns the unit's nodes afterwards.\n\
             At most one selector: `#{{{num_key}: n}}`, `#{{node_no: n}}`, `#{{ip_address: \"…\"}}`,\n\
             `#{{ip_addresses: [...]}}` or `#{{cloud_instance_id: \"…\"}}`; none = one node (as the SDK)."
        );
        doc(name, &["unit: &mut Unit", "selector: Map", "Array"], &text)
            .register_into_engine(engine, f.clone());
        doc(name, &["unit: &mut Unit", "Array"], &text)
            .register_into_engine(engine, move |u: &mut UnitH| f(u, Map::new()));
    }
}

/// A unit group or unit handle as a table row (no request: name, kind, ids).
pub fn as_row(v: &Dynamic) -> Option<Map> {
    let mut r = Map::new();
    if let Some(u) = v.read_lock::<Ugroup>() {
        r.insert("vcname".into(), u.id.name.clone().into());
        r.insert("vctype".into(), u.id.kind.as_str().into());
        r.insert("vcid".into(), u.id.vcid.clone().into());
        return Some(r);
    }
    if let Some(u) = v.read_lock::<UnitH>() {
        r.insert("vcname".into(), u.id.ugroup.name.clone().into());
        r.insert("unit_name".into(), u.id.name.clone().into());
        return Some(r);
    }
    None
}

/// Rows for `table()`: nodes as the df_nodes table, handles as rows of their ids, maps as they
/// are. `Err` carries a ready table (for node arrays), `Ok` the rows to render generically.
pub fn table_rows(a: &Array) -> Result<Array, String> {
    if !a.is_empty() && a.iter().all(is_node_map) {
        return Err(df_nodes_table(a));
    }
    Ok(a.iter()
        .map(|v| {
            as_row(v)
                .map(Dynamic::from_map)
                .unwrap_or_else(|| v.clone())
        })
        .collect())
}

//! Bindings: `vcc::connect()` and the VCC handle (core in `crate::vcc`); the UnitGroup and Unit
//! handles are in `unit_group.rs`.
//! Handles are cheap ids; every call re-reads the VCC, so a handle never shows stale state.
//! Nodes are maps with the SDK's VcNode fields (`no`, `id`, `state`, `cloud_instance_address`…);
//! printing an array of them shows the SDK's df_nodes columns as a table.
use crate::api::{Res, error};
use crate::script::ctx::Ctx;
use crate::script::params::{Params, VCC_TOKEN};
use crate::vcc::table;
use crate::vcc::{Client, Config, ConnectOptions};
use rhai::plugin::*;
use rhai::{Array, Map};

pub use super::unit_group::{Ugroup, UnitH, as_row};
pub(crate) use super::vcc_calls::{block, render, run};
pub use super::vcc_calls::{node_value, nodes_from, vcc_err};

/// A connection to a VCC (`vcc::connect()`).
#[derive(Clone)]
pub struct Vcc {
    pub client: Client,
    /// What the connection talks to (`vcp.target`: "vcc", "simulator" or "lab"; under `--plan`
    /// what the snapshot was taken of).
    pub target: crate::vcc::Target,
}

fn is_node_map(v: &Dynamic) -> bool {
    v.read_lock::<Map>()
        .is_some_and(|m| table::is_node(|k| m.contains_key(k)))
}

/// Render node maps as the df_nodes table (a field that is no JSON value shows empty).
pub fn df_nodes_table(nodes: &[Dynamic]) -> String {
    let json = |v: &Dynamic| rhai::serde::from_dynamic(v).unwrap_or_default();
    let values: Vec<serde_json::Value> = nodes
        .iter()
        .filter_map(|n| {
            n.read_lock::<Map>()
                .map(|m| m.iter().map(|(k, v)| (k.to_string(), json(v))).collect())
        })
        .map(serde_json::Value::Object)
        .collect();
    render(table::df_nodes(&values))
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
                    crate::t!("vcc-no-token"),
                    Some(Params::how_to_pass_secret(VCC_TOKEN)),
                ));
            }
            Err(e) => return Err(crate::api::from_diagnostic(&e)),
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
    // recorded in the unit groups this run creates, so a run racing it can name it
    client.set_creator(crate::vcc::client::creator_note(&ctx.workdir));
    // --plan: the script sees what the snapshot was taken of, and takes its run's path
    let target = match crate::plan::active() {
        Some(p) => p.target(),
        None => client.target().clone(),
    };
    // `--sim`: the host already said where the embedded simulator is and where its state is
    match &ctx.vcc.label {
        _ if ctx.vcc.target == crate::vcc::Target::Simulator => {}
        Some(l) => tracing::info!(
            "{}",
            crate::t!("vcc-connected-to", what = l, url = client.base_url())
        ),
        None => tracing::info!("{}", crate::t!("vcc-connected", url = client.base_url())),
    }
    if ctx.vcc.target == crate::vcc::Target::Vcc && client.target() != &crate::vcc::Target::Vcc {
        let url = client.base_url();
        tracing::info!(
            "{}",
            if matches!(target, crate::vcc::Target::Lab { .. }) {
                crate::t!("vcc-connected-is-lab", url = url)
            } else {
                crate::t!("vcc-connected-is-simulator", url = url)
            }
        );
    }
    // the one place the process-wide SSH interlock is set: nodes of a simulator without a lab
    // are records, no connection to their addresses, ever — under --plan too, when the
    // snapshot is of such a simulator (a plan records what changes and reads the rest:
    // `crate::interlock::plan()`, entered by the host)
    crate::ssh::set_records_only(target.records_only());
    crate::plan::recap::watch(&client);
    Ok(Vcc { client, target })
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Vcc>("VCC");
    engine.register_type_with_name::<Ugroup>("UnitGroup");
    engine.register_type_with_name::<UnitH>("Unit");
    let mut vcc = exported_module!(vcc_module);
    vcc.combine_flatten(super::wait::vcc_functions());
    engine.register_static_module("vcc", vcc.into());
    engine.register_global_module(exported_module!(vcc_api).into());
    super::unit_group::register(engine);
}

#[export_module]
mod vcc_module {
    use crate::api::Res;
    #[allow(clippy::upper_case_acronyms)]
    pub type VCC = super::Vcc;

    /// Connect to the VC Controller: configuration from --vcc-config, VCP_CONFIG_DIR, ~/.config/vcp or
    /// /notebooks/notebook/vcp_config (built-in defaults otherwise), the token from
    /// secret("vcc_access_token"). Under --sim the embedded simulator is used with nothing to type.
    /// Example: `let vcp = vcc::connect();`
    #[rhai_fn(return_raw)]
    pub fn connect(cx: NativeCallContext) -> Res<VCC> {
        let r = crate::api::ctx(&cx).and_then(|c| super::connect(&c));
        crate::api::pos(&cx, r)
    }
}

#[export_module]
mod vcc_api {
    use super::{block, render, vcc_err};
    use crate::api::Res;
    use crate::api::map_of;
    use crate::vcc::{Progress, UgroupFilter, UgroupKind, table};
    use rhai::{Array, Map};

    #[allow(clippy::upper_case_acronyms)]
    pub type VCC = super::Vcc;
    pub type UnitGroup = super::Ugroup;
    pub type Spec = crate::vcc::Spec;

    /// `VCC(<base URL>)`.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(vcp: &mut VCC) -> String {
        format!("VCC({})", vcp.client.base_url())
    }

    /// An array of nodes (from nodes(), find_nodes()…) as the SDK's df_nodes table; any other array as usual.
    #[rhai_fn(global, name = "print", name = "to_string", pure)]
    pub fn array_to_string(array: &mut Array) -> String {
        if !array.is_empty() && array.iter().all(super::is_node_map) {
            super::df_nodes_table(array)
        } else {
            format!("{array:?}")
        }
    }

    /// What this run talks to: "vcc" (a real VC Controller), "simulator" (--sim, or a standalone
    /// `cwh vcc serve`: nodes are records only, no SSH) or "lab" (--lab, or `cwh vcc serve --lab`:
    /// nodes are containers with sshd and dockerd). Under --plan, what the snapshot was taken of: the
    /// script takes the path its real run takes (the plan reads the nodes and records what would change).
    #[rhai_fn(global, get = "target", pure)]
    pub fn target(vcp: &mut VCC) -> String {
        vcp.target.to_string()
    }

    /// The VCC's version: `#{version, git_tag, plugin}`.
    #[rhai_fn(global, pure, return_raw)]
    pub fn version(cx: NativeCallContext, vcp: &mut VCC) -> Res<Map> {
        let info = block(&cx, vcp.client.version())?;
        Ok(map_of(&info))
    }

    /// Every unit group the token may see.
    #[rhai_fn(global, pure, return_raw)]
    pub fn ugroups(cx: NativeCallContext, vcp: &mut VCC) -> Res<Array> {
        find_ugroups(cx, vcp, Map::new())
    }

    /// Unit groups matching `#{ugroup_name, vcid, state, ugroup_type}` (the SDK's name).
    #[rhai_fn(global, pure, return_raw)]
    pub fn find_ugroups(cx: NativeCallContext, vcp: &mut VCC, filter: Map) -> Res<Array> {
        let f: UgroupFilter = crate::api::options("find_ugroups", filter)?;
        let ugs = block(&cx, vcp.client.ugroups())?;
        Ok(ugs
            .iter()
            .filter(|u| f.matches(u))
            .map(|u| Dynamic::from(UnitGroup::of(&vcp.client, u)))
            .collect())
    }

    /// The unit groups as the SDK's df_ugroups table (vcno, vctype, owner, vcname, state, vcid, cdate).
    #[rhai_fn(global, pure, return_raw)]
    pub fn df_ugroups(cx: NativeCallContext, vcp: &mut VCC) -> Res<String> {
        let ugs = block(&cx, vcp.client.ugroups())?;
        Ok(render(table::df_ugroups(&ugs)))
    }

    /// Every node of every unit group as the SDK's df_nodes table.
    #[rhai_fn(global, pure, return_raw)]
    pub fn df_nodes(cx: NativeCallContext, vcp: &mut VCC) -> Res<String> {
        let mut all = Vec::new();
        for ug in block(&cx, vcp.client.ugroups())? {
            all.extend(block(&cx, vcp.client.nodes(&ug.id()))?);
        }
        Ok(render(table::df_vc_nodes(&all)))
    }

    /// The flavors of a provider from vcp_flavor.yml: `#{small: #{instance_type: …}, …}`.
    #[rhai_fn(global, pure, return_raw)]
    pub fn flavors(vcp: &mut VCC, provider: &str) -> Res<Map> {
        let f = vcp.client.flavors(provider).map_err(vcc_err)?;
        Ok(map_of(&table::flavors_json(&f)))
    }

    /// The flavors of a provider as a table, column `flavor` first (the SDK's df_flavors).
    #[rhai_fn(global, pure, return_raw)]
    pub fn df_flavors(vcp: &mut VCC, provider: &str) -> Res<String> {
        let f = vcp.client.flavors(provider).map_err(vcc_err)?;
        Ok(render(table::df_flavors(&f)))
    }

    /// The provider's default VPN catalog, e.g. `#{private_network_ipmask: "172.30.2.0/24", aws_region: …}`.
    #[rhai_fn(
        global,
        name = "vpn_catalog",
        name = "get_vpn_catalog",
        pure,
        return_raw
    )]
    pub fn vpn_catalog(cx: NativeCallContext, vcp: &mut VCC, provider: &str) -> Res<Map> {
        vpn_catalog_named(cx, vcp, provider, "default")
    }

    /// A named VPN catalog of the provider.
    #[rhai_fn(
        global,
        name = "vpn_catalog",
        name = "get_vpn_catalog",
        pure,
        return_raw
    )]
    pub fn vpn_catalog_named(
        cx: NativeCallContext,
        vcp: &mut VCC,
        provider: &str,
        catalog: &str,
    ) -> Res<Map> {
        let c = block(&cx, vcp.client.vpn_catalog(provider, catalog))?;
        Ok(map_of(&c))
    }

    /// A unit spec from vcp_flavor.yml (no request). Set attributes with `spec.name = value`;
    /// an attribute the provider lacks is an error listing the valid ones.
    /// Example: `let spec = vcp.get_spec("aws", "small"); spec.root_disk_gb = 32;`
    #[rhai_fn(global, pure, return_raw)]
    pub fn get_spec(vcp: &mut VCC, provider: &str, flavor: &str) -> Res<Spec> {
        vcp.client.get_spec(provider, flavor).map_err(vcc_err)
    }

    /// Create an empty compute unit group. A name that exists is an error (cleanup first).
    #[rhai_fn(global, name = "create_ugroup", pure, return_raw)]
    pub fn create_ugroup(cx: NativeCallContext, vcp: &mut VCC, name: &str) -> Res<UnitGroup> {
        let ug = block(&cx, vcp.client.create_ugroup(name, UgroupKind::Compute))?;
        Ok(UnitGroup::of(&vcp.client, &ug))
    }

    /// Create an empty unit group of `kind`: "compute" or "storage" (for VC disks).
    #[rhai_fn(global, name = "create_ugroup", pure, return_raw)]
    pub fn create_ugroup_of_kind(
        cx: NativeCallContext,
        vcp: &mut VCC,
        name: &str,
        kind: &str,
    ) -> Res<UnitGroup> {
        let kind = crate::vcc::handle::ugroup_kind(kind).map_err(vcc_err)?;
        let ug = block(&cx, vcp.client.create_ugroup(name, kind))?;
        Ok(UnitGroup::of(&vcp.client, &ug))
    }

    /// The unit group of that name, or `()` when there is none (`if ug != () { … }`).
    /// Anything in it found mid-transition (BOOTING, DELETING, POWERING_*, INDEFINITE: an earlier
    /// run was interrupted) is waited for first, with progress. Several groups of that name are
    /// an error listing them (ids, creation times, nodes) with the way to clean up.
    #[rhai_fn(global, pure, return_raw)]
    pub fn get_ugroup(cx: NativeCallContext, vcp: &mut VCC, name: &str) -> Res<Dynamic> {
        let p = Progress::stderr();
        let ug = block(&cx, vcp.client.get_ugroup_settled(name, &p))?;
        let h = ug.map(|ug| UnitGroup::of(&vcp.client, &ug));
        Ok(h.map_or(Dynamic::UNIT, Dynamic::from))
    }
}

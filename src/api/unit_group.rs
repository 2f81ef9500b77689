//! Bindings: the UnitGroup and Unit handles (core in `crate::vcc`); `vcp.get_ugroup(…)` and
//! `ug.get_unit(…)` give them. Every call re-reads the VCC.
use crate::api::vcc_calls::{block, block_nodes, render, vcc_err};
use crate::api::{map_of, strings};
use crate::vcc::{handle, table};
use rhai::Map;
use rhai::plugin::*;

/// A unit group handle (`UnitGroup` in scripts).
pub type Ugroup = crate::vcc::UgroupHandle;
/// A unit handle (`Unit` in scripts).
pub type UnitH = crate::vcc::UnitHandle;

/// A unit group or unit handle as a table row (no request: name, kind, ids).
pub fn as_row(v: &Dynamic) -> Option<Map> {
    let r = (v.read_lock::<Ugroup>().map(|u| handle::ugroup_row(&u.id)))
        .or_else(|| v.read_lock::<UnitH>().map(|u| handle::unit_row(&u.id)))?;
    Some(map_of(&serde_json::Value::Object(r)))
}

/// A state as a script value: its text, or `()` when the VCC gave none.
fn state_value(s: Option<impl ToString>) -> Dynamic {
    s.map_or(Dynamic::UNIT, |s| Dynamic::from(s.to_string()))
}

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(ugroup_api).into());
    engine.register_global_module(exported_module!(unit_api).into());
}

#[export_module]
mod ugroup_api {
    use super::{block, block_nodes, render, state_value, strings, table};
    use crate::api::Res;
    use crate::vcc::{NodeFilter, NodeFilterOptions, Progress};
    use rhai::{Array, Map};

    pub type UnitGroup = super::Ugroup;
    pub type Unit = super::UnitH;
    pub type Spec = crate::vcc::Spec;

    /// `UnitGroup(<name>, <kind>)`.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(ug: &mut UnitGroup) -> String {
        format!("UnitGroup({}, {})", ug.id.name, ug.id.kind)
    }

    /// The unit group's name.
    #[rhai_fn(global, get = "name", pure)]
    pub fn name(ug: &mut UnitGroup) -> String {
        ug.id.name.clone()
    }

    /// The unit group's id on the VCC.
    #[rhai_fn(global, get = "vcid", pure)]
    pub fn vcid(ug: &mut UnitGroup) -> String {
        ug.id.vcid.clone()
    }

    /// "compute" or "storage".
    #[rhai_fn(global, get = "kind", pure)]
    pub fn kind(ug: &mut UnitGroup) -> String {
        ug.id.kind.as_str().to_string()
    }

    /// The unit group's state, read from the VCC now.
    #[rhai_fn(global, get = "state", pure, return_raw)]
    pub fn state(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<Dynamic> {
        let g = block(&cx, ug.client.ugroup(&ug.id))?;
        Ok(state_value(g.and_then(|g| g.state)))
    }

    /// Create a unit from a spec and wait until its nodes settle (RUNNING), with progress on stderr.
    /// ERROR or a time-out is an error that says what to do next.
    #[rhai_fn(global, pure, return_raw)]
    pub fn create_unit(
        cx: NativeCallContext,
        ug: &mut UnitGroup,
        name: &str,
        spec: Spec,
    ) -> Res<Unit> {
        let p = Progress::stderr();
        block(&cx, ug.client.create_unit(&ug.id, name, &spec, &p))?;
        Ok(ug.unit(name))
    }

    /// The unit of that name, or `()`. A unit (or node, disk) found mid-transition is waited
    /// for first, with progress.
    #[rhai_fn(global, pure, return_raw)]
    pub fn get_unit(cx: NativeCallContext, ug: &mut UnitGroup, name: &str) -> Res<Dynamic> {
        let p = Progress::stderr();
        let u = block(&cx, ug.client.get_unit_settled(&ug.id, name, &p))?;
        Ok(u.map_or(Dynamic::UNIT, |_| Dynamic::from(ug.unit(name))))
    }

    /// The group's units.
    #[rhai_fn(global, pure, return_raw)]
    pub fn units(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<Array> {
        let units = block(&cx, ug.client.units(&ug.id))?;
        Ok(units
            .iter()
            .map(|u| Dynamic::from(ug.unit(&u.name)))
            .collect())
    }

    /// Every node (or disk) of every unit, in server order.
    #[rhai_fn(global, pure, return_raw)]
    pub fn nodes(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<Array> {
        block_nodes(&cx, ug.client.nodes(&ug.id))
    }

    /// Every node of the group (as `nodes()`).
    #[rhai_fn(global, name = "find_nodes", pure, return_raw)]
    pub fn find_all_nodes(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<Array> {
        let f = NodeFilter::default();
        block_nodes(&cx, ug.client.find_nodes(&ug.id, &f))
    }

    /// Nodes matching every condition of `#{unit_name, node_id, node_state, node_no, ip_address,
    /// ip_addresses, cloud_instance_id}`. Example: `ug.find_nodes(#{ node_state: "RUNNING" })`
    #[rhai_fn(global, pure, return_raw)]
    pub fn find_nodes(cx: NativeCallContext, ug: &mut UnitGroup, filter: Map) -> Res<Array> {
        let f: NodeFilterOptions = crate::api::options("find_nodes", filter)?;
        block_nodes(&cx, ug.client.find_nodes(&ug.id, &f.into()))
    }

    /// Addresses of every node of the group.
    #[rhai_fn(global, name = "find_ip_addresses", pure, return_raw)]
    pub fn all_ip_addresses(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<Array> {
        find_ip_addresses(cx, ug, Map::new())
    }

    /// Addresses of the nodes matching the filter (as find_nodes).
    #[rhai_fn(global, pure, return_raw)]
    pub fn find_ip_addresses(cx: NativeCallContext, ug: &mut UnitGroup, filter: Map) -> Res<Array> {
        let f: NodeFilterOptions = crate::api::options("find_ip_addresses", filter)?;
        let ips = block(&cx, ug.client.find_ip_addresses(&ug.id, &f.into()))?;
        Ok(strings(ips))
    }

    /// The group's nodes as the SDK's df_nodes table.
    #[rhai_fn(global, pure, return_raw)]
    pub fn df_nodes(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<String> {
        let ns = block(&cx, ug.client.nodes(&ug.id))?;
        Ok(render(table::df_vc_nodes(&ns)))
    }

    /// Delete a unit and its nodes, waiting until it is gone.
    #[rhai_fn(global, name = "delete_unit", name = "delete_units", pure, return_raw)]
    pub fn delete_unit(cx: NativeCallContext, ug: &mut UnitGroup, name: &str) -> Res<()> {
        let p = Progress::stderr();
        block(&cx, ug.client.delete_unit(&ug.id, name, true, &p))
    }

    /// Delete every unit and node and the group itself, waiting until done. Delete a compute group
    /// before the storage group whose disks it uses.
    #[rhai_fn(global, pure, return_raw)]
    pub fn cleanup(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<()> {
        block(&cx, ug.client.cleanup(&ug.id, &Progress::stderr()))
    }

    /// Wait until nothing in the group is mid-transition (BOOTING, DELETING, POWERING_*, INDEFINITE),
    /// with progress; `false` when the group is gone by then. (get_ugroup does this already.)
    #[rhai_fn(global, pure, return_raw)]
    pub fn wait_settled(cx: NativeCallContext, ug: &mut UnitGroup) -> Res<bool> {
        block(&cx, ug.wait_settled(&Progress::stderr()))
    }
}

#[export_module]
mod unit_api {
    use super::{block, block_nodes, handle, render, state_value, strings, table, vcc_err};
    use crate::api::Res;
    use crate::api::{error, from_json};
    use crate::vcc::{
        AddNodesOptions, DeleteNodesOptions, NodeFilter, NodeFilterOptions, PowerOffNodesOptions,
        PowerOnNodesOptions, Progress,
    };
    use rhai::{Array, Map};

    pub type Unit = super::UnitH;
    pub type Spec = crate::vcc::Spec;

    /// `Unit(<group>/<unit>)`.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(unit: &mut Unit) -> String {
        format!("Unit({}/{})", unit.id.ugroup.name, unit.id.name)
    }

    /// The unit's name.
    #[rhai_fn(global, get = "name", pure)]
    pub fn name(unit: &mut Unit) -> String {
        unit.id.name.clone()
    }

    /// The unit's state, read from the VCC now (RUNNING, BOOTING, INDEFINITE…).
    #[rhai_fn(global, get = "state", pure, return_raw)]
    pub fn state(cx: NativeCallContext, unit: &mut Unit) -> Res<Dynamic> {
        Ok(state_value(block(&cx, unit.client.unit(&unit.id))?.state))
    }

    /// The unit's nodes, sorted by node number.
    #[rhai_fn(global, name = "nodes", name = "find_nodes", pure, return_raw)]
    pub fn nodes(cx: NativeCallContext, unit: &mut Unit) -> Res<Array> {
        block_nodes(&cx, unit.client.unit_nodes(&unit.id))
    }

    /// The unit's nodes matching the filter, sorted by node number.
    #[rhai_fn(global, pure, return_raw)]
    pub fn find_nodes(cx: NativeCallContext, unit: &mut Unit, filter: Map) -> Res<Array> {
        let f: NodeFilter = crate::api::options::<NodeFilterOptions>("find_nodes", filter)?.into();
        block_nodes(&cx, unit.client.find_unit_nodes(&unit.id, &f))
    }

    /// Addresses of the unit's nodes (node order: [0] is the first node).
    #[rhai_fn(global, name = "find_ip_addresses", pure, return_raw)]
    pub fn all_ip_addresses(cx: NativeCallContext, unit: &mut Unit) -> Res<Array> {
        find_ip_addresses(cx, unit, Map::new())
    }

    /// Addresses of the unit's nodes matching the filter.
    #[rhai_fn(global, pure, return_raw)]
    pub fn find_ip_addresses(cx: NativeCallContext, unit: &mut Unit, filter: Map) -> Res<Array> {
        let f: NodeFilter =
            crate::api::options::<NodeFilterOptions>("find_ip_addresses", filter)?.into();
        let ips = block(&cx, unit.client.find_unit_ip_addresses(&unit.id, &f))?;
        Ok(strings(ips))
    }

    /// What cannot change in place and differs between the unit on the VCC and `spec`: an array of
    /// `#{attribute, what, on_vcc, requested}` (what: flavor, root_disk, disk_size, image, provider, ssh_key);
    /// `[]` when the unit matches. A re-run compares before it reuses a unit.
    #[rhai_fn(global, name = "drift", pure, return_raw)]
    pub fn drift(cx: NativeCallContext, unit: &mut Unit, spec: Spec) -> Res<Array> {
        drift_ignoring(cx, unit, spec, Array::new())
    }

    /// What cannot change in place and differs between the unit on the VCC and `spec`: an array of
    /// `#{attribute, what, on_vcc, requested}` (what: flavor, root_disk, disk_size, image, provider, ssh_key);
    /// `[]` when the unit matches. A re-run compares before it reuses a unit. Attributes in `ignore` are skipped.
    #[rhai_fn(global, name = "drift", pure, return_raw)]
    pub fn drift_ignoring(
        cx: NativeCallContext,
        unit: &mut Unit,
        spec: Spec,
        ignore: Array,
    ) -> Res<Array> {
        let info = block(&cx, unit.client.unit(&unit.id))?.info;
        let ignore: Vec<String> = ignore.iter().map(|v| v.to_string()).collect();
        let d = handle::drift(&unit.id.name, info.as_deref(), &spec, &ignore)
            .map_err(|e| error("vcc::drift", e, None))?;
        Ok(d.iter().map(|x| from_json(&serde_json::json!(x))).collect())
    }

    /// The unit's nodes as the SDK's df_nodes table.
    #[rhai_fn(global, pure, return_raw)]
    pub fn df_nodes(cx: NativeCallContext, unit: &mut Unit) -> Res<String> {
        let ns = block(&cx, unit.client.unit_nodes(&unit.id))?;
        Ok(render(table::df_vc_nodes(&ns)))
    }

    /// Add nodes with the unit's spec: `#{num_add_nodes: 2}`, or `#{ip_addresses: [...]}` (count = number
    /// of addresses), optionally with `mac_addresses`. Waits until they settle; returns all nodes.
    /// With `wait: false`, returns as soon as the VCC accepted the request (the new nodes BOOTING):
    /// wait for them with `vcc::wait_all([unit])`.
    #[rhai_fn(global, pure, return_raw)]
    pub fn add_nodes(cx: NativeCallContext, unit: &mut Unit, opts: Map) -> Res<Array> {
        let mut opts = opts;
        let wait = crate::api::vcc_calls::take_wait("add_nodes", &mut opts)?;
        let add = crate::api::options::<AddNodesOptions>("add_nodes", opts)?.into();
        let p = Progress::stderr();
        if !wait {
            block(&cx, unit.client.start_add_nodes(&unit.id, &add, &p))?;
            return block_nodes(&cx, unit.client.unit_nodes(&unit.id));
        }
        block_nodes(&cx, unit.client.add_nodes(&unit.id, &add, &p))
    }

    #[rhai_fn(global, name = "delete_nodes", pure, return_raw)]
    pub fn delete_one_node(cx: NativeCallContext, unit: &mut Unit) -> Res<Array> {
        delete_nodes(cx, unit, Map::new())
    }

    /// Delete nodes of the unit, one at a time, waiting after each; returns the unit's nodes afterwards.
    /// At most one selector: `#{num_delete_nodes: n}`, `#{node_no: n}`, `#{ip_address: "…"}`,
    /// `#{ip_addresses: [...]}` or `#{cloud_instance_id: "…"}`; none = one node (as the SDK).
    #[rhai_fn(global, pure, return_raw)]
    pub fn delete_nodes(cx: NativeCallContext, unit: &mut Unit, selector: Map) -> Res<Array> {
        let o: DeleteNodesOptions = crate::api::options("delete_nodes", selector)?;
        let sel = o.selector().map_err(vcc_err)?;
        let p = Progress::stderr();
        block_nodes(&cx, unit.client.delete_nodes(&unit.id, &sel, &p))
    }

    #[rhai_fn(global, name = "power_off_nodes", pure, return_raw)]
    pub fn power_off_one_node(cx: NativeCallContext, unit: &mut Unit) -> Res<Array> {
        power_off_nodes(cx, unit, Map::new())
    }

    /// Power nodes off of the unit, one at a time, waiting after each; returns the unit's nodes afterwards.
    /// At most one selector: `#{num_power_off_nodes: n}`, `#{node_no: n}`, `#{ip_address: "…"}`,
    /// `#{ip_addresses: [...]}` or `#{cloud_instance_id: "…"}`; none = one node (as the SDK).
    #[rhai_fn(global, pure, return_raw)]
    pub fn power_off_nodes(cx: NativeCallContext, unit: &mut Unit, selector: Map) -> Res<Array> {
        let o: PowerOffNodesOptions = crate::api::options("power_off_nodes", selector)?;
        let sel = o.selector().map_err(vcc_err)?;
        let p = Progress::stderr();
        block_nodes(&cx, unit.client.power_off_nodes(&unit.id, &sel, &p))
    }

    #[rhai_fn(global, name = "power_on_nodes", pure, return_raw)]
    pub fn power_on_one_node(cx: NativeCallContext, unit: &mut Unit) -> Res<Array> {
        power_on_nodes(cx, unit, Map::new())
    }

    /// Power nodes on of the unit, one at a time, waiting after each; returns the unit's nodes afterwards.
    /// At most one selector: `#{num_power_on_nodes: n}`, `#{node_no: n}`, `#{ip_address: "…"}`,
    /// `#{ip_addresses: [...]}` or `#{cloud_instance_id: "…"}`; none = one node (as the SDK).
    #[rhai_fn(global, pure, return_raw)]
    pub fn power_on_nodes(cx: NativeCallContext, unit: &mut Unit, selector: Map) -> Res<Array> {
        let o: PowerOnNodesOptions = crate::api::options("power_on_nodes", selector)?;
        let sel = o.selector().map_err(vcc_err)?;
        let p = Progress::stderr();
        block_nodes(&cx, unit.client.power_on_nodes(&unit.id, &sel, &p))
    }
}

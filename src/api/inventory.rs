//! Bindings: `inventory::` (core in `crate::ansible::inventory`). Paths are relative to the
//! run's workdir.
use crate::ansible::AnsibleError;
use crate::api::Res;
use rhai::plugin::*;
use std::path::Path;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("inventory", exported_module!(inventory_api).into());
}

/// A core call on the inventory at `path` (in the workdir): its error as a script error at the
/// call's position.
fn run<T>(
    cx: &NativeCallContext,
    path: &str,
    f: impl FnOnce(&Path) -> Result<T, AnsibleError>,
) -> Res<T> {
    let r = crate::api::ctx(cx)
        .and_then(|c| f(&c.path_in(path)).map_err(|e| crate::api::from_diagnostic(&e)));
    crate::api::pos(cx, r)
}

/// The backup suffix a writing function's options ask for (`inventory::backup_suffix`).
fn backup(cx: &NativeCallContext, func: &str, opts: rhai::Map) -> Res<Option<String>> {
    let o: WriteOpts = crate::api::pos(cx, crate::api::options(func, opts))?;
    Ok(crate::ansible::inventory::backup_suffix(o.backup.as_ref()))
}

/// Options of the functions that write the inventory.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteOpts {
    /// Absent: `.bak`; `()` (present) must stay apart from absent, hence [`present`].
    #[serde(default, deserialize_with = "present")]
    backup: Option<serde_json::Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

fn to_map(v: serde_json::Value) -> rhai::Map {
    crate::api::map_of(&v)
}

#[export_module]
mod inventory_api {
    use super::{backup, run, to_map};
    use crate::ansible::inventory;
    use crate::api::Res;
    use crate::api::{pos, to_json};
    use rhai::{Array, Map};

    /// The YAML inventory at `path` (relative to the workdir); `#{}` when it does not exist.
    #[rhai_fn(return_raw)]
    pub fn load(cx: NativeCallContext, path: &str) -> Res<Map> {
        run(&cx, path, inventory::load).map(to_map)
    }

    #[rhai_fn(name = "update", return_raw)]
    pub fn update(cx: NativeCallContext, path: &str, new: Map) -> Res<Map> {
        update_with(cx, path, new, Map::new())
    }

    /// Merge `new` into the inventory like the notebooks' group.py: maps merge key by key, the new
    /// leaf wins, keys only in the old file stay (hosts are never removed this way). The old file
    /// is kept as `<path>.bak` (`#{ backup: ".orig" }` to change, `#{ backup: false }` for none).
    /// Returns the merged inventory.
    #[rhai_fn(name = "update", return_raw)]
    pub fn update_with(cx: NativeCallContext, path: &str, new: Map, opts: Map) -> Res<Map> {
        let backup = backup(&cx, "inventory::update", opts)?;
        let new = pos(&cx, to_json(&Dynamic::from_map(new)))?;
        run(&cx, path, |p| inventory::update(p, &new, backup.as_deref())).map(to_map)
    }

    #[rhai_fn(name = "set_hosts", return_raw)]
    pub fn set_hosts(
        cx: NativeCallContext,
        path: &str,
        group_path: Dynamic,
        hosts: Dynamic,
    ) -> Res<Map> {
        set_hosts_with(cx, path, group_path, hosts, Map::new())
    }

    /// Replace the hosts of one group: `group_path` names groups from `all` down, as an array or
    /// dotted (`["CoursewareHub", "worker"]` = `all.children.CoursewareHub.children.worker`);
    /// `hosts` is an array of addresses or a map of host → vars. Keeps `<path>.bak`.
    #[rhai_fn(name = "set_hosts", return_raw)]
    pub fn set_hosts_with(
        cx: NativeCallContext,
        path: &str,
        group_path: Dynamic,
        hosts: Dynamic,
        opts: Map,
    ) -> Res<Map> {
        let backup = backup(&cx, "inventory::set_hosts", opts)?;
        let groups = match group_path.read_lock::<Array>() {
            Some(a) => pos(
                &cx,
                crate::api::group_vars::strings(&a, "inventory::set_hosts"),
            )?,
            None => inventory::dotted(&group_path.to_string()),
        };
        let hosts = pos(&cx, to_json(&hosts))?;
        run(&cx, path, |p| {
            inventory::set_hosts(p, &groups, &hosts, backup.as_deref())
        })
        .map(to_map)
    }

    #[rhai_fn(name = "remove_group", return_raw)]
    pub fn remove_group(cx: NativeCallContext, path: &str, name: &str) -> Res<bool> {
        remove_group_with(cx, path, name, Map::new())
    }

    /// Remove a group and everything under it from `all.children`; returns whether it was there.
    /// Keeps `<path>.bak` when the file changes. Safe to repeat.
    #[rhai_fn(name = "remove_group", return_raw)]
    pub fn remove_group_with(
        cx: NativeCallContext,
        path: &str,
        name: &str,
        opts: Map,
    ) -> Res<bool> {
        let backup = backup(&cx, "inventory::remove_group", opts)?;
        run(&cx, path, |p| {
            inventory::remove_group(p, name, backup.as_deref())
        })
    }
}

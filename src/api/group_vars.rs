//! Bindings: `group_vars::` (core in `crate::ansible::group_vars`), in the run's workdir.
use crate::ansible::AnsibleError;
use crate::api::Res;
use rhai::Array;
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("group_vars", exported_module!(group_vars_api).into());
}

/// Array items as strings; `what` names the function in the error.
pub(super) fn strings(a: &Array, what: &str) -> Res<Vec<String>> {
    a.iter()
        .map(|v| {
            v.clone().into_string().map_err(|t| {
                crate::api::error(
                    "script::value",
                    crate::t!(
                        "ansible-api-expected-strings",
                        function = what,
                        got = crate::i18n::words::type_word(t).unwrap_or_else(|| t.to_string())
                    ),
                    None,
                )
            })
        })
        .collect()
}

/// The run's group_vars directory.
fn gv(cx: &NativeCallContext) -> Res<crate::ansible::group_vars::GroupVars> {
    Ok(crate::ansible::group_vars::GroupVars::new(
        &crate::api::ctx(cx)?.workdir,
    ))
}

/// A core call from a module function: its error as a script error at the call's position.
fn run<T>(
    cx: &NativeCallContext,
    f: impl FnOnce(&crate::ansible::group_vars::GroupVars) -> Result<T, AnsibleError>,
) -> Res<T> {
    crate::api::pos(
        cx,
        gv(cx).and_then(|g| f(&g).map_err(|e| crate::api::from_diagnostic(&e))),
    )
}

/// Options of `group_vars::remove`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveOpts {
    if_exists: Option<bool>,
}

/// Options of `group_vars::update`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateOpts {
    layout: Option<String>,
}

/// Options of `group_vars::show`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowOpts {
    all: Option<bool>,
}

#[export_module]
mod group_vars_api {
    use super::{RemoveOpts, ShowOpts, UpdateOpts, run};
    use crate::api::Res;
    use crate::api::{from_json, options, pos, to_json};
    use rhai::{Array, Map};

    /// A group's variables as Ansible sees them: `group_vars/all` (file or directory), then the
    /// group's own (`group_vars/<g>`, `<g>.yml` or a directory) over it. `#{}` for a new group.
    #[rhai_fn(return_raw)]
    pub fn load(cx: NativeCallContext, group: &str) -> Res<Map> {
        let v = run(&cx, |g| g.load(group))?;
        Ok(v.iter()
            .map(|(k, v)| (k.as_str().into(), from_json(v)))
            .collect())
    }

    /// One variable of a group (after merging `all`), or `()` when it is not set.
    #[rhai_fn(return_raw)]
    pub fn get(cx: NativeCallContext, group: &str, key: &str) -> Res<Dynamic> {
        let v = run(&cx, |g| g.load(group))?;
        Ok(v.get(key).map(from_json).unwrap_or(Dynamic::UNIT))
    }

    /// Set variables in the group's own file (never `all`), keeping its layout; a new group gets
    /// `group_vars/<g>.yml`. Written atomically, keys sorted, ambiguous strings quoted like PyYAML.
    /// Example: `group_vars::update("CoursewareHub", #{ vc_nodes: 3 });`
    #[rhai_fn(name = "update", return_raw)]
    pub fn update(cx: NativeCallContext, group: &str, values: Map) -> Res<()> {
        update_with(cx, group, values, Map::new())
    }

    /// As `group_vars::update(group, values)`; `#{ layout: "plain" }` gives a new group
    /// `group_vars/<g>` without extension, as today's notebooks (011/021/031) write it
    /// (`"yml"`, the default: `<g>.yml`). An existing group keeps its layout either way.
    #[rhai_fn(name = "update", return_raw)]
    pub fn update_with(cx: NativeCallContext, group: &str, values: Map, opts: Map) -> Res<()> {
        let o: UpdateOpts = pos(&cx, options("group_vars::update", opts))?;
        let plain = match o.layout.as_deref() {
            None | Some("yml") => false,
            Some("plain") => true,
            Some(other) => {
                let msg = crate::t!("ansible-api-bad-layout", layout = other);
                return pos(&cx, Err(crate::api::error("script::value", msg, None)));
            }
        };
        let values = match pos(&cx, to_json(&Dynamic::from_map(values)))? {
            serde_json::Value::Object(m) => m,
            other => {
                let msg = crate::t!("ansible-api-expected-map", got = other.to_string());
                return pos(&cx, Err(crate::api::error("script::value", msg, None)));
            }
        };
        run(&cx, |g| g.update_in(group, &values, plain)).map(|_| ())
    }

    /// Move the group's own variables aside as the deletion notebook (991) does: `group_vars/<g>`
    /// (or `<g>.yml`, or a directory) becomes the hidden `group_vars/.<name>.bak`, replacing an older
    /// one. Returns the new path, or `()` when the group has none (safe to repeat).
    #[rhai_fn(return_raw)]
    pub fn retire(cx: NativeCallContext, group: &str) -> Res<Dynamic> {
        let p = run(&cx, |g| g.retire(group))?;
        Ok(p.map(|p| Dynamic::from(p.display().to_string()))
            .unwrap_or(Dynamic::UNIT))
    }

    #[rhai_fn(name = "remove", return_raw)]
    pub fn remove(cx: NativeCallContext, group: &str, keys: Array) -> Res<Array> {
        remove_with(cx, group, keys, Map::new())
    }

    /// Remove keys from the group's own variables; returns the keys removed. A key that is not
    /// there is an error unless `#{ if_exists: true }`.
    #[rhai_fn(name = "remove", return_raw)]
    pub fn remove_with(cx: NativeCallContext, group: &str, keys: Array, opts: Map) -> Res<Array> {
        let o: RemoveOpts = pos(&cx, options("group_vars::remove", opts))?;
        let keys = pos(&cx, super::strings(&keys, "group_vars::remove"))?;
        let removed = run(&cx, |g| {
            g.remove(group, &keys, o.if_exists.unwrap_or(false))
        })?;
        Ok(removed.into_iter().map(Dynamic::from).collect())
    }

    #[rhai_fn(name = "show", return_raw)]
    pub fn show(cx: NativeCallContext, group: &str) -> Res<String> {
        show_with(cx, group, Map::new())
    }

    /// The merged variables as `key: <json>` lines, hiding keys that contain "password" unless
    /// `#{ all: true }`. Example: `print(group_vars::show("CoursewareHub"))`
    #[rhai_fn(name = "show", return_raw)]
    pub fn show_with(cx: NativeCallContext, group: &str, opts: Map) -> Res<String> {
        let o: ShowOpts = pos(&cx, options("group_vars::show", opts))?;
        run(&cx, |g| g.show(group, o.all.unwrap_or(false)))
    }
}

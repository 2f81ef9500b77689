//! Bindings: start now, wait later (core in `crate::vcc::Client::start_unit`, `wait_all`).
//! `ug.create_unit(name, spec, #{ wait: false })` returns as soon as the VCC accepted the unit;
//! `vcc::wait_all([...])` waits for several units at once, with one live line each.
use crate::api::unit_group::{Ugroup, UnitH};
use crate::api::vcc_calls::block;
use rhai::plugin::*;

/// The functions of the `vcc::` namespace defined here (merged into it by `api::vcc`).
pub fn vcc_functions() -> rhai::Module {
    exported_module!(wait_vcc)
}

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(wait_methods).into());
}

/// `create_unit`'s options.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateOptions {
    /// false: return as soon as the VCC accepted the unit (wait later with vcc::wait_all).
    wait: Option<bool>,
}

#[export_module]
mod wait_methods {
    use super::CreateOptions;
    use crate::api::Res;
    use crate::vcc::Progress;
    use rhai::Map;

    pub type UnitGroup = super::Ugroup;
    pub type Unit = super::UnitH;
    pub type Spec = crate::vcc::Spec;

    /// Create a unit from a spec; `#{ wait: false }` returns as soon as the VCC accepted it, while
    /// its nodes boot, so that other units can boot meanwhile: wait for them together with
    /// `vcc::wait_all([...])`. `#{ wait: true }` is `create_unit(name, spec)`.
    /// Example: `let w = ug.create_unit("worker", spec, #{ wait: false }); … vcc::wait_all([w, m]);`
    #[rhai_fn(global, name = "create_unit", pure, return_raw)]
    pub fn create_unit_with(
        cx: NativeCallContext,
        ug: &mut UnitGroup,
        name: &str,
        spec: Spec,
        options: Map,
    ) -> Res<Unit> {
        let o: CreateOptions = crate::api::options("create_unit", options)?;
        let p = Progress::stderr();
        if o.wait.unwrap_or(true) {
            super::block(&cx, ug.client.create_unit(&ug.id, name, &spec, &p))?;
        } else {
            super::block(&cx, ug.client.start_unit(&ug.id, name, &spec, &p))?;
        }
        Ok(ug.unit(name))
    }
}

/// A value as a message shows it: at most 40 characters.
fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

#[export_module]
mod wait_vcc {
    use super::short;
    use crate::api::{Res, error};
    use crate::vcc::Progress;
    use rhai::Array;

    /// Wait for several units at once (started with `create_unit(…, #{ wait: false })` or
    /// `add_nodes(#{ …, wait: false })`): one live line per unit (state, time, nodes up), one
    /// summary line when all are up. The VCC is asked once per interval for all of them. A unit
    /// in ERROR does not stop the wait for the others: the error names every unit that failed
    /// and how the others ended. Returns the units' final states.
    /// Example: `vcc::wait_all([worker, manager]);`
    #[rhai_fn(return_raw)]
    pub fn wait_all(cx: NativeCallContext, units: Array) -> Res<Array> {
        let mut handles: Vec<super::UnitH> = Vec::new();
        for (i, v) in units.iter().enumerate() {
            match v.read_lock::<super::UnitH>() {
                Some(u) => handles.push(u.clone()),
                None => {
                    return Err(error(
                        "script::value",
                        crate::t!(
                            "vcc-wait-all-not-unit",
                            item = i,
                            value = short(&v.to_string())
                        ),
                        None,
                    ));
                }
            }
        }
        let Some(first) = handles.first() else {
            return Ok(Array::new());
        };
        let ids: Vec<_> = handles.iter().map(|h| h.id.clone()).collect();
        let states = super::block(&cx, first.client.wait_all(&ids, &Progress::stderr()))?;
        Ok(states
            .into_iter()
            .map(|s| s.map_or(Dynamic::UNIT, |s| Dynamic::from(s.to_string())))
            .collect())
    }
}

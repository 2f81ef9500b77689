//! Bindings: `ansible_cfg::` (core in `crate::ansible::cfg`), in the run's workdir.
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("ansible_cfg", exported_module!(ansible_cfg_api).into());
}

/// Options of `ansible_cfg::setup`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SetupOpts {
    /// `[defaults]` keys written instead of the seed's (a map; checked in `setup`).
    defaults: Option<Dynamic>,
}

#[export_module]
mod ansible_cfg_api {
    use super::SetupOpts;
    use crate::ansible::cfg;
    use crate::api::Res;
    use crate::api::{ctx, error, from_diagnostic, options, pos};

    #[rhai_fn(name = "setup", return_raw)]
    pub fn setup(cx: NativeCallContext, inventory: &str) -> Res<String> {
        setup_with(cx, inventory, rhai::Map::new())
    }

    /// Write `ansible.cfg` in the workdir with `[defaults] inventory` = the absolute inventory path,
    /// keeping every other key and comment of an existing file (old file kept as `ansible.cfg.bak`),
    /// and make the directory non-world-writable (Ansible ignores the file otherwise). Without
    /// options it also sets the seed notebook's defaults (deprecation_warnings = False,
    /// force_valid_group_names = ignore); `#{ defaults: #{…} }` replaces them. `command_warnings`
    /// is never written: newer Ansible rejects it. Returns the path written.
    #[rhai_fn(name = "setup", return_raw)]
    pub fn setup_with(cx: NativeCallContext, inventory: &str, opts: rhai::Map) -> Res<String> {
        let r = (|| {
            let o: SetupOpts = options("ansible_cfg::setup", opts)?;
            let defaults = match o.defaults {
                None => cfg::seed_defaults(),
                Some(d) => d
                    .try_cast::<rhai::Map>()
                    .ok_or_else(|| {
                        error(
                            "script::value",
                            crate::t!("ansible-api-defaults-not-map"),
                            None,
                        )
                    })?
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            };
            let c = ctx(&cx)?;
            let p = cfg::setup(&c.workdir, &c.path_in(inventory), &defaults)
                .map_err(|e| from_diagnostic(&e))?;
            Ok(p.display().to_string())
        })();
        pos(&cx, r)
    }
}

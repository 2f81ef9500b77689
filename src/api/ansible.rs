//! Bindings: `group_vars::`, `inventory::`, `ansible_cfg::` (core in `crate::ansible`). Paths
//! are relative to the run's workdir.
use crate::ansible::{cfg, group_vars::GroupVars, inventory};
use crate::api::{check_opts, doc, from_diagnostic, from_json, to_json};
use crate::script::ctx::Ctx;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, Module};
use std::path::PathBuf;
use std::sync::Arc;

type Res<T> = Result<T, Box<EvalAltResult>>;

fn path_in(ctx: &Ctx, p: &str) -> PathBuf {
    ctx.path_in(p)
}

fn json_map(v: &Dynamic, what: &str) -> Res<serde_json::Map<String, serde_json::Value>> {
    match to_json(v)? {
        serde_json::Value::Object(m) => Ok(m),
        other => Err(crate::api::error(
            "value",
            format!("{what}: expected a map, got {other}"),
            None,
        )),
    }
}

fn strings(a: &Array, what: &str) -> Res<Vec<String>> {
    a.iter()
        .map(|v| {
            v.clone().into_string().map_err(|t| {
                crate::api::error("value", format!("{what}: expected strings, got {t}"), None)
            })
        })
        .collect()
}

fn backup_opt(func: &str, opts: &Map) -> Res<Option<String>> {
    check_opts(func, opts, &["backup"])?;
    Ok(match opts.get("backup") {
        None => Some(".bak".into()),
        Some(v) if v.is_unit() => None,
        Some(v) if v.is_bool() => v.as_bool().unwrap_or(true).then(|| ".bak".to_string()),
        Some(v) => Some(v.to_string()),
    })
}

pub fn register(engine: &mut Engine, ctx: &Arc<Ctx>) {
    engine.register_static_module("group_vars", group_vars_module(ctx).into());
    engine.register_static_module("inventory", inventory_module(ctx).into());
    engine.register_static_module("ansible_cfg", cfg_module(ctx).into());
}

fn group_vars_module(ctx: &Arc<Ctx>) -> Module {
    let mut m = Module::new();
    let gv = |c: &Ctx| GroupVars::new(&c.workdir);
    let c = ctx.clone();
    doc(
        "load",
        &["group: String", "Map"],
        "A group's variables as Ansible sees them: `group_vars/all` (file or directory), then the\n\
         group's own (`group_vars/<g>`, `<g>.yml` or a directory) over it. `#{}` for a new group.",
    )
    .set_into_module(
        &mut m,
        crate::api::with_pos1(move |g: ImmutableString| -> Res<Dynamic> {
            let v = gv(&c).load(&g).map_err(|e| from_diagnostic(&e))?;
            Ok(from_json(&serde_json::Value::Object(v)))
        }),
    );
    let c = ctx.clone();
    doc(
        "get",
        &["group: String", "key: String", "Dynamic"],
        "One variable of a group (after merging `all`), or `()` when it is not set.",
    )
    .set_into_module(
        &mut m,
        move |g: ImmutableString, k: ImmutableString| -> Res<Dynamic> {
            let v = gv(&c).load(&g).map_err(|e| from_diagnostic(&e))?;
            Ok(v.get(k.as_str()).map(from_json).unwrap_or(Dynamic::UNIT))
        },
    );
    let c = ctx.clone();
    doc(
        "update",
        &["group: String", "values: Map", "()"],
        "Set variables in the group's own file (never `all`), keeping its layout; a new group gets\n\
         `group_vars/<g>.yml`. Written atomically, keys sorted, ambiguous strings quoted like PyYAML.\n\
         Example: `group_vars::update(\"CoursewareHub\", #{ vc_nodes: 3 });`",
    )
    .set_into_module(&mut m, crate::api::with_pos2(move |g: ImmutableString, values: Map| -> Res<()> {
        let values = json_map(&Dynamic::from_map(values), "group_vars::update")?;
        gv(&c).update(&g, &values).map_err(|e| from_diagnostic(&e))?;
        Ok(())
    }));
    let c = ctx.clone();
    doc(
        "retire",
        &["group: String", "Dynamic"],
        "Move the group's own variables aside as the deletion notebook (991) does: `group_vars/<g>`\n\
         (or `<g>.yml`, or a directory) becomes the hidden `group_vars/.<name>.bak`, replacing an older\n\
         one. Returns the new path, or `()` when the group has none (safe to repeat).",
    )
    .set_into_module(
        &mut m,
        crate::api::with_pos1(move |g: ImmutableString| -> Res<Dynamic> {
            let p = gv(&c).retire(&g).map_err(|e| from_diagnostic(&e))?;
            Ok(p.map(|p| Dynamic::from(p.display().to_string()))
                .unwrap_or(Dynamic::UNIT))
        }),
    );
    for with_opts in [false, true] {
        let c = ctx.clone();
        let params: &[&str] = if with_opts {
            &["group: String", "keys: Array", "opts: Map", "Array"]
        } else {
            &["group: String", "keys: Array", "Array"]
        };
        let f = move |g: ImmutableString, keys: Array, opts: Map| -> Res<Array> {
            check_opts("group_vars::remove", &opts, &["if_exists"])?;
            let if_exists = opts
                .get("if_exists")
                .and_then(|v| v.as_bool().ok())
                .unwrap_or(false);
            let keys = strings(&keys, "group_vars::remove")?;
            let removed = gv(&c)
                .remove(&g, &keys, if_exists)
                .map_err(|e| from_diagnostic(&e))?;
            Ok(removed.into_iter().map(Dynamic::from).collect())
        };
        let d = doc(
            "remove",
            params,
            "Remove keys from the group's own variables; returns the keys removed. A key that is not\n\
             there is an error unless `#{ if_exists: true }`.",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos3(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos2(move |g: ImmutableString, keys: Array| {
                    f(g, keys, Map::new())
                }),
            );
        }
    }
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |g: ImmutableString, opts: Map| -> Res<String> {
            check_opts("group_vars::show", &opts, &["all"])?;
            let all = opts
                .get("all")
                .and_then(|v| v.as_bool().ok())
                .unwrap_or(false);
            gv(&c).show(&g, all).map_err(|e| from_diagnostic(&e))
        };
        let d = doc(
            "show",
            if with_opts {
                &["group: String", "opts: Map", "String"]
            } else {
                &["group: String", "String"]
            },
            "The merged variables as `key: <json>` lines, hiding keys that contain \"password\" unless\n\
             `#{ all: true }`. Example: `print(group_vars::show(\"CoursewareHub\"))`",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos2(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos1(move |g: ImmutableString| f(g, Map::new())),
            );
        }
    }
    m
}

fn inventory_module(ctx: &Arc<Ctx>) -> Module {
    let mut m = Module::new();
    let c = ctx.clone();
    doc(
        "load",
        &["path: String", "Map"],
        "The YAML inventory at `path` (relative to the workdir); `#{}` when it does not exist.",
    )
    .set_into_module(
        &mut m,
        crate::api::with_pos1(move |p: ImmutableString| -> Res<Dynamic> {
            let v = inventory::load(&path_in(&c, &p)).map_err(|e| from_diagnostic(&e))?;
            Ok(from_json(&v))
        }),
    );
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |p: ImmutableString, new: Map, opts: Map| -> Res<Dynamic> {
            let backup = backup_opt("inventory::update", &opts)?;
            let new =
                serde_json::Value::Object(json_map(&Dynamic::from_map(new), "inventory::update")?);
            let v = inventory::update(&path_in(&c, &p), &new, backup.as_deref())
                .map_err(|e| from_diagnostic(&e))?;
            Ok(from_json(&v))
        };
        let d = doc(
            "update",
            if with_opts {
                &["path: String", "new: Map", "opts: Map", "Map"]
            } else {
                &["path: String", "new: Map", "Map"]
            },
            "Merge `new` into the inventory like the notebooks' group.py: maps merge key by key, the new\n\
             leaf wins, keys only in the old file stay (hosts are never removed this way). The old file\n\
             is kept as `<path>.bak` (`#{ backup: \".orig\" }` to change, `#{ backup: false }` for none).\n\
             Returns the merged inventory.",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos3(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos2(move |p: ImmutableString, new: Map| f(p, new, Map::new())),
            );
        }
    }
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |p: ImmutableString,
                      group_path: Dynamic,
                      hosts: Dynamic,
                      opts: Map|
              -> Res<Dynamic> {
            let backup = backup_opt("inventory::set_hosts", &opts)?;
            let gp: Vec<String> = if let Some(a) = group_path.read_lock::<Array>() {
                strings(&a, "inventory::set_hosts")?
            } else {
                group_path
                    .to_string()
                    .split('.')
                    .map(str::to_string)
                    .collect()
            };
            let hosts = to_json(&hosts)?;
            let v = inventory::set_hosts(&path_in(&c, &p), &gp, &hosts, backup.as_deref())
                .map_err(|e| from_diagnostic(&e))?;
            Ok(from_json(&v))
        };
        let d = doc(
            "set_hosts",
            if with_opts {
                &[
                    "path: String",
                    "group_path: Dynamic",
                    "hosts: Dynamic",
                    "opts: Map",
                    "Map",
                ]
            } else {
                &[
                    "path: String",
                    "group_path: Dynamic",
                    "hosts: Dynamic",
                    "Map",
                ]
            },
            "Replace the hosts of one group: `group_path` names groups from `all` down, as an array or\n\
             dotted (`[\"CoursewareHub\", \"worker\"]` = `all.children.CoursewareHub.children.worker`);\n\
             `hosts` is an array of addresses or a map of host → vars. Keeps `<path>.bak`.",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos4(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos3(move |p: ImmutableString, g: Dynamic, h: Dynamic| {
                    f(p, g, h, Map::new())
                }),
            );
        }
    }
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |p: ImmutableString, name: ImmutableString, opts: Map| -> Res<bool> {
            let backup = backup_opt("inventory::remove_group", &opts)?;
            inventory::remove_group(&path_in(&c, &p), &name, backup.as_deref())
                .map_err(|e| from_diagnostic(&e))
        };
        let d = doc(
            "remove_group",
            if with_opts {
                &["path: String", "name: String", "opts: Map", "bool"]
            } else {
                &["path: String", "name: String", "bool"]
            },
            "Remove a group and everything under it from `all.children`; returns whether it was there.\n\
             Keeps `<path>.bak` when the file changes. Safe to repeat.",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos3(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos2(move |p: ImmutableString, n: ImmutableString| {
                    f(p, n, Map::new())
                }),
            );
        }
    }
    m
}

fn cfg_module(ctx: &Arc<Ctx>) -> Module {
    let mut m = Module::new();
    for with_opts in [false, true] {
        let c = ctx.clone();
        let f = move |inv: ImmutableString, opts: Map| -> Res<String> {
            check_opts("ansible_cfg::setup", &opts, &["defaults"])?;
            let defaults: Vec<(String, String)> = match opts.get("defaults") {
                None => cfg::SEED_DEFAULTS
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                Some(d) => {
                    let mm = d.read_lock::<Map>().ok_or_else(|| {
                        crate::api::error(
                            "value",
                            "ansible_cfg::setup: `defaults` must be a map",
                            None,
                        )
                    })?;
                    mm.iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect()
                }
            };
            let p = cfg::setup(&c.workdir, &path_in(&c, &inv), &defaults)
                .map_err(|e| from_diagnostic(&e))?;
            Ok(p.display().to_string())
        };
        let d = doc(
            "setup",
            if with_opts {
                &["inventory: String", "opts: Map", "String"]
            } else {
                &["inventory: String", "String"]
            },
            "Write `ansible.cfg` in the workdir with `[defaults] inventory` = the absolute inventory path,\n\
             keeping every other key and comment of an existing file (old file kept as `ansible.cfg.bak`),\n\
             and make the directory non-world-writable (Ansible ignores the file otherwise). Without\n\
             options it also sets the seed notebook's defaults (deprecation_warnings = False,\n\
             force_valid_group_names = ignore); `#{ defaults: #{…} }` replaces them. `command_warnings`\n\
             is never written: newer Ansible rejects it. Returns the path written.",
        );
        if with_opts {
            d.set_into_module(&mut m, crate::api::with_pos2(f));
        } else {
            d.set_into_module(
                &mut m,
                crate::api::with_pos1(move |inv: ImmutableString| f(inv, Map::new())),
            );
        }
    }
    m
}

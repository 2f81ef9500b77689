//! Bindings: `known_hosts::` (core in `crate::ssh::keyscan` and `crate::ssh::known_hosts`).
use crate::api::ssh::bad_option;
use crate::api::{Res, from_diagnostic, from_json, options};
use crate::options::{Int, Seconds};
use crate::ssh::{ScanOptions, keyscan, known_hosts};
use rhai::plugin::*;
use rhai::{Array, Map};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("known_hosts", exported_module!(known_hosts_api).into());
}

/// `known_hosts::refresh` options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefreshOpts {
    file: Option<String>,
    attempts: Option<Int>,
    delay: Option<Seconds>,
    timeout: Option<Seconds>,
    port: Option<Int>,
    nodes: Option<Nodes>,
}

/// `nodes: ug.nodes()`: the VC node id behind each address (address → node id); nodes without
/// an address are skipped, any other key of a node map is ignored.
struct Nodes(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for Nodes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Nodes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("ssh-api-nodes-expected"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Nodes, A::Error> {
                let mut ids = BTreeMap::new();
                while let Some(n) = s.next_element::<Dynamic>()? {
                    let m = n
                        .try_cast::<Map>()
                        .ok_or_else(|| serde::de::Error::custom(crate::t!("ssh-api-nodes-maps")))?;
                    if let (Some(a), Some(id)) = (m.get("cloud_instance_address"), m.get("id"))
                        && !a.is_unit()
                    {
                        ids.insert(a.to_string(), id.to_string());
                    }
                }
                Ok(Nodes(ids))
            }
        }
        d.deserialize_any(V)
    }
}

/// `known_hosts::remove` options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveOpts {
    file: Option<String>,
}

/// The known_hosts file: `file` in the run's directory, else ~/.ssh/known_hosts.
fn file(cx: &NativeCallContext, file: Option<String>) -> Res<PathBuf> {
    Ok(match file {
        Some(f) => crate::api::ctx(cx)?.path_in(&f),
        None => known_hosts::default_path(),
    })
}

fn refresh(cx: &NativeCallContext, hosts: &Array, opts: Map) -> Res<Array> {
    let o: RefreshOpts = options("known_hosts::refresh", opts)?;
    let c = crate::api::ctx(cx)?;
    let ids = o.nodes.map(|n| n.0);
    let file = file(cx, o.file)?;
    let so =
        ScanOptions::from_script(o.attempts, o.delay, o.timeout, o.port).map_err(bad_option)?;
    let hosts: Vec<String> = hosts.iter().map(|v| v.to_string()).collect();
    let outcomes = c
        .block_on(keyscan::refresh_nodes(&file, &hosts, ids.as_ref(), &so))?
        .and_then(|o| keyscan::checked(o, so.attempts))
        .map_err(|e| from_diagnostic(&e))?;
    Ok(outcomes
        .iter()
        .map(|o| from_json(&serde_json::to_value(o).unwrap_or_default()))
        .collect())
}

fn remove(cx: &NativeCallContext, host: &str, opts: Map) -> Res<rhai::INT> {
    let o: RemoveOpts = options("known_hosts::remove", opts)?;
    let n = known_hosts::remove_destination(&file(cx, o.file)?, host)
        .map_err(|e| from_diagnostic(&e))?;
    Ok(n as rhai::INT)
}

#[export_module]
mod known_hosts_api {
    use crate::api::Res;
    use crate::api::pos;
    use rhai::{Array, Map};

    #[rhai_fn(return_raw)]
    pub fn refresh(cx: NativeCallContext, hosts: Array) -> Res<Array> {
        pos(&cx, super::refresh(&cx, &hosts, Map::new()))
    }

    /// Refresh known_hosts for these hosts, as the notebooks' `ssh-keygen -R` + `ssh-keyscan -H` loop:
    /// scan every host key type in parallel with retry (10 attempts, 1 s apart), drop entries whose
    /// key is gone, append hashed ones for new keys, atomically; keys already recorded stay as they
    /// are, so the same keys leave the file untouched (no rewrite, no `.old`). Options `#{file, attempts, delay, timeout, port, nodes}`; the file
    /// defaults to ~/.ssh/known_hosts. A host that gives no key is an error naming it.
    /// With `nodes: ug.nodes()` the VC node id behind each address is recorded (FILE.cwh-nodes): a
    /// host whose keys changed is replaced with a warning when its node id changed (a re-created VM)
    /// and refused when it is the same node.
    #[rhai_fn(name = "refresh", return_raw)]
    pub fn refresh_with(cx: NativeCallContext, hosts: Array, opts: Map) -> Res<Array> {
        pos(&cx, super::refresh(&cx, &hosts, opts))
    }

    #[rhai_fn(return_raw)]
    pub fn remove(cx: NativeCallContext, host: &str) -> Res<rhai::INT> {
        pos(&cx, super::remove(&cx, host, Map::new()))
    }

    /// Remove a host's entries (plain and hashed) like `ssh-keygen -R`; returns how many were removed.
    #[rhai_fn(name = "remove", return_raw)]
    pub fn remove_with(cx: NativeCallContext, host: &str, opts: Map) -> Res<rhai::INT> {
        pos(&cx, super::remove(&cx, host, opts))
    }
}

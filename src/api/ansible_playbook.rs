//! Bindings: `ansible::playbook(path, opts)` (core in `crate::ansible::playbook`).
//! The result is a map `#{playbook, check, rc, ok, hosts, changed, failures, diffs}`; a failed
//! task or an unreachable host is an error map with `host`, `task`, `failures` and `result`
//! besides `kind`/`message`/`help`.
use crate::ansible::playbook::{PlaybookError, PlaybookOptions, PlaybookResult};
use crate::api::{Res, error, from_diagnostic, from_json, options};
use crate::options::{Seconds, Text};
use rhai::Map;
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("ansible", exported_module!(ansible_api).into());
}

/// A list of tags: `"a,b"` or `["a", "b"]`.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Tags {
    One(String),
    Many(Vec<Text>),
}

impl Tags {
    fn words(self) -> Vec<String> {
        match self {
            Tags::One(s) => s
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            Tags::Many(v) => v.into_iter().map(|t| t.0).collect(),
        }
    }
}

/// The options of `ansible::playbook`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Opts {
    limit: Option<Text>,
    extra_vars: Option<serde_json::Map<String, serde_json::Value>>,
    tags: Option<Tags>,
    skip_tags: Option<Tags>,
    check: Option<bool>,
    diff: Option<bool>,
    inventory: Option<String>,
    timeout: Option<Seconds>,
}

fn playbook_options(c: &crate::script::ctx::Ctx, m: Map) -> Res<PlaybookOptions> {
    let o: Opts = options("ansible::playbook", m)?;
    let timeout = o
        .timeout
        .map(|t| t.duration("timeout"))
        .transpose()
        .map_err(|e| error("script::options", format!("ansible::playbook: {e}"), None))?;
    Ok(PlaybookOptions {
        limit: o.limit.map(|l| l.0).filter(|l| !l.is_empty()),
        extra_vars: o.extra_vars.unwrap_or_default(),
        tags: o.tags.map(Tags::words).unwrap_or_default(),
        skip_tags: o.skip_tags.map(Tags::words).unwrap_or_default(),
        check: o.check.unwrap_or(false),
        diff: o.diff.unwrap_or(false),
        inventory: o.inventory.map(|i| c.path_in(&i)),
        timeout,
        echo: None,
    })
}

/// A value for the script with every registered secret masked (diffs and messages may echo one).
fn masked(v: &impl serde::Serialize) -> Dynamic {
    let text = serde_json::to_string(v).unwrap_or_default();
    let text = crate::redact::redact(&text);
    from_json(&serde_json::from_str(&text).unwrap_or_default())
}

fn result_map(r: &PlaybookResult) -> Map {
    masked(r).try_cast::<Map>().unwrap_or_default()
}

fn playbook_err(e: PlaybookError) -> Box<EvalAltResult> {
    let mut err = from_diagnostic(&e);
    if let Some(r) = e.result()
        && let EvalAltResult::ErrorRuntime(v, _) = err.as_mut()
        && let Some(mut m) = v.write_lock::<Map>()
    {
        if let Some(f) = r
            .failures
            .iter()
            .find(|f| !f.unreachable)
            .or(r.failures.first())
        {
            m.insert("host".into(), f.host.clone().into());
            m.insert("task".into(), f.task.clone().into());
        }
        m.insert("failures".into(), masked(&r.failures));
        m.insert("result".into(), result_map(r).into());
    }
    err
}

#[export_module]
mod ansible_api {
    use super::{playbook_err, playbook_options, result_map};
    use crate::api::{Res, ctx, pos};
    use rhai::Map;

    /// Run a playbook with default options (see playbook(path, opts)).
    #[rhai_fn(name = "playbook", return_raw)]
    pub fn playbook(cx: NativeCallContext, path: &str) -> Res<Map> {
        playbook_with(cx, path, Map::new())
    }

    /// Run `ansible-playbook` from the workdir with its ansible.cfg and inventory, as the notebooks'
    /// `!ansible-playbook -l … -e … playbooks/X.yml` cells. Options `#{limit, extra_vars, tags,
    /// skip_tags, check, diff, inventory, timeout}`: `extra_vars` is a map handed to Ansible in a
    /// private file (never on a command line), `inventory` a file instead of the one ansible.cfg names,
    /// `timeout` in seconds (default 3600). Progress goes to stderr (-v: Ansible's own output).
    /// Returns `#{ok, rc, check, hosts, changed, failures, diffs}`: `hosts` maps each host to
    /// `#{status, ok, changed, unreachable, failed, skipped}` (status "changed", "ok", …), `changed`
    /// lists the hosts that changed (in check mode: would change). A failed task or an unreachable
    /// host is an error (`ansible::failed`, `ansible::unreachable`) naming the host, the task and
    /// Ansible's message, with `e.host`, `e.task`, `e.failures`, `e.result`; a `limit` matching no
    /// host is `ansible::no_hosts`. Under --plan it runs with check and diff, changing nothing.
    /// Ansible: $CWH_ANSIBLE_VENV, else PATH, else ~/.cache/cwh/ansible-venv (`cwh ansible install`).
    /// Example: `ansible::playbook("playbooks/setup-admin-user.yml", #{ limit: ug + "_manager", extra_vars: vars })`
    #[rhai_fn(name = "playbook", return_raw)]
    pub fn playbook_with(cx: NativeCallContext, path: &str, opts: Map) -> Res<Map> {
        let r = (|| {
            let c = ctx(&cx)?;
            let o = playbook_options(&c, opts)?;
            let wd = c.workdir.clone();
            let res =
                c.block_on(async move { crate::ansible::playbook::run(&wd, path, &o).await })?;
            res.map(|r| result_map(&r)).map_err(playbook_err)
        })();
        pos(&cx, r)
    }
}

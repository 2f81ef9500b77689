//! The VCC REST client (vcc-rest.md §2): the SDK's start-up handshake and every endpoint the
//! SDK calls, on top of [`crate::vcc::http`] (time-outs, GET retries, mutations re-checked
//! against the VCC's state instead of blindly re-sent).
//!
//! Handles ([`UgroupId`], [`UnitId`]) are ids only; every call re-reads the VCC. All futures are
//! drop-safe: cancelling one (the host selects on a cancellation token) just stops it.
use crate::t;
use crate::vcc::cci;
use crate::vcc::config::{Config, Ordered};
use crate::vcc::error::clean;
use crate::vcc::http::{ConnectOptions, Transport};
use crate::vcc::model::{
    AddNodes, NodeFilter, NodeOp, NodeSelector, State, UgroupId, UgroupKind, Unit, UnitGroup,
    UnitId, VcNode, VersionInfo, is_transitional,
};
use crate::vcc::spec::{Spec, valid_unit_name};
use crate::vcc::target::Target;
use crate::vcc::wait::{Poll, Progress, UnitStatus, WaitOptions, poll_until};
use crate::vcc::{Result, VccError};
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

struct Inner {
    t: Transport,
    config: Config,
    wait: WaitOptions,
    authority: Value,
    simulator: Option<String>,
    target: Target,
    /// The unit groups as the handshake's `GET /vcs` gave them (the run's "before").
    initial: Vec<UnitGroup>,
    /// Who creates unit groups through this client (see [`Client::set_creator`]).
    creator: OnceLock<String>,
    /// The vcids of the unit groups this client created.
    created: std::sync::Mutex<Vec<String>>,
}

/// A connected VCC client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.t.base)
            .field("token", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Build the HTTP client and do the SDK's handshake (`GET ""`, `GET /vcs`,
    /// `GET /accounts/authority`). A wrong token fails here with [`VccError::Forbidden`].
    pub async fn connect(opts: ConnectOptions) -> Result<Client> {
        let t = Transport::new(&opts)?;
        let timeout_sec = opts.config.vcc.wait_timeout_sec;
        let mut c = Client {
            inner: Arc::new(Inner {
                t,
                config: opts.config,
                wait: WaitOptions::real_vcc(timeout_sec),
                authority: Value::Null,
                simulator: None,
                target: opts.target.clone(),
                initial: Vec::new(),
                creator: OnceLock::new(),
                created: Default::default(),
            }),
        };
        c.inner.t.get_json("", "config vc", &[200], false).await?;
        // a cwh simulator says so in every answer; the target (never the URL's scheme) sets
        // the pace
        let simulator = c.inner.t.simulator();
        let target = opts.target.resolve(simulator.as_deref());
        let wait = opts.wait.unwrap_or(target.wait_options(timeout_sec));
        let (_, vcs) = c
            .inner
            .t
            .get_json("/vcs", "config vc", &[200], true)
            .await?;
        let initial = vcs
            .get("vcs")
            .cloned()
            .and_then(|l| serde_json::from_value(l).ok())
            .unwrap_or_default();
        let (_, auth) = c
            .inner
            .t
            .get_json("/accounts/authority", "authority", &[200], true)
            .await?;
        if let Some(inner) = Arc::get_mut(&mut c.inner) {
            inner.authority = auth;
            inner.wait = wait;
            inner.simulator = simulator;
            inner.target = target;
            inner.initial = initial;
        }
        Ok(c)
    }

    /// What the server said it is at connect (`x-cwh-simulator`): `Some("sim")` for cwh's
    /// simulator with record-only nodes, `Some("lab")` for one with container nodes, None for
    /// anything else (a real VCC).
    pub fn simulator(&self) -> Option<&str> {
        self.inner.simulator.as_deref()
    }

    /// What this client talks to: the host's expectation refined by the server's identity.
    pub fn target(&self) -> &Target {
        &self.inner.target
    }

    /// How waits are paced (chosen at connect from the target).
    #[cfg(test)]
    pub(crate) fn pace(&self) -> WaitOptions {
        self.inner.wait
    }

    /// The unit groups as they were at connect (the handshake's `GET /vcs`).
    pub fn initial_ugroups(&self) -> &[UnitGroup] {
        &self.inner.initial
    }

    /// Record who works through this client, e.g. [`creator_note`]`(workdir)`: it goes into the
    /// description of every unit group this client creates, so that a run that created one
    /// of the same name at the same moment can name this one. Set once; later calls are
    /// ignored. Unset, the current directory stands for the workdir.
    pub fn set_creator(&self, who: impl Into<String>) {
        let _ = self.inner.creator.set(who.into());
    }

    fn creator(&self) -> String {
        match self.inner.creator.get() {
            Some(c) => c.clone(),
            None => creator_note(&std::env::current_dir().unwrap_or_default()),
        }
    }

    /// How long a unit group of one name may exist twice before cwh stops waiting for the run
    /// that created the second to remove it: three polls, at least 2 s (15 s on a real VCC).
    fn race_grace(&self) -> Duration {
        (self.inner.wait.interval * 3).max(Duration::from_secs(2))
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        &self.inner.t.base
    }
    /// `GET /accounts/authority` as read at connect time.
    pub fn authority(&self) -> &Value {
        &self.inner.authority
    }

    // ---------------------------------------------------------------- reads

    /// `GET /version`.
    pub async fn version(&self) -> Result<VersionInfo> {
        let (_, v) = self
            .inner
            .t
            .get_json("/version", "oc controller version", &[200], true)
            .await?;
        serde_json::from_value(v).map_err(|e| malformed("oc controller version", e))
    }

    /// `GET /publickey`: the VCC's ssh public key.
    pub async fn publickey(&self) -> Result<String> {
        let (_, v) = self
            .inner
            .t
            .get_json("/publickey", "publickey", &[200], true)
            .await?;
        v.get("publickey")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| malformed("publickey", "no `publickey` key"))
    }

    /// `GET /vcs`: every unit group with its units and nodes.
    pub async fn ugroups(&self) -> Result<Vec<UnitGroup>> {
        let (_, v) = self
            .inner
            .t
            .get_json("/vcs", "config vc", &[200], true)
            .await?;
        let list = v.get("vcs").cloned().unwrap_or(Value::Array(vec![]));
        serde_json::from_value(list).map_err(|e| malformed("config vc", e))
    }

    /// The unit group of that name, or None. Several of that name are an error that lists
    /// them (ids, creation times, nodes) with the way to clean up: never a silent pick. A copy
    /// being deleted does not count while another one is not; several where at most one holds
    /// units may be runs creating it at this moment (see [`create_ugroup`](Self::create_ugroup)):
    /// they are given a few polls to settle to one first.
    pub async fn get_ugroup(&self, name: &str) -> Result<Option<UnitGroup>> {
        let start = Instant::now();
        let mut said = false;
        loop {
            let mut live = live_copies(self.ugroups().await?, name);
            match live.len() {
                0 => return Ok(None),
                1 => return Ok(live.pop()),
                n => {
                    let in_use = live.iter().filter(|g| !g.units.is_empty()).count();
                    if in_use > 1 || start.elapsed() >= self.race_grace() {
                        return Err(duplicate_groups(name, &live, false));
                    }
                    if !said {
                        tracing::info!(
                            "{}",
                            t!("vcc-race-waiting-one-left", count = n, name = name)
                        );
                        said = true;
                    }
                    tokio::time::sleep(self.inner.wait.interval).await;
                }
            }
        }
    }

    /// [`get_ugroup`](Self::get_ugroup), once nothing in the group is mid-transition: a unit,
    /// node or disk that is BOOTING, DELETING, POWERING_*, INDEFINITE… (what a run killed during
    /// a boot, a delete or a power change leaves) is waited for with progress, under the same
    /// time-out as a creation. None when there is no such group (or it went away meanwhile).
    pub async fn get_ugroup_settled(
        &self,
        name: &str,
        progress: &Progress,
    ) -> Result<Option<UnitGroup>> {
        let Some(g) = self.get_ugroup(name).await? else {
            return Ok(None);
        };
        self.settle_ugroup(g, progress).await
    }

    /// Wait until nothing in `g` is mid-transition; the group as it is then (None = gone).
    pub async fn settle_ugroup(
        &self,
        g: UnitGroup,
        progress: &Progress,
    ) -> Result<Option<UnitGroup>> {
        let busy = g.unsettled();
        if busy.is_empty() {
            return Ok(Some(g));
        }
        tracing::info!(
            "{}",
            t!(
                "vcc-settle-ugroup",
                name = g.name.as_str(),
                busy = crate::i18n::words::list(&busy)
            )
        );
        let id = g.id();
        self.poll_settled(
            progress,
            &format!("unit group {}", id.name),
            async || self.ugroup(&id).await,
            UnitGroup::unsettled,
        )
        .await
        .map_err(|e| match e {
            // name the unit that is still busy, so the time-out's advice (ug.get_unit(…)) fits
            VccError::WaitTimeout {
                state, waited_sec, ..
            } => VccError::WaitTimeout {
                unit: state
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                state,
                waited_sec,
            },
            e => e,
        })
    }

    /// A unit by name once it (and its nodes or disks) is out of any transition; None when
    /// there is none (or it went away meanwhile).
    pub async fn get_unit_settled(
        &self,
        id: &UgroupId,
        name: &str,
        progress: &Progress,
    ) -> Result<Option<Unit>> {
        let Some(u) = self.get_unit(id, name).await? else {
            return Ok(None);
        };
        let busy = u.unsettled();
        if busy.is_empty() {
            return Ok(Some(u));
        }
        tracing::info!(
            "{}",
            t!(
                "vcc-settle-unit",
                name = id.name.as_str(),
                busy = crate::i18n::words::list(&busy)
            )
        );
        self.poll_settled(
            progress,
            &format!("unit {name}"),
            async || self.get_unit(id, name).await,
            Unit::unsettled,
        )
        .await
    }

    /// Poll `fetch` until the object is gone or `unsettled` lists nothing mid-transition; the
    /// object as it is then (None = gone).
    async fn poll_settled<T>(
        &self,
        progress: &Progress,
        label: &str,
        mut fetch: impl AsyncFnMut() -> Result<Option<T>>,
        unsettled: fn(&T) -> Vec<String>,
    ) -> Result<Option<T>> {
        let mut last = None;
        poll_until(&self.inner.wait, progress, label, async || {
            let Some(now) = fetch().await? else {
                last = None;
                return Ok(Poll::Done(None));
            };
            let busy = unsettled(&now);
            if busy.is_empty() {
                last = Some(now);
                Ok(Poll::Done(Some("settled".into())))
            } else {
                Ok(Poll::Pending(busy.join(", ")))
            }
        })
        .await?;
        Ok(last)
    }

    /// `GET /vcs/{vcid}`: None when it is gone (404).
    pub async fn ugroup(&self, id: &UgroupId) -> Result<Option<UnitGroup>> {
        let (st, v) = self
            .inner
            .t
            .get_json(&format!("/vcs/{}", id.vcid), "config vc", &[200, 404], true)
            .await?;
        if st == 404 {
            return Ok(None);
        }
        serde_json::from_value(v)
            .map(Some)
            .map_err(|e| malformed("config vc", e))
    }

    async fn ugroup_required(&self, id: &UgroupId) -> Result<UnitGroup> {
        self.ugroup(id).await?.ok_or_else(|| VccError::NotFound {
            what: "unit group",
            name: t!("vcc-ugroup-not-set-up", name = id.name.as_str()),
        })
    }

    /// The units of a group (from `GET /vcs/{vcid}`).
    pub async fn units(&self, id: &UgroupId) -> Result<Vec<Unit>> {
        Ok(self.ugroup_required(id).await?.units)
    }

    /// A unit of a group by name, or None; several of that name are an error listing them.
    pub async fn get_unit(&self, id: &UgroupId, name: &str) -> Result<Option<Unit>> {
        let mut all: Vec<Unit> = self
            .units(id)
            .await?
            .into_iter()
            .filter(|u| u.name == name)
            .collect();
        match all.len() {
            0 => Ok(None),
            1 => Ok(all.pop()),
            n => Err(VccError::Duplicate {
                what: "unit",
                name: t!("vcc-unit-in-ugroup", unit = name, ugroup = id.name.as_str()),
                count: n,
                listing: all.iter().map(Unit::summary).collect::<Vec<_>>().join("; "),
                fix: duplicate_units_fix(id, n),
            }),
        }
    }

    /// `GET /vcs/{vcid}/{unit}`.
    pub async fn unit(&self, id: &UnitId) -> Result<Unit> {
        let (st, v) = self
            .inner
            .t
            .get_json(&unit_path(id), "config unit", &[200, 404], true)
            .await?;
        if st == 404 {
            return Err(VccError::NotFound {
                what: "unit",
                name: format!("{}/{}", id.ugroup.name, id.name),
            });
        }
        serde_json::from_value(v).map_err(|e| malformed("config unit", e))
    }

    /// `GET /vcs/{vcid}/{unit}/{node_id}`: one node or disk.
    pub async fn node(&self, id: &UnitId, node_id: &str) -> Result<VcNode> {
        let path = format!("{}/{node_id}", unit_path(id));
        let (st, v) = self
            .inner
            .t
            .get_json(&path, "config node", &[200, 404], true)
            .await?;
        if st == 404 {
            return Err(VccError::NotFound {
                what: "node",
                name: format!("{}/{}/{node_id}", id.ugroup.name, id.name),
            });
        }
        let unit = if v.get("disk_no").is_some() {
            Unit {
                disks: Some(vec![
                    serde_json::from_value(v).map_err(|e| malformed("config node", e))?,
                ]),
                ..Default::default()
            }
        } else {
            Unit {
                nodes: Some(vec![
                    serde_json::from_value(v).map_err(|e| malformed("config node", e))?,
                ]),
                ..Default::default()
            }
        };
        let mut n = unit.vc_nodes(&id.ugroup.vcid).remove(0);
        n.unit_name = id.name.clone();
        Ok(n)
    }

    /// Every node (or disk) of a group, server order.
    pub async fn nodes(&self, id: &UgroupId) -> Result<Vec<VcNode>> {
        let g = self.ugroup_required(id).await?;
        Ok(g.units.iter().flat_map(|u| u.vc_nodes(&g.vcid)).collect())
    }

    /// The group's nodes matching `f` (server order, like the SDK's ugroup.find_nodes).
    pub async fn find_nodes(&self, id: &UgroupId, f: &NodeFilter) -> Result<Vec<VcNode>> {
        Ok(self
            .nodes(id)
            .await?
            .into_iter()
            .filter(|n| f.matches(n))
            .collect())
    }

    /// A unit's nodes sorted by number.
    pub async fn unit_nodes(&self, id: &UnitId) -> Result<Vec<VcNode>> {
        let mut v = self.unit(id).await?.vc_nodes(&id.ugroup.vcid);
        v.sort_by_key(|n| n.no);
        Ok(v)
    }

    /// A unit's nodes matching `f`, sorted by number (like the SDK's unit.find_nodes).
    pub async fn find_unit_nodes(&self, id: &UnitId, f: &NodeFilter) -> Result<Vec<VcNode>> {
        Ok(self
            .unit_nodes(id)
            .await?
            .into_iter()
            .filter(|n| f.matches(n))
            .collect())
    }

    /// Addresses of the group's nodes matching `f` (the SDK's ugroup.find_ip_addresses).
    pub async fn find_ip_addresses(&self, id: &UgroupId, f: &NodeFilter) -> Result<Vec<String>> {
        Ok(addresses(self.find_nodes(id, f).await?))
    }

    /// Addresses of the unit's nodes matching `f`, by node number (unit.find_ip_addresses).
    pub async fn find_unit_ip_addresses(&self, id: &UnitId, f: &NodeFilter) -> Result<Vec<String>> {
        Ok(addresses(self.find_unit_nodes(id, f).await?))
    }

    /// The flavors of a provider (file order), or an error listing known providers.
    pub fn flavors(&self, provider: &str) -> Result<Ordered<Ordered<Value>>> {
        self.inner.config.provider_flavors(provider).cloned()
    }

    /// A spec for `provider`/`flavor` from the configuration (no request).
    pub fn get_spec(&self, provider: &str, flavor: &str) -> Result<Spec> {
        Spec::new(&self.inner.config, provider, flavor)
    }

    /// `GET /vpn_catalog` without its `cci_version`: provider → catalog name → settings.
    pub async fn vpn_catalogs(&self) -> Result<Value> {
        let (_, v) = self
            .inner
            .t
            .get_json("/vpn_catalog", "config node", &[200], true)
            .await?;
        let mut cat = v
            .get("vpn_catalog")
            .cloned()
            .ok_or_else(|| malformed("config node", "no `vpn_catalog` key"))?;
        if let Value::Object(m) = &mut cat {
            m.remove("cci_version");
        }
        Ok(cat)
    }

    /// One VPN catalog entry (`name` is usually `default`).
    pub async fn vpn_catalog(&self, provider: &str, name: &str) -> Result<Value> {
        let all = self.vpn_catalogs().await?;
        all.get(provider)
            .and_then(|p| p.get(name))
            .cloned()
            .ok_or_else(|| {
                let known = all
                    .as_object()
                    .map(|m| m.keys().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                VccError::invalid(
                    format!(
                        "not exist in vpn_catalog, provider[{provider}] vpn_catalog_name[{name}]"
                    ),
                    t!("vcc-vpn-catalog-providers", known = known),
                )
            })
    }

    // ---------------------------------------------------------------- mutations

    /// Create an empty unit group; errors if the name exists.
    ///
    /// The VCC has no create-if-absent and does not keep names unique, so two runs that both
    /// found no group of this name may both create one. After the POST every run lists the
    /// groups of the name and orders them by [`UnitGroup::precedence`] (the oldest wins): the
    /// first is kept and its run goes on once the others are gone; every other run removes its
    /// own copy (still empty: nothing was put in it yet) and stops with
    /// [`VccError::LostRace`], naming the kept one. A copy still there after a few polls was
    /// left by a run that stopped: the winner removes it if it is empty. The description of
    /// the group records its creator ([`set_creator`](Self::set_creator)).
    pub async fn create_ugroup(&self, name: &str, kind: UgroupKind) -> Result<UnitGroup> {
        if name.trim().is_empty() {
            return Err(VccError::invalid(
                t!("vcc-ugroup-name-empty"),
                t!("vcc-ugroup-name-empty-help"),
            ));
        }
        crate::vcc::names::check_ugroup_name(name)?;
        let before = named(self.ugroups().await?, name);
        if !before.is_empty() {
            return Err(self.exists(name, before));
        }
        let description = format!("{name}: created by {}", self.creator());
        let body = json!({"cci": cci::b64(&cci::vc_cci_described(name, kind, &description))});
        // ours: the copies that carry our description (when the VCC returns descriptions),
        // else every copy of the name
        let ours = |copies: &[UnitGroup]| -> Vec<UnitGroup> {
            let described = copies.iter().any(|g| g.description.is_some());
            copies
                .iter()
                .filter(|g| !described || g.description.as_deref() == Some(description.as_str()))
                .cloned()
                .collect()
        };
        let applied = async || Ok(!ours(&named(self.ugroups().await?, name)).is_empty());
        let resp = self
            .inner
            .t
            .mutate(Method::POST, "/vcs", body, "create vc", applied)
            .await?;
        let mine: String = match resp.get("vcid").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            // the answer was lost (the VCC did create one: `applied`)
            None => {
                let copies = named(self.ugroups().await?, name);
                let mut mine = ours(&copies);
                mine.sort_by_key(UnitGroup::precedence);
                if copies.iter().any(|g| g.description.is_some()) {
                    // all of them ours (a resent request): keep the first, the others are
                    // removed below as copies left behind
                    mine.truncate(1);
                }
                match mine.as_slice() {
                    [g] => g.vcid.clone(),
                    [] => {
                        return Err(VccError::Http {
                            what: "create vc".into(),
                            status: 202,
                            message: t!("vcc-new-vc-not-found"),
                        });
                    }
                    _ => {
                        let mut e = duplicate_groups(name, &copies, true);
                        if let VccError::Duplicate { fix, .. } = &mut e {
                            *fix = t!("vcc-race-answer-lost", fix = fix.as_str());
                        }
                        return Err(e);
                    }
                }
            }
        };
        self.inner
            .created
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(mine.clone());
        self.keep_or_yield(name, &mine).await
    }

    /// The error for `create_ugroup` when the name exists: a group that was neither there when
    /// this run connected nor created by it was created by another run meanwhile (a lost race,
    /// nothing created here); one that was is [`VccError::UgroupExists`]; several are the
    /// duplicate error.
    fn exists(&self, name: &str, mut copies: Vec<UnitGroup>) -> VccError {
        copies.sort_by_key(UnitGroup::precedence);
        let created = self
            .inner
            .created
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let known = |g: &UnitGroup| {
            self.inner.initial.iter().any(|i| i.vcid == g.vcid) || created.contains(&g.vcid)
        };
        if copies.iter().all(|g| !known(g)) {
            return lost_race(name, &copies[0], OwnCopy::None);
        }
        if copies.len() == 1 {
            return VccError::UgroupExists { name: name.into() };
        }
        duplicate_groups(name, &copies, false)
    }

    /// After this run created `mine`: keep it once it is the only copy of `name` (the first by
    /// [`UnitGroup::precedence`]), or remove it and stop when another copy comes first.
    async fn keep_or_yield(&self, name: &str, mine: &str) -> Result<UnitGroup> {
        let start = Instant::now();
        let grace = self.race_grace();
        let mut kept = None;
        let mut yielded: Option<(UnitGroup, UnitGroup)> = None;
        let mut said = false;
        poll_until(
            &self.inner.wait,
            &Progress::silent(),
            &format!("unit group {name}"),
            async || {
                let copies = named(self.ugroups().await?, name);
                let Some(me) = copies.iter().find(|g| g.vcid == mine).cloned() else {
                    // removed already: by the run whose copy is kept, as one left behind
                    let mut live = live_copies(copies, name);
                    live.sort_by_key(UnitGroup::precedence);
                    return Err(match live.first() {
                        Some(w) => lost_race(name, w, OwnCopy::RemovedByWinner(mine)),
                        None => VccError::NotFound {
                            what: "unit group",
                            name: t!("vcc-race-own-deleted", name = name, vcid = mine),
                        },
                    });
                };
                let mut live: Vec<&UnitGroup> = copies
                    .iter()
                    .filter(|g| g.vcid == mine || g.state != Some(State::Deleting))
                    .collect();
                live.sort_by_key(|g| g.precedence());
                if live[0].vcid != mine {
                    yielded = Some((live[0].clone(), me));
                    return Ok(Poll::Done(Some("another copy is kept".into())));
                }
                let others: Vec<&UnitGroup> = live.iter().skip(1).copied().collect();
                if others.is_empty() {
                    kept = Some(me);
                    return Ok(Poll::Done(Some("created".into())));
                }
                if !said {
                    let ids: Vec<&str> = others.iter().map(|g| g.vcid.as_str()).collect();
                    tracing::info!(
                        "{}",
                        t!(
                            "vcc-race-kept",
                            name = name,
                            count = others.len(),
                            vcids = crate::i18n::words::list(&ids)
                        )
                    );
                    said = true;
                }
                if start.elapsed() >= grace {
                    // still there: the run that made it stopped before removing it
                    for o in others.iter().filter(|o| o.units.is_empty()) {
                        tracing::warn!(
                            "{}",
                            t!("vcc-race-removing-left", name = name, copy = o.identity())
                        );
                        self.remove_copy(&o.id()).await?;
                    }
                }
                let ids: Vec<&str> = others.iter().map(|g| g.vcid.as_str()).collect();
                Ok(Poll::Pending(t!(
                    "vcc-race-waiting-removed",
                    vcids = crate::i18n::words::list(&ids)
                )))
            },
        )
        .await?;
        if let Some((winner, me)) = yielded {
            if !me.units.is_empty() {
                // never delete what holds units: say what there is and stop
                return Err(duplicate_groups(name, &[winner, me], true));
            }
            self.remove_copy(&me.id()).await?;
            tracing::info!("{}", t!("vcc-race-removed-own", name = name, vcid = mine));
            return Err(lost_race(name, &winner, OwnCopy::Removed(mine)));
        }
        kept.ok_or_else(|| VccError::Http {
            what: "create vc".into(),
            status: 202,
            message: t!("vcc-new-vc-not-found"),
        })
    }

    /// Was unit `name` of `g` there when this run connected, or created by this run?
    fn knew_unit(&self, g: &UnitGroup, name: &str) -> bool {
        let at_start = self
            .inner
            .initial
            .iter()
            .any(|i| i.vcid == g.vcid && i.unit(name).is_some());
        at_start
            || self
                .inner
                .created
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&format!("{}/{name}", g.vcid))
    }

    /// [`lost_unit_race`], saying whether this run created the group.
    fn lost_unit_race(&self, g: &UnitGroup, u: &Unit) -> VccError {
        let ours = g.description.as_deref()
            == Some(format!("{}: created by {}", g.name, self.creator()).as_str())
            || self
                .inner
                .created
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&g.vcid);
        lost_unit_race(g, u, ours)
    }

    /// Delete an empty copy of a unit group (this run's, or one a stopped run left); one that
    /// is gone meanwhile is fine.
    async fn remove_copy(&self, id: &UgroupId) -> Result<()> {
        match self.cleanup(id, &Progress::silent()).await {
            Ok(()) => Ok(()),
            // someone else is removing it (or did): fine
            Err(e) => match self.ugroup(id).await {
                Ok(None) => Ok(()),
                Ok(Some(g)) if g.state == Some(State::Deleting) => Ok(()),
                _ => Err(e),
            },
        }
    }

    /// Create a unit from `spec` and wait until it settles (RUNNING, or an error).
    pub async fn create_unit(
        &self,
        ug: &UgroupId,
        name: &str,
        spec: &Spec,
        progress: &Progress,
    ) -> Result<Unit> {
        self.start_unit(ug, name, spec, progress).await?;
        let uid = ug.unit(name);
        self.wait_unit(&uid, progress).await?;
        self.unit(&uid).await
    }

    /// Create a unit from `spec` and return once the VCC accepted it: its nodes boot on, to be
    /// waited for with [`wait_all`](Self::wait_all) (the SDK's `create_unit(…, wait_for=False)`).
    /// A VCC that refuses a unit while another one of the group boots is answered the
    /// conservative way: cwh says so, waits until the group settles and asks once more.
    pub async fn start_unit(
        &self,
        ug: &UgroupId,
        name: &str,
        spec: &Spec,
        progress: &Progress,
    ) -> Result<()> {
        if !valid_unit_name(name) {
            return Err(VccError::invalid(
                t!("vcc-unit-name-invalid", name = name),
                t!("vcc-unit-name-invalid-help"),
            ));
        }
        spec.validate()?;
        let g = self.ugroup_required(ug).await?;
        if g.kind != spec.kind() {
            return Err(VccError::invalid(
                format!(
                    "not much ugroup_type vc[{}] and spec[{}]",
                    g.kind,
                    spec.kind()
                ),
                if spec.kind() == UgroupKind::Storage {
                    t!("vcc-kind-mismatch-storage-help")
                } else {
                    t!("vcc-kind-mismatch-compute-help")
                },
            ));
        }
        if let Some(u) = g.unit(name) {
            if !self.knew_unit(&g, name) {
                // not there when this run started, not made by it: another run just did
                return Err(self.lost_unit_race(&g, u));
            }
            return Err(VccError::invalid(
                format!("already exist unit[{name}]"),
                t!("vcc-unit-exists-help", name = name),
            ));
        }
        let body = json!({"info": cci::b64(&spec.cci(name)), "unit_name": name});
        let path = format!("/vcs/{}", ug.vcid);
        let applied = async || {
            Ok(self
                .ugroup(ug)
                .await?
                .is_some_and(|g| g.unit(name).is_some()))
        };
        let mut asked_again = false;
        loop {
            let Err(e) = self
                .inner
                .t
                .mutate(Method::POST, &path, body.clone(), "add unit", applied)
                .await
            else {
                break;
            };
            // refused because the unit is there now: another run created it meanwhile
            let now = self.ugroup(ug).await.ok().flatten();
            if let Some(g) = &now
                && let Some(u) = g.unit(name)
            {
                return Err(self.lost_unit_race(g, u));
            }
            if asked_again {
                return Err(e);
            }
            self.wait_if_refused_while_booting(&format!("unit {name}"), now, e, progress)
                .await?;
            asked_again = true;
        }
        self.inner
            .created
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{}/{name}", ug.vcid));
        Ok(())
    }

    /// A request about `what` was refused with `e` (`now`: the group as
    /// read after). When the refusal is a client error (4xx but a rejected token or a missing
    /// object) and another unit of the group is mid-transition, the VCC may allow one boot at a
    /// time per unit group: say so, wait until the group settles, and return Ok to ask again.
    /// Otherwise `e`.
    async fn wait_if_refused_while_booting(
        &self,
        what: &str,
        now: Option<UnitGroup>,
        e: VccError,
        progress: &Progress,
    ) -> Result<()> {
        let refused = matches!(&e, VccError::Http { status, .. }
            if (400..500).contains(status) && ![401, 403, 404].contains(status));
        let Some(g) = now.filter(|_| refused) else {
            return Err(e);
        };
        let busy = g.unsettled();
        if busy.is_empty() {
            return Err(e);
        }
        let message = match &e {
            VccError::Http { message, .. } => clean(message),
            other => other.to_string(),
        };
        tracing::warn!(
            "{}",
            t!(
                "vcc-refused-while-booting",
                what = what,
                ugroup = g.name.as_str(),
                busy = crate::i18n::words::list(&busy),
                message = message.as_str()
            )
        );
        self.settle_ugroup(g, progress).await?;
        Ok(())
    }

    /// Wait like the SDK's `wait_unit_applied`: ERROR ⇒ error with the server's message;
    /// time-out ⇒ error saying the nodes may still come up. Returns the final state (None = gone).
    pub async fn wait_unit(&self, id: &UnitId, progress: &Progress) -> Result<Option<State>> {
        let label = format!("unit {}", id.name);
        let mut last_err = None;
        let state = poll_until(&self.inner.wait, progress, &label, async || {
            let g = self.ugroup(&id.ugroup).await?;
            let Some(u) = g.as_ref().and_then(|g| g.unit(&id.name)) else {
                return Ok(Poll::Done(None));
            };
            let st = u.state.as_ref();
            if is_transitional(st) || st == Some(&State::Indefinite) {
                return Ok(Poll::Pending(st.map(State::to_string).unwrap_or_default()));
            }
            last_err = u.error_message.clone().or_else(|| {
                u.nodes
                    .iter()
                    .flatten()
                    .find_map(|n| n.error_message.clone())
            });
            Ok(Poll::Done(st.map(State::to_string)))
        })
        .await?
        .map(State::from);
        if state == Some(State::Error) {
            return Err(VccError::UnitFailed {
                unit: id.name.clone(),
                message: clean(&last_err.unwrap_or_else(|| "(no error_message)".into())),
            });
        }
        if !self.inner.wait.settle.is_zero() {
            tokio::time::sleep(self.inner.wait.settle).await;
        }
        Ok(state)
    }

    /// Wait for several units at once: units started with [`start_unit`](Self::start_unit)
    /// or given nodes with [`start_add_nodes`](Self::start_add_nodes). The polling is shared:
    /// one listing per interval for all of them (`GET /vcs/{vcid}` when they are in one unit
    /// group, one `GET /vcs` for several), never one request per unit, so the VCC sees no more
    /// requests than for one serial wait. A unit is done when neither it nor any of its nodes
    /// or disks is mid-transition; one in ERROR does not stop the others being waited for: the
    /// error names every unit that failed and says how the others ended. The time-out
    /// (`vcc.wait_timeout_sec`) counts from the start of this wait and names the units still
    /// booting. After success, the settle delay of a real VCC, once. Returns the final states
    /// in the order of `ids` (None = gone).
    pub async fn wait_all(
        &self,
        ids: &[UnitId],
        progress: &Progress,
    ) -> Result<Vec<Option<State>>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let labels: Vec<String> = ids.iter().map(|i| format!("unit {}", i.name)).collect();
        let mut rep = progress.start_many(&labels);
        let mut vcids: Vec<&str> = ids.iter().map(|i| i.ugroup.vcid.as_str()).collect();
        vcids.sort_unstable();
        vcids.dedup();
        // per unit once settled: (final state, the error message when it failed)
        let mut done: Vec<Option<Ended>> = vec![None; ids.len()];
        let mut last = vec![String::new(); ids.len()];
        loop {
            let groups: Vec<UnitGroup> = if vcids.len() == 1 {
                self.ugroup(&ids[0].ugroup).await?.into_iter().collect()
            } else {
                self.ugroups().await?
            };
            for (i, id) in ids.iter().enumerate() {
                if done[i].is_some() {
                    continue;
                }
                let u = groups
                    .iter()
                    .find(|g| g.vcid == id.ugroup.vcid)
                    .and_then(|g| g.unit(&id.name));
                let (status, end) = unit_status(u);
                rep.report(i, &status);
                last[i].clone_from(&status.state);
                if status.done {
                    done[i] = Some(end);
                }
            }
            if done.iter().all(Option::is_some) {
                break;
            }
            if rep.elapsed() >= self.inner.wait.timeout {
                let waiting: Vec<usize> = (0..ids.len()).filter(|&i| done[i].is_none()).collect();
                let names: Vec<&str> = waiting.iter().map(|&i| ids[i].name.as_str()).collect();
                let states: Vec<&str> = waiting.iter().map(|&i| last[i].as_str()).collect();
                return Err(VccError::WaitTimeout {
                    unit: names.join(", "),
                    state: states.join(", "),
                    waited_sec: rep.elapsed().as_secs(),
                });
            }
            tokio::time::sleep(self.inner.wait.interval).await;
        }
        rep.finish();
        let done: Vec<Ended> = done.into_iter().flatten().collect();
        let failed: Vec<(&str, &str)> = ids
            .iter()
            .zip(&done)
            .filter_map(|(id, (_, e))| e.as_deref().map(|e| (id.name.as_str(), e)))
            .collect();
        if failed.is_empty() {
            if !self.inner.wait.settle.is_zero() {
                tokio::time::sleep(self.inner.wait.settle).await;
            }
            return Ok(done.into_iter().map(|(s, _)| s).collect());
        }
        let others: Vec<String> = ids
            .iter()
            .zip(&done)
            .filter(|(_, (_, e))| e.is_none())
            .map(|(id, (s, _))| {
                let s = s.as_ref().map_or("gone".into(), State::to_string);
                format!("{} {s}", id.name)
            })
            .collect();
        let mut message = if let [(_, m)] = failed[..] {
            clean(m)
        } else {
            let each: Vec<String> = failed
                .iter()
                .map(|(n, m)| format!("{n}: {}", clean(m)))
                .collect();
            each.join("; ")
        };
        if !others.is_empty() {
            message.push_str(&t!(
                "vcc-wait-others-too",
                others = crate::i18n::words::list(&others)
            ));
        }
        let names: Vec<&str> = failed.iter().map(|(n, _)| *n).collect();
        Err(VccError::UnitFailed {
            unit: names.join(", "),
            message,
        })
    }

    /// Wait like the SDK's `wait_nodes_applied`; with `fail_on_error`, a node in ERROR is an error.
    async fn wait_nodes(
        &self,
        id: &UnitId,
        progress: &Progress,
        fail_on_error: bool,
    ) -> Result<()> {
        let label = format!("unit {}", id.name);
        let mut err = None;
        poll_until(&self.inner.wait, progress, &label, async || {
            let u = self.unit(id).await?;
            let st = u.state.as_ref();
            let shown = st.map(State::to_string).unwrap_or_default();
            let node_busy = u
                .nodes
                .iter()
                .flatten()
                .any(|n| is_transitional(n.state.as_ref()));
            if is_transitional(st) || (st == Some(&State::Indefinite) && node_busy) {
                return Ok(Poll::Pending(shown));
            }
            err = u
                .nodes
                .iter()
                .flatten()
                .find(|n| n.state == Some(State::Error))
                .map(|n| {
                    n.error_message
                        .clone()
                        .or(u.error_message.clone())
                        .unwrap_or_else(|| format!("node {} is ERROR", n.node_no))
                });
            Ok(Poll::Done(Some(shown)))
        })
        .await?;
        match err {
            Some(m) if fail_on_error => Err(VccError::UnitFailed {
                unit: id.name.clone(),
                message: clean(&m),
            }),
            _ => Ok(()),
        }
    }

    /// Rename a unit group (`PUT /vcs/{vcid}` with a new VC CCI); returns it re-read.
    pub async fn rename_ugroup(&self, id: &UgroupId, new_name: &str) -> Result<UnitGroup> {
        if new_name.trim().is_empty() {
            return Err(VccError::invalid(
                t!("vcc-ugroup-name-empty"),
                t!("vcc-ugroup-name-empty-help"),
            ));
        }
        crate::vcc::names::check_ugroup_name(new_name)?;
        let body = json!({"cci": cci::b64(&cci::vc_cci(new_name, id.kind))});
        let applied = async || Ok(self.ugroup(id).await?.is_some_and(|g| g.name == new_name));
        self.inner
            .t
            .mutate(
                Method::PUT,
                &format!("/vcs/{}", id.vcid),
                body,
                "update vc",
                applied,
            )
            .await?;
        self.ugroup_required(id).await
    }

    /// Give a unit group to another user (`PATCH /vcs/{vcid}`).
    pub async fn change_owner(&self, id: &UgroupId, owner: &str) -> Result<()> {
        let body = json!({"owner": owner, "operation": "change_owner"});
        let applied = async || {
            Ok(self
                .ugroup(id)
                .await?
                .is_none_or(|g| g.owner.as_deref() == Some(owner)))
        };
        self.inner
            .t
            .mutate(
                Method::PATCH,
                &format!("/vcs/{}", id.vcid),
                body,
                "change owner vc",
                applied,
            )
            .await?;
        Ok(())
    }

    /// A unit operation by its wire name (`suspend`, `resume`, `stop`, `start`, `watch`,
    /// `unwatch`: [`NodeOp::UNIT`]); compute units only. Sent once: after an uncertain failure,
    /// re-check the unit before trying again.
    pub async fn unit_op(&self, id: &UnitId, op: &str) -> Result<()> {
        let op = NodeOp::parse_among(op, &NodeOp::UNIT, "unit")?;
        self.patch_unit(id, op).await
    }

    /// [`unit_op`](Self::unit_op), typed: one of [`NodeOp::UNIT`].
    pub async fn patch_unit(&self, id: &UnitId, op: NodeOp) -> Result<()> {
        let op = op.among(&NodeOp::UNIT, "unit")?;
        if self.unit(id).await?.is_storage() {
            return Err(VccError::invalid(
                format!("{op} only compute unit"),
                t!("vcc-unit-op-compute-only-help"),
            ));
        }
        self.inner
            .t
            .mutate_once(
                Method::PATCH,
                &format!("{}/{op}", unit_path(id)),
                json!({}),
                &format!("{op} unit"),
            )
            .await?;
        Ok(())
    }

    /// A node operation by node id and wire name (`suspend`, `resume`, `stop`, `start`,
    /// `watch`, `unwatch`, `power_off`, `power_on`: [`NodeOp::PATCH`]), without waiting. Sent
    /// once.
    pub async fn node_op_raw(&self, id: &UnitId, node_id: &str, op: &str) -> Result<()> {
        let op = NodeOp::parse_among(op, &NodeOp::PATCH, "node")?;
        self.patch_node(id, node_id, op).await
    }

    /// [`node_op_raw`](Self::node_op_raw), typed: one of [`NodeOp::PATCH`].
    pub async fn patch_node(&self, id: &UnitId, node_id: &str, op: NodeOp) -> Result<()> {
        let op = op.among(&NodeOp::PATCH, "node")?;
        self.inner
            .t
            .mutate_once(
                Method::PATCH,
                &format!("{}/{node_id}/{op}", unit_path(id)),
                json!({}),
                &op.request_name(),
            )
            .await?;
        Ok(())
    }

    /// Ask for a node backup (`GET …/{node_id}/backup`, answered 202).
    pub async fn backup(&self, id: &UnitId, node_id: &str) -> Result<()> {
        self.inner
            .t
            .get_json(
                &format!("{}/{node_id}/backup", unit_path(id)),
                "backup",
                &[202],
                false,
            )
            .await?;
        Ok(())
    }

    /// Add nodes (or disks) to a unit with its original spec; returns all its nodes after.
    pub async fn add_nodes(
        &self,
        id: &UnitId,
        add: &AddNodes,
        progress: &Progress,
    ) -> Result<Vec<VcNode>> {
        self.start_add_nodes(id, add, progress).await?;
        self.wait_nodes(id, progress, true).await?;
        self.unit_nodes(id).await
    }

    /// Add nodes (or disks) to a unit and return once the VCC accepted the request: they boot
    /// on, to be waited for with [`wait_all`](Self::wait_all).
    pub async fn start_add_nodes(
        &self,
        id: &UnitId,
        add: &AddNodes,
        progress: &Progress,
    ) -> Result<()> {
        for ip in &add.ip_addresses {
            if ip.parse::<std::net::Ipv4Addr>().is_err() {
                return Err(VccError::invalid(
                    t!("vcc-not-ipv4", address = ip.as_str()),
                    t!("vcc-not-ipv4-help"),
                ));
            }
        }
        crate::vcc::names::check_mac_addresses(&add.mac_addresses)?;
        if !add.ip_addresses.is_empty()
            && !add.mac_addresses.is_empty()
            && add.ip_addresses.len() != add.mac_addresses.len()
        {
            return Err(VccError::invalid(
                "mac_address_list and ip_address_list has element but their length are different",
                t!("vcc-mac-ip-lengths-help"),
            ));
        }
        let n = if !add.ip_addresses.is_empty() {
            add.ip_addresses.len() as i64
        } else if !add.mac_addresses.is_empty() {
            add.mac_addresses.len() as i64
        } else {
            add.num.unwrap_or(1)
        };
        if n < 1 {
            return Err(VccError::invalid(
                t!("vcc-num-add-nodes-small", count = n),
                t!("vcc-positive-count-help"),
            ));
        }
        let before = self.unit(id).await?;
        if before.is_storage() && !add.ip_addresses.is_empty() {
            return Err(VccError::invalid(
                "can't set ip_address(es) to storage",
                t!("vcc-storage-ip-help"),
            ));
        }
        let count =
            |u: &Unit| u.nodes.as_ref().map_or(0, Vec::len) + u.disks.as_ref().map_or(0, Vec::len);
        let had = count(&before);
        let body = json!({"ip_address_list": add.ip_addresses, "mac_address_list": add.mac_addresses, "num_nodes": n});
        let applied = async || Ok(count(&self.unit(id).await?) >= had + n as usize);
        let mut asked_again = false;
        while let Err(e) = self
            .inner
            .t
            .mutate(
                Method::PUT,
                &unit_path(id),
                body.clone(),
                "add node",
                applied,
            )
            .await
        {
            if asked_again {
                return Err(e);
            }
            let now = self.ugroup(&id.ugroup).await.ok().flatten();
            let what = format!("more nodes for unit {}", id.name);
            self.wait_if_refused_while_booting(&what, now, e, progress)
                .await?;
            asked_again = true;
        }
        Ok(())
    }

    /// Delete the selected nodes one at a time, waiting after each; returns the nodes left.
    pub async fn delete_nodes(
        &self,
        id: &UnitId,
        sel: &NodeSelector,
        progress: &Progress,
    ) -> Result<Vec<VcNode>> {
        self.node_op(id, sel, progress, NodeOp::Delete).await
    }

    /// Power off the selected compute nodes; returns all nodes after.
    pub async fn power_off_nodes(
        &self,
        id: &UnitId,
        sel: &NodeSelector,
        progress: &Progress,
    ) -> Result<Vec<VcNode>> {
        self.node_op(id, sel, progress, NodeOp::PowerOff).await
    }

    /// Power on the selected compute nodes; returns all nodes after.
    pub async fn power_on_nodes(
        &self,
        id: &UnitId,
        sel: &NodeSelector,
        progress: &Progress,
    ) -> Result<Vec<VcNode>> {
        self.node_op(id, sel, progress, NodeOp::PowerOn).await
    }

    /// The operations [`node_op`](Self::node_op) applies to selected nodes.
    pub const SELECTION_OPS: [NodeOp; 3] = [NodeOp::Delete, NodeOp::PowerOff, NodeOp::PowerOn];

    /// Delete, power off or power on ([`SELECTION_OPS`](Self::SELECTION_OPS)) the selected
    /// nodes one at a time, waiting after each as the SDK does; returns the unit's nodes after.
    /// Each request is re-checked against the node's state instead of blindly re-sent.
    pub async fn node_op(
        &self,
        id: &UnitId,
        sel: &NodeSelector,
        progress: &Progress,
        op: NodeOp,
    ) -> Result<Vec<VcNode>> {
        let op = op.among(&Self::SELECTION_OPS, "node selection")?;
        let u = self.unit(id).await?;
        if u.is_storage() && op != NodeOp::Delete {
            return Err(VccError::invalid(
                format!("{op} only compute node"),
                t!("vcc-power-compute-only-help"),
            ));
        }
        let nodes = u.vc_nodes(&id.ugroup.vcid);
        let targets: Vec<VcNode> = sel.pick(&nodes).into_iter().cloned().collect();
        for n in targets {
            let node_path = format!("{}/{}", unit_path(id), n.id);
            let (method, path) = match op {
                NodeOp::Delete => (Method::DELETE, node_path),
                _ => (Method::PATCH, format!("{node_path}/{op}")),
            };
            let applied = async || {
                let u = self.unit(id).await?;
                let now = u
                    .vc_nodes(&id.ugroup.vcid)
                    .into_iter()
                    .find(|x| x.id == n.id);
                let st = now.as_ref().and_then(|x| x.state.as_ref());
                Ok(match op {
                    NodeOp::Delete => now.is_none() || st == Some(&State::Deleting),
                    NodeOp::PowerOff => {
                        matches!(st, Some(State::ShuttingDown | State::PowerOff))
                    }
                    _ => {
                        st != n.state.as_ref()
                            && matches!(st, Some(State::Booting | State::Running))
                    }
                })
            };
            self.inner
                .t
                .mutate(method, &path, json!({}), &op.request_name(), applied)
                .await?;
            self.wait_nodes(id, progress, op == NodeOp::PowerOn).await?;
        }
        self.unit_nodes(id).await
    }

    /// Delete a unit (its nodes too with `force`) and wait until it is gone.
    pub async fn delete_unit(
        &self,
        ug: &UgroupId,
        name: &str,
        force: bool,
        progress: &Progress,
    ) -> Result<()> {
        let g = self.ugroup_required(ug).await?;
        if g.unit(name).is_none() {
            return Err(VccError::NotFound {
                what: "unit",
                name: format!("no unit unit_name[{name}]"),
            });
        }
        let uid = ug.unit(name);
        let path = unit_path(&uid);
        let body = json!({"force": if force { "true" } else { "false" }});
        let applied = async || {
            let g = self.ugroup(ug).await?;
            Ok(g.as_ref()
                .and_then(|g| g.unit(name))
                .is_none_or(|u| u.state == Some(State::Deleting)))
        };
        self.inner
            .t
            .mutate(Method::DELETE, &path, body, "delete unit", applied)
            .await?;
        match self.wait_unit(&uid, progress).await? {
            None => Ok(()),
            Some(st) => Err(VccError::CleanupIncomplete {
                ugroup: ug.name.clone(),
                remaining: format!("{name} is {st}"),
            }),
        }
    }

    /// Delete the unit group with everything in it and wait until no unit is left.
    pub async fn cleanup(&self, ug: &UgroupId, progress: &Progress) -> Result<()> {
        let path = format!("/vcs/{}", ug.vcid);
        let applied = async || {
            Ok(match self.ugroup(ug).await? {
                None => true,
                Some(g) => {
                    g.units.iter().all(|u| u.state == Some(State::Deleting)) && !g.units.is_empty()
                }
            })
        };
        self.inner
            .t
            .mutate(
                Method::DELETE,
                &path,
                json!({"force": "true"}),
                "delete vc",
                applied,
            )
            .await?;
        let mut stuck = String::new();
        poll_until(
            &self.inner.wait,
            progress,
            &format!("cleanup {}", ug.name),
            async || {
                let Some(g) = self.ugroup(ug).await? else {
                    return Ok(Poll::Done(None));
                };
                if g.units.is_empty() {
                    return Ok(Poll::Done(None));
                }
                let storage = g.kind == UgroupKind::Storage;
                let busy = g.units.iter().any(|u| {
                    let s = u.state.as_ref();
                    s != Some(&State::Error) && !(storage && s == Some(&State::Running))
                });
                let summary = g
                    .units
                    .iter()
                    .map(|u| {
                        t!(
                            "vcc-cleanup-unit-state",
                            unit = u.name.as_str(),
                            state = u.state.as_deref().unwrap_or("None")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if busy {
                    Ok(Poll::Pending(summary))
                } else {
                    stuck = summary.clone();
                    Ok(Poll::Done(Some(summary)))
                }
            },
        )
        .await?;
        if !stuck.is_empty() {
            return Err(VccError::CleanupIncomplete {
                ugroup: ug.name.clone(),
                remaining: stuck,
            });
        }
        tracing::info!("{}", t!("vcc-cleanup-completed", name = ug.name.as_str()));
        Ok(())
    }
}

/// The groups of `name` in `all`.
fn named(all: Vec<UnitGroup>, name: &str) -> Vec<UnitGroup> {
    all.into_iter().filter(|g| g.name == name).collect()
}

/// The groups of `name` that count: one being deleted does not while another is not.
fn live_copies(all: Vec<UnitGroup>, name: &str) -> Vec<UnitGroup> {
    let copies = named(all, name);
    if copies.iter().all(|g| g.state == Some(State::Deleting)) {
        return copies;
    }
    copies
        .into_iter()
        .filter(|g| g.state != Some(State::Deleting))
        .collect()
}

/// `cwh on HOST in WORKDIR (pid N)`: who a run is, for [`Client::set_creator`].
pub fn creator_note(workdir: &std::path::Path) -> String {
    format!(
        "cwh on {} in {} (pid {})",
        crate::lock::hostname(),
        workdir.display(),
        std::process::id()
    )
}

/// What became of a losing run's own copy.
enum OwnCopy<'a> {
    /// It created none (the group appeared before its request).
    None,
    /// It removed it (this vcid).
    Removed(&'a str),
    /// The run whose copy is kept removed it.
    RemovedByWinner(&'a str),
}

/// The error of a run that lost the race to create `name`: `winner` is kept.
fn lost_race(name: &str, winner: &UnitGroup, own: OwnCopy) -> VccError {
    let done = match own {
        OwnCopy::None => t!("vcc-race-done-none"),
        OwnCopy::Removed(id) => t!("vcc-race-done-removed", vcid = id),
        OwnCopy::RemovedByWinner(id) => t!("vcc-race-done-removed-by-winner", vcid = id),
    };
    let who = match winner.creator() {
        Some(c) => t!("vcc-race-who-noted", creator = c),
        None => t!("vcc-race-who"),
    };
    VccError::LostRace {
        what: "unit group",
        name: name.into(),
        winner: winner.identity(),
        fix: t!("vcc-race-lost-help", done = done, who = who),
    }
}

/// The error of a run whose unit `u` was created in `g` by another run at the same moment
/// (the VCC refused this run's): the other run goes on with it. `ours`: this run created `g`
/// (the other run found it and reused it).
fn lost_unit_race(g: &UnitGroup, u: &Unit, ours: bool) -> VccError {
    let how = if ours {
        t!(
            "vcc-race-unit-ours",
            ugroup = g.name.as_str(),
            unit = u.name.as_str()
        )
    } else {
        String::new()
    };
    VccError::LostRace {
        what: "unit",
        name: t!(
            "vcc-unit-in-ugroup",
            unit = u.name.as_str(),
            ugroup = g.name.as_str()
        ),
        winner: t!(
            "vcc-race-unit-winner",
            unit = u.summary(),
            ugroup = g.identity()
        ),
        fix: t!("vcc-race-unit-lost-help", how = how),
    }
}

/// What to do about `n` units of one name in the unit group `id`: first what teardown would
/// delete, then the way that keeps the students' data.
fn duplicate_units_fix(id: &UgroupId, n: usize) -> String {
    let teardown = t!("vcc-duplicate-teardown");
    let only = format!(
        "vcp.find_ugroups(#{{ vcid: \"{}\" }})[0].cleanup() in `cwh repl`",
        id.vcid
    );
    match id.kind {
        UgroupKind::Compute => t!(
            "vcc-duplicate-units-compute-help",
            count = n,
            ugroup = id.name.as_str(),
            vcid = id.vcid.as_str(),
            teardown = teardown,
            only = only
        ),
        UgroupKind::Storage => t!(
            "vcc-duplicate-units-storage-help",
            count = n,
            ugroup = id.name.as_str(),
            vcid = id.vcid.as_str(),
            teardown = teardown,
            only = only
        ),
    }
}

/// The error for several unit groups of one name: each listed with the way to clean up,
/// teardown's cost said before it is offered.
fn duplicate_groups(name: &str, all: &[UnitGroup], just_created: bool) -> VccError {
    let mut sorted: Vec<&UnitGroup> = all.iter().collect();
    sorted.sort_by_key(|g| g.precedence());
    let listing = sorted
        .iter()
        .enumerate()
        .map(|(i, g)| format!("\n  {}. {}", i + 1, g.summary()))
        .collect::<String>();
    let why = if just_created {
        t!("vcc-duplicate-why-race")
    } else {
        String::new()
    };
    let empty: Vec<&str> = sorted
        .iter()
        .filter(|g| g.units.is_empty())
        .map(|g| g.vcid.as_str())
        .collect();
    let spare = match empty.as_slice() {
        [] => String::new(),
        [id] if sorted.len() > 1 => t!("vcc-duplicate-spare-one", vcid = *id),
        ids if ids.len() < sorted.len() => t!(
            "vcc-duplicate-spare-some",
            vcids = crate::i18n::words::list(ids)
        ),
        _ => t!("vcc-duplicate-spare-all"),
    };
    let disk = if sorted.iter().any(|g| g.kind == UgroupKind::Storage) {
        t!("vcc-duplicate-disk")
    } else {
        String::new()
    };
    VccError::Duplicate {
        what: "unit group",
        name: name.to_string(),
        count: all.len(),
        listing,
        fix: t!(
            "vcc-duplicate-ugroups-help",
            why = why,
            spare = spare,
            disk = disk
        ),
    }
}

fn addresses(nodes: Vec<VcNode>) -> Vec<String> {
    nodes
        .into_iter()
        .filter_map(|n| n.cloud_instance_address)
        .collect()
}

fn unit_path(id: &UnitId) -> String {
    format!("/vcs/{}/{}", id.ugroup.vcid, id.name)
}

fn malformed(what: &str, e: impl std::fmt::Display) -> VccError {
    VccError::Malformed {
        what: what.into(),
        status: 200,
        reason: clean(&e.to_string()),
    }
}

/// How a unit waited for by [`Client::wait_all`] ended: its state, and the server's message
/// when it failed.
type Ended = (Option<State>, Option<String>);

/// How a unit waited for by [`Client::wait_all`] stands now; once settled, how it ended (failed:
/// the unit or one of its nodes or disks in ERROR).
fn unit_status(u: Option<&Unit>) -> (UnitStatus, Ended) {
    let Some(u) = u else {
        let st = UnitStatus {
            state: "gone".into(),
            up: 0,
            total: 0,
            done: true,
        };
        return (st, (None, None));
    };
    let nodes = u.nodes.iter().flatten().map(|n| {
        let what = format!("node {}", n.node_no);
        (n.state.as_ref(), n.error_message.as_ref(), what)
    });
    let disks = u.disks.iter().flatten().map(|d| {
        let what = format!("disk {}", d.disk_no);
        (d.state.as_ref(), d.error_message.as_ref(), what)
    });
    let members: Vec<_> = nodes.chain(disks).collect();
    let st = u.state.as_ref();
    let busy = is_transitional(st) || members.iter().any(|m| is_transitional(m.0));
    let status = UnitStatus {
        state: st.map_or_else(|| "None".into(), State::to_string),
        up: members
            .iter()
            .filter(|m| m.0 == Some(&State::Running))
            .count(),
        total: members.len(),
        done: !busy,
    };
    let err = if st == Some(&State::Error) {
        Some(
            u.error_message
                .clone()
                .or_else(|| members.iter().find_map(|m| m.1.cloned()))
                .unwrap_or_else(|| "(no error_message)".into()),
        )
    } else {
        members
            .iter()
            .find(|m| m.0 == Some(&State::Error))
            .map(|m| {
                m.1.cloned()
                    .or(u.error_message.clone())
                    .unwrap_or_else(|| format!("{} is ERROR", m.2))
            })
    };
    (status, (st.cloned(), err))
}

#[cfg(test)]
mod wait_all_tests {
    use super::*;

    fn unit(v: Value) -> Unit {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_unit_is_done_when_neither_it_nor_a_node_is_mid_transition() {
        // RUNNING but a new node still BOOTING (add_nodes): not done
        let u = unit(json!({"name": "w", "state": "RUNNING", "node": [
            {"node_no": 1, "node_id": "a", "state": "RUNNING"},
            {"node_no": 2, "node_id": "b", "state": "BOOTING"}]}));
        let (st, _) = unit_status(Some(&u));
        assert_eq!((st.done, st.up, st.total), (false, 1, 2));
        // INDEFINITE with every node settled: done, and a node in ERROR is its failure
        let u = unit(json!({"name": "w", "state": "INDEFINITE", "node": [
            {"node_no": 1, "node_id": "a", "state": "RUNNING"},
            {"node_no": 2, "node_id": "b", "state": "ERROR", "error_message": "quota"}]}));
        let (st, (state, err)) = unit_status(Some(&u));
        assert!(st.done);
        assert_eq!(state, Some(State::Indefinite));
        assert_eq!(err.as_deref(), Some("quota"));
        // a unit in ERROR without a message still fails; a gone unit is done without failing
        let u = unit(json!({"name": "m", "state": "ERROR", "node": [
            {"node_no": 1, "node_id": "a", "state": "ERROR"}]}));
        assert_eq!(
            unit_status(Some(&u)).1.1.as_deref(),
            Some("(no error_message)")
        );
        let (st, end) = unit_status(None);
        assert!(st.done && st.state == "gone" && end == (None, None));
        // disks count as the members of a storage unit
        let u = unit(json!({"name": "nfs", "state": "RUNNING", "disk": [
            {"disk_no": 1, "disk_id": "d", "state": "RUNNING"}]}));
        let (st, (_, err)) = unit_status(Some(&u));
        assert_eq!((st.done, st.up, st.total, err), (true, 1, 1, None));
    }
}

//! The optional node driver: something real behind the simulator's nodes (the local lab runs
//! each compute node as a container). `state.rs` stays a pure state machine; this file derives
//! the driver's work from the difference between the state before and after a mutation
//! ([`effects`]) and completes pending transitions when the driver reports them done
//! ([`apply_outcomes`]). Without a driver nothing here runs and transitions stay time-driven.
pub use crate::sim::state::DRIVER_DELAY_MS;
use crate::sim::state::{Next, SimState, SimUnit, SimVc};
use crate::vcc::model::{State, UgroupKind};
use std::collections::HashMap;

/// What the driver needs to know about one node (compute) or disk (storage).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeInfo {
    /// Unit group id.
    pub vcid: String,
    /// Unit group name.
    pub ugroup: String,
    /// Compute node or storage disk.
    pub kind: UgroupKind,
    /// Unit name.
    pub unit: String,
    /// node_id / disk_id.
    pub id: String,
    /// node_no / disk_no.
    pub no: i64,
    /// Private address (compute).
    pub address: Option<String>,
    /// The unit's CCI text (image, params, cloud_params…).
    pub cci: String,
    /// Disks this node attaches: (disk_id, device name as the VCC reports it, e.g. `xvdf`).
    pub disks: Vec<(String, String)>,
}

/// Work for the driver.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A new node or disk: make it and report `RUNNING`.
    Create(NodeInfo),
    /// Stop the node and report `POWER_OFF`.
    PowerOff(NodeInfo),
    /// Start the node again and report `RUNNING`.
    PowerOn(NodeInfo),
    /// Remove the node or disk and report it gone.
    Delete(NodeInfo),
}

impl Effect {
    /// The node or disk concerned.
    pub fn node(&self) -> &NodeInfo {
        match self {
            Effect::Create(n) | Effect::PowerOff(n) | Effect::PowerOn(n) | Effect::Delete(n) => n,
        }
    }
}

/// How the driver's latest operation on a node ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Reached this end (`RUNNING`, `POWER_OFF`, gone).
    Reached(Next),
    /// Failed: the node goes to ERROR with this message.
    Failed(String),
}

/// Something real behind the simulator's nodes. Calls come from the simulator's request
/// handlers with its state locked: `submit` must return at once (queue the work).
pub trait NodeDriver: Send + Sync {
    /// Queue work for a node; replaces any earlier outcome of that node.
    fn submit(&self, effect: Effect);
    /// The outcome of the latest finished operation on node `id` (None while it runs).
    fn outcome(&self, id: &str) -> Option<Outcome>;
}

fn device(i: usize) -> String {
    format!("xvd{}", (b'f' + i as u8) as char)
}

/// The driver's view of member `id` of `unit` in `vc`.
pub fn node_info(st: &SimState, vc: &SimVc, unit: &SimUnit, id: &str) -> Option<NodeInfo> {
    let m = unit.members.iter().find(|m| m.id == id)?;
    let disks = m
        .disks
        .iter()
        .enumerate()
        .filter_map(|(i, r)| resolve_disk(st, r).map(|d| (d, device(i))))
        .collect();
    Some(NodeInfo {
        vcid: vc.vcid.clone(),
        ugroup: vc.name.clone(),
        kind: vc.kind,
        unit: unit.name.clone(),
        id: m.id.clone(),
        no: m.no,
        address: m.address.clone(),
        cci: unit.info.clone(),
        disks,
    })
}

/// A disk reference (`vcp:vcid:unit:disk_id` or a cloud volume id) → the disk's id.
fn resolve_disk(st: &SimState, r: &str) -> Option<String> {
    let disks = st
        .vcs
        .iter()
        .filter(|v| v.kind == UgroupKind::Storage)
        .flat_map(|v| &v.units)
        .flat_map(|u| &u.members);
    match r.strip_prefix("vcp:") {
        Some(rest) => rest.rsplit(':').next().map(str::to_string),
        None => disks
            .into_iter()
            .find(|d| d.cloud_id == r)
            .map(|d| d.id.clone()),
    }
}

/// Every member: id → (state, info).
fn index(st: &SimState) -> HashMap<String, (State, NodeInfo)> {
    let mut out = HashMap::new();
    for vc in &st.vcs {
        for u in &vc.units {
            for m in &u.members {
                if let Some(info) = node_info(st, vc, u, &m.id) {
                    out.insert(m.id.clone(), (m.state.clone(), info));
                }
            }
        }
    }
    out
}

/// The driver's work implied by going from `before` to `after`.
pub fn effects(before: &SimState, after: &SimState) -> Vec<Effect> {
    let (b, a) = (index(before), index(after));
    let mut out = Vec::new();
    for (id, (state, info)) in &a {
        let old = b.get(id).map(|(s, _)| s);
        let e = match (old, state) {
            (None, State::Booting) => Effect::Create(info.clone()),
            (Some(o), State::ShuttingDown) if o != state => Effect::PowerOff(info.clone()),
            (Some(o), State::Booting) if o != state => Effect::PowerOn(info.clone()),
            (Some(o), State::Deleting) if o != state => Effect::Delete(info.clone()),
            _ => continue,
        };
        out.push(e);
    }
    for (id, (state, info)) in &b {
        if !a.contains_key(id) && !matches!(state, State::Deleting | State::Error) {
            out.push(Effect::Delete(info.clone()));
        }
    }
    // Disks before the nodes that attach them; deletions of nodes before their disks.
    out.sort_by_key(|e| match e {
        Effect::Create(n) => (0, n.kind != UgroupKind::Storage),
        Effect::Delete(n) => (2, n.kind == UgroupKind::Storage),
        _ => (1, false),
    });
    out
}

/// Complete the pending transitions the driver reports done (or failed). True when anything
/// changed.
pub fn apply_outcomes(st: &mut SimState, driver: &dyn NodeDriver) -> bool {
    let mut changed = false;
    for vc in &mut st.vcs {
        for u in &mut vc.units {
            u.members.retain_mut(|m| {
                let Some((_, next)) = m.until.clone() else {
                    return true;
                };
                match driver.outcome(&m.id) {
                    Some(Outcome::Reached(s)) if s == next => {
                        changed = true;
                        m.finish(next)
                    }
                    Some(Outcome::Failed(msg)) => {
                        m.state = State::Error;
                        m.until = None;
                        m.error = Some(format!(
                            "{}: VCPCloudException: {}: {msg}",
                            crate::sim::state::stamp(),
                            u.name
                        ));
                        changed = true;
                        true
                    }
                    _ => true,
                }
            });
        }
        vc.units.retain(|u| !(u.deleting && u.members.is_empty()));
    }
    st.vcs.retain(|v| !(v.deleting && v.units.is_empty()));
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::state::{Net, Rules};
    use std::sync::Mutex;

    #[derive(Default)]
    struct Fake {
        done: Mutex<HashMap<String, Outcome>>,
    }
    impl NodeDriver for Fake {
        fn submit(&self, _: Effect) {}
        fn outcome(&self, id: &str) -> Option<Outcome> {
            self.done.lock().unwrap().get(id).cloned()
        }
    }

    fn rules() -> Rules {
        let pool = (
            "172.30.2.100".parse().unwrap(),
            "172.30.2.200".parse().unwrap(),
        );
        Rules {
            boot_delay_ms: DRIVER_DELAY_MS,
            pool,
            net: Net::covering(pool.0, pool.1),
        }
    }

    #[test]
    fn create_power_and_delete_become_effects_completed_by_the_driver() {
        let r = rules();
        let mut s = SimState::default();
        let v = s.create_vc("g", UgroupKind::Compute);
        let cci = crate::vcc::cci::decode("- unit:\n    num_nodes: 2\n").unwrap();
        let before = s.clone();
        s.add_unit(&r, &v, "w", "cci".into(), &cci, 0).unwrap();
        let fx = effects(&before, &s);
        assert_eq!(fx.len(), 2);
        assert!(matches!(&fx[0], Effect::Create(n) if n.unit == "w" && n.ugroup == "g"));
        let id = s.vcs[0].units[0].members[0].id.clone();
        let fake = Fake::default();
        s.advance(10_000);
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Booting);
        fake.done
            .lock()
            .unwrap()
            .insert(id.clone(), Outcome::Reached(Next::To(State::Running)));
        assert!(apply_outcomes(&mut s, &fake));
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Running);
        let before = s.clone();
        s.node_op(&r, &v, "w", &id, "power_off", 0).unwrap();
        assert!(matches!(&effects(&before, &s)[..], [Effect::PowerOff(n)] if n.id == id));
        // a stale RUNNING does not complete the power off
        assert!(!apply_outcomes(&mut s, &fake));
        fake.done
            .lock()
            .unwrap()
            .insert(id.clone(), Outcome::Failed("boom".into()));
        apply_outcomes(&mut s, &fake);
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Error);
        let before = s.clone();
        s.delete_vc(&r, &v, 0).unwrap();
        let fx = effects(&before, &s);
        assert_eq!(fx.len(), 2);
        assert!(fx.iter().all(|e| matches!(e, Effect::Delete(_))));
    }
}

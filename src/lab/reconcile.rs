//! Reconciling the saved simulator state with the lab's containers and volumes when a lab
//! simulator starts: a node's state follows its container, transitions cut short by the end of
//! an earlier process are resumed, and containers the state does not know are reported.
use crate::lab::docker::{Engine, LAB_LABEL};
use crate::lab::error::Result;
use crate::lab::node;
use crate::sim::SimState;
use crate::sim::driver::{Effect, node_info};
use crate::vcc::model::{State, UgroupKind};
use std::collections::HashMap;

/// What a container looks like to reconciliation: node id → running?
pub type Observed = HashMap<String, bool>;

/// Bring `st` in line with `containers` (node id → running) and `volumes` (disk ids present);
/// returns the work to resume and the warnings to show.
pub fn plan(
    st: &mut SimState,
    containers: &Observed,
    volumes: &[String],
) -> (Vec<Effect>, Vec<String>) {
    let mut work = Vec::new();
    let mut warn = Vec::new();
    let snapshot = st.clone();
    for (vi, vc) in st.vcs.iter_mut().enumerate() {
        for (ui, u) in vc.units.iter_mut().enumerate() {
            for m in &mut u.members {
                if m.state == State::Error {
                    continue;
                }
                let svc = &snapshot.vcs[vi];
                let Some(info) = node_info(&snapshot, svc, &svc.units[ui], &m.id) else {
                    continue;
                };
                let exists = match vc.kind {
                    UgroupKind::Storage => volumes.contains(&m.id).then_some(true),
                    UgroupKind::Compute => containers.get(&m.id).copied(),
                };
                match (&m.state, exists) {
                    (State::Booting, _) => work.push(Effect::Create(info)),
                    (State::ShuttingDown, _) => work.push(Effect::PowerOff(info)),
                    (State::Deleting, _) => work.push(Effect::Delete(info)),
                    (State::Running, Some(false)) => m.state = State::PowerOff,
                    (State::PowerOff, Some(true)) => m.state = State::Running,
                    (_, None) => {
                        m.state = State::Error;
                        m.until = None;
                        m.error = Some(format!(
                            "{}: VCPCloudException: {}: the lab container or volume is gone \
                             (removed outside cwh?)",
                            crate::sim::state::stamp(),
                            u.name
                        ));
                        warn.push(crate::t!(
                            "lab-reconcile-gone",
                            ugroup = vc.name.as_str(),
                            unit = u.name.as_str(),
                            no = m.no
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    let known: Vec<&str> = snapshot
        .vcs
        .iter()
        .flat_map(|v| &v.units)
        .flat_map(|u| &u.members)
        .map(|m| m.id.as_str())
        .collect();
    for id in containers.keys() {
        if !known.contains(&id.as_str()) {
            warn.push(crate::t!("lab-reconcile-stranger", node = id.as_str()));
        }
    }
    (work, warn)
}

/// Observe the lab's containers and volumes and reconcile `st` with them.
pub async fn reconcile(engine: &Engine, lab: &str, st: &mut SimState) -> Result<Vec<Effect>> {
    let mut seen = Observed::new();
    for c in engine.containers(&[(LAB_LABEL, lab)]).await? {
        if let Some(id) = c.labels.as_ref().and_then(|l| l.get("cwh.node")) {
            let running = c.state.map(|s| s.to_string() == "running").unwrap_or(false);
            seen.insert(id.clone(), running);
        }
    }
    let prefix = node::volume_name(lab, "");
    let volumes: Vec<String> = engine
        .volumes(&[(LAB_LABEL, lab)])
        .await?
        .into_iter()
        .filter_map(|v| v.name.strip_prefix(&prefix).map(str::to_string))
        .collect();
    let (work, warnings) = plan(st, &seen, &volumes);
    for w in warnings {
        tracing::warn!("lab {lab}: {w}");
    }
    Ok(work)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::state::{Net, Rules};

    #[test]
    fn node_state_follows_its_container() {
        let pool = (
            "172.30.2.100".parse().unwrap(),
            "172.30.2.200".parse().unwrap(),
        );
        let r = Rules {
            boot_delay_ms: 0,
            pool,
            net: Net::covering(pool.0, pool.1),
        };
        let mut s = SimState::default();
        let v = s.create_vc("g", UgroupKind::Compute);
        let cci = crate::vcc::cci::decode("- unit:\n    num_nodes: 3\n").unwrap();
        s.add_unit(&r, &v, "w", String::new(), &cci, 0).unwrap();
        s.advance(1);
        let ids: Vec<String> = s.vcs[0].units[0]
            .members
            .iter()
            .map(|m| m.id.clone())
            .collect();
        let seen = Observed::from([
            (ids[0].clone(), true),
            (ids[1].clone(), false),
            ("stranger".to_string(), true),
        ]);
        let (work, warn) = plan(&mut s, &seen, &[]);
        assert!(work.is_empty());
        let states: Vec<&State> = s.vcs[0].units[0].members.iter().map(|m| &m.state).collect();
        assert_eq!(states, [&State::Running, &State::PowerOff, &State::Error]);
        assert_eq!(warn.len(), 2);
    }
}

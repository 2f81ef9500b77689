//! `cwh lab status` and `cwh lab down`: what one lab holds, and removing all of it — for the
//! workdir that owns the lab only, or anyone for an orphan (see [`crate::lab::owner`]).
use crate::lab::LabOptions;
use crate::lab::docker::{Engine, LAB_LABEL};
use crate::lab::error::{LabError, Result};
use crate::lab::owner::{self, Act, Ownership};
use crate::sim::SimState;

/// One node of the lab as `status` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NodeRow {
    /// Unit group.
    pub ugroup: String,
    /// Unit.
    pub unit: String,
    /// Node number.
    pub node_no: String,
    /// Private address.
    pub ip: String,
    /// The simulator's state of the node (from the workdir's lab state), or `-`.
    pub vcc_state: String,
    /// The container's state (`running`, `exited`…).
    pub container: String,
    /// Container name.
    pub name: String,
}

/// What `status` found: whose the lab is, and its nodes.
#[derive(Debug, Clone)]
pub struct Status {
    /// Mine, free, an orphan or unrecorded (another workdir's is refused).
    pub ownership: Ownership,
    /// The nodes.
    pub rows: Vec<NodeRow>,
}

/// The lab's nodes: every container with its label, with the saved VCC state beside each,
/// and every compute node the lab state knows that has no container (a lost VM: ERROR, or
/// a node whose container was removed), with container `missing`. Another workdir's lab is
/// refused (saying whose it is); an orphan's nodes are shown without a saved state (it went
/// with its workdir).
pub async fn status(engine: &Engine, opts: &LabOptions) -> Result<Status> {
    let ownership = owner::ownership(engine, &opts.registry, opts).await?;
    let st = match &ownership {
        Ownership::Other(o) => {
            return Err(owner::refusal(engine, &opts.registry, opts, o, Act::Status).await);
        }
        Ownership::Orphan(_) => SimState::default(),
        _ => SimState::load(&opts.state_file()).unwrap_or_default(),
    };
    let rows = container_rows(engine, opts, &st).await?;
    Ok(Status {
        ownership,
        rows: with_state_only_nodes(&st, rows),
    })
}

/// Add a row for each compute node of `st` that no row shows; sort by group, unit, number.
fn with_state_only_nodes(st: &SimState, mut rows: Vec<NodeRow>) -> Vec<NodeRow> {
    for vc in st
        .vcs
        .iter()
        .filter(|v| v.kind == crate::vcc::UgroupKind::Compute)
    {
        for u in &vc.units {
            for m in &u.members {
                let shown = rows.iter().any(|r| {
                    r.ugroup == vc.name && r.unit == u.name && r.node_no == m.no.to_string()
                });
                if !shown {
                    rows.push(NodeRow {
                        ugroup: vc.name.clone(),
                        unit: u.name.clone(),
                        node_no: m.no.to_string(),
                        ip: m.address.clone().unwrap_or_else(|| "-".into()),
                        vcc_state: m.state.to_string(),
                        container: "missing".into(),
                        name: "-".into(),
                    });
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        (&a.ugroup, &a.unit, a.node_no.parse::<i64>().unwrap_or(0)).cmp(&(
            &b.ugroup,
            &b.unit,
            b.node_no.parse::<i64>().unwrap_or(0),
        ))
    });
    rows
}

async fn container_rows(engine: &Engine, opts: &LabOptions, st: &SimState) -> Result<Vec<NodeRow>> {
    let member = |id: &str| {
        st.vcs
            .iter()
            .flat_map(|v| &v.units)
            .flat_map(|u| &u.members)
            .find(|m| m.id == id)
            .cloned()
    };
    let net = opts.network();
    let rows: Vec<NodeRow> = engine
        .containers(&[(LAB_LABEL, &opts.name)])
        .await?
        .into_iter()
        .map(|c| {
            let l = c.labels.clone().unwrap_or_default();
            let g = |k: &str| l.get(k).cloned().unwrap_or_default();
            let m = member(&g("cwh.node"));
            // a stopped container has no address: the node keeps its own
            let ip = c
                .network_settings
                .as_ref()
                .and_then(|n| n.networks.as_ref())
                .and_then(|n| n.get(&net))
                .and_then(|e| e.ip_address.clone())
                .filter(|s| !s.is_empty())
                .or_else(|| m.as_ref().and_then(|m| m.address.clone()))
                .unwrap_or_else(|| "-".into());
            NodeRow {
                ugroup: g("cwh.ugroup"),
                unit: g("cwh.unit"),
                node_no: g("cwh.node_no"),
                ip,
                vcc_state: m.map(|m| m.state.to_string()).unwrap_or_else(|| "-".into()),
                container: c.state.map(|s| s.to_string()).unwrap_or_default(),
                name: c
                    .names
                    .and_then(|n| n.first().cloned())
                    .unwrap_or_default()
                    .trim_start_matches('/')
                    .to_string(),
            }
        })
        .collect();
    Ok(rows)
}

/// What `down` removed.
#[derive(Debug, Clone)]
pub struct Removed {
    /// Whose the lab was (mine, free, an orphan or unrecorded).
    pub was: Ownership,
    /// Containers.
    pub containers: usize,
    /// Named volumes (storage units).
    pub volumes: usize,
    /// Whether the network existed.
    pub network: bool,
    /// Whether a state file existed.
    pub state: bool,
}

/// Remove every container, volume and the network of the lab, its owner record and the
/// workdir's lab state. Idempotent. Another workdir's lab is refused and nothing is changed;
/// an orphan (its workdir gone) or a lab with no recorded owner is removed from any workdir.
pub async fn down(engine: &Engine, opts: &LabOptions) -> Result<Removed> {
    let was = owner::ownership(engine, &opts.registry, opts).await?;
    if let Ownership::Other(o) = &was {
        return Err(owner::refusal(engine, &opts.registry, opts, o, Act::Down).await);
    }
    let mut r = Removed {
        was,
        containers: 0,
        volumes: 0,
        network: false,
        state: false,
    };
    let cs = engine.containers(&[(LAB_LABEL, &opts.name)]).await?;
    let removals = cs
        .iter()
        .filter_map(|c| c.id.clone())
        .map(|id| async move { engine.remove(&id).await });
    for res in futures::future::join_all(removals).await {
        res?;
        r.containers += 1;
    }
    for v in engine.volumes(&[(LAB_LABEL, &opts.name)]).await? {
        engine.remove_volume(&v.name).await?;
        r.volumes += 1;
    }
    r.network = engine.remove_network(&opts.network()).await?;
    owner::release(&opts.registry, &opts.name, &opts.owner)?;
    match std::fs::remove_file(opts.state_file()) {
        Ok(()) => r.state = true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(LabError::Io(crate::t!(
                "lab-cannot-remove",
                path = opts.state_file().display().to_string(),
                problem = e.to_string()
            )));
        }
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lists_nodes_the_state_knows_without_a_container() {
        let mut st = SimState::default();
        let vcid = st.create_vc("G", crate::vcc::UgroupKind::Compute);
        let json = serde_json::json!({
            "name": "worker", "info": "", "deleting": false, "disks": [], "size": null,
            "members": [
                {"no": 1, "id": "a", "state": "RUNNING", "until": null, "address": "172.30.9.101",
                 "cloud_id": "i-1", "disks": [], "size": null, "error": null, "cdate": ""},
                {"no": 2, "id": "b", "state": "ERROR", "until": null, "address": "172.30.9.102",
                 "cloud_id": "i-2", "disks": [], "size": null, "error": "gone", "cdate": ""}
            ]
        });
        st.vcs
            .iter_mut()
            .find(|v| v.vcid == vcid)
            .unwrap()
            .units
            .push(serde_json::from_value(json).unwrap());
        let running = NodeRow {
            ugroup: "G".into(),
            unit: "worker".into(),
            node_no: "1".into(),
            ip: "172.30.9.101".into(),
            vcc_state: "RUNNING".into(),
            container: "running".into(),
            name: "cwh-t-G-worker-1".into(),
        };
        let rows = with_state_only_nodes(&st, vec![running]);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (
                rows[1].node_no.as_str(),
                rows[1].vcc_state.as_str(),
                rows[1].container.as_str()
            ),
            ("2", "ERROR", "missing")
        );
        assert_eq!(rows[1].ip, "172.30.9.102");
    }
}

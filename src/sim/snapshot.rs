//! Seeding the simulator from a real VCC: a snapshot read with GET requests only (unit groups
//! with their units, nodes and disks; the VPN catalog; the version), turned into the
//! simulator's state. Nodes keep their ids, addresses and states; a node found in transition
//! completes it at once (the run would wait for it); states the simulator does not model
//! (ERROR, INDEFINITE, anything new) are carried over as they are, never dropped. Unknown CCI
//! fields stay in the unit's CCI text.
use crate::sim::state::{Member, Net, Next, SimState, SimUnit, SimVc, now_ms};
use crate::vcc::model::{State, UnitGroup};
use crate::vcc::{Client, cci};
use serde_json::Value;
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

/// What the snapshot read.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// `GET /vcs`.
    pub ugroups: Vec<UnitGroup>,
    /// `GET /vpn_catalog`'s `vpn_catalog` (provider → name → settings), without `cci_version`.
    pub vpn_catalog: Value,
    /// `GET /version`.
    pub version: Value,
    /// GET requests made (the connection handshake included).
    pub requests: usize,
    /// Time the GETs took.
    pub took: Duration,
}

/// Read a VCC's state with GET requests only. `client` was connected with the handshake's
/// three GETs; this adds `GET /vcs`, `GET /vpn_catalog` and `GET /version`.
pub async fn take(client: &Client, connect_took: Duration) -> crate::vcc::Result<Snapshot> {
    let t0 = Instant::now();
    let ugroups = client.ugroups().await?;
    let vpn_catalog = client.vpn_catalogs().await?;
    let version = serde_json::to_value(client.version().await?).unwrap_or(Value::Null);
    Ok(Snapshot {
        ugroups,
        vpn_catalog,
        version,
        requests: 6,
        took: connect_took + t0.elapsed(),
    })
}

/// Where a node in transition ends (None: not in transition).
fn settles_to(state: &State) -> Option<Next> {
    Some(Next::To(match state {
        State::Booting | State::Resuming => State::Running,
        State::Stopping => State::Stopped,
        State::Suspending => State::Suspended,
        State::ShuttingDown => State::PowerOff,
        State::Deleting => return Some(Next::Gone),
        _ => return None,
    }))
}

/// What a node without a state is carried over as.
const NO_STATE: &str = "UNKNOWN";

/// The simulator's state for a snapshot's unit groups.
pub fn state_from(ugroups: &[UnitGroup]) -> SimState {
    let now = now_ms();
    let mut st = SimState::default();
    for (i, g) in ugroups.iter().enumerate() {
        let vcno = g.vcno.unwrap_or(i as i64 + 1);
        st.last_vcno = st.last_vcno.max(vcno);
        let units = g
            .units
            .iter()
            .map(|u| {
                let d = u.info.as_deref().and_then(|t| cci::decode(t).ok());
                let mut disks = d
                    .as_ref()
                    .map(|d| d.cloud_list("volume_id"))
                    .unwrap_or_default();
                disks.extend(
                    d.as_ref()
                        .map(|d| d.cloud_list("ext_managed_disk"))
                        .unwrap_or_default(),
                );
                let size = d.as_ref().and_then(|d| {
                    ["size", "disk_size_gb", "size_in_gbs"]
                        .iter()
                        .find_map(|k| d.cloud_param(k).and_then(|v| v.as_i64()))
                });
                let members = u
                    .vc_nodes(&g.vcid)
                    .into_iter()
                    .map(|n| {
                        let state = n.state.clone().unwrap_or_else(|| State::from(NO_STATE));
                        Member {
                            no: n.no,
                            until: settles_to(&state).map(|next| (now, next)),
                            state,
                            id: n.id.clone(),
                            address: n.cloud_instance_address.clone(),
                            cloud_id: n
                                .cloud_instance_id
                                .clone()
                                .or(n.cloud_disk_id.clone())
                                .unwrap_or_default(),
                            disks: n.volumes.iter().map(|v| v.volume_id.clone()).collect(),
                            size: n.cloud_disk_size,
                            error: n.error_message.clone(),
                            cdate: n.cdate.clone().or(n.boot_date.clone()).unwrap_or_default(),
                            watch: n.watch_mode.unwrap_or(false),
                        }
                    })
                    .collect();
                SimUnit {
                    name: u.name.clone(),
                    info: u.info.clone().unwrap_or_default(),
                    deleting: u.state == Some(State::Deleting),
                    disks,
                    size,
                    members,
                }
            })
            .collect();
        st.vcs.push(SimVc {
            vcid: g.vcid.clone(),
            vcno,
            name: g.name.clone(),
            kind: g.kind,
            cdate: g.cdate.clone().unwrap_or_default(),
            deleting: g.state == Some(State::Deleting),
            owner: g.owner.clone(),
            description: g.description.clone(),
            units,
        });
    }
    st
}

/// The address pool of a seeded simulator: `.100`–`.200` of the catalog's private network
/// (the first provider that has one), so new nodes get addresses the VCC's network holds.
pub fn pool_from(catalog: &Value) -> Option<(Ipv4Addr, Ipv4Addr)> {
    let mask = catalog.as_object()?.values().find_map(|p| {
        p.as_object()?
            .values()
            .find_map(|c| c.get("private_network_ipmask")?.as_str())
    })?;
    let (addr, prefix) = mask.split_once('/')?;
    let net = Net {
        addr: addr.parse().ok()?,
        prefix: prefix.parse().ok()?,
    };
    if net.prefix > 24 {
        return None;
    }
    let base = u32::from(net.addr) & (u32::MAX << (32 - net.prefix));
    Some((Ipv4Addr::from(base + 100), Ipv4Addr::from(base + 200)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_carried_over_and_transitions_complete() {
        let g: UnitGroup = serde_json::from_value(serde_json::json!({
            "vcid": "abc", "vcno": 7, "name": "G", "type": "compute",
            "unit": [{"name": "u", "state": "INDEFINITE", "info": "- unit:\n    num_nodes: 3\n",
                "node": [
                    {"node_no": 1, "node_id": "n1", "state": "ERROR", "error_message": "boom",
                     "cloud_instance_address": "10.0.0.1"},
                    {"node_no": 2, "node_id": "n2", "state": "BOOTING"},
                    {"node_no": 3, "node_id": "n3", "state": "SOMETHING_NEW",
                     "volumes": [{"volume_id": "vol-1"}]}
                ]}]
        }))
        .unwrap();
        let mut st = state_from(&[g]);
        assert_eq!(st.last_vcno, 7);
        st.advance(now_ms());
        let m = &st.vcs[0].units[0].members;
        assert_eq!(m.len(), 3, "nothing dropped");
        assert_eq!(m[0].state, State::Error);
        assert_eq!(m[0].error.as_deref(), Some("boom"));
        assert_eq!(m[1].state, State::Running);
        assert_eq!(m[2].state, State::Other("SOMETHING_NEW".into()));
        assert_eq!(m[2].disks, ["vol-1"]);
        let vc = st.vcs[0].clone();
        assert_eq!(st.render(&vc).units[0].state, Some(State::Error));
    }

    #[test]
    fn the_pool_follows_the_catalog() {
        let cat =
            serde_json::json!({"aws": {"default": {"private_network_ipmask": "10.1.0.0/16"}}});
        assert_eq!(
            pool_from(&cat),
            Some(("10.1.0.100".parse().unwrap(), "10.1.0.200".parse().unwrap()))
        );
        assert_eq!(pool_from(&serde_json::json!({})), None);
    }
}

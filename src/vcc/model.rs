//! The VCC's objects as they travel on the wire (vcc-rest.md §2.3), shared by the client and
//! the simulator, plus the handles scripts hold ([`UgroupId`], [`UnitId`]) and the flattened
//! [`VcNode`] the SDK hands out for both compute nodes and disks.
use serde::{Deserialize, Serialize};

/// The operations a compute node knows on the wire (`PATCH …/{node}/{op}`); a disk only knows
/// delete. Shared by the client and the simulator.
pub const NODE_OPS: &[&str] = &[
    "suspend",
    "resume",
    "stop",
    "start",
    "watch",
    "unwatch",
    "power_off",
    "power_on",
];

/// Unit states the client knows (vcc-rest.md §4).
pub const TRANSITIONAL: &[&str] = &[
    "BOOTING",
    "STOPPING",
    "SUSPENDING",
    "RESUMING",
    "DELETING",
    "SHUTTING_DOWN",
];

/// True for the states the SDK keeps polling on (INDEFINITE excluded: callers decide).
pub fn is_transitional(state: Option<&str>) -> bool {
    state.is_some_and(|s| TRANSITIONAL.contains(&s))
}

/// True for a state an object must leave before a run may use, attach or count it: the SDK's
/// transitional set, INDEFINITE (a unit with nodes mid-change), POWERING_* and CREATING (older
/// servers' disks). A run resuming after a crash waits these out.
pub fn is_unsettled(state: Option<&str>) -> bool {
    is_transitional(state)
        || matches!(state, Some("INDEFINITE" | "CREATING"))
        || state.is_some_and(|s| s.starts_with("POWERING_"))
}

impl Unit {
    /// What in this unit is mid-transition (`manager BOOTING`, `worker node 2 BOOTING`…);
    /// empty when it is settled. A unit INDEFINITE only because its nodes differ (one RUNNING,
    /// one POWER_OFF) is settled: the nodes decide, as in the SDK's wait_nodes_applied.
    pub fn unsettled(&self) -> Vec<String> {
        let mut out = Vec::new();
        if is_unsettled(self.state.as_deref()) && self.state.as_deref() != Some("INDEFINITE") {
            out.push(format!(
                "{} {}",
                self.name,
                self.state.as_deref().unwrap_or_default()
            ));
        }
        for n in self.nodes.iter().flatten() {
            if is_unsettled(n.state.as_deref()) {
                out.push(format!(
                    "{} node {} ({}) {}",
                    self.name,
                    n.node_no,
                    n.cloud_instance_address.as_deref().unwrap_or("no address"),
                    n.state.as_deref().unwrap_or_default()
                ));
            }
        }
        for d in self.disks.iter().flatten() {
            if is_unsettled(d.state.as_deref()) {
                out.push(format!(
                    "{} disk {} {}",
                    self.name,
                    d.disk_no,
                    d.state.as_deref().unwrap_or_default()
                ));
            }
        }
        out
    }

    /// One line for listings: `manager RUNNING [1: 172.30.2.100 RUNNING]`.
    pub fn summary(&self) -> String {
        let mut items: Vec<String> = self
            .nodes
            .iter()
            .flatten()
            .map(|n| {
                format!(
                    "{}: {} {}",
                    n.node_no,
                    n.cloud_instance_address.as_deref().unwrap_or("-"),
                    n.state.as_deref().unwrap_or("None")
                )
            })
            .collect();
        items.extend(self.disks.iter().flatten().map(|d| {
            format!(
                "disk {}: {} {}",
                d.disk_no,
                d.disk_id,
                d.state.as_deref().unwrap_or("None")
            )
        }));
        format!(
            "{} {} [{}]",
            self.name,
            self.state.as_deref().unwrap_or("None"),
            items.join(", ")
        )
    }
}

impl UnitGroup {
    /// What in this group is mid-transition; empty when everything is settled.
    pub fn unsettled(&self) -> Vec<String> {
        self.units.iter().flat_map(Unit::unsettled).collect()
    }

    /// One line for listings: id, creation time, state, units with their nodes.
    pub fn summary(&self) -> String {
        format!(
            "vcid {} (created {}, {}, state {}): {}",
            self.vcid,
            self.cdate.as_deref().unwrap_or("?"),
            self.kind.as_str(),
            self.state.as_deref().unwrap_or("None"),
            if self.units.is_empty() {
                "no units".to_string()
            } else {
                self.units
                    .iter()
                    .map(Unit::summary)
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        )
    }
}

/// Compute or storage unit group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UgroupKind {
    /// Nodes are VMs running the base container.
    #[default]
    Compute,
    /// "Nodes" are cloud disks.
    Storage,
}

impl UgroupKind {
    /// `compute` / `storage`.
    pub fn as_str(self) -> &'static str {
        match self {
            UgroupKind::Compute => "compute",
            UgroupKind::Storage => "storage",
        }
    }
    /// Parse `compute` / `storage` (`disk` accepted as storage).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "compute" => Some(UgroupKind::Compute),
            "storage" | "disk" => Some(UgroupKind::Storage),
            _ => None,
        }
    }
}

impl std::fmt::Display for UgroupKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn kind_or_compute<'de, D: serde::Deserializer<'de>>(d: D) -> Result<UgroupKind, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    Ok(s.as_deref().and_then(UgroupKind::parse).unwrap_or_default())
}

/// A unit group ("VC") as `GET /vcs` and `GET /vcs/{vcid}` return it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitGroup {
    /// 32-hex id.
    pub vcid: String,
    /// Sequence number.
    #[serde(default)]
    pub vcno: Option<i64>,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Owner user name.
    #[serde(default)]
    pub owner: Option<String>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Creation date, `2018/09/28 06:29:02 UTC` style.
    #[serde(default)]
    pub cdate: Option<String>,
    /// compute / storage (absent ⇒ compute).
    #[serde(default, rename = "type", deserialize_with = "kind_or_compute")]
    pub kind: UgroupKind,
    /// VCC id (display names).
    #[serde(default)]
    pub vcc_id: Option<String>,
    /// Error text.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Units with their current state.
    #[serde(default, rename = "unit")]
    pub units: Vec<Unit>,
}

impl UnitGroup {
    /// The cheap handle for this group.
    pub fn id(&self) -> UgroupId {
        UgroupId {
            vcid: self.vcid.clone(),
            name: self.name.clone(),
            kind: self.kind,
        }
    }
    /// A unit by name.
    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }
}

/// A unit as embedded in a VC or returned by `GET /vcs/{vcid}/{unit}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Unit {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// State (may be null).
    #[serde(default)]
    pub state: Option<String>,
    /// Multi-line error text.
    #[serde(default)]
    pub error_message: Option<String>,
    /// The unit CCI text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<String>,
    /// Compute nodes.
    #[serde(default, rename = "node", skip_serializing_if = "Option::is_none")]
    pub nodes: Option<Vec<Node>>,
    /// Disks (storage units).
    #[serde(default, rename = "disk", skip_serializing_if = "Option::is_none")]
    pub disks: Option<Vec<Disk>>,
}

impl Unit {
    /// True when the unit holds disks rather than compute nodes.
    pub fn is_storage(&self) -> bool {
        self.disks.is_some() && self.nodes.is_none()
    }
    /// The unit's nodes or disks as [`VcNode`]s, in server order.
    pub fn vc_nodes(&self, vcid: &str) -> Vec<VcNode> {
        let mut out = Vec::new();
        for n in self.nodes.iter().flatten() {
            out.push(VcNode::from_node(vcid, &self.name, n));
        }
        for d in self.disks.iter().flatten() {
            out.push(VcNode::from_disk(vcid, &self.name, d));
        }
        out
    }
}

/// An attached volume of a compute node.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Volume {
    /// Cloud volume id.
    pub volume_id: String,
    /// Device name.
    #[serde(default)]
    pub device_name: Option<String>,
}

/// A compute node on the wire.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Node {
    /// Number within the unit.
    pub node_no: i64,
    /// 32-hex id.
    pub node_id: String,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Private IP.
    #[serde(default)]
    pub cloud_instance_address: Option<String>,
    /// Cloud instance id (`i-…`).
    #[serde(default)]
    pub cloud_instance_id: Option<String>,
    /// Attached volumes.
    #[serde(default)]
    pub volumes: Vec<Volume>,
    /// Boot date.
    #[serde(default)]
    pub boot_date: Option<String>,
    /// Base container start date.
    #[serde(default)]
    pub container_date: Option<String>,
    /// Monitoring on/off.
    #[serde(default)]
    pub watch_mode: Option<bool>,
    /// Error text.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A disk of a storage unit on the wire.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Disk {
    /// Number within the unit.
    pub disk_no: i64,
    /// 32-hex id.
    pub disk_id: String,
    /// Attached to a node.
    #[serde(default)]
    pub in_use: bool,
    /// Creation date.
    #[serde(default)]
    pub cdate: Option<String>,
    /// Cloud disk id (`vol-…`).
    #[serde(default)]
    pub cloud_disk_id: Option<String>,
    /// Size in GB.
    #[serde(default)]
    pub cloud_disk_size: Option<i64>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Error text.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Handle of a unit group: ids only, re-read from the VCC on every use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UgroupId {
    /// 32-hex id.
    pub vcid: String,
    /// Name.
    pub name: String,
    /// compute / storage.
    pub kind: UgroupKind,
}

/// Handle of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitId {
    /// Its group.
    pub ugroup: UgroupId,
    /// Unit name.
    pub name: String,
}

impl UgroupId {
    /// The handle of a unit of this group.
    pub fn unit(&self, name: &str) -> UnitId {
        UnitId {
            ugroup: self.clone(),
            name: name.to_string(),
        }
    }
}

/// A node as the SDK's `VcNode`: a compute node or a disk, with the unit it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct VcNode {
    /// Unit group id.
    pub vcid: String,
    /// Unit name.
    pub unit_name: String,
    /// compute / storage.
    #[serde(rename = "type")]
    pub kind: UgroupKind,
    /// node_no / disk_no.
    pub no: i64,
    /// node_id / disk_id.
    pub id: String,
    /// State.
    pub state: Option<String>,
    /// Private IP (compute).
    pub cloud_instance_address: Option<String>,
    /// Cloud instance id (compute).
    pub cloud_instance_id: Option<String>,
    /// Volumes (compute).
    pub volumes: Vec<Volume>,
    /// Boot date (compute).
    pub boot_date: Option<String>,
    /// Container date (compute).
    pub container_date: Option<String>,
    /// Monitoring (compute).
    pub watch_mode: Option<bool>,
    /// Name.
    pub name: Option<String>,
    /// Error text.
    pub error_message: Option<String>,
    /// `in-use` / `un-use` (storage).
    pub used_state: Option<String>,
    /// Creation date (storage).
    pub cdate: Option<String>,
    /// Cloud disk id (storage).
    pub cloud_disk_id: Option<String>,
    /// Disk size GB (storage).
    pub cloud_disk_size: Option<i64>,
}

impl VcNode {
    fn from_node(vcid: &str, unit: &str, n: &Node) -> Self {
        VcNode {
            vcid: vcid.into(),
            unit_name: unit.into(),
            kind: UgroupKind::Compute,
            no: n.node_no,
            id: n.node_id.clone(),
            state: n.state.clone(),
            cloud_instance_address: n.cloud_instance_address.clone(),
            cloud_instance_id: n.cloud_instance_id.clone(),
            volumes: n.volumes.clone(),
            boot_date: n.boot_date.clone(),
            container_date: n.container_date.clone(),
            watch_mode: n.watch_mode,
            name: n.name.clone(),
            error_message: n.error_message.clone(),
            ..Default::default()
        }
    }
    fn from_disk(vcid: &str, unit: &str, d: &Disk) -> Self {
        VcNode {
            vcid: vcid.into(),
            unit_name: unit.into(),
            kind: UgroupKind::Storage,
            no: d.disk_no,
            id: d.disk_id.clone(),
            state: d.state.clone(),
            name: d.name.clone(),
            error_message: d.error_message.clone(),
            used_state: Some(if d.in_use { "in-use" } else { "un-use" }.into()),
            cdate: d.cdate.clone(),
            cloud_disk_id: d.cloud_disk_id.clone(),
            cloud_disk_size: d.cloud_disk_size,
            ..Default::default()
        }
    }
    /// The reference a compute spec's `disks` carries: `vcp:{vcid}:{unit}:{disk_id}`.
    pub fn disk_ref(&self) -> String {
        format!("vcp:{}:{}:{}", self.vcid, self.unit_name, self.id)
    }
}

/// Conditions of `find_nodes` (all ANDed; `ip_address` ∪ `ip_addresses`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeFilter {
    /// Unit name.
    pub unit_name: Option<String>,
    /// node_id / disk_id.
    pub node_id: Option<String>,
    /// State.
    pub node_state: Option<String>,
    /// node_no.
    pub node_no: Option<i64>,
    /// Any of these addresses.
    pub ip_addresses: Vec<String>,
    /// This address.
    pub ip_address: Option<String>,
    /// Cloud instance id.
    pub cloud_instance_id: Option<String>,
}

impl NodeFilter {
    /// Does `n` match every given condition?
    pub fn matches(&self, n: &VcNode) -> bool {
        let eq = |want: &Option<String>, have: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| have.as_deref() == Some(w.as_str()))
        };
        let mut ips: Vec<&str> = self.ip_addresses.iter().map(String::as_str).collect();
        if let Some(ip) = &self.ip_address {
            ips.push(ip);
        }
        self.unit_name.as_ref().is_none_or(|u| *u == n.unit_name)
            && self.node_id.as_ref().is_none_or(|i| *i == n.id)
            && eq(&self.node_state, &n.state)
            && self.node_no.is_none_or(|no| no == n.no)
            && (ips.is_empty()
                || n.cloud_instance_address
                    .as_deref()
                    .is_some_and(|a| ips.contains(&a)))
            && eq(&self.cloud_instance_id, &n.cloud_instance_id)
    }
}

/// Which nodes a `delete_nodes` / `power_off_nodes` / `power_on_nodes` acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeSelector {
    /// The first `n` nodes (server order); none given = 1.
    Num(usize),
    /// The node with this node_no.
    NodeNo(i64),
    /// Nodes with any of these addresses.
    IpAddresses(Vec<String>),
    /// The node with this cloud instance id.
    CloudInstanceId(String),
}

impl NodeSelector {
    /// Build from the SDK's keyword arguments: at most one may be given; none = one node.
    pub fn from_options(
        num: Option<i64>,
        node_no: Option<i64>,
        ip_address: Option<String>,
        ip_addresses: Option<Vec<String>>,
        cloud_instance_id: Option<String>,
    ) -> crate::vcc::Result<Self> {
        let given = [
            num.is_some(),
            node_no.is_some(),
            ip_address.is_some(),
            ip_addresses.is_some(),
            cloud_instance_id.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if given > 1 {
            return Err(crate::vcc::VccError::invalid(
                "invalid argment, one condition parameter allowed",
                "give at most one of num_…_nodes, node_no, ip_address, ip_addresses, cloud_instance_id",
            ));
        }
        Ok(if let Some(n) = num {
            if n < 1 {
                return Err(crate::vcc::VccError::invalid(
                    format!("number of nodes must be at least 1, got {n}"),
                    "pass a positive count",
                ));
            }
            NodeSelector::Num(n as usize)
        } else if let Some(n) = node_no {
            NodeSelector::NodeNo(n)
        } else if let Some(ip) = ip_address {
            NodeSelector::IpAddresses(vec![ip])
        } else if let Some(ips) = ip_addresses {
            NodeSelector::IpAddresses(ips)
        } else if let Some(c) = cloud_instance_id {
            NodeSelector::CloudInstanceId(c)
        } else {
            NodeSelector::Num(1)
        })
    }

    /// The matching nodes, in the order given.
    pub fn pick<'a>(&self, nodes: &'a [VcNode]) -> Vec<&'a VcNode> {
        match self {
            NodeSelector::Num(n) => nodes.iter().take(*n).collect(),
            NodeSelector::NodeNo(no) => nodes.iter().filter(|x| x.no == *no).collect(),
            NodeSelector::IpAddresses(ips) => nodes
                .iter()
                .filter(|x| {
                    x.cloud_instance_address
                        .as_ref()
                        .is_some_and(|a| ips.contains(a))
                })
                .collect(),
            NodeSelector::CloudInstanceId(c) => nodes
                .iter()
                .filter(|x| x.cloud_instance_id.as_deref() == Some(c.as_str()))
                .collect(),
        }
    }
}

/// What `add_nodes` adds: IPs win over MACs win over the count (as the SDK does).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddNodes {
    /// Count when no addresses are given (default 1).
    pub num: Option<i64>,
    /// Fixed private IPs.
    pub ip_addresses: Vec<String>,
    /// Fixed MACs.
    pub mac_addresses: Vec<String>,
}

/// `GET /version`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct VersionInfo {
    /// VCC version, e.g. `25.04.0+20250401`.
    #[serde(default)]
    pub version: String,
    /// Git tag.
    #[serde(default)]
    pub git_tag: Option<String>,
    /// Plugin versions.
    #[serde(default)]
    pub plugin: std::collections::BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vc_without_type_is_compute_and_disks_flatten() {
        let vc: UnitGroup = serde_json::from_str(
            r#"{"vcid":"ab","name":"d","unit":[{"name":"nfs","state":"RUNNING",
               "disk":[{"disk_no":1,"disk_id":"d1","in_use":true,"cloud_disk_size":32}]}]}"#,
        )
        .unwrap();
        assert_eq!(vc.kind, UgroupKind::Compute);
        let n = vc.units[0].vc_nodes("ab");
        assert_eq!(n[0].kind, UgroupKind::Storage);
        assert_eq!(n[0].used_state.as_deref(), Some("in-use"));
        assert_eq!(n[0].disk_ref(), "vcp:ab:nfs:d1");
    }

    #[test]
    fn selector_allows_at_most_one_condition() {
        assert_eq!(
            NodeSelector::from_options(None, None, None, None, None).unwrap(),
            NodeSelector::Num(1)
        );
        let e = NodeSelector::from_options(Some(2), Some(1), None, None, None).unwrap_err();
        assert!(e.to_string().contains("one condition parameter allowed"));
    }

    #[test]
    fn filter_merges_ip_address_and_list() {
        let n = VcNode {
            cloud_instance_address: Some("10.0.0.2".into()),
            state: Some("RUNNING".into()),
            ..Default::default()
        };
        let f = NodeFilter {
            ip_address: Some("10.0.0.2".into()),
            ip_addresses: vec!["10.0.0.9".into()],
            node_state: Some("RUNNING".into()),
            ..Default::default()
        };
        assert!(f.matches(&n));
        let f2 = NodeFilter {
            node_state: Some("BOOTING".into()),
            ..Default::default()
        };
        assert!(!f2.matches(&n));
    }

    #[test]
    fn mixed_settled_nodes_are_settled() {
        let node = |no: i64, st: &str| Node {
            node_no: no,
            node_id: format!("n{no}"),
            state: Some(st.into()),
            ..Default::default()
        };
        let mut u = Unit {
            name: "worker".into(),
            state: Some("INDEFINITE".into()),
            nodes: Some(vec![node(1, "RUNNING"), node(2, "POWER_OFF")]),
            ..Default::default()
        };
        assert!(u.unsettled().is_empty());
        u.nodes = Some(vec![node(1, "RUNNING"), node(2, "BOOTING")]);
        assert_eq!(u.unsettled(), ["worker node 2 (no address) BOOTING"]);
        u.state = Some("DELETING".into());
        u.nodes = Some(vec![]);
        assert_eq!(u.unsettled(), ["worker DELETING"]);
    }
}

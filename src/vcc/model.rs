//! The VCC's objects as they travel on the wire (vcc-rest.md §2.3), shared by the client and
//! the simulator, plus the handles scripts hold ([`UgroupId`], [`UnitId`]) and the flattened
//! [`VcNode`] the SDK hands out for both compute nodes and disks.
use serde::{Deserialize, Serialize};

/// The state of a unit group, unit, node or disk as the VCC names it (vcc-rest.md §4). On the
/// wire (serde, [`Display`](std::fmt::Display), [`as_str`](State::as_str)) it is the SDK's
/// name, `RUNNING`, `POWER_OFF`…; a name cwh does not know (a newer VCC's) is kept as
/// [`State::Other`] and written back unchanged. Compares equal to its wire name (`state ==
/// "RUNNING"`) and derefs to it.
#[derive(Debug, Clone)]
pub enum State {
    /// `BOOTING`: being created or started.
    Booting,
    /// `APPLYING` (not waited on by the SDK).
    Applying,
    /// `ERROR`.
    Error,
    /// `RUNNING`.
    Running,
    /// `SUSPENDING`.
    Suspending,
    /// `SUSPENDED`.
    Suspended,
    /// `RESUMING`.
    Resuming,
    /// `STOPPING`.
    Stopping,
    /// `STOPPED`.
    Stopped,
    /// `SHUTTING_DOWN`: powering off.
    ShuttingDown,
    /// `POWER_OFF`.
    PowerOff,
    /// `DELETING`.
    Deleting,
    /// `CONTAINER_ERROR`.
    ContainerError,
    /// `HOST_ERROR`.
    HostError,
    /// `INDEFINITE`: a unit whose nodes are in different states.
    Indefinite,
    /// `CREATING`: older servers' disks.
    Creating,
    /// `POWERING_ON`.
    PoweringOn,
    /// `POWERING_OFF`.
    PoweringOff,
    /// Any other name, kept as the VCC sent it.
    Other(String),
}

impl State {
    /// Every state cwh knows by name (all but [`State::Other`]).
    pub const KNOWN: [State; 18] = [
        State::Booting,
        State::Applying,
        State::Error,
        State::Running,
        State::Suspending,
        State::Suspended,
        State::Resuming,
        State::Stopping,
        State::Stopped,
        State::ShuttingDown,
        State::PowerOff,
        State::Deleting,
        State::ContainerError,
        State::HostError,
        State::Indefinite,
        State::Creating,
        State::PoweringOn,
        State::PoweringOff,
    ];

    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            State::Booting => "BOOTING",
            State::Applying => "APPLYING",
            State::Error => "ERROR",
            State::Running => "RUNNING",
            State::Suspending => "SUSPENDING",
            State::Suspended => "SUSPENDED",
            State::Resuming => "RESUMING",
            State::Stopping => "STOPPING",
            State::Stopped => "STOPPED",
            State::ShuttingDown => "SHUTTING_DOWN",
            State::PowerOff => "POWER_OFF",
            State::Deleting => "DELETING",
            State::ContainerError => "CONTAINER_ERROR",
            State::HostError => "HOST_ERROR",
            State::Indefinite => "INDEFINITE",
            State::Creating => "CREATING",
            State::PoweringOn => "POWERING_ON",
            State::PoweringOff => "POWERING_OFF",
            State::Other(s) => s,
        }
    }

    /// The state of that wire name: a known one, else [`State::Other`].
    pub fn parse(name: &str) -> State {
        State::KNOWN
            .iter()
            .find(|k| k.as_str() == name)
            .cloned()
            .unwrap_or_else(|| State::Other(name.to_string()))
    }

    /// True for the states the SDK keeps polling on: BOOTING, STOPPING, SUSPENDING, RESUMING,
    /// DELETING, SHUTTING_DOWN (INDEFINITE excluded: callers decide).
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            State::Booting
                | State::Stopping
                | State::Suspending
                | State::Resuming
                | State::Deleting
                | State::ShuttingDown
        )
    }

    /// False for a state an object must leave before a run may use, attach or count it: the
    /// SDK's transitional set, INDEFINITE (a unit with nodes mid-change), POWERING_* and
    /// CREATING (older servers' disks). A run resuming after a crash waits these out.
    pub fn is_settled(&self) -> bool {
        !(self.is_transitional()
            || matches!(
                self,
                State::Indefinite | State::Creating | State::PoweringOn | State::PoweringOff
            )
            || matches!(self, State::Other(s) if s.starts_with("POWERING_")))
    }
}

/// True when `state` is present and the SDK keeps polling on it ([`State::is_transitional`]).
pub fn is_transitional(state: Option<&State>) -> bool {
    state.is_some_and(State::is_transitional)
}

/// True when `state` is present and not settled ([`State::is_settled`]).
pub fn is_unsettled(state: Option<&State>) -> bool {
    state.is_some_and(|s| !s.is_settled())
}

impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for State {}

impl std::hash::Hash for State {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for State {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for State {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for State {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for State {
    fn from(name: &str) -> State {
        State::parse(name)
    }
}

impl From<String> for State {
    fn from(name: String) -> State {
        match State::parse(&name) {
            State::Other(_) => State::Other(name),
            known => known,
        }
    }
}

impl std::str::FromStr for State {
    type Err = std::convert::Infallible;
    fn from_str(name: &str) -> Result<State, Self::Err> {
        Ok(State::parse(name))
    }
}

impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<State, D::Error> {
        String::deserialize(d).map(State::from)
    }
}

/// An operation on a node (or disk) as the VCC names it: `PATCH …/{node}/{op}`, or `DELETE
/// …/{node}` for [`NodeOp::Delete`]; the first six apply to a whole unit too (`PATCH
/// …/{unit}/{op}`). A disk only knows delete. Shared by the client and the simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeOp {
    /// `suspend`.
    Suspend,
    /// `resume`.
    Resume,
    /// `stop`.
    Stop,
    /// `start`.
    Start,
    /// `watch`: liveness monitoring on.
    Watch,
    /// `unwatch`: liveness monitoring off.
    Unwatch,
    /// `power_off`.
    PowerOff,
    /// `power_on`.
    PowerOn,
    /// `delete` (a `DELETE` request, not a `PATCH`).
    Delete,
}

impl NodeOp {
    /// Every operation.
    pub const ALL: [NodeOp; 9] = [
        NodeOp::Suspend,
        NodeOp::Resume,
        NodeOp::Stop,
        NodeOp::Start,
        NodeOp::Watch,
        NodeOp::Unwatch,
        NodeOp::PowerOff,
        NodeOp::PowerOn,
        NodeOp::Delete,
    ];
    /// The operations sent as `PATCH …/{node}/{op}` (all but delete).
    pub const PATCH: [NodeOp; 8] = [
        NodeOp::Suspend,
        NodeOp::Resume,
        NodeOp::Stop,
        NodeOp::Start,
        NodeOp::Watch,
        NodeOp::Unwatch,
        NodeOp::PowerOff,
        NodeOp::PowerOn,
    ];
    /// The operations the client sends to a whole unit (`PATCH …/{unit}/{op}`).
    pub const UNIT: [NodeOp; 6] = [
        NodeOp::Suspend,
        NodeOp::Resume,
        NodeOp::Stop,
        NodeOp::Start,
        NodeOp::Watch,
        NodeOp::Unwatch,
    ];

    /// The wire name (`power_off`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeOp::Suspend => "suspend",
            NodeOp::Resume => "resume",
            NodeOp::Stop => "stop",
            NodeOp::Start => "start",
            NodeOp::Watch => "watch",
            NodeOp::Unwatch => "unwatch",
            NodeOp::PowerOff => "power_off",
            NodeOp::PowerOn => "power_on",
            NodeOp::Delete => "delete",
        }
    }

    /// The operation of that wire name among `valid`; the error names the valid ones.
    /// `of` says what it applies to (`node`, `unit`), for the message.
    pub fn parse_among(
        name: &str,
        valid: &[NodeOp],
        of: &'static str,
    ) -> Result<NodeOp, UnknownOp> {
        valid
            .iter()
            .copied()
            .find(|op| op.as_str() == name)
            .ok_or_else(|| UnknownOp {
                name: name.to_string(),
                of,
                valid: valid.to_vec(),
            })
    }

    /// `self` when it is among `valid`, else the error that names them.
    pub fn among(self, valid: &[NodeOp], of: &'static str) -> Result<NodeOp, UnknownOp> {
        NodeOp::parse_among(self.as_str(), valid, of)
    }

    /// What the request is called in the SDK's error texts (`suspend node`, `power_off`,
    /// `delete node`).
    pub fn request_name(self) -> String {
        match self {
            NodeOp::Suspend | NodeOp::Resume | NodeOp::Stop | NodeOp::Start | NodeOp::Delete => {
                format!("{} node", self.as_str())
            }
            _ => self.as_str().to_string(),
        }
    }
}

impl std::fmt::Display for NodeOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for NodeOp {
    type Err = UnknownOp;
    /// Any operation by its wire name.
    fn from_str(name: &str) -> Result<NodeOp, UnknownOp> {
        NodeOp::parse_among(name, &NodeOp::ALL, "node")
    }
}

/// An operation name that is not among the valid ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}; {}", self.message(), self.hint())]
pub struct UnknownOp {
    /// The name given.
    pub name: String,
    /// What it was meant for (`node`, `unit`).
    pub of: &'static str,
    /// The valid operations there.
    pub valid: Vec<NodeOp>,
}

impl UnknownOp {
    /// `use one of: suspend, resume, …`.
    pub fn hint(&self) -> String {
        let names: Vec<&str> = self.valid.iter().map(|op| op.as_str()).collect();
        crate::t!("vcc-op-use-one-of", ops = names.join(", "))
    }

    /// `unknown node operation `reboot``.
    pub fn message(&self) -> String {
        let key = match self.of {
            "unit" => "vcc-op-unknown-unit",
            "node selection" => "vcc-op-unknown-selection",
            _ => "vcc-op-unknown-node",
        };
        crate::t!(key, name = self.name.as_str())
    }
}

impl From<UnknownOp> for crate::vcc::VccError {
    fn from(e: UnknownOp) -> Self {
        crate::vcc::VccError::invalid(e.message(), e.hint())
    }
}

impl Unit {
    /// What in this unit is mid-transition (`manager BOOTING`, `worker node 2 BOOTING`…);
    /// empty when it is settled. A unit INDEFINITE only because its nodes differ (one RUNNING,
    /// one POWER_OFF) is settled: the nodes decide, as in the SDK's wait_nodes_applied.
    pub fn unsettled(&self) -> Vec<String> {
        let mut out = Vec::new();
        if is_unsettled(self.state.as_ref()) && self.state != Some(State::Indefinite) {
            out.push(format!(
                "{} {}",
                self.name,
                self.state.as_deref().unwrap_or_default()
            ));
        }
        for n in self.nodes.iter().flatten() {
            if is_unsettled(n.state.as_ref()) {
                out.push(crate::t!(
                    "vcc-unsettled-node",
                    unit = self.name.as_str(),
                    no = n.node_no,
                    address = n
                        .cloud_instance_address
                        .clone()
                        .unwrap_or_else(|| crate::t!("vcc-no-address")),
                    state = n.state.as_deref().unwrap_or_default()
                ));
            }
        }
        for d in self.disks.iter().flatten() {
            if is_unsettled(d.state.as_ref()) {
                out.push(crate::t!(
                    "vcc-unsettled-disk",
                    unit = self.name.as_str(),
                    no = d.disk_no,
                    state = d.state.as_deref().unwrap_or_default()
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
            crate::t!(
                "vcc-summary-disk",
                no = d.disk_no,
                id = d.disk_id.as_str(),
                state = d.state.as_deref().unwrap_or("None")
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
        crate::t!(
            "vcc-summary-ugroup",
            vcid = self.vcid.as_str(),
            created = self.cdate.as_deref().unwrap_or("?"),
            kind = self.kind.as_str(),
            state = self.state.as_deref().unwrap_or("None"),
            units = if self.units.is_empty() {
                crate::t!("vcc-no-units")
            } else {
                self.units
                    .iter()
                    .map(Unit::summary)
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        )
    }

    /// Which of several unit groups of one name is kept when runs created them at the same
    /// moment (the VCC has no create-if-absent): smaller is kept. First one that holds units
    /// (it is in use), then one not in ERROR, then the oldest: the VCC's sequence number
    /// (vcno), then the creation time, then the vcid. Every run that reads the same groups
    /// computes the same order, without talking to the other runs.
    pub fn precedence(&self) -> (bool, bool, i64, bool, String, String) {
        (
            self.units.is_empty(),
            self.state == Some(State::Error),
            self.vcno.unwrap_or(i64::MAX),
            self.cdate.is_none(),
            self.cdate.clone().unwrap_or_default(),
            self.vcid.clone(),
        )
    }

    /// What its creator recorded about itself (the description, when the VCC returns one
    /// that says more than the name).
    pub fn creator(&self) -> Option<&str> {
        self.description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty() && *d != self.name)
    }

    /// The unit group named for someone who must tell it from another of the same name:
    /// `vcid X (no. 12, created T, owner O, state S, no units; its creator recorded: …)`.
    pub fn identity(&self) -> String {
        let units = match self.units.len() {
            0 => crate::t!("vcc-no-units"),
            _ => crate::t!(
                "vcc-identity-units",
                units = self
                    .units
                    .iter()
                    .map(|u| u.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let mut about = crate::t!(
            "vcc-identity-about",
            created = self.cdate.as_deref().unwrap_or("?"),
            owner = self.owner.as_deref().unwrap_or("?"),
            state = self.state.as_deref().unwrap_or("None"),
            units = units
        );
        if let Some(n) = self.vcno {
            about = crate::t!("vcc-identity-number", no = n, rest = about);
        }
        if let Some(c) = self.creator() {
            about = crate::t!("vcc-identity-creator", rest = about, creator = c);
        }
        crate::t!("vcc-identity", vcid = self.vcid.as_str(), about = about)
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

/// A string, or None for null or anything else (a field cwh only shows, never relies on).
fn text_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v: Option<serde_json::Value> = Option::deserialize(d)?;
    Ok(v.and_then(|v| v.as_str().map(str::to_string)))
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
    pub state: Option<State>,
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
    /// The description its creator put in the unit group's CCI (`description:`), when the VCC
    /// returns it (the VCC keeps one per unit group; the SDK never reads it back). cwh writes
    /// `NAME: created by cwh on HOST in WORKDIR (pid N)` there.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_none"
    )]
    pub description: Option<String>,
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
    pub state: Option<State>,
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
    pub state: Option<State>,
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
    pub state: Option<State>,
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
    pub state: Option<State>,
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
            && self
                .node_state
                .as_ref()
                .is_none_or(|w| n.state.as_ref().is_some_and(|s| s == w.as_str()))
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
                crate::t!("vcc-selector-one"),
                crate::t!("vcc-selector-one-help"),
            ));
        }
        Ok(if let Some(n) = num {
            if n < 1 {
                return Err(crate::vcc::VccError::invalid(
                    crate::t!("vcc-selector-count", count = n),
                    crate::t!("vcc-positive-count-help"),
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
            state: Some(State::Running),
            ..Default::default()
        };
        let f = NodeFilter {
            ip_address: Some("10.0.0.2".into()),
            ip_addresses: vec!["10.0.0.9".into()],
            node_state: Some(State::Running.to_string()),
            ..Default::default()
        };
        assert!(f.matches(&n));
        let f2 = NodeFilter {
            node_state: Some(State::Booting.to_string()),
            ..Default::default()
        };
        assert!(!f2.matches(&n));
    }

    #[test]
    fn mixed_settled_nodes_are_settled() {
        let node = |no: i64, st: State| Node {
            node_no: no,
            node_id: format!("n{no}"),
            state: Some(st),
            ..Default::default()
        };
        let mut u = Unit {
            name: "worker".into(),
            state: Some(State::Indefinite),
            nodes: Some(vec![node(1, State::Running), node(2, State::PowerOff)]),
            ..Default::default()
        };
        assert!(u.unsettled().is_empty());
        u.nodes = Some(vec![node(1, State::Running), node(2, State::Booting)]);
        assert_eq!(u.unsettled(), ["worker node 2 (no address) BOOTING"]);
        u.state = Some(State::Deleting);
        u.nodes = Some(vec![]);
        assert_eq!(u.unsettled(), ["worker DELETING"]);
    }

    #[test]
    fn every_state_keeps_its_wire_name_and_unknown_ones_round_trip() {
        for st in State::KNOWN {
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
            let back: State = serde_json::from_str(&json).unwrap();
            assert_eq!(back, st);
            assert!(!matches!(back, State::Other(_)), "{st} parsed as Other");
            assert_eq!(back.to_string(), st.as_str());
        }
        assert_eq!(State::PowerOff.as_str(), "POWER_OFF");
        assert_eq!(State::ShuttingDown.to_string(), "SHUTTING_DOWN");
        let new: State = serde_json::from_str("\"HIBERNATING\"").unwrap();
        assert_eq!(new, State::Other("HIBERNATING".into()));
        assert_eq!(serde_json::to_string(&new).unwrap(), "\"HIBERNATING\"");
        assert_eq!(State::from("RUNNING"), State::Running);
        assert_eq!(
            State::Other("RUNNING".into()),
            State::Running,
            "equal by wire name"
        );
        assert!(State::Running == "RUNNING" && &*State::Error == "ERROR");
    }

    #[test]
    fn nodes_serialise_to_the_same_json() {
        let wire = serde_json::json!({
            "node_no": 1, "node_id": "n1", "state": "SOMETHING_NEW",
            "cloud_instance_address": "10.0.0.1", "cloud_instance_id": null, "volumes": [],
            "boot_date": null, "container_date": null, "watch_mode": true,
            "error_message": null, "name": null
        });
        let n: Node = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(serde_json::to_value(&n).unwrap(), wire);
        let u = Unit {
            nodes: Some(vec![n]),
            ..Default::default()
        };
        let v = serde_json::to_value(&u.vc_nodes("ab")[0]).unwrap();
        assert_eq!(v["state"], "SOMETHING_NEW");
        let mut running = u.vc_nodes("ab").remove(0);
        running.state = Some(State::Running);
        assert_eq!(serde_json::to_value(&running).unwrap()["state"], "RUNNING");
        running.state = None;
        assert_eq!(
            serde_json::to_value(&running).unwrap()["state"],
            serde_json::Value::Null
        );
        let d: Disk = serde_json::from_value(
            serde_json::json!({"disk_no": 1, "disk_id": "d", "state": null}),
        )
        .unwrap();
        assert_eq!(d.state, None);
    }

    #[test]
    fn transitional_and_settled_states() {
        let transitional = [
            State::Booting,
            State::Stopping,
            State::Suspending,
            State::Resuming,
            State::Deleting,
            State::ShuttingDown,
        ];
        for st in State::KNOWN {
            assert_eq!(st.is_transitional(), transitional.contains(&st), "{st}");
        }
        let unsettled_too = [
            State::Indefinite,
            State::Creating,
            State::PoweringOn,
            State::PoweringOff,
            State::Other("POWERING_UP".into()),
        ];
        for st in &unsettled_too {
            assert!(!st.is_transitional() && !st.is_settled(), "{st}");
        }
        for st in [
            State::Running,
            State::Error,
            State::PowerOff,
            State::Applying,
            State::Other("HIBERNATING".into()),
        ] {
            assert!(st.is_settled(), "{st}");
        }
        assert!(transitional.iter().all(|s| !s.is_settled()));
        assert!(!is_transitional(None) && !is_unsettled(None));
    }

    #[test]
    fn node_ops_parse_and_print_their_wire_names() {
        for op in NodeOp::ALL {
            assert_eq!(op.as_str().parse::<NodeOp>(), Ok(op));
            assert_eq!(op.to_string(), op.as_str());
            assert_eq!(
                serde_json::to_string(&op).unwrap(),
                format!("\"{}\"", op.as_str())
            );
        }
        assert_eq!(NodeOp::PowerOff.as_str(), "power_off");
        assert_eq!(NodeOp::Suspend.request_name(), "suspend node");
        assert_eq!(NodeOp::Delete.request_name(), "delete node");
        assert_eq!(NodeOp::PowerOn.request_name(), "power_on");
        let e = NodeOp::parse_among("delete", &NodeOp::PATCH, "node").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown node operation `delete`; use one of: suspend, resume, stop, start, watch, \
             unwatch, power_off, power_on"
        );
        let e = crate::vcc::VccError::from(
            NodeOp::parse_among("power_off", &NodeOp::UNIT, "unit").unwrap_err(),
        );
        assert!(matches!(&e, crate::vcc::VccError::Invalid { message, fix }
            if message == "unknown unit operation `power_off`"
                && fix == "use one of: suspend, resume, stop, start, watch, unwatch"));
        assert!("reboot".parse::<NodeOp>().is_err());
        assert_eq!(
            NodeOp::Watch.among(&NodeOp::UNIT, "unit"),
            Ok(NodeOp::Watch)
        );
    }
}

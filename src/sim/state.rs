//! The simulator's world: unit groups, units, nodes and disks with a time-driven state machine
//! (BOOTING → RUNNING after the boot delay, SHUTTING_DOWN → POWER_OFF, DELETING → gone, ERROR
//! for a bad address), rendered in the VCC's JSON shapes, optionally persisted as JSON.
use crate::vcc::cci::Decoded;
use crate::vcc::model::{Disk, Node, NodeOp, State, UgroupKind, Unit, UnitGroup, Volume};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;
use std::path::Path;

/// Boot delay used when a node driver is present (the lab): transitions then complete only
/// when the driver reports them, never by the clock.
pub const DRIVER_DELAY_MS: u64 = u64::MAX / 4;

/// Milliseconds since the epoch (wall clock, so a persisted state resumes after a restart).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// `YYYY/MM/DD hh:mm:ss UTC`.
pub fn stamp() -> String {
    let f = time::macros::format_description!("[year]/[month]/[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::now_utc()
        .format(&f)
        .unwrap_or_default()
        + " UTC"
}

fn new_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// An IPv4 network.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Net {
    /// Network address.
    pub addr: Ipv4Addr,
    /// Prefix length.
    pub prefix: u8,
}

impl Net {
    /// Does the network hold `ip`?
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - self.prefix)
        };
        u32::from(ip) & mask == u32::from(self.addr) & mask
    }
    /// What the cloud keeps `ip` for, when it is not a node address of the network: the
    /// network address, the gateway (.1), DNS (.2), the reserved .3 (AWS and Azure keep the
    /// first four addresses of a subnet of /28 or larger) or the broadcast address.
    pub fn reserved(&self, ip: Ipv4Addr) -> Option<&'static str> {
        if self.prefix > 30 || !self.contains(ip) {
            return None;
        }
        let host = u32::from(ip) - u32::from(self.addr);
        let last = (1u32 << (32 - self.prefix)) - 1;
        match host {
            0 => Some("the network address"),
            h if h == last => Some("the broadcast address"),
            1 if self.prefix <= 28 => Some("the gateway address"),
            2 if self.prefix <= 28 => Some("the DNS address"),
            3 if self.prefix <= 28 => Some("reserved by the cloud"),
            _ => None,
        }
    }
    /// The smallest network (at most /24) covering both addresses.
    pub fn covering(a: Ipv4Addr, b: Ipv4Addr) -> Net {
        let diff = u32::from(a) ^ u32::from(b);
        let prefix = (diff.leading_zeros() as u8).min(24);
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        Net {
            addr: Ipv4Addr::from(u32::from(a) & mask),
            prefix,
        }
    }
}

impl Rules {
    /// Time a suspend / resume / stop / start takes: half the boot delay, or 300 ms behind a
    /// node driver (the lab), whose transitions are otherwise reported by the driver; these
    /// four are clock-driven in any case because the driver knows only create, power off/on
    /// and delete.
    pub fn op_delay_ms(&self) -> u64 {
        if self.boot_delay_ms >= DRIVER_DELAY_MS {
            300
        } else {
            self.boot_delay_ms / 2
        }
    }
}

impl std::fmt::Display for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Behaviour settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Time from BOOTING to RUNNING (and twice SHUTTING_DOWN / DELETING).
    pub boot_delay_ms: u64,
    /// First and last address handed out to nodes.
    pub pool: (Ipv4Addr, Ipv4Addr),
    /// The VPN catalog's private_network_ipmask (covers the pool).
    pub net: Net,
}

/// A node (compute) or disk (storage) of a unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Member {
    /// node_no / disk_no.
    pub no: i64,
    /// node_id / disk_id.
    pub id: String,
    /// Current state.
    pub state: State,
    /// Pending transition: (at ms, where it ends).
    pub until: Option<(u64, Next)>,
    /// Address (compute).
    pub address: Option<String>,
    /// Cloud id (`i-…` / `vol-…`).
    pub cloud_id: String,
    /// Disk refs this node attaches (`vcp:vcid:unit:disk_id` or raw ids).
    pub disks: Vec<String>,
    /// Disk size (storage).
    pub size: Option<i64>,
    /// Error text.
    pub error: Option<String>,
    /// Creation date.
    pub cdate: String,
    /// Liveness monitoring (`watch` / `unwatch`), reported as `watch_mode`.
    #[serde(default)]
    pub watch: bool,
}

impl Member {
    /// Apply the pending transition when it is due at `now`; false when that removes the
    /// member (a finished delete).
    fn settle_due(&mut self, now: u64) -> bool {
        match self.until.take_if(|(at, _)| *at <= now) {
            Some((_, next)) => self.finish(next),
            None => true,
        }
    }

    /// End the pending transition in `next`; false when the member is gone.
    pub fn finish(&mut self, next: Next) -> bool {
        self.until = None;
        match next {
            Next::To(state) => {
                self.state = state;
                true
            }
            Next::Gone => false,
        }
    }
}

/// Where a member's pending transition ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// It settles in this state.
    To(State),
    /// It no longer exists (a delete finished).
    Gone,
}

impl Next {
    /// How a state file spells [`Next::Gone`] (files of earlier versions included).
    const GONE_IN_FILE: &str = "GONE";
}

impl Serialize for Next {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Next::To(state) => state.serialize(s),
            Next::Gone => s.serialize_str(Next::GONE_IN_FILE),
        }
    }
}

impl<'de> Deserialize<'de> for Next {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Next, D::Error> {
        let name = String::deserialize(d)?;
        Ok(if name == Next::GONE_IN_FILE {
            Next::Gone
        } else {
            Next::To(State::from(name))
        })
    }
}

/// A unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SimUnit {
    /// Name.
    pub name: String,
    /// The CCI text it was created from.
    pub info: String,
    /// Being deleted.
    pub deleting: bool,
    /// Disk refs new nodes attach.
    pub disks: Vec<String>,
    /// Disk size for new disks.
    pub size: Option<i64>,
    /// Nodes or disks.
    pub members: Vec<Member>,
}

/// A unit group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SimVc {
    /// 32-hex id.
    pub vcid: String,
    /// Sequence number.
    pub vcno: i64,
    /// Name.
    pub name: String,
    /// compute / storage.
    pub kind: UgroupKind,
    /// Creation date.
    pub cdate: String,
    /// Being deleted (removed once its units are gone).
    pub deleting: bool,
    /// Owner (None = the token's user).
    #[serde(default)]
    pub owner: Option<String>,
    /// The `description` of its CCI (the VCC keeps one per unit group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Units.
    pub units: Vec<SimUnit>,
}

/// Everything the simulator holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct SimState {
    /// Unit groups.
    pub vcs: Vec<SimVc>,
    /// Last vcno handed out.
    pub last_vcno: i64,
}

/// A refused request: status and message.
pub type Refusal = (u16, String);

fn refuse(status: u16, exc: &str, msg: impl std::fmt::Display) -> Refusal {
    (
        status,
        format!("{} UTC: {exc}: {msg}", stamp().trim_end_matches(" UTC")),
    )
}

impl SimState {
    /// Load from a JSON file (missing file = empty).
    pub fn load(path: &Path) -> std::io::Result<SimState> {
        match std::fs::read_to_string(path) {
            Ok(t) => serde_json::from_str(&t).map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SimState::default()),
            Err(e) => Err(e),
        }
    }

    /// Write to a JSON file atomically (a unique temp file, fsync, rename: files::replace), so
    /// two simulators never share a temp file and a failed save leaves the old file whole.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let data = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::files::replace(path, &data, None)
    }

    /// Apply every transition that is due.
    pub fn advance(&mut self, now: u64) {
        for vc in &mut self.vcs {
            for u in &mut vc.units {
                u.members.retain_mut(|m| m.settle_due(now));
            }
            vc.units.retain(|u| !(u.deleting && u.members.is_empty()));
        }
        self.vcs.retain(|v| !(v.deleting && v.units.is_empty()));
    }

    fn vc_mut(&mut self, vcid: &str) -> Result<&mut SimVc, Refusal> {
        self.vcs
            .iter_mut()
            .find(|v| v.vcid == vcid)
            .ok_or_else(|| refuse(404, "VCPNotFoundException", format!("{vcid}: vc not found")))
    }

    fn unit_mut(&mut self, vcid: &str, unit: &str) -> Result<&mut SimUnit, Refusal> {
        self.vc_mut(vcid)?
            .units
            .iter_mut()
            .find(|u| u.name == unit)
            .ok_or_else(|| {
                refuse(
                    404,
                    "VCPNotFoundException",
                    format!("{vcid}:{unit}: unit not found"),
                )
            })
    }

    fn addresses_in_use(&self) -> Vec<String> {
        self.vcs
            .iter()
            .flat_map(|v| &v.units)
            .flat_map(|u| &u.members)
            .filter(|m| m.state != State::Error)
            .filter_map(|m| m.address.clone())
            .collect()
    }

    fn disk_in_use(&self, vcid: &str, unit: &str, disk: &Member) -> bool {
        let r = format!("vcp:{vcid}:{unit}:{}", disk.id);
        self.vcs
            .iter()
            .flat_map(|v| &v.units)
            .flat_map(|u| &u.members)
            .any(|m| m.disks.iter().any(|d| *d == r || *d == disk.cloud_id))
    }

    /// The unit group name of a VC CCI's `name` field, refused as the VCC refuses it (400,
    /// VCPValidationException): missing, read as something else than text (`yes`, `123`), or
    /// breaking the naming rules of `crate::vcc::names`.
    pub fn vc_name(field: Option<&serde_json::Value>) -> Result<String, Refusal> {
        let bad = |msg: String| refuse(400, "VCPValidationException", msg);
        match field {
            Some(serde_json::Value::String(n)) => {
                match crate::vcc::names::ugroup_name_problem_in(crate::i18n::Lang::En, n) {
                    None => Ok(n.clone()),
                    Some(why) => Err(bad(format!("invalid vc name [{n}]: {why}"))),
                }
            }
            None | Some(serde_json::Value::Null) => {
                Err(bad("invalid vc name []: the CCI has no name".into()))
            }
            Some(v) => Err(bad(format!(
                "invalid vc name [{v}]: the CCI's name is not text (quote-free YAML read it as {})",
                match v {
                    serde_json::Value::Bool(_) => "a boolean",
                    serde_json::Value::Number(_) => "a number",
                    _ => "a structure",
                }
            ))),
        }
    }

    /// `POST /vcs`: a new empty group.
    pub fn create_vc(&mut self, name: &str, kind: UgroupKind) -> String {
        self.create_vc_described(name, kind, None)
    }

    /// `POST /vcs` with the CCI's `description` kept. Names are not unique (as on the VCC).
    pub fn create_vc_described(
        &mut self,
        name: &str,
        kind: UgroupKind,
        description: Option<String>,
    ) -> String {
        self.last_vcno += 1;
        let vcid = new_id();
        self.vcs.push(SimVc {
            vcid: vcid.clone(),
            vcno: self.last_vcno,
            name: name.into(),
            kind,
            cdate: stamp(),
            deleting: false,
            owner: None,
            description,
            units: Vec::new(),
        });
        vcid
    }

    /// The rule of `vcc serve --one-boot-per-group` (a VCC that boots one unit at a time per
    /// unit group, as a real one might): refused (409) while a node or disk of the group boots.
    pub fn refuse_while_booting(&self, vcid: &str) -> Result<(), Refusal> {
        let Some(vc) = self.vcs.iter().find(|v| v.vcid == vcid) else {
            return Ok(());
        };
        let booting: Vec<&str> = vc
            .units
            .iter()
            .filter(|u| u.members.iter().any(|m| m.state == State::Booting))
            .map(|u| u.name.as_str())
            .collect();
        if booting.is_empty() {
            return Ok(());
        }
        Err(refuse(
            409,
            "VCPStateConflictException",
            format!(
                "{vcid}: unit {} is booting; one unit boots at a time in a vc",
                booting.join(", ")
            ),
        ))
    }

    /// `POST /vcs/{vcid}`: a new unit from its CCI, with its nodes booting.
    pub fn add_unit(
        &mut self,
        rules: &Rules,
        vcid: &str,
        name: &str,
        info: String,
        cci: &Decoded,
        now: u64,
    ) -> Result<(), Refusal> {
        let kind = self.vc_mut(vcid)?.kind;
        let vc = self.vc_mut(vcid)?;
        if vc.deleting {
            return Err(refuse(
                409,
                "VCPStateConflictException",
                format!("{vcid}: vc is being deleted"),
            ));
        }
        if vc.units.iter().any(|u| u.name == name) {
            return Err(refuse(
                400,
                "VCPValidationException",
                format!("already exist unit[{name}]"),
            ));
        }
        let num = match kind {
            UgroupKind::Compute => cci.int("num_nodes"),
            UgroupKind::Storage => cci.int("num_disks").or(cci.int("num_nodes")),
        }
        .unwrap_or(1);
        let mut disks = cci.cloud_list("volume_id");
        disks.extend(cci.cloud_list("ext_managed_disk"));
        let size = ["size", "disk_size_gb", "size_in_gbs"]
            .iter()
            .find_map(|k| cci.cloud_param(k).and_then(|v| v.as_i64()));
        vc.units.push(SimUnit {
            name: name.into(),
            info,
            deleting: false,
            disks,
            size,
            members: Vec::new(),
        });
        let ips = cci.cloud_list("ip_address_list");
        self.grow(rules, vcid, name, num.max(ips.len() as i64), &ips, now)
    }

    /// `PUT /vcs/{vcid}/{unit}`: more nodes or disks.
    pub fn grow(
        &mut self,
        rules: &Rules,
        vcid: &str,
        unit: &str,
        num: i64,
        ips: &[String],
        now: u64,
    ) -> Result<(), Refusal> {
        let kind = self.vc_mut(vcid)?.kind;
        let mut used = self.addresses_in_use();
        let u = self.unit_mut(vcid, unit)?;
        for i in 0..num.max(0) as usize {
            let no = u.members.iter().map(|m| m.no).max().unwrap_or(0) + 1;
            let mut m = Member {
                no,
                id: new_id(),
                state: State::Booting,
                until: Some((now + rules.boot_delay_ms, Next::To(State::Running))),
                address: None,
                cloud_id: String::new(),
                disks: Vec::new(),
                size: None,
                error: None,
                cdate: stamp(),
                watch: false,
            };
            if kind == UgroupKind::Storage {
                m.cloud_id = format!("vol-{}", &m.id[..17]);
                m.size = u.size.or(Some(8));
            } else {
                m.cloud_id = format!("i-{}", &m.id[..17]);
                m.disks = u.disks.clone();
                let addr = match ips.get(i) {
                    Some(ip) => {
                        let bad = match ip.parse::<Ipv4Addr>() {
                            Err(_) => Some(format!("{ip} is not an IPv4 address")),
                            Ok(a) if !rules.net.contains(a) => Some(format!(
                                "ip address {ip} is not in private_network_ipmask {}",
                                rules.net
                            )),
                            Ok(_) if used.contains(ip) => {
                                Some(format!("ip address {ip} is already in use"))
                            }
                            Ok(a) if rules.net.reserved(a).is_some() => Some(format!(
                                "ip address {ip} is {} of {}/{}, not a node address",
                                rules.net.reserved(a).unwrap_or_default(),
                                rules.net.addr,
                                rules.net.prefix
                            )),
                            Ok(_) => None,
                        };
                        if let Some(b) = bad {
                            m.state = State::Error;
                            m.until = None;
                            m.error = Some(format!("{}: VCPCloudException: {unit}: {b}", stamp()));
                        }
                        Some(ip.clone())
                    }
                    None => pick_address(rules, &used),
                };
                match addr {
                    Some(a) => {
                        used.push(a.clone());
                        m.address = Some(a);
                    }
                    None => {
                        m.state = State::Error;
                        m.until = None;
                        m.error = Some(format!(
                            "{}: VCPCloudException: {unit}: no free address in the pool",
                            stamp()
                        ));
                    }
                }
            }
            u.members.push(m);
        }
        Ok(())
    }

    /// `DELETE /vcs/{vcid}/{unit}`: the unit and its members go (attached disks stay). Without
    /// `force` a unit that still has nodes or disks is refused (409) and nothing changes.
    pub fn delete_unit(
        &mut self,
        rules: &Rules,
        vcid: &str,
        unit: &str,
        force: bool,
        now: u64,
    ) -> Result<(), Refusal> {
        let kind = self.vc_mut(vcid)?.kind;
        let left = self.unit_mut(vcid, unit)?.members.len();
        if !force && left > 0 {
            let what = match kind {
                UgroupKind::Compute => "node(s)",
                UgroupKind::Storage => "disk(s)",
            };
            return Err(refuse(
                409,
                "VCPStateConflictException",
                format!(
                    "{unit}: unit still has {left} {what}: delete them first, or delete the unit with force true"
                ),
            ));
        }
        let busy: Vec<String> = {
            let u = self.unit_mut(vcid, unit)?.clone();
            u.members
                .iter()
                .filter(|m| self.disk_in_use(vcid, unit, m))
                .map(|m| m.id.clone())
                .collect()
        };
        let u = self.unit_mut(vcid, unit)?;
        u.deleting = true;
        for m in &mut u.members {
            if !busy.contains(&m.id) && m.state != State::Deleting {
                m.state = State::Deleting;
                m.until = Some((now + rules.boot_delay_ms / 2, Next::Gone));
            }
        }
        self.advance(now);
        Ok(())
    }

    /// `DELETE /vcs/{vcid}`: every unit, then the group.
    pub fn delete_vc(&mut self, rules: &Rules, vcid: &str, now: u64) -> Result<(), Refusal> {
        let vc = self.vc_mut(vcid)?;
        vc.deleting = true;
        let names: Vec<String> = vc.units.iter().map(|u| u.name.clone()).collect();
        for n in names {
            self.delete_unit(rules, vcid, &n, true, now)?;
        }
        self.advance(now);
        Ok(())
    }

    /// `DELETE …/{nid}` and `PATCH …/{nid}/{op}`: one node (or, for `delete`, one disk).
    pub fn node_op(
        &mut self,
        rules: &Rules,
        vcid: &str,
        unit: &str,
        nid: &str,
        op: &str,
        now: u64,
    ) -> Result<(), Refusal> {
        let kind = self.vc_mut(vcid)?.kind;
        let u = self.unit_mut(vcid, unit)?;
        let m = u.members.iter_mut().find(|m| m.id == nid).ok_or_else(|| {
            refuse(
                404,
                "VCPNotFoundException",
                format!("{vcid}:{unit}:{nid}: node not found"),
            )
        })?;
        let op: NodeOp = op.parse().map_err(|_| unknown_op(op))?;
        if op != NodeOp::Delete {
            node_op_allowed(kind, op)?;
        }
        let t = transition(rules, unit, m, op, now)?;
        apply(m, t);
        Ok(())
    }

    /// `PATCH /vcs/{vcid}/{unit}/{op}`: the operation on every node of a compute unit, or
    /// refused as a whole (nothing changes) when one node is in a state it does not fit.
    pub fn unit_op(
        &mut self,
        rules: &Rules,
        vcid: &str,
        unit: &str,
        op: &str,
        now: u64,
    ) -> Result<(), Refusal> {
        let kind = self.vc_mut(vcid)?.kind;
        let u = self.unit_mut(vcid, unit)?;
        if kind == UgroupKind::Storage {
            return Err(refuse(
                400,
                "VCPValidationException",
                format!("{op} only compute unit ({unit} is a storage unit)"),
            ));
        }
        if op == "clear_processing" {
            return Ok(());
        }
        let op = NodeOp::parse_among(op, &NodeOp::PATCH, "unit").map_err(|_| unknown_op(op))?;
        node_op_allowed(kind, op)?;
        let plan = u
            .members
            .iter()
            .map(|m| transition(rules, unit, m, op, now))
            .collect::<Result<Vec<_>, _>>()?;
        for (m, t) in u.members.iter_mut().zip(plan) {
            apply(m, t);
        }
        Ok(())
    }

    /// The JSON shape of a group (`GET /vcs/{vcid}` and items of `GET /vcs`).
    pub fn render(&self, vc: &SimVc) -> UnitGroup {
        UnitGroup {
            vcid: vc.vcid.clone(),
            vcno: Some(vc.vcno),
            name: vc.name.clone(),
            owner: Some(vc.owner.clone().unwrap_or_else(|| "nobody".into())),
            state: Some(if vc.deleting {
                State::Deleting
            } else {
                State::Running
            }),
            cdate: Some(vc.cdate.clone()),
            kind: vc.kind,
            vcc_id: Some("0123456789abcdef0123456789abcdef".into()),
            error_message: None,
            description: vc.description.clone(),
            units: vc.units.iter().map(|u| self.render_unit(vc, u)).collect(),
        }
    }

    /// The JSON shape of a unit.
    pub fn render_unit(&self, vc: &SimVc, u: &SimUnit) -> Unit {
        let states: Vec<&State> = u.members.iter().map(|m| &m.state).collect();
        let state = if states.contains(&&State::Error) {
            State::Error
        } else if states.is_empty() {
            if u.deleting {
                State::Deleting
            } else {
                State::Running
            }
        } else if states.iter().all(|s| *s == states[0]) {
            states[0].clone()
        } else {
            State::Indefinite
        };
        let errors: Vec<String> = u.members.iter().filter_map(|m| m.error.clone()).collect();
        let mut out = Unit {
            name: u.name.clone(),
            state: Some(state),
            error_message: (!errors.is_empty()).then(|| errors.join("\n")),
            info: Some(u.info.clone()),
            nodes: None,
            disks: None,
        };
        match vc.kind {
            UgroupKind::Compute => {
                out.nodes = Some(
                    u.members
                        .iter()
                        .map(|m| Node {
                            node_no: m.no,
                            node_id: m.id.clone(),
                            state: Some(m.state.clone()),
                            cloud_instance_address: m.address.clone(),
                            cloud_instance_id: Some(m.cloud_id.clone()),
                            volumes: m
                                .disks
                                .iter()
                                .enumerate()
                                .map(|(i, d)| Volume {
                                    volume_id: d.rsplit(':').next().unwrap_or(d).to_string(),
                                    device_name: Some(format!(
                                        "/dev/xvd{}",
                                        (b'f' + i as u8) as char
                                    )),
                                })
                                .collect(),
                            boot_date: Some(m.cdate.clone()),
                            container_date: Some(m.cdate.clone()),
                            watch_mode: Some(m.watch),
                            error_message: m.error.clone(),
                            name: None,
                        })
                        .collect(),
                )
            }
            UgroupKind::Storage => {
                out.disks = Some(
                    u.members
                        .iter()
                        .map(|m| Disk {
                            disk_no: m.no,
                            disk_id: m.id.clone(),
                            in_use: self.disk_in_use(&vc.vcid, &u.name, m),
                            cdate: Some(m.cdate.clone()),
                            cloud_disk_id: Some(m.cloud_id.clone()),
                            cloud_disk_size: m.size,
                            state: Some(m.state.clone()),
                            error_message: m.error.clone(),
                            name: None,
                        })
                        .collect(),
                )
            }
        }
        out
    }
}

/// What an operation does to one member: a new state, optionally a pending transition, or a
/// new watch mode.
enum Change {
    To(State, Option<(u64, Next)>),
    Watch(bool),
}

fn apply(m: &mut Member, c: Change) {
    match c {
        Change::To(state, until) => {
            m.state = state;
            m.until = until;
        }
        Change::Watch(w) => m.watch = w,
    }
}

/// The refusal for an operation name the simulator does not know.
fn unknown_op(op: &str) -> Refusal {
    refuse(
        400,
        "VCPValidationException",
        format!("unknown operation {op}"),
    )
}

/// A disk only knows `delete`.
fn node_op_allowed(kind: UgroupKind, op: NodeOp) -> Result<(), Refusal> {
    if kind == UgroupKind::Storage {
        return Err(refuse(
            400,
            "VCPValidationException",
            format!("{op} only compute node"),
        ));
    }
    Ok(())
}

/// The state machine of one member (vcc-rest.md §4): RUNNING ⇄ SUSPENDING → SUSPENDED →
/// RESUMING → RUNNING, RUNNING → STOPPING → STOPPED → BOOTING → RUNNING (start), power off
/// and on from any settled state, delete from any state. An operation on a member in
/// transition, or from a state it does not leave, is refused with 409 as a VCC does.
fn transition(
    rules: &Rules,
    unit: &str,
    m: &Member,
    op: NodeOp,
    now: u64,
) -> Result<Change, Refusal> {
    let half = rules.boot_delay_ms / 2;
    let quick = rules.op_delay_ms();
    // (state it must be in, state meanwhile, time it takes, state it ends in)
    let (needed, mid, ms, next) = match op {
        NodeOp::Delete => {
            return Ok(Change::To(State::Deleting, Some((now + half, Next::Gone))));
        }
        // monitoring is a flag beside the state: it can change at any time
        NodeOp::Watch | NodeOp::Unwatch => return Ok(Change::Watch(op == NodeOp::Watch)),
        NodeOp::Suspend => (
            Some(State::Running),
            State::Suspending,
            quick,
            State::Suspended,
        ),
        NodeOp::Resume => (
            Some(State::Suspended),
            State::Resuming,
            quick,
            State::Running,
        ),
        NodeOp::Stop => (Some(State::Running), State::Stopping, quick, State::Stopped),
        NodeOp::Start => (Some(State::Stopped), State::Booting, quick, State::Running),
        NodeOp::PowerOff => (None, State::ShuttingDown, half, State::PowerOff),
        NodeOp::PowerOn => (None, State::Booting, rules.boot_delay_ms, State::Running),
    };
    if m.until.is_some() {
        return Err(refuse(
            409,
            "VCPStateConflictException",
            format!(
                "{unit}:| Conflict: unit is now processing, so cannot apply ({} is {})",
                m.id, m.state
            ),
        ));
    }
    if let Some(needed) = needed
        && m.state != needed
    {
        return Err(refuse(
            409,
            "VCPStateConflictException",
            format!(
                "{unit}:| Conflict: cannot {op} node {} in state {} (it must be {needed})",
                m.id, m.state
            ),
        ));
    }
    Ok(Change::To(mid, Some((now + ms, Next::To(next)))))
}

fn pick_address(rules: &Rules, used: &[String]) -> Option<String> {
    let (a, b) = (u32::from(rules.pool.0), u32::from(rules.pool.1));
    (a..=b)
        .map(|x| Ipv4Addr::from(x).to_string())
        .find(|ip| !used.contains(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        let pool = (
            "172.30.2.100".parse().unwrap(),
            "172.30.2.200".parse().unwrap(),
        );
        Rules {
            boot_delay_ms: 100,
            pool,
            net: Net::covering(pool.0, pool.1),
        }
    }

    #[test]
    fn suspend_and_stop_are_clock_driven_even_behind_a_node_driver() {
        let r = Rules {
            boot_delay_ms: DRIVER_DELAY_MS,
            ..rules()
        };
        assert_eq!(r.op_delay_ms(), 300);
        let mut s = SimState::default();
        let v = s.create_vc("g", UgroupKind::Compute);
        let cci = crate::vcc::cci::decode("- unit:\n    num_nodes: 1\n").unwrap();
        s.add_unit(&r, &v, "u", String::new(), &cci, 0).unwrap();
        s.vcs[0].units[0].members[0].state = State::Running;
        s.vcs[0].units[0].members[0].until = None;
        let id = s.vcs[0].units[0].members[0].id.clone();
        s.node_op(&r, &v, "u", &id, "suspend", 1000).unwrap();
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Suspending);
        let e = s.node_op(&r, &v, "u", &id, "resume", 1000).unwrap_err();
        assert_eq!(e.0, 409, "{}", e.1);
        s.advance(1300);
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Suspended);
        // a refused unit operation changes nothing; watch is a flag beside the state
        let e = s.unit_op(&r, &v, "u", "stop", 1300).unwrap_err();
        assert_eq!(e.0, 409);
        assert_eq!(s.vcs[0].units[0].members[0].state, State::Suspended);
        s.unit_op(&r, &v, "u", "watch", 1300).unwrap();
        assert!(s.vcs[0].units[0].members[0].watch);
    }

    #[test]
    fn covering_net_holds_the_pool() {
        let r = rules();
        assert_eq!(r.net.to_string(), "172.30.2.0/24");
        assert!(!r.net.contains("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn nodes_boot_then_run_and_bad_addresses_error() {
        let r = rules();
        let mut s = SimState::default();
        let v = s.create_vc("g", UgroupKind::Compute);
        let cci = crate::vcc::cci::decode(
            "- unit:\n    num_nodes: 2\n    cloud_params:\n        ip_address_list: []\n",
        )
        .unwrap();
        s.add_unit(&r, &v, "u", String::new(), &cci, 0).unwrap();
        let vc = s.vcs[0].clone();
        assert_eq!(s.render(&vc).units[0].state, Some(State::Booting));
        s.advance(100);
        let vc = s.vcs[0].clone();
        let u = &s.render(&vc).units[0];
        assert_eq!(u.state, Some(State::Running));
        assert_eq!(
            u.nodes.as_ref().unwrap()[1]
                .cloud_instance_address
                .as_deref(),
            Some("172.30.2.101")
        );
        let bad = crate::vcc::cci::decode(
            "- unit:\n    num_nodes: 1\n    cloud_params:\n        ip_address_list: ['10.1.1.1']\n",
        )
        .unwrap();
        s.add_unit(&r, &v, "x", String::new(), &bad, 0).unwrap();
        let vc = s.vcs[0].clone();
        let x = &s.render(&vc).units[1];
        assert_eq!(x.state, Some(State::Error));
        assert!(
            x.error_message
                .as_ref()
                .unwrap()
                .contains("not in private_network_ipmask")
        );
    }

    #[test]
    fn a_delete_ends_with_the_member_gone_and_the_file_keeps_its_spelling() {
        let r = rules();
        let mut s = SimState::default();
        let v = s.create_vc("g", UgroupKind::Compute);
        let cci = crate::vcc::cci::decode("- unit:\n    num_nodes: 2\n").unwrap();
        s.add_unit(&r, &v, "u", String::new(), &cci, 0).unwrap();
        s.advance(100);
        let id = s.vcs[0].units[0].members[0].id.clone();
        s.node_op(&r, &v, "u", &id, "delete", 100).unwrap();
        let m = &s.vcs[0].units[0].members[0];
        assert_eq!(
            (&m.state, &m.until),
            (&State::Deleting, &Some((150, Next::Gone)))
        );
        let file = serde_json::to_value(&s).unwrap();
        let until = &file["vcs"][0]["units"][0]["members"][0]["until"];
        assert_eq!(until, &serde_json::json!([150, "GONE"]));
        assert_eq!(file["vcs"][0]["units"][0]["members"][1]["state"], "RUNNING");
        let back: SimState = serde_json::from_value(file).unwrap();
        assert_eq!(back, s);
        s.advance(150);
        assert_eq!(s.vcs[0].units[0].members.len(), 1);
        assert_ne!(s.vcs[0].units[0].members[0].id, id);
        let e = s.node_op(&r, &v, "u", "nope", "reboot", 150).unwrap_err();
        assert_eq!(e.0, 404, "a missing node is 404 whatever the operation");
        let other = s.vcs[0].units[0].members[0].id.clone();
        let e = s.node_op(&r, &v, "u", &other, "reboot", 150).unwrap_err();
        assert!(
            e.0 == 400 && e.1.ends_with("unknown operation reboot"),
            "{e:?}"
        );
        let e = s.unit_op(&r, &v, "u", "delete", 150).unwrap_err();
        assert!(
            e.0 == 400 && e.1.ends_with("unknown operation delete"),
            "{e:?}"
        );
    }
}

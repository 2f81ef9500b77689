//! What changed on a VCC between two views of it (`GET /vcs` before and after): unit groups,
//! units, nodes and disks created, changed, deleted or unchanged. The plan compares the
//! snapshot with the rehearsal's end state; the recap of a real run compares the VCC at
//! connect with the VCC at the end. Both use this one function, so they can be compared.
use crate::vcc::cci;
use crate::vcc::model::{UnitGroup, VcNode};
use serde::Serialize;
use std::collections::BTreeMap;

/// Create, change or delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Change,
    Delete,
}

impl Action {
    pub fn sign(self) -> &'static str {
        match self {
            Action::Create => "+",
            Action::Change => "~",
            Action::Delete => "-",
        }
    }
}

/// The kind of VCC object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    UnitGroup,
    Unit,
    Node,
    Disk,
}

impl Object {
    /// The object's name in the reader's language (`unit group`, `ユニットグループ`).
    pub fn noun(self) -> String {
        crate::t!(match self {
            Object::UnitGroup => "plan-object-unit-group",
            Object::Unit => "plan-object-unit",
            Object::Node => "plan-object-node",
            Object::Disk => "plan-object-disk",
        })
    }

    /// `n` objects in words (`1 unit group`, `2 nodes`).
    pub fn count(self, n: usize) -> String {
        let key = match self {
            Object::UnitGroup => "plan-count-unit-group",
            Object::Unit => "plan-count-unit",
            Object::Node => "plan-count-node",
            Object::Disk => "plan-count-disk",
        };
        if n == 1 {
            crate::t!(&format!("{key}-one"), n = n)
        } else {
            crate::t!(key, n = n)
        }
    }
}

/// One object that changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub action: Action,
    pub object: Object,
    /// The unit group's name.
    pub ugroup: String,
    /// The unit's name (units, nodes, disks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// vcid, unit name, node_id or disk_id.
    pub id: String,
    /// The fields that matter: for a new unit its spec (image, flavor, disks, addresses…), for
    /// a node its address and state, for a change `old → new`.
    pub fields: BTreeMap<String, String>,
}

impl Change {
    /// `unit group CoursewareHub`, `unit CoursewareHub/worker`, `node CoursewareHub/worker 172.30.2.102`.
    pub fn title(&self) -> String {
        let mut s = format!("{} {}", self.object.noun(), self.ugroup);
        if let Some(u) = &self.unit {
            s.push('/');
            s.push_str(u);
        }
        if matches!(self.object, Object::Node | Object::Disk) {
            let name = self
                .fields
                .get("address")
                .or_else(|| self.fields.get("cloud_id"))
                .cloned()
                .unwrap_or_else(|| self.id.clone());
            s.push(' ');
            s.push_str(&name);
        }
        s
    }
}

/// Per kind counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub unit_groups: usize,
    pub units: usize,
    pub nodes: usize,
    pub disks: usize,
}

impl Counts {
    fn add(&mut self, o: Object, n: usize) {
        match o {
            Object::UnitGroup => self.unit_groups += n,
            Object::Unit => self.units += n,
            Object::Node => self.nodes += n,
            Object::Disk => self.disks += n,
        }
    }
    pub fn total(&self) -> usize {
        self.unit_groups + self.units + self.nodes + self.disks
    }
    /// `1 unit group, 2 nodes` (empty kinds left out; `nothing` when all are zero).
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (Object::UnitGroup, self.unit_groups),
            (Object::Unit, self.units),
            (Object::Node, self.nodes),
            (Object::Disk, self.disks),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(o, n)| o.count(*n))
        .collect();
        if parts.is_empty() {
            crate::t!("plan-nothing")
        } else {
            parts.join(&crate::t!("list-sep"))
        }
    }
}

/// The difference between two views of a VCC.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VccDiff {
    /// In the order a run makes them: per unit group, the group, its units, their members;
    /// deletions member first.
    pub changes: Vec<Change>,
    pub unchanged: Counts,
}

impl VccDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
    /// How many objects of each kind an action touches.
    pub fn counts(&self, a: Action) -> Counts {
        let mut c = Counts::default();
        for ch in self.changes.iter().filter(|c| c.action == a) {
            c.add(ch.object, 1);
        }
        c
    }
    /// The changes without ids, for comparing a plan with the recap of the run that followed
    /// it: `(action, object, ugroup, unit)`, sorted.
    pub fn shape(&self) -> Vec<(Action, Object, String, Option<String>)> {
        let mut v: Vec<_> = self
            .changes
            .iter()
            .map(|c| (c.action, c.object, c.ugroup.clone(), c.unit.clone()))
            .collect();
        v.sort();
        v
    }
}

/// The spec fields of a unit that matter to a site, from its CCI text: image, provider,
/// node/disk count, `params_e`, and the cloud parameters (instance type or flavor, disk
/// sizes, addresses, data disks…) except keys, tags and versions.
pub fn unit_fields(info: Option<&str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(d) = info.and_then(|t| cci::decode(t).ok()) else {
        return out;
    };
    let show = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    for k in ["image", "cloud_provider", "num_nodes", "num_disks"] {
        if let Some(v) = d.fields.get(k).filter(|v| !v.is_null()) {
            out.insert(k.to_string(), show(v));
        }
    }
    if let Some(e) = d
        .fields
        .get("params")
        .and_then(|p| p.get("e"))
        .filter(|v| !v.is_null())
    {
        // a public key in the environment (AUTHORIZED_KEYS=<base64>) is shown by its start only
        let short = |x: &serde_json::Value| match x.as_str() {
            Some(t) if t.starts_with("AUTHORIZED_KEYS=") && t.len() > 40 => {
                serde_json::Value::String(format!("{}…", &t[..40]))
            }
            _ => x.clone(),
        };
        let e = match e {
            serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(short).collect()),
            other => other.clone(),
        };
        out.insert("params_e".into(), show(&e));
    }
    if let Some(serde_json::Value::Object(cp)) = d.fields.get("cloud_params") {
        for (k, v) in cp {
            if v.is_null() || k == "cci_version" || k == "tags" || k.contains("key") {
                continue;
            }
            if matches!(v, serde_json::Value::Array(a) if a.is_empty()) {
                continue;
            }
            out.insert(k.clone(), show(v));
        }
    }
    out
}

fn member_fields(n: &VcNode) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    if let Some(a) = &n.cloud_instance_address {
        f.insert("address".into(), a.clone());
    }
    if let Some(s) = &n.state {
        f.insert("state".into(), s.to_string());
    }
    if let Some(c) = n.cloud_instance_id.as_ref().or(n.cloud_disk_id.as_ref()) {
        f.insert("cloud_id".into(), c.clone());
    }
    if let Some(s) = n.cloud_disk_size {
        f.insert("size_gb".into(), s.to_string());
    }
    f
}

/// `(old → new)` for every field that differs.
fn changed(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for k in old.keys().chain(new.keys()) {
        let (a, b) = (old.get(k), new.get(k));
        if a != b {
            out.insert(
                k.clone(),
                format!(
                    "{} → {}",
                    a.map(String::as_str).unwrap_or("(none)"),
                    b.map(String::as_str).unwrap_or("(none)")
                ),
            );
        }
    }
    out
}

/// Compare two views of a VCC.
pub fn diff(before: &[UnitGroup], after: &[UnitGroup]) -> VccDiff {
    let mut d = VccDiff::default();
    let member_kind = |ug: &UnitGroup| match ug.kind {
        crate::vcc::UgroupKind::Compute => Object::Node,
        crate::vcc::UgroupKind::Storage => Object::Disk,
    };
    let mk = |action, object, ug: &UnitGroup, unit: Option<&str>, id: &str, fields| Change {
        action,
        object,
        ugroup: ug.name.clone(),
        unit: unit.map(str::to_string),
        id: id.to_string(),
        fields,
    };
    let delete_unit = |d: &mut VccDiff, ug: &UnitGroup, u: &crate::vcc::Unit| {
        for n in u.vc_nodes(&ug.vcid) {
            d.changes.push(mk(
                Action::Delete,
                member_kind(ug),
                ug,
                Some(&u.name),
                &n.id,
                member_fields(&n),
            ));
        }
        d.changes.push(mk(
            Action::Delete,
            Object::Unit,
            ug,
            Some(&u.name),
            &u.name,
            unit_fields(u.info.as_deref()),
        ));
    };
    for ug in after {
        let old = before.iter().find(|b| b.vcid == ug.vcid);
        match old {
            None => {
                let mut f = BTreeMap::new();
                f.insert("type".into(), ug.kind.to_string());
                d.changes
                    .push(mk(Action::Create, Object::UnitGroup, ug, None, &ug.vcid, f));
            }
            Some(_) => d.unchanged.add(Object::UnitGroup, 1),
        }
        for u in &ug.units {
            let ou = old.and_then(|o| o.unit(&u.name));
            let nf = unit_fields(u.info.as_deref());
            match ou {
                None => d.changes.push(mk(
                    Action::Create,
                    Object::Unit,
                    ug,
                    Some(&u.name),
                    &u.name,
                    nf,
                )),
                Some(ou) => {
                    let mut c = changed(&unit_fields(ou.info.as_deref()), &nf);
                    // the node count moves with the nodes, listed below
                    c.remove("num_nodes");
                    c.remove("num_disks");
                    if c.is_empty() {
                        d.unchanged.add(Object::Unit, 1);
                    } else {
                        d.changes.push(mk(
                            Action::Change,
                            Object::Unit,
                            ug,
                            Some(&u.name),
                            &u.name,
                            c,
                        ));
                    }
                }
            }
            let old_members = ou.map(|o| o.vc_nodes(&ug.vcid)).unwrap_or_default();
            let new_members = u.vc_nodes(&ug.vcid);
            for n in &new_members {
                let nf = member_fields(n);
                match old_members.iter().find(|o| o.id == n.id) {
                    None => d.changes.push(mk(
                        Action::Create,
                        member_kind(ug),
                        ug,
                        Some(&u.name),
                        &n.id,
                        nf,
                    )),
                    Some(o) => {
                        let c = changed(&member_fields(o), &nf);
                        if c.is_empty() {
                            d.unchanged.add(member_kind(ug), 1);
                        } else {
                            let mut c = c;
                            if let Some(a) = &n.cloud_instance_address {
                                c.entry("address".into()).or_insert_with(|| a.clone());
                            }
                            d.changes.push(mk(
                                Action::Change,
                                member_kind(ug),
                                ug,
                                Some(&u.name),
                                &n.id,
                                c,
                            ));
                        }
                    }
                }
            }
            for o in &old_members {
                if !new_members.iter().any(|n| n.id == o.id) {
                    d.changes.push(mk(
                        Action::Delete,
                        member_kind(ug),
                        ug,
                        Some(&u.name),
                        &o.id,
                        member_fields(o),
                    ));
                }
            }
        }
        if let Some(old) = old {
            for ou in &old.units {
                if ug.unit(&ou.name).is_none() {
                    delete_unit(&mut d, old, ou);
                }
            }
        }
    }
    for ug in before {
        if after.iter().any(|a| a.vcid == ug.vcid) {
            continue;
        }
        for u in &ug.units {
            delete_unit(&mut d, ug, u);
        }
        let mut f = BTreeMap::new();
        f.insert("type".into(), ug.kind.to_string());
        d.changes
            .push(mk(Action::Delete, Object::UnitGroup, ug, None, &ug.vcid, f));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vcc::model::{Node, State, Unit};

    fn node(id: &str, ip: &str, state: State) -> Node {
        Node {
            node_no: 1,
            node_id: id.into(),
            state: Some(state),
            cloud_instance_address: Some(ip.into()),
            ..Default::default()
        }
    }

    fn ug(vcid: &str, name: &str, units: Vec<Unit>) -> UnitGroup {
        serde_json::from_value::<UnitGroup>(serde_json::json!({"vcid": vcid, "name": name}))
            .map(|mut g| {
                g.units = units;
                g
            })
            .unwrap()
    }

    fn unit(name: &str, info: &str, nodes: Vec<Node>) -> Unit {
        Unit {
            name: name.into(),
            info: Some(info.into()),
            nodes: Some(nodes),
            ..Default::default()
        }
    }

    const INFO: &str = "- unit:\n    image: img:worker\n    num_nodes: 2\n    cloud_provider: aws\n    params: {'v': None, 'e': ['NFS_SERVER=172.30.2.100']}\n    cloud_params:\n        cci_version: \"1.0\"\n        instance_type: t3.small\n        volume_size: 16\n        ssh_public_key: ssh-ed25519 AAAA\n        ip_address_list: []\n";

    #[test]
    fn added_nodes_deleted_groups_and_state_changes_are_told_apart() {
        let before = vec![
            ug(
                "a",
                "CoursewareHub",
                vec![unit(
                    "worker",
                    INFO,
                    vec![node("n1", "172.30.2.101", State::Running)],
                )],
            ),
            ug(
                "b",
                "Old",
                vec![unit(
                    "u",
                    INFO,
                    vec![node("n9", "172.30.2.150", State::Error)],
                )],
            ),
        ];
        let after = vec![ug(
            "a",
            "CoursewareHub",
            vec![unit(
                "worker",
                INFO,
                vec![
                    node("n1", "172.30.2.101", State::PowerOff),
                    node("n2", "172.30.2.102", State::Running),
                ],
            )],
        )];
        let d = diff(&before, &after);
        let created = d.counts(Action::Create);
        assert_eq!(created.nodes, 1);
        assert_eq!(created.total(), 1);
        assert_eq!(d.counts(Action::Change).nodes, 1);
        let ch = d
            .changes
            .iter()
            .find(|c| c.action == Action::Change)
            .unwrap();
        assert_eq!(ch.fields["state"], "RUNNING → POWER_OFF");
        // the ERROR node is carried over and deleted with its group, member first
        let del: Vec<_> = d
            .changes
            .iter()
            .filter(|c| c.action == Action::Delete)
            .map(|c| c.object)
            .collect();
        assert_eq!(del, [Object::Node, Object::Unit, Object::UnitGroup]);
        assert_eq!(d.unchanged.unit_groups, 1);
        assert_eq!(d.unchanged.units, 1);
        assert!(diff(&after, &after).is_empty());
    }

    #[test]
    fn unit_fields_keep_what_matters_and_never_keys() {
        let f = unit_fields(Some(INFO));
        assert_eq!(f["image"], "img:worker");
        assert_eq!(f["instance_type"], "t3.small");
        assert_eq!(f["volume_size"], "16");
        assert_eq!(f["params_e"], "[\"NFS_SERVER=172.30.2.100\"]");
        assert!(!f.contains_key("ssh_public_key"));
        assert!(
            !f.contains_key("ip_address_list"),
            "empty lists are left out"
        );
    }
}

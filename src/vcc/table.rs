//! The SDK's tables (df_nodes, df_ugroups, df_flavors) as rows and columns, no Rhai: the
//! script layer renders them (`crate::script::table`).
use crate::vcc::config::Ordered;
use crate::vcc::{UnitGroup, VcNode};
use serde_json::{Map, Value};

/// One row: column → value (`null` is an empty cell).
pub type Row = Map<String, Value>;

/// Rows with their columns, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names, in display order.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// The keys that make a map a node (the serialized fields of [`VcNode`] `find_nodes()` gives).
pub const NODE_KEYS: [&str; 4] = ["no", "id", "type", "unit_name"];

/// Is a map with these keys a node? (`has` answers whether the map has a key.)
pub fn is_node(has: impl Fn(&str) -> bool) -> bool {
    NODE_KEYS.iter().all(|k| has(k))
}

/// Is this value a node map?
pub fn is_node_value(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| is_node(|k| m.contains_key(k)))
}

const NODE_COLS: &[&str] = &[
    "unit_name",
    "node_no",
    "node_id",
    "node_state",
    "cloud_instance_address",
    "cloud_instance_id",
    "volumes",
];
const DISK_COLS: &[&str] = &[
    "unit_name",
    "disk_no",
    "disk_id",
    "node_state",
    "used_state",
    "cloud_disk_id",
    "cloud_disk_size",
];
const UGROUP_COLS: &[&str] = &[
    "vcno", "vctype", "owner", "vcname", "state", "vcid", "cdate",
];

fn cols(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| s.to_string()).collect()
}

/// The text of a value as a cell shows it (`null` is empty).
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An id cut to its first 8 characters and `...` when longer (the SDK's display).
fn short(v: Value) -> Value {
    let s = text(&v);
    if s.chars().count() > 8 {
        Value::String(format!("{}...", s.chars().take(8).collect::<String>()))
    } else {
        v
    }
}

/// The df_nodes row of one node map (a compute node or a disk); `None` for a non-map.
pub fn node_row(node: &Value) -> Option<Row> {
    let m = node.as_object()?;
    let g = |k: &str| m.get(k).cloned().unwrap_or(Value::Null);
    let mut r = Row::new();
    r.insert("unit_name".into(), g("unit_name"));
    if m.get("type").map(text).as_deref() == Some("storage") {
        r.insert("disk_no".into(), g("no"));
        r.insert("disk_id".into(), short(g("id")));
        r.insert("node_state".into(), g("state"));
        r.insert("used_state".into(), g("used_state"));
        r.insert("cloud_disk_id".into(), g("cloud_disk_id"));
        r.insert("cloud_disk_size".into(), g("cloud_disk_size"));
    } else {
        r.insert("node_no".into(), g("no"));
        r.insert("node_id".into(), short(g("id")));
        r.insert("node_state".into(), g("state"));
        r.insert("cloud_instance_address".into(), g("cloud_instance_address"));
        r.insert("cloud_instance_id".into(), g("cloud_instance_id"));
        let vols = m
            .get("volumes")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        r.insert(
            "volumes".into(),
            if vols { "exists" } else { "none" }.into(),
        );
    }
    Some(r)
}

/// Node maps as the SDK's df_nodes table: the disk columns when every row is a disk (or there
/// is none), the node columns otherwise. Values that are not maps are left out.
pub fn df_nodes(nodes: &[Value]) -> Table {
    let rows: Vec<Row> = nodes.iter().filter_map(node_row).collect();
    let storage = rows.iter().all(|r| r.contains_key("disk_no"));
    Table {
        columns: cols(if storage { DISK_COLS } else { NODE_COLS }),
        rows,
    }
}

/// Nodes from the VCC as the df_nodes table.
pub fn df_vc_nodes(nodes: &[VcNode]) -> Table {
    let values: Vec<Value> = nodes
        .iter()
        .map(|n| serde_json::to_value(n).unwrap_or_default())
        .collect();
    df_nodes(&values)
}

/// Unit groups as the SDK's df_ugroups table (vcno, vctype, owner, vcname, state, vcid, cdate).
pub fn df_ugroups(ugroups: &[UnitGroup]) -> Table {
    let rows = ugroups
        .iter()
        .map(|u| {
            let opt = |s: Option<String>| s.map(Value::String).unwrap_or(Value::Null);
            let mut r = Row::new();
            r.insert(
                "vcno".into(),
                u.vcno.map(Value::from).unwrap_or(Value::Null),
            );
            r.insert("vctype".into(), u.kind.as_str().into());
            r.insert("owner".into(), opt(u.owner.clone()));
            r.insert("vcname".into(), u.name.clone().into());
            r.insert("state".into(), opt(u.state.as_ref().map(|s| s.to_string())));
            r.insert(
                "vcid".into(),
                format!("{}...", u.vcid.chars().take(8).collect::<String>()).into(),
            );
            r.insert("cdate".into(), opt(u.cdate.clone()));
            r
        })
        .collect();
    Table {
        columns: cols(UGROUP_COLS),
        rows,
    }
}

/// A provider's flavors as a table: column `flavor` first, then every parameter in first-seen
/// order (the SDK's df_flavors).
pub fn df_flavors(flavors: &Ordered<Ordered<Value>>) -> Table {
    let mut columns = vec!["flavor".to_string()];
    let mut rows = Vec::new();
    for (name, params) in &flavors.0 {
        let mut r = Row::new();
        r.insert("flavor".into(), name.clone().into());
        for (k, val) in &params.0 {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
            r.insert(k.clone(), val.clone());
        }
        rows.push(r);
    }
    Table { columns, rows }
}

/// A provider's flavors as one object: flavor → parameter → value.
pub fn flavors_json(flavors: &Ordered<Ordered<Value>>) -> Value {
    let obj = |kv: Vec<(String, Value)>| Value::Object(kv.into_iter().collect());
    obj(flavors
        .0
        .iter()
        .map(|(name, params)| (name.clone(), obj(params.0.clone())))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vcc::UgroupKind;
    use serde_json::json;

    fn node(no: i64, id: &str, kind: UgroupKind) -> VcNode {
        serde_json::from_value(json!({
            "vcid": "v", "unit_name": "worker", "type": kind.as_str(), "no": no, "id": id,
            "state": "RUNNING", "cloud_instance_address": "172.30.2.10", "volumes": [],
            "boot_date": null, "container_date": null, "watch_mode": null, "name": null,
            "error_message": null, "used_state": null, "cdate": null, "cloud_disk_id": null,
            "cloud_disk_size": null, "cloud_instance_id": null
        }))
        .unwrap()
    }

    #[test]
    fn node_maps_are_recognised_by_their_keys() {
        let n = serde_json::to_value(node(1, "abc", UgroupKind::Compute)).unwrap();
        assert!(is_node_value(&n));
        assert!(!is_node_value(
            &json!({"no": 1, "id": "x", "type": "compute"})
        ));
        assert!(!is_node_value(&json!([1, 2])));
        assert!(is_node(|k| NODE_KEYS.contains(&k)));
    }

    #[test]
    fn compute_nodes_have_the_node_columns_and_short_ids() {
        let t = df_vc_nodes(&[node(1, "0123456789ab", UgroupKind::Compute)]);
        assert_eq!(t.columns, cols(NODE_COLS));
        let r = &t.rows[0];
        assert_eq!(r["node_no"], json!(1));
        assert_eq!(r["node_id"], json!("01234567..."));
        assert_eq!(r["node_state"], json!("RUNNING"));
        assert_eq!(r["cloud_instance_id"], Value::Null);
        assert_eq!(r["volumes"], json!("none"));
        let with_vol = json!({"no": 2, "id": "short", "type": "compute", "unit_name": "w",
            "volumes": [{"volume_id": "v1"}]});
        let r = node_row(&with_vol).unwrap();
        assert_eq!(
            (r["node_id"].clone(), r["volumes"].clone()),
            (json!("short"), json!("exists"))
        );
    }

    #[test]
    fn disks_alone_have_the_disk_columns_mixed_ones_the_node_columns() {
        let mut d = node(3, "disk-0123456", UgroupKind::Storage);
        d.used_state = Some("in-use".to_string());
        d.cloud_disk_size = Some(20);
        let t = df_vc_nodes(std::slice::from_ref(&d));
        assert_eq!(t.columns, cols(DISK_COLS));
        assert_eq!(t.rows[0]["disk_no"], json!(3));
        assert_eq!(t.rows[0]["disk_id"], json!("disk-012..."));
        assert_eq!(t.rows[0]["used_state"], json!("in-use"));
        assert_eq!(t.rows[0]["cloud_disk_size"], json!(20));
        let mixed = df_vc_nodes(&[d, node(1, "n", UgroupKind::Compute)]);
        assert_eq!(mixed.columns, cols(NODE_COLS));
        assert_eq!(df_nodes(&[]).columns, cols(DISK_COLS));
        assert!(df_nodes(&[json!("not a node")]).rows.is_empty());
    }

    #[test]
    fn ugroups_show_the_sdk_columns_with_a_short_vcid() {
        let u: UnitGroup = serde_json::from_value(json!({
            "vcid": "0123456789abcdef", "vcno": 7, "name": "Api", "state": "RUNNING",
            "type": "compute"
        }))
        .unwrap();
        let t = df_ugroups(&[u]);
        assert_eq!(t.columns, cols(UGROUP_COLS));
        let r = &t.rows[0];
        assert_eq!(r["vcno"], json!(7));
        assert_eq!(r["vcname"], json!("Api"));
        assert_eq!(r["vctype"], json!("compute"));
        assert_eq!(r["state"], json!("RUNNING"));
        assert_eq!(r["vcid"], json!("01234567..."));
        assert_eq!(r["owner"], Value::Null);
    }

    #[test]
    fn flavors_put_flavor_first_then_parameters_in_first_seen_order() {
        let f = Ordered(vec![
            (
                "small".to_string(),
                Ordered(vec![("instance_type".to_string(), json!("t3.small"))]),
            ),
            (
                "big".to_string(),
                Ordered(vec![
                    ("instance_type".to_string(), json!("m5.large")),
                    ("volume_size".to_string(), json!(40)),
                ]),
            ),
        ]);
        let t = df_flavors(&f);
        assert_eq!(t.columns, ["flavor", "instance_type", "volume_size"]);
        assert_eq!(t.rows[1]["flavor"], json!("big"));
        assert_eq!(t.rows[1]["volume_size"], json!(40));
        assert!(!t.rows[0].contains_key("volume_size"));
        let j = flavors_json(&f);
        assert_eq!(j["big"]["volume_size"], json!(40));
        assert_eq!(j["small"], json!({"instance_type": "t3.small"}));
    }
}

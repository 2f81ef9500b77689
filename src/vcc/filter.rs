//! What scripts pass to find_ugroups, find_nodes, add_nodes and the node operations, as typed
//! options (`#[serde(deny_unknown_fields)]`: an unknown key is an error listing the valid ones),
//! and the rules that turn them into filters and selectors. No Rhai: any serde source works.
use crate::options::{Text, Texts};
use crate::vcc::{AddNodes, NodeFilter, NodeSelector, Result, UnitGroup};
use serde::Deserialize;

fn text(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0)
}

fn texts(t: Option<Texts>) -> Vec<String> {
    t.map(|t| t.0).unwrap_or_default()
}

/// `find_ugroups(#{ugroup_name, vcid, vcno, state, ugroup_type})`: every given condition must
/// hold; an empty text is no condition.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UgroupFilter {
    /// The unit group's name.
    pub ugroup_name: Option<Text>,
    /// Its id.
    pub vcid: Option<Text>,
    /// Its sequence number.
    pub vcno: Option<Text>,
    /// Its state.
    pub state: Option<Text>,
    /// "compute" or "storage".
    pub ugroup_type: Option<Text>,
}

impl UgroupFilter {
    /// Does `u` match every given condition?
    pub fn matches(&self, u: &UnitGroup) -> bool {
        fn is(want: &Option<Text>, have: Option<String>) -> bool {
            match want {
                Some(Text(w)) if !w.is_empty() => Some(w) == have.as_ref(),
                _ => true,
            }
        }
        is(&self.ugroup_name, Some(u.name.clone()))
            && is(&self.vcid, Some(u.vcid.clone()))
            && is(&self.vcno, u.vcno.map(|n| n.to_string()))
            && is(&self.state, u.state.as_ref().map(|s| s.to_string()))
            && is(&self.ugroup_type, Some(u.kind.as_str().to_string()))
    }
}

/// `find_nodes` / `find_ip_addresses` conditions, as scripts give them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeFilterOptions {
    /// Unit name.
    pub unit_name: Option<Text>,
    /// node_id / disk_id.
    pub node_id: Option<Text>,
    /// State.
    pub node_state: Option<Text>,
    /// node_no.
    pub node_no: Option<i64>,
    /// Any of these addresses.
    pub ip_addresses: Option<Texts>,
    /// This address.
    pub ip_address: Option<Text>,
    /// Cloud instance id.
    pub cloud_instance_id: Option<Text>,
}

impl From<NodeFilterOptions> for NodeFilter {
    fn from(o: NodeFilterOptions) -> Self {
        NodeFilter {
            unit_name: text(o.unit_name),
            node_id: text(o.node_id),
            node_state: text(o.node_state),
            node_no: o.node_no,
            ip_addresses: texts(o.ip_addresses),
            ip_address: text(o.ip_address),
            cloud_instance_id: text(o.cloud_instance_id),
        }
    }
}

/// `add_nodes(#{num_add_nodes, ip_addresses, mac_addresses})`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AddNodesOptions {
    /// How many (when no addresses are given).
    pub num_add_nodes: Option<i64>,
    /// Fixed private IPs (count = their number).
    pub ip_addresses: Option<Texts>,
    /// Fixed MACs.
    pub mac_addresses: Option<Texts>,
}

impl From<AddNodesOptions> for AddNodes {
    fn from(o: AddNodesOptions) -> Self {
        AddNodes {
            num: o.num_add_nodes,
            ip_addresses: texts(o.ip_addresses),
            mac_addresses: texts(o.mac_addresses),
        }
    }
}

macro_rules! selector_options {
    ($(#[$doc:meta])* $name:ident, $num:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The first n nodes.
            pub $num: Option<i64>,
            /// The node with this node_no.
            pub node_no: Option<i64>,
            /// The node with this address.
            pub ip_address: Option<Text>,
            /// The nodes with these addresses.
            pub ip_addresses: Option<Texts>,
            /// The node with this cloud instance id.
            pub cloud_instance_id: Option<Text>,
        }

        impl $name {
            /// The selector: at most one condition; none = one node (as the SDK).
            pub fn selector(self) -> Result<NodeSelector> {
                NodeSelector::from_options(
                    self.$num,
                    self.node_no,
                    text(self.ip_address),
                    self.ip_addresses.map(|t| t.0),
                    text(self.cloud_instance_id),
                )
            }
        }
    };
}

selector_options!(
    /// `delete_nodes(#{num_delete_nodes | node_no | ip_address | ip_addresses | cloud_instance_id})`.
    DeleteNodesOptions,
    num_delete_nodes
);
selector_options!(
    /// `power_off_nodes(#{num_power_off_nodes | node_no | ip_address | ip_addresses | cloud_instance_id})`.
    PowerOffNodesOptions,
    num_power_off_nodes
);
selector_options!(
    /// `power_on_nodes(#{num_power_on_nodes | node_no | ip_address | ip_addresses | cloud_instance_id})`.
    PowerOnNodesOptions,
    num_power_on_nodes
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ug(v: serde_json::Value) -> UnitGroup {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn ugroup_filter_matches_every_given_condition_and_ignores_empty_ones() {
        let a = ug(json!({"vcid": "aaa", "vcno": 3, "name": "Api", "state": "RUNNING"}));
        let d = ug(json!({"vcid": "ddd", "name": "Api-disk", "type": "storage"}));
        let f: UgroupFilter = serde_json::from_value(json!({"ugroup_name": "Api"})).unwrap();
        assert!(f.matches(&a) && !f.matches(&d));
        let f: UgroupFilter = serde_json::from_value(json!({"vcno": 3})).unwrap();
        assert!(f.matches(&a) && !f.matches(&d));
        let f: UgroupFilter =
            serde_json::from_value(json!({"ugroup_type": "storage", "ugroup_name": ""})).unwrap();
        assert!(!f.matches(&a) && f.matches(&d));
        let f: UgroupFilter =
            serde_json::from_value(json!({"state": "RUNNING", "vcid": "aaa"})).unwrap();
        assert!(f.matches(&a) && !f.matches(&d));
        assert!(UgroupFilter::default().matches(&d));
        let e = serde_json::from_value::<UgroupFilter>(json!({"name": "Api"})).unwrap_err();
        assert!(e.to_string().contains("`ugroup_name`"), "{e}");
    }

    #[test]
    fn node_filter_options_become_a_node_filter() {
        let o: NodeFilterOptions = serde_json::from_value(json!({
            "unit_name": "worker", "node_no": 2, "ip_addresses": ["10.0.0.1"], "node_state": null
        }))
        .unwrap();
        assert_eq!(
            NodeFilter::from(o),
            NodeFilter {
                unit_name: Some("worker".into()),
                node_no: Some(2),
                ip_addresses: vec!["10.0.0.1".into()],
                ..Default::default()
            }
        );
        assert!(serde_json::from_value::<NodeFilterOptions>(json!({"state": "x"})).is_err());
        assert!(serde_json::from_value::<NodeFilterOptions>(json!({"node_no": "2"})).is_err());
    }

    #[test]
    fn add_nodes_options_become_add_nodes() {
        let o: AddNodesOptions =
            serde_json::from_value(json!({"ip_addresses": ["10.0.0.1", "10.0.0.2"]})).unwrap();
        let a = AddNodes::from(o);
        assert_eq!((a.num, a.ip_addresses.len()), (None, 2));
        let o: AddNodesOptions = serde_json::from_value(json!({"num_add_nodes": 2})).unwrap();
        assert_eq!(AddNodes::from(o).num, Some(2));
        let e =
            serde_json::from_value::<AddNodesOptions>(json!({"ip_addresses": "x"})).unwrap_err();
        assert!(e.to_string().contains("expected a list of strings"), "{e}");
        let e = serde_json::from_value::<UgroupFilter>(json!({"vcid": ["x"]})).unwrap_err();
        assert!(e.to_string().contains("expected a string"), "{e}");
    }

    #[test]
    fn selectors_take_one_condition_with_the_operation_count_key() {
        let s = |v| {
            serde_json::from_value::<DeleteNodesOptions>(v)
                .unwrap()
                .selector()
        };
        assert_eq!(s(json!({})).unwrap(), NodeSelector::Num(1));
        assert_eq!(
            s(json!({"num_delete_nodes": 2})).unwrap(),
            NodeSelector::Num(2)
        );
        assert_eq!(
            s(json!({"ip_address": "10.0.0.1"})).unwrap(),
            NodeSelector::IpAddresses(vec!["10.0.0.1".into()])
        );
        let e = s(json!({"num_delete_nodes": 1, "node_no": 1})).unwrap_err();
        assert!(
            e.to_string().contains("one condition parameter allowed"),
            "{e}"
        );
        let off: PowerOffNodesOptions =
            serde_json::from_value(json!({"num_power_off_nodes": 1})).unwrap();
        assert_eq!(off.selector().unwrap(), NodeSelector::Num(1));
        assert!(
            serde_json::from_value::<PowerOnNodesOptions>(json!({"num_delete_nodes": 1})).is_err()
        );
        let on: PowerOnNodesOptions =
            serde_json::from_value(json!({"cloud_instance_id": "i-1"})).unwrap();
        assert_eq!(
            on.selector().unwrap(),
            NodeSelector::CloudInstanceId("i-1".into())
        );
    }
}

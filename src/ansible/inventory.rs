//! The YAML inventory (`hosts` in the seed, `inventory.yml` in current notebooks), with
//! group.py's `update_inventory_yml` semantics: a recursive merge where mappings merge key by
//! key, the new leaf wins and keys only in the old file are kept (so hosts are never removed
//! this way), and the old file is kept as `<path>.bak`.
use super::{AnsibleError, yaml};
use serde_json::{Map, Value};
use std::path::Path;

/// group.py's recursive merge of `new` into `old`.
pub fn merge(old: &Value, new: &Value) -> Value {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let mut out = o.clone();
            for (k, nv) in n {
                let merged = match o.get(k) {
                    Some(ov) => merge(ov, nv),
                    None => nv.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (_, n) => n.clone(),
    }
}

/// The inventory as a value; `{}` when the file does not exist.
pub fn load(path: &Path) -> Result<Value, AnsibleError> {
    Ok(match yaml::load_file(path)? {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(v @ Value::Object(_)) => v,
        Some(_) => {
            return Err(AnsibleError::Yaml {
                path: path.to_path_buf(),
                message: crate::t!("ansible-top-not-mapping"),
            });
        }
    })
}

fn write_with_backup(path: &Path, v: &Value, backup: Option<&str>) -> Result<(), AnsibleError> {
    yaml::write_if_changed(path, v, backup).map(|_| ())
}

/// Merge `new` into the inventory at `path` (created when missing) and write it; the old file
/// is kept as `path` + `backup` (".bak" by default; `None` for no backup). Returns the result.
pub fn update(path: &Path, new: &Value, backup: Option<&str>) -> Result<Value, AnsibleError> {
    if !new.is_object() {
        return Err(AnsibleError::Invalid(crate::t!(
            "ansible-inventory-expected-map"
        )));
    }
    let old = load(path)?;
    let merged = merge(&old, new);
    write_with_backup(path, &merged, backup)?;
    Ok(merged)
}

/// The backup suffix an `opts.backup` value asks for: absent → `.bak`, `true` → `.bak`,
/// `false` or null → no backup, text (or anything else, as text) → that suffix.
pub fn backup_suffix(opt: Option<&Value>) -> Option<String> {
    match opt {
        None | Some(Value::Bool(true)) => Some(".bak".into()),
        Some(Value::Null | Value::Bool(false)) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// A group path written with dots (`"CoursewareHub.worker"`) as its groups from `all` down.
pub fn dotted(path: &str) -> Vec<String> {
    path.split('.').map(str::to_string).collect()
}

/// Host entries from an array of addresses (`{ip: {}}` each) or a map taken as is.
pub fn hosts_value(hosts: &Value) -> Result<Value, AnsibleError> {
    match hosts {
        Value::Array(a) => {
            let mut m = Map::new();
            for h in a {
                let name = h.as_str().ok_or_else(|| {
                    AnsibleError::Invalid(crate::t!("ansible-host-not-text", got = h.to_string()))
                })?;
                m.insert(name.to_string(), Value::Object(Map::new()));
            }
            Ok(Value::Object(m))
        }
        Value::Object(_) => Ok(hosts.clone()),
        other => Err(AnsibleError::Invalid(crate::t!(
            "ansible-bad-hosts",
            got = other.to_string()
        ))),
    }
}

/// Replace the hosts of one group (what adding and removing workers needs). `group_path`
/// names the groups from `all` down, e.g. `["CoursewareHub", "worker"]`: the group is
/// `all.children.CoursewareHub.children.worker`, created when missing.
pub fn set_hosts(
    path: &Path,
    group_path: &[String],
    hosts: &Value,
    backup: Option<&str>,
) -> Result<Value, AnsibleError> {
    if group_path.is_empty() {
        return Err(AnsibleError::Invalid(crate::t!("ansible-empty-group-path")));
    }
    let hosts = hosts_value(hosts)?;
    let mut inv = load(path)?;
    let mut node = inv
        .as_object_mut()
        .expect("inventory is a map")
        .entry("all")
        .or_insert_with(|| Value::Object(Map::new()));
    for g in group_path {
        node = ensure_map(node)
            .entry("children")
            .or_insert_with(|| Value::Object(Map::new()));
        node = ensure_map(node)
            .entry(g.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    ensure_map(node).insert("hosts".into(), hosts);
    write_with_backup(path, &inv, backup)?;
    Ok(inv)
}

fn ensure_map(v: &mut Value) -> &mut Map<String, Value> {
    if !v.is_object() {
        // `group:` with no value (null) is a valid empty group in Ansible
        *v = Value::Object(Map::new());
    }
    v.as_object_mut().expect("just made a map")
}

/// Remove a whole group subtree from `all.children` (991's teardown). Returns whether it was
/// there; the file is rewritten (with its backup) only then.
pub fn remove_group(path: &Path, name: &str, backup: Option<&str>) -> Result<bool, AnsibleError> {
    let mut inv = load(path)?;
    let removed = inv
        .get_mut("all")
        .and_then(|a| a.get_mut("children"))
        .and_then(|c| c.as_object_mut())
        .and_then(|c| c.remove(name))
        .is_some();
    if removed {
        write_with_backup(path, &inv, backup)?;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_keeps_old_keys_and_new_leaves_win() {
        let old = json!({"all": {"children": {"UG": {"hosts": {"a": {}}, "vars": {"u": "root", "k": 1}}}}});
        let new = json!({"all": {"children": {"UG": {"hosts": {"b": {}}, "vars": {"u": "vcp"}}}}});
        let m = merge(&old, &new);
        assert_eq!(
            m["all"]["children"]["UG"]["hosts"],
            json!({"a": {}, "b": {}})
        );
        assert_eq!(
            m["all"]["children"]["UG"]["vars"],
            json!({"u": "vcp", "k": 1})
        );
    }

    #[test]
    fn backup_option_and_dotted_group_paths() {
        assert_eq!(backup_suffix(None).as_deref(), Some(".bak"));
        assert_eq!(backup_suffix(Some(&json!(true))).as_deref(), Some(".bak"));
        assert_eq!(backup_suffix(Some(&json!(false))), None);
        assert_eq!(backup_suffix(Some(&Value::Null)), None);
        assert_eq!(
            backup_suffix(Some(&json!(".orig"))).as_deref(),
            Some(".orig")
        );
        assert_eq!(backup_suffix(Some(&json!(1))).as_deref(), Some("1"));
        assert_eq!(dotted("CoursewareHub.worker"), ["CoursewareHub", "worker"]);
        assert_eq!(dotted("UG"), ["UG"]);
    }

    #[test]
    fn update_set_hosts_remove_group_with_backups() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("hosts");
        update(&p, &json!({"all": {"children": {"UG": {"children": {"manager": {"hosts": {"10.0.0.1": {}}}}}}}}), Some(".bak")).unwrap();
        assert!(!d.path().join("hosts.bak").exists());
        set_hosts(
            &p,
            &["UG".into(), "worker".into()],
            &json!(["10.0.0.2", "10.0.0.3"]),
            Some(".bak"),
        )
        .unwrap();
        let bak = load(&d.path().join("hosts.bak")).unwrap();
        assert!(
            bak["all"]["children"]["UG"]["children"]
                .get("worker")
                .is_none()
        );
        set_hosts(
            &p,
            &["UG".into(), "worker".into()],
            &json!(["10.0.0.3"]),
            Some(".bak"),
        )
        .unwrap();
        let inv = load(&p).unwrap();
        assert_eq!(
            inv["all"]["children"]["UG"]["children"]["worker"]["hosts"],
            json!({"10.0.0.3": {}})
        );
        assert_eq!(
            inv["all"]["children"]["UG"]["children"]["manager"]["hosts"],
            json!({"10.0.0.1": {}})
        );
        assert!(remove_group(&p, "UG", Some(".bak")).unwrap());
        assert!(!remove_group(&p, "UG", Some(".bak")).unwrap());
        assert_eq!(load(&p).unwrap()["all"]["children"], json!({}));
    }
}

//! YAML as the notebooks read and write it: loading with YAML 1.1 scalars (like PyYAML and
//! Ansible: `yes` is a boolean), dumping like `yaml.safe_dump(default_flow_style=False)`:
//! block style, sorted keys, strings quoted whenever YAML 1.1 would misread them.
use super::AnsibleError;
use serde_json::{Map, Value};
use std::path::Path;

/// Load a YAML file into a value; a missing file is `None`. Errors name the file and line.
pub fn load_file(path: &Path) -> Result<Option<Value>, AnsibleError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AnsibleError::io(path, e)),
    };
    if text.trim().is_empty() {
        return Ok(Some(Value::Null));
    }
    serde_saphyr::from_str::<Value>(&text)
        .map(Some)
        .map_err(|e| AnsibleError::Yaml {
            path: path.to_path_buf(),
            message: crate::t!("ansible-not-yaml", problem = e.to_string()),
        })
}

/// Load a YAML file that must hold a mapping (or nothing): `{}` when missing or empty.
pub fn load_map(path: &Path) -> Result<Map<String, Value>, AnsibleError> {
    match load_file(path)? {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m),
        Some(_) => Err(AnsibleError::Yaml {
            path: path.to_path_buf(),
            message: crate::t!("ansible-top-not-mapping"),
        }),
    }
}

/// The value with every mapping's keys in sorted order (PyYAML's `sort_keys=True`).
pub fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&m[k]));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// YAML text of a value, block style, sorted keys, ambiguous strings quoted.
pub fn dump(v: &Value) -> Result<String, AnsibleError> {
    serde_saphyr::to_string(&sorted(v)).map_err(|e| {
        AnsibleError::Invalid(crate::t!(
            "ansible-cannot-write-yaml",
            problem = e.to_string()
        ))
    })
}

/// Write a value as YAML atomically.
pub fn write_file(path: &Path, v: &Value) -> Result<(), AnsibleError> {
    write_if_changed(path, v, None).map(|_| ())
}

/// Write a value as YAML atomically ([`crate::files::write`]: a file that already holds exactly
/// that text is left alone); when it changes, the old file is first kept as `path` + `backup`
/// (when given). Returns whether the file was written, so a re-run that changes nothing leaves
/// files and backups alone.
pub fn write_if_changed(
    path: &Path,
    v: &Value,
    backup: Option<&str>,
) -> Result<bool, AnsibleError> {
    let text = dump(v)?;
    crate::files::write(path, text.as_bytes(), None, backup).map_err(|e| AnsibleError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ambiguous_strings_are_quoted_and_round_trip() {
        let v: Value =
            serde_json::json!({"b": ["yes", "0022", "1:20", "on", "n", "~"], "a": 1, "n": true});
        let text = dump(&v).unwrap();
        assert!(text.starts_with("a: 1\n"), "{text}");
        for s in [
            "\"yes\"", "\"0022\"", "\"1:20\"", "\"on\"", "\"n\"", "\"~\"",
        ] {
            assert!(text.contains(s), "{s} not quoted in {text}");
        }
        let back: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}

//! CCI documents: YAML text in the SDK's Python-repr dialect (vcc-rest.md §3), base64 on the
//! wire. [`py_repr`] / [`plain`] render values the way the SDK's `str.format` does; [`decode`]
//! is the lenient reader the simulator uses (YAML, Python-repr flow style, `None` strings).
use base64::Engine as _;
use serde_json::Value;

/// The VC CCI version we send (the SDK's `VCP_SDK_VERSION`).
pub const VC_CCI_VERSION: &str = "25.10.0+20251001";

/// Standard base64 with padding, no line breaks.
pub fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// Decode standard base64 to UTF-8 text.
pub fn unb64(data: &str) -> Result<String, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| format!("invalid base64: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("CCI is not UTF-8: {e}"))
}

/// Python `repr()` of a JSON value: `'s'`, `None`, `True`, `[a, b]`, `{'k': v}`.
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python `repr()` of a dict given as ordered pairs (JSON objects would sort their keys).
pub fn py_dict(pairs: &[(String, Value)]) -> String {
    format!(
        "{{{}}}",
        pairs
            .iter()
            .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Python `repr()` of a string: single quotes unless it holds `'` and no `"`.
fn py_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A value as `str.format` prints it: strings bare, lists/dicts as repr, null as `None`.
pub fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// The empty unit group CCI (§3.1), leading newline included.
pub fn vc_cci(name: &str, kind: crate::vcc::UgroupKind) -> String {
    format!(
        "\n- vc:\n    cci_version: \"{VC_CCI_VERSION}\"\n    type: {kind}\n    description: \"{name}\"\n    name: {name}\n"
    )
}

/// [`vc_cci`] with another `description` (the SDK writes the name there): a double-quoted
/// YAML string, escaped.
pub fn vc_cci_described(name: &str, kind: crate::vcc::UgroupKind, description: &str) -> String {
    let quoted = serde_json::to_string(description).unwrap_or_else(|_| format!("\"{name}\""));
    format!(
        "\n- vc:\n    cci_version: \"{VC_CCI_VERSION}\"\n    type: {kind}\n    description: {quoted}\n    name: {name}\n"
    )
}

/// What the simulator needs from a decoded CCI document.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// `vc` or `unit`.
    pub kind: String,
    /// The document's fields (`None` strings turned into null).
    pub fields: serde_json::Map<String, Value>,
}

impl Decoded {
    /// A string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }
    /// An integer field (also from a numeric string).
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.fields.get(key)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    /// A field of `cloud_params`.
    pub fn cloud_param(&self, key: &str) -> Option<&Value> {
        self.fields.get("cloud_params")?.get(key)
    }
    /// A list-of-strings field of `cloud_params` (missing ⇒ empty).
    pub fn cloud_list(&self, key: &str) -> Vec<String> {
        match self.cloud_param(key) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}

fn none_to_null(v: Value) -> Value {
    match v {
        Value::String(s) if s == "None" => Value::Null,
        Value::Array(a) => Value::Array(a.into_iter().map(none_to_null).collect()),
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, none_to_null(v))).collect())
        }
        v => v,
    }
}

/// Parse CCI text leniently: `- vc: {…}` / `- unit: {…}` (a bare mapping is accepted too).
pub fn decode(text: &str) -> Result<Decoded, String> {
    let v: Value = serde_saphyr::from_str(text).map_err(|e| format!("CCI is not YAML: {e}"))?;
    let doc = match v {
        Value::Array(mut a) if !a.is_empty() => a.remove(0),
        v @ Value::Object(_) => v,
        _ => return Err("CCI must be a list holding one `vc:` or `unit:` mapping".into()),
    };
    let Value::Object(m) = doc else {
        return Err("CCI item is not a mapping".into());
    };
    let (kind, inner) = m
        .into_iter()
        .find(|(k, _)| k == "vc" || k == "unit")
        .ok_or("CCI has neither `vc:` nor `unit:`")?;
    match none_to_null(inner) {
        Value::Object(fields) => Ok(Decoded { kind, fields }),
        _ => Err(format!("`{kind}:` is not a mapping")),
    }
}

/// Decode base64 then parse.
pub fn decode_b64(data: &str) -> Result<Decoded, String> {
    decode(&unb64(data)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repr_matches_python() {
        assert_eq!(
            py_dict(&[("v".into(), json!([])), ("e".into(), json!(["A=1"]))]),
            "{'v': [], 'e': ['A=1']}"
        );
        assert_eq!(py_repr(&json!(null)), "None");
        assert_eq!(py_repr(&json!("it's")), "\"it's\"");
        assert_eq!(py_repr(&json!([1, true])), "[1, True]");
        assert_eq!(plain(&json!("m4.large")), "m4.large");
    }

    #[test]
    fn a_described_vc_cci_keeps_its_description_whole() {
        let desc = "CoursewareHub: created by cwh on h1 in /home/\"a\"/講義 (pid 7)";
        let t = vc_cci_described("CoursewareHub", crate::vcc::UgroupKind::Compute, desc);
        let d = decode(&t).unwrap();
        assert_eq!(d.str("description"), Some(desc));
        assert_eq!(d.str("name"), Some("CoursewareHub"));
    }

    #[test]
    fn vc_cci_round_trips() {
        let t = vc_cci("CoursewareHub", crate::vcc::UgroupKind::Storage);
        assert!(t.starts_with("\n- vc:\n    cci_version: \""));
        let d = decode_b64(&b64(&t)).unwrap();
        assert_eq!(d.kind, "vc");
        assert_eq!(d.str("name"), Some("CoursewareHub"));
        assert_eq!(d.str("type"), Some("storage"));
    }

    #[test]
    fn decoder_accepts_the_sdk_dialect() {
        let t = "- unit:\n    cci_version: \"1.1\"\n    name: web\n    description:\n    num_nodes: 2\n    params: {'v': [], 'e': ['X=1']}\n    cloud_params:\n        user_name: None\n        ip_address_list: ['172.30.2.5']\n";
        let d = decode(t).unwrap();
        assert_eq!(d.int("num_nodes"), Some(2));
        assert_eq!(d.fields["description"], Value::Null);
        assert_eq!(d.cloud_param("user_name"), Some(&Value::Null));
        assert_eq!(d.cloud_list("ip_address_list"), vec!["172.30.2.5"]);
        assert_eq!(d.fields["params"]["e"][0], "X=1");
    }
}

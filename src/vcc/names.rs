//! Names and addresses the VCC takes as they are: unit group names (they travel unquoted in
//! the VC CCI and become the VCC's identifiers) and MAC addresses for `add_nodes`. The client
//! refuses a bad one before sending, and the simulator refuses it as the VCC does.
use crate::vcc::{Result, VccError};

/// The longest unit group name cwh sends (names end up in cloud tags and derived names).
pub const UGROUP_NAME_MAX: usize = 64;

/// Words YAML reads as booleans or null: a unit group of that name would reach the VCC as
/// `true`, `false` or nothing, because the VC CCI carries the name unquoted.
const YAML_WORDS: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// What is wrong with `name` as a unit group name, or `None` when the VCC takes it: 1 to
/// [`UGROUP_NAME_MAX`] characters from `A-Z a-z 0-9 _ -` (the VCC's identifier pattern
/// `[a-zA-Z0-9_-]+`), starting with a letter or digit, and not a word YAML reads as a number,
/// a boolean or null.
pub fn ugroup_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        let what = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("the control character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        };
        return Some(format!(
            "it contains {what}; only ASCII letters, digits, `_` and `-` are allowed"
        ));
    }
    if name.starts_with(['-', '_']) {
        return Some("it must start with an ASCII letter or a digit".into());
    }
    let n = name.chars().count();
    if n > UGROUP_NAME_MAX {
        return Some(format!(
            "it has {n} characters, at most {UGROUP_NAME_MAX} are allowed"
        ));
    }
    let lower = name.to_ascii_lowercase();
    if YAML_WORDS.contains(&lower.as_str()) {
        return Some("the VCC's documents read this word as a boolean or null, not a name".into());
    }
    let digits = lower.trim_start_matches("0x").trim_start_matches("0o");
    let numeric = lower
        .chars()
        .all(|c| c.is_ascii_digit() || c == '_' || c == '-')
        || (lower.len() > 2
            && (lower.starts_with("0x")
                && digits.chars().all(|c| c.is_ascii_hexdigit() || c == '_')
                || lower.starts_with("0o") && digits.chars().all(|c| c.is_digit(8) || c == '_')));
    if numeric {
        return Some("the VCC's documents read it as a number, not a name".into());
    }
    None
}

/// `Ok` when the VCC takes `name` as a unit group name; else an error naming the rule and a fix.
pub fn check_ugroup_name(name: &str) -> Result<()> {
    match ugroup_name_problem(name) {
        None => Ok(()),
        Some(why) => Err(VccError::invalid(
            format!("invalid unit group name {name:?}: {why}"),
            format!(
                "name unit groups with 1 to {UGROUP_NAME_MAX} ASCII letters, digits, `_` and `-`, starting with a letter or a digit, e.g. CoursewareHub2"
            ),
        )),
    }
}

/// What is wrong with `mac` as a MAC address for a new node, or `None`: six pairs of hex
/// digits separated by colons (`02:00:5e:10:00:01`), not multicast (which includes broadcast)
/// and not all zeros.
pub fn mac_problem(mac: &str) -> Option<String> {
    let parts: Vec<&str> = mac.split(':').collect();
    let pairs_ok = parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()));
    if !pairs_ok {
        let dashed: Vec<&str> = mac.split('-').collect();
        if dashed.len() == 6
            && dashed
                .iter()
                .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()))
        {
            return Some(format!(
                "write it with colons, not dashes: {}",
                dashed.join(":")
            ));
        }
        return Some(
            "not a MAC address: six pairs of hex digits separated by colons are expected, e.g. 02:00:5e:10:00:01"
                .into(),
        );
    }
    let first = u8::from_str_radix(parts[0], 16).unwrap_or(0);
    if parts.iter().all(|p| p.eq_ignore_ascii_case("ff")) {
        return Some("it is the broadcast address, which no node can have".into());
    }
    if first & 1 == 1 {
        return Some(format!(
            "it is a multicast address (the first octet {} is odd), which no node can have; a node's address has an even first octet, e.g. 02",
            parts[0]
        ));
    }
    if parts.iter().all(|p| *p == "00") {
        return Some("it is all zeros, which no node can have".into());
    }
    None
}

/// `Ok` when every MAC of `macs` is a unicast MAC address written with colons and none is
/// given twice (case ignored); else an error naming the address and the fix.
pub fn check_mac_addresses(macs: &[String]) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    for m in macs {
        if let Some(why) = mac_problem(m) {
            return Err(VccError::invalid(
                format!("mac_addresses: {m:?}: {why}"),
                "give one unicast MAC address per new node, written like 02:00:5e:10:00:01",
            ));
        }
        let low = m.to_ascii_lowercase();
        if seen.contains(&low) {
            return Err(VccError::invalid(
                format!("mac_addresses: {m} is given twice"),
                "every new node needs a MAC address of its own",
            ));
        }
        seen.push(low);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_group_names_the_vcc_takes() {
        for ok in [
            "CoursewareHub",
            "CoursewareHub_disk",
            "03_sample",
            "a-b",
            "X",
            "yes2",
        ] {
            assert_eq!(ugroup_name_problem(ok), None, "{ok}");
        }
        let a65 = "a".repeat(65);
        for (bad, why) in [
            ("", "empty"),
            ("a b", "a space"),
            ("a/b", "`/`"),
            ("a:b", "`:`"),
            ("講義", "`講`"),
            ("a\tb", "control character"),
            ("-x", "start with"),
            (a65.as_str(), "65 characters, at most 64"),
            ("yes", "boolean or null"),
            ("Null", "boolean or null"),
            ("OFF", "boolean or null"),
            ("123", "number"),
            ("1_000", "number"),
            ("0x1F", "number"),
        ] {
            let p = ugroup_name_problem(bad).unwrap_or_default();
            assert!(p.contains(why), "{bad:?}: {p}");
        }
        assert!(
            check_ugroup_name("a b")
                .unwrap_err()
                .to_string()
                .contains("\"a b\"")
        );
    }

    #[test]
    fn mac_addresses_are_unicast_with_colons_and_distinct() {
        assert_eq!(mac_problem("02:00:5e:10:00:01"), None);
        assert_eq!(mac_problem("00:50:56:AB:cd:EF"), None);
        let p = |m: &str| mac_problem(m).unwrap_or_default();
        assert!(p("00-50-56-ab-cd-ef").contains("00:50:56:ab:cd:ef"));
        assert!(p("ff:ff:ff:ff:ff:ff").contains("broadcast"));
        assert!(p("01:00:5e:00:00:01").contains("multicast"));
        assert!(p("00:00:00:00:00:00").contains("all zeros"));
        for bad in [
            "",
            "00:50:56:ab:cd",
            "00:50:56:ab:cd:ef:01",
            "0:50:56:ab:cd:ef",
            "zz:50:56:ab:cd:ef",
            "0050.56ab.cdef",
        ] {
            assert!(p(bad).contains("not a MAC address"), "{bad}");
        }
        let twice = vec![
            "02:00:00:00:00:01".to_string(),
            "02:00:00:00:00:01".to_uppercase(),
        ];
        assert!(
            check_mac_addresses(&twice)
                .unwrap_err()
                .to_string()
                .contains("given twice")
        );
        assert!(check_mac_addresses(&[]).is_ok());
    }
}

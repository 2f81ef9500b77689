//! Names and addresses the VCC takes as they are: unit group names (they travel unquoted in
//! the VC CCI and become the VCC's identifiers) and MAC addresses for `add_nodes`. The client
//! refuses a bad one before sending, and the simulator refuses it as the VCC does.
use crate::i18n::{Arg, Lang, message_in};
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
    ugroup_name_problem_in(crate::i18n::lang(), name)
}

/// [`ugroup_name_problem`] in `lang` (the simulator answers in English, as the VCC does).
pub fn ugroup_name_problem_in(lang: Lang, name: &str) -> Option<String> {
    let t = |key: &str, args: &[(&str, Arg)]| -> String { message_in(lang, key, args) };
    if name.is_empty() {
        return Some(t("vcc-name-empty", &[]));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        let what = match c {
            ' ' => t("vcc-config-a-space", &[]),
            c if c.is_control() => t(
                "vcc-name-control-char",
                &[("code", format!("U+{:04X}", c as u32).into())],
            ),
            c => format!("`{c}`"),
        };
        return Some(t("vcc-name-bad-char", &[("what", what.into())]));
    }
    if name.starts_with(['-', '_']) {
        return Some(t("vcc-name-bad-start", &[]));
    }
    let n = name.chars().count();
    if n > UGROUP_NAME_MAX {
        return Some(t(
            "vcc-name-too-long",
            &[("count", n.into()), ("max", UGROUP_NAME_MAX.into())],
        ));
    }
    let lower = name.to_ascii_lowercase();
    if YAML_WORDS.contains(&lower.as_str()) {
        return Some(t("vcc-name-yaml-word", &[]));
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
        return Some(t("vcc-name-number", &[]));
    }
    None
}

/// `Ok` when the VCC takes `name` as a unit group name; else an error naming the rule and a fix.
pub fn check_ugroup_name(name: &str) -> Result<()> {
    match ugroup_name_problem(name) {
        None => Ok(()),
        Some(why) => Err(VccError::invalid(
            crate::t!(
                "vcc-ugroup-name-invalid",
                name = format!("{name:?}"),
                why = why
            ),
            crate::t!("vcc-ugroup-name-invalid-help", max = UGROUP_NAME_MAX),
        )),
    }
}

/// What is wrong with `mac` as a MAC address for a new node, or `None`: six pairs of hex
/// digits separated by colons (`02:00:5e:10:00:01`), not multicast (which includes broadcast)
/// and not all zeros.
pub fn mac_problem(mac: &str) -> Option<String> {
    mac_problem_in(crate::i18n::lang(), mac)
}

/// [`mac_problem`] in `lang` (the simulator answers in English, as the VCC does).
pub fn mac_problem_in(lang: Lang, mac: &str) -> Option<String> {
    let t = |key: &str, args: &[(&str, Arg)]| -> String { message_in(lang, key, args) };
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
            return Some(t("vcc-mac-dashes", &[("mac", dashed.join(":").into())]));
        }
        return Some(t("vcc-mac-not-mac", &[]));
    }
    let first = u8::from_str_radix(parts[0], 16).unwrap_or(0);
    if parts.iter().all(|p| p.eq_ignore_ascii_case("ff")) {
        return Some(t("vcc-mac-broadcast", &[]));
    }
    if first & 1 == 1 {
        return Some(t("vcc-mac-multicast", &[("octet", parts[0].into())]));
    }
    if parts.iter().all(|p| *p == "00") {
        return Some(t("vcc-mac-zeros", &[]));
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
                crate::t!("vcc-mac-invalid", mac = format!("{m:?}"), why = why),
                crate::t!("vcc-mac-invalid-help"),
            ));
        }
        let low = m.to_ascii_lowercase();
        if seen.contains(&low) {
            return Err(VccError::invalid(
                crate::t!("vcc-mac-twice", mac = m),
                crate::t!("vcc-mac-twice-help"),
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

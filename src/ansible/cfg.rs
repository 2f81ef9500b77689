//! `ansible.cfg` as group.py's `setup_ansible_cfg` handles it: read the existing file (INI, no
//! interpolation) keeping every other key, set `[defaults] inventory` to the absolute inventory
//! path, keep the old file as `ansible.cfg.bak`, and remove group/other write bits from the
//! directory (Ansible ignores an ansible.cfg in a world-writable directory). Comments and
//! layout of the existing file are kept (ConfigParser would drop comments).
use super::AnsibleError;
use std::path::{Path, PathBuf};

/// The `[defaults]` keys the seed notebook writes, besides `inventory`. The seed also wrote
/// `command_warnings = False`; it is deliberately absent: newer Ansible rejects that key
/// (the notebooks' FAQ #3), so cwh never writes it and drops it from an existing file.
pub const SEED_DEFAULTS: &[(&str, &str)] = &[
    ("deprecation_warnings", "False"),
    ("force_valid_group_names", "ignore"),
];

/// [`SEED_DEFAULTS`] as `setup` takes them (what `ansible_cfg::setup` writes without options).
pub fn seed_defaults() -> Vec<(String, String)> {
    SEED_DEFAULTS
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Keys cwh refuses to write, with the reason (a message key).
const FORBIDDEN: &[(&str, &str)] = &[("command_warnings", "ansible-cfg-command-warnings")];

#[derive(Debug, Clone)]
enum Line {
    Other(String),
    Section(String, String),
    Key { key: String, lines: Vec<String> },
}

/// A parsed INI file that can be edited and written back with its comments.
#[derive(Debug, Clone, Default)]
pub struct Ini {
    lines: Vec<Line>,
}

impl Ini {
    /// Parse INI text the way Python's ConfigParser does (strict, no interpolation).
    pub fn parse(text: &str, path: &Path) -> Result<Ini, AnsibleError> {
        let err = |line: usize, message: String| AnsibleError::Ini {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut lines = Vec::new();
        let mut section: Option<String> = None;
        let mut sections_seen: Vec<String> = Vec::new();
        let mut keys_seen: Vec<String> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
                lines.push(Line::Other(raw.to_string()));
                continue;
            }
            if raw.starts_with([' ', '\t'])
                && let Some(Line::Key { lines: kl, .. }) = lines.last_mut()
            {
                kl.push(raw.to_string());
                continue;
            }
            if t.starts_with('[') {
                if !t.ends_with(']') || t.len() < 3 {
                    return Err(err(n, crate::t!("ansible-ini-bad-header", line = t)));
                }
                let name = t[1..t.len() - 1].trim().to_string();
                if sections_seen.contains(&name) {
                    return Err(err(
                        n,
                        crate::t!("ansible-ini-section-twice", section = name.as_str()),
                    ));
                }
                sections_seen.push(name.clone());
                keys_seen.clear();
                section = Some(name.clone());
                lines.push(Line::Section(name, raw.to_string()));
                continue;
            }
            let Some(sep) = t.find(['=', ':']) else {
                return Err(err(n, format!("expected `key = value`, got: {t}")));
            };
            if section.is_none() {
                return Err(err(n, crate::t!("ansible-ini-key-before-section")));
            }
            let key = t[..sep].trim().to_lowercase();
            if key.is_empty() {
                return Err(err(n, crate::t!("ansible-ini-value-without-key", line = t)));
            }
            if keys_seen.contains(&key) {
                return Err(err(
                    n,
                    crate::t!("ansible-ini-key-twice", key = key.as_str()),
                ));
            }
            keys_seen.push(key.clone());
            lines.push(Line::Key {
                key,
                lines: vec![raw.to_string()],
            });
        }
        Ok(Ini { lines })
    }

    fn section_range(&self, section: &str) -> Option<(usize, usize)> {
        let start = self
            .lines
            .iter()
            .position(|l| matches!(l, Line::Section(s, _) if s == section))?;
        let end = self.lines[start + 1..]
            .iter()
            .position(|l| matches!(l, Line::Section(..)))
            .map(|p| start + 1 + p)
            .unwrap_or(self.lines.len());
        Some((start, end))
    }

    /// The value of `key` in `section`.
    pub fn get(&self, section: &str, key: &str) -> Option<String> {
        let (s, e) = self.section_range(section)?;
        let key = key.to_lowercase();
        self.lines[s..e].iter().find_map(|l| match l {
            Line::Key { key: k, lines } if *k == key => {
                let first = lines[0].trim();
                let sep = first.find(['=', ':'])?;
                let mut v = first[sep + 1..].trim().to_string();
                for c in &lines[1..] {
                    v.push('\n');
                    v.push_str(c.trim());
                }
                Some(v)
            }
            _ => None,
        })
    }

    /// Set `key = value` in `section` (created when missing).
    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        let key = key.to_lowercase();
        let text = format!("{key} = {value}");
        let (s, e) = match self.section_range(section) {
            Some(r) => r,
            None => {
                if !self.lines.is_empty()
                    && !matches!(self.lines.last(), Some(Line::Other(l)) if l.trim().is_empty())
                {
                    self.lines.push(Line::Other(String::new()));
                }
                self.lines
                    .push(Line::Section(section.to_string(), format!("[{section}]")));
                let at = self.lines.len();
                (at - 1, at)
            }
        };
        for l in &mut self.lines[s..e] {
            if let Line::Key { key: k, lines } = l
                && *k == key
            {
                *lines = vec![text];
                return;
            }
        }
        // after the section's last key (before trailing blank lines and comments)
        let at = self.lines[s..e]
            .iter()
            .rposition(|l| matches!(l, Line::Key { .. } | Line::Section(..)))
            .map(|p| s + p + 1)
            .unwrap_or(e);
        self.lines.insert(
            at,
            Line::Key {
                key,
                lines: vec![text],
            },
        );
    }

    /// Remove `key` from `section`; whether it was there.
    pub fn remove(&mut self, section: &str, key: &str) -> bool {
        let Some((s, e)) = self.section_range(section) else {
            return false;
        };
        let key = key.to_lowercase();
        if let Some(p) = self.lines[s..e]
            .iter()
            .position(|l| matches!(l, Line::Key { key: k, .. } if *k == key))
        {
            self.lines.remove(s + p);
            return true;
        }
        false
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            match l {
                Line::Other(t) | Line::Section(_, t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Line::Key { lines, .. } => {
                    for t in lines {
                        out.push_str(t);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// Write `dir/ansible.cfg` pointing at `inventory` (made absolute) with `defaults` in
/// `[defaults]`, keeping everything else of an existing file and a `.bak` of it. Returns the
/// path written.
pub fn setup(
    dir: &Path,
    inventory: &Path,
    defaults: &[(String, String)],
) -> Result<PathBuf, AnsibleError> {
    let path = dir.join("ansible.cfg");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(AnsibleError::io(&path, e)),
    };
    let mut ini = match &text {
        Some(t) => Ini::parse(t, &path)?,
        None => Ini::default(),
    };
    let inv = if inventory.is_absolute() {
        inventory.to_path_buf()
    } else {
        dir.join(inventory)
    };
    let inv = std::path::absolute(&inv).map_err(|e| AnsibleError::io(&inv, e))?;
    ini.set("defaults", "inventory", &inv.display().to_string());
    for (k, v) in defaults {
        if let Some((_, why)) = FORBIDDEN.iter().find(|(f, _)| k.eq_ignore_ascii_case(f)) {
            tracing::warn!(
                "{}",
                crate::t!(
                    "ansible-cfg-not-writing",
                    key = k.as_str(),
                    why = crate::t!(why)
                )
            );
            continue;
        }
        ini.set("defaults", k, v);
    }
    for (k, why) in FORBIDDEN {
        if ini.remove("defaults", k) {
            tracing::warn!(
                "{}",
                crate::t!("ansible-cfg-removed", key = *k, why = crate::t!(why))
            );
        }
    }
    let rendered = ini.render();
    // a re-run that changes nothing keeps the file and, above all, the site's original .bak
    crate::files::write(&path, rendered.as_bytes(), None, Some(".bak"))
        .map_err(|e| AnsibleError::io(&path, e))?;
    // Ansible ignores ansible.cfg in a world-writable directory: drop g+w and o+w.
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(dir).map_err(|e| AnsibleError::io(dir, e))?;
    let mode = meta.permissions().mode();
    if mode & 0o022 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & !0o022))
            .map_err(|e| AnsibleError::io(dir, e))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_other_keys_and_comments_and_drops_command_warnings() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("ansible.cfg");
        std::fs::write(&p, "# site config\n[defaults]\nInventory = old\nforks = 5\ncommand_warnings = False\n\n[ssh_connection]\npipelining = True\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        setup(d.path(), Path::new("hosts"), &seed_defaults()).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let ini = Ini::parse(&text, &p).unwrap();
        assert_eq!(
            ini.get("defaults", "inventory").unwrap(),
            d.path().join("hosts").display().to_string()
        );
        assert_eq!(ini.get("defaults", "forks").unwrap(), "5");
        assert_eq!(ini.get("ssh_connection", "pipelining").unwrap(), "True");
        assert_eq!(
            ini.get("defaults", "force_valid_group_names").unwrap(),
            "ignore"
        );
        assert!(ini.get("defaults", "command_warnings").is_none());
        assert!(text.starts_with("# site config\n"));
        assert!(
            std::fs::read_to_string(d.path().join("ansible.cfg.bak"))
                .unwrap()
                .contains("inventory = old")
                || std::fs::read_to_string(d.path().join("ansible.cfg.bak"))
                    .unwrap()
                    .contains("Inventory = old")
        );
        assert_eq!(
            std::fs::metadata(d.path()).unwrap().permissions().mode() & 0o777,
            0o755
        );
    }

    #[test]
    fn malformed_ini_is_reported_with_line_and_untouched() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("ansible.cfg");
        let bad = "[defaults]\nforks = 5\nthis is not ini\n";
        std::fs::write(&p, bad).unwrap();
        let e = setup(d.path(), Path::new("hosts"), &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("ansible.cfg:3"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), bad);
        std::fs::write(&p, "forks = 5\n").unwrap();
        assert!(
            setup(d.path(), Path::new("hosts"), &[])
                .unwrap_err()
                .to_string()
                .contains("before any [section]")
        );
    }
}

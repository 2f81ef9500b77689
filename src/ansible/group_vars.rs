//! `group_vars/` as group.py reads and writes it.
//!
//! A group's own variables live in `group_vars/<g>` (current notebooks), `group_vars/<g>.yml`
//! (the seed notebook) or a directory `group_vars/<g>/` of `*.yml` files (merged in name order,
//! later wins). `load` merges `all` first, then the group (shallow, like `dict.update`).
//! `update` reads only the group's own files and writes back in the layout it found.
use super::{AnsibleError, yaml};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Where a group's own variables live.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// `group_vars/<g>/` with these `*.yml`/`*.yaml` files, in merge order.
    Dir(PathBuf, Vec<PathBuf>),
    /// One file: `group_vars/<g>` or `group_vars/<g>.yml`.
    File(PathBuf),
    /// Nothing yet; a new group gets `group_vars/<g>.yml` (the seed's layout).
    Missing(PathBuf),
}

/// The group_vars directory of a workdir.
#[derive(Debug, Clone)]
pub struct GroupVars {
    pub dir: PathBuf,
}

fn check_group(group: &str) -> Result<(), AnsibleError> {
    if group.is_empty()
        || group.contains('/')
        || group.contains('\0')
        || group == "."
        || group == ".."
    {
        return Err(AnsibleError::Invalid(crate::t!(
            "ansible-bad-group-name",
            group = group
        )));
    }
    Ok(())
}

impl GroupVars {
    pub fn new(workdir: &Path) -> Self {
        GroupVars {
            dir: workdir.join("group_vars"),
        }
    }

    /// Find the layout of `group`.
    pub fn layout(&self, group: &str) -> Result<Layout, AnsibleError> {
        check_group(group)?;
        let plain = self.dir.join(group);
        if plain.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&plain)
                .map_err(|e| AnsibleError::io(&plain, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && matches!(p.extension().and_then(|x| x.to_str()), Some("yml" | "yaml"))
                })
                .collect();
            files.sort();
            return Ok(Layout::Dir(plain, files));
        }
        if plain.is_file() {
            return Ok(Layout::File(plain));
        }
        for ext in ["yml", "yaml"] {
            let p = self.dir.join(format!("{group}.{ext}"));
            if p.is_file() {
                return Ok(Layout::File(p));
            }
        }
        Ok(Layout::Missing(self.dir.join(format!("{group}.yml"))))
    }

    /// The group's own variables (not `all`).
    pub fn load_own(&self, group: &str) -> Result<Map<String, Value>, AnsibleError> {
        Ok(match self.layout(group)? {
            Layout::Dir(_, files) => {
                let mut m = Map::new();
                for f in files {
                    m.extend(yaml::load_map(&f)?);
                }
                m
            }
            Layout::File(p) => yaml::load_map(&p)?,
            Layout::Missing(_) => Map::new(),
        })
    }

    /// `all`, then the group's own variables over it.
    pub fn load(&self, group: &str) -> Result<Map<String, Value>, AnsibleError> {
        let mut m = if group == "all" {
            Map::new()
        } else {
            self.load_own("all")?
        };
        m.extend(self.load_own(group)?);
        Ok(m)
    }

    /// Set `values` in the group's own variables, keeping its layout. In a directory layout a
    /// key is updated in the file that defines it (the last one, if several), and new keys go
    /// to the last file, so the result wins the merge. Returns the files written.
    pub fn update(
        &self,
        group: &str,
        values: &Map<String, Value>,
    ) -> Result<Vec<PathBuf>, AnsibleError> {
        self.update_in(group, values, false)
    }

    /// As [`GroupVars::update`], but with `plain` a new group gets `group_vars/<g>` (no
    /// extension, today's notebooks' layout) instead of `<g>.yml`.
    pub fn update_in(
        &self,
        group: &str,
        values: &Map<String, Value>,
        plain: bool,
    ) -> Result<Vec<PathBuf>, AnsibleError> {
        let layout = match self.layout(group)? {
            Layout::Missing(_) if plain => Layout::Missing(self.dir.join(group)),
            l => l,
        };
        match layout {
            Layout::File(p) | Layout::Missing(p) => {
                let mut m = yaml::load_map(&p)?;
                m.extend(values.clone());
                yaml::write_file(&p, &Value::Object(m))?;
                Ok(vec![p])
            }
            Layout::Dir(dir, files) => {
                let mut contents: Vec<(PathBuf, Map<String, Value>)> = Vec::new();
                for f in &files {
                    contents.push((f.clone(), yaml::load_map(f)?));
                }
                if contents.is_empty() {
                    contents.push((dir.join("main.yml"), Map::new()));
                }
                let mut touched = vec![false; contents.len()];
                for (k, v) in values {
                    let i = contents
                        .iter()
                        .rposition(|(_, m)| m.contains_key(k))
                        .unwrap_or(contents.len() - 1);
                    contents[i].1.insert(k.clone(), v.clone());
                    touched[i] = true;
                }
                let mut written = Vec::new();
                for ((p, m), t) in contents.into_iter().zip(touched) {
                    if t {
                        yaml::write_file(&p, &Value::Object(m))?;
                        written.push(p);
                    }
                }
                Ok(written)
            }
        }
    }

    /// Remove keys from the group's own variables. A missing key is an error unless
    /// `if_exists`. Returns the keys removed.
    pub fn remove(
        &self,
        group: &str,
        keys: &[String],
        if_exists: bool,
    ) -> Result<Vec<String>, AnsibleError> {
        let files: Vec<PathBuf> = match self.layout(group)? {
            Layout::File(p) => vec![p],
            Layout::Dir(_, files) => files,
            Layout::Missing(_) => vec![],
        };
        let mut contents: Vec<(PathBuf, Map<String, Value>, bool)> = Vec::new();
        for f in files {
            let m = yaml::load_map(&f)?;
            contents.push((f, m, false));
        }
        let mut removed = Vec::new();
        for k in keys {
            let mut found = false;
            for (_, m, t) in contents.iter_mut() {
                if m.remove(k).is_some() {
                    *t = true;
                    found = true;
                }
            }
            if found {
                removed.push(k.clone());
            } else if !if_exists {
                return Err(AnsibleError::NoKey {
                    group: group.to_string(),
                    key: k.clone(),
                });
            }
        }
        for (p, m, t) in contents {
            if t {
                yaml::write_file(&p, &Value::Object(m))?;
            }
        }
        Ok(removed)
    }

    /// Move the group's own variables aside as 991 does (`mv group_vars/<g> group_vars/.<g>.bak`):
    /// `<name>` (file or directory) becomes `.<name>.bak` next to it, replacing an older one.
    /// Returns the new path, or `None` when the group has no own variables (safe to repeat).
    pub fn retire(&self, group: &str) -> Result<Option<PathBuf>, AnsibleError> {
        let from = match self.layout(group)? {
            Layout::File(p) | Layout::Dir(p, _) => p,
            Layout::Missing(_) => return Ok(None),
        };
        let name = from
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let to = self.dir.join(format!(".{name}.bak"));
        if to.is_dir() {
            std::fs::remove_dir_all(&to).map_err(|e| AnsibleError::io(&to, e))?;
        }
        std::fs::rename(&from, &to).map_err(|e| AnsibleError::io(&from, e))?;
        crate::journal::record(
            crate::journal::Event::new("file", "move", from.display().to_string())
                .detail(serde_json::json!({ "to": to.display().to_string() })),
        );
        Ok(Some(to))
    }

    /// The merged variables as group.py's `show_group_vars` prints them: `key: <json>` lines,
    /// keys containing "password" (any case) hidden unless `all`.
    pub fn show(&self, group: &str, all: bool) -> Result<String, AnsibleError> {
        let m = self.load(group)?;
        let mut keys: Vec<&String> = m.keys().collect();
        keys.sort();
        let mut out = String::new();
        for k in keys {
            if !all && k.to_lowercase().contains("password") {
                continue;
            }
            out.push_str(&format!("{k}: {}\n", m[k]));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn retire_moves_the_own_file_aside_and_repeats_safely() {
        let d = tempfile::tempdir().unwrap();
        let gv = GroupVars::new(d.path());
        gv.update("CoursewareHub", &map(json!({"vc_nodes": 2})))
            .unwrap();
        let to = gv.retire("CoursewareHub").unwrap().unwrap();
        assert_eq!(to, d.path().join("group_vars/.CoursewareHub.yml.bak"));
        assert!(to.is_file());
        assert!(gv.load_own("CoursewareHub").unwrap().is_empty());
        assert_eq!(gv.retire("CoursewareHub").unwrap(), None);
        // the current notebooks' layout: group_vars/<g> → group_vars/.<g>.bak (as 991)
        std::fs::write(d.path().join("group_vars/G2"), "a: 1\n").unwrap();
        let to = gv.retire("G2").unwrap().unwrap();
        assert_eq!(to, d.path().join("group_vars/.G2.bak"));
    }

    #[test]
    fn a_new_group_in_the_plain_layout_and_an_existing_one_keeps_its_own() {
        let d = tempfile::tempdir().unwrap();
        let gv = GroupVars::new(d.path());
        gv.update_in("HubA", &map(json!({"worker_nodes": 2})), true)
            .unwrap();
        assert!(d.path().join("group_vars/HubA").is_file());
        assert!(!d.path().join("group_vars/HubA.yml").exists());
        // an existing .yml group stays .yml, plain or not
        gv.update("Seed", &map(json!({"vc_nodes": 2}))).unwrap();
        gv.update_in("Seed", &map(json!({"vc_nodes": 3})), true)
            .unwrap();
        assert!(!d.path().join("group_vars/Seed").exists());
        assert_eq!(gv.load_own("Seed").unwrap()["vc_nodes"], 3);
        gv.update_in("HubA", &map(json!({"worker_nodes": 3})), false)
            .unwrap();
        assert!(!d.path().join("group_vars/HubA.yml").exists());
        assert_eq!(gv.load_own("HubA").unwrap()["worker_nodes"], 3);
    }

    #[test]
    fn layouts_and_merge_rules() {
        let d = tempfile::tempdir().unwrap();
        let gv = GroupVars::new(d.path());
        // new group: seed layout
        let w = gv
            .update("CoursewareHub", &map(json!({"vc_nodes": 2, "b": "yes"})))
            .unwrap();
        assert_eq!(w, vec![d.path().join("group_vars/CoursewareHub.yml")]);
        // all/ as a directory, later file wins; group overrides all
        std::fs::create_dir_all(d.path().join("group_vars/all")).unwrap();
        std::fs::write(d.path().join("group_vars/all/a.yml"), "x: 1\nb: all\n").unwrap();
        std::fs::write(d.path().join("group_vars/all/b.yml"), "x: 2\n").unwrap();
        let m = gv.load("CoursewareHub").unwrap();
        assert_eq!(m["x"], json!(2));
        assert_eq!(m["b"], json!("yes"));
        // update keeps keys, never writes all
        gv.update("CoursewareHub", &map(json!({"vc_nodes": 3})))
            .unwrap();
        let own = gv.load_own("CoursewareHub").unwrap();
        assert_eq!(own["vc_nodes"], json!(3));
        assert!(!own.contains_key("x"));
        // current notebooks' layout (no extension) is kept
        std::fs::write(d.path().join("group_vars/G2"), "a: 1\n").unwrap();
        let w = gv.update("G2", &map(json!({"c": "0022"}))).unwrap();
        assert_eq!(w, vec![d.path().join("group_vars/G2")]);
        assert!(!d.path().join("group_vars/G2.yml").exists());
        // remove
        assert!(gv.remove("G2", &["zz".into()], false).is_err());
        assert_eq!(
            gv.remove("G2", &["a".into(), "zz".into()], true).unwrap(),
            vec!["a"]
        );
        // show hides passwords
        gv.update("G2", &map(json!({"db_Password": "s3", "user": "u"})))
            .unwrap();
        let s = gv.show("G2", false).unwrap();
        assert!(s.contains("user: \"u\"") && !s.contains("s3"), "{s}");
        assert!(gv.show("G2", true).unwrap().contains("s3"));
    }

    #[test]
    fn directory_layout_updates_the_defining_file() {
        let d = tempfile::tempdir().unwrap();
        let g = d.path().join("group_vars/G");
        std::fs::create_dir_all(&g).unwrap();
        std::fs::write(g.join("10-a.yml"), "a: 1\n").unwrap();
        std::fs::write(g.join("20-b.yml"), "b: 1\n").unwrap();
        let gv = GroupVars::new(d.path());
        gv.update("G", &map(json!({"a": 2, "new": 3}))).unwrap();
        assert_eq!(yaml::load_map(&g.join("10-a.yml")).unwrap()["a"], json!(2));
        assert_eq!(
            yaml::load_map(&g.join("20-b.yml")).unwrap()["new"],
            json!(3)
        );
        let m = gv.load_own("G").unwrap();
        assert_eq!(
            (m["a"].clone(), m["b"].clone(), m["new"].clone()),
            (json!(2), json!(1), json!(3))
        );
    }

    #[test]
    fn malformed_file_is_reported_and_untouched() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("group_vars/G.yml");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "a: [1, 2\nb: 3\n").unwrap();
        let gv = GroupVars::new(d.path());
        let e = gv
            .update("G", &map(json!({"c": 1})))
            .unwrap_err()
            .to_string();
        assert!(e.contains("G.yml") && e.contains("line"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a: [1, 2\nb: 3\n");
        assert!(gv.layout("../x").is_err());
    }

    #[test]
    fn a_symlinked_group_file_stays_a_link_and_an_unchanged_update_writes_nothing() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let site = d.path().join("site.yml");
        std::fs::write(&site, "vc_nodes: 2\n").unwrap();
        std::fs::create_dir_all(d.path().join("group_vars")).unwrap();
        let link = d.path().join("group_vars/CoursewareHub.yml");
        std::os::unix::fs::symlink("../site.yml", &link).unwrap();
        let gv = GroupVars::new(d.path());
        gv.update("CoursewareHub", &map(json!({"vc_nodes": 3})))
            .unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&site).unwrap(), "vc_nodes: 3\n");
        assert_eq!(gv.load("CoursewareHub").unwrap()["vc_nodes"], 3);
        let ino = std::fs::metadata(&site).unwrap().ino();
        gv.update("CoursewareHub", &map(json!({"vc_nodes": 3})))
            .unwrap();
        assert_eq!(std::fs::metadata(&site).unwrap().ino(), ino, "rewritten");
        let mut names: Vec<_> = std::fs::read_dir(d.path().join("group_vars"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["CoursewareHub.yml"]);
    }
}

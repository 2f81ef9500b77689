//! The workdir under `--plan`: a scratch copy in `<workdir>/.cwh/plan/` that the rehearsal
//! writes to, and unified diffs of what it changed against the real workdir.
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Directories never copied nor compared: cwh's own state, and version control.
const SKIP: &[&str] = &[".cwh", ".git"];

/// The most a workdir may hold for a plan (files, bytes): a site's workdir holds group_vars,
/// an inventory and ansible.cfg, not a home directory.
const LIMIT: (usize, u64) = (20_000, 512 << 20);

/// Copy `from` into `to` (a fresh directory): regular files, directories and symlinks, except
/// `.cwh/` and `.git/`. Modes are kept. A workdir beyond 20,000 files or 512 MiB is refused.
pub fn copy_workdir(from: &Path, to: &Path) -> std::io::Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to)?;
    copy_dir(from, to, true, &mut (0, 0))
}

fn copy_dir(from: &Path, to: &Path, top: bool, used: &mut (usize, u64)) -> std::io::Result<()> {
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let name = e.file_name();
        if top && SKIP.iter().any(|s| name == *s) {
            continue;
        }
        let (src, dst) = (e.path(), to.join(&name));
        let ft = e.file_type()?;
        if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
        } else if ft.is_dir() {
            std::fs::create_dir_all(&dst)?;
            copy_dir(&src, &dst, false, used)?;
        } else if ft.is_file() {
            used.0 += 1;
            used.1 += e.metadata()?.len();
            if used.0 > LIMIT.0 || used.1 > LIMIT.1 {
                return Err(std::io::Error::other(crate::t!(
                    "plan-workdir-too-big",
                    files = LIMIT.0,
                    mib = LIMIT.1 >> 20
                )));
            }
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// One file the run would change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileChange {
    /// Relative to the workdir.
    pub path: String,
    /// `create`, `change` or `delete`.
    pub action: &'static str,
    /// Unified diff (empty for binary files).
    pub diff: String,
}

fn files(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, top: bool, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            if top && SKIP.iter().any(|s| name == *s) {
                continue;
            }
            // cwh's own lock files (`.NAME.cwh-lock`, empty) are no change of the site's
            if name.to_string_lossy().ends_with(".cwh-lock") {
                continue;
            }
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                walk(root, &e.path(), false, out);
            } else if let Ok(rel) = e.path().strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, true, &mut out);
    out.sort();
    out
}

/// What the rehearsal changed in `scratch` compared with `real`, file by file, in path
/// order. Backups (`*.bak`) are listed without a diff.
pub fn diff_dirs(real: &Path, scratch: &Path) -> Vec<FileChange> {
    let mut paths = files(real);
    paths.extend(files(scratch));
    paths.sort();
    paths.dedup();
    let mut out = Vec::new();
    for rel in paths {
        let (a, b) = (
            std::fs::read(real.join(&rel)).ok(),
            std::fs::read(scratch.join(&rel))
                .ok()
                .map(|b| as_real(b, real, scratch)),
        );
        if a == b {
            continue;
        }
        let action = match (&a, &b) {
            (None, _) => "create",
            (_, None) => "delete",
            _ => "change",
        };
        let name = rel.display().to_string();
        let diff = if name.ends_with(".bak") {
            String::new()
        } else {
            unified(&name, a.as_deref(), b.as_deref())
        };
        out.push(FileChange {
            path: name,
            action,
            diff,
        });
    }
    // a backup is written only with a change of its file: one whose file the run leaves as it
    // is (the scratch copy's own paths made it differ there) is no change of the run
    let changed: Vec<String> = out.iter().map(|c| c.path.clone()).collect();
    out.retain(|c| match backup_of(&c.path) {
        Some(base) => changed.iter().any(|p| p == base) || !real.join(base).exists(),
        None => true,
    });
    out
}

/// The file a backup (`FILE.bak`, `FILE.old`) keeps.
fn backup_of(path: &str) -> Option<&str> {
    path.strip_suffix(".bak")
        .or_else(|| path.strip_suffix(".old"))
}

/// A file of the scratch copy as the real run would write it: paths into the scratch copy
/// (ansible.cfg's `inventory`…) point into the real workdir.
pub fn as_real(b: Vec<u8>, real: &Path, scratch: &Path) -> Vec<u8> {
    match String::from_utf8(b) {
        Ok(t) => t
            .replace(&scratch.display().to_string(), &real.display().to_string())
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// A unified diff of two versions of a file (`None` = absent), secrets redacted.
pub fn unified(name: &str, old: Option<&[u8]>, new: Option<&[u8]>) -> String {
    let text = |b: Option<&[u8]>| -> Option<String> {
        match b {
            None => Some(String::new()),
            Some(b) => String::from_utf8(b.to_vec()).ok(),
        }
    };
    let (Some(a), Some(b)) = (text(old), text(new)) else {
        return String::new();
    };
    let a: Vec<String> = a.split_inclusive('\n').map(str::to_string).collect();
    let b: Vec<String> = b.split_inclusive('\n').map(str::to_string).collect();
    let from = if old.is_some() {
        format!("a/{name}")
    } else {
        "/dev/null".into()
    };
    let to = if new.is_some() {
        format!("b/{name}")
    } else {
        "/dev/null".into()
    };
    let lines = difflib::unified_diff(&a, &b, &from, &to, "", "", 3);
    let mut s = String::new();
    for l in lines {
        s.push_str(&l);
        if !l.ends_with('\n') {
            s.push('\n');
        }
    }
    crate::redact::redact(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_then_diff_shows_only_what_changed() {
        let real = tempfile::tempdir().unwrap();
        let w = |p: &str, t: &str| {
            let p = real.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        };
        w(
            "group_vars/CoursewareHub.yml",
            "vc_nodes: 3\nvc_flavor: small\n",
        );
        w("hosts", "all: {}\n");
        w(".cwh/runs/x.jsonl", "{}\n");
        let scratch = real.path().join(".cwh/plan/work");
        copy_workdir(real.path(), &scratch).unwrap();
        assert!(!scratch.join(".cwh").exists());
        assert!(diff_dirs(real.path(), &scratch).is_empty());
        std::fs::write(
            scratch.join("group_vars/CoursewareHub.yml"),
            "vc_nodes: 5\nvc_flavor: small\n",
        )
        .unwrap();
        std::fs::write(
            scratch.join("ansible.cfg"),
            format!("[defaults]\ninventory = {}/hosts\n", scratch.display()),
        )
        .unwrap();
        let d = diff_dirs(real.path(), &scratch);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].path, "ansible.cfg");
        assert_eq!(d[0].action, "create");
        let real_inv = format!("+inventory = {}/hosts", real.path().display());
        assert!(d[0].diff.contains(&real_inv), "{}", d[0].diff);
        assert_eq!(d[1].action, "change");
        assert!(
            d[1].diff.contains("-vc_nodes: 3\n+vc_nodes: 5\n"),
            "{}",
            d[1].diff
        );
        assert!(d[1].diff.starts_with("--- a/group_vars/CoursewareHub.yml"));
        // the real ansible.cfg names the real workdir: the rehearsal rewrote it (its copy named
        // the scratch copy) and kept a backup, which the real run, changing nothing, does not
        let cfg = format!("[defaults]\ninventory = {}/hosts\n", real.path().display());
        std::fs::write(real.path().join("ansible.cfg"), &cfg).unwrap();
        std::fs::write(scratch.join("ansible.cfg.bak"), &cfg).unwrap();
        std::fs::write(scratch.join("hosts.bak"), "all: {}\n").unwrap();
        std::fs::write(scratch.join("group_vars/CoursewareHub.yml.bak"), "x").unwrap();
        let d = diff_dirs(real.path(), &scratch);
        let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "group_vars/CoursewareHub.yml",
                "group_vars/CoursewareHub.yml.bak"
            ]
        );
    }
}

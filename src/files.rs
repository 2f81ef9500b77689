//! Writing the files a site keeps (group_vars, inventory, ansible.cfg, known_hosts): always a
//! temp file in the same directory, fsync, then rename, so a crash or a bad input never
//! leaves a half-written file. Each write is journaled.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `path` with a leading `~` (alone or `~/…`) replaced by the home directory, as Python's
/// `os.path.expanduser` (the notebooks'); anything else unchanged.
pub fn expand_home(p: &str) -> String {
    if (p == "~" || p.starts_with("~/"))
        && let Some(h) = dirs::home_dir()
    {
        return format!("{}{}", h.display(), &p[1..]);
    }
    p.to_string()
}

/// Write `data` to `path` atomically, creating the parent directory. `mode` sets the file's
/// permission bits (Unix).
pub fn write_atomic(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let start = Instant::now();
    if let Some(p) = crate::plan::active()
        && !p.in_scratch(path)
    {
        // --plan writes only to its scratch copy of the workdir: anything else is recorded
        p.remote
            .record("local write", "localhost", &path.display().to_string());
        return Ok(());
    }
    let changed = std::fs::read(path).map_or(true, |old| old != data);
    let res = write_inner(path, data, mode);
    crate::journal::record(
        crate::journal::Event::new("file", "write", path.display().to_string())
            .took(start.elapsed())
            .outcome_ok(res.is_ok())
            .detail(match &res {
                Ok(()) => serde_json::json!({ "bytes": data.len(), "changed": changed }),
                Err(e) => serde_json::json!({ "error": e.to_string() }),
            }),
    );
    res
}

fn write_inner(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.cwh-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        if let Some(m) = mode {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(m))?;
        } else if let Ok(meta) = std::fs::metadata(path) {
            // keep the permissions of the file we replace
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Copy `path` to `path` + `suffix` (the notebooks' `.bak`) when it exists, keeping its mode.
/// Returns the backup's path.
pub fn backup(path: &Path, suffix: &str) -> std::io::Result<Option<PathBuf>> {
    if !path.exists() {
        return Ok(None);
    }
    let mut b = path.as_os_str().to_owned();
    b.push(suffix);
    let b = PathBuf::from(b);
    // atomically too: a crash never leaves a truncated backup in place of the old one
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o7777;
    write_atomic(&b, &std::fs::read(path)?, Some(mode))?;
    Ok(Some(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn atomic_write_replaces_and_keeps_mode() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/f.yml");
        write_atomic(&p, b"a: 1\n", Some(0o600)).unwrap();
        write_atomic(&p, b"a: 2\n", None).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a: 2\n");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "temp file left behind");
        let b = backup(&p, ".bak").unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(b).unwrap(), "a: 2\n");
    }
}

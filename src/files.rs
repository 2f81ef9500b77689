//! Writing the files a site keeps (group_vars, inventory, ansible.cfg, known_hosts, key pairs)
//! and cwh's own state (simulator and lab state): always a uniquely named temp file in the same
//! directory (two processes never share one), fsync of the file, rename over the target, fsync
//! of the directory — so a crash, a full disk or a bad input never leaves a half-written file.
//! This is the one atomic-write routine; [`write_atomic`] also journals the write.
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
/// permission bits (Unix). Journaled.
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
    // a run whose journal cannot be written stops before its next change
    crate::journal::healthy().map_err(std::io::Error::other)?;
    let changed = std::fs::read(path).map_or(true, |old| old != data);
    let res = replace(path, data, mode);
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

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Write `data` to a unique temp file beside `path` (fsync'd, with `mode` or the replaced
/// file's permissions), returning it unpersisted; dropping it removes it.
fn staged(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    let dir = parent_dir(path);
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".cwh-tmp")
        .tempfile_in(&dir)?;
    let perms = match mode {
        Some(m) => Some(std::fs::Permissions::from_mode(m)),
        // keep the permissions of the file we replace
        None => std::fs::metadata(path).ok().map(|m| m.permissions()),
    };
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Make a rename durable: fsync the directory (best effort where directories cannot be opened).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::File::open(dir) {
        Ok(d) => d.sync_all().or_else(|e| {
            // some filesystems refuse fsync on a directory; the rename itself is atomic
            if e.raw_os_error() == Some(libc::EINVAL) {
                Ok(())
            } else {
                Err(e)
            }
        }),
        Err(_) => Ok(()),
    }
}

/// Write `data` to `path` atomically without journaling (for cwh's own state, saved after
/// every change): unique temp file, fsync, rename, fsync of the directory. On any error the
/// old file is untouched and no temp file is left.
pub fn replace(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let tmp = staged(path, data, mode)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&parent_dir(path))
}

/// Run `f` holding an exclusive lock for `path` — a `flock` on `.NAME.cwh-lock` beside it — so
/// read-modify-write cycles of several processes on one shared file (a known_hosts used by
/// runs of different workdirs) never lose an update. Waits for the other process.
pub fn locked<T>(path: &Path, f: impl FnOnce() -> T) -> std::io::Result<T> {
    use std::os::unix::io::AsRawFd;
    let dir = parent_dir(path);
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(format!(".{name}.cwh-lock")))?;
    // SAFETY: flock on an open fd; released when `lock` is closed.
    if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let out = f();
    drop(lock);
    Ok(out)
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

    #[test]
    fn concurrent_writers_never_share_a_temp_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        std::thread::scope(|s| {
            for t in 0..8u8 {
                let p = &p;
                s.spawn(move || {
                    for i in 0..25u8 {
                        let body = vec![b'a' + t; 1000 + i as usize];
                        replace(p, &body, None).expect("every write succeeds");
                    }
                });
            }
        });
        // the file is one writer's whole content, and no temp file is left
        let body = std::fs::read(&p).unwrap();
        assert!(body.iter().all(|b| *b == body[0]), "mixed content");
        let left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn a_failed_write_is_an_error_and_keeps_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f.json");
        replace(&p, b"old", None).unwrap();
        // the target is a directory: the rename fails after the temp file was written
        let dir_target = d.path().join("sub");
        std::fs::create_dir_all(dir_target.join("x")).unwrap();
        assert!(replace(&dir_target, b"new", None).is_err());
        // a parent that is a file: nothing can be created
        assert!(replace(&p.join("child"), b"new", None).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("cwh-tmp"))
            .collect();
        assert!(left.is_empty(), "temp files left: {left:?}");
    }

    #[test]
    fn locked_read_modify_write_loses_no_update() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("counter");
        replace(&p, b"0", None).unwrap();
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..25 {
                        locked(&p, || {
                            let n: u32 = std::fs::read_to_string(&p).unwrap().parse().unwrap();
                            replace(&p, (n + 1).to_string().as_bytes(), None).unwrap();
                        })
                        .unwrap();
                    }
                });
            }
        });
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "200");
    }
}

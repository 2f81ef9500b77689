//! Writing the files a site keeps (group_vars, inventory, ansible.cfg, known_hosts, key pairs)
//! and cwh's own state (simulator and lab state): always a uniquely named temp file in the same
//! directory (two processes never share one), fsync of the file, rename over the target, fsync
//! of the directory — so a crash, a full disk or a bad input never leaves a half-written file.
//! This is the one atomic-write routine; [`write`] (and [`write_atomic`]) also journals the
//! write and holds the rule of every file cwh writes: unchanged content → no write, no backup,
//! counted as unchanged in the recap. A symlink is written through: its target changes, the
//! link stays a link.
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
/// permission bits (Unix). Journaled. The rule of every file cwh writes ([`write`]): a file
/// that already holds `data` is left alone and counted as unchanged; a symlink stays a link
/// and its target is updated.
pub fn write_atomic(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    write(path, data, mode, None).map(|_| ())
}

/// The one write of the files cwh keeps (group_vars, inventory, ansible.cfg, known_hosts, key
/// pairs…), journaled for the recap:
/// - a file that already holds `data` (and `mode`, when given) is not written, not backed up,
///   and journaled as unchanged; the same content with other permission bits only gets its
///   mode set;
/// - otherwise the old file is first kept as `path` + `backup` (when given and the file
///   exists), then `data` replaces it atomically ([`replace`]);
/// - a symlink (or a chain of them) is followed: its target is replaced (temp file and rename
///   in the target's directory) and the link stays a link.
///
/// Returns whether the file was written (changed). Under `--plan` a path outside the scratch
/// copy is recorded, not written (true: it would be).
pub fn write(
    path: &Path,
    data: &[u8],
    mode: Option<u32>,
    backup: Option<&str>,
) -> std::io::Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    let start = Instant::now();
    let old = std::fs::read(path).ok();
    let same_content = old.as_deref() == Some(data);
    let same_mode = has_mode(path, mode);
    if let Some(p) = crate::interlock::plan()
        && !p.in_scratch(path)
    {
        // --plan writes only to its scratch copy of the workdir: a change anywhere else is
        // recorded (a file that already holds `data` would not be written at all)
        if same_content && same_mode {
            return Ok(false);
        }
        p.record("local write", "localhost", &path.display().to_string());
        return Ok(true);
    }
    // a run whose journal cannot be written stops before its next change
    crate::journal::healthy().map_err(std::io::Error::other)?;
    let journal = |res: &std::io::Result<()>, changed: bool| {
        crate::journal::record(
            crate::journal::Event::new("file", "write", path.display().to_string())
                .took(start.elapsed())
                .outcome_ok(res.is_ok())
                .detail(match res {
                    Ok(()) => serde_json::json!({ "bytes": data.len(), "changed": changed }),
                    Err(e) => serde_json::json!({ "error": e.to_string() }),
                }),
        )
    };
    // --plan: a file of the scratch copy that the run would leave as it is (its real one holds
    // the same, paths aside) is not rewritten there either
    let same_for_run = || {
        mode.is_none()
            && crate::interlock::plan().is_some_and(|p| p.unchanged_for_the_run(path, data))
    };
    if (same_content && same_mode) || (!same_content && same_for_run()) {
        journal(&Ok(()), false);
        return Ok(false);
    }
    // under --plan a link of the scratch copy is replaced, never followed (see write_target)
    let plan_link = crate::interlock::plan().is_some()
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let res = (|| {
        if let (true, false, Some(m)) = (same_content, plan_link, mode) {
            // only the permission bits differ (set_permissions follows a link)
            return std::fs::set_permissions(path, std::fs::Permissions::from_mode(m));
        }
        if let (Some(suffix), Some(_), false) = (backup, &old, same_content) {
            self::backup(path, suffix)?;
        }
        put(path, data, mode)
    })();
    journal(&res, true);
    res.map(|()| true)
}

/// Has the file at `path` the permission bits `mode` (any, when `None`)?
fn has_mode(path: &Path, mode: Option<u32>) -> bool {
    use std::os::unix::fs::PermissionsExt;
    mode.is_none_or(|m| {
        std::fs::metadata(path).is_ok_and(|md| md.permissions().mode() & 0o7777 == m)
    })
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a write of `path` must replace: `path` itself, or the final target of the symlink
/// chain at `path` (relative targets are relative to the link's directory), so that a link
/// stays a link. Under `--plan` links are not followed: the scratch copy's link is replaced,
/// never a file outside the scratch copy.
fn write_target(path: &Path) -> std::io::Result<PathBuf> {
    if crate::interlock::plan().is_some() {
        return Ok(path.to_path_buf());
    }
    let mut p = path.to_path_buf();
    // as the kernel: at most 40 links in a chain
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let t = std::fs::read_link(&p)?;
                p = if t.is_absolute() {
                    t
                } else {
                    parent_dir(&p).join(t)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::from_raw_os_error(libc::ELOOP))
}

/// Write `data` to a unique temp file beside `path` (fsync'd, with `mode` or the replaced
/// file's permissions), returning it unpersisted; dropping it removes it.
fn staged(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    let dir = parent_dir(path);
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
/// every change): unique temp file, fsync, rename, fsync of the directory. A symlink at
/// `path` is followed ([`write_target`]): the temp file and the rename are in its target's
/// directory and the link stays. On any error the old file is untouched and no temp file is
/// left.
pub fn replace(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    // the rule of every file cwh writes: the same content (and mode) is not written again
    if std::fs::read(path).is_ok_and(|old| old == data) && has_mode(path, mode) {
        return Ok(());
    }
    put(path, data, mode)
}

/// [`replace`] without looking at what the file holds.
fn put(path: &Path, data: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    std::fs::create_dir_all(parent_dir(path))?;
    let target = write_target(path)?;
    let tmp = staged(&target, data, mode)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&parent_dir(&target))
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

/// Copy `path` to `path` + `suffix` (the notebooks' `.bak`) when it exists, keeping its mode
/// (through [`write`]: an identical backup is left alone). Returns the backup's path.
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
    write(&b, &std::fs::read(path)?, Some(mode), None)?;
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

    /// The journaled `changed` of the last write of `p` in this process.
    fn journaled_change(p: &Path) -> Option<bool> {
        crate::journal::events()
            .iter()
            .rev()
            .find(|e| {
                e.kind == "file" && e.action == "write" && e.target == p.display().to_string()
            })
            .and_then(|e| e.detail.get("changed").and_then(|c| c.as_bool()))
    }

    fn ino(p: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).unwrap().ino()
    }

    #[test]
    fn unchanged_content_is_not_written_nor_backed_up_and_counts_as_unchanged() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("hosts");
        let bak = d.path().join("hosts.bak");
        assert!(write(&p, b"a: 1\n", Some(0o600), Some(".bak")).unwrap());
        assert!(!bak.exists(), "a new file has nothing to back up");
        assert_eq!(journaled_change(&p), Some(true));
        let first = ino(&p);
        // the same content: no write (same inode), no backup, journaled as unchanged
        assert!(!write(&p, b"a: 1\n", Some(0o600), Some(".bak")).unwrap());
        assert!(!write(&p, b"a: 1\n", None, Some(".bak")).unwrap());
        assert_eq!(ino(&p), first, "an unchanged file was rewritten");
        assert!(!bak.exists(), "an unchanged file was backed up");
        assert_eq!(journaled_change(&p), Some(false));
        // other content: the old file is kept as .bak, the new one replaces it
        assert!(write(&p, b"a: 2\n", None, Some(".bak")).unwrap());
        assert_eq!(std::fs::read(&bak).unwrap(), b"a: 1\n");
        assert_eq!(std::fs::read(&p).unwrap(), b"a: 2\n");
        assert_ne!(ino(&p), first);
        assert_eq!(journaled_change(&p), Some(true));
        // the same content with other permission bits: only the mode is set, no backup
        let (second, bak_ino) = (ino(&p), ino(&bak));
        assert!(write(&p, b"a: 2\n", Some(0o640), Some(".bak")).unwrap());
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!((ino(&p), ino(&bak)), (second, bak_ino));
        assert_eq!(std::fs::read(&bak).unwrap(), b"a: 1\n");
        // cwh's own state (unjournaled) follows the same rule
        let s = d.path().join("state.json");
        replace(&s, b"{}", None).unwrap();
        let st = ino(&s);
        replace(&s, b"{}", None).unwrap();
        assert_eq!(ino(&s), st);
    }

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_symlink_stays_a_link_and_its_target_is_written() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let d = tempfile::tempdir().unwrap();
        let (site, work) = (d.path().join("site"), d.path().join("work/group_vars"));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::create_dir_all(&work).unwrap();
        let target = site.join("CoursewareHub.yml");
        std::fs::write(&target, "a: 1\n").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        // a relative link, and an absolute link to that link (a chain)
        let link = work.join("CoursewareHub.yml");
        symlink("../../site/CoursewareHub.yml", &link).unwrap();
        let chain = d.path().join("work/gv-link.yml");
        symlink(&link, &chain).unwrap();

        assert!(write(&link, b"a: 2\n", None, Some(".bak")).unwrap());
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_link(&link).unwrap(),
            Path::new("../../site/CoursewareHub.yml")
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"a: 2\n");
        // the target keeps its mode; the backup is a regular file beside the link
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let bak = work.join("CoursewareHub.yml.bak");
        assert!(
            std::fs::symlink_metadata(&bak)
                .unwrap()
                .file_type()
                .is_file()
        );
        assert_eq!(std::fs::read(&bak).unwrap(), b"a: 1\n");

        assert!(write(&chain, b"a: 3\n", Some(0o600), None).unwrap());
        assert!(
            std::fs::symlink_metadata(&chain)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"a: 3\n");
        // no temp file left anywhere
        assert_eq!(names(&site), ["CoursewareHub.yml"]);
        assert_eq!(names(&work), ["CoursewareHub.yml", "CoursewareHub.yml.bak"]);
        // unchanged through the link: nothing written
        let before = ino(&target);
        assert!(!write(&chain, b"a: 3\n", Some(0o600), None).unwrap());
        assert_eq!(ino(&target), before);

        // a dangling link: its target is created, the link stays
        let dangling = work.join("new.yml");
        symlink(site.join("new.yml"), &dangling).unwrap();
        replace(&dangling, b"b: 1\n", None).unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(site.join("new.yml")).unwrap(), b"b: 1\n");

        // a loop of links is an error, and nothing is created
        let (l1, l2) = (work.join("l1"), work.join("l2"));
        symlink(&l2, &l1).unwrap();
        symlink(&l1, &l2).unwrap();
        let e = write(&l1, b"x", None, None).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP), "{e}");
        assert!(
            std::fs::symlink_metadata(&l1)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

//! One run at a time per workdir: an advisory lock on `<workdir>/.cwh/lock`, taken before
//! anything else (the lab key pair, the simulator's state, the journal). The lock is a
//! `flock(2)` on the open file, so the kernel releases it when the holder exits in any way
//! (kill -9 included); the file's text says who holds it: pid, host, command and start time.
//!
//! A second run is refused at once, naming the holder. A lock file whose holder is gone (the
//! text of a run that was killed) is taken over with a warning that names the dead run. A run
//! that ends removes the file (while still holding the lock; whoever opened it meanwhile sees
//! that its inode is no longer the path's and opens the new file), so a finished run leaves
//! the workdir as it found it.
use std::io::{Read, Seek, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// Who holds (or held) a workdir lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub command: String,
    pub started: String,
}

impl Holder {
    fn me(command: &str) -> Holder {
        Holder {
            pid: std::process::id(),
            host: hostname(),
            command: crate::redact::redact(command).into_owned(),
            started: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        }
    }

    fn render(&self) -> String {
        format!(
            "pid: {}\nhost: {}\ncommand: {}\nstarted: {}\n",
            self.pid, self.host, self.command, self.started
        )
    }

    /// Parse the lock file's text; None when it is empty or not ours.
    pub fn parse(text: &str) -> Option<Holder> {
        let mut h = Holder {
            pid: 0,
            host: String::new(),
            command: String::new(),
            started: String::new(),
        };
        for line in text.lines() {
            let Some((k, v)) = line.split_once(": ") else {
                continue;
            };
            match k {
                "pid" => h.pid = v.trim().parse().ok()?,
                "host" => h.host = v.to_string(),
                "command" => h.command = v.to_string(),
                "started" => h.started = v.to_string(),
                _ => {}
            }
        }
        (h.pid != 0).then_some(h)
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!(
            "lock-holder",
            pid = self.pid,
            host = self.host.as_str(),
            command = self.command.as_str(),
            started = self.started.as_str()
        ))
    }
}

/// Why a workdir lock could not be taken.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LockError {
    #[error("{}", crate::t!("lock-busy", workdir = .workdir.as_str(), holder = .holder.as_str()))]
    #[diagnostic(
        code = "cwh::lock::busy",
        help("{}", crate::t!("lock-busy-help", stop = .stop.as_str(), path = .path.as_str()))
    )]
    Busy {
        workdir: String,
        holder: String,
        /// How to stop the holder: `kill PID` only when PID is verified to hold the lock.
        stop: String,
        path: String,
    },
    #[error("{}", crate::t!("lock-io", path = .path.as_str(), problem = .source.to_string()))]
    #[diagnostic(code = "cwh::lock::io", help("{}", crate::t!("lock-io-help")))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A held workdir lock; released (and its text cleared) when dropped.
#[derive(Debug)]
pub struct WorkdirLock {
    path: PathBuf,
    file: std::fs::File,
    /// The run whose stale lock was taken over, if any.
    pub took_over: Option<Holder>,
    /// `<workdir>/.cwh` when this lock created it: removed with the lock file when it is still
    /// empty, so a refused or failed run leaves the workdir as it found it.
    made_dir: Option<PathBuf>,
}

impl WorkdirLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkdirLock {
    fn drop(&mut self) {
        held(|h| h.retain(|p| *p != self.path));
        // Remove the file while still holding the lock (only if the path is still ours); a
        // process that opened it meanwhile notices the unlinked inode and starts over.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
            // only an empty directory is removed; a run that opens it meanwhile tries again
            if let Some(d) = &self.made_dir {
                let _ = std::fs::remove_dir(d);
            }
        } else {
            let _ = self.file.set_len(0);
        }
        // SAFETY: the fd is open for the lifetime of self.file.
        unsafe {
            libc::flock(self.file.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

/// Does `path` still name the open `file` (same device and inode)?
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The lock file of a workdir.
pub fn lock_path(workdir: &Path) -> PathBuf {
    workdir.join(".cwh").join("lock")
}

/// Take the lock of `workdir` for `command` (e.g. `cwh run scripts/coursewarehub.rhai`), or
/// fail at once naming the holder. Never waits.
pub fn acquire(workdir: &Path, command: &str) -> Result<WorkdirLock, LockError> {
    let path = lock_path(workdir);
    let io = |source| LockError::Io {
        path: path.display().to_string(),
        source,
    };
    let made_dir = path.parent().filter(|d| !d.exists()).map(Path::to_path_buf);
    let mut attempts = 0;
    let (mut file, rc) = loop {
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d).map_err(io)?;
        }
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            // the directory was removed by a run that just ended (see Drop): make it again
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempts < 100 => {
                attempts += 1;
                continue;
            }
            f => f.map_err(io)?,
        };
        // SAFETY: flock on an open fd.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        // locked a file its holder removed as it ended: open the path again
        if rc == 0 && !same_file(&file, &path) && attempts < 100 {
            attempts += 1;
            continue;
        }
        break (file, rc);
    };
    let mut text = String::new();
    if rc != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Err(io(e));
        }
        let _ = file.read_to_string(&mut text);
        let holder = Holder::parse(&text);
        return Err(LockError::Busy {
            workdir: workdir.display().to_string(),
            holder: holder
                .as_ref()
                .map(|h| h.to_string())
                .unwrap_or_else(|| crate::t!("lock-holder-starting")),
            stop: how_to_stop(holder.as_ref(), &file),
            path: path.display().to_string(),
        });
    }
    file.read_to_string(&mut text).map_err(io)?;
    // The lock is ours: any text left is a run that ended without releasing it (killed).
    let took_over = Holder::parse(&text);
    let me = Holder::me(command);
    file.set_len(0).map_err(io)?;
    file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
    file.write_all(me.render().as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    if let Some(old) = &took_over {
        let alive = old.host == me.host && pid_alive(old.pid);
        let (p, holder) = (path.display().to_string(), old.to_string());
        let m = if alive {
            crate::t!("lock-took-over-pid-reused", path = p, holder = holder)
        } else {
            crate::t!("lock-took-over", path = p, holder = holder)
        };
        tracing::warn!("{m}");
    }
    held(|h| h.push(path.clone()));
    Ok(WorkdirLock {
        path,
        file,
        took_over,
        made_dir,
    })
}

/// How the refused user stops the holder. `kill PID` is said only for a pid verified to hold
/// the lock on this host (never pid 0, which `kill` reads as "my whole process group").
fn how_to_stop(holder: Option<&Holder>, file: &std::fs::File) -> String {
    let Some(h) = holder else {
        return crate::t!("lock-stop-starting");
    };
    if h.host != hostname() {
        return crate::t!("lock-stop-other-host", host = h.host.as_str(), pid = h.pid);
    }
    let verified = match flock_holders(file) {
        Some(pids) => pids.contains(&h.pid),
        None => pid_alive(h.pid),
    };
    if h.pid > 1 && verified {
        crate::t!("lock-stop-kill", pid = h.pid)
    } else {
        crate::t!("lock-stop-unverified")
    }
}

/// The pids that hold a `flock` on `file`, from `/proc/locks` (None when it cannot be read).
fn flock_holders(file: &std::fs::File) -> Option<Vec<u32>> {
    use std::os::unix::fs::MetadataExt;
    let m = file.metadata().ok()?;
    let dev = m.dev();
    // /proc/locks names a file as MAJOR:MINOR:INODE, major and minor in hex
    let id = format!(
        "{:02x}:{:02x}:{}",
        libc::major(dev),
        libc::minor(dev),
        m.ino()
    );
    let text = std::fs::read_to_string("/proc/locks").ok()?;
    Some(
        text.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                // "1: FLOCK  ADVISORY  WRITE 27048 fe:00:844339 0 EOF"
                (f.get(1) == Some(&"FLOCK") && f.get(5) == Some(&id.as_str()))
                    .then(|| f.get(4)?.parse().ok())
                    .flatten()
            })
            .collect(),
    )
}

/// The lock files this process holds, for [`release_held`].
static HELD: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn held<T>(f: impl FnOnce(&mut Vec<PathBuf>) -> T) -> T {
    f(&mut HELD.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Remove the lock files this process holds, for a process about to exit at once (a second
/// Ctrl-C, a signal before the run started) without running destructors: the kernel drops the
/// `flock` itself, this leaves no stale text behind. Only files whose text still names this
/// process are removed.
pub fn release_held() {
    release(held(std::mem::take));
}

fn release(paths: Vec<PathBuf>) {
    let me = std::process::id();
    for p in paths {
        let mine = std::fs::read_to_string(&p)
            .ok()
            .and_then(|t| Holder::parse(&t))
            .is_some_and(|h| h.pid == me && h.host == hostname());
        if mine {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Is `pid` a live process on this host?
fn pid_alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks for existence and permission.
    let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// This machine's host name (`unknown` when it cannot be read).
pub(crate) fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: buf is writable for its length.
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if r != 0 {
        return "unknown".into();
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_naming_the_holder_and_released_on_drop() {
        let d = tempfile::tempdir().unwrap();
        let a = acquire(d.path(), "cwh run a.rhai").unwrap();
        assert!(a.took_over.is_none());
        let e = acquire(d.path(), "cwh run b.rhai").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        assert!(msg.contains("cwh run a.rhai"), "{msg}");
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(
            help.contains(&format!("kill {}", std::process::id())),
            "{help}"
        );
        drop(a);
        assert!(
            !lock_path(d.path()).exists(),
            "a finished run leaves no lock file"
        );
        let b = acquire(d.path(), "cwh run b.rhai").unwrap();
        assert!(b.took_over.is_none(), "a released lock is not stale");
    }

    /// Hold the lock of `d` as a run would, with `text` in the file (none yet: just starting).
    fn hold_with_text(d: &Path, text: &str) -> std::fs::File {
        let p = lock_path(d);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        let f = std::fs::File::open(&p).unwrap();
        // SAFETY: flock on an open fd.
        assert_eq!(unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) }, 0);
        f
    }

    fn help_of(e: &LockError) -> String {
        miette::Diagnostic::help(e).unwrap().to_string()
    }

    #[test]
    fn the_refusal_names_a_pid_to_kill_only_when_it_holds_the_lock() {
        // a holder that has not written its details yet: never `kill 0`
        let d = tempfile::tempdir().unwrap();
        let _f = hold_with_text(d.path(), "");
        let e = acquire(d.path(), "cwh run b.rhai").unwrap_err();
        let help = help_of(&e);
        assert!(!help.contains("kill"), "{help}");
        assert!(help.contains("just starting"), "{help}");
        assert!(e.to_string().contains("a run that is just starting"), "{e}");

        // text naming a live process that does not hold the lock (our parent): not named
        let d = tempfile::tempdir().unwrap();
        let parent = std::os::unix::process::parent_id();
        let other = Holder {
            pid: parent,
            ..Holder::me("cwh run other.rhai")
        };
        let _f = hold_with_text(d.path(), &other.render());
        let help = help_of(&acquire(d.path(), "cwh run b.rhai").unwrap_err());
        assert!(!help.contains("kill"), "{help}");

        // a holder on another host: stopped there
        let d = tempfile::tempdir().unwrap();
        let away = Holder {
            host: "elsewhere.example".into(),
            ..Holder::me("cwh run other.rhai")
        };
        let _f = hold_with_text(d.path(), &away.render());
        let help = help_of(&acquire(d.path(), "cwh run b.rhai").unwrap_err());
        assert!(
            !help.contains("kill") && help.contains("on host elsewhere.example"),
            "{help}"
        );
    }

    #[test]
    fn release_held_removes_only_this_process_lock_files() {
        let d = tempfile::tempdir().unwrap();
        let l = acquire(d.path(), "cwh run a.rhai").unwrap();
        assert!(lock_path(d.path()).exists());
        assert!(held(|h| h.contains(&l.path)));
        // (release_held itself would also release the locks of the tests running beside)
        release(vec![l.path.clone()]);
        assert!(!lock_path(d.path()).exists());
        drop(l);
        // a file that names another process is left alone
        let d = tempfile::tempdir().unwrap();
        let l = acquire(d.path(), "cwh run a.rhai").unwrap();
        let other = Holder {
            pid: std::os::unix::process::parent_id(),
            ..Holder::me("x")
        };
        std::fs::write(lock_path(d.path()), other.render()).unwrap();
        release(vec![l.path.clone()]);
        assert!(lock_path(d.path()).exists());
        drop(l);
        assert!(held(|h| !h.contains(&lock_path(d.path()))));
    }

    #[test]
    fn stale_text_of_a_dead_run_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let p = lock_path(d.path());
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let dead = Holder {
            pid: 999_999_999,
            host: hostname(),
            command: "cwh run x.rhai".into(),
            started: "2026-01-01T00:00:00Z".into(),
        };
        std::fs::write(&p, dead.render()).unwrap();
        let l = acquire(d.path(), "cwh run y.rhai").unwrap();
        assert_eq!(l.took_over.as_ref(), Some(&dead));
        let now = Holder::parse(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert_eq!(now.pid, std::process::id());
        assert_eq!(now.command, "cwh run y.rhai");
    }

    #[test]
    fn holder_round_trips() {
        let h = Holder::me("cwh run z.rhai --set a=1");
        assert_eq!(Holder::parse(&h.render()), Some(h));
        assert_eq!(Holder::parse(""), None);
    }

    #[test]
    fn never_two_holders_while_runs_come_and_go() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let d = tempfile::tempdir().unwrap();
        let holders = AtomicUsize::new(0);
        let (taken, refused) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..200 {
                        match acquire(d.path(), "cwh run t.rhai") {
                            Ok(l) => {
                                assert_eq!(
                                    holders.fetch_add(1, Ordering::SeqCst),
                                    0,
                                    "two holders"
                                );
                                taken.fetch_add(1, Ordering::SeqCst);
                                holders.fetch_sub(1, Ordering::SeqCst);
                                drop(l);
                            }
                            Err(LockError::Busy { .. }) => {
                                refused.fetch_add(1, Ordering::SeqCst);
                            }
                            Err(e) => panic!("{e}"),
                        }
                    }
                });
            }
        });
        assert_eq!(taken.into_inner() + refused.into_inner(), 1600);
        assert!(!lock_path(d.path()).exists());
    }
}

//! The workdir lock for the commands that change a workdir's state (`run`, `repl`, `vcc
//! reset`, `lab down`): taken before anything else, refused at once naming the holder.
use crate::cli::error::Result;
use crate::lock::WorkdirLock;
use std::path::{Path, PathBuf};

/// The workdir a command works in: `--workdir DIR` (resolved as `cli::common::host` does:
/// `~` expanded, must exist) or the current directory.
fn workdir(dir: Option<&Path>) -> Result<PathBuf> {
    match dir {
        Some(d) => super::common::resolve_workdir(d),
        None => Ok(std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))),
    }
}

/// This process's command line, for the lock file.
fn command_line() -> String {
    std::env::args()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "cwh".to_string()
            } else {
                shell_escape::escape(a.into()).into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Take the lock of the workdir for this process's command line; exit code 1 when another
/// run holds it, 2 when the workdir does not exist.
pub fn take(dir: Option<&Path>) -> Result<WorkdirLock> {
    let wd = workdir(dir)?;
    crate::lock::acquire(&wd, &command_line())
        .map_err(|e| super::error::diagnostic(&e, crate::exit::SCRIPT))
}

/// [`take`] for commands that also work without a workdir (`lab down`, `vcc reset` of a
/// removed workdir): no lock when the directory does not exist.
pub fn take_if_exists(dir: Option<&Path>) -> Result<Option<WorkdirLock>> {
    if let Some(d) = dir
        && !Path::new(&crate::files::expand_home(&d.to_string_lossy())).is_dir()
    {
        return Ok(None);
    }
    take(dir).map(Some)
}

//! The workdir lock for the commands that change a workdir's state (`run`, `repl`, `vcc
//! reset`, `lab down`): taken before anything else, refused at once naming the holder.
use crate::lock::WorkdirLock;
use std::path::{Path, PathBuf};

/// The workdir a command works in: `--workdir DIR` (created) or the current directory.
pub fn workdir(dir: Option<&Path>) -> Result<PathBuf, i32> {
    match dir {
        Some(d) => {
            if let Err(e) = std::fs::create_dir_all(d) {
                return Err(super::common::usage(
                    format!("cannot create --workdir {}: {e}", d.display()),
                    None,
                ));
            }
            Ok(d.to_path_buf())
        }
        None => Ok(std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))),
    }
}

/// Take the lock of the workdir for this process's command line; exit code 1 when another
/// run holds it.
pub fn take(dir: Option<&Path>) -> Result<WorkdirLock, i32> {
    let wd = workdir(dir)?;
    let command = std::env::args()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "cwh".to_string()
            } else {
                shell_escape::escape(a.into()).into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    crate::lock::acquire(&wd, &command)
        .map_err(|e| super::common::report_diag(&e, super::common::EXIT_SCRIPT))
}

//! The REPL history: `<data dir>/cwh/repl-history`, only for a terminal session, never with
//! an entry that holds a registered secret.
use std::path::PathBuf;

/// Where the history lives (`~/.local/share/cwh/repl-history` on Linux).
pub fn path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("cwh").join("repl-history"))
}

/// Whether an entry may be written to the history file.
pub fn keep(entry: &str) -> bool {
    !entry.trim().is_empty() && crate::redact::redact(entry) == entry
}

/// Make sure the history's directory exists (private to the user).
pub fn prepare(path: &std::path::Path) {
    if let Some(d) = path.parent()
        && std::fs::create_dir_all(d).is_ok()
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700));
    }
}

//! Which Ansible cwh runs, and the venv it owns.
//!
//! A program (`ansible-playbook`, `ansible`…) is found in `$CWH_ANSIBLE_VENV/bin` when that is
//! set, else on `PATH`, else in cwh's own venv `~/.cache/cwh/ansible-venv` (the one `cwh
//! ansible install` and `cargo xtask test` create). `install` creates that venv with
//! [`ANSIBLE_CORE`] from PyPI.
//!
//! Why ansible-core 2.19: it is the newest line that runs on Python 3.11 (Debian 12's
//! python3, and the Python of the notebook servers), it manages Rocky Linux 9 nodes (the VCP
//! base image of CoursewareHub today: Python 3.9), it is the Ansible the seed notebook was
//! checked with end to end on the lab (`ANSIBLE_PYTHON_INTERPRETER=auto_silent` aside), and the
//! suite's playbooks use only builtin modules (`yum` is redirected to `dnf` since 2.17).
//! 2.20 needs Python 3.12 on this machine.
use super::PlaybookError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pip requirement cwh installs.
pub const ANSIBLE_CORE: &str = "ansible-core>=2.19,<2.20";

/// The versions [`ANSIBLE_CORE`] accepts: `[from, to)` as (major, minor).
const ACCEPTED: ((u32, u32), (u32, u32)) = ((2, 19), (2, 20));

/// cwh's own venv: `$CWH_ANSIBLE_VENV`, else `~/.cache/cwh/ansible-venv`.
pub fn venv_dir() -> PathBuf {
    explicit_venv().unwrap_or_else(|| {
        dirs::home_dir()
            .unwrap_or_else(|| PathBuf::from("/root"))
            .join(".cache/cwh/ansible-venv")
    })
}

fn explicit_venv() -> Option<PathBuf> {
    std::env::var_os("CWH_ANSIBLE_VENV")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Find an Ansible program (`ansible-playbook`): `$CWH_ANSIBLE_VENV/bin`, `PATH`, then cwh's
/// venv; an error saying how to get one otherwise.
pub fn find(program: &str) -> Result<PathBuf, PlaybookError> {
    let in_venv = |v: &Path| {
        let p = v.join("bin").join(program);
        p.is_file().then_some(p)
    };
    if let Some(v) = explicit_venv() {
        return in_venv(&v).ok_or_else(|| PlaybookError::NotInstalled {
            searched: crate::t!(
                "ansible-searched-venv",
                dir = v.join("bin").display().to_string()
            ),
        });
    }
    if let Some(p) = crate::local::which(program) {
        return Ok(p);
    }
    let v = venv_dir();
    in_venv(&v).ok_or_else(|| PlaybookError::NotInstalled {
        searched: crate::t!(
            "ansible-searched-path",
            dir = v.join("bin").display().to_string()
        ),
    })
}

/// `2.19.14` → accepted by [`ANSIBLE_CORE`]?
pub fn accepted(version: &str) -> bool {
    let mut it = version.trim().split('.').map(|p| {
        p.chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse::<u32>()
            .ok()
    });
    match (it.next().flatten(), it.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= ACCEPTED.0 && (a, b) < ACCEPTED.1,
        _ => false,
    }
}

/// The ansible-core version installed in `venv` (None when it has none).
pub fn version_in(venv: &Path) -> Option<String> {
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", "import ansible.release as r; print(r.__version__)"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A Python package besides ansible-core: (pip name, module to import).
pub type Extra<'a> = (&'a str, &'a str);

/// Is `venv` ready: an accepted ansible-core, `ansible-playbook`, and every extra importable?
fn ready(venv: &Path, extras: &[Extra]) -> Option<String> {
    let v = version_in(venv).filter(|v| accepted(v))?;
    if !venv.join("bin/ansible-playbook").is_file() {
        return None;
    }
    if !extras.is_empty() {
        let imports = extras.iter().map(|e| e.1).collect::<Vec<_>>().join(", ");
        let ok = Command::new(venv.join("bin/python"))
            .args(["-c", &format!("import {imports}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            return None;
        }
    }
    Some(v)
}

fn run(c: &mut Command, what: &str) -> Result<(), PlaybookError> {
    let out = c.output().map_err(|e| PlaybookError::Install {
        message: format!("{what}: {e}"),
    })?;
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = err.trim().lines().rev().take(5).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(PlaybookError::Install {
        message: crate::t!(
            "ansible-install-step-failed",
            step = what,
            status = out.status.to_string(),
            output = tail.join("\n")
        ),
    })
}

/// What [`ensure`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub venv: PathBuf,
    /// The ansible-core version.
    pub version: String,
    /// False when the venv already had it all.
    pub installed: bool,
}

/// Make `venv` hold [`ANSIBLE_CORE`] (and `extras`): reused when it already does, else created
/// with `python3 -m venv` and filled with pip from PyPI. `step` is told what happens.
pub fn ensure(
    venv: &Path,
    extras: &[Extra],
    step: &dyn Fn(&str),
) -> Result<Installed, PlaybookError> {
    if let Some(version) = ready(venv, extras) {
        return Ok(Installed {
            venv: venv.to_path_buf(),
            version,
            installed: false,
        });
    }
    let python = venv.join("bin/python");
    if !python.is_file() {
        let works = Command::new("python3")
            .args(["-c", "import venv, ensurepip"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !works {
            return Err(PlaybookError::Install {
                message: crate::t!("ansible-install-needs-venv"),
            });
        }
        step(&crate::t!(
            "ansible-install-creating-venv",
            venv = venv.display().to_string()
        ));
        run(
            Command::new("python3").args(["-m", "venv"]).arg(venv),
            "python3 -m venv",
        )?;
    }
    let mut pkgs = vec![ANSIBLE_CORE];
    pkgs.extend(extras.iter().map(|e| e.0));
    step(&crate::t!("ansible-install-pip", packages = pkgs.join(" ")));
    run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "--disable-pip-version-check"])
            .args(&pkgs),
        "pip install",
    )?;
    let version = ready(venv, extras).ok_or_else(|| PlaybookError::Install {
        message: crate::t!(
            "ansible-install-still-missing",
            venv = venv.display().to_string()
        ),
    })?;
    Ok(Installed {
        venv: venv.to_path_buf(),
        version,
        installed: true,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_accepted_versions_are_the_2_19_line() {
        for v in ["2.19.0", "2.19.14", "2.19.1rc1\n"] {
            assert!(super::accepted(v), "{v}");
        }
        for v in ["2.18.9", "2.20.0", "3.0", "", "x.y"] {
            assert!(!super::accepted(v), "{v}");
        }
    }
}

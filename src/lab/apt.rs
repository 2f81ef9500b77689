//! Installing the system packages the lab (and the test suite) needs, with apt-get, on
//! Debian/Ubuntu as root — never silently: the caller says what and why, and the user agrees
//! on a terminal or with `--yes`. The terminal shows one line per step; apt's own output goes
//! to a log file ([`setup_log`]), whose last lines are shown when a step fails. Every wait is
//! bounded: the dpkg lock is waited for at most two minutes.
use crate::lab::error::{LabError, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A package and the program that shows it is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Package {
    /// Debian package name.
    pub name: &'static str,
    /// A program the package installs (looked up on PATH and in the sbin directories).
    pub program: &'static str,
}

/// Docker's engine and CLI (dockerd, docker, containerd, runc).
pub const DOCKER: Package = Package {
    name: "docker.io",
    program: "dockerd",
};
/// What builds the lab's node image without a registry.
pub const DEBOOTSTRAP: Package = Package {
    name: "debootstrap",
    program: "debootstrap",
};

/// A yes/no question put on the terminal.
pub type Ask = fn(&str) -> std::io::Result<bool>;

/// How the user can agree to an installation.
#[derive(Debug, Clone, Copy)]
pub enum Consent {
    /// `--yes` was given: proceed, saying what is installed.
    Yes,
    /// A terminal: ask with this.
    Ask(Ask),
    /// Neither: refuse with the command to run.
    No,
}

impl Consent {
    /// `--yes` wins; else a terminal on stdin and stderr lets us ask with `ask`; else no.
    pub fn from_flag(yes: bool, ask: Ask) -> Consent {
        use std::io::IsTerminal;
        if yes {
            Consent::Yes
        } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            Consent::Ask(ask)
        } else {
            Consent::No
        }
    }
}

/// `program` on PATH or in the sbin directories root's PATH has (Debian puts dockerd and
/// sshd there).
pub fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|d| d.join(program))
        .find(|f| f.is_file())
}

/// The packages of `wanted` whose program is missing.
pub fn missing(wanted: &[Package]) -> Vec<Package> {
    wanted
        .iter()
        .copied()
        .filter(|p| find_program(p.program).is_none())
        .collect()
}

/// What this machine is, as far as installing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct System {
    /// Running as root.
    pub root: bool,
    /// Debian or Ubuntu (or a derivative) with apt-get.
    pub apt: bool,
    /// PRETTY_NAME of /etc/os-release, for messages.
    pub os: String,
}

impl System {
    /// Probe this machine.
    pub fn probe() -> System {
        let rel = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
        let field = |k: &str| {
            rel.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .map(|v| v.trim().trim_matches('"').to_string())
                .unwrap_or_default()
        };
        let family = format!("{} {}", field("ID"), field("ID_LIKE"));
        let debian_like = family
            .split_whitespace()
            .any(|w| w == "debian" || w == "ubuntu");
        let os = field("PRETTY_NAME");
        System {
            // SAFETY: geteuid has no preconditions.
            root: unsafe { libc::geteuid() } == 0,
            apt: debian_like && find_program("apt-get").is_some(),
            os: if os.is_empty() {
                std::env::consts::OS.to_string()
            } else {
                os
            },
        }
    }
}

/// The command a user runs to install `pkgs` by hand.
pub fn command_line(pkgs: &[Package], sudo: bool) -> String {
    let names: Vec<&str> = pkgs.iter().map(|p| p.name).collect();
    let s = if sudo { "sudo " } else { "" };
    format!(
        "{s}apt-get update && {s}apt-get install -y --no-install-recommends {}",
        names.join(" ")
    )
}

/// What to do about `pkgs` (all missing) on `sys` with `consent`: the decision alone, so
/// every branch is testable without installing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Install them now.
    Install,
    /// Ask on the terminal first.
    Ask,
    /// Refuse, with what the user must do.
    Refuse(LabError),
}

/// Decide about installing `pkgs` (`why` says what needs them).
pub fn decide(pkgs: &[Package], why: &str, sys: &System, consent: Consent) -> Decision {
    let names: Vec<&str> = pkgs.iter().map(|p| p.name).collect();
    let names = names.join(", ");
    if !sys.apt {
        return Decision::Refuse(LabError::Setup {
            message: crate::t!("setup-missing", why = why, packages = names.as_str()),
            help: crate::t!("setup-no-apt-help", os = sys.os.as_str()),
        });
    }
    if !sys.root {
        return Decision::Refuse(LabError::Setup {
            message: crate::t!("setup-missing-root", why = why, packages = names.as_str()),
            help: crate::t!(
                "setup-missing-root-help",
                command = command_line(pkgs, true)
            ),
        });
    }
    match consent {
        Consent::Yes => Decision::Install,
        Consent::Ask(_) => Decision::Ask,
        Consent::No => Decision::Refuse(LabError::Setup {
            message: crate::t!("setup-missing", why = why, packages = names.as_str()),
            help: crate::t!(
                "setup-missing-yes-help",
                command = command_line(pkgs, false)
            ),
        }),
    }
}

/// Make sure `wanted` are installed: the missing ones are installed with apt-get after the
/// user agreed (see [`decide`]), then looked for again.
pub fn ensure(wanted: &[Package], why: &str, consent: Consent) -> Result<()> {
    let pkgs = missing(wanted);
    if pkgs.is_empty() {
        return Ok(());
    }
    install(&pkgs, why, consent)?;
    let still = missing(&pkgs);
    if !still.is_empty() {
        let n: Vec<&str> = still.iter().map(|p| p.program).collect();
        return Err(LabError::Setup {
            message: crate::t!("setup-still-missing", programs = n.join(", ")),
            help: crate::t!(
                "setup-still-missing-help",
                log = setup_log().display().to_string(),
                packages = still.iter().map(|p| p.name).collect::<Vec<_>>().join(" ")
            ),
        });
    }
    Ok(())
}

/// Install `pkgs` with apt-get (`update`, then `install --no-install-recommends`) once the
/// user agreed (see [`decide`]); says what and why first.
pub fn install(pkgs: &[Package], why: &str, consent: Consent) -> Result<()> {
    install_with(
        pkgs,
        why,
        consent,
        &System::probe(),
        Path::new("apt-get"),
        &setup_log(),
    )
}

/// The log of first-time set-up (apt-get's output): `~/.cache/cwh/setup.log`.
pub fn setup_log() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("cwh")
        .join("setup.log")
}

fn install_with(
    pkgs: &[Package],
    why: &str,
    consent: Consent,
    sys: &System,
    apt: &Path,
    log: &Path,
) -> Result<()> {
    let names: Vec<&str> = pkgs.iter().map(|p| p.name).collect();
    match (decide(pkgs, why, sys, consent), consent) {
        (Decision::Refuse(e), _) => return Err(e),
        (Decision::Ask, Consent::Ask(ask)) => {
            let q = crate::t!("setup-ask", why = why, packages = names.join(" "));
            let answer = ask(&q).map_err(|e| {
                LabError::Io(crate::t!(
                    "setup-cannot-read-answer",
                    problem = e.to_string()
                ))
            })?;
            if !answer {
                return Err(LabError::Setup {
                    message: crate::t!("setup-declined"),
                    help: crate::t!("setup-declined-help", command = command_line(pkgs, false)),
                });
            }
        }
        _ => {}
    }
    eprintln!(
        "{}",
        crate::t!(
            "setup-installing",
            packages = names.join(" "),
            why = why,
            log = log.display().to_string()
        )
    );
    apt_get(
        apt,
        &["update"],
        log,
        (1, 2),
        &crate::t!("setup-step-update"),
    )?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend(names.iter().copied());
    apt_get(
        apt,
        &args,
        log,
        (2, 2),
        &crate::t!("setup-step-install", packages = names.join(" ")),
    )
}

/// Run `apt-get ARGS` non-interactively as step `n` of `of` (`what` in words): one line on
/// stderr for the step, apt's output appended to `log`; its last lines shown on failure.
fn apt_get(apt: &Path, args: &[&str], log: &Path, (n, of): (u32, u32), what: &str) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| LabError::Setup {
        message: crate::t!(
            "setup-log-failed",
            log = log.display().to_string(),
            problem = e.to_string()
        ),
        help: crate::t!("setup-log-failed-help"),
    };
    if let Some(d) = log.parent() {
        std::fs::create_dir_all(d).map_err(io)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(io)?;
    let start = std::fs::metadata(log).map(|m| m.len()).unwrap_or(0);
    writeln!(file, "==== apt-get {}", args.join(" ")).map_err(io)?;
    let err = file.try_clone().map_err(io)?;
    eprint!("  [{n}/{of}] {what} … ");
    let _ = std::io::stderr().flush();
    let started = std::time::Instant::now();
    let status = Command::new(apt)
        .args(["-o", "DPkg::Lock::Timeout=120", "-o", "Dpkg::Use-Pty=0"])
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err))
        .status()
        .map_err(|e| {
            eprintln!("{}", crate::t!("setup-step-failed"));
            LabError::Setup {
                message: crate::t!("setup-cannot-run-apt", problem = e.to_string()),
                help: crate::t!("setup-cannot-run-apt-help"),
            }
        })?;
    if status.success() {
        eprintln!(
            "{}",
            crate::t!("setup-step-done", seconds = started.elapsed().as_secs())
        );
        return Ok(());
    }
    eprintln!("{}", crate::t!("setup-step-failed"));
    // what apt said this time: its last lines
    let text = std::fs::read(log).unwrap_or_default();
    let this = String::from_utf8_lossy(&text[(start as usize).min(text.len())..]).to_string();
    let tail: Vec<&str> = this.lines().rev().take(12).collect();
    for l in tail.iter().rev() {
        eprintln!("    {l}");
    }
    Err(LabError::Setup {
        message: crate::t!(
            "setup-apt-failed",
            args = args.join(" "),
            status = status.to_string()
        ),
        help: crate::t!("setup-apt-failed-help", log = log.display().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sys(root: bool, apt: bool) -> System {
        System {
            root,
            apt,
            os: "Test OS 1".into(),
        }
    }

    fn help(d: Decision) -> String {
        match d {
            Decision::Refuse(LabError::Setup { message, help }) => format!("{message} | {help}"),
            d => panic!("expected a refusal, got {d:?}"),
        }
    }

    #[test]
    fn installs_only_as_root_on_apt_with_consent() {
        let p = [DOCKER, DEBOOTSTRAP];
        let why = "the lab";
        assert_eq!(
            decide(&p, why, &sys(true, true), Consent::Yes),
            Decision::Install
        );
        assert_eq!(
            decide(&p, why, &sys(true, true), Consent::Ask(|_| Ok(true))),
            Decision::Ask
        );
        let no = help(decide(&p, why, &sys(true, true), Consent::No));
        assert!(no.contains("--yes"), "{no}");
        assert!(
            no.contains("apt-get install -y --no-install-recommends docker.io debootstrap"),
            "{no}"
        );
        // not root: never installs, whatever the consent; the command carries sudo
        for c in [Consent::Yes, Consent::Ask(|_| Ok(true)), Consent::No] {
            let h = help(decide(&p, why, &sys(false, true), c));
            assert!(h.contains("only root"), "{h}");
            assert!(h.contains("sudo apt-get install"), "{h}");
        }
        // no apt: points at Docker's own instructions and --sim
        for c in [Consent::Yes, Consent::Ask(|_| Ok(true)), Consent::No] {
            let h = help(decide(&p, why, &sys(true, false), c));
            assert!(h.contains("Test OS 1"), "{h}");
            assert!(h.contains("docs.docker.com"), "{h}");
            assert!(h.contains("--sim"), "{h}");
        }
    }

    #[test]
    fn a_failing_apt_get_stops_with_what_failed_and_what_to_do() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let apt = d.path().join("apt-get");
        let log = d.path().join("calls");
        std::fs::write(
            &apt,
            format!(
                "#!/bin/sh\necho \"$@\" >> {}\ncase \"$*\" in *install*) echo 'E: Could not get lock /var/lib/dpkg/lock-frontend' >&2; exit 100;; esac\n",
                log.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&apt, std::fs::Permissions::from_mode(0o755)).unwrap();
        let setup_log = d.path().join("logs/setup.log");
        let e = install_with(
            &[DOCKER],
            "the lab",
            Consent::Yes,
            &sys(true, true),
            &apt,
            &setup_log,
        )
        .unwrap_err();
        let LabError::Setup { message, help } = e else {
            panic!("{e:?}")
        };
        assert!(
            message.contains("`apt-get install -y --no-install-recommends docker.io` failed"),
            "{message}"
        );
        assert!(help.contains("Could not get lock") && help.contains("dpkg --configure -a"));
        // apt's own output is in the set-up log, named in the help
        assert!(help.contains(&setup_log.display().to_string()), "{help}");
        let logged = std::fs::read_to_string(&setup_log).unwrap();
        assert!(logged.contains("E: Could not get lock"), "{logged}");
        assert!(logged.contains("==== apt-get install"), "{logged}");
        let calls = std::fs::read_to_string(&log).unwrap();
        let calls: Vec<&str> = calls.lines().collect();
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(calls[0].ends_with("update") && calls[0].contains("DPkg::Lock::Timeout=120"));
        // declined on the terminal: apt-get is never run
        std::fs::remove_file(&log).unwrap();
        let e = install_with(
            &[DOCKER],
            "the lab",
            Consent::Ask(|q| {
                assert!(q.contains("docker.io") && q.contains("[y/N]"), "{q}");
                Ok(false)
            }),
            &sys(true, true),
            &apt,
            &setup_log,
        )
        .unwrap_err();
        assert!(e.to_string().contains("declined"), "{e}");
        assert!(!log.exists(), "apt-get ran although the user declined");
    }

    #[test]
    fn finds_programs_in_sbin_and_reports_missing_ones() {
        assert!(find_program("sh").is_some());
        let none = Package {
            name: "cwh-no-such-package",
            program: "cwh-no-such-program",
        };
        let sh = Package {
            name: "dash",
            program: "sh",
        };
        assert_eq!(missing(&[sh, none]), vec![none]);
    }
}

//! `cargo xtask test [ARGS…]`: make this machine ready for cwh's test suite, then run
//! `cargo test --locked ARGS…`. On a fresh Debian/Ubuntu machine (root) it installs what is
//! missing with apt-get (openssh-server, openssh-client, sudo, tmux, docker.io, debootstrap,
//! python3-venv), starts a Docker engine through the lab core (the code `cwh run --lab` uses),
//! and creates the Python venv with ansible-core, PyYAML and requests that the tests check our
//! files with and run playbooks with — through the code of `cwh ansible install`, plus the
//! two packages the tests use. Each step is skipped when already done, so a second run only
//! runs the tests.
//!
//! `cargo xtask setup` does the provisioning alone.
use cwh::lab::apt::{self, Consent, Package};
use std::path::PathBuf;
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask test [ARGS…]   provision this machine, then `cargo test --locked ARGS…`
       cargo xtask setup          provision only

Provisioning installs missing apt packages (root, Debian/Ubuntu), starts a Docker engine when
none answers (cwh's own, as `cwh lab engine start` does) and creates the ansible venv
($CWH_ANSIBLE_VENV, default ~/.cache/cwh/ansible-venv).";

/// What the tests use from the system, by the program that shows it is there.
const PACKAGES: [Package; 6] = [
    Package {
        name: "openssh-server",
        program: "sshd",
    },
    Package {
        name: "openssh-client",
        program: "ssh-keyscan",
    },
    Package {
        name: "sudo",
        program: "sudo",
    },
    Package {
        name: "tmux",
        program: "tmux",
    },
    apt::DOCKER,
    apt::DEBOOTSTRAP,
];
const PYTHON_VENV: Package = Package {
    name: "python3-venv",
    program: "python3",
};
/// What the tests use besides ansible-core (which `cwh ansible install` pins): (pip name,
/// module).
const PIP_EXTRAS: [(&str, &str); 2] = [("pyyaml", "yaml"), ("requests", "requests")];

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let r = match task.as_str() {
        "test" => setup().and_then(|venv| test(&venv, &rest)),
        "setup" => setup().map(|_| ExitCode::SUCCESS),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match r {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn step(what: &str) {
    eprintln!("xtask: {what}");
}

/// Packages, engine, venv. Returns the venv's directory.
fn setup() -> Result<PathBuf, String> {
    let why = "cwh's test suite";
    let mut missing = apt::missing(&PACKAGES);
    if !python_venv_works() {
        missing.push(PYTHON_VENV);
    }
    if missing.is_empty() {
        step("system packages: all present");
    } else {
        // asking for `cargo xtask test` is the consent; what and why are printed first
        apt::install(&missing, why, Consent::Yes).map_err(|e| render(&e))?;
        let still = apt::missing(&PACKAGES);
        if !still.is_empty() || !python_venv_works() {
            return Err(format!(
                "still missing after apt-get: {}",
                still.iter().map(|p| p.name).collect::<Vec<_>>().join(" ")
            ));
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start a runtime: {e}"))?;
    let line = rt.block_on(async {
        let e = cwh::lab::engine::ensure(Consent::Yes).await?;
        Ok::<_, cwh::lab::LabError>(
            cwh::lab::engine::describe(&e, &cwh::lab::engine::Own::new())
                .await
                .line(),
        )
    });
    step(&line.map_err(|e| render(&e))?);
    let venv = cwh::ansible::playbook::venv::venv_dir();
    ensure_venv(&venv)?;
    Ok(venv)
}

fn render(e: &cwh::lab::LabError) -> String {
    use miette::Diagnostic;
    match e.help() {
        Some(h) => format!("{e}\n  help: {h}"),
        None => e.to_string(),
    }
}

fn python_venv_works() -> bool {
    Command::new("python3")
        .args(["-c", "import venv, ensurepip"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `cwh ansible install`'s venv ($CWH_ANSIBLE_VENV, else ~/.cache/cwh/ansible-venv) with the
/// tests' extras; reused when it has them all.
fn ensure_venv(venv: &std::path::Path) -> Result<(), String> {
    use cwh::ansible::playbook::venv;
    let i = venv::ensure(venv, &PIP_EXTRAS, &step).map_err(|e| {
        use miette::Diagnostic;
        match e.help() {
            Some(h) => format!("{e}\n  help: {h}"),
            None => e.to_string(),
        }
    })?;
    step(&format!(
        "ansible venv: {} (ansible-core {}{})",
        i.venv.display(),
        i.version,
        if i.installed { "" } else { ", reused" }
    ));
    Ok(())
}

/// `cargo test --locked ARGS…` with the venv, from the workspace root.
fn test(venv: &std::path::Path, args: &[String]) -> Result<ExitCode, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    step(&format!("cargo test --locked {}", args.join(" ")));
    let st = Command::new(cargo)
        .current_dir(root)
        .args(["test", "--locked"])
        .args(args)
        .env("CWH_ANSIBLE_VENV", venv)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(match st.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(c) => ExitCode::from(u8::try_from(c).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

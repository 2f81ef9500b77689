//! `cwh ansible install`: the Ansible that `ansible::playbook` runs, in a venv cwh owns.
use crate::ansible::playbook::venv;
use crate::cli::error::{Result, diagnostic};
use std::path::PathBuf;

/// `cwh ansible` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum AnsibleCommand {
    /// Create cwh's Ansible venv (~/.cache/cwh/ansible-venv, or CWH_ANSIBLE_VENV) with
    /// ansible-core 2.19 from PyPI, or reuse it when it already has it, and print the version.
    ///
    /// ansible::playbook takes ansible-playbook from CWH_ANSIBLE_VENV when set, else from PATH,
    /// else from this venv. Needs python3 with its venv module (Debian: apt-get install
    /// python3-venv) and access to PyPI.
    ///
    /// Examples:
    ///   cwh ansible install
    ///   cwh ansible install --venv /opt/cwh/ansible
    #[command(verbatim_doc_comment)]
    Install(InstallArgs),
}

/// `cwh ansible install` arguments.
#[derive(Debug, clap::Args)]
pub struct InstallArgs {
    /// Where the venv goes (default: CWH_ANSIBLE_VENV, else ~/.cache/cwh/ansible-venv).
    #[arg(long, value_name = "DIR")]
    pub venv: Option<PathBuf>,
}

/// Run a `cwh ansible` subcommand.
pub fn run(c: AnsibleCommand) -> Result {
    match c {
        AnsibleCommand::Install(a) => {
            let dir = a.venv.unwrap_or_else(venv::venv_dir);
            let i = venv::ensure(&dir, &[], &|s| eprintln!("{s}"))
                .map_err(|e| diagnostic(&e, crate::exit::SCRIPT))?;
            let (version, venv) = (i.version.as_str(), i.venv.display().to_string());
            println!(
                "{}",
                if i.installed {
                    crate::t!("ansible-installed", version = version, venv = venv)
                } else {
                    crate::t!("ansible-already-there", version = version, venv = venv)
                }
            );
            // a PATH entry wins over the venv unless CWH_ANSIBLE_VENV names it
            if std::env::var_os("CWH_ANSIBLE_VENV").is_none()
                && let Some(p) = crate::local::which("ansible-playbook")
                && !p.starts_with(&i.venv)
            {
                eprintln!(
                    "{}",
                    crate::t!(
                        "ansible-path-first",
                        program = p.display().to_string(),
                        venv = i.venv.display().to_string()
                    )
                );
            }
            Ok(())
        }
    }
}

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
            let i = venv::ensure(&dir, &[], &|s| eprintln!("{}", progress(s)))
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

/// A progress line of the venv's set-up in the reader's language: the steps `venv::ensure`
/// reports ("creating the venv DIR", "pip install PKGS (from PyPI)"); any other line as it is.
fn progress(step: &str) -> String {
    if let Some(dir) = step.strip_prefix("creating the venv ") {
        return crate::t!("ansible-creating-venv", venv = dir);
    }
    if let Some(pkgs) = step
        .strip_prefix("pip install ")
        .and_then(|p| p.strip_suffix(" (from PyPI)"))
    {
        return crate::t!("ansible-pip-install", packages = pkgs);
    }
    step.to_string()
}

#[cfg(test)]
mod tests {
    use super::progress;
    use crate::i18n::{Lang, message_in};

    /// The venv's progress lines are the ones `progress` knows (its wording lives in
    /// ansible/playbook/venv.rs), and each has its Japanese.
    #[test]
    fn the_venv_steps_are_translated() {
        let venv = include_str!("../ansible/playbook/venv.rs");
        assert!(venv.contains(r#"step(&format!("creating the venv {}""#));
        assert!(venv.contains(r#"step(&format!("pip install {} (from PyPI)""#));
        for (line, key, arg, value) in [
            (
                "creating the venv /v",
                "ansible-creating-venv",
                "venv",
                "/v",
            ),
            (
                "pip install ansible-core<2.20 (from PyPI)",
                "ansible-pip-install",
                "packages",
                "ansible-core<2.20",
            ),
        ] {
            let shown = progress(line);
            let args = [(arg, value.into())];
            assert!(
                [Lang::En, Lang::Ja]
                    .map(|l| message_in(l, key, &args))
                    .contains(&shown),
                "{shown}"
            );
            assert_ne!(message_in(Lang::Ja, key, &args), line);
        }
        assert_eq!(progress("something else"), "something else");
    }
}

//! The Ansible files of the CoursewareHub notebooks, with the semantics of their
//! `scripts/group.py`: group_vars, the YAML inventory and ansible.cfg. Files written here load
//! to the same values in Python (PyYAML) and Ansible as the notebooks' own.
pub mod cfg;
pub mod group_vars;
pub mod inventory;
pub mod playbook;
pub mod yaml;

use std::path::PathBuf;

/// Errors of the Ansible file primitives.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AnsibleError {
    #[error("{}: {message}", path.display())]
    #[diagnostic(
        code = "cwh::ansible::yaml",
        help("{}", crate::t!("ansible-yaml-help"))
    )]
    Yaml { path: PathBuf, message: String },
    #[error("{}:{line}: {message}", path.display())]
    #[diagnostic(
        code = "cwh::ansible::ini",
        help("{}", crate::t!("ansible-ini-help"))
    )]
    Ini {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    #[diagnostic(code = "cwh::ansible::io")]
    Io { path: PathBuf, message: String },
    #[error("{}", crate::t!("ansible-no-key", group = group.as_str(), key = key.as_str()))]
    #[diagnostic(
        code = "cwh::ansible::no_key",
        help("{}", crate::t!("ansible-no-key-help"))
    )]
    NoKey { group: String, key: String },
    #[error("{0}")]
    #[diagnostic(code = "cwh::ansible::invalid")]
    Invalid(String),
}

impl AnsibleError {
    pub(crate) fn io(path: &std::path::Path, e: std::io::Error) -> Self {
        AnsibleError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}

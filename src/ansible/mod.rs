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
    #[error("{path}: {message}")]
    #[diagnostic(
        code = "cwh::ansible::yaml",
        help("fix the file by hand (it was left untouched), or move it aside to start afresh")
    )]
    Yaml { path: PathBuf, message: String },
    #[error("{path}:{line}: {message}")]
    #[diagnostic(
        code = "cwh::ansible::ini",
        help(
            "fix the line by hand (the file was left untouched); ansible.cfg is INI: `[section]` headers and `key = value` lines"
        )
    )]
    Ini {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    #[diagnostic(code = "cwh::ansible::io")]
    Io { path: PathBuf, message: String },
    #[error("group_vars/{group}: no key {key}")]
    #[diagnostic(
        code = "cwh::ansible::no_key",
        help("pass #{{ if_exists: true }} to ignore keys that are not there")
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

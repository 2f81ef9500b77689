//! `cwh completions SHELL`.
use clap::Args;

/// Print a shell completion script.
///
/// Example: `cwh completions bash > /etc/bash_completion.d/cwh`, or for zsh
/// `cwh completions zsh > ~/.zfunc/_cwh`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

pub fn run(a: CompletionsArgs, cmd: &mut clap::Command) -> crate::cli::error::Result {
    clap_complete::generate(a.shell, cmd, "cwh", &mut std::io::stdout());
    Ok(())
}

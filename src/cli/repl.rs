//! `cwh repl`: the REPL itself lives in `script::repl`; this is its command line.
use crate::cli::common::{self, ScriptOpts};
use crate::cli::error::{Result, usage};
use crate::script::repl::{self, Options};
use clap::Args;
use std::io::IsTerminal;

/// Evaluate Rhai entries one by one in a persistent session: ad hoc VCC work.
///
/// Variables and `fn` definitions persist across entries; an entry continues over several
/// lines while a bracket, block or `string is open. On a terminal: Tab completion, history
/// (in the user's data directory), Ctrl-C clears the line or stops the running entry, Ctrl-D
/// leaves. From a pipe: results on stdout, errors on stderr, the session goes on; at the end
/// of input the exit code is 0, or 1 when an entry failed. When a VCC token is at hand, `vcp` is bound on start (vcc::connect()).
/// Dot-commands: .help [NAME], .vars, .load FILE, .save FILE, .quit.
///
/// Examples:
///   cwh repl
///   printf 'let x = 2;\nx * 21\n' | cwh repl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ReplArgs {
    #[command(flatten)]
    pub opts: ScriptOpts,
}

/// `quiet` (`-q`): only errors on stderr, no greeting and no connection notes.
pub fn run(a: ReplArgs, quiet: bool) -> Result {
    let interactive = std::io::stdin().is_terminal();
    // one run at a time per workdir: a REPL session changes the workdir like a run
    let _lock = super::guard::take(a.opts.workdir.as_deref())?;
    let host = common::host(&a.opts, None, interactive)?;
    host.install_ctrl_c();
    // VCC calls made at the prompt (deletions included) are journaled like a run's
    if let Err(e) = crate::journal::open(&host.ctx.workdir) {
        tracing::warn!(
            "{}",
            crate::t!(
                "cli-repl-journal-failed",
                dir = host.ctx.workdir.join(".cwh/runs").display().to_string(),
                problem = e.to_string()
            )
        );
    }
    let api = crate::script::api_index::ApiIndex::of(&host.engine, false);
    let help = super::doc::sections(&api)
        .into_iter()
        .map(|(title, fs)| {
            (
                title,
                fs.into_iter().map(|f| (f.signature, f.doc)).collect(),
            )
        })
        .collect();
    let opts = Options {
        interactive,
        quiet,
        help,
    };
    let failed = repl::run(&host.engine, &host.ctx, opts).map_err(|e| {
        usage(
            crate::t!("cli-repl-editor-failed", problem = e.to_string()),
            None,
        )
    })?;
    // a piped session that had errors says so in its exit code (each error was shown)
    if failed > 0 && !interactive {
        return Err(crate::cli::error::Error::Shown(crate::exit::SCRIPT));
    }
    Ok(())
}

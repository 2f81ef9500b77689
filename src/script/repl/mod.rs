//! `cwh repl`: entries evaluated one by one in a persistent session, from a terminal
//! (rustyline: completion, history, multi-line editing, Ctrl-C) or from a pipe (same rules,
//! nothing printed but results and errors).
//!
//! One concern per file: [`session`] evaluates entries, [`validate`] decides when an entry is
//! complete, [`complete`] offers names, [`helper`] joins both for rustyline, [`commands`] runs
//! dot-commands, [`output`] shows values, [`save`] turns entries into a script, [`history`]
//! keeps the history file, [`input`] reads entries.
pub mod commands;
pub mod complete;
pub mod helper;
pub mod history;
pub mod input;
pub mod output;
pub mod save;
pub mod session;
pub mod validate;

use crate::script::ctx::Ctx;
use commands::{Flow, HelpSections};
use input::{Input, Next};
use rhai::Engine;
use session::{Outcome, Session};
use std::sync::Arc;

/// What the CLI hands the REPL.
pub struct Options {
    /// stdin is a terminal: line editing, prompts, history.
    pub interactive: bool,
    /// `-q`: only errors on stderr (no greeting, no connection notes).
    pub quiet: bool,
    /// The API reference for `.help`.
    pub help: HelpSections,
}

/// The statement that connects on start.
pub const CONNECT: &str = "let vcp = vcc::connect();";

/// Whether a token can be found without asking for one (start-up must not prompt).
fn token_available(ctx: &Ctx) -> bool {
    ctx.vcc.token.is_some()
        || ctx.vcc.token_file.is_some()
        || std::env::var_os("VCC_ACCESS_TOKEN").is_some_and(|v| !v.is_empty())
}

const HOW_TO_CONNECT: &str = "not connected to a VCC: run `cwh repl --sim` for the simulator, or set VCC_ACCESS_TOKEN (or --token-file) with vcp_config.yml in --vcc-config DIR or ~/.config/vcp, then `let vcp = vcc::connect();`";

/// Bind `vcp` when the engine has `vcc::connect` and a token is at hand; `note` says how it
/// went (nothing under `-q`), except a failed connection, which is always said.
fn connect(session: &mut Session, index: &complete::Index, note: fn(&str)) {
    if !index.has_module_fn("vcc", "connect") {
        return;
    }
    if !token_available(&session.ctx) {
        note(HOW_TO_CONNECT);
        return;
    }
    // A failure is explained by the one line below, not by a diagnostic.
    let report = session.report;
    session.report = |_| {};
    let ok = session.eval(CONNECT, "connect", 1, false, None);
    session.report = report;
    match ok {
        Outcome::Ok(v) => {
            let target = session
                .ctx
                .vcc
                .label
                .clone()
                .or_else(|| session.show(&v))
                .unwrap_or_else(|| "the VCC".into());
            note(&format!(
                "connected to {target}: `vcp` is bound (try vcp.ugroups())"
            ));
        }
        // a token was given and still no connection: an error, shown under -q too
        Outcome::Failed => eprintln!("{HOW_TO_CONNECT}"),
    }
}

/// Run the session until end of input or `.quit`. Entries' errors are part of the session
/// (shown, and the session goes on); only a line editor that cannot start is an error.
pub fn run(engine: &Engine, ctx: &Arc<Ctx>, opts: Options) -> std::io::Result<()> {
    let mut session = Session::new(engine, ctx.clone(), session::print_diagnostic);
    let index = complete::Index::from_engine(engine);
    let note: fn(&str) = if opts.quiet {
        |_| {}
    } else {
        |s| eprintln!("{s}")
    };
    if opts.interactive {
        note(
            "cwh repl: Rhai with the cwh API. .help lists it; Tab completes; .quit or Ctrl-D leaves.",
        );
    }
    connect(&mut session, &index, note);
    let mut input = Input::new(opts.interactive, index).map_err(std::io::Error::other)?;
    refresh(&mut input, &session);
    let mut n = 0;
    loop {
        let (text, line) = match input.read() {
            Next::Entry { text, line } => (text, line),
            Next::Interrupted => continue,
            Next::Eof => break,
            Next::Unfinished { text, line } => {
                eprintln!(
                    "error: end of input inside an unfinished entry (from line {line}): a bracket, block or `string is not closed"
                );
                let name = "<stdin>";
                session.eval(&text, name, line, true, input.transcript());
                break;
            }
            Next::Failed(e) => {
                eprintln!("error: cannot read input: {e}");
                break;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        input.remember(&text);
        if text.trim_start().starts_with('.') {
            if commands::run(&mut session, &opts.help, &text) == Flow::Quit {
                break;
            }
        } else {
            n += 1;
            let name = if opts.interactive {
                format!("repl[{n}]")
            } else {
                "<stdin>".to_string()
            };
            session.eval(&text, &name, line, true, input.transcript());
        }
        refresh(&mut input, &session);
    }
    Ok(())
}

fn refresh(input: &mut Input, session: &Session) {
    if let Some(ix) = input.index_mut() {
        ix.update(session.engine, &session.scope, &session.lib);
    }
}

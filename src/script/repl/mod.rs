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
use crate::script::diagnostics::ScriptDiagnostic;
use commands::{Flow, HelpSections};
use input::{Input, Next};
use rhai::Engine;
use session::{Outcome, Session};
use std::sync::Arc;

/// What the CLI hands the REPL.
pub struct Options {
    /// stdin is a terminal: line editing, prompts, history.
    pub interactive: bool,
    /// The API reference for `.help`.
    pub help: HelpSections,
    /// Prints a script diagnostic (the CLI's `report_script`).
    pub report: fn(&ScriptDiagnostic) -> i32,
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

/// Bind `vcp` when the engine has `vcc::connect` and a token is at hand.
fn connect(session: &mut Session, index: &complete::Index) {
    if !index.has_module_fn("vcc", "connect") {
        return;
    }
    if !token_available(&session.ctx) {
        eprintln!("{HOW_TO_CONNECT}");
        return;
    }
    // A failure is explained by the one line below, not by a diagnostic.
    let report = session.report;
    session.report = |_| 0;
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
            eprintln!("connected to {target}: `vcp` is bound (try vcp.ugroups())");
        }
        Outcome::Failed => eprintln!("{HOW_TO_CONNECT}"),
    }
}

/// Run the session until end of input or `.quit`; the exit code.
pub fn run(engine: &Engine, ctx: &Arc<Ctx>, opts: Options) -> i32 {
    let mut session = Session::new(engine, ctx.clone(), opts.report);
    let index = complete::Index::from_engine(engine);
    if opts.interactive {
        eprintln!(
            "cwh repl: Rhai with the cwh API. .help lists it; Tab completes; .quit or Ctrl-D leaves."
        );
    }
    connect(&mut session, &index);
    let mut input = match Input::new(opts.interactive, index) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return crate::cli::EXIT_USAGE;
        }
    };
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
    0
}

fn refresh(input: &mut Input, session: &Session) {
    if let Some(ix) = input.index_mut() {
        ix.update(session.engine, &session.scope, &session.lib);
    }
}

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

fn how_to_connect() -> String {
    crate::t!("repl-how-to-connect")
}

/// Bind `vcp` when the engine has `vcc::connect` and a token is at hand; `note` says how it
/// went (nothing under `-q`), except a failed connection, which is always said.
fn connect(session: &mut Session, index: &complete::Index, note: fn(&str)) {
    if !index.has_module_fn("vcc", "connect") {
        return;
    }
    if !token_available(&session.ctx) {
        note(&how_to_connect());
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
                .unwrap_or_else(|| "VCC".into());
            note(&crate::t!("repl-connected", target = target));
        }
        // a token was given and still no connection: an error, shown under -q too
        Outcome::Failed => eprintln!("{}", how_to_connect()),
    }
}

/// Run the session until end of input or `.quit`. Entries' errors are part of the session
/// (shown, and the session goes on); only a line editor that cannot start is an error.
/// Returns how many entries failed (a piped session that had errors exits non-zero).
pub fn run(engine: &Engine, ctx: &Arc<Ctx>, opts: Options) -> std::io::Result<usize> {
    let mut session = Session::new(engine, ctx.clone(), session::print_diagnostic);
    let index = complete::Index::from_engine(engine);
    let note: fn(&str) = if opts.quiet {
        |_| {}
    } else {
        |s| eprintln!("{s}")
    };
    if opts.interactive {
        note(&crate::t!("repl-greeting"));
    }
    connect(&mut session, &index, note);
    let mut input = Input::new(opts.interactive, index).map_err(std::io::Error::other)?;
    refresh(&mut input, &session);
    let mut n = 0;
    let mut failed = 0;
    loop {
        let (text, line) = match input.read() {
            Next::Entry { text, line } => (text, line),
            Next::Interrupted => continue,
            Next::Eof => break,
            Next::Unfinished { text, line } => {
                eprintln!("{}", crate::t!("repl-unfinished", line = line));
                let name = "<stdin>";
                session.eval(&text, name, line, true, input.transcript());
                failed += 1;
                break;
            }
            Next::Failed(e) => {
                eprintln!(
                    "{}",
                    crate::t!("repl-cannot-read-input", problem = e.to_string())
                );
                failed += 1;
                break;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        input.remember(&text);
        if text.trim_start().starts_with('.') {
            match commands::run(&mut session, &opts.help, &text) {
                Flow::Quit => break,
                Flow::Failed => failed += 1,
                Flow::Continue => {}
            }
        } else {
            n += 1;
            let name = if opts.interactive {
                format!("repl[{n}]")
            } else {
                "<stdin>".to_string()
            };
            match session.eval(&text, &name, line, true, input.transcript()) {
                Outcome::Failed => failed += 1,
                Outcome::Ok(v) => {
                    if v.is_unit()
                        && let Some(call) = lookup_call(&text)
                    {
                        eprintln!("{}", crate::t!("repl-found-nothing", call = call));
                    }
                }
            }
        }
        refresh(&mut input, &session);
    }
    Ok(failed)
}

/// The name of a look-up call (`get_…`/`find_…`) that an entry ends with, not followed by
/// `;`: such a call that gives no value found nothing, and the session says so.
fn lookup_call(text: &str) -> Option<String> {
    let t = text.trim();
    if !t.ends_with(')') {
        return None;
    }
    // the outermost call: the name before the first `(` of the last top-level call
    let mut depth = 0;
    let mut open = None;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let head = &t[..open?];
    let name: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (name.starts_with("get_") || name.starts_with("find_")).then_some(name)
}

fn refresh(input: &mut Input, session: &Session) {
    if let Some(ix) = input.index_mut() {
        ix.update(session.engine, &session.scope, &session.lib);
    }
}

//! `cwh repl`: a minimal read-eval-print loop (the full REPL is its own work item).
use crate::cli::common::{self, ScriptOpts};
use crate::script::diagnostics;
use clap::Args;
use rhai::{Dynamic, Scope};
use std::io::{BufRead, IsTerminal, Write};

/// Evaluate Rhai entries one by one with a persistent scope: ad hoc VCC work.
///
/// Reads from the terminal or from a pipe; an error is reported and the session goes on;
/// end of input (Ctrl-D) exits 0. An entry continues over several lines while brackets are open.
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

fn incomplete(e: &rhai::ParseError) -> bool {
    use rhai::ParseErrorType as P;
    matches!(e.err_type(), P::UnexpectedEOF | P::MissingToken(..))
}

fn show(v: &Dynamic) -> String {
    if let Some(a) = v.read_lock::<rhai::Array>()
        && !a.is_empty()
        && a.iter().all(|x| x.is_map())
    {
        return crate::script::table::render(&a, None);
    }
    if v.is_string() {
        return v.to_string();
    }
    format!("{v:?}")
}

pub fn run(a: ReplArgs) -> i32 {
    let tty = std::io::stdin().is_terminal();
    let host = match common::host(&a.opts, None, tty) {
        Ok(h) => h,
        Err(code) => return code,
    };
    common::install_ctrl_c(&host);
    let mut scope = Scope::new();
    let mut main_ast = rhai::AST::empty();
    let mut buf = String::new();
    let mut n = 0;
    let stdin = std::io::stdin();
    loop {
        if tty {
            eprint!("{}", if buf.is_empty() { "cwh> " } else { "...> " });
            let _ = std::io::stderr().flush();
        }
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        buf.push_str(&line);
        if buf.trim().is_empty() {
            buf.clear();
            continue;
        }
        n += 1;
        let name = format!("repl:{n}");
        diagnostics::register_source(&name, &buf);
        let ast = match host.engine.compile_with_scope(&scope, &buf) {
            Ok(ast) => ast,
            Err(e) if incomplete(&e) => continue,
            Err(e) => {
                common::report_script(&diagnostics::from_parse(&e, &name));
                buf.clear();
                continue;
            }
        };
        buf.clear();
        host.ctx.reset_interrupt();
        main_ast += ast;
        let mut ast = main_ast.clone();
        ast.set_source(name.clone());
        match host.engine.eval_ast_with_scope::<Dynamic>(&mut scope, &ast) {
            Ok(v) if !v.is_unit() => println!("{}", crate::redact::redact(&show(&v))),
            Ok(_) => {}
            Err(e) => {
                common::report_script(&diagnostics::from_eval(&e, &name));
            }
        }
        main_ast.clear_statements();
    }
    0
}

//! A REPL session: the persistent scope, the script functions defined so far and the
//! successful entries (for `.save`). The rhai-repl pattern: each entry is compiled against
//! the scope, merged with the functions so far and evaluated; on success its functions stay.
use super::output::{self, Shown};
use super::save;
use crate::script::ctx::Ctx;
use crate::script::diagnostics::{self, ScriptDiagnostic};
use rhai::{AST, Dynamic, Engine, Scope};
use std::sync::Arc;

pub struct Session<'e> {
    pub engine: &'e Engine,
    pub ctx: Arc<Ctx>,
    pub scope: Scope<'static>,
    /// The script functions defined so far (no statements).
    pub lib: AST,
    /// The successful entries, as script text.
    pub saved: Vec<String>,
    /// Shows an entry's error ([`print_diagnostic`], or nothing while connecting on start).
    pub report: fn(&ScriptDiagnostic),
}

/// An entry's error on stderr, as a run shows a script error.
pub fn print_diagnostic(d: &ScriptDiagnostic) {
    eprint!("{}", diagnostics::render(d));
}

/// The result of one entry.
pub enum Outcome {
    /// It ran; its value (maybe `()`).
    Ok(Dynamic),
    /// It failed; the error has been reported.
    Failed,
}

impl<'e> Session<'e> {
    pub fn new(engine: &'e Engine, ctx: Arc<Ctx>, report: fn(&ScriptDiagnostic)) -> Self {
        Session {
            engine,
            ctx,
            scope: Scope::new(),
            lib: AST::empty(),
            saved: Vec::new(),
            report,
        }
    }

    /// Compile and run `text` in the session. `name` names the source in diagnostics and
    /// `first_line` is its first line there (1 for an entry of its own; the input line for
    /// piped input, so errors point at the line of the input). With `show`, a value is
    /// printed on stdout and `.save` prints it too. `context` is the whole input so far (for
    /// piped input), shown around an error instead of the entry alone.
    pub fn eval(
        &mut self,
        text: &str,
        name: &str,
        first_line: usize,
        show: bool,
        context: Option<&str>,
    ) -> Outcome {
        let padded = format!("{}{text}", "\n".repeat(first_line.saturating_sub(1)));
        diagnostics::register_source(name, context.unwrap_or(&padded));
        self.ctx.reset_interrupt();
        let ast = match self.engine.compile_with_scope(&self.scope, &padded) {
            Ok(ast) => ast,
            Err(e) => {
                (self.report)(&diagnostics::from_parse(&e, name));
                return Outcome::Failed;
            }
        };
        let mut run = self.lib.merge(&ast);
        run.set_source(name);
        match self
            .engine
            .eval_ast_with_scope::<Dynamic>(&mut self.scope, &run)
        {
            Ok(v) => {
                run.clear_statements();
                self.lib = run;
                let how = if show { output::kind(&v) } else { None };
                if let Some(how) = how {
                    println!("{}", output::render(self.engine, &v, how));
                }
                let entry = save::saved_form(self.engine, &self.scope, &padded, how);
                if !entry.is_empty() {
                    self.saved.push(entry);
                }
                Outcome::Ok(v)
            }
            Err(e) => {
                (self.report)(&diagnostics::from_eval(&e, name));
                Outcome::Failed
            }
        }
    }

    /// How a value of the session would be shown.
    pub fn show(&self, v: &Dynamic) -> Option<String> {
        output::kind(v).map(|how: Shown| output::render(self.engine, v, how))
    }
}

//! The rustyline helper: completion ([`Index`]) and multi-line entries ([`Checker`]).
use super::complete::Index;
use super::validate::Checker;
use rustyline::completion::{Completer, Pair};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper, Highlighter, Hinter};

#[derive(Helper, Highlighter, Hinter, Default)]
pub struct ReplHelper {
    pub index: Index,
    pub checker: Checker,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, names) = self.index.complete(line, pos);
        Ok((
            start,
            names
                .into_iter()
                .map(|n| Pair {
                    display: n.clone(),
                    replacement: n,
                })
                .collect(),
        ))
    }
}

/// Every line is submitted as typed: [`Input::read`](super::input::Input::read) continues an
/// unfinished entry behind its own continuation prompt.
impl Validator for ReplHelper {
    fn validate(&self, _ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(ValidationResult::Valid(None))
    }
}

//! When an entry is complete: decided from Rhai's own parse errors (reference/rust-choices.md
//! §1.1). An open bracket, block or backtick string continues the entry on the next line;
//! every other error submits the entry, so evaluation reports it with a diagnostic.
use rhai::{Engine, ParseErrorType};

/// A parser for the completeness check only: no strict variables (an undefined name must not
/// hide a missing `}` further on), no functions needed — parsing does not resolve calls.
pub struct Checker {
    engine: Engine,
}

impl Default for Checker {
    fn default() -> Self {
        let engine = Engine::new_raw();
        Checker { engine }
    }
}

impl Checker {
    /// Whether `text` is the beginning of an entry that needs more lines.
    pub fn is_incomplete(&self, text: &str) -> bool {
        if text.trim().is_empty() {
            return false;
        }
        let err = match self.engine.compile(text) {
            Ok(_) => return false,
            Err(e) => e,
        };
        let pos = err.position();
        let last_line = text.split('\n').count();
        let at_end = pos.line().is_none_or(|l| l >= last_line);
        match err.err_type() {
            ParseErrorType::UnexpectedEOF => true,
            ParseErrorType::MissingToken(..) => at_end,
            ParseErrorType::BadInput(rhai::LexError::UnterminatedString) => {
                starts_with_backtick(text, pos)
            }
            _ => false,
        }
    }
}

/// Whether the character at a 1-based line and column is a backtick (the start of an
/// unterminated multi-line string, as opposed to a `"…"` string that cannot span lines).
fn starts_with_backtick(text: &str, pos: rhai::Position) -> bool {
    let (Some(line), Some(col)) = (pos.line(), pos.position()) else {
        return false;
    };
    text.split('\n')
        .nth(line - 1)
        .and_then(|l| l.chars().nth(col.max(1) - 1))
        == Some('`')
}

impl rustyline::validate::Validator for Checker {
    fn validate(
        &self,
        ctx: &mut rustyline::validate::ValidationContext,
    ) -> rustyline::Result<rustyline::validate::ValidationResult> {
        use rustyline::validate::ValidationResult;
        // Never `Invalid`: piped input would then print its message on stderr and keep
        // reading; an invalid entry is submitted and evaluation reports it.
        Ok(if self.is_incomplete(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Checker;

    #[test]
    fn table_of_reference_section_1_1() {
        let c = Checker::default();
        for s in [
            "let x = [1, 2,",
            "if x > 1 {",
            "fn f(a) {\n a+1\n",
            "fn f(a) {\n a+1",
            "foo(1, ",
            "x +",
            "let s = `multi\nline",
            "let m = #{ a: 1,",
            "let x = undefined_var + [1,",
        ] {
            assert!(c.is_incomplete(s), "{s:?} should continue");
        }
        for s in [
            "let x = [1, 2];",
            "let s = \"abc",
            "let x = ;",
            "x * 21",
            "",
            "fn f(a) { a + 1 }",
            "let s = `one line`;",
            "// a comment",
            "let x = ) + [",
        ] {
            assert!(!c.is_incomplete(s), "{s:?} should be submitted");
        }
    }
}

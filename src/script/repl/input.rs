//! Reading entries: rustyline on a terminal, a plain line reader on a pipe. Both use the same
//! [`Checker`] to continue an unfinished entry; the pipe reader also reports an entry still
//! open at end of input (rustyline would drop it silently).
use super::complete::Index;
use super::helper::ReplHelper;
use super::history;
use super::validate::Checker;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};
use std::io::BufRead;
use std::path::PathBuf;

/// The prompt of a new entry.
pub const PROMPT: &str = "cwh> ";
/// The prompt of an entry's next line (an open bracket, block or `string).
pub const CONTINUE: &str = " ... ";

/// The next thing the loop gets.
pub enum Next {
    /// A complete entry; `line` is its first line in the input (pipe) or 1 (terminal).
    Entry {
        text: String,
        line: usize,
    },
    /// Ctrl-C at the prompt: the line was cleared.
    Interrupted,
    /// End of input (Ctrl-D).
    Eof,
    /// End of input inside an entry.
    Unfinished {
        text: String,
        line: usize,
    },
    Failed(std::io::Error),
}

pub enum Input {
    Terminal {
        editor: Box<Editor<ReplHelper, DefaultHistory>>,
        history: Option<PathBuf>,
    },
    Pipe {
        checker: Box<Checker>,
        line: usize,
        /// Everything read so far, for error context.
        transcript: String,
    },
}

impl Input {
    pub fn new(interactive: bool, index: Index) -> rustyline::Result<Input> {
        if !interactive {
            return Ok(Input::Pipe {
                checker: Box::default(),
                line: 0,
                transcript: String::new(),
            });
        }
        let config = Config::builder()
            .auto_add_history(false)
            .completion_type(rustyline::CompletionType::List)
            .max_history_size(5000)?
            .build();
        let mut editor = Editor::with_config(config)?;
        editor.set_helper(Some(ReplHelper {
            index,
            checker: Checker::default(),
        }));
        let history = history::path();
        if let Some(p) = &history {
            let _ = editor.load_history(p);
        }
        Ok(Input::Terminal {
            editor: Box::new(editor),
            history,
        })
    }

    /// The completion index, to refresh after an entry (terminal only).
    pub fn index_mut(&mut self) -> Option<&mut Index> {
        match self {
            Input::Terminal { editor, .. } => editor.helper_mut().map(|h| &mut h.index),
            Input::Pipe { .. } => None,
        }
    }

    pub fn read(&mut self) -> Next {
        match self {
            Input::Terminal { editor, .. } => {
                // an unfinished entry (open bracket, block or `string) continues on the next
                // line behind a continuation prompt, so it is clear that cwh waits for more
                let mut text = String::new();
                loop {
                    let prompt = if text.is_empty() { PROMPT } else { CONTINUE };
                    match editor.readline(prompt) {
                        Ok(l) => {
                            if !text.is_empty() {
                                text.push('\n');
                            }
                            text.push_str(&l);
                            let done = text.trim_start().starts_with('.')
                                || editor
                                    .helper()
                                    .is_none_or(|h| !h.checker.is_incomplete(&text));
                            if done {
                                return Next::Entry { text, line: 1 };
                            }
                        }
                        Err(ReadlineError::Interrupted) => return Next::Interrupted,
                        Err(ReadlineError::Eof) if text.is_empty() => return Next::Eof,
                        Err(ReadlineError::Eof) => return Next::Unfinished { text, line: 1 },
                        Err(ReadlineError::Io(e)) => return Next::Failed(e),
                        Err(e) => return Next::Failed(std::io::Error::other(e.to_string())),
                    }
                }
            }
            Input::Pipe {
                checker,
                line,
                transcript,
            } => read_entry(&mut std::io::stdin().lock(), checker, line, transcript),
        }
    }

    /// The piped input read so far.
    pub fn transcript(&self) -> Option<&str> {
        match self {
            Input::Pipe { transcript, .. } => Some(transcript),
            Input::Terminal { .. } => None,
        }
    }

    /// Add an entry to the history and save it (terminal only, never a secret).
    pub fn remember(&mut self, entry: &str) {
        if let Input::Terminal { editor, history } = self
            && history::keep(entry)
        {
            let _ = editor.add_history_entry(entry);
            if let Some(p) = history {
                history::prepare(p);
                let _ = editor.save_history(p);
            }
        }
    }
}

/// Read one entry from a pipe: a dot-command line, or lines until the entry is complete.
fn read_entry(
    r: &mut impl BufRead,
    checker: &Checker,
    line: &mut usize,
    transcript: &mut String,
) -> Next {
    let mut text = String::new();
    let mut first = 0;
    loop {
        let mut l = String::new();
        match r.read_line(&mut l) {
            Ok(0) => {
                return if text.trim().is_empty() {
                    Next::Eof
                } else {
                    Next::Unfinished { text, line: first }
                };
            }
            Ok(_) => {}
            Err(e) => return Next::Failed(e),
        }
        *line += 1;
        transcript.push_str(&l);
        let l = l.strip_suffix('\n').unwrap_or(&l);
        let l = l.strip_suffix('\r').unwrap_or(l);
        if text.trim().is_empty() {
            // Blank lines between entries are skipped; the entry starts at its first text.
            text.clear();
            first = *line;
            if l.trim_start().starts_with('.') {
                return Next::Entry {
                    text: l.to_string(),
                    line: first,
                };
            }
        } else {
            text.push('\n');
        }
        text.push_str(l);
        if !checker.is_incomplete(&text) && !text.trim().is_empty() {
            return Next::Entry { text, line: first };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(input: &str) -> Vec<String> {
        let c = Checker::default();
        let mut r = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut line = 0;
        let mut t = String::new();
        let mut out = vec![];
        loop {
            match read_entry(&mut r, &c, &mut line, &mut t) {
                Next::Entry { text, line } => out.push(format!("{line}:{text}")),
                Next::Unfinished { text, line } => out.push(format!("unfinished {line}:{text}")),
                Next::Eof => return out,
                _ => panic!(),
            }
        }
    }

    #[test]
    fn pipe_entries_span_lines() {
        assert_eq!(
            entries("let a = [1,\n2];\n\n.vars\nfn f(x) {\n  x\n}\nlet b = (1 +\n"),
            vec![
                "1:let a = [1,\n2];",
                "4:.vars",
                "5:fn f(x) {\n  x\n}",
                "unfinished 8:let b = (1 +"
            ]
        );
    }
}

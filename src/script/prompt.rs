//! Terminal prompts (parameters, `confirm`). Prompts go to stderr so stdout stays clean.
use std::io::{BufRead, IsTerminal, Write};

/// Ask one line on the terminal.
pub fn ask(question: &str) -> std::io::Result<String> {
    let mut err = std::io::stderr();
    write!(err, "{question}")?;
    err.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Whether we can ask the user anything.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

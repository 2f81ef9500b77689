//! Terminal prompts (parameters, `confirm`). Prompts go to stderr so stdout stays clean.
use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static EOF_SEEN: AtomicBool = AtomicBool::new(false);

/// Ask one line on the terminal.
pub fn ask(question: &str) -> std::io::Result<String> {
    let mut err = std::io::stderr();
    write!(err, "{question}")?;
    err.flush()?;
    let mut line = String::new();
    let n = std::io::stdin().lock().read_line(&mut line)?;
    if n == 0 {
        EOF_SEEN.store(true, Ordering::SeqCst);
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Whether the last [`ask`] found the input closed (Ctrl-D, or the end of piped input).
pub fn at_eof() -> bool {
    EOF_SEEN.load(Ordering::SeqCst)
}

/// Lines for the person at the terminal (stderr), above a question.
pub fn say(text: &str) -> std::io::Result<()> {
    writeln!(std::io::stderr(), "{text}")
}

/// Whether we can ask the user anything.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

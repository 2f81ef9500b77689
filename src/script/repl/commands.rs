//! Dot-commands: `.help`, `.help NAME`, `.vars`, `.load FILE`, `.save FILE`, `.quit`.
use super::session::Session;
use std::path::Path;

/// The API reference grouped into sections: (title, [(signature, doc)]), as `cwh doc` has it.
pub type HelpSections = Vec<(String, Vec<(String, String)>)>;

pub const SUMMARY: &str = "\
dot-commands:
  .help          the script API, grouped by module
  .help NAME     signature and documentation of a function (e.g. .help param)
  .vars          the session's variables
  .load FILE     run a script file into the session
  .save FILE     write the session's successful entries as a script for `cwh run`
  .quit          leave (also Ctrl-D)
Tab completes names; an entry continues over lines while a bracket, block or `string is open;
Ctrl-C clears the line or stops the running entry.";

/// What the loop does after a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Run a dot-command line (it starts with `.`).
pub fn run(session: &mut Session, help: &HelpSections, line: &str) -> Flow {
    let line = line.trim();
    let (cmd, arg) = match line.split_once(char::is_whitespace) {
        Some((c, a)) => (c, a.trim()),
        None => (line, ""),
    };
    match (cmd, arg.is_empty()) {
        (".quit" | ".exit", _) => return Flow::Quit,
        (".help", true) => print!("{}", overview(help)),
        (".help", false) => help_name(session, help, arg),
        (".vars", _) => vars(session),
        (".load", false) => load(session, Path::new(arg)),
        (".save", false) => save(session, Path::new(arg)),
        (".load" | ".save", true) => eprintln!("error: {cmd} needs a file: {cmd} FILE"),
        _ => eprintln!("error: unknown command {cmd}\n{SUMMARY}"),
    }
    Flow::Continue
}

fn overview(help: &HelpSections) -> String {
    let mut s = String::new();
    for (title, fs) in help {
        s.push_str(&format!("{title}\n"));
        for (sig, _) in fs {
            s.push_str(&format!("  {sig}\n"));
        }
        s.push('\n');
    }
    s.push_str(SUMMARY);
    s.push('\n');
    s
}

/// The name a signature defines: `vcc::connect(…) -> Vcc` → `vcc::connect`.
fn sig_name(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig).trim()
}

fn help_name(session: &Session, help: &HelpSections, name: &str) {
    let matches = |sig: &str| {
        let n = sig_name(sig);
        n == name || n.rsplit("::").next() == Some(name)
    };
    let mut found = false;
    for (_, fs) in help {
        for (sig, doc) in fs.iter().filter(|(s, _)| matches(s)) {
            found = true;
            println!("{sig}");
            for l in doc.lines() {
                println!("    {l}");
            }
            println!();
        }
    }
    if found {
        return;
    }
    // The standard library (len, push, …) has signatures but no documentation here.
    let std: Vec<String> = session
        .engine
        .gen_fn_signatures(true)
        .into_iter()
        .filter(|s| matches(s))
        .collect();
    if !std.is_empty() {
        for s in std {
            println!("{s}");
        }
        return;
    }
    let mut names: Vec<&str> = help
        .iter()
        .flat_map(|(_, fs)| fs.iter().map(|(s, _)| sig_name(s)))
        .filter(|n| strsim::levenshtein(n, name) <= 2 || n.contains(name))
        .collect();
    names.sort();
    names.dedup();
    eprintln!("error: no function named `{name}`");
    if !names.is_empty() {
        eprintln!("  help: did you mean {}?", names.join(", "));
    }
}

fn vars(session: &Session) {
    for (name, constant, v) in session.scope.iter_raw() {
        let ty = session.engine.map_type_name(v.type_name());
        let mut shown = session.show(v).unwrap_or_else(|| "()".into());
        if shown.contains('\n') || shown.chars().count() > 100 {
            shown = shown
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(97)
                .collect();
            shown.push_str("...");
        }
        let kw = if constant { "const" } else { "let" };
        println!("{kw} {name}: {ty} = {shown}");
    }
}

fn load(session: &mut Session, path: &Path) {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            session.eval(&text, &name, 1, false, None);
        }
        Err(e) => eprintln!("error: cannot read {name}: {e}"),
    }
}

fn save(session: &Session, path: &Path) {
    let mut text =
        String::from("// Saved from a `cwh repl` session: its successful entries, in order.\n");
    let mut left_out = 0;
    for e in &session.saved {
        if crate::redact::redact(e) != e.as_str() {
            left_out += 1;
            continue;
        }
        text.push_str(e);
        text.push('\n');
    }
    match crate::files::write_atomic(path, text.as_bytes(), None) {
        Ok(()) => eprintln!(
            "saved {} entries to {}",
            session.saved.len() - left_out,
            path.display()
        ),
        Err(e) => eprintln!("error: cannot write {}: {e}", path.display()),
    }
    if left_out > 0 {
        eprintln!("warning: {left_out} entries hold a secret and were left out");
    }
}

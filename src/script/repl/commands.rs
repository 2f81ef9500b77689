//! Dot-commands: `.help`, `.help NAME`, `.vars`, `.load FILE`, `.save FILE`, `.quit`.
use super::session::Session;
use std::path::Path;

/// The API reference grouped into sections: (title, [(signature, doc)]), as `cwh doc` has it.
pub type HelpSections = Vec<(String, Vec<(String, String)>)>;

/// The dot-commands and keys, in the reader's language.
pub fn summary() -> String {
    crate::t!("repl-summary")
}

/// What the loop does after a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The command failed (said on stderr); the session goes on.
    Failed,
    Quit,
}

/// Run a dot-command line (it starts with `.`).
pub fn run(session: &mut Session, help: &HelpSections, line: &str) -> Flow {
    let line = line.trim();
    let (cmd, arg) = match line.split_once(char::is_whitespace) {
        Some((c, a)) => (c, a.trim()),
        None => (line, ""),
    };
    let ok = match (cmd, arg.is_empty()) {
        (".quit" | ".exit", _) => return Flow::Quit,
        (".help", true) => {
            print!("{}", overview(help));
            true
        }
        (".help", false) => help_name(session, help, arg),
        (".vars", _) => {
            vars(session);
            true
        }
        (".load", false) => load(session, Path::new(arg)),
        (".save", false) => save(session, Path::new(arg)),
        (".load" | ".save", true) => {
            eprintln!("{}", crate::t!("repl-needs-file", command = cmd));
            false
        }
        _ => {
            eprintln!(
                "{}\n{}",
                crate::t!("repl-unknown-command", command = cmd),
                summary()
            );
            false
        }
    };
    if ok { Flow::Continue } else { Flow::Failed }
}

/// `.help`: each module's functions, one line each (name and the first sentence of its
/// documentation), then the dot-commands.
fn overview(help: &HelpSections) -> String {
    let width = crate::i18n::words::terminal_width();
    let mut s = String::new();
    for (title, fs) in help {
        s.push_str(&format!("{title}\n"));
        let mut seen = std::collections::BTreeMap::new();
        for (sig, doc) in fs {
            // a property: `Spec.flavor -> String` → `Spec.flavor`
            let name = sig_name(sig)
                .split(" -> ")
                .next()
                .unwrap_or_default()
                .split(" = ")
                .next()
                .unwrap_or_default()
                .to_string();
            let entry = seen.entry(name).or_insert_with(String::new);
            if entry.is_empty() {
                *entry = first_sentence(doc);
            }
        }
        let w = seen.keys().map(|n| n.chars().count()).max().unwrap_or(0);
        for (name, summary) in seen {
            let line = format!("  {name:w$}  {summary}");
            s.push_str(&cut(&line, width));
            s.push('\n');
        }
        s.push('\n');
    }
    s.push_str(&summary());
    s.push('\n');
    s
}

/// The first sentence of a doc comment (up to `. ` or the end of its first paragraph).
fn first_sentence(doc: &str) -> String {
    let para = doc
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    let mut from = 0;
    while let Some(i) = para[from..].find(". ") {
        let at = from + i;
        // "e.g. x" and "i.e. x" do not end a sentence
        if para[..at].ends_with("e.g") || para[..at].ends_with("i.e") {
            from = at + 2;
            continue;
        }
        return para[..=at].trim().to_string();
    }
    para.trim().to_string()
}

/// `line` cut to `width` columns, with `…` where it was cut.
fn cut(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_string();
    }
    let mut out: String = line.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The name a signature defines: `vcc::connect(…) -> Vcc` → `vcc::connect`.
fn sig_name(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig).trim()
}

fn help_name(session: &Session, help: &HelpSections, name: &str) -> bool {
    let matches = |sig: &str| {
        let n = sig_name(sig);
        n == name || n.rsplit("::").next() == Some(name)
    };
    let mut found = false;
    for (_, fs) in help {
        for (sig, doc) in fs.iter().filter(|(s, _)| matches(s)) {
            found = true;
            println!("{}", crate::i18n::words::plain(sig));
            for l in doc.lines() {
                println!("    {l}");
            }
            println!();
        }
    }
    if found {
        return true;
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
            println!("{}", crate::i18n::words::plain(&s));
        }
        return true;
    }
    let mut names: Vec<&str> = help
        .iter()
        .flat_map(|(_, fs)| fs.iter().map(|(s, _)| sig_name(s)))
        .filter(|n| strsim::levenshtein(n, name) <= 2 || n.contains(name))
        .collect();
    names.sort();
    names.dedup();
    eprintln!("{}", crate::t!("repl-no-function", name = name));
    if !names.is_empty() {
        eprintln!(
            "{}",
            crate::t!(
                "repl-did-you-mean",
                names = crate::i18n::words::list(&names)
            )
        );
    }
    false
}

fn vars(session: &Session) {
    for (name, constant, v) in session.scope.iter_raw() {
        let ty = session.engine.map_type_name(v.type_name());
        let ty = crate::i18n::words::type_word(ty).unwrap_or_else(|| ty.to_string());
        let mut shown = session
            .show(v)
            .unwrap_or_else(|| crate::t!("value-nothing"));
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
        println!("{kw} {name} = {shown}  ({ty})");
    }
}

fn load(session: &mut Session, path: &Path) -> bool {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => matches!(
            session.eval(&text, &name, 1, false, None),
            super::session::Outcome::Ok(_)
        ),
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!("repl-cannot-read", file = name, problem = e.to_string())
            );
            false
        }
    }
}

fn save(session: &Session, path: &Path) -> bool {
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
            "{}",
            crate::t!(
                "script-repl-saved",
                count = session.saved.len() - left_out,
                file = path.display().to_string()
            )
        ),
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!(
                    "script-repl-save-failed",
                    file = path.display().to_string(),
                    problem = e.to_string()
                )
            );
            return false;
        }
    }
    if left_out > 0 {
        eprintln!(
            "{}",
            crate::t!("script-repl-secrets-left-out", count = left_out)
        );
    }
    true
}

//! Plain words for what Rust and Rhai call by type names (issue 25): a message a user reads
//! says "a whole number" or "text", never `i64` or `&str | ImmutableString | String`, and names
//! the invisible characters in a value (full-width digits, a trailing space, a BOM, a tab…).
use crate::t;

/// A Rust or Rhai type name as words, or `None` when `name` is not one.
pub fn type_word(name: &str) -> Option<String> {
    let key = match name.trim() {
        "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" | "usize" | "isize" | "INT"
        | "int" | "integer" => "value-number",
        "f64" | "f32" | "FLOAT" | "float" | "decimal" => "value-decimal",
        "&str"
        | "str"
        | "String"
        | "ImmutableString"
        | "string"
        | "&mut ImmutableString"
        | "&str | ImmutableString | String"
        | "char" => "value-text",
        "Array" | "array" | "rhai::Array" | "Vec<Dynamic>" | "Blob" | "blob" => "value-list",
        "Map" | "map" | "rhai::Map" | "Object map" => "value-map",
        "bool" | "boolean" => "value-bool",
        "()" | "(())" | "unit" => "value-nothing",
        "Dynamic" | "?" => "value-any",
        "Fn" | "FnPtr" => "value-function",
        "timestamp" | "Instant" => "value-time",
        _ => return None,
    };
    Some(t!(key))
}

/// Rewrite the type names in a message into words; the rest of the message is kept.
pub fn plain(message: &str) -> String {
    let mut s = message.to_string();
    // whole phrases first (the longest forms)
    for (from, to) in [
        ("&str | ImmutableString | String", type_word("string")),
        ("&mut ImmutableString", type_word("string")),
        ("(())", Some(format!("({})", t!("value-nothing")))),
    ] {
        if let Some(to) = to {
            s = s.replace(from, &to);
        }
    }
    // Rhai's messages about properties and methods of a handle
    if let Some(i) = s.find(" - a getter is not registered for type ") {
        let ty = s[i + " - a getter is not registered for type ".len()..]
            .trim_matches(|c| c == '\'' || c == '`' || c == '"');
        let head = s[..i].to_string();
        let prop = head
            .trim_start_matches("Unknown property ")
            .trim_matches('\'');
        return t!("rhai-no-property", property = prop, what = ty.to_string());
    }
    s = s.replace("rhai::", "").replace("cwh::api::", "");
    // `type_of(x)` in parentheses, as the checks write it: `got x (string)`
    for ty in [
        "string",
        "array",
        "map",
        "bool",
        "char",
        "int",
        "float",
        "blob",
        "timestamp",
        "i64",
        "f64",
    ] {
        let from = format!("({ty})");
        if s.contains(&from)
            && let Some(w) = type_word(ty)
        {
            s = s.replace(&from, &format!("({w})"));
        }
    }
    // type names as whole tokens: `i64`, `(f64)`, `expecting u16`
    let mut out = String::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if !token.is_empty() {
            match type_word_token(token) {
                Some(w) => out.push_str(&w),
                None => out.push_str(token),
            }
            token.clear();
        }
    };
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() || c == '_' || (c == '&' && token.is_empty()) {
            token.push(c);
        } else if c == '(' && chars.get(i + 1) == Some(&')') {
            // a bare `()` (Rhai's nothing), but not `f()` in code
            if token.is_empty() && !out.ends_with(|p: char| p.is_alphanumeric() || p == '_') {
                out.push_str(&t!("value-nothing"));
                i += 2;
                continue;
            }
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
        i += 1;
    }
    flush(&mut token, &mut out);
    // "got " with nothing after it: an empty value
    for (from, key) in [
        ("got  (", "got-empty-paren"),
        ("got \"\"", "got-empty-quoted"),
    ] {
        if out.contains(from) {
            out = out.replace(from, &t!(key));
        }
    }
    if out.ends_with("got ") || out.ends_with("got:") {
        out.push_str(&t!("value-empty"));
    }
    out
}

/// Only the names that are unmistakably type names in running text (not `string`, `map`,
/// `array` or `bool`, which are English words too, unless written in parentheses).
fn type_word_token(token: &str) -> Option<String> {
    match token {
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "usize" | "isize" | "f64" | "f32"
        | "ImmutableString" | "&str" | "String" | "Dynamic" | "FnPtr" => type_word(token),
        _ => None,
    }
}

/// `text` in quotes, with its invisible characters made visible.
pub fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// What is invisible or easily mistaken in `text`, in words, or `None`: full-width digits
/// or letters, a full-width space, a leading or trailing space, a BOM, a tab, a line break,
/// a non-breaking or zero-width space.
pub fn invisible(text: &str) -> Option<String> {
    let mut notes = Vec::new();
    let full: String = text
        .chars()
        .filter(|c| ('\u{FF01}'..='\u{FF5E}').contains(c))
        .collect();
    if !full.is_empty() {
        let half: String = text
            .chars()
            .map(|c| {
                if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                } else if c == '\u{3000}' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        notes.push(t!(
            "invisible-fullwidth",
            chars = full,
            half = half.trim().to_string()
        ));
    }
    for (c, key) in [
        ('\u{3000}', "invisible-ideographic-space"),
        ('\u{FEFF}', "invisible-bom"),
        ('\t', "invisible-tab"),
        ('\n', "invisible-newline"),
        ('\r', "invisible-newline"),
        ('\u{00A0}', "invisible-nbsp"),
        ('\u{200B}', "invisible-zero-width"),
    ] {
        if text.contains(c) {
            let n = t!(key);
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
    }
    if text.ends_with(' ') {
        notes.push(t!("invisible-trailing-space"));
    }
    if text.starts_with(' ') {
        notes.push(t!("invisible-leading-space"));
    }
    if notes.is_empty() {
        None
    } else {
        Some(notes.join("; "))
    }
}

/// A message with a note on the invisible characters inside its quoted values (`"…"`).
pub fn with_invisible_notes(message: &str) -> String {
    let mut notes: Vec<String> = Vec::new();
    let mut rest = message;
    while let Some(a) = rest.find('"') {
        let after = &rest[a + 1..];
        let Some(b) = after.find('"') else { break };
        if let Some(n) = invisible(&after[..b])
            && !notes.contains(&n)
        {
            notes.push(n);
        }
        rest = &after[b + 1..];
    }
    // values written bare: full-width characters, BOM, tabs anywhere in the message
    if notes.is_empty() {
        let odd: String = message
            .chars()
            .filter(|c| {
                ('\u{FF01}'..='\u{FF5E}').contains(c) || *c == '\u{3000}' || *c == '\u{FEFF}'
            })
            .collect();
        if !odd.is_empty()
            && let Some(n) = invisible(&odd)
        {
            notes.push(n);
        }
    }
    if notes.is_empty() {
        message.to_string()
    } else {
        format!("{message} ({})", notes.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_lang};

    #[test]
    fn type_names_become_words() {
        set_lang(Lang::En);
        let m = plain("Function not found: f (i64, &str | ImmutableString | String)");
        assert_eq!(m, "Function not found: f (a whole number, text)");
        assert_eq!(
            plain("Data type incorrect: f64 (expecting u16)"),
            "Data type incorrect: a number (expecting a whole number)"
        );
        let m = plain("Unknown property 'x' - a getter is not registered for type 'VCC'");
        assert!(
            m.contains("x") && m.contains("VCC") && !m.contains("getter"),
            "{m}"
        );
        assert_eq!(plain("got ()"), "got nothing");
        assert!(!plain("expected an integer ≥ 1, got  (string)").contains("got  ("));
        assert_eq!(plain("call f() here"), "call f() here");
        assert_eq!(plain("got x (string)"), "got x (text)");
    }

    #[test]
    fn invisible_characters_are_named() {
        set_lang(Lang::En);
        let n = invisible("１６").unwrap();
        assert!(n.contains("full-width") && n.contains("16"), "{n}");
        assert!(invisible("small ").unwrap().contains("ends with a space"));
        assert!(invisible("\u{FEFF}small").unwrap().contains("BOM"));
        assert!(invisible("a\tb").unwrap().contains("tab"));
        assert_eq!(invisible("small"), None);
        let m = with_invisible_notes("parameter vc_flavor: got \"small \"");
        assert!(m.contains("ends with a space"), "{m}");
    }
}

/// The width of the terminal on stdout (columns), 80 when it is not a terminal or unknown.
pub fn terminal_width() -> usize {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c >= 20)
    {
        return c;
    }
    // SAFETY: TIOCGWINSZ fills a winsize struct; a failed call leaves it zeroed.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    if ok && ws.ws_col >= 20 {
        ws.ws_col as usize
    } else {
        80
    }
}

/// Columns a character takes on a terminal: 2 for CJK and full-width characters.
fn columns(c: char) -> usize {
    let u = c as u32;
    if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
    {
        2
    } else {
        1
    }
}

/// `text` wrapped to `width` columns, each line starting with `indent`: breaks at spaces, and
/// between Japanese characters (which have no spaces between words).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let room = width.saturating_sub(indent.chars().count()).max(20);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in split_breakable(text) {
        let w: usize = word.chars().map(columns).sum();
        if used + w > room && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
            used = 0;
        }
        let word = if line.is_empty() {
            word.trim_start()
        } else {
            word
        };
        line.push_str(word);
        used += word.chars().map(columns).sum::<usize>();
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
        .iter()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pieces of `text` a line may break between: words with their leading space, and single
/// wide characters.
fn split_breakable(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && (c == ' ' || columns(c) == 2) {
            out.push(&text[start..i]);
            start = i;
        }
        if columns(c) == 2 {
            let end = i + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    #[test]
    fn wraps_words_and_japanese() {
        let w = super::wrap("aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk", 24, "  ");
        assert!(w.lines().all(|l| l.chars().count() <= 24), "{w}");
        assert!(w.lines().count() >= 2 && w.starts_with("  aaa"), "{w}");
        let j = super::wrap(&"あ".repeat(30), 24, "  ");
        assert!(j.lines().count() >= 3, "{j}");
    }
}

/// Items joined as a list in the reader's language (`a, b` / `a、b`).
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let sep = t!("list-sep");
    items
        .iter()
        .map(|s| s.as_ref())
        .collect::<Vec<_>>()
        .join(&sep)
}

/// Columns `s` takes on a terminal (2 for each Japanese character).
pub fn width(s: &str) -> usize {
    s.chars().map(columns).sum()
}

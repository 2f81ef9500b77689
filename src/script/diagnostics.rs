//! Rhai parse and runtime errors rendered as miette diagnostics: the file name, line:col, the
//! offending source line with a label, and a help line where we know the fix. Errors raised in
//! native functions point at the script's call site; errors inside imported modules or script
//! functions point into the file where they happened, with the chain of calls that led there.
use miette::{Diagnostic, NamedSource, SourceSpan};
use rhai::{Dynamic, EvalAltResult, ParseError, Position};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

fn sources() -> &'static Mutex<HashMap<String, String>> {
    static S: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Remember the text of a source (script or module) so errors in it can be shown.
pub fn register_source(name: &str, text: &str) {
    sources()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(name.to_string(), text.to_string());
}

fn source_text(name: &str) -> Option<String> {
    sources()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(name)
        .cloned()
}

/// A script error ready for rendering.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct ScriptDiagnostic {
    pub message: String,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
    /// `file:line:col` of the error, when known.
    pub location: Option<String>,
    /// The run was stopped by Ctrl-C.
    pub interrupted: bool,
}

/// Byte offset of a 1-based line and 1-based character column.
pub fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let c = col.max(1) - 1;
            let byte = l
                .char_indices()
                .nth(c)
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return Some(off + byte);
        }
        off += l.len();
    }
    None
}

fn span_at(text: &str, pos: Position) -> Option<SourceSpan> {
    let line = pos.line()?;
    let col = pos.position().unwrap_or(1);
    let start = offset_of(text, line, col)?;
    // underline the identifier/token starting there
    let rest = &text[start..];
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == ':'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len())
        .max(1)
        .min(rest.len().max(1));
    Some(SourceSpan::new(start.into(), len))
}

fn loc(name: &str, pos: Position) -> Option<String> {
    Some(format!(
        "{}:{}:{}",
        name,
        pos.line()?,
        pos.position().unwrap_or(1)
    ))
}

fn build(
    message: String,
    help: Option<String>,
    source: &str,
    pos: Position,
    label: &str,
    interrupted: bool,
) -> ScriptDiagnostic {
    let text = source_text(source);
    let span = text.as_deref().and_then(|t| span_at(t, pos));
    let location = loc(source, pos);
    ScriptDiagnostic {
        message: for_reader(&message),
        src: text
            .filter(|_| span.is_some())
            .map(|t| NamedSource::new(source, t)),
        span,
        label: label.to_string(),
        help: help.map(|h| for_reader(&h)),
        location,
        interrupted,
    }
}

/// A message as a user reads it: type names in plain words (`i64` → "a whole number"),
/// invisible characters in quoted values named (full-width digits, a trailing space, a BOM…).
pub fn for_reader(message: &str) -> String {
    crate::i18n::words::with_invisible_notes(&crate::i18n::words::plain(message))
}

/// A parse error in `source` (a registered source name).
pub fn from_parse(err: &ParseError, source: &str) -> ScriptDiagnostic {
    let help = parse_help(&err.err_type().to_string());
    let msg = parse_words(err.err_type());
    build(
        msg,
        help,
        source,
        err.position(),
        &crate::t!("diag-label-here"),
        false,
    )
}

/// A parse error in the reader's language: the common ones from the catalog (their English
/// is Rhai's own wording), the rare ones as Rhai says them.
fn parse_words(e: &rhai::ParseErrorType) -> String {
    use crate::t;
    use rhai::{LexError as L, ParseErrorType as P};
    match e {
        P::MissingToken(token, _) if crate::i18n::lang() != crate::i18n::Lang::En => {
            t!("script-parse-missing-token", token = token.as_str())
        }
        P::VariableUndefined(n) => t!("script-parse-undefined-variable", name = n.as_str()),
        P::ModuleUndefined(n) => t!("script-parse-undefined-module", name = n.as_str()),
        P::VariableExists(n) => t!("script-parse-variable-exists", name = n.as_str()),
        P::DuplicatedVariable(n) => t!("script-parse-duplicated-variable", name = n.as_str()),
        P::DuplicatedProperty(n) => t!("script-parse-duplicated-property", name = n.as_str()),
        P::UnexpectedEOF => t!("script-parse-incomplete"),
        P::Reserved(w) if w.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            t!("script-parse-reserved", word = w.as_str())
        }
        P::ExprExpected(what) => t!("script-parse-expression-expected", what = what.as_str()),
        P::PropertyExpected => t!("script-parse-property-expected"),
        P::VariableExpected => t!("script-parse-variable-expected"),
        P::UnknownOperator(o) => t!("script-parse-unknown-operator", operator = o.as_str()),
        P::FnMissingParams(f) => t!("script-parse-fn-missing-params", name = f.as_str()),
        P::FnMissingName => t!("script-parse-fn-missing-name"),
        P::WrongFnDefinition => t!("script-parse-fn-not-global"),
        P::LoopBreak => t!("script-parse-break-outside-loop"),
        P::AssignmentToConstant(c) if !c.is_empty() => {
            t!("script-parse-assign-constant", name = c.as_str())
        }
        P::BadInput(L::UnexpectedInput(i)) => t!("script-parse-unexpected", input = i.as_str()),
        P::BadInput(L::UnterminatedString) => t!("script-parse-unterminated-string"),
        P::BadInput(L::MalformedNumber(n)) => t!("script-parse-bad-number", input = n.as_str()),
        other => other.to_string(),
    }
}

fn parse_help(msg: &str) -> Option<String> {
    if msg.contains("Undefined variable") || msg.contains("Variable not found") {
        Some(crate::t!("diag-help-undefined-variable"))
    } else if msg.contains("Expecting ';'") {
        Some(crate::t!("diag-help-semicolon"))
    } else {
        None
    }
}

/// The message, kind and help of a value thrown by a primitive (`#{kind, message, help}`) or
/// by the script (`throw "…"`).
fn thrown(value: &Dynamic) -> (String, Option<String>) {
    if let Some(m) = value.read_lock::<rhai::Map>() {
        let message = m
            .get("message")
            .map(|v| v.to_string())
            .unwrap_or_else(|| value.to_string());
        let help = m
            .get("help")
            .map(|v| v.to_string())
            .filter(|s| !s.is_empty());
        return (message, help);
    }
    (value.to_string(), None)
}

fn strip_position(s: &str) -> String {
    // rhai appends " (line N, position M)" to some messages; we show positions ourselves
    match s.rfind(" (line ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s.to_string(),
    }
}

/// A runtime error of a script whose main source is `main`.
pub fn from_eval(err: &EvalAltResult, main: &str) -> ScriptDiagnostic {
    let mut source = main.to_string();
    let mut frames: Vec<String> = Vec::new();
    // the last call site in a file of the user's (not the embedded stdlib)
    let mut user_site: Option<(String, Position)> = None;
    let mut e = err;
    loop {
        match e {
            EvalAltResult::ErrorInFunctionCall(name, src, inner, pos) => {
                if let Some(l) = loc(&source, *pos) {
                    frames.push(crate::t!("diag-frame-call", name = name.as_str(), at = l));
                }
                if !source.starts_with("stdlib/") && !pos.is_none() {
                    user_site = Some((source.clone(), *pos));
                }
                if !src.is_empty() {
                    source = src.clone();
                }
                e = inner;
            }
            EvalAltResult::ErrorInModule(name, inner, pos) => {
                if let Some(l) = loc(&source, *pos) {
                    frames.push(crate::t!("diag-frame-module", name = name.as_str(), at = l));
                }
                source = name.clone();
                e = inner;
            }
            EvalAltResult::ErrorParsing(pe, pos) => {
                let msg = pe.to_string();
                let here = crate::t!("diag-label-here");
                let mut d = build(msg.clone(), parse_help(&msg), &source, *pos, &here, false);
                add_frames(&mut d, &frames);
                return d;
            }
            _ => break,
        }
    }
    let pos = e.position();
    let (message, help, label, interrupted): (String, Option<String>, &str, bool) = match e {
        EvalAltResult::ErrorRuntime(v, _) => {
            let (m, h) = thrown(v);
            (m, h, "diag-label-raised", false)
        }
        EvalAltResult::ErrorTerminated(..) => (
            crate::t!("diag-interrupted"),
            Some(crate::t!("diag-interrupted-help")),
            "diag-label-stopped",
            true,
        ),
        EvalAltResult::ErrorFunctionNotFound(sig, _) => (
            // Rhai writes `foo ()`, `foo (i64)`: as a call (`foo()`), never "foo nothing"
            crate::t!(
                "diag-function-not-found",
                signature = sig.replacen(" (", "(", 1)
            ),
            Some(crate::t!("diag-function-not-found-help")),
            "diag-label-unknown-function",
            false,
        ),
        EvalAltResult::ErrorVariableNotFound(name, _) => (
            crate::t!("diag-variable-not-found", name = name.as_str()),
            parse_help("Undefined variable"),
            "diag-label-unknown-variable",
            false,
        ),
        EvalAltResult::ErrorModuleNotFound(name, _) => (
            crate::t!("diag-module-not-found", name = name.as_str()),
            Some(crate::t!("diag-module-not-found-help")),
            "diag-label-imported",
            false,
        ),
        other => (
            strip_position(&other.to_string()),
            None,
            "diag-label-here",
            false,
        ),
    };
    let label = crate::t!(label);
    // A check that fails inside a stdlib module is the caller's problem: show the caller's line.
    if source.starts_with("stdlib/")
        && matches!(e, EvalAltResult::ErrorRuntime(..))
        && let Some((usrc, upos)) = user_site
    {
        let failed = crate::t!("diag-label-failed");
        let mut d = build(message, help, &usrc, upos, &failed, interrupted);
        if let Some(l) = loc(&source, pos) {
            d.message
                .push_str(&format!("\n  {}", crate::t!("diag-raised-in", at = l)));
        }
        return d;
    }
    let mut d = build(message, help, &source, pos, &label, interrupted);
    add_frames(&mut d, &frames);
    d
}

fn add_frames(d: &mut ScriptDiagnostic, frames: &[String]) {
    if frames.is_empty() {
        return;
    }
    for f in frames.iter().rev() {
        d.message.push_str(&format!("\n  {f}"));
    }
}

/// Render a diagnostic the way `cwh run` prints it (to a string; stderr by the caller).
pub fn render(d: &ScriptDiagnostic) -> String {
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(theme());
    if handler.render_report(&mut out, d).is_err() || d.src.is_none() {
        out.clear();
        out.push_str(&format!("{} {}", crate::t!("label-error"), d.message));
        if let Some(l) = &d.location {
            out.push_str(&format!("\n  --> {l}"));
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("\n  {} {h}", crate::t!("label-help")));
        }
        out.push('\n');
    }
    crate::redact::redact(&out).into_owned()
}

/// The miette theme: colours only on a terminal without NO_COLOR.
pub fn theme() -> miette::GraphicalTheme {
    use std::io::IsTerminal;
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn offsets_respect_utf8() {
        let t = "ab\nçx = 1\n";
        assert_eq!(offset_of(t, 2, 2), Some(5));
        assert_eq!(offset_of(t, 1, 1), Some(0));
        assert_eq!(offset_of(t, 9, 1), None);
    }
}

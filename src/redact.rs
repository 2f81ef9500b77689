//! Process-wide secret redaction. Every secret the host learns (the VCC token, swarm join
//! tokens, passphrases) is registered here, and every log line, journal entry, error message
//! and debug dump goes through [`redact`] before it leaves the process.
use std::borrow::Cow;
use std::sync::{OnceLock, RwLock};

const MASK: &str = "[REDACTED]";

fn secrets() -> &'static RwLock<Vec<String>> {
    static S: OnceLock<RwLock<Vec<String>>> = OnceLock::new();
    S.get_or_init(|| RwLock::new(Vec::new()))
}

/// Register a secret value; from now on it is masked wherever it would be printed.
/// Very short values (under 4 characters) are ignored: masking them would garble output.
pub fn add_secret(value: &str) {
    let v = value.trim();
    if v.len() < 4 {
        return;
    }
    // the secret as it may appear: plain, JSON-escaped (journal lines), shell-quoted (commands)
    let json = serde_json::to_string(v).unwrap_or_default();
    let json = json.trim_matches('"').to_string();
    let shell = shell_escape::unix::escape(v.into()).into_owned();
    let mut s = secrets().write().unwrap_or_else(|e| e.into_inner());
    for form in [v.to_string(), json, shell] {
        if form.len() >= 4 && !s.contains(&form) {
            s.push(form);
        }
    }
    // longest first, so a secret containing another is masked whole
    s.sort_by_key(|x| std::cmp::Reverse(x.len()));
}

/// Mask every registered secret in `text`.
pub fn redact(text: &str) -> Cow<'_, str> {
    let s = secrets().read().unwrap_or_else(|e| e.into_inner());
    if s.iter().all(|x| !text.contains(x.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for x in s.iter() {
        out = out.replace(x.as_str(), MASK);
    }
    Cow::Owned(out)
}

/// A `tracing` writer that redacts secrets from every line written to stderr.
#[derive(Clone, Copy, Default)]
pub struct RedactingStderr;

impl std::io::Write for RedactingStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let red = redact(&text);
        std::io::Write::write_all(&mut std::io::stderr(), red.as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::Write::flush(&mut std::io::stderr())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for RedactingStderr {
    type Writer = RedactingStderr;
    fn make_writer(&'a self) -> Self::Writer {
        *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn masks_registered_secrets_longest_first() {
        add_secret("s.abcdef123456");
        add_secret("abc"); // too short: ignored
        assert_eq!(redact("token=s.abcdef123456!"), "token=[REDACTED]!");
        assert_eq!(redact("abc stays"), "abc stays");
        // escaped forms are masked too
        add_secret("pa\"ss'word");
        assert_eq!(
            redact(&serde_json::json!({"c": "x pa\"ss'word"}).to_string()),
            r#"{"c":"x [REDACTED]"}"#
        );
        let quoted = shell_escape::unix::escape("pa\"ss'word".into()).into_owned();
        assert_eq!(redact(&format!("echo {quoted}")), "echo [REDACTED]");
    }
}

//! Command-line usage errors (clap's) in the reader's language: clap writes them in English,
//! so under Japanese the common kinds are said again from their parts (the argument, the value,
//! the suggestion, the usage line); any other kind keeps clap's own text.
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message for `e` in Japanese, or `None` to let clap print its own.
pub fn japanese(e: &clap::Error) -> Option<String> {
    let text = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join("、")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => {
            let mut m = crate::t!("usage-unknown-argument", arg = arg.as_str());
            if let Some(s) = text(ContextKind::SuggestedArg) {
                m.push_str(&crate::t!("usage-did-you-mean", suggestion = s));
            }
            m
        }
        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut m = crate::t!("usage-unknown-command", command = command);
            if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                m.push_str(&crate::t!("usage-did-you-mean", suggestion = s));
            }
            m
        }
        ErrorKind::ArgumentConflict => crate::t!(
            "usage-conflict",
            arg = arg.as_str(),
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match text(ContextKind::InvalidValue) {
            Some(v) if !v.is_empty() => {
                let mut m = crate::t!("usage-bad-value", arg = arg.as_str(), value = v);
                if let Some(valid) = text(ContextKind::ValidValue) {
                    m.push_str(&crate::t!("usage-valid-values", values = valid));
                }
                m
            }
            _ => crate::t!("usage-value-required", arg = arg.as_str()),
        },
        ErrorKind::MissingRequiredArgument => {
            crate::t!("usage-missing-argument", arg = arg.as_str())
        }
        ErrorKind::ValueValidation => crate::t!(
            "usage-bad-value",
            arg = arg.as_str(),
            value = text(ContextKind::InvalidValue).unwrap_or_default()
        ),
        _ => return None,
    };
    let mut out = format!("{} {head}", crate::t!("label-error"));
    if let Some(u) = text(ContextKind::Usage) {
        let u = u.trim();
        let u = u.strip_prefix("Usage:").map(str::trim).unwrap_or(u);
        out.push_str(&format!("\n\n{}", crate::t!("usage-line", usage = u)));
    }
    out.push_str(&format!("\n\n{}", crate::t!("usage-more")));
    Some(out)
}

#[cfg(test)]
mod tests {
    use clap::{Arg, Command};

    fn error(args: &[&str]) -> clap::Error {
        Command::new("cwh")
            .subcommand(
                Command::new("run")
                    .arg(
                        Arg::new("sim")
                            .long("sim")
                            .num_args(0)
                            .conflicts_with("lab"),
                    )
                    .arg(Arg::new("lab").long("lab").num_args(0))
                    .arg(
                        Arg::new("out")
                            .long("output")
                            .value_parser(["text", "json"]),
                    ),
            )
            .try_get_matches_from(args)
            .unwrap_err()
    }

    /// Each common kind says what was wrong with the words the user typed (the test reads the
    /// English catalog: the language is process-wide and unit tests share the process).
    #[test]
    fn usage_errors_name_what_was_typed() {
        let said = |args: &[&str]| super::japanese(&error(args)).unwrap();
        let m = said(&["cwh", "run", "--simm"]);
        assert!(
            m.contains("no argument `--simm`") && m.contains("`--sim`"),
            "{m}"
        );
        let m = said(&["cwh", "runn"]);
        assert!(
            m.contains("no command `runn`") && m.contains("`run`"),
            "{m}"
        );
        let m = said(&["cwh", "run", "--sim", "--lab"]);
        assert!(m.contains("--sim") && m.contains("--lab"), "{m}");
        let m = said(&["cwh", "run", "--output", "yaml"]);
        assert!(m.contains("`yaml`") && m.contains("text、json"), "{m}");
        let m = said(&["cwh", "run", "--output"]);
        assert!(m.contains("needs a value"), "{m}");
    }
}

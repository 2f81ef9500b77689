//! Script parameters: `param(name [, default])` and `secret(name)`.
//!
//! `param` resolves, in order: `--set` (last wins) > `--params` YAML file > env
//! `CWH_PARAM_<UPPER_NAME>` > the default given in the call > an interactive prompt when stdin
//! is a terminal > an error naming the parameter. `secret` never reads `--set`/`--params`
//! (argv and files leak): a value the host supplies (the embedded simulator's token), env
//! `--token-file` for the VCC token, env `CWH_PARAM_<UPPER_NAME>` (and `VCC_ACCESS_TOKEN` for
//! `vcc_access_token`), then a no-echo prompt.
use rhai::Dynamic;
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The name of the VCC token secret.
pub const VCC_TOKEN: &str = "vcc_access_token";

/// Errors while collecting or resolving parameters.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ParamError {
    #[error("{}", crate::t!("params-set-syntax", arg = .0.as_str()))]
    #[diagnostic(code = "cwh::params::set_syntax", help("{}", crate::t!("params-set-syntax-help")))]
    SetSyntax(String),
    #[error("--set {key}: {message}")]
    #[diagnostic(code = "cwh::params::set_value", help("{}", crate::t!("params-set-value-help")))]
    SetValue { key: String, message: String },
    #[error("{}", crate::t!("params-file-read", path = .path.display().to_string(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::file")]
    FileRead { path: PathBuf, message: String },
    #[error("{}", crate::t!("params-file-yaml", path = .path.display().to_string(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::yaml", help("{}", crate::t!("params-file-yaml-help")))]
    FileYaml { path: PathBuf, message: String },
    #[error("{}", crate::t!("script-token-file-read", path = .path.display().to_string(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::token_file")]
    TokenFile { path: PathBuf, message: String },
    #[error("{}", crate::t!("script-token-file-empty", path = .path.display().to_string()))]
    #[diagnostic(code = "cwh::params::token_file")]
    TokenEmpty { path: PathBuf },
    /// A token file that holds something else than a token (never quoted).
    #[error("{}", crate::t!("script-token-file-invalid", path = .path.display().to_string(), problem = .problem.as_str()))]
    #[diagnostic(
        code = "cwh::params::token_file",
        help("{}", crate::t!("script-token-file-invalid-help"))
    )]
    TokenFileInvalid { path: PathBuf, problem: String },
    /// A token in the environment that is not a token (never quoted).
    #[error("{}", crate::t!("script-token-env-invalid", var = .var.as_str(), problem = .problem.as_str()))]
    #[diagnostic(
        code = "cwh::params::env_value",
        help("{}", crate::t!("script-token-env-invalid-help", var = .var.as_str()))
    )]
    TokenEnvInvalid { var: String, problem: String },
    /// A token typed at the prompt that is not a token (never quoted).
    #[error("{}", crate::t!("script-token-prompt-invalid", problem = .problem.as_str()))]
    #[diagnostic(
        code = "cwh::params::prompt_value",
        help("{}", crate::t!("script-token-prompt-invalid-help"))
    )]
    TokenPromptInvalid { problem: String },
    /// `param(name)` found no value; `at` is the call site (`file:line:col`).
    #[error("{}", crate::t!("params-missing", name = .name.as_str(), at = .at.as_str()))]
    #[diagnostic(code = "cwh::params::missing", help("{}", Params::how_to_pass(name)))]
    Missing { name: String, at: String },
    /// `secret(name)` found no value; `at` is the call site.
    #[error("{}", crate::t!("params-missing-secret", name = .name.as_str(), at = .at.as_str()))]
    #[diagnostic(
        code = "cwh::params::missing_secret",
        help("{}", Params::how_to_pass_secret(name))
    )]
    MissingSecret { name: String, at: String },
    #[error("{}", crate::t!("script-env-value", name = .name.as_str(), var = .var.as_str(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::env_value")]
    EnvValue {
        name: String,
        var: String,
        message: String,
    },
    /// The answer typed at a parameter's prompt is not valid YAML (kept for scripts that
    /// match on the kind; the prompt asks again instead).
    #[error("{message}")]
    #[diagnostic(code = "cwh::params::prompt_value")]
    PromptValue { name: String, message: String },
    #[error("{}", crate::t!("script-prompt-failed", name = .name.as_str(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::prompt")]
    Prompt { name: String, message: String },
    #[error("{}", crate::t!("script-secret-prompt-failed", name = .name.as_str(), problem = .message.as_str()))]
    #[diagnostic(code = "cwh::params::prompt")]
    SecretPrompt { name: String, message: String },
}

/// What a script says about one of its parameters, found without running it: the comment
/// above the `param()` call, where it is asked, and the check the script makes on it (so a
/// prompt explains the parameter and checks an answer at once, as the script would later).
#[derive(Debug, Clone, Default)]
pub struct ParamHelp {
    pub doc: String,
    pub at: String,
    pub rule: Option<Rule>,
}

/// A check a script makes on a parameter (the stdlib's `check::at_least`, `one_of`, `ipv4`…).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// A whole number, at least this.
    AtLeast(i64),
    /// One of these words.
    OneOf(Vec<String>),
    /// A dotted IPv4 address.
    Ipv4,
    /// A file path (not empty).
    Path,
}

impl Rule {
    /// What the answer should be, in words (`a whole number, at least 16`).
    pub fn expected(&self) -> String {
        match self {
            Rule::AtLeast(min) => crate::t!("expect-number-min", min = *min),
            Rule::OneOf(c) => crate::t!("expect-one-of", choices = crate::i18n::words::list(c)),
            Rule::Ipv4 => crate::t!("expect-ipv4"),
            Rule::Path => crate::t!("expect-path"),
        }
    }

    /// Why `v` (typed as `typed`) does not pass, or `None`.
    pub fn problem(&self, name: &str, v: &Dynamic, typed: &str) -> Option<String> {
        let shown = crate::i18n::words::quoted(typed);
        let bad = match self {
            Rule::AtLeast(min) => match v.as_int() {
                Ok(n) if n >= *min => return None,
                Ok(_) => crate::t!("answer-too-small", name = name, min = *min, typed = shown),
                Err(_) => crate::t!("answer-need-number", name = name, min = *min, typed = shown),
            },
            Rule::OneOf(c) => {
                let s = v.to_string();
                if c.contains(&s) {
                    return None;
                }
                crate::t!(
                    "answer-not-choice",
                    name = name,
                    choices = crate::i18n::words::list(c),
                    typed = shown
                )
            }
            Rule::Ipv4 => {
                if v.clone()
                    .into_string()
                    .is_ok_and(|s| s.parse::<std::net::Ipv4Addr>().is_ok())
                {
                    return None;
                }
                crate::t!("answer-not-ipv4", name = name, typed = shown)
            }
            Rule::Path => {
                if v.is_string() {
                    return None;
                }
                crate::t!("answer-not-path", name = name, typed = shown)
            }
        };
        Some(match crate::i18n::words::invisible(typed) {
            Some(note) => format!("{bad} ({note})"),
            None => bad,
        })
    }
}

fn help_registry() -> &'static std::sync::Mutex<HashMap<String, ParamHelp>> {
    static HELP: std::sync::OnceLock<std::sync::Mutex<HashMap<String, ParamHelp>>> =
        std::sync::OnceLock::new();
    HELP.get_or_init(Default::default)
}

/// Tell the prompts about a parameter of the script about to run (`cwh run`'s scan).
pub fn describe(name: &str, help: ParamHelp) {
    help_registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(name.to_string(), help);
}

fn help_of(name: &str) -> ParamHelp {
    help_registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(name)
        .cloned()
        .unwrap_or_default()
}

/// The meaning of a parameter in the reader's language: the catalog's `param-about-NAME` in
/// Japanese where it has one (the shipped scripts' parameters), else the script's comment.
pub fn about(name: &str, doc: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::Ja {
        let key = format!("param-about-{name}");
        let m = crate::i18n::message(&key, &[]);
        if m != key {
            return m;
        }
    }
    doc.to_string()
}

/// The lines shown above a parameter's prompt.
fn prompt_header(name: &str, help: &ParamHelp) -> String {
    let about = about(name, &help.doc);
    let mut out = if about.is_empty() {
        crate::t!("prompt-head-bare", name = name)
    } else {
        crate::t!("prompt-head", name = name, about = about)
    };
    let expected = help
        .rule
        .as_ref()
        .map_or_else(|| crate::t!("expect-any"), Rule::expected);
    out.push_str("\n  ");
    out.push_str(&crate::t!("prompt-expected", expected = expected));
    out.push_str("\n  ");
    out.push_str(&if help.at.is_empty() {
        crate::t!("prompt-no-default-bare")
    } else {
        crate::t!("prompt-no-default", at = help.at.clone())
    });
    out
}

/// The parameter sources of one run.
#[derive(Default)]
pub struct Params {
    sets: HashMap<String, Dynamic>,
    file: Option<(PathBuf, rhai::Map)>,
    token_file: Option<PathBuf>,
    host_secrets: HashMap<String, String>,
    /// A default the host supplies, and the user's own files it stands in for.
    host_defaults: HashMap<String, (Dynamic, Vec<String>)>,
    interactive: bool,
    /// Secrets typed at a prompt, asked once per run.
    prompted: std::sync::Mutex<HashMap<String, String>>,
    /// The values parameters resolved to so far (a flavor's prompt lists the flavors of the
    /// provider chosen before it).
    resolved: std::sync::Mutex<HashMap<String, Dynamic>>,
}

/// Secrets the host itself reads (not through the script's `secret()` calls).
pub const HOST_SECRETS: &[&str] = &[VCC_TOKEN, "ssh_key_passphrase"];

/// What the strict check of a run's parameters found (see [`Params::strict`]).
#[derive(Debug, Default)]
pub struct Strictness {
    /// `--set` keys the script never asks for: the run stops before anything happens.
    pub errors: Vec<String>,
    /// `--params` file keys the script never asks for (the file may serve other scripts).
    pub warnings: Vec<String>,
    /// `CWH_PARAM_*` variables the script never asks for: ignored, listed at -v.
    pub ignored_env: Vec<String>,
}

fn did_you_mean(key: &str, asked: &BTreeSet<String>) -> String {
    let lower = key.to_ascii_lowercase();
    if lower != key && asked.contains(&lower) {
        return crate::t!("params-did-you-mean-lower", name = lower);
    }
    // a name cut short (`ssh_public_key` for `ssh_public_key_path`)
    if lower.len() >= 4
        && let Some(a) = asked.iter().find(|a| a.starts_with(&lower))
    {
        return crate::t!("params-did-you-mean", name = a.as_str());
    }
    match crate::script::check::suggest(&lower, asked.iter()) {
        Some(s) => crate::t!("params-did-you-mean", name = s),
        None => String::new(),
    }
}

/// Environment variable consulted for parameter `name`: `CWH_PARAM_<UPPER_NAME>`.
pub fn env_name(name: &str) -> String {
    let up: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("CWH_PARAM_{up}")
}

/// Type a textual value with the YAML 1.2 core schema: `3` → int, `true` → bool,
/// `[a, b]` → array, `No` and `"16"` stay strings; an empty value is the empty string.
pub fn type_value(text: &str) -> Result<Dynamic, String> {
    if text.trim().is_empty() {
        return Ok(Dynamic::from(text.to_string()));
    }
    let opts = serde_saphyr::options! { strict_booleans: true };
    match serde_saphyr::from_str_with_options::<Dynamic>(text, opts) {
        Ok(v) if v.is_unit() => Ok(Dynamic::from(text.to_string())),
        Ok(v) => Ok(v),
        Err(e) => Err(first_line(&e.to_string())),
    }
}

/// serde-saphyr's message, with advice meant for programmers replaced by the user's fix.
fn yaml_message(m: &str) -> String {
    m.replace(
        ", set DuplicateKeyPolicy in Options if acceptable",
        &crate::t!("script-yaml-duplicate"),
    )
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

impl Params {
    /// Collect `--set` pairs, an optional `--params` file and `--token-file`.
    pub fn new(
        sets: &[String],
        file: Option<&Path>,
        token_file: Option<PathBuf>,
    ) -> Result<Self, ParamError> {
        let mut p = Params {
            token_file,
            interactive: std::io::stdin().is_terminal(),
            ..Default::default()
        };
        for s in sets {
            let (k, v) = s
                .split_once('=')
                .ok_or_else(|| ParamError::SetSyntax(s.clone()))?;
            let k = k.trim();
            if k.is_empty() {
                return Err(ParamError::SetSyntax(s.clone()));
            }
            let val = type_value(v).map_err(|message| ParamError::SetValue {
                key: k.to_string(),
                message,
            })?;
            p.sets.insert(k.to_string(), val);
        }
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|e| ParamError::FileRead {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            let opts = serde_saphyr::options! { strict_booleans: true };
            let value: Dynamic = serde_saphyr::from_str_with_options(&text, opts).map_err(|e| {
                ParamError::FileYaml {
                    path: path.to_path_buf(),
                    message: yaml_message(&e.to_string()),
                }
            })?;
            let map = if value.is_unit() {
                rhai::Map::new()
            } else {
                value
                    .try_cast::<rhai::Map>()
                    .ok_or_else(|| ParamError::FileYaml {
                        path: path.to_path_buf(),
                        message: crate::t!("script-params-not-mapping"),
                    })?
            };
            p.file = Some((path.to_path_buf(), map));
        }
        Ok(p)
    }

    /// Disable prompts (tests, `--no-input`).
    pub fn non_interactive(mut self) -> Self {
        self.interactive = false;
        self
    }

    /// A secret supplied by the host itself (the embedded simulator's token).
    pub fn supply_secret(&mut self, name: &str, value: String) {
        crate::redact::add_secret(&value);
        self.host_secrets.insert(name.to_string(), value);
    }

    /// A default the host supplies for `--sim`/`--lab` runs (the lab's key pair and known_hosts
    /// file), standing in for the user's own files `replaces` (`~/.ssh/known_hosts`): below
    /// --set, --params and the environment, and below a default the script gives unless that
    /// default is one of `replaces`. So a value saved in group_vars (the script's default, e.g.
    /// `saved.known_hosts_file ?? "~/.ssh/known_hosts"`) wins, and a rehearsal never writes to
    /// the user's own files when nothing else was said.
    pub fn supply_default(&mut self, name: &str, value: Dynamic, replaces: &[&str]) {
        let replaces = replaces
            .iter()
            .map(|r| crate::files::expand_home(r))
            .collect();
        self.host_defaults
            .insert(name.to_string(), (value, replaces));
    }

    /// Does the host's default for `name` win over the script's `default`?
    fn host_default(&self, name: &str, default: Option<&Dynamic>) -> Option<Dynamic> {
        let (value, replaces) = self.host_defaults.get(name)?;
        match default {
            None => Some(value.clone()),
            Some(d) => {
                let d = d.clone().into_string().ok()?;
                replaces
                    .contains(&crate::files::expand_home(d.trim()))
                    .then(|| value.clone())
            }
        }
    }

    /// Check the keys given against the parameters a script asks for (`asked`) and the secrets
    /// it reads (`secrets`, plus [`HOST_SECRETS`]), as Terraform treats variables: a `--set`
    /// key nobody asks for is an error, a `--params` file key a warning (one site file serves
    /// several scripts), a `CWH_PARAM_*` variable is ignored. `script` names the script in the
    /// messages. With `dynamic` (a `param()` whose name is computed) errors become warnings.
    pub fn strict(
        &self,
        script: &str,
        asked: &BTreeSet<String>,
        secrets: &BTreeSet<String>,
        dynamic: bool,
    ) -> Strictness {
        let mut out = Strictness::default();
        let is_secret = |k: &str| secrets.contains(k) || HOST_SECRETS.contains(&k);
        let mut keys: Vec<&String> = self.sets.keys().collect();
        keys.sort();
        for k in keys {
            if asked.contains(k) {
                continue;
            }
            let msg = if is_secret(k) {
                crate::t!(
                    "script-set-secret",
                    key = k.as_str(),
                    how = Params::how_to_pass_secret(k)
                )
            } else {
                crate::t!(
                    "params-set-unknown",
                    key = k.as_str(),
                    script = script,
                    hint = did_you_mean(k, asked)
                )
            };
            if dynamic && !is_secret(k) {
                out.warnings.push(msg);
            } else {
                out.errors.push(msg);
            }
        }
        if let Some((path, m)) = &self.file {
            let mut keys: Vec<String> = m.keys().map(|k| k.to_string()).collect();
            keys.sort();
            for k in keys {
                if asked.contains(&k) {
                    continue;
                }
                out.warnings.push(if is_secret(&k) {
                    crate::t!(
                        "script-file-secret",
                        file = path.display().to_string(),
                        key = k.as_str(),
                        env = env_name(&k)
                    )
                } else {
                    crate::t!(
                        "script-file-unknown",
                        file = path.display().to_string(),
                        key = k.as_str(),
                        script = script,
                        hint = did_you_mean(&k, asked)
                    )
                });
            }
        }
        let known: BTreeSet<String> = asked
            .iter()
            .chain(secrets.iter())
            .map(|n| env_name(n))
            .chain(HOST_SECRETS.iter().map(|n| env_name(n)))
            .collect();
        let mut env: Vec<String> = std::env::vars_os()
            .filter_map(|(k, _)| k.into_string().ok())
            .filter(|k| k.starts_with("CWH_PARAM_") && !known.contains(k))
            .collect();
        env.sort();
        out.ignored_env = env;
        out
    }

    /// Resolve `param(name [, default])`. `Ok(None)`: nowhere to be found.
    pub fn param(
        &self,
        name: &str,
        default: Option<Dynamic>,
    ) -> Result<Option<Dynamic>, ParamError> {
        let v = self.resolve(name, default)?;
        if let Some(v) = &v {
            self.resolved
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(name.to_string(), v.clone());
        }
        Ok(v)
    }

    fn resolve(&self, name: &str, default: Option<Dynamic>) -> Result<Option<Dynamic>, ParamError> {
        if let Some(v) = self.sets.get(name) {
            return Ok(Some(v.clone()));
        }
        if let Some((_, m)) = &self.file
            && let Some(v) = m.get(name)
        {
            return Ok(Some(v.clone()));
        }
        if let Ok(v) = std::env::var(env_name(name)) {
            return type_value(&v)
                .map(Some)
                .map_err(|message| ParamError::EnvValue {
                    name: name.to_string(),
                    var: env_name(name),
                    message,
                });
        }
        if let Some(v) = self.host_default(name, default.as_ref()) {
            return Ok(Some(v));
        }
        if default.is_some() {
            return Ok(default);
        }
        if self.interactive {
            return self.ask(name).map(Some);
        }
        Ok(None)
    }

    /// Ask for `name` on the terminal: what it means and what it takes first, then the
    /// question; a bad answer is explained and asked again at once (Ctrl-C stops).
    fn ask(&self, name: &str) -> Result<Dynamic, ParamError> {
        let mut help = help_of(name);
        let flavors = self.flavor_choices(name, &mut help);
        let mut header = prompt_header(name, &help);
        if let Some(f) = flavors {
            header.push_str("\n  ");
            header.push_str(&f);
        }
        let _ = crate::script::prompt::say(&header);
        loop {
            let line = crate::script::prompt::ask(&format!("{name}: ")).map_err(|e| {
                ParamError::Prompt {
                    name: name.to_string(),
                    message: e.to_string(),
                }
            })?;
            let typed = line.trim();
            let problem = if typed.is_empty() {
                if line.is_empty() && crate::script::prompt::at_eof() {
                    // the terminal closed (Ctrl-D): no answer will come
                    return Err(ParamError::Prompt {
                        name: name.to_string(),
                        message: crate::t!("prompt-closed"),
                    });
                }
                crate::t!("answer-empty", name = name)
            } else {
                match type_value(typed) {
                    Err(problem) => {
                        crate::t!("answer-unreadable", name = name, problem = problem)
                    }
                    Ok(v) => match help.rule.as_ref().and_then(|r| r.problem(name, &v, typed)) {
                        None => return Ok(v),
                        Some(p) => p,
                    },
                }
            };
            let _ = crate::script::prompt::say(&format!(
                "  {problem}\n  {}",
                crate::t!("prompt-retry")
            ));
        }
    }

    /// The provider a flavor belongs to: `vc_provider` as resolved so far, else as given
    /// (--set, --params, the environment); never asked for.
    fn known_provider(&self) -> Option<String> {
        let name = "vc_provider";
        let resolved = self
            .resolved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned();
        let v = resolved
            .or_else(|| self.sets.get(name).cloned())
            .or_else(|| self.file.as_ref().and_then(|(_, m)| m.get(name).cloned()))
            .or_else(|| {
                std::env::var(env_name(name))
                    .ok()
                    .and_then(|v| type_value(&v).ok())
            })?;
        v.into_string().ok().filter(|s| !s.trim().is_empty())
    }

    /// For a parameter named like a flavor (`vc_flavor`, `manager_flavor`…), when the run has
    /// a VCC (the simulator too): the provider's flavors as the answer's choices, and a line
    /// saying where they come from; when the provider is not known yet, every provider's
    /// flavors (not enforced). Nothing when there is no VCC at hand or nothing is known.
    fn flavor_choices(&self, name: &str, help: &mut ParamHelp) -> Option<String> {
        if !(name == "flavor" || name.ends_with("_flavor")) {
            return None;
        }
        let client = crate::plan::recap::watched()?;
        let names = |p: &str| -> Option<Vec<String>> {
            let f = client.flavors(p).ok()?;
            let v: Vec<String> = f.keys().iter().map(|k| k.to_string()).collect();
            (!v.is_empty()).then_some(v)
        };
        if let Some(p) = self.known_provider()
            && let Some(choices) = names(&p)
        {
            // the choices are the answer's rule (listed on the "expected" line); where they
            // come from is said below it
            if help.rule.is_none() {
                help.rule = Some(Rule::OneOf(choices));
                return Some(crate::t!("script-prompt-flavors-from", provider = p));
            }
            return Some(crate::t!(
                "script-prompt-flavors",
                provider = p,
                choices = crate::i18n::words::list(&choices)
            ));
        }
        // the provider is not known yet: the flavors of every provider the VCC knows
        let known = match client.flavors("") {
            Err(crate::vcc::VccError::UnknownProvider { known, .. }) => known,
            _ => return None,
        };
        let per: Vec<String> = known
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .filter_map(|p| Some(format!("{p}: {}", names(p)?.join(", "))))
            .collect();
        (!per.is_empty()).then(|| {
            let mut text = crate::t!("script-prompt-flavors-all");
            for line in per {
                text.push_str("\n    ");
                text.push_str(&line);
            }
            text
        })
    }

    /// `param(name [, default])` as scripts see it: a value, or [`ParamError::Missing`] naming
    /// the call site `at`.
    pub fn require(
        &self,
        name: &str,
        default: Option<Dynamic>,
        at: &str,
    ) -> Result<Dynamic, ParamError> {
        self.param(name, default)?
            .ok_or_else(|| ParamError::Missing {
                name: name.to_string(),
                at: at.to_string(),
            })
    }

    /// Resolve `secret(name)`. The value is registered for redaction before it is returned.
    pub fn secret(&self, name: &str) -> Result<Option<String>, ParamError> {
        let v = self.secret_raw(name)?;
        if let Some(v) = &v {
            crate::redact::add_secret(v);
        }
        Ok(v)
    }

    /// `secret(name)` as scripts see it: a value, or [`ParamError::MissingSecret`] naming the
    /// call site `at`.
    pub fn require_secret(&self, name: &str, at: &str) -> Result<String, ParamError> {
        self.secret(name)?.ok_or_else(|| ParamError::MissingSecret {
            name: name.to_string(),
            at: at.to_string(),
        })
    }

    fn secret_raw(&self, name: &str) -> Result<Option<String>, ParamError> {
        if let Some(v) = self.host_secrets.get(name) {
            return Ok(Some(v.clone()));
        }
        // an explicit --token-file wins over a token exported in the environment
        if name == VCC_TOKEN
            && let Some(path) = &self.token_file
        {
            return read_token_file(path).map(Some);
        }
        let token_env = |var: String| -> Result<Option<String>, ParamError> {
            let Some(v) = std::env::var_os(&var) else {
                return Ok(None);
            };
            let Some(v) = v.to_str() else {
                return Err(ParamError::TokenEnvInvalid {
                    var,
                    problem: crate::t!("script-token-not-text"),
                });
            };
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            match crate::vcc::http::token_problem(v) {
                Some(problem) => Err(ParamError::TokenEnvInvalid { var, problem }),
                None => Ok(Some(v.to_string())),
            }
        };
        if name == VCC_TOKEN {
            for var in [env_name(name), "VCC_ACCESS_TOKEN".to_string()] {
                if let Some(v) = token_env(var)? {
                    return Ok(Some(v));
                }
            }
        } else if let Ok(v) = std::env::var(env_name(name))
            && !v.trim().is_empty()
        {
            return Ok(Some(v.trim().to_string()));
        }
        if self.interactive {
            let mut prompted = self.prompted.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(v) = prompted.get(name) {
                return Ok(Some(v.clone()));
            }
            let v = rpassword::prompt_password(crate::t!("script-secret-prompt", name = name))
                .map_err(|e| ParamError::SecretPrompt {
                    name: name.to_string(),
                    message: e.to_string(),
                })?;
            if name == VCC_TOKEN
                && let Some(problem) = crate::vcc::http::token_problem(v.trim())
            {
                return Err(ParamError::TokenPromptInvalid { problem });
            }
            if !v.trim().is_empty() {
                prompted.insert(name.to_string(), v.trim().to_string());
                return Ok(Some(v.trim().to_string()));
            }
        }
        Ok(None)
    }

    /// How to pass parameter `name`, for error messages.
    pub fn how_to_pass(name: &str) -> String {
        crate::t!("params-how-to-pass", name = name, env = env_name(name))
    }

    /// How to pass secret `name`, for error messages.
    pub fn how_to_pass_secret(name: &str) -> String {
        if name == VCC_TOKEN {
            crate::t!("params-how-to-pass-token")
        } else {
            crate::t!("params-how-to-pass-secret", env = env_name(name))
        }
    }
}

/// The VCC token in `path` (trimmed): checked to be a token before anything uses it, read no
/// further than a token can be long (a 1 GB file is not read into memory), never quoted in
/// an error.
fn read_token_file(path: &Path) -> Result<String, ParamError> {
    use crate::vcc::http::{MAX_TOKEN_LEN, token_problem};
    use std::io::Read;
    let io = |e: std::io::Error| ParamError::TokenFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let invalid = |problem: String| ParamError::TokenFileInvalid {
        path: path.to_path_buf(),
        problem,
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    let mut bytes = Vec::new();
    // a token is short: read a little more than the longest one, with room for blank lines
    f.take(MAX_TOKEN_LEN as u64 * 2)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if size > MAX_TOKEN_LEN as u64 * 2 {
        return Err(invalid(crate::t!(
            "script-token-too-long",
            size = size,
            max = MAX_TOKEN_LEN
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| invalid(crate::t!("script-token-not-text")))?;
    let t = text.trim();
    if t.is_empty() {
        return Err(ParamError::TokenEmpty {
            path: path.to_path_buf(),
        });
    }
    match token_problem(t) {
        Some(problem) => Err(invalid(problem)),
        None => Ok(t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_core_typing() {
        assert_eq!(type_value("3").unwrap().as_int().unwrap(), 3);
        assert!(type_value("true").unwrap().as_bool().unwrap());
        assert_eq!(type_value("No").unwrap().into_string().unwrap(), "No");
        assert_eq!(type_value("\"16\"").unwrap().into_string().unwrap(), "16");
        let a = type_value("[a, b]").unwrap().into_array().unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(type_value("").unwrap().into_string().unwrap(), "");
    }

    #[test]
    fn strictness_of_set_file_and_env() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("p.yml");
        std::fs::write(
            &f,
            "vc_node: 5\nvc_flavour: large\nvc_nodes: 2\nvcc_access_token: x\n",
        )
        .unwrap();
        let sets = [
            "vc_node=5".to_string(),
            "VC_NODES=3".to_string(),
            "vc_nodes=1".to_string(),
            "ssh_key_passphrase=p".to_string(),
        ];
        let p = Params::new(&sets, Some(&f), None).unwrap();
        let asked: BTreeSet<String> = ["vc_nodes", "vc_flavor"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let st = p.strict("s.rhai", &asked, &BTreeSet::new(), false);
        assert_eq!(st.errors.len(), 3, "{:?}", st.errors);
        assert!(
            st.errors
                .iter()
                .any(|e| e.contains("--set vc_node:") && e.contains("did you mean `vc_nodes`"))
        );
        assert!(
            st.errors
                .iter()
                .any(|e| e.contains("--set VC_NODES:") && e.contains("lower case"))
        );
        assert!(
            st.errors
                .iter()
                .any(|e| e.contains("ssh_key_passphrase is a secret")
                    || (e.contains("`ssh_key_passphrase` is a secret")
                        && e.contains("CWH_PARAM_SSH_KEY_PASSPHRASE")))
        );
        assert_eq!(st.warnings.len(), 3, "{:?}", st.warnings);
        assert!(
            st.warnings
                .iter()
                .any(|w| w.contains("`vc_flavour`") && w.contains("did you mean `vc_flavor`"))
        );
        // computed names downgrade --set errors, never the secret ones
        let st = p.strict("s.rhai", &asked, &BTreeSet::new(), true);
        assert_eq!(st.errors.len(), 1, "{:?}", st.errors);
    }

    #[test]
    fn duplicate_keys_say_what_to_do() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("p.yml");
        std::fs::write(&f, "vc_nodes: 2\nvc_nodes: 3\n").unwrap();
        let e = Params::new(&[], Some(&f), None).err().unwrap().to_string();
        assert!(e.contains("vc_nodes") && e.contains("delete one"), "{e}");
        assert!(!e.contains("DuplicateKeyPolicy"), "{e}");
    }

    #[test]
    fn missing_values_and_bad_token_files_are_params_errors() {
        use miette::Diagnostic;
        let p = Params::new(&[], None, None).unwrap().non_interactive();
        let e = p.require("vc_flavor", None, "p.rhai:2:7").unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::params::missing");
        assert_eq!(
            e.to_string(),
            "missing parameter `vc_flavor` (param(\"vc_flavor\") at p.rhai:2:7)"
        );
        let help = e.help().unwrap().to_string();
        assert!(help.contains("--set vc_flavor=VALUE") && help.contains("CWH_PARAM_VC_FLAVOR"));
        let v = p
            .require("vc_flavor", Some(Dynamic::from(3_i64)), "x")
            .unwrap();
        assert_eq!(v.as_int().unwrap(), 3);

        let e = p
            .require_secret("cwh_unit_absent_secret", "s.rhai:1:1")
            .unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::params::missing_secret");
        assert!(e.to_string().contains("at s.rhai:1:1"), "{e}");
        assert!(
            e.help()
                .unwrap()
                .to_string()
                .contains("CWH_PARAM_CWH_UNIT_ABSENT_SECRET")
        );

        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("token");
        std::fs::write(&f, "  \n").unwrap();
        let p = Params::new(&[], None, Some(f.clone()))
            .unwrap()
            .non_interactive();
        let e = p.secret(VCC_TOKEN).unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::params::token_file");
        assert_eq!(
            e.to_string(),
            format!("token file {} is empty", f.display())
        );
        let p = Params::new(&[], None, Some(d.path().join("none"))).unwrap();
        let e = p.secret(VCC_TOKEN).unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::params::token_file");
    }

    #[test]
    fn a_token_file_that_is_no_token_is_refused_without_quoting_it() {
        use miette::Diagnostic;
        let d = tempfile::tempdir().unwrap();
        let secret = |f: &Path| {
            Params::new(&[], None, Some(f.to_path_buf()))
                .unwrap()
                .non_interactive()
                .secret(VCC_TOKEN)
        };
        let big = d.path().join("big");
        std::fs::write(&big, "s.x".repeat(400_000)).unwrap();
        let e = secret(&big).unwrap_err();
        assert_eq!(e.code().unwrap().to_string(), "cwh::params::token_file");
        let m = e.to_string();
        assert!(
            m.contains("1200000 bytes long") && !m.contains("s.xs.x"),
            "{m}"
        );
        assert!(e.help().unwrap().to_string().contains("VCP portal"));
        let bin = d.path().join("bin");
        std::fs::write(&bin, b"s.tok\xff\xfe\x00\x01en\n").unwrap();
        let m = secret(&bin).unwrap_err().to_string();
        assert!(
            m.contains("not printable text") && !m.contains("s.tok"),
            "{m}"
        );
        let ctl = d.path().join("ctl");
        std::fs::write(&ctl, "s.tok\x1b[31men\n").unwrap();
        assert!(
            secret(&ctl)
                .unwrap_err()
                .to_string()
                .contains("not printable")
        );
        let ok = d.path().join("ok");
        std::fs::write(&ok, "\n  s.Good-Token_1  \n\n").unwrap();
        assert_eq!(secret(&ok).unwrap().as_deref(), Some("s.Good-Token_1"));
    }

    #[test]
    fn a_saved_or_given_value_wins_over_the_hosts_default() {
        let lab_kh = "/w/.cwh/known_hosts";
        let host = |sets: &[String]| {
            let mut p = Params::new(sets, None, None).unwrap().non_interactive();
            p.supply_default(
                "known_hosts_file",
                Dynamic::from(lab_kh.to_string()),
                &["~/.ssh/known_hosts"],
            );
            p
        };
        let get = |p: &Params, default: Option<&str>| {
            p.param(
                "known_hosts_file",
                default.map(|d| Dynamic::from(d.to_string())),
            )
            .unwrap()
            .unwrap()
            .into_string()
            .unwrap()
        };
        let p = host(&[]);
        // the script's fallback, the user's own file: the lab's file instead
        assert_eq!(get(&p, Some("~/.ssh/known_hosts")), lab_kh);
        let home = crate::files::expand_home("~/.ssh/known_hosts");
        assert_eq!(get(&p, Some(&home)), lab_kh);
        // no default at all: the lab's file
        assert_eq!(get(&p, None), lab_kh);
        // a custom file saved in group_vars (the script's default): it wins
        assert_eq!(
            get(&p, Some("/srv/site/known_hosts")),
            "/srv/site/known_hosts"
        );
        assert_eq!(
            get(&p, Some("~/.ssh/known_hosts_site")),
            "~/.ssh/known_hosts_site"
        );
        // a value the user gives wins over both
        let p = host(&["known_hosts_file=/tmp/kh".to_string()]);
        assert_eq!(get(&p, Some("~/.ssh/known_hosts")), "/tmp/kh");
    }

    #[test]
    fn env_names() {
        assert_eq!(env_name("vc_nodes"), "CWH_PARAM_VC_NODES");
        assert_eq!(env_name("a-b"), "CWH_PARAM_A_B");
    }
}

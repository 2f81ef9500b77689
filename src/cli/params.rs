//! `cwh params SCRIPT`: the parameters a script asks for, found statically (following its
//! imports), and the strict check `cwh run` makes with them before anything happens.
use crate::cli::common::{self, ScriptOpts};
use crate::cli::error::{self, Result};
use crate::exit::{self, Failure};
use crate::script::check::{self, ScriptParams};
use crate::script::diagnostics;
use crate::script::modules::Resolver;
use crate::script::params::{Params, env_name};
use crate::t;
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// List the parameters a script asks for: name, default, where it is asked, its comment.
///
/// Found without running anything, in the script and every module it imports (script
/// directory, --lib, CWH_LIB, the embedded stdlib). A parameter without a default must be
/// given (--set, --params, CWH_PARAM_<NAME>) or typed at a prompt. `cwh run` refuses a --set
/// key that the script never asks for, and warns about such a key in a --params file.
///
/// Examples:
///   cwh params scripts/coursewarehub.rhai
///   cwh params scripts/add-workers.rhai --output json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ParamsArgs {
    /// The script (a .rhai file).
    pub script: PathBuf,
    /// Extra module directories, as for `cwh run`.
    #[arg(long = "lib", value_name = "DIR")]
    pub libs: Vec<PathBuf>,
    /// `table` (default) or `json`.
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    pub output: String,
}

/// Compile `text` (named `name`, at `script`) and find its parameters. A script that does not
/// compile is reported here (exit 1), before anything else happens.
pub fn scan(script: &Path, name: &str, text: &str, libs: &[PathBuf]) -> Result<ScriptParams> {
    let engine = crate::script::engine::bare();
    let ast = engine
        .compile(text)
        .map_err(|e| diagnostics::from_parse(&e, name))?;
    let resolver = Resolver::new(Some(common::main_dir(script)), libs);
    Ok(check::script_params(&engine, &resolver, &ast, name, text))
}

/// `cwh run`'s strict check: unknown --set keys stop the run (exit 2) with a did-you-mean,
/// unknown --params keys are warnings, unknown CWH_PARAM_* variables are listed at -v.
pub fn strict_check(opts: &ScriptOpts, script: &Path, name: &str, text: &str) -> Result {
    let found = scan(script, name, text, &opts.libs)?;
    describe_for_prompts(&found);
    let params = Params::new(&opts.sets, opts.params.as_deref(), None)
        .map_err(|e| error::diagnostic(&e, exit::USAGE))?;
    let st = params.strict(
        name,
        &found.names(),
        &found.secrets(),
        !found.dynamic.is_empty(),
    );
    for w in &st.warnings {
        tracing::warn!("{w}");
    }
    for e in &st.ignored_env {
        tracing::debug!(target: "cwh::params", "{e} is ignored: {name} asks for no such parameter");
    }
    if st.errors.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = found.names().into_iter().collect();
    let mut f = Failure::usage(&st.errors[0]);
    for e in &st.errors[1..] {
        f = f.and(e);
    }
    Err(f
        .help(t!(
            "params-strict-help",
            script = name,
            names = if names.is_empty() {
                t!("params-no-parameters")
            } else {
                names.join(", ")
            },
            path = script.display().to_string()
        ))
        .into())
}

/// Tell the prompts what each parameter means and how the script checks it, so that a prompt
/// explains the parameter and re-asks a bad answer at once.
fn describe_for_prompts(found: &ScriptParams) {
    use crate::script::params::{ParamHelp, describe};
    for r in rows(found).iter().filter(|r| !r.secret) {
        describe(
            &r.name,
            ParamHelp {
                doc: r.doc.clone(),
                at: r.asked_at.join(", "),
                rule: rule_of(found, &r.name),
            },
        );
    }
}

/// The check the script makes on parameter `name`, when it uses one the prompt knows.
fn rule_of(found: &ScriptParams, name: &str) -> Option<crate::script::params::Rule> {
    use crate::script::params::Rule;
    found
        .checks
        .iter()
        .filter(|c| c.param == name)
        .find_map(|c| match c.func.as_str() {
            "at_least" => c.min.map(Rule::AtLeast),
            "one_of" if !c.choices.is_empty() => Some(Rule::OneOf(c.choices.clone())),
            "ipv4" | "ipv4_in" => Some(Rule::Ipv4),
            "path" => Some(Rule::Path),
            _ => None,
        })
}

#[derive(serde::Serialize)]
struct Row {
    name: String,
    secret: bool,
    default: Option<String>,
    env: String,
    asked_at: Vec<String>,
    doc: String,
}

/// One row per name: the defaults of every call site (`required` when one has none).
fn rows(found: &ScriptParams) -> Vec<Row> {
    let mut by: BTreeMap<(bool, String), Row> = BTreeMap::new();
    for u in &found.uses {
        let r = by.entry((u.secret, u.name.clone())).or_insert_with(|| Row {
            name: u.name.clone(),
            secret: u.secret,
            default: u.default.clone(),
            env: env_name(&u.name),
            asked_at: vec![],
            doc: String::new(),
        });
        if !r.asked_at.contains(&u.at) {
            r.asked_at.push(u.at.clone());
        }
        if r.doc.is_empty() {
            r.doc = u.doc.clone();
        }
        if let Some(d) = &u.default
            && r.default.as_ref() != Some(d)
        {
            r.default = Some(match &r.default {
                Some(prev) => format!("{prev} | {d}"),
                None => format!("required, or {d}"),
            });
        }
        if u.default.is_none()
            && let Some(prev) = &r.default
            && !prev.starts_with("required")
        {
            r.default = Some(format!("required, or {prev}"));
        }
    }
    by.into_values().collect()
}

/// `cwh run SCRIPT --help`: the script whose parameters to show after the help of `run`
/// (the first `.rhai` file after `run`), when the arguments ask for help.
pub fn run_help_script(args: &[String]) -> Option<PathBuf> {
    let run = args.iter().position(|a| a == "run")?;
    let rest = &args[run + 1..];
    if !rest.iter().any(|a| a == "--help" || a == "-h") {
        return None;
    }
    rest.iter()
        .map(PathBuf::from)
        .find(|p| p.extension().is_some_and(|e| e == "rhai") && p.is_file())
}

pub fn run(a: ParamsArgs) -> Result {
    let (name, text) = common::read_script(&a.script)?;
    let found = scan(&a.script, &name, &text, &a.libs)?;
    let rows = rows(&found);
    if a.output == "json" {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "script": name,
                "parameters": rows.iter().filter(|r| !r.secret).collect::<Vec<_>>(),
                "secrets": rows.iter().filter(|r| r.secret).collect::<Vec<_>>(),
                "computed_names": found.dynamic,
                "problems": found.problems,
            }))
            .unwrap_or_default()
        );
        return Ok(());
    }
    print!("{}", blocks(&name, &found, &rows, &saved_values(&rows)));
    for p in &found.problems {
        eprintln!("{}", t!("params-warning", problem = p.clone()));
    }
    Ok(())
}

/// The values saved in `group_vars/<unit group>.yml` of the current directory (the unit
/// group's default name), and that file's name: what a re-run would take.
fn saved_values(rows: &[Row]) -> Option<(String, BTreeMap<String, String>)> {
    let ug = rows
        .iter()
        .find(|r| r.name == "unit_group")?
        .default
        .as_deref()?
        .trim_matches('"')
        .to_string();
    let file = format!("group_vars/{ug}.yml");
    let text = std::fs::read_to_string(&file).ok()?;
    let v: serde_json::Value = serde_saphyr::from_str(&text).ok()?;
    let m = v
        .as_object()?
        .iter()
        .map(|(k, v)| {
            let shown = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), shown)
        })
        .collect();
    Some((file, m))
}

/// A default as written in the script (`saved.x ?? "aws"`, `required, or saved.x`) in words.
fn default_words(r: &Row, saved: &Option<(String, BTreeMap<String, String>)>) -> String {
    let d = r.default.clone().unwrap_or_else(|| "required".into());
    let required = d.starts_with("required");
    let rest = d.trim_start_matches("required").trim_start_matches(", or ");
    let mut parts = Vec::new();
    let mut saved_found = false;
    for alt in rest.split(" | ").filter(|a| !a.is_empty()) {
        for e in alt.split(" ?? ") {
            let e = e.trim();
            let word = if let Some(key) = e.strip_prefix("saved.") {
                match saved.as_ref().and_then(|(f, m)| m.get(key).map(|v| (f, v))) {
                    Some((file, v)) => {
                        saved_found = true;
                        t!(
                            "params-default-saved",
                            value = v.clone(),
                            file = file.clone()
                        )
                    }
                    None if required => continue,
                    None => t!("params-default-saved-none"),
                }
            } else if e.starts_with('"') && e.ends_with('"') && e.len() >= 2 {
                e[1..e.len() - 1].to_string()
            } else if e == "()" {
                t!("params-default-nothing")
            } else if e.contains('(') || e.contains('.') {
                t!("params-default-computed")
            } else {
                e.to_string()
            };
            parts.push(if parts.is_empty() {
                word
            } else {
                t!("params-default-else", value = word)
            });
        }
        if saved_found {
            break;
        }
    }
    if required && !saved_found {
        return t!("params-default-asked");
    }
    crate::i18n::words::list(&parts)
}

/// `cwh params` for a reader: one block per parameter, wrapped to the terminal.
fn blocks(
    name: &str,
    found: &ScriptParams,
    rows: &[Row],
    saved: &Option<(String, BTreeMap<String, String>)>,
) -> String {
    let width = crate::i18n::words::terminal_width();
    let wrap = |s: &str| crate::i18n::words::wrap(s, width, "    ");
    let mut out = t!("params-title", script = name) + "\n\n";
    let params: Vec<&Row> = rows.iter().filter(|r| !r.secret).collect();
    if params.is_empty() {
        out.push_str(&t!("params-none", script = name));
        out.push_str("\n\n");
    }
    for r in &params {
        out.push_str(&format!("  {}\n", r.name));
        let about = crate::script::params::about(&r.name, &r.doc);
        if !about.is_empty() {
            out.push_str(&wrap(&about));
            out.push('\n');
        }
        out.push_str(&wrap(&t!(
            "params-default",
            value = default_words(r, saved)
        )));
        out.push('\n');
        if let Some(rule) = rule_of(found, &r.name) {
            out.push_str(&wrap(&t!("params-checked", expected = rule.expected())));
            out.push('\n');
        }
        out.push_str(&wrap(&t!("params-asked-at", at = r.asked_at.join(", "))));
        out.push_str("\n\n");
    }
    let secrets: Vec<&str> = rows
        .iter()
        .filter(|r| r.secret)
        .map(|r| r.name.as_str())
        .collect();
    let secrets = if secrets.is_empty() {
        String::new()
    } else {
        format!(" ({})", secrets.join(", "))
    };
    out.push_str(&crate::i18n::words::wrap(
        &t!("params-how", secrets = secrets),
        width,
        "",
    ));
    out.push('\n');
    if !found.dynamic.is_empty() {
        out.push_str(&crate::i18n::words::wrap(
            &t!("params-computed-names", at = found.dynamic.join(", ")),
            width,
            "",
        ));
        out.push('\n');
    }
    out
}

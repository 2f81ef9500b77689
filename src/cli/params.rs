//! `cwh params SCRIPT`: the parameters a script asks for, found statically (following its
//! imports), and the strict check `cwh run` makes with them before anything happens.
use crate::cli::common::{self, ScriptOpts};
use crate::cli::error::{self, Result};
use crate::exit::{self, Failure};
use crate::script::check::{self, ScriptParams};
use crate::script::diagnostics;
use crate::script::modules::Resolver;
use crate::script::params::{Params, env_name};
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
        .help(format!(
            "{name} asks for: {}; `cwh params {}` shows their defaults and meaning. Nothing was run.",
            if names.is_empty() {
                "no parameters".to_string()
            } else {
                names.join(", ")
            },
            script.display()
        ))
        .into())
}

/// Tell the prompts what each parameter means and how the script checks it, so that a prompt
/// explains the parameter and re-asks a bad answer at once.
fn describe_for_prompts(found: &ScriptParams) {
    use crate::script::params::{ParamHelp, Rule, describe};
    for r in rows(found).iter().filter(|r| !r.secret) {
        let rule = found
            .checks
            .iter()
            .filter(|c| c.param == r.name)
            .find_map(|c| match c.func.as_str() {
                "at_least" => c.min.map(Rule::AtLeast),
                "one_of" if !c.choices.is_empty() => Some(Rule::OneOf(c.choices.clone())),
                "ipv4" | "ipv4_in" => Some(Rule::Ipv4),
                "path" => Some(Rule::Path),
                _ => None,
            });
        describe(
            &r.name,
            ParamHelp {
                doc: r.doc.clone(),
                at: r.asked_at.join(", "),
                rule,
            },
        );
    }
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
    if a.output != "json" {
        println!("Parameters of {name}:\n");
    }
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
    let mut table = rhai::Array::new();
    for r in rows.iter().filter(|r| !r.secret) {
        let mut m = rhai::Map::new();
        m.insert("parameter".into(), r.name.clone().into());
        m.insert(
            "default".into(),
            r.default
                .clone()
                .unwrap_or_else(|| "required".into())
                .into(),
        );
        m.insert("asked at".into(), r.asked_at.join(", ").into());
        m.insert("about".into(), r.doc.clone().into());
        table.push(m.into());
    }
    if table.is_empty() {
        println!("{name} asks for no parameters");
    } else {
        let cols = ["parameter", "default", "asked at", "about"].map(String::from);
        println!("{}", crate::script::table::render(&table, Some(&cols)));
    }
    let secrets: Vec<&str> = rows
        .iter()
        .filter(|r| r.secret)
        .map(|r| r.name.as_str())
        .collect();
    println!(
        "Give parameters with --set NAME=VALUE, a --params FILE.yml, or CWH_PARAM_<NAME>; \"required\" ones \
         without a value are asked for on a terminal, else the run stops. Secrets{} come from the environment \
         (VCC_ACCESS_TOKEN or --token-file for the VCC token, CWH_PARAM_SSH_KEY_PASSPHRASE for an encrypted key) \
         or a hidden prompt, never from --set or files.",
        if secrets.is_empty() {
            String::new()
        } else {
            format!(" ({})", secrets.join(", "))
        }
    );
    if !found.dynamic.is_empty() {
        println!(
            "Parameters with computed names (not listed, and not checked strictly): {}",
            found.dynamic.join(", ")
        );
    }
    for p in &found.problems {
        eprintln!("warning: {p}");
    }
    Ok(())
}

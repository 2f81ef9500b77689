//! `cwh doc`: the script API reference, generated from the engine's own metadata.
use crate::cli::common::{self, ScriptOpts};
use clap::{Args, ValueEnum};
use std::collections::BTreeMap;

/// Print the script API: every registered function with its signature and documentation.
///
/// docs/api.md in the repository is this output in markdown (a test keeps them equal).
///
/// Examples:
///   cwh doc | less
///   cwh doc --format markdown > docs/api.md
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DocArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
}

pub(crate) struct Func {
    pub(crate) signature: String,
    pub(crate) doc: String,
}

fn doc_text(f: &serde_json::Value) -> String {
    f["docComments"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str())
                .flat_map(|c| c.lines())
                .map(|l| {
                    l.trim_start()
                        .trim_start_matches("///")
                        .trim_start_matches("/**")
                        .trim_end_matches("*/")
                        .strip_prefix(' ')
                        .unwrap_or_else(|| l.trim_start().trim_start_matches("///"))
                        .to_string()
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// A signature as scripts see it: typed bindings (`#[export_module]`) report Rust types, so
/// `&str`/`ImmutableString` read `String` and `Result<T, Box<EvalAltResult>>` reads `T`.
pub(crate) fn display_signature(raw: &str) -> String {
    let mut s = raw
        .replace("&str", "String")
        .replace("ImmutableString", "String")
        .replace("i64", "int")
        .replace("f64", "float");
    if let Some(i) = s.find("-> Result<") {
        let inner = &s[i + "-> Result<".len()..];
        let inner = inner
            .strip_suffix(", Box<EvalAltResult>>")
            .unwrap_or(inner)
            .to_string();
        s.truncate(i);
        if inner != "()" {
            s.push_str(&format!("-> {inner}"));
        }
    }
    s.trim_end().to_string()
}

/// The API grouped into sections: "Global functions", "Methods of T", "Module `m`".
pub(crate) fn sections(engine: &rhai::Engine) -> Vec<(String, Vec<Func>)> {
    let json = engine.gen_fn_metadata_to_json(false).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let types: Vec<String> = v["customTypes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["displayName"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut out: BTreeMap<(u8, String), Vec<Func>> = BTreeMap::new();
    let push = |out: &mut BTreeMap<(u8, String), Vec<Func>>,
                key: (u8, String),
                f: &serde_json::Value,
                prefix: &str| {
        let raw = display_signature(f["signature"].as_str().unwrap_or_default());
        let name = f["name"].as_str().unwrap_or_default();
        let ty = f["params"][0]["type"]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("&mut ");
        let ret = raw
            .rsplit_once(" -> ")
            .map(|(_, r)| r.to_string())
            .unwrap_or_default();
        let sig = if let Some(prop) = name.strip_prefix("get$") {
            format!("{ty}.{prop} -> {ret} (property)")
        } else if name == "index$get$" {
            format!("{ty}.NAME / {ty}[\"NAME\"] -> {ret} (attributes)")
        } else if name == "index$set$" {
            format!("{ty}.NAME = value (attributes)")
        } else {
            raw
        };
        out.entry(key).or_default().push(Func {
            signature: format!("{prefix}{sig}"),
            doc: doc_text(f),
        });
    };
    for f in v["functions"].as_array().into_iter().flatten() {
        let first = f["params"][0]["type"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let first = first.trim_start_matches("&mut ").to_string();
        if types.contains(&first) {
            push(&mut out, (1, format!("Methods of {first}")), f, "");
        } else {
            push(&mut out, (0, "Global functions".into()), f, "");
        }
    }
    if let Some(m) = v["modules"].as_object() {
        for (name, mv) in m {
            for f in mv["functions"].as_array().into_iter().flatten() {
                push(
                    &mut out,
                    (2, format!("Module `{name}`")),
                    f,
                    &format!("{name}::"),
                );
            }
        }
    }
    out.into_iter()
        .map(|((_, k), mut fs)| {
            fs.sort_by(|a, b| a.signature.cmp(&b.signature));
            (k, fs)
        })
        .collect()
}

/// The reference as markdown (what docs/api.md holds).
pub fn markdown(engine: &rhai::Engine) -> String {
    let mut s = String::from(
        "# cwh script API\n\nGenerated by `cwh doc --format markdown` from the engine itself; a test fails when\nthis file and the engine disagree. Regenerate it with\n`cargo run -q -- doc --format markdown > docs/api.md`.\n",
    );
    for (title, fs) in sections(engine) {
        s.push_str(&format!("\n## {title}\n"));
        for f in fs {
            s.push_str(&format!("\n### `{}`\n", f.signature));
            if !f.doc.is_empty() {
                s.push_str(&format!("\n{}\n", f.doc));
            }
        }
    }
    s
}

fn text(engine: &rhai::Engine) -> String {
    let mut s = String::new();
    for (title, fs) in sections(engine) {
        s.push_str(&format!("{title}\n\n"));
        for f in fs {
            s.push_str(&format!("  {}\n", f.signature));
            for l in f.doc.lines() {
                s.push_str(&format!("      {l}\n"));
            }
            s.push('\n');
        }
    }
    s
}

pub fn run(a: DocArgs) -> i32 {
    let host = match common::host(&ScriptOpts::default(), None, false) {
        Ok(h) => h,
        Err(code) => return code,
    };
    let out = match a.format {
        Format::Markdown => markdown(&host.engine),
        Format::Text => text(&host.engine),
    };
    print!("{out}");
    0
}

//! The engine's function metadata, read once into typed records: what `cwh doc` prints, what
//! `cwh check` knows and what the REPL completes all come from [`ApiIndex`], so the three never
//! disagree about a name, a module or a signature.
use rhai::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One parameter of a registered function.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Param {
    /// Its name, when the registration gives one.
    #[serde(default)]
    pub name: Option<String>,
    /// Its type as Rhai reports it (`&mut VCC`, `ImmutableString`, `Map`…).
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
}

/// One registered (or standard library) function.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Function {
    /// The name scripts call (`connect`, `get$target` for a property getter).
    pub name: String,
    /// The static module it lives in (`vcc` for `vcc::connect`); None for a global function.
    pub namespace: Option<String>,
    pub params: Vec<Param>,
    /// The return type as Rhai reports it (empty when none is known).
    pub return_type: String,
    /// The signature as scripts see it (see [`display_signature`]).
    pub signature: String,
    /// The documentation, comment markers removed, one line per line.
    pub doc: String,
    /// The type of the first parameter (`&mut ` removed): the type a method is called on.
    pub receiver: Option<String>,
}

/// The engine's functions and custom types.
#[derive(Debug, Clone, Default)]
pub struct ApiIndex {
    /// Global functions first (in the metadata's order), then each module's (modules sorted by
    /// name).
    pub functions: Vec<Function>,
    /// The display names of the registered custom types (`VCC`, `UnitGroup`…).
    pub types: Vec<String>,
    /// The static modules' names, sorted (a module may have no function).
    pub modules: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFn {
    name: String,
    #[serde(default)]
    params: Vec<Param>,
    #[serde(default)]
    return_type: String,
    #[serde(default)]
    signature: String,
    #[serde(default)]
    doc_comments: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawType {
    display_name: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawModule {
    #[serde(default)]
    modules: BTreeMap<String, RawModule>,
    #[serde(default)]
    custom_types: Vec<RawType>,
    #[serde(default)]
    functions: Vec<RawFn>,
}

impl ApiIndex {
    /// Read the engine's metadata once. `with_std`: Rhai's standard library too (what check
    /// and completion know), else only what cwh registers (what `cwh doc` documents).
    pub fn of(engine: &Engine, with_std: bool) -> Self {
        let json = engine.gen_fn_metadata_to_json(with_std).unwrap_or_default();
        let raw: RawModule = serde_json::from_str(&json).unwrap_or_default();
        let mut functions: Vec<Function> = raw
            .functions
            .into_iter()
            .map(|f| Function::from_raw(f, None))
            .collect();
        let modules = raw.modules.keys().cloned().collect();
        for (ns, m) in raw.modules {
            functions.extend(
                m.functions
                    .into_iter()
                    .map(|f| Function::from_raw(f, Some(ns.clone()))),
            );
        }
        // an overload without documentation shares its documented sibling's (`exec(h, cmd)` and
        // `exec(h, cmd, opts)`): the bindings write the text once
        let documented: std::collections::HashMap<_, String> = functions
            .iter()
            .filter(|g| !g.doc.is_empty())
            .map(|g| {
                (
                    (g.name.clone(), g.namespace.clone(), g.receiver.clone()),
                    g.doc.clone(),
                )
            })
            .collect();
        for f in functions.iter_mut().filter(|f| f.doc.is_empty()) {
            let key = (f.name.clone(), f.namespace.clone(), f.receiver.clone());
            if let Some(doc) = documented.get(&key) {
                f.doc = doc.clone();
            }
        }
        ApiIndex {
            functions,
            types: raw
                .custom_types
                .into_iter()
                .map(|t| t.display_name)
                .collect(),
            modules,
        }
    }

    /// The global functions.
    pub fn globals(&self) -> impl Iterator<Item = &Function> {
        self.functions.iter().filter(|f| f.namespace.is_none())
    }

    /// The functions of static modules.
    pub fn in_modules(&self) -> impl Iterator<Item = &Function> {
        self.functions.iter().filter(|f| f.namespace.is_some())
    }

    /// Is `t` a registered custom type?
    pub fn is_type(&self, t: &str) -> bool {
        self.types.iter().any(|x| x == t)
    }
}

impl Function {
    fn from_raw(f: RawFn, namespace: Option<String>) -> Self {
        let receiver = f
            .params
            .first()
            .and_then(|p| p.ty.as_deref())
            .map(|t| t.trim_start_matches("&mut ").to_string());
        Function {
            signature: display_signature(&f.signature),
            doc: doc_text(&f.doc_comments),
            name: f.name,
            namespace,
            params: f.params,
            return_type: f.return_type,
            receiver,
        }
    }

    /// `ns::name` or `name`.
    pub fn qualified(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}::{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The return type as the displayed signature shows it (empty when there is none).
    pub fn shown_return(&self) -> &str {
        self.signature
            .rsplit_once(" -> ")
            .map(|(_, r)| r)
            .unwrap_or_default()
    }
}

/// Doc comments as plain lines: `///`, `/**` and `*/` markers and one leading space removed.
fn doc_text(comments: &[String]) -> String {
    comments
        .iter()
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
}

/// A signature as scripts see it: typed bindings (`#[export_module]`) report Rust types, so
/// `&str`/`ImmutableString` read `String` and `Result<T, Box<EvalAltResult>>` reads `T`.
pub fn display_signature(raw: &str) -> String {
    let mut s = raw
        .replace("&str", "String")
        .replace("ImmutableString", "String")
        .replace("rhai::INT", "int")
        .replace("i64", "int")
        .replace("f64", "float");
    // `Result<T, Box<EvalAltResult>>` and the bindings' alias `Res<T>` read as `T`
    for (open, close) in [("-> Result<", ", Box<EvalAltResult>>"), ("-> Res<", ">")] {
        if let Some(i) = s.find(open) {
            let inner = &s[i + open.len()..];
            let inner = inner.strip_suffix(close).unwrap_or(inner).to_string();
            s.truncate(i);
            if inner != "()" {
                s.push_str(&format!("-> {inner}"));
            }
        }
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_read_as_scripts_see_them() {
        assert_eq!(
            display_signature("f(s: &str, t: ImmutableString) -> Result<Map, Box<EvalAltResult>>"),
            "f(s: String, t: String) -> Map"
        );
        assert_eq!(
            display_signature("g(x: INT) -> Result<(), Box<EvalAltResult>>"),
            "g(x: INT)"
        );
        assert_eq!(display_signature("h() -> bool"), "h() -> bool");
        assert_eq!(
            display_signature("k(n: i64) -> Res<Array>"),
            "k(n: int) -> Array"
        );
        assert_eq!(display_signature("m() -> Res<()>"), "m()");
    }

    #[test]
    fn globals_modules_receivers_and_docs() {
        let mut engine = Engine::new();
        engine.register_type_with_name::<u8>("Thing");
        rhai::FuncRegistration::new("poke")
            .with_params_info(["t: &mut Thing", "n: INT", "bool"])
            .with_comments(["/// Poke it.\n/// Twice."])
            .register_into_engine(&mut engine, |_: &mut u8, _: i64| true);
        let mut m = rhai::Module::new();
        rhai::FuncRegistration::new("hello")
            .with_params_info(["String"])
            .set_into_module(&mut m, || "hi".to_string());
        engine.register_static_module("greet", m.into());

        let ix = ApiIndex::of(&engine, false);
        assert!(ix.is_type("Thing"));
        let poke = ix.globals().find(|f| f.name == "poke").unwrap();
        assert_eq!(poke.receiver.as_deref(), Some("Thing"));
        assert_eq!(poke.doc, "Poke it.\nTwice.");
        assert_eq!(poke.shown_return(), "bool");
        assert_eq!(poke.params.len(), 2);
        assert_eq!(ix.modules, ["greet"]);
        let hello = ix.in_modules().next().unwrap();
        assert_eq!(hello.qualified(), "greet::hello");
        assert_eq!(hello.receiver, None);
        // the standard library only when asked for
        assert!(!ix.functions.iter().any(|f| f.name == "len"));
        let all = ApiIndex::of(&engine, true);
        assert!(all.globals().any(|f| f.name == "len"));
    }
}

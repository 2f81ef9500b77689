//! Tab completion from the engine's metadata and the session's scope: global functions,
//! variables, `module::function` names and the methods (and properties) of the value left of
//! the dot. Nothing is evaluated: a receiver is looked up in the scope and only its type is used.
use crate::script::api_index::ApiIndex;
use rhai::{Dynamic, Engine, Scope};
use std::collections::{BTreeMap, BTreeSet};

/// One variable of the session, as completion sees it.
#[derive(Debug, Clone)]
struct Var {
    name: String,
    ty: String,
    keys: Vec<String>,
}

/// Everything completion knows: built once from the engine, refreshed after every entry.
#[derive(Debug, Default, Clone)]
pub struct Index {
    globals: BTreeSet<String>,
    modules: BTreeMap<String, BTreeSet<String>>,
    /// (type, name) of methods: functions whose first parameter is that type.
    methods: BTreeSet<(String, String)>,
    /// (type, name) of properties (registered getters).
    props: BTreeSet<(String, String)>,
    script_fns: BTreeSet<String>,
    vars: Vec<Var>,
}

/// A type name as the metadata or a value spells it, in one canonical form.
pub fn norm_type(t: &str) -> String {
    let t = t
        .trim()
        .trim_start_matches("&mut ")
        .trim_start_matches('&')
        .trim();
    let t = if t.contains('<') {
        t
    } else {
        t.rsplit("::").next().unwrap_or(t)
    };
    match t {
        "str" | "String" | "ImmutableString" | "string" => "string",
        "INT" | "i64" | "int" => "int",
        "FLOAT" | "f64" | "float" => "float",
        "Array" | "array" | "Vec<Dynamic>" => "array",
        "Map" | "map" | "object" => "map",
        "Blob" | "blob" | "Vec<u8>" => "blob",
        "Dynamic" | "?" | "" => "?",
        "FnPtr" | "Fn" => "Fn",
        "Instant" | "timestamp" => "timestamp",
        other => other,
    }
    .to_string()
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && c.all(|c| c.is_alphanumeric() || c == '_')
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Index {
    /// The index of an engine's functions (the standard library included).
    pub fn from_engine(engine: &Engine) -> Self {
        Index::from_api(&ApiIndex::of(engine, true))
    }

    /// Completion's view of the engine's functions.
    pub fn from_api(api: &ApiIndex) -> Self {
        let mut ix = Index::default();
        for m in &api.modules {
            ix.modules.insert(m.clone(), BTreeSet::new());
        }
        for f in api.globals() {
            let first = f.receiver.as_deref().map(norm_type);
            if let Some(p) = f.name.strip_prefix("get$") {
                if let Some(t) = first {
                    ix.props.insert((t, p.to_string()));
                }
                continue;
            }
            if !is_ident(&f.name) {
                continue;
            }
            ix.globals.insert(f.name.clone());
            if let Some(t) = first {
                ix.methods.insert((t, f.name.clone()));
            }
        }
        for f in api.in_modules() {
            if let Some(ns) = &f.namespace {
                let names = ix.modules.entry(ns.clone()).or_default();
                if is_ident(&f.name) {
                    names.insert(f.name.clone());
                }
            }
        }
        ix
    }

    /// Refresh what comes from the session: its variables and its script functions.
    pub fn update(&mut self, engine: &Engine, scope: &Scope, ast: &rhai::AST) {
        self.vars = scope
            .iter_raw()
            .map(|(name, _, v)| Var {
                name: name.to_string(),
                ty: type_of(engine, v),
                keys: v
                    .read_lock::<rhai::Map>()
                    .map(|m| m.keys().map(|k| k.to_string()).collect())
                    .unwrap_or_default(),
            })
            .collect();
        self.script_fns = ast.iter_functions().map(|f| f.name.to_string()).collect();
    }

    /// Whether the engine has `module::name`.
    pub fn has_module_fn(&self, module: &str, name: &str) -> bool {
        self.modules.get(module).is_some_and(|m| m.contains(name))
    }

    /// Candidates for the word that ends at `pos`: the start of that word and the
    /// replacements, sorted and without duplicates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_ident_char(*c) || *c == ':')
            .last()
            .map(|(i, _)| i)
            .unwrap_or(pos);
        let word = &before[start..];
        let mut out = BTreeSet::new();
        if before[..start].ends_with('.') {
            let recv = &before[..start - 1];
            let rstart = recv
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_ident_char(*c))
                .last()
                .map(|(i, _)| i)
                .unwrap_or(recv.len());
            let recv = &recv[rstart..];
            match self.vars.iter().rev().find(|v| v.name == recv) {
                Some(var) => {
                    for (t, n) in self.methods.iter().chain(&self.props) {
                        if (*t == var.ty || t == "?") && n.starts_with(word) {
                            out.insert(n.clone());
                        }
                    }
                    for k in &var.keys {
                        if k.starts_with(word) && is_ident(k) {
                            out.insert(k.clone());
                        }
                    }
                }
                // The type of an expression is unknown without evaluating it: offer every
                // method with that prefix.
                None if !word.is_empty() => {
                    for (_, n) in self.methods.iter().chain(&self.props) {
                        if n.starts_with(word) {
                            out.insert(n.clone());
                        }
                    }
                }
                None => {}
            }
        } else if let Some((module, rest)) = word.split_once("::") {
            for n in self.modules.get(module).into_iter().flatten() {
                if n.starts_with(rest) {
                    out.insert(format!("{module}::{n}"));
                }
            }
        } else {
            let names = self
                .globals
                .iter()
                .chain(&self.script_fns)
                .chain(self.vars.iter().map(|v| &v.name));
            for n in names {
                if n.starts_with(word) {
                    out.insert(n.clone());
                }
            }
            for m in self.modules.keys() {
                if m.starts_with(word) {
                    out.insert(format!("{m}::"));
                }
            }
        }
        (start, out.into_iter().collect())
    }
}

/// The canonical type name of a value (custom types by their registered name).
pub fn type_of(engine: &Engine, v: &Dynamic) -> String {
    norm_type(engine.map_type_name(v.type_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> (Engine, Index) {
        let engine = Engine::new();
        let ix = Index::from_engine(&engine);
        (engine, ix)
    }

    #[test]
    fn globals_and_variables() {
        let (engine, mut ix) = index();
        let mut scope = Scope::new();
        scope.push("my_value", 1_i64);
        let ast = engine.compile("fn my_fn() { 1 }").unwrap();
        ix.update(&engine, &scope, &ast);
        let (start, c) = ix.complete("print(my_", 9);
        assert_eq!(start, 6);
        assert_eq!(c, vec!["my_fn".to_string(), "my_value".to_string()]);
        let (_, c) = ix.complete("pri", 3);
        assert!(c.contains(&"print".to_string()), "{c:?}");
    }

    #[test]
    fn methods_of_the_receiver_type() {
        let (engine, mut ix) = index();
        let mut scope = Scope::new();
        scope.push("s", Dynamic::from("abc"));
        scope.push("a", Dynamic::from_array(vec![1_i64.into()]));
        let mut m = rhai::Map::new();
        m.insert("alpha".into(), 1_i64.into());
        scope.push("m", Dynamic::from_map(m));
        ix.update(&engine, &scope, &rhai::AST::empty());
        let (start, c) = ix.complete("s.le", 4);
        assert_eq!(start, 2);
        assert!(c.contains(&"len".to_string()), "{c:?}");
        let (_, c) = ix.complete("s.to_up", 7);
        assert!(c.contains(&"to_upper".to_string()), "{c:?}");
        let (_, c) = ix.complete("a.pu", 4);
        assert!(c.contains(&"push".to_string()), "{c:?}");
        assert!(!c.contains(&"to_upper".to_string()), "{c:?}");
        let (_, c) = ix.complete("m.al", 4);
        assert_eq!(c, vec!["alpha".to_string()]);
    }

    #[test]
    fn norm_type_spellings() {
        assert_eq!(norm_type("&mut ImmutableString"), "string");
        assert_eq!(norm_type("&str"), "string");
        assert_eq!(norm_type("rhai::Array"), "array");
        assert_eq!(norm_type("Node"), "Node");
    }
}

//! `cwh check`: compile a script and find every call to a function or `module::function` that
//! nothing defines (registered API, Rhai's standard library, the script's own `fn`s, or the
//! modules it imports) — a typo must be caught before a run creates cloud resources.
use crate::script::api_index::ApiIndex;
use crate::script::modules::Resolver;
use rhai::{AST, ASTNode, Engine, Expr, Position, Stmt};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Names Rhai handles itself (keywords that look like calls).
const KEYWORDS: &[&str] = &[
    "print",
    "debug",
    "type_of",
    "Fn",
    "call",
    "curry",
    "is_shared",
    "is_def_fn",
    "is_def_var",
    "eval",
    "this",
];

/// One unresolved call.
#[derive(Debug, Clone)]
pub struct Unresolved {
    /// As written: `name` or `ns::name`.
    pub call: String,
    pub pos: Position,
    /// What is wrong.
    pub message: String,
    /// A close known name.
    pub suggestion: Option<String>,
    /// An `import` that cannot be resolved (not a call).
    pub module: bool,
}

/// What the engine knows: global function names and each static module's function names.
pub struct Known {
    global: HashSet<String>,
    modules: HashMap<String, HashSet<String>>,
}

impl Known {
    /// Collect from the engine's metadata (registered API and the standard library).
    pub fn from_engine(engine: &Engine) -> Self {
        Known::from_index(&ApiIndex::of(engine, true))
    }

    /// Collect from an index of the engine's functions.
    pub fn from_index(index: &ApiIndex) -> Self {
        let mut global: HashSet<String> = index.globals().map(|f| f.name.clone()).collect();
        global.extend(KEYWORDS.iter().map(|s| s.to_string()));
        let mut modules: HashMap<String, HashSet<String>> = index
            .modules
            .iter()
            .map(|m| (m.clone(), HashSet::new()))
            .collect();
        for f in index.in_modules() {
            if let Some(ns) = &f.namespace {
                modules
                    .entry(ns.clone())
                    .or_default()
                    .insert(f.name.clone());
            }
        }
        Known { global, modules }
    }

    /// Every known `name` and `ns::name`, for suggestions and for `cwh doc`.
    pub fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self.global.iter().cloned().collect();
        for (ns, fns) in &self.modules {
            v.extend(fns.iter().map(|f| format!("{ns}::{f}")));
        }
        v
    }
}

/// The closest candidate to `name` (a typo's likely intent), if any is close.
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a String>,
) -> Option<String> {
    candidates
        .filter(|c| !c.contains('$') && !c.starts_with(|ch: char| !ch.is_alphabetic()))
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, c)| *d > 0 && *d < name.len() && *d <= 2.max(name.len() / 4) && c.len() > 1)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_found_with_defaults_and_comments() {
        let text = "// ## Section ----\n// how many nodes\nlet n = param(\"vc_nodes\", 2);\nlet u = param(\"url\", \"https://x\"); // where to go\nlet f = if x == () { param(\"vc_flavor\") } else { param(\"vc_flavor\", x) };\nlet t = secret(\"tok\");\nlet d = param(name);\n";
        let engine = Engine::new();
        let ast = engine.compile(text).unwrap();
        let r = Resolver::new(None, &[]);
        let p = script_params(&engine, &r, &ast, "s.rhai", text);
        let get = |n: &str| p.uses.iter().find(|u| u.name == n).unwrap();
        assert_eq!(get("vc_nodes").default.as_deref(), Some("2"));
        assert_eq!(get("vc_nodes").doc, "how many nodes");
        assert_eq!(get("url").doc, "where to go");
        assert_eq!(get("url").default.as_deref(), Some("\"https://x\""));
        assert!(
            p.uses
                .iter()
                .any(|u| u.name == "vc_flavor" && u.default.is_none())
        );
        assert!(get("tok").secret);
        assert_eq!(p.dynamic, vec!["s.rhai:7".to_string()]);
        assert_eq!(p.names().len(), 3);
    }
}

/// Check a compiled script. `source` is its source name (for resolving imports).
pub fn check_ast(
    engine: &Engine,
    known: &Known,
    resolver: &Resolver,
    ast: &AST,
    source: &str,
) -> Vec<Unresolved> {
    // the script's own functions, variables and map keys (closures stored in maps are callable)
    let mut local: HashSet<String> = ast.iter_functions().map(|f| f.name.to_string()).collect();
    let mut imports: HashMap<String, Option<HashSet<String>>> = HashMap::new();
    let mut problems = Vec::new();
    ast.walk(&mut |path: &[ASTNode]| {
        match path.last() {
            Some(ASTNode::Stmt(Stmt::Var(x, ..))) => {
                local.insert(x.0.name.to_string());
            }
            Some(ASTNode::Expr(Expr::Map(x, ..))) => {
                for (id, _) in x.0.iter() {
                    local.insert(id.name.to_string());
                }
                local.extend(x.1.keys().map(|k| k.to_string()));
            }
            Some(ASTNode::Expr(Expr::DynamicConstant(v, ..))) => {
                if let Some(m) = v.read_lock::<rhai::Map>() {
                    local.extend(m.keys().map(|k| k.to_string()));
                }
            }
            Some(ASTNode::Expr(Expr::Property(x, ..))) => {
                local.insert(x.2.to_string());
            }
            Some(ASTNode::Stmt(Stmt::Import(x, pos))) => {
                let (expr, alias) = &**x;
                if let Expr::StringConstant(p, _) = expr {
                    let fns = match resolver.locate(Some(source), p) {
                        Ok(found) => match Resolver::compile(engine, &found) {
                            Ok(m) => Some(
                                m.iter_functions()
                                    .filter(|f| f.access != rhai::FnAccess::Private)
                                    .map(|f| f.name.to_string())
                                    .collect(),
                            ),
                            Err(e) => {
                                problems.push(Unresolved {
                                    call: p.to_string(),
                                    pos: *pos,
                                    message: crate::t!(
                                        "script-module-does-not-compile",
                                        name = p.to_string(),
                                        problem = e.to_string()
                                    ),
                                    suggestion: None,
                                    module: true,
                                });
                                None
                            }
                        },
                        Err(looked) => {
                            problems.push(Unresolved {
                                call: p.to_string(),
                                pos: *pos,
                                message: crate::t!(
                                    "script-module-not-found",
                                    name = p.to_string(),
                                    places = looked.join("\n  ")
                                ),
                                suggestion: None,
                                module: true,
                            });
                            None
                        }
                    };
                    if !alias.name.is_empty() {
                        imports.insert(alias.name.to_string(), fns);
                    }
                }
            }
            _ => {}
        }
        true
    });
    // function parameters are variables too
    for f in ast.iter_functions() {
        local.extend(f.params.iter().map(|p| p.to_string()));
    }

    ast.walk(&mut |path: &[ASTNode]| {
        let (x, pos, method) = match path.last() {
            Some(ASTNode::Expr(Expr::FnCall(x, pos))) => (x, *pos, false),
            Some(ASTNode::Stmt(Stmt::FnCall(x, pos))) => (x, *pos, false),
            Some(ASTNode::Expr(Expr::MethodCall(x, pos))) => (x, *pos, true),
            _ => return true,
        };
        let name = x.name.as_str();
        if x.op_token.is_some()
            || name.contains('$')
            || !name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        {
            return true;
        }
        if x.namespace.is_empty() {
            if known.global.contains(name) || local.contains(name) {
                return true;
            }
            let cands: Vec<String> = known.global.iter().chain(local.iter()).cloned().collect();
            problems.push(Unresolved {
                call: name.to_string(),
                pos,
                message: if method {
                    crate::t!("script-unknown-method", name = name)
                } else {
                    crate::t!("script-unknown-function", name = name)
                },
                suggestion: suggest(name, cands.iter()),
                module: false,
            });
            return true;
        }
        let ns: Vec<&str> = x.namespace.path.iter().map(|i| i.name.as_str()).collect();
        let ns = ns.join("::");
        let full = format!("{ns}::{name}");
        let fns = if let Some(m) = imports.get(&ns) {
            match m {
                Some(f) => f,
                None => return true, // already reported at the import
            }
        } else if let Some(f) = known.modules.get(&ns) {
            f
        } else {
            let mods: Vec<String> = known
                .modules
                .keys()
                .chain(imports.keys())
                .cloned()
                .collect();
            problems.push(Unresolved {
                call: full,
                pos,
                message: crate::t!("script-unknown-module", module = ns.as_str()),
                suggestion: suggest(&ns, mods.iter()).map(|m| format!("{m}::{name}")),
                module: false,
            });
            return true;
        };
        if !fns.contains(name) {
            let cands: Vec<&String> = fns.iter().collect();
            problems.push(Unresolved {
                call: full,
                pos,
                message: crate::t!(
                    "script-unknown-function-in",
                    name = name,
                    module = ns.as_str()
                ),
                suggestion: suggest(name, cands.into_iter()).map(|f| format!("{ns}::{f}")),
                module: false,
            });
        }
        true
    });
    problems.sort_by_key(|p| (p.pos.line(), p.pos.position()));
    problems
}

/// Every known function name, sorted (for the REPL and docs).
pub fn known_names(engine: &Engine) -> BTreeSet<String> {
    Known::from_engine(engine).all().into_iter().collect()
}

/// One `param(...)` or `secret(...)` call found in a script or a module it imports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ParamUse {
    /// The parameter's name.
    pub name: String,
    /// `secret(name)` rather than `param(name)`.
    pub secret: bool,
    /// The default as written (`None`: no default, so the parameter is required).
    pub default: Option<String>,
    /// `file:line` of the call.
    pub at: String,
    /// The `//` comment lines right above the call (and after it on its line).
    pub doc: String,
}

/// The parameters of a script, found statically.
#[derive(Debug, Clone, Default)]
pub struct ScriptParams {
    /// Every call with a literal name, in file order (main script first).
    pub uses: Vec<ParamUse>,
    /// `file:line` of calls whose name is computed (strictness cannot cover those).
    pub dynamic: Vec<String>,
    /// Modules that could not be read or compiled (the run will report them).
    pub problems: Vec<String>,
    /// The checks made on parameters (`check::at_least("vc_nodes", …, 1)`…), so that a prompt
    /// checks an answer as the script will (issue 25).
    pub checks: Vec<CheckUse>,
}

/// A call `NS::at_least|one_of|ipv4|ipv4_in|path("param", …)` with a literal parameter name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckUse {
    /// The function: `at_least`, `one_of`, `ipv4`, `ipv4_in` or `path`.
    pub func: String,
    /// The parameter it checks.
    pub param: String,
    /// `at_least`'s literal minimum.
    pub min: Option<i64>,
    /// `one_of`'s literal choices.
    pub choices: Vec<String>,
}

impl ScriptParams {
    /// Every parameter name asked for (not secrets).
    pub fn names(&self) -> BTreeSet<String> {
        self.uses
            .iter()
            .filter(|u| !u.secret)
            .map(|u| u.name.clone())
            .collect()
    }
    /// Every secret name asked for.
    pub fn secrets(&self) -> BTreeSet<String> {
        self.uses
            .iter()
            .filter(|u| u.secret)
            .map(|u| u.name.clone())
            .collect()
    }
}

/// A default expression as a reader would describe it.
fn render_expr(e: &Expr) -> String {
    if let Some(v) = e.get_literal_value(None) {
        return if v.is_string() {
            format!("\"{v}\"")
        } else if v.is_unit() {
            "()".into()
        } else {
            v.to_string()
        };
    }
    match e {
        Expr::Variable(x, ..) => x.1.to_string(),
        Expr::Property(x, ..) => x.2.to_string(),
        Expr::Dot(b, ..) => format!("{}.{}", render_expr(&b.lhs), render_expr(&b.rhs)),
        Expr::Index(b, ..) => format!("{}[{}]", render_expr(&b.lhs), render_expr(&b.rhs)),
        Expr::Coalesce(x, ..) => x.iter().map(render_expr).collect::<Vec<_>>().join(" ?? "),
        Expr::FnCall(x, ..) | Expr::MethodCall(x, ..) => format!("{}(…)", x.name),
        _ => "(computed)".into(),
    }
}

/// The comment lines right above 1-based `line` of `text`, and a trailing comment on it.
fn doc_above(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let strip = |l: &str| {
        l.trim()
            .trim_start_matches('/')
            .trim_start_matches('!')
            .trim()
            .to_string()
    };
    let mut doc = Vec::new();
    let mut i = line.saturating_sub(1);
    while i > 0 && lines[i - 1].trim_start().starts_with("//") {
        doc.push(strip(lines[i - 1]));
        i -= 1;
    }
    doc.reverse();
    // section headings (`// ## Parameters ---`) are not about the parameter
    doc.retain(|d| !d.starts_with('#'));
    if let Some(l) = lines.get(line.saturating_sub(1)) {
        // a trailing `// …` outside any string literal
        let mut from = 0;
        while let Some(p) = l[from..].find("//") {
            let pos = from + p;
            let before = &l[..pos];
            if before.matches('"').count() % 2 == 0 && before.matches('`').count() % 2 == 0 {
                doc.push(strip(&l[pos..]));
                break;
            }
            from = pos + 2;
        }
    }
    doc.join(" ")
}

/// Find every `param(...)`/`secret(...)` call of a script and of the modules it imports
/// (followed as a run resolves them). `engine` only compiles: it needs no API.
pub fn script_params(
    engine: &Engine,
    resolver: &Resolver,
    ast: &AST,
    source: &str,
    text: &str,
) -> ScriptParams {
    let mut out = ScriptParams::default();
    let mut seen = HashSet::new();
    seen.insert(source.to_string());
    scan_params(engine, resolver, ast, source, text, &mut out, &mut seen);
    out
}

fn scan_params(
    engine: &Engine,
    resolver: &Resolver,
    ast: &AST,
    source: &str,
    text: &str,
    out: &mut ScriptParams,
    seen: &mut HashSet<String>,
) {
    let mut imports = Vec::new();
    ast.walk(&mut |path: &[ASTNode]| {
        match path.last() {
            Some(ASTNode::Stmt(Stmt::Import(x, _))) => {
                if let Expr::StringConstant(p, _) = &x.0 {
                    imports.push(p.to_string());
                }
            }
            Some(ASTNode::Expr(Expr::FnCall(x, pos)))
            | Some(ASTNode::Stmt(Stmt::FnCall(x, pos))) => {
                let name = x.name.as_str();
                if !x.namespace.is_empty()
                    && ["at_least", "one_of", "ipv4", "ipv4_in", "path"].contains(&name)
                    && let Some(Expr::StringConstant(p, _)) = x.args.first()
                {
                    let lit = |e: Option<&Expr>| e.and_then(|e| e.get_literal_value(None));
                    let min = lit(x.args.get(2)).and_then(|v| v.as_int().ok());
                    let choices = lit(x.args.get(2))
                        .and_then(|v| v.try_cast::<rhai::Array>())
                        .map(|a| a.iter().map(|c| c.to_string()).collect())
                        .unwrap_or_default();
                    out.checks.push(CheckUse {
                        func: name.to_string(),
                        param: p.to_string(),
                        min,
                        choices,
                    });
                }
                let secret = name == "secret";
                if !x.namespace.is_empty() || !(name == "param" || secret) || x.args.is_empty() {
                    return true;
                }
                let line = pos.line().unwrap_or(0);
                let at = format!("{source}:{line}");
                match &x.args[0] {
                    Expr::StringConstant(n, _) => out.uses.push(ParamUse {
                        name: n.to_string(),
                        secret,
                        default: x.args.get(1).map(render_expr),
                        at,
                        doc: doc_above(text, line),
                    }),
                    _ => out.dynamic.push(at),
                }
            }
            _ => {}
        }
        true
    });
    for p in imports {
        let found = match resolver.locate(Some(source), &p) {
            Ok(f) => f,
            Err(_) => {
                out.problems.push(crate::t!(
                    "script-params-module-not-found",
                    name = p.to_string()
                ));
                continue;
            }
        };
        let name = found.source_name();
        if !seen.insert(name.clone()) {
            continue;
        }
        let Ok(mtext) = found.text() else {
            out.problems
                .push(crate::t!("script-module-unreadable", name = name.as_str()));
            continue;
        };
        match Resolver::compile(engine, &found) {
            Ok(m) => scan_params(engine, resolver, &m, &name, &mtext, out, seen),
            Err(e) => out.problems.push(format!("module {name}: {e}")),
        }
    }
}

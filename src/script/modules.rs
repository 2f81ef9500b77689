//! `import "name" as x;` resolution: the importing script's own directory, the main script's
//! directory, each `--lib DIR` (then `CWH_LIB`, colon-separated), then the `stdlib/` modules
//! embedded in the binary. A site overrides a stdlib module by putting a file of the same name
//! in its lib dir.
use rhai::{Engine, EvalAltResult, Module, Position, Scope, Shared};

type SharedModule = Shared<Module>;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static STDLIB: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/stdlib");

/// Where a module was found.
#[derive(Debug, Clone)]
pub enum Found {
    /// A file on disk.
    File(PathBuf),
    /// A stdlib module embedded in the binary: (display name, source).
    Embedded(String, &'static str),
}

impl Found {
    /// The name used as the module's source in diagnostics.
    /// The module's text.
    pub fn text(&self) -> std::io::Result<String> {
        match self {
            Found::File(p) => std::fs::read_to_string(p),
            Found::Embedded(_, s) => Ok(s.to_string()),
        }
    }

    pub fn source_name(&self) -> String {
        match self {
            Found::File(p) => p.display().to_string(),
            Found::Embedded(n, _) => n.clone(),
        }
    }
}

/// The names of the embedded stdlib modules (without `.rhai`).
pub fn stdlib_names() -> Vec<String> {
    let mut v: Vec<String> = STDLIB
        .files()
        .filter_map(|f| {
            let p = f.path();
            if p.extension()? == "rhai" {
                Some(p.file_stem()?.to_string_lossy().into_owned())
            } else {
                None
            }
        })
        .collect();
    v.sort();
    v
}

/// The source of an embedded stdlib module.
pub fn stdlib_source(name: &str) -> Option<&'static str> {
    STDLIB
        .get_file(format!("{name}.rhai"))
        .and_then(|f| f.contents_utf8())
}

/// The module resolver installed in every engine.
pub struct Resolver {
    main_dir: Option<PathBuf>,
    lib_dirs: Vec<PathBuf>,
    cache: Mutex<HashMap<String, SharedModule>>,
    /// Modules being evaluated now: an import of one of them is a cycle.
    loading: Mutex<Vec<String>>,
}

impl Resolver {
    /// `main_dir`: the main script's directory; `libs`: `--lib` dirs. `CWH_LIB` is appended.
    pub fn new(main_dir: Option<PathBuf>, libs: &[PathBuf]) -> Self {
        let mut lib_dirs = libs.to_vec();
        if let Ok(v) = std::env::var("CWH_LIB") {
            lib_dirs.extend(v.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
        }
        Resolver {
            main_dir,
            lib_dirs,
            cache: Mutex::new(HashMap::new()),
            loading: Mutex::new(Vec::new()),
        }
    }

    fn file_name(path: &str) -> String {
        if path.ends_with(".rhai") {
            path.to_string()
        } else {
            format!("{path}.rhai")
        }
    }

    /// Find module `path` imported from `importer` (a source name). On failure, returns every
    /// place that was looked at.
    pub fn locate(&self, importer: Option<&str>, path: &str) -> Result<Found, Vec<String>> {
        let file = Self::file_name(path);
        let mut looked = Vec::new();
        if Path::new(&file).is_absolute() {
            let p = PathBuf::from(&file);
            if p.is_file() {
                return Ok(Found::File(p));
            }
            looked.push(p.display().to_string());
            return Err(looked);
        }
        let mut dirs: Vec<PathBuf> = Vec::new();
        if let Some(imp) = importer {
            let ip = Path::new(imp);
            if ip.is_file()
                && let Some(d) = ip.parent()
            {
                dirs.push(if d.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    d.to_path_buf()
                });
            }
        }
        if let Some(d) = &self.main_dir {
            dirs.push(d.clone());
        }
        dirs.extend(self.lib_dirs.iter().cloned());
        let mut seen = Vec::new();
        for d in dirs {
            if seen.contains(&d) {
                continue;
            }
            let cand = d.join(&file);
            if cand.is_file() {
                return Ok(Found::File(cand));
            }
            looked.push(cand.display().to_string());
            seen.push(d);
        }
        let stem = file.trim_end_matches(".rhai");
        if let Some(src) = stdlib_source(stem) {
            return Ok(Found::Embedded(format!("stdlib/{file}"), src));
        }
        looked.push(crate::t!(
            "script-stdlib-embedded",
            modules = stdlib_names().join(", ")
        ));
        Err(looked)
    }

    /// Read and compile a located module.
    pub fn compile(engine: &Engine, found: &Found) -> Result<rhai::AST, Box<EvalAltResult>> {
        let name = found.source_name();
        let text = found.text().map_err(|e| {
            Box::new(EvalAltResult::ErrorSystem(
                crate::t!("script-module-unreadable", name = name.as_str()),
                Box::new(e),
            ))
        })?;
        crate::script::diagnostics::register_source(&name, &text);
        let mut ast = engine.compile(&text).map_err(|e| {
            Box::new(EvalAltResult::ErrorInModule(
                name.clone(),
                Box::new(e.into()),
                Position::NONE,
            ))
        })?;
        ast.set_source(name);
        Ok(ast)
    }
}

impl rhai::ModuleResolver for Resolver {
    fn resolve(
        &self,
        engine: &Engine,
        source: Option<&str>,
        path: &str,
        pos: Position,
    ) -> Result<SharedModule, Box<EvalAltResult>> {
        let found = self.locate(source, path).map_err(|looked| {
            let msg = crate::t!(
                "script-module-not-found",
                name = path,
                places = looked.join("\n  ")
            );
            Box::new(EvalAltResult::ErrorRuntime(msg.into(), pos))
        })?;
        let key = found.source_name();
        if let Some(m) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(m.clone());
        }
        let same_file = |a: &str, b: &str| {
            let (a, b) = (Path::new(a), Path::new(b));
            a == b
                || (a.canonicalize().ok().is_some()
                    && a.canonicalize().ok() == b.canonicalize().ok())
        };
        {
            let loading = self.loading.lock().unwrap_or_else(|e| e.into_inner());
            let cycle = loading.iter().any(|l| same_file(l, &key))
                || source.is_some_and(|s| same_file(s, &key));
            if cycle {
                let msg = crate::t!("script-import-cycle", name = path, file = key.as_str());
                return Err(Box::new(EvalAltResult::ErrorRuntime(msg.into(), pos)));
            }
        }
        self.loading
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(key.clone());
        let result = self.load(engine, &found, &key, pos);
        self.loading
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|l| l != &key);
        let m = result?;
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, m.clone());
        Ok(m)
    }
}

impl Resolver {
    fn load(
        &self,
        engine: &Engine,
        found: &Found,
        key: &str,
        pos: Position,
    ) -> Result<SharedModule, Box<EvalAltResult>> {
        let key = key.to_string();
        let ast = Self::compile(engine, found).map_err(|e| match *e {
            EvalAltResult::ErrorInModule(..) => e,
            other => Box::new(EvalAltResult::ErrorInModule(
                key.clone(),
                Box::new(other),
                pos,
            )),
        })?;
        let mut m = Module::eval_ast_as_new(Scope::new(), &ast, engine)
            .map_err(|e| Box::new(EvalAltResult::ErrorInModule(key.clone(), e, pos)))?;
        m.build_index();
        Ok(m.into())
    }
}

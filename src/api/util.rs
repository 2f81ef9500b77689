//! Global helpers: parameters, secrets, tables, JSON/YAML, confirmation, logging, sleep.
use crate::api::{doc, error};
use crate::script::ctx::Ctx;
use crate::script::params::Params;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, NativeCallContext};
use std::sync::Arc;
use std::time::Duration;

type Res<T> = Result<T, Box<EvalAltResult>>;

fn call_site(cx: &NativeCallContext) -> String {
    let pos = cx.call_position();
    let src = cx.call_source().unwrap_or("script");
    match (pos.line(), pos.position()) {
        (Some(l), Some(c)) => format!("{src}:{l}:{c}"),
        (Some(l), None) => format!("{src}:{l}"),
        _ => src.to_string(),
    }
}

fn param(ctx: &Ctx, cx: &NativeCallContext, name: &str, default: Option<Dynamic>) -> Res<Dynamic> {
    match ctx.params.param(name, default) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(error(
            "param::missing",
            format!(
                "missing parameter `{name}` (param(\"{name}\") at {})",
                call_site(cx)
            ),
            Some(Params::how_to_pass(name)),
        )),
        Err(e) => Err(error("param::invalid", e, None)),
    }
}

pub fn register(engine: &mut Engine, ctx: &Arc<Ctx>) {
    let c = ctx.clone();
    doc(
        "param",
        &["name: String", "Dynamic"],
        "A script parameter. Resolution order: `--set name=VALUE` (last wins), the `--params FILE`,\n\
         env `CWH_PARAM_<NAME>`, an interactive prompt when stdin is a terminal; otherwise an error\n\
         naming the parameter and this call. Values are typed as YAML (`3` int, `true` bool, `[a, b]` array).",
    )
    .register_into_engine(engine, move |cx: NativeCallContext, name: ImmutableString| {
        param(&c, &cx, &name, None)
    });
    let c = ctx.clone();
    doc(
        "param",
        &["name: String", "default: Dynamic", "Dynamic"],
        "A script parameter with a default, used when no `--set`, `--params` or `CWH_PARAM_<NAME>` gives one.\n\
         Example: `let nodes = param(\"vc_nodes\", 3);`",
    )
    .register_into_engine(
        engine,
        move |cx: NativeCallContext, name: ImmutableString, default: Dynamic| {
            param(&c, &cx, &name, Some(default))
        },
    );
    let c = ctx.clone();
    doc(
        "secret",
        &["name: String", "String"],
        "A secret (e.g. `vcc_access_token`). Never read from `--set` or `--params` (argv and files leak):\n\
         env `CWH_PARAM_<NAME>` (and `VCC_ACCESS_TOKEN` for the VCC token), `--token-file`, then a no-echo\n\
         prompt. The value is masked in every output, log and journal.",
    )
    .register_into_engine(engine, move |cx: NativeCallContext, name: ImmutableString| {
        match c.params.secret(&name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(error(
                "param::missing_secret",
                format!("missing secret `{name}` (secret(\"{name}\") at {})", call_site(&cx)),
                Some(Params::how_to_pass_secret(&name)),
            )),
            Err(e) => Err(error("param::invalid", e, None)),
        }
    });

    doc(
        "table",
        &["rows: Array", "String"],
        "Render an array of maps (or of values) as a table; columns are the keys of the maps.\n\
         Plain text when stdout is not a terminal or NO_COLOR is set. Example: `print(table(ug.nodes()))`",
    )
    .register_into_engine(engine, |rows: Array| match crate::api::vcc::table_rows(&rows) {
        Ok(rows) => crate::script::table::render(&rows, None),
        Err(ready) => ready,
    });
    doc(
        "table",
        &["rows: Array", "columns: Array", "String"],
        "Render an array of maps as a table with the given columns, in that order. A column that no\n\
         row has is an error listing the keys the rows have.",
    )
    .register_into_engine(engine, |rows: Array, cols: Array| -> Res<String> {
        let cols: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
        crate::script::table::render_columns(&rows, &cols).map_err(|e| {
            error(
                "table",
                e,
                Some("name columns the rows have (print(rows[0]) shows one row's keys)".into()),
            )
        })
    });

    doc(
        "to_json",
        &["value: Dynamic", "String"],
        "Pretty-printed JSON text of a value.",
    )
    .register_into_engine(engine, |v: Dynamic| -> Res<String> {
        serde_json::to_string_pretty(&v).map_err(|e| error("json", e, None))
    });
    doc(
        "from_json",
        &["text: String", "Dynamic"],
        "Parse JSON text into maps, arrays and scalars.",
    )
    .register_into_engine(engine, |t: ImmutableString| -> Res<Dynamic> {
        serde_json::from_str::<Dynamic>(&t)
            .map_err(|e| error("json", format!("invalid JSON: {e}"), None))
    });
    doc(
        "to_yaml",
        &["value: Dynamic", "String"],
        "YAML text of a value (block style).",
    )
    .register_into_engine(engine, |v: Dynamic| -> Res<String> {
        serde_saphyr::to_string(&v).map_err(|e| error("yaml", e, None))
    });
    doc(
        "from_yaml",
        &["text: String", "Dynamic"],
        "Parse YAML text (YAML 1.1 booleans like Ansible: `yes` is true).",
    )
    .register_into_engine(engine, |t: ImmutableString| -> Res<Dynamic> {
        serde_saphyr::from_str::<Dynamic>(&t)
            .map_err(|e| error("yaml", format!("invalid YAML: {e}"), None))
    });

    let c = ctx.clone();
    doc(
        "confirm",
        &["prompt: String", "bool"],
        "Ask a yes/no question on the terminal (default no). With `--yes` it answers yes without asking;\n\
         without a terminal and without `--yes` it is an error, so nothing destructive happens unattended.",
    )
    .register_into_engine(engine, move |p: ImmutableString| -> Res<bool> {
        if c.assume_yes {
            eprintln!("{p} [y/N] yes (--yes)");
            return Ok(true);
        }
        if !crate::script::prompt::can_prompt() {
            return Err(error(
                "confirm::no_terminal",
                format!("cannot ask \"{p}\": no terminal"),
                Some("run it in a terminal, or pass --yes to answer yes".into()),
            ));
        }
        let a = crate::script::prompt::ask(&format!("{p} [y/N] "))
            .map_err(|e| error("confirm", e, None))?;
        Ok(matches!(a.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
    });

    doc(
        "info",
        &["message: String", "()"],
        "Log an informational line on stderr (hidden by -q).",
    )
    .register_into_engine(engine, |m: ImmutableString| {
        tracing::info!(target: "cwh::script", "{}", crate::redact::redact(&m));
    });
    doc(
        "warn",
        &["message: String", "()"],
        "Log a warning on stderr.",
    )
    .register_into_engine(engine, |m: ImmutableString| {
        tracing::warn!(target: "cwh::script", "{}", crate::redact::redact(&m));
    });

    let c = ctx.clone();
    doc(
        "sleep",
        &["seconds: float", "()"],
        "Wait; Ctrl-C interrupts the wait.",
    )
    .register_into_engine(engine, move |s: rhai::FLOAT| -> Res<()> {
        let d = Duration::try_from_secs_f64(s.max(0.0)).map_err(|_| {
            error(
                "value",
                format!("sleep: {s} is not a usable number of seconds"),
                None,
            )
        })?;
        c.block_on(async move { tokio::time::sleep(d).await })?;
        Ok(())
    });
    let c = ctx.clone();
    doc(
        "sleep",
        &["seconds: int", "()"],
        "Wait; Ctrl-C interrupts the wait.",
    )
    .register_into_engine(engine, move |s: rhai::INT| -> Res<()> {
        let d = Duration::from_secs(s.max(0) as u64);
        c.block_on(async move { tokio::time::sleep(d).await })?;
        Ok(())
    });
    doc(
        "expand_path",
        &["path: String", "String"],
        "The path with a leading `~` replaced by the home directory (as the notebooks' os.path.expanduser).",
    )
    .register_into_engine(engine, |p: ImmutableString| expand_home(&p));
    doc(
        "expand_path",
        &["path: Dynamic", "String"],
        "A path that is not text (a parameter given as `--set key_path=5`): an error saying so.",
    )
    .register_into_engine(engine, |p: Dynamic| -> Res<String> {
        Err(error(
            "value",
            format!("expected a path (text), got {p} ({})", p.type_name()),
            Some("give a file path, e.g. --set ssh_public_key_path=~/.ssh/id_rsa.pub".into()),
        ))
    });
    doc(
        "path_exists",
        &["path: String", "bool"],
        "Whether a file or directory exists (`~` expanded).",
    )
    .register_into_engine(engine, |p: ImmutableString| {
        std::path::Path::new(&expand_home(&p)).exists()
    });
    let c = ctx.clone();
    doc(
        "workdir",
        &["String"],
        "The run's working directory (`--workdir`, default the current directory).",
    )
    .register_into_engine(engine, move || c.workdir.display().to_string());
}

pub use crate::files::expand_home;

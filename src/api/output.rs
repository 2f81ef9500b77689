//! Bindings: tables, JSON and YAML text, and log lines (`table`, `to_json`/`from_json`,
//! `to_yaml`/`from_yaml`, `info`, `warn`; cores in `crate::script::table` and serde).
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_global_module(exported_module!(output_api).into());
}

#[export_module]
mod output_api {
    use crate::api::Res;
    use crate::api::error;
    use rhai::Array;

    /// Render an array of maps (or of values) as a table; columns are the keys of the maps.
    /// Plain text when stdout is not a terminal or NO_COLOR is set. Example: `print(table(ug.nodes()))`
    #[rhai_fn(name = "table")]
    pub fn table(rows: Array) -> String {
        match crate::api::vcc::table_rows(&rows) {
            Ok(rows) => crate::script::table::render(&rows, None),
            Err(ready) => ready,
        }
    }

    /// Render an array of maps as a table with the given columns, in that order. A column that no
    /// row has is an error listing the keys the rows have.
    #[rhai_fn(name = "table", return_raw)]
    pub fn table_columns(rows: Array, columns: Array) -> Res<String> {
        let cols: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        crate::script::table::render_columns(&rows, &cols).map_err(|e| {
            error(
                "table::no_column",
                e,
                Some(crate::t!("local-api-table-columns-help")),
            )
        })
    }

    /// Pretty-printed JSON text of a value.
    #[rhai_fn(return_raw)]
    pub fn to_json(value: Dynamic) -> Res<String> {
        serde_json::to_string_pretty(&value).map_err(|e| error("json::encode", e, None))
    }

    /// Parse JSON text into maps, arrays and scalars.
    #[rhai_fn(return_raw)]
    pub fn from_json(text: &str) -> Res<Dynamic> {
        serde_json::from_str::<Dynamic>(text).map_err(|e| {
            error(
                "json::invalid",
                crate::t!("local-api-invalid-json", problem = e.to_string()),
                None,
            )
        })
    }

    /// YAML text of a value (block style).
    #[rhai_fn(return_raw)]
    pub fn to_yaml(value: Dynamic) -> Res<String> {
        serde_saphyr::to_string(&value).map_err(|e| error("yaml::encode", e, None))
    }

    /// Parse YAML text (YAML 1.1 booleans like Ansible: `yes` is true).
    #[rhai_fn(return_raw)]
    pub fn from_yaml(text: &str) -> Res<Dynamic> {
        serde_saphyr::from_str::<Dynamic>(text).map_err(|e| {
            error(
                "yaml::invalid",
                crate::t!("local-api-invalid-yaml", problem = e.to_string()),
                None,
            )
        })
    }

    /// Log an informational line on stderr (hidden by -q).
    pub fn info(message: &str) {
        tracing::info!(target: "cwh::script", "{}", crate::redact::redact(message));
    }

    /// Log a warning on stderr.
    pub fn warn(message: &str) {
        tracing::warn!(target: "cwh::script", "{}", crate::redact::redact(message));
    }
}

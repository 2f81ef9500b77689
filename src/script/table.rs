//! Arrays of maps rendered as tables (comfy-table).
use comfy_table::{ContentArrangement, Table, presets};
use rhai::{Array, Dynamic};
use std::io::IsTerminal;

/// A cell's text: strings unquoted, `()` empty, arrays joined with ", ".
pub fn cell(v: &Dynamic) -> String {
    if v.is_unit() {
        return String::new();
    }
    if let Some(a) = v.read_lock::<Array>() {
        return a.iter().map(cell).collect::<Vec<_>>().join(", ");
    }
    v.to_string()
}

/// Whether output should be plain (no colour, ASCII borders).
pub fn plain() -> bool {
    std::env::var_os("NO_COLOR").is_some() || !std::io::stdout().is_terminal()
}

/// Render rows with the given columns; a column that no row has is an error naming the keys
/// the rows do have (a typo would otherwise print a blank column).
pub fn render_columns(rows: &Array, columns: &[String]) -> Result<String, String> {
    let maps: Vec<rhai::Map> = rows
        .iter()
        .filter_map(|r| r.read_lock::<rhai::Map>().map(|m| m.clone()))
        .collect();
    if !maps.is_empty() {
        let missing: Vec<&String> = columns
            .iter()
            .filter(|c| !maps.iter().any(|m| m.contains_key(c.as_str())))
            .collect();
        if !missing.is_empty() {
            let mut keys: Vec<String> = Vec::new();
            for m in &maps {
                for k in m.keys() {
                    if !keys.iter().any(|x| x == k.as_str()) {
                        keys.push(k.to_string());
                    }
                }
            }
            let list = |v: &[&String]| {
                v.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(crate::t!(
                "script-table-no-column",
                missing = list(&missing),
                keys = keys.join(", ")
            ));
        }
    }
    Ok(render(rows, Some(columns)))
}

/// Render rows; `columns` fixes the columns and their order, otherwise they are the union of
/// the maps' keys in first-seen order.
pub fn render(rows: &Array, columns: Option<&[String]>) -> String {
    let mut cols: Vec<String> = columns.map(|c| c.to_vec()).unwrap_or_default();
    let maps: Vec<Option<rhai::Map>> = rows
        .iter()
        .map(|r| r.read_lock::<rhai::Map>().map(|m| m.clone()))
        .collect();
    if columns.is_none() {
        for m in maps.iter().flatten() {
            for k in m.keys() {
                if !cols.iter().any(|c| c == k.as_str()) {
                    cols.push(k.to_string());
                }
            }
        }
    }
    let mut t = Table::new();
    if plain() {
        t.load_style(presets::ASCII_MARKDOWN).force_no_tty();
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    if cols.is_empty() {
        t.set_header(vec![crate::t!("script-column-value")]);
        for r in rows {
            t.add_row(vec![cell(r)]);
        }
    } else {
        t.set_header(cols.iter().map(|c| c.as_str()).collect::<Vec<_>>());
        for (r, m) in rows.iter().zip(&maps) {
            match m {
                Some(m) => t.add_row(
                    cols.iter()
                        .map(|c| m.get(c.as_str()).map(cell).unwrap_or_default())
                        .collect::<Vec<_>>(),
                ),
                None => t.add_row(vec![cell(r)]),
            };
        }
    }
    t.to_string()
}

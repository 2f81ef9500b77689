//! The Rhai host: builds the engine from the `api` modules, resolves modules and parameters,
//! renders diagnostics, and checks scripts before they run.
pub mod api_index;
pub mod check;
pub mod ctx;
pub mod diagnostics;
pub mod engine;
pub mod host;
pub mod modules;
pub mod params;
pub mod prompt;
pub mod repl;
pub mod table;

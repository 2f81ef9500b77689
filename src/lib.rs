//! cwh: Rust primitives for building CoursewareHub on VCP, exposed to Rhai scripts.
//!
//! Layout (see DESIGN): `cli/` subcommands, `script/` the Rhai host, `api/` thin Rhai bindings,
//! and one folder per domain core (`vcc/`, `sim/`, `ssh/`, …) that never imports `rhai`.
pub mod ansible;
pub mod api;
pub mod cli;
pub mod exit;
pub mod files;
pub mod interlock;
pub mod journal;
pub mod lab;
pub mod local;
pub mod lock;
pub mod options;
pub mod plan;
pub mod redact;
pub mod script;
pub mod sim;
pub mod ssh;
pub mod swarm;
pub mod vcc;

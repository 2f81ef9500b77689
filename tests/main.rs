//! One integration-test binary (link time on 2 cores): every module drives the built `cwh`
//! binary or the library against real peers started by `support`.
mod support;

mod ansible;
mod bad_inputs;
mod coursewarehub;
mod customizing;
mod host;
mod lab;
mod lifecycle;
mod plan;
mod playbook;
mod repl;
mod robustness;
mod safe_input;
mod simulator;
mod ssh;
mod ssh_script;
mod vcc;
mod vcc_script;

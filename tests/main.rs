//! One integration-test binary (link time on 2 cores): every module drives the built `cwh`
//! binary or the library against real peers started by `support`.
mod support;

mod ansible;
mod bad_inputs;
mod converged;
mod coursewarehub;
mod customizing;
mod dup_race;
mod first_hour;
mod host;
mod i18n;
mod lab;
mod lab_nfs;
mod lab_owner;
mod lab_words;
mod lifecycle;
mod overlap;
mod plan;
mod plan_run;
mod playbook;
mod playbook_lab;
mod recovery;
mod repl;
mod robustness;
mod safe_input;
mod script_messages;
mod silent_death;
mod simulator;
mod ssh;
mod ssh_ja;
mod ssh_script;
mod suite_build;
mod suite_ops;
mod vcc;
mod vcc_messages;
mod vcc_script;

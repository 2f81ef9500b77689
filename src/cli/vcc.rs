//! `cwh vcc …`: the VCC simulator as a server, and its state. (issue 3)
#[derive(Debug, clap::Subcommand)]
pub enum VccCommand {}

pub fn run(cmd: VccCommand) -> i32 {
    match cmd {}
}

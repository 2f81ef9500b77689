//! Shared test harness.
#![allow(dead_code)]

pub mod sim;
pub mod sshd;

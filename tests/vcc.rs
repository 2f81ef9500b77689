//! VCC client and simulator tests (issue 3).

//! Simulator harness (issue 3).

//! Host tests (issue 2).

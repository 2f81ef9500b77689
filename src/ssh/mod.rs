//! SSH core (no Rhai): see issue 4.

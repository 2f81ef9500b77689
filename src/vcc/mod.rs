//! VCC client core (no Rhai): see issue 3.

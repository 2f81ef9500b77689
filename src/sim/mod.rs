//! VCC simulator (axum): see issue 3.

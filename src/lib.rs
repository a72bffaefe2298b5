//! crosscheck: checks the sourcing of prose. See ARCHITECTURE.md for the map.

pub mod eval;
pub mod figures;
pub mod text;

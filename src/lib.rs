//! crosscheck: checks the sourcing of prose. See ARCHITECTURE.md for the map.

pub mod attribution;
pub mod figures;
pub mod text;

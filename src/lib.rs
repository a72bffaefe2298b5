//! crosscheck: checks the sourcing of prose. See ARCHITECTURE.md for the map.

pub mod analysis;
pub mod attribution;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod eval;
pub mod figures;
pub mod findings;
pub mod lsp;
pub mod text;

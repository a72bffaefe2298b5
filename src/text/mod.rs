//! A document's text as the analysis sees it: where the prose is, where its sentences are,
//! and how byte offsets map to lines and columns.
//!
//! Everything here works on byte offsets into the original text; nothing does I/O.

pub(crate) mod fasthash;
pub mod line_index;
pub(crate) mod lower;
pub mod prose;
pub mod sentences;
pub mod tokens;

pub use line_index::LineIndex;
pub use prose::{Format, Prose};
pub use sentences::Sentence;

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

/// Month names and their abbreviations, lower case: dates in figures, datelines and claim times.
pub(crate) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The (key, value) rows of one of the `data/*.tsv` tables: tab-separated, `#` comments and
/// blank lines skipped.
pub(crate) fn tsv_pairs(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| l.split_once('\t'))
}
pub use prose::{Format, Prose};
pub use sentences::Sentence;

//! Entities: every mention of a person, organisation or place, linked across the corpus under
//! all its names (issue 3).
//!
//! Two phases, like the rest of the core:
//! - [`mentions`] reads one document and finds name mentions with cues from word lists. It never
//!   looks at another document, so its result can be cached per document and recomputed on
//!   every keystroke. Decisions that need the corpus (is a sentence-initial "Stewart" a name?)
//!   are left open as *tentative* mentions.
//! - [`EntityIndex::build`] links the mentions of all documents into entities (aliases,
//!   acronyms, surnames, middle names, spelling variants, a registry) and answers the queries
//!   of the language server and the CLI. It is rebuilt from the cached per-document mentions,
//!   or, when an edit only moved offsets, patched with [`EntityIndex::swap`].
//!
//! Everything works on byte offsets; nothing does I/O.

mod detect;
pub mod gum;
mod index;
mod lexicon;
mod output;
mod runs;
mod word_cache;

pub use detect::{mentions, mentions_with_lines, Detector};
pub use index::{DocEdits, Entity, EntityId, EntityIndex, Location, RegistryEntry, TextEdit, VariantFinding};
pub use lexicon::key_of;
pub use output::{DefinitionOut, EntityOut, MentionOut};

/// Whether a word is a nationality, religion or party adjective ("American", "Democrats"):
/// a group of people, for the claims that ask whether a name says which thing is measured.
pub fn is_demonym(word: &str) -> bool {
    lexicon::Lexicon::get().is_demonym(word)
}

use crate::text::{sentences, Format, Prose};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// What an entity is, spelled as GUM spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }
}

/// The shape of a mention's name, which decides how it may link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Two or more words: a full name ("George Soros", "Open Society Foundations").
    Full,
    /// One capitalised word: a surname, a short name or a one-word name ("Soros", "Politico").
    Single,
    /// All capitals: "ACLU", "U.S.".
    Acronym,
}

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One mention of a name in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The exact written span, possessive included ("Soros’s").
    pub range: Range<usize>,
    /// The name without its possessive: what a rename replaces.
    pub name: Range<usize>,
    /// A title or role written before the name ("Attorney General", "Mr."), not part of it.
    pub title: Option<Range<usize>>,
    /// The exact text of `range`.
    ///
    /// The three strings are shared (`Arc<str>`): a document repeats the same few hundred
    /// names, and the detector makes each distinct name's strings once (see `detect::Names`)
    /// instead of three allocations per mention. `text` is the `surface` itself when they agree.
    pub text: Arc<str>,
    /// The name as written, white space collapsed, possessive dropped ("Soros").
    pub surface: Arc<str>,
    /// Matching key of the name (see [`key_of`]).
    pub key: Arc<str>,
    /// The detector's kind from cues; `cue` says whether a cue (not a default) gave it.
    pub kind: Kind,
    pub cue: bool,
    pub form: Form,
    /// Capitalised only by position (sentence start, heading): kept only if the corpus knows the
    /// name from elsewhere.
    pub tentative: bool,
    pub possessive: bool,
    /// Lies inside a longer name ("Helsinki" in "University of Helsinki"): a reference, never
    /// renamed.
    pub nested: bool,
    /// An acronym defined in the text and its expansion point at each other ("American Civil
    /// Liberties Union (ACLU)"): index into the same document's mentions.
    pub partner: Option<usize>,
    pub start: Pos,
    pub end: Pos,
}

impl Mention {
    /// The first byte of the mention including its title.
    pub fn outer_start(&self) -> usize {
        self.title.as_ref().map_or(self.range.start, |t| t.start.min(self.range.start))
    }

    /// The words of the key.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.key.split(' ')
    }
}

/// The mentions of one document, the unit cached per document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMentions {
    pub path: String,
    /// Sorted by `range.start`.
    pub mentions: Vec<Mention>,
}

/// Convenience: the mentions of a document from its text.
pub fn analyze(path: &str, text: &str, format: Format) -> DocMentions {
    let prose = Prose::new(text, format);
    let sents = sentences::split(&prose.masked, &prose.breaks);
    DocMentions { path: path.to_string(), mentions: mentions(text, &prose, &sents) }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod seed_tests;

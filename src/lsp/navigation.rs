//! The boundary between the language server and the corpus's knowledge of names and claims.
//!
//! Every navigation request (definition, references, documentHighlight, hover on a name,
//! workspace/symbol, the entities of documentSymbol, prepareRename/rename) and the "same claim
//! elsewhere" part of a figure's hover go through [`Navigation`]. It speaks the core's language
//! only: document keys (paths) and byte offsets. The handlers turn the answers into LSP
//! positions, so an implementation never sees an encoding.
//!
//! TODO(entities, issue 3): when `crate::entities` lands, `Corpus` keeps an
//! `entities::EntityIndex` (built with `EntityIndex::build(&[Arc<DocMentions>], &registry)`) and
//! this impl becomes a thin layer over it: `entity_at(path, offset)` then
//! `definition(id, Some(path))`, `references(id)` (dropping the definition's own mention when
//! `include_declaration` is false), the mentions of `references(id)` in `path` for highlights,
//! `entity(id)` plus the reference counts for the card, `lookup(query, limit)` for workspace
//! symbols, `mention_at`/`rename(id, new_name)` for renames. Mentions a writer misspelt come from
//! `index.variants()` as entity-variant findings, in `Corpus::findings`, not here.
//! TODO(claims, issue 4): `figure_peers` lists the other figures of the figure's claim bucket.

use crate::corpus::Corpus;
use std::ops::Range;

/// A byte range in a corpus document.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub path: String,
    pub range: Range<usize>,
}

/// What hovering a name shows.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityCard {
    pub name: String,
    /// person, organization, place or other.
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
    /// Figures tied to the entity, with their text.
    pub figures: Vec<(Place, String)>,
    /// The registry's note, if any.
    pub note: Option<String>,
}

/// An entity as a symbol: its canonical name, kind, and the place to jump to.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySymbol {
    pub name: String,
    pub kind: String,
    pub place: Place,
}

/// Another figure given for the same claim.
#[derive(Debug, Clone, PartialEq)]
pub struct FigurePeer {
    pub place: Place,
    pub text: String,
    /// Whether its interval can agree with the hovered figure's.
    pub agrees: bool,
}

/// Per-document edits, as byte ranges of each document's text and their replacements.
pub type Edits = Vec<(String, Vec<(Range<usize>, String)>)>;

/// What the server asks of a corpus for names and claims.
pub trait Navigation {
    /// Where the entity named at `offset` of `path` is defined.
    fn definition(&self, path: &str, offset: usize) -> Option<Place>;
    /// Every mention of the entity named at `offset`, across the corpus.
    fn references(&self, path: &str, offset: usize, include_declaration: bool) -> Vec<Place>;
    /// The mentions, in `path` itself, of the entity named at `offset`.
    fn highlights(&self, path: &str, offset: usize) -> Vec<Range<usize>>;
    fn entity_card(&self, path: &str, offset: usize) -> Option<EntityCard>;
    /// Entities matching `query` (fuzzy), best first.
    fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<EntitySymbol>;
    /// The entities mentioned in `path`, each at its first mention.
    fn document_entities(&self, path: &str) -> Vec<EntitySymbol>;
    /// The range of the mention at `offset` and the name it would rename, if it can be renamed.
    fn prepare_rename(&self, path: &str, offset: usize) -> Option<(Range<usize>, String)>;
    /// The edits that rename the entity at `offset` everywhere; `Err` says why it cannot.
    fn rename(&self, path: &str, offset: usize, new_name: &str) -> Result<Edits, String>;
    /// The other figures for the claim of the figure at `figure` in `path`.
    fn figure_peers(&self, path: &str, figure: Range<usize>) -> Vec<FigurePeer>;
}

/// Until entities and claims are part of the corpus (issues 3 and 4), there is nothing to
/// navigate: every answer is empty and the handlers reply with empty results or null.
impl Navigation for Corpus {
    fn definition(&self, _path: &str, _offset: usize) -> Option<Place> {
        None
    }
    fn references(&self, _path: &str, _offset: usize, _include_declaration: bool) -> Vec<Place> {
        Vec::new()
    }
    fn highlights(&self, _path: &str, _offset: usize) -> Vec<Range<usize>> {
        Vec::new()
    }
    fn entity_card(&self, _path: &str, _offset: usize) -> Option<EntityCard> {
        None
    }
    fn workspace_symbols(&self, _query: &str, _limit: usize) -> Vec<EntitySymbol> {
        Vec::new()
    }
    fn document_entities(&self, _path: &str) -> Vec<EntitySymbol> {
        Vec::new()
    }
    fn prepare_rename(&self, _path: &str, _offset: usize) -> Option<(Range<usize>, String)> {
        None
    }
    fn rename(&self, _path: &str, _offset: usize, _new_name: &str) -> Result<Edits, String> {
        Err("there is no name here to rename (entity linking is not in this build yet)".into())
    }
    fn figure_peers(&self, _path: &str, _figure: Range<usize>) -> Vec<FigurePeer> {
        Vec::new()
    }
}

//! The boundary between the language server and the corpus's knowledge of names and claims.
//!
//! Every navigation request (definition, references, documentHighlight, hover on a name,
//! workspace/symbol, the entities of documentSymbol, prepareRename/rename) and the "same claim
//! elsewhere" part of a figure's hover go through [`Navigation`]. It speaks the core's language
//! only: document keys (paths) and byte offsets. The handlers turn the answers into LSP
//! positions, so an implementation never sees an encoding.
//!
//! `Corpus` answers from its `EntityIndex` (names) and `ClaimIndex` (figures of one claim).

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
    /// The verdict between it and the hovered figure: conflict, differ or agree.
    pub verdict: &'static str,
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

impl Corpus {
    fn place_of(&self, path: &str, r: Range<usize>) -> Place {
        Place { path: path.to_string(), range: r }
    }

    /// A registry definition names a path (relative to the corpus root, or as keyed) and a line.
    fn registry_place(&self, path: &str, line: u32) -> Option<Place> {
        let (key, doc) = self.docs().find(|(k, _)| k.as_str() == path || k.ends_with(&format!("/{path}")))?;
        let start = doc.analysis.lines.line_start(line.saturating_sub(1) as usize);
        let end = doc.analysis.lines.line_range(&doc.text, line.saturating_sub(1) as usize).end;
        Some(self.place_of(key, start..end))
    }
}

impl Navigation for Corpus {
    fn definition(&self, path: &str, offset: usize) -> Option<Place> {
        let ix = self.entities();
        let id = ix.entity_at(path, offset)?;
        let loc = ix.definition(id, Some(path))?;
        match loc.range {
            Some(r) => Some(self.place_of(&loc.path, r)),
            None => self.registry_place(&loc.path, loc.line),
        }
    }

    fn references(&self, path: &str, offset: usize, include_declaration: bool) -> Vec<Place> {
        let ix = self.entities();
        let Some(id) = ix.entity_at(path, offset) else { return Vec::new() };
        let def = ix.definition(id, Some(path)).and_then(|l| l.range.map(|r| (l.path, r)));
        ix.references(id)
            .into_iter()
            .filter(|(p, m)| include_declaration || def.as_ref().map_or(true, |(dp, dr)| !(dp == p && *dr == m.range)))
            .map(|(p, m)| self.place_of(p, m.range.clone()))
            .collect()
    }

    fn highlights(&self, path: &str, offset: usize) -> Vec<Range<usize>> {
        let ix = self.entities();
        let Some(id) = ix.entity_at(path, offset) else { return Vec::new() };
        ix.references(id).into_iter().filter(|(p, _)| *p == path).map(|(_, m)| m.range.clone()).collect()
    }

    fn entity_card(&self, path: &str, offset: usize) -> Option<EntityCard> {
        let ix = self.entities();
        let id = ix.entity_at(path, offset)?;
        let e = ix.entity(id)?;
        let refs = ix.references(id);
        let documents = refs.iter().map(|(p, _)| *p).collect::<std::collections::BTreeSet<_>>().len();
        // Figures tied to the entity: those whose claim key names it.
        let mut figures = Vec::new();
        for (key, doc) in self.docs() {
            let p: std::sync::Arc<str> = std::sync::Arc::from(key.as_str());
            for f in doc.features.iter() {
                if let Some(k) = self.claims().keyed(&(p.clone(), f.figure)) {
                    if k.entities.iter().any(|x| x.0 == e.name) {
                        figures.push((self.place_of(key, k.range.clone()), k.text.clone()));
                    }
                }
            }
        }
        figures.truncate(20);
        Some(EntityCard { name: e.name.clone(), kind: e.kind.as_str().to_string(), aliases: e.aliases.clone(), mentions: refs.len(), documents, figures, note: e.note.clone() })
    }

    fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<EntitySymbol> {
        let ix = self.entities();
        ix.lookup(query, limit)
            .into_iter()
            .filter_map(|id| {
                let e = ix.entity(id)?;
                let loc = ix.definition(id, None)?;
                let place = match loc.range {
                    Some(r) => self.place_of(&loc.path, r),
                    None => self.registry_place(&loc.path, loc.line)?,
                };
                Some(EntitySymbol { name: e.name.clone(), kind: e.kind.as_str().to_string(), place })
            })
            .collect()
    }

    fn document_entities(&self, path: &str) -> Vec<EntitySymbol> {
        let ix = self.entities();
        let Some(ms) = ix.doc_mentions(path) else { return Vec::new() };
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (m, id) in ms {
            let Some(id) = id else { continue };
            if !seen.insert(id) {
                continue;
            }
            if let Some(e) = ix.entity(id) {
                out.push(EntitySymbol { name: e.name.clone(), kind: e.kind.as_str().to_string(), place: self.place_of(path, m.range.clone()) });
            }
        }
        out.sort_by_key(|s| s.place.range.start);
        out
    }

    fn prepare_rename(&self, path: &str, offset: usize) -> Option<(Range<usize>, String)> {
        let (_, m) = self.entities().mention_at(path, offset)?;
        if m.nested {
            return None;
        }
        Some((m.name.clone(), self.get(path)?.text[m.name.clone()].to_string()))
    }

    fn rename(&self, path: &str, offset: usize, new_name: &str) -> Result<Edits, String> {
        let ix = self.entities();
        let id = ix.entity_at(path, offset).ok_or_else(|| "there is no name here to rename".to_string())?;
        let new_name = new_name.trim();
        if new_name.is_empty() || new_name.contains(['\n', '\r']) {
            return Err("the new name must be one line of text".into());
        }
        Ok(ix.rename(id, new_name).into_iter().map(|d| (d.path, d.edits.into_iter().map(|e| (e.range, e.new_text)).collect())).collect())
    }

    fn figure_peers(&self, path: &str, figure: Range<usize>) -> Vec<FigurePeer> {
        let Some(doc) = self.get(path) else { return Vec::new() };
        let Some(i) = doc.analysis.figures.iter().position(|f| f.figure.range == figure) else { return Vec::new() };
        let me: crate::claims::FigRef = (std::sync::Arc::from(path), i);
        self.claims()
            .related(&me)
            .into_iter()
            .filter_map(|(r, v)| {
                let k = self.claims().keyed(&r)?;
                Some(FigurePeer { place: self.place_of(&r.0, k.range.clone()), text: k.text.clone(), verdict: v.as_str() })
            })
            .collect()
    }
}

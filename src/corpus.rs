//! The corpus: every document's analysis, the entities linked across documents, the claims
//! their figures make, and the findings that come from them. Documents are keyed by a path
//! string and kept in path order, so every listing is stable.
//!
//! Updating is two steps so that batch loads stay linear: [`Corpus::set`] analyses one
//! document (reused while its text's hash is unchanged), and [`Corpus::refresh`] re-links
//! entities and re-keys the figures of only the documents whose text or resolved names changed;
//! the claim index then re-clusters only the buckets those figures touch.

use crate::analysis::{self, DocAnalysis};
use crate::attribution::Cues;
use crate::claims::{self, ClaimIndex, FigRef, Keyed, Verdict};
use crate::config::Config;
use crate::entities::{self, DocMentions, EntityIndex, Kind, RegistryEntry};
use crate::findings::{Check, Finding, Fix, Related, Severity};
use crate::entities::Mention;
use crate::figures::Figure;
use crate::text::fasthash::Map;
use crate::text::tokens::Token;
use crate::text::{Format, Prose, Sentence};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: Arc<str>,
    pub analysis: Arc<DocAnalysis>,
    pub mentions: Arc<DocMentions>,
    pub features: Arc<Vec<Arc<claims::Features>>>,
    hash: u64,
    /// Canonical name and kind of each mention at the last refresh (None: unlinked).
    resolved: Vec<Option<(String, Kind)>>,
    /// The names of `resolved` as one set, shared by the document's keyed figures; carried
    /// over from the document's previous version while its names are the same, so that an
    /// edit's claim update compares the set by pointer, not entry by entry.
    names: Arc<claims::NameSet>,
}

/// A document's text and analysis as the corpus holds them, shared: what the language server
/// hands [`analyse_doc_with`] as the version before an edit.
#[derive(Debug, Clone)]
pub struct Held {
    pub text: Arc<str>,
    pub analysis: Arc<DocAnalysis>,
    pub mentions: Arc<DocMentions>,
    pub features: Arc<Vec<Arc<claims::Features>>>,
}

impl Doc {
    pub fn held(&self) -> Held {
        Held { text: self.text.clone(), analysis: self.analysis.clone(), mentions: self.mentions.clone(), features: self.features.clone() }
    }
}

fn hash_of(text: &str, format: Format) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    (format == Format::Markdown).hash(&mut h);
    h.finish()
}

/// A document analysed on its own: what [`Corpus::insert`] takes (built in parallel by callers).
#[derive(Debug)]
pub struct Analysed {
    pub analysis: DocAnalysis,
    pub mentions: DocMentions,
    pub features: Vec<Arc<claims::Features>>,
}

/// Per-document analysis plus the entity mentions and claim features of the document.
pub fn analyse_doc(path: &str, text: &str, format: Format, cues: &Cues) -> Analysed {
    analyse_doc_with(path, text, format, cues, None, None)
}

/// [`analyse_doc`] reusing, through `memo`, the figures and mentions of every sentence that
/// an earlier analysis of the document saw unchanged (the language server keeps one memo per
/// open document, so a keystroke scans again only the sentence it touched). The result is the
/// same as without the memo.
///
/// `earlier`, the document's analysis before the edit, lends the claim features of the
/// paragraphs the edit left alone (see [`claims::Earlier`]).
pub fn analyse_doc_with(path: &str, text: &str, format: Format, cues: &Cues, memo: Option<&mut DocMemo>, earlier: Option<&Held>) -> Analysed {
    // Mentions are found sentence by sentence on the tokens the figure scanner made.
    let (memo, memo_sources, memo_features) = match memo {
        Some(m) => (Some(&mut m.sentences), Some(&mut m.sources), Some(&mut m.paragraphs)),
        None => (None, None, None),
    };
    // The next memo is sized as the last one: growing it a sentence at a time rehashed every key.
    let next = Map::with_capacity_and_hasher(memo.as_ref().map_or(0, |m| m.entries.len()), Default::default());
    let mut hook = Sentences { text, detector: entities::Detector::default(), memo, sources: memo_sources, next, key: Vec::new(), key_of: None, reused: 0, earlier: None };
    // An edit inside a paragraph's words: the prose and sentences of the version before, spliced.
    let spliced = earlier.and_then(|e| splice(e, text, format));
    let analysis = match spliced {
        Some((prose, sentences, reuse)) => {
            hook.earlier = Some(reuse);
            analysis::analyze_prose(text, format, cues, prose, sentences, &mut hook)
        }
        None => analysis::analyze_with(text, format, cues, &mut hook),
    };
    let carried = hook.earlier.as_ref().map_or(0, |r| r.carried);
    if let Some(m) = hook.memo {
        // Sentences taken from the earlier version made no key: the memo keeps its entries
        // (keys hold every input, so an old one is never wrong) until it outgrows the document.
        if carried > 0 && m.entries.len() < 4 * analysis.sentences.len() + 64 {
            m.entries.extend(hook.next);
        } else {
            m.entries = hook.next;
        }
        m.reused = hook.reused;
        m.carried = carried;
    }
    let mentions = DocMentions { path: path.to_string(), mentions: hook.detector.finish(text, &analysis.lines) };
    let earlier = earlier.map(|d| claims::Earlier { text: &d.text, analysis: &d.analysis, mentions: &d.mentions.mentions, features: &d.features });
    let features = claims::features_with(text, &analysis, &mentions.mentions, memo_features, earlier);
    Analysed { analysis, mentions, features }
}

/// What a document's last analysis lends the next one: its sentences' figures and mentions,
/// its blocks' sources, and its paragraphs' claim features. The language server keeps one per
/// open document.
#[derive(Debug, Default)]
pub struct DocMemo {
    pub sentences: SentenceMemo,
    pub sources: crate::attribution::SourceMemo,
    pub paragraphs: claims::FeatureMemo,
}

/// Figures and mentions of the sentences of a document's last analysis, relative to each
/// sentence's start, keyed by the sentence's text and what lies around it. Holds one
/// analysis's sentences: each analysis replaces it.
#[derive(Debug, Default)]
pub struct SentenceMemo {
    entries: Map<Box<[u8]>, Arc<MemoSentence>>,
    /// Sentences the last analysis took from the memo instead of scanning them.
    pub reused: usize,
    /// Sentences the last analysis took from the version before the edit.
    pub carried: usize,
}

impl SentenceMemo {
    /// Sentences held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Debug)]
struct MemoSentence {
    figures: Vec<Figure>,
    mentions: Vec<Mention>,
}

/// Bytes either side of a sentence that are part of its key: the scanner and the detector look
/// a little past a sentence's ends (a closing parenthesis after an acronym).
const MEMO_CONTEXT: usize = 16;

/// The per-sentence stage of [`analyse_doc_with`]: mentions from the scanner's tokens, and
/// the memo's reuse and refill.
struct Sentences<'a, 'm> {
    text: &'a str,
    detector: entities::Detector,
    memo: Option<&'m mut SentenceMemo>,
    sources: Option<&'m mut crate::attribution::SourceMemo>,
    next: Map<Box<[u8]>, Arc<MemoSentence>>,
    key: Vec<u8>,
    /// The sentence (its start) that `key` was made for.
    key_of: Option<usize>,
    reused: usize,
    earlier: Option<Reuse<'a>>,
}

/// The sentences an edit left alone, to take from the version before it: their figures and
/// names, moved. A sentence is scanned again when the edit is in it or within [`MEMO_CONTEXT`]
/// bytes of it (the scanner and the detector look that far).
struct Reuse<'a> {
    old: &'a Held,
    /// Where the edit is, in the new text's offsets, and its length change.
    at: usize,
    new_end: usize,
    delta: isize,
    /// The edit's segment: its first sentence, and how many it has now and had.
    first: usize,
    now: usize,
    was: usize,
    /// Per old sentence, its mentions (they come sentence by sentence, in order).
    mentions: Vec<std::ops::Range<usize>>,
    /// The next sentence's index (sentences come in order).
    next: usize,
    carried: usize,
}

impl Reuse<'_> {
    /// The figures (into `out`) and names of new sentence `i`, `s`, taken from the version
    /// before the edit; None to scan it.
    fn reuse(&self, i: usize, s: &Sentence, out: &mut Vec<Figure>, base: usize) -> Option<Vec<Mention>> {
        let k = if i < self.first {
            i
        } else if i >= self.first + self.now {
            i - self.now + self.was
        } else {
            return None;
        };
        if s.range.start < self.new_end + MEMO_CONTEXT && s.range.end + MEMO_CONTEXT > self.at {
            return None;
        }
        let a = &self.old.analysis;
        let o = a.sentences.get(k)?;
        let shifted = if o.range.start >= self.at { self.delta } else { 0 };
        if (o.range.start as isize + shifted, o.range.end as isize + shifted) != (s.range.start as isize, s.range.end as isize) {
            return None;
        }
        let figures = &a.figures[a.figures.partition_point(|f| f.sentence < k)..a.figures.partition_point(|f| f.sentence <= k)];
        let own = self.mentions[k].clone();
        let ms = &self.old.mentions.mentions[own.clone()];
        if !movable(&o.range, figures.iter().map(|f| &f.figure.range), ms, |p| own.contains(&p)) {
            return None;
        }
        let (from, to) = (o.range.start, s.range.start);
        out.extend(figures.iter().map(|f| Figure { range: shift(&f.figure.range, from, to), ..f.figure.clone() }));
        Some(ms.iter().map(|m| moved(m, from, to, |p| p - own.start + base)).collect())
    }
}

/// The prose and sentences of `text` spliced from `earlier` when the edit between them is
/// inside one paragraph's words (see `Prose::spliced`), and what to reuse of it.
fn splice<'a>(earlier: &'a Held, text: &str, format: Format) -> Option<(Prose, Vec<crate::text::Sentence>, Reuse<'a>)> {
    let old = &*earlier.text;
    if format != Format::Markdown || earlier.analysis.format != Format::Markdown {
        return None;
    }
    let (at, same_end) = crate::text::common_ends(old, text);
    let (old_end, new_end) = (old.len() - same_end, text.len() - same_end);
    let prose = earlier.analysis.prose.spliced(old, text, at, old_end, new_end)?;
    let delta = new_end as isize - old_end as isize;
    let old_sentences = &earlier.analysis.sentences;
    let sentences = crate::text::sentences::respliced(old_sentences, &prose.masked, &prose.breaks, at, new_end, delta)?;
    // The edit's segment: the sentences that differ in number or place from the old ones.
    let first = old_sentences.iter().zip(&sentences).take_while(|(o, n)| o.range.end <= at && o == n).count();
    let block = old_sentences.get(first)?.block;
    let was = old_sentences[first..].iter().take_while(|s| s.block == block).count();
    let now = sentences[first..].iter().take_while(|s| s.block == block).count();
    // Each old sentence's mentions, which must come in sentence order.
    let ms = &earlier.mentions.mentions;
    let mut mentions = vec![0..0; old_sentences.len()];
    let mut k = 0;
    for (i, m) in ms.iter().enumerate() {
        while k < old_sentences.len() && old_sentences[k].range.end <= m.range.start {
            k += 1;
        }
        if old_sentences.get(k)?.range.start > m.range.start {
            return None;
        }
        let r = &mut mentions[k];
        if r.start == r.end {
            *r = i..i + 1;
        } else if r.end == i {
            r.end += 1;
        } else {
            return None;
        }
    }
    Some((prose, sentences, Reuse { old: earlier, at, new_end, delta, first, now, was, mentions, next: 0, carried: 0 }))
}

impl Sentences<'_, '_> {
    /// The memo key of `s`: whether it is a heading, its masked and original text, and the
    /// masked text just around it.
    fn key(&mut self, prose: &Prose, s: &Sentence) {
        if self.key_of == Some(s.range.start) {
            return;
        }
        self.key_of = Some(s.range.start);
        let m = &prose.masked;
        let mut a = s.range.start.saturating_sub(MEMO_CONTEXT);
        while !m.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (s.range.end + MEMO_CONTEXT).min(m.len());
        while !m.is_char_boundary(b) {
            b += 1;
        }
        let heading = prose.in_heading(&s.range);
        self.key.clear();
        self.key.push(if heading { b'h' } else { b'p' });
        // Bytes: a sentence's ends are character boundaries of the masked text, not always of
        // the original (a masked character in the middle of the range).
        let m = m.as_bytes();
        for part in [&m[a..s.range.start], &m[s.range.clone()], &self.text.as_bytes()[s.range.clone()], &m[s.range.end..b]] {
            self.key.push(0);
            self.key.extend_from_slice(part);
        }
    }
}

/// Whether a sentence's figures and mentions can move with it (to another place, or another
/// version): only what lies inside `sentence` and points inside it (`partner_ok`).
fn movable<'r>(sentence: &std::ops::Range<usize>, mut figures: impl Iterator<Item = &'r std::ops::Range<usize>>, mentions: &[Mention], partner_ok: impl Fn(usize) -> bool) -> bool {
    let inside = |r: &std::ops::Range<usize>| r.start >= sentence.start && r.end <= sentence.end;
    figures.all(inside) && mentions.iter().all(|m| inside(&m.range) && inside(&m.name) && m.title.as_ref().map_or(true, inside) && m.partner.map_or(true, &partner_ok))
}

fn shift(r: &std::ops::Range<usize>, from: usize, to: usize) -> std::ops::Range<usize> {
    r.start - from + to..r.end - from + to
}

/// A mention moved from a sentence starting at `from` to one starting at `to`, its partner's
/// index mapped by `partner`.
fn moved(m: &Mention, from: usize, to: usize, partner: impl Fn(usize) -> usize) -> Mention {
    Mention {
        range: shift(&m.range, from, to),
        name: shift(&m.name, from, to),
        title: m.title.as_ref().map(|t| shift(t, from, to)),
        partner: m.partner.map(partner),
        ..m.clone()
    }
}

impl analysis::SentenceHook for Sentences<'_, '_> {
    fn sources(&mut self) -> Option<&mut crate::attribution::SourceMemo> {
        self.sources.as_deref_mut()
    }

    fn known(&mut self, prose: &Prose, s: &Sentence, out: &mut Vec<Figure>) -> bool {
        if let Some(r) = self.earlier.as_mut() {
            let i = r.next;
            r.next += 1;
            if let Some(ms) = r.reuse(i, s, out, self.detector.found()) {
                for m in ms {
                    self.detector.push(m);
                }
                r.carried += 1;
                return true;
            }
        }
        if self.memo.is_none() {
            return false;
        }
        self.key(prose, s);
        // A hit moves its entry, key and all, to the next memo: copying every sentence's key
        // again cost more than looking it up.
        let Some((k, hit)) = self.memo.as_mut().and_then(|m| m.entries.remove_entry(self.key.as_slice())) else { return false };
        let at = s.range.start;
        out.extend(hit.figures.iter().map(|f| Figure { range: shift(&f.range, 0, at), ..f.clone() }));
        let first = self.detector.found();
        for m in &hit.mentions {
            self.detector.push(moved(m, 0, at, |p| p + first));
        }
        self.next.insert(k, hit);
        self.reused += 1;
        true
    }

    fn scanned(&mut self, prose: &Prose, s: &Sentence, toks: &[Token], figures: &[Figure]) {
        let first = self.detector.found();
        self.detector.sentence(self.text, prose, s, toks);
        if self.memo.is_none() {
            return;
        }
        let at = s.range.start;
        let found = self.detector.since(first);
        if !movable(&s.range, figures.iter().map(|f| &f.range), found, |p| p >= first) {
            return;
        }
        let entry = MemoSentence {
            figures: figures.iter().map(|f| Figure { range: shift(&f.range, at, 0), ..f.clone() }).collect(),
            mentions: found.iter().map(|m| moved(m, at, 0, |p| p - first)).collect(),
        };
        self.key(prose, s);
        self.next.insert(self.key.as_slice().into(), Arc::new(entry));
    }
}

#[derive(Debug, Clone)]
pub struct Corpus {
    cues: Arc<Cues>,
    severities: BTreeMap<Check, Severity>,
    registry: Vec<RegistryEntry>,
    docs: BTreeMap<String, Doc>,
    entities: EntityIndex,
    claims: ClaimIndex,
    /// Documents set or removed since the last refresh.
    dirty: BTreeSet<String>,
    /// The state each dirty document had at the last refresh: when an edit only moved its
    /// figures (text typed before them), the refresh shifts them instead of re-keying.
    previous: BTreeMap<String, Doc>,
    /// Replaced documents not yet freed: freeing an analysis costs about a tenth of making it,
    /// so the language server frees them after it has published ([`Corpus::take_retired`]).
    retired: Vec<Doc>,
    removed: BTreeSet<String>,
    /// Messages name other documents relative to this folder (the editor's workspace folder);
    /// keys themselves stay absolute so that related locations still resolve.
    display_root: Option<String>,
    /// How many refreshes relinked every entity (the rest swapped edited documents in).
    pub relinks: usize,
    /// How many edited documents only moved their figures (claims shifted, not redone).
    pub shifts: usize,
    /// How many edited documents re-keyed only the figures whose features changed.
    pub partials: usize,
}

/// `[[entity]]` tables as registry entries.
fn registry(config: &Config) -> Vec<RegistryEntry> {
    config
        .entities
        .iter()
        .map(|e| RegistryEntry {
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            kind: e.kind.as_deref().map(|k| match k {
                "person" => Kind::Person,
                "organization" => Kind::Organization,
                "place" => Kind::Place,
                _ => Kind::Other,
            }),
            note: e.note.clone(),
            definition: e.definition.as_ref().map(|d| match d.rsplit_once(':') {
                Some((p, l)) if l.parse::<u32>().is_ok() => (p.to_string(), l.parse().unwrap_or(1)),
                _ => (d.clone(), 1),
            }),
        })
        .collect()
}

impl Corpus {
    pub fn new(config: &Config) -> Corpus {
        Corpus {
            cues: Arc::new(Cues::new(&config.attribution.phrases, &config.attribution.verbs)),
            severities: config.severities.clone(),
            registry: registry(config),
            docs: BTreeMap::new(),
            entities: EntityIndex::default(),
            claims: ClaimIndex::new(config.claims.slack),
            dirty: BTreeSet::new(),
            previous: BTreeMap::new(),
            retired: Vec::new(),
            removed: BTreeSet::new(),
            display_root: None,
            relinks: 0,
            shifts: 0,
            partials: 0,
        }
    }

    /// Name documents in messages relative to `root` (None: as keyed).
    pub fn set_display_root(&mut self, root: Option<&std::path::Path>) {
        self.display_root = root.map(|r| r.to_string_lossy().trim_end_matches(['/', '\\']).to_string());
    }

    /// A document's key as messages show it.
    pub fn display_path<'a>(&self, path: &'a str) -> &'a str {
        match &self.display_root {
            Some(root) if !root.is_empty() => path.strip_prefix(root.as_str()).and_then(|r| r.strip_prefix(['/', '\\'])).filter(|r| !r.is_empty()).unwrap_or(path),
            _ => path,
        }
    }

    pub fn cues(&self) -> &Cues {
        &self.cues
    }

    /// The cues, shared: a clone of a regex starts with a cold matching cache, so analyses
    /// that keep sharing one set of cues stay fast.
    pub fn shared_cues(&self) -> Arc<Cues> {
        self.cues.clone()
    }

    /// Set a document's text; returns false when it was already this text (nothing to redo).
    /// Call [`Corpus::refresh`] before asking for corpus-wide results.
    pub fn set(&mut self, path: &str, text: Arc<str>, format: Format) -> bool {
        if self.docs.get(path).map_or(false, |d| d.hash == hash_of(&text, format)) {
            return false;
        }
        let a = analyse_doc(path, &text, format, &self.cues);
        self.insert(path, text, format, a);
        true
    }

    /// Insert a document analysed elsewhere (in parallel) with this corpus's cues.
    pub fn insert(&mut self, path: &str, text: Arc<str>, format: Format, a: Analysed) {
        let hash = hash_of(&text, format);
        let doc = Doc { text, analysis: Arc::new(a.analysis), mentions: Arc::new(a.mentions), features: Arc::new(a.features), hash, resolved: Vec::new(), names: Arc::default() };
        if let Some(old) = self.docs.insert(path.to_string(), doc) {
            if !self.dirty.contains(path) {
                self.previous.insert(path.to_string(), old);
            }
        }
        self.removed.remove(path);
        self.dirty.insert(path.to_string());
    }

    pub fn remove(&mut self, path: &str) -> bool {
        let had = self.docs.remove(path).is_some();
        if had {
            self.dirty.remove(path);
            self.removed.insert(path.to_string());
        }
        had
    }

    /// Re-link entities and update the claims of every document whose text or resolved names
    /// changed. Returns the documents whose findings may have changed.
    pub fn refresh(&mut self) -> BTreeSet<String> {
        if self.dirty.is_empty() && self.removed.is_empty() {
            return BTreeSet::new();
        }
        let mut changed: BTreeSet<String> = self.dirty.iter().chain(&self.removed).cloned().collect();
        // Which documents have spelling findings, before: needed only when the corpus is
        // relinked (a swap keeps every finding, moving those of the swapped documents). The
        // set is the same before and after a swap, so it can be taken after a failed one.
        let mut before_variants = None;
        // The usual edit moves offsets but no name: swap the edited documents' mentions in and
        // keep every link (and so every other document's resolved names). Anything else relinks
        // the corpus.
        let swapped = self.removed.is_empty() && self.dirty.iter().all(|p| self.docs.get(p).is_some_and(|d| self.entities.swap(d.mentions.clone())));
        if !swapped {
            before_variants = Some(self.variant_paths());
            let all: Vec<Arc<DocMentions>> = self.docs.values().map(|d| d.mentions.clone()).collect();
            self.entities = EntityIndex::build(&all, &self.registry);
            self.relinks += 1;
        }
        // Claims are re-keyed in one batch so that the buckets several documents share are
        // re-clustered once.
        let mut batch: Vec<claims::DocFigures> = std::mem::take(&mut self.removed).into_iter().map(|p| (Arc::from(p.as_str()), Vec::new())).collect();
        let paths: Vec<String> = if swapped { self.dirty.iter().cloned().collect() } else { self.docs.keys().cloned().collect() };
        let previous = std::mem::take(&mut self.previous);
        for path in paths {
            let resolved = self.resolved_names(&path);
            let doc = self.docs.get_mut(&path).expect("listed");
            if !self.dirty.contains(&path) && doc.resolved == resolved {
                continue;
            }
            // The name set: the previous version's, or this version's own, while the names
            // are the same; built again when they changed.
            doc.names = match previous.get(&path).map(|old| (old, &old.resolved)).or(Some((&*doc, &doc.resolved))) {
                Some((holder, names)) if *names == resolved && !names.is_empty() => holder.names.clone(),
                _ => Arc::new(claims::NameSet::new(resolved.iter().flatten().map(|e| e.0.clone()))),
            };
            // Typing that moved figures but changed nothing they are keyed by: shift them. When
            // it changed some figures' features (a word typed in their sentence), only those are
            // keyed again; the others shift.
            let same: Option<Vec<bool>> = previous.get(&path).filter(|old| swapped && old.resolved == resolved && old.features.len() == doc.features.len() && old.analysis.figures.len() == doc.analysis.figures.len()).map(|old| {
                old.features.iter().zip(doc.features.iter()).map(|(a, b)| a.figure == b.figure && (Arc::ptr_eq(a, b) || same_feature(a, b)) && same_figure(old, doc, a.figure)).collect()
            });
            if let Some(same) = same {
                doc.resolved = resolved;
                let a = &doc.analysis;
                let place = |f: &claims::Features| {
                    let r = a.figures[f.figure].figure.range.clone();
                    let line = a.lines.line_of(r.start) + 1;
                    (f.figure, r, line)
                };
                let places: Vec<(usize, std::ops::Range<usize>, usize)> = doc.features.iter().zip(same.iter()).filter(|(_, s)| **s).map(|(f, _)| place(f)).collect();
                let p: Arc<str> = Arc::from(path.as_str());
                if same.iter().all(|s| *s) {
                    changed.extend(self.claims.move_figures(&p, &places).into_iter().map(|s| s.to_string()));
                    self.shifts += 1;
                } else {
                    let rekeyed: Vec<(usize, Option<Keyed>)> = doc.features.iter().zip(same.iter()).filter(|(_, s)| !**s).map(|(f, _)| (f.figure, keyed_one(doc, f))).collect();
                    changed.extend(self.claims.update_figures(&p, &places, rekeyed).into_iter().map(|s| s.to_string()));
                    self.partials += 1;
                }
                changed.insert(path);
                continue;
            }
            doc.resolved = resolved;
            batch.push((Arc::from(path.as_str()), keyed_figures(doc)));
            changed.insert(path);
        }
        changed.extend(self.claims.set_docs(batch).into_iter().map(|s| s.to_string()));
        match before_variants {
            Some(before) => {
                let after = self.variant_paths();
                changed.extend(before.symmetric_difference(&after).cloned());
                changed.extend(after);
            }
            None => {
                // Swapped: findings whose place or evidence is in a swapped document moved.
                for v in self.entities.variants() {
                    if self.dirty.contains(&v.path) || v.related.iter().any(|l| self.dirty.contains(&l.path)) {
                        changed.insert(v.path.clone());
                    }
                }
            }
        }
        self.dirty.clear();
        // Kept for the caller to free; a caller that never takes them keeps one refresh's worth.
        self.retired = previous.into_values().collect();
        changed
    }

    /// Documents set or removed and not yet refreshed.
    pub fn pending(&self) -> usize {
        self.dirty.len() + self.removed.len()
    }

    /// Documents replaced since the last call, for the caller to free when it has time.
    pub fn take_retired(&mut self) -> Vec<Doc> {
        std::mem::take(&mut self.retired)
    }

    fn variant_paths(&self) -> BTreeSet<String> {
        self.entities.variants().iter().map(|v| v.path.clone()).collect()
    }

    fn resolved_names(&self, path: &str) -> Vec<Option<(String, Kind)>> {
        match self.entities.doc_mentions(path) {
            Some(ms) => ms.iter().map(|(_, id)| id.and_then(|i| self.entities.entity(i)).map(|e| (e.name.clone(), e.kind))).collect(),
            None => Vec::new(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Doc> {
        self.docs.get(path)
    }

    pub fn docs(&self) -> impl Iterator<Item = (&String, &Doc)> {
        self.docs.iter()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn entities(&self) -> &EntityIndex {
        &self.entities
    }

    pub fn claims(&self) -> &ClaimIndex {
        &self.claims
    }

    fn severity(&self, c: Check) -> Severity {
        self.severities.get(&c).copied().unwrap_or(c.default_severity())
    }

    /// Findings of one document, in order of position, with suppressed and silenced ones removed.
    pub fn findings(&self, path: &str) -> Vec<Finding> {
        let Some(doc) = self.docs.get(path) else { return Vec::new() };
        let a = &doc.analysis;
        let mut out = Vec::new();
        let keep = |c: Check, start: usize| self.severity(c) != Severity::Off && !a.suppressed(c, a.lines.line_of(start));
        for f in analysis::unsourced(a) {
            if keep(Check::UnsourcedFigure, f.figure.range.start) {
                out.push(unsourced_finding(&doc.text, f.figure.range.clone(), self.severity(Check::UnsourcedFigure)));
            }
        }
        let p: Arc<str> = Arc::from(path);
        for feat in doc.features.iter() {
            let me: FigRef = (p.clone(), feat.figure);
            if let Some(f) = self.claim_finding(&me) {
                if keep(f.check, f.range.start) {
                    out.push(f);
                }
            }
        }
        for v in self.entities.variants().iter().filter(|v| v.path == path) {
            if !keep(Check::EntityVariant, v.byte_start) {
                continue;
            }
            out.push(Finding {
                check: Check::EntityVariant,
                severity: self.severity(Check::EntityVariant),
                range: v.byte_start..v.byte_end,
                message: v.message.clone(),
                related: v
                    .related
                    .iter()
                    .map(|l| Related { path: l.path.clone(), range: l.range.clone().unwrap_or(0..0), message: format!("spelled {} here", v.preferred) })
                    .collect(),
                fixes: vec![Fix { title: format!("Replace with {}", v.replacement), range: v.byte_start..v.byte_end, text: v.replacement.clone() }],
            });
        }
        out.sort_by_key(|f| (f.range.start, f.check));
        out
    }

    /// A conflicting- or differing-figure finding for one figure, if its claim has one.
    fn claim_finding(&self, me: &FigRef) -> Option<Finding> {
        let claim = self.claims.claim_of(me)?;
        let mine = self.claims.keyed(me)?;
        let related = self.claims.related(me);
        let worst = related.iter().map(|r| r.1).min()?;
        let check = match worst {
            Verdict::Conflict => Check::ConflictingFigure,
            Verdict::Differ => Check::DifferingFigure,
            Verdict::Agree => return None,
        };
        let (other_ref, _) = related.iter().find(|r| r.1 == worst)?;
        let other = self.claims.keyed(other_ref)?;
        let how = match worst {
            Verdict::Conflict => "these cannot both be true",
            _ => "both may hold, but one is likely rounder or older",
        };
        let more = related.iter().filter(|r| r.1 != Verdict::Agree).count().saturating_sub(1);
        let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        let agree = related.iter().filter(|r| r.1 == Verdict::Agree).count();
        let agree = if agree > 0 { format!("; {agree} other figure{} agree", if agree == 1 { "" } else { "s" }) } else { String::new() };
        let message = format!(
            "{} here; {} in {}:{}{more}: {how}{agree}. Same claim: {}",
            mine.text,
            other.text,
            self.display_path(&other_ref.0),
            other.line,
            claim.key
        );
        let related = related
            .iter()
            .filter_map(|(r, v)| {
                let k = self.claims.keyed(r)?;
                let word = match v {
                    Verdict::Conflict => "conflicts",
                    Verdict::Differ => "differs (both may hold)",
                    Verdict::Agree => "agrees",
                };
                Some(Related { path: r.0.to_string(), range: k.range.clone(), message: format!("{word}: {} ({})", k.text, claim.key) })
            })
            .collect();
        Some(Finding { check, severity: self.severity(check), range: mine.range.clone(), message, related, fixes: Vec::new() })
    }
}

/// Whether two versions of a figure's features key it the same, but for its sentence's number
/// (a paragraph typed above it moves that; nothing keyed reads it). Every field is named so
/// that a new one cannot be forgotten here.
fn same_feature(a: &claims::Features, b: &claims::Features) -> bool {
    let claims::Features { figure, unit, class, label, time, doc_year, time_stated, about, inferred, subject_candidates, fallback, topic, scope, cofigures, sentence: _, terms, near, classes, mentioned, unique, whole } = a;
    *figure == b.figure
        && *unit == b.unit
        && *class == b.class
        && *label == b.label
        && *time == b.time
        && *time_stated == b.time_stated
        && *doc_year == b.doc_year
        && *about == b.about
        && *inferred == b.inferred
        && *subject_candidates == b.subject_candidates
        && *fallback == b.fallback
        && *topic == b.topic
        && *scope == b.scope
        && *cofigures == b.cofigures
        && *terms == b.terms
        && *near == b.near
        && *classes == b.classes
        && *mentioned == b.mentioned
        && *unique == b.unique
        && *whole == b.whole
}

/// Whether figure `i` is the same figure in both versions (text, value, interval), wherever it is.
fn same_figure(old: &Doc, new: &Doc, i: usize) -> bool {
    match (old.analysis.figures.get(i), new.analysis.figures.get(i)) {
        (Some(a), Some(b)) => {
            let (a, b) = (&a.figure, &b.figure);
            old.text.get(a.range.clone()) == new.text.get(b.range.clone()) && a.value == b.value && a.interval == b.interval && a.kind == b.kind && a.unit == b.unit
        }
        _ => false,
    }
}

/// A document's figures keyed against the names its mentions resolved to.
fn keyed_figures(doc: &Doc) -> Vec<(usize, Keyed)> {
    doc.features.iter().filter_map(|f| keyed_one(doc, f).map(|k| (f.figure, k))).collect()
}

/// One figure keyed against the names its document's mentions resolved to; `None` when its
/// sentence and document name too little to say what it is about.
fn keyed_one(doc: &Doc, f: &claims::Features) -> Option<Keyed> {
    let a = &doc.analysis;
    let doc_names = doc.names.clone();
    {
        {
            // Names that can be what a claim is about: people, organisations, places, and other
            // names of several words ("Safety and Justice"), but not the adjectives that capitals
            // make names of ("Democratic", "Republican").
            let named = |m: usize| -> Option<(String, Kind)> {
                doc.resolved.get(m).cloned().flatten().filter(|e| e.1 != Kind::Other || e.0.contains(' '))
            };
            let mut entities: Vec<(String, Kind)> = Vec::new();
            for &m in &f.about {
                if let Some(e) = named(m) {
                    if !entities.iter().any(|x| x.0 == e.0) {
                        entities.push(e);
                    }
                }
            }
            // A sentence that names only places, or no one, is about the person or organisation
            // named before it ("In California, he spent …").
            if !entities.iter().any(|e| e.1 != Kind::Place) {
                if let Some(e) = f.fallback.and_then(named) {
                    if !entities.iter().any(|x| x.0 == e.0) {
                        entities.insert(0, e);
                    }
                }
            }
            let mut topic: Vec<String> = Vec::new();
            for &m in f.topic.iter() {
                // Context may be any resolved name, one-word "other" names too ("Mariners").
                if let Some(e) = doc.resolved.get(m).cloned().flatten() {
                    if !topic.contains(&e.0) {
                        topic.push(e.0);
                    }
                }
            }
            if entities.is_empty() && topic.len() < 2 {
                return None;
            }
            // Any resolved name counts here, one-word "other" names too ("Lakeport's arena").
            let near: Vec<String> = f.near.iter().filter_map(|&m| doc.resolved.get(m).cloned().flatten()).map(|e| e.0).collect();
            let subject = f.subject_candidates.iter().filter_map(|&m| named(m)).find(|e| e.1 != Kind::Place).map(|e| e.0);
            let fig = &a.figures[f.figure].figure;
            Some(
                Keyed {
                    range: fig.range.clone(),
                    line: a.lines.line_of(fig.range.start) + 1,
                    text: doc.text[fig.range.clone()].to_string(),
                    value: fig.value,
                    interval: fig.interval,
                    ranged: fig.qualifier == crate::figures::Qualifier::Range,
                    unique: f.unique,
                    unit: f.unit.to_string(),
                    class: f.class,
                    label: f.label,
                    time: f.time,
                    time_stated: f.time_stated,
                    doc_year: f.doc_year,
                    entities,
                    subject,
                    topic,
                    scope: f.scope.iter().map(|s| s.to_string()).collect(),
                    cofigures: f.cofigures.iter().map(|(u, i, c)| (u.to_string(), *i, *c)).collect(),
                    terms: f.terms.to_vec(),
                    near,
                    doc_names: doc_names.clone(),
                    classes: f.classes.to_vec(),
                    whole: f.whole.clone(),
                    mentioned: {
                        let mut v: Vec<String> = Vec::new();
                        for e in f.mentioned.iter().filter_map(|&m| named(m)) {
                            if !v.contains(&e.0) {
                                v.push(e.0);
                            }
                        }
                        v
                    },
                },
            )
        }
    }
}

/// The finding for a dollar figure nothing sources, with the edits that would resolve it.
fn unsourced_finding(text: &str, r: std::ops::Range<usize>, severity: Severity) -> Finding {
    let figure = &text[r.clone()];
    let line_start = text[..r.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Finding {
        check: Check::UnsourcedFigure,
        severity,
        range: r.clone(),
        message: format!(
            "{figure} has no source: nothing in its sentence says where it comes from. Attribute it (\"according to …\", \"… reported\"), add a link or footnote, or mark it sourced."
        ),
        related: Vec::new(),
        fixes: vec![
            Fix { title: "Insert an attribution placeholder".into(), range: r.end..r.end, text: " (according to SOURCE)".into() },
            Fix { title: "Mark this figure as sourced".into(), range: r.end..r.end, text: " <!-- crosscheck: sourced -->".into() },
            Fix { title: "Ignore unsourced-figure on this line".into(), range: line_start..line_start, text: "<!-- crosscheck: ignore unsourced-figure -->\n".into() },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus() -> Corpus {
        Corpus::new(&Config::defaults(PathBuf::from("/")))
    }

    #[test]
    fn updates_only_on_change_and_reports_unsourced() {
        let mut c = corpus();
        assert!(c.set("a.md", "It gave $5 million to them.".into(), Format::Markdown));
        assert!(!c.set("a.md", "It gave $5 million to them.".into(), Format::Markdown));
        c.refresh();
        let f = c.findings("a.md");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].check, Check::UnsourcedFigure);
        assert!(f[0].message.starts_with("$5 million has no source"));
        assert!(c.set("a.md", "It gave $5 million to them, records show.".into(), Format::Markdown));
        c.refresh();
        assert!(c.findings("a.md").is_empty());
        assert!(c.remove("a.md"));
        c.refresh();
        assert!(c.findings("a.md").is_empty());
    }

    #[test]
    fn severity_off_silences() {
        let mut cfg = Config::defaults(PathBuf::from("/"));
        cfg.severities.insert(Check::UnsourcedFigure, Severity::Off);
        let mut c = Corpus::new(&cfg);
        c.set("a.md", "It gave $5 million.".into(), Format::Markdown);
        c.refresh();
        assert!(c.findings("a.md").is_empty());
    }

    #[test]
    fn conflicts_across_documents_and_edits_clear_them() {
        let mut c = corpus();
        c.set("a.md", "Mayor Dana Ortiz runs Halvern County, whose council serves over 1.5 million people in the valley.".into(), Format::Markdown);
        c.set("b.md", "Halvern County, led by Mayor Dana Ortiz, serves over 1.6 million people, officials said.".into(), Format::Markdown);
        let changed = c.refresh();
        assert!(changed.contains("a.md") && changed.contains("b.md"));
        let fa: Vec<_> = c.findings("a.md").into_iter().filter(|f| f.check == Check::ConflictingFigure).collect();
        assert_eq!(fa.len(), 1, "{:?}", c.findings("a.md"));
        assert!(fa[0].message.contains("over 1.5 million people here; over 1.6 million people in b.md:1"), "{}", fa[0].message);
        assert_eq!(fa[0].related[0].path, "b.md");
        // With a display root (the editor's folder), messages name files relative to it.
        let mut r = corpus();
        r.set_display_root(Some(std::path::Path::new("/ws/")));
        r.set("/ws/a.md", c.get("a.md").unwrap().text.clone(), Format::Markdown);
        r.set("/ws/sub/b.md", c.get("b.md").unwrap().text.clone(), Format::Markdown);
        r.set("/wsx/c.md", "".into(), Format::Markdown);
        r.refresh();
        let m = r.findings("/ws/a.md").into_iter().find(|f| f.check == Check::ConflictingFigure).unwrap();
        assert!(m.message.contains("in sub/b.md:1"), "{}", m.message);
        assert_eq!(m.related[0].path, "/ws/sub/b.md");
        assert_eq!(r.display_path("/wsx/c.md"), "/wsx/c.md");
        // Change 1.6 to 1.5: the conflict disappears in both files.
        c.set("b.md", "Halvern County, led by Mayor Dana Ortiz, serves over 1.5 million people, officials said.".into(), Format::Markdown);
        let changed = c.refresh();
        assert!(changed.contains("a.md"));
        assert!(c.findings("a.md").iter().all(|f| f.check != Check::ConflictingFigure));
        assert!(c.findings("b.md").iter().all(|f| f.check != Check::ConflictingFigure));
    }

    #[test]
    fn two_words_of_one_family_tie_reports_of_one_fact() {
        // "a refit" and "upgrades", "the vessel" and "the ship": one job on one boat, told in
        // each report's own words (data/term_families.tsv). Without the families the two share
        // too little to be paired.
        let mut c = corpus();
        c.set("a.md", "# College buys a survey vessel\n\nMarrow Sound College will buy a retired survey vessel from a Danish operator, president Inge Solberg said. Before it can go to work, the vessel will undergo a $7.2 million refit at the Keld Point yard.\n".into(), Format::Markdown);
        c.set("b.md", "# Gdansk-built ship to sail in June\n\nThe trustees met on Tuesday with harbour master Olav Brekke. The ship, built in Gdansk, will need more than $7 million in upgrades before its first cruise, according to a briefing packet.\n".into(), Format::Markdown);
        c.refresh();
        let differ: Vec<_> = c.findings("a.md").into_iter().filter(|f| f.check == Check::DifferingFigure).collect();
        assert_eq!(differ.len(), 1, "{:?}", c.findings("a.md"));
        assert!(differ[0].message.contains("more than $7 million"), "{}", differ[0].message);
    }

    /// Everything the corpus answers about names and findings, for comparing two corpora.
    fn snapshot(c: &Corpus) -> String {
        let mut out = format!("{:?}\n{:?}\n", c.entities().entities(), c.entities().variants());
        for (path, _) in c.docs() {
            out += &format!("{path}: {:?}\n{:?}\n", c.entities().doc_mentions(path), c.findings(path));
        }
        out
    }

    #[test]
    fn swapping_an_edited_document_in_equals_relinking_the_corpus() {
        let a = "Mayor Dana Ortiz runs Halvern County, whose council serves over 1.5 million people.\n\nOrtiz said the American Civil Liberties Union (ACLU) gave $5 million to Google Analytics.\n\nThe Open Society Foundations paid, said Jon Stewart.\n";
        let b = "Halvern County, led by Mayor Dana Ortiz, serves over 1.6 million people, officials said. The ACLU and Google agreed. The Open Societey Foundations paid $3 million.\n";
        let c = "Open Society Foundations gave $2 million to Dana Ortiz, records show. Mary Stewart and Jon Stewart met; Stewart spoke.\n";
        let mut inc = corpus();
        for (p, t) in [("a.md", a), ("b.md", b), ("c.md", c)] {
            inc.set(p, t.into(), Format::Markdown);
        }
        inc.refresh();
        let mut texts: BTreeMap<&str, String> = [("a.md", a.to_string()), ("b.md", b.to_string()), ("c.md", c.to_string())].into();
        // (document, text to find, replacement): typing that moves offsets, figures changing,
        // a name changing, a document where "Stewart" is resolved by distance.
        let edits: &[(&str, &str, &str)] = &[
            ("a.md", "Mayor", "x Mayor"),
            ("a.md", "1.5 million", "1.4 million"),
            ("b.md", "The ACLU", "Then the ACLU"),
            ("b.md", "Societey", "Society"),
            ("a.md", "\n\nThe Open", "\n\nLater, the Open"),
            ("c.md", "met;", "met again;"),
            ("b.md", "$3 million", "$3.5 million, it said"),
            ("a.md", "x Mayor", "Mayor"),
            ("b.md", "Society", "Societey"),
            ("a.md", "(ACLU) ", "(ACLU), "),
        ];
        let mut swaps = 0;
        for (path, find, with) in edits {
            let t = texts.get_mut(path).unwrap();
            assert!(t.contains(find), "{path}: {find}");
            *t = t.replacen(find, with, 1);
            let before = inc.relinks;
            inc.set(path, t.as_str().into(), Format::Markdown);
            inc.refresh();
            swaps += (inc.relinks == before) as usize;
            let mut full = corpus();
            for (p, t) in &texts {
                full.set(p, t.as_str().into(), Format::Markdown);
            }
            full.refresh();
            assert_eq!(snapshot(&inc), snapshot(&full), "after editing {path}: {find} → {with}");
        }
        // A line added above every figure of a.md: b.md, whose related place points into a.md,
        // is reported changed although no claim was redone.
        let t = texts.get_mut("a.md").unwrap();
        *t = format!("\n{t}");
        inc.set("a.md", t.as_str().into(), Format::Markdown);
        let shifts = inc.shifts;
        assert!(inc.refresh().contains("b.md"));
        assert!(inc.findings("b.md").iter().any(|f| f.message.contains("in a.md:2")), "{:?}", inc.findings("b.md"));
        // That edit only moved a.md's figures: their claims were shifted, not redone.
        assert_eq!(inc.shifts, shifts + 1);
        // So does a paragraph typed above a figure, which moves its sentence's number.
        let t = texts.get_mut("a.md").unwrap();
        *t = t.replacen("\n\nOrtiz said", "\n\nA paragraph typed here.\n\nOrtiz said", 1);
        inc.set("a.md", t.as_str().into(), Format::Markdown);
        inc.refresh();
        assert_eq!(inc.shifts, shifts + 2);
        let mut full = corpus();
        for (p, t) in &texts {
            full.set(p, t.as_str().into(), Format::Markdown);
        }
        full.refresh();
        assert_eq!(snapshot(&inc), snapshot(&full), "after typing a paragraph");
        // Most edits took the cheap path; the name change and the distance-resolved document did not.
        // Edits that changed a figure or its sentence keyed only those figures again, and still
        // equal a full relink (checked above after each edit).
        assert!(inc.partials >= 2, "{} partial re-keyings", inc.partials);
        assert!(swaps >= 6, "{swaps} swaps");
        assert!(swaps < edits.len(), "{swaps} swaps");
    }

    /// Documents to edit: the shipped examples and labelled corpora, and a few traps.
    fn memo_docs() -> Vec<(String, Format)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let sets = crate::eval::SETS.iter().flat_map(|s| [format!("eval/{s}/claims"), format!("eval/{s}/sourcing")]);
        let dirs: Vec<String> = ["examples/newsroom", "eval/corpora/claims", "eval/corpora/sourcing"].map(String::from).into_iter().chain(sets).collect();
        for dir in &dirs {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            paths.sort();
            for p in paths.into_iter().take(6) {
                let format = if p.extension().is_some_and(|e| e == "txt") { Format::Plain } else { Format::Markdown };
                out.push((std::fs::read_to_string(&p).unwrap(), format));
            }
        }
        out.push(("# The ACLU budget\n\nThe American Civil Liberties Union (ACLU) spent $5 million. Mayor Tal Brenner of Pine Hollow said so.\n\n```\n$9 million in code\n```\n\n> “We paid $2.5 million,” Brenner said. 😀 東京 got €3 million.\n\nShe said it paid $7 million more. It rose 12% in 2021.\n".to_string(), Format::Markdown));
        out
    }

    #[test]
    fn analysis_never_panics_on_scrambled_prose() {
        // Pieces real copy is made of, in random order: quotes before and after verbs, colons,
        // brackets, links, footnotes, Markdown marks, figures, years, names and multi-byte
        // characters. A slice taken before its bounds are checked panics here.
        let pieces = [
            "said", "told the board:", "“", "”", "\"", "'", ":", ";", ",", ".", "?", "(", ")", "[", "]", "[^1]", "[a](http://e.com/1)", "$4 million", "€12m", "about 40%", "more than 300 jobs", "in 2019", "last year", "so far", "will", "according to", "records show", "per the filing", "Dana Ortiz", "Harlan County", "the city", "# ", "- ", "**", "`", "\n", "\n\n", "—", " -- ", "é", "東京", "😀", "put it", "puts the cost at", "a", "the", "that", "who", "it", "$", "1,2", "0", "%",
        ];
        let cues = Cues::default();
        let mut seed = 0x2545f4914f6cdd1du64;
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..(8 + round % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                text.push(if seed & 64 == 0 { ' ' } else { '\u{a0}' });
            }
            for format in [Format::Markdown, Format::Plain] {
                let result = std::panic::catch_unwind(|| analyse_doc("r.md", &text, format, &cues));
                assert!(result.is_ok(), "analysis panicked on {text:?} ({format:?})");
            }
        }
    }

    /// Every small edit at every byte of a document with names, figures, sources, headings and
    /// tricky Markdown: the analysis made from the version before equals a fresh one.
    #[test]
    fn an_edit_spliced_into_the_earlier_version_gives_the_same_analysis() {
        let cues = Cues::default();
        let old = format!("{}\nThe American Civil Liberties Union (ACLU) spent $5 million, records show. Mayor Tal Brenner of Pine Hollow said it paid $7 million more in 2021.\n\nThe ACLU gave $2 million to Brenner last year. He said so.\n", crate::text::prose::tests::TRICKY);
        let a = analyse_doc("d.md", &old, Format::Markdown, &cues);
        let before = Held { text: old.as_str().into(), analysis: Arc::new(a.analysis), mentions: Arc::new(a.mentions), features: Arc::new(a.features) };
        let (mut sentences, mut paragraphs) = (0, 0);
        for at in (0..=old.len()).filter(|&i| old.is_char_boundary(i)) {
            let next = old[at..].chars().next().map_or(0, char::len_utf8);
            for (cut, ins) in [(0, "x"), (0, "ab "), (next, "")] {
                let mut new = old.clone();
                new.replace_range(at..at + cut, ins);
                let mut memo = DocMemo::default();
                let with = format!("{:#?}", analyse_doc_with("d.md", &new, Format::Markdown, &cues, Some(&mut memo), Some(&before)));
                let without = format!("{:#?}", analyse_doc("d.md", &new, Format::Markdown, &cues));
                if let Some(i) = with.lines().zip(without.lines()).position(|(a, b)| a != b).or((with != without).then_some(0)) {
                    let show = |t: &str| t.lines().skip(i.saturating_sub(20)).take(30).collect::<Vec<_>>().join("\n");
                    panic!("{ins:?} for {cut} bytes at {at}: line {i} differs:\nspliced:\n{}\nfresh:\n{}", show(&with), show(&without));
                }
                sentences += memo.sentences.carried;
                paragraphs += memo.paragraphs.carried;
            }
        }
        assert!(sentences > 10_000 && paragraphs > 1_000, "{sentences} sentences and {paragraphs} paragraphs carried");
    }

    /// "–" and "€" share their first byte, "é" and "è" theirs: an edit from one to the other
    /// changes bytes inside a character, and what is reused must still be cut between
    /// characters (a keystroke like this once panicked the claim features).
    #[test]
    fn an_edit_between_characters_that_share_bytes_gives_the_same_analysis() {
        let cues = Cues::default();
        let old = "Café Lumière spent $5 million – records show – on the pier.\n\nIt paid €2 million more in 2021, the café said.\n";
        let a = analyse_doc("d.md", old, Format::Markdown, &cues);
        let before = Held { text: old.into(), analysis: Arc::new(a.analysis), mentions: Arc::new(a.mentions), features: Arc::new(a.features) };
        for (from, to) in [("–", "€"), ("€", "–"), ("é", "è"), ("è", "é")] {
            let new = old.replacen(from, to, 1);
            let mut memo = DocMemo::default();
            let with = format!("{:#?}", analyse_doc_with("d.md", &new, Format::Markdown, &cues, Some(&mut memo), Some(&before)));
            assert_eq!(with, format!("{:#?}", analyse_doc("d.md", &new, Format::Markdown, &cues)), "{from} -> {to}");
        }
    }

    #[test]
    fn a_sentence_memo_gives_the_same_analysis_as_none() {
        // Keystrokes as a writer makes them: typing, deleting, new figures and names, a
        // heading mark, a blank line splitting a paragraph. After each, the analysis that
        // reuses the last one's sentences must equal a fresh one, byte for byte; so must the
        // one that also takes features over from the version before the keystroke, and the one
        // that has only that version.
        let inserts = ["x ", "", "$4 million ", "Dana Ortiz ", "# ", "\n\n", "(", ") ", ". ", "said ", "é", "[the filing](https://e.com/f) ", "[^1] ", "“", "” ", "<!-- crosscheck: sourced -->", "urgent ", "2019 ", "last year "];
        let cues = Cues::default();
        let (mut reused, mut blocks, mut carried, mut spliced) = (0, 0, 0, 0);
        let held = |text: &str, a: Analysed| Held { text: text.into(), analysis: Arc::new(a.analysis), mentions: Arc::new(a.mentions), features: Arc::new(a.features) };
        for (text, format) in memo_docs() {
            let mut text = text;
            let mut memo = DocMemo::default();
            let mut lone = DocMemo::default();
            let mut before = held(&text, analyse_doc_with("d.md", &text, format, &cues, Some(&mut memo), None));
            let mut seed = text.len() as u64 | 1;
            for step in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let mut at = (seed % (text.len() as u64 + 1)) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let ins = inserts[step % inserts.len()];
                // Every third keystroke overwrites a letter of the next source word instead:
                // the text changes and no offset moves, so only what the memo keys on tells
                // the versions apart.
                let cue = ["said", "says", "according", "reported", "show", "told", "wrote"].iter().filter_map(|w| text[at..].find(w).map(|i| at + i + 1)).min();
                if let (0, Some(c)) = (step % 3, cue) {
                    text.replace_range(c..c + 1, "x");
                } else if ins.is_empty() {
                    // Delete a character.
                    if let Some(c) = text[at..].chars().next() {
                        text.replace_range(at..at + c.len_utf8(), "");
                    }
                } else {
                    text.insert_str(at, ins);
                }
                let without = format!("{:#?}", analyse_doc("d.md", &text, format, &cues));
                let with_memo = analyse_doc_with("d.md", &text, format, &cues, Some(&mut memo), None);
                let with_both = analyse_doc_with("d.md", &text, format, &cues, Some(&mut lone), Some(&before));
                let with_earlier = analyse_doc_with("d.md", &text, format, &cues, None, Some(&before));
                for (how, with) in [("the memo", &with_memo), ("memo and earlier version", &with_both), ("the earlier version", &with_earlier)] {
                    let x = format!("{with:#?}");
                    if let Some(i) = x.lines().zip(without.lines()).position(|(a, b)| a != b).or((x != without).then_some(0)) {
                        let show = |t: &str| t.lines().skip(i.saturating_sub(30)).take(40).collect::<Vec<_>>().join("\n");
                        panic!("after inserting {ins:?} at {at}, line {i} of the analysis with {how} differs:\nwith:\n{}\nwithout:\n{}\ntext:\n{text}", show(&x), show(&without));
                    }
                }
                reused += memo.sentences.reused + memo.paragraphs.reused;
                blocks += memo.sources.reused;
                carried += lone.paragraphs.carried;
                spliced += lone.sentences.carried;
                before = held(&text, with_both);
            }
        }
        assert!(reused > 100, "the memo was used ({reused} sentences and paragraphs)");
        assert!(blocks > 100, "the sources memo was used ({blocks} blocks)");
        assert!(carried > 100, "features were taken from the earlier version ({carried} paragraphs)");
        assert!(spliced > 100, "sentences were taken from the earlier version ({spliced})");
    }
}

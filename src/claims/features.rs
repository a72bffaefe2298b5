//! Per-document claim features: for each figure, what it measures (its unit and the class of
//! the word that says what it counts), when (a year, or "since" a year), which names its
//! sentence is about (not the sources that attribute it), and the narrow scope words that make
//! two look-alike figures different facts ("public", "additional", "annual").
//!
//! Pure and per document: names are given as indexes into the document's entity mentions;
//! the corpus phase resolves them to entities.

use crate::analysis::DocAnalysis;
use crate::attribution::SourceKind;
use crate::entities::{Kind, Mention};
use crate::figures::{FigureKind, Interval};
use crate::text::fasthash::{Map, Set};
use crate::text::lower::{with_lower, Lower};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// When a figure holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRef {
    /// In that year ("in 2016", a date, the document's own date).
    In(i32),
    /// Cumulative since that year ("since 2014").
    Since(i32),
    /// Relative to an undated document ("last year", "two years ago"): years back from an
    /// unknown "now", so it only matches the same phrase elsewhere.
    Relative(i32),
}

impl TimeRef {
    pub fn describe(self) -> String {
        match self {
            TimeRef::In(y) => y.to_string(),
            TimeRef::Since(y) => format!("since {y}"),
            TimeRef::Relative(0) => "this year".into(),
            TimeRef::Relative(1) => "last year".into(),
            TimeRef::Relative(n) => format!("{n} years ago"),
        }
    }
}

/// What a figure's claim is made of, before entities are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Index into `DocAnalysis::figures`.
    pub figure: usize,
    /// Normalised unit: currency code, singular noun (people → person), `%`. Shared by the
    /// document's figures of the unit (see [`UnitNames`]).
    pub unit: Arc<str>,
    /// Class of the measuring word (`giving`, `coverage`, …) and its label for messages.
    pub class: &'static str,
    pub label: &'static str,
    pub time: Option<TimeRef>,
    /// The document's own date (its year), when it has one: "last year" in an undated report
    /// of one story is read against it (see claims::time_ok).
    pub doc_year: Option<i32>,
    /// `time` comes from the figure's own paragraph (a year or "last year" there), not only
    /// from the document's date: strong evidence, so an undated figure elsewhere needs more.
    pub time_stated: bool,
    /// Mentions (indexes into the document's mentions) the figure is about, nearest to the
    /// measuring word first; sources are left out.
    pub about: Run<usize>,
    /// `about` came from an earlier sentence, as the sentence names no one.
    pub inferred: bool,
    /// Mentions before the measuring word, in sentence order: the first person or organisation
    /// among them is the figure's subject ("Soros gave", "FSJ poured").
    pub subject_candidates: Run<usize>,
    /// The person or organisation an earlier sentence names first, for sentences that name only
    /// places or no one ("In California, he spent …").
    pub fallback: Option<usize>,
    /// The figure's context: the names of its paragraph and the document's most mentioned names,
    /// which a figure is also about when its sentence names little ("the ballpark is projected
    /// to cost $1.2 billion").
    /// Shared by the figures of a paragraph.
    pub topic: Arc<[usize]>,
    /// Scope words that qualify the figure ("public", "additional"), each one of a fixed list.
    pub scope: Run<&'static str>,
    /// Other figures of the sentence: (unit, interval), to tell apart look-alikes of other scope.
    pub cofigures: Run<(Arc<str>, Interval, bool)>,
    /// Sentence index.
    pub sentence: usize,
    /// What the figure's words are about, as weighted word stems: its sentence (near words
    /// weigh most), the sentence before it in the paragraph, and the section's heading and the
    /// document's title. Two figures of one claim share some of these even when neither names
    /// anyone ("the ballpark is projected to cost …" / "the ballpark's cost at …").
    /// Stems are shared (`Arc`): a document's figures repeat the same few hundred words, and
    /// one allocation per term per figure cost 8% of the analysis. Kept as numbers into the
    /// document's stems (see [`Terms`]).
    pub terms: Terms,
    /// Names of the sentence that say *which* thing is measured (not sources, not possessors of
    /// something else, as in "the mayor's office"): a figure whose sentence names one the other
    /// document never mentions is about something else (Lakeport's arena, Westbrook's bond).
    pub near: Run<usize>,
    /// Classes of every measuring word in the figure's clause, `class` included.
    pub classes: Run<&'static str>,
    /// Every name of the sentence that is not a source: weaker than `about`, and what the
    /// claim's key names. Shared by the figures of the sentence.
    pub mentioned: Arc<[usize]>,
    /// The only figure of the document with this unit and measure class ("1,238 teachers" in
    /// minutes that count teachers once): two such figures in documents of one story are
    /// likely one fact. Set over the whole document, after every paragraph.
    pub unique: bool,
    /// What a share is of, by the head word of its "of" phrase, singular ("70% of the lighting
    /// system" -> "system", "61% of births at the hospital" -> "birth"): shares of different
    /// wholes are different facts, whatever measures them.
    pub whole: Option<Arc<str>>,
}

/// A figure's context terms ([`Features::terms`]): (stem, weight) pairs, each stem a number
/// into its document's stems, which all the document's figures share. Cloning and dropping an
/// `Arc` per term per figure, and copying pairs three times their size, cost 1.5% of the
/// analysis. The pairs are a run of the document's, also shared: a vector of them per figure
/// was an allocation, a copy and a free per figure (0.6% of the analysis). Compared and shown
/// as the pairs they stand for.
#[derive(Clone, Default)]
pub struct Terms {
    /// The document's stems (set once its features are all found: see [`features_in`]).
    stems: Arc<[Arc<str>]>,
    /// The document's pairs (set with `stems`; a vector, as it is taken over without a copy),
    /// and this figure's run of them.
    ids: Arc<Vec<(u32, f32)>>,
    run: Range<u32>,
}

impl Terms {
    /// The figure's (stem id, weight) pairs.
    fn pairs(&self) -> &[(u32, f32)] {
        &self.ids[self.run.start as usize..self.run.end as usize]
    }

    /// The terms with their weights, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f32)> + '_ {
        self.pairs().iter().map(|&(id, w)| (&*self.stems[id as usize], w))
    }

    pub fn len(&self) -> usize {
        self.run.len()
    }

    pub fn is_empty(&self) -> bool {
        self.run.is_empty()
    }

    /// The terms as pairs of shared stems and weights.
    pub fn to_vec(&self) -> Vec<(Arc<str>, f32)> {
        self.pairs().iter().map(|&(id, w)| (self.stems[id as usize].clone(), w)).collect()
    }
}

impl PartialEq for Terms {
    fn eq(&self, other: &Terms) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A list of a figure's features ([`Features::about`], [`Features::scope`] …): a run of one
/// list that the document's features share, read as a slice. A vector per list per figure
/// was four or five allocations and frees per figure (1.5% of the analysis).
#[derive(Clone)]
pub struct Run<T> {
    all: Arc<Vec<T>>,
    run: Range<u32>,
}

impl<T> Run<T> {
    /// The run as a slice.
    pub fn as_slice(&self) -> &[T] {
        &self.all[self.run.start as usize..self.run.end as usize]
    }
}

impl<T> std::ops::Deref for Run<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<'a, T> IntoIterator for &'a Run<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.as_slice().iter()
    }
}

impl<T> From<Vec<T>> for Run<T> {
    /// A list of its own.
    fn from(v: Vec<T>) -> Run<T> {
        let run = 0..v.len() as u32;
        Run { all: Arc::new(v), run }
    }
}

impl<T: PartialEq> PartialEq for Run<T> {
    fn eq(&self, other: &Run<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Run<T> {
    /// As a vector is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_slice(), f)
    }
}

/// The lists of the features made for one document, each feature's lists runs of them (see
/// [`Run`]): shared by the features once all are found.
#[derive(Default)]
struct Lists {
    /// `about`, `subject_candidates` and `near`.
    names: Vec<usize>,
    /// `scope` and `classes`.
    words: Vec<&'static str>,
    cofigures: Vec<(Arc<str>, Interval, bool)>,
}

/// `xs` added to `all`, and where.
fn add_run<T: Clone>(all: &mut Vec<T>, xs: &[T]) -> Range<u32> {
    let from = all.len() as u32;
    all.extend_from_slice(xs);
    from..all.len() as u32
}

/// The names of a document's units, one shared `Arc<str>` each: a figure's unit and those of
/// the other figures of its sentence were a `String` each (an allocation and a free per figure
/// and per neighbour). Keyed by the packed bytes of the name (see [`packed`]) when short.
#[derive(Default)]
struct UnitNames {
    short: Map<u128, Arc<str>>,
    long: Map<Box<str>, Arc<str>>,
}

impl UnitNames {
    fn get(&mut self, name: &str) -> Arc<str> {
        match packed(name.as_bytes()) {
            Some(key) => self.short.entry(key).or_insert_with(|| Arc::from(name)).clone(),
            None => self.long.entry(name.into()).or_insert_with(|| Arc::from(name)).clone(),
        }
    }
}

/// The entry of `list` that is `w`, as the list's own `&'static str`.
fn listed(list: &[&'static str], w: &str) -> Option<&'static str> {
    list.iter().find(|x| **x == w).copied()
}

struct Measure {
    class: &'static str,
    label: &'static str,
}

fn measures() -> &'static Map<&'static str, Measure> {
    static M: OnceLock<Map<&'static str, Measure>> = OnceLock::new();
    M.get_or_init(|| {
        include_str!("../../data/measures.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                (c[0], Measure { class: c[1], label: c[2] })
            })
            .collect()
    })
}

fn anaphora() -> &'static Map<&'static str, &'static str> {
    static M: OnceLock<Map<&'static str, &'static str>> = OnceLock::new();
    M.get_or_init(|| crate::text::tsv_pairs(include_str!("../../data/anaphora.tsv")).collect())
}

/// The words of a sentence that may point back at an earlier name (indexes, in order): each
/// pronoun ("he"), and each definite word ("the", "this") with a noun that points back at a
/// kind of name within two words after it ("the billionaire", "the leftist billionaire").
/// Found once per sentence; [`points_back`] reads them for each figure.
fn pointing_words(info: &[WordInfo], out: &mut Vec<u32>) {
    out.clear();
    for i in 0..info.len() {
        if info[i].flags & flag::PRONOUN != 0 {
            out.push(i as u32);
            continue;
        }
        // "told the council": the audience of a statement, not what it is about.
        let audience = i > 0 && info[i - 1].flags & flag::AUDIENCE != 0;
        let noun = |k: usize| info.get(k).is_some_and(|x| x.flags & (flag::ANAPHORA | flag::PRONOUN) == flag::ANAPHORA);
        if info[i].flags & flag::DEFINITE != 0 && !audience && (noun(i + 1) || noun(i + 2)) {
            out.push(i as u32);
        }
    }
}

/// The kind of earlier name a sentence points back at before `until`: a pronoun ("he"), or a
/// definite description ("the billionaire", "this group"), with its noun (empty for a pronoun).
/// Only the sentence's [`pointing_words`] are read: any other word is passed over.
fn points_back<'w>(ws: &'w [(Range<usize>, Lower)], info: &[WordInfo], pointing: &[u32], until: usize) -> Option<(&'static str, &'w str)> {
    for &i in pointing {
        let i = i as usize;
        if ws[i].0.start >= until {
            break;
        }
        if info[i].flags & flag::PRONOUN != 0 {
            return anaphora().get(ws[i].1.as_str()).map(|&k| (k, ""));
        }
        // "the billionaire", "the leftist billionaire": a role noun within two words.
        for (k, (r2, w2)) in ws[i + 1..].iter().enumerate().take(2) {
            if r2.start >= until {
                break;
            }
            let x = &info[i + 1 + k];
            if x.flags & (flag::ANAPHORA | flag::PRONOUN) == flag::ANAPHORA {
                if let Some(&kind) = anaphora().get(w2.as_str()) {
                    return Some((kind, w2.as_str()));
                }
            }
        }
    }
    None
}

/// The noun a sentence opens on after a definite article ("The club lost £3m …" -> "club"),
/// when it is a lower-case word: a thing the sentence describes rather than names. Not a
/// lead-in of a few words ("**The crew.** Halvard says it …"): that is a label, not a subject.
fn opening_description(sentence: &str) -> Option<&str> {
    if sentence.split_whitespace().nth(3).is_none() {
        return None;
    }
    let mut words = sentence.split_whitespace();
    let first = words.next()?;
    let noun = words.next()?.trim_end_matches([',', ';', ':', '.']);
    (matches!(first, "The" | "This" | "That") && !noun.is_empty() && noun.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')).then_some(noun)
}

/// `s.to_ascii_lowercase()` in one pass that lowers as it copies (that copied the text, then
/// lowered the copy: two passes over a document, 1.7 M instructions a MiB).
fn ascii_lowercase(s: &str) -> String {
    let bytes: Vec<u8> = s.bytes().map(|b| b.to_ascii_lowercase()).collect();
    // SAFETY: only the ASCII bytes A-Z changed, each to another ASCII byte, so `bytes` is as
    // valid UTF-8 as `s`.
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// Word classes that the tests of each figure ask about, a bit each: worked out once per word
/// of the [`Vocabulary`], so that scanning a figure's clause tests bits, not strings.
mod flag {
    pub const SCOPE: u32 = 1 << 0;
    pub const OWNER: u32 = 1 << 1;
    pub const PHASE: u32 = 1 << 2;
    pub const STOPWORD: u32 = 1 << 3;
    /// "he", "she", "it", "their" …
    pub const PRONOUN: u32 = 1 << 4;
    /// "the", "this", "that".
    pub const DEFINITE: u32 = 1 << 5;
    /// "told", "briefed" …: their object is an audience.
    pub const AUDIENCE: u32 = 1 << 6;
    /// [`super::FUTURE`].
    pub const FUTURE: u32 = 1 << 7;
    /// [`super::STATE_VERBS`].
    pub const STATE_VERB: u32 = 1 << 8;
    pub const NOW: u32 = 1 << 9;
    pub const CURRENTLY: u32 = 1 << 10;
    pub const TODAY: u32 = 1 << 11;
    pub const AGO: u32 = 1 << 12;
    pub const LAST: u32 = 1 << 13;
    /// [`super::PAST_AFTER_LAST`].
    pub const PAST_AFTER_LAST: u32 = 1 << 14;
    pub const ALREADY: u32 = 1 << 15;
    /// "so", "thus" (before "far").
    pub const SO_THUS: u32 = 1 << 16;
    pub const FAR: u32 = 1 << 17;
    pub const TO: u32 = 1 << 18;
    pub const DATE: u32 = 1 << 19;
    /// A ceiling: "allows", "capped", "maximum" …
    pub const LIMIT: u32 = 1 << 20;
    /// "each", "every".
    pub const EACH: u32 = 1 << 21;
    /// "share", "portion", "part", "fraction".
    pub const SHARE: u32 = 1 << 22;
    pub const OF: u32 = 1 << 23;
    /// [`super::EMPLOYMENT`].
    pub const EMPLOYMENT: u32 = 1 << 24;
    /// "put", "puts".
    pub const PUT: u32 = 1 << 25;
    /// The word of a [`super::CLAUSE_WORDS`] entry: "-", "while", "comes" ….
    pub const CLAUSE: u32 = 1 << 26;
    /// A word that makes a measure another metric (see [`super::metric`]).
    pub const METRIC: u32 = 1 << 27;
    /// A word that points back at a kind of name (see [`super::anaphora`]).
    pub const ANAPHORA: u32 = 1 << 28;
    /// A word whose last byte is an ASCII digit: it may be a year (see `years_of_words`).
    pub const DIGIT_END: u32 = 1 << 29;
    /// "once" (see `once_after` in `features_in`).
    pub const ONCE: u32 = 1 << 30;
}

/// Words of the [`flag`]s that have no list of their own elsewhere.
const PRONOUNS: &[&str] = &["he", "she", "him", "his", "her", "it", "its", "they", "their"];
const DEFINITES: &[&str] = &["the", "this", "that"];
const AUDIENCE_VERBS: &[&str] = &["told", "briefed", "informed", "warned", "assured", "asked", "reminded"];
const SO_THUS: &[&str] = &["so", "thus"];
const LIMITS: &[&str] = &["allow", "allows", "allowed", "permit", "permits", "permitted", "cap", "caps", "capped", "maximum", "ceiling", "limit", "limits", "limited"];
const EACH_EVERY: &[&str] = &["each", "every"];
const SHARES: &[&str] = &["share", "portion", "part", "fraction"];
const PUTS: &[&str] = &["put", "puts"];
/// The words of the flags of one word each.
const ONE_WORD_FLAGS: &[&str] = &["now", "currently", "today", "ago", "last", "already", "far", "to", "date", "of", "once"];

/// The [`flag`]s of a word (lower case): those its lists give, from a table of every word of
/// the lists (a word new to the vocabulary was compared with each list, a thousand
/// instructions a word), and the two kinds of word told by a `match`.
fn word_flags(w: &str) -> u32 {
    static T: OnceLock<Map<Box<str>, u32>> = OnceLock::new();
    let table = T.get_or_init(|| {
        let owners = OWNER.iter().flat_map(|o| [o.to_string(), format!("{o}'s"), format!("{o}’s")]);
        let lists = [SCOPE, PHASE, PRONOUNS, DEFINITES, AUDIENCE_VERBS, FUTURE, STATE_VERBS, ONE_WORD_FLAGS, PAST_AFTER_LAST, SO_THUS, LIMITS, EACH_EVERY, SHARES, EMPLOYMENT, PUTS];
        let words = owners.chain(lists.iter().flat_map(|l| l.iter().map(|w| w.to_string()))).chain(stopwords().iter().map(|w| w.to_string())).chain(anaphora().keys().map(|w| w.to_string()));
        words.map(|w| (listed_flags(&w), w)).filter(|(f, _)| *f != 0).map(|(f, w)| (w.into_boxed_str(), f)).collect()
    });
    let mut f = table.get(w).copied().unwrap_or(0);
    if clause_word_of(w).is_some() {
        f |= flag::CLAUSE;
    }
    if metric(w).is_some() {
        f |= flag::METRIC;
    }
    if w.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        f |= flag::DIGIT_END;
    }
    f
}

/// The [`flag`]s of a word that its lists give (all but [`flag::CLAUSE`] and
/// [`flag::METRIC`]): every word it gives one to is a word of the lists [`word_flags`] reads.
fn listed_flags(w: &str) -> u32 {
    let mut f = 0;
    let mut set = |bit: u32, on: bool| {
        if on {
            f |= bit;
        }
    };
    set(flag::SCOPE, SCOPE.contains(&w));
    set(flag::OWNER, OWNER.contains(&owner_of(w)));
    set(flag::PHASE, PHASE.contains(&w));
    set(flag::STOPWORD, stopwords().contains(w));
    set(flag::PRONOUN, PRONOUNS.contains(&w));
    set(flag::DEFINITE, DEFINITES.contains(&w));
    set(flag::AUDIENCE, AUDIENCE_VERBS.contains(&w));
    set(flag::FUTURE, FUTURE.contains(&w));
    set(flag::STATE_VERB, STATE_VERBS.contains(&w));
    set(flag::NOW, w == ONE_WORD_FLAGS[0]);
    set(flag::CURRENTLY, w == ONE_WORD_FLAGS[1]);
    set(flag::TODAY, w == ONE_WORD_FLAGS[2]);
    set(flag::AGO, w == ONE_WORD_FLAGS[3]);
    set(flag::LAST, w == ONE_WORD_FLAGS[4]);
    set(flag::PAST_AFTER_LAST, PAST_AFTER_LAST.contains(&w));
    set(flag::ALREADY, w == ONE_WORD_FLAGS[5]);
    set(flag::SO_THUS, SO_THUS.contains(&w));
    set(flag::FAR, w == ONE_WORD_FLAGS[6]);
    set(flag::TO, w == ONE_WORD_FLAGS[7]);
    set(flag::DATE, w == ONE_WORD_FLAGS[8]);
    set(flag::LIMIT, LIMITS.contains(&w));
    set(flag::EACH, EACH_EVERY.contains(&w));
    set(flag::SHARE, SHARES.contains(&w));
    set(flag::OF, w == ONE_WORD_FLAGS[9]);
    set(flag::ONCE, w == ONE_WORD_FLAGS[10]);
    set(flag::EMPLOYMENT, EMPLOYMENT.contains(&w));
    set(flag::PUT, PUTS.contains(&w));
    set(flag::ANAPHORA, anaphora().contains_key(w));
    f
}

/// [`word_flags`] as it was first written: every list asked of the word.
#[cfg(test)]
fn word_flags_plain(w: &str) -> u32 {
    let mut f = 0;
    let mut set = |bit: u32, on: bool| {
        if on {
            f |= bit;
        }
    };
    set(flag::SCOPE, SCOPE.contains(&w));
    set(flag::OWNER, OWNER.contains(&owner_of(w)));
    set(flag::PHASE, PHASE.contains(&w));
    set(flag::STOPWORD, stopwords().contains(w));
    set(flag::PRONOUN, matches!(w, "he" | "she" | "him" | "his" | "her" | "it" | "its" | "they" | "their"));
    set(flag::DEFINITE, matches!(w, "the" | "this" | "that"));
    set(flag::AUDIENCE, matches!(w, "told" | "briefed" | "informed" | "warned" | "assured" | "asked" | "reminded"));
    set(flag::FUTURE, FUTURE.contains(&w));
    set(flag::STATE_VERB, STATE_VERBS.contains(&w));
    set(flag::NOW, w == "now");
    set(flag::CURRENTLY, w == "currently");
    set(flag::TODAY, w == "today");
    set(flag::AGO, w == "ago");
    set(flag::LAST, w == "last");
    set(flag::PAST_AFTER_LAST, PAST_AFTER_LAST.contains(&w));
    set(flag::ALREADY, w == "already");
    set(flag::SO_THUS, matches!(w, "so" | "thus"));
    set(flag::FAR, w == "far");
    set(flag::TO, w == "to");
    set(flag::DATE, w == "date");
    set(flag::LIMIT, matches!(w, "allow" | "allows" | "allowed" | "permit" | "permits" | "permitted" | "cap" | "caps" | "capped" | "maximum" | "ceiling" | "limit" | "limits" | "limited"));
    set(flag::EACH, matches!(w, "each" | "every"));
    set(flag::SHARE, matches!(w, "share" | "portion" | "part" | "fraction"));
    set(flag::OF, w == "of");
    set(flag::ONCE, w == "once");
    set(flag::EMPLOYMENT, EMPLOYMENT.contains(&w));
    set(flag::PUT, matches!(w, "put" | "puts"));
    set(flag::CLAUSE, clause_word_of(w).is_some());
    set(flag::METRIC, metric(w).is_some());
    set(flag::ANAPHORA, anaphora().contains_key(w));
    set(flag::DIGIT_END, w.as_bytes().last().is_some_and(u8::is_ascii_digit));
    f
}

fn synonyms() -> &'static Map<&'static str, &'static str> {
    static M: OnceLock<Map<&'static str, &'static str>> = OnceLock::new();
    M.get_or_init(|| crate::text::tsv_pairs(include_str!("../../data/unit_synonyms.tsv")).collect())
}

/// The last words of the units of two words among the synonyms ("place" of "sleeping place").
fn two_word_ends() -> &'static Map<&'static str, ()> {
    static M: OnceLock<Map<&'static str, ()>> = OnceLock::new();
    M.get_or_init(|| synonyms().keys().filter_map(|k| k.rsplit_once(' ').map(|(_, last)| (last, ()))).collect())
}

/// Word families of context terms (data/term_families.tsv).
fn families() -> &'static Map<&'static str, &'static str> {
    static M: OnceLock<Map<&'static str, &'static str>> = OnceLock::new();
    M.get_or_init(|| crate::text::tsv_pairs(include_str!("../../data/term_families.tsv")).collect())
}

/// A context term: the stem, or its family's word.
fn term_of(w: &str) -> Cow<'_, str> {
    let s = stem_of(w);
    match families().get(s.as_ref()) {
        Some(f) => Cow::Borrowed(*f),
        None => s,
    }
}

fn stopwords() -> &'static Set<&'static str> {
    static S: OnceLock<Set<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("../../data/function_words.txt")
            .lines()
            .chain(include_str!("../../data/claim_stopwords.txt").lines())
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// A crude stem, enough to meet "ballpark's" with "ballpark" and "projections" with "projection":
/// possessive and plural endings off.
pub fn stem(w: &str) -> String {
    stem_of(w).into_owned()
}

/// [`stem`], borrowing `w` unless the stem is spelt differently ("cities" → "city").
fn stem_of(w: &str) -> Cow<'_, str> {
    let w = w.trim_end_matches(['\'', '’']);
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
    if let Some(b) = w.strip_suffix("ies").filter(|b| b.len() > 2) {
        return Cow::Owned(format!("{b}y"));
    }
    // "losses", "taxes", "branches", "crashes" lose "es"; so do the few singulars spelt with a
    // silent "e" there ("impasse", "axe", "avalanche"), so that both forms meet.
    for end in ["sses", "xes", "ches", "shes", "sse", "xe", "che"] {
        if let Some(b) = w.strip_suffix(end).filter(|b| b.len() > 1) {
            let keep = if end.ends_with('s') { end.len() - 2 } else { end.len() - 1 };
            return Cow::Borrowed(&w[..b.len() + keep]);
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

/// Whether a word can say what a figure is about: not a function or generic word, not a number.
fn content_word(w: &str) -> bool {
    w.chars().count() > 2 && !w.bytes().any(|b| b.is_ascii_digit()) && !stopwords().contains(w)
}

/// Heading-like lines of a plain-text document: a short line alone in its block, mostly in
/// capitals ("ITEM 4: RIVERSIDE PARK BALLPARK FINANCING").
fn plain_headings(masked: &str, breaks: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if breaks.is_empty() {
        return out;
    }
    // Lines as `split_inclusive('\n')` has them, found by `memchr` (the std searcher for a
    // char cost twice the test of the lines).
    let b = masked.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', b).map(|i| i + 1).chain((b.last().is_some_and(|&c| c != b'\n')).then_some(b.len()));
    for end in ends {
        // `trim_end` of the line, its ASCII white space stepped over as bytes: a line ends in
        // a line break after an ASCII byte, nearly always.
        let mut e = end;
        while e > start && is_white_byte(b[e - 1]) {
            e -= 1;
        }
        let r = if e > start && b[e - 1] >= 0x80 { start..start + masked[start..e].trim_end().len() } else { start..e };
        start = end;
        if heading_like(&masked[r.clone()]) {
            out.push(r);
        }
    }
    out
}

const LETTER: u8 = 1;
const CAPITAL: u8 = 2;
const SPACE: u8 = 4;

/// Per ASCII byte: letter, capital, and `char::is_whitespace` (which counts \x0B, unlike
/// `u8::is_ascii_whitespace`).
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphabetic() { LETTER } else { 0 }
            | if c.is_ascii_uppercase() { CAPITAL } else { 0 }
            | if is_white_byte(c) { SPACE } else { 0 };
        i += 1;
    }
    t
};

/// How many bytes of `b` are in `a..=z`, counted eight at a time: per byte, the high bit of
/// its low seven bits plus 0x1F (at least 'a') and plus 0x05 (past 'z'), kept for ASCII bytes.
#[cfg(test)]
fn ascii_lowercase_bytes(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let mut n: usize = (&mut chunks).map(|c| lowercase_of(u64::from_le_bytes(c.try_into().expect("8 bytes")))).sum();
    n += chunks.remainder().iter().filter(|c| c.is_ascii_lowercase()).count();
    n
}

/// The bytes in `a..=z` of eight (see [`ascii_lowercase_bytes`]).
#[inline(always)]
fn lowercase_of(x: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & !HIGH;
    let from_a = (low + (0x80 - b'a' as u64) * ONES) & HIGH;
    let past_z = (low + (0x80 - (b'z' as u64 + 1)) * ONES) & HIGH;
    (from_a & !past_z & !x).count_ones() as usize
}

/// Whether more than `limit` bytes of `b` are in `a..=z`: [`ascii_lowercase_bytes`], stopping
/// once the count passes `limit` (checked every 32 bytes), which a prose line does well before
/// its end.
fn lowercase_bytes_exceed(b: &[u8], limit: usize) -> bool {
    let mut n = 0;
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        n += block.chunks_exact(8).map(|c| lowercase_of(u64::from_le_bytes(c.try_into().expect("8 bytes")))).sum::<usize>();
        if n > limit {
            return true;
        }
    }
    let rest = blocks.remainder();
    let mut chunks = rest.chunks_exact(8);
    n += (&mut chunks).map(|c| lowercase_of(u64::from_le_bytes(c.try_into().expect("8 bytes")))).sum::<usize>();
    n += chunks.remainder().iter().filter(|c| c.is_ascii_lowercase()).count();
    n > limit
}

/// Whether a line has at most 14 words (as `split_whitespace`) and at least four letters, 70%
/// of them capitals. One pass that reads ASCII bytes without decoding and stops at the 15th
/// word: every line of a document is read, and prose lines are long.
fn heading_like(t: &str) -> bool {
    let b = t.as_bytes();
    // Each ASCII lower-case byte is a letter and no capital, and each capital takes a byte of
    // the rest: a line with more than 30% of its bytes in a-z cannot have 70% capitals. Most
    // prose lines are settled by that count, eight bytes at a time.
    // (For a count n, 10n > 3 len is n > floor(3 len / 10).)
    if lowercase_bytes_exceed(b, 3 * b.len() / 10) {
        return false;
    }
    // More than 14 words between ASCII spaces is more than 14 words (other white space only
    // splits words further): most prose lines are settled by jumping from space to space.
    let (mut words, mut at) = (0, 0);
    while at < b.len() && words <= 14 {
        if b[at] == b' ' {
            at += 1;
            continue;
        }
        words += 1;
        at = memchr::memchr(b' ', &b[at..]).map_or(b.len(), |i| at + i);
    }
    if words > 14 {
        return false;
    }
    let (mut letters, mut upper, mut words) = (0, 0, 0);
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        // Even if every byte left were a capital, the line could not reach 70% capitals: most
        // prose lines are settled here, well before their end. Each letter is at least a byte,
        // so the bytes left bound the letters left.
        if (upper * 10 + 3 * (b.len() - i)) < letters * 7 {
            return false;
        }
        let (letter, capital, space) = if b[i] < 0x80 {
            let c = ASCII_CLASS[b[i] as usize];
            i += 1;
            (c & LETTER != 0, c & CAPITAL != 0, c & SPACE != 0)
        } else {
            let c = t[i..].chars().next().expect("a char boundary");
            i += c.len_utf8();
            (c.is_alphabetic(), c.is_uppercase(), c.is_whitespace())
        };
        if !space && !in_word {
            words += 1;
            if words > 14 {
                return false;
            }
        }
        in_word = !space;
        letters += letter as usize;
        upper += capital as usize;
    }
    letters >= 4 && upper * 10 >= letters * 7
}

/// Whether a word points back at a name ("the authority", "the council"): the name itself is
/// compared, so the word adds little.
pub fn points_at_name(w: &str) -> bool {
    anaphora().contains_key(w)
}

/// Words after "fell", "fall" or "falls" that make it a change of state, not a decline ("fell
/// ill", "fall sick", "fell victim to").
const NOT_A_FALL: &[&str] = &["ill", "sick", "victim", "silent", "asleep", "pregnant", "prey", "foul", "apart"];

/// Measure classes only money has: what they measure is never a count of things.
const MONEY_ONLY: &[&str] = &["giving", "grant", "lending", "income", "savings", "worth", "wages", "spending", "raising"];

/// Units that are the same thing share one name.
pub fn normalise_unit(unit: &str) -> String {
    unit_name(unit).to_string()
}

/// [`normalise_unit`], borrowed: for a test of the unit, without a String.
fn unit_name(unit: &str) -> &str {
    synonyms().get(unit).copied().unwrap_or(unit)
}

/// Words that narrow what a figure counts; two figures with different ones are different facts.
const SCOPE: &[&str] = &[
    "public", "private", "federal", "state", "local", "county", "city", "total", "combined", "annual", "annually",
    "monthly", "weekly", "daily", "yearly", "average", "median", "additional", "another", "extra", "remaining",
    "initial", "first", "second", "final", "net", "gross", "operating", "capital", "cash", "in-kind", "matching", "other",
    "personal", "own", "overall", "cumulative", "each", "per", "systemwide", "statewide", "nationwide", "citywide",
    "countywide", "worldwide", "districtwide", "campuswide",
];

/// Words that make a measure another metric ("comparable-store sales" are not sales,
/// "adjusted" earnings not earnings), with the name both spellings share.
fn metric(w: &str) -> Option<&'static str> {
    Some(match w {
        "comparable" | "comparable-store" | "same-store" | "like-for-like" | "comps" => "comparable",
        "organic" => "organic",
        "adjusted" | "non-gaap" => "adjusted",
        "underlying" | "core" => "underlying",
        "online" | "digital" | "e-commerce" => "online",
        "in-store" => "in-store",
        "domestic" => "domestic",
        "international" | "overseas" => "international",
        "pre-tax" | "pretax" => "pre-tax",
        // Housing let below the market is another price than the market's ("affordable units
        // will rent for no more than $1,180", "market-rate rents start at $1,850").
        "affordable" | "income-restricted" | "subsidized" | "subsidised" | "below-market" => "affordable",
        "market-rate" => "market-rate",
        // What was there before a change ("the original estimate", "the existing payroll",
        // "the existing line", "its previous contract"): not the changed thing.
        "original" | "originally" | "previous" | "prior" => "original",
        "existing" => "existing",
        _ => return None,
    })
}

/// A word as an owner: "the state's answer is a $2.5 million grant" is the state's.
fn owner_of(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w)
}

/// Who holds or pays a figure; found anywhere before it in its clause.
pub const OWNER: &[&str] = &["public", "private", "federal", "state", "local", "county", "city"];

/// Words of a clause that make its count of people a count of jobs lost ("600 people will be
/// out of work", "laid off 640 people"); a workforce ("employs 850 people") stays people.
const EMPLOYMENT: &[&str] = &["work", "jobs", "job", "laid", "layoff", "layoffs", "unemployed", "jobless"];

/// Trades a workforce is counted in: measured by a staffing word, a count of them is a count
/// of jobs (see `features_in`).
const WORKFORCE_ROLES: &[&str] = &[
    "operator", "driver", "nurse", "teacher", "officer", "firefighter", "doctor", "physician", "engineer", "technician",
    "guard", "clerk", "cashier", "miner", "pilot", "mechanic", "cook", "cleaner", "agent", "attendant", "aide",
    "paramedic", "dispatcher", "machinist", "welder", "electrician", "carpenter", "laborer", "labourer", "crew",
];

/// Words before a figure in its clause that put it ahead of the story's present.
const FUTURE: &[&str] = &["will", "would", "expected", "expects", "expect", "plans", "planned", "designed", "projected", "projects", "forecast", "forecasts"];

/// "last year", "last season": what came before the story's present.
const PAST_AFTER_LAST: &[&str] = &["year", "month", "week", "season", "quarter", "spring", "summer", "fall", "autumn", "winter", "fiscal", "decade"];

/// Verbs that tell what is, not what happened or will: "now" before one dates a state.
const STATE_VERBS: &[&str] = &["work", "works", "employ", "employs", "operate", "operates", "serve", "serves", "has", "have", "own", "owns", "hold", "holds", "run", "runs", "house", "houses", "live", "lives"];

/// Phases of a project or a job that split one count into different facts.
const PHASE: &[&str] = &["construction", "permanent", "temporary", "seasonal", "full-time", "part-time", "student", "intern", "volunteer", "apprentice", "trainee"];

/// [`words_into`], into a new vector.
#[cfg(test)]
fn words<'t>(masked: &'t str, lowered: &'t str, range: Range<usize>) -> Vec<(Range<usize>, Lower<'t>)> {
    let mut out = Vec::with_capacity(range.len() / 5 + 1);
    words_into(masked, lowered, range, &mut out);
    out
}

/// Words (lower case) with their byte ranges in `masked[range]`: runs of letters, digits,
/// hyphens and apostrophes. `lowered` is `masked` in ASCII lower case: an ASCII word borrows it
/// (one allocation per capitalised word cost 1% of the analysis); any other word is lowered on
/// its own, as `Lower::new` does. Into a buffer kept across sentences.
#[cfg(test)]
fn words_into<'t>(masked: &'t str, lowered: &'t str, range: Range<usize>, out: &mut Vec<(Range<usize>, Lower<'t>)>) {
    out.clear();
    split_words(masked, range, |r, ascii| out.push((r.clone(), lower_word(masked, lowered, r, ascii))), |_, _| {});
}

/// The word at `r` in lower case (see [`words_into`]): borrowed from `lowered` when ASCII.
#[inline(always)]
fn lower_word<'t>(masked: &'t str, lowered: &'t str, r: Range<usize>, ascii: bool) -> Lower<'t> {
    if ascii {
        // The bytes of an ASCII word are ASCII letters, digits, '-' and '\'' in `masked`, and so
        // in `lowered` (only A-Z differ): valid UTF-8 however sliced. `&lowered[r]` checked both
        // ends for a char boundary, a fifth of the cost of splitting a sentence.
        let b = &lowered.as_bytes()[r];
        debug_assert!(b.is_ascii());
        // SAFETY: `b` is ASCII (above), so it is valid UTF-8.
        Lower::borrowed(unsafe { std::str::from_utf8_unchecked(b) })
    } else {
        Lower::new(&masked[r])
    }
}

/// The words of `masked[range]` (see [`words_into`]), each given to `word` with its range and
/// whether it is ASCII, and the clause marks between them (`,;:()`, '—', '–') given to `mark`
/// as an offset in `range` and a byte length (see [`ClauseMarks`]). One pass over the bytes
/// that tests ASCII ones by table and decodes a non-ASCII char only as it passes one: a
/// sentence's words, their lookups and its marks came from three passes before.
#[inline(always)]
fn split_words(masked: &str, range: Range<usize>, mut word: impl FnMut(Range<usize>, bool), mut mark: impl FnMut(usize, usize)) {
    let s = masked.get(range.clone()).unwrap_or("");
    let b = s.as_bytes();
    let base = range.start;
    let mut i = 0;
    while i < b.len() {
        match WORD_BYTE[b[i] as usize] {
            WORD => {}
            OTHER => {
                i += 1;
                continue;
            }
            MARK => {
                mark(i, 1);
                i += 1;
                continue;
            }
            _ => {
                let (part, len) = part_at(s, i);
                if !part {
                    // '—' (U+2014) and '–' (U+2013).
                    if b[i] == 0xE2 && (b[i + 1..].starts_with(&[0x80, 0x94]) || b[i + 1..].starts_with(&[0x80, 0x93])) {
                        mark(i, 3);
                    }
                    i += len;
                    continue;
                }
            }
        }
        let start = i;
        let mut ascii = true;
        loop {
            // The ASCII bytes of a word first: most words have nothing else.
            while i < b.len() && WORD_BYTE[b[i] as usize] == WORD {
                i += 1;
            }
            if i == b.len() || WORD_BYTE[b[i] as usize] != NON_ASCII {
                break;
            }
            let (part, len) = part_at(s, i);
            if !part {
                break;
            }
            ascii = false;
            i += len;
        }
        word(base + start..base + i, ascii);
    }
}

/// Classes of bytes in [`WORD_BYTE`].
const OTHER: u8 = 0;
const WORD: u8 = 1;
const NON_ASCII: u8 = 2;
/// An ASCII clause mark: `,;:()`.
const MARK: u8 = 3;

/// Bytes that are part of a word (ASCII letters, digits, '-', '\''): [`WORD`]; the lead and
/// continuation bytes of other chars: [`NON_ASCII`], decoded; ASCII clause marks: [`MARK`];
/// other ASCII: [`OTHER`].
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' {
            WORD
        } else if matches!(c, b',' | b';' | b':' | b'(' | b')') {
            MARK
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Whether the char at byte `i` of `s` (a char boundary) belongs to a word, and its length.
#[inline(always)]
fn part_at(s: &str, i: usize) -> (bool, usize) {
    match WORD_BYTE[s.as_bytes()[i] as usize] {
        WORD => (true, 1),
        NON_ASCII => s[i..].chars().next().map_or((false, 1), |ch| (is_word_char(ch), ch.len_utf8())),
        _ => (false, 1),
    }
}

/// Whether a non-ASCII char belongs to a word (see [`part_at`]): alphanumeric, or '’'. The
/// non-ASCII chars prose has most are told without `char::is_alphanumeric`'s table search:
/// the accented letters of Latin-1 and Latin Extended-A/B (all letters but '×' and '÷'), and
/// the General Punctuation block (dashes, curly quotes, ellipsis …: none alphanumeric).
#[inline(always)]
fn is_word_char(ch: char) -> bool {
    match ch {
        '’' => true,
        '\u{C0}'..='\u{24F}' => ch != '×' && ch != '÷',
        '\u{2000}'..='\u{206F}' => false,
        _ => ch.is_alphanumeric(),
    }
}

/// Whether the char ending at byte `i` of `s` (a char boundary) belongs to a word, and its length.
fn part_before(s: &str, i: usize) -> (bool, usize) {
    s[..i].chars().next_back().map_or((false, 0), |ch| (ch.is_alphanumeric() || ch == '-' || ch == '\'' || ch == '’', ch.len_utf8()))
}

/// Years in a span: "since 2014" is cumulative; any other year (alone or in a date) is a point.
fn years(masked: &str, range: Range<usize>) -> Vec<TimeRef> {
    years_at(masked, range).into_iter().map(|(t, _)| t).collect()
}

/// Whether a text tells its present in relative words of a year or a season: "this year",
/// "last summer's".
fn relative_present(lowered: &str) -> bool {
    ["this ", "last "].iter().any(|lead| {
        memchr::memmem::find_iter(lowered.as_bytes(), lead.as_bytes()).any(|p| {
            let rest = &lowered[p + lead.len()..];
            let word: &str = rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            // Not "this week" or "this month": an undated report released "this week" still
            // states its data's year ("averaged 41,300 riders in 2023").
            matches!(word, "year" | "summer" | "spring" | "autumn" | "fall" | "winter")
                && (p == 0 || !lowered.as_bytes()[p - 1].is_ascii_alphanumeric())
        })
    })
}

/// The latest year a text speaks of: a four-digit run from 1900 to 2100 standing as its own
/// word ("in 2028", "fiscal-2024"), not part of an amount ("$2,025", "2025.5", "2019%").
/// One pass that jumps from each '1' or '2' to the next: it runs over every document on every
/// keystroke.
fn latest_year(masked: &str) -> Option<i32> {
    let b = masked.as_bytes();
    let mut best: Option<i32> = None;
    let mut from = 0;
    while let Some(q) = memchr::memchr2(b'1', b'2', &b[from..]) {
        let p = from + q;
        from = p + 1;
        if p + 4 > b.len() {
            break;
        }
        if p > 0 && (b[p - 1].is_ascii_alphanumeric() || matches!(b[p - 1], b',' | b'.' | b'$') || b[p - 1] >= 0x80) {
            continue;
        }
        if !b[p..p + 4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        from = p + 4;
        let after = b.get(p + 4).copied();
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'%') || matches!(after, Some(b',' | b'.')) && b.get(p + 5).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let y = (b[p] - b'0') as i32 * 1000 + (b[p + 1] - b'0') as i32 * 100 + (b[p + 2] - b'0') as i32 * 10 + (b[p + 3] - b'0') as i32;
        if (1900..=2100).contains(&y) {
            best = best.max(Some(y));
        }
    }
    best
}

/// Where the first ASCII digit of `b` is, eight bytes at a time (as in
/// [`ascii_lowercase_bytes`]): most of a sentence has none.
fn first_digit(b: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = b.chunks_exact(8);
    for (k, c) in (&mut chunks).enumerate() {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        let low = x & !HIGH;
        let from_0 = (low + (0x80 - b'0' as u64) * ONES) & HIGH;
        let past_9 = (low + (0x80 - (b'9' as u64 + 1)) * ONES) & HIGH;
        let digits = from_0 & !past_9 & !x;
        if digits != 0 {
            return Some(k * 8 + digits.trailing_zeros() as usize / 8);
        }
    }
    let at = b.len() - chunks.remainder().len();
    chunks.remainder().iter().position(u8::is_ascii_digit).map(|p| at + p)
}

/// [`years`] with each year's byte offset.
fn years_at(masked: &str, range: Range<usize>) -> Vec<(TimeRef, usize)> {
    // No pass ahead for a four-digit run: most sentences with figures have one, and `out`
    // allocates only when a year is found.
    let b = &masked.as_bytes()[range.clone()];
    // A year is a word (see `words`) whose last hyphen-separated part is four ASCII
    // digits: a run of exactly four digits with no word char after it and, before it, a hyphen
    // or no word char. Only those runs are looked at, and only the word before one is read.
    let s = &masked[range.clone()];
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = first_digit(&b[i..]) {
        let start = i + p;
        let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = end;
        if end - start != 4 || (end < s.len() && part_at(s, end).0) {
            continue;
        }
        let (before_is_part, _) = part_before(s, start);
        if before_is_part && b[start - 1] != b'-' {
            continue;
        }
        let year: i32 = s[start..end].parse().unwrap_or(0);
        if !(1900..=2100).contains(&year) {
            continue;
        }
        // The year's word starts after the last non-word char before it; the word before it
        // ends at the last word char before that.
        let mut w = start;
        while let (true, len) = part_before(s, w) {
            w -= len;
        }
        let mut pe = w;
        while pe > 0 && !part_before(s, pe).0 {
            pe -= part_before(s, pe).1.max(1);
        }
        let mut ps = pe;
        while let (true, len) = part_before(s, ps) {
            ps -= len;
        }
        let since = ps < pe && matches!(Lower::new(&s[ps..pe]).as_str(), "since" | "from");
        // "for the first time since 1911", "the highest since 2008": a record's comparison,
        // not when the figure holds.
        if since && record_since(&s[..ps]) {
            continue;
        }
        if !since && dates_a_thing(masked, range.start + start) {
            continue;
        }
        out.push((if since { TimeRef::Since(year) } else { TimeRef::In(year) }, range.start + start));
    }
    out
}

/// The first and last of a sentence's years (each with its offset and whether it is a
/// deadline) that a later sentence inherits: a year that sets the scene ("In 2019, the city …",
/// "… lost the race in 2015."), not one that dates a figure right before it ("… up from 35% in
/// 2019") or a bare number compared with one ("… up from 205,000 in 2019"). Deadlines ("by
/// the end of 2026") date nothing. `figs` are the sentence's figures.
fn scene_years(masked: &str, start: usize, years: impl Iterator<Item = (TimeRef, usize, bool)>, figs: &[crate::analysis::FigureInfo]) -> (Option<TimeRef>, Option<TimeRef>) {
    let opening = |at: usize| masked[start..at].split_whitespace().take(5).count() <= 4;
    let dates_a_figure = |at: usize| figs.iter().any(|g| g.figure.range.end <= at && at - g.figure.range.end <= 40);
    // The cheap test first.
    let mut ys = years.filter(|&(_, at, deadline)| !deadline && (!dates_a_figure(at) || opening(at)) && !dates_a_bare_baseline(&masked[start..at])).map(|(t, _, _)| t);
    let first = ys.next();
    (first, ys.last().or(first))
}

/// Whether a sentence names the day it tells of: "today", "yesterday", "tonight", or a weekday
/// as a time ("on Tuesday", "last Friday", "said Monday"), not as a name's word ("the Sunday
/// edition").
fn names_its_day(ws: &[(Range<usize>, Lower)]) -> bool {
    ws.iter().enumerate().any(|(k, (_, w))| match w.as_str() {
        "today" | "yesterday" | "tonight" => true,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" => k > 0 && {
            let before = ws[k - 1].1.as_str();
            matches!(before, "on" | "last" | "this" | "next" | "late" | "early" | "said" | "says" | "told") || before.len() > 3 && before.ends_with("ed")
        },
        _ => false,
    })
}

/// Built things a year before them dates ("the 1983 structure", "its 1911 bandstand", "a 1903
/// cable railway"): when the thing was built, never when a figure of today's story holds.
const BUILT: &[&str] = &[
    "structure", "building", "bridge", "railway", "railroad", "tower", "church", "hall", "station", "house",
    "mansion", "theater", "theatre", "stadium", "arena", "garage", "dam", "mill", "ship", "vessel", "landmark",
    "courthouse", "library", "terminal", "pier", "lighthouse", "factory", "bandstand", "schoolhouse", "home",
    "cable", "steel", "brick", "stone", "wooden", "concrete",
];

/// Whether the year at `year_at` dates a built thing: right after "the", "a", "an", "its",
/// "their" or a possessive, and right before one of [`BUILT`] (or its material or style).
fn dates_a_thing(masked: &str, year_at: usize) -> bool {
    let Some(next) = next_word_after_year(masked, year_at) else { return false };
    if !BUILT.contains(&next.as_str()) {
        return false;
    }
    let before = masked[..year_at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == year_at {
        return false;
    }
    let word = before.rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').next().unwrap_or("");
    with_lower(word, |w| matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our") || w.ends_with("'s") || w.ends_with("’s"))
}

/// [`years_at`] of a sentence, from its words (see [`words_into`]): a year is a word that is four
/// ASCII digits, or ends in a hyphen and four of them, so only words ending in a digit are
/// looked at, and the word before a year is the one before it in `ws`.
#[cfg(test)]
fn years_in_words(masked: &str, sentence_start: usize, ws: &[(Range<usize>, Lower)], out: &mut Vec<(TimeRef, usize)>) {
    years_of_words(masked, sentence_start, ws, 0..ws.len(), out);
}

/// [`years_in_words`] of the words `candidates` (indexes into `ws`, in order), which hold every
/// word of `ws` that is a year.
fn years_of_words(masked: &str, sentence_start: usize, ws: &[(Range<usize>, Lower)], candidates: impl Iterator<Item = usize>, out: &mut Vec<(TimeRef, usize)>) {
    out.clear();
    let b = masked.as_bytes();
    for k in candidates {
        let r = &ws[k].0;
        if r.len() < 4 || !b[r.end - 1].is_ascii_digit() {
            continue;
        }
        let start = r.end - 4;
        if !b[start..r.end].iter().all(u8::is_ascii_digit) || start > r.start && b[start - 1] != b'-' {
            continue;
        }
        let year = (b[start] - b'0') as i32 * 1000 + (b[start + 1] - b'0') as i32 * 100 + (b[start + 2] - b'0') as i32 * 10 + (b[start + 3] - b'0') as i32;
        if !(1900..=2100).contains(&year) {
            continue;
        }
        let since = k > 0 && matches!(ws[k - 1].1.as_str(), "since" | "from");
        // "for the first time since 1911": a record's comparison, not when the figure holds.
        if since && record_since(&masked[sentence_start..ws[k - 1].0.start]) {
            continue;
        }
        if !since && dates_a_thing(masked, start) {
            continue;
        }
        out.push((if since { TimeRef::Since(year) } else { TimeRef::In(year) }, start));
    }
}

use crate::text::MONTHS;

/// Whether the words before "since" make it a record's comparison: "(the) first time",
/// "highest", "lowest", "most", "least", "largest", "biggest", "worst", "best".
fn record_since(before: &str) -> bool {
    let mut ws = before.split_whitespace().rev().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase());
    match ws.next().as_deref() {
        Some("time") => ws.next().is_some_and(|w| matches!(w.as_str(), "first" | "last")),
        Some(w) => matches!(w, "highest" | "lowest" | "most" | "least" | "largest" | "biggest" | "smallest" | "worst" | "best" | "fastest" | "slowest"),
        None => false,
    }
}

/// The words before `at` in `masked[from..at]`, nearest first, lower-cased.
fn words_before(masked: &str, from: usize, at: usize) -> impl Iterator<Item = Lower<'_>> {
    raw_words_before(masked, from, at).map(Lower::new)
}

/// [`words_before`] as written, for tests that lower a word only to compare it
/// ([`with_lower`] does so without allocating).
fn raw_words_before(masked: &str, from: usize, at: usize) -> impl Iterator<Item = &str> {
    masked[from..at].split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).rev()
}

/// The last word of `b[..end]` as [`raw_words_before`] splits words (runs of alphanumerics,
/// '\'' and '’'), as its start and end, read back over bytes: `Some(None)` when there is
/// none, `None` when a byte beyond ASCII is met before the word's start (the caller then reads
/// chars). Words before a year are read on every (figure, year) pair: decoding chars back cost
/// more than the tests of the words.
fn ascii_word_before(b: &[u8], end: usize) -> Option<Option<(usize, usize)>> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    let mut i = end.min(b.len());
    while i > 0 && !word(b[i - 1]) {
        if b[i - 1] >= 0x80 {
            return None;
        }
        i -= 1;
    }
    if i == 0 {
        return Some(None);
    }
    let word_end = i;
    while i > 0 && word(b[i - 1]) {
        i -= 1;
    }
    if i > 0 && b[i - 1] >= 0x80 {
        return None;
    }
    Some(Some((i, word_end)))
}

/// A year that is a deadline ("by the end of 2026", "until March 2027"): a plan's horizon,
/// not when its figure holds.
fn deadline_year(masked: &str, sentence_start: usize, year_at: usize) -> bool {
    let seg = &masked[sentence_start..year_at];
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut end = seg.len();
    for _ in 0..5 {
        // The word before `end`, and where it starts: over bytes while they are ASCII.
        let (word_start, word_end) = match ascii_word_before(seg.as_bytes(), end) {
            Some(Some(w)) => w,
            Some(None) => return false,
            None => {
                let Some(last) = seg[..end].rfind(is_word) else { return false };
                let word_end = last + seg[last..].chars().next().map_or(1, char::len_utf8);
                (seg[..word_end].rfind(|c: char| !is_word(c)).map_or(0, |i| i + seg[i..].chars().next().map_or(1, char::len_utf8)), word_end)
            }
        };
        end = word_start;
        let at = sentence_start + word_start;
        // Lowered without allocating (capitalised words, "In", "March", are common here):
        // `Some` is the answer, `None` reads on.
        let verdict = with_lower(&seg[word_start..word_end], |w| match w {
            // A clause that opens with it is a point in time ("The increase grows: by 2030,
            // households would pay $7.90 more").
            "by" | "until" | "till" | "through" | "before" => {
                let lead = masked[sentence_start..at].trim_end();
                Some(!(lead.is_empty() || lead.ends_with([':', ';'])))
            }
            // The far end of a span ("alumni going back to 1998", "records dating to 1950"):
            // where it starts, not when the figure holds.
            "to" if matches!(words_before(masked, sentence_start, at).next().as_ref().map(Lower::as_str), Some("back" | "dating" | "dates" | "date")) => Some(true),
            // When a change starts ("will be renamed … beginning with the 2026 season", "from
            // the start of the 2026 season"): not when the figure holds ("about $7 a month
            // starting in 2026" is the figure's own start).
            "with" | "in" if matches!(words_before(masked, sentence_start, at).next().as_ref().map(Lower::as_str), Some("beginning")) => Some(true),
            "from" if seg[word_end..].trim_start().as_bytes().get(..9).is_some_and(|t| t.eq_ignore_ascii_case(b"the start")) => Some(true),
            "the" | "end" | "of" | "start" | "middle" | "close" | "fiscal" | "calendar" | "early" | "late" | "mid" => None,
            m if MONTHS.contains(&m) => None,
            _ => Some(false),
        });
        if let Some(v) = verdict {
            return v;
        }
    }
    false
}

/// A year after the figure that dates what the figure is for or what it is spent on, not the
/// figure ("fined $48 million for the September 2024 release", "a payout after the 2021 fire",
/// "a $14.2 million rebuild of the 1903 railway", "…, the 1903 cable railway"): "the", perhaps
/// a month, the year and a noun that is not a period ("for the 2024 season" is the figure's),
/// after a preposition or opening an aside.
fn dates_a_cause(masked: &str, figure_end: usize, year_at: usize) -> bool {
    // Most years follow another word than "the" or a month: told over bytes, without
    // splitting the gap by chars. Both are of three to nine ASCII letters; a word that is not
    // cannot be either.
    if let Some(Some((s, e))) = ascii_word_before(&masked.as_bytes()[figure_end..year_at], year_at - figure_end) {
        let w = &masked.as_bytes()[figure_end + s..figure_end + e];
        let month_like = (3..=9).contains(&w.len()) && w[0].is_ascii_alphabetic();
        if !month_like {
            return false;
        }
    }
    let mut words = raw_words_before(masked, figure_end, year_at);
    let mut w = words.next();
    if w.is_some_and(|m| with_lower(m, |m| MONTHS.contains(&m))) {
        w = words.next();
    }
    // The noun after the year is read last, and only if the words before make a cause.
    let the = w.is_some_and(|t| with_lower(t, |t| t == "the"));
    // An aside: a comma right before "the" (", the 1903 cable railway").
    let aside = || {
        let mut gap = masked[figure_end..year_at].trim_end();
        let last = |g: &str| g.rsplit(|c: char| !c.is_alphabetic()).next().map(str::to_ascii_lowercase).unwrap_or_default();
        if MONTHS.contains(&last(gap).as_str()) {
            gap = gap.trim_end_matches(char::is_alphabetic).trim_end();
        }
        last(gap) == "the" && gap[..gap.len() - 3].trim_end().ends_with(',')
    };
    the && (words.next().is_some_and(|p| with_lower(p, |p| matches!(p, "for" | "over" | "after" | "following" | "from" | "of"))) || aside())
        && next_word_after_year(masked, year_at).as_deref().is_some_and(|n| !matches!(n, "season" | "seasons" | "fiscal" | "year" | "quarter" | "term" | "cycle" | "budget" | "financial" | "school" | "academic"))
        && !names_an_event(masked, year_at)
}

/// Whether the year at `year_at` names an event a figure is for, within its next three words
/// ("a prize fund for the 2025 Closed Championship", "the budget for the 2026 festival"): the
/// figure's own time, unlike a cause ("fined for the 2024 release").
fn names_an_event(masked: &str, year_at: usize) -> bool {
    const EVENTS: &[&str] = &[
        "championship", "championships", "tournament", "festival", "race", "election", "elections", "edition", "games", "olympics",
        "season", "fair", "cup", "open", "conference", "competition", "contest", "marathon", "summit", "tour", "show", "expo", "congress",
    ];
    let Some(rest) = masked.get(year_at + 4..) else { return false };
    rest.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).take(3).any(|w| with_lower(w, |w| EVENTS.contains(&w)))
        && !rest.trim_start().starts_with(|c: char| matches!(c, ',' | '.' | ';' | ':'))
}

/// A year after the figure, across "than": it dates what the figure is compared with, not the
/// figure ("$9.8 million more than the regents approved in 2021", "40 percent higher than in
/// 2019"). Only within the figure's clause: a comma or semicolon ends the comparison.
fn dates_a_baseline(masked: &str, figure_end: usize, year_at: usize) -> bool {
    let gap = &masked.as_bytes()[figure_end..year_at];
    // The marks are ASCII, and so is any word that lowers to "than": bytes tell both, and most
    // gaps have no "than" to look for among their words.
    let than = || memchr::memchr2_iter(b't', b'T', gap).any(|p| gap.get(p + 1..p + 4).is_some_and(|r| r.eq_ignore_ascii_case(b"han")));
    memchr::memchr3(b',', b';', b':', gap).is_none() && than() && raw_words_before(masked, figure_end, year_at).take(8).any(|w| with_lower(w, |w| w == "than"))
        || dates_a_bare_baseline(&masked[figure_end..year_at])
}

/// A year right after a bare number the figure is compared with ("210,000 people toured the
/// cave, up from 205,000 in 2019", "compared with 31 in 2021"): it dates that number, which is
/// no figure of its own (it names no unit), so the test for a figure between misses it.
fn dates_a_bare_baseline(gap: &str) -> bool {
    // The gap ends "<from|with|versus|vs> <number> in" (or "during"): nothing stands between
    // the number and the year but the preposition.
    // Its last three words read back over bytes while they are ASCII (the gap runs from the
    // figure to the year, and splitting all of it by chars cost 400 instructions a year).
    // Most gaps end in another word than the preposition: told from that word alone.
    if let Some((Some(prep), ..)) = last_ascii_words(gap, 1) {
        if !matches!(prep, "in" | "during") {
            return false;
        }
    }
    let words = match last_ascii_words(gap, 3) {
        Some(words) => words,
        None => {
            let mut words = gap.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).rev();
            (words.next(), words.next(), words.next())
        }
    };
    let (Some(prep), Some(number), Some(link)) = words else { return false };
    let number = number.trim_end_matches(',');
    matches!(prep, "in" | "during")
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number.bytes().all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
        && matches!(link.to_ascii_lowercase().as_str(), "from" | "with" | "versus" | "vs" | "vs.")
}

/// The last `n` (at most three) words of `s` split at white space (as
/// `s.split(char::is_whitespace)` with empty ones left out, from the end; None for each
/// missing or not asked for), read back over bytes; None when a byte beyond ASCII comes before
/// the `n`th word's start (perhaps white space such as U+00A0), for the caller to split by chars.
fn last_ascii_words(s: &str, n: usize) -> Option<(Option<&str>, Option<&str>, Option<&str>)> {
    let b = s.as_bytes();
    let mut i = b.len();
    let mut out = [None; 3];
    for word in out.iter_mut().take(n) {
        while i > 0 && is_white_byte(b[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let end = i;
        while i > 0 && !is_white_byte(b[i - 1]) {
            if b[i - 1] >= 0x80 {
                return None;
            }
            i -= 1;
        }
        // ASCII bytes with white space or the start either side: char boundaries.
        *word = Some(s.get(i..end)?);
    }
    Some((out[0], out[1], out[2]))
}

/// Whether the year word `y` of a sentence's words dates another noun's relative clause, not a
/// figure ("…, drawn from a capital reserve the board set aside in 2022", "the sales tax that
/// voters renewed in 2023", "the unit it closed in 2023, using a $4.2 million grant"). `lo` is
/// the first word the clause may start at, `after` whether the figure comes before the year.
/// After the figure, the clause must hang on a noun the figure's words reach through a
/// preposition, "and" or "including" ("$4 million, which the council approved in 2023" dates
/// the figure); before it, a comma must part the clause from the figure's own.
fn in_relative_clause(masked: &str, ws: &[(Range<usize>, Lower)], lo: usize, y: usize, after: bool) -> bool {
    let b = masked.as_bytes();
    let parted = |k: usize| b[ws[k].0.end..ws[k + 1].0.start].iter().any(|c| matches!(c, b',' | b';' | b':' | b'(' | b')'));
    let determiner = |w: &str| matches!(w, "a" | "an" | "the" | "its" | "their" | "our" | "his" | "her" | "this" | "that");
    // The marker: a relative word (at most ten words before the year), or a subject right after
    // a noun phrase ("a reserve the board set aside", "the unit it closed"; at most six), in the
    // year's clause.
    let mut marker = None;
    for k in (lo..y).rev().take(10) {
        if k + 1 < ws.len() && parted(k) {
            break;
        }
        let w = ws[k].1.as_str();
        if matches!(w, "that" | "which" | "who" | "whom" | "whose") && after {
            marker = Some(k);
            break;
        }
        // Before the figure, an aside set off by commas ("The incline, which has climbed the
        // bluff since 1903, will be shut for 15 months").
        if matches!(w, "which" | "who" | "whose") && !after && k > 0 && parted(k - 1) {
            marker = Some(k);
            break;
        }
        if matches!(w, "it" | "they" | "we" | "he" | "she" | "the") && k >= lo + 2 && k + 1 < y && y - k <= 6 && !parted(k - 1) {
            // The word before is a noun closing a phrase that opened with a determiner or a
            // preposition at most five words before it ("the labor and delivery unit it
            // closed"), and the word after the subject (or its auxiliary) is a past verb.
            let noun = ws[k - 1].1.as_str();
            let opened = (k.saturating_sub(6).max(lo)..k - 1).rev().take_while(|&j| !parted(j)).any(|j| determiner(ws[j].1.as_str()) || matches!(ws[j].1.as_str(), "including" | "from" | "of" | "for" | "on" | "with"));
            let mut v = k + 1;
            if w == "the" {
                v += 1;
            }
            while v < y && matches!(ws[v].1.as_str(), "has" | "have" | "had" | "was" | "were") {
                v += 1;
            }
            // A progressive after "was"/"were" tells a past act too ("fields the company was
            // spraying in June 2022").
            let progressive = v > k + 1 && matches!(ws[v - 1].1.as_str(), "was" | "were");
            let past = v < y && {
                let verb = ws[v].1.as_str();
                verb.len() > 3 && verb.ends_with("ed") || progressive && verb.len() > 4 && verb.ends_with("ing") || matches!(verb, "set" | "shut" | "put" | "cut" | "built" | "made" | "paid" | "won" | "took" | "gave" | "sold" | "bought" | "held" | "spent" | "ran" | "began" | "lost" | "left" | "kept" | "got" | "raised" | "borrowed" | "issued")
            };
            if opened && past && !determiner(noun) && !matches!(noun, "year" | "years" | "month" | "months" | "week" | "and" | "or" | "of" | "to" | "in" | "for") {
                marker = Some(k);
                break;
            }
        }
    }
    let Some(k) = marker else { return false };
    if after {
        // Between the figure and the marker: a preposition, "and" or "including".
        (lo..k).any(|j| matches!(ws[j].1.as_str(), "from" | "of" | "for" | "on" | "to" | "at" | "in" | "into" | "with" | "under" | "by" | "and" | "including" | "toward" | "towards"))
    } else {
        // The clause is its own: a mark between the year and the figure.
        b[ws[y].0.end..].iter().take(4).any(|c| matches!(c, b',' | b';' | b')'))
    }
}

/// Whether a sentence opens by moving on from the time of the one before ("By the time …",
/// "Since then", "Now", "Today", "Eventually"): it does not inherit that sentence's year.
fn shifts_time(ws: &[(Range<usize>, Lower)]) -> bool {
    let w = |i: usize| ws.get(i).map_or("", |x| x.1.as_str());
    match w(0) {
        "now" | "today" | "currently" | "later" | "eventually" | "ultimately" | "afterward" | "afterwards" | "nowadays" => true,
        "since" => w(1) == "then",
        "by" => w(1) == "the" && w(2) == "time" || w(1) == "now",
        "in" => w(1) == "the" && w(2) == "end",
        "these" => w(1) == "days",
        _ => false,
    }
}

/// The word right after the four-digit year at `year_at`, lower-cased; none after punctuation.
fn next_word_after_year(masked: &str, year_at: usize) -> Option<String> {
    let rest = masked.get(year_at + 4..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    if trimmed.len() == rest.len() {
        return None;
    }
    let w: String = trimmed.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    (!w.is_empty()).then(|| w.to_lowercase())
}

/// "last year" (1), "this year" (0), "two years ago" / "over 1 year ago" (2, 1), with the
/// index of the phrase's first word.
fn relative_years(ws: &[(Range<usize>, Lower)]) -> Option<(i32, usize)> {
    for (i, (_, w)) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(|x| x.1.as_str());
        match (w.as_str(), next) {
            // "the season before last", "the year before last".
            ("year" | "season", Some("before")) if ws.get(i + 2).is_some_and(|x| x.1 == "last") => return Some((2, i)),
            ("last" | "past", Some("year" | "season")) => return Some((1, i)),
            ("this", Some("year" | "season")) => return Some((0, i)),
            ("year" | "years", Some("ago")) if i > 0 => {
                let n = &ws[i - 1].1;
                let v = n.parse::<i32>().ok().or_else(|| {
                    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].iter().position(|x| *x == n.as_str()).map(|p| p as i32 + 1)
                });
                return Some((v.unwrap_or(if n == "a" { 1 } else { 2 }), i - 1));
            }
            _ => {}
        }
    }
    None
}

/// The document's own date: a year in a byline or dateline among its first lines.
fn document_year(text: &str, a: &DocAnalysis) -> Option<i32> {
    for line in 0..a.lines.line_count().min(6) {
        let mut r = a.lines.line_range(text, line);
        // A wire dateline opens the first paragraph: "CASTELLAN, Sept. 8, 2025 - The …".
        // More than 16 words: counted only that far (a paragraph written on one line runs on).
        if a.prose.masked[r.clone()].split_whitespace().nth(16).is_some() {
            // Only a dash in the first 60 bytes ends a dateline: the rest is not searched.
            let l = &a.prose.masked[r.clone()];
            let mut head = l.len().min(66);
            while !l.is_char_boundary(head) {
                head -= 1;
            }
            let l = &l[..head];
            match [" - ", " — ", " – "].iter().filter_map(|d| l.find(d)).min() {
                Some(cut) if cut < 60 => r = r.start..r.start + cut,
                _ => continue,
            }
        }
        let l = a.prose.masked[r.clone()].to_lowercase();
        // A month, or a season right before a year as a newsletter's masthead has it ("Field
        // Notes · Autumn 2024"; not "last summer's storm in 2019").
        let words: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // A headline's plan ("… could reopen by summer 2026") is no masthead.
        let planned = |i: usize| i > 0 && matches!(words[i - 1], "by" | "until" | "till" | "before" | "after" | "in" | "from" | "through" | "since" | "next" | "last" | "this" | "of");
        let season = |i: usize| matches!(words[i], "spring" | "summer" | "autumn" | "fall" | "winter") && !planned(i) && words.get(i + 1).is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
        let month = (0..words.len()).any(|i| MONTHS.contains(&words[i]) || season(i));
        let dated = month || l.contains('/') || l.starts_with("posted") || l.starts_with("by ");
        if dated {
            if let Some(TimeRef::In(y)) = years(&a.prose.masked, r).first().copied() {
                return Some(y);
            }
        }
    }
    None
}

/// Mentions that name the source of an attribution, not what the figure is about: the name
/// right before a reporting verb ("Politico noted"), right after it ("said Lee"), or after a
/// source phrase ("according to the Ledger", "published by Politico").
fn is_source(m: &Mention, masked: &str, sources: &[&crate::attribution::Source]) -> bool {
    sources.iter().any(|s| match s.kind {
        SourceKind::Verb => {
            let before = m.range.end <= s.range.start && masked[m.range.end..s.range.start].split_whitespace().take(3).count() <= 2;
            // Inversion: "said Lee", with nothing between ("reported that Lee gave" is not it),
            // and nothing after but punctuation ("said MVTA carried …" names what is measured).
            let ends = || masked.get(m.range.end..).unwrap_or("").trim_start().chars().next().map_or(true, |c| !c.is_alphanumeric());
            let after = || m.outer_start() >= s.range.end && masked[s.range.end..m.outer_start()].trim().is_empty() && ends();
            before || after()
        }
        SourceKind::Phrase | SourceKind::BackReference => {
            m.outer_start() >= s.range.start && masked[s.range.end.min(m.outer_start())..m.outer_start()].split_whitespace().take(4).count() <= 3
        }
        _ => false,
    })
}

/// Words that end a clause, after the clause marks: " - " first, then these in order.
/// "The settlement comes as the insurer reported net income of $22.8 million": what comes as
/// something else happens is another clause, as after "because" or "although".
const CLAUSE_WORDS: [&str; 9] = [" - ", " while ", " but ", " whereas ", " although ", " though ", " because ", " comes as ", " came as "];

/// The [`CLAUSE_WORDS`] entry that starts with the word `w` (lower case).
fn clause_word_of(w: &str) -> Option<usize> {
    Some(match w {
        "-" => 0,
        "while" => 1,
        "but" => 2,
        "whereas" => 3,
        "although" => 4,
        "though" => 5,
        "because" => 6,
        "comes" => 7,
        "came" => 8,
        _ => return None,
    })
}

/// The clause word (see [`ClauseMarks`]) that word `w` at `start` of the sentence `b` opens, if
/// any: a [`flag::CLAUSE`] word after a space (" - ", " while ", " comes as " …).
#[inline(always)]
fn clause_word_at(b: &[u8], start: usize, w: &str, info: &WordInfo) -> Option<(usize, usize)> {
    if !(info.is(flag::CLAUSE) && start > 0 && b[start - 1] == b' ') {
        return None;
    }
    clause_word_of(w).filter(|&c| b[start - 1..].starts_with(CLAUSE_WORDS[c].as_bytes())).map(|c| (start - 1, c))
}

/// The [`CLAUSE_WORDS`] (indexes, in order) whose second byte, after the space, is `c`.
#[cfg(test)]
fn clause_words_at(c: u8) -> &'static [usize] {
    match c {
        b'-' => &[0],
        b'w' => &[1, 3],
        b'b' => &[2, 6],
        b'a' => &[4],
        b't' => &[5],
        b'c' => &[7, 8],
        _ => &[],
    }
}

/// Bytes that can start a clause mark or a clause word: `,;:()`, the lead byte of '—'/'–', space.
#[cfg(test)]
static CLAUSE_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let marks = [b',', b';', b':', b'(', b')', 0xE2, b' '];
    let mut i = 0;
    while i < marks.len() {
        t[marks[i] as usize] = true;
        i += 1;
    }
    t
};

/// Where a sentence's clause marks and clause words are, found in one pass per sentence: each
/// figure's clause is then a few comparisons, not string searches (those cost 8% of analysis).
struct ClauseMarks {
    sentence: Range<usize>,
    /// Mark chars (`,;:()—–`): offset in the sentence and byte length.
    marks: Vec<(usize, usize)>,
    /// Every occurrence (overlapping ones too) of a [`CLAUSE_WORDS`] entry: offset and index.
    words: Vec<(usize, usize)>,
}

impl ClauseMarks {
    /// The marks and clause words of a sentence, from its words (see [`words_into`]): marks are
    /// never word chars, so only the bytes between words are read, and a clause word is one of
    /// the few words whose [`flag::CLAUSE`] is set, compared in place. Into buffers kept
    /// across sentences. The same as [`ClauseMarks::new`].
    fn fill(&mut self, masked: &str, sentence: Range<usize>, ws: &[(Range<usize>, Lower)], info: &[WordInfo]) {
        self.marks.clear();
        self.words.clear();
        let b = &masked.as_bytes()[sentence.clone()];
        let base = sentence.start;
        let mut from = 0;
        let gaps = ws.iter().map(|(r, _)| (r.start - base, r.end - base)).chain(std::iter::once((b.len(), b.len())));
        for (k, (start, end)) in gaps.enumerate() {
            for i in from..start {
                match b[i] {
                    b',' | b';' | b':' | b'(' | b')' => self.marks.push((i, 1)),
                    0xE2 if b[i + 1..].starts_with(&[0x80, 0x94]) || b[i + 1..].starts_with(&[0x80, 0x93]) => self.marks.push((i, 3)),
                    _ => {}
                }
            }
            from = end;
            if k < ws.len() {
                self.words.extend(clause_word_at(b, start, &ws[k].1, &info[k]));
            }
        }
        self.sentence = sentence;
    }

    #[cfg(test)]
    fn new(masked: &str, sentence: Range<usize>) -> ClauseMarks {
        let b = masked[sentence.clone()].as_bytes();
        let mut marks = Vec::new();
        let mut words = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            // Most bytes are letters: one table load passes them.
            if !CLAUSE_BYTE[c as usize] {
                continue;
            }
            match c {
                b',' | b';' | b':' | b'(' | b')' => marks.push((i, 1)),
                // '—' (U+2014) and '–' (U+2013).
                0xE2 if b[i + 1..].starts_with(&[0x80, 0x94]) || b[i + 1..].starts_with(&[0x80, 0x93]) => marks.push((i, 3)),
                // Only a space before the first byte of a clause word can start one, and only
                // the words of that first byte are compared (in order of their index): a space
                // before "a", "the" or "by" is common, and comparing all nine cost 2% of analysis.
                b' ' => {
                    let candidates = b.get(i + 1).map_or(&[][..], |&c| clause_words_at(c));
                    words.extend(candidates.iter().filter(|&&k| b[i..].starts_with(CLAUSE_WORDS[k].as_bytes())).map(|&k| (i, k)));
                }
                _ => {}
            }
        }
        ClauseMarks { sentence, marks, words }
    }

    /// The clause of the sentence that holds a figure: between the nearest clause marks around
    /// it (commas, semicolons, colons, dashes, brackets, and the clause words), so that
    /// the figure's names are told from the names of a clause about something else ("…, not the
    /// figure City Hall keeps repeating"). Each clause word narrows the bounds found so far.
    fn clause(&self, fig: Range<usize>) -> Range<usize> {
        let sentence = &self.sentence;
        if fig.start < sentence.start || fig.end > sentence.end {
            return sentence.clone();
        }
        let (fs, fe) = (fig.start - sentence.start, fig.end - sentence.start);
        let mut start = self.marks.iter().rev().find(|(p, _)| *p < fs).map_or(0, |(p, l)| p + l);
        let mut end = self.marks.iter().find(|(p, _)| *p >= fe).map_or(sentence.len(), |(p, _)| *p);
        // The last occurrence of word `k` within lo..hi, and the first.
        let last = |k: usize, lo: usize, hi: usize| self.words.iter().rev().find(|(p, kk)| *kk == k && *p >= lo && p + CLAUSE_WORDS[k].len() <= hi).map(|x| x.0);
        let first = |k: usize, lo: usize, hi: usize| self.words.iter().find(|(p, kk)| *kk == k && *p >= lo && p + CLAUSE_WORDS[k].len() <= hi).map(|x| x.0);
        if let Some(p) = last(0, start, fs) {
            start = p + 3;
        }
        if let Some(p) = first(0, fe, end) {
            end = p;
        }
        for k in 1..CLAUSE_WORDS.len() {
            if let Some(p) = last(k, start, fs) {
                start = p + 1;
            }
            if let Some(p) = first(k, fe, end) {
                end = p;
            }
        }
        sentence.start + start..sentence.start + end
    }
}

/// Where a sentence's dateline or speaker's label ends: after "PLACE — " or "PLACE - " when
/// everything before the dash is in capitals, or after "NAME: "; else the sentence's start.
fn dateline_end(masked: &str, sentence: Range<usize>) -> usize {
    let s = &masked[sentence.clone()];
    // The first 60 chars are within the first 240 bytes: a sentence with no dash byte there
    // (most) is settled without finding where the 60th char ends.
    let b = &s.as_bytes()[..s.len().min(240)];
    // The place has no lower-case letter, and no dash byte is one: when no comma comes before
    // the first lower-case letter, a dateline's dash comes before that letter ("The city —"
    // is none). Most sentences open on a word in lower case after its capital.
    let limit = match b.iter().position(u8::is_ascii_lowercase) {
        Some(l) if !b[..l].contains(&b',') => l,
        _ => b.len(),
    };
    // A speaker's label in a transcript or an interview ("OCAMPO: The province has set aside
    // $4.5 million"): who speaks, not what the figure is about.
    if let Some(colon) = memchr::memchr(b':', &b[..limit]) {
        let label = &b[..colon];
        if colon >= 2 && b.get(colon + 1) == Some(&b' ') && label.iter().any(u8::is_ascii_uppercase) && label.iter().all(|&c| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b'\'' | b'-')) {
            return sentence.start + colon + 1;
        }
    }
    if memchr::memchr2(b'-', 0xE2, &b[..limit]).is_none() {
        return sentence.start;
    }
    // The first 60 chars: 60 bytes when they are ASCII; no further than `limit`.
    let ascii = s.len().min(60);
    let head = if s.as_bytes()[..ascii].is_ascii() { &s[..ascii] } else { &s[..s.char_indices().nth(60).map_or(s.len(), |(i, _)| i)] };
    let head = &head[..head.len().min(limit)];
    // Every dash below has a '-' or the lead byte of '—'/'–': most sentences have neither.
    if memchr::memchr2(b'-', 0xE2, head.as_bytes()).is_none() {
        return sentence.start;
    }
    // Each dash with the byte to look for first (its dash byte, not the common space).
    // A plain-text press release writes its dash as two hyphens ("PORT ELLERY, April 8, 2025 -- ").
    for (dash, anchor) in [(" — ", 1), (" – ", 1), (" -- ", 1), (" - ", 1), ("—", 0)] {
        // `str::find`, without building a searcher for a 60-byte haystack: the first place
        // the anchor byte occurs where the whole dash does.
        let found = memchr::memchr_iter(dash.as_bytes()[anchor], head.as_bytes()).filter_map(|p| p.checked_sub(anchor)).find(|&i| head.as_bytes()[i..].starts_with(dash.as_bytes()));
        if let Some(i) = found {
            // "PINE HOLLOW COUNTY — ", or a wire's "DENVER, March 5 (Skyline Wire) - ":
            // the place, before any comma, in capitals.
            let lead = &s[..i];
            let place = lead.split(',').next().unwrap_or(lead);
            if place.chars().any(char::is_alphabetic) && !place.chars().any(char::is_lowercase) {
                return sentence.start + i + dash.len();
            }
        }
    }
    sentence.start
}

/// Whether a name is in a wire's dateline or a byline: who filed the story ("(Meridian News
/// Service) -", "By Petra Lindqvist, Meridian News Service"), never what a later "it" is.
fn filed_by(masked: &str, a: &DocAnalysis, mm: &Mention) -> bool {
    let si = a.sentences.partition_point(|s| s.range.end <= mm.range.start);
    a.sentences.get(si).is_some_and(|s| s.range.start <= mm.range.start && opens_block(a, si) && filed_span(masked, s.range.clone()).is_some_and(|r| r.contains(&mm.range.start)))
}

/// Whether sentence `si` opens its block: only such a sentence is a byline or has a dateline.
fn opens_block(a: &DocAnalysis, si: usize) -> bool {
    si == 0 || a.sentences[si - 1].block != a.sentences[si].block
}

/// The part of a sentence that says who filed the story: all of a byline, a dateline's head.
fn filed_span(masked: &str, sentence: Range<usize>) -> Option<Range<usize>> {
    let text = masked[sentence.clone()].trim_start();
    if text.starts_with("By ") && text.split_whitespace().take(11).count() <= 10 {
        return Some(sentence);
    }
    let end = dateline_end(masked, sentence.clone());
    (end > sentence.start).then(|| sentence.start..end)
}

/// Every byline and dateline of a document, in order: found once, asked of many names.
fn filed_spans(masked: &str, a: &DocAnalysis) -> Vec<Range<usize>> {
    (0..a.sentences.len()).filter(|&si| opens_block(a, si)).filter_map(|si| filed_span(masked, a.sentences[si].range.clone())).collect()
}

fn in_spans(spans: &[Range<usize>], at: usize) -> bool {
    let i = spans.partition_point(|r| r.end <= at);
    spans.get(i).is_some_and(|r| r.start <= at)
}

/// Whether a name follows a preposition ("from Union Station to the airport", "for the
/// Comets"): a detail of the thing measured, not the thing. "of" is left out: "the extension of
/// the Blue Line" names it. `before` is the name's [`sentence_before`].
fn after_preposition(before: &str) -> bool {
    // "told the Chronicle": the audience of a statement.
    let preposition = |w: &str| {
        matches!(w, "from" | "to" | "at" | "in" | "into" | "near" | "for" | "through" | "via" | "across" | "between" | "on" | "by" | "with" | "off" | "along" | "outside" | "beside" | "toward" | "towards" | "told")
    };
    let (last, second) = last_two_words(before);
    // Lowered without allocating: asked of names that mostly follow a capitalised word.
    match with_lower(last, |w| (w != "the").then(|| preposition(w))) {
        Some(p) => p,
        None => with_lower(second, preposition),
    }
}

/// The last two words of `s` as `s.rsplit(|c: char| !c.is_alphanumeric())` gives them, empty
/// ones left out (and "" for none): read byte by byte back from the end while the bytes are
/// ASCII (decoding each char back cost more than the test of it), by chars past any other.
fn last_two_words(s: &str) -> (&str, &str) {
    let b = s.as_bytes();
    let mut i = b.len();
    let mut out = [""; 2];
    for word in &mut out {
        while i > 0 && !b[i - 1].is_ascii_alphanumeric() {
            if b[i - 1] >= 0x80 {
                return last_two_words_by_chars(s);
            }
            i -= 1;
        }
        let end = i;
        while i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i -= 1;
        }
        if i > 0 && b[i - 1] >= 0x80 {
            return last_two_words_by_chars(s);
        }
        *word = &s[i..end];
    }
    (out[0], out[1])
}

/// [`last_two_words`], char by char.
fn last_two_words_by_chars(s: &str) -> (&str, &str) {
    let mut words = s.rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    (words.next().unwrap_or(""), words.next().unwrap_or(""))
}

/// Where the `n`th word before `at` starts (words as [`describes_a_kind`] splits them).
fn back_over_words(masked: &str, at: usize, n: usize) -> usize {
    let b = masked.as_bytes();
    let mut i = at;
    for _ in 0..n {
        while i > 0 && !is_word_byte(b[i - 1]) {
            i -= 1;
        }
        while i > 0 && is_word_byte(b[i - 1]) {
            i -= 1;
        }
    }
    // Back to a char boundary (a non-ASCII letter counts as part of a word).
    while !masked.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A byte of a word for [`back_over_words`]: ASCII alphanumerics, hyphens and every byte of a
/// non-ASCII character (so a word of accented letters is one word).
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c >= 0x80
}

/// The text before `at` in its sentence, roughly: a name's tests look a few words back and
/// must not read the sentence before ("… went into a receivership. Granary Bank told …" is no
/// "a Granary Bank").
fn sentence_before(masked: &str, at: usize) -> &str {
    let before = masked.get(..at).unwrap_or("");
    // Only the last few words are read: a short window, never a search of the whole text.
    let mut from = at.saturating_sub(160);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    &window[sentence_cut(window.as_bytes())..]
}

/// Bytes that may end a sentence before a space or line break (see [`sentence_cut`]).
static END_MARK: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// Where the last sentence of `b` starts: after its last ". ", "?\n" … or blank line, else 0.
/// Read back from the end testing the rare mark first, by table.
fn sentence_cut(b: &[u8]) -> usize {
    let mut i = b.len();
    while i > 1 {
        i -= 1;
        let (mark, next) = (b[i - 1], b[i]);
        // A mark before a space or a line break; a line break only before another.
        if END_MARK[mark as usize] && (next == b'\n' || next == b' ' && mark != b'\n') {
            return i + 1;
        }
    }
    0
}

/// [`sentence_cut`] as it was first written.
#[cfg(test)]
fn sentence_cut_plain(b: &[u8]) -> usize {
    (1..b.len()).rev().find(|&i| matches!(b[i], b' ' | b'\n') && matches!(b[i - 1], b'.' | b'?' | b'!') || b[i] == b'\n' && b[i - 1] == b'\n').map_or(0, |i| i + 1)
}

/// Whether a name only describes an unnamed thing, as a modifier after an indefinite or
/// possessive determiner ("a Denver company", "a Norwegian-built vessel", "its fourth U.S.
/// data campus"): it says what kind of thing, not which one, and other reports may leave it out.
fn describes_a_kind(m: &Mention, masked: &str) -> bool {
    describes_a_kind_before(m, masked, || sentence_before(masked, m.outer_start()))
}

/// [`describes_a_kind`], given the name's [`sentence_before`] (asked for only when needed),
/// which [`after_preposition`] reads too.
fn describes_a_kind_before<'t>(m: &Mention, masked: &'t str, before: impl FnOnce() -> &'t str) -> bool {
    if m.possessive {
        return false;
    }
    let rest = masked.get(m.range.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(' ') else { return false };
    if !rest.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let before = before();
    for w in before.rsplit(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).take(3) {
        let verdict = with_lower(w, |w| match w {
            "a" | "an" | "its" | "their" | "his" | "her" | "our" => Some(true),
            // "the Denver firm Harwood Pell LLP": where a thing is from, then its own name.
            "the" if m.kind == Kind::Place => {
                let mut ws = rest.split(' ');
                let noun = ws.next().unwrap_or("");
                Some(noun.chars().all(|c| c.is_alphabetic() || c == '-') && ws.next().is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase)))
            }
            "the" | "this" | "that" => Some(false),
            _ => None,
        });
        if let Some(v) = verdict {
            return v;
        }
    }
    false
}

/// People who act on or speak of a figure without being what it measures.
const ROLES: &[&str] = &[
    "judge", "judges", "jury", "prosecutor", "prosecutors", "attorney", "attorneys", "lawyer", "lawyers", "official",
    "officials", "spokesman", "spokeswoman", "spokesperson", "analyst", "analysts", "regulator", "regulators",
    "investigator", "investigators", "auditor", "auditors", "economist", "economists", "reporter", "reporters",
];

/// Whether a name only says whose role a person has ("a Hollis County judge approved the $14.5
/// million fund", "Marston officials estimate"): the judge's county is not the thing measured.
fn describes_a_role(m: &Mention, masked: &str) -> bool {
    if m.possessive {
        return false;
    }
    let rest = masked.get(m.range.end..).unwrap_or("");
    let rest = rest.strip_prefix(' ').unwrap_or("");
    // The word's ASCII letters as bytes; decoded only when a non-ASCII char follows them.
    let ascii = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let next = if rest.as_bytes().get(ascii).is_some_and(|&c| c >= 0x80) { &rest[..rest.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(rest.len(), |(i, _)| i)] } else { &rest[..ascii] };
    ROLES.contains(&next)
}

/// Whether a name is only a possessor of something other than the figure ("Delgado's office"):
/// it does not say which thing is measured.
fn names_other_thing(m: &Mention, masked: &str) -> bool {
    // A person's possessive is usually someone's something ("the mayor's office"); a place's or
    // an organisation's is often the thing measured ("Lakeport's arena").
    if !m.possessive || m.kind != Kind::Person {
        return false;
    }
    let rest = masked.get(m.range.end..).unwrap_or("").trim_start();
    let next = &rest[..rest.char_indices().find(|(_, c)| !(c.is_alphabetic() || *c == '-')).map_or(rest.len(), |(i, _)| i)];
    // "St. Brigid's Medical Center": a capitalised word after the possessive goes on naming.
    let capital = next.chars().next().is_some_and(char::is_uppercase);
    !capital && !measures().contains_key(Lower::new(next).as_str())
}

/// `s.partition_point(pred)`, searched forward from `hint`, the answer for an earlier key when
/// keys come in order (sentences, paragraphs): a few steps past it rather than a binary search
/// of the document's names or headings each time. Any hint gives the same answer.
fn partition_from<T>(s: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    if hint > s.len() || hint > 0 && !pred(&s[hint - 1]) {
        return s.partition_point(pred);
    }
    // Everything before `lo` is in the first part; the step doubles until one is not.
    let (mut lo, mut step) = (hint, 1);
    while lo + step <= s.len() && pred(&s[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    lo + s[lo..(lo + step).min(s.len())].partition_point(pred)
}

/// The document's most mentioned names (by their matching key; ties go to the earliest), at
/// most four: one mention index per name.
fn topic_of(mentions: &[Mention]) -> Vec<usize> {
    // Ties are broken by index, so the maps' order does not matter. Keys of up to 16 bytes
    // (most) are counted by their packed bytes (see [`packed`]): hashing and comparing the
    // string of every name of the document cost more.
    let mut short: Map<u128, (usize, usize)> = Map::default();
    let mut count: Map<&str, (usize, usize)> = Map::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.nested || m.tentative {
            continue;
        }
        let e = match packed(m.key.as_bytes()) {
            Some(k) => short.entry(k).or_insert((0, i)),
            None => count.entry(&m.key[..]).or_insert((0, i)),
        };
        e.0 += 1;
    }
    let mut v: Vec<(usize, usize)> = short.into_values().chain(count.into_values()).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().take(4).map(|(_, i)| i).collect()
}

/// What is known of a word in any document (its measure, whether it is a content word, its
/// term, its scope roles), worked out once per thread and kept across documents: working it
/// out for each new word of each document was a sixth of the analysis of a short file. Terms
/// are interned and numbered, so that one term is one pointer and a number.
#[derive(Default)]
struct Vocabulary {
    /// Words of up to 16 bytes (nearly all), packed into a number (see [`packed`]): hashed in
    /// two steps and compared in one, where a string key cost a `memcmp` call per word.
    short: Map<u128, Known>,
    /// Longer words.
    words: Map<Box<str>, Known>,
    /// Each term's number, and the terms by number.
    terms: Map<Arc<str>, u32>,
    term_list: Vec<Arc<str>>,
    /// Per term number: the document (see `document`) that last gave it a [`Stems`] id, and
    /// that id. A table rather than a map per document: it was a second hash lookup per word.
    stem_ids: Vec<(u32, u32)>,
    /// Counts the documents read (each [`Stems`]), from 1.
    document: u32,
    /// What the words of the current document are (see [`Stems::word`]), direct-mapped by their
    /// packed bytes: a word met before in the document is one load and compare, where the maps
    /// above cost two hashed lookups. Entries of earlier documents are told by `document`.
    recent: Vec<Recent>,
}

/// An entry of [`Vocabulary::recent`]: a word's packed bytes (see [`packed`]), the document it
/// was met in, and what it is there.
#[derive(Clone, Copy)]
struct Recent {
    key: u128,
    document: u32,
    info: WordInfo,
}

/// Entries of [`Vocabulary::recent`] (a power of two): a long document has a few thousand
/// distinct words.
const RECENT: usize = 4096;

/// The [`Vocabulary::recent`] slot of a packed word.
#[inline(always)]
fn recent_slot(key: u128) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT.trailing_zeros())) as usize
}

#[derive(Clone, Copy)]
struct Known {
    measure: Option<&'static Measure>,
    /// The number of the word's term when it is a content word.
    term: Option<u32>,
    /// See [`flag`]. A word's metric and the kind of name it points back at, rare, are looked
    /// up from the word when its flag is set: kept here, they tripled the size of what is
    /// copied per word.
    flags: u32,
}

/// Words the vocabulary holds before it starts again, so that a long-running server reading
/// many corpora stays bounded.
const VOCABULARY_MAX: usize = 200_000;

thread_local! {
    static VOCABULARY: std::cell::RefCell<Vocabulary> = std::cell::RefCell::new(Vocabulary::default());
}

impl Vocabulary {
    fn term(&mut self, t: &str) -> u32 {
        if let Some(&n) = self.terms.get(t) {
            return n;
        }
        let x: Arc<str> = Arc::from(t);
        let n = self.term_list.len() as u32;
        self.terms.insert(x.clone(), n);
        self.term_list.push(x);
        self.stem_ids.push((0, 0));
        n
    }

    /// Works out a word not yet known.
    #[cold]
    #[inline(never)]
    fn learn(&mut self, w: &str) -> Known {
        let term = content_word(w).then(|| self.term(&term_of(w)));
        let k = Known { measure: measures().get(w), term, flags: word_flags(w) };
        match packed(w.as_bytes()) {
            Some(key) => self.short.insert(key, k),
            None => self.words.insert(w.into(), k),
        };
        k
    }

    /// What is known of `w`, worked out if it is new.
    #[inline(always)]
    fn known(&mut self, w: &str) -> Known {
        // One lookup on a hit, the usual case.
        let hit = match packed(w.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.words.get(w),
        };
        match hit {
            Some(k) => *k,
            None => self.learn(w),
        }
    }

    /// Words known.
    fn len(&self) -> usize {
        self.short.len() + self.words.len()
    }
}

/// A word of at most 16 bytes as a number: its bytes little-endian, padded with zeros (no word
/// has a zero byte, so two words are one number only if they are one word). Read with
/// overlapping loads rather than a copy, which would call `memcpy`.
#[inline]
fn packed(b: &[u8]) -> Option<u128> {
    let n = b.len();
    let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let half = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")) as u64;
    Some(match n {
        0 => 0,
        1..=3 => (b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))) as u128,
        4..=8 => (half(0) | half(n - 4) << (8 * (n - 4))) as u128,
        9..=16 => word(0) as u128 | ((word(n - 8) >> (8 * (16 - n))) as u128) << 64,
        _ => return None,
    })
}

/// The stems of one document's words, each named by a number, so that a figure's terms are
/// told apart by number rather than by comparing strings. Terms are interned in the
/// [`Vocabulary`]: a term's id in the document is found by its number there.
struct Stems<'v> {
    vocab: &'v mut Vocabulary,
    strs: Vec<Arc<str>>,
}

/// A word's measure, whether it is a content word, and then its stem's id.
#[derive(Clone, Copy)]
struct WordInfo {
    measure: Option<&'static Measure>,
    content: bool,
    /// A content word outside any name (set by [`SentenceFacts::load`]): its stem is one of
    /// the figure's terms, and it may name a metric.
    term: bool,
    stem: u32,
    /// See [`flag`].
    flags: u32,
}

impl WordInfo {
    fn is(&self, bits: u32) -> bool {
        self.flags & bits != 0
    }
}

impl<'v> Stems<'v> {
    fn new(vocab: &'v mut Vocabulary) -> Stems<'v> {
        // A new document: the ids given in earlier ones no longer hold.
        vocab.document = vocab.document.wrapping_add(1);
        if vocab.document == 0 {
            vocab.stem_ids.fill((0, 0));
            vocab.recent.clear();
            vocab.document = 1;
        }
        if vocab.recent.is_empty() {
            let none = WordInfo { measure: None, content: false, term: false, stem: u32::MAX, flags: 0 };
            vocab.recent.resize(RECENT, Recent { key: 0, document: 0, info: none });
        }
        Stems { vocab, strs: Vec::new() }
    }

    /// What `w` is, and its stem's id. Inlined into the loops over a sentence's words: called
    /// for every word, its call and return were a fifth of its cost.
    #[inline(always)]
    fn word(&mut self, w: &str) -> WordInfo {
        // Words met before in the document, most of them, from the direct-mapped table.
        let Some(key) = packed(w.as_bytes()) else { return self.word_in_vocabulary(w) };
        let slot = recent_slot(key);
        let r = &self.vocab.recent[slot];
        if r.key == key && r.document == self.vocab.document {
            return r.info;
        }
        let info = self.word_in_vocabulary(w);
        self.vocab.recent[slot] = Recent { key, document: self.vocab.document, info };
        info
    }

    /// [`Stems::word`] from the vocabulary's maps.
    #[inline(never)]
    fn word_in_vocabulary(&mut self, w: &str) -> WordInfo {
        let Stems { vocab, strs } = self;
        let k = vocab.known(w);
        let stem = match k.term {
            Some(t) => {
                let slot = &mut vocab.stem_ids[t as usize];
                if slot.0 != vocab.document {
                    *slot = (vocab.document, strs.len() as u32);
                    strs.push(vocab.term_list[t as usize].clone());
                }
                slot.1
            }
            None => u32::MAX,
        };
        WordInfo { measure: k.measure, content: stem != u32::MAX, term: false, stem, flags: k.flags }
    }

    /// The id of the term numbered `t` in the vocabulary if a word of the document has it.
    fn id_of_number(&self, t: u32) -> Option<u32> {
        let (document, id) = self.vocab.stem_ids[t as usize];
        (document == self.vocab.document).then_some(id)
    }
}

/// A word of a sentence whose stem is one of its figures' terms ([`WordInfo::term`]), as the
/// terms of each figure read it: a short list, not every word and its facts.
#[derive(Clone, Copy)]
struct TermWord {
    /// The word's index in the sentence.
    index: u32,
    stem: u32,
    start: usize,
    end: usize,
    /// The word measures ([`WordInfo::measure`]).
    measures: bool,
}

/// What every figure of one sentence shares, worked out once per sentence rather than once per
/// figure.
struct SentenceFacts<'a> {
    index: usize,
    /// Words (lower case) with their byte ranges.
    ws: Vec<(Range<usize>, Lower<'a>)>,
    /// Per word: what the document's vocabulary knows of it.
    info: Vec<WordInfo>,
    /// The stems of the content words, in order (the sentence's context terms for the next one).
    stems: Vec<u32>,
    /// See [`pointing_words`].
    pointing: Vec<u32>,
    /// The words that are terms, in order.
    term_words: Vec<TermWord>,
    /// The words that measure ([`WordInfo::measure`]), by index, in order: a figure's searches
    /// for its measuring word and its clause's classes read these few, not every word.
    measured: Vec<u32>,
    /// Every [`flag`] of some word of the sentence: a figure's scan for a class of word is
    /// skipped when no word of the sentence has it (most classes are rare).
    bits: u32,
    /// The sentence's figures (a contiguous run: figures are in sentence order).
    run: Range<usize>,
    sources: Vec<&'a crate::attribution::Source>,
    /// Mentions starting in the sentence.
    mentions: Range<usize>,
    /// Names of the sentence, sources left out.
    named: Vec<usize>,
    clauses: ClauseMarks,
    dateline: usize,
    relative: Option<(i32, usize)>,
    /// The sentence's years with their offsets, and whether each is a deadline.
    years: Vec<(TimeRef, usize, bool)>,
    year_buf: Vec<(TimeRef, usize)>,
    /// Words that may be years: those of four bytes or more that end in a digit.
    year_words: Vec<usize>,
    /// Per figure of the sentence (from `run.start`): the name of its unit (see
    /// [`normalise_unit`]) and that name shared (see [`UnitNames`]). A figure's unit is asked
    /// for its own claim and for each other figure of its sentence: found once per sentence
    /// (see [`SentenceFacts::fill_units`]). Also the index of its unit as written in the
    /// document's [`UnitCache`], so that the figure's own claim does not look it up again.
    units: Vec<(&'a str, Arc<str>, usize)>,
    /// Per mention of the sentence (from `mentions.start`): whether it only describes (see
    /// [`describes`]), once known. Each figure of the sentence asks of the same names.
    describes: Vec<std::cell::Cell<Option<bool>>>,
}

impl<'a> SentenceFacts<'a> {
    fn empty() -> SentenceFacts<'a> {
        SentenceFacts {
            index: usize::MAX,
            ws: Vec::new(),
            info: Vec::new(),
            stems: Vec::new(),
            pointing: Vec::new(),
            term_words: Vec::new(),
            measured: Vec::new(),
            bits: 0,
            run: 0..0,
            sources: Vec::new(),
            mentions: 0..0,
            named: Vec::new(),
            clauses: ClauseMarks { sentence: 0..0, marks: Vec::new(), words: Vec::new() },
            dateline: 0,
            relative: None,
            years: Vec::new(),
            year_buf: Vec::new(),
            year_words: Vec::new(),
            units: Vec::new(),
            describes: Vec::new(),
        }
    }

    /// Works out the facts of sentence `si`, in the buffers of the sentence before: one
    /// allocation per buffer per document, not per sentence.
    /// `fi` is a figure of the sentence.
    fn load(&mut self, a: &'a DocAnalysis, lowered: &'a str, mentions: &[Mention], si: usize, fi: usize, stems: &mut Stems) {
        let masked = &a.prose.masked;
        let sentence = &a.sentences[si];
        self.index = si;
        // The sentence's mentions: one binary search, then the few of the sentence in order.
        let lo = partition_from(mentions, self.mentions.start, |mm| mm.range.start < sentence.range.start);
        let at_start = lo + mentions[lo..].iter().take_while(|mm| mm.range.start <= sentence.range.start).count();
        let in_sentence = lo..lo + mentions[lo..].iter().take_while(|mm| mm.range.start < sentence.range.end).count();
        // One pass over the sentence: its words, what each is (looked up as it is split),
        // whether it is in a name, and the clause marks and clause words between them.
        let SentenceFacts { ws, info: infos, stems: content, term_words, measured, clauses, year_words, .. } = self;
        ws.clear();
        infos.clear();
        content.clear();
        term_words.clear();
        measured.clear();
        year_words.clear();
        clauses.marks.clear();
        clauses.words.clear();
        clauses.sentence = sentence.range.clone();
        let sb = &masked.as_bytes()[sentence.range.clone()];
        let base = sentence.range.start;
        // Mentions starting at or before the word: a cursor that moves with the words (a
        // binary search per word cost 0.5% of the analysis).
        let mut k = at_start;
        // The furthest end of a name (not tentative) among those the cursor has passed that
        // may hold a word of the sentence (see `in_name`): a word at or past it is in none, and
        // most words are, so most skip the look back.
        let mut cover = mentions[..at_start].iter().rev().take_while(|mm| mm.range.start + 256 > base).filter(|mm| !mm.tentative).map(|mm| mm.range.end).max().unwrap_or(0);
        let mut bits = 0;
        let marks = &mut clauses.marks;
        let clause_words = &mut clauses.words;
        split_words(
            masked,
            sentence.range.clone(),
            |r, ascii| {
                let w = lower_word(masked, lowered, r.clone(), ascii);
                let mut info = stems.word(&w);
                bits |= info.flags;
                if info.content {
                    content.push(info.stem);
                }
                // Mentions are in order of their starts, but a nested one ends before the name it is
                // in: look back from the last mention starting at or before the word, past nested ones.
                // A tentative one (a capitalised word that may only open a sentence or a list item,
                // "Severance: $8.2 million") is no name yet: its words still tell what is measured.
                let mut in_name = || {
                    while k < mentions.len() && mentions[k].range.start <= r.start {
                        if !mentions[k].tentative {
                            cover = cover.max(mentions[k].range.end);
                        }
                        k += 1;
                    }
                    cover > r.start && mentions[..k].iter().rev().take_while(|mm| mm.range.start + 256 > r.start).any(|mm| !mm.tentative && r.start < mm.range.end)
                };
                info.term = info.content && !in_name();
                if info.term {
                    term_words.push(TermWord { index: ws.len() as u32, stem: info.stem, start: r.start, end: r.end, measures: info.measure.is_some() });
                }
                if info.measure.is_some() {
                    measured.push(ws.len() as u32);
                }
                infos.push(info);
                clause_words.extend(clause_word_at(sb, r.start - base, &w, &info));
                // A year is a word that ends in four digits (see `years_in_words`). Its last
                // byte is its lowered form's (a digit lowers to itself).
                if info.flags & flag::DIGIT_END != 0 && r.len() >= 4 {
                    year_words.push(ws.len());
                }
                ws.push((r, w));
            },
            |at, len| marks.push((at, len)),
        );
        // A sentence that is no run of whole chars has no words: its marks are the bytes'.
        if masked.get(sentence.range.clone()).is_none() {
            clauses.fill(masked, sentence.range.clone(), ws, infos);
        }
        let ws = &self.ws;
        self.bits = bits;
        if bits & (flag::PRONOUN | flag::DEFINITE) != 0 {
            pointing_words(&self.info, &mut self.pointing);
        } else {
            self.pointing.clear();
        }
        // Figures are in sentence order: each sentence's figures and sources are a contiguous run,
        // found by a short scan either side of `fi`.
        let first = fi - a.figures[..fi].iter().rev().take_while(|g| g.sentence == si).count();
        self.run = first..fi + a.figures[fi..].iter().take_while(|g| g.sentence == si).count();
        self.sources.clear();
        self.sources.extend(a.figures[self.run.clone()].iter().filter_map(|g| g.source.as_ref()).filter(|s| s.range.start >= sentence.range.start && s.range.end <= sentence.range.end));
        // A dateline's place ("DENVER, March 5 (Skyline Wire) - ") is where the story was
        // filed, not what its figures are about.
        let dateline = dateline_end(masked, sentence.range.clone());
        let sources = &self.sources;
        self.named.clear();
        self.named.extend(
            in_sentence
                .clone()
                .filter(|&i| mentions[i].range.end <= sentence.range.end && !mentions[i].nested && mentions[i].range.start >= dateline)
                .filter(|&i| !is_source(&mentions[i], masked, sources) && !names_other_thing(&mentions[i], masked)),
        );
        // Every relative phrase has "year", "season" or "ago".
        self.relative = if bits & (flag::PAST_AFTER_LAST | flag::AGO) != 0 { relative_years(ws) } else { None };
        years_of_words(masked, sentence.range.start, ws, self.year_words.iter().copied(), &mut self.year_buf);
        self.years.clear();
        self.years.extend(self.year_buf.iter().map(|&(t, at)| (t, at, deadline_year(masked, sentence.range.start, at))));
        self.describes.clear();
        self.describes.resize(in_sentence.len(), std::cell::Cell::new(None));
        self.mentions = in_sentence;
        self.dateline = dateline;
    }
}

impl<'a> SentenceFacts<'a> {
    /// The name of the unit of figure `j`, one of the sentence's (see [`SentenceFacts::units`]).
    fn unit(&self, j: usize) -> &'a str {
        self.units[j - self.run.start].0
    }

    /// The name of the unit of figure `j`, one of the sentence's, and the name shared.
    fn unit_of(&self, j: usize) -> &(&'a str, Arc<str>, usize) {
        &self.units[j - self.run.start]
    }

    /// Works out [`SentenceFacts::units`] for the sentence's figures.
    fn fill_units(&mut self, a: &'a DocAnalysis, cache: &mut UnitCache<'a>, names: &mut UnitNames) {
        self.units.clear();
        for fig in &a.figures[self.run.clone()] {
            let fig = &fig.figure;
            let k = cache.index(&fig.unit, names);
            let known = &cache.units[k];
            // A unit of two words ("sleeping places"): the word before the noun, in the
            // figure's own text, is asked only for nouns such a unit ends in.
            if known.two_word {
                if let Some(before) = a.prose.masked.get(fig.range.clone()).and_then(|t| t.split_whitespace().rev().nth(1)) {
                    let key = format!("{} {}", before.to_lowercase(), fig.unit);
                    if let Some(u) = synonyms().get(key.as_str()) {
                        self.units.push((*u, names.get(u), k));
                        continue;
                    }
                }
            }
            self.units.push((known.name, known.shared.clone(), k));
        }
    }
}

/// What a document's figures' units are, by the unit as the scanner wrote it: its name, shared
/// (see [`UnitNames`]), and whether it may be the end of a unit of two words. A document has a
/// handful of units, and a figure's is mostly the one before's: two lookups by string per
/// figure, each hashing the unit, cost more than this list.
#[derive(Default)]
struct UnitCache<'a> {
    units: Vec<KnownUnit<'a>>,
    /// Per slot of a short unit's packed bytes (see [`recent_slot`]): the index of the unit
    /// last met there, plus one (0 for none). The sentence's figures alternate between units.
    slots: [u8; 32],
}

struct KnownUnit<'a> {
    /// The unit as written, and its packed bytes (see [`packed`]) when short.
    raw: &'a str,
    key: Option<u128>,
    /// `raw` shared.
    raw_shared: Arc<str>,
    two_word: bool,
    /// Its name (see [`unit_name`]), and shared.
    name: &'a str,
    shared: Arc<str>,
    /// Its context term (see [`term_of`]); the term's number in the vocabulary once known (a
    /// later sentence may bring it in), and how many terms the vocabulary had when it was
    /// last looked up (a unit whose term no word has, "usd", was hashed again per figure).
    term: Box<str>,
    number: Option<u32>,
    asked_at: usize,
}

impl<'a> UnitCache<'a> {
    /// Where `raw` is in the list, added if new.
    fn index(&mut self, raw: &'a str, names: &mut UnitNames) -> usize {
        // Short units (all but odd ones) are compared by their packed bytes, not by `memcmp`.
        let key = packed(raw.as_bytes());
        let same = |u: &KnownUnit| if key.is_some() { u.key == key } else { u.raw == raw };
        let slot = key.map(|k| recent_slot(k) % 32);
        if let Some(k) = slot.and_then(|s| (self.slots[s] as usize).checked_sub(1)) {
            if same(&self.units[k]) {
                return k;
            }
        }
        let k = match self.units.iter().position(same) {
            Some(k) => k,
            None => {
                let name = unit_name(raw);
                let term = term_of(&Lower::new(raw)).into();
                self.units.push(KnownUnit { raw, key, raw_shared: names.get(raw), two_word: two_word_ends().contains_key(raw), name, shared: names.get(name), term, number: None, asked_at: usize::MAX });
                self.units.len() - 1
            }
        };
        if let (Some(s), Ok(n)) = (slot, u8::try_from(k + 1)) {
            self.slots[s] = n;
        }
        k
    }
}

impl SentenceFacts<'_> {
    /// Whether mention `i` only describes the thing measured, or something else, in any figure
    /// of the sentence: it follows a preposition, or says whose role or what kind. Asked once
    /// per name, not once per figure.
    fn describes(&self, i: usize, mentions: &[Mention], masked: &str) -> bool {
        let m = &mentions[i];
        // The text before the name, read by two of the tests, is found once.
        let test = || {
            let before = sentence_before(masked, m.outer_start());
            after_preposition(before) || describes_a_role(m, masked) || describes_a_kind_before(m, masked, || before)
        };
        let Some(known) = i.checked_sub(self.mentions.start).and_then(|k| self.describes.get(k)) else { return test() };
        if let Some(d) = known.get() {
            return d;
        }
        let d = test();
        known.set(Some(d));
        d
    }
}

/// An ASCII byte `str::trim` and `split_whitespace` treat as white space (which counts \x0B,
/// unlike `u8::is_ascii_whitespace`).
const fn is_white_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// `s.trim().is_empty()`, reading ASCII bytes in place (the gap after a figure is mostly a
/// space or nothing).
fn only_white_space(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().all(is_white_byte)
    } else {
        s.trim().is_empty()
    }
}

/// Whether `surface`, lowered, has the word `noun` (split at whitespace). ASCII surfaces, the
/// usual case, are compared in place.
fn has_lower_word(surface: &str, noun: &str) -> bool {
    if surface.is_ascii() {
        // Split as `split_whitespace` splits ASCII text, over bytes.
        surface.as_bytes().split(|&b| is_white_byte(b)).any(|w| !w.is_empty() && w.len() == noun.len() && w.iter().zip(noun.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b))
    } else {
        surface.to_lowercase().split_whitespace().any(|w| w == noun)
    }
}

/// Claim features of every figure that says what it measures.
pub fn features(text: &str, a: &DocAnalysis, mentions: &[Mention]) -> Vec<Arc<Features>> {
    features_with(text, a, mentions, None, None)
}

/// An earlier analysis of the same document (the version before an edit), whose features of
/// the paragraphs the edit left alone can be taken as they are, moved by the edit's length.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub text: &'a str,
    pub analysis: &'a DocAnalysis,
    pub mentions: &'a [Mention],
    pub features: &'a [Arc<Features>],
}

/// [`features`], reusing the features of every paragraph that an earlier analysis of the
/// document computed with the same inputs: those of `earlier` that an edit left alone (see
/// [`Carry`]), else those kept in `memo` (see [`FeatureMemo`]). The result is the same as
/// without either.
pub fn features_with(text: &str, a: &DocAnalysis, mentions: &[Mention], memo: Option<&mut FeatureMemo>, earlier: Option<Earlier>) -> Vec<Arc<Features>> {
    VOCABULARY.with(|v| {
        let mut vocab = v.borrow_mut();
        if vocab.len() > VOCABULARY_MAX {
            *vocab = Vocabulary::default();
        }
        features_in(text, a, mentions, memo, earlier, &mut vocab)
    })
}

/// Bytes either side of a paragraph that its features read (and its memo key holds).
const AROUND: usize = 16;

/// What an edit left alone, for [`features_with`]: when the edit kept every sentence, figure
/// and name of the document (as a word typed or deleted does), a paragraph whose text, the
/// bytes around it and its figures' sources are untouched has the features it had, only moved.
/// Everything else a paragraph's features read is the document's and is checked once here:
/// its headings, its date, its latest year, whether it tells its present in relative words, and
/// its names, in order. Taking features over is cheaper than the memo's keys: typing in one
/// paragraph of a 20 KB document cost 1.5 M instructions of feature work with the memo.
struct Carry<'a> {
    earlier: Earlier<'a>,
    /// The bytes that differ, in the new text's offsets (text or masked prose, whichever is wider).
    changed: Range<usize>,
    /// New length minus old.
    delta: isize,
    /// Cursor into `earlier.features`.
    next: usize,
}

impl<'a> Carry<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(earlier: Earlier<'a>, text: &str, a: &DocAnalysis, mentions: &[Mention], headings: &[Range<usize>], (doc_year, latest, relative): (Option<i32>, Option<i32>, bool)) -> Option<Carry<'a>> {
        let (old, e) = (earlier.analysis, &earlier);
        if old.format != a.format || old.figures.len() != a.figures.len() || old.sentences.len() != a.sentences.len() || e.mentions.len() != mentions.len() {
            return None;
        }
        if old.sentences.iter().zip(&a.sentences).any(|(x, y)| x.block != y.block) {
            return None;
        }
        // Names, in order, as a paragraph's key has them (and the document's topic names).
        let same_name = |x: &Mention, y: &Mention| x.kind == y.kind && x.nested == y.nested && x.tentative == y.tentative && x.surface == y.surface && x.key == y.key;
        if !e.mentions.iter().zip(mentions).all(|(x, y)| same_name(x, y)) {
            return None;
        }
        let (p1, s1) = crate::text::common_ends(e.text, text);
        let (p2, s2) = crate::text::common_ends(&old.prose.masked, &a.prose.masked);
        let (mut pre, mut suf) = (p1.min(p2), s1.min(s2));
        // A boundary of the masked prose may fall inside a character of the text (masking
        // writes one space per byte); a boundary of the text is one of the prose too.
        while !text.is_char_boundary(pre) {
            pre -= 1;
        }
        while !text.is_char_boundary(text.len() - suf) {
            suf -= 1;
        }
        let changed = pre..text.len() - suf;
        let old_end = e.text.len() - suf;
        let delta = text.len() as isize - e.text.len() as isize;
        // Whether a name near the edit is in a byline or dateline (a pronoun's antecedent is
        // never one): the edit may have made or unmade the line.
        let near_edit = |m: &Mention| m.range.start <= changed.end + 128 && m.range.end + 128 >= changed.start;
        if e.mentions.iter().zip(mentions).any(|(x, y)| near_edit(y) && filed_by(&old.prose.masked, old, x) != filed_by(&a.prose.masked, a, y)) {
            return None;
        }
        // Headings: none touched, each where it was (moved), the title on the same side of 400.
        // Markdown's, from the parser; heading-like lines are found line by line, so only the
        // lines the edit touched can have changed, and those must be prose before and after.
        let moved = |r: &Range<usize>| if r.start >= old_end { (r.start as isize + delta) as usize..(r.end as isize + delta) as usize } else { r.clone() };
        let (oh, nh) = (&old.prose.headings, &a.prose.headings);
        if oh.len() != nh.len() || oh.iter().zip(nh).any(|(o, n)| (o.end >= changed.start && o.start <= old_end) || moved(o) != *n) {
            return None;
        }
        if old.prose.breaks.is_empty() != a.prose.breaks.is_empty() {
            return None;
        }
        let touched_lines = |m: &str, from: usize, to: usize| {
            let start = m[..from].rfind('\n').map_or(0, |i| i + 1);
            let end = m[to..].find('\n').map_or(m.len(), |i| to + i);
            m[start..end].split('\n').any(|l| heading_like(l.trim_end()))
        };
        if !a.prose.breaks.is_empty() && (touched_lines(&old.prose.masked, changed.start, old_end) || touched_lines(&a.prose.masked, changed.start, changed.end)) {
            return None;
        }
        if let Some(t) = headings.first() {
            let was = if t.start >= changed.end { (t.start as isize - delta) as usize } else { t.start };
            if (was < 400) != (t.start < 400) {
                return None;
            }
        }
        let old_lowered = old.prose.masked.to_ascii_lowercase();
        let old_year = document_year(e.text, old);
        let old_relative = old_year.is_none() && relative_present(&old_lowered);
        let old_latest = latest_year(&old.prose.masked).into_iter().chain(old_year).max();
        if (old_year, old_latest, old_relative) != (doc_year, latest, relative) {
            return None;
        }
        Some(Carry { earlier, changed, delta, next: 0 })
    }

    /// The earlier features of figures `f0..f1`, a paragraph spanning `start..end` (new
    /// offsets), if the edit left it alone.
    fn take(&mut self, a: &DocAnalysis, (start, end): (usize, usize), (f0, f1): (usize, usize), s0: usize) -> Option<Vec<Arc<Features>>> {
        let after = start >= self.changed.end;
        if !(end + AROUND <= self.changed.start || start >= self.changed.end + AROUND) {
            return None;
        }
        let old = self.earlier.analysis;
        let shift = |r: &Range<usize>| if after { (r.start as isize + self.delta) as usize..(r.end as isize + self.delta) as usize } else { r.clone() };
        // Its sentences and figures where they were, and its figures sourced as they were.
        let s1 = s0 + a.sentences[s0..].iter().take_while(|s| s.block == a.sentences[s0].block).count();
        if (s0..s1).any(|i| shift(&old.sentences[i].range) != a.sentences[i].range) {
            return None;
        }
        let same_source = |x: &Option<crate::attribution::Source>, y: &Option<crate::attribution::Source>| match (x, y) {
            (None, None) => true,
            (Some(x), Some(y)) => x.kind == y.kind && shift(&x.range) == y.range,
            _ => false,
        };
        if (f0..f1).any(|i| shift(&old.figures[i].figure.range) != a.figures[i].figure.range || !same_source(&old.figures[i].source, &a.figures[i].source)) {
            return None;
        }
        let olds = self.earlier.features;
        while self.next < olds.len() && olds[self.next].figure < f0 {
            self.next += 1;
        }
        let mut out = Vec::new();
        while self.next < olds.len() && olds[self.next].figure < f1 {
            out.push(olds[self.next].clone());
            self.next += 1;
        }
        Some(out)
    }
}

fn features_in(text: &str, a: &DocAnalysis, mentions: &[Mention], mut memo: Option<&mut FeatureMemo>, earlier: Option<Earlier>, vocab: &mut Vocabulary) -> Vec<Arc<Features>> {
    let masked = &a.prose.masked;
    let doc_year = document_year(text, a);
    // The latest year the document speaks of: a figure its own sentence dates two or more
    // years before it is the story's background, not its undated present.
    let latest_year = latest_year(masked).into_iter().chain(doc_year).max();
    let lowered = ascii_lowercase(masked);
    // An undated document that tells its present in relative words ("last summer's
    // hailstorm", "this year's delays") and states a past year elsewhere ("A 2019 storm
    // damaged 39,000 acres"): the stated year is not its present, or it would have said so.
    let relative_present = doc_year.is_none() && relative_present(&lowered);
    let mut out = Vec::with_capacity(a.figures.len());
    // Per-sentence work is done once per sentence, not once per figure: a sentence's years
    // (first and last) and, for the sentence of the figure at hand, its words, names and clauses.
    // Filled as sentences with figures are read (from the years their facts found), else when
    // a later sentence asks.
    let mut year_cache: Vec<Option<(Option<TimeRef>, Option<TimeRef>)>> = vec![None; a.sentences.len()];
    let figures_of = |si: usize| &a.figures[a.figures.partition_point(|g| g.sentence < si)..a.figures.partition_point(|g| g.sentence <= si)];
    // The years of the sentences read so far (see `SentenceFacts::years`), each sentence's a
    // run of them, with the run of the sentence's figures (known when it was read: two binary
    // searches of the document's figures per sentence cost more than its years).
    let mut loaded_years: Vec<(TimeRef, usize, bool)> = Vec::new();
    let mut year_from: Vec<Option<(usize, usize, Range<usize>)>> = vec![None; a.sentences.len()];
    let years_of = |year_cache: &mut Vec<Option<(Option<TimeRef>, Option<TimeRef>)>>, loaded: &[(TimeRef, usize, bool)], year_from: &[Option<(usize, usize, Range<usize>)>], si: usize| {
        *year_cache[si].get_or_insert_with(|| {
            let r = a.sentences[si].range.clone();
            match &year_from[si] {
                Some((from, to, run)) => scene_years(masked, r.start, loaded[*from..*to].iter().copied(), &a.figures[run.clone()]),
                None => {
                    // Most sentences have no year: their figures are not looked for.
                    let found = years_at(masked, r.clone());
                    if found.is_empty() {
                        return (None, None);
                    }
                    scene_years(masked, r.start, found.into_iter().map(|(t, at)| (t, at, deadline_year(masked, r.start, at))), figures_of(si))
                }
            }
        })
    };
    // The last sentence's inherited year (see `earlier` below): its figures look back alike.
    let mut inherited: (usize, Option<TimeRef>) = (usize::MAX, None);
    let mut stems = Stems::new(vocab);
    // Bylines and datelines, found the first time a name is asked about (most edits never ask).
    let filed: std::cell::OnceCell<Vec<Range<usize>>> = std::cell::OnceCell::new();
    let mut facts = SentenceFacts::empty();
    let topic = topic_of(mentions);
    let mut headings: Vec<Range<usize>> = a.prose.headings.clone();
    headings.extend(plain_headings(masked, &a.prose.breaks));
    headings.sort_by_key(|r| r.start);
    headings.dedup();
    let mut carry = earlier.and_then(|e| Carry::new(e, text, a, mentions, &headings, (doc_year, latest_year, relative_present)));
    let mut carried = 0;
    // Stems of the context spans: of the latest sentences (the one of the figure at hand and the
    // one before it, the only ones read as context), and of the headings. Not a map by key: it
    // is read several times per figure.
    let mut sentence_terms: Vec<(usize, Vec<u32>)> = Vec::with_capacity(3);
    // The vectors of sentences no longer read, for the next sentences' terms.
    let mut spare_terms: Vec<Vec<u32>> = Vec::new();
    let mut heading_terms: Vec<Option<Vec<u32>>> = vec![None; headings.len()];
    // Per stem id: the figure that last added it and where in its terms (a stamp, so the table
    // is never cleared).
    let mut slots: Vec<(usize, usize)> = Vec::new();
    // The (stem, weight) pairs of the features made here, each feature's a run (see `Terms`).
    let mut all_terms: Vec<(u32, f32)> = Vec::with_capacity(a.figures.len() * 32);
    // The stems and pairs of the features made here, until the document's are all known.
    let unset: Arc<[Arc<str>]> = Arc::from(Vec::new());
    let unset_pairs: Arc<Vec<(u32, f32)>> = Arc::default();
    // The lists of the features made here (see `Run`), placeholders until all are found, and
    // buffers a figure's lists are gathered in.
    let mut lists = Lists { names: Vec::with_capacity(a.figures.len() * 4), words: Vec::with_capacity(a.figures.len() * 2), cofigures: Vec::with_capacity(a.figures.len()) };
    let unset_names: Arc<Vec<usize>> = Arc::default();
    let unset_words: Arc<Vec<&'static str>> = Arc::default();
    let unset_cofigures: Arc<Vec<(Arc<str>, Interval, bool)>> = Arc::default();
    let (mut about_buf, mut scope_buf, mut classes_buf): (Vec<usize>, Vec<&'static str>, Vec<&'static str>) = Default::default();
    // Each block's extent, found once (a huge one-paragraph file must stay linear).
    let mut block_extent: Vec<(usize, usize)> = vec![(0, 0); a.sentences.last().map_or(0, |s| s.block + 1)];
    for s in &a.sentences {
        let e = &mut block_extent[s.block];
        if e.1 == 0 {
            e.0 = s.range.start;
        }
        e.1 = s.range.end;
    }
    // Kept across figures: the names a clause's first name is looked for in, the paragraph's
    // first names (and its block), each unit's term number, and the last sentence's fallback.
    let mut before_buf: Vec<usize> = Vec::new();
    let mut section_of: (usize, Option<usize>) = (usize::MAX, None);
    let mut block_names: (usize, Vec<usize>) = (usize::MAX, Vec::new());
    // Shared by their figures: the paragraph's context names (its own, then the document's
    // topic), the sentence's names, and the names of units.
    let mut context: (usize, Arc<[usize]>) = (usize::MAX, Arc::from(Vec::new()));
    let mut context_buf: Vec<usize> = Vec::new();
    let mut mentioned: (usize, Arc<[usize]>) = (usize::MAX, Arc::from(Vec::new()));
    let mut unit_names = UnitNames::default();
    let mut unit_cache = UnitCache::default();
    // Where the last paragraph's names start (see `partition_from`).
    let mut block_cursor = 0;
    let mut fallbacks: Option<(usize, &'static str, String, Option<usize>)> = None;
    // Each figure's features go straight into their shared allocation (returned by value, they
    // were copied twice on the way there).
    let mut compute = |fi: usize| -> Option<Arc<Features>> {
        let f = &a.figures[fi];
        let fig = &f.figure;
        let sentence = &a.sentences[f.sentence];
        // A range wider than twice its low end is a spread of many values ("gifts ranged from $5
        // to $750,000", "asking prices from $9 million to $20 million"), not one quantity that
        // another report could state. Told before its sentence is read: a sentence whose only
        // figure it is need not be (what a later sentence asks of it is found without).
        if fig.qualifier == crate::figures::Qualifier::Range && fig.interval.high > 2.0 * fig.interval.low.max(0.0) {
            return None;
        }
        if facts.index != f.sentence {
            facts.load(a, &lowered, mentions, f.sentence, fi, &mut stems);
            facts.fill_units(a, &mut unit_cache, &mut unit_names);
            // The years a later sentence inherits from this one, from the years just found.
            if facts.years.is_empty() {
                year_cache[f.sentence] = Some((None, None));
            } else {
                let from = loaded_years.len();
                loaded_years.extend_from_slice(&facts.years);
                year_from[f.sentence] = Some((from, loaded_years.len(), facts.run.clone()));
            }
        }
        // The sentence's terms as context of the next sentence's figures, from words already read.
        if !sentence_terms.iter().any(|(s, _)| *s == f.sentence) {
            // Keyed by sentence, so their order does not matter.
            let mut k = 0;
            while k < sentence_terms.len() {
                if sentence_terms[k].0 + 1 < f.sentence {
                    spare_terms.push(sentence_terms.swap_remove(k).1);
                } else {
                    k += 1;
                }
            }
            // The stems the sentence's words were given as they were read, taken over.
            let mut terms = spare_terms.pop().unwrap_or_default();
            std::mem::swap(&mut terms, &mut facts.stems);
            sentence_terms.push((f.sentence, terms));
        }
        let facts = &facts;
        let ws = &facts.ws;
        let sources = &facts.sources;
        let in_sentence_mentions = facts.mentions.clone();
        // The measuring word: nearest before the figure (within 10 words), else just after.
        // Words are in order: those before the figure are a prefix, those after it a suffix.
        let n_before = ws.partition_point(|(r, _)| r.end <= fig.range.start);
        // A figure spans a word or a few: stepped over, not searched.
        let mut n_after = n_before;
        while n_after < ws.len() && ws[n_after].0.start < fig.range.end {
            n_after += 1;
        }
        let before = &ws[..n_before];
        let after = &ws[n_after..];
        // The word after the figure follows it with only white space between: asked by several
        // tests below, found once.
        let next_joined = after.first().is_some_and(|(r, _)| only_white_space(&masked[fig.range.end..r.start]));
        // A measuring noun right after the figure names it ("a $150 million bond"); else the
        // nearest measuring word before it, else one just after.
        // Only the figure's own clause says what it measures ("…, with a federal share of" is
        // another figure's business).
        let clause = facts.clauses.clause(fig.range.clone());
        let right_after = (n_after < ws.len() && facts.info[n_after].measure.is_some()).then_some(n_after);
        // "put the full build-out at $410 million": an estimate; the thing put at the figure
        // says what it measures, not "put" (which gives, as in "put $3 million into").
        // A count is never measured by a word that only money can be ("aid records
        // belonging to 212,000 people", "donors gave to 40 schools"). Asked only of
        // measuring words, the few.
        // "More than 20 people fell ill": falling ill (sick, victim, silent) is no decline.
        let measures_it = |j: usize| {
            facts.info[j].measure.is_some_and(|m| !(fig.kind == FigureKind::Quantity && MONEY_ONLY.contains(&m.class)) && !(m.class == "fall" && ws.get(j + 1).is_some_and(|w| NOT_A_FALL.iter().any(|&x| w.1 == x))))
                && !(facts.info[j].is(flag::PUT) && n_before > 0 && ws[n_before - 1].1 == "at" && j < n_before)
        };
        // The word right after, then up to 10 before and 6 after in the clause, nearest first
        // (plain loops: a chain of iterator adapters cost more than the tests).
        // Only measuring words can measure: those of the sentence are listed, in order. Words
        // are in order too, so "within the clause" holds of a run of them either side.
        let mut found = right_after.filter(|&j| measures_it(j));
        let measured = &facts.measured;
        let m_split = measured.partition_point(|&k| (k as usize) < n_before);
        if found.is_none() {
            found = measured[..m_split].iter().rev().map(|&k| k as usize).take_while(|&k| k >= n_before.saturating_sub(10) && ws[k].0.start >= clause.start).find(|&k| measures_it(k));
        }
        if found.is_none() {
            let m_after = m_split + measured[m_split..].partition_point(|&k| (k as usize) < n_after);
            found = measured[m_after..].iter().map(|&k| k as usize).take_while(|&k| k < ws.len().min(n_after + 6) && ws[k].0.end <= clause.end).find(|&k| measures_it(k));
        }
        let found = found
            // English compounds are head-last: in "cost savings", "budget cuts" or "revenue
            // growth" the second measuring word says what the figure is.
            .map(|j| {
                let head = j + 1 < ws.len() && facts.info[j + 1].measure.is_some() && masked[ws[j].0.end..ws[j + 1].0.start].trim().is_empty();
                if head { j + 1 } else { j }
            })
            .and_then(|j| facts.info[j].measure.map(|m| (ws[j].0.clone(), m)));
        // "values the 10-year package at £34m": a valuation, whatever thing is valued (the thing
        // decides after "put ... at", which also gives; "value" never does).
        let valued = (n_before > 0 && ws[n_before - 1].1 == "at")
            .then(|| before.iter().rev().take(8).take_while(|(r, _)| r.start >= clause.start).find(|(_, w)| matches!(w.as_str(), "values" | "value" | "valued" | "valuing")))
            .flatten();
        let found = match valued {
            Some((r, _)) => measures().get("valued").map(|m| (r.clone(), m)),
            None => found,
        };
        // The whole a share is of: the last word of the "of" phrase right after it, its
        // articles and possessives stepped over, up to a function word or a mark.
        let whole = (fig.kind == FigureKind::Percent && next_joined && after.first().is_some_and(|(_, w)| w == "of")).then(|| share_whole(masked, &ws[n_after + 1..], |k| facts.info[n_after + 1 + k].is(flag::STOPWORD), clause.end)).flatten();
        // A count with no measuring word measures its own unit ("five schools", "41 cases").
        static COUNT: Measure = Measure { class: "count", label: "count" };
        // Money with no measuring word is an amount of something the sentence names ("the $1.2
        // billion project"): like a bare count, it can meet any measure.
        static CHANGE: Measure = Measure { class: "change", label: "change" };
        static RISE: Measure = Measure { class: "rise", label: "rose" };
        static FALL: Measure = Measure { class: "fall", label: "fell" };
        static SHARE: Measure = Measure { class: "count", label: "share" };
        static AMOUNT: Measure = Measure { class: "amount", label: "amount" };
        // Money right before a noun is that thing's price or size ("the $1.2 billion Riverside Park
        // project", "a $40,000 car").
        static PRICE: Measure = Measure { class: "cost", label: "cost" };
        let premodifies = next_joined && after.first().is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_alphabetic) && !facts.info[n_after].is(flag::STOPWORD));
        let found = found.or_else(|| match fig.kind {
            FigureKind::Quantity => Some((fig.range.clone(), &COUNT)),
            FigureKind::Money if premodifies => Some((fig.range.clone(), &PRICE)),
            FigureKind::Money => Some((fig.range.clone(), &AMOUNT)),
            // A share with no measuring word ("returned 7.4%"): its context decides.
            FigureKind::Percent if matches!(before.last().map(|x| x.1.as_str()), Some("up")) => Some((fig.range.clone(), &RISE)),
            FigureKind::Percent if matches!(before.last().map(|x| x.1.as_str()), Some("down")) => Some((fig.range.clone(), &FALL)),
            FigureKind::Percent if matches!(before.last().map(|x| x.1.as_str()), Some("by")) => Some((fig.range.clone(), &CHANGE)),
            FigureKind::Percent => Some((fig.range.clone(), &SHARE)),
        });
        // The whole that a share is of does not measure the share ("the city's share of the
        // repair bill would be $40 million" is no bill): the share does.
        let has = |bits: u32| facts.bits & bits != 0;
        let share_at = has(flag::SHARE)
            .then(|| {
                (0..ws.len()).find(|&j| {
                    let r = &ws[j].0;
                    r.start >= clause.start && r.end <= fig.range.start && facts.info[j].is(flag::SHARE) && ws.iter().zip(&facts.info).any(|((r2, _), i2)| r2.start > r.end && r2.start < r.end + 3 && i2.is(flag::OF))
                })
            })
            .flatten();
        let found = match (share_at, found) {
            (Some(si), Some((r, _))) if r.start > ws[si].0.start && r.start < fig.range.start => measures().get("share").map(|m| (ws[si].0.clone(), m)),
            (_, found) => found,
        };
        let Some((measure, m)) = found else { return None };
        // A length of time ("buys its beans six to nine months forward", "within 18 months") is
        // how prose tells time, not a counted fact two reports state: no claim.
        // But how long something lasted or will last ("closed for 14 months", "the bidding
        // lasted 19 minutes", "took about 20 minutes") is a fact reports state and dispute.
        if fig.kind == FigureKind::Quantity && matches!(facts.unit(fi), "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade" | "century") {
            let lasted = n_before > 0 && matches!(ws[n_before - 1].1.as_str(), "for" | "lasted" | "last" | "lasts" | "lasting" | "took" | "take" | "takes" | "taking");
            if !lasted {
                return None;
            }
        }
        // "Raise bills by 4.6 percent": raising a rate is a rise, not fundraising.
        let m = if fig.kind == FigureKind::Percent && m.class == "raising" { &RISE } else { m };
        // "claims totalling $31 million", "claims of $2 million": money claimed, not paid. Only
        // right before the figure: "paid $23 million to settle claims" pays.
        static CLAIMED: Measure = Measure { class: "demand", label: "sought" };
        let claimed = fig.kind == FigureKind::Money && {
            let mut k = n_before;
            while k > 0 && matches!(ws[k - 1].1.as_str(), "totalling" | "totaling" | "of" | "worth" | "amounting" | "to" | "valued" | "at") && n_before - k < 3 {
                k -= 1;
            }
            k > 0 && matches!(ws[k - 1].1.as_str(), "claims" | "claim") && fig.range.start - ws[k - 1].0.end < 24
        };
        // "asked the state for $12 million", "had applied for $11.2 million": money asked
        // for. Only through "for" right before the figure: "is asking the county to forgo
        // nearly $90 million" asks for something else. Whom it was asked of may take several
        // words ("has asked the state's disaster recovery fund for $1.2 million"), inside the
        // figure's clause.
        let asked_for = fig.kind == FigureKind::Money
            && n_before > 1
            && ws[n_before - 1].1.as_str() == "for"
            && fig.range.start - ws[n_before - 1].0.end < 16
            && (n_before.saturating_sub(10)..n_before - 1).any(|k| {
                ws[k].0.start >= clause.start
                    && matches!(ws[k].1.as_str(), "asked" | "asks" | "ask" | "asking" | "applied" | "applies" | "apply" | "applying" | "appealed" | "appealing" | "petitioned")
            });
        let m = if claimed || asked_for { &CLAIMED } else { m };
        // "$9 million more than the budget", "40 fewer beds than planned": a difference between
        // two amounts, not an amount of either.
        let difference = next_joined && after.first().is_some_and(|(_, w)| matches!(w.as_str(), "more" | "less" | "fewer" | "higher" | "lower" | "over" | "under" | "above" | "below"))
            && after.get(1).is_some_and(|(_, w)| w == "than" || w == "budget" || w == "estimate");
        let m = if difference { &CHANGE } else { m };
        // Money that covers something pays for it ("up to $5 million to cover hotel stays"):
        // covering is what a place does for people, not what money does.
        static PAY: Measure = Measure { class: "payment", label: "paid" };
        let m = if fig.kind == FigureKind::Money && m.class == "coverage" { &PAY } else { m };
        // Words that measure counts do not measure money near them ("$4 million for a
        // retraining program for workers" is no workforce): an amount. (Carrying words are left
        // as they are: "carries a $60,000 prize fund" as a bare amount met another year's fund.
        // Measured on the 27 held-out and blind sets: 2 more pairs, no more false alarms.)
        let m = if fig.kind == FigureKind::Money && matches!(m.class, "staff" | "votes" | "casualties" | "cases") { &AMOUNT } else { m };
        // The figure's unit as written, in the document's list (found for its sentence's units).
        let known_unit = facts.unit_of(fi).2;
        let mut unit = match fig.kind {
            FigureKind::Money | FigureKind::Percent => unit_cache.units[known_unit].raw_shared.clone(),
            FigureKind::Quantity => facts.unit_of(fi).1.clone(),
        };
        // People put out of work are jobs cut ("more than 600 people will be out of work",
        // "eliminating 640 jobs"); people a place serves are not.
        // The clause's words, by index: words are in order, so those inside it are a run.
        // The clause holds the figure: its first word is before the words after the figure, and
        // its last after the words before it.
        // Most clauses run to a sentence's first or last word: those ends need no search.
        let clause_first = if ws.first().map_or(true, |(r, _)| r.start >= clause.start) { 0 } else { ws[..n_after].partition_point(|(r, _)| r.start < clause.start) };
        let clause_last = if ws.last().map_or(true, |(r, _)| r.end <= clause.end) { ws.len() } else { n_before + ws[n_before..].partition_point(|(r, _)| r.end <= clause.end) };
        let in_clause_words = clause_first..clause_last;
        let clause_has = |bits: u32| in_clause_words.clone().any(|j| facts.info[j].is(bits));
        // A trade counted by what employs it is a workforce ("the line employs 23 operators" /
        // "a staff of 22"): jobs, as "workers" and "employees" are.
        if m.class == "staff" && WORKFORCE_ROLES.contains(&&*unit) {
            unit = unit_names.get("job");
        }
        if &*unit == "person" && clause_has(flag::EMPLOYMENT) {
            unit = unit_names.get("job");
        }
        // Time: in the sentence; else the nearest earlier year in the paragraph; else the document's.
        // The sentence's own years, less deadlines (a plan stated now, "by the end of 2026",
        // holds as of the text around it) and the dates of causes after the figure.
        // The sentence's year nearest the figure with no other figure between them ("nearly
        // 40%, up from 35% in 2019": 2019 is the 35%'s).
        let other_between = |at: usize| {
            facts.run.clone().any(|j| {
                let r = &a.figures[j].figure.range;
                j != fi && ((r.start >= fig.range.end && r.end <= at) || (r.end <= fig.range.start && r.start >= at + 4))
            })
        };
        // "laid off 9 nurses when the unit closed in 2023 and now wants to make more than 12
        // hires": "now" between a year and the figure puts the figure in the present.
        let now_between = |at: usize| at < fig.range.start && (0..n_before).any(|j| ws[j].0.start > at && facts.info[j].is(flag::NOW));
        let distance = |at: usize| if at >= fig.range.end { at - fig.range.end } else { fig.range.start.saturating_sub(at + 4) };
        // The sentence's last year, after the figure and nearer the next figure, is that one's
        // ("$47 million in awards, bringing the program's total since 2023 to $91 million"; but
        // "$31 million in 2023, up from $24 million in 2022" keeps 2023).
        let nearer_next = |at: usize| {
            at >= fig.range.end
                && facts.years.iter().all(|(_, other, _)| *other <= at)
                && facts.run.clone().any(|j| j != fi && a.figures[j].figure.range.start >= at + 4 && a.figures[j].figure.range.start - (at + 4) < at - fig.range.end)
        };
        let own = facts
            .years
            .iter()
            .filter(|(_, at, deadline)| !deadline && !(*at >= fig.range.end && (dates_a_cause(masked, fig.range.end, *at) || dates_a_baseline(masked, fig.range.end, *at))) && !other_between(*at) && !now_between(*at) && !nearer_next(*at))
            .filter(|(_, at, _)| {
                let y = ws.partition_point(|(r, _)| r.end <= *at);
                y >= ws.len() || !if *at >= fig.range.end { in_relative_clause(masked, ws, n_after, y, true) } else { in_relative_clause(masked, ws, 0, y, false) }
            })
            .min_by_key(|(_, at, _)| distance(*at))
            .map(|(t, _, _)| *t);
        let mut time_stated = true;
        let background = matches!((own, latest_year), (Some(TimeRef::In(y)), Some(latest)) if y + 2 <= latest)
            || relative_present && matches!(own, Some(TimeRef::In(_))) && !(0..n_before).any(|j| ws[j].0.start >= clause.start && facts.info[j].is(flag::FUTURE));
        let time = if let Some(t) = own {
            Some(t)
        } else if let Some(back) = facts.relative.and_then(|(back, i)| {
            // Not across another figure ("pay $2 million after inspectors found 300 shifts last
            // year") nor from another noun's relative clause ("the unit it shut two years ago").
            let at = ws[i].0.start;
            let apart = other_between(at) || if at >= fig.range.end { in_relative_clause(masked, ws, n_after, i, true) } else { in_relative_clause(masked, ws, 0, i, false) };
            (!apart).then_some(back)
        }) {
            Some(doc_year.map_or(TimeRef::Relative(back), |y| TimeRef::In(y - back)))
        } else if shifts_time(ws) {
            // "By the time the mirror was recast, the bill was …": the sentence leaves the
            // time of the one before it; undated, it holds as of the document.
            time_stated = false;
            doc_year.map(TimeRef::In)
        } else if names_its_day(ws) {
            // "Since 1952, the looms have set the town's rhythm. On Tuesday the owner said it
            // would cut about 400 jobs": a sentence that names its own day is the story's
            // present, not the time of the sentence before it.
            time_stated = false;
            doc_year.map(TimeRef::In)
        } else {
            if inherited.0 != f.sentence {
                let found = (f.sentence.saturating_sub(20)..f.sentence)
                    .rev()
                    .take_while(|&si| a.sentences[si].block == sentence.block)
                    .find_map(|si| years_of(&mut year_cache, &loaded_years, &year_from, si).1);
                inherited = (f.sentence, found);
            }
            let earlier = inherited.1;
            time_stated = earlier.is_some();
            earlier.or(doc_year.map(TimeRef::In))
        };
        // Names in the sentence, sources left out, nearest to the measuring word first.
        // Only the figure's clause speaks of it; its subject may stand before an aside ("The
        // Castellano family, which owns the team, is contributing …"), so when the clause names
        // no one before the figure, the sentence's first name is taken too.
        let named = &facts.named;
        // After the figure, only names close to it say what it is ("$1.2 billion Riverside Park
        // project", "extension of the Blue Line"); further on come details ("… at the Marston
        // hospital this year", "… and the city of Marston").
        let close_after = |i: usize| {
            let m = &mentions[i];
            m.range.start < fig.range.end || masked.get(fig.range.end..m.range.start).map_or(false, |gap| gap.split_whitespace().take(5).count() <= 4)
        };
        let about = &mut about_buf;
        about.clear();
        about.extend(named.iter().copied().filter(|&i| mentions[i].range.start >= clause.start && mentions[i].range.end <= clause.end && close_after(i)));
        // Names a relative clause is about ("the second plant, in Ambry, which employs 160
        // workers"): they say which thing is counted even after a preposition.
        let mut antecedents: Vec<usize> = Vec::new();
        if !about.iter().any(|&i| mentions[i].range.start < fig.range.start) {
            // A dateline ("MARSTON - ", "PINE HOLLOW COUNTY — ") is not the subject.
            let dateline = facts.dateline;
            // A relative clause ("…, whose council serves …", "…, which runs …") or an
            // apposition ("… the Saltillo Ridge Growth Project, a $1.42 billion investment") is
            // about the name just before it; any other clause about the sentence's first name.
            let first = masked[clause.clone()].split_whitespace().next();
            let before_clause = &mut before_buf;
            before_clause.clear();
            before_clause.extend(named.iter().copied().filter(|&i| mentions[i].range.start >= dateline && mentions[i].range.end <= clause.start));
            let right_before = before_clause.last().is_some_and(|&i| masked.get(mentions[i].range.end..clause.start).is_some_and(|g| g.chars().all(|c| c == ',' || c.is_whitespace())));
            // So is a participle right after the name ("Creditors include Dunhaven Municipal
            // Utilities, owed $4.8 million for power"; "…, valued at $3 million").
            let participle = |w: &str| w.len() >= 4 && w.ends_with("ed") || w == "worth";
            let relative = first.is_some_and(|w| with_lower(w, |w| matches!(w, "whose" | "which" | "who" | "that") || right_before && (matches!(w, "a" | "an") || participle(w))));
            if relative {
                // The whole name before the comma, even when the detector split it in two
                // ("Calloway County Hospital" + "District").
                let mut k = before_clause.len();
                while k > 0 {
                    k -= 1;
                    about.insert(0, before_clause[k]);
                    // Only a place set off as an aside (", in Ambry, which …"): "more for the
                    // Track Centre, which puts the cost at …" is about the whole clause.
                    let lead = masked[..mentions[before_clause[k]].outer_start()].trim_end();
                    let aside = lead.rsplit_once(',').is_some_and(|(_, p)| matches!(p.trim(), "in" | "at" | "near" | "outside"));
                    if aside {
                        antecedents.push(before_clause[k]);
                    }
                    let joined = k > 0 && masked[mentions[before_clause[k - 1]].range.end..mentions[before_clause[k]].range.start].trim().is_empty();
                    if !joined {
                        break;
                    }
                }
            } else if let Some(&first) = before_clause.first() {
                about.insert(0, first);
            }
        }
        let dist = |i: &usize| {
            let r = &mentions[*i].range;
            if r.end <= measure.start {
                measure.start - r.end
            } else {
                // Names after the measuring word come after every name before it.
                r.start.saturating_sub(measure.end) + sentence.range.len()
            }
        };
        about.sort_by_key(dist);
        let subject_from = lists.names.len();
        lists.names.extend(about.iter().copied().filter(|&i| mentions[i].range.end <= measure.start.max(fig.range.start).min(fig.range.start.max(measure.start))));
        lists.names[subject_from..].sort_by_key(|&i| mentions[i].range.start);
        let subject_candidates = subject_from as u32..lists.names.len() as u32;
        // A sentence that names no person or organisation but points back at one ("the
        // billionaire", "he") is about the most recent earlier name of that kind.
        // The most recent name of a kind, looking back at most 50 names. An organisation or place
        // noun must be in the name it points at ("the council" → "Harlow Bay City Council").
        let antecedent = |kind: &'static str, noun: &str| -> Option<usize> {
            let upto = in_sentence_mentions.start;
            let mut noun = noun;
            // "It" points at the thing the sentence before is about: its first name ("The Blue
            // Line light rail is the bright spot. It carried …").
            if kind == "organization" && noun.is_empty() {
                let prev = f.sentence.checked_sub(1).map(|p| &a.sentences[p]).filter(|p| p.block == sentence.block);
                if let Some(p) = prev {
                    let lo = mentions.partition_point(|mm| mm.range.start < p.range.start);
                    if let Some(i) = (lo..upto).find(|&i| !mentions[i].nested && !mentions[i].tentative) {
                        return Some(i);
                    }
                    // A sentence before that names no one but opens on a thing it describes
                    // ("The club lost £3m last season. It has about 9,400 season-ticket
                    // holders"): "it" is that thing, and only a name with its noun stands for it.
                    if let Some(described) = opening_description(&masked[p.range.clone()]) {
                        noun = described;
                    }
                }
            }
            let from = upto.saturating_sub(50);
            let of_kind = |k: &Kind| match kind {
                "person" => *k == Kind::Person,
                "organization" => *k == Kind::Organization,
                "place" => *k == Kind::Place,
                _ => matches!(k, Kind::Person | Kind::Organization),
            };
            mentions[from..upto].iter().rposition(|mm| {
                // Whether the name has the noun is asked last: it is the costly test.
                !mm.nested
                    && !mm.tentative
                    && of_kind(&mm.kind)
                    && (noun.is_empty() || kind == "person" || has_lower_word(&mm.surface, noun))
                    // The document's bylines and datelines when the memo has found them all, else
                    // the candidate's sentence's (most documents ask of few names).
                    && !filed.get().map_or_else(|| filed_by(masked, a, mm), |spans| in_spans(spans, mm.range.start))
            }).map(|i| from + i)
        };
        // The antecedent depends only on the sentence and what points back: the sentence's other
        // figures mostly point back with the same word, and take the answer found for the first.
        let points = points_back(ws, &facts.info, &facts.pointing, measure.start.max(fig.range.start));
        let fallback = points.and_then(|(kind, noun)| {
            match &fallbacks {
                Some((si, k, n, found)) if *si == f.sentence && *k == kind && n == noun => return *found,
                _ => {}
            }
            let found = antecedent(kind, noun);
            fallbacks = Some((f.sentence, kind, noun.to_string(), found));
            found
        });
        let inferred = about.is_empty();
        if inferred {
            about.extend(fallback);
        }
        // Scope: listed words just before the figure, or "in/of <scope>" right after it.
        // A scope word that a preposition follows is a noun, not the figure's modifier ("values
        // the century-old daily at about $30 million", "sued the county for $2 million");
        // words that only qualify ("each at $50", "another for $5") stay.
        let as_noun = |j: usize| {
            !matches!(ws[j].1.as_str(), "each" | "per" | "another" | "extra" | "additional" | "other" | "own")
                && ws.get(j + 1).is_some_and(|n| matches!(n.1.as_str(), "at" | "for" | "to" | "from" | "with" | "by" | "on"))
        };
        // Only inside the figure's clause: "who visited the dig in its first summer, said 68%"
        // is no first share.
        let scope = &mut scope_buf;
        scope.clear();
        if has(flag::SCOPE) {
            scope.extend((0..n_before).rev().take(3).filter(|&j| ws[j].0.start >= clause.start && facts.info[j].is(flag::SCOPE) && !as_noun(j)).filter_map(|j| listed(SCOPE, ws[j].1.as_str())));
        }
        // Who holds or pays it, anywhere earlier in the figure's clause ("the federal government
        // is expected to cover $950 million").
        // Or between the figure and the noun it measures ("a $1.6 million federal grant").
        let owner_after = (n_after..ws.len()).take_while(|&j| ws[j].0.end <= measure.start && measure.start > fig.range.end).take(3);
        if has(flag::OWNER) {
            scope.extend((0..n_before).filter(|&j| ws[j].0.start >= clause.start).chain(owner_after).filter(|&j| facts.info[j].is(flag::OWNER)).filter_map(|j| listed(OWNER, owner_of(ws[j].1.as_str()))));
        }
        // A county named as what the figure is about owns it as much as "the county" does
        // ("Coyle County approved an $80 million abatement" is no state incentive).
        if about.iter().any(|&i| i < mentions.len() && mentions[i].kind != Kind::Person && mentions[i].surface.ends_with(" County")) {
            scope.push("county");
        }
        // A figure the clause puts ahead ("payroll will reach $48 million", "designed to use up
        // to 4 billion gallons"): never the same fact as what exists now ("the existing payroll
        // is $39 million") or what was ("drew 3.1 billion gallons last year"); see
        // claims::scope_ok.
        // The nearer of a future word and a present state before the figure wins ("will add
        // about 400 chargers to a network that now has 388 ports": the 388 exist).
        let is = |j: usize, bits: u32| facts.info[j].is(bits);
        let state_now = |j: usize| is(j, flag::NOW) && j + 1 < ws.len() && is(j + 1, flag::STATE_VERB);
        let last_future = has(flag::FUTURE).then(|| (0..n_before).rev().take_while(|&j| ws[j].0.start >= clause.start).find(|&j| is(j, flag::FUTURE))).flatten();
        let last_state = || has(flag::CURRENTLY | flag::NOW).then(|| (0..n_before).rev().take_while(|&j| ws[j].0.start >= clause.start).find(|&j| is(j, flag::CURRENTLY) || state_now(j))).flatten();
        // After the figure, "once" opening a clause of its own ("about 1,100 permanent jobs once
        // the plant is fully staffed") puts the figure at that later time; "once a year" is a
        // frequency, "was once" the past.
        let once_after = || {
            has(flag::ONCE)
                && (n_after..ws.len().min(n_after + 8)).take_while(|&j| ws[j].0.end <= clause.end).any(|j| {
                ws[j].1.as_str() == "once" && ws.get(j + 1).is_some_and(|(_, w)| matches!(w.as_str(), "the" | "it" | "its" | "their" | "they" | "construction" | "work" | "all" | "both"))
            })
        };
        if last_future.is_some_and(|f| last_state().map_or(true, |n| n < f)) || last_future.is_none() && once_after() {
            scope.push("future");
        }
        let in_clause = |j: usize| in_clause_words.contains(&j);
        let past = has(flag::AGO | flag::LAST) && in_clause_words.clone().any(|j| is(j, flag::AGO) || is(j, flag::LAST) && in_clause(j + 1) && is(j + 1, flag::PAST_AFTER_LAST));
        if past {
            scope.push("past");
        }
        if background {
            scope.push("background");
        }
        // "has spent $22 million so far": a running total, not the whole ("puts the cleanup
        // cost at $27 million"); see claims::judge.
        let to_date = has(flag::ALREADY | flag::FAR | flag::DATE) && in_clause_words.clone().any(|j| is(j, flag::ALREADY) || j + 1 < ws.len() && (is(j, flag::SO_THUS) && is(j + 1, flag::FAR) || is(j, flag::TO) && is(j + 1, flag::DATE)));
        // "has spent $3.8 million since its divers first reached the wreck", "the recovery has
        // cost it roughly $4 million": money spent in the perfect tense is what has been spent
        // so far, a running total too.
        // "has" and "have" are verbs of state (`flag::STATE_VERB`): told by the bit before their
        // text is compared, and only in the clause's words before the figure.
        let perfect = || {
            fig.kind == FigureKind::Money
                && has(flag::STATE_VERB)
                && (in_clause_words.start..in_clause_words.end.min(n_before)).any(|j| is(j, flag::STATE_VERB) && matches!(ws[j].1.as_str(), "has" | "have") && (j + 1..(j + 4).min(n_before)).any(|k| matches!(ws[k].1.as_str(), "spent" | "cost" | "invested")))
        };
        if to_date || perfect() {
            scope.push("to-date");
        }
        // A legal or agreed ceiling ("State law allows a penalty of up to $6,000 per violation",
        // "fees are capped at $2 million"): what may be, not what was; another report's actual
        // amount ("the fine comes to about $5,900 per shift") is another fact.
        // So is a capacity, what something can hold at most ("the range could support up to
        // 1,500 elk once the meadows recover", "the hall can seat up to 900"): not the herd or
        // the crowd another report counts. A payout that may reach a ceiling ("members may
        // recover up to $500") is still the payout.
        let in_clause_before = |j: &usize| ws[*j].0.start >= clause.start;
        let may_be = fig.qualifier == crate::figures::Qualifier::UpTo
            && (0..n_before).filter(in_clause_before).any(|j| matches!(ws[j].1.as_str(), "could" | "can" | "might" | "may"))
            && (0..n_before).filter(in_clause_before).any(|j| matches!(ws[j].1.as_str(), "support" | "hold" | "seat" | "house" | "accommodate" | "sustain" | "handle" | "carry" | "fit"));
        let limit = may_be || has(flag::LIMIT) && (0..n_before).any(|j| ws[j].0.start >= clause.start && is(j, flag::LIMIT));
        if limit {
            scope.push("limit");
        }
        // "operates 260 stores today", "currently employs": what exists now, unless the clause
        // also puts it ahead. "today" before the figure dates an announcement ("today
        // announced a penalty of $48.2 million"), not a state.
        // "now" only before a verb of state ("About 640 people now work at the mine"): "now
        // puts the cost at", "now estimated at" restate an estimate, not what exists.
        let now = |j: usize| is(j, flag::CURRENTLY) || state_now(j) || is(j, flag::TODAY) && ws[j].0.start >= fig.range.end;
        if has(flag::CURRENTLY | flag::NOW | flag::TODAY) && !scope.iter().any(|s| *s == "future") && in_clause_words.clone().any(now) {
            scope.push("existing");
        }
        // Every measuring word of the clause: "Harlow Bay's contribution, by my count of the bond
        // documents, comes to …" measures a contribution as much as a bond.
        // Words are in order: those of the clause are `in_clause_words`.
        // Each class once, then sorted: a clause repeats few, and sorting the repeats compared
        // strings.
        let classes = &mut classes_buf;
        classes.clear();
        let in_share = |j: usize| share_at.map_or(true, |s| j <= s || ws[j].0.start >= fig.range.start);
        // Money asked for measures nothing else its clause names ("asked the state for $12
        // million in emergency aid" is no aid given).
        if !asked_for {
            let from = measured.partition_point(|&k| (k as usize) < in_clause_words.start);
            for j in measured[from..].iter().map(|&k| k as usize).take_while(|&k| k < in_clause_words.end) {
                if let Some(x) = facts.info[j].measure {
                    if in_share(j) && !classes.contains(&x.class) {
                        classes.push(x.class);
                    }
                }
            }
        }
        if !classes.contains(&m.class) {
            classes.push(m.class);
        }
        if classes.len() > 1 {
            classes.sort_unstable();
        }
        if let (Some((_, p)), Some((_, s))) = (after.first(), after.get(1)) {
            if (p == "in" || p == "of") && facts.info[n_after + 1].is(flag::SCOPE) {
                scope.extend(listed(SCOPE, s.as_str()));
            }
        }
        // A price per unit ("$3 to each ticket", "$3 per ticket", "$3 a ticket") is not a total;
        // counts "each weekday" and "on an average weekday" are the same rate.
        let w0 = after.first().map_or("", |x| x.1.as_str());
        let w1 = after.get(1).map_or("", |x| x.1.as_str());
        // A part of a whole named right after it ("will pay $10 million of the total", "$4
        // million of that"): not the whole.
        let w2 = after.get(2).map_or("", |x| x.1.as_str());
        if w0 == "of" && (matches!(w1, "that" | "it" | "those" | "them" | "which") || w1 == "the" && matches!(w2, "total" | "sum" | "amount" | "money" | "settlement" | "fund" | "cost" | "bill" | "whole")) {
            scope.push("part");
        }
        // Or named first, the sentence opening on it: "Of the grant, $7.8 million goes to the
        // buses".
        let opens_of = ws.first().is_some_and(|(r, w)| w == "of" && r.start == sentence.range.start + masked[sentence.range.clone()].len() - masked[sentence.range.clone()].trim_start().len());
        if opens_of && masked[ws[0].0.end..fig.range.start].contains(',') && !masked[ws[0].0.end..fig.range.start].contains(['.', ';']) {
            scope.push("part");
        }
        // "each bus will cost $400,000", "every member will receive": the subject, before the
        // measuring word, is one of many, the figure a rate ("will pay each worker $3,000" is
        // one payment to each, told as a sum).
        if fig.kind == FigureKind::Money && has(flag::EACH) && (0..n_before).any(|j| ws[j].0.start >= clause.start && ws[j].0.end <= measure.start && is(j, flag::EACH) && j + 1 < n_before && !facts.info[j + 1].measure.is_some() && !(0..j).any(|k| ws[k].0.start >= clause.start && facts.info[k].measure.is_some())) {
            scope.push("per");
        }
        // Added to what was, however it is worded: "another $18.5 million", "an extra $2 million",
        // "almost $19 million more for the track", "$18.5 million in additional funding".
        let right_after = next_joined;
        if right_after && (w0 == "more" && w1 != "than" || w0 == "in" && matches!(w1, "additional" | "extra")) {
            scope.push("additional");
        }
        for s in scope.iter_mut() {
            if matches!(*s, "another" | "extra") {
                *s = "additional";
            }
        }
        scope.sort_unstable();
        scope.dedup();
        // "a"/"an" make a rate only right after the figure ("£6m a year"), not after a comma
        // ("£412m, a record").
        let joined = next_joined;
        // "per the company's filing" names a source, not a rate.
        let determiner = matches!(w1, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "my" | "your" | "this" | "that");
        let per = matches!(w0, "each" | "every") || (w0 == "per" && joined && !determiner) || (joined && matches!(w0, "a" | "an")) || matches!(w0, "to" | "for") && matches!(w1, "each" | "every");
        if per && fig.kind == FigureKind::Money {
            // A rate per unit of time is a yearly (monthly…) figure, however it is written:
            // "$30 million a year", "$30 million per year", "a $30 million annual payroll".
            scope.push(
                match (w0, w1) {
                    ("a" | "an" | "per" | "each" | "every", "year" | "annum" | "season") => "annual",
                    ("a" | "an" | "per" | "each" | "every", "month") => "monthly",
                    ("a" | "an" | "per" | "each" | "every", "week") => "weekly",
                    ("a" | "an" | "per" | "each" | "every", "day") => "daily",
                    _ => "per",
                },
            );
        }
        // "$3,675,000 in the first contract year": one year's amount, as "a year" tells it.
        if joined && fig.kind == FigureKind::Money && w0 == "in" && matches!(w1, "the" | "its" | "their") && after.get(2).is_some_and(|x| x.1 == "first") {
            if after.iter().skip(3).take(2).any(|x| x.1 == "year") {
                scope.push("annual");
            }
        }
        if joined && fig.kind == FigureKind::Money && matches!(w0, "annual" | "annually" | "yearly" | "monthly" | "weekly" | "daily") {
            scope.push(match w0 {
                "monthly" => "monthly",
                "weekly" => "weekly",
                "daily" => "daily",
                _ => "annual",
            });
        }
        // Money added to a bill of a period is that period's rate ("would add $6.85 to a
        // typical customer's monthly bill").
        if fig.kind == FigureKind::Money && !scope.iter().any(|s| matches!(*s, "annual" | "monthly" | "weekly" | "daily")) {
            // The words are a slice of `after`, read only when the first is "to" or "on".
            let near = &after[..after.iter().take_while(|(r, _)| r.end <= clause.end).take(7).count()];
            if near.first().is_some_and(|(_, w)| matches!(w.as_str(), "to" | "on")) {
                let period = near.windows(2).find_map(|p| match (p[0].1.as_str(), p[1].1.as_str()) {
                    ("annual" | "yearly", "bill" | "bills" | "premium" | "premiums" | "rent" | "payment" | "payments") => Some("annual"),
                    ("monthly", "bill" | "bills" | "premium" | "premiums" | "rent" | "payment" | "payments") => Some("monthly"),
                    ("weekly", "bill" | "bills" | "premium" | "premiums" | "rent" | "payment" | "payments") => Some("weekly"),
                    ("daily", "bill" | "bills" | "premium" | "premiums" | "rent" | "payment" | "payments") => Some("daily"),
                    _ => None,
                });
                scope.extend(period);
            }
        }
        // The earlier value of a change ("revenue of $1.34 billion, up from $1.21 billion"):
        // another period's figure, never the same fact as the sentence's present one.
        let b1 = n_before.checked_sub(1).map(|j| ws[j].1.as_str());
        let b2 = n_before.checked_sub(2).map(|j| ws[j].1.as_str());
        let earlier = matches!((b2, b1), (Some("up" | "down" | "rose" | "fell" | "rising" | "falling" | "increased" | "decreased" | "grew" | "dropped" | "climbed" | "declined" | "jumped" | "slipped"), Some("from")))
            || matches!((b2, b1), (Some("compared"), Some("with" | "to")))
            // "First-quarter sales had been $951 million": the past before the story's past.
            || matches!((b2, b1), (Some("had"), Some("been")))
            || matches!(b1, Some("versus" | "vs"));
        if earlier {
            scope.push("earlier");
        }
        // The metric, named anywhere before the figure back to the sentence's previous figure
        // ("comparable-store sales, which strip out stores opened or closed, fell 7%").
        // Words inside a name ("Harlow Bay International Airport") are no metric: `term` is
        // set only for content words outside names.
        if has(flag::METRIC) {
            let from = facts.run.clone().map(|j| a.figures[j].figure.range.end).filter(|&e| e <= fig.range.start).max().unwrap_or(sentence.range.start);
            scope.extend((0..n_before).rev().take_while(|&j| ws[j].0.start >= from).filter(|&j| facts.info[j].term && facts.info[j].is(flag::METRIC)).filter_map(|j| metric(ws[j].1.as_str())));
        }
        // A phase named right after the figure in its clause ("2,500 jobs during construction"),
        // or inside it ("about 40 construction jobs", "35 permanent jobs"). Not a capitalised
        // word, part of a name ("a contract with Brackwater Marine Construction Inc.").
        if has(flag::PHASE) {
            scope.extend(
                (n_before..ws.len())
                    .take_while(|&j| j < n_after + 5 && ws[j].0.end <= clause.end.max(fig.range.end))
                    .filter(|&j| facts.info[j].is(flag::PHASE) && !masked.as_bytes()[ws[j].0.start].is_ascii_uppercase())
                    .filter_map(|j| listed(PHASE, ws[j].1.as_str())),
            );
        }
        scope.sort();
        scope.dedup();
        // Other figures of the sentence, marked when in the figure's own clause ("to 7
        // candidates"), not in the sentence's other clauses ("…, up 9% from the year before").
        let cofigures_from = lists.cofigures.len() as u32;
        lists.cofigures.extend(facts.run.clone().filter(|&j| j != fi).map(|j| {
            let g = &a.figures[j].figure;
            (facts.unit_of(j).1.clone(), g.interval, g.range.start >= clause.start && g.range.end <= clause.end)
        }));
        let cofigures = cofigures_from..lists.cofigures.len() as u32;
        // The paragraph's names, then the document's.
        // The paragraph's are found once per paragraph.
        if block_names.0 != sentence.block {
            let (block_start, block_end) = block_extent[sentence.block];
            let lo = partition_from(mentions, block_cursor, |mm| mm.range.start < block_start);
            let hi = partition_from(mentions, lo, |mm| mm.range.start < block_end);
            block_cursor = lo;
            block_names.1.clear();
            block_names.1.extend((lo..hi).filter(|&i| !mentions[i].nested && !mentions[i].tentative).take(12));
            block_names.0 = sentence.block;
        }
        if context.0 != sentence.block {
            // Gathered in a buffer, then copied at their number: collected from a chain of
            // iterators, they went through a vector of their own first.
            context_buf.clear();
            context_buf.extend_from_slice(&block_names.1);
            context_buf.extend_from_slice(&topic);
            context = (sentence.block, Arc::from(context_buf.as_slice()));
        }
        // Terms: near words of the sentence weigh 1, the rest of it 0.6; the sentence before in the
        // paragraph, the section heading and the title 0.5.
        let prev = f.sentence.checked_sub(1).filter(|&p| a.sentences[p].block == sentence.block);
        // Headings are sorted by start: the last one before the sentence (found once per sentence).
        if section_of.0 != f.sentence {
            let n = partition_from(&headings, section_of.1.map_or(0, |h| h + 1), |h| h.start < sentence.range.start);
            section_of = (f.sentence, n.checked_sub(1));
        }
        let section = section_of.1;
        // Words of two bytes or fewer are never content words (see `content_word`).
        // Looked up as they are split, with no list of the words.
        let mut stems_of = |r: Range<usize>, mut out: Vec<u32>| -> Vec<u32> {
            out.clear();
            let push = |r: Range<usize>, ascii: bool| {
                if r.len() > 2 {
                    let info = stems.word(&lower_word(masked, &lowered, r, ascii));
                    if info.content {
                        out.push(info.stem);
                    }
                }
            };
            split_words(masked, r, push, |_, _| {});
            out
        };
        if let Some(p) = prev.filter(|p| !sentence_terms.iter().any(|(s, _)| s == p)) {
            let terms = stems_of(a.sentences[p].range.clone(), spare_terms.pop().unwrap_or_default());
            sentence_terms.push((p, terms));
        }
        let title = headings.first().filter(|t| section != Some(0) && t.start < 400).map(|_| 0);
        for h in section.into_iter().chain(title) {
            if heading_terms[h].is_none() {
                heading_terms[h] = Some(stems_of(headings[h].clone(), Vec::new()));
            }
        }
        // In the order the terms are added: the sentence before, the section heading, the title.
        let prev_terms = prev.and_then(|p| sentence_terms.iter().find(|(s, _)| *s == p)).map(|(_, t)| t.as_slice());
        let context_terms = prev_terms.into_iter().chain(section.into_iter().chain(title).filter_map(|h| heading_terms[h].as_deref()));
        // Terms are kept by stem id while they are gathered; `slots` finds a stem already added.
        slots.resize(stems.strs.len(), (usize::MAX, 0));
        // Gathered as a run of the document's pairs, shared by its features once all are found.
        let terms = &mut all_terms;
        let terms_from = terms.len();
        let mut add = |id: u32, w: f32| {
            let slot = &mut slots[id as usize];
            if slot.0 == fi {
                let x = &mut terms[slot.1];
                x.1 = x.1.max(w);
            } else {
                *slot = (fi, terms.len());
                terms.push((id, w));
            }
        };
        // The unit's term, worked out once per unit (see [`KnownUnit`]); its number once a word
        // has it; whether the document has it, per figure.
        let KnownUnit { term, number, asked_at, .. } = &mut unit_cache.units[known_unit];
        if number.is_none() && *asked_at != stems.vocab.term_list.len() {
            *number = stems.vocab.terms.get(&**term).copied();
            *asked_at = stems.vocab.term_list.len();
        }
        let unit_id = number.and_then(|t| stems.id_of_number(t));
        // Between the words before the figure and those after it (a word that ends before it
        // starts before it; one that starts before it starts before its end).
        let fig_pos = n_before + ws[n_before..n_after].iter().take_while(|(r, _)| r.start < fig.range.start).count();
        // Words of a source after the figure ("…, according to the Harlow Bay Budget Office") are
        // not its terms: those from the first such source on (every word is in the sentence).
        let source_from = sources.iter().filter(|s| s.kind != SourceKind::Verb && s.range.start > fig.range.end).map(|s| s.range.start).min().unwrap_or(usize::MAX);
        for t in &facts.term_words {
            let (id, measures) = (t.stem, t.measures);
            if t.start < fig.range.end && t.end > fig.range.start || t.start >= source_from || Some(id) == unit_id {
                continue;
            }
            let d = (t.index as usize).abs_diff(fig_pos);
            let weight: f32 = if d <= 6 { 1.0 } else { 0.6 };
            // Measuring words ("bond", "grant") say a little about the thing, as their class is
            // compared on its own.
            add(id, if measures { weight.min(0.5) } else { weight });
        }
        // 0.5 is no more than any weight a term of the sentence has: one added before keeps its own.
        for ctx in context_terms {
            for &id in ctx {
                let slot = &mut slots[id as usize];
                if slot.0 != fi && Some(id) != unit_id {
                    *slot = (fi, terms.len());
                    terms.push((id, 0.5));
                }
            }
        }
        // Names that say which thing is measured: not a possessor of some other noun ("the
        // mayor's office"), unless that noun measures ("the city's contribution").
        // "The Ashby store is one of roughly 40 locations": a member of the counted set does
        // not say which set it is.
        let member_of = |i: usize| mentions[i].range.end <= fig.range.start && has_one_of(masked[mentions[i].range.end..fig.range.start].as_bytes());
        let near_from = lists.names.len() as u32;
        lists.names.extend(about
            .iter()
            .copied()
            // An aside's place stays telling after its preposition ("…, in Ambry, which …").
            .filter(|&i| {
                if i >= mentions.len() || inferred {
                    return false;
                }
                let describes = if antecedents.contains(&i) { describes_a_role(&mentions[i], masked) || describes_a_kind(&mentions[i], masked) } else { facts.describes(i, mentions, masked) };
                // A name inside a compound modifier ("the Vestmark-flagged vessel", "a
                // Denver-based firm") tells of the thing's kind, not which thing it is.
                let b = masked.as_bytes();
                let compound = b.get(mentions[i].range.end) == Some(&b'-') && b.get(mentions[i].range.end + 1).is_some_and(u8::is_ascii_lowercase);
                !describes && !member_of(i) && !compound
            }));
        let near = near_from..lists.names.len() as u32;
        let about = add_run(&mut lists.names, about);
        let scope = add_run(&mut lists.words, scope);
        let classes = add_run(&mut lists.words, classes);
        let names = |run: Range<u32>| Run { all: unset_names.clone(), run };
        let words = |run: Range<u32>| Run { all: unset_words.clone(), run };
        let terms = Terms { stems: unset.clone(), ids: unset_pairs.clone(), run: terms_from as u32..all_terms.len() as u32 };
        if mentioned.0 != f.sentence {
            mentioned = (f.sentence, Arc::from(named.as_slice()));
        }
        Some(Arc::new(Features {
            figure: fi,
            unit,
            class: m.class,
            label: m.label,
            time,
            doc_year,
            time_stated,
            about: names(about),
            inferred,
            subject_candidates: names(subject_candidates),
            fallback,
            topic: context.1.clone(),
            scope: words(scope),
            cofigures: Run { all: unset_cofigures.clone(), run: cofigures },
            sentence: f.sentence,
            terms,
            near: names(near),
            classes: words(classes),
            mentioned: mentioned.1.clone(),
            unique: false,
            whole,
        }))
    };
    // Paragraph by paragraph: a paragraph whose inputs are unchanged takes its features from
    // the memo, moved to where its figures, sentences and names now are.
    // Sized as the last analysis's: growing it a paragraph at a time rehashed every key.
    let mut next: Map<Box<[u8]>, Arc<Vec<Features>>> = Map::with_capacity_and_hasher(memo.as_ref().map_or(0, |m| m.entries.len()), Default::default());
    let mut key: Vec<u8> = Vec::new();
    // Paragraphs computed here (their key, place, names and features in `out`), for the memo
    // once their lists are set.
    let mut pending: Vec<(Box<[u8]>, Place, Range<usize>, Range<usize>)> = Vec::new();
    let mut reused = 0;
    let mut f0 = 0;
    while f0 < a.figures.len() {
        let block = a.sentences[a.figures[f0].sentence].block;
        let f1 = f0 + a.figures[f0..].iter().take_while(|g| a.sentences[g.sentence].block == block).count();
        if let Some(c) = carry.as_mut() {
            let s0 = a.sentences.partition_point(|s| s.block < block);
            if let Some(old) = c.take(a, block_extent[block], (f0, f1), s0) {
                out.extend(old);
                carried += 1;
                f0 = f1;
                continue;
            }
        }
        let Some(memo) = memo.as_deref_mut() else {
            out.extend((f0..f1).filter_map(&mut compute));
            f0 = f1;
            continue;
        };
        let (start, end) = block_extent[block];
        let s0 = a.sentences.partition_point(|s| s.block < block);
        let lo = mentions.partition_point(|mm| mm.range.start < start);
        let hi = mentions.partition_point(|mm| mm.range.start < end);
        let section = headings.partition_point(|h| h.start < start).checked_sub(1);
        paragraph_key(&mut key, text, a, mentions, (start, end), (f0, f1), lo, section.map(|h| &headings[h]), headings.first(), (doc_year, latest_year, relative_present), &topic, filed.get_or_init(|| filed_spans(masked, a)));
        let place = Place { figure: f0, sentence: s0 };
        // A hit moves its entry, key and all, to the next memo: copying every paragraph's key
        // again was a tenth of a keystroke.
        if let Some((k, hit)) = memo.entries.remove_entry(key.as_slice()) {
            if let Some(moved) = hit.iter().map(|x| place.restore(x, lo..hi, &topic)).collect::<Option<Vec<Features>>>() {
                out.extend(moved.into_iter().map(Arc::new));
                next.insert(k, hit);
                reused += 1;
                f0 = f1;
                continue;
            }
        }
        let from = out.len();
        out.extend((f0..f1).filter_map(&mut compute));
        pending.push((key.as_slice().into(), place, lo..hi, from..out.len()));
        f0 = f1;
    }
    // The document's stems are all known: the features made here take them.
    let table: Arc<[Arc<str>]> = Arc::from(std::mem::take(&mut stems.strs));
    let pairs = Arc::new(all_terms);
    let (names, words, cofigures) = (Arc::new(lists.names), Arc::new(lists.words), Arc::new(lists.cofigures));
    for f in out.iter_mut().filter(|f| Arc::ptr_eq(&f.terms.stems, &unset)) {
        let f = Arc::make_mut(f);
        f.terms.stems = table.clone();
        f.terms.ids = pairs.clone();
        f.about.all = names.clone();
        f.subject_candidates.all = names.clone();
        f.near.all = names.clone();
        f.scope.all = words.clone();
        f.classes.all = words.clone();
        f.cofigures.all = cofigures.clone();
    }
    for (k, place, block, found) in pending {
        if let Some(rel) = out[found].iter().map(|x| place.relative(x, block.clone(), topic.len())).collect::<Option<Vec<Features>>>() {
            next.insert(k, Arc::new(rel));
        }
    }
    if let Some(memo) = memo {
        // Paragraphs taken from the earlier analysis made no key: the memo keeps its entries
        // (a key holds every input, so an old one is never wrong), unless it has grown to many
        // times the document's paragraphs.
        if carried > 0 && memo.entries.len() < 4 * block_extent.len() + 64 {
            memo.entries.extend(next);
        } else {
            memo.entries = next;
        }
        memo.reused = reused;
        memo.carried = carried;
    }
    mark_unique(&mut out);
    out
}

/// The words of the noun phrase `ws` opens (after a share's "of"), each singular, up to a
/// function word, a mark or the clause's end (at most four): leading articles and possessive
/// pronouns are stepped over, and a possessive "'s" is dropped ("the valley's tomato crop" ->
/// "valley tomato crop"). A phrase that names nothing ("everything the archive holds", "all
/// of it") is no whole.
fn share_whole(masked: &str, ws: &[(Range<usize>, Lower)], stop: impl Fn(usize) -> bool, clause_end: usize) -> Option<Arc<str>> {
    let mut words: Vec<String> = Vec::new();
    for (k, (r, w)) in ws.iter().enumerate().take(8) {
        if r.end > clause_end || words.len() == 4 {
            break;
        }
        if k > 0 {
            let gap = masked.get(ws[k - 1].0.end..r.start).unwrap_or(",");
            if matches!(gap, "'" | "\u{2019}") && w.as_str() == "s" {
                continue;
            }
            if !gap.bytes().all(|b| b == b' ') {
                break;
            }
        }
        let w = w.as_str();
        if words.is_empty() && matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "that" | "these" | "those") {
            continue;
        }
        if words.is_empty() && matches!(w, "everything" | "all" | "it" | "them" | "those" | "total" | "whole" | "what" | "which") {
            return None;
        }
        if stop(k) || !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'' || b >= 0x80) {
            break;
        }
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w);
        words.push(crate::figures::singular(w).unwrap_or_else(|| w.to_string()));
    }
    // What an owner holds is told by the whole it owns or by the holding itself ("74.9 per cent
    // of Aldmoor Athletic" / "75% of the shares"): shares, stock, equity and a stake name no whole.
    if words.last().is_some_and(|w| matches!(w.as_str(), "share" | "stock" | "equity" | "stake")) {
        words.pop();
    }
    (!words.is_empty()).then(|| Arc::from(words.join(" ")))
}

/// Whether `gap` has " one of ": found from its rare 'f' (a searcher built per call cost more
/// than the search of a gap of a few words).
fn has_one_of(gap: &[u8]) -> bool {
    gap.len() >= 8 && memchr::memchr_iter(b'f', gap).any(|p| p >= 6 && gap[p - 6..].starts_with(b" one of "))
}

/// Sets [`Features::unique`] over a document's features.
fn mark_unique(out: &mut [Arc<Features>]) {
    // Each (unit, class) is numbered as it is first met: one lookup per feature, not two. Short
    // ones (nearly all) are keyed by their packed bytes (see [`packed`]), with no string compared.
    let mut ids: Map<(&str, &str), usize> = Map::default();
    let mut short: Map<(u128, u128), usize> = Map::default();
    let mut counts: Vec<u32> = Vec::new();
    let id: Vec<usize> = out
        .iter()
        .map(|f| {
            let next = counts.len();
            let id = match (packed(f.unit.as_bytes()), packed(f.class.as_bytes())) {
                (Some(u), Some(c)) => *short.entry((u, c)).or_insert(next),
                _ => *ids.entry((&*f.unit, f.class)).or_insert(next),
            };
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += 1;
            id
        })
        .collect();
    let unique: Vec<bool> = id.iter().map(|&i| counts[i] == 1).collect();
    for (f, u) in out.iter_mut().zip(unique) {
        // Shared with the version before (taken over unchanged): copied only if it changes.
        if f.unique != u {
            Arc::make_mut(f).unique = u;
        }
    }
}

/// Claim features of a document's paragraphs as last computed, keyed by everything a
/// paragraph's features read: its text, its figures' sources, the names before it that a
/// pronoun may point back to, its section heading and the document's title, year and topic
/// names. Indexes and offsets are kept relative to the paragraph. Holds one analysis's
/// paragraphs: each analysis replaces it.
#[derive(Debug, Default)]
pub struct FeatureMemo {
    entries: Map<Box<[u8]>, Arc<Vec<Features>>>,
    /// Paragraphs the last analysis took from the memo.
    pub reused: usize,
    /// Paragraphs the last analysis took from the earlier analysis (see [`Earlier`]).
    pub carried: usize,
}

/// How far back a pronoun looks for the name it points at (mentions).
const POINTS_BACK: usize = 50;

/// Where a paragraph starts: its first figure and sentence.
struct Place {
    figure: usize,
    sentence: usize,
}

impl Place {
    /// A feature with every index and offset made relative to the paragraph. Mention indexes
    /// are kept relative to its first mention (those before it, a pronoun's antecedent, as
    /// negative offsets within [`POINTS_BACK`]); the document's topic names, which end `topic`,
    /// are left out and added back from the document when restored. None if something cannot
    /// be moved.
    fn relative(&self, f: &Features, block: Range<usize>, topics: usize) -> Option<Features> {
        let m = |i: usize| -> Option<usize> { (i + POINTS_BACK >= block.start && i < block.end).then(|| i + POINTS_BACK - block.start) };
        let own = f.topic.len().checked_sub(topics)?;
        let topic = f.topic[..own].iter().map(|&i| m(i)).collect::<Option<Vec<usize>>>()?;
        remap(f, f.figure.checked_sub(self.figure)?, f.sentence.checked_sub(self.sentence)?, topic, m)
    }

    /// [`Place::relative`] undone at this paragraph's place, with the document's topic names.
    fn restore(&self, f: &Features, block: Range<usize>, topic: &[usize]) -> Option<Features> {
        let m = |i: usize| -> Option<usize> { (i + block.start).checked_sub(POINTS_BACK) };
        let mut context = f.topic.iter().map(|&i| m(i)).collect::<Option<Vec<usize>>>()?;
        context.extend(topic.iter().copied());
        remap(f, f.figure + self.figure, f.sentence + self.sentence, context, m)
    }
}

/// `f` at another place: its figure, sentence, measuring word and topic given, its mention
/// indexes mapped by `m` (None if one cannot be). Every field is written out: `..f.clone()`
/// would copy the index lists only to drop them (a fifth of a keystroke's feature restore).
fn remap(f: &Features, figure: usize, sentence: usize, topic: Vec<usize>, m: impl Fn(usize) -> Option<usize>) -> Option<Features> {
    let ms = |v: &[usize]| -> Option<Vec<usize>> { v.iter().map(|&i| m(i)).collect() };
    // The three lists of names in one, as a document's features have them (see `Lists`).
    let mut names = Vec::with_capacity(f.about.len() + f.subject_candidates.len() + f.near.len());
    let mut add = |v: &[usize]| -> Option<Range<u32>> {
        let from = names.len() as u32;
        for &i in v {
            names.push(m(i)?);
        }
        Some(from..names.len() as u32)
    };
    let (about, subject_candidates, near) = (add(&f.about)?, add(&f.subject_candidates)?, add(&f.near)?);
    let names = Arc::new(names);
    let run = |run: Range<u32>| Run { all: names.clone(), run };
    Some(Features {
        figure,
        sentence,
        about: run(about),
        subject_candidates: run(subject_candidates),
        fallback: match f.fallback {
            Some(i) => Some(m(i)?),
            None => None,
        },
        topic: topic.into(),
        near: run(near),
        mentioned: ms(&f.mentioned)?.into(),
        unit: f.unit.clone(),
        class: f.class,
        label: f.label,
        time: f.time,
        doc_year: f.doc_year,
        time_stated: f.time_stated,
        inferred: f.inferred,
        scope: f.scope.clone(),
        cofigures: f.cofigures.clone(),
        terms: f.terms.clone(),
        classes: f.classes.clone(),
        unique: f.unique,
        whole: f.whole.clone(),
    })
}

/// The memo key of a paragraph (see [`FeatureMemo`]).
#[allow(clippy::too_many_arguments)]
fn paragraph_key(key: &mut Vec<u8>, text: &str, a: &DocAnalysis, mentions: &[Mention], (start, end): (usize, usize), (f0, f1): (usize, usize), lo: usize, section: Option<&Range<usize>>, title: Option<&Range<usize>>, (doc_year, latest_year, relative_present): (Option<i32>, Option<i32>, bool), topic: &[usize], filed: &[Range<usize>]) {
    let masked = a.prose.masked.as_bytes();
    key.clear();
    let part = |key: &mut Vec<u8>, bytes: &[u8]| {
        key.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        key.extend_from_slice(bytes);
    };
    // The paragraph, masked and as written, whether it is a heading, and a little around it.
    let around = |i: usize| i.min(masked.len());
    part(key, if a.prose.in_heading(&(start..end)) { b"h" } else { b"p" });
    // What lies before it, back over the three words a name's tests read there
    // ([`describes_a_kind`], [`after_preposition`]).
    part(key, &masked[back_over_words(&a.prose.masked, start, 3).min(start.saturating_sub(16))..start]);
    part(key, &masked[start..end]);
    part(key, &text.as_bytes()[start..end]);
    part(key, &masked[end..around(end + 16)]);
    // Its figures' sources, which attribution found over the whole document (written out
    // without formatting: keys are made for every paragraph of every edit).
    for g in &a.figures[f0..f1] {
        match &g.source {
            Some(src) => {
                let kind = match src.kind {
                    SourceKind::Phrase => b'p',
                    SourceKind::Verb => b'v',
                    SourceKind::Link => b'l',
                    SourceKind::Footnote => b'f',
                    SourceKind::BackReference => b'b',
                    SourceKind::Marked => b'm',
                };
                key.push(kind);
                key.extend_from_slice(&(src.range.start as i64 - start as i64).to_le_bytes());
                key.extend_from_slice(&(src.range.end as i64 - start as i64).to_le_bytes());
            }
            None => key.push(b'-'),
        }
    }
    // The names a pronoun may point back to, and the paragraph's own: what a name is (its
    // kind, key, whether it is tentative) can be settled by text elsewhere in the document.
    let hi = lo + mentions[lo.min(mentions.len())..].partition_point(|m| m.range.start < end);
    for mm in &mentions[lo.saturating_sub(POINTS_BACK)..hi] {
        part(key, mm.key.as_bytes());
        key.extend_from_slice(&[mm.kind as u8, mm.nested as u8, mm.tentative as u8, in_spans(filed, mm.range.start) as u8]);
        part(key, mm.surface.as_bytes());
    }
    // Section heading and title, as text; the document's year; its topic names.
    match section {
        Some(h) => part(key, &masked[h.clone()]),
        None => part(key, b"\x00none"),
    }
    match title {
        Some(t) => key.extend_from_slice(&[1, (t.start < 400) as u8, section.map_or(false, |h| h == t) as u8]),
        None => part(key, b"\x00none"),
    }
    if let Some(t) = title {
        part(key, &masked[t.clone()]);
    }
    key.extend_from_slice(&doc_year.map_or(i64::MIN, i64::from).to_le_bytes());
    key.extend_from_slice(&latest_year.map_or(i64::MIN, i64::from).to_le_bytes());
    key.push(relative_present as u8);
    for &i in topic {
        part(key, mentions[i].key.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_cut_read_by_table_is_the_plain_one() {
        for t in ["", ".", ". ", "a. b", "a.b. c", "x\n\ny", "\n\n", "\n ", "a\n b", "end.\nNew", "What? Yes! no", "$4.2 million. The", "a\n b. c\n\nd e", "no cut here", " .", "!\n", "a.\n\n", "?!  x"] {
            assert_eq!(sentence_cut(t.as_bytes()), sentence_cut_plain(t.as_bytes()), "{t:?}");
        }
    }

    #[test]
    fn a_packed_word_is_its_bytes_padded() {
        let w = "abcdefghijklmnopq";
        for n in 0..=17 {
            let mut buf = [0u8; 16];
            let want = (n <= 16).then(|| {
                buf[..n].copy_from_slice(&w.as_bytes()[..n]);
                u128::from_le_bytes(buf)
            });
            assert_eq!(packed(&w.as_bytes()[..n]), want, "{n}");
        }
    }

    #[test]
    fn plural_and_singular_stem_alike() {
        for (a, b) in [
            ("losses", "loss"),
            ("taxes", "tax"),
            ("branches", "branch"),
            ("crashes", "crash"),
            ("avalanches", "avalanche"),
            ("impasses", "impasse"),
            ("cities", "city"),
            ("projections", "projection"),
            ("ballpark's", "ballpark"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        // Words that only look plural keep their ending.
        for w in ["business", "census", "analysis", "gas"] {
            assert_eq!(stem(w), w);
        }
    }

    #[test]
    fn years_in_words_and_dates() {
        use TimeRef::*;
        let cases: &[(&str, &[TimeRef])] = &[
            ("It rose since 2014 and in 2016.", &[Since(2014), In(2016)]),
            // A record's comparison dates nothing.
            ("Salmon reach 57 miles for the first time since 1911.", &[]),
            ("Sales hit their highest since 2008 in 2016.", &[In(2016)]),
            ("A filing dated 08/30/2016 says so.", &[In(2016)]),
            ("The FY2014 budget and the 2014-15 season.", &[]),
            ("From 1999-2014 it grew; SINCE 2012 too.", &[Since(2014), Since(2012)]),
            ("from -2010 on", &[Since(2010)]),
            ("2014’s budget, 12345 people, 3000 and 1899.", &[]),
            ("In 2020", &[In(2020)]),
        ];
        for (text, want) in cases {
            assert_eq!(years(text, 0..text.len()), *want, "{text}");
        }
    }

    #[test]
    fn years_and_clause_marks_from_words_match_a_pass_over_the_bytes() {
        // Every line of the corpora, and lines made to hit the edges, as a sentence.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = [
            "From 1999-2014 it grew; SINCE 2012 too, and from -2010 on — x-2014, é-2015, a2016, 12017, '2018.",
            "It rose since 2014 and in 2016 – the highest since 2008 (for the first time since 1911): 2101 and 1899.",
            "Sales grew - while costs fell, but whereas the board, although the city though because it comes as it came as While But -- - x",
            "The FY2014 budget and the 2014-15 season; 2014’s budget, 12345 people, 3000 and 1899.",
        ]
        .map(String::from)
        .to_vec();
        for dir in ["examples/newsroom", "eval/corpora/claims", "eval/corpora/sourcing", "eval/blind/claims", "eval/blind2/sourcing"] {
            for e in std::fs::read_dir(root.join(dir)).expect("corpus folder").flatten() {
                lines.extend(std::fs::read_to_string(e.path()).unwrap_or_default().lines().map(String::from));
            }
        }
        let mut vocab = Vocabulary::default();
        let mut stems = Stems::new(&mut vocab);
        let mut marks = ClauseMarks { sentence: 0..0, marks: Vec::new(), words: Vec::new() };
        let mut ys = Vec::new();
        for line in &lines {
            let lowered = line.to_ascii_lowercase();
            let ws = words(line, &lowered, 0..line.len());
            let info: Vec<WordInfo> = ws.iter().map(|(_, w)| stems.word(w)).collect();
            years_in_words(line, 0, &ws, &mut ys);
            assert_eq!(ys, years_at(line, 0..line.len()), "{line}");
            marks.fill(line, 0..line.len(), &ws, &info);
            let want = ClauseMarks::new(line, 0..line.len());
            assert_eq!((&marks.marks, &marks.words), (&want.marks, &want.words), "{line}");
            // The marks the one pass over a sentence finds as it splits it into words.
            let mut split = Vec::new();
            split_words(line, 0..line.len(), |_, _| {}, |at, len| split.push((at, len)));
            assert_eq!(split, want.marks, "{line}");
        }
        assert!(lines.len() > 500);
    }

    #[test]
    fn counts_of_bytes_eight_at_a_time() {
        for t in ["", "a", "Az09", "ITEM 4: RIVERSIDE PARK", "the 2014 budget, up 7%", "été 1999 — ÉTÉ", "\x7f\u{80}zZ{`@[/:90", "abcdefghijklmnopqrstuvwxyz0123456789"] {
            let b = t.as_bytes();
            assert_eq!(ascii_lowercase_bytes(b), b.iter().filter(|c| c.is_ascii_lowercase()).count(), "{t:?}");
            // Stopping early answers as the whole count does, at every limit, on lines longer
            // than a block of 32 too.
            let long = t.repeat(5);
            for x in [b, long.as_bytes()] {
                for limit in 0..=x.len() + 1 {
                    assert_eq!(lowercase_bytes_exceed(x, limit), ascii_lowercase_bytes(x) > limit, "{t:?} x{}, {limit}", x.len() / b.len().max(1));
                }
            }
            for i in 0..=b.len() {
                assert_eq!(first_digit(&b[i..]), b[i..].iter().position(u8::is_ascii_digit), "{t:?} from {i}");
            }
        }
        // Every byte value, at every place in a word of eight.
        for v in 0..=255u8 {
            for at in 0..9 {
                let mut b = vec![b'x'; 9];
                b[at] = v;
                assert_eq!(ascii_lowercase_bytes(&b), b.iter().filter(|c| c.is_ascii_lowercase()).count(), "{v} at {at}");
                for limit in 0..=9 {
                    assert_eq!(lowercase_bytes_exceed(&b, limit), ascii_lowercase_bytes(&b) > limit, "{v} at {at}, {limit}");
                }
                assert_eq!(first_digit(&b), b.iter().position(u8::is_ascii_digit), "{v} at {at}");
            }
        }
    }

    #[test]
    fn datelines_end_after_their_dash() {
        fn end(t: &str) -> &str {
            &t[dateline_end(t, 0..t.len())..]
        }
        assert_eq!(end("DENVER, March 5 (Skyline Wire) - The city paid $5 million."), "The city paid $5 million.");
        assert_eq!(end("PINE HOLLOW COUNTY — The county paid $5 million."), "The county paid $5 million.");
        assert_eq!(end("MARSTON—The county paid $5 million."), "The county paid $5 million.");
        // A press release's two hyphens.
        assert_eq!(end("PORT ELLERY, April 8, 2025 -- Halvorsen Systems paid $2 billion."), "Halvorsen Systems paid $2 billion.");
        // A place is in capitals: a dash after a lower-case word ends no dateline.
        assert_eq!(end("ÉTÉ — the city paid."), "the city paid.");
        for t in ["The city — and the county — paid $5 million.", "Denver - The city paid.", "In DENVER, the city - paid", "Été — the city paid"] {
            assert_eq!(end(t), t, "{t:?}");
        }
        // A speaker's label in a transcript: who speaks, not what the figure is about.
        assert_eq!(end("OCAMPO: The province has set aside $4.5 million."), " The province has set aside $4.5 million.");
        assert_eq!(end("LUIS OCAMPO: Nadia, it's relief."), " Nadia, it's relief.");
        for t in ["Costs: The city paid $5 million.", "The plan: $5 million.", "NASA:no space"] {
            assert_eq!(end(t), t, "{t:?}");
        }
    }

    #[test]
    fn a_partition_from_a_hint_is_the_partition() {
        let v: Vec<usize> = vec![1, 1, 2, 3, 5, 8, 8, 8, 13, 21, 34, 34, 55];
        for key in 0..60 {
            let want = v.partition_point(|&x| x < key);
            for hint in 0..=v.len() + 2 {
                assert_eq!(partition_from(&v, hint, |&x| x < key), want, "{key} from {hint}");
            }
        }
        assert_eq!(partition_from(&[] as &[usize], 0, |&x| x < 3), 0);
    }

    #[test]
    fn clause_words_by_their_first_letter() {
        for (k, w) in CLAUSE_WORDS.iter().enumerate() {
            assert!(clause_words_at(w.as_bytes()[1]).contains(&k), "{w}");
        }
        let all: usize = (0..=255u8).map(|c| clause_words_at(c).len()).sum();
        assert_eq!(all, CLAUSE_WORDS.len());
    }

    /// The analysis of the Markdown document `text`, and the features of its figure `figure`.
    fn analysed(text: &str, figure: &str) -> (crate::corpus::Analysed, Features) {
        let a = crate::corpus::analyse_doc("t.md", text, crate::text::Format::Markdown, &crate::attribution::Cues::default());
        let i = a.analysis.figures.iter().position(|f| &text[f.figure.range.clone()] == figure).unwrap_or_else(|| panic!("no figure {figure} in {text}"));
        let f = a.features.iter().find(|f| f.figure == i).map(|f| Features::clone(f)).unwrap_or_else(|| panic!("no features for {figure}"));
        (a, f)
    }

    fn of(text: &str, figure: &str) -> Features {
        analysed(text, figure).1
    }

    /// Units that count one thing share one name (data/unit_synonyms.tsv).
    #[test]
    fn units_that_count_one_thing_are_one_unit() {
        for (a, b) in [("hire", "position"), ("site", "location"), ("port", "charger"), ("plug", "charger"), ("copy", "unit"), ("client", "customer"), ("worker", "staff"), ("trader", "vendor"), ("stallholder", "vendor"), ("glasshouse", "greenhouse"), ("bunk", "bed"), ("sleeping place", "bed")] {
            assert_eq!(normalise_unit(a), normalise_unit(b), "{a} / {b}");
        }
        assert_ne!(normalise_unit("charger"), normalise_unit("store"));
        // A unit of two words is read from the figure's own words.
        assert_eq!(of("The hut had 50 sleeping places.\n", "50 sleeping places").unit.as_ref(), "bed");
        assert_eq!(of("The hut had 50 meeting places.\n", "50 meeting places").unit.as_ref(), "place");
        assert_ne!(normalise_unit("person"), normalise_unit("job"));
        // A trade a staffing word counts is a workforce; the same trade served or carried is not.
        assert_eq!(of("The railway employs 23 operators.\n", "23 operators").unit.as_ref(), "job");
        assert_eq!(of("The clinic trained 23 operators last year.\n", "23 operators").unit.as_ref(), "operator");
        // Guests and hikers at a place are counted as people.
        assert_eq!(of("The hut hosted some 7,000 overnight guests a year.\n", "some 7,000 overnight guests").unit.as_ref(), "person");
        assert_eq!(of("Roughly 7,400 hikers stayed there each season.\n", "Roughly 7,400 hikers").unit.as_ref(), "person");
    }

    #[test]
    fn how_long_something_lasts_is_a_claim_and_a_time_frame_is_not() {
        let keyed = |t: &str, fig: &str| {
            let a = crate::corpus::analyse_doc("t.md", t, crate::text::Format::Markdown, &crate::attribution::Cues::default());
            let i = a.analysis.figures.iter().position(|f| &t[f.figure.range.clone()] == fig).unwrap_or_else(|| panic!("no figure {fig}"));
            a.features.iter().any(|f| f.figure == i)
        };
        assert!(keyed("The bridge will be closed for 11 weeks while crews replace the deck.\n", "11 weeks"));
        assert!(keyed("The strike lasted 23 days before both sides signed.\n", "23 days"));
        assert!(keyed("Loading the barge took about 40 minutes.\n", "about 40 minutes"));
        assert!(!keyed("The firm buys its grain six months forward.\n", "six months"));
        assert!(!keyed("The county must decide within 18 months.\n", "18 months"));
        assert!(!keyed("Work starts in 30 days.\n", "30 days"));
    }

    #[test]
    fn a_year_of_another_nouns_clause_or_across_another_figure_is_not_the_figures() {
        let d = "**Harlow Gazette** · May 2, 2025\n\n";
        let time = |body: &str, fig: &str| of(&format!("{d}{body}\n"), fig).time;
        // A relative clause on a noun the figure reaches through a preposition, "and" or
        // "including": that noun's year.
        assert_eq!(time("The county will put in $2.3 million, taken from a reserve the board set aside in 2021.", "$2.3 million"), Some(TimeRef::In(2025)));
        assert_eq!(time("The rest, $8 million, comes from a levy that voters approved in 2022.", "$8 million"), Some(TimeRef::In(2025)));
        assert_eq!(time("The buyer gets 9,400 subscribers and a website that the owners rebuilt in 2020.", "9,400 subscribers"), Some(TimeRef::In(2025)));
        assert_eq!(time("The utility has spent over $6 million, including legal costs it has carried since 2019.", "over $6 million"), Some(TimeRef::In(2025)));
        // Before the figure, a clause of its own: "the ward it closed in 2022, using …".
        assert_eq!(time("The clinic will reopen the ward it closed in 2022, using a $3.1 million grant.", "$3.1 million"), Some(TimeRef::In(2025)));
        // A longer noun phrase: "the maternity and newborn care ward it closed".
        assert_eq!(time("The clinic will reopen the maternity and newborn care ward it closed in 2022, using a $3.1 million grant.", "$3.1 million"), Some(TimeRef::In(2025)));
        assert_eq!(time("The clinic has won $3.1 million to reopen the maternity and newborn care ward it shut two years ago.", "$3.1 million"), Some(TimeRef::In(2025)));
        // A past act in the progressive: "fields the company was spraying in 2022".
        assert_eq!(time("The firm must pay $6.8 million for damage from fields the company was spraying in 2022.", "$6.8 million"), Some(TimeRef::In(2025)));
        assert_eq!(time("The firm must pay $6.8 million for damage from fields the company sprayed in 2022.", "$6.8 million"), Some(TimeRef::In(2025)));
        // The figure's own clause keeps its year.
        assert_eq!(time("The council approved $4 million, which it set aside in 2022.", "$4 million"), Some(TimeRef::In(2022)));
        assert_eq!(time("The grant that the council approved in 2022 was $4 million.", "$4 million"), Some(TimeRef::In(2022)));
        assert_eq!(time("In 2022, the clinic received a $3.1 million grant.", "$3.1 million"), Some(TimeRef::In(2022)));
        // An aside set off by commas before the figure is its subject's.
        assert_eq!(time("The ferry, which has crossed the sound since 1911, will be laid up for about 9 months.", "about 9 months"), Some(TimeRef::In(2025)));
        // "last year" across another figure is that figure's.
        assert_eq!(time("The hospital will pay $1.2 million after inspectors found 240 missed shifts last year.", "$1.2 million"), Some(TimeRef::In(2025)));
        assert_eq!(time("The hospital paid $1.2 million last year.", "$1.2 million"), Some(TimeRef::In(2024)));
        // A year after a bare number the figure is compared with is that number's, and no
        // later sentence inherits it.
        assert_eq!(time("Last year about 88,000 people rode the tram, up from 61,000 in 2020.", "about 88,000 people"), Some(TimeRef::In(2024)));
        assert_eq!(time("About 88,000 people rode the tram, compared with 61,000 in 2020. A ride costs $3.", "$3"), Some(TimeRef::In(2025)));
        assert_eq!(time("About 88,000 people rode the tram in 2020.", "About 88,000 people"), Some(TimeRef::In(2020)));
        // An event the figure is for dates it; a cause it is paid for does not.
        assert_eq!(time("The board approved a $65,000 prize fund for the 2026 Winter Championship.", "$65,000"), Some(TimeRef::In(2026)));
        assert_eq!(time("The board set aside $40,000 for the 2026 festival.", "$40,000"), Some(TimeRef::In(2026)));
        assert_eq!(time("The plant was fined $2 million for the 2023 spill.", "$2 million"), Some(TimeRef::In(2025)));
    }

    #[test]
    fn a_masthead_season_dates_a_newsletter_and_a_wide_range_is_a_spread() {
        // "Field Notes · Autumn 2024": the issue's year is the document's.
        let t = "# Protected\n\n*Sagebrook Land Conservancy · Field Notes · Autumn 2024*\n\nThe purchase price was $14.6 million.\n";
        assert_eq!(of(t, "$14.6 million").time, Some(TimeRef::In(2024)));
        // A headline's plan is no masthead: the byline's date dates the story.
        let t = "# Pier could reopen by summer 2026\n\n**Harlow Gazette** · March 12, 2025\n\nThe contract comes to $18 million.\n";
        assert_eq!(of(t, "$18 million").time, Some(TimeRef::In(2025)));
        // "now" between a year and a figure: the year is the earlier event's, not the figure's.
        let t = "**Harlow Gazette** · May 2, 2025\n\nThe clinic laid off 9 nurses when the unit closed in 2023 and now wants 12 clinical hires.\n";
        assert_eq!(of(t, "12 clinical hires").time, Some(TimeRef::In(2025)));
        assert_eq!(&*of(t, "12 clinical hires").unit, "job");
        let t = "**Harlow Gazette** · May 2, 2025\n\nIn 2023 the clinic made 12 clinical hires.\n";
        assert_eq!(of(t, "12 clinical hires").time, Some(TimeRef::In(2023)));
        // A year that dates a built thing is when it was built, not the figure's.
        let t = "**Harlow Gazette** · May 2, 2025\n\nThe 1983 structure lost part of its deck. Debris damaged 38 cars.\n";
        assert_eq!(of(t, "38 cars").time, Some(TimeRef::In(2025)));
        let t = "**Harlow Gazette** · May 2, 2025\n\nIn 1983 the structure held 38 cars.\n";
        assert_eq!(of(t, "38 cars").time, Some(TimeRef::In(1983)));
        // A range wider than twice its low end spreads over many values: no claim of its own.
        for (t, fig) in [("Gifts ranged from $5 to $750,000.\n", "from $5 to $750,000"), ("Three ranches are listed at asking prices from $9 million to $20 million.\n", "from $9 million to $20 million")] {
            let a = crate::corpus::analyse_doc("t.md", t, crate::text::Format::Markdown, &crate::attribution::Cues::default());
            let i = a.analysis.figures.iter().position(|f| &t[f.figure.range.clone()] == fig).unwrap_or_else(|| panic!("no figure {fig}"));
            assert!(!a.features.iter().any(|f| f.figure == i), "{fig} keyed");
        }
        // A legal or agreed ceiling is a limit, not an amount; "may recover up to $500" is not.
        let limit = |t: &str, fig: &str| of(t, fig).scope.contains(&"limit");
        assert!(limit("State law allows a penalty of up to $6,000 per violation.\n", "up to $6,000"));
        assert!(limit("Legal fees are capped at $2 million.\n", "$2 million"));
        assert!(!limit("Class members may recover up to $500.\n", "up to $500"));
        // An undated report that tells its present as "last summer" or "this year" and states
        // a past year: that year is background. "Released this week" dates no present.
        let bg = |t: &str, fig: &str| of(t, fig).scope.contains(&"background");
        assert!(bg("Growers share a settlement over last summer's hailstorm. A 2019 storm damaged 39,000 acres.\n", "39,000 acres"));
        assert!(!bg("Data released this week show 41,300 riders a weekday in 2023.\n", "41,300 riders"));
        assert!(!bg("Growers share a settlement over last summer's storm. The plant will open with 450 jobs in 2027.\n", "450 jobs"));
        // An estimate's range is one quantity.
        assert!(of("The repair will cost between $62 million and $68 million.\n", "between $62 million and $68 million").class == "cost");
    }

    #[test]
    fn when_a_figure_holds() {
        use TimeRef::*;
        let dated = "*Metro desk · March 3, 2025*\n\n";
        let cases: &[(&str, &str, Option<TimeRef>)] = &[
            // A deadline is a plan's horizon: the figure holds as of the document's date.
            ("The mill will cut 400 jobs by the end of 2026.", "400 jobs", Some(In(2025))),
            ("The mill will cut 400 jobs until March 2027.", "400 jobs", Some(In(2025))),
            // A clause that opens with "by" names a point in time.
            ("Bills keep rising: by 2030, households would pay $9 a month more.", "$9", Some(In(2030))),
            // A year that dates the cause after the figure is not the figure's.
            ("The board fined the mill $6 million for the September 2024 spill.", "$6 million", Some(In(2025))),
            ("The league paid £40 million for the 2024 season.", "£40 million", Some(In(2024))),
            ("The mill paid $6 million in 2023.", "$6 million", Some(In(2023))),
            // A year that dates the thing the money is spent on: after "of", or opening an aside.
            ("The council approved an $8 million rebuild of the 1911 bandstand.", "$8 million", Some(In(2025))),
            ("The council approved an $8 million rebuild of the bandstand, the 1911 landmark by the pier.", "$8 million", Some(In(2025))),
            ("The council approved an $8 million rebuild of the bandstand, the March 1911 landmark.", "$8 million", Some(In(2025))),
            ("The city spent $8 million of the 2024 budget.", "$8 million", Some(In(2024))),
            // When a change starts is not when the figure holds; a rate's own start is.
            ("The arena, which holds 21,500 seats, will be renamed beginning with the 2026 season.", "21,500 seats", Some(In(2025))),
            ("The arena, which holds 21,500 seats, gets its new name from the start of the 2026 season.", "21,500 seats", Some(In(2025))),
            ("Households will pay about $7 a month starting in 2026.", "about $7", Some(In(2026))),
            // The far end of a span is where it starts, not when the figure holds.
            ("The breach exposed records of 212,000 people, going back to 1998.", "212,000 people", Some(In(2025))),
            ("The archive holds 40,000 letters dating to 1850.", "40,000 letters", Some(In(2025))),
            ("The fund lent $2 million to 1998 graduates.", "$2 million", Some(In(1998))),
            // The year nearest the figure with no other figure between; an earlier sentence
            // lends only a year that opens it.
            ("The carrier holds nearly 40% of the seats, up from 35% in 2019.", "nearly 40%", Some(In(2025))),
            // The sentence's last year, nearer the next figure than this one, is the next one's.
            ("The board handed out $47 million in awards, lifting the fund's total since 2023 to $91 million.", "$47 million", Some(In(2025))),
            ("The board handed out $47 million in awards, lifting the fund's total since 2023 to $91 million.", "$91 million", Some(Since(2023))),
            ("The clinic spent $31 million on agency staff in 2023, up from $24 million in 2022.", "$31 million", Some(In(2023))),
            ("The clinic spent $31 million on agency staff in 2023, up from $24 million in 2022.", "$24 million", Some(In(2022))),
            ("The carrier holds nearly 40% of the seats, up from 35% in 2019.", "35%", Some(In(2019))),
            ("Seats rose to 40%, up from 35% in 2019. The airport plans a $240 million expansion.", "$240 million", Some(In(2025))),
            ("In 2019, the airport spent $9 million on gates. It also spent $2 million on roads.", "$2 million", Some(In(2019))),
            ("Ortiz lost the race to Lee in 2015. Donors gave $930,000 to the group backing Lee.", "$930,000", Some(In(2015))),
            // A year across "than" dates what the figure is compared with.
            ("The bill came to $9.8 million more than the board approved in 2021.", "$9.8 million", Some(In(2025))),
            ("Fares are 12% higher than in 2019.", "12%", Some(In(2025))),
            ("The board approved $9.8 million in 2021, more than the city asked for.", "$9.8 million", Some(In(2021))),
            // A sentence that moves on in time does not inherit the year before it.
            ("When the plan was unveiled in 2021, it was priced at $55 million. By the time work ended, the bill was $60 million.", "$60 million", Some(In(2025))),
            ("When the plan was unveiled in 2021, it was priced at $55 million. The bill then rose to $60 million.", "$60 million", Some(In(2021))),
            ("In 2019, the airport spent $9 million on gates. Today it spends $2 million a year on roads.", "$2 million", Some(In(2025))),
            // Nor does one that names its own day; a weekday in a name ("the Sunday edition")
            // is no day.
            ("Since 1952, the looms have set the town's rhythm. On Tuesday the owner said it would cut about 400 jobs.", "about 400 jobs", Some(In(2025))),
            ("In 2019 the mill cut 230 jobs. The owner said Tuesday it would cut 400 jobs at the plant.", "400 jobs", Some(In(2025))),
            ("In 2008 the paper had 140 reporters. Its Sunday edition sold 41,000 copies.", "41,000 copies", Some(In(2008))),
            // Seasons count back like years.
            ("The club lost £9 million last season.", "£9 million", Some(In(2024))),
            ("The club lost £7 million the season before last.", "£7 million", Some(In(2023))),
        ];
        for (sentence, figure, want) in cases {
            let text = format!("{dated}{sentence}\n");
            assert_eq!(of(&text, figure).time, *want, "{sentence}");
        }
        // A wire dateline dates the document, abbreviated month and all.
        let wire = "Mill to shed jobs\n\nHALVERN, Sept. 8, 2025 - The mill said on Monday that it would cut 400 jobs across its two plants this year, the company said.\n";
        assert_eq!(of(wire, "400 jobs").time, Some(In(2025)));
    }

    /// The names a figure of `text` is about, as written.
    fn about(text: &str, figure: &str) -> Vec<String> {
        let (a, f) = analysed(text, figure);
        f.about.iter().map(|&i| a.mentions.mentions[i].surface.to_string()).collect()
    }

    #[test]
    fn directions_metrics_datelines_and_members() {
        // A rise and a fall are told apart; raising a rate is a rise.
        assert_eq!(of("Sales at the chain fell 7% in the quarter.\n", "7%").class, "fall");
        assert_eq!(of("Ticket prices rose 3% this spring.\n", "3%").class, "rise");
        // Money paid back is paid, whatever it was first ("repay $1.5 million of a state grant"
        // / "has to pay back $1.5 million").
        assert_eq!(of("The company must repay $1.5 million of a state grant.\n", "$1.5 million").class, "payment");
        assert_eq!(of("The city will reimburse the developer up to $64 million.\n", "up to $64 million").class, "payment");
        // Falling ill is no decline: the count measures its own people.
        assert_eq!(of("Health officials say more than 20 people fell ill after the outbreak.\n", "more than 20 people").class, "count");
        assert_eq!(of("About 40 guests fell sick at the wedding.\n", "About 40 guests").class, "count");
        assert_eq!(of("The utility would raise bills by 4.6 percent.\n", "4.6 percent").class, "rise");
        // Words that measure counts do not measure money: the workers measure the count only.
        assert_eq!(of("The province is putting up $4 million for a retraining program for workers.\n", "$4 million").class, "amount");
        assert_eq!(of("The plant employs 300 workers.\n", "300 workers").class, "staff");
        // A metric named before the figure, back to the sentence's previous figure; not in a name.
        let text = "The chain sold $900 million of goods, but comparable-store sales, which leave out new stores, fell 7%.\n";
        assert!(of(text, "7%").scope.contains(&"comparable"));
        let rent = "Affordable units at the mall will rent for no more than $1,180 a month.\n";
        assert!(of(rent, "no more than $1,180").scope.contains(&"affordable"));
        assert!(!of(text, "$900 million").scope.contains(&"comparable"));
        assert!(!of("Traffic at Harlow Bay International Airport rose 5% last year.\n", "5%").scope.contains(&"international"));
        // A scope word that a preposition follows is a noun: the newspaper, not a daily rate.
        assert!(!of("The deal values the century-old daily at about $30 million.\n", "about $30 million").scope.contains(&"daily"));
        assert!(of("The mill pays a daily $4,000 fine.\n", "$4,000").scope.contains(&"daily"));
        // A wire dateline's place is not what the figure is about.
        let wire = "DENVER, March 5 (Skyline Wire) - Meridale Airways has ordered 30 jets from Corvan.\n";
        assert!(!about(wire, "30 jets").iter().any(|n| n.contains("DENVER") || n.contains("Denver")), "{:?}", about(wire, "30 jets"));
        assert!(about(wire, "30 jets").iter().any(|n| n == "Meridale Airways"));
        // "It" after a sentence that opens on a thing it describes is that thing: not the last
        // organisation named before it, unless that name has the thing's noun.
        let club = "Ledger\n\nThe Tarrow Mining Company approved the deal on Friday.\n\nThe club lost £3m last season. It has about 9,400 members.\n";
        assert!(about(club, "about 9,400 members").is_empty(), "{:?}", about(club, "about 9,400 members"));
        let named = "Ledger\n\nThe Tarrow Rowing Club approved the deal.\n\nThe club lost £3m last season. It has about 9,400 members.\n";
        assert_eq!(about(named, "about 9,400 members"), ["Tarrow Rowing Club"]);
        // A lead-in of a few words is a label, not what "it" points at.
        let lead = "Ledger\n\nThe Tarrow Mining Company approved the deal on Friday.\n\nThe members. It has about 9,400 members.\n";
        assert_eq!(about(lead, "about 9,400 members"), ["Tarrow Mining Company"]);
    }

    #[test]
    fn tense_running_totals_rates_and_owners_scope_a_figure() {
        let has = |text: &str, fig: &str, w: &str| of(text, fig).scope.iter().any(|s| *s == w);
        assert!(has("Annual payroll at the site will reach $48 million.\n", "$48 million", "future"));
        assert!(has("The expansion is designed to use up to 4 billion gallons a year.\n", "up to 4 billion gallons", "future"));
        assert!(has("The existing payroll at the mine is $39 million.\n", "$39 million", "existing"));
        assert!(has("The chain operates 260 stores today.\n", "260 stores", "existing"));
        assert!(has("About 640 people now work at the quarry.\n", "About 640 people", "existing"));
        assert!(has("The state's answer is a $2.5 million retraining grant.\n", "$2.5 million", "state"));
        assert!(has("Brannock College will use a $1.6 million federal grant to expand.\n", "$1.6 million", "federal"));
        assert!(!has("Brannock College will pay $1.6 million for federal permits.\n", "$1.6 million", "federal"));
        assert!(!has("The mayor now puts the cost at $152 million.\n", "$152 million", "existing"));
        let t = "The grants will add about 400 chargers to a network that now has 388 ports.\n";
        assert!(has(t, "388 ports", "existing") && !has(t, "388 ports", "future"));
        assert!(has(t, "about 400 chargers", "future"));
        assert!(!has("The chain will operate 218 stores today.\n", "218 stores", "existing"));
        // What may be, up to a ceiling, is a limit; what will be is not.
        assert!(has("The range could support up to 1,500 elk once the meadows recover.\n", "up to 1,500 elk", "limit"));
        assert!(!has("The range will support up to 1,500 elk.\n", "up to 1,500 elk", "limit"));
        assert!(!has("The range could support 1,500 elk.\n", "1,500 elk", "limit"));
        assert!(has("The hall can seat up to 900 people.\n", "up to 900 people", "limit"));
        assert!(!has("Lawyers could collect up to $3.5 million in fees.\n", "up to $3.5 million", "limit"));
        assert!(!has("The board today announced a penalty of $48.2 million.\n", "$48.2 million", "existing"));
        assert!(has("The mine drew 3.1 billion gallons from the aquifer last year.\n", "3.1 billion gallons", "past"));
        assert!(has("The railroad has spent $22 million so far.\n", "$22 million", "to-date"));
        assert!(has("The salvor says it has spent $3.8 million since its divers reached the hull.\n", "$3.8 million", "to-date"));
        assert!(has("The dig has already cost the trust roughly $4 million.\n", "roughly $4 million", "to-date"));
        assert!(!has("The dig will cost the trust roughly $4 million.\n", "roughly $4 million", "to-date"));
        assert!(!has("The salvor spent $3.8 million in 2023.\n", "$3.8 million", "to-date"));
        assert!(has("The original pit cost $1.3 billion.\n", "$1.3 billion", "original"));
        // The contract before this one is the earlier thing too.
        assert!(has("Under its previous five-year contract the county paid the operator $11.2 million.\n", "$11.2 million", "original"));
        // Money added to what was is one scope however it is worded.
        assert!(has("The council approved almost $19 million more for the track.\n", "almost $19 million", "additional"));
        assert!(has("The council put another $18.5 million into the track.\n", "$18.5 million", "additional"));
        assert!(has("It approved $18.5 million in additional funding.\n", "$18.5 million", "additional"));
        assert!(!has("The hall came in $9 million more than the budget.\n", "$9 million", "additional"));
        // A rate per unit of time is yearly however it is written; "per the filing" is a source.
        assert!(has("The plant pays nearly $30 million a year.\n", "nearly $30 million", "annual"));
        assert!(has("The mill pays out a $31 million annual payroll.\n", "$31 million", "annual"));
        assert!(has("He will earn €9 million a season.\n", "€9 million", "annual"));
        assert!(has("The bank will pay the club $2.8 million annually.\n", "$2.8 million", "annual"));
        assert!(!has("Severance came to $8.2 million, per the company's filing.\n", "$8.2 million", "per"));
        assert!(has("Tickets cost $12 per person.\n", "$12", "per"));
        // A county named as the figure's subject owns it.
        assert!(has("Coyle County approved an $80 million tax abatement.\n", "$80 million", "county"));
        // A year the document has moved on from is background.
        let t = "In 2019 the airline ordered 25 jets.\n\nDeliveries of the new order run to 2029.\n";
        assert!(has(t, "25 jets", "background"));
        assert!(!has("In 2019 the airline ordered 25 jets.\n", "25 jets", "background"));
        // Payroll is wages; a capitalised label opening a list item still says what is measured.
        assert_eq!(of("The mill's payroll came to $31 million.\n", "$31 million").class, "wages");
        let f = of("- Severance: $8.4 million in total\n", "$8.4 million");
        assert!(f.terms.iter().any(|(t, _)| t == "severance"), "{:?}", f.terms);
    }

    #[test]
    fn an_outlet_in_a_byline_or_dateline_is_not_what_it_points_at() {
        let wire = "Creamery widens recall\n\nBy Petra Lind, Meridian News Service\n\nBRINDLE FALLS, March 12, 2025 (Meridian News Service) - The family-owned creamery expanded its recall on Wednesday.\n\nThe cost came to $4.2 million. It has furloughed 90 employees.\n";
        assert!(about(wire, "90 employees").iter().all(|n| !n.contains("Meridian")), "{:?}", about(wire, "90 employees"));
    }

    #[test]
    fn a_relative_clause_names_what_it_counts() {
        // The place a relative clause is about says which plant, even after "in".
        let f = of("The company's second plant, in Ambry, which employs 160 workers, is running.\n", "160 workers");
        assert!(!f.near.is_empty(), "{f:?}");
    }

    #[test]
    fn parts_are_kept_from_totals() {
        let has = |text: &str, fig: &str, w: &str| of(text, fig).scope.iter().any(|s| *s == w);
        assert!(has("The carrier will pay $10 million of that.\n", "$10 million", "part"));
        assert!(has("The insurer will pay $10 million of the total.\n", "$10 million", "part"));
        assert!(!has("The insurer will pay $10 million in all.\n", "$10 million", "part"));
        assert!(has("Of the grant, $7.8 million goes to the buses.\n", "$7.8 million", "part"));
        // One of many before the measuring word makes a rate; after it, a sum paid to each.
        assert!(has("The director said each bus will cost $400,000.\n", "$400,000", "per"));
        assert!(has("Every member will receive about $1,250.\n", "about $1,250", "per"));
        assert!(!has("The firm will pay each worker a one-time $3,000 payment.\n", "$3,000", "per"));
        assert!(has("It will pay about $15 million in total.\n", "about $15 million", "total"));
    }

    #[test]
    fn an_apposition_is_about_the_name_before_it() {
        let t = "Redmesa Copper Corp. approved the Saltillo Ridge Growth Project, a $1.42 billion investment.\n";
        assert_eq!(about(t, "$1.42 billion"), vec!["Saltillo Ridge Growth Project".to_string()]);
        // Without the apposition, the clause is about the sentence's first name.
        let t = "Redmesa Copper Corp. approved a $1.42 billion budget.\n";
        assert!(about(t, "$1.42 billion").iter().any(|n| n.contains("Redmesa")), "{:?}", about(t, "$1.42 billion"));
        // A participle right after a name is about that name, even after a sentence-opening capital.
        let t = "Creditors include Marrow Falls Municipal Utilities, owed $4.8 million for power.\n";
        assert_eq!(about(t, "$4.8 million"), vec!["Marrow Falls Municipal Utilities".to_string()]);
    }

    #[test]
    fn a_name_that_only_says_whose_role_is_not_near() {
        let near = |text: &str, fig: &str| {
            let (a, f) = analysed(text, fig);
            f.near.iter().map(|&i| a.mentions.mentions[i].surface.to_string()).collect::<Vec<_>>()
        };
        // The judge's county is not what the fund is.
        let t = "Plaintiffs asked a Hollis County judge to approve a $14.5 million fund.\n";
        assert!(!near(t, "$14.5 million").iter().any(|n| n.contains("Hollis")), "{:?}", near(t, "$14.5 million"));
        // The county's own budget is.
        let t = "Hollis County approved a $14.5 million budget.\n";
        assert!(near(t, "$14.5 million").iter().any(|n| n.contains("Hollis")), "{:?}", near(t, "$14.5 million"));
        // A name as a modifier after "a" or "its" says what kind of thing, not which one.
        for (t, fig, name) in [
            ("A Denver company says the campus would bring 150 jobs.\n", "150 jobs", "Denver"),
            ("The university will buy a Norwegian-built research vessel for $38.6 million.\n", "$38.6 million", "Norwegian"),
            ("Corvane plans its fourth Texas data campus on 240 acres.\n", "240 acres", "Texas"),
            // Where it stands and whom a speaker told are no more the thing.
            ("The plant, to be built on 60 acres off Route 14, will open in 2027.\n", "60 acres", "Route"),
            ("Okonkwo told the Chronicle the ship will cost $4 million a year to run.\n", "$4 million", "Chronicle"),
        ] {
            assert!(!near(t, fig).iter().any(|n| n.contains(name)), "{t}: {:?}", near(t, fig));
        }
        // Inside a compound modifier, even after "the", it says what kind.
        let t = "The freighter, a Marisland-flagged vessel, carried 1,800 containers for Ostrava Lines.\n";
        assert!(!near(t, "1,800 containers").iter().any(|n| n.contains("Marisland")), "{:?}", near(t, "1,800 containers"));
        let t = "The Marisland-flagged vessel was carrying 1,800 containers from Harrow to Kelby.\n";
        assert!(!near(t, "1,800 containers").iter().any(|n| n.contains("Marisland")), "{:?}", near(t, "1,800 containers"));
        // With "the", the name says which one.
        let t = "The Denver arena will cost $1.2 billion.\n";
        assert!(near(t, "$1.2 billion").iter().any(|n| n.contains("Denver")), "{:?}", near(t, "$1.2 billion"));
    }

    #[test]
    fn a_share_knows_the_whole_it_is_of() {
        let whole = |t: &str, f: &str| of(t, f).whole.map(|w| w.to_string());
        assert_eq!(whole("She estimated that 70% of the lighting system was destroyed.\n", "70%").as_deref(), Some("lighting system"));
        assert_eq!(whole("Admissions supply 70 percent of the trust's income.\n", "70 percent").as_deref(), Some("trust income"));
        assert_eq!(whole("Growers say 40% of the valley's tomato crop was lost.\n", "40%").as_deref(), Some("valley tomato crop"));
        assert_eq!(whole("Medicaid pays for 61% of births at the hospital.\n", "61%").as_deref(), Some("birth"));
        // A whole that names nothing ("everything", "all of it") is no whole.
        assert_eq!(whole("The flood soaked roughly 15% of everything the archive holds.\n", "roughly 15%"), None);
        assert_eq!(whole("Turnout rose 4% last year.\n", "4%"), None);
        // A holding names no whole: the owner's stake is told by what it owns or by its shares.
        assert_eq!(whole("The fund now holds 75% of the shares.\n", "75%"), None);
        assert_eq!(whole("The fund now holds 75% of the club's shares.\n", "75%").as_deref(), Some("club"));
    }

    #[test]
    fn spending_is_its_own_class_and_other_figures_of_the_sentence_are_kept() {
        assert_eq!(of("The company spent $412 million on beans.\n", "$412 million").class, "spending");
        assert_eq!(of("The company paid $400 million for beans.\n", "$400 million").class, "payment");
        // Handing someone a sum gives it: not a bare amount that meets what was asked.
        assert_eq!(of("The state is handing the utility $145 million.\n", "$145 million").class, "giving");
        // What one side asks is not what the other pays ("sought $10 million; settled for $8
        // million"); asking someone to do a thing asks for no money.
        assert_eq!(of("The plaintiffs sought $10 million in damages.\n", "$10 million").class, "demand");
        assert_eq!(of("The hackers demanded a ransom of $1.25 million.\n", "$1.25 million").class, "demand");
        assert_eq!(of("The firm is asking the county to forgo $90 million in taxes.\n", "$90 million").class, "amount");
        // Asking someone for money, or applying for it, asks: no aid the clause names is given.
        let asked = of("The growers' group has asked the state for $12 million in emergency aid.\n", "$12 million");
        assert_eq!((asked.class, asked.classes.as_slice()), ("demand", &["demand"][..]));
        assert_eq!(of("The district had first applied for nearly $11.2 million.\n", "nearly $11.2 million").class, "demand");
        assert_eq!(of("The trust has asked the state's disaster recovery fund for $1.2 million.\n", "$1.2 million").class, "demand");
        // What a thing was insured for is its cover, not its worth.
        assert_eq!(of("The cargo was insured for the equivalent of $14 million.\n", "$14 million").class, "insured");
        assert_eq!(of("The cargo is worth $14 million today.\n", "$14 million").class, "worth");
        // Valuing a thing at a sum is its worth, whatever the thing ("package" alone is aid).
        assert_eq!(of("The league values the five-year package at $22 million.\n", "$22 million").class, "worth");
        assert_eq!(of("Appraisers valued the rescue package at $22 million.\n", "$22 million").class, "worth");
        assert_eq!(of("The state approved a rescue package of $22 million.\n", "$22 million").class, "grant");
        // Not across clauses: the asking is another clause's business.
        assert_ne!(of("The mayor asked for calm, and the council voted for $1.2 million in repairs.\n", "$1.2 million").class, "demand");
        assert_eq!(of("The state paid out $12 million for emergency aid after growers asked.\n", "$12 million").class, "payment");
        assert_eq!(of("A 2023 round of cuts claimed 190 jobs.\n", "190 jobs").class, "count");
        // A word only money is measured by does not measure a count.
        assert_eq!(of("The breach exposed financial aid records of 212,000 people.\n", "212,000 people").class, "count");
        // Insurance claims of an amount are money claimed; settling claims pays.
        assert_eq!(of("Growers had filed claims totalling $31 million.\n", "$31 million").class, "demand");
        assert_eq!(of("The insurer will pay $23.4 million to settle claims.\n", "$23.4 million").class, "payment");
        // Every other figure of the sentence, marked when in the figure's own clause.
        let t = "The deal sets a fee of $84 million payable by the seller, and a fee of $126 million payable by the buyer.\n";
        let f = of(t, "$126 million");
        assert_eq!(f.cofigures.len(), 1);
        assert!(!f.cofigures[0].2, "the $84 million is in another clause");
    }

    #[test]
    fn lengths_of_time_make_no_claim_and_a_phase_inside_a_figure_scopes_it() {
        let text = "The maker buys its beans six to nine months forward and will add about 40 construction jobs.\n";
        let a = crate::corpus::analyse_doc("t.md", text, crate::text::Format::Markdown, &crate::attribution::Cues::default());
        let months = a.analysis.figures.iter().position(|f| &text[f.figure.range.clone()] == "six to nine months").expect("a figure");
        assert!(!a.features.iter().any(|f| f.figure == months));
        assert!(of(text, "about 40 construction jobs").scope.contains(&"construction"));
        // A scope word before the figure counts only inside its clause.
        let t = "The curator, who visited the dig in its first summer, said 64% of the skeleton is bone.\n";
        assert!(!of(t, "64%").scope.contains(&"first"));
        assert!(of("The first payment was $2 million.\n", "$2 million").scope.contains(&"first"));
        // The first year's amount is one year's.
        assert!(of("The county will pay the operator $2,450,000 in the first contract year.\n", "$2,450,000").scope.contains(&"annual"));
        assert!(!of("The county will pay the operator $2,450,000 in the first phase.\n", "$2,450,000").scope.contains(&"annual"));
        // A phase word inside a name is the name's.
        let t = "The board approved a $7.2 million contract with Ellery Harbor Construction Co.\n";
        assert!(!of(t, "$7.2 million").scope.contains(&"construction"));
        // Money that covers something pays for it; a place covers people.
        assert_eq!(of("The railroad will pay up to $5 million to cover hotel stays.\n", "up to $5 million").class, "payment");
        assert_eq!(of("The fund will cover up to $5 million in hotel stays.\n", "up to $5 million").class, "payment");
        assert_eq!(of("The district covers 210,000 residents.\n", "210,000 residents").class, "coverage");
        // People put out of work are jobs; a workforce stays people.
        assert_eq!(of("The mill is closing, and more than 600 people will be out of work.\n", "more than 600 people").unit.as_ref(), "job");
        assert_eq!(of("The startup employs 850 people.\n", "850 people").unit.as_ref(), "person");
        // Workers, employees and positions let go are jobs cut.
        for (t, f) in [("The plant will let 180 workers go.\n", "180 workers"), ("About 200 employees will lose their posts.\n", "About 200 employees")] {
            assert_eq!(&*of(t, f).unit, "job", "{t}");
        }
    }

    #[test]
    fn heading_like_matches_its_definition_on_every_line_of_the_corpora() {
        // The definition, written plainly: at most 14 words, at least four letters, 70% of
        // them capitals. The fast version stops early; it must never answer differently.
        let plain = |t: &str| {
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let upper = t.chars().filter(|c| c.is_uppercase()).count();
            t.split_whitespace().count() <= 14 && letters >= 4 && upper * 10 >= letters * 7
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines = 0;
        let mut headings = 0;
        for dir in ["examples/newsroom", "eval/corpora/claims", "eval/corpora/sourcing", "eval/blind/claims", "eval/blind2/sourcing"] {
            for e in std::fs::read_dir(root.join(dir)).expect("corpus folder").flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                for line in text.lines().chain(["ITEM 4: RIVERSIDE PARK BALLPARK FINANCING", "ÉTÉ À MONTRÉAL: LE BUDGET", "Ab CDEFGHIJ", "ABC d", "A B C D E F G H I J K L M N O", "A B C D E F G H I J K L M N", "AB  CD   EF", "A\u{a0}B C D E F G H I J K L M N", "A\tB C D E F G H I J K L M N O", "  LEADING AND TRAILING  "]) {
                    assert_eq!(heading_like(line), plain(line), "{line:?}");
                    lines += 1;
                    headings += plain(line) as usize;
                }
            }
        }
        assert!(lines > 500 && headings > 5, "{lines} lines, {headings} headings");
    }

    #[test]
    fn the_vocabulary_kept_across_documents_changes_no_result() {
        // Features of a document are the same whatever the thread's vocabulary already holds:
        // analysed on a fresh thread, after other documents, and after the vocabulary restarts.
        let doc = "# Deal\n\nThe county signed a contract worth $4.2 million in 2024, records show. Contractors agreed to a deal for 300 jobs.\n";
        let others = ["The agreements cost $9 million; contracts cost more.\n", "Harbor Transit spent $1.5 million on buses.\n"];
        let features = |t: &str| crate::corpus::analyse_doc("t.md", t, crate::text::Format::Markdown, &crate::attribution::Cues::default()).features;
        let fresh = std::thread::spawn(move || features(doc)).join().expect("thread");
        for o in others {
            features(o);
        }
        assert_eq!(features(doc), fresh);
        VOCABULARY.with(|v| *v.borrow_mut() = Vocabulary::default());
        assert_eq!(features(doc), fresh);
        assert!(VOCABULARY.with(|v| v.borrow().len()) > 0);
    }

    #[test]
    fn word_flags_from_the_table_are_those_of_every_list() {
        // Every word of the lists and of the corpora, and variants of them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut words: Vec<String> = Vec::new();
        for dir in ["examples/newsroom", "eval/corpora/claims", "eval/corpora/sourcing"] {
            for e in std::fs::read_dir(root.join(dir)).expect("corpus folder").flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default().to_lowercase();
                words.extend(text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')).map(str::to_string));
            }
        }
        let lists = [SCOPE, OWNER, PHASE, PRONOUNS, DEFINITES, AUDIENCE_VERBS, FUTURE, STATE_VERBS, ONE_WORD_FLAGS, PAST_AFTER_LAST, SO_THUS, LIMITS, EACH_EVERY, SHARES, EMPLOYMENT, PUTS, &CLAUSE_WORDS[..]];
        words.extend(lists.iter().flat_map(|l| l.iter()).chain(stopwords().iter()).chain(anaphora().keys()).flat_map(|w| [w.to_string(), format!("{w}'s"), format!("{w}’s"), format!("{w}s"), w.get(1..).unwrap_or("").to_string(), w.trim().to_string()]));
        words.extend(["comparable", "same-store", "non-gaap", "while", "comes", "-", ""].map(String::from));
        assert!(words.len() > 10_000);
        for w in &words {
            assert_eq!(word_flags(w), word_flags_plain(w), "{w:?}");
        }
    }

    #[test]
    fn white_space_and_lower_words_read_as_bytes_are_as_str_has_them() {
        for t in ["", " ", "  \t", "\u{0B}", " x ", "\u{a0}", " \u{2003} ", "\u{85}", "—", " , "] {
            assert_eq!(only_white_space(t), t.trim().is_empty(), "{t:?}");
        }
        for (surface, noun) in [("Harlow Bay City Council", "council"), ("The\u{0B}Council", "council"), ("Councilor Bay", "council"), ("COUNCIL", "council"), ("Zürich Council", "council"), ("a  b", "b"), ("", "")] {
            assert_eq!(has_lower_word(surface, noun), surface.to_lowercase().split_whitespace().any(|w| w == noun), "{surface:?}");
        }
    }

    #[test]
    fn word_chars_told_by_block_are_those_alphanumeric() {
        for c in ('\u{80}'..='\u{3000}').chain(['’', '‘', 'é', 'Á', '—', '“', '€', '×', '÷', 'ǅ', 'ɏ', 'ɐ']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || c == '’', "{c:?}");
        }
    }

    #[test]
    fn the_last_two_words_read_as_bytes_are_those_of_a_split_by_chars() {
        for s in ["", "the", "said the", "paid to the  ", "for the, \"", "Zürich told", "told Zürich", "in São", "a — b", "x1 y2 ", "  ", "Mr. O’Neil of", "from 2019-20"] {
            assert_eq!(last_two_words(s), last_two_words_by_chars(s), "{s:?}");
        }
    }

    #[test]
    fn words_of_one_family_are_one_term() {
        // Reports pick different words for one thing: a contract, an agreement, a deal.
        for w in ["contract", "contracts", "agreement", "agreements", "deal", "pact", "accord"] {
            assert_eq!(term_of(w), "contract", "{w}");
        }
        assert_eq!(term_of("axed"), "cut");
        for w in ["renovations", "refit", "upgrades", "conversion", "overhaul", "restoration"] {
            assert_eq!(term_of(w), "renovate", "{w}");
        }
        assert_eq!(term_of("demanded"), term_of("asked"));
        assert_eq!(term_of("vessel"), term_of("ship"));
        assert_eq!(term_of("expansion"), term_of("expanded"));
        assert_eq!(term_of("cities"), "city");
        assert_eq!(term_of("contractor"), "contractor");
        // Damages by what they are for: "punitive damages" / "meant to punish the company".
        assert_eq!(term_of("punitive"), term_of("punish"));
        assert_eq!(term_of("compensatory"), term_of("compensation"));
    }

    #[test]
    fn what_a_figure_measures_and_its_scope() {
        // What comes as something else happens is another clause: the settlement is not what
        // the net income measures.
        let f = of("The settlement comes as the insurer reported net income of $22.8 million.\n", "$22.8 million");
        assert!(f.class == "income" && !f.classes.contains(&"payment"), "{:?}", f.classes);
        let f = of("The settlement with the growers totals $22.8 million, the insurer said.\n", "$22.8 million");
        assert!(f.classes.contains(&"payment"), "{:?}", f.classes);
        // A difference between two amounts is a change, not an amount.
        assert_eq!(of("The telescope cost $9 million more than the regents approved.\n", "$9 million").class, "change");
        // "put … at" is an estimate of the thing put at the figure; "put … into" gives.
        assert_ne!(of("Company documents put the full build-out at $410 million.\n", "$410 million").class, "giving");
        assert_eq!(of("The family put $3 million into the campaign.\n", "$3 million").class, "giving");
        // A loan is its own measure: what was lent is neither paid nor still owed.
        let t = "The state lent the company $13 million in 2021 and is still owed $9.4 million.\n";
        assert_eq!((of(t, "$13 million").class, of(t, "$9.4 million").class), ("lending", "payment"));
        assert_eq!(of("Orchard Peak is lending the grower $15 million.\n", "$15 million").class, "lending");
        // The head of a compound decides: "cost savings" are savings.
        let f = of("The merger will bring cost savings of $80 million a year.\n", "$80 million");
        assert_eq!(f.class, "savings");
        // "a" makes a rate only right after the figure (a rate per year is yearly).
        assert!(of("Grain sales reached $41m a year, the board said.\n", "$41m").scope.contains(&"annual"));
        assert!(of("Tickets cost $41 a head.\n", "$41").scope.contains(&"per"));
        let record = of("Spending across the league hit $412m, a record.\n", "$412m").scope;
        assert!(!record.contains(&"per") && !record.contains(&"annual"));
        // Money added to a bill of a period is that period's rate.
        assert!(of("The deal would add $6.85 to a typical customer's monthly bill.\n", "$6.85").scope.contains(&"monthly"));
        assert!(!of("The city paid $6.85 million for the monthly bills of 2019.\n", "$6.85 million").scope.contains(&"monthly"));
        // "three other ranches of over 5,000 acres" are not the ranch the story is about.
        assert!(of("Brokers said three other ranches of over 5,000 acres are listed.\n", "over 5,000 acres").scope.contains(&"other"));
        assert!(!of("The ranch covers 6,820 acres, other brokers said.\n", "6,820 acres").scope.contains(&"other"));
        // The earlier value of a change is another period's figure.
        let text = "Revenue rose to $1.3 billion, up from $1.2 billion a year before.\n";
        assert!(of(text, "$1.2 billion").scope.contains(&"earlier"));
        assert!(!of(text, "$1.3 billion").scope.contains(&"earlier"));
        // "once" opening a clause after the figure puts it ahead; a frequency or "was once" does not.
        let future = |t: &str, fig: &str| of(t, fig).scope.contains(&"future");
        assert!(future("The mill has about 640 permanent jobs once the new line is running.
", "about 640 permanent jobs"));
        assert!(!future("The mill pays $40,000 once a year to the trust.
", "$40,000"));
        assert!(!future("The mill had 640 jobs, once the town's largest employer.
", "640 jobs"));
    }
}

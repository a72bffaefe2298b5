//! Is a figure sourced, and by what? A figure is sourced when its sentence attributes it:
//! a source phrase ("according to", "records show"), a reporting verb with its source
//! ("Politico reported", "said Kim"), a link, a footnote or citation marker, or a
//! `<!-- crosscheck: sourced -->` comment right after it. A following sentence that points
//! back at the figure ("That sum …, Politico noted.") lends it its cue. A quote's speech tag
//! sources the quote and what leads into it, never the speaker's description after it.
//!
//! "Reportedly", hedges ("is said to"), "an estimated" and "per person" are not sources.

use crate::text::prose::{CitationKind, Prose};
use crate::text::Sentence;
use crate::text::lower::{with_lower, Lower};
use crate::text::tokens::{flag, Kind, Token};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What sourced a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// "according to", "records show", "a report published by".
    Phrase,
    /// A reporting verb with its source: "Politico noted".
    Verb,
    Link,
    Footnote,
    /// A cue in the next sentence that points back at this one ("That sum …, Politico noted").
    BackReference,
    /// `<!-- crosscheck: sourced -->`.
    Marked,
}

impl SourceKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceKind::Phrase => "phrase",
            SourceKind::Verb => "verb",
            SourceKind::Link => "link",
            SourceKind::Footnote => "footnote",
            SourceKind::BackReference => "back-reference",
            SourceKind::Marked => "marked",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// Byte range of the cue in the document.
    pub range: Range<usize>,
    /// The cue as written.
    pub text: String,
}

/// Source phrases, compiled once per configuration.
#[derive(Debug, Clone)]
pub struct Cues {
    phrases: Regex,
    verbs: Regex,
    /// The verbs as words, when every one is plain ASCII letters: found among the scanner's
    /// tokens ([`VerbHits`]) rather than by `verbs` over the text.
    verb_words: Option<std::sync::Arc<VerbWords>>,
    /// A fingerprint of the patterns: a memo of sources found with other cues is not reused.
    id: u64,
}

/// The reporting verbs as a set of lower-case ASCII words, and their shapes for the figure
/// scanner to note ([`Scanner::scan_noting`](crate::figures::Scanner::scan_noting)).
#[derive(Debug)]
struct VerbWords {
    shapes: crate::figures::Shapes,
    /// For each shape (first letter, last letter, length: [`VerbWords::slot`]) where its verbs
    /// start in `list` and how many there are (none for most shapes, one or two for the rest):
    /// a comparison or two with a verb answers a word, without lowering a copy or hashing it.
    by_shape: Vec<(u16, u16)>,
    /// The verbs in lower case, those of a shape together.
    list: Vec<Box<[u8]>>,
}

impl VerbWords {
    /// None unless every verb is a non-empty word of ASCII letters: only then is a match of
    /// the verb regex a whole run of letters, as [`VerbHits`] finds them.
    fn new<'a>(verbs: impl Iterator<Item = &'a str> + Clone) -> Option<VerbWords> {
        if !verbs.clone().all(|v| !v.is_empty() && v.len() < 32 && v.bytes().all(|c| c.is_ascii_alphabetic())) {
            return None;
        }
        let slot = |v: &[u8]| VerbWords::slot(v).expect("a verb is letters");
        let mut list: Vec<Box<[u8]>> = verbs.clone().map(|v| v.to_ascii_lowercase().into_bytes().into()).collect();
        list.sort_by(|a, b| (slot(a), a).cmp(&(slot(b), b)));
        list.dedup();
        let mut by_shape = vec![(0u16, 0u16); 26 * 26 * 32];
        for (i, v) in list.iter().enumerate() {
            let e = &mut by_shape[slot(v)];
            if e.1 == 0 {
                e.0 = i as u16;
            }
            e.1 += 1;
        }
        Some(VerbWords { shapes: crate::figures::Shapes::new(verbs), by_shape, list })
    }

    /// The shape slot of a word of 1 to 31 bytes that starts and ends with an ASCII letter,
    /// in either case (setting bit 0x20 lowers a letter and makes no other byte one).
    fn slot(w: &[u8]) -> Option<usize> {
        let (&f, &l) = (w.first()?, w.last()?);
        let (f, l) = (f | 0x20, l | 0x20);
        (w.len() < 32 && f.is_ascii_lowercase() && l.is_ascii_lowercase()).then(|| ((f - b'a') as usize * 26 + (l - b'a') as usize) * 32 + w.len())
    }

    /// Whether `w` (ASCII letters) is a verb, in any case.
    fn is_verb(&self, w: &[u8]) -> bool {
        let Some(slot) = VerbWords::slot(w) else { return false };
        // A verb is lower-case letters, and `b | 0x20` is such a letter only when `b` is that
        // letter in either case: `w` is compared without lowering it.
        let same = |v: &[u8]| v.len() == w.len() && v.iter().zip(w).all(|(&v, &c)| c | 0x20 == v);
        match self.by_shape[slot] {
            (_, 0) => false,
            (i, 1) => same(&self.list[i as usize]),
            (i, n) => self.list[i as usize..(i + n) as usize].iter().any(|v| same(v)),
        }
    }
}

/// Where the verb regex matches, read sentence by sentence off the figure scanner's tokens
/// (`analysis::analyze_prose`), so that attribution need not run the regex over the text: it
/// cost more than the phrase regex (a lazy DFA over every byte of a block with a figure).
///
/// A match of `(?i)\b(?:said|…)\b` (ASCII boundaries, verbs of ASCII letters) is a run of
/// ASCII letters with no word byte (`[0-9A-Za-z_]`) either side. Letters are always inside
/// word tokens, and a word token's runs are split only by inner periods, apostrophes and
/// letters beyond ASCII, none of them word bytes; a sentence is bounded by white space or its
/// block's ends. Case folding also matches 'ſ' (U+017F) for 's' and 'K' (U+212A) for 'k':
/// a sentence with either in a word is left to the regex.
pub struct VerbHits<'c> {
    words: Option<&'c VerbWords>,
    /// Each sentence's hits in `hits`, or None when the regex must find them.
    spans: Vec<Option<(u32, u32)>>,
    hits: Vec<Range<usize>>,
}

impl<'c> VerbHits<'c> {
    pub fn new(cues: &'c Cues, sentences: usize) -> VerbHits<'c> {
        VerbHits { words: cues.verb_words.as_deref(), spans: vec![None; sentences], hits: Vec::new() }
    }

    /// The shapes of the verbs, for the scanner to note; None when the regex must find them.
    pub fn shapes(&self) -> Option<&'c crate::figures::Shapes> {
        self.words.map(|w| &w.shapes)
    }

    /// Read sentence `i`'s verbs (at `s` in `masked`) from its tokens and the word tokens the
    /// scanner noted by [`VerbHits::shapes`] (indices, last first).
    pub fn sentence(&mut self, i: usize, masked: &str, s: &Range<usize>, toks: &[Token], noted: &[u32]) {
        let Some(words) = self.words else { return };
        let first = self.hits.len();
        if words.find(masked, s, toks, noted.iter().rev().map(|&k| k as usize), &mut self.hits) {
            self.spans[i] = Some((first as u32, self.hits.len() as u32));
        }
    }

    /// The verbs of sentences `s0..s1` relative to `lo` into `out`; a sentence the scanner did
    /// not read (its figures came from a memo) is tokenized here. False when the regex must
    /// find them.
    fn block(&self, masked: &str, sentences: &[Sentence], s0: usize, s1: usize, lo: usize, out: &mut Vec<Range<usize>>) -> bool {
        let Some(words) = self.words else { return false };
        out.clear();
        let mut toks = Vec::new();
        for (span, s) in self.spans[s0..s1].iter().zip(&sentences[s0..s1]) {
            let from = out.len();
            match *span {
                Some((h0, h1)) => out.extend_from_slice(&self.hits[h0 as usize..h1 as usize]),
                None => {
                    crate::text::tokens::tokenize(masked, s.range.clone(), &mut toks);
                    if !words.find(masked, &s.range, &toks, 0..toks.len(), out) {
                        return false;
                    }
                }
            }
            out[from..].iter_mut().for_each(|r| *r = r.start - lo..r.end - lo);
        }
        true
    }
}

impl VerbWords {
    /// Append to `out` the verbs among the word tokens `cands` of `toks`, the tokens of the
    /// sentence at `s`; false (and nothing appended) when a word has 'ſ' or 'K', which the
    /// regex folds to 's' and 'k'.
    fn find(&self, masked: &str, s: &Range<usize>, toks: &[Token], cands: impl Iterator<Item = usize>, out: &mut Vec<Range<usize>>) -> bool {
        let b = masked.as_bytes();
        let first = out.len();
        let word_byte = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        // A run of letters at `a..e` stands alone: no word byte touches it.
        let alone = |a: usize, e: usize| (a == s.start || !word_byte(b[a - 1])) && (e == s.end || !word_byte(b[e]));
        for k in cands {
            let t = &toks[k];
            if t.kind != Kind::Word {
                continue;
            }
            let (a, e) = (t.range.start, t.range.end);
            if t.flags & (flag::ASCII | flag::INNER) == flag::ASCII {
                if self.is_verb(&b[a..e]) && alone(a, e) {
                    out.push(a..e);
                }
                continue;
            }
            if t.flags & flag::ASCII == 0 && masked[a..e].contains(['ſ', 'K']) {
                out.truncate(first);
                return false;
            }
            // Each run of ASCII letters.
            let mut j = a;
            while j < e {
                if !b[j].is_ascii_alphabetic() {
                    j += 1;
                    continue;
                }
                let run = j;
                while j < e && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                if self.is_verb(&b[run..j]) && alone(run, j) {
                    out.push(run..j);
                }
            }
        }
        true
    }
}

/// Whether the words between a closing quote and a verb end a sentence: '!', '?', or a period
/// that does not close a title or an initial ("“…,” the Rev. Anneke Doyle said").
fn ends_a_sentence(gap: &str) -> bool {
    gap.contains(['!', '?']) || gap.split_whitespace().any(|w| w.contains('.') && !w.strip_suffix('.').is_some_and(|x| !x.contains('.') && crate::text::sentences::title_abbreviation(x)))
}

/// Whether a source phrase names the writer's own outlet or work: "this publication's
/// estimate", "this newspaper's analysis" (the possessor is the phrase's first word, `this` or
/// `our` just before it), "per our analysis", "per my count" ("per our vehicle partner" is a
/// source).
fn writers_own(before: &str, phrase: &str) -> bool {
    // Asked of every source phrase: words are compared in place, without lowering copies.
    let mut words = phrase.split(|c: char| c.is_whitespace() || c == '\'' || c == '’').filter(|w| !w.is_empty());
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let Some(first) = words.next() else { return false };
    if first.eq_ignore_ascii_case("per") {
        const WORK: &[&str] = &["analysis", "count", "estimate", "estimates", "calculation", "calculations", "tally", "review", "reckoning", "math", "reporting", "research"];
        return matches!((words.next(), words.next(), words.next()), (Some(who), Some(work), None) if is(who, &["our", "my"]) && is(work, WORK));
    }
    const OUTLET: &[&str] = &["publication", "newspaper", "paper", "newsroom", "magazine", "outlet", "site", "website", "station", "column", "newsletter", "blog"];
    is(first, OUTLET) && is(before.trim_end().rsplit(char::is_whitespace).next().unwrap_or(""), &["this", "our"])
}

/// Source phrases, matched case-insensitively. A name's word characters are written
/// `(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}…])`, ASCII ones plus any non-ASCII character, not `\w`:
/// Unicode `\w` under `(?i)` made each lazy-DFA state cost thousands of instructions on varied
/// text, and case-folding the non-ASCII range (already closed under folding) slowed start-up.
const PHRASES: &[&str] = &[
    r"according\s+to",
    r"accord\s+to",
    // "per the report", "per Reuters", "per general contractor Halvorsen Build" (a role, then
    // the name: checked in `attribute_block`).
    r"(?-i:(?i:per)\s+(?:(?i:the|a|an|its|their|his|her|our|my|your)\s+(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+|[A-Z](?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+|(?:[a-z][a-z-]+\s+){1,3}[A-Z](?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+|(?:[a-z][a-z-]+\s+){0,2}(?:records|filings|documents|data|figures|statistics|estimates|minutes|accounts|disclosures|reports|papers|returns|transcripts)))",
    r"citing",
    r"cited\s+by",
    r"(?:data|figures|statistics|numbers|research|analysis|estimates?|reporting|records?|filings?|documents?|polling|emails?|memos?|letters?)\s+(?:from|by|compiled\s+by|released\s+by|published\s+by|provided\s+by|obtained\s+by|reviewed\s+by|seen\s+by|examined\s+by|analy[sz]ed\s+by)",
    r"(?:report|study|survey|analysis|audit|investigation|review|poll|paper|article|story|memo|document|filing|tally|census|estimate|assessment|letter|statement|release|book|database|dataset)\s+(?:published|released|issued|conducted|commissioned|compiled|produced|prepared|written|filed|obtained|posted)\s+(?:by|in|on)",
    // A document that shows, lists or states; also through "which"/"that" for the verbs that
    // state a figure ("the staff report, which puts the cost at"), not those that infer ("the
    // accounts, which suggests it expected worse").
    r"(?:records?|filings?|data|documents?|papers|figures|statistics|reports?|disclosures?|estimates|numbers|polls?|surveys?|studies|study|analysis|analyses|audits?|receipts|tallies|returns|statements?|accounts|minutes|invoices?|ledgers?|spreadsheets?|transcripts?|budgets?|contracts?|memos?|letters?|emails?|prospectus(?:es)?|complaints?|petitions?|affidavits?|indictments?|lawsuits?|rulings?|schedules?|tables?|logs?|rolls?|rosters?|listings?|rules|guidelines|regulations|policies|bylaws|ordinances?)(?:\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[a-z’'-]+(?:\s+[a-z’'-]+)?)?(?:\s+(?:show|shows|showed|shown|indicate|indicates|indicated|reveal|reveals|revealed|suggest|suggests|suggested|confirm|confirms|confirmed|put|puts|list|lists|listed|found|find|finds|detail|details|detailed|say|says|said|state|states|stated|note|notes|noted|itemize|itemizes|itemized|itemise|itemises|itemised|record|records|recorded)|,?\s+(?:which|that)\s+(?:puts|put|shows|showed|lists|listed|states|stated|details|detailed|itemizes|itemized|records|recorded))",
    // A named or possessed document, with at most two plain words between ("Kestrel's
    // quarterly filing"); never an amount between ("the county's $1.2 million budget").
    r"(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+[’']s?\s+(?:[A-Za-z-]+\s+){0,2}?(?:report|study|survey|analysis|data|records?|filings?|figures|review|audit|estimates?|tally|reporting|investigation|statement|accounts|disclosure|memo|letter|spreadsheet)",
    // "the union's summary shows": a possessed thing that shows or lists is a document.
    r"(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+[’']s?\s+(?:[A-Za-z-]+\s+){1,2}?(?:shows|showed|lists|listed|indicates|indicated)",
    // "filings with the Securities and Exchange Commission show".
    // "records filed with the county planning office show".
    r"(?:records|filings?|documents?|data|figures|statistics|reports?|minutes|transcripts?|memos?|letters?|emails?|budgets?|contracts?)\s+(?:(?:filed|submitted|lodged|kept|held|posted|released|obtained)\s+)?(?:with|from|of|at|to|before|by)\s+(?:(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}'.&-])+\s+){1,6}?(?:show|shows|showed|indicate|indicates|indicated|list|lists|listed|reveal|reveals|revealed)",
    r"(?:as|was|were|been|is|are)\s+(?:first\s+)?reported\s+(?:by|in)",
    r"(?:sources?|officials?|spokesm[ae]n|spokeswom[ae]n|spokesperson|representatives?)\s+(?:say|said|says|told|confirmed|estimated)",
    r"(?:in|from)\s+(?:a|an|the|its|their)\s+(?:(?-i:[0-9A-Za-z_\x{80}-\x{10FFFF}])+\s+){0,3}(?:filing|report|statement|disclosure|release|interview|press\s+release|court\s+filing|study|survey|audit)",
];

/// Documents that source a figure after a bare "per" ("per filings", "per court records").
const PER_DOCUMENTS: &[&str] = &["records", "filings", "documents", "data", "figures", "statistics", "estimates", "minutes", "accounts", "disclosures", "reports", "papers", "returns", "transcripts"];

/// Words that may follow such documents and keep them a source: who holds or issued them.
const PER_DOCUMENTS_NEXT: &[&str] = &[
    "with", "from", "of", "filed", "released", "obtained", "published", "kept", "held", "at", "in", "on", "by", "seen",
    "reviewed", "submitted", "lodged", "posted", "compiled", "provided", "issued", "and", "cited",
];

/// Nouns after "per the" that make a rate ("per the hour"), not a source.
const PER_UNITS: &[&str] = &[
    "person", "people", "household", "head", "share", "capita", "year", "month", "week", "day", "hour", "minute",
    "unit", "cent", "mile", "gallon", "pound", "barrel", "ton", "acre", "student", "resident", "employee", "vote",
    "voter", "member", "seat", "ticket", "piece", "item", "dozen", "kilogram", "kilo", "liter", "litre", "meter",
    "square", "night", "visit", "game", "season", "quarter", "contract", "order", "case", "patient", "bed", "child",
];

/// Reporting verbs. The ambiguous present forms ("states", "reports", "notes", "estimates",
/// "shows", "finds") are nouns as often as verbs and count only with "that", a colon or a quote.
const VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "reported", "noted", "wrote", "writes", "stated", "estimated",
    "estimate", "found", "showed", "published", "confirmed", "confirms", "disclosed", "discloses", "announced",
    "announces", "explained", "added", "testified", "claimed", "claims", "acknowledged", "revealed", "reveals",
    "calculated", "tallied", "counted", "cited", "cites", "indicated", "indicates", "asserted", "alleged",
    "alleges", "argued", "argues", "insisted", "recalled", "observed", "concluded", "reports", "notes", "states",
    "estimates", "shows", "finds", "tweeted", "posted", "replied", "responded", "answered", "warned", "predicted",
    "projected", "forecast", "forecasts", "conceded", "countered", "put", "puts", "pegged", "pegs", "placed",
    "places", "valued", "values", "confirm", "described", "describes",
];
/// Participles after the speaker's own clause: "Marisol Brandt opposed the request, stating
/// that the $18 million …". Reporting verbs too, but like [`AMBIGUOUS`] forms they count only
/// with "that", a colon or a quote.
const PARTICIPLES: &[&str] = &[
    "stating", "saying", "noting", "arguing", "warning", "writing", "telling", "estimating", "acknowledging",
    "confirming", "explaining", "claiming", "insisting", "disclosing",
];
const AMBIGUOUS: &[&str] = &[
    "reports", "notes", "states", "estimates", "shows", "finds", "claims", "cites", "posted", "estimate", "say", "added",
    "replied", "responded", "answered", "projected", "forecast", "forecasts", "confirm",
];
/// Verbs that source a figure only as "X puts the cost at $5 million": an object, then "at"
/// and the amount ("valued at $2 billion" alone names no one). A `match` rather than a scan of
/// a list: asked of every reporting verb.
fn is_at_verb(w: &str) -> bool {
    matches!(w, "put" | "puts" | "pegged" | "pegs" | "placed" | "places" | "valued" | "values")
}
/// Words that start an object or a clause after a present-tense reporting verb ("Lawyers
/// estimate a typical payment", "The authority estimates the strike"): with one of them next,
/// "estimates" is a verb, not a noun ("the estimates vary").
const CLAUSE_START: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "it", "they", "he", "she", "we",
    "that", "about", "around", "roughly", "nearly", "some", "between", "up", "more", "less", "fewer", "at",
];
/// Words before a present-tense verb that make it a noun or no report ("in six states the",
/// "needs to say", "some say").
const NOT_A_SUBJECT: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "any", "to", "not", "of", "in", "on", "for", "with", "by",
    "from", "at", "as", "under", "over", "all", "both", "many", "most", "several", "other", "some", "few", "these",
    "those", "could", "would", "should", "can", "will", "may", "might", "must", "did", "do", "does", "cannot", "and",
    "or", "but", "that", "which", "who",
];

/// A word list as a set, built once, bucketed by a word's shape (length, first and last byte):
/// the lists above are asked of every reporting verb, and the bucket of a word holds a word or
/// two to compare, where a scan of fifty words, or hashing the word, cost more.
struct WordSet {
    buckets: Vec<Vec<&'static str>>,
}

impl WordSet {
    const BUCKETS: usize = 256;

    fn new(lists: &[&'static [&'static str]]) -> WordSet {
        let mut buckets = vec![Vec::new(); WordSet::BUCKETS];
        for &w in lists.iter().flat_map(|l| l.iter()) {
            buckets[WordSet::bucket(w.as_bytes())].push(w);
        }
        WordSet { buckets }
    }

    fn bucket(w: &[u8]) -> usize {
        match (w.first(), w.last()) {
            (Some(&f), Some(&l)) => (f as usize * 31 + l as usize * 7 + w.len()) % WordSet::BUCKETS,
            _ => 0,
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.buckets[WordSet::bucket(w.as_bytes())].iter().any(|x| *x == w)
    }
}

fn list_set(cell: &'static OnceLock<WordSet>, lists: &[&'static [&'static str]]) -> &'static WordSet {
    cell.get_or_init(|| WordSet::new(lists))
}

fn is_clause_start(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    list_set(&S, &[CLAUSE_START]).contains(w)
}

fn is_not_a_subject(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    list_set(&S, &[NOT_A_SUBJECT]).contains(w)
}

/// [`AMBIGUOUS`] or [`PARTICIPLES`].
fn needs_a_clause(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    list_set(&S, &[AMBIGUOUS, PARTICIPLES]).contains(w)
}

impl Cues {
    /// The built-in cues plus extra phrases and verbs from configuration (plain words, matched
    /// case-insensitively at word boundaries).
    pub fn new(extra_phrases: &[String], extra_verbs: &[String]) -> Cues {
        let mut phrases: Vec<String> = PHRASES.iter().map(|s| s.to_string()).collect();
        phrases.extend(extra_phrases.iter().map(|p| regex::escape(p.trim()).replace(' ', r"\s+")));
        let mut verbs: Vec<String> = VERBS.iter().chain(PARTICIPLES).map(|s| s.to_string()).collect();
        verbs.extend(extra_verbs.iter().map(|v| regex::escape(v.trim())));
        let verb_words = VerbWords::new(verbs.iter().map(String::as_str)).map(std::sync::Arc::new);
        // The per-[A-Z] alternatives must stay case-sensitive; the rest is case-insensitive.
        let phr = phrases.join("|");
        let id = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&phrases, &verbs).hash(&mut h);
            h.finish()
        };
        Cues {
            id,
            verb_words,
            // ASCII word boundaries: Unicode ones would force the slow regex engine on any text
            // with a curly quote in it.
            phrases: Regex::new(&format!(r"(?i)(?-u:\b)(?:{phr})(?-u:\b)")).expect("cue phrases compile"),
            verbs: Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", verbs.join("|"))).expect("cue verbs compile"),
        }
    }
}

impl Default for Cues {
    fn default() -> Self {
        Cues::new(&[], &[])
    }
}

/// A cue found in the prose.
#[derive(Debug, Clone)]
struct Cue {
    /// The sentence it belongs to (in its block).
    sentence: usize,
    kind: SourceKind,
    range: Range<usize>,
    /// For speech tags: the quote it introduces or closes.
    tag: Option<Tag>,
    /// Whether the cue sources anything: a reporting verb is asked ([`verb_counts`]) only when
    /// a figure's attribution comes to it, None until then. Most figures are sourced by the
    /// first cue of their own sentence, and the verbs after it, in the sentences around and
    /// without a quote to tag are then never looked at.
    counts: std::cell::Cell<Option<bool>>,
}

impl Cue {
    fn new(sentence: usize, kind: SourceKind, range: Range<usize>, tag: Option<Tag>) -> Cue {
        let counts = std::cell::Cell::new((kind != SourceKind::Verb).then_some(true));
        Cue { sentence, kind, range, tag, counts }
    }

    /// See [`Cue::counts`](field@Cue::counts).
    fn counts(&self, masked: &str) -> bool {
        self.counts.get().unwrap_or_else(|| {
            let counts = verb_counts(masked, &self.range);
            self.counts.set(Some(counts));
            counts
        })
    }
}

#[derive(Debug, Clone, Copy)]
enum Tag {
    /// `“…,” said X`: the quote ends at this offset (exclusive), began at the other.
    After { quote_start: usize },
    /// `X said: “…”`: the quote starts here and ends at the other.
    Before { quote_end: usize },
}

const OPEN_QUOTES: &[char] = &['“', '"', '«', '„'];

/// Quote spans (byte ranges, marks included) in `masked[range]`, appended to `out`: curly
/// pairs, and straight quotes paired in order.
fn quotes(masked: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &masked[range.clone()];
    let mut open: Option<usize> = None;
    // Every quote mark is '"' or starts with byte E2 (“ ” „) or C2 (« »), always a char's first
    // byte: memchr jumps between them instead of decoding every char of the document.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, s.as_bytes()) {
        let Some(c) = s[i..].chars().next() else { break };
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some(i),
            ('"', None) => open = Some(i),
            ('”' | '»', Some(o)) => {
                out.push(range.start + o..range.start + i + c.len_utf8());
                open = None;
            }
            ('"', Some(o)) if masked[range.start + o..].starts_with('"') || masked[range.start + o..].starts_with('“') => {
                out.push(range.start + o..range.start + i + 1);
                open = None;
            }
            ('“', Some(_)) => open = Some(i),
            _ => {}
        }
    }
    // An unclosed quote that runs to the paragraph's end (a quote continued in the next one).
    if let Some(o) = open {
        out.push(range.start + o..range.end);
    }
}

/// The words before `at`, nearest first, lower-cased (borrowed when already lower case).
fn prev_words(masked: &str, at: usize) -> impl Iterator<Item = Lower<'_>> {
    prev_raw_words(masked, at).map(Lower::new)
}

/// The words from `at` on, lower-cased (borrowed when already lower case).
fn next_words(masked: &str, at: usize) -> impl Iterator<Item = Lower<'_>> {
    next_raw_words(masked, at).map(Lower::new)
}

/// A byte of a word as [`prev_words`] and [`next_words`] split them, for ASCII bytes.
fn ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\''
}

/// A word in lower case for the word lists' tests, made without allocating: borrowed when it
/// is lower case already, lowered on the stack when it is short ASCII (the capitalised name
/// before or after a reporting verb), by [`Lower`] beyond ASCII (where a letter may lower into
/// ASCII: 'K' is 'k').
enum Word<'a> {
    Lower(Lower<'a>),
    Ascii([u8; 24], u8),
}

impl<'a> Word<'a> {
    fn new(w: &'a str) -> Word<'a> {
        let b = w.as_bytes();
        if b.len() <= 24 && b.is_ascii() {
            if !b.iter().any(u8::is_ascii_uppercase) {
                return Word::Lower(Lower::borrowed(w));
            }
            let mut buf = [0u8; 24];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            return Word::Ascii(buf, b.len() as u8);
        }
        Word::Lower(Lower::new(w))
    }

    fn as_str(&self) -> &str {
        match self {
            Word::Lower(l) => l.as_str(),
            // SAFETY: the bytes are the ASCII lower case of an ASCII word, and ASCII is UTF-8.
            // (`from_utf8` cost more than the lowering it spares: a word's test is a few bytes.)
            Word::Ascii(b, n) => unsafe { std::str::from_utf8_unchecked(&b[..*n as usize]) },
        }
    }
}

/// The words before `at`, nearest first, as written.
fn prev_raw_words(masked: &str, at: usize) -> impl Iterator<Item = &str> {
    masked[..at].split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).rev()
}

/// The words from `at` on, as written.
fn next_raw_words(masked: &str, at: usize) -> impl Iterator<Item = &str> {
    masked[at..].split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty())
}

/// Whether `c` (beyond ASCII) is part of a word as [`prev_raw_words`] and [`next_raw_words`]
/// split them. The quotes and dashes met around reporting verbs are ruled out before the
/// Unicode tables are asked.
fn word_char(c: char) -> bool {
    c == '’' || !matches!(c, '”' | '“' | '‘' | '—' | '–' | '…' | '«' | '»' | '\u{a0}') && c.is_alphanumeric()
}

/// The char (beyond ASCII) ending at byte `i` of `s`, and its length.
fn char_before(s: &str, i: usize) -> (char, usize) {
    let c = s[..i].chars().next_back().expect("a char");
    (c, c.len_utf8())
}

/// The char (beyond ASCII) starting at byte `i` of `s`, and its length.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let c = s[i..].chars().next().expect("a char");
    (c, c.len_utf8())
}

/// `prev_raw_words(masked, at).next()` (or ""), read back from `at` over bytes (asked of every
/// reporting verb): a char beyond ASCII ("”", "Á") is decoded only where it is met.
fn prev_word(masked: &str, at: usize) -> &str {
    let b = masked.as_bytes();
    let mut end = at;
    loop {
        while end > 0 && b[end - 1] < 0x80 && !ascii_word_byte(b[end - 1]) {
            end -= 1;
        }
        if end == 0 || b[end - 1] < 0x80 {
            break;
        }
        let (c, n) = char_before(masked, end);
        if word_char(c) {
            break;
        }
        end -= n;
    }
    let mut start = end;
    loop {
        while start > 0 && ascii_word_byte(b[start - 1]) {
            start -= 1;
        }
        if start == 0 || b[start - 1] < 0x80 {
            break;
        }
        let (c, n) = char_before(masked, start);
        if !word_char(c) {
            break;
        }
        start -= n;
    }
    &masked[start..end]
}

/// `next_raw_words(masked, at).next()` (or ""), read on from `at` over bytes.
fn next_word(masked: &str, at: usize) -> &str {
    &masked[next_word_range(masked, at)]
}

/// Where [`next_word`] is in `masked` (an empty range at the end when there is none).
fn next_word_range(masked: &str, at: usize) -> Range<usize> {
    let b = masked.as_bytes();
    let mut start = at;
    loop {
        while start < b.len() && b[start] < 0x80 && !ascii_word_byte(b[start]) {
            start += 1;
        }
        if start == b.len() || b[start] < 0x80 {
            break;
        }
        let (c, n) = char_at(masked, start);
        if word_char(c) {
            break;
        }
        start += n;
    }
    let mut end = start;
    loop {
        while end < b.len() && ascii_word_byte(b[end]) {
            end += 1;
        }
        if end == b.len() || b[end] < 0x80 {
            break;
        }
        let (c, n) = char_at(masked, end);
        if !word_char(c) {
            break;
        }
        end += n;
    }
    start..end
}

/// Whether "by" follows a passive verb ending at `at` within its clause, after at most a
/// short time phrase ("on Wednesday", "last week", "in March").
fn agent_follows(masked: &str, at: usize) -> bool {
    let clause = &masked[at..];
    let clause = &clause[..clause.find([',', '.', ';', ':', '\n']).unwrap_or(clause.len())];
    let mut words = next_words(clause, 0).take(4);
    match words.next() {
        Some(w) if w.as_str() == "by" => true,
        Some(w) if matches!(w.as_str(), "on" | "in" | "last" | "earlier" | "this" | "late" | "early") => words.any(|w| w.as_str() == "by"),
        _ => false,
    }
}

/// Whether a reporting verb at `r` has a source, rather than being a hedge ("is said to"),
/// an adjective ("an estimated $5") or a noun ("in six states").
fn verb_counts(masked: &str, r: &Range<usize>) -> bool {
    // Words are lowered without allocating (see [`Word`]): every verb match asks.
    let (verb, next, prev) = (Word::new(&masked[r.clone()]), Word::new(next_word(masked, r.end)), Word::new(prev_word(masked, r.start)));
    let (verb, next, prev) = (verb.as_str(), next.as_str(), prev.as_str());
    let after_raw = masked[r.end..].trim_start();
    // Passive without an agent is a hedge: "is said to", "was reported", "are estimated at".
    // The agent may come after a time ("was confirmed on Wednesday by a spokesperson").
    let be = |w: &str| matches!(w, "is" | "was" | "were" | "are" | "be" | "been" | "being");
    if matches!(prev, "is" | "was" | "were" | "are" | "be" | "been" | "being" | "reportedly" | "widely" | "not") && !agent_follows(masked, r.end) {
        return false;
    }
    // An adverb between ("is now estimated at", "was later confirmed"): the same passive.
    // (The word before the adverb is read only after an adverb.)
    if (prev.ends_with("ly") || matches!(prev, "now" | "also" | "still" | "already" | "later" | "since" | "then" | "once" | "again"))
        && prev_words(masked, r.start).nth(1).is_some_and(|w| be(w.as_str()))
        && !agent_follows(masked, r.end)
    {
        return false;
    }
    if next == "to" && matches!(verb, "said" | "reported" | "estimated" | "found" | "claimed" | "alleged") {
        return false;
    }
    // "an estimated $5", "the reported sum", "published reports" — but not after a comma
    // ("Kim, who voted no, noted that …").
    let gap_has_comma = masked[..r.start].trim_end().ends_with(',');
    // ", announced in February,": a participle that dates what it follows names no one who
    // spoke (", said the mayor" does, and so does "…, a group of opponents, wrote in a mailer
    // that …": a "that", colon or quote before the phrase ends makes it the sentence's verb).
    if gap_has_comma
        && (matches!(next, "in" | "on" | "at" | "last" | "earlier" | "this" | "during" | "after" | "before" | "yesterday" | "today" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
            || is_month(next))
    {
        let phrase_end = after_raw.find([',', '.', ';']).unwrap_or(after_raw.len());
        let phrase = &after_raw[..phrase_end];
        let reports = phrase.split_whitespace().take(8).any(|w| w.eq_ignore_ascii_case("that")) || phrase.contains([':', '"', '“']);
        // "…, our treasurer, Femi Adebayo, reported at the May meeting.": a name closing an
        // apposition before the verb, and the phrase ending the sentence, make it the verb of
        // the sentence's speaker, not a participle dating what it follows.
        let named_speaker = || {
            let before = masked[..r.start].trim_end().trim_end_matches(',');
            let mut back = before.rsplit(char::is_whitespace).filter(|w| !w.is_empty()).take(6);
            let mut name_words = 0;
            for w in back.by_ref() {
                if w.ends_with(',') {
                    return name_words > 0;
                }
                if !w.starts_with(|c: char| c.is_uppercase()) {
                    return false;
                }
                name_words += 1;
            }
            false
        };
        let tail = &after_raw[phrase_end..];
        // The speaker's verb may close the clause before a participle of the speaker's own
        // ("…, Ridgeback Leisure, confirmed on Tuesday, blaming a slide in betting").
        let participle_follows = || tail.strip_prefix(',').and_then(|t| t.split_whitespace().next()).is_some_and(|w| w.len() > 4 && w.ends_with("ing") && w.bytes().all(|b| b.is_ascii_lowercase()));
        let ends_sentence = tail.starts_with('.') || phrase_end == after_raw.len();
        if !reports && !((ends_sentence || participle_follows()) && named_speaker()) {
            return false;
        }
    }
    if !gap_has_comma && matches!(prev, "a" | "an" | "the" | "its" | "their" | "his" | "her" | "any") {
        return false;
    }
    // A headline's formula, "Our $1.35 million e-book deal, explained": no one explains.
    // (The rest of the line is looked for only then: it may be the rest of the paragraph.)
    let line_rest = || masked[r.end..].split('\n').next().unwrap_or("");
    if gap_has_comma && verb == "explained" && line_rest().trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '*' | '_')).is_empty() {
        return false;
    }
    if verb == "estimated" && (after_raw.starts_with(|c: char| c.is_ascii_digit() || "$€£¥".contains(c))) {
        return false;
    }
    // "found guilty", "found dead": not a finding of fact about a figure.
    if verb == "found" && matches!(next, "guilty" | "dead" | "alive" | "innocent" | "liable" | "himself" | "herself" | "themselves" | "itself") {
        return false;
    }
    // "puts the damage at US$4.8bn": the construction, not any "put".
    if is_at_verb(verb) {
        // "That puts the overrun at $975,000", "That would put overhead at $570,000": the
        // writer's sum of what came before, not a source's estimate.
        let mut back = prev_words(masked, r.start);
        let first = back.next().unwrap_or_default();
        let subject = if matches!(first.as_str(), "would" | "will" | "could" | "should" | "might" | "may" | "can") { back.next().unwrap_or_default() } else { first };
        if matches!(subject.as_str(), "that" | "this" | "which") {
            return false;
        }
        return puts_at_amount(masked, r.end) || puts_it(masked, r.end);
    }
    // A present-tense verb with its object or clause right after it, written in lower case (a
    // capital mid-sentence is a name: "the United States", "Calloway Claims"), after a word
    // that can end its subject ("Lawyers for the class estimate a typical payment").
    let object_follows = is_clause_start(next)
        || after_raw.starts_with(|c: char| c.is_ascii_digit() || "$€£¥".contains(c));
    // After a number, a word in -s is a plural noun ("in 12 states the"); "filings dated May
    // 14 confirm" is still a verb.
    // A number that ends a name ("Union Local 502 estimates the cranes …") counts nothing.
    let ends_a_name = || {
        let before = masked[..r.start].trim_end();
        let before = before[..before.rfind(char::is_whitespace).map_or(0, |i| i + 1)].trim_end();
        before.rsplit(char::is_whitespace).next().is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()) && !is_not_a_subject(Word::new(w).as_str()))
    };
    let counted_noun = verb.ends_with('s') && prev.bytes().any(|b| b.is_ascii_digit()) && !ends_a_name();
    let subject_before = !prev.is_empty() && !is_not_a_subject(prev) && !counted_noun;
    let written_lower = masked[r.clone()].starts_with(|c: char| c.is_ascii_lowercase());
    // "posted a loss", "added $5 million": bookkeeping, not reporting.
    let with_object = object_follows && subject_before && written_lower && !matches!(verb, "posted" | "added");
    // "needs to say", "did not say": a verb that did not report.
    // "As my father used to say: “…”", "as she likes to say,": a speaker's habitual words, told.
    let habit = || verb == "say" && prev == "to" && prev_words(masked, r.start).nth(1).is_some_and(|w| matches!(w.as_str(), "used" | "likes" | "liked" | "loves" | "loved")) && (after_raw.starts_with([':', ',']) || after_raw.starts_with(OPEN_QUOTES) || next == "that");
    if verb == "say" || verb == "estimate" || verb == "confirm" {
        return with_object
            || habit()
            || matches!(prev, "they" | "we" | "i" | "you" | "experts" | "officials" | "analysts" | "critics" | "sources" | "observers" | "advocates" | "researchers" | "authorities" | "police" | "prosecutors");
    }
    if needs_a_clause(verb) {
        let t = after_raw;
        return next == "that" || t.starts_with(':') || t.starts_with(',') || t.starts_with(OPEN_QUOTES) || with_object || closing_tag(masked, r, prev, written_lower);
    }
    true
}

/// A tag that closes its sentence after a comma: "…, he estimates.", "…, a rate study the
/// council commissioned projected." The verb ends the sentence, and what stands between the
/// comma and it (at most twelve words) ends in a word that can end its subject.
fn closing_tag(masked: &str, r: &Range<usize>, prev: &str, written_lower: bool) -> bool {
    let after = masked[r.end..].trim_start_matches([' ', '"', '”', '’']);
    let ends = after.is_empty() || after.starts_with(['.', '!', '?', '\n']);
    if !ends || !written_lower || prev.is_empty() || is_not_a_subject(prev) {
        return false;
    }
    // At most 160 bytes back, from a char boundary.
    let lo = (r.start.saturating_sub(160)..r.start).find(|&i| masked.is_char_boundary(i)).unwrap_or(r.start);
    let before = &masked[lo..r.start];
    // The marks are ASCII: found over bytes, never inside a char.
    match before.bytes().rposition(|b| matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?')) {
        Some(i) => before.as_bytes()[i] == b',' && before[i + 1..].split_whitespace().take(13).count() <= 12,
        None => false,
    }
}

/// Whether the words after a verb at `end` are an object, then "at" and an amount ("the cost
/// at $5 million", "the strike's cost at between $35 million and $45 million"), within ten
/// words and one clause.
/// "put it plainly: “…”", "puts it this way: “…”": a speech tag, when a colon or an opening
/// quote comes within four words.
fn puts_it(masked: &str, end: usize) -> bool {
    // "Bright put the savings plainly: “…”": a few words of object, a manner, then the quote.
    fn plainly<'a>(mut words: impl Iterator<Item = Option<&'a str>>) -> Option<bool> {
        for _ in 0..5 {
            let Some(w) = words.next() else { break };
            let w = w?;
            let (word, tail) = w.split_at(w.find([':', '“', '"', ',']).unwrap_or(w.len()));
            if matches!(word, "plainly" | "bluntly" | "simply" | "succinctly" | "directly" | "starkly" | "frankly") && tail.starts_with(':') {
                return Some(true);
            }
        }
        Some(false)
    }
    let after = &masked[end..];
    if plainly(ascii_words(after)).unwrap_or_else(|| plainly(after.split_whitespace().map(Some)) == Some(true)) {
        return true;
    }
    // The next word is not "it" when it starts with another ASCII byte (most do).
    let b = masked.as_bytes();
    let next = (end..b.len()).find(|&i| !matches!(b[i], b' ' | 0x09..=0x0D));
    if next.is_some_and(|i| b[i] < 0x80 && b[i] != b'i') {
        return false;
    }
    let Some(rest) = after.trim_start().strip_prefix("it") else { return false };
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let upto = rest.char_indices().filter(|(_, c)| c.is_whitespace()).nth(4).map_or(rest.len(), |(i, _)| i);
    rest[..upto].contains([':', '“', '"'])
}

fn puts_at_amount(masked: &str, end: usize) -> bool {
    const QUALIFIERS: &[&str] = &[
        "about", "around", "roughly", "nearly", "almost", "approximately", "some", "more", "than", "less", "fewer",
        "over", "under", "between", "up", "to", "as", "much", "many", "little", "least", "just", "close", "an", "a",
        "estimated", "well", "below", "above",
    ];
    // The answer from the words after the verb, or None when one is unknown (see
    // [`ascii_words`]).
    fn at_amount<'a>(mut words: impl Iterator<Item = Option<&'a str>>) -> Option<bool> {
        let mut seen = 0;
        while let Some(w) = words.next() {
            let w = w?;
            if w.eq_ignore_ascii_case("at") {
                if seen == 0 {
                    return Some(false);
                }
                for w in words.by_ref().take(6) {
                    let w = w?;
                    let bare = w.trim_matches(|c: char| c == '(' || c == '“' || c == '"');
                    if bare.starts_with(|c: char| c.is_ascii_digit() || "$€£¥".contains(c)) || bare.starts_with("US$") {
                        return Some(true);
                    }
                    if !QUALIFIERS.contains(&Lower::new(bare).as_str()) {
                        return Some(false);
                    }
                }
                return Some(false);
            }
            seen += 1;
            if seen > 10 || w.ends_with(['.', ';', ':', '!', '?']) {
                return Some(false);
            }
        }
        Some(false)
    }
    let after = &masked[end..];
    at_amount(ascii_words(after)).unwrap_or_else(|| at_amount(after.split_whitespace().map(Some)) == Some(true))
}

/// The words of `s` as `split_whitespace` gives them, read over bytes while they are ASCII
/// (`Some`), then one `None` at the first byte beyond ASCII, which may be white space or part
/// of a word: a caller that meets it asks `split_whitespace` instead. (The words after a
/// reporting verb are read for each one; `split_whitespace` decodes every char.)
fn ascii_words(s: &str) -> impl Iterator<Item = Option<&str>> {
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b' ' | 0x09..=0x0D);
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] < 0x80 && !space(b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] >= 0x80 {
            done = true;
            return Some(None);
        }
        if start == i {
            done = true;
            return None;
        }
        Some(Some(&s[start..i]))
    })
}

/// Whether the figure at `fig` sits in a "who"/"whose" clause (the comma-delimited stretch of
/// the sentence around it) that does not hold the cue at `cue`.
fn describes_a_person(masked: &str, sentence: &Range<usize>, fig: &Range<usize>, cue: &Range<usize>) -> bool {
    // Commas are ASCII: memchr finds them over bytes (a figure's sentence is asked per cue).
    let b = masked.as_bytes();
    let start = memchr::memrchr(b',', &b[sentence.start..fig.start]).map_or(sentence.start, |i| sentence.start + i + 1);
    let end = memchr::memchr(b',', &b[fig.end..sentence.end]).map_or(sentence.end, |i| fig.end + i);
    if cue.start >= start && cue.end <= end {
        return false;
    }
    let lead = &masked[start..fig.start];
    // Only ASCII words can be "who" or "whose": an ASCII lead is split over bytes.
    let who = |w: &[u8]| w.eq_ignore_ascii_case(b"who") || w.eq_ignore_ascii_case(b"whose");
    if lead.is_ascii() {
        return lead.as_bytes().split(|b| !b.is_ascii_alphanumeric()).any(who);
    }
    lead.split(|c: char| !c.is_alphanumeric()).any(|w| who(w.as_bytes()))
}

/// A month name, but not "may", which after a verb is the modal.
fn is_month(w: &str) -> bool {
    w != "may" && crate::text::MONTHS.contains(&w)
}

/// Whether a sentence opens by pointing back at the one before: a demonstrative and a noun
/// ("That loan", "This gap", "Those figures"), or "the" and a word for an amount ("The sum").
/// (Not inlined: asked of a few sentences, it only made `attribute_block` larger.)
#[inline(never)]
fn points_back(masked: &str, s: &Range<usize>) -> bool {
    // The words from the sentence's start on, as `next_words` gives them: read over bytes and
    // lowered on the stack (the first word is most often capitalised: "That", "The").
    let mut at = s.start;
    let mut words = std::iter::from_fn(|| {
        let r = next_word_range(masked, at);
        at = r.end;
        (!r.is_empty()).then(|| Word::new(&masked[r]))
    });
    let first = words.next();
    let second = words.next();
    // After a leading "but", "and", …, the words one on.
    let (det, noun) = if first.as_ref().map_or(false, |w| matches!(w.as_str(), "but" | "and" | "yet" | "still")) { (second, words.next()) } else { (first, second) };
    let det = det.as_ref().map(Word::as_str);
    let noun = noun.as_ref().map(Word::as_str);
    // "That was a record": the pronoun stands for what the sentence before stated.
    let demonstrative = matches!(det, Some("that" | "this" | "those" | "these"))
        && noun.map_or(false, |n| !matches!(n, "would" | "will" | "could" | "has" | "had" | "means" | "said" | "says" | "may" | "might"));
    let amount_word = |n: &str| {
        matches!(
            n,
            "sum" | "sums" | "figure" | "figures" | "amount" | "amounts" | "total" | "totals" | "number" | "numbers" | "money"
                | "estimate" | "estimates" | "tally" | "donation" | "donations" | "contribution" | "contributions" | "spending"
                | "funding" | "payment" | "payments" | "investment" | "cash" | "gift" | "price" | "cost" | "fine" | "haul"
                | "count" | "loan" | "gap" | "shortfall" | "deficit" | "cap" | "loss" | "subsidy" | "grant" | "debt" | "bill"
                | "offer" | "bid" | "award" | "settlement" | "payout" | "fee" | "rate"
        )
    };
    // Words that name a stated number as such: "the figure", "the sum", wherever they stand
    // ("Council member Dara Wexley noted that the figure has not changed").
    let number_word = |n: &str| matches!(n, "sum" | "sums" | "figure" | "figures" | "amount" | "amounts" | "number" | "numbers" | "tally" | "estimate");
    // "The investment fund Cold Current Capital has raised €45m": the amount word names what
    // kind of firm or body follows, not an amount.
    let mut names_a_body = || words.next().is_some_and(|w| matches!(w.as_str(), "fund" | "funds" | "firm" | "firms" | "bank" | "banks" | "company" | "group" | "manager" | "managers" | "house" | "arm" | "office" | "agency" | "committee" | "board"));
    if demonstrative || (matches!(det, Some("the" | "such")) && noun.is_some_and(amount_word) && !names_a_body()) {
        return true;
    }
    // Further in: "Court filings dated May 14 confirm that amount."
    // Every word of the sentence is asked, so the tests are cheap first: a demonstrative has
    // four or five bytes and starts with 't' (no letter beyond ASCII lowers into one), "the"
    // three, and a word is looked at for an amount only after one.
    let text = &masked[s.start..s.end];
    if text.is_ascii() {
        // Only a word that starts with 't' leads into an amount: memchr jumps between them, and
        // the word after each that is a demonstrative or "the" is read.
        let b = text.as_bytes();
        let word_end = |mut i: usize| {
            while i < b.len() && ascii_word_byte(b[i]) {
                i += 1;
            }
            i
        };
        let mut from = 0;
        while let Some(p) = memchr::memchr2(b't', b'T', &b[from..]) {
            let i = from + p;
            let end = word_end(i);
            from = end.max(i + 1);
            if i > 0 && ascii_word_byte(b[i - 1]) {
                continue;
            }
            let w = &text[i..end];
            let demonstrative = matches!(w.len(), 4 | 5) && with_lower(w, |w| matches!(w, "that" | "this" | "those" | "these"));
            let the = w.len() == 3 && w.eq_ignore_ascii_case("the");
            if !demonstrative && !the {
                continue;
            }
            let mut j = end;
            while j < b.len() && !ascii_word_byte(b[j]) {
                j += 1;
            }
            let next = &text[j..word_end(j)];
            if !next.is_empty() && (demonstrative && with_lower(next, amount_word) || the && with_lower(next, number_word)) {
                return true;
            }
        }
        return false;
    }
    let (mut after_demonstrative, mut after_the) = (false, false);
    let visit = |w: &str| {
        if after_demonstrative && with_lower(w, amount_word) || after_the && with_lower(w, number_word) {
            return true;
        }
        let t = w.as_bytes()[0] | 0x20 == b't';
        after_demonstrative = t && matches!(w.len(), 4 | 5) && with_lower(w, |w| matches!(w, "that" | "this" | "those" | "these"));
        after_the = t && w.len() == 3 && w.eq_ignore_ascii_case("the");
        false
    };
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).any(visit)
}

/// Sources of a document's blocks from its last analysis, keyed by everything attribution
/// reads of a block (its masked text, sentences, headings, figures and citations, and the
/// cues): a keystroke attributes again only the paragraph it touched. Holds one analysis's
/// blocks: each analysis replaces it.
#[derive(Debug, Default)]
pub struct SourceMemo {
    entries: crate::text::fasthash::Map<Box<[u8]>, std::sync::Arc<Vec<Option<Source>>>>,
    next: crate::text::fasthash::Map<Box<[u8]>, std::sync::Arc<Vec<Option<Source>>>>,
    /// Blocks the last analysis took from the memo.
    pub reused: usize,
}

/// Per-figure attribution for one document. `figures` are in sentence order.
pub fn attribute(cues: &Cues, prose: &Prose, sentences: &[Sentence], figures: &[(Range<usize>, usize)]) -> Vec<Option<Source>> {
    attribute_with(cues, prose, sentences, figures, None, None)
}

/// [`attribute`], reusing through `memo` the sources of every block an earlier analysis saw
/// with the same inputs. Attribution never looks outside a block (a paragraph, a heading, a
/// list item), so each block is attributed on its own text; the result is the same with or
/// without the memo.
///
/// `verbs`, when given, holds the reporting verbs the scanner's tokens showed, for the
/// sentences it scanned; other blocks run the verb regex.
pub fn attribute_with(
    cues: &Cues,
    prose: &Prose,
    sentences: &[Sentence],
    figures: &[(Range<usize>, usize)],
    mut memo: Option<&mut SourceMemo>,
    verbs: Option<&VerbHits>,
) -> Vec<Option<Source>> {
    let masked = prose.masked.as_str();
    let mut out: Vec<Option<Source>> = Vec::with_capacity(figures.len());
    let mut key: Vec<u8> = Vec::new();
    let mut verb_buf: Vec<Range<usize>> = Vec::new();
    // Each block's sentences, headings, figures and citations relative to it: buffers
    // reused across blocks rather than four vectors made per block.
    let mut local: Vec<Sentence> = Vec::new();
    let mut headings: Vec<bool> = Vec::new();
    let mut figs: Vec<(Range<usize>, usize)> = Vec::new();
    let mut citations: Vec<(Range<usize>, SourceKind)> = Vec::new();
    let mut scratch = Scratch::default();
    let mut hk = 0;
    let (mut s0, mut f0) = (0, 0);
    if let Some(m) = memo.as_deref_mut() {
        m.reused = 0;
        m.next.clear();
    }
    while s0 < sentences.len() {
        let block = sentences[s0].block;
        let s1 = s0 + sentences[s0..].iter().take_while(|s| s.block == block).count();
        let f1 = f0 + figures[f0..].iter().take_while(|f| f.1 < s1).count();
        // A block with no figure has nothing to attribute.
        if f1 == f0 {
            s0 = s1;
            continue;
        }
        let lo = sentences[s0].range.start;
        // Citations up to the next block belong to this one's sentences (a marker after a
        // paragraph's last word: "$5 million.[^1]").
        let region_end = sentences.get(s1).map_or(masked.len(), |s| s.range.start);
        // A link that opens the block starts at its bracket, before the first sentence.
        let c0 = prose.citations.partition_point(|c| c.range.end <= lo);
        let c1 = prose.citations.partition_point(|c| c.range.end <= region_end);
        let cites = &prose.citations[c0.min(c1)..c1];
        let hi = cites.iter().map(|c| c.range.end).fold(sentences[s1 - 1].range.end, usize::max).min(masked.len());
        local.clear();
        local.extend(sentences[s0..s1].iter().map(|s| Sentence { range: s.range.start - lo..s.range.end - lo, block: 0 }));
        headings.clear();
        // What `Prose::in_heading` answers, with the headings before a sentence counted on from
        // the sentence before rather than searched for: sentences come in order.
        headings.extend(sentences[s0..s1].iter().map(|s| {
            let hs = &prose.headings;
            if hk > 0 && hs[hk - 1].start > s.range.start {
                hk = hs.partition_point(|h| h.start <= s.range.start);
            }
            while hk < hs.len() && hs[hk].start <= s.range.start {
                hk += 1;
            }
            hk > 0 && s.range.end <= hs[hk - 1].end
        }));
        figs.clear();
        figs.extend(figures[f0..f1].iter().map(|(r, si)| (r.start - lo..r.end - lo, si - s0)));
        citations.clear();
        citations.extend(cites
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    CitationKind::Link => SourceKind::Link,
                    CitationKind::Footnote => SourceKind::Footnote,
                };
                (c.range.start.saturating_sub(lo)..c.range.end - lo, kind)
            }));
        let text = &masked[lo..hi];
        let block_verbs = |buf: &mut Vec<Range<usize>>| verbs.is_some_and(|v| v.block(masked, sentences, s0, s1, lo, buf));
        let found = match memo.as_deref_mut() {
            // Without a memo the block's sources are this call's alone: made in place, then
            // moved to the document's offsets.
            None => {
                let known = block_verbs(&mut verb_buf);
                let base = out.len();
                attribute_block(cues, text, &local, &headings, &citations, &figs, known.then_some(verb_buf.as_slice()), &mut scratch, &mut out);
                for s in out[base..].iter_mut().flatten() {
                    s.range = s.range.start + lo..s.range.end + lo;
                }
                s0 = s1;
                f0 = f1;
                continue;
            }
            Some(m) => {
                block_key(&mut key, cues.id, text, &local, &headings, &citations, &figs);
                // A hit moves its entry, key and all, to the next memo.
                match m.entries.remove_entry(key.as_slice()) {
                    Some((k, hit)) => {
                        m.reused += 1;
                        m.next.insert(k, hit.clone());
                        hit
                    }
                    None => {
                        let known = block_verbs(&mut verb_buf);
                        let mut found = Vec::with_capacity(figs.len());
                        attribute_block(cues, text, &local, &headings, &citations, &figs, known.then_some(verb_buf.as_slice()), &mut scratch, &mut found);
                        let found = std::sync::Arc::new(found);
                        m.next.insert(key.as_slice().into(), found.clone());
                        found
                    }
                }
            }
        };
        let moved = |s: &Source| Source { kind: s.kind.clone(), range: s.range.start + lo..s.range.end + lo, text: s.text.clone() };
        out.extend(found.iter().map(|s| s.as_ref().map(moved)));
        s0 = s1;
        f0 = f1;
    }
    if let Some(m) = memo {
        std::mem::swap(&mut m.entries, &mut m.next);
        m.next.clear();
    }
    // Figures outside any block's sentences (none in practice) have no source.
    out.resize(figures.len(), None);
    // A directive right after the figure: the first one after it, with only space between.
    for ((fr, _), src) in figures.iter().zip(out.iter_mut()) {
        let next_directive = prose.directives.partition_point(|d| d.range.start < fr.end);
        if let Some(d) = prose.directives.get(next_directive) {
            if d.body.split_whitespace().next() == Some("sourced") && masked.get(fr.end..d.range.start).map_or(false, |gap| gap.trim().is_empty()) {
                *src = Some(Source { kind: SourceKind::Marked, range: d.range.clone(), text: "crosscheck: sourced".into() });
            }
        }
    }
    out
}

/// Buffers [`attribute_block`] reuses from block to block (a document has thousands).
#[derive(Default)]
struct Scratch {
    /// The block's cues, by sentence ([`Cue::sentence`]) and then in reading order.
    cues: Vec<Cue>,
    /// Where each sentence's cues start in `cues`, and their end last.
    first: Vec<usize>,
    /// The sentences whose cues a figure reads whatever the quotes.
    read: Vec<bool>,
    /// Each block's extent, its quotes, and where they start in `quote_spans` (their end last).
    extent: Vec<Option<Range<usize>>>,
    quote_spans: Vec<Range<usize>>,
    quote_first: Vec<usize>,
}

/// The memo key of one block: everything [`attribute_block`] reads.
fn block_key(key: &mut Vec<u8>, cues: u64, text: &str, sentences: &[Sentence], headings: &[bool], citations: &[(Range<usize>, SourceKind)], figures: &[(Range<usize>, usize)]) {
    key.clear();
    let num = |key: &mut Vec<u8>, n: usize| key.extend_from_slice(&(n as u32).to_le_bytes());
    key.extend_from_slice(&cues.to_le_bytes());
    num(key, sentences.len());
    for (s, h) in sentences.iter().zip(headings) {
        num(key, s.range.start);
        num(key, s.range.end);
        key.push(*h as u8);
    }
    num(key, figures.len());
    for (r, si) in figures {
        num(key, r.start);
        num(key, r.end);
        num(key, *si);
    }
    num(key, citations.len());
    for (r, k) in citations {
        num(key, r.start);
        num(key, r.end);
        key.push(matches!(k, SourceKind::Link) as u8);
    }
    key.extend_from_slice(text.as_bytes());
}

/// Attribution of one block's figures, on the block's own masked text (offsets relative to
/// it): its sentences (one block), whether each is a heading, its citations with the sentence
/// they follow, and its figures with their sentence; `verbs`, where the verb regex matches
/// (from the scanner's tokens), or None to run it.
fn attribute_block(
    cues: &Cues,
    masked: &str,
    sentences: &[Sentence],
    headings: &[bool],
    citations: &[(Range<usize>, SourceKind)],
    figures: &[(Range<usize>, usize)],
    verbs: Option<&[Range<usize>]>,
    scratch: &mut Scratch,
    out: &mut Vec<Option<Source>>,
) {
    // Cues of each sentence, from one pass of each regex over the whole text.
    // The block's cues, sorted by sentence below, and where each sentence's start.
    let Scratch { cues: block_cues, first, read, extent, quote_spans, quote_first } = scratch;
    block_cues.clear();
    let sentence_of = |off: usize| -> Option<usize> {
        let i = sentences.partition_point(|s| s.range.end <= off);
        sentences.get(i).filter(|s| s.range.start <= off).map(|_| i)
    };
    // The sentences whose cues a figure reads whatever the quotes: its own and the next one
    // (which may point back). Outside them only a speech tag matters (a verb's, never a
    // phrase's): a phrase there is not looked at, nor a verb in a block without quotes.
    read.clear();
    read.resize(sentences.len(), false);
    for &(_, si) in figures {
        read[si] = true;
        if let Some(r) = read.get_mut(si + 1) {
            *r = true;
        }
    }
    for m in cues.phrases.find_iter(masked) {
        let Some(si) = sentence_of(m.start()).filter(|&si| read[si]) else { continue };
        // "the company's data-centre storage": a cue noun in a compound is no source.
        if masked[m.end()..].starts_with('-') {
            continue;
        }
        // "per the hour", "per a household": a rate, not a source.
        if m.as_str().get(..3).map_or(false, |p| p.eq_ignore_ascii_case("per")) {
            let last = m.as_str().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
            // "per the contract", "per its order": a document with its determiner is a source;
            // "$5 per contract" is a rate.
            let document = matches!(last.as_str(), "contract" | "order") && m.as_str().split_whitespace().nth(1).is_some_and(|d| matches!(d.to_lowercase().as_str(), "the" | "its" | "their" | "his" | "her"));
            if PER_UNITS.contains(&last.as_str()) && !document {
                continue;
            }
            // "per filings with the audit chamber", "per court records": documents named in the
            // plural are a source, unless a noun follows that they modify ("$15 per records
            // request"): only punctuation, the sentence's end or a word that tells whose or
            // which documents may come next.
            if PER_DOCUMENTS.contains(&last.as_str()) {
                let next = masked[m.end()..].trim_start();
                let word = &next[..next.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(next.len())];
                if !word.is_empty() && !next.starts_with(char::is_uppercase) && !PER_DOCUMENTS_NEXT.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                    continue;
                }
            }
            // "per general contractor Halvorsen Build": lower-case words before the name are a
            // role, unless one is a rate's unit or a little word ("per household in Marrick").
            let lowers: Vec<String> = m.as_str().split_whitespace().skip(1).take_while(|w| w.starts_with(|c: char| c.is_ascii_lowercase())).map(str::to_lowercase).collect();
            if !lowers.is_empty() && !matches!(lowers[0].as_str(), "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "my" | "your") {
                let unit = |w: &String| PER_UNITS.contains(&w.as_str()) || w.strip_suffix('s').is_some_and(|v| PER_UNITS.contains(&v));
                if lowers.iter().any(|w| unit(w) || matches!(w.as_str(), "in" | "at" | "of" | "for" | "on" | "by" | "to" | "and" | "or" | "from" | "with" | "each" | "every" | "than")) {
                    continue;
                }
            }
            // "per Marrick City resident": a name that modifies the unit of a rate. The first
            // word in lower case after the name decides ("per Census Bureau data" is a source).
            // Only after a name: "per the board minutes" runs on in its own noun phrase.
            let after_name = m.as_str().rsplit(char::is_whitespace).next().is_some_and(|w| w.starts_with(char::is_uppercase));
            let unit = after_name.then(|| masked[m.end()..].split_whitespace().take(5).find(|w| !w.starts_with(char::is_uppercase)).map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase())).flatten();
            if unit.is_some_and(|u| PER_UNITS.contains(&u.as_str()) || u.strip_suffix('s').is_some_and(|v| PER_UNITS.contains(&v))) {
                continue;
            }
        }
        // "on this publication's estimate", "our analysis": the writer's own outlet is the
        // writer, not a source.
        if writers_own(&masked[..m.start()], m.as_str()) {
            continue;
        }
        block_cues.push(Cue::new(si, SourceKind::Phrase, m.range(), None));
    }
    // Quotes per block, for speech tags. Blocks number sentences in order, so one pass finds
    // each block's extent.
    let blocks = sentences.last().map_or(0, |s| s.block + 1);
    extent.clear();
    extent.resize(blocks, None);
    for s in sentences {
        let e = &mut extent[s.block];
        *e = Some(match e.take() {
            Some(r) => r.start..s.range.end,
            None => s.range.clone(),
        });
    }
    quote_spans.clear();
    quote_first.clear();
    for e in extent.iter() {
        quote_first.push(quote_spans.len());
        if let Some(r) = e {
            quotes(masked, r.clone(), quote_spans);
        }
    }
    quote_first.push(quote_spans.len());
    let (quote_spans, quote_first) = (&*quote_spans, &*quote_first);
    let block_quotes = |b: usize| &quote_spans[quote_first[b]..quote_first[b + 1]];
    let found: Vec<Range<usize>>;
    let verbs = match verbs {
        Some(v) => v,
        None => {
            found = cues.verbs.find_iter(masked).map(|m| m.range()).collect();
            &found
        }
    };
    for r in verbs {
        let r = r.clone();
        let Some(si) = sentence_of(r.start) else { continue };
        if !read[si] && block_quotes(sentences[si].block).is_empty() {
            continue;
        }
        // A capitalised verb inside a sentence is part of a name ("Calloway Claims", "the
        // Daily Reports"); headlines capitalise every word. (The cheap tests first: each only
        // drops the verb, so their order does not matter.)
        if masked[r.clone()].starts_with(|c: char| c.is_uppercase())
            && !headings[si]
            && !masked[sentences[si].range.start..r.start].trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
        {
            continue;
        }
        let qs = block_quotes(sentences[si].block);
        // Inside a quote, a verb is the speaker's words, not an attribution.
        if qs.iter().any(|q| q.start < r.start && r.end < q.end) {
            continue;
        }
        let tag = speech_tag(masked, &r, qs);
        block_cues.push(Cue::new(si, SourceKind::Verb, r, tag));
    }
    for (range, kind) in citations {
        // A marker just after a sentence's last word belongs to it ("$5 million.[^1]").
        // A link whose text opens a sentence starts at its bracket, before the sentence's
        // first word: it belongs to the sentence it opens, not the one before.
        let opens = || {
            let i = sentences.partition_point(|s| s.range.start < range.start);
            sentences.get(i).filter(|s| s.range.start < range.end).map(|_| i)
        };
        let si = sentence_of(range.start).or_else(opens).or_else(|| {
            let i = sentences.partition_point(|s| s.range.end <= range.start);
            let prev = i.checked_sub(1)?;
            masked[sentences[prev].range.end..range.start].trim().is_empty().then_some(prev)
        });
        if let Some(si) = si {
            block_cues.push(Cue::new(si, kind.clone(), range.clone(), None));
        }
    }

    // A sentence's cues in reading order: the first names the attribution ("Breitbart News
    // first reported that another document confirmed …" is Breitbart's report). The sort is
    // stable: cues at one offset stay phrase, verb, citation, as they were found.
    block_cues.sort_by_key(|c| (c.sentence, c.range.start));
    first.clear();
    let mut k = 0;
    for s in 0..=sentences.len() {
        while k < block_cues.len() && block_cues[k].sentence < s {
            k += 1;
        }
        first.push(k);
    }
    let block_cues = &*block_cues;
    let by_sentence = |s: usize| &block_cues[first[s]..first[s + 1]];
    // Whether the sentence (index) last asked points back at the one before it.
    let mut pointing: Option<(usize, bool)> = None;

    // The cue that sources the figure `fr` in sentence `si`, and as what.
    let mut cue_of = |fr: &Range<usize>, si: &usize| -> Option<(&Cue, SourceKind)> {
        let sentence = &sentences[*si];
        let qs = block_quotes(sentence.block);
        let in_quote = |a: usize, q_start: usize, q_end: usize| q_start <= a && a < q_end;
        for c in by_sentence(*si).iter().filter(|c| c.counts(masked)) {
            match c.tag {
                // A speaker's description ("said Marcus Oyelaran, who oversees a $1.2 billion
                // budget"; "Its chair, a skipper who sold her boat for £340,000, wrote …") is
                // not what the speaker said.
                None if c.kind == SourceKind::Verb && describes_a_person(masked, &sentence.range, fr, &c.range) => {}
                None => return Some((c, c.kind.clone())),
                Some(Tag::After { quote_start }) => {
                    // The quote it closes, and what leads into the quote in this sentence;
                    // never what follows the tag (the speaker's description).
                    let q_end = qs.iter().find(|q| q.start == quote_start).map_or(c.range.start, |q| q.end);
                    if in_quote(fr.start, quote_start, q_end) || (fr.start >= sentence.range.start && fr.end <= c.range.start) {
                        return Some((c, SourceKind::Verb));
                    }
                }
                Some(Tag::Before { quote_end }) => {
                    if fr.start >= c.range.end && fr.start < quote_end.max(sentence.range.end) {
                        return Some((c, SourceKind::Verb));
                    }
                }
            }
        }
        // A speech tag in an earlier sentence of the block that opens a quote holding this
        // figure ("He said: “… It cost us $2 million a year. …”").
        // (A quote runs a few sentences at most: look back at most 30.)
        for earlier in (si.saturating_sub(30)..*si).rev() {
            if sentences[earlier].block != sentence.block {
                break;
            }
            for c in by_sentence(earlier) {
                if let Some(Tag::Before { quote_end }) = c.tag {
                    if fr.start >= c.range.end && fr.end <= quote_end && c.counts(masked) {
                        return Some((c, SourceKind::Verb));
                    }
                }
            }
        }
        // A speech tag in a later sentence of the block that closes a quote holding this figure.
        for later in (*si + 1)..sentences.len().min(*si + 31) {
            if sentences[later].block != sentence.block {
                break;
            }
            for c in by_sentence(later) {
                if let Some(Tag::After { quote_start }) = c.tag {
                    if quote_start <= fr.start && fr.end <= c.range.start && c.counts(masked) {
                        return Some((c, SourceKind::Verb));
                    }
                }
            }
        }
        // A quote that goes on right after a tag closed the quote before it, with nothing
        // but the tag between ("“We looked at four,” she said. “… under €15 million …”"),
        // or the tag and the speaker's description up to the end of its sentence ("…,” said
        // Priya Castell, an analyst at Brookline. “We had modeled $800 million.”): the same
        // speaker.
        if let Some(q) = qs.iter().find(|q| q.start <= fr.start && fr.end <= q.end) {
            if let Some(q0) = qs.iter().filter(|p| p.end <= q.start).last() {
                for earlier in (si.saturating_sub(5)..=*si).rev() {
                    if sentences[earlier].block != sentence.block {
                        break;
                    }
                    for c in by_sentence(earlier) {
                        if let Some(Tag::After { quote_start }) = c.tag {
                            let gap = masked.get(c.range.end..q.start).unwrap_or("x x x x");
                            let words = gap.split_whitespace().count();
                            // The quote opens the sentence after the tag's.
                            let opens_next = sentences.get(earlier + 1).is_some_and(|n| n.block == sentence.block && n.range.start <= q.start && q.start <= n.range.start + 4);
                            if quote_start == q0.start && c.range.end <= q.start && (words <= 3 || opens_next && words <= 15) && !gap.contains(OPEN_QUOTES) && c.counts(masked) {
                                return Some((c, SourceKind::Verb));
                            }
                        }
                    }
                }
            }
        }
        // The next sentence points back with its own cue.
        if let Some(next) = sentences.get(*si + 1).filter(|n| n.block == sentence.block) {
            // The sentence's cue first: it is cheaper to look at than its words.
            if let Some(c) = by_sentence(*si + 1).iter().find(|c| c.counts(masked)) {
                // Asked once per sentence, not once per figure before it.
                let back = match pointing {
                    Some((at, b)) if at == *si + 1 => b,
                    _ => points_back(masked, &next.range),
                };
                pointing = Some((*si + 1, back));
                if back {
                    return Some((c, SourceKind::BackReference));
                }
            }
        }
        None
    };
    // The last cue's text is copied from its source for the next figure that names the same
    // cue (the figures of a sentence mostly share one; trimming and collapsing it cost more
    // than the copy), and made once, with no copy kept, for a cue met first.
    let mut last: Option<(Range<usize>, usize)> = None;
    out.reserve(figures.len());
    for (fr, si) in figures {
        let source = cue_of(fr, si).map(|(c, kind)| {
            let text = match &last {
                Some((r, k)) if *r == c.range => out.get(*k).and_then(Option::as_ref).map_or_else(|| cue_text(masked, c), |s| s.text.clone()),
                _ => {
                    last = Some((c.range.clone(), out.len()));
                    cue_text(masked, c)
                }
            };
            Source { kind, range: c.range.clone(), text }
        });
        out.push(source);
    }
}

/// A speech tag: a quote in `qs` closes within a few words before the verb at `r`, or opens
/// right after it.
fn speech_tag(masked: &str, r: &Range<usize>, qs: &[Range<usize>]) -> Option<Tag> {
    qs
        .iter()
        .filter(|q| q.end <= r.start && masked[q.end..r.start].split_whitespace().take(5).count() <= 4 && !ends_a_sentence(&masked[q.end..r.start]))
        .last()
        .map(|q| Tag::After { quote_start: q.start })
        .or_else(|| {
            qs.iter()
                .find(|q| {
                    if q.start < r.end {
                        return false;
                    }
                    let gap = &masked[r.end..q.start];
                    let plain = |c: char| c.is_alphanumeric() || c.is_whitespace() || c == ',' || c == ':' || c == '’' || c == '\'';
                    // A quote led in with a colon may follow a longer clause ("told the
                    // board on Monday: “…”", "said the concerts caused the drop: “…”").
                    let colon_led = gap.trim_end().ends_with(':') && gap.split_whitespace().take(16).count() <= 15 && gap.chars().all(|c| plain(c) || c == '-');
                    // So may a comma-led one ("told the board in December, “…”").
                    let comma_led = gap.trim_end().ends_with(',') && gap.split_whitespace().take(9).count() <= 8 && gap.chars().all(plain);
                    gap.split_whitespace().take(4).count() <= 3 && gap.chars().all(plain) || colon_led || comma_led
                })
                .map(|q| Tag::Before { quote_end: q.end })
        })
}

/// The cue as a reader would name it: the verb with its neighbouring name, or the phrase.
///
/// Trimmed first: a link's cue is its text with the brackets and target blanked after it,
/// and the text alone is most often collapsed already (no copy made a space at a time).
fn cue_text(masked: &str, c: &Cue) -> String {
    // ASCII white space trimmed over bytes (the ends are then char boundaries); any other at
    // the ends is left to `collapse_spaces`, which drops it as well.
    let b = masked.as_bytes();
    let space = |c: u8| matches!(c, b' ' | 0x09..=0x0D);
    let (mut start, mut end) = (c.range.start, c.range.end);
    while start < end && space(b[start]) {
        start += 1;
    }
    while end > start && space(b[end - 1]) {
        end -= 1;
    }
    crate::text::collapse_spaces(&masked[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_are_the_white_space_split_words() {
        for s in ["", " ", "a", " put the cost  at $5 million. ", "x\x0by\tz\n", "it’s", "a b\u{a0}c", "“x” y", "at é", "ab\u{2003}"] {
            let ascii: Vec<Option<&str>> = ascii_words(s).collect();
            let split: Vec<&str> = s.split_whitespace().collect();
            let known: Vec<&str> = ascii.iter().map_while(|w| *w).collect();
            assert_eq!(known, split[..known.len()], "{s:?}");
            // All known unless a byte beyond ASCII was met, and then marked once, last.
            assert_eq!(ascii.len() == known.len(), s.is_ascii(), "{s:?}");
            assert!(ascii.len() <= known.len() + 1, "{s:?}");
        }
    }

    #[test]
    fn word_sets_hold_their_lists() {
        for (lists, test) in [(&[CLAUSE_START][..], is_clause_start as fn(&str) -> bool), (&[NOT_A_SUBJECT][..], is_not_a_subject), (&[AMBIGUOUS, PARTICIPLES][..], needs_a_clause)] {
            let all: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            for w in all.iter().copied().chain(VERBS.iter().copied()).chain(["", "x", "thee", "said", "Said", "estimated", "é", "somes"]) {
                assert_eq!(test(w), all.contains(&w), "{w:?}");
            }
        }
    }
    use crate::figures;
    use crate::text::{sentences, Format};

    /// Sourced-or-not for each money figure of `text`, with the cue's text.
    fn run(text: &str, format: Format) -> Vec<(String, Option<String>)> {
        let prose = Prose::new(text, format);
        let sents = sentences::split(&prose.masked, &prose.breaks);
        let mut figs = Vec::new();
        for (i, s) in sents.iter().enumerate() {
            for f in figures::extract(&prose.masked, s.range.clone()) {
                if f.kind == figures::FigureKind::Money {
                    figs.push((f.range, i));
                }
            }
        }
        let srcs = attribute(&Cues::default(), &prose, &sents, &figs);
        figs.iter().zip(srcs).map(|((r, _), s)| (text[r.clone()].to_string(), s.map(|s| s.text))).collect()
    }

    fn sourced(text: &str) -> Vec<bool> {
        run(text, Format::Markdown).into_iter().map(|(_, s)| s.is_some()).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[bool])] = &[
            // Source phrases.
            ("According to county filings, the PAC spent $2 million.", &[true]),
            ("The PAC spent $2 million, according to filings.", &[true]),
            ("Per the Tribune, the PAC spent $2 million.", &[true]),
            ("Per Reuters, the PAC spent $2 million.", &[true]),
            ("Campaign records show the PAC spent $2 million.", &[true]),
            ("Data from the state board put spending at $2 million.", &[true]),
            ("Research by the Brennan Center found $2 million in ads.", &[true]),
            ("A study published by the institute counted $2 million.", &[true]),
            ("The Ledger's analysis shows $2 million went to ads.", &[true]),
            ("Citing bank statements, the suit puts the loss at $2 million.", &[true]),
            // Names with non-ASCII letters and curly apostrophes in the phrase patterns.
            ("Per Société Générale, the fund lost €2 million.", &[true]),
            ("Müller’s report shows the fund lost €2 million.", &[true]),
            ("Records filed with the Ærø municipality show €2 million in grants.", &[true]),
            // Reporting verbs with their source.
            ("The Herald reported that the PAC spent $2 million.", &[true]),
            ("The PAC spent $2 million, the Herald reported.", &[true]),
            ("The PAC spent $2 million, said Dana Ortiz, its treasurer.", &[true]),
            ("Officials estimated the damage at $2 million.", &[true]),
            ("She told reporters the fund held $2 million.", &[true]),
            ("The audit found $2 million missing.", &[true]),
            // Not sources.
            // Documents that list; a quote going on in the sentence after its tag and the
            // speaker's description; "put it" before a colon-led quote.
            ("The prospectus lists the outfitter's claim at $14 million.", &[true]),
            // "That puts …": the writer's arithmetic.
            ("The bids came in at $1.1 million and $2 million. That puts the overrun at roughly $975,000.", &[false, false, false]),
            ("Costs were held to 4 percent of grants. That would put overhead at roughly $570,000 so far.", &[false]),
            // A rate per a named place's residents is no source; data named after "per" is.
            ("The gap is $8.3 million, or roughly $29 per Marrick City resident.", &[false, false]),
            ("Rents rose to $1,450, per Census Bureau data.", &[true]),
            // Documents in the plural after a bare "per" are a source; as a rate's modifier, not.
            ("The county paid $2.4 million for the depot, per filings with the state land office.", &[true]),
            ("Tolls rose to $6.50 in May, per court records.", &[true]),
            ("The clerk charges $15 per records request.", &[false]),
            ("Roaming costs $3 per data plan.", &[false]),
            // A role, then the name; a rate's unit or a little word before a name is no source.
            ("Costs come to $9.7 million, per general contractor Halvorsen Build.", &[true]),
            ("The levy is $41 per household in Marrick this year.", &[false]),
            ("The fee is $12 per square foot Monday through Friday.", &[false]),
            // Minutes of a meeting show, as records do; a number that ends a name is no count.
            ("The board had budgeted $40 million, minutes from that meeting show.", &[true]),
            ("Union Local 502 estimates the jobs will pay C$95,000 a year.", &[true]),
            ("In 12 states the estimates top $3 million.", &[false]),
            ("The board's own papers show the fee would raise A$41 million.", &[true]),
            ("Analysts would put the loss at $5 million.", &[true]),
            // A passive verb whose agent comes after a time.
            ("The lender is owed about £52 million. That figure was confirmed on Wednesday by a bank spokesperson.", &[true]),
            ("Suppliers were paid £4 million, which was confirmed in March.", &[false]),
            // "of" and a few words between the document and its verb.
            ("The levee ran $2 million over budget. That overrun was questioned, minutes of the board meeting show.", &[true]),
            ("Records of the water authority show a $4 million reserve.", &[true]),
            ("The minutes of the meeting were approved, and dues stay at $40 a year.", &[false]),
            ("\"We lost the whole crop,\" said Ana Ruiz, a grower near Calder. \"It will cost us $250,000.\"", &[true]),
            ("Grower Ana Ruiz put it bluntly: \"Nobody carries $250,000 in debt for long.\"", &[true]),
            ("\"We lost the whole crop,\" said Ana Ruiz. The co-op later spent $250,000 on fans.", &[false]),
            ("She put it to the board. The co-op spent $250,000 on fans.", &[false]),
            // A colon-led quote after a longer clause sources the quote, both its sentences;
            // "per our partner" names a source. A quote before the verb is no tag after it.
            ("Development director Priya Vance told the board on Monday: \"Members gave $1.1 million. Donors added another $420,000.\"", &[true, true]),
            // So does a comma-led one after a short clause, in its second sentence too.
            ("The treasurer told members at the March meeting, \"We can raise some of it. Another $75,000 is out of reach.\"", &[true]),
            ("Car donations came to $36,500, per our vehicle partner.", &[true]),
            ("A site charging $39.99 to \"guarantee\" a spot is a scam, the agency said.", &[true]),
            ("The PAC reportedly spent $2 million.", &[false]),
            ("The PAC is said to have spent $2 million.", &[false]),
            // An adverb inside the passive leaves it agentless; an agent after it sources it.
            ("The final harvest is now estimated at $96 million.", &[false]),
            ("The final harvest is now estimated by the growers' union at $96 million.", &[true]),
            ("An estimated $2 million was spent.", &[false]),
            ("Our $1.35 million e-book deal, explained", &[false]),
            ("Bright put the savings plainly: “Trailers cost us $18,000 a month.”", &[true]),
            ("Bright put the savings plainly, and the trailers cost $18,000 a month.", &[false]),
            ("The deal costs $1.35 million, the director explained.", &[true]),
            ("A weekend round costs residents $48, city fee schedules show.", &[true]),
            // The rules and guidelines a body publishes, and a document "which puts" a figure.
            ("Households earning less than $52,000 a year qualify, the district's eligibility rules state.", &[true]),
            ("Ms. Ortiz presented the staff report, which puts the cost of four kiosks at $1.86 million.", &[true]),
            ("The firm set aside $31 million in its quarterly accounts, which suggests it expected worse.", &[false]),
            ("“It costs $40,000 a year. We sell,” the Rev. Anneke Doyle said.", &[true]),
            ("“It costs $40,000 a year. We sell.” The Rev. Doyle left.", &[false]),
            ("The vote cost us $40,000 in fees.", &[false]),
            // The writer's own outlet is the writer.
            ("That would climb to about C$630 million, on this newspaper's estimate.", &[false]),
            ("The bill came to $4 million, per our analysis.", &[false]),
            ("The bill came to $4 million, the Harlow Ledger's analysis shows.", &[true]),
            // A participle with "that" after the speaker's clause.
            ("Marisol Brandt opposed the request, stating that the $18 million would be better spent elsewhere.", &[true]),
            ("The stating of $18 million in the minutes was a mistake.", &[false]),
            ("Tickets cost $20 per person.", &[false]),
            ("Tickets cost $20 per the hour.", &[false]),
            ("Tickets cost $20, per the authority.", &[true]),
            ("The winning bid was $96,500, per the board minutes.", &[true]),
            ("The levy is $2 per Marrick City resident.", &[false]),
            ("Mayor Ines Calder described the $4 million settlement as the end of a long fight.", &[true]),
            ("Per the contract, the city will withhold $120,000 until the roof passes inspection.", &[true]),
            ("Brokers charge $5 per contract.", &[false]),
            ("Fees run $5 per contract order.", &[false]),
            ("The PAC spent $2 million in six states.", &[false]),
            ("The fund gave $2 million to the group.", &[false]),
            ("He was found guilty of stealing $2 million.", &[false]),
            // Links, footnotes, markers, directives.
            ("The PAC spent [$2 million](https://example.org/filing).", &[true]),
            ("The PAC spent $2 million ([filing](https://example.org)).", &[true]),
            // A link whose text is the whole sentence sources it, not the sentence before.
            ("Intro words here. [The fund received $1.4 million](https://a.example/x).", &[true]),
            ("[The fund received $1.4 million this year](https://a.example/x).", &[true]),
            ("The PAC spent $2 million.\n\n[The fund received $1.4 million](https://a.example/x).", &[false, true]),
            ("The PAC spent $2 million. [The report](https://a.example/x) is long.", &[false]),
            ("The PAC spent $2 million.[^1]\n\n[^1]: State filing.", &[true]),
            ("The PAC spent $2 million [3].", &[true]),
            ("The PAC spent $2 million <!-- crosscheck: sourced --> on ads.", &[true]),
            ("The PAC spent $2 million on ads <!-- crosscheck: sourced -->.", &[false]),
            // Back-references.
            ("The donor has put $3 million into the races. That sum tops every rival, the Ledger noted.", &[true]),
            ("The donor has put $3 million into the races. The Ledger noted other races.", &[false]),
            ("The bank lent $30 million to the owners. That loan was never repaid, court records show.", &[true]),
            ("The bank lent $30 million to the owners. That was a mistake.", &[false]),
            ("The bank lent $30 million to the owners. Those owners later sold the inn.", &[false]),
            ("Kim Lee, who voted no, noted that the city owes $7.5 million on bonds.", &[true]),
            ("The mayor said: “The system was broken. It cost us $2 million a year. Now it works.”", &[true]),
            // Quotes: the tag sources the quote and what leads into it, not the speaker's description.
            ("“We raised $2 million,” said Dana Ortiz.", &[true]),
            ("“It matters,” said Dana Ortiz, who gave $2 million to the group.", &[false]),
            ("Ortiz said: “We raised $2 million.”", &[true]),
            ("“We raised a lot. Then we raised $2 million more,” Ortiz said.", &[true]),
            // "Puts … at": an estimate with its source; not the passive, not "at" without an amount.
            ("Appraisers put the value of the lot at $4 million.", &[true]),
            ("The insurer's adjusters pegged the storm damage at between $8 million and $9 million.", &[true]),
            ("Appraisers valued the farmhouse at $2 million.", &[true]),
            ("The farmhouse was valued at $2 million.", &[false]),
            ("The repairs were put at $4 million.", &[false]),
            ("The council put $4 million at risk.", &[false]),
            // Present-tense verbs with an object are verbs; as nouns or names they are not.
            ("Lawyers for the tenants estimate a refund of $300 each.", &[true]),
            ("The water board estimates the leak cost $9 million.", &[true]),
            ("It is hard to estimate the $5 million in losses.", &[false]),
            ("In 12 states the fee is $40.", &[false]),
            ("In the United States the fee is $40.", &[false]),
            ("The co-op's auditor, Marlow Reports, charged $90,000.", &[false]),
            ("The grocer posted a $40 million loss.", &[false]),
            ("The treasurer replied that the $1.2 million reserve is spoken for.", &[true]),
            ("Crews responded to a fire that did $2 million in damage.", &[false]),
            // Documents that show or list, named or possessed; never an owner's amount.
            ("The mill's quarterly filing lists costs of $60 million.", &[true]),
            ("The orchestra's accounts show a £6m sponsorship.", &[true]),
            ("The township's $1.2 million budget covers roads.", &[false]),
            ("Demand for the firm's data-centre chips lifted profit to $402 million.", &[false]),
            // Back-references further in, and by a pronoun.
            ("The collector paid $31 million. That was a record for the sculptor, the gallery said.", &[true]),
            ("The lender will pay $62 million. Court papers filed on May 4 confirm that amount.", &[true]),
            ("The lender will pay $62 million. Officials could not confirm the timing.", &[false]),
            // "the figure" stands for the number wherever it is; so does a sentence-initial
            // "the offer", "the rate" for the offer or rate just stated.
            ("The fare is $2.75 a ride. Councillor Ada Vance noted that the figure has held since 2019.", &[true]),
            ("The fare is $2.75 a ride. Councillor Ada Vance noted that the line is late.", &[false]),
            ("The county offered a $300,000 loan. The offer was confirmed by its treasurer on Tuesday.", &[true]),
            ("The county offered a $300,000 loan. The circus was confirmed as its tenant on Tuesday.", &[false]),
            // An amount word naming a kind of firm points at no amount: the sourced sentence
            // after leaves the figure before it unsourced.
            ("A small farm could gross $1.4 million a season. The investment fund Tallow Capital has raised $45 million, per its letter to investors.", &[false, true]),
            ("A small farm could gross $1.4 million a season. The investment was confirmed by Tallow Capital in a letter.", &[true]),
            // Bookkeeping "added" and a dating participle are no attribution.
            ("Overtime for the crews added nearly $640,000.", &[false]),
            ("The $40 million gift from a donor, announced in February, pays for scholarships.", &[false]),
            ("The $40 million gift, announced by the college on Monday, pays for scholarships.", &[true]),
            ("The fund grew by $2 million, said Ana Ruiz, its treasurer.", &[true]),
            // A name closing an apposition makes the verb after it the speaker's, dated or not.
            ("The fund stands at $31,000, our treasurer, Femi Adebayo, reported at the May meeting.", &[true]),
            ("The fund stands at $31,000, our treasurer, Femi Adebayo, reported.", &[true]),
            ("The grant to the Halvern Trust, reported in May, was $31,000.", &[false]),
            // … and so does a participle of the speaker's own after it.
            ("Kilbride Park will pay $1.8 million less in purses, its owner, Tarn Leisure, confirmed on Monday, blaming weak betting.", &[true]),
            ("The $40 million gift from the Halvern Trust, announced in February, paying for scholarships, was the largest.", &[false]),
            // A speaker's habitual words, told: "used to say", "likes to say".
            ("As my grandmother used to say: “A roof at £9,000 is cheaper than a ceiling.”", &[true]),
            ("Our founder liked to say that a survey at $12 pays for itself.", &[true]),
            ("He needs to say whether the $12 fee stays.", &[false]),
            ("The fund stands at $31,000, thanks to the Halvern Trust, reported in May.", &[false]),
            ("Opponents of the levy, a group of landlords, wrote in a mailer that reserves top $4 million.", &[true]),
            // Documents reviewed by a newsroom, and memos, show.
            ("Documents reviewed by the Herald show the insurer offered $312,000.", &[true]),
            // A quote that goes on after its tag is the same speaker's; a speaker's description is not.
            ("“We asked four firms,” she said. “Only one would fly for under €15 million.”", &[true]),
            ("“We asked four firms,” she said. Rivals charge €20 million.", &[false]),
            ("Costs will fall, said the treasurer, Ana Ruiz, who oversees a $1.2 billion budget.", &[false]),
            ("Its chair, a skipper who sold her boat for £340,000 in 2019, wrote to members on Friday about the fund.", &[false]),
            // Tags that close a sentence, and documents that show.
            ("The market is worth between $3 billion and $4 billion a year, he estimates.", &[true]),
            ("It would raise about $340,000 a year, a study the council commissioned projected.", &[true]),
            ("Night differentials climb by $3.25 an hour, the union's summary shows.", &[true]),
            ("The startup lost $88 million, filings with the securities regulator show.", &[true]),
            ("Records filed with the county planning office show the pans will add $6.5 million a year.", &[true]),
            ("Minutes kept by the harbour board show a $90,000 deficit.", &[true]),
            ("The council spent $5 million on repairs and other items in the reports.", &[false]),
            ("The biggest item was $2.1 million for consultants, the memo shows.", &[true]),
        ];
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = sourced(text);
            if &got != want {
                failures.push(format!("{text:?}: got {got:?}, want {want:?} ({:?})", run(text, Format::Markdown)));
            }
        }
        assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
    }

    /// A word is a verb by its packed key exactly when its lower case is in the list: in any
    /// case, and never for a word one byte away (a letter's neighbours in ASCII, '@', '[').
    #[test]
    fn verb_keys_are_the_lower_case_words() {
        let all: Vec<&str> = VERBS.iter().chain(PARTICIPLES).copied().chain(["abcdefghijklmnopq", "xy"]).collect();
        let vw = VerbWords::new(all.iter().copied()).expect("ASCII letters");
        let lower: std::collections::HashSet<Vec<u8>> = all.iter().map(|v| v.to_ascii_lowercase().into_bytes()).collect();
        for v in &all {
            let mut forms = vec![v.to_string(), v.to_uppercase(), v[..1].to_uppercase() + &v[1..], v[..v.len() - 1].to_string(), format!("{v}s")];
            for i in 0..v.len() {
                for c in [b'@', b'[', b'`', b'{', b'0', b'_', v.as_bytes()[i] ^ 0x20, v.as_bytes()[i] + 1] {
                    let mut w = v.as_bytes().to_vec();
                    w[i] = c;
                    forms.push(String::from_utf8(w).unwrap());
                }
            }
            for f in forms {
                assert_eq!(vw.is_verb(f.as_bytes()), lower.contains(&f.to_ascii_lowercase().into_bytes()), "{f:?}");
            }
        }
    }

    /// The byte paths of `prev_word`, `next_word` and `points_back` agree with the general
    /// split at every offset of text with marks, apostrophes and letters beyond ASCII.
    #[test]
    fn word_neighbours_agree_with_the_split() {
        for t in ["Kim said, “that sum” — Ruiz’s don't  12 x", "é said é", "’said’ That amount. This gap", "a", "", " ,. ", "Those donations, this  SUM", "José Álvarez said, “We—paid”", "\u{212A}IM said ÉTAT", "x\u{a0}said\u{a0}y «z» …w… –v"] {
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(prev_word(t, at), prev_raw_words(t, at).next().unwrap_or_default(), "{t:?} {at}");
                assert_eq!(next_word(t, at), next_raw_words(t, at).next().unwrap_or_default(), "{t:?} {at}");
                for w in [prev_word(t, at), next_word(t, at)] {
                    assert_eq!(Word::new(w).as_str(), Lower::new(w).as_str(), "{w:?}");
                }
            }
        }
        let pb = |t: &str| points_back(t, &(9..t.len()));
        assert!(pb("It rose. Filings dated May 14 confirm that amount."));
        assert!(pb("It rose. Filings dated May 14 confirm THAT Sum."));
        assert!(!pb("It rose. Filings show thatamount, that week."));
        assert!(pb("It rose. Filings — é — confirm those figures."));
        assert!(!pb("It rose. Filings — é — confirm those big figures."));
        // The first words, lowered on the stack, and none past the text's end.
        assert!(!pb("It rose. That"));
        assert!(pb("It rose. But THE Figure held."));
        assert!(pb("It rose. That was a record."));
        assert!(!pb("It rose. The investment fund Cold Current raised it."));
        assert!(pb("It rose. The investment grew."));
    }

    #[test]
    fn neighbouring_quote_does_not_source() {
        let t = "“I wanted to know his plans,” said Lee, who lost the 2015 race.\nThe donor gave over $930,000 to the group.";
        assert_eq!(run(t, Format::Plain), vec![("over $930,000".to_string(), None)]);
    }

    /// Verbs read off the scanner's tokens are exactly the verb regex's matches, on tricky
    /// words and on random text of letters, digits, marks and letters beyond ASCII.
    #[test]
    fn verb_hits_are_the_regex_matches() {
        let cues = Cues::default();
        let mut seen = 0;
        let mut check = |t: &str| {
            let prose = Prose::new(t, Format::Plain);
            let sents = sentences::split(&prose.masked, &prose.breaks);
            let mut hits = VerbHits::new(&cues, sents.len());
            let mut scanner = figures::Scanner::default();
            let mut out = Vec::new();
            for (i, s) in sents.iter().enumerate() {
                scanner.scan_noting(&prose.masked, s.range.clone(), &mut out, hits.shapes());
                hits.sentence(i, &prose.masked, &s.range, scanner.tokens(), scanner.noted());
            }
            for (i, s) in sents.iter().enumerate() {
                let mut got = Vec::new();
                if !hits.block(&prose.masked, &sents, i, i + 1, 0, &mut got) {
                    assert!(prose.masked[s.range.clone()].contains(['ſ', 'K']), "{t:?}");
                    continue;
                }
                let want: Vec<Range<usize>> = cues.verbs.find_iter(&prose.masked).map(|m| m.range()).filter(|r| s.range.start <= r.start && r.end <= s.range.end).collect();
                assert_eq!(got, want, "{t:?}");
                // A sentence the scanner did not read (a memo's) is tokenized for its verbs.
                let mut unread = Vec::new();
                assert!(VerbHits::new(&cues, sents.len()).block(&prose.masked, &sents, i, i + 1, 0, &mut unread));
                assert_eq!(unread, want, "{t:?}");
                seen += got.len();
            }
        };
        for t in [
            "He said. She SAID it, they Said: “no”. U.S.said don't said’s 2said said_ _said said2 Ésaid saidé re-said x.said",
            "xſaid aſked sayſ noted", "Officials estimated $5. The Herald reported it.", "tweeted'noted", "said",
        ] {
            check(t);
        }
        let alphabet: Vec<char> = "sai  dn .,'’_-2éſK\n  ".chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let words = ["said", "Said", "noted", "told", "says", "estimated", "x", "U.S", "don't"];
        for _ in 0..10_000 {
            let len = (next() % 30) as usize;
            let mut t = String::new();
            for _ in 0..len {
                let r = next();
                if r % 2 == 0 {
                    t.push_str(words[(r / 2 % words.len() as u64) as usize]);
                } else {
                    t.push(alphabet[(r / 2 % alphabet.len() as u64) as usize]);
                }
            }
            check(&t);
        }
        assert!(seen > 3000, "{seen} verbs");
    }

    #[test]
    fn extra_cues_from_config() {
        let cues = Cues::new(&["as shown in".to_string()], &["tweeted".to_string(), "blogged".to_string()]);
        let t = "The PAC spent $2 million, the mayor blogged.";
        let prose = Prose::new(t, Format::Plain);
        let sents = sentences::split(&prose.masked, &prose.breaks);
        let f = figures::extract(&prose.masked, sents[0].range.clone());
        let s = attribute(&cues, &prose, &sents, &[(f[0].range.clone(), 0)]);
        assert_eq!(s[0].as_ref().map(|s| s.text.as_str()), Some("blogged"));
    }
}

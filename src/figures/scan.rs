//! The figure scanner: one pass over a sentence's tokens that reads money first, then
//! percentages and counted quantities, and steps over numbers that are not figures (years,
//! dates, times, ordinals, phone numbers, labels such as "page 12" or "COVID-19").

use super::currency::{self, Currency};
use super::numbers::{self, magnitude, pow10, Num};
use super::{Figure, FigureKind, Interval, Qualifier};
use crate::text::tokens::{flag, tokenize_with, Kind, Token};
use crate::text::lower::{with_lower, Lower};
use crate::text::fasthash::{Map as HashMap, Set as HashSet};
use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;

fn word_list(data: &'static str) -> HashSet<&'static str> {
    data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(str::trim).collect()
}

fn function_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| word_list(include_str!("../../data/function_words.txt")))
}

fn label_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| word_list(include_str!("../../data/label_words.txt")))
}

fn plurals() -> &'static HashMap<&'static str, &'static str> {
    static M: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    M.get_or_init(|| crate::text::tsv_pairs(include_str!("../../data/plurals.tsv")).collect())
}

#[cfg(test)]
use crate::text::MONTHS;

/// Whether a lower-case word is a month or its abbreviation ([`crate::text::MONTHS`]): one
/// match, not a scan of the list (asked around every number).
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october"
            | "november" | "december" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept"
            | "oct" | "nov" | "dec"
    )
}

/// `f` of a word token in lower case: the text itself when the tokenizer saw no capital or
/// non-ASCII letter in it, without a scan.
fn with_lower_tok<R>(src: &str, t: &Token, f: impl FnOnce(&str) -> R) -> R {
    if t.is_lower_case() {
        f(t.text(src))
    } else {
        with_lower(t.text(src), f)
    }
}

/// Units of time: "a 30-year lease" is a length, not a count.
const TIME_UNITS: &[&str] = &["second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "season", "term", "quarter", "semester"];

/// Words that, before "from X to Y", make it a change rather than a range.
const CHANGE_VERBS: &[&str] = &[
    "rose", "risen", "rise", "rises", "rising", "fell", "fallen", "fall", "falls", "falling", "grew", "grown", "grow",
    "grows", "increased", "increase", "increases", "decreased", "decrease", "dropped", "drop", "drops", "climbed",
    "jumped", "soared", "surged", "plunged", "plummeted", "declined", "shrank", "shrunk", "cut", "raised", "reduced",
    "lowered", "boosted", "slashed", "went", "up", "down", "doubled", "tripled", "halved", "moved", "changed", "swelled",
    "ballooned", "dipped", "slipped", "sank", "tumbled", "expanded", "trimmed",
];

/// Multi-word qualifiers, longest first within each, with the qualifier they set.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("no more than", Qualifier::UpTo),
    ("not more than", Qualifier::UpTo),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("a maximum of", Qualifier::UpTo),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("upward of", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("north of", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("just under", Qualifier::Nearly),
    ("just shy of", Qualifier::Nearly),
    ("shy of", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("up to", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("as many as", Qualifier::UpTo),
    ("as high as", Qualifier::UpTo),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("well under", Qualifier::LessThan),
    ("an estimated", Qualifier::About),
    ("on the order of", Qualifier::About),
    ("in the region of", Qualifier::About),
    ("some", Qualifier::About),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx", Qualifier::About),
    ("circa", Qualifier::About),
    ("estimated", Qualifier::About),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("exactly", Qualifier::Exact),
    ("precisely", Qualifier::Exact),
];

/// A reusable scanner (it keeps its buffers between sentences).
#[derive(Default)]
pub struct Scanner {
    toks: Vec<Token>,
    /// [`Ctx::currency_end`] of the tokens.
    currency_end: usize,
    /// The tokens that can carry an amount, in order.
    carriers: Vec<u32>,
    /// The word tokens [`Scanner::scan_noting`] noted, last first.
    noted: Vec<u32>,
}

/// The gate's three filters of ASCII words by [`Token::shape`], each the lengths of its words
/// of that shape as bits: the number and currency words, `note`'s words, and the openers (and
/// every length from 8 for words that start with 'm', which may be "Malaysia…", a currency
/// prefix); `any` is the three together, the one test most words fail.
#[derive(Debug, Clone, Copy, Default)]
struct GateEntry {
    any: u32,
    words: u32,
    note: u32,
    openers: u32,
}

/// [`GateEntry`] by shape, in a table of a power of two (shapes are below 27 * 27) so that a
/// masked index needs no bounds check.
fn gate_table(note: &[u32]) -> Box<[GateEntry; 1024]> {
    let words = &word_tables().shapes;
    let openers = &opener_tables().shapes;
    let mut t = Box::new([GateEntry::default(); 1024]);
    for k in 0..27 * 27 {
        let malaysia = if k / 27 == (b'm' - b'a') as usize { !0u32 << 8 } else { 0 };
        let (words, note, openers) = (words[k], note[k], openers[k] | malaysia);
        t[k] = GateEntry { any: words | note | openers, words, note, openers };
    }
    t
}

/// Shapes of words for [`Scanner::scan_noting`] to note: (first letter, last letter, length)
/// of each, as the scanner's own filter before its word tables.
/// They are kept with the gate's own filters ([`gate_table`]), made once with the shapes
/// (once per set of cues), not once per document.
#[derive(Clone)]
pub struct Shapes(Vec<u32>, Box<[GateEntry; 1024]>);

impl Shapes {
    /// The shapes of `words` (ASCII letters; others are never noted by shape).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut t = vec![0u32; 27 * 27];
        for w in words {
            if let Some((k, len)) = shape(w) {
                t[k] |= 1 << len;
            }
        }
        let gate = gate_table(&t);
        Shapes(t, gate)
    }

    /// No word to note: the gate's filters alone.
    fn none() -> &'static Shapes {
        static S: OnceLock<Shapes> = OnceLock::new();
        S.get_or_init(|| Shapes::new([]))
    }
}

/// As the shapes alone (the gate's table is made from them).
impl std::fmt::Debug for Shapes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Shapes").field(&self.0).finish()
    }
}

/// How many tokens before its first number, number word or currency a figure can start:
/// "on the order of $5", "more than a dozen races".
const GATE: usize = 5;

/// An ASCII word's (first letter, last letter) slot and its length (capped at 31), lower-cased;
/// None for a word with other characters (those go to the hash).
fn shape(w: &str) -> Option<(usize, u32)> {
    let b = w.as_bytes();
    let slot = |c: u8| -> Option<usize> {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() {
            Some((c - b'a') as usize)
        } else if c == b'.' {
            Some(26)
        } else {
            None
        }
    };
    let (f, l) = (slot(*b.first()?)?, slot(*b.last()?)?);
    Some((f * 27 + l, b.len().min(31) as u32))
}

/// [`shape`] of a word token: for an ASCII word (its first and last bytes are letters) the
/// tokenizer's [`Token::shape`], without touching the text.
#[inline(always)]
fn shape_tok(src: &str, t: &Token) -> Option<(usize, u32)> {
    if t.flags & flag::ASCII == 0 {
        return shape(t.text(src));
    }
    Some((t.shape as usize, (t.range.end - t.range.start).min(31) as u32))
}

/// A short ASCII word (one to eight bytes) as one integer: its bytes little-endian, zero
/// padded, with bit 5 set in each, which lowers letters and leaves '.' and '\'' (the other
/// bytes of an ASCII word) as they are. None for other lengths.
#[inline(always)]
fn word_key(w: &[u8]) -> Option<u64> {
    let n = w.len();
    let v = match n {
        1..=3 => w[0] as u64 | (w.get(1).copied().unwrap_or(0) as u64) << 8 | (w.get(2).copied().unwrap_or(0) as u64) << 16,
        // Two overlapping loads: the shared bytes land on the same bits.
        4..=8 => u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as u64 | (u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]) as u64) << (8 * (n - 4)),
        _ => return None,
    };
    Some(v | 0x2020_2020_2020_2020 >> (8 * (8 - n)))
}

/// A word table for short ASCII words by [`word_key`]: a multiply, a shift and a probe or two,
/// where the hash map hashes, probes and compares strings. It holds the table's keys of one
/// to eight bytes that are their own [`word_key`] (lower case), so for an ASCII word of that
/// length it answers as the map does for the word in lower case.
struct KeyTable<T: Copy> {
    keys: Vec<u64>,
    vals: Vec<Option<T>>,
    shift: u32,
}

impl<T: Copy> KeyTable<T> {
    fn new<'a>(entries: impl IntoIterator<Item = (&'a str, T)>) -> KeyTable<T> {
        let entries: Vec<(u64, T)> = entries
            .into_iter()
            .filter(|(w, _)| w.bytes().all(|b| b.is_ascii() && b & 0x20 != 0))
            .filter_map(|(w, v)| Some((word_key(w.as_bytes())?, v)))
            .collect();
        let bits = (entries.len() * 4).next_power_of_two().trailing_zeros().max(4);
        let mut t = KeyTable { keys: vec![0; 1 << bits], vals: vec![None; 1 << bits], shift: 64 - bits };
        for (k, v) in entries {
            let mut h = t.slot(k);
            while t.keys[h] != 0 && t.keys[h] != k {
                h = (h + 1) & (t.keys.len() - 1);
            }
            t.keys[h] = k;
            t.vals[h] = Some(v);
        }
        t
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline(always)]
    fn get(&self, key: u64) -> Option<T> {
        let mut h = self.slot(key);
        loop {
            let k = *self.keys.get(h)?;
            if k == key {
                return self.vals[h];
            }
            if k == 0 {
                return None;
            }
            h = (h + 1) & (self.keys.len() - 1);
        }
    }
}

/// A word that can open a figure before its number or currency (see [`opener`]).
struct Opener {
    /// How many tokens after the word the first token carrying an amount can be.
    reach: usize,
    /// The word opens a figure only as a qualifier's first word.
    only_qualifier: bool,
    /// The qualifier phrases it starts, in table order.
    phrases: Vec<(Vec<&'static str>, Qualifier)>,
}

/// Words that can open a figure before its number or currency: the first words of the
/// qualifiers, range words, articles and the letters of currency prefixes ("US$", "Rs 20").
/// Its reach is a qualifier's length plus one ("more than a dozen", "more than US$ 5"), two
/// after "between" ("between US$ 5"), one after an article ("a dozen", "a dollar"); "in" (of
/// "in excess of") and "at" (of "at least") open a figure only as a qualifier's first word.
/// One lookup answers the gate and the qualifier reader.
fn opener(src: &str, t: &Token) -> Option<&'static Opener> {
    let tables = opener_tables();
    if let Some((k, len)) = shape_tok(src, t) {
        if tables.shapes[k] & (1 << len) == 0 && !malaysia_prefix(src, t) {
            return None;
        }
        // A short ASCII word by its key ("malaysia" itself, eight bytes, is no key of the map).
        if t.flags & flag::ASCII != 0 {
            if let Some(key) = word_key(&src.as_bytes()[t.range.clone()]) {
                return tables.keys.get(key).or_else(|| (key == tables.malaysia_key).then_some(&MALAYSIA));
            }
        }
    }
    with_lower_tok(src, t, |lw| opener_map(lw))
}

/// "Malaysia…" (a currency prefix): eight bytes or more, starting with 'm'.
#[inline(always)]
fn malaysia_prefix(src: &str, t: &Token) -> bool {
    t.range.len() >= 8 && src.as_bytes()[t.range.start] | 0x20 == b'm' && t.text(src).get(..8).map_or(false, |h| h.eq_ignore_ascii_case("malaysia"))
}

/// [`opener`] of a lower-case word by the map alone.
fn opener_map(lw: &str) -> Option<&'static Opener> {
    opener_tables().map.get(lw).or_else(|| lw.starts_with("malaysia").then_some(&MALAYSIA))
}

static MALAYSIA: Opener = Opener { reach: 2, only_qualifier: false, phrases: Vec::new() };

struct OpenerTables {
    map: &'static HashMap<&'static str, Opener>,
    /// The shapes of the map's words (see [`shape`]).
    shapes: Vec<u32>,
    /// The map for short ASCII words.
    keys: KeyTable<&'static Opener>,
    malaysia_key: u64,
}

fn opener_tables() -> &'static OpenerTables {
    static S: OnceLock<OpenerTables> = OnceLock::new();
    static MAP: OnceLock<HashMap<&'static str, Opener>> = OnceLock::new();
    S.get_or_init(|| {
        let m = MAP.get_or_init(|| {
            let mut m: HashMap<&'static str, Opener> = HashMap::default();
            let new = |only_qualifier| Opener { reach: 0, only_qualifier, phrases: Vec::new() };
            for &(p, q) in QUALIFIERS {
                let words: Vec<&'static str> = p.split(' ').collect();
                // "approx." has its period before the amount.
                let reach = words.len() + 2;
                let e = m.entry(words[0]).or_insert_with(|| new(true));
                e.reach = e.reach.max(reach);
                e.phrases.push((words, q));
            }
            for w in ["between", "from", "us", "u.s", "usd", "c", "ca", "cad", "au", "aud", "hk", "hkd", "nz", "nzd", "s", "sgd", "r", "mex", "mx", "mxn", "rs", "rm", "ringgit", "sen"] {
                let e = m.entry(w).or_insert_with(|| new(false));
                e.reach = e.reach.max(2);
                e.only_qualifier = false;
            }
            for w in ["a", "an", "minus"] {
                let e = m.entry(w).or_insert_with(|| new(false));
                e.reach = e.reach.max(1);
                e.only_qualifier = false;
            }
            m
        });
        let mut shapes = vec![0u32; 27 * 27];
        for w in m.keys() {
            if let Some((k, len)) = shape(w) {
                shapes[k] |= 1 << len;
            }
        }
        let keys = KeyTable::new(m.iter().map(|(w, o)| (*w, o)));
        OpenerTables { map: m, shapes, keys, malaysia_key: word_key(b"malaysia").unwrap_or(0) }
    })
}

/// Whether a token can carry an amount: digits, a currency symbol, a number word or a word of
/// a currency. Every figure has one within [`GATE`] tokens of its start.
#[inline(always)]
fn carries_amount(src: &str, t: &Token, wt: &WordTables) -> bool {
    match t.kind {
        Kind::Number => true,
        // A symbol is one character: of the ASCII ones only "$" is a currency.
        Kind::Symbol => match src.as_bytes()[t.range.start] {
            b'$' => true,
            b if b < 0x80 => false,
            _ => currency::symbol(t.text(src)).is_some() || t.text(src) == "¢",
        },
        Kind::Word => wt.bits(src, t) & (NUMBER_PART | CURRENCY_PART) != 0,
    }
}

/// [`WordTables::bits`]: a number word.
const NUMBER_PART: u8 = 1;
/// [`WordTables::bits`]: a word of a currency (a name's word, a code, an "M" + code, a symbol
/// written with letters). In [`Token::scan`], also a currency symbol.
const CURRENCY_PART: u8 = 2;
/// [`Token::scan`]: a word that passes [`opener`]'s filter (every word beyond ASCII does).
const OPENER_SHAPE: u8 = 4;
/// [`WordTables::bits`] and [`Token::scan`]: a month or its abbreviation ([`is_month`]), asked
/// around every number (of an ASCII word: no other lowers into a month).
const MONTH: u8 = 8;

/// The number and currency words, for the scanner's gate and the money reader.
struct WordTables {
    words: HashMap<String, u8>,
    /// `words` for short ASCII words.
    keys: KeyTable<u8>,
    /// A filter before the hash: which (first letter, last letter) pairs occur, by length.
    /// Most words of prose fail it ("the": no such word starts with t, ends with e and has
    /// three letters).
    shapes: Vec<u32>,
}

fn word_tables() -> &'static WordTables {
    static T: OnceLock<WordTables> = OnceLock::new();
    T.get_or_init(|| {
        let mut words: HashMap<String, u8> = HashMap::default();
        for w in numbers::number_words() {
            *words.entry(w.to_string()).or_default() |= NUMBER_PART;
        }
        for w in currency::currency_words() {
            *words.entry(w).or_default() |= CURRENCY_PART;
        }
        for w in crate::text::MONTHS {
            *words.entry(w.to_string()).or_default() |= MONTH;
        }
        let mut shapes = vec![0u32; 27 * 27];
        for w in words.keys() {
            if let Some(k) = shape(w) {
                shapes[k.0] |= 1 << k.1;
            }
        }
        let keys = KeyTable::new(words.iter().map(|(w, &b)| (w.as_str(), b)));
        WordTables { words, keys, shapes }
    })
}

impl WordTables {
    /// What a word can be in a figure: [`NUMBER_PART`], [`CURRENCY_PART`], or 0. Asked of
    /// every word: the shape filter inline, the lookup out of line.
    #[inline(always)]
    fn bits(&self, src: &str, t: &Token) -> u8 {
        if t.flags & flag::ASCII != 0 {
            if let Some((k, len)) = shape_tok(src, t) {
                if self.shapes[k] & (1 << len) == 0 {
                    return 0;
                }
            }
        }
        self.lookup(src, t)
    }

    /// The lookup: a short ASCII word by its key inline, others by the map out of line.
    #[inline(always)]
    fn lookup(&self, src: &str, t: &Token) -> u8 {
        if t.flags & flag::ASCII != 0 {
            if let Some(key) = word_key(t.bytes(src)) {
                return self.keys.get(key).unwrap_or(0);
            }
        }
        self.lookup_map(src, t)
    }

    #[inline(never)]
    fn lookup_map(&self, src: &str, t: &Token) -> u8 {
        let text = t.text(src);
        if t.flags & flag::ASCII != 0 {
            return with_lower_tok(src, t, |lw| self.words.get(lw).copied().unwrap_or(0));
        }
        let lw = text.to_lowercase();
        let bits = self.words.get(lw.as_str()).copied().unwrap_or(0);
        if currency::is_currency_word(&lw, text) {
            bits | CURRENCY_PART
        } else {
            bits
        }
    }
}

/// Convenience: figures of `src[range]`.
pub fn extract(src: &str, range: Range<usize>) -> Vec<Figure> {
    let mut out = Vec::new();
    Scanner::default().scan(src, range, &mut out);
    out
}

struct Ctx<'a> {
    src: &'a str,
    toks: &'a [Token],
    /// The last qualifier looked up (token, answer): the gate, the money reader and the count
    /// reader ask it of the same word in turn.
    last_qualifier: std::cell::Cell<Option<(usize, Option<(Qualifier, usize)>)>>,
    /// Numbers read lately, by token (slot `i % 4`), for counts and money at once: the money
    /// reader, the count reader and the next candidates read the same tokens in turn. Each
    /// slot holds its token (`usize::MAX` for none) and the two readings apart, so that a hit
    /// copies one reading, not the slot.
    reads: [(Cell<usize>, [Cell<Option<(Num, bool)>>; 2]); 4],
    /// One past the last token that may be a currency read after an amount
    /// ([`Ctx::may_be_currency`]), 0 for none: a number after it can be no money, which is
    /// known before it is read (years, dates and counts after the sentence's money, or in a
    /// sentence with none).
    currency_end: usize,
}

/// Unit symbols read as the unit's name when they follow a number, compared case-sensitively
/// ("MW" is a megawatt, "mw" nothing). Ambiguous ones are left out: "m" (metres or million),
/// "t", "mi".
const UNIT_SYMBOLS: &[(&str, &str)] = &[
    ("km", "kilometre"), ("kg", "kilogram"), ("cm", "centimetre"), ("mm", "millimetre"), ("ha", "hectare"),
    ("ft", "foot"), ("lb", "pound"), ("lbs", "pound"), ("mph", "mile per hour"), ("kW", "kilowatt"), ("MW", "megawatt"),
    ("GW", "gigawatt"), ("kWh", "kilowatt hour"), ("MWh", "megawatt hour"), ("GWh", "gigawatt hour"),
];

impl<'a> Ctx<'a> {
    #[cfg(test)]
    fn new(src: &'a str, toks: &'a [Token]) -> Ctx<'a> {
        let mut ctx = Ctx::with_currency_end(src, toks, toks.len());
        ctx.currency_end = (0..toks.len()).rev().find(|&k| ctx.may_be_currency(k)).map_or(0, |k| k + 1);
        ctx
    }

    /// [`Ctx::new`] with [`Ctx::currency_end`] as the scanner's gate found it.
    fn with_currency_end(src: &'a str, toks: &'a [Token], currency_end: usize) -> Ctx<'a> {
        let slot = || (Cell::new(usize::MAX), [Cell::new(None), Cell::new(None)]);
        Ctx { src, toks, last_qualifier: Default::default(), reads: [slot(), slot(), slot(), slot()], currency_end }
    }
}

fn is_sym(t: Option<&Token>, src: &str, set: &[&str]) -> bool {
    t.map_or(false, |t| t.kind == Kind::Symbol && {
        let b = t.bytes(src);
        set.iter().any(|s| s.as_bytes() == b)
    })
}

#[cfg(test)]
const DASHES: &[&str] = &["-", "–", "—", "‐", "‑"];

/// Whether `b` is one of the dashes ("-", "–", "—", "‐", "‑"): a match on bytes, not string
/// comparisons.
#[inline(always)]
fn is_dash(b: &[u8]) -> bool {
    matches!(b, [b'-'] | [0xE2, 0x80, 0x90 | 0x91 | 0x93 | 0x94])
}

/// Whether an ASCII word token is a month ([`is_month`]), its length and first letter tested
/// before it is lowered. (No word beyond ASCII lowers into a month.) The reference for the
/// gate's [`MONTH`] bit.
#[cfg(test)]
fn is_month_tok(src: &str, t: &Token) -> bool {
    t.kind == Kind::Word
        && t.flags & flag::ASCII != 0
        && (3..=9).contains(&t.range.len())
        && matches!(src.as_bytes()[t.range.start] | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
        && with_lower_tok(src, t, is_month)
}

impl<'a> Ctx<'a> {
    /// (Always inlined: whether the compiler inlined it changed from build to build with code
    /// elsewhere, and a call cost the scanner about 1 M instructions a MiB more.)
    #[inline(always)]
    fn lower(&self, i: usize) -> Option<Lower<'a>> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        Some(if t.is_lower_case() { Lower::borrowed(t.text(self.src)) } else { Lower::new(t.text(self.src)) })
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.src))
    }

    /// [`Ctx::text`] as bytes, for comparisons with a literal.
    fn bytes(&self, i: usize) -> &'a [u8] {
        self.toks.get(i).map_or(b"", |t| t.bytes(self.src))
    }

    /// Whether token `i` is a month ([`is_month_tok`]): the gate's bit.
    fn month(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word && t.flags & flag::ASCII != 0 && t.scan & MONTH != 0)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// A qualifier phrase at `i`: the qualifier and the token after it.
    fn qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
        self.qualifier_with(i, None)
    }

    /// [`Ctx::qualifier`], with the word's [`opener`] when the caller has looked it up.
    fn qualifier_with(&self, i: usize, known: Option<&'static Opener>) -> Option<(Qualifier, usize)> {
        if let Some((at, q)) = self.last_qualifier.get() {
            if at == i {
                return q;
            }
        }
        let q = self.qualifier_at(i, known);
        self.last_qualifier.set(Some((i, q)));
        q
    }

    fn qualifier_at(&self, i: usize, known: Option<&'static Opener>) -> Option<(Qualifier, usize)> {
        // The phrases by first word (the openers), in table order: one lookup instead of a
        // scan of the whole table for every word that starts a phrase.
        let word = |j: usize| self.toks.get(j).filter(|t| t.kind == Kind::Word).map(|t| t.text(self.src));
        let first = word(i)?;
        let phrases = &known.or_else(|| opener(self.src, &self.toks[i]))?.phrases;
        for (words, q) in phrases {
            if !words[0].eq_ignore_ascii_case(first) {
                continue;
            }
            if words[1..].iter().enumerate().all(|(n, w)| word(i + 1 + n).map_or(false, |x| x.eq_ignore_ascii_case(w))) {
                let mut j = i + words.len();
                // "approx." keeps its period.
                if words[0] == "approx" && self.bytes(j) == b"." {
                    j += 1;
                }
                return Some((*q, j));
            }
        }
        None
    }

    /// A number (digits or words) at `i`, with a sign glued before digits.
    fn amount(&self, i: usize, money: bool) -> Option<(Num, bool)> {
        // A word reads as a number only if it is a number word (the gate's bit), an article
        // before one, or "minus" before one: most words asked (currency words, qualifiers,
        // articles' neighbours) are none, and need no reading.
        if let Some(t) = self.toks.get(i).filter(|t| t.kind == Kind::Word && t.scan & NUMBER_PART == 0) {
            let w = t.bytes(self.src);
            if !(w.eq_ignore_ascii_case(b"a") || w.eq_ignore_ascii_case(b"an") || w.eq_ignore_ascii_case(b"minus")) {
                return None;
            }
        }
        let (at, slot) = &self.reads[i % self.reads.len()];
        if at.get() == i {
            return slot[money as usize].get();
        }
        let r = numbers::read_both(self.src, self.toks, i);
        at.set(i);
        slot[0].set(r[0]);
        slot[1].set(r[1]);
        r[money as usize]
    }

    /// Whether the number at token `k` is not a figure by its surroundings (years, dates,
    /// times, ordinals, phone numbers, labels, codes). `first` is where the figure would start.
    fn not_a_figure(&self, k: usize, first: usize, money: bool) -> bool {
        self.never_a_figure(k) || (!money && self.not_a_count(k, first))
    }

    /// [`Ctx::not_a_figure`] for money and counts alike: dates, times, ordinals, phone
    /// numbers, codes.
    fn never_a_figure(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if t.kind != Kind::Number {
            return false;
        }
        let text = t.text(self.src);
        let next = self.toks.get(k + 1);
        let next_attached = next.map_or(false, |n| !n.space_before);
        // Ordinals and decades: 21st, 3rd, 1990s.
        if next_attached && next.map_or(false, |n| n.kind == Kind::Word) {
            // Lowered without a String: asked of every number glued to a word.
            if with_lower(self.text(k + 1), |w| matches!(w, "st" | "nd" | "rd" | "th" | "s")) {
                return true;
            }
        }
        // Times and dates glued with ':' or '/': 5:30, 08/30/2016, 2016-08-30.
        if next_attached && is_sym(next, self.src, &[":", "/"]) && self.kind(k + 2) == Some(Kind::Number) {
            return true;
        }
        if k > 0 && !t.space_before && is_sym(self.toks.get(k - 1), self.src, &[":", "/", "#", "§", "№"]) {
            return true;
        }
        if k > 0 && is_sym(self.toks.get(k - 1), self.src, &["#", "§", "№"]) {
            return true;
        }
        // A.m./p.m. An ASCII word is compared as it is, whatever its case; another is lowered.
        let clock = |w: &[u8]| {
            const CLOCK: &[&[u8]] = &[b"a.m", b"p.m", b"am", b"pm", b"o'clock", b"gmt", b"utc", b"est", b"edt", b"pst", b"pdt"];
            CLOCK.iter().any(|c| c.eq_ignore_ascii_case(w))
        };
        if let Some(n) = next.filter(|n| n.kind == Kind::Word) {
            let clock = if n.flags & flag::ASCII != 0 {
                n.bytes(self.src).len() <= 7 && clock(n.bytes(self.src))
            } else {
                self.lower(k + 1).is_some_and(|w| w == "o’clock" || clock(w.as_bytes()))
            };
            if clock {
                return true;
            }
        }
        // Code-like: COVID-19, I-95, F-35 (a word glued to a hyphen glued to the number).
        if k >= 2 && !t.space_before && self.toks[k - 1].kind == Kind::Symbol && is_dash(self.toks[k - 1].bytes(self.src)) && !self.toks[k - 1].space_before && self.kind(k - 2) == Some(Kind::Word) {
            return true;
        }
        // Phone numbers and ISO dates: three or more number groups joined by hyphens or dots,
        // or 3+4 digits ("555-1234").
        let mut groups = 1;
        let mut second = "";
        let mut j = k;
        while is_sym(self.toks.get(j + 1), self.src, &["-", "."]) && !self.toks[j + 1].space_before
            && self.kind(j + 2) == Some(Kind::Number) && !self.toks[j + 2].space_before
        {
            if groups == 1 {
                second = self.text(j + 2);
            }
            groups += 1;
            j += 2;
        }
        if groups >= 3 || (groups == 2 && text.len() == 3 && second.len() == 4 && !second.contains(',')) {
            return true;
        }
        if k > 0 && is_sym(self.toks.get(k - 1), self.src, &[")"]) && groups == 2 {
            return true;
        }
        // Dates with month names: June 5, 5 June.
        if k > 0 && self.month(k - 1) {
            return true;
        }
        if k > 1 && self.bytes(k - 1) == b"." && self.month(k - 2) {
            return true;
        }
        // A month after the number, but "may" and "march" (verbs as often).
        if self.month(k + 1) && !(self.bytes(k + 1).eq_ignore_ascii_case(b"may") || self.bytes(k + 1).eq_ignore_ascii_case(b"march")) {
            return true;
        }
        false
    }

    /// [`Ctx::not_a_figure`] for counts only: years and labels ("in 2013", "page 12"), which
    /// money may still be ("2013 dollars").
    fn not_a_count(&self, k: usize, first: usize) -> bool {
        let t = &self.toks[k];
        if t.kind != Kind::Number {
            return false;
        }
        let text = t.text(self.src);
        let next = self.toks.get(k + 1);
        // Years: four digits, no grouping comma, not scaled or a percentage.
        // (Asked only where it can matter: most numbers are no year and have no label before.)
        let magnitude_after = || self.lower(k + 1).is_some_and(|w| magnitude(&w, false, false).is_some());
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            let v: u32 = text.parse().unwrap_or(0);
            // ("percent" as bytes: no word beyond ASCII lowers into it.)
            if (1000..=2199).contains(&v)
                && !(magnitude_after() || self.bytes(k + 1).eq_ignore_ascii_case(b"percent") || is_sym(next, self.src, &["%"]))
            {
                return true;
            }
        }
        // Labels: "page 12", "Proposition 47", "District 9", or any capitalised word right before.
        // A label is never written with a grouping comma or a magnitude ("Adds 120,000 metric
        // tons", "Creates 1.5 million jobs" open a bulleted list item with a verb).
        if first == k && k > 0 && !(text.contains(',') || magnitude_after()) {
            if let Some(prev) = self.toks.get(k - 1).filter(|p| p.kind == Kind::Word) {
                let w = prev.text(self.src);
                let cap = w.chars().next().map_or(false, char::is_uppercase);
                // A verb that opens the sentence is capitalised for its place, not a name: "Adds
                // 650 permanent positions", "Hired 40 drivers" (a bulleted list of what a plan
                // does). Labels are singular nouns ("District 9", "Apollo 11").
                let opens = self.toks[..k - 1].iter().all(|t| t.kind == Kind::Symbol);
                let label = with_lower(w, |lw| {
                    let verb = opens && lw.len() > 3 && (lw.ends_with("ed") || (lw.ends_with('s') && !["ss", "us", "is", "as", "os"].iter().any(|e| lw.ends_with(e))));
                    label_words().contains(lw) || (cap && !verb && !function_words().contains(lw) && !is_month(lw))
                });
                if label {
                    return true;
                }
            }
        }
        false
    }

    /// The unit noun of a counted quantity after token `i`, skipping up to three modifiers
    /// ("two Orlando counties", "three closely watched district attorney races").
    /// Returns the singular unit and the token after it.
    fn unit_noun(&self, i: usize, count: f64) -> Option<(String, usize)> {
        let mut j = i;
        let mut skipped = 0;
        let mut plain = 0;
        while skipped <= 4 {
            let t = self.toks.get(j)?;
            if t.kind == Kind::Symbol {
                // Hyphens inside compound modifiers ("African-American men").
                if is_dash(t.bytes(self.src)) && !t.space_before && skipped > 0 {
                    j += 1;
                    continue;
                }
                return None;
            }
            if t.kind != Kind::Word {
                return None;
            }
            let w = t.text(self.src);
            // Borrowed when the word is its own lower case (most are), copied only to be kept.
            let lw = self.lower(j).unwrap_or_default();
            // "full-time", "part-time": after a hyphen, "time" is half of a modifier.
            let compound = skipped > 0 && j > 0 && !t.space_before && self.toks.get(j - 1).is_some_and(|p| is_dash(p.bytes(self.src)));
            if function_words().contains(lw.as_str()) || matches!(lw.as_str(), "percent" | "ago") || (matches!(lw.as_str(), "times" | "time") && !compound) {
                return None;
            }
            if magnitude(&lw, false, false).is_some() {
                return None;
            }
            // A unit's symbol right after the number ("140 km", "150 MW"): its own plural. Not
            // before a capitalised word: "29km Road" is a name.
            if skipped == 0 {
                if let Some(&(_, name)) = UNIT_SYMBOLS.iter().find(|(sym, _)| *sym == w) {
                    let named = self.toks.get(j + 1).is_some_and(|n| n.kind == Kind::Word && n.text(self.src).starts_with(char::is_uppercase));
                    return (!named).then(|| (name.to_string(), j + 1));
                }
            }
            let cap = w.chars().next().map_or(false, char::is_uppercase);
            if let Some(s) = singular(&lw) {
                if !cap || w.chars().all(|c| c.is_uppercase() || c == '’' || c == '\'') {
                    if self.lower(j + 1).as_deref() == Some("ago") {
                        return None;
                    }
                    return Some((s, j + 1));
                }
            } else if skipped == 0 && count == 1.0 && !cap && w.len() > 1 && !lw.ends_with("ly") {
                if self.lower(j + 1).as_deref() == Some("ago") {
                    return None;
                }
                return Some((lw.as_str().to_string(), j + 1));
            }
            // A modifier: a capitalised word, an adverb, a participle or another adjective.
            skipped += 1;
            j += 1;
            // At most two plain singular words between the number and its noun: beyond that the
            // number labels a singular noun ("527 group"), it does not count a plural one.
            if !cap && !lw.ends_with("ly") && !lw.ends_with("ed") && !lw.ends_with("ing") {
                plain += 1;
                if plain > 2 {
                    return None;
                }
            }
        }
        None
    }

    /// Money at token `i`.
    fn money(&self, i: usize) -> Option<(Figure, usize)> {
        self.money_with(i, true)
    }

    fn money_with(&self, i: usize, ranges: bool) -> Option<(Figure, usize)> {
        let src = self.src;
        let mut j = i;
        let mut qual = Qualifier::Exact;
        let mut range_word: Option<&str> = None;
        // A number (most candidates) has no qualifier, range word, stray symbol or currency
        // before its digits: it is read at once.
        let number = self.toks[i].kind == Kind::Number;
        if number {
            // With no currency before its digits, a number is money only by a currency after it.
            if self.currency_end <= i + 1 {
                return None;
            }
        } else if let Some((q, k)) = self.qualifier(j) {
            qual = q;
            j = k;
        } else if let Some(w) = self.lower(j).filter(|w| ranges && (w == "between" || (w == "from" && !self.change_before(i)))) {
            range_word = Some(if w == "between" { "and" } else { "to" });
            j += 1;
        } else if currency::symbol(self.text(j)).is_some() {
            // The slip "$over $900,000": a stray symbol before a qualifier and the amount.
            if let Some((q, k)) = self.qualifier(j + 1) {
                if self.prefix(k).is_some() {
                    qual = q;
                    j = k;
                }
            }
        }
        let mut pre = if number { None } else { self.prefix(j) };
        let mut scale_pre = 1.0;
        if pre.is_none() && !number {
            if let Some(code) = self.toks.get(j).filter(|t| t.kind == Kind::Word).and_then(|t| currency::million_code(t.text(src))) {
                pre = Some(Currency { code, divisor: 1.0, next: j + 1, minor: false });
                scale_pre = 1e6;
            }
        }
        let k = pre.map_or(j, |p| p.next);
        // "a dollar", "a grand": the article as one, only before a currency word.
        let (mut num, negative) = match self.amount(k, true) {
            Some(x) => x,
            None => {
                let w = self.lower(k)?;
                if pre.is_none() && (w == "a" || w == "an" || w == "one") && self.kind(k + 1) == Some(Kind::Word) {
                    let c = self.suffix(k + 1)?;
                    // "$5.85 a pound", "6 dollars a pound": right after an amount, the word is
                    // what the amount is per (a pound of weight), not more money.
                    let after_amount = k > 0 && (self.kind(k - 1) == Some(Kind::Number) || self.suffix(k - 1).is_some_and(|p| p.next == k));
                    if after_amount {
                        return None;
                    }
                    if c.minor && c.divisor > 1.0 && !matches!(self.lower(k + 1).as_deref(), Some("penny" | "dime" | "nickel" | "cent")) {
                        return None;
                    }
                    // "a dollar sign", "a dollar store": the currency word names a thing.
                    if let Some(n) = self.toks.get(c.next).filter(|n| n.kind == Kind::Word) {
                        let w = n.text(src);
                        let lw = w.to_lowercase();
                        if w.chars().next().map_or(false, char::is_lowercase) && !function_words().contains(lw.as_str()) && magnitude(&lw, false, false).is_none() {
                            return None;
                        }
                    }
                    (Num { value: 1.0, exp: 0, next: k + 1, scaled: false, spelled: true }, false)
                } else {
                    return None;
                }
            }
        };
        // Whether the number is no figure by its surroundings (a year, a date, a label) is
        // asked once a currency is found (below): most numbers have none, and it cannot matter
        // for them. Nothing between here and there but reading returns a figure.
        let mut end = num.next;
        // A range: "$2-3 million", "$10-$20", "between $100,000 and $150,000", "10 to 20 dollars".
        let mut second: Option<Num> = None;
        // The separator, compared as bytes: no character beyond ASCII lowers into the letters
        // of "to" or "and", and none into a dash.
        let sep = self.bytes(end);
        let sep_to = sep.eq_ignore_ascii_case(b"to");
        let sep_ok = match range_word {
            Some(w) => sep.eq_ignore_ascii_case(w.as_bytes()),
            None => is_dash(sep) || sep_to,
        };
        let try_range = |after: usize, second: &mut Option<Num>| -> Option<usize> {
            let mut s = after;
            if let Some(p) = self.prefix(s) {
                s = p.next;
            }
            let (n2, _) = self.amount(s, true)?;
            *second = Some(n2);
            Some(n2.next)
        };
        if sep_ok && ranges {
            if let Some(e) = try_range(end + 1, &mut second) {
                end = e;
            }
        }
        // With no currency before the amount, money needs one after it: at `end`, or past a
        // glued hyphen at `end + 1` (below). Most numbers have neither: nothing more to read.
        if pre.is_none() && !self.may_be_currency(end) && !self.may_be_currency(end + 1) {
            return None;
        }
        // A compound modifier of a currency word: "a 12-cent dividend", "a one-yen bid". Not
        // pounds, which weigh as often as they pay ("a twenty-pound bag").
        if second.is_none() && pre.is_none() && self.glued_hyphen(end) {
            let word = self.lower(end + 1).unwrap_or_default();
            if !word.starts_with("pound") && self.suffix(end + 1).filter(|c| c.next == end + 2).is_some() {
                end += 1;
            }
        }
        // Suffix currency.
        let mut suf = None;
        if let Some(c) = self.suffix(end) {
            // A currency before another number is that number's prefix: "1 $10", "1 $ 10",
            // "3 USD50", "rmb 10 usd 20", "$ 20,000.00 $ 37,305.97".
            // A spaced symbol between two numbers goes with the second unless that one has its
            // own symbol or is cents ("10 $ 30 $", "10 $ 30 cent").
            let t = &self.toks[end];
            let before_number = self.toks.get(c.next).filter(|n| n.kind == Kind::Number).map_or(false, |n| {
                !n.space_before
                    || pre.is_some()
                    || (t.kind == Kind::Symbol && t.space_before && {
                        let after = self.amount(c.next, true).map_or(c.next + 1, |(n2, _)| n2.next);
                        let own = self.toks.get(after).map_or(false, |a| a.kind == Kind::Symbol && currency::symbol(a.text(src)).is_some());
                        let cents = self.suffix(after).map_or(false, |c2| c2.minor);
                        !own && !cents
                    })
            });
            if !before_number {
                suf = Some(c);
            }
        } else if let Some(code) = self.toks.get(end).filter(|t| t.kind == Kind::Word).and_then(|t| currency::million_code(t.text(src))) {
            suf = Some(Currency { code, divisor: 1e-6, next: end + 1, minor: false });
        } else if let (Some(w), true) = (self.lower(end), self.bytes(end + 1) == b"$") {
            // "3.14US$"
            if matches!(w.as_str(), "us" | "usd") && !self.toks[end + 1].space_before {
                suf = Some(Currency { code: "USD", divisor: 1.0, next: end + 2, minor: false });
            }
        }
        if let Some(c) = suf {
            end = c.next;
            // "from 10 dollars to 20 dollars"
            if second.is_none() {
                if range_word.is_some_and(|w| self.bytes(end).eq_ignore_ascii_case(w.as_bytes())) {
                    if let Some((n2, _)) = self.amount(end + 1, true) {
                        if let Some(c2) = self.suffix(n2.next) {
                            second = Some(n2);
                            end = c2.next;
                        }
                    }
                }
            }
        }
        let cur = match (pre, suf) {
            (_, Some(s)) if pre.map_or(true, |p| p.code == s.code || s.code == "USD") => {
                if let Some(p) = pre {
                    Currency { code: p.code, ..s }
                } else {
                    s
                }
            }
            (Some(p), _) => {
                end = end.max(p.next);
                if suf.is_some() {
                    // "$ 10 euros": keep the prefix; the suffix is another thing.
                    end = num.next.max(second.map_or(0, |n| n.next));
                }
                p
            }
            (None, Some(s)) => s,
            (None, None) => return None,
        };
        if pre.is_none() && self.not_a_figure(k, i, true) {
            return None;
        }
        // Words that make "pound" a weight and "grand" an adjective.
        let cur_word = suf.and_then(|_| self.lower(end - 1)).unwrap_or_default();
        if cur_word.starts_with("pound") && !num.scaled {
            let prev = if i > 0 { self.lower(i - 1).unwrap_or_default() } else { Lower::default() };
            let weighty = prev.starts_with("weigh") || matches!(prev.as_str(), "lost" | "lose" | "gained" | "gain" | "shed" | "heavier" | "lighter");
            if weighty || matches!(self.lower(end).as_deref(), Some("of" | "heavier" | "lighter" | "overweight")) {
                return None;
            }
            // "a twenty pound bag": a singular pound before a noun is an adjective of weight,
            // unless the noun is a note or coin.
            if cur_word == "pound" && num.value != 1.0 {
                if let Some(next) = self.toks.get(end).filter(|t| t.kind == Kind::Word) {
                    let w = next.text(src);
                    let lw = w.to_lowercase();
                    let lower = w.chars().next().map_or(false, char::is_lowercase);
                    if lower && !function_words().contains(lw.as_str()) && !matches!(lw.as_str(), "note" | "notes" | "coin" | "coins" | "sterling") {
                        return None;
                    }
                }
            }
        }
        if cur_word == "grand" && self.kind(end) == Some(Kind::Word) {
            return None;
        }
        // "75 USD million": a magnitude after a code.
        if let Some(e) = self.lower(end).and_then(|w| magnitude(&w, false, false)) {
            if !num.scaled {
                num.value *= pow10(e);
                num.exp += e;
                num.scaled = true;
                end += 1;
            }
        }
        // Cents after a whole amount: "$20 and 43 cents", "20 dollars 43", "US$3 and fourteen".
        let mut cents = 0.0;
        if !cur.minor && num.value.fract() == 0.0 && second.is_none() {
            let mut t = end;
            let and = self.lower(t).as_deref() == Some("and");
            if and {
                t += 1;
            }
            if let Some((n2, _)) = self.amount(t, false).filter(|(n, _)| !n.scaled && n.value < 100.0 && n.value.fract() == 0.0 && n.value > 0.0) {
                let minor = self.suffix(n2.next).filter(|c| c.minor);
                let ends = self.toks.get(n2.next).map_or(true, |n| n.kind == Kind::Symbol && !currency::symbol(n.text(src)).is_some());
                if let Some(m) = minor {
                    cents = n2.value / m.divisor;
                    end = m.next;
                } else if ends && (self.kind(t) == Some(Kind::Number) || and || (num.spelled && n2.spelled && suf.is_some())) {
                    cents = n2.value / 100.0;
                    end = n2.next;
                }
            }
        }
        let div = cur.divisor;
        let scale = scale_pre / div;
        let sign = if negative { -1.0 } else { 1.0 };
        let first_value = num.value;
        let mut v = sign * (first_value * scale + cents);
        let mut exp = num.exp + scale_exp(scale);
        if cents != 0.0 {
            exp = -2;
        }
        let (interval, qualifier) = if let Some(n2) = second {
            // "$2-3 million": the first takes the second's magnitude when it has none. Not a
            // number already written out in thousands ("between $900,000 and $1 million").
            let mut a = first_value;
            if !num.scaled && n2.scaled && first_value < 1000.0 && n2.value >= pow10(n2.exp) {
                let mag = pow10((n2.value.log10().floor() as i32) - (num.value.max(1.0).log10().floor() as i32));
                if first_value < n2.value / mag * 10.0 {
                    a = first_value * mag;
                }
            }
            let a = sign * a * scale;
            let b = n2.value * scale;
            if range_word == Some("to") && a > b {
                return None;
            }
            if range_word.is_none() && sep_to && (a > b || self.change_before(i)) {
                // A change ("fell from $5 million to $3 million"): two figures.
                return self.money_with(i, false);
            }
            v = (a + b) / 2.0;
            exp = exp.min(n2.exp + scale_exp(scale));
            (Interval::range(a, b), Qualifier::Range)
        } else {
            if range_word.is_some() {
                return None;
            }
            (Interval::from_qualifier(v, pow10(exp), qual), qual)
        };
        // Accounting negatives: "($99.99)".
        let mut start = self.toks[i].range.start;
        let mut stop = self.toks[end - 1].range.end;
        let accounting = i > 0
            && self.bytes(i - 1) == b"("
            && self.bytes(end) == b")"
            && !self.toks[i].space_before
            && !self.toks[end].space_before
            && !negative
            && !(i >= 2 && self.ends_amount(i - 2))
            // Only where a value is stated ("revenue is ($99.99)", "a loss of ($5)"): elsewhere
            // parentheses are an aside ("the grant ($5 million) was approved").
            && i >= 2
            && (matches!(self.lower(i - 2).as_deref(), Some("is" | "was" | "are" | "were" | "be" | "been" | "of" | "at" | "totaled" | "totalled"))
                || matches!(self.text(i - 2), ":" | "="));
        if accounting && pre.is_some() && qualifier == Qualifier::Exact {
            start = self.toks[i - 1].range.start;
            stop = self.toks[end].range.end;
            v = -v;
            end += 1;
            return Some((self.figure(start..stop, FigureKind::Money, v, Interval::from_qualifier(v, pow10(exp), qualifier), cur.code.to_string(), qualifier, exp), end));
        }
        let _ = &mut stop;
        let _ = &mut start;
        Some((self.figure(start..stop, FigureKind::Money, v, interval, cur.code.to_string(), qualifier, exp), end))
    }

    /// Whether token `k` can be where a currency after an amount is read: every token that
    /// [`currency::suffix`] or [`currency::million_code`] reads a currency at is a currency
    /// symbol, a currency word ([`CURRENCY_PART`]) or "c" or "p" ("43c", "50p").
    fn may_be_currency(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        // The gate's bits: a currency symbol, or a word of a currency ([`Scanner::tokenize`]).
        match t.kind {
            Kind::Number => false,
            Kind::Symbol => t.scan & CURRENCY_PART != 0,
            Kind::Word => t.scan & CURRENCY_PART != 0 || matches!(t.bytes(self.src), b"c" | b"p"),
        }
    }

    /// [`currency::prefix`] at token `k`, read only where one can be: a currency symbol, a word
    /// of a currency ([`CURRENCY_PART`]: "Rs", "RM", codes, "dollars"), letters before a "$"
    /// ("US$") or "Malaysia…" (before "ringgit").
    fn prefix(&self, k: usize) -> Option<Currency> {
        let t = self.toks.get(k)?;
        let may = match t.kind {
            Kind::Number => false,
            Kind::Symbol => t.scan & CURRENCY_PART != 0,
            Kind::Word => t.scan & CURRENCY_PART != 0 || self.bytes(k + 1) == b"$" || malaysia_prefix(self.src, t),
        };
        if !may {
            return None;
        }
        currency::prefix(self.src, self.toks, k)
    }

    /// [`currency::suffix`] at token `k`, read only where [`Ctx::may_be_currency`] says one can
    /// be: most tokens asked (the word after an amount) are none, and need no lowering and hash.
    fn suffix(&self, k: usize) -> Option<Currency> {
        if !self.may_be_currency(k) {
            return None;
        }
        currency::suffix(self.src, self.toks, k)
    }

    /// A hyphen glued on both sides at token `k` ("12-cent").
    fn glued_hyphen(&self, k: usize) -> bool {
        is_dash(self.bytes(k))
            && self.toks.get(k).map_or(false, |t| !t.space_before)
            && self.toks.get(k + 1).map_or(false, |t| !t.space_before && t.kind == Kind::Word)
    }

    /// Whether token `k` can end an amount: a number, a magnitude or a currency.
    fn ends_amount(&self, k: usize) -> bool {
        match self.kind(k) {
            Some(Kind::Number) => true,
            Some(Kind::Word) => {
                let w = self.text(k);
                magnitude(w, true, true).is_some() || self.suffix(k).is_some()
            }
            Some(Kind::Symbol) => currency::symbol(self.text(k)).is_some(),
            None => false,
        }
    }

    fn change_before(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|k| self.lower(k).map_or(false, |w| CHANGE_VERBS.contains(&w.as_str())))
    }

    #[allow(clippy::too_many_arguments)]
    fn figure(&self, range: Range<usize>, kind: FigureKind, value: f64, interval: Interval, unit: String, qualifier: Qualifier, exp: i32) -> Figure {
        Figure { range, kind, value: round(value), interval: Interval { low: round(interval.low), high: round(interval.high), ..interval }, unit, qualifier, step: round(pow10(exp)) }
    }

    /// A percentage or a counted quantity at token `i`. `checked`: the scanner has found token
    /// `i` to be a number that is a figure by its surroundings ([`Ctx::not_a_figure`] false).
    fn quantity(&self, i: usize, checked: bool) -> Option<(Figure, usize)> {
        let mut j = i;
        let mut qual = Qualifier::Exact;
        let mut range_word: Option<&str> = None;
        // A number has no qualifier or range word before its digits (as in `money_with`).
        if self.toks[i].kind == Kind::Number {
        } else if let Some((q, k)) = self.qualifier(j) {
            qual = q;
            j = k;
        } else if let Some(w) = self.lower(j).filter(|w| w == "between" || w == "from") {
            range_word = Some(if w == "between" { "and" } else { "to" });
            j += 1;
        }
        // "a dozen", "a million people", but not "a" or "one" alone.
        let (num, negative) = self.amount(j, false)?;
        let lone_one = num.spelled && num.value == 1.0 && !num.scaled;
        if lone_one {
            return None;
        }
        // A number token reads no qualifier or range word before itself: then j is i.
        if !(checked && j == i) && self.not_a_figure(j, i, false) {
            return None;
        }
        let mut end = num.next;
        let mut second = None;
        // The separator, compared as bytes: no character beyond ASCII lowers into the letters
        // of "to" or "and", and none into a dash.
        let sep = self.bytes(end);
        let sep_to = sep.eq_ignore_ascii_case(b"to");
        let sep_ok = match range_word {
            Some(w) => sep.eq_ignore_ascii_case(w.as_bytes()),
            None => is_dash(sep) || sep_to,
        };
        if sep_ok {
            // The hyphen of a range must not be a compound ("10-year-old").
            if let Some((n2, _)) = self.amount(end + 1, false) {
                second = Some(n2);
                end = n2.next;
            }
        }
        // A compound modifier: "a 62-acre site" and "a 450-job plant" count acres and jobs;
        // "a 30-year lease" and "a 10-year-old" are lengths of time and ages, not counts.
        let mut compound: Option<(String, usize)> = None;
        if second.is_none() && is_dash(self.bytes(end)) && self.toks.get(end).map_or(false, |t| !t.space_before) {
            let word = self.toks.get(end + 1).filter(|t| t.kind == Kind::Word && !t.space_before);
            let lw = word.and_then(|_| self.lower(end + 1));
            let then_dash = self.toks.get(end + 2).is_some_and(|t| !t.space_before && is_dash(t.bytes(self.src)));
            match lw {
                Some(w) if !then_dash
                    && w.as_str().bytes().all(|b| b.is_ascii_lowercase())
                    && w.len() > 1
                    && self.text(end + 1).starts_with(|c: char| c.is_ascii_lowercase())
                    && !function_words().contains(w.as_str())
                    && !TIME_UNITS.contains(&w.as_str())
                    && magnitude(&w, false, false).is_none()
                    // "a twenty-pound bag", "a five-dollar bill": weight or money, never a count.
                    && !currency::is_currency_word(w.as_str(), self.text(end + 1)) =>
                {
                    compound = Some((w.as_str().to_string(), end + 2));
                }
                _ => return None,
            }
        }
        let sign = if negative { -1.0 } else { 1.0 };
        let v = sign * num.value;
        // Percentages.
        let (kind, unit, stop) = if let Some((u, next)) = compound {
            (FigureKind::Quantity, u, next)
        } else if self.bytes(end) == b"%" {
            (FigureKind::Percent, "%".to_string(), end + 1)
        } else if let Some(w) = self.lower(end) {
            if w == "percent" || w == "percents" || w == "pct" || w == "percentage" && self.lower(end + 1).map_or(false, |x| x.starts_with("point")) {
                if w == "percentage" {
                    (FigureKind::Quantity, "percentage point".to_string(), end + 2)
                } else {
                    (FigureKind::Percent, "%".to_string(), end + 1)
                }
            } else if w == "per" && self.lower(end + 1).as_deref() == Some("cent") {
                (FigureKind::Percent, "%".to_string(), end + 2)
            } else {
                let count = second.map_or(v, |n: Num| n.value);
                let (u, next) = self.unit_noun(end, count)?;
                (FigureKind::Quantity, u, next)
            }
        } else {
            return None;
        };
        let (interval, qualifier, value, exp) = match second {
            Some(n2) => {
                if range_word.is_none() && sep_to && (v > n2.value || self.change_before(i)) {
                    return None;
                }
                let mut a = v;
                if !num.scaled && n2.scaled && num.value < 1000.0 {
                    let e = n2.exp.max(0) + (n2.value.log10().floor() as i32 - n2.exp.max(0)).max(0);
                    let mag = pow10(e - (num.value.max(1.0).log10().floor() as i32));
                    if mag > 1.0 {
                        a = v * mag;
                    }
                }
                (Interval::range(a, n2.value), Qualifier::Range, (a + n2.value) / 2.0, num.exp.min(n2.exp))
            }
            None => {
                if range_word.is_some() {
                    return None;
                }
                (Interval::from_qualifier(v, num.step(), qual), qual, v, num.exp)
            }
        };
        let start = self.toks[i].range.start;
        let stop_byte = self.toks[stop - 1].range.end;
        Some((self.figure(start..stop_byte, kind, value, interval, unit, qualifier, exp), stop))
    }
}

/// Round away float noise: 10 significant digits.
fn round(v: f64) -> f64 {
    // An integer of up to ten digits (most values, bounds and steps) is its own rounding: the
    // scaled product and the quotient below are exact for it.
    if v.abs() < 1e10 && (v as i64) as f64 == v {
        return v;
    }
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = pow10(9 - floor_log10(v.abs()));
    round_half_away(v * mag) / mag
}

/// `y.round()` (half away from zero), bit for bit, without the libm call: below 2^52 the
/// integer part comes from a conversion, and `y - t` is exact.
fn round_half_away(y: f64) -> f64 {
    if !(y.abs() < 4_503_599_627_370_496.0) {
        // Already an integer (or not finite): round leaves it.
        return y;
    }
    let t = (y as i64) as f64;
    let d = y - t;
    let r = if d >= 0.5 {
        t + 1.0
    } else if d <= -0.5 {
        t - 1.0
    } else {
        t
    };
    // round keeps the sign of y, also on a zero (-0.3 rounds to -0.0).
    r.copysign(y)
}

/// The powers of ten 10^-22 ..= 10^22 as doubles (exact from 10^0 up).
const DECADES: [f64; 45] = [
    1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6,
    1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x.log10().floor()` for a finite `x > 0`, bit for bit. Between 10^-22 and 10^22, clear of a
/// power of ten by more than libm's error could blur, the decade is found by comparisons; a
/// power of ten itself is its exponent (libm's answer there, which a test holds it to); near
/// one, and outside that span, libm answers.
fn floor_log10(x: f64) -> i32 {
    /// Far more than libm's log10 is ever off (under two units in the last place).
    const MARGIN: f64 = 1e-9;
    // The decade of the binary exponent, floor(e2 * log10 2), give or take one: a guess that
    // the comparisons below confirm or refuse.
    let e2 = ((x.to_bits() >> 52) & 0x7FF) as i32 - 1023;
    let mut k = (e2 * 1233) >> 12;
    if (-22..22).contains(&k) {
        if x >= DECADES[(k + 23) as usize] {
            k += 1;
        }
        if let (Some(&lo), Some(&hi)) = (DECADES.get((k + 22) as usize), DECADES.get((k + 23) as usize)) {
            if x == lo || (x >= lo * (1.0 + MARGIN) && x < hi * (1.0 - MARGIN)) {
                return k;
            }
        }
    }
    x.log10().floor() as i32
}

/// `scale.log10().round()` of a money scale: 1 (most money) without libm.
fn scale_exp(scale: f64) -> i32 {
    if scale == 1.0 {
        0
    } else {
        scale.log10().round() as i32
    }
}

/// The singular of a plural noun, or None when `w` does not look plural.
pub fn singular(w: &str) -> Option<String> {
    if let Some(s) = plurals().get(w) {
        return Some((*s).to_string());
    }
    if w.len() < 3 || !w.ends_with('s') || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.ends_with("’s") || w.ends_with("'s") {
        return None;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() >= 2 {
            return Some(format!("{stem}y"));
        }
    }
    for suf in ["sses", "xes", "ches", "shes", "zes"] {
        if w.ends_with(suf) {
            return Some(w[..w.len() - 2].to_string());
        }
    }
    Some(w[..w.len() - 1].to_string())
}

impl Scanner {
    /// Append every figure in `src[range]` to `out`.
    /// The tokens of the sentence last given to [`Scanner::scan`] (for other stages to reuse).
    pub fn tokens(&self) -> &[Token] {
        &self.toks
    }

    pub fn scan(&mut self, src: &str, range: Range<usize>, out: &mut Vec<Figure>) {
        self.scan_noting(src, range, out, None)
    }

    /// The word tokens of the last [`Scanner::scan_noting`] that may be one of its words, last
    /// first: those of a noted shape, and every word whose shape says nothing of its parts
    /// (letters beyond ASCII, an inner period or apostrophe).
    pub fn noted(&self) -> &[u32] {
        &self.noted
    }

    /// Tokenize `src[range]` with the gate on the tokenizer's pass: every token's
    /// [`Token::scan`] bits ([`NUMBER_PART`], [`CURRENCY_PART`] of a word or a currency symbol,
    /// [`OPENER_SHAPE`]), the tokens that carry an amount, and the words `note` asks for.
    fn tokenize(&mut self, src: &str, range: Range<usize>, note: Option<&Shapes>) {
        self.carriers.clear();
        self.noted.clear();
        let gate: &[GateEntry; 1024] = &note.unwrap_or_else(|| Shapes::none()).1;
        let Scanner { toks, carriers, noted, currency_end } = self;
        *currency_end = 0;
        let wt = word_tables();
        // The gate runs inside the tokenizer's loop, on each token as it is made.
        tokenize_with(src, range, toks, |k, t| {
            let bits = match t.kind {
                Kind::Word if t.flags & flag::ASCII != 0 => {
                    // The three tables by the word's shape at once: most words are in none.
                    let g = &gate[t.shape as usize & 1023];
                    let bit = 1u32 << (t.range.end - t.range.start).min(31);
                    if g.any & bit == 0 {
                        if t.flags & flag::INNER != 0 {
                            noted.push(k as u32);
                        }
                        0
                    } else {
                        if g.note & bit != 0 || t.flags & flag::INNER != 0 {
                            noted.push(k as u32);
                        }
                        let found = if g.words & bit != 0 { wt.lookup(src, t) } else { 0 };
                        found | if g.openers & bit != 0 { OPENER_SHAPE } else { 0 }
                    }
                }
                Kind::Word => {
                    noted.push(k as u32);
                    wt.lookup(src, t) | OPENER_SHAPE
                }
                Kind::Number => 0,
                Kind::Symbol => {
                    if carries_amount(src, t, wt) {
                        CURRENCY_PART
                    } else {
                        0
                    }
                }
            };
            if t.kind == Kind::Number || bits & (NUMBER_PART | CURRENCY_PART) != 0 {
                carriers.push(k as u32);
                // As `Ctx::may_be_currency` (a currency symbol or word), and "c" or "p" below.
                if bits & CURRENCY_PART != 0 {
                    *currency_end = k + 1;
                }
            } else if t.kind == Kind::Word && t.range.len() == 1 && matches!(src.as_bytes()[t.range.start], b'c' | b'p') {
                *currency_end = k + 1;
            }
            bits
        });
        // Noted last first, as attribution reads them.
        noted.reverse();
    }

    /// [`Scanner::scan`], noting on the way the words that may have one of `note`'s shapes
    /// ([`Scanner::noted`]): the scanner's gate already reads every word's shape, so another
    /// stage (attribution's reporting verbs) need not loop over the tokens again.
    pub fn scan_noting(&mut self, src: &str, range: Range<usize>, out: &mut Vec<Figure>, note: Option<&Shapes>) {
        self.tokenize(src, range, note);
        let n = self.toks.len();
        if self.carriers.is_empty() {
            return;
        }
        let ctx = Ctx::with_currency_end(src, &self.toks, self.currency_end);
        let mut i = 0;
        // The first carrier at or after `i` is `self.carriers[p]`.
        let mut p = 0;
        while i < n {
            while p < self.carriers.len() && (self.carriers[p] as usize) < i {
                p += 1;
            }
            let Some(&near) = self.carriers.get(p) else { break };
            let near = near as usize;
            if near > i + GATE {
                // No figure starts before GATE tokens ahead of the next carrier.
                i = near - GATE;
            }
            let t = &ctx.toks[i];
            // Figures start with a digit, a symbol, a number or currency word, or a word that
            // leads into one (a qualifier, "between", an article, a currency prefix).
            let candidate = match t.kind {
                // A date, a time, an ordinal or a phone number is neither money nor a count:
                // both readers would refuse it after reading it (a number token reads no
                // qualifier or currency prefix before itself, so both ask of this token).
                Kind::Number => !ctx.never_a_figure(i),
                // "-", "(" or "−" (U+2212), or a currency symbol (of the gate's, all but "¢").
                Kind::Symbol => matches!(t.bytes(src), b"-" | b"(" | [0xE2, 0x88, 0x92]) || (t.scan & CURRENCY_PART != 0 && currency::symbol(t.text(src)).is_some()),
                // A word that opens a figure only as a qualifier's first word ("in", "at") and
                // starts no qualifier here: neither reader gets past it ("in 2013").
                Kind::Word => {
                    near == i
                        || (t.scan & OPENER_SHAPE != 0
                            && opener(src, t).map_or(false, |o| near <= i + o.reach && (!o.only_qualifier || ctx.qualifier_with(i, Some(o)).is_some())))
                }
            };
            if candidate {
                if let Some((f, next)) = ctx.money(i) {
                    out.push(f);
                    i = next.max(i + 1);
                    continue;
                }
                // A year or a label is no count ("since 2013", "page 12"); money was asked above.
                if t.kind != Kind::Symbol && !(t.kind == Kind::Number && ctx.not_a_count(i, i)) {
                    // A number here passed both tests of `not_a_figure` (`never_a_figure` above).
                    if let Some((f, next)) = ctx.quantity(i, t.kind == Kind::Number) {
                        out.push(f);
                        i = next.max(i + 1);
                        continue;
                    }
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn word_keys_lower_and_pad() {
        assert_eq!(word_key(b"Ab"), word_key(b"ab"));
        assert_eq!(word_key(b"U.S"), word_key(b"u.s"));
        assert_eq!(word_key(b"abcdefgh"), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(word_key(b"abcde"), Some(u64::from_le_bytes(*b"abcde\0\0\0")));
        assert_eq!(word_key(b"a"), Some(b'a' as u64));
        assert_eq!(word_key(b""), None);
        assert_eq!(word_key(b"abcdefghi"), None);
        assert_ne!(word_key(b"ab"), word_key(b"abc"));
    }

    /// The key tables answer as the hash maps do for every short ASCII word, in any case.
    #[test]
    fn key_tables_agree_with_the_maps() {
        let wt = word_tables();
        let mut words: Vec<String> = wt.words.keys().cloned().collect();
        words.extend(opener_tables().map.keys().map(|w| w.to_string()));
        words.extend(["the", "said", "malaysia", "Malaysia", "MALAYSIAN", "malaysi", "don't", "o'clock", "zzz", "Rs", "e.g"].map(String::from));
        for w in words.clone() {
            words.push(w.to_uppercase());
            let mut c = w.clone();
            if let Some(f) = c.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            words.push(c);
            // Near misses: one letter more or less.
            words.push(format!("{w}s"));
            words.push(w.chars().skip(1).collect());
        }
        let mut checked = 0;
        for w in words.iter().filter(|w| w.is_ascii() && !w.is_empty()) {
            let mut toks = Vec::new();
            tokenize(w, 0..w.len(), &mut toks);
            if toks.len() != 1 || toks[0].kind != Kind::Word || toks[0].flags & flag::ASCII == 0 {
                continue;
            }
            checked += 1;
            let t = &toks[0];
            let lw = w.to_lowercase();
            assert_eq!(wt.lookup(w, t), wt.words.get(lw.as_str()).copied().unwrap_or(0), "{w}");
            let slow = if shape(&lw).map_or(false, |(k, len)| opener_tables().shapes[k] & (1 << len) == 0) && !lw.starts_with("malaysia") {
                None
            } else {
                opener_map(&lw)
            };
            assert_eq!(opener(w, t).map(|o| o as *const Opener), slow.map(|o| o as *const Opener), "{w}");
            // The gate's filter lets every opener through.
            let mut scanner = Scanner::default();
            scanner.tokenize(w, 0..w.len(), None);
            assert!(slow.is_none() || scanner.toks[0].scan & OPENER_SHAPE != 0, "{w}");
        }
        assert!(checked > 500, "{checked}");
    }

    /// The decade by comparisons is libm's, around every power of ten and between them.
    #[test]
    fn floor_log10_is_libm() {
        let mut xs = vec![1e-3, 0.5, 1.0, 7.0, 1e22, 3e22, 1e300, 1e-300, 5e-324, f64::MAX, f64::MIN_POSITIVE];
        xs.extend(DECADES);
        for k in -24..=24 {
            let p = 10f64.powi(k);
            let mut lo = p;
            let mut hi = p;
            for _ in 0..4 {
                lo = f64::from_bits(lo.to_bits() - 1);
                hi = f64::from_bits(hi.to_bits() + 1);
                xs.extend([lo, hi]);
            }
            xs.extend([p, p * (1.0 + 1e-9), p * (1.0 - 1e-9), p * 1.5, p * 9.999_999, p * 2.5e-10 + p]);
        }
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            xs.push((seed >> 11) as f64 / (1u64 << 20) as f64);
            xs.push(f64::from_bits(seed >> 2));
        }
        xs.retain(|x| x.is_finite() && *x > 0.0);
        for x in xs {
            assert_eq!(floor_log10(x), x.log10().floor() as i32, "{x:e}");
            assert_eq!(round(x).to_bits(), round_libm(x).to_bits(), "{x:e}");
            assert_eq!(round(-x).to_bits(), round_libm(-x).to_bits(), "{x:e}");
            for y in [x, -x, x.fract(), -x.fract(), x.trunc() + 0.5, -(x.trunc() + 0.5), 0.49999999999999994, -0.49999999999999994] {
                assert_eq!(round_half_away(y).to_bits(), y.round().to_bits(), "{y:e}");
            }
        }
        fn round_libm(v: f64) -> f64 {
            let mag = 10f64.powi(9 - v.abs().log10().floor() as i32);
            (v * mag).round() / mag
        }
    }

    /// The gate's month bit is [`is_month_tok`].
    #[test]
    fn month_bits_are_months() {
        let s = "Jan June SEPT Sept. march mayor may ma décembre December 5 JANUARY MAY Mar mar. oct octo \
                 Dec decade August augusta Sep sep sept september Septembers nov Nov. NOVEMBER feb February";
        let mut scanner = Scanner::default();
        scanner.tokenize(s, 0..s.len(), None);
        let toks = scanner.toks.clone();
        let ctx = Ctx::new(s, &toks);
        let mut months = 0;
        for (k, t) in toks.iter().enumerate() {
            assert_eq!(ctx.month(k), is_month_tok(s, t), "{}", t.text(s));
            months += ctx.month(k) as usize;
        }
        assert!(months > 20, "{months}");
    }

    /// The byte tests answer as the lists they stand for.
    #[test]
    fn dashes_and_months_by_bytes() {
        for d in DASHES {
            assert!(is_dash(d.as_bytes()), "{d}");
        }
        for d in ["", "--", "=", "\u{2012}", "\u{2015}", "−", "a"] {
            assert!(!is_dash(d.as_bytes()), "{d}");
        }
        let s = "Jan June SEPT Sept. march mayor may ma décembre December 5 JANUARY";
        let mut toks = Vec::new();
        tokenize(s, 0..s.len(), &mut toks);
        for t in &toks {
            let slow = t.kind == Kind::Word && is_month(&t.text(s).to_lowercase());
            assert_eq!(is_month_tok(s, t), slow, "{}", t.text(s));
        }
    }

    #[test]
    fn is_month_is_the_list() {
        for m in MONTHS {
            assert!(is_month(m), "{m}");
        }
        for w in ["ma", "mayor", "june1", "Jan", "decade", ""] {
            assert!(!is_month(w), "{w}");
        }
    }

    /// Every token a currency is read at after an amount has a currency bit: the money reader's
    /// shortcut without one loses no figure.
    #[test]
    fn currency_bits_cover_the_suffixes() {
        let s = "5 dollars 5 USD 5 usd 5 MUSD 5 musd 5 € 5 ¢ 43c 50p 10 c 5 LE 5 L.E. 5 le 5 RM 5 Rs 5 Rs. \
                 5 ரூ 5 元 3.14US$ 5 U.S. dollars 5 u.s dollars 5 pounds sterling 5 Hong Kong dollars \
                 5 cents 5 pence 5 grand 5 bucks 5 quid 5 yen 5 ringgit 5 sen 5 DOLLARS 5 Euros 5 RMB";
        // The gate's bits, as the scanner makes them.
        let mut scanner = Scanner::default();
        scanner.tokenize(s, 0..s.len(), None);
        let toks = scanner.toks.clone();
        let mut seen = 0;
        for k in 0..toks.len() {
            let t = &toks[k];
            let suffix = currency::suffix(s, &toks, k).is_some();
            let million = t.kind == Kind::Word && currency::million_code(t.text(s)).is_some();
            let us = t.kind == Kind::Word && matches!(t.text(s).to_lowercase().as_str(), "us" | "usd");
            if suffix || million || us {
                seen += 1;
                let ctx = Ctx::new(s, &toks);
                assert!(ctx.may_be_currency(k), "{}", t.text(s));
            }
        }
        assert!(seen > 30, "{seen}");
        // The gate's last currency is the one `may_be_currency` finds.
        for s in [s, "5 dollars in 2013", "in 2013 and 5", "43c 2", "paid 50p", "the P 5", "$ 5", "5 €", ""] {
            scanner.tokenize(s, 0..s.len(), None);
            assert_eq!(scanner.currency_end, Ctx::new(s, &scanner.toks).currency_end, "{s}");
        }
    }

    /// The currency readers' shortcuts by the gate's bits lose no currency.
    #[test]
    fn currency_shortcuts_agree_with_the_readers() {
        let s = "$5 US$5 us $5 u.s $ 5 C$ 5 c $5 A$5 HK$5 NZ$ 5 S$5 R$5 Mex$5 usd$5 music's $5 Rs 5 Rs. 5 rs 5 \
                 RM 5 ringgit 5 sen 5 MUSD 5 USD 5 usd 5 dollar 5 dollars 5 Malaysia ringgit 5 MALAYSIAN ringgit 5 \
                 € 5 £5 ¥5 ₹5 元5 ரூ 5 ¢ 5 5 dollars 5 USD 5 € 43c 50p 10 c 5 LE 5 L.E. 5 le 5 RM 5 Rs \
                 5 U.S. dollars 5 pounds sterling 5 Hong Kong dollars 5 cents 5 grand 5 RMB 5 Euros the try pen";
        let mut scanner = Scanner::default();
        scanner.tokenize(s, 0..s.len(), None);
        let toks = scanner.toks.clone();
        let ctx = Ctx::new(s, &toks);
        let (mut pre, mut suf) = (0, 0);
        for k in 0..toks.len() + 1 {
            assert_eq!(ctx.prefix(k), currency::prefix(s, &toks, k), "{k}");
            assert_eq!(ctx.suffix(k), currency::suffix(s, &toks, k), "{k}");
            pre += ctx.prefix(k).is_some() as usize;
            suf += ctx.suffix(k).is_some() as usize;
        }
        assert!(pre > 30 && suf > 30, "{pre} {suf}");
    }

    /// The reading shortcut for words without the gate's number bit loses no reading.
    #[test]
    fn amount_shortcut_agrees_with_read_both() {
        let s = "a dozen A hundred an eighth minus five MINUS 3 the three Three-quarters half a million \
                 quarter billion dollars more than one point two five cents twenty-five über zwei ÉLAN";
        let mut scanner = Scanner::default();
        scanner.tokenize(s, 0..s.len(), None);
        let toks = scanner.toks.clone();
        let ctx = Ctx::new(s, &toks);
        for k in 0..toks.len() + 1 {
            let want = numbers::read_both(s, &toks, k);
            for money in [false, true] {
                assert_eq!(ctx.amount(k, money), want[money as usize], "{k}");
            }
        }
    }

    /// The gate's word set agrees with the scanner's own tests of number and currency words.
    #[test]
    fn gate_words_agree_with_the_readers() {
        let s = "three Million dollars USD MUSD Euros quarter rupees ரூ the council met";
        let mut toks = Vec::new();
        tokenize(s, 0..s.len(), &mut toks);
        for t in &toks {
            let text = t.text(s);
            let lw = text.to_lowercase();
            let slow = numbers::is_number_word(&lw) || currency::is_currency_word(&lw, text);
            assert_eq!(carries_amount(s, t, word_tables()), slow, "{text}");
        }
    }
}

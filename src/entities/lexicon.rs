//! The word lists under `data/entities/`, loaded once. Lookups never allocate for ordinary
//! ASCII words: case-insensitive ones lower-case into a stack buffer.

use crate::text::fasthash::{Map as HashMap, Set as HashSet};

/// A gazetteer section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceCat {
    Country,
    State,
    Region,
    City,
}
use std::sync::OnceLock;

pub(crate) struct Lexicon {
    /// Given names as written ("George").
    given: HashSet<&'static str>,
    /// Gazetteer keys (see [`key_of`]) and their section.
    places: HashMap<String, PlaceCat>,
    /// Every prefix of every gazetteer key ("n", "ne", …, "new york"): a span whose first
    /// word's key is none of them starts no place.
    /// As bytes: a word lowered on the stack is asked without a UTF-8 check.
    place_prefixes: HashSet<Box<[u8]>>,
    /// Longest gazetteer entry in words.
    pub place_max_words: usize,
    org_words: HashSet<&'static str>,
    /// Title phrases as key words ("attorney general" → ["attorney", "general"]), by first
    /// word, longest first.
    titles: HashMap<String, Vec<Vec<String>>>,
    pub title_max_words: usize,
    /// Lower-case words that are never names on their own.
    common: HashSet<&'static str>,
    /// The shapes of `common` and of the titles' first words: most capitalised words of a run
    /// are neither, and the shapes say so before a word is lowered and hashed.
    common_shapes: Shapes,
    title_shapes: Shapes,
    /// The shapes of the titles' last words: a lower-case title right before a name ends with
    /// the word before it, which most such words cannot.
    title_end_shapes: Shapes,
    demonyms: HashSet<&'static str>,
    acronyms_other: HashSet<&'static str>,
    org_acronyms: HashSet<&'static str>,
    other_words: HashSet<&'static str>,
    /// The case-sensitive lists above merged into one table of [`flag`] bits: one lookup
    /// answers all of them for a word of a run.
    exact: HashMap<&'static str, u16>,
    /// `common` and the titles' first words as one table of [`flag::COMMON`] and
    /// [`flag::TITLE`] bits: a plain word is lowered and looked up once for both.
    lower: HashMap<Box<[u8]>, u16>,
}

/// What [`Lexicon::flags`] says of a word, one bit per word list.
pub(crate) mod flag {
    pub const GIVEN: u16 = 1;
    /// [`super::Lexicon::is_org_word`].
    pub const ORG: u16 = 2;
    pub const PLACE_END: u16 = 4;
    pub const PLACE_START: u16 = 8;
    /// The word as written is a demonym; [`super::Lexicon::is_demonym`] also tries it without
    /// a plural "s".
    pub const DEMONYM_EXACT: u16 = 16;
    pub const OTHER_ACRONYM: u16 = 32;
    pub const OTHER_WORD: u16 = 64;
    /// [`super::Lexicon::is_common`].
    pub const COMMON: u16 = 128;
    /// [`super::Lexicon::starts_title`].
    pub const TITLE: u16 = 256;
    /// ASCII letters, digits, hyphens and apostrophes only, at most [`super::PLAIN_MAX`]
    /// bytes: the word's key (see [`super::key_of`]) is its ASCII lower case.
    pub const PLAIN: u16 = 512;
    /// Free for the caller's own tests (entity detection keeps its acronym test here).
    pub const ACRONYM: u16 = 1024;
    /// Free for the caller too: entity detection keeps [`super::Lexicon::is_place_prefix_plain`]
    /// of a plain word here.
    pub const PLACE_PREFIX: u16 = 2048;
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `s` is ASCII words split by single spaces, without periods or spaces at either end
/// (most names are): then it is its own surface, and its key is its lower case.
pub(crate) fn plain_name(s: &str) -> bool {
    let mut after_space = true;
    for &c in s.as_bytes() {
        match c {
            b' ' if !after_space => after_space = true,
            b' ' | b'.' | 0x09..=0x0D | 0x80.. => return false,
            _ => after_space = false,
        }
    }
    !after_space
}

/// A name's matching key: lower case, curly apostrophes straightened, periods dropped, single
/// spaces. "U.S." and "US" share a key; so do "St. John" and "St John".
pub fn key_of(s: &str) -> String {
    // Most names are plain: their key is their lower case (a key is made for every mention).
    if plain_name(s) {
        return s.to_ascii_lowercase();
    }
    let mut k = KeyBuilder { out: String::with_capacity(s.len()), space: false };
    k.push(s);
    k.out
}

/// A key built a piece at a time: after each piece, `out` holds the key of the text so far
/// (a pending space is written only before the next word), so the keys of a span's prefixes
/// are prefixes of its key.
pub struct KeyBuilder {
    pub out: String,
    space: bool,
}

impl KeyBuilder {
    pub fn with_capacity(n: usize) -> KeyBuilder {
        KeyBuilder { out: String::with_capacity(n), space: false }
    }

    /// Start a new key.
    pub fn clear(&mut self) {
        self.out.clear();
        self.space = false;
    }

    pub fn push(&mut self, s: &str) {
        // Names are nearly always ASCII: a word at a time, copied and lower-cased in place,
        // without decoding chars (the char loop below cost 15% of mention detection).
        if s.is_ascii() {
            // `char::is_whitespace` on ASCII.
            let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if space(b[i]) {
                    self.space = !self.out.is_empty();
                    i += 1;
                } else if b[i] == b'.' {
                    i += 1;
                } else {
                    let j = b[i..].iter().position(|&c| space(c) || c == b'.').map_or(b.len(), |n| i + n);
                    if self.space {
                        self.out.push(' ');
                        self.space = false;
                    }
                    let at = self.out.len();
                    self.out.push_str(&s[i..j]);
                    self.out[at..].make_ascii_lowercase();
                    i = j;
                }
            }
            return;
        }
        self.push_chars(s);
    }

    /// [`KeyBuilder::push`] a char at a time: any text.
    fn push_chars(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = !self.out.is_empty();
                continue;
            }
            if c == '.' {
                continue;
            }
            if self.space {
                self.out.push(' ');
                self.space = false;
            }
            match c {
                '’' | '‘' => self.out.push('\''),
                // ASCII without the ToLowercase iterator: keys are made for every name mention.
                c if c.is_ascii() => self.out.push(c.to_ascii_lowercase()),
                _ => self.out.extend(c.to_lowercase()),
            }
        }
    }
}

const PLAIN_BYTE: u8 = 1;
const UPPER_BYTE: u8 = 2;

/// Per byte: [`PLAIN_BYTE`] for an ASCII letter, digit, hyphen or apostrophe (the bytes of a
/// plain word), [`UPPER_BYTE`] also for a capital letter.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' {
            t[i] |= PLAIN_BYTE;
        }
        if c.is_ascii_uppercase() {
            t[i] |= UPPER_BYTE;
        }
        i += 1;
    }
    t
};

/// Longest word that [`flag::PLAIN`] marks (as long as [`with_lower`]'s buffer: the lists
/// lower such words in ASCII).
pub(crate) const PLAIN_MAX: usize = 40;

/// Run `f` on the lower-cased word without allocating when it is short ASCII.
pub(crate) fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; PLAIN_MAX];
    if w.len() <= buf.len() && w.is_ascii() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        f(std::str::from_utf8(&buf[..w.len()]).unwrap_or(""))
    } else {
        f(&w.to_lowercase())
    }
}

/// Which (first byte, last byte, length) the ASCII words of a lower-case list have, first and
/// last byte folded to 27 slots (a letter, or anything else): an ASCII word whose lower case
/// is in the list has one of them, so a word of any other shape is rejected without lowering
/// or hashing it. Says nothing of other words.
struct Shapes(Vec<u32>);

impl Shapes {
    fn shape(w: &str) -> Option<(usize, u32)> {
        let b = w.as_bytes();
        let slot = |c: u8| if c.is_ascii_alphabetic() { (c.to_ascii_lowercase() - b'a') as usize } else { 26 };
        Some((slot(*b.first()?) * 27 + slot(*b.last()?), b.len().min(31) as u32))
    }

    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Shapes {
        let mut bits = vec![0u32; 27 * 27];
        // Words with other characters never equal the lower case of an ASCII word.
        for w in words.filter(|w| w.is_ascii()) {
            if let Some((k, len)) = Shapes::shape(w) {
                bits[k] |= 1 << len;
            }
        }
        Shapes(bits)
    }

    /// False only when the lower case of `w` is surely not in the list.
    fn may_hold(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return true;
        }
        match Shapes::shape(w) {
            Some((k, len)) => self.0[k] & (1 << len) != 0,
            // The empty word: ask the list.
            None => true,
        }
    }

    /// [`Shapes::may_hold`] of an ASCII word that starts and ends with a letter, by its
    /// shape (first letter * 27 + last letter, as a token keeps it) and length.
    fn may_hold_shape(&self, shape: u16, len: usize) -> bool {
        self.0.get(shape as usize).map_or(true, |&bits| bits & (1 << len.min(31)) != 0)
    }
}

/// Titles that are also ordinary nouns or start organisation names ("General Motors",
/// "Justice Department"): they count as a title only before a given name or a lone surname.
const WEAK_TITLES: &[&str] = &[
    "general", "major", "justice", "chief", "officer", "private", "director", "principal", "dean", "deputy", "agent",
    "chair", "founder", "coach", "brother", "sister", "father", "king", "queen", "prince", "princess", "speaker",
    "secretary", "captain", "commander", "lord", "lady", "delegate", "minister", "detective", "inspector", "premier",
    "chancellor", "emperor", "sultan", "pope", "cardinal", "bishop", "pastor", "spokesman", "spokeswoman",
    "spokesperson", "provost", "superintendent", "ambassador", "commissioner", "sheriff", "judge", "chairman",
    "chairwoman", "chairperson", "ceo",
];

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            let mut places: HashMap<String, PlaceCat> = HashMap::default();
            let mut cat = PlaceCat::City;
            for l in lines(include_str!("../../data/entities/places.txt")) {
                match l {
                    "[country]" => cat = PlaceCat::Country,
                    "[state]" => cat = PlaceCat::State,
                    "[region]" => cat = PlaceCat::Region,
                    "[city]" => cat = PlaceCat::City,
                    _ => {
                        places.entry(key_of(l)).or_insert(cat);
                    }
                }
            }
            let place_prefixes = places
                .keys()
                .flat_map(|k| k.char_indices().map(|(i, _)| &k[..i]).chain([k.as_str()]))
                .map(|p| p.as_bytes().into())
                .collect();
            let place_max_words = places.keys().map(|p| p.split(' ').count()).max().unwrap_or(1);
            let mut place_end = HashSet::default();
            let mut place_start = HashSet::default();
            for l in lines(include_str!("../../data/entities/place_words.txt")) {
                match l.split_once(' ') {
                    Some(("end", w)) => {
                        place_end.insert(w.trim());
                    }
                    Some(("start", w)) => {
                        place_start.insert(w.trim());
                    }
                    _ => {}
                }
            }
            let mut titles: Vec<Vec<String>> = lines(include_str!("../../data/entities/titles.txt"))
                .map(|t| key_of(t).split(' ').map(str::to_string).collect())
                .collect();
            titles.sort_by(|a, b| b.len().cmp(&a.len()));
            let title_max_words = titles.first().map_or(1, Vec::len);
            let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
            for t in titles {
                by_first.entry(t[0].clone()).or_default().push(t);
            }
            let titles = by_first;
            let title_shapes = Shapes::of(titles.keys().map(String::as_str));
            let title_end_shapes = Shapes::of(titles.values().flatten().filter_map(|t| t.last()).map(String::as_str));
            let given: HashSet<&'static str> = lines(include_str!("../../data/entities/given_names.txt")).collect();
            let org_words: HashSet<&'static str> = lines(include_str!("../../data/entities/org_words.txt")).collect();
            let demonyms: HashSet<&'static str> = lines(include_str!("../../data/entities/demonyms.txt")).collect();
            let acronyms_other: HashSet<&'static str> = lines(include_str!("../../data/entities/acronyms_other.txt")).collect();
            let other_words: HashSet<&'static str> = lines(include_str!("../../data/entities/other_words.txt")).collect();
            let mut exact: HashMap<&'static str, u16> = HashMap::default();
            for (set, bit) in [
                (&given, flag::GIVEN),
                (&org_words, flag::ORG),
                (&place_end, flag::PLACE_END),
                (&place_start, flag::PLACE_START),
                (&demonyms, flag::DEMONYM_EXACT),
                (&acronyms_other, flag::OTHER_ACRONYM),
                (&other_words, flag::OTHER_WORD),
            ] {
                for w in set {
                    *exact.entry(*w).or_default() |= bit;
                }
            }
            let common: HashSet<&'static str> = lines(include_str!("../../data/entities/common_words.txt")).collect();
            // Keyed by bytes: the lowered word is looked up without a UTF-8 check.
            let mut lower: HashMap<Box<[u8]>, u16> = HashMap::default();
            for w in &common {
                *lower.entry(w.as_bytes().into()).or_default() |= flag::COMMON;
            }
            for w in titles.keys() {
                *lower.entry(w.as_bytes().into()).or_default() |= flag::TITLE;
            }
            Lexicon {
                given,
                places,
                place_prefixes,
                place_max_words,
                org_words,
                titles,
                title_max_words,
                common_shapes: Shapes::of(lines(include_str!("../../data/entities/common_words.txt"))),
                title_shapes,
                title_end_shapes,
                common,
                demonyms,
                acronyms_other,
                org_acronyms: lines(include_str!("../../data/entities/org_acronyms.txt")).collect(),
                other_words,
                exact,
                lower,
            }
        })
    }

    pub fn is_given(&self, w: &str) -> bool {
        self.given.contains(w)
    }

    /// `key` as made by [`key_of`].
    pub fn is_place_key(&self, key: &str) -> bool {
        self.places.contains_key(key)
    }

    /// Whether `key` begins some gazetteer key (see [`Lexicon::place_prefixes`]).
    pub fn is_place_prefix(&self, key: &str) -> bool {
        self.place_prefixes.contains(key.as_bytes())
    }

    /// [`Lexicon::is_place_prefix`] of the key of a word that [`flag::PLAIN`] marks (its ASCII
    /// lower case), lowered on the stack.
    pub fn is_place_prefix_plain(&self, w: &str) -> bool {
        if w.len() > PLAIN_MAX || !w.is_ascii() {
            return self.is_place_prefix(&key_of(w));
        }
        let mut buf = [0u8; PLAIN_MAX];
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        self.place_prefixes.contains(&buf[..w.len()])
    }

    pub fn place_cat(&self, key: &str) -> Option<PlaceCat> {
        self.places.get(key).copied()
    }

    /// Which lists `w` is in, as [`flag`] bits (all but [`flag::ACRONYM`]): one table lookup
    /// for the case-sensitive lists, the shape filters for the others.
    pub fn flags(&self, w: &str) -> u16 {
        let mut f = self.exact.get(w).copied().unwrap_or(0);
        let b = w.as_bytes();
        // One pass over the bytes, a table lookup each: plain, and all capitals.
        let mut class = if b.is_empty() || b.len() > PLAIN_MAX { 0 } else { PLAIN_BYTE | UPPER_BYTE };
        if class != 0 {
            for &c in b {
                class &= BYTE_CLASS[c as usize];
            }
        }
        let (plain, upper) = (class & PLAIN_BYTE != 0, class & UPPER_BYTE != 0);
        if !plain {
            if f & flag::ORG == 0 && self.is_shouted_org_word(w) {
                f |= flag::ORG;
            }
            if self.is_common(w) {
                f |= flag::COMMON;
            }
            if self.starts_title(w) {
                f |= flag::TITLE;
            }
            return f;
        }
        // A plain word: `is_common` and `starts_title` both ask the ASCII lower case, after
        // their shape filters; one shape, one lower case and one lookup answer both.
        f |= flag::PLAIN;
        if f & flag::ORG == 0 && upper && self.is_shouted_org_word(w) {
            f |= flag::ORG;
        }
        if let Some((k, len)) = Shapes::shape(w) {
            if (self.common_shapes.0[k] | self.title_shapes.0[k]) & (1 << len) != 0 {
                f |= self.lower_bits(w).unwrap_or(0);
            }
        }
        f
    }

    pub fn is_org_word(&self, w: &str) -> bool {
        self.org_words.contains(w) || self.is_shouted_org_word(w)
    }

    fn is_shouted_org_word(&self, w: &str) -> bool {
        w.len() > 2 && w.bytes().all(|b| b.is_ascii_uppercase()) && {
            // "TIMES", "UNION" in shouted headings.
            let mut t = String::with_capacity(w.len());
            for (i, c) in w.chars().enumerate() {
                if i == 0 { t.push(c) } else { t.extend(c.to_lowercase()) }
            }
            self.org_words.contains(t.as_str())
        }
    }

    pub fn is_common(&self, w: &str) -> bool {
        if !self.common_shapes.may_hold(w) {
            return false;
        }
        if let Some(f) = self.lower_bits(w) {
            return f & flag::COMMON != 0;
        }
        with_lower(w, |l| self.common.contains(l))
    }

    /// [`Lexicon::is_common`] of a word that is its own lower case (ASCII, no capital: the
    /// tokenizer's `LOWER_CASE`), looked up as it is.
    pub fn is_common_lower(&self, w: &str) -> bool {
        self.common_shapes.may_hold(w) && self.lower.get(w.as_bytes()).map_or(false, |f| f & flag::COMMON != 0)
    }

    /// False only when `w` is surely not common ([`Lexicon::is_common`]): its shape rules it
    /// out.
    pub fn may_be_common(&self, w: &str) -> bool {
        self.common_shapes.may_hold(w)
    }

    /// [`Lexicon::may_be_common`] of an ASCII word token by its [`Token::shape`] and length,
    /// without its text: an ASCII word token starts and ends with a letter, so its shape is
    /// the one [`Shapes`] keys.
    ///
    /// [`Token::shape`]: crate::text::tokens::Token::shape
    pub fn may_be_common_shape(&self, shape: u16, len: usize) -> bool {
        self.common_shapes.may_hold_shape(shape, len)
    }

    /// [`Lexicon::may_end_title`] of an ASCII word token by its shape and length (see
    /// [`Lexicon::may_be_common_shape`]).
    pub fn may_end_title_shape(&self, shape: u16, len: usize) -> bool {
        self.title_end_shapes.may_hold_shape(shape, len)
    }

    /// False only when no title phrase ends with `w` as a key word: its shape rules it out.
    pub fn may_end_title(&self, w: &str) -> bool {
        self.title_end_shapes.may_hold(w)
    }

    /// False only when no title phrase starts with `w` as a key word: its shape rules it out
    /// (see [`Lexicon::title_prefix`]).
    pub fn may_start_title(&self, w: &str) -> bool {
        self.title_shapes.may_hold(w)
    }

    /// The [`flag::COMMON`] and [`flag::TITLE`] bits of a short ASCII word's lower case,
    /// lowered on the stack and looked up as bytes (no UTF-8 check); None for other words.
    fn lower_bits(&self, w: &str) -> Option<u16> {
        if w.len() > PLAIN_MAX || !w.is_ascii() {
            return None;
        }
        let mut buf = [0u8; PLAIN_MAX];
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        Some(self.lower.get(&buf[..w.len()]).copied().unwrap_or(0))
    }

    pub fn is_demonym(&self, w: &str) -> bool {
        self.demonyms.contains(w) || (w.ends_with('s') && self.demonyms.contains(&w[..w.len() - 1]))
    }

    pub fn is_other_acronym(&self, w: &str) -> bool {
        self.acronyms_other.contains(w)
    }

    pub fn is_org_acronym(&self, w: &str) -> bool {
        self.org_acronyms.contains(w.trim_end_matches(['s', '.']))
    }

    pub fn is_other_word(&self, w: &str) -> bool {
        self.other_words.contains(w)
    }

    /// Whether the key of one word (see [`key_of`]) is the first word of a title phrase;
    /// without allocating for ordinary ASCII words.
    pub fn starts_title(&self, word: &str) -> bool {
        if word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'') {
            self.title_shapes.may_hold(word)
                && self.lower_bits(word).map_or_else(|| with_lower(word, |l| self.titles.contains_key(l)), |f| f & flag::TITLE != 0)
        } else {
            self.titles.contains_key(key_of(word).as_str())
        }
    }

    /// Length in words of the longest title phrase that `words` (key words) start with.
    pub fn title_prefix(&self, words: &[&str]) -> Option<(usize, bool)> {
        let first = words.first()?;
        // Most words start no title: their shape says so before the hash.
        if !self.title_shapes.may_hold(first) {
            return None;
        }
        for t in self.titles.get(*first)? {
            if t.len() <= words.len() && t.iter().zip(words).all(|(a, b)| a == b) {
                let weak = t.len() == 1 && WEAK_TITLES.contains(&t[0].as_str());
                return Some((t.len(), weak));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::KeyBuilder;


    /// The shape filters never reject a listed word, however capitalised.
    #[test]
    fn shapes_keep_listed_words() {
        let lx = super::Lexicon::get();
        for w in lx.common.iter().copied().chain(lx.titles.keys().map(String::as_str)) {
            let cap: String = w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
            for v in [w.to_string(), cap, w.to_uppercase()] {
                assert!(lx.common_shapes.may_hold(&v) || !super::with_lower(&v, |l| lx.common.contains(l)), "{v}");
                assert!(lx.title_shapes.may_hold(&v) || !super::with_lower(&v, |l| lx.titles.contains_key(l)), "{v}");
            }
        }
        assert!(!lx.common_shapes.may_hold("Soros") || lx.common.contains("soros"));
        // A token's shape gives what the word's does.
        let words: Vec<String> = lx.common.iter().copied().chain(lx.titles.values().flatten().filter_map(|t| t.last()).map(String::as_str)).flat_map(|w| [w.to_string(), w.to_uppercase()]).chain(["Soros", "U.S", "don't", "x", "zebra"].map(String::from)).collect();
        let text = words.join(" ");
        let mut toks = Vec::new();
        crate::text::tokens::tokenize(&text, 0..text.len(), &mut toks);
        for t in toks.iter().filter(|t| t.flags & crate::text::tokens::flag::ASCII != 0) {
            let w = t.text(&text);
            assert_eq!(lx.may_be_common_shape(t.shape, w.len()), lx.common_shapes.may_hold(w), "{w}");
            assert_eq!(lx.may_end_title_shape(t.shape, w.len()), lx.may_end_title(w), "{w}");
        }
        for t in lx.titles.values().flatten() {
            let last = t.last().expect("a title has a word");
            assert!(lx.may_end_title(last) && lx.may_end_title(&last.to_uppercase()), "{t:?}");
        }
    }

    /// The flag bits say what the single-list tests say.
    #[test]
    fn flags_as_the_lists() {
        use super::flag::*;
        let lx = super::Lexicon::get();
        let long = ["A".repeat(40), "A".repeat(41)];
        let words: Vec<&str> = lx.exact.keys().copied().chain(lx.common.iter().copied()).chain(lx.titles.keys().map(String::as_str))
            .chain(["", "TIMES", "UNION", "Soros", "New", "Yor", "Helsinki", "Bosnia", "The", "Attorney", "Dist.", "of", "Americans", "ACLU", "U.S.", "Jos\u{e9}", "O'Neil", "Al-Assad", "X1"])
            .chain(long.iter().map(String::as_str))
            .collect();
        for w in words {
            let f = lx.flags(w);
            assert_eq!(f & GIVEN != 0, lx.is_given(w), "{w}");
            assert_eq!(f & ORG != 0, lx.is_org_word(w), "{w}");
            assert_eq!(f & PLACE_END != 0, lx.exact.get(w).map_or(false, |b| b & PLACE_END != 0), "{w}");
            assert_eq!(f & DEMONYM_EXACT != 0, lx.demonyms.contains(w), "{w}");
            assert_eq!(f & OTHER_ACRONYM != 0, lx.is_other_acronym(w), "{w}");
            assert_eq!(f & OTHER_WORD != 0, lx.is_other_word(w), "{w}");
            assert_eq!(f & COMMON != 0, lx.is_common(w), "{w}");
            assert_eq!(f & TITLE != 0, lx.starts_title(w), "{w}");
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                assert_eq!(lx.is_common_lower(w), lx.is_common(w), "{w}");
            }
            assert!(lx.may_be_common(w) || !lx.is_common(w), "{w}");
            assert!(lx.may_start_title(w) || lx.title_prefix(&[w]).is_none(), "{w}");
            assert_eq!(f & ACRONYM, 0, "{w}");
            if f & PLAIN != 0 {
                assert_eq!(super::key_of(w), w.to_ascii_lowercase(), "{w}");
                assert_eq!(lx.is_place_prefix_plain(w), lx.is_place_prefix(&super::key_of(w)), "{w}");
            }
        }
    }

    /// The lower-case shortcut of `key_of` makes what the builder makes.
    #[test]
    fn plain_keys_as_built() {
        for s in ["", " ", "George Soros", "george", "U.S.", " A B", "A B ", "A  B", "A\tB", "St. John", "AT&T", "O'Neil", "Jos\u{e9}"] {
            let mut k = KeyBuilder::with_capacity(0);
            k.push_chars(s);
            assert_eq!(super::key_of(s), k.out, "{s:?}");
        }
    }

    /// The ASCII path of `push` makes what the char path makes, pending spaces included.
    #[test]
    fn ascii_keys_as_by_chars() {
        let pieces = ["", " ", "U.S.", "St. John", "  George \n Soros ", "A . B", "\tX\x0bY\x0cZ\r", "Acme Inc.", ". .", "al-Assad's"];
        for a in pieces {
            for b in pieces {
                let (mut fast, mut slow) = (KeyBuilder::with_capacity(0), KeyBuilder::with_capacity(0));
                fast.push(a);
                fast.push(b);
                slow.push_chars(a);
                slow.push_chars(b);
                assert_eq!(fast.out, slow.out, "{a:?} + {b:?}");
                assert_eq!(fast.space, slow.space, "{a:?} + {b:?}");
            }
        }
    }
}

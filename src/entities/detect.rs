//! Per-document mention detection: capitalised name sequences read with cues from the word lists.
//!
//! A *run* is a sequence of capitalised words, possibly joined by "of", "and", "&", "for" or a
//! name particle ("de", "van", "bin"); a run then loses leading sentence words ("The",
//! "However"), yields its title ("Attorney General"), and becomes one mention (or two, when a
//! title sits in its middle: "San Francisco District Attorney Chesa Boudin").

use super::lexicon::{flag, key_of, KeyBuilder, Lexicon};
use super::runs::{self, RunMemo};
use super::word_cache::{bit, WordCache};
use super::{Form, Kind, Mention, Pos};
use crate::text::tokens::{flag as tok_flag, tokenize, Kind as TokKind, Token};
use crate::text::{collapse_spaces, LineIndex, Prose, Sentence};
use crate::text::fasthash::{Map, Set};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Lower-case particles inside personal names ("Charles de Gaulle", "Osama bin Laden").
const PARTICLES: &[&str] =
    &["de", "van", "von", "del", "della", "da", "di", "du", "der", "den", "dos", "das", "bin", "ibn", "al", "el", "la", "ter", "ten"];

/// Whether `w` is one of [`PARTICLES`]: asked of the word after most names ("said", ","), so
/// the lengths and first letters of the list rule most words out before a scan of it.
fn is_particle(w: &str) -> bool {
    let b = w.as_bytes();
    matches!(b.len(), 2 | 3 | 5)
        && matches!(b[0], b'd' | b'v' | b'b' | b'i' | b'a' | b'e' | b'l' | b't')
        && PARTICLES.contains(&w)
}

/// Words whose trailing period belongs to the name ("Acme Inc.", "Paige St. John").
const KEEP_DOT: &[&str] = &[
    "inc", "jr", "sr", "co", "corp", "ltd", "st", "bros", "mt", "ft", "dr", "mr", "mrs", "ms", "gen", "gov", "sen",
    "rep", "lt", "col", "sgt", "capt", "prof", "rev", "dist", "atty", "no",
];

/// Whether `w`'s lower case is one of [`KEEP_DOT`]: asked of every name before a period
/// (most end a sentence), without lowering it into a new String.
fn keeps_dot(w: &str) -> bool {
    w.len() <= 4 && KEEP_DOT.iter().any(|k| k.eq_ignore_ascii_case(w))
}

/// Plural nouns whose possessive starts a longer name ("Women's March", "Children's Hospital").
const PLURAL_POSSESSIVES: &[&str] = &["children", "women", "men", "people", "veterans", "workers", "teachers", "citizens", "nations"];

/// Heads that take "for" inside an organisation's name besides the organisation words
/// ("Americans for Prosperity", "Center for American Progress").
const FOR_HEADS: &[&str] = &[
    "Americans", "Citizens", "People", "Students", "Friends", "Doctors", "Lawyers", "Parents", "Mothers", "Veterans",
    "Scientists", "Women", "Men", "Families", "Voters", "Physicians", "Reporters", "Journalists", "Campaign",
    "Initiative", "Project", "Program",
];

/// Capitalised words that end a run even mid-sentence: they are never inside a name.
const RUN_STOPS: &[&str] = &[
    "The", "A", "An", "I", "He", "She", "It", "We", "They", "You", "This", "That", "These", "Those", "However", "But",
    "Or", "If", "When", "While", "Then", "So", "Yet", "Also", "In", "On", "At", "As", "By", "To", "From", "With", "His",
    "Her", "Its", "Their", "Our", "My", "Your", "Meanwhile", "Still", "Now", "Here", "There", "Is", "Are", "Was",
    "Were", "Has", "Have", "Had", "Will", "Would", "Said", "Says", "About", "After", "Before", "Over", "Under",
    "How", "What", "Why", "Where", "Who", "Which", "Whose", "Did", "Does", "Do", "Can", "Could", "Should",
];

/// Whether `w` is one of [`RUN_STOPS`]: asked of every capitalised word, so a set rather than
/// a scan of the list (that scan cost 2% of the analysis).
pub(super) fn is_run_stop(w: &str) -> bool {
    static S: OnceLock<Set<&'static str>> = OnceLock::new();
    S.get_or_init(|| RUN_STOPS.iter().copied().collect()).contains(w)
}

/// English suffixes of hyphenated compounds that make an adjective of a name ("Soros-backed",
/// "Obama-era"); other lower-case parts stay in the name ("Lau Siu-lai", "Chiang Kai-shek").
const COMPOUND_SUFFIXES: &[&str] = &[
    "era", "style", "like", "type", "run", "led", "born", "made", "wide", "level", "class", "area", "bound", "free",
    "friendly", "specific", "speaking", "owned", "linked", "aligned", "affiliated", "based", "backed", "funded",
    "financed", "sponsored", "supported", "inspired", "controlled", "dominated", "related", "centric", "esque",
    "ism", "ist", "ists", "ite", "ites", "ian", "ians", "year", "years", "old", "time", "day", "week", "month",
    "in", "out", "up", "to", "and", "or", "the", "a", "an", "of", "on", "off", "for", "with", "by", "at", "vs",
];

fn compound_suffix(w: &str) -> bool {
    COMPOUND_SUFFIXES.contains(&w)
        || w.len() > 6
        || ["ed", "ing", "ly", "ers", "ness", "ment"].iter().any(|s| w.ends_with(s) && w.len() > s.len() + 2)
}

/// Common words that often begin a name; kept at the start of a multi-word run ("New York").
const NAME_OPENERS: &[&str] = &["new", "first", "great", "grand", "old", "good", "national", "united", "supreme", "open", "free"];

/// Organisation words too generic to name anything alone ("Soros' own Group"); unlike "Congress"
/// or "the Senate".
const GENERIC: &[&str] = &[
    "Group", "Company", "Fund", "Foundation", "Association", "Committee", "Center", "Centre", "Institute", "Network",
    "Team", "Office", "Department", "Board", "Agency", "Inc", "Corp", "Co", "Ltd", "LLC", "Holdings", "Partners",
    // Words capitalised before a designation ("25 Type C buses", "Phase 2", "Tier 1"): a kind of
    // thing, not a name. Not "Class": it also heads names ("Class of 2025").
    "Type", "Model", "Phase", "Tier", "Category", "Stage", "Level", "Grade", "Version",
    // A kind of government alone, as "Board" is ("County health officials have linked 23
    // cases", "the City will pay"): which one, only the story says, and another story's is
    // another. (Asked only at a sentence's start, the story's own council named so in one
    // report and not the other lost 2 pairs.)
    "County", "City", "State", "District", "Council", "Township", "Borough", "Parish", "Village", "Town",
];

/// Whether `w` is one of [`GENERIC`]: a set, not a scan of the list.
fn is_generic(w: &str) -> bool {
    static S: OnceLock<Set<&'static str>> = OnceLock::new();
    S.get_or_init(|| GENERIC.iter().copied().collect()).contains(w)
}

/// Whether `w` is one of [`DIRECTIONS`]: a set, not a scan of the list.
fn is_direction(w: &str) -> bool {
    static S: OnceLock<Set<&'static str>> = OnceLock::new();
    S.get_or_init(|| DIRECTIONS.iter().copied().collect()).contains(w)
}

/// Compass words that make "X Place" a place ("Central Florida", "Southern Indiana").
const DIRECTIONS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower",
    "Greater", "Northeast", "Northwest", "Southeast", "Southwest", "Inner", "Outer", "Mid", "Downtown", "Metro",
];

/// One word (or joiner) of a run, as a slice of the text.
#[derive(Debug, Clone, Copy)]
struct Part<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    joiner: bool,
    /// The word lists `text` is in ([`Lexicon::flags`], and [`flag::ACRONYM`] for
    /// [`is_acronym`]), set once the run is read: the run's tests then ask a bit, not a table.
    flags: u16,
}

impl Part<'_> {
    fn has(&self, bits: u16) -> bool {
        self.flags & bits != 0
    }

    /// [`Lexicon::is_demonym`] of the text: the exact bit, else the singular asked of the list.
    fn demonym(&self, lx: &Lexicon) -> bool {
        self.has(flag::DEMONYM_EXACT) || self.text.ends_with('s') && lx.is_demonym(self.text)
    }
}

/// The words of a run: its parts but the joiners.
fn words<'p, 'a>(ps: &'p [Part<'a>]) -> impl Iterator<Item = &'p Part<'a>> + Clone {
    ps.iter().filter(|p| !p.joiner)
}

/// What the surroundings of a run say about it.
#[derive(Clone)]
struct Ctx {
    /// The run opens its sentence (or a quotation, or follows a colon).
    initial: bool,
    /// The sentence is a heading or a title-case line.
    heading: bool,
    /// End of the possessive ("Soros’s"), when the run ends in one.
    poss_end: Option<usize>,
    /// A lower-case title just before the run ("state attorney Dhu Thompson").
    lower_title: Option<Range<usize>>,
    /// "the" right before the run: "the ACLU" is an organisation.
    after_the: bool,
}

/// Find the name mentions of one document. `text` is the original text; `prose` its masked
/// copy; `sentences` split from it. Offsets are bytes into `text`; mentions come sorted.
pub fn mentions(text: &str, prose: &Prose, sentences: &[Sentence]) -> Vec<Mention> {
    mentions_with_lines(text, prose, sentences, &LineIndex::new(text))
}

/// [`mentions`] with the document's line index already built (the analysis has one).
pub fn mentions_with_lines(text: &str, prose: &Prose, sentences: &[Sentence], li: &LineIndex) -> Vec<Mention> {
    detect_with(Detector::default(), text, prose, sentences, li)
}

/// [`mentions_with_lines`] with a given detector (tests make one that remembers nothing).
fn detect_with(mut d: Detector, text: &str, prose: &Prose, sentences: &[Sentence], li: &LineIndex) -> Vec<Mention> {
    let mut toks: Vec<Token> = Vec::with_capacity(64);
    for s in sentences {
        tokenize(&prose.masked, s.range.clone(), &mut toks);
        d.sentence(text, prose, s, &toks);
    }
    d.finish(text, li)
}

/// Mention detection fed one sentence at a time with the sentence's tokens, so that the
/// analysis can hand over the tokens the figure scanner made instead of tokenizing twice.
/// Sentences must come in order; [`Detector::finish`] gives what [`mentions`] gives.
#[derive(Default)]
pub struct Detector {
    out: Vec<Mention>,
    /// Cursor into the document's (sorted) headings.
    heading: usize,
    /// The [`Part::flags`] and run tests of the capitalised words seen so far: one lookup
    /// answers the several tables.
    words: WordCache,
    /// The run buffer's allocation, kept empty between sentences (see [`recycle`]): one per
    /// sentence cost more than the rest of a short sentence's detection.
    parts: Vec<Part<'static>>,
    /// The strings of the names found so far, shared by their mentions.
    names: Names,
    /// What each run read so far gave ([`emit_run`]), for the same run written again.
    runs: RunMemo,
}

/// The shared strings of a document's names: a document repeats the same few hundred names,
/// so each distinct written name's surface and key are made once, and a mention takes
/// reference-counted copies instead of three new Strings (a tenth of detection's cost).
///
/// A name also keeps what [`classify`] and [`nested_places`] said of it: both read only the
/// name's own words, so a name written again is not read again (they were a fifth of
/// detection's cost).
#[derive(Default)]
struct Names {
    /// A name as written → its index in `infos`.
    names: Map<Box<str>, u32>,
    infos: Vec<NameInfo>,
    /// Written spans that are not their name's surface (possessives, odd spacing).
    texts: Map<Box<str>, Arc<str>>,
    /// Tests turn the remembered answers off to compare with them.
    #[cfg(test)]
    fresh: bool,
}

/// What [`Names`] keeps of one name as written.
struct NameInfo {
    /// [`surface_and_key`] of the name.
    surface: Arc<str>,
    key: Arc<str>,
    /// The written name is its own surface (most are): a mention without a possessive takes
    /// the surface as its text without comparing them.
    own_text: bool,
    /// [`classify`]'s answer for each (titled, after "the"), at `2 * titled + after_the`,
    /// once asked.
    class: [Option<(Kind, bool, bool)>; 4],
    /// The names inside it ([`nested_places`]), once asked.
    nested: Option<Box<[Nested]>>,
}

/// A name inside a longer one, relative to the longer one's start.
struct Nested {
    range: Range<usize>,
    kind: Kind,
    form: Form,
    text: Arc<str>,
    surface: Arc<str>,
    key: Arc<str>,
}

impl Nested {
    /// The nested mention inside a name that starts at `at`.
    fn mention(&self, at: usize) -> Mention {
        let range = self.range.start + at..self.range.end + at;
        Mention {
            text: self.text.clone(),
            range: range.clone(),
            name: range,
            title: None,
            key: self.key.clone(),
            surface: self.surface.clone(),
            kind: self.kind,
            cue: true,
            form: self.form,
            tentative: false,
            possessive: false,
            nested: true,
            partner: None,
            start: Pos { line: 0, column: 0 },
            end: Pos { line: 0, column: 0 },
        }
    }
}

impl Names {
    /// The index of the name written `s` in `infos`, made on first sight.
    fn id(&mut self, s: &str) -> usize {
        if let Some(&i) = self.names.get(s) {
            return i as usize;
        }
        let (surface, key) = surface_and_key(s);
        let i = self.infos.len();
        self.infos.push(NameInfo {
            own_text: surface == s,
            surface: surface.into(),
            key: key.into(),
            class: [None; 4],
            nested: None,
        });
        self.names.insert(s.into(), i as u32);
        i
    }

    /// The surface and key of the name written `s`.
    fn name(&mut self, s: &str) -> (Arc<str>, Arc<str>) {
        let i = self.id(s);
        let info = &self.infos[i];
        (info.surface.clone(), info.key.clone())
    }

    /// The written text `s` of a mention whose name's surface is `surface`: the surface
    /// itself when they agree, as they mostly do.
    fn text(&mut self, s: &str, surface: &Arc<str>) -> Arc<str> {
        if **surface == *s {
            return surface.clone();
        }
        if let Some(t) = self.texts.get(s) {
            return t.clone();
        }
        let t = Arc::<str>::from(s);
        self.texts.insert(s.into(), t.clone());
        t
    }

    /// Whether answers remembered for a name may be used: not when a test asks for fresh ones.
    fn remembers(&self) -> bool {
        #[cfg(test)]
        if self.fresh {
            return false;
        }
        true
    }
}

/// An empty vector of parts as a vector of parts of another text, keeping its allocation (a
/// collect over the vector's own `IntoIter` is done in place).
fn recycle<'b>(mut v: Vec<Part<'_>>) -> Vec<Part<'b>> {
    v.clear();
    v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
}

impl Detector {
    /// Detect the mentions of sentence `s`; `toks` are its tokens (`tokenize` over
    /// `prose.masked`).
    pub fn sentence(&mut self, text: &str, prose: &Prose, s: &Sentence, toks: &[Token]) {
        let lx = Lexicon::get();
        let src = prose.masked.as_str();
        if self.out.capacity() == 0 {
            // Room for a mention per 64 bytes of text, about what news prose has (one per
            // ~75): the vector of large mentions is not regrown and copied a dozen times.
            self.out.reserve(prose.masked.len() / 64);
        }
        let out = &mut self.out;
        let wc = &mut self.words;
        let names = &mut self.names;
        let memo = &mut self.runs;
        let mut parts: Vec<Part> = recycle(std::mem::take(&mut self.parts));
        if parts.capacity() == 0 {
            parts.reserve(8);
        }
        // Headings come sorted and apart, as sentences do: one cursor finds each sentence's heading.
        let h = &mut self.heading;
        while prose.headings.get(*h).map_or(false, |r| r.end < s.range.end) {
            *h += 1;
        }
        let in_heading = prose.headings[(*h).min(prose.headings.len())..]
            .iter()
            .take_while(|r| r.start <= s.range.start)
            .any(|r| r.start <= s.range.start && s.range.end <= r.end);
        // Whether the sentence reads as a heading, asked when its first run is found: most
        // sentences have none, and the title-case test looks words up.
        let mut heading: Option<bool> = None;
        let first = out.len();
        let mut i = 0;
        let sb = src.as_bytes();
        // Most tokens start no name: skipped in a tight loop on their flags.
        while let Some(skip) = toks[i..].iter().position(|t| may_start(sb, t)) {
            i += skip;
            if !name_start(src, toks, i, wc) {
                i += 1;
                continue;
            }
            parts.clear();
            let (next, poss_end) = read_run(src, toks, i, lx, &mut parts, wc);
            if !parts.is_empty() {
                let ctx = Ctx {
                    initial: is_initial(src, toks, i),
                    heading: *heading.get_or_insert_with(|| in_heading || title_case(src, toks, lx)),
                    poss_end,
                    lower_title: lower_title_before(src, toks, i, lx),
                    after_the: i > 0 && tok_text(src, &toks[i - 1]).eq_ignore_ascii_case("the"),
                };
                if let Some((key, base)) = run_key(text, src, &parts, &ctx).filter(|_| names.remembers()) {
                    if let Some(ms) = memo.find(&key) {
                        out.extend(ms.iter().map(|m| runs::moved(m, |p| p + base)));
                    } else {
                        let before = out.len();
                        set_flags(&mut parts, wc);
                        emit_run(text, src, &parts, &ctx, lx, out, names);
                        memo.keep(&key, &out[before..], base);
                    }
                } else {
                    set_flags(&mut parts, wc);
                    emit_run(text, src, &parts, &ctx, lx, out, names);
                }
            }
            i = next.max(i + 1);
        }
        // Both pair a mention with the next: a sentence with one or none has nothing to do.
        if out.len() >= first + 2 {
            link_acronyms(src, first, out);
            qualify_places(text, first, lx, out, names);
        }
        self.parts = recycle(parts);
    }

    /// How many mentions have been found so far.
    pub fn found(&self) -> usize {
        self.out.len()
    }

    /// The mentions found since the first `first`.
    pub fn since(&self, first: usize) -> &[Mention] {
        &self.out[first..]
    }

    /// Add a mention found by an earlier analysis of the same sentence (see
    /// `corpus::SentenceMemo`), already moved to where the sentence now is.
    pub fn push(&mut self, m: Mention) {
        self.out.push(m);
    }

    /// The mentions, with their line and column positions.
    pub fn finish(self, text: &str, li: &LineIndex) -> Vec<Mention> {
        let mut out = self.out;
        let mut cols = li.columns(text);
        for m in &mut out {
            let (l, c) = cols.line_col(m.range.start);
            m.start = Pos { line: l as u32 + 1, column: c as u32 + 1 };
            // A mention of ASCII on one line ends its length further on the same line: no
            // second look-up (most names are ASCII).
            m.end = if text.as_bytes().get(m.range.clone()).is_some_and(one_line_ascii) {
                Pos { line: l as u32 + 1, column: (c + m.range.len()) as u32 + 1 }
            } else {
                let (l, c) = cols.line_col(m.range.end);
                Pos { line: l as u32 + 1, column: c as u32 + 1 }
            };
        }
        out
    }
}

/// Whether every byte of `b` is ASCII at or above the space: one column a byte, and no line
/// break. Eight bytes at a time, as it is asked of every mention.
fn one_line_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // No byte with its high bit set, and none below 0x20: such a byte borrows into its own high
    // bit in `w - 0x2020…` (the classic "has a byte less than n" test, exact for n <= 128).
    let word_ok = |w: u64| (w | (w.wrapping_sub(0x20 * ONES) & !w)) & HIGH == 0;
    let mut words = b.chunks_exact(8);
    let whole = words.by_ref().all(|c| word_ok(u64::from_le_bytes(c.try_into().expect("8 bytes"))));
    whole && words.remainder().iter().all(|&c| (0x20..0x80).contains(&c))
}

/// The key of the run `parts` in `ctx` (see [`RunMemo`]): everything [`emit_run`] reads of
/// it, offsets less the run's base (returned with it): the lowest offset a mention of the run
/// can have (the run's start, or a lower-case title's before it). None for a run too long to
/// remember.
///
/// What the reading reads: the surroundings' answers (`ctx`), the parts' places and whether
/// each is a joiner (a part's text is the masked text at its place; its flags, that text's),
/// and the masked and original text from the run's start to its end or its possessive's.
fn run_key<'k>(text: &'k str, src: &'k str, parts: &[Part], ctx: &Ctx) -> Option<(runs::Key<'k>, usize)> {
    let start = parts[0].start;
    let end = ctx.poss_end.unwrap_or(0).max(parts[parts.len() - 1].end);
    let base = ctx.lower_title.as_ref().map_or(start, |t| t.start.min(start));
    let (masked, written) = (&src.as_bytes()[start..end], &text.as_bytes()[start..end]);
    // The original text only where it differs (markup inside a name): mostly it does not.
    let differs = !runs::same(masked, written);
    let flags = ctx.initial as u64
        | (ctx.heading as u64) << 1
        | (ctx.after_the as u64) << 2
        | (ctx.poss_end.is_some() as u64) << 3
        | (ctx.lower_title.is_some() as u64) << 4
        | (differs as u64) << 5;
    // Offsets less the base, 16 bits each; the first word's low byte holds the flags.
    let rel = |p: usize| u16::try_from(p - base).ok().map(u64::from);
    let (lt_start, lt_end) = ctx.lower_title.as_ref().map_or((base, base), |t| (t.start, t.end));
    let mut head = [0u64; runs::HEAD];
    head[0] = flags | rel(start)? << 8 | rel(lt_start)? << 24 | rel(lt_end)? << 40;
    head[1] = rel(ctx.poss_end.unwrap_or(base))? | (parts.len() as u64) << 16;
    // Each part in 16 bits: its distance from the part before (a joiner's with the high bit)
    // and its length; four a word, from the third word on.
    if parts.len() > 4 * (runs::HEAD - 2) {
        return None;
    }
    let mut at = start;
    for (k, p) in parts.iter().enumerate() {
        let gap = u8::try_from(p.start - at).ok().filter(|&g| g < 0x80)?;
        let len = u8::try_from(p.end - p.start).ok()?;
        head[2 + k / 4] |= u64::from(u16::from_le_bytes([gap | (p.joiner as u8) << 7, len])) << (16 * (k % 4));
        at = p.end;
    }
    Some((runs::Key { head, masked, written: if differs { written } else { &[] } }, base))
}

fn tok_text<'a>(src: &'a str, t: &Token) -> &'a str {
    &src[t.range.clone()]
}

/// Whether token `t` is written `s`: compared as bytes, without the str slice's char boundary
/// checks (asked of most tokens after a name: ".", "-", "’").
fn tok_is(src: &str, t: &Token, s: &str) -> bool {
    t.range.len() == s.len() && src.as_bytes()[t.range.clone()] == *s.as_bytes()
}

fn first_upper(w: &str) -> bool {
    // Asked of every word: an ASCII first letter is tested without decoding a char.
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().map_or(false, char::is_uppercase),
        None => false,
    }
}

/// All capitals (at least two letters), ignoring periods, apostrophes and a plural "s": ACLU, U.S, PACs.
pub(crate) fn is_acronym(w: &str) -> bool {
    let w = w.strip_suffix('s').filter(|r| r.len() >= 2).unwrap_or(w);
    let mut upper = 0;
    for c in w.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_alphabetic() {
            return false;
        }
    }
    upper >= 2
}

/// A capitalised word (or an "al-"/"el-" prefixed one) that can start or continue a name.
/// Inlined for its common answer: a word of two letters or more with an ASCII capital
/// ([`tok_flag::CAP`], only ever set on words) is one.
#[inline]
fn is_name_word(src: &str, toks: &[Token], i: usize) -> bool {
    match toks.get(i) {
        Some(t) if t.flags & tok_flag::CAP != 0 && t.range.len() > 1 => true,
        Some(_) => is_other_name_word(src, toks, i),
        None => false,
    }
}

/// [`is_name_word`] of the other tokens.
#[inline(never)]
fn is_other_name_word(src: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    if t.kind != TokKind::Word {
        return false;
    }
    if t.flags & tok_flag::CAP == 0 && src.as_bytes()[t.range.start] < 0x80 && t.range.len() != 2 {
        return false;
    }
    let w = tok_text(src, t);
    if first_upper(w) {
        // A lone capital letter is a name part only as an initial ("J. R. Smith").
        if w.len() <= 4 && w.chars().count() == 1 {
            return toks.get(i + 1).map_or(false, |n| tok_is(src, n, ".") && !n.space_before)
                && toks.get(i + 2).map_or(false, |n| n.kind == TokKind::Word && first_upper(tok_text(src, n)));
        }
        return true;
    }
    // al-Assad, el-Sisi
    (w == "al" || w == "el")
        && toks.get(i + 1).map_or(false, |n| tok_is(src, n, "-") && !n.space_before)
        && toks.get(i + 2).map_or(false, |n| !n.space_before && first_upper(tok_text(src, n)))
}

pub(super) const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub(super) const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Whether the name word at `k` may continue a run: not a sentence word ("The"), a weekday or
/// a date's month ("Noam Chomsky Saturday", "Acme May 5").
fn continues(src: &str, toks: &[Token], k: usize, wc: &mut WordCache) -> bool {
    if !is_name_word(src, toks, k) {
        return false;
    }
    let b = stop_bits(src, &toks[k], wc);
    b & (bit::RUN_STOP | bit::WEEKDAY) == 0
        && !(b & bit::MONTH != 0 && toks.get(k + 1).map_or(false, |t| t.kind == TokKind::Number || tok_is(src, t, ".")))
}

/// The [`bit::RUN_STOP`], [`bit::WEEKDAY`] and [`bit::MONTH`] of word token `t`, the only bits
/// a run's reading asks. An ASCII word whose shape no such word has ("Soros": the token keeps
/// its first and last letters) is none of them without a lookup; the rest ask the cache.
fn stop_bits(src: &str, t: &Token, wc: &mut WordCache) -> u32 {
    static SHAPES: OnceLock<Box<[u32]>> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        use crate::text::tokens::SLOT;
        let mut s = vec![0u32; 27 * 27];
        for w in RUN_STOPS.iter().chain(WEEKDAYS).chain(MONTHS) {
            let b = w.as_bytes();
            s[SLOT[b[0] as usize] as usize * 27 + SLOT[b[b.len() - 1] as usize] as usize] |= 1 << b.len().min(31);
        }
        s.into_boxed_slice()
    });
    if t.flags & tok_flag::ASCII != 0 && shapes.get(t.shape as usize).map_or(false, |&m| m & 1 << t.range.len().min(31) == 0) {
        return 0;
    }
    wc.bits(tok_text(src, t)) & (bit::RUN_STOP | bit::WEEKDAY | bit::MONTH)
}

/// Give each word of a run its [`Part::flags`] ([`WordCache::bits`] of its text), for
/// [`emit_run`]: asked only of a run the memo does not have (the run's reading needs a few
/// bits, [`stop_bits`]).
fn set_flags(parts: &mut [Part], wc: &mut WordCache) {
    for p in parts.iter_mut().filter(|p| !p.joiner) {
        p.flags = wc.bits(p.text) as u16;
    }
}

/// Whether token `t` may start a name, from the tokenizer's flags: most tokens are symbols,
/// numbers or lower-case words, none of which does but "al-"/"el-". (A word starts with a
/// letter: without [`tok_flag::CAP`], an ASCII first byte is a lower-case letter.)
fn may_start(src: &[u8], t: &Token) -> bool {
    // Only words have flags; a lower-case ASCII word's first byte is looked at only when it
    // has two letters.
    t.flags & tok_flag::CAP != 0
        || t.kind == TokKind::Word
            && (t.flags & tok_flag::ASCII == 0 || t.range.len() == 2)
            && {
                let c = src[t.range.start];
                c >= 0x80 || t.range.len() == 2 && matches!(c, b'a' | b'e')
            }
}

/// Whether the word at `i` starts a run.
fn name_start(src: &str, toks: &[Token], i: usize, wc: &mut WordCache) -> bool {
    if !is_name_word(src, toks, i) {
        return false;
    }
    // "The" and friends may open a run only when a name follows ("The Hague", "The New York Times").
    stop_bits(src, &toks[i], wc) & bit::RUN_STOP == 0 || is_name_word(src, toks, i + 1) && toks[i + 1].space_before
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "(" | "[" | ":" | "—" | "–" | "-" | "•" | "*" | "#" | "|" | "/" | "…")
}

/// Whether token `i` opens its sentence, a quotation or a clause after a colon or dash.
fn is_initial(src: &str, toks: &[Token], i: usize) -> bool {
    let mut j = i;
    if i > 0 && !toks[i].space_before && matches!(tok_text(src, &toks[i - 1]), "-" | "/") {
        return false; // "pro-Lopez"
    }
    while j > 0 {
        let p = &toks[j - 1];
        if p.kind == TokKind::Symbol && is_quote(tok_text(src, p)) {
            return true;
        }
        if p.kind == TokKind::Symbol && matches!(tok_text(src, p), "." | "!" | "?") {
            return true;
        }
        if p.kind == TokKind::Number || p.kind == TokKind::Word {
            return false;
        }
        j -= 1;
    }
    true
}

/// Title case: every content word capitalised (a headline, a byline, "Leave a Reply").
/// Stops at the first lower-case content word: most sentences have one early.
fn title_case(src: &str, toks: &[Token], lx: &Lexicon) -> bool {
    // The answer is "at least two capitals, and no lower-case word but common words and
    // particles", whatever the order: a first pass rules out most sentences by the shapes of
    // their words alone, which say "not common" of most words without a lookup (an ASCII
    // word's shape is on its token: its text is not read).
    // Capitals counted, or `None` at the first lower-case word `common` refuses.
    fn capitals(src: &str, toks: &[Token], common: impl Fn(&Token, &str) -> bool) -> Option<usize> {
        let mut cap = 0;
        for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
            let w = tok_text(src, t);
            if t.flags & tok_flag::CAP != 0 || (t.flags & tok_flag::ASCII == 0 && first_upper(w)) {
                cap += 1;
            } else if !common(t, w) && !is_particle(w) {
                return None;
            }
        }
        Some(cap)
    }
    let mut cap = 0;
    for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
        if t.flags & tok_flag::CAP != 0 {
            cap += 1;
        } else if t.flags & tok_flag::ASCII != 0 {
            if !lx.may_be_common_shape(t.shape, t.range.len()) && !is_particle(tok_text(src, t)) {
                return false;
            }
        } else {
            let w = tok_text(src, t);
            if first_upper(w) {
                cap += 1;
            } else if !lx.may_be_common(w) && !is_particle(w) {
                return false;
            }
        }
    }
    let is = |t: &Token, w: &str| if t.is_lower_case() { lx.is_common_lower(w) } else { lx.is_common(w) };
    cap >= 2 && capitals(src, toks, is).is_some_and(|c| c >= 2)
}

/// A lower-case title right before token `i` ("attorney general", "president").
fn lower_title_before(src: &str, toks: &[Token], i: usize, lx: &Lexicon) -> Option<Range<usize>> {
    // A title found here is all of the words before the run up to the run: the last of them
    // must be able to end one (most words before a name, "said", "by", "and", cannot).
    // (An ASCII word's shape is on its token.)
    let Some(last) = i.checked_sub(1).map(|p| &toks[p]) else { return None };
    let may_end = if last.flags & tok_flag::ASCII != 0 {
        lx.may_end_title_shape(last.shape, last.range.len())
    } else {
        lx.may_end_title(tok_text(src, last))
    };
    if !may_end {
        return None;
    }
    let max = lx.title_max_words.min(i);
    // The lower-case words right before the run, counted once: a title is some of the last of
    // them.
    let lower = toks[i - max..i].iter().rev().take_while(|t| t.kind == TokKind::Word && !first_upper(tok_text(src, t))).count();
    // On the stack: asked before every run, and no title is longer than a few words.
    let mut buf = [""; 8];
    for n in (1..=lower).rev() {
        let ts = &toks[i - n..i];
        // Most words start no title: their shape says so before the words are gathered.
        if !lx.may_start_title(tok_text(src, &ts[0])) {
            continue;
        }
        let mut heap = Vec::new();
        let words: &[&str] = if n <= buf.len() {
            for (b, t) in buf.iter_mut().zip(ts) {
                *b = tok_text(src, t);
            }
            &buf[..n]
        } else {
            heap.extend(ts.iter().map(|t| tok_text(src, t)));
            &heap
        };
        if let Some((len, weak)) = lx.title_prefix(words) {
            if len == n && !weak {
                return Some(ts[0].range.start..ts[n - 1].range.end);
            }
        }
    }
    None
}

/// Length of a possessive suffix at the end of `w` ("’s", "'s").
fn poss_suffix(w: &str) -> Option<usize> {
    for suf in ["'s", "’s", "'S", "’S"] {
        if w.len() > suf.len() + 1 && w.ends_with(suf) {
            return Some(w.len() - suf.len());
        }
    }
    None
}

/// Read one name word at `j` with hyphenated capitalised continuations ("Winston-Salem",
/// "al-Assad"); a lower-case continuation ("Soros-backed") ends the name before the hyphen.
fn read_word<'a>(src: &'a str, toks: &[Token], j: usize) -> (Part<'a>, usize) {
    let start = toks[j].range.start;
    let mut end = toks[j].range.end;
    let mut k = j + 1;
    while k + 1 < toks.len() {
        let h = &toks[k];
        let n = &toks[k + 1];
        if tok_is(src, h, "-") && !h.space_before && !n.space_before && n.kind == TokKind::Word {
            let nw = tok_text(src, n);
            let prefix = matches!(&src[start..end], "al" | "el");
            if first_upper(nw) || prefix || (!compound_suffix(nw) && nw.chars().all(char::is_lowercase)) {
                end = n.range.end;
                k += 2;
                continue;
            }
        }
        break;
    }
    (Part { start, end, text: &src[start..end], joiner: false, flags: 0 }, k)
}

/// Whether token `t` is an apostrophe, "'" or "’", told by its first byte (asked of the token
/// after most names).
fn is_apostrophe(src: &str, t: &Token) -> bool {
    match src.as_bytes()[t.range.start] {
        b'\'' => t.range.len() == 1,
        0xE2 => tok_is(src, t, "’"),
        _ => false,
    }
}

/// Read a run starting at name word `i` into `parts` (their [`Part::flags`] left to
/// [`set_flags`]). Returns the next token to scan and the end of a possessive ending the run.
fn read_run<'a>(src: &'a str, toks: &[Token], i: usize, lx: &Lexicon, parts: &mut Vec<Part<'a>>, wc: &mut WordCache) -> (usize, Option<usize>) {
    let n = toks.len();
    let quoted = || i > 0 && (tok_is(src, &toks[i - 1], "‘") || tok_is(src, &toks[i - 1], "'"));
    let prefixed = i > 0 && !toks[i].space_before && tok_is(src, &toks[i - 1], "-");
    let mut j = i;
    loop {
        let (mut part, after) = read_word(src, toks, j);
        let w = part.text;
        // A possessive suffix is inside the word's last token, after an inner apostrophe: the
        // tokenizer's flag says whether to look.
        if let Some(p) = if toks[after - 1].flags & tok_flag::INNER != 0 { poss_suffix(w) } else { None } {
            part.end = part.start + p;
            part.text = &w[..p];
            parts.push(part);
            let plural = PLURAL_POSSESSIVES.iter().any(|x| x.eq_ignore_ascii_case(part.text));
            if plural && is_name_word(src, toks, after) {
                j = after;
                continue;
            }
            return (after, Some(toks[after - 1].range.end));
        }
        parts.push(part);
        let mut k = after;
        let Some(t) = toks.get(k) else { return (k, None) };
        // The token after the word, looked at once: a word may go on with the run; of the
        // others only an apostrophe (a possessive), a period (kept by some names) and "&" can
        // do anything but end it.
        if t.kind != TokKind::Word {
            match src.as_bytes()[t.range.start] {
                b'\'' | 0xE2 if is_apostrophe(src, t) => {
                    if !t.space_before {
                        if w.ends_with(['s', 'S']) && !quoted() && toks.get(k + 1).map_or(true, |t| t.space_before || t.kind != TokKind::Word) {
                            // Soros’ (a plural-style possessive)
                            return (k + 1, Some(t.range.end));
                        }
                    } else if toks.get(k + 1).is_some_and(|s| !s.space_before && (tok_is(src, s, "s") || tok_is(src, s, "S")))
                        && toks.get(k + 2).map_or(true, |t| t.space_before)
                    {
                        // Tokenised copy: "Obama 's".
                        return (k + 2, Some(toks[k + 1].range.end));
                    }
                    return (k, None);
                }
                b'.' if t.kind == TokKind::Symbol && !t.space_before => {
                    if !(w.chars().count() == 1 || w.contains('.') || keeps_dot(w)) {
                        return (k, None);
                    }
                    let last = parts.last_mut().unwrap();
                    last.end = t.range.end;
                    last.text = &src[part.start..t.range.end];
                    k += 1;
                    if k >= n {
                        return (k, None);
                    }
                }
                b'&' if t.kind == TokKind::Symbol => {}
                _ => return (k, None),
            }
        }
        if prefixed {
            // "pro-Beijing New People Party": the compound is an adjective on its own.
            return (k, None);
        }
        if continues(src, toks, k, wc) {
            // "Civic Party New People Party": a name ending in an organisation word ends there,
            // unless another organisation word follows ("Times Magazine").
            // Institutions name what they serve before another head ("Halvard Unified School
            // District", "Clean School Transport Fund", "City University Medical Center").
            // The next word's tests are its bits (ORG is `is_org_word`), asked only after an
            // organisation word.
            let w = w.trim_end_matches('.');
            if words(parts).nth(1).is_some() && lx.is_org_word(w) && {
                let nb = wc.bits(tok_text(src, &toks[k])) as u16;
                nb & (flag::ORG | flag::ACRONYM) == 0 && (!MODIFYING_ORG_WORDS.contains(&w) || nb & flag::GIVEN != 0)
            } {
                return (k, None);
            }
            j = k;
            continue;
        }
        // A joiner is "&" or a short lower-case word ("of", "and", "de"): the token's flags
        // and length rule out the rest (capitalised words that stop a run, "said").
        let t = &toks[k];
        let may_join = t.kind == TokKind::Symbol || t.flags & tok_flag::LOWER_CASE != 0 && (2..=5).contains(&t.range.len());
        if let Some(next) = may_join.then(|| joins(src, toks, k, parts, lx, wc)).flatten() {
            // A joiner's flags stay 0: no word list holds a joiner, and the tests that ask the
            // others (common words, titles) ask them of words only.
            for t in &toks[k..next] {
                parts.push(Part { start: t.range.start, end: t.range.end, text: tok_text(src, t), joiner: true, flags: 0 });
            }
            j = next;
            continue;
        }
        return (k, None);
    }
}

/// Whether the joiner at `k` continues the run; the index of the name word after it.
fn joins(src: &str, toks: &[Token], k: usize, parts: &[Part], lx: &Lexicon, wc: &mut WordCache) -> Option<usize> {
    let jw = tok_text(src, &toks[k]);
    let last = parts.last()?;
    if last.joiner {
        return None;
    }
    let mut name_at = |m: usize| continues(src, toks, m, wc).then_some(());
    match jw {
        "&" => name_at(k + 1).map(|()| k + 1),
        "of" => {
            let m = if toks.get(k + 1).map_or(false, |t| tok_is(src, t, "the")) { k + 2 } else { k + 1 };
            name_at(m)?;
            // The run's words so far (the parts but the joiners), without collecting them.
            let count = words(parts).count();
            let first = words(parts).next()?;
            let has_org = words(parts).any(|p| lx.is_org_word(p.text));
            // "George Soros of New York": a person is not "of" anything inside a name.
            if count >= 2 && lx.is_given(first.text) && !has_org {
                return None;
            }
            // Nor is a titled one ("Mayor Tal Brenner of Pine Hollow County"); a title alone
            // still joins ("Secretary of State", "Duke of Edinburgh").
            if count >= 2 && !has_org && lx.starts_title(first.text) {
                let keys: Vec<String> = words(parts).map(|p| key_of(p.text)).collect();
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                if lx.title_prefix(&keys).is_some_and(|(t, _)| count > t) {
                    return None;
                }
            }
            if words(parts).all(|p| lx.is_demonym(p.text)) {
                return None;
            }
            Some(m)
        }
        "for" => {
            name_at(k + 1)?;
            (lx.is_org_word(last.text) || FOR_HEADS.contains(&last.text)).then_some(k + 1)
        }
        "and" => {
            name_at(k + 1)?;
            // Look ahead: "Safety and Justice Group" joins, "Texas and Illinois" does not.
            let mut m = k + 2;
            let mut end = k + 1;
            while m < toks.len() && toks[m].space_before && name_at(m).is_some() {
                end = m;
                m += 1;
            }
            if lx.is_org_word(tok_text(src, &toks[end])) {
                return Some(k + 1);
            }
            // "Department of Health and Human Services"
            let of_after_org = parts.windows(2).any(|w| lx.is_org_word(w[0].text) && w[1].joiner && w[1].text == "of");
            if of_after_org {
                return Some(k + 1);
            }
            // "Bosnia and Herzegovina"
            let mut key = key_of(&src[parts[0].start..last.end]);
            key.push_str(" and ");
            key.push_str(&key_of(tok_text(src, &toks[k + 1])));
            lx.is_place_key(&key).then_some(k + 1)
        }
        _ if is_particle(jw) => {
            if name_at(k + 1).is_some() && toks[k + 1].space_before {
                Some(k + 1)
            } else if toks.get(k + 1).map_or(false, |t| is_particle(tok_text(src, t))) {
                name_at(k + 2).map(|()| k + 2)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A name's surface ([`collapse_spaces`]) and key ([`key_of`] of the surface), from one scan
/// when the name is ASCII words split by single spaces, without periods (most names are):
/// then the surface is the text and the key its lower case.
fn surface_and_key(s: &str) -> (String, String) {
    if super::lexicon::plain_name(s) {
        return (s.to_string(), s.to_ascii_lowercase());
    }
    // Names with periods or accents ("U.S.", "José Álvarez") are still their own surface:
    // their key is then made in the same scan that says so.
    if let Some(key) = collapsed_key(s) {
        return (s.to_string(), key);
    }
    let surface = collapse_spaces(s);
    let key = key_of(&surface);
    (surface, key)
}

/// [`key_of`] of `s` when `s` is its own [`collapse_spaces`] (words split by single ASCII
/// spaces, no other white space, none at either end); None otherwise. One scan, a char
/// decoded only at a non-ASCII byte.
fn collapsed_key(s: &str) -> Option<String> {
    let mut key = String::with_capacity(s.len());
    // After a space (or at the start); a space waiting for the next key character.
    let mut after_space = true;
    let mut pending = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            match c {
                b' ' if !after_space => {
                    after_space = true;
                    pending = !key.is_empty();
                    continue;
                }
                b' ' | 0x09..=0x0D => return None,
                b'.' => {}
                _ => {
                    if pending {
                        key.push(' ');
                        pending = false;
                    }
                    key.push(c.to_ascii_lowercase() as char);
                }
            }
            after_space = false;
            continue;
        }
        let ch = s[i..].chars().next()?;
        i += ch.len_utf8();
        if ch.is_whitespace() {
            return None;
        }
        after_space = false;
        if pending {
            key.push(' ');
            pending = false;
        }
        match ch {
            '’' | '‘' => key.push('\''),
            _ => key.extend(ch.to_lowercase()),
        }
    }
    (!after_space).then_some(key)
}

fn span_key(text: &str, ps: &[Part]) -> String {
    key_of(&text[ps[0].start..ps[ps.len() - 1].end])
}

/// Key words of parts, for title matching ("Dist.", "Atty." → "dist", "atty").
fn key_words(ps: &[Part]) -> Vec<String> {
    ps.iter().map(|p| key_of(p.text)).collect()
}

/// Whether what follows a title reads as a person's name.
fn title_ok(rest: &[Part], weak: bool, initial: bool, lx: &Lexicon, text: &str) -> bool {
    let n = words(rest).count();
    let Some(w0) = words(rest).next() else { return false };
    if n > 4 {
        return false;
    }
    if words(rest).any(|w| w.has(flag::ORG | flag::PLACE_END | flag::ACRONYM)) {
        return false;
    }
    if lx.is_place_key(&span_key(text, rest)) || w0.demonym(lx) || w0.has(flag::COMMON) && !w0.has(flag::GIVEN) {
        return false;
    }
    // A weak title (a word that is also a common noun: "Founder", "Coach") takes a given name,
    // one word, or a first and last name of a sentence's first run ("Founder Teodor
    // Vasquez-Lund moved …"), where its capital says nothing.
    !weak || w0.has(flag::GIVEN) || n == 1 || n == 2 && initial && !w0.has(flag::TITLE)
}

/// Organisation words that often stand before another name's head rather than end a name.
const MODIFYING_ORG_WORDS: &[&str] = &["School", "Schools", "University", "College", "Hospital", "Library", "Museum", "Police", "Transit", "Railway", "Church"];

fn emit_run(text: &str, src: &str, parts: &[Part], ctx: &Ctx, lx: &Lexicon, out: &mut Vec<Mention>, names: &mut Names) {
    let mut ps = parts;
    // Sentence words in front: "The", "However", "Read".
    let mut stripped = false;
    while let Some(p) = ps.first() {
        let common = !p.joiner && p.has(flag::COMMON);
        // Counted only for a common word: most first words are not.
        let multi = common && ps.iter().filter(|p| !p.joiner).count() > 1;
        let keep = !p.joiner
            && (!common
                || (multi && NAME_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(p.text)))
                || (multi && p.has(flag::GIVEN))
                || (multi && gazetteer_prefix(text, ps, lx)));
        if keep {
            break;
        }
        ps = &ps[1..];
        stripped = true;
    }
    if ps.is_empty() {
        return;
    }
    // "Critics of Bashar al-Assad", "Shares of General Motors": a sentence's first word joined
    // by "of" is a noun capitalised by position unless a cue makes it a name's head.
    if ctx.initial && !stripped && ps.len() >= 3 && ps[1].joiner && ps[1].text == "of" {
        let w = &ps[0];
        let head = w.has(flag::ORG | flag::PLACE_END | flag::PLACE_START | flag::GIVEN | flag::ACRONYM) || {
            let k = key_of(w.text);
            lx.is_place_key(&k) || lx.title_prefix(&[k.as_str()]).is_some()
        };
        if !head {
            let mut rest = &ps[2..];
            let mut the = false;
            while rest.first().map_or(false, |p| p.joiner) {
                the |= rest[0].text == "the";
                rest = &rest[1..];
            }
            let inner = Ctx { initial: false, lower_title: None, after_the: the, ..ctx.clone() };
            return emit_run(text, src, rest, &inner, lx, out, names);
        }
    }
    // A title in front: "Attorney General Jeff Sessions", "Mr. Lee". Most runs have no word
    // that starts a title: their key words are not made at all.
    let kw = if ps.iter().any(|p| p.has(flag::TITLE)) { key_words(ps) } else { Vec::new() };
    let kwr: Vec<&str> = kw.iter().map(String::as_str).collect();
    let mut title = None;
    if let Some((tl, weak)) = if kwr.is_empty() { None } else { lx.title_prefix(&kwr) } {
        if tl >= ps.len() {
            return; // only a title: "the President"
        }
        let mut rest = &ps[tl..];
        let of = rest.first().map_or(false, |p| p.joiner && p.text == "of");
        while rest.first().map_or(false, |p| p.joiner) {
            rest = &rest[1..];
        }
        if of && !weak {
            // "President of the International Brotherhood", "Governor of Virginia": the title is
            // of an organisation or a place, which is the name here.
            let inner = Ctx { initial: false, lower_title: None, ..ctx.clone() };
            return emit_run(text, src, rest, &inner, lx, out, names);
        }
        if title_ok(rest, weak, ctx.initial && !stripped, lx, text) {
            title = Some(ps[0].start..ps[tl - 1].end);
            ps = rest;
        }
    }
    if title.is_none() {
        // A title inside: "San Francisco District Attorney Chesa Boudin".
        for k in 1..ps.len() {
            if ps[k].joiner || ps[k - 1].joiner {
                continue;
            }
            if let Some((tl, weak)) = kwr.get(k..).and_then(|kw| lx.title_prefix(kw)) {
                // A weak title inside takes a given name and a surname: "Heritage Minister Alan
                // Rudge", "Fire Chief Dana Ortiz" (not "Bank Director Services").
                let named = || {
                    let mut w = words(&ps[k + tl..]);
                    w.next().is_some_and(|w| w.has(flag::GIVEN)) && w.next().is_some()
                };
                if k + tl < ps.len() && (!weak || named()) && title_ok(&ps[k + tl..], weak, false, lx, text) {
                    // Before a weak title, words that are no known place or organisation are its
                    // portfolio ("Heritage Minister", "Defense Secretary"), not a name.
                    let known = || ps[..k].iter().any(|p| p.has(flag::ORG | flag::PLACE_END | flag::PLACE_START | flag::ACRONYM)) || lx.is_place_key(&span_key(text, &ps[..k]));
                    let right = Ctx { initial: false, lower_title: None, ..ctx.clone() };
                    if weak && !known() {
                        emit_name(text, src, &ps[k + tl..], Some(ps[0].start..ps[k + tl - 1].end), &right, true, lx, out, names);
                        return;
                    }
                    let left = Ctx { poss_end: None, lower_title: None, ..ctx.clone() };
                    emit_name(text, src, &ps[..k], None, &left, stripped, lx, out, names);
                    emit_name(text, src, &ps[k + tl..], Some(ps[k].start..ps[k + tl - 1].end), &right, true, lx, out, names);
                    return;
                }
            }
        }
        if !stripped {
            if let Some(lt) = &ctx.lower_title {
                if title_ok(ps, false, false, lx, text) {
                    title = Some(lt.clone());
                }
            }
        }
    }
    let after_title = title.is_some();
    emit_name(text, src, ps, title, ctx, stripped || after_title, lx, out, names);
}

/// Whether a gazetteer entry starts at the run's first word ("The Hague", "New York").
/// The key of each longer span is the one before it and one more part (see [`KeyBuilder`]):
/// one key is built, not one a span; and none when no place key begins with the first word's.
fn gazetteer_prefix(text: &str, ps: &[Part], lx: &Lexicon) -> bool {
    let max = lx.place_max_words.min(ps.len());
    if max < 2 {
        return false;
    }
    let mut key = KeyBuilder::with_capacity(ps[max - 1].end - ps[0].start);
    key.push(&text[ps[0].start..ps[0].end]);
    if !lx.is_place_prefix(&key.out) {
        return false;
    }
    let mut at = ps[0].end;
    for p in &ps[1..max] {
        key.push(&text[at..p.end]);
        at = p.end;
        if !p.joiner && lx.is_place_key(&key.out) {
            return true;
        }
    }
    false
}

fn emit_name(text: &str, src: &str, ps: &[Part], title: Option<Range<usize>>, ctx: &Ctx, not_initial: bool, lx: &Lexicon, out: &mut Vec<Mention>, names: &mut Names) {
    let mut ps = ps;
    while ps.last().map_or(false, |p| p.joiner) {
        ps = &ps[..ps.len() - 1];
    }
    if ps.is_empty() {
        return;
    }
    // The last part is a word: there is one.
    let n = words(ps).count();
    let w0 = words(ps).next().expect("a word");
    let w1 = words(ps).nth(1);
    let initial = ctx.initial && !not_initial;
    // "Biologist Nick Bos": a sentence-initial word before a given name is a description.
    if initial && n >= 2 && !w0.has(flag::GIVEN) && w1.map_or(false, |w| w.has(flag::GIVEN)) && !ps[1].joiner {
        let key = span_key(text, ps);
        if !lx.is_place_key(&key) && !w0.has(flag::PLACE_START | flag::ACRONYM) {
            emit_name(text, src, &ps[..1], None, &Ctx { poss_end: None, ..ctx.clone() }, false, lx, out, names);
            emit_name(text, src, &ps[1..], title, ctx, true, lx, out, names);
            return;
        }
    }
    if n == 1 && w0.has(flag::COMMON | flag::OTHER_ACRONYM) {
        return;
    }
    // "Group", "Campaign" alone: a generic word, not a name.
    if n == 1 && !w0.has(flag::ACRONYM) && (is_generic(w0.text) || w0.has(flag::OTHER_WORD)) {
        return;
    }
    // A headline runs a name into the next capitalised words ("Maria Ortiz Fails"): a given
    // name there takes one surname.
    if ctx.heading && n >= 3 && ps.len() == n && w0.has(flag::GIVEN) && !w1.map_or(false, |w| w.has(flag::GIVEN)) {
        let key = span_key(text, ps);
        if !lx.is_place_key(&key) && !ps[ps.len() - 1].has(flag::ORG) {
            emit_name(text, src, &ps[..2], title, &Ctx { poss_end: None, ..ctx.clone() }, not_initial, lx, out, names);
            emit_name(text, src, &ps[2..], None, ctx, true, lx, out, names);
            return;
        }
    }
    let name = ps[0].start..ps[ps.len() - 1].end;
    let written = &text[name.clone()];
    // The parts are words of the masked text: what was read from them holds for the name as
    // written wherever the two agree (markup inside a name makes them differ).
    let remember = names.remembers() && src.as_bytes()[name.clone()] == *written.as_bytes();
    let id = names.id(written);
    let after_the = ctx.after_the && !ctx.initial;
    let info = &mut names.infos[id];
    let slot = 2 * title.is_some() as usize + after_the as usize;
    let (kind, cue, strong) = match info.class[slot] {
        Some(c) if remember => c,
        _ => {
            let c = classify(ps, &info.key, title.is_some(), after_the, lx);
            if remember {
                info.class[slot] = Some(c);
            }
            c
        }
    };
    let (surface, key) = (info.surface.clone(), info.key.clone());
    let own_text = info.own_text;
    let form = if n >= 2 {
        Form::Full
    } else if w0.has(flag::ACRONYM) {
        Form::Acronym
    } else {
        Form::Single
    };
    let tentative = if ctx.heading {
        !strong
    } else {
        initial && form == Form::Single && !strong
    };
    let range = name.start..ctx.poss_end.unwrap_or(name.end).max(name.end);
    out.push(Mention {
        text: if ctx.poss_end.is_none() && own_text { surface.clone() } else { names.text(&text[range.clone()], &surface) },
        range,
        name: name.clone(),
        title,
        surface,
        key,
        kind,
        cue,
        form,
        tentative,
        possessive: ctx.poss_end.is_some(),
        nested: false,
        partner: None,
        start: Pos { line: 0, column: 0 },
        end: Pos { line: 0, column: 0 },
    });
    if n >= 2 && (kind != Kind::Person || !cue) {
        match &names.infos[id].nested {
            Some(nested) if remember => out.extend(nested.iter().map(|m| m.mention(name.start))),
            _ => {
                let nested = nested_places(text, ps, name.clone(), lx, names);
                out.extend(nested.iter().map(|m| m.mention(name.start)));
                if remember {
                    names.infos[id].nested = Some(nested);
                }
            }
        }
    }
}

/// Names inside a longer name, as nested mentions: places ("Helsinki" in "University of
/// Helsinki"), acronyms ("NASA" in "NASA Discovery") and a person an organisation is named
/// after ("Andy Warhol" in "Andy Warhol Foundation").
fn nested_places(text: &str, ps: &[Part], whole: Range<usize>, lx: &Lexicon, names: &mut Names) -> Box<[Nested]> {
    let mut nested: Vec<Nested> = Vec::new();
    let mut push = |r: Range<usize>, kind: Kind, form: Form, nested: &mut Vec<Nested>| {
        let (surface, key) = names.name(&text[r.clone()]);
        let text = names.text(&text[r.clone()], &surface);
        nested.push(Nested { range: r.start - whole.start..r.end - whole.start, kind, form, text, surface, key });
    };
    let mut i = 0;
    // Allocated when first needed (most calls never build a key), then sized once: growing
    // them a char at a time was a tenth of this function.
    let mut key = KeyBuilder::with_capacity(0);
    let mut ends: Vec<usize> = Vec::new();
    // A person first: given name and surname, then more words ending in an organisation word.
    if ps.len() >= 3
        && ps[0].has(flag::GIVEN)
        && !ps[1].joiner
        && !ps[1].has(flag::ORG | flag::OTHER_WORD | flag::ACRONYM)
        && ps[2..].iter().any(|p| p.has(flag::ORG))
    {
        push(ps[0].start..ps[1].end, Kind::Person, Form::Full, &mut nested);
        i = 2;
    }
    while i < ps.len() {
        if ps[i].joiner {
            i += 1;
            continue;
        }
        let max = lx.place_max_words.min(ps.len() - i);
        let mut found = 0;
        // The key of the longest span is built once: the key of the first n parts is its prefix
        // up to `ends[n]`.
        // The key of each longer span begins with the first part's: when no place key begins
        // with that, no span from `i` is a place (most are not), the first part alone included
        // (every place key is among the prefixes). A plain word's key is its lower case, asked
        // on the stack before any key is built.
        let plain = ps[i].has(flag::PLAIN);
        let mut no_place = plain && !ps[i].has(flag::PLACE_PREFIX);
        key.clear();
        ends.clear();
        if !no_place {
            if ends.capacity() == 0 {
                key.out.reserve(ps[ps.len() - 1].end - ps[0].start);
                ends.reserve(lx.place_max_words + 1);
            }
            ends.push(0);
            let mut at = ps[i].start;
            for p in &ps[i..i + max] {
                key.push(&text[at..p.end]);
                at = p.end;
                ends.push(key.out.len());
                if ends.len() == 2 && !plain && !lx.is_place_prefix(&key.out) {
                    no_place = true;
                    break;
                }
            }
        }
        // Spans whose keys were not built are no places.
        let max = if no_place { 0 } else { ends.len() - 1 };
        for n in (1..=max).rev() {
            if ps[i + n - 1].joiner {
                continue;
            }
            let r = ps[i].start..ps[i + n - 1].end;
            if r == whole {
                continue;
            }
            if lx.is_place_key(&key.out[..ends[n]]) {
                found = n;
                break;
            }
        }
        if found > 0 {
            let form = if found > 1 { Form::Full } else { Form::Single };
            push(ps[i].start..ps[i + found - 1].end, Kind::Place, form, &mut nested);
            i += found;
            continue;
        }
        let w = ps[i].text.trim_end_matches('.');
        // The bits are of the text as written: of `w` only when no period was trimmed.
        let (acronym, other) = if w.len() == ps[i].text.len() {
            (ps[i].has(flag::ACRONYM), ps[i].has(flag::OTHER_ACRONYM))
        } else {
            (is_acronym(w), lx.is_other_acronym(w))
        };
        if acronym && !other && (ps[i].start..ps[i].end) != whole {
            let kind = if lx.is_org_acronym(w) { Kind::Organization } else { Kind::Other };
            push(ps[i].start..ps[i].end, kind, Form::Acronym, &mut nested);
        }
        i += 1;
    }
    nested.into_boxed_slice()
}

/// Kind from cues; whether a cue gave it; whether the cue holds even where capitals prove
/// nothing (headings, sentence starts).
/// `ps` ends in a word.
fn classify(ps: &[Part], key: &str, titled: bool, after_the: bool, lx: &Lexicon) -> (Kind, bool, bool) {
    if lx.is_place_key(key) {
        return (Kind::Place, true, true);
    }
    let first = words(ps).next().expect("a word");
    let last = &ps[ps.len() - 1];
    if std::ptr::eq(first, last) {
        if first.has(flag::ACRONYM) {
            // Known organisations, and "the ACLU"; the rest wait for an expansion.
            if lx.is_org_acronym(first.text) || after_the {
                return (Kind::Organization, true, true);
            }
            return (Kind::Other, false, true);
        }
        if first.demonym(lx) {
            return (Kind::Other, true, false);
        }
        if titled {
            return (Kind::Person, true, true);
        }
        if first.has(flag::GIVEN) {
            return (Kind::Person, true, false);
        }
        return (Kind::Other, false, false);
    }
    if last.has(flag::ORG) {
        return (Kind::Organization, true, true);
    }
    let org_head = ps.windows(2).any(|w| !w[0].joiner && w[0].has(flag::ORG) && w[1].joiner && matches!(w[1].text, "of" | "for"));
    if org_head {
        return (Kind::Organization, true, true);
    }
    if last.has(flag::PLACE_END) || first.has(flag::PLACE_START) {
        return (Kind::Place, true, true);
    }
    // "Bay of Bengal", "Republic of Korea"
    if first.has(flag::PLACE_END) && ps.get(1).map_or(false, |p| p.joiner && p.text == "of") {
        return (Kind::Place, true, true);
    }
    if is_direction(first.text) && lx.is_place_key(&key[key.find(' ').map_or(0, |i| i + 1)..]) {
        return (Kind::Place, true, true);
    }
    if titled {
        return (Kind::Person, true, true);
    }
    if first.has(flag::GIVEN) && !ps.iter().any(|p| p.joiner && matches!(p.text, "of" | "and" | "&" | "for")) {
        return (Kind::Person, true, true);
    }
    if words(ps).any(|w| w.has(flag::OTHER_WORD)) || other_word_tail(key, lx) {
        return (Kind::Other, true, false);
    }
    if words(ps).all(|w| w.demonym(lx)) {
        return (Kind::Other, true, false);
    }
    if ps.iter().any(|p| p.joiner && matches!(p.text, "of" | "and" | "&" | "for")) {
        return (Kind::Organization, false, false);
    }
    if words(ps).any(|w| w.has(flag::ACRONYM)) {
        return (Kind::Organization, false, false);
    }
    if words(ps).count() <= 3 && !words(ps).any(|w| w.demonym(lx) || w.has(flag::COMMON)) {
        return (Kind::Person, false, false);
    }
    (Kind::Other, false, false)
}

/// "Irving, Texas" and "Preston, Victoria, Australia": a place qualified by its state or
/// country is one mention of the first place; the qualifiers stay as nested mentions.
fn qualify_places(text: &str, first: usize, lx: &Lexicon, out: &mut [Mention], names: &mut Names) {
    use super::lexicon::PlaceCat::*;
    let mut a = first;
    while a < out.len() {
        let m = &out[a];
        // The cheap tests first: the gazetteer is asked only of mentions that pass them.
        if m.nested || m.possessive || (m.kind == Kind::Person && m.cue) || m.form == Form::Acronym {
            a += 1;
            continue;
        }
        // Only a comma joins a qualifying place: asked before the gazetteer, which most
        // mentions then never reach.
        let comma = (a + 1..out.len()).find(|&b| !out[b].nested).map_or(false, |b| trims_to(&text[m.range.end..out[b].range.start], b','));
        if !comma {
            a += 1;
            continue;
        }
        let cat_a = lx.place_cat(&m.key);
        if matches!(cat_a, Some(Country | State)) {
            a += 1;
            continue;
        }
        let mut end = a;
        let mut last_cat = cat_a;
        loop {
            let Some(b) = (end + 1..out.len()).find(|&b| !out[b].nested) else { break };
            // Only a comma joins a qualifying place.
            if !trims_to(&text[out[end].range.end..out[b].range.start], b',') {
                break;
            }
            let cat_b = lx.place_cat(&out[b].key);
            let fits = match (last_cat, cat_b) {
                (_, None) | (_, Some(City)) => false,
                (Some(Country), _) => false,
                (Some(State | Region), Some(State | Region)) => false,
                _ => true,
            };
            if out[b].possessive || !fits {
                break;
            }
            end = b;
            last_cat = cat_b;
        }
        if end == a {
            a += 1;
            continue;
        }
        let stop = out[end].range.end;
        for m in &mut out[a + 1..=end] {
            m.nested = true;
        }
        let m = &mut out[a];
        m.range.end = stop;
        m.text = names.text(&text[m.range.clone()], &m.surface);
        m.kind = Kind::Place;
        m.cue = true;
        a = end + 1;
    }
}

/// Whether the last two words of `key`, capitalised ([`key_tail`]), are an "other" word
/// ("Grand Prix"); an ASCII key is capitalised on the stack, not in a new String.
fn other_word_tail(key: &str, lx: &Lexicon) -> bool {
    let mut buf = [0u8; 64];
    let Some(sp) = key.rfind(' ') else { return lx.is_other_word(&key_tail(key, 2)) };
    let start = key[..sp].rfind(' ').map_or(0, |i| i + 1);
    let tail = &key.as_bytes()[start..];
    if !key.is_ascii() || tail.len() > buf.len() {
        return lx.is_other_word(&key_tail(key, 2));
    }
    for (i, &b) in tail.iter().enumerate() {
        let word_start = i == 0 || tail[i - 1] == b' ';
        buf[i] = if word_start { b.to_ascii_uppercase() } else { b };
    }
    std::str::from_utf8(&buf[..tail.len()]).map_or(false, |w| lx.is_other_word(w))
}

/// The last `n` words of a key, capitalised as a data-file word ("grand prix" → "Grand Prix").
fn key_tail(key: &str, n: usize) -> String {
    let words = key.split(' ').count();
    if words < n {
        return String::new();
    }
    // One string, no vector of words and no string per word.
    let mut out = String::with_capacity(key.len() + 2);
    for (k, w) in key.split(' ').skip(words - n).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

/// "American Civil Liberties Union (ACLU)" and "ACLU (American Civil Liberties Union)": link the
/// pair among the mentions from `first` on (one sentence).
/// Whether `s.trim()` is the one ASCII character `c`. The text between two mentions mostly
/// starts with a word or other punctuation: the first byte that is no ASCII white space says
/// no, and `trim` is asked only when it is `c` or beyond ASCII (where white space may be).
fn trims_to(s: &str, c: u8) -> bool {
    match s.bytes().find(|b| !matches!(b, b' ' | b'\t'..=b'\r')) {
        Some(b) if b == c || b >= 0x80 => s.trim().as_bytes() == [c],
        _ => false,
    }
}

fn link_acronyms(src: &str, first: usize, out: &mut [Mention]) {
    for a in first..out.len() {
        let Some(b) = (a + 1..out.len()).find(|&b| !out[b].nested) else { continue };
        if out[a].nested {
            continue;
        }
        if !trims_to(&src[out[a].range.end..out[b].range.start], b'(') || !src[out[b].range.end..].trim_start().starts_with(')') {
            continue;
        }
        let (full, acr) = match (out[a].form, out[b].form) {
            (Form::Full, Form::Acronym) => (a, b),
            (Form::Acronym, Form::Full) => (b, a),
            _ => continue,
        };
        let f0 = out[full].surface.chars().next().map(|c| c.to_ascii_uppercase());
        let a0 = out[acr].surface.chars().next();
        if f0 == a0 {
            out[full].partner = Some(acr);
            out[acr].partner = Some(full);
            if out[full].kind != Kind::Other {
                out[acr].kind = out[full].kind;
            }
        }
    }
}

#[cfg(test)]
#[path = "../../benches/support/article.rs"]
#[allow(dead_code)]
mod article;

#[cfg(test)]
mod remembered_tests {
    use super::*;
    use crate::text::{sentences, Format};

    fn both(text: &str, format: Format) -> (Vec<Mention>, Vec<Mention>) {
        let prose = Prose::new(text, format);
        let sents = sentences::split(&prose.masked, &prose.breaks);
        let li = LineIndex::new(text);
        let mut fresh = Detector::default();
        fresh.names.fresh = true;
        (detect_with(Detector::default(), text, &prose, &sents, &li), detect_with(fresh, text, &prose, &sents, &li))
    }

    /// What a name's first mention taught (its kind per context, its nested names) is what
    /// reading its later mentions afresh gives, markup inside a name included.
    #[test]
    fn remembered_answers_are_the_fresh_ones() {
        for md in [false, true] {
            let format = if md { Format::Markdown } else { Format::Plain };
            let text = super::article::article(256 * 1024, 11, md);
            let (remembered, fresh) = both(&text, format);
            assert!(remembered.len() > 1000);
            assert_eq!(remembered, fresh);
        }
        let text = "George **Soros** met George Soros. The University of *Helsinki* and the University of Helsinki \
            hired Mr. Lee. Mr. Lee said the ACLU and ACLU agreed. Irving, Texas and the Andy Warhol Foundation \
            met the Andy Warhol Foundation in Irving, Texas, and Soros’s Open Society Foundations in New York.";
        for format in [Format::Markdown, Format::Plain] {
            let (remembered, fresh) = both(text, format);
            assert_eq!(remembered, fresh);
        }
    }
}

#[cfg(test)]
mod tail_tests {
    /// One scan makes the surface and key the two calls make.
    #[test]
    fn surface_and_key_as_collapse_and_key_of() {
        for s in [
            "", " ", "George Soros", "george", "U.S.", " A B", "A B ", "A  B", "A\tB", "St. John", "AT&T", "O'Neil", "Jos\u{e9} Mar\u{ed}a", "a\u{a0}b",
            ".", ". A", "A .", "A. .B", "A . B", "Acme Inc.", "Jos\u{e9} \u{c1}lvarez", "Caf\u{e9} Lumi\u{e8}re Group", "S\u{e3}o Paulo", "O\u{2019}Neil",
            "\u{2018}Ali", "\u{130}stanbul", "\u{1c4}", "\u{e9}.", "\u{e9} ", " \u{e9}", "\u{e9}\u{3000}x", "\u{85}", "x\u{85}", "A\u{e9}\nB",
        ] {
            let surface = super::collapse_spaces(s);
            let key = super::key_of(&surface);
            assert_eq!(super::surface_and_key(s), (surface, key), "{s:?}");
        }
    }

    /// The length and first-letter filter keeps every particle and answers as the list.
    #[test]
    fn is_particle_as_the_list() {
        for w in super::PARTICLES.iter().copied().chain(["", "d", "dee", "said", ",", "De", "della", "dellas", "van", "vans", "ibn", "tel"]) {
            assert_eq!(super::is_particle(w), super::PARTICLES.contains(&w), "{w:?}");
        }
    }

    /// The case-blind comparison answers as the lowered lookup did.
    #[test]
    fn keeps_dot_as_lowered() {
        for w in super::KEEP_DOT.iter().copied().chain(["Inc", "INC", "St", "Dr", "Corp", "Soros", "", "I", "Atty", "Attys", "\u{130}nc", "Jr\u{e9}"]) {
            assert_eq!(super::keeps_dot(w), super::KEEP_DOT.contains(&w.to_ascii_lowercase().as_str()), "{w:?}");
        }
    }

    /// The stack capitalisation asks what the String one asks.
    #[test]
    fn other_word_tail_as_key_tail() {
        let lx = super::Lexicon::get();
        for key in ["", "grand prix", "the grand prix", "monaco grand prix", "a", "x y z", "jos\u{e9} grand prix", "a  b"] {
            assert_eq!(super::other_word_tail(key, lx), lx.is_other_word(&super::key_tail(key, 2)), "{key:?}");
        }
    }
}

#[cfg(test)]
mod stop_tests {
    use super::*;

    /// The shape filter of `stop_bits` never hides a stop word's bits, however it is written.
    #[test]
    fn stop_bits_as_the_cache() {
        let words: Vec<String> = RUN_STOPS
            .iter()
            .chain(WEEKDAYS)
            .chain(MONTHS)
            .flat_map(|w| [w.to_string(), w.to_uppercase(), w.to_lowercase()])
            .chain(["Soros", "Thee", "Mayday", "José", "U.S", "O'Neil", "Jan's", "X"].map(String::from))
            .collect();
        let text = words.join(" ");
        let mut toks = Vec::new();
        tokenize(&text, 0..text.len(), &mut toks);
        let mut wc = WordCache::default();
        for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
            let w = t.text(&text);
            let want = super::super::word_cache::compute(w) & (bit::RUN_STOP | bit::WEEKDAY | bit::MONTH);
            assert_eq!(stop_bits(&text, t, &mut wc), want, "{w}");
        }
    }
}

#[cfg(test)]
mod column_tests {
    use super::one_line_ascii;

    #[test]
    fn one_line_ascii_as_each_byte() {
        // Each telling byte at each place of strings up to 20 bytes long, in a run of spaces and
        // of tildes (the neighbours a borrow could leak into).
        for len in 0..20 {
            for fill in [b' ', b'~', b'A'] {
                for at in 0..len {
                    for b in [0u8, b'\t', b'\n', b'\r', 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xc3, 0xff] {
                        let mut s = vec![fill; len];
                        s[at] = b;
                        let want = s.iter().all(|&c| (0x20..0x80).contains(&c));
                        assert_eq!(one_line_ascii(&s), want, "{s:?}");
                    }
                }
                assert!(one_line_ascii(&vec![fill; len]));
            }
        }
    }
}

//! Sentence splitting that survives real copy: abbreviations (Mr., U.S., Dist. Atty., Inc.),
//! initials, decimals, ellipses and closing quotes. Headings and list items arrive as units of
//! their own through the prose breaks, so a sentence never crosses one.

use crate::text::fasthash::Set;
use crate::text::lower::Lower;
use std::ops::Range;
use std::sync::OnceLock;

/// One sentence: its trimmed byte range and the block (paragraph, heading, item) holding it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index of its block; sentences of one paragraph share it.
    pub block: usize,
}

/// Titles and words that are almost never the end of a sentence when followed by a period.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "fr", "sr", "st", "mt", "ft", "gen", "gov", "sen", "rep", "reps",
    "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "dist", "atty", "asst", "assoc", "dept", "hon",
    "pres", "supt", "insp", "det", "ofc", "no", "nos", "vs", "v", "cf", "approx", "est", "fig", "figs", "p", "pp",
    "vol", "ch", "sec", "art", "para", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "ave", "blvd", "rd", "hwy", "e.g", "i.e", "al", "op", "ed", "eds", "gov't", "msgr", "rt", "ald",
    // Currency abbreviations written with a period before the amount ("Rs. 20").
    "rs",
];

/// Whether `word` (without its period) is a title or an initial that a period does not end a
/// sentence after ("the Rev.", "Gov.", "J."): what a speech tag may hold.
pub fn title_abbreviation(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    TITLES.contains(&lower.as_str()) || word.chars().count() == 1 && word.starts_with(|c: char| c.is_uppercase())
}

/// Abbreviations that can also end a sentence: they end one only when a typical sentence start follows.
const ENDABLE: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "llp", "plc", "jr", "bros", "etc", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m",
    "p.m", "n.y", "l.a", "ph.d", "calif", "fla", "mass", "wash", "ore", "ariz", "colo", "conn", "ill", "ind", "mich",
    "minn", "penn", "tenn", "tex", "va", "wis", "ga", "ky", "la", "md", "mo", "nev", "okla", "pa", "s.c", "n.c",
];

/// Words that commonly open a sentence, used to tell "Inc. The next sentence" from "Inc. Holdings".
const STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this",
    "that", "these", "those", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "after", "before", "when",
    "while", "since", "as", "if", "there", "here", "some", "many", "most", "one", "two", "three", "according",
    "however", "meanwhile", "still", "also", "then", "now", "last", "earlier", "later", "by", "with", "from", "to",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '_' | '¿' | '¡')
}

/// The longest word of [`TITLES`] and [`ENDABLE`], in bytes.
const ABBREVIATION_MAX: usize = 6;

/// A word of at most [`ABBREVIATION_MAX`] ASCII bytes in lower case, packed into an integer
/// (first byte lowest, zeros after): a key for [`is_title`] and [`is_endable`] made without
/// lowering a copy or hashing one. None for any other word, which neither list holds.
const fn pack_lower(w: &[u8]) -> Option<u64> {
    if w.len() > ABBREVIATION_MAX || !w.is_ascii() {
        return None;
    }
    let mut k = 0u64;
    let mut i = w.len();
    while i > 0 {
        i -= 1;
        k = k << 8 | w[i].to_ascii_lowercase() as u64;
    }
    Some(k)
}

/// Classes of a word in [`ABBREVIATIONS`].
const TITLE: u8 = 1;
const ENDABLE_WORD: u8 = 2;

/// Slots of [`ABBREVIATIONS`]: a power of two, about four per word listed, so that most
/// lookups read one slot.
const SLOTS: usize = 512;

/// The first slot of [`ABBREVIATIONS`] for the packed word `k`.
const fn abbreviation_slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// [`TITLES`] and [`ENDABLE`] by their [`pack_lower`] keys, in one open-addressed table built
/// at compile time: (key, classes), a zero key for an empty slot. Two binary searches of sorted
/// lists, at each period before a capital, cost three times one probe here.
static ABBREVIATIONS: [(u64, u8); SLOTS] = {
    let mut t = [(0u64, 0u8); SLOTS];
    let lists: [(&[&str], u8); 2] = [(TITLES, TITLE), (ENDABLE, ENDABLE_WORD)];
    let mut l = 0;
    while l < lists.len() {
        let (list, class) = lists[l];
        let mut i = 0;
        while i < list.len() {
            let Some(k) = pack_lower(list[i].as_bytes()) else { panic!("a short ASCII word") };
            let mut s = abbreviation_slot(k);
            while t[s].0 != 0 && t[s].0 != k {
                s = (s + 1) % SLOTS;
            }
            t[s] = (k, t[s].1 | class);
            i += 1;
        }
        l += 1;
    }
    t
};

/// The classes ([`TITLE`], [`ENDABLE_WORD`]) of the word packed as `k` ([`pack_lower`]).
fn abbreviation(k: u64) -> u8 {
    let mut s = abbreviation_slot(k);
    loop {
        let (key, class) = ABBREVIATIONS[s];
        if key == k {
            return class;
        }
        if key == 0 {
            return 0;
        }
        s = (s + 1) % SLOTS;
    }
}

/// Whether the word packed as `k` ([`pack_lower`]) is in [`TITLES`] (the table's test: the
/// splitter reads [`abbreviation`]'s classes at once).
#[cfg(test)]
fn is_title(k: u64) -> bool {
    abbreviation(k) & TITLE != 0
}

/// Whether the word packed as `k` ([`pack_lower`]) is in [`ENDABLE`] (the table's test).
#[cfg(test)]
fn is_endable(k: u64) -> bool {
    abbreviation(k) & ENDABLE_WORD != 0
}

/// Bytes of the word [`word_before`] reads back over: ASCII letters, digits, '.' and '\''
/// (one load a byte, where three tests cost twice as much).
static WORD_BEFORE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'.' || c == b'\'';
        i += 1;
    }
    t
};

/// The word ending just before byte `dot` (letters and inner periods), lower-cased: as
/// written when it is ASCII (a word's length, chars and digits are those of its lower case;
/// the abbreviation lists are asked of its [`pack_lower`] key), else through [`Lower`].
fn word_before(text: &str, dot: usize) -> Lower<'_> {
    let head = &text[..dot];
    // ASCII words (nearly all) by bytes; a char beyond ASCII is read by the general scan.
    let b = head.as_bytes();
    let mut k = b.len();
    while k > 0 && WORD_BEFORE[b[k - 1] as usize] {
        k -= 1;
    }
    if k == 0 || b[k - 1] < 0x80 {
        return Lower::borrowed(head[k..].trim_start_matches('.'));
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '\'' || c == '’')
        .last()
        .map_or(dot, |(i, _)| i);
    Lower::new(head[start..].trim_start_matches('.'))
}

/// Whether the capital letter before byte `letter` reads as a middle or first initial ("John
/// F. Kennedy", "J. R. Smith", "by J. Smith") rather than the end of a name that ends the
/// sentence ("… known as Measure K. District officials …"): the word before it is a given name,
/// another initial, lower case, or absent.
fn initial_follows_a_name(text: &str, letter: usize) -> bool {
    let head = text[..letter].trim_end();
    let prev: &str = head.rsplit(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’' || c == '-')).next().unwrap_or("");
    let bare = prev.trim_end_matches('.');
    if bare.is_empty() || bare.chars().count() == 1 || !bare.chars().next().is_some_and(char::is_uppercase) || prev.ends_with('.') {
        return true;
    }
    given_names().contains(bare)
}

fn given_names() -> &'static Set<&'static str> {
    static G: OnceLock<Set<&'static str>> = OnceLock::new();
    G.get_or_init(|| include_str!("../../data/entities/given_names.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

fn word_after(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
    &tail[..end]
}

/// Split `masked` prose into sentences, never across `breaks` (sorted offsets).
pub fn split(masked: &str, breaks: &[usize]) -> Vec<Sentence> {
    // Room for a sentence per 64 bytes, about what news prose has: the vector is not regrown
    // and copied a dozen times.
    let mut out = Vec::with_capacity(masked.len() / 64 + 4);
    // The terminals of the whole text, found in one pass rather than one search per stop.
    let terminals = terminals(masked.as_bytes(), 0);
    let mut block = 0;
    let mut prev = 0;
    let mut t = 0;
    let mut cuts: Vec<usize> = breaks.iter().copied().filter(|&b| b <= masked.len()).collect();
    cuts.push(masked.len());
    for cut in cuts {
        if cut < prev {
            continue;
        }
        let before = out.len();
        while terminals.get(t).is_some_and(|&e| e < prev) {
            t += 1;
        }
        split_segment(masked, prev..cut, block, &mut out, &terminals[t..]);
        if out.len() > before {
            block += 1;
        }
        prev = cut;
    }
    out
}

/// The sentences of `masked` after an edit that left every break where it was (moved) and
/// changed only `at..new_end` (new offsets; `delta` = new length minus old): `old`, the
/// sentences before the edit, with the segment (text between two breaks) holding the edit
/// split again and those after it moved. The result is what [`split`] gives; None when the
/// edit's segment had no sentence (block numbers after it would change).
pub fn respliced(old: &[Sentence], masked: &str, breaks: &[usize], at: usize, new_end: usize, delta: isize) -> Option<Vec<Sentence>> {
    // The segment holding the edit, as `split` cuts it.
    let mut prev = 0;
    let mut seg = None;
    for cut in breaks.iter().copied().filter(|&b| b <= masked.len()).chain([masked.len()]) {
        if cut < prev {
            continue;
        }
        if prev <= at && new_end <= cut {
            seg = Some(prev..cut);
            break;
        }
        prev = cut;
    }
    let seg = seg?;
    // The same segment in the old offsets.
    let old_end = (seg.end as isize - delta) as usize;
    let first = old.partition_point(|s| s.range.start < seg.start);
    let last = old.partition_point(|s| s.range.start < old_end);
    let block = old[first..last].first()?.block;
    let mut out = Vec::with_capacity(old.len() + 4);
    out.extend_from_slice(&old[..first]);
    let terminals = terminals(&masked.as_bytes()[seg.clone()], seg.start);
    split_segment(masked, seg, block, &mut out, &terminals);
    if out.len() == first {
        return None;
    }
    let moved = |s: &Sentence| Sentence { range: (s.range.start as isize + delta) as usize..(s.range.end as isize + delta) as usize, block: s.block };
    out.extend(old[last..].iter().map(moved));
    Some(out)
}

/// The offsets (plus `base`) of every '.', '!', '?' and '…' in `bytes`, sorted: found in two
/// passes over the whole text rather than a search from each stop to the next. An ellipsis
/// (E2 80 A6) is searched for by its last byte, which few other characters have: a substring
/// search stopped at every curly quote and dash, which start with the same two bytes, and cost
/// more than the full stops' search. (A loop over bytes making a bit mask of each 64 is not
/// vectorized: it cost six times as much.)
fn terminals(bytes: &[u8], base: usize) -> Vec<usize> {
    let mut stops: Vec<usize> = Vec::with_capacity(bytes.len() / 32 + 4);
    stops.extend(memchr::memchr3_iter(b'.', b'!', b'?', bytes).map(|i| base + i));
    let n = stops.len();
    stops.extend(memchr::memchr_iter(0xA6, bytes).filter(|&i| i >= 2 && bytes[i - 2..i] == [0xE2, 0x80]).map(|i| base + i - 2));
    if stops.len() > n {
        // Rare: the two sorted runs merged.
        stops.sort();
    }
    stops
}

/// Push the sentence `range` of `text` without the white space at its ends, if any is left.
fn push_trimmed(text: &str, range: Range<usize>, block: usize, out: &mut Vec<Sentence>) {
    // ASCII white space over bytes; a byte beyond ASCII at either edge (perhaps white space
    // such as U+00A0) is left to `trim_start`/`trim_end`.
    let b = text.as_bytes();
    let space = |c: u8| matches!(c, b' ' | 0x09..=0x0D);
    let (mut start, mut end) = (range.start, range.end);
    while start < end && space(b[start]) {
        start += 1;
    }
    if start < end && b[start] >= 0x80 {
        start = end - text[start..end].trim_start().len();
    }
    while end > start && space(b[end - 1]) {
        end -= 1;
    }
    if end > start && b[end - 1] >= 0x80 {
        end = start + text[start..end].trim_end().len();
    }
    if start < end {
        out.push(Sentence { range: start..end, block });
    }
}

/// The char starting at byte `i` of `s` (a char boundary below its length).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("a char")
}

/// Whether `s` has white space (`char::is_whitespace`) at byte `i`: ASCII bytes are
/// answered without decoding a char.
fn space_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&c) if c < 0x80 => matches!(c, b' ' | 0x09..=0x0D),
        Some(_) => char_at(s, i).is_whitespace(),
    }
}

/// Split the segment `seg` of `text`; `terminals` are the offsets in `text` of its '.', '!',
/// '?' and '…' ([`terminals`]) from the segment's start on (sorted; any after the segment
/// are not read).
///
/// Read over bytes: a terminal's run, the white space after it and the next word's first
/// char are ASCII bytes nearly always, and a byte beyond ASCII is decoded where it is met.
fn split_segment(text: &str, seg: Range<usize>, block: usize, out: &mut Vec<Sentence>, terminals: &[usize]) {
    let s = &text[seg.clone()];
    let b = s.as_bytes();
    let mut start = 0;
    let mut pos = 0;
    for &t in terminals {
        if t >= seg.end {
            break;
        }
        let i = t - seg.start;
        // Inside the run of the terminal before, or an ellipsis that runs past the segment.
        if i < pos || b[i] >= 0x80 && i + '…'.len_utf8() > b.len() {
            continue;
        }
        // '.', '!' or '?', else '…' (the only terminal beyond ASCII).
        let c = if b[i] < 0x80 { b[i] as char } else { '…' };
        // Gather the run of terminal punctuation (?!, ..., ?”).
        let mut end = i + c.len_utf8();
        while let Some(&x) = b.get(end) {
            if x < 0x80 {
                // The terminals and the ASCII closers ([`is_closer`]).
                if !matches!(x, b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']' | b'*' | b'_') {
                    break;
                }
                end += 1;
            } else {
                let d = char_at(s, end);
                if !(d == '…' || is_closer(d)) {
                    break;
                }
                end += d.len_utf8();
            }
        }
        // A footnote or citation marker right after the period belongs to this sentence: "gave $5.[1]".
        if b.get(end) == Some(&b'[') {
            if let Some(close) = memchr::memchr(b']', &b[end..b.len().min(end + 17)]) {
                let inner = &s[end + 1..end + close];
                if inner.starts_with('^') || inner.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '-' || c == ' ') {
                    end += close + 1;
                }
            }
        }
        pos = end;
        // Must be followed by white space or the end of the segment.
        if end < b.len() && !space_at(s, end) {
            continue;
        }
        // The next char that is neither white space nor an opening mark.
        let mut after = end;
        while space_at(s, after) {
            after += if b[after] < 0x80 { 1 } else { char_at(s, after).len_utf8() };
        }
        let mut k = after;
        let next = loop {
            let Some(&x) = b.get(k) else { break None };
            let n = if x < 0x80 { x as char } else { char_at(s, k) };
            if !is_opener(n) {
                break Some(n);
            }
            k += n.len_utf8();
        };
        let ellipsis = c == '…' || b[i..end].starts_with(b"...");
        let is_break = match next {
            None => true,
            Some(n) if n.is_lowercase() => false,
            Some(n) => {
                if c == '.' && !ellipsis {
                    let w = word_before(s, i);
                    let one_char = {
                        let mut cs = w.chars();
                        cs.next().is_some() && cs.next().is_none()
                    };
                    let single_initial = one_char && w.chars().all(char::is_alphabetic)
                        && s[..i].chars().last().map_or(false, char::is_uppercase)
                        && initial_follows_a_name(s, s[..i].char_indices().last().map_or(0, |(k, _)| k));
                    // No title or endable abbreviation is longer than `ABBREVIATION_MAX` bytes:
                    // most words before a full stop are, and are not looked up.
                    let short = w.len() <= ABBREVIATION_MAX;
                    let class = if short { pack_lower(w.as_bytes()).map_or(0, abbreviation) } else { 0 };
                    if class & TITLE != 0 || single_initial {
                        false
                    } else if class & ENDABLE_WORD != 0 || (w.len() <= 6 && w.contains('.') && !w.starts_with(|c: char| c.is_ascii_digit())) {
                        // ("3.8bn." is a decimal amount, not an abbreviation like "U.S.")
                        let rest = &s[after..];
                        let nw = word_after(s, after + rest.len() - rest.trim_start_matches(is_opener).len());
                        STARTERS.contains(&nw.to_lowercase().as_str())
                    } else if w.chars().all(|c| c.is_ascii_digit()) && n.is_ascii_digit() {
                        // "6 . 2 %": a decimal point in tokenised copy.
                        false
                    } else {
                        true
                    }
                } else {
                    n.is_uppercase() || n.is_numeric() || !ellipsis
                }
            }
        };
        if is_break {
            push_trimmed(text, seg.start + start..seg.start + end, block, out);
            start = end;
        }
    }
    push_trimmed(text, seg.start + start..seg.end, block, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wherever an edit's prose can be spliced, so can its sentences, and they are exactly
    /// the sentences split again.
    #[test]
    fn abbreviations_are_short() {
        assert!(TITLES.iter().chain(ENDABLE).all(|w| w.len() <= ABBREVIATION_MAX));
    }

    #[test]
    fn abbreviations_by_table_are_those_of_the_lists() {
        for w in TITLES.iter().chain(ENDABLE).chain(STARTERS).chain(&["", "x", "mr.", "million", "Mr", "U.S", "INC", "dec.", "e.g.", "é"]) {
            let lower = w.to_ascii_lowercase();
            let key = pack_lower(w.as_bytes());
            assert_eq!(key.is_some_and(is_title), TITLES.contains(&lower.as_str()), "{w:?}");
            assert_eq!(key.is_some_and(is_endable), ENDABLE.contains(&lower.as_str()), "{w:?}");
        }
    }

    #[test]
    fn respliced_sentences_are_the_sentences_split_again() {
        use crate::text::{Format, Prose};
        let mut docs = vec![crate::text::prose::tests::TRICKY.to_string()];
        docs.push("# Title\n\nDr. Ana Ruiz said it cost $4 million. Then Mr. Li left. The U.S. Treasury paid $3.5 billion… and more? Yes.\n\nA second paragraph. With two sentences.\n".to_string());
        let mut some = 0;
        for old in &docs {
            let before = Prose::new(old, Format::Markdown);
            let sentences = split(&before.masked, &before.breaks);
            for at in (0..=old.len()).filter(|&i| old.is_char_boundary(i)) {
                let next = old[at..].chars().next().map_or(0, char::len_utf8);
                for (cut, ins) in [(0, "x"), (0, "ab "), (next, ""), (next, "Q")] {
                    let mut new = old.clone();
                    new.replace_range(at..at + cut, ins);
                    let Some(p) = before.spliced(old, &new, at, at + cut, at + ins.len()) else { continue };
                    let delta = ins.len() as isize - cut as isize;
                    if let Some(got) = respliced(&sentences, &p.masked, &p.breaks, at, at + ins.len(), delta) {
                        assert_eq!(got, split(&p.masked, &p.breaks), "{ins:?} for {cut} bytes at {at}");
                        some += 1;
                    }
                }
            }
        }
        assert!(some > 500, "respliced {some} edits");
    }

    /// The splitter as it was before it read over bytes from a list of the text's terminals:
    /// a char at a time, a search per stop. [`split`] must give what it gives.
    fn reference_split(masked: &str, breaks: &[usize]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut block = 0;
        let mut prev = 0;
        let mut cuts: Vec<usize> = breaks.iter().copied().filter(|&b| b <= masked.len()).collect();
        cuts.push(masked.len());
        for cut in cuts {
            if cut < prev {
                continue;
            }
            let before = out.len();
            reference_segment(masked, prev..cut, block, &mut out);
            if out.len() > before {
                block += 1;
            }
            prev = cut;
        }
        out
    }

    fn reference_segment(text: &str, seg: Range<usize>, block: usize, out: &mut Vec<Sentence>) {
        let s = &text[seg.clone()];
        let mut start = 0;
        let mut pos = 0;
        let next_terminal = |from: usize| s[from..].find(['.', '!', '?', '…']).map(|p| from + p);
        while let Some(i) = next_terminal(pos) {
            let c = s[i..].chars().next().unwrap();
            let mut end = i + c.len_utf8();
            while let Some(d) = s[end..].chars().next() {
                if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            if s[end..].starts_with('[') {
                if let Some(close) = s[end..].find(']').filter(|&c| c <= 16) {
                    let inner = &s[end + 1..end + close];
                    if inner.starts_with('^') || inner.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '-' || c == ' ') {
                        end += close + 1;
                    }
                }
            }
            pos = end;
            let run = &s[i..end];
            let next_ws = end >= s.len() || s[end..].starts_with(char::is_whitespace);
            if !next_ws {
                continue;
            }
            let rest = s[end..].trim_start();
            let after = end + (s.len() - end - rest.len());
            let next = rest.chars().find(|&c| !is_opener(c));
            let ellipsis = run.starts_with("...") || run.starts_with('…');
            let is_break = match next {
                None => true,
                Some(n) if n.is_lowercase() => false,
                Some(n) => {
                    if c == '.' && !ellipsis {
                        let w = word_before(s, i);
                        let one_char = w.chars().count() == 1;
                        let single_initial = one_char && w.chars().all(char::is_alphabetic)
                            && s[..i].chars().last().map_or(false, char::is_uppercase)
                            && initial_follows_a_name(s, s[..i].char_indices().last().map_or(0, |(k, _)| k));
                        let key = pack_lower(w.as_bytes());
                        if key.is_some_and(is_title) || single_initial {
                            false
                        } else if key.is_some_and(is_endable) || (w.contains('.') && w.len() <= 6 && !w.starts_with(|c: char| c.is_ascii_digit())) {
                            let nw = word_after(s, after + rest.len() - rest.trim_start_matches(is_opener).len());
                            STARTERS.contains(&nw.to_lowercase().as_str())
                        } else if w.chars().all(|c| c.is_ascii_digit()) && n.is_ascii_digit() {
                            false
                        } else {
                            true
                        }
                    } else {
                        n.is_uppercase() || n.is_numeric() || !ellipsis
                    }
                }
            };
            if is_break {
                push_trimmed(text, seg.start + start..seg.start + end, block, out);
                start = end;
            }
        }
        push_trimmed(text, seg.start + start..seg.end, block, out);
    }

    /// Random texts of the marks, spaces, quotes and words a split turns on, with breaks.
    #[test]
    fn split_is_the_reference_split() {
        const PIECES: &[&str] = &[
            " ", "  ", "\n", "\u{a0}", "\u{2003}", ".", "..", "...", "!", "?", "…", "”", "“", "’", "‘", "\"", "'", "(", ")", "[", "]", "[1]", "[^a]",
            "[1, 2]", "*", "_", "«", "»", "¿", "¡", "Mr", "Inc", "U.S", "e.g", "J", "é", "É", "ſ", "the", "The", "She", "paid", "3", "2.5", "$4",
            "3.8bn", "Ana", "Lee", "x", "Q", "no", "No", "Jan", "a", "ph.d", "Ł", "ß",
        ];
        let mut r = 0x9e3779b97f4a7c15u64;
        let mut next = |n: usize| {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            (r % n as u64) as usize
        };
        for _ in 0..20000 {
            let mut t = String::new();
            for _ in 0..next(40) {
                t.push_str(PIECES[next(PIECES.len())]);
            }
            let mut breaks: Vec<usize> = (0..next(3)).map(|_| next(t.len() + 1)).filter(|&b| t.is_char_boundary(b)).collect();
            breaks.sort();
            assert_eq!(split(&t, &breaks), reference_split(&t, &breaks), "{t:?} {breaks:?}");
        }
        for t in [crate::text::prose::tests::TRICKY, "Wait... what? Yes! Done… it fell… Nobody. “Quote.” (Aside.) [Bracket.] *Em.* _Un._ Mr. J. R. Smith e.g. this"] {
            assert_eq!(split(t, &[]), reference_split(t, &[]), "{t:?}");
        }
    }

    fn sents(t: &str) -> Vec<&str> {
        split(t, &[]).into_iter().map(|s| &t[s.range]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr. Lee paid $1.5 million. It was late.", &["Mr. Lee paid $1.5 million.", "It was late."]),
            ("The U.S. Treasury paid. Then it stopped.", &["The U.S. Treasury paid.", "Then it stopped."]),
            ("He moved to the U.S. The move was costly.", &["He moved to the U.S.", "The move was costly."]),
            ("Dist. Atty. Kim Ortiz won. She spent $3.", &["Dist. Atty. Kim Ortiz won.", "She spent $3."]),
            ("Acme Inc. The firm grew.", &["Acme Inc.", "The firm grew."]),
            ("Acme Inc. Holdings grew.", &["Acme Inc. Holdings grew."]),
            ("J. R. Smith paid.", &["J. R. Smith paid."]),
            ("“It is big,” she said. “Very big.” Then quiet.", &["“It is big,” she said.", "“Very big.”", "Then quiet."]),
            ("Wait... what? Yes! Done", &["Wait... what?", "Yes!", "Done"]),
            ("It fell… Nobody knew.", &["It fell…", "Nobody knew."]),
            ("Costs rose 2.5 percent. e.g. this one.", &["Costs rose 2.5 percent. e.g. this one."]),
            ("See No. 5 on the list. Next.", &["See No. 5 on the list.", "Next."]),
            ("It gave $5.[1] Then more.[^a] Done.", &["It gave $5.[1]", "Then more.[^a]", "Done."]),
            ("They met on Jan. 5 in Reno.", &["They met on Jan. 5 in Reno."]),
            ("Sales rose 6 . 2 % in May.", &["Sales rose 6 . 2 % in May."]),
            // A decimal amount with a magnitude ends its sentence as any word does.
            ("Losses are put at $3.8bn. Federal aid was disclosed.", &["Losses are put at $3.8bn.", "Federal aid was disclosed."]),
            ("It cost €1.5m. Critics balked.", &["It cost €1.5m.", "Critics balked."]),
        ];
        for (input, want) in cases {
            assert_eq!(&sents(input), want, "input: {input}");
        }
    }

    #[test]
    fn breaks_separate_units_and_blocks() {
        let t = "Heading\nBody one. Body two.";
        let s = split(t, &[0, 7, 8, t.len()]);
        assert_eq!(s.len(), 3);
        assert_eq!(&t[s[0].range.clone()], "Heading");
        assert_eq!(s[1].block, s[2].block);
        assert_ne!(s[0].block, s[1].block);
    }
}

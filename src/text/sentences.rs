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
fn pack_lower(w: &[u8]) -> Option<u64> {
    if w.len() > ABBREVIATION_MAX || !w.is_ascii() {
        return None;
    }
    Some(w.iter().rev().fold(0u64, |k, &b| k << 8 | b.to_ascii_lowercase() as u64))
}

/// The packed words of a list, sorted for a binary search.
fn packed(cell: &'static OnceLock<Vec<u64>>, list: &[&str]) -> &'static [u64] {
    cell.get_or_init(|| {
        let mut v: Vec<u64> = list.iter().map(|w| pack_lower(w.as_bytes()).expect("a short ASCII word")).collect();
        v.sort_unstable();
        v
    })
}

/// Whether the word packed as `k` ([`pack_lower`]) is in [`TITLES`]: asked at every period.
fn is_title(k: u64) -> bool {
    static S: OnceLock<Vec<u64>> = OnceLock::new();
    packed(&S, TITLES).binary_search(&k).is_ok()
}

/// Whether the word packed as `k` ([`pack_lower`]) is in [`ENDABLE`]: asked at nearly every
/// sentence end.
fn is_endable(k: u64) -> bool {
    static S: OnceLock<Vec<u64>> = OnceLock::new();
    packed(&S, ENDABLE).binary_search(&k).is_ok()
}

/// The word ending just before byte `dot` (letters and inner periods), lower-cased: as
/// written when it is ASCII (a word's length, chars and digits are those of its lower case;
/// the abbreviation lists are asked of its [`pack_lower`] key), else through [`Lower`].
fn word_before(text: &str, dot: usize) -> Lower<'_> {
    let head = &text[..dot];
    // ASCII words (nearly all) by bytes; a char beyond ASCII is read by the general scan.
    let b = head.as_bytes();
    let mut k = b.len();
    while k > 0 && (b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'.' || b[k - 1] == b'\'') {
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
    // The ellipses of the whole text, found in one search rather than one per segment.
    let ellipses: Vec<usize> = ellipsis_finder().find_iter(masked.as_bytes()).collect();
    let mut block = 0;
    let mut prev = 0;
    let mut cuts: Vec<usize> = breaks.iter().copied().filter(|&b| b <= masked.len()).collect();
    cuts.push(masked.len());
    for cut in cuts {
        if cut < prev {
            continue;
        }
        let before = out.len();
        let e = ellipses.partition_point(|&e| e < prev);
        split_segment(masked, prev..cut, block, &mut out, &ellipses[e..]);
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
    let ellipses: Vec<usize> = ellipsis_finder().find_iter(&masked.as_bytes()[seg.clone()]).map(|e| seg.start + e).collect();
    split_segment(masked, seg, block, &mut out, &ellipses);
    if out.len() == first {
        return None;
    }
    let moved = |s: &Sentence| Sentence { range: (s.range.start as isize + delta) as usize..(s.range.end as isize + delta) as usize, block: s.block };
    out.extend(old[last..].iter().map(moved));
    Some(out)
}

fn ellipsis_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("…"))
}

/// The byte offset of the next '.', '!', '?' or '…' at or after `from` in `bytes`, a segment
/// that starts at `base` in the text. `ellipses` are the text's '…'s from some earlier `from`
/// on (sorted), stepped past as they are passed: ellipses are searched for once per text, by
/// their rare last byte rather than stopping at every curly quote (which also start with E2).
fn next_terminal(bytes: &[u8], from: usize, ellipses: &mut &[usize], base: usize) -> Option<usize> {
    let hay = bytes.get(from..)?;
    while ellipses.first().is_some_and(|&e| e < base + from) {
        *ellipses = &ellipses[1..];
    }
    let stop = memchr::memchr3(b'.', b'!', b'?', hay).map(|p| from + p);
    let ellipsis = ellipses.first().map(|&e| e - base).filter(|&e| e + '…'.len_utf8() <= bytes.len());
    match (stop, ellipsis) {
        (Some(s), Some(e)) => Some(s.min(e)),
        (s, e) => s.or(e),
    }
}

fn push_trimmed(text: &str, range: Range<usize>, block: usize, out: &mut Vec<Sentence>) {
    let s = &text[range.clone()];
    // ASCII white space over bytes; a byte beyond ASCII at either edge (perhaps white space
    // such as U+00A0) is left to `trim_start`/`trim_end`.
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b' ' | 0x09..=0x0D);
    let mut lead = b.iter().position(|&c| !space(c)).unwrap_or(b.len());
    if lead < b.len() && b[lead] >= 0x80 {
        lead = s.len() - s.trim_start().len();
    }
    let mut trail = b.iter().rev().position(|&c| !space(c)).unwrap_or(b.len());
    if trail < b.len() && b[b.len() - 1 - trail] >= 0x80 {
        trail = s.len() - s.trim_end().len();
    }
    if lead + trail < s.len() {
        out.push(Sentence { range: range.start + lead..range.end - trail, block });
    }
}

/// Split the segment `seg` of `text`; `ellipses` are the offsets of the '…'s in `text` from the
/// segment's start on (sorted; any after the segment are not read).
fn split_segment(text: &str, seg: Range<usize>, block: usize, out: &mut Vec<Sentence>, ellipses: &[usize]) {
    let s = &text[seg.clone()];
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut pos = 0;
    // Jump from one terminal to the next over bytes ('…' is E2 80 A6; E2 is never inside a
    // char, so the search never stops mid-char) instead of decoding every char.
    let mut ellipses = ellipses;
    while let Some(i) = next_terminal(bytes, pos, &mut ellipses, seg.start) {
        let Some(c) = s[i..].chars().next() else { break };
        // Gather the run of terminal punctuation (?!, ..., ?”).
        let mut end = i + c.len_utf8();
        while let Some(d) = s[end..].chars().next() {
            if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        // A footnote or citation marker right after the period belongs to this sentence: "gave $5.[1]".
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
        // Must be followed by white space or the end of the segment.
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
                    let key = if short { pack_lower(w.as_bytes()) } else { None };
                    if key.is_some_and(is_title) || single_initial {
                        false
                    } else if key.is_some_and(is_endable) || (w.contains('.') && w.len() <= 6 && !w.starts_with(|c: char| c.is_ascii_digit())) {
                        // ("3.8bn." is a decimal amount, not an abbreviation like "U.S.")
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

//! A document's text as the analysis sees it: where the prose is, where its sentences are,
//! and how byte offsets map to lines and columns.
//!
//! Everything here works on byte offsets into the original text; nothing does I/O.

pub(crate) mod fasthash;
pub mod line_index;
pub(crate) mod lower;
pub mod prose;
pub mod sentences;
pub mod tokens;

pub use line_index::LineIndex;

/// Month names and their abbreviations, lower case: dates in figures, datelines and claim times.
pub(crate) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The (key, value) rows of one of the `data/*.tsv` tables: tab-separated, `#` comments and
/// blank lines skipped.
pub(crate) fn tsv_pairs(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| l.split_once('\t'))
}

/// White space runs collapsed to one space, ends trimmed ("George \n Soros" → "George Soros"):
/// `s.split_whitespace().collect::<Vec<_>>().join(" ")` in one string.
pub(crate) fn collapse_spaces(s: &str) -> String {
    // Most names and cues are ASCII words split by single spaces: already collapsed.
    // (Non-ASCII bytes take the slow path: they may be Unicode white space.)
    let mut after_space = true;
    let mut plain = true;
    for &c in s.as_bytes() {
        match c {
            b' ' if !after_space => after_space = true,
            b' ' | 0x09..=0x0D | 0x80.. => {
                plain = false;
                break;
            }
            _ => after_space = false,
        }
    }
    if plain && !after_space {
        return s.to_string();
    }
    // ASCII (a link's cue, its URL blanked to spaces): over bytes. Its white space is
    // exactly these bytes.
    if s.is_ascii() {
        let mut out = Vec::with_capacity(s.len());
        let mut gap = false;
        for &c in s.as_bytes() {
            if matches!(c, b' ' | 0x09..=0x0D) {
                gap = true;
            } else {
                if gap && !out.is_empty() {
                    out.push(b' ');
                }
                gap = false;
                out.push(c);
            }
        }
        return String::from_utf8(out).expect("ASCII");
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// How many leading and trailing bytes two versions of a text share (the trailing ones never
/// overlapping the leading ones): what lies between is what an edit changed. Both ends are
/// char boundaries: "–" and "€" share their first byte, and an edit from one to the other
/// must not cut either. Compared a block at a time (memcmp), as it runs on every keystroke
/// over the whole document.
pub(crate) fn common_ends(x: &str, y: &str) -> (usize, usize) {
    let (mut pre, mut suf) = common_byte_ends(x.as_bytes(), y.as_bytes());
    // The shared bytes are the same in both, so a boundary in one is a boundary in the other.
    while !x.is_char_boundary(pre) {
        pre -= 1;
    }
    while !x.is_char_boundary(x.len() - suf) {
        suf -= 1;
    }
    (pre, suf)
}

fn common_byte_ends(x: &[u8], y: &[u8]) -> (usize, usize) {
    const BLOCK: usize = 64;
    let n = x.len().min(y.len());
    let mut pre = 0;
    while pre + BLOCK <= n && x[pre..pre + BLOCK] == y[pre..pre + BLOCK] {
        pre += BLOCK;
    }
    pre += x[pre..n].iter().zip(&y[pre..n]).take_while(|(p, q)| p == q).count();
    let room = n - pre;
    let mut suf = 0;
    while suf + BLOCK <= room && x[x.len() - suf - BLOCK..x.len() - suf] == y[y.len() - suf - BLOCK..y.len() - suf] {
        suf += BLOCK;
    }
    suf += x[..x.len() - suf].iter().rev().zip(y[..y.len() - suf].iter().rev()).take(room - suf).take_while(|(p, q)| p == q).count();
    (pre, suf)
}

#[cfg(test)]
mod tests {
    #[test]
    fn collapse_spaces_joins_words() {
        for s in ["", " ", "a", "George Soros", " George  Soros ", "George\n Soros", "Jos\u{e9}\u{a0}Mar\u{ed}a", "a\x0bb", "\u{85}x y\u{3000}", " [the FEC](      \n  ) x ", "a\x1cb\x1f c\x0c\r\td\x7f"] {
            assert_eq!(super::collapse_spaces(s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    #[test]
    fn common_ends_find_the_edit() {
        let long = "word ".repeat(60);
        for (x, y) in [("abc", "abc"), ("", "x"), ("aXc", "aYc"), ("aaaa", "aa"), ("abab", "ab"), ("xyz", "")] {
            let (x, y) = (format!("{long}{x}{long}"), format!("{long}{y}{long}"));
            let (p, s) = super::common_ends(&x, &y);
            let pre = x.bytes().zip(y.bytes()).take_while(|(a, b)| a == b).count();
            let room = x.len().min(y.len()) - pre;
            let suf = x.bytes().rev().zip(y.bytes().rev()).take(room).take_while(|(a, b)| a == b).count();
            assert_eq!((p, s), (pre, suf), "{x:?} / {y:?}");
        }
        // Characters that share leading or trailing bytes: the ends stay on char boundaries.
        for (x, y) in [("a – b", "a € b"), ("x€", "x–"), ("é", "è"), ("€€", "€")] {
            let (p, s) = super::common_ends(x, y);
            assert!(x.is_char_boundary(p) && y.is_char_boundary(p) && x.is_char_boundary(x.len() - s) && y.is_char_boundary(y.len() - s), "{x:?} / {y:?}: {p} {s}");
            assert_eq!(x[p..x.len() - s].is_empty(), x == y, "{x:?} / {y:?}");
        }
    }
}

pub use prose::{Format, Prose};
pub use sentences::Sentence;

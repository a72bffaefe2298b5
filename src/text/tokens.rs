//! A small tokenizer for the figure and attribution scanners: words, numbers and symbols with
//! their byte ranges and whether white space precedes them. Letters and digits always split
//! ("21st" is 21 + "st", "USD3" is "USD" + 3), so later rules see the parts.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner apostrophes ("don't", "Soros’s") and inner periods ("U.S").
    Word,
    /// Digits with grouping commas and a decimal point: "1,500.25".
    Number,
    /// Any other single character.
    Symbol,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Kind,
    pub range: Range<usize>,
    /// White space (or the start of the text) comes right before it.
    pub space_before: bool,
    /// What the tokenizer saw of a word's bytes on its way ([`flag`]), so that later stages
    /// test a bit rather than scan the word again; 0 for numbers and symbols.
    pub flags: u8,
    /// An ASCII word's first and last letters' places in the alphabet, whatever their case, as
    /// `first * 27 + last`: the key of the scanners' tables of word shapes, read without
    /// touching the text again. Meaningless for other tokens.
    pub shape: u16,
    /// Left to the figure scanner (0 from [`tokenize`]): what its gate found of the token, so
    /// that its readers test a bit rather than look the word up again. (It sits in the
    /// struct's padding: tokens are no larger for it.)
    pub scan: u8,
}

/// Bits of [`Token::flags`].
/// (`flag::CAP` is the tokenizer's class of capitals, [`UPPER`], so the first letter's class
/// gives it without a branch.)
pub mod flag {
    /// Only ASCII bytes.
    pub const ASCII: u8 = 1;
    /// ASCII with no capital: the word is its own lower case.
    pub const LOWER_CASE: u8 = 2;
    /// The first letter is an ASCII capital.
    pub const CAP: u8 = 4;
    /// An inner period or apostrophe ("U.S", "don't", "Soros’s"): the word is more than one
    /// run of letters.
    pub const INNER: u8 = 8;
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.range.clone()]
    }

    /// The token's bytes: [`Token::text`] without its checks of character boundaries, for
    /// comparisons with a literal (the scanners' many tests of symbols and short words).
    #[inline(always)]
    pub fn bytes<'a>(&self, src: &'a str) -> &'a [u8] {
        &src.as_bytes()[self.range.clone()]
    }

    /// Whether the word is its own lower case ([`flag::LOWER_CASE`]).
    pub fn is_lower_case(&self) -> bool {
        self.flags & flag::LOWER_CASE != 0
    }
}

/// The letters' places in the alphabet, whatever their case (0 for other bytes): for
/// [`Token::shape`].
pub const SLOT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8;
        t[b'A' as usize + c] = c as u8;
        c += 1;
    }
    t
};

/// Byte classes for the tokenizer's loops: one table lookup a byte.
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
const ALPHA: u8 = UPPER | LOWER;
const _: () = assert!(UPPER == flag::CAP);
/// Not a byte class: the tokenizer's mark, among a word's classes, of an inner period or
/// apostrophe.
const INNER_MARK: u8 = 16;
/// A byte that may go on with a word after its ASCII letters: '.', '\'' or a byte beyond
/// ASCII (a letter, or '’'). Any other byte ends the word with one test.
const CONT: u8 = 32;
/// Not a byte class: the tokenizer's mark, among a word's classes, of a byte beyond ASCII
/// (the space class never occurs in a word).
const HIGH_MARK: u8 = SPACE;

/// A word's flags but [`flag::CAP`] by what it saw ([`UPPER`], [`HIGH_MARK`], [`INNER_MARK`]):
/// one lookup, no branch.
const WORD_FLAGS: [u8; 32] = {
    let mut t = [0u8; 32];
    let mut seen = 0;
    while seen < 32 {
        let mut f = 0;
        if seen as u8 & HIGH_MARK == 0 {
            f |= flag::ASCII;
            if seen as u8 & UPPER == 0 {
                f |= flag::LOWER_CASE;
            }
        }
        if seen as u8 & INNER_MARK != 0 {
            f |= flag::INNER;
        }
        t[seen] = f;
        seen += 1;
    }
    t
};

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            SPACE
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_lowercase() {
            LOWER
        } else if b == b'.' || b == b'\'' || b >= 0x80 {
            CONT
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Tokenize `src[range]`; ranges in the tokens are offsets into `src`.
pub fn tokenize(src: &str, range: Range<usize>, out: &mut Vec<Token>) {
    tokenize_with(src, range, out, |_, _| 0)
}

/// [`tokenize`], asking `gate` of each token, as it is made and before it is pushed, for its
/// [`Token::scan`] bits (given its index in `out`): a caller that sorts every token (the figure
/// scanner's gate) does so while the token's shape and length are at hand, not in another
/// loop over the tokens. Inlined, so that each kind's call sees its kind.
#[inline(always)]
pub fn tokenize_with(src: &str, range: Range<usize>, out: &mut Vec<Token>, mut gate: impl FnMut(usize, &Token) -> u8) {
    out.clear();
    let s = &src[range.clone()];
    let b = s.as_bytes();
    let n = b.len();
    let base = range.start;
    let mut i = 0;
    let mut space = true;
    while i < n {
        let c = b[i];
        let class = CLASS[c as usize];
        let start = i;
        let kind;
        let mut flags = 0;
        let mut shape = 0;
        // An ASCII letter starts most tokens: a word, tested first.
        if class & ALPHA != 0 || (c >= 0x80 && is_letter_at(s, i)) {
            // The classes of the word's ASCII letters or'ed (capitals seen), with HIGH_MARK for
            // a byte beyond ASCII and INNER_MARK for an inner period or apostrophe.
            let mut seen;
            if c < 0x80 {
                seen = class;
                i += 1;
                // A run of ASCII letters, the bulk of every word. (Eight bytes at a time
                // was slower: most words are short.)
                while i < n {
                    let d = CLASS[b[i] as usize];
                    if d & ALPHA == 0 {
                        break;
                    }
                    seen |= d;
                    i += 1;
                }
                if i < n && CLASS[b[i] as usize] & CONT != 0 {
                    (i, seen) = word_rest(s, start, i, seen);
                }
            } else {
                (i, seen) = word_rest(s, start, i + utf8_len(c), HIGH_MARK);
            }
            // The capital bit of the first letter's class is flag::CAP.
            // (`seen` is below 32: the mask only spares the bounds check.)
            flags = WORD_FLAGS[(seen & 31) as usize] | (class & UPPER);
            shape = SLOT[c as usize] as u16 * 27 + SLOT[b[i - 1] as usize] as u16;
            kind = Kind::Word;
        } else if class & SPACE != 0 {
            space = true;
            i += 1;
            continue;
        } else if class & DIGIT != 0 {
            i += 1;
            while i < n {
                let d = b[i];
                if CLASS[d as usize] & DIGIT != 0
                    || ((d == b',' || d == b'.') && i + 1 < n && CLASS[b[i + 1] as usize] & DIGIT != 0)
                {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Number;
        } else {
            i += utf8_len(c);
            kind = Kind::Symbol;
        }
        let mut t = Token { kind, range: base + start..base + i, space_before: space, flags, shape, scan: 0 };
        t.scan = gate(out.len(), &t);
        out.push(t);
        // The one space after most tokens is stepped over here, not by another turn of the loop.
        space = i < n && b[i] == b' ';
        i += space as usize;
    }
}

/// The rest of a word from byte `i` (`s[start..i]` read, its classes `seen`), past an inner
/// period or apostrophe or a letter beyond ASCII: its end and classes. Out of the tokenizer's
/// loop, which most words leave at their first byte that is no ASCII letter.
#[inline(never)]
fn word_rest(s: &str, start: usize, mut i: usize, mut seen: u8) -> (usize, u8) {
    let b = s.as_bytes();
    let n = b.len();
    let mut seg_start = start;
    loop {
        while i < n && CLASS[b[i] as usize] & ALPHA != 0 {
            seen |= CLASS[b[i] as usize];
            i += 1;
        }
        if i >= n || CLASS[b[i] as usize] & CONT == 0 {
            break;
        }
        let d = b[i];
        if d >= 0x80 && is_letter_at(s, i) {
            seen |= HIGH_MARK;
            i += utf8_len(d);
        } else if d == b'.' && i - seg_start <= 2 && i + 1 < n && CLASS[b[i + 1] as usize] & ALPHA != 0 {
            // Inner periods of short segments: U.S, e.g, Ph.D (never a trailing period).
            i += 1;
            seg_start = i;
            seen |= INNER_MARK;
        } else if (d == b'\'' || (d == 0xE2 && s[i..].starts_with('’'))) && alphabetic_at(s, i + utf8_len(d)) {
            if d >= 0x80 {
                seen |= HIGH_MARK;
            }
            seen |= INNER_MARK;
            i += utf8_len(d);
        } else {
            break;
        }
    }
    (i, seen)
}

/// The length of the UTF-8 sequence that `lead` starts (the text is valid UTF-8 and the
/// tokenizer stays on character boundaries).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether the character at byte `i` (if any) is alphabetic.
fn alphabetic_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&c) if c < 0x80 => c.is_ascii_alphabetic(),
        Some(_) => s[i..].chars().next().map_or(false, char::is_alphabetic),
        None => false,
    }
}

fn is_letter_at(s: &str, i: usize) -> bool {
    // General punctuation (U+2000–U+203F: dashes, curly quotes, the ellipsis) is common in
    // prose and holds no letter: it is answered from its first two bytes, without a lookup.
    if s.as_bytes()[i] == 0xE2 && s.as_bytes().get(i + 1) == Some(&0x80) {
        return false;
    }
    s[i..].chars().next().map_or(false, |c| c.is_alphabetic() && !matches!(c, '元'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Kind, &str, bool)> {
        let mut v = Vec::new();
        tokenize(s, 0..s.len(), &mut v);
        v.iter().map(|t| (t.kind, t.text(s), t.space_before)).collect()
    }

    #[test]
    fn splits_letters_digits_symbols() {
        use Kind::*;
        assert_eq!(
            toks("$1,500.25 on 21st, USD3 Soros’s U.S. don't"),
            vec![
                (Symbol, "$", true),
                (Number, "1,500.25", false),
                (Word, "on", true),
                (Number, "21", true),
                (Word, "st", false),
                (Symbol, ",", false),
                (Word, "USD", true),
                (Number, "3", false),
                (Word, "Soros’s", true),
                (Word, "U.S", true),
                (Symbol, ".", false),
                (Word, "don't", true),
            ]
        );
    }

    /// The tokenizer as it was written first, byte by byte: the reference for the fast one.
    fn reference(src: &str) -> Vec<(Kind, std::ops::Range<usize>, bool, u8)> {
        fn char_len(s: &str, i: usize) -> usize {
            s[i..].chars().next().map_or(1, char::len_utf8)
        }
        fn letter(s: &str, i: usize) -> bool {
            s[i..].chars().next().map_or(false, |c| c.is_alphabetic() && !matches!(c, '元'))
        }
        let s = src;
        let b = s.as_bytes();
        let mut out = Vec::new();
        let (mut i, mut space) = (0, true);
        while i < b.len() {
            let c = b[i];
            if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' {
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            let kind;
            if c.is_ascii_digit() {
                i += 1;
                while i < b.len() {
                    if b[i].is_ascii_digit() || ((b[i] == b',' || b[i] == b'.') && i + 1 < b.len() && b[i + 1].is_ascii_digit()) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                kind = Kind::Number;
            } else if c.is_ascii_alphabetic() || (c >= 0x80 && letter(s, i)) {
                i += if c < 0x80 { 1 } else { char_len(s, i) };
                let mut seg_start = start;
                while i < b.len() {
                    if b[i].is_ascii_alphabetic() {
                        i += 1;
                    } else if b[i] >= 0x80 && letter(s, i) {
                        i += char_len(s, i);
                    } else if b[i] == b'.' && i - seg_start <= 2 && b.get(i + 1).map_or(false, u8::is_ascii_alphabetic) {
                        i += 1;
                        seg_start = i;
                    } else if (b[i] == b'\'' || (b[i] == 0xE2 && s[i..].starts_with('’')))
                        && s[i + char_len(s, i)..].chars().next().map_or(false, char::is_alphabetic)
                    {
                        i += char_len(s, i);
                    } else {
                        break;
                    }
                }
                kind = Kind::Word;
            } else {
                i += if c < 0x80 { 1 } else { char_len(s, i) };
                kind = Kind::Symbol;
            }
            let text = &s[start..i];
            let mut flags = 0;
            if kind == Kind::Word {
                if text.is_ascii() {
                    flags |= flag::ASCII;
                    if !text.bytes().any(|c| c.is_ascii_uppercase()) {
                        flags |= flag::LOWER_CASE;
                    }
                }
                if text.as_bytes()[0].is_ascii_uppercase() {
                    flags |= flag::CAP;
                }
                if text.contains(['.', '\'', '’']) {
                    flags |= flag::INNER;
                }
            }
            out.push((kind, start..i, space, flags));
            space = false;
        }
        out
    }

    /// The fast tokenizer agrees with the reference on random text of letters, digits,
    /// punctuation and non-ASCII characters.
    #[test]
    fn agrees_with_the_reference() {
        let alphabet: Vec<char> = "aAbBzZyYmMqQ@[`{0159 .,'’éÉß元“—-$İ\u{212A}\nx\tKk.ĀŻ".chars().collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut v = Vec::new();
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            // Long words often: the fast path reads eight letters at a time.
            let s: String = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 { alphabet[(r / 3 % 8) as usize] } else { alphabet[(r / 3 % alphabet.len() as u64) as usize] }
                })
                .collect();
            tokenize(&s, 0..s.len(), &mut v);
            let got: Vec<_> = v.iter().map(|t| (t.kind, t.range.clone(), t.space_before, t.flags)).collect();
            assert_eq!(got, reference(&s), "{s:?}");
            for t in v.iter().filter(|t| t.flags & flag::ASCII != 0) {
                let w = t.text(&s).as_bytes();
                let want = SLOT[w[0] as usize] as u16 * 27 + SLOT[w[w.len() - 1] as usize] as u16;
                assert_eq!(t.shape, want, "{s:?}");
            }
        }
    }

    /// The shortcut of `is_letter_at`: no general punctuation is alphabetic.
    #[test]
    fn general_punctuation_has_no_letters() {
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn word_flags() {
        let s = "the Don't U.S café don't";
        let mut v = Vec::new();
        tokenize(s, 0..s.len(), &mut v);
        let f: Vec<u8> = v.iter().map(|t| t.flags).collect();
        assert_eq!(f, vec![flag::ASCII | flag::LOWER_CASE, flag::ASCII | flag::CAP | flag::INNER, flag::ASCII | flag::CAP | flag::INNER, 0, flag::ASCII | flag::LOWER_CASE | flag::INNER]);
    }

    #[test]
    fn trailing_period_and_comma_are_symbols() {
        let t = toks("paid 5. Then 1,000, 2");
        assert_eq!(t[1].1, "5");
        assert_eq!(t[2].1, ".");
        assert_eq!(t[4].1, "1,000");
        assert_eq!(t[5].1, ",");
    }
}

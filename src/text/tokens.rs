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
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.range.clone()]
    }
}

/// Tokenize `src[range]`; ranges in the tokens are offsets into `src`.
pub fn tokenize(src: &str, range: Range<usize>, out: &mut Vec<Token>) {
    out.clear();
    let s = &src[range.clone()];
    let b = s.as_bytes();
    let mut i = 0;
    let mut space = true;
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
                if b[i].is_ascii_digit() {
                    i += 1;
                } else if (b[i] == b',' || b[i] == b'.') && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Number;
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && is_letter_at(s, i)) {
            // An ASCII letter is one byte: no char is decoded for it.
            i += if c < 0x80 { 1 } else { char_len(s, i) };
            let mut seg_start = start;
            while i < b.len() {
                if b[i].is_ascii_alphabetic() {
                    i += 1;
                } else if b[i] >= 0x80 && is_letter_at(s, i) {
                    i += char_len(s, i);
                } else if b[i] == b'.' && i - seg_start <= 2 && b.get(i + 1).map_or(false, u8::is_ascii_alphabetic) {
                    // Inner periods of short segments: U.S, e.g, Ph.D (never a trailing period).
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
        out.push(Token { kind, range: range.start + start..range.start + i, space_before: space });
        space = false;
    }
}

fn char_len(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

fn is_letter_at(s: &str, i: usize) -> bool {
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

    #[test]
    fn trailing_period_and_comma_are_symbols() {
        let t = toks("paid 5. Then 1,000, 2");
        assert_eq!(t[1].1, "5");
        assert_eq!(t[2].1, ".");
        assert_eq!(t[4].1, "1,000");
        assert_eq!(t[5].1, ",");
    }
}

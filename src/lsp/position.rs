//! Byte offsets ⇄ LSP positions in the negotiated encoding. This is the only place in
//! crosscheck that knows what an LSP `Position` counts.
//!
//! Lines end at `\n`, `\r\n` or `\r` (LSP's rule, and the core's `LineIndex`'s). Positions past
//! the end of a line clamp to the line's end, lines past the end of the text clamp to the end of
//! the text, and a column inside a character (the second half of a UTF-16 surrogate pair, a byte
//! inside a UTF-8 sequence) snaps back to the character's start.

use crate::text::LineIndex;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind};

/// What a `Position::character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// utf-8 when the client offers it (no conversion at all), else utf-32 when offered (one
    /// unit per character), else utf-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// The LSP position of byte `offset` in `text` (clamped to the text and floored to a character).
pub fn to_position(text: &str, lines: &LineIndex, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_of(offset);
    let start = lines.line_start(line).min(offset);
    let col = match enc {
        Encoding::Utf8 => offset - start,
        Encoding::Utf16 => utf16_len(&text.as_bytes()[start..offset]),
        Encoding::Utf32 => text[start..offset].chars().count(),
    };
    Position::new(line as u32, col as u32)
}

/// UTF-16 code units of UTF-8 bytes that are whole characters: one per character (every byte
/// but a continuation byte starts one), two for those of four bytes. Eight bytes at a time: a
/// diagnostic's column on a long paragraph line was a tenth of publishing a document.
fn utf16_len(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // Per byte, in its lowest bit: a continuation byte (10xxxxxx), a four-byte lead (11110xxx).
        let continuation = (x >> 7) & !(x >> 6) & LOW;
        let four = (x >> 7) & (x >> 6) & (x >> 5) & (x >> 4) & LOW;
        n += 8 - continuation.count_ones() as usize + four.count_ones() as usize;
    }
    n + chunks.remainder().iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum::<usize>()
}

/// The byte offset of an LSP position in `text`, clamped as the module explains.
pub fn to_offset(text: &str, lines: &LineIndex, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let range = lines.line_range(text, line);
    let want = pos.character as usize;
    let mut units = 0;
    for (i, c) in text[range.clone()].char_indices() {
        let next = units + enc.units(c);
        if next > want {
            return range.start + i;
        }
        units = next;
    }
    range.end
}

/// The char index (ropey's unit) of an LSP position in a rope, clamped the same way.
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
        if len > 0 && slice.char(len - 1) == '\r' {
            len -= 1;
        }
    } else if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let want = pos.character as usize;
    match enc {
        Encoding::Utf32 => start + want.min(len),
        Encoding::Utf8 => {
            let line_byte = rope.line_to_byte(line);
            let end_byte = rope.char_to_byte(start + len);
            let b = (line_byte + want).min(end_byte);
            // byte_to_char gives the char that holds the byte: a byte inside a character snaps back.
            rope.byte_to_char(b)
        }
        Encoding::Utf16 => {
            let s16 = rope.char_to_utf16_cu(start);
            let e16 = rope.char_to_utf16_cu(start + len);
            let t = s16 + want;
            if t >= e16 {
                return start + len;
            }
            let c = rope.utf16_cu_to_char(t);
            // Inside a surrogate pair ropey may round either way; snap to the pair's start.
            if rope.char_to_utf16_cu(c) > t {
                c - 1
            } else {
                c
            }
        }
    }
}

/// A rope position as a byte offset (for tests and for callers that hold a rope).
pub fn rope_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    rope.char_to_byte(rope_char(rope, pos, enc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, offset: usize, enc: Encoding, expect: (u32, u32)) {
        let lines = LineIndex::new(text);
        let p = to_position(text, &lines, offset, enc);
        assert_eq!((p.line, p.character), expect, "offset {offset} in {enc:?}");
        assert_eq!(to_offset(text, &lines, p, enc), offset, "back from {p:?} in {enc:?}");
        let rope = Rope::from_str(text);
        assert_eq!(rope_offset(&rope, p, enc), offset, "rope from {p:?} in {enc:?}");
    }

    #[test]
    fn utf16_len_counts_as_char_len_utf16_does() {
        let t = "ascii “curly” — é 東京 😀🎉 ß\u{10FFFF}\u{7FF}\u{800}\u{FFFF}\u{10000} end";
        for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
            assert_eq!(utf16_len(t[..i].as_bytes()), t[..i].chars().map(char::len_utf16).sum::<usize>(), "prefix of {i} bytes");
        }
    }

    #[test]
    fn emoji_is_a_surrogate_pair_in_utf16() {
        let t = "a😀b $5";
        let b = t.find('b').unwrap();
        both(t, b, Encoding::Utf16, (0, 3));
        both(t, b, Encoding::Utf8, (0, 5));
        both(t, b, Encoding::Utf32, (0, 2));
        // The second half of the pair snaps back to the emoji's start, in both readers.
        let lines = LineIndex::new(t);
        assert_eq!(to_offset(t, &lines, Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(rope_offset(&Rope::from_str(t), Position::new(0, 2), Encoding::Utf16), 1);
        // Inside the emoji's UTF-8 bytes too.
        assert_eq!(to_offset(t, &lines, Position::new(0, 3), Encoding::Utf8), 1);
        assert_eq!(rope_offset(&Rope::from_str(t), Position::new(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn cjk_curly_quotes_and_em_dash() {
        let t = "“市政府”—said $3\n東京 €10";
        let d = t.find('$').unwrap();
        both(t, d, Encoding::Utf16, (0, 11));
        both(t, d, Encoding::Utf32, (0, 11));
        both(t, d, Encoding::Utf8, (0, d as u32));
        let e = t.find('€').unwrap();
        both(t, e, Encoding::Utf16, (1, 3));
        both(t, e, Encoding::Utf8, (1, 7));
        both(t, t.len(), Encoding::Utf16, (1, 6));
    }

    #[test]
    fn line_breaks_are_lsps() {
        let t = "a\r\nb\rc\nd\u{2028}e";
        both(t, 3, Encoding::Utf16, (1, 0));
        both(t, 5, Encoding::Utf16, (2, 0));
        both(t, 7, Encoding::Utf16, (3, 0));
        // U+2028 is not a line break for LSP.
        both(t, t.len() - 1, Encoding::Utf16, (3, 2));
        assert_eq!(Rope::from_str(t).len_lines(), 4);
    }

    #[test]
    fn out_of_range_clamps() {
        let t = "ab\r\ncd";
        let lines = LineIndex::new(t);
        let rope = Rope::from_str(t);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(to_offset(t, &lines, Position::new(0, 99), enc), 2, "{enc:?}");
            assert_eq!(rope_offset(&rope, Position::new(0, 99), enc), 2, "{enc:?}");
            assert_eq!(to_offset(t, &lines, Position::new(9, 0), enc), t.len());
            assert_eq!(rope_offset(&rope, Position::new(9, 0), enc), t.len());
        }
        assert_eq!(to_position(t, &lines, 999, Encoding::Utf16), Position::new(1, 2));
        // An offset inside a character floors to it.
        let t = "é";
        assert_eq!(to_position(t, &LineIndex::new(t), 1, Encoding::Utf8), Position::new(0, 0));
    }

    #[test]
    fn negotiation() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16, K::UTF8, K::UTF32])), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF32, K::UTF16])), Encoding::Utf32);
    }
}

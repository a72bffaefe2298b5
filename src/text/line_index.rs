//! Byte offset ⇄ line and column. Lines end at `\n`, `\r\n` or `\r` (as LSP counts them);
//! columns here count Unicode scalar values, the CLI's contract. The language server converts
//! to its negotiated encoding itself.

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // memchr finds the breaks many bytes at a time; a byte loop cost 8 instructions a byte.
        let mut i = 0;
        while let Some(p) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let mut end = i + p;
            if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                end += 1;
            }
            starts.push(end + 1);
            i = end + 1;
        }
        LineIndex { starts, len: text.len() }
    }

    /// Line and column of many offsets, counting columns on from the previous offset when it
    /// is on the same line and not after this one: mentions come in order, and counting from
    /// the line start each time is quadratic on a long one-paragraph line.
    pub fn columns<'a>(&'a self, text: &'a str) -> Columns<'a> {
        Columns { index: self, text, last: None, line_end: 0 }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset where 0-based `line` starts (clamped).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        start..end
    }

    /// 0-based line and 0-based column counted in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        (line, text[start..offset].chars().count())
    }
}

/// See [`LineIndex::columns`].
pub struct Columns<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// (line, offset, column) of the previous answer, and where the line after it starts (the
    /// text's length on the last line): one comparison each way says an offset is on it.
    last: Option<(usize, usize, usize)>,
    line_end: usize,
}

impl Columns<'_> {
    /// Same answer as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // Offsets come in order and close together (a mention's end, then the next one's
        // start): on the previous answer's line and after it, the columns are counted on.
        if let Some((l, o, c)) = self.last {
            if o <= offset && offset < self.line_end {
                let col = c + chars_in(&text.as_bytes()[o..offset]);
                self.last = Some((l, offset, col));
                return (l, col);
            }
        }
        let starts = &self.index.starts;
        // Later in the text, the line is most often one of the next few: looked for there
        // before the whole index is searched.
        let line = match self.last {
            Some((l, o, _)) if o <= offset => {
                let near = &starts[l + 1..starts.len().min(l + 9)];
                match near.iter().position(|&s| s > offset) {
                    Some(k) => l + k,
                    None => self.index.line_of(offset),
                }
            }
            _ => self.index.line_of(offset),
        };
        let start = self.index.line_start(line).min(offset);
        let col = match self.last {
            // Back a little on the same line (a nested mention starts inside the one before).
            Some((l, o, c)) if l == line && start <= offset && offset < o => c - chars_in(&text.as_bytes()[offset..o]),
            _ => chars_in(&text.as_bytes()[start..offset]),
        };
        self.last = Some((line, offset, col));
        self.line_end = starts.get(line + 1).map_or(usize::MAX, |&next| next);
        (line, col)
    }
}

/// The Unicode scalar values in `s`, whole characters of a `str`: its length less the bytes
/// that continue a character (`10xxxxxx`). Read eight bytes at a time, and the continuation
/// bytes counted only in a word that has a byte beyond ASCII: the span between two mentions
/// is mostly ASCII, and counting is what took a line's columns most of their time.
fn chars_in(s: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each continuation byte: bit 7 set, bit 6 (shifted up under it) clear.
    let continuing = |w: u64| ((w & !(w << 1) & HIGH) >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56;
    let mut words = s.chunks_exact(8);
    let mut cont = 0;
    for c in &mut words {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        if w & HIGH != 0 {
            cont += continuing(w) as usize;
        }
    }
    cont += words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    s.len() - cont
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_in_counts_chars() {
        for t in ["", "abc", "abcdefgh", "abcdefghi", "“é”x", "José Álvarez paid €5 million — “twice”", "ſK€𝄞 plain ascii after them", "a long line of plain ASCII words, then “curly quotes” and José Álvarez, then more ASCII to pass 32 bytes"] {
            assert_eq!(chars_in(t.as_bytes()), t.chars().count(), "{t:?}");
        }
    }

    #[test]
    fn lines_and_columns() {
        let t = "ab\r\ncd\ref\n“é”x";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_count(), 4);
        assert_eq!(ix.line_col(t, 0), (0, 0));
        assert_eq!(ix.line_col(t, 4), (1, 0));
        assert_eq!(ix.line_col(t, 7), (2, 0));
        let x = t.find('x').unwrap();
        assert_eq!(ix.line_col(t, x), (3, 3));
        assert_eq!(ix.line_range(t, 0), 0..2);
        // Offsets inside a multi-byte character and past the end clamp.
        assert_eq!(ix.line_col(t, 11), (3, 0));
        assert_eq!(ix.line_col(t, 999), (3, 4));
        // Columns counted on from the previous offset agree, in any order.
        let mut cols = ix.columns(t);
        for o in [0, 1, 4, 12, 11, 14, 13, 2, 999, 7, 8] {
            assert_eq!(cols.line_col(o), ix.line_col(t, o), "offset {o}");
        }
        // Many lines: the next few looked at first, then the whole index.
        let t = "a\n".repeat(30) + "“é” end";
        let ix = LineIndex::new(&t);
        let mut cols = ix.columns(&t);
        for o in [0, 1, 2, 5, 6, 14, 15, 16, 40, 41, 59, 60, 64, 62, 3, 58, 61, 999] {
            assert_eq!(cols.line_col(o), ix.line_col(&t, o), "offset {o}");
        }
    }
}

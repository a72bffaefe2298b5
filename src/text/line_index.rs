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
        Columns { index: self, text, last: None }
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
    /// (line, offset, column) of the previous answer.
    last: Option<(usize, usize, usize)>,
}

impl Columns<'_> {
    /// Same answer as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // Offsets come close together: the previous answer's line, when it holds this offset,
        // spares the binary search.
        let starts = &self.index.starts;
        let line = match self.last {
            Some((l, _, _)) if starts[l] <= offset && starts.get(l + 1).map_or(true, |&next| offset < next) => l,
            _ => self.index.line_of(offset),
        };
        let start = self.index.line_start(line).min(offset);
        let col = match self.last {
            Some((l, o, c)) if l == line && start <= o && o <= offset => c + chars_in(&text[o..offset]),
            // Back a little on the same line (a nested mention starts inside the one before).
            Some((l, o, c)) if l == line && start <= offset && offset < o => c - chars_in(&text[offset..o]),
            _ => chars_in(&text[start..offset]),
        };
        self.last = Some((line, offset, col));
        (line, col)
    }
}

/// The Unicode scalar values in `s`: its length when it is ASCII, as the span between two
/// mentions mostly is (the test reads a word at a time and stops at the first other byte;
/// counting looks at every byte).
fn chars_in(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

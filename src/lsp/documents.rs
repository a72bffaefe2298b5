//! Open documents: their text in a rope, their version, and the edits the client sends.
//!
//! An open document's text wins over the disk. Edits are applied here, synchronously, before
//! any `.await` in the notification handlers, so the order the client sent them in is the order
//! they are applied in.

use super::position::{rope_char, Encoding};
use crate::text::Format;
use ropey::Rope;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    /// The version the worker last analysed (None until it has).
    pub analysed: Option<i32>,
}

/// Why a change was not applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeError {
    NotOpen,
    /// The change's version is not newer than the document's.
    Stale { have: i32, got: i32 },
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::NotOpen => f.write_str("change to a document that is not open; ignored"),
            ChangeError::Stale { have, got } => write!(f, "change for version {got} arrived after version {have}; ignored (the client should resend the document)"),
        }
    }
}

impl Document {
    pub fn new(uri: Uri, text: &str, version: i32, format: Format) -> Document {
        Document { uri, rope: Rope::from_str(text), version, format, analysed: None }
    }

    /// Apply one change: a range replacement (incremental sync) or the whole text (full sync).
    pub fn apply_change(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            Some(r) => {
                let a = rope_char(&self.rope, r.start, enc);
                let b = rope_char(&self.rope, r.end, enc);
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                self.rope.remove(a..b);
                self.rope.insert(a, &change.text);
            }
            None => self.rope = Rope::from_str(&change.text),
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// Open documents by key (see `workspace::key_of`).
#[derive(Debug, Default)]
pub struct Documents {
    pub open: HashMap<String, Document>,
}

impl Documents {
    /// Apply a didChange: every change in order, then the new version. A change whose version is
    /// not newer than the document's is refused whole, so a late or replayed notification can
    /// never corrupt the text.
    pub fn change(&mut self, key: &str, version: i32, changes: &[TextDocumentContentChangeEvent], enc: Encoding) -> Result<(), ChangeError> {
        let doc = self.open.get_mut(key).ok_or(ChangeError::NotOpen)?;
        if version <= doc.version {
            return Err(ChangeError::Stale { have: doc.version, got: version });
        }
        for c in changes {
            doc.apply_change(c, enc);
        }
        doc.version = version;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent { range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))), range_length: None, text: text.into() }
    }

    fn docs(text: &str) -> Documents {
        let mut d = Documents::default();
        d.open.insert("k".into(), Document::new("file:///k.md".parse().unwrap(), text, 1, Format::Markdown));
        d
    }

    #[test]
    fn incremental_edits_in_utf16_with_emoji_and_cjk() {
        let mut d = docs("“Hi” 😀 gave $5.\n市 paid €3.\n");
        // Replace "$5" (after 😀, a surrogate pair, so utf-16 columns 13..15) with "$6".
        d.change("k", 2, &[edit(0, 13, 0, 15, "$6")], Encoding::Utf16).unwrap();
        assert_eq!(d.open["k"].text(), "“Hi” 😀 gave $6.\n市 paid €3.\n");
        // Two edits in one notification apply in order; the second sees the first's result.
        d.change("k", 3, &[edit(1, 0, 1, 1, "東京"), edit(1, 0, 1, 2, "X")], Encoding::Utf16).unwrap();
        assert_eq!(d.open["k"].text(), "“Hi” 😀 gave $6.\nX paid €3.\n");
        // Same edit in utf-8 columns: "€" is 3 bytes.
        d.change("k", 4, &[edit(1, 7, 1, 10, "£")], Encoding::Utf8).unwrap();
        assert_eq!(d.open["k"].text(), "“Hi” 😀 gave $6.\nX paid £3.\n");
        // Insert past the end of a line clamps to its end; a line past the end appends.
        d.change("k", 5, &[edit(0, 99, 0, 99, "!"), edit(40, 0, 40, 0, "end")], Encoding::Utf32).unwrap();
        assert_eq!(d.open["k"].text(), "“Hi” 😀 gave $6.!\nX paid £3.\nend");
        assert_eq!(d.open["k"].version, 5);
    }

    #[test]
    fn stale_and_unknown_changes_are_refused() {
        let mut d = docs("abc");
        assert_eq!(d.change("k", 1, &[edit(0, 0, 0, 1, "")], Encoding::Utf16), Err(ChangeError::Stale { have: 1, got: 1 }));
        assert_eq!(d.change("nope", 9, &[], Encoding::Utf16), Err(ChangeError::NotOpen));
        assert_eq!(d.open["k"].text(), "abc");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new\r\ntext".into() };
        d.change("k", 7, &[full, edit(1, 0, 1, 4, "line")], Encoding::Utf16).unwrap();
        assert_eq!(d.open["k"].text(), "new\r\nline");
    }

    #[test]
    fn edits_between_cr_and_lf_and_reversed_ranges() {
        let mut d = docs("a\r\nb");
        d.change("k", 2, &[edit(1, 0, 0, 1, "")], Encoding::Utf16).unwrap();
        assert_eq!(d.open["k"].text(), "ab");
    }
}

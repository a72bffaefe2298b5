//! Which bytes of a document are prose.
//!
//! The result is a *masked* copy of the text with exactly the same byte offsets: prose is kept,
//! everything else (code, URLs, link targets, HTML, front matter, Markdown syntax) becomes
//! spaces, while line breaks stay. Every later stage can then scan one flat string and still
//! report offsets into the original file, with no offset maps to keep in step.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// How a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// By file extension: `.md`, `.markdown`, `.mdx` and friends are Markdown, the rest plain text.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if [".md", ".markdown", ".mdown", ".mkd", ".mdx"].iter().any(|e| lower.ends_with(e)) {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// A `<!-- crosscheck: ... -->` comment found outside code.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// The whole comment.
    pub range: Range<usize>,
    /// What follows `crosscheck:`, trimmed.
    pub body: String,
}

/// What evidence of a source the markup itself carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationKind {
    /// A Markdown link or a bare URL.
    Link,
    /// A footnote reference (`[^note]`) or a citation marker (`[1]`).
    Footnote,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub kind: CitationKind,
    pub range: Range<usize>,
}

/// The prose of one document.
#[derive(Debug, Clone)]
pub struct Prose {
    /// Same length as the text; non-prose bytes are b' ' (line breaks are kept).
    pub masked: String,
    /// Offsets no sentence may cross: starts and ends of blocks (paragraphs, headings, list items).
    pub breaks: Vec<usize>,
    /// Heading byte ranges (units of their own, never sources of claims about a paragraph).
    pub headings: Vec<Range<usize>>,
    /// Links, URLs, footnote references and citation markers.
    pub citations: Vec<Citation>,
    /// `<!-- crosscheck: … -->` comments.
    pub directives: Vec<Directive>,
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)(?-u:\b)(?:https?://|ftp://|www\.)[^\s<>()\[\]{}]+[^\s<>()\[\]{}.,;:!?'\x22’”]").unwrap())
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?s)<!--(.*?)-->").unwrap())
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // [1], [12], [1, 2], [1-3], [^note] — citation markers written by hand.
    RE.get_or_init(|| Regex::new(r"\[(?:\^[^\]\s]+|\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]").unwrap())
}

/// Blank out `range` (whole chars) in `masked`, keeping line breaks: a space for each other
/// byte, so that offsets stay.
fn blank(masked: &mut String, range: Range<usize>) {
    let spaces: String = masked.as_bytes()[range.clone()].iter().map(|&b| if b == b'\n' || b == b'\r' { b as char } else { ' ' }).collect();
    masked.replace_range(range, &spaces);
}

impl Prose {
    /// Whether `r` lies inside a heading. Headings are sorted and apart, so one binary search
    /// finds the only candidate (called per sentence and paragraph: a scan would be quadratic
    /// on a long document with many headings).
    pub fn in_heading(&self, r: &std::ops::Range<usize>) -> bool {
        let k = self.headings.partition_point(|h| h.start <= r.start);
        k > 0 && r.end <= self.headings[k - 1].end
    }

    pub fn new(text: &str, format: Format) -> Prose {
        let mut prose = match format {
            Format::Markdown => markdown(text),
            Format::Plain => plain(text),
        };
        prose.finish(text);
        prose
    }

    /// The prose of Markdown `new`, made from this prose of `old` when `new` is `old` with
    /// `old[at..old_end]` replaced by `new[at..new_end]` and that edit cannot change how the
    /// document parses: letters, digits and spaces typed or deleted inside a line's words, the
    /// words it touches all letters and digits, text before and after it on its line, all of it
    /// prose. No Markdown syntax (emphasis, code, links, list markers, indentation, hard breaks,
    /// headings' closing marks) and no bare URL (it needs a '.' or ':') can begin or end there,
    /// so the masked text changes by the same bytes and every offset after the edit moves by
    /// its length. None when that cannot be shown: the caller parses again.
    pub fn spliced(&self, old: &str, new: &str, at: usize, old_end: usize, new_end: usize) -> Option<Prose> {
        let (ob, nb) = (old.as_bytes(), new.as_bytes());
        let word = |c: u8| c.is_ascii_alphanumeric();
        let (removed, inserted) = (ob.get(at..old_end)?, nb.get(at..new_end)?);
        if removed.is_empty() && inserted.is_empty() || !removed.iter().chain(inserted).all(|&c| word(c) || c == b' ') {
            return None;
        }
        // The words either side, whole: letters and digits only.
        let mut from = at;
        while from > 0 && !ob[from - 1].is_ascii_whitespace() {
            if !word(ob[from - 1]) {
                return None;
            }
            from -= 1;
        }
        let mut to = old_end;
        while to < ob.len() && !ob[to].is_ascii_whitespace() {
            if !word(ob[to]) {
                return None;
            }
            to += 1;
        }
        // Text on the line before and after: never at a line's start (indentation, list and
        // heading marks) or end (hard breaks, closing marks).
        let line_start = memchr::memrchr(b'\n', &ob[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &ob[old_end..]).map_or(ob.len(), |i| old_end + i);
        if !ob[line_start..at].iter().copied().any(word) || !ob[old_end..line_end].iter().copied().any(word) {
            return None;
        }
        // All of it prose as the parser left it.
        if self.masked.as_bytes().get(from..to)? != &ob[from..to] {
            return None;
        }
        let delta = new_end as isize - old_end as isize;
        let moved = |o: usize| -> Option<usize> {
            if o < at {
                Some(o)
            } else if o > old_end {
                Some((o as isize + delta) as usize)
            } else {
                None
            }
        };
        let range = |r: &Range<usize>| Some(moved(r.start)?..moved(r.end)?);
        let mut masked = String::with_capacity(new.len());
        masked.push_str(&self.masked[..at]);
        masked.push_str(&new[at..new_end]);
        masked.push_str(&self.masked[old_end..]);
        Some(Prose {
            masked,
            breaks: self.breaks.iter().map(|&o| moved(o)).collect::<Option<_>>()?,
            headings: self.headings.iter().map(range).collect::<Option<_>>()?,
            citations: self.citations.iter().map(|c| Some(Citation { kind: c.kind, range: range(&c.range)? })).collect::<Option<_>>()?,
            directives: self.directives.iter().map(|d| Some(Directive { range: range(&d.range)?, body: d.body.clone() })).collect::<Option<_>>()?,
        })
    }

    /// Steps shared by both formats: bare URLs, directives, hand-written citation markers.
    fn finish(&mut self, text: &str) {
        // Bare URLs inside prose: never figures, but a link all the same.
        let mut urls = Vec::new();
        for m in url_re().find_iter(&self.masked) {
            urls.push(m.range());
        }
        // A URL match is whole chars with no white space in it: blanked in place as a string,
        // without checking the whole text's UTF-8 again.
        for r in urls {
            self.masked.replace_range(r.clone(), &" ".repeat(r.len()));
            self.citations.push(Citation { kind: CitationKind::Link, range: r });
        }
        // Citation markers typed as text ([1], [^2]) in plain text, or unresolved in Markdown.
        for m in marker_re().find_iter(&self.masked) {
            self.citations.push(Citation { kind: CitationKind::Footnote, range: m.range() });
        }
        self.citations.sort_by_key(|c| c.range.start);
        self.citations.dedup_by(|a, b| a.range == b.range);
        // The breaks come as a few sorted runs (block starts, then block ends): the stable
        // sort finds the runs and merges them, where the unstable one sorts from scratch.
        self.breaks.sort();
        self.breaks.dedup();
        let _ = text;
    }
}

fn directive_of(text: &str, range: Range<usize>) -> Option<Directive> {
    let inner = text[range.clone()].trim_start_matches("<!--").trim_end_matches("-->").trim();
    let body = inner.strip_prefix("crosscheck:")?.trim().to_string();
    Some(Directive { range, body })
}

/// (Not inlined: `Prose::new` holds the Markdown parse's event loop, whose inlining this
/// function's size would otherwise decide.)
#[inline(never)]
fn plain(text: &str) -> Prose {
    // Copied as a string and blanked in place (comments are whole chars): bytes made a string
    // again were checked for UTF-8 once more, a pass over the whole text.
    let mut masked = text.to_string();
    let mut directives = Vec::new();
    for m in comment_re().find_iter(text) {
        if let Some(d) = directive_of(text, m.range()) {
            directives.push(d);
        }
        blank(&mut masked, m.range());
    }
    // A byte-order mark is not prose.
    if text.starts_with('\u{feff}') {
        blank(&mut masked, 0..3);
    }
    let breaks = plain_breaks(&masked);
    Prose { masked, breaks, headings: Vec::new(), citations: Vec::new(), directives }
}

/// Where plain text breaks into units. Copy pasted from the web puts one paragraph on a line, so
/// every line break ends a unit; text hard-wrapped at a fixed width instead keeps a paragraph
/// across lines, and only blank lines, short lines (titles, bylines) and list items end a unit.
fn plain_breaks(masked: &str) -> Vec<usize> {
    let mut lines: Vec<(usize, usize)> = Vec::new(); // (start, end without break)
    let mut start = 0;
    let b = masked.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr2(b'\n', b'\r', &b[i..]) {
        let at = i + p;
        lines.push((start, at));
        let mut end = at;
        if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
            end += 1;
        }
        start = end + 1;
        i = end + 1;
    }
    lines.push((start, b.len()));

    let lens: Vec<usize> = lines.iter().map(|&(s, e)| masked[s..e].trim_end().chars().count()).collect();
    let non_blank: Vec<usize> = lens.iter().copied().filter(|&l| l > 0).collect();
    let max = non_blank.iter().copied().max().unwrap_or(0);
    // Hard-wrapped: several lines, none longer than a terminal, most of them near the longest.
    let wrapped = non_blank.len() >= 4
        && max <= 100
        && non_blank.iter().filter(|&&l| l * 10 >= max * 7).count() * 2 >= non_blank.len();

    let mut breaks = Vec::with_capacity(lines.len() * 2);
    for (n, &(s, e)) in lines.iter().enumerate() {
        let line = &masked[s..e];
        let trimmed = line.trim();
        let is_item = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("• ")
            || numbered(trimmed);
        let short = lens[n] * 10 < max * 6;
        let next_blank = lens.get(n + 1).map_or(true, |&l| l == 0);
        if !wrapped || lens[n] == 0 || is_item || next_blank {
            breaks.push(s);
            breaks.push(e);
        } else if short {
            breaks.push(e);
        }
    }
    breaks
}

/// Whether `line` opens with a number of one to three digits and ". " ("12. The board"): what
/// the text before its first ". " being such a number says, read from its first bytes rather
/// than by searching the whole line for ". ".
fn numbered(line: &str) -> bool {
    let digits = line.bytes().take(4).take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && line.as_bytes()[digits..].starts_with(b". ")
}

/// `text` with every byte outside `prose` (ranges, mostly in order) blank but line breaks.
///
/// Written once, front to back: the prose copied a range at a time, the rest (markup, code,
/// URLs: a small part of a document) blanked a byte at a time. Blanking a page of spaces and
/// restoring its line breaks first wrote every byte twice and searched the whole text.
fn mask(text: &str, mut prose: Vec<Range<usize>>) -> String {
    if !prose.windows(2).all(|w| w[0].start <= w[1].start) {
        prose.sort_by_key(|r| r.start);
    }
    let mut masked = String::with_capacity(text.len());
    let mut at = 0;
    for r in prose {
        let start = r.start.max(at);
        if r.end <= start {
            continue;
        }
        push_blank(&mut masked, &text.as_bytes()[at..start]);
        match text.get(start..r.end) {
            Some(p) => masked.push_str(p),
            // Never met (event ranges hold whole characters); blank rather than split one.
            None => push_blank(&mut masked, &text.as_bytes()[start..r.end]),
        }
        at = r.end;
    }
    push_blank(&mut masked, &text.as_bytes()[at..]);
    masked
}

/// Append `gap` blanked: a space for each byte but line breaks, which are kept. The bytes
/// written are ASCII whatever they replace, so the string stays UTF-8. Spaces go in runs
/// between the breaks, copied from a constant rather than pushed a char at a time.
fn push_blank(masked: &mut String, gap: &[u8]) {
    const SPACES: &str = "                                                                ";
    let mut rest = gap;
    loop {
        // Most gaps are a few bytes of markup; a long one (code, front matter) has its breaks
        // found by memchr.
        let run = if rest.len() < 32 { rest.iter().position(|&b| b == b'\n' || b == b'\r') } else { memchr::memchr2(b'\n', b'\r', rest) };
        let mut n = run.unwrap_or(rest.len());
        while n > 0 {
            let k = n.min(SPACES.len());
            masked.push_str(&SPACES[..k]);
            n -= k;
        }
        let Some(i) = run else { return };
        masked.push(rest[i] as char);
        rest = &rest[i + 1..];
    }
}

fn markdown(text: &str) -> Prose {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

    // The prose: the ranges of Text events outside code and metadata, in the order met.
    let mut prose_ranges: Vec<Range<usize>> = Vec::with_capacity(text.len() / 64 + 4);
    let mut breaks = Vec::new();
    let mut headings = Vec::new();
    let mut citations = Vec::new();
    let mut directives = Vec::new();
    // Depth counters for contexts whose text is not prose.
    let mut skip_depth = 0usize; // code blocks, metadata, images, autolinks
    let mut skip_stack: Vec<bool> = Vec::new();
    // Block ends, pushed as each block closes: sorted, like the starts in `breaks`, so the
    // two runs merge instead of sorting.
    let mut ends = Vec::new();
    let mut end_stack: Vec<Option<usize>> = Vec::new();

    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let skips = match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock => true,
                    Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
                    _ => false,
                };
                match &tag {
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::MetadataBlock(_)
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition => {
                        breaks.push(range.start);
                        end_stack.push(Some(range.end));
                    }
                    Tag::Link { .. } => {
                        citations.push(Citation { kind: CitationKind::Link, range: range.clone() });
                        end_stack.push(None);
                    }
                    _ => end_stack.push(None),
                }
                if let Tag::Heading { .. } = tag {
                    headings.push(range.clone());
                }
                skip_stack.push(skips);
                if skips {
                    skip_depth += 1;
                }
            }
            Event::End(tag) => {
                if let Some(true) = skip_stack.pop() {
                    skip_depth -= 1;
                }
                if let Some(Some(end)) = end_stack.pop() {
                    ends.push(end);
                }
                if let TagEnd::Item = tag {
                    ends.push(range.end);
                }
            }
            Event::Text(_) if skip_depth == 0 => prose_ranges.push(range),
            Event::FootnoteReference(_) => citations.push(Citation { kind: CitationKind::Footnote, range }),
            Event::Html(_) | Event::InlineHtml(_) => {
                for m in comment_re().find_iter(&text[range.clone()]) {
                    let r = range.start + m.start()..range.start + m.end();
                    if let Some(d) = directive_of(text, r) {
                        directives.push(d);
                    }
                }
            }
            _ => {}
        }
    }
    let masked = mask(text, prose_ranges);
    // A directive comment split across Html events is rare; catch whole ones in the source too.
    directives.sort_by_key(|d| d.range.start);
    directives.dedup_by(|a, b| a.range == b.range);
    breaks.append(&mut ends);
    Prose { masked, breaks, headings, citations, directives }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Markdown where a letter or space typed in the wrong place changes the parse: indented
    /// lines, list and heading marks, closing `#`s, emphasis, code, links, bare URLs, tables,
    /// hard breaks, setext headings, comments, footnotes, quotes, entities, numbered lines.
    pub(crate) const TRICKY: &str = "---\ntitle: x\n---\n# Budget 2024 #\n\nThe city spent $5 million on roads in 2023, the mayor said.\n   Three spaces in\nHard break  \nnext line *em* and **strong** and `code x` and _under_score.\n\nSetext title\n===\n\n- item one costs $4\n- item two\n1. first\n12 apples and 1) two\n\n> Quoted $3 million text.\n\n| a | b |\n|---|---|\n| c d | e |\n\nSee www.example.com/x and http://e.org now and [the big filing](https://e.com/f) here.[^1]\n\n[^1]: A note with words.\n\n<!-- crosscheck: sourced --> tail words &amp; more\n\n    code block $9\n\nEnd of the text with w ww www.e and x.\n";

    /// Every edit of a few kinds at every byte: where `spliced` says the parse cannot change,
    /// it gives exactly what parsing again gives.
    #[test]
    fn spliced_prose_is_the_prose_parsed_again() {
        let old = TRICKY;
        let before = Prose::new(old, Format::Markdown);
        let (mut some, mut none) = (0, 0);
        for at in 0..=old.len() {
            if !old.is_char_boundary(at) {
                continue;
            }
            let next = old[at..].chars().next().map_or(0, char::len_utf8);
            for (cut, ins) in [(0, "x"), (0, " "), (0, "ab "), (0, "  "), (0, "w"), (next, ""), (next, "Q"), (next, "  ")] {
                let mut new = old.to_string();
                new.replace_range(at..at + cut, ins);
                match before.spliced(old, &new, at, at + cut, at + ins.len()) {
                    Some(p) => {
                        let fresh = Prose::new(&new, Format::Markdown);
                        assert_eq!(format!("{p:?}"), format!("{fresh:?}"), "{ins:?} for {cut} bytes at {at}: {:?}", &new[at.saturating_sub(20)..(at + 20).min(new.len())]);
                        some += 1;
                    }
                    None => none += 1,
                }
            }
        }
        assert!(some > 1000 && none > 500, "spliced {some} edits, parsed {none} again");
    }

    #[test]
    fn in_heading_finds_the_heading_around_a_range() {
        let t = "# One title\n\nBody text here.\n\n## Two\n\nMore.\n";
        let p = Prose::new(t, Format::Markdown);
        let at = |w: &str| t.find(w).unwrap()..t.find(w).unwrap() + w.len();
        assert!(p.in_heading(&at("title")));
        assert!(p.in_heading(&at("Two")));
        assert!(!p.in_heading(&at("Body text")));
        assert!(!p.in_heading(&at("More")));
        assert!(!p.in_heading(&(0..t.len())));
    }

    fn kept(text: &str, f: Format) -> String {
        Prose::new(text, f).masked.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn markdown_keeps_only_prose() {
        let md = "---\ntitle: $5 million\n---\n# Heading $1\n\nText with `$2 code` and [link text $3](http://x.com/$4) and <http://y.com/5>.\n\n```\n$6 in code\n```\n\n<!-- $7 hidden -->\nEnd.";
        let k = kept(md, Format::Markdown);
        assert_eq!(k, "Heading $1 Text with and link text $3 and . End.");
    }

    #[test]
    fn offsets_are_preserved() {
        let md = "A **bold $3 million** “quote” — é.";
        let p = Prose::new(md, Format::Markdown);
        assert_eq!(p.masked.len(), md.len());
        let i = md.find("$3").unwrap();
        assert_eq!(&p.masked[i..i + 2], "$3");
        assert!(p.masked.contains("“quote” — é."));
    }

    #[test]
    fn links_footnotes_and_urls_are_citations() {
        let md = "See [the filing](https://sec.gov/x).[^1] And https://example.com/a?b=1 too [2].\n\n[^1]: A note.";
        let p = Prose::new(md, Format::Markdown);
        let kinds: Vec<_> = p.citations.iter().map(|c| (c.kind, &md[c.range.clone()])).collect();
        assert!(kinds.contains(&(CitationKind::Link, "[the filing](https://sec.gov/x)")));
        assert!(kinds.contains(&(CitationKind::Footnote, "[^1]")));
        assert!(kinds.contains(&(CitationKind::Link, "https://example.com/a?b=1")));
        assert!(kinds.contains(&(CitationKind::Footnote, "[2]")));
        assert!(!p.masked.contains("example.com"));
    }

    #[test]
    fn directives_in_both_formats() {
        let t = "Paid $5 <!-- crosscheck: sourced --> today.\n`<!-- crosscheck: ignore -->`";
        let p = Prose::new(t, Format::Markdown);
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].body, "sourced");
        let p = Prose::new(t, Format::Plain);
        assert_eq!(p.directives.len(), 2);
        assert!(!p.masked.contains("crosscheck"));
    }

    #[test]
    fn plain_text_line_per_paragraph_breaks_every_line() {
        let t = "Title line\nA long paragraph that goes on. And on.\nAnother paragraph.";
        let p = Prose::new(t, Format::Plain);
        assert!(p.breaks.contains(&10));
    }

    #[test]
    fn plain_text_hard_wrapped_keeps_paragraphs() {
        let t = "The committee said it had raised a great deal of money from\n\
                 donors across the state, and that it would spend all of it\n\
                 on advertising before the primary election in the spring.\n\
                 It declined to give a figure for the total it had raised.\n\
                 \n\
                 Short title\n";
        let p = Prose::new(t, Format::Plain);
        let first_break = t.find('\n').unwrap();
        assert!(!p.breaks.contains(&first_break));
    }

    /// `numbered` is the test it replaced: the text before the first ". " is one to three
    /// digits.
    #[test]
    fn numbered_items_as_split_at_the_first_stop() {
        let old = |t: &str| t.split_once(". ").map_or(false, |(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|c| c.is_ascii_digit()));
        for t in ["1. One", "12. x", "123. x", "1234. x", "12a. x", "12.5. x", ". x", "1.x", "1.", "1. ", "99", "", "7 . x", "٣. x", "1٣. x", "12.. x", "3. 4. x"] {
            assert_eq!(numbered(t), old(t), "{t:?}");
        }
    }

    /// Plain text's comments are blanked byte for byte, line breaks kept, as is a byte-order mark.
    #[test]
    fn plain_comments_blank_to_spaces() {
        let t = "\u{feff}Paid é <!-- a\r\nb “c” -->$5.\n";
        let (c0, c1) = (t.find("<!--").unwrap(), t.find("-->").unwrap() + 3);
        let want: Vec<u8> = t.bytes().enumerate().map(|(i, b)| if (i < 3 || (c0..c1).contains(&i)) && b != b'\n' && b != b'\r' { b' ' } else { b }).collect();
        assert_eq!(Prose::new(t, Format::Plain).masked.as_bytes(), &want[..]);
    }
}

//! Per-document analysis: text → prose → sentences → figures with their sources, and the
//! document's suppression comments. Pure and independent of every other document, so results
//! can be cached by content and recomputed in parallel.

use crate::attribution::{self, Cues, Source};
use crate::figures::{Figure, FigureKind, Scanner};
use crate::findings::Check;
use crate::text::tokens::Token;
use crate::text::{sentences, Format, LineIndex, Prose, Sentence};

/// A figure with the sentence it sits in and what sources it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureInfo {
    pub figure: Figure,
    /// Index into [`DocAnalysis::sentences`].
    pub sentence: usize,
    pub source: Option<Source>,
}

/// A `<!-- crosscheck: ignore … -->` comment resolved to the line it silences.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// 0-based line.
    pub line: usize,
    /// The checks it silences; empty means every check.
    pub checks: Vec<Check>,
}

/// Everything crosscheck knows about one document on its own.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub format: Format,
    pub lines: LineIndex,
    pub prose: Prose,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<FigureInfo>,
    pub suppressions: Vec<Suppression>,
    /// Directive comments that could not be read, with why (reported as notes).
    pub bad_directives: Vec<(std::ops::Range<usize>, String)>,
}

impl DocAnalysis {
    /// Whether findings of `check` on 0-based `line` are silenced.
    pub fn suppressed(&self, check: Check, line: usize) -> bool {
        self.suppressions.iter().any(|s| s.line == line && (s.checks.is_empty() || s.checks.contains(&check)))
    }
}

/// Analyse one document.
pub fn analyze(text: &str, format: Format, cues: &Cues) -> DocAnalysis {
    analyze_each(text, format, cues, |_, _, _| {})
}

/// What a caller does with each sentence of [`analyze_with`].
pub trait SentenceHook {
    /// The figures of `s` when they are already known (an earlier analysis of the same
    /// sentence), so that it is not scanned again; their ranges are where `s` is now.
    fn known(&mut self, _prose: &Prose, _s: &Sentence, _out: &mut Vec<Figure>) -> bool {
        false
    }
    /// `s` was scanned: its tokens (`tokenize` over the masked prose) and figures.
    fn scanned(&mut self, prose: &Prose, s: &Sentence, toks: &[Token], figures: &[Figure]);
    /// Sources an earlier analysis found, block by block, to reuse.
    fn sources(&mut self) -> Option<&mut attribution::SourceMemo> {
        None
    }
}

impl<F: FnMut(&Prose, &Sentence, &[Token])> SentenceHook for F {
    fn scanned(&mut self, prose: &Prose, s: &Sentence, toks: &[Token], _figures: &[Figure]) {
        self(prose, s, toks)
    }
}

/// [`analyze`], calling `each` with every sentence and its tokens (`tokenize` over the masked
/// prose) as the figure scanner made them, so a later stage need not tokenize again.
pub fn analyze_each(text: &str, format: Format, cues: &Cues, mut each: impl FnMut(&Prose, &Sentence, &[Token])) -> DocAnalysis {
    analyze_with(text, format, cues, &mut each)
}

/// [`analyze`] with a [`SentenceHook`]: it sees every sentence scanned, and may supply a
/// sentence's figures instead of the scanner.
pub fn analyze_with(text: &str, format: Format, cues: &Cues, hook: &mut impl SentenceHook) -> DocAnalysis {
    let prose = Prose::new(text, format);
    let sentences = sentences::split(&prose.masked, &prose.breaks);
    analyze_prose(text, format, cues, prose, sentences, hook)
}

/// [`analyze_with`] from the document's prose and sentences, already made (spliced from the
/// version before an edit, see `Prose::spliced`).
pub fn analyze_prose(text: &str, format: Format, cues: &Cues, prose: Prose, sentences: Vec<Sentence>, hook: &mut impl SentenceHook) -> DocAnalysis {
    let mut scanner = Scanner::default();
    let mut found = Vec::new();
    // About one figure a sentence at most in dense copy: sized once, the vectors do not regrow
    // (regrowing them, a copy of every figure each time, was 2.8 M instructions a MiB).
    let mut figures = Vec::with_capacity(sentences.len());
    let mut spans = Vec::with_capacity(sentences.len());
    // Reporting verbs read off the scanner's tokens: attribution need not search for them.
    let mut verbs = attribution::VerbHits::new(cues, sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        found.clear();
        if !hook.known(&prose, s, &mut found) {
            scanner.scan_noting(&prose.masked, s.range.clone(), &mut found, verbs.shapes());
            verbs.sentence(i, &prose.masked, &s.range, scanner.tokens(), scanner.noted());
            hook.scanned(&prose, s, scanner.tokens(), &found);
        }
        for f in found.drain(..) {
            spans.push((f.range.clone(), i));
            figures.push(FigureInfo { figure: f, sentence: i, source: None });
        }
    }
    weigh_pounds(&prose.masked, &mut figures);
    let sources = attribution::attribute_with(cues, &prose, &sentences, &spans, hook.sources(), Some(&verbs));
    for (f, s) in figures.iter_mut().zip(sources) {
        f.source = s;
    }
    let lines = LineIndex::new(text);
    let (suppressions, bad_directives) = suppressions(text, &prose, &lines);
    DocAnalysis { format, lines, prose, sentences, figures, suppressions, bad_directives }
}

/// "pounds" written as a word, in a document that writes its money with a dollar sign and
/// never in sterling (no £, GBP, "sterling", "pence" or "quid"), is a weight: "expanded its
/// recall to about 190,000 pounds" is no unsourced sum of money. A conversion after it ("50
/// million pounds ($63 million)") keeps it money. Asked of the whole document after the scan,
/// so that figures a memo or an earlier version lends are judged as freshly scanned ones.
fn weigh_pounds(masked: &str, figures: &mut [FigureInfo]) {
    let in_words = |f: &Figure| {
        f.kind == FigureKind::Money && f.unit == "GBP" && {
            let t = &masked[f.range.clone()];
            let last = t.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            !t.contains('£') && last.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("pound"))
        }
    };
    if !figures.iter().any(|f| in_words(&f.figure)) {
        return;
    }
    let b = masked.as_bytes();
    let sterling = masked.contains('£') || ["GBP", "sterling", "Sterling", "pence", "quid"].iter().any(|w| memchr::memmem::find(b, w.as_bytes()).is_some());
    if sterling || memchr::memchr(b'$', b).is_none() {
        return;
    }
    for f in figures.iter_mut().map(|f| &mut f.figure) {
        let after = masked[f.range.end..].trim_start();
        if in_words(f) && !["($", "(US$", "(about $", "(or $", "(roughly $"].iter().any(|c| after.starts_with(c)) {
            f.kind = FigureKind::Quantity;
            f.unit = "pound".into();
        }
    }
}

/// Resolve ignore comments to lines. A comment alone on its line silences the next line with
/// text; a comment after text on a line silences that line.
fn suppressions(text: &str, prose: &Prose, lines: &LineIndex) -> (Vec<Suppression>, Vec<(std::ops::Range<usize>, String)>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for d in &prose.directives {
        let mut words = d.body.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        match words.next() {
            Some("ignore") => {}
            Some("sourced") => continue,
            other => {
                bad.push((d.range.clone(), format!("unknown crosscheck comment `{}`: expected `sourced` or `ignore [CHECK…]`", other.unwrap_or(""))));
                continue;
            }
        }
        let mut checks = Vec::new();
        for w in words {
            match w.parse::<Check>() {
                Ok(c) => checks.push(c),
                Err(e) => bad.push((d.range.clone(), e)),
            }
        }
        let line = lines.line_of(d.range.start);
        let lr = lines.line_range(text, line);
        let own_line = {
            let before = &text[lr.start..d.range.start];
            let after = &text[d.range.end.min(lr.end).max(d.range.end)..lr.end.max(d.range.end)];
            before.trim().is_empty() && after.trim().is_empty()
        };
        let target = if own_line {
            let end_line = lines.line_of(d.range.end);
            (end_line + 1..lines.line_count()).find(|&l| !text[lines.line_range(text, l)].trim().is_empty())
        } else {
            Some(line)
        };
        if let Some(line) = target {
            out.push(Suppression { line, checks });
        }
    }
    (out, bad)
}

/// The money figures of a document that no cue sources.
pub fn unsourced(doc: &DocAnalysis) -> impl Iterator<Item = &FigureInfo> {
    doc.figures.iter().filter(|f| f.figure.kind == FigureKind::Money && f.source.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_comments_resolve_to_lines() {
        let t = "<!-- crosscheck: ignore unsourced-figure -->\n\nIt cost $5.\nIt cost $6. <!-- crosscheck: ignore -->\n<!-- crosscheck: bogus -->";
        let d = analyze(t, Format::Markdown, &Cues::default());
        assert!(d.suppressed(Check::UnsourcedFigure, 2));
        assert!(!d.suppressed(Check::ConflictingFigure, 2));
        assert!(d.suppressed(Check::ConflictingFigure, 3));
        assert_eq!(d.bad_directives.len(), 1);
    }

    #[test]
    fn pounds_weigh_in_a_dollar_document_with_no_sterling() {
        let kind_of = |t: &str| {
            let d = analyze(t, Format::Plain, &Cues::default());
            let f = d.figures.iter().find(|f| t[f.figure.range.clone()].ends_with("pounds")).expect("a pounds figure");
            (f.figure.kind, f.figure.unit.clone())
        };
        let weight = (FigureKind::Quantity, "pound".to_string());
        let money = (FigureKind::Money, "GBP".to_string());
        // A dollar story: the recall is a weight.
        assert_eq!(kind_of("The dairy widened its recall to about 85,000 pounds. It expects to lose $2 million.\n"), weight);
        // A sterling sign anywhere, or a conversion after it: money.
        assert_eq!(kind_of("The club paid 40,000 pounds. Its rival paid £38,000 and $2 million besides.\n"), money);
        assert_eq!(kind_of("The club paid 40 million pounds ($51 million) for him.\n"), money);
        // No dollars at all: pounds stay money, as a British report writes them.
        assert_eq!(kind_of("The club paid 40,000 pounds for the lease.\n"), money);
    }

    #[test]
    fn figures_carry_sentence_and_source() {
        let t = "# Money\n\nThe PAC spent $2 million, records show. It gave $5 to me.";
        let d = analyze(t, Format::Markdown, &Cues::default());
        assert_eq!(d.figures.len(), 2);
        assert!(d.figures[0].source.is_some());
        assert!(d.figures[1].source.is_none());
        assert_eq!(unsourced(&d).count(), 1);
    }
}

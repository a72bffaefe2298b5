//! Measured accuracy: scores the product's own extractors against external test suites.
//!
//! Everything here is pure: the functions take file contents and return report structs
//! (serialisable, with a readable `Display` table and an `explain` listing of every miss).
//! The texts are analysed exactly as the product analyses a plain-text document: prose masking
//! ([`Prose::new`] with [`Format::Plain`]), sentence splitting, then the figure scanner on each
//! sentence of the masked text. There is no parser written only for the eval.
//!
//! - [`run_money`]: `money_cases.jsonl` (see `../shared/external/README.md`).
//! - [`run_numbers`]: `number_cases.jsonl`, restricted to what the product reads.
//! - [`check_floors`]: compares the scores with `eval/floors.toml` ([`DEFAULT_FLOORS`]).

mod floors;
mod labelled;
mod money;
mod numbers;

pub use floors::{check_floors, check_metrics, FloorCheck, FloorsError, DEFAULT_FLOORS, SETS};
pub use floors::namespaces;
pub use labelled::{score_claims, score_sourcing, ClaimsReport, Doc, SourcingReport};
pub use money::{run_money, MoneyCaseMiss, MoneyFigureMiss, MoneyReport, MoneySuite};
pub use numbers::{run_numbers, LeftOut, NumberMiss, NumberReport, NumberSection};

use crate::figures::{Figure, Scanner};
use crate::text::{sentences, Format, Prose};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every figure the product reports in `text`, read as a plain-text document.
pub fn analyse(text: &str) -> Vec<Figure> {
    let prose = Prose::new(text, Format::Plain);
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    for s in sentences::split(&prose.masked, &prose.breaks) {
        scanner.scan(&prose.masked, s.range, &mut out);
    }
    out
}

/// Precision, recall and F1 from counts: `tp_figures` of `figures` reported were right, and
/// `found` of `expected` cases were found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(tp_figures: usize, figures: usize, found: usize, expected: usize) -> Prf {
        // No figure reported: nothing was wrong (precision 1); nothing expected: nothing missed.
        let precision = if figures == 0 { 1.0 } else { tp_figures as f64 / figures as f64 };
        let recall = if expected == 0 { 1.0 } else { found as f64 / expected as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P {:.3}  R {:.3}  F1 {:.3}", self.precision, self.recall, self.f1)
    }
}

/// One line of the external JSONL files (the fields the scoring uses; others are ignored).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Case {
    pub text: String,
    #[serde(default)]
    pub expected_value: Option<f64>,
    #[serde(default)]
    pub expected_unit: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub span_start: Option<usize>,
    #[serde(default)]
    pub span_end: Option<usize>,
    #[serde(default)]
    pub expected_min: Option<f64>,
    #[serde(default)]
    pub expected_max: Option<f64>,
    #[serde(default)]
    pub whole_text_must_match: Option<bool>,
    pub source: String,
    #[serde(default)]
    pub case_id: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub subtype: Option<String>,
}

impl Case {
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("exact")
    }

    /// The expected span as byte offsets into `text` (the file gives character offsets).
    pub fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        let (s, e) = (self.span_start?, self.span_end?);
        Some(char_to_byte(&self.text, s)..char_to_byte(&self.text, e))
    }

    pub fn id(&self) -> String {
        self.case_id.clone().unwrap_or_default()
    }
}

/// Parse JSONL; bad lines become error messages naming the line.
pub(crate) fn parse_cases(jsonl: &str) -> (Vec<Case>, Vec<String>) {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Case>(line) {
            Ok(c) => cases.push(c),
            Err(e) => errors.push(format!("line {}: {e}", n + 1)),
        }
    }
    (cases, errors)
}

/// Byte offset of character `c` in `text` (the end of the text when past it).
pub fn char_to_byte(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

/// The upstream suite of a `source` field (`owner/repo@commit:path`): the repository's name,
/// with the usual spelling for the three known suites.
pub fn suite_of(source: &str) -> String {
    let repo = source.split(['@', ':']).next().unwrap_or(source);
    let name = repo.rsplit('/').next().unwrap_or(repo);
    match name.to_ascii_lowercase().as_str() {
        "recognizers-text" => "Recognizers-Text".to_string(),
        "duckling" => "Duckling".to_string(),
        "quantulum3" => "quantulum3".to_string(),
        _ => name.to_string(),
    }
}

/// Whether `got` is `want` within 0.1% (the tolerance).
pub(crate) fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-3 * want.abs() + 1e-9
}

pub(crate) fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A figure as one line of text: `"$3 million" = 3000000 USD (exact) @12..22`.
pub(crate) fn describe(text: &str, f: &Figure) -> String {
    let s = text.get(f.range.clone()).unwrap_or("?");
    let bounds = if f.qualifier == crate::figures::Qualifier::Exact {
        String::new()
    } else {
        format!(" [{}, {}]", fmt_num(f.interval.low), fmt_num(f.interval.high))
    };
    format!("{s:?} = {} {} ({}){bounds}", fmt_num(f.value), f.unit, f.qualifier.as_str())
}

pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_become_byte_offsets() {
        let t = "Il coûte 7€ ici";
        assert_eq!(char_to_byte(t, 9), 10);
        assert_eq!(&t[char_to_byte(t, 9)..char_to_byte(t, 11)], "7€");
        assert_eq!(char_to_byte(t, 100), t.len());
    }

    #[test]
    fn suites_by_source() {
        assert_eq!(suite_of("microsoft/Recognizers-Text@90e9:Specs/x.json"), "Recognizers-Text");
        assert_eq!(suite_of("facebook/duckling@abc:Duckling/Money/EN/Corpus.hs"), "Duckling");
        assert_eq!(suite_of("nielstron/quantulum3@abc:q.json"), "quantulum3");
        assert_eq!(suite_of("someone/other@1:x"), "other");
    }

    #[test]
    fn prf_edges() {
        assert_eq!(Prf::new(0, 0, 0, 0), Prf { precision: 1.0, recall: 1.0, f1: 1.0 });
        let p = Prf::new(3, 4, 3, 6);
        assert!((p.precision - 0.75).abs() < 1e-12 && (p.recall - 0.5).abs() < 1e-12);
        assert!((p.f1 - 0.6).abs() < 1e-12);
    }

    #[test]
    fn analysis_runs_per_sentence_on_masked_prose() {
        // The HTML comment is not prose; two sentences, two figures.
        let f = analyse("It cost $5 million. <!-- $9 --> Then $2 more.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, 5e6);
        assert_eq!(f[1].value, 2.0);
    }
}

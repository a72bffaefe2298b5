//! Numbers: `number_cases.jsonl`, restricted to what the product reads. Report only.
//!
//! The product reports numbers only as parts of figures (money, counted quantities,
//! percentages). So the cases are scored in three sections, each with the product's own code:
//!
//! - **reading** (model `number`): the number the figure scanner reads at the expected span's
//!   first token ([`crate::figures::numbers::read`], the reader every figure goes through) must
//!   have the expected value; `whole span` also requires it to end where the span ends.
//! - **percentages** (model `percentage`): percent figures from the full analysis must overlap
//!   the span with the expected value; precision counts every percent figure on those texts.
//! - **ranges and bounds** (model `numberrange` and other intervals): a figure from the full
//!   analysis must overlap the span with the expected low and high. Most of these texts are bare
//!   numbers with no unit, which the product rightly does not report; they are counted apart.
//!
//! Left out, with the count for each reason: dates and years, ordinals, fractions, addresses
//! and phone numbers (none of them a quantity the product extracts), and scientific notation.
//! Negative cases are all kept: the product must report no figure on them.

use super::{analyse, close, describe, fmt_num, overlaps, parse_cases, suite_of, Case, Prf};
use crate::figures::{numbers, FigureKind};
use crate::text::tokens::tokenize;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LeftOut {
    pub reason: String,
    pub count: usize,
    /// A few of the spans left out, for the reader.
    pub examples: Vec<String>,
}

/// One scored section.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumberSection {
    pub name: String,
    pub cases: usize,
    pub found: usize,
    /// Figures reported on the section's texts (percent section only; reading has none).
    pub figures: Option<usize>,
    pub correct_figures: Option<usize>,
    pub precision: Option<f64>,
    pub recall: f64,
    pub f1: Option<f64>,
    /// Reading: also ends exactly at the span's end. Ranges: texts where no figure at all
    /// overlaps the span (a bare number, not a figure for the product).
    pub extra: Option<(String, usize)>,
    /// Cases per upstream suite: (suite, cases, found).
    pub per_suite: Vec<(String, usize, usize)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumberMiss {
    pub section: String,
    pub case_id: String,
    pub text: String,
    pub span: String,
    pub expected: String,
    pub got: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumberReport {
    pub total_cases: usize,
    pub scored_cases: usize,
    pub left_out: Vec<LeftOut>,
    pub reading: NumberSection,
    pub percentages: NumberSection,
    pub ranges: NumberSection,
    /// Negative cases (and bare "percent" mentions) and how many got a figure.
    pub negatives: usize,
    pub negatives_fired: usize,
    pub misses: Vec<NumberMiss>,
    pub errors: Vec<String>,
}

impl NumberReport {
    pub fn explain(&self) -> String {
        let mut s = format!("Numbers: {} misses\n", self.misses.len());
        for m in &self.misses {
            s.push_str(&format!(
                "  {} {} [{}]: expected {:?} = {}; got {}\n      text: {}\n",
                if m.expected == "no figure" { "FP" } else { "FN" },
                m.case_id,
                m.section,
                m.span,
                m.expected,
                m.got,
                m.text
            ));
        }
        s
    }

    /// Named scores for the floors check (`numbers.<section>.<metric>`).
    pub fn metrics(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for s in [&self.reading, &self.percentages, &self.ranges] {
            out.push((format!("numbers.{}.recall", s.name), s.recall));
            if let (Some(p), Some(f1)) = (s.precision, s.f1) {
                out.push((format!("numbers.{}.precision", s.name), p));
                out.push((format!("numbers.{}.f1", s.name), f1));
            }
        }
        if self.negatives > 0 {
            out.push(("numbers.negatives_clean".to_string(), 1.0 - self.negatives_fired as f64 / self.negatives as f64));
        }
        out
    }
}

impl fmt::Display for NumberReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Numbers (report only): {} cases, {} scored, {} left out", self.total_cases, self.scored_cases, self.total_cases - self.scored_cases)?;
        for s in [&self.reading, &self.percentages, &self.ranges] {
            let pf = match (s.precision, s.f1) {
                (Some(p), Some(f1)) => format!("P {p:.3}  R {:.3}  F1 {f1:.3}", s.recall),
                _ => format!("R {:.3}", s.recall),
            };
            let extra = s.extra.as_ref().map_or(String::new(), |(k, n)| format!("; {k}: {n}"));
            writeln!(f, "  {:<12} {:>4} cases, {:>4} found  {pf}{extra}", s.name, s.cases, s.found)?;
            for (suite, n, found) in &s.per_suite {
                writeln!(f, "      {suite:<18} {found}/{n}")?;
            }
        }
        writeln!(f, "  negatives    {} cases, {} produced a figure", self.negatives, self.negatives_fired)?;
        writeln!(f, "  left out:")?;
        for l in &self.left_out {
            writeln!(f, "    {:>4}  {} (e.g. {})", l.count, l.reason, l.examples.join(", "))?;
        }
        if !self.errors.is_empty() {
            writeln!(f, "  {} unreadable lines: {}", self.errors.len(), self.errors.join("; "))?;
        }
        Ok(())
    }
}

const DATES: &str = "dates and years: not quantities, and the product never reads them as figures";
const ORDINALS: &str = "ordinals (21st, the tenth): positions, not counts";
const FRACTIONS: &str = "fractions (1/5, two thirds, one fifth): the product reads no fractions";
const ADDRESSES: &str = "addresses, IP and phone numbers: identifiers, not quantities";
const SCIENTIFIC: &str = "scientific notation and powers (1.3x10^6, 1e10): not news prose";

fn is_ordinal_word(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    matches!(
        w,
        "first" | "second" | "third" | "fourth" | "fifth" | "sixth" | "seventh" | "eighth" | "ninth" | "tenth" | "eleventh"
            | "twelfth" | "hundredth" | "thousandth" | "millionth" | "billionth" | "trillionth"
    ) || w.ends_with("teenth")
        || w.ends_with("ieth")
}

fn ordinal_digits(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len()).any(|i| {
        b[i - 1].is_ascii_digit() && {
            let rest = s[i..].to_ascii_lowercase();
            ["st", "nd", "rd", "th"].iter().any(|suf| rest.starts_with(suf) && !rest[2..].starts_with(|c: char| c.is_alphabetic()))
        }
    })
}

/// Why a case is left out, if it is.
fn left_out_reason(c: &Case, span: &std::ops::Range<usize>) -> Option<&'static str> {
    if matches!(c.kind(), "negative" | "valueless_mention") {
        return None;
    }
    let text = &c.text;
    let s = text.get(span.clone()).unwrap_or("").to_lowercase();
    let words: Vec<&str> = s.split(|ch: char| !ch.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let integral = |v: Option<f64>| v.map_or(true, |v| v.fract() == 0.0);
    let all_integral = integral(c.expected_value) && integral(c.expected_min) && integral(c.expected_max);
    if c.subtype.as_deref() == Some("power") || s.contains('^') || s.contains('×') || {
        let b = s.as_bytes();
        (1..b.len().saturating_sub(1)).any(|i| b[i] == b'e' && b[i - 1].is_ascii_digit() && (b[i + 1].is_ascii_digit() || b[i + 1] == b'+' || b[i + 1] == b'-'))
    } {
        return Some(SCIENTIFIC);
    }
    let fraction_word = words.iter().any(|w| is_ordinal_word(w) || matches!(*w, "half" | "halves" | "quarter" | "quarters"));
    if c.subtype.as_deref() == Some("fraction") || s.contains('/') || s.chars().any(|ch| ('¼'..='¾').contains(&ch) || ('⅐'..='⅞').contains(&ch)) || (fraction_word && !all_integral) {
        return Some(FRACTIONS);
    }
    if words.iter().any(|w| is_ordinal_word(w)) || ordinal_digits(&s) {
        return Some(ORDINALS);
    }
    // Dates: the span glued to "/" or "-" and more digits (5/17/2018, 1995-01); years: four
    // digits from 1000 to 2199 on their own.
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let glued = |ch: Option<char>| matches!(ch, Some('/'));
    if glued(before) || glued(after) {
        return Some(DATES);
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (1000..=2199).contains(&s.parse::<u32>().unwrap_or(0)) {
        return Some(DATES);
    }
    // IP addresses and phone numbers: digit groups joined by dots or hyphens around the span.
    let lo = text[..span.start].rfind(|ch: char| ch.is_whitespace()).map_or(0, |i| i + 1);
    let hi = text[span.end..].find(|ch: char| ch.is_whitespace()).map_or(text.len(), |i| span.end + i);
    let word = &text[lo..hi];
    let dots = word.matches('.').count();
    let hyphens = word.matches('-').count();
    if (dots >= 2 || hyphens >= 2 || word.starts_with('+')) && word.chars().filter(char::is_ascii_digit).count() >= 4 && word.chars().all(|ch| ch.is_ascii_digit() || ".-+/".contains(ch)) {
        return Some(ADDRESSES);
    }
    None
}

fn section(name: &str) -> NumberSection {
    NumberSection {
        name: name.to_string(),
        cases: 0,
        found: 0,
        figures: None,
        correct_figures: None,
        precision: None,
        recall: 0.0,
        f1: None,
        extra: None,
        per_suite: Vec::new(),
    }
}

fn count(sec: &mut NumberSection, suite: &str, found: bool) {
    sec.cases += 1;
    if found {
        sec.found += 1;
    }
    match sec.per_suite.iter_mut().find(|(s, _, _)| s == suite) {
        Some(e) => {
            e.1 += 1;
            e.2 += found as usize;
        }
        None => sec.per_suite.push((suite.to_string(), 1, found as usize)),
    }
}

/// Score `number_cases.jsonl` (its contents).
pub fn run_numbers(jsonl: &str) -> NumberReport {
    let (cases, errors) = parse_cases(jsonl);
    let mut left: Vec<LeftOut> = Vec::new();
    let mut reading = section("reading");
    let mut whole = 0;
    let mut percentages = section("percent");
    let mut ranges = section("ranges");
    let mut no_figure = 0;
    let mut misses = Vec::new();
    let (mut negatives, mut negatives_fired) = (0, 0);
    // Percent precision: every percent figure on the percentage texts, each text once.
    let mut percent_texts: Vec<(&str, &str)> = Vec::new();
    let mut percent_figures = 0;
    let mut percent_right = 0;
    let mut scored = 0;
    let mut toks = Vec::new();
    for c in &cases {
        let suite = suite_of(&c.source);
        let span = c.byte_span().unwrap_or(0..c.text.len());
        let span_text = c.text.get(span.clone()).unwrap_or("").to_string();
        if let Some(reason) = left_out_reason(c, &span) {
            match left.iter_mut().find(|l| l.reason == reason) {
                Some(l) => {
                    l.count += 1;
                    if l.examples.len() < 3 {
                        l.examples.push(format!("{span_text:?}"));
                    }
                }
                None => left.push(LeftOut { reason: reason.to_string(), count: 1, examples: vec![format!("{span_text:?}")] }),
            }
            continue;
        }
        scored += 1;
        let model = c.model.as_deref().unwrap_or("number");
        let figs = analyse(&c.text);
        let miss = |section: &str, expected: String, got: String| NumberMiss {
            section: section.to_string(),
            case_id: c.id(),
            text: c.text.clone(),
            span: span_text.clone(),
            expected,
            got,
        };
        let is_percent = model == "percentage" || c.expected_unit.as_deref() == Some("percent");
        if is_percent && !percent_texts.contains(&(c.text.as_str(), c.source.as_str())) {
            percent_texts.push((c.text.as_str(), c.source.as_str()));
            percent_figures += figs.iter().filter(|f| f.kind == FigureKind::Percent).count();
        }
        if matches!(c.kind(), "negative" | "valueless_mention") || (c.kind() != "interval" && c.expected_value.is_none()) {
            negatives += 1;
            let fired: Vec<String> = figs
                .iter()
                .filter(|f| c.span_start.is_none() || overlaps(&f.range, &span))
                .map(|f| describe(&c.text, f))
                .collect();
            if !fired.is_empty() {
                negatives_fired += 1;
                misses.push(miss("negatives", "no figure".into(), fired.join("; ")));
            }
            continue;
        }
        if c.kind() == "interval" {
            let over: Vec<_> = figs.iter().filter(|f| overlaps(&f.range, &span)).collect();
            let ok = over.iter().any(|f| {
                c.expected_min.map_or(true, |m| close(f.interval.low, m)) && c.expected_max.map_or(true, |m| close(f.interval.high, m))
            });
            if over.is_empty() {
                no_figure += 1;
            }
            count(&mut ranges, &suite, ok);
            if !ok {
                let exp = format!("[{}, {}]", c.expected_min.map_or("-".into(), fmt_num), c.expected_max.map_or("-".into(), fmt_num));
                let got = if over.is_empty() { "no figure".to_string() } else { over.iter().map(|f| describe(&c.text, f)).collect::<Vec<_>>().join("; ") };
                misses.push(miss("ranges", exp, got));
            }
            continue;
        }
        let want = c.expected_value.unwrap_or(f64::NAN);
        if is_percent {
            let hit = figs.iter().any(|f| f.kind == FigureKind::Percent && overlaps(&f.range, &span) && close(f.value, want));
            if hit {
                percent_right += 1;
            }
            count(&mut percentages, &suite, hit);
            if !hit {
                let got: Vec<String> = figs.iter().map(|f| describe(&c.text, f)).collect();
                misses.push(miss("percent", format!("{}%", fmt_num(want)), if got.is_empty() { "nothing".into() } else { got.join("; ") }));
            }
            continue;
        }
        // Reading: the product's number reader at the span's first token, in its sentence.
        tokenize(&c.text, span.start..c.text.len(), &mut toks);
        let read = toks.first().filter(|t| t.range.start == span.start).and_then(|_| numbers::read(&c.text, &toks, 0, false));
        let (ok, whole_ok, got) = match read {
            Some((n, neg)) => {
                let v = if neg { -n.value } else { n.value };
                let end = toks[n.next - 1].range.end;
                let ok = close(v, want);
                (ok, ok && end == span.end, format!("{} over {:?}", fmt_num(v), &c.text[span.start..end]))
            }
            None => (false, false, "no number read there".to_string()),
        };
        if whole_ok {
            whole += 1;
        }
        count(&mut reading, &suite, ok);
        if !ok {
            misses.push(miss("reading", fmt_num(want), got));
        }
    }
    reading.recall = Prf::new(0, 0, reading.found, reading.cases).recall;
    reading.extra = Some(("whole span".to_string(), whole));
    let p = Prf::new(percent_right, percent_figures, percentages.found, percentages.cases);
    percentages.figures = Some(percent_figures);
    percentages.correct_figures = Some(percent_right);
    percentages.precision = Some(p.precision);
    percentages.recall = p.recall;
    percentages.f1 = Some(p.f1);
    ranges.recall = Prf::new(0, 0, ranges.found, ranges.cases).recall;
    ranges.extra = Some(("no figure over the span (bare number)".to_string(), no_figure));
    NumberReport {
        total_cases: cases.len(),
        scored_cases: scored,
        left_out: left,
        reading,
        percentages,
        ranges,
        negatives,
        negatives_fired,
        misses,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, span: Option<(usize, usize)>, value: Option<f64>, kind: &str, model: &str, extra: &str) -> String {
        let span = span.map_or(String::new(), |(s, e)| format!(r#""span_start": {s}, "span_end": {e}, "#));
        format!(
            r#"{{"text": {text:?}, {span}"expected_value": {}, "expected_unit": null, "kind": "{kind}", "model": "{model}", "source": "microsoft/Recognizers-Text@0:Specs/Number/English/NumberModel.json", "case_id": "n"{extra}}}"#,
            value.map_or("null".into(), |v| v.to_string()),
        )
    }

    #[test]
    fn reading_uses_the_product_reader() {
        let jsonl = [
            line("three hundred and two", Some((0, 21)), Some(302.0), "exact", "number", ""),
            line("it is 1.5 million", Some((6, 17)), Some(1.5e6), "exact", "number", ""),
            line("-1,200", Some((0, 6)), Some(-1200.0), "exact", "number", ""),
            line("a few", Some((0, 5)), Some(3.0), "exact", "number", ""),
        ]
        .join("\n");
        let r = run_numbers(&jsonl);
        assert_eq!((r.reading.cases, r.reading.found), (4, 3), "{}", r.explain());
        assert_eq!(r.reading.extra, Some(("whole span".to_string(), 3)));
        assert_eq!(r.misses.len(), 1);
    }

    #[test]
    fn left_out_with_reasons() {
        let jsonl = [
            line("one fifth", Some((0, 9)), Some(0.2), "exact", "number", r#", "subtype": "fraction""#),
            line("met on 5/17/2018", Some((7, 8)), Some(5.0), "exact", "number", ""),
            line("in 1979 it flew", Some((3, 7)), Some(1979.0), "exact", "number", ""),
            line("the 21st floor", Some((4, 8)), Some(21.0), "exact", "number", ""),
            line("192.168.1.2", Some((4, 7)), Some(168.0), "exact", "number", ""),
            line("1.3e6", Some((0, 5)), Some(1.3e6), "exact", "number", ""),
            // Kept: a negative is always scored.
            line("the 180ml liquid", None, None, "negative", "number", ""),
        ]
        .join("\n");
        let r = run_numbers(&jsonl);
        assert_eq!(r.total_cases, 7);
        assert_eq!(r.scored_cases, 1);
        let reasons: Vec<(&str, usize)> = r.left_out.iter().map(|l| (l.reason.as_str(), l.count)).collect();
        assert_eq!(reasons, vec![(FRACTIONS, 1), (DATES, 2), (ORDINALS, 1), (ADDRESSES, 1), (SCIENTIFIC, 1)]);
        assert_eq!((r.negatives, r.negatives_fired), (1, 0));
        assert!(r.to_string().contains("left out"));
    }

    #[test]
    fn percentages_and_ranges_use_the_scanner() {
        let jsonl = [
            line("turnout was 35% in all", Some((12, 15)), Some(35.0), "exact", "percentage", ""),
            line("a small percent of them", Some((8, 15)), None, "valueless_mention", "percentage", ""),
            line("between 10 and 20 people came", Some((0, 24)), None, "interval", "numberrange", r#", "expected_min": 10, "expected_max": 20"#),
            line("The number is between 20 and 30.", Some((14, 31)), None, "interval", "numberrange", r#", "expected_min": 20, "expected_max": 30"#),
        ]
        .join("\n");
        let r = run_numbers(&jsonl);
        assert_eq!((r.percentages.cases, r.percentages.found, r.percentages.precision), (1, 1, Some(1.0)));
        assert_eq!((r.ranges.cases, r.ranges.found), (2, 1), "{}", r.explain());
        assert_eq!(r.ranges.extra.as_ref().map(|e| e.1), Some(1));
        assert_eq!((r.negatives, r.negatives_fired), (1, 0));
    }

    #[test]
    fn percent_precision_counts_every_percent_text() {
        // A percent case outside the percentage model still brings its text's figures.
        let jsonl = line("it rose 35% and 5%", Some((8, 11)), Some(35.0), "exact", "number", r#", "expected_unit": "percent""#)
            .replace(r#""expected_unit": null, "#, "");
        let r = run_numbers(&jsonl);
        assert_eq!((r.percentages.found, r.percentages.figures), (1, Some(2)), "{}", r.explain());
        assert_eq!(r.percentages.precision, Some(0.5));
    }
}

//! Money: `money_cases.jsonl` scored by the issue's rule.
//!
//! A case is found when a money figure the product reports overlaps its expected span, has the
//! right currency (any currency where `expected_unit` is null) and the right value within 0.1%:
//! for `interval` cases the right low and high, for `above`/`under` the right stated value.
//! Cases marked `whole_text_must_match` (Duckling phrases) must be matched by one figure that
//! spans the whole expected text. A figure matches at most one case. Cases with no expected
//! value (a bare currency word, `valueless_mention`) and `negative` cases expect no figure.
//!
//! Lines are grouped by `text` + `source`, so a text is analysed once; precision counts every
//! money figure the product reports on those texts.

use super::{analyse, close, describe, fmt_num, overlaps, parse_cases, suite_of, Case, Prf};
use crate::figures::{Figure, FigureKind};
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// Scores of one upstream suite.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MoneySuite {
    pub name: String,
    /// Distinct texts (text + source) analysed.
    pub texts: usize,
    /// Cases with an expected amount.
    pub expected: usize,
    /// Of those, found.
    pub found: usize,
    /// Money figures the product reported on the suite's texts.
    pub figures: usize,
    /// Of those, matched to a case.
    pub correct_figures: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Cases that must be matched by one figure spanning the whole text, and how many were.
    pub whole_text_cases: usize,
    pub whole_text_matched: usize,
    /// `whole_text_matched / whole_text_cases`, when there are such cases.
    pub whole_match_rate: Option<f64>,
    /// Negative cases and bare currency mentions (they expect no figure), and how many got one.
    pub negatives: usize,
    pub negatives_fired: usize,
}

/// A case the product missed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MoneyCaseMiss {
    pub suite: String,
    pub case_id: String,
    pub kind: String,
    pub text: String,
    /// The expected surface span.
    pub span: String,
    /// The expected reading ("75000000 USD", "[10, 20] USD").
    pub expected: String,
    /// The money figures the product reported on that text.
    pub got: Vec<String>,
}

/// A money figure that matched no case.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MoneyFigureMiss {
    pub suite: String,
    pub text: String,
    pub figure: String,
    /// The negative or bare-mention case it fired on, if any.
    pub case_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MoneyReport {
    pub suites: Vec<MoneySuite>,
    pub total: MoneySuite,
    pub false_negatives: Vec<MoneyCaseMiss>,
    pub false_positives: Vec<MoneyFigureMiss>,
    /// Lines that could not be read.
    pub errors: Vec<String>,
}

impl MoneyReport {
    pub fn suite(&self, name: &str) -> Option<&MoneySuite> {
        self.suites.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Every false positive and false negative with its text, for `--explain`.
    pub fn explain(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!("Money: {} false negatives\n", self.false_negatives.len()));
        for m in &self.false_negatives {
            s.push_str(&format!(
                "  FN [{}] {} ({}): expected {:?} = {}\n      text: {}\n      got: {}\n",
                m.suite,
                m.case_id,
                m.kind,
                m.span,
                m.expected,
                m.text,
                if m.got.is_empty() { "nothing".to_string() } else { m.got.join("; ") }
            ));
        }
        s.push_str(&format!("Money: {} false positives\n", self.false_positives.len()));
        for m in &self.false_positives {
            let on = m.case_id.as_ref().map_or(String::new(), |c| format!(" (on {c}, which expects no figure)"));
            s.push_str(&format!("  FP [{}] {}{on}\n      text: {}\n", m.suite, m.figure, m.text));
        }
        s
    }

    /// Named scores for the floors check: `money.<suite>.<metric>`, suite names lower-cased
    /// with `-` kept ("money.recognizers-text.f1", "money.duckling.whole_match").
    pub fn metrics(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for s in self.suites.iter().chain(std::iter::once(&self.total)) {
            let key = s.name.to_lowercase();
            out.push((format!("money.{key}.precision"), s.precision));
            out.push((format!("money.{key}.recall"), s.recall));
            out.push((format!("money.{key}.f1"), s.f1));
            if let Some(w) = s.whole_match_rate {
                out.push((format!("money.{key}.whole_match"), w));
            }
            if s.negatives > 0 {
                out.push((format!("money.{key}.negatives_clean"), 1.0 - s.negatives_fired as f64 / s.negatives as f64));
            }
        }
        out
    }
}

impl fmt::Display for MoneyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Money (value + currency; a figure overlapping the expected span)")?;
        writeln!(
            f,
            "{:<18} {:>5} {:>5} {:>5} {:>7} {:>6} {:>6} {:>6} {:>12} {:>10}",
            "suite", "texts", "cases", "found", "figures", "P", "R", "F1", "whole-match", "neg fired"
        )?;
        for s in self.suites.iter().chain(std::iter::once(&self.total)) {
            let whole = s.whole_match_rate.map_or("-".to_string(), |w| format!("{:.3} ({}/{})", w, s.whole_text_matched, s.whole_text_cases));
            writeln!(
                f,
                "{:<18} {:>5} {:>5} {:>5} {:>7} {:>6.3} {:>6.3} {:>6.3} {:>12} {:>10}",
                s.name,
                s.texts,
                s.expected,
                s.found,
                s.figures,
                s.precision,
                s.recall,
                s.f1,
                whole,
                format!("{}/{}", s.negatives_fired, s.negatives)
            )?;
        }
        if !self.errors.is_empty() {
            writeln!(f, "{} unreadable lines: {}", self.errors.len(), self.errors.join("; "))?;
        }
        Ok(())
    }
}

fn new_suite(name: &str) -> MoneySuite {
    MoneySuite {
        name: name.to_string(),
        texts: 0,
        expected: 0,
        found: 0,
        figures: 0,
        correct_figures: 0,
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
        whole_text_cases: 0,
        whole_text_matched: 0,
        whole_match_rate: None,
        negatives: 0,
        negatives_fired: 0,
    }
}

fn add(into: &mut MoneySuite, s: &MoneySuite) {
    into.texts += s.texts;
    into.expected += s.expected;
    into.found += s.found;
    into.figures += s.figures;
    into.correct_figures += s.correct_figures;
    into.whole_text_cases += s.whole_text_cases;
    into.whole_text_matched += s.whole_text_matched;
    into.negatives += s.negatives;
    into.negatives_fired += s.negatives_fired;
}

fn finish(s: &mut MoneySuite) {
    let p = Prf::new(s.correct_figures, s.figures, s.found, s.expected);
    s.precision = p.precision;
    s.recall = p.recall;
    s.f1 = p.f1;
    s.whole_match_rate = (s.whole_text_cases > 0).then(|| s.whole_text_matched as f64 / s.whole_text_cases as f64);
}

/// Whether a case expects an amount (as opposed to no figure at all).
fn expects_amount(c: &Case) -> bool {
    match c.kind() {
        "negative" | "valueless_mention" => false,
        "interval" => c.expected_min.is_some() || c.expected_max.is_some(),
        _ => c.expected_value.is_some(),
    }
}

fn expected_text(c: &Case) -> String {
    let unit = c.expected_unit.as_deref().unwrap_or("any currency");
    match c.kind() {
        "interval" => format!(
            "[{}, {}] {unit}",
            c.expected_min.map_or("-".into(), fmt_num),
            c.expected_max.map_or("-".into(), fmt_num)
        ),
        "under" => format!("under {} {unit}", c.expected_value.map_or("?".into(), fmt_num)),
        "above" => format!("above {} {unit}", c.expected_value.map_or("?".into(), fmt_num)),
        _ => format!("{} {unit}", c.expected_value.map_or("?".into(), fmt_num)),
    }
}

/// Two lines of one text that expect the same thing at the same place.
fn same_case(a: &Case, b: &Case) -> bool {
    a.span_start == b.span_start
        && a.span_end == b.span_end
        && a.kind == b.kind
        && a.expected_value == b.expected_value
        && a.expected_min == b.expected_min
        && a.expected_max == b.expected_max
        && a.expected_unit == b.expected_unit
}

/// Whether money figure `f` satisfies case `c`, whose expected span is `span`.
fn satisfies(c: &Case, span: &Range<usize>, f: &Figure) -> bool {
    if f.kind != FigureKind::Money || !overlaps(&f.range, span) {
        return false;
    }
    if let Some(u) = c.expected_unit.as_deref() {
        if f.unit != u {
            return false;
        }
    }
    if c.whole_text_must_match == Some(true) && !(f.range.start <= span.start && f.range.end >= span.end) {
        return false;
    }
    match c.kind() {
        "interval" => {
            c.expected_min.map_or(true, |m| close(f.interval.low, m)) && c.expected_max.map_or(true, |m| close(f.interval.high, m))
        }
        _ => c.expected_value.map_or(false, |v| close(f.value, v)),
    }
}

/// Score `money_cases.jsonl` (its contents).
pub fn run_money(jsonl: &str) -> MoneyReport {
    let (cases, errors) = parse_cases(jsonl);
    // Group by text + source, in the order of first appearance.
    let mut groups: Vec<(String, String, Vec<&Case>)> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for c in &cases {
        let key = (c.text.as_str(), c.source.as_str());
        match index.get(&key) {
            Some(&g) => groups[g].2.push(c),
            None => {
                index.insert(key, groups.len());
                groups.push((c.text.clone(), c.source.clone(), vec![c]));
            }
        }
    }
    let mut suites: Vec<MoneySuite> = Vec::new();
    let mut false_negatives = Vec::new();
    let mut false_positives = Vec::new();
    for (text, source, group) in &groups {
        let name = suite_of(source);
        let si = match suites.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                suites.push(new_suite(&name));
                suites.len() - 1
            }
        };
        let figs: Vec<Figure> = analyse(text).into_iter().filter(|f| f.kind == FigureKind::Money).collect();
        let mut used = vec![false; figs.len()];
        let suite = &mut suites[si];
        suite.texts += 1;
        suite.figures += figs.len();
        let got: Vec<String> = figs.iter().map(|f| describe(text, f)).collect();
        for c in group.iter().filter(|c| expects_amount(c)) {
            let span = c.byte_span().unwrap_or(0..text.len());
            suite.expected += 1;
            let whole = c.whole_text_must_match == Some(true);
            if whole {
                suite.whole_text_cases += 1;
            }
            // A figure matches one case; a line repeated word for word upstream is the same
            // case again, and the figure that matched the first matches it too.
            let repeat = group.iter().take_while(|d| !std::ptr::eq(**d, *c)).find(|d| same_case(d, c)).is_some();
            let pick = (0..figs.len()).find(|&k| !used[k] && satisfies(c, &span, &figs[k]));
            let pick = pick.or_else(|| (0..figs.len()).find(|&k| repeat && used[k] && satisfies(c, &span, &figs[k])));
            match pick {
                Some(k) => {
                    if !used[k] {
                        suite.correct_figures += 1;
                    }
                    used[k] = true;
                    suite.found += 1;
                    if whole {
                        suite.whole_text_matched += 1;
                    }
                }
                None => false_negatives.push(MoneyCaseMiss {
                    suite: name.clone(),
                    case_id: c.id(),
                    kind: c.kind().to_string(),
                    text: text.clone(),
                    span: text.get(span.clone()).unwrap_or("").to_string(),
                    expected: expected_text(c),
                    got: got.clone(),
                }),
            }
        }
        // Cases that expect no figure: a negative fires on any money figure in its text, a bare
        // currency mention on an unmatched figure over its span.
        let mut blamed = vec![None::<String>; figs.len()];
        for c in group.iter().filter(|c| !expects_amount(c)) {
            suite.negatives += 1;
            let fired: Vec<usize> = match (c.kind(), c.byte_span()) {
                ("negative", _) | (_, None) => (0..figs.len()).collect(),
                (_, Some(span)) => (0..figs.len()).filter(|&k| !used[k] && overlaps(&figs[k].range, &span)).collect(),
            };
            if !fired.is_empty() {
                suite.negatives_fired += 1;
            }
            for k in fired {
                if !used[k] && blamed[k].is_none() {
                    blamed[k] = Some(c.id());
                }
            }
        }
        for (k, f) in figs.iter().enumerate() {
            if !used[k] {
                false_positives.push(MoneyFigureMiss {
                    suite: name.clone(),
                    text: text.clone(),
                    figure: describe(text, f),
                    case_id: blamed[k].clone(),
                });
            }
        }
    }
    let mut total = new_suite("all");
    for s in &mut suites {
        finish(s);
        add(&mut total, s);
    }
    finish(&mut total);
    MoneyReport { suites, total, false_negatives, false_positives, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RT: &str = "microsoft/Recognizers-Text@0:Specs/CurrencyModel.json";
    const DK: &str = "facebook/duckling@0:Duckling/Money/EN/Corpus.hs";

    fn line(text: &str, span: Option<(usize, usize)>, value: Option<f64>, unit: Option<&str>, kind: &str, source: &str, extra: &str) -> String {
        let span = span.map_or(String::new(), |(s, e)| {
            let chars: String = text.chars().skip(s).take(e - s).collect();
            format!(r#""span": {chars:?}, "span_start": {s}, "span_end": {e}, "#)
        });
        format!(
            r#"{{"text": {text:?}, {span}"expected_value": {}, "expected_unit": {}, "kind": "{kind}", "source": "{source}", "case_id": "c"{extra}}}"#,
            value.map_or("null".into(), |v| v.to_string()),
            unit.map_or("null".into(), |u| format!("{u:?}")),
        )
    }

    #[test]
    fn value_and_currency_must_match() {
        let jsonl = [
            line("they paid $ 75 million .", Some((10, 22)), Some(75e6), Some("USD"), "exact", RT, ""),
            // Wrong currency expected: a miss, and the figure is a false positive.
            line("a fee of 20 euros .", Some((9, 17)), Some(20.0), Some("GBP"), "exact", RT, ""),
            // Null unit: any currency.
            line("a fee of 30 euros .", Some((9, 17)), Some(30.0), None, "exact", RT, ""),
            // Wrong value (more than 0.1% off).
            line("it cost $ 1,010 .", Some((8, 15)), Some(1000.0), Some("USD"), "exact", RT, ""),
        ]
        .join("\n");
        let r = run_money(&jsonl);
        let s = r.suite("Recognizers-Text").unwrap();
        assert_eq!((s.texts, s.expected, s.found, s.figures, s.correct_figures), (4, 4, 2, 4, 2));
        assert!((s.f1 - 0.5).abs() < 1e-12);
        assert_eq!(r.false_negatives.len(), 2);
        assert_eq!(r.false_positives.len(), 2);
        assert!(r.explain().contains("a fee of 20 euros"));
    }

    #[test]
    fn span_must_overlap_and_offsets_are_characters() {
        // "€" is 3 bytes: character offsets 10..12 are bytes 10..14.
        let t = "coûte 5 € ou 7€ ici";
        let jsonl = line(t, Some((13, 15)), Some(7.0), Some("EUR"), "exact", RT, "");
        let r = run_money(&jsonl);
        let s = &r.suites[0];
        assert_eq!((s.found, s.figures), (1, 2), "{}", r.explain());
        // The right value in the wrong place does not count.
        let jsonl = line("$7 and then nothing", Some((12, 19)), Some(7.0), Some("USD"), "exact", RT, "");
        assert_eq!(run_money(&jsonl).suites[0].found, 0);
    }

    #[test]
    fn lines_sharing_a_text_are_one_input() {
        let t = "they paid $5 and then $6 .";
        let jsonl = [
            line(t, Some((10, 12)), Some(5.0), Some("USD"), "exact", RT, ""),
            line(t, Some((22, 24)), Some(6.0), Some("USD"), "exact", RT, ""),
        ]
        .join("\n");
        let s = run_money(&jsonl).suites[0].clone();
        assert_eq!((s.texts, s.expected, s.found, s.figures), (1, 2, 2, 2));
        assert_eq!(s.f1, 1.0);
    }

    #[test]
    fn whole_text_intervals_and_bounds() {
        let jsonl = [
            line("between 10 and 20 dollars", Some((0, 25)), None, Some("USD"), "interval", DK, r#", "expected_min": 10, "expected_max": 20, "whole_text_must_match": true"#),
            line("under seven euros", Some((0, 17)), Some(7.0), Some("EUR"), "under", DK, r#", "whole_text_must_match": true"#),
            line("over 1.42 dollars", Some((0, 17)), Some(1.42), Some("USD"), "above", DK, r#", "whole_text_must_match": true"#),
            // Matched, but not over the whole text: a miss.
            line("some 5 dollars bills", Some((0, 20)), Some(5.0), Some("USD"), "exact", DK, r#", "whole_text_must_match": true"#),
        ]
        .join("\n");
        let r = run_money(&jsonl);
        let s = r.suite("Duckling").unwrap();
        assert_eq!((s.whole_text_cases, s.whole_text_matched), (4, 3), "{}", r.explain());
        assert_eq!(s.whole_match_rate, Some(0.75));
    }

    #[test]
    fn negatives_and_bare_mentions_expect_nothing() {
        let jsonl = [
            line("ALL 5 solutions are wrong.", None, None, None, "negative", RT, ""),
            line("a grand jury met", None, None, None, "negative", RT, ""),
            line("it cost 5 dollars , not 6", None, None, None, "negative", RT, ""),
            // "50 dollar" is the amount; the second "dollar" is a bare mention.
            line("50 dollar dollar", Some((0, 9)), Some(50.0), Some("USD"), "exact", RT, ""),
            line("50 dollar dollar", Some((10, 16)), None, Some("USD"), "exact", RT, ""),
        ]
        .join("\n");
        let r = run_money(&jsonl);
        let s = &r.suites[0];
        assert_eq!((s.negatives, s.negatives_fired), (4, 1), "{}", r.explain());
        assert_eq!((s.expected, s.found, s.figures), (1, 1, 2));
        assert_eq!(r.false_positives.len(), 1);
        assert!(r.false_positives[0].case_id.is_some());
        assert!(r.to_string().contains("Recognizers-Text"));
    }

    #[test]
    fn a_repeated_line_is_found_by_the_same_figure() {
        let l = line("20€", Some((0, 3)), Some(20.0), Some("EUR"), "exact", DK, r#", "whole_text_must_match": true"#);
        let other = line("20€", Some((0, 3)), Some(30.0), Some("EUR"), "exact", DK, r#", "whole_text_must_match": true"#);
        let s = run_money(&[l.clone(), l].join("\n")).suites[0].clone();
        assert_eq!((s.expected, s.found, s.figures, s.correct_figures), (2, 2, 1, 1));
        assert_eq!(s.precision, 1.0);
        // A different expectation on the same text cannot reuse the figure.
        let l = line("20€", Some((0, 3)), Some(20.0), Some("EUR"), "exact", DK, "");
        let s = run_money(&[l, other].join("\n")).suites[0].clone();
        assert_eq!((s.expected, s.found), (2, 1));
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let r = run_money("{not json}\n\n");
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].starts_with("line 1"));
    }
}

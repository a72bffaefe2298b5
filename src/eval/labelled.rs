//! Scores on the labelled corpora written for this project (`eval/corpora/`, format in its
//! README): unsourced-figure precision and recall, and precision and recall of the pairs
//! reported as conflicting or differing. Both run the product as `crosscheck check` does: one
//! corpus of the documents, analysed, linked and refreshed. Pure: documents and labels come in
//! as text.

use crate::config::Config;
use crate::corpus::Corpus;
use crate::figures::FigureKind;
use crate::findings::Check;
use crate::text::Format;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A document of a labelled corpus: its file name (as labels name it) and text.
#[derive(Debug, Clone)]
pub struct Doc {
    pub file: String,
    pub text: String,
}

/// A figure named by its text (and which occurrence of it) in a file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FigureLabel {
    pub file: String,
    pub text: String,
    #[serde(default = "one")]
    pub occurrence: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Deserialize)]
struct SourcingLabels {
    #[serde(default)]
    figure: Vec<SourcedLabel>,
}

#[derive(Debug, Deserialize)]
struct SourcedLabel {
    file: String,
    text: String,
    #[serde(default = "one")]
    occurrence: usize,
    sourced: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ClaimLabels {
    #[serde(default)]
    pair: Vec<PairLabel>,
    #[serde(default)]
    lookalike: Vec<PairLabel>,
}

#[derive(Debug, Deserialize)]
struct PairLabel {
    a: FigureLabel,
    b: FigureLabel,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// Byte range of the `occurrence`-th `text` in `doc`.
fn locate(doc: &str, text: &str, occurrence: usize) -> Option<Range<usize>> {
    let mut from = 0;
    for n in 1.. {
        let at = from + doc[from..].find(text)?;
        if n == occurrence.max(1) {
            return Some(at..at + text.len());
        }
        from = at + text.len().max(1);
    }
    None
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn build(docs: &[Doc]) -> Corpus {
    let mut corpus = Corpus::new(&Config::defaults(std::path::PathBuf::from(".")));
    for d in docs {
        corpus.set(&d.file, Arc::from(d.text.as_str()), Format::from_path(&d.file));
    }
    corpus.refresh();
    corpus
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SourcingReport {
    /// The folder scored, for the report's heading.
    #[serde(skip)]
    pub folder: String,
    pub documents: usize,
    pub labelled: usize,
    pub labelled_unsourced: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Labels whose text is not in their file, or label files that do not parse.
    pub errors: Vec<String>,
    /// Every false positive and false negative, with its sentence.
    pub misses: Vec<String>,
}

/// unsourced-figure precision and recall against `labels` (sourcing/labels.toml).
pub fn score_sourcing(docs: &[Doc], labels: &str) -> SourcingReport {
    let mut r = SourcingReport { folder: "eval/corpora/sourcing".into(), documents: docs.len(), ..Default::default() };
    let parsed: SourcingLabels = match toml::from_str(labels) {
        Ok(l) => l,
        Err(e) => {
            r.errors.push(format!("labels: {e}"));
            return r;
        }
    };
    let corpus = build(docs);
    let mut claimed: BTreeSet<(String, usize)> = BTreeSet::new();
    for l in &parsed.figure {
        let Some(doc) = corpus.get(&l.file) else {
            r.errors.push(format!("{}: no such document for label `{}`", l.file, l.text));
            continue;
        };
        let Some(range) = locate(&doc.text, &l.text, l.occurrence) else {
            r.errors.push(format!("{}: `{}` (occurrence {}) is not in the text", l.file, l.text, l.occurrence));
            continue;
        };
        r.labelled += 1;
        if !l.sourced {
            r.labelled_unsourced += 1;
        }
        let flagged: Vec<Range<usize>> = corpus.findings(&l.file).into_iter().filter(|f| f.check == Check::UnsourcedFigure && overlaps(&f.range, &range)).map(|f| f.range).collect();
        for f in &flagged {
            claimed.insert((l.file.clone(), f.start));
        }
        let sentence = sentence_of(doc, &range);
        match (l.sourced, flagged.is_empty()) {
            (false, false) => r.true_positives += 1,
            (false, true) => {
                r.false_negatives += 1;
                r.misses.push(format!("FN {}: {} — not flagged: {sentence}", l.file, l.text));
            }
            (true, false) => {
                r.false_positives += 1;
                r.misses.push(format!("FP {}: {} — labelled sourced: {sentence}", l.file, l.text));
            }
            (true, true) => {}
        }
    }
    // Findings on money the labels do not list are false positives too.
    for d in docs {
        for f in corpus.findings(&d.file).into_iter().filter(|f| f.check == Check::UnsourcedFigure) {
            if !claimed.contains(&(d.file.clone(), f.range.start)) {
                r.false_positives += 1;
                r.misses.push(format!("FP {}: {} — not a labelled money figure", d.file, &d.text[f.range.clone()]));
            }
        }
    }
    let (p, rc, f) = prf(r.true_positives, r.false_positives, r.false_negatives);
    (r.precision, r.recall, r.f1) = (p, rc, f);
    r
}

fn sentence_of(doc: &crate::corpus::Doc, range: &Range<usize>) -> String {
    let a = &doc.analysis;
    a.sentences
        .iter()
        .find(|s| s.range.start <= range.start && range.start < s.range.end)
        .map_or_else(String::new, |s| doc.text[s.range.clone()].split_whitespace().collect::<Vec<_>>().join(" "))
}

impl SourcingReport {
    pub fn metrics(&self) -> Vec<(String, f64)> {
        vec![("sourcing.precision".into(), self.precision), ("sourcing.recall".into(), self.recall), ("sourcing.f1".into(), self.f1)]
    }
}

impl fmt::Display for SourcingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Unsourced figures ({}: {} documents, {} labelled money figures, {} unsourced)", self.folder, self.documents, self.labelled, self.labelled_unsourced)?;
        writeln!(f, "  TP {}  FP {}  FN {}  P {:.3}  R {:.3}  F1 {:.3}", self.true_positives, self.false_positives, self.false_negatives, self.precision, self.recall, self.f1)?;
        for e in &self.errors {
            writeln!(f, "  label error: {e}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ClaimsReport {
    /// The folder scored, for the report's heading.
    #[serde(skip)]
    pub folder: String,
    pub documents: usize,
    /// Labelled same-claim pairs whose verdict is conflict or differ, and those that agree.
    pub labelled_reported: usize,
    pub labelled_agree: usize,
    pub lookalikes: usize,
    /// Pairs the product reports as conflicting or differing.
    pub predicted: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Of the true positives, how many have the labelled verdict (conflict vs differ).
    pub verdict_correct: usize,
    /// Labelled agreeing pairs the product puts in one claim as agreeing (corroboration).
    pub agree_found: usize,
    /// Look-alike pairs the product put in one claim (any verdict): each one is a mistake.
    pub lookalikes_matched: usize,
    pub errors: Vec<String>,
    pub misses: Vec<String>,
}

impl ClaimsReport {
    pub fn metrics(&self) -> Vec<(String, f64)> {
        let clean = if self.lookalikes == 0 { 1.0 } else { 1.0 - self.lookalikes_matched as f64 / self.lookalikes as f64 };
        vec![
            ("claims.precision".into(), self.precision),
            ("claims.recall".into(), self.recall),
            ("claims.f1".into(), self.f1),
            ("claims.lookalikes_clean".into(), clean),
        ]
    }
}

impl fmt::Display for ClaimsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Conflicting/differing pairs ({}: {} documents, {} labelled pairs to report, {} agreeing, {} look-alikes)",
            self.folder,
            self.documents, self.labelled_reported, self.labelled_agree, self.lookalikes
        )?;
        writeln!(
            f,
            "  reported {}  TP {}  FP {}  FN {}  P {:.3}  R {:.3}  F1 {:.3}  right verdict {}/{}  agreeing found {}/{}  look-alikes matched {}/{}",
            self.predicted, self.true_positives, self.false_positives, self.false_negatives, self.precision, self.recall, self.f1, self.verdict_correct, self.true_positives, self.agree_found, self.labelled_agree, self.lookalikes_matched, self.lookalikes
        )?;
        for e in &self.errors {
            writeln!(f, "  label error: {e}")?;
        }
        Ok(())
    }
}

/// Precision and recall of the pairs reported as conflicting or differing, against `labels`
/// (claims/labels.toml). Any reported pair not labelled as a same-claim pair is a false positive.
pub fn score_claims(docs: &[Doc], labels: &str) -> ClaimsReport {
    let mut r = ClaimsReport { folder: "eval/corpora/claims".into(), documents: docs.len(), ..Default::default() };
    let parsed: ClaimLabels = match toml::from_str(labels) {
        Ok(l) => l,
        Err(e) => {
            r.errors.push(format!("labels: {e}"));
            return r;
        }
    };
    let corpus = build(docs);
    // Each labelled figure → the product's figure over it (by document and figure index).
    let resolve = |l: &FigureLabel, errors: &mut Vec<String>| -> Option<(String, usize)> {
        let Some(doc) = corpus.get(&l.file) else {
            errors.push(format!("{}: no such document for `{}`", l.file, l.text));
            return None;
        };
        let Some(range) = locate(&doc.text, &l.text, l.occurrence) else {
            errors.push(format!("{}: `{}` (occurrence {}) is not in the text", l.file, l.text, l.occurrence));
            return None;
        };
        doc.analysis.figures.iter().position(|f| overlaps(&f.figure.range, &range)).map(|i| (l.file.clone(), i)).or(Some((l.file.clone(), usize::MAX - range.start)))
    };
    let key = |a: (String, usize), b: (String, usize)| if a <= b { (a, b) } else { (b, a) };
    let mut wanted: BTreeMap<((String, usize), (String, usize)), (String, String)> = BTreeMap::new();
    let mut agree: BTreeSet<((String, usize), (String, usize))> = BTreeSet::new();
    let mut looks: BTreeMap<((String, usize), (String, usize)), String> = BTreeMap::new();
    let mut errors = Vec::new();
    for p in &parsed.pair {
        let (Some(a), Some(b)) = (resolve(&p.a, &mut errors), resolve(&p.b, &mut errors)) else { continue };
        let v = p.verdict.clone().unwrap_or_default();
        let desc = format!("{}: {} ~ {}: {}", p.a.file, p.a.text, p.b.file, p.b.text);
        match v.as_str() {
            "conflict" | "differ" => {
                wanted.insert(key(a, b), (v, desc));
            }
            "agree" => {
                agree.insert(key(a, b));
            }
            other => errors.push(format!("{desc}: verdict must be conflict, differ or agree, not `{other}`")),
        }
    }
    for p in &parsed.lookalike {
        let (Some(a), Some(b)) = (resolve(&p.a, &mut errors), resolve(&p.b, &mut errors)) else { continue };
        looks.insert(key(a, b), format!("{}: {} ~ {}: {}", p.a.file, p.a.text, p.b.file, p.b.text));
    }
    r.errors = errors;
    r.labelled_reported = wanted.len();
    r.labelled_agree = agree.len();
    r.lookalikes = looks.len();
    // The product's pairs.
    let mut reported: BTreeMap<((String, usize), (String, usize)), &'static str> = BTreeMap::new();
    let mut together: BTreeMap<((String, usize), (String, usize)), &'static str> = BTreeMap::new();
    for c in corpus.claims().claims() {
        for &(i, j, v) in &c.pairs {
            let a = (c.figures[i].0.to_string(), c.figures[i].1);
            let b = (c.figures[j].0.to_string(), c.figures[j].1);
            let k = key(a, b);
            together.insert(k.clone(), v.as_str());
            if v != crate::claims::Verdict::Agree {
                reported.insert(k, v.as_str());
            }
        }
    }
    let text_of = |f: &(String, usize)| -> String {
        corpus.get(&f.0).and_then(|d| d.analysis.figures.get(f.1).map(|x| d.text[x.figure.range.clone()].to_string())).unwrap_or_default()
    };
    r.predicted = reported.len();
    for (k, v) in &reported {
        match wanted.get(k) {
            Some((lv, _)) => {
                r.true_positives += 1;
                if lv == v {
                    r.verdict_correct += 1;
                }
            }
            None => {
                r.false_positives += 1;
                let fig = |f: &(String, usize)| corpus.claims().keyed(&(std::sync::Arc::from(f.0.as_str()), f.1));
                // How much evidence joined them, when they were joined directly.
                let e = match (fig(&k.0), fig(&k.1)) {
                    (Some(a), Some(b)) if crate::claims::compatible(a, b) => format!(" (product: evidence {:.2})", crate::claims::evidence(a, b)),
                    _ => " (product: joined through a third figure)".into(),
                };
                r.misses.push(format!("FP {v}: {}: {} ~ {}: {}{e}", k.0 .0, text_of(&k.0), k.1 .0, text_of(&k.1)));
            }
        }
    }
    for (k, (lv, desc)) in &wanted {
        if !reported.contains_key(k) {
            r.false_negatives += 1;
            let why = match together.get(k) {
                Some(v) => v.to_string(),
                None => {
                    let (ra, rb): (crate::claims::FigRef, crate::claims::FigRef) = ((std::sync::Arc::from(k.0 .0.as_str()), k.0 .1), (std::sync::Arc::from(k.1 .0.as_str()), k.1 .1));
                    match (corpus.claims().keyed(&ra), corpus.claims().keyed(&rb)) {
                        (Some(a), Some(b)) => crate::claims::apart(a, b).unwrap_or_else(|| {
                            if corpus.claims().compared(&ra, &rb) {
                                third_figure(&corpus, &ra, &rb)
                            } else {
                                "compatible, but never compared: no name or telling word in common".into()
                            }
                        }),
                        _ => "a figure has no claim key".into(),
                    }
                }
            };
            r.misses.push(format!("FN {lv}: {desc} (product: {why})"));
        }
    }
    r.agree_found = agree.iter().filter(|k| together.get(*k) == Some(&"agree")).count();
    for (k, desc) in &looks {
        if together.contains_key(k) {
            r.lookalikes_matched += 1;
            r.misses.push(format!("LOOK-ALIKE matched: {desc}"));
        }
    }
    let _ = FigureKind::Money;
    let (p, rc, f) = prf(r.true_positives, r.false_positives, r.false_negatives);
    (r.precision, r.recall, r.f1) = (p, rc, f);
    r
}

/// Which figure kept two compatible figures out of one claim: a member of one's claim that is
/// apart from the other, or the other document's figure already in it.
fn third_figure(corpus: &crate::corpus::Corpus, a: &crate::claims::FigRef, b: &crate::claims::FigRef) -> String {
    let claims = corpus.claims();
    let text = |f: &crate::claims::FigRef| claims.keyed(f).map_or(String::new(), |k| k.text.clone());
    for (x, y) in [(a, b), (b, a)] {
        let Some(c) = claims.claim_of(x) else { continue };
        for m in c.figures.iter().filter(|m| *m != x) {
            if m.0 == y.0 {
                return format!("compatible, but {}: {} is already in the claim of {}", y.0, text(m), text(x));
            }
            if let (Some(km), Some(ky)) = (claims.keyed(m), claims.keyed(y)) {
                if crate::claims::fits_claim(km, ky) {
                    continue;
                }
                if let Some(why) = crate::claims::apart(km, ky) {
                    return format!("compatible, kept apart by {}: {} (in the claim of {}): {why}", m.0, text(m), text(x));
                }
            }
        }
    }
    "compatible, kept apart by a third figure (a weak pair that is not each other's nearest, or a claim that formed first)".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Doc> {
        vec![
            Doc { file: "a.md".into(), text: "Mayor Dana Ortiz runs Halvern County, whose council serves over 1.5 million people. The county paid $3 million for roads.\n".into() },
            Doc { file: "b.md".into(), text: "Halvern County, led by Mayor Dana Ortiz, serves over 1.6 million people, officials said.\n".into() },
        ]
    }

    #[test]
    fn sourcing_scores_each_label_and_unlabelled_findings() {
        let labels = "[[figure]]\nfile = \"a.md\"\ntext = \"$3 million\"\nsourced = false\n";
        let r = score_sourcing(&docs(), labels);
        assert_eq!((r.true_positives, r.false_positives, r.false_negatives), (1, 0, 0), "{r:#?}");
        let wrong = "[[figure]]\nfile = \"a.md\"\ntext = \"$3 million\"\nsourced = true\n[[figure]]\nfile = \"a.md\"\ntext = \"$9\"\nsourced = true\n";
        let r = score_sourcing(&docs(), wrong);
        assert_eq!((r.true_positives, r.false_positives), (0, 1));
        assert_eq!(r.errors.len(), 1, "a label whose text is missing is an error");
    }

    #[test]
    fn claims_score_pairs_and_lookalikes() {
        let labels = "[[pair]]\na = { file = \"a.md\", text = \"over 1.5 million people\" }\nb = { file = \"b.md\", text = \"over 1.6 million people\" }\nverdict = \"conflict\"\n";
        let r = score_claims(&docs(), labels);
        assert_eq!((r.true_positives, r.false_positives, r.false_negatives, r.verdict_correct), (1, 0, 0, 1), "{r:#?}");
        let look = "[[lookalike]]\na = { file = \"a.md\", text = \"over 1.5 million people\" }\nb = { file = \"b.md\", text = \"over 1.6 million people\" }\n";
        let r = score_claims(&docs(), look);
        assert_eq!((r.false_positives, r.lookalikes_matched), (1, 1));
    }
}

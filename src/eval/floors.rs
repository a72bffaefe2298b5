//! Floors: the lowest score each metric may reach before CI fails.
//!
//! The floors live in `eval/floors.toml`, one table per report and suite, e.g.
//!
//! ```toml
//! [money.recognizers-text]
//! f1 = 0.90
//! ```
//!
//! names the metric `money.recognizers-text.f1` of [`super::MoneyReport::metrics`]. Floors rise
//! as scores rise (set them to the current score rounded down a little); they are never lowered
//! to make CI pass.

use super::{MoneyReport, NumberReport};

use serde::Serialize;
use std::fmt;

/// The floors shipped with the repository.
pub const DEFAULT_FLOORS: &str = include_str!("../../eval/floors.toml");

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FloorCheck {
    pub metric: String,
    pub floor: f64,
    pub value: f64,
    pub passed: bool,
}

impl fmt::Display for FloorCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.passed { "ok  " } else { "FAIL" };
        write!(f, "{mark} {:<40} {:.3} (floor {:.3})", self.metric, self.value, self.floor)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FloorsError {
    /// The file is not valid TOML, or a floor is not a number.
    Syntax(String),
    /// A floor names a metric the report does not have.
    UnknownMetric(String),
}

impl fmt::Display for FloorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FloorsError::Syntax(m) => write!(f, "floors file: {m}"),
            FloorsError::UnknownMetric(m) => write!(f, "floors file: no metric named `{m}`"),
        }
    }
}

impl std::error::Error for FloorsError {}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<(String, f64)>) -> Result<(), FloorsError> {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out)?,
            toml::Value::Float(x) => out.push((key, *x)),
            toml::Value::Integer(i) => out.push((key, *i as f64)),
            other => return Err(FloorsError::Syntax(format!("`{key}` must be a number, not {}", other.type_str()))),
        }
    }
    Ok(())
}

/// Check the reports given against the floors in `floors_toml`. Floors of a report that is not
/// given (`numbers.*` when only money ran) are skipped; a floor naming a metric that a given
/// report lacks is an error, so a typo cannot silently disable a floor.
pub fn check_floors(floors_toml: &str, money: Option<&MoneyReport>, numbers: Option<&NumberReport>) -> Result<Vec<FloorCheck>, FloorsError> {
    let mut metrics: Vec<(String, f64)> = Vec::new();
    let mut ran: Vec<&str> = Vec::new();
    if let Some(m) = money {
        metrics.extend(m.metrics());
        ran.push("money");
    }
    if let Some(n) = numbers {
        metrics.extend(n.metrics());
        ran.push("numbers");
    }
    check_metrics(floors_toml, &metrics, &ran)
}

/// The labelled sets written blind, beside the development corpora (`eval/corpora`), in the
/// order they were written: each is a folder `eval/NAME` with `sourcing/` and `claims/`, scored
/// as `NAME.sourcing.*` and `NAME.claims.*`. Adding a set is adding its name here.
pub const SETS: &[&str] = &["heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33"];

/// Every report the eval knows, by the first part of its metric names ("money", "claims",
/// "blind2.sourcing").
pub fn namespaces() -> &'static [String] {
    static N: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        let base = ["money", "numbers", "entities", "sourcing", "claims"].map(String::from);
        base.into_iter().chain(SETS.iter().flat_map(|s| [format!("{s}.sourcing"), format!("{s}.claims")])).collect()
    })
}

/// Check `metrics` (of the reports named in `ran`) against the floors. Floors of a known report
/// that did not run are skipped; an unknown report or metric is an error.
pub fn check_metrics(floors_toml: &str, metrics: &[(String, f64)], ran: &[&str]) -> Result<Vec<FloorCheck>, FloorsError> {
    let table: toml::Table = floors_toml.parse().map_err(|e: toml::de::Error| FloorsError::Syntax(e.to_string()))?;
    let mut floors = Vec::new();
    flatten("", &table, &mut floors)?;
    let mut out = Vec::new();
    for (name, floor) in floors {
        // A report's name: its first word, or two for the blind-written sets ("heldout.claims").
        let words: Vec<&str> = name.splitn(3, '.').collect();
        let ns = if SETS.contains(&words[0]) && words.len() == 3 { &name[..words[0].len() + 1 + words[1].len()] } else { words[0] };
        if !namespaces().iter().any(|n| n == ns) {
            return Err(FloorsError::UnknownMetric(name));
        }
        if !ran.contains(&ns) {
            continue;
        }
        let value = metrics.iter().find(|(m, _)| *m == name).map(|(_, v)| *v).ok_or_else(|| FloorsError::UnknownMetric(name.clone()))?;
        // Scores are ratios of small counts: forgive float noise, nothing more.
        let passed = value + 1e-9 >= floor;
        out.push(FloorCheck { metric: name, floor, value, passed });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::run_money;
    use super::*;

    fn report() -> MoneyReport {
        run_money(
            r#"{"text": "it cost $5 .", "span_start": 8, "span_end": 10, "expected_value": 5, "expected_unit": "USD", "kind": "exact", "source": "microsoft/Recognizers-Text@0:x"}
{"text": "it cost 7 .", "span_start": 8, "span_end": 9, "expected_value": 7, "expected_unit": "USD", "kind": "exact", "source": "microsoft/Recognizers-Text@0:x"}"#,
        )
    }

    #[test]
    fn floors_pass_and_fail() {
        let r = report();
        let checks = check_floors("[money.recognizers-text]\nprecision = 1.0\nrecall = 0.6\n", Some(&r), None).unwrap();
        assert_eq!(checks.len(), 2);
        assert!(checks[0].passed, "{}", checks[0]);
        assert!(!checks[1].passed, "recall is 0.5: {}", checks[1]);
        assert!(checks[1].to_string().starts_with("FAIL"));
    }

    #[test]
    fn typos_and_bad_values_are_errors() {
        let r = report();
        assert!(matches!(check_floors("[money.recognisers]\nf1 = 0.5\n", Some(&r), None), Err(FloorsError::UnknownMetric(_))));
        assert!(matches!(check_floors("[money.all]\nf1 = \"high\"\n", Some(&r), None), Err(FloorsError::Syntax(_))));
        assert!(matches!(check_floors("[money\n", Some(&r), None), Err(FloorsError::Syntax(_))));
        assert!(matches!(check_floors("[other]\nf1 = 0.5\n", Some(&r), None), Err(FloorsError::UnknownMetric(_))));
        // Floors of a report not run are skipped.
        assert_eq!(check_floors("[numbers.reading]\nrecall = 0.5\n", Some(&r), None).unwrap(), vec![]);
    }

    #[test]
    fn shipped_floors_parse() {
        let table: toml::Table = DEFAULT_FLOORS.parse().expect("eval/floors.toml is valid TOML");
        assert!(table.contains_key("money"));
    }
}

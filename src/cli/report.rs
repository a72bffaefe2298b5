//! Output formats of the CLI: rustc-style text, the JSON contract (version 1) and SARIF 2.1.0.
//! Lines and columns are 1-based; columns count Unicode scalar values; ends are exclusive.

use crate::analysis::FigureInfo;
use crate::figures::FigureKind;
use crate::findings::{Finding, Severity};
use crate::text::LineIndex;
use serde_json::{json, Map, Value};

/// A span's location fields, shared by every JSON item.
pub fn location(path: &str, text: &str, lines: &LineIndex, r: &std::ops::Range<usize>) -> Map<String, Value> {
    let (l0, c0) = lines.line_col(text, r.start);
    let (l1, c1) = lines.line_col(text, r.end);
    let mut m = Map::new();
    m.insert("path".into(), json!(path));
    m.insert("line".into(), json!(l0 + 1));
    m.insert("column".into(), json!(c0 + 1));
    m.insert("end_line".into(), json!(l1 + 1));
    m.insert("end_column".into(), json!(c1 + 1));
    m.insert("byte_start".into(), json!(r.start));
    m.insert("byte_end".into(), json!(r.end));
    m.insert("text".into(), json!(text.get(r.clone()).unwrap_or("")));
    m
}

/// Numbers print as integers when they are whole.
pub fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// A finding with its document's text (for location), and the related places' texts.
pub struct Located<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub finding: Finding,
    /// For each related place: (text, line index) of its document.
    pub related_docs: Vec<(&'a str, &'a LineIndex)>,
}

pub fn finding_json(f: &Located) -> Value {
    let mut m = location(f.path, f.text, f.lines, &f.finding.range);
    m.insert("check".into(), json!(f.finding.check.as_str()));
    m.insert("severity".into(), json!(f.finding.severity.as_str()));
    m.insert("message".into(), json!(f.finding.message));
    let related: Vec<Value> = f
        .finding
        .related
        .iter()
        .zip(&f.related_docs)
        .map(|(r, (text, lines))| {
            let (l, c) = lines.line_col(text, r.range.start);
            json!({"path": r.path, "line": l + 1, "column": c + 1, "text": text.get(r.range.clone()).unwrap_or(""), "message": r.message})
        })
        .collect();
    m.insert("related".into(), Value::Array(related));
    Value::Object(m)
}

pub fn figure_json(path: &str, text: &str, lines: &LineIndex, f: &FigureInfo) -> Value {
    let fig = &f.figure;
    let mut m = location(path, text, lines, &fig.range);
    m.insert("kind".into(), json!(fig.kind.as_str()));
    m.insert("value".into(), num(fig.value));
    m.insert("low".into(), num(fig.interval.low));
    m.insert("high".into(), num(fig.interval.high));
    m.insert("low_inclusive".into(), json!(fig.interval.low_inclusive));
    m.insert("high_inclusive".into(), json!(fig.interval.high_inclusive));
    m.insert("unit".into(), json!(fig.unit));
    m.insert("qualifier".into(), json!(fig.qualifier.as_str()));
    m.insert("step".into(), num(fig.step));
    if fig.kind == FigureKind::Money {
        m.insert("sourced".into(), json!(f.source.is_some()));
    }
    m.insert("source".into(), f.source.as_ref().map_or(Value::Null, |s| json!(s.text)));
    m.insert("source_kind".into(), f.source.as_ref().map_or(Value::Null, |s| json!(s.kind.as_str())));
    Value::Object(m)
}

/// rustc/ruff style: `warning[check]: message`, the location, the source line and a caret.
pub fn finding_text(f: &Located) -> String {
    let (l0, c0) = f.lines.line_col(f.text, f.finding.range.start);
    let lr = f.lines.line_range(f.text, l0);
    let line = &f.text[lr.clone()];
    let width = f.text[f.finding.range.start..f.finding.range.end.min(lr.end).max(f.finding.range.start)].chars().count().max(1);
    // Long lines (a paragraph per line) are shown as a window around the figure.
    let chars: Vec<char> = line.chars().collect();
    let (from, prefix) = if c0 > 60 { (c0 - 50, "…") } else { (0, "") };
    let to = (c0 + width + 50).min(chars.len());
    let suffix = if to < chars.len() { "…" } else { "" };
    let shown: String = chars[from..to].iter().collect();
    let caret_at = c0 - from + prefix.chars().count();
    let num_w = (l0 + 1).to_string().len();
    let pad = " ".repeat(num_w);
    let mut s = format!(
        "{}[{}]: {}\n{pad}--> {}:{}:{}\n{pad} |\n{} | {prefix}{shown}{suffix}\n{pad} | {}{}\n",
        f.finding.severity.as_str(),
        f.finding.check.as_str(),
        f.finding.message,
        f.path,
        l0 + 1,
        c0 + 1,
        l0 + 1,
        " ".repeat(caret_at),
        "^".repeat(width)
    );
    for (r, (text, lines)) in f.finding.related.iter().zip(&f.related_docs) {
        let (l, c) = lines.line_col(text, r.range.start);
        s.push_str(&format!("{pad} = note: {}:{}:{}: {}\n", r.path, l + 1, c + 1, r.message));
    }
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint | Severity::Off => "note",
    }
}

/// A SARIF 2.1.0 log with one run.
pub fn sarif(findings: &[Located]) -> Value {
    let rules: Vec<Value> = crate::findings::Check::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": c.description()},
                "helpUri": crate::findings::doc_url(*c),
                "defaultConfiguration": {"level": sarif_level(c.default_severity())}
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let loc = location(f.path, f.text, f.lines, &f.finding.range);
            let related: Vec<Value> = f
                .finding
                .related
                .iter()
                .zip(&f.related_docs)
                .enumerate()
                .map(|(i, (r, (text, lines)))| {
                    let l = location(&r.path, text, lines, &r.range);
                    json!({
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": r.path},
                            "region": {"startLine": l["line"], "startColumn": l["column"], "endLine": l["end_line"], "endColumn": l["end_column"]}
                        }
                    })
                })
                .collect();
            json!({
                "ruleId": f.finding.check.as_str(),
                "level": sarif_level(f.finding.severity),
                "message": {"text": f.finding.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {
                            "startLine": loc["line"], "startColumn": loc["column"],
                            "endLine": loc["end_line"], "endColumn": loc["end_column"],
                            "charOffset": f.text[..f.finding.range.start].chars().count(),
                            "charLength": f.text[f.finding.range.clone()].chars().count(),
                            "snippet": {"text": loc["text"]}
                        }
                    }
                }],
                "relatedLocations": related
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "crosscheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

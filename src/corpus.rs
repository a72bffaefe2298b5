//! The corpus: every document's analysis, kept up to date one document at a time, and the
//! findings that come from them. Documents are keyed by a path string and kept in path order,
//! so every listing is stable.
//!
//! A document's analysis is reused while its text is unchanged (compared by hash), so updating
//! one file costs one document's analysis plus the corpus-wide steps it touches.

use crate::analysis::{self, DocAnalysis};
use crate::attribution::Cues;
use crate::config::Config;
use crate::findings::{Check, Finding, Fix, Severity};
use crate::text::Format;
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: Arc<str>,
    pub analysis: Arc<DocAnalysis>,
    hash: u64,
}

fn hash_of(text: &str, format: Format) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    (format == Format::Markdown).hash(&mut h);
    h.finish()
}

#[derive(Debug, Clone)]
pub struct Corpus {
    cues: Arc<Cues>,
    severities: BTreeMap<Check, Severity>,
    docs: BTreeMap<String, Doc>,
}

impl Corpus {
    pub fn new(config: &Config) -> Corpus {
        Corpus {
            cues: Arc::new(Cues::new(&config.attribution.phrases, &config.attribution.verbs)),
            severities: config.severities.clone(),
            docs: BTreeMap::new(),
        }
    }

    pub fn cues(&self) -> &Cues {
        &self.cues
    }

    /// Set a document's text; returns false when it was already this text (nothing to redo).
    pub fn set(&mut self, path: &str, text: Arc<str>, format: Format) -> bool {
        let hash = hash_of(&text, format);
        if self.docs.get(path).map_or(false, |d| d.hash == hash) {
            return false;
        }
        let analysis = Arc::new(analysis::analyze(&text, format, &self.cues));
        self.docs.insert(path.to_string(), Doc { text, analysis, hash });
        true
    }

    /// Insert a document analysed elsewhere (in parallel) with this corpus's cues.
    pub fn insert_analyzed(&mut self, path: &str, text: Arc<str>, format: Format, analysis: DocAnalysis) {
        let hash = hash_of(&text, format);
        self.docs.insert(path.to_string(), Doc { text, analysis: Arc::new(analysis), hash });
    }

    pub fn remove(&mut self, path: &str) -> bool {
        self.docs.remove(path).is_some()
    }

    pub fn get(&self, path: &str) -> Option<&Doc> {
        self.docs.get(path)
    }

    pub fn docs(&self) -> impl Iterator<Item = (&String, &Doc)> {
        self.docs.iter()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn severity(&self, c: Check) -> Severity {
        self.severities.get(&c).copied().unwrap_or(c.default_severity())
    }

    /// Findings of one document, in order of position, with suppressed and silenced ones removed.
    pub fn findings(&self, path: &str) -> Vec<Finding> {
        let Some(doc) = self.docs.get(path) else { return Vec::new() };
        let a = &doc.analysis;
        let mut out = Vec::new();
        let sev = self.severity(Check::UnsourcedFigure);
        if sev != Severity::Off {
            for f in analysis::unsourced(a) {
                let r = f.figure.range.clone();
                if a.suppressed(Check::UnsourcedFigure, a.lines.line_of(r.start)) {
                    continue;
                }
                out.push(unsourced_finding(&doc.text, r, sev));
            }
        }
        out.sort_by_key(|f| (f.range.start, f.check));
        out
    }
}

/// The finding for a dollar figure nothing sources, with the edits that would resolve it.
fn unsourced_finding(text: &str, r: std::ops::Range<usize>, severity: Severity) -> Finding {
    let figure = &text[r.clone()];
    let line_start = text[..r.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Finding {
        check: Check::UnsourcedFigure,
        severity,
        range: r.clone(),
        message: format!(
            "{figure} has no source: nothing in its sentence says where it comes from. Attribute it (\"according to …\", \"… reported\"), add a link or footnote, or mark it sourced."
        ),
        related: Vec::new(),
        fixes: vec![
            Fix { title: "Insert an attribution placeholder".into(), range: r.end..r.end, text: " (according to SOURCE)".into() },
            Fix { title: "Mark this figure as sourced".into(), range: r.end..r.end, text: " <!-- crosscheck: sourced -->".into() },
            Fix { title: "Ignore unsourced-figure on this line".into(), range: line_start..line_start, text: "<!-- crosscheck: ignore unsourced-figure -->\n".into() },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn updates_only_on_change_and_reports_unsourced() {
        let cfg = Config::defaults(PathBuf::from("/"));
        let mut c = Corpus::new(&cfg);
        assert!(c.set("a.md", "It gave $5 million to them.".into(), Format::Markdown));
        assert!(!c.set("a.md", "It gave $5 million to them.".into(), Format::Markdown));
        let f = c.findings("a.md");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].check, Check::UnsourcedFigure);
        assert!(f[0].message.starts_with("$5 million has no source"));
        assert!(c.set("a.md", "It gave $5 million to them, records show.".into(), Format::Markdown));
        assert!(c.findings("a.md").is_empty());
        assert!(c.remove("a.md"));
        assert!(c.findings("a.md").is_empty());
    }

    #[test]
    fn severity_off_silences() {
        let mut cfg = Config::defaults(PathBuf::from("/"));
        cfg.severities.insert(Check::UnsourcedFigure, Severity::Off);
        let mut c = Corpus::new(&cfg);
        c.set("a.md", "It gave $5 million.".into(), Format::Markdown);
        assert!(c.findings("a.md").is_empty());
    }
}

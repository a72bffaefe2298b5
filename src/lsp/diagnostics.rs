//! Findings → LSP diagnostics, and what was last published for each document so that only
//! documents whose diagnostics changed are published again.

use super::position::{to_position, Encoding};
use super::workspace::uri_of;
use crate::corpus::Corpus;
use crate::findings::{doc_url, Check, Finding, Severity};
use crate::text::LineIndex;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Uri};

pub fn range(text: &str, lines: &LineIndex, r: &std::ops::Range<usize>, enc: Encoding) -> Range {
    Range::new(to_position(text, lines, r.start, enc), to_position(text, lines, r.end, enc))
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint | Severity::Off => DiagnosticSeverity::HINT,
    }
}

/// One finding of the document `text` as a diagnostic. Related places are looked up in `corpus`
/// (their own text gives their positions).
pub fn diagnostic(f: &Finding, text: &str, lines: &LineIndex, corpus: &Corpus, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let uri = uri_of(&r.path)?;
            let range = match corpus.get(&r.path) {
                Some(d) => range(&d.text, &d.analysis.lines, &r.range, enc),
                None => Range::default(),
            };
            Some(DiagnosticRelatedInformation { location: Location { uri, range }, message: r.message.clone() })
        })
        .collect();
    Diagnostic {
        range: range(text, lines, &f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.check.as_str().to_string())),
        code_description: code_description(f.check),
        source: Some("crosscheck".into()),
        message: f.message.clone(),
        related_information: if related.is_empty() { None } else { Some(related) },
        ..Default::default()
    }
}

/// The link to a check's section of the README, parsed once per check.
fn code_description(check: Check) -> Option<CodeDescription> {
    static LINKS: std::sync::OnceLock<std::sync::Mutex<HashMap<Check, Option<Uri>>>> = std::sync::OnceLock::new();
    let mut links = LINKS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    links.entry(check).or_insert_with(|| doc_url(check).parse::<Uri>().ok()).clone().map(|href| CodeDescription { href })
}

/// Diagnostics of one document of `corpus` as it is now.
pub fn of_document(corpus: &Corpus, key: &str, enc: Encoding) -> Vec<Diagnostic> {
    let Some(doc) = corpus.get(key) else { return Vec::new() };
    corpus.findings(key).iter().map(|f| diagnostic(f, &doc.text, &doc.analysis.lines, corpus, enc)).collect()
}

/// What each document was last published with.
#[derive(Debug, Default)]
pub struct Published {
    last: HashMap<String, Vec<Diagnostic>>,
}

impl Published {
    /// Record `diags` for `key`; true when they differ from what was published last (or when
    /// `force`, for the document just edited, which is always republished with its version).
    pub fn update(&mut self, key: &str, diags: &[Diagnostic], force: bool) -> bool {
        match self.last.get(key) {
            Some(old) if old == diags && !force => false,
            None if diags.is_empty() && !force => false,
            _ => {
                self.last.insert(key.to_string(), diags.to_vec());
                true
            }
        }
    }

    /// Keys published with something other than nothing.
    pub fn keys(&self) -> Vec<String> {
        self.last.iter().filter(|(_, d)| !d.is_empty()).map(|(k, _)| k.clone()).collect()
    }

    pub fn forget(&mut self, key: &str) {
        self.last.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::text::Format;

    #[test]
    fn ranges_code_and_link() {
        let mut c = Corpus::new(&Config::defaults("/".into()));
        let text = "“Ça va” — 😀 東京 gave $5 million.";
        c.set("/a.md", text.into(), Format::Markdown);
        let d16 = of_document(&c, "/a.md", Encoding::Utf16);
        let d8 = of_document(&c, "/a.md", Encoding::Utf8);
        assert_eq!(d16.len(), 1);
        let start = text.find('$').unwrap();
        let end = text.find(" million").unwrap() + " million".len();
        assert_eq!((d8[0].range.start.character as usize, d8[0].range.end.character as usize), (start, end));
        // “ Ç a space v a ” space — space 😀(2) space 東 京 space g a v e space = 21 utf-16 units.
        assert_eq!((d16[0].range.start.character, d16[0].range.end.character), (21, 31));
        assert_eq!(d16[0].code, Some(NumberOrString::String("unsourced-figure".into())));
        assert_eq!(d16[0].code_description.as_ref().unwrap().href.as_str(), crate::findings::doc_url(crate::findings::Check::UnsourcedFigure));
    }

    #[test]
    fn publishes_only_changes() {
        let mut p = Published::default();
        assert!(!p.update("a", &[], false));
        let d = vec![Diagnostic { message: "x".into(), ..Default::default() }];
        assert!(p.update("a", &d, false));
        assert!(!p.update("a", &d, false));
        assert!(p.update("a", &d, true));
        assert!(p.update("a", &[], false));
        assert!(p.keys().is_empty());
    }
}

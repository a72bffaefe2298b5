//! Request handlers as plain functions over one consistent view of a document (its text and
//! analysis of the version the client holds) and the workspaces. They only convert: what a
//! figure is comes from `DocAnalysis`, what a finding and its fixes are from `Corpus`, and what a
//! name refers to from [`Navigation`]. The server wraps each call so a panic becomes an error
//! response.

use super::diagnostics;
use super::navigation::{EntitySymbol, Navigation, Place};
use super::position::{to_offset, Encoding};
use super::workspace::{uri_of, Workspace, Workspaces};
use crate::corpus::Doc;
use crate::figures::{FigureKind, Interval};
use std::collections::HashMap;
use tower_lsp_server::ls_types::*;

/// One document as the request sees it.
pub struct Ctx<'a> {
    pub uri: &'a Uri,
    pub key: &'a str,
    pub ws: &'a Workspace,
    pub all: &'a Workspaces,
    pub doc: &'a Doc,
    pub enc: Encoding,
}

impl Ctx<'_> {
    pub fn offset(&self, p: Position) -> usize {
        to_offset(&self.doc.text, &self.doc.analysis.lines, p, self.enc)
    }

    pub fn range(&self, r: &std::ops::Range<usize>) -> Range {
        diagnostics::range(&self.doc.text, &self.doc.analysis.lines, r, self.enc)
    }

    fn uri_for(&self, path: &str) -> Option<Uri> {
        if path == self.key {
            Some(self.uri.clone())
        } else {
            uri_of(path)
        }
    }

    /// A place anywhere in the corpus as an LSP location (positions from that document's text).
    pub fn location(&self, p: &Place) -> Option<Location> {
        location(self.all, p, self.enc, self.uri_for(&p.path)?)
    }
}

fn location(all: &Workspaces, p: &Place, enc: Encoding, uri: Uri) -> Option<Location> {
    let doc = all.holding(&p.path)?.corpus.get(&p.path)?;
    Some(Location { uri, range: diagnostics::range(&doc.text, &doc.analysis.lines, &p.range, enc) })
}

/// A number as a writer would read it: thousands separated, no trailing zeros.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn interval(i: &Interval) -> String {
    format!("{}{}, {}{}", if i.low_inclusive { "[" } else { "(" }, number(i.low), number(i.high), if i.high_inclusive { "]" } else { ")" })
}

pub fn hover(c: &Ctx, pos: Position) -> Option<Hover> {
    let at = c.offset(pos);
    let a = &c.doc.analysis;
    if let Some(f) = a.figures.iter().find(|f| f.figure.range.start <= at && at <= f.figure.range.end) {
        let fig = &f.figure;
        let text = &c.doc.text[fig.range.clone()];
        let mut md = format!("**{text}** · {}\n\n", fig.kind.as_str());
        md += &format!("- value: {} {}", number(fig.value), fig.unit);
        if !fig.qualifier.phrase().is_empty() {
            md += &format!(" ({})", fig.qualifier.phrase());
        }
        md += &format!("\n- interval: {} {}\n", interval(&fig.interval), fig.unit);
        md += &match (&f.source, fig.kind) {
            (Some(s), _) => format!("- sourced ({}): “{}”\n", s.kind.as_str(), s.text),
            (None, FigureKind::Money) => "- **not sourced**: nothing in its sentence says where it comes from\n".to_string(),
            (None, _) => "- no source found (sourcing is checked for money)\n".to_string(),
        };
        let peers = c.ws.corpus.figure_peers(c.key, fig.range.clone());
        if !peers.is_empty() {
            md += "\nSame claim elsewhere:\n";
            for p in peers {
                let shown = c.ws.corpus.display_path(&p.place.path);
                let loc = c.location(&p.place).map(|l| format!("{shown}:{}", l.range.start.line + 1)).unwrap_or_else(|| shown.to_string());
                let word = match p.verdict {
                    "agree" => "agrees:",
                    "differ" => "*differs (both may hold):*",
                    _ => "**conflicts:**",
                };
                md += &format!("- {word} “{}” ({loc})\n", p.text);
            }
        }
        return Some(Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }), range: Some(c.range(&fig.range)) });
    }
    let card = c.ws.corpus.entity_card(c.key, at)?;
    let mut md = format!("**{}** · {}\n\n", card.name, card.kind);
    if !card.aliases.is_empty() {
        md += &format!("- also: {}\n", card.aliases.join(", "));
    }
    md += &format!("- {} mentions in {} documents\n", card.mentions, card.documents);
    if let Some(n) = &card.note {
        md += &format!("- {n}\n");
    }
    for (place, text) in &card.figures {
        md += &format!("- figure: {text} ({})\n", c.ws.corpus.display_path(&place.path));
    }
    Some(Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }), range: None })
}

fn entity_kind(kind: &str) -> SymbolKind {
    match kind {
        "person" => SymbolKind::CONSTANT,
        "organization" => SymbolKind::CLASS,
        "place" => SymbolKind::NAMESPACE,
        _ => SymbolKind::OBJECT,
    }
}

#[allow(deprecated)]
fn symbol(name: String, detail: Option<String>, kind: SymbolKind, range: Range) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, tags: None, deprecated: None, range, selection_range: range, children: None }
}

/// The document's figures (with value and sourcing as detail) and the entities it mentions.
pub fn document_symbols(c: &Ctx) -> Vec<DocumentSymbol> {
    let mut out: Vec<(usize, DocumentSymbol)> = Vec::new();
    for f in &c.doc.analysis.figures {
        let fig = &f.figure;
        let sourcing = match (&f.source, fig.kind) {
            (Some(s), _) => format!("sourced: {}", s.text),
            (None, FigureKind::Money) => "unsourced".into(),
            (None, _) => String::new(),
        };
        let detail = format!("{} {} {}", number(fig.value), fig.unit, sourcing).trim_end().to_string();
        out.push((fig.range.start, symbol(c.doc.text[fig.range.clone()].to_string(), Some(detail), SymbolKind::NUMBER, c.range(&fig.range))));
    }
    for e in c.ws.corpus.document_entities(c.key) {
        out.push((e.place.range.start, symbol(e.name, Some(e.kind.clone()), entity_kind(&e.kind), c.range(&e.place.range))));
    }
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, s)| s).collect()
}

/// Quick fixes for the findings that touch `range`: `Finding::fixes` as workspace edits.
pub fn code_actions(c: &Ctx, range: Range) -> Vec<CodeActionOrCommand> {
    let (a, b) = (c.offset(range.start), c.offset(range.end));
    let mut out = Vec::new();
    for f in c.ws.corpus.findings(c.key) {
        if f.range.start > b || f.range.end < a {
            continue;
        }
        let diag = diagnostics::diagnostic(&f, &c.doc.text, &c.doc.analysis.lines, &c.ws.corpus, c.enc);
        for (i, fix) in f.fixes.iter().enumerate() {
            let edit = TextEdit { range: c.range(&fix.range), new_text: fix.text.clone() };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(c.uri.clone(), vec![edit])])), ..Default::default() }),
                is_preferred: Some(i == 0),
                ..Default::default()
            }));
        }
    }
    out
}

pub fn definition(c: &Ctx, pos: Position) -> Option<Location> {
    let p = c.ws.corpus.definition(c.key, c.offset(pos))?;
    c.location(&p)
}

pub fn references(c: &Ctx, pos: Position, include_declaration: bool) -> Vec<Location> {
    c.ws.corpus.references(c.key, c.offset(pos), include_declaration).iter().filter_map(|p| c.location(p)).collect()
}

pub fn highlights(c: &Ctx, pos: Position) -> Vec<DocumentHighlight> {
    c.ws.corpus.highlights(c.key, c.offset(pos)).iter().map(|r| DocumentHighlight { range: c.range(r), kind: Some(DocumentHighlightKind::TEXT) }).collect()
}

pub fn prepare_rename(c: &Ctx, pos: Position) -> Option<PrepareRenameResponse> {
    let (r, name) = c.ws.corpus.prepare_rename(c.key, c.offset(pos))?;
    Some(PrepareRenameResponse::RangeWithPlaceholder { range: c.range(&r), placeholder: name })
}

/// Rename as one WorkspaceEdit over every document that mentions the entity.
pub fn rename(c: &Ctx, pos: Position, new_name: &str) -> Result<WorkspaceEdit, String> {
    let edits = c.ws.corpus.rename(c.key, c.offset(pos), new_name)?;
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (path, list) in edits {
        let Some(uri) = c.uri_for(&path) else { continue };
        for (r, text) in list {
            if let Some(loc) = c.location(&Place { path: path.clone(), range: r }) {
                changes.entry(uri.clone()).or_default().push(TextEdit { range: loc.range, new_text: text });
            }
        }
    }
    Ok(WorkspaceEdit { changes: Some(changes), ..Default::default() })
}

/// Entities matching `query` in every workspace.
pub fn workspace_symbols(all: &Workspaces, query: &str, enc: Encoding) -> Vec<WorkspaceSymbol> {
    let mut out = Vec::new();
    for ws in &all.list {
        for EntitySymbol { name, kind, place } in ws.corpus.workspace_symbols(query, 100) {
            let Some(uri) = uri_of(&place.path) else { continue };
            let Some(loc) = location(all, &place, enc, uri) else { continue };
            out.push(WorkspaceSymbol { name, kind: entity_kind(&kind), tags: None, container_name: Some(kind), location: OneOf::Left(loc), data: None });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_copy() {
        assert_eq!(number(5_000_000.0), "5,000,000");
        assert_eq!(number(950.0), "950");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.125), "0.125");
    }
}

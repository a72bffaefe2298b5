//! The `crosscheck entities` contract: every entity with its canonical name, kind, aliases,
//! definition and mentions. Lines and columns are 1-based; columns count Unicode scalar values.

use super::index::EntityIndex;
use super::Kind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionOut {
    pub path: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionOut {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Exactly as written, possessive included.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityOut {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub definition: Option<DefinitionOut>,
    pub mentions: Vec<MentionOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EntityIndex {
    /// Every entity as the CLI prints it, in order of first mention (path, then offset). The
    /// definition uses the corpus rule (no current document).
    pub fn report(&self) -> Vec<EntityOut> {
        self.entities()
            .iter()
            .map(|e| EntityOut {
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                definition: self.definition(e.id, None).map(|l| DefinitionOut { path: l.path, line: l.line, column: l.column }),
                mentions: e
                    .mentions
                    .iter()
                    .map(|r| {
                        let (path, m) = self.mention(*r);
                        MentionOut {
                            path: path.to_string(),
                            line: m.start.line,
                            column: m.start.column,
                            end_line: m.end.line,
                            end_column: m.end.column,
                            byte_start: m.range.start,
                            byte_end: m.range.end,
                            text: m.text.to_string(),
                        }
                    })
                    .collect(),
                note: e.note.clone(),
            })
            .collect()
    }
}

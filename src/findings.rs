//! Findings: what crosscheck tells the writer, in plain words, with where the other evidence is.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// The checks crosscheck runs. Their names are the `check` field of the JSON contract and the
/// diagnostic codes in editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    UnsourcedFigure,
    ConflictingFigure,
    DifferingFigure,
    EntityVariant,
}

impl Check {
    pub const ALL: [Check; 4] = [Check::UnsourcedFigure, Check::ConflictingFigure, Check::DifferingFigure, Check::EntityVariant];

    pub fn as_str(self) -> &'static str {
        match self {
            Check::UnsourcedFigure => "unsourced-figure",
            Check::ConflictingFigure => "conflicting-figure",
            Check::DifferingFigure => "differing-figure",
            Check::EntityVariant => "entity-variant",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Check::DifferingFigure => Severity::Information,
            _ => Severity::Warning,
        }
    }

    /// One line on what the check means, for SARIF rules and help text.
    pub fn description(self) -> &'static str {
        match self {
            Check::UnsourcedFigure => "A dollar figure whose sentence names no source: no attribution, link or footnote.",
            Check::ConflictingFigure => "A figure that cannot agree with the figure given for the same claim elsewhere in the corpus.",
            Check::DifferingFigure => "A figure that differs from, but may agree with, the figure given for the same claim elsewhere.",
            Check::EntityVariant => "A rarer spelling of a name that the corpus mostly spells another way.",
        }
    }

    /// Anchor of the check's section in README.md.
    pub fn doc_anchor(self) -> &'static str {
        self.as_str()
    }
}

impl FromStr for Check {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Check::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown check `{s}` (expected one of: {})", Check::ALL.map(|c| c.as_str()).join(", ")))
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severities, most severe first; `Off` silences a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
    Off,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
            Severity::Off => "off",
        }
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "information" | "info" => Severity::Information,
            "hint" => Severity::Hint,
            "off" | "none" => Severity::Off,
            _ => return Err(format!("unknown severity `{s}` (expected error, warning, information, hint or off)")),
        })
    }
}

/// Another place that bears on a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub path: String,
    pub range: Range<usize>,
    pub message: String,
}

/// A suggested edit: replace `range` of the finding's document with `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub check: Check,
    pub severity: Severity,
    /// Byte range in its document.
    pub range: Range<usize>,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

/// The README on the project's main branch: a link that works on any machine, unlike a path
/// into the build's source tree.
pub const README_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/README.md");

/// Where a check is explained: its section of the README.
pub fn doc_url(check: Check) -> String {
    format!("{README_URL}#{}", check.doc_anchor())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
    fn anchor(heading: &str) -> String {
        heading.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ').map(|c| if c == ' ' { '-' } else { c }).collect()
    }

    #[test]
    fn every_check_links_to_a_readme_heading() {
        let readme = include_str!("../README.md");
        let anchors: Vec<String> = readme.lines().filter_map(|l| l.strip_prefix('#')).map(|l| anchor(l.trim_start_matches('#'))).collect();
        for c in Check::ALL {
            assert!(anchors.contains(&c.doc_anchor().to_string()), "README has no heading for #{}", c.doc_anchor());
            assert_eq!(doc_url(c), format!("https://github.com/crosscheck-dev/crosscheck/blob/main/README.md#{}", c.doc_anchor()));
        }
    }
}

//! `crosscheck.toml`: one file at the root of a corpus. Found by walking up from a path, or named
//! with `--config`. Every key is documented in README ("Configuration"); unknown keys and bad
//! values are errors that name the key and line.

use crate::findings::{Check, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "crosscheck.toml";

/// A size in bytes, written as a number or as "10MB", "512 KB".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(n) => Ok(ByteSize(n)),
            Raw::S(s) => parse_size(&s).map(ByteSize).map_err(serde::de::Error::custom),
        }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("`{s}` is not a size (write e.g. 10MB or 10485760)"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        u => return Err(format!("unknown size unit `{u}` in `{s}` (use B, KB, MB or GB)")),
    };
    Ok((n * mult) as u64)
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Extra source phrases ("as shown in").
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Extra reporting verbs ("tweeted").
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// Relative gap forgiven between two figures' intervals before they conflict.
    #[serde(default)]
    pub slack: f64,
}

impl Default for Claims {
    fn default() -> Self {
        Claims { slack: 0.0 }
    }
}

/// An `[[entity]]` table: a registry entry for a name.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the entity is defined: "path" or "path:line", relative to the config's folder.
    #[serde(default)]
    pub definition: Option<String>,
}

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub extensions: Option<Vec<String>>,
    pub max_file_size: Option<ByteSize>,
    #[serde(default)]
    pub attribution: Attribution,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default)]
    pub claims: Claims,
    #[serde(default)]
    pub entity: Vec<EntityEntry>,
}

/// The configuration in force: defaults, then the file, then flags.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folder the globs are relative to (the config file's folder, or the working directory).
    pub root: PathBuf,
    /// The file it came from, if any.
    pub source: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub extensions: Vec<String>,
    pub max_file_size: u64,
    pub attribution: Attribution,
    pub severities: BTreeMap<Check, Severity>,
    pub claims: Claims,
    pub entities: Vec<EntityEntry>,
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

impl Config {
    pub fn defaults(root: PathBuf) -> Config {
        Config {
            root,
            source: None,
            include: Vec::new(),
            exclude: Vec::new(),
            extensions: vec!["md".into(), "markdown".into(), "txt".into()],
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            attribution: Attribution::default(),
            severities: Check::ALL.iter().map(|c| (*c, c.default_severity())).collect(),
            claims: Claims::default(),
            entities: Vec::new(),
        }
    }

    /// Parse a config file's text. Errors name the key and the line.
    pub fn parse(text: &str, path: &Path) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end()))?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut c = Config::defaults(root);
        c.source = Some(path.to_path_buf());
        let line_of = |key: &str| -> String {
            text.lines().position(|l| l.trim_start().starts_with(key)).map_or(String::new(), |n| format!(":{}", n + 1))
        };
        if let Some(v) = file.include {
            c.include = v;
        }
        if let Some(v) = file.exclude {
            c.exclude = v;
        }
        if let Some(v) = file.extensions {
            c.extensions = v.into_iter().map(|e| e.trim_start_matches('.').to_ascii_lowercase()).collect();
        }
        if let Some(v) = file.max_file_size {
            c.max_file_size = v.0;
        }
        for g in c.include.iter().chain(&c.exclude) {
            globset::Glob::new(g).map_err(|e| format!("{}{}: bad glob `{g}`: {e}", path.display(), line_of(if c.include.contains(g) { "include" } else { "exclude" })))?;
        }
        for (k, v) in &file.severity {
            let check: Check = k.parse().map_err(|e| format!("{}{}: [severity] {e}", path.display(), line_of(k)))?;
            let sev: Severity = v.parse().map_err(|e| format!("{}{}: [severity] {k}: {e}", path.display(), line_of(k)))?;
            c.severities.insert(check, sev);
        }
        if !(0.0..1.0).contains(&file.claims.slack) {
            return Err(format!("{}{}: [claims] slack must be at least 0 and below 1, not {}", path.display(), line_of("slack"), file.claims.slack));
        }
        c.attribution = file.attribution;
        c.claims = file.claims;
        for e in &file.entity {
            if let Some(k) = &e.kind {
                if !matches!(k.as_str(), "person" | "organization" | "place" | "other") {
                    return Err(format!("{}{}: [[entity]] {}: kind must be person, organization, place or other, not `{k}`", path.display(), line_of("kind"), e.name));
                }
            }
        }
        c.entities = file.entity;
        Ok(c)
    }

    /// The nearest crosscheck.toml at or above `start` (a file or a folder).
    pub fn find(start: &Path) -> Option<PathBuf> {
        let abs = if start.is_absolute() { start.to_path_buf() } else { std::env::current_dir().ok()?.join(start) };
        let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Load the config for `start`: the named file, else the nearest one, else defaults rooted at
    /// the working directory.
    pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => Config::find(start),
        };
        match path {
            Some(p) => {
                let text = std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                let abs = std::fs::canonicalize(&p).unwrap_or(p);
                Config::parse(&text, &abs)
            }
            None => Ok(Config::defaults(std::env::current_dir().unwrap_or_default())),
        }
    }

    pub fn severity(&self, check: Check) -> Severity {
        self.severities.get(&check).copied().unwrap_or(check.default_severity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let t = r#"
include = ["drafts/**"]
exclude = ["drafts/old/**"]
extensions = [".md", "txt"]
max-file-size = "2MB"

[attribution]
phrases = ["as shown in"]
verbs = ["tweeted"]

[severity]
unsourced-figure = "error"
differing-figure = "off"

[claims]
slack = 0.02

[[entity]]
name = "American Civil Liberties Union"
aliases = ["ACLU"]
kind = "organization"
"#;
        let c = Config::parse(t, Path::new("/x/crosscheck.toml")).unwrap();
        assert_eq!(c.extensions, vec!["md", "txt"]);
        assert_eq!(c.max_file_size, 2 * 1024 * 1024);
        assert_eq!(c.severity(Check::UnsourcedFigure), Severity::Error);
        assert_eq!(c.severity(Check::DifferingFigure), Severity::Off);
        assert_eq!(c.severity(Check::ConflictingFigure), Severity::Warning);
        assert_eq!(c.entities[0].aliases, vec!["ACLU"]);
        assert_eq!(c.root, Path::new("/x"));
    }

    #[test]
    fn errors_name_key_and_line() {
        let e = Config::parse("extensions = [\"md\"]\nbogus = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(e.contains("bogus") && e.contains("line 2"), "{e}");
        let e = Config::parse("[severity]\nunsourced-figure = \"loud\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.contains("c.toml:2") && e.contains("loud"), "{e}");
        let e = Config::parse("max-file-size = \"ten\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.contains("max-file-size") || e.contains("line 1"), "{e}");
        let e = Config::parse("[severity]\nmissing-thing = \"error\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.contains("unknown check"), "{e}");
    }
}

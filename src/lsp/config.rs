//! Settings for the server: `crosscheck.toml` (found per workspace folder, or by walking up from
//! a file), overridden by the editor's settings (`initializationOptions`, then every
//! `workspace/didChangeConfiguration`). Defaults < file < editor.
//!
//! Editor settings use the file's key names (`max-file-size`; camelCase `maxFileSize` is accepted
//! too, as VS Code writes settings that way), may be wrapped in `{"crosscheck": {…}}`, and add
//! two keys of the server's own: `diagnostics` (`"open"` or `"corpus"`) and `poll-interval-ms`.

use crate::config::Config;
use crate::findings::{Check, Severity};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Which documents get diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Open documents only (the default).
    #[default]
    Open,
    /// Every file of every corpus, open or not.
    Corpus,
}

pub const DEFAULT_POLL_INTERVAL_MS: u64 = 2000;

/// The editor's settings; `None` leaves the file's value in force.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditorSettings {
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub extensions: Option<Vec<String>>,
    pub max_file_size: Option<u64>,
    pub phrases: Option<Vec<String>>,
    pub verbs: Option<Vec<String>>,
    pub severity: BTreeMap<Check, Severity>,
    pub diagnostics: Option<Scope>,
    pub poll_interval_ms: Option<u64>,
}

fn kebab(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn strings(v: &Value, key: &str, warnings: &mut Vec<String>) -> Option<Vec<String>> {
    match v.as_array().map(|a| a.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()) {
        Some(Some(list)) => Some(list),
        _ => {
            warnings.push(format!("setting `{key}` must be a list of strings"));
            None
        }
    }
}

impl EditorSettings {
    pub fn scope(&self) -> Scope {
        self.diagnostics.unwrap_or_default()
    }

    pub fn poll_interval_ms(&self) -> u64 {
        self.poll_interval_ms.unwrap_or(DEFAULT_POLL_INTERVAL_MS)
    }

    /// Read settings from the editor's JSON. Returns the settings it could read and a warning
    /// for every key or value it could not (shown to the user, never silently dropped).
    pub fn from_json(v: &Value) -> (EditorSettings, Vec<String>) {
        let mut s = EditorSettings::default();
        let mut w = Vec::new();
        let v = v.get("crosscheck").unwrap_or(v);
        let Some(map) = v.as_object() else {
            // An empty list is how some clients (Neovim's Lua `{}`) write an empty object.
            if !v.is_null() && v.as_array().map_or(true, |a| !a.is_empty()) {
                w.push("crosscheck settings must be an object".into());
            }
            return (s, w);
        };
        for (k, val) in map {
            let key = kebab(k);
            match key.as_str() {
                "include" => s.include = strings(val, &key, &mut w),
                "exclude" => s.exclude = strings(val, &key, &mut w),
                "extensions" => s.extensions = strings(val, &key, &mut w).map(|l| l.into_iter().map(|e| e.trim_start_matches('.').to_ascii_lowercase()).collect()),
                "max-file-size" => match serde_json::from_value::<crate::config::ByteSize>(val.clone()) {
                    Ok(b) => s.max_file_size = Some(b.0),
                    Err(e) => w.push(format!("setting `max-file-size`: {e}")),
                },
                "attribution" => {
                    if let Some(p) = val.get("phrases") {
                        s.phrases = strings(p, "attribution.phrases", &mut w);
                    }
                    if let Some(p) = val.get("verbs") {
                        s.verbs = strings(p, "attribution.verbs", &mut w);
                    }
                }
                "severity" => match val.as_object() {
                    Some(m) => {
                        for (c, l) in m {
                            match (c.parse::<Check>(), l.as_str().map(str::parse::<Severity>)) {
                                (Ok(c), Some(Ok(l))) => {
                                    s.severity.insert(c, l);
                                }
                                (Err(e), _) | (_, Some(Err(e))) => w.push(format!("setting `severity.{c}`: {e}")),
                                (_, None) => w.push(format!("setting `severity.{c}` must be a string")),
                            }
                        }
                    }
                    None => w.push("setting `severity` must be an object of check = level".into()),
                },
                "diagnostics" => match val.as_str() {
                    Some("open") => s.diagnostics = Some(Scope::Open),
                    Some("corpus") => s.diagnostics = Some(Scope::Corpus),
                    _ => w.push(format!("setting `diagnostics` must be \"open\" or \"corpus\", not {val}")),
                },
                "poll-interval-ms" => match val.as_u64() {
                    Some(n) => s.poll_interval_ms = Some(n),
                    None => w.push(format!("setting `poll-interval-ms` must be a whole number, not {val}")),
                },
                _ => w.push(format!("unknown setting `{k}` ignored")),
            }
        }
        (s, w)
    }

    /// Lay these settings over a configuration read from defaults and the file.
    pub fn apply(&self, c: &mut Config) {
        if let Some(v) = &self.include {
            c.include = v.clone();
        }
        if let Some(v) = &self.exclude {
            c.exclude = v.clone();
        }
        if let Some(v) = &self.extensions {
            c.extensions = v.clone();
        }
        if let Some(v) = self.max_file_size {
            c.max_file_size = v;
        }
        if let Some(v) = &self.phrases {
            c.attribution.phrases = v.clone();
        }
        if let Some(v) = &self.verbs {
            c.attribution.verbs = v.clone();
        }
        for (k, v) in &self.severity {
            c.severities.insert(*k, *v);
        }
    }
}

/// The configuration for a corpus rooted at `root` (a folder, or the folder of a lone file):
/// the nearest crosscheck.toml at or above it, then the editor's settings. A broken file is
/// reported (the `Err` text is shown in the editor) and defaults are used instead.
pub fn load(root: &Path, settings: &EditorSettings) -> (Config, Option<String>) {
    let (mut config, error) = match Config::find(root) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => match Config::parse(&text, &path) {
                Ok(c) => (c, None),
                Err(e) => (Config::defaults(root.to_path_buf()), Some(format!("{e} (using defaults until it is fixed)"))),
            },
            Err(e) => (Config::defaults(root.to_path_buf()), Some(format!("cannot read {}: {e}", path.display()))),
        },
        None => (Config::defaults(root.to_path_buf()), None),
    };
    settings.apply(&mut config);
    (config, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn editor_settings_override_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("crosscheck.toml"), "extensions = [\"md\"]\n[severity]\nunsourced-figure = \"error\"\ndiffering-figure = \"hint\"\n").unwrap();
        let (s, w) = EditorSettings::from_json(&json!({"crosscheck": {"severity": {"unsourced-figure": "hint"}, "maxFileSize": "1KB", "diagnostics": "corpus"}}));
        assert!(w.is_empty(), "{w:?}");
        let (c, err) = load(dir.path(), &s);
        assert!(err.is_none());
        assert_eq!(c.severity(Check::UnsourcedFigure), Severity::Hint);
        assert_eq!(c.severity(Check::DifferingFigure), Severity::Hint);
        assert_eq!(c.extensions, vec!["md"]);
        assert_eq!(c.max_file_size, 1024);
        assert_eq!(s.scope(), Scope::Corpus);
    }

    #[test]
    fn bad_settings_and_files_are_reported_not_dropped() {
        let (s, w) = EditorSettings::from_json(&json!({"severity": {"unsourced-figure": "loud", "bogus": "error"}, "colour": 1, "diagnostics": "all"}));
        assert_eq!(s, EditorSettings::default());
        assert_eq!(w.len(), 4, "{w:?}");
        // Neovim sends an empty Lua table as []: that is no settings, not an error.
        assert_eq!(EditorSettings::from_json(&json!([])).1, Vec::<String>::new());
        assert_eq!(EditorSettings::from_json(&json!({"crosscheck": []})).1, Vec::<String>::new());
        assert_eq!(EditorSettings::from_json(&json!([1])).1.len(), 1);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("crosscheck.toml"), "bogus = 1\n").unwrap();
        let (c, err) = load(dir.path(), &EditorSettings::default());
        assert!(err.unwrap().contains("bogus"));
        assert_eq!(c.severity(Check::UnsourcedFigure), Severity::Warning);
    }
}

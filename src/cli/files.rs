//! Finding and reading the corpus's files: .gitignore-aware walking, include/exclude globs,
//! extensions, a size limit, and decoding that never loses a file silently. Every file that is
//! skipped or altered gets a note saying why.

use crate::config::Config;
use crate::text::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A file read for analysis.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// Relative to the working directory when under it (no leading ./), else absolute.
    pub display: String,
    pub text: String,
    pub format: Format,
}

/// Why the CLI must stop (exit 2).
#[derive(Debug)]
pub struct Fatal(pub String);

pub fn display_path(path: &Path) -> String {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf()) };
    let abs = normalize(&abs);
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = abs.strip_prefix(normalize(&cwd)) {
            if !rel.as_os_str().is_empty() {
                return rel.to_string_lossy().into_owned();
            }
        }
    }
    abs.to_string_lossy().into_owned()
}

/// Remove `.` and `..` components without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A glob set of the valid globs (config validation has already reported bad ones).
pub fn globset(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(g) = Glob::new(g) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Decode a file's bytes. `Err` is the reason to skip it; `Ok((text, Some(note)))` was altered.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<String>), String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }).collect();
        let text = String::from_utf16_lossy(&units);
        return Ok((text, Some("decoded from UTF-16; byte offsets refer to its UTF-8 form".into())));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("looks binary (it has NUL bytes)".into());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok((text, Some(format!("is not valid UTF-8 (first bad byte at offset {at}); read with U+FFFD in place of bad bytes, so later byte offsets are of that text"))))
        }
    }
}

/// Read one file, or say why it is skipped.
pub fn load(path: &Path, config: &Config) -> Result<(Loaded, Option<String>), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > config.max_file_size {
        return Err(format!(
            "skipped: {:.1} MB is over the {:.1} MB limit (max-file-size in crosscheck.toml)",
            meta.len() as f64 / 1048576.0,
            config.max_file_size as f64 / 1048576.0
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let (text, note) = decode(bytes)?;
    let display = display_path(path);
    Ok((Loaded { format: Format::from_path(&display), path: path.to_path_buf(), display, text }, note))
}

/// Every corpus file under `paths`, read, in path order, plus notes for stderr.
/// A path on the command line that does not exist is fatal.
pub fn collect(paths: &[PathBuf], config: &Config) -> Result<(Vec<Loaded>, Vec<String>), Fatal> {
    let include = globset(&config.include);
    let exclude = globset(&config.exclude);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut notes = Vec::new();
    let mut explicit: Vec<PathBuf> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            Fatal(if e.kind() == std::io::ErrorKind::NotFound {
                format!("{}: no such file or directory", p.display())
            } else {
                format!("{}: {e}", p.display())
            })
        })?;
        if meta.is_file() {
            explicit.push(p.clone());
            files.push(p.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(p).require_git(false).hidden(true).follow_links(false).build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    notes.push(format!("skipped: {e}"));
                    continue;
                }
            };
            if !entry.file_type().map_or(false, |t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            if !config.extensions.iter().any(|e| *e == ext) {
                continue;
            }
            let rel = path.canonicalize().ok().and_then(|abs| abs.strip_prefix(&config.root).ok().map(Path::to_path_buf)).unwrap_or_else(|| path.to_path_buf());
            if !config.include.is_empty() && !include.is_match(&rel) {
                continue;
            }
            if exclude.is_match(&rel) {
                continue;
            }
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    files.dedup();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        match load(&f, config) {
            Ok((l, note)) => {
                if let Some(n) = note {
                    notes.push(format!("{}: {n}", l.display));
                }
                out.push(l);
            }
            Err(why) => {
                if explicit.contains(&f) && why.starts_with("cannot read") {
                    return Err(Fatal(format!("{}: {why}", display_path(&f))));
                }
                notes.push(format!("{}: {why}", display_path(&f)));
            }
        }
    }
    Ok((out, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert!(decode(b"abc\0def".to_vec()).is_err());
        let (t, n) = decode(vec![b'a', 0xFF, b'b']).unwrap();
        assert_eq!(t, "a\u{FFFD}b");
        assert!(n.unwrap().contains("not valid UTF-8"));
        let (t, n) = decode(vec![0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap();
        assert_eq!(t, "hi");
        assert!(n.is_some());
        assert_eq!(decode(Vec::new()).unwrap(), (String::new(), None));
    }
}

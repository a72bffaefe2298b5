//! Workspaces: each workspace folder is its own corpus with its own crosscheck.toml. With no
//! folders (or for a file outside every folder) the server works in single-file mode: the
//! file's configuration is found by walking up from it, and its corpus holds the open files that
//! share that configuration.
//!
//! Documents are keyed by their file path (as a string) when their URI is a `file:` URI, else by
//! the URI itself (`untitled:…`), so related locations from the core map back to URIs.

use super::config::{self, EditorSettings};
use crate::config::Config;
use crate::corpus::Corpus;
use globset::GlobSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Uri;

pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str().eq_ignore_ascii_case("file") {
        uri.to_file_path().map(|p| p.into_owned())
    } else {
        None
    }
}

/// The corpus key of a document.
pub fn key_of(uri: &Uri) -> String {
    match path_of(uri) {
        Some(p) => p.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}

/// The URI of a corpus key.
pub fn uri_of(key: &str) -> Option<Uri> {
    if Path::new(key).is_absolute() {
        Uri::from_file_path(key)
    } else {
        key.parse().ok()
    }
}

use crate::cli::files::globset;

pub struct Workspace {
    pub id: u64,
    /// The folder, for a workspace folder.
    pub root: Option<PathBuf>,
    /// The crosscheck.toml a single-file-mode corpus was found by (None: defaults).
    pub config_file: Option<PathBuf>,
    pub config: Config,
    /// Why the crosscheck.toml could not be used, if it could not.
    pub config_error: Option<String>,
    pub corpus: Corpus,
    /// Bumped on every reload, so results of an older index are dropped.
    pub generation: u64,
    /// For each open document in the corpus: the version its analysis is of.
    pub versions: HashMap<String, i32>,
    /// Its files are being read again: its corpus is not yet complete, so nothing is
    /// published as gone meanwhile.
    pub indexing: bool,
    include: GlobSet,
    exclude: GlobSet,
}

impl Workspace {
    fn new(id: u64, root: Option<PathBuf>, config_file: Option<PathBuf>, config: Config, config_error: Option<String>) -> Workspace {
        let mut corpus = Corpus::new(&config);
        // Messages name other files as the writer sees them in the folder, not by absolute path.
        corpus.set_display_root(root.as_deref().or_else(|| config_file.as_deref().and_then(Path::parent)));
        Workspace {
            id,
            root,
            config_file,
            corpus,
            include: globset(&config.include),
            exclude: globset(&config.exclude),
            config,
            config_error,
            generation: 0,
            versions: HashMap::new(),
            indexing: false,
        }
    }

    /// A workspace folder: every corpus file under it is read.
    pub fn is_folder(&self) -> bool {
        self.root.is_some()
    }

    /// Reload the configuration (file and settings) and start an empty corpus.
    pub fn reload(&mut self, settings: &EditorSettings) {
        let base = self.root.clone().or_else(|| self.config_file.as_ref().and_then(|f| f.parent().map(Path::to_path_buf)));
        let (config, error) = match &base {
            Some(b) => config::load(b, settings),
            None => {
                let mut c = Config::defaults(PathBuf::from("/"));
                settings.apply(&mut c);
                (c, None)
            }
        };
        let generation = self.generation + 1;
        *self = Workspace::new(self.id, self.root.take(), self.config_file.take(), config, error);
        self.generation = generation;
    }

    /// Whether the include/exclude globs admit `path`.
    pub fn admits(&self, path: &Path) -> bool {
        let rel = match path.strip_prefix(&self.config.root) {
            Ok(r) => r.to_path_buf(),
            Err(_) => path.canonicalize().ok().and_then(|a| a.strip_prefix(&self.config.root).ok().map(Path::to_path_buf)).unwrap_or_else(|| path.to_path_buf()),
        };
        (self.config.include.is_empty() || self.include.is_match(&rel)) && !self.exclude.is_match(&rel)
    }

    /// Whether a file found on disk (a watched or walked file) belongs to this corpus.
    pub fn reads(&self, path: &Path) -> bool {
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        self.root.as_ref().is_some_and(|r| path.starts_with(r)) && self.config.extensions.iter().any(|e| *e == ext) && self.admits(path)
    }
}

#[derive(Default)]
pub struct Workspaces {
    pub list: Vec<Workspace>,
    next_id: u64,
}

impl Workspaces {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Add a workspace folder and return its id.
    pub fn add_folder(&mut self, root: PathBuf, settings: &EditorSettings) -> u64 {
        let (config, error) = config::load(&root, settings);
        let id = self.id();
        self.list.push(Workspace::new(id, Some(root), None, config, error));
        id
    }

    pub fn remove_folder(&mut self, root: &Path) -> Option<Workspace> {
        let i = self.list.iter().position(|w| w.root.as_deref() == Some(root))?;
        Some(self.list.remove(i))
    }

    pub fn get(&self, id: u64) -> Option<&Workspace> {
        self.list.iter().find(|w| w.id == id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Workspace> {
        self.list.iter_mut().find(|w| w.id == id)
    }

    /// The deepest workspace folder holding `path`.
    pub fn folder_of(&self, path: &Path) -> Option<&Workspace> {
        self.list.iter().filter(|w| w.root.as_ref().is_some_and(|r| path.starts_with(r))).max_by_key(|w| w.root.as_ref().map_or(0, |r| r.components().count()))
    }

    /// The workspace a document belongs to, created in single-file mode when no folder holds it.
    pub fn for_key(&mut self, key: &str, settings: &EditorSettings) -> u64 {
        let path = Path::new(key);
        let abs = path.is_absolute();
        if abs {
            if let Some(w) = self.folder_of(path) {
                return w.id;
            }
        }
        let config_file = if abs { Config::find(path.parent().unwrap_or(path)) } else { None };
        if let Some(w) = self.list.iter().find(|w| w.root.is_none() && w.config_file == config_file) {
            return w.id;
        }
        let id = self.id();
        let mut w = Workspace::new(id, None, config_file, Config::defaults(PathBuf::from("/")), None);
        w.generation = 0;
        w.reload(settings);
        self.list.push(w);
        id
    }

    /// The workspace whose corpus holds `key`, if any.
    pub fn holding(&self, key: &str) -> Option<&Workspace> {
        self.list.iter().find(|w| w.corpus.get(key).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_uris_round_trip() {
        let uri: Uri = "file:///tmp/a%20b/%E2%80%9Cq%E2%80%9D.md".parse().unwrap();
        assert_eq!(key_of(&uri), "/tmp/a b/“q”.md");
        assert_eq!(key_of(&uri_of("/tmp/a b/“q”.md").unwrap()), "/tmp/a b/“q”.md");
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(key_of(&untitled), "untitled:Untitled-1");
        assert_eq!(uri_of("untitled:Untitled-1").unwrap(), untitled);
    }

    #[test]
    fn folders_nest_and_lone_files_share_their_config() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("inner/deep")).unwrap();
        std::fs::create_dir_all(root.join("lone")).unwrap();
        std::fs::write(root.join("lone/crosscheck.toml"), "exclude = [\"skip/**\"]\n").unwrap();
        let s = EditorSettings::default();
        let mut ws = Workspaces::default();
        let outer = ws.add_folder(root.join("inner"), &s);
        let deep = ws.add_folder(root.join("inner/deep"), &s);
        assert_eq!(ws.for_key(&root.join("inner/x.md").to_string_lossy(), &s), outer);
        assert_eq!(ws.for_key(&root.join("inner/deep/x.md").to_string_lossy(), &s), deep);
        let a = ws.for_key(&root.join("lone/a.md").to_string_lossy(), &s);
        let b = ws.for_key(&root.join("lone/b.md").to_string_lossy(), &s);
        assert_eq!(a, b);
        let w = ws.get(a).unwrap();
        assert!(w.config_file.is_some() && !w.is_folder());
        assert!(!w.admits(&root.join("lone/skip/c.md")));
        assert!(w.admits(&root.join("lone/c.md")));
        let u = ws.for_key("untitled:1", &s);
        assert!(u != a && u != outer);
    }
}

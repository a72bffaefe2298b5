//! The analysis worker: one thread that owns every change to the corpora.
//!
//! Handlers only record what changed (a document key, a file event) in [`Jobs`] and wake it. It
//! takes everything queued at once, so edits that arrive while it is busy coalesce into one run
//! over the newest text; there is no debounce delay. After each run it republishes every
//! document whose diagnostics changed, plus each edited document with its version. It runs its
//! analysis outside the locks, so requests keep being answered meanwhile, and it is the only
//! writer, so corpora only ever move forward: a result never replaces a newer one.

use super::config::{EditorSettings, Scope};
use super::diagnostics::{self, Published};
use super::state::{lock, read, write, DiskEvent, Jobs, Shared};
use super::workspace::uri_of;
use super::{index, panic_text};
use crate::cli::files;
use crate::config::FILE_NAME;
use crate::corpus::DocMemo;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{MessageType, PublishDiagnosticsParams, Uri};

pub fn spawn(shared: Arc<Shared>) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name("crosscheck-worker".into()).spawn(move || run(shared))
}

fn idle(j: &Jobs) -> bool {
    j.docs.is_empty() && j.disk.is_empty() && j.folders_added.is_empty() && j.folders_removed.is_empty() && !j.reload && j.indexed.is_empty() && !j.shutdown
}

fn run(shared: Arc<Shared>) {
    let mut published = Published::default();
    let mut memos: HashMap<String, DocMemo> = HashMap::new();
    loop {
        let jobs = {
            let mut j = lock(&shared.jobs);
            while idle(&j) {
                j = shared.wake.wait(j).unwrap_or_else(|e| e.into_inner());
            }
            std::mem::take(&mut *j)
        };
        if jobs.shutdown {
            break;
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cycle(&shared, &mut published, &mut memos, jobs)));
        if let Err(p) = r {
            shared.show(MessageType::ERROR, format!("crosscheck: internal error while analysing ({}); the server keeps running", panic_text(&*p)));
        }
        shared.analysed.notify_waiters();
    }
}

/// Open documents: key → (uri, version, version analysed).
fn open_docs(shared: &Shared) -> HashMap<String, (Uri, i32, Option<i32>)> {
    lock(&shared.docs).open.iter().map(|(k, d)| (k.clone(), (d.uri.clone(), d.version, d.analysed))).collect()
}

fn start_index(shared: &Arc<Shared>, id: u64) {
    if let Some(ws) = write(&shared.workspaces).get_mut(id) {
        ws.indexing = ws.root.is_some();
    }
    let w = read(&shared.workspaces);
    if let Some(ws) = w.get(id) {
        if let Some(root) = &ws.root {
            index::spawn(shared.clone(), id, ws.generation, root.clone(), ws.config.clone(), ws.corpus.shared_cues());
        }
        if let Some(e) = &ws.config_error {
            shared.show(MessageType::ERROR, format!("crosscheck: {e}"));
        }
    }
}

/// `CROSSCHECK_TRACE=1`: each cycle's phases and their times go to stderr, to see where an
/// edit's latency goes.
struct Trace {
    on: bool,
    last: std::time::Instant,
    parts: Vec<(&'static str, f64)>,
}

impl Trace {
    fn new() -> Trace {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let on = *ON.get_or_init(|| std::env::var_os("CROSSCHECK_TRACE").is_some_and(|v| !v.is_empty() && v != "0"));
        Trace { on, last: std::time::Instant::now(), parts: Vec::new() }
    }
    fn mark(&mut self, what: &'static str) {
        if self.on {
            let now = std::time::Instant::now();
            self.parts.push((what, (now - self.last).as_secs_f64() * 1e3));
            self.last = now;
        }
    }
    fn finish(self) {
        if self.on {
            let total: f64 = self.parts.iter().map(|p| p.1).sum();
            let parts: Vec<String> = self.parts.iter().map(|(w, ms)| format!("{w} {ms:.2}")).collect();
            eprintln!("crosscheck trace: cycle {total:.2} ms: {}", parts.join(", "));
        }
    }
}

/// Documents to re-link beyond which a refresh runs outside the lock.
const LARGE_REFRESH: usize = 64;

/// `memos`: each open document's sentences as last analysed, so that an edit scans again only
/// the sentences it touched.
fn cycle(shared: &Arc<Shared>, published: &mut Published, memos: &mut HashMap<String, DocMemo>, jobs: Jobs) {
    let mut trace = Trace::new();
    let settings: EditorSettings = read(&shared.settings).clone();
    let enc = shared.encoding();
    let mut dirty: BTreeSet<String> = jobs.docs;
    let mut edited: HashSet<String> = HashSet::new();
    let mut touched: HashSet<String> = dirty.iter().cloned().collect();
    let full = jobs.reload || !jobs.folders_added.is_empty() || !jobs.folders_removed.is_empty() || !jobs.indexed.is_empty();
    let open_keys: HashSet<String> = lock(&shared.docs).open.keys().cloned().collect();

    // Workspace folders removed and added: open documents may move between corpora.
    for root in &jobs.folders_removed {
        write(&shared.workspaces).remove_folder(root);
        dirty.extend(open_keys.iter().filter(|k| Path::new(k).starts_with(root)).cloned());
    }
    for root in jobs.folders_added {
        let id = write(&shared.workspaces).add_folder(root.clone(), &settings);
        start_index(shared, id);
        dirty.extend(open_keys.iter().filter(|k| Path::new(k).starts_with(&root)).cloned());
    }

    // Settings or a crosscheck.toml changed: reload every workspace and read it again.
    let config_changed = jobs.disk.iter().any(|(p, _)| p.file_name().is_some_and(|n| n == FILE_NAME));
    if jobs.reload || config_changed {
        let ids: Vec<u64> = {
            let mut w = write(&shared.workspaces);
            w.list.iter_mut().for_each(|ws| ws.reload(&settings));
            w.list.iter().map(|ws| ws.id).collect()
        };
        for id in ids {
            start_index(shared, id);
        }
        dirty.extend(open_keys.iter().cloned());
    } else {
        for (path, ev) in &jobs.disk {
            touched.extend(disk_event(shared, path, *ev, &open_keys));
        }
    }

    // Background index results. An index is done (its progress ends) once its corpus is linked
    // and published, not when its files are read: until then no diagnostic is complete.
    let mut merged = 0;
    for ix in jobs.indexed {
        {
            let mut w = write(&shared.workspaces);
            if let Some(ws) = w.get_mut(ix.workspace).filter(|ws| ws.generation == ix.generation) {
                ws.indexing = false;
                let listed: HashSet<&str> = ix.docs.iter().map(|d| d.0.as_str()).collect();
                let stale: Vec<String> = ws.corpus.docs().map(|(k, _)| k.clone()).filter(|k| !listed.contains(k.as_str()) && !open_keys.contains(k)).collect();
                for k in stale {
                    ws.corpus.remove(&k);
                }
                for (key, text, format, a) in ix.docs {
                    if !open_keys.contains(&key) {
                        ws.corpus.insert(&key, text, format, a);
                    }
                }
            }
        }
        for n in ix.notes {
            shared.log(MessageType::INFO, format!("crosscheck: {n}"));
        }
        merged += 1;
    }

    // Open documents opened, edited or closed.
    for key in dirty {
        let snap = lock(&shared.docs).open.get(&key).map(|d| (d.text(), d.version, d.format));
        match snap {
            Some((text, version, format)) => {
                let path = PathBuf::from(&key);
                let (id, cues, admitted, earlier) = {
                    let mut w = write(&shared.workspaces);
                    let id = w.for_key(&key, &settings);
                    for ws in w.list.iter_mut().filter(|ws| ws.id != id) {
                        ws.corpus.remove(&key);
                        ws.versions.remove(&key);
                    }
                    let ws = w.get(id).expect("workspace just found");
                    (id, ws.corpus.shared_cues(), ws.admits(&path), ws.corpus.get(&key).map(crate::corpus::Doc::held))
                };
                if admitted {
                    trace.mark("prepare");
                    let a = crate::corpus::analyse_doc_with(&key, &text, format, &cues, Some(memos.entry(key.clone()).or_default()), earlier.as_ref());
                    trace.mark("analyse");
                    let mut w = write(&shared.workspaces);
                    if let Some(ws) = w.get_mut(id) {
                        ws.corpus.insert(&key, text.into(), format, a);
                        ws.versions.insert(key.clone(), version);
                    }
                } else if let Some(ws) = write(&shared.workspaces).get_mut(id) {
                    ws.corpus.remove(&key);
                    ws.versions.remove(&key);
                }
                if let Some(d) = lock(&shared.docs).open.get_mut(&key) {
                    if d.version == version {
                        d.analysed = Some(version);
                    }
                }
                edited.insert(key);
            }
            None => {
                memos.remove(&key);
                // Closed: back to the disk's state, or out of the corpus when it is not a corpus file.
                let path = PathBuf::from(&key);
                let mut w = write(&shared.workspaces);
                let mut reread = None;
                for ws in w.list.iter_mut().filter(|ws| ws.corpus.get(&key).is_some()) {
                    ws.versions.remove(&key);
                    ws.corpus.remove(&key);
                    if ws.reads(&path) && path.is_file() {
                        reread = Some(ws.id);
                    }
                }
                drop(w);
                if reread.is_some() {
                    touched.extend(disk_event(shared, &path, DiskEvent::Changed, &HashSet::new()));
                }
            }
        }
    }

    trace.mark("documents");
    // Re-link entities and claims; every document whose findings that changed is published.
    let mut retired = Vec::new();
    let mut old_corpora = Vec::new();
    // A large refresh (an index merged, a reload) takes seconds on a big corpus: it runs on a
    // copy, outside the lock, so that requests keep being answered from the corpus as it was.
    // The worker is the only writer, so nothing changes the corpus meanwhile.
    let big: Vec<u64> = read(&shared.workspaces).list.iter().filter(|ws| ws.corpus.pending() > LARGE_REFRESH).map(|ws| ws.id).collect();
    for id in big {
        let Some(mut copy) = read(&shared.workspaces).get(id).map(|ws| ws.corpus.clone()) else { continue };
        touched.extend(copy.refresh());
        retired.extend(copy.take_retired());
        if let Some(ws) = write(&shared.workspaces).get_mut(id) {
            old_corpora.push(std::mem::replace(&mut ws.corpus, copy));
        }
    }
    for ws in write(&shared.workspaces).list.iter_mut() {
        touched.extend(ws.corpus.refresh());
        retired.extend(ws.corpus.take_retired());
    }
    trace.mark("refresh");

    let full = full || config_changed;
    publish(shared, published, &settings, enc, &edited, if full { None } else { Some(&touched) });
    trace.mark("publish");
    if merged > 0 {
        let mut p = lock(&shared.progress);
        p.running = p.running.saturating_sub(merged);
        if p.running == 0 {
            p.finished = Some(std::time::Instant::now());
        }
    }
    // Replaced analyses are freed once the writer has their diagnostics.
    drop(retired);
    drop(old_corpora);
    trace.mark("free");
    trace.finish();
}

/// A file changed or was deleted on disk (not open: an open document's text wins). Returns
/// the documents it added, changed or removed.
fn disk_event(shared: &Shared, path: &Path, ev: DiskEvent, open: &HashSet<String>) -> Vec<String> {
    let key = path.to_string_lossy().into_owned();
    if open.contains(&key) {
        return Vec::new();
    }
    if ev == DiskEvent::Deleted || !path.exists() {
        // A deleted folder takes every file under it along.
        let mut w = write(&shared.workspaces);
        let mut removed = Vec::new();
        for ws in w.list.iter_mut() {
            let gone: Vec<String> = ws.corpus.docs().map(|(k, _)| k.clone()).filter(|k| (*k == key || Path::new(k).starts_with(path)) && !open.contains(k)).collect();
            for k in gone {
                ws.corpus.remove(&k);
                removed.push(k);
            }
        }
        return removed;
    }
    let target = {
        let w = read(&shared.workspaces);
        w.folder_of(path).map(|ws| (ws.id, ws.generation, ws.config.clone(), ws.corpus.shared_cues(), ws.reads(path) || path.is_dir()))
    };
    let Some((id, generation, config, cues, wanted)) = target else { return Vec::new() };
    if !wanted {
        if let Some(ws) = write(&shared.workspaces).get_mut(id) {
            ws.corpus.remove(&key);
        }
        return vec![key];
    }
    let (loaded, notes) = if path.is_dir() {
        files::collect(&[path.to_path_buf()], &config).unwrap_or_else(|f| (Vec::new(), vec![f.0]))
    } else {
        match files::load(path, &config) {
            Ok((l, note)) => (vec![l], note.into_iter().map(|n| format!("{key}: {n}")).collect()),
            Err(why) => (Vec::new(), vec![format!("{key}: {why}")]),
        }
    };
    for n in notes {
        shared.log(MessageType::INFO, format!("crosscheck: {n}"));
    }
    let analysed: Vec<_> = loaded.into_iter().filter(|l| !open.contains(&*l.path.to_string_lossy())).map(|l| {
        let a = crate::corpus::analyse_doc(&l.path.to_string_lossy(), &l.text, l.format, &cues);
        (l, a)
    }).collect();
    let mut w = write(&shared.workspaces);
    let mut changed = vec![key.clone()];
    if let Some(ws) = w.get_mut(id).filter(|ws| ws.generation == generation) {
        if analysed.is_empty() {
            ws.corpus.remove(&key);
        }
        for (l, a) in analysed {
            let k = l.path.to_string_lossy().into_owned();
            ws.corpus.insert(&k, Arc::from(l.text), l.format, a);
            changed.push(k);
        }
    }
    changed
}

/// Publish every document whose diagnostics changed, and every edited document (with its
/// version). Documents whose newer text is still waiting for analysis are left for the next run.
///
/// Open documents are always compared (they are few, and what the writer looks at). Other
/// corpus files (scope `corpus`) are compared when `touched` names them, or all of them when
/// `touched` is None (after an index, a reload or a folder change).
/// Findings of one document depend on others (claims, entity spellings): `Corpus::refresh`
/// returns every document whose findings may have changed, and the cycle adds them to `touched`.
fn publish(shared: &Shared, published: &mut Published, settings: &EditorSettings, enc: super::position::Encoding, edited: &HashSet<String>, touched: Option<&HashSet<String>>) {
    let open = open_docs(shared);
    let w = read(&shared.workspaces);
    let corpus_scope = settings.scope() == Scope::Corpus;
    // Corpora being read again are left as they were published until their index arrives.
    let frozen: Vec<&Path> = w.list.iter().filter(|ws| ws.indexing).filter_map(|ws| ws.root.as_deref()).collect();
    let is_frozen = |k: &str| !open.contains_key(k) && frozen.iter().any(|r| Path::new(k).starts_with(r));
    let is_target = |k: &str| open.contains_key(k) || (corpus_scope && w.holding(k).is_some());
    let mut candidates: BTreeSet<&str> = open.keys().map(String::as_str).collect();
    match touched {
        Some(t) => candidates.extend(t.iter().map(String::as_str)),
        None => {
            if corpus_scope {
                for ws in &w.list {
                    candidates.extend(ws.corpus.docs().map(|(k, _)| k.as_str()));
                }
            }
        }
    }
    let mut gone: Vec<String> = match touched {
        Some(_) => Vec::new(),
        None => published.keys().into_iter().filter(|k| !is_target(k)).collect(),
    };
    let mut out = Vec::new();
    for key in candidates {
        if is_frozen(key) {
            continue;
        }
        if !is_target(key) {
            gone.push(key.to_string());
            continue;
        }
        let version = match open.get(key) {
            Some((_, v, analysed)) if *analysed != Some(*v) => continue,
            Some((_, v, _)) => Some(*v),
            None => None,
        };
        let diags = w.holding(key).map(|ws| diagnostics::of_document(&ws.corpus, key, enc)).unwrap_or_default();
        if published.update(key, &diags, edited.contains(key)) {
            let uri = open.get(key).map(|o| o.0.clone()).or_else(|| uri_of(key));
            if let Some(uri) = uri {
                out.push(PublishDiagnosticsParams { uri, diagnostics: diags, version });
            }
        }
    }
    for key in gone {
        if is_frozen(&key) {
            continue;
        }
        if published.update(&key, &[], false) {
            if let Some(uri) = uri_of(&key) {
                out.push(PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None });
            }
        }
        published.forget(&key);
    }
    drop(w);
    for p in out {
        shared.out.notify("textDocument/publishDiagnostics", &p);
    }
}

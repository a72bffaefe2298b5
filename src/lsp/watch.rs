//! Keeping the corpus true to the disk: the client's file watcher when it can register one
//! dynamically (`workspace/didChangeWatchedFiles`), else a polling fallback that compares file
//! sizes and modification times every `poll-interval-ms`.

use super::state::{lock, read, DiskEvent, Shared};
use crate::config::FILE_NAME;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tower_lsp_server::ls_types::{DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration};
use tower_lsp_server::Client;

/// Ask the client to watch every file: the server filters by extension and crosscheck.toml
/// itself, so a change of `extensions` needs no new registration, and a deleted folder arrives
/// as one event for the folder.
pub async fn register(client: &Client) -> Result<(), String> {
    let options = DidChangeWatchedFilesRegistrationOptions { watchers: vec![FileSystemWatcher { glob_pattern: GlobPattern::String("**/*".into()), kind: None }] };
    let registration = Registration {
        id: "crosscheck-watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: Some(serde_json::to_value(options).map_err(|e| e.to_string())?),
    };
    client.register_capability(vec![registration]).await.map_err(|e| e.to_string())
}

type Snapshot = HashMap<PathBuf, (Option<SystemTime>, u64)>;

/// The corpus files on disk with their stamps, and what the corpora disagree with the disk
/// about: files they should hold and do not, and files they hold that are gone.
fn scan(shared: &Shared) -> (Snapshot, Vec<(PathBuf, DiskEvent)>) {
    let roots: Vec<PathBuf> = read(&shared.workspaces).list.iter().filter(|w| !w.indexing).filter_map(|w| w.root.clone()).collect();
    let mut found = Vec::new();
    for root in &roots {
        for entry in ignore::WalkBuilder::new(root).require_git(false).hidden(true).follow_links(false).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                if let Ok(m) = entry.metadata() {
                    found.push((entry.into_path(), (m.modified().ok(), m.len())));
                }
            }
        }
    }
    let open: std::collections::HashSet<String> = lock(&shared.docs).open.keys().cloned().collect();
    let w = read(&shared.workspaces);
    let now: Snapshot = found.into_iter().filter(|(p, _)| p.file_name().is_some_and(|n| n == FILE_NAME) || w.folder_of(p).is_some_and(|ws| ws.reads(p))).collect();
    let mut events = Vec::new();
    for ws in w.list.iter().filter(|ws| !ws.indexing && ws.root.as_ref().is_some_and(|r| roots.contains(r))) {
        for (k, _) in ws.corpus.docs() {
            if !open.contains(k) && !now.contains_key(std::path::Path::new(k)) {
                events.push((PathBuf::from(k), DiskEvent::Deleted));
            }
        }
    }
    for p in now.keys() {
        let key = p.to_string_lossy();
        if p.file_name().is_some_and(|n| n != FILE_NAME) && !open.contains(&*key) && w.holding(&key).is_none() {
            events.push((p.clone(), DiskEvent::Changed));
        }
    }
    (now, events)
}

/// Poll the workspace folders for changes until the server stops.
pub fn spawn_poller(shared: Arc<Shared>) {
    let _ = std::thread::Builder::new().name("crosscheck-poll".into()).spawn(move || {
        let mut before: Option<Snapshot> = None;
        loop {
            let interval = read(&shared.settings).poll_interval_ms();
            std::thread::sleep(Duration::from_millis(if interval == 0 { 1000 } else { interval }));
            if shared.stopping.load(Ordering::Relaxed) {
                break;
            }
            if interval == 0 || !lock(&shared.progress).done() {
                continue;
            }
            let (now, mut events) = scan(&shared);
            if let Some(old) = &before {
                for (p, stamp) in &now {
                    if old.get(p).is_some_and(|s| s != stamp) || (old.get(p).is_none() && p.file_name().is_some_and(|n| n == FILE_NAME)) {
                        events.push((p.clone(), DiskEvent::Changed));
                    }
                }
                for p in old.keys().filter(|p| !now.contains_key(*p) && p.file_name().is_some_and(|n| n == FILE_NAME)) {
                    events.push((p.clone(), DiskEvent::Deleted));
                }
            }
            events.sort_by(|a, b| a.0.cmp(&b.0));
            events.dedup_by(|a, b| a.0 == b.0);
            if !events.is_empty() {
                shared.submit(|j| j.disk.extend(events));
            }
            before = Some(now);
        }
    });
}

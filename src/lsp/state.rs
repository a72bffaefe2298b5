//! The state the handlers, the analysis worker and the indexer share, and the queue of work
//! for the worker.
//!
//! Locks are std locks held for short, synchronous sections and never across an `.await`; no
//! code holds two of them at once. A panic while one is held does not poison the server: every
//! lock is taken through [`lock`], [`read`] or [`write`], which ignore poisoning (the worker
//! only ever replaces whole values under a lock, so a half-done update cannot be observed).

use super::config::EditorSettings;
use super::documents::Documents;
use super::position::Encoding;
use super::workspace::Workspaces;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;
use super::framing::Notifier;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{LogMessageParams, MessageType, ShowMessageParams};

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
pub fn read<T>(m: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}
pub fn write<T>(m: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

/// A file event from the client's watcher or the polling fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskEvent {
    /// Created or changed: read it again.
    Changed,
    Deleted,
}

/// One background index's results for a workspace.
pub struct Indexed {
    pub workspace: u64,
    pub generation: u64,
    pub docs: Vec<(String, std::sync::Arc<str>, crate::text::Format, crate::corpus::Analysed)>,
    pub notes: Vec<String>,
}

/// Work waiting for the worker. Everything here coalesces: ten edits to one document before
/// the worker wakes are one entry in `docs`.
#[derive(Default)]
pub struct Jobs {
    /// Open documents opened, changed or closed.
    pub docs: BTreeSet<String>,
    pub disk: Vec<(PathBuf, DiskEvent)>,
    pub folders_added: Vec<PathBuf>,
    pub folders_removed: Vec<PathBuf>,
    /// The editor's settings changed: reload every workspace.
    pub reload: bool,
    pub indexed: Vec<Indexed>,
    pub shutdown: bool,
}

/// Counters for the initial index's `$/progress` reports and the throughput it reports.
#[derive(Debug, Default, Clone)]
pub struct IndexProgress {
    /// Indexes asked for (a folder added, a reload) and not yet started.
    pub queued: usize,
    /// Indexes started and not yet merged into their corpus.
    pub running: usize,
    pub files_total: usize,
    pub files_done: usize,
    pub bytes_done: u64,
    pub started: Option<Instant>,
    pub finished: Option<Instant>,
}

pub struct Shared {
    pub docs: Mutex<Documents>,
    pub workspaces: RwLock<Workspaces>,
    pub settings: RwLock<EditorSettings>,
    pub encoding: RwLock<Encoding>,
    pub jobs: Mutex<Jobs>,
    pub wake: Condvar,
    /// Notifications to the client: diagnostics, log and shown messages.
    pub out: Notifier,
    pub progress: Mutex<IndexProgress>,
    /// Notified after every worker cycle, for requests waiting for the newest analysis.
    pub analysed: Notify,
    /// Set on shutdown: background threads stop.
    pub stopping: std::sync::atomic::AtomicBool,
}

impl IndexProgress {
    pub fn done(&self) -> bool {
        self.running == 0 && self.queued == 0
    }
}

impl Shared {
    pub fn new(out: Notifier) -> Shared {
        Shared {
            docs: Mutex::new(Documents::default()),
            workspaces: RwLock::new(Workspaces::default()),
            settings: RwLock::new(EditorSettings::default()),
            encoding: RwLock::new(Encoding::Utf16),
            jobs: Mutex::new(Jobs::default()),
            wake: Condvar::new(),
            out,
            progress: Mutex::new(IndexProgress::default()),
            analysed: Notify::new(),
            stopping: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Queue work and wake the worker.
    pub fn submit(&self, f: impl FnOnce(&mut Jobs)) {
        f(&mut lock(&self.jobs));
        self.wake.notify_one();
    }

    pub fn encoding(&self) -> Encoding {
        *read(&self.encoding)
    }

    pub fn log(&self, level: MessageType, msg: impl Into<String>) {
        self.out.notify("window/logMessage", &LogMessageParams { typ: level, message: msg.into() });
    }

    pub fn show(&self, level: MessageType, msg: impl Into<String>) {
        self.out.notify("window/showMessage", &ShowMessageParams { typ: level, message: msg.into() });
    }
}

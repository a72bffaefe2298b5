//! The background index: every corpus file under a workspace folder, read (respecting
//! .gitignore and crosscheck.toml, as the CLI does) and analysed on all cores, off the thread
//! that reads requests and off the worker, which stays free for edits. The results go to the
//! worker, which merges them into the corpus (an open document's text wins over the disk's).

use super::state::{lock, IndexProgress, Indexed, Shared};
use crate::corpus::{analyse_doc, Analysed};
use crate::attribution::Cues;
use crate::cli::files;
use crate::config::Config;
use crate::text::Format;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

type Docs = Vec<(String, Arc<str>, Format, Analysed)>;

/// Start indexing `root` for workspace `workspace` at `generation`.
pub fn spawn(shared: Arc<Shared>, workspace: u64, generation: u64, root: PathBuf, config: Config, cues: Arc<Cues>) {
    {
        let mut p = lock(&shared.progress);
        if p.running == 0 {
            *p = IndexProgress { queued: p.queued, started: Some(Instant::now()), ..Default::default() };
        }
        p.queued = p.queued.saturating_sub(1);
        p.running += 1;
    }
    let s = shared.clone();
    let started = std::thread::Builder::new().name("crosscheck-index".into()).spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index(&s, &root, &config, &cues)));
        let (docs, notes) = result.unwrap_or_else(|p| (Vec::new(), vec![format!("indexing {} failed: {}", root.display(), super::panic_text(&*p))]));
        s.submit(|j| j.indexed.push(Indexed { workspace, generation, docs, notes }));
    });
    if let Err(e) = started {
        shared.submit(|j| j.indexed.push(Indexed { workspace, generation, docs: Vec::new(), notes: vec![format!("cannot start indexing: {e}")] }));
    }
}

fn index(shared: &Shared, root: &std::path::Path, config: &Config, cues: &Cues) -> (Docs, Vec<String>) {
    let (loaded, notes) = match files::collect(&[root.to_path_buf()], config) {
        Ok(x) => x,
        Err(f) => return (Vec::new(), vec![f.0]),
    };
    lock(&shared.progress).files_total += loaded.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(loaded.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Analysed)>> = Mutex::new(Vec::with_capacity(loaded.len()));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    if shared.stopping.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(l) = loaded.get(i) else { break };
                    mine.push((i, analyse_doc(&l.path.to_string_lossy(), &l.text, l.format, cues)));
                    let mut p = lock(&shared.progress);
                    p.files_done += 1;
                    p.bytes_done += l.text.len() as u64;
                }
                lock(&results).extend(mine);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    let mut loaded: Vec<Option<files::Loaded>> = loaded.into_iter().map(Some).collect();
    let docs = results
        .into_iter()
        .filter_map(|(i, a)| {
            let l = loaded[i].take()?;
            Some((l.path.to_string_lossy().into_owned(), Arc::from(l.text), l.format, a))
        })
        .collect();
    (docs, notes)
}

//! `$/progress` work-done reports for the background index: files read so far, then the linking
//! of names and claims across the corpus, and at the end how many files and megabytes were
//! indexed and at what throughput (reading, analysing and linking: until diagnostics are whole).

use super::state::{lock, Shared};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::NumberOrString;
use tower_lsp_server::Client;

pub const TOKEN: &str = "crosscheck-index";

/// Report the index's progress until every running index is merged into its corpus.
pub async fn report(client: Client, shared: Arc<Shared>) {
    let token = NumberOrString::String(TOKEN.into());
    if client.create_work_done_progress(token.clone()).await.is_err() {
        return;
    }
    let progress = client.progress(token, "crosscheck: indexing").with_message("reading files").with_percentage(0).begin().await;
    let mut last = (usize::MAX, usize::MAX);
    loop {
        let p = lock(&shared.progress).clone();
        if p.done() {
            let secs = match (p.started, p.finished) {
                (Some(s), Some(f)) => f.duration_since(s).as_secs_f64(),
                _ => 0.0,
            };
            let mb = p.bytes_done as f64 / 1_000_000.0;
            let rate = if secs > 0.0 { format!(", {:.1} MB/s", mb / secs) } else { String::new() };
            progress.finish_with_message(format!("indexed {} files, {mb:.1} MB in {secs:.2} s{rate}", p.files_done)).await;
            return;
        }
        if (p.files_done, p.files_total) != last {
            last = (p.files_done, p.files_total);
            let pct = if p.files_total == 0 { 0 } else { (p.files_done * 100 / p.files_total).min(99) as u32 };
            // Every file read: what is left is linking names and claims across the corpus.
            let msg = if p.files_total > 0 && p.files_done >= p.files_total {
                format!("{}/{} files read; linking names and claims", p.files_done, p.files_total)
            } else {
                format!("{}/{} files", p.files_done, p.files_total)
            };
            progress.report_with_message(msg, pct).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

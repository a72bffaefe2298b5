//! `crosscheck lsp`: the language server over stdio (tower-lsp-server).
//!
//! The only part of crosscheck that knows LSP. It converts the core's byte offsets to positions
//! in the negotiated encoding (`position`), keeps open documents (`documents`), one corpus per
//! workspace folder (`workspace`, `config`), and a single analysis worker (`worker`) that
//! applies every change, fed by the background index (`index`) and file watching (`watch`),
//! and publishes diagnostics diffed per file (`diagnostics`). Requests (`handlers`) read a
//! consistent snapshot; names and claims go through the `navigation` boundary. `framing` sits in
//! front of stdin so that a malformed message is answered with an error instead of ending the
//! session.

pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod framing;
pub mod handlers;
pub mod index;
pub mod navigation;
pub mod position;
pub mod progress;
pub mod server;
pub mod state;
pub mod watch;
pub mod worker;
pub mod workspace;

pub use server::Backend;

use tower_lsp_server::{LspService, Server};

/// The text of a caught panic.
pub(crate) fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".into())
}

/// Serve LSP on any byte streams (the pipes of [`framing::serve_checked`]), with background
/// notifications through `notifier`. Returns
/// whether the client asked for `shutdown` before the stream ended.
pub async fn serve<I, O>(input: I, output: O, notifier: framing::Notifier) -> bool
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let mut shared = None;
    let (service, socket) = LspService::new(|client| {
        let b = Backend::new(client, notifier);
        shared = Some(b.shared.clone());
        b
    });
    Server::new(input, output, socket).serve(service).await;
    shared.is_some_and(|s| s.stopping.load(std::sync::atomic::Ordering::Relaxed))
}

/// Run the server on stdin/stdout, behind [`framing`]; returns the exit code (0 after shutdown
/// then exit, 1 when the client exits or goes away without shutdown, as LSP asks).
pub fn run_stdio() -> i32 {
    // One runtime thread: handlers only read snapshots and record changes (the analysis has a
    // thread of its own, as do the index and the writer), and a single thread spares every
    // message a wake-up of another (0.1 ms of each edit's round trip on a 2-core machine).
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("crosscheck: error: cannot start the runtime: {e}");
            return 2;
        }
    };
    let clean = rt.block_on(framing::serve_checked(tokio::io::stdin(), std::io::stdout()));
    // Reading stdin blocks a thread that would hold the runtime open: do not wait for it.
    rt.shutdown_background();
    if clean {
        0
    } else {
        1
    }
}

//! The `LanguageServer` implementation: lifecycle, text sync, settings, workspace folders and
//! file events (recorded, then handed to the worker), and requests (answered from a consistent
//! snapshot through `handlers`, each inside a panic guard).
//!
//! Notification handlers never `.await` before the document state is updated: tower-lsp-server
//! runs up to four handlers at once, and only the part before the first `.await` is sure to run
//! in the order the client sent the notifications.

use super::config::EditorSettings;
use super::documents::Document;
use super::handlers::{self, Ctx};
use super::position::Encoding;
use super::framing::Notifier;
use super::state::{lock, read, write, DiskEvent, Shared};
use super::workspace::{key_of, path_of};
use super::{panic_text, progress, watch, worker};
use crate::text::Format;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client said it can do.
#[derive(Debug, Default, Clone, Copy)]
struct Caps {
    dynamic_watch: bool,
    progress: bool,
    pull_configuration: bool,
}

pub struct Backend {
    client: Client,
    pub(crate) shared: Arc<Shared>,
    /// Whether the analysis worker has been started (by the first `initialize`).
    started: std::sync::atomic::AtomicBool,
    caps: Mutex<Caps>,
}

/// Test hook: `CROSSCHECK_LSP_FAULT=<method>` makes that request handler panic, to show that a
/// panic is caught, reported, and the server keeps serving.
fn fault(method: &str) {
    static FAULT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if FAULT.get_or_init(|| std::env::var("CROSSCHECK_LSP_FAULT").ok()).as_deref() == Some(method) {
        panic!("fault injected into {method} (CROSSCHECK_LSP_FAULT)");
    }
}

fn language_format(language_id: &str, key: &str) -> Format {
    match language_id {
        "markdown" | "mdx" => Format::Markdown,
        "plaintext" | "text" => Format::Plain,
        _ => Format::from_path(key),
    }
}

impl Backend {
    pub fn new(client: Client, notifier: Notifier) -> Backend {
        Backend { client, shared: Arc::new(Shared::new(notifier)), started: false.into(), caps: Mutex::new(Caps::default()) }
    }

    /// The client has our initialize response (it sent something after it): notifications
    /// held back until now may go.
    fn open_gate(&self) {
        self.shared.out.open();
    }

    /// Run a request's work, turning a panic into an error response (and a log message).
    fn guard<R>(&self, method: &str, f: impl FnOnce() -> R) -> Result<R> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fault(method);
            f()
        }))
        .map_err(|p| {
            let msg = format!("crosscheck: {method} failed: {}", panic_text(&*p));
            self.shared.log(MessageType::ERROR, msg.clone());
            Error { code: ErrorCode::InternalError, message: msg.into(), data: None }
        })
    }

    /// Answer from the document as the client holds it: wait (without blocking anything) until
    /// the worker has analysed the open document's newest version. `Ok(None)` for a document the
    /// server does not know.
    async fn with_doc<R>(&self, uri: &Uri, method: &str, f: impl Fn(&Ctx) -> R) -> Result<Option<R>> {
        self.open_gate();
        let key = key_of(uri);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.shared.analysed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(r) = self.try_doc(uri, &key, method, &f) {
                return r;
            }
            if Instant::now() > deadline {
                return Err(Error { code: ErrorCode::ContentModified, message: "the document is still being analysed; try again".into(), data: None });
            }
            let _ = tokio::time::timeout(Duration::from_millis(50), notified).await;
        }
    }

    #[allow(clippy::type_complexity)]
    fn try_doc<R>(&self, uri: &Uri, key: &str, method: &str, f: &impl Fn(&Ctx) -> R) -> Option<Result<Option<R>>> {
        let open = lock(&self.shared.docs).open.get(key).map(|d| (d.version, d.analysed));
        if let Some((v, a)) = open {
            if a != Some(v) {
                return None;
            }
        }
        let all = read(&self.shared.workspaces);
        let Some(ws) = all.holding(key) else {
            return Some(Ok(None));
        };
        if let Some((v, _)) = open {
            if ws.versions.get(key) != Some(&v) {
                return None;
            }
        }
        let doc = ws.corpus.get(key)?;
        let ctx = Ctx { uri, key, ws, all: &all, doc, enc: self.shared.encoding() };
        Some(self.guard(method, || f(&ctx)).map(Some))
    }

    fn apply_settings(&self, value: &serde_json::Value) {
        let (s, warnings) = EditorSettings::from_json(value);
        for w in warnings {
            self.shared.show(MessageType::WARNING, format!("crosscheck: {w}"));
        }
        *write(&self.shared.settings) = s;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let enc = Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        *write(&self.shared.encoding) = enc;
        let ws_caps = caps.workspace.as_ref();
        *lock(&self.caps) = Caps {
            dynamic_watch: ws_caps.and_then(|w| w.did_change_watched_files.as_ref()).and_then(|d| d.dynamic_registration).unwrap_or(false),
            progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
            pull_configuration: ws_caps.and_then(|w| w.configuration).unwrap_or(false),
        };
        if let Some(opts) = &params.initialization_options {
            self.apply_settings(opts);
        }
        #[allow(deprecated)]
        let folders: Vec<_> = match (&params.workspace_folders, &params.root_uri) {
            (Some(f), _) => f.iter().filter_map(|f| path_of(&f.uri)).collect(),
            (None, Some(root)) => path_of(root).into_iter().collect(),
            (None, None) => Vec::new(),
        };
        if !self.started.swap(true, Ordering::SeqCst) {
            if let Err(e) = worker::spawn(self.shared.clone()) {
                return Err(Error { code: ErrorCode::InternalError, message: format!("cannot start the analysis worker: {e}").into(), data: None });
            }
        }
        lock(&self.shared.progress).queued += folders.len();
        self.shared.submit(|j| j.folders_added.extend(folders));
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions { code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]), ..Default::default() })),
                rename_provider: Some(OneOf::Right(RenameOptions { prepare_provider: Some(true), work_done_progress_options: Default::default() })),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities { supported: Some(true), change_notifications: Some(OneOf::Left(true)) }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo { name: "crosscheck".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.open_gate();
        let caps = *lock(&self.caps);
        if caps.progress {
            tokio::spawn(progress::report(self.client.clone(), self.shared.clone()));
        }
        // Register the watcher in its own task: a handler that awaits the client's answer would
        // hold up `shutdown` and `exit` when the client never answers (or answers late).
        let client = self.client.clone();
        let shared = self.shared.clone();
        let dynamic = caps.dynamic_watch;
        tokio::spawn(async move {
            let registered = if dynamic {
                match watch::register(&client).await {
                    Ok(()) => true,
                    Err(e) => {
                        shared.log(MessageType::WARNING, format!("crosscheck: could not register a file watcher ({e}); polling instead"));
                        false
                    }
                }
            } else {
                false
            };
            if !registered {
                watch::spawn_poller(shared);
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.submit(|j| j.shutdown = true);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let key = key_of(&d.uri);
        let format = language_format(&d.language_id, &key);
        lock(&self.shared.docs).open.insert(key.clone(), Document::new(d.uri, &d.text, d.version, format));
        self.shared.submit(|j| {
            j.docs.insert(key);
        });
        self.open_gate();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let key = key_of(&params.text_document.uri);
        let enc = self.shared.encoding();
        let r = lock(&self.shared.docs).change(&key, params.text_document.version, &params.content_changes, enc);
        match r {
            Ok(()) => self.shared.submit(|j| {
                j.docs.insert(key);
            }),
            Err(e) => self.shared.log(MessageType::WARNING, format!("crosscheck: {}: {e}", params.text_document.uri.as_str())),
        }
        self.open_gate();
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let key = key_of(&params.text_document.uri);
        if lock(&self.shared.docs).open.remove(&key).is_some() {
            self.shared.submit(|j| {
                j.docs.insert(key);
            });
        }
        self.open_gate();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let events: Vec<_> = params
            .changes
            .iter()
            .filter_map(|c| {
                let p = path_of(&c.uri)?;
                Some((p, if c.typ == FileChangeType::DELETED { DiskEvent::Deleted } else { DiskEvent::Changed }))
            })
            .collect();
        self.shared.submit(|j| j.disk.extend(events));
        self.open_gate();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.open_gate();
        let empty = params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
        if empty && lock(&self.caps).pull_configuration {
            let item = ConfigurationItem { scope_uri: None, section: Some("crosscheck".into()) };
            match self.client.configuration(vec![item]).await {
                Ok(mut v) if !v.is_empty() => self.apply_settings(&v.swap_remove(0)),
                Ok(_) => {}
                Err(e) => self.shared.log(MessageType::WARNING, format!("crosscheck: workspace/configuration failed: {e}")),
            }
        } else {
            self.apply_settings(&params.settings);
        }
        self.shared.submit(|j| j.reload = true);
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added: Vec<_> = params.event.added.iter().filter_map(|f| path_of(&f.uri)).collect();
        let removed: Vec<_> = params.event.removed.iter().filter_map(|f| path_of(&f.uri)).collect();
        lock(&self.shared.progress).queued += added.len();
        self.shared.submit(|j| {
            j.folders_added.extend(added);
            j.folders_removed.extend(removed);
        });
        self.open_gate();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        Ok(self.with_doc(&p.text_document.uri, "textDocument/hover", |c| handlers::hover(c, p.position)).await?.flatten())
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let r = self.with_doc(&params.text_document.uri, "textDocument/documentSymbol", handlers::document_symbols).await?;
        Ok(r.map(DocumentSymbolResponse::Nested))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        if let Some(only) = &params.context.only {
            if !only.iter().any(|k| k.as_str() == "quickfix" || k.as_str().is_empty()) {
                return Ok(None);
            }
        }
        let range = params.range;
        self.with_doc(&params.text_document.uri, "textDocument/codeAction", |c| handlers::code_actions(c, range)).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let r = self.with_doc(&p.text_document.uri, "textDocument/definition", |c| handlers::definition(c, p.position)).await?;
        Ok(r.flatten().map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let include = params.context.include_declaration;
        self.with_doc(&p.text_document.uri, "textDocument/references", |c| handlers::references(c, p.position, include)).await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.with_doc(&p.text_document.uri, "textDocument/documentHighlight", |c| handlers::highlights(c, p.position)).await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        Ok(self.with_doc(&params.text_document.uri, "textDocument/prepareRename", |c| handlers::prepare_rename(c, params.position)).await?.flatten())
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let name = params.new_name;
        match self.with_doc(&p.text_document.uri, "textDocument/rename", |c| handlers::rename(c, p.position, &name)).await? {
            None => Ok(None),
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(why)) => Err(Error { code: ErrorCode::InvalidRequest, message: why.into(), data: None }),
        }
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.open_gate();
        let enc = self.shared.encoding();
        let all = read(&self.shared.workspaces);
        let r = self.guard("workspace/symbol", || handlers::workspace_symbols(&all, &params.query, enc))?;
        Ok(Some(WorkspaceSymbolResponse::Nested(r)))
    }
}

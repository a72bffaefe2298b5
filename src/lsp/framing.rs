//! Content-Length framing in front of tower-lsp-server.
//!
//! tower-lsp-server 0.23 ends the session on the first message it cannot decode (its framed
//! reader stops after an error), so one stray byte from an editor plugin would kill the server.
//! Here every message from the client is read and checked first: a good one is forwarded,
//! re-framed, to the server through an in-process pipe; a bad one (no or bad Content-Length,
//! not JSON, not a JSON-RPC message, over [`MAX_MESSAGE`]) is answered with a JSON-RPC error and
//! dropped. The server's output and those errors reach stdout through one writer, so frames
//! never interleave.

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message body accepted: room for a 10 MB document sent with every character
/// escaped, small enough that a bad length cannot exhaust memory.
pub const MAX_MESSAGE: usize = 64 << 20;
/// A header block longer than this is garbage, not headers.
const MAX_HEADER: usize = 8 << 10;
const CONTENT_LENGTH: &[u8] = b"content-length";

/// JSON-RPC error codes used here.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// One read from the client's byte stream.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body, as framed by its Content-Length.
    Body(Vec<u8>),
    /// Something that cannot be a message, and why in plain words. The stream has been
    /// skipped to where the next message may start.
    Bad { code: i64, why: String },
}

/// Reads Content-Length framed messages, recovering from bad ones.
pub struct FrameReader<R> {
    r: R,
    buf: Vec<u8>,
    max: usize,
    eof: bool,
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// The end of the header block starting at 0 (just past its empty line), if it is complete.
fn header_end(buf: &[u8]) -> Option<usize> {
    let mut line_start = 0;
    for (i, &b) in buf.iter().enumerate() {
        if b == b'\n' {
            let line = &buf[line_start..i];
            if line.is_empty() || line == b"\r" {
                return Some(i + 1);
            }
            line_start = i + 1;
        }
    }
    None
}

/// The Content-Length of a header block, or why there is none.
fn content_length(block: &[u8]) -> Result<usize, String> {
    let text = String::from_utf8_lossy(block);
    let mut len: Option<usize> = None;
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a header line without a colon ({:?})", clip(line)));
        };
        if !name.trim().eq_ignore_ascii_case("content-length") {
            continue; // Content-Type and anything else: the body is read as UTF-8 JSON regardless.
        }
        let n = value.trim().parse::<usize>().map_err(|_| format!("Content-Length is not a byte count ({:?})", clip(value.trim())))?;
        if len.is_some_and(|l| l != n) {
            return Err("two different Content-Length headers".into());
        }
        len = Some(n);
    }
    len.ok_or_else(|| "the header has no Content-Length".into())
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(r: R, max: usize) -> FrameReader<R> {
        FrameReader { r, buf: Vec::with_capacity(8 << 10), max, eof: false }
    }

    /// Read more bytes; false at the end of the stream.
    async fn fill(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.buf.reserve(8 << 10);
        let n = self.r.read_buf(&mut self.buf).await?;
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// The next message, or None at the end of the stream.
    pub async fn next(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            // Blank lines between messages are harmless.
            let ws = self.buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            self.buf.drain(..ws);
            if self.buf.is_empty() {
                if !self.fill().await? {
                    return Ok(None);
                }
                continue;
            }
            let Some(end) = header_end(&self.buf) else {
                if self.buf.len() > MAX_HEADER {
                    self.resync(1).await?;
                    return Ok(Some(Frame::Bad { code: PARSE_ERROR, why: format!("no end of a message header within {} KB; skipped to the next Content-Length", MAX_HEADER >> 10) }));
                }
                if !self.fill().await? {
                    let n = self.buf.len();
                    self.buf.clear();
                    return Ok(Some(Frame::Bad { code: PARSE_ERROR, why: format!("the input ended inside a message header ({n} bytes)") }));
                }
                continue;
            };
            let len = match content_length(&self.buf[..end]) {
                Ok(len) => len,
                Err(why) => {
                    // The block's body has no known length: skip to the next Content-Length,
                    // which may be later in this very block when garbage came before it.
                    self.resync(1).await?;
                    return Ok(Some(Frame::Bad { code: PARSE_ERROR, why: format!("{why}; skipped to the next Content-Length") }));
                }
            };
            self.buf.drain(..end);
            if len > self.max {
                let skipped = self.discard(len).await?;
                return Ok(Some(Frame::Bad {
                    code: INVALID_REQUEST,
                    why: format!("a message of {} bytes is over the {} MB limit; {} skipped", len, self.max >> 20, if skipped { "it was" } else { "the input ended before it was" }),
                }));
            }
            self.buf.reserve(len.saturating_sub(self.buf.len()));
            while self.buf.len() < len {
                if !self.fill().await? {
                    let n = self.buf.len();
                    self.buf.clear();
                    return Ok(Some(Frame::Bad { code: PARSE_ERROR, why: format!("the input ended {} bytes into a message of {len}", n) }));
                }
            }
            let rest = self.buf.split_off(len);
            return Ok(Some(Frame::Body(std::mem::replace(&mut self.buf, rest))));
        }
    }

    /// Drop bytes up to the next "Content-Length" at or after `from`, reading as needed with
    /// bounded memory.
    async fn resync(&mut self, from: usize) -> std::io::Result<()> {
        let mut from = from.min(self.buf.len());
        loop {
            if let Some(i) = find_ci(&self.buf[from..], CONTENT_LENGTH) {
                self.buf.drain(..from + i);
                return Ok(());
            }
            // Keep a tail that may be the start of a "Content-Length" cut in two.
            let keep = (CONTENT_LENGTH.len() - 1).min(self.buf.len() - from);
            self.buf.drain(..self.buf.len() - keep);
            from = 0;
            if !self.fill().await? {
                self.buf.clear();
                return Ok(());
            }
        }
    }

    /// Skip `n` bytes without keeping them; false when the stream ended first.
    async fn discard(&mut self, mut n: usize) -> std::io::Result<bool> {
        let k = n.min(self.buf.len());
        self.buf.drain(..k);
        n -= k;
        let mut scratch = vec![0u8; 64 << 10];
        while n > 0 {
            let got = self.r.read(&mut scratch[..n.min(64 << 10)]).await?;
            if got == 0 {
                self.eof = true;
                return Ok(false);
            }
            n -= got;
        }
        Ok(true)
    }
}

/// Why a body is not a message tower-lsp-server would take, as an error code, plain words and
/// the id to answer with (the request's own when it has a usable one).
pub fn check(body: &[u8]) -> Result<(), (i64, String, Value)> {
    if serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok() {
        return Ok(());
    }
    if let Err(e) = std::str::from_utf8(body) {
        return Err((PARSE_ERROR, format!("Parse error: the message is not UTF-8 text (bad byte at {})", e.valid_up_to()), Value::Null));
    }
    match serde_json::from_slice::<Value>(body) {
        Err(e) => Err((PARSE_ERROR, format!("Parse error: the message is not valid JSON ({e})"), Value::Null)),
        Ok(v) => {
            let id = match v.get("id") {
                Some(id @ Value::String(_)) => id.clone(),
                Some(id) if id.is_i64() => id.clone(),
                _ => Value::Null,
            };
            let why = if !v.is_object() {
                "the message is JSON but not a JSON-RPC object".to_string()
            } else if v.get("jsonrpc") != Some(&json!("2.0")) {
                "the message lacks \"jsonrpc\": \"2.0\"".to_string()
            } else {
                "the message is neither a well-formed request, notification nor response (check the types of id, method, params, result and error)".to_string()
            };
            Err((INVALID_REQUEST, format!("Invalid request: {why}"), id))
        }
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The framed JSON-RPC error response for a bad message.
pub fn error_frame(code: i64, message: &str, id: Value) -> Vec<u8> {
    let v = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(v.to_string().as_bytes())
}

enum ToClient {
    Frame(Vec<u8>),
    /// A notification from a background thread: written once the gate is open.
    Held(Vec<u8>),
    /// The client has our `initialize` response: held notifications may go.
    Open,
    /// Everything before this has been written and flushed.
    Flushed(oneshot::Sender<()>),
}

/// Notifications to the client from the analysis worker and the indexer, serialised where they
/// are made and handed straight to the writer thread. Diagnostics go this way on every
/// keystroke: through tower-lsp-server's `Client` they took a task wake-up, a JSON `Value` and
/// a re-framing relay more (about 0.1 ms of a 1 ms edit). Until [`Notifier::open`], the writer
/// holds them back, so nothing reaches the client before our `initialize` response.
#[derive(Clone)]
pub struct Notifier {
    tx: std::sync::mpsc::Sender<ToClient>,
    /// The gate was opened: every later notification from the client calls `open` again, and
    /// none of them need wake the writer.
    opened: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Notifier {
    pub fn notify<P: serde::Serialize>(&self, method: &str, params: &P) {
        #[derive(serde::Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        match serde_json::to_vec(&Notification { jsonrpc: "2.0", method, params }) {
            Ok(body) => {
                let _ = self.tx.send(ToClient::Held(frame(&body)));
            }
            Err(e) => eprintln!("crosscheck: cannot serialise {method}: {e}"),
        }
    }

    /// The client has our `initialize` response.
    pub fn open(&self) {
        if !self.opened.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let _ = self.tx.send(ToClient::Open);
        }
    }
}

/// The one writer of the client's stream, on a thread of its own: frames are written whole, in
/// the order they were sent, with no async hop per frame.
fn write_frames(mut out: impl std::io::Write, rx: std::sync::mpsc::Receiver<ToClient>) {
    let mut held: Option<Vec<Vec<u8>>> = Some(Vec::new());
    let mut write = |f: &[u8]| out.write_all(f).and_then(|()| out.flush()).is_ok();
    for m in rx {
        let ok = match m {
            ToClient::Frame(f) => write(&f),
            ToClient::Held(f) => match &mut held {
                Some(h) => {
                    h.push(f);
                    true
                }
                None => write(&f),
            },
            ToClient::Open => held.take().unwrap_or_default().iter().all(|f| write(f)),
            ToClient::Flushed(done) => {
                let _ = done.send(());
                true
            }
        };
        if !ok {
            break; // The client is gone.
        }
    }
}

/// Serve LSP on `input`/`output` with bad messages answered rather than fatal. Returns what
/// [`super::serve`] returns.
pub async fn serve_checked<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: std::io::Write + Send + 'static,
{
    let (server_in, mut to_server) = tokio::io::duplex(64 << 10);
    let (server_out, from_server) = tokio::io::duplex(64 << 10);
    let (tx, rx) = std::sync::mpsc::channel::<ToClient>();
    let notifier = Notifier { tx: tx.clone(), opened: Default::default() };
    if let Err(e) = std::thread::Builder::new().name("crosscheck-writer".into()).spawn(move || write_frames(output, rx)) {
        eprintln!("crosscheck: error: cannot start the writer: {e}");
        return false;
    }

    // The server's own frames, whole, to the writer.
    let out_tx = tx.clone();
    let relay = tokio::spawn(async move {
        let mut r = FrameReader::new(from_server, usize::MAX);
        while let Ok(Some(f)) = r.next().await {
            if let Frame::Body(b) = f {
                if out_tx.send(ToClient::Frame(frame(&b))).is_err() {
                    break;
                }
            }
        }
    });

    // The client's messages, checked, to the server; errors to the writer.
    let err_tx = tx.clone();
    tokio::spawn(async move {
        let mut r = FrameReader::new(input, MAX_MESSAGE);
        while let Ok(Some(f)) = r.next().await {
            let bad = match f {
                Frame::Body(b) => match check(&b) {
                    Ok(()) => {
                        if to_server.write_all(&frame(&b)).await.is_err() {
                            break; // The server has stopped reading (exit).
                        }
                        continue;
                    }
                    Err(e) => e,
                },
                Frame::Bad { code, why } => {
                    let prefix = if code == PARSE_ERROR { "Parse error" } else { "Invalid request" };
                    (code, format!("{prefix}: {why}"), Value::Null)
                }
            };
            let _ = err_tx.send(ToClient::Frame(error_frame(bad.0, &bad.1, bad.2)));
        }
        // End of input: the server sees it too (dropping `to_server`).
    });

    let clean = super::serve(server_in, server_out, notifier).await;
    // The server closed its output: let its last frames reach the client before returning.
    let _ = relay.await;
    let (done_tx, done_rx) = oneshot::channel();
    if tx.send(ToClient::Flushed(done_tx)).is_ok() {
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), done_rx).await;
    }
    drop(tx);
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Background notifications wait for the gate; the server's own frames do not; order holds.
    #[test]
    fn notifications_are_held_until_the_gate_opens() {
        #[derive(Clone, Default)]
        struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for Sink {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let (tx, rx) = std::sync::mpsc::channel();
        let n = Notifier { tx: tx.clone(), opened: Default::default() };
        n.notify("window/logMessage", &json!({"message": "first"}));
        tx.send(ToClient::Frame(frame(br#"{"id":1}"#))).unwrap();
        n.notify("window/logMessage", &json!({"message": "second"}));
        n.open();
        n.notify("window/logMessage", &json!({"message": "third"}));
        drop((tx, n));
        write_frames(sink.clone(), rx);
        let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} missing from {out}"));
        assert!(at(r#"{"id":1}"#) < at("first") && at("first") < at("second") && at("second") < at("third"), "{out}");
        assert!(out.contains(r#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"message":"first"}}"#), "{out}");
    }

    async fn frames(input: &[u8], max: usize) -> Vec<Frame> {
        let mut r = FrameReader::new(input, max);
        let mut out = Vec::new();
        while let Some(f) = r.next().await.unwrap() {
            out.push(f);
        }
        out
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    fn bad(f: &Frame) -> &str {
        match f {
            Frame::Bad { why, .. } => why,
            _ => panic!("expected a bad frame, got {f:?}"),
        }
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_from_bad_headers() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\ncontent-length: 3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]\
Content-Length: x\r\n\r\n{\"lost\":1}Content-Length: 1\r\n\r\n1\
X-Other: 5\r\n\r\n{\"also lost\":2}\r\nContent-Length: 4\r\n\r\ntrue\
garbage\r\nContent-Length: 5\r\n\r\nfalse";
        let f = frames(input, 100).await;
        assert_eq!(f[0], body("{}"));
        assert_eq!(f[1], body("[1]"));
        assert!(bad(&f[2]).contains("not a byte count"), "{f:?}");
        assert_eq!(f[3], body("1"));
        assert!(bad(&f[4]).contains("no Content-Length"), "{f:?}");
        assert_eq!(f[5], body("true"));
        assert!(bad(&f[6]).contains("without a colon"), "{f:?}");
        assert_eq!(f[7], body("false"));
        assert_eq!(f.len(), 8);
    }

    #[tokio::test]
    async fn oversized_bodies_are_skipped_without_being_kept() {
        let mut input = b"Content-Length: 1000\r\n\r\n".to_vec();
        input.extend(std::iter::repeat(b'x').take(1000));
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let f = frames(&input, 100).await;
        assert!(bad(&f[0]).contains("1000 bytes is over"), "{f:?}");
        assert_eq!(f[1], body("{}"));
        // A header that never ends, and a body cut short.
        let f = frames(&[b'a'; MAX_HEADER + 10], 100).await;
        assert!(bad(&f[0]).contains("no end of a message header"));
        let f = frames(b"Content-Length: 10\r\n\r\n{}", 100).await;
        assert!(bad(&f[0]).contains("ended 2 bytes into a message of 10"), "{f:?}");
    }

    #[test]
    fn checks_what_tower_lsp_server_would_refuse() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"initialized"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":"a","result":null}"#).is_ok());
        let (code, msg, id) = check(b"{\"jsonrpc\": nope").unwrap_err();
        assert_eq!((code, id), (PARSE_ERROR, Value::Null));
        assert!(msg.starts_with("Parse error: the message is not valid JSON"), "{msg}");
        let (code, msg, id) = check(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#).unwrap_err();
        assert_eq!((code, id), (INVALID_REQUEST, json!(7)));
        assert!(msg.contains("\"jsonrpc\": \"2.0\""), "{msg}");
        let (code, _, id) = check(br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#).unwrap_err();
        assert_eq!((code, id), (INVALID_REQUEST, Value::Null));
        assert_eq!(check(b"[]").unwrap_err().0, INVALID_REQUEST);
        assert_eq!(check(b"\xff\xfe").unwrap_err().0, PARSE_ERROR);
    }
}

//! A small LSP client that speaks JSON-RPC with Content-Length framing to a language server
//! process over stdio. Shared by the integration tests (tests/lsp.rs) and the latency benchmark
//! (benches/lsp_latency.rs), which drives any server command with it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn write_frame(w: &mut impl Write, msg: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(msg).unwrap();
    write!(w, "Content-Length: {}\r\n\r\n", body.len())?;
    w.write_all(&body)?;
    w.flush()
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("server sent invalid JSON"))
}

pub struct LspClient {
    pub child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Value>,
    /// Messages received and not yet taken by a `wait_for`.
    pub buffer: Vec<Value>,
    /// Every message received, in order.
    pub seen: Vec<Value>,
    /// Whether every received message is also kept in `seen` (tests read it; the latency
    /// benchmark turns it off, as copying a large message is the client's time, not the server's).
    pub keep_seen: bool,
    next_id: i64,
}

impl LspClient {
    /// Start `cmd` (program and arguments). Requests from the server are answered at once:
    /// `workspace/configuration` with `settings`, everything else with null.
    pub fn spawn(cmd: &[String], env: &[(&str, &str)], settings: Value) -> LspClient {
        LspClient::spawn_with(cmd, env, settings, true)
    }

    /// Like [`LspClient::spawn`]; with `answer` false the server's requests are never answered.
    pub fn spawn_with(cmd: &[String], env: &[(&str, &str)], settings: Value, answer_requests: bool) -> LspClient {
        let mut c = Command::new(&cmd[0]);
        c.args(&cmd[1..]).stdin(Stdio::piped()).stdout(Stdio::piped());
        // The server's stderr is dropped, except when tracing (`CROSSCHECK_TRACE=1`), whose
        // phase times go there.
        let trace = std::env::var_os("CROSSCHECK_TRACE").is_some_and(|v| !v.is_empty() && v != "0");
        c.stderr(if trace { Stdio::inherit() } else { Stdio::null() });
        for (k, v) in env {
            c.env(k, v);
        }
        let mut child = c.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        let answer = stdin.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_frame(&mut r) {
                if let (true, Some(id), Some(method)) = (answer_requests, msg.get("id"), msg.get("method").and_then(Value::as_str)) {
                    let result = if method == "workspace/configuration" { json!([settings]) } else { Value::Null };
                    let _ = write_frame(&mut *answer.lock().unwrap(), &json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        LspClient { child, stdin, rx, buffer: Vec::new(), seen: Vec::new(), keep_seen: true, next_id: 0 }
    }

    pub fn crosscheck(env: &[(&str, &str)]) -> LspClient {
        LspClient::spawn(&[env!("CARGO_BIN_EXE_crosscheck").to_string(), "lsp".to_string()], env, json!({}))
    }

    pub fn send(&self, msg: &Value) {
        write_frame(&mut *self.stdin.lock().unwrap(), msg).expect("write to server");
    }

    /// Send raw bytes (for framing tests).
    pub fn send_raw(&self, bytes: &[u8]) {
        let mut w = self.stdin.lock().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and return its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}));
        self.next_id
    }

    /// Send a request and wait for its response (the whole message: `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.wait_for(&format!("response to {method}"), Duration::from_secs(60), |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    fn take(&mut self, pred: &impl Fn(&Value) -> bool) -> Option<Value> {
        let i = self.buffer.iter().position(pred)?;
        Some(self.buffer.remove(i))
    }

    /// The first message (already received or arriving within `timeout`) that matches.
    pub fn try_wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(m) = self.take(&pred) {
            return Some(m);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) => {
                    if self.keep_seen {
                        self.seen.push(m.clone());
                    }
                    if pred(&m) {
                        return Some(m);
                    }
                    self.buffer.push(m);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    pub fn wait_for(&mut self, what: &str, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(timeout, pred).unwrap_or_else(|| panic!("timed out waiting for {what}; unconsumed messages: {:#?}", self.buffer.iter().rev().take(8).collect::<Vec<_>>()))
    }

    /// The next publishDiagnostics for `uri` whose version matches (None: any).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let u = uri.to_string();
        let m = self.wait_for(&format!("diagnostics for {uri} v{version:?}"), Duration::from_secs(120), move |m| {
            m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
                && m["params"]["uri"] == json!(u)
                && version.map_or(true, |v| m["params"]["version"] == json!(v))
        });
        m["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// initialize (offering `encodings`, with `caps` merged into the capabilities) then, unless
    /// `initialized` is false, the initialized notification. Returns the initialize result.
    pub fn initialize(&mut self, folders: &[&Path], encodings: &[&str], caps: Value, options: Value, initialized: bool) -> Value {
        let folders: Vec<Value> = folders.iter().map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_string_lossy()})).collect();
        let mut capabilities = json!({"general": {"positionEncodings": encodings}, "textDocument": {"publishDiagnostics": {"versionSupport": true, "relatedInformation": true}}});
        merge(&mut capabilities, caps);
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "workspaceFolders": if folders.is_empty() { Value::Null } else { json!(folders) }, "initializationOptions": options}),
        );
        assert!(r.get("result").is_some(), "initialize failed: {r}");
        if initialized {
            self.notify("initialized", json!({}));
        }
        r["result"].clone()
    }

    pub fn open(&self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}));
    }

    /// An incremental change replacing the range (l0,c0)-(l1,c1).
    pub fn change(&self, uri: &str, version: i64, l0: u32, c0: u32, l1: u32, c1: u32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}}, "text": text}]}),
        );
    }

    /// shutdown, exit, and the exit status (waiting at most 10 s).
    pub fn shutdown_and_exit(&mut self) -> Option<ExitStatus> {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(10))
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

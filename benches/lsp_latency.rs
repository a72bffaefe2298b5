//! Latency of a language server as an editor feels it: a client sends `didChange` to a 20 KB
//! document inside a generated 2,000-document corpus and times the wait for that document's
//! `publishDiagnostics`. Also times the initial index (until the `$/progress` end report) and
//! gives its throughput in MB/s. The server is any command, so other servers can be measured
//! with the same client and the same corpus; `--compare` runs a second server in the same
//! invocation, its edits alternating with the first's so both see the same machine load:
//!
//! ```sh
//! cargo bench --bench lsp_latency                       # crosscheck lsp (release build)
//! cargo bench --bench lsp_latency -- --scope corpus     # diagnostics kept for every corpus file
//! cargo bench --bench lsp_latency -- --compare harper-ls --stdio   # crosscheck and harper-ls
//! cargo bench --bench lsp_latency -- -- harper-ls --stdio          # another server alone
//! ```
//!
//! Options: `--docs N` (2000), `--edits N` (60), `--scope open|corpus`, `--encoding utf-16|utf-8`,
//! `--edit-in sentence|blank` (where the typing happens: next to a figure, the default, or on
//! an empty line),
//! `--compare CMD…` (the rest of the arguments).

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::{uri, LspClient};
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const ORGS: &[&str] = &["the port authority", "Harbor Transit", "the city council", "Northwind Energy", "the school board", "Blue Ridge Health", "the state treasury", "Café Lumière Group"];
const PEOPLE: &[&str] = &["Dana Ortiz", "Mikko Laine", "Priya Raman", "José Álvarez", "Wen Li", "Amara Okafor", "Tomás Rivera"];
const PLACES: &[&str] = &["the harbor district", "São Paulo", "東京", "the east side", "Ridgeview", "the old mill"];
const THINGS: &[&str] = &["new cranes", "road repairs", "a settlement", "consulting fees", "the stadium lease", "school buses", "flood barriers"];
const AMOUNTS: &[&str] = &["$4.2 million", "$310,000", "€12 million", "about $2 billion", "more than $800,000", "$15", "£2,000", "$1.6 million", "nearly $90,000"];

fn sentence(r: &mut Rng) -> String {
    let (o, p, pl, t, a) = (r.pick(ORGS), r.pick(PEOPLE), r.pick(PLACES), r.pick(THINGS), r.pick(AMOUNTS));
    match r.next() % 8 {
        0 => format!("{o} spent {a} on {t} in {pl}."),
        1 => format!("“We paid {a} for {t},” {p} said."),
        2 => format!("According to {o}, {t} cost {a} — more than planned."),
        3 => format!("{p} raised {a} for {t} 😀 within a week, records show."),
        4 => format!("Residents of {pl} waited two years for {t}."),
        5 => format!("The budget for {t} rose to {a}, {o} reported."),
        6 => format!("Nobody in {pl} could say who approved {t}."),
        _ => format!("{o} has put {a} into {t} since the vote."),
    }
}

fn document(r: &mut Rng, size: usize) -> String {
    let mut s = format!("# {} and {}\n\n", r.pick(THINGS), r.pick(PLACES));
    while s.len() < size {
        for _ in 0..(3 + r.next() % 4) {
            s.push_str(&sentence(r));
            s.push(' ');
        }
        s.pop();
        s.push_str("\n\n");
    }
    s
}

/// What each even edit types and each odd one deletes: a word, so that a figure's context
/// changes (a one-letter word is no context word).
const TYPED: &str = "urgent ";

/// Where the edits go (line, column in the negotiated encoding): see `--edit-in`.
fn edit_point(text: &str, edit_in: &str, encoding: &str) -> (u32, u32) {
    let lines: Vec<&str> = text.lines().collect();
    let mid = lines.len() / 2;
    if edit_in == "blank" {
        let l = (mid..lines.len()).find(|&l| lines[l].is_empty()).expect("a blank line");
        return (l as u32, 0);
    }
    let l = (mid..lines.len()).find(|&l| lines[l].contains(['$', '€', '£'])).expect("a line with a figure");
    let line = lines[l];
    let figure = line.find(['$', '€', '£']).expect("a figure");
    // The start of the word before the figure ("spent $4.2 million": before "spent").
    let before = line[..figure].trim_end();
    let at = before.rfind(' ').map_or(0, |i| i + 1);
    let col = if encoding == "utf-8" { at } else { line[..at].encode_utf16().count() };
    (l as u32, col as u32)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One server under test, with its own client.
struct Run {
    name: String,
    c: LspClient,
    times: Vec<f64>,
    /// The last publishDiagnostics received: its size is reported, since the client's parsing
    /// of it is part of every edit's time.
    last: Option<Value>,
    timeouts: usize,
}

fn is_diagnostics_for(m: &Value, u: &str) -> bool {
    m["method"] == json!("textDocument/publishDiagnostics") && m["params"]["uri"] == json!(u)
}

/// Start a server on the corpus and wait for its initial index, if it reports one.
fn start(cmd: &[String], root: &Path, encoding: &str, scope: &str, bytes: usize) -> LspClient {
    let mut c = LspClient::spawn(cmd, &[], json!({}));
    let t0 = Instant::now();
    c.initialize(&[root], &[encoding], json!({"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}), json!({"diagnostics": scope}), true);
    // A server that reports no progress within a few seconds is taken to index nothing up front.
    let is_progress = |m: &Value| m["method"] == json!("$/progress") || m["method"] == json!("window/workDoneProgress/create");
    let end = match c.try_wait_for(Duration::from_secs(5), is_progress) {
        Some(_) => c.try_wait_for(Duration::from_secs(300), |m| m["method"] == json!("$/progress") && m["params"]["value"]["kind"] == json!("end")),
        None => None,
    };
    match end {
        Some(m) => {
            let secs = t0.elapsed().as_secs_f64();
            println!(
                "  {}: initial index {:.2} s, {:.1} MB/s as the client sees it (server says: {})",
                cmd[0],
                secs,
                bytes as f64 / 1e6 / secs,
                m["params"]["value"]["message"].as_str().unwrap_or("")
            );
        }
        None => println!("  {}: initial index: no $/progress end report (not measured)", cmd[0]),
    }
    c.buffer.clear();
    c
}

fn main() {
    // `cargo bench` appends `--bench` after everything given; it is no argument of a server
    // command given with `--compare` or `--`.
    let mut all: Vec<String> = std::env::args().skip(1).collect();
    if all.last().is_some_and(|a| a == "--bench") {
        all.pop();
    }
    let mut args = all.into_iter();
    let (mut docs, mut edits, mut scope, mut encoding) = (2000usize, 60usize, "open".to_string(), "utf-16".to_string());
    let mut edit_in = "sentence".to_string();
    let mut cmd: Vec<String> = Vec::new();
    let mut compare: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()).expect("--docs N"),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--scope" => scope = args.next().expect("--scope open|corpus"),
            "--encoding" => encoding = args.next().expect("--encoding utf-16|utf-8"),
            "--edit-in" => edit_in = args.next().expect("--edit-in sentence|blank"),
            "--compare" => compare.extend(args.by_ref()),
            "--" => cmd.extend(args.by_ref()),
            "--bench" => {}
            other => cmd.push(other.to_string()),
        }
    }
    if cmd.is_empty() {
        cmd = vec![env!("CARGO_BIN_EXE_crosscheck").to_string(), "lsp".to_string()];
    }
    let edits = edits.max(40);

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0usize;
    for i in 0..docs.saturating_sub(1) {
        let sub = root.join(format!("desk{:02}", i % 40));
        std::fs::create_dir_all(&sub).unwrap();
        let size = 2_000 + (rng.next() % 18_000) as usize;
        let text = document(&mut rng, size);
        bytes += text.len();
        std::fs::write(sub.join(format!("story{i:04}.md")), text).unwrap();
    }
    let target_path = root.join("desk00/target.md");
    let target = document(&mut rng, 20 * 1024);
    bytes += target.len();
    std::fs::write(&target_path, &target).unwrap();
    let cmds: Vec<&Vec<String>> = std::iter::once(&cmd).chain((!compare.is_empty()).then_some(&compare)).collect();
    println!("corpus: {docs} documents, {:.1} MB; servers: {}", bytes as f64 / 1e6, cmds.iter().map(|c| c.join(" ")).collect::<Vec<_>>().join(" | "));

    let u = uri(&target_path);
    let mut runs: Vec<Run> = Vec::new();
    for cmd in cmds {
        let mut c = start(cmd, &root, &encoding, &scope, bytes);
        let t0 = Instant::now();
        c.open(&u, "markdown", 1, &target);
        if c.try_wait_for(Duration::from_secs(60), |m| is_diagnostics_for(m, &u)).is_none() {
            println!("  {}: no diagnostics for the opened document within 60 s; left out", cmd[0]);
            continue;
        }
        println!("  {}: first diagnostics {:.0} ms after didOpen", cmd[0], t0.elapsed().as_secs_f64() * 1000.0);
        c.keep_seen = false;
        let name = Path::new(&cmd[0]).file_name().map_or(cmd[0].clone(), |n| n.to_string_lossy().into_owned());
        runs.push(Run { name, c, times: Vec::new(), last: None, timeouts: 0 });
    }
    // Type and delete a word in the middle of the document, as a writer would; each edit goes to
    // every server in turn. `sentence` (the default): right before a figure, in the middle
    // paragraph that has one, so that the figure's sentence, its claim and the corpus-wide
    // comparison change with every keystroke. `blank`: on an empty line between paragraphs,
    // which changes no figure (the cheapest edit there is).
    let (line, col) = edit_point(&target, &edit_in, &encoding);
    println!("edits: type and delete {TYPED:?} at line {line}, column {col} ({edit_in})");
    for i in 0..edits {
        for r in runs.iter_mut() {
            let c = &mut r.c;
            c.buffer.retain(|m| !is_diagnostics_for(m, &u));
            let version = 2 + i as i64;
            let start = Instant::now();
            if i % 2 == 0 {
                c.change(&u, version, line, col, line, col, TYPED);
            } else {
                c.change(&u, version, line, col, line, col + TYPED.len() as u32, "");
            }
            let got = c.try_wait_for(Duration::from_secs(10), |m| is_diagnostics_for(m, &u) && (m["params"]["version"].is_null() || m["params"]["version"] == json!(version)));
            match got {
                Some(m) => {
                    r.times.push(start.elapsed().as_secs_f64() * 1000.0);
                    r.last = Some(m);
                }
                None => r.timeouts += 1,
            }
        }
    }
    for r in runs.iter_mut() {
        r.times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        if r.times.is_empty() {
            println!("{}: no publishDiagnostics after any of {edits} edits", r.name);
        } else {
            println!(
                "{}: edits on a {:.1} KB document: n={} p50={:.2} ms p95={:.2} ms max={:.2} ms timeouts={} (scope {scope}, {encoding})",
                r.name,
                target.len() as f64 / 1024.0,
                r.times.len(),
                percentile(&r.times, 0.5),
                percentile(&r.times, 0.95),
                r.times[r.times.len() - 1],
                r.timeouts
            );
            if let Some(m) = &r.last {
                let n = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
                println!("  {}: {n} diagnostics per publish, {:.1} KB of JSON", r.name, m.to_string().len() as f64 / 1024.0);
                // `LSP_LATENCY_DUMP=dir`: the last publishDiagnostics of each server, to read.
                if let Ok(dir) = std::env::var("LSP_LATENCY_DUMP") {
                    let _ = std::fs::write(Path::new(&dir).join(format!("{}.json", r.name)), serde_json::to_string_pretty(m).unwrap_or_default());
                }
            }
        }
        // The transport floor: a request no server knows, answered at once with an error, as
        // the same client times it. What an edit costs above this is the server's own work.
        let mut pings: Vec<f64> = (0..40)
            .map(|_| {
                let start = Instant::now();
                let id = r.c.request_async("crosscheck/ping", Value::Null);
                r.c.try_wait_for(Duration::from_secs(10), |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        pings.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("  {}: round trip of an unknown request: p50={:.2} ms p95={:.2} ms", r.name, percentile(&pings, 0.5), percentile(&pings, 0.95));
        let _ = r.c.request_async("shutdown", Value::Null);
        r.c.notify("exit", Value::Null);
        let _ = r.c.wait_exit(Duration::from_secs(5));
    }
}

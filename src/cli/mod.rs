//! The command-line adapter: `crosscheck check|figures|…`. It reads files, runs the core, and
//! prints; all analysis lives in the core.

pub mod eval;
pub mod files;
pub mod report;

pub use eval::EvalArgs;

use crate::config::Config;
use crate::corpus::Corpus;
use crate::findings::{Check, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use files::Loaded;
use report::Located;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(name = "crosscheck", version, about = "Checks the sourcing of prose: unsourced figures, conflicting figures, entity links.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report findings (unsourced figures, …) for files and folders.
    Check(CheckArgs),
    /// List every figure found, sourced or not, with its claim and what corroborates it.
    Figures(ListArgs),
    /// List every entity with its names, definition and mentions.
    Entities(ListArgs),
    /// List every claim stated by two or more figures, with the verdict of each pair.
    Claims(ListArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
    /// Measure accuracy: external suites, GUM entities and the labelled corpora, against floors.
    Eval(EvalArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct Common {
    /// Files and folders to read (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Use this crosscheck.toml instead of the nearest one.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Override a check's severity: CHECK=error|warning|information|hint|off (repeatable).
    #[arg(long, value_name = "CHECK=LEVEL")]
    pub severity: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(a) => check(a),
        Command::Figures(a) => figures(a),
        Command::Entities(a) => entities(a),
        Command::Claims(a) => claims(a),
        Command::Lsp => return crate::lsp::run_stdio(),
        Command::Eval(a) => eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("crosscheck: error: {msg}");
            2
        }
    }
}

/// Load config and files, analyse them in parallel, and build the corpus.
pub fn load_corpus(common: &Common, overrides: &[String]) -> Result<(Config, Corpus, Vec<Loaded>), String> {
    let paths = if common.paths.is_empty() { vec![PathBuf::from(".")] } else { common.paths.clone() };
    let mut config = Config::load(common.config.as_deref(), &paths[0])?;
    for o in overrides {
        let (k, v) = o.split_once('=').ok_or_else(|| format!("--severity expects CHECK=LEVEL, not `{o}`"))?;
        let check: Check = k.trim().parse()?;
        let sev: Severity = v.trim().parse()?;
        config.severities.insert(check, sev);
    }
    let (loaded, notes) = files::collect(&paths, &config).map_err(|f| f.0)?;
    for n in notes {
        eprintln!("crosscheck: note: {n}");
    }
    let mut corpus = Corpus::new(&config);
    let analyses = analyze_parallel(&corpus, &loaded);
    for (l, a) in loaded.iter().zip(analyses) {
        corpus.insert(&l.display, Arc::from(l.text.as_str()), l.format, a);
    }
    corpus.refresh();
    Ok((config, corpus, loaded))
}

fn analyze_parallel(corpus: &Corpus, loaded: &[Loaded]) -> Vec<crate::corpus::Analysed> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(loaded.len().max(1));
    let chunk = loaded.len().div_ceil(threads).max(1);
    let cues = corpus.cues();
    std::thread::scope(|s| {
        let handles: Vec<_> = loaded
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|l| crate::corpus::analyse_doc(&l.display, &l.text, l.format, cues)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("analysis thread")).collect()
    })
}

fn located<'a>(corpus: &'a Corpus, path: &'a str) -> Vec<Located<'a>> {
    let Some(doc) = corpus.get(path) else { return Vec::new() };
    corpus
        .findings(path)
        .into_iter()
        .map(|f| {
            let related_docs = f
                .related
                .iter()
                .map(|r| corpus.get(&r.path).map_or(("", &doc.analysis.lines), |d| (&*d.text, &d.analysis.lines)))
                .collect();
            Located { path, text: &doc.text, lines: &doc.analysis.lines, finding: f, related_docs }
        })
        .collect()
}

fn check(a: CheckArgs) -> Result<i32, String> {
    let (_config, corpus, _loaded) = load_corpus(&a.common, &a.severity)?;
    let mut all: Vec<Located> = Vec::new();
    for (path, _) in corpus.docs() {
        all.extend(located(&corpus, path));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let w = |out: &mut std::io::StdoutLock, s: &str| out.write_all(s.as_bytes()).map_err(|e| format!("cannot write output: {e}"));
    match a.format {
        Format::Json => {
            let items: Vec<_> = all.iter().map(report::finding_json).collect();
            w(&mut out, &format!("{}\n", serde_json::to_string_pretty(&json!({"version": 1, "findings": items})).unwrap()))?;
        }
        Format::Sarif => {
            w(&mut out, &format!("{}\n", serde_json::to_string_pretty(&report::sarif(&all)).unwrap()))?;
        }
        Format::Text => {
            for f in &all {
                w(&mut out, &report::finding_text(f))?;
                w(&mut out, "\n")?;
            }
            let count = |s: Severity| all.iter().filter(|f| f.finding.severity == s).count();
            let figures: usize = corpus.docs().map(|(_, d)| d.analysis.figures.len()).sum();
            let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Information, Severity::Hint]
                .iter()
                .filter(|s| count(**s) > 0)
                .map(|s| format!("{} {}{}", count(*s), s.as_str(), if count(*s) == 1 || *s == Severity::Information { "" } else { "s" }))
                .collect();
            let summary = if parts.is_empty() { "no findings".to_string() } else { parts.join(", ") };
            w(&mut out, &format!("{summary} in {} file{} ({figures} figures)\n", corpus.len(), if corpus.len() == 1 { "" } else { "s" }))?;
        }
    }
    let threshold = match a.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Information => Some(Severity::Information),
        FailOn::Hint => Some(Severity::Hint),
        FailOn::Never => None,
    };
    let failing = threshold.map_or(false, |t| all.iter().any(|f| f.finding.severity <= t));
    Ok(if failing { 1 } else { 0 })
}

fn figures(a: ListArgs) -> Result<i32, String> {
    let (_config, corpus, _) = load_corpus(&a.common, &[])?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        ListFormat::Json => {
            let mut items = Vec::new();
            for (path, d) in corpus.docs() {
                for (i, f) in d.analysis.figures.iter().enumerate() {
                    let mut v = report::figure_json(path, &d.text, &d.analysis.lines, f);
                    add_claim_fields(&corpus, path, i, &mut v);
                    items.push(v);
                }
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&json!({"version": 1, "figures": items})).unwrap()).map_err(|e| e.to_string())?;
        }
        ListFormat::Text => {
            for (path, d) in corpus.docs() {
                for f in &d.analysis.figures {
                    let (l, c) = d.analysis.lines.line_col(&d.text, f.figure.range.start);
                    let fig = &f.figure;
                    let src = match (&f.source, fig.kind) {
                        (Some(s), _) => format!("sourced: {}", s.text),
                        (None, crate::figures::FigureKind::Money) => "UNSOURCED".to_string(),
                        (None, _) => String::new(),
                    };
                    let i = &fig.interval;
                    writeln!(
                        out,
                        "{path}:{}:{}\t{}\t{}\t{} {}\t{}{}, {}{}\t{src}",
                        l + 1,
                        c + 1,
                        &d.text[fig.range.clone()],
                        fig.kind.as_str(),
                        report::num(fig.value),
                        fig.unit,
                        if i.low_inclusive { "[" } else { "(" },
                        report::num(i.low),
                        report::num(i.high),
                        if i.high_inclusive { "]" } else { ")" },
                    )
                    .map_err(|e| e.to_string())?;
                }
            }
        }
    }
    Ok(0)
}

/// `claim` (its id, or null) and `corroborated_by` (the agreeing figures) on a figure item.
fn add_claim_fields(corpus: &Corpus, path: &str, i: usize, v: &mut serde_json::Value) {
    let me: crate::claims::FigRef = (Arc::from(path), i);
    let claim = corpus.claims().claim_of(&me);
    v["claim"] = claim.map_or(serde_json::Value::Null, |c| json!(c.id));
    let agreeing: Vec<serde_json::Value> = corpus
        .claims()
        .related(&me)
        .into_iter()
        .filter(|(_, verdict)| *verdict == crate::claims::Verdict::Agree)
        .filter_map(|(r, _)| {
            let d = corpus.get(&r.0)?;
            let k = corpus.claims().keyed(&r)?;
            let (l, c) = d.analysis.lines.line_col(&d.text, k.range.start);
            Some(json!({"path": &*r.0, "line": l + 1, "column": c + 1, "text": k.text}))
        })
        .collect();
    v["corroborated_by"] = json!(agreeing);
    // What the figure was compared on, so a missed or unexpected match can be explained.
    v["key"] = corpus.claims().keyed(&me).map_or(serde_json::Value::Null, |k| {
        json!({
            "unit": k.unit,
            "measure": k.label,
            "time": k.time.map(|t| t.describe()),
            "about": k.entities.iter().map(|e| &e.0).collect::<Vec<_>>(),
            "subject": k.subject,
            "near": k.near,
            "scope": k.scope,
            "whole": k.whole.as_deref(),
            "topic": k.topic,
            "terms": k.terms.iter().map(|(t, w)| format!("{t}:{w}")).collect::<Vec<_>>(),
        })
    });
}

fn entities(a: ListArgs) -> Result<i32, String> {
    let (_config, corpus, _) = load_corpus(&a.common, &[])?;
    let report = corpus.entities().report();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        ListFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&json!({"version": 1, "entities": report})).unwrap()).map_err(|e| e.to_string())?;
        }
        ListFormat::Text => {
            for e in &report {
                let def = e.definition.as_ref().map_or(String::new(), |d| format!("{}:{}:{}", d.path, d.line, d.column));
                let files: std::collections::BTreeSet<&str> = e.mentions.iter().map(|m| m.path.as_str()).collect();
                writeln!(
                    out,
                    "{} ({})\t{} mention{} in {} file{}\tdefined at {def}{}",
                    e.name,
                    e.kind.as_str(),
                    e.mentions.len(),
                    if e.mentions.len() == 1 { "" } else { "s" },
                    files.len(),
                    if files.len() == 1 { "" } else { "s" },
                    if e.aliases.is_empty() { String::new() } else { format!("\taka {}", e.aliases.join(", ")) }
                )
                .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(0)
}

fn claims(a: ListArgs) -> Result<i32, String> {
    let (_config, corpus, _) = load_corpus(&a.common, &[])?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut items = Vec::new();
    let mut text = String::new();
    for c in corpus.claims().claims() {
        let mut figs = Vec::new();
        for (path, i) in &c.figures {
            let Some(d) = corpus.get(path) else { continue };
            let Some(f) = d.analysis.figures.get(*i) else { continue };
            let mut v = report::figure_json(path, &d.text, &d.analysis.lines, f);
            add_claim_fields(&corpus, path, *i, &mut v);
            figs.push(v);
        }
        let pairs: Vec<_> = c.pairs.iter().map(|(x, y, v)| json!({"a": x, "b": y, "verdict": v.as_str()})).collect();
        text.push_str(&format!("{} [{}]\n", c.key, c.verdict().as_str()));
        for f in &figs {
            text.push_str(&format!("  {}:{}:{}\t{}\n", f["path"].as_str().unwrap_or(""), f["line"], f["column"], f["text"].as_str().unwrap_or("")));
        }
        for (x, y, v) in &c.pairs {
            text.push_str(&format!("  {} ~ {}: {}\n", figs[*x]["text"].as_str().unwrap_or(""), figs[*y]["text"].as_str().unwrap_or(""), v.as_str()));
        }
        items.push(json!({"id": c.id, "key": c.key, "verdict": c.verdict().as_str(), "figures": figs, "pairs": pairs}));
    }
    match a.format {
        ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&json!({"version": 1, "claims": items})).unwrap()),
        ListFormat::Text => write!(out, "{text}"),
    }
    .map_err(|e| e.to_string())?;
    Ok(0)
}

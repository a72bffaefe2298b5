//! `crosscheck eval`: every accuracy measurement in one command, checked against the floors in
//! `eval/floors.toml`. Reads the external suites (`../shared/external` by default) and the
//! labelled corpora (`eval/corpora`), runs the product's own code on them, prints the scores,
//! and exits 1 when a score is below its floor.

use crate::eval::{self, check_metrics, Doc, FloorCheck, DEFAULT_FLOORS};
use crate::eval::{namespaces, SETS};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Folder of the external suites (money_cases.jsonl, number_cases.jsonl, gum_wikinews_entities.jsonl).
    #[arg(long)]
    pub external: Option<PathBuf>,
    /// Folder of the labelled corpora (sourcing/ and claims/, each with labels.toml).
    #[arg(long)]
    pub corpora: Option<PathBuf>,
    /// Folder of a blind-written labelled set, as NAME=DIR (repeatable; NAME one of the sets
    /// in `eval::SETS`, e.g. `blind2=/tmp/blind2`). Each set defaults to eval/NAME; its scores
    /// are named `NAME.*`.
    #[arg(long = "set", value_name = "NAME=DIR")]
    pub sets: Vec<String>,
    /// Floors file (default: the eval/floors.toml built in).
    #[arg(long)]
    pub floors: Option<PathBuf>,
    /// Print every false positive and false negative with its text.
    #[arg(long)]
    pub explain: bool,
    /// Fail (exit 2) when an input is missing instead of skipping it with a note.
    #[arg(long)]
    pub require_all: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::ListFormat,
}

/// The first of the candidates that exists: relative to the working directory, then to the
/// source tree this binary was built from.
fn find(explicit: &Option<PathBuf>, rel: &str) -> PathBuf {
    if let Some(p) = explicit {
        return p.clone();
    }
    let here = PathBuf::from(rel);
    if here.exists() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read_corpus(dir: &Path) -> Result<(Vec<Doc>, String), String> {
    let labels = std::fs::read_to_string(dir.join("labels.toml")).map_err(|e| format!("{}: {e}", dir.join("labels.toml").display()))?;
    let mut docs = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "md" | "markdown" | "txt") || p.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        docs.push(Doc { file: p.file_name().unwrap().to_string_lossy().into_owned(), text });
    }
    Ok((docs, labels))
}

/// A labelled-corpus scorer as the command uses it: the report shown, its misses, metrics,
/// label errors and JSON.
type Scorer = fn(&[Doc], &str, &Path) -> (String, Vec<String>, Vec<(String, f64)>, Vec<String>, serde_json::Value);

fn score_sourcing(docs: &[Doc], labels: &str, dir: &Path) -> (String, Vec<String>, Vec<(String, f64)>, Vec<String>, serde_json::Value) {
    let mut r = eval::score_sourcing(docs, labels);
    r.folder = dir.display().to_string();
    (r.to_string(), r.misses.clone(), r.metrics(), r.errors.clone(), serde_json::to_value(&r).unwrap_or_default())
}

fn score_claims(docs: &[Doc], labels: &str, dir: &Path) -> (String, Vec<String>, Vec<(String, f64)>, Vec<String>, serde_json::Value) {
    let mut r = eval::score_claims(docs, labels);
    r.folder = dir.display().to_string();
    (r.to_string(), r.misses.clone(), r.metrics(), r.errors.clone(), serde_json::to_value(&r).unwrap_or_default())
}

pub fn run(a: EvalArgs) -> Result<i32, String> {
    let external = find(&a.external, "../shared/external");
    let corpora = find(&a.corpora, "eval/corpora");
    let mut set_dirs: Vec<(&str, PathBuf)> = SETS.iter().map(|s| (*s, find(&None, &format!("eval/{s}")))).collect();
    for given in &a.sets {
        let (name, dir) = given.split_once('=').ok_or_else(|| format!("--set {given}: expected NAME=DIR"))?;
        let slot = set_dirs.iter_mut().find(|(s, _)| *s == name).ok_or_else(|| format!("--set {given}: no labelled set named {name:?} (known: {})", SETS.join(", ")))?;
        slot.1 = PathBuf::from(dir);
    }
    let floors = match &a.floors {
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
        None => DEFAULT_FLOORS.to_string(),
    };
    let mut notes: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut metrics: Vec<(String, f64)> = Vec::new();
    let mut ran: Vec<&str> = Vec::new();
    let mut out_json = serde_json::Map::new();
    let missing = |what: String, notes: &mut Vec<String>| -> Result<(), String> {
        if a.require_all {
            Err(format!("{what} is missing (--require-all)"))
        } else {
            notes.push(format!("skipped: {what} is missing"));
            Ok(())
        }
    };

    match std::fs::read_to_string(external.join("money_cases.jsonl")) {
        Ok(t) => {
            let r = eval::run_money(&t);
            text.push_str(&format!("{r}\n"));
            if a.explain {
                text.push_str(&format!("{}\n", r.explain()));
            }
            metrics.extend(r.metrics());
            ran.push("money");
            out_json.insert("money".into(), serde_json::to_value(&r).unwrap_or_default());
        }
        Err(_) => missing(format!("{}", external.join("money_cases.jsonl").display()), &mut notes)?,
    }
    match std::fs::read_to_string(external.join("number_cases.jsonl")) {
        Ok(t) => {
            let r = eval::run_numbers(&t);
            text.push_str(&format!("{r}\n"));
            if a.explain {
                text.push_str(&format!("{}\n", r.explain()));
            }
            metrics.extend(r.metrics());
            ran.push("numbers");
            out_json.insert("numbers".into(), serde_json::to_value(&r).unwrap_or_default());
        }
        Err(_) => missing(format!("{}", external.join("number_cases.jsonl").display()), &mut notes)?,
    }
    match std::fs::read_to_string(external.join("gum_wikinews_entities.jsonl")) {
        Ok(t) => {
            let g = crate::entities::gum::score(&t);
            text.push_str(&format!(
                "Entities (GUM Wikinews, {} documents, {} gold named mentions)\n  P {:.3}  R {:.3}  F1 {:.3}  alias accuracy {:.3}  merges {}\n\n",
                g.docs, g.gold, g.precision, g.recall, g.f1, g.alias_accuracy, g.merges
            ));
            if a.explain {
                for m in g.misses.iter().take(200) {
                    text.push_str(&format!("  FN {m}\n"));
                }
                for m in g.false_positives.iter().take(200) {
                    text.push_str(&format!("  FP {m}\n"));
                }
            }
            metrics.push(("entities.gum.precision".into(), g.precision));
            metrics.push(("entities.gum.recall".into(), g.recall));
            metrics.push(("entities.gum.f1".into(), g.f1));
            metrics.push(("entities.gum.alias_accuracy".into(), g.alias_accuracy));
            ran.push("entities");
            out_json.insert(
                "entities".into(),
                json!({"docs": g.docs, "gold": g.gold, "precision": g.precision, "recall": g.recall, "f1": g.f1, "alias_accuracy": g.alias_accuracy, "merges": g.merges}),
            );
        }
        Err(_) => missing(format!("{}", external.join("gum_wikinews_entities.jsonl").display()), &mut notes)?,
    }
    // The development corpora, then the blind-written sets (metrics `NAME.*`, JSON objects
    // named after each set).
    let mut set_json: Vec<(&str, serde_json::Map<String, serde_json::Value>)> = SETS.iter().map(|s| (*s, serde_json::Map::new())).collect();
    let prefixes: Vec<String> = SETS.iter().map(|s| format!("{s}.")).collect();
    let all: Vec<(&str, &PathBuf)> = std::iter::once(("", &corpora)).chain(set_dirs.iter().zip(&prefixes).map(|((_, d), p)| (p.as_str(), d))).collect();
    for (set, dir) in all {
        for (name, score) in [("sourcing", score_sourcing as Scorer), ("claims", score_claims)] {
            let folder = dir.join(name);
            match read_corpus(&folder) {
                Ok((docs, labels)) => {
                    let (shown, misses, m, errors, value) = score(&docs, &labels, &folder);
                    text.push_str(&format!("{shown}\n"));
                    if a.explain {
                        for miss in &misses {
                            text.push_str(&format!("  {miss}\n"));
                        }
                    }
                    metrics.extend(m.into_iter().map(|(k, v)| (format!("{set}{k}"), v)));
                    // The report's name as the floors know it ("claims", "blind2.sourcing").
                    let report = format!("{set}{name}");
                    ran.push(namespaces().iter().find(|n| **n == report).map_or(name, String::as_str));
                    if !errors.is_empty() {
                        return Err(format!("{} labels: {}", folder.display(), errors.join("; ")));
                    }
                    match set_json.iter_mut().find(|(k, _)| set.strip_suffix('.') == Some(*k)) {
                        Some((_, m)) => {
                            m.insert(name.into(), value);
                        }
                        None => {
                            out_json.insert(name.into(), value);
                        }
                    }
                }
                Err(e) => missing(e, &mut notes)?,
            }
        }
    }
    for (k, m) in set_json {
        if !m.is_empty() {
            out_json.insert(k.into(), serde_json::Value::Object(m));
        }
    }

    let checks: Vec<FloorCheck> = check_metrics(&floors, &metrics, &ran).map_err(|e| e.to_string())?;
    let failed = checks.iter().filter(|c| !c.passed).count();
    for n in &notes {
        eprintln!("crosscheck: note: {n}");
    }
    match a.format {
        super::ListFormat::Json => {
            out_json.insert("floors".into(), serde_json::to_value(&checks).unwrap_or_default());
            println!("{}", serde_json::to_string_pretty(&json!({"version": 1, "eval": out_json})).unwrap());
        }
        super::ListFormat::Text => {
            print!("{text}");
            println!("Floors (eval/floors.toml)");
            for c in &checks {
                println!("  {c}");
            }
            println!("{} floors, {} below", checks.len(), failed);
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

//! Throughput of per-document analysis in MB/s on one core: exactly what the CLI and the
//! language server run per file (`corpus::analyse_doc`: prose masking, sentences, figures,
//! attribution, suppressions, entity mentions, claim features), on generated news-like
//! Markdown and plain text (`support/article.rs`). Target: at least 50 MB/s, since the language
//! server re-analyses a document on every keystroke.
//!
//! ```sh
//! cargo bench --bench analysis                 # criterion (wall clock), then MB/s by CPU time
//! ANALYSIS_ONCE=markdown valgrind --tool=callgrind --toggle-collect=analysis::run target/release/deps/analysis-<hash>
//! ```
//!
//! `ANALYSIS_ONCE=markdown|plain` analyses the 1 MiB document once and exits: instruction
//! counts under callgrind are repeatable where wall-clock time on a shared machine is not.
//! `ANALYSIS_FILES=1` measures real-sized files and published news instead (MB/s per core);
//! `ANALYSIS_FILES=once|once-news` analyses them once after a warm-up, for callgrind
//! (`once-cold`, `once-news-cold`: without it, as a fresh process meets its first documents).

/// The allocator the `crosscheck` binary uses, so that the numbers are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/article.rs"]
mod support;

use criterion::{black_box, Criterion, Throughput};
use crosscheck::attribution::Cues;
use crosscheck::corpus::analyse_doc;
use crosscheck::text::Format;

const MIB: usize = 1 << 20;

fn doc(bytes: usize, format: Format) -> String {
    support::article(bytes, 7, format == Format::Markdown)
}

#[inline(never)]
fn run(text: &str, format: Format, cues: &Cues) -> usize {
    let a = analyse_doc("bench.md", black_box(text), format, cues);
    a.analysis.figures.len() + a.mentions.mentions.len() + a.features.len()
}

fn bench(c: &mut Criterion) {
    let cues = Cues::default();
    let mut g = c.benchmark_group("analyse_doc");
    for (bytes, size) in [(20 * 1024, "20kb"), (MIB, "1mib")] {
        for (format, name) in [(Format::Markdown, "markdown"), (Format::Plain, "plain")] {
            let text = doc(bytes, format);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{name}_{size}"), |b| b.iter(|| run(&text, format, &cues)));
        }
    }
    g.finish();
}

/// Nanoseconds this thread has spent on a CPU (Linux), so that other processes on a busy
/// machine do not count against the analysis.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Runs `round` for 3 seconds of this thread's CPU time: the rounds run, the seconds they took
/// and the shortest round's seconds; None where the CPU time cannot be read.
fn cpu_rounds(mut round: impl FnMut()) -> Option<(u64, f64, f64)> {
    let start = cpu_ns()?;
    let mut rounds = 0u64;
    let mut best = f64::MAX;
    while cpu_ns().unwrap_or(start) - start < 3_000_000_000 {
        let t = cpu_ns().unwrap_or(0);
        round();
        // The kernel may not have counted a short round yet: a zero is no measurement.
        let dt = cpu_ns().unwrap_or(0).saturating_sub(t) as f64 / 1e9;
        if dt > 0.0 {
            best = best.min(dt);
        }
        rounds += 1;
    }
    Some((rounds, (cpu_ns().unwrap_or(start) - start) as f64 / 1e9, best))
}

/// MB/s per core by CPU time, printed after criterion's wall-clock figures.
fn per_core() {
    let cues = Cues::default();
    for (format, name) in [(Format::Markdown, "markdown"), (Format::Plain, "plain")] {
        let text = doc(MIB, format);
        let Some((runs, secs, best)) = cpu_rounds(|| {
            run(&text, format, &cues);
        }) else {
            return;
        };
        let mb = text.len() as f64 * runs as f64 / 1e6;
        println!(
            "analyse_doc/{name}: {:.1} MB/s per core by CPU time (mean of {runs} runs of {} bytes; best run {:.1} MB/s)",
            mb / secs,
            text.len(),
            text.len() as f64 / 1e6 / best
        );
    }
}

/// `ANALYSIS_DUMP=dir`: write generated documents (several seeds, both formats) and the full
/// `Debug` of their analysis to `dir`, so an optimisation can be checked for identical results.
fn dump(dir: &str) {
    let cues = Cues::default();
    for seed in 1..=8u64 {
        for (md, ext) in [(true, "md"), (false, "txt")] {
            let text = support::article(128 * 1024, seed, md);
            let format = if md { Format::Markdown } else { Format::Plain };
            let a = analyse_doc("gen", &text, format, &cues);
            std::fs::write(format!("{dir}/gen-{seed}.{ext}"), &text).expect("write");
            let debug = format!("{:#?}\n{:#?}\n{:#?}\n", a.analysis, a.mentions, a.features);
            std::fs::write(format!("{dir}/gen-{seed}.{ext}.debug"), debug).expect("write");
        }
    }
}

/// Every Markdown and text file under `dirs`, with its format.
fn files_under(dirs: &[&str]) -> Vec<(String, Format)> {
    let mut out = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = dirs.iter().map(Into::into).collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let mut kids: Vec<_> = std::fs::read_dir(&p).into_iter().flatten().flatten().map(|e| e.path()).collect();
            kids.sort();
            stack.extend(kids.into_iter().rev());
        } else if let Some(format) = p.extension().and_then(|e| e.to_str()).and_then(|e| match e {
            "md" => Some(Format::Markdown),
            "txt" => Some(Format::Plain),
            _ => None,
        }) {
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push((text, format));
            }
        }
    }
    out
}

/// The published news prose on this machine, one document each: the seed articles and the 43
/// Wikinews texts of the GUM suite (read from ../shared, never copied). Their figures per
/// kilobyte (about 1.6 and 0.9) are what real copy carries; the generated document has 9.
fn news() -> Vec<(String, Format)> {
    let mut out = files_under(&["../shared/seeds"]);
    let gum = std::fs::read_to_string("../shared/external/gum_wikinews_entities.jsonl").unwrap_or_default();
    out.extend(gum.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).filter_map(|v| v["text"].as_str().map(|t| (t.to_string(), Format::Plain))));
    out
}

/// MB/s per core over real-sized documents, one analysis per file as the CLI runs them: the
/// seed articles (read from ../shared, never copied) and the project's own example and
/// labelled corpora (`files`); and published news alone (`news`, see [`news`]). News prose
/// carries far fewer figures per kilobyte than the generated stress document (about 1.5
/// against 9), and the cost of claim features grows with figures; it carries more names.
fn per_core_files() {
    let cues = Cues::default();
    let sets = [("files", files_under(&["../shared/seeds", "examples", "eval/corpora"])), ("news", news())];
    let once = std::env::var("ANALYSIS_FILES").ok().filter(|v| v.starts_with("once"));
    for (name, files) in &sets {
        let bytes: usize = files.iter().map(|(t, _)| t.len()).sum();
        if files.is_empty() {
            continue;
        }
        if let Some(once) = &once {
            // `once` (the project's files) or `once-news`, for callgrind: warm up (regexes,
            // word lists) unless `once-cold`/`once-news-cold`, then one round.
            if once.contains("news") != (*name == "news") {
                continue;
            }
            if !once.ends_with("cold") {
                analyse_doc("warm.md", &doc(4096, Format::Markdown), Format::Markdown, &cues);
            }
            let rounds = std::env::var("ANALYSIS_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
            let items: usize = (0..rounds).map(|_| files.iter().map(|(text, format)| run(text, *format, &cues)).sum::<usize>()).sum();
            println!("{name}: {} files, {bytes} bytes, {items} items", files.len());
            continue;
        }
        let Some((rounds, secs, best)) = cpu_rounds(|| {
            for (text, format) in files {
                run(text, *format, &cues);
            }
        }) else {
            return;
        };
        println!(
            "analyse_doc/{name}: {:.1} MB/s per core by CPU time ({} files, {bytes} bytes, mean of {rounds} rounds; best round {:.1} MB/s)",
            bytes as f64 * rounds as f64 / 1e6 / secs,
            files.len(),
            bytes as f64 / 1e6 / best
        );
    }
}

fn main() {
    if std::env::var("ANALYSIS_FILES").is_ok() {
        return per_core_files();
    }
    if let Ok(dir) = std::env::var("ANALYSIS_DUMP") {
        return dump(&dir);
    }
    if let Ok(which) = std::env::var("ANALYSIS_ONCE") {
        let format = if which == "plain" { Format::Plain } else { Format::Markdown };
        let cues = Cues::default();
        // Warm up first (regexes and word lists are built once per process), so that
        // `--toggle-collect=analysis::run` counts only the 1 MiB analysis.
        analyse_doc("warm.md", &doc(4096, format), format, &cues);
        let text = doc(MIB, format);
        println!("{which}: {} bytes, {} items", text.len(), run(&text, format, &cues));
        return;
    }
    let mut c = Criterion::default()
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(3))
        .warm_up_time(std::time::Duration::from_secs(1))
        .configure_from_args();
    bench(&mut c);
    c.final_summary();
    // Only on a full run, not when criterion filters to one benchmark or lists them.
    if std::env::args().skip(1).all(|a| a == "--bench") {
        per_core();
    }
}

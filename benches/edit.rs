//! What one keystroke costs the analysis: a 20 KB generated article is analysed once, then a
//! word is typed and deleted in a sentence in its middle, and the document is analysed
//! again, with the sentence memo the language server keeps per open document
//! (`corpus::analyse_doc_with`) and without it (`corpus::analyse_doc`).
//!
//! ```sh
//! cargo bench --bench edit
//! EDIT_ONCE=memo valgrind --tool=callgrind --toggle-collect=edit::edited target/release/deps/edit-<hash>
//! ```
//!
//! `EDIT_ONCE=memo|earlier|full` analyses one edited version once and exits, for instruction
//! counts (`earlier`: with the memo and the version before the edit, as the language server does).
//! `EDIT_ONCE=refresh` instead puts the article in a corpus of 1,000 generated 8 KB articles,
//! types a word before a figure of it and refreshes the corpus once (`--toggle-collect=edit::refreshed`):
//! what a keystroke costs the claim and name indexes.

/// The allocator the `crosscheck` binary uses, so that the numbers are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/article.rs"]
mod support;

use criterion::{black_box, Criterion, Throughput};
use crosscheck::attribution::Cues;
use crosscheck::corpus::{analyse_doc, analyse_doc_with, DocMemo, Held};
use std::sync::Arc;
use crosscheck::text::Format;

/// The article and where typing happens: in its middle, before the word before a figure, as
/// a writer revising a sentence does (and as the language server benchmark types).
fn setup() -> (String, usize) {
    let text = support::article(20 * 1024, 11, true);
    let mid = text.len() / 2;
    let figure = text[mid..].find('$').map_or(mid, |i| mid + i);
    let at = text[..figure].trim_end().rfind(' ').map_or(figure, |i| i + 1);
    (text, at)
}

#[inline(never)]
fn refreshed(corpus: &mut crosscheck::corpus::Corpus) -> usize {
    corpus.refresh().len()
}

#[inline(never)]
fn edited(text: &str, memo: Option<&mut DocMemo>, earlier: Option<&Held>, cues: &Cues) -> usize {
    let a = match memo {
        Some(m) => analyse_doc_with("bench.md", black_box(text), Format::Markdown, cues, Some(m), earlier),
        None => analyse_doc("bench.md", black_box(text), Format::Markdown, cues),
    };
    a.analysis.figures.len() + a.mentions.mentions.len() + a.features.len()
}

/// A version of the document as the language server's corpus holds it.
fn held(text: &str, memo: &mut DocMemo, cues: &Cues) -> Held {
    let a = analyse_doc_with("bench.md", text, Format::Markdown, cues, Some(memo), None);
    Held { text: text.into(), analysis: Arc::new(a.analysis), mentions: Arc::new(a.mentions), features: Arc::new(a.features) }
}

fn main() {
    let cues = Cues::default();
    let (text, at) = setup();
    let mut typed = text.clone();
    typed.insert_str(at, "urgent ");
    if std::env::var("EDIT_ONCE").as_deref() == Ok("refresh") {
        let config = crosscheck::config::Config::defaults(std::path::PathBuf::from("/bench"));
        let mut corpus = crosscheck::corpus::Corpus::new(&config);
        for i in 0..1000 {
            corpus.set(&format!("/bench/d{i:04}.md"), support::article(8 * 1024, 100 + i, true).into(), Format::Markdown);
        }
        corpus.set("/bench/edited.md", text.as_str().into(), Format::Markdown);
        corpus.refresh();
        let mid = text.len() / 2;
        let fig = mid + text[mid..].find('$').expect("a figure");
        let mut typed = text.clone();
        typed.insert_str(fig, "urgent ");
        corpus.set("/bench/edited.md", typed.into(), Format::Markdown);
        let n = refreshed(&mut corpus);
        println!("refresh: {n} documents changed, {:?}", corpus.claims().last_update);
        return;
    }
    if let Ok(which) = std::env::var("EDIT_ONCE") {
        let mut memo = DocMemo::default();
        let before = held(&text, &mut memo, &cues);
        let n = match which.as_str() {
            "memo" => edited(&typed, Some(&mut memo), None, &cues),
            "earlier" => edited(&typed, Some(&mut memo), Some(&before), &cues),
            _ => edited(&typed, None, None, &cues),
        };
        println!(
            "{which}: {} bytes, {n} items; from the memo {} sentences and {} paragraphs, from the version before {} sentences and {} paragraphs",
            typed.len(),
            memo.sentences.reused,
            memo.paragraphs.reused,
            memo.sentences.carried,
            memo.paragraphs.carried
        );
        return;
    }
    let mut c = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).configure_from_args();
    let mut g = c.benchmark_group("keystroke_20kb");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("full", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            edited(if flip { &typed } else { &text }, None, None, &cues)
        })
    });
    g.bench_function("memo", |b| {
        let mut memo = DocMemo::default();
        analyse_doc_with("bench.md", &text, Format::Markdown, &cues, Some(&mut memo), None);
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            edited(if flip { &typed } else { &text }, Some(&mut memo), None, &cues)
        })
    });
    // As the language server runs it: the memo, and the version before the keystroke.
    g.bench_function("memo_earlier", |b| {
        let mut memo = DocMemo::default();
        let versions = [held(&text, &mut memo, &cues), held(&typed, &mut memo, &cues)];
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let (now, before) = if flip { (&typed, &versions[0]) } else { (&text, &versions[1]) };
            edited(now, Some(&mut memo), Some(before), &cues)
        })
    });
    g.finish();
    c.final_summary();
}

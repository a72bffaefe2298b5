//! Throughput of per-document analysis (prose, sentences, figures, attribution) in MB/s on one
//! core, on generated news-like Markdown. Target: at least 50 MB/s, since the language server
//! re-analyses a document on every keystroke.
//!
//! Run: `cargo bench --bench analysis`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::analysis::analyze;
use crosscheck::attribution::Cues;
use crosscheck::text::Format;

/// A generated article of about `kb` kilobytes: paragraphs with figures, quotes, links,
/// headings, lists and code, in a varying order.
pub fn article(kb: usize, seed: u64) -> String {
    let paras = [
        "The county board approved $48.5 million for road repairs on Tuesday, according to the minutes of the meeting.",
        "“We have waited long enough,” said Ana Ruiz, who chairs the transport committee. The backlog now tops 1,200 projects.",
        "Contractors were paid more than $61 million last year. Critics say the real cost is nearly $90 million.",
        "See the [full report](https://example.org/report/2024) for details on the 14 districts and 3.5 percent growth.",
        "In 2019, the city spent about $212 million on maintenance, and officials estimated another $9.5 million for overtime.",
        "The program serves over 150,000 residents in two counties, records show, at a cost of $1,250 per household.",
        "Mr. Lee of Acme Inc. told reporters the U.S. grant of $3 million would arrive in June. That sum covers design only.",
        "Ordinary prose without any numbers keeps the scanner honest about the common case of plain sentences and names.",
    ];
    let mut s = String::with_capacity(kb * 1024 + 512);
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut n = 0;
    while s.len() < kb * 1024 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if n % 12 == 0 {
            s.push_str(&format!("## Section {}\n\n", n / 12 + 1));
        }
        if n % 17 == 5 {
            s.push_str("- First item costs $4 million\n- Second item, per the agency\n\n```\nlet x = $5;\n```\n\n");
        }
        s.push_str(paras[(x % paras.len() as u64) as usize]);
        s.push(' ');
        s.push_str(paras[((x >> 8) % paras.len() as u64) as usize]);
        s.push_str("\n\n");
        n += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let cues = Cues::default();
    let mut g = c.benchmark_group("analyze");
    for kb in [20usize, 1024] {
        let doc = article(kb, 7);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_function(format!("markdown_{kb}kb"), |b| b.iter(|| analyze(&doc, Format::Markdown, &cues)));
        g.bench_function(format!("plain_{kb}kb"), |b| b.iter(|| analyze(&doc, Format::Plain, &cues)));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);

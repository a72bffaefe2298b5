//! Throughput of whole-document figure analysis: prose masking, sentence splitting and the
//! figure scanner on every sentence, as the language server runs it on each keystroke.
//! Reported in bytes per second (criterion's throughput), on generated news-like text.
//!
//! `cargo bench --bench figures`

/// The allocator the `crosscheck` binary uses, so that the numbers are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::figures::{Figure, Scanner};
use crosscheck::text::{sentences, Format, Prose};

/// A small deterministic generator (no dependency, same text on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const NAMES: &[&str] = &["Maria Lopez", "Dist. Atty. Kim Ortiz", "Mr. Daniel Reyes", "Gov. Ann Walsh", "Sen. Tom Baker", "Dr. Priya Natarajan"];
const ORGS: &[&str] = &["the Federal Election Commission", "Politico", "the county's finance office", "Acme Holdings Inc.", "the U.S. Treasury", "a super PAC"];
const THINGS: &[&str] = &["television ads", "the school bond", "road repairs", "the stadium deal", "campaign mailers", "legal fees"];
const FILLER: &[&str] = &[
    "The council met again on Tuesday evening to debate the proposal, which critics have called rushed and opaque.",
    "Residents packed the hearing room, and several of them waited hours for a chance to speak.",
    "Officials did not respond to repeated requests for comment before this story was published.",
    "The measure would change how the city awards contracts for maintenance work on its older buildings.",
    "Supporters argue the plan is overdue; opponents say it shifts costs onto renters and small businesses.",
    "“We are going to keep asking questions until we get real answers,” one neighbor said outside the building.",
    "The debate has split the coalition that elected the mayor, according to people familiar with the talks.",
    "In a statement, the campaign said it had followed every rule and would cooperate with any review.",
];

fn sentence(r: &mut Lcg) -> String {
    let n = 1 + r.next() % 900;
    let d = 1 + r.next() % 28;
    let y = 1990 + r.next() % 35;
    match r.next() % 12 {
        0 => format!("{} said {} spent ${}.{} million on {} in {}.", r.pick(NAMES), r.pick(ORGS), n, d % 10, r.pick(THINGS), y),
        1 => format!("According to {}, more than {} people attended the rally on June {}, {}.", r.pick(ORGS), n * 10, d, y),
        2 => format!("The measure passed {}% to {}%, with turnout near {} percent.", 50 + d, 50 - d, 30 + d),
        3 => format!("A donation of ${},{}00 went to {} candidates in {} states.", n, d % 10, d, r.pick(&["six", "seven", "twelve"])),
        4 => format!("{} reported that {} paid between ${} and ${} for {}.", r.pick(ORGS), r.pick(NAMES), n, n + d, r.pick(THINGS)),
        5 => format!("Call 555-{:04} or see page {} of the filing dated 08/{:02}/{}.", n, d, d, y),
        _ => r.pick(FILLER).to_string(),
    }
}

fn document(bytes: usize) -> String {
    let mut r = Lcg(7);
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        for _ in 0..(3 + r.next() % 4) {
            out.push_str(&sentence(&mut r));
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}

fn analyse(text: &str, format: Format, scanner: &mut Scanner, out: &mut Vec<Figure>) -> usize {
    out.clear();
    let prose = Prose::new(text, format);
    for s in sentences::split(&prose.masked, &prose.breaks) {
        scanner.scan(&prose.masked, s.range, out);
    }
    out.len()
}

fn bench(c: &mut Criterion) {
    let doc = document(1 << 20);
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.sample_size(20);
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    group.bench_function("analyse plain 1MiB", |b| b.iter(|| analyse(black_box(&doc), Format::Plain, &mut scanner, &mut out)));
    group.bench_function("analyse markdown 1MiB", |b| b.iter(|| analyse(black_box(&doc), Format::Markdown, &mut scanner, &mut out)));
    group.bench_function("mask and split only, plain 1MiB", |b| {
        b.iter(|| {
            let prose = Prose::new(black_box(&doc), Format::Plain);
            sentences::split(&prose.masked, &prose.breaks).len()
        })
    });
    let prose = Prose::new(&doc, Format::Plain);
    let sents = sentences::split(&prose.masked, &prose.breaks);
    group.bench_function("scan only 1MiB", |b| {
        b.iter(|| {
            out.clear();
            for s in &sents {
                scanner.scan(&prose.masked, s.range.clone(), &mut out);
            }
            out.len()
        })
    });
    group.finish();
}

/// Nanoseconds this thread has spent on a CPU (Linux), so that a busy shared machine does not
/// count other processes' time against the scanner.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// MB/s per core by CPU time, printed after criterion's wall-clock figures.
fn per_core(_: &mut Criterion) {
    let doc = document(1 << 20);
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    for (name, format) in [("plain", Format::Plain), ("markdown", Format::Markdown)] {
        let Some(start) = cpu_ns() else { return };
        let mut runs = 0u64;
        let mut figures = 0;
        // FIGURES_RUNS=n: exactly n runs (for instruction counts under valgrind).
        let fixed: Option<u64> = std::env::var("FIGURES_RUNS").ok().and_then(|v| v.parse().ok());
        while fixed.map_or(cpu_ns().unwrap_or(start) - start < 2_000_000_000, |n| runs < n) {
            figures = analyse(black_box(&doc), format, &mut scanner, &mut out);
            runs += 1;
        }
        let secs = (cpu_ns().unwrap_or(start) - start) as f64 / 1e9;
        let mb = doc.len() as f64 * runs as f64 / 1e6;
        println!("figures/{name}: {:.1} MB/s per core by CPU time ({runs} runs of {} bytes, {figures} figures each)", mb / secs, doc.len());
    }
}

criterion_group!(benches, bench, per_core);
criterion_main!(benches);

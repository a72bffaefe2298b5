//! Re-checking one edited document in a generated 5,000-document corpus: the time of
//! `Corpus::set` + `Corpus::refresh` after a figure's value changes, and how much of the claim
//! index that update touched (it must not scan the corpus: only the buckets the edited
//! document's figures share are re-clustered).
//!
//! Run: `cargo bench --bench claims_update` (`CROSSCHECK_BENCH_DOCS=N` for another corpus size;
//! default 5000).

/// The allocator the `crosscheck` binary uses, so that the numbers are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/article.rs"]
#[allow(dead_code)]
mod support;

use criterion::Criterion;
use support::Rng;
use crosscheck::config::Config;
use crosscheck::corpus::Corpus;
use crosscheck::text::Format;
use std::path::PathBuf;
use std::time::Instant;

const GIVEN: &[&str] = &["Dana", "Mikko", "Priya", "José", "Wen", "Amara", "Tomás", "Greta", "Olu", "Hana", "Rafael", "Ines"];
const FAMILY: &[&str] = &["Ortiz", "Laine", "Raman", "Álvarez", "Okafor", "Rivera", "Lindqvist", "Adeyemi", "Sato", "Moreau", "Kowalski", "Nwosu"];
const TOWNS: &[&str] = &["Halvern", "Brisco", "Tamsin", "Corrow", "Eastmere", "Valdane", "Pellham", "Ardley", "Norwick", "Salten"];
const THINGS: &[&str] = &["bridge repairs", "a new library", "flood barriers", "the transit depot", "school roofs", "a water plant"];

/// One document of story `story`: its town, its official and its project, with figures that
/// other documents of the same story repeat, round or contradict.
fn document(story: usize, i: usize, r: &mut Rng) -> String {
    let town = format!("{} {}", TOWNS[story % TOWNS.len()], ["County", "City", "Township"][story / TOWNS.len() % 3]);
    let official = format!("{} {}", GIVEN[story % GIVEN.len()], FAMILY[(story / GIVEN.len() + story) % FAMILY.len()]);
    let thing = THINGS[story % THINGS.len()];
    let cost = [4.2, 4.3, 4.25, 4.0][(i + story) % 4];
    let people = [120_000, 125_000, 120_000][(i + story) % 3];
    let year = 2015 + (story % 9);
    let mut s = format!("# {town} weighs {thing}\n\n");
    s += &format!("{town} will spend ${cost} million on {thing}, {official} said on Monday.\n\n");
    s += &format!("The district serves about {people} residents, according to the {year} census.\n\n");
    for _ in 0..4 {
        s += match r.next() % 4 {
            0 => "Council members asked for a second hearing before the vote.\n\n",
            1 => "Residents waited two years for the plan, and many still doubt it will happen.\n\n",
            2 => "The contract was awarded after three rounds of bidding.\n\n",
            _ => "Critics said the timeline was too short to review the engineering studies.\n\n",
        };
    }
    s += &format!("In {year}, {official} also raised ${} for the campaign, records show.\n", 10_000 + (r.next() % 90) * 1000);
    s
}

fn bench(c: &mut Criterion, docs: usize) {
    let config = Config::defaults(PathBuf::from("/bench"));
    let mut corpus = Corpus::new(&config);
    let mut r = Rng::new(0x9e3779b97f4a7c15);
    let stories = docs / 20;
    let mut texts = Vec::with_capacity(docs);
    for i in 0..docs {
        let path = format!("/bench/story{:04}/doc{i:05}.md", i % stories);
        let text = document(i % stories, i, &mut r);
        texts.push((path.clone(), text.clone()));
        corpus.set(&path, text.into(), Format::Markdown);
    }
    let t = Instant::now();
    corpus.refresh();
    let claims = corpus.claims().claims().count();
    println!("{docs} documents, {} keyed figures, {claims} claims: initial refresh {:.2} s", corpus.claims().len(), t.elapsed().as_secs_f64());

    // The edit: one document's cost figure changes value, back and forth.
    let (path, text) = texts[docs / 2].clone();
    let edited = text.replacen(" million on ", "1 million on ", 1);
    assert_ne!(edited, text, "the edit must change the document");
    corpus.set(&path, edited.clone().into(), Format::Markdown);
    corpus.refresh();
    let cost = corpus.claims().last_update;
    println!(
        "one edited document: {} of {} figures re-clustered, {} pairs compared",
        cost.figures,
        corpus.claims().len(),
        cost.pairs
    );
    let mut flip = false;
    c.bench_function(&format!("claims_update/edit_one_of_{docs}"), |b| {
        b.iter(|| {
            flip = !flip;
            corpus.set(&path, if flip { text.clone().into() } else { edited.clone().into() }, Format::Markdown);
            corpus.refresh()
        })
    });
}

fn main() {
    let docs = std::env::var("CROSSCHECK_BENCH_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(5000);
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    bench(&mut c, docs);
    c.final_summary();
}

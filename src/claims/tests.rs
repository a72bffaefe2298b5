//! Claim keys and verdicts, negatives included, on keyed figures and on sentences.

use super::*;
use crate::figures::Qualifier;

fn keyed(value: f64, step: f64, q: Qualifier, unit: &str, class: &'static str, time: Option<TimeRef>, ents: &[(&str, Kind)]) -> Keyed {
    Keyed {
        range: 0..1,
        line: 1,
        text: String::new(),
        value,
        interval: Interval::from_qualifier(value, step, q),
        ranged: false,
        unique: false,
        unit: unit.into(),
        class,
        label: class,
        time,
        time_stated: false,
        doc_year: None,
        entities: ents.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
        subject: None,
        topic: Vec::new(),
        scope: Vec::new(),
        cofigures: Vec::new(),
        terms: Vec::new(),
        near: ents.iter().map(|(n, _)| n.to_string()).collect(),
        classes: vec![class],
        mentioned: ents.iter().map(|(n, _)| n.to_string()).collect(),
        doc_names: Arc::new(NameSet::new(ents.iter().map(|(n, _)| n.to_string()))),
        whole: None,
    }
}

const P: Kind = Kind::Person;
const PL: Kind = Kind::Place;

#[test]
fn verdicts_follow_the_intervals() {
    let ash = [("Jeff Ashton", P), ("Aramis Ayala", P)];
    let a = keyed(1.5e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash);
    let b = keyed(1.6e6, 1e5, Qualifier::MoreThan, "person", "coverage", Some(TimeRef::In(2016)), &ash);
    assert!(compatible(&a, &b));
    assert_eq!(verdict(&a, &b, 0.0), Verdict::Conflict);
    let c = keyed(9e5, 1e5, Qualifier::MoreThan, "USD", "giving", Some(TimeRef::In(2015)), &[("George Soros", P), ("James Stewart", P)]);
    let d = keyed(9.3e5, 1e4, Qualifier::MoreThan, "USD", "giving", Some(TimeRef::In(2015)), &[("George Soros", P), ("James Stewart", P)]);
    assert_eq!(verdict(&c, &d, 0.0), Verdict::Differ);
    let e = keyed(3e6, 1e6, Qualifier::Exact, "USD", "giving", None, &[("George Soros", P)]);
    let f = keyed(3e6, 1e6, Qualifier::MoreThan, "USD", "giving", None, &[("George Soros", P)]);
    assert_eq!(verdict(&e, &f, 0.0), Verdict::Agree);
    let n = keyed(3e6, 1e6, Qualifier::Nearly, "USD", "giving", None, &[("George Soros", P)]);
    let g = keyed(2.7e6, 1e5, Qualifier::Exact, "USD", "giving", None, &[("George Soros", P)]);
    assert_eq!(verdict(&n, &g, 0.0), Verdict::Conflict);
    // Slack forgives a small gap.
    assert_eq!(verdict(&a, &b, 0.1), Verdict::Differ);
}

#[test]
fn look_alikes_do_not_match() {
    let soros = [("George Soros", P)];
    let base = keyed(3e6, 1e6, Qualifier::Exact, "USD", "giving", Some(TimeRef::In(2016)), &soros);
    // Different years, and "since" against "in".
    assert!(!compatible(&base, &keyed(5e6, 1e6, Qualifier::Exact, "USD", "giving", Some(TimeRef::In(2018)), &soros)));
    assert!(!compatible(&base, &keyed(1.6e7, 1e6, Qualifier::MoreThan, "USD", "giving", Some(TimeRef::Since(2014)), &soros)));
    // A figure with no time can match any time, but one dated figure against an undated one
    // asks for more in common than a lone shared name.
    let mut undated = keyed(3e6, 1e6, Qualifier::Exact, "USD", "giving", None, &soros);
    assert!(!compatible(&base, &undated));
    let mut dated = base.clone();
    dated.terms = vec![("ballpark".into(), 1.0)];
    undated.terms = vec![("ballpark".into(), 1.0)];
    assert_eq!(apart(&dated, &undated), None);
    // Different measure or unit. A grant received is money given, seen from the other side.
    assert!(!compatible(&base, &keyed(8e9, 1e9, Qualifier::Exact, "USD", "worth", Some(TimeRef::In(2016)), &soros)));
    assert!(compatible(&base, &keyed(3e6, 1e6, Qualifier::Exact, "USD", "grant", Some(TimeRef::In(2016)), &soros)));
    assert!(!compatible(&base, &keyed(3e6, 1e6, Qualifier::Exact, "EUR", "giving", Some(TimeRef::In(2016)), &soros)));
    // Different beneficiaries: a lone name does not match a name plus another.
    let groups = keyed(1e6, 1e6, Qualifier::MoreThan, "USD", "giving", None, &[("George Soros", P), ("Safety and Justice", Kind::Organization)]);
    assert!(!compatible(&base, &groups));
    // Different subjects: the donor and the committee it funds.
    let mut donor = keyed(1e6, 1e6, Qualifier::MoreThan, "USD", "giving", None, &[("George Soros", P), ("Justice PAC", Kind::Organization)]);
    let mut pac = keyed(1.4e6, 1e5, Qualifier::Nearly, "USD", "giving", None, &[("George Soros", P), ("Justice PAC", Kind::Organization)]);
    assert!(compatible(&donor, &pac));
    donor.subject = Some("George Soros".into());
    pac.subject = Some("Justice PAC".into());
    assert!(!compatible(&donor, &pac));
    // Different places: different races.
    let ca = keyed(2.7e6, 1e5, Qualifier::MoreThan, "USD", "giving", None, &[("George Soros", P), ("California", PL)]);
    let fl = keyed(2.5e6, 1e5, Qualifier::MoreThan, "USD", "giving", None, &[("George Soros", P), ("Florida", PL)]);
    assert!(!compatible(&ca, &fl));
    // Different scope: a total against a public share.
    let mut public = keyed(2e6, 1e6, Qualifier::Exact, "USD", "budget", None, &[("Harbor Bridge", PL), ("Port Authority", Kind::Organization)]);
    let total = keyed(5e6, 1e6, Qualifier::Exact, "USD", "budget", None, &[("Harbor Bridge", PL), ("Port Authority", Kind::Organization)]);
    assert!(compatible(&public, &total));
    public.scope = vec!["public".into()];
    assert!(!compatible(&public, &total));
    // Another figure of the same unit disagreeing in each sentence: a different scope.
    let mut seven = base.clone();
    seven.cofigures = vec![("candidate".into(), Interval::from_qualifier(7.0, 1.0, Qualifier::Exact), true)];
    let mut twelve = keyed(1.1e7, 1e6, Qualifier::Nearly, "USD", "giving", Some(TimeRef::In(2016)), &soros);
    twelve.cofigures = vec![("candidate".into(), Interval::from_qualifier(12.0, 1.0, Qualifier::Exact), true)];
    assert!(!compatible(&seven, &twelve));
}

#[test]
fn purchase_kin_need_more_evidence_and_a_number_beside_its_peer_is_apart() {
    let org = [("Alderkamp Chocolate", Kind::Organization)];
    // Spending on beans and paying for them: one purchase told two ways, when enough is shared.
    let mut spent = keyed(4.12e8, 1e6, Qualifier::Exact, "USD", "spending", Some(TimeRef::In(2024)), &org);
    let mut paid = keyed(4e8, 1e7, Qualifier::Nearly, "USD", "payment", Some(TimeRef::In(2024)), &org);
    spent.terms = vec![("bean".into(), 1.0)];
    paid.terms = vec![("bean".into(), 1.0)];
    assert!(compatible(&spent, &paid), "{:?}", apart(&spent, &paid));
    spent.terms.clear();
    paid.terms.clear();
    // The shared name alone (1.5) is enough for one class, not for kin classes (2.5).
    let mut same_class = paid.clone();
    same_class.class = "spending";
    same_class.classes = vec!["spending"];
    let mut bare = spent.clone();
    bare.near.clear();
    bare.doc_names = Arc::new(NameSet::default());
    paid.near.clear();
    assert_eq!(evidence(&bare, &paid), 1.5);
    assert!(apart(&bare, &paid).is_some_and(|why| why.contains("too little")));
    same_class.near.clear();
    assert!(compatible(&bare, &same_class));
    // Spending is giving. A gift and a cost or a payment are kin: one sum told as what a donor
    // gave or what the thing cost ("gave $20 million" / "the $25 million gift"; "will
    // contribute $2.6 million" / "agreed to pay $2.4 million in penalties") meet only with more
    // in common than the name.
    let mut gave = keyed(4.12e8, 1e6, Qualifier::Exact, "USD", "giving", Some(TimeRef::In(2024)), &org);
    assert!(compatible(&spent, &gave));
    let mut cost = keyed(4.12e8, 1e6, Qualifier::Exact, "USD", "cost", Some(TimeRef::In(2024)), &org);
    assert!(apart(&gave, &cost).is_some_and(|why| why.contains("too little")), "{:?}", apart(&gave, &cost));
    gave.terms = vec![("telescope".into(), 1.0)];
    cost.terms = gave.terms.clone();
    assert!(compatible(&gave, &cost), "{:?}", apart(&gave, &cost));
    // What a storm destroyed, told as its losses or as its bill ("caused losses of $38
    // million" / "puts the bill at about $40 million"), is kin: more evidence than the name.
    let mut lost = keyed(3.8e7, 1e6, Qualifier::Exact, "USD", "loss", Some(TimeRef::In(2024)), &org);
    let mut bill = keyed(4e7, 1e6, Qualifier::About, "USD", "cost", Some(TimeRef::In(2024)), &org);
    assert!(apart(&lost, &bill).is_some_and(|why| why.contains("too little")), "{:?}", apart(&lost, &bill));
    lost.terms = vec![("greenhouse".into(), 1.0)];
    bill.terms = lost.terms.clone();
    assert!(compatible(&lost, &bill), "{:?}", apart(&lost, &bill));
    // What rebuilding will cost is not what was lost.
    bill.scope = vec!["future".into()];
    assert!(apart(&lost, &bill).is_some_and(|why| why.contains("different measures")), "{:?}", apart(&lost, &bill));
    // A grant or an award received and the payment that makes it are kin: one sum, asked to
    // share more than a name.
    let mut won = keyed(7e6, 1e6, Qualifier::Nearly, "USD", "grant", Some(TimeRef::In(2024)), &org);
    let mut ordered = keyed(6.8e6, 1e5, Qualifier::Exact, "USD", "payment", Some(TimeRef::In(2024)), &org);
    assert!(apart(&won, &ordered).is_some_and(|why| why.contains("too little")), "{:?}", apart(&won, &ordered));
    won.terms = vec![("vineyard".into(), 1.0)];
    ordered.terms = won.terms.clone();
    assert!(compatible(&won, &ordered), "{:?}", apart(&won, &ordered));
    // Not what a thing costs: a grant toward it is one part of the bill.
    let mut budget = ordered.clone();
    budget.class = "cost";
    budget.classes = vec!["cost"];
    assert!(apart(&won, &budget).is_some_and(|why| why.contains("different measures")), "{:?}", apart(&won, &budget));
    // What is paid on top is the rise in what is paid: "will pay an extra $74 a year" meets
    // "bills will rise by about $70 a year"; what is paid in all does not.
    let mut extra = keyed(74.0, 1.0, Qualifier::Exact, "USD", "payment", None, &org);
    extra.scope = vec!["additional".into(), "annual".into()];
    let mut rise = keyed(70.0, 10.0, Qualifier::About, "USD", "rise", None, &org);
    rise.scope = vec!["annual".into()];
    assert!(compatible(&extra, &rise), "{:?}", apart(&extra, &rise));
    extra.scope = vec!["annual".into()];
    assert!(apart(&extra, &rise).is_some_and(|why| why.contains("different measures")), "{:?}", apart(&extra, &rise));
    // A loan is still no gift.
    let lent = keyed(4.12e8, 1e6, Qualifier::Exact, "USD", "lending", Some(TimeRef::In(2024)), &org);
    assert!(apart(&gave, &lent).is_some_and(|why| why.contains("different measures")));
    // "a fee of $84 million …, and a fee of $126 million …" against "an $84 million fee": the
    // other number is stated beside this one.
    let mut big = keyed(1.26e8, 1e6, Qualifier::Exact, "USD", "payment", None, &org);
    let small = keyed(8.4e7, 1e6, Qualifier::Exact, "USD", "payment", None, &org);
    big.terms = vec![("fee".into(), 1.0)];
    let mut small_t = small.clone();
    small_t.terms = vec![("fee".into(), 1.0)];
    assert!(compatible(&big, &small_t));
    big.cofigures = vec![("USD".into(), Interval::from_qualifier(8.4e7, 1e6, Qualifier::Exact), false)];
    assert!(apart(&big, &small_t).is_some_and(|why| why.contains("beside")));
    // "worth $8.4 million …, would still pay about $8 million" against "valued at $8.35
    // million": the neighbour restates the other report's number far more nearly than this
    // figure does, though this one overlaps it too.
    let mut pay = keyed(8e6, 1e6, Qualifier::About, "USD", "payment", None, &org);
    pay.terms = vec![("abatement".into(), 1.0), ("tax".into(), 1.0)];
    let mut worth = keyed(8.35e6, 1e4, Qualifier::Exact, "USD", "payment", None, &org);
    worth.terms = pay.terms.clone();
    assert!(compatible(&pay, &worth));
    pay.cofigures = vec![("USD".into(), Interval::from_qualifier(8.4e6, 1e5, Qualifier::Exact), false)];
    assert!(apart(&pay, &worth).is_some_and(|why| why.contains("beside")));
    // A rounder neighbour only a little nearer decides nothing: "$49,500 …, where new teachers
    // earn $48,000" against "start at $48,500".
    let mut ours = keyed(49_500.0, 100.0, Qualifier::Exact, "USD", "payment", None, &org);
    ours.terms = vec![("salary".into(), 1.0), ("starting".into(), 1.0)];
    let mut theirs = keyed(48_500.0, 100.0, Qualifier::Exact, "USD", "payment", None, &org);
    theirs.terms = ours.terms.clone();
    ours.cofigures = vec![("USD".into(), Interval::from_qualifier(48_000.0, 1_000.0, Qualifier::Exact), false)];
    assert_eq!(apart(&ours, &theirs), None);
}

#[test]
fn a_range_agrees_only_with_the_same_range() {
    let org = [("Marlow Creek Education Association", Kind::Organization)];
    let mut range = keyed(1_250.0, 10.0, Qualifier::Range, "USD", "payment", None, &org);
    range.interval = Interval::range(1_100.0, 1_400.0);
    range.ranged = true;
    let about = keyed(1_250.0, 10.0, Qualifier::About, "USD", "payment", None, &org);
    assert_eq!(verdict(&range, &about, 0.0), Verdict::Differ);
    assert_eq!(verdict(&range, &range.clone(), 0.0), Verdict::Agree);
    let mut other = range.clone();
    other.interval = Interval::range(1_000.0, 1_500.0);
    assert_eq!(verdict(&range, &other, 0.0), Verdict::Differ);
    assert_eq!(verdict(&about, &about.clone(), 0.0), Verdict::Agree);
}

#[test]
fn a_shorter_name_inside_a_longer_one_is_the_same_thing() {
    let project = [("Saltillo Ridge Growth Project", Kind::Other)];
    let mine = [("Saltillo Ridge", Kind::Organization)];
    let mut a = keyed(1.42e9, 1e7, Qualifier::Exact, "USD", "cost", None, &project);
    let mut b = keyed(1.4e9, 1e8, Qualifier::Exact, "USD", "cost", None, &mine);
    a.terms = vec![("expansion".into(), 1.0), ("mine".into(), 1.0)];
    b.terms = a.terms.clone();
    assert!(compatible(&a, &b), "{:?}", apart(&a, &b));
    // Another name altogether is still another thing.
    let mut other = keyed(1.4e9, 1e8, Qualifier::Exact, "USD", "cost", None, &[("Tucano Valley", Kind::Organization)]);
    other.terms = a.terms.clone();
    assert!(!compatible(&a, &other));
}

#[test]
fn only_places_and_things_near_a_figure_veto_a_document_that_never_names_them() {
    // The builder acts; another report may leave it unnamed.
    let mut built = keyed(2e9, 1e8, Qualifier::About, "USD", "cost", None, &[("Ostrander Renewables", Kind::Organization)]);
    let mut oped = keyed(1.8e9, 1e8, Qualifier::Exact, "USD", "cost", None, &[]);
    built.topic = vec!["Gannet Shoal".into(), "Merriton".into()];
    oped.topic = built.topic.clone();
    built.terms = vec![("farm".into(), 1.0), ("wind".into(), 1.0)];
    oped.terms = built.terms.clone();
    assert!(compatible(&built, &oped), "{:?}", apart(&built, &oped));
    // Another arena, named near the figure and never in the other report, is another thing.
    let mut arena = built.clone();
    arena.entities = vec![("Lakeport Arena".into(), Kind::Place)];
    arena.near = vec!["Lakeport Arena".into()];
    assert!(apart(&arena, &oped).is_some_and(|w| w.contains("never in the other document")), "{:?}", apart(&arena, &oped));
    // A nationality describes a party ("under American ownership"): it names no other thing.
    let mut owned = built.clone();
    owned.entities = vec![("American".into(), Kind::Other)];
    owned.near = vec!["American".into()];
    assert!(compatible(&owned, &oped), "{:?}", apart(&owned, &oped));
    // A part against the whole it is part of.
    let mut part = oped.clone();
    part.scope = vec!["part".into()];
    let mut total = oped.clone();
    total.scope = vec!["total".into()];
    assert!(!compatible(&part, &total));
    assert!(compatible(&part, &oped));
}

#[test]
fn tense_and_running_totals_keep_figures_apart() {
    let org = [("Redmesa Copper", Kind::Organization)];
    let with = |scope: &[&str], class: &'static str, time: Option<TimeRef>| {
        let mut k = keyed(4e7, 1e6, Qualifier::Exact, "USD", class, time, &org);
        k.scope = scope.iter().map(|s| s.to_string()).collect();
        k.terms = vec![("payroll".into(), 1.0)];
        k
    };
    let bare = with(&[], "wages", None);
    // What exists now or was, against what a clause puts ahead.
    assert!(!compatible(&with(&["existing"], "wages", None), &with(&["future"], "wages", None)));
    assert!(!compatible(&with(&["past"], "wages", None), &with(&["future"], "wages", None)));
    // So does what has come to be so far ("already generates 220 trips a day"), unless its own
    // clause also puts it ahead.
    assert!(!compatible(&with(&["to-date"], "wages", None), &with(&["future"], "wages", None)));
    assert!(compatible(&with(&["to-date", "future"], "wages", None), &with(&["future"], "wages", None)));
    // "The original budget" and a budget dated to a year the story has moved on from are one
    // earlier figure; "original" still sets a figure apart from an undated one.
    let y2022 = Some(TimeRef::In(2022));
    assert!(compatible(&with(&["background", "original"], "wages", y2022), &with(&["background"], "wages", y2022)));
    assert!(!compatible(&with(&["original"], "wages", None), &bare));
    // Money spent on temporary work meets the same money told without the word; a count of
    // temporary jobs is still not a bare (permanent) count.
    assert!(compatible(&with(&["temporary"], "wages", None), &bare));
    let jobs = |scope: &[&str]| {
        let mut k = keyed(40.0, 1.0, Qualifier::Exact, "job", "count", None, &org);
        k.scope = scope.iter().map(|s| s.to_string()).collect();
        k
    };
    assert!(!compatible(&jobs(&["temporary"]), &jobs(&[])));
    // "$395,000 per bus" and "each bus costs about $395,000" are one rate.
    assert!(compatible(&with(&["per"], "cost", None), &with(&["each"], "cost", None)));
    assert!(!compatible(&with(&["per"], "cost", None), &with(&[], "cost", None)));
    // Either alone meets a bare figure.
    assert!(compatible(&with(&["existing"], "wages", None), &bare));
    assert!(compatible(&with(&["future"], "wages", None), &bare));
    // A running total meets its own measure, not a kin one, and never a closed period.
    assert!(compatible(&with(&["to-date"], "spending", None), &with(&[], "spending", None)));
    assert!(apart(&with(&["to-date"], "spending", None), &with(&[], "cost", None)).is_some_and(|w| w.contains("running total")));
    assert!(!compatible(&with(&["to-date"], "spending", None), &with(&["past"], "spending", None)));
    // A background year against an undated figure; the same year still meets.
    let y = Some(TimeRef::In(2019));
    assert!(!compatible(&with(&["background"], "wages", y), &bare));
    assert!(compatible(&with(&["background"], "wages", y), &with(&[], "wages", y)));
}

#[test]
fn index_clusters_across_documents_and_updates_incrementally() {
    let ash = [("Jeff Ashton", P), ("Aramis Ayala", P)];
    let mut ix = ClaimIndex::new(0.0);
    let a: Arc<str> = "a.md".into();
    let b: Arc<str> = "b.md".into();
    let c: Arc<str> = "c.md".into();
    ix.set_doc(&a, vec![(0, keyed(1.5e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash))]);
    let changed = ix.set_doc(&b, vec![(3, keyed(1.6e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash))]);
    assert!(changed.contains(&a) && changed.contains(&b));
    let claim = ix.claim_of(&(a.clone(), 0)).expect("one claim");
    assert_eq!(claim.verdict(), Verdict::Conflict);
    assert_eq!(claim.key, "Jeff Ashton, Aramis Ayala, coverage, people");
    // An unrelated document does not touch the claim.
    let changed = ix.set_doc(&c, vec![(0, keyed(5.0, 1.0, Qualifier::Exact, "USD", "cost", None, &[("Acme", Kind::Organization)]))]);
    assert_eq!(changed.into_iter().collect::<Vec<_>>(), vec![c.clone()]);
    // Editing 1.6 to 1.5 turns the conflict into agreement.
    ix.set_doc(&b, vec![(3, keyed(1.5e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash))]);
    assert_eq!(ix.claim_of(&(a.clone(), 0)).unwrap().verdict(), Verdict::Agree);
    // Removing a document dissolves the claim.
    let changed = ix.remove_doc(&b);
    assert!(changed.contains(&a));
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    // Two figures of one document never form a claim.
    ix.set_doc(&b, vec![(0, keyed(1.5e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash)), (1, keyed(1.9e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash))]);
    assert_eq!(ix.claim_of(&(b.clone(), 0)).map(|c| c.figures.len()), Some(2));
    assert!(ix.claim_of(&(b.clone(), 0)).unwrap().figures.iter().all(|f| f.0 != b || f.1 == 0));
}

#[test]
fn a_moved_figure_keeps_its_claim_and_a_name_too_common_pairs_nothing() {
    let ash = [("Jeff Ashton", P)];
    let fig = |value: f64, at: usize| {
        let mut k = keyed(value, 1e5, Qualifier::MoreThan, "person", "coverage", None, &ash);
        k.range = at..at + 1;
        k.line = at;
        k
    };
    let mut ix = ClaimIndex::new(0.0);
    let (a, b): (Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into());
    ix.set_docs(vec![(a.clone(), vec![(0, fig(1.5e6, 1))]), (b.clone(), vec![(0, fig(1.6e6, 1))])]);
    let id = ix.claim_of(&(a.clone(), 0)).unwrap().id;
    // Text typed before the figure: same claim (not re-clustered), new place, and the other
    // document is reported so its related place can move.
    let changed = ix.set_doc(&a, vec![(0, fig(1.5e6, 9))]);
    assert!(changed.contains(&b), "{changed:?}");
    assert_eq!(ix.claim_of(&(a.clone(), 0)).unwrap().id, id);
    assert_eq!(ix.keyed(&(a.clone(), 0)).unwrap().line, 9);
    // The value changed: re-clustered.
    ix.set_doc(&a, vec![(0, fig(1.6e6, 9))]);
    assert_ne!(ix.claim_of(&(a.clone(), 0)).unwrap().id, id);
    // A name with more figures of one measure than MAX_BUCKET is too common to pair through,
    // and the claim made through it while it was smaller goes.
    let many: Vec<(Arc<str>, Vec<(usize, Keyed)>)> = (0..MAX_BUCKET).map(|i| (Arc::from(format!("m{i:04}.md")), vec![(0, fig(1.5e6, 1))])).collect();
    ix.set_docs(many);
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    assert_eq!(ix.claims().count(), 0);
}

#[test]
fn an_edit_compares_only_what_it_brings() {
    // 400 documents in 100 stories of four; each story's figures share a name.
    let mut ix = ClaimIndex::new(0.0);
    let docs: Vec<(Arc<str>, Vec<(usize, Keyed)>)> = (0..400)
        .map(|d| {
            let name = format!("Story Person{}", d / 4);
            let k = keyed(1.5e6 + (d % 4) as f64 * 1e5, 1e5, Qualifier::MoreThan, "person", "coverage", None, &[(name.as_str(), P)]);
            (Arc::from(format!("d{d:03}.md")), vec![(0, k)])
        })
        .collect();
    ix.set_docs(docs);
    assert_eq!(ix.claims().count(), 100);
    // One document's figure changes: it is compared with its story's three other figures, and
    // only that story re-clusters.
    let name = "Story Person7";
    ix.set_doc(&Arc::from("d028.md"), vec![(0, keyed(1.9e6, 1e5, Qualifier::MoreThan, "person", "coverage", None, &[(name, P)]))]);
    assert_eq!(ix.last_update, UpdateCost { figures: 4, pairs: 3, scanned: 0 });
    assert_eq!(ix.claims().count(), 100);
}

#[test]
fn an_edit_in_a_too_common_bucket_does_not_walk_it() {
    // 3,000 documents whose figures share one name: far past MAX_BUCKET, so nothing pairs
    // through it. Changing one figure there (typing next to it) must not look at the others.
    let mut ix = ClaimIndex::new(0.0);
    let fig = |v: f64| keyed(v, 1e5, Qualifier::Exact, "USD", "cost", None, &[("Harbor Transit", Kind::Organization)]);
    let docs: Vec<(Arc<str>, Vec<(usize, Keyed)>)> = (0..3000).map(|d| (Arc::from(format!("d{d:04}.md")), vec![(0, fig(1e6 + d as f64 * 1e5))])).collect();
    ix.set_docs(docs);
    ix.set_doc(&Arc::from("d0007.md"), vec![(0, fig(9.9e6))]);
    assert_eq!(ix.last_update.scanned, 0, "{:?}", ix.last_update);
    assert_eq!(ix.last_update.pairs, 0);
    // A bucket that crosses the limit is looked through once: down to MAX_BUCKET members.
    // Two buckets cross here: the name's and the unit's.
    let gone: Vec<(Arc<str>, Vec<(usize, Keyed)>)> = (MAX_BUCKET..3000).map(|d| (Arc::from(format!("d{d:04}.md")), Vec::new())).collect();
    ix.set_docs(gone);
    assert_eq!(ix.last_update.scanned, 2 * MAX_BUCKET);
}

#[test]
fn permanent_jobs_are_what_bare_jobs_mean_and_construction_jobs_are_not() {
    let o = [("Halden Coach Works", Kind::Organization)];
    let jobs = |scope: &[&str]| {
        let mut k = keyed(1100.0, 100.0, Qualifier::About, "job", "count", Some(TimeRef::In(2025)), &o);
        k.scope = scope.iter().map(|s| s.to_string()).collect();
        k
    };
    assert!(compatible(&jobs(&["permanent"]), &jobs(&[])));
    assert!(compatible(&jobs(&["permanent"]), &jobs(&["future"])));
    assert!(!compatible(&jobs(&["permanent"]), &jobs(&["construction"])));
    assert!(!compatible(&jobs(&["construction"]), &jobs(&[])));
    // Student jobs are marked too: not the permanent ones.
    assert!(!compatible(&jobs(&["student"]), &jobs(&["permanent"])));
    // A difference between two amounts meets no bare amount.
    let mut diff = jobs(&[]);
    diff.class = "change";
    diff.classes = vec!["change"];
    let mut bare = jobs(&[]);
    bare.class = "amount";
    bare.classes = vec!["amount"];
    assert!(!compatible(&diff, &bare));
}

#[test]
fn a_rise_never_meets_a_fall_and_an_unsaid_basis_meets_either() {
    let o = [("Pennock Home Group", Kind::Organization)];
    let pct = |class: &'static str| {
        let mut k = keyed(7.0, 1.0, Qualifier::Exact, "%", class, Some(TimeRef::In(2025)), &o);
        k.terms = vec![(Arc::from("sales"), 1.0), (Arc::from("quarter"), 1.0)];
        k
    };
    assert!(!compatible(&pct("rise"), &pct("fall")));
    assert!(compatible(&pct("fall"), &pct("fall")));
    assert!(compatible(&pct("change"), &pct("fall")));
    let loss = |scope: &[&str]| {
        let mut k = keyed(46e6, 1e6, Qualifier::Exact, "USD", "loss", Some(TimeRef::In(2025)), &o);
        k.scope = scope.iter().map(|s| s.to_string()).collect();
        k
    };
    assert!(compatible(&loss(&["net"]), &loss(&[])));
    assert!(!compatible(&loss(&["net"]), &loss(&["gross"])));
    // Cash is what a bare sum means; in kind is another sum.
    assert!(compatible(&loss(&["cash"]), &loss(&[])));
    assert!(!compatible(&loss(&["cash"]), &loss(&["in-kind"])));
    assert!(!compatible(&loss(&["comparable"]), &loss(&[])));
}

#[test]
fn figures_near_different_names_measure_different_things() {
    let share = |near: &str| {
        let mut k = keyed(15.0, 1.0, Qualifier::Exact, "%", "count", Some(TimeRef::In(2025)), &[]);
        k.near = vec![near.to_string()];
        k.terms = vec![(Arc::from("transfer"), 1.0), (Arc::from("sale"), 1.0)];
        k.doc_names = Arc::new(NameSet::new(["Dunmarket Rovers".to_string(), "Aldermoor".to_string(), "Pennock Home Group".to_string(), "Pennock".to_string()]));
        k
    };
    assert!(apart(&share("Dunmarket Rovers"), &share("Aldermoor")).is_some_and(|why| why.starts_with("different things")));
    // A shorter form of the same name is the same thing, linked or not.
    let why = apart(&share("Pennock"), &share("Pennock Home Group")).unwrap_or_default();
    assert!(!why.starts_with("different things"), "{why}");
}

#[test]
fn a_place_near_one_figure_and_who_acts_near_the_other_do_not_disagree() {
    // "Rebuilding the Quayside car park will cost €6.5 million" / "Kerrigan Lowe put the total
    // rebuild cost at €6.48m": where against who, when the first report tells of who too.
    let cost = |value: f64, step: f64, near: (&str, Kind), told: &[&str]| {
        let mut k = keyed(value, step, Qualifier::Exact, "EUR", "cost", Some(TimeRef::In(2025)), &[near]);
        k.doc_names = Arc::new(NameSet::new(told.iter().map(|n| n.to_string())));
        k
    };
    let both = ["Quayside", "Kerrigan Lowe"];
    let place = cost(6.5e6, 1e5, ("Quayside", PL), &both);
    let person = cost(6.48e6, 1e4, ("Kerrigan Lowe", P), &both);
    let why = apart(&place, &person).unwrap_or_default();
    assert!(!why.starts_with("different things"), "{why}");
    // Who acts, never told of in the other report, is another actor.
    let stranger = cost(6.5e6, 1e5, ("Quayside", PL), &["Quayside"]);
    assert!(apart(&stranger, &person).is_some_and(|why| why.starts_with("different things")));
    // Two who act, or two places, still disagree.
    let firm = cost(6.5e6, 1e5, ("Harbour Works", Kind::Organization), &both);
    assert!(apart(&firm, &person).is_some_and(|why| why.starts_with("different things")));
    // Numbers further apart than a restatement keep any two names apart.
    let far = cost(5.2e6, 1e5, ("Quayside", PL), &both);
    assert!(apart(&far, &person).is_some_and(|why| why.starts_with("different things")));
}

#[test]
fn the_only_figure_of_its_measure_in_each_report_of_one_story_needs_less() {
    // "The agreement covers 1,238 people" against "covers about 1,250 people": little is
    // shared in the sentences, but each is its document's only count of people, and the two
    // documents tell one story. (People, so that the counted noun is no evidence of its own.)
    let mut minutes = keyed(1_238.0, 1.0, Qualifier::Exact, "person", "count", None, &[]);
    let mut courier = keyed(1_250.0, 10.0, Qualifier::About, "person", "count", None, &[]);
    for k in [&mut minutes, &mut courier] {
        k.topic = vec!["Marlow Creek".into(), "Marlow Creek Education Association".into()];
    }
    assert!(apart(&minutes, &courier).is_some_and(|why| why.contains("too little")));
    minutes.unique = true;
    assert!(apart(&minutes, &courier).is_some_and(|why| why.contains("too little")), "both must be unique");
    courier.unique = true;
    assert_eq!(apart(&minutes, &courier), None);
    // Numbers too far apart to restate each other: no help ("runs 112 miles" / "about 60 miles").
    let mut far = courier.clone();
    far.value = 1_900.0;
    far.interval = crate::figures::Interval { low: 1_805.0, high: 1_995.0, low_inclusive: true, high_inclusive: true };
    assert!(apart(&minutes, &far).is_some_and(|why| why.contains("too little")));
    // Documents of different stories: no help.
    courier.topic = vec!["Fenwick".into()];
    assert!(apart(&minutes, &courier).is_some_and(|why| why.contains("too little")));
}

#[test]
fn capital_and_operating_tell_figures_apart_only_when_both_say_which() {
    let org = [("Corvane Systems", Kind::Organization)];
    let mut invest = keyed(1.25e9, 1e7, Qualifier::Exact, "USD", "spending", None, &org);
    invest.terms = vec![("data".into(), 1.0), ("center".into(), 1.0)];
    let mut plain = keyed(1.2e9, 1e8, Qualifier::Exact, "USD", "spending", None, &org);
    plain.terms = invest.terms.clone();
    invest.scope = vec!["capital".into()];
    assert_eq!(apart(&invest, &plain), None);
    plain.scope = vec!["operating".into()];
    assert!(apart(&invest, &plain).is_some_and(|why| why.contains("scopes")));
}

/// A figure of no shared words: only the story's names, two of them its document's topic.
fn story_fig(value: f64, step: f64, class: &'static str) -> Keyed {
    let story = ["Prairie Shield", "Oskaloo County", "Tessvale"];
    let mut k = keyed(value, step, Qualifier::Exact, "USD", class, None, &[]);
    k.topic = story[..2].iter().map(|s| s.to_string()).collect();
    k.doc_names = Arc::new(NameSet::new(story.iter().map(|s| s.to_string())));
    k
}

#[test]
fn close_numbers_of_one_story_with_no_words_in_common_pair_only_as_mutual_nearest() {
    let (a, b): (Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into());
    // Nothing in common but the story, and the numbers restate each other: one claim.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, story_fig(23e6, 1e6, "payment"))])]);
    assert_eq!(ix.claim_of(&(a.clone(), 0)).map(|c| c.figures.len()), Some(2));
    assert!(apart(&story_fig(23.4e6, 1e5, "payment"), &story_fig(23e6, 1e6, "payment")).is_some_and(|r| r.starts_with("too little in common")));
    // Numbers further apart than a restatement: nothing, and the explanation says why.
    assert!(apart(&story_fig(23.4e6, 1e5, "payment"), &story_fig(31e6, 1e6, "payment")).is_some_and(|r| r.ends_with("the numbers are not within 10% of each other")));
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, story_fig(31e6, 1e6, "payment"))])]);
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    // Two candidates in the other document: the nearer number is the match.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, story_fig(22e6, 1e6, "payment")), (1, story_fig(23e6, 1e6, "payment"))])]);
    assert_eq!(ix.claim_of(&(a.clone(), 0)).map(|c| c.figures.clone()), Some(vec![(a.clone(), 0), (b.clone(), 1)]));
    // Two equally near: no way to tell which, so neither.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(10e6, 1e6, "payment"))]), (b.clone(), vec![(0, story_fig(10.5e6, 1e5, "payment")), (1, story_fig(10e6 * 10e6 / 10.5e6, 1e3, "payment"))])]);
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    // A name near one figure that the other document never tells of, a stated year against an
    // undated figure, or a scope one side names: something said against, so no weak pair.
    let mut named = story_fig(23e6, 1e6, "payment");
    named.near = vec!["Corbel Agri".into()];
    named.entities = vec![("Corbel Agri".into(), Kind::Organization)];
    let mut dated = story_fig(23e6, 1e6, "payment");
    dated.time = Some(TimeRef::In(2019));
    dated.time_stated = true;
    let mut scoped = story_fig(23e6, 1e6, "payment");
    scoped.scope = vec!["initial".into()];
    for other in [named, dated, scoped] {
        let mut ix = ClaimIndex::new(0.0);
        ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, other)])]);
        assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    }
    // A tense one report leaves unsaid ("had", "already") says nothing against; a plan does.
    let mut past = story_fig(23e6, 1e6, "payment");
    past.scope = vec!["past".into()];
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, past)])]);
    assert_eq!(ix.claim_of(&(a.clone(), 0)).map(|c| c.figures.len()), Some(2));
    let mut future = story_fig(23e6, 1e6, "payment");
    future.scope = vec!["future".into()];
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, future)])]);
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
    // Documents that do not tell one story: nothing.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, keyed(23e6, 1e6, Qualifier::Exact, "USD", "payment", None, &[]))])]);
    assert!(ix.claim_of(&(a.clone(), 0)).is_none());
}

#[test]
fn figures_of_one_unit_are_compared_even_when_they_share_no_name_or_word() {
    // The second report tells the story's names in other forms only ("the RV Tamsin Hale"),
    // so no name or telling word puts the two in one bucket: the unit still does.
    let (a, b): (Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into());
    let mut other = story_fig(23e6, 1e6, "payment");
    other.topic = vec!["RV Tamsin Hale".into()];
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, story_fig(23.4e6, 1e5, "payment"))]), (b.clone(), vec![(0, other)])]);
    assert!(ix.compared(&(a.clone(), 0), &(b.clone(), 0)));
    assert_eq!(ix.claim_of(&(a.clone(), 0)).map(|c| c.figures.len()), Some(2));
}

#[test]
fn a_pair_short_of_evidence_but_close_and_uncontested_does_not_keep_a_claim_apart() {
    // A and B share one telling word, B and C another; A and C share nothing but the story,
    // and C's document holds a second figure as near to A as C is, so A and C are no mutual
    // nearest match on their own. Joined through B, nothing keeps them apart: one claim.
    let with = |v: f64, terms: &[&str]| {
        let mut k = story_fig(v, 1e5, "payment");
        k.terms = terms.iter().map(|t| (Arc::from(*t), 1.0)).collect();
        k
    };
    let (a, b, c): (Arc<str>, Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into(), "c.md".into());
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![
        (a.clone(), vec![(0, with(10.0e6, &["payout"]))]),
        (b.clone(), vec![(0, with(10.2e6, &["payout", "settle"]))]),
        (c.clone(), vec![(0, with(10.4e6, &["settle"])), (1, with(10.0e6 * 10.0e6 / 10.4e6, &[]))]),
    ]);
    assert!(apart(&with(10.0e6, &["payout"]), &with(10.4e6, &["settle"])).is_some_and(|r| r.starts_with("too little in common")));
    let claim = ix.claim_of(&(a.clone(), 0)).expect("a claim");
    assert_eq!(claim.figures, vec![(a.clone(), 0), (b.clone(), 0), (c.clone(), 0)]);
    // A name near C that A's document never tells of is said against: C stays out (and A's
    // nearest number in C's document, now uncontested, is its match there).
    let mut named = with(10.4e6, &["settle"]);
    named.near = vec!["Corbel Agri".into()];
    named.entities = vec![("Corbel Agri".into(), Kind::Organization)];
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![
        (a.clone(), vec![(0, with(10.0e6, &["payout"]))]),
        (b.clone(), vec![(0, with(10.2e6, &["payout", "settle"]))]),
        (c.clone(), vec![(0, named), (1, with(10.0e6 * 10.0e6 / 10.4e6, &[]))]),
    ]);
    assert!(ix.claim_of(&(a.clone(), 0)).is_some_and(|k| !k.figures.contains(&(c.clone(), 0))));
    assert!(ix.claim_of(&(c.clone(), 0)).is_none());
    // A plan ("will cost") or a year that C states and A leaves unsaid would refuse A and C as a weak pair
    // of their own; tied by B, it is the same fact told more fully: one claim. A number no
    // longer a close restatement of A's stays out.
    let mut scoped = with(10.4e6, &["settle", "levee"]);
    scoped.scope = vec!["future".into()];
    let mut dated = with(10.4e6, &["settle", "levee"]);
    dated.time = Some(TimeRef::In(2019));
    dated.time_stated = true;
    // A is the only figure of its measure in its document: no other number there that C's
    // could restate.
    let mut only = with(10.0e6, &["payout"]);
    only.unique = true;
    for c0 in [scoped, dated] {
        assert!(apart(&only, &c0).is_some());
        let mut ix = ClaimIndex::new(0.0);
        ix.set_docs(vec![
            (a.clone(), vec![(0, only.clone())]),
            (b.clone(), vec![(0, with(10.2e6, &["payout", "settle", "levee"]))]),
            (c.clone(), vec![(0, c0.clone()), (1, with(10.0e6 * 10.0e6 / 10.4e6, &[]))]),
        ]);
        assert!(ix.claim_of(&(a.clone(), 0)).is_some_and(|k| k.figures.contains(&(c.clone(), 0))), "{:?} / {:?}", c0.scope, c0.time);
        // Where A's document holds another figure of the measure, C's may restate that one.
        let mut ix = ClaimIndex::new(0.0);
        ix.set_docs(vec![
            (a.clone(), vec![(0, with(10.0e6, &["payout"])), (1, with(4.0e6, &[]))]),
            (b.clone(), vec![(0, with(10.2e6, &["payout", "settle", "levee"]))]),
            (c.clone(), vec![(0, c0.clone()), (1, with(10.0e6 * 10.0e6 / 10.4e6, &[]))]),
        ]);
        assert!(ix.claim_of(&(a.clone(), 0)).is_some_and(|k| !k.figures.contains(&(c.clone(), 0))));
    }
    let mut far = with(11.5e6, &["settle", "levee"]);
    far.scope = vec!["future".into()];
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, only.clone())]), (b.clone(), vec![(0, with(10.8e6, &["payout", "settle", "levee"]))]), (c.clone(), vec![(0, far)])]);
    assert!(ix.claim_of(&(c.clone(), 0)).is_some_and(|k| !k.figures.contains(&(a.clone(), 0))));
}

#[test]
fn different_actors_of_one_story_keep_apart_only_numbers_that_are_not_close() {
    // "The Sagebrook Land Conservancy paid nearly $15 million for the Dellacroix Ranch" /
    // "The Dellacroix Ranch sold for $14.6 million": each document tells of both names.
    let both = ["Sagebrook Land Conservancy", "Dellacroix Ranch"];
    let fig = |value: f64, subject: &str| {
        let mut k = keyed(value, 1e5, Qualifier::Exact, "USD", "payment", None, &[(subject, Kind::Organization)]);
        k.entities.push((both[1].to_string(), Kind::Place));
        k.entities.dedup();
        k.subject = Some(subject.to_string());
        k.doc_names = Arc::new(NameSet::new(both.iter().map(|s| s.to_string())));
        k.terms = vec![(Arc::from("ship"), 1.0), (Arc::from("buy"), 1.0)];
        k
    };
    assert_eq!(apart(&fig(38e6, both[0]), &fig(38.6e6, both[1])), None);
    // Not close: a service contract and a refit of the same story's names stay apart.
    assert!(apart(&fig(4.5e6, both[0]), &fig(6.9e6, both[1])).is_some());
    // A subject the other document never tells of still keeps them apart.
    let mut other = fig(38.6e6, "Corbel Agri");
    other.doc_names = Arc::new(NameSet::new(["Corbel Agri".to_string()]));
    assert!(apart(&fig(38e6, both[0]), &other).is_some());
}

#[test]
fn documents_share_a_name_in_a_shorter_or_longer_form() {
    let wire = NameSet::new(["Pennock Home Group", "Ashby Commons", "Riverton"].map(String::from));
    let note = NameSet::new(["Pennock", "Ashby", "Bexley Home"].map(String::from));
    assert_eq!(wire.shared(&note), 2);
    assert_eq!(note.shared(&wire), 2);
    assert_eq!(wire.shared(&NameSet::new(["Corbel Agri".to_string()])), 0);
}

#[test]
fn last_year_in_an_undated_report_reads_from_the_dated_report_of_the_story() {
    // "paid agencies $26 million last year" (undated) / "spent $31 million in 2023" (a report
    // of March 2024): the same year, so the times do not keep them apart.
    let mut undated = keyed(26e6, 1e6, Qualifier::Exact, "USD", "payment", Some(TimeRef::Relative(1)), &[]);
    let mut dated = keyed(31e6, 1e6, Qualifier::Exact, "USD", "payment", Some(TimeRef::In(2023)), &[]);
    dated.doc_year = Some(2024);
    assert!(time_ok(&undated, &dated) && time_ok(&dated, &undated));
    // Another year, or a dated report with no date of its own to read from: apart.
    dated.time = Some(TimeRef::In(2022));
    assert!(!time_ok(&undated, &dated));
    dated.time = Some(TimeRef::In(2023));
    dated.doc_year = None;
    assert!(!time_ok(&undated, &dated));
    // "last year" in a dated report is already a calendar year, never a relative one.
    undated.doc_year = Some(2024);
    dated.doc_year = Some(2024);
    assert!(!time_ok(&undated, &dated));
}

#[test]
fn a_plan_dated_only_by_its_report_holds_at_a_later_stated_year() {
    // "would create more than 1,200 positions once it is built" (a report of 2025) / "expected
    // to employ 1,150 workers … in 2028": one time. Not a year before the report, and not a
    // figure the clause does not put ahead.
    let mut plan = keyed(1200.0, 100.0, Qualifier::MoreThan, "job", "count", Some(TimeRef::In(2025)), &[]);
    plan.doc_year = Some(2025);
    plan.scope = vec!["future".into()];
    let mut stated = keyed(1150.0, 10.0, Qualifier::Exact, "job", "count", Some(TimeRef::In(2028)), &[]);
    stated.time_stated = true;
    assert!(time_ok(&plan, &stated) && time_ok(&stated, &plan));
    stated.time = Some(TimeRef::In(2024));
    assert!(!time_ok(&plan, &stated));
    stated.time = Some(TimeRef::In(2028));
    plan.scope.clear();
    assert!(!time_ok(&plan, &stated));
    // A plan whose year is its own is held to it.
    plan.scope = vec!["future".into()];
    plan.time_stated = true;
    assert!(!time_ok(&plan, &stated));
}

/// A document that spells a name out tells of its acronym, and one that uses the acronym tells
/// of the name; initials of another name do not.
#[test]
fn acronyms_and_names_spelled_out() {
    let spelled = NameSet::new(["Halvard Unified School District".to_string(), "Northmere Power".to_string()]);
    assert!(spelled.tells_of("HUSD"));
    assert!(!spelled.tells_of("HSD"));
    let short = NameSet::new(["HUSD".to_string()]);
    assert!(short.tells_of("Halvard Unified School District"));
    assert!(!short.tells_of("Harbor Utility District"));
}

#[test]
fn close_numbers_named_by_place_and_by_actor_are_not_kept_apart_for_it() {
    // "About 210 employees at the Tollgate Road farm" / "the company will cut nearly 200
    // workers at its Dunhaven site": where against who is no disagreement.
    let why = |a: &Keyed, b: &Keyed| apart(a, b).unwrap_or_default();
    let mut farm = keyed(210.0, 10.0, Qualifier::About, "job", "count", None, &[("Tollgate Road", PL)]);
    farm.near.clear();
    let mut firm = keyed(200.0, 100.0, Qualifier::Nearly, "job", "count", None, &[("Greenstack Growers", Kind::Organization)]);
    firm.near.clear();
    assert!(!why(&farm, &firm).contains("different names"), "{}", why(&farm, &firm));
    // Two places, or numbers far apart, still disagree by their names.
    let mut other = keyed(205.0, 5.0, Qualifier::Exact, "job", "count", None, &[("Quarry Lane", PL)]);
    other.near.clear();
    assert!(why(&farm, &other).contains("different names"), "{}", why(&farm, &other));
    let mut far = keyed(150.0, 10.0, Qualifier::Exact, "job", "count", None, &[("Greenstack Growers", Kind::Organization)]);
    far.near.clear();
    assert!(why(&farm, &far).contains("different names"), "{}", why(&farm, &far));
}

#[test]
fn a_figure_that_agrees_with_one_number_of_a_report_pairs_with_no_other_there() {
    // The fine of one report against the penalty and, two sentences on, its share for a
    // training fund in another: the fine is the penalty, not the share.
    let who = [("Harrowgate Regional Medical Center", Kind::Organization), ("Department of Health", Kind::Organization)];
    let fig = |value: f64, step: f64| keyed(value, step, Qualifier::Exact, "USD", "paid", None, &who);
    let mut ix = ClaimIndex::new(0.0);
    let a: Arc<str> = "a.md".into();
    let b: Arc<str> = "b.md".into();
    // The share first, so that without the rule it would be asked first on a tie.
    ix.set_doc(&b, vec![(0, fig(1.6e6, 1e5)), (1, fig(1.8e6, 1e5))]);
    ix.set_doc(&a, vec![(0, fig(1.84e6, 1e4))]);
    let claim = ix.claim_of(&(a.clone(), 0)).expect("the fine is in a claim");
    assert!(claim.figures.contains(&(b.clone(), 1)), "{:?}", claim.figures);
    assert!(!claim.figures.contains(&(b.clone(), 0)), "{:?}", claim.figures);
}

#[test]
fn a_bound_agrees_with_the_number_inside_it_before_a_nearer_worded_one() {
    // "It owes more than £6 million in total" against a report with "debts of £6.3m" and, in
    // the next paragraph, "refunds owed to ticket holders come to £4.1m": the bound holds the
    // debts, however many words the refunds share with it.
    let who = [("Halyard Live", Kind::Organization)];
    let mut ix = ClaimIndex::new(0.0);
    let a: Arc<str> = "a.md".into();
    let b: Arc<str> = "b.md".into();
    let mut bound = keyed(6e6, 1e6, Qualifier::MoreThan, "GBP", "paid", None, &who);
    bound.terms = vec![("owe".into(), 1.0)];
    let debts = keyed(6.3e6, 1e5, Qualifier::Exact, "GBP", "paid", None, &who);
    let mut refunds = keyed(4.1e6, 1e5, Qualifier::Exact, "GBP", "paid", None, &who);
    refunds.terms = bound.terms.clone();
    assert!(evidence(&bound, &refunds) > evidence(&bound, &debts));
    ix.set_doc(&b, vec![(0, refunds), (1, debts)]);
    ix.set_doc(&a, vec![(0, bound)]);
    let claim = ix.claim_of(&(a.clone(), 0)).expect("the bound is in a claim");
    assert!(claim.figures.contains(&(b.clone(), 1)), "{:?}", claim.figures);
    assert!(!claim.figures.contains(&(b.clone(), 0)), "{:?}", claim.figures);
}

/// Two counts of one specific thing, close restatements with one telling word in common
/// ("2,300 volunteers" / "about 2,500 volunteers"): the noun is evidence too. Not for nouns
/// that say little of what is counted (people, days), and not when one names a scope the
/// other does not (a plan "at closing" against a bare count).
#[test]
fn a_specific_counted_noun_is_evidence_for_close_counts() {
    let count = |value: f64, unit: &str| {
        let mut k = keyed(value, 100.0, Qualifier::Exact, unit, "count", None, &[]);
        k.terms = vec![("marshal".into(), 1.0)];
        k
    };
    assert!(compatible(&count(2300.0, "volunteer"), &count(2500.0, "volunteer")));
    assert!(apart(&count(2300.0, "person"), &count(2500.0, "person")).is_some_and(|r| r.starts_with("too little in common")));
    assert!(!compatible(&count(2300.0, "day"), &count(2500.0, "day")));
    // Further apart than a restatement: the noun alone does not bridge it.
    assert!(!compatible(&count(2300.0, "volunteer"), &count(2800.0, "volunteer")));
    let mut planned = count(2500.0, "volunteer");
    planned.scope = vec!["future".into()];
    assert!(!compatible(&count(2300.0, "volunteer"), &planned));
}

/// One number stated in two reports ("$38.5 million" twice) is one fact: a third report's
/// close figure that fits one of them joins both, though it shares too little with the other.
#[test]
fn a_number_stated_twice_lends_its_links() {
    let fig = |value: f64, terms: &[&str]| {
        let mut k = keyed(value, 1e5, Qualifier::Exact, "USD", "cost", None, &[]);
        k.terms = terms.iter().map(|t| (Arc::<str>::from(*t), 1.0)).collect();
        k
    };
    let (a, b, c): (Arc<str>, Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into(), "c.md".into());
    let fa = fig(38.5e6, &["bus", "depot", "battery"]);
    let fb = fig(38.5e6, &["bus", "depot"]);
    let fc = fig(40e6, &["battery", "depot"]);
    assert!(compatible(&fa, &fb) && compatible(&fa, &fc));
    assert!(!fits_claim(&fb, &fc));
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, fa.clone())]), (b.clone(), vec![(0, fb)]), (c.clone(), vec![(0, fc)])]);
    assert_eq!(ix.claim_of(&(b.clone(), 0)).map(|cl| cl.figures.len()), Some(3));
    // A number that is not stated twice lends nothing: "$38.6 million" fits only its own links.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_docs(vec![(a.clone(), vec![(0, fa)]), (b.clone(), vec![(0, fig(38.6e6, &["bus", "depot"]))]), (c.clone(), vec![(0, fig(40e6, &["battery", "depot"]))])]);
    assert_eq!(ix.claim_of(&(b.clone(), 0)).map(|cl| cl.figures.len()), Some(2));
}

#[test]
fn a_twin_never_brings_two_figures_of_one_document_into_a_claim() {
    // One report states what a salvor spent ($3.8 million) and the state's appraisal ($2.3
    // million); a second restates the spending ("$3.8M"); a third gives the appraisal as $3.2
    // million. The second report's $3.8M lends the first report's $3.8 million its links, but
    // never one to the first report's own $2.3 million: no fact twice in one document.
    let who = [("Deepwell Recovery", Kind::Organization), ("Westmarch", PL)];
    let fig = |value: f64| keyed(value, 1e5, Qualifier::Exact, "USD", "amount", None, &who);
    let mut ix = ClaimIndex::new(0.0);
    let (a, b, c): (Arc<str>, Arc<str>, Arc<str>) = ("a.md".into(), "b.md".into(), "c.md".into());
    ix.set_doc(&a, vec![(0, fig(3.8e6)), (1, fig(2.3e6))]);
    ix.set_doc(&b, vec![(0, fig(3.8e6))]);
    ix.set_doc(&c, vec![(0, fig(3.2e6))]);
    for claim in ix.claims() {
        let docs: Vec<&Arc<str>> = claim.figures.iter().map(|f| &f.0).collect();
        let mut unique = docs.clone();
        unique.dedup();
        assert_eq!(docs.len(), unique.len(), "{:?}", claim.figures);
    }
    assert!(ix.claim_of(&(a.clone(), 0)).is_some_and(|c| c.figures.contains(&(b.clone(), 0))));
}

#[test]
fn shares_of_different_wholes_are_different_facts() {
    let trust = [("Tallis Caverns Trust", Kind::Organization)];
    let share = |whole: Option<&str>| {
        let mut k = keyed(70.0, 10.0, Qualifier::Exact, "%", "count", None, &trust);
        k.terms = vec![("trust".into(), 1.0), ("admission".into(), 1.0)];
        k.whole = whole.map(Arc::from);
        k
    };
    // The same number of two wholes: what a flood destroyed, and where income comes from.
    assert!(!compatible(&share(Some("lighting system")), &share(Some("trust income"))));
    assert!(apart(&share(Some("lighting system")), &share(Some("trust income"))).is_some_and(|w| w.contains("shares of different things")));
    // A word in common is the same whole, and one report may leave the whole unsaid.
    assert!(compatible(&share(Some("grain shipped")), &share(Some("port ardell grain"))));
    assert!(compatible(&share(Some("lighting system")), &share(None)));
}

#[test]
fn one_count_named_with_two_nouns_meets_with_more_evidence_and_close_numbers() {
    // "38 containers" / "41 boxes", in reports of one grounding that share a name and the
    // telling words.
    let ship = [("Corran Star", Kind::Other)];
    let mut wire = keyed(38.0, 1.0, Qualifier::Exact, "container", "count", None, &ship);
    wire.terms = vec![("overboard".into(), 1.0), ("lost".into(), 1.0)];
    let mut trade = keyed(41.0, 1.0, Qualifier::Exact, "box", "count", None, &ship);
    trade.terms = wire.terms.clone();
    assert!(compatible(&wire, &trade), "{:?}", apart(&wire, &trade));
    // The same pair with a little less in common: enough for one noun, not for two.
    let mut thin_wire = wire.clone();
    thin_wire.terms.clear();
    let mut thin_trade = trade.clone();
    thin_trade.terms.clear();
    thin_trade.unit = "container".into();
    assert!(compatible(&thin_wire, &thin_trade), "{:?}", apart(&thin_wire, &thin_trade));
    thin_trade.unit = "box".into();
    assert!(apart(&thin_wire, &thin_trade).is_some_and(|w| w.contains("too little in common")), "{:?}", apart(&thin_wire, &thin_trade));
    // A lock's traffic counted as vessels in one report and barges in another ("87 vessels" /
    // "nearly 90 barges"): one family, as containers and boxes are.
    let mut vessels = wire.clone();
    vessels.unit = "vessel".into();
    let mut barges = trade.clone();
    barges.unit = "barge".into();
    assert!(compatible(&vessels, &barges), "{:?}", apart(&vessels, &barges));
    barges.unit = "tonne".into();
    assert!(apart(&vessels, &barges).is_some_and(|w| w.contains("different units")));
    // Further apart than a restatement under another noun ("8 patients" / "more than 20 people").
    let mut far = trade.clone();
    far.value = 60.0;
    far.interval = Interval::from_qualifier(60.0, 1.0, Qualifier::Exact);
    assert!(apart(&wire, &far).is_some_and(|w| w.contains("not within 10%")), "{:?}", apart(&wire, &far));
    // "people" meets any noun for people; two nouns for different groups do not meet.
    let mut workers = keyed(640.0, 10.0, Qualifier::About, "job", "count", None, &ship);
    workers.terms = wire.terms.clone();
    let mut people = keyed(600.0, 100.0, Qualifier::MoreThan, "person", "count", None, &ship);
    people.terms = wire.terms.clone();
    assert!(compatible(&workers, &people), "{:?}", apart(&workers, &people));
    let mut members = people.clone();
    members.unit = "member".into();
    assert!(apart(&workers, &members).is_some_and(|w| w.contains("different units")));
    let mut patients = people.clone();
    patients.unit = "patient".into();
    assert!(apart(&workers, &patients).is_some_and(|w| w.contains("different units")));
    // Numbers more than 10% apart that overlap as stated restate each other ("23 cases" /
    // "more than 20 people").
    let mut cases = keyed(23.0, 1.0, Qualifier::Exact, "case", "count", None, &ship);
    cases.terms = wire.terms.clone();
    let mut ill = keyed(20.0, 10.0, Qualifier::MoreThan, "person", "count", None, &ship);
    ill.terms = wire.terms.clone();
    assert!(compatible(&cases, &ill), "{:?}", apart(&cases, &ill));
    // A place one sentence is about, never named in the other report: another site's people.
    let mut sister = people.clone();
    sister.entities.push(("Linsey Creek".into(), Kind::Place));
    assert!(apart(&workers, &sister).is_some_and(|w| w.contains("Linsey Creek")), "{:?}", apart(&workers, &sister));
    // The index compares them: one bucket for a family's nouns.
    let mut ix = ClaimIndex::new(0.0);
    ix.set_doc(&Arc::from("wire.md"), vec![(0, wire.clone())]);
    ix.set_doc(&Arc::from("trade.md"), vec![(0, trade.clone())]);
    let claim = ix.claim_of(&(Arc::from("wire.md"), 0)).expect("one claim across the two nouns");
    assert_eq!(claim.verdict(), Verdict::Conflict);
}

#[test]
fn a_qualified_figure_that_takes_in_the_other_number_restates_it() {
    // "more than $20 million" takes in "$25 million": close enough to be a nearest-number
    // candidate, although 25% apart as stated. "$30 million" against "$25 million" is not.
    let more = keyed(2e7, 1e7, Qualifier::MoreThan, "USD", "amount", None, &[]);
    let sale = keyed(2.5e7, 1e6, Qualifier::Exact, "USD", "amount", None, &[]);
    let other = keyed(3e7, 1e6, Qualifier::Exact, "USD", "amount", None, &[]);
    assert!(restates(&more, &sale) && restates(&sale, &more));
    assert!(!restates(&other, &sale));
    let why = |x: &Keyed, y: &Keyed| weak_refusal(x, y).unwrap_or("");
    assert_ne!(why(&more, &sale), "the numbers are not within 10% of each other");
    assert_eq!(why(&other, &sale), "the numbers are not within 10% of each other");
}

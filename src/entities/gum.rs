//! Scoring against GUM's Wikinews documents (`../shared/external/gum_wikinews_entities.jsonl`),
//! exactly as issue 3 defines it:
//! - gold: mentions of person, organization and place entities that have a Wikipedia title,
//!   whose text, less a leading "the ", starts with a capital and is not a pronoun; the gold
//!   span starts after that "the ";
//! - recall: a gold mention is found when a predicted mention lies inside its span and covers
//!   at least half of it (characters);
//! - precision: over predicted mentions of kind person, organization or place (whatever GUM's
//!   kind), one is right when it lies inside any GUM person, organization or place mention whose
//!   text (less a leading "the ", any case) starts with a capital;
//! - alias accuracy: for each Wikipedia title with two or more distinct capitalised forms in one
//!   document, the share of its gold mentions that land in the entity holding most of them; and
//!   merges, the predicted entities holding the majority of two different such titles.
//!
//! All 43 documents are one corpus (sentence-initial decisions and aliases are corpus-wide),
//! read as plain text. A predicted mention's span includes its title ("President Obama"): GUM's
//! mentions are noun phrases that include them. Pure: takes the file's text.

use super::{analyze, EntityIndex, Kind};
use crate::text::Format;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone, Default, Serialize)]
pub struct GumScore {
    pub docs: usize,
    pub gold: usize,
    /// Gold mentions found by any predicted mention (the rule).
    pub found: usize,
    pub recall: f64,
    /// Predicted mentions of kind person, organization or place.
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub f1: f64,
    /// Stricter: recall counting only predicted person/organization/place mentions.
    pub recall_named_kinds: f64,
    pub f1_named_kinds: f64,
    /// Titles with two or more capitalised forms in one document (per document).
    pub alias_titles: usize,
    /// Gold mentions of those titles, and how many land in their title's majority entity.
    pub alias_mentions: usize,
    pub alias_in_majority: usize,
    /// alias_in_majority / alias_mentions.
    pub alias_accuracy: f64,
    /// Mean over titles of the per-title share.
    pub alias_accuracy_macro: f64,
    /// Predicted entities holding the majority of two different multi-form titles.
    pub merges: usize,
    /// The same over every gold title.
    pub merges_all_titles: usize,
    /// Samples for reading: gold mentions not found, wrong predictions.
    pub misses: Vec<String>,
    pub false_positives: Vec<String>,
}

const PRONOUNS: &[&str] = &[
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself",
    "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our", "ours", "ourselves", "they", "them",
    "their", "theirs", "themselves", "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
];

fn strip_the(t: &str) -> (usize, &str) {
    if t.len() >= 4 && t[..4].eq_ignore_ascii_case("the ") {
        (4, &t[4..])
    } else {
        (0, t)
    }
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().map_or(false, char::is_uppercase)
}

/// A name form without a trailing possessive ("Microsoft 's" → "Microsoft").
fn form_of(t: &str) -> String {
    let t = strip_the(t).1;
    let t = ["'s", "’s", "'", "’"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t);
    t.trim().to_string()
}

struct Gold {
    /// Character span.
    start: usize,
    end: usize,
    title: String,
    text: String,
}

pub fn score(jsonl: &str) -> GumScore {
    let mut sc = GumScore::default();
    let mut docs = Vec::new();
    let mut golds: Vec<Vec<Gold>> = Vec::new();
    let mut spans: Vec<Vec<(usize, usize)>> = Vec::new(); // capitalised GUM p/o/p mentions, chars
    let mut texts: Vec<(String, String)> = Vec::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let doc = v["doc"].as_str().unwrap_or("").to_string();
        let text = v["text"].as_str().unwrap_or("").to_string();
        let mut gold = Vec::new();
        let mut caps = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let ty = e["type"].as_str().unwrap_or("");
            if !matches!(ty, "person" | "organization" | "place") {
                continue;
            }
            let title = e["wikipedia_title"].as_str().map(str::to_string);
            for m in e["mentions"].as_array().into_iter().flatten() {
                let t = m["text"].as_str().unwrap_or("");
                let (cs, ce) = (m["char_start"].as_u64().unwrap_or(0) as usize, m["char_end"].as_u64().unwrap_or(0) as usize);
                let (skip, rest) = strip_the(t);
                if !starts_upper(rest) {
                    continue;
                }
                caps.push((cs, ce));
                if let Some(title) = &title {
                    if !PRONOUNS.contains(&rest.to_lowercase().as_str()) {
                        gold.push(Gold { start: cs + skip, end: ce, title: title.clone(), text: t.to_string() });
                    }
                }
            }
        }
        docs.push(Arc::new(analyze(&doc, &text, Format::Plain)));
        golds.push(gold);
        spans.push(caps);
        texts.push((doc, text));
    }
    sc.docs = docs.len();
    let index = EntityIndex::build(&docs, &[]);

    let mut alias_share_sum = 0.0;
    let mut majority_titles: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut majority_all: HashMap<usize, HashSet<String>> = HashMap::new();
    for (i, (path, text)) in texts.iter().enumerate() {
        // Byte → char offsets.
        let mut char_at = vec![0usize; text.len() + 1];
        let mut c = 0;
        for (b, ch) in text.char_indices() {
            for k in 0..ch.len_utf8() {
                char_at[b + k] = c;
            }
            c += 1;
        }
        char_at[text.len()] = c;
        let Some(ms) = index.doc_mentions(path) else { continue };
        // Predicted: (char start, char end, entity, kind).
        let preds: Vec<(usize, usize, usize, Kind)> = ms
            .iter()
            .filter_map(|(m, e)| {
                let e = (*e)?;
                Some((char_at[m.outer_start()], char_at[m.range.end], e, index.entity(e)?.kind))
            })
            .collect();
        let named = |k: Kind| k != Kind::Other;
        for p in preds.iter().filter(|p| named(p.3)) {
            sc.predicted += 1;
            if spans[i].iter().any(|&(s, e)| s <= p.0 && p.1 <= e) {
                sc.correct += 1;
            } else if sc.false_positives.len() < 400 {
                let t: String = text.chars().skip(p.0).take(p.1 - p.0).collect();
                let ctx: String = text.chars().skip(p.0.saturating_sub(40)).take(p.1 - p.0 + 80).collect();
                sc.false_positives.push(format!("{path}: {t} ({}) ctx «{ctx}»", p.3.as_str()));
            }
        }
        let finder = |g: &Gold, only_named: bool| {
            preds
                .iter()
                .filter(|p| (!only_named || named(p.3)) && g.start <= p.0 && p.1 <= g.end && (p.1 - p.0) * 2 >= g.end - g.start)
                .max_by_key(|p| p.1 - p.0)
                .map(|p| p.2)
        };
        let mut by_title: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
        let mut forms: HashMap<&str, HashSet<String>> = HashMap::new();
        let mut strict_found = 0;
        for g in &golds[i] {
            sc.gold += 1;
            let hit = finder(g, false);
            if hit.is_some() {
                sc.found += 1;
            } else if sc.misses.len() < 400 {
                // With what was predicted around it, for reading.
                let near: Vec<String> = preds
                    .iter()
                    .filter(|p| p.0 < g.end && g.start < p.1)
                    .map(|p| format!("{}:{}", text.chars().skip(p.0).take(p.1 - p.0).collect::<String>(), p.3.as_str()))
                    .collect();
                let ctx: String = text.chars().skip(g.start.saturating_sub(40)).take(g.end - g.start + 80).collect();
                sc.misses.push(format!("{path}: {} [{}] pred {:?} ctx «{}»", g.text, g.title, near, ctx));
            }
            if finder(g, true).is_some() {
                strict_found += 1;
            }
            by_title.entry(&g.title).or_default().push(hit);
            forms.entry(&g.title).or_default().insert(form_of(&g.text));
        }
        sc.recall_named_kinds += strict_found as f64;
        for (title, hits) in &by_title {
            let mut count: HashMap<usize, usize> = HashMap::new();
            for h in hits.iter().flatten() {
                *count.entry(*h).or_default() += 1;
            }
            let major = count.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(e, n)| (*e, *n));
            if let Some((e, _)) = major {
                majority_all.entry(e).or_default().insert(title.to_string());
            }
            if forms[title].len() >= 2 {
                sc.alias_titles += 1;
                sc.alias_mentions += hits.len();
                let n = major.map_or(0, |m| m.1);
                sc.alias_in_majority += n;
                alias_share_sum += n as f64 / hits.len() as f64;
                if let Some((e, _)) = major {
                    majority_titles.entry(e).or_default().insert(title.to_string());
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    sc.recall = ratio(sc.found, sc.gold);
    sc.precision = ratio(sc.correct, sc.predicted);
    sc.f1 = f1(sc.precision, sc.recall);
    sc.recall_named_kinds = if sc.gold == 0 { 0.0 } else { sc.recall_named_kinds / sc.gold as f64 };
    sc.f1_named_kinds = f1(sc.precision, sc.recall_named_kinds);
    sc.alias_accuracy = ratio(sc.alias_in_majority, sc.alias_mentions);
    sc.alias_accuracy_macro = if sc.alias_titles == 0 { 0.0 } else { alias_share_sum / sc.alias_titles as f64 };
    sc.merges = majority_titles.values().filter(|t| t.len() >= 2).count();
    sc.merges_all_titles = majority_all.values().filter(|t| t.len() >= 2).count();
    sc
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

//! `crosscheck claims` and `crosscheck entities` on the seed articles: the must-show.

mod common;
use common::*;
use serde_json::Value;

fn run(cmd: &str) -> Option<Value> {
    let seeds = shared("seeds")?;
    let out = crosscheck(&[cmd, seeds.to_str().unwrap(), "--format", "json"], &root());
    // `check` exits 1 when it reports findings; the listings exit 0.
    let want = if cmd == "check" { 1 } else { 0 };
    assert_eq!(out.status.code(), Some(want), "{}", String::from_utf8_lossy(&out.stderr));
    Some(json(&out))
}

fn file(v: &Value) -> &str {
    v["path"].as_str().unwrap().rsplit('/').next().unwrap()
}

#[test]
fn seed_claims() {
    let Some(v) = run("claims") else { return };
    let claims = v["claims"].as_array().unwrap();
    let find = |text_a: &str, text_b: &str| -> &Value {
        claims
            .iter()
            .find(|c| {
                let t: Vec<&str> = c["figures"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
                t.contains(&text_a) && t.contains(&text_b)
            })
            .unwrap_or_else(|| panic!("no claim holding {text_a} and {text_b}: {claims:#?}"))
    };
    let people = find("over 1.5 million people", "over 1.6 million people");
    assert_eq!(people["verdict"], "conflict");
    assert!(people["key"].as_str().unwrap().starts_with("Jeff Ashton"), "{}", people["key"]);
    let files: Vec<&str> = people["figures"].as_array().unwrap().iter().map(file).collect();
    assert_eq!(files, vec!["000_365e0f7f8621b3b6.txt", "001_ec78ee8032ee1df9.txt"]);
    let stewart = find("$over $900,000", "over $930,000");
    assert_eq!(stewart["verdict"], "differ");
    assert!(stewart["key"].as_str().unwrap().contains("James Stewart"));
    assert!(stewart["key"].as_str().unwrap().contains("2015"));
    let three = find("more than $3 million", "$3 million");
    assert_eq!(three["verdict"], "agree");
    // Linked to nothing.
    for c in claims {
        for f in c["figures"].as_array().unwrap() {
            let t = f["text"].as_str().unwrap();
            assert!(!t.contains("$16 million") && !t.contains("$2.7 million"), "{t} should be linked to nothing: {c:#}");
        }
    }
    // Figures carry the claim and what corroborates them.
    let Some(figs) = run("figures") else { return };
    let f = figs["figures"].as_array().unwrap().iter().find(|f| f["text"] == "$3 million").unwrap();
    assert_eq!(f["claim"], three["id"]);
    assert_eq!(f["corroborated_by"][0]["text"], "more than $3 million");
}

#[test]
fn seed_conflicts_are_findings_at_both_places() {
    let Some(v) = run("check") else { return };
    let fs = v["findings"].as_array().unwrap();
    let at = |text: &str, check: &str| fs.iter().find(|f| f["text"] == text && f["check"] == check).unwrap_or_else(|| panic!("no {check} at {text}"));
    let a = at("over 1.5 million people", "conflicting-figure");
    assert!(a["message"].as_str().unwrap().contains("over 1.6 million people in"), "{}", a["message"]);
    assert_eq!(a["related"][0]["text"], "over 1.6 million people");
    at("over 1.6 million people", "conflicting-figure");
    let d = at("over $930,000", "differing-figure");
    assert_eq!(d["severity"], "information");
    at("$over $900,000", "differing-figure");
    assert!(!fs.iter().any(|f| f["check"] == "conflicting-figure" && f["text"].as_str().unwrap().contains("3 million")));
}

#[test]
fn seed_entities() {
    let Some(v) = run("entities") else { return };
    let ents = v["entities"].as_array().unwrap();
    let by = |name: &str| ents.iter().find(|e| e["name"] == name).unwrap_or_else(|| panic!("no entity {name}"));
    let soros = by("George Soros");
    let files: std::collections::BTreeSet<&str> = soros["mentions"].as_array().unwrap().iter().map(file).collect();
    assert_eq!(files.len(), 5, "{files:?}");
    let texts: Vec<&str> = soros["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.ends_with("Soros’")), "{texts:?}");
    assert!(texts.iter().any(|t| t.ends_with("Soros’s")), "{texts:?}");
    for (full, short) in [("Aramis Ayala", "Ayala"), ("Jeff Ashton", "Ashton"), ("James Stewart", "Stewart"), ("Dhu Thompson", "Thompson")] {
        let e = by(full);
        let ms = e["mentions"].as_array().unwrap();
        let files: std::collections::BTreeSet<&str> = ms.iter().map(file).collect();
        assert!(files.contains("000_365e0f7f8621b3b6.txt") && files.contains("001_ec78ee8032ee1df9.txt"), "{full}: {files:?}");
        assert!(ms.iter().any(|m| m["text"] == short), "{full} has no bare {short}");
    }
    let aclu = by("American Civil Liberties Union");
    assert!(aclu["mentions"].as_array().unwrap().iter().any(|m| m["text"].as_str().unwrap().starts_with("ACLU")));
    for junk in ["However", "Read", "The", "Leave"] {
        assert!(!ents.iter().any(|e| e["name"] == junk), "entity named {junk}");
    }
    let Some(c) = run("check") else { return };
    let variant = c["findings"].as_array().unwrap().iter().find(|f| f["check"] == "entity-variant" && f["text"].as_str().unwrap().contains("Open Societies Foundations"));
    let variant = variant.expect("Open Societies Foundations reported");
    assert!(variant["message"].as_str().unwrap().contains("Open Society Foundations"));
}

//! The `check` and `figures` commands end to end: the shipped example corpus, the seed
//! articles, the JSON/SARIF contracts, exit codes and bad input.

mod common;
use common::*;
use serde_json::Value;
use std::fs;

fn findings(v: &Value) -> Vec<(String, u64, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["check"].as_str().unwrap().to_string(), f["text"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn example_corpus_exact_findings() {
    let out = crosscheck(&["check", "examples/newsroom", "--format", "json"], &root());
    assert_eq!(out.status.code(), Some(1), "findings at warning level exit 1");
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let got = findings(&v);
    let want = vec![
        ("examples/newsroom/council-vote.md".to_string(), 3, "unsourced-figure".to_string(), "$150 million".to_string()),
        ("examples/newsroom/council-vote.md".into(), 7, "conflicting-figure".into(), "more than 150,000 vehicles".into()),
        ("examples/newsroom/council-vote.md".into(), 10, "unsourced-figure".into(), "$61 million".into()),
        ("examples/newsroom/harbor-bridge.md".into(), 11, "conflicting-figure".into(), "more than 140,000 vehicles".into()),
        ("examples/newsroom/harbor-bridge.md".into(), 14, "unsourced-figure".into(), "$61 million".into()),
        ("examples/newsroom/harbor-bridge.md".into(), 19, "unsourced-figure".into(), "$140 million".into()),
        ("examples/newsroom/notes/interview-duarte.txt".into(), 10, "unsourced-figure".into(), "$3.1 million".into()),
    ];
    assert_eq!(got, want);
}

#[test]
fn json_items_follow_the_contract() {
    let out = crosscheck(&["figures", "examples/newsroom", "--format", "json"], &root());
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let figs = v["figures"].as_array().unwrap();
    assert!(figs.len() >= 15);
    for f in figs {
        for key in ["path", "line", "column", "end_line", "end_column", "byte_start", "byte_end", "text", "kind", "value", "low", "high", "low_inclusive", "high_inclusive", "unit", "qualifier", "source"] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        // text is the exact slice at the byte offsets.
        let path = root().join(f["path"].as_str().unwrap());
        let src = fs::read_to_string(path).unwrap();
        let (a, b) = (f["byte_start"].as_u64().unwrap() as usize, f["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(&src[a..b], f["text"].as_str().unwrap());
        assert_eq!(f.get("sourced").is_some(), f["kind"] == "money");
    }
    let by_text = |t: &str| figs.iter().find(|f| f["text"] == t).unwrap_or_else(|| panic!("no figure {t}")).clone();
    let f = by_text("about $212 million");
    assert_eq!(f["qualifier"], "about");
    assert_eq!(f["unit"], "USD");
    assert_eq!(f["sourced"], true);
    let f = by_text("more than 140,000 vehicles");
    assert_eq!((f["kind"].as_str(), f["unit"].as_str(), f["low"].as_f64(), f["high"].as_f64()), (Some("quantity"), Some("vehicle"), Some(140000.0), Some(150000.0)));
    // Code blocks, front matter, excluded files and phone numbers give no figures.
    assert!(!figs.iter().any(|f| f["text"].as_str().unwrap().contains("140,000,000")));
    assert!(!figs.iter().any(|f| f["path"].as_str().unwrap().contains("scratch")));
    assert!(!figs.iter().any(|f| f["text"].as_str().unwrap().contains("555")));
}

#[test]
fn seeds_must_show() {
    let Some(seeds) = shared("seeds") else { return };
    let out = crosscheck(&["figures", seeds.to_str().unwrap(), "--format", "json"], &root());
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let figs = v["figures"].as_array().unwrap();
    let money = |file: &str, value: f64| -> Value {
        figs.iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(file) && f["kind"] == "money" && f["value"].as_f64() == Some(value))
            .unwrap_or_else(|| panic!("no money figure {value} in {file}"))
            .clone()
    };
    assert_eq!(money("001_ec78ee8032ee1df9.txt", 930000.0)["sourced"], false);
    assert_eq!(money("000_365e0f7f8621b3b6.txt", 900000.0)["sourced"], false);
    let three = money("000_365e0f7f8621b3b6.txt", 3e6);
    assert_eq!(three["sourced"], true);
    assert!(three["source"].as_str().unwrap().contains("published by"));
    let b = money("001_ec78ee8032ee1df9.txt", 650000.0);
    assert_eq!(b["sourced"], true);
    assert_eq!(b["source"], "reported");
    // No year or date is a figure.
    for f in figs {
        let t = f["text"].as_str().unwrap();
        for bad in ["2016", "2015", "2014", "2018", "08/30", "June 6", "August 31", "21st"] {
            assert!(!t.contains(bad), "{t} is a date or year");
        }
    }
    let out = crosscheck(&["check", seeds.to_str().unwrap(), "--format", "json"], &root());
    let v = json(&out);
    let texts: Vec<String> = findings(&v).into_iter().map(|f| f.3).collect();
    assert!(texts.contains(&"over $930,000".to_string()));
    assert!(texts.contains(&"$over $900,000".to_string()));
    assert!(!texts.iter().any(|t| t.contains("650,000") || t == "more than $3 million"));
}

#[test]
fn text_and_sarif_formats() {
    let out = crosscheck(&["check", "examples/newsroom/council-vote.md"], &root());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("warning[unsourced-figure]: $150 million has no source"), "{s}");
    assert!(s.contains("--> examples/newsroom/council-vote.md:3:57"), "{s}");
    assert!(s.contains("^^^^^^^^^^^^"), "{s}");
    assert!(s.trim_end().ends_with("2 warnings in 1 file (6 figures)"), "{s}");
    // A conflict names the other place and the shared claim, and points at it as a note.
    let out = crosscheck(&["check", "examples/newsroom"], &root());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("warning[conflicting-figure]: more than 150,000 vehicles here; more than 140,000 vehicles in examples/newsroom/harbor-bridge.md:11: these cannot both be true. Same claim: Harbor Bridge, traffic, vehicles"), "{s}");
    assert!(s.contains("= note: examples/newsroom/harbor-bridge.md:11:20: conflicts: more than 140,000 vehicles"), "{s}");
    let out = crosscheck(&["check", "examples/newsroom", "--format", "sarif"], &root());
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    assert_eq!(results[0]["ruleId"], "unsourced-figure");
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
}

#[test]
fn exit_codes_and_overrides() {
    let ok = crosscheck(&["check", "examples/newsroom", "--fail-on", "error"], &root());
    assert_eq!(ok.status.code(), Some(0));
    let off = crosscheck(&["check", "examples/newsroom", "--severity", "unsourced-figure=off", "--severity", "conflicting-figure=off", "--format", "json"], &root());
    assert_eq!(off.status.code(), Some(0));
    assert_eq!(json(&off)["findings"].as_array().unwrap().len(), 0);
    let err = crosscheck(&["check", "examples/newsroom", "--severity", "unsourced-figure=error", "--fail-on", "error"], &root());
    assert_eq!(err.status.code(), Some(1));
    let missing = crosscheck(&["check", "no/such/path.md"], &root());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/path.md: no such file or directory"));
    let usage = crosscheck(&["check", "--format", "yaml"], &root());
    assert_eq!(usage.status.code(), Some(2));
    let bad_sev = crosscheck(&["check", "examples", "--severity", "nope=error"], &root());
    assert_eq!(bad_sev.status.code(), Some(2));
}

#[test]
fn config_is_found_and_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "It cost $5 million.\n").unwrap();
    fs::write(dir.path().join("crosscheck.toml"), "extensions = [\"md\"]\nnot-a-key = true\n").unwrap();
    let out = crosscheck(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-key") && err.contains("line 2"), "{err}");
    fs::write(dir.path().join("crosscheck.toml"), "[severity]\nunsourced-figure = \"error\"\n").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/b.md"), "It cost $6 million.\n").unwrap();
    // Found by walking up from the path.
    let out = crosscheck(&["check", "sub", "--format", "json"], dir.path());
    let v = json(&out);
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(v["findings"][0]["path"], "sub/b.md");
}

#[test]
fn bad_input_never_panics_and_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("empty.md"), "").unwrap();
    fs::write(p.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR $5 million").unwrap();
    fs::write(p.join("latin1.txt"), b"Caf\xe9 owners paid $5 million in 2019.\n").unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "It cost $7 million.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    fs::write(p.join("utf16.txt"), utf16).unwrap();
    // 50 MB: over the default 10 MB limit, skipped with a note.
    let big = "The fund paid $5 million to the firm. ".repeat(50 * 1024 * 1024 / 38 + 1);
    fs::write(p.join("huge.md"), &big).unwrap();
    let out = crosscheck(&["check", ".", "--format", "json"], p);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.md: looks binary"), "{err}");
    assert!(err.contains("huge.md: skipped") && err.contains("max-file-size"), "{err}");
    assert!(err.contains("latin1.txt: is not valid UTF-8"), "{err}");
    assert!(err.contains("utf16.txt: decoded from UTF-16"), "{err}");
    let v = json(&out);
    let texts: Vec<(String, String)> = v["findings"].as_array().unwrap().iter().map(|f| (f["path"].as_str().unwrap().into(), f["text"].as_str().unwrap().into())).collect();
    assert!(texts.contains(&("latin1.txt".into(), "$5 million".into())));
    assert!(texts.contains(&("utf16.txt".into(), "$7 million".into())));
    // An unreadable file given by name: exit 2 with the reason.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/proc/self/clear_refs", p.join("locked.md")).unwrap();
        let out = crosscheck(&["check", "locked.md"], p);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("locked.md: cannot read"), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn large_file_is_analysed_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("crosscheck.toml"), "max-file-size = \"60MB\"\n").unwrap();
    let body = "The fund paid $5 million to the firm, records show. ".repeat(50 * 1024 * 1024 / 52 + 1);
    fs::write(p.join("huge.md"), &body).unwrap();
    let out = crosscheck(&["check", ".", "--format", "json"], p);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), 0);
}

/// `eval --format json` on the repository's labelled sets (the external suites pointed away, so
/// that this test needs nothing from ../shared): the contract's objects, and every floor held.
#[test]
fn eval_json_scores_every_labelled_set_against_its_floors() {
    let out = crosscheck(&["eval", "--external", "no-such-folder", "--format", "json"], &root());
    let v = json(&out);
    assert_eq!(out.status.code(), Some(0), "a score fell below its floor: {}", v["eval"]["floors"]);
    assert_eq!(v["version"], 1);
    let e = &v["eval"];
    let sets = crosscheck::eval::SETS;
    assert!(sets.len() >= 8, "{sets:?}");
    let reports = [&e["sourcing"], &e["claims"]].into_iter().chain(sets.iter().flat_map(|s| [&e[s]["sourcing"], &e[s]["claims"]]));
    for report in reports {
        assert!(report["precision"].as_f64().is_some() && report["recall"].as_f64().is_some(), "{report}");
    }
    let floors = e["floors"].as_array().unwrap();
    let prefixes = ["sourcing.".to_string(), "claims.".to_string()].into_iter().chain(sets.iter().flat_map(|s| [format!("{s}.sourcing."), format!("{s}.claims.")]));
    for set in prefixes {
        assert!(floors.iter().any(|f| f["metric"].as_str().unwrap().starts_with(&set)), "no floor checked for {set}");
    }
    assert!(floors.iter().all(|f| f["passed"] == true && f["value"].as_f64().is_some() && f["floor"].as_f64().is_some()));
}

/// `eval --set NAME=DIR` points one blind-written set elsewhere; a name that is no set, or a
/// value without `=`, is a usage error that names the known sets.
#[test]
fn eval_set_flag_points_a_set_elsewhere_and_rejects_unknown_names() {
    let out = crosscheck(&["eval", "--external", "no-such-folder", "--set", "nosuch=eval/blind2"], &root());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nosuch") && err.contains("blind2"), "{err}");
    let out = crosscheck(&["eval", "--external", "no-such-folder", "--set", "blind2"], &root());
    assert_eq!(out.status.code(), Some(2));
    // blind2 read from blind3's folder: its scores are blind3's.
    let out = crosscheck(&["eval", "--external", "no-such-folder", "--set", "blind2=eval/blind3", "--format", "json"], &root());
    let v = json(&out);
    for field in ["labelled_reported", "lookalikes", "precision", "recall"] {
        assert_eq!(v["eval"]["blind2"]["claims"][field], v["eval"]["blind3"]["claims"][field], "{field}");
    }
    assert_ne!(v["eval"]["blind2"]["claims"]["labelled_reported"], json(&crosscheck(&["eval", "--external", "no-such-folder", "--format", "json"], &root()))["eval"]["blind2"]["claims"]["labelled_reported"]);
}

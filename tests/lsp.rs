//! The language server, spoken to as an editor would: the real binary (`crosscheck lsp`) over
//! stdio with Content-Length framing, on a temporary corpus written for these tests.

mod lsp_client;

use lsp_client::{uri, LspClient};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Line 2: curly quotes and em dashes before an unsourced figure; line 3: an emoji (a UTF-16
/// surrogate pair), an accent and CJK before one; line 4: a sourced figure after CJK.
const A: &str = "# Harbour budget\n\n“The port” — as locals call it — spent $4.2 million on cranes.\n😀 Café owners in 東京 raised ¥5,000 overnight.\nThe 市 office paid €310,000 for signage, records show.\n";
const B: &str = "The ferry line lost $12 million last year.\n";

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("newsroom");
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(root.join("crosscheck.toml"), "exclude = [\"drafts/skip/**\"]\n").unwrap();
    std::fs::write(root.join("a.md"), A).unwrap();
    std::fs::write(root.join("drafts/b.md"), B).unwrap();
    (dir, root)
}

fn ranges(diags: &[Value]) -> Vec<(u64, u64, u64, u64)> {
    diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            (r["start"]["line"].as_u64().unwrap(), r["start"]["character"].as_u64().unwrap(), r["end"]["line"].as_u64().unwrap(), r["end"]["character"].as_u64().unwrap())
        })
        .collect()
}

fn start(folders: &[&Path], encodings: &[&str], options: Value) -> LspClient {
    let mut c = LspClient::crosscheck(&[]);
    c.initialize(folders, encodings, json!({}), options, true);
    c
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    for (offered, expect) in [(vec!["utf-16"], "utf-16"), (vec!["utf-8", "utf-16", "utf-32"], "utf-8"), (vec!["utf-32", "utf-16"], "utf-32"), (vec![], "utf-16")] {
        let mut c = LspClient::crosscheck(&[]);
        let r = c.initialize(&[], &offered, json!({}), json!(null), true);
        assert_eq!(r["capabilities"]["positionEncoding"], json!(expect), "offered {offered:?}");
        assert_eq!(r["capabilities"]["textDocumentSync"]["change"], json!(2), "incremental sync");
        assert_eq!(r["serverInfo"]["name"], json!("crosscheck"));
    }
}

#[test]
fn diagnostics_have_exact_ranges_in_utf16() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    let d = c.diagnostics(&a, Some(1));
    // $4.2 million: 39 UTF-16 units in (curly quotes and em dashes are one unit each);
    // ¥5,000: after 😀 (two units, a surrogate pair), é and 東京.
    assert_eq!(ranges(&d), vec![(2, 39, 2, 51), (3, 28, 3, 34)]);
    assert_eq!(d[0]["code"], json!("unsourced-figure"));
    assert_eq!(d[0]["source"], json!("crosscheck"));
    assert_eq!(d[0]["severity"], json!(2));
    assert_eq!(d[0]["codeDescription"]["href"], json!("https://github.com/crosscheck-dev/crosscheck/blob/main/README.md#unsourced-figure"));
    assert!(d[0]["message"].as_str().unwrap().starts_with("$4.2 million has no source"));
}

#[test]
fn diagnostics_have_exact_ranges_in_utf8() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16", "utf-8"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    let d = c.diagnostics(&a, Some(1));
    // The same figures in bytes: curly quotes and em dashes are 3 bytes, 😀 4, é 2, 東京 6, ¥ 2.
    assert_eq!(ranges(&d), vec![(2, 47, 2, 59), (3, 35, 3, 42)]);
    // And a hover at a UTF-8 column inside the figure after the emoji finds it.
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 3, "character": 38}}));
    assert_eq!(h["result"]["range"]["start"], json!({"line": 3, "character": 35}));
}

#[test]
fn an_edit_that_removes_a_finding_republishes_it() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    assert_eq!(c.diagnostics(&a, Some(1)).len(), 2);
    // Attribute the emoji line's figure: insert ", the guild said" before the final period.
    c.change(&a, 2, 3, 44, 3, 44, ", the guild said");
    let d = c.diagnostics(&a, Some(2));
    assert_eq!(ranges(&d), vec![(2, 39, 2, 51)]);
    // Delete the whole sentence with the first figure, across the line break: none left.
    c.change(&a, 3, 2, 0, 3, 0, "");
    assert_eq!(c.diagnostics(&a, Some(3)), Vec::<Value>::new());
    // Full-document sync is accepted too.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": a, "version": 4}, "contentChanges": [{"text": "It cost 😀 $9 million."}]}));
    assert_eq!(ranges(&c.diagnostics(&a, Some(4))), vec![(0, 11, 0, 21)]);
}

#[test]
fn hundreds_of_pipelined_edits_end_in_the_right_text() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let typed = uri(&root.join("typed.md"));
    let oracle = uri(&root.join("oracle.md"));
    c.open(&typed, "markdown", 1, "");
    // Type a text one character at a time (UTF-16 columns), with line breaks, emoji and CJK,
    // then delete a span: 400-odd notifications sent without waiting.
    let text = "“Fees” — 😀 rose to $3 million.\n東京 paid ¥7,000 to them 🚢.\nThe city gave $800,000, officials said.\n\n".repeat(4);
    let (mut line, mut col, mut version) = (0u32, 0u32, 1i64);
    for ch in text.chars() {
        version += 1;
        c.change(&typed, version, line, col, line, col, &ch.to_string());
        if ch == '\n' {
            line += 1;
            col = 0;
        } else {
            col += ch.len_utf16() as u32;
        }
    }
    // Remove " rose to" on line 0 (after 😀, which ends at UTF-16 column 11).
    version += 1;
    c.change(&typed, version, 0, 11, 0, 19, "");
    assert!(version > 100);
    let final_text = text.replacen("rose to ", "", 1);
    c.open(&oracle, "markdown", 1, &final_text);
    let got = c.diagnostics(&typed, Some(version));
    let want = c.diagnostics(&oracle, Some(1));
    assert_eq!(ranges(&got), ranges(&want));
    assert_eq!(ranges(&got)[..2], [(0, 12, 0, 22), (1, 8, 1, 14)]);
    assert_eq!(got.len(), 8);
    let syms = |c: &mut LspClient, u: &str| c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": u}}))["result"].clone();
    assert_eq!(syms(&mut c, &typed), syms(&mut c, &oracle));
}

#[test]
fn code_actions_are_the_findings_fixes() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    let d = c.diagnostics(&a, Some(1));
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": a}, "range": d[1]["range"], "context": {"diagnostics": [d[1]]}}));
    let actions = r["result"].as_array().unwrap();
    let titles: Vec<_> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Insert an attribution placeholder", "Mark this figure as sourced", "Ignore unsourced-figure on this line"]);
    assert_eq!(actions[0]["kind"], json!("quickfix"));
    assert_eq!(actions[0]["diagnostics"][0]["range"], d[1]["range"]);
    let edit = &actions[0]["edit"]["changes"][&a][0];
    assert_eq!(edit["range"], json!({"start": {"line": 3, "character": 34}, "end": {"line": 3, "character": 34}}));
    assert_eq!(edit["newText"], json!(" (according to SOURCE)"));
    let ignore = &actions[2]["edit"]["changes"][&a][0];
    assert_eq!(ignore["range"]["start"], json!({"line": 3, "character": 0}));
    // A range with no finding has no actions; the server never wrote the file.
    let none = c.request("textDocument/codeAction", json!({"textDocument": {"uri": a}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "context": {"diagnostics": []}}));
    assert_eq!(none["result"], json!([]));
    assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), A);
}

#[test]
fn hover_explains_a_figure() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    c.diagnostics(&a, Some(1));
    let hover = |c: &mut LspClient, line: u32, ch: u32| c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": line, "character": ch}}))["result"].clone();
    let h = hover(&mut c, 2, 45);
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("value: 4,200,000 USD"), "{text}");
    assert!(text.contains("interval: [4,150,000, 4,250,000) USD"), "{text}");
    assert!(text.contains("not sourced"), "{text}");
    assert_eq!(h["range"], json!({"start": {"line": 2, "character": 39}, "end": {"line": 2, "character": 51}}));
    let s = hover(&mut c, 4, 20)["contents"]["value"].as_str().unwrap().to_string();
    assert!(s.contains("sourced (phrase): “records show”") && s.contains("310,000 EUR"), "{s}");
    assert_eq!(hover(&mut c, 0, 3), Value::Null);
    let syms = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": a}}))["result"].clone();
    let names: Vec<_> = syms.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["$4.2 million", "¥5,000", "€310,000"]);
    assert_eq!(syms[2]["detail"], json!("310,000 EUR sourced: records show"));
}

/// Two reports of one county's population that disagree, and a mayor named three ways.
const N1: &str = "Mayor Dana Ortiz runs Halvern County, whose council serves over 1.5 million people in the valley.\n\nOrtiz said the budget was tight.\n";
const N2: &str = "Halvern County, led by Mayor Dana Ortiz, serves over 1.6 million people, officials said.\n";

fn county() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("county");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("n1.md"), N1).unwrap();
    std::fs::write(root.join("n2.md"), N2).unwrap();
    (dir, root)
}

/// A client whose server has finished its initial index of the folders.
fn start_indexed(folders: &[&Path], options: Value) -> LspClient {
    let mut c = LspClient::crosscheck(&[]);
    c.initialize(folders, &["utf-16"], json!({"window": {"workDoneProgress": true}}), options, true);
    c.wait_for("progress end", Duration::from_secs(60), |m| m["method"] == json!("$/progress") && m["params"]["value"]["kind"] == json!("end"));
    c
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_conflict_appears_in_both_files_and_an_edit_clears_it_in_both() {
    let (_d, root) = county();
    let mut c = start_indexed(&[&root], json!({"crosscheck": {"diagnostics": "corpus"}}));
    let n1 = uri(&root.join("n1.md"));
    let n2 = uri(&root.join("n2.md"));
    c.open(&n1, "markdown", 1, N1);
    let d1 = c.diagnostics(&n1, Some(1));
    assert_eq!(codes(&d1), vec!["conflicting-figure"], "{d1:#?}");
    assert_eq!(ranges(&d1), vec![(0, 59, 0, 82)]);
    let related = &d1[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(n2));
    assert!(related["message"].as_str().unwrap().starts_with("conflicts: over 1.6 million people"));
    // The other file is named relative to the workspace folder, as the writer sees it.
    let msg = d1[0]["message"].as_str().unwrap();
    assert!(msg.contains("over 1.5 million people here; over 1.6 million people in n2.md:1:"), "{msg}");
    // The other file is open now; change 1.6 to 1.5 there.
    c.open(&n2, "markdown", 1, N2);
    assert_eq!(codes(&c.diagnostics(&n2, Some(1))), vec!["conflicting-figure"]);
    let col = N2.find("1.6").unwrap() as u32;
    c.change(&n2, 2, 0, col, 0, col + 3, "1.5");
    assert_eq!(c.diagnostics(&n2, Some(2)), Vec::<Value>::new());
    // …and the conflict disappears in the first file too.
    c.wait_for("n1 republished without the conflict", Duration::from_secs(30), |m| {
        m["method"] == json!("textDocument/publishDiagnostics") && m["params"]["uri"] == json!(n1) && m["params"]["diagnostics"] == json!([])
    });
}

#[test]
fn entity_navigation_definition_references_hover_rename_symbols() {
    let (_d, root) = county();
    let mut c = start_indexed(&[&root], json!(null));
    let n1 = uri(&root.join("n1.md"));
    let n2 = uri(&root.join("n2.md"));
    c.open(&n1, "markdown", 1, N1);
    c.diagnostics(&n1, Some(1));
    // "Ortiz" alone on line 3 goes to "Dana Ortiz" on line 1 of the same document.
    let at = json!({"textDocument": {"uri": n1}, "position": {"line": 2, "character": 2}});
    let def = c.request("textDocument/definition", at.clone())["result"].clone();
    let def = if def.is_array() { def[0].clone() } else { def };
    assert_eq!(def["uri"], json!(n1));
    assert_eq!(def["range"]["start"], json!({"line": 0, "character": 6}));
    let mut refs = at.clone();
    refs["context"] = json!({"includeDeclaration": true});
    let all = c.request("textDocument/references", refs.clone())["result"].as_array().unwrap().clone();
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(all.iter().any(|l| l["uri"] == json!(n2)));
    refs["context"] = json!({"includeDeclaration": false});
    assert_eq!(c.request("textDocument/references", refs)["result"].as_array().unwrap().len(), 2);
    let hl = c.request("textDocument/documentHighlight", at.clone())["result"].as_array().unwrap().len();
    assert_eq!(hl, 2);
    let hover = c.request("textDocument/hover", at.clone())["result"]["contents"]["value"].as_str().unwrap().to_string();
    assert!(hover.contains("**Dana Ortiz** · person") && hover.contains("3 mentions in 2 documents"), "{hover}");
    let prep = c.request("textDocument/prepareRename", at.clone())["result"].clone();
    assert_eq!(prep["placeholder"], json!("Ortiz"), "{prep}");
    let mut rename = at.clone();
    rename["newName"] = json!("Dana Ruiz");
    let edit = c.request("textDocument/rename", rename)["result"].clone();
    let changes = edit["changes"].as_object().cloned().or_else(|| {
        edit["documentChanges"].as_array().map(|dc| dc.iter().map(|d| (d["textDocument"]["uri"].as_str().unwrap().to_string(), d["edits"].clone())).collect())
    });
    let changes = changes.expect("a workspace edit");
    let texts: Vec<String> = changes.values().flat_map(|es| es.as_array().unwrap().iter().map(|e| e["newText"].as_str().unwrap().to_string()).collect::<Vec<_>>()).collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(texts.iter().filter(|t| *t == "Dana Ruiz").count(), 2, "{texts:?}");
    assert_eq!(texts.iter().filter(|t| *t == "Ruiz").count(), 1, "{texts:?}");
    let syms = c.request("workspace/symbol", json!({"query": "ortiz"}))["result"].as_array().unwrap().clone();
    assert_eq!(syms[0]["name"], json!("Dana Ortiz"));
    // Nothing to navigate on a plain word.
    let plain = json!({"textDocument": {"uri": n1}, "position": {"line": 2, "character": 12}});
    assert_eq!(c.request("textDocument/definition", plain.clone())["result"], Value::Null);
    let mut rename = plain;
    rename["newName"] = json!("x");
    assert!(c.request("textDocument/rename", rename)["error"]["message"].as_str().unwrap().contains("no name here"));
}

#[test]
fn corpus_scope_open_text_wins_and_closing_returns_to_disk() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!({"crosscheck": {"diagnostics": "corpus"}}));
    let b = uri(&root.join("drafts/b.md"));
    // Not open: published from the index, without a version.
    assert_eq!(ranges(&c.diagnostics(&b, None)), vec![(0, 20, 0, 31)]);
    // Open with other text: the editor's text wins.
    c.open(&b, "markdown", 1, "The ferry line lost money.\n");
    assert_eq!(c.diagnostics(&b, Some(1)), Vec::<Value>::new());
    // Closed: back to what the disk says.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    assert_eq!(ranges(&c.diagnostics(&b, None)), vec![(0, 20, 0, 31)]);
}

#[test]
fn watched_files_created_and_deleted() {
    let (_d, root) = corpus();
    let mut c = LspClient::crosscheck(&[]);
    c.initialize(&[&root], &["utf-16"], json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}), json!({"diagnostics": "corpus"}), true);
    let reg = c.wait_for("registerCapability", Duration::from_secs(30), |m| m["method"] == json!("client/registerCapability"));
    assert_eq!(reg["params"]["registrations"][0]["method"], json!("workspace/didChangeWatchedFiles"));
    c.diagnostics(&uri(&root.join("a.md")), None);
    assert_eq!(c.diagnostics(&uri(&root.join("drafts/b.md")), None)[0]["severity"], json!(2));
    let new = root.join("drafts/new.md");
    std::fs::write(&new, "A donor gave 😀 $2 million.\n").unwrap();
    // Excluded by crosscheck.toml: created too, but never read.
    std::fs::create_dir_all(root.join("drafts/skip")).unwrap();
    std::fs::write(root.join("drafts/skip/x.md"), "It cost $1 million.\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 1}, {"uri": uri(&root.join("drafts/skip/x.md")), "type": 1}]}));
    assert_eq!(ranges(&c.diagnostics(&uri(&new), None)), vec![(0, 16, 0, 26)]);
    std::fs::remove_file(&new).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 3}]}));
    assert_eq!(c.diagnostics(&uri(&new), None), Vec::<Value>::new());
    assert!(!c.seen.iter().any(|m| m["params"]["uri"] == json!(uri(&root.join("drafts/skip/x.md")))));
    // A changed crosscheck.toml is reloaded: unsourced figures become errors.
    std::fs::write(root.join("crosscheck.toml"), "[severity]\nunsourced-figure = \"error\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&root.join("crosscheck.toml")), "type": 2}]}));
    // No flicker while the corpus is read again: the next publication is the new severity.
    let d = c.diagnostics(&uri(&root.join("drafts/b.md")), None);
    assert_eq!(d[0]["severity"], json!(1));
}

#[test]
fn polling_fallback_without_dynamic_registration() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!({"diagnostics": "corpus", "pollIntervalMs": 100}));
    c.diagnostics(&uri(&root.join("a.md")), None);
    let new = root.join("late.md");
    std::fs::write(&new, "It lost $7 million.\n").unwrap();
    assert_eq!(ranges(&c.diagnostics(&uri(&new), None)), vec![(0, 8, 0, 18)]);
    std::fs::remove_file(&new).unwrap();
    assert_eq!(c.diagnostics(&uri(&new), None), Vec::<Value>::new());
}

#[test]
fn initial_index_reports_progress() {
    let (_d, root) = corpus();
    std::fs::write(root.join("c.md"), "Mayor Dana Ortiz signed the harbour plan on Tuesday.\n").unwrap();
    let mut c = LspClient::crosscheck(&[]);
    c.initialize(&[&root], &["utf-16"], json!({"window": {"workDoneProgress": true}}), json!(null), true);
    c.wait_for("workDoneProgress/create", Duration::from_secs(30), |m| m["method"] == json!("window/workDoneProgress/create"));
    c.wait_for("progress begin", Duration::from_secs(30), |m| m["method"] == json!("$/progress") && m["params"]["value"]["kind"] == json!("begin"));
    let end = c.wait_for("progress end", Duration::from_secs(60), |m| m["method"] == json!("$/progress") && m["params"]["value"]["kind"] == json!("end"));
    let msg = end["params"]["value"]["message"].as_str().unwrap();
    assert!(msg.starts_with("indexed 3 files"), "{msg}");
    // The index ends once the corpus is linked, not when its files are read: names are there.
    let syms = c.request("workspace/symbol", json!({"query": "ortiz"}))["result"].as_array().unwrap().clone();
    assert_eq!(syms.first().map(|s| s["name"].clone()), Some(json!("Dana Ortiz")), "{syms:?}");
}

#[test]
fn settings_override_the_file_and_can_change() {
    let (_d, root) = corpus();
    std::fs::write(root.join("crosscheck.toml"), "[severity]\nunsourced-figure = \"error\"\n").unwrap();
    // Indexed first: a document opened while the index runs is published again when the index
    // is merged, and that publish could be taken for the answer to the settings change below.
    let mut c = start_indexed(&[&root], json!({"severity": {"unsourced-figure": "hint"}}));
    let b = uri(&root.join("drafts/b.md"));
    c.open(&b, "markdown", 1, B);
    assert_eq!(c.diagnostics(&b, Some(1))[0]["severity"], json!(4));
    // Settings pushed by the editor replace the earlier ones: back to the file's "error".
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"crosscheck": {"attribution": {"verbs": ["lost"]}}}}));
    assert_eq!(c.diagnostics(&b, None), Vec::<Value>::new());
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"crosscheck": {}}}));
    assert_eq!(c.diagnostics(&b, None)[0]["severity"], json!(1));
}

#[test]
fn each_folder_has_its_own_config_and_lone_files_walk_up() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two, lone) = (dir.path().join("one"), dir.path().join("two"), dir.path().join("lone/sub"));
    for (d, sev) in [(&one, "error"), (&two, "hint"), (&dir.path().join("lone"), "information")] {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join("crosscheck.toml"), format!("[severity]\nunsourced-figure = \"{sev}\"\n")).unwrap();
    }
    std::fs::create_dir_all(&lone).unwrap();
    let mut c = start(&[&one, &two], &["utf-16"], json!(null));
    for (d, sev) in [(&one, 1), (&two, 4), (&lone, 3)] {
        let u = uri(&d.join("x.md"));
        c.open(&u, "markdown", 1, B);
        assert_eq!(c.diagnostics(&u, Some(1))[0]["severity"], json!(sev), "{}", d.display());
    }
    // No folders at all: single-file mode, config found by walking up from the file.
    let mut solo = start(&[], &["utf-16"], json!(null));
    let u = uri(&lone.join("y.md"));
    solo.open(&u, "markdown", 1, B);
    assert_eq!(solo.diagnostics(&u, Some(1))[0]["severity"], json!(3));
    let untitled = "untitled:Untitled-1";
    solo.open(untitled, "markdown", 1, B);
    assert_eq!(solo.diagnostics(untitled, Some(1))[0]["severity"], json!(2));
}

#[test]
fn unknown_documents_and_out_of_range_positions_are_harmless() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let ghost = uri(&root.join("ghost.md"));
    assert_eq!(c.request("textDocument/hover", json!({"textDocument": {"uri": ghost}, "position": {"line": 0, "character": 0}}))["result"], Value::Null);
    assert_eq!(c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": ghost}}))["result"], Value::Null);
    c.change(&ghost, 2, 0, 0, 0, 0, "x");
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": ghost}}));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    c.diagnostics(&a, Some(1));
    // Past the end of a line and of the document: clamped, never a crash.
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 2, "character": 9999}}));
    assert!(h.get("error").is_none(), "{h}");
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 4000000000u64, "character": 4000000000u64}}));
    assert!(h.get("error").is_none(), "{h}");
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": a}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99999, "character": 5}}, "context": {"diagnostics": []}}));
    assert_eq!(r["result"].as_array().unwrap().len(), 6);
    c.change(&a, 2, 9999, 0, 99999, 7, "\nIt cost $1 million.");
    assert_eq!(ranges(&c.diagnostics(&a, Some(2))).last(), Some(&(6, 8, 6, 18)));
}

#[test]
fn a_stale_did_change_is_ignored() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 5, A);
    c.diagnostics(&a, Some(5));
    // Version 3 after version 5: refused whole, logged, text unchanged.
    c.change(&a, 3, 2, 0, 5, 0, "");
    c.wait_for("a warning about the stale change", Duration::from_secs(30), |m| m["method"] == json!("window/logMessage") && m["params"]["message"].as_str().is_some_and(|s| s.contains("version 3 arrived after version 5")));
    c.change(&a, 6, 0, 0, 0, 0, "x");
    assert_eq!(ranges(&c.diagnostics(&a, Some(6))), vec![(2, 39, 2, 51), (3, 28, 3, 34)]);
}

#[test]
fn a_ten_megabyte_document() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let big = uri(&root.join("big.md"));
    let para = "The board — “in full” — approved 😀 $3 million for 東京 piers, the clerk said. Nobody saw it coming.\n\n";
    let mut text = String::new();
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(para);
    }
    let lines = text.lines().count() as u64;
    text.push_str("It spent $9 million.\n");
    c.open(&big, "markdown", 1, &text);
    assert_eq!(ranges(&c.diagnostics(&big, Some(1))), vec![(lines, 9, lines, 19)]);
    c.change(&big, 2, lines as u32, 19, lines as u32, 19, ", the mayor said");
    assert_eq!(c.diagnostics(&big, Some(2)), Vec::<Value>::new());
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": big}, "position": {"line": 0, "character": 38}}));
    assert!(h["result"]["contents"]["value"].as_str().unwrap().contains("3,000,000 USD"));
}

#[test]
fn a_client_that_never_sends_initialized_is_still_served() {
    let (_d, root) = corpus();
    let mut c = LspClient::crosscheck(&[]);
    c.initialize(&[&root], &["utf-16"], json!({"window": {"workDoneProgress": true}}), json!(null), false);
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    assert_eq!(c.diagnostics(&a, Some(1)).len(), 2);
    assert!(c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 2, "character": 40}}))["result"].is_object());
    assert_eq!(c.shutdown_and_exit().and_then(|s| s.code()), Some(0));
}

#[test]
fn a_panic_in_a_handler_is_reported_and_the_server_keeps_serving() {
    let (_d, root) = corpus();
    let mut c = LspClient::crosscheck(&[("CROSSCHECK_LSP_FAULT", "textDocument/hover")]);
    c.initialize(&[&root], &["utf-16"], json!({}), json!(null), true);
    let a = uri(&root.join("a.md"));
    c.open(&a, "markdown", 1, A);
    c.diagnostics(&a, Some(1));
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 2, "character": 40}}));
    assert_eq!(h["error"]["code"], json!(-32603));
    assert!(h["error"]["message"].as_str().unwrap().contains("fault injected"));
    c.wait_for("the panic reported in the log", Duration::from_secs(30), |m| m["method"] == json!("window/logMessage") && m["params"]["type"] == json!(1));
    // Still serving: another request, and an edit that republishes.
    assert_eq!(c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": a}}))["result"].as_array().unwrap().len(), 3);
    c.change(&a, 2, 2, 0, 3, 0, "");
    assert_eq!(c.diagnostics(&a, Some(2)).len(), 1);
    assert_eq!(c.shutdown_and_exit().and_then(|s| s.code()), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_one() {
    let mut c = start(&[], &["utf-16"], json!(null));
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()), Some(1));
}

#[test]
fn shutdown_and_exit_while_the_servers_own_requests_are_unanswered() {
    // The client offers dynamic watcher registration and progress, then never answers the
    // server's registerCapability and workDoneProgress/create requests: exit must still exit.
    let mut c = LspClient::spawn_with(&[env!("CARGO_BIN_EXE_crosscheck").to_string(), "lsp".to_string()], &[], json!({}), false);
    c.initialize(&[], &["utf-16"], json!({"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}), json!(null), true);
    c.wait_for("registerCapability", Duration::from_secs(30), |m| m["method"] == json!("client/registerCapability"));
    c.wait_for("workDoneProgress/create", Duration::from_secs(30), |m| m["method"] == json!("window/workDoneProgress/create"));
    let status = c.shutdown_and_exit();
    assert_eq!(status.and_then(|s| s.code()), Some(0), "the server did not exit after shutdown and exit");
}

fn is_error_with_null_id(m: &Value, code: i64) -> bool {
    m.get("method").is_none() && m["id"].is_null() && m["error"]["code"] == json!(code)
}

#[test]
fn a_malformed_message_is_answered_and_the_session_goes_on() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    // A body that is not JSON, then at once a valid request: the garbage gets a parse error,
    // the request its answer.
    let garbage = b"{\"jsonrpc\": \"2.0\", \"method\": oops";
    c.send_raw(format!("Content-Length: {}\r\n\r\n", garbage.len()).as_bytes());
    c.send_raw(garbage);
    c.open(&a, "markdown", 1, A);
    assert_eq!(c.diagnostics(&a, Some(1)).len(), 2);
    let e = c.wait_for("a parse error", Duration::from_secs(30), |m| is_error_with_null_id(m, -32700));
    assert!(e["error"]["message"].as_str().unwrap().starts_with("Parse error: the message is not valid JSON"), "{e}");
    // JSON that is not a JSON-RPC message: invalid request, answered with its id.
    let body = br#"{"jsonrpc":"1.0","id":99,"method":"textDocument/hover"}"#;
    c.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    c.send_raw(body);
    let e = c.wait_for("an invalid request error", Duration::from_secs(30), |m| m["id"] == json!(99));
    assert_eq!(e["error"]["code"], json!(-32600), "{e}");
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": a}, "position": {"line": 2, "character": 45}}));
    assert!(h["result"]["contents"]["value"].as_str().unwrap().contains("4,200,000 USD"), "{h}");
    assert_eq!(c.shutdown_and_exit().and_then(|s| s.code()), Some(0));
}

#[test]
fn a_bad_header_is_answered_and_skipped() {
    let (_d, root) = corpus();
    let mut c = start(&[&root], &["utf-16"], json!(null));
    let a = uri(&root.join("a.md"));
    // No Content-Length, then a length that is not a number: each is answered with a parse
    // error and its body skipped; the message after them is read normally.
    c.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"lost\"}");
    c.send_raw(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"lost\"}");
    // A header Content-Type without charset (which tower-lsp-server alone refuses) is fine.
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": a, "languageId": "markdown", "version": 1, "text": A}}}).to_string();
    c.send_raw(format!("Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{open}", open.len()).as_bytes());
    assert_eq!(c.diagnostics(&a, Some(1)).len(), 2);
    let errors: Vec<Value> = (0..2).map(|_| c.wait_for("a parse error", Duration::from_secs(30), |m| is_error_with_null_id(m, -32700))).collect();
    assert!(errors[0]["error"]["message"].as_str().unwrap().contains("no Content-Length"), "{errors:?}");
    assert!(errors[1]["error"]["message"].as_str().unwrap().contains("not a byte count"), "{errors:?}");
    assert!(c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": a}}))["result"].is_array());
    assert_eq!(c.shutdown_and_exit().and_then(|s| s.code()), Some(0));
}

#[test]
fn an_oversized_message_is_refused_without_ending_the_session() {
    let mut c = start(&[], &["utf-16"], json!(null));
    // One byte over the 64 MB limit: refused as it streams past, never held in memory.
    let n = (64 << 20) + 1;
    c.send_raw(format!("Content-Length: {n}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        c.send_raw(&chunk[..k]);
        left -= k;
    }
    let e = c.wait_for("an invalid request error", Duration::from_secs(60), |m| is_error_with_null_id(m, -32600));
    assert!(e["error"]["message"].as_str().unwrap().contains("over the 64 MB limit"), "{e}");
    assert!(c.request("workspace/symbol", json!({"query": ""}))["result"].is_array());
    assert_eq!(c.shutdown_and_exit().and_then(|s| s.code()), Some(0));
}

#[test]
fn a_large_index_is_linked_outside_the_lock_and_complete() {
    // More documents than one refresh links under the lock: the corpus is linked on a copy.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("big");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..80 {
        std::fs::write(root.join(format!("s{i:02}.md")), format!("Mayor Dana Ortiz approved {} new benches for Halvern County, the clerk said.\n", 10 + i)).unwrap();
    }
    std::fs::write(root.join("open.md"), "Ortiz said Halvern County serves over 1.5 million people.\n").unwrap();
    std::fs::write(root.join("other.md"), "Halvern County, run by Mayor Dana Ortiz, serves over 1.6 million people, officials said.\n").unwrap();
    let mut c = start_indexed(&[&root], json!(null));
    let u = uri(&root.join("open.md"));
    c.open(&u, "markdown", 1, "Ortiz said Halvern County serves over 1.5 million people.\n");
    let diags = c.diagnostics(&u, Some(1));
    assert!(diags.iter().any(|d| d["code"] == json!("conflicting-figure")), "{diags:#?}");
    let at = json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 2}, "context": {"includeDeclaration": true}});
    let refs = c.request("textDocument/references", at)["result"].as_array().unwrap().len();
    assert_eq!(refs, 82, "every mention of Ortiz in the 82 documents");
}

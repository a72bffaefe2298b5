//! The eval over the external suites in ../shared/external: scores must stay at or above the
//! floors in eval/floors.toml. When the files are missing the test fails under CI=true and is
//! skipped (with a note) elsewhere.
//!
//! `EVAL_EXPLAIN=1 cargo test --test eval_external -- --nocapture` prints every miss.

use crosscheck::eval::{check_floors, run_money, run_numbers, DEFAULT_FLOORS};

const MONEY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/external/money_cases.jsonl");
const NUMBERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/external/number_cases.jsonl");

fn read(path: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(e) => {
            let ci = std::env::var("CI").map_or(false, |v| v == "true" || v == "1");
            assert!(!ci, "CI=true but {path} cannot be read: {e}");
            eprintln!("skipped: {path} cannot be read ({e})");
            None
        }
    }
}

#[test]
fn external_suites_meet_their_floors() {
    let (Some(money), Some(numbers)) = (read(MONEY), read(NUMBERS)) else { return };
    let m = run_money(&money);
    let n = run_numbers(&numbers);
    println!("{m}\n{n}");
    if std::env::var("EVAL_EXPLAIN").is_ok() {
        println!("{}\n{}", m.explain(), n.explain());
    }
    assert!(m.errors.is_empty() && n.errors.is_empty(), "unreadable lines: {:?} {:?}", m.errors, n.errors);
    assert_eq!(m.total.expected + m.total.negatives, money.lines().filter(|l| !l.trim().is_empty()).count());
    let checks = check_floors(DEFAULT_FLOORS, Some(&m), Some(&n)).expect("eval/floors.toml");
    for c in &checks {
        println!("{c}");
    }
    let failed: Vec<String> = checks.iter().filter(|c| !c.passed).map(|c| c.to_string()).collect();
    assert!(failed.is_empty(), "scores below their floors:\n{}", failed.join("\n"));
}

//! Table-driven tests on sentences written for them.

use super::*;

fn names(text: &str) -> Vec<String> {
    analyze("t.txt", text, Format::Plain).mentions.iter().filter(|m| !m.tentative).map(|m| m.surface.clone()).collect()
}

#[test]
fn smoke() {
    assert_eq!(names("Yesterday Maria Gonzalez met the ACLU in Boston."), ["Maria Gonzalez", "ACLU", "Boston"]);
}

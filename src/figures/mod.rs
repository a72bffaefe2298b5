//! Figures: money amounts, counted quantities and percentages, each with its exact byte span,
//! its stated number and the interval of values the wording allows.
//!
//! The interval rule (documented in README, "How figures become intervals"): the written
//! precision `step` is the unit of the last significant digit, and the qualifier decides
//! how the interval sits around the stated value `v`:
//!
//! | qualifier | interval |
//! |---|---|
//! | exact | [v − step/2, v + step/2) |
//! | about | [v − d, v + d], d = max(step/2, 5% of v) |
//! | more_than | (v, v + step] |
//! | at_least | [v, v + step] |
//! | nearly | [0.95 v, v) |
//! | up_to | [0, v] |
//! | less_than | [0, v) |
//! | range | [a, b] |

mod currency;
pub mod numbers;
mod scan;

pub use scan::{extract, singular, Scanner, Shapes};

#[cfg(test)]
mod table_tests;

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Money,
    Quantity,
    Percent,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Quantity => "quantity",
            FigureKind::Percent => "percent",
        }
    }
}

/// How the wording bounds the stated number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    Exact,
    About,
    MoreThan,
    AtLeast,
    Nearly,
    UpTo,
    LessThan,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::Nearly => "nearly",
            Qualifier::UpTo => "up_to",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
        }
    }

    /// Words a writer would use for it, for messages ("over 1.5 million people").
    pub fn phrase(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Range => "",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more than",
            Qualifier::AtLeast => "at least",
            Qualifier::Nearly => "nearly",
            Qualifier::UpTo => "up to",
            Qualifier::LessThan => "less than",
        }
    }
}

/// A set of values: `low`..`high` with open or closed ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
}

impl Interval {
    /// The interval that `qualifier` and precision `step` give a stated value `v`.
    pub fn from_qualifier(v: f64, step: f64, qualifier: Qualifier) -> Interval {
        let (low, high, li, hi) = match qualifier {
            Qualifier::Exact | Qualifier::Range => (v - step / 2.0, v + step / 2.0, true, false),
            Qualifier::About => {
                let d = (step / 2.0).max(0.05 * v.abs());
                (v - d, v + d, true, true)
            }
            Qualifier::MoreThan => (v, v + step, false, true),
            Qualifier::AtLeast => (v, v + step, true, true),
            Qualifier::Nearly => (0.95 * v, v, true, false),
            Qualifier::UpTo => (0.0, v, true, true),
            Qualifier::LessThan => (0.0, v, true, false),
        };
        if low <= high {
            Interval { low, high, low_inclusive: li, high_inclusive: hi }
        } else {
            Interval { low: high, high: low, low_inclusive: hi, high_inclusive: li }
        }
    }

    /// A closed range [a, b] as written ("between $100,000 and $150,000").
    pub fn range(a: f64, b: f64) -> Interval {
        Interval { low: a.min(b), high: a.max(b), low_inclusive: true, high_inclusive: true }
    }

    /// The middle of the set: the stated value of an exact or approximate figure or a range.
    pub fn mid(&self) -> f64 {
        (self.low + self.high) / 2.0
    }

    /// Whether the two sets share at least one value, with `slack` as a fraction of the
    /// larger magnitude forgiven between them.
    pub fn overlaps(&self, other: &Interval, slack: f64) -> bool {
        let tol = slack * self.high.abs().max(other.high.abs());
        let below = |a_high: f64, a_inc: bool, b_low: f64, b_inc: bool| {
            // a lies wholly below b?
            if a_high + tol < b_low {
                true
            } else if (a_high + tol - b_low).abs() <= f64::EPSILON * b_low.abs().max(1.0) * 4.0 {
                !(a_inc && b_inc) && tol == 0.0
            } else {
                false
            }
        };
        !(below(self.high, self.high_inclusive, other.low, other.low_inclusive)
            || below(other.high, other.high_inclusive, self.low, self.low_inclusive))
    }
}

/// One figure found in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range in the document.
    pub range: Range<usize>,
    pub kind: FigureKind,
    /// The stated number in base units (for a range, its midpoint).
    pub value: f64,
    pub interval: Interval,
    /// ISO 4217 code for money (or the currency's name when it has none), the singular noun for
    /// a quantity, `%` for a percentage.
    pub unit: String,
    pub qualifier: Qualifier,
    /// The written precision: the unit of the last significant digit.
    pub step: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_follow_the_rule() {
        let i = Interval::from_qualifier(1.5e6, 1e5, Qualifier::Exact);
        assert_eq!((i.low, i.high, i.low_inclusive, i.high_inclusive), (1.45e6, 1.55e6, true, false));
        let a = Interval::from_qualifier(1.5e6, 1e5, Qualifier::MoreThan);
        let b = Interval::from_qualifier(1.6e6, 1e5, Qualifier::MoreThan);
        assert_eq!((a.low, a.high), (1.5e6, 1.6e6));
        assert!(!a.overlaps(&b, 0.0), "over 1.5 and over 1.6 million cannot both hold");
        let e15 = Interval::from_qualifier(1.5e6, 1e5, Qualifier::Exact);
        let e16 = Interval::from_qualifier(1.6e6, 1e5, Qualifier::Exact);
        assert!(!e15.overlaps(&e16, 0.0));
        let n3 = Interval::from_qualifier(3e6, 1e6, Qualifier::Nearly);
        assert_eq!((n3.low, n3.high), (2.85e6, 3e6));
        let e27 = Interval::from_qualifier(2.7e6, 1e5, Qualifier::Exact);
        assert!(!n3.overlaps(&e27, 0.0));
        let o900 = Interval::from_qualifier(9e5, 1e5, Qualifier::MoreThan);
        let o930 = Interval::from_qualifier(9.3e5, 1e4, Qualifier::MoreThan);
        assert!(o900.overlaps(&o930, 0.0));
        let e3 = Interval::from_qualifier(3e6, 1e6, Qualifier::Exact);
        let m3 = Interval::from_qualifier(3e6, 1e6, Qualifier::MoreThan);
        assert!(e3.overlaps(&m3, 0.0));
        let about = Interval::from_qualifier(100.0, 1.0, Qualifier::About);
        assert_eq!((about.low, about.high), (95.0, 105.0));
        let up = Interval::from_qualifier(7.0, 1.0, Qualifier::UpTo);
        assert_eq!((up.low, up.high, up.high_inclusive), (0.0, 7.0, true));
        let lt = Interval::from_qualifier(7.0, 1.0, Qualifier::LessThan);
        assert!(!lt.high_inclusive);
        let al = Interval::from_qualifier(7.0, 1.0, Qualifier::AtLeast);
        assert_eq!((al.low, al.high, al.low_inclusive), (7.0, 8.0, true));
        // Touching ends: [1, 2) and [2, 3) do not overlap; [1, 2] and [2, 3] do.
        let x = Interval { low: 1.0, high: 2.0, low_inclusive: true, high_inclusive: false };
        let y = Interval { low: 2.0, high: 3.0, low_inclusive: true, high_inclusive: false };
        assert!(!x.overlaps(&y, 0.0));
        assert!(Interval::range(1.0, 2.0).overlaps(&Interval::range(2.0, 3.0), 0.0));
        // Slack forgives a gap of that share of the larger value.
        assert!(e15.overlaps(&e16, 0.1));
    }
}

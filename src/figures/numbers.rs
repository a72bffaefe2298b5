//! Numbers as written: digits with grouping commas and decimals, magnitude words and suffixes
//! ("1.5 million", "$10K", "5 lakh"), and spelled numbers ("three million", "half a million",
//! "twenty-five", "a dozen"). Each comes with its written precision as a power of ten.

use crate::text::tokens::{Kind, Token};
use crate::text::fasthash::Map;
use std::sync::OnceLock;

/// A number read from one or more tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    /// The written precision is 10^exp ("930,000": 4; "1.5": -1; "1.5 million": 5).
    pub exp: i32,
    /// Token index one past the last token read.
    pub next: usize,
    /// Whether a magnitude word or suffix was read ("million", "k").
    pub scaled: bool,
    /// Whether it was spelled in words.
    pub spelled: bool,
}

impl Num {
    pub fn step(&self) -> f64 {
        pow10(self.exp)
    }
}

/// Where a magnitude word may count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Any,
    Money,
}

struct Magnitude {
    exp: i32,
    scope: Scope,
}

fn magnitudes() -> &'static Map<&'static str, Magnitude> {
    &tables().map
}

struct Tables {
    map: Map<&'static str, Magnitude>,
    /// By the (first, last) letters of the magnitude words, lower-cased (`first * 26 + last`):
    /// the lengths of those words, as bits. Most words asked about (every word after a number)
    /// have no such pair, or not that length, and are rejected before hashing.
    shapes: [u32; 26 * 26],
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let map = magnitude_map();
        let mut shapes = [0u32; 26 * 26];
        for w in map.keys() {
            let b = w.as_bytes();
            let slot = |c: u8| (c.to_ascii_lowercase() - b'a') as usize;
            shapes[slot(b[0]) * 26 + slot(b[b.len() - 1])] |= 1 << b.len();
        }
        Tables { map, shapes }
    })
}

impl Tables {
    /// Whether `word`, in its case or lowered, may be a magnitude word. The words are ASCII
    /// letters: a word that lowers into one has their first and last letters (no character
    /// beyond ASCII lowers into an ASCII letter at a word's ends but the Kelvin sign, and no
    /// magnitude word but "k" ends in k), and their length unless a character beyond ASCII
    /// (the Kelvin sign, "LA\u{212A}H") lowers into a shorter one.
    #[inline]
    fn may_be(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return false };
        let (f, l) = (f | 0x20, l | 0x20);
        if !f.is_ascii_lowercase() || !l.is_ascii_lowercase() {
            return false;
        }
        let lens = self.shapes[(f - b'a') as usize * 26 + (l - b'a') as usize];
        lens != 0 && (lens & (1 << b.len().min(31)) != 0 || !b.is_ascii())
    }
}

fn magnitude_map() -> Map<&'static str, Magnitude> {
    let mut m = Map::default();
    for line in include_str!("../../data/magnitudes.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let factor: f64 = cols[1].parse().expect("magnitudes.tsv: factor");
        let scope = if cols[2] == "money" { Scope::Money } else { Scope::Any };
        m.insert(cols[0], Magnitude { exp: factor.log10().round() as i32, scope });
    }
    m
}

/// The power of ten of a magnitude word, if `word` is one allowed here. Long forms match any
/// case; short forms (k, M, bn) match exactly, and only where `money` allows them or they are
/// attached to the digits ("10k").
pub fn magnitude(word: &str, money: bool, attached: bool) -> Option<i32> {
    let t = tables();
    let m = &t.map;
    if !t.may_be(word) {
        return None;
    }
    if let Some(g) = m.get(word) {
        if g.scope == Scope::Any || money || (attached && matches!(word, "k" | "K")) {
            return Some(g.exp);
        }
        return None;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    crate::text::lower::with_lower(word, |lower| match m.get(lower) {
        Some(g) if g.scope == Scope::Any => Some(g.exp),
        _ => None,
    })
}

/// [`magnitude`] for `money` false and true at once: one lookup.
fn magnitude_pair(word: &str, attached: bool) -> (Option<i32>, Option<i32>) {
    let t = tables();
    let m = &t.map;
    if !t.may_be(word) {
        return (None, None);
    }
    if let Some(g) = m.get(word) {
        let loose = Some(g.exp);
        let strict = if g.scope == Scope::Any || (attached && matches!(word, "k" | "K")) { loose } else { None };
        return (strict, loose);
    }
    // As `magnitude` goes on: the lower case of a capitalised long form, for any scope.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return (None, None);
    }
    let r = crate::text::lower::with_lower(word, |lower| match m.get(lower) {
        Some(g) if g.scope == Scope::Any => Some(g.exp),
        _ => None,
    });
    (r, r)
}

/// Parse a digits token ("1,500", "12,34,567.89", "2.5"): value and precision exponent.
/// Malformed grouping ("1,2,3") is not a number.
#[inline]
pub fn parse_digits(text: &str) -> Option<(f64, i32)> {
    // Plain digits ("2013", "758"), most numbers of prose: one pass, no splitting, inline (the
    // general path is a call of its own). The same value and precision as the general path.
    let b = text.as_bytes();
    if !b.is_empty() && b.len() <= 15 {
        let mut mantissa: u64 = 0;
        let mut trailing = 0;
        let mut plain = true;
        for &c in b {
            let d = c.wrapping_sub(b'0');
            plain &= d < 10;
            mantissa = mantissa.wrapping_mul(10).wrapping_add(d as u64);
            trailing = if c == b'0' { trailing + 1 } else { 0 };
        }
        if plain {
            let exp = if trailing == b.len() { 0 } else { trailing as i32 };
            return Some((mantissa as f64, exp));
        }
    }
    if let Some(r) = parse_digits_common(b) {
        return Some(r);
    }
    parse_digits_general(text)
}

/// [`parse_digits`] of digits with western grouping commas and at most one decimal point, up
/// to 15 digits in all ("1,500", "45.3", "2,500.75"), the rest of the numbers of prose: in one
/// pass, the general path's value and precision. None leaves the answer to the general path
/// (Indian grouping, malformed or long digits).
#[inline]
fn parse_digits_common(b: &[u8]) -> Option<(f64, i32)> {
    let mut mantissa: u64 = 0;
    // Integer digits, their trailing zeros, the digits since the last comma.
    let (mut count, mut trailing, mut group) = (0usize, 0usize, 0usize);
    let mut commas = false;
    let mut k = 0;
    while k < b.len() {
        let c = b[k];
        if c.is_ascii_digit() {
            mantissa = mantissa.wrapping_mul(10).wrapping_add((c - b'0') as u64);
            count += 1;
            group += 1;
            trailing = if c == b'0' { trailing + 1 } else { 0 };
        } else if c == b',' {
            // The first group one to three digits, every later one three.
            if group == 0 || group > 3 || (commas && group != 3) {
                return None;
            }
            commas = true;
            group = 0;
        } else if c == b'.' {
            break;
        } else {
            return None;
        }
        k += 1;
    }
    if (commas && group != 3) || count == 0 {
        return None;
    }
    let mut frac_len = 0;
    if k < b.len() {
        for &c in &b[k + 1..] {
            if !c.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa.wrapping_mul(10).wrapping_add((c - b'0') as u64);
            frac_len += 1;
        }
        if frac_len == 0 {
            return None;
        }
    }
    if count + frac_len > 15 {
        return None;
    }
    let exp = if frac_len > 0 {
        -(frac_len as i32)
    } else if trailing == count {
        0
    } else {
        trailing as i32
    };
    Some((mantissa as f64 / POW10[frac_len], exp))
}

/// [`parse_digits`] of grouped, decimal or long digits.
#[inline(never)]
fn parse_digits_general(text: &str) -> Option<(f64, i32)> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => {
            if f.contains('.') || f.contains(',') {
                return None;
            }
            (i, Some(f))
        }
        None => (text, None),
    };
    if int.contains(',') {
        let count = int.split(',').count();
        let (mut western, mut indian) = (true, true);
        for (k, g) in int.split(',').enumerate() {
            if k == 0 {
                if g.is_empty() || g.len() > 3 {
                    return None;
                }
                continue;
            }
            western &= g.len() == 3;
            indian &= if k == count - 1 { g.len() == 3 } else { g.len() == 2 };
        }
        if !(western || indian) {
            return None;
        }
    }
    // Fast path (Clinger's): up to 15 significant digits make an exact integer mantissa, and
    // one division by an exact power of ten rounds correctly, as parsing would.
    {
        let mut mantissa: u64 = 0;
        let mut count = 0;
        let mut trailing = 0;
        for b in int.bytes().filter(|&b| b != b',') {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(b.wrapping_sub(b'0') as u64);
            count += 1;
            trailing = if b == b'0' { trailing + 1 } else { 0 };
        }
        let frac_len = frac.map_or(0, str::len);
        let digits_only = int.bytes().all(|b| b.is_ascii_digit() || b == b',') && frac.unwrap_or("").bytes().all(|b| b.is_ascii_digit());
        if count + frac_len <= 15 && count > 0 && digits_only {
            for b in frac.unwrap_or("").bytes() {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(b.wrapping_sub(b'0') as u64);
            }
            // Exact powers of ten (as `powi` makes them up to 10^15): a load, not a call.
            let value = mantissa as f64 / POW10[frac_len];
            let exp = if frac_len > 0 {
                -(frac_len as i32)
            } else if trailing == count {
                0
            } else {
                trailing as i32
            };
            return Some((value, exp));
        }
    }
    // The digits without grouping commas, on the stack (a long number takes the heap).
    let mut buf = [0u8; 48];
    let mut heap = String::new();
    let mut n = 0;
    let mut push = |b: u8, n: &mut usize| {
        if *n < buf.len() && heap.is_empty() {
            buf[*n] = b;
        } else {
            if heap.is_empty() {
                heap.extend(buf[..*n].iter().map(|&c| c as char));
            }
            heap.push(b as char);
        }
        *n += 1;
    };
    let mut trailing = 0;
    for b in int.bytes().filter(|&b| b != b',') {
        trailing = if b == b'0' { trailing + 1 } else { 0 };
        push(b, &mut n);
    }
    let int_len = n;
    let exp = match frac {
        Some(f) if !f.is_empty() => {
            push(b'.', &mut n);
            for b in f.bytes() {
                push(b, &mut n);
            }
            -(f.len() as i32)
        }
        _ => {
            if trailing == int_len {
                0
            } else {
                trailing as i32
            }
        }
    };
    let digits = if heap.is_empty() { std::str::from_utf8(&buf[..n]).ok()? } else { heap.as_str() };
    let value: f64 = digits.parse().ok()?;
    Some((value, exp))
}

const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// 10^0 ..= 10^22: every power of ten that is an exact double.
const POW10_EXACT: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `10f64.powi(e)`, bit for bit, from a table: `powi` multiplies powers of ten that are exact
/// up to 10^22 (so is their product) and takes the reciprocal of a negative power, which
/// rounds as the literal does. Outside that range, `powi` itself.
#[inline]
pub(crate) fn pow10(e: i32) -> f64 {
    match POW10_EXACT.get(e.unsigned_abs() as usize) {
        Some(&p) if e >= 0 => p,
        Some(&p) => 1.0 / p,
        None => 10f64.powi(e),
    }
}

fn small(word: &str) -> Option<f64> {
    Some(match word {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        _ => return None,
    })
}

fn tens(word: &str) -> Option<f64> {
    Some(match word {
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Whether `word` (lower case) can start a spelled number.
pub fn starts_spelled(word: &str) -> bool {
    small(word).is_some() || tens(word).is_some() || matches!(word, "a" | "an" | "half" | "dozen")
}

/// Whether `word` (lower case) is a number word: "three", "twenty", "hundred", "dozen",
/// "half", "quarter", "million", "lakh".
pub fn is_number_word(word: &str) -> bool {
    small(word).is_some()
        || tens(word).is_some()
        || matches!(word, "hundred" | "hundreds" | "dozen" | "dozens" | "half" | "quarter" | "quarters")
        || magnitudes().get(word).map_or(false, |m| m.scope == Scope::Any)
}

/// Every number word [`is_number_word`] accepts.
pub fn number_words() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = vec![
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "dozen", "dozens", "half", "quarter",
        "quarters",
    ];
    v.extend(magnitudes().iter().filter(|(_, m)| m.scope == Scope::Any).map(|(w, _)| *w));
    v.retain(|w| is_number_word(w));
    v
}

/// Exponent of the last significant digit of an integer-valued `v` (0 for 0).
fn exp_of(v: f64) -> i32 {
    if v == 0.0 || v.fract() != 0.0 {
        let mut e = 0;
        let mut x = v.abs();
        while x.fract().abs() > 1e-9 && e > -9 {
            x *= 10.0;
            e -= 1;
        }
        return e;
    }
    let mut e = 0;
    let mut x = v.abs().round() as u128;
    while x > 0 && x % 10 == 0 {
        x /= 10;
        e += 1;
    }
    e
}

/// Read a spelled number starting at token `i`, such as "three million", "twenty-five",
/// "half a million", "one hundred and fifty", "a dozen", "one point three".
pub fn spelled(src: &str, toks: &[Token], i: usize) -> Option<Num> {
    let word = |j: usize| -> Option<crate::text::lower::Lower<'_>> {
        toks.get(j).filter(|t| t.kind == Kind::Word).map(|t| {
            if t.is_lower_case() {
                crate::text::lower::Lower::borrowed(t.text(src))
            } else {
                crate::text::lower::Lower::new(t.text(src))
            }
        })
    };
    // Only a number word (or an article before one) starts a spelled number.
    if !word(i).map_or(false, |w| starts_spelled(&w) || w == "quarter") {
        return None;
    }
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut seen = false; // a number word proper (not only "a")
    let mut article = false;
    let mut scaled = false;
    let mut j = i;
    let mut end = i;
    let mut decimals: Option<i32> = None;
    while let Some(w) = word(j) {
        let w = w.as_str();
        let next_is = |k: usize, f: &dyn Fn(&str) -> bool| word(k).map_or(false, |x| f(&x));
        if let Some(v) = small(w) {
            if let Some(d) = decimals.as_mut() {
                if v >= 10.0 {
                    break;
                }
                *d -= 1;
                current += v * pow10(*d);
            } else if !seen || current == 0.0 || (current % 100.0 == 0.0) || (current % 10.0 == 0.0 && current % 100.0 >= 20.0 && v < 10.0) {
                if seen && current == 0.0 && total == 0.0 {
                    break;
                }
                current += v;
            } else {
                break;
            }
            seen = true;
        } else if let Some(v) = tens(w) {
            if decimals.is_some() || (seen && current % 100.0 != 0.0) {
                break;
            }
            current += v;
            seen = true;
        } else if w == "hundred" && (seen || article) && decimals.is_none() {
            current = current.max(1.0) * 100.0;
            seen = true;
        } else if let Some(e) = magnitude(w, false, false).filter(|_| seen || article) {
            let base = if current == 0.0 { 1.0 } else { current };
            total += base * pow10(e);
            current = 0.0;
            decimals = None;
            seen = true;
            scaled = true;
        } else if (w == "dozen" || (w == "dozens" && seen)) && decimals.is_none() {
            current = current.max(1.0) * 12.0;
            seen = true;
        } else if (w == "a" || w == "an") && !seen && !article
            && next_is(j + 1, &|x| x == "hundred" || x == "dozen" || x == "half" || x == "quarter" || magnitude(x, false, false).is_some())
        {
            article = true;
            current = 1.0;
        } else if w == "half" && decimals.is_none() {
            // "half a million", "a half million", "one and a half million"
            if seen && current >= 1.0 {
                current += 0.5;
            } else {
                current = 0.5;
            }
            seen = true;
            if word(j + 1).as_deref() == Some("a") || word(j + 1).as_deref() == Some("an") {
                if next_is(j + 2, &|x| magnitude(x, false, false).is_some()) {
                    j += 1;
                }
            }
        } else if (w == "quarter" || (w == "quarters" && seen))
            && next_is(j + 1, &|x| magnitude(x, false, false).is_some() && (seen || article || !x.ends_with('s')))
        {
            // "a quarter million", "quarter million", "three quarters billion"
            current = current.max(1.0) * 0.25;
            seen = true;
        } else if w == "and" && seen && decimals.is_none() {
            // "one hundred and fifty", "one and a half"
            let hundreds = current >= 100.0 && current % 100.0 == 0.0 || (current == 0.0 && total > 0.0);
            let half = word(j + 1).as_deref() == Some("a") && word(j + 2).as_deref() == Some("half");
            if half {
                j += 2;
                current += 0.5;
                end = j + 1;
                j += 1;
                continue;
            }
            if !(hundreds && word(j + 1).map_or(false, |x| small(&x).is_some() || tens(&x).is_some())) {
                break;
            }
        } else if w == "point" && seen && decimals.is_none() && word(j + 1).map_or(false, |x| small(&x).map_or(false, |v| v < 10.0)) {
            decimals = Some(0);
        } else {
            break;
        }
        end = j + 1;
        j += 1;
        // "twenty-five": a hyphen with no space on either side joins number words.
        if let (Some(h), Some(n)) = (toks.get(j), toks.get(j + 1)) {
            if h.kind == Kind::Symbol && matches!(h.text(src), "-" | "‐") && !h.space_before && !n.space_before {
                if word(j + 1).map_or(false, |x| small(&x).is_some()) {
                    j += 1;
                }
            }
        }
    }
    if !seen {
        return None;
    }
    let value = total + current;
    let exp = match decimals {
        Some(d) => d.min(exp_of(value)),
        None => exp_of(value),
    };
    Some(Num { value, exp, next: end, scaled, spelled: true })
}

/// Read digits at token `i` with an optional magnitude after them ("1.5 million", "10K",
/// "$2.174T"); `money` allows the short magnitudes (M, bn) with a space as well.
pub fn numeral(src: &str, toks: &[Token], i: usize, money: bool) -> Option<Num> {
    numeral_both(src, toks, i).map(|both| both[money as usize])
}

/// [`numeral`] for `money` false and true (in that order): the digits are read once, and only
/// a magnitude word after them can answer differently.
fn numeral_both(src: &str, toks: &[Token], i: usize) -> Option<[Num; 2]> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Number)?;
    let head = t.text(src);
    let (mut value, mut exp) = parse_digits(head)?;
    let mut next = i + 1;
    // Thousands grouped with spaces: "40 000" (a no-break or thin space, or a plain space
    // before a group that starts with 0, which no number of its own does: "10 000 dollars").
    // Only a number token or a symbol comes next in such a group.
    if head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit()) && toks.get(next).is_some_and(|n| n.kind != Kind::Word) {
        let mut j = next;
        let mut digits = String::new();
        let mut joined = false;
        loop {
            let thin = toks.get(j).map_or(false, |s| s.kind == Kind::Symbol && matches!(s.text(src), "\u{a0}" | "\u{202f}" | "\u{2009}"));
            let g = if thin { j + 1 } else { j };
            let Some(group) = toks.get(g).filter(|n| n.kind == Kind::Number && (thin || n.space_before)) else { break };
            let gt = group.text(src);
            let three = gt.len() == 3 && gt.bytes().all(|b| b.is_ascii_digit());
            if !three || !(thin || gt.starts_with('0') || joined) || (!thin && !group.space_before) {
                break;
            }
            if !joined {
                digits.push_str(head);
            }
            digits.push_str(gt);
            joined = true;
            j = g + 1;
        }
        if joined {
            let (v, e) = parse_digits(&digits)?;
            value = v;
            exp = e;
            next = j;
        }
    }
    let plain = Num { value, exp, next, scaled: false, spelled: false };
    let Some(m) = toks.get(next).filter(|m| m.kind == Kind::Word) else { return Some([plain; 2]) };
    let attached = !m.space_before;
    let word = m.text(src);
    // A short magnitude must end its word: "10m" is a magnitude, "10mm" is not.
    let (strict, loose) = magnitude_pair(word, attached);
    let loose = if attached || word.len() > 1 { loose } else { strict };
    // No magnitude and no "and a half million" (most words after a number): the digits alone.
    if strict.is_none() && loose.is_none() && !word.eq_ignore_ascii_case("and") {
        return Some([plain; 2]);
    }
    let with = |e: Option<i32>| -> Num {
        if let Some(e) = e {
            return Num { value: value * pow10(e), exp: exp + e, next: next + 1, scaled: true, spelled: false };
        }
        // "1 and a half million"
        let is = |k: usize, w: &str| toks.get(k).map_or(false, |t| t.bytes(src).eq_ignore_ascii_case(w.as_bytes()));
        if word.eq_ignore_ascii_case("and") && is(next + 1, "a") && is(next + 2, "half") {
            if let Some(e) = toks.get(next + 3).and_then(|t| magnitude(t.text(src), false, false)) {
                return Num { value: (value + 0.5) * pow10(e), exp: e - 1, next: next + 4, scaled: true, spelled: false };
            }
        }
        plain
    };
    let a = with(strict);
    Some([a, if loose == strict { a } else { with(loose) }])
}

/// A number at token `i` as the scanner reads it inside a figure: digits (with an optional
/// magnitude) or words, with a minus sign glued before digits. Returns the number and whether
/// it is negative.
pub fn read(src: &str, toks: &[Token], i: usize, money: bool) -> Option<(Num, bool)> {
    read_both(src, toks, i)[money as usize]
}

/// [`read`] for `money` false and true (in that order), the token read once: the scanner's
/// money and count readers both read the same tokens.
pub fn read_both(src: &str, toks: &[Token], i: usize) -> [Option<(Num, bool)>; 2] {
    let mut j = i;
    let mut negative = false;
    let Some(t) = toks.get(j) else { return [None; 2] };
    // "minus 5", "minus five"
    if t.kind == Kind::Word && t.text(src).eq_ignore_ascii_case("minus") {
        if let Some(n) = toks.get(j + 1).filter(|n| n.kind == Kind::Number || (n.kind == Kind::Word && starts_spelled(&n.text(src).to_lowercase()))) {
            let _ = n;
            return read_both(src, toks, j + 1).map(|r| r.map(|(num, neg)| (num, !neg)));
        }
    }
    if t.kind == Kind::Symbol && matches!(t.text(src), "-" | "−") {
        if !toks.get(j + 1).map_or(false, |n| n.kind == Kind::Number && !n.space_before) {
            return [None; 2];
        }
        negative = true;
        j += 1;
    }
    let Some(t) = toks.get(j) else { return [None; 2] };
    match t.kind {
        Kind::Number => match numeral_both(src, toks, j) {
            Some([a, b]) => [Some((a, negative)), Some((b, negative))],
            None => [None; 2],
        },
        Kind::Word => [spelled(src, toks, j).map(|n| (n, negative)); 2],
        Kind::Symbol => [None; 2],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn read(s: &str) -> Option<(f64, i32, usize)> {
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &mut t);
        let n = if t[0].kind == Kind::Number { numeral(s, &t, 0, true) } else { spelled(s, &t, 0) }?;
        Some((n.value, n.exp, n.next))
    }

    /// The table answers as `powi` does, bit for bit.
    #[test]
    fn pow10_is_powi() {
        for e in -40..=40 {
            assert_eq!(pow10(e).to_bits(), 10f64.powi(e).to_bits(), "{e}");
        }
    }

    #[test]
    fn digits_and_precision() {
        assert_eq!(parse_digits("930,000"), Some((930000.0, 4)));
        assert_eq!(parse_digits("900,000"), Some((900000.0, 5)));
        assert_eq!(parse_digits("1.5"), Some((1.5, -1)));
        assert_eq!(parse_digits("3.00"), Some((3.0, -2)));
        assert_eq!(parse_digits("12,34,567.89"), Some((1234567.89, -2)));
        assert_eq!(parse_digits("0"), Some((0.0, 0)));
        assert_eq!(parse_digits("1,2,3"), None);
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("1,0000"), None);
        assert_eq!(parse_digits("1.42"), Some((1.42, -2)));
        // Longer than the stack buffer.
        let long = "1".repeat(60);
        assert_eq!(parse_digits(&long).map(|(v, _)| v), long.parse().ok());
        let long_frac = format!("1.{}", "5".repeat(60));
        assert_eq!(parse_digits(&long_frac).map(|(v, e)| (v, e)), Some((long_frac.parse().unwrap(), -60)));
    }

    /// The one-pass reader of common digits answers as the general path wherever it answers,
    /// and answers for plain, grouped and decimal digits.
    #[test]
    fn common_digits_agree_with_the_general_path() {
        let alphabet = b"0123456789,.,0.";
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut answered = 0;
        for n in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 19) as usize;
            let s: String = (0..len).map(|k| alphabet[((seed >> (3 * k % 60)) as usize + n) % alphabet.len()] as char).collect();
            if let Some(r) = parse_digits_common(s.as_bytes()) {
                answered += 1;
                let g = parse_digits_general(&s).map(|(v, e)| (v.to_bits(), e));
                assert_eq!(Some((r.0.to_bits(), r.1)), g, "{s}");
            }
        }
        assert!(answered > 1000, "{answered}");
        for s in ["1,500", "45.3", "2,500.75", "0.05", "100", "1,000,000", "999,999,999,999.99"] {
            assert!(parse_digits_common(s.as_bytes()).is_some(), "{s}");
            assert_eq!(parse_digits_common(s.as_bytes()), parse_digits_general(s), "{s}");
        }
        for s in ["12,34,567.89", "1,2,3", "1.2.3", "1,0000", ",5", "5.", "1234567890123456"] {
            assert_eq!(parse_digits_common(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn numerals_with_magnitudes() {
        assert_eq!(read("1.5 million people"), Some((1.5e6, 5, 2)));
        assert_eq!(read("3 million"), Some((3e6, 6, 2)));
        assert_eq!(read("10K"), Some((1e4, 4, 2)));
        assert_eq!(read("2.174T"), Some((2.174e12, 9, 2)));
        assert_eq!(read("5 bn"), Some((5e9, 9, 2)));
        assert_eq!(read("35 lakh"), Some((3.5e6, 5, 2)));
        assert_eq!(read("1 and a half million"), Some((1.5e6, 5, 5)));
        // "10mm" is no magnitude.
        assert_eq!(read("10mm"), Some((10.0, 1, 1)));
    }

    /// Both readings at once answer as `magnitude` does for each: short money forms only
    /// for money, "k" glued to the digits for both.
    #[test]
    fn both_readings() {
        let both = |s: &str| {
            let mut t = Vec::new();
            tokenize(s, 0..s.len(), &mut t);
            super::read_both(s, &t, 0).map(|r| r.map(|(n, neg)| (n.value, n.exp, n.next, n.scaled, neg)))
        };
        assert_eq!(both("5 bn"), [Some((5.0, 0, 1, false, false)), Some((5e9, 9, 2, true, false))]);
        assert_eq!(both("10K"), [Some((1e4, 4, 2, true, false)); 2]);
        assert_eq!(both("10 k"), [Some((10.0, 1, 1, false, false)); 2]);
        assert_eq!(both("3 Million"), [Some((3e6, 6, 2, true, false)); 2]);
        // A one-letter short form needs the digits glued to it, even for money.
        assert_eq!(both("-4 M"), [Some((4.0, 0, 2, false, true)); 2]);
        assert_eq!(both("-4 bn"), [Some((4.0, 0, 2, false, true)), Some((4e9, 9, 3, true, true))]);
        assert_eq!(both("minus five"), [Some((5.0, 0, 2, false, true)); 2]);
        assert_eq!(both("1 and a half million"), [Some((1.5e6, 5, 5, true, false)); 2]);
        assert_eq!(both("- 4"), [None; 2]);
        for w in ["m", "M", "bn", "B", "k", "K", "million", "Billion", "mm", "lakh", "crore", "tn", "T"] {
            for attached in [false, true] {
                let (a, b) = super::magnitude_pair(w, attached);
                assert_eq!((a, b), (magnitude(w, false, attached), magnitude(w, true, attached)), "{w} {attached}");
            }
        }
    }

    /// The filter before the magnitudes' hash refuses no word that `magnitude` would take.
    #[test]
    fn magnitude_filter_keeps_every_magnitude() {
        let t = tables();
        let mut words: Vec<String> = t.map.keys().map(|w| w.to_string()).collect();
        for w in words.clone() {
            words.push(w.to_uppercase());
            words.push(format!("{}{}", w[..1].to_uppercase(), &w[1..]));
        }
        for w in &words {
            assert!(t.may_be(w), "{w}");
        }
        // The Kelvin sign lowers into 'k', three bytes into one.
        assert!(t.may_be("LA\u{212A}H"));
        assert_eq!(magnitude("LA\u{212A}H", false, false), Some(5));
        for w in ["to", "the", "people", "times", "", "5", "é", "kk", "\u{212A}"] {
            assert!(!t.may_be(w), "{w}");
            assert_eq!(magnitude(w, true, true), None, "{w}");
        }
    }

    #[test]
    fn spelled_numbers() {
        let cases: &[(&str, f64, i32)] = &[
            ("three million dollars", 3e6, 6),
            ("half a million dollars", 5e5, 5),
            ("a half million", 5e5, 5),
            ("twenty-five", 25.0, 0),
            ("forty two", 42.0, 0),
            ("one hundred and fifty", 150.0, 1),
            ("a dozen races", 12.0, 0),
            ("two hundred thousand nickels", 2e5, 5),
            ("one point three dollars", 1.3, -1),
            ("a quarter million", 2.5e5, 4),
            ("three quarters billion", 7.5e8, 7),
            ("one and a half million", 1.5e6, 5),
            ("ten", 10.0, 1),
            ("seventeen tests", 17.0, 0),
        ];
        for &(s, v, e) in cases {
            let (got_v, got_e, _) = read(s).unwrap_or_else(|| panic!("{s}: none"));
            assert!((got_v - v).abs() < 1e-6, "{s}: {got_v} != {v}");
            assert_eq!(got_e, e, "{s}: exponent");
        }
        assert_eq!(read("a car"), None);
        assert_eq!(read("an apple"), None);
        assert_eq!(read("twenty thirty"), Some((20.0, 1, 1)));
        assert_eq!(read("one two"), Some((1.0, 0, 1)));
    }
}

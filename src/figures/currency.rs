//! Currency names, symbols and ISO codes. The word list lives in `data/currencies.tsv`.

use crate::text::tokens::{Kind, Token};
use crate::text::fasthash::{Map, Set};
use std::sync::OnceLock;

/// A currency read from the text: its code and how many of the written unit make one of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Currency {
    pub code: &'static str,
    /// "cents" is USD with divisor 100; "grand" is USD with divisor 0.001.
    pub divisor: f64,
    /// Token index one past the currency.
    pub next: usize,
    /// Minor unit (cents, pence): a value in it can follow a major amount ("$20 and 43 cents").
    pub minor: bool,
}

struct Tables {
    words: Map<String, (&'static str, f64)>,
    /// Every word of every name in `words`, for the scanner's gate.
    parts: Set<&'static str>,
    /// Longest name in words.
    max_words: usize,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut words = Map::default();
        let mut max_words = 1;
        let mut parts = Set::default();
        for line in include_str!("../../data/currencies.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let div: f64 = cols[2].parse().expect("currencies.tsv: divisor");
            max_words = max_words.max(cols[0].split(' ').count());
            words.insert(cols[0].to_string(), (cols[1], div));
            parts.extend(cols[0].split(' '));
        }
        parts.extend(["rs", "rm", "le", "l.e", "u.s", "us", "usd"]);
        Tables { words, parts, max_words }
    })
}

/// Whether a word (`lower`, lower-cased; `text`, as written) can be part of a currency: a word
/// of a currency name, an ISO code, an "M" + code, or a symbol written with letters. A cheap
/// test for the scanner's gate.
pub fn is_currency_word(lower: &str, text: &str) -> bool {
    tables().parts.contains(lower) || code(text).is_some() || million_code(text).is_some() || symbol(text).is_some()
}

/// Every lower-cased word [`is_currency_word`] accepts, but symbols written with letters.
pub fn currency_words() -> Vec<String> {
    let mut v: Vec<String> = tables().parts.iter().map(|s| s.to_string()).collect();
    for c in CODES {
        let lc = c.to_ascii_lowercase();
        v.push(format!("m{lc}"));
        v.push(lc);
    }
    v
}

/// One-character currency symbols.
pub fn symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "￥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "₫" => "VND",
        "₱" => "PHP",
        "฿" => "THB",
        "₿" => "BTC",
        "₦" => "NGN",
        "₴" => "UAH",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "元" => "CNY",
        "ரூ" => "LKR",
        _ => return None,
    })
}

/// ISO 4217 codes read as currencies. Codes that are also English words (ALL, CUP, TOP, BOB…)
/// are left out on purpose: "ALL 5 solutions" is not Albanian money.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "KRW", "RUB", "BRL",
    "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "ILS", "TRY", "AED", "SAR", "QAR", "KWD", "BHD", "OMR",
    "EGP", "LBP", "JOD", "NGN", "KES", "GHS", "MYR", "THB", "IDR", "PHP", "VND", "PKR", "BDT", "LKR", "UAH", "BGN",
    "RON", "HRK", "ISK", "ARS", "CLP", "COP", "PEN", "UYU", "TWD", "MNT", "KZT", "BTC", "ETH", "XAU", "FIM", "DEM",
    "FRF", "ITL", "ESP", "NLG",
];

/// Codes also read in lower case ("usd 200"): those that are not English words.
fn code(s: &str) -> Option<&'static str> {
    static LOWER: OnceLock<Map<String, &'static str>> = OnceLock::new();
    let b = s.as_bytes();
    if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let lower = LOWER.get_or_init(|| CODES.iter().map(|c| (c.to_ascii_lowercase(), *c)).collect());
    let buf = [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase(), b[2].to_ascii_lowercase()];
    let c = *lower.get(std::str::from_utf8(&buf).ok()?)?;
    // Lower-case forms that are ordinary words stay words.
    if !b.iter().all(u8::is_ascii_uppercase) && matches!(c, "TRY" | "PEN" | "DEM" | "ESP") {
        return None;
    }
    Some(if c == "RMB" { "CNY" } else { c })
}

/// "$", "US$", "C$", "HK$", "u.s $": a currency written before the amount. Returns the code and
/// the token after it.
pub fn prefix(src: &str, toks: &[Token], i: usize) -> Option<Currency> {
    let t = toks.get(i)?;
    let text = t.text(src);
    let major = |code: &'static str, next: usize| Some(Currency { code, divisor: 1.0, next, minor: false });
    match t.kind {
        Kind::Symbol => {
            if let Some(code) = symbol(text) {
                return major(code, i + 1);
            }
            None
        }
        Kind::Word => {
            // Letters glued to a dollar sign: US$, C$, A$, HK$, NZ$, S$, R$, Mex$, usd$.
            // "music's $500 million": the letter after an apostrophe is a possessive.
            let possessive = i > 0 && matches!(toks[i - 1].text(src), "'" | "’");
            if let Some(d) = toks.get(i + 1).filter(|d| !possessive && d.text(src) == "$" && (!d.space_before || text.len() <= 4)) {
                let lower = text.to_lowercase();
                let code = match lower.as_str() {
                    "us" | "u.s" | "usd" => Some("USD"),
                    "c" | "ca" | "cad" => Some("CAD"),
                    "a" | "au" | "aud" => Some("AUD"),
                    "hk" | "hkd" => Some("HKD"),
                    "nz" | "nzd" => Some("NZD"),
                    "s" | "sgd" => Some("SGD"),
                    "r" => Some("BRL"),
                    "mex" | "mx" | "mxn" => Some("MXN"),
                    _ => None,
                };
                // "a $5 bill": the article is not Australian.
                let article = lower == "a" && d.space_before;
                if let Some(code) = code.filter(|_| !article) {
                    // Upper case, or spaced tokenised copy ("c $ 16.4"), or glued. "cost us
                    // $40,000": a lower-case "us" before a spaced dollar sign is the pronoun,
                    // unless the amount is spaced off too, as tokenised copy is.
                    let tokenised = toks.get(i + 2).is_some_and(|n| n.space_before);
                    let pronoun = lower == "us" && d.space_before && !tokenised;
                    if (!d.space_before || text.chars().next().map_or(false, char::is_lowercase)) && !pronoun {
                        return major(code, i + 2);
                    }
                }
            }
            if text == "Rs" || text == "Rs." || text == "rs" {
                let mut next = i + 1;
                if toks.get(next).map_or(false, |d| d.text(src) == "." && !d.space_before) {
                    next += 1;
                }
                return major("INR", next);
            }
            if text == "RM" || text == "ringgit" {
                return major("MYR", i + 1);
            }
            if text == "sen" && toks.get(i + 1).map_or(false, |n| n.kind == Kind::Number) {
                return Some(Currency { code: "MYR", divisor: 100.0, next: i + 1, minor: true });
            }
            // "MUSD 30", "MAUD 60": millions of a code.
            if let Some(code) = code(text) {
                return major(code, i + 1);
            }
            if matches!(text, "dollar" | "dollars") && toks.get(i + 1).map_or(false, |n| n.kind == Kind::Number) {
                return major("USD", i + 1);
            }
            let starts = |s: &str, p: &str| s.get(..p.len()).map_or(false, |h| h.eq_ignore_ascii_case(p));
            if starts(text, "malaysia") && toks.get(i + 1).map_or(false, |n| starts(n.text(src), "ringgit")) {
                return major("MYR", i + 2);
            }
            None
        }
        Kind::Number => None,
    }
}

/// "M" + code: millions of that currency ("30 MUSD", "MAUD 60"). Returns the code.
pub fn million_code(text: &str) -> Option<&'static str> {
    let rest = text.strip_prefix('M').or_else(|| text.strip_prefix('m'))?;
    if rest.len() != 3 {
        return None;
    }
    code(rest)
}

/// A currency written after the amount: "dollars", "US dollars", "euros", "€", "USD", "cents".
pub fn suffix(src: &str, toks: &[Token], i: usize) -> Option<Currency> {
    let t = toks.get(i)?;
    let text = t.text(src);
    match t.kind {
        Kind::Symbol => {
            if text == "¢" {
                return Some(Currency { code: "USD", divisor: 100.0, next: i + 1, minor: true });
            }
            let code = symbol(text)?;
            // "20 €ur"
            let mut next = i + 1;
            if toks.get(next).map_or(false, |n| !n.space_before && n.text(src).eq_ignore_ascii_case("ur")) {
                next += 1;
            }
            Some(Currency { code, divisor: 1.0, next, minor: false })
        }
        Kind::Word => {
            let tables = tables();
            // Longest run of words that names a currency.
            let mut best = None;
            let mut name = String::new();
            let first_part = crate::text::lower::with_lower(text, |lw| tables.parts.contains(lw));
            for n in 0..if first_part { tables.max_words } else { 0 } {
                let Some(w) = toks.get(i + n).filter(|w| w.kind == Kind::Word) else { break };
                if n > 0 {
                    name.push(' ');
                }
                // Most words are their own lower case: borrowed, not copied.
                let lw = if w.is_lower_case() { std::borrow::Cow::Borrowed(w.text(src)) } else { std::borrow::Cow::Owned(w.text(src).to_lowercase()) };
                if !tables.parts.contains(&*lw) {
                    break;
                }
                name.push_str(&lw);
                // "u.s. dollars": the tokenizer leaves the final period as a symbol.
                let fixed;
                let lookup = if name.contains("u.s dollar") {
                    fixed = name.replace("u.s dollar", "u.s. dollar");
                    fixed.as_str()
                } else {
                    name.as_str()
                };
                if let Some(&(code, div)) = tables.words.get(lookup) {
                    best = Some(Currency { code, divisor: div, next: i + n + 1, minor: div > 1.0 });
                }
            }
            if best.is_some() {
                return best;
            }
            // Symbols written with letters ("100,000 ரூ").
            if let Some(code) = symbol(text) {
                return Some(Currency { code, divisor: 1.0, next: i + 1, minor: false });
            }
            if let Some(code) = code(text) {
                return Some(Currency { code, divisor: 1.0, next: i + 1, minor: false });
            }
            // Minor-unit abbreviations glued to the digits: "43c", "50p".
            if !t.space_before && matches!(text, "c" | "p") {
                let code = if text == "c" { "USD" } else { "GBP" };
                return Some(Currency { code, divisor: 100.0, next: i + 1, minor: true });
            }
            // Spaced "10 c" only at the end of the text.
            if text == "c" && toks.get(i + 1).map_or(true, |n| n.kind == Kind::Symbol) {
                return Some(Currency { code: "USD", divisor: 100.0, next: i + 1, minor: true });
            }
            // Egyptian pounds as "LE", "L.E".
            if matches!(text, "LE" | "L.E" | "le" | "l.e") {
                let mut next = i + 1;
                if toks.get(next).map_or(false, |d| d.text(src) == "." && !d.space_before) {
                    next += 1;
                }
                return Some(Currency { code: "EGP", divisor: 1.0, next, minor: false });
            }
            if matches!(text, "RM" | "Rs") {
                let code = if text == "RM" { "MYR" } else { "INR" };
                return Some(Currency { code, divisor: 1.0, next: i + 1, minor: false });
            }
            None
        }
        Kind::Number => None,
    }
}

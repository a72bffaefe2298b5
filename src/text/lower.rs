//! A lower-cased word that borrows the text when it is lower case already (most words in
//! prose), so the scanner's many word tests do not allocate.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

#[derive(Clone, Default, PartialEq)]
pub struct Lower<'a>(Cow<'a, str>);

impl<'a> Lower<'a> {
    pub fn new(w: &'a str) -> Lower<'a> {
        if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            Lower(Cow::Owned(w.to_lowercase()))
        } else {
            Lower(Cow::Borrowed(w))
        }
    }

    /// A word known to be in lower case already (as `to_lowercase` would make it): borrowed.
    pub fn borrowed(lower: &'a str) -> Lower<'a> {
        Lower(Cow::Borrowed(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Call `f` with `w` in lower case, without allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if !b.iter().any(|c| c.is_ascii_uppercase() || *c >= 0x80) {
        return f(w);
    }
    if b.len() <= 32 && b.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(""))
    } else {
        f(&w.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_and_borrows() {
        assert_eq!(Lower::new("MiLLion"), "million");
        assert!(matches!(Lower::new("dollars").0, Cow::Borrowed(_)));
        assert_eq!(Lower::new("ÉTATS"), "états");
        assert_eq!(with_lower("USD", |w| w.to_string()), "usd");
        assert_eq!(with_lower("ÉTATS", |w| w.to_string()), "états");
        assert_eq!(with_lower("sen", |w| w.len()), 3);
    }
}

//! A lower-cased word without a heap allocation for the usual short ASCII word.

use std::fmt;
use std::ops::Deref;

const CAP: usize = 30;

#[derive(Clone)]
pub enum Lower {
    Inline([u8; CAP], u8),
    Heap(String),
}

impl Lower {
    pub fn new(w: &str) -> Lower {
        let b = w.as_bytes();
        if b.len() <= CAP && b.is_ascii() {
            let mut buf = [0u8; CAP];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            Lower::Inline(buf, b.len() as u8)
        } else {
            Lower::Heap(w.to_lowercase())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Only ASCII bytes are ever stored inline.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Lower::Heap(s) => s,
        }
    }
}

impl Default for Lower {
    fn default() -> Lower {
        Lower::Inline([0; CAP], 0)
    }
}

impl Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq for Lower {
    fn eq(&self, other: &Lower) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Lower {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Lower {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_inline_and_on_the_heap() {
        assert_eq!(Lower::new("MiLLion"), "million");
        assert!(matches!(Lower::new("Dollars"), Lower::Inline(..)));
        assert_eq!(Lower::new("ÉTATS"), "états");
        assert!(matches!(Lower::new("ÉTATS"), Lower::Heap(_)));
        assert_eq!(Lower::new(&"A".repeat(40)).len(), 40);
    }
}

//! What reading a run of capitalised words gave (`detect::emit_run`), remembered by what the
//! reading depends on: a document writes the same names in the same company again and again
//! ("George Soros said", "the Open Society Foundations"), and a run read again is its mentions
//! copied and moved, not the run's titles, names and kinds worked out anew (most of
//! detection's cost).
//!
//! The key holds every input of the reading (see `detect::run_key`), so an answer found is
//! the answer. A direct-mapped table, like [`super::word_cache`]: a key that collides only
//! evicts another, so crafted text cannot make a lookup slower than a miss.

use super::Mention;
use std::ops::Range;

/// Runs read before the table is made: a keystroke's analysis reads a sentence or two (the
/// rest come from the language server's memo), which a table would only cost.
const WARM_UP: usize = 16;
/// Slots of a first table; it doubles (emptied) as misses show it too small, up to
/// [`MAX_SLOTS`].
const FIRST_SLOTS: usize = 256;
const MAX_SLOTS: usize = 4096;

/// Words of a key's head (see `detect::run_key`).
pub(super) const HEAD: usize = 5;

/// A run's key: a head of small numbers packed in words (the surroundings' answers, the
/// parts' places) and the run's text, masked and, where it differs, as written. The text is
/// borrowed: it is copied only when the key is kept.
pub(super) struct Key<'a> {
    pub head: [u64; HEAD],
    pub masked: &'a [u8],
    /// Empty when it is the masked text.
    pub written: &'a [u8],
}

impl Key<'_> {
    /// The head and the text's ends: enough to tell most keys apart (the table compares the
    /// whole key).
    fn hash(&self) -> u64 {
        // Fx's step, a word at a time.
        let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        step(self.head.iter().fold(0, |h, &w| step(h, w)), ends(self.masked))
    }

    /// Whether `stored` (head, then text) is this key.
    fn is(&self, head: &[u64; HEAD], text: &[u8]) -> bool {
        let m = self.masked.len();
        *head == self.head && text.len() == m + self.written.len() && same(&text[..m], self.masked) && same(&text[m..], self.written)
    }
}

/// The first and last eight bytes of `b` (all of a shorter one) folded into a word.
fn ends(b: &[u8]) -> u64 {
    match b.len() {
        0 => 0,
        n if n >= 8 => word(&b[..8]) ^ word(&b[n - 8..]).rotate_left(29),
        _ => short(b),
    }
}

fn word(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("8 bytes"))
}

/// The bytes of `b`, 1 to 7 of them, in a word (every byte lands in it; overlapping loads).
fn short(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes")) as u64;
        let hi = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes")) as u64;
        lo | hi << 32
    } else {
        b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16
    }
}

/// `a == b` for the short texts of runs, a word at a time: a call of `memcmp` cost more than
/// the comparison.
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return n == 0 || short(a) == short(b);
    }
    let mut i = 0;
    while i + 8 < n {
        if word(&a[i..i + 8]) != word(&b[i..i + 8]) {
            return false;
        }
        i += 8;
    }
    word(&a[n - 8..]) == word(&b[n - 8..])
}

/// See the module doc. [`RunMemo::find`] a run's key; on a miss hand the mentions made to
/// [`RunMemo::keep`].
///
/// The slots are plain words: the texts and mentions they keep are in two shared vectors
/// (appended to on every miss, emptied with the table), not two allocations a slot.
#[derive(Default)]
pub(super) struct RunMemo {
    slots: Vec<Slot>,
    texts: Vec<u8>,
    mentions: Vec<Mention>,
    /// Runs looked up (up to [`WARM_UP`]), then misses since the table was last sized.
    misses: usize,
    /// The hash of the key last looked up.
    hash: u64,
}

/// A kept key and its mentions. All zeros is an empty slot: no key's head is (its second word
/// counts the run's parts).
#[derive(Default, Clone, Copy)]
struct Slot {
    hash: u64,
    head: [u64; HEAD],
    /// The key's text in `texts`, the mentions (offsets less the run's base) in `mentions`.
    text: (u32, u32),
    mentions: (u32, u32),
}

fn range((a, b): (u32, u32)) -> Range<usize> {
    a as usize..b as usize
}

impl RunMemo {
    fn slot(&self) -> usize {
        (self.hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The mentions remembered for `key`, relative to the run's base; None on a miss (then
    /// [`RunMemo::keep`] the ones made).
    #[inline]
    pub fn find(&mut self, key: &Key) -> Option<&[Mention]> {
        if self.slots.is_empty() {
            if self.misses < WARM_UP {
                self.misses += 1;
                return None;
            }
            self.slots = vec![Slot::default(); FIRST_SLOTS];
            self.misses = 0;
        }
        self.hash = key.hash();
        let s = &self.slots[self.slot()];
        if s.hash == self.hash && key.is(&s.head, &self.texts[range(s.text)]) {
            return Some(&self.mentions[range(s.mentions)]);
        }
        None
    }

    /// Remember `made`, the mentions of `key`, the run last looked up with [`RunMemo::find`],
    /// whose offsets start at `base`.
    pub fn keep(&mut self, key: &Key, made: &[Mention], base: usize) {
        if self.slots.is_empty() {
            return;
        }
        self.misses += 1;
        if self.misses > 2 * self.slots.len() && self.slots.len() < MAX_SLOTS || self.texts.len() > u32::MAX as usize / 2 {
            // Too small for the document: a larger table, filled again from here on.
            let n = (2 * self.slots.len()).min(MAX_SLOTS);
            self.slots.clear();
            self.slots.resize(n, Slot::default());
            self.texts.clear();
            self.mentions.clear();
            self.misses = 0;
        }
        let at = (self.texts.len() as u32, self.mentions.len() as u32);
        self.texts.extend_from_slice(key.masked);
        self.texts.extend_from_slice(key.written);
        self.mentions.extend(made.iter().map(|m| moved(m, |p| p - base)));
        let i = self.slot();
        self.slots[i] = Slot { hash: self.hash, head: key.head, text: (at.0, self.texts.len() as u32), mentions: (at.1, self.mentions.len() as u32) };
    }
}

/// `m` with its offsets mapped by `f`.
pub(super) fn moved(m: &Mention, f: impl Fn(usize) -> usize) -> Mention {
    let r = |r: &Range<usize>| f(r.start)..f(r.end);
    Mention { range: r(&m.range), name: r(&m.name), title: m.title.as_ref().map(r), ..m.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time comparison and the ends' word answer as the plain ones: every length
    /// to past two words, a difference at every place.
    #[test]
    fn same_as_eq() {
        let base: Vec<u8> = (0..40u8).map(|i| b'A' + i % 26).collect();
        for n in 0..=base.len() {
            let a = &base[..n];
            assert!(same(a, a), "{n}");
            for m in 0..=base.len() {
                assert_eq!(same(a, &base[..m]), n == m, "{n} {m}");
            }
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same(a, &b), "{n} at {i}");
                if n <= 16 && n > 0 {
                    assert_ne!(ends(a), ends(&b), "{n} at {i}");
                }
            }
        }
    }
}

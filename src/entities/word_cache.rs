//! What the detector asks of a capitalised word (its word lists, whether it stops a run),
//! remembered in a small direct-mapped cache.
//!
//! A document names the same people and places again and again, so the answers repeat. A hash
//! map keyed by the document's words would need a hasher that resists crafted collisions
//! (SipHash, the cost of which was most of what the memo saved); a direct-mapped cache cannot
//! degrade: a colliding word only evicts another, and a miss costs one computation.
//!
//! The answers depend on the word alone, never on the document: the table outlives its
//! detector and serves the next one on the same thread (the language server analyses a
//! document on every keystroke, and zeroing a fresh table each time cost more than the few
//! sentences it then served).

use super::lexicon::{flag, Lexicon};

/// Bits of [`WordCache::bits`] above the 16 of a run part's flags ([`flag`]).
pub(crate) mod bit {
    /// One of the capitalised words that end a run (`RUN_STOPS`: "The", "However").
    pub const RUN_STOP: u32 = 1 << 16;
    /// A weekday ("Monday").
    pub const WEEKDAY: u32 = 1 << 17;
    /// A month or its abbreviation ("May", "Sept").
    pub const MONTH: u32 = 1 << 18;
}

/// Longest word kept (longer ones are answered anew each time; few names are).
const KEY: usize = 24;
/// log2 of the number of slots: 1024 slots of 32 bytes hold the several hundred capitalised
/// words of a long document (256 thrashed on a 1 MiB one).
const SLOT_BITS: u32 = 12;

/// A slot: the word's bytes zero-padded, then its length (high half) and bits (low half); all
/// zeros is an empty slot (no word is empty). Plain words, so that the table is allocated
/// zeroed rather than written slot by slot.
type Slot = [u64; KEY / 8 + 1];

/// See the module doc. Empty until first asked.
pub(crate) struct WordCache {
    slots: Vec<Slot>,
}

thread_local! {
    /// The table of the last cache dropped on this thread, for the next one.
    static SPARE: std::cell::Cell<Vec<Slot>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache { slots: SPARE.with(|s| s.take()) }
    }
}

impl Drop for WordCache {
    fn drop(&mut self) {
        let slots = std::mem::take(&mut self.slots);
        if !slots.is_empty() {
            // At thread exit the spare may be gone already: the table is then just freed.
            let _ = SPARE.try_with(|s| s.set(slots));
        }
    }
}

impl WordCache {
    /// The bits of `w`: [`Lexicon::flags`], [`flag::ACRONYM`], [`flag::PLACE_PREFIX`] and the
    /// [`bit`]s, as [`compute`] gives them.
    #[inline]
    pub fn bits(&mut self, w: &str) -> u32 {
        let b = w.as_bytes();
        if b.is_empty() || b.len() > KEY {
            return compute(w);
        }
        let key = key_of(b);
        // Multiplying carries every byte into the high bits: the slot is taken from those.
        // Multiplying carries every byte into the high bits: the set is taken from those.
        let h = (key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if self.slots.is_empty() {
            self.slots = vec![[0; KEY / 8 + 1]; 1 << SLOT_BITS];
        }
        // Two slots a set: two hot words that share a set (a given name and a surname read in
        // turn) both stay, where one slot each had them evict each other at every mention.
        let set = (h >> (64 - SLOT_BITS + 1)) as usize * 2;
        let len = (b.len() as u64) << 32;
        for slot in &self.slots[set..set + 2] {
            if slot[..KEY / 8] == key && slot[KEY / 8] & !0xFFFF_FFFF == len {
                return slot[KEY / 8] as u32;
            }
        }
        let bits = compute(w);
        // The newest first; the one it displaces moves to the second slot.
        self.slots[set + 1] = self.slots[set];
        self.slots[set] = [key[0], key[1], key[2], len | bits as u64];
        bits
    }
}

/// The bytes of a word of 1 to [`KEY`] bytes in three words, read with loads that may overlap
/// rather than copied into a zeroed buffer (a `memcpy` call for every word asked): every byte
/// lands in the key, so words of one length have one key each (the slot also holds the length).
#[inline]
fn key_of(b: &[u8]) -> [u64; KEY / 8] {
    let n = b.len();
    let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    match n {
        0 => [0; 3],
        1..=3 => [b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16, 0, 0],
        4..=8 => {
            let half = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")) as u64;
            [half(0) | half(n - 4) << 32, 0, 0]
        }
        9..=16 => [word(0), word(n - 8), 0],
        _ => [word(0), word(8), word(n - 8)],
    }
}

/// The bits of `w`, uncached.
pub(crate) fn compute(w: &str) -> u32 {
    let lx = Lexicon::get();
    let mut f = lx.flags(w);
    if super::detect::is_acronym(w) {
        f |= flag::ACRONYM;
    }
    if f & flag::PLAIN != 0 && lx.is_place_prefix_plain(w) {
        f |= flag::PLACE_PREFIX;
    }
    let mut bits = f as u32;
    if super::detect::is_run_stop(w) {
        bits |= bit::RUN_STOP;
    }
    if super::detect::WEEKDAYS.contains(&w) {
        bits |= bit::WEEKDAY;
    }
    if super::detect::MONTHS.contains(&w) {
        bits |= bit::MONTH;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cached answers are the computed ones, whatever evicted what: words of every length up
    /// to past the key's, words that differ only past their first eight bytes, and repeats.
    #[test]
    fn cached_as_computed() {
        let mut words: Vec<String> = ["", "The", "May", "Monday", "Soros", "New", "York", "ACLU", "U.S.", "Inc.", "Jos\u{e9}", "al", "of", "Helsinki"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for n in 1..=30 {
            words.push("Abcdefghijklmnopqrstuvwxyz0123"[..n].to_string());
            words.push(format!("{}X", &"Washingtonian Association of"[..n.min(28)]));
        }
        for i in 0..2000 {
            words.push(format!("Name{i}"));
        }
        for round in 0..3 {
            // A new cache each round: the second and third start from the table the one before
            // left behind.
            let mut c = WordCache::default();
            for w in &words {
                assert_eq!(c.bits(w), compute(w), "{w:?} round {round}");
            }
        }
    }
}

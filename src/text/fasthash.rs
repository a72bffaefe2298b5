//! A small, fast hasher for the analysis's static word tables (short keys, no untrusted
//! adversary: the keys are our own word lists). The Fx hash, as rustc uses it; SipHash cost 8%
//! of per-document analysis. Tables keyed by a document's words keep the std hasher.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The bytes of `rest` (1 to 7 of them) as a little-endian u64, as if padded with zeros: two
/// overlapping loads rather than a copy into a buffer, which called `memcpy` for every word
/// hashed (0.6% of the analysis). Overlapping bytes land on the same bits, so the value, and
/// with it every table's order, is the same as the padded copy's.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else {
        rest[0] as u64 | (rest[n / 2] as u64) << (8 * (n / 2)) | (rest[n - 1] as u64) << (8 * (n - 1))
    }
}

pub type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
pub type Set<K> = HashSet<K, BuildHasherDefault<Fx>>;

#[cfg(test)]
mod tests {
    #[test]
    fn tail_is_the_padded_value() {
        let b = b"abcdefg";
        for n in 1..8 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&b[..n]);
            assert_eq!(super::tail(&b[..n]), u64::from_le_bytes(buf), "{n}");
        }
    }
}

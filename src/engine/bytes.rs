//! Exact byte-string search, the inner loop of every query.
//!
//! A [`ByteSearcher`] finds a needle (the UTF-8 bytes of one form of a
//! query's anchor, see [`super::pattern`]) in the bundle text. It compares
//! two of the needle's bytes with sixteen positions of the text at once
//! (wasm SIMD, `simd128`; a plain loop elsewhere, with the same results),
//! and checks the whole needle only where both agree.
//!
//! The two bytes are chosen for Chinese UTF-8 text, where the lead bytes of
//! Han characters (`E4`..`E9`) are on every third byte and so say nothing:
//! the needle's last byte, and its rarest other byte by a fixed ranking in
//! which continuation bytes (`80`..`BF`, 64 values shared by all Han
//! characters) beat lead bytes. For `拉萨` (`E6 8B 89 E8 90 A8`) that is
//! `8B` and `A8`, five bytes apart: a random position of Chinese text has
//! them both about once in ten thousand.
//!
//! (This replaces `memchr::memmem`, whose byte ranking is made for
//! English-like text and whose several search strategies cost 4 KB of the
//! compressed module; the seed module must stay under 100 KB.)

/// A needle, ready to be searched for.
#[derive(Debug, Clone)]
pub struct ByteSearcher {
    needle: Box<[u8]>,
    /// The two compared bytes' offsets in the needle (equal for one byte).
    first: usize,
    last: usize,
}

/// How common a byte is in Chinese UTF-8 text with some Latin, digits and
/// punctuation (lower is rarer).
fn commonness(b: u8) -> u8 {
    match b {
        0xE4..=0xE9 => 250,
        b' ' | b'\n' | 0xE2 | 0xE3 | 0xEF => 200,
        b'0'..=b'9' => 150,
        b'a'..=b'z' => 120,
        0x80..=0xBF => 100,
        _ => 60,
    }
}

impl ByteSearcher {
    /// A searcher for `needle`.
    pub fn new(needle: &[u8]) -> ByteSearcher {
        let n = needle.len();
        let last = n.saturating_sub(1);
        // The rarest byte other than the last, the earliest on a tie (so
        // that in a Chinese needle the two bytes are of different characters).
        let first = (0..last).min_by_key(|&i| commonness(needle[i])).unwrap_or(last);
        ByteSearcher { needle: needle.into(), first, last }
    }

    /// The needle.
    pub fn needle(&self) -> &[u8] {
        &self.needle
    }

    /// The offset of the first occurrence of the needle in `hay`.
    pub fn find(&self, hay: &[u8]) -> Option<usize> {
        let n = self.needle.len();
        if n == 0 {
            return Some(0);
        }
        // `end` is one past the last position where the needle can start.
        let end = hay.len().checked_sub(n)? + 1;
        let (x, y) = (self.needle[self.first], self.needle[self.last]);
        let mut at = 0;
        // Thirty-two, then sixteen starts at a time: both compared bytes of
        // each lie in the text, since the needle fits from the last start.
        while at + 32 <= end {
            let (Some(a), Some(b)) = (block::<32>(hay, at + self.first), block::<32>(hay, at + self.last))
            else {
                break;
            };
            let mut mask = pair_mask32(a, b, x, y);
            while mask != 0 {
                let start = at + mask.trailing_zeros() as usize;
                if hay.get(start..start + n) == Some(&self.needle[..]) {
                    return Some(start);
                }
                mask &= mask - 1;
            }
            at += 32;
        }
        while at + 16 <= end {
            let (Some(a), Some(b)) = (block::<16>(hay, at + self.first), block::<16>(hay, at + self.last))
            else {
                break;
            };
            let mut mask = pair_mask(a, b, x, y);
            while mask != 0 {
                let start = at + mask.trailing_zeros() as usize;
                if hay.get(start..start + n) == Some(&self.needle[..]) {
                    return Some(start);
                }
                mask &= mask - 1;
            }
            at += 16;
        }
        (at..end).find(|&start| {
            hay[start + self.last] == y
                && hay[start + self.first] == x
                && hay[start..start + n] == self.needle[..]
        })
    }
}

/// The `N` bytes of `hay` from `at`, if there are so many.
#[inline(always)]
fn block<const N: usize>(hay: &[u8], at: usize) -> Option<&[u8; N]> {
    hay.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// Bit `k` is set where `a[k] == x` and `b[k] == y`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
#[allow(unsafe_code)]
fn pair_mask32(a: &[u8; 32], b: &[u8; 32], x: u8, y: u8) -> u32 {
    use core::arch::wasm32::{
        u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_and, v128_any_true, v128_load, v128_or,
    };
    let (pa, pb) = (a.as_ptr().cast::<v128>(), b.as_ptr().cast::<v128>());
    // SAFETY: each pointer is to thirty-two readable bytes (the arrays), two
    // vectors' worth, and `v128_load` reads unaligned memory.
    let (a0, a1, b0, b1) =
        unsafe { (v128_load(pa), v128_load(pa.add(1)), v128_load(pb), v128_load(pb.add(1))) };
    let (vx, vy) = (u8x16_splat(x), u8x16_splat(y));
    let m0 = v128_and(u8x16_eq(a0, vx), u8x16_eq(b0, vy));
    let m1 = v128_and(u8x16_eq(a1, vx), u8x16_eq(b1, vy));
    // Most blocks have no candidate at all: one test rejects them.
    if !v128_any_true(v128_or(m0, m1)) {
        return 0;
    }
    u32::from(u8x16_bitmask(m0)) | u32::from(u8x16_bitmask(m1)) << 16
}

/// Bit `k` is set where `a[k] == x` and `b[k] == y`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn pair_mask32(a: &[u8; 32], b: &[u8; 32], x: u8, y: u8) -> u32 {
    let (a0, a1) = a.split_at(16);
    let (b0, b1) = b.split_at(16);
    let half = |a: &[u8], b: &[u8]| match (<&[u8; 16]>::try_from(a), <&[u8; 16]>::try_from(b)) {
        (Ok(a), Ok(b)) => u32::from(pair_mask(a, b, x, y)),
        _ => 0,
    };
    half(a0, b0) | half(a1, b1) << 16
}

/// Bit `k` is set where `a[k] == x` and `b[k] == y`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
#[allow(unsafe_code)]
fn pair_mask(a: &[u8; 16], b: &[u8; 16], x: u8, y: u8) -> u16 {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_and, v128_load};
    // SAFETY: each pointer is to sixteen readable bytes (the arrays), and
    // `v128_load` reads unaligned memory.
    let (va, vb) = unsafe { (v128_load(a.as_ptr().cast::<v128>()), v128_load(b.as_ptr().cast::<v128>())) };
    u8x16_bitmask(v128_and(u8x16_eq(va, u8x16_splat(x)), u8x16_eq(vb, u8x16_splat(y))))
}

/// Bit `k` is set where `a[k] == x` and `b[k] == y`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn pair_mask(a: &[u8; 16], b: &[u8; 16], x: u8, y: u8) -> u16 {
    let mut mask = 0u16;
    for k in 0..16 {
        mask |= u16::from(a[k] == x && b[k] == y) << k;
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(hay: &[u8], needle: &[u8]) -> Option<usize> {
        if needle.is_empty() {
            return Some(0);
        }
        hay.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn finds_what_a_naive_search_finds() {
        let text = "拉萨市位于拉萨河谷，GDP增长2024年。哈哈哈哈，党建工作".repeat(3);
        let hay = text.as_bytes();
        for needle in
            ["拉萨", "萨市", "GDP", "2024年", "哈哈", "，", "作", "x", "工作拉", "年。哈哈哈哈，党建工作拉萨"]
        {
            let s = ByteSearcher::new(needle.as_bytes());
            for start in 0..hay.len() {
                assert_eq!(
                    s.find(&hay[start..]),
                    naive(&hay[start..], needle.as_bytes()),
                    "{needle:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn random_bytes_and_needles_agree_with_a_naive_search() {
        let mut x: u64 = 17;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..2000 {
            // A small alphabet, so needles occur often and partly.
            let hay: Vec<u8> =
                (0..next(120)).map(|_| [0xE6, 0x8B, 0x89, b'a', 0x00][next(5) as usize]).collect();
            let needle: Vec<u8> =
                (0..1 + next(6)).map(|_| [0xE6, 0x8B, 0x89, b'a', 0x00][next(5) as usize]).collect();
            assert_eq!(ByteSearcher::new(&needle).find(&hay), naive(&hay, &needle), "{needle:?} in {hay:?}");
        }
    }

    #[test]
    fn the_compared_bytes_avoid_lead_bytes() {
        let s = ByteSearcher::new("拉萨".as_bytes());
        assert_eq!((s.first, s.last), (1, 5));
        let s = ByteSearcher::new(b"a");
        assert_eq!((s.first, s.last), (0, 0));
        assert_eq!(ByteSearcher::new(b"").find(b"abc"), Some(0));
        assert_eq!(ByteSearcher::new(b"abcd").find(b"abc"), None);
    }
}

//! Fixed-width integer columns and string tables, read in place.
//!
//! Every per-document column of the bundle (where a document's text starts,
//! which metadata values it has, ...) is a [`Packed`] column: `len` unsigned
//! integers, each stored little-endian in the same number of bytes (1 to 4,
//! the fewest that hold the largest value). Reading one is a bounds-checked
//! slice and a `from_le_bytes`: nothing is decoded or copied when the bundle
//! is opened.
//!
//! A [`Strings`] table is a blob of UTF-8 strings laid end to end plus a
//! [`Packed`] column of their end offsets. Each string is validated as UTF-8
//! when it is read, so a corrupt bundle yields an error, never a bad `&str`.
//!
//! Example: the end offsets `[6, 12, 21]` of the strings `拉萨`, `林芝`,
//! `日喀则` fit in one byte each, so the column is the three bytes
//! `06 0c 15` with `width` 1.

use bincode::{BorrowDecode, Encode};

/// A column of unsigned integers of one fixed byte width.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Packed<'a> {
    width: u8,
    bytes: &'a [u8],
}

impl<'a> Packed<'a> {
    /// The number of integers in the column, or an error if the stored width
    /// and length do not fit together.
    pub fn check(&self) -> Result<usize, String> {
        if !(1..=4).contains(&self.width) {
            return Err(format!("integer column has width {} (expected 1 to 4)", self.width));
        }
        if self.bytes.len() % self.width as usize != 0 {
            return Err(format!(
                "integer column of width {} has {} bytes, not a multiple of its width",
                self.width,
                self.bytes.len()
            ));
        }
        Ok(self.len())
    }

    /// Number of integers; valid once [`Packed::check`] has passed.
    #[inline]
    pub fn len(&self) -> usize {
        if self.width == 0 {
            0
        } else {
            self.bytes.len() / self.width as usize
        }
    }

    /// Whether the column is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th integer, or `None` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u32> {
        let b = self.bytes;
        match self.width {
            1 => b.get(i).map(|&x| u32::from(x)),
            2 => {
                let s = i.checked_mul(2)?;
                let x = b.get(s..s.checked_add(2)?)?;
                Some(u32::from(x[0]) | u32::from(x[1]) << 8)
            }
            3 => {
                let s = i.checked_mul(3)?;
                let x = b.get(s..s.checked_add(3)?)?;
                Some(u32::from(x[0]) | u32::from(x[1]) << 8 | u32::from(x[2]) << 16)
            }
            4 => {
                let s = i.checked_mul(4)?;
                let x = b.get(s..s.checked_add(4)?)?;
                Some(u32::from(x[0]) | u32::from(x[1]) << 8 | u32::from(x[2]) << 16 | u32::from(x[3]) << 24)
            }
            _ => None,
        }
    }

    /// The `i`th integer, or 0 past the end. For callers that have already
    /// validated the column length against their index.
    #[inline]
    pub fn at(&self, i: usize) -> u32 {
        self.get(i).unwrap_or(0)
    }

    /// Iterate over all integers.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }

    /// Check that the integers never decrease and the last is at most `max`.
    pub fn check_ascending(&self, max: u64) -> Result<(), String> {
        let mut prev = 0u32;
        for (i, v) in self.iter().enumerate() {
            if v < prev {
                return Err(format!("offset {i} ({v}) is smaller than the one before it ({prev})"));
            }
            prev = v;
        }
        if u64::from(prev) > max {
            return Err(format!("offset {prev} is past the end ({max})"));
        }
        Ok(())
    }
}

/// Builds a [`Packed`] column; used by the index writer.
#[derive(Debug, Default, Clone)]
pub struct PackedWriter {
    values: Vec<u32>,
}

impl PackedWriter {
    /// Append an integer.
    pub fn push(&mut self, v: u32) {
        self.values.push(v);
    }

    /// Number of integers pushed.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The integers pushed so far.
    pub fn iter(&self) -> impl Iterator<Item = &u32> {
        self.values.iter()
    }

    /// Whether nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The little-endian bytes and their width, ready for [`PackedWriter::as_packed`].
    pub fn finish(self) -> PackedBytes {
        let max = self.values.iter().copied().max().unwrap_or(0);
        let width: u8 = match max {
            0..=0xFF => 1,
            0x100..=0xFFFF => 2,
            0x1_0000..=0xFF_FFFF => 3,
            _ => 4,
        };
        let mut bytes = Vec::with_capacity(self.values.len() * width as usize);
        for v in self.values {
            bytes.extend_from_slice(&v.to_le_bytes()[..width as usize]);
        }
        PackedBytes { width, bytes }
    }
}

impl FromIterator<u32> for PackedWriter {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        PackedWriter { values: iter.into_iter().collect() }
    }
}

/// The owned bytes of a finished column.
#[derive(Debug, Clone)]
pub struct PackedBytes {
    width: u8,
    bytes: Vec<u8>,
}

impl PackedBytes {
    /// Borrow as a column, for encoding.
    pub fn as_packed(&self) -> Packed<'_> {
        Packed { width: self.width, bytes: &self.bytes }
    }
}

/// A table of strings: UTF-8 text laid end to end, and their end offsets.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Strings<'a> {
    text: &'a [u8],
    ends: Packed<'a>,
}

impl<'a> Strings<'a> {
    /// Check the offsets; returns the number of strings.
    pub fn check(&self) -> Result<usize, String> {
        let n = self.ends.check()?;
        self.ends.check_ascending(self.text.len() as u64)?;
        Ok(n)
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The raw bytes of string `i`.
    #[inline]
    pub fn bytes(&self, i: usize) -> Option<&'a [u8]> {
        let end = self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends.get(i - 1)? as usize };
        self.text.get(start..end)
    }

    /// String `i`, or an error if it is missing or not UTF-8.
    pub fn get(&self, i: usize) -> Result<&'a str, String> {
        let b = self.bytes(i).ok_or_else(|| format!("string {i} is out of range"))?;
        core::str::from_utf8(b).map_err(|_| format!("string {i} is not valid UTF-8"))
    }

    /// Index of `s` in a table sorted by bytes, if present.
    pub fn find_sorted(&self, s: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.bytes(mid)?.cmp(s) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// Builds a [`Strings`] table.
#[derive(Debug, Default, Clone)]
pub struct StringsWriter {
    text: Vec<u8>,
    ends: PackedWriter,
}

impl StringsWriter {
    /// Append a string.
    pub fn push(&mut self, s: &str) {
        self.text.extend_from_slice(s.as_bytes());
        self.ends.push(self.text.len() as u32);
    }

    /// Finish into owned bytes.
    pub fn finish(self) -> StringsBytes {
        StringsBytes { text: self.text, ends: self.ends.finish() }
    }
}

/// The owned bytes of a finished string table.
#[derive(Debug, Clone)]
pub struct StringsBytes {
    text: Vec<u8>,
    ends: PackedBytes,
}

impl StringsBytes {
    /// Borrow as a table, for encoding.
    pub fn as_strings(&self) -> Strings<'_> {
        Strings { text: &self.text, ends: self.ends.as_packed() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_round_trip_picks_the_narrowest_width() {
        for (values, width) in [
            (vec![0u32, 1, 255], 1u8),
            (vec![256], 2),
            (vec![70_000, 3], 3),
            (vec![u32::MAX, 0], 4),
            (vec![], 1),
        ] {
            let bytes: PackedBytes = values.iter().copied().collect::<PackedWriter>().finish();
            let p = bytes.as_packed();
            assert_eq!(p.width, width);
            assert_eq!(p.check(), Ok(values.len()));
            assert_eq!(p.iter().collect::<Vec<_>>(), values);
            assert_eq!(p.get(values.len()), None);
        }
    }

    #[test]
    fn bad_widths_and_lengths_are_errors() {
        assert!(Packed { width: 0, bytes: &[] }.check().is_err());
        assert!(Packed { width: 5, bytes: &[0; 5] }.check().is_err());
        assert!(Packed { width: 3, bytes: &[0; 4] }.check().is_err());
        let p = Packed { width: 1, bytes: &[3, 2] };
        assert!(p.check_ascending(10).is_err());
        let p = Packed { width: 1, bytes: &[3, 20] };
        assert!(p.check_ascending(10).is_err());
    }

    #[test]
    fn strings_round_trip_and_reject_bad_utf8() {
        let mut w = StringsWriter::default();
        // Sorted by bytes: 拉 U+62C9 < 日 U+65E5 < 林 U+6797.
        for s in ["拉萨", "日喀则", "林芝"] {
            w.push(s);
        }
        let owned = w.finish();
        let t = owned.as_strings();
        assert_eq!(t.check(), Ok(3));
        assert_eq!(t.get(1).unwrap(), "日喀则");
        assert_eq!(t.find_sorted("林芝".as_bytes()), Some(2));
        assert_eq!(t.find_sorted("拉".as_bytes()), None);
        assert!(t.get(3).is_err());
        // Cut in the middle of a character.
        let bad = Strings { text: "拉萨".as_bytes(), ends: Packed { width: 1, bytes: &[2, 6] } };
        assert!(bad.get(0).is_err());
        assert!(bad.get(1).is_err());
    }
}

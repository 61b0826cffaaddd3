//! The word table of the vocabulary: words grouped by byte length, read in place.
//!
//! A plain string table ([`super::Strings`]) stores an end offset per
//! string, and those offsets, a rising sequence, barely compress: on the
//! seed corpus they cost 5 KB of the brotli-compressed module, more than a
//! tenth of the corpus. Here the words are grouped by their length in
//! bytes, shortest group first, and sorted by bytes within a group. All
//! words of a group have the same length, so word `i` of a group starts at
//! `i × length` within it: random access needs no per-word offset at all,
//! only one entry per group (there are a few dozen groups).
//!
//! Word ids (the index into the vocabulary's other columns) follow this
//! order: group by group, then by bytes. [`word_order`] is that order, for
//! writers to sort by.
//!
//! Example: `林芝` `拉萨` `日喀则` `G` become the groups (1 byte: `G`),
//! (6 bytes: `拉萨` `林芝`), (9 bytes: `日喀则`), with ids 0, 1, 2, 3.

use bincode::{BorrowDecode, Encode};
use core::cmp::Ordering;

use super::packed::{Packed, PackedBytes, PackedWriter};

/// Words grouped by byte length (see the module documentation).
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Words<'a> {
    /// The words laid end to end, group after group.
    text: &'a [u8],
    /// The byte length of each group's words, strictly ascending.
    lengths: Packed<'a>,
    /// The id of each group's first word, plus the number of words (one
    /// more entry than groups); ascending.
    starts: Packed<'a>,
}

/// The order of word ids: shorter words first, then by bytes.
pub fn word_order(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

impl<'a> Words<'a> {
    /// Check the group table against the text; returns the number of words.
    pub fn check(&self) -> Result<usize, String> {
        let groups = self.lengths.check()?;
        let starts = self.starts.check()?;
        if starts != groups + 1 {
            return Err(format!("word table has {starts} group starts for {groups} groups"));
        }
        let mut bytes = 0u64;
        let mut previous = 0u32;
        for g in 0..groups {
            let len = self.lengths.at(g);
            if len <= previous {
                return Err(format!("word group {g} has length {len}, not longer than the group before"));
            }
            previous = len;
            let (a, b) = (self.starts.at(g), self.starts.at(g + 1));
            if b < a {
                return Err(format!("word group {g} ends before it starts"));
            }
            bytes += u64::from(b - a) * u64::from(len);
        }
        if self.starts.get(0).unwrap_or(0) != 0 || bytes != self.text.len() as u64 {
            return Err(format!(
                "word groups cover {bytes} bytes but the word text has {} bytes",
                self.text.len()
            ));
        }
        Ok(self.len())
    }

    /// Number of words.
    #[inline]
    pub fn len(&self) -> usize {
        self.starts.at(self.lengths.len()) as usize
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Group `g`: (byte length, first id, end id, byte offset of its text).
    #[inline]
    fn group(&self, g: usize, offset: usize) -> (usize, usize, usize, usize) {
        let len = self.lengths.at(g) as usize;
        (len, self.starts.at(g) as usize, self.starts.at(g + 1) as usize, offset)
    }

    /// The raw bytes of word `i`.
    pub fn bytes(&self, i: usize) -> Option<&'a [u8]> {
        let mut offset = 0usize;
        for g in 0..self.lengths.len() {
            let (len, first, end, at) = self.group(g, offset);
            if i < end {
                let s = at.checked_add((i.checked_sub(first)?).checked_mul(len)?)?;
                return self.text.get(s..s.checked_add(len)?);
            }
            offset = at.checked_add((end.checked_sub(first)?).checked_mul(len)?)?;
        }
        None
    }

    /// Word `i`, or an error if it is missing or not UTF-8.
    pub fn get(&self, i: usize) -> Result<&'a str, String> {
        let b = self.bytes(i).ok_or_else(|| format!("word {i} is out of range"))?;
        core::str::from_utf8(b).map_err(|_| format!("word {i} is not valid UTF-8"))
    }

    /// The id of the word `s`, if present.
    pub fn find(&self, s: &[u8]) -> Option<usize> {
        self.groups().find(|g| g.len >= s.len()).filter(|g| g.len == s.len())?.find(s)
    }

    /// The groups, shortest words first.
    pub fn groups(&self) -> Groups<'a> {
        Groups { words: *self, next: 0, offset: 0 }
    }
}

/// The words of one byte length.
#[derive(Debug, Clone, Copy)]
pub struct Group<'a> {
    /// Byte length of every word of the group.
    pub len: usize,
    /// Id of the group's first word.
    first: usize,
    /// The group's words, end to end.
    text: &'a [u8],
}

impl<'a> Group<'a> {
    /// The group's words with their ids, in id order.
    pub fn words(&self) -> impl Iterator<Item = (usize, &'a [u8])> + 'a {
        let first = self.first;
        self.text.chunks_exact(self.len.max(1)).enumerate().map(move |(i, w)| (first + i, w))
    }

    /// The id of `s` (which must be `len` bytes long) in this group, if present.
    #[inline]
    pub fn find(&self, s: &[u8]) -> Option<usize> {
        let len = self.len.max(1);
        let (mut lo, mut hi) = (0usize, self.text.len() / len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let word = self.text.get(mid * len..mid * len + len)?;
            match word.cmp(s) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(self.first + mid),
            }
        }
        None
    }
}

/// Iterator over the [`Group`]s of a [`Words`] table.
#[derive(Debug, Clone)]
pub struct Groups<'a> {
    words: Words<'a>,
    next: usize,
    offset: usize,
}

impl<'a> Iterator for Groups<'a> {
    type Item = Group<'a>;

    fn next(&mut self) -> Option<Group<'a>> {
        if self.next >= self.words.lengths.len() {
            return None;
        }
        let (len, first, end, at) = self.words.group(self.next, self.offset);
        self.next += 1;
        let size = end.checked_sub(first)?.checked_mul(len)?;
        self.offset = at.checked_add(size)?;
        Some(Group { len, first, text: self.words.text.get(at..self.offset)? })
    }
}

/// Builds a [`Words`] table from words pushed in [`word_order`].
#[derive(Debug, Default, Clone)]
pub struct WordsWriter {
    text: Vec<u8>,
    lengths: Vec<u32>,
    starts: Vec<u32>,
    count: u32,
}

impl WordsWriter {
    /// Append a word; words must come in [`word_order`] without repeats.
    pub fn push(&mut self, word: &str) {
        let len = word.len() as u32;
        if self.lengths.last() != Some(&len) {
            debug_assert!(self.lengths.last().is_none_or(|&l| l < len), "words out of order");
            self.lengths.push(len);
            self.starts.push(self.count);
        }
        self.text.extend_from_slice(word.as_bytes());
        self.count += 1;
    }

    /// Finish into owned bytes.
    pub fn finish(mut self) -> WordsBytes {
        self.starts.push(self.count);
        WordsBytes {
            text: self.text,
            lengths: self.lengths.into_iter().collect::<PackedWriter>().finish(),
            starts: self.starts.into_iter().collect::<PackedWriter>().finish(),
        }
    }
}

/// The owned bytes of a finished word table.
#[derive(Debug, Clone)]
pub struct WordsBytes {
    text: Vec<u8>,
    lengths: PackedBytes,
    starts: PackedBytes,
}

impl WordsBytes {
    /// Borrow as a table, for encoding.
    pub fn as_words(&self) -> Words<'_> {
        Words { text: &self.text, lengths: self.lengths.as_packed(), starts: self.starts.as_packed() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(words: &[&str]) -> WordsBytes {
        let mut sorted = words.to_vec();
        sorted.sort_by(|a, b| word_order(a, b));
        let mut w = WordsWriter::default();
        for s in sorted {
            w.push(s);
        }
        w.finish()
    }

    #[test]
    fn words_round_trip_in_group_order() {
        let owned = table(&["林芝", "拉萨", "日喀则", "G", "拉萨市"]);
        let t = owned.as_words();
        assert_eq!(t.check(), Ok(5));
        let all: Vec<&str> = (0..t.len()).map(|i| t.get(i).unwrap()).collect();
        assert_eq!(all, ["G", "拉萨", "林芝", "拉萨市", "日喀则"]);
        for (i, w) in all.iter().enumerate() {
            assert_eq!(t.find(w.as_bytes()), Some(i), "{w}");
        }
        assert_eq!(t.find("拉".as_bytes()), None);
        assert_eq!(t.find("那曲".as_bytes()), None);
        assert_eq!(t.find(b""), None);
        assert!(t.get(5).is_err());
        let lens: Vec<usize> = t.groups().map(|g| g.len).collect();
        assert_eq!(lens, [1, 6, 9]);
    }

    #[test]
    fn an_empty_table_is_valid() {
        let owned = WordsWriter::default().finish();
        let t = owned.as_words();
        assert_eq!(t.check(), Ok(0));
        assert_eq!(t.find(b"a"), None);
        assert!(t.get(0).is_err());
    }

    #[test]
    fn inconsistent_tables_are_errors_and_reads_stay_in_bounds() {
        let lengths = [3u32, 3].into_iter().collect::<PackedWriter>().finish();
        let starts = [0u32, 1, 2].into_iter().collect::<PackedWriter>().finish();
        let bad =
            Words { text: "拉萨".as_bytes(), lengths: lengths.as_packed(), starts: starts.as_packed() };
        assert!(bad.check().is_err(), "lengths must rise");
        let lengths = [3u32].into_iter().collect::<PackedWriter>().finish();
        let starts = [0u32, 5].into_iter().collect::<PackedWriter>().finish();
        let bad =
            Words { text: "拉萨".as_bytes(), lengths: lengths.as_packed(), starts: starts.as_packed() };
        assert!(bad.check().is_err(), "groups must cover the text exactly");
        assert_eq!(bad.bytes(4), None);
        assert_eq!(bad.find("拉".as_bytes()), None);
        // Cut in the middle of a character.
        let lengths = [2u32].into_iter().collect::<PackedWriter>().finish();
        let starts = [0u32, 3].into_iter().collect::<PackedWriter>().finish();
        let cut =
            Words { text: "拉萨".as_bytes(), lengths: lengths.as_packed(), starts: starts.as_packed() };
        assert_eq!(cut.check(), Ok(3));
        assert!(cut.get(0).is_err());
    }
}

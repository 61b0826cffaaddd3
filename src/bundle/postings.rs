//! Character postings: for each folded character, the documents containing
//! it and how often. An accelerator, not the matcher.
//!
//! Matching always verifies against the text ([`crate::engine::pattern`]);
//! postings only say where *not* to look. A term can only occur in documents
//! containing every one of its characters, so the engine intersects their
//! lists and scans just those documents; a one-character term needs no scan
//! at all, its counts are right here. Small corpora are scanned whole in
//! microseconds and are built without postings (see
//! [`crate::index::PostingsChoice`]).
//!
//! Example: in a corpus whose documents 0 and 2 contain `拉萨拉` and `萨`, the
//! list of `拉` is (doc 0, 2 times) and the list of `萨` is (doc 0, 1), (doc 2, 1).
//!
//! Layout of one character's list in `data` (LEB128 varints):
//!
//! ```text
//! document count, then per document: id - previous id (the first: id), count
//! ```
//!
//! Counts cover the title (when stored apart from the text) and the text;
//! whitespace characters have no postings.

use super::packed::Packed;
use bincode::{BorrowDecode, Encode};

/// Postings of every folded character of a corpus.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Postings<'a> {
    /// The folded characters that have postings, ascending, as code points.
    pub chars: Packed<'a>,
    /// `data` offset of each character's list, plus the end (one more entry).
    pub starts: Packed<'a>,
    /// The lists.
    pub data: &'a [u8],
}

/// One character's postings, decoded on the fly.
#[derive(Debug, Clone)]
pub struct PostingList<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Documents not yet read.
    left: u64,
    /// The last document read, if any.
    doc: Option<u64>,
    /// Documents in the corpus (ids must be below).
    docs: u32,
}

impl<'a> Postings<'a> {
    /// Check lengths and offsets; returns the number of characters.
    pub fn check(&self) -> Result<usize, String> {
        let n = self.chars.check()?;
        let s = self.starts.check()?;
        if n > 0 && s != n + 1 {
            return Err(format!("postings have {s} offsets for {n} characters"));
        }
        self.starts.check_ascending(self.data.len() as u64)?;
        Ok(n)
    }

    /// Whether there are no postings (the corpus was built without them).
    /// Always true in a module whose embedded corpus has none (build.rs
    /// sets `yuliao_no_postings`), so that the code reading postings is
    /// left out of it.
    pub fn is_empty(&self) -> bool {
        cfg!(yuliao_no_postings) || self.chars.is_empty()
    }

    /// The list of folded character `c`: `None` when the corpus has no
    /// postings at all, an empty list when no document contains `c`.
    pub fn list(&self, c: char, docs: u32) -> Option<PostingList<'a>> {
        if self.is_empty() {
            return None;
        }
        let (mut lo, mut hi) = (0usize, self.chars.len());
        let key = c as u32;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.chars.at(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let bytes = if lo < self.chars.len() && self.chars.at(lo) == key {
            let (a, b) = (self.starts.at(lo) as usize, self.starts.at(lo + 1) as usize);
            self.data.get(a..b).unwrap_or_default()
        } else {
            &[]
        };
        let mut list = PostingList { bytes, at: 0, left: 0, doc: None, docs };
        list.left = list.varint().unwrap_or(0);
        Some(list)
    }
}

impl PostingList<'_> {
    /// How many documents the list claims (for ordering intersections).
    pub fn len(&self) -> u64 {
        self.left
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }

    #[inline(always)]
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0;
        while shift < 64 {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
        }
        None
    }
}

impl Iterator for PostingList<'_> {
    /// (document id, occurrences of the character in it).
    type Item = (u32, u32);

    #[inline(always)]
    fn next(&mut self) -> Option<(u32, u32)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let delta = self.varint();
        let tf = self.varint();
        let doc = match (self.doc, delta) {
            (_, None) => None,
            (None, Some(d)) => Some(d),
            (Some(_), Some(0)) => None,
            (Some(prev), Some(d)) => prev.checked_add(d),
        };
        // A corrupt list ends rather than yield an impossible document.
        match (doc, tf) {
            (Some(doc), Some(tf)) if doc < u64::from(self.docs) && tf <= u64::from(u32::MAX) => {
                self.doc = Some(doc);
                Some((doc as u32, tf as u32))
            }
            _ => {
                self.left = 0;
                None
            }
        }
    }
}

/// The characters of the text that are not their own fold (capitals,
/// full-width digits and punctuation, half-width katakana, ...), so that a
/// query searches only for the forms of its characters that the corpus
/// really contains; with postings, also the documents containing each.
///
/// Example: in a corpus whose text has `GDP` and `２０２４` but no other
/// capitals or full-width characters, `forms` holds `G` `D` `P` `０` `２`
/// `４`. A query `2024年` then finds its occurrences with two exact byte
/// searches, `2024年` and `２０２４年`, the second only in the documents
/// that contain `２`, `０` and `４`, instead of checking every `2` in the text.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Forms<'a> {
    /// The characters, as code points, strictly ascending.
    pub chars: Packed<'a>,
    /// The documents containing each (counts included), keyed by the same
    /// characters; empty when the corpus has no [`Postings`].
    pub docs: Postings<'a>,
}

impl<'a> Forms<'a> {
    /// Check the table; returns the number of characters.
    pub fn check(&self) -> Result<usize, String> {
        let n = self.chars.check()?;
        let mut previous = None;
        for c in self.chars.iter() {
            if char::from_u32(c).is_none() || previous.is_some_and(|p| p >= c) {
                return Err("form characters are not ascending code points".into());
            }
            previous = Some(c);
        }
        let lists = self.docs.check()?;
        if lists > 0 && (lists != n || (0..n).any(|i| self.docs.chars.at(i) != self.chars.at(i))) {
            return Err("form documents are not keyed by the form characters".into());
        }
        Ok(n)
    }

    /// The characters of the text, other than `f` itself, whose fold is `f`:
    /// its width and case forms, and the other members of its class in
    /// `han` (`發` and `髮` for `发`).
    pub fn of<'h>(&'h self, f: char, han: super::han::HanClasses<'h>) -> impl Iterator<Item = char> + 'h {
        let width_and_case = self
            .chars
            .iter()
            .filter_map(char::from_u32)
            .filter(move |&c| c != f && crate::fold::fold(c) == f);
        let script = han.members(f).filter(move |&m| m != f && self.contains(m));
        width_and_case.chain(script)
    }

    /// Whether `c` is one of the forms (binary search).
    fn contains(&self, c: char) -> bool {
        let (mut lo, mut hi) = (0, self.chars.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.chars.at(mid).cmp(&(c as u32)) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The documents containing form `c`, or `None` without postings.
    pub fn list(&self, c: char, docs: u32) -> Option<PostingList<'a>> {
        self.docs.list(c, docs)
    }
}

/// Builds [`Postings`] from per-document character counts.
#[derive(Debug, Default)]
pub struct PostingsWriter {
    lists: std::collections::BTreeMap<char, Vec<(u32, u32)>>,
}

impl PostingsWriter {
    /// Record that document `doc` (ids ascending across calls) contains
    /// folded character `c` `tf` times.
    pub fn add(&mut self, c: char, doc: u32, tf: u32) {
        self.lists.entry(c).or_default().push((doc, tf));
    }

    /// Encode.
    pub fn finish(self) -> PostingsBytes {
        let mut chars = super::PackedWriter::default();
        let mut starts = super::PackedWriter::default();
        let mut data = Vec::new();
        let push = |data: &mut Vec<u8>, mut v: u64| loop {
            let b = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                data.push(b);
                break;
            }
            data.push(b | 0x80);
        };
        for (c, list) in &self.lists {
            chars.push(*c as u32);
            starts.push(data.len() as u32);
            push(&mut data, list.len() as u64);
            let mut prev = None;
            for &(doc, tf) in list {
                push(&mut data, u64::from(doc - prev.unwrap_or(0)));
                push(&mut data, u64::from(tf));
                prev = Some(doc);
            }
        }
        if !self.lists.is_empty() {
            starts.push(data.len() as u32);
        }
        PostingsBytes { chars: chars.finish(), starts: starts.finish(), data }
    }
}

/// The owned bytes of finished postings.
#[derive(Debug, Clone)]
pub struct PostingsBytes {
    chars: super::PackedBytes,
    starts: super::PackedBytes,
    data: Vec<u8>,
}

impl PostingsBytes {
    /// Borrow, for encoding.
    pub fn as_postings(&self) -> Postings<'_> {
        Postings { chars: self.chars.as_packed(), starts: self.starts.as_packed(), data: &self.data }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let mut w = PostingsWriter::default();
        for (c, doc, tf) in [('拉', 0, 2), ('萨', 0, 1), ('拉', 2, 1), ('萨', 2, 1), ('a', 300, 7)] {
            w.add(c, doc, tf);
        }
        let owned = w.finish();
        let p = owned.as_postings();
        assert_eq!(p.check(), Ok(3));
        assert_eq!(p.list('拉', 301).unwrap().collect::<Vec<_>>(), vec![(0, 2), (2, 1)]);
        assert_eq!(p.list('a', 301).unwrap().collect::<Vec<_>>(), vec![(300, 7)]);
        assert_eq!(p.list('林', 301).unwrap().count(), 0);
        // Ids at or past the document count end the list.
        assert_eq!(p.list('a', 300).unwrap().count(), 0);
        let empty = PostingsWriter::default().finish();
        assert!(empty.as_postings().list('拉', 1).is_none());
    }

    #[test]
    fn corrupt_lists_stop_early() {
        let starts = [0u32, 6].into_iter().collect::<crate::bundle::PackedWriter>().finish();
        let chars = ['拉' as u32].into_iter().collect::<crate::bundle::PackedWriter>().finish();
        // Claims 5 documents; the second has delta 0; then the bytes run out.
        let data = [5u8, 1, 1, 0, 1, 0xFF];
        let p = Postings { chars: chars.as_packed(), starts: starts.as_packed(), data: &data };
        assert_eq!(p.list('拉', 10).unwrap().collect::<Vec<_>>(), vec![(1, 1)]);
    }
}

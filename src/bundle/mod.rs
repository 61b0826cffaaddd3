//! The bundle: one binary file holding a whole corpus, ready to query.
//!
//! Written by `build.rs` (and the native builder) through [`Bundle::to_bytes`],
//! read by the query engine through [`Bundle::from_bytes`]. Both sides compile
//! this very module (`build.rs` includes it with `#[path]`), so the writer and
//! the reader cannot drift apart.
//!
//! # Layout
//!
//! ```text
//! offset  size  what
//! 0       8     magic: 0x89 "YULIAO" "\n"
//! 8       4     format version, u32 little-endian (FORMAT_VERSION)
//! 12      4     reserved, zero
//! 16      8     payload length in bytes, u64 little-endian
//! 24      8     payload checksum (see `checksum`), u64 little-endian
//! 32      ...   payload: a `Bundle` encoded with bincode 2 (standard config)
//! ```
//!
//! # What the payload holds
//!
//! * `text`: the *title block*, every title that is not already part of its
//!   document's text, then the *text block*, every document's text; UTF-8,
//!   each followed by a NUL byte, in id order. This is the only copy of the
//!   text, and it is what queries scan: matching is a substring search over
//!   these bytes, so it finds every occurrence whatever the segmenter did.
//! * `docs`: per-document columns (where its title and text are in `text`,
//!   its length in characters).
//! * `fields`: metadata columns (`source`, `region`, `reporters`, ...), each a
//!   sorted table of distinct values and, per document, the ids of its values.
//! * `postings` (large corpora only): for each folded character, the
//!   documents containing it and how often ([`postings`]), so that a query
//!   scans only the documents that can match.
//! * `forms`: the characters of the text that are not their own fold
//!   (capitals, full-width forms), so that a query looks only for the forms
//!   the corpus contains ([`Forms`]).
//! * `han`: the classes of traditional and simplified characters that
//!   touch the corpus ([`han`]), so that `發展` finds `发展` and the other
//!   way round.
//! * `readings`: the pinyin readings of the corpus's Han characters
//!   ([`readings`]), so that `dangjian` finds `党建`.
//! * `vocabulary`: the corpus vocabulary (every word the build segmentation
//!   produced, with its frequency and part of speech), from which the runtime
//!   segmenter re-derives exactly the build's segmentation without jieba.
//!
//! There are no positional postings: measured on the 25,783-document
//! `stories.jsonl`, they would compress (brotli) to twice the text itself,
//! while a SIMD scan of all 38.7 MB takes 4 to 7 ms in wasm. Document-level
//! character postings cost a fraction of that and let most queries skip most
//! of the scan.
//!
//! # Decoding is cheap and checked
//!
//! Decoding borrows every bulk field (`&[u8]`, `&str`) from the input: opening
//! a bundle copies no text and parses no lists, it only checks that lengths
//! and offsets are consistent (O(documents + metadata values)). Lists of
//! structured items are [`List`]s, which refuse a length longer than the
//! bytes left, so a corrupt length can never trigger a huge allocation.

pub mod han;
pub mod packed;
pub mod postings;
pub mod readings;
pub mod words;

use bincode::de::read::Reader;
use bincode::de::BorrowDecoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{BorrowDecode, Encode};
use core::fmt;

pub use packed::{Packed, PackedBytes, PackedWriter, Strings, StringsBytes, StringsWriter};
pub use postings::{Forms, PostingList, Postings, PostingsBytes, PostingsWriter};
pub use words::{word_order, Words, WordsBytes, WordsWriter};

/// The first eight bytes of every bundle.
pub const MAGIC: [u8; 8] = *b"\x89YULIAO\n";

/// The version of the payload layout. Bump it whenever `Bundle` or anything it
/// contains changes shape or meaning.
pub const FORMAT_VERSION: u32 = 5;

/// Size of the fixed header before the payload.
pub const HEADER_LEN: usize = 32;

/// A whole corpus, borrowed from the bytes it was decoded from.
#[derive(Debug, Clone, Encode, BorrowDecode)]
pub struct Bundle<'a> {
    /// Corpus-wide counts.
    pub stats: Stats,
    /// The title block then the text block, NUL-separated (see the module
    /// documentation).
    pub text: &'a [u8],
    /// Per-document columns.
    pub docs: Documents<'a>,
    /// Metadata fields, in display order.
    pub fields: List<Field<'a>>,
    /// The corpus vocabulary, for segmentation.
    pub vocabulary: Vocabulary<'a>,
    /// Character postings (empty for small corpora, which are scanned whole).
    pub postings: Postings<'a>,
    /// The characters of the text that differ from their fold ([`Forms`]).
    pub forms: Forms<'a>,
    /// The classes of traditional and simplified characters ([`han`]).
    pub han: &'a str,
    /// The pinyin readings of the corpus's Han characters ([`readings`]).
    pub readings: &'a str,
}

/// Corpus-wide counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, BorrowDecode)]
pub struct Stats {
    /// Number of documents.
    pub documents: u32,
    /// Characters (Unicode scalar values) of all document texts.
    pub characters: u64,
    /// Tokens of the build segmentation of all document texts, whitespace excluded.
    pub tokens: u64,
    /// Sum of [`Documents::chars`] (for BM25's average document length).
    pub searchable_chars: u64,
}

/// Per-document columns. Offsets are byte offsets into [`Bundle::text`].
///
/// A document's title may lie inside its text (a newspaper headline is part
/// of the article's text): then `title_start..title_end` is within
/// `text_start..text_end` and the title is not stored twice.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Documents<'a> {
    /// Byte offset where the text starts.
    pub text_start: Packed<'a>,
    /// Byte offset one past the text's end.
    pub text_end: Packed<'a>,
    /// Byte offset where the title starts.
    pub title_start: Packed<'a>,
    /// Byte offset one past the title's end.
    pub title_end: Packed<'a>,
    /// Length in characters of everything searchable in the document (its
    /// text, plus its title when stored separately); the BM25 length.
    pub chars: Packed<'a>,
}

/// The type of a metadata field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, BorrowDecode)]
pub enum FieldKind {
    /// One string per document.
    Text,
    /// A list of strings per document (e.g. `reporters`).
    Texts,
    /// One number per document; values are stored as their canonical text.
    Number,
    /// One boolean per document, stored as `true` / `false`.
    Boolean,
}

impl FieldKind {
    /// The name used in `info().schema`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "string",
            FieldKind::Texts => "strings",
            FieldKind::Number => "number",
            FieldKind::Boolean => "boolean",
        }
    }
}

/// A metadata column.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Field<'a> {
    /// Field name, as in filters and results.
    pub name: &'a str,
    /// Value type.
    pub kind: FieldKind,
    /// Whether the field is offered as a facet. Fields whose every value is
    /// unique to one document (URLs, keys) are not.
    pub facet: bool,
    /// Distinct values as canonical text; sorted by bytes, except for
    /// number fields, which are sorted by value.
    pub values: Strings<'a>,
    /// For number fields, each value as an `f64`, little-endian, in the
    /// order of `values` (so the runtime never parses or prints floats);
    /// empty for other fields.
    pub numbers: &'a [u8],
    /// Document `d`'s value ids are `doc_values[doc_starts[d]..doc_starts[d + 1]]`.
    pub doc_starts: Packed<'a>,
    /// Value ids (indices into `values`).
    pub doc_values: Packed<'a>,
}

/// The corpus vocabulary: every distinct token of the build segmentation.
///
/// The segmenter ([`crate::segment`]) finds, at each position, the words of
/// this table that start there, and picks the most probable path using the
/// weights. Worked example: in `拉萨市基层党建工作扫描` the words starting at
/// `拉` include `拉萨` and `拉萨市`; the weights decide `拉萨市|基层|党建|工作|扫描`.
#[derive(Debug, Clone, Copy, Encode, BorrowDecode)]
pub struct Vocabulary<'a> {
    /// The words, grouped by byte length and sorted by bytes within a
    /// group ([`words`]); a word's id is its index in this order.
    pub words: Words<'a>,
    /// How often the word occurs in the build segmentation of the corpus.
    pub counts: Packed<'a>,
    /// Each word's segmentation weight (its frequency in jieba's reading of
    /// the corpus; 0 for tokens the segmenter forms by rule, such as runs of
    /// digits), stored as the zigzag-encoded difference from its count,
    /// which it almost always equals: a column of zeros compresses to
    /// nothing. Read it with [`Vocabulary::weight`].
    pub weight_deltas: Packed<'a>,
    /// Part-of-speech tag of each word, as an index into `pos`.
    pub tags: Packed<'a>,
    /// Part-of-speech tag names (jieba's tag set: `n`, `v`, `ns`, `nr`, ...,
    /// plus `w` for punctuation and symbols; format 4).
    pub pos: Strings<'a>,
    /// The total the path probabilities are normalised by: the sum of the
    /// weights of every word jieba produced, including words the final
    /// segmentation never chose and which are therefore not stored.
    pub total_weight: u64,
}

impl Field<'_> {
    /// Number value `i` of a number field.
    pub fn number(&self, i: usize) -> Option<f64> {
        let b = self.numbers.get(i.checked_mul(8)?..i.checked_mul(8)?.checked_add(8)?)?;
        let mut le = [0u8; 8];
        le.copy_from_slice(b);
        Some(f64::from_le_bytes(le))
    }
}

impl Vocabulary<'_> {
    /// The segmentation weight of word `i`.
    #[inline]
    pub fn weight(&self, i: usize) -> u32 {
        let delta = self.weight_deltas.at(i);
        let diff = i64::from(delta >> 1) ^ -i64::from(delta & 1);
        (i64::from(self.counts.at(i)) + diff).clamp(0, i64::from(u32::MAX)) as u32
    }
}

/// The largest weight or count a vocabulary stores (writers clamp to it), so
/// that their difference fits the zigzag encoding in 32 bits.
pub const MAX_FREQUENCY: u32 = i32::MAX as u32;

/// The zigzag encoding of `weight - count`, as stored in
/// [`Vocabulary::weight_deltas`]; both at most [`MAX_FREQUENCY`].
pub fn weight_delta(weight: u32, count: u32) -> u32 {
    let diff = i64::from(weight) - i64::from(count);
    ((diff << 1) ^ (diff >> 63)) as u32
}

/// A list decoded with its length checked against the bytes left, so a
/// corrupt length is an error rather than a giant allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T>(pub Vec<T>);

impl<T: Encode> Encode for List<T> {
    fn encode<E: Encoder>(&self, encoder: &mut E) -> Result<(), EncodeError> {
        self.0.encode(encoder)
    }
}

impl<'de, T: BorrowDecode<'de, C>, C> BorrowDecode<'de, C> for List<T> {
    fn borrow_decode<D: BorrowDecoder<'de, Context = C>>(decoder: &mut D) -> Result<Self, DecodeError> {
        let len = u64::borrow_decode(decoder)?;
        let len = usize::try_from(len).map_err(|_| DecodeError::Other("list length overflows usize"))?;
        // Every item takes at least one byte.
        if decoder.borrow_reader().peek_read(len).is_none() && len > 0 {
            return Err(DecodeError::Other("list is longer than the bytes left"));
        }
        // Reserve no more memory than the `len` bytes known to be left: an
        // item in memory may be far larger than its encoding, so a crafted
        // length must not make the decoder allocate a multiple of the input
        // before it fails. (A real list grows past that as it is read.)
        let mut items = Vec::with_capacity(len / core::mem::size_of::<T>().max(1));
        for _ in 0..len {
            items.push(T::borrow_decode(decoder)?);
        }
        Ok(List(items))
    }
}

/// Why a bundle could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// The bytes do not start with [`MAGIC`]: not a yuliao bundle at all.
    NotABundle,
    /// Made by a yuliao with another payload layout.
    Version {
        /// Version in the file.
        found: u32,
        /// Version this code reads.
        expected: u32,
    },
    /// Fewer bytes than the header says.
    Truncated {
        /// Bytes the header announces (header included).
        expected: u64,
        /// Bytes present.
        found: u64,
    },
    /// The payload's checksum does not match: the bytes were altered.
    Checksum,
    /// The payload does not decode or is inconsistent.
    Corrupt(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::NotABundle => {
                write!(f, "not a yuliao bundle (the file does not start with the yuliao magic bytes)")
            }
            BundleError::Version { found, expected } => write!(
                f,
                "bundle format version {found} is not supported (this yuliao reads version {expected}); \
                 rebuild the bundle with this version of yuliao"
            ),
            BundleError::Truncated { expected, found } => write!(
                f,
                "bundle is truncated: the header announces {expected} bytes but only {found} are present"
            ),
            BundleError::Checksum => write!(
                f,
                "bundle checksum mismatch: the file was altered or damaged after it was built; rebuild or re-download it"
            ),
            BundleError::Corrupt(why) => write!(f, "bundle is corrupt: {why}"),
        }
    }
}

impl std::error::Error for BundleError {}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

impl<'a> Bundle<'a> {
    /// Encode with header, version and checksum.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let payload = bincode::encode_to_vec(self, config())?;
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Open a bundle: check the header, optionally the checksum, decode,
    /// and check that the contents are consistent ([`Bundle::validate`]).
    ///
    /// With `verify` the payload checksum is checked too (a linear pass over
    /// the bytes); skip it only for bytes that cannot have been altered, such
    /// as the bundle compiled into the library.
    pub fn from_bytes(bytes: &'a [u8], verify: bool) -> Result<Bundle<'a>, BundleError> {
        let (payload, sum) = payload(bytes)?;
        if verify && checksum(payload) != sum {
            return Err(BundleError::Checksum);
        }
        let bundle = Bundle::decode_payload(payload)?;
        bundle.validate().map_err(BundleError::Corrupt)?;
        Ok(bundle)
    }

    /// Decode bytes that [`Bundle::from_bytes`] has accepted before, without
    /// checking them again: a few microseconds, nothing copied. Only for
    /// such bytes: the engine's readers rely on what [`Bundle::validate`]
    /// checked (readers stay bounds-checked, but arithmetic on offsets that
    /// were never validated can overflow, which panics where overflow
    /// checks are on; the fuzzer found such a case).
    pub fn reopen(bytes: &'a [u8]) -> Result<Bundle<'a>, BundleError> {
        Bundle::decode_payload(payload(bytes)?.0)
    }

    fn decode_payload(payload: &'a [u8]) -> Result<Bundle<'a>, BundleError> {
        let (bundle, used): (Bundle<'a>, usize) = bincode::borrow_decode_from_slice(payload, config())
            .map_err(|e| BundleError::Corrupt(decode_error(&e)))?;
        if used != payload.len() {
            return Err(BundleError::Corrupt(format!(
                "the payload decodes in {used} bytes but is {} long",
                payload.len()
            )));
        }
        Ok(bundle)
    }

    /// Check that every column has the right length and every offset and id
    /// is in range, so readers can index without further checks failing.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.stats.documents as usize;
        let text_len = self.text.len() as u64;
        let d = &self.docs;
        for (name, col) in [
            ("text_start", d.text_start),
            ("text_end", d.text_end),
            ("title_start", d.title_start),
            ("title_end", d.title_end),
            ("chars", d.chars),
        ] {
            let len = col.check().map_err(|e| format!("document column {name}: {e}"))?;
            if len != n {
                return Err(format!("document column {name} has {len} entries for {n} documents"));
            }
        }
        for i in 0..n {
            let (ts, te) = (d.text_start.at(i) as u64, d.text_end.at(i) as u64);
            let (hs, he) = (d.title_start.at(i) as u64, d.title_end.at(i) as u64);
            if ts > te || te > text_len || hs > he || he > text_len {
                return Err(format!("document {i} points outside the text"));
            }
        }
        for field in &self.fields.0 {
            let name = field.name;
            let values = field.values.check().map_err(|e| format!("field {name} values: {e}"))?;
            let starts = field.doc_starts.check().map_err(|e| format!("field {name}: {e}"))?;
            let ids = field.doc_values.check().map_err(|e| format!("field {name}: {e}"))?;
            if starts != n + 1 {
                return Err(format!("field {name} has {starts} document offsets for {n} documents"));
            }
            field.doc_starts.check_ascending(ids as u64).map_err(|e| format!("field {name}: {e}"))?;
            let numbers = if field.kind == FieldKind::Number { values * 8 } else { 0 };
            if field.numbers.len() != numbers {
                return Err(format!(
                    "field {name} has {} bytes of numbers for {values} values",
                    field.numbers.len()
                ));
            }
            if field.doc_values.iter().any(|v| v as usize >= values) {
                return Err(format!("field {name} refers to a value it does not have"));
            }
        }
        let v = &self.vocabulary;
        let words = v.words.check().map_err(|e| format!("vocabulary: {e}"))?;
        let tags = v.pos.check().map_err(|e| format!("vocabulary tags: {e}"))?;
        for (name, col) in [("weights", v.weight_deltas), ("counts", v.counts), ("tags", v.tags)] {
            let len = col.check().map_err(|e| format!("vocabulary {name}: {e}"))?;
            if len != words {
                return Err(format!("vocabulary has {words} words but {len} {name}"));
            }
        }
        if v.tags.iter().any(|t| t as usize >= tags) {
            return Err("vocabulary refers to a part-of-speech tag it does not have".into());
        }
        self.postings.check().map_err(|e| format!("postings: {e}"))?;
        self.forms.check().map_err(|e| format!("character forms: {e}"))?;
        han::HanClasses(self.han)
            .check()
            .map_err(|e| format!("traditional and simplified characters: {e}"))?;
        readings::check(self.readings).map_err(|e| format!("pinyin readings: {e}"))?;
        Ok(())
    }
}

/// What a bincode decoding error means for a bundle. (Spelled out here
/// rather than through `DecodeError`'s `Display`, which formats with `Debug`
/// and would bring its machinery into the wasm.)
fn decode_error(e: &DecodeError) -> String {
    let what = match e {
        DecodeError::UnexpectedEnd { .. } => "the payload ends in the middle of a value",
        DecodeError::LimitExceeded => "a length exceeds the decoding limit",
        DecodeError::InvalidIntegerType { .. } => "an integer has an invalid encoding",
        DecodeError::UnexpectedVariant { .. } => "an enumeration has an unknown value",
        DecodeError::Utf8 { .. } => "a string is not valid UTF-8",
        DecodeError::InvalidBooleanValue(_) => "a boolean is neither 0 nor 1",
        DecodeError::OutsideUsizeRange(_) => "a length does not fit in memory",
        DecodeError::Other(why) => why,
        _ => "the payload does not decode",
    };
    what.to_string()
}

/// The payload of a bundle and its recorded checksum, after checking the
/// magic bytes, the format version and the length.
fn payload(bytes: &[u8]) -> Result<(&[u8], u64), BundleError> {
    let Some(header) = bytes.get(..HEADER_LEN).filter(|h| h[..8] == MAGIC) else {
        return Err(
            if bytes.len() < HEADER_LEN
                && !bytes.is_empty()
                && MAGIC.starts_with(&bytes[..bytes.len().min(8)])
            {
                BundleError::Truncated { expected: HEADER_LEN as u64, found: bytes.len() as u64 }
            } else {
                BundleError::NotABundle
            },
        );
    };
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&header[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let mut v = [0u8; 4];
    v.copy_from_slice(&header[8..12]);
    let version = u32::from_le_bytes(v);
    if version != FORMAT_VERSION {
        return Err(BundleError::Version { found: version, expected: FORMAT_VERSION });
    }
    let found = bytes.len() as u64;
    let expected = word(16).saturating_add(HEADER_LEN as u64);
    if found < expected {
        return Err(BundleError::Truncated { expected, found });
    }
    if found > expected {
        return Err(BundleError::Corrupt(format!(
            "{} bytes follow the payload the header announces",
            found - expected
        )));
    }
    Ok((&bytes[HEADER_LEN..], word(24)))
}

/// The canonical text of a number value: the shortest decimal that reads
/// back as the same `f64` (`2024`, `0.5`, `-3`), as the build stores number
/// metadata in [`Field::values`]. (The runtime compares numbers as `f64`s,
/// through [`Field::numbers`], and never calls this.)
pub fn canonical_number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    format!("{x}")
}

/// A 64-bit checksum of `bytes`, fast in wasm: four independent lanes of
/// multiply-rotate mixing over 8-byte words. Each step is a bijection of the
/// lane state for a given word, so any change confined to one lane (such as a
/// flipped bit) always changes the result.
pub fn checksum(bytes: &[u8]) -> u64 {
    const P: [u64; 4] =
        [0x9E37_79B1_85EB_CA87, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63];
    let mut acc: [u64; 4] = [P[1], P[2], P[3], P[0]];
    let whole = bytes.len() / 32 * 32;
    // Block by block: a wasm engine optimises a function after a few calls,
    // not in the middle of one long call, so one call per 64 KiB lets the
    // first checksum of a large bundle run at full speed too.
    for block in bytes[..whole].chunks(1 << 16) {
        checksum_lanes(&mut acc, block, &P);
    }
    for (i, word) in bytes[whole..].chunks(8).enumerate() {
        let mut w = [0u8; 8];
        w[..word.len()].copy_from_slice(word);
        let a = &mut acc[i % 4];
        *a = (*a ^ u64::from_le_bytes(w)).wrapping_mul(P[i % 4]).rotate_left(29);
    }
    let mut h = bytes.len() as u64;
    for a in acc {
        h ^= fmix(a);
        h = h.rotate_left(17).wrapping_mul(P[0]);
    }
    fmix(h)
}

/// The lanes of [`checksum`] over `block`, a multiple of 32 bytes long.
#[inline(never)]
fn checksum_lanes(acc: &mut [u64; 4], block: &[u8], p: &[u64; 4]) {
    for chunk in block.chunks_exact(32) {
        for (lane, a) in acc.iter_mut().enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&chunk[lane * 8..lane * 8 + 8]);
            *a = (*a ^ u64::from_le_bytes(w)).wrapping_mul(p[lane]).rotate_left(29);
        }
    }
}

fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    k ^= k >> 33;
    k = k.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    k ^ (k >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_canonical_text() {
        assert_eq!(canonical_number(2024.0), "2024");
        assert_eq!(canonical_number(0.5), "0.5");
        assert_eq!(canonical_number(-0.0), "0");
        assert_eq!(canonical_number(-3.0), "-3");
    }

    #[test]
    fn weight_deltas_round_trip() {
        for (weight, count) in [(0u32, 0u32), (5, 5), (0, 7), (9, 2), (MAX_FREQUENCY, 0), (0, MAX_FREQUENCY)]
        {
            let deltas = [weight_delta(weight, count)].into_iter().collect::<PackedWriter>().finish();
            let counts = [count].into_iter().collect::<PackedWriter>().finish();
            let empty = StringsWriter::default().finish();
            let no_words = WordsWriter::default().finish();
            let v = Vocabulary {
                words: no_words.as_words(),
                counts: counts.as_packed(),
                weight_deltas: deltas.as_packed(),
                tags: counts.as_packed(),
                pos: empty.as_strings(),
                total_weight: 0,
            };
            assert_eq!(v.weight(0), weight, "weight {weight} count {count}");
        }
    }

    #[test]
    fn checksum_sees_every_flipped_bit() {
        let data: Vec<u8> = (0..203u32).map(|i| (i * 7 + 3) as u8).collect();
        let base = checksum(&data);
        for byte in 0..data.len() {
            for bit in 0..8 {
                let mut d = data.clone();
                d[byte] ^= 1 << bit;
                assert_ne!(checksum(&d), base, "flip of bit {bit} in byte {byte} not seen");
            }
        }
        assert_ne!(checksum(&data[..202]), base);
        // Across the 64 KiB blocks of a long input too.
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let base = checksum(&long);
        for at in [0, 65_535, 65_536, 65_537, 131_072, 196_607, 199_999] {
            let mut d = long.clone();
            d[at] ^= 0x10;
            assert_ne!(checksum(&d), base, "flip at {at} not seen");
        }
    }
}

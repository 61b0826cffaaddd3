//! Index writing: documents in, bundle bytes out. Build time only.
//!
//! Used by `build.rs` (for the bundle compiled into the library) and by any
//! native program that builds a bundle file; both call [`build`].
//!
//! What it does, in order:
//!
//! 1. lays out the text: first the titles that are not already part of
//!    their text (a newspaper headline is), then every text, each followed
//!    by a NUL byte, in id order;
//! 2. records each document's offsets and its length in characters;
//! 3. turns metadata into columns: per field, the sorted distinct values and
//!    each document's value ids (a list field keeps its order, for display);
//! 4. segments the texts with jieba and the corpus vocabulary
//!    ([`crate::segment::tagger`]);
//! 5. for corpora of 1 MiB of text or more, counts each folded character per
//!    document ([`crate::bundle::postings`]);
//! 6. lists the characters that are not their own fold (capitals,
//!    full-width forms), with their documents when there are postings
//!    ([`crate::bundle::Forms`]);
//! 7. lists the classes of traditional and simplified characters that touch
//!    the corpus ([`han`]); steps 5 and 6 fold characters to their class's
//!    key, so that `發` is counted under `发` and listed as one of its forms;
//! 8. encodes the [`Bundle`].

pub mod han;
pub mod readings;

use crate::bundle::{
    Bundle, Documents, Field, FieldKind, Forms, List, PackedBytes, PackedWriter, PostingsBytes,
    PostingsWriter, Stats, StringsBytes, StringsWriter,
};
use crate::corpus::{Document, Value};
use crate::fold::fold;
use crate::segment::tagger::{segment_corpus, Segmentation};
use std::collections::BTreeMap;

/// Whether to build character postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PostingsChoice {
    /// For corpora of at least [`POSTINGS_THRESHOLD`] bytes of text.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never: every query scans the whole text.
    Never,
}

/// Text size from which [`PostingsChoice::Auto`] builds postings. Below it a
/// whole-text scan takes well under a millisecond and postings would only
/// add to the download.
pub const POSTINGS_THRESHOLD: usize = 1 << 20;

/// How to build an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether to build character postings.
    pub postings: PostingsChoice,
    /// Whether to carry the pinyin readings of the corpus's characters
    /// (default true; `build.rs` leaves them out of the search-only module,
    /// which cannot read pinyin).
    pub readings: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { postings: PostingsChoice::Auto, readings: true }
    }
}

/// Figures about a build, for reports and benchmarks.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildReport {
    /// Documents indexed.
    pub documents: usize,
    /// Characters of all texts.
    pub characters: u64,
    /// Bytes of UTF-8 text (titles and texts).
    pub text_bytes: usize,
    /// Tokens of the segmentation.
    pub tokens: u64,
    /// Distinct words.
    pub words: usize,
    /// Share of jieba's tokens reproduced by the corpus segmentation.
    pub agreement: f64,
    /// Size of the encoded bundle.
    pub bundle_bytes: usize,
    /// Size of the character postings (0 without).
    pub postings_bytes: usize,
}

/// Why a corpus cannot be indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IndexError {}

/// A field value as stored: canonical text.
fn texts_of(v: &Value) -> Vec<String> {
    match v {
        Value::Text(s) | Value::Number(s) => vec![s.clone()],
        Value::Texts(list) => list.clone(),
        Value::Boolean(b) => vec![b.to_string()],
    }
}

/// The value of a canonical number text (always valid: the corpus reader wrote it).
fn number(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

fn kind_of(values: &[&Value]) -> FieldKind {
    if values.iter().any(|v| matches!(v, Value::Texts(_))) {
        FieldKind::Texts
    } else {
        match values.first() {
            Some(Value::Number(_)) => FieldKind::Number,
            Some(Value::Boolean(_)) => FieldKind::Boolean,
            _ => FieldKind::Text,
        }
    }
}

/// One encoded metadata column.
struct FieldBytes {
    name: String,
    kind: FieldKind,
    facet: bool,
    values: StringsBytes,
    numbers: Vec<u8>,
    doc_starts: PackedBytes,
    doc_values: PackedBytes,
}

/// Documents' offsets into the text.
struct Layout {
    text: Vec<u8>,
    text_start: PackedWriter,
    text_end: PackedWriter,
    title_start: PackedWriter,
    title_end: PackedWriter,
    chars: PackedWriter,
    characters: u64,
}

/// Where a document's title is inside its text (a headline printed as part
/// of the article), so that it is not stored twice.
fn title_position(doc: &Document) -> Option<usize> {
    doc.text.find(doc.title.as_str()).filter(|_| !doc.title.is_empty())
}

fn title_in_text(doc: &Document) -> bool {
    title_position(doc).is_some()
}

fn layout(docs: &[Document]) -> Result<Layout, IndexError> {
    let mut l = Layout {
        text: Vec::new(),
        text_start: PackedWriter::default(),
        text_end: PackedWriter::default(),
        title_start: PackedWriter::default(),
        title_end: PackedWriter::default(),
        chars: PackedWriter::default(),
        characters: 0,
    };
    // First the titles that are not part of their text, then all texts: a
    // term's title matches come from one scan of the title block.
    let mut titles: Vec<Option<(usize, usize)>> = Vec::with_capacity(docs.len());
    for doc in docs {
        titles.push(match title_position(doc) {
            Some(_) => None,
            None => {
                let at = l.text.len();
                l.text.extend_from_slice(doc.title.as_bytes());
                l.text.push(0);
                Some((at, at + doc.title.len()))
            }
        });
    }
    for (doc, title) in docs.iter().zip(titles) {
        let text_chars = doc.text.chars().count() as u64;
        let start = l.text.len();
        l.text.extend_from_slice(doc.text.as_bytes());
        let end = l.text.len();
        l.text.push(0);
        let (ts, te) = match (title, title_position(doc)) {
            (Some(range), _) => range,
            (None, Some(i)) => (start + i, start + i + doc.title.len()),
            (None, None) => (start, start),
        };
        if l.text.len() > u32::MAX as usize {
            return Err(IndexError(format!(
                "the corpus text exceeds 4 GiB at {}; split the corpus into several bundles",
                doc.origin
            )));
        }
        for (col, v) in [
            (&mut l.text_start, start),
            (&mut l.text_end, end),
            (&mut l.title_start, ts),
            (&mut l.title_end, te),
        ] {
            col.push(v as u32);
        }
        let title_chars = if title.is_some() { doc.title.chars().count() as u64 } else { 0 };
        l.chars.push((text_chars + title_chars).min(u32::MAX as u64) as u32);
        l.characters += text_chars;
    }
    Ok(l)
}

fn fields(docs: &[Document]) -> Vec<FieldBytes> {
    let mut names: Vec<&str> = Vec::new();
    for doc in docs {
        for (name, _) in &doc.fields {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let values: Vec<&Value> = docs.iter().filter_map(|d| d.field(name)).collect();
            let kind = kind_of(&values);
            // Distinct values, sorted by bytes, with how many documents have each.
            let mut distinct: BTreeMap<String, usize> = BTreeMap::new();
            let per_doc: Vec<Vec<String>> = docs
                .iter()
                .map(|d| {
                    let mut vs = d.field(name).map(texts_of).unwrap_or_default();
                    let mut seen = Vec::new();
                    vs.retain(|v| {
                        let new = !seen.contains(v);
                        seen.push(v.clone());
                        new
                    });
                    for v in &vs {
                        *distinct.entry(v.clone()).or_default() += 1;
                    }
                    vs
                })
                .collect();
            // Number fields are ordered by value, others by bytes.
            let mut order: Vec<&str> = distinct.keys().map(String::as_str).collect();
            let mut numbers = Vec::new();
            if kind == FieldKind::Number {
                order.sort_by(|a, b| number(a).total_cmp(&number(b)));
                for v in &order {
                    numbers.extend_from_slice(&number(v).to_le_bytes());
                }
            }
            let ids: BTreeMap<&str, u32> = order.iter().enumerate().map(|(i, v)| (*v, i as u32)).collect();
            let mut table = StringsWriter::default();
            for v in &order {
                table.push(v);
            }
            let mut starts = PackedWriter::default();
            let mut doc_values = PackedWriter::default();
            starts.push(0);
            for vs in &per_doc {
                for v in vs {
                    doc_values.push(ids[v.as_str()]);
                }
                starts.push(doc_values.len() as u32);
            }
            // An identifier (a URL, a key) is unique to each document: filterable, not a facet.
            let identifier = distinct.len() > 100 && distinct.values().all(|&n| n == 1);
            FieldBytes {
                name: name.to_string(),
                kind,
                facet: !identifier,
                values: table.finish(),
                numbers,
                doc_starts: starts.finish(),
                doc_values: doc_values.finish(),
            }
        })
        .collect()
}

/// Count the folded characters of every document (title when separate, and
/// text), whitespace excepted.
fn postings(docs: &[Document], han: &han::Keys) -> PostingsBytes {
    let mut writer = PostingsWriter::default();
    let mut counts: BTreeMap<char, u32> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        counts.clear();
        let title = if title_in_text(doc) { "" } else { doc.title.as_str() };
        for c in title.chars().chain(doc.text.chars()).filter(|c| !c.is_whitespace()) {
            *counts.entry(han.key(fold(c))).or_default() += 1;
        }
        for (&c, &tf) in &counts {
            writer.add(c, d as u32, tf);
        }
    }
    writer.finish()
}

/// The characters of every document (title when separate, and text) that
/// are not their own fold, whitespace excepted, with the documents
/// containing each when `lists`.
fn forms(docs: &[Document], lists: bool, han: &han::Keys) -> (PackedBytes, PostingsBytes) {
    let mut writer = PostingsWriter::default();
    let mut all: BTreeMap<char, ()> = BTreeMap::new();
    let mut counts: BTreeMap<char, u32> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        counts.clear();
        let title = if title_in_text(doc) { "" } else { doc.title.as_str() };
        for c in
            title.chars().chain(doc.text.chars()).filter(|&c| !c.is_whitespace() && han.key(fold(c)) != c)
        {
            *counts.entry(c).or_default() += 1;
        }
        for (&c, &tf) in &counts {
            all.insert(c, ());
            if lists {
                writer.add(c, d as u32, tf);
            }
        }
    }
    (all.keys().map(|&c| c as u32).collect::<PackedWriter>().finish(), writer.finish())
}

/// The classes of traditional and simplified characters ([`han`]) that
/// contain a character of the corpus (titles and texts, width and case
/// folded).
fn han_classes(docs: &[Document]) -> Result<String, IndexError> {
    han::classes(&han_chars(docs)).map_err(IndexError)
}

/// The distinct characters of the corpus (titles and texts, width and case
/// folded).
fn han_chars(docs: &[Document]) -> std::collections::BTreeSet<char> {
    docs.iter().flat_map(|d| d.title.chars().chain(d.text.chars())).map(fold).collect()
}

/// Build the bundle for `docs` (in id order) with the default options.
pub fn build(docs: &[Document]) -> Result<(Vec<u8>, BuildReport), IndexError> {
    build_with(docs, Options::default())
}

/// Build the bundle for `docs` (in id order).
pub fn build_with(docs: &[Document], options: Options) -> Result<(Vec<u8>, BuildReport), IndexError> {
    if docs.is_empty() {
        return Err(IndexError("no documents to index".into()));
    }
    if docs.len() > u32::MAX as usize {
        return Err(IndexError("more than 4,294,967,295 documents".into()));
    }
    let l = layout(docs)?;
    let with_postings = match options.postings {
        PostingsChoice::Always => true,
        PostingsChoice::Never => false,
        PostingsChoice::Auto => l.text.len() >= POSTINGS_THRESHOLD,
    };
    let han_classes = han_classes(docs)?;
    let han = han::Keys::of(&han_classes);
    let postings = if with_postings { postings(docs, &han) } else { PostingsWriter::default().finish() };
    let (form_chars, form_docs) = forms(docs, with_postings, &han);
    let fields = fields(docs);
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let Segmentation { vocabulary, tokens, words, agreement } = segment_corpus(&texts);
    let searchable_chars: u64 = l.chars.iter().map(|&c| u64::from(c)).sum();
    let cols = [l.text_start, l.text_end, l.title_start, l.title_end, l.chars].map(PackedWriter::finish);
    let bundle = Bundle {
        stats: Stats { documents: docs.len() as u32, characters: l.characters, tokens, searchable_chars },
        text: &l.text,
        docs: Documents {
            text_start: cols[0].as_packed(),
            text_end: cols[1].as_packed(),
            title_start: cols[2].as_packed(),
            title_end: cols[3].as_packed(),
            chars: cols[4].as_packed(),
        },
        fields: List(
            fields
                .iter()
                .map(|f| Field {
                    name: &f.name,
                    kind: f.kind,
                    facet: f.facet,
                    values: f.values.as_strings(),
                    numbers: &f.numbers,
                    doc_starts: f.doc_starts.as_packed(),
                    doc_values: f.doc_values.as_packed(),
                })
                .collect(),
        ),
        vocabulary: vocabulary.as_vocabulary(),
        postings: postings.as_postings(),
        forms: Forms { chars: form_chars.as_packed(), docs: form_docs.as_postings() },
        han: &han_classes,
        readings: &if options.readings { readings::readings(&han_chars(docs)) } else { String::new() },
    };
    bundle.validate().map_err(|e| IndexError(format!("internal error, the bundle is inconsistent: {e}")))?;
    let bytes = bundle.to_bytes().map_err(|e| IndexError(format!("cannot encode the bundle: {e}")))?;
    let report = BuildReport {
        documents: docs.len(),
        characters: l.characters,
        text_bytes: l.text.len(),
        tokens,
        words,
        agreement,
        bundle_bytes: bytes.len(),
        postings_bytes: bundle.postings.data.len(),
    };
    Ok((bytes, report))
}

//! What the API returns: plain data, serialised to plain JavaScript objects.
//!
//! Names are camelCase. Offsets given to JavaScript (`start`, `end`) count
//! UTF-16 code units, so `doc.text.slice(start, end)` is the match. Document
//! metadata is flattened into hits and documents (`hit.region`, `hit.date`),
//! with `null` for a field the document lacks and an array for list fields.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A metadata value.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaValue<'a> {
    /// No value.
    Null,
    /// A string.
    Str(&'a str),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    List(Vec<&'a str>),
}

impl Serialize for MetaValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            MetaValue::Null => s.serialize_unit(),
            MetaValue::Str(v) => s.serialize_str(v),
            MetaValue::Num(v) => s.serialize_f64(*v),
            MetaValue::Bool(v) => s.serialize_bool(*v),
            MetaValue::List(v) => v.serialize(s),
        }
    }
}

/// Name/value pairs serialised as one object, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<'a, V>(pub Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Object<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A value of a field and how many documents have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueCount<'a> {
    /// The value.
    pub value: MetaValue<'a>,
    /// Number of documents.
    pub count: usize,
}

/// Facet counts per field.
pub type Facets<'a> = Object<'a, Vec<ValueCount<'a>>>;

/// A piece of a snippet; `mark` is true on matched text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The text, to be inserted as text (never as HTML).
    pub text: String,
    /// Whether this piece is a match.
    pub mark: bool,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit<'a> {
    /// Document id.
    pub id: u32,
    /// Document title.
    pub title: &'a str,
    /// Relevance score (see the README for the formula).
    pub score: f64,
    /// Whether the query occurs verbatim (false when only all its words do).
    pub verbatim: bool,
    /// Metadata fields.
    #[serde(flatten)]
    pub fields: Object<'a, MetaValue<'a>>,
    /// About 100 characters around the densest cluster of matches.
    pub snippet: Vec<Fragment>,
}

/// The result of `search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult<'a> {
    /// Documents matching the query and the filters.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit<'a>>,
    /// Per facet field, value counts over the documents matching the query
    /// and the filters on the other fields.
    pub facets: Facets<'a>,
}

/// A document listed by `filter`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary<'a> {
    /// Document id.
    pub id: u32,
    /// Document title.
    pub title: &'a str,
    /// Metadata fields.
    #[serde(flatten)]
    pub fields: Object<'a, MetaValue<'a>>,
}

/// The result of `filter`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterResult<'a> {
    /// Documents matching the filters.
    pub total: usize,
    /// The requested page, in id order.
    pub docs: Vec<DocSummary<'a>>,
    /// Facet counts, as for `search`.
    pub facets: Facets<'a>,
}

/// A match in a document, in UTF-16 code units of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Offset of the first code unit.
    pub start: usize,
    /// Offset past the last code unit.
    pub end: usize,
}

/// A whole document (`doc`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document<'a> {
    /// Document id.
    pub id: u32,
    /// Title.
    pub title: &'a str,
    /// Full text.
    pub text: &'a str,
    /// Metadata fields.
    #[serde(flatten)]
    pub fields: Object<'a, MetaValue<'a>>,
    /// With a `query` option: every match of its terms in `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<Span>>,
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line<'a> {
    /// Document id.
    pub id: u32,
    /// Up to `context` characters before the match.
    pub left: &'a str,
    /// The matched text, as it is in the document.
    #[serde(rename = "match")]
    pub matched: &'a str,
    /// Up to `context` characters after the match.
    pub right: &'a str,
    /// Offset of the match in the document's text, in UTF-16 code units.
    pub start: usize,
}

/// The result of `concordance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concordance<'a> {
    /// Every occurrence in the filtered documents.
    pub total: usize,
    /// The requested page of lines.
    pub lines: Vec<Line<'a>>,
}

/// A token of `segment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The word.
    pub word: String,
    /// Its part of speech (jieba's tag set).
    pub pos: &'a str,
}

/// A field in `info().schema`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaField<'a> {
    /// Field name.
    pub name: &'a str,
    /// `string`, `strings`, `number` or `boolean`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Whether it appears in `fields` and in facets.
    pub facet: bool,
    /// Number of distinct values.
    pub values: usize,
}

/// The result of `info`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info<'a> {
    /// Number of documents.
    pub documents: u32,
    /// Characters of all texts.
    pub characters: u64,
    /// Tokens of the corpus segmentation (whitespace excluded).
    pub tokens: u64,
    /// Distinct words in the vocabulary.
    pub words: usize,
    /// Every value of every facet field with its document count, most frequent first.
    pub fields: Object<'a, Vec<ValueCount<'a>>>,
    /// Every metadata field.
    pub schema: Vec<SchemaField<'a>>,
}

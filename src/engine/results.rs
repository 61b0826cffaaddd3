//! What the API returns.
//!
//! Names are camelCase. Offsets given to JavaScript (`start`, `end`) count
//! UTF-16 code units, so `doc.text.slice(start, end)` is the match. Document
//! metadata is flattened into hits and documents (`hit.region`, `hit.date`),
//! with `null` for a field the document lacks and an array for list fields.
//!
//! Every result derives serde's `Serialize`, once: the wasm layer turns it
//! into plain JavaScript objects with serde-wasm-bindgen (its JSON-compatible
//! serializer: objects, never `Map`s; `null` for missing values), the
//! command line into JSON with serde_json. The TypeScript declarations in the
//! generated `.d.ts` come from the same types (tsify, on wasm32).

use serde::ser::Serializer;
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
    /// A string made for a result (statistics: several words joined).
    #[cfg(feature = "stats")]
    Owned(String),
}

/// Name/value pairs serialised as one object, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<'a, V>(pub Vec<(&'a str, V)>);

/// A value of a field and how many documents have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ValueCount<'a> {
    /// The value.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MetaValue"))]
    pub value: MetaValue<'a>,
    /// Number of documents.
    pub count: usize,
}

/// Facet counts per field.
pub type Facets<'a> = Object<'a, Vec<ValueCount<'a>>>;

/// A piece of a snippet; `mark` is true on matched text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Fragment {
    /// The text, to be inserted as text (never as HTML).
    pub text: String,
    /// Whether this piece is a match.
    pub mark: bool,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, MetaValue | Fragment[]>"))]
    pub fields: Object<'a, MetaValue<'a>>,
    /// About 100 characters around the densest cluster of matches.
    pub snippet: Vec<Fragment>,
}

/// The result of `search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SearchResult<'a> {
    /// Documents matching the query and the filters.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit<'a>>,
    /// Per facet field, value counts over the documents matching the query
    /// and the filters on the other fields.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Facets"))]
    pub facets: Facets<'a>,
    /// The terms read as pinyin and the words each was read as (absent
    /// when none was).
    #[cfg(feature = "stats")]
    #[serde(rename = "readAs", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub read_as: Vec<ReadAs>,
}

/// A term of a query read as pinyin, and the words it was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ReadAs {
    /// The term as typed (for a query of pinyin terms only, the whole query).
    pub term: String,
    /// The corpus words it spells, most frequent first (at most 10): the
    /// term is searched as these words, each an alternative.
    pub words: Vec<String>,
}

/// One completion of `suggest`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Suggestion<'a> {
    /// The word or phrase.
    pub text: std::borrow::Cow<'a, str>,
    /// How often the corpus has it: a word's occurrences as a token, a
    /// phrase's occurrences in the text.
    pub count: u64,
}

/// A document listed by `filter`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocSummary<'a> {
    /// Document id.
    pub id: u32,
    /// Document title.
    pub title: &'a str,
    /// Metadata fields.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, MetaValue>"))]
    pub fields: Object<'a, MetaValue<'a>>,
}

/// The result of `filter`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FilterResult<'a> {
    /// Documents matching the filters.
    pub total: usize,
    /// The requested page, in id order.
    pub docs: Vec<DocSummary<'a>>,
    /// Facet counts, as for `search`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Facets"))]
    pub facets: Facets<'a>,
}

/// A match in a document, in UTF-16 code units of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Span {
    /// Offset of the first code unit.
    pub start: usize,
    /// Offset past the last code unit.
    pub end: usize,
}

/// A whole document (`doc`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Document<'a> {
    /// Document id.
    pub id: u32,
    /// Title.
    pub title: &'a str,
    /// Full text.
    pub text: &'a str,
    /// Metadata fields.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, MetaValue | Span[]>"))]
    pub fields: Object<'a, MetaValue<'a>>,
    /// With a `query` option: every match of its terms in `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub matches: Option<Vec<Span>>,
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Concordance<'a> {
    /// Every occurrence in the filtered documents.
    pub total: usize,
    /// The requested page of lines.
    pub lines: Vec<Line<'a>>,
    /// With `facets: true`: the documents with a match, counted by facet
    /// value as for `search` (disjunctive facets).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Facets", optional))]
    pub facets: Option<Facets<'a>>,
    /// With a `sample` option: how many lines the sample holds.
    #[cfg(feature = "stats")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sampled: Option<usize>,
}

/// A token of `segment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Token<'a> {
    /// The word.
    pub word: String,
    /// Its part of speech (jieba's tag set).
    pub pos: &'a str,
}

/// A field in `info().schema`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SchemaField<'a> {
    /// Field name.
    pub name: &'a str,
    /// `string`, `strings`, `number` or `boolean`.
    #[serde(rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"string\" | \"strings\" | \"number\" | \"boolean\""))]
    pub kind: &'static str,
    /// Whether it appears in `fields` and in facets.
    pub facet: bool,
    /// Number of distinct values.
    pub values: usize,
}

/// The result of `info`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Facets"))]
    pub fields: Object<'a, Vec<ValueCount<'a>>>,
    /// Every metadata field.
    pub schema: Vec<SchemaField<'a>>,
}

impl Serialize for MetaValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            MetaValue::Null => s.serialize_unit(),
            MetaValue::Str(v) => s.serialize_str(v),
            MetaValue::Num(v) => number(*v, s),
            MetaValue::Bool(v) => s.serialize_bool(*v),
            MetaValue::List(v) => v.serialize(s),
            #[cfg(feature = "stats")]
            MetaValue::Owned(v) => s.serialize_str(v),
        }
    }
}

/// A number, as an integer when it is one (`2024`, not `2024.0`, in JSON).
pub fn number<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
        s.serialize_i64(x as i64)
    } else {
        s.serialize_f64(x)
    }
}

impl<V: Serialize> Serialize for Object<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(js_key(k), v)?;
        }
        map.end()
    }
}

/// What a field named `__proto__` is called in a result until the wasm
/// API's last step gives it back its name. serde-wasm-bindgen sets an
/// object's keys by assignment, and assigning `__proto__` changes the
/// object's prototype (or, for a string, does nothing): the field would
/// vanish. Under this name it arrives as an ordinary key, and
/// `crate::wasm` renames it, as an own property, where [`PROTO_KEYS`] says
/// a result has one. Field names cannot contain control characters (the
/// build refuses them), so no field has this name.
#[cfg(target_arch = "wasm32")]
pub const PROTO_KEY: &str = "\u{1}__proto__";

/// Whether a result written since the flag was last cleared holds
/// [`PROTO_KEY`].
#[cfg(target_arch = "wasm32")]
pub static PROTO_KEYS: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// The key `name` is written under (see [`PROTO_KEY`]).
fn js_key(name: &str) -> &str {
    #[cfg(target_arch = "wasm32")]
    if name == "__proto__" {
        PROTO_KEYS.store(true, core::sync::atomic::Ordering::Relaxed);
        return PROTO_KEY;
    }
    name
}

/// The TypeScript declarations no Rust type stands for one to one.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A metadata value: a string, a number, a boolean, a list of strings, or null when the document has none. */
export type MetaValue = string | number | boolean | string[] | null;
/** Per facet field, its values with their document counts. */
export type Facets = Record<string, ValueCount[]>;
"#;

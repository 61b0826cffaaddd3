//! What the API returns, and how it is written out.
//!
//! Names are camelCase. Offsets given to JavaScript (`start`, `end`) count
//! UTF-16 code units, so `doc.text.slice(start, end)` is the match. Document
//! metadata is flattened into hits and documents (`hit.region`, `hit.date`),
//! with `null` for a field the document lacks and an array for list fields.
//!
//! Each result type says how it is written through [`Emit`], once; a
//! [`Sink`] decides the form. The wasm layer's sink builds plain JavaScript
//! objects directly (numbers stay numbers, no float formatting in the wasm),
//! [`Json`] writes JSON for native callers and tests. One definition of the
//! field names serves both, and no serialisation framework is compiled into
//! the wasm.

use core::fmt::Write as _;

/// Where [`Emit`] writes a value: a stream of JSON-like events.
pub trait Sink {
    /// `null`.
    fn null(&mut self);
    /// A boolean.
    fn bool(&mut self, b: bool);
    /// A number.
    fn num(&mut self, x: f64);
    /// A string.
    fn str(&mut self, s: &str);
    /// Start an array; values until [`Sink::end`] are its items.
    fn array(&mut self);
    /// Start an object; [`Sink::key`] and a value, until [`Sink::end`].
    fn object(&mut self);
    /// The next member's name.
    fn key(&mut self, k: &str);
    /// Close the innermost array or object.
    fn end(&mut self);
}

/// A value that can be written to a [`Sink`].
pub trait Emit {
    /// Write `self`.
    fn emit(&self, s: &mut dyn Sink);
}

impl Emit for str {
    fn emit(&self, s: &mut dyn Sink) {
        s.str(self)
    }
}

impl Emit for &str {
    fn emit(&self, s: &mut dyn Sink) {
        s.str(self)
    }
}

impl Emit for String {
    fn emit(&self, s: &mut dyn Sink) {
        s.str(self)
    }
}

impl Emit for bool {
    fn emit(&self, s: &mut dyn Sink) {
        s.bool(*self)
    }
}

impl Emit for f64 {
    fn emit(&self, s: &mut dyn Sink) {
        s.num(*self)
    }
}

macro_rules! emit_as_f64 {
    ($($t:ty),*) => {$(
        impl Emit for $t {
            fn emit(&self, s: &mut dyn Sink) {
                s.num(*self as f64)
            }
        }
    )*};
}
emit_as_f64!(u32, u64, usize);

impl<T: Emit> Emit for [T] {
    fn emit(&self, s: &mut dyn Sink) {
        s.array();
        for item in self {
            item.emit(s);
        }
        s.end();
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, s: &mut dyn Sink) {
        self.as_slice().emit(s)
    }
}

/// Write an object's members without the braces, for types that add
/// members of their own.
fn members(s: &mut dyn Sink, pairs: &[(&str, &dyn Emit)]) {
    for (k, v) in pairs {
        s.key(k);
        v.emit(s);
    }
}

/// Write a whole object.
fn object(s: &mut dyn Sink, pairs: &[(&str, &dyn Emit)]) {
    s.object();
    members(s, pairs);
    s.end();
}

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

impl Emit for MetaValue<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        match self {
            MetaValue::Null => s.null(),
            MetaValue::Str(v) => s.str(v),
            MetaValue::Num(v) => s.num(*v),
            MetaValue::Bool(v) => s.bool(*v),
            MetaValue::List(v) => v.emit(s),
        }
    }
}

/// Name/value pairs serialised as one object, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<'a, V>(pub Vec<(&'a str, V)>);

impl<V: Emit> Object<'_, V> {
    /// Write the members without braces (to flatten them into another object).
    fn members(&self, s: &mut dyn Sink) {
        for (k, v) in &self.0 {
            s.key(k);
            v.emit(s);
        }
    }
}

impl<V: Emit> Emit for Object<'_, V> {
    fn emit(&self, s: &mut dyn Sink) {
        s.object();
        self.members(s);
        s.end();
    }
}

/// A value of a field and how many documents have it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueCount<'a> {
    /// The value.
    pub value: MetaValue<'a>,
    /// Number of documents.
    pub count: usize,
}

/// Facet counts per field.
pub type Facets<'a> = Object<'a, Vec<ValueCount<'a>>>;

/// A piece of a snippet; `mark` is true on matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text, to be inserted as text (never as HTML).
    pub text: String,
    /// Whether this piece is a match.
    pub mark: bool,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq)]
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
    pub fields: Object<'a, MetaValue<'a>>,
    /// About 100 characters around the densest cluster of matches.
    pub snippet: Vec<Fragment>,
}

/// The result of `search`.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct DocSummary<'a> {
    /// Document id.
    pub id: u32,
    /// Document title.
    pub title: &'a str,
    /// Metadata fields.
    pub fields: Object<'a, MetaValue<'a>>,
}

/// The result of `filter`.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterResult<'a> {
    /// Documents matching the filters.
    pub total: usize,
    /// The requested page, in id order.
    pub docs: Vec<DocSummary<'a>>,
    /// Facet counts, as for `search`.
    pub facets: Facets<'a>,
}

/// A match in a document, in UTF-16 code units of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Offset of the first code unit.
    pub start: usize,
    /// Offset past the last code unit.
    pub end: usize,
}

/// A whole document (`doc`).
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// Document id.
    pub id: u32,
    /// Title.
    pub title: &'a str,
    /// Full text.
    pub text: &'a str,
    /// Metadata fields.
    pub fields: Object<'a, MetaValue<'a>>,
    /// With a `query` option: every match of its terms in `text`.
    pub matches: Option<Vec<Span>>,
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// Document id.
    pub id: u32,
    /// Up to `context` characters before the match.
    pub left: &'a str,
    /// The matched text, as it is in the document.
    pub matched: &'a str,
    /// Up to `context` characters after the match.
    pub right: &'a str,
    /// Offset of the match in the document's text, in UTF-16 code units.
    pub start: usize,
}

/// The result of `concordance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance<'a> {
    /// Every occurrence in the filtered documents.
    pub total: usize,
    /// The requested page of lines.
    pub lines: Vec<Line<'a>>,
}

/// A token of `segment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word.
    pub word: String,
    /// Its part of speech (jieba's tag set).
    pub pos: &'a str,
}

/// A field in `info().schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaField<'a> {
    /// Field name.
    pub name: &'a str,
    /// `string`, `strings`, `number` or `boolean`.
    pub kind: &'static str,
    /// Whether it appears in `fields` and in facets.
    pub facet: bool,
    /// Number of distinct values.
    pub values: usize,
}

/// The result of `info`.
#[derive(Debug, Clone, PartialEq)]
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

impl Emit for ValueCount<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("value", &self.value), ("count", &self.count)]);
    }
}

impl Emit for Fragment {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("text", &self.text), ("mark", &self.mark)]);
    }
}

impl Emit for Hit<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        s.object();
        members(
            s,
            &[("id", &self.id), ("title", &self.title), ("score", &self.score), ("verbatim", &self.verbatim)],
        );
        self.fields.members(s);
        members(s, &[("snippet", &self.snippet)]);
        s.end();
    }
}

impl Emit for SearchResult<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("total", &self.total), ("hits", &self.hits), ("facets", &self.facets)]);
    }
}

impl Emit for DocSummary<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        s.object();
        members(s, &[("id", &self.id), ("title", &self.title)]);
        self.fields.members(s);
        s.end();
    }
}

impl Emit for FilterResult<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("total", &self.total), ("docs", &self.docs), ("facets", &self.facets)]);
    }
}

impl Emit for Span {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("start", &self.start), ("end", &self.end)]);
    }
}

impl Emit for Document<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        s.object();
        members(s, &[("id", &self.id), ("title", &self.title), ("text", &self.text)]);
        self.fields.members(s);
        if let Some(m) = &self.matches {
            members(s, &[("matches", m)]);
        }
        s.end();
    }
}

impl Emit for Line<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(
            s,
            &[
                ("id", &self.id),
                ("left", &self.left),
                ("match", &self.matched),
                ("right", &self.right),
                ("start", &self.start),
            ],
        );
    }
}

impl Emit for Concordance<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("total", &self.total), ("lines", &self.lines)]);
    }
}

impl Emit for Token<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(s, &[("word", &self.word), ("pos", &self.pos)]);
    }
}

impl Emit for SchemaField<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(
            s,
            &[("name", &self.name), ("type", &self.kind), ("facet", &self.facet), ("values", &self.values)],
        );
    }
}

impl Emit for Info<'_> {
    fn emit(&self, s: &mut dyn Sink) {
        object(
            s,
            &[
                ("documents", &self.documents),
                ("characters", &self.characters),
                ("tokens", &self.tokens),
                ("words", &self.words),
                ("fields", &self.fields),
                ("schema", &self.schema),
            ],
        );
    }
}

/// An error is written as `{ "error": message, "kind": kind }`, so a
/// native caller gets every answer, failures included, in one shape.
impl<T: Emit> Emit for Result<T, crate::Error> {
    fn emit(&self, s: &mut dyn Sink) {
        match self {
            Ok(v) => v.emit(s),
            Err(e) => object(s, &[("error", &e.message()), ("kind", &e.kind().as_str())]),
        }
    }
}

/// A [`Sink`] writing JSON text (for native callers, the CLI and tests).
#[derive(Debug, Default)]
pub struct Json {
    out: String,
    /// Per open container: its closing bracket, and whether it has a member yet.
    open: Vec<(char, bool)>,
    /// A key was just written: the next value follows it without a comma.
    after_key: bool,
}

impl Json {
    /// `value` as JSON text.
    pub fn text(value: &dyn Emit) -> String {
        let mut j = Json::default();
        value.emit(&mut j);
        j.out
    }

    fn comma(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some((_, started)) = self.open.last_mut() {
            if *started {
                self.out.push(',');
            }
            *started = true;
        }
    }

    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn open(&mut self, bracket: char, close: char) {
        self.comma();
        self.out.push(bracket);
        self.open.push((close, false));
    }
}

impl Sink for Json {
    fn null(&mut self) {
        self.comma();
        self.out.push_str("null");
    }
    fn bool(&mut self, b: bool) {
        self.comma();
        self.out.push_str(if b { "true" } else { "false" });
    }
    fn num(&mut self, x: f64) {
        self.comma();
        if x.is_finite() {
            let _ = write!(self.out, "{x}");
        } else {
            self.out.push_str("null");
        }
    }
    fn str(&mut self, s: &str) {
        self.comma();
        self.quoted(s);
    }
    fn array(&mut self) {
        self.open('[', ']');
    }
    fn object(&mut self) {
        self.open('{', '}');
    }
    fn key(&mut self, k: &str) {
        self.comma();
        self.quoted(k);
        self.out.push(':');
        self.after_key = true;
    }
    fn end(&mut self) {
        if let Some((close, _)) = self.open.pop() {
            self.out.push(close);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_of_nested_values() {
        let hit = Hit {
            id: 3,
            title: "标题 \"引号\"",
            score: 1.5,
            verbatim: true,
            fields: Object(vec![
                ("region", MetaValue::Str("拉萨市")),
                ("reporters", MetaValue::List(vec!["甲", "乙"])),
                ("place", MetaValue::Null),
                ("n", MetaValue::Num(2024.0)),
            ]),
            snippet: vec![Fragment { text: "a\nb".into(), mark: true }],
        };
        assert_eq!(
            Json::text(&hit),
            r#"{"id":3,"title":"标题 \"引号\"","score":1.5,"verbatim":true,"region":"拉萨市","reporters":["甲","乙"],"place":null,"n":2024,"snippet":[{"text":"a\nb","mark":true}]}"#
        );
        assert_eq!(Json::text(&Vec::<u32>::new()), "[]");
        assert_eq!(Json::text(&Object::<u32>(vec![])), "{}");
    }
}

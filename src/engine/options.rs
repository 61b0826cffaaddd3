//! The options of every API call, typed with serde and checked on the way in.
//!
//! The wasm layer deserializes them from JavaScript values with
//! serde-wasm-bindgen, the command line from JSON with serde_json: one set of
//! derives, so both accept and refuse exactly the same options with the same
//! messages. [`parse`] reads through [`Plain`], which names the option at
//! fault in a message (`limit: expected an integer from 0 to 1000, got -1`)
//! and makes `deny_unknown_fields` work with serde-wasm-bindgen (which
//! otherwise reads only the fields a struct declares).
//!
//! Every option is optional; `undefined` and `null` mean the default.
//! Numbers that must be integers are [`Int`]s, bounded by a maximum in the
//! type. [`Filters`] keep their order and accept a single value for a list.

use crate::error::Error;
use core::fmt;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// An integer option in `0..=MAX`, `DEFAULT` when absent (`undefined` or `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int<const MAX: u64, const DEFAULT: u64>(pub u64);

impl<const MAX: u64, const DEFAULT: u64> Int<MAX, DEFAULT> {
    /// The value as a `usize`.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl<const MAX: u64, const DEFAULT: u64> Default for Int<MAX, DEFAULT> {
    fn default() -> Self {
        Int(DEFAULT)
    }
}

impl<'de, const MAX: u64, const DEFAULT: u64> Deserialize<'de> for Int<MAX, DEFAULT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        integer(Number::deserialize(d)?, MAX, DEFAULT).map(Int).map_err(de::Error::custom)
    }
}

/// `x` as an integer in `0..=max`, `default` when absent.
fn integer(x: Number, max: u64, default: u64) -> Result<u64, String> {
    match x.0 {
        None => Ok(default),
        Some(x) if x.fract() == 0.0 && x >= 0.0 && x <= max as f64 => Ok(x as u64),
        Some(x) => Err(format!("expected an integer from 0 to {max}, got {}", number_text(x))),
    }
}

/// A number option as given (`None` for `undefined` or `null`). One
/// visitor for every number option keeps the module small.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Number(pub Option<f64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Number, E> {
                Ok(Number(Some(x)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A filter value as given.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// Filters as given: `{ field: [values] }`, in the caller's order; a single
/// value stands for a one-element list, and a field given `null` or
/// `undefined` is left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters(pub Vec<(String, Vec<FilterValue>)>);

impl Filters {
    /// Whether no field is filtered.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, v)| v.is_empty())
    }
}

/// One field's filter values, single or listed.
struct FieldValues(Option<Vec<FilterValue>>);

impl<'de> Deserialize<'de> for FilterValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).and_then(|v| v.ok_or_else(|| de::Error::custom(VALUE_TYPES)))
    }
}

const VALUE_TYPES: &str = "filter values must be strings, numbers or booleans";

/// A filter value, or `None` for `null`/`undefined`.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Option<FilterValue>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number or a boolean")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(FilterValue::Text(s.to_string())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Some(FilterValue::Text(s)))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
        match x.is_finite() {
            true => Ok(Some(FilterValue::Number(x))),
            false => Err(E::custom(format_args!("{VALUE_TYPES}; got {}", number_text(x)))),
        }
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Some(FilterValue::Bool(b)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

impl<'de> Deserialize<'de> for FieldValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings, numbers or booleans, or one of them")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValues, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<FilterValue>()? {
                    out.push(v);
                }
                Ok(FieldValues(Some(out)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FieldValues, E> {
                ValueVisitor.visit_str(s).map(|v| FieldValues(v.map(|v| vec![v])))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<FieldValues, E> {
                ValueVisitor.visit_string(s).map(|v| FieldValues(v.map(|v| vec![v])))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<FieldValues, E> {
                ValueVisitor.visit_f64(x).map(|v| FieldValues(v.map(|v| vec![v])))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<FieldValues, E> {
                ValueVisitor.visit_bool(b).map(|v| FieldValues(v.map(|v| vec![v])))
            }
            fn visit_unit<E: de::Error>(self) -> Result<FieldValues, E> {
                Ok(FieldValues(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<FieldValues, E> {
                Ok(FieldValues(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Filters {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Filters;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object such as { region: [\"拉萨市\"] }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Filters, A::Error> {
                let mut out = Vec::new();
                while let Some((field, values)) = map.next_entry::<String, FieldValues>()? {
                    if let Some(values) = values.0 {
                        out.push((field, values));
                    }
                }
                Ok(Filters(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Filters, E> {
                Ok(Filters::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Filters, E> {
                Ok(Filters::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// Options of `search`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of search options such as { limit: 10 }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SearchOptions {
    /// Hits per page, 0..=1000 (default 10).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<1000, 10>,
    /// Hits to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Metadata filters.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Values listed per facet field, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub facet_limit: Int<100_000, 100>,
}

/// Options of `suggest`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of suggest options such as { limit: 8 }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SuggestOptions {
    /// Suggestions, 0..=100 (default 8).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<100, 8>,
}

/// Options of `filter` (its filters are its first argument).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of filter options such as { limit: 10 }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FilterOptions {
    /// Documents per page, 0..=1000 (default 10).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<1000, 10>,
    /// Documents to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Values listed per facet field, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub facet_limit: Int<100_000, 100>,
}

impl FilterOptions {
    /// The same page and facets as search options with `filters`.
    pub fn with_filters(self, filters: Filters) -> SearchOptions {
        SearchOptions { limit: self.limit, offset: self.offset, filters, facet_limit: self.facet_limit }
    }
}

/// How concordance lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "lowercase"))]
pub enum Sort {
    /// By document, then position.
    #[default]
    Doc,
    /// By the left context, nearest character first.
    Left,
    /// By the right context.
    Right,
}

impl<'de> Deserialize<'de> for Sort {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "doc" => Ok(Sort::Doc),
            "left" => Ok(Sort::Left),
            "right" => Ok(Sort::Right),
            other => Err(de::Error::custom(format_args!(
                "expected \"doc\", \"left\" or \"right\", got \"{other}\""
            ))),
        }
    }
}

/// Options of `concordance`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of concordance options such as { context: 20 }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ConcordanceOptions {
    /// Characters of context on each side, 0..=500 (default 20).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub context: Int<500, 20>,
    /// Lines per page, 0..=10000 (default 50).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<10_000, 50>,
    /// Lines to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Line order (default `"doc"`); with the corpus-linguistics build
    /// also a list of sort keys (`["R1", "R2:pos"]`).
    #[cfg_attr(all(target_arch = "wasm32", feature = "stats"), tsify(type = "Sort | SortKey | SortKey[]"))]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "stats")), tsify(type = "Sort"))]
    pub sort: Option<SortSpec>,
    /// Metadata filters.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Also count the documents with a match by facet value (default false),
    /// as `search` does: disjunctively, at most `facetLimit` values a field.
    pub facets: Option<bool>,
    /// Values listed per facet field, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub facet_limit: Int<100_000, 100>,
    /// `"char"` (default) or `"token"`: what `context` counts.
    #[cfg(feature = "stats")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"char\" | \"token\""))]
    pub context_unit: Option<String>,
    /// A deterministic random sample of all the matches, paged and sorted
    /// like the matches themselves.
    #[cfg(feature = "stats")]
    pub sample: Option<Sample>,
    /// `"json"` (default) or `"csv"`: every line (limit and offset
    /// ignored) as CSV.
    #[cfg(feature = "stats")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// The sort option of `concordance` in the search-only build.
#[cfg(not(feature = "stats"))]
pub type SortSpec = Sort;

/// The sort option of `concordance`: one key or a list of them, the first
/// deciding, the next breaking its ties, document order breaking the rest.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortSpec(pub Vec<SortKey>);

/// A concordance sort key.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// `"doc"`: document order.
    Doc,
    /// `"left"`: the left context, character by character outwards.
    Left,
    /// `"right"`: the right context, character by character.
    Right,
    /// `"match"` (`"match:pos"`): the matched words (their tags).
    Match {
        /// By tag rather than word.
        pos: bool,
    },
    /// `"L1"`…`"L5"`, `"R1"`…`"R5"` (`":pos"`): the word (tag) that many
    /// tokens left (negative) or right of the match.
    Token {
        /// -5..=-1 or 1..=5.
        offset: i8,
        /// By tag rather than word.
        pos: bool,
    },
}

#[cfg(feature = "stats")]
impl SortKey {
    fn parse(s: &str) -> Option<SortKey> {
        let (name, pos) = match s.strip_suffix(":pos") {
            Some(name) => (name, true),
            None => (s, false),
        };
        Some(match (name, pos) {
            ("doc", false) => SortKey::Doc,
            ("left", false) => SortKey::Left,
            ("right", false) => SortKey::Right,
            ("match", pos) => SortKey::Match { pos },
            _ => {
                let side = match name.get(..1)? {
                    "L" => -1,
                    "R" => 1,
                    _ => return None,
                };
                let n: i8 = name.get(1..)?.parse().ok().filter(|n| (1..=5).contains(n))?;
                SortKey::Token { offset: side * n, pos }
            }
        })
    }
}

#[cfg(feature = "stats")]
impl<'de> Deserialize<'de> for SortSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        const KEYS: &str = "\"doc\", \"left\", \"right\", \"match\", \"L1\"…\"L5\" or \"R1\"…\"R5\" (\"match\", L and R keys optionally with \":pos\")";
        fn key<E: de::Error>(s: &str) -> Result<SortKey, E> {
            SortKey::parse(s)
                .ok_or_else(|| E::custom(format_args!("expected a sort key: {KEYS}; got \"{s}\"")))
        }
        impl<'de> Visitor<'de> for V {
            type Value = SortSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sort key or a list of them, such as [\"L1\", \"R1\"]")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<SortSpec, E> {
                Ok(SortSpec(vec![key(s)?]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SortSpec, A::Error> {
                let mut keys = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    if keys.len() == 12 {
                        return Err(de::Error::custom("at most 12 sort keys"));
                    }
                    keys.push(key(&s)?);
                }
                Ok(SortSpec(keys))
            }
        }
        d.deserialize_any(V)
    }
}

/// A random sample of the matches: `size` of them, chosen with `seed`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default, expecting = "a sample such as { size: 100, seed: 1 }")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Sample {
    /// How many matches (default 100, at most 1000000).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub size: Int<1_000_000, 100>,
    /// Any integer from 0 to 2^53 (default 0): the same seed gives the
    /// same sample, on every machine.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub seed: Int<9_007_199_254_740_991, 0>,
}

/// Options of `frequencies`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of frequency options such as { by: \"word\" }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FrequencyOptions {
    /// What to count: `"word"` (default), `"pos"`, `"match"`, `"L1"`,
    /// `"R1"` (the last three need a query) or a metadata field.
    pub by: Option<String>,
    /// Metadata filters: the subcorpus counted.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Rows per page, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<100_000, 100>,
    /// Rows to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Count punctuation too (default false).
    pub punctuation: Option<bool>,
    /// `"json"` (default) or `"csv"` (every row).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// Options of `collocates`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of collocate options such as { window: [5, 5] }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CollocateOptions {
    /// Tokens left and right of the node, each 0..=20 (default [5, 5]).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "[number, number]"))]
    pub window: Option<(Int<20, 5>, Int<20, 5>)>,
    /// `"text"` or `"s"`: the span a window stays in (default: the query's
    /// `within`, else `"text"`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"text\" | \"s\""))]
    pub within: Option<String>,
    /// Metadata filters: the subcorpus.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Least observed co-occurrences O for a row (default 2).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub min_freq: Int<1_000_000_000, 2>,
    /// Only collocates whose tag matches this regular expression (`"n.*"`).
    pub pos: Option<String>,
    /// The score rows are sorted by: `"logDice"` (default), `"mi"`,
    /// `"mi3"`, `"tScore"`, `"logLikelihood"`, `"logRatio"` or `"observed"`.
    pub measure: Option<String>,
    /// Rows per page, 0..=100000 (default 50).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<100_000, 50>,
    /// Rows to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Report punctuation collocates too (default false).
    pub punctuation: Option<bool>,
    /// `"json"` (default) or `"csv"` (every row).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// Options of `ngrams`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of n-gram options such as { n: 3 }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NgramOptions {
    /// Tokens per n-gram, 2..=6 (default 2).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub n: Int<6, 2>,
    /// `"word"` (default) or `"pos"`: n-grams of words or of tags.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"word\" | \"pos\""))]
    pub by: Option<String>,
    /// Only n-grams with a word matching this regular expression (whole word).
    pub containing: Option<String>,
    /// Only n-grams whose tags match this template: n regular expressions
    /// separated by spaces (`"a u n.*"`).
    pub pos: Option<String>,
    /// Least occurrences for a row (default 2).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub min_freq: Int<1_000_000_000, 2>,
    /// Metadata filters: the subcorpus.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Rows per page, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<100_000, 100>,
    /// Rows to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// `"json"` (default) or `"csv"` (every row).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// Options of `dispersion`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of dispersion options such as { by: \"doc\" }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DispersionOptions {
    /// The parts: `"doc"` (default) or a metadata field with one value per
    /// document.
    pub by: Option<String>,
    /// Metadata filters: the subcorpus.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Return the match positions for a barcode plot (default true).
    pub positions: Option<bool>,
    /// Instead of every position, the matches counted in this many equal
    /// stretches of the line (1..=100000; default 0: positions).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub bins: Int<100_000, 0>,
    /// `"json"` (default) or `"csv"` (every part).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// Options of `keywords`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of keyword options such as { focus: { year: [2024] }, reference: \"rest\" }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct KeywordOptions {
    /// The focus subcorpus, as filters (required).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub focus: Filters,
    /// The reference: filters, `"rest"` (default: every document not in the
    /// focus) or `"all"` (the whole corpus).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters | \"rest\" | \"all\""))]
    pub reference: Reference,
    /// Metadata filters applied to both the focus and the reference (default
    /// none): "拉萨市 articles against the other articles" is
    /// `{ focus: { region: ["拉萨市"] }, filters: { kind: ["article"] } }`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Filters"))]
    pub filters: Filters,
    /// Least occurrences in the focus for a word to be tested (default 3).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub min_freq: Int<1_000_000_000, 3>,
    /// Rows per page, 0..=100000 (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub limit: Int<100_000, 100>,
    /// Rows to skip (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub offset: Int<{ u32::MAX as u64 }, 0>,
    /// Test punctuation too (default false).
    pub punctuation: Option<bool>,
    /// `"json"` (default) or `"csv"` (every row).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Format"))]
    pub format: Option<String>,
}

/// The reference subcorpus of `keywords`.
#[cfg(feature = "stats")]
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Reference {
    /// Every document not in the focus.
    #[default]
    Rest,
    /// The whole corpus.
    All,
    /// The documents passing these filters.
    Filters(Filters),
}

#[cfg(feature = "stats")]
impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Reference;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"rest\", \"all\" or a filters object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Reference, E> {
                match s {
                    "rest" => Ok(Reference::Rest),
                    "all" => Ok(Reference::All),
                    _ => Err(E::custom(format_args!(
                        "expected \"rest\", \"all\" or a filters object, got \"{s}\""
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Reference, A::Error> {
                Filters::deserialize(de::value::MapAccessDeserializer::new(map)).map(Reference::Filters)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Reference, E> {
                Ok(Reference::Rest)
            }
            fn visit_none<E: de::Error>(self) -> Result<Reference, E> {
                Ok(Reference::Rest)
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether a `format` option asks for CSV (`"json"`, the default, does not).
#[cfg(feature = "stats")]
pub fn wants_csv(format: &Option<String>) -> Result<bool, Error> {
    match format.as_deref() {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(other) => Err(Error::argument(format!("format must be \"json\" or \"csv\", got \"{other}\""))),
    }
}

/// Options of `doc`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    default,
    expecting = "an object of doc options such as { query: \"拉萨\" }"
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocOptions {
    /// Also return the spans of this query's matches in the text.
    pub query: Option<String>,
}

/// Deserialize the options `what` (`"search options"`, ...) from `value`;
/// an absent value (`undefined`, `null`) gives the defaults. Errors are
/// [`crate::ErrorKind::InvalidArgument`] naming the option at fault:
/// `search options: limit: expected an integer from 0 to 1000, got -1`.
pub fn parse<'de, T, S>(what: &str, value: S) -> Result<T, Error>
where
    T: Deserialize<'de> + Default,
    S: Source,
{
    if value.is_null() {
        return Ok(T::default());
    }
    let track = Track::default();
    T::deserialize(De { value, track: &track }).map_err(|e| failed(what, &track, e))
}

/// The error of [`parse`], out of its generic body: one copy in the module
/// rather than one per option type.
#[inline(never)]
fn failed(what: &str, track: &Track, e: DeError) -> Error {
    let path = track.failed.take().unwrap_or_default();
    Error::argument(if path.is_empty() { format!("{what}: {e}") } else { format!("{what}: {path}: {e}") })
}

/// Deserialize options from a JSON value (the command line and tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json<T: serde::de::DeserializeOwned + Default>(
    what: &str,
    value: &serde_json::Value,
) -> Result<T, Error> {
    parse(what, value.clone())
}

/// A value options are read from, as far as options care: a JavaScript
/// value (in the wasm layer, after its plain copy) or a JSON value (the
/// command line). Both are read by one [`De`], so both give the same
/// answers and the same messages.
pub trait Source: Sized {
    /// Whether the value is `null` (or `undefined`).
    fn is_null(&self) -> bool;
    /// What the value is.
    fn kind(self) -> Kind<Self>;
}

/// The shape of a [`Source`] value.
pub enum Kind<S> {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array.
    List(Vec<S>),
    /// An object's own enumerable string keys and their values, in order.
    Map(Vec<(String, S)>),
}

#[cfg(not(target_arch = "wasm32"))]
impl Source for serde_json::Value {
    fn is_null(&self) -> bool {
        self.is_null()
    }
    fn kind(self) -> Kind<Self> {
        use serde_json::Value;
        match self {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(b),
            Value::Number(n) => Kind::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Kind::Text(s),
            Value::Array(items) => Kind::List(items),
            Value::Object(map) => Kind::Map(map.into_iter().collect()),
        }
    }
}

/// The deserializer options are read through. Written here rather than
/// taken from serde-wasm-bindgen, for two measured reasons: serde-wasm-
/// bindgen's deserializer reads only the fields a struct declares, so
/// `deny_unknown_fields` cannot refuse a misspelt option (`limt`); and with
/// the wrapper that fixes that, it made the seed module 12.9 KB (brotli)
/// larger than this one, mostly float formatting and `Debug` printing
/// pulled in by its error messages (twiggy, 2026-12-02). This one reads
/// structs as maps, describes values in messages without either, and
/// records the path to the value at fault. Results still go out through
/// serde-wasm-bindgen's serializer.
struct De<'t, S> {
    value: S,
    track: &'t Track,
}

/// Why options could not be read: a message (the path is added by [`parse`]).
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError(format!("expected {expected}, got {}", describe(&unexpected)))
    }
    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError(format!("expected {expected}, got {}", describe(&unexpected)))
    }
}

/// A value in a message, without float formatting or `Debug`.
fn describe(u: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match u {
        U::Bool(b) => format!("the boolean {b}"),
        U::Unsigned(x) => format!("the number {x}"),
        U::Signed(x) => format!("the number {x}"),
        U::Float(x) => format!("the number {}", number_text(*x)),
        U::Str(s) if s.chars().count() > 40 => "a long string".into(),
        U::Str(s) => format!("the string \"{s}\""),
        U::Unit | U::Option => "null".into(),
        U::Seq => "an array".into(),
        U::Map => "an object".into(),
        _ => "another kind of value".into(),
    }
}

/// Where [`De`] is in the argument, and where the first error was.
#[derive(Default)]
struct Track {
    /// The path from the top to the value being read, like `filters.region[0]`.
    path: core::cell::RefCell<String>,
    /// The path of the innermost value that failed.
    failed: core::cell::Cell<Option<String>>,
}

impl Track {
    /// Enter the value at `key` (or at index `i` of an array); returns
    /// where to cut the path on leaving.
    fn enter(&self, key: Option<&str>, i: usize) -> usize {
        let mut path = self.path.borrow_mut();
        let cut = path.len();
        match key {
            Some(k) if cut == 0 => path.push_str(k),
            Some(k) => {
                path.push('.');
                path.push_str(k);
            }
            None => {
                path.push('[');
                path.push_str(&i.to_string());
                path.push(']');
            }
        }
        cut
    }

    /// Leave the value entered at `cut`; if it `failed` (and nothing
    /// inside it did), remember where.
    fn leave(&self, cut: usize, failed: bool) {
        let mut path = self.path.borrow_mut();
        if failed {
            let old = self.failed.take();
            self.failed.set(old.or_else(|| Some(path.clone())));
        }
        path.truncate(cut);
    }
}

impl<'de, S: Source> Deserializer<'de> for De<'_, S> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value.kind() {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            // Every number as an `f64`, as JavaScript has it: the option
            // types take numbers only through visit_f64.
            Kind::Number(x) => visitor.visit_f64(x),
            Kind::Text(s) => visitor.visit_string(s),
            Kind::List(items) => {
                visitor.visit_seq(Items { items: items.into_iter(), index: 0, track: self.track })
            }
            Kind::Map(entries) => {
                visitor.visit_map(Entries { entries: entries.into_iter(), value: None, track: self.track })
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.value.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// An array's items, each at its index.
struct Items<'t, S> {
    items: std::vec::IntoIter<S>,
    index: usize,
    track: &'t Track,
}

impl<'de, S: Source> SeqAccess<'de> for Items<'_, S> {
    type Error = DeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let cut = self.track.enter(None, self.index);
        self.index += 1;
        let r = seed.deserialize(De { value, track: self.track });
        self.track.leave(cut, r.is_err());
        r.map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's entries, each value at its key.
struct Entries<'t, S> {
    entries: std::vec::IntoIter<(String, S)>,
    value: Option<(String, S)>,
    track: &'t Track,
}

impl<'de, S: Source> MapAccess<'de> for Entries<'_, S> {
    type Error = DeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let k = seed.deserialize(de::value::StrDeserializer::<DeError>::new(&key))?;
        self.value = Some((key, value));
        Ok(Some(k))
    }
    fn next_value_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        let cut = self.track.enter(Some(&key), 0);
        let r = seed.deserialize(De { value, track: self.track });
        self.track.leave(cut, r.is_err());
        r
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// `items` separated by commas, for messages.
pub fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// A number as JavaScript would print it, for messages, without pulling
/// float formatting into the wasm: integers exactly, others to six decimals.
pub fn number_text(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return (x as i64).to_string();
    }
    if x.abs() >= 9.0e15 {
        return if x > 0.0 { "a number above 9e15".into() } else { "a number below -9e15".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    let micro = (x.fract() * 1e6).round() as u64;
    let (whole, micro) =
        if micro >= 1_000_000 { (x.trunc() as u64 + 1, 0) } else { (x.trunc() as u64, micro) };
    let frac = format!("{micro:06}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A filter value: strings match by text, numbers and booleans by value. */
export type FilterValue = string | number | boolean;
/** `{ field: [values] }`: values of one field are OR-ed, fields are AND-ed; a single value stands for a one-element list. */
export type Filters = Record<string, FilterValue | FilterValue[] | null>;
"#;

#[cfg(all(target_arch = "wasm32", feature = "stats"))]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const STATS_TYPES: &'static str = r#"
/** A concordance sort key: `"L1"`…`"L5"`, `"R1"`…`"R5"`, `"match"` (each optionally with `":pos"`), `"doc"`, `"left"` or `"right"`. */
export type SortKey = string;
/** `"json"` (the default) or `"csv"`: with `"csv"` a call returns a {@link CsvExport} holding every row. */
export type Format = "json" | "csv";
"#;

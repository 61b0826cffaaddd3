//! Frequency lists: of the corpus's words or tags, of a metadata field's
//! tokens, or of what a query matched.
//!
//! Without a query, `by: "word"` (or `"pos"`) counts the tokens of each
//! word (tag), `by: <field>` the tokens of the documents with each value.
//! With a query, each match counts once under its key: `"word"` its words
//! (space-separated), `"pos"` their tags, `"match"` its text as written,
//! `"L1"`/`"R1"` the word just before/after it in its document (`null` at
//! a document's edge), or its document's value of a field. Rows go by count
//! (highest first), then by value. For every row: `count`, `perMillion` =
//! count / N × 10⁶, and `range` = the documents in which it occurs. `types`
//! is the number of rows, `total` the sum of their counts.

use super::super::options::{wants_csv, FrequencyOptions};
use super::super::results::MetaValue;
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{Csv, CsvExport, Param, Params};
use super::{per_million, Match, Node, Subcorpus};
use crate::bundle::FieldKind;
use crate::error::{Error, ErrorKind};
use serde::Serialize;
use std::collections::HashMap;

/// One row of a frequency list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FrequencyRow<'a> {
    /// The word, tag, text or field value (`null`: no token, no value).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MetaValue"))]
    pub value: MetaValue<'a>,
    /// Occurrences.
    pub count: u64,
    /// count / N × 10⁶.
    pub per_million: f64,
    /// Documents it occurs in.
    pub range: u64,
}

/// The result of `frequencies`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Frequencies<'a> {
    /// N: tokens of the (filtered) corpus.
    pub tokens: u64,
    /// Documents of the (filtered) corpus.
    pub documents: usize,
    /// With a query: its matches (all, before any punctuation is left out).
    pub matches: Option<usize>,
    /// The sum of the rows' counts.
    pub total: u64,
    /// The number of rows (distinct values).
    pub types: usize,
    /// The requested page of rows.
    pub rows: Vec<FrequencyRow<'a>>,
}

/// What `frequencies` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// A page of rows.
    Table(Frequencies<'a>),
    /// Every row, as CSV.
    Csv(CsvExport),
}

/// A row being counted.
struct Tally {
    count: u64,
    range: u64,
    last_doc: u32,
}

impl Tally {
    fn add(&mut self, doc: u32) {
        self.count += 1;
        if self.last_doc != doc {
            self.last_doc = doc;
            self.range += 1;
        }
    }
}

/// Counts by key, each key's documents counted once (documents come in order).
struct Counter<K> {
    tallies: HashMap<K, Tally>,
}

impl<K: std::hash::Hash + Eq> Counter<K> {
    fn new() -> Self {
        Counter { tallies: HashMap::new() }
    }
    fn add(&mut self, key: K, doc: u32) {
        self.tallies.entry(key).or_insert(Tally { count: 0, range: 0, last_doc: u32::MAX }).add(doc);
    }
}

/// `frequencies(query, options)`; `query` may be absent (the corpus's list).
pub fn frequencies<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    query: Option<&str>,
    opts: &FrequencyOptions,
) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    let by = opts.by.as_deref().unwrap_or("word");
    let punctuation = opts.punctuation.unwrap_or(false);
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let field = match by {
        "word" | "pos" | "match" | "L1" | "R1" => None,
        name => Some(corpus.fields().iter().position(|f| f.name == name).ok_or_else(|| {
            let names: Vec<&str> = corpus.fields().iter().map(|f| f.name).collect();
            Error::new(
                ErrorKind::UnknownField,
                format!(
                    "frequencies: by must be \"word\", \"pos\", \"match\", \"L1\", \"R1\" or a field ({}), got \"{name}\"",
                    super::super::options::list(&names)
                ),
            )
        })?),
    };
    let vocabulary = &corpus.bundle().vocabulary;
    let mut rows: Vec<(MetaValue<'a>, u64, u64)> = Vec::new();
    let mut matches_total = None;
    match query {
        None => {
            if matches!(by, "match" | "L1" | "R1") {
                return Err(Error::argument(format!(
                    "frequencies by \"{by}\" need a query: the matches to count"
                )));
            }
            let counted = |i: usize| punctuation || !tokens.is_punctuation(i);
            if let Some(f) = field {
                // Tokens per value of the field.
                let field = &corpus.fields()[f];
                let mut counts: Vec<(u64, u64)> = vec![(0, 0); field.values.len()];
                let mut none = (0u64, 0u64);
                for &d in &sub.docs {
                    let n = tokens.doc(d as usize).filter(|&i| counted(i)).count() as u64;
                    let mut any = false;
                    for v in corpus.value_ids(field, d as usize) {
                        any = true;
                        if let Some(c) = counts.get_mut(v as usize) {
                            c.0 += n;
                            c.1 += u64::from(n > 0);
                        }
                    }
                    if !any {
                        none.0 += n;
                        none.1 += u64::from(n > 0);
                    }
                }
                for (v, &(count, range)) in counts.iter().enumerate() {
                    if count > 0 {
                        rows.push((corpus.value(field, v as u32)?, count, range));
                    }
                }
                if none.0 > 0 {
                    rows.push((MetaValue::Null, none.0, none.1));
                }
            } else {
                // Tokens per word or per tag.
                let pos = by == "pos";
                let n = if pos { vocabulary.pos.len() } else { vocabulary.words.len() };
                let mut tally: Vec<Tally> =
                    (0..n).map(|_| Tally { count: 0, range: 0, last_doc: u32::MAX }).collect();
                for &d in &sub.docs {
                    for i in tokens.doc(d as usize) {
                        if !counted(i) {
                            continue;
                        }
                        let w = tokens.words[i] as usize;
                        let k = if pos { usize::from(tokens.word_tag[w]) } else { w };
                        if let Some(t) = tally.get_mut(k) {
                            t.add(d);
                        }
                    }
                }
                for (k, t) in tally.iter().enumerate().filter(|(_, t)| t.count > 0) {
                    let value = if pos {
                        vocabulary.pos.get(k).map_err(|e| super::super::corrupt(&e))?
                    } else {
                        super::word(corpus, k as u32)?
                    };
                    rows.push((MetaValue::Str(value), t.count, t.range));
                }
            }
        }
        Some(q) => {
            let node = Node::parse(corpus, q)?;
            let matches = node.matches(corpus, tokens, &sub.docs);
            matches_total = Some(matches.len());
            count_matches(corpus, tokens, &matches, by, field, punctuation, &mut rows)?;
        }
    }
    sort_rows(&mut rows);
    let total: u64 = rows.iter().map(|r| r.1).sum();
    let types = rows.len();
    let row = |(value, count, range): (MetaValue<'a>, u64, u64)| FrequencyRow {
        value,
        count,
        per_million: per_million(count, sub.tokens),
        range,
    };
    if csv {
        let mut table = Csv::new(&["value", "count", "perMillion", "range"]);
        for r in rows.into_iter().map(row) {
            table.row(&[
                super::csv::meta_text(&r.value),
                r.count.to_string(),
                super::csv::number(r.per_million),
                r.range.to_string(),
            ]);
        }
        let filters = super::concordance::filter_text(&opts.filters);
        let export = CsvExport::new(corpus, "frequencies", query, filters, &sub, table, matches_total)
            .with_options(
                Params(vec![("by", Param::Text(by.into())), ("punctuation", Param::Flag(punctuation))]),
                if by == "word" { "" } else { by },
            );
        return Ok(Output::Csv(export));
    }
    let rows: Vec<FrequencyRow<'a>> =
        rows.into_iter().skip(opts.offset.get()).take(opts.limit.get()).map(row).collect();
    Ok(Output::Table(Frequencies {
        tokens: sub.tokens,
        documents: sub.docs.len(),
        matches: matches_total,
        total,
        types,
        rows,
    }))
}

/// Count each match under its key.
fn count_matches<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    matches: &[Match],
    by: &str,
    field: Option<usize>,
    punctuation: bool,
    rows: &mut Vec<(MetaValue<'a>, u64, u64)>,
) -> Result<(), Error> {
    let all_punctuation = |m: &Match| (m.start..m.end).all(|i| tokens.is_punctuation(i as usize));
    match (by, field) {
        (_, Some(f)) => {
            let field = &corpus.fields()[f];
            let mut counter: Counter<Option<u32>> = Counter::new();
            for m in matches.iter().filter(|m| punctuation || !all_punctuation(m)) {
                let mut any = false;
                for v in corpus.value_ids(field, m.doc as usize) {
                    any = true;
                    counter.add(Some(v), m.doc);
                }
                if !any {
                    counter.add(None, m.doc);
                }
            }
            for (k, t) in counter.tallies {
                let value = match k {
                    Some(v) => corpus.value(field, v)?,
                    None => MetaValue::Null,
                };
                rows.push((value, t.count, t.range));
            }
        }
        ("L1" | "R1", None) => {
            let mut counter: Counter<Option<u32>> = Counter::new();
            for m in matches {
                let doc = tokens.doc(m.doc as usize);
                let at = if by == "L1" {
                    (m.start as usize).checked_sub(1).filter(|&i| i >= doc.start)
                } else {
                    Some(m.end as usize).filter(|&i| i < doc.end)
                };
                match at {
                    Some(i) if !punctuation && tokens.is_punctuation(i) => {}
                    Some(i) => counter.add(Some(tokens.words[i]), m.doc),
                    None => counter.add(None, m.doc),
                }
            }
            for (k, t) in counter.tallies {
                let value = match k {
                    Some(w) => MetaValue::Str(super::word(corpus, w)?),
                    None => MetaValue::Null,
                };
                rows.push((value, t.count, t.range));
            }
        }
        ("match", None) => {
            let mut counter: Counter<&'a str> = Counter::new();
            for m in matches.iter().filter(|m| punctuation || !all_punctuation(m)) {
                counter.add(corpus.str_at((m.bytes.0 as usize, m.bytes.1 as usize))?, m.doc);
            }
            for (k, t) in counter.tallies {
                rows.push((MetaValue::Str(k), t.count, t.range));
            }
        }
        (_, None) => {
            // "word" or "pos": the sequence of words (tags) of the match.
            let pos = by == "pos";
            let mut counter: Counter<Vec<u32>> = Counter::new();
            for m in matches.iter().filter(|m| punctuation || !all_punctuation(m)) {
                let key = (m.start..m.end)
                    .map(|i| {
                        let w = tokens.words[i as usize];
                        if pos {
                            u32::from(tokens.word_tag[w as usize])
                        } else {
                            w
                        }
                    })
                    .collect();
                counter.add(key, m.doc);
            }
            let vocabulary = &corpus.bundle().vocabulary;
            for (k, t) in counter.tallies {
                let mut text = String::new();
                for (i, &x) in k.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    text.push_str(if pos {
                        vocabulary.pos.get(x as usize).map_err(|e| super::super::corrupt(&e))?
                    } else {
                        super::word(corpus, x)?
                    });
                }
                // A one-token key is the vocabulary's own string.
                let value = if k.len() == 1 && !pos {
                    MetaValue::Str(super::word(corpus, k[0])?)
                } else {
                    MetaValue::Owned(text)
                };
                rows.push((value, t.count, t.range));
            }
        }
    }
    Ok(())
}

/// Rows by count (highest first), then by value: `null` first, numbers
/// by value, text by code point.
pub fn sort_rows(rows: &mut [(MetaValue<'_>, u64, u64)]) {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| compare_values(&a.0, &b.0)));
}

/// The order of values within equal counts.
pub fn compare_values(a: &MetaValue<'_>, b: &MetaValue<'_>) -> core::cmp::Ordering {
    fn rank(v: &MetaValue<'_>) -> u8 {
        match v {
            MetaValue::Null => 0,
            MetaValue::Bool(_) => 1,
            MetaValue::Num(_) => 2,
            _ => 3,
        }
    }
    match (a, b) {
        (MetaValue::Num(x), MetaValue::Num(y)) => x.total_cmp(y),
        (MetaValue::Bool(x), MetaValue::Bool(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)).then_with(|| text(a).cmp(text(b))),
    }
}

fn text<'v>(v: &'v MetaValue<'_>) -> &'v str {
    match v {
        MetaValue::Str(s) => s,
        MetaValue::Owned(s) => s,
        _ => "",
    }
}

/// Whether `kind` has one value per document (a field dispersion can use).
pub fn single_valued(kind: FieldKind) -> bool {
    kind != FieldKind::Texts
}

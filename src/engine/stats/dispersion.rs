//! Dispersion: how evenly a query's matches spread over the parts of the
//! corpus (its documents, or the values of a field such as `date`).
//!
//! For parts i with s_i = their share of the (filtered) corpus's tokens and
//! v_i = their share of the matches (Gries 2008; Lijffijt and Gries 2012):
//!
//! ```text
//! DP     = ½ Σ |v_i − s_i|
//! DPnorm = DP / (1 − min s_i)
//! range  = the parts with at least one match
//! ```
//!
//! DP is 0 when the matches follow the parts' sizes exactly and near 1 when
//! they crowd into a small part; DPnorm rescales it to reach 1. Both are
//! `null` without a match (and DPnorm with a single part).
//!
//! `positions` place each match on one line through the subcorpus for a
//! barcode plot: documents one after another (in date order when the
//! corpus has a `date` field and the parts are documents, else by id; by
//! the field's values, in their natural order, when the parts are a field),
//! each match at the number of tokens before it on that line. With `bins`,
//! the matches are counted in that many equal stretches of the line instead
//! (what a plot of a large corpus needs, without a position per match).

use super::super::options::{wants_csv, DispersionOptions};
use super::super::results::MetaValue;
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{meta_text, number, Csv, CsvExport, Param, Params, Summary};
use super::frequencies::compare_values;
use super::{per_million, Node, Subcorpus};
use crate::bundle::FieldKind;
use crate::error::{Error, ErrorKind};
use serde::Serialize;

/// One part of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Part<'a> {
    /// The document id (parts by document) or the field's value (`null`:
    /// documents without one).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MetaValue"))]
    pub value: MetaValue<'a>,
    /// The document's title (parts by document).
    pub title: Option<&'a str>,
    /// The document's date (parts by document, in a corpus with a `date`
    /// field: what orders the line).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MetaValue"))]
    pub date: Option<MetaValue<'a>>,
    /// Tokens in the part.
    pub size: u64,
    /// Matches in the part.
    pub count: u64,
    /// count / size × 10⁶.
    pub per_million: f64,
    /// Where the part starts on the line of `positions` (in tokens).
    pub offset: u64,
}

/// The result of `dispersion`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Dispersion<'a> {
    /// All matches.
    pub total: u64,
    /// N: tokens of the (filtered) corpus.
    pub tokens: u64,
    /// `"doc"` or the field.
    pub by: String,
    /// The parts (in the order of the line), every one for a field; for
    /// documents, those with at least one match.
    pub parts: Vec<Part<'a>>,
    /// How many parts there are.
    pub part_count: usize,
    /// Parts with at least one match.
    pub range: usize,
    /// DP (Gries).
    pub dp: Option<f64>,
    /// DP / (1 − min s_i).
    pub dp_norm: Option<f64>,
    /// How documents are ordered on the line: `"date"`, `"id"` or the field.
    pub order: String,
    /// Each match's place on the line, in tokens from its start (ascending).
    pub positions: Option<Vec<u64>>,
    /// With `bins`: the matches in each of `bins` equal stretches of the
    /// line (a match at position p is in stretch ⌊p × bins / N⌋).
    pub histogram: Option<Vec<u64>>,
}

/// What `dispersion` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// The parts and the measures.
    Table(Dispersion<'a>),
    /// Every part, as CSV.
    Csv(CsvExport),
}

/// A part on its way to the line: its value, its title and date
/// (documents), its documents.
type Group<'a> = (MetaValue<'a>, Option<&'a str>, Option<MetaValue<'a>>, Vec<u32>);

/// `dispersion(query, options)`.
pub fn dispersion<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    query: &str,
    opts: &DispersionOptions,
) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    let by = opts.by.clone().unwrap_or_else(|| "doc".to_string());
    let field = if by == "doc" {
        None
    } else {
        let Some(f) = corpus.fields().iter().position(|f| f.name == by) else {
            let names: Vec<&str> = corpus.fields().iter().map(|f| f.name).collect();
            return Err(Error::new(
                ErrorKind::UnknownField,
                format!(
                    "dispersion: by must be \"doc\" or a field ({}), got \"{by}\"",
                    super::super::options::list(&names)
                ),
            ));
        };
        if corpus.fields()[f].kind == FieldKind::Texts {
            return Err(Error::argument(format!(
                "dispersion: the field {by} lists several values per document, so its values do not divide the corpus into parts; use \"doc\" or a field with one value per document"
            )));
        }
        Some(f)
    };
    let node = Node::parse(corpus, query)?;
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let matches = node.matches(corpus, tokens, &sub.docs);
    let mut per_doc = vec![0u64; corpus.len()];
    for m in &matches {
        per_doc[m.doc as usize] += 1;
    }
    // The parts, each a list of documents, in the order of the line.
    let (order, groups): (String, Vec<Group<'a>>) = match field {
        None => {
            let mut docs = sub.docs.clone();
            let date = corpus.fields().iter().find(|f| f.name == "date" && f.kind != FieldKind::Texts);
            let order = match date {
                Some(f) => {
                    let key = |d: u32| corpus.value_ids(f, d as usize).next();
                    // Values are sorted, so value ids order dates; documents
                    // without a date go last.
                    docs.sort_by_key(|&d| (key(d).unwrap_or(u32::MAX), d));
                    "date"
                }
                None => "id",
            };
            let mut groups = Vec::with_capacity(docs.len());
            for d in docs {
                let date = match date {
                    Some(f) => Some(corpus.field_value(f, d as usize)?),
                    None => None,
                };
                groups.push((MetaValue::Num(f64::from(d)), Some(corpus.title(d as usize)?), date, vec![d]));
            }
            (order.to_string(), groups)
        }
        Some(f) => {
            let field = &corpus.fields()[f];
            let mut by_value: Vec<Vec<u32>> = vec![Vec::new(); field.values.len()];
            let mut none = Vec::new();
            for &d in &sub.docs {
                match corpus.value_ids(field, d as usize).next() {
                    Some(v) => by_value[v as usize].push(d),
                    None => none.push(d),
                }
            }
            let mut groups = Vec::new();
            for (v, docs) in by_value.into_iter().enumerate().filter(|(_, docs)| !docs.is_empty()) {
                groups.push((corpus.value(field, v as u32)?, None, None, docs));
            }
            groups.sort_by(|a, b| compare_values(&a.0, &b.0));
            if !none.is_empty() {
                groups.push((MetaValue::Null, None, None, none));
            }
            (by.clone(), groups)
        }
    };
    let total = matches.len() as u64;
    let n = sub.tokens;
    let mut parts = Vec::with_capacity(groups.len());
    let mut positions = Vec::new();
    let bins = opts.bins.get();
    let want_positions = (opts.positions.unwrap_or(true) || bins > 0) && !csv;
    let (mut offset, mut sum, mut min_share, mut range) = (0u64, 0.0f64, f64::INFINITY, 0usize);
    // Matches by document, for positions.
    let mut first_match = vec![0usize; corpus.len() + 1];
    if want_positions {
        let mut at = 0;
        for (d, first) in first_match.iter_mut().enumerate() {
            while at < matches.len() && (matches[at].doc as usize) < d {
                at += 1;
            }
            *first = at;
        }
    }
    for (value, title, date, docs) in groups {
        let start = offset;
        let (mut size, mut count) = (0u64, 0u64);
        for &d in &docs {
            let doc = tokens.doc(d as usize);
            if want_positions {
                for m in &matches[first_match[d as usize]..first_match[d as usize + 1]] {
                    positions.push(offset + (m.start as u64 - doc.start as u64));
                }
            }
            offset += doc.len() as u64;
            size += doc.len() as u64;
            count += per_doc[d as usize];
        }
        let s = if n > 0 { size as f64 / n as f64 } else { 0.0 };
        let v = if total > 0 { count as f64 / total as f64 } else { 0.0 };
        sum += (v - s).abs();
        min_share = min_share.min(s);
        range += usize::from(count > 0);
        parts.push(Part {
            value,
            title,
            date,
            size,
            count,
            per_million: per_million(count, size),
            offset: start,
        });
    }
    let part_count = parts.len();
    let dp = (total > 0).then_some(sum / 2.0);
    let dp_norm = dp.filter(|_| part_count > 1 && min_share < 1.0).map(|dp| dp / (1.0 - min_share));
    if csv {
        let mut table = Csv::new(&["part", "title", "size", "count", "perMillion"]);
        for p in &parts {
            table.row(&[
                meta_text(&p.value),
                p.title.unwrap_or_default().to_string(),
                p.size.to_string(),
                p.count.to_string(),
                number(p.per_million),
            ]);
        }
        let filters = super::concordance::filter_text(&opts.filters);
        let mut export =
            CsvExport::new(corpus, "dispersion", Some(query), filters, &sub, table, Some(matches.len()))
                .with_options(Params(vec![("by", Param::Text(by.clone()))]), &by);
        export.about.summary = Summary(vec![("range", Some(range as f64)), ("dp", dp), ("dpNorm", dp_norm)]);
        return Ok(Output::Csv(export));
    }
    if field.is_none() {
        parts.retain(|p| p.count > 0);
    }
    Ok(Output::Table(Dispersion {
        total,
        tokens: n,
        by,
        parts,
        part_count,
        range,
        dp,
        dp_norm,
        order,
        histogram: (bins > 0 && want_positions).then(|| {
            let mut h = vec![0u64; bins];
            for &p in &positions {
                let b = (u128::from(p) * bins as u128 / u128::from(n.max(1))) as usize;
                h[b.min(bins - 1)] += 1;
            }
            h
        }),
        positions: (want_positions && bins == 0).then_some(positions),
    }))
}

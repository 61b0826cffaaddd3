//! N-grams: contiguous sequences of `n` tokens (2 to 6), of words or of
//! tags, inside a sentence and never including punctuation.
//!
//! Each sentence is cut at its punctuation tokens into runs, and every `n`
//! consecutive tokens of a run are one occurrence. `containing` keeps the
//! n-grams with a word matching a regular expression (the whole word);
//! `pos` keeps those whose tags match a template of `n` regular expressions
//! (`"a u n.*"`: an adjective, a particle, a noun). Rows are the n-grams
//! occurring at least `minFreq` times, by count then text, with `range`
//! (documents) and `perMillion` = count / N × 10⁶; `total` counts every
//! occurrence that passed the filters, `types` the rows.

use super::super::cql::compile::{Matcher, WordSet};
use super::super::cql::Value;
use super::super::options::{wants_csv, NgramOptions};
use super::super::results::MetaValue;
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{number, Csv, CsvExport, Param, Params};
use super::frequencies::FrequencyRow;
use super::{per_million, Subcorpus};
use crate::error::{Error, ErrorKind};
use serde::Serialize;

/// The result of `ngrams`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Ngrams<'a> {
    /// n.
    pub n: usize,
    /// N: tokens of the (filtered) corpus.
    pub tokens: u64,
    /// Documents of the (filtered) corpus.
    pub documents: usize,
    /// Occurrences of every n-gram that passed the filters.
    pub total: u64,
    /// Rows: the n-grams occurring at least `minFreq` times.
    pub types: usize,
    /// The requested page of rows (`value`: the words or tags, separated by spaces).
    pub rows: Vec<FrequencyRow<'a>>,
}

/// What `ngrams` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// A page of rows.
    Table(Ngrams<'a>),
    /// Every row, as CSV.
    Csv(CsvExport),
}

/// A regular expression option as a test on strings.
fn matcher(what: &str, text: &str) -> Result<Matcher, Error> {
    Matcher::new(&Value { text: text.to_string(), ignore_case: false, literal: false, at: 0, at_utf16: 0 })
        .map_err(|e| {
            Error::new(ErrorKind::InvalidArgument, format!("n-gram options: {what}: {}", e.message()))
        })
}

/// `ngrams(options)`.
pub fn ngrams<'a>(corpus: &Corpus<'a>, tokens: &Tokens, opts: &NgramOptions) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    let n = opts.n.get();
    if n < 2 {
        return Err(Error::argument(format!("n-gram options: n must be an integer from 2 to 6, got {n}")));
    }
    let by_pos = match opts.by.as_deref() {
        None | Some("word") => false,
        Some("pos") => true,
        Some(other) => {
            return Err(Error::argument(format!(
                "n-gram options: by must be \"word\" or \"pos\", got \"{other}\""
            )))
        }
    };
    let vocabulary = &corpus.bundle().vocabulary;
    let n_words = vocabulary.words.len();
    let containing = match &opts.containing {
        None => None,
        Some(text) => {
            let m = matcher("containing", text)?;
            let mut set = WordSet::empty(n_words);
            for group in vocabulary.words.groups() {
                for (w, bytes) in group.words() {
                    if core::str::from_utf8(bytes).is_ok_and(|s| m.matches(s)) {
                        set.insert(w);
                    }
                }
            }
            Some(set)
        }
    };
    let template: Option<Vec<Vec<bool>>> = match &opts.pos {
        None => None,
        Some(t) => {
            let parts: Vec<&str> = t.split_whitespace().collect();
            if parts.len() != n {
                return Err(Error::argument(format!(
                    "n-gram options: pos is a template of n = {n} tag patterns separated by spaces, got {}",
                    parts.len()
                )));
            }
            let mut out = Vec::new();
            for p in parts {
                let m = matcher("pos", p)?;
                out.push(
                    (0..vocabulary.pos.len())
                        .map(|t| vocabulary.pos.get(t).is_ok_and(|s| m.matches(s)))
                        .collect(),
                );
            }
            Some(out)
        }
    };
    // Keys: the n ids packed into 128 bits.
    let symbols = if by_pos { vocabulary.pos.len() } else { n_words };
    let bits = (usize::BITS - symbols.max(2).saturating_sub(1).leading_zeros()) as usize;
    if bits * n > 128 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("n-grams of {n} tokens are not supported for a vocabulary of {symbols} words"),
        ));
    }
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let tag_of = |i: usize| usize::from(tokens.word_tag[tokens.words[i] as usize]);
    // Every occurrence as (n-gram << doc_bits | document), sorted: equal
    // n-grams come together, their documents in order. (Measured on
    // stories.jsonl, n = 3: one sort of the 3.7 million keys beats counting
    // in a hash map, whose 2.5 million entries miss the cache on every
    // insert.)
    let doc_bits = (usize::BITS - corpus.len().max(2).saturating_sub(1).leading_zeros()) as usize;
    if bits * n + doc_bits > 128 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("n-grams of {n} tokens are not supported for a vocabulary of {symbols} words"),
        ));
    }
    let mut keys: Vec<u128> = Vec::new();
    for &d in &sub.docs {
        for sentence in tokens.sentences(d as usize) {
            let mut run_start = sentence.start;
            for i in sentence.clone() {
                if tokens.is_punctuation(i) {
                    run_start = i + 1;
                    continue;
                }
                if i + 1 < run_start + n {
                    continue;
                }
                let start = i + 1 - n;
                if containing.as_ref().is_some_and(|set| !(start..=i).any(|k| set.contains(tokens.words[k])))
                {
                    continue;
                }
                if template
                    .as_ref()
                    .is_some_and(|t| !(0..n).all(|k| t[k].get(tag_of(start + k)).copied().unwrap_or(false)))
                {
                    continue;
                }
                let mut key = 0u128;
                for k in start..=i {
                    let id = if by_pos { tag_of(k) as u128 } else { u128::from(tokens.words[k]) };
                    key = (key << bits) | id;
                }
                keys.push((key << doc_bits) | d as u128);
            }
        }
    }
    let total = keys.len() as u64;
    keys.sort_unstable();
    let doc_mask = (1u128 << doc_bits) - 1;
    let min = opts.min_freq.0.max(1);
    // (n-gram, count, range) of the n-grams occurring at least `min` times.
    let mut counts: Vec<(u128, u64, u64)> = Vec::new();
    let mut k = 0;
    while k < keys.len() {
        let key = keys[k] >> doc_bits;
        let (mut count, mut range, mut last) = (0u64, 0u64, u128::MAX);
        while k < keys.len() && keys[k] >> doc_bits == key {
            count += 1;
            if keys[k] & doc_mask != last {
                last = keys[k] & doc_mask;
                range += 1;
            }
            k += 1;
        }
        if count >= min {
            counts.push((key, count, range));
        }
    }
    drop(keys);
    let types = counts.len();
    let mask = (1u128 << bits) - 1;
    let text_of = |key: u128| -> Result<String, Error> {
        let mut text = String::new();
        for k in 0..n {
            let id = ((key >> (bits * (n - 1 - k))) & mask) as usize;
            if k > 0 {
                text.push(' ');
            }
            text.push_str(if by_pos {
                vocabulary.pos.get(id).map_err(|e| super::super::corrupt(&e))?
            } else {
                super::word(corpus, id as u32)?
            });
        }
        Ok(text)
    };
    // The rows in order: most frequent first, then by text. The n-grams are
    // ordered by count first; only those whose count a row of the page has
    // are written out and ordered by text (on stories.jsonl, n = 3: 432,000
    // n-grams, a page needs a few hundred): the same rows as ordering all.
    counts.sort_unstable_by_key(|c| core::cmp::Reverse(c.1));
    let (from, to) = if csv {
        (0, types)
    } else {
        let from = opts.offset.get().min(types);
        (from, from.saturating_add(opts.limit.get()).min(types))
    };
    let mut rows: Vec<(String, u64, u64)> = Vec::new();
    if from < to {
        let (high, low) = (counts[from].1, counts[to - 1].1);
        let first = counts.partition_point(|c| c.1 > high);
        let last = counts.partition_point(|c| c.1 >= low);
        for &(key, count, range) in &counts[first..last] {
            rows.push((text_of(key)?, count, range));
        }
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows.drain(..from - first);
        rows.truncate(to - from);
    }
    if csv {
        let mut table = Csv::new(&["ngram", "count", "perMillion", "range"]);
        for (text, count, range) in &rows {
            table.row(&[
                text.clone(),
                count.to_string(),
                number(per_million(*count, sub.tokens)),
                range.to_string(),
            ]);
        }
        let filters = super::concordance::filter_text(&opts.filters);
        let export = CsvExport::new(corpus, "ngrams", None, filters, &sub, table, None).with_options(
            Params(vec![
                ("n", Param::Number(n as f64)),
                ("by", Param::Text(if by_pos { "pos" } else { "word" }.into())),
                ("containing", opts.containing.clone().map_or(Param::None, Param::Text)),
                ("pos", opts.pos.clone().map_or(Param::None, Param::Text)),
                ("minFreq", Param::Number(min as f64)),
            ]),
            &format!("n{n}{}", if by_pos { "-pos" } else { "" }),
        );
        return Ok(Output::Csv(export));
    }
    let rows = rows
        .into_iter()
        .map(|(text, count, range)| FrequencyRow {
            value: MetaValue::Owned(text),
            count,
            per_million: per_million(count, sub.tokens),
            range,
        })
        .collect();
    Ok(Output::Table(Ngrams { n, tokens: sub.tokens, documents: sub.docs.len(), total, types, rows }))
}

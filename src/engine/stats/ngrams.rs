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
    // Keys: the n ids and one bit packed into 64 or 128 bits (see [`Grams`]).
    let symbols = if by_pos { vocabulary.pos.len() } else { n_words };
    let bits = (usize::BITS - symbols.max(2).saturating_sub(1).leading_zeros()) as usize;
    if bits * n >= 128 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("n-grams of {n} tokens are not supported for a vocabulary of {symbols} words"),
        ));
    }
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let tag_of = |i: usize| u32::from(tokens.word_tag[tokens.words[i] as usize]);
    let id_of = |i: usize| if by_pos { tag_of(i) } else { tokens.words[i] };
    // Whether the n tokens ending at token `i` make an n-gram to count.
    let wanted = |i: usize| {
        let start = i + 1 - n;
        containing.as_ref().is_none_or(|set| (start..=i).any(|k| set.contains(tokens.words[k])))
            && template.as_ref().is_none_or(|t| {
                (0..n).all(|k| t[k].get(tag_of(start + k) as usize).copied().unwrap_or(false))
            })
    };
    let min = opts.min_freq.0.max(1);
    let grams = Grams { tokens, docs: &sub.docs, n, bits: bits as u32, id_of: &id_of, wanted: &wanted };
    // Keys that fit (n = 3 over 100,000 words) sort as u64, twice as fast
    // as u128 (measured natively on 3.7 million keys: 60 ms and 122 ms).
    let (total, mut counts) = if bits * n < 64 { grams.count::<u64>(min) } else { grams.count::<u128>(min) };
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

/// The n-grams of a subcorpus, counted. Each occurrence is a key: the n
/// ids, `bits` bits each, then one bit set on the first occurrence of the
/// n-gram in its document (each document's keys are sorted on their own to
/// set it). One sort of all the keys then brings each n-gram's occurrences
/// together: their number is its count, the set bits its range. (Measured
/// on stories.jsonl, n = 3: one sort beats counting in a hash map, whose
/// 2.5 million entries miss the cache on every insert; the per-document bit
/// keeps the keys within 64 bits where the document id would not.)
struct Grams<'t, I, W> {
    tokens: &'t Tokens,
    docs: &'t [u32],
    n: usize,
    bits: u32,
    id_of: &'t I,
    wanted: &'t W,
}

/// An n-gram key: `u64` or `u128`.
trait Key: Copy + Ord {
    const ZERO: Self;
    /// `(self << bits) | id`.
    fn push(self, bits: u32, id: u32) -> Self;
    /// The key with room for the first-in-document bit, set or not.
    fn flagged(self, first: bool) -> Self;
    /// The n-gram (the key without its bit).
    fn gram(self) -> u128;
    /// Whether the first-in-document bit is set.
    fn first(self) -> bool;
}

macro_rules! key {
    ($t:ty) => {
        impl Key for $t {
            const ZERO: Self = 0;
            #[inline(always)]
            fn push(self, bits: u32, id: u32) -> Self {
                (self << bits) | <$t>::from(id)
            }
            #[inline(always)]
            fn flagged(self, first: bool) -> Self {
                (self << 1) | <$t>::from(first)
            }
            #[inline(always)]
            fn gram(self) -> u128 {
                (self >> 1) as u128
            }
            #[inline(always)]
            fn first(self) -> bool {
                self & 1 == 1
            }
        }
    };
}
key!(u64);
key!(u128);

impl<I: Fn(usize) -> u32, W: Fn(usize) -> bool> Grams<'_, I, W> {
    /// Every occurrence counted: their number, and (n-gram, count, range)
    /// of the n-grams occurring at least `min` times, by n-gram.
    fn count<K: Key>(&self, min: u64) -> (u64, Vec<(u128, u64, u64)>) {
        let (tokens, n, bits) = (self.tokens, self.n, self.bits);
        let mut keys: Vec<K> = Vec::new();
        let mut in_doc: Vec<K> = Vec::new();
        for &d in self.docs {
            in_doc.clear();
            for sentence in tokens.sentences(d as usize) {
                let mut run_start = sentence.start;
                for i in sentence.clone() {
                    if tokens.is_punctuation(i) {
                        run_start = i + 1;
                        continue;
                    }
                    if i + 1 < run_start + n || !(self.wanted)(i) {
                        continue;
                    }
                    let mut key = K::ZERO;
                    for k in i + 1 - n..=i {
                        key = key.push(bits, (self.id_of)(k));
                    }
                    in_doc.push(key);
                }
            }
            in_doc.sort_unstable();
            let mut previous = None;
            for &key in &in_doc {
                keys.push(key.flagged(previous != Some(key)));
                previous = Some(key);
            }
        }
        let total = keys.len() as u64;
        keys.sort_unstable();
        let mut counts = Vec::new();
        let mut k = 0;
        while k < keys.len() {
            let gram = keys[k].gram();
            let (mut count, mut range) = (0u64, 0u64);
            while k < keys.len() && keys[k].gram() == gram {
                count += 1;
                range += u64::from(keys[k].first());
                k += 1;
            }
            if count >= min {
                counts.push((gram, count, range));
            }
        }
        (total, counts)
    }
}

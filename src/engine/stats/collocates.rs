//! Collocates: the words that occur near a node (any query), and how much
//! more often than chance.
//!
//! Each match of the node is an occurrence; its window is up to `left`
//! tokens before its first token and `right` tokens after its last, cut at
//! the edges of its document (and, `within: "s"`, of its sentence); its own
//! tokens are not in it. Every (occurrence, window token) pair counts once,
//! so a word in the windows of two nearby occurrences counts twice. Then,
//! for each collocate: O the pairs, f_n the occurrences, f_c the
//! collocate's frequency in the (filtered) corpus, N its tokens, W = left +
//! right, and the scores of [`super::measures::collocation`]. `range` is
//! the number of documents in which the pair occurs. Punctuation takes its
//! place in windows but is not reported unless `punctuation: true`.

use super::super::cql::compile::{Matcher, WordSet};
use super::super::cql::{Value, Within};
use super::super::options::{wants_csv, CollocateOptions};
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{maybe, number, Csv, CsvExport, Param, Params};
use super::measures::collocation;
use super::{Node, Subcorpus};
use crate::error::{Error, ErrorKind};
use serde::Serialize;

/// One collocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Collocate<'a> {
    /// The word.
    pub word: &'a str,
    /// Its tag.
    pub pos: &'a str,
    /// O: (occurrence, window token) pairs with this word.
    pub observed: u64,
    /// E = f_n × f_c × W / N.
    pub expected: f64,
    /// f_c: the word's frequency in the (filtered) corpus.
    pub frequency: u64,
    /// Documents where the pair occurs.
    pub range: u64,
    /// 14 + log2(2·O / (f_n + f_c)).
    pub log_dice: f64,
    /// log2(O / E).
    pub mi: f64,
    /// log2(O³ / E).
    pub mi3: f64,
    /// (O − E) / √O.
    pub t_score: f64,
    /// G², negative when O < E; null when the 2×2 table has a negative cell.
    pub log_likelihood: Option<f64>,
    /// log2((O / R1) / ((f_c − O) / (N − R1))); null as G².
    pub log_ratio: Option<f64>,
}

/// The result of `collocates`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Collocates<'a> {
    /// f_n: the node's occurrences.
    pub node: u64,
    /// N: tokens of the (filtered) corpus.
    pub tokens: u64,
    /// Documents of the (filtered) corpus.
    pub documents: usize,
    /// [left, right].
    pub window: [u64; 2],
    /// `"text"` or `"s"`.
    pub within: &'static str,
    /// The measure rows are sorted by.
    pub measure: &'static str,
    /// Rows meeting `minFreq` (and `pos`, `punctuation`).
    pub total: usize,
    /// The requested page of rows, best first.
    pub rows: Vec<Collocate<'a>>,
}

/// What `collocates` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// A page of rows.
    Table(Collocates<'a>),
    /// Every row, as CSV.
    Csv(CsvExport),
}

/// The measures rows can be sorted by.
pub const MEASURES: [&str; 7] = ["logDice", "mi", "mi3", "tScore", "logLikelihood", "logRatio", "observed"];

/// `collocates(query, options)`.
pub fn collocates<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    query: &str,
    opts: &CollocateOptions,
) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    let measure = match opts.measure.as_deref() {
        None => "logDice",
        Some(m) => MEASURES.iter().copied().find(|&x| x == m).ok_or_else(|| {
            Error::argument(format!(
                "collocate options: measure must be one of {}, got \"{m}\"",
                super::super::options::list(&MEASURES)
            ))
        })?,
    };
    let node = Node::parse(corpus, query)?;
    let within = match opts.within.as_deref() {
        None => node.within(),
        Some("text") => Within::Text,
        Some("s") => Within::Sentence,
        Some(other) => {
            return Err(Error::argument(format!(
                "collocate options: within must be \"text\" or \"s\", got \"{other}\""
            )))
        }
    };
    let (left, right) = opts.window.map_or((5, 5), |(l, r)| (l.get(), r.get()));
    if left + right == 0 {
        return Err(Error::argument("collocate options: window must hold at least one token, e.g. [5, 5]"));
    }
    let vocabulary = &corpus.bundle().vocabulary;
    let n_words = vocabulary.words.len();
    let tag_ok = match &opts.pos {
        None => None,
        Some(p) => {
            let matcher = Matcher::new(&Value {
                text: p.clone(),
                ignore_case: false,
                literal: false,
                at: 0,
                at_utf16: 0,
            })
            .map_err(|e| {
                Error::new(ErrorKind::InvalidArgument, format!("collocate options: pos: {}", e.message()))
            })?;
            let tags: Vec<bool> = (0..vocabulary.pos.len())
                .map(|t| vocabulary.pos.get(t).is_ok_and(|s| matcher.matches(s)))
                .collect();
            let mut set = WordSet::empty(n_words);
            for (w, &t) in tokens.word_tag.iter().enumerate() {
                if tags.get(usize::from(t)).copied().unwrap_or(false) {
                    set.insert(w);
                }
            }
            Some(set)
        }
    };
    let punctuation = opts.punctuation.unwrap_or(false);
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let matches = node.matches(corpus, tokens, &sub.docs);
    let f_n = matches.len() as u64;

    // O and range per word.
    let mut observed = vec![0u64; n_words];
    let mut range = vec![0u64; n_words];
    let mut last_doc = vec![u32::MAX; n_words];
    let mut count = |i: usize, doc: u32| {
        let w = tokens.words[i] as usize;
        if let Some(o) = observed.get_mut(w) {
            *o += 1;
            if last_doc[w] != doc {
                last_doc[w] = doc;
                range[w] += 1;
            }
        }
    };
    for m in &matches {
        let (start, end) = (m.start as usize, m.end as usize);
        let (lo, hi) = match within {
            Within::Text => {
                let r = tokens.doc(m.doc as usize);
                (r.start, r.end)
            }
            Within::Sentence => (tokens.sentence(start).start, tokens.sentence(end - 1).end),
        };
        for i in start.saturating_sub(left).max(lo)..start {
            count(i, m.doc);
        }
        for i in end..(end + right).min(hi) {
            count(i, m.doc);
        }
    }
    // f_c: frequencies in the subcorpus.
    let mut frequency = vec![0u64; n_words];
    for &d in &sub.docs {
        for i in tokens.doc(d as usize) {
            frequency[tokens.words[i] as usize] += 1;
        }
    }
    let w = (left + right) as u64;
    let min = opts.min_freq.0.max(1);
    let mut rows: Vec<Collocate<'a>> = Vec::new();
    for word in 0..n_words {
        let o = observed[word];
        if o < min
            || (!punctuation && tokens.punctuation[word])
            || tag_ok.as_ref().is_some_and(|s| !s.contains(word as u32))
        {
            continue;
        }
        let s = collocation(o, f_n, frequency[word], w, sub.tokens);
        rows.push(Collocate {
            word: super::word(corpus, word as u32)?,
            pos: super::tag(corpus, tokens, word as u32)?,
            observed: o,
            expected: s.expected,
            frequency: frequency[word],
            range: range[word],
            log_dice: s.log_dice,
            mi: s.mi,
            mi3: s.mi3,
            t_score: s.t_score,
            log_likelihood: s.log_likelihood,
            log_ratio: s.log_ratio,
        });
    }
    let score = |c: &Collocate<'_>| -> Option<f64> {
        match measure {
            "mi" => Some(c.mi),
            "mi3" => Some(c.mi3),
            "tScore" => Some(c.t_score),
            "logLikelihood" => c.log_likelihood,
            "logRatio" => c.log_ratio,
            "observed" => Some(c.observed as f64),
            _ => Some(c.log_dice),
        }
        .filter(|x| !x.is_nan())
    };
    // Best first; rows without the score last; then O, then the word.
    rows.sort_by(|a, b| {
        match (score(a), score(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => core::cmp::Ordering::Less,
            (None, Some(_)) => core::cmp::Ordering::Greater,
            (None, None) => core::cmp::Ordering::Equal,
        }
        .then(b.observed.cmp(&a.observed))
        .then_with(|| a.word.cmp(b.word))
    });
    let within_name = if within == Within::Sentence { "s" } else { "text" };
    if csv {
        let mut table = Csv::new(&[
            "word",
            "pos",
            "observed",
            "expected",
            "frequency",
            "range",
            "logDice",
            "mi",
            "mi3",
            "tScore",
            "logLikelihood",
            "logRatio",
        ]);
        for c in &rows {
            table.row(&[
                c.word.to_string(),
                c.pos.to_string(),
                c.observed.to_string(),
                number(c.expected),
                c.frequency.to_string(),
                c.range.to_string(),
                number(c.log_dice),
                number(c.mi),
                number(c.mi3),
                number(c.t_score),
                maybe(c.log_likelihood),
                maybe(c.log_ratio),
            ]);
        }
        let filters = super::concordance::filter_text(&opts.filters);
        let export =
            CsvExport::new(corpus, "collocates", Some(query), filters, &sub, table, Some(matches.len()))
                .with_options(
                    Params(vec![
                        ("window", Param::Text(format!("{left},{right}"))),
                        ("within", Param::Text(within_name.into())),
                        ("minFreq", Param::Number(min as f64)),
                        ("pos", opts.pos.clone().map_or(Param::None, Param::Text)),
                        ("measure", Param::Text(measure.into())),
                        ("punctuation", Param::Flag(punctuation)),
                    ]),
                    &format!("{measure}-{left}-{right}"),
                );
        return Ok(Output::Csv(export));
    }
    let total = rows.len();
    let rows = rows.into_iter().skip(opts.offset.get()).take(opts.limit.get()).collect();
    Ok(Output::Table(Collocates {
        node: f_n,
        tokens: sub.tokens,
        documents: sub.docs.len(),
        window: [left as u64, right as u64],
        within: within_name,
        measure,
        total,
        rows,
    }))
}

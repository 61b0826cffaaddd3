//! Keywords: the words a focus subcorpus uses significantly more than a
//! reference.
//!
//! For each word: a its count in the focus (N1 tokens), b in the reference
//! (N2 tokens). A word is *tested* when a ≥ `minFreq` (and it is not
//! punctuation, unless `punctuation: true`); T is the number of words
//! tested. Over the 2×2 table O11 = a, O12 = b, O21 = N1 − a, O22 = N2 − b
//! (expected values from the margins, 0·ln 0 = 0), G² is
//! [`super::measures::g2`], negative when the focus uses the word less than
//! expected, and Log Ratio = log2((a / N1) / (b / N2)), 0.5 for a zero count.
//! The rows are the tested words with G² above the critical value of χ²
//! (one degree of freedom) at p < 0.05 / T (Bonferroni), highest G² first.
//! With `reference: "all"` the reference is the whole corpus, the focus
//! included. `filters` restrict both (the corpus is then the documents
//! they select).

use super::super::options::{wants_csv, KeywordOptions, Reference};
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{number, Csv, CsvExport, Param, Params, Summary};
use super::measures::{chi_square_critical, g2, log_ratio};
use super::{per_million, Subcorpus};
use crate::error::Error;
use serde::Serialize;

/// One keyword.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Keyword<'a> {
    /// The word.
    pub word: &'a str,
    /// Its tag.
    pub pos: &'a str,
    /// a: its count in the focus.
    pub focus: u64,
    /// b: its count in the reference.
    pub reference: u64,
    /// a / N1 × 10⁶.
    pub focus_per_million: f64,
    /// b / N2 × 10⁶.
    pub reference_per_million: f64,
    /// G².
    pub log_likelihood: f64,
    /// log2((a / N1) / (b / N2)).
    pub log_ratio: f64,
}

/// A subcorpus's size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Size {
    /// Documents.
    pub documents: usize,
    /// Tokens.
    pub tokens: u64,
}

/// The result of `keywords`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Keywords<'a> {
    /// The focus (N1 its tokens).
    pub focus: Size,
    /// The reference (N2 its tokens).
    pub reference: Size,
    /// T: the words tested.
    pub tested: usize,
    /// p = 0.05 / T.
    pub p: f64,
    /// The critical value of χ² at p.
    pub critical: f64,
    /// Rows above the critical value.
    pub total: usize,
    /// The requested page of rows, highest G² first.
    pub rows: Vec<Keyword<'a>>,
}

/// What `keywords` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// A page of rows.
    Table(Keywords<'a>),
    /// Every row, as CSV.
    Csv(CsvExport),
}

/// `keywords(options)`.
pub fn keywords<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    opts: &KeywordOptions,
) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    if opts.focus.is_empty() {
        return Err(Error::argument(
            "keyword options: focus must select a subcorpus, such as { year: [2024] }",
        ));
    }
    let base = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let within = |sub: Subcorpus| {
        Subcorpus::of(tokens, sub.docs.into_iter().filter(|&d| base.contains(d)).map(|d| d as usize))
    };
    let focus = within(Subcorpus::new(corpus, tokens, &opts.focus)?);
    let reference = match &opts.reference {
        Reference::Rest => {
            Subcorpus::of(tokens, base.docs.iter().filter(|&&d| !focus.contains(d)).map(|&d| d as usize))
        }
        Reference::All => base.clone(),
        Reference::Filters(f) => within(Subcorpus::new(corpus, tokens, f)?),
    };
    if focus.tokens == 0 || reference.tokens == 0 {
        return Err(Error::argument(format!(
            "keyword options: the {} has no tokens",
            if focus.tokens == 0 { "focus" } else { "reference" }
        )));
    }
    let n_words = corpus.bundle().vocabulary.words.len();
    let count = |sub: &Subcorpus| {
        let mut c = vec![0u64; n_words];
        for &d in &sub.docs {
            for i in tokens.doc(d as usize) {
                c[tokens.words[i] as usize] += 1;
            }
        }
        c
    };
    let (a, b) = (count(&focus), count(&reference));
    let (n1, n2) = (focus.tokens as f64, reference.tokens as f64);
    let punctuation = opts.punctuation.unwrap_or(false);
    let min = opts.min_freq.0.max(1);
    let tested: Vec<usize> =
        (0..n_words).filter(|&w| a[w] >= min && (punctuation || !tokens.punctuation[w])).collect();
    let t = tested.len().max(1);
    let p = 0.05 / t as f64;
    let critical = chi_square_critical(p);
    let mut rows = Vec::new();
    for w in tested.iter().copied() {
        let (fa, fb) = (a[w] as f64, b[w] as f64);
        let g = g2(fa, fb, n1 - fa, n2 - fb);
        if g > critical {
            rows.push(Keyword {
                word: super::word(corpus, w as u32)?,
                pos: super::tag(corpus, tokens, w as u32)?,
                focus: a[w],
                reference: b[w],
                focus_per_million: per_million(a[w], focus.tokens),
                reference_per_million: per_million(b[w], reference.tokens),
                log_likelihood: g,
                log_ratio: log_ratio(fa, n1, fb, n2),
            });
        }
    }
    rows.sort_by(|x, y| y.log_likelihood.total_cmp(&x.log_likelihood).then_with(|| x.word.cmp(y.word)));
    if csv {
        let mut table = Csv::new(&[
            "word",
            "pos",
            "focus",
            "reference",
            "focusPerMillion",
            "referencePerMillion",
            "logLikelihood",
            "logRatio",
        ]);
        for k in &rows {
            table.row(&[
                k.word.to_string(),
                k.pos.to_string(),
                k.focus.to_string(),
                k.reference.to_string(),
                number(k.focus_per_million),
                number(k.reference_per_million),
                number(k.log_likelihood),
                number(k.log_ratio),
            ]);
        }
        let filters = super::concordance::filter_text(&opts.focus);
        let reference_text = match &opts.reference {
            Reference::Rest => "rest".to_string(),
            Reference::All => "all".to_string(),
            Reference::Filters(f) => super::concordance::filter_text(f)
                .iter()
                .map(|(k, v)| format!("{k}={}", v.join("|")))
                .collect::<Vec<_>>()
                .join(";"),
        };
        let mut export = CsvExport::new(corpus, "keywords", None, filters, &focus, table, None).with_options(
            Params(vec![
                ("reference", Param::Text(reference_text)),
                ("minFreq", Param::Number(min as f64)),
                ("punctuation", Param::Flag(punctuation)),
            ]),
            "",
        );
        export.about.summary = Summary(vec![
            ("referenceDocuments", Some(reference.docs.len() as f64)),
            ("referenceTokens", Some(reference.tokens as f64)),
            ("tested", Some(tested.len() as f64)),
            ("p", Some(p)),
            ("critical", Some(critical)),
        ]);
        return Ok(Output::Csv(export));
    }
    let total = rows.len();
    let rows = rows.into_iter().skip(opts.offset.get()).take(opts.limit.get()).collect();
    Ok(Output::Table(Keywords {
        focus: Size { documents: focus.docs.len(), tokens: focus.tokens },
        reference: Size { documents: reference.docs.len(), tokens: reference.tokens },
        tested: tested.len(),
        p,
        critical,
        total,
        rows,
    }))
}

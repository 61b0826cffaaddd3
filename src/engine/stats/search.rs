//! `search` and `doc` for CQL queries: the documents holding a match of
//! the pattern, with the same results, facets and pages as a search.
//!
//! A document matches when its text holds at least one match of the
//! pattern (titles stored apart have no tokens). Its score is the search
//! formula's `bm25(t, d)` with `tf` the number of matches in the document,
//! `df` the number of documents with a match (over the whole corpus, as for
//! a search term), and no title boost or proximity (a pattern has one
//! clause); equal scores keep document order. Snippets and `doc` mark the
//! matches.

use super::super::filters::Selection;
use super::super::options::SearchOptions;
use super::super::results::{Hit, Object, SearchResult, Span};
use super::super::search::{utf16_spans, Ranker};
use super::super::tokens::Tokens;
use super::super::{snippet, Corpus};
use super::Node;
use crate::error::Error;

/// `search(query, options)` for a CQL query.
pub fn search<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResult<'a>, Error> {
    let node = Node::parse(corpus, query)?;
    let selection = Selection::new(corpus, &opts.filters)?;
    let all: Vec<u32> = (0..corpus.len() as u32).collect();
    let matches = node.matches(corpus, tokens, &all);
    // (document, matches, index of its first match), by document.
    let mut docs: Vec<(u32, u32, usize)> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        match docs.last_mut() {
            Some(last) if last.0 == m.doc => last.1 += 1,
            _ => docs.push((m.doc, 1, i)),
        }
    }
    let facets = selection.facets(corpus, &mut docs.iter().map(|e| e.0 as usize), opts.facet_limit.get())?;
    let ranker = Ranker::new(corpus);
    let idf = ranker.idf(docs.len());
    let mut ranked: Vec<(f64, u32, usize, u32)> = docs
        .iter()
        .filter(|e| selection.passes(corpus, e.0 as usize))
        .map(|&(d, tf, first)| (ranker.bm25(corpus, idf, tf, d), d, first, tf))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let total = ranked.len();
    let mut hits = Vec::new();
    for &(score, d, first, tf) in ranked.iter().skip(opts.offset.get()).take(opts.limit.get()) {
        let (ts, _) = corpus.text_range(d as usize);
        let marks: Vec<(usize, usize)> = matches[first..first + tf as usize]
            .iter()
            .map(|m| (m.bytes.0 as usize - ts, m.bytes.1 as usize - ts))
            .collect();
        hits.push(Hit {
            id: d,
            title: corpus.title(d as usize)?,
            score,
            verbatim: true,
            fields: Object(corpus.metadata(d as usize)?),
            snippet: snippet::build(corpus.text(d as usize)?, &marks),
        });
    }
    Ok(SearchResult { total, hits, facets, read_as: Vec::new() })
}

/// The matches of a CQL query in document `d`'s text, as UTF-16 spans.
pub fn matches_in(corpus: &Corpus<'_>, tokens: &Tokens, d: usize, query: &str) -> Result<Vec<Span>, Error> {
    let node = Node::parse(corpus, query)?;
    let (ts, _) = corpus.text_range(d);
    let spans = node
        .matches(corpus, tokens, &[d as u32])
        .iter()
        .map(|m| (m.bytes.0 as usize - ts, m.bytes.1 as usize - ts))
        .collect();
    utf16_spans(corpus.text(d)?, spans)
}

//! Search and browse: which documents match, in which order.
//!
//! A document matches a query when every clause has a term occurring in its
//! title or text and no excluded term does ([`super::query`]). A query that
//! is one bare term (no spaces, no quotes) also matches, below all verbatim
//! matches, the documents containing every word of the term as the corpus
//! vocabulary segments it: `党建工作扫描` finds documents with 党建, 工作
//! and 扫描 anywhere.
//!
//! Ranking (documented in the README):
//!
//! ```text
//! bm25(t, d)  = idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·len(d)/avglen))   k1 = 1.2, b = 0.75
//! idf(t)      = ln(1 + (N − df + 0.5) / (df + 0.5))
//! clause(c,d) = Σ over the terms t of c occurring in d of bm25(t, d) · (2 if t occurs in d's title else 1)
//! score(d)    = Σ clause(c, d) · proximity(d)
//! proximity(d) = 1 + 1 / (1 + gap/8) with two or more clauses, else 1
//! ```
//!
//! `tf` counts every occurrence (overlapping ones too) in title and text,
//! `df` the documents containing `t`, `N` all documents, `len` a document's
//! characters. `gap` is the number of characters in the shortest stretch of
//! the document holding one occurrence of every clause, minus the clauses'
//! own lengths (0 when they touch); the stretch runs from the start of the
//! first of the chosen occurrences to the end of the last one to start. Verbatim matches rank above word
//! matches; equal scores keep document order.

use super::args::{self, Arg, Filters};
use super::filters::Selection;
use super::pattern::{Occurrence, Pattern};
use super::query::{self, Query};
use super::results::{DocSummary, FilterResult, Hit, Object, SearchResult};
use super::{order, snippet, Corpus};
use crate::error::Error;

/// Largest `limit` for `search` and `filter`.
pub const MAX_LIMIT: usize = 1000;
/// Largest `offset`.
pub const MAX_OFFSET: usize = u32::MAX as usize;
/// Default number of values per facet.
pub const DEFAULT_FACET_LIMIT: usize = 100;
/// Largest `facetLimit`.
pub const MAX_FACET_LIMIT: usize = 100_000;

const K1: f64 = 1.2;
const B: f64 = 0.75;
const TITLE_BOOST: f64 = 2.0;
const PROXIMITY_SCALE: f64 = 8.0;

/// Options of `search` and `filter`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchOptions {
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Metadata filters.
    pub filters: Filters,
    /// Values per facet field.
    pub facet_limit: usize,
}

impl SearchOptions {
    /// Check `search` options `{ limit, offset, filters, facetLimit }`.
    pub fn from_arg(arg: &Arg) -> Result<Self, Error> {
        let o = args::options(
            "search options",
            arg,
            &["limit", "offset", "filters", "facetLimit"],
        )?;
        Ok(SearchOptions {
            limit: args::integer("limit", args::get(&o, "limit"), 10, MAX_LIMIT)?,
            offset: args::integer("offset", args::get(&o, "offset"), 0, MAX_OFFSET)?,
            filters: args::filters(args::get(&o, "filters"))?,
            facet_limit: args::integer(
                "facetLimit",
                args::get(&o, "facetLimit"),
                DEFAULT_FACET_LIMIT,
                MAX_FACET_LIMIT,
            )?,
        })
    }

    /// Check `filter` options `{ limit, offset, facetLimit }` (filters are its first argument).
    pub fn for_filter(filters: &Arg, arg: &Arg) -> Result<Self, Error> {
        let o = args::options("filter options", arg, &["limit", "offset", "facetLimit"])?;
        Ok(SearchOptions {
            limit: args::integer("limit", args::get(&o, "limit"), 10, MAX_LIMIT)?,
            offset: args::integer("offset", args::get(&o, "offset"), 0, MAX_OFFSET)?,
            filters: args::filters(filters)?,
            facet_limit: args::integer(
                "facetLimit",
                args::get(&o, "facetLimit"),
                DEFAULT_FACET_LIMIT,
                MAX_FACET_LIMIT,
            )?,
        })
    }
}

/// A term's occurrences across the corpus, grouped by document.
#[derive(Debug)]
struct Hits {
    pattern: Pattern,
    occ: Vec<Occurrence>,
    /// (doc, first, last + 1) into `occ`, by doc.
    docs: Vec<(u32, u32, u32)>,
}

impl Hits {
    fn new(corpus: &Corpus<'_>, pattern: Pattern) -> Hits {
        let occ = corpus.occurrences_everywhere(&pattern);
        let mut docs: Vec<(u32, u32, u32)> = Vec::new();
        for (i, o) in occ.iter().enumerate() {
            match docs.last_mut() {
                Some(last) if last.0 == o.doc => last.2 = i as u32 + 1,
                _ => docs.push((o.doc, i as u32, i as u32 + 1)),
            }
        }
        Hits { pattern, occ, docs }
    }

    fn in_doc(&self, d: u32) -> &[Occurrence] {
        match self.docs.binary_search_by_key(&d, |e| e.0) {
            Ok(i) => &self.occ[self.docs[i].1 as usize..self.docs[i].2 as usize],
            Err(_) => &[],
        }
    }
}

/// The terms of a query, each searched once however often it appears.
#[derive(Debug, Default)]
struct Terms {
    hits: Vec<Hits>,
}

impl Terms {
    /// The index of `text`'s hits, searching the corpus for it if new; `None`
    /// for a term that is only whitespace.
    fn add(&mut self, corpus: &Corpus<'_>, text: &str) -> Option<usize> {
        let pattern = Pattern::new(text)?;
        let key = pattern.folded();
        if let Some(i) = self.hits.iter().position(|h| h.pattern.folded() == key) {
            return Some(i);
        }
        self.hits.push(Hits::new(corpus, pattern));
        Some(self.hits.len() - 1)
    }
}

/// The scoring constants of a corpus.
struct Ranker {
    n: f64,
    avg_len: f64,
}

impl Ranker {
    fn new(corpus: &Corpus<'_>) -> Ranker {
        let n = corpus.len().max(1);
        let total: u64 = (0..corpus.len())
            .map(|d| u64::from(corpus.doc_chars(d)))
            .sum();
        Ranker {
            n: n as f64,
            avg_len: (total as f64 / n as f64).max(1.0),
        }
    }

    fn bm25(&self, corpus: &Corpus<'_>, hits: &Hits, d: u32) -> f64 {
        let occ = hits.in_doc(d);
        if occ.is_empty() {
            return 0.0;
        }
        let df = hits.docs.len() as f64;
        let idf = (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln();
        let tf = occ.len() as f64;
        let len = f64::from(corpus.doc_chars(d as usize));
        let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
        let (hs, he) = corpus.title_range(d as usize);
        let in_title = occ
            .iter()
            .any(|o| o.start as usize >= hs && o.end as usize <= he);
        if in_title {
            score * TITLE_BOOST
        } else {
            score
        }
    }

    /// The score of `d` for `clauses` (term indices, OR-ed within a clause).
    fn score(&self, corpus: &Corpus<'_>, terms: &Terms, clauses: &[Vec<usize>], d: u32) -> f64 {
        let sum: f64 = clauses
            .iter()
            .flat_map(|c| c.iter())
            .map(|&t| self.bm25(corpus, &terms.hits[t], d))
            .sum();
        if clauses.len() < 2 {
            return sum;
        }
        match gap(corpus, terms, clauses, d) {
            Some(gap) => sum * (1.0 + 1.0 / (1.0 + gap as f64 / PROXIMITY_SCALE)),
            None => sum,
        }
    }
}

/// Characters between the clauses in the shortest stretch of `d` holding
/// one occurrence of each (see the module documentation).
fn gap(corpus: &Corpus<'_>, terms: &Terms, clauses: &[Vec<usize>], d: u32) -> Option<usize> {
    // Per clause, its occurrences in `d` in text order.
    let lists: Vec<Vec<(u32, u32)>> = clauses.iter().map(|c| spans_in(terms, c, d)).collect();
    let k = lists.len();
    let mut at = vec![0usize; k];
    // The latest occurrence seen of each clause; the window runs from the
    // earliest of them to the one just seen.
    let mut last: Vec<Option<(u32, u32)>> = vec![None; k];
    let mut best: Option<(u32, u32)> = None;
    loop {
        let next = (0..k)
            .filter(|&c| at[c] < lists[c].len())
            .min_by_key(|&c| lists[c][at[c]]);
        let Some(c) = next else { break };
        let span = lists[c][at[c]];
        at[c] += 1;
        last[c] = Some(span);
        if last.iter().all(Option::is_some) {
            let start = last.iter().flatten().map(|s| s.0).min().unwrap_or(span.0);
            let window = (start, span.1.max(start));
            if best.is_none_or(|b| window.1 - window.0 < b.1 - b.0) {
                best = Some(window);
            }
        }
    }
    let (a, b) = best?;
    let window = corpus
        .str_at((a as usize, b as usize))
        .ok()?
        .chars()
        .count();
    let own: usize = clauses
        .iter()
        .map(|c| {
            c.iter()
                .map(|&t| terms.hits[t].pattern.min_chars())
                .min()
                .unwrap_or(0)
        })
        .sum();
    Some(window.saturating_sub(own))
}

/// The occurrences in `d` of the terms `ts`, as byte spans in text order.
fn spans_in(terms: &Terms, ts: &[usize], d: u32) -> Vec<(u32, u32)> {
    let lists: Vec<Vec<(u32, u32)>> = ts
        .iter()
        .map(|&t| {
            terms.hits[t]
                .in_doc(d)
                .iter()
                .map(|o| (o.start, o.end))
                .collect()
        })
        .collect();
    order::merge_spans(&lists)
}

/// Search (`search(query, options)`).
pub fn search<'a>(
    corpus: &Corpus<'a>,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResult<'a>, Error> {
    let q: Query = query::parse(query)?;
    let selection = Selection::new(corpus, &opts.filters)?;
    let n = corpus.len();
    let mut terms = Terms::default();
    let clauses: Vec<Vec<usize>> = q
        .clauses
        .iter()
        .map(|c| {
            c.iter()
                .filter_map(|t| terms.add(corpus, &t.text))
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect();
    let excluded: Vec<usize> = q
        .excluded
        .iter()
        .filter_map(|t| terms.add(corpus, &t.text))
        .collect();

    // Verbatim matches: every clause present, no excluded term.
    let mut clause_count = vec![0u16; n];
    let mut counted_for = vec![usize::MAX; n];
    for (c, clause) in clauses.iter().enumerate() {
        for e in clause.iter().flat_map(|&t| terms.hits[t].docs.iter()) {
            let d = e.0 as usize;
            if counted_for[d] != c {
                counted_for[d] = c;
                clause_count[d] += 1;
            }
        }
    }
    let mut barred = vec![false; n];
    for &t in &excluded {
        for e in &terms.hits[t].docs {
            barred[e.0 as usize] = true;
        }
    }
    let verbatim: Vec<bool> = (0..n)
        .map(|d| clause_count[d] as usize == clauses.len() && !barred[d])
        .collect();

    // Word matches for a bare term that segments into several words.
    let mut word_clauses: Vec<Vec<usize>> = Vec::new();
    if let Some(term) = q.single_bare_term() {
        let mut words: Vec<String> = Vec::new();
        for t in corpus.segment(&term.text)? {
            if t.word.chars().any(crate::segment::is_word_char) && !words.contains(&t.word) {
                words.push(t.word);
            }
        }
        if words.len() >= 2 {
            word_clauses = words
                .iter()
                .filter_map(|w| terms.add(corpus, w))
                .map(|t| vec![t])
                .collect();
        }
    }
    let mut word_match = vec![false; n];
    if !word_clauses.is_empty() {
        let mut count = vec![0u16; n];
        for clause in &word_clauses {
            for e in &terms.hits[clause[0]].docs {
                count[e.0 as usize] += 1;
            }
        }
        for d in 0..n {
            word_match[d] = !verbatim[d] && count[d] as usize == word_clauses.len();
        }
    }

    let base = (0..n).filter(|&d| verbatim[d] || word_match[d]);
    let facets = selection.facets(corpus, base.clone(), opts.facet_limit)?;
    let ranker = Ranker::new(corpus);
    let ranked: Vec<(bool, f64, u32)> = base
        .filter(|&d| selection.passes(corpus, d))
        .map(|d| {
            let d32 = d as u32;
            if verbatim[d] {
                (false, ranker.score(corpus, &terms, &clauses, d32), d32)
            } else {
                (true, ranker.score(corpus, &terms, &word_clauses, d32), d32)
            }
        })
        .collect();
    let total = ranked.len();
    let end = opts.offset.saturating_add(opts.limit).min(total);
    let cmp = |i: u32, j: u32| {
        let (a, b) = (&ranked[i as usize], &ranked[j as usize]);
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
    };
    let page = order::smallest(total, end, &cmp);
    let mut hits = Vec::new();
    for &(words_only, score, d) in page.iter().skip(opts.offset).map(|&i| &ranked[i as usize]) {
        let marked: Vec<usize> = if words_only {
            word_clauses.iter().flatten().copied().collect()
        } else {
            clauses.iter().flatten().copied().collect()
        };
        hits.push(Hit {
            id: d,
            title: corpus.title(d as usize)?,
            score,
            verbatim: !words_only,
            fields: Object(corpus.metadata(d as usize)?),
            snippet: snippet_of(corpus, &terms, &marked, d)?,
        });
    }
    Ok(SearchResult {
        total,
        hits,
        facets,
    })
}

/// The snippet of `d` marking the occurrences of `marked` terms in its text.
fn snippet_of(
    corpus: &Corpus<'_>,
    terms: &Terms,
    marked: &[usize],
    d: u32,
) -> Result<Vec<super::results::Fragment>, Error> {
    let (ts, te) = corpus.text_range(d as usize);
    let marks: Vec<(usize, usize)> = spans_in(terms, marked, d)
        .into_iter()
        .filter(|&(a, b)| a as usize >= ts && b as usize <= te)
        .map(|(a, b)| (a as usize - ts, b as usize - ts))
        .collect();
    Ok(snippet::build(corpus.text(d as usize)?, &marks))
}

/// Browse without a query (`filter(filters, options)`): the documents
/// passing the filters, in id order.
pub fn filter<'a>(corpus: &Corpus<'a>, opts: &SearchOptions) -> Result<FilterResult<'a>, Error> {
    let selection = Selection::new(corpus, &opts.filters)?;
    let facets = selection.facets(corpus, 0..corpus.len(), opts.facet_limit)?;
    let mut total = 0;
    let mut docs = Vec::new();
    for d in (0..corpus.len()).filter(|&d| selection.passes(corpus, d)) {
        if total >= opts.offset && docs.len() < opts.limit {
            docs.push(DocSummary {
                id: d as u32,
                title: corpus.title(d)?,
                fields: Object(corpus.metadata(d)?),
            });
        }
        total += 1;
    }
    Ok(FilterResult {
        total,
        docs,
        facets,
    })
}

/// Every occurrence in document `d`'s text of the positive terms of `query`
/// (or, if none occurs and the query is one bare term, of its words), as
/// merged UTF-16 spans of the text. For the reading view.
pub fn matches_in(
    corpus: &Corpus<'_>,
    d: usize,
    query: &str,
) -> Result<Vec<super::results::Span>, Error> {
    let q = query::parse(query)?;
    let range = corpus.text_range(d);
    let find = |texts: &[String]| -> Vec<(usize, usize)> {
        let mut lists = Vec::new();
        for t in texts {
            if let Some(p) = Pattern::new(t) {
                let mut found = Vec::new();
                p.find(corpus.bundle().text, range, &mut found);
                lists.push(found);
            }
        }
        order::merge_spans(&lists)
            .iter()
            .map(|&(a, b)| (a as usize - range.0, b as usize - range.0))
            .collect()
    };
    let terms: Vec<String> = q.clauses.iter().flatten().map(|t| t.text.clone()).collect();
    let mut spans = find(&terms);
    if spans.is_empty() {
        if let Some(term) = q.single_bare_term() {
            let words: Vec<String> = corpus
                .segment(&term.text)?
                .into_iter()
                .map(|t| t.word)
                .collect();
            if words.len() >= 2 {
                spans = find(&words);
            }
        }
    }
    let text = corpus.text(d)?;
    // Merge, then convert byte offsets to UTF-16 offsets in one pass.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = Vec::with_capacity(merged.len());
    let mut unit = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut to_unit = |target: usize| {
        while let Some(&(i, c)) = chars.peek() {
            if i >= target {
                break;
            }
            unit += c.len_utf16();
            chars.next();
        }
        unit
    };
    for (a, b) in merged {
        let start = to_unit(a);
        let end = to_unit(b);
        out.push(super::results::Span { start, end });
    }
    Ok(out)
}

//! Search and browse: which documents match, in which order.
//!
//! A document matches a query when every clause has a term occurring in its
//! title or text and no excluded term does ([`super::query`]). A query that
//! is one bare term (no spaces, no quotes) found verbatim in no document
//! instead matches the documents containing every word of the term, as the
//! corpus vocabulary segments it, of two characters or more (the *word
//! fallback*): `党建工作扫描` finds documents with 党建, 工作 and 扫描
//! anywhere, marked `verbatim: false`.
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
//! characters; both exact. (In a corpus with character postings, clauses
//! are searched rarest first, each only where the ones before it match,
//! and a later clause's `df` comes from one more scan of the other
//! documents holding all of its characters.) `gap` is the number of characters in the shortest stretch of
//! the document holding one occurrence of every clause, minus the clauses'
//! own lengths (0 when they touch); the stretch runs from the start of the
//! first of the chosen occurrences to the end of the last one to start, and
//! lies in the text (a title stored apart is near nothing). Verbatim matches rank above word
//! matches; equal scores keep document order.

use super::filters::Selection;
use super::options::SearchOptions;
use super::pattern::{Occurrence, Pattern};
use super::query;
use super::results::{DocSummary, FilterResult, Hit, Object, SearchResult};
use super::{order, snippet, Corpus};
use crate::error::Error;

const K1: f64 = 1.2;
const B: f64 = 0.75;
const TITLE_BOOST: f64 = 2.0;
const PROXIMITY_SCALE: f64 = 8.0;

/// A term's matches across the corpus, grouped by document.
#[derive(Debug)]
struct Hits {
    pattern: Pattern,
    /// (doc, occurrences, index of its first occurrence in `occ`), by doc.
    docs: Vec<(u32, u32, u32)>,
    /// Every occurrence, when positions were computed (see [`Hits::new`]).
    occ: Vec<Occurrence>,
    positions: bool,
    /// Without positions: the documents whose title contains the term.
    title_docs: Vec<u32>,
    /// The document frequency used for idf: the documents containing the
    /// term, in the corpus (see [`Hits::within`]).
    df: usize,
}

impl Hits {
    /// Find `pattern` everywhere, or only in the documents `scope`.
    ///
    /// A one-character term is counted from the postings alone, without a
    /// scan; its positions are found per document when needed (snippets,
    /// proximity). A longer term is scanned for in the documents the
    /// postings allow; with a `scope`, its occurrences only in those, and its
    /// df (exact, as the ranking formula says) from one more scan of the
    /// other documents that contain all of its characters.
    fn within(corpus: &Corpus<'_>, pattern: Pattern, scope: Option<&[u32]>) -> Hits {
        if let Some(counts) = corpus.char_counts(&pattern) {
            let docs: Vec<(u32, u32, u32)> = counts.into_iter().map(|(d, tf)| (d, tf, 0)).collect();
            let title_docs = corpus.title_docs(&pattern);
            let df = docs.len();
            return Hits { pattern, docs, occ: Vec::new(), positions: false, title_docs, df };
        }
        let (occ, outside) = match (scope, corpus.candidates(&pattern)) {
            (Some(scope), Some(candidates)) => {
                let occ = corpus.occurrences_within(&pattern, Some(scope), true);
                let others: Vec<u32> =
                    candidates.into_iter().filter(|d| scope.binary_search(d).is_err()).collect();
                let mut outside = 0;
                let mut last = None;
                if !others.is_empty() {
                    for o in corpus.occurrences_within(&pattern, Some(&others), true) {
                        if last != Some(o.doc) {
                            last = Some(o.doc);
                            outside += 1;
                        }
                    }
                }
                (occ, outside)
            }
            _ => (corpus.occurrences_everywhere(&pattern), 0),
        };
        let mut docs: Vec<(u32, u32, u32)> = Vec::new();
        for (i, o) in occ.iter().enumerate() {
            match docs.last_mut() {
                Some(last) if last.0 == o.doc => last.1 += 1,
                _ => docs.push((o.doc, 1, i as u32)),
            }
        }
        let df = docs.len() + outside;
        Hits { pattern, docs, occ, positions: true, title_docs: Vec::new(), df }
    }

    fn entry(&self, d: u32) -> Option<&(u32, u32, u32)> {
        self.docs.binary_search_by_key(&d, |e| e.0).ok().map(|i| &self.docs[i])
    }

    /// The occurrences in document `d`, in text order.
    fn in_doc(&self, corpus: &Corpus<'_>, d: u32) -> Vec<Occurrence> {
        match self.entry(d) {
            None => Vec::new(),
            Some(&(_, tf, first)) if self.positions => {
                self.occ[first as usize..(first + tf) as usize].to_vec()
            }
            Some(_) => corpus.occurrences_in(&self.pattern, d as usize),
        }
    }
}

/// The terms of a query, each searched once however often it appears.
#[derive(Debug, Default)]
struct Terms {
    hits: Vec<Hits>,
}

impl Terms {
    /// The index of `text`'s hits, searching the corpus for it (only in
    /// `scope`, if given; see [`Hits::within`]) if new; `None` for a term
    /// that is only whitespace.
    fn add_within(&mut self, corpus: &Corpus<'_>, text: &str, scope: Option<&[u32]>) -> Option<usize> {
        let pattern = corpus.pattern(text)?;
        let key = pattern.folded();
        if let Some(i) = self.hits.iter().position(|h| h.pattern.folded() == key) {
            return Some(i);
        }
        self.hits.push(Hits::within(corpus, pattern, scope));
        Some(self.hits.len() - 1)
    }
}

/// The scoring constants of a corpus.
pub struct Ranker {
    n: f64,
    avg_len: f64,
}

impl Ranker {
    /// `idf(t)` for a term in `df` documents.
    pub fn idf(&self, df: usize) -> f64 {
        let df = df.max(1) as f64;
        (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln()
    }

    /// `bm25(t, d)` without the title boost, for a term of `idf` occurring
    /// `tf` times in document `d`.
    pub fn bm25(&self, corpus: &Corpus<'_>, idf: f64, tf: u32, d: u32) -> f64 {
        let tf = f64::from(tf);
        let len = f64::from(corpus.doc_chars(d as usize));
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len))
    }

    /// The scoring constants of `corpus`.
    pub fn new(corpus: &Corpus<'_>) -> Ranker {
        let n = corpus.len().max(1);
        let total = corpus.bundle().stats.searchable_chars;
        Ranker { n: n as f64, avg_len: (total as f64 / n as f64).max(1.0) }
    }

    /// Add each document's `bm25(t, d)`, title boost included, to `scores`
    /// (indexed by document), for the term whose hits are `hits`.
    fn add_scores(&self, corpus: &Corpus<'_>, hits: &Hits, scores: &mut [f64]) {
        let idf = self.idf(hits.df);
        let mut titles = hits.title_docs.iter().peekable();
        for &(d, tf, first) in &hits.docs {
            let score = self.bm25(corpus, idf, tf, d);
            let in_title = if hits.positions {
                let (hs, he) = corpus.title_range(d as usize);
                hits.occ[first as usize..(first + tf) as usize]
                    .iter()
                    .any(|o| o.start as usize >= hs && o.end as usize <= he)
            } else {
                while titles.peek().is_some_and(|&&t| t < d) {
                    titles.next();
                }
                titles.peek() == Some(&&d)
            };
            if let Some(s) = scores.get_mut(d as usize) {
                *s += if in_title { score * TITLE_BOOST } else { score };
            }
        }
    }

    /// The proximity factor of `d`, in `1..=2` (1 with fewer than two clauses).
    fn proximity(corpus: &Corpus<'_>, terms: &Terms, clauses: &[Vec<usize>], d: u32) -> f64 {
        if clauses.len() < 2 {
            return 1.0;
        }
        gap(corpus, terms, clauses, d).map_or(1.0, |gap| 1.0 + 1.0 / (1.0 + gap as f64 / PROXIMITY_SCALE))
    }
}

/// Characters between the clauses in the shortest stretch of `d` holding
/// one occurrence of each (see the module documentation).
fn gap(corpus: &Corpus<'_>, terms: &Terms, clauses: &[Vec<usize>], d: u32) -> Option<usize> {
    // Per clause, its occurrences in `d`'s text, in order (a title stored
    // apart is not "close" to anything in the text).
    let (ts, te) = corpus.text_range(d as usize);
    let lists: Vec<Vec<(u32, u32)>> = clauses
        .iter()
        .map(|c| {
            let mut spans = spans_in(corpus, terms, c, d);
            spans.retain(|&(a, b)| a as usize >= ts && b as usize <= te);
            spans
        })
        .collect();
    let k = lists.len();
    let mut at = vec![0usize; k];
    // The latest occurrence seen of each clause; the window runs from the
    // earliest of them to the one just seen.
    let mut last: Vec<Option<(u32, u32)>> = vec![None; k];
    let mut best: Option<(u32, u32)> = None;
    loop {
        let next = (0..k).filter(|&c| at[c] < lists[c].len()).min_by_key(|&c| lists[c][at[c]]);
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
    // Characters in the window: bytes that do not continue a character.
    let window =
        corpus.bundle().text.get(a as usize..b as usize)?.iter().filter(|&&x| x & 0xC0 != 0x80).count();
    let own: usize =
        clauses.iter().map(|c| c.iter().map(|&t| terms.hits[t].pattern.min_chars()).min().unwrap_or(0)).sum();
    Some(window.saturating_sub(own))
}

/// The occurrences in `d` of the terms `ts`, as byte spans in text order.
fn spans_in(corpus: &Corpus<'_>, terms: &Terms, ts: &[usize], d: u32) -> Vec<(u32, u32)> {
    let lists: Vec<Vec<(u32, u32)>> = ts
        .iter()
        .map(|&t| terms.hits[t].in_doc(corpus, d).iter().map(|o| (o.start, o.end)).collect())
        .collect();
    order::merge_spans(&lists)
}

/// The words of the word fallback for `term`: the distinct words of the
/// folded term (`ＧＤＰ增长` as `gdp增长`: full-width forms would each be a
/// word of their own), as the corpus vocabulary segments it, of two
/// characters or more (a single character anywhere in a document says
/// little: `利平` must not find every document with 利 and 平).
fn fallback_words(corpus: &Corpus<'_>, term: &str) -> Result<Vec<String>, Error> {
    let folded: String = term.chars().map(crate::fold::fold).collect();
    let mut words: Vec<String> = Vec::new();
    for t in corpus.segment(&folded)? {
        let word_chars = t.word.chars().filter(|&c| crate::segment::is_word_char(c)).count();
        if word_chars >= 2 && !words.contains(&t.word) {
            words.push(t.word);
        }
    }
    Ok(words)
}

/// Search (`search(query, options)`).
pub fn search<'a>(corpus: &Corpus<'a>, query: &str, opts: &SearchOptions) -> Result<SearchResult<'a>, Error> {
    // Pinyin is read in the builds with corpus linguistics (the search-only
    // module has neither the code nor, for its embedded corpus, the data).
    #[cfg(feature = "stats")]
    let (q, read_as) = super::pinyin::read_query(corpus, query::parse(query)?);
    #[cfg(not(feature = "stats"))]
    let q = query::parse(query)?;
    let selection = Selection::new(corpus, &opts.filters)?;
    let n = corpus.len();
    let mut terms = Terms::default();
    // Clauses in order of how few documents can match them (by the
    // postings); each next clause is searched only where all the ones
    // before it match, and excluded terms only where every clause does.
    let estimate = |clause: &[query::Term]| -> Option<usize> {
        clause
            .iter()
            .map(|t| corpus.pattern(&t.text).and_then(|p| corpus.candidates(&p)).map(|c| c.len()))
            .sum()
    };
    let mut order: Vec<(Option<usize>, usize)> =
        q.clauses.iter().enumerate().map(|(i, c)| (estimate(c), i)).collect();
    order::sort_short_by_key(&mut order, |o| o.0);
    let mut scope: Option<Vec<u32>> = None;
    let mut by_clause: Vec<Vec<usize>> = vec![Vec::new(); q.clauses.len()];
    for &(estimated, i) in &order {
        let found: Vec<usize> =
            q.clauses[i].iter().filter_map(|t| terms.add_within(corpus, &t.text, scope.as_deref())).collect();
        if estimated.is_some() && !found.is_empty() {
            let mut docs: Vec<u32> =
                found.iter().flat_map(|&t| terms.hits[t].docs.iter().map(|e| e.0)).collect();
            if found.len() > 1 {
                order::sort_dedup_long(&mut docs);
            }
            if let Some(previous) = &scope {
                docs.retain(|d| previous.binary_search(d).is_ok());
            }
            scope = Some(docs);
        }
        by_clause[i] = found;
    }
    let clauses: Vec<Vec<usize>> = by_clause.into_iter().filter(|c| !c.is_empty()).collect();
    let excluded: Vec<usize> =
        q.excluded.iter().filter_map(|t| terms.add_within(corpus, &t.text, scope.as_deref())).collect();

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
    let verbatim: Vec<bool> =
        (0..n).map(|d| clause_count[d] as usize == clauses.len() && !barred[d]).collect();

    // Word matches for a bare term found nowhere verbatim that segments
    // into several words.
    let mut word_clauses: Vec<Vec<usize>> = Vec::new();
    let found_verbatim = verbatim.iter().any(|&v| v);
    if let Some(term) = q.single_bare_term().filter(|_| !found_verbatim) {
        let words = fallback_words(corpus, &term.text)?;
        if words.len() >= 2 {
            // A document matching all the words contains all of their
            // characters, and only documents without a verbatim match can
            // be word matches: only those need scanning for the words.
            let scope = corpus
                .pattern(&words.iter().map(String::as_str).collect::<String>())
                .and_then(|p| corpus.candidates(&p))
                .map(|docs| docs.into_iter().filter(|&d| !verbatim[d as usize]).collect::<Vec<u32>>());
            // Rarest word first; each next word is looked for only where all
            // the words before it occur.
            let rarity = |w: &String| corpus.pattern(w).and_then(|p| corpus.candidates(&p)).map(|c| c.len());
            let mut order: Vec<(Option<usize>, &String)> = words.iter().map(|w| (rarity(w), w)).collect();
            order::sort_short_by_key(&mut order, |o| o.0);
            let mut scope = scope;
            for (_, w) in order {
                if scope.as_ref().is_some_and(|s| s.is_empty()) {
                    // Some word occurs in none of the remaining documents.
                    word_clauses.clear();
                    break;
                }
                let Some(t) = terms.add_within(corpus, w, scope.as_deref()) else { continue };
                word_clauses.push(vec![t]);
                if let Some(s) = scope.as_mut() {
                    let found = &terms.hits[t].docs;
                    s.retain(|d| found.binary_search_by_key(d, |e| e.0).is_ok());
                }
            }
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
    let facets = selection.facets(corpus, &mut base.clone(), opts.facet_limit.get())?;
    let ranker = Ranker::new(corpus);
    let mut scores = vec![0.0f64; n];
    for &t in clauses.iter().flatten() {
        ranker.add_scores(corpus, &terms.hits[t], &mut scores);
    }
    let mut word_scores = vec![0.0f64; if word_clauses.is_empty() { 0 } else { n }];
    for &t in word_clauses.iter().flatten() {
        ranker.add_scores(corpus, &terms.hits[t], &mut word_scores);
    }
    // (words only, score before proximity, doc) for every match.
    let ranked: Vec<(bool, f64, u32)> = base
        .filter(|&d| selection.passes(corpus, d))
        .map(|d| match verbatim[d] {
            true => (false, scores[d], d as u32),
            false => (true, word_scores[d], d as u32),
        })
        .collect();
    let total = ranked.len();
    let end = opts.offset.get().saturating_add(opts.limit.get()).min(total);
    // Proximity (a factor up to 2) only applies with two or more clauses.
    let most = |words_only: bool| {
        let clauses = if words_only { &word_clauses } else { &clauses };
        if clauses.len() >= 2 {
            2.0
        } else {
            1.0
        }
    };
    let page = top(&ranked, end, most, |&(words_only, base, d)| {
        let clauses = if words_only { &word_clauses } else { &clauses };
        base * Ranker::proximity(corpus, &terms, clauses, d)
    });
    let mut hits = Vec::new();
    for &(words_only, score, d) in page.iter().skip(opts.offset.get()) {
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
        #[cfg(feature = "stats")]
        read_as,
    })
}

/// The best `k` of `ranked` (words only, score before proximity, doc) by
/// final score (`finish` multiplies in proximity, a factor from 1 to
/// `most(words_only)`): verbatim matches first, then higher scores, then
/// lower ids.
///
/// Proximity is the one expensive part of a score, so it is computed in
/// order of decreasing base score, and only while a document could still
/// enter the top `k`: once a base score times its largest factor falls
/// below the `k`th final score, no later document can (and with a factor of
/// at most 1, base order is final order). The result is exactly that of
/// scoring all.
fn top(
    ranked: &[(bool, f64, u32)],
    k: usize,
    most: impl Fn(bool) -> f64,
    finish: impl Fn(&(bool, f64, u32)) -> f64,
) -> Vec<(bool, f64, u32)> {
    if k == 0 {
        return Vec::new();
    }
    let better = |a: &(bool, f64, u32), b: &(bool, f64, u32)| {
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)) == core::cmp::Ordering::Less
    };
    if k > 1000 {
        // A deep page: score everything and sort.
        let all: Vec<(bool, f64, u32)> = ranked.iter().map(|r| (r.0, finish(r), r.2)).collect();
        let cmp = |i: u32, j: u32| {
            let (a, b) = (&all[i as usize], &all[j as usize]);
            a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        return order::smallest(all.len(), k, &cmp).into_iter().map(|i| all[i as usize]).collect();
    }
    let by_base = |i: u32, j: u32| {
        let (a, b) = (&ranked[i as usize], &ranked[j as usize]);
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
    };
    let order = order::Ascending::new(ranked.len(), &by_base);
    let mut best: Vec<(bool, f64, u32)> = Vec::with_capacity(k + 1);
    for i in order {
        let r = ranked[i as usize];
        if best.len() == k {
            let worst = best[k - 1];
            // Later documents are in a worse tier, or their final score is
            // at most twice their base score.
            let factor = most(r.0);
            if (r.0 && !worst.0) || (r.0 == worst.0 && (factor <= 1.0 || r.1 * factor < worst.1)) {
                break;
            }
        }
        let scored = (r.0, finish(&r), r.2);
        if best.len() < k || better(&scored, &best[k - 1]) {
            let at = best.iter().position(|b| better(&scored, b)).unwrap_or(best.len());
            best.insert(at, scored);
            best.truncate(k);
        }
    }
    best
}

/// The snippet of `d` marking the occurrences of `marked` terms in its text.
fn snippet_of(
    corpus: &Corpus<'_>,
    terms: &Terms,
    marked: &[usize],
    d: u32,
) -> Result<Vec<super::results::Fragment>, Error> {
    let (ts, te) = corpus.text_range(d as usize);
    let marks: Vec<(usize, usize)> = spans_in(corpus, terms, marked, d)
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
    let facets = selection.facets(corpus, &mut (0..corpus.len()), opts.facet_limit.get())?;
    let mut total = 0;
    let mut docs = Vec::new();
    for d in (0..corpus.len()).filter(|&d| selection.passes(corpus, d)) {
        if total >= opts.offset.get() && docs.len() < opts.limit.get() {
            docs.push(DocSummary {
                id: d as u32,
                title: corpus.title(d)?,
                fields: Object(corpus.metadata(d)?),
            });
        }
        total += 1;
    }
    Ok(FilterResult { total, docs, facets })
}

/// Every occurrence in document `d`'s text of the positive terms of `query`
/// (or, where `search` reads the query by its words, of its words), as
/// merged UTF-16 spans of the text. For the reading view.
///
/// The word fallback is `search`'s rule: the query is one bare term found
/// verbatim in no document (title or text) and it segments into two words
/// or more. (Whether this document contains the term does not matter: a
/// term in its title only is still a verbatim match.)
pub fn matches_in(corpus: &Corpus<'_>, d: usize, query: &str) -> Result<Vec<super::results::Span>, Error> {
    let q = query::parse(query)?;
    let range = corpus.text_range(d);
    let find = |texts: &[String]| -> Vec<(usize, usize)> {
        let mut lists = Vec::new();
        for t in texts {
            if let Some(p) = corpus.pattern(t) {
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
    if let Some(term) = q.single_bare_term() {
        let nowhere =
            corpus.pattern(&term.text).is_some_and(|p| Hits::within(corpus, p, None).docs.is_empty());
        if nowhere {
            let words = fallback_words(corpus, &term.text)?;
            if words.len() >= 2 {
                return utf16_spans(corpus.text(d)?, find(&words));
            }
        }
    }
    utf16_spans(corpus.text(d)?, find(&terms))
}

/// Byte spans of `text` (sorted by start), merged where they overlap, as
/// UTF-16 spans, converted in one pass.
pub fn utf16_spans(text: &str, spans: Vec<(usize, usize)>) -> Result<Vec<super::results::Span>, Error> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_k_with_proximity_bound_equals_scoring_everything() {
        let mut x: u64 = 9;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x >> 33
        };
        for n in [0usize, 1, 5, 40, 300] {
            let ranked: Vec<(bool, f64, u32)> =
                (0..n as u32).map(|d| (next() % 3 == 0, (next() % 50) as f64 / 4.0, d)).collect();
            let factor: Vec<f64> = (0..n).map(|_| 1.0 + (next() % 5) as f64 / 4.0).collect();
            let finish = |r: &(bool, f64, u32)| r.1 * factor[r.2 as usize];
            let mut all: Vec<(bool, f64, u32)> = ranked.iter().map(|r| (r.0, finish(r), r.2)).collect();
            all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
            for k in [0, 1, 3, 10, n, n + 5, 1200] {
                assert_eq!(top(&ranked, k.min(n), |_| 2.0, finish), all[..k.min(n)].to_vec(), "n {n} k {k}");
            }
            // Without proximity, base order is the final order.
            let mut plain = ranked.clone();
            plain.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
            for k in [0, 1, 3, 10, n, 1200] {
                assert_eq!(
                    top(&ranked, k.min(n), |_| 1.0, |r| r.1),
                    plain[..k.min(n)].to_vec(),
                    "n {n} k {k}"
                );
            }
        }
    }
}

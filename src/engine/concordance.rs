//! Concordance (key word in context): every occurrence of a term in the
//! document texts, with the characters around it.
//!
//! The query is one term, spaces included (`青年担当 平安守望` is one term;
//! surrounding quotes are optional). `total` counts every occurrence in the
//! filtered documents, overlapping ones too. Lines come in document order
//! (`sort: "doc"`), or sorted by their left context read backwards from the
//! match (`"left"`) or by their right context (`"right"`), comparing folded
//! characters by code point; ties keep document order. Only the requested
//! page is sorted in full, so a frequent term stays fast.

use super::filters::Selection;
use super::options::{ConcordanceOptions, Sort};
use super::order;
use super::pattern::{char_at, char_before, Occurrence};
use super::query::MAX_QUERY_CHARS;
use super::results::{Concordance, Line};
use super::{utf16_len, Corpus};
use crate::error::{Error, ErrorKind};
use crate::fold::fold;
use core::cmp::Ordering;

/// Characters compared when sorting by context.
const SORT_CHARS: usize = 64;

/// The term a concordance query stands for: the text, with one pair of
/// surrounding quotes removed, or an opening quote not yet closed (as
/// `search` reads `"拉萨`).
pub fn term_of(query: &str) -> Result<&str, Error> {
    let chars = super::char_count(query);
    if chars > MAX_QUERY_CHARS {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            format!("query is {chars} characters long; the limit is {MAX_QUERY_CHARS}"),
        ));
    }
    let t = query.trim();
    let quoted = |c: char| c == '"' || c == '＂';
    let t = match t.strip_prefix(quoted) {
        Some(rest) => rest.strip_suffix(quoted).unwrap_or(rest),
        None => t,
    };
    Ok(t)
}

/// Build a concordance (`concordance(query, options)`).
pub fn concordance<'a>(
    corpus: &Corpus<'a>,
    query: &str,
    opts: &ConcordanceOptions,
    sort: Sort,
) -> Result<Concordance<'a>, Error> {
    let pattern = corpus.pattern(term_of(query)?).ok_or_else(|| {
        Error::new(ErrorKind::InvalidQuery, "query is empty: give the word or phrase to look up")
    })?;
    let selection = Selection::new(corpus, &opts.filters)?;
    // The occurrences in the selected documents' texts (not in titles
    // stored apart).
    let scope: Option<Vec<u32>> = (!selection.is_empty())
        .then(|| (0..corpus.len() as u32).filter(|&d| selection.passes(corpus, d as usize)).collect());
    let facets = |docs: Option<Vec<u32>>| -> Result<Option<super::results::Facets<'a>>, Error> {
        if opts.facets != Some(true) {
            return Ok(None);
        }
        // The documents with a match in their text, whatever the filters.
        let docs = match docs {
            Some(d) => d,
            None => {
                let mut d: Vec<u32> =
                    corpus.occurrences_within(&pattern, None, false).iter().map(|o| o.doc).collect();
                d.dedup();
                d
            }
        };
        Ok(Some(selection.facets(corpus, &mut docs.iter().map(|&d| d as usize), opts.facet_limit.get())?))
    };
    if sort == Sort::Doc {
        if let Some(counts) = corpus.char_counts(&pattern) {
            let mut result = by_counts(corpus, &pattern, &counts, scope.as_deref(), opts)?;
            result.facets = facets(None)?;
            return Ok(result);
        }
    }
    let occ = corpus.occurrences_within(&pattern, scope.as_deref(), false);
    let total = occ.len();
    let end = opts.offset.get().saturating_add(opts.limit.get()).min(total);
    let page: Vec<u32> = if sort == Sort::Doc {
        (opts.offset.get().min(end) as u32..end as u32).collect()
    } else {
        let text = corpus.bundle().text;
        let cmp = |i: u32, j: u32| {
            let (a, b) = (&occ[i as usize], &occ[j as usize]);
            let by_context = compare_context(text, corpus, a, b, sort == Sort::Left);
            // Occurrences are in document order already.
            by_context.then(i.cmp(&j))
        };
        order::smallest(total, end, &cmp).split_off(opts.offset.get().min(end))
    };
    let starts = utf16_starts(
        corpus,
        &page.iter().map(|&i| (occ[i as usize].doc, occ[i as usize].start as usize)).collect::<Vec<_>>(),
    )?;
    let mut lines = Vec::with_capacity(page.len());
    for (&i, &start16) in page.iter().zip(&starts) {
        let o = &occ[i as usize];
        lines.push(line_around(
            corpus,
            o.doc,
            o.start as usize,
            o.end as usize,
            opts.context.get(),
            Some(start16),
        )?);
    }
    let docs = scope.is_none().then(|| {
        let mut d: Vec<u32> = occ.iter().map(|o| o.doc).collect();
        d.dedup();
        d
    });
    Ok(Concordance {
        total,
        lines,
        facets: facets(docs)?,
        #[cfg(feature = "stats")]
        sampled: None,
    })
}

/// The UTF-16 offsets of `items` (document, byte offset in the bundle
/// text) in their documents' texts, each text walked once however many
/// lines it has (a page of 10,000 lines of one long document stays linear).
pub fn utf16_starts(corpus: &Corpus<'_>, items: &[(u32, usize)]) -> Result<Vec<usize>, Error> {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order::sort(&mut order, &|a, b| items[a as usize].cmp(&items[b as usize]));
    let mut out = vec![0usize; items.len()];
    let mut at: Option<(u32, usize, usize)> = None; // (doc, byte, units)
    for i in order {
        let (doc, byte) = items[i as usize];
        let (ts, _) = corpus.text_range(doc as usize);
        let (from, units) = match at {
            Some((d, b, u)) if d == doc && b <= byte => (b, u),
            _ => (ts, 0),
        };
        let units = units + utf16_len(corpus.str_at((from, byte))?);
        out[i as usize] = units;
        at = Some((doc, byte, units));
    }
    Ok(out)
}

/// The concordance in document order of a one-character term, whose
/// count in every document the postings give (`counts`, titles included):
/// the total without a scan of the texts, and the lines from a scan of just
/// the documents the page falls in.
fn by_counts<'a>(
    corpus: &Corpus<'a>,
    pattern: &super::pattern::Pattern,
    counts: &[(u32, u32)],
    scope: Option<&[u32]>,
    opts: &ConcordanceOptions,
) -> Result<Concordance<'a>, Error> {
    // Occurrences in titles stored apart are not concordance lines.
    let in_titles = corpus.occurrences(pattern, &[(0, corpus.texts_start())], None);
    let mut titles = in_titles.iter().peekable();
    let end = opts.offset.get().saturating_add(opts.limit.get());
    let (mut total, mut page) = (0usize, Vec::new());
    for &(d, tf) in counts {
        let mut in_title = 0;
        while let Some(o) = titles.next_if(|o| o.doc <= d) {
            in_title += u32::from(o.doc == d);
        }
        if scope.is_some_and(|s| s.binary_search(&d).is_err()) {
            continue;
        }
        let before = total;
        total += tf.saturating_sub(in_title) as usize;
        if total > opts.offset.get() && before < end {
            for (i, o) in
                corpus.occurrences(pattern, &[corpus.text_range(d as usize)], None).iter().enumerate()
            {
                if (opts.offset.get()..end).contains(&(before + i)) {
                    page.push(*o);
                }
            }
        }
    }
    let starts = utf16_starts(corpus, &page.iter().map(|o| (o.doc, o.start as usize)).collect::<Vec<_>>())?;
    let mut lines = Vec::with_capacity(page.len());
    for (o, start16) in page.iter().zip(starts) {
        lines.push(line_around(
            corpus,
            o.doc,
            o.start as usize,
            o.end as usize,
            opts.context.get(),
            Some(start16),
        )?);
    }
    Ok(Concordance {
        total,
        lines,
        facets: None,
        #[cfg(feature = "stats")]
        sampled: None,
    })
}

/// The line of document `doc` whose match is bytes `start..end` of the
/// bundle text, with `context` characters each side.
pub fn line_around<'a>(
    corpus: &Corpus<'a>,
    doc: u32,
    start: usize,
    end: usize,
    context: usize,
    start16: Option<usize>,
) -> Result<Line<'a>, Error> {
    let text = corpus.bundle().text;
    let d = doc as usize;
    let (ts, te) = corpus.text_range(d);
    let mut left = start;
    for _ in 0..context {
        match char_before(text, left) {
            Some((_, len)) if left - len >= ts => left -= len,
            _ => break,
        }
    }
    let mut right = end;
    for _ in 0..context {
        match char_at(text, right) {
            Some((_, len)) if right + len <= te => right += len,
            _ => break,
        }
    }
    Ok(Line {
        id: doc,
        left: corpus.str_at((left, start))?,
        matched: corpus.str_at((start, end))?,
        right: corpus.str_at((end, right))?,
        start: match start16 {
            Some(s) => s,
            None => utf16_len(corpus.str_at((ts, start))?),
        },
    })
}

/// Compare the contexts of two occurrences on one side, character by
/// character outwards from the match, folded; a context that ends (at the
/// edge of its document's text) first is smaller.
pub fn compare_context(
    text: &[u8],
    corpus: &Corpus<'_>,
    a: &Occurrence,
    b: &Occurrence,
    left: bool,
) -> Ordering {
    let (ra, rb) = (corpus.text_range(a.doc as usize), corpus.text_range(b.doc as usize));
    let (mut pa, mut pb) =
        if left { (a.start as usize, b.start as usize) } else { (a.end as usize, b.end as usize) };
    // The next character outwards from `p`, within `range`, and where to go on.
    let step = |p: usize, range: (usize, usize)| -> Option<(char, usize)> {
        if left {
            char_before(text, p).filter(|&(_, l)| p - l >= range.0).map(|(c, l)| (c, p - l))
        } else {
            char_at(text, p).filter(|&(_, l)| p + l <= range.1).map(|(c, l)| (c, p + l))
        }
    };
    for _ in 0..SORT_CHARS {
        match (step(pa, ra), step(pb, rb)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((x, na)), Some((y, nb))) => match fold(x).cmp(&fold(y)) {
                Ordering::Equal => (pa, pb) = (na, nb),
                other => return other,
            },
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_optional() {
        assert_eq!(term_of(" \"拉萨 市\" ").unwrap(), "拉萨 市");
        assert_eq!(term_of("拉萨").unwrap(), "拉萨");
        assert_eq!(term_of("\"拉萨").unwrap(), "拉萨");
        assert_eq!(term_of("＂拉萨＂").unwrap(), "拉萨");
        assert_eq!(term_of("拉萨\"").unwrap(), "拉萨\"");
        assert_eq!(term_of("\"").unwrap(), "");
        assert!(term_of(&"a".repeat(2000)).is_err());
    }
}

//! The concordance of a corpus query: CQL matches or character matches,
//! with context counted in characters or tokens, sort keys over the words
//! around the match, deterministic random samples, and CSV of every line.
//!
//! Sort keys (`sort: ["R1", "R2:pos"]`) compare, for each line, the word
//! (with `:pos`, the tag) that many tokens left (`L1` is the token just
//! before the match) or right (`R1` just after) of the match, or the
//! matched words (`match`), by code point; a position beyond the document's
//! first or last token is empty and sorts first. `left` and `right` compare
//! the context character by character, as in the search-only build. Ties
//! go to the next key, and finally to corpus order.
//!
//! A sample (`sample: { size, seed }`) is drawn from every match with a
//! generator fully specified here (splitmix64 seeded with `seed`, a partial
//! Fisher–Yates shuffle of the match indices), so the same seed gives the
//! same lines on every machine and in every release that keeps this code;
//! the sampled lines are then sorted and paged like all lines would be.

use super::super::concordance::{compare_context, line_around, utf16_starts};
use super::super::options::{wants_csv, ConcordanceOptions, SortKey, SortSpec};
use super::super::results::{Concordance, Line};
use super::super::tokens::Tokens;
use super::super::Corpus;
use super::csv::{Csv, CsvExport, Param, Params};
use super::{Match, Node, Subcorpus};
use crate::error::Error;
use core::cmp::Ordering;

/// What `concordance` returns: lines, or with `format: "csv"` every line as CSV.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Output<'a> {
    /// A page of lines.
    Lines(Concordance<'a>),
    /// Every line, as CSV.
    Csv(CsvExport),
}

impl<'a> Output<'a> {
    /// The lines, unless this is CSV.
    pub fn lines(self) -> Option<Concordance<'a>> {
        match self {
            Output::Lines(c) => Some(c),
            Output::Csv(_) => None,
        }
    }
}

/// The concordance of `query` (see the module documentation).
pub fn concordance<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    query: &str,
    opts: &ConcordanceOptions,
) -> Result<Output<'a>, Error> {
    let csv = wants_csv(&opts.format)?;
    let by_tokens = match opts.context_unit.as_deref() {
        None | Some("char") => false,
        Some("token") => true,
        Some(other) => {
            return Err(Error::argument(format!(
                "concordance options: contextUnit must be \"char\" or \"token\", got \"{other}\""
            )))
        }
    };
    let node = Node::parse(corpus, query)?;
    let sub = Subcorpus::new(corpus, tokens, &opts.filters)?;
    let all = node.matches(corpus, tokens, &sub.docs);
    let total = all.len();
    let (matches, sampled) = match opts.sample {
        Some(s) => (sample(&all, s.size.get(), s.seed.0), Some(s.size.get().min(total))),
        None => (all, None),
    };
    let keys: Vec<SortKey> = opts.sort.clone().unwrap_or(SortSpec(vec![SortKey::Doc])).0;
    let order = sorted(corpus, tokens, &matches, &keys, if csv { usize::MAX } else { page_end(opts) });
    let context = opts.context.get();
    let page: Vec<&Match> =
        order.iter().skip(if csv { 0 } else { opts.offset.get() }).map(|&i| &matches[i]).collect();
    // Offsets of the page's matches, each text walked once.
    let starts = utf16_starts(corpus, &page.iter().map(|m| (m.doc, m.bytes.0 as usize)).collect::<Vec<_>>())?;
    let mut lines = Vec::with_capacity(page.len());
    for (m, start16) in page.into_iter().zip(starts) {
        lines.push(if by_tokens {
            token_line(corpus, tokens, m, context, start16)?
        } else {
            line_around(corpus, m.doc, m.bytes.0 as usize, m.bytes.1 as usize, context, Some(start16))?
        });
    }
    if csv {
        return Ok(Output::Csv(export(corpus, query, opts, &sub, total, &lines)?));
    }
    let facets = if opts.facets == Some(true) {
        // The documents with a match, whatever the filters.
        let everywhere: Vec<u32> = (0..corpus.len() as u32).collect();
        let mut docs: Vec<u32> = node.matches(corpus, tokens, &everywhere).iter().map(|m| m.doc).collect();
        docs.dedup();
        let selection = super::super::filters::Selection::new(corpus, &opts.filters)?;
        Some(selection.facets(corpus, &mut docs.iter().map(|&d| d as usize), opts.facet_limit.get())?)
    } else {
        None
    };
    Ok(Output::Lines(Concordance { total, lines, facets, sampled }))
}

fn page_end(opts: &ConcordanceOptions) -> usize {
    opts.offset.get().saturating_add(opts.limit.get())
}

/// `size` of `matches` chosen by seed `seed`, in corpus order.
pub fn sample(matches: &[Match], size: usize, seed: u64) -> Vec<Match> {
    let n = matches.len();
    if size >= n {
        return matches.to_vec();
    }
    let mut rng = SplitMix64(seed);
    // Fisher–Yates on a sparse permutation: the first `size` steps only.
    let mut swapped: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut chosen = Vec::with_capacity(size);
    for i in 0..size {
        let j = i + rng.below((n - i) as u64) as usize;
        let at_j = *swapped.get(&j).unwrap_or(&j);
        let at_i = *swapped.get(&i).unwrap_or(&i);
        swapped.insert(j, at_i);
        chosen.push(at_j);
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| matches[i]).collect()
}

/// splitmix64 (Steele, Lea and Flood 2014): the sample's generator.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), without modulo bias (rejection).
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n + 1) % n;
        loop {
            let x = self.next_u64();
            if x <= zone {
                return x % n;
            }
        }
    }
}

/// The indices of the first `k` matches under `keys` (ties: corpus order).
fn sorted(corpus: &Corpus<'_>, tokens: &Tokens, matches: &[Match], keys: &[SortKey], k: usize) -> Vec<usize> {
    let n = matches.len();
    let mut order: Vec<usize> = (0..n).collect();
    if keys.iter().all(|k| *k == SortKey::Doc) {
        order.truncate(k);
        return order;
    }
    // Each line's key strings, computed once.
    let vocabulary = &corpus.bundle().vocabulary;
    let text_of = |w: u32, pos: bool| -> &str {
        if pos {
            let t = tokens.word_tag.get(w as usize).copied().unwrap_or(u16::MAX);
            vocabulary.pos.get(usize::from(t)).unwrap_or("")
        } else {
            vocabulary.words.get(w as usize).unwrap_or("")
        }
    };
    let key_of = |m: &Match, key: &SortKey| -> Option<Vec<String>> {
        match *key {
            SortKey::Match { pos } => {
                Some((m.start..m.end).map(|i| text_of(tokens.words[i as usize], pos).to_string()).collect())
            }
            SortKey::Token { offset, pos } => {
                let doc = tokens.doc(m.doc as usize);
                let at = if offset < 0 {
                    (m.start as i64) + i64::from(offset)
                } else {
                    (m.end as i64) - 1 + i64::from(offset)
                };
                let inside = at >= doc.start as i64 && at < doc.end as i64;
                Some(if inside {
                    vec![text_of(tokens.words[at as usize], pos).to_string()]
                } else {
                    Vec::new()
                })
            }
            _ => None,
        }
    };
    let table: Vec<Vec<Option<Vec<String>>>> =
        matches.iter().map(|m| keys.iter().map(|key| key_of(m, key)).collect()).collect();
    let text = corpus.bundle().text;
    let cmp = |&a: &usize, &b: &usize| -> Ordering {
        for (k, key) in keys.iter().enumerate() {
            let o = match key {
                SortKey::Doc => a.cmp(&b),
                SortKey::Left | SortKey::Right => {
                    let occ = |m: &Match| super::super::pattern::Occurrence {
                        doc: m.doc,
                        start: m.bytes.0,
                        end: m.bytes.1,
                    };
                    compare_context(text, corpus, &occ(&matches[a]), &occ(&matches[b]), *key == SortKey::Left)
                }
                _ => table[a][k].cmp(&table[b][k]),
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        a.cmp(&b)
    };
    if k < n {
        order.select_nth_unstable_by(k, cmp);
        order.truncate(k);
    }
    order.sort_unstable_by(cmp);
    order
}

/// The line of match `m` with `context` tokens each side (within its document).
fn token_line<'a>(
    corpus: &Corpus<'a>,
    tokens: &Tokens,
    m: &Match,
    context: usize,
    start16: usize,
) -> Result<Line<'a>, Error> {
    let doc = tokens.doc(m.doc as usize);
    let (_, te) = corpus.text_range(m.doc as usize);
    let (start, end) = (m.bytes.0 as usize, m.bytes.1 as usize);
    let first = (m.start as usize).saturating_sub(context).max(doc.start);
    let left = if first < m.start as usize { tokens.starts[first] as usize } else { start };
    let last = (m.end as usize + context).min(doc.end);
    let right = if last > m.end as usize { tokens.end(last - 1) } else { end };
    Ok(Line {
        id: m.doc,
        left: corpus.str_at((left.min(start), start))?,
        matched: corpus.str_at((start, end))?,
        right: corpus.str_at((end, right.max(end).min(te)))?,
        start: start16,
    })
}

/// Every line as CSV: the document (id, title, metadata), then the line.
fn export(
    corpus: &Corpus<'_>,
    query: &str,
    opts: &ConcordanceOptions,
    sub: &Subcorpus,
    total: usize,
    lines: &[Line<'_>],
) -> Result<CsvExport, Error> {
    let fields: Vec<&str> = corpus.fields().iter().map(|f| f.name).collect();
    let mut header = vec!["id", "title"];
    header.extend(&fields);
    header.extend(["left", "match", "right", "start"]);
    let mut csv = Csv::new(&header);
    for l in lines {
        let d = l.id as usize;
        let mut row: Vec<String> = vec![l.id.to_string(), corpus.title(d)?.to_string()];
        for (_, value) in corpus.metadata(d)? {
            row.push(super::csv::meta_text(&value));
        }
        row.extend([l.left.to_string(), l.matched.to_string(), l.right.to_string(), l.start.to_string()]);
        csv.row(&row);
    }
    let filters = filter_text(&opts.filters);
    let keys: Vec<String> =
        opts.sort.as_ref().map_or(vec!["doc".into()], |s| s.0.iter().map(key_name).collect());
    let options = Params(vec![
        ("sort", Param::Text(keys.join(","))),
        ("context", Param::Number(opts.context.get() as f64)),
        ("contextUnit", Param::Text(opts.context_unit.clone().unwrap_or_else(|| "char".into()))),
        ("sampleSize", opts.sample.map_or(Param::None, |s| Param::Number(s.size.get() as f64))),
        ("sampleSeed", opts.sample.map_or(Param::None, |s| Param::Number(s.seed.0 as f64))),
    ]);
    Ok(CsvExport::new(corpus, "concordance", Some(query), filters, sub, csv, Some(total))
        .with_options(options, ""))
}

/// A sort key as written in options.
fn key_name(k: &SortKey) -> String {
    let pos = |p: bool| if p { ":pos" } else { "" };
    match *k {
        SortKey::Doc => "doc".into(),
        SortKey::Left => "left".into(),
        SortKey::Right => "right".into(),
        SortKey::Match { pos: p } => format!("match{}", pos(p)),
        SortKey::Token { offset, pos: p } => {
            format!("{}{}{}", if offset < 0 { 'L' } else { 'R' }, offset.unsigned_abs(), pos(p))
        }
    }
}

/// The filters as the text the "about" record shows.
pub fn filter_text(filters: &super::super::options::Filters) -> Vec<(String, Vec<String>)> {
    use super::super::options::FilterValue;
    filters
        .0
        .iter()
        .map(|(k, values)| {
            let values = values
                .iter()
                .map(|v| match v {
                    FilterValue::Text(s) => s.clone(),
                    FilterValue::Number(x) => super::super::options::number_text(*x),
                    FilterValue::Bool(b) => b.to_string(),
                })
                .collect();
            (k.clone(), values)
        })
        .collect()
}

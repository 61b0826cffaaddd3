//! Property tests: random small corpora and random queries, each answer
//! compared with a naive implementation written here, only for the test,
//! from the README's definitions (not from the engine's code).
//!
//! - `search`: the total, the set of hits (and whether each is verbatim),
//!   every page (`offset`, `limit`) a slice of the whole ranking, and the
//!   facet counts (disjunctive: each field counted over the documents that
//!   pass the query and the filters on the other fields).
//! - `concordance`: the total, every line (document, UTF-16 start, left
//!   context, match, right context) in document order, pages, and the
//!   facets of the documents with a line.
//!
//! Queries mix characters, words, phrases with spaces, `OR`, `-` (NOT),
//! ASCII case and width variants, and bare terms found nowhere verbatim
//! (the word fallback); filters cover a string, a list and a number field.
//! Every corpus is built twice, with character postings and without.
//! `PROPTEST_CASES` sets the number of corpora (default 48); a failure is
//! shrunk by proptest to a small corpus and query and printed.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{concordance, search, temp_dir};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use yuliao::engine::Corpus;
use yuliao::index::{Options, PostingsChoice};

/// Pieces of text: words jieba knows, single characters, ASCII in both
/// cases and widths, whitespace and punctuation (`，` folds to `,`).
const PIECES: &[&str] = &[
    "党建",
    "工作",
    "拉萨市",
    "林芝",
    "拉",
    "萨",
    "党",
    "作",
    "市",
    "a",
    "B",
    "Ｃ",
    "1",
    "２",
    " ",
    "\n",
    "，",
    "。",
];
/// Pieces of query terms (no whitespace, `-` or `"`).
const TERM_PIECES: &[&str] =
    &["党建", "工作", "拉萨", "林芝", "萨市", "建工", "党", "作", "a", "b", "Ｂ", "c", "1", "2", "，", "。"];
const REGIONS: &[&str] = &["甲", "乙", "丙"];
const TAGS: &[&str] = &["p", "q", "r"];

#[derive(Debug, Clone)]
struct Doc {
    /// `None`: the build derives the title from the text (so it is part of it).
    title: Option<String>,
    text: String,
    region: Option<&'static str>,
    tags: Vec<&'static str>,
    n: Option<u8>,
}

#[derive(Debug, Clone)]
struct Term {
    text: String,
    quoted: bool,
}

#[derive(Debug, Clone)]
struct Query {
    clauses: Vec<Vec<Term>>,
    excluded: Vec<String>,
    /// Separate clauses with the ideographic space.
    wide_space: bool,
}

impl Query {
    fn to_text(&self) -> String {
        let term = |t: &Term| if t.quoted { format!("\"{}\"", t.text) } else { t.text.clone() };
        let mut parts: Vec<String> =
            self.clauses.iter().map(|c| c.iter().map(term).collect::<Vec<_>>().join(" OR ")).collect();
        parts.extend(self.excluded.iter().map(|t| format!("-{t}")));
        parts.join(if self.wide_space { "\u{3000}" } else { " " })
    }

    fn single_bare_term(&self) -> Option<&str> {
        match (self.clauses.as_slice(), self.excluded.is_empty()) {
            ([c], true) if c.len() == 1 && !c[0].quoted => Some(&c[0].text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Filters {
    region: Option<Vec<&'static str>>,
    tags: Option<Vec<&'static str>>,
    n: Option<Vec<u8>>,
}

impl Filters {
    /// Only the filters on fields the corpus has (a filter on another
    /// field is an error, tested elsewhere).
    fn on(&self, fields: &[String]) -> Filters {
        let has = |f: &str| fields.iter().any(|x| x == f);
        Filters {
            region: self.region.clone().filter(|_| has("region")),
            tags: self.tags.clone().filter(|_| has("tags")),
            n: self.n.clone().filter(|_| has("n")),
        }
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        if let Some(v) = &self.region {
            m.insert("region".into(), json!(v));
        }
        if let Some(v) = &self.tags {
            m.insert("tags".into(), json!(v));
        }
        if let Some(v) = &self.n {
            m.insert("n".into(), json!(v));
        }
        Value::Object(m)
    }
}

fn text_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 1..max).prop_map(|v| v.concat())
}

fn doc() -> impl Strategy<Value = Doc> {
    let title = prop::option::weighted(
        0.7,
        text_of(PIECES, 4).prop_filter("a title on one line", |t| !t.trim().is_empty() && !t.contains('\n')),
    );
    let text = text_of(PIECES, 14).prop_filter("a text that is not blank", |t| !t.trim().is_empty());
    let region = prop::option::weighted(0.8, prop::sample::select(REGIONS));
    let tags = prop::sample::subsequence(TAGS, 0..=3);
    let n = prop::option::weighted(0.7, 1u8..=3);
    (title, text, region, tags, n).prop_map(|(title, text, region, tags, n)| Doc {
        title,
        text,
        region,
        tags,
        n,
    })
}

fn term() -> impl Strategy<Value = Term> {
    let bare = text_of(TERM_PIECES, 4).prop_map(|text| Term { text, quoted: false });
    // A phrase with a space: matches any run of whitespace.
    let phrase = (text_of(TERM_PIECES, 3), text_of(TERM_PIECES, 3))
        .prop_map(|(a, b)| Term { text: format!("{a} {b}"), quoted: true });
    let quoted = text_of(TERM_PIECES, 3).prop_map(|text| Term { text, quoted: true });
    prop_oneof![6 => bare, 1 => phrase, 1 => quoted]
}

fn query() -> impl Strategy<Value = Query> {
    let clause = prop::collection::vec(term(), 1..=2);
    let excluded = prop::collection::vec(text_of(TERM_PIECES, 3), 0..=1);
    (prop::collection::vec(clause, 1..=3), excluded, any::<bool>())
        .prop_map(|(clauses, excluded, wide_space)| Query { clauses, excluded, wide_space })
}

fn filters() -> impl Strategy<Value = Filters> {
    let region = prop::option::weighted(0.3, prop::sample::subsequence(REGIONS, 1..=2));
    let tags = prop::option::weighted(0.2, prop::sample::subsequence(TAGS, 1..=2));
    let n = prop::option::weighted(0.2, prop::sample::subsequence(vec![1u8, 2, 3], 1..=2));
    (region, tags, n).prop_map(|(region, tags, n)| Filters { region, tags, n })
}

/// A page: offset 0 to 5, limit 1 to 4.
fn page() -> impl Strategy<Value = (usize, usize)> {
    (0usize..6, 1usize..5)
}

// ---------------------------------------------------------------------------
// The naive implementation.

/// Folding as the README defines it for these characters: ASCII case, and
/// full-width forms (U+FF01..U+FF5E) to ASCII.
fn fold(c: char) -> char {
    let c =
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap() } else { c };
    c.to_ascii_lowercase()
}

/// Every occurrence of `term` in `hay` as (start, end) character indexes,
/// overlapping ones included: folded characters compared one by one, a
/// space in the term matching a run of one or more whitespace characters.
fn occurrences(hay: &str, term: &str) -> Vec<(usize, usize)> {
    let h: Vec<char> = hay.chars().collect();
    let t: Vec<char> = term.chars().collect();
    let mut out = Vec::new();
    'start: for i in 0..h.len() {
        let mut j = i;
        for &c in &t {
            if c == ' ' {
                let k = (j..h.len()).find(|&k| !h[k].is_whitespace()).unwrap_or(h.len());
                if k == j {
                    continue 'start;
                }
                j = k;
            } else if j < h.len() && fold(h[j]) == fold(c) {
                j += 1;
            } else {
                continue 'start;
            }
        }
        out.push((i, j));
    }
    out
}

fn occurs(doc: &Doc, term: &str) -> bool {
    doc.title.as_deref().is_some_and(|t| !occurrences(t, term).is_empty())
        || !occurrences(&doc.text, term).is_empty()
}

/// A field's values in a document, as JSON (what facets and filters use).
fn values(doc: &Doc, field: &str) -> Vec<Value> {
    match field {
        "source" => vec![json!("c")],
        "region" => doc.region.iter().map(|v| json!(v)).collect(),
        "tags" => doc.tags.iter().map(|v| json!(v)).collect(),
        "n" => doc.n.iter().map(|v| json!(v)).collect(),
        _ => unreachable!("{field}"),
    }
}

/// Whether `doc` passes the filters, leaving out the one on `except`.
fn passes(doc: &Doc, f: &Filters, except: Option<&str>) -> bool {
    let ok = |field: &str, wanted: Option<Vec<Value>>| {
        except == Some(field) || wanted.is_none_or(|w| values(doc, field).iter().any(|v| w.contains(v)))
    };
    ok("region", f.region.as_ref().map(|v| v.iter().map(|x| json!(x)).collect()))
        && ok("tags", f.tags.as_ref().map(|v| v.iter().map(|x| json!(x)).collect()))
        && ok("n", f.n.as_ref().map(|v| v.iter().map(|x| json!(x)).collect()))
}

/// Facet counts: per field, per value, the documents among `matching`
/// (ids) that pass the filters on the other fields. Values counting none
/// are left out, except the values a filter selects (that some document
/// has): those are always listed, at 0 if need be.
fn naive_facets(docs: &[Doc], matching: &BTreeSet<usize>, f: &Filters, fields: &[String]) -> Facets {
    let mut out = Facets::new();
    for field in fields {
        let mut counts = BTreeMap::new();
        let selected: Vec<Value> = match field.as_str() {
            "region" => f.region.iter().flatten().map(|v| json!(v)).collect(),
            "tags" => f.tags.iter().flatten().map(|v| json!(v)).collect(),
            "n" => f.n.iter().flatten().map(|v| json!(v)).collect(),
            _ => Vec::new(),
        };
        for v in selected {
            if docs.iter().any(|doc| values(doc, field).contains(&v)) {
                counts.insert(v.to_string(), 0u64);
            }
        }
        for &d in matching {
            if passes(&docs[d], f, Some(field)) {
                let distinct: BTreeSet<String> =
                    values(&docs[d], field).iter().map(Value::to_string).collect();
                for v in distinct {
                    *counts.entry(v).or_insert(0u64) += 1;
                }
            }
        }
        if !counts.is_empty() {
            out.insert(field.clone(), counts);
        }
    }
    out
}

type Facets = BTreeMap<String, BTreeMap<String, u64>>;

/// A result's facets in the same shape (fields without values left out).
fn facets_of(result: &Value) -> Facets {
    let mut out = Facets::new();
    for (field, list) in result["facets"].as_object().expect("facets") {
        let counts: BTreeMap<String, u64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["value"].to_string(), e["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(counts.len(), list.as_array().unwrap().len(), "{field}: a value listed twice");
        if !counts.is_empty() {
            out.insert(field.clone(), counts);
        }
    }
    out
}

/// The documents `search` finds, each with whether it is verbatim: every
/// clause has a term occurring in the title or text and no excluded term
/// occurs; if no document in the corpus matches so and the query is one
/// bare term, the documents containing all of the distinct words of two
/// characters or more (at least two such words) of the folded term, as the
/// corpus segments it. Documents outside the filters are left out after.
fn naive_search(corpus: &Corpus<'_>, docs: &[Doc], q: &Query, f: &Filters) -> BTreeMap<usize, bool> {
    let verbatim = |doc: &Doc| {
        q.clauses.iter().all(|c| c.iter().any(|t| occurs(doc, &t.text)))
            && !q.excluded.iter().any(|t| occurs(doc, t))
    };
    let found: BTreeSet<usize> = (0..docs.len()).filter(|&d| verbatim(&docs[d])).collect();
    let mut out: BTreeMap<usize, bool> = found.iter().map(|&d| (d, true)).collect();
    if found.is_empty() {
        if let Some(term) = q.single_bare_term() {
            let mut words: Vec<String> = Vec::new();
            let folded: String = term.chars().map(fold).collect();
            for token in corpus.segment(&folded).unwrap() {
                // Characters of words: Han, ASCII letters and digits.
                let chars = token
                    .word
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(c))
                    .count();
                if chars >= 2 && !words.contains(&token.word) {
                    words.push(token.word);
                }
            }
            if words.len() >= 2 {
                for (d, doc) in docs.iter().enumerate() {
                    if words.iter().all(|w| occurs(doc, w)) {
                        out.insert(d, false);
                    }
                }
            }
        }
    }
    out.retain(|&d, _| passes(&docs[d], f, None));
    out
}

/// A concordance line as the API gives it: id, start (UTF-16), left, match, right.
type Line = (u64, u64, String, String, String);

/// Every occurrence of `term` in the texts of the documents passing the
/// filters, in document order, with `context` characters each side.
fn naive_concordance(docs: &[Doc], term: &str, f: &Filters, context: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate().filter(|(_, doc)| passes(doc, f, None)) {
        let chars: Vec<char> = doc.text.chars().collect();
        let s = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        for (a, b) in occurrences(&doc.text, term) {
            let start16: usize = chars[..a].iter().map(|c| c.len_utf16()).sum();
            out.push((
                d as u64,
                start16 as u64,
                s(a.saturating_sub(context), a),
                s(a, b),
                s(b, (b + context).min(chars.len())),
            ));
        }
    }
    out
}

fn lines_of(result: &Value) -> Vec<Line> {
    result["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap().to_string();
            (l["id"].as_u64().unwrap(), l["start"].as_u64().unwrap(), s("left"), s("match"), s("right"))
        })
        .collect()
}

// ---------------------------------------------------------------------------

fn build(docs: &[Doc], postings: PostingsChoice) -> Vec<u8> {
    let mut lines = String::new();
    for doc in docs {
        let mut record = Map::new();
        if let Some(t) = &doc.title {
            record.insert("title".into(), json!(t));
        }
        record.insert("text".into(), json!(doc.text));
        if let Some(r) = doc.region {
            record.insert("region".into(), json!(r));
        }
        if !doc.tags.is_empty() {
            record.insert("tags".into(), json!(doc.tags));
        }
        if let Some(n) = doc.n {
            record.insert("n".into(), json!(n));
        }
        lines.push_str(&Value::Object(record).to_string());
        lines.push('\n');
    }
    let dir = temp_dir();
    std::fs::write(dir.join("c.jsonl"), lines).unwrap();
    let corpus = yuliao::corpus::read(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    yuliao::index::build_with(&corpus.documents, Options { postings, ..Default::default() }).unwrap().0
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn search_and_concordance_equal_a_naive_scan(
        docs in prop::collection::vec(doc(), 1..9),
        queries in prop::collection::vec((query(), filters(), page(), 0usize..5), 1..6),
        postings in any::<bool>(),
    ) {
        let bytes = build(&docs, if postings { PostingsChoice::Always } else { PostingsChoice::Never });
        let corpus = Corpus::open(&bytes, true).unwrap();
        let info = serde_json::to_value(corpus.info().unwrap()).unwrap();
        let fields: Vec<String> =
            info["schema"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect();
        let facet_fields: Vec<String> = info["schema"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["facet"] == json!(true))
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        for (q, f, (offset, limit), context) in &queries {
            let text = q.to_text();
            let f = &f.on(&fields);
            let filters = f.to_json();

            // search
            let expected = naive_search(&corpus, &docs, q, f);
            let all = search(&corpus, &text, json!({ "limit": 1000, "facetLimit": 1000, "filters": filters }));
            prop_assert!(all.get("error").is_none(), "{text}: {all}");
            prop_assert_eq!(all["total"].as_u64().unwrap() as usize, expected.len(), "total of {}", text);
            let hits = all["hits"].as_array().unwrap();
            let got: BTreeMap<usize, bool> =
                hits.iter().map(|h| (h["id"].as_u64().unwrap() as usize, h["verbatim"].as_bool().unwrap())).collect();
            prop_assert_eq!(got.len(), hits.len(), "a document listed twice for {}", text);
            prop_assert_eq!(&got, &expected, "hits of {}", text);
            // Disjunctive: the documents matching the query whatever the
            // filters, each field counted where the filters on the others pass.
            let matching: BTreeSet<usize> =
                naive_search(&corpus, &docs, q, &Filters::default()).keys().copied().collect();
            prop_assert_eq!(facets_of(&all), naive_facets(&docs, &matching, f, &facet_fields), "facets of {}", text);
            let page = search(&corpus, &text, json!({ "limit": limit, "offset": offset, "filters": filters }));
            let want: Vec<&Value> = hits.iter().skip(*offset).take(*limit).map(|h| &h["id"]).collect();
            let have: Vec<&Value> = page["hits"].as_array().unwrap().iter().map(|h| &h["id"]).collect();
            prop_assert_eq!(have, want, "page {}+{} of {}", offset, limit, text);
            prop_assert_eq!(&page["total"], &all["total"]);

            // concordance: the first term, read as one phrase
            let term = &q.clauses[0][0].text;
            let expected = naive_concordance(&docs, term, f, *context);
            let all = concordance(&corpus, term, json!({
                "limit": 1000, "context": context, "filters": filters, "facets": true, "facetLimit": 1000
            }));
            prop_assert!(all.get("error").is_none(), "{term}: {all}");
            prop_assert_eq!(all["total"].as_u64().unwrap() as usize, expected.len(), "concordance total of {}", term);
            prop_assert_eq!(lines_of(&all), expected.clone(), "concordance lines of {}", term);
            // Disjunctive: the documents with a line whatever the filters,
            // each field counted where the filters on the others pass.
            let with_lines: BTreeSet<usize> =
                naive_concordance(&docs, term, &Filters::default(), 0).iter().map(|l| l.0 as usize).collect();
            prop_assert_eq!(
                facets_of(&all),
                naive_facets(&docs, &with_lines, f, &facet_fields),
                "concordance facets of {}", term
            );
            let page = concordance(&corpus, term, json!({
                "limit": limit, "offset": offset, "context": context, "filters": filters
            }));
            let want: Vec<Line> = expected.iter().skip(*offset).take(*limit).cloned().collect();
            prop_assert_eq!(lines_of(&page), want, "concordance page {}+{} of {}", offset, limit, term);
        }
    }
}

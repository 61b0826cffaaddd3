//! Corpus statistics on a fixture small enough to work out by hand.
//!
//! The fixture's tokens (checked first, so that every figure below rests
//! on them) are, with `|` at sentence ends:
//!
//! ```text
//! doc 0 (2023): x a b x c 。| a x |          8 tokens
//! doc 1 (2024): a b 。| b x b |              6 tokens
//! doc 2 (2024): c c a |                     3 tokens
//! doc 3 (2025): z z z z z z z z z z |      10 tokens
//! ```
//!
//! Most tests use the filter `year: [2023, 2024]`: documents 0 to 2,
//! N = 17 tokens, two of them punctuation (`。`). Every expected value is
//! computed in the test from counts read off the table above, never from
//! the code's output.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{bundle_of, js, opts};
use serde_json::{json, Value};
use yuliao::engine::tokens::TokenCache;
use yuliao::engine::Corpus;

const FIXTURE: &str = r#"{"text":"x a b x c 。 a x","year":2023}
{"text":"a b 。 b x b","year":2024}
{"text":"c c a","year":2024}
{"text":"z z z z z z z z z z","year":2025}
"#;

fn fixture() -> Vec<u8> {
    bundle_of(&[("f.jsonl", FIXTURE)])
}

fn close(got: &Value, want: f64) -> bool {
    got.as_f64().is_some_and(|g| (g - want).abs() <= 1e-12 * want.abs().max(1.0))
}

const THREE: &str = r#"{ "year": [2023, 2024] }"#;

fn three() -> Value {
    serde_json::from_str(THREE).unwrap()
}

#[test]
fn the_fixture_tokens_are_as_written() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let words = |d: usize| -> Vec<String> {
        c.segment(c.text(d).unwrap()).unwrap().into_iter().map(|t| t.word).collect()
    };
    assert_eq!(words(0), ["x", "a", "b", "x", "c", "。", "a", "x"]);
    assert_eq!(words(1), ["a", "b", "。", "b", "x", "b"]);
    assert_eq!(words(2), ["c", "c", "a"]);
    assert_eq!(words(3), ["z"; 10]);
    let tags: Vec<&str> = c.segment("x 。").unwrap().into_iter().map(|t| t.pos).collect();
    assert_eq!(tags, ["eng", "w"], "punctuation is tagged w");
    let cache = TokenCache::new();
    let c = c.with_tokens(&cache);
    let tokens = c.tokens().unwrap();
    assert_eq!(tokens.len(), 27);
    let ends: Vec<usize> = (0..27).filter(|&i| tokens.ends_sentence(i)).collect();
    assert_eq!(ends, [5, 7, 10, 13, 16, 26], "sentences end at 。 and at each document's end");
}

#[test]
fn frequencies_by_hand() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let f = js(c.frequencies(None, &opts(json!({ "filters": three() }))));
    // Non-punctuation tokens of docs 0-2: x 4, a 4, b 4, c 3 (N = 17).
    assert_eq!(f["tokens"], 17);
    assert_eq!(f["documents"], 3);
    assert_eq!(f["total"], 15);
    assert_eq!(f["types"], 4);
    let rows = f["rows"].as_array().unwrap();
    let got: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|r| (r["value"].as_str().unwrap(), r["count"].as_u64().unwrap(), r["range"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("a", 4, 3), ("b", 4, 2), ("x", 4, 2), ("c", 3, 2)]);
    assert!(close(&rows[0]["perMillion"], 4.0 / 17.0 * 1e6));
    // With punctuation: 。 twice, in two documents.
    let f = js(c.frequencies(None, &opts(json!({ "filters": three(), "punctuation": true }))));
    assert_eq!(f["total"], 17);
    assert!(f["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["value"] == "。" && r["count"] == 2 && r["range"] == 2));
    // By tag and by a field, over the whole corpus (N = 27).
    let f = js(c.frequencies(None, &opts(json!({ "by": "pos", "punctuation": true }))));
    assert_eq!(
        f["rows"],
        json!([
            { "value": "eng", "count": 25, "perMillion": 25.0 / 27.0 * 1e6, "range": 4 },
            { "value": "w", "count": 2, "perMillion": 2.0 / 27.0 * 1e6, "range": 2 }
        ])
    );
    let f = js(c.frequencies(None, &opts(json!({ "by": "year" }))));
    let rows: Vec<(i64, u64, u64)> = f["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["value"].as_i64().unwrap(), r["count"].as_u64().unwrap(), r["range"].as_u64().unwrap()))
        .collect();
    // 2023: 7 non-punctuation tokens (doc 0), 2024: 5 + 3, 2025: 10.
    assert_eq!(rows, [(2025, 10, 1), (2024, 8, 2), (2023, 7, 1)]);
    // Of a query's matches: x (4 matches) by its left neighbour.
    let f = js(c.frequencies(Some("x"), &opts(json!({ "by": "L1", "filters": three() }))));
    assert_eq!(f["matches"], 4);
    // x at doc 0 #0 (no left token), #3 (b), #7 (a); doc 1 #4 (b).
    assert_eq!(
        f["rows"],
        json!([
            { "value": "b", "count": 2, "perMillion": 2.0 / 17.0 * 1e6, "range": 2 },
            { "value": null, "count": 1, "perMillion": 1.0 / 17.0 * 1e6, "range": 1 },
            { "value": "a", "count": 1, "perMillion": 1.0 / 17.0 * 1e6, "range": 1 }
        ])
    );
    let f = js(c.frequencies(Some("x"), &opts(json!({ "by": "year" }))));
    assert_eq!(
        f["rows"][0],
        json!({ "value": 2023, "count": 3, "perMillion": 3.0 / 27.0 * 1e6, "range": 1 })
    );
    // Errors name what is allowed.
    let e = js(c.frequencies(None, &opts(json!({ "by": "L1" }))));
    assert_eq!(e["kind"], "invalidArgument");
    let e = js(c.frequencies(None, &opts(json!({ "by": "colour" }))));
    assert_eq!(e["kind"], "unknownField");
}

#[test]
fn collocates_by_hand() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let r = js(c.collocates("x", &opts(json!({ "window": [1, 1], "filters": three(), "minFreq": 1 }))));
    // x occurs 4 times; its windows (one token each side, within its document):
    // doc 0 #0: - | a    #3: b | c    #7: a | -    doc 1 #4: b | b
    // O: a 2, b 3, c 1. f_c over docs 0-2: a 4, b 4, c 3. N = 17, W = 2, R1 = 8.
    assert_eq!(r["node"], 4);
    assert_eq!(r["tokens"], 17);
    assert_eq!(r["window"], json!([1, 1]));
    let rows = r["rows"].as_array().unwrap();
    let row = |w: &str| rows.iter().find(|r| r["word"] == w).unwrap_or_else(|| panic!("{w} in {r}"));
    let (n, w, f_n) = (17.0f64, 2.0f64, 4.0f64);
    for (word, o, f_c, range) in [("a", 2.0f64, 4.0f64, 1), ("b", 3.0, 4.0, 2), ("c", 1.0, 3.0, 1)] {
        let r = row(word);
        assert_eq!(r["observed"], o as u64, "{word}");
        assert_eq!(r["frequency"], f_c as u64, "{word}");
        assert_eq!(r["range"], range, "{word}");
        let e = f_n * f_c * w / n;
        assert!(close(&r["expected"], e), "{word} E");
        assert!(close(&r["logDice"], 14.0 + (2.0 * o / (f_n + f_c)).log2()), "{word} logDice");
        assert!(close(&r["mi"], (o / e).log2()), "{word} MI");
        assert!(close(&r["mi3"], (o * o * o / e).log2()), "{word} MI3");
        assert!(close(&r["tScore"], (o - e) / o.sqrt()), "{word} t");
        // The 2×2 table, written out.
        let r1 = f_n * w;
        let (o11, o12, o21, o22) = (o, r1 - o, f_c - o, n - r1 - f_c + o);
        let e11 = r1 * f_c / n;
        let e12 = r1 * (n - f_c) / n;
        let e21 = (n - r1) * f_c / n;
        let e22 = (n - r1) * (n - f_c) / n;
        let t = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
        let g = 2.0 * (t(o11, e11) + t(o12, e12) + t(o21, e21) + t(o22, e22));
        let g = if o11 < e11 { -g } else { g };
        assert!(close(&r["logLikelihood"], g), "{word} G²: {} vs {g}", r["logLikelihood"]);
        let lr = ((o / r1) / ((f_c - o) / (n - r1))).log2();
        assert!(close(&r["logRatio"], lr), "{word} LogRatio");
    }
    // Sorted by logDice: b (14 + log2(6/8)) before a (13) before c.
    let order: Vec<&str> = rows.iter().map(|r| r["word"].as_str().unwrap()).collect();
    assert_eq!(order, ["b", "a", "c"]);
    // The default minimum of 2 co-occurrences drops c; another measure sorts.
    let r =
        js(c.collocates("x", &opts(json!({ "window": [1, 1], "filters": three(), "measure": "tScore" }))));
    let order: Vec<&str> =
        r["rows"].as_array().unwrap().iter().map(|r| r["word"].as_str().unwrap()).collect();
    assert_eq!(order, ["b", "a"]);
    // Within the sentence: doc 0's x at #7 starts sentence 2 (a x): its left
    // token a is in the same sentence, but b's #3 window stays; doc 1 #4 (b x b) too.
    let s = js(c.collocates(
        "x",
        &opts(json!({ "window": [3, 3], "filters": three(), "minFreq": 1, "within": "s" })),
    ));
    // Windows, three each side, cut at sentences:
    // doc 0 #0 (sentence x a b x c 。): right a b x;  #3: left x a b, right c 。
    // #7 (sentence a x): left a.  doc 1 #4 (sentence b x b): left b, right b.
    // x counted in #0's and #3's windows: 2; a: 1 + 1 + 1 = 3; b: 1 + 1 + 2 = 4;
    // c: 1; 。 is not reported.
    let got: Vec<(&str, u64)> = s["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["word"].as_str().unwrap(), r["observed"].as_u64().unwrap()))
        .collect();
    let mut got = got;
    got.sort();
    assert_eq!(got, [("a", 3), ("b", 4), ("c", 1), ("x", 2)]);
    assert_eq!(s["within"], "s");
    let e = js(c.collocates("x", &opts(json!({ "measure": "dice" }))));
    assert_eq!(e["kind"], "invalidArgument");
    assert!(e["error"]
        .as_str()
        .unwrap()
        .contains("logDice, mi, mi3, tScore, logLikelihood, logRatio, observed"));
}

#[test]
fn ngrams_by_hand() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    // Bigrams inside sentences, none across 。:
    // doc 0: (x a) (a b) (b x) (x c) | (a x); doc 1: (a b) | (b x) (x b); doc 2: (c c) (c a)
    let r = js(c.ngrams(&opts(json!({ "n": 2, "filters": three() }))));
    assert_eq!(r["total"], 10);
    assert_eq!(
        r["rows"],
        json!([
            { "value": "a b", "count": 2, "perMillion": 2.0 / 17.0 * 1e6, "range": 2 },
            { "value": "b x", "count": 2, "perMillion": 2.0 / 17.0 * 1e6, "range": 2 }
        ])
    );
    assert_eq!(r["types"], 2);
    let r = js(c.ngrams(&opts(json!({ "n": 2, "filters": three(), "minFreq": 1, "containing": "c" }))));
    let got: Vec<&str> = r["rows"].as_array().unwrap().iter().map(|r| r["value"].as_str().unwrap()).collect();
    assert_eq!(got, ["c a", "c c", "x c"]);
    let r = js(c.ngrams(&opts(json!({ "n": 3, "minFreq": 1, "filters": three() }))));
    // Trigrams: doc 0 (x a b) (a b x) (b x c); doc 1 (b x b); doc 2 (c c a).
    assert_eq!(r["total"], 5);
    let r = js(c.ngrams(&opts(json!({ "n": 2, "by": "pos", "minFreq": 1 }))));
    // Every bigram is eng eng: 10 in docs 0-2 and 9 in doc 3.
    assert_eq!(
        r["rows"],
        json!([{ "value": "eng eng", "count": 19, "perMillion": 19.0 / 27.0 * 1e6, "range": 4 }])
    );
    let r = js(c.ngrams(&opts(json!({ "n": 2, "pos": "eng w", "minFreq": 1 }))));
    assert_eq!(r["total"], 0, "no bigram includes punctuation");
    let e = js(c.ngrams(&opts(json!({ "n": 2, "pos": "eng" }))));
    assert!(e["error"].as_str().unwrap().contains("template of n = 2"));
    let e = js(c.ngrams(&opts(json!({ "n": 1 }))));
    assert_eq!(e["kind"], "invalidArgument");
}

/// Pages of n-grams are slices of the whole list, which is ordered by count
/// (descending), then text, ties included (the page's rows are ordered by
/// text only among the n-grams of the counts it holds).
#[test]
fn ngram_pages_are_slices_of_the_whole_ordering() {
    let cache = TokenCache::new();
    let c = Corpus::open(yuliao::EMBEDDED, true).unwrap().with_tokens(&cache);
    // n = 6 over the seeds' 3,295 words: 72 bits, the u128 keys.
    for (n, min) in [(2, 1), (3, 2), (6, 1)] {
        let all = js(c.ngrams(&opts(json!({ "n": n, "minFreq": min, "limit": 100000 }))));
        let rows = all["rows"].as_array().unwrap();
        assert_eq!(rows.len() as u64, all["types"].as_u64().unwrap());
        assert!(rows.len() > 200, "{n}: {} rows", rows.len());
        let key = |r: &Value| {
            (std::cmp::Reverse(r["count"].as_u64().unwrap()), r["value"].as_str().unwrap().to_string())
        };
        assert!(rows.windows(2).all(|w| key(&w[0]) < key(&w[1])), "n = {n}: not ordered by count, then text");
        for (offset, limit) in [(0, 7), (5, 7), (100, 50), (rows.len() - 3, 10), (rows.len() + 5, 10), (3, 0)]
        {
            let page =
                js(c.ngrams(&opts(json!({ "n": n, "minFreq": min, "offset": offset, "limit": limit }))));
            let want: Vec<&Value> = rows.iter().skip(offset).take(limit).collect();
            let got: Vec<&Value> = page["rows"].as_array().unwrap().iter().collect();
            assert_eq!(got, want, "n = {n}, offset {offset}, limit {limit}");
            assert_eq!(page["types"], all["types"]);
            assert_eq!(page["total"], all["total"]);
        }
    }
}

#[test]
fn dispersion_by_hand() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let r = js(c.dispersion("x", &opts(json!({ "filters": three() }))));
    // Parts: doc 0 (8 tokens, 3 matches), doc 1 (6, 1), doc 2 (3, 0); N = 17.
    // v − s: 3/4 − 8/17 = 19/68, 1/4 − 6/17 = −7/68, 0 − 3/17 = −12/68.
    assert_eq!(r["total"], 4);
    assert!(close(&r["dp"], 19.0 / 68.0));
    assert!(close(&r["dpNorm"], (19.0 / 68.0) / (1.0 - 3.0 / 17.0)));
    assert_eq!(r["range"], 2);
    assert_eq!(r["partCount"], 3);
    assert_eq!(r["order"], "id");
    // Positions on the line of documents 0, 1, 2: x at 0, 3, 7 and 8 + 4.
    assert_eq!(r["positions"], json!([0, 3, 7, 12]));
    assert_eq!(r["parts"].as_array().unwrap().len(), 2, "documents without a match are not listed");
    // By year: 2023 (8 tokens, 3), 2024 (9 tokens, 1).
    let r = js(c.dispersion("x", &opts(json!({ "filters": three(), "by": "year" }))));
    assert!(close(&r["dp"], 19.0 / 68.0));
    assert!(close(&r["dpNorm"], (19.0 / 68.0) / (1.0 - 8.0 / 17.0)));
    assert_eq!(r["parts"][1]["value"], 2024);
    assert_eq!(r["parts"][1]["size"], 9);
    assert_eq!(r["parts"][1]["offset"], 8);
    // Binned: positions 0, 3, 7, 12 of 17 in 4 stretches: ⌊p·4/17⌋ = 0, 0, 1, 2.
    let r = js(c.dispersion("x", &opts(json!({ "filters": three(), "bins": 4 }))));
    assert_eq!(r["histogram"], json!([2, 1, 1, 0]));
    assert_eq!(r["positions"], Value::Null);
    let r = js(c.dispersion("nowhere", &opts(json!({}))));
    assert_eq!(r["dp"], Value::Null);
}

#[test]
fn keywords_by_hand() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let r = js(c.keywords(&opts(json!({ "focus": { "year": [2025] } }))));
    // Focus: doc 3, N1 = 10, z 10 times; reference (the rest): N2 = 17, no z.
    // Only z occurs 3 times in the focus: T = 1, p = 0.05, critical 3.841459.
    assert_eq!(r["tested"], 1);
    assert!(close(&r["critical"], 3.841_458_820_694_124));
    let (a, b, n1, n2) = (10.0f64, 0.0f64, 10.0f64, 17.0f64);
    let n = n1 + n2;
    let e11 = (a + b) * n1 / n;
    let e22 = (n - a - b) * n2 / n;
    let g = 2.0 * (a * (a / e11).ln() + (n2 - b) * ((n2 - b) / e22).ln());
    assert_eq!(r["rows"][0]["word"], "z");
    assert!(close(&r["rows"][0]["logLikelihood"], g), "{} vs {g}", r["rows"][0]["logLikelihood"]);
    assert!(close(&r["rows"][0]["logRatio"], ((a / n1) / (0.5 / n2)).log2()));
    assert_eq!(r["focus"], json!({ "documents": 1, "tokens": 10 }));
    assert_eq!(r["reference"], json!({ "documents": 3, "tokens": 17 }));
    // Against the whole corpus (focus included): N2 = 27, b = 10.
    let r = js(c.keywords(&opts(json!({ "focus": { "year": [2025] }, "reference": "all" }))));
    assert_eq!(r["reference"], json!({ "documents": 4, "tokens": 27 }));
    assert_eq!(r["rows"][0]["reference"], 10);
    // Words tested at minFreq 1 in doc 0: x, a, b, c (T = 4); none is a keyword.
    let r = js(c.keywords(&opts(json!({ "focus": { "year": [2023] }, "minFreq": 1 }))));
    assert_eq!(r["tested"], 4);
    assert_eq!(r["total"], 0);
    // Within filters: 2024 against the rest of 2024-2025 (doc 3, N2 = 10).
    let r = js(c.keywords(&opts(
        json!({ "focus": { "year": [2024] }, "filters": { "year": [2024, 2025] }, "minFreq": 1 }),
    )));
    assert_eq!(r["focus"], json!({ "documents": 2, "tokens": 9 }));
    assert_eq!(r["reference"], json!({ "documents": 1, "tokens": 10 }));
    let e = js(c.keywords(&opts(json!({}))));
    assert!(e["error"].as_str().unwrap().contains("focus must select a subcorpus"));
}

#[test]
fn cql_concordance_and_sort_keys() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let k = js(c.concordance(r#""b" [] within s"#, &opts(json!({ "context": 1, "contextUnit": "token" }))));
    // b followed by a token in the same sentence: doc 0 (b x), doc 1 (b x);
    // doc 1's first b is followed by 。 — also a token. Leftmost-longest,
    // non-overlapping: doc 1 "b 。", then "b x" (the scan resumes after x).
    let matches: Vec<(u64, &str)> = k["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["id"].as_u64().unwrap(), l["match"].as_str().unwrap()))
        .collect();
    assert_eq!(matches, [(0, "b x"), (1, "b 。"), (1, "b x")]);
    assert_eq!(k["lines"][0]["left"], "a ");
    assert_eq!(k["lines"][0]["right"], " c");
    // Sorted by the word after the match (R1), then by corpus order.
    let k = js(c.concordance("x", &opts(json!({ "sort": ["R1", "L1"], "filters": three() }))));
    let ids: Vec<u64> = k["lines"].as_array().unwrap().iter().map(|l| l["start"].as_u64().unwrap()).collect();
    // x's R1: doc0 #0 a, #3 c, #7 (none), doc1 #4 b → none, a, b, c.
    assert_eq!(ids, [14, 0, 8, 6]);
    let e = common::concordance(&c, "x", json!({ "sort": ["R9"] }));
    assert!(e["error"].as_str().unwrap().contains("expected a sort key"));
}

#[test]
fn samples_are_reproducible() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let take = |seed: u64| {
        let k =
            js(c.concordance("[]", &opts(json!({ "sample": { "size": 5, "seed": seed }, "limit": 100 }))));
        assert_eq!(k["total"], 27);
        assert_eq!(k["sampled"], 5);
        k["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["id"].as_u64().unwrap(), l["start"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    let a = take(7);
    assert_eq!(a.len(), 5);
    assert_eq!(a, take(7), "the same seed gives the same sample");
    assert!(a.windows(2).all(|w| w[0] < w[1]), "a sample is in corpus order: {a:?}");
    let others: Vec<Vec<(u64, u64)>> = (0..5).map(take).collect();
    assert!(others.iter().any(|o| *o != a), "other seeds give other samples");
    // The generator is fixed: seed 7's first five draws over 27 matches.
    let mut rng = yuliao::engine::stats::concordance::SplitMix64(7);
    let first = rng.next_u64();
    // splitmix64(7): state 7 + 0x9E3779B97F4A7C15, mixed (Steele, Lea and Flood).
    let mut z = 7u64.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    assert_eq!(first, z ^ (z >> 31));
}

#[test]
fn csv_reads_back_with_a_real_csv_parser() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let table = js(c.frequencies(None, &opts(json!({ "filters": three(), "punctuation": true }))));
    let export =
        js(c.frequencies(None, &opts(json!({ "filters": three(), "punctuation": true, "format": "csv" }))));
    let text = export["csv"].as_str().unwrap();
    assert!(text.starts_with('\u{FEFF}'), "a byte-order mark");
    assert!(text.contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["value", "count", "perMillion", "range"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json_rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), json_rows.len());
    for (r, j) in rows.iter().zip(json_rows) {
        assert_eq!(r[0], *j["value"].as_str().unwrap());
        assert_eq!(r[1].parse::<u64>().unwrap(), j["count"].as_u64().unwrap());
        assert_eq!(r[2].parse::<f64>().unwrap(), j["perMillion"].as_f64().unwrap());
        assert_eq!(r[3].parse::<u64>().unwrap(), j["range"].as_u64().unwrap());
    }
    assert_eq!(export["about"]["function"], "frequencies");
    assert_eq!(export["about"]["tokens"], 17);
    assert_eq!(export["about"]["filters"], json!({ "year": ["2023", "2024"] }));
    assert!(export["filename"].as_str().unwrap().starts_with("yuliao-frequencies-"));
    // The full concordance, every line, with quotes and commas in cells.
    let k = js(c.concordance("[]", &opts(json!({ "format": "csv", "limit": 2 }))));
    let text = k["csv"].as_str().unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["id", "title", "source", "year", "left", "match", "right", "start"]);
    assert_eq!(reader.records().count(), 27, "every match, not one page");
}

#[test]
fn cql_search_ranks_documents_by_their_matches() {
    let bytes = fixture();
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let r = common::search(&c, r#"[word="x"]"#, json!({}));
    // x: 3 matches in doc 0 (15 characters), 1 in doc 1 (11); the four
    // documents have 15 + 11 + 5 + 19 = 50 characters, avglen 12.5.
    assert_eq!(r["total"], 2);
    let idf = (1.0f64 + (4.0 - 2.0 + 0.5) / (2.0 + 0.5)).ln();
    let bm25 = |tf: f64, len: f64| idf * tf * 2.2 / (tf + 1.2 * (1.0 - 0.75 + 0.75 * len / 12.5));
    assert_eq!(r["hits"][0]["id"], 0);
    assert!(close(&r["hits"][0]["score"], bm25(3.0, 15.0)));
    assert!(close(&r["hits"][1]["score"], bm25(1.0, 11.0)));
    let marked: Vec<&str> = r["hits"][0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["mark"] == true)
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["x", "x", "x"]);
    // Facets count the documents with a match, whatever the filters.
    let r = common::search(&c, r#"[word="x"]"#, json!({ "filters": { "year": [2024] } }));
    assert_eq!(r["total"], 1);
    assert_eq!(r["facets"]["year"], json!([{ "value": 2023, "count": 1 }, { "value": 2024, "count": 1 }]));
    // The reading view marks the matches of the pattern.
    let d = common::doc(&c, 1.0, json!({ "query": r#""b" [] within s"# }));
    assert_eq!(d["matches"], json!([{ "start": 2, "end": 5 }, { "start": 6, "end": 9 }]));
}

//! The query API as JavaScript sees it, natively: search, filter,
//! concordance, doc, segment and info over small fixture corpora, as tables
//! of query and expected answer.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{bundle_of, concordance, doc, filter, js, search, segment};
use serde_json::{json, Value};
use yuliao::engine::Corpus;

const FIXTURE: &str = r#"{"id":"a","title":"拉萨市基层党建工作扫描","text":"拉萨市坚持制度治党。党建工作扎实推进，拉萨河畔风景优美。","region":"拉萨市","tags":["党建","城市"],"year":2024,"featured":true}
{"id":"b","title":"林芝市基层治理","text":"林芝市以工布江达县为试点，推动基层治理。GDP增长明显，ｇｄｐ数据公布。","region":"林芝市","tags":["治理"],"year":2023,"featured":false}
{"id":"c","title":"哈哈哈","text":"哈哈哈哈。青年担当　平安守望，“三大行动”持续推进。","region":"昌都市","year":2024}
{"id":"d","title":"党建引领发展","text":"党建引领乡村振兴。拉萨、林芝两地协作。基层党组织建设。","region":"拉萨市","tags":["党建"],"year":2022}
"#;

fn fixture() -> Vec<u8> {
    bundle_of(&[("c.jsonl", FIXTURE)])
}

fn ids(result: &Value, list: &str) -> Vec<u64> {
    result[list].as_array().unwrap().iter().map(|h| h["id"].as_u64().unwrap()).collect()
}

#[test]
fn search_table() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    // query, expected ids in rank order (verbatim first)
    let cases: &[(&str, &[u64])] = &[
        ("拉萨", &[0, 3]),
        ("萨市", &[0]),
        ("建工", &[0]),
        ("gdp", &[1]),
        ("ＧＤＰ", &[1]),
        ("哈哈", &[2]),
        ("拉萨 -林芝", &[0]),
        ("拉萨 OR 林芝 党建", &[0, 3]),
        ("\"青年担当 平安守望\"", &[2]),
        ("“三大行动”", &[2]),
        // 1 is shortest and has 基层 in its title; 0 only in its title; 3 only in its text.
        ("基层", &[1, 0, 3]),
        ("火星", &[]),
        // Not verbatim anywhere, but all its words (党建, 拉萨) are in 0 and 3.
        ("党建拉萨", &[0, 3]),
    ];
    for (q, want) in cases {
        let r = search(&c, q, json!({}));
        assert_eq!(ids(&r, "hits"), want.to_vec(), "search {q:?}: {r}");
        assert_eq!(r["total"], json!(want.len()), "total of {q:?}");
    }
    // A word-only match says so.
    let r = search(&c, "党建拉萨", json!({}));
    assert!(r["hits"].as_array().unwrap().iter().all(|h| h["verbatim"] == json!(false)));
}

#[test]
fn hits_carry_metadata_and_marked_snippets() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let r = search(&c, "拉萨", json!({ "limit": 1 }));
    let hit = &r["hits"][0];
    assert_eq!(hit["id"], json!(0));
    assert_eq!(hit["title"], json!("拉萨市基层党建工作扫描"));
    assert_eq!(hit["region"], json!("拉萨市"));
    assert_eq!(hit["tags"], json!(["党建", "城市"]));
    assert_eq!(hit["year"], json!(2024));
    assert_eq!(hit["featured"], json!(true));
    assert_eq!(hit["key"], json!("a"));
    assert_eq!(hit["source"], json!("c"));
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    let marked: Vec<&str> = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["mark"] == json!(true))
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["拉萨", "拉萨"]);
    let text: String =
        hit["snippet"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(text, "拉萨市坚持制度治党。党建工作扎实推进，拉萨河畔风景优美。");
    // A document without a value for a field gets null.
    let r = search(&c, "哈哈", json!({}));
    assert_eq!(r["hits"][0]["featured"], Value::Null);
    assert_eq!(r["hits"][0]["tags"], json!([]));
}

#[test]
fn filters_and_disjunctive_facets() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let r = search(&c, "基层", json!({ "filters": { "region": ["拉萨市"] } }));
    assert_eq!(ids(&r, "hits"), vec![0, 3]);
    // The region facet ignores the region filter; year is narrowed by it.
    assert_eq!(r["facets"]["region"], json!([{"value":"拉萨市","count":2},{"value":"林芝市","count":1}]));
    assert_eq!(r["facets"]["year"], json!([{"value":2022,"count":1},{"value":2024,"count":1}]));
    // OR within a field, AND across fields; numbers and strings both match.
    let r =
        search(&c, "基层", json!({ "filters": { "region": ["拉萨市", "林芝市"], "year": [2024, "2023"] } }));
    let mut found = ids(&r, "hits");
    found.sort_unstable();
    assert_eq!(found, vec![0, 1]);
    let r = search(&c, "基层", json!({ "filters": { "tags": "党建", "featured": [true] } }));
    assert_eq!(ids(&r, "hits"), vec![0]);
    // A selected value stays listed at zero.
    let r = search(&c, "哈哈", json!({ "filters": { "region": ["拉萨市"] } }));
    assert_eq!(r["total"], json!(0));
    assert_eq!(r["facets"]["region"], json!([{"value":"昌都市","count":1},{"value":"拉萨市","count":0}]));
    // An unknown value matches nothing; an unknown field is an error naming the fields.
    assert_eq!(search(&c, "基层", json!({ "filters": { "region": ["火星"] } }))["total"], json!(0));
    let err = search(&c, "基层", json!({ "filters": { "regoin": ["拉萨市"] } }));
    assert_eq!(err["kind"], json!("unknownField"));
    assert!(err["error"].as_str().unwrap().contains("source, key, region, tags, year, featured"), "{err}");
    // Browsing without a query.
    let f = filter(&c, json!({ "year": [2024] }), Value::Null);
    assert_eq!(f["total"], json!(2));
    assert_eq!(ids(&f, "docs"), vec![0, 2]);
    assert_eq!(f["docs"][1]["title"], json!("哈哈哈"));
    assert_eq!(f["facets"]["year"][0], json!({"value":2024,"count":2}));
    let all = filter(&c, Value::Null, json!({ "limit": 2, "offset": 1 }));
    assert_eq!((all["total"].clone(), ids(&all, "docs")), (json!(4), vec![1, 2]));
}

#[test]
fn pages_and_limits() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let all = ids(&search(&c, "基层", json!({})), "hits");
    let mut paged = Vec::new();
    for offset in 0..all.len() {
        paged.extend(ids(&search(&c, "基层", json!({ "limit": 1, "offset": offset })), "hits"));
    }
    assert_eq!(paged, all);
    assert_eq!(search(&c, "基层", json!({ "offset": 99 }))["hits"], json!([]));
    assert_eq!(search(&c, "基层", json!({ "limit": 0 }))["total"], json!(3));
}

#[test]
fn concordance_lines_and_sorting() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let k = concordance(&c, "哈哈", json!({ "context": 2 }));
    // 哈哈哈哈 holds three overlapping occurrences; the title is not text.
    assert_eq!(k["total"], json!(3));
    assert_eq!(k["lines"][0], json!({"id":2,"left":"","match":"哈哈","right":"哈哈","start":0}));
    assert_eq!(k["lines"][2], json!({"id":2,"left":"哈哈","match":"哈哈","right":"。青","start":2}));
    let k = concordance(&c, "基层", json!({ "context": 1, "sort": "right" }));
    let rights: Vec<&str> =
        k["lines"].as_array().unwrap().iter().map(|l| l["right"].as_str().unwrap()).collect();
    assert_eq!(rights, vec!["党", "治"]);
    let k = concordance(&c, "拉萨", json!({ "context": 3, "sort": "left" }));
    let lefts: Vec<&str> =
        k["lines"].as_array().unwrap().iter().map(|l| l["left"].as_str().unwrap()).collect();
    assert_eq!(lefts.len(), 3);
    assert_eq!(lefts[0], "", "an occurrence at the start of a text has the smallest left context");
    // Sorted by the left context read backwards from the match, comparing
    // folded characters by code point (so "，" sorts as ",", before "。").
    let mut sorted = lefts.clone();
    sorted.sort_by_key(|l| l.chars().rev().map(yuliao::fold::fold).collect::<String>());
    assert_eq!(lefts, sorted);
    let k = concordance(&c, "拉萨", json!({ "filters": { "year": [2022] } }));
    assert_eq!(k["total"], json!(1));
    // `start` is a UTF-16 offset into the document text.
    let d3 = doc(&c, 3.0, Value::Null);
    let text: Vec<u16> = d3["text"].as_str().unwrap().encode_utf16().collect();
    let start = k["lines"][0]["start"].as_u64().unwrap() as usize;
    assert_eq!(String::from_utf16(&text[start..start + 2]).unwrap(), "拉萨");
}

#[test]
fn documents_and_their_matches() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let d = doc(&c, 0.0, json!({ "query": "拉萨 党建" }));
    assert_eq!(d["text"], json!("拉萨市坚持制度治党。党建工作扎实推进，拉萨河畔风景优美。"));
    assert_eq!(d["region"], json!("拉萨市"));
    assert_eq!(d["matches"], json!([{"start":0,"end":2},{"start":10,"end":12},{"start":19,"end":21}]));
    assert!(doc(&c, 0.0, Value::Null).get("matches").is_none());
}

#[test]
fn segment_and_info() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let tokens = segment(&c, "拉萨市基层党建工作");
    let words: Vec<&str> = tokens.as_array().unwrap().iter().map(|t| t["word"].as_str().unwrap()).collect();
    assert_eq!(words, vec!["拉萨市", "基层", "党建", "工作"]);
    assert!(tokens[0]["pos"].as_str().unwrap().starts_with('n'));
    let info = js(c.info());
    assert_eq!(info["documents"], json!(4));
    assert_eq!(info["fields"]["region"][0], json!({"value":"拉萨市","count":2}));
    // `key` is unique per document but too small a corpus to count as an identifier.
    let schema: Vec<(&str, &str)> = info["schema"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        schema,
        vec![
            ("source", "string"),
            ("key", "string"),
            ("region", "string"),
            ("tags", "strings"),
            ("year", "number"),
            ("featured", "boolean")
        ]
    );
}

#[test]
fn the_segmenter_reproduces_the_build_segmentation() {
    // Every corpus word's stored frequency is what segmenting the corpus
    // texts with the bundle's vocabulary gives, and the token total matches.
    let corpus = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    let vocabulary = corpus.bundle().vocabulary;
    let segmenter = corpus.segmenter();
    let mut counts = vec![0u32; vocabulary.words.len()];
    let mut tokens = 0u64;
    let mut buf = Vec::new();
    for d in 0..corpus.len() {
        buf.clear();
        segmenter.segment(corpus.text(d).unwrap(), &mut buf);
        for t in buf.iter().filter(|t| !t.text.trim().is_empty()) {
            tokens += 1;
            counts[t.word.expect("every corpus token is a vocabulary word")] += 1;
        }
    }
    assert_eq!(tokens, corpus.bundle().stats.tokens);
    for (w, &count) in counts.iter().enumerate() {
        assert_eq!(count, vocabulary.counts.at(w), "count of {}", vocabulary.words.get(w).unwrap());
    }
}

/// The segmenter through the vocabulary's trie (how the corpus's tokens
/// are derived at run time) cuts exactly as through the word table: on
/// every seed document, and on random text made of the seeds' characters
/// (where most prefixes are not words).
#[test]
fn the_trie_segmenter_agrees_with_the_table_segmenter() {
    use yuliao::segment::{Lexicon, Segmenter};
    let corpus = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    let vocabulary = corpus.bundle().vocabulary;
    let lexicon = Lexicon::new(&vocabulary);
    let (table, trie) = (Segmenter::new(vocabulary), Segmenter::with_lexicon(vocabulary, &lexicon));
    fn cut<'t>(s: &Segmenter<'_>, text: &'t str) -> Vec<yuliao::segment::Token<'t>> {
        let mut out = Vec::new();
        s.segment(text, &mut out);
        out
    }
    let mut chars: Vec<char> = Vec::new();
    for d in 0..corpus.len() {
        let text = corpus.text(d).unwrap();
        assert_eq!(cut(&table, text), cut(&trie, text), "document {d}");
        chars.extend(text.chars());
    }
    let mut rng = common::Rng(7);
    for _ in 0..300 {
        let len = 1 + rng.below(60);
        let text: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
        assert_eq!(cut(&table, &text), cut(&trie, &text), "{text:?}");
    }
    for w in 0..vocabulary.words.len() {
        let word = vocabulary.words.get(w).unwrap();
        assert_eq!(trie.lookup(word), Some(w), "{word}");
    }
    assert_eq!(trie.lookup("拉萨市基层党建工作扫描"), None);
}

#[test]
fn build_segmentation_agrees_with_jieba() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = yuliao::corpus::read(&seeds).unwrap();
    let (_, report) = yuliao::index::build(&corpus.documents).unwrap();
    assert!(report.agreement > 0.99, "only {:.4} of jieba's tokens reproduced", report.agreement);
}

#[test]
fn bad_arguments_are_errors_never_panics() {
    let bytes = fixture();
    let c = Corpus::open(&bytes, true).unwrap();
    let long = "拉".repeat(200_000);
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("", json!({}), "invalidQuery", "query is empty"),
        ("   ", json!({}), "invalidQuery", "query is empty"),
        ("-拉萨", json!({}), "invalidQuery", "only excludes"),
        (&long, json!({}), "invalidQuery", "the limit is 1000"),
        (
            "拉萨",
            json!({ "limit": -1 }),
            "invalidArgument",
            "search options: limit: expected an integer from 0 to 1000, got -1",
        ),
        ("拉萨", json!({ "limit": 1e300 }), "invalidArgument", "limit: expected an integer from 0 to 1000"),
        ("拉萨", json!({ "limit": 2.5 }), "invalidArgument", "got 2.5"),
        (
            "拉萨",
            json!({ "offset": "3" }),
            "invalidArgument",
            "offset: expected a number, got the string \"3\"",
        ),
        (
            "拉萨",
            json!({ "limt": 3 }),
            "invalidArgument",
            "unknown field `limt`, expected one of `limit`, `offset`, `filters`, `facetLimit`",
        ),
        (
            "拉萨",
            json!(7),
            "invalidArgument",
            "search options: expected an object of search options such as { limit: 10 }, got the number 7",
        ),
        (
            "拉萨",
            json!({ "filters": [1] }),
            "invalidArgument",
            "filters: expected an object such as { region: [\"拉萨市\"] }, got an array",
        ),
        ("拉萨", json!({ "filters": { "region": [{}] } }), "invalidArgument", "filters.region[0]"),
        ("拉萨", json!({ "filters": { "nope": ["x"] } }), "unknownField", "unknown filter field `nope`"),
    ];
    for (q, o, kind, message) in cases {
        let err = search(&c, q, o.clone());
        assert_eq!(err["kind"], json!(kind), "search({q:?}, {o}): {err}");
        assert!(err["error"].as_str().unwrap().contains(message), "search({q:?}, {o}): {err}");
    }
    for o in [json!({ "sort": "middle" }), json!({ "context": 501 }), json!({ "limit": 10001 })] {
        assert_eq!(concordance(&c, "拉萨", o.clone())["kind"], json!("invalidArgument"), "{o}");
    }
    assert_eq!(concordance(&c, "  ", json!({}))["kind"], json!("invalidQuery"));
    for (id, kind) in [
        (4.0, "notFound"),
        (-1.0, "invalidArgument"),
        (1.5, "invalidArgument"),
        (f64::NAN, "invalidArgument"),
        (1e300, "notFound"),
    ] {
        assert_eq!(doc(&c, id, json!({}))["kind"], json!(kind), "doc({id})");
    }
    assert_eq!(doc(&c, 0.0, json!({ "query": 3 }))["kind"], json!("invalidArgument"));
    // Lone surrogates arrive as U+FFFD (the JS string conversion replaces
    // them); control characters are whitespace. Neither is an error.
    let r = search(&c, "拉\u{FFFD}萨", json!({}));
    assert!(r["hits"].as_array().unwrap().iter().all(|h| h["verbatim"] == json!(false)), "{r}");
    assert_eq!(search(&c, "拉萨\u{0}", json!({}))["total"], json!(2));
    // And the corpus still answers afterwards.
    assert_eq!(search(&c, "拉萨", json!({}))["total"], json!(2));
}

/// `doc(id, { query })` highlights by `search`'s rule: the words of a bare
/// term only when the term is found verbatim in no document, wherever this
/// document has it.
#[test]
fn doc_highlights_by_the_rule_of_search() {
    // 党建工作 is in document 0's title only (its text has 党建 and 工作
    // apart); document 1 has the words apart too.
    let verbatim_in_a_title = bundle_of(&[(
        "c.jsonl",
        concat!(
            "{\"title\":\"党建工作会议\",\"text\":\"会议要求抓好党建，做好工作。\"}\n",
            "{\"title\":\"其他\",\"text\":\"党建引领，工作扎实。\"}\n",
        ),
    )]);
    let c = Corpus::open(&verbatim_in_a_title, true).unwrap();
    let s = search(&c, "党建工作", Value::Null);
    assert_eq!(ids(&s, "hits"), vec![0], "a verbatim match in a title: no word fallback");
    assert_eq!(s["hits"][0]["verbatim"], json!(true));
    for d in [0.0, 1.0] {
        let matches = &doc(&c, d, json!({ "query": "党建工作" }))["matches"];
        assert_eq!(matches, &json!([]), "doc {d}: no words highlighted when search reads the term verbatim");
    }
    // Found nowhere verbatim: search reads it by its words, and so does doc.
    let nowhere = bundle_of(&[("c.jsonl", "{\"title\":\"其他\",\"text\":\"党建引领，工作扎实。\"}\n")]);
    let c = Corpus::open(&nowhere, true).unwrap();
    let s = search(&c, "党建工作", Value::Null);
    assert_eq!(ids(&s, "hits"), vec![0]);
    assert_eq!(s["hits"][0]["verbatim"], json!(false));
    assert_eq!(
        doc(&c, 0.0, json!({ "query": "党建工作" }))["matches"],
        json!([{"start":0,"end":2},{"start":5,"end":7}])
    );
}

/// The word fallback reads the folded term: `ＧＤＰ增长` finds what
/// `GDP增长` finds (full-width letters would each be a word of their own).
#[test]
fn word_fallback_is_width_and_case_blind() {
    let bytes = bundle_of(&[("c.jsonl", "{\"text\":\"今年GDP在增长。\"}\n{\"text\":\"其他\"}\n")]);
    let c = Corpus::open(&bytes, true).unwrap();
    for q in ["GDP增长", "ＧＤＰ增长", "gdp增长", "Ｇdp增长"] {
        let s = search(&c, q, Value::Null);
        assert_eq!(ids(&s, "hits"), vec![0], "{q}");
        assert_eq!(s["hits"][0]["verbatim"], json!(false), "{q}");
        assert_eq!(
            doc(&c, 0.0, json!({ "query": q }))["matches"],
            json!([{"start":2,"end":5},{"start":6,"end":8}]),
            "{q}"
        );
    }
}

/// Traditional and simplified characters find each other, one-to-many
/// mappings included (`发` is the simplified form of both `發` and `髮`), in
/// search, concordance and doc highlighting, and every result shows the
/// text as written. Worked by hand on a three-document corpus.
#[test]
fn traditional_and_simplified_find_each_other() {
    let bytes = bundle_of(&[(
        "c.jsonl",
        concat!(
            "{\"title\":\"繁體\",\"text\":\"黨建工作發展，臺灣理髮。\"}\n",
            "{\"title\":\"简体\",\"text\":\"党建工作发展，台湾理发。\"}\n",
            "{\"title\":\"其他\",\"text\":\"干部乾杯。\"}\n",
        ),
    )]);
    let c = Corpus::open(&bytes, true).unwrap();
    // (query, documents, occurrences in the concordance as written)
    let cases: &[(&str, &[u64], &[&str])] = &[
        ("发展", &[0, 1], &["發展", "发展"]),
        ("發展", &[0, 1], &["發展", "发展"]),
        ("台湾", &[0, 1], &["臺灣", "台湾"]),
        ("臺灣", &[0, 1], &["臺灣", "台湾"]),
        ("黨建", &[0, 1], &["黨建", "党建"]),
        // 发 ← 發 and 髮: each of the three finds all of them.
        ("髮", &[0, 1], &["發", "髮", "发", "发"]),
        ("发", &[0, 1], &["發", "髮", "发", "发"]),
        ("理髮", &[0, 1], &["理髮", "理发"]),
        // 干 ← 乾 and 幹.
        ("幹", &[2], &["干", "乾"]),
    ];
    for &(q, docs, written) in cases {
        let s = search(&c, q, Value::Null);
        let mut got = ids(&s, "hits");
        got.sort_unstable();
        assert_eq!(got, docs, "{q}: documents");
        assert!(s["hits"].as_array().unwrap().iter().all(|h| h["verbatim"] == json!(true)), "{q}");
        let lines = concordance(&c, q, json!({ "limit": 100 }));
        let matched: Vec<&str> =
            lines["lines"].as_array().unwrap().iter().map(|l| l["match"].as_str().unwrap()).collect();
        assert_eq!(matched, written, "{q}: concordance");
        assert_eq!(lines["total"], json!(written.len()), "{q}");
    }
    // The snippet and the reading view mark the text as written.
    let s = search(&c, "发展", Value::Null);
    let hit = s["hits"].as_array().unwrap().iter().find(|h| h["id"] == json!(0)).unwrap();
    let marked: Vec<&str> = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["mark"] == json!(true))
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["發展"]);
    assert_eq!(doc(&c, 0.0, json!({ "query": "发展" }))["matches"], json!([{"start":4,"end":6}]));
    // A character no class links stays itself.
    assert_eq!(ids(&search(&c, "部", Value::Null), "hits"), vec![2]);
}

/// On the seeds (simplified), a query in traditional characters finds what
/// its simplified form finds.
#[test]
fn traditional_queries_find_the_simplified_seeds() {
    let c = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    for (traditional, simplified) in [("黨建", "党建"), ("發展", "发展"), ("拉薩", "拉萨"), ("會議", "会议")]
    {
        let (t, s) = (
            search(&c, traditional, json!({ "limit": 100 })),
            search(&c, simplified, json!({ "limit": 100 })),
        );
        assert!(s["total"].as_u64().unwrap() > 0, "{simplified}");
        assert_eq!(t["total"], s["total"], "{traditional}");
        assert_eq!(ids(&t, "hits"), ids(&s, "hits"), "{traditional}");
        let (t, s) = (
            concordance(&c, traditional, json!({ "limit": 0 })),
            concordance(&c, simplified, json!({ "limit": 0 })),
        );
        assert_eq!(t["total"], s["total"], "{traditional}: occurrences");
    }
}

/// Pinyin on the seeds, worked by hand: full syllables with or without
/// spaces, initials, a mix with characters, a heteronym read either way,
/// and a phrase of two words; each finds exactly what its characters find,
/// and says what it was read as.
#[test]
fn pinyin_queries_read_as_corpus_words() {
    let c = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    let docs_of = |q: &str| {
        let mut v = ids(&search(&c, q, json!({ "limit": 1000 })), "hits");
        v.sort_unstable();
        v
    };
    // (typed, first word read, the query its documents must equal)
    let cases = [
        ("dangjian", "党建", "党建 OR 当前"),
        ("dang jian", "党建", "党建 OR 当前"),
        ("党jian", "党建", "党建"),
        ("xizang", "西藏", "西藏"),
        // 重 reads zhong or chong (per character, not per word): chongxin
        // spells 重新 and 重心, the more frequent first.
        ("chongxin", "重心", "重心 OR 重新"),
        ("zhongdian", "重点", "重点"),
        ("djgz", "党建工作", "党建工作"),
        ("dangjiangongzuo", "党建工作", "党建工作"),
    ];
    for (typed, first, same_as) in cases {
        let s = search(&c, typed, json!({ "limit": 1000 }));
        assert_eq!(s["readAs"][0]["term"], json!(typed), "{typed}");
        assert_eq!(s["readAs"][0]["words"][0], json!(first), "{typed}");
        let mut got = ids(&s, "hits");
        got.sort_unstable();
        assert!(!got.is_empty(), "{typed}");
        assert_eq!(got, docs_of(same_as), "{typed}: the documents of {same_as}");
    }
    // 前 has the rare reading jian: dangjian also spells 当前, read after
    // the more frequent 党建.
    let s = search(&c, "dangjian", Value::Null);
    assert_eq!(s["readAs"][0]["words"], json!(["党建", "当前"]));
    // Letters found verbatim are not read as pinyin; nor are quoted ones.
    let s = search(&c, "\"dangjian\"", Value::Null);
    assert_eq!(s["total"], json!(0));
    assert!(s.get("readAs").is_none());
}

/// Suggestions: words beginning with the prefix (in either script) or
/// spelled by it in pinyin, most frequent first, with their token counts
/// checked against a count of the tokens of the corpus's segmentation.
#[test]
fn suggestions_complete_characters_and_pinyin() {
    let c = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    let suggest = |p: &str, limit: u64| {
        js(c.suggest(p, &common::opts(json!({ "limit": limit }))))
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["text"].as_str().unwrap().to_string(), s["count"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    // Token counts, counted here from the segmentation of every text.
    let mut tokens: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for d in 0..c.len() {
        for t in c.segment(c.text(d).unwrap()).unwrap() {
            *tokens.entry(t.word.to_string()).or_default() += 1;
        }
    }
    let by_hand: Vec<(String, u64)> = {
        let mut v: Vec<(String, u64)> =
            tokens.iter().filter(|(w, _)| w.starts_with('党')).map(|(w, &n)| (w.clone(), n)).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.1));
        v.truncate(3);
        v
    };
    let got = suggest("党", 3);
    assert_eq!(got.iter().map(|s| s.1).collect::<Vec<_>>(), by_hand.iter().map(|s| s.1).collect::<Vec<_>>());
    assert_eq!(got[0], ("党建".to_string(), tokens["党建"]));
    assert_eq!(suggest("黨", 3), got, "the traditional character completes the same");
    assert_eq!(suggest("dang", 1)[0].0, "党建");
    assert_eq!(suggest("dangj", 1)[0].0, "党建", "a syllable being typed");
    assert_eq!(suggest("djg", 1)[0].0, "党建工作", "a phrase being typed in initials");
    assert_eq!(suggest("xiz", 1)[0].0, "西藏");
    assert!(suggest("", 5).is_empty());
    assert!(suggest("qqqqqq", 5).is_empty());
    assert_eq!(js(c.suggest(&"a".repeat(65), &Default::default()))["kind"], json!("invalidArgument"));
}

//! The real wasm API in a browser (`wasm-pack test --headless --chrome`):
//! every function through wasm-bindgen, with JavaScript values in and out.
//! The logic is tested natively (tests/api.rs, tests/oracle.rs); this file
//! checks what only the browser build can show: plain objects, thrown
//! `Error`s with a `kind`, and that a bad call leaves the instance working.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yuliao::wasm::Corpus;

wasm_bindgen_test_configure!(run_in_browser);

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(f64::NAN)
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && !Array::is_array(v)
        && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

/// The error a call threw: its `name`, `kind` and `message`.
fn thrown(result: Result<JsValue, JsValue>) -> (String, String, String) {
    let err = result.expect_err("the call should have thrown");
    assert!(err.is_instance_of::<js_sys::Error>(), "a JS Error is thrown");
    let s = |k| get(&err, k).as_string().unwrap_or_default();
    (s("name"), s("kind"), s("message"))
}

#[wasm_bindgen_test]
fn info_lists_documents_and_facet_values() {
    let corpus = Corpus::embedded().unwrap();
    let info = corpus.info().unwrap();
    assert!(is_plain_object(&info));
    assert_eq!(num(&info, "documents"), 38.0);
    let fields = get(&info, "fields");
    assert!(is_plain_object(&fields), "fields is a plain object, not a Map");
    let regions: Array = get(&fields, "region").dyn_into().unwrap();
    assert!(regions.length() >= 7);
    let first = regions.get(0);
    assert!(is_plain_object(&first));
    assert!(get(&first, "value").is_string() && num(&first, "count") >= 1.0);
}

#[wasm_bindgen_test]
fn search_returns_hits_snippets_and_facets() {
    let corpus = Corpus::embedded().unwrap();
    let r = corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"limit":3}"#))).unwrap();
    let total = num(&r, "total");
    assert!(total >= 10.0, "{total}");
    let hits: Array = get(&r, "hits").dyn_into().unwrap();
    assert_eq!(hits.length(), 3);
    let hit = hits.get(0);
    assert!(get(&hit, "title").is_string());
    assert!(get(&hit, "region").is_string());
    assert!(Array::is_array(&get(&hit, "reporters")));
    let snippet: Array = get(&hit, "snippet").dyn_into().unwrap();
    let marked: Vec<String> = snippet
        .iter()
        .filter(|f| get(f, "mark").as_bool() == Some(true))
        .map(|f| get(&f, "text").as_string().unwrap())
        .collect();
    assert!(!marked.is_empty() && marked.iter().all(|m| m == "拉萨"), "{marked:?}");
    assert!(is_plain_object(&get(&r, "facets")));

    // A filter narrows the total; the region facet still lists the others.
    let filtered =
        corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"filters":{"region":["拉萨市"]}}"#))).unwrap();
    assert!(num(&filtered, "total") < total);
    let regions: Array = get(&get(&filtered, "facets"), "region").dyn_into().unwrap();
    assert!(regions.length() > 1);
}

#[wasm_bindgen_test]
fn filter_concordance_doc_and_segment() {
    let corpus = Corpus::embedded().unwrap();
    let f = corpus.filter(Some(json(r#"{"kind":["photo"]}"#)), None).unwrap();
    assert!(num(&f, "total") >= 5.0);
    let docs: Array = get(&f, "docs").dyn_into().unwrap();
    assert_eq!(get(&docs.get(0), "kind").as_string().unwrap(), "photo");

    let k = corpus
        .concordance(JsValue::from_str("党建"), Some(json(r#"{"context":5,"sort":"right","limit":2}"#)))
        .unwrap();
    assert!(num(&k, "total") > 100.0);
    let line = Array::from(&get(&k, "lines")).get(0);
    assert_eq!(get(&line, "match").as_string().unwrap(), "党建");
    assert!(get(&line, "left").is_string() && get(&line, "right").is_string());

    // `start` indexes the document text in UTF-16 units.
    let id = get(&line, "id");
    let doc = corpus.doc(id, Some(json(r#"{"query":"党建"}"#))).unwrap();
    let text: js_sys::JsString = get(&doc, "text").dyn_into().unwrap();
    let start = num(&line, "start") as u32;
    assert_eq!(String::from(text.substring(start, start + 2)), "党建");
    assert!(Array::from(&get(&doc, "matches")).length() >= 1);

    let tokens: Array =
        corpus.segment(JsValue::from_str("拉萨市基层党建工作扫描")).unwrap().dyn_into().unwrap();
    let words: Vec<String> = tokens.iter().map(|t| get(&t, "word").as_string().unwrap()).collect();
    assert_eq!(words, vec!["拉萨市", "基层", "党建", "工作", "扫描"]);
}

#[wasm_bindgen_test]
fn bad_calls_throw_errors_and_the_corpus_keeps_working() {
    let corpus = Corpus::embedded().unwrap();
    let cases: Vec<(Result<JsValue, JsValue>, &str)> = vec![
        (corpus.search(JsValue::from_f64(42.0), None), "invalidArgument"),
        (corpus.search(JsValue::from_str(""), None), "invalidQuery"),
        (corpus.search(JsValue::from_str(&"拉".repeat(200_000)), None), "invalidQuery"),
        (corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"limit":-1}"#))), "invalidArgument"),
        (corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"limit":1e300}"#))), "invalidArgument"),
        (corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"limt":1}"#))), "invalidArgument"),
        (
            corpus.search(JsValue::from_str("拉萨"), Some(json(r#"{"filters":{"nope":["x"]}}"#))),
            "unknownField",
        ),
        (corpus.search(JsValue::from_str("拉萨"), Some(js_sys::Map::new().into())), "invalidArgument"),
        (corpus.concordance(JsValue::from_str("拉萨"), Some(json(r#"{"sort":"up"}"#))), "invalidArgument"),
        (corpus.doc(JsValue::from_f64(100000.0), None), "notFound"),
        (corpus.doc(JsValue::from_str("1"), None), "invalidArgument"),
        (corpus.segment(JsValue::UNDEFINED), "invalidArgument"),
    ];
    for (result, kind) in cases {
        let (name, got, message) = thrown(result);
        assert_eq!(name, "YuliaoError");
        assert_eq!(got, kind, "{message}");
        assert!(!message.is_empty());
    }
    // Lone surrogates are replaced, not fatal.
    let lone = JSON::parse(r#""拉\ud800萨""#).unwrap();
    assert!(corpus.search(lone, None).is_ok());
    // Still alive.
    assert!(num(&corpus.search(JsValue::from_str("拉萨"), None).unwrap(), "total") > 0.0);
}

/// The byte search's SIMD path (compiled for wasm only; native tests run
/// its plain twin) finds exactly what a naive search finds.
#[wasm_bindgen_test]
fn the_simd_byte_search_agrees_with_a_naive_search() {
    use yuliao::engine::bytes::ByteSearcher;
    let naive = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut x: u64 = 5;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let alphabet = "拉萨a，0".as_bytes();
    for _ in 0..3000 {
        let hay: Vec<u8> = (0..next(200)).map(|_| alphabet[next(alphabet.len() as u64) as usize]).collect();
        let needle: Vec<u8> =
            (0..1 + next(7)).map(|_| alphabet[next(alphabet.len() as u64) as usize]).collect();
        assert_eq!(ByteSearcher::new(&needle).find(&hay), naive(&hay, &needle), "{needle:?} in {hay:?}");
    }
    // And through the API, on the embedded corpus: every occurrence of
    // random substrings, against a naive count.
    let engine = yuliao::engine::Corpus::open(yuliao::EMBEDDED, false).unwrap();
    let corpus = Corpus::embedded().unwrap();
    for _ in 0..200 {
        let d = next(engine.len() as u64) as usize;
        let chars: Vec<char> = engine.text(d).unwrap().chars().collect();
        let (start, len) = (next(chars.len() as u64) as usize, 1 + next(4) as usize);
        let term: String = chars[start..(start + len).min(chars.len())].iter().collect();
        // Characters with one form only, so that a byte count is the count.
        if term.chars().any(|c| {
            !yuliao::fold::is_singleton(c) || c.is_whitespace() || c.is_control() || c == '"' || c == '-'
        }) {
            continue;
        }
        let want: usize = (0..engine.len())
            .map(|d| {
                let t = engine.text(d).unwrap();
                (0..t.len()).filter(|&i| t.is_char_boundary(i) && t[i..].starts_with(&term)).count()
            })
            .sum();
        let got = corpus.concordance(JsValue::from_str(&term), Some(json(r#"{"limit":0}"#))).unwrap();
        assert_eq!(num(&got, "total"), want as f64, "occurrences of {term:?}");
    }
}

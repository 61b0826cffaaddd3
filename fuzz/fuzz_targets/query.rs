//! Queries and options as a JavaScript caller could pass them, on the seed
//! corpus: the input's first line is the query, the rest (if it is JSON)
//! the options. Every call must return a result or an error; a panic is a
//! crash. Covers the search syntax's parser, the CQL parser and compiler,
//! the options' deserializer and the engine behind them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuliao::engine::options::from_json;
use yuliao::engine::tokens::TokenCache;
use yuliao::engine::Corpus;

/// The seed corpus's tokens, derived by the first input that needs them
/// and kept for the run (libFuzzer calls the target on one thread).
fn tokens() -> &'static TokenCache {
    thread_local! {
        static CACHE: &'static TokenCache = Box::leak(Box::new(TokenCache::new()));
    }
    CACHE.with(|c| *c)
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (query, rest) = input.split_once('\n').unwrap_or((input, ""));
    let options: serde_json::Value = serde_json::from_str(rest).unwrap_or(serde_json::Value::Null);
    let _ = yuliao::engine::query::parse(query);
    let _ = yuliao::engine::cql::parse(query);

    let corpus =
        Corpus::open(yuliao::EMBEDDED, false).expect("the embedded bundle opens").with_tokens(tokens());
    if let Ok(o) = from_json("search options", &options) {
        let _ = corpus.search(query, &o);
    }
    if let Ok(o) = from_json("concordance options", &options) {
        let _ = corpus.concordance(query, &o);
    }
    if let Ok(o) = from_json("doc options", &serde_json::json!({ "query": query })) {
        let _ = corpus.doc(0.0, &o);
    }
    let _ = corpus.segment(query);
    // The statistics read the tokens (derived once, kept by the cache).
    if let Ok(o) = from_json("frequency options", &options) {
        let _ = corpus.frequencies(Some(query), &o);
    }
    if let Ok(o) = from_json("collocate options", &options) {
        let _ = corpus.collocates(query, &o);
    }
    if let Ok(o) = from_json("dispersion options", &options) {
        let _ = corpus.dispersion(query, &o);
    }
    if let Ok(o) = from_json("n-gram options", &options) {
        let _ = corpus.ngrams(&o);
    }
    if let Ok(o) = from_json("keyword options", &options) {
        let _ = corpus.keywords(&o);
    }
});

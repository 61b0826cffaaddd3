//! Bundle files as an attacker could craft them: the input is a bundle
//! whose checksum is not checked (anyone can compute a valid one), decoded
//! and, when accepted, queried. Decoding must fail with an error or give a
//! corpus every call on which returns a result or an error; a panic, an
//! allocation beyond libFuzzer's limit or a hang is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use yuliao::engine::options::from_json;
use yuliao::engine::tokens::TokenCache;
use yuliao::engine::Corpus;

fuzz_target!(|data: &[u8]| {
    // What `fromBytes` accepts, checksum aside.
    if let Ok(corpus) = Corpus::open(data, false) {
        // What every later call does with the bytes accepted.
        let _ = Corpus::reopen(data).expect("accepted bytes reopen").search("拉萨", &Default::default());
        let cache = TokenCache::new();
        let corpus = corpus.with_tokens(&cache);
        let _ = corpus.info();
        for q in ["拉萨", "党建 工作", "a", "[pos=\"n\"] \"的\""] {
            let _ = corpus.search(q, &from_json("o", &json!({ "limit": 3 })).unwrap());
            let _ = corpus.concordance(q, &from_json("o", &json!({ "limit": 3, "sort": "R1" })).unwrap());
            let _ = corpus.collocates(q, &Default::default());
        }
        let _ = corpus.filter(&Default::default(), &Default::default());
        let _ = corpus.doc(0.0, &from_json("o", &json!({ "query": "拉萨" })).unwrap());
        let _ = corpus.segment("拉萨市基层党建工作");
        let _ = corpus.frequencies(None, &Default::default());
        let _ = corpus.ngrams(&Default::default());
    }
});

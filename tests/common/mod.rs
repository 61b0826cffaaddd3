//! Helpers shared by the native integration tests.
#![allow(dead_code)]

pub mod formula;
pub mod han;

use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use yuliao::engine::options::{from_json, Filters};
use yuliao::engine::Corpus;

/// A result as the JSON a JavaScript caller would see; an error as
/// `{ "error": message, "kind": kind }` (what the command line prints).
pub fn js<T: Serialize>(result: Result<T, yuliao::Error>) -> Value {
    match result {
        Ok(v) => serde_json::to_value(v).unwrap(),
        Err(e) => json!({ "error": e.message(), "kind": e.kind().as_str() }),
    }
}

/// Options from JSON, for calls that must succeed.
pub fn opts<T: serde::de::DeserializeOwned + Default>(v: Value) -> T {
    from_json("options", &v).unwrap()
}

/// `corpus.search(query, options)`, options as JSON.
pub fn search(c: &Corpus<'_>, query: &str, options: Value) -> Value {
    js(from_json("search options", &options).and_then(|o| c.search(query, &o)))
}

/// `corpus.concordance(query, options)`.
pub fn concordance(c: &Corpus<'_>, query: &str, options: Value) -> Value {
    js(from_json("concordance options", &options).and_then(|o| c.concordance(query, &o)))
}

/// `corpus.filter(filters, options)`.
pub fn filter(c: &Corpus<'_>, filters: Value, options: Value) -> Value {
    js(from_json::<Filters>("filters", &filters)
        .and_then(|f| from_json("filter options", &options).map(|o| (f, o)))
        .and_then(|(f, o)| c.filter(&f, &o)))
}

/// `corpus.doc(id, options)`.
pub fn doc(c: &Corpus<'_>, id: f64, options: Value) -> Value {
    js(from_json("doc options", &options).and_then(|o| c.doc(id, &o)))
}

/// `corpus.segment(text)`.
pub fn segment(c: &Corpus<'_>, text: &str) -> Value {
    js(c.segment(text))
}

/// Build a bundle from corpus files given as (file name, contents).
pub fn bundle_of(files: &[(&str, &str)]) -> Vec<u8> {
    let dir = temp_dir();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let corpus = yuliao::corpus::read(&dir).unwrap();
    yuliao::index::build(&corpus.documents).unwrap().0
}

/// A fresh empty directory.
pub fn temp_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "yuliao-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small deterministic random number generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The seed corpus built with character postings (the embedded seed bundle
/// has none: it is below the size where they pay off), so that tests cover
/// both the scan-everything and the postings-pruned paths.
pub fn seeds_with_postings() -> Vec<u8> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = yuliao::corpus::read(&seeds).unwrap();
    let options =
        yuliao::index::Options { postings: yuliao::index::PostingsChoice::Always, ..Default::default() };
    let (bytes, report) = yuliao::index::build_with(&corpus.documents, options).unwrap();
    assert!(report.postings_bytes > 0);
    bytes
}

/// The seed documents as a `.jsonl` corpus whose titles are not part of
/// their texts (as in most JSON corpora), so that titles are stored in the
/// title block and searched apart from the texts.
pub fn seeds_with_separate_titles(postings: yuliao::index::PostingsChoice) -> Vec<u8> {
    seeds_as_jsonl(postings, |_| true)
}

/// The seed documents as `.jsonl`, the titles of the documents for which
/// `separate` holds made unlike their text (stored in the title block), the
/// others left as they are (inside their text).
pub fn seeds_as_jsonl(postings: yuliao::index::PostingsChoice, separate: fn(usize) -> bool) -> Vec<u8> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = yuliao::corpus::read(&seeds).unwrap();
    let mut lines = String::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let title =
            if separate(d) { format!("《{}》", doc.title.replace('\n', " ")) } else { doc.title.clone() };
        let record = serde_json::json!({ "title": title, "text": doc.text, "region": doc.field("region").map(|v| format!("{v:?}")) });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let dir = temp_dir();
    std::fs::write(dir.join("seeds.jsonl"), lines).unwrap();
    let corpus = yuliao::corpus::read(&dir).unwrap();
    for (d, doc) in corpus.documents.iter().enumerate() {
        assert_eq!(!doc.text.contains(doc.title.as_str()), separate(d), "document {d}");
    }
    yuliao::index::build_with(&corpus.documents, yuliao::index::Options { postings, ..Default::default() })
        .unwrap()
        .0
}

/// Seed bundles covering every search path: as embedded (no postings),
/// with postings, and with separately stored titles (with and without postings).
pub fn seed_bundles() -> Vec<(&'static str, Vec<u8>)> {
    use yuliao::index::PostingsChoice;
    vec![
        ("embedded", yuliao::EMBEDDED.to_vec()),
        ("with postings", seeds_with_postings()),
        ("separate titles", seeds_with_separate_titles(PostingsChoice::Never)),
        ("separate titles with postings", seeds_with_separate_titles(PostingsChoice::Always)),
        ("mixed titles", seeds_as_jsonl(PostingsChoice::Always, |d| d % 3 != 1)),
        ("mixed scripts", seeds_in_both_scripts(PostingsChoice::Never)),
        ("mixed scripts with postings", seeds_in_both_scripts(PostingsChoice::Always)),
    ]
}

/// The seed documents, every other one (title and text) converted to
/// traditional characters by OpenCC, so that the scans cover text in both
/// scripts.
pub fn seeds_in_both_scripts(postings: yuliao::index::PostingsChoice) -> Vec<u8> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut docs = yuliao::corpus::read(&seeds).unwrap().documents;
    for doc in docs.iter_mut().skip(1).step_by(2) {
        doc.title = han::to_traditional(&doc.title);
        doc.text = han::to_traditional(&doc.text);
        assert!(doc.text.contains(doc.title.as_str()), "the title is still part of the text");
    }
    yuliao::index::build_with(&docs, yuliao::index::Options { postings, ..Default::default() }).unwrap().0
}

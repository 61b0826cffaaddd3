//! `yuliao export`: the seed corpus as CoNLL-U and VRT, read back by real
//! parsers (Python's `conllu` package from PyPI, and an XML parser for
//! VRT), with every token, sentence and document of the corpus.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use std::process::Command;
use yuliao::engine::tokens::TokenCache;
use yuliao::engine::Corpus;

#[test]
fn exports_read_back_with_real_parsers() {
    let dir = common::temp_dir();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("seeds");
    let (conllu, vrt) = (dir.join("seeds.conllu"), dir.join("seeds.vrt"));
    for (format, out) in [("conllu", &conllu), ("vrt", &vrt)] {
        let status = Command::new(env!("CARGO_BIN_EXE_yuliao"))
            .args(["export", seeds.to_str().unwrap(), "--format", format, "-o", out.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success(), "export --format {format}");
    }
    let pydeps = root.join("target/pydeps");
    let out = Command::new("python3")
        .arg(root.join("tests/export/check.py"))
        .args([&conllu, &vrt])
        .env("PYTHONPATH", &pydeps)
        .output()
        .expect("python3 runs (scripts/install-tools.sh installs the conllu package)");
    assert!(out.status.success(), "check.py: {}", String::from_utf8_lossy(&out.stderr));
    let read: Value = serde_json::from_slice(&out.stdout).unwrap();

    // What the corpus has, from the engine.
    let cache = TokenCache::new();
    let c = Corpus::open(yuliao::EMBEDDED, true).unwrap().with_tokens(&cache);
    let tokens = c.tokens().unwrap();
    let sentences: usize = (0..c.len()).map(|d| tokens.sentences(d).count()).sum();
    assert_eq!(read["conllu"]["tokens"], tokens.len());
    assert_eq!(read["conllu"]["sentences"], sentences);
    assert_eq!(read["conllu"]["documents"], c.len());
    assert_eq!(read["conllu"]["textsMatching"], sentences, "# text = the forms, spaced as SpaceAfter says");
    assert_eq!(read["conllu"]["fieldsOk"], true);
    assert_eq!(read["vrt"]["texts"], c.len());
    assert_eq!(read["vrt"]["sentences"], sentences);
    assert_eq!(read["vrt"]["tokens"], tokens.len());
    assert_eq!(read["vrt"]["linesOk"], true, "one word<TAB>pos per token line");
    let first = &read["vrt"]["firstText"];
    assert_eq!(first["id"], "0");
    assert_eq!(first["title"], c.title(0).unwrap());
    for (name, value) in c.metadata(0).unwrap() {
        let present = first.get(name).is_some();
        assert_eq!(present, value != yuliao::engine::results::MetaValue::Null, "attribute {name} in {first}");
    }
}

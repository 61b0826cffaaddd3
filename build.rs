//! Builds the corpus bundle that the `embed` feature compiles into the library.
//!
//! Reads `YULIAO_CORPUS` (a `.txt` page, a `.jsonl` file or a directory of
//! them; relative paths are relative to this crate; default `seeds/`),
//! segments it with jieba, and writes `$OUT_DIR/corpus.bundle` plus a short
//! `$OUT_DIR/build-report.txt`. The modules it uses are the library's own
//! (`src/corpus`, `src/segment`, `src/index`, `src/bundle`), compiled here
//! through `#[path]`, so the bundle writer and the runtime reader are one code.
//!
//! Bad input fails the build with the file and line at fault; input left out
//! on purpose is reported as a cargo warning.

#![allow(dead_code, unused_imports)]

#[path = "src/bundle/mod.rs"]
mod bundle;
#[path = "src/corpus/mod.rs"]
mod corpus;
#[path = "src/fold.rs"]
mod fold;
#[path = "src/index/mod.rs"]
mod index;
#[path = "src/segment/mod.rs"]
mod segment;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    for dir in ["src/bundle", "src/corpus", "src/fold.rs", "src/index", "src/segment"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-env-changed=YULIAO_CORPUS");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bundle_path = out_dir.join("corpus.bundle");
    if std::env::var_os("CARGO_FEATURE_EMBED").is_none() {
        // Engine-only build: nothing to embed.
        return;
    }
    let corpus_path = corpus_path();
    println!("cargo:rerun-if-changed={}", corpus_path.display());
    if let Err(message) = build(&corpus_path, &bundle_path, &out_dir.join("build-report.txt")) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

/// The corpus to embed.
fn corpus_path() -> PathBuf {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    match std::env::var_os("YULIAO_CORPUS") {
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            if p.is_absolute() {
                p
            } else {
                manifest.join(p)
            }
        }
        _ => manifest.join("seeds"),
    }
}

/// Read, index and write; the error is a message naming the culprit.
fn build(corpus_path: &Path, bundle_path: &Path, report_path: &Path) -> Result<(), String> {
    let started = Instant::now();
    let corpus = corpus::read(corpus_path).map_err(|e| e.to_string())?;
    for file in &corpus.files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    for warning in &corpus.warnings {
        println!("cargo:warning={warning}");
    }
    let (bytes, report) =
        // The search-only module (no `stats` feature) cannot read pinyin:
        // its corpus leaves the readings out.
        index::build_with(
            &corpus.documents,
            index::Options { readings: std::env::var_os("CARGO_FEATURE_STATS").is_some(), ..Default::default() },
        )
        .map_err(|e| format!("{}: {e}", corpus_path.display()))?;
    // A wasm module whose embedded corpus has no character postings (a
    // small corpus) leaves the code that reads them out.
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && report.postings_bytes == 0 {
        println!("cargo:rustc-cfg=yuliao_no_postings");
    }
    std::fs::write(bundle_path, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", bundle_path.display()))?;
    let text = format!(
        "corpus: {}\ndocuments: {}\ncharacters: {}\ntext_bytes: {}\ntokens: {}\nwords: {}\njieba_agreement: {:.5}\nbundle_bytes: {}\nbuild_seconds: {:.2}\n",
        corpus_path.display(),
        report.documents,
        report.characters,
        report.text_bytes,
        report.tokens,
        report.words,
        report.agreement,
        report.bundle_bytes,
        started.elapsed().as_secs_f64()
    );
    std::fs::write(report_path, text).map_err(|e| format!("cannot write {}: {e}", report_path.display()))
}

//! yuliao (语料): query a Chinese text corpus entirely in the browser.
//!
//! The crate is both halves of the pipeline. Modules in data-flow order:
//!
//! | module | when | owns |
//! | --- | --- | --- |
//! | [`corpus`] | build | reading `.txt` newspaper pages and `.jsonl` files into documents |
//! | [`segment`] | both | jieba at build time ([`segment::tagger`]); the vocabulary segmenter at both |
//! | [`index`] | build | laying out text, metadata columns and vocabulary |
//! | [`bundle`] | both | the binary format, written by the build, read by the engine |
//! | [`engine`] | run | search, filter, concordance, documents, statistics |
//! | `wasm` | run | the JavaScript API (wasm32 only) |
//!
//! `build.rs` compiles `corpus`, `segment`, `index` and `bundle` itself (with
//! `#[path]`) to build the bundle of `YULIAO_CORPUS` (default `seeds/`), which
//! the `embed` feature compiles in as [`EMBEDDED`]. On wasm32 only the run-time
//! half is compiled: no jieba, no dictionary.
//!
//! ```
//! use yuliao::engine::{options::SearchOptions, Corpus};
//! let corpus = Corpus::open(yuliao::EMBEDDED, false).unwrap();
//! let result = corpus.search("拉萨", &SearchOptions::default()).unwrap();
//! assert!(result.total > 0);
//! ```

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod fold;

#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;

pub mod segment;

#[cfg(not(target_arch = "wasm32"))]
pub mod index;

pub mod bundle;

pub mod engine;

pub mod error;

#[cfg(all(not(target_arch = "wasm32"), feature = "stats"))]
pub mod export;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
pub mod wasm;

pub use error::{Error, ErrorKind};

/// The bundle of the corpus compiled into the library (`YULIAO_CORPUS` at
/// build time, default `seeds/`).
#[cfg(feature = "embed")]
pub static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bundle"));

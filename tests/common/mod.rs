//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use yuliao::engine::args::Arg;

/// A JSON value as the API's argument type (what the wasm layer produces
/// from a JavaScript value).
pub fn arg(v: Value) -> Arg {
    match v {
        Value::Null => Arg::Null,
        Value::Bool(b) => Arg::Bool(b),
        Value::Number(n) => Arg::Number(n.as_f64().unwrap()),
        Value::String(s) => Arg::String(s),
        Value::Array(a) => Arg::List(a.into_iter().map(arg).collect()),
        Value::Object(o) => Arg::Map(o.into_iter().map(|(k, v)| (k, arg(v))).collect()),
    }
}

/// A string argument.
pub fn s(text: &str) -> Arg {
    Arg::String(text.to_string())
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

//! The bundle format: what the build writes is what the engine reads, and
//! damaged or foreign bytes are refused with a clear error, never a panic.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{bundle_of, opts, Rng};
use serde_json::json;
use yuliao::bundle::{Bundle, BundleError, FORMAT_VERSION, HEADER_LEN, MAGIC};
use yuliao::engine::Corpus;
use yuliao::ErrorKind;

#[test]
fn documents_round_trip_through_the_bundle() {
    let corpus =
        yuliao::corpus::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").as_path())
            .unwrap();
    let (bytes, report) = yuliao::index::build(&corpus.documents).unwrap();
    assert_eq!(report.documents, corpus.documents.len());
    let engine = Corpus::open(&bytes, true).unwrap();
    assert_eq!(engine.len(), corpus.documents.len());
    for (d, doc) in corpus.documents.iter().enumerate() {
        let got = engine.doc(d as f64, &opts(json!({}))).unwrap();
        assert_eq!(got.title, doc.title, "title of {d}");
        assert_eq!(got.text, doc.text, "text of {d}");
        let json: serde_json::Value = serde_json::to_value(&got).unwrap();
        for (name, value) in &doc.fields {
            let want = match value {
                yuliao::corpus::Value::Text(t) => json!(t),
                yuliao::corpus::Value::Texts(t) => json!(t),
                yuliao::corpus::Value::Number(n) => json!(n.parse::<f64>().unwrap()),
                yuliao::corpus::Value::Boolean(b) => json!(b),
            };
            assert_eq!(json[name.as_str()], want, "field {name} of {d}");
        }
    }
}

#[test]
fn the_embedded_bundle_is_the_seeds_bundle() {
    // Built by build.rs from seeds/ unless YULIAO_CORPUS pointed elsewhere.
    if option_env!("YULIAO_CORPUS").is_some_and(|c| !c.is_empty()) {
        return;
    }
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = yuliao::corpus::read(&seeds).unwrap();
    let (bytes, _) = yuliao::index::build(&corpus.documents).unwrap();
    assert!(
        bytes == yuliao::EMBEDDED,
        "build.rs and the library's builder disagree (or the build is not deterministic)"
    );
}

fn small() -> Vec<u8> {
    bundle_of(&[(
        "c.jsonl",
        "{\"title\":\"拉萨\",\"text\":\"拉萨市基层党建工作扫描。\",\"kind\":\"a\",\"n\":1}\n{\"text\":\"林芝市坚持大抓基层。\",\"kind\":\"b\",\"tags\":[\"x\",\"y\"]}\n",
    )])
}

/// Opening must fail with an error, or succeed; if it succeeds, every API
/// call must return without panicking.
fn exercise(bytes: &[u8]) -> Result<(), BundleError> {
    let corpus = match Corpus::open(bytes, false) {
        Ok(c) => c,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidBundle);
            return Err(BundleError::Corrupt(e.message().to_string()));
        }
    };
    let _ = corpus.info();
    for q in ["拉萨", "基层", "x", "市 基层"] {
        let _ = corpus.search(q, &opts(json!({ "filters": { "kind": ["a"] } })));
        let _ = corpus.concordance(q, &opts(json!({ "sort": "left" })));
    }
    let _ = corpus.filter(&opts(json!({})), &opts(json!({})));
    for d in 0..corpus.len() {
        let _ = corpus.doc(d as f64, &opts(json!({ "query": "拉萨" })));
    }
    let _ = corpus.segment("拉萨市基层党建");
    Ok(())
}

#[test]
fn truncated_bundles_are_refused() {
    let bytes = small();
    for len in 0..bytes.len() {
        let err = Bundle::from_bytes(&bytes[..len], true).unwrap_err();
        match (len, &err) {
            (0, BundleError::NotABundle) => {}
            (1..=31, BundleError::Truncated { .. }) => {}
            (32.., BundleError::Truncated { expected, found }) => {
                assert_eq!(*expected as usize, bytes.len());
                assert_eq!(*found as usize, len);
                assert!(err.to_string().contains("truncated"));
            }
            _ => panic!("length {len}: unexpected {err:?}"),
        }
    }
    assert!(Bundle::from_bytes(&bytes, true).is_ok());
}

#[test]
fn flipped_bits_fail_the_checksum_and_never_panic_unchecked() {
    let bytes = small();
    let mut rng = Rng(3);
    for byte in HEADER_LEN..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[byte] ^= 1 << rng.below(8);
        assert_eq!(Bundle::from_bytes(&damaged, true).unwrap_err(), BundleError::Checksum, "byte {byte}");
        // Without the checksum the structural checks and bounds-checked
        // readers must still hold.
        let _ = exercise(&damaged);
    }
}

#[test]
fn random_garbage_after_a_valid_header_never_panics() {
    let bytes = small();
    let mut rng = Rng(11);
    for _ in 0..3000 {
        let mut damaged = bytes.clone();
        for _ in 0..1 + rng.below(6) {
            let i = HEADER_LEN + rng.below(bytes.len() - HEADER_LEN);
            damaged[i] = rng.next() as u8;
        }
        let _ = exercise(&damaged);
    }
}

#[test]
fn foreign_and_future_bytes_are_named() {
    assert_eq!(
        Bundle::from_bytes(b"{\"not\": \"a bundle\"}..............", true).unwrap_err(),
        BundleError::NotABundle
    );
    let mut bytes = small();
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = Bundle::from_bytes(&bytes, true).unwrap_err();
    assert_eq!(err, BundleError::Version { found: FORMAT_VERSION + 1, expected: FORMAT_VERSION });
    assert!(err.to_string().contains("rebuild the bundle"), "{err}");
    let mut bytes = small();
    bytes.push(0);
    assert!(matches!(Bundle::from_bytes(&bytes, true).unwrap_err(), BundleError::Corrupt(_)));
    assert_eq!(&small()[..8], &MAGIC);
}

#[test]
fn absurd_lengths_do_not_allocate() {
    // A payload that claims a list of 2^60 fields: refused before allocating.
    let bytes = small();
    let payload = &bytes[HEADER_LEN..];
    // Re-encode with a huge length where the field list count is: find it by
    // decoding up to it is format-specific, so instead corrupt every varint
    // position in turn into a 9-byte maximum and check nothing panics or aborts.
    for at in 0..payload.len() {
        let mut p = payload.to_vec();
        p.splice(at..at + 1, [0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        let mut b = bytes[..HEADER_LEN].to_vec();
        b[16..24].copy_from_slice(&(p.len() as u64).to_le_bytes());
        b.extend_from_slice(&p);
        let _ = exercise(&b);
    }
}

/// Inputs the fuzzer (`make fuzz`, target `bundle`) found to crash, kept
/// in tests/fuzz-regressions/: each must open with an error or answer
/// every call without panicking.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("bundle-") {
            let bytes = std::fs::read(&path).unwrap();
            let _ = exercise(&bytes);
            n += 1;
        }
    }
    assert!(n > 0, "no bundle inputs in {}", dir.display());
}

//! The command line on a small fixture: build a bundle file, query it, and
//! fail with a clear message on bad input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use std::process::Command;

fn yuliao(args: &[&str]) -> (bool, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yuliao")).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.success(), json, String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn build_then_query_a_bundle_file() {
    let dir = common::temp_dir();
    std::fs::write(
        dir.join("news.jsonl"),
        "{\"title\":\"拉萨\",\"text\":\"拉萨市基层党建工作扫描。\",\"date\":\"2024-05-01\"}\n{\"text\":\"林芝市坚持大抓基层。\",\"date\":\"2023-01-02\"}\n",
    )
    .unwrap();
    let bundle = dir.join("news.bundle");
    let (ok, report, err) = yuliao(&["build", dir.to_str().unwrap(), "-o", bundle.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(report["documents"], 2);
    assert_eq!(report["bundleBytes"].as_u64().unwrap(), std::fs::metadata(&bundle).unwrap().len());
    assert!(report["peakMemoryBytes"].as_u64().unwrap() > 0);

    let b = bundle.to_str().unwrap();
    let (ok, r, _) = yuliao(&["search", b, "基层", "--options", r#"{"filters":{"year":[2024]}}"#]);
    assert!(ok);
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["month"], "2024-05");
    let (_, k, _) = yuliao(&["concordance", b, "市"]);
    assert_eq!(k["total"], 2);
    let (_, info, _) = yuliao(&["info", b]);
    assert_eq!(info["documents"], 2);
    let (_, doc, _) = yuliao(&["doc", b, "1"]);
    assert_eq!(doc["text"], "林芝市坚持大抓基层。");
    let (_, seg, _) = yuliao(&["segment", b, "拉萨市基层党建"]);
    assert!(seg.as_array().unwrap().len() >= 3);

    // API errors come back as JSON with a kind.
    let (_, e, _) = yuliao(&["search", b, "基层", "--options", r#"{"filters":{"nope":[1]}}"#]);
    assert_eq!(e["kind"], "unknownField");
}

#[test]
fn bad_input_fails_with_the_culprit() {
    let dir = common::temp_dir();
    std::fs::write(dir.join("bad.jsonl"), "{\"text\":\"ok\"}\n{\"title\":\"no text\"}\n").unwrap();
    let (ok, _, err) =
        yuliao(&["build", dir.to_str().unwrap(), "-o", dir.join("x.bundle").to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("bad.jsonl:2: missing `text`"), "{err}");

    std::fs::write(dir.join("not-a-bundle"), "hello").unwrap();
    let (ok, _, err) = yuliao(&["info", dir.join("not-a-bundle").to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("not a yuliao bundle"), "{err}");

    let (ok, _, err) = yuliao(&["frobnicate"]);
    assert!(!ok && err.contains("unknown command `frobnicate`") && err.contains("usage:"), "{err}");
    let (ok, _, err) = yuliao(&["build", "seeds", "-o", "/tmp/x", "--postings", "sometimes"]);
    assert!(!ok && err.contains("--postings must be auto, always or never"), "{err}");
}

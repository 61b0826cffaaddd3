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

    // `query` is `search`, for scripts.
    let (ok, q, _) = yuliao(&["query", b, "基层"]);
    assert!(ok);
    assert_eq!(q["total"], 2);

    // API errors come back as JSON with a kind, and a failing status.
    let (ok, e, _) = yuliao(&["search", b, "基层", "--options", r#"{"filters":{"nope":[1]}}"#]);
    assert!(!ok);
    assert_eq!(e["kind"], "unknownField");
}

#[test]
fn queries_from_stdin_give_one_json_line_each() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = common::temp_dir();
    std::fs::write(dir.join("news.jsonl"), "{\"text\":\"拉萨市基层党建。\"}\n{\"text\":\"林芝市基层。\"}\n")
        .unwrap();
    let bundle = dir.join("news.bundle");
    let (ok, _, err) = yuliao(&["build", dir.to_str().unwrap(), "-o", bundle.to_str().unwrap()]);
    assert!(ok, "{err}");
    let run = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yuliao"))
            .args(["query", bundle.to_str().unwrap(), "-", "--options", r#"{"limit":1}"#])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let lines: Vec<Value> =
            String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        (out.status.success(), lines)
    };
    let (ok, lines) = run("基层\n\n林芝\n市 -拉萨\n");
    assert!(ok);
    let totals: Vec<&Value> = lines.iter().map(|l| &l["total"]).collect();
    assert_eq!(totals, [&Value::from(2), &Value::from(1), &Value::from(1)]);
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 1, "options apply to every query");
    // A bad query is an error line; the others still run.
    let (ok, lines) = run("-拉萨\n基层\n");
    assert!(!ok);
    assert_eq!(lines[0]["kind"], "invalidQuery");
    assert_eq!(lines[1]["total"], 2);
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
    assert!(!ok && err.contains("unrecognized subcommand 'frobnicate'") && err.contains("Usage:"), "{err}");
    let (ok, _, err) = yuliao(&["build", "seeds", "-o", "/tmp/x", "--postings", "sometimes"]);
    assert!(
        !ok && err.contains("invalid value 'sometimes'")
            && err.contains("[possible values: auto, always, never]"),
        "{err}"
    );
    // Options that are not JSON, or not options, are named.
    let (ok, _, err) =
        yuliao(&["search", dir.join("x.bundle").to_str().unwrap(), "拉萨", "--options", "{limit:1}"]);
    assert!(!ok && err.contains("search options are not valid JSON"), "{err}");
}

/// A query that starts with a dash is a query, after `--` or as the one
/// positional argument (the old hand-written parser took it for a flag).
#[test]
fn queries_may_start_with_a_dash() {
    let dir = common::temp_dir();
    std::fs::write(dir.join("news.jsonl"), "{\"text\":\"a --x b\"}\n{\"text\":\"-y\"}\n").unwrap();
    let bundle = dir.join("news.bundle");
    let (ok, _, err) = yuliao(&["build", dir.to_str().unwrap(), "-o", bundle.to_str().unwrap()]);
    assert!(ok, "{err}");
    let b = bundle.to_str().unwrap();
    let (ok, out, err) = yuliao(&["concordance", b, "--", "--x"]);
    assert!(ok, "{err}");
    assert_eq!(out["total"], 1, "{out}");
    let (ok, out, err) = yuliao(&["concordance", b, "\"-y\""]);
    assert!(ok, "{err}");
    assert_eq!(out["total"], 1, "{out}");
}

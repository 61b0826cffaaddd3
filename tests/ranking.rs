//! Scores equal the ranking formula of the README, computed here from a
//! plain scan of the documents, for random queries, in a corpus built with
//! character postings and without: exact `tf` and `df` for every clause,
//! whether a clause is searched first or only where the others matched.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::formula::{self_overlapping, Doc, Formula};
use common::{opts, Rng};
use serde_json::json;
use yuliao::engine::Corpus;
use yuliao::fold::fold;
use yuliao::index::{Options, PostingsChoice};

#[test]
fn scores_equal_the_formula_with_and_without_postings() {
    // Small documents with titles of their own, from the seed corpus's text.
    let seeds =
        yuliao::corpus::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").as_path())
            .unwrap();
    let mut rng = Rng(31);
    let mut lines = String::new();
    let mut docs = Vec::new();
    for (k, d) in seeds.documents.iter().enumerate() {
        let chars: Vec<char> = d.text.chars().collect();
        for (p, piece) in chars.chunks(120).enumerate().take(4) {
            let text: String = piece.iter().collect();
            let title =
                format!("第{k}篇之{p}：{}", d.title.chars().take(6).collect::<String>()).trim().to_string();
            if text.contains(&title) || text.trim().is_empty() {
                continue;
            }
            lines.push_str(&json!({ "title": title, "text": text }).to_string());
            lines.push('\n');
            docs.push(Doc {
                title: title.chars().map(fold).collect(),
                text: text.chars().map(fold).collect(),
                separate: true,
            });
        }
    }
    let dir = common::temp_dir();
    std::fs::write(dir.join("c.jsonl"), &lines).unwrap();
    let corpus = yuliao::corpus::read(&dir).unwrap();
    let build = |postings| {
        yuliao::index::build_with(&corpus.documents, Options { postings, ..Default::default() }).unwrap().0
    };
    let (with, without) = (build(PostingsChoice::Always), build(PostingsChoice::Never));
    let (a, b) = (Corpus::open(&with, true).unwrap(), Corpus::open(&without, true).unwrap());
    assert!(!a.bundle().postings.is_empty() && b.bundle().postings.is_empty());

    // Terms: two or three characters of some text, without whitespace,
    // quotes or characters that fold (so the folded scan is exact).
    let term = |rng: &mut Rng| -> String {
        loop {
            let doc = &docs[rng.below(docs.len())].text;
            let len = 2 + rng.below(2);
            if doc.len() <= len {
                continue;
            }
            let s = rng.below(doc.len() - len);
            let t: Vec<char> = doc[s..s + len].to_vec();
            if t.iter()
                .all(|c| !c.is_whitespace() && !"\"＂-－".contains(*c) && yuliao::fold::is_singleton(*c))
                && !self_overlapping(&t)
            {
                return t.into_iter().collect();
            }
        }
    };
    let mut checked = 0;
    for round in 0..300 {
        let clauses: Vec<Vec<String>> = (0..1 + rng.below(3))
            .map(|_| (0..1 + usize::from(rng.below(4) == 0)).map(|_| term(&mut rng)).collect())
            .collect();
        let query = clauses
            .iter()
            .map(|c| c.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR "))
            .collect::<Vec<_>>()
            .join(" ");
        let chars: Vec<Vec<Vec<char>>> =
            clauses.iter().map(|c| c.iter().map(|t| t.chars().map(fold).collect()).collect()).collect();
        let ra = a.search(&query, &opts(json!({ "limit": 1000 }))).unwrap();
        let rb = b.search(&query, &opts(json!({ "limit": 1000 }))).unwrap();
        let got_a: Vec<(u32, f64)> = ra.hits.iter().map(|h| (h.id, h.score)).collect();
        let got_b: Vec<(u32, f64)> = rb.hits.iter().map(|h| (h.id, h.score)).collect();
        assert_eq!(got_a, got_b, "round {round}: {query} with and without postings");
        let formula = Formula::new(&docs, &chars);
        let mut want: Vec<(u32, f64)> =
            (0..docs.len()).filter_map(|d| formula.score(d).map(|s| (d as u32, s))).collect();
        want.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        assert_eq!(ra.total, want.len(), "{query}: total");
        for ((gd, gs), (wd, ws)) in got_a.iter().zip(&want) {
            assert!(
                (gs - ws).abs() <= 1e-9 * ws.abs().max(1.0),
                "{query}: doc {gd} scored {gs}, formula gives {ws} (doc {wd})"
            );
        }
        let ids: Vec<u32> = got_a.iter().map(|h| h.0).collect();
        let want_ids: Vec<u32> = want.iter().map(|h| h.0).collect();
        assert_eq!(ids, want_ids, "{query}: order");
        checked += usize::from(!want.is_empty());
    }
    assert!(checked >= 100, "only {checked} queries matched something");
}

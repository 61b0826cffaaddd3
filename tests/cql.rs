//! CQL matching against a naive matcher written only for this test: on a
//! random corpus of words with several parts of speech, random queries
//! (tokens, values, `!=`, `&`, `|`, `!`, repetitions, groups, alternatives,
//! `within s`) must give exactly the matches of a backtracking evaluation
//! of the parsed pattern with leftmost-longest, non-overlapping selection.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{bundle_of, js, opts, Rng};
use serde_json::json;
use std::collections::BTreeSet;
use yuliao::engine::cql::{self, Attr, Node, Pred, Within};
use yuliao::engine::tokens::TokenCache;
use yuliao::engine::Corpus;

const WORDS: [&str; 14] =
    ["美丽", "风景", "发展", "经济", "我们", "坚持", "改革", "开放", "的", "了", "在", "和", "非常", "。"];

thread_local! {
    /// Compiled regular expressions, by pattern (the naive matcher's cache).
    static REGEXES: std::cell::RefCell<std::collections::HashMap<String, regex_lite::Regex>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// A token as the naive matcher sees it: its word and tag.
type Tok = (String, String);

fn eval(p: &Pred, t: &Tok) -> bool {
    match p {
        Pred::Any => true,
        Pred::Cmp { attr, negated, value } => {
            let s = if *attr == Attr::Word { &t.0 } else { &t.1 };
            let hit = if value.literal {
                if value.ignore_case {
                    s.to_lowercase() == value.text.to_lowercase()
                } else {
                    *s == value.text
                }
            } else {
                let flags = if value.ignore_case { "(?i)" } else { "" };
                let pattern = format!("{flags}^(?:{})$", value.text);
                REGEXES.with(|cache| {
                    let mut cache = cache.borrow_mut();
                    let re = cache
                        .entry(pattern.clone())
                        .or_insert_with(|| regex_lite::Regex::new(&pattern).unwrap());
                    re.is_match(s)
                })
            };
            hit != *negated
        }
        Pred::And(items) => items.iter().all(|q| eval(q, t)),
        Pred::Or(items) => items.iter().any(|q| eval(q, t)),
        Pred::Not(q) => !eval(q, t),
    }
}

/// Every end of a match of `node` starting at `i` in `toks`.
fn ends(node: &Node, toks: &[Tok], i: usize) -> BTreeSet<usize> {
    match node {
        Node::Token(p) => (i < toks.len() && eval(p, &toks[i])).then_some(i + 1).into_iter().collect(),
        Node::Seq(items) => {
            let mut at: BTreeSet<usize> = [i].into();
            for item in items {
                at = at.iter().flat_map(|&j| ends(item, toks, j)).collect();
            }
            at
        }
        Node::Alt(items) => items.iter().flat_map(|item| ends(item, toks, i)).collect(),
        Node::Repeat(inner, min, max) => {
            let mut out = BTreeSet::new();
            let mut current: BTreeSet<usize> = [i].into();
            let mut seen: BTreeSet<usize> = BTreeSet::new();
            if *min == 0 {
                out.insert(i);
            }
            let limit = max.unwrap_or(toks.len() as u32 + 1);
            for k in 1..=limit {
                current = current.iter().flat_map(|&j| ends(inner, toks, j)).collect();
                if k >= *min {
                    out.extend(current.iter().copied());
                }
                if current.is_empty() || (max.is_none() && k > *min && current.is_subset(&seen)) {
                    break;
                }
                seen.extend(current.iter().copied());
            }
            out
        }
    }
}

/// Leftmost-longest, non-overlapping matches of `node` in `toks`.
fn naive(node: &Node, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match ends(node, toks, i).into_iter().filter(|&e| e > i).max() {
            Some(e) => {
                out.push((i, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// A random query from a small grammar over `words` and `tags`.
fn query(rng: &mut Rng, words: &[&str], tags: &[String]) -> String {
    let word = |rng: &mut Rng| words[rng.below(words.len())].to_string();
    let tag = |rng: &mut Rng| tags[rng.below(tags.len())].clone();
    let token = |rng: &mut Rng| -> String {
        match rng.below(11) {
            0 => format!("\"{}\"", word(rng)),
            1 => format!("[word=\"{}\"]", word(rng)),
            2 => format!("[pos=\"{}\"]", tag(rng)),
            3 => format!("[pos=\"{}.*\"]", &tag(rng)[..1]),
            4 => "[]".into(),
            5 => format!("[pos!=\"{}\"]", tag(rng)),
            6 => format!("[word=\"{}|{}\"]", word(rng), word(rng)),
            7 => format!("[!pos=\"{}\"]", tag(rng)),
            8 => format!("[word=\"{}\" & pos=\"{}\"]", word(rng), tag(rng)),
            9 => format!("[pos=\"{}\" | word=\"{}\"]", tag(rng), word(rng)),
            _ => format!("[word=\".*{}\"]", word(rng).chars().last().unwrap_or('的')),
        }
    };
    let quant = |rng: &mut Rng| -> &'static str {
        match rng.below(9) {
            0 => "?",
            1 => "*",
            2 => "+",
            3 => "{0,2}",
            4 => "{1,3}",
            5 => "{2}",
            _ => "",
        }
    };
    let seq = |rng: &mut Rng| -> String {
        let n = 1 + rng.below(3);
        (0..n).map(|_| format!("{}{}", token(rng), quant(rng))).collect::<Vec<_>>().join(" ")
    };
    let mut q = match rng.below(5) {
        0 => format!("{} | {}", seq(rng), seq(rng)),
        1 => format!("({} | {}){} {}", seq(rng), seq(rng), quant(rng), token(rng)),
        _ => seq(rng),
    };
    if rng.below(2) == 0 {
        q.push_str(" within s");
    }
    q
}

#[test]
fn cql_matches_equal_a_naive_matcher() {
    let mut rng = Rng(2024);
    let mut lines = String::new();
    for _ in 0..40 {
        let n = 20 + rng.below(60);
        let mut text = String::new();
        for k in 0..n {
            if k > 0 {
                text.push(if rng.below(25) == 0 { '\n' } else { ' ' });
            }
            text.push_str(WORDS[rng.below(WORDS.len())]);
        }
        lines.push_str(&json!({ "text": text }).to_string());
        lines.push('\n');
    }
    let bytes = bundle_of(&[("r.jsonl", &lines)]);
    let cache = TokenCache::new();
    let c = Corpus::open(&bytes, true).unwrap().with_tokens(&cache);
    let tokens = c.tokens().unwrap();
    // Each document's tokens and sentences, from `segment` and the text.
    let mut docs: Vec<Vec<Tok>> = Vec::new();
    let mut sentences: Vec<Vec<(usize, usize)>> = Vec::new();
    for d in 0..c.len() {
        let text = c.text(d).unwrap();
        let toks: Vec<Tok> =
            c.segment(text).unwrap().into_iter().map(|t| (t.word, t.pos.to_string())).collect();
        let mut cuts = vec![0];
        let mut at = 0;
        for (i, (w, _)) in toks.iter().enumerate() {
            let start = at + text[at..].find(w.as_str()).unwrap();
            at = start + w.len();
            let next = toks.get(i + 1).map(|(n, _)| at + text[at..].find(n.as_str()).unwrap());
            let newline = next.is_some_and(|n| text[at..n].contains('\n'));
            if matches!(w.as_str(), "。" | "！" | "？" | "；" | "!" | "?" | ";") || newline || next.is_none()
            {
                cuts.push(i + 1);
            }
        }
        cuts.dedup();
        sentences.push(cuts.windows(2).map(|w| (w[0], w[1])).collect());
        docs.push(toks);
    }
    assert_eq!(docs.iter().map(Vec::len).sum::<usize>(), tokens.len());
    let mut tags: Vec<String> = docs.iter().flatten().map(|t| t.1.clone()).collect();
    tags.sort();
    tags.dedup();
    assert!(tags.len() >= 5, "a corpus with several tags: {tags:?}");
    let words: Vec<&str> = WORDS.to_vec();
    let all: Vec<u32> = (0..c.len() as u32).collect();
    let (mut checked, mut nonzero) = (0, 0);
    for _ in 0..400 {
        let q = query(&mut rng, &words, &tags);
        let parsed = match cql::parse(&q) {
            Ok(p) => p,
            Err(e) if e.message().contains("can match no token") => continue,
            Err(e) => panic!("{q}: {e}"),
        };
        let mut want: Vec<(usize, usize, usize)> = Vec::new();
        for (d, toks) in docs.iter().enumerate() {
            let spans: Vec<(usize, usize)> = match parsed.within {
                Within::Text => vec![(0, toks.len())],
                Within::Sentence => sentences[d].clone(),
            };
            for (a, b) in spans {
                for (s, e) in naive(&parsed.node, &toks[a..b]) {
                    want.push((d, a + s, a + e));
                }
            }
        }
        let node = yuliao::engine::stats::Node::parse(&c, &q).unwrap();
        let got: Vec<(usize, usize, usize)> = node
            .matches(&c, tokens, &all)
            .into_iter()
            .map(|m| {
                let base = tokens.doc(m.doc as usize).start;
                (m.doc as usize, m.start as usize - base, m.end as usize - base)
            })
            .collect();
        assert_eq!(got, want, "{q}");
        // The concordance counts the same matches.
        let k = js(c.concordance(&q, &opts(json!({ "limit": 0 }))));
        assert_eq!(k["total"], want.len(), "{q}");
        checked += 1;
        nonzero += usize::from(!want.is_empty());
    }
    assert!(checked >= 300 && nonzero >= 100, "{checked} queries checked, {nonzero} with matches");
}

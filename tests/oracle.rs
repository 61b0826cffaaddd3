//! Search and concordance against a naive scan, on random substrings of the
//! embedded corpus: every occurrence is found, whatever jieba did, and the
//! counts are exact.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{opts, seed_bundles, Rng};
use serde_json::json;
use yuliao::engine::Corpus;
use yuliao::fold;

/// The fold of the naive scans: width and case, then the script
/// ([`common::han::same`]: `發` and `发` are one character).
fn fold(c: char) -> char {
    common::han::same(fold::fold(c))
}

/// Every (char index) position where `term` starts in `text`, comparing folded characters.
fn naive(text: &str, term: &[char]) -> Vec<usize> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    (0..chars.len()).filter(|&i| i + term.len() <= chars.len() && chars[i..i + term.len()] == *term).collect()
}

fn utf16_offset(text: &str, char_index: usize) -> usize {
    text.chars().take(char_index).map(char::len_utf16).sum()
}

/// Random substrings of the corpus texts and titles, without whitespace,
/// 1 to 8 characters long.
fn samples(corpus: &Corpus<'_>, n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    while out.len() < n {
        let d = rng.below(corpus.len());
        let source = if rng.below(8) == 0 { corpus.title(d).unwrap() } else { corpus.text(d).unwrap() };
        let chars: Vec<char> = source.chars().collect();
        if chars.is_empty() {
            continue;
        }
        let len = 1 + rng.below(8);
        let start = rng.below(chars.len());
        let term: String = chars[start..(start + len).min(chars.len())].iter().collect();
        if !term.chars().any(char::is_whitespace) && !term.contains('"') {
            out.push(term);
        }
    }
    out
}

/// Change the case and width of the ASCII characters of `term`: folding must undo it.
fn disguise(term: &str, rng: &mut Rng) -> String {
    term.chars()
        .map(|c| {
            if !c.is_ascii_graphic() || c == '"' || c == '-' {
                return c;
            }
            let c = if rng.below(2) == 0 { c.to_ascii_uppercase() } else { c };
            if rng.below(2) == 0 {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap()
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn concordance_finds_every_occurrence() {
    for (name, bytes) in seed_bundles() {
        let corpus = Corpus::open(&bytes, true).unwrap();
        concordance_matches_oracle(&corpus, name);
    }
}

fn concordance_matches_oracle(corpus: &Corpus<'_>, name: &str) {
    let mut rng = Rng(7);
    for term in samples(corpus, 400, 1) {
        let folded: Vec<char> = term.chars().map(fold).collect();
        let mut want = Vec::new();
        for d in 0..corpus.len() {
            let text = corpus.text(d).unwrap();
            want.extend(naive(text, &folded).into_iter().map(|i| (d as u32, utf16_offset(text, i))));
        }
        // The term as found, disguised in width and case, and in
        // traditional characters (when OpenCC's phrase conversion keeps
        // to characters of the same classes: `了解` becomes `瞭解`, and
        // `瞭` is a character of its own).
        let traditional = common::han::to_traditional(&term);
        let same_script = traditional.chars().map(fold).eq(folded.iter().copied());
        for query in
            [term.clone(), disguise(&term, &mut rng)].into_iter().chain(same_script.then_some(traditional))
        {
            let got = corpus
                .concordance(&query, &opts(json!({ "limit": 10000, "context": 3 })))
                .unwrap()
                .lines()
                .unwrap();
            assert_eq!(got.total, want.len(), "{name}: total for {query:?}");
            let lines: Vec<(u32, usize)> = got.lines.iter().map(|l| (l.id, l.start)).collect();
            assert_eq!(lines, want, "lines for {query:?}");
            for l in &got.lines {
                let m: Vec<char> = l.matched.chars().map(fold).collect();
                assert_eq!(m, folded, "match text for {query:?}");
                // The line's pieces are the document's text around the match.
                let text: Vec<u16> = corpus.text(l.id as usize).unwrap().encode_utf16().collect();
                let line: Vec<u16> = format!("{}{}{}", l.left, l.matched, l.right).encode_utf16().collect();
                let left = l.left.encode_utf16().count();
                assert_eq!(text[l.start - left..l.start - left + line.len()], line[..], "{query:?}");
                assert!(l.left.chars().count() <= 3 && l.right.chars().count() <= 3);
            }
        }
    }
}

#[test]
fn search_finds_every_document() {
    for (name, bytes) in seed_bundles() {
        let corpus = Corpus::open(&bytes, true).unwrap();
        search_matches_oracle(&corpus, name);
    }
}

fn search_matches_oracle(corpus: &Corpus<'_>, name: &str) {
    for term in samples(corpus, 400, 2) {
        let folded: Vec<char> = term.chars().map(fold).collect();
        let want: Vec<u32> = (0..corpus.len())
            .filter(|&d| {
                !naive(corpus.text(d).unwrap(), &folded).is_empty()
                    || !naive(corpus.title(d).unwrap(), &folded).is_empty()
            })
            .map(|d| d as u32)
            .collect();
        // Quoted: verbatim matches only.
        let got = corpus.search(&format!("\"{term}\""), &opts(json!({ "limit": 1000 }))).unwrap();
        assert_eq!(got.total, want.len(), "{name}: total for {term:?}");
        let mut ids: Vec<u32> = got.hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, want, "documents for {term:?}");
        assert!(got.hits.iter().all(|h| h.verbatim));
        for h in &got.hits {
            assert!(
                h.snippet.iter().any(|f| f.mark)
                    || naive(corpus.text(h.id as usize).unwrap(), &folded).is_empty()
            );
        }
    }
}

#[test]
fn terms_across_word_boundaries_are_found() {
    let corpus = Corpus::open(yuliao::EMBEDDED, true).unwrap();
    // Each term occurs somewhere with at least one end inside a token of the
    // corpus segmentation (建工 in 党建|工作, 拉萨 in 拉萨市), and is still counted.
    for term in ["建工", "拉萨", "萨市", "党建工", "市"] {
        let folded: Vec<char> = term.chars().map(fold).collect();
        let mut want = 0;
        let mut inside_a_token = 0;
        for d in 0..corpus.len() {
            let text = corpus.text(d).unwrap();
            let starts = naive(text, &folded);
            want += starts.len();
            let mut bounds = vec![0usize];
            let mut at = 0;
            for t in corpus.segment(text).unwrap() {
                at = text[at..].find(&t.word).map(|i| at + i).unwrap() + t.word.len();
                bounds.push(text[..at].chars().count());
                bounds.push(text[..at - t.word.len()].chars().count());
            }
            inside_a_token += starts
                .iter()
                .filter(|&&i| !bounds.contains(&i) || !bounds.contains(&(i + folded.len())))
                .count();
        }
        assert!(inside_a_token > 0, "{term}: no occurrence inside a token, the test proves nothing");
        let got = corpus.concordance(term, &opts(json!({ "limit": 0 }))).unwrap().lines().unwrap();
        assert_eq!(got.total, want, "{term}");
    }
}

#[test]
fn bare_terms_found_nowhere_find_documents_with_all_their_words() {
    let bundles = seed_bundles();
    let corpora: Vec<Corpus<'_>> = bundles.iter().map(|(_, b)| Corpus::open(b, true).unwrap()).collect();
    let reference = &corpora[0];
    let contains = |d: usize, w: &[char]| {
        !naive(reference.text(d).unwrap(), w).is_empty() || !naive(reference.title(d).unwrap(), w).is_empty()
    };
    // Pairs of words of the corpus from different places (rarely a phrase
    // of the corpus), and substrings of the corpus (always found verbatim).
    let words: Vec<String> = samples(reference, 400, 3)
        .into_iter()
        .flat_map(|t| reference.segment(&t).unwrap())
        .map(|t| t.word)
        .filter(|w| w.chars().filter(|&c| yuliao::segment::is_word_char(c)).count() >= 2)
        .collect();
    let mut queries: Vec<String> = words.chunks(2).filter(|p| p.len() == 2).map(|p| p.concat()).collect();
    queries.extend(samples(reference, 100, 5));
    let (mut fallbacks, mut verbatims) = (0, 0);
    for query in queries {
        let folded: Vec<char> = query.chars().map(fold).collect();
        let verbatim: Vec<u32> =
            (0..reference.len()).filter(|&d| contains(d, &folded)).map(|d| d as u32).collect();
        // The words of two characters or more, as the corpus segments the query.
        let mut distinct: Vec<Vec<char>> = Vec::new();
        for t in reference.segment(&query).unwrap() {
            let w: Vec<char> = t.word.chars().map(fold).collect();
            if t.word.chars().filter(|&c| yuliao::segment::is_word_char(c)).count() >= 2
                && !distinct.contains(&w)
            {
                distinct.push(w);
            }
        }
        let by_words: Vec<u32> = if verbatim.is_empty() && distinct.len() >= 2 {
            (0..reference.len())
                .filter(|&d| distinct.iter().all(|w| contains(d, w)))
                .map(|d| d as u32)
                .collect()
        } else {
            Vec::new()
        };
        fallbacks += usize::from(!by_words.is_empty());
        verbatims += usize::from(!verbatim.is_empty());
        for (corpus, (name, _)) in corpora.iter().zip(&bundles) {
            let got = corpus.search(&query, &opts(json!({ "limit": 1000 }))).unwrap();
            let ids = |verbatim: bool| {
                let mut v: Vec<u32> =
                    got.hits.iter().filter(|h| h.verbatim == verbatim).map(|h| h.id).collect();
                v.sort_unstable();
                v
            };
            assert_eq!(ids(true), verbatim, "{name}: verbatim documents for {query:?}");
            if name.starts_with("mixed scripts") {
                // The fallback segments the query with the vocabulary as
                // written: a word met only in the other script there is not
                // one of its words (README, "Traditional and simplified").
                continue;
            }
            assert_eq!(ids(false), by_words, "{name}: word documents for {query:?} ({distinct:?})");
            assert_eq!(got.total, verbatim.len() + by_words.len(), "{name}: total for {query:?}");
        }
    }
    assert!(fallbacks > 20, "only {fallbacks} queries exercised the word fallback");
    assert!(verbatims > 90, "only {verbatims} queries were found verbatim");
}

/// A corpus whose texts mix the forms of a few characters (`2` `２`, `g`
/// `G` `ｇ`, `,` `，`), some forms only in a few documents, so that a query
/// has several needles and, with postings, each needle is searched only in
/// the documents holding its forms. Search and concordance must still find
/// exactly what a naive folded scan finds.
#[test]
fn mixed_character_forms_are_all_found() {
    use yuliao::index::{Options, PostingsChoice};
    let mut rng = Rng(11);
    // Common forms everywhere; rare forms (２, Ｇ, ｇ) in one document in ten.
    let common = ['2', '0', '4', 'g', 'd', 'p', 'G', 'D', '年', '拉', ',', '，'];
    let rare = ['２', '０', 'Ｇ', 'ｇ', 'Ｄ'];
    let mut lines = String::new();
    let mut texts = Vec::new();
    for d in 0..60 {
        let text: String = (0..200)
            .map(|_| {
                if d % 10 == 3 && rng.below(4) == 0 {
                    rare[rng.below(rare.len())]
                } else {
                    common[rng.below(common.len())]
                }
            })
            .collect();
        lines.push_str(&serde_json::json!({ "title": format!("第{d}篇"), "text": text }).to_string());
        lines.push('\n');
        texts.push(text);
    }
    let dir = common::temp_dir();
    std::fs::write(dir.join("forms.jsonl"), lines).unwrap();
    let docs = yuliao::corpus::read(&dir).unwrap().documents;
    for postings in [PostingsChoice::Never, PostingsChoice::Always] {
        let bytes = yuliao::index::build_with(&docs, Options { postings, ..Default::default() }).unwrap().0;
        let corpus = Corpus::open(&bytes, true).unwrap();
        for _ in 0..300 {
            let len = 1 + rng.below(4);
            let query: String = (0..len)
                .map(|_| if rng.below(3) == 0 { rare[rng.below(5)] } else { common[rng.below(12)] })
                .collect();
            let folded: Vec<char> = query.chars().map(fold).collect();
            let want: usize = texts.iter().map(|t| naive(t, &folded).len()).sum();
            let got = corpus.concordance(&query, &opts(json!({ "limit": 0 }))).unwrap().lines().unwrap();
            assert_eq!(got.total, want, "{postings:?}: occurrences of {query:?}");
            let docs_with = texts.iter().filter(|t| !naive(t, &folded).is_empty()).count();
            let got = corpus.search(&format!("\"{query}\""), &opts(json!({ "limit": 0 }))).unwrap();
            assert_eq!(got.total, docs_with, "{postings:?}: documents with {query:?}");
        }
    }
}

/// Pages and filters of a concordance: every page is the matching slice of
/// the naive list of occurrences in the filtered documents. One-character
/// terms in a corpus with postings are counted from the postings and only
/// the page's documents are scanned; longer terms are scanned whole.
#[test]
fn concordance_pages_and_filters_agree_with_a_scan() {
    let mixed = common::seeds_as_jsonl(yuliao::index::PostingsChoice::Always, |d| d % 3 != 1);
    for bytes in [common::seeds_with_postings(), mixed] {
        let corpus = Corpus::open(&bytes, true).unwrap();
        pages_and_filters(&corpus);
    }
}

fn pages_and_filters(corpus: &Corpus<'_>) {
    use yuliao::engine::results::MetaValue;
    let region = corpus.fields().iter().find(|f| f.name == "region").unwrap();
    let wanted_region = corpus.field_value(region, 0).unwrap();
    let MetaValue::Str(wanted_region) = wanted_region else {
        panic!("region of document 0: {wanted_region:?}")
    };
    let mut rng = Rng(5);
    let mut terms = samples(corpus, 60, 9);
    terms.extend(["的", "，", "。", "市", "党建"].map(String::from));
    for term in terms {
        let folded: Vec<char> = term.chars().map(fold).collect();
        for filtered in [false, true] {
            let mut want = Vec::new();
            for d in 0..corpus.len() {
                let value = corpus.field_value(region, d).unwrap();
                if filtered && !matches!(value, MetaValue::Str(v) if v == wanted_region) {
                    continue;
                }
                let text = corpus.text(d).unwrap();
                want.extend(naive(text, &folded).into_iter().map(|i| (d as u32, utf16_offset(text, i))));
            }
            let offset = rng.below(want.len() + 2);
            let limit = rng.below(30);
            let filters = if filtered { json!({ "region": [wanted_region] }) } else { json!({}) };
            let options = json!({ "offset": offset, "limit": limit, "filters": filters });
            let got = corpus.concordance(&term, &opts(options)).unwrap().lines().unwrap();
            assert_eq!(got.total, want.len(), "total for {term:?} (filtered: {filtered})");
            let lines: Vec<(u32, usize)> = got.lines.iter().map(|l| (l.id, l.start)).collect();
            let page = &want[offset.min(want.len())..(offset + limit).min(want.len())];
            assert_eq!(lines, page, "page {offset}+{limit} of {term:?} (filtered: {filtered})");
        }
    }
}

/// Which documents a query should find.
type Rule<'a> = Box<dyn Fn(usize) -> bool + 'a>;

/// Queries of several clauses (`a b`, `a OR b c`, `a -b`): the documents
/// found are exactly those a naive scan finds, with and without postings
/// (with postings each clause is searched only where the clauses before it
/// match).
#[test]
fn clauses_and_exclusions_agree_with_a_scan() {
    for (name, bytes) in seed_bundles() {
        let corpus = Corpus::open(&bytes, true).unwrap();
        let has = |d: usize, term: &str| {
            let folded: Vec<char> = term.chars().map(fold).collect();
            !naive(corpus.text(d).unwrap(), &folded).is_empty()
                || !naive(corpus.title(d).unwrap(), &folded).is_empty()
        };
        let terms: Vec<String> =
            samples(&corpus, 90, 4).into_iter().filter(|t| t.chars().count() <= 3).collect();
        // The two characters found in the most documents: a last clause
        // frequent enough that the clauses before it are searched first.
        let mut pairs: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for d in 0..corpus.len() {
            let chars: Vec<char> = corpus.text(d).unwrap().chars().collect();
            let mut seen: Vec<String> = chars.windows(2).map(|w| w.iter().collect::<String>()).collect();
            seen.sort();
            seen.dedup();
            for p in
                seen.into_iter().filter(|p| !p.chars().any(|c| c.is_whitespace() || c == '"' || c == '-'))
            {
                *pairs.entry(p).or_default() += 1;
            }
        }
        let frequent = pairs.into_iter().max_by_key(|(p, n)| (*n, p.clone())).unwrap().0;
        for w in terms.chunks(3).filter(|w| w.len() == 3) {
            let (a, b, c) = (&w[0], &w[1], &w[2]);
            let cases: [(String, Rule<'_>); 4] = [
                (format!("\"{a}\" \"{b}\""), Box::new(|d| has(d, a) && has(d, b))),
                (format!("\"{a}\" OR \"{b}\" \"{c}\""), Box::new(|d| (has(d, a) || has(d, b)) && has(d, c))),
                // A frequent last clause: the OR clause is searched first.
                (
                    format!("\"{a}\" OR \"{b}\" {frequent}"),
                    Box::new(|d| (has(d, a) || has(d, b)) && has(d, &frequent)),
                ),
                (format!("\"{a}\" -\"{b}\""), Box::new(|d| has(d, a) && !has(d, b))),
            ];
            for (query, want) in cases {
                let want: Vec<u32> = (0..corpus.len()).filter(|&d| want(d)).map(|d| d as u32).collect();
                let got = corpus.search(&query, &opts(json!({ "limit": 1000 }))).unwrap();
                let mut ids: Vec<u32> = got.hits.iter().map(|h| h.id).collect();
                ids.sort_unstable();
                assert_eq!((got.total, ids), (want.len(), want), "{name}: {query}");
            }
        }
    }
}

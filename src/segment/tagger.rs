//! Build-time segmentation: jieba reads the corpus, the corpus vocabulary
//! comes out. Native only; the wasm never contains jieba.
//!
//! Two passes over the documents, each spread over all cores:
//!
//! 1. jieba-rs `tag` (with its HMM, so names like `卢文婷` are found) gives
//!    every word with its part of speech. A word's weight is the number of
//!    times jieba produced it.
//! 2. The [`Segmenter`] cuts every document again with just those weights,
//!    exactly as the runtime will. Its tokens are the corpus segmentation:
//!    their counts are the corpus word frequencies, and the words it never
//!    chose are dropped from the vocabulary. Dropping them cannot change the
//!    best path anywhere in the corpus, since none of them is on it; the
//!    total weight keeps its pass-1 value because it takes part in every
//!    path's probability.
//!
//! [`Segmentation::agreement`] reports how many of jieba's tokens the
//! final segmentation reproduces exactly.

use super::{guess_pos, is_block_char, Lexicon, Segmenter, Token};
use crate::bundle::{
    weight_delta, word_order, PackedBytes, PackedWriter, StringsBytes, StringsWriter, Vocabulary, WordsBytes,
    WordsWriter, MAX_FREQUENCY,
};
use jieba_rs::Jieba;
use std::collections::HashMap;

/// The owned parts of a [`Vocabulary`], ready to encode.
#[derive(Debug, Clone)]
pub struct VocabularyBytes {
    words: WordsBytes,
    counts: PackedBytes,
    weight_deltas: PackedBytes,
    tags: PackedBytes,
    pos: StringsBytes,
    total_weight: u64,
}

impl VocabularyBytes {
    /// Borrow as a vocabulary.
    pub fn as_vocabulary(&self) -> Vocabulary<'_> {
        Vocabulary {
            words: self.words.as_words(),
            counts: self.counts.as_packed(),
            weight_deltas: self.weight_deltas.as_packed(),
            tags: self.tags.as_packed(),
            pos: self.pos.as_strings(),
            total_weight: self.total_weight,
        }
    }
}

/// The outcome of segmenting a corpus.
#[derive(Debug)]
pub struct Segmentation {
    /// The corpus vocabulary.
    pub vocabulary: VocabularyBytes,
    /// Non-whitespace tokens in the final segmentation of all documents.
    pub tokens: u64,
    /// Distinct words in the vocabulary.
    pub words: usize,
    /// Share of jieba's (pass 1) non-whitespace tokens that the final
    /// segmentation reproduces with the same boundaries, in 0..=1.
    pub agreement: f64,
}

/// Per word in pass 1: how often jieba produced it, and its tag.
#[derive(Debug, Default)]
struct Pass1 {
    words: HashMap<String, (u64, String)>,
    /// Token boundaries per document, as (byte start, byte end), whitespace excluded.
    spans: Vec<Vec<(u32, u32)>>,
}

/// Segment `texts` (the documents, in order) into a vocabulary.
pub fn segment_corpus(texts: &[&str]) -> Segmentation {
    let jieba = Jieba::new();
    let pass1 = pass1(&jieba, texts);
    let mut weighted: Vec<(&str, u64, &str)> =
        pass1.words.iter().map(|(w, (n, tag))| (w.as_str(), weight_of(w, *n), tag.as_str())).collect();
    weighted.sort_unstable_by(|a, b| word_order(a.0, b.0));
    let total_weight: u64 = weighted.iter().map(|w| w.1).sum();
    let draft = write_vocabulary(&weighted, &vec![0; weighted.len()], total_weight);
    let lexicon = Lexicon::new(&draft.as_vocabulary());
    let segmenter = Segmenter::with_lexicon(draft.as_vocabulary(), &lexicon);

    // Pass 2, in parallel: counts per vocabulary word, new tokens, agreement.
    let results = parallel_chunks(texts, |chunk, first| {
        let mut counts = vec![0u64; weighted.len()];
        let mut new: HashMap<String, u64> = HashMap::new();
        let (mut tokens, mut agreed) = (0u64, 0u64);
        let mut buf: Vec<Token<'_>> = Vec::new();
        for (k, text) in chunk.iter().enumerate() {
            buf.clear();
            segmenter.segment(text, &mut buf);
            let mut spans = Vec::with_capacity(buf.len());
            for t in &buf {
                if t.text.trim().is_empty() {
                    continue;
                }
                tokens += 1;
                spans.push((t.byte_start as u32, (t.byte_start + t.text.len()) as u32));
                match t.word {
                    Some(w) => counts[w] += 1,
                    None => *new.entry(t.text.to_string()).or_default() += 1,
                }
            }
            agreed += common(&spans, &pass1.spans[first + k]);
        }
        (counts, new, tokens, agreed)
    });
    let mut counts = vec![0u64; weighted.len()];
    let mut new: HashMap<String, u64> = HashMap::new();
    let (mut tokens, mut agreed) = (0u64, 0u64);
    for (c, n, t, a) in results {
        for (total, x) in counts.iter_mut().zip(c) {
            *total += x;
        }
        for (w, x) in n {
            *new.entry(w).or_default() += x;
        }
        tokens += t;
        agreed += a;
    }
    let jieba_tokens: usize = pass1.spans.iter().map(Vec::len).sum();

    // The final vocabulary: the words pass 2 chose, with their pass-1
    // weights, plus the tokens it formed by rule (weight 0, so they never
    // enter the path search).
    let mut entries: Vec<(String, u64, String, u64)> = Vec::new();
    for (i, &(w, weight, tag)) in weighted.iter().enumerate() {
        if counts[i] > 0 {
            entries.push((w.to_string(), weight, retag(w, tag).to_string(), counts[i]));
        }
    }
    for (w, n) in new {
        let tag = retag(&w, &jieba_tag(&jieba, &w)).to_string();
        entries.push((w, 0, tag, n));
    }
    entries.sort_unstable_by(|a, b| word_order(&a.0, &b.0));
    let view: Vec<(&str, u64, &str)> = entries.iter().map(|e| (e.0.as_str(), e.1, e.2.as_str())).collect();
    let final_counts: Vec<u64> = entries.iter().map(|e| e.3).collect();
    Segmentation {
        vocabulary: write_vocabulary(&view, &final_counts, total_weight),
        tokens,
        words: entries.len(),
        agreement: if jieba_tokens == 0 { 1.0 } else { agreed as f64 / jieba_tokens as f64 },
    }
}

/// A word's path weight: its pass-1 count, or 0 for words the path search
/// never looks up (they contain characters outside the segmented blocks).
fn weight_of(word: &str, count: u64) -> u64 {
    if word.chars().all(is_block_char) {
        count
    } else {
        0
    }
}

/// The tag a word gets in the bundle: jieba's, except that punctuation and
/// symbols (tokens whose every character is of a Unicode category P* or
/// S*: `，` `。` `（` `%` `℃`), which jieba tags `x` with other unknown
/// tokens, are tagged `w` (the PKU tag for punctuation). Corpus queries
/// can then select them (`[pos="w"]`), and statistics leave them out.
pub fn retag<'t>(word: &str, tag: &'t str) -> &'t str {
    if is_punctuation(word) {
        "w"
    } else {
        tag
    }
}

/// Whether every character of `word` is punctuation or a symbol (Unicode
/// general category P* or S*).
pub fn is_punctuation(word: &str) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    !word.is_empty()
        && word.chars().all(|c| {
            matches!(
                get_general_category(c),
                G::ConnectorPunctuation
                    | G::DashPunctuation
                    | G::OpenPunctuation
                    | G::ClosePunctuation
                    | G::InitialPunctuation
                    | G::FinalPunctuation
                    | G::OtherPunctuation
                    | G::MathSymbol
                    | G::CurrencySymbol
                    | G::ModifierSymbol
                    | G::OtherSymbol
            )
        })
}

/// jieba's tag for a word on its own (its dictionary tag, or its guess).
fn jieba_tag(jieba: &Jieba, word: &str) -> String {
    match jieba.tag(word, false).as_slice() {
        [one] => one.tag.to_string(),
        _ => guess_pos(word).to_string(),
    }
}

fn pass1(jieba: &Jieba, texts: &[&str]) -> Pass1 {
    let parts = parallel_chunks(texts, |chunk, _| {
        let mut part = Pass1::default();
        for text in chunk {
            let mut spans = Vec::new();
            for tag in jieba.tag(text, true) {
                if tag.word.trim().is_empty() {
                    continue;
                }
                spans.push((tag.byte_start as u32, tag.byte_end as u32));
                let entry =
                    part.words.entry(tag.word.to_string()).or_insert_with(|| (0, tag.tag.to_string()));
                entry.0 += 1;
            }
            part.spans.push(spans);
        }
        part
    });
    let mut all = Pass1::default();
    for part in parts {
        for (w, (n, tag)) in part.words {
            all.words.entry(w).or_insert((0, tag)).0 += n;
        }
        all.spans.extend(part.spans);
    }
    all
}

/// Tokens present with the same boundaries in both sorted span lists.
fn common(a: &[(u32, u32)], b: &[(u32, u32)]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Run `f` over contiguous chunks of `items` on all cores; results in order.
/// `f` also gets the index of the chunk's first item.
fn parallel_chunks<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a [T], usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
    let size = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(k, chunk)| {
                let f = &f;
                s.spawn(move || f(chunk, k * size))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("segmentation thread panicked")).collect()
    })
}

/// Encode a vocabulary sorted in [`word_order`].
fn write_vocabulary(entries: &[(&str, u64, &str)], counts: &[u64], total_weight: u64) -> VocabularyBytes {
    let clamp = |x: u64| x.min(u64::from(MAX_FREQUENCY)) as u32;
    let mut words = WordsWriter::default();
    let mut deltas = PackedWriter::default();
    let mut tags = PackedWriter::default();
    let mut tag_names: Vec<&str> = entries.iter().map(|e| e.2).collect();
    tag_names.sort_unstable();
    tag_names.dedup();
    for (&(w, weight, tag), &count) in entries.iter().zip(counts) {
        words.push(w);
        deltas.push(weight_delta(clamp(weight), clamp(count)));
        tags.push(tag_names.binary_search(&tag).unwrap_or(0) as u32);
    }
    let mut pos = StringsWriter::default();
    for t in &tag_names {
        pos.push(t);
    }
    VocabularyBytes {
        words: words.finish(),
        counts: counts.iter().map(|&c| clamp(c)).collect::<PackedWriter>().finish(),
        weight_deltas: deltas.finish(),
        tags: tags.finish(),
        pos: pos.finish(),
        total_weight,
    }
}

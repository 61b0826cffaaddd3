//! The corpus as tokens, derived at run time from the text and the
//! vocabulary: what corpus queries (CQL) and statistics count.
//!
//! The bundle does not store the segmentation: the segmenter reproduces it
//! exactly from the vocabulary ([`crate::segment`]), and through the
//! vocabulary's trie ([`Lexicon`]) it does so fast enough to derive every
//! token of a 25,000-document corpus when a first corpus query needs them,
//! rather than making every page download them.
//!
//! Tokens are those of each document's `text` (not a title stored apart),
//! whitespace left out, in document order: token `i` is word `words[i]`
//! starting at byte `starts[i]` of the bundle text. A sentence ends after a
//! token `。` `！` `？` `；` `!` `?` `;`, at a line end, and at the end of
//! its document.

use super::Corpus;
use crate::error::Error;
use crate::segment::{Lexicon, Segmenter};

/// The tag of punctuation and symbol tokens (set by the build).
pub const PUNCTUATION_TAG: &str = "w";

/// The tokens of a corpus (see the module documentation).
#[derive(Debug, Clone)]
pub struct Tokens {
    /// The word (vocabulary id) of each token.
    pub words: Vec<u32>,
    /// Each token's byte offset in the bundle text.
    pub starts: Vec<u32>,
    /// Document `d`'s tokens are `doc_starts[d]..doc_starts[d + 1]`.
    pub doc_starts: Vec<u32>,
    /// Bit `i`: token `i` ends a sentence.
    sentence_ends: Vec<u64>,
    /// Each word's length in bytes.
    word_len: Vec<u32>,
    /// Each word's tag id.
    pub word_tag: Vec<u16>,
    /// Whether each word is punctuation (tagged `w`).
    pub punctuation: Vec<bool>,
}

impl Tokens {
    /// Segment every document of `corpus`.
    pub fn build(corpus: &Corpus<'_>) -> Result<Tokens, Error> {
        let vocabulary = corpus.bundle().vocabulary;
        let n_words = vocabulary.words.len();
        let lexicon = Lexicon::new(&vocabulary);
        let segmenter = Segmenter::with_lexicon(vocabulary, &lexicon);
        let estimate = corpus.bundle().stats.tokens as usize;
        let mut tokens = Tokens {
            words: Vec::with_capacity(estimate),
            starts: Vec::with_capacity(estimate),
            doc_starts: Vec::with_capacity(corpus.len() + 1),
            sentence_ends: Vec::with_capacity(estimate / 64 + 1),
            word_len: Vec::with_capacity(n_words),
            word_tag: Vec::with_capacity(n_words),
            punctuation: Vec::with_capacity(n_words),
        };
        let punctuation_tag = (0..vocabulary.pos.len())
            .find(|&t| vocabulary.pos.get(t).is_ok_and(|s| s == PUNCTUATION_TAG))
            .map(|t| t as u32);
        for group in vocabulary.words.groups() {
            for (_, bytes) in group.words() {
                tokens.word_len.push(bytes.len() as u32);
            }
        }
        for tag in vocabulary.tags.iter() {
            tokens.word_tag.push(tag.min(u32::from(u16::MAX)) as u16);
            tokens.punctuation.push(Some(tag) == punctuation_tag);
        }
        // The words that end a sentence.
        let enders: Vec<usize> =
            ["。", "！", "？", "；", "!", "?", ";"].iter().filter_map(|s| segmenter.lookup(s)).collect();
        let mut ends: Vec<bool> = Vec::with_capacity(estimate);
        let mut corrupt = false;
        for d in 0..corpus.len() {
            tokens.doc_starts.push(tokens.words.len() as u32);
            let (offset, _) = corpus.text_range(d);
            let text = corpus.text(d)?;
            segmenter.segment_into(text, &mut |start, end, word| {
                // Whitespace is never a vocabulary word (the build does not count it).
                let Some(w) = word.filter(|&w| w < n_words) else {
                    let piece = text.get(start..end).unwrap_or_default();
                    if !piece.chars().all(char::is_whitespace) {
                        corrupt = true;
                    } else if piece.contains(['\n', '\r']) {
                        if let Some(last) = ends.last_mut() {
                            *last = true;
                        }
                    }
                    return;
                };
                tokens.words.push(w as u32);
                tokens.starts.push((offset + start) as u32);
                ends.push(enders.contains(&w));
            });
            if corrupt {
                return Err(super::corrupt("a token of the text is not in the vocabulary"));
            }
            if tokens.words.len() > tokens.doc_starts[d] as usize {
                if let Some(last) = ends.last_mut() {
                    *last = true;
                }
            }
        }
        tokens.doc_starts.push(tokens.words.len() as u32);
        tokens.sentence_ends = vec![0; ends.len().div_ceil(64)];
        for (i, _) in ends.iter().enumerate().filter(|(_, &e)| e) {
            tokens.sentence_ends[i / 64] |= 1 << (i % 64);
        }
        Ok(tokens)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Document `d`'s tokens.
    #[inline]
    pub fn doc(&self, d: usize) -> core::ops::Range<usize> {
        self.doc_starts[d] as usize..self.doc_starts[d + 1] as usize
    }

    /// The document holding token `i`.
    pub fn doc_of(&self, i: usize) -> usize {
        self.doc_starts.partition_point(|&s| s as usize <= i).saturating_sub(1)
    }

    /// Whether token `i` ends a sentence.
    #[inline]
    pub fn ends_sentence(&self, i: usize) -> bool {
        self.sentence_ends.get(i / 64).is_some_and(|b| (b >> (i % 64)) & 1 == 1)
    }

    /// The byte offset (in the bundle text) just past token `i`.
    #[inline]
    pub fn end(&self, i: usize) -> usize {
        self.starts[i] as usize + self.word_len[self.words[i] as usize] as usize
    }

    /// Whether token `i` is punctuation.
    #[inline]
    pub fn is_punctuation(&self, i: usize) -> bool {
        self.punctuation[self.words[i] as usize]
    }

    /// The sentence holding token `i`, as a token range.
    pub fn sentence(&self, i: usize) -> core::ops::Range<usize> {
        let doc = self.doc(self.doc_of(i));
        let mut a = i;
        while a > doc.start && !self.ends_sentence(a - 1) {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < doc.end && !self.ends_sentence(b) {
            b += 1;
        }
        a..b + 1
    }

    /// The tokens of document `d` cut into sentences.
    pub fn sentences(&self, d: usize) -> impl Iterator<Item = core::ops::Range<usize>> + '_ {
        let range = self.doc(d);
        let mut at = range.start;
        core::iter::from_fn(move || {
            if at >= range.end {
                return None;
            }
            let start = at;
            while at < range.end {
                at += 1;
                if self.ends_sentence(at - 1) {
                    break;
                }
            }
            Some(start..at)
        })
    }

    /// The first token of document `d` whose end is past byte `byte`
    /// (the token holding it, or the next one after whitespace).
    pub fn token_at(&self, d: usize, byte: usize) -> usize {
        let range = self.doc(d);
        let slice = &self.starts[range.clone()];
        let k = slice.partition_point(|&s| s as usize <= byte);
        // Token k - 1 starts at or before `byte`: it holds it if it ends after.
        if k > 0 && self.end(range.start + k - 1) > byte {
            range.start + k - 1
        } else {
            range.start + k
        }
    }
}

/// A corpus's tokens, derived on first use and kept (see
/// [`Corpus::with_tokens`]).
#[derive(Debug, Default)]
pub struct TokenCache(core::cell::OnceCell<Tokens>);

impl TokenCache {
    /// An empty cache.
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// The tokens of `corpus`, derived now if not yet.
    pub fn get(&self, corpus: &Corpus<'_>) -> Result<&Tokens, Error> {
        if let Some(t) = self.0.get() {
            return Ok(t);
        }
        let tokens = Tokens::build(corpus)?;
        Ok(self.0.get_or_init(|| tokens))
    }
}

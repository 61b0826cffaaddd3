//! Segmentation with the corpus vocabulary, identical at build time and run time.
//!
//! jieba (with its 5 MB dictionary and HMM) runs only in the build
//! ([`tagger`]): it reads the corpus once and yields the corpus vocabulary,
//! each word with its frequency and part of speech. The [`Segmenter`] here
//! then cuts text with nothing but that vocabulary, using jieba's own
//! algorithm without the HMM:
//!
//! 1. Split the text into blocks of CJK characters, ASCII letters and digits
//!    and `+#&._%-` (jieba's `RE_HAN_DEFAULT`); every other character is a
//!    token by itself.
//! 2. In a block, find at each character every vocabulary word starting
//!    there (a DAG of candidate words).
//! 3. Pick the path maximising the sum of `ln(weight / total_weight)`, a
//!    character outside the vocabulary counting as weight 1; ties go to the
//!    longer first word, as in jieba.
//! 4. Join consecutive single ASCII letters and digits into one token.
//!
//! The build segments every document with this same code and this same
//! vocabulary, and its tokens are the ones counted in the bundle. So
//! `segment()` in the browser reproduces the build's segmentation of any
//! corpus text exactly (a test checks every seed document), and a query is
//! cut the way the corpus was.
//!
//! Example: `拉萨市基层党建工作扫描` → `拉萨市|基层|党建|工作|扫描`.

pub mod lexicon;
#[cfg(not(target_arch = "wasm32"))]
pub mod tagger;

use crate::bundle::words::Group;
use crate::bundle::Vocabulary;
pub use lexicon::Lexicon;

/// One token of segmented text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    /// The token's text.
    pub text: &'t str,
    /// Byte offset of the token in the segmented text.
    pub byte_start: usize,
    /// The token's index in the vocabulary, if it is a vocabulary word.
    pub word: Option<usize>,
}

/// A segmenter over a corpus vocabulary.
#[derive(Debug, Clone)]
pub struct Segmenter<'v> {
    vocabulary: Vocabulary<'v>,
    /// The vocabulary's word groups, by byte length (a few dozen).
    groups: Vec<Group<'v>>,
    log_total: f64,
    /// The vocabulary's trie, for long texts (see [`Segmenter::with_lexicon`]);
    /// not in the search-only wasm module, which segments only queries.
    #[cfg(any(feature = "stats", not(target_arch = "wasm32")))]
    lexicon: Option<&'v Lexicon>,
}

/// Buffers reused from block to block.
#[derive(Debug, Default)]
struct Scratch {
    route: Vec<Step>,
    edges: Vec<(usize, usize)>,
    ids: Vec<u32>,
}

/// A position in the best path: where the word starting here ends, and the
/// best log probability from here to the end of the block.
#[derive(Debug, Clone, Copy)]
struct Step {
    prob: f64,
    end: u32,
    /// The word, or [`NO_WORD`].
    word: u32,
}

/// No vocabulary word (a [`Step`] over a character outside it, a character
/// outside the trie).
const NO_WORD: u32 = u32::MAX;

impl<'v> Segmenter<'v> {
    /// A segmenter using `vocabulary`.
    pub fn new(vocabulary: Vocabulary<'v>) -> Self {
        let total = vocabulary.total_weight.max(1) as f64;
        Segmenter {
            vocabulary,
            groups: vocabulary.words.groups().collect(),
            log_total: total.ln(),
            #[cfg(any(feature = "stats", not(target_arch = "wasm32")))]
            lexicon: None,
        }
    }

    /// A segmenter using `vocabulary` through its trie `lexicon` (built
    /// from the same vocabulary): the same tokens, many times faster on long
    /// texts, once the trie is built.
    #[cfg(any(feature = "stats", not(target_arch = "wasm32")))]
    pub fn with_lexicon(vocabulary: Vocabulary<'v>, lexicon: &'v Lexicon) -> Self {
        Segmenter { lexicon: Some(lexicon), ..Segmenter::new(vocabulary) }
    }

    /// The trie, if this segmenter has one.
    #[inline(always)]
    fn lexicon(&self) -> Option<&'v Lexicon> {
        #[cfg(any(feature = "stats", not(target_arch = "wasm32")))]
        return self.lexicon;
        #[cfg(not(any(feature = "stats", not(target_arch = "wasm32"))))]
        return None;
    }

    /// The vocabulary index of `word`, if present.
    pub fn lookup(&self, word: &str) -> Option<usize> {
        match self.lexicon() {
            Some(lex) => lex.lookup(word),
            None => self.vocabulary.words.find(word.as_bytes()),
        }
    }

    /// The part-of-speech tag of `token`: from the vocabulary for corpus
    /// words, else guessed the way jieba guesses for unknown words (`m` for
    /// numbers, `eng` for other ASCII words, `x` otherwise).
    pub fn pos(&self, token: &Token<'_>) -> &'v str {
        if let Some(w) = token.word {
            let tag = self.vocabulary.tags.at(w) as usize;
            if let Ok(tag) = self.vocabulary.pos.get(tag) {
                return tag;
            }
        }
        guess_pos(token.text)
    }

    /// How often vocabulary word `w` occurs in the corpus segmentation.
    pub fn count(&self, w: usize) -> u32 {
        self.vocabulary.counts.at(w)
    }

    /// Segment `text`, appending its tokens to `out` in order. Every byte
    /// of `text` is in exactly one token.
    pub fn segment<'t>(&self, text: &'t str, out: &mut Vec<Token<'t>>) {
        self.segment_into(text, &mut |byte_start, end, word| {
            out.push(Token { text: text.get(byte_start..end).unwrap_or_default(), byte_start, word })
        });
    }

    /// Segment `text`, calling `emit(byte start, byte end, word)` for each
    /// token in order (as [`Segmenter::segment`], without building tokens:
    /// how the corpus's tokens are derived).
    pub fn segment_into<F: FnMut(usize, usize, Option<usize>)>(&self, text: &str, emit: &mut F) {
        let mut chars: Vec<(usize, char)> = Vec::new();
        let mut scratch = Scratch::default();
        let mut rest = text.char_indices().peekable();
        while let Some(&(start, c)) = rest.peek() {
            if is_block_char(c) {
                chars.clear();
                while let Some(&(i, c)) = rest.peek() {
                    if !is_block_char(c) {
                        break;
                    }
                    chars.push((i, c));
                    rest.next();
                }
                let end = rest.peek().map_or(text.len(), |&(i, _)| i);
                self.segment_block(text, &chars, end, &mut scratch, emit);
            } else {
                rest.next();
                let mut end = start + c.len_utf8();
                if c == '\r' && text.as_bytes().get(end) == Some(&b'\n') {
                    rest.next();
                    end += 1;
                }
                let piece = text.get(start..end).unwrap_or_default();
                emit(start, end, self.lookup(piece));
            }
        }
    }

    /// Segment one block (`chars`, ending at byte `end` of `text`).
    fn segment_block<F: FnMut(usize, usize, Option<usize>)>(
        &self,
        text: &str,
        chars: &[(usize, char)],
        end: usize,
        scratch: &mut Scratch,
        emit: &mut F,
    ) {
        let n = chars.len();
        let byte_at = |i: usize| chars.get(i).map_or(end, |&(b, _)| b);
        let Scratch { route, edges, ids } = scratch;
        route.clear();
        route.resize(n + 1, Step { prob: 0.0, end: n as u32, word: NO_WORD });
        match self.lexicon() {
            Some(lex) => {
                ids.clear();
                ids.extend(chars.iter().map(|&(_, c)| lex.char_id(c).unwrap_or(NO_WORD)));
                self.best_path_lexicon(lex, ids, route);
            }
            None => {
                for i in (0..n).rev() {
                    edges.clear();
                    self.words_at(text, chars, i, end, edges);
                    let mut best: Option<Step> = None;
                    for &(e, w) in edges.iter() {
                        let log_weight = (self.vocabulary.weight(w).max(1) as f64).ln();
                        let prob = log_weight - self.log_total + route[e].prob;
                        let better = match best {
                            None => true,
                            Some(b) => prob > b.prob || (prob == b.prob && e as u32 > b.end),
                        };
                        if better {
                            best = Some(Step { prob, end: e as u32, word: w as u32 });
                        }
                    }
                    route[i] = best.unwrap_or(Step {
                        prob: -self.log_total + route[i + 1].prob,
                        end: i as u32 + 1,
                        word: NO_WORD,
                    });
                }
            }
        }
        // Walk the path, joining runs of single ASCII letters and digits.
        let mut i = 0;
        let mut ascii_run: Option<usize> = None;
        while i < n {
            let step = route[i];
            let step_end = step.end as usize;
            if step_end == i + 1 && chars[i].1.is_ascii_alphanumeric() {
                ascii_run.get_or_insert(i);
            } else {
                if let Some(s) = ascii_run.take() {
                    self.push(text, byte_at(s), byte_at(i), emit);
                }
                let (a, b) = (byte_at(i), byte_at(step_end));
                let piece = text.get(a..b).unwrap_or_default();
                let word = if step.word == NO_WORD { self.lookup(piece) } else { Some(step.word as usize) };
                emit(a, b, word);
            }
            i = step_end;
        }
        if let Some(s) = ascii_run {
            self.push(text, byte_at(s), end, emit);
        }
    }

    /// The best path of a block through the trie: for each position, from
    /// the last, the words starting there found in one walk down the trie,
    /// scored as they are found (the same arithmetic, in the same order, as
    /// the table path: the same path).
    fn best_path_lexicon(&self, lex: &Lexicon, ids: &[u32], route: &mut [Step]) {
        let n = ids.len();
        for i in (0..n).rev() {
            let mut best = Step { prob: 0.0, end: 0, word: NO_WORD };
            let mut node = None;
            for (j, &id) in ids.iter().enumerate().skip(i) {
                if id == NO_WORD {
                    break;
                }
                let Some((next, word)) = lex.child(node, id) else { break };
                node = Some(next);
                let Some(w) = word.filter(|&w| lex.is_edge(w)) else { continue };
                let e = j + 1;
                let prob = lex.log_weight(w) - self.log_total + route[e].prob;
                if best.word == NO_WORD || prob > best.prob || (prob == best.prob && e as u32 > best.end) {
                    best = Step { prob, end: e as u32, word: w as u32 };
                }
            }
            route[i] = if best.word == NO_WORD {
                Step { prob: -self.log_total + route[i + 1].prob, end: i as u32 + 1, word: NO_WORD }
            } else {
                best
            };
        }
    }

    fn push<F: FnMut(usize, usize, Option<usize>)>(&self, text: &str, a: usize, b: usize, emit: &mut F) {
        let piece = text.get(a..b).unwrap_or_default();
        emit(a, b, self.lookup(piece));
    }

    /// Every vocabulary word with a positive weight that starts at character
    /// `i` of the block, as `(end character index, word index)`, shortest
    /// first: each longer prefix of the block is looked up in the group of
    /// words of its byte length, until no group is that long.
    fn words_at(
        &self,
        text: &str,
        chars: &[(usize, char)],
        i: usize,
        end: usize,
        edges: &mut Vec<(usize, usize)>,
    ) {
        let start = chars[i].0;
        let mut groups = self.groups.iter().peekable();
        for j in i..chars.len() {
            let stop = chars.get(j + 1).map_or(end, |&(b, _)| b);
            let len = stop - start;
            while groups.next_if(|g| g.len < len).is_some() {}
            let Some(group) = groups.peek() else { break };
            if group.len != len {
                continue;
            }
            let prefix = text.as_bytes().get(start..stop).unwrap_or_default();
            if let Some(w) = group.find(prefix).filter(|&w| self.vocabulary.weight(w) > 0) {
                edges.push((j + 1, w));
            }
        }
    }
}

/// jieba's `RE_HAN_DEFAULT`: the characters segmented with the dictionary.
#[inline]
pub fn is_block_char(c: char) -> bool {
    // The common case first: the CJK Unified Ideographs block.
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || is_word_char(c)
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// CJK ideographs (every block jieba knows), ASCII letters and digits: the
/// characters that make a token a word rather than punctuation.
pub fn is_word_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | 'a'..='z' | 'A'..='Z' | '0'..='9')
}

/// jieba's guess for a word outside the dictionary, without its HMM.
pub fn guess_pos(word: &str) -> &'static str {
    let alnum = word.chars().filter(char::is_ascii_alphanumeric).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if alnum == 0 {
        "x"
    } else if alnum == digits {
        "m"
    } else {
        "eng"
    }
}

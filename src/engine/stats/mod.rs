//! Corpus linguistics over the corpus's tokens: concordances with sort keys
//! and samples, frequency lists, collocations, n-grams, dispersion,
//! keywords, and CSV for all of them (feature `stats`).
//!
//! Shared definitions (the README writes them out with the formulas):
//!
//! * Tokens are the build's segmentation of each document's text
//!   ([`super::tokens`]); whitespace is not a token. *N* is the number of
//!   tokens in the corpus, or in the subcorpus the filters select.
//! * Punctuation tokens (tagged `w`: every character of Unicode category P*
//!   or S*) count in *N* but are left out of frequency lists, collocates and
//!   n-grams unless the caller asks for them (`punctuation: true`).
//! * A query is CQL ([`super::cql`]) or, if it does not look like CQL, a
//!   term of the search syntax (one word or phrase, matched as characters
//!   whatever the segmentation). A match covers one or more tokens: a CQL
//!   match its tokens, a character match every token it overlaps.

pub mod collocates;
pub mod concordance;
pub mod csv;
pub mod dispersion;
pub mod frequencies;
pub mod keywords;
pub mod measures;
pub mod ngrams;
pub mod search;

use super::cql::{self, compile::Program, run::Runner, Within};
use super::filters::Selection;
use super::options::Filters;
use super::pattern::Pattern;
use super::tokens::Tokens;
use super::Corpus;
use crate::error::{Error, ErrorKind};

/// What a query looks for.
#[derive(Debug)]
pub enum Node {
    /// A term of the search syntax, matched as characters.
    Chars(Pattern),
    /// A CQL pattern, matched over tokens.
    Cql(Box<Program>),
}

/// One match of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Its document.
    pub doc: u32,
    /// Its first token.
    pub start: u32,
    /// The token after its last.
    pub end: u32,
    /// Its text, as a byte range of the bundle text.
    pub bytes: (u32, u32),
}

impl Node {
    /// Read `query`: CQL if it looks like CQL ([`cql::looks_like_cql`]),
    /// else one term of the search syntax (surrounding quotes optional).
    pub fn parse(corpus: &Corpus<'_>, query: &str) -> Result<Node, Error> {
        if cql::looks_like_cql(query) {
            let q = cql::parse(query)?;
            return Ok(Node::Cql(Box::new(cql::compile::compile(&q, &corpus.bundle().vocabulary)?)));
        }
        let term = super::concordance::term_of(query)?;
        corpus.pattern(term).map(Node::Chars).ok_or_else(|| {
            Error::new(ErrorKind::InvalidQuery, "query is empty: give a word, a phrase or a CQL pattern")
        })
    }

    /// Where its matches must stay.
    pub fn within(&self) -> Within {
        match self {
            Node::Chars(_) => Within::Text,
            Node::Cql(p) => p.within,
        }
    }

    /// Every match in the documents `docs` (ascending), in corpus order.
    pub fn matches(&self, corpus: &Corpus<'_>, tokens: &Tokens, docs: &[u32]) -> Vec<Match> {
        let mut out = Vec::new();
        match self {
            Node::Chars(pattern) => {
                let all = docs.len() == corpus.len();
                let scope = (!all).then_some(docs);
                for o in corpus.occurrences_within(pattern, scope, false) {
                    let d = o.doc as usize;
                    let first = tokens.token_at(d, o.start as usize);
                    let last = tokens.token_at(d, (o.end as usize).saturating_sub(1));
                    if first >= tokens.doc(d).end {
                        continue;
                    }
                    out.push(Match {
                        doc: o.doc,
                        start: first as u32,
                        end: (last.max(first) + 1).min(tokens.doc(d).end) as u32,
                        bytes: (o.start, o.end),
                    });
                }
            }
            Node::Cql(program) => {
                let mut runner = Runner::new(program);
                let mut found = Vec::new();
                for &d in docs {
                    found.clear();
                    match program.within {
                        Within::Text => {
                            let r = tokens.doc(d as usize);
                            runner.find(&tokens.words, r.start, r.end, &mut found);
                        }
                        Within::Sentence => {
                            for s in tokens.sentences(d as usize) {
                                runner.find(&tokens.words, s.start, s.end, &mut found);
                            }
                        }
                    }
                    for &(s, e) in &found {
                        let bytes = (tokens.starts[s as usize], tokens.end(e as usize - 1) as u32);
                        out.push(Match { doc: d, start: s, end: e, bytes });
                    }
                }
            }
        }
        out
    }
}

/// The documents a filters object selects, and their tokens.
#[derive(Debug, Clone)]
pub struct Subcorpus {
    /// Document ids, ascending.
    pub docs: Vec<u32>,
    /// *N*: the tokens of those documents.
    pub tokens: u64,
}

impl Subcorpus {
    /// The documents passing `filters` (all of them for `{}`).
    pub fn new(corpus: &Corpus<'_>, tokens: &Tokens, filters: &Filters) -> Result<Subcorpus, Error> {
        let selection = Selection::new(corpus, filters)?;
        Ok(Subcorpus::of(tokens, (0..corpus.len()).filter(|&d| selection.passes(corpus, d))))
    }

    /// The documents `docs` (ascending).
    pub fn of(tokens: &Tokens, docs: impl Iterator<Item = usize>) -> Subcorpus {
        let mut out = Subcorpus { docs: Vec::new(), tokens: 0 };
        for d in docs {
            out.docs.push(d as u32);
            out.tokens += tokens.doc(d).len() as u64;
        }
        out
    }

    /// Whether document `d` is in it.
    pub fn contains(&self, d: u32) -> bool {
        self.docs.binary_search(&d).is_ok()
    }
}

/// Word `w` of the vocabulary, or an error for a corrupt bundle.
pub fn word<'a>(corpus: &Corpus<'a>, w: u32) -> Result<&'a str, Error> {
    corpus.bundle().vocabulary.words.get(w as usize).map_err(|e| super::corrupt(&e))
}

/// The tag of word `w`.
pub fn tag<'a>(corpus: &Corpus<'a>, tokens: &Tokens, w: u32) -> Result<&'a str, Error> {
    let t = tokens.word_tag.get(w as usize).copied().unwrap_or(u16::MAX);
    corpus.bundle().vocabulary.pos.get(usize::from(t)).map_err(|e| super::corrupt(&e))
}

/// `count / n × 10⁶`.
pub fn per_million(count: u64, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        count as f64 / n as f64 * 1e6
    }
}

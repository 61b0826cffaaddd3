//! From a parsed query to a program over tokens.
//!
//! Every predicate is evaluated once over the vocabulary, not over the
//! text: `[word=".*化"]` runs its regular expression on each distinct word
//! (about 108,000 in `stories.jsonl`), `[pos="n.*"]` on each tag, and the
//! result is a [`WordSet`], so that testing a token is one bit lookup.
//! Values without regular-expression syntax (or flagged `%l`) are looked up
//! directly. Regular expressions are regex-lite's (the `regex` crate's
//! syntax without Unicode classes), matched against the whole value.
//!
//! The pattern becomes a Thompson program ([`Program`]) run by
//! [`super::run`]: `Token(set)` consumes a token whose word is in the set,
//! `Split` tries two ways, `Jmp` goes on elsewhere, `Match` ends a match.

use super::{Attr, Cql, Node, Pred, Value, Within};
use crate::bundle::Vocabulary;
use crate::error::{Error, ErrorKind};

/// Most instructions a program may have (`[]{100}` repeated makes many).
pub const MAX_INSTRUCTIONS: usize = 20_000;

/// A set of vocabulary words, one bit per word id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSet {
    bits: Vec<u64>,
}

impl WordSet {
    /// No word of a vocabulary of `n`.
    pub fn empty(n: usize) -> WordSet {
        WordSet { bits: vec![0; n.div_ceil(64)] }
    }

    /// Every word of a vocabulary of `n`.
    pub fn full(n: usize) -> WordSet {
        let mut s = WordSet { bits: vec![u64::MAX; n.div_ceil(64)] };
        s.trim(n);
        s
    }

    /// Clear the bits past word `n - 1`.
    fn trim(&mut self, n: usize) {
        if n % 64 != 0 {
            if let Some(last) = self.bits.last_mut() {
                *last &= (1u64 << (n % 64)) - 1;
            }
        }
    }

    /// Add word `w`.
    pub fn insert(&mut self, w: usize) {
        if let Some(b) = self.bits.get_mut(w / 64) {
            *b |= 1 << (w % 64);
        }
    }

    /// Whether word `w` is in the set.
    #[inline(always)]
    pub fn contains(&self, w: u32) -> bool {
        self.bits.get((w / 64) as usize).is_some_and(|b| (b >> (w % 64)) & 1 == 1)
    }

    fn and(&mut self, other: &WordSet) {
        self.bits.iter_mut().zip(&other.bits).for_each(|(a, b)| *a &= b);
    }

    fn or(&mut self, other: &WordSet) {
        self.bits.iter_mut().zip(&other.bits).for_each(|(a, b)| *a |= b);
    }

    fn not(&mut self, n: usize) {
        self.bits.iter_mut().for_each(|a| *a = !*a);
        self.trim(n);
    }

    /// Whether the set has no word.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&b| b == 0)
    }
}

/// One instruction of a [`Program`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inst {
    /// Consume a token whose word is in set `.0`.
    Token(usize),
    /// Go on at both instructions.
    Split(usize, usize),
    /// Go on at the instruction.
    Jmp(usize),
    /// A match ends here.
    Match,
}

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Program {
    /// The instructions; execution starts at 0.
    pub insts: Vec<Inst>,
    /// The word sets the `Token` instructions test.
    pub sets: Vec<WordSet>,
    /// The words a match can start with.
    pub first: WordSet,
    /// Where matches must stay.
    pub within: Within,
}

/// Compile `query` for the corpus whose vocabulary is `vocabulary`.
pub fn compile(query: &Cql, vocabulary: &Vocabulary<'_>) -> Result<Program, Error> {
    let mut c = Compiler { vocabulary, n: vocabulary.words.len(), insts: Vec::new(), sets: Vec::new() };
    c.node(&query.node)?;
    c.push(Inst::Match)?;
    let mut first = WordSet::empty(c.n);
    for pc in closure(&c.insts, 0) {
        if let Inst::Token(s) = c.insts[pc] {
            first.or(&c.sets[s]);
        }
    }
    Ok(Program { insts: c.insts, sets: c.sets, first, within: query.within })
}

/// The `Token` and `Match` instructions reachable from `pc` without
/// consuming a token.
pub fn closure(insts: &[Inst], pc: usize) -> Vec<usize> {
    let mut seen = vec![false; insts.len()];
    let mut stack = vec![pc];
    let mut out = Vec::new();
    while let Some(pc) = stack.pop() {
        if pc >= insts.len() || std::mem::replace(&mut seen[pc], true) {
            continue;
        }
        match insts[pc] {
            Inst::Jmp(a) => stack.push(a),
            Inst::Split(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            Inst::Token(_) | Inst::Match => out.push(pc),
        }
    }
    out
}

struct Compiler<'v, 'a> {
    vocabulary: &'v Vocabulary<'a>,
    n: usize,
    insts: Vec<Inst>,
    sets: Vec<WordSet>,
}

impl Compiler<'_, '_> {
    fn push(&mut self, inst: Inst) -> Result<usize, Error> {
        if self.insts.len() >= MAX_INSTRUCTIONS {
            return Err(Error::new(
                ErrorKind::InvalidQuery,
                format!("the pattern is too large ({MAX_INSTRUCTIONS} steps at most): use fewer or smaller repetitions"),
            ));
        }
        self.insts.push(inst);
        Ok(self.insts.len() - 1)
    }

    fn node(&mut self, node: &Node) -> Result<(), Error> {
        match node {
            Node::Token(pred) => {
                let set = self.pred(pred)?;
                self.sets.push(set);
                let s = self.sets.len() - 1;
                self.push(Inst::Token(s))?;
            }
            Node::Seq(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alt(items) => {
                // Split(a1, next); a1; Jmp(end); next: Split(a2, ...) ...; an
                let mut jumps = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if i + 1 < items.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.node(item)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(item)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat(inner, min, max) => {
                for _ in 0..*min {
                    self.node(inner)?;
                }
                match max {
                    None => {
                        // loop: Split(body, end); body; Jmp(loop)
                        let split = self.push(Inst::Split(0, 0))?;
                        self.node(inner)?;
                        self.push(Inst::Jmp(split))?;
                        let end = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, end);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.node(inner)?;
                        }
                        let end = self.insts.len();
                        for s in splits {
                            self.insts[s] = Inst::Split(s + 1, end);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The words satisfying `pred`.
    fn pred(&self, pred: &Pred) -> Result<WordSet, Error> {
        Ok(match pred {
            Pred::Any => WordSet::full(self.n),
            Pred::Cmp { attr, negated, value } => {
                let mut set = match attr {
                    Attr::Word => self.words_matching(value)?,
                    Attr::Pos => self.tagged(value)?,
                };
                if *negated {
                    set.not(self.n);
                }
                set
            }
            Pred::And(items) => {
                let mut set = WordSet::full(self.n);
                for item in items {
                    set.and(&self.pred(item)?);
                }
                set
            }
            Pred::Or(items) => {
                let mut set = WordSet::empty(self.n);
                for item in items {
                    set.or(&self.pred(item)?);
                }
                set
            }
            Pred::Not(inner) => {
                let mut set = self.pred(inner)?;
                set.not(self.n);
                set
            }
        })
    }

    /// The words whose text matches `value`.
    fn words_matching(&self, value: &Value) -> Result<WordSet, Error> {
        let mut set = WordSet::empty(self.n);
        let words = &self.vocabulary.words;
        if !value.ignore_case && (value.literal || !has_syntax(&value.text)) {
            let text = if value.literal { value.text.clone() } else { unescape(&value.text) };
            if let Some(w) = words.find(text.as_bytes()) {
                set.insert(w);
            }
            return Ok(set);
        }
        let matcher = Matcher::new(value)?;
        for group in words.groups() {
            for (w, bytes) in group.words() {
                if core::str::from_utf8(bytes).is_ok_and(|s| matcher.matches(s)) {
                    set.insert(w);
                }
            }
        }
        Ok(set)
    }

    /// The words whose tag matches `value`.
    fn tagged(&self, value: &Value) -> Result<WordSet, Error> {
        let matcher = Matcher::new(value)?;
        let pos = &self.vocabulary.pos;
        let tags: Vec<bool> = (0..pos.len()).map(|t| pos.get(t).is_ok_and(|s| matcher.matches(s))).collect();
        let mut set = WordSet::empty(self.n);
        for (w, t) in self.vocabulary.tags.iter().enumerate() {
            if tags.get(t as usize).copied().unwrap_or(false) {
                set.insert(w);
            }
        }
        Ok(set)
    }
}

/// A value as a test on strings: a regular expression matching the whole
/// string, or a literal comparison.
pub struct Matcher {
    regex: Option<regex_lite::Regex>,
    literal: String,
    ignore_case: bool,
}

impl Matcher {
    /// The test for `value`; an invalid regular expression is an error at
    /// the value's position.
    pub fn new(value: &Value) -> Result<Matcher, Error> {
        if value.literal || !has_syntax(&value.text) {
            let literal = if value.literal { value.text.clone() } else { unescape(&value.text) };
            let literal = if value.ignore_case { literal.to_lowercase() } else { literal };
            return Ok(Matcher { regex: None, literal, ignore_case: value.ignore_case });
        }
        let flags = if value.ignore_case { "(?i)" } else { "" };
        let regex = regex_lite::Regex::new(&format!("{flags}^(?:{})$", value.text)).map_err(|e| {
            Error::new(
                ErrorKind::InvalidQuery,
                format!("the value at {} is not a valid regular expression: {e}", value.at),
            )
            .at(value.at_utf16)
        })?;
        Ok(Matcher { regex: Some(regex), literal: String::new(), ignore_case: value.ignore_case })
    }

    /// Whether `s` matches.
    pub fn matches(&self, s: &str) -> bool {
        match &self.regex {
            Some(r) => r.is_match(s),
            None if self.ignore_case => s.to_lowercase() == self.literal,
            None => s == self.literal,
        }
    }
}

/// Whether `text` uses regular-expression syntax (beyond escaped characters).
fn has_syntax(text: &str) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            // `\.` is a literal dot; `\d` and the like are classes.
            if c.is_ascii_alphanumeric() {
                return true;
            }
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '^' | '$' => return true,
            _ => {}
        }
    }
    false
}

/// `text` without the backslashes that escape characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut escaped = false;
    for c in text.chars() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        escaped = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_values_need_no_regex() {
        assert!(!has_syntax("党建"));
        assert!(!has_syntax("a\\.b"));
        assert_eq!(unescape("a\\.b"), "a.b");
        assert!(has_syntax("n.*"));
        assert!(has_syntax("发展|建设"));
        assert!(has_syntax("\\d+"));
    }

    #[test]
    fn matchers_match_whole_values() {
        let v = |text: &str, ignore_case, literal| Value {
            text: text.into(),
            ignore_case,
            literal,
            at: 0,
            at_utf16: 0,
        };
        let m = Matcher::new(&v("n.*", false, false)).unwrap();
        assert!(m.matches("n") && m.matches("nr") && !m.matches("vn"));
        let m = Matcher::new(&v("发展|建设", false, false)).unwrap();
        assert!(m.matches("发展") && m.matches("建设") && !m.matches("发展中"));
        let m = Matcher::new(&v("gdp", true, false)).unwrap();
        assert!(m.matches("GDP") && m.matches("gdp") && !m.matches("gdps"));
        let m = Matcher::new(&v("a.b", false, true)).unwrap();
        assert!(m.matches("a.b") && !m.matches("axb"));
        let err =
            Matcher::new(&Value { text: "(".into(), ignore_case: false, literal: false, at: 6, at_utf16: 6 });
        assert!(err.err().unwrap().message().contains("the value at 6 is not a valid regular expression"));
    }

    #[test]
    fn word_sets() {
        let mut s = WordSet::empty(130);
        s.insert(0);
        s.insert(129);
        assert!(s.contains(0) && s.contains(129) && !s.contains(1) && !s.contains(500));
        let mut f = WordSet::full(130);
        assert!(f.contains(129) && !f.contains(130));
        f.not(130);
        assert!(f.is_empty());
    }
}

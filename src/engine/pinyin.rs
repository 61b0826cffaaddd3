//! Pinyin: reading what a user typed in Latin letters as the corpus words it
//! can spell, and completing a prefix (`suggest`).
//!
//! The bundle carries the toneless readings of each Han character of the
//! corpus ([`crate::bundle::Bundle::readings`], from the `pinyin` crate's
//! pinyin-data at build time; `ü` written `v`), every reading of a
//! heteronym (`重`: zhong, chong, tong). A word is *spelled* by a query when
//! the query, letters and Han characters, divides into one piece per
//! character of the word, in order, each piece being
//!
//! * one of the character's readings in full (`dang` for 党),
//! * its initial (`d`; `zh`, `ch`, `sh` or just `z`, `c`, `s` for those),
//! * the character itself or another of its class
//!   ([`crate::bundle::han`]): `党jian`, `黨jian`;
//!
//! and no piece crosses a space or an apostrophe typed in the query
//! (`xi'an` is 西安, not 先). So `dangjian`, `dang jian`, `djgz` (党建工作)
//! and `党jian` all spell 党建. Readings are per character, not per word:
//! `zhongqing` spells 重庆 as well as `chongqing` does.
//!
//! Words are looked for in the corpus vocabulary (the words of the build's
//! segmentation), all of whose characters are Han characters, most frequent
//! first. Nothing here ships a dictionary: only the corpus's characters'
//! readings are in the bundle.

use super::Corpus;
use crate::bundle::han::HanClasses;

/// Longest pinyin query read, in characters.
pub const MAX_PINYIN_CHARS: usize = 64;
/// Longest word considered, in characters.
const MAX_WORD_CHARS: usize = 8;

/// Whether `term` can be pinyin: at least one ASCII letter, and nothing but
/// ASCII letters, `ü`, apostrophes, spaces and Han characters.
pub fn is_pinyin(term: &str) -> bool {
    term.chars().count() <= MAX_PINYIN_CHARS
        && term.chars().any(|c| c.is_ascii_alphabetic())
        && term
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, 'ü' | 'Ü' | '\'' | '’' | ' ') || is_han(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The readings of the corpus's characters, as stored
/// ([`crate::bundle::readings`]), ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct Readings<'a> {
    table: Vec<(char, &'a str)>,
}

impl<'a> Readings<'a> {
    /// Read the stored table (lines out of order or without a character are
    /// left out: the table was checked when the bundle was opened).
    pub fn new(stored: &'a str) -> Readings<'a> {
        let mut table: Vec<(char, &'a str)> = Vec::new();
        for line in stored.split('\n') {
            let mut chars = line.chars();
            if let Some(c) = chars.next() {
                if table.last().is_none_or(|&(p, _)| p < c) {
                    table.push((c, chars.as_str()));
                }
            }
        }
        Readings { table }
    }

    /// The readings of `c`, comma-separated; empty if it has none.
    fn of(&self, c: char) -> &'a str {
        self.table.binary_search_by(|&(k, _)| k.cmp(&c)).map_or("", |i| self.table[i].1)
    }
}

/// A query ready to be matched: its characters (letters lowercased, `ü` as
/// `v`, separators dropped) and where the separators were.
struct Typed {
    chars: Vec<char>,
    /// `breaks[j]`: a separator stood before `chars[j]`.
    breaks: Vec<bool>,
    /// For a Han character typed at `j`, the other characters of its class
    /// ([`HanClasses`]), which match it too.
    others: Vec<Vec<char>>,
}

impl Typed {
    fn new(text: &str) -> Typed {
        let (mut chars, mut breaks) = (Vec::new(), Vec::new());
        let mut pending = false;
        for c in text.chars() {
            match c {
                ' ' | '\'' | '’' => pending = !chars.is_empty(),
                'ü' | 'Ü' => {
                    chars.push('v');
                    breaks.push(pending);
                    pending = false;
                }
                _ => {
                    chars.push(c.to_ascii_lowercase());
                    breaks.push(pending);
                    pending = false;
                }
            }
        }
        breaks.push(false);
        let others = vec![Vec::new(); chars.len()];
        Typed { chars, breaks, others }
    }

    /// As [`Typed::new`], each Han character matching the others of its class.
    fn with_classes(text: &str, han: HanClasses<'_>) -> Typed {
        let mut q = Typed::new(text);
        for (j, &c) in q.chars.iter().enumerate() {
            if is_han(c) {
                let key = han.key(c);
                q.others[j] = han.members(key).filter(|&m| m != c).collect();
            }
        }
        q
    }

    /// Whether the word character `c` matches what was typed at `j` (a
    /// letter: whether one of `c`'s readings starts with it).
    fn admits(&self, j: usize, c: char, r: &Readings<'_>) -> bool {
        match self.chars.get(j) {
            Some(&t) if is_han(t) => t == c || self.others[j].contains(&c),
            Some(&t) => r.of(c).split(',').any(|reading| reading.starts_with(t)),
            None => false,
        }
    }

    /// Whether a piece `j..k` crosses a separator.
    fn crosses(&self, j: usize, k: usize) -> bool {
        self.breaks[j + 1..k].iter().any(|&b| b)
    }
}

/// Whether the characters `word` (their readings in `readings`) are spelled
/// by `q[j..]`; with `prefix`, `q` may end inside the word (a word `q` is the
/// beginning of).
fn spells(word: &[char], i: usize, q: &Typed, j: usize, r: &Readings<'_>, prefix: bool) -> bool {
    if j == q.chars.len() {
        return i == word.len() || (prefix && i > 0);
    }
    let Some(&c) = word.get(i) else { return false };
    let next = |k: usize| k > j && !q.crosses(j, k) && spells(word, i + 1, q, k, r, prefix);
    let typed = q.chars[j];
    if is_han(typed) {
        return q.admits(j, c, r) && next(j + 1);
    }
    let rest = &q.chars[j..];
    for reading in r.of(c).split(',').filter(|s| !s.is_empty()) {
        let len = reading.len();
        let starts =
            |n: usize| rest.len() >= n && reading.bytes().take(n).zip(rest).all(|(a, &b)| a as char == b);
        // In full, or the query ends inside it (a prefix being typed).
        if starts(len) && next(j + len) {
            return true;
        }
        if prefix && rest.len() < len && starts(rest.len()) {
            return true;
        }
        // The initial: zh, ch, sh (or z, c, s), else the first letter.
        let initial = if ["zh", "ch", "sh"].iter().any(|p| reading.starts_with(p)) { 2 } else { 1 };
        if (starts(initial) && next(j + initial)) || (initial == 2 && starts(1) && next(j + 1)) {
            return true;
        }
    }
    false
}

/// Every `k` such that `word[i..]` spells `q[j..k]` exactly (the word used
/// up, `k` at the end of a piece), into `out`.
#[allow(clippy::too_many_arguments)]
fn ends(word: &[char], i: usize, q: &Typed, j: usize, r: &Readings<'_>, out: &mut Vec<usize>) {
    if i == word.len() {
        if !out.contains(&j) {
            out.push(j);
        }
        return;
    }
    let (Some(&c), Some(&typed)) = (word.get(i), q.chars.get(j)) else { return };
    let go = |k: usize, out: &mut Vec<usize>| {
        if k > j && k <= q.chars.len() && !q.crosses(j, k) {
            ends(word, i + 1, q, k, r, out);
        }
    };
    if is_han(typed) {
        if q.admits(j, c, r) {
            go(j + 1, out);
        }
        return;
    }
    let rest = &q.chars[j..];
    for reading in r.of(c).split(',').filter(|s| !s.is_empty()) {
        let starts =
            |n: usize| rest.len() >= n && reading.bytes().take(n).zip(rest).all(|(a, &b)| a as char == b);
        let initial = if ["zh", "ch", "sh"].iter().any(|p| reading.starts_with(p)) { 2 } else { 1 };
        for n in [reading.len(), initial, 1] {
            if n <= reading.len() && starts(n) {
                go(j + n, out);
            }
        }
    }
}

/// The words of the vocabulary made of Han characters only (at most
/// [`MAX_WORD_CHARS`]) whose first character passes `first` (looked at
/// before anything else: most words fail there): (id, word, characters).
fn han_words<'a, 'v>(
    vocabulary: &'v crate::bundle::Vocabulary<'a>,
    first: impl Fn(char) -> bool + 'v,
) -> impl Iterator<Item = (usize, &'a str, Vec<char>)> + 'v {
    vocabulary.words.groups().take_while(|g| g.len <= MAX_WORD_CHARS * 4).flat_map(|g| g.words()).filter_map(
        move |(id, bytes)| {
            let word = core::str::from_utf8(bytes).ok()?;
            if !word.chars().next().is_some_and(&first) {
                return None;
            }
            let chars: Vec<char> = word.chars().collect();
            (chars.len() <= MAX_WORD_CHARS && chars.iter().all(|&c| is_han(c))).then_some((id, word, chars))
        },
    )
}

/// `found` (count, word id, word) most frequent first, ties in vocabulary
/// order, at most `limit`.
fn most_frequent(mut found: Vec<(u32, usize, &str)>, limit: usize) -> impl Iterator<Item = (u32, &str)> {
    found.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().take(limit).map(|(n, _, w)| (n, w))
}

/// A word of the vocabulary and how often the build segmentation has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelled<'a> {
    /// The word.
    pub word: &'a str,
    /// Its occurrences as a token in the corpus.
    pub count: u32,
}

/// The words of the vocabulary that `text` spells (begins, with `prefix`),
/// most frequent first (ties in vocabulary order), at most `limit`.
pub fn words<'a>(corpus: &Corpus<'a>, text: &str, prefix: bool, limit: usize) -> Vec<Spelled<'a>> {
    let stored = corpus.bundle().readings;
    if stored.is_empty() || limit == 0 {
        return Vec::new();
    }
    let readings = Readings::new(stored);
    let han = corpus.han();
    let q = Typed::with_classes(text, han);
    if q.chars.is_empty() {
        return Vec::new();
    }
    let vocabulary = &corpus.bundle().vocabulary;
    let found = han_words(vocabulary, |c| q.admits(0, c, &readings))
        .filter(|(_, _, chars)| spells(chars, 0, &q, 0, &readings, prefix))
        .map(|(id, word, _)| (vocabulary.counts.get(id).unwrap_or(0), id, word))
        .collect();
    most_frequent(found, limit).map(|(count, word)| Spelled { word, count }).collect()
}

/// The phrases of two words or more that `text` spells, as the corpus has
/// them: the text divided into pieces, each spelled by a word of the
/// vocabulary of two characters or more (the three most frequent per piece), the words joined, and
/// the joined text kept if it occurs in the corpus; most occurrences first,
/// at most `limit`. For `djgz`: 党建 + 工作 → 党建工作. With `prefix`, the
/// text may end inside the last word (`djg`: 党建 + 工作 too).
pub fn phrases(corpus: &Corpus<'_>, text: &str, prefix: bool, limit: usize) -> Vec<(String, usize)> {
    let stored = corpus.bundle().readings;
    let han = corpus.han();
    let q = Typed::with_classes(text, han);
    if stored.is_empty() || q.chars.is_empty() || limit == 0 {
        return Vec::new();
    }
    let readings = Readings::new(stored);
    let vocabulary = &corpus.bundle().vocabulary;
    let n = q.chars.len();
    // pieces[j]: (end, count, word) for the words spelling q[j..end];
    // tails[j]: with `prefix`, the words whose spelling q[j..] begins.
    let mut pieces: Vec<Vec<(usize, u32, String)>> = vec![Vec::new(); n];
    let mut tails: Vec<Vec<(u32, String)>> = vec![Vec::new(); n];
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    let mut out = Vec::new();
    for j in 0..n {
        if !reachable[j] {
            continue;
        }
        // Words of two characters or more: single characters (的, 了)
        // would join anything to anything.
        for (id, word, chars) in
            han_words(vocabulary, |c| q.admits(j, c, &readings)).filter(|w| w.2.len() >= 2)
        {
            let count = vocabulary.counts.get(id).unwrap_or(0);
            if prefix && j > 0 && spells(&chars, 0, &q, j, &readings, true) {
                tails[j].push((count, word.to_string()));
            }
            out.clear();
            ends(&chars, 0, &q, j, &readings, &mut out);
            for &k in &out {
                reachable[k] = true;
                pieces[j].push((k, count, word.to_string()));
            }
        }
        tails[j].sort_unstable_by_key(|t| core::cmp::Reverse(t.0));
        tails[j].truncate(3);
        // The longest pieces first (fewest words), the most frequent words
        // of each: three per end, five ends.
        pieces[j].sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        // (Sorted by end, so the words of one end are together.)
        let (mut ends, mut same, mut last) = (0, 0, usize::MAX);
        pieces[j].retain(|p| {
            if p.0 != last {
                (ends, same, last) = (ends + 1, 0, p.0);
            }
            same += 1;
            ends <= 5 && same <= 3
        });
    }
    // Breadth first: phrases of fewer words first, at most 6 words and 50
    // phrases.
    let mut found: Vec<String> = Vec::new();
    let mut queue: std::collections::VecDeque<(usize, String, usize)> = [(0, String::new(), 0)].into();
    while let Some((j, text, words)) = queue.pop_front() {
        if found.len() >= 50 {
            break;
        }
        if j == n {
            if words >= 2 && !found.contains(&text) {
                found.push(text);
            }
            continue;
        }
        for (_, word) in &tails[j] {
            let phrase = format!("{text}{word}");
            if !found.contains(&phrase) {
                found.push(phrase);
            }
        }
        if words < 6 {
            for (end, _, word) in &pieces[j] {
                queue.push_back((*end, format!("{text}{word}"), words + 1));
            }
        }
    }
    let mut counted: Vec<(String, usize)> = found
        .into_iter()
        .filter_map(|p| {
            let n = corpus.pattern(&p).map_or(0, |pat| corpus.occurrences_everywhere(&pat).len());
            (n > 0).then_some((p, n))
        })
        .collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted.truncate(limit);
    counted
}

/// How many words a pinyin term is read as, at most.
pub const READ_AS_WORDS: usize = 10;

pub use super::results::ReadAs;

/// What a pinyin term is read as: the words it spells, or failing any,
/// the phrases of the corpus it spells ([`phrases`]).
fn spelled(corpus: &Corpus<'_>, text: &str) -> Vec<String> {
    let words: Vec<String> =
        words(corpus, text, false, READ_AS_WORDS).into_iter().map(|w| w.word.to_string()).collect();
    if !words.is_empty() {
        return words;
    }
    phrases(corpus, text, false, READ_AS_WORDS).into_iter().map(|p| p.0).collect()
}

/// Read the pinyin of `q`: a term that can be pinyin ([`is_pinyin`],
/// unquoted) and occurs verbatim nowhere becomes the words it spells, as
/// alternatives of its clause; a query made only of such terms (`dang
/// jian`) is first read whole. Terms found verbatim are left alone, so
/// exact matches always come first. Returns the query to search and what
/// was read.
pub fn read_query(corpus: &Corpus<'_>, q: super::query::Query) -> (super::query::Query, Vec<ReadAs>) {
    use super::query::{Query, Term};
    if corpus.bundle().readings.is_empty() {
        return (q, Vec::new());
    }
    let found =
        |t: &Term| corpus.pattern(&t.text).is_some_and(|p| !corpus.occurrences_everywhere(&p).is_empty());
    let readable = |t: &Term| !t.quoted && is_pinyin(&t.text);
    let as_terms = |words: &[String]| -> Vec<Term> {
        words.iter().map(|w| Term { text: w.clone(), quoted: true }).collect()
    };
    let mut read = Vec::new();
    let all_pinyin = q.excluded.is_empty()
        && q.clauses.len() > 1
        && q.clauses.iter().all(|c| matches!(c.as_slice(), [t] if readable(t)));
    if all_pinyin && !q.clauses.iter().all(|c| found(&c[0])) {
        let whole = q.clauses.iter().map(|c| c[0].text.as_str()).collect::<Vec<_>>().join(" ");
        let words = spelled(corpus, &whole);
        if !words.is_empty() {
            read.push(ReadAs { term: whole, words: words.clone() });
            return (Query { clauses: vec![as_terms(&words)], excluded: Vec::new() }, read);
        }
    }
    let mut clauses = Vec::with_capacity(q.clauses.len());
    for clause in q.clauses {
        let mut out = Vec::with_capacity(clause.len());
        for t in clause {
            if readable(&t) && !found(&t) {
                let words = spelled(corpus, &t.text);
                if !words.is_empty() {
                    read.push(ReadAs { term: t.text.clone(), words: words.clone() });
                    out.extend(as_terms(&words));
                    continue;
                }
            }
            out.push(t);
        }
        clauses.push(out);
    }
    (Query { clauses, excluded: q.excluded }, read)
}

/// Completions of `prefix` (`suggest`): for a prefix of Han characters, the
/// words of the vocabulary that begin with it (character by character, a
/// character or any other of its class), most frequent first; for pinyin
/// (letters, or letters and Han characters), the words it begins to spell
/// ([`words`] with the last syllable or word unfinished) and the phrases it
/// begins to spell ([`phrases`]), together, most frequent first. Counts are
/// a word's occurrences as a token, a phrase's occurrences in the text.
pub fn suggest<'a>(
    corpus: &Corpus<'a>,
    prefix: &str,
    limit: usize,
) -> Result<Vec<super::results::Suggestion<'a>>, crate::error::Error> {
    use super::results::Suggestion;
    use std::borrow::Cow;
    let prefix = prefix.trim();
    if prefix.chars().count() > MAX_PINYIN_CHARS {
        return Err(crate::error::Error::argument(format!(
            "a prefix is at most {MAX_PINYIN_CHARS} characters"
        )));
    }
    if prefix.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    if is_pinyin(prefix) {
        let mut out: Vec<Suggestion<'a>> = words(corpus, prefix, true, limit)
            .into_iter()
            .map(|w| Suggestion { text: Cow::Borrowed(w.word), count: u64::from(w.count) })
            .collect();
        for (p, n) in phrases(corpus, prefix, true, limit) {
            if !out.iter().any(|s| s.text == p) {
                out.push(Suggestion { text: Cow::Owned(p), count: n as u64 });
            }
        }
        out.sort_by_key(|s| core::cmp::Reverse(s.count));
        out.truncate(limit);
        return Ok(out);
    }
    // Each character of the prefix, with the others of its class (and, for
    // letters, their width and case forms).
    let han = corpus.han();
    let wanted: Vec<(char, Vec<char>)> = prefix
        .chars()
        .map(|c| {
            let f = crate::fold::fold(c);
            (f, han.members(han.key(f)).collect())
        })
        .collect();
    let vocabulary = &corpus.bundle().vocabulary;
    let mut found: Vec<(u32, usize, &'a str)> = Vec::new();
    for group in vocabulary.words.groups() {
        for (id, bytes) in group.words() {
            let Ok(word) = core::str::from_utf8(bytes) else { continue };
            let mut chars = word.chars();
            if wanted.iter().all(|(f, class)| {
                chars.next().is_some_and(|c| {
                    let c = crate::fold::fold(c);
                    c == *f || class.contains(&c)
                })
            }) {
                found.push((vocabulary.counts.get(id).unwrap_or(0), id, word));
            }
        }
    }
    Ok(most_frequent(found, limit)
        .map(|(n, w)| Suggestion { text: Cow::Borrowed(w), count: u64::from(n) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(word: &str, typed: &str, prefix: bool) -> bool {
        let mut lines: Vec<&str> =
            "党dang 重zhong,chong,tong 庆qing 工gong 作zuo 建jian 西xi 安an 先xian 绿lv,lu"
                .split(' ')
                .collect();
        lines.sort_unstable();
        let table = lines.join("\n");
        let r = Readings::new(&table);
        let w: Vec<char> = word.chars().collect();
        spells(&w, 0, &Typed::new(typed), 0, &r, prefix)
    }

    #[test]
    fn full_initials_mixed_and_separators() {
        for (word, typed) in [
            ("党建", "dangjian"),
            ("党建", "dang jian"),
            ("党建", "DangJian"),
            ("党建工作", "djgz"),
            ("党建工作", "dangjgz"),
            ("党建", "党jian"),
            ("重庆", "chongqing"),
            ("重庆", "zhongqing"),
            ("重庆", "zq"),
            ("重庆", "zhq"),
            ("西安", "xi'an"),
            ("绿", "lü"),
            ("绿", "lv"),
        ] {
            assert!(spelled(word, typed, false), "{typed} spells {word}");
        }
        for (word, typed) in [
            ("党建", "dangjia"),
            ("党建", "dangjianx"),
            ("党建", "jiandang"),
            ("先", "xi'an"),
            ("党建", "da ngjian"),
            ("党建", "建jian"),
        ] {
            assert!(!spelled(word, typed, false), "{typed} does not spell {word}");
        }
        // As a prefix: the query may stop inside a syllable or a word.
        assert!(spelled("党建工作", "dangji", true));
        assert!(spelled("党建工作", "dangjian", true));
        assert!(!spelled("党建工作", "dangji", false));
        assert!(!spelled("党建", "dangjianx", true));
    }

    #[test]
    fn what_reads_as_pinyin() {
        for t in ["dangjian", "dang jian", "党jian", "xi'an", "lü"] {
            assert!(is_pinyin(t), "{t}");
        }
        for t in ["党建", "2024", "gdp2024", "a-b", ""] {
            assert!(!is_pinyin(t), "{t}");
        }
    }
}

//! Finding every occurrence of a term in the text, whatever the segmentation.
//!
//! A term such as `拉萨` or `党建 工作` or `GDP` becomes a [`Pattern`]: a
//! sequence of folded characters ([`crate::fold`]), where a run of whitespace
//! in the term matches a run of one or more whitespace characters in the text.
//!
//! Matching scans the bundle's text bytes, never the segmentation, so `拉萨`
//! is found inside `拉萨市` and `建工` across `党建|工作`:
//!
//! 1. The *anchor* is the longest run of the term's characters whose forms
//!    in the text can be listed in at most [`MAX_NEEDLES`] combinations.
//!    Han characters and most punctuation have one form; `2` may appear as
//!    `2` or `２`, `g` as `g G ｇ Ｇ`. A corpus records which forms its text
//!    contains ([`crate::bundle::Forms`]), so in a corpus without full-width
//!    digits `2024年` has one form and is searched as is. Each combination
//!    of forms is a *needle*, searched with a SIMD substring search
//!    ([`super::bytes`]) over the raw UTF-8 bytes: its bytes can only appear
//!    one way. Without a corpus, every form is assumed present.
//! 2. Each hit is *verified*: the pattern's characters before and after the
//!    anchor are compared, folded, with the text around it.
//!
//! Occurrences may overlap (`哈哈` occurs twice in `哈哈哈`): every position
//! where the term starts is an occurrence, as a naive scan would count them.
//! Documents are separated by NUL bytes, which no pattern contains, so an
//! occurrence never spans two documents.

use super::bytes::ByteSearcher;
use super::order::merge_spans;
use crate::bundle::han::HanClasses;
use crate::fold::{fold, variants};

/// One element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    /// A character, folded.
    Char(char),
    /// One or more whitespace characters.
    Space,
}

/// The most needles (combinations of character forms) an anchor may need.
pub const MAX_NEEDLES: usize = 8;

/// A term, ready to be searched for.
#[derive(Debug, Clone)]
pub struct Pattern {
    elems: Vec<Elem>,
    /// The anchor is `elems[anchor.0..anchor.1]`.
    anchor: (usize, usize),
    needles: Vec<Needle>,
    /// Whether two occurrences of the (single) anchor can overlap, as in
    /// `哈哈` within `哈哈哈`.
    self_overlapping: bool,
    /// (member, key) of the classes of traditional and simplified
    /// characters of the pattern's characters: how the text's characters
    /// fold when verifying (`發` to `发`). A few entries, searched in order.
    han: Vec<(char, char)>,
}

/// One combination of forms of the anchor, searched as bytes.
#[derive(Debug, Clone)]
struct Needle {
    searcher: ByteSearcher,
    /// The characters of the needle that are not their own fold.
    forms: Vec<char>,
}

/// An occurrence: a document and a byte range of the bundle text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// Document id.
    pub doc: u32,
    /// Byte offset of the first byte, in the bundle text.
    pub start: u32,
    /// Byte offset past the last byte, in the bundle text.
    pub end: u32,
}

impl Pattern {
    /// The pattern for `term`, assuming every form of every character may
    /// occur (see [`Pattern::with_forms`]), or `None` if it has no
    /// characters other than whitespace.
    pub fn new(term: &str) -> Option<Pattern> {
        Pattern::with_forms(term, variants, HanClasses::default())
    }

    /// The pattern for `term` in a text where the forms of a folded
    /// character `f` are `forms(f)` (`f` first, then every other character
    /// of the text that folds to `f`), or `None` if `term` has no characters
    /// other than whitespace. Control characters count as whitespace. A
    /// character folds with [`fold`], then to the key of its class in `han`
    /// (`發` and `髮` to `发`), in the term and in the text.
    pub fn with_forms(term: &str, forms: impl Fn(char) -> Vec<char>, han: HanClasses<'_>) -> Option<Pattern> {
        let mut elems = Vec::new();
        let mut classes: Vec<(char, char)> = Vec::new();
        for c in term.chars() {
            if c.is_whitespace() || c.is_control() {
                if !elems.is_empty() && elems.last() != Some(&Elem::Space) {
                    elems.push(Elem::Space);
                }
            } else {
                let f = han.key(fold(c));
                if !classes.iter().any(|&(_, k)| k == f) {
                    classes.extend(han.members(f).map(|m| (m, f)));
                }
                elems.push(Elem::Char(f));
            }
        }
        if elems.last() == Some(&Elem::Space) {
            elems.pop();
        }
        if elems.is_empty() {
            return None;
        }
        let (anchor, combinations) = choose_anchor(&elems, forms);
        let self_overlapping =
            combinations.iter().any(|n| has_border(n.iter().collect::<String>().as_bytes()));
        let needles = combinations
            .into_iter()
            .map(|chars| {
                let bytes = chars.iter().collect::<String>().into_bytes();
                let forms = chars.iter().copied().filter(|&c| key(&classes, fold(c)) != c).collect();
                Needle { searcher: ByteSearcher::new(&bytes), forms }
            })
            .collect();
        Some(Pattern { elems, anchor, needles, self_overlapping, han: classes })
    }

    /// How a character of the text folds for this pattern.
    #[inline]
    fn fold(&self, c: char) -> char {
        key(&self.han, fold(c))
    }

    /// How many needles the anchor has.
    pub fn needles(&self) -> usize {
        self.needles.len()
    }

    /// The characters of needle `k` that are not their own fold (a
    /// document without one of them cannot contain the needle).
    pub fn needle_forms(&self, k: usize) -> &[char] {
        self.needles.get(k).map_or(&[], |n| &n.forms)
    }

    /// The distinct folded characters of the pattern (whitespace excluded).
    pub fn chars(&self) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for e in &self.elems {
            if let Elem::Char(c) = *e {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The pattern's character, if it is a single character.
    pub fn single_char(&self) -> Option<char> {
        match self.elems.as_slice() {
            [Elem::Char(c)] => Some(*c),
            _ => None,
        }
    }

    /// The number of characters the pattern matches at least.
    pub fn min_chars(&self) -> usize {
        self.elems.len()
    }

    /// The folded text of the pattern, whitespace runs as one space.
    pub fn folded(&self) -> String {
        self.elems
            .iter()
            .map(|e| match e {
                Elem::Char(c) => *c,
                Elem::Space => ' ',
            })
            .collect()
    }

    /// Append to `out` every occurrence in `text[range]`, in order of start.
    /// `out` receives byte ranges of `text`.
    pub fn find(&self, text: &[u8], range: (usize, usize), out: &mut Vec<(u32, u32)>) {
        self.find_needles(0..self.needles.len(), text, range, out);
    }

    /// As [`Pattern::find`], for the occurrences whose anchor is needle `k`.
    /// The needles' occurrences are disjoint and together are all of them.
    pub fn find_needle(&self, k: usize, text: &[u8], range: (usize, usize), out: &mut Vec<(u32, u32)>) {
        self.find_needles(k..k + 1, text, range, out);
    }

    fn find_needles(
        &self,
        needles: core::ops::Range<usize>,
        text: &[u8],
        range: (usize, usize),
        out: &mut Vec<(u32, u32)>,
    ) {
        let (from, to) = (range.0.min(text.len()), range.1.min(text.len()));
        let Some(needles) = self.needles.get(needles) else { return };
        if from >= to {
            return;
        }
        let hay = &text[from..to];
        // Where each needle occurs in `hay`, in order. A needle without a
        // border (unlike `哈哈`) cannot overlap itself, so the search goes
        // on after the end of a hit.
        let step = |s: &ByteSearcher| if self.self_overlapping { 1 } else { s.needle().len().max(1) };
        let keep = |a: usize, b: usize, out: &mut Vec<(u32, u32)>| {
            // A match reaching outside the range (a title inside its text,
            // say) is not one of the range's.
            if let Some(m) = self.verify(text, a, b).filter(|m| m.0 as usize >= from && m.1 as usize <= to) {
                out.push(m);
            }
        };
        if let [needle] = needles {
            let s = &needle.searcher;
            let (len, step) = (s.needle().len(), step(s));
            let mut pos = 0;
            while let Some(i) = hay.get(pos..).and_then(|h| s.find(h)) {
                let at = from + pos + i;
                keep(at, at + len, out);
                pos += i + step;
            }
            return;
        }
        let mut lists: Vec<Vec<(u32, u32)>> = Vec::with_capacity(needles.len());
        for needle in needles {
            let s = &needle.searcher;
            let (len, step) = (s.needle().len(), step(s));
            let mut hits = Vec::new();
            let mut pos = 0;
            while let Some(i) = hay.get(pos..).and_then(|h| s.find(h)) {
                let at = from + pos + i;
                hits.push((at as u32, (at + len) as u32));
                pos += i + step;
            }
            lists.push(hits);
        }
        for (a, b) in merge_spans(&lists) {
            keep(a as usize, b as usize, out);
        }
    }

    /// Whether the pattern occurs anywhere in `s`.
    pub fn occurs_in(&self, s: &str) -> bool {
        let mut out = Vec::new();
        self.find(s.as_bytes(), (0, s.len()), &mut out);
        !out.is_empty()
    }

    /// Check the elements around an anchor found at `a..b`; the match's byte range.
    fn verify(&self, text: &[u8], a: usize, b: usize) -> Option<(u32, u32)> {
        let mut start = a;
        for e in self.elems[..self.anchor.0].iter().rev() {
            start = match *e {
                Elem::Char(f) => {
                    let (c, len) = char_before(text, start)?;
                    if self.fold(c) != f {
                        return None;
                    }
                    start - len
                }
                Elem::Space => {
                    let mut p = start;
                    while let Some((c, len)) = char_before(text, p).filter(|(c, _)| c.is_whitespace()) {
                        let _ = c;
                        p -= len;
                    }
                    if p == start {
                        return None;
                    }
                    p
                }
            };
        }
        let mut end = b;
        // The anchor itself matched one exact combination of forms.
        for e in &self.elems[self.anchor.1..] {
            end = match *e {
                Elem::Char(f) => {
                    let (c, len) = char_at(text, end)?;
                    if self.fold(c) != f {
                        return None;
                    }
                    end + len
                }
                Elem::Space => {
                    let mut p = end;
                    while let Some((_, len)) = char_at(text, p).filter(|(c, _)| c.is_whitespace()) {
                        p += len;
                    }
                    if p == end {
                        return None;
                    }
                    p
                }
            };
        }
        Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
    }
}

/// The key of `c` in `classes` ((member, key)), or `c`.
#[inline]
fn key(classes: &[(char, char)], c: char) -> char {
    classes.iter().find(|&&(m, _)| m == c).map_or(c, |&(_, k)| k)
}

/// Pick the anchor: the longest run of characters (no whitespace inside)
/// whose combinations of forms number at most [`MAX_NEEDLES`]; among runs
/// of that length, the one with the fewest combinations, then the one most
/// likely to be rare. Returns the run and each combination of its forms.
fn choose_anchor(elems: &[Elem], forms: impl Fn(char) -> Vec<char>) -> ((usize, usize), Vec<Vec<char>>) {
    let options: Vec<Vec<char>> = elems
        .iter()
        .map(|e| match *e {
            Elem::Char(c) => {
                let mut f = forms(c);
                if !f.contains(&c) {
                    f.insert(0, c);
                }
                f
            }
            Elem::Space => Vec::new(),
        })
        .collect();
    // (length, combinations, rarity, start): longer, fewer, rarer, earlier.
    let mut best: Option<(usize, usize, u32, usize)> = None;
    for start in 0..elems.len() {
        let mut product = 1usize;
        for (end, choices) in options.iter().enumerate().skip(start) {
            let n = choices.len();
            if n == 0 {
                break;
            }
            product = product.saturating_mul(n);
            if product > MAX_NEEDLES {
                break;
            }
            let len = end + 1 - start;
            let rarity = (start..=end)
                .filter_map(|k| match elems[k] {
                    Elem::Char(c) => Some(commonness(c)),
                    Elem::Space => None,
                })
                .min()
                .unwrap_or(0);
            let better = match best {
                None => true,
                Some((l, p, r, _)) => {
                    (len, core::cmp::Reverse(product), core::cmp::Reverse(rarity))
                        > (l, core::cmp::Reverse(p), core::cmp::Reverse(r))
                }
            };
            if better {
                best = Some((len, product, rarity, start));
            }
        }
    }
    let Some((len, _, _, start)) = best else { return ((0, 0), Vec::new()) };
    let mut combinations: Vec<Vec<char>> = vec![Vec::new()];
    for choices in &options[start..start + len] {
        combinations = combinations
            .iter()
            .flat_map(|prefix| {
                choices.iter().map(move |&c| {
                    let mut next = prefix.clone();
                    next.push(c);
                    next
                })
            })
            .collect();
    }
    ((start, start + len), combinations)
}

/// Whether a proper prefix of `needle` is also a suffix of it, the condition
/// for two occurrences to overlap. (UTF-8 needles: a border is a whole
/// number of characters, since no character's bytes end with a lead byte.)
fn has_border(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

/// A rough rank of how common a folded character is in Chinese news text
/// (lower is rarer): digits and common Latin letters are frequent.
fn commonness(c: char) -> u32 {
    if c.is_ascii_digit() {
        return 100;
    }
    match b"etaoinsrhldcumfpgwybvkxjqz".iter().position(|&b| u32::from(b) == c as u32) {
        Some(i) => 50 - i as u32,
        None if c.is_ascii_punctuation() => 90,
        None => 0,
    }
}

/// The character starting at byte `p`, and its length; `None` at the end,
/// or if the bytes there are not a valid character (overlong forms,
/// surrogates and stray continuation bytes included).
#[inline]
pub fn char_at(text: &[u8], p: usize) -> Option<(char, usize)> {
    let lead = *text.get(p)?;
    if lead < 0x80 {
        return Some((lead as char, 1));
    }
    let (len, bits, min) = match lead {
        0xC2..=0xDF => (2, lead & 0x1F, 0x80),
        0xE0..=0xEF => (3, lead & 0x0F, 0x800),
        0xF0..=0xF4 => (4, lead & 0x07, 0x1_0000),
        _ => return None,
    };
    let mut cp = u32::from(bits);
    for k in 1..len {
        let b = *text.get(p + k)?;
        if b & 0xC0 != 0x80 {
            return None;
        }
        cp = cp << 6 | u32::from(b & 0x3F);
    }
    if cp < min {
        return None;
    }
    char::from_u32(cp).map(|c| (c, len))
}

/// The character ending just before byte `p`, and its length.
#[inline]
pub fn char_before(text: &[u8], p: usize) -> Option<(char, usize)> {
    let mut start = p.checked_sub(1)?;
    while start > 0 && p - start < 4 && (text.get(start)? & 0xC0) == 0x80 {
        start -= 1;
    }
    let (c, len) = char_at(text, start)?;
    (start + len == p).then_some((c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all<'t>(term: &str, text: &'t str) -> Vec<&'t str> {
        let p = Pattern::new(term).unwrap();
        let mut out = Vec::new();
        p.find(text.as_bytes(), (0, text.len()), &mut out);
        out.iter().map(|&(a, b)| &text[a as usize..b as usize]).collect()
    }

    #[test]
    fn table_of_matches() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("拉萨", "拉萨市位于拉萨河谷", &["拉萨", "拉萨"]),
            ("建工", "党建工作", &["建工"]),
            ("哈哈", "哈哈哈", &["哈哈", "哈哈"]),
            ("gdp", "GDP与ＧＤＰ与gdp", &["GDP", "ＧＤＰ", "gdp"]),
            ("2024年", "２０２４年和2024年", &["２０２４年", "2024年"]),
            ("(记者", "本报那曲电（记者 曲珍）", &["（记者"]),
            (
                "青年担当 平安守望",
                "“青年担当　平安守望”与青年担当\n\n平安守望",
                &["青年担当　平安守望", "青年担当\n\n平安守望"],
            ),
            ("担当 平安", "担当平安", &[]),
            ("a", "\0a\0", &["a"]),
            ("市a", "拉萨市A", &["市A"]),
            ("萨市", "拉萨\0市", &[]),
        ];
        for (term, text, want) in cases {
            assert_eq!(&find_all(term, text), want, "term {term:?} in {text:?}");
        }
    }

    #[test]
    fn matches_stay_inside_the_range() {
        let text = "拉萨市拉萨河。哈哈哈".repeat(20);
        let found = |term: &str, from: usize, to: usize| {
            let mut out = Vec::new();
            Pattern::new(term).unwrap().find(text.as_bytes(), (from, to), &mut out);
            out.len()
        };
        // `萨市` alone: the `拉萨` before it starts outside the range.
        assert_eq!(found("拉萨", 3, 9), 0);
        assert_eq!(found("萨市", 3, 9), 1);
        assert_eq!(found("哈哈", 0, text.len()), 40);
        assert_eq!(found("拉萨", 0, text.len()), 40);
        assert!(has_border("哈哈".as_bytes()));
        assert!(!has_border("拉萨".as_bytes()));
    }

    #[test]
    fn only_the_forms_a_text_has_are_searched() {
        // A text without full-width digits or capitals: one exact needle.
        let plain = |f: char| vec![f];
        let p = Pattern::with_forms("2024年", plain, HanClasses::default()).unwrap();
        assert_eq!((p.needles(), p.anchor), (1, (0, 5)));
        // `7` also appears as `７`: two needles over the whole term.
        let seven = |f: char| if f == '7' { vec!['7', '７'] } else { vec![f] };
        let p = Pattern::with_forms("27", seven, HanClasses::default()).unwrap();
        assert_eq!((p.needles(), p.anchor), (2, (0, 2)));
        assert_eq!(p.needle_forms(1), ['７']);
        let text = "27与2７与２７";
        let mut out = Vec::new();
        p.find(text.as_bytes(), (0, text.len()), &mut out);
        let found: Vec<&str> = out.iter().map(|&(a, b)| &text[a as usize..b as usize]).collect();
        // `２７` is not found: the text was said to have no `２`.
        assert_eq!(found, ["27", "2７"]);
        let mut first = Vec::new();
        p.find_needle(1, text.as_bytes(), (0, text.len()), &mut first);
        assert_eq!(first.len(), 1);
        // Every form assumed: too many combinations for the whole term, so
        // the anchor is the longest run with at most eight.
        let p = Pattern::new("2024年").unwrap();
        assert_eq!((p.needles(), p.anchor), (8, (1, 5)));
        let p = Pattern::new("gdp").unwrap();
        assert_eq!(p.needles(), 4);
    }

    #[test]
    fn whitespace_only_terms_are_rejected() {
        assert!(Pattern::new("  \t\u{3000}").is_none());
        assert!(Pattern::new("\u{0}").is_none());
        assert_eq!(Pattern::new(" 拉萨  市 ").unwrap().folded(), "拉萨 市");
    }

    #[test]
    fn decoding_never_reads_past_bad_bytes() {
        let text = [0xE6u8, 0x8B, 0x89, 0xFF, 0xE6, 0x8B];
        assert_eq!(char_at(&text, 0), Some(('拉', 3)));
        assert_eq!(char_at(&text, 3), None);
        assert_eq!(char_at(&text, 4), None);
        assert_eq!(char_before(&text, 3), Some(('拉', 3)));
        assert_eq!(char_before(&text, 4), None);
        assert_eq!(char_before(&text, 0), None);
        let p = Pattern::new("拉a").unwrap();
        let mut out = Vec::new();
        p.find(&text, (0, 99), &mut out);
        assert!(out.is_empty());
    }
}

//! Character folding: which characters a query treats as the same.
//!
//! Used by both halves: `build.rs` folds the vocabulary keys and the runtime
//! folds queries and compares them with the (unfolded) corpus text. The text
//! itself is never rewritten: a match is found on folded characters and
//! reported on the original ones.
//!
//! Two characters match when their folds are equal. The fold:
//!
//! * maps the full-width forms of ASCII (`Ａ`..`～`, U+FF01..U+FF5E) to ASCII,
//!   so `（记者` matches `(记者` and `２０２４` matches `2024`;
//! * maps the ideographic space U+3000 to a space;
//! * maps the other half-width and full-width forms of the U+FF00 block
//!   (`￥`, `｟`, half-width katakana, ...) to their usual form;
//! * lowercases Latin letters: ASCII `A`..`Z` and the Latin-1 capitals
//!   `À`..`Þ` (`GDP` matches `gdp`, `É` matches `é`).
//!
//! Han characters, punctuation outside the U+FF00 block, other scripts and
//! everything else fold to themselves: nothing else about the text is
//! normalised. (Folding only these ranges needs no Unicode case tables,
//! which would add tens of kilobytes to the wasm.)
//!
//! A character's *variants* are all characters with the same fold. Han
//! characters have none but themselves, which is what lets the matcher search
//! the raw UTF-8 bytes of a Chinese query directly.

/// The folded form of `c`.
#[inline]
pub fn fold(c: char) -> char {
    lower(width(c))
}

/// Latin case folding: ASCII and Latin-1 capitals to lowercase.
#[inline]
fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// The capital of a folded Latin letter, if it has one.
fn upper(c: char) -> Option<char> {
    match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' => char::from_u32(c as u32 - 0x20),
        _ => None,
    }
}

/// Whether `c` folds only from itself, so that the raw bytes of `c` are the
/// only way it can appear in the text. True for Han characters and most
/// punctuation; false for Latin letters, digits, ASCII punctuation (which have
/// full-width forms) and the U+FF00 block.
pub fn is_singleton(c: char) -> bool {
    fold(c) == c
        && upper(c).is_none()
        && widen(c).is_none()
        && c != ' '
        && !matches!(c, '\u{FF00}'..='\u{FFEF}')
}

/// Every character whose fold equals `fold(c)`, `c`'s fold first. At most
/// four: the letter, its capital, and both of their full-width forms.
pub fn variants(c: char) -> Vec<char> {
    let f = fold(c);
    let mut out = vec![f];
    out.extend(upper(f));
    let widened: Vec<char> = out.iter().filter_map(|&v| widen(v)).collect();
    out.extend(widened);
    if f == ' ' {
        out.push('\u{3000}');
    }
    out
}

/// The half-width/full-width normalisation, before lowercasing.
#[inline]
fn width(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c),
        0x3000 => ' ',
        0xFF5F => '\u{2985}',
        0xFF60 => '\u{2986}',
        0xFFE0 => '\u{A2}',
        0xFFE1 => '\u{A3}',
        0xFFE2 => '\u{AC}',
        0xFFE3 => '\u{AF}',
        0xFFE4 => '\u{A6}',
        0xFFE5 => '\u{A5}',
        0xFFE6 => '\u{20A9}',
        0xFF61..=0xFF9F => HALFWIDTH_KATAKANA[(u - 0xFF61) as usize],
        _ => c,
    }
}

/// The U+FF00-block form that folds to `c`, if any (inverse of `width`).
fn widen(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0x21..=0x7E => char::from_u32(u - 0x21 + 0xFF01),
        _ => {
            if let Some(i) = HALFWIDTH_KATAKANA.iter().position(|&k| k == c) {
                return char::from_u32(0xFF61 + i as u32);
            }
            let pairs = [
                ('\u{2985}', '\u{FF5F}'),
                ('\u{2986}', '\u{FF60}'),
                ('\u{A2}', '\u{FFE0}'),
                ('\u{A3}', '\u{FFE1}'),
                ('\u{AC}', '\u{FFE2}'),
                ('\u{AF}', '\u{FFE3}'),
                ('\u{A6}', '\u{FFE4}'),
                ('\u{A5}', '\u{FFE5}'),
                ('\u{20A9}', '\u{FFE6}'),
            ];
            pairs.iter().find(|p| p.0 == c).map(|p| p.1)
        }
    }
}

/// U+FF61..=U+FF9F, the half-width katakana and CJK punctuation, mapped to
/// their full-width forms (as NFKC does).
const HALFWIDTH_KATAKANA: [char; 63] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア',
    'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ',
    'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ',
    'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン', '\u{3099}', '\u{309A}',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        let cases = [
            ('Ａ', 'a'),
            ('ａ', 'a'),
            ('A', 'a'),
            ('２', '2'),
            ('（', '('),
            ('，', ','),
            ('\u{3000}', ' '),
            ('拉', '拉'),
            ('。', '。'),
            ('“', '“'),
            ('Ω', 'Ω'),
            ('É', 'é'),
            ('×', '×'),
            ('ｶ', 'カ'),
            ('￥', '¥'),
        ];
        for (c, want) in cases {
            assert_eq!(fold(c), want, "fold({c:?})");
        }
    }

    #[test]
    fn singletons_are_exactly_the_self_folding_characters() {
        // Every character that some other character folds to must not be a
        // singleton, or the byte search would miss its variants.
        for u in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            let f = fold(c);
            if f != c {
                assert!(!is_singleton(f), "{f:?} is the fold of {c:?} but marked singleton");
                assert!(!is_singleton(c), "{c:?} folds to {f:?} but is marked singleton");
            }
        }
        for c in ['拉', '萨', '“', '”', '—', '…', '·', '《'] {
            assert!(is_singleton(c), "{c:?}");
        }
    }

    #[test]
    fn every_character_is_among_the_variants_of_its_fold() {
        for u in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            if fold(c) != c {
                assert!(variants(fold(c)).contains(&c), "{c:?} missing from the variants of {:?}", fold(c));
            }
        }
    }

    #[test]
    fn variants_cover_width_and_case() {
        let mut v = variants('g');
        v.sort();
        assert_eq!(v, vec!['G', 'g', 'Ｇ', 'ｇ']);
        let mut v = variants('Ｇ');
        v.sort();
        assert_eq!(v, vec!['G', 'g', 'Ｇ', 'ｇ']);
        assert_eq!(variants('2').len(), 2);
        assert_eq!(variants('拉'), vec!['拉']);
        for c in ['a', 'Z', '5', '(', 'ｶ', '¥'] {
            for v in variants(c) {
                assert_eq!(fold(v), fold(c), "{v:?} listed as a variant of {c:?}");
            }
        }
    }
}

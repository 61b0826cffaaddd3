//! The pinyin readings a bundle carries ([`crate::bundle::readings`]), from
//! the `pinyin` crate (MIT; the data of mozillazg's pinyin-data) at build
//! time: every toneless reading of each Han character of the corpus, `ü`
//! as `v`, repeats dropped, in the crate's order (the most common first).

use pinyin::ToPinyinMulti;
use std::collections::BTreeSet;

/// The stored table for the characters `chars` (those without a reading
/// are left out).
pub fn readings(chars: &BTreeSet<char>) -> String {
    let mut out = String::new();
    for &c in chars {
        let Some(multi) = c.to_pinyin_multi() else { continue };
        let mut list: Vec<String> = Vec::new();
        for p in multi {
            let r = p.plain().replace('ü', "v");
            if !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase()) && !list.contains(&r) {
                list.push(r);
            }
        }
        if !list.is_empty() {
            out.push(c);
            out.push_str(&list.join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_heteronyms_and_v() {
        let chars: BTreeSet<char> = "重绿党a".chars().collect();
        let table = readings(&chars);
        assert!(table.contains("重zhong,chong"), "{table}");
        assert!(table.contains("绿lv,lu"), "{table}");
        assert!(table.contains("党dang\n"), "{table}");
        assert!(!table.lines().any(|l| l.starts_with('a')), "no reading for a Latin letter");
        assert_eq!(crate::bundle::readings::check(&table), Ok(3));
    }
}

//! Which Han characters are the same character in another script: the
//! classes of [`crate::bundle::han`], worked out from OpenCC's tables at
//! build time (by `ferrous-opencc`, Apache-2.0, which carries OpenCC's
//! dictionaries). Build time only: nothing of OpenCC reaches the wasm but
//! the classes a corpus needs.
//!
//! Two characters are linked when OpenCC converts one into the other, one
//! character at a time, from traditional to simplified or from simplified
//! to traditional (its first choice each way). A class is a set of
//! characters linked directly or through one another: `發` → `发` and `髮`
//! → `发` put `发 發 髮` in one class, so each finds the others. Its key,
//! the character its members fold to, is the simplified form most of its
//! members convert to (the smallest code point among equals).

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// The code point ranges of Han characters looked up in OpenCC's tables:
/// CJK Unified Ideographs, Extension A, the compatibility ideographs and
/// the supplementary planes' extensions.
const HAN: [(u32, u32); 4] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)];

/// The keys of the classes' members, for folding a whole corpus (the
/// engine reads [`crate::bundle::han::HanClasses`] in place instead).
#[derive(Debug, Default)]
pub struct Keys(HashMap<char, char>);

impl Keys {
    /// The keys of the classes stored as `classes`.
    pub fn of(classes: &str) -> Keys {
        let mut keys = HashMap::new();
        for line in classes.lines() {
            let key = line.chars().next().unwrap_or_default();
            keys.extend(line.chars().map(|c| (c, key)));
        }
        Keys(keys)
    }

    /// The key of `c`'s class, or `c`.
    pub fn key(&self, c: char) -> char {
        self.0.get(&c).copied().unwrap_or(c)
    }
}

/// What `conv` makes of `c` alone, if it is another single character.
fn convert_one(conv: &OpenCC, c: char) -> Option<char> {
    let mut buf = [0u8; 4];
    let out = conv.convert(c.encode_utf8(&mut buf));
    let mut it = out.chars();
    match (it.next(), it.next()) {
        (Some(d), None) if d != c => Some(d),
        _ => None,
    }
}

/// Union-find root of `x`, halving the path on the way.
fn root(parent: &mut BTreeMap<char, char>, mut x: char) -> char {
    while let Some(&p) = parent.get(&x).filter(|&&p| p != x) {
        let gp = parent.get(&p).copied().unwrap_or(p);
        parent.insert(x, gp);
        x = gp;
    }
    x
}

/// The classes (as stored in the bundle, see [`crate::bundle::han`]) that
/// contain at least one of `chars`.
pub fn classes(chars: &BTreeSet<char>) -> Result<String, String> {
    let open = |c| OpenCC::from_config(c).map_err(|e| format!("OpenCC's tables do not load: {e}"));
    let (t2s, s2t) = (open(BuiltinConfig::T2s)?, open(BuiltinConfig::S2t)?);
    let mut parent: BTreeMap<char, char> = BTreeMap::new();
    let mut simplified: BTreeMap<char, char> = BTreeMap::new();
    for c in HAN.iter().flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32)) {
        let s = convert_one(&t2s, c);
        if let Some(s) = s {
            simplified.insert(c, s);
        }
        for d in [s, convert_one(&s2t, c)].into_iter().flatten() {
            let (x, y) = (root(&mut parent, c), root(&mut parent, d));
            if x != y {
                parent.insert(x.max(y), x.min(y));
                parent.entry(x.min(y)).or_insert(x.min(y));
            }
        }
    }
    let members: Vec<char> = parent.keys().copied().collect();
    let mut by_root: BTreeMap<char, BTreeSet<char>> = BTreeMap::new();
    for c in members {
        let r = root(&mut parent, c);
        by_root.entry(r).or_default().insert(c);
    }
    let mut lines: BTreeMap<char, String> = BTreeMap::new();
    for class in by_root.into_values().filter(|m| m.len() > 1 && m.iter().any(|c| chars.contains(c))) {
        // The key: the member most members convert to (themselves when
        // they are simplified already).
        let mut votes: BTreeMap<char, usize> = BTreeMap::new();
        for c in &class {
            let s = simplified.get(c).copied().filter(|s| class.contains(s)).unwrap_or(*c);
            *votes.entry(s).or_default() += 1;
        }
        let most = votes.values().copied().max().unwrap_or(0);
        let key = votes.iter().find(|(_, &n)| n == most).map(|(&c, _)| c).unwrap_or_default();
        let line: String = core::iter::once(key).chain(class.iter().copied().filter(|&c| c != key)).collect();
        lines.insert(key, line);
    }
    Ok(lines.into_values().map(|l| l + "\n").collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::han::HanClasses;

    #[test]
    fn classes_link_both_scripts_one_to_many_included() {
        let chars: BTreeSet<char> = "发展台湾干了".chars().collect();
        let stored = classes(&chars).unwrap();
        let han = HanClasses(&stored);
        assert!(han.check().is_ok());
        let keys = Keys::of(&stored);
        for (a, b) in
            [('發', '发'), ('髮', '发'), ('展', '展'), ('臺', '台'), ('灣', '湾'), ('乾', '干'), ('幹', '干')]
        {
            assert_eq!(han.key(a), b, "{a}");
            assert_eq!(keys.key(a), b, "{a}");
        }
        // A class without a corpus character is left out.
        assert_eq!(han.key('黨'), '黨');
    }
}

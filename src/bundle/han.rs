//! Traditional and simplified characters: the Han characters a query treats
//! as one, as far as the corpus needs to know.
//!
//! A *class* is a set of Han characters that OpenCC's character tables link,
//! directly or through one another (`发 發 髮`, `台 臺 檯 颱`, `干 乾 幹 榦`).
//! The build works the classes out (see `crate::index::han`) and keeps those
//! that contain a character of the corpus, whole: a traditional query
//! character then finds its simplified form in a simplified corpus and the
//! other way round, even when the query's own character never occurs.
//!
//! Stored as one string ([`HanClasses`]): the classes one per line, each
//! with its *key* (the character every member folds to) first and its other
//! members after it; lines in ascending order of key. The seeds carry 590
//! classes (3.9 KB). The engine reads it in place, line by line, only for
//! the characters of a query (a few microseconds each), so opening a corpus
//! costs nothing and the module carries no table code.
//!
//! The engine folds a character with [`crate::fold::fold`] first (width and
//! case), then to its class's key.

/// The classes of a corpus, as stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HanClasses<'a>(pub &'a str);

// (Plain loops over `chars()` rather than `split`, `contains` and
// `starts_with`, whose pattern-searching code added 2.4 KB of brotli to the
// search-only module when measured.)
impl<'a> HanClasses<'a> {
    /// Check the stored string: each line has two characters or more, keys
    /// ascend. (A character listed in two classes folds to the first's key:
    /// harmless, so not looked for.)
    pub fn check(&self) -> Result<usize, String> {
        let (mut n, mut key, mut len, mut previous) = (0, '\0', 0, None::<char>);
        for c in self.0.chars().chain(core::iter::once('\n')) {
            if c != '\n' {
                if len == 0 {
                    key = c;
                }
                len += 1;
                continue;
            }
            if len > 0 {
                n += 1;
                if len < 2 || previous.is_some_and(|p| p >= key) {
                    return Err(format!("character class {n} is out of order or has a single character"));
                }
                previous = Some(key);
            }
            len = 0;
        }
        Ok(n)
    }

    /// The key of `c`'s class, or `c` itself outside every class.
    pub fn key(&self, c: char) -> char {
        if (c as u32) < 0x2E80 {
            return c;
        }
        let mut key = None;
        for x in self.0.chars() {
            if x == '\n' {
                key = None;
            } else if x == c {
                return key.unwrap_or(c);
            } else if key.is_none() {
                key = Some(x);
            }
        }
        c
    }

    /// The members of the class keyed `key`, the key first; empty for a
    /// character that keys no class.
    pub fn members(&self, key: char) -> core::str::Chars<'a> {
        let mut start = None;
        let mut line_start = true;
        for (i, x) in self.0.char_indices() {
            match start {
                Some(s) if x == '\n' => return self.0.get(s..i).unwrap_or_default().chars(),
                Some(_) => {}
                None if line_start && x == key => start = Some(i),
                None => {}
            }
            line_start = x == '\n';
        }
        self.0.get(start.unwrap_or(self.0.len())..).unwrap_or_default().chars()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_members() {
        let v = HanClasses("发發髮\n台檯臺颱\n");
        assert_eq!(v.check(), Ok(2));
        assert_eq!(v.key('髮'), '发');
        assert_eq!(v.key('发'), '发');
        assert_eq!(v.key('臺'), '台');
        assert_eq!(v.key('拉'), '拉');
        assert_eq!(v.key('A'), 'A');
        assert_eq!(v.members('台').collect::<String>(), "台檯臺颱");
        assert_eq!(v.members('臺').count(), 0);
        assert_eq!(v.members('拉').count(), 0);
    }

    #[test]
    fn refuses_malformed_classes() {
        assert!(HanClasses("台臺\n发發").check().is_err(), "keys out of order");
        assert!(HanClasses("发\n").check().is_err(), "a class of one");
        assert_eq!(HanClasses("").check(), Ok(0));
    }
}

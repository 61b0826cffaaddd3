//! The pinyin readings of the corpus's Han characters, for reading queries
//! typed in pinyin ([`crate::engine::pinyin`]).
//!
//! Stored as one string: a line per character, the character then its
//! toneless readings (ASCII lowercase, `ü` written `v`) separated by commas,
//! the most common first (`重zhong,chong,tong`); lines in ascending order of
//! character. Only the characters of the corpus are listed (seeds: about
//! 1,300 lines).

/// Check a stored table: lines in ascending order of character, each a
/// character followed by one or more readings of ASCII lowercase letters.
/// Returns the number of lines.
pub fn check(stored: &str) -> Result<usize, String> {
    let mut previous = None;
    let mut n = 0;
    for line in stored.split('\n').filter(|l| !l.is_empty()) {
        n += 1;
        let mut chars = line.chars();
        let c = chars.next().unwrap_or_default();
        let rest = chars.as_str();
        if previous.is_some_and(|p| p >= c)
            || rest.is_empty()
            || !rest.bytes().all(|b| b.is_ascii_lowercase() || b == b',')
        {
            return Err(format!("pinyin line {n} is malformed"));
        }
        previous = Some(c);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_stored_table() {
        assert_eq!(check("党dang\n重zhong,chong\n"), Ok(2));
        assert!(check("重zhong\n党dang\n").is_err(), "out of order");
        assert!(check("党\n").is_err(), "no reading");
        assert!(check("党Dang\n").is_err(), "not lowercase");
    }
}

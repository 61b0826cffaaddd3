//! The test's own reading of "the same character in another script", for
//! the naive scans: two Han characters are the same when OpenCC converts
//! one into the other, one character at a time (traditional to simplified
//! or back), directly or through other characters. Worked out here by a
//! breadth-first search over every Han code point, independently of the
//! engine's classes (`src/index/han.rs`); the canonical form is the
//! smallest code point of the class, not the engine's key.

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::collections::{HashMap, VecDeque};
use std::sync::OnceLock;

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let t2s = OpenCC::from_config(BuiltinConfig::T2s).unwrap();
        let s2t = OpenCC::from_config(BuiltinConfig::S2t).unwrap();
        let mut edges: HashMap<char, Vec<char>> = HashMap::new();
        let ranges = [(0x3400u32, 0x4DBFu32), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)];
        for c in ranges.iter().flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32)) {
            for conv in [&t2s, &s2t] {
                let out: Vec<char> = conv.convert(&c.to_string()).chars().collect();
                if let [d] = out[..] {
                    if d != c {
                        edges.entry(c).or_default().push(d);
                        edges.entry(d).or_default().push(c);
                    }
                }
            }
        }
        let mut canonical = HashMap::new();
        for &start in edges.keys() {
            if canonical.contains_key(&start) {
                continue;
            }
            let mut class = vec![start];
            let mut queue = VecDeque::from([start]);
            while let Some(x) = queue.pop_front() {
                for &y in &edges[&x] {
                    if !class.contains(&y) {
                        class.push(y);
                        queue.push_back(y);
                    }
                }
            }
            let min = *class.iter().min().unwrap();
            for c in class {
                canonical.insert(c, min);
            }
        }
        canonical
    })
}

/// `c` (already width and case folded) as the smallest character of its class.
pub fn same(c: char) -> char {
    table().get(&c).copied().unwrap_or(c)
}

/// `text` converted by OpenCC, simplified to traditional (whole phrases).
pub fn to_traditional(text: &str) -> String {
    static S2T: OnceLock<OpenCC> = OnceLock::new();
    S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).unwrap()).convert(text)
}

//! The vocabulary as a trie of characters: finds every word starting at a
//! position in one walk, for segmenting a whole corpus fast.
//!
//! [`super::Segmenter`] alone looks each prefix of a block up in the word
//! table (a binary search per prefix length): fine for a query, but 10 s
//! for the 13.5 million characters of `stories.jsonl` (native, one core),
//! far too slow to derive the corpus's tokens in the browser. With a
//! [`Lexicon`] the segmenter walks the trie from each character instead,
//! stopping as soon as no word continues, and reads each word's log weight
//! from a table: the same edges, the same arithmetic, so exactly the same
//! segmentation (a test compares the two on every seed document and on
//! random text).
//!
//! Layout: characters get dense ids (a direct table for the Basic
//! Multilingual Plane, a sorted list above it); the root's children are a
//! table indexed by character id; every other node lists its children,
//! with the word each child ends, in one shared array: sorted by character
//! id when it has few (a short scan), as a small hash table of its own when
//! it has many (one or two probes where a binary search would wait on a
//! dozen loads). Nodes are numbered breadth first, so the two first levels,
//! which nearly every step visits, sit together at the front of the arrays
//! and stay in the processor's cache. Measured on `stories.jsonl` (7.1
//! million tokens, natively): numbered in insertion order with binary
//! searches, 1.23 s; breadth first, 1.07 s; with every edge in one global
//! hash table, 2.2 s; as here, see BENCHMARKS.md.

use crate::bundle::Vocabulary;

/// No word ends at this node / no such character.
const NONE: u32 = u32::MAX;

/// Nodes with at most this many children list them for a linear scan;
/// larger ones hash them.
const SCAN: usize = 8;

/// Where character id `id` starts probing in a node's table of `size`
/// (a power of two) slots.
#[inline(always)]
fn probe(id: u32, size: usize) -> usize {
    (id.wrapping_mul(0x9E37_79B9) >> 8) as usize & (size - 1)
}

/// A character trie over a vocabulary (see the module documentation).
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Character id + 1 of each BMP character (0: in no word).
    bmp: Vec<u32>,
    /// (character, id) above the BMP, sorted.
    astral: Vec<(u32, u32)>,
    /// The root's child for each character id, and the word it ends
    /// (`NONE`: none).
    root: Vec<(u32, u32)>,
    /// Node `k`'s children are `kids[first[k]..first[k + 1]]`.
    first: Vec<u32>,
    /// (character id, child, word ending at the child): sorted by
    /// character id for a node with at most [`SCAN`] children, else a hash
    /// table of a power-of-two size (empty slots: character id `NONE`).
    kids: Vec<(u32, u32, u32)>,
    /// Each word's `ln(max(weight, 1))`, and whether its weight is positive
    /// (only such words are edges of the segmentation).
    log_weight: Vec<f64>,
    positive: Vec<bool>,
}

impl Lexicon {
    /// The trie of every word of `vocabulary`.
    pub fn new(vocabulary: &Vocabulary<'_>) -> Lexicon {
        let n = vocabulary.words.len();
        let mut bmp = vec![0u32; 0x1_0000];
        let mut astral: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        let mut log_weight = Vec::with_capacity(n);
        let mut positive = Vec::with_capacity(n);
        // First a trie numbered in insertion order: children per node as
        // (character id, child), and the word at each node.
        let mut children: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        let mut word_at: Vec<u32> = vec![NONE];
        let mut next_id = 0u32;
        for w in 0..n {
            let weight = vocabulary.weight(w);
            log_weight.push(f64::from(weight.max(1)).ln());
            positive.push(weight > 0);
            let Ok(text) = vocabulary.words.get(w) else { continue };
            let mut node = 0usize;
            for c in text.chars() {
                let id = if (c as u32) < 0x1_0000 {
                    let slot = &mut bmp[c as usize];
                    if *slot == 0 {
                        next_id += 1;
                        *slot = next_id;
                    }
                    *slot - 1
                } else {
                    *astral.entry(c as u32).or_insert_with(|| {
                        next_id += 1;
                        next_id
                    }) - 1
                };
                node = match children[node].iter().find(|&&(c, _)| c == id) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        children.push(Vec::new());
                        word_at.push(NONE);
                        let child = children.len() - 1;
                        children[node].push((id, child as u32));
                        child
                    }
                };
            }
            if node != 0 {
                word_at[node] = w as u32;
            }
        }
        // Then renumbered breadth first, children sorted.
        let mut order = vec![0usize];
        let mut new_id = vec![0u32; children.len()];
        let mut at = 0;
        while at < order.len() {
            let node = order[at];
            children[node].sort_unstable();
            for &(_, child) in &children[node] {
                new_id[child as usize] = order.len() as u32;
                order.push(child as usize);
            }
            at += 1;
        }
        let mut root = vec![(NONE, NONE); next_id as usize];
        for &(id, child) in &children[0] {
            root[id as usize] = (new_id[child as usize], word_at[child as usize]);
        }
        let mut first = Vec::with_capacity(order.len() + 1);
        let mut kids = Vec::with_capacity(order.len());
        for &node in &order {
            first.push(kids.len() as u32);
            let list = &children[node];
            if list.len() <= SCAN {
                for &(id, child) in list {
                    kids.push((id, new_id[child as usize], word_at[child as usize]));
                }
            } else {
                let size = (list.len() * 2).next_power_of_two();
                let base = kids.len();
                kids.resize(base + size, (NONE, NONE, NONE));
                for &(id, child) in list {
                    let mut at = probe(id, size);
                    while kids[base + at].0 != NONE {
                        at = (at + 1) & (size - 1);
                    }
                    kids[base + at] = (id, new_id[child as usize], word_at[child as usize]);
                }
            }
        }
        first.push(kids.len() as u32);
        Lexicon {
            bmp,
            astral: astral.into_iter().map(|(c, id)| (c, id - 1)).collect(),
            root,
            first,
            kids,
            log_weight,
            positive,
        }
    }

    /// The id of character `c`, if some word contains it.
    #[inline]
    pub fn char_id(&self, c: char) -> Option<u32> {
        let code = c as u32;
        if code < 0x1_0000 {
            match self.bmp[code as usize] {
                0 => None,
                id => Some(id - 1),
            }
        } else {
            self.astral.binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| self.astral[i].1)
        }
    }

    /// The child of `node` (the root when `None`) by character id, and
    /// the word ending at that child (`None`: no word ends there).
    #[inline]
    pub fn child(&self, node: Option<u32>, id: u32) -> Option<(u32, Option<usize>)> {
        let (child, word) = match node {
            None => *self.root.get(id as usize)?,
            Some(k) => {
                let a = *self.first.get(k as usize)? as usize;
                let b = *self.first.get(k as usize + 1)? as usize;
                let kids = self.kids.get(a..b)?;
                if kids.len() <= SCAN {
                    let &(_, child, word) = kids.iter().find(|&&(c, _, _)| c == id)?;
                    (child, word)
                } else {
                    let mut at = probe(id, kids.len());
                    loop {
                        let (c, child, word) = kids[at];
                        if c == id {
                            break (child, word);
                        }
                        if c == NONE {
                            return None;
                        }
                        at = (at + 1) & (kids.len() - 1);
                    }
                }
            }
        };
        (child != NONE).then_some((child, (word != NONE).then_some(word as usize)))
    }

    /// Whether word `w` is an edge of the segmentation (positive weight).
    #[inline]
    pub fn is_edge(&self, w: usize) -> bool {
        self.positive.get(w).copied().unwrap_or(false)
    }

    /// `ln(max(weight, 1))` of word `w`.
    #[inline]
    pub fn log_weight(&self, w: usize) -> f64 {
        self.log_weight.get(w).copied().unwrap_or(0.0)
    }

    /// The id of the word `s`, if it is one.
    pub fn lookup(&self, s: &str) -> Option<usize> {
        let mut node = None;
        let mut word = None;
        for c in s.chars() {
            let (next, w) = self.child(node, self.char_id(c)?)?;
            node = Some(next);
            word = w;
        }
        word
    }
}

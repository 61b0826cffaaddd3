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
        let mut log_weight = Vec::with_capacity(n);
        let mut positive = Vec::with_capacity(n);
        for w in 0..n {
            let weight = vocabulary.weight(w);
            log_weight.push(f64::from(weight.max(1)).ln());
            positive.push(weight > 0);
        }
        // The words in code point order (the bytes' order in UTF-8), and
        // their characters numbered in that order too, so that a node's
        // children, created in the words' order, come sorted by id.
        let mut words: Vec<(&str, u32)> = Vec::with_capacity(n);
        let mut chars: Vec<char> = Vec::new();
        for group in vocabulary.words.groups() {
            for (w, bytes) in group.words() {
                if let Ok(text) = core::str::from_utf8(bytes) {
                    words.push((text, w as u32));
                    chars.extend(text.chars());
                }
            }
        }
        words.sort_unstable();
        chars.sort_unstable();
        chars.dedup();
        let mut bmp = vec![0u32; 0x1_0000];
        let mut astral = Vec::new();
        for (id, &c) in chars.iter().enumerate() {
            if (c as u32) < 0x1_0000 {
                bmp[c as usize] = id as u32 + 1;
            } else {
                astral.push((c as u32, id as u32));
            }
        }
        let id_of = |c: char| -> u32 {
            if (c as u32) < 0x1_0000 {
                bmp[c as usize] - 1
            } else {
                astral.binary_search_by_key(&(c as u32), |&(x, _)| x).map_or(0, |i| astral[i].1)
            }
        };
        // The trie in depth-first order: per node its parent, character id
        // and word; a stack holds the path to the last node created.
        let (mut parent, mut cid, mut word_at) = (vec![NONE], vec![NONE], vec![NONE]);
        let mut path: Vec<(u32, u32)> = Vec::new(); // (character id, node) from the root
        for &(text, w) in &words {
            let mut k = 0;
            for c in text.chars() {
                let id = id_of(c);
                if k < path.len() && path[k].0 == id {
                    k += 1;
                    continue;
                }
                path.truncate(k);
                let from = path.last().map_or(0, |p| p.1);
                parent.push(from);
                cid.push(id);
                word_at.push(NONE);
                path.push((id, (parent.len() - 1) as u32));
                k += 1;
            }
            path.truncate(k);
            if let Some(&(_, node)) = path.last() {
                word_at[node as usize] = w;
            }
        }
        // Children of each node (in creation order: by character id).
        let nodes = parent.len();
        let mut child_start = vec![0u32; nodes + 1];
        for &p in &parent[1..] {
            child_start[p as usize + 1] += 1;
        }
        for i in 0..nodes {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; nodes.saturating_sub(1)];
        for (node, &p) in parent.iter().enumerate().skip(1) {
            children[fill[p as usize] as usize] = node as u32;
            fill[p as usize] += 1;
        }
        let kids_of = |k: usize| &children[child_start[k] as usize..child_start[k + 1] as usize];
        // Renumbered breadth first.
        let mut order = vec![0u32];
        let mut new_id = vec![0u32; nodes];
        let mut at = 0;
        while at < order.len() {
            for &child in kids_of(order[at] as usize) {
                new_id[child as usize] = order.len() as u32;
                order.push(child);
            }
            at += 1;
        }
        let mut root = vec![(NONE, NONE); chars.len()];
        for &child in kids_of(0) {
            root[cid[child as usize] as usize] = (new_id[child as usize], word_at[child as usize]);
        }
        let mut first = Vec::with_capacity(nodes + 1);
        let mut kids = Vec::with_capacity(nodes);
        for &node in &order {
            first.push(kids.len() as u32);
            let list = kids_of(node as usize);
            let entry = |child: u32| (cid[child as usize], new_id[child as usize], word_at[child as usize]);
            if list.len() <= SCAN {
                kids.extend(list.iter().map(|&c| entry(c)));
            } else {
                let size = (list.len() * 2).next_power_of_two();
                let base = kids.len();
                kids.resize(base + size, (NONE, NONE, NONE));
                for &child in list {
                    let mut at = probe(cid[child as usize], size);
                    while kids[base + at].0 != NONE {
                        at = (at + 1) & (size - 1);
                    }
                    kids[base + at] = entry(child);
                }
            }
        }
        first.push(kids.len() as u32);
        Lexicon { bmp, astral, root, first, kids, log_weight, positive }
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

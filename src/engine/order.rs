//! Ordering helpers with one compiled body each, to keep the wasm small.
//!
//! The standard sorts are excellent but generic: every element type and
//! comparator gets its own copy (several kilobytes each in wasm). The engine
//! instead orders *indices* with a comparator passed as `&dyn Fn`, so there
//! is exactly one sort in the binary, and merges lists that are already
//! sorted (occurrences come out of the scan in text order) instead of
//! sorting them again.

use core::cmp::Ordering;

/// The comparator type: compares the items at two indices.
pub type Compare<'a> = &'a dyn Fn(u32, u32) -> Ordering;

/// The indices of the `k` smallest items of `0..n` under `cmp`, in order.
/// O(n log k): a page of a large result costs little more than a scan.
pub fn smallest(n: usize, k: usize, cmp: Compare<'_>) -> Vec<u32> {
    let k = k.min(n);
    if k == 0 {
        return Vec::new();
    }
    // A max-heap (by `cmp`) of the k smallest seen so far.
    let mut heap: Vec<u32> = Vec::with_capacity(k);
    for i in 0..n as u32 {
        if heap.len() < k {
            heap.push(i);
            sift_up(&mut heap, cmp);
        } else if cmp(i, heap[0]) == Ordering::Less {
            heap[0] = i;
            sift_down(&mut heap, 0, cmp);
        }
    }
    sort(&mut heap, cmp);
    heap
}

/// Sort indices by `cmp` (heapsort: in place, O(n log n), not stable;
/// callers make `cmp` total so the order is deterministic).
pub fn sort(items: &mut [u32], cmp: Compare<'_>) {
    let n = items.len();
    for i in (0..n / 2).rev() {
        sift_down(&mut items[..n], i, cmp);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0, cmp);
    }
}

/// The indices `0..n` in increasing order of `cmp`, produced lazily: O(n)
/// to start, O(log n) per index taken. For when only the first few of a
/// long ordering are needed, but how many is not known in advance.
pub struct Ascending<'c> {
    heap: Vec<u32>,
    cmp: Compare<'c>,
}

impl<'c> Ascending<'c> {
    /// Order `0..n` by `cmp`.
    pub fn new(n: usize, cmp: Compare<'c>) -> Self {
        let mut heap: Vec<u32> = (0..n as u32).collect();
        let rev = |a: u32, b: u32| cmp(b, a);
        for i in (0..n / 2).rev() {
            sift_down(&mut heap, i, &rev);
        }
        Ascending { heap, cmp }
    }
}

impl Iterator for Ascending<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let last = self.heap.len().checked_sub(1)?;
        self.heap.swap(0, last);
        let top = self.heap.pop();
        let cmp = self.cmp;
        let rev = |a: u32, b: u32| cmp(b, a);
        if !self.heap.is_empty() {
            sift_down(&mut self.heap, 0, &rev);
        }
        top
    }
}

fn sift_up(heap: &mut [u32], cmp: Compare<'_>) {
    let mut i = heap.len() - 1;
    while i > 0 {
        let parent = (i - 1) / 2;
        if cmp(heap[i], heap[parent]) != Ordering::Greater {
            break;
        }
        heap.swap(i, parent);
        i = parent;
    }
}

fn sift_down(heap: &mut [u32], mut i: usize, cmp: Compare<'_>) {
    let n = heap.len();
    loop {
        let (l, r) = (2 * i + 1, 2 * i + 2);
        let mut big = i;
        if l < n && cmp(heap[l], heap[big]) == Ordering::Greater {
            big = l;
        }
        if r < n && cmp(heap[r], heap[big]) == Ordering::Greater {
            big = r;
        }
        if big == i {
            return;
        }
        heap.swap(i, big);
        i = big;
    }
}

/// Merge lists of spans, each sorted, into one sorted list.
pub fn merge_spans(lists: &[Vec<(u32, u32)>]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let mut at = vec![0usize; lists.len()];
    loop {
        let mut best: Option<usize> = None;
        for (k, list) in lists.iter().enumerate() {
            if let Some(x) = list.get(at[k]) {
                if best.is_none_or(|b| *x < lists[b][at[b]]) {
                    best = Some(k);
                }
            }
        }
        let Some(b) = best else { return out };
        out.push(lists[b][at[b]]);
        at[b] += 1;
    }
}

/// Sort and deduplicate ids (heapsort; for lists of any length).
pub fn sort_dedup_long(ids: &mut Vec<u32>) {
    let values = ids.clone();
    let mut idx: Vec<u32> = (0..ids.len() as u32).collect();
    sort(&mut idx, &|a, b| values[a as usize].cmp(&values[b as usize]));
    *ids = idx.into_iter().map(|i| values[i as usize]).collect();
    ids.dedup();
}

/// Sort a short list by `key`, stably (insertion sort: for the few items of
/// a query, such as its clauses or a term's postings lists, where a general
/// sort would cost more code than it saves time).
pub fn sort_short_by_key<T, K: PartialOrd>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sort a short list of spans (insertion sort).
pub fn sort_spans(spans: &mut [(u32, u32)]) {
    sort_short_by_key(spans, |&s| s);
}

/// Sort and deduplicate a short list of ids (insertion sort).
pub fn sort_dedup(ids: &mut Vec<u32>) {
    sort_short_by_key(ids, |&d| d);
    ids.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_and_smallest_agree_with_std() {
        let mut x: u64 = 42;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let values: Vec<u32> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (x >> 40) as u32 % 50
                })
                .collect();
            let cmp = |a: u32, b: u32| values[a as usize].cmp(&values[b as usize]).then(a.cmp(&b));
            let mut want: Vec<u32> = (0..n as u32).collect();
            want.sort_by(|&a, &b| cmp(a, b));
            let mut got: Vec<u32> = (0..n as u32).collect();
            sort(&mut got, &cmp);
            assert_eq!(got, want, "sort of {n}");
            for k in [0, 1, 5, n / 2, n, n + 3] {
                assert_eq!(smallest(n, k, &cmp), want[..k.min(n)].to_vec(), "smallest {k} of {n}");
            }
        }
    }

    #[test]
    fn ascending_pops_in_order() {
        let values = [5u32, 3, 9, 3, 0, 7, 7, 1];
        let cmp = |a: u32, b: u32| values[a as usize].cmp(&values[b as usize]).then(a.cmp(&b));
        let got: Vec<u32> = Ascending::new(values.len(), &cmp).collect();
        let mut want: Vec<u32> = (0..values.len() as u32).collect();
        want.sort_by(|&a, &b| cmp(a, b));
        assert_eq!(got, want);
        assert_eq!(Ascending::new(0, &cmp).next(), None);
    }

    #[test]
    fn merging_and_dedup() {
        let lists = vec![vec![(1, 2), (5, 6)], vec![], vec![(0, 9), (5, 7)]];
        assert_eq!(merge_spans(&lists), vec![(0, 9), (1, 2), (5, 6), (5, 7)]);
        let mut ids = vec![5, 3, 5, 1, 3];
        sort_dedup(&mut ids);
        assert_eq!(ids, vec![1, 3, 5]);
    }
}

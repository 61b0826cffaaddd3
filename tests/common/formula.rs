//! The ranking formula of the README, computed from a plain scan of the
//! documents, for the ranking tests (tests/ranking.rs, tests/stories.rs).

/// A document as the test sees it: folded title and text, as characters.
pub struct Doc {
    /// The folded title.
    pub title: Vec<char>,
    /// The folded text.
    pub text: Vec<char>,
    /// Whether the title is stored apart from the text (else it is part of
    /// the text: its occurrences are the text's, its characters too).
    pub separate: bool,
}

impl Doc {
    /// `tf`: occurrences in the text and, stored apart, in the title.
    fn tf(&self, t: &[char]) -> usize {
        starts(&self.text, t).len() + if self.separate { starts(&self.title, t).len() } else { 0 }
    }

    /// `len(d)`: characters of the text and, stored apart, of the title.
    fn len(&self) -> f64 {
        (self.text.len() + if self.separate { self.title.len() } else { 0 }) as f64
    }
}

/// Start offsets (in characters) of every occurrence of `term` in `hay`,
/// overlapping ones too.
pub fn starts(hay: &[char], term: &[char]) -> Vec<usize> {
    if term.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - term.len()).filter(|&i| hay[i..i + term.len()] == *term).collect()
}

/// Whether two occurrences of `t` can overlap (a proper prefix is a suffix).
pub fn self_overlapping(t: &[char]) -> bool {
    (1..t.len()).any(|k| t[..k] == t[t.len() - k..])
}

/// The formula for one query over a corpus: `N`, `avglen` and each term's
/// `df` computed once.
pub struct Formula<'d> {
    docs: &'d [Doc],
    clauses: Vec<Vec<(Vec<char>, f64)>>,
    avg: f64,
}

impl<'d> Formula<'d> {
    /// The formula for `clauses` (each a list of alternative terms) in `docs`.
    pub fn new(docs: &'d [Doc], clauses: &[Vec<Vec<char>>]) -> Formula<'d> {
        let n = docs.len() as f64;
        let avg = docs.iter().map(Doc::len).sum::<f64>() / n;
        let clauses = clauses
            .iter()
            .map(|c| {
                c.iter()
                    .map(|t| {
                        let df = docs.iter().filter(|doc| doc.tf(t) > 0).count() as f64;
                        (t.clone(), (1.0 + (n - df + 0.5) / (df + 0.5)).ln())
                    })
                    .collect()
            })
            .collect();
        Formula { docs, clauses, avg }
    }

    /// The score of document `d`, or `None` when it does not match.
    pub fn score(&self, d: usize) -> Option<f64> {
        let doc = &self.docs[d];
        let mut total = 0.0;
        for clause in &self.clauses {
            let mut c = 0.0;
            let mut present = false;
            for (t, idf) in clause {
                let f = doc.tf(t);
                if f == 0 {
                    continue;
                }
                present = true;
                let f = f as f64;
                let bm25 = idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * doc.len() / self.avg));
                c += if starts(&doc.title, t).is_empty() { bm25 } else { 2.0 * bm25 };
            }
            if !present {
                return None;
            }
            total += c;
        }
        let terms: Vec<Vec<Vec<char>>> =
            self.clauses.iter().map(|c| c.iter().map(|(t, _)| t.clone()).collect()).collect();
        Some(total * proximity(doc, &terms))
    }
}

/// proximity(d) = 1 + 1 / (1 + gap/8), brute force: over every choice of
/// one occurrence per clause in the text, the stretch from the first
/// chosen start to the end of the chosen occurrence that starts last; gap =
/// its characters minus the clauses' own lengths (shortest alternative).
pub fn proximity(doc: &Doc, clauses: &[Vec<Vec<char>>]) -> f64 {
    if clauses.len() < 2 {
        return 1.0;
    }
    let lists: Vec<Vec<(usize, usize)>> = clauses
        .iter()
        .map(|c| {
            let mut spans: Vec<(usize, usize)> = c
                .iter()
                .flat_map(|t| starts(&doc.text, t).into_iter().map(move |s| (s, s + t.len())))
                .collect();
            spans.sort();
            spans
        })
        .collect();
    if lists.iter().any(Vec::is_empty) {
        return 1.0;
    }
    let mut best: Option<usize> = None;
    let mut pick = vec![0usize; lists.len()];
    loop {
        let chosen: Vec<(usize, usize)> = pick.iter().enumerate().map(|(c, &i)| lists[c][i]).collect();
        let start = chosen.iter().map(|s| s.0).min().unwrap();
        let last = chosen.iter().copied().max().unwrap();
        let width = last.1.max(start) - start;
        best = Some(best.map_or(width, |b| b.min(width)));
        let mut k = 0;
        while k < pick.len() {
            pick[k] += 1;
            if pick[k] < lists[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
        if k == pick.len() {
            break;
        }
    }
    let own: usize = clauses.iter().map(|c| c.iter().map(Vec::len).min().unwrap()).sum();
    let gap = best.unwrap().saturating_sub(own);
    1.0 + 1.0 / (1.0 + gap as f64 / 8.0)
}

//! Snippets: about 100 characters of a document around its densest cluster
//! of matches, as fragments the caller inserts as text.
//!
//! The window is the 100-character stretch holding the most matches (the
//! earliest such stretch on a tie), centred on them, then moved to sentence
//! boundaries (`。！？；`, line breaks) when one lies within 20 characters,
//! so a snippet reads as whole sentences where it can. An ellipsis `…` marks
//! text cut mid-sentence. A document without matches in its text (a title
//! match) gets its opening instead.

use super::results::Fragment;

/// Target snippet length in characters.
pub const WINDOW: usize = 100;
/// How far a window edge may move to reach a sentence boundary.
const SNAP: usize = 20;

fn is_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// The snippet of `text` with `marks` (byte ranges of `text`, sorted by start).
pub fn build(text: &str, marks: &[(usize, usize)]) -> Vec<Fragment> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_of = |b: usize| chars.partition_point(|&(x, _)| x < b);
    // Merged marks, in characters.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in marks {
        let (a, b) = (char_of(a), char_of(b));
        match spans.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => spans.push((a, b)),
        }
    }
    let (ws, we) = if n <= WINDOW + SNAP {
        (0, n)
    } else if spans.is_empty() {
        (0, snap_end(&chars, WINDOW, 0))
    } else {
        let (first, last) = densest(&spans);
        let (span_start, span_end) = (spans[first].0, spans[last].1);
        let pad = WINDOW.saturating_sub(span_end - span_start) / 2;
        let ws = snap_start(&chars, span_start.saturating_sub(pad), span_start);
        let we = snap_end(&chars, (ws + WINDOW).max(span_end), span_end);
        (ws, we)
    };
    let piece = |a: usize, b: usize| text.get(byte_of(a)..byte_of(b)).unwrap_or_default().to_string();
    let mut out: Vec<Fragment> = Vec::new();
    let mut push = |s: String, mark: bool| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(&s),
            _ => out.push(Fragment { text: s, mark }),
        }
    };
    if ws > 0 && !is_break(chars[ws - 1].1) {
        push("…".into(), false);
    }
    let mut at = ws;
    for &(a, b) in &spans {
        let (a, b) = (a.max(ws), b.min(we));
        if a >= b {
            continue;
        }
        push(piece(at, a), false);
        push(piece(a, b), true);
        at = b;
    }
    push(piece(at, we), false);
    if we < n && !is_break(chars[we - 1].1) {
        push("…".into(), false);
    }
    out
}

/// The run of spans `first..=last` with the most spans inside one window.
fn densest(spans: &[(usize, usize)]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut j = 0;
    for i in 0..spans.len() {
        j = j.max(i);
        while j + 1 < spans.len() && spans[j + 1].1 <= spans[i].0 + WINDOW {
            j += 1;
        }
        if j - i > best.1 - best.0 {
            best = (i, j);
        }
    }
    best
}

/// Move a window start back or forward to a sentence start within `SNAP`
/// characters, never past `limit` (the first match).
fn snap_start(chars: &[(usize, char)], at: usize, limit: usize) -> usize {
    let lo = at.saturating_sub(SNAP);
    let hi = (at + SNAP).min(limit);
    (lo..=hi).filter(|&i| i == 0 || is_break(chars[i - 1].1)).min_by_key(|&i| i.abs_diff(at)).unwrap_or(at)
}

/// Move a window end to just after a sentence end within `SNAP` characters,
/// never before `limit` (the last match's end).
fn snap_end(chars: &[(usize, char)], at: usize, limit: usize) -> usize {
    let n = chars.len();
    let at = at.min(n);
    let lo = at.saturating_sub(SNAP).max(limit).max(1);
    let hi = (at + SNAP).min(n);
    (lo..=hi).filter(|&i| i == n || is_break(chars[i - 1].1)).min_by_key(|&i| i.abs_diff(at)).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: &[Fragment]) -> String {
        f.iter().map(|f| if f.mark { format!("[{}]", f.text) } else { f.text.clone() }).collect()
    }

    fn marks_of(text: &str, term: &str) -> Vec<(usize, usize)> {
        text.match_indices(term).map(|(i, m)| (i, i + m.len())).collect()
    }

    #[test]
    fn short_text_is_whole_with_marks() {
        let text = "拉萨市坚持制度治党。";
        assert_eq!(render(&build(text, &marks_of(text, "拉萨"))), "[拉萨]市坚持制度治党。");
    }

    #[test]
    fn window_snaps_to_sentences_around_the_densest_matches() {
        let filler = "这是一个没有关键词的很长的句子用来填充文本。".repeat(8);
        let text = format!("{filler}林芝市坚持大抓基层。林芝市以工布江达县为试点。{filler}");
        let f = build(&text, &marks_of(&text, "林芝"));
        let s = render(&f);
        assert!(s.contains("[林芝]市坚持大抓基层。[林芝]市以工布江达县为试点。"), "{s}");
        let len = s.chars().filter(|&c| c != '[' && c != ']').count();
        assert!((80..=142).contains(&len), "{len}: {s}");
        assert!(f.iter().filter(|f| f.mark).count() == 2);
    }

    #[test]
    fn no_marks_gives_the_opening() {
        let text = "第一句话很短。".repeat(30);
        let s = render(&build(&text, &[]));
        assert!(s.starts_with("第一句话很短。"));
        assert!(s.chars().count() <= WINDOW + SNAP + 1, "{s}");
    }

    #[test]
    fn overlapping_marks_merge() {
        let text = "哈哈哈";
        assert_eq!(render(&build(text, &[(0, 6), (3, 9)])), "[哈哈哈]");
    }
}

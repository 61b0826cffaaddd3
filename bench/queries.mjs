// The benchmark query mix, generated from a corpus with a fixed seed.
//
// Classes (the numbers are per class):
//   char        40 single characters drawn from the text (frequent and rare alike)
//   word2       40 two-character substrings
//   phrase4     30 four-character substrings
//   cross       30 substrings that cut across the corpus segmentation
//               (start or end inside a token, like 建工 in 党建|工作)
//   multi       30 two-term queries (two words of one document)
//   filtered    30 two-character substrings with a metadata filter
// 200 queries in all. The same seed and corpus give the same queries.

export function rng(seed) {
  let s = BigInt(seed) | 1n;
  return (n) => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    const x = (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
    return Number(x % BigInt(Math.max(1, n)));
  };
}

const hasSpaceOrQuote = (s) => /[\s"＂\-－]/.test(s) || s === "OR";

export function makeQueries(corpus, info, seed = 2024) {
  const next = rng(seed);
  const docs = info.documents;
  const text = (id) => corpus.doc(id).text;
  const chars = (s) => Array.from(s);
  const substring = (len) => {
    for (;;) {
      const cs = chars(text(next(docs)));
      if (cs.length < len) continue;
      const start = next(cs.length - len + 1);
      const s = cs.slice(start, start + len).join("");
      if (!hasSpaceOrQuote(s)) return s;
    }
  };
  const out = [];
  for (let i = 0; i < 40; i++) out.push({ kind: "char", query: substring(1) });
  for (let i = 0; i < 40; i++) out.push({ kind: "word2", query: substring(2) });
  for (let i = 0; i < 30; i++) out.push({ kind: "phrase4", query: substring(4) });
  // Across token boundaries: two characters from the end of one token and
  // the start of the next.
  while (out.filter((q) => q.kind === "cross").length < 30) {
    const t = text(next(docs));
    const tokens = corpus.segment(t.slice(0, 400)).map((x) => x.word);
    const k = next(Math.max(1, tokens.length - 1));
    const [a, b] = [tokens[k], tokens[k + 1]];
    if (!a || !b || a.length < 2 || hasSpaceOrQuote(a + b)) continue;
    const q = chars(a).slice(-1).join("") + chars(b)[0];
    if (!hasSpaceOrQuote(q)) out.push({ kind: "cross", query: q });
  }
  while (out.filter((q) => q.kind === "multi").length < 30) {
    const words = corpus
      .segment(text(next(docs)).slice(0, 300))
      .map((x) => x.word)
      .filter((w) => w.length >= 2 && !hasSpaceOrQuote(w));
    if (words.length < 2) continue;
    const a = words[next(words.length)];
    const b = words[next(words.length)];
    if (a !== b) out.push({ kind: "multi", query: `${a} ${b}`, term: a });
  }
  const facets = Object.entries(info.fields).filter(([, values]) => values.length > 1);
  for (let i = 0; i < 30; i++) {
    const q = { kind: "filtered", query: substring(2) };
    if (facets.length) {
      const [field, values] = facets[next(facets.length)];
      q.filters = { [field]: [values[next(Math.min(values.length, 20))].value] };
    }
    out.push(q);
  }
  return out;
}

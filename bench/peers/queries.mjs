// The query set of the side-by-side benchmark, generated from the corpus with
// a fixed seed, with the exact answer of each query.
//
//   node bench/peers/queries.mjs [--corpus <stories.jsonl>] [--bundle <its yuliao bundle>] [--seed 2024] [--out <queries.json>]
//
// Queries use letters and digits only (no punctuation or spaces inside a
// term), so that every engine can at least in principle find them. Word
// boundaries are jieba's as yuliao builds with them: corpus.segment() of the
// bundle reproduces the build's segmentation (jieba with its HMM, then the
// corpus vocabulary), applied to a whole document text. Classes, with the
// number of queries:
//
//   char      40  single characters: 20 drawn by position in the text (so
//                 frequent ones), 20 drawn uniformly from the distinct
//                 letters and digits of the text (so mostly rare ones)
//   word2     40  two-character words of the segmentation
//   phrase4   30  four-character substrings
//   cross     30  15 proper substrings of a word of three characters or more
//                 (拉萨 in 拉萨市), 15 two-character strings across a word
//                 boundary: the last character of one word of two or more
//                 characters and the first of the next (建工 in 党建|工作)
//   rare      15  three-character substrings found in 1 to 3 documents
//   frequent  15  two-character words found in at least 10% of the documents
//   multi     30  two words (two characters or more) of one document,
//                 space-separated: both required
//   filtered  30  a two-character substring of a document, filtered on one
//                 of that document's kind, column, year, month or date
//
// The truth of a query is the set of documents whose folded title + "\n" +
// text (common.mjs: full-width forms to ASCII, ideographic space to space,
// Latin lowercase, as yuliao folds) contains every folded term, and that
// pass the filter: a plain `includes` scan of every document.

import { mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { rng } from "../queries.mjs";
import { DEFAULT_CORPUS, OUT, FILTER_FIELDS, readCorpus, fold, haystack, passes, parseArgs, writeJson } from "./common.mjs";
import { openBundle } from "./engines/yuliao.mjs";

export const CLASSES = ["char", "word2", "phrase4", "cross", "rare", "frequent", "multi", "filtered"];
const OK = /^[\p{L}\p{N}]+$/u;

/** segment(text) -> the words of text, as yuliao's corpus.segment gives them. */
export function makeQueries(docs, segment, seed = 2024) {
  const next = rng(seed);
  const N = docs.length;
  const folded = docs.map(haystack);
  const df = (term) => {
    const t = fold(term);
    let n = 0;
    for (const h of folded) if (h.includes(t)) n++;
    return n;
  };
  const chars = (s) => Array.from(s);
  const randomDoc = () => docs[next(N)];
  const substring = (len, doc = randomDoc()) => {
    for (let tries = 0; ; tries++) {
      const cs = chars(doc.text);
      if (cs.length >= len) {
        const at = next(cs.length - len + 1);
        const s = cs.slice(at, at + len).join("");
        if (OK.test(s)) return s;
      }
      if (tries > 50) doc = randomDoc();
    }
  };
  // The words of a random document (its text, segmented as the build did).
  const words = (doc = randomDoc()) => segment(doc.text);

  const out = [];
  const seen = new Set();
  const add = (kind, query, extra = {}) => {
    const key = `${kind}\u0000${query}\u0000${JSON.stringify(extra.filters ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    out.push({ kind, query, ...extra });
    return true;
  };
  const count = (kind, sub) => out.filter((q) => q.kind === kind && (sub === undefined || q.sub === sub)).length;

  while (count("char") < 20) add("char", substring(1), { sub: "by-position" });
  const set = new Set();
  for (const d of docs) for (const c of d.text) set.add(c);
  const distinct = [...set].filter((c) => OK.test(c)).sort();
  while (count("char") < 40) add("char", distinct[next(distinct.length)], { sub: "by-character" });

  while (count("word2") < 40) {
    const ws = words().filter((w) => chars(w).length === 2 && OK.test(w));
    if (ws.length) add("word2", ws[next(ws.length)]);
  }
  while (count("phrase4") < 30) add("phrase4", substring(4));

  while (count("cross", "in-word") < 15) {
    const ws = words().filter((w) => chars(w).length >= 3 && OK.test(w));
    if (!ws.length) continue;
    const w = chars(ws[next(ws.length)]);
    const len = 2 + next(w.length - 2); // 2 .. length-1
    const at = next(w.length - len + 1);
    add("cross", w.slice(at, at + len).join(""), { sub: "in-word" });
  }
  while (count("cross", "across") < 15) {
    const ws = words();
    const k = next(Math.max(1, ws.length - 1));
    const [a, b] = [ws[k], ws[k + 1]];
    if (!a || !b || chars(a).length < 2 || chars(b).length < 2) continue;
    const q = chars(a).at(-1) + chars(b)[0];
    if (OK.test(q)) add("cross", q, { sub: "across", words: `${a}|${b}` });
  }

  while (count("rare") < 15) {
    const q = substring(3);
    const n = df(q);
    if (n >= 1 && n <= 3) add("rare", q);
  }
  for (let tries = 0; count("frequent") < 15; tries++) {
    const ws = words().filter((w) => chars(w).length === 2 && OK.test(w));
    if (!ws.length) continue;
    const w = ws[next(ws.length)];
    if (!seen.has(`frequent\u0000${w}\u0000{}`) && df(w) >= N / 10) add("frequent", w);
    if (tries > 5000) throw new Error("could not find 15 frequent words");
  }

  while (count("multi") < 30) {
    const ws = [...new Set(words().filter((w) => chars(w).length >= 2 && OK.test(w)))];
    if (ws.length < 2) continue;
    const a = ws[next(ws.length)];
    const b = ws[next(ws.length)];
    if (a !== b) add("multi", `${a} ${b}`);
  }

  while (count("filtered") < 30) {
    const doc = randomDoc();
    const fields = FILTER_FIELDS.filter((f) => doc[f] !== null);
    const field = fields[next(fields.length)];
    add("filtered", substring(2, doc), { filters: { [field]: doc[field] } });
  }

  // The truth: every document containing all the terms and passing the filter.
  for (const [i, q] of out.entries()) {
    q.i = i;
    q.terms = q.query.split(" ");
    const terms = q.terms.map(fold);
    q.truth = [];
    for (let d = 0; d < N; d++) {
      if (terms.every((t) => folded[d].includes(t)) && passes(docs[d], q.filters)) q.truth.push(d);
    }
    if (q.truth.length === 0) throw new Error(`query ${JSON.stringify(q.query)} has no answer`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const corpus = args.corpus ?? DEFAULT_CORPUS;
  const bundle = args.bundle ?? join(OUT, "yuliao/corpus.bundle");
  const seed = Number(args.seed ?? 2024);
  const out = args.out ?? join(OUT, "queries.json");
  if (!existsSync(bundle)) throw new Error(`${bundle} missing: build yuliao's bundle of ${corpus} first`);
  const t0 = performance.now();
  const docs = readCorpus(corpus);
  const c = await openBundle(bundle);
  if (c.info().documents !== docs.length) throw new Error(`${bundle} has ${c.info().documents} documents, ${corpus} ${docs.length}`);
  const queries = makeQueries(docs, (text) => c.segment(text).map((t) => t.word), seed);
  mkdirSync(dirname(out), { recursive: true });
  writeJson(out, { corpus, documents: docs.length, seed, classes: CLASSES, queries });
  const by = Object.fromEntries(CLASSES.map((k) => [k, queries.filter((q) => q.kind === k).length]));
  console.log(`${queries.length} queries ${JSON.stringify(by)} in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${out}`);
}

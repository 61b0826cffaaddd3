// Corpus linguistics in wasm (Node, the same V8 as Chromium): the time of
// each statistics call of the README's benchmark list, first call and
// median of five more, and what the statistics add to the module.
//
//   node bench/stats.mjs --label seeds --pkg pkg-stats --search-pkg pkg --out bench/out/seeds-stats.json
//   node bench/stats.mjs --label stories --pkg bench/out/stories-pkg --out bench/out/stories-stats.json
//
// The first corpus query of a page derives the corpus's tokens (the
// segmentation, from the text and the vocabulary); it is timed on its own,
// on a fresh corpus, before anything else. Figures are medians; nothing
// here passes or fails.
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const label = args.label ?? "corpus";
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;

/** The brotli size of a package's wasm and of the JavaScript it loads. */
function moduleSize(dir) {
  const js = [join(dir, "yuliao.js")];
  const snippets = join(dir, "snippets");
  if (existsSync(snippets)) {
    for (const f of readdirSync(snippets, { recursive: true })) if (String(f).endsWith(".js")) js.push(join(snippets, String(f)));
  }
  const wasm = brotli(readFileSync(join(dir, "yuliao_bg.wasm")));
  const script = js.map((f) => brotli(readFileSync(f))).reduce((a, b) => a + b, 0);
  return { wasm, js: script, total: wasm + script };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const mod = await import(pathToFileURL(join(args.pkg, "yuliao.js")).href);
await mod.default({ module_or_path: readFileSync(join(args.pkg, "yuliao_bg.wasm")) });
const open = () => (mod.Corpus.embedded ? mod.Corpus.embedded() : null);

// The first token query, on a fresh corpus: derives the tokens.
const cqlQuery = '[pos="a"] "的" [pos="n.*"]';
let t = performance.now();
const fresh = open();
const firstCql = fresh.concordance(cqlQuery, { limit: 0 });
const firstTokenQueryMs = performance.now() - t;
fresh.free();

const corpus = open();
const info = corpus.info();
const fields = new Set(info.schema.map((f) => f.name));
const focusField = fields.has("year") ? "year" : fields.has("region") ? "region" : info.schema.find((f) => f.facet)?.name;
const focusValue = focusField === "year" ? 2024 : info.fields[focusField]?.[0]?.value;
const dispersionBy = fields.has("date") ? "date" : "doc";

const calls = [
  ["cql", `concordance(${cqlQuery}), all matches counted`, () => corpus.concordance(cqlQuery, { limit: 0 }).total],
  ["wordList", "frequencies() of every word (first 100 rows)", () => corpus.frequencies(null, { limit: 100 }).types],
  ["collocates", "collocates(发展, window [5, 5])", () => corpus.collocates("发展", { window: [5, 5] }).total],
  ["ngrams", "ngrams({ n: 3 })", () => corpus.ngrams({ n: 3 }).types],
  ["dispersion", `dispersion(改革, by ${dispersionBy})`, () => corpus.dispersion("改革", { by: dispersionBy }).range],
  ["keywords", `keywords(${focusField} ${focusValue} against the rest)`, () => corpus.keywords({ focus: { [focusField]: [focusValue] } }).total],
  ["kwic", "concordance(发展, sort [L1, R1])", () => corpus.concordance("发展", { sort: ["L1", "R1"], limit: 50 }).total],
];

const results = {};
corpus.concordance("[]", { limit: 0 }); // tokens derived for this corpus too
for (const [key, what, f] of calls) {
  const times = [];
  let answer;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    answer = f();
    times.push(performance.now() - t0);
  }
  results[key] = { what, firstMs: times[0], medianMs: median(times.slice(1)), answer };
}

const out = {
  label,
  documents: info.documents,
  tokens: info.tokens,
  firstTokenQueryMs,
  firstTokenQueryMatches: firstCql.total,
  calls: results,
  module: { stats: moduleSize(args.pkg), searchOnly: args["search-pkg"] ? moduleSize(args["search-pkg"]) : null },
};

const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`\n== ${label}: ${info.documents} documents, ${info.tokens} tokens (corpus linguistics, wasm in Node)`);
console.log(`first token query (tokens derived, then ${cqlQuery}): ${ms(firstTokenQueryMs)}`);
for (const [key, r] of Object.entries(results)) {
  console.log(`  ${key.padEnd(11)} first ${ms(r.firstMs).padStart(10)}  median ${ms(r.medianMs).padStart(10)}   ${r.what} → ${r.answer}`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`module with statistics: ${kb(out.module.stats.total)} brotli (wasm ${kb(out.module.stats.wasm)}, js ${kb(out.module.stats.js)})`);
if (out.module.searchOnly) console.log(`search-only module:      ${kb(out.module.searchOnly.total)} brotli (${out.module.searchOnly.total} bytes)`);
if (args.out) writeFileSync(args.out, JSON.stringify(out, null, 2));

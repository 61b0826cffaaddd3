// yuliao benchmark: sizes, start-up and query latency of a built wasm package,
// run in Node (whose V8 runs the same wasm as Chromium).
//
//   node bench/bench.mjs --pkg <wasm-pack output dir> --corpus <corpus path> --label <name>
//                        [--build <json report of `yuliao build`>] [--out <file.json>]
//                        [--bundle <bundle file> --engine <engine-only package dir>]
//
// With --bundle, also times Corpus.fromBytes of that file (already in
// memory) in the engine-only package: the first call and the median of 10.
//
// The query mix is generated from the corpus itself with a fixed seed (see
// queries.mjs), so a run is reproducible. Latencies are per call, over three
// passes of the mix after one warm-up pass; reported as median and p95.

import { readFileSync, writeFileSync, statSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { pathToFileURL } from "node:url";
import { makeQueries } from "./queries.mjs";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith("--") && a !== "--quick" ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const pkg = resolve(args.pkg);
const label = args.label ?? "corpus";

// --quick: skip compressing (a 55 MB module takes a minute at quality 11).
const quick = process.argv.includes("--quick");
const brotli = (b) => quick ? NaN : brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
const gzip = (b) => (quick ? NaN : gzipSync(b, { level: 9 }).length);
const sizes = (b) => ({ raw: b.length, gzip: gzip(b), brotli: brotli(b) });

function corpusBytes(path) {
  const st = statSync(path);
  if (st.isFile()) return readFileSync(path);
  return Buffer.concat(readdirSync(path).sort().filter((f) => /\.(txt|jsonl)$/.test(f)).map((f) => readFileSync(join(path, f))));
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const stats = (times) => {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
};

const wasmBytes = readFileSync(join(pkg, "yuliao_bg.wasm"));
// The JavaScript a page loads with the module: wasm-bindgen's glue and the
// snippets it imports (the options' plain copy, the bundle download).
const snippets = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dir, f)));
const jsFiles = [readFileSync(join(pkg, "yuliao.js")), ...(existsSync(join(pkg, "snippets")) ? snippets(join(pkg, "snippets")) : [])];
// Each file is downloaded (and compressed) on its own.
const jsSizes = jsFiles.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
const raw = corpusBytes(args.corpus);

const mod = await import(pathToFileURL(join(pkg, "yuliao.js")).href);
let t = performance.now();
await mod.default({ module_or_path: wasmBytes });
const instantiateMs = performance.now() - t;

// Corpus.embedded(): first call, then the median of 20 more.
t = performance.now();
const corpus = mod.Corpus.embedded();
const embeddedFirstMs = performance.now() - t;
const again = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  mod.Corpus.embedded().free();
  again.push(performance.now() - t0);
}

let fromBytes = null;
if (args.bundle && args.engine) {
  const engine = await import(pathToFileURL(join(resolve(args.engine), "yuliao.js")).href);
  await engine.default({ module_or_path: readFileSync(join(resolve(args.engine), "yuliao_bg.wasm")) });
  const file = new Uint8Array(readFileSync(args.bundle));
  const times = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    const c = engine.Corpus.fromBytes(file);
    times.push(performance.now() - t0);
    if (c.info().documents !== corpus.info().documents) throw new Error("the bundle file is another corpus");
    c.free();
  }
  fromBytes = { bytes: file.length, firstMs: times[0], medianMs: stats(times.slice(1)).p50 };
}

const info = corpus.info();
const queries = makeQueries(corpus, info, 2024);
const time = (f) => {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
};

// One warm-up pass, then three measured passes.
const byClass = {};
const all = { search: [], concordance: [] };
for (let pass = 0; pass < 4; pass++) {
  for (const q of queries) {
    const [ts, rs] = time(() => corpus.search(q.query, { limit: 10, filters: q.filters ?? {} }));
    const [tc, rc] = time(() => corpus.concordance(q.term ?? q.query, { limit: 50, filters: q.filters ?? {} }));
    if (pass === 0) {
      q.hits = rs.total;
      q.occurrences = rc.total;
      continue;
    }
    (byClass[q.kind] ??= { search: [], concordance: [] }).search.push(ts);
    byClass[q.kind].concordance.push(tc);
    all.search.push(ts);
    all.concordance.push(tc);
  }
}

const build = args.build ? JSON.parse(readFileSync(args.build, "utf8")) : null;
const result = {
  label,
  corpus: { path: args.corpus, documents: info.documents, characters: info.characters, ...sizes(raw) },
  build,
  wasm: sizes(wasmBytes),
  js: jsSizes,
  instantiateMs,
  embeddedFirstMs,
  embeddedMs: stats(again).p50,
  fromBytes,
  queries: queries.length,
  search: stats(all.search),
  concordance: stats(all.concordance),
  byClass: Object.fromEntries(
    Object.entries(byClass).map(([k, v]) => [k, { search: stats(v.search), concordance: stats(v.concordance) }]),
  ),
  examples: queries.slice(0, 3).map(({ kind, query, hits, occurrences }) => ({ kind, query, hits, occurrences })),
};

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`\n== ${label}: ${info.documents} documents, ${info.characters} characters`);
if (build) console.log(`build: ${build.seconds.toFixed(1)} s, peak memory ${(build.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB`);
console.log(`raw corpus: ${kb(result.corpus.raw)} (brotli ${kb(result.corpus.brotli)})`);
console.log(`wasm: ${kb(result.wasm.raw)} raw, ${kb(result.wasm.gzip)} gzip, ${kb(result.wasm.brotli)} brotli; js glue ${kb(result.js.brotli)} brotli`);
console.log(`wasm+js brotli / corpus brotli: ${((result.wasm.brotli + result.js.brotli) / result.corpus.brotli).toFixed(2)}`);
console.log(`instantiate ${ms(instantiateMs)}; Corpus.embedded() first ${ms(embeddedFirstMs)}, median ${ms(result.embeddedMs)}`);
if (fromBytes) console.log(`Corpus.fromBytes(${kb(fromBytes.bytes)} bundle file in memory): first ${ms(fromBytes.firstMs)}, median ${ms(fromBytes.medianMs)}`);
console.log(`search      p50 ${ms(result.search.p50)}  p95 ${ms(result.search.p95)}  max ${ms(result.search.max)}  (${result.search.n} calls)`);
console.log(`concordance p50 ${ms(result.concordance.p50)}  p95 ${ms(result.concordance.p95)}  max ${ms(result.concordance.max)}`);
for (const [k, v] of Object.entries(result.byClass)) {
  console.log(`  ${k.padEnd(14)} search p50 ${ms(v.search.p50)} p95 ${ms(v.search.p95)} | concordance p50 ${ms(v.concordance.p50)} p95 ${ms(v.concordance.p95)}`);
}
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));

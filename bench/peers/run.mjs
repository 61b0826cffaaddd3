// yuliao side by side with MiniSearch, FlexSearch and Pagefind on one corpus,
// one query set, one run (`make bench-peers`):
//
//   node bench/peers/run.mjs [--corpus <jsonl>] [--docs <n>] [--engines yuliao,minisearch,...]
//                            [--out <dir>] [--seed 2024] [--skip-build]
//
// --corpus   default ../shared/corpora/cctv-xwlb/stories.jsonl
// --docs n   only the first n documents (a development run; the subset is
//            written to the system's temporary directory, never to the repo)
// --out      default bench/out/peers (bench/out is not committed)
// --engines  default yuliao,minisearch,minisearch-exact,flexsearch,pagefind
//            (flexsearch-nocontext is the other FlexSearch variant)
// --yuliao <dir>  yuliao's CLI and engine package from another source tree
//            (<dir>/target/release/yuliao, <dir>/pkg-engine; default this
//            repository; copied to <out>/yuliao-engine for the run)
// --no-chromium  skip the check of Pagefind's answers in headless Chromium
//            (pagefind-chromium.mjs; skipped anyway without /usr/bin/chromium)
// --skip-build, --skip-queries  reuse the files of an earlier run (development)
//
// Each engine builds in a fresh Node process, then the query set is generated
// (queries.mjs, needs yuliao's bundle for the segmentation), then each engine
// answers it in a fresh Node process (engine.mjs). Last, this process
// measures the sizes on the wire (brotli, cached by content) and writes
// <out>/summary.json and <out>/summary.md (the table of BENCHMARKS.md).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, rmSync } from "node:fs";
import { tmpdir, loadavg, cpus, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { DEFAULT_CORPUS, ROOT, parseArgs, readCorpus, readJson, writeJson, wireSize, brotliSize, percentile, packageVersion } from "./common.mjs";
import { DEFAULT_ENGINES, ENGINES } from "./engines/index.mjs";
import { CLASSES } from "./queries.mjs";
import { snapshot } from "./engines/yuliao.mjs";

const args = parseArgs();
const OUT = resolve(args.out ?? join(ROOT, "bench/out/peers"));
const engines = args.engines ? String(args.engines).split(",") : DEFAULT_ENGINES;
for (const e of engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e}`);
if (engines[0] !== "yuliao") throw new Error("yuliao must be the first engine (its bundle gives the query set, its figures the ratios)");
const HERE = join(ROOT, "bench/peers");
mkdirSync(OUT, { recursive: true });
process.env.PEERS_OUT = OUT;
// yuliao's CLI and package, copied once for the whole run.
if (!args["skip-build"]) snapshot(resolve(String(args.yuliao ?? ROOT)), join(OUT, "yuliao-engine"));
process.env.YULIAO_SRC = join(OUT, "yuliao-engine");

let corpus = resolve(args.corpus ?? DEFAULT_CORPUS);
if (!existsSync(corpus)) {
  console.log(`(${corpus} not found: nothing to benchmark)`);
  process.exit(0);
}
const fullCorpus = corpus;
if (args.docs) {
  const n = Number(args.docs);
  const lines = readFileSync(corpus, "utf8").split("\n").filter((l) => l.trim());
  corpus = join(tmpdir(), `yuliao-peers-${n}.jsonl`);
  writeFileSync(corpus, lines.slice(0, n).join("\n") + "\n");
}
const started = new Date();
const load0 = loadavg();

const env = { ...process.env };
function node(script, argv, label) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=16384", join(HERE, script), ...argv], { env, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ""})`);
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${label}: ${s.toFixed(1)} s`);
  return s;
}
const phaseSeconds = {};

if (!args["skip-build"]) {
  for (const e of engines) {
    if (e === "minisearch-exact" && !engines.includes("minisearch")) throw new Error("minisearch-exact uses the files of minisearch");
    if (e === "minisearch-exact") continue;
    phaseSeconds[`${e} build`] = node("engine.mjs", ["--engine", e, "--phase", "build", "--corpus", corpus], `${e} build`);
  }
}
if (!args["skip-queries"]) phaseSeconds.queries = node("queries.mjs", ["--corpus", corpus, "--seed", String(args.seed ?? 2024)], "query set");
if (!args["skip-queries"]) for (const e of engines) phaseSeconds[`${e} query`] = node("engine.mjs", ["--engine", e, "--phase", "query"], `${e} queries`);
const CHROMIUM = "/usr/bin/chromium";
const withChromium = engines.includes("pagefind") && !args["no-chromium"] && existsSync(CHROMIUM);
if (withChromium && !args["skip-queries"]) phaseSeconds["pagefind in Chromium"] = node("pagefind-chromium.mjs", [], "pagefind in Chromium (check)");

// ---- figures ---------------------------------------------------------------
const figuresStart = performance.now();

const Q = readJson(join(OUT, "queries.json"));
const docs = readCorpus(corpus);
if (Q.documents !== docs.length) throw new Error("queries.json is of another corpus");
const raw = join(tmpdir(), `yuliao-peers-text-${docs.length}.txt`);
writeFileSync(raw, docs.map((d) => `${d.title}\n${d.text}`).join("\n"));
const rawText = { bytes: statSync(raw).size, brotli: brotliSize(raw), characters: docs.reduce((n, d) => n + Array.from(d.title).length + Array.from(d.text).length, 0) };
rmSync(raw);
if (corpus !== fullCorpus) rmSync(corpus); // the subset of a --docs run

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => (xs.length ? sum(xs) / xs.length : NaN);
const res = {};
for (const e of engines) {
  const q = readJson(join(OUT, `${e}.query.json`));
  const buildEngine = e === "minisearch-exact" ? "minisearch" : e;
  const b = readJson(join(OUT, `${buildEngine}.build.json`));
  if (b.documents !== docs.length || q.documents !== docs.length) throw new Error(`${e}: figures of another corpus`);
  if (q.queries.length !== Q.queries.length) throw new Error(`${e}: ${q.queries.length} queries answered of ${Q.queries.length}`);
  for (const [i, r] of q.queries.entries()) {
    if (r.truth !== Q.queries[i].truth.length || r.query !== Q.queries[i].query) throw new Error(`${e}: query ${i} is not the query set's`);
    if (r.times.length !== 3) throw new Error(`${e}: query ${i} timed ${r.times.length} times`);
  }
  const download = q.download.map((f) => ({ ...wireSize(f.path), what: f.what, path: relative(ROOT, f.path) }));
  const text = q.textFiles.map((p) => ({ ...wireSize(p), path: relative(ROOT, p) }));
  // The headline answer of a query: on a fresh page for an engine whose
  // answers depend on earlier queries (Pagefind), else the recall pass's.
  const head = (r) => r.fresh ?? r;
  const recallOf = (rs, pick = head) => ({
    recall: mean(rs.map((r) => pick(r).recall)),
    full: rs.filter((r) => pick(r).recall === 1).length,
    precision: mean(rs.map((r) => pick(r).precision ?? 1)),
  });
  const byClass = {};
  for (const k of CLASSES) {
    const rs = q.queries.filter((r) => r.kind === k);
    byClass[k] = { n: rs.length, ...recallOf(rs) };
    if (rs.some((r) => r.alt)) byClass[k].alt = { name: rs.find((r) => r.alt).alt.name, ...recallOf(rs, (r) => r.alt ?? r) };
    if (rs.some((r) => r.fresh)) byClass[k].recallPass = recallOf(rs, (r) => r);
  }
  let cold = null;
  if (q.coldFetches) {
    // Per query: the fixed files (pagefind.js, its worker) + what a fresh page fetched.
    const fixed = download.filter((f) => /pagefind(-worker)?\.js$/.test(f.path));
    const perQuery = q.coldFetches.map((files) => sum(fixed.map((f) => f.wire)) + sum(files.map((p) => wireSize(p).wire)));
    const s = [...perQuery].sort((a, b) => a - b);
    cold = { differ: q.coldDiffer, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1), min: s[0], files: { p50: percentile(q.coldFetches.map((f) => f.length).sort((a, b) => a - b), 50) } };
  }
  res[e] = {
    version: q.version,
    config: q.config,
    build: b.build,
    buildNodeMaxRssBytes: b.build.nodeMaxRssBytes,
    loadMs: q.loadMs,
    loadDetail: q.loadDetail,
    firstQueryMs: q.firstQueryMs,
    memoryAfterLoad: q.memoryAfterLoad,
    memoryAfterQueries: q.memoryAfterQueries,
    latency: q.latency,
    // Per query, the median of its three timed passes; then p50 and p95 over
    // the queries (robust to the odd preemption on a shared machine).
    latencyMedians: (() => {
      const m = q.queries.map((r) => [...r.times].sort((a, b) => a - b)[1]).sort((a, b) => a - b);
      return { n: m.length, p50: percentile(m, 50), p95: percentile(m, 95), max: m.at(-1) };
    })(),
    latencySearchOnly: q.latencySearchOnly,
    ...recallOf(q.queries),
    microRecall: sum(q.queries.map((r) => head(r).correct)) / sum(q.queries.map((r) => r.truth)),
    recallPass: q.queries.some((r) => r.fresh) ? recallOf(q.queries, (r) => r) : undefined,
    verbatim: q.queries.some((r) => r.verbatim) ? recallOf(q.queries, (r) => r.verbatim) : undefined,
    alt: q.queries.some((r) => r.alt) ? recallOf(q.queries, (r) => r.alt ?? r) : undefined,
    inexact: q.queries.some((r) => r.inexact !== undefined) ? sum(q.queries.map((r) => r.inexact ?? 0)) : undefined,
    byClass,
    download,
    downloadWire: sum(download.map((f) => f.wire)),
    downloadRaw: sum(download.map((f) => f.raw)),
    textWire: text.length ? sum(text.map((f) => f.wire)) : 0,
    text,
    cold,
    recallPassSeconds: q.recallPassSeconds,
  };
}

phaseSeconds["sizes (brotli)"] = (performance.now() - figuresStart) / 1000;
const chromiumCheck = withChromium ? readJson(join(OUT, "pagefind.chromium.json")) : null;
if (chromiumCheck) {
  res.pagefind.chromium = { version: chromiumCheck.chromium, agree: chromiumCheck.agree, usedWorker: chromiumCheck.usedWorker, sameFiles: chromiumCheck.sameFiles, of: chromiumCheck.queries.length };
}
const machine = {
  uname: spawnSync("uname", ["-a"], { encoding: "utf8" }).stdout.trim(),
  cpus: `${cpus().length} × ${cpus()[0]?.model}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  chromium: chromiumCheck?.chromium ?? null,
  loadavgAtStart: load0.map((x) => x.toFixed(2)).join(" "),
  loadavgAtEnd: loadavg().map((x) => x.toFixed(2)).join(" "),
};
const versions = {
  yuliao: res.yuliao.version,
  minisearch: packageVersion("minisearch"),
  flexsearch: packageVersion("flexsearch"),
  pagefind: packageVersion("pagefind"),
  "@pagefind/linux-x64": packageVersion("@pagefind/linux-x64"),
};
// A summary again of the files of an earlier run (--skip-build --skip-queries)
// keeps that run's times, command and load.
const previous = args["skip-build"] && args["skip-queries"] && existsSync(join(OUT, "summary.json")) ? readJson(join(OUT, "summary.json")) : null;
if (previous) {
  Object.assign(phaseSeconds, previous.phaseSeconds, { "sizes (brotli)": previous.phaseSeconds["sizes (brotli)"] });
  machine.loadavgAtStart = previous.machine.loadavgAtStart;
  machine.loadavgAtEnd = previous.machine.loadavgAtEnd;
}
const summary = {
  started: previous?.started ?? started.toISOString(),
  finished: previous?.finished ?? new Date().toISOString(),
  summarizedAgain: previous ? new Date().toISOString() : undefined,
  command: previous?.command ?? `node bench/peers/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
  corpus: relative(ROOT, fullCorpus),
  documents: docs.length,
  subset: args.docs ? `first ${docs.length} documents` : null,
  seed: Q.seed,
  queries: Q.queries.length,
  classes: Object.fromEntries(CLASSES.map((k) => [k, Q.queries.filter((q) => q.kind === k).length])),
  rawText,
  machine,
  versions,
  phaseSeconds,
  engines: res,
};
writeJson(join(OUT, "summary.json"), summary);

// ---- the table ---------------------------------------------------------------

const y = res.yuliao;
const MiB = 2 ** 20;
const f1 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const ratioText = (r) => (r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(2) : r >= 0.01 ? r.toFixed(3) : r.toPrecision(1));
const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? ` (${ratioText(a / b)}×)` : "");
const rows = [];
const row = (label, get, fmt, withRatio = true) =>
  rows.push([label, ...engines.map((e) => { const v = get(res[e]); return v === undefined || v === null || Number.isNaN(v) ? "—" : fmt(v) + (withRatio && e !== "yuliao" ? ratio(v, get(y)) : ""); })]);
row("recall, all queries (mean per query)", (r) => r.recall, pct);
row("queries with every match found", (r) => r.full, (v) => `${v} / ${Q.queries.length}`);
for (const k of CLASSES) row(`recall: ${k} (${summary.classes[k]})`, (r) => r.byClass[k].recall, pct);
row("recall: filtered, if the page filters every match itself", (r) => r.byClass.filtered.alt?.recall, pct, false);
row("recall, all queries, once every query's chunks are loaded", (r) => r.recallPass?.recall, pct, false);
row("precision, every hit returned (mean per query)", (r) => r.precision, pct);
row("precision, hits marked verbatim", (r) => r.verbatim?.precision, pct, false);
row("search p50 (ms; per query the median of 3 passes)", (r) => r.latencyMedians.p50, f1);
row("search p95 (ms; same)", (r) => r.latencyMedians.p95, f1);
row(`search p95 (ms; all ${3 * Q.queries.length} timings)`, (r) => r.latency.p95, f1);
row("build (s)", (r) => r.build.seconds, f1);
row("build peak memory (MiB)", (r) => (r.build.peakMemoryBytes ?? (r.build.servicePeakRssBytes ?? 0) + r.buildNodeMaxRssBytes) / MiB, f1);
row("download before the first query (brotli, MiB)", (r) => (r.cold ? r.cold.p50 : r.downloadWire) / MiB, f1);
row("… with every text too, for snippets (MiB)", (r) => (r.textWire ? (r.downloadWire + r.textWire) / MiB : null), f1, false);
row("… for the query of the set that needs most (MiB)", (r) => (r.cold ? r.cold.max : r.downloadWire) / MiB, f1);
row("memory after loading (RSS, MiB)", (r) => r.memoryAfterLoad.rss / MiB, f1);
row("memory after all the queries (RSS, MiB)", (r) => r.memoryAfterQueries.rss / MiB, f1);
row("load (ms)", (r) => r.loadMs, f1);
row("first query (ms)", (r) => r.firstQueryMs, f1);
const md = [
  `| | ${engines.join(" | ")} |`,
  `| --- | ${engines.map(() => "---:").join(" | ")} |`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
const head =
  `${docs.length} documents${args.docs ? ` (first ${docs.length} of ${relative(ROOT, fullCorpus)})` : ` (${relative(ROOT, fullCorpus)})`}, ` +
  `${rawText.characters.toLocaleString("en")} characters of title + text (${(rawText.bytes / MiB).toFixed(1)} MiB UTF-8, ${(rawText.brotli / MiB).toFixed(2)} MiB brotli); ` +
  `${Q.queries.length} queries (seed ${Q.seed}). Ratios are to yuliao in the same run.`;
const pc = res.pagefind?.chromium;
const foot = pc
  ? `\nPagefind in headless Chromium ${pc.version} (its Web Worker used on ${pc.usedWorker} of ${pc.of} pages): ` +
    `${pc.agree} of ${pc.of} answers identical to the Node fresh-page answers; the same files fetched (plus pagefind-worker.js) for ${pc.sameFiles}.\n`
  : "";
writeFileSync(join(OUT, "summary.md"), `${head}\n\n${md}\n${foot}`);
console.log(`\n${head}\n\n${md}\n${foot}\n(${join(OUT, "summary.md")}, ${join(OUT, "summary.json")})`);

// One engine, one phase, in a fresh Node process (run.mjs starts it with
// --expose-gc, so that memory is read after full collections):
//
//   node --expose-gc bench/peers/engine.mjs --engine <name> --phase build --corpus <jsonl>
//   node --expose-gc bench/peers/engine.mjs --engine <name> --phase query
//
// build: reads and parses the corpus (not timed), then the engine's build,
//   which times itself from the parsed documents to its files written (yuliao:
//   its CLI from the JSONL file, by its own report); this process's peak RSS.
// query: with the query set (queries.json of the output directory):
//   1. memory baseline, then, as a page does: import the engine, load its
//      files (timed), run the first query (timed), collect, read memory again:
//      "memory after loading" is the difference (RSS; the JS heap and the
//      external memory, which holds wasm memories, are kept apart);
//   2. the files fetched so far (downloadFiles);
//   3. one untimed pass of every query (see below), then the recall pass:
//      every match of every query, compared with the truth;
//   4. latency: one warm-up pass, then three measured passes of the whole
//      set, each query timed alone with performance.now(), from the call to
//      the ten best results in hand (awaited for Pagefind);
//      checked against the recall pass: the ten best must be among all
//      matches, and as many as min(10, matches);
//   5. memory after all queries; for Pagefind, whose answers depend on the
//      index chunks earlier queries loaded, each query again on a fresh page:
//      its answer (scored too) and the files fetched.
// The result is written to <output>/<engine>.<phase>.json.

import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { loadEngine } from "./engines/index.mjs";
import { OUT, DEFAULT_CORPUS, parseArgs, readCorpus, readJson, writeJson, memory, memoryDelta, stats, idsHash } from "./common.mjs";

const args = parseArgs();
const before = memory();
const engine = await loadEngine(args.engine);
const dir = join(OUT, engine.files);
const result = { engine: engine.name, config: engine.config, version: engine.version(), phase: args.phase };

function score(q, found) {
  const truth = new Set(q.truth);
  const returned = new Set(found);
  let correct = 0;
  for (const id of returned) if (truth.has(id)) correct++;
  const missed = [];
  for (const id of q.truth) if (!returned.has(id) && missed.length < 5) missed.push(id);
  const wrong = [];
  for (const id of returned) if (!truth.has(id) && wrong.length < 5) wrong.push(id);
  return { returned: returned.size, correct, recall: correct / truth.size, precision: returned.size ? correct / returned.size : null, missed, wrong };
}

async function call(q, opts) {
  const r = engine.search(state, q, opts);
  return r instanceof Promise ? await r : r;
}

let state;
if (args.phase === "build") {
  if (!engine.build) throw new Error(`${engine.name} has no build of its own`);
  const corpus = args.corpus ?? DEFAULT_CORPUS;
  const docs = readCorpus(corpus);
  result.documents = docs.length;
  result.rssAfterRead = memory().rss;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  result.build = await engine.build(docs, dir, { corpus });
  result.build.nodeMaxRssBytes = process.resourceUsage().maxRSS * 1024;
} else if (args.phase === "query") {
  const { queries, documents } = readJson(join(OUT, "queries.json"));
  result.documents = documents;
  let t = performance.now();
  state = await engine.load(dir);
  result.loadMs = performance.now() - t;
  if (state.detail) result.loadDetail = state.detail;
  t = performance.now();
  await call(queries[0], {});
  result.firstQueryMs = performance.now() - t;
  result.memoryAfterLoad = memoryDelta(memory(), before);
  result.download = engine.downloadFiles(dir, state);
  result.textFiles = engine.textFiles?.(dir) ?? [];

  // A first pass, not timed and not scored: an engine whose answer depends
  // on what earlier queries loaded (Pagefind) has then loaded all it will
  // for this query set, so the recall pass and the timed passes see the same
  // state. (Each query's answer on a fresh page is measured apart, at the end.)
  for (const q of queries) await call(q, { all: true });

  t = performance.now();
  const recall = [];
  result.queries = [];
  for (const q of queries) {
    const found = await call(q, { all: true });
    recall.push(new Set(found.ids));
    const r = { i: q.i, kind: q.kind, sub: q.sub, query: q.query, filters: q.filters, truth: q.truth.length, ...score(q, found.ids) };
    if (found.inexact !== undefined) r.inexact = found.inexact;
    if (found.verbatimIds) r.verbatim = score(q, found.verbatimIds);
    if (found.alt) r.alt = { name: found.alt.name, ...score(q, found.alt.ids) };
    result.queries.push(r);
  }
  result.recallPassSeconds = (performance.now() - t) / 1000;

  const times = queries.map(() => []);
  const searchOnly = queries.map(() => []);
  for (let pass = 0; pass < 4; pass++) {
    for (const [i, q] of queries.entries()) {
      const timing = {};
      const t0 = performance.now();
      const r = await call(q, { timing });
      const dt = performance.now() - t0;
      if (pass === 0) {
        // The ten best of the latency passes must be matches of the recall pass.
        const all = recall[i];
        const bad = r.ids.filter((id) => !all.has(id));
        if (bad.length || r.ids.length !== Math.min(10, all.size)) {
          throw new Error(`${engine.name}: query ${i} ${JSON.stringify(q.query)}: ten best ${JSON.stringify(r.ids)} vs ${all.size} matches in the recall pass`);
        }
        continue;
      }
      times[i].push(dt);
      if (timing.searchOnlyMs !== undefined) searchOnly[i].push(timing.searchOnlyMs);
    }
  }
  for (const [i, r] of result.queries.entries()) r.times = times[i];
  result.latency = stats(times.flat());
  if (searchOnly[0].length) result.latencySearchOnly = stats(searchOnly.flat());
  result.memoryAfterQueries = memoryDelta(memory(), before);
  if (engine.coldFetches) {
    const cold = await engine.coldFetches(state, queries);
    result.coldFetches = cold.map((c) => c.files);
    // Each query's answer on a fresh page (the query first), scored; and the
    // queries where it differs from the recall pass's.
    result.coldDiffer = [];
    for (const [i, c] of cold.entries()) {
      result.queries[i].fresh = { ...score(queries[i], c.ids), hash: idsHash(c.ids) };
      const a = recall[i];
      if (c.ids.length !== a.size || c.ids.some((id) => !a.has(id))) result.coldDiffer.push({ i, query: queries[i].query, fresh: c.ids.length, recallPass: a.size });
    }
  }
} else {
  throw new Error("--phase build|query");
}

writeJson(join(OUT, `${engine.name}.${args.phase}.json`), result);
console.log(`${engine.name} ${args.phase} done`);
// Pagefind's service and wasm may keep handles open; the results are written.
process.exit(0);

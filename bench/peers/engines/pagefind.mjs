// Pagefind through its Node indexing API (npm `pagefind`), which runs the
// `pagefind_extended` binary of @pagefind/linux-x64 when present (the build
// that segments Chinese at indexing time; npm 1.6.0 ships only that one for
// linux-x64). One custom record per document, language "zh", content =
// title + "\n" + text (a custom record's meta title is not searched), meta
// title, filters kind, column, year, month, date.
//
// Search: the generated pagefind.js, imported in this Node process, with
// `fetch` replaced by a reader of the generated files that logs every file
// asked for, so the download figures are the files Pagefind actually asked
// for. In Node it runs on the main thread (its Web Worker needs `window`); in
// a browser pagefind.js starts pagefind-worker.js, which then does the same
// fetches: that script is counted in the download too. The query side
// segments Chinese with Intl.Segmenter (pagefind.js), the index side with the
// extended binary's segmenter.
//
// search(query, { filters: { field: value } }) with Pagefind's own filters;
// every result is returned (the recall pass reads them all). The latency
// figure is search() plus data() of the ten best (a page needs data() to show
// a title; yuliao's search returns titles and snippets); search() alone is
// recorded too.

import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { packageVersion } from "../common.mjs";

const require = createRequire(import.meta.url);
const FILTERS = ["kind", "column", "year", "month", "date"];

/** Peak RSS (VmHWM) of this process's children: the Pagefind service. */
function childrenPeakRss() {
  let total = 0;
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      const hwm = readFileSync(`/proc/${p}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
      if (hwm) total += Number(hwm[1]) * 1024;
    } catch {}
  }
  return total;
}

function binary() {
  for (const b of ["pagefind_extended", "pagefind"]) {
    try {
      require.resolve(`@pagefind/linux-x64/bin/${b}`);
      return b;
    } catch {}
  }
  return "unknown";
}

const docId = (url) => {
  const m = url.match(/^\/d\/(\d+)\/?$/);
  if (!m) throw new Error(`unexpected Pagefind url ${url}`);
  return Number(m[1]);
};

/** The document id of each fragment (Pagefind's result id), read from the written files. */
function fragmentIds(dir) {
  const map = {};
  const fdir = join(dir, "fragment");
  for (const f of readdirSync(fdir)) {
    let bytes = readFileSync(join(fdir, f));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const json = bytes.toString("utf8").replace(/^pagefind_dcd/, "");
    map[f.replace(/\.pf_fragment$/, "")] = docId(JSON.parse(json).url);
  }
  return map;
}

// One fetch for every instance: each file asked for goes into the log of
// the instance that is current.
let currentLog = null;
function hookFetch() {
  globalThis.fetch = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    const path = fileURLToPath(url.split("?")[0]);
    currentLog?.push(path);
    // Read on each request (no cache of ours in the JS heap; the page cache
    // keeps it fast): a browser's HTTP cache is not page memory either.
    return existsSync(path) ? new Response(readFileSync(path)) : new Response("", { status: 404 });
  };
}

// What pagefind.js reads of the page: the language of <html lang="zh">, which
// selects its query-side word segmentation (Intl.Segmenter) for Chinese.
// Without it (no `document` in Node) Pagefind would search the query
// unsegmented. Only `document` is defined, not `window`, so pagefind.js
// still takes its main-thread path (its worker needs `window` and `Worker`).
const PAGE_LANG = "zh";
globalThis.document ??= {
  currentScript: null,
  querySelector: (sel) => (sel === "html" ? { getAttribute: (a) => (a === "lang" ? PAGE_LANG : null) } : null),
};

async function instance(dir, tag) {
  const pf = await import(`${pathToFileURL(join(dir, "pagefind.js")).href}?instance=${tag}`);
  await pf.options({ excerptLength: 30 });
  await pf.init();
  return pf;
}

async function top10(pf, q) {
  const r = await pf.search(q.query, { filters: q.filters ?? {} });
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return { r, data };
}

export default {
  name: "pagefind",
  files: "pagefind",
  config:
    'Node API: createIndex(); addCustomRecord({ url: "/d/<id>", content: title + "\\n" + text, language: "zh", meta: { title }, filters }) per document; writeFiles(). ' +
    "Search: the generated pagefind.js, search(query, { filters: { field: value } }), then data() of the 10 best",
  version: () => `${packageVersion("pagefind")} (${binary()})`,

  async build(docs, dir) {
    const pagefind = await import("pagefind");
    const t0 = performance.now();
    const { index, errors } = await pagefind.createIndex({});
    if (errors.length) throw new Error(errors.join("; "));
    for (const d of docs) {
      const filters = {};
      for (const f of FILTERS) if (d[f] !== null) filters[f] = [d[f]];
      const r = await index.addCustomRecord({ url: `/d/${d.id}`, content: `${d.title}\n${d.text}`, language: "zh", meta: { title: d.title }, filters });
      if (r.errors.length) throw new Error(r.errors.join("; "));
    }
    const addSeconds = (performance.now() - t0) / 1000;
    const w = await index.writeFiles({ outputPath: dir });
    if (w.errors.length) throw new Error(w.errors.join("; "));
    const seconds = (performance.now() - t0) / 1000;
    const servicePeakRssBytes = childrenPeakRss();
    await pagefind.close();
    const ids = fragmentIds(dir);
    if (Object.keys(ids).length !== docs.length) throw new Error(`pagefind wrote ${Object.keys(ids).length} fragments for ${docs.length} documents`);
    writeFileSync(join(dir, "..", "pagefind-ids.json"), JSON.stringify(ids));
    return {
      seconds,
      addSeconds,
      binary: binary(),
      servicePeakRssBytes,
      measuredBy:
        "in the Node process of the build phase: createIndex, addCustomRecord of every parsed document (through the Node API to the Pagefind service process), writeFiles",
    };
  },

  async load(dir) {
    hookFetch();
    const ids = JSON.parse(readFileSync(join(dir, "..", "pagefind-ids.json"), "utf8"));
    const log = [];
    currentLog = log;
    const pf = await instance(dir, "main");
    return { ids, log, pf, dir };
  },

  async search(state, q, { all = false, timing } = {}) {
    if (all) {
      const r = await state.pf.search(q.query, { filters: q.filters ?? {} });
      return { ids: r.results.map((x) => state.ids[x.id]), total: r.results.length };
    }
    const t0 = performance.now();
    const r = await state.pf.search(q.query, { filters: q.filters ?? {} });
    if (timing) timing.searchOnlyMs = performance.now() - t0;
    const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return { ids: top.map((d) => docId(d.raw_url)), total: r.results.length };
  },

  // The files asked for before the first query's results were shown: load,
  // then the first query with data() of its ten best; and the worker script.
  downloadFiles(dir, state) {
    const out = [
      { path: join(dir, "pagefind.js"), what: "pagefind.js" },
      { path: join(dir, "pagefind-worker.js"), what: "pagefind-worker.js (started by pagefind.js in a browser)" },
    ];
    for (const path of new Set(state.log)) out.push({ path, what: relative(dir, path) });
    return out;
  },

  // For every query, what a fresh page fetches to show its first results: a
  // new instance of pagefind.js (its own caches), init, the query, data() of
  // the ten best; and every match it found (to check that Pagefind's answer
  // does not depend on what earlier queries loaded). Run after the timed passes.
  async coldFetches(state, queries) {
    const out = [];
    for (const q of queries) {
      const log = [];
      currentLog = log;
      const pf = await instance(state.dir, `cold${q.i}`);
      const { r } = await top10(pf, q);
      await pf.destroy();
      out.push({ files: [...new Set(log)], ids: r.results.map((x) => state.ids[x.id]) });
    }
    currentLog = state.log;
    return out;
  },
};

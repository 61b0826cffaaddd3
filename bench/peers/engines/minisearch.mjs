// MiniSearch with the tokenizer its users write for Chinese: the JavaScript
// runtime's own word segmenter, Intl.Segmenter("zh", { granularity: "word" })
// (ICU's dictionary segmentation, the same in Node and Chromium), keeping the
// word-like segments; terms folded with NFKC + lowercase (full-width forms and
// Latin case, at least what yuliao folds). Queries go through the same
// tokenizer; all their words are required (combineWith: "AND"), no fuzzy
// matching (edit distance means nothing on one- and two-character Han words).
//
// Two ways of querying the same index:
//   minisearch        prefix: true, so that 拉萨 also finds the word 拉萨市
//   minisearch-exact  MiniSearch's default, whole words only
// Filters are MiniSearch's own `filter` option, here on the metadata store a
// page keeps to list results (meta.json: title, date, kind, column).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { ROOT, writeStores, parseMetaStore, passes, packageVersion } from "../common.mjs";

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const tokenize = (text) => {
  const out = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
};
const processTerm = (term) => term.normalize("NFKC").toLowerCase();
const OPTIONS = { idField: "id", fields: ["title", "text"], tokenize, processTerm };

function variant(name, searchOptions, note) {
  return {
    name,
    files: "minisearch",
    config:
      'new MiniSearch({ fields: ["title", "text"], tokenize: Intl.Segmenter("zh", { granularity: "word" }) word-like segments, ' +
      "processTerm: NFKC + toLowerCase }); addAll; JSON.stringify / MiniSearch.loadJSON; " +
      `search(query, ${JSON.stringify(searchOptions).replace(/,/g, ", ")} + filter)` +
      (note ? `; ${note}` : ""),
    version: () => packageVersion("minisearch"),

    async build(docs, dir) {
      const t0 = performance.now();
      const ms = new MiniSearch(OPTIONS);
      ms.addAll(docs);
      const indexSeconds = (performance.now() - t0) / 1000;
      writeFileSync(join(dir, "index.json"), JSON.stringify(ms));
      const seconds = (performance.now() - t0) / 1000;
      writeStores(docs, dir);
      return {
        seconds,
        indexSeconds,
        measuredBy: "in the Node process of the build phase: addAll of the parsed documents, then JSON.stringify of the index written to disk",
      };
    },

    async load(dir) {
      const ms = MiniSearch.loadJSON(readFileSync(join(dir, "index.json"), "utf8"), OPTIONS);
      const store = parseMetaStore(readFileSync(join(dir, "meta.json"), "utf8"));
      return { ms, store };
    },

    search(state, q, { all = false } = {}) {
      const opts = { ...searchOptions };
      if (q.filters) opts.filter = (r) => passes(state.store[r.id], q.filters);
      const results = state.ms.search(q.query, opts);
      if (all) return { ids: results.map((r) => r.id), total: results.length };
      // What a page lists: the ten best with their stored title and metadata.
      const top = results.slice(0, 10).map((r) => state.store[r.id]);
      return { ids: top.map((d) => d.id), total: results.length };
    },

    downloadFiles(dir) {
      return [
        { path: join(ROOT, "node_modules/minisearch/dist/es/index.js"), what: "engine (dist/es/index.js; MiniSearch ships no minified build)" },
        { path: join(dir, "index.json"), what: "index (JSON.stringify of the MiniSearch instance)" },
        { path: join(dir, "meta.json"), what: "store: title, date, kind, column per document" },
      ];
    },
    textFiles: (dir) => [join(dir, "texts.json")],
  };
}

export const minisearch = variant("minisearch", { combineWith: "AND", prefix: true });
export const minisearchExact = {
  ...variant("minisearch-exact", { combineWith: "AND" }, "same index as minisearch"),
  build: null,
};

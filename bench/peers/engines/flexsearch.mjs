// FlexSearch 0.8 with its CJK encoder (Charset.CJK: the text is split into
// single characters, each a term), tokenize "strict", and FlexSearch's
// contextual index (context: true, its default depth 1, bidirectional): pairs
// of neighbouring characters are indexed too, so that a query of several
// characters matches them next to each other rather than anywhere in the
// document. (flexsearch-nocontext, the same without the context index, is a
// second variant that run.mjs runs only when asked: --engines.)
//
// A Document index with one indexed field, body = title + "\n" + text (so
// that an AND query can match one term in the title and one in the text),
// and tags kind, column, year, month, date: FlexSearch's own filter.
//
// Queries: one term with Document.search(query, { limit, tag, merge: true });
// several terms with the Resolver, one search per term, .and() (in a single
// query string the space would be one more character).
//
// FlexSearch's tag filter on an in-memory index is applied to the first 100
// matches of the text search only (dist/module/document/search.js sets the
// field search's limit to 0, which index/search.js turns into 100; reported
// as nextapps-de/flexsearch#459 and #524): filtered queries miss documents.
// The recall pass also records what a page would get by searching without
// the tag and filtering every match itself ("post-filter").

import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Document, Resolver, Charset } from "flexsearch";
import { ROOT, writeStores, parseMetaStore, passes, packageVersion } from "../common.mjs";

const TAGS = ["kind", "column", "year", "month", "date"];
const ALL = 1e7;

const make = (context) =>
  new Document({
    document: {
      id: "id",
      index: [{ field: "body", encoder: Charset.CJK, tokenize: "strict", context }],
      tag: TAGS,
    },
  });

function variant(name, context) {
  return {
    name,
    files: name,
    config:
      `new Document({ document: { id, index: [{ field: "body" (title + "\\n" + text), encoder: Charset.CJK, tokenize: "strict", context: ${context} }], tag: [${TAGS.join(", ")}] } }); ` +
      "one term: search(query, { limit, tag: { field: value }, merge: true }); several terms: Resolver, one search per term, and(); export() / import()",
    version: () => packageVersion("flexsearch"),

    async build(docs, dir) {
      const t0 = performance.now();
      const index = make(context);
      for (const d of docs) {
        const doc = { id: d.id, body: `${d.title}\n${d.text}` };
        for (const t of TAGS) if (d[t] !== null) doc[t] = d[t];
        index.add(doc);
      }
      const indexSeconds = (performance.now() - t0) / 1000;
      const keys = [];
      await index.export((key, data) => {
        if (data === undefined || data === null) return;
        keys.push(key);
        writeFileSync(join(dir, `${key}.json`), data);
      });
      const seconds = (performance.now() - t0) / 1000;
      writeStores(docs, dir);
      return {
        seconds,
        indexSeconds,
        exported: keys.length,
        measuredBy: "in the Node process of the build phase: add() of every parsed document, then export() written to disk",
      };
    },

    async load(dir) {
      const index = make(context);
      const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "meta.json" && f !== "texts.json").sort();
      for (const f of files) index.import(f.slice(0, -5), readFileSync(join(dir, f), "utf8"));
      const store = parseMetaStore(readFileSync(join(dir, "meta.json"), "utf8"));
      return { index, store };
    },

    search(state, q, { all = false } = {}) {
      const limit = all ? ALL : 10;
      const tag = q.filters;
      let ids;
      if (q.terms.length > 1) {
        let r = new Resolver({ index: state.index, field: "body", query: q.terms[0], limit: ALL });
        for (const t of q.terms.slice(1)) r = r.and({ index: state.index, field: "body", query: t, limit: ALL });
        ids = r.resolve({ limit });
        // (the Resolver takes no tag here; the query set has no filtered multi-term query)
        if (tag) throw new Error("filtered multi-term query: not supported by this harness for FlexSearch");
      } else {
        ids = state.index.search(q.query, { limit, tag, merge: true }).map((r) => r.id);
      }
      if (!all) return { ids: ids.slice(0, 10).map((id) => state.store[id].id), total: ids.length };
      const out = { ids, total: ids.length };
      if (tag) {
        const every = state.index.search(q.query, { limit: ALL, merge: true }).map((r) => r.id);
        out.alt = { name: "post-filter", ids: every.filter((id) => passes(state.store[id], tag)) };
      }
      return out;
    },

    downloadFiles(dir) {
      return [
        { path: join(ROOT, "node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs"), what: "engine (bundle build: Document, tags, Resolver, export/import)" },
        ...readdirSync(dir)
          .filter((f) => f.endsWith(".json") && f !== "meta.json" && f !== "texts.json")
          .sort()
          .map((f) => ({ path: join(dir, f), what: "index (export())" })),
        { path: join(dir, "meta.json"), what: "store: title, date, kind, column per document" },
      ];
    },
    textFiles: (dir) => [join(dir, "texts.json")],
  };
}

export const flexsearch = variant("flexsearch", true);
export const flexsearchNoContext = variant("flexsearch-nocontext", false);

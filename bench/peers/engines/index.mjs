// The engines of the side-by-side benchmark, by name: each module exports
// an object with
//   name, files (its directory under the output directory), config (how it
//   is set up, for BENCHMARKS.md), version(),
//   build(docs, dir, { corpus }) -> { seconds, ... }, or null when it
//     shares the files of another entry,
//   load(dir) -> state, what a page does before its first query,
//   search(state, query, { all, timing }) -> { ids, total, [alt], [inexact] }:
//     the ten best a page lists (all: false), or every match (all: true),
//   downloadFiles(dir, state) -> [{ path, what }]: everything fetched before
//     the first query's results are shown,
//   textFiles(dir) -> [paths] (optional): the texts, for snippets,
//   coldFetches(state, queries) (optional): per query, the files a fresh page
//     fetches (Pagefind, whose download depends on the query).
// Each is imported only by the process that runs it.
export const ENGINES = {
  yuliao: ["./yuliao.mjs", "default"],
  minisearch: ["./minisearch.mjs", "minisearch"],
  "minisearch-exact": ["./minisearch.mjs", "minisearchExact"],
  flexsearch: ["./flexsearch.mjs", "flexsearch"],
  "flexsearch-nocontext": ["./flexsearch.mjs", "flexsearchNoContext"],
  pagefind: ["./pagefind.mjs", "default"],
};

/** The engines run by default, in this order (yuliao first). */
export const DEFAULT_ENGINES = ["yuliao", "minisearch", "minisearch-exact", "flexsearch", "pagefind"];

export async function loadEngine(name) {
  const entry = ENGINES[name];
  if (!entry) throw new Error(`unknown engine ${name}; one of ${Object.keys(ENGINES).join(", ")}`);
  return (await import(entry[0]))[entry[1]];
}

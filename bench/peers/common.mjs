// Shared pieces of the side-by-side benchmark (bench/peers/): reading the
// JSONL corpus, the character folding that defines the recall truth,
// percentiles, memory snapshots, and brotli sizes.
//
// Nothing here measures by itself; run.mjs drives the benchmark.

import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// Where everything is written: bench/out/peers/, or $PEERS_OUT (run.mjs sets
// it for its child processes, e.g. for a development run on a subset).
export const OUT = resolve(process.env.PEERS_OUT ?? join(ROOT, "bench/out/peers"));
export const DEFAULT_CORPUS = resolve(ROOT, "../shared/corpora/cctv-xwlb/stories.jsonl");

/** `--name value` pairs and bare `--flag`s of process.argv. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith("--")) continue;
    const key = argv[i].slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) out[key] = true;
    else out[key] = argv[++i];
  }
  return out;
}

/**
 * The documents of a JSONL corpus, numbered from 0 in line order (yuliao's
 * ids). Every engine indexes `title` and `text`; `kind`, `column`, `date` and
 * the derived `year` ("2024") and `month` ("2024-03") are the filterable
 * metadata, as yuliao derives them from `date`.
 */
export function readCorpus(path) {
  const docs = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    const date = typeof o.date === "string" ? o.date : null;
    const dated = date && /^\d{4}-\d{2}(-\d{2})?$/.test(date);
    docs.push({
      id: docs.length,
      title: o.title ?? "",
      text: o.text,
      date,
      kind: o.kind ?? null,
      column: o.column ?? null,
      year: dated ? date.slice(0, 4) : null,
      month: dated ? date.slice(0, 7) : null,
    });
  }
  return docs;
}

/** The metadata fields a filtered query may use. */
export const FILTER_FIELDS = ["kind", "column", "year", "month", "date"];

// yuliao's fold (src/fold.rs): full-width ASCII to ASCII, the ideographic
// space to a space, the other U+FF00-block forms to their usual form, then
// ASCII and Latin-1 capitals to lowercase.
const SIGNS = { 0xff5f: 0x2985, 0xff60: 0x2986, 0xffe0: 0xa2, 0xffe1: 0xa3, 0xffe2: 0xac, 0xffe3: 0xaf, 0xffe4: 0xa6, 0xffe5: 0xa5, 0xffe6: 0x20a9 };
function foldChar(ch) {
  let u = ch.codePointAt(0);
  if (u >= 0xff01 && u <= 0xff5e) u -= 0xfee0;
  else if (u === 0x3000) u = 0x20;
  else if (u >= 0xff61 && u <= 0xff9f) return ch.normalize("NFKC"); // half-width katakana, as yuliao's table
  else if (SIGNS[u]) u = SIGNS[u];
  if ((u >= 0x41 && u <= 0x5a) || (u >= 0xc0 && u <= 0xd6) || (u >= 0xd8 && u <= 0xde)) u += 0x20;
  return String.fromCodePoint(u);
}
const FOLDABLE = /[A-Z\u00c0-\u00d6\u00d8-\u00de\u3000\uff01-\uffef]/;
const FOLDABLE_ALL = new RegExp(FOLDABLE.source, "g");
export const fold = (s) => (FOLDABLE.test(s) ? s.replace(FOLDABLE_ALL, foldChar) : s);

/** The haystack of the recall truth: folded title and text, a newline apart. */
export const haystack = (doc) => fold(`${doc.title}\n${doc.text}`);

/** Whether a document passes a filter `{ field: value }` (one field, one value). */
export function passes(doc, filters) {
  for (const [field, value] of Object.entries(filters ?? {})) if (doc[field] !== value) return false;
  return true;
}

// The percentile of bench/bench.mjs (nearest rank), copied rather than
// imported because bench.mjs runs its benchmark when imported.
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}

/** process.memoryUsage() after two full collections (needs --expose-gc). */
export function memory() {
  if (globalThis.gc) {
    globalThis.gc();
    globalThis.gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

export const memoryDelta = (after, before) =>
  Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));

// Brotli at quality 11 with a 16 MiB window, as bench/bench.mjs measures the
// wasm. Compressing tens of megabytes at quality 11 takes about a minute per
// file, so sizes are cached by content hash in bench/out/peers/brotli-cache.json.
// (The cache is where the figures go: $PEERS_OUT, read at the first call.)
let cache = null;
let CACHE = null;
export function brotliSize(path) {
  CACHE ??= join(resolve(process.env.PEERS_OUT ?? OUT), "brotli-cache.json");
  cache ??= existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, "utf8")) : {};
  const bytes = readFileSync(path);
  const key = createHash("sha256").update(bytes).digest("hex");
  if (cache[key] === undefined) {
    cache[key] = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length;
    writeFileSync(CACHE, JSON.stringify(cache));
  }
  return cache[key];
}

/** Whether a file is already gzip-compressed (Pagefind's index files are). */
export function isGzip(path) {
  const b = readFileSync(path).subarray(0, 2);
  return b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * Size on the wire of one file: brotli (q11) for text and wasm; for a file
 * that is already gzip-compressed, its own bytes (a server sends it as is,
 * and brotli cannot shrink it further).
 */
export function wireSize(path) {
  const raw = statSync(path).size;
  if (isGzip(path)) return { path, raw, wire: raw, precompressed: true };
  return { path, raw, wire: brotliSize(path), precompressed: false };
}

export const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
export const writeJson = (path, value) => writeFileSync(path, JSON.stringify(value, null, 1));

/**
 * What a JavaScript engine ships next to its index so that a page can list a
 * result: one JSON array of [title, date, kind, column] per document (ids are
 * positions). The text is not in it: a page that wants snippets fetches
 * texts.json too (reported apart, see run.mjs), or each text on demand.
 */
export const metaStoreJson = (docs) => JSON.stringify(docs.map((d) => [d.title, d.date, d.kind, d.column]));

/** The texts, one JSON array, for snippets (not loaded by the benchmark). */
export const textStoreJson = (docs) => JSON.stringify(docs.map((d) => d.text));

/** The documents back from metaStoreJson. */
export const parseMetaStore = (json) =>
  JSON.parse(json).map(([title, date, kind, column], id) => ({
    id, title, date, kind, column,
    year: date ? date.slice(0, 4) : null,
    month: date ? date.slice(0, 7) : null,
  }));

/** Writes the two stores of a JavaScript engine into its directory. */
export function writeStores(docs, dir) {
  writeFileSync(join(dir, "meta.json"), metaStoreJson(docs));
  writeFileSync(join(dir, "texts.json"), textStoreJson(docs));
}

/** The version of an installed npm package (read from node_modules, since
 * some packages do not export their package.json). */
export const packageVersion = (name) => readJson(join(ROOT, "node_modules", name, "package.json")).version;

/** A fingerprint of a set of document ids (to compare answers between runs). */
export const idsHash = (ids) =>
  createHash("sha1").update([...new Set(ids)].sort((a, b) => a - b).join(",")).digest("hex").slice(0, 16);

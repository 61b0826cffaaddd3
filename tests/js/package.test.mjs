// The generated package (pkg/, from `wasm-pack build --target web`) as a
// JavaScript developer uses it: import, init, call. Run with `node --test`.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../../pkg/", import.meta.url);
const mod = await import(new URL("yuliao.js", pkg).href);
await mod.default({ module_or_path: readFileSync(fileURLToPath(new URL("yuliao_bg.wasm", pkg))) });
const corpus = mod.Corpus.embedded();

// Every object in a result is a plain object or array: no Map, no class.
function assertPlain(value, path = "result") {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach((v, i) => assertPlain(v, `${path}[${i}]`));
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is a plain object`);
  for (const [k, v] of Object.entries(value)) assertPlain(v, `${path}.${k}`);
}

test("results are plain objects", () => {
  assertPlain(corpus.info());
  assertPlain(corpus.search("拉萨", { limit: 5 }));
  assertPlain(corpus.filter({ region: ["拉萨市"] }));
  assertPlain(corpus.concordance("党建", { sort: "left" }));
  assertPlain(corpus.doc(0, { query: "党建" }));
  assertPlain(corpus.segment("拉萨市基层党建工作扫描"));
});

test("the API works as the README shows", () => {
  const info = corpus.info();
  assert.equal(info.documents, 38);
  const r = corpus.search("拉萨", { limit: 2, filters: { kind: ["article"] } });
  assert.equal(r.hits.length, 2);
  assert.ok(r.total >= 2);
  assert.ok(r.hits.every((h) => h.kind === "article"));
  assert.ok(r.hits[0].snippet.some((f) => f.mark && f.text === "拉萨"));
  const k = corpus.concordance("拉萨", { context: 4 });
  assert.equal(k.lines[0].match, "拉萨");
  const doc = corpus.doc(k.lines[0].id);
  assert.equal(doc.text.slice(k.lines[0].start, k.lines[0].start + 2), "拉萨");
  // Options are optional.
  assert.ok(corpus.search("拉萨").total > 0);
  assert.ok(corpus.filter().total === 38);
});

test("the TypeScript declarations describe options and results", () => {
  const dts = readFileSync(fileURLToPath(new URL("yuliao.d.ts", pkg)), "utf8");
  for (const sig of [
    "search(query: string, options?: SearchOptions): SearchResult;",
    "filter(filters?: Filters, options?: FilterOptions): FilterResult;",
    "concordance(query: string, options?: ConcordanceOptions): ConcordanceResult;",
    "doc(id: number, options?: DocOptions): Document;",
    "segment(text: string): Token[];",
    "info(): Info;",
    "static embedded(): Corpus;",
    "static fromBytes(bytes: Uint8Array): Corpus;",
    "export interface SearchResult",
    "export interface Hit",
  ]) {
    assert.ok(dts.includes(sig), `yuliao.d.ts has ${sig}`);
  }
  const corpusClass = dts.slice(dts.indexOf("export class Corpus"), dts.indexOf("}", dts.indexOf("export class Corpus")));
  assert.ok(!/\bany\b/.test(corpusClass), "no `any` in the Corpus class");
});

test("errors are YuliaoErrors with a kind", () => {
  const cases = [
    [() => corpus.search(42), "invalidArgument"],
    [() => corpus.search(""), "invalidQuery"],
    [() => corpus.search("拉萨", { limit: -1 }), "invalidArgument"],
    [() => corpus.search("拉萨", { filters: { nope: ["x"] } }), "unknownField"],
    [() => corpus.doc(1e9), "notFound"],
  ];
  for (const [call, kind] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.name === "YuliaoError" && e.kind === kind && e.message.length > 0);
  }
});

// Random arguments of every type to every method: each call returns or
// throws a YuliaoError; none may trap the wasm (a RuntimeError would), and
// the corpus answers correctly afterwards.
test("no argument can crash the instance", () => {
  let seed = 12345;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const atoms = [
    undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 31), 1e300,
    "", " ", "拉萨", "\u0000", "\ud800", "-", "OR", '"', "a".repeat(5000), "拉".repeat(200001),
    [], {}, () => 1, Symbol("s"), 10n, new Map(), new Uint8Array(4), new Date(0),
  ];
  const value = (depth = 0) => {
    const r = rand(10);
    if (depth < 3 && r === 0) return Array.from({ length: rand(4) }, () => value(depth + 1));
    if (depth < 3 && r === 1) {
      const keys = ["limit", "offset", "filters", "context", "sort", "query", "facetLimit", "region", "kind", "x"];
      return Object.fromEntries(Array.from({ length: rand(4) }, () => [keys[rand(keys.length)], value(depth + 1)]));
    }
    return atoms[rand(atoms.length)];
  };
  const methods = ["search", "filter", "concordance", "doc", "segment", "info"];
  for (let i = 0; i < 1200; i++) {
    const m = methods[rand(methods.length)];
    try {
      corpus[m](value(), value());
    } catch (e) {
      assert.equal(e.name, "YuliaoError", `${m}: ${e}`);
    }
  }
  for (const bytes of [new Uint8Array(0), new Uint8Array(100), "x", null, new Uint8Array(readFileSync(fileURLToPath(new URL("yuliao_bg.wasm", pkg))))]) {
    assert.throws(() => mod.Corpus.fromBytes(bytes), (e) => e.name === "YuliaoError");
  }
  assert.equal(corpus.info().documents, 38);
  assert.ok(corpus.search("拉萨").total > 0);
});

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
    "concordance(query: string, options?: ConcordanceOptions): Concordance;",
    "doc(id: number, options?: DocOptions): Document;",
    "segment(text: string): Token[];",
    "info(): Info;",
    "static embedded(): Corpus;",
    "export interface SearchResult",
    "export type Hit = { id: number; title: string; score: number; verbatim: boolean; snippet: Fragment[] } & Record<string, MetaValue | Fragment[]>;",
    "export interface Concordance",
    "export type Filters = Record<string, FilterValue | FilterValue[] | null>;",
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
  assert.equal(corpus.info().documents, 38);
  assert.ok(corpus.search("拉萨").total > 0);
});

// A module is a corpus or an engine: the corpus module opens no files.
test("the embedded package has no file loading", () => {
  assert.equal(typeof mod.Corpus.fromBytes, "undefined");
  assert.equal(typeof mod.Corpus.load, "undefined");
});

// Options are read from a plain copy made in JavaScript: nothing the caller
// passes runs inside the wasm, and every refusal is a YuliaoError naming
// the option.
test("hostile options give YuliaoErrors, never raw exceptions", () => {
  const boom = { get limit() { throw new Error("boom"); } };
  const trap = new Proxy({}, { ownKeys() { throw new TypeError("trap"); } });
  const protoTrap = new Proxy({}, { getPrototypeOf() { throw new TypeError("proto trap"); } });
  const evilError = { get limit() { throw { get message() { throw new Error("again"); } }; } };
  class Options { limit = 1; }
  const deep = [[[[[[[[[["x"]]]]]]]]]];
  const cases = [
    [() => corpus.search("拉萨", boom), /search options: boom|cannot read search options: boom/],
    [() => corpus.search("拉萨", trap), /cannot read search options: trap/],
    [() => corpus.search("拉萨", protoTrap), /cannot read search options: proto trap/],
    [() => corpus.search("拉萨", evilError), /cannot read search options: it threw/],
    [() => corpus.search("拉萨", new Options()), /search options must be a plain object, got a Options object/],
    [() => corpus.search("拉萨", { filters: { region: deep } }), /nests deeper than 8 levels/],
    [() => corpus.search("拉萨", { filters: { region: new Array(200000).fill("x") } }), /holds more than 100000 values/],
    [() => corpus.search("拉萨", { filters: { region: new Array(2 ** 31) } }), /holds more than 100000 values/],
    [() => corpus.search("拉萨", { filters: { region: ["x".repeat(200000)] } }), /search options.filters.region\[0\] is 200000 characters long/],
    [() => corpus.search("拉萨", { limit: () => 1 }), /search options.limit must not be a function/],
    [() => corpus.search("拉萨", { limt: 1 }), /search options: unknown field `limt`, expected one of `limit`, `offset`, `filters`, `facetLimit`/],
    [() => corpus.search("拉萨", { limit: "5" }), /search options: limit: expected a number, got the string "5"/],
    [() => corpus.search("拉萨", { limit: 1001 }), /search options: limit: expected an integer from 0 to 1000, got 1001/],
    [() => corpus.concordance("拉萨", { filters: { region: [{}] } }), /concordance options: filters.region\[0\]: expected a string, a number or a boolean, got an object/],
    // A huge query is refused by its length, before it is copied.
    [() => corpus.search("拉".repeat(50_000_000)), /query is 50000000 UTF-16 code units long; the limit is 1000 characters/],
    [() => corpus.segment("拉".repeat(50_000_000)), /text is 50000000 UTF-16 code units long; the limit is 1000000 characters/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.name === "YuliaoError" && message.test(e.message), String(message));
  }
  // The caller's objects are left as they were, and the corpus still answers.
  assert.equal(corpus.search("拉萨", Object.freeze({ limit: 2 })).hits.length, 2);
  assert.equal(corpus.search("拉萨", Object.create(null)).hits.length, 10);
});

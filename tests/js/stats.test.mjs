// The corpus-linguistics package (pkg-stats/: the seed corpus with the
// `stats` feature) as a JavaScript developer uses it, and the search-only
// package (pkg/) without it. Run with `node --test`.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const load = async (dir) => {
  const pkg = new URL(`../../${dir}/`, import.meta.url);
  const mod = await import(new URL("yuliao.js", pkg).href);
  await mod.default({ module_or_path: readFileSync(fileURLToPath(new URL("yuliao_bg.wasm", pkg))) });
  return { mod, dts: readFileSync(fileURLToPath(new URL("yuliao.d.ts", pkg)), "utf8") };
};
const stats = await load("pkg-stats");
const search = await load("pkg");
const corpus = stats.mod.Corpus.embedded();

function assertPlain(value, path = "result") {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach((v, i) => assertPlain(v, `${path}[${i}]`));
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is a plain object`);
  for (const [k, v] of Object.entries(value)) assertPlain(v, `${path}.${k}`);
}

test("every statistics function answers with plain objects, as the README shows", () => {
  const f = corpus.frequencies(null, { limit: 3 });
  assertPlain(f);
  assert.equal(f.tokens, corpus.info().tokens, "N is the corpus's tokens");
  assert.equal(f.rows[0].value, "的");
  assert.ok(f.rows[0].count > f.rows[1].count || f.rows[0].count === f.rows[1].count);
  assert.ok(Math.abs(f.rows[0].perMillion - (f.rows[0].count / f.tokens) * 1e6) < 1e-9);
  const k = corpus.concordance('[pos="a"] "的" [pos="n.*"]', { limit: 2, sort: ["R1", "L1:pos"] });
  assertPlain(k);
  assert.ok(k.total > 0 && k.lines.length === 2);
  assert.ok(/的/.test(k.lines[0].match));
  const c = corpus.collocates("党建", { window: [5, 5], limit: 5 });
  assertPlain(c);
  assert.ok(c.rows.length > 0 && "logDice" in c.rows[0] && "logLikelihood" in c.rows[0]);
  const n = corpus.ngrams({ n: 3, limit: 5 });
  assertPlain(n);
  assert.equal(n.rows[0].value.split(" ").length, 3);
  const d = corpus.dispersion("党建", { by: "region" });
  assertPlain(d);
  assert.equal(d.parts.reduce((s, p) => s + p.count, 0), d.total);
  assert.equal(d.positions.length, d.total);
  const kw = corpus.keywords({ focus: { region: ["拉萨市"] }, limit: 5 });
  assertPlain(kw);
  assert.ok(kw.rows.every((r) => r.logLikelihood > kw.critical));
  // CSV of every row, with what it is.
  const csv = corpus.frequencies(null, { format: "csv" });
  assert.ok(csv.csv.startsWith("\ufeffvalue,count,perMillion,range\r\n"));
  assert.equal(csv.about.rows, corpus.frequencies(null, { limit: 0 }).types);
  assert.match(csv.filename, /^yuliao-frequencies-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(csv.about.created, /^\d{4}-\d{2}-\d{2}T/);
});

test("CQL errors say where and what was expected", () => {
  for (const [q, message] of [
    ['[pos="n" ', /expected \] at 9/],
    ["[lemma=\"x\"]", /unknown attribute `lemma`/],
    ['[word="("]', /not a valid regular expression/],
    ["[]*", /can match no token/],
  ]) {
    assert.throws(() => corpus.concordance(q), (e) => e.name === "YuliaoError" && e.kind === "invalidQuery" && message.test(e.message), q);
  }
  // A search-syntax query keeps its meaning: two phrases, both required.
  assert.equal(corpus.concordance('"党建" "工作"').total, search.mod.Corpus.embedded().concordance('"党建" "工作"').total);
});

test("the statistics functions refuse bad options with YuliaoErrors and never crash", () => {
  let seed = 99;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const atoms = [undefined, null, true, 0, -1, 2.5, 1e300, "", "x", "[", "[]", "拉萨", "word", "pos", "csv", [], {}, [5, 5], [99, 1], { year: [2024] }, "rest"];
  const keys = ["by", "filters", "limit", "offset", "punctuation", "format", "window", "within", "minFreq", "pos", "measure", "n", "containing", "positions", "focus", "reference", "sample", "sort", "contextUnit"];
  const value = (depth = 0) => {
    const r = rand(6);
    if (depth < 2 && r === 0) return Object.fromEntries(Array.from({ length: rand(4) }, () => [keys[rand(keys.length)], value(depth + 1)]));
    return atoms[rand(atoms.length)];
  };
  const calls = [
    () => corpus.frequencies(value(), value()),
    () => corpus.collocates(value(), value()),
    () => corpus.ngrams(value()),
    () => corpus.dispersion(value(), value()),
    () => corpus.keywords(value()),
    () => corpus.concordance(value(), value()),
  ];
  for (let i = 0; i < 600; i++) {
    try {
      calls[rand(calls.length)]();
    } catch (e) {
      assert.equal(e.name, "YuliaoError", String(e));
    }
  }
  assert.ok(corpus.frequencies(null, { limit: 1 }).rows.length === 1, "still answering");
});

test("the declarations type the statistics API", () => {
  for (const sig of [
    "frequencies(query?: string | null, options?: FrequencyOptions): Frequencies | CsvExport;",
    "collocates(query: string, options?: CollocateOptions): Collocates | CsvExport;",
    "ngrams(options?: NgramOptions): Ngrams | CsvExport;",
    "dispersion(query: string, options?: DispersionOptions): Dispersion | CsvExport;",
    "keywords(options: KeywordOptions): Keywords | CsvExport;",
    "export interface CsvExport",
    "export interface Collocate",
  ]) {
    assert.ok(stats.dts.includes(sig), `pkg-stats/yuliao.d.ts has ${sig}`);
  }
});

test("the search-only package has no statistics, and reads CQL-looking text as characters", () => {
  const { Corpus } = search.mod;
  for (const m of ["frequencies", "collocates", "ngrams", "dispersion", "keywords"]) {
    assert.equal(typeof Corpus.prototype[m], "undefined", m);
  }
  assert.ok(!search.dts.includes("frequencies("));
  assert.equal(Corpus.embedded().concordance("[pos=\"n\"]").total, 0);
});

// Field names that are also names of Object.prototype's properties:
// tests/js/fixtures/prototype-names.jsonl (three documents with the fields
// __proto__, constructor, prototype and toString), built into a bundle and
// opened by the engine-only module, in the page and in a worker. Every
// place the widget keeps or shows a field (facets, filters from clicks and
// from the URL, chips, badges, the reading view, the statistics views'
// choosers, the keywords focus) must show these fields with their values,
// and Object.prototype must be the same afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, startServer, launch, newPage, openWidget, rendered, texts, enginePackage, buildBundle } from "./harness.mjs";

let server;
let browser;
let engineOnly;
before(async () => {
  engineOnly = enginePackage();
  buildBundle("prototype-names", join(ROOT, "tests/js/fixtures/prototype-names.jsonl"));
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const NAMES = ["__proto__", "constructor", "prototype", "toString"];
/** A widget that throws never becomes ready: fail then rather than wait forever. */
const LIMIT = { timeout: 60_000 };

const withAttributes = (attrs, query = "") => {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(attrs)) params.append(`@${name}`, value);
  return `${server.url}tests/e2e/fixtures/attributes.html?${params}`;
};
const attrs = (worker) => ({ module: engineOnly, bundle: "/test-results/e2e/prototype-names.bundle", ...(worker ? { worker: "" } : {}) });

/** What Object.prototype and the other shared prototypes look like: compared before and after. */
const prototypes = (page) =>
  page.evaluate(() => {
    const describe = (o) => Object.getOwnPropertyNames(o).sort().join(",");
    return {
      object: describe(Object.prototype),
      array: describe(Array.prototype),
      emptyProto: Object.getPrototypeOf({}) === Object.prototype,
      prototype: Object.prototype.prototype === undefined && {}.prototype === undefined,
      constructor: {}.constructor === Object,
      toString: {}.toString === Object.prototype.toString && String({}) === "[object Object]",
    };
  });

/**
 * The last render's detail, through JSON: an object literal or Playwright's
 * own serialization could turn a key `__proto__` into a prototype, and
 * JSON.parse keeps it as a key.
 */
const lastRender = async (page) => JSON.parse(await page.evaluate(() => JSON.stringify(window.__renders.at(-1))));
const filtersOf = async (page) => (await lastRender(page)).filters;
const json = (text) => JSON.parse(text);

/** Each facet's field and its values with their counts, as shown. */
const facets = (page) =>
  page.locator("yuliao-search .facet").evaluateAll((fs) =>
    fs.map((f) => [
      f.dataset.field,
      f.querySelector("legend").textContent,
      [...f.querySelectorAll("label")].map((l) => `${l.querySelector(".facet-value").textContent}:${l.querySelector(".facet-count").textContent}`),
    ]));

for (const worker of [false, true]) {
  test(`fields named __proto__, constructor, prototype and toString: facets, filters, URL, badges, reading view (${worker ? "worker" : "page"})`, LIMIT, async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}tests/e2e/fixtures/attributes.html`);
    const untouched = await prototypes(page);

    await openWidget(page, withAttributes(attrs(worker)));
    assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.mode), worker ? "worker" : "page");
    const r = await rendered(page, () => page.locator("yuliao-search input[type=search]").fill("拉萨"), { q: "拉萨" });
    assert.equal(r.total, 2);
    const shown = await facets(page);
    assert.deepEqual(shown.filter(([f]) => NAMES.includes(f)), [
      ["__proto__", "__proto__", ["甲:2"]],
      ["constructor", "constructor", ["乙:1", "戊:1"]],
      ["prototype", "prototype", ["丙:2"]],
      ["toString", "toString", ["丁:2"]],
    ]);
    // The badges of the first hit (document 0): 甲 乙 丙 丁, each named by its field.
    const badges = await page.locator("yuliao-search .hit").first().locator(".badge").evaluateAll((bs) => bs.map((b) => `${b.dataset.field}=${b.textContent}`));
    for (const [name, value] of [["__proto__", "甲"], ["constructor", "乙"], ["prototype", "丙"], ["toString", "丁"]]) {
      assert.ok(badges.includes(`${name}=${name}：${value}`), badges.join(" | "));
    }

    // Ticking 甲 of __proto__ filters on it (an own key of the filters, in the URL as f.__proto__).
    const f = await rendered(page, () => page.locator('yuliao-search .facet[data-field="__proto__"] label', { hasText: "甲" }).click(), { total: 2 });
    assert.deepEqual(await filtersOf(page), json('{"__proto__":["甲"]}'));
    assert.equal(f.kind, "search");
    assert.deepEqual(new URL(page.url()).searchParams.getAll("f.__proto__"), ["甲"]);
    assert.deepEqual(await texts(page, "yuliao-search .chip"), ["__proto__：甲 ×"]);
    // …and constructor's 乙 narrows it to document 0.
    await rendered(page, () => page.locator('yuliao-search .facet[data-field="constructor"] label', { hasText: "乙" }).click(), { total: 1 });
    assert.deepEqual(await filtersOf(page), json('{"__proto__":["甲"],"constructor":["乙"]}'));

    // The same filters from the URL, with no query: browsing restores them.
    await openWidget(page, withAttributes(attrs(worker), "f.__proto__=甲&f.constructor=乙"));
    const restored = await lastRender(page);
    assert.equal(restored.kind, "browse");
    assert.equal(restored.total, 1);
    assert.deepEqual(restored.filters, json('{"__proto__":["甲"],"constructor":["乙"]}'));
    assert.deepEqual((await texts(page, "yuliao-search .chip")).slice(0, 2).sort(), ["__proto__：甲 ×", "constructor：乙 ×"]);
    assert.deepEqual(await texts(page, "yuliao-search .hit-title"), ["拉萨的早晨"]);
    const checked = await page.locator("yuliao-search .facet input:checked").evaluateAll((bs) => bs.map((b) => `${b.dataset.field}=${b.value}`));
    assert.deepEqual(checked.sort(), ["__proto__=甲", "constructor=乙"]);
    // Removing one chip keeps the other filter.
    await rendered(page, () => page.locator("yuliao-search .chip", { hasText: "constructor" }).click(), { total: 2 });
    assert.deepEqual(await filtersOf(page), json('{"__proto__":["甲"]}'));

    // The reading view lists the four fields with their values.
    await rendered(page, () => page.locator("yuliao-search .hit", { hasText: "拉萨的早晨" }).click(), { doc: 0 });
    const meta = await page.locator("yuliao-search .reader .meta > div").evaluateAll((ds) => ds.map((d) => `${d.querySelector("dt").textContent}=${d.querySelector("dd").textContent}`));
    for (const m of ["__proto__=甲", "constructor=乙", "prototype=丙", "toString=丁"]) assert.ok(meta.includes(m), meta.join(" | "));

    assert.deepEqual(await prototypes(page), untouched);
    assert.deepEqual(page.errors, []);
  });
}

test("fields named like Object.prototype's properties in the statistics views: field choosers, frequencies by field, keywords focus", LIMIT, async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}tests/e2e/fixtures/attributes.html`);
  const untouched = await prototypes(page);

  // Frequencies by the field __proto__ (from the URL): its values and counts.
  await openWidget(page, withAttributes(attrs(false), "view=frequencies&by=__proto__"));
  const by = page.locator("yuliao-search select[data-option=by]");
  assert.equal(await by.inputValue(), "__proto__");
  const options = await by.locator("option").evaluateAll((os) => os.map((o) => o.value));
  for (const n of NAMES) assert.ok(options.includes(n), options.join(","));
  assert.deepEqual(await texts(page, "yuliao-search .stats-table tbody th"), ["甲", "己"]);
  // Choosing constructor in the select.
  await rendered(page, () => by.selectOption("constructor"), { by: "constructor", kind: "stats" });
  assert.deepEqual((await texts(page, "yuliao-search .stats-table tbody th")).sort(), ["乙", "戊"]);

  // Dispersion by toString (one value per document).
  await openWidget(page, withAttributes(attrs(false), "q=拉萨&view=dispersion&dby=toString"));
  assert.equal(await page.locator("yuliao-search select[data-option=dby]").inputValue(), "toString");
  assert.deepEqual((await texts(page, "yuliao-search .stats-table tbody th")).sort(), ["丁", "辛"]);

  // Keywords with the focus __proto__:己 (document 2), from the URL, then constructor:戊 chosen.
  await openWidget(page, withAttributes(attrs(false), "view=keywords&focus=__proto__:己"));
  assert.equal(await page.locator("yuliao-search select[data-option=focus-field]").inputValue(), "__proto__");
  assert.equal(await page.locator("yuliao-search select[data-option=focus-value]").inputValue(), "己");
  assert.match(await page.locator("yuliao-search .summary").textContent(), /目标（__proto__：己）1 篇/);
  await rendered(page, () => page.locator("yuliao-search select[data-option=focus-field]").selectOption("constructor"), { focus: { field: "constructor", value: null } });
  const values = await page.locator("yuliao-search select[data-option=focus-value] option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(values.sort(), ["", "乙", "戊"]);
  await rendered(page, () => page.locator("yuliao-search select[data-option=focus-value]").selectOption("戊"), { focus: { field: "constructor", value: "戊" }, kind: "stats" });
  assert.match(await page.locator("yuliao-search .summary").textContent(), /目标（constructor：戊）1 篇/);
  assert.deepEqual(new URL(page.url()).searchParams.get("focus"), "constructor:戊");

  assert.deepEqual(await prototypes(page), untouched);
  assert.deepEqual(page.errors, []);
});

test("URL parameters and attributes named after Object.prototype's properties on a corpus without such fields", LIMIT, async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}www/index.html`);
  const untouched = await prototypes(page);
  // The seed corpus has no field toString, constructor or __proto__: the filters are dropped, nothing throws.
  await openWidget(page, `${server.url}www/index.html?q=拉萨&f.__proto__=x&f.constructor=y&f.toString=z&f.region=拉萨市&focus=constructor:x&by=toString`);
  const r = await lastRender(page);
  assert.deepEqual(r.filters, { region: ["拉萨市"] });
  assert.equal(r.by, "word");
  assert.equal(r.focus, null);
  assert.deepEqual(await texts(page, "yuliao-search .chip"), ["地区：拉萨市 ×"]);
  // A facets attribute naming them shows none of them.
  await openWidget(page, withAttributes({ facets: "toString constructor kind __proto__ hasOwnProperty" }));
  assert.deepEqual(await page.locator("yuliao-search .facet").evaluateAll((fs) => fs.map((f) => f.dataset.field)), ["kind"]);
  assert.deepEqual(await prototypes(page), untouched);
  assert.deepEqual(page.errors, []);
});

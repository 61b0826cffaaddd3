// Facets reach every value. A corpus made here (test-results/e2e/many-values.jsonl,
// 600 documents) has a field of 150 authors (more than the engine's default
// 100 values a field), a number field `page`, and dates over three years (500
// distinct days; the corpus derives `year` and `month`). The seeds have a
// field of 23 reporters (a search box) and serve for the concordance's facets.
// Every count shown is checked against the engine's own answer, asked in the
// page with every value listed (facetLimit 100000).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { RESULTS, startServer, launch, newPage, openWidget, rendered, enginePackage, buildBundle, axeViolations } from "./harness.mjs";

let server;
let browser;
let engineOnly;

const PLACES = ["拉萨", "林芝", "日喀则", "昌都"];
const TOPICS = ["党建", "教育", "旅游", "生态"];

/**
 * The corpus: document i has the date 2022-01-01 plus (37 j mod 1096) days,
 * j = i mod 500 (500 distinct days in 2022 to 2024, a hundred of them in
 * two documents: a field of values unique to one document would be no
 * facet), the author 作者000 to 作者149
 * (作者000 to 作者029 in four documents, the others in three: the engine's
 * top 100 by count end at 作者099), the page 1 to 40 (31 to 40 in more
 * documents than the others), and the kind 评论 (one in five) or 新闻.
 */
function manyValues() {
  const lines = [];
  for (let i = 0; i < 600; i++) {
    const date = new Date(Date.UTC(2022, 0, 1) + (((i % 500) * 37) % 1096) * 86400000).toISOString().slice(0, 10);
    const author = `作者${String(i < 450 ? i % 150 : i % 30).padStart(3, "0")}`;
    const page = i < 560 ? 1 + (i % 40) : 31 + (i % 10);
    const place = PLACES[i % 4];
    const topic = TOPICS[Math.floor(i / 4) % 4];
    lines.push(JSON.stringify({ title: `${place}${topic}报道${i}`, text: `第${i}篇：${place}的${topic}工作。`, date, author, page, kind: i % 5 === 0 ? "评论" : "新闻" }));
  }
  const text = `${lines.join("\n")}\n`;
  const path = join(RESULTS, "e2e", "many-values.jsonl");
  mkdirSync(join(RESULTS, "e2e"), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return path;
}

before(async () => {
  engineOnly = enginePackage();
  buildBundle("many-values", manyValues());
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const LIMIT = { timeout: 120_000 };
const ATTRS = (facets = "author page year date month kind") => ({ module: engineOnly, bundle: "/test-results/e2e/many-values.bundle", facets });
const withAttributes = (attrs, query = "") => {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(attrs)) params.append(`@${name}`, value);
  return `${server.url}tests/e2e/fixtures/attributes.html?${params}`;
};

/** The engine's answer in the page (the widget's own adapter, no search id). */
const engine = (page, method, ...args) => page.evaluate(([method, args]) => document.querySelector("yuliao-search").engine[method](...args), [method, args]);

/**
 * The values a facet lists, as [value, count] in the order shown: its top
 * level, or in a tree the values under the opened year or month `under`
 * (null when it is closed).
 */
const listed = (page, field, under = null) =>
  page.evaluate(([field, under]) => {
    const box = document.querySelector("yuliao-search").shadowRoot.querySelector(`.facet[data-field="${field}"]`);
    const list = under === null ? box.querySelector(":scope > ul") : box.querySelector(`button[data-value="${under}"]`).closest("li").querySelector(":scope > ul");
    return list && [...list.children].map((li) => {
      const label = li.querySelector(":scope > label, :scope > .tree-row > label");
      return [label.querySelector("input").value, Number(label.querySelector(".facet-count").textContent.replace(/,/g, ""))];
    });
  }, [field, under]);
const counts = (facet) => Object.fromEntries(facet.filter((c) => c.count > 0).map((c) => [String(c.value), c.count]));

test("a field with more values than the engine's default lists: a search box, and show all that asks for every value", LIMIT, async () => {
  const page = await newPage(browser);
  // Without the dates (whose tree asks for all their 500 values, and so for up to 500 of every field).
  await openWidget(page, withAttributes(ATTRS("author kind")));
  // 工作 is in every document.
  const r = await rendered(page, () => page.locator("yuliao-search input#q").fill("工作"), { q: "工作" });
  const all = (await engine(page, "search", "工作", { limit: 0, facetLimit: 100000 })).facets;
  assert.equal(r.total, 600);
  const authors = counts(all.author);
  assert.equal(Object.keys(authors).length, 150);

  // Collapsed: the first eight, by corpus count, with their exact counts.
  const shown = await listed(page, "author");
  assert.equal(shown.length, 8);
  for (const [v, c] of shown) assert.equal(c, authors[v], v);

  // Show all: the engine is asked for every value, and all 150 are listed, in corpus order, with the engine's counts.
  const expand = page.locator('yuliao-search .facet[data-field="author"] button[data-action=expand]');
  assert.equal(await expand.textContent(), "显示全部", "how many is not known before the engine lists them all");
  assert.equal(await expand.getAttribute("aria-expanded"), "false");
  await rendered(page, () => expand.click(), {});
  const every = await listed(page, "author");
  assert.equal(every.length, 150);
  assert.deepEqual(Object.fromEntries(every), authors);
  assert.deepEqual(every.slice(0, 31).map(([v]) => v).at(-1), "作者030", "corpus order: the thirty of four documents first");
  assert.equal(await expand.getAttribute("aria-expanded"), "true");
  assert.equal(await expand.textContent(), "收起");
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.activeElement?.dataset.action), "expand", "focus stays on the button");
  // Collapsed again, the button knows the number.
  await expand.click();
  assert.equal(await expand.textContent(), "显示全部 150 项");
  assert.equal((await listed(page, "author")).length, 8);

  // The search box, on a fresh page: it asks for every value too, and finds
  // authors beyond the engine's first 100 (作者100 to 作者149) with their exact counts.
  await openWidget(page, withAttributes(ATTRS("author kind"), "q=工作"));
  const box = page.locator('yuliao-search .facet[data-field="author"] input.facet-search');
  assert.equal(await box.getAttribute("role"), "searchbox");
  assert.equal(await box.getAttribute("aria-label"), "在“作者”中查找");
  await rendered(page, () => box.fill("作者14"), {});
  const found = await listed(page, "author");
  assert.deepEqual(found.map(([v]) => v), Array.from({ length: 10 }, (_, i) => `作者14${i}`));
  for (const [v, c] of found) assert.equal(c, authors[v], v);
  assert.equal(await page.locator('yuliao-search .facet[data-field="author"] .facet-hint').textContent(), "10 项符合");
  // Ticking one filters on it, and it stays listed when the search is cleared.
  const f = await rendered(page, () => page.locator('yuliao-search .facet[data-field="author"] label', { hasText: "作者147" }).click(), { filters: { author: ["作者147"] } });
  assert.equal(f.total, 3);
  await box.fill("");
  const after = await listed(page, "author");
  assert.equal(after.length, 9);
  assert.deepEqual(after.at(-1), ["作者147", 3], "a ticked value is always listed");
  assert.deepEqual(page.errors, []);
});

test("numbers and dates in their natural order; dates as years, months and days; a year or a month ticked filters on the period", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, withAttributes(ATTRS()));
  const corpus = (await engine(page, "info")).fields;

  // page (a number field): 1 to 8 first, though 31 to 40 have more documents.
  assert.deepEqual((await listed(page, "page")).map(([v]) => v), ["1", "2", "3", "4", "5", "6", "7", "8"]);
  assert.deepEqual(await listed(page, "year"), ["2022", "2023", "2024"].map((y) => [y, counts(corpus.year)[y]]));
  // kind (text): by count.
  assert.deepEqual((await listed(page, "kind")).map(([v]) => v), ["新闻", "评论"]);

  // date: three years, each with its documents (the sum of its days), not 600 days.
  const date = 'yuliao-search .facet[data-field="date"]';
  assert.equal(await page.locator(date).getAttribute("data-kind"), "days");
  const years = await listed(page, "date");
  assert.deepEqual(years, [["2022", counts(corpus.year)["2022"]], ["2023", counts(corpus.year)["2023"]], ["2024", counts(corpus.year)["2024"]]]);
  assert.match(await page.locator(`${date} > ul > li label`).first().textContent(), /^2022年/);
  // Opening 2023 lists its months, with the counts of the derived month field.
  const open2023 = page.locator(`${date} button[data-action=facet-branch][data-value="2023"]`);
  assert.equal(await open2023.getAttribute("aria-expanded"), "false");
  assert.equal(await open2023.getAttribute("aria-label"), "2023年的各月");
  await open2023.focus();
  await page.keyboard.press("Space");
  assert.equal(await open2023.getAttribute("aria-expanded"), "true");
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.activeElement?.dataset.value), "2023", "focus stays on the button");
  const months = await listed(page, "date", "2023");
  assert.deepEqual(months, Object.entries(counts(corpus.month)).filter(([m]) => m.startsWith("2023-")).sort());
  // …and opening 2023-05 its days.
  await page.locator(`${date} button[data-action=facet-branch][data-value="2023-05"]`).click();
  const days = await listed(page, "date", "2023-05");
  assert.deepEqual(days, Object.entries(counts(corpus.date)).filter(([d]) => d.startsWith("2023-05-")).sort());

  // Ticking 2023: the filter is the year (f.date=2023), its months and days ticked with it.
  const y = await rendered(page, () => page.locator(`${date} input[value="2023"]`).check(), { filters: { date: ["2023"] } });
  assert.equal(y.total, (await engine(page, "filter", { year: [2023] }, { limit: 0 })).total);
  assert.deepEqual(new URL(page.url()).searchParams.getAll("f.date"), ["2023"]);
  assert.deepEqual(await page.locator("yuliao-search .chip").allTextContents(), ["日期：2023年 ×"]);
  const may = page.locator(`${date} input[value="2023-05"]`);
  assert.ok(await may.isChecked());
  assert.ok(await may.isDisabled(), "within a ticked year");
  // Still three years with their counts (a field's counts ignore its own filter).
  assert.deepEqual((await listed(page, "date")).map(([v]) => v), ["2022", "2023", "2024"]);

  // A month of another year as well: 2023 or February 2024.
  await page.locator(`${date} button[data-action=facet-branch][data-value="2024"]`).click();
  const m = await rendered(page, () => page.locator(`${date} input[value="2024-02"]`).check(), { filters: { date: ["2023", "2024-02"] } });
  assert.equal(m.total, (await engine(page, "filter", { year: [2023] }, { limit: 0 })).total + (await engine(page, "filter", { month: ["2024-02"] }, { limit: 0 })).total);
  assert.equal(await page.locator(`${date} input[value="2024"]`).evaluate((b) => b.indeterminate), true, "2024 partly ticked");
  // Ticking the whole of 2024 takes the place of its month.
  await rendered(page, () => page.locator(`${date} input[value="2024"]`).check(), { filters: { date: ["2023", "2024"] } });

  // From the URL: a day, shown inside its opened year and month; the month field is a tree of years and months.
  await openWidget(page, withAttributes(ATTRS(), "f.date=2024-02-10&f.date=2022"));
  const r = await page.evaluate(() => window.__renders.at(-1));
  assert.equal(r.total, (await engine(page, "filter", { date: ["2024-02-10"] }, { limit: 0 })).total + (await engine(page, "filter", { year: [2022] }, { limit: 0 })).total);
  const day = page.locator(`${date} input[value="2024-02-10"]`);
  assert.ok(await day.isVisible(), "a ticked day is shown");
  assert.ok(await day.isChecked());
  assert.equal(await page.locator(`${date} input[value="2024-02"]`).evaluate((b) => b.indeterminate), true);
  assert.deepEqual((await page.locator("yuliao-search .chip").allTextContents()).sort(), ["日期：2022年 ×", "日期：2024年2月10日 ×"]);
  assert.equal(await page.locator('yuliao-search .facet[data-field="month"]').getAttribute("data-kind"), "months");
  // The tree (opened, ticked, partly ticked) and the search boxes pass axe's
  // audit (but for the bare fixture page's own lack of landmarks and heading).
  assert.deepEqual(await axeViolations(page, { off: ["landmark-one-main", "page-has-heading-one", "region"] }), []);
  assert.deepEqual(page.errors, []);
});

test("the seeds: a search box for the 23 reporters, none for the 8 regions", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}www/index.html?q=党建`);
  const facets = (await engine(page, "search", "党建", { limit: 0, facetLimit: 100000 })).facets;
  const box = page.locator('yuliao-search .facet[data-field="reporters"] input.facet-search');
  await box.fill("次仁");
  const found = await listed(page, "reporters");
  const expected = Object.entries(counts(facets.reporters)).filter(([v]) => v.includes("次仁"));
  assert.ok(expected.length > 0);
  assert.deepEqual(Object.fromEntries(found), Object.fromEntries(expected));
  assert.equal(await page.locator('yuliao-search .facet[data-field="region"] input.facet-search').count(), 0, "eight regions need no search box");
  assert.deepEqual(page.errors, []);
});

test("the concordance's facets count the documents with a line, not search's hits", LIMIT, async () => {
  const page = await newPage(browser);
  // 拉萨 OR 林芝: search finds 17 documents; the concordance, reading it as one phrase, no line: its facets count no document.
  await openWidget(page, `${server.url}www/index.html?q=${encodeURIComponent("拉萨 OR 林芝")}&view=concordance`);
  assert.equal((await page.evaluate(() => window.__renders.at(-1))).total, 0);
  assert.equal((await engine(page, "search", "拉萨 OR 林芝", { limit: 0 })).total, 17);
  const nonzero = await page.locator("yuliao-search .facet-count").evaluateAll((cs) => cs.filter((c) => c.offsetParent !== null && c.textContent !== "0").map((c) => c.textContent));
  assert.deepEqual(nonzero, []);
  // With lines and a filter: the counts are the concordance's (disjunctive, as search's).
  await openWidget(page, `${server.url}www/index.html?q=${encodeURIComponent('"基层党建"')}&view=concordance&f.kind=article`);
  const kwic = await engine(page, "concordance", '"基层党建"', { limit: 0, facets: true, facetLimit: 100000, filters: { kind: ["article"] } });
  assert.deepEqual(Object.fromEntries(await listed(page, "region")), counts(kwic.facets.region));
  assert.deepEqual(Object.fromEntries(await listed(page, "kind")), counts(kwic.facets.kind));
  assert.deepEqual(page.errors, []);
});

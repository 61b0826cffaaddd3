// www/large.html, the large-corpus demo (`make demo-large`): the 25,783
// stories of ../shared/corpora/cctv-xwlb/stories.jsonl in a bundle, opened
// in a Web Worker, with a config that names the fields in Chinese and
// chooses the facets (播出日期 as a tree of years, months and days, 类型,
// 栏目), a result's badges (the date, kind, column and a 原文 link), the
// reading view's metadata and each concordance line's reference (date and
// title). The page's views are checked against the engine's own answers,
// saved as screenshots (test-results/screenshots/large-*.png) at desktop
// and phone width, and audited with axe. Skipped, saying why, where
// ../shared has no such corpus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { STORIES, SCREENSHOTS, DESKTOP, PHONE, largeDemo, startServer, launch, newPage, openWidget, rendered, texts, axeViolations } from "./harness.mjs";

const skip = !existsSync(STORIES) && `${STORIES} is absent: the large-corpus page (make demo-large) is not tested`;
const LIMIT = { timeout: 240_000, skip };

let server;
let browser;
let bundle;
before(async () => {
  if (skip) return;
  bundle = largeDemo();
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const large = (query = "") => `${server.url}www/large.html${query ? `?${query}` : ""}`;
const engine = (page, method, ...args) => page.evaluate(([method, args]) => document.querySelector("yuliao-search").engine[method](...args), [method, args]);
const dateLabel = (d) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
const KIND = { story: "新闻", summary: "本期提要" };
const Q = "乡村振兴";

/** The values listed at the top level of a facet, or under the opened `under` of a tree: [value, checked]. */
const listed = (page, field, under = null) =>
  page.evaluate(([field, under]) => {
    const box = document.querySelector("yuliao-search").shadowRoot.querySelector(`.facet[data-field="${field}"]`);
    const list = under === null ? box.querySelector(":scope > ul") : box.querySelector(`button[data-value="${under}"]`)?.closest("li").querySelector(":scope > ul");
    return list && [...list.children].map((li) => {
      const input = li.querySelector(":scope > label input, :scope > .tree-row input");
      return [input.value, input.checked];
    });
  }, [field, under]);

test("the large corpus: progress in megabytes, labelled facets in their order, the date as a tree in natural order, the chosen badges and 原文 links", LIMIT, async () => {
  const page = await newPage(browser);
  // What the status line says while the corpus loads (www/serve.mjs sends the bundle with its length).
  await page.context().addInitScript(() => {
    window.__phases = [];
    customElements.whenDefined("yuliao-search").then(() => {
      const summary = document.querySelector("yuliao-search").shadowRoot.querySelector(".summary");
      const note = () => window.__phases.push(summary.textContent);
      new MutationObserver(note).observe(summary, { childList: true, subtree: true, characterData: true });
      note();
    });
  });
  await openWidget(page, large(`q=${Q}`));
  const megabytes = (statSync(bundle).size / 1e6).toFixed(1);
  const phases = await page.evaluate(() => window.__phases);
  assert.ok(phases.includes(`正在打开语料（${megabytes} MB）…`), `phases: ${phases}`);
  assert.ok(phases.every((p) => !/正在下载/.test(p) || new RegExp(`^正在下载语料：[\\d.]+ / ${megabytes} MB（\\d+%）$`).test(p)), `phases: ${phases}`);
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.mode), "worker");
  assert.deepEqual(await texts(page, "yuliao-search .facet:not([hidden]) legend"), ["播出日期", "类型", "栏目"]);
  const expected = await engine(page, "search", Q, { limit: 10, facetLimit: 100000 });
  assert.ok(expected.total > 100, `${Q}: ${expected.total}`);
  // The years of the date tree, in order, those with hits only.
  const years = [...new Set(expected.facets.date.filter((c) => c.count > 0).map((c) => c.value.slice(0, 4)))].sort();
  assert.deepEqual((await listed(page, "date")).map(([v]) => v), years);
  assert.deepEqual(years, ["2022", "2023", "2024", "2025", "2026"]);
  // 类型 by its labels, most documents first.
  const kinds = expected.facets.kind.filter((c) => c.count > 0).map((c) => KIND[c.value]);
  assert.deepEqual(await texts(page, "yuliao-search .facet[data-field=kind] .facet-value"), kinds);
  // Each result: its date, kind and column (when it has one), then 原文, opening the story's page.
  const badges = await page.locator("yuliao-search .hit").evaluateAll((hits) =>
    hits.map((hit) => [...hit.querySelectorAll(".badge")].map((b) => [b.dataset.field, b.textContent, b.dataset.href ?? null])));
  assert.equal(badges.length, expected.hits.length);
  expected.hits.forEach((hit, i) => {
    assert.deepEqual(badges[i], [
      ["date", `播出日期：${dateLabel(hit.date)}`, null],
      ["kind", `类型：${KIND[hit.kind]}`, null],
      ...(hit.column ? [["column", `栏目：${hit.column}`, null]] : []),
      ["url", "原文 ↗", new URL(hit.url).href],
    ], `hit ${hit.id}`);
  });
  assert.ok(expected.hits.every((hit) => /^https:\/\/tv\.cctv\.com\//.test(hit.url)));
  assert.deepEqual(page.errors, []);
});

test("the large corpus: ticked values are always listed, a day with its year and month opened, a rare column among the first", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, large());
  const info = await engine(page, "info");
  const rare = info.fields.column.filter((c) => c.value !== null)[40].value; // far below the 8 listed first
  const day = "2024-09-04";
  await openWidget(page, large(new URLSearchParams([["f.date", day], ["f.column", rare]]).toString()));
  // The tree lists the days the column has (its own filter aside), in order, with the ticked day's year and month opened.
  const days = (await engine(page, "filter", { column: [rare] }, { limit: 0, facetLimit: 100000 })).facets.date.filter((c) => c.count > 0).map((c) => c.value);
  const years = [...new Set([...days, day].map((d) => d.slice(0, 4)))].sort();
  assert.deepEqual((await listed(page, "date")).map(([v]) => v), years);
  const open = (value) => page.locator(`yuliao-search .facet[data-field=date] button[data-value='${value}']`).getAttribute("aria-expanded");
  assert.deepEqual([await open("2024"), await open("2024-09")], ["true", "true"]);
  const months = (await listed(page, "date", "2024")).map(([v]) => v);
  assert.deepEqual(months, [...new Set([...days, day].filter((d) => d.startsWith("2024-")).map((d) => d.slice(0, 7)))].sort());
  assert.ok((await listed(page, "date", "2024-09")).some(([v, checked]) => v === day && checked));
  const columns = await listed(page, "column");
  assert.ok(columns.some(([v, checked]) => v === rare && checked), `${rare} in ${JSON.stringify(columns)}`);
  assert.deepEqual(await texts(page, "yuliao-search .chip"), [`播出日期：2024年9月4日 ×`, `栏目：${rare} ×`]);
  // The months of a year, in their order.
  await openWidget(page, large());
  await page.locator("yuliao-search .facet[data-field=date] button[data-value='2023']").click();
  const months2023 = (await listed(page, "date", "2023")).map(([v]) => v);
  assert.deepEqual(months2023, Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, "0")}`));
  assert.deepEqual(page.errors, []);
});

test("the large corpus: each concordance line starts with its date and title, and opens the reading view at its match, with the chosen metadata", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, large(`q=${Q}&view=concordance`));
  const { lines } = await engine(page, "concordance", Q, { limit: 50 });
  const refs = await texts(page, "yuliao-search .line .ref");
  assert.equal(refs.length, lines.length);
  for (const [i, line] of lines.slice(0, 10).entries()) {
    const doc = await engine(page, "doc", line.id);
    assert.equal(refs[i], `${dateLabel(doc.date)} · ${doc.title}：`);
  }
  const line = lines[3];
  await rendered(page, () => page.locator("yuliao-search .line >> nth=3 >> .ref").click(), { doc: line.id, at: line.start });
  assert.equal(await page.locator("yuliao-search .reader-text mark.current").textContent(), line.match);
  const doc = await engine(page, "doc", line.id);
  const meta = await page.locator("yuliao-search .reader .meta > div").evaluateAll((rows) =>
    rows.map((r) => [r.querySelector("dt").textContent, r.querySelector("dd").textContent, r.querySelector("a")?.getAttribute("href") ?? null]));
  assert.deepEqual(meta, [
    ["播出日期", dateLabel(doc.date), null],
    ["类型", KIND[doc.kind], null],
    ...(doc.column ? [["栏目", doc.column, null]] : []),
    ["编号", doc.key, null],
    ["来源", doc.source, null],
    ["原文", new URL(doc.url).href, new URL(doc.url).href],
  ]);
  assert.deepEqual(page.errors, []);
});

for (const [width, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`the large corpus at ${width} width (${viewport.width}px): screenshots of each view, nothing wider than the screen, no axe violation`, LIMIT, async () => {
    const page = await newPage(browser, { viewport });
    await openWidget(page, large(`q=${Q}`));
    const first = (await engine(page, "search", Q, { limit: 1 })).hits[0];
    const views = [
      ["results", `q=${Q}`, ".hit .badge-link"],
      ["facets", `q=${Q}&f.date=2024-09&f.kind=story`, ".facet[data-field=date] input:checked", async () => {
        const toggle = page.locator("yuliao-search .facets-toggle");
        if (await toggle.isVisible()) await toggle.click();
      }],
      ["concordance", `q=${Q}&view=concordance`, ".line .ref"],
      ["reader", `q=${Q}&doc=${first.id}`, ".reader .meta a"],
    ];
    const found = [];
    for (const [view, query, shows, prepare] of views) {
      page.errors = [];
      await openWidget(page, large(query));
      await prepare?.();
      await page.locator(`yuliao-search ${shows}`).first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `${view}: the page is ${wide}px wide`);
      await page.screenshot({ path: join(SCREENSHOTS, `large-${view}-${width}.png`), fullPage: view !== "reader" });
      for (const v of await axeViolations(page)) found.push(`${view}: ${v}`);
      assert.deepEqual(page.errors, [], view);
    }
    assert.deepEqual(found, []);
  });
}

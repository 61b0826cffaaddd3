// The statistics views of <yuliao-search> (词频 搭配 N元 分布 关键词) on the
// demo page (www/index.html, the seed corpus) in headless Chromium, and
// the concordance's token sort keys and sample: what each table shows,
// sorting and paging it, its options, CSV downloads, the URL and history.
// Expected figures come from the statistics module itself, called directly
// in the page (`api()`), so the tests check the widget, not the corpus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launch, newPage, openWidget, reloadWidgets, rendered, texts, PHONE } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const demo = (query = "") => `${server.url}www/index.html${query}`;
const input = (page) => page.locator("yuliao-search input[type=search]");
const summary = (page) => page.locator("yuliao-search .summary").textContent();
const param = (page, key) => new URL(page.url()).searchParams.getAll(key);
const option = (page, key, part) => page.locator(`yuliao-search [data-option=${key}]${part === undefined ? "" : `[data-part="${part}"]`}`);
const header = (page, label) => page.locator("yuliao-search .stats-table thead th", { has: page.getByRole("button", { name: label, exact: false }) });

/**
 * The statistics API called directly in the page: the seed corpus of
 * www/pkg-stats, opened once per page (the module the widget loads too).
 */
const api = (page, method, ...args) =>
  page.evaluate(async ([m, a]) => {
    window.__api ??= import("/www/pkg-stats/yuliao.js").then(async (mod) => {
      await mod.default();
      return mod.Corpus.embedded();
    });
    return (await window.__api)[m](...a);
  }, [method, args]);

/** The table's body as rows of cell texts. */
const tableRows = (page) =>
  page.locator("yuliao-search .stats-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));

/** A number as the widget shows it (26,936; 1,587.30; −0.04; —), back as a number (null for —). */
const parse = (text) => (text === "—" ? null : Number(text.replace(/,/g, "").replace("−", "-")));
/** A value rounded as the widget shows it with `digits` decimals. */
const round = (x, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** Stable sort of `rows` by `key` (ties keep their order), as a table column sorts them. */
const sortedBy = (rows, key, desc) =>
  rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => (desc ? b[key] - a[key] : a[key] - b[key]) || i - j).map(([r]) => r);

async function openDemo(query) {
  const page = await newPage(browser);
  await openWidget(page, demo(query));
  return page;
}

test("词频: the corpus word list, paged and said to be cut at the rows fetched; with a query, its right-hand words", async () => {
  const page = await openDemo("?view=frequencies");
  const all = await api(page, "frequencies", null, { limit: 1000 });
  assert.ok(all.types > 1000, "the seed corpus has more word types than the widget fetches");
  const rows = await tableRows(page);
  assert.equal(rows.length, 50);
  assert.deepEqual(rows, all.rows.slice(0, 50).map((r) => [r.value, String(r.count).replace(/\B(?=(\d{3})+(?!\d))/g, ","), expect2(r.perMillion), String(r.range)]));
  assert.match(await summary(page), new RegExp(`${fmt(all.types)} 种词，共 ${fmt(all.total)} 次`));
  const more = await page.locator("yuliao-search .table-tools .more").textContent();
  assert.ok(more.includes(`共 ${fmt(all.types)} 种词`) && more.includes("1,000"), more);
  assert.equal(await page.locator("yuliao-search .stats-table caption").textContent(), "词频次表");
  // The last page holds rows 951 to 1000.
  await rendered(page, () => page.locator("yuliao-search .pages button", { hasText: "20" }).click(), { page: 20 });
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), all.rows.slice(950, 1000).map((r) => r.value));
  assert.deepEqual(param(page, "page"), ["20"]);

  // With a query: the words right after it (R1), its matches counted.
  await rendered(page, () => input(page).fill("党建"), { q: "党建", page: 1 });
  const r1 = await rendered(page, () => option(page, "by").selectOption("R1"), { by: "R1" });
  const expected = await api(page, "frequencies", "党建", { by: "R1", limit: 1000 });
  assert.equal(r1.total, expected.types);
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[1]), parse(r[2]), parse(r[3])]),
    expected.rows.slice(0, 50).map((r) => [r.value, r.count, round(r.perMillion), r.range]));
  assert.match(await summary(page), new RegExp(`“党建”共 ${expected.matches} 处；${expected.types} 种右一词`));
  assert.equal(await page.locator("yuliao-search .table-tools .more").count(), 0, "every row is shown: no note");
  assert.deepEqual(param(page, "by"), ["R1"]);
  // By a field: the matches per region, the values as the facets name them.
  await rendered(page, () => option(page, "by").selectOption("kind"), { by: "kind" });
  const kinds = await api(page, "frequencies", "党建", { by: "kind", limit: 1000 });
  const names = { article: "文章", photo: "图片", commentary: "评论" };
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[1])]), kinds.rows.map((r) => [names[r.value], r.count]));
  assert.deepEqual(page.errors, []);
});

const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const expect2 = (x) => {
  const [i, f] = x.toFixed(2).split(".");
  return `${fmt(i)}.${f}`;
};

test("a column header sorts the rows fetched, both ways, with aria-sort; the order is in the URL", async () => {
  const page = await openDemo("?q=党建&view=collocates");
  const expected = await api(page, "collocates", "党建", { limit: 1000 });
  const logDice = header(page, "logDice");
  assert.equal(await logDice.getAttribute("aria-sort"), "descending", "the engine's order: the measure, best first");
  assert.equal(await page.locator("yuliao-search .stats-table thead th[aria-sort]").count(), 1);
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), expected.rows.slice(0, 50).map((r) => r.word));

  const range = header(page, "文档数");
  await rendered(page, () => range.getByRole("button").click(), { order: "-range" });
  assert.equal(await range.getAttribute("aria-sort"), "descending");
  assert.equal(await logDice.getAttribute("aria-sort"), null);
  const byRange = sortedBy(expected.rows, "range", true);
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[5])]), byRange.slice(0, 50).map((r) => [r.word, r.range]));
  assert.deepEqual(param(page, "order"), ["-range"]);
  // Focus stays on the header's button, which now sorts the other way.
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.activeElement?.dataset.focusKey), "order\u0000range");
  await rendered(page, () => page.keyboard.press("Enter"), { order: "range" });
  assert.equal(await range.getAttribute("aria-sort"), "ascending");
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), sortedBy(expected.rows, "range", false).slice(0, 50).map((r) => r.word));
  // A text column sorts A→Z first; page 2 continues the same order.
  await rendered(page, () => header(page, "搭配词").getByRole("button").click(), { order: "word" });
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  const byWord = expected.rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => collator.compare(a.word, b.word) || i - j).map(([r]) => r.word);
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), byWord.slice(0, 50));
  await rendered(page, () => page.locator("yuliao-search .pages button", { hasText: "2" }).first().click(), { page: 2 });
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), byWord.slice(50, 100));
  // Back: the previous order and page.
  await rendered(page, () => page.goBack(), { order: "word", page: 1 });
  await rendered(page, () => page.goBack(), { order: "range" });
  assert.equal(await range.getAttribute("aria-sort"), "ascending");
  assert.deepEqual(page.errors, []);
});

test("搭配: window, measure, least co-occurrences and a tag pattern change the request; every score is shown", async () => {
  const page = await openDemo("?q=党建&view=collocates");
  await rendered(page, () => option(page, "window", 0).fill("2").then(() => option(page, "window", 0).press("Tab")), { window: [2, 5] });
  await rendered(page, () => option(page, "measure").selectOption("logLikelihood"), { measure: "logLikelihood" });
  await rendered(page, () => option(page, "cmin").fill("3").then(() => option(page, "cmin").press("Enter")), { cmin: 3 });
  await rendered(page, () => option(page, "cpos").fill("n.*").then(() => option(page, "cpos").press("Enter")), { cpos: "n.*" });
  const expected = await api(page, "collocates", "党建", { window: [2, 5], measure: "logLikelihood", minFreq: 3, pos: "n.*", limit: 1000 });
  assert.ok(expected.rows.length > 3);
  assert.ok(expected.rows.every((r) => /^n/.test(r.pos)));
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => [r[0], r[1], ...r.slice(2).map(parse)]), expected.rows.slice(0, 50).map((r) => [
    r.word, r.pos, r.observed, round(r.expected), r.frequency, r.range, round(r.logDice), round(r.mi), round(r.mi3), round(r.tScore), round(r.logLikelihood), round(r.logRatio),
  ]));
  assert.equal(await header(page, "对数似然").getAttribute("aria-sort"), "descending");
  assert.match(await summary(page), new RegExp(`“党建”共 ${expected.node} 处；窗口左 2 右 5 词内有 ${expected.total} 个搭配词`));
  assert.deepEqual([param(page, "window"), param(page, "measure"), param(page, "cmin"), param(page, "cpos")], [["2,5"], ["logLikelihood"], ["3"], ["n.*"]]);
  // A pattern the engine refuses is an error in the view, which keeps its options.
  await rendered(page, () => option(page, "cpos").fill("n.*(").then(() => option(page, "cpos").press("Enter")), { cpos: "n.*(" });
  assert.match(await page.locator("yuliao-search .notice.error").textContent(), /统计出错.*regular expression/);
  assert.equal(await option(page, "cpos").inputValue(), "n.*(");
  assert.equal(await page.locator("yuliao-search .query-error").isHidden(), true, "not a query error");
  assert.deepEqual(page.errors, []);
});

test("N元: n, tags or words, least count and a word pattern; the search box is not used", async () => {
  const page = await openDemo("?view=ngrams");
  const bigrams = await api(page, "ngrams", { limit: 1000 });
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[1])]), bigrams.rows.slice(0, 50).map((r) => [r.value, r.count]));
  await rendered(page, () => option(page, "n").selectOption("3"), { n: 3 });
  await rendered(page, () => option(page, "containing").fill("党建").then(() => option(page, "containing").press("Enter")), { containing: "党建" });
  const trigrams = await api(page, "ngrams", { n: 3, containing: "党建", limit: 1000 });
  assert.ok(trigrams.rows.length > 0);
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[1]), parse(r[2]), parse(r[3])]),
    trigrams.rows.slice(0, 50).map((r) => [r.value, r.count, round(r.perMillion), r.range]));
  assert.match(await summary(page), new RegExp(`${trigrams.types} 种3元组，共 ${fmt(trigrams.total)} 次`));
  await rendered(page, () => option(page, "nby").selectOption("pos"), { nby: "pos" });
  const tags = await api(page, "ngrams", { n: 3, by: "pos", containing: "党建", limit: 1000 });
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), tags.rows.slice(0, 50).map((r) => r.value));
  // A query in the box changes nothing here.
  const before = await tableRows(page);
  await rendered(page, () => input(page).fill("拉萨"), { q: "拉萨" });
  assert.deepEqual(await tableRows(page), before);
  assert.deepEqual(page.errors, []);
});

test("分布: caption with total, range, DP and DPnorm; a barcode of every match; bars per part; the parts table", async () => {
  const page = await openDemo("?q=党建&view=dispersion&dby=region");
  const d = await api(page, "dispersion", "党建", { by: "region" });
  const caption = await page.locator("yuliao-search .dispersion figcaption").textContent();
  for (const part of [`共 ${d.total} 处`, `见于 ${d.range} / ${d.partCount} 个地区`, `DP ${d.dp.toFixed(3)}`, `DPnorm ${d.dpNorm.toFixed(3)}`]) {
    assert.ok(caption.includes(part), `${part} in ${caption}`);
  }
  // One barcode line per thousandth of the line holding a match, at its place, darker where it holds more.
  const perColumn = new Map();
  for (const p of d.positions) {
    const x = Math.min(999, Math.floor((p / d.tokens) * 1000));
    perColumn.set(x, (perColumn.get(x) ?? 0) + 1);
  }
  const most = Math.max(...perColumn.values());
  const drawn = await page.locator("yuliao-search .barcode .hits").evaluateAll((ps) =>
    ps.flatMap((p) => [...p.getAttribute("d").matchAll(/M([\d.]+) /g)].map((m) => [Number(m[1]) - 0.5, Number(p.getAttribute("class").match(/shade-(\d)/)[1])])));
  assert.deepEqual(drawn.sort((a, b) => a[0] - b[0]), [...perColumn].sort((a, b) => a[0] - b[0]).map(([x, n]) => [x, Math.ceil((n / most) * 4)]));
  assert.equal(await page.locator("yuliao-search .barcode").getAttribute("role"), "img");
  assert.match(await page.locator("yuliao-search .barcode").getAttribute("aria-label"), new RegExp(`${d.total} 处`));
  // The parts' starts are labelled, in the line's order, at their offsets.
  const labels = await page.locator("yuliao-search .part-labels span").evaluateAll((ss) => ss.map((s) => [s.textContent, parseFloat(s.style.left)]));
  assert.deepEqual(labels.map(([t]) => t), d.parts.map((p) => p.value));
  labels.forEach(([, left], i) => assert.ok(Math.abs(left - (d.parts[i].offset / d.tokens) * 100) < 0.01));
  // Bars as tall as each part's frequency per million.
  const heights = await page.locator("yuliao-search .bars .bar").evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("height"))));
  const max = Math.max(...d.parts.map((p) => p.perMillion));
  assert.deepEqual(heights.map((x) => Math.round(x)), d.parts.map((p) => Math.round((p.perMillion / max) * 98)));
  assert.deepEqual(await tableRows(page), d.parts.map((p) => [p.value, fmt(p.size), fmt(p.count), expect2(p.perMillion)]));
  assert.equal(await page.locator("yuliao-search .stats-table thead th[aria-sort]").count(), 0, "the line's order is no column's");

  // By document: only documents with a match, each opening in the reading view.
  await rendered(page, () => option(page, "dby").selectOption("doc"), { dby: "doc" });
  const docs = await api(page, "dispersion", "党建", { by: "doc" });
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], parse(r[2])]), docs.parts.map((p) => [p.title, p.count]));
  assert.equal(await page.locator("yuliao-search .part-labels").count(), 0);
  const first = docs.parts[0];
  await rendered(page, () => page.locator("yuliao-search .stats-table tbody th button").first().click(), { doc: first.value });
  assert.equal(await page.locator("yuliao-search .reader h2").textContent(), first.title);
  assert.equal(await page.locator("yuliao-search .reader-text mark").count(), (await api(page, "doc", first.value, { query: "党建" })).matches.length);
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.activeElement?.id), "reader-title");
  await rendered(page, () => page.keyboard.press("Escape"), { doc: null });
  assert.ok(await page.locator("yuliao-search .barcode").isVisible());
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.activeElement?.dataset.focusKey), `doc\u0000${first.value}`, "focus is back on the document's button");
  assert.deepEqual(page.errors, []);
});

test("关键词: the focus chosen from a field's values, against the rest or the whole corpus; the filters narrow it", async () => {
  const page = await openDemo("?view=keywords");
  assert.match(await page.locator("yuliao-search .notice.help").textContent(), /目标语料/);
  assert.equal(await option(page, "focus-field").inputValue(), "region", "the first facet field");
  const values = await option(page, "focus-value").locator("option").evaluateAll((os) => os.map((o) => o.value));
  const info = await api(page, "info");
  assert.deepEqual(values, ["", ...info.fields.region.map((c) => c.value)]);
  await rendered(page, () => option(page, "focus-value").selectOption("拉萨市"), { focus: { field: "region", value: "拉萨市" } });
  const rest = await api(page, "keywords", { focus: { region: ["拉萨市"] }, limit: 1000 });
  assert.ok(rest.rows.length > 3);
  assert.deepEqual((await tableRows(page)).map((r) => [r[0], r[1], parse(r[2]), parse(r[3]), parse(r[6]), parse(r[7])]),
    rest.rows.map((r) => [r.word, r.pos, r.focus, r.reference, round(r.logLikelihood), round(r.logRatio)]));
  assert.match(await summary(page), new RegExp(`目标（地区：拉萨市）${rest.focus.documents} 篇、${fmt(rest.focus.tokens)} 词；参照（其余文档）${rest.reference.documents} 篇`));
  assert.deepEqual(param(page, "focus"), ["region:拉萨市"]);
  await rendered(page, () => option(page, "ref").selectOption("all"), { ref: "all" });
  const all = await api(page, "keywords", { focus: { region: ["拉萨市"] }, reference: "all", limit: 1000 });
  assert.notEqual(all.rows.length, rest.rows.length);
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), all.rows.map((r) => r.word));
  // A facet filter narrows the focus.
  await rendered(page, () => page.locator("yuliao-search .facet[data-field=kind] label", { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
  const narrowed = await api(page, "keywords", { focus: { region: ["拉萨市"], kind: ["article"] }, reference: "all", limit: 1000 });
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), narrowed.rows.map((r) => r.word));
  // Another field: its values are offered, none chosen yet.
  await rendered(page, () => option(page, "focus-field").selectOption("kind"), { focus: { field: "kind", value: null } });
  assert.deepEqual(await option(page, "focus-value").locator("option").evaluateAll((os) => os.map((o) => o.value)), ["", ...info.fields.kind.map((c) => c.value)]);
  assert.deepEqual(page.errors, []);
});

test("CSV downloads: every row with a byte order mark and a header, and what the table is as JSON", async () => {
  const page = await openDemo("?view=frequencies");
  const expected = await api(page, "frequencies", null, { format: "csv" });
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("yuliao-search [data-action=csv]").click()]);
  assert.equal(csv.suggestedFilename(), expected.filename);
  const bytes = await readFile(await csv.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte order mark");
  const lines = bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  assert.equal(lines[0], "value,count,perMillion,range");
  const types = (await api(page, "frequencies", null, { limit: 0 })).types;
  assert.equal(lines.length - 1, types, "every word type, not only the rows fetched");
  const [about] = await Promise.all([page.waitForEvent("download"), page.locator("yuliao-search [data-action=about]").click()]);
  assert.equal(about.suggestedFilename(), `${expected.filename}.about.json`);
  const description = JSON.parse(await readFile(await about.path(), "utf8"));
  assert.equal(description.function, "frequencies");
  assert.equal(description.rows, types);
  assert.equal(description.tokens, expected.about.tokens);
  await page.locator("yuliao-search .download-status", { hasText: ".about.json" }).waitFor();

  // The concordance: every match, sorted as shown, with its filters.
  await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  await rendered(page, () => page.locator("yuliao-search .facet[data-field=kind] label", { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
  await rendered(page, () => option(page, "sort", 0).selectOption("R1"), { sort: "R1" });
  const kwic = await api(page, "concordance", "党建", { sort: ["R1"], filters: { kind: ["article"] }, context: 20, format: "csv" });
  const [lines2] = await Promise.all([page.waitForEvent("download"), page.locator("yuliao-search [data-action=csv]").click()]);
  assert.equal(lines2.suggestedFilename(), kwic.filename);
  const text = (await readFile(await lines2.path(), "utf8"));
  assert.equal(text, kwic.csv);
  assert.ok(text.startsWith("\ufeffid,title,"), text.slice(0, 40));
  const total = (await api(page, "concordance", "党建", { limit: 0, filters: { kind: ["article"] } })).total;
  assert.equal(kwic.about.rows, total);
  assert.deepEqual(page.errors, []);
});

test("the concordance: token sort keys (then a second key), a sample with a new draw, all in the URL", async () => {
  const page = await openDemo("?q=党建&view=concordance");
  const matches = () => texts(page, "yuliao-search .line .right");
  const flat = (s) => s.replace(/\s*\n\s*/g, " / ");
  await rendered(page, () => option(page, "sort", 0).selectOption("R1:pos"), { sort: "R1:pos" });
  await rendered(page, () => option(page, "sort", 1).selectOption("L1"), { sort: "R1:pos,L1" });
  const sorted = await api(page, "concordance", "党建", { sort: ["R1:pos", "L1"], limit: 50, context: 20 });
  assert.deepEqual(await matches(), sorted.lines.map((l) => flat(l.right)));
  assert.deepEqual(param(page, "sort"), ["R1:pos,L1"]);
  await rendered(page, () => option(page, "sample").selectOption("50"), { sample: 50 });
  const sample = await api(page, "concordance", "党建", { sort: ["R1:pos", "L1"], sample: { size: 50, seed: 0 }, limit: 50, context: 20 });
  assert.deepEqual(await matches(), sample.lines.map((l) => flat(l.right)));
  assert.match(await summary(page), new RegExp(`共出现 ${sample.total} 处，随机抽取 50 处`));
  await rendered(page, () => page.locator("yuliao-search [data-action=reshuffle]").click(), { seed: 1 });
  const another = await api(page, "concordance", "党建", { sort: ["R1:pos", "L1"], sample: { size: 50, seed: 1 }, limit: 50, context: 20 });
  assert.deepEqual(await matches(), another.lines.map((l) => flat(l.right)));
  assert.notDeepEqual(another.lines.map((l) => l.start), sample.lines.map((l) => l.start));
  assert.deepEqual([param(page, "sample"), param(page, "seed")], [["50"], ["1"]]);
  // A character sort drops the second key.
  await rendered(page, () => option(page, "sort", 0).selectOption("left"), { sort: "left" });
  assert.equal(await option(page, "sort", 1).count(), 0);
  assert.deepEqual(page.errors, []);
});

test("every option survives a reload and Back/Forward step through them", async () => {
  const page = await openDemo("?q=党建&view=collocates");
  await rendered(page, () => option(page, "measure").selectOption("mi"), { measure: "mi" });
  await rendered(page, () => option(page, "window", 1).fill("3").then(() => option(page, "window", 1).press("Enter")), { window: [5, 3] });
  await rendered(page, () => header(page, "共现").getByRole("button").click(), { order: "-observed" });
  const url = page.url();
  const shown = await tableRows(page);
  await reloadWidgets(page);
  assert.equal(page.url(), url);
  assert.equal(await option(page, "measure").inputValue(), "mi");
  assert.equal(await option(page, "window", 1).inputValue(), "3");
  assert.equal(await header(page, "共现").getAttribute("aria-sort"), "descending");
  assert.deepEqual(await tableRows(page), shown);
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "搭配");

  // Another view keeps the collocates' options in the URL; Back returns to them.
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "N元" }).click(), { view: "ngrams", order: null });
  await rendered(page, () => option(page, "n").selectOption("4"), { n: 4 });
  assert.deepEqual([param(page, "n"), param(page, "measure"), param(page, "window")], [["4"], ["mi"], ["5,3"]]);
  await rendered(page, () => page.goBack(), { view: "ngrams", n: 2 });
  await rendered(page, () => page.goBack(), { view: "collocates", order: "-observed" });
  assert.deepEqual(await tableRows(page), shown);
  await rendered(page, () => page.goForward(), { view: "ngrams", n: 2 });
  await rendered(page, () => page.goForward(), { view: "ngrams", n: 4 });
  assert.equal(await option(page, "n").inputValue(), "4");
  assert.deepEqual(page.errors, []);
});

test("the tabs follow the views attribute; the arrow keys move through them", async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}tests/e2e/fixtures/attributes.html?${new URLSearchParams({ "@views": "keywords, frequencies nonsense results", "@view": "frequencies" })}`);
  assert.deepEqual(await texts(page, "yuliao-search [role=tab]"), ["关键词", "词频", "文档"]);
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "词频");
  await page.locator("yuliao-search [role=tab][aria-selected=true]").focus();
  await rendered(page, () => page.keyboard.press("ArrowRight"), { view: "results" });
  await rendered(page, () => page.keyboard.press("ArrowRight"), { view: "keywords" });
  await rendered(page, () => page.keyboard.press("End"), { view: "results" });
  // A view that is not offered (an old link) falls back to the first view.
  await openWidget(page, `${server.url}tests/e2e/fixtures/attributes.html?${new URLSearchParams({ "@views": "results concordance", view: "collocates" })}`);
  assert.deepEqual(await texts(page, "yuliao-search [role=tab]"), ["文档", "语境"]);
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "文档");
  // No names it knows: all seven.
  await openWidget(page, `${server.url}tests/e2e/fixtures/attributes.html?${new URLSearchParams({ "@views": "charts" })}`);
  assert.deepEqual(await texts(page, "yuliao-search [role=tab]"), ["文档", "语境", "词频", "搭配", "N元", "分布", "关键词"]);
  assert.deepEqual(page.errors, []);
});

test("at phone width (360 px): the seven tabs share one row, each statistics view fits, a wide table scrolls in its own region", async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await openWidget(page, demo("?q=党建&view=collocates"));
  const tabs = await page.locator("yuliao-search [role=tab]").evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top })));
  assert.equal(tabs.length, 7);
  assert.ok(tabs.every((t) => t.left >= 0 && t.right <= PHONE.width && t.top === tabs[0].top), JSON.stringify(tabs));
  const region = page.locator("yuliao-search .table-wrap");
  const box = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, tabindex: el.getAttribute("tabindex"), role: el.getAttribute("role"), name: el.getRootNode().getElementById(el.getAttribute("aria-labelledby"))?.textContent }));
  assert.ok(box.scroll > box.client, "twelve columns are wider than a phone");
  assert.deepEqual([box.tabindex, box.role, box.name], ["0", "region", "“党建”的搭配词（按logDice）"]);
  // The keyboard scrolls it; the row headers stay in view.
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await region.evaluate((el) => new Promise((resolve) => (el.scrollLeft > 0 ? resolve() : el.addEventListener("scroll", resolve, { once: true }))));
  const sticky = await page.locator("yuliao-search .stats-table tbody th").first().evaluate((th) => th.getBoundingClientRect().left - th.closest(".table-wrap").getBoundingClientRect().left);
  assert.ok(sticky >= 0 && sticky < 2, `the word column stays at the region's edge (${sticky})`);
  await rendered(page, () => header(page, "MI3").getByRole("button").click(), { order: "-mi3" });
  assert.equal(await header(page, "MI3").getAttribute("aria-sort"), "descending");
  for (const query of ["?view=frequencies", "?view=ngrams&n=4", "?q=党建&view=dispersion&dby=region", "?q=党建&view=dispersion", "?view=keywords&focus=region:拉萨市", "?q=党建&view=concordance&sort=R1,L1:pos"]) {
    await openWidget(page, demo(query));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `${query}: the page is ${width}px wide`);
    const controls = await page.locator("yuliao-search .options select, yuliao-search .options input, yuliao-search .options button").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    assert.ok(controls.length > 0 && controls.every((r) => r <= PHONE.width), `${query}: controls within the screen`);
  }
  assert.deepEqual(page.errors, []);
});

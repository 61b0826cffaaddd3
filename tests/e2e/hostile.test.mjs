// A corpus whose titles, text and metadata are HTML (tests/e2e/fixtures/hostile/,
// built into its own package with YULIAO_CORPUS): every view must show that
// markup as text. Each payload would raise `window.__pwned` if it ever became
// an element or ran, so the test checks both the text on screen and that
// nothing ran.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, startServer, launch, newPage, openWidget, rendered, texts, buildFixturePackage } from "./harness.mjs";

let server;
let browser;
before(async () => {
  buildFixturePackage("hostile", join(ROOT, "tests/e2e/fixtures/hostile"));
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
const SCRIPT_TITLE = "<script>window.__pwned=(window.__pwned||0)+1000</script>";

/** Elements in the widget's shadow root that no corpus may ever create (the widget's own charts are its SVG). */
const injected = (page) =>
  page.evaluate(() =>
    [...document.querySelector("yuliao-search").shadowRoot.querySelectorAll("img, script, svg:not(.barcode, .bars), iframe, a[href], b, i")].map((e) => e.outerHTML));

async function open(query) {
  const page = await newPage(browser);
  // Some payloads need a pointer over them (onmouseover): move it everywhere.
  await openWidget(page, `${server.url}tests/e2e/fixtures/hostile.html${query}`);
  return page;
}

async function assertClean(page) {
  await page.mouse.move(5, 5);
  for (const el of await page.locator("yuliao-search .hit, yuliao-search .badge, yuliao-search .facet label").filter({ visible: true }).all()) await el.hover();
  await page.waitForTimeout(100); // an <img> error handler would run by now
  assert.deepEqual(await injected(page), [], "no element came from the corpus");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no corpus script ran");
  assert.deepEqual(page.errors, []);
}

test("search results show titles, snippets and metadata that look like HTML as text", async () => {
  const page = await open("");
  const r = await rendered(page, () => page.locator("yuliao-search input[type=search]").fill("拉萨"), { q: "拉萨" });
  assert.equal(r.total, 3);
  const titles = await texts(page, "yuliao-search .hit-title");
  assert.ok(titles.includes(`${IMG}标题里的图片`), titles.join("|"));
  assert.ok(titles.includes(SCRIPT_TITLE), titles.join("|"));
  const snippets = (await texts(page, "yuliao-search .snippet")).join("\n");
  assert.ok(snippets.includes('<a href="javascript:'), snippets);
  assert.ok(snippets.includes("<img src=x onerror="), snippets);
  assert.ok(snippets.includes("&lt;escaped&gt; &amp;"), "entities are not decoded either");
  const badges = await texts(page, "yuliao-search .badge");
  assert.ok(badges.some((b) => b.includes('<b onmouseover="window.__pwned=100">栏目</b>')), badges.join("|"));
  assert.ok(badges.some((b) => b.includes("<i>标签</i>")), badges.join("|"));
  const facetValues = await texts(page, "yuliao-search .facet label");
  assert.ok(facetValues.some((v) => v.includes("<i>标签</i>")), facetValues.join("|"));
  await assertClean(page);
});

test("the reading view and the concordance show the markup as text", async () => {
  const page = await open("?q=拉萨");
  const first = page.locator("yuliao-search .hit", { hasText: "标题里的图片" });
  const id = Number(await first.getAttribute("data-id"));
  await rendered(page, () => first.click(), { doc: id });
  const shown = await page.locator("yuliao-search .reader-text").textContent();
  const doc = await page.evaluate((i) => document.querySelector("yuliao-search").engine.doc(i, {}), id);
  assert.equal(shown, doc.text.replace(/\n/g, ""));
  assert.ok(/<(img|svg|script)/.test(shown), shown);
  assert.equal(await page.locator("yuliao-search .reader h2").textContent(), doc.title);
  await assertClean(page);

  await rendered(page, () => page.locator("yuliao-search .reader .back").click(), { doc: null });
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  const left = (await texts(page, "yuliao-search .line .left")).join("\n");
  assert.ok(left.includes("</script>") && left.includes("__pwned=5\">"), left);
  await assertClean(page);
});

test("a query that is itself markup is searched for as text", async () => {
  const page = await open("");
  const r = await rendered(page, () => page.locator("yuliao-search input[type=search]").fill("<script>"), { q: "<script>" });
  const expected = await page.evaluate(() => document.querySelector("yuliao-search").engine.search("<script>", { limit: 10 }));
  assert.equal(r.total, 2, "one text and one title hold <script>");
  assert.equal(r.total, expected.total);
  const marks = await texts(page, "yuliao-search .hit .snippet mark");
  assert.ok(marks.length > 0 && marks.every((m) => m === "<script>"), marks.join("|"));
  assert.match(page.url(), /q=%3Cscript%3E/);
  await assertClean(page);
});

test("the statistics views show titles, field values and words that look like HTML as text", async () => {
  const page = await open("?q=拉萨&view=dispersion");
  // By document: the titles, in the table and in the bars' tooltips.
  const titles = await texts(page, "yuliao-search .stats-table tbody th");
  assert.ok(titles.includes(`${IMG}标题里的图片`) && titles.includes(SCRIPT_TITLE), titles.join("|"));
  const tips = await texts(page, "yuliao-search .bars title");
  assert.ok(tips.some((t) => t.startsWith(`${IMG}标题里的图片：`)), tips.join("|"));
  await assertClean(page);
  // By a field: its values label the barcode's parts and the table's rows.
  await rendered(page, () => page.locator("yuliao-search [data-option=dby]").selectOption("section"), { dby: "section" });
  const bold = '<b onmouseover="window.__pwned=100">栏目</b>';
  assert.ok((await texts(page, "yuliao-search .part-labels span")).includes(bold));
  assert.ok((await texts(page, "yuliao-search .stats-table tbody th")).includes(bold));
  await assertClean(page);
  // The frequencies of a field's values, and the keywords' focus chosen from them.
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "词频" }).click(), { view: "frequencies" });
  await rendered(page, () => page.locator("yuliao-search [data-option=by]").selectOption("tags"), { by: "tags" });
  assert.ok((await texts(page, "yuliao-search .stats-table tbody th")).includes("<i>标签</i>"));
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "关键词" }).click(), { view: "keywords" });
  await rendered(page, () => page.locator("yuliao-search [data-option=focus-field]").selectOption("section"), { focus: { field: "section", value: null } });
  const offered = await texts(page, "yuliao-search [data-option=focus-value] option");
  assert.ok(offered.some((o) => o.startsWith(bold)), offered.join("|"));
  // The words of the texts, markup split into tokens, as text.
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "N元" }).click(), { view: "ngrams" });
  await rendered(page, () => page.locator("yuliao-search [data-option=nmin]").fill("1").then(() => page.locator("yuliao-search [data-option=nmin]").press("Enter")), { nmin: 1 });
  const grams = (await texts(page, "yuliao-search .stats-table tbody th")).join(" ");
  assert.ok(/<|script|onerror/.test(grams), grams);
  await assertClean(page);
});

// The statistics module (www/pkg-stats) is loaded only when first needed:
// a page that only searches never requests it; opening a statistics view
// (or running a CQL query) loads it once, in the page or in the worker;
// a module with the statistics built in is used for everything; the
// `stats-module` attribute names another one, and one that cannot be
// loaded is an error in the view. Stats calls keep the search-id rules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, newPage, openWidget, rendered, texts } from "./harness.mjs";

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

const input = (page) => page.locator("yuliao-search input[type=search]");
const tab = (page, label) => page.locator("yuliao-search [role=tab]", { hasText: label });
const withAttributes = (attrs, query = "") => {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(attrs)) params.append(`@${name}`, value);
  return `${server.url}tests/e2e/fixtures/attributes.html?${params}`;
};

/** A page whose every request (its own and its workers') is noted by path in `page.requested`. */
async function recordingPage() {
  const page = await newPage(browser);
  page.requested = [];
  page.context().on("request", (r) => page.requested.push(new URL(r.url()).pathname));
  return page;
}
const statsRequests = (page) => page.requested.filter((p) => p.startsWith("/www/pkg-stats/"));

/** The resources a scope (the page or its worker) fetched, by path. */
const fetched = (scope) => scope.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));

test("a widget that only searches never requests the statistics module", async () => {
  const page = await recordingPage();
  await openWidget(page, withAttributes({ views: "results concordance" }));
  await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  await rendered(page, () => page.locator("yuliao-search .facet[data-field=kind] label", { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
  const id = Number(await page.locator("yuliao-search .hit").first().getAttribute("data-id"));
  await rendered(page, () => page.locator("yuliao-search .hit").first().click(), { doc: id });
  await rendered(page, () => page.locator("yuliao-search .reader .back").click(), { doc: null });
  await rendered(page, () => tab(page, "语境").click(), { view: "concordance" });
  // Its concordance offers the orders the search module has, and no download.
  const sort = page.locator('yuliao-search select[data-option=sort][data-part="0"]');
  assert.deepEqual(await sort.locator("option").evaluateAll((os) => os.map((o) => o.value)), ["doc", "left", "right"]);
  assert.equal(await page.locator("yuliao-search [data-option=sample], yuliao-search [data-action=csv]").count(), 0);
  await rendered(page, () => sort.selectOption("right"), { sort: "right" });
  assert.ok(await page.locator("yuliao-search .line").count() > 0);
  assert.ok(page.requested.includes("/www/pkg/yuliao_bg.wasm"));
  assert.deepEqual(statsRequests(page), []);
  // An old link with a token sort falls back to the character order.
  await openWidget(page, withAttributes({ views: "results concordance" }, "q=党建&view=concordance&sort=R1&sample=50"));
  assert.equal(await sort.inputValue(), "doc");
  assert.deepEqual(statsRequests(page), []);
  // Only a CQL query needs it.
  await rendered(page, () => input(page).fill('[pos="a"] "的"'), { q: '[pos="a"] "的"' });
  assert.ok(await page.locator("yuliao-search .line").count() > 0);
  assert.deepEqual(statsRequests(page).filter((p) => p.endsWith(".js") && !p.includes("snippets")), ["/www/pkg-stats/yuliao.js"]);
  assert.deepEqual(page.errors, []);
});

test("opening 词频 loads the statistics module once; the other views use it too", async () => {
  const page = await recordingPage();
  await openWidget(page, `${server.url}www/index.html`);
  await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  await rendered(page, () => tab(page, "语境").click(), { view: "concordance" });
  assert.deepEqual(statsRequests(page), [], "searching and the concordance in document order need only pkg/");
  await rendered(page, () => tab(page, "词频").click(), { view: "frequencies", kind: "stats" });
  assert.deepEqual(statsRequests(page).filter((p) => !p.includes("/snippets/")), ["/www/pkg-stats/yuliao.js", "/www/pkg-stats/yuliao_bg.wasm"]);
  for (const [label, view] of [["搭配", "collocates"], ["N元", "ngrams"], ["分布", "dispersion"], ["关键词", "keywords"]]) {
    await rendered(page, () => tab(page, label).click(), { view });
  }
  assert.equal(statsRequests(page).filter((p) => !p.includes("/snippets/")).length, 2, "loaded once");
  assert.equal(page.requested.filter((p) => p === "/www/pkg/yuliao_bg.wasm").length, 1);
  assert.deepEqual(page.errors, []);
});

test("a module with the statistics built in is used for everything; stats-module names another; one that fails is an error in the view", async () => {
  const page = await recordingPage();
  await openWidget(page, withAttributes({ module: "/www/pkg-stats/yuliao.js" }, "q=党建&view=frequencies&by=R1"));
  assert.ok(await page.locator("yuliao-search .stats-table tbody tr").count() > 0);
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.builtInStats()), true);
  assert.deepEqual(page.requested.filter((p) => p.endsWith("yuliao_bg.wasm")), ["/www/pkg-stats/yuliao_bg.wasm"]);

  page.requested = [];
  await openWidget(page, withAttributes({ "stats-module": "/www/pkg-stats/yuliao.js?named" }, "q=党建&view=ngrams"));
  assert.ok(await page.locator("yuliao-search .stats-table tbody tr").count() > 0);
  assert.ok(page.requested.includes("/www/pkg/yuliao_bg.wasm"));
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.builtInStats()), false);
  assert.ok(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/www/pkg-stats/yuliao.js?named"))));

  page.on("console", () => {}); // the 404 is expected
  page.errors = [];
  await openWidget(page, withAttributes({ "stats-module": "/no/such/stats.js" }, "q=党建&view=collocates"));
  const notice = await page.locator("yuliao-search .notice.error").textContent();
  assert.match(notice, /统计出错.*statistics module \(.*\/no\/such\/stats\.js\)/);
  assert.ok(await page.locator("yuliao-search [data-option=measure]").isVisible(), "the view's options are still there");
  // Searching still works.
  await rendered(page, () => tab(page, "文档").click(), { view: "results", kind: "search" });
  assert.ok(await page.locator("yuliao-search .hit").count() > 0);
});

test("worker mode: the statistics views answer from the worker, which loads the statistics module itself", async () => {
  const page = await recordingPage();
  await openWidget(page, `${server.url}tests/e2e/fixtures/worker-dist.html?q=党建`);
  assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.mode), "worker");
  const worker = page.workers()[0];
  assert.ok(!(await fetched(worker)).some((p) => p.startsWith("/www/pkg-stats/")), "not before a statistics view is opened");
  const r = await rendered(page, () => tab(page, "搭配").click(), { view: "collocates", kind: "stats" });
  const byWorker = await fetched(worker);
  assert.ok(byWorker.includes("/www/pkg-stats/yuliao_bg.wasm"), `fetched by the worker: ${byWorker}`);
  assert.ok(!(await fetched(page)).some((p) => p.startsWith("/www/pkg-stats/")), "not by the page");
  const expected = await page.evaluate(async () => {
    const mod = await import("/www/pkg-stats/yuliao.js");
    await mod.default();
    return mod.Corpus.embedded().collocates("党建", { limit: 1000 });
  });
  assert.equal(r.total, expected.total);
  assert.deepEqual(await texts(page, "yuliao-search .stats-table tbody th"), expected.rows.slice(0, 50).map((c) => c.word));
  await rendered(page, () => tab(page, "分布").click(), { view: "dispersion", kind: "stats" });
  assert.ok(await page.locator("yuliao-search .barcode").isVisible());
  assert.deepEqual(page.errors, []);
});

/** The widget's own scripts a page fetched (not the wasm packages'), by path. */
const widgetScripts = (page) => page.requested.filter((p) => /^\/www\/(dist|widget)\/.*\.js$/.test(p) || p === "/www/yuliao-search.js");
/** The statistics code: the stats-ui chunk bundled, its modules unbundled. */
const STATS_CODE = /\/(stats-ui(-[A-Z0-9]+)?|stats-view|table-view|frequencies-view|collocates-view|ngrams-view|dispersion-view|keywords-view|tags|query-error|download)\.js$/;

test("the statistics views' code is loaded only when a statistics view is first shown, bundled (a chunk) and unbundled", async () => {
  for (const [url, bundled] of [[`${server.url}www/index.html`, true], [withAttributes({}), false]]) {
    const page = await recordingPage();
    await openWidget(page, url);
    // Search, filter, read, the concordance in every order it offers: no statistics code.
    await rendered(page, () => input(page).fill("党建"), { q: "党建" });
    await rendered(page, () => page.locator("yuliao-search .facet[data-field=kind] label", { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
    await rendered(page, () => page.locator("yuliao-search .hit").first().click(), {});
    await rendered(page, () => page.locator("yuliao-search .reader .back").click(), { doc: null });
    await rendered(page, () => tab(page, "语境").click(), { view: "concordance" });
    await rendered(page, () => page.locator('yuliao-search select[data-option=sort][data-part="0"]').selectOption("right"), { sort: "right" });
    const searchOnly = widgetScripts(page);
    assert.deepEqual(searchOnly.filter((p) => STATS_CODE.test(p)), [], `${url}: ${searchOnly.join(" ")}`);
    if (bundled) {
      // The first download: the entry, the element's chunk and the two chunks they share.
      assert.equal(searchOnly.length, 4, searchOnly.join(" "));
      assert.ok(searchOnly.includes("/www/dist/yuliao-search.js") && searchOnly.some((p) => /^\/www\/dist\/element-[A-Z0-9]+\.js$/.test(p)), searchOnly.join(" "));
    }
    // 词频: its code arrives (one chunk bundled), then the table.
    await rendered(page, () => tab(page, "词频").click(), { view: "frequencies", kind: "stats" });
    assert.ok(await page.locator("yuliao-search .stats-table tbody tr").count() > 0);
    const statsCode = widgetScripts(page).filter((p) => STATS_CODE.test(p));
    if (bundled) assert.equal(statsCode.length, 1, statsCode.join(" "));
    else assert.ok(statsCode.includes("/www/widget/stats-ui.js") && statsCode.includes("/www/widget/frequencies-view.js"), statsCode.join(" "));
    // The other views need nothing more.
    const before = widgetScripts(page).length;
    for (const [label, view] of [["搭配", "collocates"], ["N元", "ngrams"], ["分布", "dispersion"], ["关键词", "keywords"]]) {
      await rendered(page, () => tab(page, label).click(), { view });
    }
    assert.equal(widgetScripts(page).length, before);
    assert.deepEqual(page.errors, []);
  }
});

test("statistics code that cannot be loaded is an error in the view; the next view tries again; a statistics view in the URL waits for it", async () => {
  const page = await recordingPage();
  await page.route(/\/www\/dist\/stats-ui-[A-Z0-9]+\.js$/, (route) => route.abort());
  page.on("console", () => {}); // the failed request is expected
  await openWidget(page, `${server.url}www/index.html?q=党建`);
  await tab(page, "词频").click();
  await page.locator("yuliao-search .notice.error").waitFor();
  assert.match(await page.locator("yuliao-search .notice.error").textContent(), /无法加载统计视图/);
  assert.equal(await page.locator("yuliao-search #panel").getAttribute("aria-busy"), "false");
  // Searching still works.
  await rendered(page, () => tab(page, "文档").click(), { view: "results", kind: "search" });
  await page.unroute(/\/www\/dist\/stats-ui-[A-Z0-9]+\.js$/);
  await rendered(page, () => tab(page, "搭配").click(), { view: "collocates", kind: "stats" });
  assert.ok(await page.locator("yuliao-search .stats-table tbody tr").count() > 0);
  // Opened on a statistics view, the widget is ready once the view is drawn.
  await openWidget(page, `${server.url}www/index.html?q=党建&view=dispersion`);
  assert.ok(await page.locator("yuliao-search .barcode").isVisible());
  page.errors = page.errors.filter((e) => !/Failed to (fetch|load)|net::ERR_FAILED|dynamically imported module/.test(e.message));
  assert.deepEqual(page.errors, []);
});

test("statistics calls keep the search-id rule: an older id than one already given is refused with AbortError", async () => {
  for (const url of ["www/index.html", "tests/e2e/fixtures/worker.html"]) {
    const page = await newPage(browser);
    await openWidget(page, `${server.url}${url}`);
    const outcome = await page.evaluate(async () => {
      const engine = document.querySelector("yuliao-search").engine;
      const newer = engine.frequencies(null, { limit: 1 }, 1e9);
      const older = engine.collocates("党建", { limit: 1 }, 1e9 - 1);
      const free = engine.ngrams({ limit: 1 }); // no search id: a page script's call, always answered
      const settled = await Promise.allSettled([newer, older, free]);
      return settled.map((s) => (s.status === "fulfilled" ? s.value.rows.length : s.reason.name));
    });
    assert.deepEqual(outcome, [1, "AbortError", 1], url);
    assert.deepEqual(page.errors, []);
  }
});

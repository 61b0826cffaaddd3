// <yuliao-search> as a page embeds it: its attributes (placeholder, results
// per page, facets, initial view, module, bundle, worker), the host page's
// styles kept out and the widget's kept in, theming with every documented
// custom property, the loading state, the wasm loaded once for several
// widgets, and every attribute a page may get wrong shown as an error in
// the widget, in the page and in worker mode.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, startServer, startFileServer, launch, newPage, openWidget, rendered, texts, enginePackage, buildBundle } from "./harness.mjs";

let server;
let files;
let browser;
let engineOnly;
before(async () => {
  engineOnly = enginePackage();
  buildBundle("seeds", join(ROOT, "seeds"));
  server = await startServer();
  files = await startFileServer(join(ROOT, "test-results", "e2e"));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await files?.stop();
  await server?.stop();
});

/** attributes.html with `attrs` as the element's attributes and `query` as the widget's own parameters. */
const withAttributes = (attrs, query = "") => {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(attrs)) params.append(`@${name}`, value);
  return `${server.url}tests/e2e/fixtures/attributes.html?${params}`;
};
const input = (page) => page.locator("yuliao-search input[type=search]");
const summary = (page) => page.locator("yuliao-search .summary").textContent();

test("attributes: placeholder, results per page, which facets in which order, initial view", async () => {
  const page = await newPage(browser);
  await openWidget(page, withAttributes({ placeholder: "在这里检索", "per-page": "4", facets: "kind region", view: "concordance" }));
  assert.equal(await input(page).getAttribute("placeholder"), "在这里检索");
  // Changing the attribute later changes the box.
  await page.evaluate(() => document.querySelector("yuliao-search").setAttribute("placeholder", "换一个提示"));
  assert.equal(await input(page).getAttribute("placeholder"), "换一个提示");
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "语境");
  const kwic = await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  assert.equal(kwic.view, "concordance");
  assert.ok(await page.locator("yuliao-search .line").count() > 0);
  assert.deepEqual(new URL(page.url()).searchParams.getAll("view"), [], "the initial view is the default: not in the URL");
  assert.deepEqual(await page.locator("yuliao-search .facet").evaluateAll((fs) => fs.map((f) => f.dataset.field)), ["kind", "region"]);

  const r = await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "文档" }).click(), { view: "results" });
  const expected = await page.evaluate(() => document.querySelector("yuliao-search").engine.search("党建", { limit: 4 }));
  assert.equal(r.total, expected.total);
  assert.deepEqual(await texts(page, "yuliao-search .hit-title"), expected.hits.map((h) => h.title));
  assert.equal(await page.locator("yuliao-search .pages button[data-page]:not([disabled])").last().textContent(), "下一页");
  assert.match(await summary(page), new RegExp(`第 1 / ${Math.ceil(expected.total / 4)} 页`));
  assert.deepEqual(new URL(page.url()).searchParams.getAll("view"), ["results"]);
  assert.deepEqual(page.errors, []);
});

test("attributes with values the widget cannot use fall back to the defaults", async () => {
  const page = await newPage(browser);
  await openWidget(page, withAttributes({ "per-page": "lots", facets: "nosuch, 也没有", view: "timeline" }, "q=拉萨"));
  assert.equal(await page.locator("yuliao-search .hit").count(), 10, "10 results per page");
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "文档");
  assert.equal(await page.locator("yuliao-search .facet").count(), 0, "no facet fields that the corpus lacks");
  assert.ok(await page.locator("yuliao-search .side").isHidden(), "no empty facets column");
  for (const perPage of ["0", "-3", "1000"]) {
    await openWidget(page, withAttributes({ "per-page": perPage }, "q=拉萨"));
    assert.equal(await page.locator("yuliao-search .hit").count(), 10, `per-page=${perPage}`);
  }
  assert.deepEqual(page.errors, []);
});

/** Computed styles of `selectors` (in the widget's shadow root, or in the page), property by property. */
const styles = (page, selectors, { shadow }) =>
  page.evaluate(([selectors, shadow]) => {
    const props = [
      "font-family", "font-size", "font-style", "font-weight", "font-variant-caps", "font-kerning", "font-feature-settings",
      "line-height", "letter-spacing", "word-spacing", "text-indent", "text-transform", "text-align", "text-shadow", "white-space",
      "word-break", "overflow-wrap", "color", "background-color", "cursor", "list-style-type", "display", "box-sizing",
      "margin-top", "margin-left", "padding-top", "padding-left", "border-top-width", "border-top-style", "border-top-color", "outline-style",
    ];
    const root = shadow ? document.querySelector("yuliao-search").shadowRoot : document;
    const out = {};
    for (const sel of selectors) {
      const el = root.querySelector(sel);
      if (!el) throw new Error(`no ${sel}`);
      const s = getComputedStyle(el);
      for (const p of props) out[`${sel} ${p}`] = s.getPropertyValue(p);
    }
    return out;
  }, [selectors, shadow]);

const WIDGET_PARTS = [
  ".root", "input[type=search]", "[role=tab][aria-selected=true]", "[role=tab][aria-selected=false]", ".summary", ".facet legend",
  ".facet label", ".facet input", "ol.results", ".hit", ".hit-title", ".badge", ".snippet", ".snippet mark", ".pages button", ".pages [aria-current=page]",
];
const HOST_PARTS = ["#host-p", "#host-mark", "#host-code", "#host-button", "#host-input", "#host-ol", "#host-li", "#host-h2", "body"];

test("the host page's styles do not reach into the widget, and the widget's do not reach out", async () => {
  const page = await newPage(browser);
  // The widget on a page without styles…
  await openWidget(page, withAttributes({ facets: "region kind" }, "q=拉萨"));
  const plain = await styles(page, WIDGET_PARTS, { shadow: true });
  // …is the same on a page that styles its text (italic, bold, serif, indent, spacing, upper case,
  // right-aligned, pre, shadowed) and every element type and class name the widget uses inside.
  await openWidget(page, `${server.url}tests/e2e/fixtures/host-styles.html?q=拉萨`);
  const hosted = await styles(page, WIDGET_PARTS, { shadow: true });
  const differ = Object.keys(plain).filter((k) => plain[k] !== hosted[k]).map((k) => `${k}: ${plain[k]} → ${hosted[k]}`);
  assert.deepEqual(differ, [], "widget styles changed by the host page");
  // The host page's own elements look the same with the widget as without it.
  const withWidget = await styles(page, HOST_PARTS, { shadow: false });
  await page.goto(`${server.url}tests/e2e/fixtures/host-styles.html?q=拉萨&nowidget`);
  assert.equal(await page.locator("yuliao-search").count(), 0);
  const without = await styles(page, HOST_PARTS, { shadow: false });
  const leaked = Object.keys(without).filter((k) => without[k] !== withWidget[k]).map((k) => `${k}: ${without[k]} → ${withWidget[k]}`);
  assert.deepEqual(leaked, [], "host page styles changed by the widget");
  assert.deepEqual(page.errors, []);
});

test("every documented CSS custom property themes the widget", async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}tests/e2e/fixtures/host-styles.html?q=拉萨&theme`);
  const look = await page.evaluate(() => {
    const root = document.querySelector("yuliao-search").shadowRoot;
    const s = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      "--yuliao-font": s(".root").fontFamily,
      "--yuliao-font-size": s(".root").fontSize,
      "--yuliao-line-height": s(".root").lineHeight,
      "--yuliao-text": s(".root").color,
      "--yuliao-muted": s(".summary").color,
      "--yuliao-bg": s(".root").backgroundColor,
      "--yuliao-surface": s(".badge").backgroundColor,
      "--yuliao-border": s(".badge").borderTopColor,
      "--yuliao-accent": s(".hit-title").color,
      "--yuliao-on-accent": s("[role=tab][aria-selected=true]").color,
      "--yuliao-mark": s(".snippet mark").backgroundColor,
      "--yuliao-radius": s("input[type=search]").borderTopLeftRadius,
      "--yuliao-sidebar-width": `${root.querySelector(".side").getBoundingClientRect().width}px`,
    };
  });
  assert.deepEqual(look, {
    "--yuliao-font": '"Noto Serif CJK SC", serif',
    "--yuliao-font-size": "18px",
    "--yuliao-line-height": "40.5px",
    "--yuliao-text": "rgb(1, 2, 3)",
    "--yuliao-muted": "rgb(4, 5, 6)",
    "--yuliao-bg": "rgb(250, 249, 248)",
    "--yuliao-surface": "rgb(7, 8, 9)",
    "--yuliao-border": "rgb(10, 11, 12)",
    "--yuliao-accent": "rgb(13, 14, 15)",
    "--yuliao-on-accent": "rgb(16, 17, 18)",
    "--yuliao-mark": "rgb(19, 20, 21)",
    "--yuliao-radius": "11px",
    "--yuliao-sidebar-width": "300px",
  });
  // The reading view's bar sticks below a page header of --yuliao-sticky-top.
  await rendered(page, () => page.locator("yuliao-search .hit").first().click(), { doc: Number(await page.locator("yuliao-search .hit").first().getAttribute("data-id")) });
  assert.equal(await page.locator("yuliao-search .reader-bar").evaluate((el) => getComputedStyle(el).top), "37px");
  assert.deepEqual(page.errors, []);
});

test("while the wasm loads: an indicator, a busy region, and what was typed meanwhile is searched once it is in", async () => {
  const page = await newPage(browser);
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/www/pkg/yuliao_bg.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${server.url}www/index.html`);
  const root = page.locator("yuliao-search .root");
  await page.locator("yuliao-search .summary .spinner").waitFor();
  assert.match(await summary(page), /正在加载语料/);
  assert.equal(await root.getAttribute("aria-busy"), "true");
  await input(page).fill("拉萨");
  await page.waitForTimeout(300);
  assert.match(await summary(page), /正在加载语料/, "still loading: nothing searched yet");
  release();
  await page.evaluate(() => document.querySelector("yuliao-search").ready);
  assert.equal(await root.getAttribute("aria-busy"), "false");
  assert.equal(await page.locator("yuliao-search .spinner").count(), 0);
  assert.equal(await root.evaluate((el) => getComputedStyle(el).visibility), "visible", "ready means styled and shown");
  const expected = await page.evaluate(() => document.querySelector("yuliao-search").engine.search("拉萨", { limit: 10 }));
  assert.match(await summary(page), new RegExp(`找到 ${expected.total} 篇`));
  assert.deepEqual(new URL(page.url()).searchParams.getAll("q"), ["拉萨"]);
  assert.deepEqual(page.errors, []);
});

test("the module and its wasm load once for every widget on the page", async () => {
  const page = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => /\/www\/pkg\/yuliao(_bg\.wasm|\.js)$/.test(new URL(r.url()).pathname) && fetched.push(new URL(r.url()).pathname));
  await openWidget(page, `${server.url}tests/e2e/fixtures/two-widgets.html`, "#a");
  await page.evaluate(() => document.querySelector("#b").ready);
  assert.deepEqual(fetched.sort(), ["/www/pkg/yuliao.js", "/www/pkg/yuliao_bg.wasm"]);
});

test("a bundle file opened by the engine-only module, in the page and in a worker", async () => {
  const page = await newPage(browser);
  for (const worker of [false, true]) {
    const attrs = { module: engineOnly, bundle: `${files.url}seeds.bundle`, ...(worker ? { worker: "" } : {}) };
    await openWidget(page, withAttributes(attrs));
    assert.equal(await page.evaluate(() => document.querySelector("yuliao-search").engine.mode), worker ? "worker" : "page");
    // The same corpus as the embedded one of the demo's module.
    const embedded = await page.evaluate(async () => {
      const m = await import("/www/pkg/yuliao.js");
      await m.default();
      return m.Corpus.embedded().search("党建", { limit: 10 });
    });
    const r = await rendered(page, () => input(page).fill("党建"), { q: "党建" });
    assert.equal(r.total, embedded.total, `worker: ${worker}`);
    assert.deepEqual(await texts(page, "yuliao-search .hit-title"), embedded.hits.map((h) => h.title));
  }
  assert.deepEqual(page.errors, []);
});

test("every attribute a page can get wrong is an error shown in the widget, in the page and in a worker", async () => {
  const page = await newPage(browser);
  page.on("console", () => {}); // the 404s are expected
  const cases = [
    [{ bundle: "/no/such.bundle" }, /无法加载语料：.*has a corpus compiled in and opens no bundle files.*engine-only module/],
    [{ module: engineOnly, bundle: "/no/such.bundle" }, /无法加载语料：.*HTTP 404/],
    [{ module: engineOnly }, /无法加载语料：.*no embedded corpus.*bundle attribute/],
    [{ module: engineOnly, bundle: "/tests/e2e/fixtures/hostile/hostile.jsonl" }, /无法加载语料：not a yuliao bundle/],
    [{ module: "/no/such/yuliao.js" }, /无法加载语料：.*\/no\/such\/yuliao\.js/],
    [{ module: "/www/index.html" }, /无法加载语料：/],
    [{ module: "http://[::1" }, /无法加载语料：the module attribute is not a URL/],
    [{ module: engineOnly, bundle: "http://[::1" }, /无法加载语料：the bundle attribute is not a URL/],
  ];
  for (const [attrs, message] of cases) {
    for (const worker of [false, true]) {
      const all = worker ? { ...attrs, worker: "" } : attrs;
      page.errors = [];
      await openWidget(page, withAttributes(all));
      const shown = await summary(page);
      assert.match(shown, message, `${JSON.stringify(all)}: ${shown}`);
      assert.equal(await page.locator("yuliao-search .root").getAttribute("aria-busy"), "false");
      assert.equal(await page.locator("yuliao-search .root").getAttribute("data-state"), "error");
      assert.deepEqual(page.errors.filter((e) => !/Failed to load (resource|module script)/.test(e.message)), [], JSON.stringify(all));
      // Typing into a widget that could not load does nothing (and breaks nothing).
      await input(page).fill("拉萨");
      await page.waitForTimeout(150);
      assert.equal(await summary(page), shown);
    }
  }
});

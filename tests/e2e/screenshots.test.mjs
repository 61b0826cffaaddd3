// The main views of both pages at desktop and phone width, saved as
// screenshots under test-results/screenshots/ (for a person to look at), and
// checked for what a screenshot would show wrong: nothing wider than the
// screen, the search box and the results on screen, the CJK text set in the
// widget's font stack with room between lines.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SCREENSHOTS, DESKTOP, PHONE, DEMO_VIEWS, startServer, launch, newPage, openWidget, rendered } from "./harness.mjs";

let server;
let browser;
before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The widths of the page and of every element of the widget that is wider than the viewport. */
const overflow = (page) =>
  page.evaluate(() => {
    const wide = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        // A concordance context is clipped to its column (overflow: hidden) by design,
        // and a statistics table wider than the screen scrolls sideways in its own region.
        const clipped = el.parentElement?.matches(".left, .right") || el.closest(".table-wrap table");
        if (r.width > 0 && r.right > innerWidth + 1 && !clipped) wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { page: document.documentElement.scrollWidth, wide: wide.slice(0, 5) };
  });

// [name, page and query, what the view shows, what to do first (optional)]
/** The platform fonts Chromium used to draw the element `find` returns (CDP CSS.getPlatformFontsForNode). */
async function platformFonts(page, find) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  const { result } = await cdp.send("Runtime.evaluate", { expression: `(${find})()` });
  const { nodeId } = await cdp.send("DOM.requestNode", { objectId: result.objectId });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts;
}

/** Whether fontconfig knows a font for Chinese (Debian: fonts-noto-cjk). */
function hasCjkFont() {
  try {
    return execFileSync("fc-list", [":lang=zh", "family"]).toString().trim() !== "";
  } catch {
    return false;
  }
}


for (const [name, size] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`demo page views at ${name} width (${size.width}px)`, async () => {
    const page = await newPage(browser, { viewport: size });
    page.on("console", () => {}); // the broken module's 404 is expected
    for (const [view, path, shows, prepare] of DEMO_VIEWS) {
      page.errors = [];
      await openWidget(page, `${server.url}${path}`);
      await prepare?.(page);
      await page.locator(shows).first().waitFor();
      const o = await overflow(page);
      assert.ok(o.page <= size.width, `${view}: the page is ${o.page}px wide at ${size.width}px (${o.wide})`);
      assert.deepEqual(o.wide, [], `${view}: elements wider than the screen`);
      const box = await page.locator("yuliao-search input[type=search]").boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= size.width, `${view}: the search box fits`);
      assert.ok(await page.locator(shows).first().isVisible(), `${view}: ${shows} is shown`);
      await page.screenshot({ path: join(SCREENSHOTS, `${view}-${name}.png`), fullPage: view !== "reader" });
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e.message)), [], view);
    }
    // Han text: a CJK font family first in the stack and a line height for it.
    const type = await page.locator("yuliao-search .root").evaluate((el) => {
      const s = getComputedStyle(el);
      return { lang: el.lang, family: s.fontFamily, lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
    });
    assert.equal(type.lang, "zh-CN");
    assert.match(type.family, /PingFang SC|Noto Sans CJK SC|Source Han Sans SC|Microsoft YaHei/);
    assert.ok(type.lineHeight >= 1.5, `line height ${type.lineHeight}`);
  });

  test(`loading state at ${name} width`, async () => {
    const page = await newPage(browser, { viewport: size });
    let release;
    const gate = new Promise((r) => (release = r));
    await page.route("**/www/pkg/yuliao_bg.wasm", async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(`${server.url}www/index.html?q=拉萨`);
    await page.locator("yuliao-search .summary .spinner").waitFor();
    assert.ok(await page.locator("yuliao-search .summary").isVisible(), "the indicator is shown while the wasm loads");
    await page.screenshot({ path: join(SCREENSHOTS, `loading-${name}.png`) });
    release();
    await page.evaluate(() => document.querySelector("yuliao-search").ready);
    assert.ok(await page.locator("yuliao-search .hit").count() > 0);
    assert.deepEqual(page.errors, []);
  });

  test(`embed page at ${name} width: the widget inside an article`, async () => {
    const page = await newPage(browser, { viewport: size });
    await openWidget(page, `${server.url}www/embed.html`);
    const r = await rendered(page, () => page.locator("yuliao-search input[type=search]").fill("党建"), { q: "党建" });
    assert.ok(r.total > 0);
    assert.deepEqual(new URL(page.url()).searchParams.getAll("s.q"), ["党建"], "the embed uses its url-prefix");
    // The host page's styles do not leak in (its serif body font, its paragraph indent) and the widget's theme variables do.
    const look = await page.locator("yuliao-search .hit-title").first().evaluate((el) => ({
      family: getComputedStyle(el).fontFamily,
      indent: getComputedStyle(el.closest(".hit").querySelector(".snippet")).textIndent,
    }));
    assert.doesNotMatch(look.family, /Serif|Songti|SimSun/);
    assert.equal(look.indent, "0px");
    const accent = await page.locator("yuliao-search .pages [aria-current=page]").evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(accent, "rgb(29, 94, 138)", "--yuliao-accent from the host page");
    const o = await overflow(page);
    assert.ok(o.page <= size.width && o.wide.length === 0, `embed: ${o.page}px, ${o.wide}`);
    await page.locator("yuliao-search").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `embed-${name}.png`), fullPage: true });
    await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
    await page.screenshot({ path: join(SCREENSHOTS, `embed-concordance-${name}.png`), fullPage: true });
    assert.deepEqual(page.errors, []);
  });
}

test("Han text is drawn in a CJK sans-serif font of the widget's stack", { skip: !hasCjkFont() && "no CJK font installed (fc-list :lang=zh is empty), so the screenshots show boxes for Han text: apt-get install fonts-noto-cjk" }, async (t) => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}www/embed.html?s.q=拉萨`); // a host page whose own font is a serif
  const fonts = await platformFonts(page, () => document.querySelector("yuliao-search").shadowRoot.querySelector(".snippet"));
  t.diagnostic(`fonts used for a snippet: ${fonts.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(", ")}`);
  const glyphs = (list) => list.reduce((n, f) => n + f.glyphCount, 0);
  const sans = fonts.filter((f) => /Sans CJK|Han Sans|PingFang|YaHei|WenQuanYi|Hiragino Sans/.test(f.familyName));
  assert.ok(glyphs(sans) > glyphs(fonts) / 2, `most glyphs come from a CJK sans-serif font: ${JSON.stringify(fonts)}`);
});

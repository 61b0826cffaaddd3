// <yuliao-search> on the demo page (www/index.html, the seed corpus) in
// headless Chromium, driven as a user would: typing (with and without an
// input method), facets, the concordance, the reading view, the URL and the
// back button, the keyboard. Expected figures come from the engine itself
// (`el.engine`), so the tests check the widget, not the corpus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, newPage, openWidget, reloadWidgets, rendered, texts } from "./harness.mjs";

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
/** The concordance's order (its first sort key). */
const sortSelect = (page) => page.locator('yuliao-search select[data-option=sort][data-part="0"]');

/** Every call the element makes to its engine, as [method, first argument]. */
async function recordRequests(page, selector = "yuliao-search") {
  await page.evaluate((s) => {
    const engine = document.querySelector(s).engine;
    window.__requests = [];
    for (const m of ["info", "search", "filter", "concordance", "doc"]) {
      const call = engine[m].bind(engine);
      engine[m] = (...args) => {
        window.__requests.push([m, args[0]]);
        return call(...args);
      };
    }
  }, selector);
}
const requests = (page) => page.evaluate(() => window.__requests);

/** The engine's own answer, to compare the widget with. */
const engine = (page, method, ...args) =>
  page.evaluate(([m, a]) => document.querySelector("yuliao-search").engine[m](...a), [method, args]);

async function openDemo(query) {
  const page = await newPage(browser);
  await openWidget(page, demo(query));
  return page;
}

/**
 * The demo with the page's clock under the test's control (Playwright's
 * clock: timers, Date and performance are the test's): the widget loads
 * with time flowing, then the clock is paused, and only `page.clock.runFor(ms)`
 * moves it. The debounce then takes exactly its 100 ms of page time,
 * however long the machine takes to deliver the keys.
 */
async function openDemoWithClock(query) {
  const page = await newPage(browser);
  await page.clock.install();
  await openWidget(page, demo(query));
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  return page;
}

test("typing a query shows the results, the total and pages, and puts the query in the URL", async () => {
  const page = await openDemo();
  const expected = await engine(page, "search", "拉萨", { limit: 10 });
  assert.ok(expected.total > 10, "the seed corpus has more than one page for 拉萨");
  const r = await rendered(page, () => input(page).fill("拉萨"), { q: "拉萨" });
  assert.equal(r.total, expected.total);
  assert.match(await summary(page), new RegExp(`找到 ${expected.total} 篇`));
  assert.deepEqual(await texts(page, "yuliao-search .hit-title"), expected.hits.map((h) => h.title));
  const marks = await texts(page, "yuliao-search .hit .snippet mark");
  assert.ok(marks.length >= 10 && marks.every((m) => m === "拉萨"), `snippet marks: ${marks}`);
  assert.deepEqual(await texts(page, "yuliao-search .hit:first-child .badge"), ["体裁：文章", "地区：拉萨市", "记者：卢文婷", `来源：${expected.hits[0].source}`]);
  assert.equal(await page.locator("yuliao-search .pages [aria-current=page]").textContent(), "1");
  assert.deepEqual(param(page, "q"), ["拉萨"]);
  // The facets count the documents of this query, not of the corpus.
  const counts = async () => Object.fromEntries(await page.locator("yuliao-search .facet[data-field=region] label").evaluateAll((ls) =>
    ls.map((l) => [l.querySelector("input").value, Number(l.querySelector(".facet-count").textContent)])));
  const forQuery = (facets) => Object.fromEntries(facets.region.filter((c) => c.count > 0).map((c) => [c.value, c.count]));
  assert.deepEqual(await counts(), forQuery(expected.facets));
  const info = await engine(page, "info");
  assert.notDeepEqual(await counts(), forQuery(info.fields), "the corpus's own counts differ");
  // The count is announced to screen readers.
  await page.waitForFunction(() =>
    document.querySelector("yuliao-search").shadowRoot.querySelector("[aria-live=polite][role=status]").textContent.includes("找到"));
  // Page 2 holds the rest.
  await rendered(page, () => page.locator("yuliao-search .pages button", { hasText: "下一页" }).click(), { page: 2 });
  assert.equal(await page.locator("yuliao-search .hit").count(), expected.total - 10);
  assert.deepEqual(param(page, "page"), ["2"]);
  assert.deepEqual(page.errors, []);
});

test("search as you type is debounced: a quick burst of keys runs one query, for what was typed last", async () => {
  const page = await openDemoWithClock();
  await recordRequests(page);
  await input(page).focus();
  // The keys of a burst arrive with no page time between them, however slowly the machine delivers them.
  await page.keyboard.type("拉萨市党建");
  await page.clock.runFor(99);
  assert.deepEqual(await requests(page), [], "nothing asked before the debounce's 100 ms");
  await rendered(page, () => page.clock.runFor(1), { q: "拉萨市党建" });
  const asked = await requests(page);
  assert.ok(asked.length > 0 && asked.every(([, q]) => q === "拉萨市党建"), `queries run: ${JSON.stringify(asked)}`);
  assert.deepEqual(await page.evaluate(() => window.__renders.map((r) => r.q).filter(Boolean)), ["拉萨市党建"]);
  // Keys 60 ms apart (less than the debounce) are one burst: one query, for the last.
  await page.evaluate(() => (window.__requests.length = 0));
  for (const key of ["Backspace", "Backspace", "林"]) {
    await (key === "林" ? page.keyboard.type(key) : page.keyboard.press(key));
    await page.clock.runFor(60);
  }
  assert.deepEqual(await requests(page), [], "no query between keys of a burst");
  await rendered(page, () => page.clock.runFor(40), { q: "拉萨市林" });
  assert.ok((await requests(page)).every(([, q]) => q === "拉萨市林"), JSON.stringify(await requests(page)));
  // A pause longer than the debounce runs the query typed so far.
  await rendered(page, async () => {
    await input(page).press("Backspace");
    await page.clock.runFor(100);
  }, { q: "拉萨市" });
  assert.deepEqual(await page.evaluate(() => window.__renders.map((r) => r.q).filter(Boolean)), ["拉萨市党建", "拉萨市林", "拉萨市"]);
});

test("no query runs while an input method composes; the query runs at compositionend", async () => {
  const page = await openDemoWithClock();
  await recordRequests(page);
  const renders = await page.evaluate(() => window.__renders.length);
  // Synthetic events, as a pinyin IME sends them, 60 ms of page time apart.
  const compose = (f) => page.evaluate(f);
  await compose(() => {
    const el = document.querySelector("yuliao-search").shadowRoot.querySelector("input");
    el.focus();
    el.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, composed: true, data: "" }));
  });
  for (const text of ["l", "la", "las", "lasa"]) {
    await page.evaluate((text) => {
      const el = document.querySelector("yuliao-search").shadowRoot.querySelector("input");
      el.value = text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, isComposing: true, data: text, inputType: "insertCompositionText" }));
    }, text);
    await page.clock.runFor(60);
  }
  // Enter picks a candidate in the IME: it must not open or commit anything.
  await compose(() => {
    const el = document.querySelector("yuliao-search").shadowRoot.querySelector("input");
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, isComposing: true }));
  });
  await page.clock.runFor(1000); // well past the debounce
  assert.deepEqual(await requests(page), [], "no engine request during the composition");
  assert.equal(await page.evaluate(() => window.__renders.length), renders, "nothing rendered");
  assert.deepEqual(param(page, "q"), []);
  // The composition ends: the query runs at once (in the next task: no debounce).
  const r = await rendered(page, async () => {
    await page.evaluate(() => {
      const el = document.querySelector("yuliao-search").shadowRoot.querySelector("input");
      el.value = "拉萨";
      el.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, composed: true, data: "拉萨" }));
    });
    await page.clock.runFor(1);
  }, { q: "拉萨" });
  assert.ok(r.total > 0);
  const asked = await requests(page);
  assert.ok(asked.length > 0 && asked.every(([m, q]) => m === "search" && q === "拉萨"), JSON.stringify(asked));
});

test("Chromium's own IME events (CDP Input.imeSetComposition) search only the committed text", async () => {
  const page = await openDemoWithClock();
  await recordRequests(page);
  await input(page).focus();
  const cdp = await page.context().newCDPSession(page);
  for (const text of ["d", "dang", "dangjian"]) {
    await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    await page.clock.runFor(150); // longer than the debounce
  }
  await page.clock.runFor(1000);
  assert.deepEqual(await requests(page), []);
  // Committed: the query runs (at compositionend, or after the debounce).
  await rendered(page, async () => {
    await cdp.send("Input.insertText", { text: "党建" });
    await page.clock.runFor(100);
  }, { q: "党建" });
  const asked = await requests(page);
  assert.ok(asked.length > 0 && asked.every(([, q]) => q === "党建"), JSON.stringify(asked));
});

test("a newer query is never overwritten by an older, slower answer", async () => {
  const page = await openDemoWithClock();
  // The first search answers 600 ms (of page time) late, as a busy worker would.
  await page.evaluate(() => {
    const engine = document.querySelector("yuliao-search").engine;
    const search = engine.search.bind(engine);
    window.__asked = [];
    engine.search = (...args) => {
      window.__asked.push(args[0]);
      const answer = search(...args);
      if (window.__asked.length > 1) return answer;
      return new Promise((r) => setTimeout(() => r(answer), 600)).finally(() => (window.__lateAnswered = true));
    };
  });
  await input(page).fill("拉萨");
  await page.clock.runFor(100);
  assert.deepEqual(await page.evaluate(() => window.__asked), ["拉萨"], "the slow search for 拉萨 is under way");
  await rendered(page, async () => {
    await input(page).fill("党建");
    await page.clock.runFor(100);
  }, { q: "党建" });
  await page.clock.runFor(600);
  await page.waitForFunction(() => window.__lateAnswered); // the answer for 拉萨 has arrived
  await page.evaluate(() => new Promise((r) => queueMicrotask(r))); // and been handled
  const qs = await page.evaluate(() => window.__renders.map((r) => r.q));
  assert.ok(!qs.includes("拉萨"), `renders: ${qs}`);
  const expected = await engine(page, "search", "党建", { limit: 10 });
  assert.deepEqual(await texts(page, "yuliao-search .hit-title"), expected.hits.map((h) => h.title));
  assert.deepEqual(param(page, "q"), ["党建"]);
});

test("a facet narrows the total, keeps the other values' counts, and goes into the URL and history", async () => {
  const page = await openDemo();
  const all = await rendered(page, () => input(page).fill("拉萨"), { q: "拉萨" });
  const expected = await engine(page, "search", "拉萨", { limit: 0, filters: { region: ["林芝市"] } });
  assert.ok(expected.total > 0 && expected.total < all.total);
  const box = page.locator('yuliao-search .facet[data-field=region] label', { hasText: "林芝市" });
  const r = await rendered(page, () => box.click(), { filters: { region: ["林芝市"] } });
  assert.equal(r.total, expected.total);
  assert.match(await summary(page), new RegExp(`找到 ${expected.total} 篇`));
  assert.ok(await box.locator("input").isChecked());
  assert.deepEqual(param(page, "f.region"), ["林芝市"]);
  assert.deepEqual(param(page, "q"), ["拉萨"]);
  // Disjunctive counts: 拉萨市 is still offered with its count for the query.
  const lhasa = expected.facets.region.find((c) => c.value === "拉萨市");
  assert.equal(await page.locator('yuliao-search .facet[data-field=region] label', { hasText: "拉萨市" }).locator(".facet-count").textContent(), String(lhasa.count));
  // Every hit is from the chosen region.
  assert.ok((await texts(page, 'yuliao-search .hit .badge[data-field=region]')).every((t) => t.endsWith("林芝市")));
  // The active filter shows as a chip.
  assert.equal(await page.locator("yuliao-search .chip").count(), 1);
  // Back undoes the facet.
  await rendered(page, () => page.goBack(), { filters: {} });
  assert.equal(await page.evaluate(() => window.__renders.at(-1).total), all.total);
  assert.equal(await box.locator("input").isChecked(), false);
  assert.deepEqual(param(page, "f.region"), []);
});

test("facets without a query browse the corpus", async () => {
  const page = await openDemo();
  const expected = await engine(page, "filter", { kind: ["photo"] }, { limit: 10 });
  const r = await rendered(page, () => page.locator('yuliao-search .facet[data-field=kind] label', { hasText: "图片" }).click(), { filters: { kind: ["photo"] } });
  assert.equal(r.kind, "browse");
  assert.equal(r.total, expected.total);
  assert.match(await summary(page), new RegExp(`筛选出 ${expected.total} 篇`));
  assert.deepEqual(await texts(page, "yuliao-search .hit-title"), expected.docs.map((d) => d.title));
});

test("typing makes one history entry per burst; Back returns to the previous search", async () => {
  const page = await openDemo();
  const length = () => page.evaluate(() => history.length);
  const start = await length();
  await rendered(page, () => input(page).fill("拉"), { q: "拉" });
  await rendered(page, () => input(page).fill("拉萨"), { q: "拉萨" });
  await rendered(page, () => input(page).fill("拉萨 党建"), { q: "拉萨 党建" });
  assert.equal(await length(), start + 1, "typing replaces the entry it pushed first");
  await rendered(page, () => page.goBack(), { q: "" });
  assert.equal(await input(page).inputValue(), "");
  await rendered(page, () => page.goForward(), { q: "拉萨 党建" });
  assert.equal(await input(page).inputValue(), "拉萨 党建");
});

test("the concordance lines up its columns, shows the total, and its sort changes the order", async () => {
  const page = await openDemo();
  await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  const byDoc = await engine(page, "concordance", "党建", { limit: 50, sort: "doc" });
  const r = await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  assert.equal(r.total, byDoc.total);
  assert.match(await summary(page), new RegExp(`共出现 ${byDoc.total} 处`));
  const lines = page.locator("yuliao-search .line");
  assert.equal(await lines.count(), 50);
  const rightCol = () => texts(page, "yuliao-search .line .right");
  const flat = (s) => s.replace(/\s*\n\s*/g, " / ");
  assert.deepEqual(await rightCol(), byDoc.lines.map((l) => flat(l.right)));

  // Columns: every match has the same centre; left contexts end where matches begin.
  const geometry = await page.evaluate(() =>
    [...document.querySelector("yuliao-search").shadowRoot.querySelectorAll(".line")].map((line) => {
      const [l, m, rr, lt, rt] = [".left", ".match", ".right", ".left > span", ".right > span"].map((s) => line.querySelector(s).getBoundingClientRect());
      return {
        centre: m.left + m.width / 2, leftEnd: l.right, rightStart: rr.left, matchLeft: m.left, matchRight: m.right,
        leftTextEnd: lt.right, rightTextStart: rt.left, leftTextWidth: lt.width, leftWidth: l.width,
      };
    }));
  for (const g of geometry) {
    assert.ok(Math.abs(g.centre - geometry[0].centre) < 1, "matches centred in one column");
    assert.ok(g.leftEnd <= g.matchLeft + 0.5 && g.rightStart >= g.matchRight - 0.5, "contexts beside the match");
    // The left context's text ends at its column's right edge (right-aligned), the right context's starts at its left edge.
    assert.ok(Math.abs(g.leftTextEnd - g.leftEnd) < 1, `left context right-aligned: text ends at ${g.leftTextEnd}, column at ${g.leftEnd}`);
    assert.ok(Math.abs(g.rightTextStart - g.rightStart) < 1, `right context left-aligned: text starts at ${g.rightTextStart}, column at ${g.rightStart}`);
  }
  const short = geometry.filter((g) => g.leftTextWidth < g.leftWidth - 20);
  assert.ok(short.length > 0, "some left contexts are shorter than their column (a document's start), and still end at the match");

  const byRight = await engine(page, "concordance", "党建", { limit: 50, sort: "right" });
  await rendered(page, () => sortSelect(page).selectOption("right"), { sort: "right" });
  const right = await rightCol();
  assert.deepEqual(right, byRight.lines.map((l) => flat(l.right)));
  assert.notDeepEqual(right, byDoc.lines.map((l) => flat(l.right)));
  assert.deepEqual(param(page, "sort"), ["right"]);

  const byLeft = await engine(page, "concordance", "党建", { limit: 50, sort: "left" });
  await rendered(page, () => sortSelect(page).selectOption("left"), { sort: "left" });
  assert.deepEqual(await texts(page, "yuliao-search .line .left"), byLeft.lines.map((l) => flat(l.left)));
});

test("a concordance line opens the reading view at its match", async () => {
  const page = await openDemo("?q=党建&view=concordance&sort=right");
  const line = page.locator("yuliao-search .line").nth(6);
  const id = Number(await line.getAttribute("data-id"));
  const start = Number(await line.getAttribute("data-start"));
  await rendered(page, () => line.click(), { doc: id, at: start });
  assert.deepEqual(param(page, "doc"), [String(id)]);
  assert.deepEqual(param(page, "at"), [String(start)]);
  const doc = await engine(page, "doc", id, { query: "党建" });
  const current = page.locator("yuliao-search .reader-text mark.current");
  assert.equal(await current.textContent(), doc.text.slice(start, start + 2));
  const index = doc.matches.findIndex((m) => m.start === start);
  assert.equal(await current.getAttribute("data-match"), String(index));
  assert.ok(await current.evaluate((m) => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), "the match is on screen");
  assert.equal(await page.locator("yuliao-search .match-count").textContent(), `${index + 1} / ${doc.matches.length} 处`);
});

test("the reading view shows the whole document with every match highlighted, and steps through them", async () => {
  const page = await openDemo("?q=党建");
  const option = page.locator("yuliao-search .hit").nth(1);
  const id = Number(await option.getAttribute("data-id"));
  await rendered(page, () => option.click(), { doc: id });
  const doc = await engine(page, "doc", id, { query: "党建" });
  assert.ok(doc.matches.length > 2);
  assert.equal(await page.locator("yuliao-search .reader h2").textContent(), doc.title);
  const shown = await page.locator("yuliao-search .reader-text").evaluate((el) => el.textContent);
  assert.equal(shown, doc.text.replace(/\n/g, ""), "every character of the text is shown");
  const marks = await page.locator("yuliao-search .reader-text mark").evaluateAll((ms) => ms.map((m) => [Number(m.dataset.match), m.textContent]));
  assert.deepEqual(marks.map(([i]) => i), doc.matches.map((_, i) => i), "one mark per match");
  assert.deepEqual(marks.map(([, t]) => t), doc.matches.map((m) => doc.text.slice(m.start, m.end)));
  assert.deepEqual(await texts(page, "yuliao-search .reader .meta dd"), [{ article: "文章", photo: "图片", commentary: "评论" }[doc.kind], doc.region, doc.place, doc.reporters.join("、"), doc.source].filter(Boolean));

  const count = page.locator("yuliao-search .match-count");
  assert.equal(await count.textContent(), `共 ${doc.matches.length} 处`);
  const next = page.locator("yuliao-search [data-action=next-match]");
  const prev = page.locator("yuliao-search [data-action=prev-match]");
  await next.click();
  await next.click();
  assert.equal(await count.textContent(), `2 / ${doc.matches.length} 处`);
  assert.equal(await page.locator("yuliao-search mark.current").getAttribute("data-match"), "1");
  await page.waitForFunction((s) => new URL(location.href).searchParams.get("at") === s, String(doc.matches[1].start));
  await prev.click();
  await prev.click();
  assert.equal(await count.textContent(), `${doc.matches.length} / ${doc.matches.length} 处`, "previous wraps to the last");
});

test("back to the list keeps the scroll position and the chosen result", async () => {
  const page = await openDemo("?q=拉萨");
  const option = page.locator("yuliao-search .hit").nth(6);
  await option.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 400, "the list is scrolled");
  const id = Number(await option.getAttribute("data-id"));
  await rendered(page, () => option.click(), { doc: id });
  assert.ok(await page.locator("yuliao-search .results").isHidden());
  await rendered(page, () => page.locator("yuliao-search .reader .back").click(), { doc: null });
  assert.ok(await page.locator("yuliao-search .results").isVisible());
  assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - y) <= 2, "scroll restored");
  assert.equal(await option.getAttribute("aria-selected"), "true");
  assert.deepEqual(param(page, "doc"), []);
  // The back button went back in history (no extra entry): Forward reopens the document.
  await rendered(page, () => page.goForward(), { doc: id });
});

test("the whole state survives a reload (query, filters, view, sort, page, document, match)", async () => {
  const page = await openDemo();
  await rendered(page, () => input(page).fill("党建"), { q: "党建" });
  await rendered(page, () => page.locator('yuliao-search .facet[data-field=kind] label', { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  await rendered(page, () => sortSelect(page).selectOption("left"), { sort: "left" });
  await rendered(page, () => page.locator("yuliao-search .pages button", { hasText: "下一页" }).click(), { page: 2 });
  const before = { url: page.url(), lines: await texts(page, "yuliao-search .line"), summary: await summary(page) };
  await reloadWidgets(page);
  assert.equal(page.url(), before.url);
  assert.equal(await input(page).inputValue(), "党建");
  assert.ok(await page.locator('yuliao-search .facet[data-field=kind] label', { hasText: "文章" }).locator("input").isChecked());
  assert.equal(await page.locator("yuliao-search [role=tab][aria-selected=true]").textContent(), "语境");
  assert.equal(await sortSelect(page).inputValue(), "left");
  assert.equal(await page.locator("yuliao-search .pages [aria-current=page]").textContent(), "2");
  assert.deepEqual(await texts(page, "yuliao-search .line"), before.lines);
  assert.equal(await summary(page), before.summary);

  // A document open at a match comes back too.
  const line = page.locator("yuliao-search .line").nth(3);
  const at = Number(await line.getAttribute("data-start"));
  await rendered(page, () => line.click(), { at });
  const mark = await page.locator("yuliao-search mark.current").getAttribute("data-match");
  await reloadWidgets(page);
  assert.ok(await page.locator("yuliao-search .reader").isVisible());
  assert.equal(await page.locator("yuliao-search mark.current").getAttribute("data-match"), mark);
});

test("keyboard only: Tab to the box, arrows through results, Enter opens, Escape closes and clears", async () => {
  const page = await openDemo();
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    const inner = el?.shadowRoot?.activeElement;
    return inner ? (inner.id || inner.getAttribute("data-focus-key") || inner.textContent) : el?.tagName;
  });
  const attr = (name) => input(page).getAttribute(name);
  await page.keyboard.press("Tab");
  assert.equal(await active(), "q", "the search box is the first stop");
  await rendered(page, () => page.keyboard.type("拉萨"), { q: "拉萨" });
  assert.equal(await attr("aria-expanded"), "true");
  assert.equal(await attr("aria-controls"), "results-list");
  assert.equal(await attr("aria-activedescendant"), null);
  const ring = (selector) => page.locator(selector).evaluate((el) => { const s = getComputedStyle(el); return s.outlineStyle === "none" ? "none" : `${s.outlineStyle} ${s.outlineWidth}`; });
  assert.equal(await ring("yuliao-search input[type=search]"), "solid 2px", "the focused box has a visible ring");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await attr("aria-activedescendant"), "hit-1");
  assert.equal(await ring("yuliao-search #hit-1"), "solid 2px", "the active result is outlined");
  assert.equal(await ring("yuliao-search #hit-0"), "none");
  await page.keyboard.press("ArrowUp");
  assert.equal(await attr("aria-activedescendant"), "hit-0");
  assert.equal(await page.locator("yuliao-search #hit-0").getAttribute("aria-selected"), "true");
  assert.equal(await page.locator("yuliao-search [aria-selected=true][role=option]").count(), 1);
  const id = Number(await page.locator("yuliao-search #hit-0").getAttribute("data-id"));
  await rendered(page, () => page.keyboard.press("Enter"), { doc: id });
  assert.equal(await active(), "reader-title", "focus moves to the document");
  assert.equal(await attr("aria-expanded"), "false");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await active(), "下一处 ›");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("yuliao-search .match-count").textContent(), `1 / ${await page.locator("yuliao-search .reader-text mark[data-match]").evaluateAll((ms) => new Set(ms.map((m) => m.dataset.match)).size)} 处`);
  await rendered(page, () => page.keyboard.press("Escape"), { doc: null });
  assert.equal(await active(), "q", "focus returns to the search box");
  assert.equal(await attr("aria-activedescendant"), "hit-0", "the result stays chosen");
  await page.keyboard.press("Escape");
  assert.equal(await attr("aria-activedescendant"), null);
  await rendered(page, () => page.keyboard.press("Escape"), { q: "" });
  assert.equal(await input(page).inputValue(), "");

  // Tab to the view tabs; arrows switch views; Tab on to a facet; Space checks it.
  await page.keyboard.type("党建");
  await page.waitForFunction(() => window.__renders.at(-1).q === "党建");
  await page.keyboard.press("Tab");
  assert.equal(await active(), "tab-results");
  assert.equal(await ring("yuliao-search #tab-results"), "solid 2px", "a focused tab has a visible ring");
  await rendered(page, () => page.keyboard.press("ArrowRight"), { view: "concordance" });
  assert.equal(await active(), "tab-concordance");
  await page.keyboard.press("Tab");
  assert.match(await active(), /^facet\u0000/);
  const focusKey = await active();
  const [, field, value] = focusKey.split("\u0000");
  await rendered(page, () => page.keyboard.press("Space"), { filters: { [field]: [value] } });
  assert.equal(await active(), focusKey, "focus stays on the checkbox after the update");
  await page.keyboard.press("Shift+Tab");
  assert.match(await active(), /^.+：.+ ×$/, "the new filter chip is the previous stop");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await active(), "tab-concordance");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await active(), "q");
  await page.keyboard.press("ArrowDown");
  assert.equal(await attr("aria-controls"), "kwic-list");
  assert.equal(await attr("aria-activedescendant"), "line-0");
  const at = Number(await page.locator("yuliao-search #line-0").getAttribute("data-start"));
  await rendered(page, () => page.keyboard.press("Enter"), { at });
});

test("no results: the widget says so and offers to drop the filters or a word", async () => {
  const page = await openDemo("?q=拉萨 雪豹&f.kind=commentary");
  assert.match(await summary(page), /找到 0 篇/);
  assert.match(await page.locator("yuliao-search .notice.empty").textContent(), /没有找到“拉萨 雪豹”/);
  const offers = await texts(page, "yuliao-search .suggestions button");
  const withoutWord = await engine(page, "search", "拉萨", { limit: 0, filters: { kind: ["commentary"] } });
  assert.ok(offers.includes(`去掉“雪豹”（${withoutWord.total} 篇）`), offers.join("|"));
  await rendered(page, () => page.locator("yuliao-search .suggestions button", { hasText: "去掉“雪豹”" }).click(), { q: "拉萨" });
  assert.equal(await input(page).inputValue(), "拉萨");
  assert.equal(await page.locator("yuliao-search .hit").count(), withoutWord.total);
});

test("engine errors are shown in the widget, which keeps working", async () => {
  const page = await openDemo();
  const r = await rendered(page, () => input(page).fill("拉".repeat(1001)), { kind: "error" });
  assert.equal(r.kind, "error");
  const notice = await page.locator("yuliao-search .notice.error").textContent();
  assert.match(notice, /检索出错/);
  assert.match(notice, /1000/, "the engine's message says the limit");
  await rendered(page, () => input(page).fill("拉萨"), { q: "拉萨", kind: "search" });
  assert.equal(await page.locator("yuliao-search .notice.error").count(), 0);
  // The opening quote of a phrase being typed is not an error: nothing to search for yet.
  await rendered(page, () => input(page).fill("\""), { q: "\"", kind: "empty" });
  assert.equal(await page.locator("yuliao-search .notice.error").count(), 0);
  assert.equal(await page.locator("yuliao-search .notice.help").count(), 1);
  await rendered(page, () => input(page).fill("\"青年担当"), { q: "\"青年担当", kind: "search" });
  assert.ok(await page.locator("yuliao-search .hit").count() > 0);
});

test("a module that cannot be loaded is an error in the widget, not a blank page", async () => {
  const page = await newPage(browser);
  page.on("console", () => {}); // the 404 is expected
  await openWidget(page, `${server.url}tests/e2e/fixtures/broken-module.html`);
  assert.match(await summary(page), /无法加载语料/);
  assert.equal(await page.locator("yuliao-search .root").getAttribute("aria-busy"), "false");
});

test("two widgets on a page keep their own state under their URL prefixes", async () => {
  const page = await newPage(browser);
  const url = `${server.url}tests/e2e/fixtures/two-widgets.html?lang=x`;
  await openWidget(page, url, "#a");
  await page.evaluate(() => document.querySelector("#b").ready);
  const a = page.locator("#a input[type=search]");
  const b = page.locator("#b input[type=search]");
  await rendered(page, () => a.fill("拉萨"), { q: "拉萨" });
  await rendered(page, () => b.fill("党建"), { q: "党建", view: "concordance" });
  await rendered(page, () => page.locator('#b .facet label', { hasText: "文章" }).click(), { filters: { kind: ["article"] } });
  assert.deepEqual(param(page, "a.q"), ["拉萨"]);
  assert.deepEqual(param(page, "b.q"), ["党建"]);
  assert.deepEqual(param(page, "b.f.kind"), ["article"]);
  assert.deepEqual(param(page, "lang"), ["x"], "the page's own parameters are kept");
  assert.deepEqual(param(page, "q"), []);
  assert.equal(await page.locator("#a .facet").count(), 1, "facets attribute: region only");
  await reloadWidgets(page);
  assert.equal(await a.inputValue(), "拉萨");
  assert.equal(await b.inputValue(), "党建");
  assert.ok((await page.locator("#a .hit").count()) > 0);
  assert.ok((await page.locator("#b .line").count()) > 0);
  assert.equal(await page.locator("#a .chip").count(), 0);
  assert.equal(await page.locator("#b .chip").count(), 1);
});

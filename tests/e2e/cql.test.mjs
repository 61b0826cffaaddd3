// CQL in the search box: the widget's rule for what is CQL (www/widget/cql.js,
// which mirrors `looks_like_cql` in src/engine/cql/mod.rs), a CQL error
// shown under the box with the character where it went wrong marked (and
// announced, and named by the input's aria-describedby), and CQL queries
// answered in the results, the concordance and the reading view as the
// statistics API answers them, called directly in the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { looksLikeCql } from "../../www/widget/cql.js";
import { errorOffset } from "../../www/widget/query-error.js";
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
const api = (page, method, ...args) =>
  page.evaluate(async ([m, a]) => {
    window.__api ??= import("/www/pkg-stats/yuliao.js").then(async (mod) => {
      await mod.default();
      return mod.Corpus.embedded();
    });
    return (await window.__api)[m](...a);
  }, [method, args]);
/** The engine's error for `query` (the statistics module's concordance), as `{ kind, message }`. */
const engineError = (page, query) =>
  page.evaluate(async (q) => {
    const mod = await import("/www/pkg-stats/yuliao.js");
    await mod.default();
    try {
      mod.Corpus.embedded().concordance(q, { limit: 0 });
      return null;
    } catch (e) {
      return { kind: e.kind, message: e.message };
    }
  }, query);
const announced = (page) => page.evaluate(() => document.querySelector("yuliao-search").shadowRoot.querySelector("[role=status][aria-live=polite]").textContent);

test("looksLikeCql: brackets and parentheses, or quoted strings followed by more CQL; a phrase or two stay search syntax", () => {
  for (const q of [
    '[pos="a"] "的" [pos="n.*"]', "[", "(", ' [word="x"]', '("a" | "b")', '"的" [pos="n"]', '"a" "b" []', '"a"+', '"a"*', '"a"?', '"a"{2}',
    '"a" | "b"', '"a" within s', '"a" within', '"a"%c [pos="n"]', '"a\\"b" [pos="n"]',
  ]) assert.equal(looksLikeCql(q), true, q);
  for (const q of [
    "", "拉萨", '"党建"', '"党建" "工作"', '"拉萨 党建" -林芝', "拉萨 OR 林芝", '"未闭合 的引号', "“三大行动”", "a[1]", '"a" withinx', '"a" 工作', '"x"%q',
  ]) assert.equal(looksLikeCql(q), false, q);
});

test("errorOffset: the last `at N` of the message, N in characters, as a UTF-16 index", () => {
  assert.equal(errorOffset("expected ] at 9, found the end of the query", '[pos="n" '), 9);
  assert.equal(errorOffset('expected " to close the value opened at 5 at 8, found the end of the query', '[pos="n]'), 8);
  assert.equal(errorOffset("expected ] at 10, found `x`", '[word="𠀀" x]'), 11, "a character outside the BMP is two UTF-16 units");
  assert.equal(errorOffset("the pattern can match no token at all", "[]*"), null);
  assert.equal(errorOffset("expected ] at 40", "[]"), null, "past the end of the query");
});

test("a CQL error is shown under the box, the character at its position marked, announced, and describing the input", async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}www/index.html`);
  const box = page.locator("yuliao-search .query-error");
  assert.ok(await box.isHidden());
  for (const [query, char] of [['[pos="n" 的]', "的"], ['[word="𠀀" x]', "x"], ['"的" [pos="a"] 的', "的"]]) {
    const expected = await engineError(page, query);
    assert.equal(expected.kind, "invalidQuery", query);
    const n = Number([...expected.message.matchAll(/\bat (\d+)\b/g)].at(-1)[1]);
    const r = await rendered(page, () => input(page).fill(query), { q: query });
    assert.equal(r.kind, "error");
    assert.ok(await box.isVisible(), query);
    assert.equal(await box.locator("code").textContent(), query.slice(0, Array.from(query).slice(0, n).join("").length) + "（出错处：" + char + "）" + query.slice(Array.from(query).slice(0, n + 1).join("").length));
    assert.equal(await box.locator("mark").evaluate((m) => [...m.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join("")), char);
    assert.equal(Array.from(query)[n], char, "the mark is on the character the engine named");
    assert.ok((await box.locator(".query-error-message").textContent()).includes(expected.message));
    assert.equal(await input(page).getAttribute("aria-invalid"), "true");
    assert.equal(await input(page).getAttribute("aria-describedby"), "query-error");
    assert.equal(await box.getAttribute("id"), "query-error");
    await page.waitForFunction((m) => document.querySelector("yuliao-search").shadowRoot.querySelector("[role=status]").textContent.includes(m), `第 ${n + 1} 个字符“${char}”处有误`);
  }
  // At the end of the query: an empty mark, named for screen readers.
  await rendered(page, () => input(page).fill('[pos="n"'), { q: '[pos="n"' });
  assert.equal(await box.locator("mark.end").count(), 1);
  assert.equal(await box.locator("mark.end").textContent(), "（出错处：检索式末尾）");
  await page.waitForFunction(() => document.querySelector("yuliao-search").shadowRoot.querySelector("[role=status]").textContent.includes("末尾有误"));
  // Corrected: the marker and the input's description go away.
  const r = await rendered(page, () => input(page).fill('[pos="n"]'), { q: '[pos="n"]' });
  assert.equal(r.kind, "search");
  assert.ok(await box.isHidden());
  assert.equal(await input(page).getAttribute("aria-invalid"), null);
  assert.equal(await input(page).getAttribute("aria-describedby"), null);
  assert.ok(!(await announced(page)).includes("有误"));
  assert.deepEqual(page.errors, []);
});

test("a CQL query is answered in the results, the concordance and the reading view as the statistics API answers it", async () => {
  const page = await newPage(browser);
  await openWidget(page, `${server.url}www/index.html`);
  const q = '[pos="a"] "的" [pos="n.*"]';
  const expected = await api(page, "search", q, { limit: 10 });
  assert.ok(expected.total > 0);
  const r = await rendered(page, () => input(page).fill(q), { q });
  assert.equal(r.total, expected.total);
  assert.deepEqual(await texts(page, "yuliao-search .hit-title"), expected.hits.map((h) => h.title));
  // The reading view marks each CQL match.
  const id = expected.hits[0].id;
  await rendered(page, () => page.locator("yuliao-search .hit").first().click(), { doc: id });
  const doc = await api(page, "doc", id, { query: q });
  assert.deepEqual(await texts(page, "yuliao-search .reader-text mark"), doc.matches.map((m) => doc.text.slice(m.start, m.end)));
  await rendered(page, () => page.locator("yuliao-search .reader .back").click(), { doc: null });
  const k = await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  const kwic = await api(page, "concordance", q, { limit: 50, context: 20, sort: "doc", filters: {} });
  assert.equal(k.total, kwic.total);
  assert.deepEqual(await texts(page, "yuliao-search .line .match"), kwic.lines.map((l) => l.match));
  assert.deepEqual(page.errors, []);
});

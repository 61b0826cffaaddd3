// The `config` attribute (www/widget/config.js) and what the widget chooses
// without it. A corpus made here (test-results/e2e/links.jsonl, 12
// documents) has a date (from which the corpus derives `year` and `month`),
// a kind, an identifier `key`, a `source` of one value, and a `url` whose
// values are http and https addresses and things that must never become
// links (javascript:, data:, vbscript:, ftp, relative and protocol-relative
// paths). Checked: the defaults from the schema, labels and value labels,
// the facets and fields chosen and their order, links that open safely, the
// concordance's references, configs that are wrong (a clear error shown in
// the widget), and axe over all of it at desktop and phone width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { RESULTS, ROOT, DESKTOP, PHONE, startServer, launch, newPage, openWidget, rendered, texts, enginePackage, buildBundle, axeViolations } from "./harness.mjs";

let server;
let browser;
let engineOnly;

const URLS = [
  "https://example.org/news/0",
  "http://example.org/news/1",
  "javascript:window.__pwned=1",
  "data:text/html,<script>window.__pwned=2</script>",
  "/relative/path",
  "ftp://example.org/file",
  "  HTTPS://EXAMPLE.ORG/upper  ",
  'https://example.org/a?q=<b>&x="y"',
  "vbscript:msgbox(1)",
  "//example.org/protocol-relative",
  "https://example.org/news/10",
  null,
];
/** The address a link of document i opens, or null when its url must stay text. */
const HREFS = [
  "https://example.org/news/0", "http://example.org/news/1", null, null, null, null,
  "https://example.org/upper", "https://example.org/a?q=%3Cb%3E&x=%22y%22", null, null, "https://example.org/news/10", null,
];

function linksCorpus() {
  const lines = URLS.map((url, i) => JSON.stringify({
    title: `第${i}条新闻`,
    text: `拉萨的第${i}条新闻。\n拉萨今天天气晴。`,
    date: `2024-0${1 + (i % 3)}-0${1 + (i % 2)}`,
    kind: i % 4 === 0 ? "评论" : "消息",
    key: `K${String(i).padStart(3, "0")}`,
    source: "测试来源",
    url,
  }));
  const text = `${lines.join("\n")}\n`;
  const path = join(RESULTS, "e2e", "links.jsonl");
  mkdirSync(join(RESULTS, "e2e"), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return path;
}

before(async () => {
  engineOnly = enginePackage();
  buildBundle("links", linksCorpus());
  buildBundle("prototype-names", join(ROOT, "tests/js/fixtures/prototype-names.jsonl"));
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const LIMIT = { timeout: 60_000 };
const withAttributes = (attrs, query = "") => {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(attrs)) params.append(`@${name}`, value);
  return `${server.url}tests/e2e/fixtures/attributes.html?${params}`;
};
const links = (extra = {}) => ({ module: engineOnly, bundle: "/test-results/e2e/links.bundle", ...extra });
const engine = (page, method, ...args) => page.evaluate(([method, args]) => document.querySelector("yuliao-search").engine[method](...args), [method, args]);
const legends = (page) => texts(page, "yuliao-search .facet:not([hidden]) legend");
/** The badges of each result: [field, text, the address it opens or null]. */
const badgesOf = (page) =>
  page.locator("yuliao-search .hit").evaluateAll((hits) =>
    hits.map((hit) => [...hit.querySelectorAll(".badge")].map((b) => [b.dataset.field, b.textContent, b.dataset.href ?? null])));
/** The reading view's metadata: [field, term, description, href or null]. */
const readerMeta = (page) =>
  page.locator("yuliao-search .reader .meta > div").evaluateAll((rows) =>
    rows.map((r) => [r.dataset.field, r.querySelector("dt").textContent, r.querySelector("dd").textContent, r.querySelector("a")?.getAttribute("href") ?? null]));
const dateLabel = (d) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

const CONFIG = {
  fields: {
    date: { label: "发布日期" },
    kind: { label: "类型", values: { 消息: "新闻", 评论: "时评" } },
    url: { label: "查看原文" },
    key: { label: "条目号" },
  },
  facets: ["kind", "nosuch", "date"],
  result: ["url", "key", "nosuch", "kind"],
  reader: ["key", "date", "url"],
  reference: ["key", "title", "date"],
};

test("without a config: the facets, result and reading-view fields and the concordance's reference come from the schema", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, withAttributes(links(), "q=拉萨"));
  // Facets: not the one-value source, the identifier key, the link url, nor the year and month
  // derived from the date (its tree has them).
  assert.deepEqual(await legends(page), ["日期", "体裁"]);
  const info = await engine(page, "info");
  assert.deepEqual(info.schema.filter((f) => f.facet).map((f) => f.name).sort(), ["date", "key", "kind", "month", "source", "url", "year"], "every field is a facet field of the engine: the widget chose");
  // Results: kind, date, then the url last (no key: an identifier; no source, year or month).
  const hits = (await engine(page, "search", "拉萨", { limit: 10 })).hits;
  const badges = await badgesOf(page);
  hits.forEach((hit, i) => {
    const fields = badges[i].map(([f]) => f);
    assert.deepEqual(fields, ["kind", "date", ...(hit.url == null ? [] : ["url"])], `hit ${hit.id}`);
    const url = badges[i].find(([f]) => f === "url");
    if (HREFS[hit.id]) assert.deepEqual(url, ["url", "原文 ↗", HREFS[hit.id]], `hit ${hit.id}`);
    else if (hit.url != null) assert.deepEqual(url, ["url", `原文：${hit.url}`, null], `hit ${hit.id}: stays text`);
    assert.equal(badges[i][1][1], `日期：${dateLabel(hit.date)}`);
  });
  // The reading view: every field but year and month, the url last, as a link when it is http(s).
  await rendered(page, () => page.locator("yuliao-search .hit[data-id='0']").click(), { doc: 0 });
  assert.deepEqual(await readerMeta(page), [
    ["kind", "体裁", "评论", null], ["source", "来源", "测试来源", null], ["date", "日期", "2024年1月1日", null],
    ["key", "编号", "K000", null], ["url", "原文", "https://example.org/news/0", "https://example.org/news/0"],
  ]);
  // The concordance: each line starts with its document's title and date.
  await openWidget(page, withAttributes(links(), "q=拉萨&view=concordance"));
  const lines = (await engine(page, "concordance", "拉萨", { limit: 50 })).lines;
  const refs = await texts(page, "yuliao-search .line .ref");
  assert.equal(refs.length, lines.length);
  for (const [i, line] of lines.entries()) {
    const doc = await engine(page, "doc", line.id);
    assert.equal(refs[i], `${doc.title} · ${dateLabel(doc.date)}：`);
  }
  assert.deepEqual(page.errors, []);
});

test("the config names fields and values and chooses the facets, the fields of a result and of the reading view, and the reference", LIMIT, async () => {
  const page = await newPage(browser);
  await openWidget(page, withAttributes(links({ config: JSON.stringify(CONFIG) }), "q=拉萨"));
  // Facets in the config's order, unknown names left out, labelled; values by their labels.
  assert.deepEqual(await legends(page), ["类型", "发布日期"]);
  assert.deepEqual(await texts(page, "yuliao-search .facet[data-field=kind] .facet-value"), ["新闻", "时评"]);
  // A result's badges: url, key, kind, in this order.
  const hits = (await engine(page, "search", "拉萨", { limit: 10 })).hits;
  const badges = await badgesOf(page);
  hits.forEach((hit, i) => {
    const expected = [
      ...(hit.url == null ? [] : [HREFS[hit.id] ? ["url", "查看原文 ↗", HREFS[hit.id]] : ["url", `查看原文：${hit.url}`, null]]),
      ["key", `条目号：${hit.key}`, null],
      ["kind", `类型：${hit.kind === "评论" ? "时评" : "新闻"}`, null],
    ];
    assert.deepEqual(badges[i], expected, `hit ${hit.id}`);
  });
  // A ticked value is a chip named by its labels.
  await rendered(page, () => page.locator("yuliao-search .facet[data-field=kind] label", { hasText: "时评" }).click(), { filters: { kind: ["评论"] } });
  assert.deepEqual(await texts(page, "yuliao-search .chip"), ["类型：时评 ×"]);
  // The reading view: key, date, url.
  await rendered(page, () => page.locator("yuliao-search .hit[data-id='0']").click(), { doc: 0 });
  assert.deepEqual(await readerMeta(page), [
    ["key", "条目号", "K000", null], ["date", "发布日期", "2024年1月1日", null], ["url", "查看原文", "https://example.org/news/0", "https://example.org/news/0"],
  ]);
  // The concordance's reference: key, title, date.
  await openWidget(page, withAttributes(links({ config: JSON.stringify(CONFIG) }), "q=拉萨&view=concordance"));
  const first = (await engine(page, "concordance", "拉萨", { limit: 1 })).lines[0];
  const doc = await engine(page, "doc", first.id);
  assert.equal(await page.locator("yuliao-search .line .ref").first().textContent(), `${doc.key} · ${doc.title} · ${dateLabel(doc.date)}：`);
  // No reference: an empty list.
  await openWidget(page, withAttributes(links({ config: JSON.stringify({ reference: [] }) }), "q=拉萨&view=concordance"));
  assert.equal(await page.locator("yuliao-search .line").count(), (await engine(page, "concordance", "拉萨", { limit: 50 })).lines.length);
  assert.equal(await page.locator("yuliao-search .line .ref").count(), 0);
  assert.deepEqual(page.errors, []);
});

test("the README's config for the seed corpus: its facets, labels, badges and references", LIMIT, async () => {
  const page = await newPage(browser);
  const config = JSON.stringify({
    fields: { kind: { label: "类别", values: { article: "通讯", photo: "图片新闻" } }, reporters: { label: "作者" } },
    facets: ["region", "kind"], result: ["region", "reporters"], reference: ["title", "region"],
  });
  await openWidget(page, withAttributes({ config }, "q=拉萨"));
  assert.deepEqual(await legends(page), ["地区", "类别"]);
  const { hits, facets } = await engine(page, "search", "拉萨", { limit: 10 });
  const kinds = { article: "通讯", photo: "图片新闻", commentary: "评论" }; // the last one the widget's own
  const info = await engine(page, "info");
  const listedKinds = info.fields.kind.map((c) => c.value).filter((v) => facets.kind.some((c) => c.value === v && c.count > 0));
  assert.deepEqual(await texts(page, "yuliao-search .facet[data-field=kind] .facet-value"), listedKinds.map((v) => kinds[v]));
  const badges = await badgesOf(page);
  hits.forEach((hit, i) => assert.deepEqual(badges[i], [
    ...(hit.region ? [["region", `地区：${hit.region}`, null]] : []),
    ...(hit.reporters?.length ? [["reporters", `作者：${hit.reporters.join("、")}`, null]] : []),
  ], `hit ${hit.id}`));
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  const line = (await engine(page, "concordance", "拉萨", { limit: 1 })).lines[0];
  const doc = await engine(page, "doc", line.id);
  assert.equal(await page.locator("yuliao-search .line .ref").first().textContent(), `${[doc.title, doc.region].filter(Boolean).join(" · ")}：`);
  assert.deepEqual(page.errors, []);
});

test("a link to the original opens in a new tab, without this page as its opener or referrer; the rest of the result still opens the reading view", LIMIT, async () => {
  const page = await newPage(browser);
  await page.context().route("https://example.org/**", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>原文</title><p>原文</p>" }));
  await openWidget(page, withAttributes(links(), "q=拉萨"));
  const opens = async (click, url) => {
    const [popup] = await Promise.all([page.context().waitForEvent("page"), click()]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), url);
    assert.equal(await popup.evaluate(() => window.opener), null);
    assert.equal(await popup.evaluate(() => document.referrer), "");
    await popup.close();
  };
  // A result's 原文 badge.
  await opens(() => page.locator("yuliao-search .hit[data-id='6'] .badge-link").click(), "https://example.org/upper");
  // The click was the link's only: no reading view, no history entry.
  assert.equal(new URL(page.url()).searchParams.get("doc"), null);
  assert.equal(await page.locator("yuliao-search .reader").isHidden(), true);
  // The rest of the result opens the reading view, whose link is an <a> (keyboard, screen readers, open in new tab).
  await rendered(page, () => page.locator("yuliao-search .hit[data-id='0'] .hit-title").click(), { doc: 0 });
  const link = page.locator("yuliao-search .reader .meta a");
  assert.deepEqual([await link.getAttribute("target"), await link.getAttribute("rel")], ["_blank", "noopener noreferrer"]);
  await link.focus();
  await opens(() => page.keyboard.press("Enter"), "https://example.org/news/0");
  // Values that are not http(s) addresses are text everywhere: no link, no script.
  assert.equal(await page.locator("yuliao-search a[href^=javascript], yuliao-search a[href^=data], yuliao-search a[href^=vbscript]").count(), 0);
  for (const id of [2, 3, 8]) {
    await openWidget(page, withAttributes(links(), `q=拉萨&doc=${id}`));
    assert.equal(await page.locator("yuliao-search .reader .meta a").count(), 0, `document ${id}`);
    assert.equal((await readerMeta(page)).at(-1)[2], URLS[id]);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.errors, []);
});

test("a concordance line's reference: on a wide widget a column before the contexts, on a phone a line above them; it opens the reading view at its match", LIMIT, async () => {
  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    const page = await newPage(browser, { viewport });
    await openWidget(page, withAttributes(links(), "q=拉萨&view=concordance"));
    const box = (sel) => page.locator(`yuliao-search .line >> nth=1 >> ${sel}`).boundingBox();
    const [ref, left, match] = [await box(".ref"), await box(".left"), await box(".match")];
    if (name === "desktop") {
      assert.ok(ref.x + ref.width <= left.x + 1 && Math.abs(ref.y - left.y) < left.height, `${name}: ${JSON.stringify({ ref, left })}`);
    } else {
      assert.ok(ref.y + ref.height <= match.y + 1, `${name}: ${JSON.stringify({ ref, match })}`);
    }
    const line = (await engine(page, "concordance", "拉萨", { limit: 50 })).lines[1];
    await rendered(page, () => page.locator("yuliao-search .line >> nth=1 >> .ref").click(), { doc: line.id, at: line.start });
    assert.equal(await page.locator("yuliao-search .reader-text mark.current").textContent(), "拉萨");
    assert.deepEqual(page.errors, []);
  }
});

test("a config that is not right is an error shown in the widget, saying what is wrong", LIMIT, async () => {
  const page = await newPage(browser);
  const cases = [
    ["{", /配置有误（config 属性）：config is not JSON: /],
    ["[]", /config must be a JSON object, not a list/],
    ['{"facet": ["kind"]}', /config has an unknown key "facet" \(known: fields, facets, result, reader, reference\)/],
    ['{"__proto__": {"facets": ["kind"]}}', /config has an unknown key "__proto__"/],
    ['{"fields": {"kind": "类型"}}', /config.fields\["kind"\] must be an object \(label, values, link\), not "类型"/],
    ['{"fields": {"kind": {"label": 3}}}', /config.fields\["kind"\].label must be a non-empty string, not 3/],
    ['{"fields": {"kind": {"values": {"评论": ""}}}}', /config.fields\["kind"\].values\["评论"\] must be a non-empty string/],
    ['{"fields": {"url": {"link": "yes"}}}', /config.fields\["url"\].link must be true or false, not "yes"/],
    ['{"fields": {"url": {"href": true}}}', /config.fields\["url"\] has an unknown key "href"/],
    ['{"facets": "kind date"}', /config.facets must be a list of field names, not "kind date"/],
    ['{"result": ["kind", 1]}', /config.result\[1\] must be a field name, not 1/],
    ['{"reference": null}', /config.reference must be a list of field names, not null/],
  ];
  for (const [config, message] of cases) {
    page.errors = [];
    await openWidget(page, withAttributes(links({ config })));
    const shown = await page.locator("yuliao-search .summary").textContent();
    assert.match(shown, message, `${config}: ${shown}`);
    assert.equal(await page.locator("yuliao-search .root").getAttribute("data-state"), "error");
    assert.equal(await page.locator("yuliao-search .root").getAttribute("aria-busy"), "false");
    assert.deepEqual(page.errors, [], config);
    // Typing does nothing (and breaks nothing).
    await page.locator("yuliao-search input[type=search]").fill("拉萨");
    assert.equal(await page.locator("yuliao-search .summary").textContent(), shown);
  }
});

test("field names like __proto__ in the config label such fields and change no prototype", LIMIT, async () => {
  const page = await newPage(browser);
  const config = '{"fields": {"__proto__": {"label": "原型", "values": {"甲": "第一", "__proto__": "x"}}, "constructor": {"label": "构造"}, "toString": {"link": true}}, "result": ["toString", "__proto__", "constructor"], "reference": ["__proto__", "title"]}';
  await openWidget(page, withAttributes({ module: engineOnly, bundle: "/test-results/e2e/prototype-names.bundle", config }, "q=拉萨"));
  assert.ok((await legends(page)).includes("原型"));
  assert.ok((await legends(page)).includes("构造"));
  assert.ok((await texts(page, "yuliao-search .facet[data-field=__proto__] .facet-value")).includes("第一"));
  // toString is a link field now, but its values are not addresses: text.
  assert.deepEqual((await badgesOf(page))[0], [["toString", "toString：丁", null], ["__proto__", "原型：第一", null], ["constructor", "构造：乙", null]]);
  await rendered(page, () => page.locator("yuliao-search [role=tab]", { hasText: "语境" }).click(), { view: "concordance" });
  assert.equal(await page.locator("yuliao-search .line .ref").first().textContent(), "第一 · 拉萨的早晨：");
  const clean = await page.evaluate(() => ({ proto: Object.getPrototypeOf({}) === Object.prototype, keys: Object.getOwnPropertyNames(Object.prototype).length, label: ({}).label, polluted: "甲" in {} }));
  assert.deepEqual(clean, { proto: true, keys: await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).length), label: undefined, polluted: false });
  assert.deepEqual(page.errors, []);
});

for (const [width, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`axe finds no violation in the links, references and labelled facets at ${width} width`, LIMIT, async () => {
    const page = await newPage(browser, { viewport });
    const found = [];
    for (const [view, query, shows] of [
      ["results", "q=拉萨", ".hit .badge-link"],
      ["concordance", "q=拉萨&view=concordance", ".line .ref"],
      ["reader", "q=拉萨&doc=0", ".reader .meta a"],
      ["facets", "f.kind=评论", ".facet"],
    ]) {
      await openWidget(page, withAttributes(links({ config: JSON.stringify(CONFIG) }), query));
      if (view === "facets" && await page.locator("yuliao-search .facets-toggle").isVisible()) await page.locator("yuliao-search .facets-toggle").click();
      await page.locator(`yuliao-search ${shows}`).first().waitFor();
      for (const v of await axeViolations(page, { off: ["landmark-one-main", "page-has-heading-one", "region"] })) found.push(`${view}: ${v}`);
    }
    assert.deepEqual(found, []);
  });
}

// What a widget leaves behind. Mounting and removing <yuliao-search> 100
// times (in the page and in worker mode; waiting for it, removing it while
// it loads, moving it) must leave no element, engine adapter, search
// instance, corpus, window listener or worker alive; a moved element keeps
// its engine, a removed one reconnected later starts again. And 10,000
// mixed queries through the engine adapter must not make the wasm memory
// or the JavaScript heap keep growing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, newPage, rendered } from "./harness.mjs";

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

/**
 * How many live objects have each prototype (after a full garbage
 * collection): `prototypes` maps a name to an expression giving the
 * prototype (awaited).
 */
async function liveObjects(cdp, prototypes) {
  await cdp.send("HeapProfiler.collectGarbage");
  const counts = {};
  for (const [name, expression] of Object.entries(prototypes)) {
    const { result: proto } = await cdp.send("Runtime.evaluate", { expression, awaitPromise: true, objectGroup: "leaks" });
    const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.objectId, objectGroup: "leaks" });
    const { result } = await cdp.send("Runtime.callFunctionOn", { objectId: objects.objectId, functionDeclaration: "function () { return this.length; }", returnByValue: true });
    counts[name] = result.value;
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "leaks" });
  }
  return counts;
}

/** The event listeners on `window` and `document`, by type. */
async function globalListeners(cdp) {
  const out = {};
  for (const expression of ["window", "document"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression, objectGroup: "leaks" });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    for (const l of listeners) out[`${expression}:${l.type}`] = (out[`${expression}:${l.type}`] ?? 0) + 1;
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "leaks" });
  }
  return out;
}

const PROTOTYPES = {
  element: 'customElements.whenDefined("yuliao-search").then(() => customElements.get("yuliao-search").prototype)',
  inPageEngine: 'import("/www/widget/engine.js").then((m) => m.InPageEngine.prototype)',
  workerEngine: 'import("/www/widget/engine.js").then((m) => m.WorkerEngine.prototype)',
  instance: 'import("/www/widget/instance.js").then((m) => m.SearchInstance.prototype)',
  corpus: 'import("/www/pkg/yuliao.js").then((m) => m.Corpus.prototype)',
};

/** A page of mount.html whose workers are counted: `page.started` and a promise per worker that it closed. */
async function mountPage() {
  const page = await newPage(browser);
  page.closed = [];
  page.on("worker", (w) => page.closed.push(new Promise((resolve) => w.once("close", resolve))));
  await page.goto(`${server.url}tests/e2e/fixtures/mount.html`);
  await page.waitForFunction(() => customElements.get("yuliao-search"));
  return page;
}

test("mounting and removing the widget 100 times leaves no element, adapter, corpus, listener or worker behind", { timeout: 180_000 }, async () => {
  const page = await mountPage();
  const cdp = await page.context().newCDPSession(page);
  const listenersBefore = await globalListeners(cdp);

  for (let i = 0; i < 100; i++) {
    // i % 2: worker mode; i % 4 == 0: wait, search, remove; 1: wait, remove;
    // 2: remove while it loads; 3: move it to another parent, wait, remove.
    const outcome = await page.evaluate(async (i) => {
      const el = document.createElement("yuliao-search");
      if (i % 2) el.setAttribute("worker", "");
      el.setAttribute("facets", "region kind");
      document.querySelector("#a").append(el);
      const how = i % 4;
      if (how === 2) {
        el.remove();
        return "removed while loading";
      }
      if (how === 3) document.querySelector("#b").append(el); // moved: the same engine goes on
      await el.ready;
      let total = null;
      if (how === 0) {
        const answered = new Promise((resolve) => el.addEventListener("yuliao-render", (e) => e.detail.q === "拉萨" && resolve(e.detail.total)));
        const input = el.shadowRoot.querySelector("input[type=search]");
        input.value = "拉萨";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        total = await answered;
      }
      const mode = el.engine.mode;
      el.remove();
      history.replaceState(null, "", location.pathname); // the next one starts from no query
      return `${mode} ${total ?? ""}`.trim();
    }, i);
    if (i % 4 === 0) assert.match(outcome, /^(page|worker) \d+$/, `mount ${i}: ${outcome}`);
  }
  // Nothing is left: no element, adapter, instance or corpus alive, no listener added…
  assert.deepEqual(await page.evaluate(() => document.querySelectorAll("yuliao-search").length), 0);
  assert.deepEqual(await liveObjects(cdp, PROTOTYPES), { element: 0, inPageEngine: 0, workerEngine: 0, instance: 0, corpus: 0 });
  assert.deepEqual(await globalListeners(cdp), listenersBefore);
  // …and every worker started was terminated (each one's "close" arrives).
  assert.ok(page.closed.length >= 40, `workers seen: ${page.closed.length}`);
  await Promise.all(page.closed);
  assert.equal(page.workers().length, 0);
  assert.deepEqual(page.errors, []);
});

test("a moved widget keeps its engine; a removed one, connected again, starts again with a new ready", { timeout: 60_000 }, async () => {
  for (const worker of [false, true]) {
    const page = await mountPage();
    const r = await page.evaluate(async (worker) => {
      const el = document.createElement("yuliao-search");
      el.id = "w";
      if (worker) el.setAttribute("worker", "");
      document.querySelector("#a").append(el);
      await el.ready;
      const first = { engine: el.engine, ready: el.ready };
      document.querySelector("#b").append(el); // moved in one step
      await Promise.resolve();
      const moved = el.engine === first.engine && el.ready === first.ready;
      el.remove();
      await new Promise((resolve) => setTimeout(resolve)); // a later task: the engine is gone
      const gone = el.engine === null;
      document.querySelector("#a").append(el);
      const again = el.engine !== null && el.engine !== first.engine && el.ready !== first.ready;
      await el.ready;
      return { moved, gone, again };
    }, worker);
    assert.deepEqual(r, { moved: true, gone: true, again: true }, `worker: ${worker}`);
    // The element works as before: it searches and shows its results.
    const input = page.locator("#w input[type=search]");
    const done = await rendered(page, () => input.fill("党建"), { q: "党建" });
    assert.ok(done.total > 0);
    assert.ok(await page.locator("#w .hit").count() > 0);
    if (worker) {
      await page.closed[0]; // the first worker was terminated
      assert.equal(page.workers().length, 1);
    }
    assert.deepEqual(page.errors, []);
  }
});

test("10,000 mixed queries through the engine adapter: the wasm memory stops growing after a warm-up, the JS heap does not keep growing", { timeout: 180_000 }, async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}tests/e2e/fixtures/mount.html`);
  await page.evaluate(async () => {
    await customElements.whenDefined("yuliao-search");
    const el = document.createElement("yuliao-search");
    document.querySelector("#a").append(el);
    await el.ready;
    // The same queries in the same order on every run: a seeded generator.
    let seed = 20240101;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = (list) => list[random(list.length)];
    const WORDS = ["拉萨", "党建", "林芝", "工作", "发展", "基层", "群众", "西藏", "日喀则", "乡村振兴", "拉萨 党建", "拉萨 OR 林芝", "党建 -拉萨", "\"基层党建\"", "雪豹", "的"];
    const FILTERS = [{}, { region: ["拉萨市"] }, { kind: ["article"] }, { region: ["林芝市", "昌都市"], kind: ["article", "photo"] }, { kind: ["photo"] }];
    const CQL = ['[pos="a"] "的" [pos="n.*"]', '"发展" []{0,3} "经济"', '[word=".*化" & pos="v.*"]'];
    const engine = el.engine;
    const info = await engine.info();
    const one = (i) => {
      const q = pick(WORDS);
      const filters = pick(FILTERS);
      const r = random(100);
      if (i % 100 === 99) {
        // About one call in a hundred is a statistics call (the statistics module).
        switch (random(6)) {
          case 0: return engine.frequencies(pick([null, "党建"]), { by: pick(["word", "pos", "region"]), filters, limit: 1000 });
          case 1: return engine.collocates(pick(["党建", "拉萨", CQL[0]]), { window: [5, 5], filters, limit: 1000 });
          case 2: return engine.ngrams({ n: 2 + random(2), filters, limit: 1000 });
          case 3: return engine.dispersion(pick(["党建", "拉萨"]), { by: pick(["doc", "region"]), positions: true });
          case 4: return engine.keywords({ focus: pick([{ region: ["拉萨市"] }, { kind: ["photo"] }]), limit: 1000 });
          default: return engine.concordance(pick(CQL), { sort: ["R1"], limit: 50, filters });
        }
      }
      if (r < 40) return engine.search(q, { limit: 10, offset: 10 * random(3), filters, facetLimit: 100 });
      if (r < 55) return engine.filter(filters, { limit: 10, offset: 10 * random(3), facetLimit: 100 });
      if (r < 80) return engine.concordance(q, { context: 20, limit: 50, offset: 50 * random(2), sort: pick(["doc", "left", "right"]), filters, facets: true });
      return engine.doc(random(info.documents), pick([{}, { query: q }]));
    };
    let next = 0;
    const errors = new Map();
    /** Runs the next `n` queries, one after the other; counts the errors by kind (refused queries are expected, nothing else). */
    window.__queries = async (n) => {
      for (const end = next + n; next < end; next++) {
        try {
          await one(next);
        } catch (e) {
          const key = `${e.name}:${e.kind}`;
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }
      return Object.fromEntries(errors);
    };
    /** The bytes of each wasm module's memory (the search module, the statistics module). */
    window.__wasmBytes = async () => {
      const memory = async (url) => (await (await import(url)).default()).memory.buffer.byteLength;
      return [await memory("/www/pkg/yuliao.js"), await memory("/www/pkg-stats/yuliao.js")];
    };
  });
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  };

  // Warm-up: 2,000 queries (every kind of call, both modules loaded, the allocators at their working size).
  const started = Date.now();
  await page.evaluate(() => window.__queries(2000));
  const wasm = await page.evaluate(() => window.__wasmBytes());
  const heapWarm = await heap();
  const seen = [];
  for (let round = 1; round <= 4; round++) {
    const errors = await page.evaluate(() => window.__queries(2000));
    seen.push({ queries: 2000 * (round + 1), wasm: await page.evaluate(() => window.__wasmBytes()), heap: await heap(), errors });
  }
  const report = JSON.stringify({ seconds: (Date.now() - started) / 1000, wasm, heapWarm, seen });
  // Every query is answered (a refusal would mean a module older than these tests).
  for (const s of seen) assert.deepEqual(s.errors, {}, report);
  // The wasm memories never grow after the warm-up: the 8,000 more queries,
  // of the same kinds, reuse what the first 2,000 took (memory.grow adds
  // 64 KiB pages: a leak of 8 bytes a query would add one).
  for (const s of seen) assert.deepEqual(s.wasm, wasm, report);
  // The JS heap (after a full collection) grows by less than 200 KB over the
  // 8,000 queries after the warm-up, and by less than 80 KB over the last
  // 4,000. Measured on this test's queries: without a leak, 81 KB and 32 KB
  // (V8's own type feedback and optimised code, flat after some 30,000
  // queries); keeping one small object per query (four fields, about 40
  // bytes) gives 333 KB and 157 KB, keeping one answer in 60 gives 300 KB
  // and 148 KB: either fails both bounds.
  const growth = seen.at(-1).heap - heapWarm;
  const lastHalf = seen.at(-1).heap - seen[1].heap;
  assert.ok(growth < 200_000, `grew ${growth} B over 8,000 queries: ${report}`);
  assert.ok(lastHalf < 80_000, `grew ${lastHalf} B over the last 4,000 queries: ${report}`);
  console.log(`# 10,000 queries: ${report}`);
  assert.deepEqual(page.errors, []);
});

// Checks the Node figures of Pagefind against a real browser: the same query
// set on the same generated files, in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core), from a page <html lang="zh">
// served on 127.0.0.1, where pagefind.js runs its search in its Web Worker.
// For every query, a fresh page (files served with no-store, so each page
// fetches what it needs): import pagefind.js, init, search, data() of
// the ten best; its answer (the set of documents) and every file requested.
//
//   node bench/peers/pagefind-chromium.mjs        (after the query phase of pagefind)
//
// Writes <output>/pagefind.chromium.json: per query, whether the answer equals
// the Node fresh-page answer (engine.mjs), and the files fetched that Node did
// not, or the other way round (pagefind-worker.js is expected: Node has no worker).

import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { chromium } from "playwright-core";
import { OUT, readJson, writeJson, idsHash } from "./common.mjs";

const DIR = join(OUT, "pagefind");
const ids = readJson(join(OUT, "pagefind-ids.json"));
const { queries } = readJson(join(OUT, "queries.json"));
const node = readJson(join(OUT, "pagefind.query.json"));

const PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>pagefind</title></head><body></body></html>';
const TYPES = { ".js": "text/javascript", ".json": "application/json", ".html": "text/html", ".css": "text/css" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return res.end(PAGE);
  }
  const file = normalize(join(DIR, path.replace(/^\/pagefind\//, "/")));
  if (!path.startsWith("/pagefind/") || !file.startsWith(DIR) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = { chromium: browser.version(), queries: [] };
let same = 0;
let worker = 0;
try {
  const context = await browser.newContext();
  for (const [i, q] of queries.entries()) {
    const page = await context.newPage();
    const requested = new Set();
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith("/pagefind/")) requested.add(u.pathname.slice("/pagefind/".length));
    });
    await page.goto(`${origin}/`);
    const r = await page.evaluate(async ([query, filters]) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.options({ excerptLength: 30 });
      await pf.init();
      const res = await pf.search(query, { filters });
      const top = await Promise.all(res.results.slice(0, 10).map((x) => x.data()));
      return { ids: res.results.map((x) => x.id), top: top.map((d) => d.raw_url) };
    }, [q.query, q.filters ?? {}]);
    await page.close();
    const docs = r.ids.map((h) => ids[h]);
    const n = node.queries[i].fresh;
    const agree = idsHash(docs) === n.hash && docs.length === n.returned;
    if (agree) same++;
    if (requested.has("pagefind-worker.js")) worker++;
    const nodeFiles = new Set(node.coldFetches[i].map((p) => p.slice(DIR.length + 1)));
    const onlyChromium = [...requested].filter((f) => !nodeFiles.has(f) && f !== "pagefind.js");
    const onlyNode = [...nodeFiles].filter((f) => !requested.has(f));
    out.queries.push({ i, query: q.query, agree, chromium: docs.length, node: n.returned, onlyChromium, onlyNode });
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
out.agree = same;
out.usedWorker = worker;
out.sameFiles = out.queries.filter((x) => x.onlyNode.length === 0 && x.onlyChromium.every((f) => f === "pagefind-worker.js")).length;
writeJson(join(OUT, "pagefind.chromium.json"), out);
console.log(
  `pagefind in Chromium ${out.chromium}: ${same} / ${queries.length} answers equal to Node's fresh-page answers; ` +
    `worker used on ${worker} pages; same files fetched (plus pagefind-worker.js) for ${out.sameFiles}`,
);

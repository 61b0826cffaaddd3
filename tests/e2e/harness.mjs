/**
 * Shared set-up for the end-to-end tests (tests/e2e/*.test.mjs, run with
 * `node --test`): a static server (www/serve.mjs) on a free port of
 * 127.0.0.1 serving the repository root, Debian's Chromium through
 * playwright-core (Playwright gives each launch a fresh temporary profile,
 * its own --user-data-dir, and deletes it on close), fixture packages built
 * with YULIAO_CORPUS, bundle files built with the command line and a plain
 * (optionally slow) file server for them, and helpers that wait for the
 * widget's answers.
 *
 * Pages are at /www/index.html, /www/embed.html, /tests/e2e/fixtures/*.html;
 * fixture packages are built under test-results/e2e/ (gitignored).
 */
import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, statSync, readdirSync, renameSync, createReadStream, readFileSync, copyFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const RESULTS = join(ROOT, "test-results");
export const SCREENSHOTS = join(RESULTS, "screenshots");

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

async function freePort() {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  srv.close();
  await once(srv, "close");
  return port;
}

/** Starts www/serve.mjs on a free port; `stop()` ends it. */
export async function startServer(root = ROOT) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, "www/serve.mjs"), "--root", root, "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    child.stdout.on("data", (chunk) => String(chunk).includes("serving") && resolve());
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      child.removeAllListeners("exit");
      child.kill();
      await once(child, "exit");
    },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A new page (in its own context) that records every `yuliao-render` event
 * in `window.__renders` and every page error in `errors`.
 */
export async function newPage(browser, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  await context.addInitScript(() => {
    window.__renders = [];
    document.addEventListener("yuliao-render", (e) => window.__renders.push({ ...e.detail, tag: e.target.getAttribute("url-prefix") ?? "" }));
  });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e));
  page.on("console", (m) => m.type() === "error" && page.errors.push(new Error(m.text())));
  return page;
}

/** Navigates and waits until the widget (the first, or `selector`) has loaded and rendered. */
export async function openWidget(page, url, selector = "yuliao-search") {
  await page.goto(url);
  await page.waitForFunction((s) => customElements.get("yuliao-search") && document.querySelector(s), selector);
  await page.evaluate((s) => document.querySelector(s).ready, selector);
}

/** Reloads and waits until every widget on the page has loaded and rendered again. */
export async function reloadWidgets(page) {
  await page.reload();
  await page.waitForFunction(() => customElements.get("yuliao-search"));
  await page.evaluate(() => Promise.all([...document.querySelectorAll("yuliao-search")].map((e) => e.ready)));
}

/** Runs `action` and waits for the next render whose detail matches `expect` (a subset of it). */
export async function rendered(page, action, expect = {}) {
  const n = await page.evaluate(() => window.__renders.length);
  await action();
  const handle = await page.waitForFunction(
    ([from, want]) =>
      window.__renders.slice(from).findLast((r) => Object.entries(want).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v))),
    [n, expect],
  );
  return handle.jsonValue();
}

/** The text of each element matching `selector` (Playwright's CSS selectors pierce open shadow roots). */
export const texts = (page, selector) => page.locator(selector).allTextContents();

/**
 * The newest modification time of the Rust sources a build depends on
 * (src/, build.rs, Cargo.toml, Cargo.lock): a package or command older
 * than this is rebuilt.
 */
export function sourcesMtime() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [statSync(join(dir, e.name)).mtimeMs]));
  return Math.max(...walk(join(ROOT, "src")), ...["build.rs", "Cargo.toml", "Cargo.lock"].map((f) => statSync(join(ROOT, f)).mtimeMs));
}

const isFresh = (file, ...inputs) => existsSync(file) && statSync(file).mtimeMs > Math.max(...inputs);

/** wasm-pack finds wasm-opt (npm's binaryen) on PATH, as under `make`. */
const buildEnv = (extra = {}) => ({ ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`, ...extra });

/**
 * Builds a wasm-pack package with `YULIAO_CORPUS=<corpus>` into
 * test-results/e2e/<name>-pkg, unless it is newer than the corpus files
 * and the sources. A separate cargo target directory keeps the default
 * build's cache intact.
 */
export function buildFixturePackage(name, corpus) {
  const out = join(RESULTS, "e2e", `${name}-pkg`);
  if (isFresh(join(out, "yuliao_bg.wasm"), newestMtime(corpus), sourcesMtime())) return out;
  mkdirSync(join(RESULTS, "e2e"), { recursive: true });
  execFileSync("wasm-pack", ["build", "--target", "web", "--release", "--out-dir", out], {
    cwd: ROOT,
    env: buildEnv({ YULIAO_CORPUS: corpus, CARGO_TARGET_DIR: join(ROOT, "target", "e2e") }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  return out;
}

/**
 * The engine-only package (no corpus inside, for bundles), `pkg-engine/`
 * as `make pkg-engine` builds it (and `make test` has, before the browser
 * tests); built here the same way when it is missing or older than the
 * sources. Returns its URL path on the test server: `/pkg-engine/yuliao.js`.
 */
export function enginePackage() {
  if (!isFresh(join(ROOT, "pkg-engine", "yuliao_bg.wasm"), sourcesMtime())) {
    execFileSync("make", ["--no-print-directory", "pkg-engine"], { cwd: ROOT, env: buildEnv(), stdio: ["ignore", "ignore", "inherit"] });
  }
  return "/pkg-engine/yuliao.js";
}

/**
 * A plain file server for bundles: files under `root` as they are (no
 * compression, so `content-length` gives `Corpus.load` a total), readable
 * from any origin (CORS), sent at `bytesPerSecond` when given, so a large
 * download lasts long enough to type during it. `stop()` ends it.
 */
export async function startFileServer(root, { bytesPerSecond = Infinity } = {}) {
  const server = createHttpServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    const stat = path.startsWith(root + sep) && existsSync(path) ? statSync(path) : null;
    const cors = { "access-control-allow-origin": "*", "cache-control": "no-store" };
    if (!stat?.isFile()) {
      res.writeHead(404, { ...cors, "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { ...cors, "content-type": "application/octet-stream", "content-length": stat.size });
    if (!Number.isFinite(bytesPerSecond)) {
      const stream = createReadStream(path);
      stream.pipe(res);
      res.on("close", () => stream.destroy());
      return;
    }
    // Paced: every few milliseconds, whatever the time since the start
    // allows goes out (respecting the socket's back-pressure), so the rate
    // holds however coarse the timers are; the last byte ends the response.
    const data = cachedFile(path, stat);
    const start = performance.now();
    let sent = 0;
    const pump = () => {
      if (res.destroyed) return;
      const allowed = Math.min(data.length, Math.floor(((performance.now() - start) / 1000) * bytesPerSecond));
      while (sent < allowed) {
        const end = Math.min(allowed, sent + 256 * 1024);
        const more = res.write(data.subarray(sent, end));
        sent = end;
        if (!more) {
          res.once("drain", pump);
          return;
        }
      }
      if (sent >= data.length) res.end();
      else setTimeout(pump, 5);
    };
    pump();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** A file's bytes, read once per version (path, size, mtime) for the paced server. */
const files = new Map();
function cachedFile(path, stat) {
  const key = `${path}:${stat.size}:${stat.mtimeMs}`;
  if (!files.has(key)) files.set(key, readFileSync(path));
  return files.get(key);
}

/** The newest modification time of a file, or of the files in a directory. */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((f) => statSync(join(path, f)).mtimeMs));
}

/**
 * Builds a bundle file from `corpus` (a file or directory) with the
 * command line (`target/release/yuliao build`, compiled first when missing
 * or older than the sources, so its format is the engine's) into
 * test-results/e2e/<name>.bundle, unless it is newer than the corpus and
 * the command. Returns its path.
 */
export function buildBundle(name, corpus) {
  const out = join(RESULTS, "e2e", `${name}.bundle`);
  const cli = join(ROOT, "target", "release", "yuliao");
  if (!isFresh(cli, sourcesMtime())) {
    execFileSync("cargo", ["build", "--release", "--bin", "yuliao"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  }
  if (isFresh(out, newestMtime(corpus), statSync(cli).mtimeMs)) return out;
  mkdirSync(join(RESULTS, "e2e"), { recursive: true });
  const partial = `${out}.partial`;
  execFileSync(cli, ["build", corpus, "-o", partial], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  renameSync(partial, out);
  return out;
}

/** The large corpus (25,783 documents), when ../shared has it: never copied into the repository. */
export const STORIES = join(ROOT, "..", "shared", "corpora", "cctv-xwlb", "stories.jsonl");

/**
 * What www/large.html loads, as `make large-corpus` makes it: the bundle of
 * STORIES (built as buildBundle does) and the engine-only package, copied
 * into www/large/ (gitignored) when missing or older than what they come
 * from. Returns the bundle's path.
 */
export function largeDemo() {
  const bundle = buildBundle("stories", STORIES);
  enginePackage();
  const dir = join(ROOT, "www", "large");
  mkdirSync(join(dir, "pkg-engine"), { recursive: true });
  for (const [from, to] of [
    [bundle, join(dir, "stories.bundle")],
    [join(ROOT, "pkg-engine", "yuliao.js"), join(dir, "pkg-engine", "yuliao.js")],
    [join(ROOT, "pkg-engine", "yuliao_bg.wasm"), join(dir, "pkg-engine", "yuliao_bg.wasm")],
  ]) {
    if (!isFresh(to, statSync(from).mtimeMs)) copyFileSync(from, to);
  }
  return bundle;
}

/**
 * axe-core's violations on the page (run inside it, shadow DOM included),
 * WCAG 2.x A/AA and best practices, each as "rule (impact): help: the
 * first elements". One rule is off: label-content-name-mismatch (see
 * accessibility.test.mjs); `off` lists more (for a bare fixture page: its
 * own landmarks and heading, which are not the widget's).
 */
export async function axeViolations(page, { off = [] } = {}) {
  await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async (off) => {
    const rules = Object.fromEntries(["label-content-name-mismatch", ...off].map((r) => [r, { enabled: false }]));
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      rules,
      resultTypes: ["violations"],
    });
    return result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" > ")).join(", ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`);
  }, off);
}

/**
 * The demo page's views, for the tests that look at each of them (the
 * screenshots, the accessibility audit): [name, path, a selector that is
 * there once the view is, what to do first].
 */
export const DEMO_VIEWS = [
  ["results", "www/index.html?q=拉萨", "yuliao-search .hit"],
  ["facets", "www/index.html?q=拉萨&f.region=拉萨市&f.kind=article", "yuliao-search .facet", async (page) => {
    // On a phone the facets are behind their toggle: open it.
    const toggle = page.locator("yuliao-search .facets-toggle");
    if (await toggle.isVisible()) await toggle.click();
  }],
  ["concordance", "www/index.html?q=党建&view=concordance&sort=right", "yuliao-search .line"],
  ["reader", "www/index.html?q=党建&doc=3", "yuliao-search .reader-text mark"],
  ["no-results", "www/index.html?q=拉萨 雪豹", "yuliao-search .notice.empty"],
  ["empty", "www/index.html", "yuliao-search .notice.help"],
  ["error", `www/index.html?q=${"拉".repeat(1001)}`, "yuliao-search .notice.error"],
  ["cql-error", `www/index.html?q=${encodeURIComponent('[pos="n" 的]')}`, "yuliao-search .query-error mark"],
  ["concordance-keys", "www/index.html?q=党建&view=concordance&sort=R1,L1:pos&sample=50", "yuliao-search .line"],
  ["frequencies", "www/index.html?q=党建&view=frequencies&by=R1", "yuliao-search .stats-table tbody tr"],
  ["collocates", "www/index.html?q=党建&view=collocates", "yuliao-search .stats-table tbody tr"],
  ["ngrams", "www/index.html?view=ngrams&n=3", "yuliao-search .stats-table tbody tr"],
  ["dispersion", "www/index.html?q=党建&view=dispersion&dby=region", "yuliao-search .barcode"],
  ["dispersion-docs", "www/index.html?q=党建&view=dispersion", "yuliao-search .bars"],
  ["keywords", "www/index.html?view=keywords&focus=region:拉萨市", "yuliao-search .stats-table tbody tr"],
  ["keywords-choose", "www/index.html?view=keywords", "yuliao-search select[data-option=focus-value]"],
  ["load-error", "tests/e2e/fixtures/broken-module.html", "yuliao-search .summary .error"],
];

// Bundle files at run time: `Corpus.load(url)` with progress and
// `Corpus.fromBytes`, on the engine-only package (no corpus compiled in).
// Needs `make pkg-engine` and target/test/seeds.bundle (the Makefile's
// test-js target builds both).
import test, { after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = join(root, "pkg-engine");
const mod = await import(new URL("file://" + join(pkg, "yuliao.js")).href);
await mod.default({ module_or_path: readFileSync(join(pkg, "yuliao_bg.wasm")) });
const { Corpus } = mod;
const bundlePath = join(root, "target/test/seeds.bundle");
const bytes = readFileSync(bundlePath);

// Serve a directory holding the bundle, uncompressed and brotli-compressed.
const dir = mkdtempSync(join(tmpdir(), "yuliao-load-"));
copyFileSync(bundlePath, join(dir, "seeds.bundle"));
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, [join(root, "www/serve.mjs"), "--root", dir, "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));
after(() => server.kill());
const base = `http://127.0.0.1:${port}`;

test("the engine-only package has no embedded corpus", () => {
  assert.equal(typeof Corpus.embedded, "undefined");
  // It is the embedded package without the corpus: smaller by about the bundle.
  const engine = readFileSync(join(pkg, "yuliao_bg.wasm")).length;
  const embedded = readFileSync(join(root, "pkg/yuliao_bg.wasm")).length;
  assert.ok(embedded - engine > 0.9 * bytes.length, `${embedded} - ${engine} vs bundle ${bytes.length}`);
});

test("fromBytes opens a bundle file", () => {
  const corpus = Corpus.fromBytes(new Uint8Array(bytes));
  assert.equal(corpus.info().documents, 38);
  assert.ok(corpus.search("拉萨").total > 0);
});

test("load downloads a bundle, reporting progress", async () => {
  const progress = [];
  const corpus = await Corpus.load(`${base}/seeds.bundle`, { onProgress: (p) => progress.push(p) });
  assert.equal(corpus.info().documents, 38);
  assert.ok(progress.length >= 2, "at least a start and an end");
  assert.deepEqual(progress[0], { loaded: 0, total: progress[0].total });
  const last = progress.at(-1);
  assert.equal(last.loaded, bytes.length);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].loaded >= progress[i - 1].loaded);
  // Without an option, and a second corpus alongside the first.
  const again = await Corpus.load(`${base}/seeds.bundle`);
  assert.equal(again.search("拉萨").total, corpus.search("拉萨").total);
});

test("load failures reject with a YuliaoError", async () => {
  const cases = [
    [() => Corpus.load(`${base}/missing.bundle`), "loadFailed", /HTTP 404/],
    [() => Corpus.load(`http://127.0.0.1:1/nothing`), "loadFailed", /cannot load/],
    [() => Corpus.load(42), "invalidArgument", /url must be a string/],
    [() => Corpus.load(`${base}/seeds.bundle`, { onProgres: () => {} }), "invalidArgument", /unknown option `onProgres`/],
    [() => Corpus.load(`${base}/seeds.bundle`, { onProgress: 3 }), "invalidArgument", /must be a function/],
  ];
  for (const [call, kind, message] of cases) {
    const promise = call();
    assert.ok(promise instanceof Promise, "load always returns a promise");
    await assert.rejects(promise, (e) => e.name === "YuliaoError" && e.kind === kind && message.test(e.message));
  }
  // A file that is not a bundle.
  copyFileSync(join(root, "README.md"), join(dir, "README.md"));
  await assert.rejects(Corpus.load(`${base}/README.md`), (e) => e.kind === "invalidBundle");
});

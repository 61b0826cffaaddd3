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
  // No bundle inside: a bundle starts with the magic bytes and the format
  // version, 12 bytes found nowhere else; the embedded package's module
  // holds the seed bundle's header, the engine's holds none.
  const header = Buffer.from(bytes.subarray(0, 12));
  const engine = readFileSync(join(pkg, "yuliao_bg.wasm"));
  const embedded = readFileSync(join(root, "pkg/yuliao_bg.wasm"));
  assert.equal(engine.indexOf(header), -1, "the engine-only module contains a bundle");
  assert.ok(embedded.indexOf(header) >= 0, "the embedded module holds no bundle");
  // Engine and corpus linguistics, compiled for speed: well under what a corpus would add.
  assert.ok(engine.length < 1_500_000, `engine-only module of ${engine.length} bytes`);
});

test("fromBytes opens a bundle file and checks it", () => {
  const corpus = Corpus.fromBytes(new Uint8Array(bytes));
  assert.equal(corpus.info().documents, 38);
  assert.ok(corpus.search("拉萨").total > 0);
  // One flipped bit: the checksum says so.
  const damaged = new Uint8Array(bytes);
  damaged[1000] ^= 1;
  assert.throws(() => Corpus.fromBytes(damaged), (e) => e.name === "YuliaoError" && e.kind === "invalidBundle" && /checksum/.test(e.message));
  assert.throws(() => Corpus.fromBytes(new Uint8Array(bytes.subarray(0, 100))), (e) => e.kind === "invalidBundle" && /truncated/.test(e.message));
  assert.throws(() => Corpus.fromBytes("not bytes"), (e) => e.kind === "invalidArgument" && /Uint8Array, got a string/.test(e.message));
});

test("fields named __proto__, constructor and prototype are own properties of every result", () => {
  // tests/js/fixtures/prototype-names.jsonl: fields __proto__, constructor,
  // prototype and toString on three documents.
  const corpus = Corpus.fromBytes(new Uint8Array(readFileSync(join(root, "target/test/prototype-names.bundle"))));
  const names = ["source", "__proto__", "constructor", "prototype", "toString"];
  const own = (o, where) => {
    assert.equal(Object.getPrototypeOf(o), Object.prototype, `${where}: prototype changed`);
    for (const n of names.slice(1)) assert.ok(Object.hasOwn(o, n), `${where}: no own ${n}`);
  };
  const search = corpus.search("拉萨");
  assert.equal(search.total, 2);
  const hit = search.hits[0];
  own(hit, "hit");
  assert.deepEqual(Object.keys(hit), ["id", "title", "score", "verbatim", ...names, "snippet"], "the order of the keys is kept");
  assert.deepEqual([hit.__proto__, hit.constructor, hit.prototype, hit.toString], ["甲", "乙", "丙", "丁"]);
  own(search.facets, "facets");
  assert.deepEqual(search.facets.__proto__, [{ value: "甲", count: 2 }]);
  assert.deepEqual(search.facets.constructor, [{ value: "乙", count: 1 }, { value: "戊", count: 1 }]);
  // The results survive JSON as they are.
  assert.deepEqual(JSON.parse(JSON.stringify(search.hits[1])).__proto__, "甲");
  // Filters on such fields (written as JSON would, since `{ __proto__: … }`
  // in a literal sets the prototype).
  const filters = JSON.parse('{"__proto__": ["己"]}');
  const filtered = corpus.filter(filters);
  assert.equal(filtered.total, 1);
  own(filtered.docs[0], "filter doc");
  assert.equal(filtered.docs[0].__proto__, "己");
  assert.equal(corpus.search("拉萨", { filters: JSON.parse('{"constructor": ["戊"]}') }).total, 1);
  const doc = corpus.doc(2);
  own(doc, "doc");
  assert.equal(doc.prototype, "庚");
  const info = corpus.info();
  own(info.fields, "info.fields");
  assert.deepEqual(info.schema.map((f) => f.name), names);
  own(corpus.concordance("拉萨", { facets: true }).facets, "concordance facets");
  // Nothing leaked onto the shared prototypes.
  assert.equal({}.__proto__, Object.prototype);
  assert.equal(Object.prototype.prototype, undefined);
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
    [() => Corpus.load(`${base}/seeds.bundle`, { onProgres: () => {} }), "invalidArgument", /unknown field `onProgres`/],
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

test("load streams a bundle with or without a length, in small chunks", async () => {
  const { createServer } = await import("node:http");
  // Sent in 1000-byte writes, with a content-length or chunked (no length).
  const http = createServer((req, res) => {
    const headers = { "content-type": "application/octet-stream" };
    if (req.url === "/sized") headers["content-length"] = bytes.length;
    res.writeHead(200, headers);
    for (let at = 0; at < bytes.length; at += 1000) res.write(bytes.subarray(at, at + 1000));
    res.end();
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${http.address().port}`;
  try {
    for (const [path, total] of [["/sized", bytes.length], ["/chunked", null]]) {
      const progress = [];
      const corpus = await Corpus.load(url + path, { onProgress: (p) => progress.push(p) });
      assert.equal(corpus.info().documents, 38, path);
      assert.ok(progress.every((p) => p.total === total), `${path}: totals ${JSON.stringify(progress.at(-1))}`);
      assert.equal(progress.at(-1).loaded, bytes.length, path);
      assert.deepEqual(corpus.search("拉萨", { limit: 3 }), Corpus.fromBytes(new Uint8Array(bytes)).search("拉萨", { limit: 3 }));
    }
  } finally {
    http.close();
  }
});

// Where yuliao's limits are: build and open corpora made of N copies of the
// large corpus (never committed; generated under bench/out/), and report
// build time and peak memory, bundle size, open time, memory after opening
// and query latency, until something breaks.
//
//   node bench/limits.mjs [--corpus ../shared/corpora/cctv-xwlb/stories.jsonl] [--copies 1,2,4,8]
//
// Needs target/release/yuliao (cargo build --release --bin yuliao) and the
// engine-only package pkg-engine/ (make pkg-engine).
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const corpus = resolve(args.corpus ?? "../shared/corpora/cctv-xwlb/stories.jsonl");
const copies = (args.copies ?? "1,2,4,8").split(",").map(Number);
if (!existsSync(corpus)) {
  console.log(`${corpus} not found: limits not measured`);
  process.exit(0);
}
const out = resolve("bench/out/limits");
mkdirSync(out, { recursive: true });
const mod = await import(pathToFileURL(resolve("pkg-engine/yuliao.js")).href);
await mod.default({ module_or_path: readFileSync(resolve("pkg-engine/yuliao_bg.wasm")) });
const queries = ["的", "中国", "习近平总书记", "高质量发展", "拉萨", "建工", "中国 发展", "发展经济"];
const mb = (n) => (n / 2 ** 20).toFixed(0);

async function concatenate(n, file) {
  const w = createWriteStream(file);
  for (let i = 0; i < n; i++) {
    const r = createReadStream(corpus);
    r.pipe(w, { end: false });
    await once(r, "end");
  }
  w.end();
  await once(w, "finish");
}

console.log("copies | documents | text MB | build s | build peak MB | bundle MB | open ms | memory after open MB | search p50/max ms");
for (const n of copies) {
  const file = join(out, `x${n}.jsonl`);
  const bundle = join(out, `x${n}.bundle`);
  await concatenate(n, file);
  let report;
  try {
    report = JSON.parse(execFileSync("target/release/yuliao", ["build", file, "-o", bundle], { maxBuffer: 1 << 20 }).toString());
  } catch (e) {
    console.log(`${n} | build failed: ${e.message.split("\n")[0]}`);
    break;
  } finally {
    rmSync(file);
  }
  const row = [n, report.documents, mb(report.textBytes), report.seconds.toFixed(1), mb(report.peakMemoryBytes), mb(report.bundleBytes)];
  try {
    const bytes = new Uint8Array(readFileSync(bundle));
    const t = performance.now();
    const c = mod.Corpus.fromBytes(bytes);
    row.push((performance.now() - t).toFixed(0));
    row.push(mb(process.memoryUsage().rss));
    const times = queries.map((q) => {
      const t0 = performance.now();
      c.search(q, { limit: 10 });
      return performance.now() - t0;
    });
    times.sort((a, b) => a - b);
    row.push(`${times[times.length >> 1].toFixed(0)}/${times.at(-1).toFixed(0)}`);
    c.free();
  } catch (e) {
    row.push(`open failed: ${e.message}`);
    console.log(row.join(" | "));
    break;
  } finally {
    rmSync(bundle);
  }
  console.log(row.join(" | "));
}

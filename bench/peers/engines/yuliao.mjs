// yuliao: the bundle file built by the native CLI (`yuliao build`), opened
// with Corpus.fromBytes from the engine-only wasm package (pkg-engine/, no
// corpus inside), as a page using `await Corpus.load(url)` does once the
// bytes have arrived.
//
// Both come from $YULIAO_SRC: <dir>/pkg-engine and <dir>/target/release/yuliao.
// run.mjs sets it to a snapshot (<out>/yuliao-engine) of this repository's
// pkg-engine/ and target/release/yuliao (`make bench-peers` builds them), or
// of another source tree (--yuliao <dir>, e.g. an export of one commit by
// `git archive`, with the commit id in <dir>/COMMIT, built with
// CARGO_TARGET_DIR=<dir>/target).

import { readFileSync, existsSync, readdirSync, rmSync, mkdirSync, cpSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../common.mjs";

const SRC = process.env.YULIAO_SRC ?? ROOT;
export const PKG = join(SRC, "pkg-engine");
const CLI = join(SRC, "target/release/yuliao");

// Everything pkg-engine/yuliao.js imports: itself, the wasm, and
// wasm-bindgen's inline snippets (the bundle loader).
function packageFiles() {
  const files = [join(PKG, "yuliao.js"), join(PKG, "yuliao_bg.wasm")];
  const snippets = join(PKG, "snippets");
  if (existsSync(snippets)) {
    for (const d of readdirSync(snippets)) for (const f of readdirSync(join(snippets, d))) files.push(join(snippets, d, f));
  }
  return files;
}

/** yuliao's version and commit, of a source tree or of a snapshot (VERSION). */
export function describe(src) {
  if (existsSync(join(src, "VERSION"))) return readFileSync(join(src, "VERSION"), "utf8").trim();
  const cargo = readFileSync(join(src, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (existsSync(join(src, "COMMIT"))) return `${cargo} (commit ${readFileSync(join(src, "COMMIT"), "utf8").trim().slice(0, 7)})`;
  const git = (...a) => spawnSync("git", ["-C", src, ...a], { encoding: "utf8" }).stdout.trim();
  const dirty = git("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock", "build.rs");
  return `${cargo} (commit ${git("rev-parse", "--short", "HEAD")}${dirty ? ", with uncommitted changes in src/" : ""})`;
}

/** Copies the CLI and the engine package of a source tree to dir (so that
 * a rebuild during the run cannot mix two versions), with their version. */
export function snapshot(src, dir) {
  const cli = join(src, "target/release/yuliao");
  const pkg = join(src, "pkg-engine");
  for (const p of [cli, join(pkg, "yuliao.js"), join(pkg, "yuliao_bg.wasm")]) {
    if (!existsSync(p)) throw new Error(`${p} missing: make pkg-engine && cargo build --release --bin yuliao`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "target/release"), { recursive: true });
  cpSync(cli, join(dir, "target/release/yuliao"));
  cpSync(pkg, join(dir, "pkg-engine"), { recursive: true });
  writeFileSync(join(dir, "VERSION"), describe(src));
}

/** Opens the package and a bundle: the Corpus, in this process (with the
 * time Corpus.fromBytes took, the bytes being in memory already). */
export async function openBundle(path, detail = {}) {
  const mod = await import(pathToFileURL(join(PKG, "yuliao.js")).href);
  await mod.default({ module_or_path: readFileSync(join(PKG, "yuliao_bg.wasm")) });
  const bytes = new Uint8Array(readFileSync(path));
  const t0 = performance.now();
  const corpus = mod.Corpus.fromBytes(bytes);
  detail.fromBytesMs = performance.now() - t0;
  return corpus;
}

export default {
  name: "yuliao",
  files: "yuliao",
  config:
    "`yuliao build` (native CLI, default options: character postings from 1 MiB of text) → bundle file; " +
    "pkg-engine (engine-only wasm, profile fast) + Corpus.fromBytes; search(query, { limit: 10, filters: { field: [value] } }) " +
    "with its defaults (snippets and facets computed); the recall pass pages through every hit, 1000 at a time",
  version: () => describe(SRC),

  async build(docs, dir, { corpus }) {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: cargo build --release --bin yuliao`);
    const t0 = performance.now();
    const r = spawnSync(CLI, ["build", corpus, "-o", join(dir, "corpus.bundle")], { encoding: "utf8", maxBuffer: 1 << 26 });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`yuliao build failed: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    // The package must read what the CLI wrote (same format version).
    const check = await openBundle(join(dir, "corpus.bundle"));
    if (check.info().documents !== docs.length) throw new Error(`bundle has ${check.info().documents} documents, the corpus ${docs.length}`);
    return {
      seconds: report.seconds,
      wallSeconds,
      peakMemoryBytes: report.peakMemoryBytes,
      measuredBy: "the CLI's JSON report (seconds: reading, segmenting, indexing and writing the bundle; peakMemoryBytes: its peak RSS)",
      report,
    };
  },

  async load(dir) {
    const detail = {};
    const corpus = await openBundle(join(dir, "corpus.bundle"), detail);
    // The page's copy of the bytes is dropped; fromBytes keeps its own in wasm memory.
    return { corpus, detail };
  },

  filters: (q) => (q.filters ? Object.fromEntries(Object.entries(q.filters).map(([k, v]) => [k, [v]])) : {}),

  search(state, q, { all = false } = {}) {
    const filters = this.filters(q);
    if (!all) {
      const r = state.corpus.search(q.query, { limit: 10, filters });
      return { ids: r.hits.map((h) => h.id), total: r.total };
    }
    const ids = [];
    const inexact = [];
    let total = 0;
    for (let offset = 0; ; offset += 1000) {
      const r = state.corpus.search(q.query, { limit: 1000, offset, filters });
      total = r.total;
      for (const h of r.hits) (h.verbatim ? ids : inexact).push(h.id);
      if (offset + 1000 >= total) break;
    }
    if (ids.length + inexact.length !== total) throw new Error(`yuliao: ${q.query}: total ${total}, paged ${ids.length + inexact.length}`);
    // Word-fallback hits (verbatim: false) are returned below the verbatim
    // ones: they count in precision, and are also counted apart.
    return { ids: [...ids, ...inexact], verbatimIds: ids, inexact: inexact.length, total };
  },

  downloadFiles(dir) {
    return [
      ...packageFiles().map((path) => ({ path, what: `engine: pkg-engine/${path.slice(PKG.length + 1)}` })),
      { path: join(dir, "corpus.bundle"), what: "bundle (text, metadata, vocabulary, character postings)" },
    ];
  },
};

/**
 * The engine's Web Worker (a module worker started by engine.js when the
 * element has the `worker` attribute). Owns one corpus: it imports the
 * wasm-pack module, opens the embedded corpus or downloads a bundle (posting
 * its progress), and answers calls, one per task, in the order they came.
 * A call that needs the statistics (`needsStats` in engine.js) when the
 * module has none built in goes to the statistics module, which the worker
 * imports and opens on the first such call.
 *
 * Messages: see `WorkerHost` in engine.js. Results are posted as they are
 * (plain objects and arrays); errors as `{ name, kind, message }`, which a
 * structured clone of an `Error` would not keep (`kind`, and a `name` that is
 * not one of the built-in errors').
 *
 * Superseded calls are not run: each client's newest search id is noted as
 * soon as its message arrives, and each call runs in its own task after the
 * corpus is ready, so messages that arrived while a long call ran are seen
 * before the next call starts; a call whose id is older than its client's
 * newest is answered with AbortError. (engine.js already keeps older
 * queries from being sent; this is the second line.)
 */
import { openCorpus, openStatsCorpus, hasStats, needsStats, errorToWire, aborted, METHODS as ENGINE_METHODS } from "./engine.js";

const METHODS = new Set(ENGINE_METHODS);
/** Progress is posted at most this often (ms), and always for the last byte. */
const PROGRESS_EVERY = 50;

let corpus = null; // Promise<Corpus>, once "open" arrived
let source = null; // the "open" message: { moduleUrl, bundleUrl, statsUrl }
let statsCorpus = null; // Promise<Corpus> of the statistics module, once a call needed it
const latest = new Map(); // client → newest search id seen
const queue = [];
let scheduled = false;

self.addEventListener("message", (e) => {
  const m = e.data;
  if (m.type === "open") {
    source ??= m;
    corpus ??= open(m.moduleUrl, m.bundleUrl);
  } else if (m.type === "call") {
    if (m.searchId !== undefined && !(m.searchId <= latest.get(m.client))) latest.set(m.client, m.searchId);
    queue.push(m);
    schedule();
  } else if (m.type === "release") {
    // A widget sharing this worker was removed: forget it and drop its calls not yet run.
    latest.delete(m.client);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].client === m.client) queue.splice(i, 1);
  }
});

function open(moduleUrl, bundleUrl) {
  let last = -Infinity;
  const onProgress = ({ loaded, total }) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY && loaded !== total) return;
    last = now;
    self.postMessage({ type: "progress", loaded, total });
  };
  const opened = openCorpus(moduleUrl, bundleUrl, onProgress);
  opened.catch(() => {}); // reported to each call
  return opened;
}

/** Runs the next call in a new task, once the corpus is ready (or failed). */
function schedule() {
  if (scheduled || !queue.length) return;
  scheduled = true;
  const ready = corpus ?? Promise.reject(new Error("the search worker was given no corpus to open"));
  ready.then(
    () => setTimeout(next, 0),
    () => setTimeout(next, 0),
  );
}

async function next() {
  scheduled = false;
  const m = queue.shift();
  if (m) await answer(m);
  schedule();
}

async function answer({ id, client, searchId, method, args }) {
  try {
    if (searchId !== undefined && searchId < latest.get(client)) throw aborted();
    const primary = await corpus;
    let value;
    if (method === "builtInStats") {
      value = hasStats(primary);
    } else {
      if (!METHODS.has(method)) throw new Error(`unknown engine method ${method}`);
      let c = primary;
      if (needsStats(method, args) && !hasStats(primary)) {
        statsCorpus ??= openStatsCorpus(source.statsUrl, source.bundleUrl);
        c = await statsCorpus;
        if (searchId !== undefined && searchId < latest.get(client)) throw aborted(); // superseded while it loaded
      }
      value = c[method](...args);
    }
    self.postMessage({ type: "result", id, value });
  } catch (error) {
    self.postMessage({ type: "error", id, error: errorToWire(error) });
  }
}

self.postMessage({ type: "started" });

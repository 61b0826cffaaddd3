/**
 * The engine adapter: how the widget reaches the yuliao corpus. The element
 * never calls `Corpus` itself; it holds one engine object with async methods
 * that mirror the JS API and each take a search id as their last argument:
 *
 *   info(searchId)                          → Promise<Info>
 *   search(query, options, searchId)        → Promise<SearchResult>
 *   filter(filters, options, searchId)      → Promise<FilterResult>
 *   concordance(query, options, searchId)   → Promise<Concordance>
 *   doc(id, options, searchId)              → Promise<Document>
 *   frequencies(query, options, searchId)   → Promise<Frequencies | CsvExport>
 *   collocates(query, options, searchId)    → Promise<Collocates | CsvExport>
 *   ngrams(options, searchId)               → Promise<Ngrams | CsvExport>
 *   dispersion(query, options, searchId)    → Promise<Dispersion | CsvExport>
 *   keywords(options, searchId)             → Promise<Keywords | CsvExport>
 *   builtInStats(searchId)                  → Promise<boolean>
 *
 * Search ids grow with every query the widget starts. An adapter may refuse a
 * request whose id is older than one it has already been given (it rejects
 * with `name === "AbortError"`): its answer would be dropped anyway. A call
 * without a search id (from a page script) is always answered. Engine
 * errors reject with the engine's `YuliaoError` (`name`, `kind`, `message`).
 * While a bundle downloads, the engine (an EventTarget) dispatches
 * "progress" events with `detail: { loaded, total }` (`total` null when the
 * server compresses or does not say).
 *
 * `createEngine()` is the one place where the adapter is chosen, from the
 * element's attributes:
 *
 *   module   the wasm-pack module (by default `pkg/yuliao.js` in the folder
 *            that holds widget/, or dist/ once bundled), resolved against
 *            the page
 *   bundle   a bundle file opened with `Corpus.load(url)` instead of the
 *            module's embedded corpus, resolved against the page
 *   worker   (boolean) run the engine in a module Web Worker (worker.js):
 *            downloading, opening and querying never block the page
 *   stats-module
 *            the module with the statistics (by default `pkg-stats/yuliao.js`
 *            beside `pkg/`), resolved against the page
 *
 * The statistics module is loaded lazily. A call that needs it (the
 * statistics methods; a CQL query; a concordance with token sort keys, a
 * sample or CSV: see `needsStats`) goes to the primary module when that has
 * the statistics built in (`Corpus.prototype.frequencies`: pkg-stats, or
 * the engine-only module with a bundle), and otherwise to the statistics
 * module, imported and opened (the same bundle, if any) on the first such
 * call; `builtInStats()` says which. A page that only searches never
 * downloads it.
 *
 * Both adapters load each module and corpus once per page and share it
 * between the widgets that name the same module and bundle: the in-page
 * adapter in this thread, the worker adapter in one worker per pair.
 * `warm(element)` starts that loading early (yuliao-search.js calls it for
 * the elements in the page before the rest of the widget has arrived).
 *
 * `dispose()` ends an adapter (the element calls it when it is removed from
 * the page): its calls still waiting are refused with AbortError, and so is
 * every later call; it stops listening to the shared corpus. The last
 * adapter of a corpus to go releases it: in the page the corpus is freed
 * (the next element to need it opens it again); in a worker, the worker is
 * terminated.
 *
 * This module imports only cql.js, which imports nothing.
 */
import { looksLikeCql } from "./cql.js";

/**
 * The default module: `../pkg/yuliao.js` from this module, which is in
 * widget/ or, bundled by esbuild (make www-dist), in dist/: either way
 * `pkg/` beside it.
 */
export const DEFAULT_MODULE = new URL("../pkg/yuliao.js", import.meta.url).href;

/** The default statistics module: `../pkg-stats/yuliao.js` from this module, beside `pkg/`. */
export const DEFAULT_STATS_MODULE = new URL("../pkg-stats/yuliao.js", import.meta.url).href;

/** The methods only the statistics build has. */
export const STATS_METHODS = ["frequencies", "collocates", "ngrams", "dispersion", "keywords"];

/** Every method an adapter answers (`builtInStats` is the adapter's own). */
export const METHODS = ["info", "search", "filter", "concordance", "doc", ...STATS_METHODS];

/** Concordance orders the search-only module has (as CHARACTER_SORTS in state.js, which this module does not import). */
const CHARACTER_SORTS = ["doc", "left", "right"];

/**
 * Whether a call needs the statistics build: a statistics method; a search,
 * concordance or document with a CQL query; a concordance sorted by token
 * keys, sampled, with token context or as CSV.
 */
export function needsStats(method, args) {
  if (STATS_METHODS.includes(method)) return true;
  if ((method === "search" || method === "concordance") && typeof args[0] === "string" && looksLikeCql(args[0])) return true;
  if (method === "doc" && typeof args[1]?.query === "string" && looksLikeCql(args[1].query)) return true;
  if (method === "concordance") {
    const o = args[1] ?? {};
    const sort = Array.isArray(o.sort) && o.sort.length === 1 ? o.sort[0] : o.sort;
    if (sort != null && !CHARACTER_SORTS.includes(sort)) return true;
    if (o.sample != null || o.format != null || o.contextUnit != null) return true;
  }
  return false;
}

/** The worker's script (a module worker): widget/worker.js, or dist/worker.js once bundled. */
export const WORKER_URL = new URL("./worker.js", import.meta.url).href;

/**
 * Where an element's engine comes from: `{ moduleUrl, bundleUrl, statsUrl,
 * worker }` from its attributes, resolved against the page. Throws when
 * `module`, `bundle` or `stats-module` is not a URL.
 */
function engineSource(element) {
  const url = (name) => {
    const attr = element.getAttribute(name);
    if (!attr) return null;
    try {
      return new URL(attr, document.baseURI).href;
    } catch {
      throw new Error(`the ${name} attribute is not a URL: ${JSON.stringify(attr)}`);
    }
  };
  return {
    moduleUrl: url("module") ?? DEFAULT_MODULE,
    bundleUrl: url("bundle"),
    statsUrl: url("stats-module") ?? DEFAULT_STATS_MODULE,
    worker: element.hasAttribute("worker"),
  };
}

/**
 * The adapter for one `<yuliao-search>` element. Never throws: attributes
 * that cannot be used (a `module`, `bundle` or `stats-module` that is not a URL) give an
 * adapter whose every call fails with an error saying so, which the
 * element shows.
 */
export function createEngine(element) {
  try {
    const { moduleUrl, bundleUrl, statsUrl, worker } = engineSource(element);
    return worker ? new WorkerEngine(moduleUrl, bundleUrl, statsUrl) : new InPageEngine(moduleUrl, bundleUrl, statsUrl);
  } catch (error) {
    return new FailedEngine(error);
  }
}

/**
 * Starts loading what `element` will need (its module, wasm and corpus, in
 * the page or in its worker) before the element's own code has arrived;
 * the element's adapter then finds them under way. Called by
 * yuliao-search.js for the elements already in the page; errors are left
 * for the element to show.
 */
export function warm(element) {
  try {
    const { moduleUrl, bundleUrl, statsUrl, worker } = engineSource(element);
    if (worker) WorkerHost.for(moduleUrl, bundleUrl, statsUrl);
    else loadCorpus(moduleUrl, bundleUrl);
  } catch {
    // createEngine() reports it.
  }
}

/** An adapter that could not be made: every call fails with `error`. */
class FailedEngine extends EventTarget {
  mode = "failed";

  constructor(error) {
    super();
    for (const method of [...METHODS, "builtInStats"]) this[method] = () => Promise.reject(error);
  }

  dispose() {}
}

/**
 * Imports the module, initialises its wasm and opens the corpus: the
 * module's own, or `bundleUrl` downloaded with `Corpus.load` (reporting
 * `onProgress({ loaded, total })`). Used in the page and in the worker.
 */
export async function openCorpus(moduleUrl, bundleUrl, onProgress) {
  const mod = await import(moduleUrl);
  await mod.default();
  if (bundleUrl) {
    if (typeof mod.Corpus.load !== "function") {
      throw new Error(`${moduleUrl} has a corpus compiled in and opens no bundle files: give the element the engine-only module (pkg-engine) as its module attribute`);
    }
    return mod.Corpus.load(bundleUrl, { onProgress });
  }
  if (typeof mod.Corpus.embedded !== "function") {
    throw new Error(`${moduleUrl} has no embedded corpus (an engine-only build): give the element a bundle attribute`);
  }
  return mod.Corpus.embedded();
}

/**
 * Opens the statistics module's corpus for an engine whose primary module
 * has no statistics: `statsUrl` with the same bundle, if any. Its errors say
 * that it is the statistics module that failed.
 */
export async function openStatsCorpus(statsUrl, bundleUrl) {
  try {
    return await openCorpus(statsUrl, bundleUrl, () => {});
  } catch (error) {
    const e = new Error(`cannot load the statistics module (${statsUrl}): ${error?.message ?? error}`);
    if (error?.name === "YuliaoError") Object.assign(e, { name: error.name, kind: error.kind });
    throw e;
  }
}

/** Whether an open corpus has the statistics built in. */
export const hasStats = (corpus) => typeof corpus?.frequencies === "function";

/** An error as a plain object that survives `postMessage` (`name`, `kind`, `message`). */
export function errorToWire(error) {
  if (error instanceof Error || (error && typeof error === "object" && "message" in error)) {
    const wire = { name: String(error.name ?? "Error"), message: String(error.message) };
    if (error.kind !== undefined) wire.kind = String(error.kind);
    return wire;
  }
  return { name: "Error", message: String(error) };
}

/** The error `errorToWire` described, as an `Error` again. */
export function errorFromWire(wire) {
  const e = new Error(wire.message);
  e.name = wire.name;
  if (wire.kind !== undefined) e.kind = wire.kind;
  return e;
}

export function aborted(message = "superseded by a newer search") {
  const e = new Error(message);
  e.name = "AbortError";
  return e;
}

/** The error of a call to an adapter after `dispose()`. */
const disposed = () => aborted("the widget was removed from the page");

// ---- in the page -------------------------------------------------------------

/**
 * The corpora open in this thread, by (module, bundle): `{ corpus, progress,
 * users }`, `users` the adapters holding it. The statistics module's copies
 * are kept the same way in `statsCorpora` (without progress).
 */
const corpora = new Map();
const statsCorpora = new Map();

/**
 * Loads the module, its wasm and the corpus once per (module, bundle);
 * every widget using them shares the corpus and hears its progress.
 * `release(key)` when a user is done with it.
 */
function loadCorpus(moduleUrl, bundleUrl, table = corpora, open = openCorpus) {
  const key = JSON.stringify([moduleUrl, bundleUrl]);
  if (!table.has(key)) {
    const progress = new EventTarget();
    const onProgress = ({ loaded, total }) => progress.dispatchEvent(new CustomEvent("progress", { detail: { loaded, total } }));
    const corpus = open(moduleUrl, bundleUrl, onProgress);
    corpus.catch(() => {}); // reported by each call (it may fail before any element asks)
    table.set(key, { key, progress, corpus, users: 0 });
  }
  return table.get(key);
}

/** The statistics module's corpus, once per (module, bundle) in this thread. */
const loadStatsCorpus = (statsUrl, bundleUrl) => loadCorpus(statsUrl, bundleUrl, statsCorpora, (m, b) => openStatsCorpus(m, b));

/** One user fewer of `entry` (of `table`); the last frees the corpus (once it is open). */
function release(entry, table) {
  if (--entry.users > 0 || table.get(entry.key) !== entry) return;
  table.delete(entry.key);
  entry.corpus.then((c) => c.free?.(), () => {});
}

/**
 * Runs the engine in the page's own thread. Calls take well under a
 * millisecond on small corpora; a request still waiting for the module when
 * a newer one arrives is dropped before it runs. Opening a large bundle
 * (checking and copying it) blocks the page for as long as it takes: use
 * the worker adapter for those.
 */
export class InPageEngine extends EventTarget {
  mode = "page";
  #shared;
  #stats = null; // the statistics module's shared corpus, once a call needed it
  #latest = 0;
  #listening = new AbortController();
  #disposed = false;

  constructor(moduleUrl, bundleUrl = null, statsUrl = DEFAULT_STATS_MODULE) {
    super();
    this.moduleUrl = moduleUrl;
    this.bundleUrl = bundleUrl;
    this.statsUrl = statsUrl;
    this.#shared = loadCorpus(moduleUrl, bundleUrl);
    this.#shared.users++;
    this.#shared.progress.addEventListener("progress", (e) => this.dispatchEvent(new CustomEvent("progress", { detail: e.detail })), { signal: this.#listening.signal });
  }

  /** The corpus that answers `method(...args)`: the primary one, or the statistics module's. */
  async #corpusFor(method, args) {
    const primary = await this.#shared.corpus;
    if (!needsStats(method, args) || hasStats(primary) || this.#disposed) return primary;
    if (!this.#stats) {
      this.#stats = loadStatsCorpus(this.statsUrl, this.bundleUrl);
      this.#stats.users++;
    }
    return this.#stats.corpus;
  }

  async #call(searchId, method, args) {
    if (this.#disposed) throw disposed();
    if (searchId > this.#latest) this.#latest = searchId;
    const corpus = await this.#corpusFor(method, args);
    if (this.#disposed) throw disposed(); // the corpus may be freed
    if (searchId !== undefined && searchId < this.#latest) throw aborted();
    return corpus[method](...args);
  }

  /** Ends this adapter: later calls are refused; the corpora it held are released. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#listening.abort();
    release(this.#shared, corpora);
    if (this.#stats) release(this.#stats, statsCorpora);
  }

  info(searchId) {
    return this.#call(searchId, "info", []);
  }

  search(query, options, searchId) {
    return this.#call(searchId, "search", [query, options]);
  }

  filter(filters, options, searchId) {
    return this.#call(searchId, "filter", [filters, options]);
  }

  concordance(query, options, searchId) {
    return this.#call(searchId, "concordance", [query, options]);
  }

  doc(id, options, searchId) {
    return this.#call(searchId, "doc", [id, options]);
  }

  frequencies(query, options, searchId) {
    return this.#call(searchId, "frequencies", [query, options]);
  }

  collocates(query, options, searchId) {
    return this.#call(searchId, "collocates", [query, options]);
  }

  ngrams(options, searchId) {
    return this.#call(searchId, "ngrams", [options]);
  }

  dispersion(query, options, searchId) {
    return this.#call(searchId, "dispersion", [query, options]);
  }

  keywords(options, searchId) {
    return this.#call(searchId, "keywords", [options]);
  }

  /** Whether the primary module has the statistics built in (then the statistics module is never loaded). */
  async builtInStats() {
    if (this.#disposed) throw disposed();
    return hasStats(await this.#shared.corpus);
  }
}

// ---- in a worker -------------------------------------------------------------

/**
 * A module worker for `WORKER_URL`, as `{ worker, shim }`. Browsers only
 * start workers from the page's origin; when the widget is served from
 * another origin (a CDN), a same-origin blob module imports it instead
 * (the CDN must allow CORS), and `shim` is its object URL, to revoke once
 * the worker has started.
 */
function startWorker() {
  if (new URL(WORKER_URL).origin === location.origin) return { worker: new Worker(WORKER_URL, { type: "module", name: "yuliao" }), shim: null };
  const shim = URL.createObjectURL(new Blob([`import ${JSON.stringify(WORKER_URL)};`], { type: "text/javascript" }));
  return { worker: new Worker(shim, { type: "module", name: "yuliao" }), shim };
}

const hosts = new Map();

/**
 * One worker holding one corpus (a module and a bundle, and the statistics
 * module's copy once a call needs it), shared by every widget that names
 * them. Messages (see worker.js):
 *
 *   to the worker     { type: "open", moduleUrl, bundleUrl, statsUrl }
 *                     { type: "call", id, client, searchId, method, args }
 *                     { type: "release", client } (a client gone; the last one terminates the worker instead)
 *   from the worker   { type: "started" }
 *                     { type: "progress", loaded, total }
 *                     { type: "result", id, value } | { type: "error", id, error }
 *
 * A worker that cannot start (its script or a syntax error) fails every
 * call, present and future, with one error; so does a failed corpus load,
 * which the worker reports for each call.
 */
class WorkerHost extends EventTarget {
  #key;
  #worker = null;
  #shim = null; // the blob URL the worker started from, if any
  #started = false;
  #failure = null;
  #calls = new Map(); // id → { client, resolve, reject }
  #nextCall = 0;
  #nextClient = 0;
  #clients = new Set();

  static for(moduleUrl, bundleUrl, statsUrl = DEFAULT_STATS_MODULE) {
    const key = JSON.stringify([moduleUrl, bundleUrl, statsUrl]);
    if (!hosts.has(key)) hosts.set(key, new WorkerHost(key, moduleUrl, bundleUrl, statsUrl));
    return hosts.get(key);
  }

  constructor(key, moduleUrl, bundleUrl, statsUrl) {
    super();
    this.#key = key;
    try {
      ({ worker: this.#worker, shim: this.#shim } = startWorker());
    } catch (e) {
      this.#fail(new Error(`cannot start the search worker (${WORKER_URL}): ${e.message}`));
      return;
    }
    this.#worker.addEventListener("message", (e) => this.#onMessage(e.data));
    this.#worker.addEventListener("error", (e) => {
      // Before "started": the script did not load or run. Later: an
      // uncaught error inside the worker, which the console reports.
      if (this.#started) return;
      e.preventDefault();
      this.#fail(new Error(`cannot start the search worker (${WORKER_URL})${e.message ? `: ${e.message}` : ""}`));
    });
    this.#worker.addEventListener("messageerror", () => this.#fail(new Error("the search worker sent a message that could not be read")));
    this.#worker.postMessage({ type: "open", moduleUrl, bundleUrl, statsUrl });
  }

  /** A new client number: the worker keeps each client's newest search id. */
  client() {
    const client = ++this.#nextClient;
    this.#clients.add(client);
    return client;
  }

  /**
   * `client` is done: its unanswered calls are refused with AbortError.
   * The last client to go terminates the worker (a new one starts for the
   * next widget that names this module and bundle).
   */
  release(client) {
    if (!this.#clients.delete(client)) return;
    for (const [id, call] of this.#calls) {
      if (call.client !== client) continue;
      this.#calls.delete(id);
      call.reject(disposed());
    }
    if (this.#clients.size) {
      this.#worker?.postMessage({ type: "release", client });
      return;
    }
    if (hosts.get(this.#key) === this) hosts.delete(this.#key);
    this.#failure ??= disposed();
    this.#worker?.terminate();
    this.#worker = null;
    this.#revokeShim();
  }

  call(client, searchId, method, args) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = ++this.#nextCall;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { client, resolve, reject });
      try {
        this.#worker.postMessage({ type: "call", id, client, searchId, method, args });
      } catch (e) {
        this.#calls.delete(id);
        reject(e); // arguments that cannot be cloned
      }
    });
  }

  #onMessage(m) {
    if (m.type === "started") {
      this.#started = true;
      this.#revokeShim();
    } else if (m.type === "progress") {
      this.dispatchEvent(new CustomEvent("progress", { detail: { loaded: m.loaded, total: m.total } }));
    } else if (m.type === "result" || m.type === "error") {
      const call = this.#calls.get(m.id);
      if (!call) return;
      this.#calls.delete(m.id);
      if (m.type === "result") call.resolve(m.value);
      else call.reject(errorFromWire(m.error));
    }
  }

  #fail(error) {
    this.#failure = error;
    for (const { reject } of this.#calls.values()) reject(error);
    this.#calls.clear();
    this.#worker?.terminate();
    this.#revokeShim();
  }

  #revokeShim() {
    if (this.#shim) URL.revokeObjectURL(this.#shim);
    this.#shim = null;
  }
}

/**
 * Runs the engine in a dedicated module worker (worker.js), so that loading
 * and querying a large corpus never blocks typing or scrolling.
 *
 * Superseded queries never reach the worker: one group of requests (those
 * of one search id) is in flight at a time, and while it runs only the
 * newest group waits; a newer search id rejects the waiting older requests
 * with AbortError at once. However fast the user types, the worker has at
 * most one group to answer before the newest query.
 */
export class WorkerEngine extends EventTarget {
  mode = "worker";
  #host;
  #client;
  #latest = 0;
  #group = { searchId: 0, open: 0 }; // the group in flight: its id and unanswered requests
  #waiting = []; // requests of the newest search id, sent when the group in flight ends
  #listening = new AbortController();
  #disposed = false;

  constructor(moduleUrl, bundleUrl = null, statsUrl = DEFAULT_STATS_MODULE) {
    super();
    this.moduleUrl = moduleUrl;
    this.bundleUrl = bundleUrl;
    this.statsUrl = statsUrl;
    this.#host = WorkerHost.for(moduleUrl, bundleUrl, statsUrl);
    this.#client = this.#host.client();
    this.#host.addEventListener("progress", (e) => this.dispatchEvent(new CustomEvent("progress", { detail: e.detail })), { signal: this.#listening.signal });
  }

  /** Ends this adapter: waiting and later calls are refused; the last adapter of its worker terminates it. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#listening.abort();
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const r of waiting) r.reject(disposed());
    this.#host.release(this.#client);
  }

  #call(searchId, method, args) {
    if (this.#disposed) return Promise.reject(disposed());
    if (searchId === undefined) return this.#host.call(this.#client, undefined, method, args);
    if (searchId < this.#latest) return Promise.reject(aborted());
    this.#latest = searchId;
    return new Promise((resolve, reject) => {
      const request = { searchId, method, args, resolve, reject };
      const older = this.#waiting.filter((r) => r.searchId < searchId);
      if (older.length) {
        this.#waiting = this.#waiting.filter((r) => r.searchId >= searchId);
        for (const r of older) r.reject(aborted());
      }
      if (this.#group.open === 0 || this.#group.searchId === searchId) this.#send(request);
      else this.#waiting.push(request);
    });
  }

  #send(request) {
    this.#group.searchId = request.searchId;
    this.#group.open++;
    const done = () => {
      if (--this.#group.open > 0) return;
      const next = this.#waiting;
      this.#waiting = [];
      for (const r of next) this.#send(r);
    };
    this.#host.call(this.#client, request.searchId, request.method, request.args).then(
      (value) => {
        done();
        request.resolve(value);
      },
      (error) => {
        done();
        request.reject(error);
      },
    );
  }

  info(searchId) {
    return this.#call(searchId, "info", []);
  }

  search(query, options, searchId) {
    return this.#call(searchId, "search", [query, options]);
  }

  filter(filters, options, searchId) {
    return this.#call(searchId, "filter", [filters, options]);
  }

  concordance(query, options, searchId) {
    return this.#call(searchId, "concordance", [query, options]);
  }

  doc(id, options, searchId) {
    return this.#call(searchId, "doc", [id, options]);
  }

  frequencies(query, options, searchId) {
    return this.#call(searchId, "frequencies", [query, options]);
  }

  collocates(query, options, searchId) {
    return this.#call(searchId, "collocates", [query, options]);
  }

  ngrams(options, searchId) {
    return this.#call(searchId, "ngrams", [options]);
  }

  dispersion(query, options, searchId) {
    return this.#call(searchId, "dispersion", [query, options]);
  }

  keywords(options, searchId) {
    return this.#call(searchId, "keywords", [options]);
  }

  /** Whether the primary module has the statistics built in (then the statistics module is never loaded). */
  builtInStats() {
    if (this.#disposed) return Promise.reject(disposed());
    return this.#host.call(this.#client, undefined, "builtInStats", []);
  }
}

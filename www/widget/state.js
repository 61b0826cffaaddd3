/**
 * The widget's state as a value, and its place in the URL.
 *
 * State: `{ q, filters, view, page, order, sort, sample, seed, by, window,
 * measure, cmin, cpos, n, nby, nmin, containing, dby, focus, ref, doc, at }`:
 *   q        the query (trimmed)
 *   filters  `{ field: [values] }`, values as strings, in an object
 *            without prototype (own.js): a field may be named `__proto__`
 *   view     one of VIEWS that the element offers
 *   page     1-based page of the current view
 *   order    a statistics table's column order: "count" (ascending) or
 *            "-count" (descending); null for the order the engine gave
 *   doc      the open document's id, or null
 *   at       the UTF-16 offset of the match the reading view is on, or null
 * and the options of each view (defaults in DEFAULTS):
 *   concordance  sort: "doc", "left", "right", or up to two token keys
 *                ("R1", "L1:pos", "match"…) joined by commas; sample: lines
 *                of a random sample (0: every line); seed: the sample's
 *   frequencies  by: "word", "pos", "match", "L1", "R1" or a field
 *   collocates   window: [left, right]; measure; cmin (least co-occurrences);
 *                cpos (a tag pattern)
 *   ngrams       n (2 to 6); nby: "word" or "pos"; nmin (least occurrences);
 *                containing (a word pattern)
 *   dispersion   dby: "doc" or a field with one value per document
 *   keywords     focus: `{ field, value }` (value null until one is chosen)
 *                or null; ref: "rest" or "all"
 *
 * In the URL each key is prefixed with the element's `url-prefix` (default
 * none): `?q=拉萨&f.region=拉萨市&view=concordance&sort=R1,R2&page=2&doc=3&at=412`,
 * `?q=党建&view=collocates&window=3,3&measure=mi&order=-observed`,
 * `?view=keywords&focus=region:拉萨市&ref=all`. Defaults are left out.
 * Parameters that are not the widget's own (the host page's, another
 * widget's) are kept as they are.
 */

import { dict } from "./own.js";

export const VIEWS = ["results", "concordance", "frequencies", "collocates", "ngrams", "dispersion", "keywords"];
/** The views that need the statistics (a statistics module). */
export const STATS_VIEWS = ["frequencies", "collocates", "ngrams", "dispersion", "keywords"];
export const MEASURES = ["logDice", "mi", "mi3", "tScore", "logLikelihood", "logRatio", "observed"];
/** Concordance sort keys: by characters (the search-only module has these) and by tokens. */
export const CHARACTER_SORTS = ["doc", "left", "right"];
export const TOKEN_SORTS = ["L1", "L2", "L3", "L4", "L5", "R1", "R2", "R3", "R4", "R5", "match"].flatMap((k) => [k, `${k}:pos`]);

/** Each view option's default. */
export const DEFAULTS = {
  sort: "doc", sample: 0, seed: 0,
  by: "word",
  window: [5, 5], measure: "logDice", cmin: 2, cpos: "",
  n: 2, nby: "word", nmin: 2, containing: "",
  dby: "doc",
  focus: null, ref: "rest",
};

/** The URL parameters that are the widget's own (besides `f.<field>`). */
const OWN = ["q", "view", "page", "order", "doc", "at", ...Object.keys(DEFAULTS)];

/** What the element offers: `{ views, defaultView }`. */
const ALL = { views: VIEWS, defaultView: "results" };

export function defaultState(config = ALL) {
  return { q: "", filters: dict(), view: config.defaultView, page: 1, order: null, ...structuredClone(DEFAULTS), doc: null, at: null };
}

const nat = (v, min) => (v !== "" && v !== null && v !== undefined && Number.isSafeInteger(Number(v)) && Number(v) >= min ? Number(v) : null);
const within = (v, min, max, fallback) => {
  const n = nat(v, min);
  return n !== null && n <= max ? n : fallback;
};
const text = (v, fallback) => (typeof v === "string" || typeof v === "number" ? String(v).trim() : fallback);

/** A sort: one character sort, or up to two distinct token keys; anything else is "doc". */
function normalizeSort(v) {
  const keys = [...new Set(String(v ?? "").split(",").map((k) => k.trim()).filter(Boolean))];
  if (keys.length === 1 && CHARACTER_SORTS.includes(keys[0])) return keys[0];
  if (keys.length >= 1 && keys.length <= 2 && keys.every((k) => TOKEN_SORTS.includes(k))) return keys.join(",");
  return "doc";
}

/** A window: "3,3" or [3, 3], each side 0 to 20. */
function normalizeWindow(v) {
  const parts = Array.isArray(v) ? v : String(v ?? "").split(",");
  if (parts.length !== 2) return [...DEFAULTS.window];
  const [l, r] = parts.map((p) => within(p, 0, 20, null));
  return l === null || r === null ? [...DEFAULTS.window] : [l, r];
}

/** A focus: `{ field, value }` or "field:value" ("field" alone: no value chosen yet). */
function normalizeFocus(v) {
  if (v == null || v === "") return null;
  if (typeof v === "object") {
    const field = text(v.field, "");
    return field ? { field, value: v.value == null || v.value === "" ? null : String(v.value) } : null;
  }
  const s = String(v);
  const i = s.indexOf(":");
  const field = (i < 0 ? s : s.slice(0, i)).trim();
  const value = i < 0 ? null : s.slice(i + 1);
  return field ? { field, value: value === "" ? null : value } : null;
}

/** A state with every field valid; unknown or malformed parts fall back to defaults. */
export function normalize(s, config = ALL) {
  const filters = dict();
  for (const [field, values] of Object.entries(s.filters ?? {})) {
    const list = [...new Set((Array.isArray(values) ? values : [values]).map(String))];
    if (list.length) filters[field] = list;
  }
  const d = DEFAULTS;
  const order = typeof s.order === "string" && /^-?[A-Za-z][A-Za-z0-9]*$/.test(s.order) ? s.order : null;
  const sample = within(s.sample, 0, 1000000, 0);
  return {
    q: String(s.q ?? "").trim(),
    filters,
    view: config.views.includes(s.view) ? s.view : config.defaultView,
    page: nat(s.page, 1) ?? 1,
    order,
    sort: normalizeSort(s.sort),
    sample,
    seed: sample ? nat(s.seed, 0) ?? 0 : 0,
    by: text(s.by, "") || d.by,
    window: normalizeWindow(s.window),
    measure: MEASURES.includes(s.measure) ? s.measure : d.measure,
    cmin: within(s.cmin, 1, 1e9, d.cmin),
    cpos: text(s.cpos, d.cpos),
    n: within(s.n, 2, 6, d.n),
    nby: s.nby === "pos" ? "pos" : d.nby,
    nmin: within(s.nmin, 1, 1e9, d.nmin),
    containing: text(s.containing, d.containing),
    dby: text(s.dby, "") || d.dby,
    focus: normalizeFocus(s.focus),
    ref: s.ref === "all" ? "all" : d.ref,
    doc: nat(s.doc, 0),
    at: nat(s.doc, 0) === null ? null : nat(s.at, 0),
  };
}

export const filterCount = (filters) => Object.values(filters).reduce((n, v) => n + v.length, 0);

/** Reads the widget's state from `search` (a query string). */
export function readUrl(prefix, config = ALL, search = location.search) {
  const params = new URLSearchParams(search);
  const filters = dict();
  for (const [key, value] of params) {
    if (key.startsWith(`${prefix}f.`)) (filters[key.slice(prefix.length + 2)] ??= []).push(value);
  }
  const raw = { filters };
  for (const key of OWN) raw[key] = params.get(prefix + key);
  return normalize(raw, config);
}

/** How an option is written in the URL. */
function serialize(key, value) {
  if (key === "window") return value.join(",");
  if (key === "focus") return value.value === null ? value.field : `${value.field}:${value.value}`;
  return String(value);
}

/** The URL for `state`, keeping every parameter that is not the widget's. */
export function urlFor(state, prefix, config = ALL, href = location.href) {
  const url = new URL(href);
  const params = url.searchParams;
  for (const key of [...params.keys()]) {
    const own = key.startsWith(prefix) && (OWN.includes(key.slice(prefix.length)) || key.startsWith(`${prefix}f.`));
    if (own) params.delete(key);
  }
  if (state.q) params.set(`${prefix}q`, state.q);
  for (const [field, values] of Object.entries(state.filters)) for (const v of values) params.append(`${prefix}f.${field}`, v);
  if (state.view !== config.defaultView) params.set(`${prefix}view`, state.view);
  for (const [key, def] of Object.entries(DEFAULTS)) {
    if (JSON.stringify(state[key]) !== JSON.stringify(def)) params.set(prefix + key, serialize(key, state[key]));
  }
  if (state.order) params.set(`${prefix}order`, state.order);
  if (state.page > 1) params.set(`${prefix}page`, state.page);
  if (state.doc !== null) params.set(`${prefix}doc`, state.doc);
  if (state.doc !== null && state.at !== null) params.set(`${prefix}at`, state.at);
  return url.href;
}

/**
 * Writes `state` to the address bar: `mode` is "push" (a new history entry,
 * for committed actions) or "replace" (typing). Nothing happens when the URL
 * would not change.
 */
export function writeUrl(state, prefix, config, mode) {
  const href = urlFor(state, prefix, config);
  if (href === location.href) return false;
  if (mode === "push") history.pushState(null, "", href);
  else history.replaceState(history.state, "", href);
  return true;
}

/**
 * The widget's state as a value, and its place in the URL.
 *
 * State: `{ q, filters, view, page, sort, doc, at }`:
 *   q        the query (trimmed)
 *   filters  `{ field: [values] }`, values as strings
 *   view     "results" or "concordance"
 *   page     1-based page of the current view
 *   sort     concordance order: "doc", "left" or "right"
 *   doc      the open document's id, or null
 *   at       the UTF-16 offset of the match the reading view is on, or null
 *
 * In the URL each key is prefixed with the element's `url-prefix` (default
 * none): `?q=拉萨&f.region=拉萨市&view=concordance&sort=left&page=2&doc=3&at=412`.
 * Defaults are left out. Parameters that are not the widget's own (the host
 * page's, another widget's) are kept as they are.
 */

export const VIEWS = ["results", "concordance"];
export const SORTS = ["doc", "left", "right"];

export function defaultState(view = "results") {
  return { q: "", filters: {}, view, page: 1, sort: "doc", doc: null, at: null };
}

/** A state with every field valid; unknown or malformed parts fall back to defaults. */
export function normalize(s, defaultView = "results") {
  const filters = {};
  for (const [field, values] of Object.entries(s.filters ?? {})) {
    const list = [...new Set((Array.isArray(values) ? values : [values]).map(String))];
    if (list.length) filters[field] = list;
  }
  const nat = (v, min) => (Number.isSafeInteger(Number(v)) && Number(v) >= min && v !== "" && v !== null ? Number(v) : null);
  return {
    q: String(s.q ?? "").trim(),
    filters,
    view: VIEWS.includes(s.view) ? s.view : defaultView,
    page: nat(s.page, 1) ?? 1,
    sort: SORTS.includes(s.sort) ? s.sort : "doc",
    doc: nat(s.doc, 0),
    at: nat(s.doc, 0) === null ? null : nat(s.at, 0),
  };
}

export const filterCount = (filters) => Object.values(filters).reduce((n, v) => n + v.length, 0);

/** Reads the widget's state from `search` (a query string). */
export function readUrl(prefix, defaultView, search = location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const [key, value] of params) {
    if (key.startsWith(`${prefix}f.`)) (filters[key.slice(prefix.length + 2)] ??= []).push(value);
  }
  const get = (k) => params.get(prefix + k);
  return normalize({ q: get("q"), filters, view: get("view"), page: get("page"), sort: get("sort"), doc: get("doc"), at: get("at") }, defaultView);
}

/** The URL for `state`, keeping every parameter that is not the widget's. */
export function urlFor(state, prefix, defaultView, href = location.href) {
  const url = new URL(href);
  const params = url.searchParams;
  for (const key of [...params.keys()]) {
    const own = key.startsWith(prefix) && (["q", "view", "page", "sort", "doc", "at"].includes(key.slice(prefix.length)) || key.startsWith(`${prefix}f.`));
    if (own) params.delete(key);
  }
  if (state.q) params.set(`${prefix}q`, state.q);
  for (const [field, values] of Object.entries(state.filters)) for (const v of values) params.append(`${prefix}f.${field}`, v);
  if (state.view !== defaultView) params.set(`${prefix}view`, state.view);
  if (state.sort !== "doc") params.set(`${prefix}sort`, state.sort);
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
export function writeUrl(state, prefix, defaultView, mode) {
  const href = urlFor(state, prefix, defaultView);
  if (href === location.href) return false;
  if (mode === "push") history.pushState(null, "", href);
  else history.replaceState(history.state, "", href);
  return true;
}

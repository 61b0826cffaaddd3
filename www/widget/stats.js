/**
 * What the statistics views ask the engine for: from a state (state.js),
 * the method and arguments of each view's request, for its table (up to
 * FETCH rows, sorted and paged in the widget) or, with `format: "csv"`,
 * for the download of every row; and the concordance's options. Pure
 * functions, no DOM: the instance (instance.js) runs the requests, the
 * element (element.js) the downloads.
 */
import { filterCount, CHARACTER_SORTS } from "./state.js";
import { copyFilters } from "./own.js";

/** Rows fetched for a statistics table: sorted and paged in the widget; the CSV has them all. */
export const FETCH = 1000;

/** Concordance lines of context, in characters. */
export const CONTEXT = 20;

/** The frequency units that count what a query matched, and so need one. */
export const NEEDS_QUERY = ["match", "L1", "R1"];

/**
 * Whether a query has something to search for: a query of nothing but
 * quotation marks and spaces (a phrase being typed: `"`) is treated as no
 * query, rather than shown as the engine's "query is empty" error.
 */
export const searchable = (q) => q.replace(/["＂\s\u3000]/g, "") !== "";

/** The query of a state, or "" when it has nothing to search for. */
export const queryOf = (s) => (searchable(s.q) ? s.q : "");

/** Whether a statistics view uses the search box's query (n-grams and keywords do not). */
export const usesQuery = (view) => view === "frequencies" || view === "collocates" || view === "dispersion";

/** The concordance's `sort` option: a character sort as it is, token keys as a list. */
export const sortOption = (sort) => (CHARACTER_SORTS.includes(sort) ? sort : sort.split(","));

/** The concordance's options (without limit and offset) for state `s`. */
export function concordanceOptions(s) {
  const o = { context: CONTEXT, sort: sortOption(s.sort), filters: s.filters };
  if (s.sample) o.sample = { size: s.sample, seed: s.seed };
  return o;
}

/**
 * The focus of the keywords view: the current filters, with the chosen
 * field's value in place of that field's filter; null when that selects
 * nothing in particular (no value chosen and no filters).
 */
export function keywordFocus(s) {
  const focus = copyFilters(s.filters);
  if (s.focus?.value != null) focus[s.focus.field] = [s.focus.value];
  return filterCount(focus) ? focus : null;
}

/**
 * The request of statistics view `s.view`: `{ method, args }` (options
 * last, without a search id), or `{ needs: "query" | "focus" }` when the
 * state does not say enough yet. `csv`: the request for every row as CSV.
 */
export function statsRequest(s, { csv = false } = {}) {
  const q = queryOf(s);
  const page = csv ? { format: "csv" } : { limit: FETCH };
  const filters = s.filters;
  switch (s.view) {
    case "frequencies":
      if (!q && NEEDS_QUERY.includes(s.by)) return { needs: "query" };
      return { method: "frequencies", args: [q || null, { by: s.by, filters, ...page }] };
    case "collocates": {
      if (!q) return { needs: "query" };
      const o = { window: s.window, filters, minFreq: s.cmin, measure: s.measure, ...page };
      if (s.cpos) o.pos = s.cpos;
      return { method: "collocates", args: [q, o] };
    }
    case "ngrams": {
      const o = { n: s.n, by: s.nby, minFreq: s.nmin, filters, ...page };
      if (s.containing) o.containing = s.containing;
      return { method: "ngrams", args: [o] };
    }
    case "dispersion":
      if (!q) return { needs: "query" };
      return { method: "dispersion", args: [q, csv ? { by: s.dby, filters, format: "csv" } : { by: s.dby, filters, positions: true }] };
    case "keywords": {
      const focus = keywordFocus(s);
      if (!focus) return { needs: "focus" };
      return { method: "keywords", args: [{ focus, reference: s.ref, ...page }] };
    }
    case "concordance":
      if (!q) return { needs: "query" };
      // Every match (no sample), in the order shown.
      return { method: "concordance", args: [q, { ...concordanceOptions({ ...s, sample: 0 }), format: "csv" }] };
    default:
      return { needs: "query" };
  }
}

/** How many rows a statistics answer has in all (the table holds up to FETCH of them). */
export function rowCount(view, value) {
  if (view === "frequencies" || view === "ngrams") return value.types;
  if (view === "dispersion") return value.parts.length;
  return value.total;
}

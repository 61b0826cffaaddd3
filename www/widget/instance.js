/**
 * The search instance: one per element. Holds the current state, asks the
 * engine for what the state needs, and keeps the last answers:
 *
 *   listing  the results, browse or concordance page with its facet counts
 *            (or the empty state, or an error) and, when nothing was found,
 *            suggestions (drop the filters, drop a word)
 *   doc      the open document with its matches (or null, or an error)
 *
 * Every run takes a new search id (`++#searchId`); when its answers arrive
 * and a newer run has started meanwhile, they are dropped, so an old query
 * never overwrites a newer one. A "change" event says that `listing` or `doc`
 * changed. Answers whose inputs did not change are reused (opening a document
 * does not query the list again).
 */
import { normalize, defaultState, filterCount } from "./state.js";

export class SearchInstance extends EventTarget {
  #engine;
  #searchId = 0;
  info = null;
  state;
  listing = null;
  doc = null;

  constructor(engine, { perPage = 10, linesPerPage = 50, context = 20, facetLimit = 100, defaultView = "results" } = {}) {
    super();
    this.#engine = engine;
    this.options = { perPage, linesPerPage, context, facetLimit, defaultView };
    this.state = defaultState(defaultView);
  }

  /** Loads the engine (the wasm, once) and the corpus description. */
  async load() {
    this.info = await this.#engine.info(++this.#searchId);
    return this.info;
  }

  /**
   * Applies `patch` to the state (synchronously: `state` is the new one on
   * return) and queries the engine. Resolves to false when the run was
   * superseded by a newer one.
   */
  update(patch) {
    this.state = normalize({ ...this.state, ...patch }, this.options.defaultView);
    return this.#run();
  }

  async #run() {
    const id = ++this.#searchId;
    const s = this.state;
    const listingKey = JSON.stringify([s.view, s.q, sorted(s.filters), s.page, s.view === "concordance" ? s.sort : ""]);
    const docKey = JSON.stringify([s.doc, s.q]);
    const [listing, doc] = await Promise.all([
      listingKey === this.listing?.key ? this.listing : this.#listing(s, id).then((l) => ({ key: listingKey, ...l })),
      docKey === this.doc?.key ? this.doc : this.#doc(s, id).then((d) => ({ key: docKey, ...d })),
    ]);
    if (id !== this.#searchId) return false;
    this.listing = listing;
    this.doc = doc;
    this.dispatchEvent(new Event("change"));
    return true;
  }

  async #listing(s, id) {
    const e = this.#engine;
    const { perPage, linesPerPage, context, facetLimit } = this.options;
    const filters = s.filters;
    try {
      if (s.view === "concordance") {
        if (!searchable(s.q)) return { kind: "empty" };
        const offset = (s.page - 1) * linesPerPage;
        const [kwic, facets] = await Promise.all([
          e.concordance(s.q, { context, limit: linesPerPage, offset, sort: s.sort, filters }, id),
          // Document counts for the facets; a query that search() refuses
          // (a lone quote) still has a concordance, with the corpus's counts.
          e.search(s.q, { limit: 0, filters, facetLimit }, id).then((r) => r.facets, () => null),
        ]);
        const suggestions = kwic.total ? [] : await this.#suggest(s, id);
        return { kind: "concordance", total: kwic.total, items: kwic.lines, facets, perPage: linesPerPage, suggestions };
      }
      const offset = (s.page - 1) * perPage;
      if (!searchable(s.q)) {
        if (!filterCount(filters)) return { kind: "empty" };
        const r = await e.filter(filters, { limit: perPage, offset, facetLimit }, id);
        return { kind: "browse", total: r.total, items: r.docs, facets: r.facets, perPage, suggestions: [] };
      }
      const r = await e.search(s.q, { limit: perPage, offset, filters, facetLimit }, id);
      const suggestions = r.total ? [] : await this.#suggest(s, id);
      return { kind: "search", total: r.total, items: r.hits, facets: r.facets, perPage, suggestions };
    } catch (error) {
      return { kind: "error", error };
    }
  }

  /**
   * When nothing was found: the same query without the filters, and (for a
   * query of several words) the query without each word, with how many each
   * would find; only those that find something.
   */
  async #suggest(s, id) {
    const kwic = s.view === "concordance";
    const count = async (q, filters) => {
      try {
        if (kwic) return (await this.#engine.concordance(q, { limit: 0, filters }, id)).total;
        return (await this.#engine.search(q, { limit: 0, filters }, id)).total;
      } catch (e) {
        if (e.name === "AbortError") throw e;
        return 0;
      }
    };
    const out = [];
    if (filterCount(s.filters)) out.push({ type: "filters", patch: { filters: {} }, count: await count(s.q, {}) });
    const terms = splitTerms(s.q);
    if (terms.length > 1 && !terms.includes("OR")) {
      for (let i = 0; i < terms.length && out.length < 6; i++) {
        // In the concordance a query is one phrase: suggest each word alone.
        const q = kwic ? terms[i].replace(/^[-－]/, "") : terms.filter((_, j) => j !== i).join(" ");
        if (!q || out.some((o) => o.patch.q === q)) continue;
        out.push({ type: kwic ? "only" : "drop", term: terms[i], patch: { q }, count: await count(q, s.filters) });
      }
    }
    return out.filter((o) => o.count > 0);
  }

  async #doc(s, id) {
    if (s.doc === null) return { value: null };
    try {
      if (!searchable(s.q)) return { value: await this.#engine.doc(s.doc, {}, id) };
      try {
        return { value: await this.#engine.doc(s.doc, { query: s.q }, id) };
      } catch (e) {
        // A query the engine refuses still lets the document be read.
        if (e.name !== "YuliaoError" || e.kind === "notFound") throw e;
        return { value: await this.#engine.doc(s.doc, {}, id) };
      }
    } catch (error) {
      return { error };
    }
  }
}

/**
 * Whether a query has something to search for: a query of nothing but
 * quotation marks and spaces (a phrase being typed: `"`) is treated as no
 * query, rather than shown as the engine's "query is empty" error.
 */
export const searchable = (q) => q.replace(/["＂\s\u3000]/g, "") !== "";

/** Filters with fields and values in a fixed order, for comparing states. */
function sorted(filters) {
  return Object.keys(filters).sort().map((k) => [k, [...filters[k]].sort()]);
}

/**
 * The words of a query as the engine splits them: runs without spaces
 * (ASCII or ideographic), a quoted phrase counting as one.
 */
export function splitTerms(q) {
  return q.match(/"[^"]*"?|＂[^＂]*＂?|[^\s\u3000]+/g) ?? [];
}

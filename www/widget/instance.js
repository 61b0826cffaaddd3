/**
 * The search instance: one per element. Holds the current state, asks the
 * engine for what the state needs, and keeps the last answers:
 *
 *   listing  the results, browse or concordance page with its facet counts
 *            (or the empty state, or an error) and, when nothing was found,
 *            suggestions (drop the filters, drop a word); in a statistics
 *            view, the engine's answer to the view's request (stats.js),
 *            whose rows the element sorts and pages itself. The facet
 *            counts are of the documents the listing covers: the hits, the
 *            documents with a concordance line (the concordance's own
 *            facets, not search's), those a statistics view counts in.
 *            `facetLimit` is how many values a field the engine listed
 *            (`setFacetLimit`); `base` names the listing without it, so
 *            the element can tell an answer that only has more facet
 *            values.
 *   doc      the open document with its matches (or null, or an error)
 *
 * A concordance listing also has `refs`: for each document with a line on
 * the page, its title and the fields of `options.reference` (the lines'
 * references, see config.js), read with `doc()` once per document and
 * kept (without the text) for later pages; none when no reference is shown.
 *
 * Filters go to the engine through `engineFilters` (facet-values.js): a
 * period of a date field (`f.date=2024`) as the field's values within it.
 *
 * Every run takes a new search id (`++#searchId`); when its answers arrive
 * and a newer run has started meanwhile, they are dropped, so an old query
 * never overwrites a newer one. A "change" event says that `listing` or `doc`
 * changed. Answers whose inputs did not change are reused (opening a document
 * does not query the list again).
 */
import { normalize, defaultState, filterCount, STATS_VIEWS } from "./state.js";
import { statsRequest, concordanceOptions, queryOf, usesQuery, searchable, rowCount, CONTEXT } from "./stats.js";
import { looksLikeCql } from "./cql.js";
import { facetKinds, engineFilters } from "./facet-values.js";

export { searchable };

export class SearchInstance extends EventTarget {
  #engine;
  #searchId = 0;
  info = null;
  /** The kind of each facet field (facet-values.js), once loaded. */
  kinds = new Map();
  state;
  listing = null;
  doc = null;
  /** Documents' references (id → { title, fields… }), kept from page to page: see #references. */
  #refs = new Map();

  /** `config`: the views the element offers and the first one (`{ views, defaultView }`, see state.js). */
  constructor(engine, { perPage = 10, linesPerPage = 50, context = CONTEXT, facetLimit = 100, config } = {}) {
    super();
    this.#engine = engine;
    this.options = { perPage, linesPerPage, context, facetLimit, config, reference: [] };
    this.state = defaultState(config);
  }

  /** Loads the engine (the wasm, once) and the corpus description. */
  async load() {
    this.info = await this.#engine.info(++this.#searchId);
    this.kinds = facetKinds(this.info);
    return this.info;
  }

  /**
   * Lists up to `n` values a facet field from now on (the engine's
   * facetLimit); asks for the current listing again when that changes it.
   */
  setFacetLimit(n) {
    if (n === this.options.facetLimit) return Promise.resolve(true);
    this.options.facetLimit = n;
    return this.#run();
  }

  /** State `s` with its filters as the engine takes them. */
  #forEngine(s) {
    return this.info ? { ...s, filters: engineFilters(s.filters, this.info, this.kinds) } : s;
  }

  /** The statistics request of state `s` (stats.js), with the filters as the engine takes them. */
  request(s, options) {
    return statsRequest(this.#forEngine(s), options);
  }

  /**
   * Applies `patch` to the state (synchronously: `state` is the new one on
   * return) and queries the engine. Resolves to false when the run was
   * superseded by a newer one.
   */
  update(patch) {
    this.state = normalize({ ...this.state, ...patch }, this.options.config);
    return this.#run();
  }

  async #run() {
    const id = ++this.#searchId;
    const s = this.state;
    // A statistics view's rows are sorted and paged by the element: its page and order ask nothing new.
    const base = STATS_VIEWS.includes(s.view)
      ? JSON.stringify([s.view, sorted(s.filters), statsRequest(s)])
      : JSON.stringify([s.view, s.q, sorted(s.filters), s.page, s.view === "concordance" ? [s.sort, s.sample, s.seed] : ""]);
    const facetLimit = this.options.facetLimit;
    const listingKey = `${base}\u0000${facetLimit}`;
    const docKey = JSON.stringify([s.doc, s.q]);
    const [listing, doc] = await Promise.all([
      listingKey === this.listing?.key ? this.listing : this.#listing(this.#forEngine(s), id).then((l) => ({ key: listingKey, base, facetLimit, ...l })),
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
    if (STATS_VIEWS.includes(s.view)) return this.#stats(s, id);
    try {
      if (s.view === "concordance") {
        if (!searchable(s.q)) return { kind: "empty" };
        const offset = (s.page - 1) * linesPerPage;
        // The facets count the documents with a line (of the query read as
        // one phrase, as the concordance reads it), not search's hits.
        const kwic = await e.concordance(s.q, { ...concordanceOptions(s), context, limit: linesPerPage, offset, facets: true, facetLimit }, id);
        const [suggestions, refs] = await Promise.all([kwic.total ? [] : this.#suggest(s, id), this.#references(kwic.lines, id)]);
        return { kind: "concordance", total: kwic.total, sampled: kwic.sampled ?? null, items: kwic.lines, refs, facets: kwic.facets ?? null, perPage: linesPerPage, suggestions };
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
   * A statistics view: the engine's answer to the view's request (or what
   * the view still needs: a query, a focus), with the facet counts of the
   * documents it covers (those with a match of the query, when the view
   * uses one).
   */
  async #stats(s, id) {
    const e = this.#engine;
    const { facetLimit } = this.options;
    const q = usesQuery(s.view) ? queryOf(s) : "";
    const facets = (q ? e.search(q, { limit: 0, filters: s.filters, facetLimit }, id) : e.filter(s.filters, { limit: 0, facetLimit }, id)).then(
      (r) => r.facets,
      () => null,
    );
    const request = statsRequest(s);
    try {
      if (request.needs) return { kind: "stats", view: s.view, needs: request.needs, facets: await facets };
      const [value, counts] = await Promise.all([e[request.method](...request.args, id), facets]);
      return { kind: "stats", view: s.view, value, total: rowCount(s.view, value), facets: counts };
    } catch (error) {
      return { kind: "error", view: s.view, error, facets: await facets };
    }
  }

  /**
   * The references of the documents of `lines` (a Map: id → `{ title, …
   * the reference fields }`), from the kept ones or `doc()`; a document
   * that cannot be read has none. Empty when no reference is shown.
   */
  async #references(lines, id) {
    const fields = this.options.reference;
    const refs = new Map();
    if (!fields.length) return refs;
    const missing = [...new Set(lines.map((l) => l.id))].filter((d) => !this.#refs.has(d));
    if (this.#refs.size + missing.length > 5000) this.#refs.clear();
    await Promise.all(missing.map(async (d) => {
      try {
        const doc = await this.#engine.doc(d, {}, id);
        const ref = Object.create(null);
        ref.title = doc.title;
        for (const f of fields) if (f !== "title" && Object.hasOwn(doc, f)) ref[f] = doc[f];
        this.#refs.set(d, ref);
      } catch (e) {
        if (e.name === "AbortError") throw e;
      }
    }));
    for (const l of lines) if (this.#refs.has(l.id)) refs.set(l.id, this.#refs.get(l.id));
    return refs;
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
    if (looksLikeCql(s.q)) return out; // a pattern has no words to drop
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

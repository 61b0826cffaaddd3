/**
 * The facets view: for each facet field, checkboxes for its values with the
 * number of documents each would give. Counts come from the engine with each
 * answer (disjunctive: a field's counts ignore that field's own filter).
 * Values that would find nothing are hidden unless ticked; a ticked value
 * is always listed.
 *
 * How a field is listed depends on its kind (facet-values.js): its values
 * by corpus count or in their natural order (numbers, dates), the first few,
 * then every one behind a "show all" button; a field with many values also
 * has a box that searches its values; a field of dates or months is a tree
 * of years, months (and days), each with a checkbox (a year or a month
 * ticked filters on the whole period) and a button to open it.
 *
 * The engine lists at most `facetLimit` values a field, the most frequent
 * first. `limit()` is what the view needs: the engine's default of 100, or
 * every value of each field listed in full (in natural order or as a tree,
 * or once shown all or searched: from then on, so that its button keeps
 * saying how many values there are), so that every value can be reached
 * and every count shown is the engine's.
 *
 * Each field's fieldset and search box stay in place from answer to answer
 * (only the lists are drawn again), so typing in a search box, with an input
 * method too, is never interrupted. Events are the element's (delegated from
 * its shadow root): checkboxes carry `data-field`, buttons a `data-action`
 * ("expand", "facet-branch"), search boxes `data-facet-search`.
 */
import { h, num } from "./dom.js";
import { own, dict } from "./own.js";
import { isTree, periodsOf, periodLabel, naturalCompare } from "./facet-values.js";

/** Values listed before "show all". */
const SHORT = 8;
/** A field with more values than this in the corpus has a search box. */
const MANY = 20;
/** Values listed at most (shown all, or found): the search box reaches the others. */
const SHOW_MAX = 1000;
/** The engine's default facetLimit, and its largest. */
export const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100000;

export class FacetsView {
  #container;
  #labels;
  #info = null;
  #kinds = new Map();
  #fields = [];
  #sizes = new Map(); // field → its number of values in the corpus
  #types = new Map(); // field → its type in the schema
  #parts = new Map(); // field → { box, list, foot, search, id }
  #ui = new Map(); // field → { open, query, full, opened: Set, closed: Set }
  #answer = { facets: null, filters: dict(), limit: DEFAULT_LIMIT };

  /** `container`: the element that holds the fieldsets; `labels`: the names of fields and values (labels.js). */
  constructor(container, labels) {
    this.#container = container;
    this.#labels = labels;
  }

  /** The fields to show (facet fields of `info`, in order) and their kinds (facetKinds); draws nothing yet. */
  setup(fields, info, kinds) {
    this.#info = info;
    this.#kinds = kinds;
    this.#fields = fields.filter((f) => kinds.has(f));
    this.#sizes = new Map(info.schema.map((f) => [f.name, f.values]));
    this.#types = new Map(info.schema.map((f) => [f.name, f.type]));
    this.#parts.clear();
    this.#ui.clear();
    const boxes = this.#fields.map((field, i) => {
      const id = `facet-${i}`;
      const kind = kinds.get(field);
      const search = !isTree(kind) && this.#sizes.get(field) > MANY
        ? h("input", {
            type: "text", role: "searchbox", enterkeyhint: "search", class: "facet-search", "data-facet-search": field, "aria-label": `在“${this.#labels.field(field)}”中查找`,
            placeholder: "查找…", autocomplete: "off", spellcheck: "false", "aria-controls": `${id}-values`, "aria-describedby": `${id}-status`,
            "data-focus-key": `facet-search\u0000${field}`,
          })
        : null;
      const list = h("ul", { id: `${id}-values`, class: isTree(kind) ? "tree" : null });
      const foot = h("div", { class: "facet-foot", id: `${id}-status` });
      const box = h("fieldset", { class: "facet", part: "facet", "data-field": field, "data-kind": kind, hidden: true },
        h("legend", {}, this.#labels.field(field)), search, list, foot);
      this.#parts.set(field, { box, list, foot, search, id });
      this.#ui.set(field, { open: false, query: "", full: kind !== "count", opened: new Set(), closed: new Set() });
      return box;
    });
    this.#container.replaceChildren(...boxes);
  }

  /** The facetLimit the view needs (see above). */
  limit() {
    let n = DEFAULT_LIMIT;
    for (const field of this.#fields) {
      const ui = this.#ui.get(field);
      if (ui.full) n = Math.max(n, this.#sizes.get(field) ?? 0);
    }
    return Math.min(n, MAX_LIMIT);
  }

  /**
   * Draws every field for an answer: `facets` (the engine's, or null for
   * the corpus's own counts), `filters` (the state's), `limit` (the
   * facetLimit the answer was asked with). Returns whether any field is shown.
   */
  render({ facets, filters, limit }) {
    this.#answer = { facets, filters, limit };
    let any = false;
    for (const field of this.#fields) any = this.#draw(field) || any;
    return any;
  }

  /** "Show all" (again: fewer) of `field`. */
  toggleOpen(field) {
    const ui = this.#ui.get(field);
    if (!ui) return;
    ui.open = !ui.open;
    ui.full = true;
    this.#draw(field);
  }

  /** Opens or closes the year or month `value` of a tree. */
  toggleBranch(field, value) {
    const ui = this.#ui.get(field);
    if (!ui) return;
    const open = this.#parts.get(field).list.querySelector(`[data-action="facet-branch"][data-value="${CSS.escape(value)}"]`)?.getAttribute("aria-expanded") === "true";
    (open ? ui.opened : ui.closed).delete(value);
    (open ? ui.closed : ui.opened).add(value);
    this.#draw(field);
  }

  /** Lists the values of `field` that contain `query` (all of them for ""); returns what was found, to announce. */
  search(field, query) {
    const ui = this.#ui.get(field);
    if (!ui || ui.query === query) return null;
    ui.query = query;
    ui.full ||= query.trim() !== "";
    this.#draw(field);
    return query.trim() ? this.#parts.get(field).foot.textContent : null;
  }

  /** How a value of `field` is named (a facet, a chip): a date as a date (2024年3月), else its label. */
  label(field, value) {
    const kind = this.#kinds.get(field);
    const dates = isTree(kind) || (kind === "natural" && this.#types.get(field) !== "number");
    return dates ? periodLabel(value) : this.#labels.value(field, value);
  }

  // ---- drawing ----------------------------------------------------------------

  /** Draws `field` from the last answer; returns whether it is shown. */
  #draw(field) {
    const { facets, filters, limit } = this.#answer;
    const kind = this.#kinds.get(field);
    const listed = own(facets, field) ?? (facets ? [] : own(this.#info.fields, field) ?? []);
    const counts = new Map(listed.filter((c) => c.value !== null).map((c) => [String(c.value), c.count]));
    // Whether the engine listed every value with documents (it lists at most `limit`).
    const complete = !facets || listed.filter((c) => c.count > 0).length < limit || limit >= (this.#sizes.get(field) ?? 0);
    const selected = new Set((own(filters, field) ?? []).map(String));
    const shown = isTree(kind) ? this.#drawTree(field, kind, counts, selected) : this.#drawList(field, kind, counts, selected, complete);
    this.#parts.get(field).box.hidden = !shown;
    return shown;
  }

  #drawList(field, kind, counts, selected, complete) {
    const { list, foot } = this.#parts.get(field);
    const ui = this.#ui.get(field);
    const order = (own(this.#info.fields, field) ?? []).filter((c) => c.value !== null).map((c) => String(c.value));
    if (kind === "natural") order.sort(naturalCompare);
    const known = new Set(order);
    for (const v of selected) if (!known.has(v)) order.push(v); // a value from the URL the corpus does not have
    const visible = order.filter((v) => (counts.get(v) ?? 0) > 0 || selected.has(v));
    const query = ui.query.trim().toLowerCase();
    let rows;
    const notes = [];
    if (query) {
      const matches = (v) => v.toLowerCase().includes(query) || this.#labels.value(field, v).toLowerCase().includes(query);
      const found = visible.filter(matches);
      rows = visible.filter((v) => selected.has(v) || (matches(v) && found.indexOf(v) < SHOW_MAX));
      notes.push(h("p", { class: "facet-hint" }, found.length
        ? `${num(found.length)} 项符合${found.length > SHOW_MAX ? `，列出前 ${num(SHOW_MAX)} 项` : ""}`
        : "没有符合的取值"));
    } else {
      const n = ui.open ? SHOW_MAX : SHORT;
      rows = visible.filter((v, i) => i < n || selected.has(v));
      if (visible.length > SHORT) {
        notes.push(h("button", { type: "button", class: "link", "data-action": "expand", "data-field": field, "aria-expanded": String(ui.open), "aria-controls": list.id, "data-focus-key": `expand\u0000${field}` },
          ui.open ? "收起" : complete ? `显示全部 ${num(visible.length)} 项` : "显示全部"));
      }
      if (ui.open && visible.length > SHOW_MAX) {
        notes.push(h("p", { class: "facet-hint" }, `列出前 ${num(SHOW_MAX)} 项；其余 ${num(visible.length - SHOW_MAX)} 项请用上面的查找框。`));
      }
    }
    list.replaceChildren(...rows.map((v) => this.#row(field, v, counts.get(v) ?? 0, { checked: selected.has(v), label: this.label(field, v) })));
    foot.replaceChildren(...notes);
    return visible.length > 0 || !!query;
  }

  /**
   * A tree of periods: every value with documents (or ticked), under its
   * year (and month); a period's count is the sum of its values' (exact:
   * a tree field has one value per document).
   */
  #drawTree(field, kind, counts, selected) {
    const { list, foot, id } = this.#parts.get(field);
    const ui = this.#ui.get(field);
    const root = { children: new Map() };
    const node = (path) => {
      let n = root;
      for (const value of path) {
        if (!n.children.has(value)) n.children.set(value, { value, count: 0, children: new Map() });
        n = n.children.get(value);
      }
      return n;
    };
    for (const [value, count] of counts) {
      if (count <= 0) continue;
      const path = [...periodsOf(kind, value), value];
      for (let i = 1; i <= path.length; i++) node(path.slice(0, i)).count += count;
    }
    for (const value of selected) node([...periodsOf(kind, value), value]);
    const ticked = (n) => selected.has(n.value);
    const inside = (n) => [...n.children.values()].some((c) => ticked(c) || inside(c));
    const draw = (n, depth, implied, parentLabel) => {
      const label = depth === 0 ? `${n.value}年` : depth === 1 ? `${Number(n.value.slice(5, 7))}月` : `${Number(n.value.slice(8, 10))}日`;
      const below = inside(n);
      const branch = n.children.size > 0;
      const open = branch && (ui.opened.has(n.value) || (below && !ui.closed.has(n.value)));
      const sub = `${id}-${n.value}`;
      const box = this.#checkbox(field, n.value, { checked: implied || ticked(n), disabled: implied, mixed: !implied && !ticked(n) && below });
      const row = h("div", { class: "tree-row" },
        branch
          ? h("button", {
              type: "button", class: "branch", "data-action": "facet-branch", "data-field": field, "data-value": n.value,
              "aria-expanded": String(open), "aria-controls": sub, "aria-label": `${periodLabel(n.value)}的${depth === 0 ? "各月" : "各日"}`,
              "data-focus-key": `branch\u0000${field}\u0000${n.value}`,
            }, h("span", { "aria-hidden": "true" }, open ? "▾" : "▸"))
          : h("span", { class: "branch-space", "aria-hidden": "true" }),
        h("label", {}, box,
          h("span", { class: "facet-value" }, parentLabel ? h("span", { class: "sr-only" }, parentLabel) : null, label),
          h("span", { class: "facet-count" }, num(n.count))),
      );
      const kids = branch && open
        ? h("ul", { id: sub }, children(n).map((c) => draw(c, depth + 1, implied || ticked(n), periodLabel(n.value))))
        : null;
      return h("li", {}, row, kids);
    };
    const children = (n) => [...n.children.values()].filter((c) => c.count > 0 || ticked(c) || inside(c)).sort((a, b) => naturalCompare(a.value, b.value));
    const years = children(root);
    list.replaceChildren(...years.map((n) => draw(n, 0, false, "")));
    foot.replaceChildren();
    return years.length > 0;
  }

  #row(field, value, count, { checked, label }) {
    return h("li", {},
      h("label", {},
        this.#checkbox(field, value, { checked }),
        h("span", { class: "facet-value" }, label),
        h("span", { class: "facet-count" }, num(count)),
      ),
    );
  }

  #checkbox(field, value, { checked = false, disabled = false, mixed = false }) {
    const box = h("input", { type: "checkbox", "data-field": field, value, checked, disabled, "data-focus-key": `facet\u0000${field}\u0000${value}` });
    box.indeterminate = mixed;
    return box;
  }
}

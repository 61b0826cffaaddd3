/**
 * The results view: one page of search hits (or of browsed documents) as a
 * `role="listbox"` of options, each with the title, metadata badges and the
 * snippet with its matches marked. Corpus text goes in as text nodes only.
 */
import { h, fragments } from "./dom.js";
import { fieldLabel, valueLabel } from "./labels.js";
import { own } from "./own.js";

/** Badge order for the seed corpus's fields; other fields follow in schema order. */
const BADGE_ORDER = ["kind", "region", "place", "reporters", "source"];

export function badgeFields(schema) {
  const names = schema.map((f) => f.name);
  return [...BADGE_ORDER.filter((n) => names.includes(n)), ...names.filter((n) => !BADGE_ORDER.includes(n))];
}

/** The badges of a hit or document: one per field with a value (an own property of the item). */
export function badges(item, fields) {
  return fields
    .filter((f) => own(item, f) != null && !(Array.isArray(own(item, f)) && own(item, f).length === 0))
    .map((f) => {
      const v = own(item, f);
      const text = Array.isArray(v) ? v.map((x) => valueLabel(f, x)).join("、") : valueLabel(f, v);
      return h("span", { class: "badge", part: "badge", "data-field": f, title: fieldLabel(f) }, h("span", { class: "sr-only" }, `${fieldLabel(f)}：`), text);
    });
}

/** The listbox for `listing` (kind "search" or "browse"). */
export function renderResults(listing, { fields, label }) {
  const list = h("ol", { class: "results", id: "results-list", role: "listbox", "aria-label": label, part: "results" });
  listing.items.forEach((item, i) => {
    const id = `hit-${i}`;
    const described = [`${id}-m`, item.snippet ? `${id}-s` : null].filter(Boolean).join(" ");
    list.append(
      h("li", { class: "hit", role: "option", id, "aria-selected": "false", "data-id": item.id, "aria-labelledby": `${id}-t`, "aria-describedby": described, part: "result" },
        h("div", { class: "hit-title", id: `${id}-t`, part: "result-title" }, item.title),
        h("div", { class: "badges", id: `${id}-m` },
          badges(item, fields),
          item.verbatim === false ? h("span", { class: "badge badge-note", part: "badge", title: "检索式未原样出现，文中含有它的每一个词" }, "按词匹配") : null,
        ),
        item.snippet ? h("p", { class: "snippet", id: `${id}-s` }, fragments(item.snippet)) : null,
      ),
    );
  });
  return list;
}

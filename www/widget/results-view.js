/**
 * The results view: one page of search hits (or of browsed documents) as a
 * `role="listbox"` of options, each with the title, metadata badges (the
 * fields chosen for results, in their order: config.js) and the snippet
 * with its matches marked. Corpus text goes in as text nodes only.
 *
 * A link field's value (labels.js `isLink`) that is an http or https URL
 * is a badge named by the field's label (原文) that opens it in a new tab
 * without giving it this page (the element opens `data-href` with
 * `noopener,noreferrer`); any other value stays text. It is no `<a>`: a
 * result is a listbox option, whose content is presentational and may hold
 * no control. The link itself (an `<a>`, for the keyboard, screen readers
 * and "open in new tab") is in the reading view's metadata.
 */
import { h, fragments } from "./dom.js";
import { safeHref } from "./labels.js";
import { own } from "./own.js";

/** The values of field `f` of `item`, as a list (none when it has no value). */
export function valuesOf(item, f) {
  const v = own(item, f);
  if (v == null) return [];
  return Array.isArray(v) ? v.filter((x) => x != null) : [v];
}

/** The badges of a hit or document: one per field with a value (an own property of the item). */
export function badges(item, fields, { labels, text }) {
  return fields.flatMap((f) => {
    const values = valuesOf(item, f);
    if (!values.length) return [];
    const href = labels.isLink(f) && values.length === 1 ? safeHref(values[0]) : null;
    if (href) {
      return h("span", { class: "badge badge-link", part: "badge link", "data-field": f, "data-href": href, title: href },
        labels.field(f), h("span", { "aria-hidden": "true" }, " ↗"));
    }
    return h("span", { class: "badge", part: "badge", "data-field": f, title: labels.field(f) },
      h("span", { class: "sr-only" }, `${labels.field(f)}：`), values.map((x) => text(f, x)).join("、"));
  });
}

/** The listbox for `listing` (kind "search" or "browse"). */
export function renderResults(listing, { fields, labels, text, label }) {
  const list = h("ol", { class: "results", id: "results-list", role: "listbox", "aria-label": label, part: "results" });
  listing.items.forEach((item, i) => {
    const id = `hit-${i}`;
    const described = [`${id}-m`, item.snippet ? `${id}-s` : null].filter(Boolean).join(" ");
    list.append(
      h("li", { class: "hit", role: "option", id, "aria-selected": "false", "data-id": item.id, "aria-labelledby": `${id}-t`, "aria-describedby": described, part: "result" },
        h("div", { class: "hit-title", id: `${id}-t`, part: "result-title" }, item.title),
        h("div", { class: "badges", id: `${id}-m` },
          badges(item, fields, { labels, text }),
          item.verbatim === false ? h("span", { class: "badge badge-note", part: "badge", title: "检索式未原样出现，文中含有它的每一个词" }, "按词匹配") : null,
        ),
        item.snippet ? h("p", { class: "snippet", id: `${id}-s` }, fragments(item.snippet)) : null,
      ),
    );
  });
  return list;
}

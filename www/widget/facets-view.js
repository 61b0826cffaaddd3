/**
 * The facets view: for each facet field, checkboxes for its values with the
 * number of documents each would give. Counts come from the engine with each
 * answer (disjunctive: a field's counts ignore that field's own filter); the
 * order of values is the corpus's (from `info()`), so boxes do not jump while
 * counts change. Values that would find nothing are hidden unless checked;
 * long lists show their first few behind a "show all" button.
 */
import { h, num } from "./dom.js";
import { fieldLabel, valueLabel } from "./labels.js";
import { own } from "./own.js";

const SHORT = 8;

export function renderFacets({ fields, info, facets, filters, expanded, limit }) {
  const out = [];
  for (const field of fields) {
    const counts = new Map((own(facets, field) ?? own(info.fields, field) ?? []).map((c) => [String(c.value), c.count]));
    const selected = new Set(own(filters, field) ?? []);
    const order = (own(info.fields, field) ?? []).map((c) => String(c.value)).filter((v) => v !== "null");
    for (const v of selected) if (!order.includes(v)) order.push(v);
    const visible = order.filter((v) => (counts.get(v) ?? 0) > 0 || selected.has(v));
    if (!visible.length) continue;
    const open = expanded.has(field);
    const shown = visible.slice(0, open ? limit : SHORT);
    for (const v of selected) if (!shown.includes(v)) shown.push(v);
    out.push(
      h("fieldset", { class: "facet", part: "facet", "data-field": field },
        h("legend", {}, fieldLabel(field)),
        h("ul", {},
          shown.map((v) =>
            h("li", {},
              h("label", {},
                h("input", { type: "checkbox", "data-field": field, value: v, checked: selected.has(v), "data-focus-key": `facet\u0000${field}\u0000${v}` }),
                h("span", { class: "facet-value" }, valueLabel(field, v)),
                h("span", { class: "facet-count" }, num(counts.get(v) ?? 0)),
              ),
            ),
          ),
        ),
        visible.length > SHORT
          ? h("button", { type: "button", class: "link", "data-action": "expand", "data-field": field, "aria-expanded": String(open), "data-focus-key": `expand\u0000${field}` },
              open ? "收起" : `显示全部 ${num(visible.length)} 项`)
          : null,
      ),
    );
  }
  return out;
}

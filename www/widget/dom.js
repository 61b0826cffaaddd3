/**
 * Building DOM for the widget, with one rule: text is text. `h()` appends
 * string children as Text nodes (through `Node.append`), never parses markup,
 * and sets attributes with `setAttribute`, so corpus text (titles, snippets,
 * metadata, concordance contexts) can never become elements or run script.
 * Listeners are not attached here: the element delegates events from its
 * shadow root, so replacing a view's nodes leaves nothing behind.
 */

/**
 * `h("li", { class: "hit", "data-id": 3 }, "标题", h("mark", {}, "拉萨"))`.
 * Attribute values `null`, `undefined` and `false` are skipped, `true` sets an
 * empty attribute; children may be nested arrays, and null/false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) throw new Error(`h(): no inline handlers (${name}); delegate events instead`);
    el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false).map((c) => (typeof c === "number" ? String(c) : c)));
  return el;
}

/**
 * An SVG element, as `h()` makes HTML ones (same rules: attributes set,
 * strings appended as text): `svg("rect", { x: 0, width: 10 })`.
 */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) throw new Error(`svg(): no inline handlers (${name}); delegate events instead`);
    el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false).map((c) => (typeof c === "number" ? String(c) : c)));
  return el;
}

/**
 * Text fragments (`[{ text, mark }]`) as text nodes and `<mark>` elements,
 * on one line: the text's line breaks become a dimmed ` / `.
 */
export function fragments(parts) {
  return parts.map((f) => {
    const pieces = f.text.split(/\s*\n\s*/).flatMap((t, i) => (i ? [h("span", { class: "br", "aria-hidden": "true" }, " / "), t] : [t]));
    return f.mark ? h("mark", { part: "mark" }, pieces) : pieces;
  });
}

/**
 * Numbers the way a zh-CN reader expects them (26,936). Integers are grouped
 * here: the first `toLocaleString` of a page loads the locale's data (tens
 * of milliseconds, on the thread that must keep up with typing).
 */
export const num = (n) => {
  const x = Number(n);
  return Number.isSafeInteger(x) ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : x.toLocaleString("zh-CN");
};

/**
 * A decimal number with `digits` decimals and its integer part grouped
 * (`fixed(23485.6175, 2)` → 23,485.62); null, undefined and NaN are "—"
 * (no value), infinities "∞" and "−∞".
 */
export const fixed = (n, digits = 2) => {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return "—";
  const x = Number(n);
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const [int, frac] = Math.abs(x).toFixed(digits).split(".");
  const sign = x < 0 && Number(`${int}.${frac ?? 0}`) !== 0 ? "−" : "";
  return `${sign}${num(Number(int))}${frac ? `.${frac}` : ""}`;
};

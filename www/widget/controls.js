/**
 * The native form controls of a view's options (the statistics views, the
 * concordance's sort and sample): each a `<label>` holding its text and a
 * `<select>` or `<input>`, so every control has its visible name. A control
 * names the state key it sets in `data-option`; the element listens for
 * `change` on the shadow root (and Enter in a text box) and applies it.
 * `data-focus-key` lets focus come back to the control after the view is
 * drawn again. The download buttons of a table or concordance are here
 * too; what they do is download.js's.
 */
import { h } from "./dom.js";

const focusKey = (key, extra = "") => `option\u0000${key}${extra ? `\u0000${extra}` : ""}`;

/**
 * A labelled `<select>`: `options` are `[value, label]` pairs (or
 * `{ group, options }` for an `<optgroup>`); a `value` that is not among them
 * is added, so a state from a URL is shown as it is.
 */
export function select(key, label, options, value, { data = {}, hint = null } = {}) {
  const all = options.flatMap((o) => (o.group ? o.options : [o]));
  const list = all.some(([v]) => v === value) || value == null ? options : [...options, [value, value]];
  const option = ([v, text]) => h("option", { value: v, selected: v === value }, text);
  return h("label", { class: "control" },
    h("span", { class: "control-label" }, label),
    h("select", { "data-option": key, "data-focus-key": focusKey(key, data["data-part"]), ...data },
      list.map((o) => (o.group ? h("optgroup", { label: o.group }, o.options.map(option)) : option(o)))),
    hint,
  );
}

/** A labelled number box (`min`, `max`: its bounds). */
export function number(key, label, value, { min, max, data = {} } = {}) {
  return h("label", { class: "control" },
    h("span", { class: "control-label" }, label),
    h("input", { type: "number", inputmode: "numeric", min, max, step: 1, value, "data-option": key, "data-focus-key": focusKey(key, data["data-part"]), ...data }),
  );
}

/** A labelled text box, applied when changed (Enter or leaving it). */
export function text(key, label, value, { placeholder = null, describedBy = null } = {}) {
  return h("label", { class: "control control-text" },
    h("span", { class: "control-label" }, label),
    h("input", {
      type: "text", value, placeholder, "data-option": key, "data-focus-key": focusKey(key),
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", "aria-describedby": describedBy,
    }),
  );
}

/** The bar of a view's options: a group named `label`, its controls side by side (wrapping). */
export function bar(label, ...controls) {
  return h("div", { class: "options", role: "group", "aria-label": label, part: "options" }, controls);
}

/** The download buttons (`data-action` "csv" and "about"; the element runs them). */
export function downloads(what) {
  return h("div", { class: "downloads", role: "group", "aria-label": "下载" },
    h("button", { type: "button", "data-action": "csv", "data-focus-key": "download\u0000csv", part: "download" }, `下载${what} CSV`),
    h("button", { type: "button", "data-action": "about", "data-focus-key": "download\u0000about", part: "download" }, "下载说明（JSON）"),
  );
}

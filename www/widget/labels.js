/**
 * How the widget names metadata fields and their values, and which fields
 * are links. One `Labels` per element: the built-in Chinese names below
 * (for the seed corpus's fields and the usual ones: date, year, url…),
 * with the element's `config` (config.js) over them. A field or value
 * without a label is shown as it is.
 *
 * Every table is a Map: a field or value named `constructor` or
 * `__proto__` has no label unless the config gives it one, rather than one
 * inherited from Object.prototype.
 */
const FIELDS = new Map([
  ["source", "来源"],
  ["kind", "体裁"],
  ["region", "地区"],
  ["reporters", "记者"],
  ["place", "地点"],
  ["date", "日期"],
  ["year", "年份"],
  ["month", "月份"],
  ["column", "栏目"],
  ["author", "作者"],
  ["key", "编号"],
  ["url", "原文"],
  ["link", "原文"],
  ["title", "标题"],
]);

const VALUES = new Map([
  ["kind", new Map([["article", "文章"], ["photo", "图片"], ["commentary", "评论"]])],
]);

/** Fields that hold a link to the original unless the config says otherwise. */
const LINKS = new Set(["url", "link", "href", "uri"]);

export class Labels {
  #fields = new Map(FIELDS);
  #values = new Map(VALUES);
  #links = new Map(); // field → whether it is a link, as the config says

  /** `fields`: the config's (a Map: field → { label, values: Map, link }), or none. */
  constructor(fields = new Map()) {
    this.configure(fields);
  }

  /** Adds the config's labels and links (`fields`, as for the constructor) over those known. */
  configure(fields) {
    for (const [field, f] of fields) {
      if (f.label !== undefined) this.#fields.set(field, f.label);
      if (f.values) this.#values.set(field, new Map([...(this.#values.get(field) ?? []), ...f.values]));
      if (f.link !== undefined) this.#links.set(field, f.link);
    }
  }

  /** The label of a metadata field: `region` → `地区`. */
  field(field) {
    return this.#fields.get(field) ?? String(field);
  }

  /** The label of a field's value: `kind`/`photo` → `图片`. */
  value(field, value) {
    return this.#values.get(field)?.get(String(value)) ?? String(value);
  }

  /** Whether the values of `field` are shown as links (those with an http or https URL). */
  isLink(field) {
    return this.#links.get(field) ?? LINKS.has(String(field).toLowerCase());
  }
}

/**
 * `value` as an address a link may open: an absolute http or https URL
 * (normalised by the URL parser), or null for anything else
 * (`javascript:`, `data:`, a relative path, text).
 */
export function safeHref(value) {
  if (typeof value !== "string") return null;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

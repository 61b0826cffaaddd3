/**
 * The element's `config` attribute: one JSON object that names fields and
 * values in the site's own words and chooses what is shown where.
 *
 *   {
 *     "fields": {                          labels, value labels, links
 *       "kind": { "label": "类型", "values": { "story": "新闻", "summary": "提要" } },
 *       "url":  { "label": "原文", "link": true }
 *     },
 *     "facets":    ["date", "kind", "column"],   the facets, in this order
 *     "result":    ["date", "column", "url"],    a result's badges, in this order
 *     "reader":    ["date", "kind", "url"],      the reading view's metadata
 *     "reference": ["title", "date"]             each concordance line's reference
 *   }
 *
 * Every key is optional. Field names are the corpus's ("title" is the
 * document's title, in `reference`); names the corpus does not have are
 * left out when the corpus is known (as the `facets` attribute's are).
 * Anything else (text that is not JSON, an unknown key, a value of the
 * wrong type) is a `ConfigError` whose message says where and what was
 * expected: the element shows it instead of the corpus. The checks are in
 * config-parse.js, imported only when the attribute is there.
 *
 * Corpus data and the attribute are both the page's: names go into Maps
 * and lists, never become keys of ordinary objects, so a field called
 * `__proto__` is a field like any other. Imports nothing (but
 * config-parse.js, with import()).
 */

/**
 * The attribute's text as `{ fields, facets, result, reader, reference }`
 * (config-parse.js): a promise, rejected with a ConfigError when the text
 * is not a config. An absent or blank attribute is an empty config, at
 * once.
 */
export function loadConfig(text) {
  if (text == null || !text.trim()) return Promise.resolve({ fields: new Map(), facets: null, result: null, reader: null, reference: null });
  return import("./config-parse.js").then((m) => m.parseConfig(text));
}

/**
 * What the element shows, from the config and the corpus description
 * `info` (and `facetsAttr`, the `facets` attribute's names, which win over
 * the config's): `{ facets, result, reader, reference }`, lists of field
 * names the corpus has, in order. Where the config says nothing, from the
 * schema:
 *
 *   facets     every facet field, but for a field of one value (in a
 *              corpus of several documents), identifiers and links (below)
 *              and, when the corpus has a `date` field, its derived `year`
 *              and `month` (the date's tree lists its years and months)
 *   result     every field in the schema's order (the seed corpus's kind,
 *              region, place, reporters and source first), but for those
 *              of one value, the derived `year` and `month`, and
 *              identifiers (a field with a value of its own in every
 *              document, such as `key`); link fields last
 *   reader     every field but the derived `year` and `month`, in the same
 *              order; links last
 *   reference  `title`, and `date` when the corpus has it
 */
export function fieldChoices(config, info, labels, facetsAttr = null) {
  const schema = new Map(info.schema.map((f) => [f.name, f]));
  const known = (list, extra = []) => list.filter((name) => schema.has(name) || extra.includes(name));
  const derived = (name) => schema.has("date") && (name === "year" || name === "month");
  const single = (f) => f.values === 1 && info.documents > 1;
  const linksLast = (list) => [...list.filter((n) => !labels.isLink(n)), ...list.filter((n) => labels.isLink(n))];
  // The seed corpus's fields in the order its readers know, then the others in schema order.
  const names = [...BADGE_ORDER.filter((n) => schema.has(n)), ...info.schema.map((f) => f.name).filter((n) => !BADGE_ORDER.includes(n))];
  const identifier = (f) => info.documents > 1 && f.values >= info.documents && !labels.isLink(f.name);
  const chosenFacets = facetsAttr ?? config.facets;
  const facets = chosenFacets
    ? known(chosenFacets).filter((n) => schema.get(n).facet)
    : info.schema.filter((f) => f.facet && !single(f) && !derived(f.name) && !identifier(f) && !labels.isLink(f.name)).map((f) => f.name);
  const result = config.result
    ? known(config.result)
    : linksLast(names.filter((n) => !derived(n) && !single(schema.get(n)) && !identifier(schema.get(n))));
  const reader = config.reader ? known(config.reader) : linksLast(names.filter((n) => !derived(n)));
  const reference = config.reference ? known(config.reference, ["title"]) : schema.has("date") ? ["title", "date"] : ["title"];
  return { facets, result, reader, reference };
}

/** Badge order for the seed corpus's fields; other fields follow in schema order. */
const BADGE_ORDER = ["kind", "region", "place", "reporters", "source"];

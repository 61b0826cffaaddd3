/**
 * What the facets know about a field's values, from the corpus description
 * (`info()`): how they are ordered and grouped, and the filters the engine
 * is given for them. Pure functions, no DOM; the facets view
 * (facets-view.js) draws with them, the instance (instance.js) queries
 * with them.
 *
 * Each facet field has a kind:
 *
 *   "days"     a field with one value per document, every value a date
 *              (`2024-03-05`): shown by year, then month, then day
 *   "months"   the same with months (`2024-03`, as the corpus derives from
 *              a `date`): by year, then month
 *   "natural"  a number field, or a field whose values are all dates, all
 *              months or all years (`2024`) of another sort: in their
 *              natural order
 *   "count"    any other: by the number of documents in the whole corpus
 *              (the order of `info().fields`), so values do not jump about
 *              while counts change
 *
 * In a "days" or "months" field a filter value may name a period: a year
 * (`2024`) or, for days, a month (`2024-03`). Such a value can never be one
 * of the field's own values, so the URL keeps its `f.date=2024` form; the
 * engine knows only the field's values, so `engineFilters` gives it the
 * field's values within the period instead.
 */
import { own, dict } from "./own.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const YEAR = /^\d{4}$/;

/** The kind of each facet field of the corpus `info` (a Map: field → kind). */
export function facetKinds(info) {
  const kinds = new Map();
  for (const f of info.schema) {
    if (!f.facet) continue;
    const values = (own(info.fields, f.name) ?? []).map((c) => c.value).filter((v) => v !== null);
    const all = (re) => values.length > 0 && values.every((v) => typeof v === "string" && re.test(v));
    let kind = "count";
    if (f.type === "number") kind = "natural";
    else if (f.type === "string" && all(DAY)) kind = "days";
    else if (f.type === "string" && all(MONTH)) kind = "months";
    else if (all(DAY) || all(MONTH) || all(YEAR)) kind = "natural";
    kinds.set(f.name, kind);
  }
  return kinds;
}

/** Whether `kind` is shown as a tree of periods. */
export const isTree = (kind) => kind === "days" || kind === "months";

/** Whether `value` names a period (a year; for days, a month too) of a field of `kind`. */
export function isPeriod(kind, value) {
  const v = String(value);
  return (kind === "days" && (YEAR.test(v) || MONTH.test(v))) || (kind === "months" && YEAR.test(v));
}

/** Whether `value` lies within `period` (`2024-03-05` within `2024` and `2024-03`; not within itself). */
export const within = (value, period) => String(value).startsWith(`${period}-`);

/** The periods containing `value`, widest first: `2024-03-05` → [2024, 2024-03]. */
export function periodsOf(kind, value) {
  const v = String(value);
  if (kind === "days" && DAY.test(v)) return [v.slice(0, 4), v.slice(0, 7)];
  if ((kind === "days" || kind === "months") && MONTH.test(v)) return [v.slice(0, 4)];
  return [];
}

/** Compares two values in their natural order (numbers by value, text as text). */
export function naturalCompare(a, b) {
  const x = Number(a);
  const y = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The filters as the engine takes them: a period of a "days" or "months"
 * field replaced by the field's values within it (a period without any
 * stays as it is, and matches nothing). `filters` itself when it has no
 * period.
 */
export function engineFilters(filters, info, kinds) {
  let out = null;
  for (const [field, values] of Object.entries(filters)) {
    const kind = kinds.get(field);
    if (!isTree(kind) || !values.some((v) => isPeriod(kind, v))) continue;
    out ??= dict(filters);
    const all = (own(info.fields, field) ?? []).map((c) => String(c.value));
    const set = new Set();
    for (const v of values) {
      if (!isPeriod(kind, v)) {
        set.add(v);
        continue;
      }
      const inside = all.filter((x) => within(x, v));
      for (const x of inside.length ? inside : [v]) set.add(x);
    }
    out[field] = [...set];
  }
  return out ?? filters;
}

/**
 * The values of a field's filter after ticking (`on`) or unticking `value`:
 * in a tree, a period ticked takes the place of the values and periods
 * within it.
 */
export function toggled(values, value, on, kind) {
  const set = new Set(values);
  if (!on) {
    set.delete(value);
    return [...set];
  }
  if (isTree(kind) && isPeriod(kind, value)) for (const v of set) if (within(v, value)) set.delete(v);
  set.add(value);
  return [...set];
}

/** A date, month or year for people: `2024-03-05` → 2024年3月5日, `2024-03` → 2024年3月, `2024` → 2024年. */
export function periodLabel(value) {
  const v = String(value);
  if (DAY.test(v)) return `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月${Number(v.slice(8))}日`;
  if (MONTH.test(v)) return `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月`;
  if (YEAR.test(v)) return `${v}年`;
  return v;
}

/**
 * Names from outside (corpus field names and values, URL parameters) as
 * keys, safely. A field may be called `__proto__`, `constructor`,
 * `prototype` or `toString`: on an ordinary object, `o[name]` then reads
 * what Object.prototype has (a function, the prototype itself) and
 * `o[name] = x` may replace the object's prototype. The widget keeps such
 * names in objects without prototype (`dict()`), and reads objects it did
 * not make (the engine's answers: every field is an own property there)
 * through `own()`. Imports nothing.
 */

/** An object without prototype, with the own enumerable properties of `from` (if any). */
export function dict(from) {
  const out = Object.create(null);
  if (from) for (const [k, v] of Object.entries(from)) out[k] = v;
  return out;
}

/** `o[key]` when `o` has it as its own property, else undefined. */
export const own = (o, key) => (o != null && Object.hasOwn(o, key) ? o[key] : undefined);

/** Whether `o` has `key` as its own property. */
export const has = (o, key) => o != null && Object.hasOwn(o, key);

/** Filters (`{ field: [values] }`) copied: an object without prototype, each list copied. */
export function copyFilters(filters) {
  const out = Object.create(null);
  for (const [k, v] of Object.entries(filters ?? {})) out[k] = [...v];
  return out;
}

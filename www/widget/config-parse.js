/**
 * The parser of the element's `config` attribute (see config.js for the
 * format): imported (import()) only by a page whose element has one, so a
 * page without it never downloads these checks and their messages.
 * Imports nothing.
 */

export class ConfigError extends Error {
  name = "ConfigError";
}

const KEYS = ["fields", "facets", "result", "reader", "reference"];
const FIELD_KEYS = ["label", "values", "link"];

const describe = (v) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : JSON.stringify(v));
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** A list of field names at `where`, or throws. */
function names(v, where) {
  if (!Array.isArray(v)) throw new ConfigError(`${where} must be a list of field names, not ${describe(v)}`);
  v.forEach((name, i) => {
    if (typeof name !== "string" || !name) throw new ConfigError(`${where}[${i}] must be a field name, not ${describe(name)}`);
  });
  return [...new Set(v)];
}

/**
 * The attribute's text as `{ fields, facets, result, reader, reference }`:
 * `fields` a Map (field → `{ label?, values?: Map, link? }`), the others
 * lists of names, or null where the config says nothing. An absent or
 * blank attribute is an empty config.
 */
export function parseConfig(text) {
  const config = { fields: new Map(), facets: null, result: null, reader: null, reference: null };
  if (text == null || !text.trim()) return config;
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config is not JSON: ${error.message}`);
  }
  if (!isObject(raw)) throw new ConfigError(`config must be a JSON object, not ${describe(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new ConfigError(`config has an unknown key ${JSON.stringify(key)} (known: ${KEYS.join(", ")})`);
  }
  if (Object.hasOwn(raw, "fields")) {
    if (!isObject(raw.fields)) throw new ConfigError(`config.fields must be an object of fields, not ${describe(raw.fields)}`);
    for (const [field, f] of Object.entries(raw.fields)) {
      const where = `config.fields[${JSON.stringify(field)}]`;
      if (!isObject(f)) throw new ConfigError(`${where} must be an object (label, values, link), not ${describe(f)}`);
      const out = {};
      for (const [key, v] of Object.entries(f)) {
        if (!FIELD_KEYS.includes(key)) throw new ConfigError(`${where} has an unknown key ${JSON.stringify(key)} (known: ${FIELD_KEYS.join(", ")})`);
        if (key === "label") {
          if (typeof v !== "string" || !v.trim()) throw new ConfigError(`${where}.label must be a non-empty string, not ${describe(v)}`);
          out.label = v.trim();
        } else if (key === "link") {
          if (typeof v !== "boolean") throw new ConfigError(`${where}.link must be true or false, not ${describe(v)}`);
          out.link = v;
        } else {
          if (!isObject(v)) throw new ConfigError(`${where}.values must be an object of value labels, not ${describe(v)}`);
          out.values = new Map();
          for (const [value, label] of Object.entries(v)) {
            if (typeof label !== "string" || !label.trim()) throw new ConfigError(`${where}.values[${JSON.stringify(value)}] must be a non-empty string, not ${describe(label)}`);
            out.values.set(value, label.trim());
          }
        }
      }
      config.fields.set(field, out);
    }
  }
  for (const key of ["facets", "result", "reader", "reference"]) {
    if (Object.hasOwn(raw, key)) config[key] = names(raw[key], `config.${key}`);
  }
  return config;
}

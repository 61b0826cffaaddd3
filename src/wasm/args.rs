//! Arguments from JavaScript, checked before they reach the engine.
//!
//! Strings are measured in JavaScript (`JsString::length`) before they are
//! copied into the module's memory. An options object is first copied by
//! `plainCopy` (JavaScript, below) into plain objects without prototype,
//! arrays and primitives, bounded in depth, count and string length, with
//! every getter and Proxy trap of the caller's run inside a `try`: nothing a
//! caller passes can throw through the wasm or run code while the engine
//! reads it. The copy is then read by [`crate::engine::options::parse`]
//! (the serde derives of the options, the same as the command line's).

use super::throw;
use crate::engine::options::{self, Kind, Source};
use crate::error::{Error, ErrorKind};
use js_sys::{JsString, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// `plainCopy(value, what, maxDepth, maxValues, maxChars)`: a copy of an
// options argument made only of plain objects (without prototype), arrays
// and primitives. A getter or Proxy trap that throws, a class instance, a
// function, too deep a nesting, too many values or too long a string is a
// YuliaoError (`invalidArgument`) here, before anything reaches the wasm;
// even an exception whose `message` getter throws is caught. (Kept short:
// this JavaScript is part of every page's download.)
#[wasm_bindgen(inline_js = r#"
export function ownProto(v) {
  if (!v || typeof v !== "object") return;
  const renamed = "\u0001__proto__" in v;
  for (const [k, x] of Object.entries(v)) {
    ownProto(x);
    if (renamed) {
      delete v[k];
      Object.defineProperty(v, k === "\u0001__proto__" ? "__proto__" : k, { value: x, enumerable: true, writable: true, configurable: true });
    }
  }
}
const fail = (m) => Object.assign(new Error(m), { name: "YuliaoError", kind: "invalidArgument" });
export function plainCopy(value, what, maxDepth, maxValues, maxChars) {
  let budget = maxValues;
  const many = () => fail(`${what} holds more than ${maxValues} values`);
  const copy = (v, path, depth) => {
    if (--budget < 0) throw many();
    const t = typeof v;
    if (t === "undefined" || t === "boolean" || t === "number" || v === null) return v;
    if (t === "string") {
      if (v.length > maxChars) throw fail(`${path} is ${v.length} characters long; the limit is ${maxChars}`);
      return v;
    }
    if (t !== "object") throw fail(`${path} must not be a ${t}`);
    if (depth >= maxDepth) throw fail(`${what} nests deeper than ${maxDepth} levels`);
    if (Array.isArray(v)) {
      const n = v.length, out = [];
      if (n > budget) throw many();
      for (let i = 0; i < n; i++) out.push(copy(v[i], `${path}[${i}]`, depth + 1));
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw fail(`${path} must be a plain object, got a ${String(proto.constructor?.name || "non-plain")} object`);
    }
    const keys = Object.keys(v), out = Object.create(null);
    if (keys.length > budget) throw many();
    for (const k of keys) out[k] = copy(v[k], `${path}.${k}`, depth + 1);
    return out;
  };
  try {
    return copy(value, what, 0);
  } catch (e) {
    if (e?.name === "YuliaoError") throw e;
    let why;
    try { why = String(e?.message ?? e); } catch { why = "it threw"; }
    throw fail(`cannot read ${what}: ${why}`);
  }
}
"#)]
extern "C" {
    /// Gives the keys named [`crate::engine::results::PROTO_KEY`] in `value`
    /// (and in every object in it) back their name `__proto__`, as own
    /// properties, keeping the order of the keys.
    #[wasm_bindgen(js_name = ownProto)]
    pub fn own_proto(value: &JsValue);

    #[wasm_bindgen(js_name = plainCopy, catch)]
    fn plain_copy(
        value: &JsValue,
        what: &str,
        max_depth: u32,
        max_values: u32,
        max_chars: u32,
    ) -> Result<JsValue, JsValue>;
}

/// Most values an options argument may hold, how deep it may nest, and
/// the longest string in it (in UTF-16 code units).
pub const MAX_VALUES: u32 = 100_000;
pub const MAX_DEPTH: u32 = 8;
pub const MAX_OPTION_CHARS: u32 = 100_000;

/// The options argument `what`, typed; absent (`undefined`, `null`) gives
/// the defaults.
pub fn options<T: DeserializeOwned + Default>(what: &str, value: Option<JsValue>) -> Result<T, JsValue> {
    options::parse(what, copy(what, value)?).map_err(throw)
}

/// The `plainCopy` of an options argument (out of the generic [`options`]:
/// one copy in the module).
#[inline(never)]
fn copy(what: &str, value: Option<JsValue>) -> Result<Plain, JsValue> {
    match value.filter(|v| !v.is_undefined() && !v.is_null()) {
        Some(value) => Ok(Plain(plain_copy(&value, what, MAX_DEPTH, MAX_VALUES, MAX_OPTION_CHARS)?)),
        None => Ok(Plain(JsValue::UNDEFINED)),
    }
}

/// A value made by `plainCopy`: plain objects without prototype, arrays and
/// primitives, so reading it cannot run caller code.
struct Plain(JsValue);

impl Source for Plain {
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }
    #[inline(never)]
    fn kind(self) -> Kind<Self> {
        let v = self.0;
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if let Some(b) = v.as_bool() {
            Kind::Bool(b)
        } else if let Some(x) = v.as_f64() {
            Kind::Number(x)
        } else if let Some(s) = v.as_string() {
            Kind::Text(s)
        } else if js_sys::Array::is_array(&v) {
            Kind::List(v.unchecked_into::<js_sys::Array>().iter().map(Plain).collect())
        } else {
            let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
            Kind::Map(
                keys.iter()
                    .map(|k| {
                        let value = Reflect::get(&v, &k).unwrap_or(JsValue::UNDEFINED);
                        (k.as_string().unwrap_or_default(), Plain(value))
                    })
                    .collect(),
            )
        }
    }
}

/// What a JS value is, for messages.
pub fn describe(v: &JsValue) -> String {
    if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if let Some(x) = v.as_f64() {
        format!("the number {}", options::number_text(x))
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        format!("a {}", v.js_typeof().as_string().unwrap_or_else(|| "value".into()))
    }
}

/// The string argument `what`, refused by its length (in UTF-16 code
/// units, before it is copied into the module's memory) beyond `max_units`.
pub fn string(what: &str, v: &JsValue, max_units: u32, limit: &str) -> Result<String, JsValue> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(throw(Error::argument(format!("{what} must be a string, got {}", describe(v)))));
    };
    if s.length() > max_units {
        let kind = if what == "query" { ErrorKind::InvalidQuery } else { ErrorKind::InvalidArgument };
        return Err(throw(Error::new(
            kind,
            format!("{what} is {} UTF-16 code units long; {limit}", s.length()),
        )));
    }
    Ok(String::from(s))
}

/// A query argument (at most 1000 characters, so at most 2000 code units).
pub fn query(v: &JsValue) -> Result<String, JsValue> {
    let max = crate::engine::query::MAX_QUERY_CHARS;
    string("query", v, 2 * max as u32, &format!("the limit is {max} characters"))
}

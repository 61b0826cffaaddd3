//! The JavaScript API (wasm32 only): argument conversion in, plain objects out.
//!
//! Every exported method takes its arguments as `JsValue`, turns them into
//! [`Arg`] trees (so a number where a string belongs is a clear error, not a
//! silent `"42"`), calls the [`engine`](crate::engine), and writes the result
//! as plain JavaScript objects and arrays through [`JsSink`] (an
//! [`Emit`](crate::engine::results::Emit) sink; no `Map`s, numbers passed as
//! numbers). Failures are thrown as `Error` objects with
//! `name = "YuliaoError"` and a `kind` ([`crate::ErrorKind::as_str`]). Nothing
//! here panics on any input: a panic would kill the wasm instance.

use crate::bundle::Bundle;
use crate::engine::args::Arg;
use crate::engine::results::{Emit, Sink};
use crate::engine::Corpus as Engine;
use crate::error::Error;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Talc instead of the default dlmalloc: about half the code, and faster.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A metadata value: a string, a number, a boolean, a list of strings, or null when the document has none. */
export type MetaValue = string | number | boolean | string[] | null;
/** `{ field: [values] }`: values of one field are OR-ed, fields are AND-ed. A single value stands for a one-element list. */
export type Filters = Record<string, MetaValue | Array<string | number | boolean>>;
export interface ValueCount { value: MetaValue; count: number; }
export type Facets = Record<string, ValueCount[]>;
/** A piece of a snippet; insert `text` as text (textContent), highlight it when `mark`. */
export interface Fragment { text: string; mark: boolean; }
export interface SearchOptions {
  /** Hits per page, 0..=1000 (default 10). */ limit?: number;
  /** Hits to skip (default 0). */ offset?: number;
  filters?: Filters;
  /** Values per facet field (default 100). */ facetLimit?: number;
}
export interface FilterOptions { limit?: number; offset?: number; facetLimit?: number; }
export interface Hit {
  id: number; title: string; score: number;
  /** False when the query does not occur verbatim but all of its words do. */
  verbatim: boolean;
  snippet: Fragment[];
  /** Metadata fields: source, kind, region, reporters, place, ... */
  [field: string]: MetaValue | number | string | boolean | Fragment[];
}
export interface SearchResult { total: number; hits: Hit[]; facets: Facets; }
export interface DocSummary { id: number; title: string; [field: string]: MetaValue | number; }
export interface FilterResult { total: number; docs: DocSummary[]; facets: Facets; }
export interface ConcordanceOptions {
  /** Characters each side, 0..=500 (default 20). */ context?: number;
  /** Lines per page, 0..=10000 (default 50). */ limit?: number;
  offset?: number;
  sort?: "doc" | "left" | "right";
  filters?: Filters;
}
/** `start` counts UTF-16 code units in the document's text. */
export interface ConcordanceLine { id: number; left: string; match: string; right: string; start: number; }
export interface ConcordanceResult { total: number; lines: ConcordanceLine[]; }
export interface DocOptions { /** Also return the spans of this query's matches in `text`. */ query?: string; }
/** UTF-16 offsets into `text`. */
export interface Span { start: number; end: number; }
export interface Document {
  id: number; title: string; text: string;
  matches?: Span[];
  [field: string]: MetaValue | number | Span[] | undefined;
}
export interface Token { word: string; pos: string; }
export interface LoadProgress { loaded: number; total: number | null; }
export interface LoadOptions { /** Called as bytes arrive. */ onProgress?: (progress: LoadProgress) => void; }
export interface SchemaField { name: string; type: "string" | "strings" | "number" | "boolean"; facet: boolean; values: number; }
export interface Info {
  documents: number; characters: number; tokens: number; words: number;
  fields: Record<string, ValueCount[]>;
  schema: SchemaField[];
}
"#;

// `Corpus.load`: the download (with progress) is JavaScript, which then
// opens the bytes with the generated `Corpus.fromBytes`; wasm-pack places
// this snippet at `snippets/<crate>/inline0.js`, two levels below the
// package's `yuliao.js`. (An `async fn` here would add wasm-bindgen-futures,
// 5 KB of the seed module, for what a dozen lines of JavaScript do.)
#[wasm_bindgen(inline_js = r#"
export async function loadBundle(url, onProgress) {
  const { Corpus, BundleBuffer } = await import(new URL("../../yuliao.js", import.meta.url).href);
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw failure(`cannot load ${url}: ${e.message}`);
  }
  if (!response.ok) throw failure(`cannot load ${url}: HTTP ${response.status} ${response.statusText}`);
  // With a content encoding the length header counts compressed bytes.
  const length = response.headers.get("content-encoding") ? NaN : Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const report = typeof onProgress === "function" ? onProgress : () => {};
  if (!response.body) return Corpus.fromBytes(new Uint8Array(await response.arrayBuffer()));
  // The bytes go straight into the module's memory as they arrive: no
  // second copy of the bundle, and the memory is touched during the download.
  const buffer = new BundleBuffer(total ?? 0);
  try {
    const reader = response.body.getReader();
    let loaded = 0;
    report({ loaded, total });
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (e) {
        throw failure(`cannot load ${url}: ${e.message}`);
      }
      if (step.done) break;
      buffer.push(step.value);
      loaded += step.value.length;
      report({ loaded, total });
    }
  } catch (e) {
    buffer.free();
    throw e;
  }
  return buffer.intoCorpus();
}
function failure(message) {
  const e = new Error(message);
  e.name = "YuliaoError";
  e.kind = "loadFailed";
  return e;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = loadBundle)]
    fn load_bundle(url: &str, on_progress: &JsValue) -> js_sys::Promise;
}

/// Where a corpus's bytes live.
enum Bytes {
    /// Compiled into the module.
    Static(&'static [u8]),
    /// Given by JavaScript (`fromBytes`).
    Owned(Box<[u8]>),
}

/// A bundle being downloaded by `Corpus.load`, held in the module's memory
/// (internal: the download snippet's, not part of the API).
#[wasm_bindgen(skip_typescript)]
pub struct BundleBuffer {
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl BundleBuffer {
    /// A buffer for `expected` bytes (0 when unknown; it grows as needed).
    #[wasm_bindgen(constructor)]
    pub fn new(expected: f64) -> Result<BundleBuffer, JsValue> {
        let mut bytes = Vec::new();
        // A length header is not trusted beyond what memory can hold.
        if expected.is_finite() && expected > 0.0 {
            let n = expected.min(u32::MAX as f64) as usize;
            bytes.try_reserve_exact(n).map_err(|_| throw(too_large(n)))?;
        }
        Ok(BundleBuffer { bytes })
    }

    /// Append a downloaded chunk (copied from JavaScript once, straight
    /// into place).
    pub fn push(&mut self, chunk: &Uint8Array) -> Result<(), JsValue> {
        let len = chunk.length() as usize;
        let total = self.bytes.len().saturating_add(len);
        self.bytes.try_reserve(len).map_err(|_| throw(too_large(total)))?;
        let written = chunk.copy_to_uninit(&mut self.bytes.spare_capacity_mut()[..len]).len();
        // SAFETY: the `written` bytes after the current length were just
        // initialised by `copy_to_uninit`, within the reserved capacity.
        unsafe { self.bytes.set_len(self.bytes.len() + written) };
        Ok(())
    }

    /// Check the bytes (as [`Corpus::from_bytes`]) and open them.
    #[wasm_bindgen(js_name = intoCorpus)]
    pub fn into_corpus(self) -> Result<Corpus, JsValue> {
        let owned = self.bytes.into_boxed_slice();
        Bundle::from_bytes(&owned, true).map_err(|e| throw(e.into()))?;
        Ok(Corpus { bytes: Bytes::Owned(owned) })
    }
}

fn too_large(n: usize) -> Error {
    Error::new(
        crate::ErrorKind::LoadFailed,
        format!("cannot hold a bundle of {n} bytes: the module's memory (at most 4 GiB) is full"),
    )
}

/// A corpus that can be queried.
#[wasm_bindgen]
pub struct Corpus {
    bytes: Bytes,
}

/// The JS exception for `e`.
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name("YuliaoError");
    let _ = Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(e.kind().as_str()));
    err.into()
}

/// Build a result as plain JavaScript values.
fn to_js(value: &dyn Emit) -> JsValue {
    let mut sink = JsSink::default();
    value.emit(&mut sink);
    sink.done.unwrap_or(JsValue::NULL)
}

/// A [`Sink`] building JavaScript objects and arrays.
#[derive(Default)]
struct JsSink {
    /// Open containers, innermost last, with the key awaiting a value.
    open: Vec<(JsValue, Option<String>)>,
    /// The finished top-level value.
    done: Option<JsValue>,
}

impl JsSink {
    fn value(&mut self, v: JsValue) {
        match self.open.last_mut() {
            None => self.done = Some(v),
            Some((container, key)) => match key.take() {
                Some(k) => {
                    let _ = Reflect::set(container, &JsValue::from_str(&k), &v);
                }
                None => {
                    container.unchecked_ref::<Array>().push(&v);
                }
            },
        }
    }
}

impl Sink for JsSink {
    fn null(&mut self) {
        self.value(JsValue::NULL);
    }
    fn bool(&mut self, b: bool) {
        self.value(JsValue::from_bool(b));
    }
    fn num(&mut self, x: f64) {
        self.value(JsValue::from_f64(x));
    }
    fn str(&mut self, s: &str) {
        self.value(JsValue::from_str(s));
    }
    fn array(&mut self) {
        self.open.push((Array::new().into(), None));
    }
    fn object(&mut self) {
        self.open.push((Object::new().into(), None));
    }
    fn key(&mut self, k: &str) {
        if let Some((_, key)) = self.open.last_mut() {
            *key = Some(k.to_string());
        }
    }
    fn end(&mut self) {
        if let Some((v, _)) = self.open.pop() {
            self.value(v);
        }
    }
}

/// Most values an argument may hold, and how deep it may nest.
const MAX_VALUES: usize = 100_000;
const MAX_DEPTH: usize = 8;

/// Convert a JS value into an [`Arg`], bounded in size and depth.
fn arg(v: &JsValue) -> Result<Arg, JsValue> {
    let mut budget = MAX_VALUES;
    to_arg(v, 0, &mut budget).map_err(throw)
}

/// `options.onProgress` of `load`, checked: a function or undefined.
fn progress_callback(options: Option<&JsValue>) -> Result<JsValue, Error> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(JsValue::UNDEFINED);
    };
    if !options.is_object() || Array::is_array(options) {
        return Err(Error::argument("load options must be an object such as { onProgress }"));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if key != "onProgress" {
            return Err(Error::argument(format!(
                "unknown option `{key}` in load options; expected one of: onProgress"
            )));
        }
    }
    let f = Reflect::get(options, &JsValue::from_str("onProgress")).unwrap_or(JsValue::UNDEFINED);
    if !f.is_undefined() && !f.is_function() {
        return Err(Error::argument("onProgress must be a function"));
    }
    Ok(f)
}

/// An optional argument: absent (or `undefined`/`null`) is `Arg::Undefined`.
fn opt_arg(v: &Option<JsValue>) -> Result<Arg, JsValue> {
    v.as_ref().map_or(Ok(Arg::Undefined), arg)
}

fn to_arg(v: &JsValue, depth: usize, budget: &mut usize) -> Result<Arg, Error> {
    if *budget == 0 {
        return Err(Error::argument(format!("argument holds more than {MAX_VALUES} values")));
    }
    *budget -= 1;
    if v.is_undefined() {
        return Ok(Arg::Undefined);
    }
    if v.is_null() {
        return Ok(Arg::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Arg::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return Ok(Arg::Number(x));
    }
    if let Some(s) = v.as_string() {
        return Ok(Arg::String(s));
    }
    if depth >= MAX_DEPTH {
        return Err(Error::argument(format!("argument nests deeper than {MAX_DEPTH} levels")));
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        let len = array.length() as usize;
        if len > *budget {
            return Err(Error::argument(format!("argument holds more than {MAX_VALUES} values")));
        }
        let mut items = Vec::with_capacity(len);
        for item in array.iter() {
            items.push(to_arg(&item, depth + 1, budget)?);
        }
        return Ok(Arg::List(items));
    }
    if v.is_object() && !v.is_function() {
        let proto = Object::get_prototype_of(v);
        let plain = proto.is_null() || proto == Object::get_prototype_of(&Object::new());
        if plain {
            let entries = Object::entries(v.unchecked_ref());
            if entries.length() as usize > *budget {
                return Err(Error::argument(format!("argument holds more than {MAX_VALUES} values")));
            }
            let mut out = Vec::with_capacity(entries.length() as usize);
            for entry in entries.iter() {
                let pair: &Array = entry.unchecked_ref();
                let key = pair.get(0).as_string().unwrap_or_default();
                out.push((key, to_arg(&pair.get(1), depth + 1, budget)?));
            }
            return Ok(Arg::Map(out));
        }
        let name = Reflect::get(v, &JsValue::from_str("constructor"))
            .ok()
            .and_then(|c| Reflect::get(&c, &JsValue::from_str("name")).ok())
            .and_then(|n| n.as_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "object".into());
        return Ok(Arg::Other(format!("{name} object")));
    }
    Ok(Arg::Other(v.js_typeof().as_string().unwrap_or_else(|| "value".into())))
}

#[wasm_bindgen]
impl Corpus {
    /// The corpus compiled into this module (`YULIAO_CORPUS` at build time).
    #[cfg(feature = "embed")]
    pub fn embedded() -> Result<Corpus, JsValue> {
        // Compiled in, so it cannot have been altered: skip the checksum,
        // keep the structural checks.
        Bundle::from_bytes(crate::EMBEDDED, false).map_err(|e| throw(e.into()))?;
        Ok(Corpus { bytes: Bytes::Static(crate::EMBEDDED) })
    }

    /// A corpus from bundle bytes (a file made by `yuliao build`). The bytes
    /// are copied and fully checked, checksum included.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<Corpus, JsValue> {
        let Some(array) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(throw(Error::argument(format!(
                "fromBytes needs a Uint8Array, got {}",
                arg(&bytes).map(|a| a.describe()).unwrap_or_else(|_| "something else".into())
            ))));
        };
        let owned = array.to_vec().into_boxed_slice();
        Bundle::from_bytes(&owned, true).map_err(|e| throw(e.into()))?;
        Ok(Corpus { bytes: Bytes::Owned(owned) })
    }

    /// Download a bundle file and open it (as [`Corpus::from_bytes`]):
    /// a promise of the corpus. `options.onProgress({ loaded, total })` is
    /// called as bytes arrive; `total` is null when the server does not say
    /// (or compresses). Failures reject with a `YuliaoError` (`loadFailed`,
    /// `invalidBundle`, `invalidArgument`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Corpus>")]
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let checked = arg(&url).and_then(|url| {
            let url = crate::engine::args::string("url", &url).map_err(throw)?.to_string();
            Ok((url, progress_callback(options.as_ref()).map_err(throw)?))
        });
        match checked {
            Ok((url, on_progress)) => load_bundle(&url, &on_progress),
            Err(e) => js_sys::Promise::reject(&e),
        }
    }

    fn engine(&self) -> Result<Engine<'_>, JsValue> {
        let bytes: &[u8] = match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => b,
        };
        // Checked when the corpus was created; decoding again takes
        // microseconds and copies nothing.
        Engine::reopen(bytes).map_err(throw)
    }

    /// Corpus statistics and every facet value with its count.
    #[wasm_bindgen(unchecked_return_type = "Info")]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.engine()?.info().map_err(throw)?))
    }

    /// Search: every document containing the query's terms, best first.
    #[wasm_bindgen(unchecked_return_type = "SearchResult")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (query, options) = (arg(&query)?, opt_arg(&options)?);
        Ok(to_js(&self.engine()?.search(&query, &options).map_err(throw)?))
    }

    /// Browse without a query: the documents passing `filters`, in id order.
    #[wasm_bindgen(unchecked_return_type = "FilterResult")]
    pub fn filter(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Filters")] filters: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "FilterOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (filters, options) = (opt_arg(&filters)?, opt_arg(&options)?);
        Ok(to_js(&self.engine()?.filter(&filters, &options).map_err(throw)?))
    }

    /// Every occurrence of a word or phrase, with context (KWIC).
    #[wasm_bindgen(unchecked_return_type = "ConcordanceResult")]
    pub fn concordance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConcordanceOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (query, options) = (arg(&query)?, opt_arg(&options)?);
        let result = self.engine()?.concordance(&query, &options).map_err(throw)?;
        Ok(to_js(&result))
    }

    /// One whole document; with `{ query }`, also the spans of its matches.
    #[wasm_bindgen(unchecked_return_type = "Document")]
    pub fn doc(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DocOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (id, options) = (arg(&id)?, opt_arg(&options)?);
        Ok(to_js(&self.engine()?.doc(&id, &options).map_err(throw)?))
    }

    /// Segment text with the corpus vocabulary, as the build segmented the corpus.
    #[wasm_bindgen(unchecked_return_type = "Token[]")]
    pub fn segment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.engine()?.segment_arg(&arg(&text)?).map_err(throw)?))
    }
}

//! The JavaScript API (wasm32 only): arguments in, plain objects out.
//!
//! Every exported method takes its arguments as `JsValue` and checks them
//! in [`args`]: a string by its length before it is copied into the
//! module's memory, an options object through a plain copy made in
//! JavaScript (so that no getter or Proxy of the caller's runs inside the
//! wasm) and the serde derives of [`crate::engine::options`]. Results are
//! serialized with serde-wasm-bindgen's JSON-compatible serializer (plain
//! objects, never `Map`s). Failures are thrown as `Error` objects with
//! `name = "YuliaoError"` and a `kind` ([`crate::ErrorKind::as_str`]).
//! Nothing here panics on any input: a panic would kill the wasm instance.
//!
//! A module is either a corpus (`Corpus.embedded()`, feature `embed`) or an
//! engine for bundle files (`Corpus.load`, `Corpus.fromBytes`, [`files`]).

mod args;
#[cfg(not(feature = "embed"))]
mod files;

use crate::engine::options::{ConcordanceOptions, DocOptions, FilterOptions, Filters, SearchOptions};
use crate::engine::Corpus as Engine;
use crate::error::Error;
use args::{describe, options, query, string};
use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: about half the code, and faster.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Where a corpus's bytes live: compiled into the module, or given by
/// JavaScript (`fromBytes`, `load`) to an engine-only module.
#[cfg(feature = "embed")]
type Bytes = &'static [u8];
#[cfg(not(feature = "embed"))]
type Bytes = Box<[u8]>;

/// A corpus that can be queried.
#[wasm_bindgen]
pub struct Corpus {
    bytes: Bytes,
    /// The corpus's tokens, derived by the first call that needs them.
    #[cfg(feature = "stats")]
    tokens: crate::engine::tokens::TokenCache,
}

impl Corpus {
    /// A corpus over `bytes` (already checked).
    fn over(bytes: Bytes) -> Corpus {
        Corpus {
            bytes,
            #[cfg(feature = "stats")]
            tokens: crate::engine::tokens::TokenCache::new(),
        }
    }
}

/// The JS exception for `e`.
#[inline(never)]
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name("YuliaoError");
    let _ = Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(e.kind().as_str()));
    // Only CQL errors have a position, and CQL is in the statistics build.
    #[cfg(feature = "stats")]
    if let Some(at) = e.position() {
        let _ = Reflect::set(&err, &JsValue::from_str("at"), &JsValue::from(at));
    }
    err.into()
}

/// A result as plain JavaScript values.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    finish(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()))
}

/// The end of [`to_js`], out of its generic body: the error, or the value
/// with its fields named `__proto__` given their name back (see
/// [`crate::engine::results::PROTO_KEY`]).
#[inline(never)]
fn finish(built: Result<JsValue, serde_wasm_bindgen::Error>) -> Result<JsValue, JsValue> {
    let renamed = crate::engine::results::PROTO_KEYS.swap(false, core::sync::atomic::Ordering::Relaxed);
    let value = built.map_err(|e| throw(Error::argument(format!("cannot build the result: {e}"))))?;
    if renamed {
        args::own_proto(&value);
    }
    Ok(value)
}

#[wasm_bindgen]
impl Corpus {
    /// The corpus compiled into this module (`YULIAO_CORPUS` at build time).
    #[cfg(feature = "embed")]
    pub fn embedded() -> Result<Corpus, JsValue> {
        // Compiled in by this crate's own build.rs (and checked by its
        // tests), so only decoded here; readers stay bounds-checked.
        Engine::reopen(crate::EMBEDDED).map_err(throw)?;
        Ok(Corpus::over(crate::EMBEDDED))
    }

    fn engine(&self) -> Result<Engine<'_>, JsValue> {
        #[allow(clippy::needless_borrow)] // a Box in engine builds
        let bytes: &[u8] = &self.bytes;
        // Checked when the corpus was created; decoding again takes
        // microseconds and copies nothing.
        let engine = Engine::reopen(bytes).map_err(throw)?;
        #[cfg(feature = "stats")]
        let engine = engine.with_tokens(&self.tokens);
        Ok(engine)
    }

    /// Corpus statistics and every facet value with its count.
    #[wasm_bindgen(unchecked_return_type = "Info")]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine()?.info().map_err(throw)?)
    }

    /// Search: every document containing the query's terms, best first.
    #[wasm_bindgen(unchecked_return_type = "SearchResult")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = self::query(&query)?;
        let options: SearchOptions = self::options("search options", options)?;
        to_js(&self.engine()?.search(&query, &options).map_err(throw)?)
    }

    /// Browse without a query: the documents passing `filters`, in id order.
    #[wasm_bindgen(unchecked_return_type = "FilterResult")]
    pub fn filter(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Filters")] filters: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "FilterOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let filters: Filters = self::options("filters", filters)?;
        let options: FilterOptions = self::options("filter options", options)?;
        to_js(&self.engine()?.filter(&filters, &options).map_err(throw)?)
    }

    /// Every occurrence of a word or phrase (or, with corpus linguistics,
    /// of a CQL pattern), with context (KWIC).
    #[cfg_attr(not(feature = "stats"), wasm_bindgen(unchecked_return_type = "Concordance"))]
    #[cfg_attr(feature = "stats", wasm_bindgen(unchecked_return_type = "Concordance | CsvExport"))]
    pub fn concordance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConcordanceOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = self::query(&query)?;
        let options: ConcordanceOptions = self::options("concordance options", options)?;
        to_js(&self.engine()?.concordance(&query, &options).map_err(throw)?)
    }

    /// One whole document; with `{ query }`, also the spans of its matches.
    #[wasm_bindgen(unchecked_return_type = "Document")]
    pub fn doc(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DocOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let engine = self.engine()?;
        let Some(id) = id.as_f64() else {
            return Err(throw(Error::argument(format!(
                "a document id must be an integer from 0 to {}, got {}",
                engine.len().saturating_sub(1),
                describe(&id)
            ))));
        };
        let options: DocOptions = self::options("doc options", options)?;
        to_js(&engine.doc(id, &options).map_err(throw)?)
    }

    /// Completions of a prefix typed in characters or pinyin: corpus words
    /// (and phrases, for pinyin), most frequent first.
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Suggestion[]")]
    pub fn suggest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SuggestOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let prefix = self::query(&prefix)?;
        let options: crate::engine::options::SuggestOptions = self::options("suggest options", options)?;
        to_js(&self.engine()?.suggest(&prefix, &options).map_err(throw)?)
    }

    /// Segment text with the corpus vocabulary, as the build segmented the corpus.
    #[wasm_bindgen(unchecked_return_type = "Token[]")]
    pub fn segment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let max = crate::engine::MAX_SEGMENT_CHARS;
        let text = string("text", &text, 2 * max as u32, &format!("the limit is {max} characters"))?;
        to_js(&self.engine()?.segment(&text).map_err(throw)?)
    }

    /// A frequency list: of the corpus's words (no query, or `null`), of
    /// tags or a field's values (`by`), or of what a query matched.
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Frequencies | CsvExport")]
    pub fn frequencies(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "FrequencyOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = match query.filter(|q| !q.is_undefined() && !q.is_null()) {
            Some(q) => Some(self::query(&q)?),
            None => None,
        };
        let options = self::options("frequency options", options)?;
        to_js(&self.engine()?.frequencies(query.as_deref(), &options).map_err(throw)?)
    }

    /// The collocates of a query (any word, phrase or CQL pattern), with
    /// every association score.
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Collocates | CsvExport")]
    pub fn collocates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CollocateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = self::query(&query)?;
        let options = self::options("collocate options", options)?;
        to_js(&self.engine()?.collocates(&query, &options).map_err(throw)?)
    }

    /// The n-grams of the corpus (of words or tags, 2 to 6 tokens).
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Ngrams | CsvExport")]
    pub fn ngrams(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NgramOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = self::options("n-gram options", options)?;
        to_js(&self.engine()?.ngrams(&options).map_err(throw)?)
    }

    /// How a query's matches spread over documents or a field's values
    /// (range, DP, DPnorm, positions for a barcode plot).
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Dispersion | CsvExport")]
    pub fn dispersion(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DispersionOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = self::query(&query)?;
        let options = self::options("dispersion options", options)?;
        to_js(&self.engine()?.dispersion(&query, &options).map_err(throw)?)
    }

    /// The keywords of a focus subcorpus against a reference.
    #[cfg(feature = "stats")]
    #[wasm_bindgen(unchecked_return_type = "Keywords | CsvExport")]
    pub fn keywords(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeywordOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = self::options("keyword options", Some(options))?;
        to_js(&self.engine()?.keywords(&options).map_err(throw)?)
    }
}

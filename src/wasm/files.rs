//! Bundle files (engine builds, without a corpus compiled in):
//! `Corpus.fromBytes(bytes)` and `Corpus.load(url, { onProgress })`.
//!
//! The download is JavaScript (below), which writes each chunk straight
//! into a [`BundleBuffer`] in the module's memory as it arrives: the bundle
//! is never held twice, and memory is reserved fallibly, so a bundle too
//! large for the module is a `loadFailed` error rather than a crash. The
//! bytes are then fully checked (magic, version, checksum, structure).

use super::args::{describe, string};
use super::{throw, Corpus};
use crate::bundle::Bundle;
use crate::error::Error;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// `Corpus.load`: the download (with progress) is JavaScript, which then
// opens the bytes with the generated `Corpus.fromBytes`; wasm-pack places
// this snippet at `snippets/<crate>/inline1.js`, two levels below the
// package's `yuliao.js`, which it imports (a cycle of ES modules, used only
// after both are loaded; scripts/minify-glue.sh bundles the two into one
// file). (An `async fn` here would add wasm-bindgen-futures, 5 KB of the
// seed module, for what a dozen lines of JavaScript do.)
#[wasm_bindgen(inline_js = r#"
import { Corpus, BundleBuffer } from "../../yuliao.js";
export async function loadBundle(url, options) {
  const report = progressCallback(options);
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
// \`options.onProgress\` of \`load\`, checked: a function or absent.
function progressCallback(options) {
  if (options === undefined || options === null) return () => {};
  let keys, f;
  try {
    if (typeof options !== "object" || Array.isArray(options)) throw failure("load options must be an object such as { onProgress }", "invalidArgument");
    keys = Object.keys(options);
    f = options.onProgress;
  } catch (e) {
    if (e?.name === "YuliaoError") throw e;
    throw failure(`cannot read load options: ${e?.message ?? String(e)}`, "invalidArgument");
  }
  const unknown = keys.find((k) => k !== "onProgress");
  if (unknown !== undefined) throw failure(`load options: unknown field \`${unknown}\`, expected \`onProgress\``, "invalidArgument");
  if (f !== undefined && typeof f !== "function") throw failure("load options: onProgress must be a function", "invalidArgument");
  return f ?? (() => {});
}
function failure(message, kind = "loadFailed") {
  const e = new Error(message);
  e.name = "YuliaoError";
  e.kind = kind;
  return e;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = loadBundle)]
    fn load_bundle(url: &str, options: &JsValue) -> js_sys::Promise;
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
        Ok(Corpus::over(owned))
    }
}

fn too_large(n: usize) -> Error {
    Error::new(
        crate::ErrorKind::LoadFailed,
        format!("cannot hold a bundle of {n} bytes: the module's memory (at most 4 GiB) is full"),
    )
}

#[wasm_bindgen]
impl Corpus {
    /// A corpus from bundle bytes (a file made by `yuliao build`). The bytes
    /// are copied (into memory reserved fallibly: a bundle too large for the
    /// module's memory is a `loadFailed` error, not a crash) and fully
    /// checked, checksum included.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<Corpus, JsValue> {
        let Some(array) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(throw(Error::argument(format!(
                "fromBytes needs a Uint8Array, got {}",
                describe(&bytes)
            ))));
        };
        let mut buffer = BundleBuffer::new(f64::from(array.length()))?;
        buffer.push(array)?;
        buffer.into_corpus()
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
        match string("url", &url, 100_000, "the limit is 100000") {
            Ok(url) => load_bundle(&url, &options.unwrap_or(JsValue::UNDEFINED)),
            Err(e) => js_sys::Promise::reject(&e),
        }
    }
}

/**
 * The one file a page includes:
 *
 *   <script type="module" src="yuliao-search.js"></script>
 *   <yuliao-search></yuliao-search>
 *
 * It registers the `<yuliao-search>` element (the class is in
 * widget/element.js, its behaviour in the other widget/ modules) and exports
 * the class for pages that want to register it under another name.
 *
 * The engine (widget/engine.js, which imports only widget/cql.js) and the
 * stylesheet (widget/styles.js, which imports nothing) come first: for each
 * element already in the page they start downloading and compiling the
 * wasm, opening the corpus and fetching the CSS while the rest of the
 * widget's modules arrive, instead of after.
 */
import { warm } from "./widget/engine.js";
import { loadStyles } from "./widget/styles.js";

const elements = document.querySelectorAll("yuliao-search");
if (elements.length) loadStyles();
for (const element of elements) warm(element);

const { YuliaoSearchElement } = await import("./widget/element.js");

if (!customElements.get("yuliao-search")) customElements.define("yuliao-search", YuliaoSearchElement);

export { YuliaoSearchElement };

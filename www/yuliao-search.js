/**
 * The one file a page includes:
 *
 *   <script type="module" src="yuliao-search.js"></script>
 *   <yuliao-search></yuliao-search>
 *
 * It registers the `<yuliao-search>` element (the class is in
 * widget/element.js, its behaviour in the other widget/ modules) and exports
 * the class for pages that want to register it under another name.
 */
import { YuliaoSearchElement } from "./widget/element.js";

if (!customElements.get("yuliao-search")) customElements.define("yuliao-search", YuliaoSearchElement);

export { YuliaoSearchElement };

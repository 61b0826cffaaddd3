/**
 * The widget's stylesheet (yuliao-search.css), fetched once per page and
 * adopted by every element's shadow root. It imports nothing, so
 * yuliao-search.js starts the fetch before the rest of the widget arrives.
 */
const STYLE_URL = new URL("./yuliao-search.css", import.meta.url);

let stylesheet = null;

/** The stylesheet as a constructed `CSSStyleSheet` (a promise, shared). */
export function loadStyles() {
  stylesheet ??= fetch(STYLE_URL)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${STYLE_URL}: HTTP ${r.status}`))))
    .then((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  stylesheet.catch(() => {}); // an element falls back to no styles
  return stylesheet;
}

/** Until the stylesheet arrives, the skeleton is laid out but not painted. */
export const UNSTYLED = new CSSStyleSheet();
UNSTYLED.replaceSync(":host{display:block;min-height:3rem}.root{visibility:hidden}");

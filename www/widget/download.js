/**
 * Downloads: the buttons of a table or concordance (every row as CSV, and
 * what the table is as JSON), and saving a file the widget made through
 * the browser's download: a Blob, an object URL, and a click on a
 * temporary `<a download>` in the shadow root. The text is UTF-8 (the
 * engine's CSV starts with its byte order mark, for spreadsheets).
 */
import { h } from "./dom.js";

/** The download buttons (`data-action` "csv" and "about"; the element runs them). */
export function downloads(what) {
  return h("div", { class: "downloads", role: "group", "aria-label": "下载" },
    h("button", { type: "button", "data-action": "csv", "data-focus-key": "download\u0000csv", part: "download" }, `下载${what} CSV`),
    h("button", { type: "button", "data-action": "about", "data-focus-key": "download\u0000about", part: "download" }, "下载说明（JSON）"),
  );
}

/** Saves `content` as a file named `filename` of MIME type `type`. */
export function saveFile(root, content, filename, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to have read it; then the memory is freed.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

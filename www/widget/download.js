/**
 * CSV downloads: the engine's export of a table or concordance (every row
 * as CSV, and what it is as JSON), saved through the browser's download:
 * a Blob, an object URL, and a click on a temporary `<a download>` in the
 * shadow root. The text is UTF-8 (the engine's CSV starts with its byte
 * order mark, for spreadsheets). Part of stats-ui.js, loaded when first
 * needed; the buttons are controls.js's `downloads()`.
 */
import { num } from "./dom.js";

/**
 * Saves `what` ("csv": the rows; "about": what they are, as JSON) of the
 * export `request` (stats.js), asking `engine` for it unless `previous`
 * (the last export, `{ key, value }`) is the same request. `say(text)`
 * tells how it goes. Returns the export, to pass as `previous` next time;
 * throws what the engine throws.
 */
export async function download(what, { request, previous, engine, root, say }) {
  const key = JSON.stringify(request);
  let exported = previous;
  if (exported?.key !== key) {
    say("正在生成 CSV…");
    exported = { key, value: await engine[request.method](...request.args) };
  }
  const { csv, filename, about } = exported.value;
  if (what === "csv") saveFile(root, csv, filename, "text/csv;charset=utf-8");
  else saveFile(root, `${JSON.stringify(about, null, 2)}\n`, `${filename}.about.json`, "application/json");
  say(what === "csv" ? `已下载 ${filename}（${num(about.rows)} 行）` : `已下载 ${filename}.about.json`);
  return exported;
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

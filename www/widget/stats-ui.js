/**
 * What the widget imports (import()) when the statistics are first needed:
 * a statistics view shown, a CQL query typed (CQL needs the statistics
 * module anyway), a CSV download asked for. A page that only searches
 * never loads it; bundled by esbuild, it is a chunk of its own.
 *
 *   stats-view.js    the five statistics views (and table-view.js, tags.js)
 *   query-error.js   a CQL error: its marker under the box, its help, what is said
 *   download.js      CSV downloads
 */
export { renderStats, statsControls, focusField } from "./stats-view.js";
export { renderQueryError, cqlHelp, errorSaid } from "./query-error.js";
export { download } from "./download.js";

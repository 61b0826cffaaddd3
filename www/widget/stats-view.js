/**
 * The frame of the five statistics views (frequencies-view.js,
 * collocates-view.js, ngrams-view.js, dispersion-view.js,
 * keywords-view.js): each view's options bar, then what it still needs
 * (a query, a focus) or its error, or its answer: a figure (dispersion),
 * a note when the engine had more rows than the widget fetched, the CSV
 * downloads, and the sortable, paged table (table-view.js). The element
 * puts the parts in its skeleton. It imports this module (and so the five
 * views) with import() when a statistics view is first shown.
 */
import { h, num } from "./dom.js";
import { bar, downloads } from "./controls.js";
import { renderTable } from "./table-view.js";
import frequencies from "./frequencies-view.js";
import collocates from "./collocates-view.js";
import ngrams from "./ngrams-view.js";
import dispersion from "./dispersion-view.js";
import keywords from "./keywords-view.js";

export const STATS_VIEW_DEFS = { frequencies, collocates, ngrams, dispersion, keywords };
export { focusField } from "./keywords-view.js";

/** The options bar of view `view`, for state `s` (also drawn while its answer is computed). */
export function statsControls(view, s, ctx) {
  const def = STATS_VIEW_DEFS[view];
  return bar(`${def.label}选项`, def.controls(s, ctx));
}

/**
 * A statistics view for listing `L` (kind "stats", or "error" with its
 * view) and state `s`: `{ controls, summary, said, content, pages,
 * pageCount, state }`. `summary` is text or nodes for the status line,
 * `said` what the announcer says for a new answer (or null), `pageSaid`
 * for another page or order of the same table, `state` the root's
 * `data-state` ("results", "none", "empty", "error").
 */
export function renderStats(L, s, ctx) {
  const def = STATS_VIEW_DEFS[L.view];
  const controls = statsControls(L.view, s, ctx);
  if (L.kind === "error") {
    const message = `统计出错：${L.error?.message ?? String(L.error)}`;
    return {
      controls,
      summary: h("span", { class: "error" }, "统计出错"),
      said: message,
      content: h("div", { class: "notice error", part: "error" }, h("p", {}, message), L.error?.kind ? h("p", { class: "hint" }, `（${L.error.kind}）`) : null),
      pages: null, pageCount: 1, state: "error",
    };
  }
  if (L.needs) {
    return {
      controls,
      summary: `共 ${num(ctx.info.documents)} 篇文档、${num(ctx.info.tokens)} 词`,
      said: null,
      content: h("div", { class: "notice help" }, h("p", {}, def.help[L.needs])),
      pages: null, pageCount: 1, state: "empty",
    };
  }
  const v = L.value;
  const t = def.table(v, s, ctx);
  const summary = def.summary(v, s, ctx);
  const total = L.total;
  if (!t.rows.length) {
    return {
      controls, summary, said: summary,
      content: [def.figure?.(v, s, ctx), h("div", { class: "notice empty", part: "no-results" }, h("p", {}, "没有符合条件的结果。"), h("p", { class: "hint" }, "可以换一个检索式，放宽选项，或去掉一些筛选条件。"))],
      pages: null, pageCount: 1, state: "none",
    };
  }
  const { table, pages, pageCount } = renderTable({ id: `${L.view}-table`, caption: t.caption, columns: t.columns, rows: t.rows, order: s.order, defaultOrder: t.defaultOrder, page: s.page });
  const page = Math.min(s.page, pageCount);
  const more = total > t.rows.length
    ? h("p", { class: "hint more" }, `共 ${num(total)} ${t.unit}，表中是${t.orderName ? `按${t.orderName}排在前面的` : "前"} ${num(t.rows.length)} ${t.unit}（排序只在这些之中）；下载 CSV 可得全部。`)
    : null;
  const pageNote = pageCount > 1 ? `，第 ${num(page)} / ${num(pageCount)} 页` : "";
  return {
    controls,
    summary: [h("strong", { class: "total" }, summary), pageNote],
    said: `${def.label}：${summary}${pageNote}`,
    pageSaid: `第 ${page} / ${pageCount} 页`,
    content: [def.figure?.(v, s, ctx), h("div", { class: "table-tools" }, more, downloads("表格")), table],
    pages, pageCount, state: "results",
  };
}

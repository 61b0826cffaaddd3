/**
 * Pagination: previous, a window of page numbers around the current one
 * (with the first and last), next. Buttons carry `data-page`; the current
 * page has `aria-current="page"`.
 */
import { h, num } from "./dom.js";

export function renderPagination(page, pages) {
  if (pages <= 1) return null;
  const numbers = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items = [];
  numbers.forEach((p, i) => {
    if (i > 0 && p - numbers[i - 1] > 1) items.push(h("span", { class: "gap", "aria-hidden": "true" }, "…"));
    items.push(
      h("button", { type: "button", "data-page": p, "aria-current": p === page ? "page" : null, "aria-label": `第 ${p} 页`, "data-focus-key": `page\u0000${p}` }, num(p)),
    );
  });
  return h("nav", { class: "pages", "aria-label": "翻页", part: "pagination" },
    h("button", { type: "button", "data-page": page - 1, disabled: page <= 1, "data-focus-key": "page\u0000prev" }, "上一页"),
    items,
    h("button", { type: "button", "data-page": page + 1, disabled: page >= pages, "data-focus-key": "page\u0000next" }, "下一页"),
  );
}

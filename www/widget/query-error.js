/**
 * A CQL error under the search box: the engine's message and the query
 * with the character where it went wrong marked (a `<mark>`, named for
 * screen readers; at the end of the query, an empty mark). The element
 * points the input's `aria-describedby` at it and sets `aria-invalid`
 * while it is shown.
 */
import { h, num } from "./dom.js";
import { errorOffset } from "./cql.js";

/**
 * The error's position as `{ at, char, n }` (UTF-16 index, the character
 * there or "" at the end, its 1-based number in characters), or null.
 */
export function errorPosition(error, q) {
  const at = errorOffset(error?.message ?? "", q);
  if (at === null) return null;
  const char = Array.from(q.slice(at))[0] ?? "";
  return { at, char, n: Array.from(q.slice(0, at)).length + 1 };
}

/** Fills `box` with the error of query `q`. */
export function renderQueryError(box, q, error) {
  const pos = errorPosition(error, q);
  const where = pos ? (pos.char ? `第 ${num(pos.n)} 个字符处` : "末尾") : "";
  box.replaceChildren(
    h("p", { class: "query-error-message" }, `检索式${where}有误：${error.message}`),
    pos
      ? h("p", { class: "query-error-text" },
          h("code", {},
            q.slice(0, pos.at),
            pos.char
              ? h("mark", { class: "error-at", part: "error-mark" }, h("span", { class: "sr-only" }, "（出错处："), pos.char, h("span", { class: "sr-only" }, "）"))
              : h("mark", { class: "error-at end", part: "error-mark" }, h("span", { class: "sr-only" }, "（出错处：检索式末尾）")),
            q.slice(pos.at + pos.char.length),
          ))
      : null,
  );
}

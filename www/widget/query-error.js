/**
 * A CQL error under the search box: the engine's message and the query
 * with the character where it went wrong marked (a `<mark>`, named for
 * screen readers; at the end of the query, an empty mark). The element
 * points the input's `aria-describedby` at it and sets `aria-invalid`
 * while it is shown. Also the help the list shows for it, and what the
 * announcer says. Part of stats-ui.js (CQL needs the statistics anyway).
 */
import { h, num } from "./dom.js";

/**
 * Where a CQL error is, from the engine's message: the last `at N` in it
 * (`expected ] at 9, found the end of the query`; `expected " to close the
 * value opened at 5 at 8` is at 8), N counting characters (code points)
 * from 0. Returned as a UTF-16 index into `query`, which may be
 * `query.length` (the error is at the end); null when the message names no
 * position or one past the end.
 */
export function errorOffset(message, query) {
  const all = [...String(message).matchAll(/\bat (\d+)\b/g)];
  if (!all.length) return null;
  const n = Number(all.at(-1)[1]);
  const chars = Array.from(query);
  if (n > chars.length) return null;
  return chars.slice(0, n).join("").length;
}

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

/** In the list, for a CQL error: where the error is, and what CQL looks like. */
export function cqlHelp() {
  return h("div", { class: "notice error", part: "error" },
    h("p", {}, "CQL 检索式有误：出错的位置已在检索框下方标出。"),
    h("ul", { class: "syntax" },
      h("li", {}, h("code", {}, '[pos="a"] "的" [pos="n.*"]'), " 形容词、“的”、名词"),
      h("li", {}, h("code", {}, '"发展" []{0,3} "经济"'), " “发展”之后三个词以内有“经济”"),
      h("li", {}, h("code", {}, '[word=".*化" & pos="v.*"]'), " 以“化”结尾的动词"),
    ),
  );
}

/** A CQL error of query `q`, with where it is, for the announcer. */
export function errorSaid(error, q) {
  const pos = errorPosition(error, q);
  if (!pos) return `检索式有误：${error.message}`;
  return `检索式${pos.char ? `第 ${pos.n} 个字符“${pos.char}”处` : "末尾"}有误：${error.message}`;
}

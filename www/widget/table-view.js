/**
 * The table of a statistics view: the rows the engine gave (up to
 * stats.js FETCH), sorted by a column and paged here. Each column header is
 * a button that sorts by it (again: the other way); the sorted column's
 * header has `aria-sort`. The first column heads its row (`<th scope=row>`).
 * The table scrolls sideways inside its own region when it is wider than
 * the widget (a phone), with that first column kept in view.
 *
 * A column: `{ key, label, type, value?, cell?, title? }`: `type` "text",
 * "int" (grouped: 26,936), "dec" (2 decimals) or "dec3"; `value(row)` the
 * value sorted and shown (default `row[key]`), `cell(row)` what the cell
 * shows instead of the formatted value (nodes or text), `title` what the
 * header means, as its tooltip. Text is text: cells are filled with text
 * nodes.
 */
import { h, num, fixed } from "./dom.js";
import { renderPagination } from "./pagination.js";

/** Table rows per page. */
export const ROWS_PER_PAGE = 50;

let collator = null; // created on the first sort by a text column (it loads the locale's data)

const valueOf = (column, row) => (column.value ? column.value(row) : row[column.key]);

export function format(type, v) {
  if (v === null || v === undefined) return "—";
  if (type === "int") return num(v);
  if (type === "dec") return fixed(v, 2);
  if (type === "dec3") return fixed(v, 3);
  return String(v);
}

/** `order` ("key" or "-key") as `{ key, desc }`, or null when no column has that key. */
export function parseOrder(order, columns) {
  if (!order) return null;
  const desc = order.startsWith("-");
  const key = desc ? order.slice(1) : order;
  return columns.some((c) => c.key === key) ? { key, desc } : null;
}

/**
 * `rows` sorted by `order` (`{ key, desc }`), stably: ties keep the
 * engine's order. Missing values (null) go last either way.
 */
export function sortRows(rows, columns, order) {
  if (!order) return rows;
  const column = columns.find((c) => c.key === order.key);
  const dir = order.desc ? -1 : 1;
  const compare = column.type === "text"
    ? (a, b) => (collator ??= new Intl.Collator("zh-CN", { numeric: true })).compare(String(a), String(b))
    : (a, b) => a - b;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(column, row) }))
    .sort((a, b) => {
      const na = a.v === null || a.v === undefined;
      const nb = b.v === null || b.v === undefined;
      if (na || nb) return na === nb ? a.i - b.i : na ? 1 : -1;
      return compare(a.v, b.v) * dir || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The order a header button asks for: its column the other way, or its column's first way. */
function nextOrder(column, current) {
  if (current?.key === column.key) return `${current.desc ? "" : "-"}${column.key}`;
  return column.type === "text" ? column.key : `-${column.key}`;
}

/**
 * The table: `{ id, caption, columns, rows, order, defaultOrder, page }`,
 * `order` the state's (or null for `defaultOrder`, the column the engine
 * sorted by, or null for its own order). Returns `{ table, pages, pageCount }`:
 * the table (in its scrolling region) and the pagination (or null).
 */
export function renderTable({ id, caption, columns, rows, order, defaultOrder = null, page }) {
  const parsed = parseOrder(order, columns);
  const current = parsed ?? parseOrder(defaultOrder, columns);
  const sorted = parsed ? sortRows(rows, columns, parsed) : rows;
  const pageCount = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const p = Math.min(Math.max(page, 1), pageCount);
  const shown = sorted.slice((p - 1) * ROWS_PER_PAGE, p * ROWS_PER_PAGE);
  const head = h("tr", {},
    columns.map((c) => {
      const sortedHere = current?.key === c.key;
      return h("th", { scope: "col", class: c.type === "text" ? "" : "num", "aria-sort": sortedHere ? (current.desc ? "descending" : "ascending") : null },
        h("button", { type: "button", class: "sort-button", "data-action": "order", "data-order": nextOrder(c, current), "data-focus-key": `order\u0000${c.key}`, title: c.title ?? null },
          c.label,
          h("span", { class: "sort-mark", "aria-hidden": "true" }, sortedHere ? (current.desc ? " ▼" : " ▲") : " ↕")),
      );
    }),
  );
  const body = shown.map((row) =>
    h("tr", {},
      columns.map((c, i) => {
        const content = c.cell ? c.cell(row) : format(c.type, valueOf(c, row));
        return i === 0 ? h("th", { scope: "row", class: c.type === "text" ? "" : "num" }, content) : h("td", { class: c.type === "text" ? "" : "num" }, content);
      }),
    ),
  );
  const table = h("div", { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0", part: "table" },
    h("table", { id, class: "stats-table" },
      h("caption", { id: `${id}-caption` }, caption),
      h("thead", {}, head),
      h("tbody", {}, body),
    ),
  );
  return { table, pages: renderPagination(p, pageCount), pageCount };
}

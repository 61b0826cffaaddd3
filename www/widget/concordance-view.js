/**
 * The concordance (KWIC) view: every occurrence of the query on one line,
 * left context right-aligned, the match centred, right context left-aligned,
 * in three columns that line up from line to line (a CSS subgrid). Lines are
 * options of a `role="listbox"`; each opens the reading view at its match.
 */
import { h } from "./dom.js";

/** A context as one line: line breaks of the text are shown as ` / `. */
const flat = (s) => s.replace(/\s*\n\s*/g, " / ");

export function renderConcordance(listing, { label }) {
  const list = h("ol", { class: "kwic", id: "kwic-list", role: "listbox", "aria-label": label, part: "concordance" });
  listing.items.forEach((line, i) => {
    list.append(
      h("li", { class: "line", role: "option", id: `line-${i}`, "aria-selected": "false", "data-id": line.id, "data-start": line.start, part: "concordance-line" },
        h("span", { class: "left" }, h("span", {}, flat(line.left))),
        h("mark", { class: "match", part: "mark" }, line.match),
        h("span", { class: "right" }, h("span", {}, flat(line.right))),
      ),
    );
  });
  return list;
}

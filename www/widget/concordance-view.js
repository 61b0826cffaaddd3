/**
 * The concordance (KWIC) view: every occurrence of the query on one line,
 * left context right-aligned, the match centred, right context left-aligned,
 * in three columns that line up from line to line (a CSS subgrid). Lines are
 * options of a `role="listbox"`; each opens the reading view at its match.
 * Each line starts with its reference (config.js `reference`: the title,
 * the date… of its document, from the listing's `refs`), part of the
 * option like the rest of the line, so that a line names where it comes
 * from when it is read or chosen; a fourth column on a wide widget, a
 * line of its own above the contexts on a narrow one.
 * Its options bar: the order (by the left or right context, or, with the
 * statistics, by the words or tags at given places: `R1`, `L2:pos`…, and
 * then by a second key), a random sample, and the CSV of every line.
 */
import { h } from "./dom.js";
import { valuesOf } from "./results-view.js";
import { select, downloads } from "./controls.js";
import { CHARACTER_SORTS } from "./state.js";

/** A context as one line: line breaks of the text are shown as ` / `. */
const flat = (s) => s.replace(/\s*\n\s*/g, " / ");

const CHARACTER_LABELS = { doc: "文档顺序", left: "按左侧语境", right: "按右侧语境" };
const PLACES = { L1: "左一词", L2: "左二词", L3: "左三词", L4: "左四词", L5: "左五词", R1: "右一词", R2: "右二词", R3: "右三词", R4: "右四词", R5: "右五词", match: "匹配" };
/** The token keys the select offers (a URL may hold others: they are shown too). */
const OFFERED = ["L1", "L2", "R1", "R2", "match"];
const SAMPLES = [50, 100, 500, 1000];

/** The name of a sort key: `R1` → 右一词, `L2:pos` → 左二词词性. */
export function sortKeyLabel(key) {
  if (CHARACTER_LABELS[key]) return CHARACTER_LABELS[key];
  const [place, attr] = key.split(":");
  return `${PLACES[place] ?? place}${attr === "pos" ? "词性" : ""}`;
}

const tokenOptions = (keys) => [
  { group: "按词", options: keys.map((k) => [k, sortKeyLabel(k)]) },
  { group: "按词性", options: keys.map((k) => [`${k}:pos`, sortKeyLabel(`${k}:pos`)]) },
];

/**
 * The options bar: `tokens` (the statistics are offered) adds the token
 * sort keys, the sample and the downloads.
 */
export function concordanceControls(s, { tokens }) {
  const keys = s.sort.split(",");
  const characters = CHARACTER_SORTS.map((k) => [k, CHARACTER_LABELS[k]]);
  const controls = [select("sort", "排序", tokens ? [...characters, ...tokenOptions(OFFERED)] : characters, keys[0], { data: { "data-part": "0" } })];
  if (tokens && !CHARACTER_SORTS.includes(keys[0])) {
    const others = tokenOptions(OFFERED).map((g) => ({ ...g, options: g.options.filter(([v]) => v !== keys[0]) }));
    controls.push(select("sort", "其次", [["", "（无）"], ...others], keys[1] ?? "", { data: { "data-part": "1" } }));
  }
  if (tokens) {
    controls.push(select("sample", "抽样", [["0", "全部"], ...SAMPLES.map((n) => [String(n), `随机 ${n} 行`])], String(s.sample)));
    if (s.sample) controls.push(h("button", { type: "button", class: "reshuffle", "data-action": "reshuffle", "data-focus-key": "reshuffle" }, "换一组"));
  }
  return h("div", { class: "options", role: "group", "aria-label": "语境选项", part: "options" }, controls, tokens ? downloads("语境") : null);
}

/** A line's reference: the chosen fields of its document (the title as it is, others as the facets name their values), joined by " · ". */
function reference(ref, fields, text) {
  if (!ref) return "";
  return fields
    .map((f) => (f === "title" ? ref.title ?? "" : valuesOf(ref, f).map((v) => text(f, v)).join("、")))
    .filter(Boolean)
    .join(" · ");
}

export function renderConcordance(listing, { label, reference: fields = [], text }) {
  const refs = fields.length ? listing.refs ?? new Map() : null;
  const list = h("ol", { class: "kwic", id: "kwic-list", role: "listbox", "aria-label": label, part: "concordance", "data-refs": refs ? "" : null });
  listing.items.forEach((line, i) => {
    const ref = refs ? reference(refs.get(line.id), fields, text) : null;
    list.append(
      h("li", { class: "line", role: "option", id: `line-${i}`, "aria-selected": "false", "data-id": line.id, "data-start": line.start, part: "concordance-line" },
        refs ? h("span", { class: "ref", part: "reference", title: ref || null }, ref ? [h("span", { class: "ref-text" }, ref), h("span", { class: "sr-only" }, "：")] : null) : null,
        h("span", { class: "left" }, h("span", {}, flat(line.left))),
        h("mark", { class: "match", part: "mark" }, line.match),
        h("span", { class: "right" }, h("span", {}, flat(line.right))),
      ),
    );
  });
  return list;
}

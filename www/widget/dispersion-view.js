/**
 * The dispersion view (分布): how a query's matches spread over the corpus
 * (`Corpus.dispersion`), by document or by the values of a field with one
 * value per document: range, DP and DPnorm; a barcode of every match's
 * place on the corpus's line (an SVG, one column per thousandth of the
 * line, darker where it holds more, with the parts' starts labelled when
 * by a field); a bar chart of
 * each part's frequency per million words; and the parts in a table,
 * which is the charts' text alternative along with the caption.
 */
import { h, svg, num, fixed } from "./dom.js";
import { select } from "./controls.js";
import { queryOf } from "./stats.js";

/** Columns of the barcode: positions are drawn per thousandth of the line. */
const COLUMNS = 1000;
/** The bar chart is drawn for at most this many parts (the table has them all). */
const MAX_BARS = 60;
/** Parts named under the bar chart, up to this many. */
const MAX_BAR_LABELS = 24;

const partLabel = (labels, by, part) => {
  if (by === "doc") return part.title ?? `#${part.value}`;
  return part.value === null ? "（无）" : labels.value(by, part.value);
};

/** The parts in words: `38 篇文档`, `8 个地区`. */
const partsName = (labels, v, n) => (v.by === "doc" ? `${num(n)} 篇文档` : `${num(n)} 个${labels.field(v.by)}`);

function summaryText(v, s, { labels }) {
  const q = queryOf(s);
  if (!v.total) return `“${q}”没有出现`;
  return `“${q}”共 ${num(v.total)} 处，见于 ${num(v.range)} / ${partsName(labels, v, v.partCount)}；DP ${fixed(v.dp, 3)}，DPnorm ${fixed(v.dpNorm, 3)}`;
}

const pct = (x, of) => (of > 0 ? ((x / of) * 100).toFixed(3) : "0");

/** The barcode: a band per part, a line per column of the line holding a match. */
function barcode(v, L) {
  const H = 40;
  const width = (p) => (p.size / v.tokens) * COLUMNS;
  const bands = v.parts.map((p, i) =>
    svg("rect", { class: v.by === "doc" || i % 2 ? "band alt" : "band", x: ((p.offset / v.tokens) * COLUMNS).toFixed(2), y: 0, width: width(p).toFixed(2), height: H }));
  // Matches per column; a column is darker the more it holds (four shades, one path each).
  const counts = new Map();
  for (const p of v.positions ?? []) {
    const x = Math.min(COLUMNS - 1, Math.floor((p / v.tokens) * COLUMNS));
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const most = Math.max(1, ...counts.values());
  const shades = [[], [], [], []];
  for (const [x, n] of [...counts].sort((a, b) => a[0] - b[0])) shades[Math.min(3, Math.ceil((n / most) * 4) - 1)].push(`M${x + 0.5} 3V${H - 3}`);
  const label = `条码图：${num(v.total)} 处出现在语料中的位置（语料共 ${num(v.tokens)} 词，${v.by === "doc" ? "按文档顺序" : `按${L.field(v.by)}排列`}；颜色越深，出现越密集）`;
  const chart = svg("svg", { class: "barcode", viewBox: `0 0 ${COLUMNS} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": label, part: "barcode" },
    bands,
    shades.map((d, i) => (d.length ? svg("path", { class: `hits shade-${i + 1}`, d: d.join("") }) : null)),
  );
  const labels = v.by === "doc"
    ? null
    : h("div", { class: "part-labels", "aria-hidden": "true" },
        v.parts.map((p) => h("span", { style: `left:${pct(p.offset, v.tokens)}%;width:${pct(p.size, v.tokens)}%`, title: partLabel(L, v.by, p) }, partLabel(L, v.by, p))));
  return h("div", { class: "barcode-box" }, chart, labels);
}

/** The bar chart of each part's frequency per million words. */
function bars(v, L) {
  const parts = v.parts;
  if (!parts.length) return null;
  if (parts.length > MAX_BARS) return h("p", { class: "hint" }, `部分较多（${num(parts.length)} 个），柱状图从略；各部分的数据见下表。`);
  const max = Math.max(...parts.map((p) => p.perMillion));
  const H = 100;
  const W = 10;
  const top = parts.reduce((a, b) => (b.perMillion > a.perMillion ? b : a));
  const label = `柱状图：${partsName(L, v, parts.length)}每百万词的频次，最高为${partLabel(L, v.by, top)}（${fixed(top.perMillion, 2)}）`;
  const chart = svg("svg", { class: "bars", viewBox: `0 0 ${parts.length * W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": label, part: "bar-chart" },
    svg("line", { class: "axis", x1: 0, x2: parts.length * W, y1: H - 0.5, y2: H - 0.5 }),
    parts.map((p, i) => {
      const height = max > 0 ? (p.perMillion / max) * (H - 2) : 0;
      return svg("rect", { class: "bar", x: i * W + 1.5, y: (H - 1 - height).toFixed(2), width: W - 3, height: height.toFixed(2) },
        svg("title", {}, `${partLabel(L, v.by, p)}：每百万词 ${fixed(p.perMillion, 2)}（${num(p.count)} 处）`));
    }),
  );
  return h("div", { class: "bars-box" },
    h("p", { class: "chart-scale", "aria-hidden": "true" }, `每百万词（最高 ${fixed(max, 2)}）`),
    chart,
    parts.length <= MAX_BAR_LABELS
      ? h("div", { class: "bar-labels", "aria-hidden": "true" }, parts.map((p) => h("span", { title: partLabel(L, v.by, p) }, partLabel(L, v.by, p))))
      : null,
  );
}

export default {
  label: "分布",
  help: {
    query: "输入一个词、短语或 CQL 检索式，查看它在语料中怎样分布：各部分的频次、离散度 DP，以及每一处出现的位置。",
  },

  controls(s, { info, labels }) {
    const fields = info.schema.filter((f) => f.type !== "strings").map((f) => [f.name, `按${labels.field(f.name)}`]);
    return [select("dby", "划分", [["doc", "按文档"], ...fields], s.dby)];
  },

  summary: summaryText,


  figure(v, s, ctx) {
    if (!v.total) return null;
    return h("figure", { class: "dispersion", "aria-labelledby": "dispersion-caption", part: "dispersion" },
      h("figcaption", { id: "dispersion-caption" }, `${summaryText(v, s, ctx)}。上为每一处出现的位置（颜色越深越密集），下为各部分每百万词的频次；数据见下表。`),
      barcode(v, ctx.labels),
      bars(v, ctx.labels),
    );
  },

  table(v, s, { labels: L }) {
    const byDoc = v.by === "doc";
    const first = byDoc
      ? { key: "value", label: "文档", type: "text", value: (p) => partLabel(L, v.by, p),
          cell: (p) => h("button", { type: "button", class: "link", "data-action": "open-doc", "data-id": p.value, "data-focus-key": `doc\u0000${p.value}` }, partLabel(L, v.by, p)) }
      : { key: "value", label: L.field(v.by), type: "text", value: (p) => partLabel(L, v.by, p) };
    return {
      caption: `“${queryOf(s)}”在各${byDoc ? "文档" : L.field(v.by)}中的频次${byDoc ? `（只列出有匹配的 ${num(v.parts.length)} 篇）` : ""}`,
      unit: byDoc ? "篇文档" : `个${L.field(v.by)}`,
      defaultOrder: null,
      columns: [
        first,
        { key: "size", label: "词数", type: "int", title: "这一部分的词数" },
        { key: "count", label: "频次", type: "int" },
        { key: "perMillion", label: "每百万词", type: "dec", title: "频次 ÷ 词数 × 1,000,000" },
      ],
      rows: v.parts,
    };
  },
};

/**
 * The frequencies view (词频): a frequency list of the corpus's words, of
 * their tags, or of a metadata field's values; with a query, of what it
 * matched, of the word before (L1) or after (R1) each match, or of its
 * matches per field value (`Corpus.frequencies`). The table's rows are
 * the engine's, up to stats.js FETCH, sorted and paged by table-view.js.
 */
import { num } from "./dom.js";
import { select } from "./controls.js";
import { tagName } from "./tags.js";
import { queryOf } from "./stats.js";

const UNITS = [
  ["word", "词"],
  ["pos", "词性"],
  ["match", "匹配文本"],
  ["L1", "左一词"],
  ["R1", "右一词"],
];

/** What a row's value is called, for `by`. */
const unitName = (by, labels) => UNITS.find(([v]) => v === by)?.[1] ?? labels.field(by);

export default {
  label: "词频",
  help: {
    query: "按匹配文本、左一词或右一词统计，需要先在检索框中输入检索式（词、短语或 CQL）。",
  },

  controls(s, { info, labels }) {
    const fields = info.schema.map((f) => [f.name, labels.field(f.name)]);
    return [
      select("by", "统计", [...UNITS.map(([v, l]) => [v, l]), { group: "元数据", options: fields }], s.by),
    ];
  },

  summary(v, s, { labels }) {
    const q = queryOf(s);
    const kinds = `${num(v.types)} 种${unitName(s.by, labels)}`;
    if (q) return `“${q}”共 ${num(v.matches ?? 0)} 处；${kinds}，共 ${num(v.total)} 次`;
    return `${kinds}，共 ${num(v.total)} 次（${num(v.documents)} 篇文档、${num(v.tokens)} 词）`;
  },


  table(v, s, { labels }) {
    const q = queryOf(s);
    const unit = unitName(s.by, labels);
    const field = !UNITS.some(([u]) => u === s.by);
    const shown = (value) => {
      if (value === null || value === undefined) return "—";
      if (s.by === "pos") return tagName(value) ? `${value}（${tagName(value)}）` : String(value);
      return field ? labels.value(s.by, value) : String(value);
    };
    return {
      caption: q ? `“${q}”的${unit}频次` : `${unit}频次表`,
      unit: `种${unit}`,
      defaultOrder: "-count",
      orderName: "频次",
      columns: [
        { key: "value", label: unit, type: "text", value: (r) => (r.value === null ? null : shown(r.value)) },
        { key: "count", label: "频次", type: "int" },
        { key: "perMillion", label: "每百万词", type: "dec", title: "频次 ÷ 语料词数 × 1,000,000" },
        { key: "range", label: "文档数", type: "int", title: "出现于多少篇文档" },
      ],
      rows: v.rows,
    };
  },
};

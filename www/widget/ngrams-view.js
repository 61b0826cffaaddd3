/**
 * The n-grams view (N元): the sequences of n tokens (words or their tags)
 * of the corpus or of the filtered documents, with their counts
 * (`Corpus.ngrams`); optionally only those with a word matching a pattern.
 * It does not use the search box's query. Rows: the engine's, up to
 * stats.js FETCH, sorted and paged by table-view.js.
 */
import { num } from "./dom.js";
import { select, number, text } from "./controls.js";

const NAMES = { 2: "二元组", 3: "三元组", 4: "四元组", 5: "五元组", 6: "六元组" };

export default {
  label: "N元",
  help: {},

  controls(s) {
    return [
      select("n", "长度", [2, 3, 4, 5, 6].map((n) => [String(n), `${n} 个词（${NAMES[n]}）`]), String(s.n)),
      select("nby", "单位", [["word", "词"], ["pos", "词性"]], s.nby),
      number("nmin", "最低频次", s.nmin, { min: 1 }),
      text("containing", "包含", s.containing, { placeholder: "词，可用正则，如 党.*" }),
    ];
  },

  summary(v, s) {
    const note = s.q ? "（N元统计不用检索框，可用“包含”筛选）" : "";
    return `${num(v.types)} 种${v.n}元组${s.nby === "pos" ? "（词性）" : ""}，共 ${num(v.total)} 次${note}`;
  },


  table(v, s) {
    return {
      caption: `${NAMES[v.n]}频次表${s.containing ? `（包含“${s.containing}”）` : ""}`,
      unit: `种${v.n}元组`,
      defaultOrder: "-count",
      orderName: "频次",
      columns: [
        { key: "value", label: NAMES[v.n], type: "text" },
        { key: "count", label: "频次", type: "int" },
        { key: "perMillion", label: "每百万词", type: "dec", title: "频次 ÷ 语料词数 × 1,000,000" },
        { key: "range", label: "文档数", type: "int", title: "出现于多少篇文档" },
      ],
      rows: v.rows,
    };
  },
};

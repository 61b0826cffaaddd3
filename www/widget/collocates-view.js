/**
 * The collocates view (搭配): the words found near the query's matches,
 * within a window of tokens left and right, with every association score
 * (`Corpus.collocates`), sorted by the chosen measure. The table's rows
 * are the engine's best, up to stats.js FETCH, re-sorted and paged by
 * table-view.js.
 */
import { h, num } from "./dom.js";
import { select, number, text } from "./controls.js";
import { tagName } from "./tags.js";
import { queryOf } from "./stats.js";

export const MEASURE_LABELS = {
  logDice: "logDice",
  mi: "MI",
  mi3: "MI3",
  tScore: "t 值",
  logLikelihood: "对数似然（G²）",
  logRatio: "对数比",
  observed: "共现频次",
};

const FORMULAS = {
  logDice: "14 + log₂(2·O ÷ (f节点 + f搭配词))",
  mi: "log₂(O ÷ E)",
  mi3: "log₂(O³ ÷ E)",
  tScore: "(O − E) ÷ √O",
  logLikelihood: "G²，O < E 时为负",
  logRatio: "log₂ 窗口内外相对频率之比",
};

export default {
  label: "搭配",
  help: {
    query: "输入一个词、短语或 CQL 检索式，查看在它左右若干词之内经常出现的词，以及各项搭配强度。",
  },

  controls(s) {
    return [
      number("window", "左窗口", s.window[0], { min: 0, max: 20, data: { "data-part": "0" } }),
      number("window", "右窗口", s.window[1], { min: 0, max: 20, data: { "data-part": "1" } }),
      select("measure", "排序指标", Object.entries(MEASURE_LABELS), s.measure),
      number("cmin", "最低共现", s.cmin, { min: 1 }),
      text("cpos", "词性", s.cpos, { placeholder: "如 n.* 或 v" }),
    ];
  },

  summary(v, s) {
    return `“${queryOf(s)}”共 ${num(v.node)} 处；窗口左 ${v.window[0]} 右 ${v.window[1]} 词内有 ${num(v.total)} 个搭配词`;
  },


  table(v, s) {
    const score = (key, label) => ({ key, label, type: "dec", title: FORMULAS[key] });
    return {
      caption: `“${queryOf(s)}”的搭配词（按${MEASURE_LABELS[v.measure] ?? v.measure}）`,
      unit: "个搭配词",
      defaultOrder: `-${v.measure}`,
      orderName: MEASURE_LABELS[v.measure] ?? v.measure,
      columns: [
        { key: "word", label: "搭配词", type: "text" },
        { key: "pos", label: "词性", type: "text", cell: (r) => h("abbr", { title: tagName(r.pos) || null }, r.pos) },
        { key: "observed", label: "共现", type: "int", title: "O：窗口内同现的次数" },
        { key: "expected", label: "期望", type: "dec", title: "E：随机分布时的期望共现次数" },
        { key: "frequency", label: "词频", type: "int", title: "搭配词在（筛选后的）语料中的频次" },
        { key: "range", label: "文档数", type: "int", title: "同现于多少篇文档" },
        score("logDice", "logDice"),
        score("mi", "MI"),
        score("mi3", "MI3"),
        score("tScore", "t 值"),
        score("logLikelihood", "对数似然"),
        score("logRatio", "对数比"),
      ],
      rows: v.rows,
    };
  },
};

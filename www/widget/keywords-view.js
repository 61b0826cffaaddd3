/**
 * The keywords view (关键词): the words used significantly more in a focus
 * subcorpus than in a reference (`Corpus.keywords`, log-likelihood with a
 * Bonferroni-corrected critical value). The focus is the documents with
 * one value of a field (chosen from the corpus's facet values), narrowed
 * by the current filters; the reference is every other document, or the
 * whole corpus. Rows: the engine's, up to stats.js FETCH, sorted and
 * paged by table-view.js.
 */
import { h, num, fixed } from "./dom.js";
import { select } from "./controls.js";
import { tagName } from "./tags.js";
import { own, has } from "./own.js";

/** The field the focus is chosen from: the state's, or the first facet field with two values or more. */
export function focusField(s, { info, facetFields }) {
  if (s.focus && has(info.fields, s.focus.field)) return s.focus.field;
  const candidates = facetFields.length ? facetFields : Object.keys(info.fields);
  return candidates.find((f) => (own(info.fields, f) ?? []).length > 1) ?? candidates[0] ?? null;
}

/** The focus in words: `地区：拉萨市`, and the filters. */
function focusName(s, labels) {
  const parts = [];
  if (s.focus?.value != null) parts.push(`${labels.field(s.focus.field)}：${labels.value(s.focus.field, s.focus.value)}`);
  for (const [field, values] of Object.entries(s.filters)) {
    if (field === s.focus?.field && s.focus.value != null) continue;
    parts.push(`${labels.field(field)}：${values.map((v) => labels.value(field, v)).join("或")}`);
  }
  return parts.join("，");
}

export default {
  label: "关键词",
  help: {
    focus: "选择一个字段和它的一个取值作为目标语料（也可以用“筛选”选定），与其余文档或全部语料比较，列出目标语料中显著多用的词。",
  },

  controls(s, ctx) {
    const { info, labels } = ctx;
    const field = focusField(s, ctx);
    const fields = Object.keys(info.fields).map((f) => [f, labels.field(f)]);
    const values = (own(info.fields, field) ?? []).filter((c) => c.value !== null).map((c) => [String(c.value), `${labels.value(field, c.value)}（${num(c.count)} 篇）`]);
    const value = s.focus?.field === field ? s.focus.value ?? "" : "";
    return [
      field ? select("focus-field", "目标字段", fields, field) : null,
      field ? select("focus-value", "目标取值", [["", "（请选择）"], ...values], value) : null,
      select("ref", "参照语料", [["rest", "其余文档"], ["all", "全部语料"]], s.ref),
    ];
  },

  summary(v, s, { labels }) {
    const ref = s.ref === "all" ? "全部语料" : "其余文档";
    return `目标（${focusName(s, labels)}）${num(v.focus.documents)} 篇、${num(v.focus.tokens)} 词；参照（${ref}）${num(v.reference.documents)} 篇、${num(v.reference.tokens)} 词；${num(v.total)} 个关键词（检验 ${num(v.tested)} 个词，临界值 ${fixed(v.critical, 2)}）`;
  },


  table(v, s, { labels }) {
    return {
      caption: `${focusName(s, labels)}的关键词（参照：${s.ref === "all" ? "全部语料" : "其余文档"}）`,
      unit: "个关键词",
      defaultOrder: "-logLikelihood",
      orderName: "对数似然",
      columns: [
        { key: "word", label: "词", type: "text" },
        { key: "pos", label: "词性", type: "text", cell: (r) => h("abbr", { title: tagName(r.pos) || null }, r.pos) },
        { key: "focus", label: "目标频次", type: "int" },
        { key: "reference", label: "参照频次", type: "int" },
        { key: "focusPerMillion", label: "目标每百万", type: "dec" },
        { key: "referencePerMillion", label: "参照每百万", type: "dec" },
        { key: "logLikelihood", label: "对数似然", type: "dec", title: "G²：越大，差异越显著" },
        { key: "logRatio", label: "对数比", type: "dec", title: "log₂（目标相对频率 ÷ 参照相对频率）：每多 1，多用一倍" },
      ],
      rows: v.rows,
    };
  },
};

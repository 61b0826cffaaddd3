/**
 * Chinese labels for the seed corpus's metadata fields and values. A field or
 * value without a label (any field of a custom corpus) is shown as it is.
 * The tables are Maps: a field or value named `constructor` or `__proto__`
 * has no label, rather than one inherited from Object.prototype.
 */
const fields = new Map([
  ["source", "来源"],
  ["kind", "体裁"],
  ["region", "地区"],
  ["reporters", "记者"],
  ["place", "地点"],
  ["date", "日期"],
  ["year", "年份"],
  ["month", "月份"],
  ["column", "栏目"],
  ["author", "作者"],
  ["key", "编号"],
]);

const values = new Map([
  ["kind", new Map([["article", "文章"], ["photo", "图片"], ["commentary", "评论"]])],
]);

/** The label of a metadata field: `region` → `地区`. */
export const fieldLabel = (field) => fields.get(field) ?? String(field);

/** The label of a field's value: `kind`/`photo` → `图片`. */
export const valueLabel = (field, value) => values.get(field)?.get(value) ?? String(value);

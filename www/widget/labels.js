/**
 * Chinese labels for the seed corpus's metadata fields and values. A field or
 * value without a label (any field of a custom corpus) is shown as it is.
 */
const fields = {
  source: "来源",
  kind: "体裁",
  region: "地区",
  reporters: "记者",
  place: "地点",
  date: "日期",
  column: "栏目",
  author: "作者",
  key: "编号",
};

const values = {
  kind: { article: "文章", photo: "图片", commentary: "评论" },
};

/** The label of a metadata field: `region` → `地区`. */
export const fieldLabel = (field) => fields[field] ?? field;

/** The label of a field's value: `kind`/`photo` → `图片`. */
export const valueLabel = (field, value) => values[field]?.[value] ?? String(value);

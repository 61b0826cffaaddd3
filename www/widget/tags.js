/**
 * Names of jieba's part-of-speech tags (the corpus's tag set), for the
 * statistics views (tags are shown only there: this module is in their
 * chunk, not in what a page that only searches loads).
 */
const tags = new Map(Object.entries({
  n: "名词", nr: "人名", nrfg: "人名", nrt: "音译人名", ns: "地名", nt: "机构名", nz: "其他专名", ng: "名语素",
  v: "动词", vn: "名动词", vd: "副动词", vg: "动语素", vi: "不及物动词", vq: "动词",
  a: "形容词", ad: "副形词", an: "名形词", ag: "形语素",
  d: "副词", dg: "副语素", m: "数词", mq: "数量词", q: "量词", r: "代词", rr: "人称代词", rz: "指示代词",
  p: "介词", c: "连词", u: "助词", uj: "助词“的”", ul: "助词“了”", uv: "助词“地”", ud: "助词“得”", uz: "助词“着”", ug: "助词“过”",
  t: "时间词", tg: "时语素", f: "方位词", s: "处所词", i: "成语", l: "习用语", j: "简称", b: "区别词", z: "状态词",
  zg: "状态语素", k: "后缀", h: "前缀", o: "拟声词", e: "叹词", y: "语气词", x: "非语素字", w: "标点", eng: "外文", g: "语素",
}));

/** The name of a part-of-speech tag (`vn` → `名动词`), or "" for a tag without one. */
export const tagName = (tag) => tags.get(tag) ?? "";

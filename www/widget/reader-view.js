/**
 * The reading view: one whole document with its metadata and every match of
 * the query highlighted (from `doc(id, { query }).matches`, UTF-16 offsets
 * into `text`), and a bar to go back to the list and to step through the
 * matches. Paragraphs are the text's lines; a match spanning a line break
 * is marked in each paragraph it touches. Text goes in as text nodes only.
 *
 * The metadata are the fields chosen for the reading view (config.js), in
 * their order; a link field's http or https URL is a link (opening in a
 * new tab, `rel="noopener noreferrer"`), anything else stays text.
 */
import { h, num } from "./dom.js";
import { safeHref } from "./labels.js";
import { valuesOf } from "./results-view.js";

export class ReaderView {
  /** The `<mark>` pieces of each match, in order: `marks[i]` is match i. */
  #marks = [];
  /** The matches (`{ start, end }`) that have pieces, parallel to `#marks`. */
  #spans = [];
  #current = -1;
  #count;
  #nav;
  #labels;

  /** `labels`: the names of fields and values (labels.js). */
  constructor(labels) {
    this.#labels = labels;
    this.#count = h("span", { class: "match-count", "aria-live": "polite" });
    this.#nav = h("div", { class: "match-nav", role: "group", "aria-label": "匹配" },
      h("button", { type: "button", "data-action": "prev-match", "aria-label": "上一处匹配" }, h("span", { "aria-hidden": "true" }, "‹"), h("span", { class: "label" }, " 上一处")),
      this.#count,
      h("button", { type: "button", "data-action": "next-match", "aria-label": "下一处匹配" }, h("span", { class: "label" }, "下一处 "), h("span", { "aria-hidden": "true" }, "›")),
    );
    this.body = h("div", { class: "reader-body" });
    this.el = h("article", { class: "reader", part: "reader", "aria-labelledby": "reader-title", hidden: true },
      h("div", { class: "reader-bar", part: "reader-bar" },
        h("button", { type: "button", class: "back", "data-action": "close", "data-focus-key": "close" }, h("span", { "aria-hidden": "true" }, "← "), "返回列表"),
        this.#nav,
      ),
      this.body,
    );
  }

  get matches() {
    return this.#marks.length;
  }

  get current() {
    return this.#current;
  }

  /** Shows `doc` (null with `error` for a document that could not be read). */
  show(doc, { fields, text, error }) {
    this.#marks = [];
    this.#spans = [];
    this.#current = -1;
    if (error) {
      this.body.replaceChildren(h("p", { class: "error", part: "error" }, `无法打开文档：${error.message}`));
      this.#update();
      return;
    }
    const labels = this.#labels;
    const meta = fields.filter((f) => valuesOf(doc, f).length);
    const value = (f) => {
      const values = valuesOf(doc, f);
      const href = labels.isLink(f) && values.length === 1 ? safeHref(values[0]) : null;
      return href
        ? h("a", { href, target: "_blank", rel: "noopener noreferrer", class: "meta-link", part: "link" }, href)
        : values.map((v) => text(f, v)).join("、");
    };
    this.body.replaceChildren(
      h("h2", { id: "reader-title", tabindex: "-1" }, doc.title),
      meta.length
        ? h("dl", { class: "meta" }, meta.map((f) => h("div", { "data-field": f }, h("dt", {}, labels.field(f)), h("dd", {}, value(f)))))
        : null,
      this.#text(doc.text, doc.matches ?? []),
    );
    this.#update();
  }

  #text(text, matches) {
    const box = h("div", { class: "reader-text", lang: "zh-CN" });
    this.#marks = matches.map(() => []);
    let m = 0;
    let pos = 0;
    for (const line of text.split("\n")) {
      const start = pos;
      const end = pos + line.length;
      pos = end + 1;
      if (!line.trim()) continue;
      const p = h("p");
      let at = start;
      // Matches are sorted; skip those ending before this line.
      while (m < matches.length && matches[m].end <= start) m++;
      for (let i = m; i < matches.length && matches[i].start < end; i++) {
        const a = Math.max(matches[i].start, start);
        const b = Math.min(matches[i].end, end);
        if (b <= a) continue;
        if (a > at) p.append(text.slice(at, a));
        const mark = h("mark", { part: "mark", "data-match": i }, text.slice(a, b));
        this.#marks[i].push(mark);
        p.append(mark);
        at = Math.max(at, b);
      }
      if (at < end) p.append(text.slice(at, end));
      box.append(p);
    }
    // Matches falling only on line breaks have no visible piece: drop them.
    this.#spans = matches.filter((_, i) => this.#marks[i].length);
    this.#marks = this.#marks.filter((pieces) => pieces.length);
    return box;
  }

  /** Makes match `i` the current one and scrolls it into view. */
  go(i, { scroll = true } = {}) {
    if (!this.#marks.length) return;
    for (const piece of this.#marks[this.#current] ?? []) piece.classList.remove("current");
    this.#current = (i + this.#marks.length) % this.#marks.length;
    for (const piece of this.#marks[this.#current]) piece.classList.add("current");
    if (scroll) this.#marks[this.#current][0].scrollIntoView({ block: "center" });
    this.#update();
  }

  /** Next (+1) or previous (-1) match; from none, previous goes to the last. */
  step(delta) {
    this.go(this.#current < 0 ? (delta > 0 ? 0 : -1) : this.#current + delta);
  }

  /** The index of the match at UTF-16 offset `start` (or the first after it), or -1. */
  indexAt(start) {
    return this.#spans.findIndex((m) => m.end > start);
  }

  /** Where the current match starts in the text (UTF-16), for the URL; null if none. */
  get currentStart() {
    return this.#spans[this.#current]?.start ?? null;
  }

  #update() {
    const n = this.#marks.length;
    this.#nav.hidden = n === 0;
    this.#count.textContent = this.#current < 0 ? `共 ${num(n)} 处` : `${num(this.#current + 1)} / ${num(n)} 处`;
  }
}

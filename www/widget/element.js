/**
 * `<yuliao-search>`: the element class. Owns the shadow DOM skeleton, the
 * attributes, the wiring of events to state changes, the history entries,
 * and rendering the instance's answers into the views. Behaviour lives in
 * the modules it imports:
 *
 *   engine.js        the engine adapter (the only way to the corpus), in
 *                    the page or in a Web Worker (worker.js)
 *   instance.js      state, search ids, the answers for the current state
 *   state.js         state values and the URL
 *   query-input.js   IME-safe, debounced search as you type
 *   listbox.js       arrow-key navigation of results and concordance lines
 *   announcer.js     the aria-live region
 *   results-view.js, facets-view.js, concordance-view.js, reader-view.js,
 *   pagination.js    the views (corpus text as text nodes only)
 *   styles.js        the stylesheet (yuliao-search.css), adopted by every element
 *
 * Registration is in `../yuliao-search.js`, the file a page includes.
 */
import { h, num } from "./dom.js";
import { createEngine } from "./engine.js";
import { SearchInstance } from "./instance.js";
import { VIEWS, readUrl, writeUrl, filterCount } from "./state.js";
import { QueryInput } from "./query-input.js";
import { ListboxNav } from "./listbox.js";
import { Announcer } from "./announcer.js";
import { badgeFields, renderResults } from "./results-view.js";
import { renderFacets } from "./facets-view.js";
import { renderConcordance } from "./concordance-view.js";
import { renderPagination } from "./pagination.js";
import { ReaderView } from "./reader-view.js";
import { fieldLabel, valueLabel } from "./labels.js";
import { loadStyles, UNSTYLED } from "./styles.js";

const DEFAULT_PLACEHOLDER = "输入检索词，例如：拉萨";
const VIEW_LABELS = { results: "文档", concordance: "语境" };
const SORT_LABELS = { doc: "文档顺序", left: "按左侧", right: "按右侧" };

export class YuliaoSearchElement extends HTMLElement {
  static observedAttributes = ["placeholder"];

  #resolveReady;
  /** Resolves once the corpus is loaded and the first answer shown (or the load failed). */
  ready = new Promise((resolve) => (this.#resolveReady = resolve));

  #listeners = null; // AbortController of every listener; null while disconnected
  #engine = null;
  #instance = null;
  #dom = null;
  #nav = null;
  #query = null;
  #announcer = new Announcer();
  #reader = new ReaderView();
  #loaded = false;
  #progressSaid = 0; // when download progress was last announced
  #typing = false; // this typing burst already has its own history entry
  #saved = null; // { y, index, listing } of the list when a document was opened
  #openedByPush = false; // the open document has the list as the previous history entry
  #focusOnShow = false; // move focus when the reader opens or closes (user actions)
  #renderedListing = null;
  #renderedDoc = null;
  #expanded = new Set(); // facet fields showing all values
  #styled = null; // resolves once the stylesheet is adopted (or failed to load)

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this.shadowRoot.adoptedStyleSheets = [UNSTYLED];
  }

  /** The engine adapter (see engine.js); null before the element is first connected. */
  get engine() {
    return this.#engine;
  }

  get #prefix() {
    return this.getAttribute("url-prefix") ?? "";
  }

  get #defaultView() {
    const v = this.getAttribute("view");
    return VIEWS.includes(v) ? v : "results";
  }

  get #perPage() {
    const n = Number.parseInt(this.getAttribute("per-page"), 10);
    return n >= 1 && n <= 100 ? n : 10;
  }

  /** The facet fields to show: the `facets` attribute's, or every facet field of the corpus. */
  #facetFields(info) {
    const attr = this.getAttribute("facets");
    if (attr === null) return info.schema.filter((f) => f.facet).map((f) => f.name);
    return attr.split(/[\s,]+/).filter((name) => name && name in info.fields);
  }

  connectedCallback() {
    if (this.#listeners) return;
    this.#listeners = new AbortController();
    if (!this.#dom) this.#build();
    this.#listen(this.#listeners.signal);
    this.#styled ??= loadStyles().then(
      (sheet) => (this.shadowRoot.adoptedStyleSheets = [sheet]),
      () => (this.shadowRoot.adoptedStyleSheets = []),
    );
    if (!this.#engine) this.#start();
  }

  disconnectedCallback() {
    this.#listeners?.abort();
    this.#listeners = null;
    this.#query?.cancel();
    this.#announcer.cancel();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "placeholder" && this.#dom) this.#dom.input.placeholder = value ?? DEFAULT_PLACEHOLDER;
  }

  // ---- skeleton -----------------------------------------------------------

  #build() {
    const input = h("input", {
      id: "q", type: "search", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search", part: "input",
      placeholder: this.getAttribute("placeholder") ?? DEFAULT_PLACEHOLDER,
    });
    const tabs = VIEWS.map((v) =>
      h("button", { type: "button", role: "tab", id: `tab-${v}`, "aria-controls": "panel", "aria-selected": "false", tabindex: "-1", "data-view": v, part: "tab" }, VIEW_LABELS[v]),
    );
    const sort = h("fieldset", { class: "sort", part: "sort", hidden: true },
      h("legend", {}, "排序"),
      Object.entries(SORT_LABELS).map(([value, label]) =>
        h("label", {}, h("input", { type: "radio", name: "sort", value }), h("span", {}, label))),
    );
    const dom = {
      input,
      tabs,
      sort,
      summary: h("p", { class: "summary", part: "status" }),
      chips: h("div", { class: "chips" }),
      toggle: h("button", { type: "button", class: "facets-toggle", "aria-expanded": "false", "aria-controls": "facets", part: "facets-toggle" }, "筛选"),
      facets: h("div", { class: "facets", id: "facets", role: "group", "aria-label": "筛选条件", part: "facets", "data-collapsed": "" }),
      body: h("div", { class: "body" }),
      pages: h("div", { class: "pager" }),
    };
    dom.listing = h("div", { class: "listing" }, sort, dom.body, dom.pages);
    dom.panel = h("div", { class: "main", id: "panel", role: "tabpanel", part: "panel" }, dom.listing, this.#reader.el);
    dom.root = h("div", { class: "root", lang: "zh-CN", part: "root", "aria-busy": "true", "data-no-facets": "" },
      h("div", { class: "searchbar", part: "searchbar" },
        h("label", { for: "q", class: "sr-only" }, "检索语料"),
        h("div", { class: "field" }, input),
        h("div", { class: "tabs", role: "tablist", "aria-label": "视图" }, tabs),
      ),
      h("div", { class: "status" }, dom.summary, dom.chips),
      h("div", { class: "layout" }, h("div", { class: "side" }, dom.toggle, dom.facets), dom.panel),
      this.#announcer.el,
    );
    this.shadowRoot.replaceChildren(dom.root);
    this.#dom = dom;
    this.#nav = new ListboxNav(input);
    this.#summary([h("span", { class: "spinner", "aria-hidden": "true" }), "正在加载语料…"]);
  }

  #listen(signal) {
    const root = this.shadowRoot;
    const opts = { signal };
    this.#query = new QueryInput(this.#dom.input, { delay: 100, onQuery: (v) => this.#onQuery(v), signal });
    this.#dom.input.addEventListener("keydown", (e) => this.#onInputKey(e), opts);
    root.addEventListener("click", (e) => this.#onClick(e), opts);
    root.addEventListener("change", (e) => this.#onChange(e), opts);
    root.addEventListener("keydown", (e) => this.#onKey(e), opts);
    window.addEventListener("popstate", () => this.#onPopState(), opts);
  }

  // ---- loading ------------------------------------------------------------

  async #start() {
    this.#engine = createEngine(this);
    this.#progressSaid = performance.now();
    this.#engine.addEventListener("progress", (e) => this.#onProgress(e.detail));
    const inst = (this.#instance = new SearchInstance(this.#engine, { perPage: this.#perPage, defaultView: this.#defaultView }));
    inst.addEventListener("change", () => this.#render());
    const fromUrl = readUrl(this.#prefix, this.#defaultView);
    this.#dom.input.value = fromUrl.q;
    try {
      await inst.load();
    } catch (error) {
      this.#dom.root.setAttribute("aria-busy", "false");
      this.#dom.root.dataset.state = "error";
      const message = `无法加载语料：${error?.message ?? String(error)}`;
      this.#summary(h("span", { class: "error", part: "error" }, message));
      this.#announcer.say(message);
      await this.#styled;
      this.#resolveReady();
      return;
    }
    this.#loaded = true;
    this.#dom.root.setAttribute("aria-busy", "false");
    this.#fields = badgeFields(inst.info.schema);
    this.#shownFacets = this.#facetFields(inst.info);
    // Filters on fields the corpus does not have (an old link) are dropped.
    for (const field of Object.keys(fromUrl.filters)) if (!(field in inst.info.fields)) delete fromUrl.filters[field];
    // Anything typed while the module loaded wins over the URL's query.
    const typed = this.#dom.input.value.trim();
    if (typed !== fromUrl.q) Object.assign(fromUrl, { q: typed, page: 1, doc: null, at: null });
    await inst.update(fromUrl);
    // In a task of its own: the first history entry a page writes can take
    // tens of milliseconds, which should not add to the first render's.
    await new Promise((r) => setTimeout(r, 0));
    if (typed !== readUrl(this.#prefix, this.#defaultView).q) writeUrl(this.#instance.state, this.#prefix, this.#defaultView, "replace");
    await this.#styled; // shown, not only answered
    this.#resolveReady();
  }

  #fields = [];
  #shownFacets = [];

  /**
   * Download progress of a bundle, in the loading indicator: a percentage
   * (or megabytes when the size is unknown), then "opening" once every byte
   * is in. Said to screen readers at most every few seconds.
   */
  #onProgress({ loaded, total }) {
    if (this.#dom.root.getAttribute("aria-busy") !== "true") return; // loaded, or failed
    const text = total
      ? loaded >= total ? "正在打开语料…" : `正在加载语料… ${Math.floor((loaded / total) * 100)}%`
      : `正在加载语料… ${(loaded / 1048576).toFixed(1)} MB`;
    const shown = this.#dom.summary.querySelector(".progress");
    if (shown?.textContent === text) return;
    this.#summary([h("span", { class: "spinner", "aria-hidden": "true" }), h("span", { class: "progress" }, text)]);
    const now = performance.now();
    if (now - this.#progressSaid >= 3000) {
      this.#progressSaid = now;
      this.#announcer.say(text);
    }
  }

  // ---- state changes ------------------------------------------------------

  /**
   * Applies a state change. `how`: "typing" (the first change of a typing
   * burst pushes a history entry, the rest replace it), "push" (a committed
   * action), "replace", or "none" (the URL already says it: popstate).
   */
  #apply(patch, how) {
    const inst = this.#instance;
    const before = inst.state;
    const run = inst.update(patch);
    const after = inst.state;
    if (before.doc === null && after.doc !== null) this.#saved = { y: window.scrollY, index: this.#nav.index, listing: inst.listing };
    if (how !== "typing") this.#typing = false;
    this.#openedByPush = false;
    if (how === "typing") {
      writeUrl(after, this.#prefix, this.#defaultView, this.#typing ? "replace" : "push");
      this.#typing = true;
    } else if (how !== "none") {
      writeUrl(after, this.#prefix, this.#defaultView, how);
    }
    this.#dom.panel.setAttribute("aria-busy", "true");
    return run;
  }

  #onQuery(value) {
    if (!this.#loaded) return;
    const q = value.trim();
    if (q === this.#instance.state.q) return;
    this.#apply({ q, page: 1, doc: null, at: null }, "typing");
  }

  #onPopState() {
    if (!this.#loaded) return;
    const next = readUrl(this.#prefix, this.#defaultView);
    const now = this.#instance.state;
    if (JSON.stringify(next) === JSON.stringify(now)) return;
    this.#query.cancel();
    if (this.#dom.input.value.trim() !== next.q) this.#dom.input.value = next.q;
    this.#apply(next, "none");
  }

  #setView(view) {
    if (view === this.#instance.state.view) return;
    this.#apply({ view, page: 1, doc: null, at: null }, "push");
  }

  #toggleFilter(field, value, on) {
    const filters = structuredClone(this.#instance.state.filters);
    const values = new Set(filters[field] ?? []);
    if (on) values.add(value);
    else values.delete(value);
    filters[field] = [...values];
    this.#apply({ filters, page: 1, doc: null, at: null }, "push");
  }

  #open(option) {
    this.#nav.setIndex(this.#nav.options.indexOf(option)); // chosen again on the way back
    const id = Number(option.dataset.id);
    const at = option.dataset.start === undefined ? null : Number(option.dataset.start);
    this.#focusOnShow = true;
    this.#apply({ doc: id, at }, "push");
    this.#openedByPush = true;
  }

  #close() {
    this.#focusOnShow = true;
    if (this.#openedByPush) {
      // The list is the previous history entry: go back to it, so the
      // browser's Back and this button agree.
      this.#openedByPush = false;
      history.back();
    } else {
      this.#apply({ doc: null, at: null }, "push");
    }
  }

  #stepMatch(delta) {
    this.#reader.step(delta);
    this.#apply({ at: this.#reader.currentStart }, "replace");
  }

  // ---- events -------------------------------------------------------------

  #onInputKey(e) {
    if (e.isComposing || e.keyCode === 229 || this.#query.composing) return; // keys belong to the IME
    const reading = this.#instance?.state.doc != null;
    if (e.key === "Escape" && reading) {
      e.preventDefault();
      this.#close();
      return;
    }
    if (reading || !this.#loaded) return;
    const nav = this.#nav;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      nav.move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      if (nav.active) {
        e.preventDefault();
        this.#open(nav.active);
      } else {
        this.#query.flush();
        this.#typing = false; // Enter commits the query: the next typing gets its own entry
      }
    } else if (e.key === "Escape") {
      if (nav.index >= 0) {
        e.preventDefault();
        nav.setIndex(-1);
      } else if (this.#dom.input.value) {
        e.preventDefault();
        this.#dom.input.value = "";
        this.#query.cancel();
        if (this.#instance.state.q) this.#apply({ q: "", page: 1, doc: null, at: null }, "push");
      }
    }
  }

  #onKey(e) {
    if (e.defaultPrevented || e.target === this.#dom.input) return;
    if (e.key === "Escape" && this.#instance?.state.doc != null) {
      e.preventDefault();
      this.#close();
      return;
    }
    const tab = e.target.closest?.('[role="tab"]');
    if (tab && ["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) {
      e.preventDefault();
      const i = VIEWS.indexOf(tab.dataset.view);
      const next = e.key === "Home" ? 0 : e.key === "End" ? VIEWS.length - 1 : (i + (e.key === "ArrowRight" ? 1 : -1) + VIEWS.length) % VIEWS.length;
      this.#dom.tabs[next].focus();
      this.#setView(VIEWS[next]);
    }
  }

  #onClick(e) {
    if (!this.#loaded) return;
    const t = e.target;
    const option = t.closest('[role="option"]');
    if (option) return this.#open(option);
    const el = t.closest("button");
    if (!el) return;
    const action = el.dataset.action;
    if (el.dataset.view) this.#setView(el.dataset.view);
    else if (el.dataset.page) this.#apply({ page: Number(el.dataset.page) }, "push");
    else if (el === this.#dom.toggle) this.#toggleFacets();
    else if (action === "close") this.#close();
    else if (action === "next-match") this.#stepMatch(1);
    else if (action === "prev-match") this.#stepMatch(-1);
    else if (action === "expand") {
      const f = el.dataset.field;
      if (!this.#expanded.delete(f)) this.#expanded.add(f);
      this.#renderFacets();
    } else if (action === "remove-filter") this.#toggleFilter(el.dataset.field, el.dataset.value, false);
    else if (action === "clear-filters") this.#apply({ filters: {}, page: 1 }, "push");
    else if (action === "suggest") {
      const patch = this.#instance.listing.suggestions[Number(el.dataset.index)].patch;
      if (patch.q !== undefined) this.#dom.input.value = patch.q;
      this.#apply({ ...patch, page: 1 }, "push");
    }
  }

  #onChange(e) {
    const t = e.target;
    if (t.type === "checkbox" && t.dataset.field) this.#toggleFilter(t.dataset.field, t.value, t.checked);
    else if (t.type === "radio" && t.name === "sort") this.#apply({ sort: t.value, page: 1 }, "push");
  }

  #toggleFacets() {
    const open = this.#dom.toggle.getAttribute("aria-expanded") !== "true";
    this.#dom.toggle.setAttribute("aria-expanded", String(open));
    this.#dom.facets.toggleAttribute("data-collapsed", !open);
  }

  // ---- rendering ----------------------------------------------------------

  #summary(...content) {
    this.#dom.summary.replaceChildren(...content.flat());
  }

  #render() {
    const inst = this.#instance;
    const s = inst.state;
    const dom = this.#dom;
    dom.panel.setAttribute("aria-busy", "false");
    dom.root.dataset.view = s.view;
    for (const tab of dom.tabs) {
      const selected = tab.dataset.view === s.view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    dom.panel.setAttribute("aria-labelledby", `tab-${s.view}`);
    for (const radio of dom.sort.querySelectorAll("input")) radio.checked = radio.value === s.sort;

    const focusKey = this.shadowRoot.activeElement?.getAttribute("data-focus-key");
    if (inst.listing !== this.#renderedListing) {
      this.#renderedListing = inst.listing;
      if (this.#renderListing(inst.listing, s)) return;
      this.#renderFacets();
    }
    this.#renderChips(s);
    if (inst.doc !== this.#renderedDoc) {
      this.#renderedDoc = inst.doc;
      this.#renderReader(inst.doc, s);
    }
    if (focusKey && this.shadowRoot.activeElement === null) this.#restoreFocus(focusKey);
    this.dispatchEvent(new CustomEvent("yuliao-render", { bubbles: true, composed: true, detail: { ...s, kind: inst.listing.kind, total: inst.listing.total ?? null } }));
  }

  /** Renders the list part; returns true when it asked for another page instead. */
  #renderListing(L, s) {
    const dom = this.#dom;
    const info = this.#instance.info;
    const pages = L.total ? Math.ceil(L.total / L.perPage) : 0;
    if (L.items && !L.items.length && L.total > 0 && s.page > pages) {
      this.#apply({ page: pages }, "replace");
      return true;
    }
    dom.root.dataset.state = L.kind === "error" ? "error" : L.kind === "empty" ? "empty" : L.total ? "results" : "none";
    dom.sort.hidden = !(L.kind === "concordance" && L.total > 0);
    let body;
    let said;
    if (L.kind === "empty") {
      this.#summary(`共 ${num(info.documents)} 篇文档、${num(info.characters)} 字`);
      body = this.#emptyHelp(s.view);
      said = null;
    } else if (L.kind === "error") {
      const message = `检索出错：${L.error?.message ?? String(L.error)}`;
      this.#summary(h("span", { class: "error" }, "检索出错"));
      body = h("div", { class: "notice error", part: "error" }, h("p", {}, message), L.error?.kind ? h("p", { class: "hint" }, `（${L.error.kind}）`) : null);
      said = message;
    } else if (!L.total) {
      this.#summary(h("strong", { class: "total" }, L.kind === "concordance" ? "共出现 0 处" : "找到 0 篇"));
      body = this.#noResults(L, s);
      said = L.kind !== "browse" ? `没有找到${s.q}` : "没有符合筛选条件的文档";
    } else {
      const unit = L.kind === "concordance" ? "处" : "篇";
      const verb = L.kind === "browse" ? "筛选出" : L.kind === "concordance" ? "共出现" : "找到";
      const pageNote = pages > 1 ? `，第 ${num(s.page)} / ${num(pages)} 页` : "";
      this.#summary(h("strong", { class: "total" }, `${verb} ${num(L.total)} ${unit}`), pageNote);
      said = `${verb} ${L.total} ${unit}${pageNote}`;
      body = L.kind === "concordance"
        ? renderConcordance(L, { label: `“${s.q}”的语境` })
        : renderResults(L, { fields: this.#fields, label: L.kind === "search" ? `“${s.q}”的检索结果` : "文档" });
    }
    dom.body.replaceChildren(body);
    dom.pages.replaceChildren(renderPagination(s.page, pages) ?? "");
    const list = body.getAttribute("role") === "listbox" ? body : null;
    const restore = list && this.#saved?.listing === L && s.doc === null ? this.#saved.index : -1;
    this.#nav.attach(list, restore);
    if (said) this.#announcer.say(said);
    return false;
  }

  #emptyHelp(view) {
    if (view === "concordance") {
      return h("div", { class: "notice help" }, h("p", {}, "输入一个词或短语，查看它在语料中的每一处出现及其上下文。"));
    }
    return h("div", { class: "notice help" },
      h("p", {}, "输入检索词，或在“筛选”中选择条件浏览语料。"),
      h("ul", { class: "syntax" },
        h("li", {}, h("code", {}, "拉萨 党建"), " 同时包含两个词"),
        h("li", {}, h("code", {}, "\"青年担当 平安守望\""), " 短语"),
        h("li", {}, h("code", {}, "拉萨 -林芝"), " 排除后一个词"),
        h("li", {}, h("code", {}, "拉萨 OR 林芝"), " 任一个词"),
      ),
    );
  }

  #noResults(L, s) {
    const box = h("div", { class: "notice empty", part: "no-results" },
      h("p", {}, L.kind !== "browse" ? `没有找到“${s.q}”。` : "没有符合这些筛选条件的文档。"),
    );
    if (L.suggestions.length) {
      box.append(
        h("p", {}, "可以试试："),
        h("ul", { class: "suggestions" },
          L.suggestions.map((o, i) => {
            const label = o.type === "filters" ? "去掉全部筛选条件" : o.type === "drop" ? `去掉“${o.term}”` : `只看“${o.patch.q}”`;
            const unit = L.kind === "concordance" ? "处" : "篇";
            return h("li", {}, h("button", { type: "button", class: "link", "data-action": "suggest", "data-index": i, "data-focus-key": `suggest\u0000${i}` }, `${label}（${num(o.count)} ${unit}）`));
          }),
        ),
      );
    } else if (filterCount(s.filters)) {
      box.append(h("p", { class: "hint" }, "可以去掉一些筛选条件。"));
    } else {
      box.append(h("p", { class: "hint" }, s.view === "concordance" ? "语境视图把检索式当作一个词或短语：试试更短的词。" : "换一个说法，或缩短检索词。"));
    }
    return box;
  }

  #renderFacets() {
    const inst = this.#instance;
    const L = inst.listing;
    const content = renderFacets({
      fields: this.#shownFacets,
      info: inst.info,
      facets: L?.facets ?? null,
      filters: inst.state.filters,
      expanded: this.#expanded,
      limit: 100,
    });
    const focusKey = this.shadowRoot.activeElement?.getAttribute("data-focus-key");
    this.#dom.facets.replaceChildren(...content);
    this.#dom.root.toggleAttribute("data-no-facets", content.length === 0);
    if (focusKey && this.shadowRoot.activeElement === null) this.#restoreFocus(focusKey);
  }

  #renderChips(s) {
    const chips = [];
    for (const [field, values] of Object.entries(s.filters)) {
      for (const v of values) {
        chips.push(
          h("button", { type: "button", class: "chip", part: "chip", "data-action": "remove-filter", "data-field": field, "data-value": v, "aria-label": `去掉筛选条件：${fieldLabel(field)} ${valueLabel(field, v)}` },
            `${fieldLabel(field)}：${valueLabel(field, v)}`, h("span", { "aria-hidden": "true" }, " ×")),
        );
      }
    }
    if (chips.length > 1) chips.push(h("button", { type: "button", class: "link", "data-action": "clear-filters" }, "清除全部"));
    this.#dom.chips.replaceChildren(...chips);
    const n = filterCount(s.filters);
    this.#dom.toggle.textContent = n ? `筛选（${n}）` : "筛选";
  }

  #renderReader(D, s) {
    const dom = this.#dom;
    const reader = this.#reader;
    const focus = this.#focusOnShow;
    this.#focusOnShow = false;
    if (s.doc === null) {
      if (reader.el.hidden) return;
      reader.el.hidden = true;
      dom.listing.hidden = false;
      dom.root.removeAttribute("data-reading");
      const saved = this.#saved;
      this.#saved = null;
      if (saved && saved.listing === this.#instance.listing) {
        this.#nav.expanded = true;
        this.#nav.setIndex(saved.index);
        window.scrollTo({ top: saved.y, behavior: "instant" });
      }
      if (focus) dom.input.focus({ preventScroll: true });
      return;
    }
    reader.show(D.value, { fields: this.#fields, error: D.error });
    reader.el.hidden = false;
    dom.listing.hidden = true;
    dom.root.setAttribute("data-reading", "");
    this.#nav.expanded = false;
    const i = s.at !== null ? reader.indexAt(s.at) : -1;
    if (i >= 0) reader.go(i);
    else if (reader.el.getBoundingClientRect().top < 0) reader.el.scrollIntoView({ block: "start" });
    if (focus) (reader.el.querySelector("#reader-title") ?? reader.el.querySelector("button")).focus({ preventScroll: true });
  }

  #restoreFocus(key) {
    for (const el of this.shadowRoot.querySelectorAll("[data-focus-key]")) {
      if (el.getAttribute("data-focus-key") === key) return el.focus({ preventScroll: true });
    }
    // A page button that no longer exists: focus the current page.
    this.shadowRoot.querySelector('[aria-current="page"]')?.focus({ preventScroll: true });
  }
}

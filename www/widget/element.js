/**
 * `<yuliao-search>`: the element class. Owns the shadow DOM skeleton, the
 * attributes, the wiring of events to state changes, the history entries,
 * and rendering the instance's answers into the views. Behaviour lives in
 * the modules it imports:
 *
 *   engine.js        the engine adapter (the only way to the corpus), in
 *                    the page or in a Web Worker (worker.js); the
 *                    statistics module loaded when first needed
 *   instance.js      state, search ids, the answers for the current state
 *   state.js         state values and the URL
 *   stats.js         what the statistics views and downloads ask for
 *   cql.js           telling CQL from the search syntax; CQL error positions
 *   query-input.js   IME-safe, debounced search as you type
 *   listbox.js       arrow-key navigation of results and concordance lines
 *   announcer.js     the aria-live region
 *   results-view.js, facets-view.js, concordance-view.js, reader-view.js,
 *   pagination.js    the views (corpus text as text nodes only)
 *   facet-values.js  facet fields' kinds (by count, natural order, dates
 *                    as a tree), date periods as filters
 *   stats-ui.js      imported (import()) when the statistics are first
 *                    needed, so a page that only searches never downloads
 *                    it: stats-view.js (the statistics views' frame, with
 *                    frequencies-view.js, collocates-view.js, ngrams-view.js,
 *                    dispersion-view.js, keywords-view.js, table-view.js,
 *                    tags.js), query-error.js (a CQL error under the search
 *                    box, its place marked) and download.js (CSV downloads)
 *   controls.js      the views' option controls and download buttons
 *   config.js        the `config` attribute: labels, links, the fields shown
 *                    in the facets, on a result, in the reading view and as
 *                    a concordance line's reference (defaults from the schema)
 *   labels.js        names of fields and values; safe link addresses
 *   own.js           field names as keys (a field may be called `__proto__`)
 *   styles.js        the stylesheet (yuliao-search.css), adopted by every element
 *
 * Removed from the page, the element ends its engine (its worker is
 * terminated when no other element shares it); connected again, it starts
 * afresh (see #teardown).
 *
 * Registration is in `../yuliao-search.js`, the file a page includes.
 */
import { h, num } from "./dom.js";
import { createEngine } from "./engine.js";
import { SearchInstance } from "./instance.js";
import { VIEWS, STATS_VIEWS, CHARACTER_SORTS, readUrl, writeUrl, filterCount } from "./state.js";
import { looksLikeCql } from "./cql.js";
import { QueryInput } from "./query-input.js";
import { ListboxNav } from "./listbox.js";
import { Announcer } from "./announcer.js";
import { renderResults } from "./results-view.js";
import { FacetsView, DEFAULT_LIMIT } from "./facets-view.js";
import { toggled } from "./facet-values.js";
import { renderConcordance, concordanceControls } from "./concordance-view.js";
import { renderPagination } from "./pagination.js";
import { ReaderView } from "./reader-view.js";
import { Labels, safeHref } from "./labels.js";
import { loadConfig, fieldChoices } from "./config.js";
import { has, copyFilters } from "./own.js";
import { loadStyles, UNSTYLED } from "./styles.js";

const DEFAULT_PLACEHOLDER = "输入检索词，例如：拉萨";

/**
 * The code only the statistics need (stats-ui.js: the statistics views, a
 * CQL error's marker and help, CSV downloads), once loaded: imported when
 * first needed (a statistics view shown, a CQL query typed, a download),
 * once per page; bundled by esbuild, a chunk of its own.
 */
let statsUi = null;
let statsUiLoading = null;
function loadStatsUi() {
  statsUiLoading ??= import("./stats-ui.js").then(
    (m) => (statsUi = m),
    (error) => {
      statsUiLoading = null; // the next one to need it tries again
      throw error;
    },
  );
  return statsUiLoading;
}
const VIEW_LABELS = { results: "文档", concordance: "语境", frequencies: "词频", collocates: "搭配", ngrams: "N元", dispersion: "分布", keywords: "关键词" };

export class YuliaoSearchElement extends HTMLElement {
  static observedAttributes = ["placeholder"];

  #resolveReady;
  /**
   * Resolves once the corpus is loaded and the first answer shown (or the
   * load failed, or the element was removed first). An element removed and
   * connected again starts again, with a new `ready`.
   */
  ready = new Promise((resolve) => (this.#resolveReady = resolve));

  #listeners = null; // AbortController of the DOM's listeners; null while disconnected
  #session = null; // AbortController of the engine's and instance's listeners, from #start to #teardown
  #run = 0; // grows at each start and teardown: a #start that finds another number stops
  #engine = null;
  #instance = null;
  #dom = null;
  #nav = null;
  #query = null;
  #announcer = new Announcer();
  #reader = null;
  #loaded = false;
  #progressSaid = 0; // when download progress was last announced
  #typing = false; // this typing burst already has its own history entry
  #saved = null; // { y, index, listing } of the list when a document was opened
  #openedByPush = false; // the open document has the list as the previous history entry
  #focusOnShow = false; // move focus when the reader opens or closes (user actions)
  #returnFocus = null; // the focus key of the table button that opened the reader, to come back to
  #renderedListing = null;
  #renderedDoc = null;
  #facets = null; // the FacetsView
  #awaitingViews = false; // an answer waits for stats-ui.js
  #styled = null; // resolves once the stylesheet is adopted (or failed to load)
  #config = null; // { views, defaultView }: the views offered, read when first connected
  #fieldConfig = null; // the config attribute, parsed (config.js): a promise
  #labels = new Labels(); // names of fields and values (labels.js), with the config's
  #shown = null; // { facets, result, reader, reference }: the fields shown (config.js fieldChoices)
  #statsOffered = false; // token sorts, samples and downloads in the concordance (a statistics view is offered, or the module has them)
  #renderedTable = null; // page and order of the statistics table shown
  #export = null; // { key, value } of the last CSV export, for its description
  #downloading = false;

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

  /**
   * The views offered and the first one, from the `views` and `view`
   * attributes: `views` lists known views in order (spaces or commas
   * between them), all seven when it lists none; `view` is the first view
   * shown when offered, else the first of `views`.
   */
  #readConfig() {
    const listed = (this.getAttribute("views") ?? "").split(/[\s,]+/).filter((v) => VIEWS.includes(v));
    const views = listed.length ? [...new Set(listed)] : VIEWS;
    const v = this.getAttribute("view");
    return { views, defaultView: views.includes(v) ? v : views[0] };
  }

  get #perPage() {
    const n = Number.parseInt(this.getAttribute("per-page"), 10);
    return n >= 1 && n <= 100 ? n : 10;
  }

  /** The `facets` attribute's field names, or null when it is absent. */
  get #facetsAttr() {
    const attr = this.getAttribute("facets");
    return attr === null ? null : attr.split(/[\s,]+/).filter(Boolean);
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

  /**
   * Removed from the page: the DOM's listeners go at once; at the end of
   * the task's current microtasks, unless the element is back in a page by
   * then (moved: `other.append(element)`), its engine goes too (#teardown).
   */
  disconnectedCallback() {
    this.#listeners?.abort();
    this.#listeners = null;
    this.#query?.cancel();
    this.#announcer.cancel();
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  /**
   * Ends this connection's session: the engine adapter is disposed (its
   * worker terminated when no other element shares it, its shared corpus
   * released), answers still on their way are dropped, and `ready`
   * resolves. Connected again, the element starts afresh (#build, #start):
   * its attributes and the URL are read again, the corpus opened again, and
   * `ready` is a new promise.
   */
  #teardown() {
    if (!this.#engine) return;
    this.#run++;
    this.#session?.abort();
    this.#session = null;
    this.#engine.dispose();
    this.#engine = null;
    this.#instance = null;
    this.#loaded = false;
    this.#dom = null;
    this.#nav = null;
    this.#query = null;
    this.#saved = null;
    this.#openedByPush = false;
    this.#typing = false;
    this.#focusOnShow = false;
    this.#returnFocus = null;
    this.#renderedListing = null;
    this.#renderedDoc = null;
    this.#renderedTable = null;
    this.#facets = null;
    this.#export = null;
    this.#resolveReady();
    this.ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "placeholder" && this.#dom) this.#dom.input.placeholder = value ?? DEFAULT_PLACEHOLDER;
  }

  // ---- skeleton -----------------------------------------------------------

  #build() {
    this.#config = this.#readConfig();
    this.#labels = new Labels(); // the config's labels are added once it is read (#start)
    this.#fieldConfig = loadConfig(this.getAttribute("config"));
    this.#fieldConfig.catch(() => {}); // shown by #start
    this.#reader = new ReaderView(this.#labels);
    const input = h("input", {
      id: "q", type: "search", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search", part: "input",
      placeholder: this.getAttribute("placeholder") ?? DEFAULT_PLACEHOLDER,
    });
    const tabs = this.#config.views.map((v) =>
      h("button", { type: "button", role: "tab", id: `tab-${v}`, "aria-controls": "panel", "aria-selected": "false", tabindex: "-1", "data-view": v, part: "tab" }, VIEW_LABELS[v]),
    );
    const dom = {
      input,
      tabs,
      tools: h("div", { class: "tools" }),
      queryError: h("div", { id: "query-error", class: "query-error", part: "query-error", hidden: true }),
      downloadStatus: h("p", { class: "download-status", hidden: true }),
      summary: h("p", { class: "summary", part: "status" }),
      chips: h("div", { class: "chips" }),
      toggle: h("button", { type: "button", class: "facets-toggle", "aria-expanded": "false", "aria-controls": "facets", part: "facets-toggle" }, "筛选"),
      facets: h("div", { class: "facets", id: "facets", role: "group", "aria-label": "筛选条件", part: "facets", "data-collapsed": "" }),
      body: h("div", { class: "body" }),
      pages: h("div", { class: "pager" }),
    };
    dom.listing = h("div", { class: "listing" }, dom.tools, dom.downloadStatus, dom.body, dom.pages);
    dom.panel = h("div", { class: "main", id: "panel", role: "tabpanel", part: "panel" }, dom.listing, this.#reader.el);
    dom.root = h("div", { class: "root", lang: "zh-CN", part: "root", "aria-busy": "true", "data-no-facets": "" },
      h("div", { class: "searchbar", part: "searchbar" },
        h("label", { for: "q", class: "sr-only" }, "检索语料"),
        h("div", { class: "field" }, input, dom.queryError),
        h("div", { class: "tabs", role: "tablist", "aria-label": "视图" }, tabs),
      ),
      h("div", { class: "status" }, dom.summary, dom.chips),
      h("div", { class: "layout" }, h("div", { class: "side" }, dom.toggle, dom.facets), dom.panel),
      this.#announcer.el,
    );
    this.shadowRoot.replaceChildren(dom.root);
    this.#dom = dom;
    this.#facets = new FacetsView(dom.facets, this.#labels);
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
    root.addEventListener("input", (e) => this.#onFacetSearch(e), opts);
    root.addEventListener("compositionend", (e) => this.#onFacetSearch(e), opts);
    root.addEventListener("keydown", (e) => this.#onKey(e), opts);
    window.addEventListener("popstate", () => this.#onPopState(), opts);
  }

  // ---- loading ------------------------------------------------------------

  async #start() {
    const run = ++this.#run;
    const stopped = () => run !== this.#run; // removed meanwhile (#teardown)
    this.#session = new AbortController();
    const signal = this.#session.signal;
    this.#engine = createEngine(this);
    this.#progressSaid = performance.now();
    this.#engine.addEventListener("progress", (e) => this.#onProgress(e.detail), { signal });
    const inst = (this.#instance = new SearchInstance(this.#engine, { perPage: this.#perPage, config: this.#config }));
    inst.addEventListener("change", () => this.#render(), { signal });
    const fromUrl = readUrl(this.#prefix, this.#config);
    this.#dom.input.value = fromUrl.q;
    // A statistics view or a CQL query first: their code loads while the corpus does.
    const views = STATS_VIEWS.includes(fromUrl.view) || looksLikeCql(fromUrl.q) ? loadStatsUi().catch(() => null) : null;
    let config;
    try {
      [config] = await Promise.all([this.#fieldConfig, inst.load()]);
    } catch (error) {
      if (stopped()) return;
      this.#dom.root.setAttribute("aria-busy", "false");
      this.#dom.root.dataset.state = "error";
      const message = error?.name === "ConfigError" ? `配置有误（config 属性）：${error.message}` : `无法加载语料：${error?.message ?? String(error)}`;
      this.#summary(h("span", { class: "error", part: "error" }, message));
      this.#announcer.say(message);
      await this.#styled;
      if (!stopped()) this.#resolveReady();
      return;
    }
    if (stopped()) return;
    this.#loaded = true;
    this.#dom.root.setAttribute("aria-busy", "false");
    this.#labels.configure(config.fields);
    this.#shown = fieldChoices(config, inst.info, this.#labels, this.#facetsAttr);
    inst.options.reference = this.#shown.reference;
    this.#facets.setup(this.#shown.facets, inst.info, inst.kinds);
    inst.options.facetLimit = this.#facets.limit();
    // Filters and options on fields the corpus does not have (an old link) are dropped.
    for (const field of Object.keys(fromUrl.filters)) if (!has(inst.info.fields, field)) delete fromUrl.filters[field];
    const schema = new Map(inst.info.schema.map((f) => [f.name, f]));
    if (!["word", "pos", "match", "L1", "R1"].includes(fromUrl.by) && !schema.has(fromUrl.by)) fromUrl.by = "word";
    if (fromUrl.dby !== "doc" && !(schema.get(fromUrl.dby)?.type !== "strings" && schema.has(fromUrl.dby))) fromUrl.dby = "doc";
    if (fromUrl.focus && !has(inst.info.fields, fromUrl.focus.field)) fromUrl.focus = null;
    // Without a statistics view the concordance offers only what the search module does (unless it has more).
    this.#statsOffered = this.#config.views.some((v) => STATS_VIEWS.includes(v)) || (await this.#engine.builtInStats().catch(() => false));
    if (stopped()) return;
    if (!this.#statsOffered) Object.assign(fromUrl, { sort: CHARACTER_SORTS.includes(fromUrl.sort) ? fromUrl.sort : "doc", sample: 0, seed: 0 });
    // Anything typed while the module loaded wins over the URL's query.
    const typed = this.#dom.input.value.trim();
    if (typed !== fromUrl.q) Object.assign(fromUrl, { q: typed, page: 1, doc: null, at: null });
    await views;
    if (stopped()) return;
    await inst.update(fromUrl);
    // In a task of its own: the first history entry a page writes can take
    // tens of milliseconds, which should not add to the first render's.
    await new Promise((r) => setTimeout(r, 0));
    if (stopped()) return;
    if (typed !== readUrl(this.#prefix, this.#config).q) writeUrl(this.#instance.state, this.#prefix, this.#config, "replace");
    await this.#styled; // shown, not only answered
    if (!stopped()) this.#resolveReady();
  }

  /**
   * Download progress of a bundle, in the loading indicator: what is
   * downloaded of how much (`正在下载语料：12.3 / 57.0 MB（21%）`, or only
   * what is in when the server does not say the size), then "opening"
   * once every byte is in. Said to screen readers at most every few seconds.
   */
  #onProgress({ loaded, total }) {
    if (this.#dom.root.getAttribute("aria-busy") !== "true") return; // loaded, or failed
    const mb = (n) => (n / 1e6).toFixed(1);
    const text = total
      ? loaded >= total ? `正在打开语料（${mb(total)} MB）…` : `正在下载语料：${mb(loaded)} / ${mb(total)} MB（${Math.floor((loaded / total) * 100)}%）`
      : `正在下载语料：已下载 ${mb(loaded)} MB`;
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
      writeUrl(after, this.#prefix, this.#config, this.#typing ? "replace" : "push");
      this.#typing = true;
    } else if (how !== "none") {
      writeUrl(after, this.#prefix, this.#config, how);
    }
    this.#dom.panel.setAttribute("aria-busy", "true");
    if (after.view !== before.view && STATS_VIEWS.includes(after.view) && after.doc === null) this.#renderPending(after);
    else if (!statsUi && looksLikeCql(after.q)) loadStatsUi().catch(() => {}); // with the statistics module
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
    const next = readUrl(this.#prefix, this.#config);
    const now = this.#instance.state;
    if (JSON.stringify(next) === JSON.stringify(now)) return;
    this.#query.cancel();
    if (this.#dom.input.value.trim() !== next.q) this.#dom.input.value = next.q;
    this.#apply(next, "none");
  }

  #setView(view) {
    if (view === this.#instance.state.view) return;
    this.#apply({ view, page: 1, order: null, doc: null, at: null }, "push");
  }

  /** A view option changed (a control with `data-option`; see controls.js). */
  #setOption(control) {
    const s = this.#instance.state;
    const key = control.dataset.option;
    const value = control.value;
    const patch = { page: 1 };
    if (key === "window") {
      const n = Number(value);
      if (value === "" || !Number.isInteger(n) || n < 0 || n > 20) return this.#redraw();
      patch.window = s.window.map((w, i) => (String(i) === control.dataset.part ? n : w));
    } else if (key === "sort") {
      const keys = s.sort.split(",");
      if (control.dataset.part === "1") patch.sort = [keys[0], value].filter(Boolean).join(",");
      else if (CHARACTER_SORTS.includes(value) || CHARACTER_SORTS.includes(keys[0]) || !keys[1] || keys[1] === value) patch.sort = value;
      else patch.sort = `${value},${keys[1]}`;
    } else if (key === "sample") {
      Object.assign(patch, { sample: Number(value), seed: 0 });
    } else if (key === "focus-field") {
      patch.focus = { field: value, value: null };
    } else if (key === "focus-value") {
      patch.focus = { field: statsUi.focusField(s, this.#statsContext), value: value || null };
    } else if (key === "measure") {
      Object.assign(patch, { measure: value, order: null });
    } else {
      patch[key] = value;
    }
    this.#apply(patch, "push");
  }

  /** Draws the current answer again (a control whose value was refused shows the state's). */
  #redraw() {
    this.#renderedListing = null;
    this.#render();
  }

  #toggleFilter(field, value, on) {
    const filters = copyFilters(this.#instance.state.filters);
    filters[field] = toggled(filters[field] ?? [], value, on, this.#instance.kinds.get(field));
    this.#apply({ filters, page: 1, doc: null, at: null }, "push");
  }

  /** Typing in a facet's search box (not while an input method composes). */
  #onFacetSearch(e) {
    const t = e.target;
    const field = t.dataset?.facetSearch;
    if (field === undefined || !this.#loaded || (e.type === "input" && e.isComposing)) return;
    const found = this.#facets.search(field, t.value);
    if (found) this.#announcer.say(`${this.#labels.field(field)}：${found}`);
    this.#facetsAsked();
  }

  /**
   * After the facets view changed what it lists (show all, a search, a
   * branch opened): focus back where it was (the button was drawn again),
   * and as many values from the engine as the view now needs.
   */
  #facetsAsked(focusKey = null) {
    if (focusKey && this.shadowRoot.activeElement === null) this.#restoreFocus(focusKey);
    this.#instance.setFacetLimit(this.#facets.limit());
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
      const views = this.#config.views;
      const i = views.indexOf(tab.dataset.view);
      const next = e.key === "Home" ? 0 : e.key === "End" ? views.length - 1 : (i + (e.key === "ArrowRight" ? 1 : -1) + views.length) % views.length;
      this.#dom.tabs[next].focus();
      this.#setView(views[next]);
      return;
    }
    // Enter in a view's text or number box applies it (as leaving the box does).
    if (e.key === "Enter" && e.target.matches?.("input[data-option]") && !e.isComposing && e.target.value !== e.target.defaultValue) {
      e.preventDefault();
      this.#setOption(e.target);
    }
  }

  #onClick(e) {
    if (!this.#loaded) return;
    const t = e.target;
    if (t.closest("a[href]")) return; // a link to the original (the reading view's): the browser opens it
    const link = t.closest("[data-href]"); // a result's link badge (results-view.js)
    if (link) {
      const href = safeHref(link.dataset.href);
      if (href) window.open(href, "_blank", "noopener,noreferrer");
      return;
    }
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
      this.#facets.toggleOpen(el.dataset.field);
      this.#facetsAsked(el.dataset.focusKey);
    } else if (action === "facet-branch") {
      this.#facets.toggleBranch(el.dataset.field, el.dataset.value);
      this.#facetsAsked(el.dataset.focusKey);
    } else if (action === "remove-filter") this.#toggleFilter(el.dataset.field, el.dataset.value, false);
    else if (action === "clear-filters") this.#apply({ filters: {}, page: 1 }, "push");
    else if (action === "order") this.#apply({ order: el.dataset.order, page: 1 }, "push");
    else if (action === "reshuffle") this.#apply({ seed: this.#instance.state.seed + 1, page: 1 }, "push");
    else if (action === "open-doc") {
      this.#focusOnShow = true;
      this.#returnFocus = el.dataset.focusKey;
      this.#apply({ doc: Number(el.dataset.id), at: null }, "push");
      this.#openedByPush = true;
    } else if (action === "csv" || action === "about") this.#download(action);
    else if (action === "suggest") {
      const patch = this.#instance.listing.suggestions[Number(el.dataset.index)].patch;
      if (patch.q !== undefined) this.#dom.input.value = patch.q;
      this.#apply({ ...patch, page: 1 }, "push");
    }
  }

  #onChange(e) {
    const t = e.target;
    if (t.type === "checkbox" && t.dataset.field) this.#toggleFilter(t.dataset.field, t.value, t.checked);
    else if (t.dataset.option && this.#loaded) this.#setOption(t);
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
    // A statistics view or a CQL error whose code is still on its way: drawn once it is in.
    if ((STATS_VIEWS.includes(inst.listing.view) || this.#isCqlError(inst.listing, s)) && !statsUi) return this.#awaitStatsUi();
    dom.panel.setAttribute("aria-busy", "false");
    this.#renderTabs(s.view);

    const focusKey = this.shadowRoot.activeElement?.getAttribute("data-focus-key");
    // A statistics table is sorted and paged here: a new page or order draws it again.
    const table = STATS_VIEWS.includes(s.view) ? `${s.page}\u0000${s.order}` : null;
    if (inst.listing !== this.#renderedListing || table !== this.#renderedTable) {
      const fresh = inst.listing !== this.#renderedListing;
      // The same listing with more facet values (show all, a facet search): only the facets change.
      const facetsOnly = fresh && table === this.#renderedTable && inst.listing.base === this.#renderedListing?.base;
      this.#renderedListing = inst.listing;
      this.#renderedTable = table;
      if (facetsOnly) this.#renderFacets();
      else {
        if (this.#renderListing(inst.listing, s, fresh)) return;
        if (fresh) this.#renderFacets();
      }
    }
    this.#renderChips(s);
    if (inst.doc !== this.#renderedDoc) {
      this.#renderedDoc = inst.doc;
      this.#renderReader(inst.doc, s);
    }
    if (focusKey && this.shadowRoot.activeElement === null) this.#restoreFocus(focusKey);
    this.dispatchEvent(new CustomEvent("yuliao-render", { bubbles: true, composed: true, detail: { ...s, kind: inst.listing.kind, total: inst.listing.total ?? null } }));
  }

  #renderTabs(view) {
    const dom = this.#dom;
    dom.root.dataset.view = view;
    for (const tab of dom.tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    dom.panel.setAttribute("aria-labelledby", `tab-${view}`);
  }

  /** What the statistics views' controls need: the corpus description, the facet fields shown. */
  get #statsContext() {
    return { info: this.#instance.info, facetFields: this.#shown.facets, labels: this.#labels };
  }

  /**
   * A statistics view just chosen, before its answer: its options (once
   * its code is in) and a busy notice (the first one may wait for the
   * statistics module and the views' code).
   */
  #renderPending(s) {
    const dom = this.#dom;
    this.#renderTabs(s.view);
    if (!statsUi) loadStatsUi().catch(() => {}); // reported when the answer is drawn
    dom.tools.replaceChildren(statsUi ? statsUi.statsControls(s.view, s, this.#statsContext) : "");
    dom.body.replaceChildren(h("div", { class: "notice busy" }, h("p", {}, h("span", { class: "spinner", "aria-hidden": "true" }), "正在计算…")));
    dom.pages.replaceChildren();
    this.#nav.attach(null);
  }

  /**
   * An answer (of a statistics view, or a CQL error) arrived before the
   * code that draws it: the view stays busy until the code is in, then is
   * drawn (#redraw); code that cannot be loaded is an error in the view.
   */
  #awaitStatsUi() {
    if (this.#awaitingViews) return;
    this.#awaitingViews = true;
    const run = this.#run;
    this.#renderPending(this.#instance.state);
    this.#dom.panel.setAttribute("aria-busy", "true");
    loadStatsUi().finally(() => (this.#awaitingViews = false)).then(
      () => run === this.#run && this.#redraw(),
      (error) => {
        if (run !== this.#run) return;
        const message = `无法加载统计视图：${error?.message ?? String(error)}`;
        this.#dom.panel.setAttribute("aria-busy", "false");
        this.#dom.root.dataset.state = "error";
        this.#dom.body.replaceChildren(h("div", { class: "notice error", part: "error" }, h("p", {}, message)));
        this.#announcer.say(message);
      },
    );
  }

  /**
   * Renders the list part (`fresh`: a new answer, not only another page or
   * order of the same table); returns true when it asked for another page
   * instead.
   */
  #renderListing(L, s, fresh = true) {
    const dom = this.#dom;
    const info = this.#instance.info;
    this.#renderQueryError(L, s);
    if (fresh) this.#dom.downloadStatus.hidden = true;
    if (L.view && STATS_VIEWS.includes(L.view)) return this.#renderStats(L, s, fresh);
    const count = L.sampled ?? L.total;
    const pages = count ? Math.ceil(count / L.perPage) : 0;
    if (L.items && !L.items.length && count > 0 && s.page > pages) {
      this.#apply({ page: pages }, "replace");
      return true;
    }
    dom.root.dataset.state = L.kind === "error" ? "error" : L.kind === "empty" ? "empty" : L.total ? "results" : "none";
    dom.tools.replaceChildren(L.kind === "concordance" && L.total > 0 ? concordanceControls(s, { tokens: this.#statsOffered }) : "");
    let body;
    let said;
    if (L.kind === "empty") {
      this.#summary(`共 ${num(info.documents)} 篇文档、${num(info.characters)} 字`);
      body = this.#emptyHelp(s.view);
      said = null;
    } else if (L.kind === "error") {
      const message = `检索出错：${L.error?.message ?? String(L.error)}`;
      this.#summary(h("span", { class: "error" }, "检索出错"));
      body = this.#isCqlError(L, s)
        ? statsUi.cqlHelp()
        : h("div", { class: "notice error", part: "error" }, h("p", {}, message), L.error?.kind ? h("p", { class: "hint" }, `（${L.error.kind}）`) : null);
      said = this.#isCqlError(L, s) ? statsUi.errorSaid(L.error, s.q) : message;
    } else if (!L.total) {
      this.#summary(h("strong", { class: "total" }, L.kind === "concordance" ? "共出现 0 处" : "找到 0 篇"));
      body = this.#noResults(L, s);
      said = L.kind !== "browse" ? `没有找到${s.q}` : "没有符合筛选条件的文档";
    } else {
      const unit = L.kind === "concordance" ? "处" : "篇";
      const verb = L.kind === "browse" ? "筛选出" : L.kind === "concordance" ? "共出现" : "找到";
      const sampled = L.sampled != null ? `，随机抽取 ${num(L.sampled)} 处` : "";
      const pageNote = pages > 1 ? `，第 ${num(s.page)} / ${num(pages)} 页` : "";
      this.#summary(h("strong", { class: "total" }, `${verb} ${num(L.total)} ${unit}`), sampled, pageNote);
      said = `${verb} ${L.total} ${unit}${sampled}${pageNote}`;
      body = L.kind === "concordance"
        ? renderConcordance(L, { label: `“${s.q}”的语境`, reference: this.#shown.reference, labels: this.#labels, text: this.#valueText })
        : renderResults(L, { fields: this.#shown.result, labels: this.#labels, text: this.#valueText, label: L.kind === "search" ? `“${s.q}”的检索结果` : "文档" });
    }
    dom.body.replaceChildren(body);
    dom.pages.replaceChildren(renderPagination(s.page, pages) ?? "");
    const list = body.getAttribute("role") === "listbox" ? body : null;
    const restore = list && this.#saved?.listing === L && s.doc === null ? this.#saved.index : -1;
    this.#nav.attach(list, restore);
    if (said) this.#announcer.say(said);
    return false;
  }

  /** A statistics view (stats-view.js); returns true when it asked for another page instead. */
  #renderStats(L, s, fresh) {
    const dom = this.#dom;
    const view = statsUi.renderStats(L, s, this.#statsContext);
    if (s.page > view.pageCount) {
      this.#apply({ page: view.pageCount }, "replace");
      return true;
    }
    dom.root.dataset.state = view.state;
    dom.tools.replaceChildren(view.controls);
    this.#summary(view.summary);
    dom.body.replaceChildren(...[view.content].flat().filter(Boolean));
    dom.pages.replaceChildren(view.pages ?? "");
    this.#nav.attach(null);
    const said = fresh ? view.said : view.pageSaid;
    if (said) this.#announcer.say(said);
    return false;
  }

  /** Whether the listing's error is the engine refusing a CQL query (shown under the search box). */
  #isCqlError(L, s) {
    return L.kind === "error" && L.error?.kind === "invalidQuery" && looksLikeCql(s.q);
  }


  /** The CQL error under the search box, or none: the input describes itself by it while it is shown. */
  #renderQueryError(L, s) {
    const box = this.#dom.queryError;
    const input = this.#dom.input;
    const show = this.#isCqlError(L, s);
    if (show) {
      statsUi.renderQueryError(box, s.q, L.error);
      box.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "query-error");
    } else if (!box.hidden) {
      box.hidden = true;
      box.replaceChildren();
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }

  /**
   * Downloads the current table or concordance: every row as CSV
   * (`what` "csv"), or what it is as JSON ("about"), by download.js (in
   * stats-ui.js, loaded now if it is not yet). One export serves both
   * buttons while the state is the same.
   */
  async #download(what) {
    const request = this.#instance.request(this.#instance.state, { csv: true });
    if (this.#downloading || request.needs) return;
    this.#downloading = true;
    const status = this.#dom.downloadStatus;
    const say = (text, error = false) => {
      status.hidden = false;
      status.className = error ? "download-status error" : "download-status";
      status.textContent = text;
      if (text !== "正在生成 CSV…") this.#announcer.say(text);
    };
    try {
      const ui = await loadStatsUi();
      this.#export = await ui.download(what, { request, previous: this.#export, engine: this.#engine, root: this.shadowRoot, say });
    } catch (error) {
      say(`无法生成 CSV：${error?.message ?? String(error)}`, true);
    } finally {
      this.#downloading = false;
    }
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
        h("li", {}, h("code", {}, '[pos="a"] "的" [pos="n.*"]'), " CQL：形容词、“的”、名词"),
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
    const focusKey = this.shadowRoot.activeElement?.getAttribute("data-focus-key");
    const any = this.#facets.render({ facets: L?.facets ?? null, filters: inst.state.filters, limit: L?.facetLimit ?? DEFAULT_LIMIT });
    this.#dom.root.toggleAttribute("data-no-facets", !any);
    if (focusKey && this.shadowRoot.activeElement === null) this.#restoreFocus(focusKey);
  }

  #renderChips(s) {
    const chips = [];
    for (const [field, values] of Object.entries(s.filters)) {
      for (const v of values) {
        chips.push(
          h("button", { type: "button", class: "chip", part: "chip", "data-action": "remove-filter", "data-field": field, "data-value": v, "aria-label": `去掉筛选条件：${this.#labels.field(field)} ${this.#facets.label(field, v)}` },
            `${this.#labels.field(field)}：${this.#facets.label(field, v)}`, h("span", { "aria-hidden": "true" }, " ×")),
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
      const back = this.#returnFocus;
      this.#returnFocus = null;
      if (focus && back) this.#restoreFocus(back);
      else if (focus) dom.input.focus({ preventScroll: true });
      return;
    }
    reader.show(D.value, { fields: this.#shown.reader, text: this.#valueText, error: D.error });
    reader.el.hidden = false;
    dom.listing.hidden = true;
    dom.root.setAttribute("data-reading", "");
    this.#nav.expanded = false;
    const i = s.at !== null ? reader.indexAt(s.at) : -1;
    if (i >= 0) reader.go(i);
    else if (reader.el.getBoundingClientRect().top < 0) reader.el.scrollIntoView({ block: "start" });
    if (focus) (reader.el.querySelector("#reader-title") ?? reader.el.querySelector("button")).focus({ preventScroll: true });
  }

  /** A field's value as shown (a date as a date, a value by its label): as the facets name it. */
  #valueText = (field, value) => this.#facets.label(field, value);

  #restoreFocus(key) {
    for (const el of this.shadowRoot.querySelectorAll("[data-focus-key]")) {
      if (el.getAttribute("data-focus-key") === key) return el.focus({ preventScroll: true });
    }
    // A page button that no longer exists: focus the current page.
    this.shadowRoot.querySelector('[aria-current="page"]')?.focus({ preventScroll: true });
  }
}

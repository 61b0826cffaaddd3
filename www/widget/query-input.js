/**
 * Search as you type, safe for input methods (pinyin, wubi, zhuyin…). Owns the
 * debounce timer and the composition flag of one `<input>`:
 *
 * - an `input` event schedules a query after `delay` ms, unless a composition
 *   is active (`compositionstart` seen, or `event.isComposing`): half-typed
 *   pinyin such as `lasa` is never searched;
 * - `compositionstart` cancels a pending query;
 * - `compositionend` runs the query at once, with the committed characters.
 *
 * `onQuery(value)` receives the input's value; the caller decides whether it
 * differs from the current query.
 */
export class QueryInput {
  #input;
  #onQuery;
  #delay;
  #timer = 0;
  #composing = false;

  constructor(input, { delay = 100, onQuery, signal }) {
    this.#input = input;
    this.#onQuery = onQuery;
    this.#delay = delay;
    const opts = { signal };
    input.addEventListener("compositionstart", () => {
      this.#composing = true;
      this.cancel();
    }, opts);
    input.addEventListener("compositionend", () => {
      this.#composing = false;
      this.#schedule(0);
    }, opts);
    input.addEventListener("input", (event) => {
      if (event.isComposing || this.#composing) return;
      this.#schedule(this.#delay);
    }, opts);
  }

  /** True while an input method is composing: keys belong to the IME then. */
  get composing() {
    return this.#composing;
  }

  /** Runs a pending query now (Enter), if one is scheduled. */
  flush() {
    if (!this.#timer) return;
    this.cancel();
    this.#onQuery(this.#input.value);
  }

  cancel() {
    clearTimeout(this.#timer);
    this.#timer = 0;
  }

  #schedule(ms) {
    this.cancel();
    this.#timer = setTimeout(() => {
      this.#timer = 0;
      this.#onQuery(this.#input.value);
    }, ms);
  }
}

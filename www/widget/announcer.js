/**
 * The screen-reader announcer: one visually hidden `aria-live="polite"`
 * region in the shadow root. Result counts and errors are said once each;
 * repeating the same message (the same count for a new query) is still
 * announced, because the region is emptied before the new text goes in.
 */
import { h } from "./dom.js";

export class Announcer {
  #timer = 0;

  constructor() {
    this.el = h("div", { class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  }

  /** Announces `text` after a short pause, so a burst of renders is said once. */
  say(text) {
    clearTimeout(this.#timer);
    this.el.textContent = "";
    this.#timer = setTimeout(() => {
      this.el.textContent = text;
    }, 150);
  }

  cancel() {
    clearTimeout(this.#timer);
  }
}

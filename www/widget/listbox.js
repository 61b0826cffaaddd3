/**
 * Keyboard navigation of a listbox from its combobox input, as in the
 * WAI-ARIA combobox pattern (and github/combobox-nav): focus stays in the
 * input; ArrowDown/ArrowUp move the active option, which the input names in
 * `aria-activedescendant` and the option marks with `aria-selected="true"`.
 * Owns `aria-controls`, `aria-expanded` and `aria-activedescendant` of the
 * input; the element decides what Enter and Escape do.
 */
export class ListboxNav {
  #input;
  #list = null;
  #index = -1;

  constructor(input) {
    this.#input = input;
    input.setAttribute("aria-expanded", "false");
  }

  /** Shows `list` (a `role="listbox"` element, or null) as the input's popup. */
  attach(list, index = -1) {
    this.#list = list;
    this.#index = -1;
    if (list) this.#input.setAttribute("aria-controls", list.id);
    this.expanded = !!list && this.options.length > 0;
    if (index >= 0) this.setIndex(index);
  }

  get options() {
    return this.#list ? [...this.#list.querySelectorAll('[role="option"]')] : [];
  }

  get index() {
    return this.#index;
  }

  get active() {
    return this.options[this.#index] ?? null;
  }

  set expanded(value) {
    this.#input.setAttribute("aria-expanded", String(value && this.options.length > 0));
    if (!value) this.setIndex(-1);
  }

  /** Moves the active option by `delta`, wrapping around; from none, Down goes to the first and Up to the last. */
  move(delta) {
    const n = this.options.length;
    if (!n) return;
    this.#input.setAttribute("aria-expanded", "true");
    const i = this.#index < 0 ? (delta > 0 ? 0 : n - 1) : (this.#index + delta + n) % n;
    this.setIndex(i);
  }

  setIndex(i) {
    const options = this.options;
    options[this.#index]?.setAttribute("aria-selected", "false");
    this.#index = i >= 0 && i < options.length ? i : -1;
    const el = options[this.#index];
    if (el) {
      el.setAttribute("aria-selected", "true");
      this.#input.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    } else {
      this.#input.removeAttribute("aria-activedescendant");
    }
  }
}

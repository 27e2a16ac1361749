/** Registers `tag` unless it is taken: a page may load the script twice (CMS templates do). */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element)
}

// The staging of the memory store's transactions: writes over committed rows, applied on commit.

/** The rows of one collection as a reader sees them. A `Map` is one; so is a {@link Staged} view. */
export interface Table<V> {
  get(key: string): V | undefined
  values(): Iterable<V>
}

const GONE = Symbol('gone')

/** A transaction's writes over committed rows: reads see both, `commit` applies the writes. */
export class Staged<V> implements Table<V> {
  readonly #base: Map<string, V>
  readonly #writes = new Map<string, V | typeof GONE>()

  constructor(base: Map<string, V>) {
    this.#base = base
  }

  get(key: string): V | undefined {
    if (!this.#writes.has(key)) return this.#base.get(key)
    const value = this.#writes.get(key)
    return value === GONE ? undefined : value
  }

  *values(): Iterable<V> {
    for (const [key, value] of this.#base) if (!this.#writes.has(key)) yield value
    for (const value of this.#writes.values()) if (value !== GONE) yield value
  }

  set(key: string, value: V): void {
    this.#writes.set(key, value)
  }

  delete(key: string): void {
    this.#writes.set(key, GONE)
  }

  commit(): void {
    for (const [key, value] of this.#writes) {
      if (value === GONE) this.#base.delete(key)
      else this.#base.set(key, value)
    }
  }
}


// Rows of the SQLite store's two largest side tables held back until the end of a transaction
// (docs/architecture.md §6 "Writes"): a message adds about a hundred keyword terms and some
// eighty counter changes, which cost far less written together, sorted by key (each b-tree page
// is visited once, in order) and, for counters, summed (a counter several messages of the
// transaction change is written once). The connection writes them before any statement that
// reads or writes those tables (see Connection.statement), so no read misses them, and when the
// store's transaction ends; a transaction that fails drops them with the rest of its work.
import type Database from 'better-sqlite3'
import type { CounterRow } from '../stats-keeping.js'

/** The tables whose rows may be pending. A statement naming one of them writes them first. */
export const PENDING_TABLES = ['message_terms', 'stats_counts'] as const

/** Whether a statement reads or writes a table whose rows may be pending. */
export function touchesPending(sql: string): boolean {
  return PENDING_TABLES.some((table) => sql.includes(table))
}

/** Most rows of one INSERT (4 or 5 parameters each: well below SQLite's 32,766). */
const CHUNK = 256

export class PendingWrites {
  /** Term rows by term: created_ms, rid, published_ms (NaN for none) of each. */
  #terms = new Map<string, number[]>()
  /** Counter changes summed by board, then by `grain \x01 period \x01 key`. */
  #counters = new Map<string, Map<string, number>>()
  /** INSERT statements by table and number of rows (powers of two up to CHUNK). */
  readonly #inserts = new Map<string, Database.Statement>()

  /** True when rows are waiting. */
  get dirty(): boolean {
    return this.#terms.size > 0 || this.#counters.size > 0
  }

  /** Adds a message's term rows (each term once: searchGrams gives distinct terms). */
  addTerms(terms: readonly string[], createdMs: number, rid: number, publishedMs: number | null): void {
    const published = publishedMs ?? Number.NaN
    for (const term of terms) {
      const rows = this.#terms.get(term)
      if (rows) rows.push(createdMs, rid, published)
      else this.#terms.set(term, [createdMs, rid, published])
    }
  }

  /** Adds counter rows to each of `boards`. */
  addCounters(boards: readonly string[], rows: readonly CounterRow[]): void {
    const keys = rows.map(([grain, period, key]) => `${grain}\x01${period}\x01${key}`)
    for (const board of boards) {
      let sums = this.#counters.get(board)
      if (!sums) this.#counters.set(board, (sums = new Map()))
      for (let i = 0; i < rows.length; i++) sums.set(keys[i]!, (sums.get(keys[i]!) ?? 0) + rows[i]![3])
    }
  }

  /** Drops the waiting rows (their transaction was rolled back). */
  discard(): void {
    this.#terms = new Map()
    this.#counters = new Map()
  }

  /** Writes the waiting rows, sorted by each table's primary key, and forgets them. */
  flush(db: Database.Database): void {
    const terms = this.#terms
    const counters = this.#counters
    this.discard()
    if (terms.size > 0) {
      const rows: Array<[string, number, number, number | null]> = []
      for (const term of [...terms.keys()].sort()) {
        const flat = terms.get(term)!
        const order = Array.from({ length: flat.length / 3 }, (_, i) => 3 * i)
        order.sort((a, b) => flat[a]! - flat[b]! || flat[a + 1]! - flat[b + 1]!)
        for (const i of order) rows.push([term, flat[i]!, flat[i + 1]!, Number.isNaN(flat[i + 2]!) ? null : flat[i + 2]!])
      }
      this.#write(db, 'terms', rows)
    }
    if (counters.size > 0) {
      const rows: Array<[string, number, number, string, number]> = []
      for (const board of [...counters.keys()].sort()) {
        const sums: Array<[string, number, number, string, number]> = []
        for (const [k, n] of counters.get(board)!) {
          const [grain, period, key] = k.split('\x01') as [string, string, string]
          sums.push([board, Number(grain), Number(period), key, n])
        }
        sums.sort((a, b) => a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0))
        for (const row of sums) rows.push(row)
      }
      this.#write(db, 'counters', rows)
    }
  }

  /** Inserts `rows` in order, CHUNK rows to a statement, the rest in statements of powers of two. */
  #write(db: Database.Database, table: 'terms' | 'counters', rows: ReadonlyArray<readonly unknown[]>): void {
    let at = 0
    while (at < rows.length) {
      let size = CHUNK
      while (size > rows.length - at) size >>= 1
      const params: unknown[] = []
      for (let i = at; i < at + size; i++) params.push(...rows[i]!)
      this.#insert(db, table, size).run(params)
      at += size
    }
  }

  #insert(db: Database.Database, table: 'terms' | 'counters', size: number): Database.Statement {
    const name = `${table}:${size}`
    let statement = this.#inserts.get(name)
    if (!statement) {
      const values = Array.from({ length: size }, () => (table === 'terms' ? '(?, ?, ?, ?)' : '(?, ?, ?, ?, ?)')).join(', ')
      statement = db.prepare(
        table === 'terms'
          ? `INSERT OR IGNORE INTO message_terms (term, created_ms, rid, published_ms) VALUES ${values}`
          : `INSERT INTO stats_counts (board, grain, period, key, n) VALUES ${values}
             ON CONFLICT (board, grain, period, key) DO UPDATE SET n = n + excluded.n`,
      )
      this.#inserts.set(name, statement)
    }
    return statement
  }
}

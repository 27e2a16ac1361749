// Rows of the SQLite store's side tables held back until the end of a transaction
// (docs/architecture.md §6 "Writes"): a message adds about a hundred keyword terms, some eighty
// counter changes, a scope row per board above it (each in seven indexes) and a heat row per
// board above it, which cost far less written together, sorted by key (each b-tree page is
// visited once, in order) and, for counters and heat, summed (a row several messages of the
// transaction change is written once). The connection writes them before any statement that
// names those tables or rewrites messages (whose triggers read `message_scope`; see
// Connection.statement), so no read misses them, and when the store's transaction ends; a
// transaction that fails drops them with the rest of its work.
import type Database from 'better-sqlite3'
import type { CounterRow } from '../stats-keeping.js'

/** The tables whose rows may be pending. A statement naming one of them writes them first. */
export const PENDING_TABLES = ['message_terms', 'stats_counts', 'message_scope', 'hot_heat'] as const

/** A statement that rewrites or deletes messages: its triggers read and write `message_scope`. */
const REWRITES_MESSAGES = /\b(UPDATE|DELETE\s+FROM)\s+messages\b/iu

/** Whether a statement reads or writes a table whose rows may be pending (itself or by trigger). */
export function touchesPending(sql: string): boolean {
  return PENDING_TABLES.some((table) => sql.includes(table)) || REWRITES_MESSAGES.test(sql)
}

/** A `message_scope` row: ancestor, rid, created_ms, published_ms, status, due_ms. */
export type ScopeRow = [ancestor: string, rid: number, createdMs: number, publishedMs: number | null, status: string, dueMs: number | null]

/** Most rows of one INSERT (4 to 6 parameters each: well below SQLite's 32,766). */
const CHUNK = 256

type Table = 'terms' | 'counters' | 'scope' | 'heat'
const TABLES: Record<Table, string> = { terms: 'message_terms', counters: 'stats_counts', scope: 'message_scope', heat: 'hot_heat' }
/** The columns of each table's rows, and the upsert of the summed ones (the others ignore a row stored already, as before). */
const INSERTS: Record<Table, { columns: string[]; conflict?: string }> = {
  terms: { columns: ['term', 'created_ms', 'rid', 'published_ms'] },
  counters: { columns: ['board', 'grain', 'period', 'key', 'n'], conflict: ' ON CONFLICT (board, grain, period, key) DO UPDATE SET n = n + excluded.n' },
  scope: { columns: ['ancestor', 'rid', 'created_ms', 'published_ms', 'status', 'due_ms'] },
  heat: { columns: ['ancestor', 'month', 'domain', 'region', 'n'], conflict: ' ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = n + excluded.n' },
}

export class PendingWrites {
  /** Term rows by term: created_ms, rid, published_ms (NaN for none) of each. */
  #terms = new Map<string, number[]>()
  /** Counter changes summed by board, then by `grain \x01 period \x01 key`. */
  #counters = new Map<string, Map<string, number>>()
  #scope: ScopeRow[] = []
  /** Heat changes summed by `ancestor \x01 month \x01 domain \x01 region`. */
  #heat = new Map<string, number>()
  /** INSERT statements by table and number of rows (powers of two up to CHUNK). */
  readonly #inserts = new Map<string, Database.Statement>()

  /** True when rows are waiting. */
  get dirty(): boolean {
    return this.#terms.size > 0 || this.#counters.size > 0 || this.#scope.length > 0 || this.#heat.size > 0
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

  /** Adds a message's scope rows (one per board, each board once). */
  addScope(rows: readonly ScopeRow[]): void {
    for (const row of rows) this.#scope.push(row)
  }

  /** Adds `n` to the heat cell of each board in `cells` (board and region) for a month and domain. */
  addHeat(cells: ReadonlyArray<readonly [ancestor: string, region: string]>, month: string, domain: string, n: number): void {
    for (const [ancestor, region] of cells) {
      const k = `${ancestor}\x01${month}\x01${domain}\x01${region}`
      this.#heat.set(k, (this.#heat.get(k) ?? 0) + n)
    }
  }

  /** Drops the waiting rows (their transaction was rolled back). */
  discard(): void {
    this.#terms = new Map()
    this.#counters = new Map()
    this.#scope = []
    this.#heat = new Map()
  }

  /** Writes the waiting rows, sorted by each table's primary key, and forgets them. */
  flush(db: Database.Database): void {
    const terms = this.#terms
    const counters = this.#counters
    const scope = this.#scope
    const heat = this.#heat
    this.discard()
    if (scope.length > 0) {
      scope.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
      this.#write(db, 'scope', scope.flat())
    }
    if (heat.size > 0) {
      const rows = [...heat].map(([k, n]) => [...k.split('\x01'), n] as [string, string, string, string, number])
      rows.sort((a, b) => { for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1; return 0 })
      this.#write(db, 'heat', rows.flat())
    }
    if (terms.size > 0) {
      const values: unknown[] = []
      for (const term of [...terms.keys()].sort()) {
        const flat = terms.get(term)!
        const order = Array.from({ length: flat.length / 3 }, (_, i) => 3 * i)
        order.sort((a, b) => flat[a]! - flat[b]! || flat[a + 1]! - flat[b + 1]!)
        for (const i of order) values.push(term, flat[i]!, flat[i + 1]!, Number.isNaN(flat[i + 2]!) ? null : flat[i + 2]!)
      }
      this.#write(db, 'terms', values)
    }
    if (counters.size > 0) {
      const values: unknown[] = []
      for (const board of [...counters.keys()].sort()) {
        const sums: Array<[number, number, string, number]> = []
        for (const [k, n] of counters.get(board)!) {
          const [grain, period, key] = k.split('\x01') as [string, string, string]
          sums.push([Number(grain), Number(period), key, n])
        }
        sums.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0))
        for (const [grain, period, key, n] of sums) values.push(board, grain, period, key, n)
      }
      this.#write(db, 'counters', values)
    }
  }

  /** Inserts the rows of `values` (flat, in order), CHUNK rows to a statement, the rest in statements of powers of two. */
  #write(db: Database.Database, table: Table, values: readonly unknown[]): void {
    const width = INSERTS[table].columns.length
    const rows = values.length / width
    let at = 0
    while (at < rows) {
      let size = CHUNK
      while (size > rows - at) size >>= 1
      this.#insert(db, table, size).run(values.slice(at * width, (at + size) * width))
      at += size
    }
  }

  #insert(db: Database.Database, table: Table, size: number): Database.Statement {
    const name = `${table}:${size}`
    let statement = this.#inserts.get(name)
    if (!statement) {
      const { columns, conflict } = INSERTS[table]
      const values = Array.from({ length: size }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')
      statement = db.prepare(`INSERT${conflict ? '' : ' OR IGNORE'} INTO ${TABLES[table]} (${columns.join(', ')}) VALUES ${values}${conflict ?? ''}`)
      this.#inserts.set(name, statement)
    }
    return statement
  }
}

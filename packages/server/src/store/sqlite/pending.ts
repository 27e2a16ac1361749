// Rows of the SQLite store's side tables held back until the end of a transaction
// (docs/architecture.md §6 "Writes"): a message adds about a hundred keyword terms, some eighty
// counter changes, a scope row per board above it (each in seven indexes), a heat row per board
// above it and, when it joins a group of similar messages, its rows under each of those boards
// and the group's spans there (hot_scope, hot_spans), which cost far less written together,
// sorted by key (each b-tree page is visited once, in order) and, for counters, heat and spans,
// summed (a row several messages of the transaction change is written once). The connection
// writes them before any statement that names those tables or rewrites messages (whose triggers
// read `message_scope`; see Connection.statement), so no read misses them, and when the store's
// transaction ends (in a group commit, with the group's COMMIT, summed across its transactions);
// a transaction that fails drops them with the rest of its work.
import type Database from 'better-sqlite3'
import type { CounterRow } from '../stats-keeping.js'

/** The tables whose rows may be pending. A statement naming one of them writes them first. */
export const PENDING_TABLES = ['message_terms', 'stats_counts', 'message_scope', 'hot_heat', 'hot_scope', 'hot_spans'] as const

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

type Table = 'terms' | 'counters' | 'scope' | 'heat' | 'hotScope' | 'hotSpans'
const TABLES: Record<Table, string> = { terms: 'message_terms', counters: 'stats_counts', scope: 'message_scope', heat: 'hot_heat', hotScope: 'hot_scope', hotSpans: 'hot_spans' }
/** The columns of each table's rows, and the upsert of the summed ones (the others ignore a row stored already, as before). */
const INSERTS: Record<Table, { columns: string[]; conflict?: string }> = {
  terms: { columns: ['term', 'created_ms', 'rid', 'published_ms'] },
  counters: { columns: ['board', 'grain', 'period', 'key', 'n'], conflict: ' ON CONFLICT (board, grain, period, key) DO UPDATE SET n = n + excluded.n' },
  scope: { columns: ['ancestor', 'rid', 'created_ms', 'published_ms', 'status', 'due_ms'] },
  heat: { columns: ['ancestor', 'month', 'domain', 'region', 'n'], conflict: ' ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = n + excluded.n' },
  hotScope: { columns: ['ancestor', 'root', 'created_ms', 'rid'] },
  hotSpans: {
    columns: ['ancestor', 'root', 'first_ms', 'last_ms'],
    conflict: ' ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)',
  },
}

/** A `hot_scope` row: ancestor, root, created_ms, rid. */
export type HotScopeRow = [ancestor: string, root: number, createdMs: number, rid: number]

/** A group's span under one board: its first and last member's creation. */
interface Span {
  ancestor: string
  root: number
  first: number
  last: number
}

/** Counter changes of one board and period, summed by key. */
interface PeriodSums {
  grain: number
  period: number
  sums: Map<string, number>
}

/** One number for a grain and period (|period| < 2^31, as day and month numbers are), for a Map key. */
const periodKey = (grain: number, period: number) => grain * 4_294_967_296 + period

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export class PendingWrites {
  /** Term rows by term: created_ms, rid, published_ms (NaN for none) of each. */
  #terms = new Map<string, number[]>()
  /** Counter changes by board, then by grain and period. */
  #counters = new Map<string, Map<number, PeriodSums>>()
  #scope: ScopeRow[] = []
  /** Heat changes summed by `ancestor \x01 month \x01 domain \x01 region`. */
  #heat = new Map<string, number>()
  #hotScope: HotScopeRow[] = []
  /** Spans of groups under boards, widened by `ancestor \x01 root`. */
  #hotSpans = new Map<string, Span>()
  /** INSERT statements by table and number of rows (powers of two up to CHUNK), shared by the connection's sets of rows. */
  readonly #inserts: Map<string, Database.Statement>

  constructor(inserts: Map<string, Database.Statement> = new Map()) {
    this.#inserts = inserts
  }

  /** True when rows are waiting. */
  get dirty(): boolean {
    return this.#terms.size > 0 || this.#counters.size > 0 || this.#scope.length > 0 || this.#heat.size > 0 || this.#hotScope.length > 0 || this.#hotSpans.size > 0
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
    for (const board of boards) {
      let periods = this.#counters.get(board)
      if (!periods) this.#counters.set(board, (periods = new Map()))
      for (const [grain, period, key, n] of rows) {
        const k = periodKey(grain, period)
        let sums = periods.get(k)
        if (!sums) periods.set(k, (sums = { grain, period, sums: new Map() }))
        sums.sums.set(key, (sums.sums.get(key) ?? 0) + n)
      }
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

  /** Adds a new member of the group `root`, created at `createdMs`, under each of `boards`: its scope rows and the groups' spans there. */
  addGroupMember(boards: readonly string[], root: number, createdMs: number, rid: number): void {
    for (const ancestor of boards) {
      this.#hotScope.push([ancestor, root, createdMs, rid])
      const k = `${ancestor}\x01${root}`
      const span = this.#hotSpans.get(k)
      if (!span) this.#hotSpans.set(k, { ancestor, root, first: createdMs, last: createdMs })
      else {
        if (createdMs < span.first) span.first = createdMs
        if (createdMs > span.last) span.last = createdMs
      }
    }
  }

  /** Drops the waiting rows (their transaction was rolled back). */
  discard(): void {
    this.#terms = new Map()
    this.#counters = new Map()
    this.#scope = []
    this.#heat = new Map()
    this.#hotScope = []
    this.#hotSpans = new Map()
  }

  /**
   * Takes in the rows of `other` (a transaction of the same group commit that ended well), summed
   * with these where they sum; `other` is left empty.
   */
  absorb(other: PendingWrites): void {
    for (const [term, rows] of other.#terms) {
      const mine = this.#terms.get(term)
      if (!mine) this.#terms.set(term, rows)
      else for (const value of rows) mine.push(value)
    }
    for (const [board, periods] of other.#counters) {
      const mine = this.#counters.get(board)
      if (!mine) {
        this.#counters.set(board, periods)
        continue
      }
      for (const [k, theirs] of periods) {
        const sums = mine.get(k)
        if (!sums) mine.set(k, theirs)
        else for (const [key, n] of theirs.sums) sums.sums.set(key, (sums.sums.get(key) ?? 0) + n)
      }
    }
    for (const row of other.#scope) this.#scope.push(row)
    for (const [k, n] of other.#heat) this.#heat.set(k, (this.#heat.get(k) ?? 0) + n)
    for (const row of other.#hotScope) this.#hotScope.push(row)
    for (const [k, theirs] of other.#hotSpans) {
      const span = this.#hotSpans.get(k)
      if (!span) this.#hotSpans.set(k, theirs)
      else {
        span.first = Math.min(span.first, theirs.first)
        span.last = Math.max(span.last, theirs.last)
      }
    }
    other.discard()
  }

  /** Writes the waiting rows, sorted by each table's primary key, and forgets them. */
  flush(db: Database.Database): void {
    this.write(db)
    this.discard()
  }

  /** Writes the waiting rows, sorted by each table's primary key, and keeps them (see Connection). */
  write(db: Database.Database): void {
    const terms = this.#terms
    const counters = this.#counters
    const scope = this.#scope
    const heat = this.#heat
    const hotScope = this.#hotScope
    const hotSpans = this.#hotSpans
    if (scope.length > 0) {
      scope.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
      const out = this.#rows(db, 'scope')
      for (const row of scope) out.add(row[0], row[1], row[2], row[3], row[4], row[5])
      out.end()
    }
    if (heat.size > 0) {
      const rows = [...heat].map(([k, n]) => [...k.split('\x01'), n] as [string, string, string, string, number])
      rows.sort((a, b) => { for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1; return 0 })
      const out = this.#rows(db, 'heat')
      for (const row of rows) out.add(row[0], row[1], row[2], row[3], row[4])
      out.end()
    }
    if (terms.size > 0) {
      const out = this.#rows(db, 'terms')
      for (const term of [...terms.keys()].sort(byString)) {
        const flat = terms.get(term)!
        // Rows come mostly in order of creation (a board's messages do): sort only when they do not.
        let sorted = true
        for (let i = 3; i < flat.length && sorted; i += 3) sorted = flat[i - 3]! < flat[i]! || (flat[i - 3] === flat[i] && flat[i - 2]! < flat[i + 1]!)
        const order = Array.from({ length: flat.length / 3 }, (_, i) => 3 * i)
        if (!sorted) order.sort((a, b) => flat[a]! - flat[b]! || flat[a + 1]! - flat[b + 1]!)
        for (const i of order) out.add(term, flat[i]!, flat[i + 1]!, Number.isNaN(flat[i + 2]!) ? null : flat[i + 2]!)
      }
      out.end()
    }
    if (hotScope.length > 0) {
      hotScope.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || a[3] - b[3]))
      const out = this.#rows(db, 'hotScope')
      for (const row of hotScope) out.add(row[0], row[1], row[2], row[3])
      out.end()
    }
    if (hotSpans.size > 0) {
      const spans = [...hotSpans.values()].sort((a, b) => (a.ancestor < b.ancestor ? -1 : a.ancestor > b.ancestor ? 1 : a.root - b.root))
      const out = this.#rows(db, 'hotSpans')
      for (const span of spans) out.add(span.ancestor, span.root, span.first, span.last)
      out.end()
    }
    if (counters.size > 0) {
      const out = this.#rows(db, 'counters')
      for (const board of [...counters.keys()].sort(byString)) {
        const periods = [...counters.get(board)!.values()].sort((a, b) => a.grain - b.grain || a.period - b.period)
        for (const { grain, period, sums } of periods) {
          for (const key of [...sums.keys()].sort(byString)) out.add(board, grain, period, key, sums.get(key)!)
        }
      }
      out.end()
    }
  }

  /**
   * A writer of one table's rows, given in order: CHUNK rows to a statement as they come, the rest
   * at `end` in statements of powers of two (so a few statements of each table are ever prepared).
   * The values go to `run` as arguments, not as one array: better-sqlite3 reads an array's elements
   * through one V8 API call each (some 400 instructions: a tenth of a row's cost), arguments directly.
   */
  #rows(db: Database.Database, table: Table): { add(a: unknown, b: unknown, c: unknown, d: unknown, e?: unknown, f?: unknown): void; end(): void } {
    const width = INSERTS[table].columns.length
    const values: unknown[] = new Array(CHUNK * width)
    let filled = 0
    return {
      // The table's columns in order: 4 to 6 of them (no array per row).
      add: (a, b, c, d, e, f) => {
        values[filled++] = a
        values[filled++] = b
        values[filled++] = c
        values[filled++] = d
        if (width > 4) values[filled++] = e
        if (width > 5) values[filled++] = f
        if (filled === values.length) {
          this.#insert(db, table, CHUNK).run(...values)
          filled = 0
        }
      },
      end: () => {
        for (let at = 0; at < filled; ) {
          let size = CHUNK
          while (size * width > filled - at) size >>= 1
          this.#insert(db, table, size).run(...values.slice(at, at + size * width))
          at += size * width
        }
      },
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

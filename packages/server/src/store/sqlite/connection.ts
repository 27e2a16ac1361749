// A connection with its prepared statements, shared by the SQLite store's readers and writers.
import type Database from 'better-sqlite3'
import { BoardPaths } from './paths.js'
import { PendingWrites, touchesPending } from './pending.js'

/**
 * How a statement returns rows: objects (default), arrays of column values (`raw`), or the first
 * column's value alone (`pluck`); the latter two skip building an object per row.
 */
export type RowMode = 'object' | 'raw' | 'pluck'

/** A connection with its prepared statements, each prepared once per row mode. */
export class Connection {
  readonly db: Database.Database
  /**
   * Rows held back until the end of the open transaction (pending.ts); written before any
   * statement of this connection that names their tables.
   */
  readonly pending = new PendingWrites()
  /** The boards above each board, read once per transaction (paths.ts). */
  readonly paths = new BoardPaths()
  /** Prepared statements by row mode, then by SQL (no key built per call: some SQL texts are long). */
  readonly #statements: Record<RowMode, Map<string, { statement: Database.Statement; pending: boolean }>> = { object: new Map(), raw: new Map(), pluck: new Map() }

  constructor(db: Database.Database) {
    this.db = db
  }

  statement(sql: string, mode: RowMode = 'object'): Database.Statement {
    const statements = this.#statements[mode]
    let entry = statements.get(sql)
    if (!entry) {
      const statement = this.db.prepare(sql)
      if (mode === 'raw') statement.raw(true)
      else if (mode === 'pluck') statement.pluck(true)
      entry = { statement, pending: touchesPending(sql) }
      statements.set(sql, entry)
    }
    if (entry.pending && this.pending.dirty) this.pending.flush(this.db)
    return entry.statement
  }

  /** Ends a store transaction that succeeded: writes the rows held back. */
  finish(): void {
    this.paths.clear()
    if (this.pending.dirty) this.pending.flush(this.db)
  }

  /** Ends a store transaction that failed: drops the rows held back. */
  abandon(): void {
    this.paths.clear()
    this.pending.discard()
  }

  /** Runs several reads on one snapshot (a no-op nesting inside a write transaction). */
  snapshot<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()
  }
}

// A connection with its prepared statements, shared by the SQLite store's readers and writers.
import type Database from 'better-sqlite3'

/**
 * How a statement returns rows: objects (default), arrays of column values (`raw`), or the first
 * column's value alone (`pluck`); the latter two skip building an object per row.
 */
export type RowMode = 'object' | 'raw' | 'pluck'

/** A connection with its prepared statements, each prepared once per row mode. */
export class Connection {
  readonly db: Database.Database
  readonly #statements = new Map<string, Database.Statement>()

  constructor(db: Database.Database) {
    this.db = db
  }

  statement(sql: string, mode: RowMode = 'object'): Database.Statement {
    const key = mode === 'object' ? sql : `${mode}\0${sql}`
    let statement = this.#statements.get(key)
    if (!statement) {
      statement = this.db.prepare(sql)
      if (mode === 'raw') statement.raw(true)
      else if (mode === 'pluck') statement.pluck(true)
      this.#statements.set(key, statement)
    }
    return statement
  }

  /** Runs several reads on one snapshot (a no-op nesting inside a write transaction). */
  snapshot<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()
  }
}

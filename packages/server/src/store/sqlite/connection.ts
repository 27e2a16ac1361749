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
  readonly pending: PendingWrites
  /**
   * Rows of the transactions of this group commit that ended well, written with the group's
   * COMMIT (summed across them), or before a statement that names their tables.
   */
  #group: PendingWrites
  /**
   * Rows of `#group` written inside the open transaction's savepoint: they go back to `#group` if
   * it rolls back (ROLLBACK TO undoes their writing too).
   */
  #writtenInOpen: PendingWrites | undefined
  /** The boards above each board, read once per transaction (paths.ts). */
  readonly paths = new BoardPaths()
  /** Prepared statements by row mode, then by SQL (no key built per call: some SQL texts are long). */
  /** The INSERTs of held-back rows, shared by the sets of rows above. */
  readonly #inserts = new Map<string, Database.Statement>()
  readonly #statements: Record<RowMode, Map<string, { statement: Database.Statement; pending: boolean }>> = { object: new Map(), raw: new Map(), pluck: new Map() }

  constructor(db: Database.Database) {
    this.db = db
    this.pending = new PendingWrites(this.#inserts)
    this.#group = new PendingWrites(this.#inserts)
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
    if (entry.pending) this.#writeHeld()
    return entry.statement
  }

  /** Writes every row held back: the group's (kept aside until the open transaction ends) and its own. */
  #writeHeld(): void {
    if (this.#group.dirty) {
      this.#group.write(this.db)
      // Written inside the open transaction's savepoint: kept until it is released.
      if (this.#writtenInOpen) this.#writtenInOpen.absorb(this.#group)
      else {
        this.#writtenInOpen = this.#group
        this.#group = new PendingWrites(this.#inserts)
      }
    }
    if (this.pending.dirty) this.pending.flush(this.db)
  }

  /**
   * Ends a store transaction that succeeded. `inGroup`: its savepoint is released into a group
   * commit, whose COMMIT (see beforeCommit) writes the rows it held back, summed with the other
   * transactions'; otherwise they are written now.
   */
  finish(inGroup = false): void {
    this.paths.clear()
    this.#writtenInOpen = undefined
    if (inGroup) this.#group.absorb(this.pending)
    else this.#writeHeld()
  }

  /** Ends a store transaction that failed (rolled back alone, or to its savepoint): drops its rows. */
  abandon(): void {
    this.paths.clear()
    this.pending.discard()
    // The group's rows written in its savepoint were rolled back with it: they wait again.
    if (this.#writtenInOpen) {
      this.#writtenInOpen.absorb(this.#group)
      this.#group = this.#writtenInOpen
      this.#writtenInOpen = undefined
    }
  }

  /** Before the COMMIT of a group: writes the rows its transactions held back. */
  beforeCommit(): void {
    this.#writtenInOpen = undefined
    this.#writeHeld()
    this.#writtenInOpen = undefined
  }

  /** The whole SQLite transaction was rolled back: nothing held back is kept. */
  dropAll(): void {
    this.paths.clear()
    this.pending.discard()
    this.#group.discard()
    this.#writtenInOpen = undefined
  }

  /** Runs several reads on one snapshot (a no-op nesting inside a write transaction). */
  snapshot<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()
  }
}

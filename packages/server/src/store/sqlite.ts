import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
// Types only: the driver itself is loaded when a store is created (see loadDriver), so importing
// this module, or a bundle that includes it such as the CLI, works without better-sqlite3.
import type Database from 'better-sqlite3'
import { Mutex } from './shared.js'
import type { Store, StoreReader, StoreTransaction } from './types.js'
import { Connection } from './sqlite/connection.js'
import { SqliteReader } from './sqlite/reader.js'
import { checkVersion, migrate, refreshPublicViews, tune } from './sqlite/schema.js'
import { indexTail, KEYWORD_BATCH } from './sqlite/keyword.js'
import { SqliteTransaction } from './sqlite/transaction.js'
import { PooledReader, ReadPool } from './sqlite/read-pool.js'

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * Open an existing database for reading only: no migration runs and `transaction()` fails. The
   * database must already be at this version's schema.
   * @default false
   */
  readonly?: boolean
  /**
   * On opening for writing, render again every stored public view rendered by another version of
   * the code. Maintenance tools that write to a database a server runs on (the token commands)
   * pass `false`: the server owns that work, and a newer tool would otherwise rewrite every row.
   * @default true
   */
  refreshPublicViews?: boolean
  /**
   * How many new messages wait for their keyword terms, which are then written together with
   * one commit (fewer pages written per message); a keyword search reads the waiting messages
   * directly. 0 writes each message's terms with its own commit.
   * @default 128
   */
  keywordBatch?: number
  /**
   * Worker threads, each with its own read-only connection, that answer the reads which sum or
   * scan (statistics, hot spots, inbox counts) off the event loop, so a supervisor's report does
   * not hold up other requests on a server with more than one core. 0 answers every read on the
   * calling thread. Ignored for `':memory:'`.
   * @default 0
   */
  readWorkers?: number
}

/**
 * The part of a better-sqlite3 statement that {@link SqliteDatabase.prepare} exposes. Declared
 * here, not imported, so that the published types do not need `@types/better-sqlite3`.
 */
export interface SqliteStatement {
  /** The SQL text. */
  readonly source: string
  /** True when the statement returns rows. */
  readonly reader: boolean
  /** Runs a statement that returns no rows. */
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
  /** The first row, or `undefined`. */
  get(...params: unknown[]): unknown
  /** Every row. */
  all(...params: unknown[]): unknown[]
  /** The rows one at a time. */
  iterate(...params: unknown[]): IterableIterator<unknown>
  /** Return the first column's value instead of a row object. */
  pluck(toggle?: boolean): this
  /** Return each row as an array of column values instead of an object. */
  raw(toggle?: boolean): this
}

/**
 * The maintenance surface of a better-sqlite3 connection: the members of `Database` from
 * `better-sqlite3` that {@link SqliteStore.database} promises. The value is the driver's
 * connection itself; a script that has `@types/better-sqlite3` can cast it to
 * `import('better-sqlite3').Database` for the rest.
 */
export interface SqliteDatabase {
  /** The file name given to {@link createSqliteStore} (`:memory:` for an in-memory database). */
  readonly name: string
  /** True while the connection is open. */
  readonly open: boolean
  /** True when the connection was opened read-only. */
  readonly readonly: boolean
  /** True for an in-memory database. */
  readonly memory: boolean
  /** True while a transaction is open on this connection. */
  readonly inTransaction: boolean
  /** Compiles a statement. */
  prepare(source: string): SqliteStatement
  /** Runs one or more statements that return nothing. */
  exec(source: string): this
  /** Runs a `PRAGMA`; with `{ simple: true }` it returns the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown
  /**
   * Copies the database, while it is in use, to a file: an online backup.
   * @example
   * ```ts
   * await store.database.backup(`/backup/board-${new Date().toISOString().slice(0, 10)}.db`)
   * ```
   */
  backup(destinationFile: string): Promise<{ totalPages: number; remainingPages: number }>
}

/** A {@link Store} on SQLite, with its connection for maintenance. */
export interface SqliteStore extends Store {
  /**
   * The connection transactions write through, for maintenance such as `database.backup(file)` or
   * reading a pragma. Write only through {@link Store.transaction}: a write here skips the store's
   * lock and its rules.
   */
  readonly database: SqliteDatabase
  /**
   * The schema versions (`PRAGMA user_version`) before and after the migrations this open applied;
   * equal when none ran (and always for a read-only store).
   */
  readonly migration: { readonly from: number; readonly to: number }
}

/**
 * Thrown by {@link createSqliteStore} when the `better-sqlite3` package, an optional peer
 * dependency of `@liuyan/server`, is not installed.
 */
export class SqliteDriverMissingError extends Error {
  override name = 'SqliteDriverMissingError'
  /** Stable code for programs. */
  readonly code = 'sqlite_driver_missing'
  constructor(options?: ErrorOptions) {
    super('The SQLite store needs the better-sqlite3 package: install it with `npm install better-sqlite3`', options)
  }
}

let driver: typeof Database | undefined

/**
 * better-sqlite3 on first use. A synchronous `require` (the package is CommonJS) keeps
 * `createSqliteStore` synchronous, as it has always been, while a program that never opens a
 * SQLite file never loads, nor needs, the native module.
 */
function loadDriver(): typeof Database {
  if (driver) return driver
  try {
    driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes("'better-sqlite3'")) {
      throw new SqliteDriverMissingError({ cause: error })
    }
    throw error
  }
  return driver
}

const STORE_CLOSED = 'The store is closed; open the database again'

const TRANSACTION_ENDED = 'The transaction has ended; do all its work inside the function given to transaction()'

/**
 * The embedded default store: one SQLite file (created with its folder if missing) in WAL mode with
 * `synchronous = FULL`, so a committed message survives a power cut. Migrations run at start-up.
 * `':memory:'` gives a database that lives as long as the store.
 *
 * Transactions go through one connection, one at a time (`BEGIN IMMEDIATE`, so a second process
 * waits for the lock instead of failing half-way). Reads outside a transaction use a second,
 * read-only connection and so see only committed data; with `':memory:'` there is one connection,
 * and reads made while a transaction is open see its writes.
 *
 * Keyword search uses an FTS5 trigram index over the masked title and content; keywords shorter
 * than three characters (路灯), which a trigram index cannot match, scan the same masked text.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@liuyan/server/sqlite'
 * const store = createSqliteStore('./data/board.db')
 * const service = createBoardService({ store })
 * // on shutdown
 * await store.close()
 * ```
 */
export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStoreImpl(file, options.readonly === true, options.refreshPublicViews !== false, options.keywordBatch ?? KEYWORD_BATCH, options.readWorkers ?? 0)
}

class SqliteStoreImpl implements SqliteStore {
  readonly database: Database.Database
  readonly migration: { readonly from: number; readonly to: number }
  readonly read: StoreReader
  readonly #readDatabase: Database.Database | undefined
  readonly #writer: Connection
  readonly #readonly: boolean
  readonly #mutex = new Mutex()
  /** Transactions waiting for the next group commit. */
  readonly #queue: QueuedTransaction[] = []
  #closed = false
  /** See {@link SqliteStoreOptions.keywordBatch}. */
  readonly #keywordBatch: number
  /** See {@link SqliteStoreOptions.readWorkers}. */
  readonly #pool: ReadPool | undefined

  constructor(file: string, readonly: boolean, refresh: boolean, keywordBatch: number, readWorkers: number) {
    if (!Number.isInteger(readWorkers) || readWorkers < 0) throw new RangeError(`readWorkers must be a whole number ≥ 0, not ${readWorkers}`)
    this.#keywordBatch = keywordBatch
    const Driver = loadDriver()
    this.#readonly = readonly
    const inMemory = file === ':memory:' || file === ''
    if (readonly) {
      this.database = new Driver(file, { readonly: true, fileMustExist: true })
      this.database.pragma('busy_timeout = 5000')
      tune(this.database)
      const version = checkVersion(this.database)
      this.migration = { from: version, to: version }
    } else {
      if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true })
      this.database = new Driver(file)
      this.database.pragma('journal_mode = WAL')
      this.database.pragma('synchronous = FULL')
      this.database.pragma('foreign_keys = ON')
      this.database.pragma('busy_timeout = 5000')
      tune(this.database)
      this.migration = migrate(this.database)
    }
    this.#writer = new Connection(this.database)
    if (!readonly && refresh) refreshPublicViews(this.#writer)
    if (!readonly && !inMemory) {
      this.#readDatabase = new Driver(file, { readonly: true, fileMustExist: true })
      this.#readDatabase.pragma('busy_timeout = 5000')
      tune(this.#readDatabase)
    }
    const check = () => {
      if (this.#closed) throw new Error(STORE_CLOSED)
    }
    // The connection of `read` never writes (a separate read-only one, or the only one of a
    // read-only store), so its `data_version` changes with every commit and can validate a cache.
    // A writable ':memory:' database has one connection, whose own commits data_version ignores.
    const separate = this.#readDatabase !== undefined || readonly
    const reads = this.#readDatabase ? new Connection(this.#readDatabase) : this.#writer
    this.#pool = readWorkers > 0 && !inMemory ? new ReadPool(resolve(file), readWorkers) : undefined
    this.read = this.#pool ? new PooledReader(reads, check, this.#pool) : new SqliteReader(reads, check, separate)
  }

  /**
   * Runs `fn` in a transaction. Transactions asked for together (in one turn of the event loop, or
   * while others run) are committed together (group commit): each runs alone, in order, inside a
   * savepoint of one `BEGIN IMMEDIATE` … `COMMIT` (a transaction alone in the queue needs no
   * savepoint), so a durable commit (`synchronous = FULL`: an fsync of the WAL) is paid once per
   * group instead of once per transaction. Each one still commits or rolls back as a whole: a
   * throwing `fn` is rolled back to its savepoint and rejects at once, without touching the others;
   * the rest resolve only after the COMMIT is durable, and all of them reject if it fails.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error(STORE_CLOSED))
    if (this.#readonly) return Promise.reject(new Error('This store was opened read-only; open it without `readonly` to write'))
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject })
      // A group starts after the I/O callbacks of this turn of the event loop, so every request that
      // arrived together joins it (started at once, each would commit alone). A run that finds the
      // queue emptied by the one before does nothing.
      if (this.#queue.length === 1) setImmediate(() => void this.#mutex.run(() => this.#commitGroup()))
    })
  }

  async #commitGroup(): Promise<void> {
    if (this.#queue.length === 0) return
    if (this.#closed) {
      for (const item of this.#queue.splice(0)) item.reject(new Error(STORE_CLOSED))
      return
    }
    const db = this.database
    // A transaction alone in the queue runs as a plain SQLite transaction: a savepoint makes SQLite
    // copy every page the transaction changes, which triples the cost of a large one (an import, a
    // seed). Only a group that starts with several needs savepoints to keep them apart.
    const solo = this.#queue.length === 1
    /** Transactions whose work is in the open SQLite transaction, waiting for its COMMIT. */
    let done: Array<{ item: QueuedTransaction; result: unknown }> = []
    const failAll = (error: unknown) => {
      // The SQLite transaction is gone, and with it whatever the group's transactions held back.
      this.#writer.dropAll()
      for (const { item } of done) item.reject(error)
      done = []
    }
    try {
      db.exec('BEGIN IMMEDIATE')
    } catch (error) {
      for (const item of this.#queue.splice(0, GROUP_LIMIT)) item.reject(error)
      this.#requeue()
      return
    }
    for (let count = 0; this.#queue.length > 0 && count < (solo ? 1 : GROUP_LIMIT); count++) {
      const item = this.#queue.shift()!
      let open = true
      const tx = new SqliteTransaction(this.#writer, () => {
        if (!open) throw new Error(TRANSACTION_ENDED)
      })
      try {
        if (!solo) db.exec('SAVEPOINT tx')
        const result = await item.fn(tx)
        open = false
        // The rows the transaction held back (sqlite/pending.ts) are part of it: written now when it
        // is alone, else with the group's COMMIT, summed with the others' (sqlite/connection.ts).
        this.#writer.finish(!solo)
        if (!solo) db.exec('RELEASE tx')
        done.push({ item, result })
      } catch (error) {
        open = false
        this.#writer.abandon()
        item.reject(error)
        if (solo) {
          rollback(db)
          this.#requeue()
          return
        }
        if (db.inTransaction) {
          try {
            db.exec('ROLLBACK TO tx')
            db.exec('RELEASE tx')
            continue
          } catch (rollbackError) {
            rollback(db)
            failAll(rollbackError)
          }
        } else {
          // SQLite rolled back the whole transaction (I/O error, disk full…): the group's earlier
          // work is gone too, and none of it was acknowledged.
          failAll(error)
        }
        try {
          db.exec('BEGIN IMMEDIATE')
        } catch (beginError) {
          for (const rest of this.#queue.splice(0, GROUP_LIMIT - count - 1)) rest.reject(beginError)
          this.#requeue()
          return
        }
      }
    }
    try {
      if (done.length > 0) indexTail(this.#writer, this.#keywordBatch)
      this.#writer.beforeCommit()
      db.exec('COMMIT')
    } catch (error) {
      rollback(db)
      failAll(error)
    }
    for (const { item, result } of done) item.resolve(result)
    this.#requeue()
  }

  /** Transactions queued beyond a full group get a run of their own. */
  #requeue(): void {
    if (this.#queue.length > 0) void this.#mutex.run(() => this.#commitGroup())
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await this.#mutex.run(async () => {
      if (this.#closed) return
      // Transactions asked for before close() still run, as if they had started.
      while (this.#queue.length > 0) await this.#commitGroup()
      this.#closed = true
      await this.#pool?.close()
      this.#readDatabase?.close()
      this.database.close()
    })
  }
}

/** Ends the open transaction, if any, keeping nothing of it; never throws (the caller reports the cause). */
function rollback(db: Database.Database): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK')
  } catch {
    // The transaction is gone either way; SQLite rolls back what a failed ROLLBACK left.
  }
}

/** A transaction waiting for its group commit. */
interface QueuedTransaction {
  fn: (tx: StoreTransaction) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** Most transactions committed together: bounds how long the first of a group waits. */
const GROUP_LIMIT = 64

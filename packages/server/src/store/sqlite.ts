import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { isPubliclyVisible, OPEN_STATUSES, toPublicMessage } from '@liuyan/core'
import type { Board, Message, Page } from '@liuyan/core'
// Types only: the driver itself is loaded when a store is created (see loadDriver), so importing
// this module, or a bundle that includes it such as the CLI, works without better-sqlite3.
import type Database from 'better-sqlite3'
import {
  appendOnlyTimeline,
  compareTokens,
  DUPLICATE_TRACKING_CODE,
  duplicateId,
  encodeCursor,
  instant,
  Mutex,
  NO_IDEMPOTENCY_CLAIM,
  planQuery,
  publicSortTime,
  searchText,
} from './memory.js'
import type { ListPlan } from './memory.js'
import type {
  IdempotencyRecord,
  MessageQuery,
  StaffToken,
  StatsRow,
  Store,
  StoredResponse,
  StoreReader,
  StoreTransaction,
} from './types.js'

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

/**
 * Schema migrations; the database's `PRAGMA user_version` is the number applied. Append only: a
 * released migration is never edited.
 *
 * `messages` keeps the message (without its timeline) as JSON in `doc` and copies the fields that
 * lists filter and sort on into columns; times used for comparison are epoch-millisecond integers,
 * so `Z` and `+08:00` times order as instants. `rid` is an integer key for the full-text index
 * (SQLite may renumber implicit rowids on VACUUM); `id` is unique and what everything else uses.
 * `search_text` is the masked, lower-cased title and content: the only text the index ever sees.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );

  CREATE TABLE messages (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL,
    assignee_board_id TEXT,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    domain TEXT NOT NULL,
    tracking_code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    published_at TEXT,
    published_ms INTEGER,
    due_at TEXT,
    due_ms INTEGER,
    replied_at TEXT,
    reviewed_at TEXT,
    overall INTEGER,
    search_text TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX messages_public ON messages (published_ms DESC, id DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_staff ON messages (created_ms DESC, id DESC);
  CREATE INDEX messages_board ON messages (board_id);
  CREATE INDEX messages_assignee ON messages (assignee_board_id) WHERE assignee_board_id IS NOT NULL;
  CREATE INDEX messages_status ON messages (status);

  CREATE TABLE events (
    message_id TEXT NOT NULL REFERENCES messages (id),
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (message_id, seq)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    search_text, content = 'messages', content_rowid = 'rid', tokenize = 'trigram'
  );
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, search_text) VALUES (new.rid, new.search_text);
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages
  WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
    INSERT INTO messages_fts (rowid, search_text) VALUES (new.rid, new.search_text);
  END;

  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );

  CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    created_at TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    response TEXT,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX idempotency_created ON idempotency (created_ms);
  `,
  // 2: the public view of each message, rendered when it is written (see PUBLIC_VIEW_VERSION).
  `
  ALTER TABLE messages ADD COLUMN public_doc TEXT;
  ALTER TABLE messages ADD COLUMN public_version INTEGER;
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value
  ) WITHOUT ROWID;
  `,
  // 3: tracking codes are kept as keyed hashes only (the service hashes the codes of older rows on
  // its first start, see upgradeTrackingCodes); lists break ties of equal times by rid, the order
  // of insertion, instead of by the random id.
  `
  ALTER TABLE messages RENAME COLUMN tracking_code TO tracking_hash;
  DROP INDEX messages_public;
  DROP INDEX messages_staff;
  CREATE INDEX messages_public ON messages (published_ms DESC, rid DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_staff ON messages (created_ms DESC, rid DESC);
  `,
]

/**
 * The version of the public views stored in `messages.public_doc`.
 *
 * Each message row keeps `public_doc` = `JSON.stringify(toPublicMessage(message))` (core's public
 * view, timeline included) while core's `isPubliclyVisible` says the public may see it, else NULL;
 * `public_version` is this constant as it was when the row was rendered. Public reads serve the
 * stored text, so they skip JSON parsing, masking and serializing.
 *
 * **Bump this number whenever the public view can change for the same stored message**: an upgrade
 * of `@liuyan/core` that changes `toPublicMessage`, `maskPII`, `maskNickname` or
 * `isPubliclyVisible`, or a change to the message or timeline shapes. On the next start
 * (`createSqliteStore` without `readonly`) every row rendered under another version is rendered
 * again; until then, and in read-only stores, such rows are rendered on each read instead of being
 * served stale.
 */
const PUBLIC_VIEW_VERSION = 3

/** The schema version this code reads and writes. */
const SCHEMA_VERSION = MIGRATIONS.length

const STORE_CLOSED = 'The store is closed; open the database again'

/** The `meta` key of a service setting (kept apart from the store's own bookkeeping keys). */
function settingKey(name: string): string {
  return `setting:${name}`
}
const TRANSACTION_ENDED = 'The transaction has ended; do all its work inside the function given to transaction()'
const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

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
  return new SqliteStoreImpl(file, options.readonly === true, options.refreshPublicViews !== false)
}

class SqliteStoreImpl implements SqliteStore {
  readonly database: Database.Database
  readonly read: StoreReader
  readonly #readDatabase: Database.Database | undefined
  readonly #writer: Connection
  readonly #readonly: boolean
  readonly #mutex = new Mutex()
  /** Transactions waiting for the next group commit. */
  readonly #queue: QueuedTransaction[] = []
  #closed = false

  constructor(file: string, readonly: boolean, refresh: boolean) {
    const Driver = loadDriver()
    this.#readonly = readonly
    const inMemory = file === ':memory:' || file === ''
    if (readonly) {
      this.database = new Driver(file, { readonly: true, fileMustExist: true })
      this.database.pragma('busy_timeout = 5000')
      tune(this.database)
      checkVersion(this.database)
    } else {
      if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true })
      this.database = new Driver(file)
      this.database.pragma('journal_mode = WAL')
      this.database.pragma('synchronous = FULL')
      this.database.pragma('foreign_keys = ON')
      this.database.pragma('busy_timeout = 5000')
      tune(this.database)
      migrate(this.database)
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
    this.read = new SqliteReader(this.#readDatabase ? new Connection(this.#readDatabase) : this.#writer, check, separate)
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
        if (!solo) db.exec('RELEASE tx')
        done.push({ item, result })
      } catch (error) {
        open = false
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

/**
 * Per-connection settings for reading a large board quickly: a 64 MiB page cache, up to 256 MiB of
 * the file memory-mapped (reads skip a copy; SQLite maps only what exists) and temporary b-trees
 * in memory. Durability settings (WAL, `synchronous = FULL`) are the writer's and are not touched.
 */
function tune(db: Database.Database): void {
  db.pragma('cache_size = -65536')
  db.pragma('mmap_size = 268435456')
  db.pragma('temp_store = MEMORY')
}

/**
 * Renders again the public view of every row rendered under another {@link PUBLIC_VIEW_VERSION}
 * (all rows, the first time after migration 2). The version last brought up to date is kept in
 * `meta`, so an ordinary start costs one lookup. Works in batches of rows, each batch one
 * transaction: an interrupted refresh resumes where it stopped on the next start.
 */
function refreshPublicViews(connection: Connection): void {
  const db = connection.db
  const done = connection.statement("SELECT value FROM meta WHERE key = 'public_view_version'", 'pluck').get()
  if (done === PUBLIC_VIEW_VERSION) return
  const reader = new SqliteReader(connection, () => {})
  const select = connection.statement(
    'SELECT rid, id, doc FROM messages WHERE rid > ? AND public_version IS NOT ? ORDER BY rid LIMIT 500',
  )
  const update = connection.statement('UPDATE messages SET public_doc = ?, public_version = ? WHERE rid = ?')
  const batch = db.transaction((after: number): number => {
    const rows = select.all(after, PUBLIC_VIEW_VERSION) as Array<MessageRecord & { rid: number }>
    const messages = reader.withTimelines(rows)
    rows.forEach((row, index) => update.run(renderPublic(messages[index]!), PUBLIC_VIEW_VERSION, row.rid))
    return rows.length === 500 ? rows[rows.length - 1]!.rid : -1
  })
  for (let after = 0; after >= 0; ) after = batch.immediate(after)
  connection
    .statement("INSERT INTO meta (key, value) VALUES ('public_view_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(PUBLIC_VIEW_VERSION)
}

/** The stored public view: core's, while the public may see the message; otherwise none. */
function renderPublic(message: Message): string | null {
  return isPubliclyVisible(message) ? JSON.stringify(toPublicMessage(message)) : null
}

function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const version = checkVersion(db, true)
    for (let index = version; index < MIGRATIONS.length; index++) {
      db.exec(MIGRATIONS[index]!)
      db.pragma(`user_version = ${index + 1}`)
    }
  })
  apply.immediate()
}

function checkVersion(db: Database.Database, migrating = false): number {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, newer than this server's ${SCHEMA_VERSION}; upgrade @liuyan/server`)
  }
  if (!migrating && version < SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, older than ${SCHEMA_VERSION}; open it once without \`readonly\` to migrate it`)
  }
  return version
}

/**
 * How a statement returns rows: objects (default), arrays of column values (`raw`), or the first
 * column's value alone (`pluck`); the latter two skip building an object per row.
 */
type RowMode = 'object' | 'raw' | 'pluck'

/** A connection with its prepared statements, each prepared once per row mode. */
class Connection {
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

interface MessageRecord {
  id: string
  doc: string
}

interface EventRecord {
  message_id: string
  doc: string
}

interface IdempotencyColumns {
  scope: string
  key: string
  fingerprint: string
  state: 'running' | 'done'
  created_at: string
  response: string | null
}

interface StatsColumns {
  status: StatsRow['status']
  type: StatsRow['type']
  domain: StatsRow['domain']
  reviewed_at: string | null
  replied_at: string | null
  due_at: string | null
  overall: number | null
}

const IN_BOARDS =
  '(board_id IN (SELECT value FROM json_each(@boards)) OR assignee_board_id IN (SELECT value FROM json_each(@boards)))'

class SqliteReader implements StoreReader {
  protected readonly connection: Connection
  protected readonly check: () => void
  /** Recent public list pages, while no commit happened since (see {@link listPublicJson}). */
  readonly #pages: PageCache | undefined

  /**
   * @param cachePages Keep recent public list pages; only for a connection that never writes,
   *   whose `PRAGMA data_version` then changes with every commit to the database.
   */
  constructor(connection: Connection, check: () => void, cachePages = false) {
    this.connection = connection
    this.check = check
    this.#pages = cachePages ? new PageCache(connection) : undefined
  }

  protected all<R>(sql: string, ...params: unknown[]): R[] {
    this.check()
    return this.connection.statement(sql).all(...params) as R[]
  }

  protected get<R>(sql: string, ...params: unknown[]): R | undefined {
    this.check()
    return this.connection.statement(sql).get(...params) as R | undefined
  }

  async listBoards(): Promise<Board[]> {
    return this.all<{ doc: string }>('SELECT doc FROM boards ORDER BY id').map((row) => JSON.parse(row.doc) as Board)
  }

  async getBoard(id: string): Promise<Board | undefined> {
    const row = this.get<{ doc: string }>('SELECT doc FROM boards WHERE id = ?', id)
    return row && (JSON.parse(row.doc) as Board)
  }

  async getMessage(id: string): Promise<Message | undefined> {
    this.check()
    return this.connection.snapshot(() => this.withTimelines(this.all<MessageRecord>('SELECT id, doc FROM messages WHERE id = ?', id))[0])
  }

  async getMessageByTrackingHash(hash: string): Promise<Message | undefined> {
    this.check()
    return this.connection.snapshot(
      () => this.withTimelines(this.all<MessageRecord>('SELECT id, doc FROM messages WHERE tracking_hash = ?', hash))[0],
    )
  }

  async getSetting(name: string): Promise<string | undefined> {
    const value = this.get<{ value: unknown }>('SELECT value FROM meta WHERE key = ?', settingKey(name))?.value
    return value === undefined ? undefined : String(value)
  }

  async listMessages(query: MessageQuery): Promise<Page<Message>> {
    this.check()
    const plan = planQuery(query)
    const { sql, params } = listSql(plan)
    return this.connection.snapshot(() => {
      const rows = this.all<MessageRecord & { rid: number; sort_ms: number }>(sql, params)
      const page = rows.slice(0, plan.limit)
      const last = page[page.length - 1]
      return {
        items: this.withTimelines(page),
        nextCursor: rows.length > plan.limit && last ? encodeCursor(last.sort_ms, last.rid) : null,
      }
    })
  }

  async listPublicJson(query: MessageQuery): Promise<{ items: string[]; nextCursor: string | null }> {
    this.check()
    const plan = planQuery({ ...query, publicOnly: true })
    const { sql, params } = listSql(plan, 'id, public_doc, public_version')
    if (!this.#pages) return this.#publicPage(plan, sql, params)
    // A page read before the last commit is still exact: reading it again would give the same text.
    const key = `${sql}\n${JSON.stringify(params)}`
    const cached = this.#pages.get(key)
    if (cached) return { items: [...cached.items], nextCursor: cached.nextCursor }
    const version = this.#pages.version()
    const page = this.#publicPage(plan, sql, params)
    this.#pages.set(key, version, page)
    return { items: [...page.items], nextCursor: page.nextCursor }
  }

  #publicPage(plan: ListPlan, sql: string, params: Record<string, unknown>): { items: string[]; nextCursor: string | null } {
    const statement = this.connection.statement(sql, 'raw')
    const page = (rows: PublicRow[]) => {
      const last = rows.length > plan.limit ? rows[plan.limit - 1] : undefined
      return { rows: rows.length > plan.limit ? rows.slice(0, plan.limit) : rows, nextCursor: last ? encodeCursor(last[4], last[3]) : null }
    }
    // One statement reads one snapshot. Only rows rendered under another PUBLIC_VIEW_VERSION (a
    // read-only store, or another process at another version) need more reads, on one snapshot.
    const first = page(statement.all(params) as PublicRow[])
    if (first.rows.every((row) => row[2] === PUBLIC_VIEW_VERSION)) {
      const items: string[] = []
      for (const row of first.rows) if (row[1] !== null) items.push(row[1])
      return { items, nextCursor: first.nextCursor }
    }
    return this.connection.snapshot(() => {
      const { rows, nextCursor } = page(statement.all(params) as PublicRow[])
      const stale = rows.filter((row) => row[2] !== PUBLIC_VIEW_VERSION).map((row) => row[0])
      const live = new Map<string, string | null>()
      if (stale.length > 0) {
        const records = this.all<MessageRecord>('SELECT id, doc FROM messages WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(stale))
        for (const message of this.withTimelines(records)) live.set(message.id, renderPublic(message))
      }
      const items: string[] = []
      for (const row of rows) {
        const json = row[2] === PUBLIC_VIEW_VERSION ? row[1] : live.get(row[0])
        if (json) items.push(json)
      }
      return { items, nextCursor }
    })
  }

  async getPublicJson(id: string): Promise<string | undefined> {
    this.check()
    const row = this.connection.statement('SELECT public_doc, public_version FROM messages WHERE id = ?', 'raw').get(id) as
      | [string | null, number | null]
      | undefined
    if (!row) return undefined
    if (row[1] === PUBLIC_VIEW_VERSION) return row[0] ?? undefined
    const message = await this.getMessage(id)
    return (message && renderPublic(message)) ?? undefined
  }

  async statsRows(boardIds: readonly string[]): Promise<StatsRow[]> {
    const rows = this.all<StatsColumns>(
      `SELECT status, type, domain, reviewed_at, replied_at, due_at, overall FROM messages WHERE ${IN_BOARDS}`,
      { boards: JSON.stringify(boardIds) },
    )
    return rows.map((columns) => {
      const row: StatsRow = { status: columns.status, type: columns.type, domain: columns.domain }
      if (columns.reviewed_at !== null) row.reviewedAt = columns.reviewed_at
      if (columns.replied_at !== null) row.repliedAt = columns.replied_at
      if (columns.due_at !== null) row.dueAt = columns.due_at
      if (columns.overall !== null) row.overall = columns.overall
      return row
    })
  }

  async findToken(tokenHash: string): Promise<StaffToken | undefined> {
    const row = this.get<{ doc: string }>('SELECT doc FROM tokens WHERE hash = ?', tokenHash)
    return row && (JSON.parse(row.doc) as StaffToken)
  }

  async listTokens(): Promise<StaffToken[]> {
    // Sorted here rather than in SQL: creation times compare as instants, whatever their offset.
    return this.all<{ doc: string }>('SELECT doc FROM tokens').map((row) => JSON.parse(row.doc) as StaffToken).sort(compareTokens)
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.get<IdempotencyColumns>(
      'SELECT scope, key, fingerprint, state, created_at, response FROM idempotency WHERE scope = ? AND key = ?',
      scope,
      key,
    )
    if (!row) return undefined
    const record: IdempotencyRecord = {
      scope: row.scope,
      key: row.key,
      fingerprint: row.fingerprint,
      state: row.state,
      createdAt: row.created_at,
    }
    if (row.response !== null) record.response = JSON.parse(row.response) as StoredResponse
    return record
  }

  async countMessages(): Promise<number> {
    return this.get<{ count: number }>('SELECT count(*) AS count FROM messages')!.count
  }

  /** Messages from their rows, each with its timeline, in the rows' order; one query for all events. */
  withTimelines(rows: readonly MessageRecord[]): Message[] {
    if (rows.length === 0) return []
    const timelines = new Map<string, Message['timeline']>(rows.map((row) => [row.id, []]))
    const events = this.all<EventRecord>(
      'SELECT message_id, doc FROM events WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, seq',
      JSON.stringify(rows.map((row) => row.id)),
    )
    for (const event of events) timelines.get(event.message_id)?.push(JSON.parse(event.doc) as Message['timeline'][number])
    return rows.map((row) => {
      const doc = JSON.parse(row.doc) as Omit<Message, 'timeline'> & { trackingCode?: string }
      // A row written before migration 3 keeps its code in the clear until the service's first
      // start upgrades it: never hand it to staff meanwhile.
      delete doc.trackingCode
      return { ...doc, timeline: timelines.get(row.id)! }
    })
  }
}

/**
 * The last public list pages read, valid while the database is unchanged: SQLite's
 * `PRAGMA data_version` on a connection that never writes changes whenever any connection, of this
 * process or another, commits. The version is read before a page's query, so a commit landing in
 * between only makes the page look older than it is (it is read again next time), never newer.
 * Bounded: at most {@link PageCache.LIMIT} pages, all dropped at the first change.
 */
class PageCache {
  static readonly LIMIT = 64
  readonly #dataVersion: Database.Statement
  readonly #pages = new Map<string, { items: string[]; nextCursor: string | null }>()
  #version = -1

  constructor(connection: Connection) {
    this.#dataVersion = connection.statement('PRAGMA data_version', 'pluck')
  }

  /** The database's current data version. */
  version(): number {
    return this.#dataVersion.get() as number
  }

  get(key: string): { items: string[]; nextCursor: string | null } | undefined {
    if (this.#pages.size === 0) return undefined
    if (this.version() !== this.#version) {
      this.#pages.clear()
      return undefined
    }
    return this.#pages.get(key)
  }

  set(key: string, version: number, page: { items: string[]; nextCursor: string | null }): void {
    if (version !== this.#version) {
      this.#pages.clear()
      this.#version = version
    }
    if (this.#pages.size >= PageCache.LIMIT) this.#pages.delete(this.#pages.keys().next().value!)
    this.#pages.set(key, page)
  }
}

/** A row of the public list, as an array: id, public_doc, public_version, rid, sort_ms. */
type PublicRow = [string, string | null, number | null, number, number]

/**
 * The SELECT of one page: limit + 1 rows, so the caller knows whether another page follows. The
 * columns are `columns` followed by `rid` and `sort_ms`.
 */
function listSql(plan: ListPlan, columns = 'id, doc'): { sql: string; params: Record<string, unknown> } {
  const sort = plan.publicOnly ? 'published_ms' : 'created_ms'
  const where: string[] = []
  const params: Record<string, unknown> = { limit: plan.limit + 1 }
  if (plan.publicOnly) where.push('published_ms IS NOT NULL')
  if (plan.after) {
    where.push(`(${sort}, rid) < (@afterMs, @afterSeq)`)
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  }
  if (plan.fromMs !== undefined) {
    where.push(`${sort} >= @fromMs`)
    params['fromMs'] = plan.fromMs
  }
  if (plan.toMs !== undefined) {
    where.push(`${sort} < @toMs`)
    params['toMs'] = plan.toMs
  }
  if (plan.boardIds) {
    where.push(IN_BOARDS)
    params['boards'] = JSON.stringify([...plan.boardIds])
  }
  if (plan.statuses) {
    where.push('status IN (SELECT value FROM json_each(@statuses))')
    params['statuses'] = JSON.stringify([...plan.statuses])
  }
  if (plan.type !== undefined) {
    where.push('type = @type')
    params['type'] = plan.type
  }
  if (plan.domain !== undefined) {
    where.push('domain = @domain')
    params['domain'] = plan.domain
  }
  if (plan.overdueMs !== undefined) {
    where.push(`status IN (${OPEN_SQL}) AND due_ms < @overdueMs`)
    params['overdueMs'] = plan.overdueMs
  }
  if (plan.keyword !== undefined) {
    if ([...plan.keyword].length >= 3) {
      // One quoted phrase: whatever the user typed (", *, OR, NEAR() is text to find, never syntax.
      where.push('rid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match)')
      params['match'] = `"${plan.keyword.replace(/"/gu, '""')}"`
    } else {
      // A trigram index cannot match one or two characters; scan the same masked text instead.
      where.push('instr(search_text, @keyword) > 0')
      params['keyword'] = plan.keyword
    }
  }
  const sql =
    `SELECT ${columns}, rid, ${sort} AS sort_ms FROM messages` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${sort} DESC, rid DESC LIMIT @limit`
  return { sql, params }
}

class SqliteTransaction extends SqliteReader implements StoreTransaction {
  protected run(sql: string, ...params: unknown[]): Database.RunResult {
    this.check()
    return this.connection.statement(sql).run(...params)
  }

  async putBoard(board: Board): Promise<void> {
    this.run('INSERT INTO boards (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', board.id, JSON.stringify(board))
  }

  async insertMessage(message: Message, trackingHash: string): Promise<void> {
    const columns = { ...messageColumns(message, message.timeline), tracking_hash: trackingHash }
    if (this.get('SELECT 1 FROM messages WHERE id = ?', message.id)) throw new Error(duplicateId(message.id))
    if (this.get('SELECT 1 FROM messages WHERE tracking_hash = ?', trackingHash)) throw new Error(DUPLICATE_TRACKING_CODE)
    this.run(
      `INSERT INTO messages (id, board_id, assignee_board_id, status, type, domain, tracking_hash, created_at, created_ms,
         published_at, published_ms, due_at, due_ms, replied_at, reviewed_at, overall, search_text, doc,
         public_doc, public_version)
       VALUES (@id, @board_id, @assignee_board_id, @status, @type, @domain, @tracking_hash, @created_at, @created_ms,
         @published_at, @published_ms, @due_at, @due_ms, @replied_at, @reviewed_at, @overall, @search_text, @doc,
         @public_doc, @public_version)`,
      columns,
    )
    this.appendEvents(message.id, 0, message.timeline)
  }

  async updateMessage(message: Message, options: { trackingHash?: string } = {}): Promise<void> {
    const stored = this.get<{ tracking_hash: string }>('SELECT tracking_hash FROM messages WHERE id = ?', message.id)
    if (!stored) throw new Error(`There is no message ${message.id} to update; insert it first`)
    const events = this.connection.statement('SELECT doc FROM events WHERE message_id = ? ORDER BY seq', 'pluck').all(message.id) as string[]
    const added = appendOnlyTimeline(events.length, message)
    const hash = options.trackingHash ?? stored.tracking_hash
    if (hash !== stored.tracking_hash && this.get('SELECT 1 FROM messages WHERE tracking_hash = ?', hash)) {
      throw new Error(DUPLICATE_TRACKING_CODE)
    }
    this.run(
      `UPDATE messages SET board_id = @board_id, assignee_board_id = @assignee_board_id, status = @status, type = @type,
         domain = @domain, tracking_hash = @tracking_hash, created_at = @created_at, created_ms = @created_ms,
         published_at = @published_at, published_ms = @published_ms, due_at = @due_at, due_ms = @due_ms,
         replied_at = @replied_at, reviewed_at = @reviewed_at, overall = @overall, search_text = @search_text, doc = @doc,
         public_doc = @public_doc, public_version = @public_version
       WHERE id = @id`,
      // The public view shows the timeline as stored: the stored events, then the new ones.
      {
        ...messageColumns(message, () => [...events.map((doc) => JSON.parse(doc) as Message['timeline'][number]), ...added]),
        tracking_hash: hash,
      },
    )
    this.appendEvents(message.id, events.length, added)
  }

  async putSetting(name: string, value: string): Promise<void> {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', settingKey(name), value)
  }

  async upgradeTrackingCodes(hash: (code: string) => Promise<string>): Promise<number> {
    // Hashes are 64 hex digits; a code in the clear (12 characters) is anything else.
    const rows = this.all<{ rid: number; tracking_hash: string }>(
      'SELECT rid, tracking_hash FROM messages WHERE length(tracking_hash) <> 64 ORDER BY rid LIMIT 1000',
    )
    if (rows.length === 0) return 0
    // Overwrite what is deleted rather than leave it in free pages of the file.
    this.connection.db.pragma('secure_delete = ON')
    for (const row of rows) {
      this.run(
        "UPDATE messages SET tracking_hash = ?, doc = json_remove(doc, '$.trackingCode') WHERE rid = ?",
        await hash(row.tracking_hash),
        row.rid,
      )
    }
    this.connection.db.pragma('secure_delete = OFF')
    // A stored answer of a submission holds its code: forget those (at most a day's worth).
    this.run(`DELETE FROM idempotency WHERE response LIKE '%trackingCode%' OR response LIKE '%/tracking/%'`)
    return rows.length
  }

  async putToken(token: StaffToken): Promise<void> {
    this.run('INSERT INTO tokens (hash, doc) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET doc = excluded.doc', token.hash, JSON.stringify(token))
  }

  async deleteToken(tokenHash: string): Promise<boolean> {
    return this.run('DELETE FROM tokens WHERE hash = ?', tokenHash).changes > 0
  }

  async beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const result = this.run(
      `INSERT INTO idempotency (scope, key, fingerprint, state, created_at, created_ms, response)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING`,
      record.scope,
      record.key,
      record.fingerprint,
      record.state,
      record.createdAt,
      instant(record.createdAt, 'createdAt'),
      record.response === undefined ? null : JSON.stringify(record.response),
    )
    return result.changes === 0 ? this.getIdempotency(record.scope, record.key) : undefined
  }

  async completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
    const result = this.run(
      "UPDATE idempotency SET state = 'done', response = ? WHERE scope = ? AND key = ?",
      JSON.stringify(response),
      scope,
      key,
    )
    if (result.changes === 0) throw new Error(NO_IDEMPOTENCY_CLAIM)
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    this.run('DELETE FROM idempotency WHERE scope = ? AND key = ?', scope, key)
  }

  async expireIdempotency(before: string): Promise<number> {
    return this.run('DELETE FROM idempotency WHERE created_ms < ?', instant(before, 'before')).changes
  }

  protected appendEvents(messageId: string, firstSeq: number, events: Message['timeline']): void {
    events.forEach((event, index) => {
      this.run('INSERT INTO events (message_id, seq, doc) VALUES (?, ?, ?)', messageId, firstSeq + index, JSON.stringify(event))
    })
  }
}

/**
 * The columns of a message row. `timeline` is the whole timeline as it will be stored (given
 * lazily: it is needed only to render the public view of a message the public may see).
 */
function messageColumns(
  message: Message,
  timeline: Message['timeline'] | (() => Message['timeline']),
): Record<string, string | number | null> {
  const { timeline: _timeline, ...doc } = message
  const publishedMs = publicSortTime(message)
  const visible = isPubliclyVisible(message)
  return {
    id: message.id,
    board_id: message.boardId,
    assignee_board_id: message.assigneeBoardId ?? null,
    status: message.status,
    type: message.type,
    domain: message.domain,
    created_at: message.createdAt,
    created_ms: instant(message.createdAt, 'createdAt'),
    published_at: publishedMs === undefined ? null : message.publishedAt!,
    published_ms: publishedMs ?? null,
    due_at: message.dueAt ?? null,
    due_ms: message.dueAt === undefined ? null : instant(message.dueAt, 'dueAt'),
    replied_at: message.repliedAt ?? null,
    reviewed_at: message.reviewedAt ?? null,
    overall: message.evaluation?.overall ?? null,
    search_text: searchText(message),
    doc: JSON.stringify(doc),
    public_doc: visible
      ? JSON.stringify(toPublicMessage({ ...message, timeline: typeof timeline === 'function' ? timeline() : timeline }))
      : null,
    public_version: PUBLIC_VIEW_VERSION,
  }
}

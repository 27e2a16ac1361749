// Types only from this module's neighbours: the driver (`pg`, an optional peer dependency) is
// loaded when a store is opened (see postgres/driver.ts), so importing this entry works without it.
import type { RateCounter, Store, StoreReader, StoreTransaction } from './types.js'
import { loadDriver, PostgresDriverMissingError, type PgPool, type PgPoolClient } from './postgres/driver.js'
import { isConnectionError, isRetryable, redactUrl, translate } from './postgres/errors.js'
import { FOLD_AFTER, foldHotDeltas } from './postgres/hot-deltas.js'
import { createPgRateCounter } from './postgres/rate-counter.js'
import { PgReader } from './postgres/reader.js'
import { checkVersion, migrate, PostgresMigrationError, SCHEMA_VERSION } from './postgres/schema.js'
import { PgTransaction } from './postgres/transaction.js'
import { TransactionClient } from './postgres/pipeline.js'

export { PostgresDriverMissingError, PostgresMigrationError, redactUrl }
export { StoreUnavailableError } from './types.js'

/**
 * Where the database is and how to reach it: the options of `pg`'s `Pool` (see
 * https://node-postgres.com/apis/pool), the few below named for the types' sake; any other `pg`
 * option is passed on as given.
 */
export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database?sslmode=…` */
  connectionString?: string
  host?: string
  port?: number
  user?: string
  password?: string
  database?: string
  /** `pg`'s TLS options, or `true`. */
  ssl?: boolean | Record<string, unknown>
  /**
   * Connections of each of the store's two pools (one for reads, one for transactions).
   * @default 10
   */
  max?: number
  /**
   * How long a request waits for a connection before it fails (503) instead of hanging while the
   * database is away.
   * @default 5000
   */
  connectionTimeoutMillis?: number
  [option: string]: unknown
}

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * Apply the migrations the database lacks. Tools that work on a database a server runs on (the
   * token commands) pass `false`: the store then opens only a database at this version's schema.
   * @default true
   */
  migrate?: boolean
  /**
   * Delta rows of hot spots this instance adds between two folds of them into their base rows
   * (postgres/hot-deltas.ts; each transaction counts at least one); reads are the same whenever
   * folds run. @internal For tests.
   * @default 1000
   */
  foldAfter?: number
}

/** A {@link Store} on PostgreSQL. */
export interface PostgresStore extends Store {
  /** The schema versions before and after the migrations this open applied; equal when none ran. */
  readonly migration: { readonly from: number; readonly to: number }
}

const STORE_CLOSED = 'The store is closed; open the database again'
const TRANSACTION_ENDED = 'The transaction has ended; do all its work inside the function given to transaction()'
/** Runs of a transaction PostgreSQL rolled back for a serialization failure or a deadlock. */
const ATTEMPTS = 8

/**
 * A store on PostgreSQL (15 or later), for one instance or many on one database. Opening connects,
 * then applies the schema's numbered migrations in one transaction under an advisory lock (two
 * instances starting together: one migrates, the other waits and finds nothing to do).
 *
 * **Transactions** run at READ COMMITTED on a connection of their own, several at once: every
 * message a transaction reads is locked (`SELECT … FOR UPDATE`) until it ends, so a
 * read-modify-write of one message by two instances runs one after the other and none is lost;
 * unique keys decide the rest (one id, one tracking hash, one claim per Idempotency-Key: of two
 * instances claiming a key, exactly one wins). A transaction PostgreSQL rolls back for a deadlock
 * or a serialization failure is run again, up to 8 times, so its function must do nothing but
 * through `tx` (the board service's functions do only that).
 *
 * **Reads outside a transaction** use a second pool and see committed data only; each read is one
 * statement, one snapshot. Lists read by keyset through indexes: a board's subtree through the
 * closure of the board tree, keywords of one and more characters through a GIN index of the
 * masked text's characters and pairs of characters.
 *
 * **Outages**: while the database cannot be reached, calls reject with a `StoreUnavailableError`
 * (the HTTP layer answers 503) and nothing is acknowledged; connections are made again when it is
 * back. A lost connection during COMMIT leaves the outcome unknown to this store: the call rejects,
 * and a retry with the same Idempotency-Key tells.
 *
 * Rejects with a `StoreUnavailableError` when the database cannot be reached, a
 * {@link PostgresMigrationError} when a migration fails (nothing of it is kept), a
 * {@link PostgresDriverMissingError} without the `pg` package, and `pg`'s own error otherwise
 * (a wrong password, a missing database); none of their messages holds the password.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@liuyan/server/postgres'
 * const store = await createPostgresStore(process.env.LIUYAN_DATABASE_URL!)
 * const service = createBoardService({ store, trackingKey: process.env.LIUYAN_TRACKING_KEY! })
 * // on shutdown
 * await store.close()
 * ```
 */
export async function createPostgresStore(connection: string | PostgresConnectionOptions, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const { Pool } = await loadDriver()
  const config: Record<string, unknown> = {
    connectionTimeoutMillis: 5000,
    max: 10,
    // A connection whose server vanished without a word (a network cut) is found dead by TCP
    // keep-alive instead of hanging a request for good.
    keepAlive: true,
    ...(typeof connection === 'string' ? { connectionString: connection } : connection),
  }
  const readers = new Pool(config)
  const writers = new Pool(config)
  // A connection that breaks while idle (the server restarts) is dropped by the pool and made again
  // when next needed; without a listener the pool's 'error' event would end the process.
  for (const pool of [readers, writers]) pool.on('error', () => {})
  // Transactions run the store's own statements, of fixed shapes and small row counts, as prepared
  // statements (postgres/driver.ts): each is planned once per connection (a custom plan made for
  // every run of the write of a batch costs more than the write itself), and never compiled (JIT
  // costs more than it saves for rows this few).
  writers.on('connect', (client) => {
    client.query(WRITER_SETTINGS).catch(() => {
      // A connection that broke fails its next query, which says why.
    })
  })
  try {
    const client = await checkOut(writers)
    let migration: { from: number; to: number }
    try {
      if (options.migrate === false) {
        const version = await checkVersion(client)
        migration = { from: version, to: version }
      } else {
        migration = await migrate(client)
      }
    } catch (error) {
      checkIn(client, true)
      throw translate(error)
    }
    checkIn(client)
    return new PostgresStoreImpl(readers, writers, migration, options.foldAfter ?? FOLD_AFTER)
  } catch (error) {
    await Promise.all([readers.end(), writers.end()]).catch(() => {})
    throw error
  }
}

/** The session settings of the connections transactions run on (see createPostgresStore). */
const WRITER_SETTINGS = 'SET plan_cache_mode = force_generic_plan; SET jit = off'

/** Ignores what a connection reports between queries: the next query on it fails and says why. */
const ignore = () => {}

/**
 * A connection of the pool for a transaction. While checked out, the pool no longer listens to its
 * errors: a server that goes away between two queries would otherwise be an unhandled 'error'
 * event, which ends the process.
 */
async function checkOut(pool: PgPool): Promise<PgPoolClient> {
  let client: PgPoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw translate(error)
  }
  client.on('error', ignore)
  return client
}

/** Gives a connection back to its pool, or destroys it when it broke. */
function checkIn(client: PgPoolClient, broken = false): void {
  client.off('error', ignore)
  client.release(broken ? true : undefined)
}

/** The schema version this code reads and writes. */
export const POSTGRES_SCHEMA_VERSION = SCHEMA_VERSION

class PostgresStoreImpl implements PostgresStore {
  readonly read: StoreReader
  readonly rateCounter: RateCounter
  readonly migration: { readonly from: number; readonly to: number }
  readonly #readers: PgPool
  readonly #writers: PgPool
  /** Transactions running, which close() lets finish. */
  readonly #running = new Set<Promise<unknown>>()
  #closed = false
  readonly #foldAfter: number
  /** Delta rows added since the last fold began. */
  #committed = 0
  #folding = false

  constructor(readers: PgPool, writers: PgPool, migration: { from: number; to: number }, foldAfter: number) {
    this.#readers = readers
    this.#writers = writers
    this.migration = migration
    this.#foldAfter = foldAfter
    const check = () => {
      if (this.#closed) throw new Error(STORE_CLOSED)
    }
    this.read = new PgReader(readers, check)
    this.rateCounter = createPgRateCounter(readers, check)
  }

  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error(STORE_CLOSED))
    return this.#track(this.#run(fn))
  }

  /** A call close() waits for. */
  #track<T>(running: Promise<T>): Promise<T> {
    this.#running.add(running)
    const forget = () => this.#running.delete(running)
    running.then(forget, forget)
    return running
  }

  /**
   * Counts the delta rows a committed transaction added (at least 1: a refusal's heat is added by
   * a trigger); once `foldAfter` have been, folds the hot-spot deltas in transactions of their
   * own, one fold at a time, after the caller has its answer. A fold that fails (the database is
   * away) changes nothing: the deltas wait for the next.
   */
  #committedOne(deltas: number): void {
    if ((this.#committed += deltas) < this.#foldAfter || this.#folding || this.#closed) return
    this.#committed = 0
    this.#folding = true
    const fold = async () => {
      const client = await checkOut(this.#writers)
      let broken = false
      try {
        await foldHotDeltas(client)
      } catch (error) {
        broken = isConnectionError(error)
      } finally {
        checkIn(client, broken)
      }
    }
    void this.#track(fold().catch(() => {})).finally(() => {
      this.#folding = false
    })
  }

  async #run<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await checkOut(this.#writers)
      let open = true
      // BEGIN goes with the transaction's first statement (postgres/pipeline.ts).
      const connection = new TransactionClient(client)
      const tx = new PgTransaction(connection, () => {
        if (!open) throw new Error(TRANSACTION_ENDED)
      })
      try {
        const result = await fn(tx)
        // What the transaction queued (its inserted messages) is written before it commits; its
        // last statement (the heat and spans it adds) and its deferred ones go with COMMIT, in one round trip.
        const deltas = await tx.finish()
        open = false
        await connection.commit()
        checkIn(client)
        this.#committedOne(deltas)
        return result
      } catch (error) {
        open = false
        // No write of the batch may follow the ROLLBACK on this connection.
        await tx.abandon()
        const broken = isConnectionError(error)
        if (!broken) await client.query('ROLLBACK').catch(() => {})
        // A connection that broke is destroyed, not handed to the next transaction.
        checkIn(client, broken)
        if (isRetryable(error) && attempt < ATTEMPTS) continue
        throw translate(error)
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    // Transactions asked for before close() still run to their end.
    await Promise.allSettled([...this.#running])
    await Promise.all([this.#readers.end(), this.#writers.end()])
  }
}

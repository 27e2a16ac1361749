// The part of the `pg` driver the PostgreSQL store uses, declared here so that the published types
// need neither `pg` nor `@types/pg`, and the driver itself loaded only when a store is opened.

/** A query's answer. */
export interface PgResult<R> {
  rows: R[]
  rowCount: number | null
}

/** A query, named so that each connection parses and plans it once (a prepared statement). */
export interface PgQuery {
  name?: string
  text: string
  values?: readonly unknown[]
  /**
   * Its values may be written into the statement's text (postgres/pipeline.ts): only for values
   * that are no citizen's data (board ids, counts, times, lock keys). PostgreSQL logs the text of a
   * statement that fails (`log_min_error_statement`), but not its parameters, so a message's
   * document or an event's payload always goes as parameters.
   */
  inline?: boolean
}

/** A connection: one of the pool's, checked out for a transaction. */
export interface PgClient {
  query<R = Record<string, unknown>>(query: string | PgQuery, values?: readonly unknown[]): Promise<PgResult<R>>
  /**
   * A transaction's connection only: queues a statement whose answer is not needed, sent with the
   * next one (postgres/pipeline.ts); false when it must be run now.
   */
  defer?(query: PgQuery): boolean
}

const names = new Map<string, string>()

/**
 * `text` as a prepared statement: the same SQL gets the same name on every connection, so after
 * its first run there a query costs no parsing nor planning. The store's SQL texts are few (their
 * values are parameters), so the names are too.
 */
export function prepared(text: string, values: readonly unknown[], inline = false): PgQuery {
  let name = names.get(text)
  if (name === undefined) {
    // FNV-1a of the text, twice over with different seeds: a clash would need two texts alike in 64 bits.
    let a = 0x811c9dc5
    let b = 0x01000193
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      a = Math.imul(a ^ c, 0x01000193) >>> 0
      b = Math.imul(b ^ c, 0x811c9dc5) >>> 0
    }
    name = `ly_${a.toString(36)}_${b.toString(36)}`
    if (names.size < 10_000) names.set(text, name)
  }
  return inline ? { name, text, values, inline } : { name, text, values }
}

const tallyFreeTexts = new Set<string>()

/**
 * Marks a statement that neither reads nor writes the counters a transaction sums (statistics,
 * heat): a transaction's sums are written before its other statements, but not before this one
 * (see postgres/batch.ts). Answers `text`.
 */
export function tallyFree(text: string): string {
  tallyFreeTexts.add(text)
  return text
}

/** Whether {@link tallyFree} marked `text`. */
export function isTallyFree(text: string): boolean {
  return tallyFreeTexts.has(text)
}

/** A checked-out connection, given back with `release` (an error destroys it instead). */
export interface PgPoolClient extends PgClient {
  release(destroy?: boolean | Error): void
  on(event: 'error', listener: (error: Error) => void): this
  off(event: 'error', listener: (error: Error) => void): this
}

/** The pool of `pg`. */
export interface PgPool extends PgClient {
  connect(): Promise<PgPoolClient>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): this
  /** A new connection, before it is used: what is queried on it now runs before anything else. */
  on(event: 'connect', listener: (client: PgClient) => void): this
}

/** `pg`'s module: what `import('pg')` gives. */
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool
}

/**
 * Thrown by `createPostgresStore` when the `pg` package, an optional peer dependency of
 * `@liuyan/server`, is not installed.
 */
export class PostgresDriverMissingError extends Error {
  override name = 'PostgresDriverMissingError'
  /** Stable code for programs. */
  readonly code = 'postgres_driver_missing'
  constructor(options?: ErrorOptions) {
    super('The PostgreSQL store needs the pg package: install it with `npm install pg`', options)
  }
}

let driver: PgModule | undefined

/** `pg` on first use: a program that never opens a PostgreSQL store never loads, nor needs, it. */
export async function loadDriver(): Promise<PgModule> {
  if (driver) return driver
  try {
    const module = (await import('pg')) as { default?: PgModule } & Partial<PgModule>
    driver = (module.default ?? module) as PgModule
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const message = String((error as Error | null)?.message)
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /['"]pg['"]/.test(message)) {
      throw new PostgresDriverMissingError({ cause: error })
    }
    throw error
  }
  return driver
}

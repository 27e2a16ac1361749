// The part of the `pg` driver the PostgreSQL store uses, declared here so that the published types
// need neither `pg` nor `@types/pg`, and the driver itself loaded only when a store is opened.

/** A query's answer. */
export interface PgResult<R> {
  rows: R[]
  rowCount: number | null
}

/** A connection: one of the pool's, checked out for a transaction. */
export interface PgClient {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<PgResult<R>>
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

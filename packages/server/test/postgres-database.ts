/**
 * Fresh PostgreSQL databases for the tests of the PostgreSQL store: one throw-away cluster per test
 * file (started on first use, stopped after the file's tests), a template database migrated once,
 * and a new database per store made from it (`CREATE DATABASE … TEMPLATE`, a file copy: fast).
 */
import pg from 'pg'
import { afterAll } from 'vitest'
import { createPostgresStore } from '../src/store/postgres.js'
import type { Store, StoreReader } from '../src/store/types.js'
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js'

const TEMPLATE = 'liuyan_template'
let cluster: Promise<PostgresCluster> | undefined
let template: Promise<void> | undefined
let count = 0

afterAll(async () => {
  const started = cluster
  cluster = undefined
  template = undefined
  if (started) await (await started).stop()
})

/** The file's cluster, started on first use. */
export function testCluster(): Promise<PostgresCluster> {
  cluster ??= startPostgresCluster()
  return cluster
}

/** `url` with another database name. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** Runs SQL on the cluster's `postgres` database as the superuser. */
export async function adminQuery(sql: string, values: unknown[] = [], database = 'postgres'): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl((await testCluster()).url, database) })
  await client.connect()
  try {
    return await client.query(sql, values)
  } finally {
    await client.end()
  }
}

/**
 * The URL of a new, empty database. `migrated` (the default) makes it from a template the store
 * already migrated; without it, the database has no tables at all.
 */
export async function freshDatabase(migrated = true): Promise<string> {
  const { url } = await testCluster()
  const name = `board_${process.pid}_${++count}`
  if (migrated) {
    template ??= (async () => {
      await adminQuery(`CREATE DATABASE ${TEMPLATE}`)
      await (await createPostgresStore(databaseUrl(url, TEMPLATE))).close()
    })()
    await template
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`)
  } else {
    await adminQuery(`CREATE DATABASE ${name}`)
  }
  return databaseUrl(url, name)
}

/**
 * A store on a fresh database, usable at once: its calls wait for the store to open. For suites
 * whose store factories are synchronous (the other stores open at once).
 */
export function openingStore(opening: Promise<Store>): Store {
  // Not left unhandled while nothing has called the store yet; each call still sees the failure.
  opening.catch(() => {})
  const read = new Proxy({} as StoreReader, {
    get: (_target, name: keyof StoreReader) =>
      async (...args: unknown[]) => ((await opening).read[name] as (...a: unknown[]) => Promise<unknown>)(...args),
  })
  return {
    read,
    transaction: async (fn) => (await opening).transaction(fn),
    close: async () => (await opening).close(),
  }
}

// The stores the bench can run on (BENCH_STORE, default sqlite). Each opens a fresh database in
// `dir` and says how the CLI is started on it. Another store plugs in by adding an entry here.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createPostgresStore } from '../dist/store/postgres.js'
import { createSqliteStore } from '../dist/store/sqlite.js'
import { startCluster } from './postgres-cluster.mjs'

/** The bench's PostgreSQL server: started on first open, kept for every size, stopped at the end. */
let cluster

/** One statement on a connection of its own. */
async function sql(url, text) {
  const { default: pg } = await import('pg')
  const client = new pg.Client(url)
  await client.connect()
  try {
    const results = await client.query(text)
    return Array.isArray(results) ? results.at(-1) : results
  } finally {
    await client.end()
  }
}

/**
 * With BENCH_PG_STATEMENTS=1 (the cluster loads pg_stat_statements): `reset()` before a run, and
 * `top(requests)` after it, the statements that took the most time, with calls per request.
 */
function pgStatements(url) {
  return {
    reset: () => sql(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()'),
    async top(requests) {
      const { rows } = await sql(url, `SELECT round(total_exec_time) AS ms, round(calls::numeric / ${Math.max(1, requests)}, 2) AS per_request, rows,
          left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
        FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 25`)
      return rows
    },
  }
}

export const STORES = {
  sqlite: {
    async open(dir) {
      const file = join(dir, 'board.db')
      return {
        store: createSqliteStore(file),
        /** Arguments of `liuyan-server` for this database. */
        args: ['--db', file],
        /** Bytes on disk, or undefined. */
        size: () => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0),
      }
    },
  },
  postgres: {
    async open(dir) {
      cluster ??= await startCluster()
      // A PostgreSQL database keeps its tracking key outside: a key file beside the bench's data.
      const statements = process.env.BENCH_PG_STATEMENTS === '1' ? pgStatements(cluster.url) : undefined
      return {
        store: await createPostgresStore(cluster.url),
        url: cluster.url,
        data: cluster.data,
        statements,
        args: ['--db', cluster.url, '--tracking-key', join(dir, 'tracking.key')],
        async settle() {
          await sql(cluster.url, 'VACUUM ANALYZE')
          await sql(cluster.url, 'CHECKPOINT')
        },
      }
    },
    async shutdown() {
      cluster?.stop()
      cluster = undefined
    },
  },
}

// The stores the bench can run on (BENCH_STORE, default sqlite). Each opens a fresh database in
// `dir` and says how the CLI is started on it. Another store plugs in by adding an entry here.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createPostgresStore } from '../dist/store/postgres.js'
import { createSqliteStore } from '../dist/store/sqlite.js'
import { startCluster } from './postgres-cluster.mjs'

/** The bench's PostgreSQL server: started on first open, kept for every size, stopped at the end. */
let cluster

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
      return { store: await createPostgresStore(cluster.url), url: cluster.url, data: cluster.data, args: ['--db', cluster.url, '--tracking-key', join(dir, 'tracking.key')] }
    },
    async shutdown() {
      cluster?.stop()
      cluster = undefined
    },
  },
}

// The stores the bench can run on (BENCH_STORE, default sqlite). Each opens a fresh database in
// `dir` and says how the CLI is started on it. Another store plugs in by adding an entry here.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createSqliteStore } from '../dist/store/sqlite.js'

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
}

// A read worker of the SQLite store (read-pool.ts): its own read-only connection to the file, the
// store's reader on it, and the pooled reads answered one at a time as they come.
import { createRequire } from 'node:module'
import { parentPort, workerData } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { Connection } from './connection.js'
import type { ReadAnswer, ReadCall } from './read-pool.js'
import { POOLED_READS } from './read-pool.js'
import { SqliteReader } from './reader.js'
import { tune } from './schema.js'

const Driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database
const db = new Driver((workerData as { file: string }).file, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
tune(db)
// The pool rejects calls once its store is closed; this connection only reads.
const reader = new SqliteReader(new Connection(db), () => {})
const port = parentPort!

port.on('message', (call: ReadCall) => {
  void answer(call).then((message) => port.postMessage(message))
})

async function answer({ id, method, args }: ReadCall): Promise<ReadAnswer> {
  try {
    if (!(POOLED_READS as readonly string[]).includes(method)) throw new Error(`not a pooled read: ${String(method)}`)
    const read = reader[method] as (...args: unknown[]) => Promise<unknown>
    return { id, value: await read.apply(reader, args) }
  } catch (error) {
    const { name = 'Error', message = String(error), code } = (error ?? {}) as { name?: string; message?: string; code?: unknown }
    return { id, error: { name, message, ...(code === undefined ? {} : { code }) } }
  }
}

// The SQLite store's read workers (docs/architecture.md §6 "Reads on other threads"): better-sqlite3
// runs a statement on the thread that calls it, so a supervisor's statistics (a few ms of SQL) hold
// the event loop, and every request behind them waits, on a server with cores to spare. With
// `readWorkers`, the reads that sum or scan (POOLED_READS) run on worker threads, each with its own
// read-only connection; the rest (point reads, the public list with its page cache, reads inside
// a transaction) stay on the event loop, where a round trip to a thread would cost more than
// the read. A worker's connection sees every commit that resolved before the call (WAL).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { HeatRow, InboxCounts, Message, Page, SimilarGroup } from '@liuyan/core'
import type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery } from '../hotspots.js'
import { InvalidCursorError } from '../types.js'
import type { BoardCounts, InboxCountsStoreQuery, StatsCountsQuery } from '../types.js'
import type { Connection } from './connection.js'
import { SqliteReader } from './reader.js'

/** The reads that run on the workers: each sums counters or walks an index range per board. */
export const POOLED_READS = ['statsCounts', 'heatTable', 'similarGroups', 'groupMessages', 'inboxCounts'] as const
export type PooledRead = (typeof POOLED_READS)[number]

/** A call to a worker, and its answer. @internal */
export interface ReadCall {
  id: number
  method: PooledRead
  args: unknown[]
}
/** @internal */
export type ReadAnswer = { id: number; value: unknown } | { id: number; error: { name: string; message: string; code?: unknown } }

/** The worker's script in this package's dist (also when the store runs from the TypeScript sources, in tests). */
function workerScript(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === '@liuyan/server') {
      const script = join(dir, 'dist', 'store', 'sqlite-read-worker.js')
      if (!existsSync(script)) throw new Error(`readWorkers: ${script} is missing; build @liuyan/server first`)
      return script
    }
    if (dirname(dir) === dir) throw new Error("readWorkers: @liuyan/server's package folder was not found above its code (bundled?); leave readWorkers at 0")
  }
}

/** The classes of the errors a read throws that callers tell apart (a bad cursor, a bad date). */
const CLASSES: Record<string, new (message: string) => Error> = { InvalidCursorError, RangeError, TypeError }

/** An error of a worker as the store's own: one of {@link CLASSES} keeps its class. */
function revive(error: { name: string; message: string; code?: unknown }): Error {
  const revived = new (CLASSES[error.name] ?? Error)(error.message)
  if (revived.name !== error.name) revived.name = error.name
  if (error.code !== undefined) Object.assign(revived, { code: error.code })
  return revived
}

interface Slot {
  worker: Worker
  waiting: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>
  /** It answered a call: a worker that stops before its first answer (it cannot open the file) is not replaced. */
  answered: boolean
}

/** `size` workers reading `file`; a call goes to the one with the fewest calls waiting. */
export class ReadPool {
  readonly #file: string
  readonly #slots: Slot[] = []
  #next = 1
  #closed = false

  constructor(file: string, size: number) {
    this.#file = file
    const script = workerScript()
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn(script))
  }

  /** Whether a worker is there to take a call (else the reader answers on its own thread). */
  get available(): boolean {
    return this.#slots.length > 0
  }

  call(method: PooledRead, args: unknown[]): Promise<unknown> {
    // The store's check() refuses calls once it is closed; this covers a call already under way.
    if (this.#closed) return Promise.reject(new Error('The read workers of this store have stopped'))
    let slot = this.#slots[0]!
    for (const other of this.#slots) if (other.waiting.size < slot.waiting.size) slot = other
    const id = this.#next++
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject })
      // A worker with calls keeps the process alive, an idle one does not.
      if (slot.waiting.size === 1) slot.worker.ref()
      slot.worker.postMessage({ id, method, args } satisfies ReadCall)
    })
  }

  /** The workers, for tests. @internal */
  get workers(): Worker[] {
    return this.#slots.map((slot) => slot.worker)
  }

  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()))
  }

  #spawn(script: string): Slot {
    const worker = new Worker(script, { workerData: { file: this.#file } })
    worker.unref()
    const slot: Slot = { worker, waiting: new Map(), answered: false }
    const settle = (id: number) => {
      const waiting = slot.waiting.get(id)
      slot.waiting.delete(id)
      if (slot.waiting.size === 0) worker.unref()
      return waiting
    }
    worker.on('message', (answer: ReadAnswer) => {
      slot.answered = true
      const waiting = settle(answer.id)
      if ('error' in answer) waiting?.reject(revive(answer.error))
      else waiting?.resolve(answer.value)
    })
    // A worker that dies fails its calls, and another takes its place for the next ones (unless
    // it never answered: then the reads stay on the store's own thread rather than respawn forever).
    const fail = (error: Error) => {
      const index = this.#slots.indexOf(slot)
      if (index < 0) return
      for (const id of [...slot.waiting.keys()]) settle(id)?.reject(error)
      if (!this.#closed && slot.answered) this.#slots[index] = this.#spawn(script)
      else this.#slots.splice(index, 1)
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`A read worker of the SQLite store stopped (exit code ${code})`)))
    return slot
  }
}

/** The store's reader with {@link POOLED_READS} answered by a {@link ReadPool}. */
export class PooledReader extends SqliteReader {
  readonly #pool: ReadPool

  constructor(connection: Connection, check: () => void, pool: ReadPool) {
    super(connection, check, true)
    this.#pool = pool
  }

  /** The pool, for tests. @internal */
  get pool(): ReadPool {
    return this.#pool
  }

  override statsCounts(query: StatsCountsQuery): Promise<BoardCounts[]> {
    return this.#read('statsCounts', query, () => super.statsCounts(query))
  }

  override heatTable(query: HeatStoreQuery): Promise<HeatRow[]> {
    return this.#read('heatTable', query, () => super.heatTable(query))
  }

  override similarGroups(query: GroupsStoreQuery): Promise<SimilarGroup[]> {
    return this.#read('similarGroups', query, () => super.similarGroups(query))
  }

  override groupMessages(query: GroupMessagesStoreQuery): Promise<Page<Message> | undefined> {
    return this.#read('groupMessages', query, () => super.groupMessages(query))
  }

  override inboxCounts(query: InboxCountsStoreQuery): Promise<InboxCounts> {
    return this.#read('inboxCounts', query, () => super.inboxCounts(query))
  }

  /** A pooled read on a worker, or on this thread (`local`) when no worker is there. */
  async #read<T>(method: PooledRead, query: unknown, local: () => Promise<T>): Promise<T> {
    this.check()
    return this.#pool.available ? ((await this.#pool.call(method, [query])) as T) : local()
  }
}

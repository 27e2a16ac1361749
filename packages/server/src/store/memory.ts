import type { Board, ReplyTemplate } from '@liuyan/core'
import type { StatsEntry } from './memory-stats.js'
import type { MessageRow } from './memory-rows.js'
import { Mutex } from './shared.js'
import { Staged } from './memory-staged.js'
import { CommittedOutbox } from './memory-outbox.js'
import type { IdempotencyRecord, StaffToken, Store, StoreReader, StoreTransaction } from './types.js'
import { MemoryReader } from './memory-reader.js'
import { MemoryTransaction } from './memory-transaction.js'

/**
 * A store that keeps everything in memory: for tests, demos and the msw handlers. It runs in any
 * JavaScript runtime (no Node built-ins), keeps nothing across restarts, and behaves like the SQLite
 * store in every query, including pagination, keyword search over the masked text and rollback.
 *
 * A transaction stages its writes and applies them when `fn` resolves, so a throwing `fn` leaves
 * nothing behind and reads outside the transaction never see its writes early. Everything handed in
 * or out is a deep copy, so callers cannot change stored state by mutating an object.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * await store.transaction(async (tx) => { await tx.putBoard(board) })
 * await store.read.listBoards() // [board]
 * ```
 */
export function createMemoryStore(): Store {
  return new MemoryStore()
}

const STORE_CLOSED = 'The store is closed; create a new one'
const TRANSACTION_ENDED = 'The transaction has ended; do all its work inside the function given to transaction()'

interface Committed {
  boards: Map<string, Board>
  messages: Map<string, MessageRow>
  codes: Map<string, string>
  tokens: Map<string, StaffToken>
  idempotency: Map<string, IdempotencyRecord>
  settings: Map<string, string>
  templates: Map<string, ReplyTemplate>
  stats: Map<string, StatsEntry>
  outbox: CommittedOutbox
}

class MemoryStore implements Store {
  readonly #committed: Committed = {
    boards: new Map(),
    messages: new Map(),
    codes: new Map(),
    tokens: new Map(),
    idempotency: new Map(),
    settings: new Map(),
    templates: new Map(),
    stats: new Map(),
    outbox: new CommittedOutbox(),
  }
  readonly #mutex = new Mutex()
  /** The last sequence number given to a message; never reused, even by a rolled-back insert. */
  #seq = 0
  #closed = false
  readonly read: StoreReader

  constructor() {
    this.read = new MemoryReader(this.#committed, () => {
      if (this.#closed) throw new Error(STORE_CLOSED)
    })
  }

  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error(STORE_CLOSED))
    return this.#mutex.run(async () => {
      if (this.#closed) throw new Error(STORE_CLOSED)
      const staged = {
        boards: new Staged(this.#committed.boards),
        messages: new Staged(this.#committed.messages),
        codes: new Staged(this.#committed.codes),
        tokens: new Staged(this.#committed.tokens),
        idempotency: new Staged(this.#committed.idempotency),
        settings: new Staged(this.#committed.settings),
        stats: new Staged(this.#committed.stats),
        templates: new Staged(this.#committed.templates),
        outbox: this.#committed.outbox.stage(),
      }
      let open = true
      const tx = new MemoryTransaction(staged, () => {
        if (!open) throw new Error(TRANSACTION_ENDED)
      }, () => ++this.#seq)
      try {
        const result = await fn(tx)
        for (const table of Object.values(staged)) table.commit()
        return result
      } finally {
        open = false
      }
    })
  }

  async close(): Promise<void> {
    if (this.#closed) return
    // Let the transactions already queued finish, like a database would.
    await this.#mutex.run(async () => {
      this.#closed = true
    })
  }
}

import { isPubliclyVisible, OPEN_STATUSES } from '@liuyan/core'
import type { Board, BoardStats, InboxCounts, Message, MessageStatus, Page, ReplyTemplate } from '@liuyan/core'
import { keepStats, recountStats, sumStats, type StatsEntry } from './memory-stats.js'
import { boardStatsFromCounts } from './stats-keeping.js'
import { messageRow, publicJson, type MessageRow } from './memory-rows.js'
import { countInbox, templatesOf } from './memory-tools.js'
import {
  appendOnlyTimeline,
  compareIds,
  compareTokens,
  DUPLICATE_TRACKING_CODE,
  duplicateId,
  instant,
  comesBefore,
  cursorAfter,
  dueKey,
  Mutex,
  NO_IDEMPOTENCY_CLAIM,
  planQuery,
  subtreeIds,
  type ListPlan,
} from './shared.js'
import { memoryGroupMessages, memoryGroups, memoryHeat } from './memory-hotspots.js'
import { Staged, type Table } from './memory-staged.js'
import { CommittedOutbox, MemoryOutbox, type OutboxTables } from './memory-outbox.js'
import type {
  GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery,
  IdempotencyRecord,
  InboxCountsStoreQuery,
  MessageQuery,
  StaffToken,
  BoardCounts,
  StatsCountsQuery,
  StatsQuery,
  Store,
  StoredResponse,
  StoreReader,
  StoreTransaction,
} from './types.js'

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

interface Tables {
  boards: Table<Board>
  messages: Table<MessageRow>
  /** Keyed hash of a tracking code → message id. */
  codes: Table<string>
  tokens: Table<StaffToken>
  idempotency: Table<IdempotencyRecord>
  settings: Table<string>
  templates: Table<ReplyTemplate>
  stats: Table<StatsEntry>
  outbox: OutboxTables
}

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

class MemoryReader implements StoreReader {
  protected readonly tables: Tables
  protected readonly check: () => void

  readonly outbox: MemoryOutbox

  constructor(tables: Tables, check: () => void, nextSeq: () => number = () => 0) {
    this.tables = tables
    this.check = check
    this.outbox = new MemoryOutbox(tables.outbox, tables.boards, check, nextSeq)
  }

  async listBoards(): Promise<Board[]> {
    this.check()
    return [...this.tables.boards.values()].sort((a, b) => compareIds(a.id, b.id)).map((board) => structuredClone(board))
  }

  async getBoard(id: string): Promise<Board | undefined> {
    this.check()
    return copy(this.tables.boards.get(id))
  }

  async getMessage(id: string): Promise<Message | undefined> {
    this.check()
    return copy(this.tables.messages.get(id)?.message)
  }

  async getMessageByTrackingHash(hash: string): Promise<Message | undefined> {
    this.check()
    const id = this.tables.codes.get(hash)
    return id === undefined ? undefined : copy(this.tables.messages.get(id)?.message)
  }

  async getSetting(name: string): Promise<string | undefined> {
    this.check()
    return this.tables.settings.get(name)
  }

  async listMessages(query: MessageQuery): Promise<Page<Message>> {
    this.check()
    const { items, nextCursor } = this.#page(this.#plan(query))
    return { items: items.map((row) => structuredClone(row.message)), nextCursor }
  }

  async listPublicJson(query: MessageQuery): Promise<{ items: string[]; nextCursor: string | null }> {
    this.check()
    const { items, nextCursor } = this.#page(this.#plan({ ...query, publicOnly: true }))
    return { items: items.map(publicJson), nextCursor }
  }

  async getPublicJson(id: string): Promise<string | undefined> {
    this.check()
    const row = this.tables.messages.get(id)
    return row && isPubliclyVisible(row.message) ? publicJson(row) : undefined
  }

  /** The query's plan, with its board subtrees expanded over the stored boards. */
  #plan(query: MessageQuery): ListPlan {
    const plan = planQuery(query)
    return plan.boardIds ? { ...plan, boardIds: subtreeIds(plan.boardIds, this.tables.boards.values()) } : plan
  }

  /** The rows of one page in the plan's order (newest first, or by deadline), and the cursor of the next page. */
  #page(plan: ListPlan): { items: MessageRow[]; nextCursor: string | null } {
    // Keep only the best limit + 1 rows instead of sorting every match: pages stay cheap on big seeds.
    const wanted = plan.limit + 1
    const best: Array<{ ms: number; seq: number; row: MessageRow }> = []
    for (const row of this.tables.messages.values()) {
      const ms = sortTimeIfMatches(row, plan)
      if (ms === undefined) continue
      const { seq } = row
      const last = best[best.length - 1]
      if (best.length === wanted && last && !comesBefore(plan, ms, seq, last.ms, last.seq)) continue
      let lo = 0
      let hi = best.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        const entry = best[mid]!
        if (comesBefore(plan, entry.ms, entry.seq, ms, seq)) lo = mid + 1
        else hi = mid
      }
      best.splice(lo, 0, { ms, seq, row })
      if (best.length > wanted) best.pop()
    }
    const items = best.slice(0, plan.limit)
    const last = items[items.length - 1]
    return {
      items: items.map((entry) => entry.row),
      nextCursor: best.length > plan.limit && last ? cursorAfter(plan, last.ms, last.seq) : null,
    }
  }

  async boardStats(query: StatsQuery): Promise<BoardStats> {
    return boardStatsFromCounts(this, query)
  }

  async statsCounts(query: StatsCountsQuery): Promise<BoardCounts[]> {
    this.check()
    return sumStats(this.tables.stats, this.tables.boards, [...this.tables.messages.values()].map((row) => row.message), query)
  }

  // Hot spots: memory-hotspots.ts.
  async heatTable(q: HeatStoreQuery) { this.check(); return memoryHeat(this.tables, q) }
  async similarGroups(q: GroupsStoreQuery) { this.check(); return memoryGroups(this.tables, q) }
  async groupMessages(q: GroupMessagesStoreQuery) { this.check(); return memoryGroupMessages(this.tables, q) }

  async findToken(tokenHash: string): Promise<StaffToken | undefined> {
    this.check()
    return copy(this.tables.tokens.get(tokenHash))
  }

  async listTokens(): Promise<StaffToken[]> {
    this.check()
    return [...this.tables.tokens.values()].sort(compareTokens).map((token) => structuredClone(token))
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.check()
    return copy(this.tables.idempotency.get(idempotencyKey(scope, key)))
  }

  async countMessages(): Promise<number> {
    this.check()
    let count = 0
    for (const _ of this.tables.messages.values()) count++
    return count
  }

  async inboxCounts(query: InboxCountsStoreQuery): Promise<InboxCounts> {
    this.check()
    return countInbox(this.tables.messages.values(), this.tables.boards.values(), query)
  }

  async listReplyTemplates(boardIds: readonly string[]): Promise<ReplyTemplate[]> {
    this.check()
    return templatesOf(this.tables.templates.values(), boardIds)
  }

  async getReplyTemplate(id: string): Promise<ReplyTemplate | undefined> {
    this.check()
    return copy(this.tables.templates.get(id))
  }
}

interface StagedTables extends Tables {
  boards: Staged<Board>
  messages: Staged<MessageRow>
  codes: Staged<string>
  tokens: Staged<StaffToken>
  idempotency: Staged<IdempotencyRecord>
  settings: Staged<string>
  templates: Staged<ReplyTemplate>
  stats: Staged<StatsEntry>
}

class MemoryTransaction extends MemoryReader implements StoreTransaction {
  protected declare readonly tables: StagedTables
  readonly #nextSeq: () => number

  constructor(tables: StagedTables, check: () => void, nextSeq: () => number) {
    super(tables, check, nextSeq)
    this.#nextSeq = nextSeq
  }

  async putBoard(board: Board): Promise<void> {
    this.check()
    const moved = this.tables.boards.get(board.id)?.parentId !== board.parentId
    this.tables.boards.set(board.id, structuredClone(board))
    if (moved) recountStats(this.tables.stats, this.tables.boards, [...this.tables.messages.values()].map((row) => row.message))
  }

  async insertMessage(message: Message, trackingHash: string): Promise<void> {
    this.check()
    if (this.tables.messages.get(message.id)) throw new Error(duplicateId(message.id))
    if (this.tables.codes.get(trackingHash) !== undefined) throw new Error(DUPLICATE_TRACKING_CODE)
    this.tables.messages.set(message.id, messageRow(structuredClone(message), trackingHash, this.#nextSeq()))
    this.tables.codes.set(trackingHash, message.id)
    keepStats(this.tables.stats, this.tables.boards, undefined, message)
  }

  async updateMessage(message: Message, options: { trackingHash?: string } = {}): Promise<void> {
    this.check()
    const row = this.tables.messages.get(message.id)
    if (!row) throw new Error(`There is no message ${message.id} to update; insert it first`)
    const stored = row.message
    const timeline = appendOnlyTimeline(stored.timeline.length, message)
    const hash = options.trackingHash ?? row.trackingHash
    if (hash !== row.trackingHash) {
      if (this.tables.codes.get(hash) !== undefined) throw new Error(DUPLICATE_TRACKING_CODE)
      this.tables.codes.delete(row.trackingHash)
      this.tables.codes.set(hash, message.id)
    }
    const next = structuredClone({ ...message, timeline: [...stored.timeline, ...timeline] })
    this.tables.messages.set(message.id, messageRow(next, hash, row.seq))
    keepStats(this.tables.stats, this.tables.boards, stored, next)
  }

  async putSetting(name: string, value: string): Promise<void> {
    this.check()
    this.tables.settings.set(name, value)
  }

  async upgradeTrackingCodes(): Promise<number> {
    // A memory store is born at this version: it never held a code in the clear.
    this.check()
    return 0
  }

  async putToken(token: StaffToken): Promise<void> {
    this.check()
    this.tables.tokens.set(token.hash, structuredClone(token))
  }

  async deleteToken(tokenHash: string): Promise<boolean> {
    this.check()
    if (this.tables.tokens.get(tokenHash) === undefined) return false
    this.tables.tokens.delete(tokenHash)
    return true
  }

  async beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    this.check()
    const key = idempotencyKey(record.scope, record.key)
    const existing = this.tables.idempotency.get(key)
    if (existing) return structuredClone(existing)
    instant(record.createdAt, 'createdAt')
    this.tables.idempotency.set(key, structuredClone(record))
    return undefined
  }

  async completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
    this.check()
    const existing = this.tables.idempotency.get(idempotencyKey(scope, key))
    if (!existing) throw new Error(NO_IDEMPOTENCY_CLAIM)
    this.tables.idempotency.set(idempotencyKey(scope, key), { ...structuredClone(existing), state: 'done', response: structuredClone(response) })
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    this.check()
    this.tables.idempotency.delete(idempotencyKey(scope, key))
  }

  async expireIdempotency(before: string): Promise<number> {
    this.check()
    const beforeMs = instant(before, 'before')
    let count = 0
    for (const record of [...this.tables.idempotency.values()]) {
      if (instant(record.createdAt, 'createdAt') < beforeMs) {
        this.tables.idempotency.delete(idempotencyKey(record.scope, record.key))
        count++
      }
    }
    return count
  }

  async putReplyTemplate(template: ReplyTemplate): Promise<void> {
    this.check()
    this.tables.templates.set(template.id, structuredClone(template))
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    this.check()
    if (this.tables.templates.get(id) === undefined) return false
    this.tables.templates.delete(id)
    return true
  }
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value)
}

function idempotencyKey(scope: string, key: string): string {
  return JSON.stringify([scope, key])
}

function inBoards(message: Message, boards: ReadonlySet<string>): boolean {
  return boards.has(message.boardId) || (message.assigneeBoardId !== undefined && boards.has(message.assigneeBoardId))
}

const OPEN: ReadonlySet<MessageStatus> = new Set(OPEN_STATUSES)

/** The row's sort key (its time, or its due key by deadline) when it passes every filter of the plan, else undefined. */
function sortTimeIfMatches(row: MessageRow, plan: ListPlan): number | undefined {
  const { message } = row
  const ms = plan.publicOnly ? row.publishedMs : row.createdMs
  if (ms === undefined) return undefined
  // By deadline the list sorts by the due key; the days filter still reads the creation time.
  const key = plan.byDue ? dueKey(message.status, row.dueMs) : ms
  if (plan.after && !comesBefore(plan, plan.after[0], plan.after[1], key, row.seq)) return undefined
  if (plan.fromMs !== undefined && ms < plan.fromMs) return undefined
  if (plan.toMs !== undefined && ms >= plan.toMs) return undefined
  if (plan.boardIds && !inBoards(message, plan.boardIds)) return undefined
  if (plan.statuses && !plan.statuses.has(message.status)) return undefined
  if (plan.type !== undefined && message.type !== plan.type) return undefined
  if (plan.domain !== undefined && message.domain !== plan.domain) return undefined
  if (plan.supervised && !message.supervised) return undefined
  if (plan.overdueMs !== undefined && !(OPEN.has(message.status) && row.dueMs !== undefined && row.dueMs < plan.overdueMs)) return undefined
  if (plan.keyword !== undefined && !row.searchText.includes(plan.keyword)) return undefined
  return key
}

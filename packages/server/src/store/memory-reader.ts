import { isPubliclyVisible, OPEN_STATUSES } from '@liuyan/core'
import type { Board, BoardStats, InboxCounts, Message, MessageStatus, Page, ReplyTemplate } from '@liuyan/core'
import { sumStats, type StatsEntry } from './memory-stats.js'
import { boardStatsFromCounts } from './stats-keeping.js'
import { publicJson, type MessageRow } from './memory-rows.js'
import { countInbox, templatesOf } from './memory-tools.js'
import { compareIds, compareTokens, comesBefore, cursorAfter, dueKey, planQuery, subtreeIds, type ListPlan } from './shared.js'
import { memoryGroupMessages, memoryGroups, memoryHeat } from './memory-hotspots.js'
import type { Table } from './memory-staged.js'
import { MemoryOutbox, type OutboxTables } from './memory-outbox.js'
import type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery, IdempotencyRecord, InboxCountsStoreQuery, MessageQuery, StaffToken, BoardCounts, StatsCountsQuery, StatsQuery, StoreReader } from './types.js'

// The memory store's reads (see memory.ts): the tables of committed or staged rows, and the
// queries over them. @internal

/** The tables a reader reads: the committed ones, or a transaction's staged view of them. */
export interface Tables {
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

export class MemoryReader implements StoreReader {
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

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value)
}

export function idempotencyKey(scope: string, key: string): string {
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

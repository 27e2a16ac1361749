/**
 * The memory store's statistics counters: the rows the SQLite and PostgreSQL stores keep in
 * `stats_counts` (docs/architecture.md §6), one entry per board, period and key set, in a table
 * that commits and rolls back with the transaction. @internal
 */
import type { Board, Message } from '@liuyan/core'
import { OPEN_STATUSES } from '@liuyan/core'
import { overdueOf, todayBounds } from '../stats-counts.js'
import { addSum, changeRows, contributionOf, counterRows, createdBounds, periodRanges, queryDays, type CounterRow } from './stats-keeping.js'
import { instant } from './shared.js'
import type { BoardCounts, StatsCountsQuery } from './types.js'

/** The counters of one board and period. */
export interface StatsEntry {
  board: string
  grain: number
  period: number
  counts: Record<string, number>
}

interface Readable<V> {
  get(key: string): V | undefined
  values(): Iterable<V>
}
interface Writable<V> extends Readable<V> {
  set(key: string, value: V): void
}

const OPEN = new Set<string>(OPEN_STATUSES)

/** The boards whose subtree holds the message: its board, its assigned unit and every board above either. */
export function scopeOf(message: Pick<Message, 'boardId' | 'assigneeBoardId'>, boards: Readable<Board>): Set<string> {
  const out = new Set<string>()
  for (let id of [message.boardId, message.assigneeBoardId]) {
    for (let depth = 0; id !== undefined && !out.has(id) && depth < 64; depth++) {
      out.add(id)
      id = boards.get(id)?.parentId ?? undefined
    }
  }
  return out
}

function apply(table: Writable<StatsEntry>, scope: Iterable<string>, rows: readonly CounterRow[]): void {
  if (rows.length === 0) return
  for (const board of scope) {
    for (const [grain, period, key, n] of rows) {
      const id = `${board}\u0000${grain}\u0000${period}`
      const entry = table.get(id)
      // Copy on write: the committed entry stays as it was until the transaction commits.
      const counts = { ...entry?.counts }
      counts[key] = (counts[key] ?? 0) + n
      table.set(id, { board, grain, period, counts })
    }
  }
}

/** Keeps the counters of a message written over `before` (undefined for a new one). */
export function keepStats(table: Writable<StatsEntry>, boards: Readable<Board>, before: Message | undefined, after: Message): void {
  const next = contributionOf(after)
  const prev = before && contributionOf(before)
  const sameScope = before && before.boardId === after.boardId && before.assigneeBoardId === after.assigneeBoardId
  const delta = prev && sameScope ? changeRows(prev, next) : undefined
  if (delta) return apply(table, scopeOf(after, boards), delta)
  if (before && prev) apply(table, scopeOf(before, boards), counterRows(prev, -1))
  apply(table, scopeOf(after, boards), counterRows(next))
}

/** Counts every message again from nothing (after the board tree changed; memory holds little). */
export function recountStats(table: Writable<StatsEntry> & { delete(key: string): void }, boards: Readable<Board>, messages: Iterable<Message>): void {
  for (const entry of [...table.values()]) table.delete(`${entry.board}\u0000${entry.grain}\u0000${entry.period}`)
  for (const message of messages) keepStats(table, boards, undefined, message)
}

/** The sums of {@link StatsCountsQuery} over the kept entries; `messages` for the few due today. */
export function sumStats(table: Readable<StatsEntry>, boards: Readable<Board>, messages: Iterable<Message>, query: StatsCountsQuery): BoardCounts[] {
  const { fromDay, toDay, nowMs } = queryDays(query)
  const byMonth = query.byMonth ?? false
  const ranges = periodRanges(fromDay, toDay, byMonth)
  const out = new Map<string, BoardCounts>(query.boardIds.map((id) => [id, { boardId: id, counts: {}, overdue: 0 }]))
  for (const entry of table.values()) {
    const target = out.get(entry.board)
    if (!target || !ranges.some((r) => r.grain === entry.grain && entry.period >= r.from && entry.period <= r.to)) continue
    for (const key in entry.counts) if (entry.counts[key]) addSum(target, entry.grain, entry.period, key, entry.counts[key]!, byMonth)
  }
  // Due today and past `now`: the stores read these through an index of open messages by deadline.
  const { startMs } = todayBounds(nowMs)
  const { fromMs, toMs } = createdBounds(fromDay, toDay)
  const today = new Map<string, number>()
  for (const message of messages) {
    if (!OPEN.has(message.status) || message.dueAt === undefined) continue
    const due = instant(message.dueAt, 'dueAt')
    const created = instant(message.createdAt, 'createdAt')
    if (due < startMs || due >= nowMs || created < fromMs || created >= toMs) continue
    for (const board of scopeOf(message, boards)) if (out.has(board)) today.set(board, (today.get(board) ?? 0) + 1)
  }
  for (const target of out.values()) target.overdue = overdueOf(target.counts, nowMs, today.get(target.boardId) ?? 0)
  return query.boardIds.map((id) => out.get(id)!)
}

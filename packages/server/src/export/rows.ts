import type { Message, Page } from '@liuyan/core'
import { unitStats } from '../unit-stats.js'
import type { BoardService } from '../service.js'
import type { StatsRowOut } from './cells.js'

/** A date range of an export: inclusive `from`, exclusive `to`, ISO. */
export interface ExportRange {
  from?: string
  to?: string
}

/**
 * Every message a page function gives, page after page (keyset cursors, 100 at a time), so an
 * export of any size holds one page in memory.
 */
export async function* allPages(page: (cursor: string | undefined) => Promise<Page<Message>>): AsyncGenerator<Message> {
  let cursor: string | undefined
  do {
    const next = await page(cursor)
    yield* next.items
    cursor = next.nextCursor ?? undefined
  } while (cursor)
}

/** The messages of a board and the boards below it, newest first, within a range (by submission time). */
export function subtreeMessages(service: BoardService, boardId: string, range: ExportRange): AsyncGenerator<Message> {
  let boards: string[] | undefined
  return allPages(async (cursor) => {
    boards ??= await service.descendants((await service.getBoard(boardId)).id)
    return service.store.read.listMessages({ boardIds: boards, limit: 100, ...range, ...(cursor ? { cursor } : {}) })
  })
}

/** One statistics row for the board, then one for each board below it, in the tree's order: the supervision table's rows. */
export async function* subtreeStats(service: BoardService, boardId: string, days: { from?: string; to?: string } = {}): AsyncGenerator<StatsRowOut> {
  yield* (await unitStats(service, boardId, { ...days, units: 'subtree' })).units
}

/** `2026-01-01` (a day in China) or an ISO date-time with its offset, as an instant; `end` moves a day to the next one's start. */
export function rangeBound(value: string, end: boolean): string | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (day) {
    const start = Date.parse(`${value}T00:00:00+08:00`)
    if (Number.isNaN(start)) return undefined
    return new Date(start + (end ? 86_400_000 : 0)).toISOString()
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(Date.parse(value))) return undefined
  return new Date(Date.parse(value)).toISOString()
}

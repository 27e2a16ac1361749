import type { Board, Message, Page } from '@liuyan/core'
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

/** One statistics row for the board, then one for each board below it, in the tree's order. */
export async function* subtreeStats(service: BoardService, boardId: string): AsyncGenerator<StatsRowOut> {
  const boards = new Map((await service.listBoards()).map((b) => [b.id, b]))
  const root = await service.getBoard(boardId)
  const order: Board[] = []
  const visit = (board: Board) => {
    order.push(board)
    for (const child of [...boards.values()].filter((b) => b.parentId === board.id).sort((a, b) => (a.id < b.id ? -1 : 1))) visit(child)
  }
  visit(root)
  for (const board of order) yield { board, stats: await service.stats(board.id) }
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

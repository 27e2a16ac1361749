import type { Board, UnitStats, UnitStatsScope } from '@liuyan/core'
import type { BoardService } from './service.js'
import { unitFiguresOf } from './stats.js'

/** The days and units of a supervision table (`GET /boards/{id}/stats/units`). */
export interface UnitStatsRequest {
  from?: string | undefined
  to?: string | undefined
  /** @default 'children' */
  units?: UnitStatsScope | undefined
}

/**
 * The boards of a supervision table in order, each with its depth below `root`: the root, then
 * every board below it depth first with children in id order (`subtree`), or its direct children.
 */
export function unitOrder(boards: readonly Board[], root: Board, units: UnitStatsScope): Array<[Board, number]> {
  const children = new Map<string, Board[]>()
  for (const board of boards) {
    if (board.parentId === null) continue
    const list = children.get(board.parentId)
    if (list) list.push(board)
    else children.set(board.parentId, [board])
  }
  for (const list of children.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const order: Array<[Board, number]> = []
  const seen = new Set<string>()
  const visit = (board: Board, depth: number) => {
    if (seen.has(board.id)) return
    seen.add(board.id)
    order.push([board, depth])
    if (units === 'children' && depth === 1) return
    for (const child of children.get(board.id) ?? []) visit(child, depth + 1)
  }
  visit(root, 0)
  return order
}

/**
 * The supervision table of a board subtree (督查): one row of figures per unit (each the unit's
 * whole subtree, see core's `UnitFigures`) and the month-by-month trend of the board, all read from
 * the store's counters (`StoreReader.statsCounts`), so a figure here equals the same figure of
 * `GET /boards/{id}/stats` and of the statistics export.
 */
export async function unitStats(service: BoardService, boardId: string, request: UnitStatsRequest = {}): Promise<UnitStats> {
  const root = await service.getBoard(boardId)
  const order = unitOrder(await service.listBoards(), root, request.units ?? 'children')
  const now = service.now().toISOString()
  const range = { ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}), now, unitFigures: true }
  const [top] = await service.store.read.statsCounts({ ...range, boardIds: [root.id], byMonth: true })
  const rest = await service.store.read.statsCounts({ ...range, boardIds: order.slice(1).map(([board]) => board.id) })
  const counts = [top!, ...rest]
  const months = top!.months ?? {}
  return {
    boardId: root.id,
    from: request.from ?? null,
    to: request.to ?? null,
    now,
    units: order.map(([board, depth], index) => unitFiguresOf(board, depth, counts[index]!.counts, counts[index]!.overdue)),
    trend: Object.keys(months)
      .sort()
      .map((month) => ({ month, received: months[month]!.r ?? 0, replied: months[month]!.p ?? 0 }))
      .filter((m) => m.received > 0),
  }
}

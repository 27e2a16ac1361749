import type { ExportFormat, Locale } from '@liuyan/core'
import type { BoardService } from '../service.js'
import { messageColumns, STATS_COLUMNS, type Column, type ExportContext } from './cells.js'
import { subtreeMessages, subtreeStats, type ExportRange } from './rows.js'
import { SHEET_NAMES } from './csv.js'

/** What to export: the CLI's arguments and the staff API's query both come to this. */
export interface ExportRequest {
  what: 'messages' | 'stats'
  boardId: string
  locale: Locale
  /** Messages only: the submission times to include. */
  range?: ExportRange
  /** Messages only: add the private fields (the staff's own use). */
  withPrivate?: boolean
}

/** The columns, rows and labels of one export, ready for a writer. */
export interface ExportPlan {
  columns: readonly Column<any>[]
  rows: AsyncIterable<unknown>
  context: ExportContext
  sheet: string
}

/**
 * Plans an export of a board's subtree; rejects with the service's 404 for an unknown board before
 * any row is read, so a caller can still answer with an error.
 */
export async function planExport(service: BoardService, request: ExportRequest): Promise<ExportPlan> {
  await service.getBoard(request.boardId)
  const names = new Map((await service.listBoards()).map((b) => [b.id, b.name]))
  const context: ExportContext = { locale: request.locale, now: service.now(), boardName: (id) => (id ? (names.get(id) ?? id) : '') }
  const sheet = SHEET_NAMES[request.what][request.locale]
  return request.what === 'messages'
    ? { columns: messageColumns(request.withPrivate ?? false), rows: subtreeMessages(service, request.boardId, request.range ?? {}), context, sheet }
    : { columns: STATS_COLUMNS, rows: subtreeStats(service, request.boardId), context, sheet }
}

/** The file name of an export: `liuyan-messages-<board>[-<from>][-<to>].csv`, safe in a header. */
export function exportFileName(request: ExportRequest, format: ExportFormat, days: { from?: string; to?: string } = {}): string {
  const parts = ['liuyan', request.what, request.boardId, days.from, days.to].filter((p): p is string => Boolean(p))
  return `${parts.join('-').replace(/[^\p{L}\p{N}._-]+/gu, '_')}.${format}`
}

/** A `Content-Disposition` for a download: an ASCII name for old clients, the UTF-8 name (RFC 6266/8187) for the rest. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

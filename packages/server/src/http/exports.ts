import { EXPORT_MEDIA_TYPES, type ExportFormat } from '@liuyan/core'
import { ServiceError } from '../errors.js'
import { attachment, exportFileName, planExport, type ExportPlan, type ExportRequest } from '../export/plan.js'
import { rangeBound, type ExportRange } from '../export/rows.js'
import { csvStream } from '../export/csv.js'
import type { BoardService, StaffPrincipal } from '../service.js'
import type { Operations } from './operations.js'
import { FileBody } from './reply.js'

/**
 * The staff exports (督查 reports): the same plan and writers as `liuyan-server export`, streamed.
 * A board outside the token's boards answers 404 like the inbox (its existence is not revealed).
 */
/** Streams a plan as an XLSX workbook (Node: `workbookStream` of the server's export writers). */
export type WorkbookStreamer = (plan: ExportPlan) => Promise<ReadableStream<Uint8Array>>

export function exportOperations(service: BoardService, workbook: WorkbookStreamer | undefined) {
  const file = async (staff: StaffPrincipal, request: ExportRequest, format: ExportFormat, days: { from?: string; to?: string }) => {
    if (!staff.boardIds.has(request.boardId)) throw new ServiceError(404, 'not_found', '')
    if (format === 'xlsx' && !workbook) throw new ServiceError(501, 'workbook_unavailable', '')
    const plan = await planExport(service, request)
    const body = format === 'xlsx' ? await workbook!(plan) : csvStream(plan.columns, plan.rows, plan.context)
    return new FileBody(EXPORT_MEDIA_TYPES[format], attachment(exportFileName(request, format, days)), body)
  }
  return {
    exportMessages: {
      run: (r) => {
        const range: ExportRange = {}
        if (r.query.from) range.from = rangeBound(r.query.from, false)
        if (r.query.to) range.to = rangeBound(r.query.to, true)
        const days = { ...(r.query.from ? { from: r.query.from.slice(0, 10) } : {}), ...(r.query.to ? { to: r.query.to.slice(0, 10) } : {}) }
        const request = { what: 'messages', boardId: r.params.id, locale: r.query.locale ?? r.locale, range, withPrivate: r.query.private ?? false } as const
        return file(r.staff, request, r.query.format ?? 'csv', days)
      },
    },
    exportStats: {
      run: (r) => file(r.staff, { what: 'stats', boardId: r.params.id, locale: r.query.locale ?? r.locale }, r.query.format ?? 'csv', {}),
    },
  } satisfies Pick<Operations, 'exportMessages' | 'exportStats'>
}

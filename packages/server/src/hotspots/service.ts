// Hot spots (源头治理) for staff: the heat table, the groups of similar messages and the duplicate
// link, over a board service (docs/architecture.md §6 "Hot spots"). Each read is scoped to the
// token's boards (another board answers 404, as the inbox does); the link needs a reviewer or a
// supervisor and both messages in the token's boards.
import { DUPLICATE_ROLES, HEAT_MAX_MONTHS, linkDuplicate } from '@liuyan/core'
import type { HeatTable, Message, Page, SimilarGroups } from '@liuyan/core'
import { ServiceError } from '../errors.js'
import { rangeBound } from '../export/rows.js'
import type { BoardService, CommitHook, StaffPrincipal } from '../service.js'
import { monthNumber, monthText } from '../stats-counts.js'
import { chinaMonth, heatMonths, regionDigits } from '../store/hotspots.js'

function notFound(): ServiceError {
  return new ServiceError(404, 'not_found', '')
}

function invalidRange(path: string): ServiceError {
  return new ServiceError(422, 'validation_failed', '', [{ path: [path], code: 'invalid_month_range', message: '' }])
}

/** The board, if the token covers it (else 404: its existence is not revealed). */
async function scopedBoard(service: BoardService, staff: StaffPrincipal, id: string) {
  if (!staff.boardIds.has(id)) throw notFound()
  return service.getBoard(id)
}

/** Months between two `YYYY-MM`, both included. */
function monthsBetween(from: string, to: string): number {
  return monthNumber(to) - monthNumber(from) + 1
}

/** The month `count - 1` months before `month`. */
function monthsBefore(month: string, count: number): string {
  return monthText(monthNumber(month) - (count - 1))
}

/** The heat table of a subtree: by default the twelve months up to the current one (China time). */
export async function heatTable(service: BoardService, staff: StaffPrincipal, boardId: string, query: { from?: string; to?: string }): Promise<HeatTable> {
  const board = await scopedBoard(service, staff, boardId)
  const to = query.to ?? (query.from ? monthsBefore(query.from, -10) : chinaMonth(service.now().getTime()))
  const from = query.from ?? monthsBefore(to, 12)
  const span = monthsBetween(from, to)
  if (span < 1) throw invalidRange('from')
  if (span > HEAT_MAX_MONTHS) throw invalidRange('to')
  const rows = await service.store.read.heatTable({ boardId: board.id, fromMonth: from, toMonth: to, regionDigits: regionDigits(board.region) })
  return { boardId: board.id, from, to, months: heatMonths(from, to), rows }
}

/** A range of creation times from days or date-times (a day as `to` includes that day). */
function range(query: { from?: string; to?: string }): { fromMs?: number; toMs?: number } {
  const from = query.from === undefined ? undefined : rangeBound(query.from, false)
  const to = query.to === undefined ? undefined : rangeBound(query.to, true)
  if (query.from !== undefined && from === undefined) throw invalidRange('from')
  if (query.to !== undefined && to === undefined) throw invalidRange('to')
  const out: { fromMs?: number; toMs?: number } = {}
  if (from) out.fromMs = Date.parse(from)
  if (to) out.toMs = Date.parse(to)
  if (out.fromMs !== undefined && out.toMs !== undefined && out.fromMs >= out.toMs) throw invalidRange('to')
  return out
}

/** The groups of similar messages of a subtree, most recently active first. */
export async function similarGroups(
  service: BoardService,
  staff: StaffPrincipal,
  boardId: string,
  query: { from?: string; to?: string; limit?: number },
): Promise<SimilarGroups> {
  const board = await scopedBoard(service, staff, boardId)
  const items = await service.store.read.similarGroups({ boardId: board.id, ...range(query), limit: query.limit ?? 20, regionDigits: regionDigits(board.region) })
  return { boardId: board.id, items }
}

/** One page of the members of a group (given by any member's id) in a subtree, newest first. */
export async function groupMessages(
  service: BoardService,
  staff: StaffPrincipal,
  boardId: string,
  groupId: string,
  query: { from?: string; to?: string; limit?: number; cursor?: string },
): Promise<Page<Message>> {
  const board = await scopedBoard(service, staff, boardId)
  const page = await service.store.read.groupMessages({
    boardId: board.id,
    memberId: groupId,
    ...range(query),
    limit: query.limit ?? 20,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  })
  if (!page) throw notFound()
  return page
}

function inScope(staff: StaffPrincipal, message: Message): boolean {
  return staff.boardIds.has(message.boardId) || (message.assigneeBoardId !== undefined && staff.boardIds.has(message.assigneeBoardId))
}

/**
 * Marks a message as a duplicate of another (与…重复): both in the token's boards, by a reviewer
 * or supervisor, recorded on the timeline with the token's label and the note.
 */
export async function markDuplicate(
  service: BoardService,
  staff: StaffPrincipal,
  id: string,
  body: { of: string; note?: string | undefined },
  hook?: CommitHook<Message>,
): Promise<Message> {
  const role = staff.roles.find((r) => (DUPLICATE_ROLES as readonly string[]).includes(r))
  if (!role) throw new ServiceError(403, 'forbidden', '')
  return service.store.transaction(async (tx) => {
    const message = await tx.getMessage(id)
    if (!message || !inScope(staff, message)) throw notFound()
    const other = body.of === id ? message : await tx.getMessage(body.of)
    if (!other || !inScope(staff, other)) {
      throw new ServiceError(404, 'not_found', '', [{ path: ['of'], code: 'unknown_message', message: '' }])
    }
    const result = linkDuplicate(message, other.id, {
      actor: { role, id: staff.tokenHash.slice(0, 12), name: staff.label },
      now: service.now(),
      ...(body.note ? { note: body.note } : {}),
    })
    if (!result.ok) throw new ServiceError(result.code === 'same_message' ? 422 : result.code === 'already_linked' ? 409 : 403, result.code, '')
    await tx.updateMessage(result.message)
    await hook?.(tx, result.message)
    return result.message
  })
}

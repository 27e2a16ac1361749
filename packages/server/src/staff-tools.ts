// The staff's working tools over the board service (docs/architecture.md §5): reply templates
// (标准模板化), bulk accept and assign, and the inbox's counts per status. Scope and roles as for
// every staff route: a board or template outside the token's boards answers 404.
import {
  BULK_ACTION_LIMIT,
  createId,
  LIFECYCLE,
  REPLY_TEMPLATES_PER_BOARD,
  type BulkAction,
  type BulkActionResult,
  type BulkItemResult,
  type InboxCounts,
  type Locale,
  type NewReplyTemplate,
  type Page,
  type ReplyTemplate,
} from '@liuyan/core'
import { isServiceError, ServiceError } from './errors.js'
import { problemTitle } from './http/problems.js'
import type { BoardService, CommitHook, StaffPrincipal } from './service.js'

const noTemplate = () => new ServiceError(404, 'not_found', '找不到该答复模板')
const noBoard = () => new ServiceError(404, 'not_found', '找不到该留言对象')

/** The board and every board above it, nearest first. */
async function ancestry(service: BoardService, boardId: string): Promise<string[]> {
  const chain: string[] = []
  for (let id: string | null = boardId; id !== null && !chain.includes(id); ) {
    chain.push(id)
    id = (await service.getBoard(id)).parentId
  }
  return chain
}

/**
 * The templates that apply to a board in the token's boards: its own and its ancestors', nearest
 * board first, then in the order they were written.
 */
export async function listReplyTemplates(service: BoardService, staff: StaffPrincipal, boardId: string): Promise<Page<ReplyTemplate>> {
  if (!staff.boardIds.has(boardId)) throw noBoard()
  const chain = await ancestry(service, boardId)
  const templates = await service.store.read.listReplyTemplates(chain)
  const rank = (t: ReplyTemplate) => chain.indexOf(t.boardId)
  // A stable sort: within a board the store's order (creation time, then id) stays.
  return { items: templates.sort((a, b) => rank(a) - rank(b)), nextCursor: null }
}

export async function createReplyTemplate(
  service: BoardService, staff: StaffPrincipal, boardId: string, input: NewReplyTemplate, hook?: CommitHook<ReplyTemplate>,
): Promise<ReplyTemplate> {
  if (!staff.boardIds.has(boardId)) throw noBoard()
  await service.getBoard(boardId)
  const at = service.now().toISOString()
  const template: ReplyTemplate = { id: createId(), boardId, name: input.name, text: input.text, createdAt: at, updatedAt: at, updatedBy: staff.label }
  return service.store.transaction(async (tx) => {
    if ((await tx.listReplyTemplates([boardId])).length >= REPLY_TEMPLATES_PER_BOARD) throw new ServiceError(409, 'too_many_templates', '')
    await tx.putReplyTemplate(template)
    await hook?.(tx, template)
    return template
  })
}

export async function updateReplyTemplate(service: BoardService, staff: StaffPrincipal, id: string, input: NewReplyTemplate): Promise<ReplyTemplate> {
  return service.store.transaction(async (tx) => {
    const stored = await tx.getReplyTemplate(id)
    if (!stored || !staff.boardIds.has(stored.boardId)) throw noTemplate()
    const template: ReplyTemplate = { ...stored, name: input.name, text: input.text, updatedAt: service.now().toISOString(), updatedBy: staff.label }
    await tx.putReplyTemplate(template)
    return template
  })
}

export async function deleteReplyTemplate(service: BoardService, staff: StaffPrincipal, id: string): Promise<ReplyTemplate> {
  return service.store.transaction(async (tx) => {
    const stored = await tx.getReplyTemplate(id)
    if (!stored || !staff.boardIds.has(stored.boardId)) throw noTemplate()
    await tx.deleteReplyTemplate(id)
    return stored
  })
}

/**
 * One action for several messages in one transaction: each message goes through the service's
 * own rules (`applyAction`, as `POST /messages/{id}/actions`) and answers its own result; a
 * message the action cannot take (another board's, a status that does not allow it) is a problem
 * of that item and leaves the others alone. A token without the action's role, or a unit that
 * takes no messages, refuses the whole request.
 */
export async function bulkAct(
  service: BoardService, staff: StaffPrincipal, request: BulkAction, locale: Locale, hook?: CommitHook<BulkActionResult>,
): Promise<BulkActionResult> {
  if (request.ids.length > BULK_ACTION_LIMIT) throw new ServiceError(422, 'validation_failed', '')
  if (!staff.roles.some((role) => LIFECYCLE[request.action.action].roles.includes(role))) throw new ServiceError(403, 'forbidden_role', '')
  if (request.action.action === 'assign') {
    const target = (await service.listBoards()).find((board) => board.id === (request.action as { boardId: string }).boardId)
    if (!target || !target.acceptsMessages) {
      throw new ServiceError(422, 'validation_failed', '提交的内容有误', [{ path: ['action', 'boardId'], code: 'unknown_unit', message: '请选择有效的办理单位' }])
    }
  }
  return service.write(async (tx) => {
    const results: BulkItemResult[] = []
    for (const id of request.ids) {
      try {
        const message = await service.applyAction(tx, staff, id, request.action)
        results.push({ id, ok: true, status: message.status })
      } catch (error) {
        if (!isServiceError(error)) throw error
        results.push({ id, ok: false, problem: { status: error.status, code: error.code, title: problemTitle(locale, error) } })
      }
    }
    const answer = { results }
    await hook?.(tx, answer)
    return answer
  })
}

/** Counts per status of the token's boards, or of one board subtree within them. */
export async function inboxCounts(service: BoardService, staff: StaffPrincipal, boardId?: string): Promise<InboxCounts> {
  if (boardId !== undefined && !staff.boardIds.has(boardId)) throw noBoard()
  let roots = boardId !== undefined ? [boardId] : [...staff.rootBoardIds]
  // A root inside another root's subtree adds nothing: one root reads one index range.
  if (roots.length > 1) {
    const below = new Set<string>()
    for (const root of roots) for (const d of await service.descendants(root)) if (d !== root) below.add(d)
    roots = roots.filter((root) => !below.has(root))
  }
  return service.store.read.inboxCounts({ boardIds: roots, now: service.now().toISOString() })
}

import { DEFAULT_LOCALE, type MessageStatus, type Role } from './enums.js'
import { ROLE_LABELS } from './labels.js'
import { LiuyanCoreError } from './errors.js'
import { createId } from './ids.js'
import { addWorkingDays, dueAt as computeDueAt, resolvePolicy, toChinaISOString, type AddWorkingDaysOptions, type DeadlinePolicy } from './deadlines.js'
import { isLiuyanCoreError } from './errors.js'
import { MessageActionSchema, type MessageAction, type MessageActionName } from './schemas/action.js'
import type { Actor, Message, TimelineEvent } from './schemas/message.js'
import type { ValidationIssue } from './schemas/problem.js'
import { localizeIssues } from './validation.js'
import * as z from 'zod/mini'

interface Rule {
  readonly roles: readonly Role[]
  readonly from: readonly MessageStatus[]
  /** The status after the action; absent when the status stays. */
  readonly to?: MessageStatus
}

const OPEN: readonly MessageStatus[] = ['accepted', 'assigned', 'processing']
const REVIEWED: readonly MessageStatus[] = ['accepted', 'assigned', 'processing', 'replied', 'closed']
const ANY: readonly MessageStatus[] = ['pending', ...REVIEWED, 'rejected']

/**
 * The lifecycle (docs/architecture.md §3) as data: which role may take which action from which status.
 * `follow-up` moves a replied message back to processing and leaves other statuses alone.
 */
export const LIFECYCLE: Readonly<Record<MessageActionName, Rule>> = {
  accept: { roles: ['reviewer'], from: ['pending'], to: 'accepted' },
  reject: { roles: ['reviewer'], from: ['pending'], to: 'rejected' },
  assign: { roles: ['reviewer'], from: ['accepted'], to: 'assigned' },
  transfer: { roles: ['reviewer', 'handler'], from: ['assigned'], to: 'assigned' },
  start: { roles: ['handler'], from: ['assigned'], to: 'processing' },
  reply: { roles: ['handler'], from: ['processing'], to: 'replied' },
  extend: { roles: ['handler', 'supervisor'], from: OPEN },
  close: { roles: ['reviewer', 'supervisor'], from: ['replied'], to: 'closed' },
  supervise: { roles: ['supervisor'], from: OPEN },
  remind: { roles: ['supervisor'], from: OPEN },
  reopen: { roles: ['supervisor'], from: ['replied'], to: 'processing' },
  publish: { roles: ['reviewer'], from: REVIEWED },
  unpublish: { roles: ['reviewer', 'supervisor'], from: REVIEWED },
  redact: { roles: ['reviewer'], from: ['pending', ...REVIEWED] },
  'reissue-code': { roles: ['supervisor'], from: ANY },
  'follow-up': { roles: ['citizen'], from: ['accepted', 'assigned', 'processing', 'replied'] },
  evaluate: { roles: ['citizen'], from: ['replied', 'closed'] },
}

/** What the lifecycle reads of a message to decide which actions it allows. */
export type LifecycleFacts = Pick<Message, 'status' | 'posts' | 'evaluation' | 'supervised' | 'publish' | 'publishedAt' | 'hiddenAt'>

const ACTION_ORDER = /* @__PURE__ */ Object.keys(LIFECYCLE) as MessageActionName[]

/** Why a transition was refused. */
export type TransitionErrorCode =
  | 'invalid_action'
  | 'reason_required'
  | 'forbidden_role'
  | 'invalid_status'
  | 'not_replied'
  | 'already_evaluated'
  | 'already_supervised'
  | 'same_board'
  | 'deadline_unavailable'
  | 'no_consent'
  | 'already_published'
  | 'not_published'

/**
 * A transition the lifecycle does not allow, with a stable `code` and an English message for logs
 * (it never contains a citizen's private data). Validation failures carry localized `issues`.
 *
 * @example
 * ```ts
 * const result = transition(message, { action: 'reply', content: '已修复' }, { actor: { role: 'reviewer' } })
 * if (!result.ok) result.error.code // 'forbidden_role'
 * ```
 */
export class TransitionError extends LiuyanCoreError {
  override name = 'TransitionError' as const
  override readonly code: TransitionErrorCode
  /** The action that was refused, when it could be read. */
  readonly action: string | undefined
  /** Localized issues when the action itself was malformed. */
  readonly issues: ValidationIssue[]
  constructor(code: TransitionErrorCode, message: string, action?: string, issues: ValidationIssue[] = []) {
    super(code, message)
    this.code = code
    this.action = action
    this.issues = issues
  }
}

/** Context of a transition: who acts, when, and how deadlines are computed. */
export interface TransitionContext {
  /** Who takes the action. Scope (which boards a staff member covers) is the server's job. */
  actor: Actor
  /**
   * The time of the action.
   * @default new Date()
   */
  now?: Date
  /** Working days per message type, for the deadline set on acceptance. Defaults to {@link DEFAULT_DEADLINE_POLICY}. */
  policy?: Partial<DeadlinePolicy>
  /** Calendar options for deadline arithmetic (custom calendar, weekend-only fallback). */
  calendar?: AddWorkingDaysOptions
  /** Name that signs a reply when the action does not give one, e.g. the handling board's name. */
  organization?: string
  /**
   * Whether `accept` publishes a message whose author consented (a board's `publication` of
   * `on-accept`); `false` leaves it to the `publish` action.
   * @default true
   */
  publishOnAccept?: boolean
  /** Produces ids for events and posts. @default createId */
  createId?: () => string
}

/** The outcome of {@link transition}. */
export type TransitionResult =
  | { ok: true; message: Message; event: TimelineEvent }
  | { ok: false; error: TransitionError }

/**
 * The actions `role` may take on `message` now, in lifecycle order.
 *
 * @example
 * ```ts
 * allowedActions({ ...message, status: 'pending' }, 'reviewer') // ['accept', 'reject']
 * allowedActions(replied, 'citizen')                             // ['follow-up', 'evaluate']
 * ```
 */
export function allowedActions(message: LifecycleFacts, role: Role): MessageActionName[] {
  return ACTION_ORDER.filter((name) => refusal(message, name, role) === undefined)
}

function refusal(message: LifecycleFacts, name: MessageActionName, role: Role): [TransitionErrorCode, string] | undefined {
  const rule = LIFECYCLE[name]
  if (!rule.roles.includes(role)) {
    return ['forbidden_role', `The ${ROLE_LABELS.en[role].toLowerCase()} role cannot ${name}; it takes the ${rule.roles.join(' or ')} role.`]
  }
  if (!rule.from.includes(message.status)) {
    return ['invalid_status', `A message that is ${message.status} cannot ${name}; that needs status ${rule.from.join(', ')}.`]
  }
  if (name === 'evaluate') {
    if (message.evaluation) return ['already_evaluated', 'This message has already been rated; a rating is given once.']
    if (!message.posts.some((p) => p.kind === 'reply')) return ['not_replied', 'A message can be rated only after an official reply.']
  }
  if (name === 'supervise' && message.supervised) return ['already_supervised', 'This message is already under supervision.']
  const published = message.publishedAt !== undefined && message.hiddenAt === undefined
  if (name === 'publish') {
    if (!message.publish) return ['no_consent', 'The author did not consent to publication; the message stays private.']
    if (published) return ['already_published', 'This message is already public.']
  }
  if (name === 'unpublish' && !published) return ['not_published', 'This message is not public.']
  return undefined
}

/**
 * Applies one action to a message: the pure state machine of the closed loop. Returns the new
 * message (the input is not changed) and the timeline event that records the change, or a
 * {@link TransitionError} saying why not (malformed action, missing reason, wrong role, wrong status,
 * rated already, …).
 *
 * @example
 * ```ts
 * const result = transition(message, { action: 'accept' }, { actor: { role: 'reviewer', id: 'u1' } })
 * if (result.ok) {
 *   result.message.status // 'accepted'
 *   result.message.dueAt  // end of the 5th/15th working day, China time
 *   result.event.type     // 'accept'
 * }
 * ```
 */
export function transition(message: Message, input: MessageAction, context: TransitionContext): TransitionResult {
  const parsed = z.safeParse(MessageActionSchema, input, { reportInput: true })
  const actionName = typeof (input as { action?: unknown } | null)?.action === 'string' ? String((input as { action: string }).action) : undefined
  if (!parsed.success) {
    const issues = localizeIssues(parsed.error.issues, { locale: DEFAULT_LOCALE })
    const missingReason = issues.some((i) => i.path[0] === 'reason' && i.code === 'required')
    return fail(
      missingReason ? 'reason_required' : 'invalid_action',
      missingReason ? `The ${actionName} action needs a reason.` : 'The action is malformed.',
      actionName,
      issues,
    )
  }
  const action = parsed.data
  const { actor } = context
  const denied = refusal(message, action.action, actor.role)
  if (denied) return fail(denied[0], denied[1], action.action)

  const now = context.now ?? new Date()
  const at = now.toISOString()
  const newId = context.createId ?? createId
  const rule = LIFECYCLE[action.action]
  const next: Message = { ...message, posts: [...message.posts], timeline: [...message.timeline] }
  const event: TimelineEvent = { id: newId(), type: action.action, at, actor: cleanActor(actor), from: message.status }
  if (rule.to) next.status = rule.to

  try {
    switch (action.action) {
      case 'accept': {
        next.reviewedAt = at
        if (message.publish && context.publishOnAccept !== false) next.publishedAt = at
        const due = computeDueAt({ type: message.type, reviewedAt: at, timeline: [] }, resolvePolicy(context.policy), context.calendar)
        if (due) next.dueAt = event.dueAt = toChinaISOString(due)
        if (action.note) event.note = action.note
        break
      }
      case 'reject':
        next.reviewedAt = at
        next.rejection = { code: action.code ?? 'other', reason: action.reason }
        event.reasonCode = action.code ?? 'other'
        event.note = action.reason
        break
      case 'publish':
        next.publishedAt ??= at
        delete next.hiddenAt
        if (action.note) event.note = action.note
        break
      case 'unpublish':
        next.hiddenAt = at
        event.note = action.reason
        break
      case 'redact': {
        const { action: _, note, ...copy } = action
        if (Object.keys(copy).length > 0) next.publicCopy = copy
        else delete next.publicCopy
        if (note) event.note = note
        break
      }
      case 'reissue-code':
        // The new code itself is the server's: the state machine records that it happened, and why.
        event.note = action.reason
        break
      case 'assign':
        next.assigneeBoardId = event.boardId = action.boardId
        if (action.note) event.note = action.note
        break
      case 'transfer':
        if (action.boardId === (message.assigneeBoardId ?? message.boardId)) {
          return fail('same_board', 'A message can only be transferred to another unit.', action.action)
        }
        next.assigneeBoardId = event.boardId = action.boardId
        event.note = action.reason
        break
      case 'reply':
        next.posts.push({
          kind: 'reply',
          id: newId(),
          organization: action.organization ?? context.organization ?? actor.name ?? ROLE_LABELS[DEFAULT_LOCALE].handler,
          ...(message.assigneeBoardId ? { boardId: message.assigneeBoardId } : {}),
          content: action.content,
          createdAt: at,
        })
        next.repliedAt ??= at
        break
      case 'extend': {
        const base = message.dueAt ? new Date(message.dueAt) : computeDueAt(message, resolvePolicy(context.policy), context.calendar)
        if (!base) return fail('invalid_status', 'This message has no deadline to extend.', action.action)
        next.dueAt = event.dueAt = toChinaISOString(addWorkingDays(base, action.days, context.calendar))
        event.days = action.days
        event.note = action.reason
        break
      }
      case 'close':
        next.closedAt = at
        if (action.note) event.note = action.note
        break
      case 'supervise':
        next.supervised = true
        if (action.note) event.note = action.note
        break
      case 'remind':
        next.reminders = message.reminders + 1
        if (action.note) event.note = action.note
        break
      case 'reopen':
        event.note = action.reason
        break
      case 'follow-up':
        next.posts.push({ kind: 'follow-up', id: newId(), content: action.content, createdAt: at })
        // A follow-up on an answered message means the answer did not settle it: back to the unit.
        if (message.status === 'replied') next.status = 'processing'
        break
      case 'evaluate': {
        const { action: _, ...scores } = action
        next.evaluation = { ...scores, createdAt: at }
        break
      }
      case 'start':
        if (action.note) event.note = action.note
        break
    }
  } catch (error) {
    if (isLiuyanCoreError(error)) return fail('deadline_unavailable', error.message, action.action)
    throw error
  }
  event.to = next.status
  next.timeline.push(event)
  return { ok: true, message: next, event }
}

function cleanActor(actor: Actor): Actor {
  // Citizens act by tracking code; their identity is never written to the timeline.
  if (actor.role === 'citizen') return { role: 'citizen' }
  return { role: actor.role, ...(actor.id ? { id: actor.id } : {}), ...(actor.name ? { name: actor.name } : {}) }
}

function fail(code: TransitionErrorCode, message: string, action?: string, issues?: ValidationIssue[]): TransitionResult {
  return { ok: false, error: new TransitionError(code, message, action, issues) }
}

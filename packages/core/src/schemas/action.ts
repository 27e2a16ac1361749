import * as z from 'zod/mini'
import { checked, IdSchema, text } from './common.js'
import { LIMITS, newEvaluationShape, newFollowUpShape } from './message.js'

/* @__NO_SIDE_EFFECTS__ */
function note() {
  return z.optional(text(1, LIMITS.reasonMax))
}
/* @__NO_SIDE_EFFECTS__ */
function reason() {
  return text(1, LIMITS.reasonMax)
}

/** Review passes (受理): pending → accepted. */
export const AcceptActionSchema = z.strictObject({ action: z.literal('accept'), note: note() })
/** Review refuses (不予受理): pending → rejected. A reason is required. */
export const RejectActionSchema = z.strictObject({ action: z.literal('reject'), reason: reason() })
/** Hand to a unit (交办): accepted → assigned. */
export const AssignActionSchema = z.strictObject({ action: z.literal('assign'), boardId: IdSchema, note: note() })
/** Hand on to another unit (转办): assigned → assigned. A reason is required. */
export const TransferActionSchema = z.strictObject({ action: z.literal('transfer'), boardId: IdSchema, reason: reason() })
/** The unit starts handling: assigned → processing. */
export const StartActionSchema = z.strictObject({ action: z.literal('start'), note: note() })
/** The official public reply: processing → replied. */
export const ReplyActionSchema = z.strictObject({
  action: z.literal('reply'),
  content: text(1, LIMITS.replyMax),
  /** The organization that signs the reply; defaults to the handling board's name. */
  organization: z.optional(text(1, 100)),
})
/** Move the deadline by some working days (延期). A reason is required. */
export const ExtendActionSchema = z.strictObject({
  action: z.literal('extend'),
  days: checked(z.int(), z.gte(1), z.lte(60)),
  reason: reason(),
})
/** Close the matter (办结): replied → closed. */
export const CloseActionSchema = z.strictObject({ action: z.literal('close'), note: note() })
/** Put the message under supervision (督办): a flag and a timeline event. */
export const SuperviseActionSchema = z.strictObject({ action: z.literal('supervise'), note: note() })
/** Send a reminder (催办): a counter and a timeline event. */
export const RemindActionSchema = z.strictObject({ action: z.literal('remind'), note: note() })
/** Send a replied message back for more work: replied → processing. A reason is required. */
export const ReopenActionSchema = z.strictObject({ action: z.literal('reopen'), reason: reason() })

/**
 * One staff action, as the body of `POST /messages/{id}/actions`.
 *
 * @example
 * ```ts
 * StaffActionSchema.parse({ action: 'transfer', boardId: '220102-zjj', reason: '属地管理' })
 * ```
 */
const staffActions = [
  AcceptActionSchema,
  RejectActionSchema,
  AssignActionSchema,
  TransferActionSchema,
  StartActionSchema,
  ReplyActionSchema,
  ExtendActionSchema,
  CloseActionSchema,
  SuperviseActionSchema,
  RemindActionSchema,
  ReopenActionSchema,
] as const
export const StaffActionSchema = z.discriminatedUnion('action', staffActions)
export type StaffAction = z.infer<typeof StaffActionSchema>
/** The name of a staff action. */
export type StaffActionName = StaffAction['action']
/** Every staff action name. */
export const STAFF_ACTIONS = [
  'accept', 'reject', 'assign', 'transfer', 'start', 'reply', 'extend', 'close', 'supervise', 'remind', 'reopen',
] as const satisfies readonly StaffActionName[]

/** The author's follow-up (追问), as an action of the state machine. */
export const FollowUpActionSchema = z.strictObject({ action: z.literal('follow-up'), ...newFollowUpShape })
/** The author's evaluation, as an action of the state machine. */
export const EvaluateActionSchema = z.strictObject({ action: z.literal('evaluate'), ...newEvaluationShape })

/** What the author may do with the tracking code. */
export const CitizenActionSchema = z.discriminatedUnion('action', [FollowUpActionSchema, EvaluateActionSchema])
export type CitizenAction = z.infer<typeof CitizenActionSchema>

/** Every action of the lifecycle, staff or author. */
export const MessageActionSchema = z.discriminatedUnion('action', [
  ...staffActions,
  FollowUpActionSchema,
  EvaluateActionSchema,
])
export type MessageAction = z.infer<typeof MessageActionSchema>
export type MessageActionName = MessageAction['action']

import * as z from 'zod/mini'
import { checked, IdSchema, text } from './common.js'
import { REJECT_REASONS } from '../rejection.js'
import { LIMITS, newEvaluationShape, newFollowUpShape, publicCopyShape } from './message.js'

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
/**
 * Review refuses (不予受理): pending → rejected. `code` is the standard reason (see core's
 * `REJECT_REASON_TEXTS` for what the author is told), `reason` the reviewer's own words to the
 * author; both reach the author's tracking view.
 */
export const RejectActionSchema = z.strictObject({
  action: z.literal('reject'),
  /** The standard reason; absent means `other`. */
  code: z.optional(z.enum(REJECT_REASONS)),
  /** The reviewer's explanation to the author. */
  reason: reason(),
})
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
/** Make a reviewed message public (on boards that publish as a separate step, or after `unpublish`). */
export const PublishActionSchema = z.strictObject({ action: z.literal('publish'), note: note() })
/** Hide a published message from the public (撤下). A reason is required. */
export const UnpublishActionSchema = z.strictObject({ action: z.literal('unpublish'), reason: reason() })
/**
 * Set the public copy (redaction): the fields given replace the author's text in every public view;
 * fields left out show the original again. Staff keep seeing the original.
 */
export const RedactActionSchema = z.strictObject({
  action: z.literal('redact'),
  ...publicCopyShape,
  note: note(),
})
/**
 * Void the tracking code and issue a new one, for an author who lost it (a supervisor's action,
 * on the timeline). The answer carries the new code once; no one can read it again.
 */
export const ReissueCodeActionSchema = z.strictObject({ action: z.literal('reissue-code'), reason: reason() })

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
  PublishActionSchema,
  UnpublishActionSchema,
  RedactActionSchema,
  ReissueCodeActionSchema,
] as const
export const StaffActionSchema = z.discriminatedUnion('action', staffActions)
export type StaffAction = z.infer<typeof StaffActionSchema>
/** The name of a staff action. */
export type StaffActionName = StaffAction['action']
/** Every staff action name. */
export const STAFF_ACTIONS = [
  'accept', 'reject', 'assign', 'transfer', 'start', 'reply', 'extend', 'close', 'supervise', 'remind', 'reopen',
  'publish', 'unpublish', 'redact', 'reissue-code',
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

import * as z from 'zod/mini'
import { AcceptActionSchema, AssignActionSchema } from './action.js'
import { checked, DateTimeSchema, IdSchema, MessageStatusSchema, text } from './common.js'
import { LIMITS } from './message.js'

/**
 * The schemas of the staff's working tools (docs/architecture.md §5): reply templates (标准模板化),
 * bulk actions and the inbox's counts per status.
 */

/**
 * The placeholders a reply template may use, each written `{name}` and filled by
 * `fillReplyTemplate` from the message being answered: its title, the author's public nickname,
 * the handling unit, the day it was submitted, today, and the working days since it was accepted.
 */
export const REPLY_TEMPLATE_PLACEHOLDERS = ['title', 'nickname', 'unit', 'received', 'date', 'days'] as const
/** One of {@link REPLY_TEMPLATE_PLACEHOLDERS}. */
export type ReplyTemplatePlaceholder = (typeof REPLY_TEMPLATE_PLACEHOLDERS)[number]

/** The `{name}` placeholders of a text that are not {@link REPLY_TEMPLATE_PLACEHOLDERS}, in order. */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = REPLY_TEMPLATE_PLACEHOLDERS
  return [...text.matchAll(/\{([^{}\s]{1,20})\}/g)].map((m) => m[1]!).filter((name) => !known.includes(name))
}

/** Largest number of reply templates one board may keep. */
export const REPLY_TEMPLATES_PER_BOARD = 100

/**
 * A reply template as a supervisor writes it (`POST /boards/{id}/reply-templates`, `PUT
 * /reply-templates/{id}`): a short name for the picker and the text of the reply, whose `{…}`
 * placeholders must be of {@link REPLY_TEMPLATE_PLACEHOLDERS}.
 *
 * @example
 * ```ts
 * NewReplyTemplateSchema.parse({ name: '已受理', text: '您好，您反映的“{title}”已转{unit}办理。' })
 * ```
 */
export const NewReplyTemplateSchema = z.strictObject({
  name: text(1, 40),
  text: checked(text(1, LIMITS.replyMax), z.refine((value: string) => unknownPlaceholders(value).length === 0, { error: 'unknown_placeholder' })),
})
export type NewReplyTemplate = z.infer<typeof NewReplyTemplateSchema>
export type NewReplyTemplateInput = z.input<typeof NewReplyTemplateSchema>

/**
 * A stored reply template of a board. A board's templates apply to it and to every board below
 * it: the list of a board holds its own and its ancestors' (nearest first).
 */
export const ReplyTemplateSchema = z.object({
  id: IdSchema,
  boardId: IdSchema,
  name: z.string(),
  text: z.string(),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
  /** The label of the token that wrote it last. */
  updatedBy: z.string(),
})
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>

/** Most messages one bulk request may name. */
export const BULK_ACTION_LIMIT = 50

/**
 * One action for up to {@link BULK_ACTION_LIMIT} messages (`POST /inbox/bulk`): accept (受理) or
 * assign (交办). Each message goes through the lifecycle on its own and answers its own result.
 *
 * @example
 * ```ts
 * BulkActionSchema.parse({ ids: ['m1', 'm2'], action: { action: 'assign', boardId: '220102-zjj' } })
 * ```
 */
export const BulkActionSchema = z.strictObject({
  ids: checked(z.array(IdSchema), z.minLength(1), z.maxLength(BULK_ACTION_LIMIT)),
  action: z.discriminatedUnion('action', [AcceptActionSchema, AssignActionSchema]),
})
export type BulkAction = z.infer<typeof BulkActionSchema>
export type BulkActionInput = z.input<typeof BulkActionSchema>

/** What became of one message of a bulk action: its new status, or the problem, as the single action would answer it. */
export const BulkItemResultSchema = z.union([
  z.object({ id: IdSchema, ok: z.literal(true), status: MessageStatusSchema }),
  z.object({
    id: IdSchema,
    ok: z.literal(false),
    problem: z.object({ status: checked(z.int(), z.gte(400), z.lte(599)), code: z.string(), title: z.string() }),
  }),
])
export type BulkItemResult = z.infer<typeof BulkItemResultSchema>

/** The answer of a bulk action: one result per id, in the order sent. */
export const BulkActionResultSchema = z.object({ results: z.array(BulkItemResultSchema) })
export type BulkActionResult = z.infer<typeof BulkActionResultSchema>

/** The query of `GET /inbox/counts`: the token's boards, or one board subtree within them. */
export const InboxCountsQuerySchema = z.object({
  /** Only messages of this board and the boards below it. */
  boardId: z.optional(IdSchema),
})
export type InboxCountsQuery = z.input<typeof InboxCountsQuerySchema>

/** How many messages of the scope are in each status, how many are open past their deadline, and all. */
export const InboxCountsSchema = z.object({
  statuses: z.object({
    pending: z.int(), accepted: z.int(), rejected: z.int(), assigned: z.int(), processing: z.int(), replied: z.int(), closed: z.int(),
  }),
  overdue: z.int(),
  total: z.int(),
})
export type InboxCounts = z.infer<typeof InboxCountsSchema>

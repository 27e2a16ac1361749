// Private: every zod schema the SDK checks with, and the checks themselves. The rest of the SDK
// names a schema by key and loads this module on first use (`import()`), so a client that checks
// nothing on a call (`validateResponses: false`, `validateQueries: false`, a successful GET) never
// loads zod or core's schemas: a bundler puts them in a chunk of their own.
import {
  DuplicateLinkSchema,
  HeatTableSchema,
  SimilarGroupsSchema,
  BoardSchema,
  BoardStatsQuerySchema,
  BoardStatsSchema,
  BulkActionResultSchema,
  BulkActionSchema,
  CreatedWebhookSchema,
  DeliveryAttemptSchema,
  InboxCountsQuerySchema,
  InboxCountsSchema,
  NewReplyTemplateSchema,
  ReplyTemplateSchema,
  InboxQuerySchema,
  MessageListQuerySchema,
  MessageSchema,
  NewEvaluationSchema,
  NewFollowUpSchema,
  NewMessageSchema,
  PageSchema,
  ProblemSchema,
  PublicMessageSchema,
  resolveLocale,
  StaffActionResultSchema,
  StaffActionSchema,
  SubmissionResultSchema,
  TrackedMessageSchema,
  UnitStatsQuerySchema,
  UnitStatsSchema,
  validate,
  NewWebhookSchema,
  WebhookAttemptsQuerySchema,
  WebhookReplaySchema,
  WebhookSchema,
  type Problem,
} from '@liuyan/core'
import * as z from 'zod/mini'
import { InvalidResponseError, ValidationError } from '../core/errors.js'

const StaffPrincipalSchema = z.object({
  label: z.string(),
  roles: z.array(z.enum(['reviewer', 'handler', 'supervisor'])),
  boardIds: z.array(z.string()),
})

/** The answer of a webhook replay: the new delivery of the event. */
const WebhookReplayedSchema = z.object({ deliveryId: z.string(), eventId: z.string() })

/** What the server answers, by key. */
export const RESPONSES = {
  board: BoardSchema,
  boards: PageSchema(BoardSchema),
  stats: BoardStatsSchema,
  unitStats: UnitStatsSchema,
  publicMessage: PublicMessageSchema,
  publicMessages: PageSchema(PublicMessageSchema),
  submission: SubmissionResultSchema,
  staffResult: StaffActionResultSchema,
  tracked: TrackedMessageSchema,
  message: MessageSchema,
  messages: PageSchema(MessageSchema),
  principal: StaffPrincipalSchema,
  heatTable: HeatTableSchema,
  similarGroups: SimilarGroupsSchema,
  inboxCounts: InboxCountsSchema,
  bulkResult: BulkActionResultSchema,
  replyTemplate: ReplyTemplateSchema,
  replyTemplates: PageSchema(ReplyTemplateSchema),
  webhook: WebhookSchema,
  webhooks: PageSchema(WebhookSchema),
  createdWebhook: CreatedWebhookSchema,
  deliveryAttempts: PageSchema(DeliveryAttemptSchema),
  webhookReplayed: WebhookReplayedSchema,
}

/** What the SDK sends, by key. */
export const INPUTS = {
  messageListQuery: MessageListQuerySchema,
  inboxQuery: InboxQuerySchema,
  boardStatsQuery: BoardStatsQuerySchema,
  unitStatsQuery: UnitStatsQuerySchema,
  newMessage: NewMessageSchema,
  staffAction: StaffActionSchema,
  followUp: NewFollowUpSchema,
  evaluation: NewEvaluationSchema,
  duplicateLink: DuplicateLinkSchema,
  inboxCountsQuery: InboxCountsQuerySchema,
  bulkAction: BulkActionSchema,
  replyTemplate: NewReplyTemplateSchema,
  newWebhook: NewWebhookSchema,
  webhookAttemptsQuery: WebhookAttemptsQuerySchema,
  webhookReplay: WebhookReplaySchema,
}

export type ResponseName = keyof typeof RESPONSES
export type InputName = keyof typeof INPUTS
export type ResponseOf<N extends ResponseName> = z.output<(typeof RESPONSES)[N]>
export type InputOf<N extends InputName> = z.output<(typeof INPUTS)[N]>

/** Checks input with core's rules: a `ValidationError` with localized issues when it fails. */
export function checkInput<N extends InputName>(name: N, input: unknown, locale: string): InputOf<N> {
  const result = validate(INPUTS[name] as z.core.$ZodType, input, { locale: resolveLocale(locale) })
  if (!result.success) throw new ValidationError(result.issues)
  return result.data as InputOf<N>
}

/** Checks a parsed body against the contract: an `InvalidResponseError` naming the paths that differ. */
export function checkResponse<N extends ResponseName>(name: N, data: unknown): ResponseOf<N> {
  const result = z.safeParse(RESPONSES[name] as z.core.$ZodType, data)
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), code: i.code }))
    throw new InvalidResponseError(`unexpected fields at ${issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ')}`, issues)
  }
  return result.data as ResponseOf<N>
}

/** An RFC 9457 problem, or undefined when the body is not one. */
export function parseProblem(text: string): Problem | undefined {
  try {
    const result = z.safeParse(ProblemSchema, JSON.parse(text))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}

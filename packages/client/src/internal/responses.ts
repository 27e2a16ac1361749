// Private: the schemas of the server's answers and their check, loaded (`import()`) the first time
// a response is checked (`validateResponses`, on by default). The input checks live in
// inputs.public.ts and inputs.staff.ts, the problem's in problem.ts: a client that checks no
// response never loads these schemas, and a citizen's page never loads the staff inputs' (a
// bundler puts each module in a chunk of its own).
import {
  HeatTableSchema,
  SimilarGroupsSchema,
  BoardSchema,
  BoardStatsSchema,
  BulkActionResultSchema,
  InboxCountsSchema,
  ReplyTemplateSchema,
  MessageSchema,
  PageSchema,
  PublicMessageSchema,
  StaffActionResultSchema,
  SubmissionResultSchema,
  TrackedMessageSchema,
  UnitStatsSchema,
  CreatedWebhookSchema,
  DeliveryAttemptSchema,
  WebhookSchema,
} from '@liuyan/core'
import * as z from 'zod/mini'
import { InvalidResponseError } from '../core/errors.js'

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

export type ResponseName = keyof typeof RESPONSES
export type ResponseOf<N extends ResponseName> = z.output<(typeof RESPONSES)[N]>

/** Checks a parsed body against the contract: an `InvalidResponseError` naming the paths that differ. */
export function checkResponse<N extends ResponseName>(name: N, data: unknown): ResponseOf<N> {
  const result = z.safeParse(RESPONSES[name] as z.core.$ZodType, data)
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), code: i.code }))
    throw new InvalidResponseError(`unexpected fields at ${issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ')}`, issues)
  }
  return result.data as ResponseOf<N>
}

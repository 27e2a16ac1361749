// Private: the schemas of what staff send (inbox filters, actions, links, templates, webhook subscriptions), loaded on
// the first check (validate.ts); a citizen's page never loads them.
import {
  BulkActionSchema,
  DuplicateLinkSchema,
  InboxCountsQuerySchema,
  InboxQuerySchema,
  NewReplyTemplateSchema,
  StaffActionSchema,
  UnitStatsQuerySchema,
  NewWebhookSchema,
  WebhookAttemptsQuerySchema,
  WebhookReplaySchema,
} from '@liuyan/core'
export { checkWith } from './check.js'

export const INPUTS = {
  inboxQuery: InboxQuerySchema,
  unitStatsQuery: UnitStatsQuerySchema,
  staffAction: StaffActionSchema,
  duplicateLink: DuplicateLinkSchema,
  inboxCountsQuery: InboxCountsQuerySchema,
  bulkAction: BulkActionSchema,
  replyTemplate: NewReplyTemplateSchema,
  newWebhook: NewWebhookSchema,
  webhookAttemptsQuery: WebhookAttemptsQuerySchema,
  webhookReplay: WebhookReplaySchema,
}

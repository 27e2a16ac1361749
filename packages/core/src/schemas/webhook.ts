import * as z from 'zod/mini'
import { checked, DateTimeSchema, IdSchema } from './common.js'
import type { TimelineEventType } from './message.js'

/**
 * The events a board emits (docs/architecture.md §7): one for each kind of timeline event, and the
 * deadline events of the escalation. Each change of a message writes its event into the store's
 * outbox in the transaction of the change; webhooks subscribe to a set of them.
 */
export const EVENT_TYPES = [
  'message.submitted',
  'message.accepted',
  'message.rejected',
  'message.assigned',
  'message.transferred',
  'message.started',
  'message.replied',
  'message.extended',
  'message.followed_up',
  'message.evaluated',
  'message.supervised',
  'message.reminded',
  'message.reopened',
  'message.published',
  'message.unpublished',
  'message.redacted',
  'message.code_reissued',
  'message.closed',
  'deadline.approaching',
  'deadline.overdue',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** The event each timeline event is: every action of the lifecycle (`LIFECYCLE`) has one. */
export const TIMELINE_EVENTS: Readonly<Record<TimelineEventType, EventType>> = {
  submit: 'message.submitted',
  accept: 'message.accepted',
  reject: 'message.rejected',
  assign: 'message.assigned',
  transfer: 'message.transferred',
  start: 'message.started',
  reply: 'message.replied',
  extend: 'message.extended',
  close: 'message.closed',
  supervise: 'message.supervised',
  remind: 'message.reminded',
  reopen: 'message.reopened',
  'follow-up': 'message.followed_up',
  evaluate: 'message.evaluated',
  publish: 'message.published',
  unpublish: 'message.unpublished',
  redact: 'message.redacted',
  'reissue-code': 'message.code_reissued',
}

/**
 * Events only private subscriptions receive: they stand for timeline events the public view
 * leaves out (`STAFF_ONLY_EVENT_TYPES`).
 */
export const STAFF_ONLY_EVENTS = ['message.redacted', 'message.code_reissued'] as const satisfies readonly EventType[]

/**
 * Where a subscription delivers: `standard` is a Standard Webhooks endpoint (signed JSON POST);
 * the group robots of DingTalk, WeCom and Feishu and e-mail are further kinds.
 */
export const WEBHOOK_KINDS = ['standard', 'dingtalk', 'wecom', 'feishu', 'email'] as const
export type WebhookKind = (typeof WEBHOOK_KINDS)[number]

/** An absolute http(s) URL, or `mailto:` for e-mail. */
const WebhookUrlSchema = checked(z.string(), z.trim(), z.maxLength(2048), z.regex(/^(https?:\/\/[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s@]+)$/, { error: 'invalid_url' }))

/**
 * A webhook subscription as a staff member asks for it: `POST /webhooks`. It receives the chosen
 * events of messages whose board or assigned unit lies in `boardId`'s subtree (a board of the
 * token's). `private: true` (a supervisor token only) delivers the staff view, with the author's
 * real name, phone and the remark; otherwise payloads are the public view. No payload ever carries
 * a tracking code or a token.
 *
 * @example
 * ```ts
 * { url: 'https://ops.example.gov.cn/liuyan', boardId: '220100-gov', events: ['message.submitted', 'deadline.overdue'] }
 * ```
 */
export const NewWebhookSchema = z.strictObject({
  url: WebhookUrlSchema,
  /** @default 'standard' */
  kind: z.optional(z.enum(WEBHOOK_KINDS)),
  boardId: IdSchema,
  events: checked(z.array(z.enum(EVENT_TYPES)), z.minLength(1), z.maxLength(EVENT_TYPES.length)),
  /** Staff view payloads; supervisor tokens only. @default false */
  private: z.optional(z.boolean()),
  /** A name for the list. */
  description: z.optional(checked(z.string(), z.trim(), z.maxLength(200))),
})
export type NewWebhook = z.infer<typeof NewWebhookSchema>

/** A subscription as the staff API shows it (never its secret, which is shown once). */
export const WebhookSchema = z.object({
  id: IdSchema,
  url: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  boardId: IdSchema,
  events: z.array(z.enum(EVENT_TYPES)),
  private: z.boolean(),
  description: z.optional(z.string()),
  /** The label of the token that created it. */
  createdBy: z.string(),
  createdAt: DateTimeSchema,
})
export type Webhook = z.infer<typeof WebhookSchema>

/**
 * The answer of `POST /webhooks`: the subscription with its signing secret, `whsec_` and the
 * base64 of 32 random bytes (Standard Webhooks). The secret is shown this once.
 */
export const CreatedWebhookSchema = z.object({
  ...WebhookSchema.shape,
  secret: checked(z.string(), z.regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/)),
})
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>

/** The stable id of an event: `evt_`, the message id and the number of its timeline event. */
export const EventIdSchema = checked(z.string(), z.minLength(1), z.maxLength(128))

/** The states of a delivery of one event to one subscription. */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

/**
 * One attempt to deliver an event to a subscription, as recorded: when, how long it took, the
 * receiver's HTTP status if it answered, and why it failed (never a secret).
 */
export const DeliveryAttemptSchema = z.object({
  id: IdSchema,
  webhookId: IdSchema,
  /** The event's stable id, sent as `webhook-id`: receivers deduplicate on it. */
  eventId: EventIdSchema,
  eventType: z.enum(EVENT_TYPES),
  /** 1 for the first attempt of a delivery. */
  attempt: checked(z.int(), z.gte(1)),
  at: DateTimeSchema,
  durationMs: checked(z.number(), z.gte(0)),
  ok: z.boolean(),
  status: z.optional(z.int()),
  error: z.optional(z.string()),
  /** The delivery after this attempt: retried at `nextAt`, delivered, or dead-lettered. */
  state: z.enum(DELIVERY_STATES),
  nextAt: z.optional(DateTimeSchema),
})
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>

/** The body of `POST /webhooks/{id}/replays`: deliver a past event to the subscription again. */
export const WebhookReplaySchema = z.strictObject({ eventId: EventIdSchema })
export type WebhookReplay = z.infer<typeof WebhookReplaySchema>

/** The query of `GET /webhooks/{id}/attempts`: newest first, by keyset. */
export const WebhookAttemptsQuerySchema = z.object({
  /** Page size, 1–100. @default 20 */
  limit: z.optional(checked(z.int(), z.gte(1), z.lte(100))),
  /** The `nextCursor` of the previous page. */
  cursor: z.optional(checked(z.string(), z.minLength(1), z.maxLength(512))),
})
export type WebhookAttemptsQuery = z.input<typeof WebhookAttemptsQuerySchema>

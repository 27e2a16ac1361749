import type { DeliveryAttempt, DeliveryState, EventType, Page, Webhook } from '@liuyan/core'
import { InvalidCursorError } from './types.js'

/**
 * The outbox and the webhook deliveries of a store (docs/architecture.md §7). Every change of a
 * message appends its events with {@link OutboxTransaction.appendEvents} in the transaction of the
 * change, so an event exists if and only if its change committed; the same call queues one
 * delivery per matching subscription. The delivery worker (`service/webhooks.ts`) claims due
 * deliveries under a lease and records each attempt.
 */

/** One event of the outbox. Appending an id that is stored already changes nothing. */
export interface OutboxEvent {
  /** Stable: `evt_<message id>_<timeline number>` for a timeline event. Sent as `webhook-id`. */
  id: string
  type: EventType
  messageId: string
  /** The message's board and assigned unit: a subscription matches when one is in its subtree. */
  boardIds: string[]
  /** ISO instant of the change. */
  occurredAt: string
  /** JSON text of the `data` public subscriptions receive (the public view; never a code or token). */
  payload: string
  /** JSON text of the `data` private subscriptions receive (the staff view; never a code or token). */
  privatePayload: string
  /** Only private subscriptions receive it (events of staff-only timeline events). */
  staffOnly: boolean
}

/** A subscription as stored: the API's view plus its signing secret and the token that made it. */
export interface WebhookRecord extends Webhook {
  /** `whsec_…`: the Standard Webhooks signing secret (also the robots' signing secret). */
  secret: string
  /** Hex SHA-256 of the token that created it. */
  ownerHash: string
}

/** One event to deliver to one subscription. */
export interface DeliveryRecord {
  id: string
  webhookId: string
  eventId: string
  state: DeliveryState
  /** Attempts made so far. */
  attempts: number
  /** When the next attempt is due (pending deliveries). */
  nextAt: string
  /** When it was queued: retries stop a retry period after it. */
  createdAt: string
}

/** A delivery claimed by a worker: it holds the lease until `leaseUntil` or until it records an attempt. */
export interface ClaimedDelivery {
  delivery: DeliveryRecord
  event: OutboxEvent
}

export interface ClaimQuery {
  /** ISO instant: deliveries due at or before it, whose lease (if any) ended before it. */
  now: string
  /** ISO instant the lease lasts until. */
  leaseUntil: string
  /** Who claims (one random id per claim): recording an attempt needs it. */
  lease: string
  limit: number
  /** At most this many deliveries of one subscription per claim. */
  perWebhook: number
  /** Subscriptions to leave alone (the worker's are busy). */
  exclude?: readonly string[]
}

/** An attempt as recorded, with the delivery it belongs to. */
export interface AttemptRecord extends DeliveryAttempt {
  deliveryId: string
}

export interface OutboxReader {
  getEvent(id: string): Promise<OutboxEvent | undefined>
  getWebhook(id: string): Promise<WebhookRecord | undefined>
  /** Every subscription, oldest first (by creation time, then id). They are few: no paging. */
  listWebhooks(): Promise<WebhookRecord[]>
  /** Attempts of a subscription, newest first, by keyset (`cursor` from the previous page). */
  listAttempts(webhookId: string, query: { limit: number; cursor?: string }): Promise<Page<AttemptRecord>>
  /** Deliveries of a subscription (or all) in a state, for status and tests. */
  countDeliveries(filter?: { webhookId?: string; state?: DeliveryState }): Promise<number>
}

export interface OutboxTransaction extends OutboxReader {
  /**
   * Stores events (an id stored already is skipped) and, for each new one, queues a pending
   * delivery, due at once, for every subscription it matches: the event's type is one of the
   * subscription's, one of its `boardIds` is the subscription's board or below it, and a
   * `staffOnly` event only for a private subscription. Call it in the transaction of the change
   * the events record; deadline escalation calls it with its own events.
   */
  appendEvents(events: readonly OutboxEvent[], queuedAt: string): Promise<void>
  putWebhook(webhook: WebhookRecord): Promise<void>
  /** Removes a subscription with its deliveries and attempts; resolves whether there was one. */
  deleteWebhook(id: string): Promise<boolean>
  /** Queues a new pending delivery of a stored event (a replay), due at `at`. */
  queueDelivery(webhookId: string, eventId: string, at: string): Promise<DeliveryRecord>
  /**
   * Claims due pending deliveries, oldest due first (then by id), and leases them: a claimed
   * delivery is claimed again only after `leaseUntil` (its worker crashed). Two claims never get
   * the same delivery while its lease runs.
   */
  claimDeliveries(query: ClaimQuery): Promise<ClaimedDelivery[]>
  /**
   * Records an attempt and moves its delivery to `attempt.state` (due again at `attempt.nextAt`)
   * and ends the lease, if `lease` still holds it; otherwise only records the attempt. Resolves
   * whether the delivery moved.
   */
  recordAttempt(attempt: Omit<AttemptRecord, 'id'>, lease: string): Promise<boolean>
  /**
   * {@link recordAttempt} for many attempts at once (a worker records the results of many
   * deliveries in one transaction); resolves, in order, whether each delivery moved.
   */
  recordAttempts(attempts: readonly LeasedAttempt[]): Promise<boolean[]>
  /**
   * Ends the lease of deliveries claimed under `lease` and never attempted (a worker that stops
   * hands back what it claimed ahead), so any worker may claim them at once; a delivery `lease`
   * no longer holds is left alone. Resolves how many were released.
   */
  releaseDeliveries(ids: readonly string[], lease: string): Promise<number>
}

/** An attempt to record, with the lease its delivery was claimed under. */
export interface LeasedAttempt {
  attempt: Omit<AttemptRecord, 'id'>
  lease: string
}

/** Whether an event goes to a subscription, given the boards at or above each of the event's boards. */
export function matches(webhook: Pick<WebhookRecord, 'events' | 'private' | 'boardId'>, event: OutboxEvent, ancestors: ReadonlySet<string>): boolean {
  return (webhook.events as readonly string[]).includes(event.type) && (!event.staffOnly || webhook.private) && ancestors.has(webhook.boardId)
}

/** Attempts' keyset cursor: the sequence number of the last attempt of a page. */
export function encodeAttemptCursor(seq: number): string {
  return `a${seq.toString(36)}`
}

export function decodeAttemptCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined
  const seq = /^a[0-9a-z]{1,12}$/.test(cursor) ? parseInt(cursor.slice(1), 36) : NaN
  if (!Number.isSafeInteger(seq)) throw new InvalidCursorError('Invalid cursor')
  return seq
}

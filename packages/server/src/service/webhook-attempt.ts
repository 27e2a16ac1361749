// One attempt of one delivery (docs/architecture.md §7): the transport of the subscription's kind
// sends the event, and the result becomes the attempt record and the delivery's next state —
// delivered, due again after a backoff with full jitter, or dead once the retry period is over.
// The delivery worker (`webhooks.ts`) decides when attempts run and records them in batches.
import type { DeliveryState } from '@liuyan/core'
import type { DeliveryResult, NotifyTransport } from '../notify/transport.js'
import type { AttemptRecord, ClaimedDelivery, LeasedAttempt, WebhookRecord } from '../store/outbox-types.js'

/** A claimed delivery as a worker holds it: with its subscription (as read at the claim) and lease. */
export interface HeldDelivery {
  claimed: ClaimedDelivery
  /** Undefined: the subscription was removed before the claim read it. */
  webhook: WebhookRecord | undefined
  lease: string
  /** Epoch ms the lease lasts until: after it another worker may claim the delivery. */
  leaseUntilMs: number
}

export interface AttemptLogEntry {
  webhookId: string
  eventId: string
  attempt: number
  ok: boolean
  status?: number | undefined
  error?: string | undefined
  durationMs: number
  state: DeliveryState
}

/** The retry schedule: full-jitter exponential backoff, for `retryForMs` after a delivery was queued. */
export interface RetrySchedule {
  baseDelayMs: number
  maxDelayMs: number
  retryForMs: number
  /** In [0, 1). */
  random: () => number
}

/** The wait before attempt `attempt + 1`: uniform in [0, min(max, base · 2^(attempt−1))). */
export function backoff(schedule: RetrySchedule, attempt: number): number {
  const ceiling = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.min(attempt - 1, 40))
  return Math.floor(schedule.random() * ceiling)
}

/** What an attempt leaves: the record to store (none for a removed subscription) and the log line. */
export interface AttemptOutcome {
  record: LeasedAttempt | undefined
  entry: AttemptLogEntry
}

export interface AttemptContext {
  transports: ReadonlyMap<string, NotifyTransport>
  schedule: RetrySchedule
  timeoutMs: number
  /** Aborted when the worker stops: the attempt is cut short and due again at once. */
  stopping: AbortSignal
  /** The attempts in flight, which a stop aborts (one listener on `stopping` for all of them). */
  attempts: Set<AbortController>
}

/**
 * Makes one attempt of `held` at `at` (the schedule's clock). Never rejects: a transport that
 * throws counts as a failure worth retrying.
 */
export async function attemptDelivery(held: HeldDelivery, at: Date, context: AttemptContext): Promise<AttemptOutcome> {
  const { delivery, event } = held.claimed
  const webhook = held.webhook
  const transport = webhook && context.transports.get(webhook.kind)
  const started = performance.now()
  let result: DeliveryResult
  if (!webhook) {
    result = { ok: false, error: 'subscription removed', retryable: false }
  } else if (!transport) {
    // A kind this server cannot deliver (yet): kept for a server that can, while the retries last.
    result = { ok: false, error: `no transport for kind ${webhook.kind}`, retryable: true }
  } else if (event.staffOnly && !webhook.private) {
    result = { ok: false, error: 'event only for private subscriptions', retryable: false }
  } else {
    const data = JSON.parse(webhook.private ? event.privatePayload : event.payload) as Record<string, unknown>
    // One controller per attempt, ended by the timeout or the worker's stop, its timer cleared after.
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new DOMException('The attempt timed out', 'TimeoutError')), context.timeoutMs)
    if (context.stopping.aborted) controller.abort(context.stopping.reason)
    else context.attempts.add(controller)
    try {
      result = await transport.send({ url: webhook.url, secret: webhook.secret }, { id: event.id, type: event.type, timestamp: event.occurredAt, data }, controller.signal)
    } catch {
      result = { ok: false, error: context.stopping.aborted ? 'aborted' : 'transport failed', retryable: true }
    } finally {
      clearTimeout(timer)
      context.attempts.delete(controller)
    }
  }
  const durationMs = Math.round((performance.now() - started) * 10) / 10
  const attempt = delivery.attempts + 1
  let state: DeliveryState = 'delivered'
  let nextAt: string | undefined
  if (!result.ok) {
    const expired = at.getTime() - Date.parse(delivery.createdAt) >= context.schedule.retryForMs
    state = result.retryable && !expired ? 'pending' : 'dead'
    // Cut short by a stop: due again at once, for the next worker.
    if (state === 'pending') nextAt = new Date(at.getTime() + (context.stopping.aborted ? 0 : backoff(context.schedule, attempt))).toISOString()
  }
  const record: Omit<AttemptRecord, 'id'> = {
    deliveryId: delivery.id, webhookId: delivery.webhookId, eventId: event.id, eventType: event.type, attempt,
    at: at.toISOString(), durationMs, ok: result.ok, state,
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(nextAt ? { nextAt } : {}),
  }
  return {
    // A subscription removed keeps no log; its deliveries went with it.
    record: webhook ? { attempt: record, lease: held.lease } : undefined,
    entry: { webhookId: delivery.webhookId, eventId: event.id, attempt, ok: result.ok, status: result.status, error: result.error, durationMs, state },
  }
}

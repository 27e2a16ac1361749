// The webhook delivery worker (docs/architecture.md §7): claims due deliveries under a lease,
// sends each through the transport of its subscription's kind, records every attempt, retries
// with exponential backoff and full jitter for at least a day, then dead-letters. It runs beside
// request handling, never inside it: a slow or dead receiver costs a request nothing.
import { createId, type DeliveryState } from '@liuyan/core'
import { createTransports } from '../notify/registry.js'
import type { NotifyTransport } from '../notify/transport.js'
import type { ClaimedDelivery, WebhookRecord } from '../store/outbox-types.js'
import type { Store } from '../store/types.js'

/** Options of {@link createWebhookWorker}. */
export interface WebhookWorkerOptions {
  store: Store
  /** Transports by subscription kind. @default createTransports() */
  transports?: ReadonlyMap<string, NotifyTransport>
  /** The clock of the schedule (due times, backoff, the retry period). @default () => new Date() */
  now?: () => Date
  /** Jitter's source, in [0, 1). @default Math.random */
  random?: () => number
  /** Longest wait for a receiver's answer, per attempt. @default 10_000 */
  timeoutMs?: number
  /** Attempts in flight at once. @default 16 */
  concurrency?: number
  /** Attempts in flight at once for one subscription, so one receiver cannot take every slot. @default 4 */
  perWebhook?: number
  /** How long a claim holds a delivery; a crashed worker's deliveries are taken again after it. @default 2 · timeoutMs + 5 s */
  leaseMs?: number
  /** First retry delay's ceiling; each further attempt doubles it. @default 5_000 */
  baseDelayMs?: number
  /** Largest retry delay's ceiling. @default 3_600_000 (1 hour) */
  maxDelayMs?: number
  /** Retries stop once a delivery is this old: the next failure dead-letters it. @default 86_400_000 (24 hours) */
  retryForMs?: number
  /** How often the loop looks for due deliveries when there were none. @default 1_000 */
  pollMs?: number
  /** Each attempt, for the operator's log (no URL, no secret, no payload). */
  log?: (entry: AttemptLogEntry) => void
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

/** What one {@link WebhookWorker.runOnce} did. */
export interface RunSummary {
  attempted: number
  delivered: number
  retried: number
  dead: number
}

export class WebhookWorker {
  readonly #store: Store
  readonly #transports: ReadonlyMap<string, NotifyTransport>
  readonly #now: () => Date
  readonly #random: () => number
  readonly #timeoutMs: number
  readonly #concurrency: number
  readonly #perWebhook: number
  readonly #leaseMs: number
  readonly #baseDelayMs: number
  readonly #maxDelayMs: number
  readonly #retryForMs: number
  readonly #pollMs: number
  /** Free slots worth a claim before the next poll. */
  readonly #batch: number
  readonly #log: ((entry: AttemptLogEntry) => void) | undefined
  /** Attempts in flight, by subscription. */
  readonly #inflight = new Map<Promise<unknown>, string>()
  readonly #stopping = new AbortController()
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined

  constructor(options: WebhookWorkerOptions) {
    this.#store = options.store
    this.#transports = options.transports ?? createTransports()
    this.#now = options.now ?? (() => new Date())
    this.#random = options.random ?? Math.random
    this.#timeoutMs = options.timeoutMs ?? 10_000
    this.#concurrency = Math.max(1, options.concurrency ?? 16)
    this.#perWebhook = Math.max(1, options.perWebhook ?? 4)
    this.#leaseMs = options.leaseMs ?? 2 * this.#timeoutMs + 5_000
    this.#baseDelayMs = options.baseDelayMs ?? 5_000
    this.#maxDelayMs = options.maxDelayMs ?? 3_600_000
    this.#retryForMs = options.retryForMs ?? 86_400_000
    this.#pollMs = options.pollMs ?? 1_000
    this.#batch = Math.max(1, Math.ceil(this.#concurrency / 4))
    this.#log = options.log
  }

  /**
   * Claims every delivery due at `now` (up to the concurrency, at most `perWebhook` of one
   * subscription) and attempts them, `concurrency` at a time; resolves when each is recorded. For
   * tests and one-shot runs; {@link start} runs the same steps without waiting for a whole batch.
   */
  async runOnce(now: Date = this.#now(), limit = this.#concurrency): Promise<RunSummary> {
    const summary: RunSummary = { attempted: 0, delivered: 0, retried: 0, dead: 0 }
    const { claimed, webhooks, lease } = await this.#claim(now, limit, [])
    let next = 0
    const lane = async () => {
      while (next < claimed.length) {
        const state = await this.#attempt(claimed[next++]!, webhooks, lease, now)
        summary.attempted++
        if (state === 'delivered') summary.delivered++
        else if (state === 'dead') summary.dead++
        else summary.retried++
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, claimed.length) }, lane))
    return summary
  }

  /** Starts delivering in the background until {@link stop}. */
  start(): void {
    this.#loop ??= this.#run()
  }

  /** Looks for due deliveries now instead of at the next poll (after a change was committed). */
  wake(): void {
    this.#wake?.()
  }

  /** Stops the loop; attempts in flight are cut short, recorded as failed and retried at once. */
  async stop(): Promise<void> {
    this.#stopping.abort(new Error('The webhook worker stopped'))
    this.#wake?.()
    await this.#loop
  }

  async #run(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      const free = this.#concurrency - this.#inflight.size
      let claimed = 0
      if (free > 0) {
        try {
          const counts = new Map<string, number>()
          for (const id of this.#inflight.values()) counts.set(id, (counts.get(id) ?? 0) + 1)
          const busy = [...counts].filter(([, n]) => n >= this.#perWebhook).map(([id]) => id)
          const batch = await this.#claim(undefined, free, busy)
          claimed = batch.claimed.length
          for (const item of batch.claimed) {
            const attempt: Promise<unknown> = this.#attempt(item, batch.webhooks, batch.lease, batch.now)
              .catch(() => {})
              .finally(() => {
                this.#inflight.delete(attempt)
                // Claims are worth a transaction once a few slots are free (or the last one ended).
                if (this.#concurrency - this.#inflight.size >= this.#batch || this.#inflight.size === 0) this.#wake?.()
              })
            this.#inflight.set(attempt, item.delivery.webhookId)
          }
        } catch {
          // The store is away for the moment (a networked database): try again at the next poll.
        }
      }
      // More may be due when the claim was full; otherwise wait for a free slot or the next poll.
      if (free > 0 && claimed === free) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#wake = undefined
    }
    await Promise.allSettled([...this.#inflight.keys()])
  }

  async #claim(at: Date | undefined, limit: number, exclude: readonly string[]) {
    const lease = createId()
    return this.#store.transaction(async (tx) => {
      // The lease runs from when the claim runs, not from when it was queued behind other writes.
      const now = at ?? this.#now()
      const claimed = await tx.outbox.claimDeliveries({
        now: now.toISOString(), leaseUntil: new Date(now.getTime() + this.#leaseMs).toISOString(), lease, limit, perWebhook: this.#perWebhook, exclude,
      })
      const webhooks = new Map<string, WebhookRecord | undefined>()
      for (const { delivery } of claimed) if (!webhooks.has(delivery.webhookId)) webhooks.set(delivery.webhookId, await tx.outbox.getWebhook(delivery.webhookId))
      return { claimed, webhooks, lease, now }
    })
  }

  /** One attempt of a claimed delivery, recorded; resolves the delivery's state after it. */
  async #attempt({ delivery, event }: ClaimedDelivery, webhooks: Map<string, WebhookRecord | undefined>, lease: string, now: Date): Promise<DeliveryState> {
    const webhook = webhooks.get(delivery.webhookId)
    const transport = webhook && this.#transports.get(webhook.kind)
    const started = performance.now()
    let result
    if (!webhook) {
      result = { ok: false, error: 'subscription removed', retryable: false }
    } else if (!transport) {
      // A kind this server cannot deliver (yet): kept for a server that can, while the retries last.
      result = { ok: false, error: `no transport for kind ${webhook.kind}`, retryable: true }
    } else if (event.staffOnly && !webhook.private) {
      result = { ok: false, error: 'event only for private subscriptions', retryable: false }
    } else {
      const data = JSON.parse(webhook.private ? event.privatePayload : event.payload) as Record<string, unknown>
      const signal = AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#stopping.signal])
      result = await transport.send({ url: webhook.url, secret: webhook.secret }, { id: event.id, type: event.type, timestamp: event.occurredAt, data }, signal)
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10
    const attempt = delivery.attempts + 1
    let state: DeliveryState = 'delivered'
    let nextAt: string | undefined
    if (!result.ok) {
      const expired = now.getTime() - Date.parse(delivery.createdAt) >= this.#retryForMs
      state = result.retryable && !expired ? 'pending' : 'dead'
      if (state === 'pending') nextAt = new Date(now.getTime() + (this.#stopping.signal.aborted ? 0 : this.backoff(attempt))).toISOString()
    }
    const record = {
      deliveryId: delivery.id, webhookId: delivery.webhookId, eventId: event.id, eventType: event.type, attempt,
      at: now.toISOString(), durationMs, ok: result.ok, state,
      ...(result.status !== undefined ? { status: result.status } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}),
      ...(nextAt ? { nextAt } : {}),
    }
    if (webhook) await this.#store.transaction((tx) => tx.outbox.recordAttempt(record, lease))
    this.#log?.({ webhookId: delivery.webhookId, eventId: event.id, attempt, ok: result.ok, status: result.status, error: result.error, durationMs, state })
    return state
  }

  /** The wait before attempt `attempt + 1`: full jitter, uniform in [0, min(max, base · 2^(attempt−1))). */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** Math.min(attempt - 1, 40))
    return Math.floor(this.#random() * ceiling)
  }
}

/** Creates a {@link WebhookWorker}. */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  return new WebhookWorker(options)
}

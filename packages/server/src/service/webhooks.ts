// The webhook delivery worker (docs/architecture.md §7): claims due deliveries under a lease, a
// little ahead of the free slots, sends each through the transport of its subscription's kind
// (`webhook-attempt.ts`), and records the attempts in batches, one transaction for the results
// that came in while the previous one ran (and the next claim with them). Retries back off with
// full jitter for at least a day, then dead-letter. It runs beside request handling, never inside
// it: a slow or dead receiver costs a request nothing, and holds at most `perWebhook` slots.
import { createId } from '@liuyan/core'
import { createTransports } from '../notify/registry.js'
import type { NotifyTransport } from '../notify/transport.js'
import type { LeasedAttempt, OutboxTransaction, WebhookRecord } from '../store/outbox-types.js'
import type { Store } from '../store/types.js'
import { attemptDelivery, backoff, type AttemptContext, type AttemptLogEntry, type HeldDelivery } from './webhook-attempt.js'

export type { AttemptLogEntry } from './webhook-attempt.js'

/** Options of {@link createWebhookWorker}. */
export interface WebhookWorkerOptions {
  store: Store
  /** Transports by subscription kind. @default createTransports() */
  transports?: ReadonlyMap<string, NotifyTransport>
  /** The clock of the schedule (due times, backoff, the retry period, leases). @default () => new Date() */
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
  /**
   * How long {@link WebhookWorker.stop} waits for each of its steps (the attempts it cut short,
   * the transaction recording them and handing back what was claimed ahead). What it gives up on
   * is delivered again once its lease ends. @default 5_000
   */
  stopWaitMs?: number
  /** Each attempt, for the operator's log (no URL, no secret, no payload). */
  log?: (entry: AttemptLogEntry) => void
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
  readonly #now: () => Date
  readonly #context: AttemptContext
  readonly #concurrency: number
  readonly #perWebhook: number
  readonly #leaseMs: number
  /** Lease an attempt needs left to start: it must end (and be recorded) before the lease does. */
  readonly #leaseNeededMs: number
  readonly #pollMs: number
  readonly #stopWaitMs: number
  /** Results, or free places, worth a transaction of their own: half the concurrency. */
  readonly #batch: number
  readonly #log: ((entry: AttemptLogEntry) => void) | undefined
  readonly #stopping = new AbortController()
  /** Claimed, not yet attempted, oldest due first. */
  #ready: HeldDelivery[] = []
  /** Claimed but too close to the end of their lease to attempt: handed back at the next transaction. */
  #stale: HeldDelivery[] = []
  /** Results to record at the next transaction. */
  #results: LeasedAttempt[] = []
  /** Deliveries held (ready or in flight) and attempts in flight, by subscription. */
  readonly #held = new Map<string, number>()
  readonly #busy = new Map<string, number>()
  readonly #inflight = new Set<Promise<void>>()
  #loop: Promise<void> | undefined
  /** A wake-up that came while the loop was not waiting: its next wait returns at once. */
  #woken = false
  /** The last claim got fewer than it asked for: the next waits for the poll or {@link wake}. */
  #exhausted = false
  #waiter: (() => void) | undefined

  constructor(options: WebhookWorkerOptions) {
    this.#store = options.store
    this.#now = options.now ?? (() => new Date())
    const timeoutMs = options.timeoutMs ?? 10_000
    this.#context = {
      transports: options.transports ?? createTransports(),
      timeoutMs,
      stopping: this.#stopping.signal,
      attempts: new Set(),
      schedule: {
        random: options.random ?? Math.random,
        baseDelayMs: options.baseDelayMs ?? 5_000,
        maxDelayMs: options.maxDelayMs ?? 3_600_000,
        retryForMs: options.retryForMs ?? 86_400_000,
      },
    }
    this.#concurrency = Math.max(1, options.concurrency ?? 16)
    this.#perWebhook = Math.max(1, options.perWebhook ?? 4)
    this.#leaseMs = options.leaseMs ?? 2 * timeoutMs + 5_000
    this.#leaseNeededMs = Math.min(timeoutMs + 1_000, this.#leaseMs / 2)
    this.#pollMs = options.pollMs ?? 1_000
    this.#stopWaitMs = options.stopWaitMs ?? 5_000
    this.#batch = Math.max(1, Math.ceil(this.#concurrency / 2))
    this.#log = options.log
    const attempts = this.#context.attempts
    this.#stopping.signal.addEventListener('abort', () => {
      for (const controller of attempts) controller.abort(this.#stopping.signal.reason)
    }, { once: true })
  }

  /**
   * Claims every delivery due at `now` (up to `limit`, at most `perWebhook` of one subscription),
   * attempts them, `concurrency` at a time, and records them in one transaction. For tests and
   * one-shot runs; {@link start} runs the same steps continuously.
   */
  async runOnce(now: Date = this.#now(), limit = this.#concurrency): Promise<RunSummary> {
    const summary: RunSummary = { attempted: 0, delivered: 0, retried: 0, dead: 0 }
    const claimed = await this.#store.transaction((tx) => this.#claim(tx.outbox, now, limit, []))
    const records: LeasedAttempt[] = []
    let next = 0
    const lane = async () => {
      while (next < claimed.length) {
        const { record, entry } = await attemptDelivery(claimed[next++]!, now, this.#context)
        if (record) records.push(record)
        this.#log?.(entry)
        summary.attempted++
        if (entry.state === 'delivered') summary.delivered++
        else if (entry.state === 'dead') summary.dead++
        else summary.retried++
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, claimed.length) }, lane))
    if (records.length > 0) await this.#store.transaction((tx) => tx.outbox.recordAttempts(records))
    return summary
  }

  /** Starts delivering in the background until {@link stop}. */
  start(): void {
    if (this.#stopping.signal.aborted) return
    this.#loop ??= this.#run()
  }

  /** Looks for due deliveries now instead of at the next poll (after a change was committed). */
  wake(): void {
    this.#exhausted = false
    this.#signal()
  }

  /**
   * Stops: attempts in flight are cut short and recorded as failed, due again at once; deliveries
   * claimed ahead are handed back. Settles even if a receiver or the store does not answer (each
   * wait is bounded by `stopWaitMs`; what it gives up on is delivered again after its lease).
   */
  async stop(): Promise<void> {
    this.#stopping.abort(new Error('The webhook worker stopped'))
    this.#signal()
    if (this.#loop) await settleWithin([this.#loop], 3 * this.#stopWaitMs)
  }

  /** The wait before attempt `attempt + 1`: full jitter, uniform in [0, min(max, base · 2^(attempt−1))). */
  backoff(attempt: number): number {
    return backoff(this.#context.schedule, attempt)
  }

  async #run(): Promise<void> {
    const stopping = this.#stopping.signal
    let lingered = false
    while (!stopping.aborted) {
      this.#woken = false
      this.#dispatch()
      const room = this.#room()
      const claim = this.#claimWanted(room) ? room : 0
      if (claim === 0 && !this.#flushWanted(lingered)) {
        if (this.#results.length > 0) {
          // A few results: wait a little for more to share the transaction (a commit is an fsync).
          await this.#sleep(LINGER_MS)
          lingered = true
        } else {
          await this.#sleep(this.#pollMs)
          this.#exhausted = false
        }
        continue
      }
      lingered = false
      const results = this.#results.splice(0)
      const stale = this.#stale.splice(0)
      try {
        const held = await this.#store.transaction(async (tx) => {
          if (results.length > 0) await tx.outbox.recordAttempts(results)
          await release(tx.outbox, stale)
          return claim > 0 ? this.#claim(tx.outbox, undefined, claim, this.#full()) : []
        })
        for (const item of held) this.#hold(item)
        // Fewer than asked: nothing more is due but for the subscriptions left out. Look again at
        // the next poll or wake-up, or once one of those frees a place.
        if (held.length < claim) this.#exhausted = true
      } catch {
        // The store is away for the moment (a networked database): keep the results and try
        // again at the next poll; leases that end meanwhile let another worker take over.
        this.#results.unshift(...results)
        this.#stale.unshift(...stale)
        await this.#sleep(this.#pollMs)
      }
    }
    await this.#drain()
  }

  /** Places for claims: up to `concurrency` deliveries wait beside those in flight (claim ahead). */
  #room(): number {
    return 2 * this.#concurrency - this.#ready.length - this.#inflight.size
  }

  /** A claim is worth a transaction when half the places are free, or slots idle with nothing ready. */
  #claimWanted(room: number): boolean {
    if (room <= 0 || this.#exhausted) return false
    return room >= this.#batch || (this.#ready.length === 0 && this.#inflight.size < this.#concurrency)
  }

  /** Results are worth a transaction when there are many, none are coming soon, or they waited. */
  #flushWanted(lingered: boolean): boolean {
    if (this.#stale.length > 0 || this.#results.length >= this.#batch) return true
    return this.#results.length > 0 && (lingered || this.#inflight.size === 0)
  }

  /** After the loop: waits (bounded) for the attempts it cut short, records them, hands back the rest. */
  async #drain(): Promise<void> {
    await settleWithin([...this.#inflight], this.#stopWaitMs)
    const results = this.#results.splice(0)
    const unattempted = [...this.#ready.splice(0), ...this.#stale.splice(0)]
    if (results.length === 0 && unattempted.length === 0) return
    const recorded = this.#store.transaction(async (tx) => {
      if (results.length > 0) await tx.outbox.recordAttempts(results)
      await release(tx.outbox, unattempted)
    })
    // A store that fails or is away: the leases end and another worker delivers.
    await settleWithin([recorded.catch(() => {})], this.#stopWaitMs)
  }

  /** Starts the attempts that have a free slot, oldest first; hands back claims whose lease is nearly over. */
  #dispatch(): void {
    if (this.#stopping.signal.aborted) return
    const nowMs = this.#now().getTime()
    const waiting: HeldDelivery[] = []
    for (const held of this.#ready) {
      const webhookId = held.claimed.delivery.webhookId
      if (held.leaseUntilMs - nowMs < this.#leaseNeededMs) {
        this.#stale.push(held)
        this.#unhold(webhookId)
      } else if (this.#inflight.size < this.#concurrency && (this.#busy.get(webhookId) ?? 0) < this.#perWebhook) {
        this.#begin(held)
      } else {
        waiting.push(held)
      }
    }
    this.#ready = waiting
  }

  #begin(held: HeldDelivery): void {
    const webhookId = held.claimed.delivery.webhookId
    this.#busy.set(webhookId, (this.#busy.get(webhookId) ?? 0) + 1)
    const attempt: Promise<void> = attemptDelivery(held, this.#now(), this.#context)
      .then(({ record, entry }) => {
        if (record) this.#results.push(record)
        this.#log?.(entry)
      })
      .catch(() => {})
      .finally(() => {
        this.#inflight.delete(attempt)
        const busy = this.#busy.get(webhookId)! - 1
        if (busy === 0) this.#busy.delete(webhookId)
        else this.#busy.set(webhookId, busy)
        this.#unhold(webhookId)
        this.#dispatch()
        if (this.#claimWanted(this.#room()) || this.#flushWanted(false)) this.#signal()
      })
    this.#inflight.add(attempt)
  }

  #hold(held: HeldDelivery): void {
    const webhookId = held.claimed.delivery.webhookId
    this.#held.set(webhookId, (this.#held.get(webhookId) ?? 0) + 1)
    this.#ready.push(held)
  }

  #unhold(webhookId: string): void {
    const held = this.#held.get(webhookId)! - 1
    if (held === 0) this.#held.delete(webhookId)
    else this.#held.set(webhookId, held)
    // A subscription the claims left out (it was full) has room again: its deliveries may be due.
    if (held === this.#perWebhook - 1) this.#exhausted = false
  }

  /** Subscriptions holding `perWebhook` deliveries already: the next claim leaves them alone. */
  #full(): string[] {
    return [...this.#held].filter(([, n]) => n >= this.#perWebhook).map(([id]) => id)
  }

  async #claim(outbox: OutboxTransaction, at: Date | undefined, limit: number, exclude: readonly string[]): Promise<HeldDelivery[]> {
    const lease = createId()
    // The lease runs from when the claim runs, not from when it was queued behind other writes.
    const now = at ?? this.#now()
    const leaseUntilMs = now.getTime() + this.#leaseMs
    const claimed = await outbox.claimDeliveries({
      now: now.toISOString(), leaseUntil: new Date(leaseUntilMs).toISOString(), lease, limit, perWebhook: this.#perWebhook, exclude,
    })
    const webhooks = new Map<string, WebhookRecord | undefined>()
    for (const { delivery } of claimed) if (!webhooks.has(delivery.webhookId)) webhooks.set(delivery.webhookId, await outbox.getWebhook(delivery.webhookId))
    return claimed.map((item) => ({ claimed: item, webhook: webhooks.get(item.delivery.webhookId), lease, leaseUntilMs }))
  }

  /** Ends the loop's wait, or its next one if it is not waiting. */
  #signal(): void {
    if (this.#waiter) this.#waiter()
    else this.#woken = true
  }

  /** Waits `ms`, or less: until {@link wake}, a stop, or at once if a wake-up came since the loop looked. */
  #sleep(ms: number): Promise<void> {
    const stopping = this.#stopping.signal
    if (this.#woken || stopping.aborted) {
      this.#woken = false
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        stopping.removeEventListener('abort', done)
        this.#waiter = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      stopping.addEventListener('abort', done, { once: true })
      this.#waiter = done
    })
  }
}

/** Longest wait for more results before recording those there are. */
const LINGER_MS = 10

/** Hands back claims never attempted, per lease. */
async function release(outbox: OutboxTransaction, held: readonly HeldDelivery[]): Promise<void> {
  const byLease = new Map<string, string[]>()
  for (const item of held) byLease.set(item.lease, [...(byLease.get(item.lease) ?? []), item.claimed.delivery.id])
  for (const [lease, ids] of byLease) await outbox.releaseDeliveries(ids, lease)
}

/** Resolves once every promise settled, or after `ms`, whichever comes first; leaves no timer behind. */
async function settleWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([Promise.allSettled(promises), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

/** Creates a {@link WebhookWorker}. */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  return new WebhookWorker(options)
}

// The outbox of the memory store: events, subscriptions, deliveries and attempts, staged with the
// transaction like the store's other collections (see outbox-types.ts).
import type { Board, DeliveryState, Page } from '@liuyan/core'
import { Staged, type Table } from './memory-staged.js'
import { attemptPage } from './outbox-rows.js'
import {
  decodeAttemptCursor,
  matches,
  type AttemptRecord,
  type ClaimedDelivery,
  type ClaimQuery,
  type DeliveryRecord,
  type LeasedAttempt,
  type OutboxEvent,
  type OutboxTransaction,
  type WebhookRecord,
} from './outbox-types.js'
import { compareIds, instant } from './shared.js'

interface DeliveryRow extends DeliveryRecord {
  seq: number
  lease?: string | undefined
  leaseMs?: number | undefined
}

interface AttemptRow extends AttemptRecord {
  seq: number
}

/** The outbox's collections as a reader sees them. */
export interface OutboxTables {
  events: Table<OutboxEvent>
  webhooks: Table<WebhookRecord>
  deliveries: Table<DeliveryRow>
  attempts: Table<AttemptRow>
}

type Writable<V> = Table<V> & { set(key: string, value: V): void; delete(key: string): void }

/** The committed outbox and its counters (never reused, even by a rolled-back transaction). */
export class CommittedOutbox implements OutboxTables {
  readonly events = new Map<string, OutboxEvent>()
  readonly webhooks = new Map<string, WebhookRecord>()
  readonly deliveries = new Map<string, DeliveryRow>()
  readonly attempts = new Map<string, AttemptRow>()
  seq = 0

  /** A transaction's view: its writes apply on `commit()`. */
  stage(): OutboxTables & { commit(): void } {
    const staged = {
      events: new Staged(this.events),
      webhooks: new Staged(this.webhooks),
      deliveries: new Staged(this.deliveries),
      attempts: new Staged(this.attempts),
    }
    return { ...staged, commit: () => Object.values(staged).forEach((table) => table.commit()) }
  }
}

/** The outbox of a reader (committed rows) or of a transaction (staged rows, `writable`). */
export class MemoryOutbox implements OutboxTransaction {
  readonly #tables: OutboxTables
  readonly #boards: Table<Board>
  readonly #check: () => void
  readonly #nextSeq: () => number

  constructor(tables: OutboxTables, boards: Table<Board>, check: () => void, nextSeq: () => number) {
    this.#tables = tables
    this.#boards = boards
    this.#check = check
    this.#nextSeq = nextSeq
  }

  async getEvent(id: string): Promise<OutboxEvent | undefined> {
    this.#check()
    return copy(this.#tables.events.get(id))
  }

  async getWebhook(id: string): Promise<WebhookRecord | undefined> {
    this.#check()
    return copy(this.#tables.webhooks.get(id))
  }

  async listWebhooks(): Promise<WebhookRecord[]> {
    this.#check()
    return [...this.#tables.webhooks.values()]
      .sort((a, b) => instant(a.createdAt, 'createdAt') - instant(b.createdAt, 'createdAt') || compareIds(a.id, b.id))
      .map((w) => structuredClone(w))
  }

  async listAttempts(webhookId: string, query: { limit: number; cursor?: string }): Promise<Page<AttemptRecord>> {
    this.#check()
    const before = decodeAttemptCursor(query.cursor) ?? Infinity
    const rows = [...this.#tables.attempts.values()].filter((a) => a.webhookId === webhookId && a.seq < before).sort((a, b) => b.seq - a.seq)
    return attemptPage(rows, query.limit, ({ seq: _seq, ...attempt }) => structuredClone(attempt))
  }

  async countDeliveries(filter: { webhookId?: string; state?: DeliveryState } = {}): Promise<number> {
    this.#check()
    let count = 0
    for (const d of this.#tables.deliveries.values()) {
      if ((filter.webhookId === undefined || d.webhookId === filter.webhookId) && (filter.state === undefined || d.state === filter.state)) count++
    }
    return count
  }

  async appendEvents(events: readonly OutboxEvent[], queuedAt: string): Promise<void> {
    const tables = this.#writable()
    const webhooks = [...tables.webhooks.values()]
    for (const event of events) {
      if (tables.events.get(event.id)) continue
      instant(event.occurredAt, 'occurredAt')
      tables.events.set(event.id, structuredClone(event))
      const ancestors = this.#ancestors(event.boardIds)
      for (const webhook of webhooks) if (matches(webhook, event, ancestors)) this.#queue(webhook.id, event.id, queuedAt)
    }
  }

  async putWebhook(webhook: WebhookRecord): Promise<void> {
    this.#writable().webhooks.set(webhook.id, structuredClone(webhook))
  }

  async deleteWebhook(id: string): Promise<boolean> {
    const tables = this.#writable()
    if (!tables.webhooks.get(id)) return false
    tables.webhooks.delete(id)
    for (const d of [...tables.deliveries.values()]) if (d.webhookId === id) tables.deliveries.delete(d.id)
    for (const a of [...tables.attempts.values()]) if (a.webhookId === id) tables.attempts.delete(String(a.seq))
    return true
  }

  async queueDelivery(webhookId: string, eventId: string, at: string): Promise<DeliveryRecord> {
    this.#writable()
    if (!this.#tables.webhooks.get(webhookId)) throw new Error(`There is no webhook ${webhookId}`)
    if (!this.#tables.events.get(eventId)) throw new Error(`There is no event ${eventId}`)
    return recordOf(this.#queue(webhookId, eventId, at))
  }

  async claimDeliveries(query: ClaimQuery): Promise<ClaimedDelivery[]> {
    const tables = this.#writable()
    const nowMs = instant(query.now, 'now')
    const exclude = new Set(query.exclude)
    const due = [...tables.deliveries.values()]
      .filter((d) => d.state === 'pending' && instant(d.nextAt, 'nextAt') <= nowMs && (d.leaseMs === undefined || d.leaseMs <= nowMs) && !exclude.has(d.webhookId))
      .sort((a, b) => instant(a.nextAt, 'nextAt') - instant(b.nextAt, 'nextAt') || a.seq - b.seq)
    const perWebhook = new Map<string, number>()
    const claimed: ClaimedDelivery[] = []
    const leaseMs = instant(query.leaseUntil, 'leaseUntil')
    for (const row of due) {
      if (claimed.length >= query.limit) break
      const taken = perWebhook.get(row.webhookId) ?? 0
      if (taken >= query.perWebhook) continue
      perWebhook.set(row.webhookId, taken + 1)
      tables.deliveries.set(row.id, { ...row, lease: query.lease, leaseMs })
      claimed.push({ delivery: recordOf(row), event: structuredClone(tables.events.get(row.eventId)!) })
    }
    return claimed
  }

  async recordAttempt(attempt: Omit<AttemptRecord, 'id'>, lease: string): Promise<boolean> {
    const tables = this.#writable()
    // A subscription removed while its attempt ran keeps no log.
    if (!tables.webhooks.get(attempt.webhookId)) return false
    const seq = this.#nextSeq()
    tables.attempts.set(String(seq), { ...structuredClone(attempt), id: String(seq), seq })
    const row = tables.deliveries.get(attempt.deliveryId)
    if (!row || row.lease !== lease) return false
    tables.deliveries.set(row.id, {
      ...row,
      state: attempt.state,
      attempts: Math.max(row.attempts, attempt.attempt),
      nextAt: attempt.nextAt ?? row.nextAt,
      lease: undefined,
      leaseMs: undefined,
    })
    return true
  }

  async recordAttempts(attempts: readonly LeasedAttempt[]): Promise<boolean[]> {
    const moved: boolean[] = []
    for (const { attempt, lease } of attempts) moved.push(await this.recordAttempt(attempt, lease))
    return moved
  }

  async releaseDeliveries(ids: readonly string[], lease: string): Promise<number> {
    const tables = this.#writable()
    let released = 0
    for (const id of ids) {
      const row = tables.deliveries.get(id)
      if (!row || row.lease !== lease || row.state !== 'pending') continue
      tables.deliveries.set(id, { ...row, lease: undefined, leaseMs: undefined })
      released++
    }
    return released
  }

  #queue(webhookId: string, eventId: string, at: string): DeliveryRow {
    const seq = this.#nextSeq()
    const row: DeliveryRow = { id: String(seq), seq, webhookId, eventId, state: 'pending', attempts: 0, nextAt: at, createdAt: at }
    this.#writable().deliveries.set(row.id, row)
    return row
  }

  /** The boards at or above each of `boardIds` (a board the store does not hold stands for itself). */
  #ancestors(boardIds: readonly string[]): Set<string> {
    const out = new Set<string>()
    for (const id of boardIds) {
      for (let at: string | undefined = id; at !== undefined && !out.has(at); at = this.#boards.get(at)?.parentId ?? undefined) out.add(at)
    }
    return out
  }

  #writable(): { [K in keyof OutboxTables]: Writable<OutboxTables[K] extends Table<infer V> ? V : never> } {
    this.#check()
    if (!(this.#tables.events instanceof Staged)) throw new Error('The outbox is written inside transaction() only')
    return this.#tables as never
  }
}

function recordOf(row: DeliveryRow): DeliveryRecord {
  const { seq: _seq, lease: _lease, leaseMs: _leaseMs, ...record } = row
  return { ...record }
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value)
}

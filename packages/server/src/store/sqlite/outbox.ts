// The outbox of the SQLite store (migration 5): events, subscriptions, deliveries and attempts.
import type { DeliveryState, Page } from '@liuyan/core'
import { instant } from '../shared.js'
import {
  decodeAttemptCursor,
  type AttemptRecord,
  type ClaimedDelivery,
  type ClaimQuery,
  type DeliveryRecord,
  type LeasedAttempt,
  type OutboxEvent,
  type OutboxTransaction,
  type WebhookRecord,
} from '../outbox-types.js'
import {
  attemptOf,
  attemptPage,
  attemptWrite,
  claimedOf,
  DELIVERY_COLUMNS,
  deliveryOf,
  EVENT_COLUMNS,
  eventIdsOf,
  eventOf,
  eventValues,
  webhookDoc,
  webhookOf,
  type AttemptRow,
  type DeliveryRow,
  type EventRow,
} from '../outbox-rows.js'
import type { Connection } from './connection.js'

/** Subscriptions an event matches: its type, a board at or above one of its boards, privacy. */
const FAN_OUT = `INSERT INTO deliveries (webhook_id, event_id, state, attempts, next_at, next_ms, created_at)
  SELECT w.id, @event, 'pending', 0, @at, @ms, @at
  FROM webhook_events we JOIN webhooks w ON w.id = we.webhook_id
  WHERE we.type = @type AND (@staff_only = 0 OR w.private = 1)
    AND w.board_id IN (
      SELECT t.ancestor FROM board_tree t WHERE t.descendant IN (SELECT value FROM json_each(@boards))
      UNION SELECT value FROM json_each(@boards))
  ORDER BY w.created_ms, w.id`

/**
 * How many of the oldest due deliveries a claim chooses from, at most: bounds its cost however long
 * the queue is (a claim reads four times what it may take, and this many at most). Subscriptions at
 * their limit are left out before, so the others' turn comes.
 */
const CLAIM_WINDOW = 1_000

const CLAIM = `UPDATE deliveries SET lease = @lease, lease_ms = @lease_ms WHERE seq IN (
  SELECT seq FROM (
    SELECT seq, next_ms, ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY next_ms, seq) AS n
    FROM (
      SELECT seq, webhook_id, next_ms FROM deliveries
      WHERE state = 'pending' AND next_ms <= @now AND (lease_ms IS NULL OR lease_ms <= @now)
        AND webhook_id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY next_ms, seq LIMIT @window))
  WHERE n <= @per ORDER BY next_ms, seq LIMIT @limit)
  RETURNING ${DELIVERY_COLUMNS}`

export class SqliteOutbox implements OutboxTransaction {
  readonly #connection: Connection
  readonly #check: () => void
  readonly #writable: boolean

  constructor(connection: Connection, check: () => void, writable: boolean) {
    this.#connection = connection
    this.#check = check
    this.#writable = writable
  }

  #all<R>(sql: string, ...params: unknown[]): R[] {
    this.#check()
    return this.#connection.statement(sql).all(...params) as R[]
  }

  #get<R>(sql: string, ...params: unknown[]): R | undefined {
    this.#check()
    return this.#connection.statement(sql).get(...params) as R | undefined
  }

  #run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number | bigint } {
    this.#check()
    if (!this.#writable) throw new Error('The outbox is written inside transaction() only')
    return this.#connection.statement(sql).run(...params)
  }

  async getEvent(id: string): Promise<OutboxEvent | undefined> {
    const row = this.#get<EventRow>(`SELECT ${EVENT_COLUMNS} FROM outbox WHERE id = ?`, id)
    return row && eventOf(row)
  }

  async getWebhook(id: string): Promise<WebhookRecord | undefined> {
    const doc = this.#get<{ doc: string }>('SELECT doc FROM webhooks WHERE id = ?', id)?.doc
    return doc === undefined ? undefined : webhookOf(doc)
  }

  async listWebhooks(): Promise<WebhookRecord[]> {
    return this.#all<{ doc: string }>('SELECT doc FROM webhooks ORDER BY created_ms, id').map((row) => webhookOf(row.doc))
  }

  async listAttempts(webhookId: string, query: { limit: number; cursor?: string }): Promise<Page<AttemptRecord>> {
    const before = decodeAttemptCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER
    const rows = this.#all<AttemptRow>(
      'SELECT seq, doc FROM delivery_attempts WHERE webhook_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      webhookId, before, query.limit + 1,
    )
    return attemptPage(rows, query.limit, attemptOf)
  }

  async countDeliveries(filter: { webhookId?: string; state?: DeliveryState } = {}): Promise<number> {
    return this.#get<{ n: number }>(
      'SELECT count(*) AS n FROM deliveries WHERE (@webhook IS NULL OR webhook_id = @webhook) AND (@state IS NULL OR state = @state)',
      { webhook: filter.webhookId ?? null, state: filter.state ?? null },
    )!.n
  }

  async appendEvents(events: readonly OutboxEvent[], queuedAt: string): Promise<void> {
    const ms = instant(queuedAt, 'queuedAt')
    for (const event of events) {
      const values = eventValues(event, (ids) => JSON.stringify(ids), (on) => (on ? 1 : 0))
      const inserted = this.#run(`INSERT INTO outbox (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, ...values)
      if (inserted.changes === 0) continue
      this.#run(FAN_OUT, { event: event.id, at: queuedAt, ms, type: event.type, staff_only: values[7], boards: values[3] })
    }
  }

  async putWebhook(webhook: WebhookRecord): Promise<void> {
    this.#run(
      `INSERT INTO webhooks (id, board_id, private, created_ms, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET board_id = excluded.board_id, private = excluded.private, created_ms = excluded.created_ms, doc = excluded.doc`,
      webhook.id, webhook.boardId, webhook.private ? 1 : 0, instant(webhook.createdAt, 'createdAt'), webhookDoc(webhook),
    )
    this.#run('DELETE FROM webhook_events WHERE webhook_id = ?', webhook.id)
    for (const type of new Set(webhook.events)) this.#run('INSERT INTO webhook_events (type, webhook_id) VALUES (?, ?)', type, webhook.id)
  }

  async deleteWebhook(id: string): Promise<boolean> {
    return this.#run('DELETE FROM webhooks WHERE id = ?', id).changes > 0
  }

  async queueDelivery(webhookId: string, eventId: string, at: string): Promise<DeliveryRecord> {
    const row = this.#get<DeliveryRow>(
      `INSERT INTO deliveries (webhook_id, event_id, state, attempts, next_at, next_ms, created_at)
       VALUES (?, ?, 'pending', 0, ?, ?, ?) RETURNING ${DELIVERY_COLUMNS}`,
      webhookId, eventId, at, instant(at, 'at'), at,
    )
    return deliveryOf(row!)
  }

  async claimDeliveries(query: ClaimQuery): Promise<ClaimedDelivery[]> {
    if (!this.#writable) throw new Error('The outbox is written inside transaction() only')
    const rows = this.#all<DeliveryRow>(CLAIM, {
      lease: query.lease,
      lease_ms: instant(query.leaseUntil, 'leaseUntil'),
      now: instant(query.now, 'now'),
      exclude: JSON.stringify(query.exclude ?? []),
      per: query.perWebhook,
      limit: query.limit,
      window: Math.min(CLAIM_WINDOW, Math.max(4 * query.limit, 100)),
    })
    if (rows.length === 0) return []
    return claimedOf(rows, this.#all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM outbox WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(eventIdsOf(rows))))
  }

  async recordAttempt(attempt: Omit<AttemptRecord, 'id'>, lease: string): Promise<boolean> {
    return (await this.recordAttempts([{ attempt, lease }]))[0]!
  }

  async recordAttempts(attempts: readonly LeasedAttempt[]): Promise<boolean[]> {
    return attempts.map(({ attempt, lease }) => {
      const write = attemptWrite(attempt)
      // A subscription removed while its attempt ran keeps no log.
      this.#run('INSERT INTO delivery_attempts (webhook_id, delivery_id, doc) SELECT id, ?, ? FROM webhooks WHERE id = ?', write.seq, write.doc, attempt.webhookId)
      return (
        this.#run(
          `UPDATE deliveries SET state = @state, attempts = max(attempts, @attempt), next_at = coalesce(@next_at, next_at),
             next_ms = coalesce(@next_ms, next_ms), lease = NULL, lease_ms = NULL
           WHERE seq = @seq AND lease = @lease`,
          { state: write.state, attempt: write.attempt, next_at: write.nextAt, next_ms: write.nextMs, seq: write.seq, lease },
        ).changes > 0
      )
    })
  }

  async releaseDeliveries(ids: readonly string[], lease: string): Promise<number> {
    if (ids.length === 0) return 0
    return this.#run(
      "UPDATE deliveries SET lease = NULL, lease_ms = NULL WHERE seq IN (SELECT value FROM json_each(?)) AND lease = ? AND state = 'pending'",
      JSON.stringify(ids.map(Number)), lease,
    ).changes
  }
}

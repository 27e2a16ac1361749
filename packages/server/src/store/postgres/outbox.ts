// The outbox of the PostgreSQL store (migration 2): events, subscriptions, deliveries and attempts,
// shared by every instance on the database.
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
import { prepared, tallyFree, type PgClient } from './driver.js'
import { translate } from './errors.js'

/**
 * An event appended (nothing when its id is stored already: `$1`–`$8`, see `eventValues`) and, when
 * it was, a delivery queued for each subscription it matches (`$9` queued at, `$10` its ms, `$11`
 * type, `$12` staff only, `$13` boards): one statement.
 */
const APPEND_EVENT = tallyFree(`WITH e AS (
    INSERT INTO outbox (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id
  )
  INSERT INTO deliveries (webhook_id, event_id, state, attempts, next_at, next_ms, created_at)
  SELECT w.id, e.id, 'pending', 0, $9, $10, $9 FROM e, webhooks w
  WHERE $11 = ANY (w.events) AND (NOT $12::boolean OR w.private)
    AND w.board_id IN (SELECT t.ancestor FROM board_tree t WHERE t.descendant = ANY ($13::text[]) UNION SELECT unnest($13::text[]))
  ORDER BY w.created_ms, w.id`)

// Without row locks in the choice (a window function cannot take them), two instances may pick
// the same rows (among the oldest due: four times the limit, 1,000 at most, which bounds a claim's
// cost); the UPDATE locks each, and the one that waited checks the lease again on the updated row
// and leaves it: never two leases on one delivery. It checks the due time again too: a delivery
// whose attempt was recorded in between is no longer leased but not due either.
const CLAIM = `WITH due AS (
    SELECT seq FROM (
      SELECT seq, next_ms, row_number() OVER (PARTITION BY webhook_id ORDER BY next_ms, seq) AS n
      FROM (
        SELECT seq, webhook_id, next_ms FROM deliveries
        WHERE state = 'pending' AND next_ms <= $1 AND (lease_ms IS NULL OR lease_ms <= $1) AND NOT (webhook_id = ANY ($2::text[]))
        ORDER BY next_ms, seq LIMIT least(1000, greatest(4 * $4::int, 100))
      ) w
    ) x WHERE n <= $3 ORDER BY next_ms, seq LIMIT $4)
  UPDATE deliveries d SET lease = $5, lease_ms = $6 FROM due
  WHERE d.seq = due.seq AND d.state = 'pending' AND d.next_ms <= $1 AND (d.lease_ms IS NULL OR d.lease_ms <= $1)
  RETURNING d.seq, d.webhook_id, d.event_id, d.state, d.attempts, d.next_at, d.next_ms, d.created_at`

/**
 * Records many attempts in one statement: each is logged (unless its subscription was removed), in
 * the order given, and moves its delivery if its lease still holds it.
 */
const RECORD = `WITH a AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[])
      WITH ORDINALITY AS a (seq, webhook_id, doc, state, attempt, next_at, next_ms, lease, n)
  ), logged AS (
    INSERT INTO delivery_attempts (webhook_id, delivery_id, doc)
    SELECT w.id, a.seq, a.doc FROM a JOIN webhooks w ON w.id = a.webhook_id ORDER BY a.n
  )
  UPDATE deliveries d SET state = a.state, attempts = greatest(d.attempts, a.attempt), next_at = coalesce(a.next_at, d.next_at),
    next_ms = coalesce(a.next_ms, d.next_ms), lease = NULL, lease_ms = NULL
  FROM a WHERE d.seq = a.seq AND d.lease = a.lease
  RETURNING d.seq, a.lease`

export class PgOutbox implements OutboxTransaction {
  readonly #client: PgClient
  readonly #check: () => void
  readonly #writable: boolean

  constructor(client: PgClient, check: () => void, writable: boolean) {
    this.#client = client
    this.#check = check
    this.#writable = writable
  }

  async #rows<R>(text: string, values: readonly unknown[] = [], write = false): Promise<R[]> {
    this.#check()
    if (write && !this.#writable) throw new Error('The outbox is written inside transaction() only')
    try {
      return (await this.#client.query<R>(prepared(text, values))).rows
    } catch (error) {
      throw translate(error)
    }
  }

  async getEvent(id: string): Promise<OutboxEvent | undefined> {
    const [row] = await this.#rows<EventRow>(`SELECT ${EVENT_COLUMNS} FROM outbox WHERE id = $1`, [id])
    return row && eventOf(row)
  }

  async getWebhook(id: string): Promise<WebhookRecord | undefined> {
    const [row] = await this.#rows<{ doc: string }>('SELECT doc FROM webhooks WHERE id = $1', [id])
    return row && webhookOf(row.doc)
  }

  async listWebhooks(): Promise<WebhookRecord[]> {
    return (await this.#rows<{ doc: string }>('SELECT doc FROM webhooks ORDER BY created_ms, id COLLATE "C"')).map((row) => webhookOf(row.doc))
  }

  async listAttempts(webhookId: string, query: { limit: number; cursor?: string }): Promise<Page<AttemptRecord>> {
    const before = decodeAttemptCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER
    const rows = await this.#rows<AttemptRow>(
      'SELECT seq, doc FROM delivery_attempts WHERE webhook_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [webhookId, before, query.limit + 1],
    )
    return attemptPage(rows, query.limit, attemptOf)
  }

  async countDeliveries(filter: { webhookId?: string; state?: DeliveryState } = {}): Promise<number> {
    const [row] = await this.#rows<{ n: string }>(
      'SELECT count(*) AS n FROM deliveries WHERE ($1::text IS NULL OR webhook_id = $1) AND ($2::text IS NULL OR state = $2)',
      [filter.webhookId ?? null, filter.state ?? null],
    )
    return Number(row!.n)
  }

  async appendEvents(events: readonly OutboxEvent[], queuedAt: string): Promise<void> {
    const ms = instant(queuedAt, 'queuedAt')
    for (const event of events) {
      const values = [...eventValues(event, (ids) => ids, (on) => on), queuedAt, ms, event.type, event.staffOnly, event.boardIds]
      // Not deferred with the next statement (postgres/pipeline.ts): its payloads are citizens'
      // data, which go as parameters only (PgQuery.inline).
      await this.#rows(APPEND_EVENT, values, true)
    }
  }

  async putWebhook(webhook: WebhookRecord): Promise<void> {
    await this.#rows(
      `INSERT INTO webhooks (id, board_id, private, events, created_ms, doc) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET board_id = excluded.board_id, private = excluded.private, events = excluded.events,
         created_ms = excluded.created_ms, doc = excluded.doc`,
      [webhook.id, webhook.boardId, webhook.private, [...new Set(webhook.events)], instant(webhook.createdAt, 'createdAt'), webhookDoc(webhook)],
      true,
    )
  }

  async deleteWebhook(id: string): Promise<boolean> {
    return (await this.#rows('DELETE FROM webhooks WHERE id = $1 RETURNING id', [id], true)).length > 0
  }

  async queueDelivery(webhookId: string, eventId: string, at: string): Promise<DeliveryRecord> {
    const [row] = await this.#rows<DeliveryRow>(
      `INSERT INTO deliveries (webhook_id, event_id, state, attempts, next_at, next_ms, created_at)
       VALUES ($1, $2, 'pending', 0, $3, $4, $3) RETURNING ${DELIVERY_COLUMNS}`,
      [webhookId, eventId, at, instant(at, 'at')],
      true,
    )
    return deliveryOf(row!)
  }

  async claimDeliveries(query: ClaimQuery): Promise<ClaimedDelivery[]> {
    const rows = await this.#rows<DeliveryRow>(
      CLAIM,
      [instant(query.now, 'now'), [...(query.exclude ?? [])], query.perWebhook, query.limit, query.lease, instant(query.leaseUntil, 'leaseUntil')],
      true,
    )
    if (rows.length === 0) return []
    return claimedOf(rows, await this.#rows<EventRow>(`SELECT ${EVENT_COLUMNS} FROM outbox WHERE id = ANY ($1::text[])`, [eventIdsOf(rows)]))
  }

  async recordAttempt(attempt: Omit<AttemptRecord, 'id'>, lease: string): Promise<boolean> {
    return (await this.recordAttempts([{ attempt, lease }]))[0]!
  }

  async recordAttempts(attempts: readonly LeasedAttempt[]): Promise<boolean[]> {
    if (attempts.length === 0) return []
    const writes = attempts.map(({ attempt }) => attemptWrite(attempt))
    const moved = await this.#rows<{ seq: string; lease: string }>(RECORD, [
      writes.map((w) => w.seq), attempts.map((a) => a.attempt.webhookId), writes.map((w) => w.doc), writes.map((w) => w.state),
      writes.map((w) => w.attempt), writes.map((w) => w.nextAt), writes.map((w) => w.nextMs), attempts.map((a) => a.lease),
    ], true)
    const done = new Set(moved.map((row) => `${row.seq} ${row.lease}`))
    return writes.map((w, i) => done.has(`${w.seq} ${attempts[i]!.lease}`))
  }

  async releaseDeliveries(ids: readonly string[], lease: string): Promise<number> {
    if (ids.length === 0) return 0
    const released = await this.#rows(
      "UPDATE deliveries SET lease = NULL, lease_ms = NULL WHERE seq = ANY ($1::bigint[]) AND lease = $2 AND state = 'pending' RETURNING seq",
      [ids.map(Number), lease],
      true,
    )
    return released.length
  }
}

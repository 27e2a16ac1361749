// The outbox's rows ↔ objects, once for the stores (docs/architecture.md §7): the SQL stores hold
// events, deliveries, subscriptions and attempts in the same columns (SQLite migration 5,
// PostgreSQL migration 2) and differ only in how a driver hands back a list (JSON text or an array),
// a flag (0/1 or a boolean) and a big integer (a number or a string). The memory store pages its
// attempts and moves its deliveries by the same rules.
import type { DeliveryState, Page } from '@liuyan/core'
import { encodeAttemptCursor, type AttemptRecord, type ClaimedDelivery, type DeliveryRecord, type OutboxEvent, type WebhookRecord } from './outbox-types.js'
import { instant } from './shared.js'

/** The columns of `outbox`, in the order {@link eventValues} gives them. */
export const EVENT_COLUMNS = 'id, type, message_id, board_ids, occurred_at, payload, private_payload, staff_only'
/** The columns of `deliveries` a {@link DeliveryRow} has. */
export const DELIVERY_COLUMNS = 'seq, webhook_id, event_id, state, attempts, next_at, next_ms, created_at'

/** An `outbox` row as either driver answers it. */
export interface EventRow {
  id: string
  type: string
  message_id: string
  /** JSON text (SQLite) or an array (PostgreSQL). */
  board_ids: string | readonly string[]
  occurred_at: string
  payload: string
  private_payload: string
  /** 0/1 (SQLite) or a boolean (PostgreSQL). */
  staff_only: number | boolean
}

/** A `deliveries` row as either driver answers it (PostgreSQL's bigints come as strings). */
export interface DeliveryRow {
  seq: number | string
  webhook_id: string
  event_id: string
  state: DeliveryState
  attempts: number
  next_at: string
  next_ms: number | string
  created_at: string
}

export function eventOf(row: EventRow): OutboxEvent {
  return {
    id: row.id,
    type: row.type as OutboxEvent['type'],
    messageId: row.message_id,
    boardIds: typeof row.board_ids === 'string' ? (JSON.parse(row.board_ids) as string[]) : [...row.board_ids],
    occurredAt: row.occurred_at,
    payload: row.payload,
    privatePayload: row.private_payload,
    staffOnly: row.staff_only === true || row.staff_only === 1,
  }
}

/**
 * An event's values in the order of {@link EVENT_COLUMNS}, its times checked; `boardIds` and
 * `staffOnly` as the driver stores them.
 */
export function eventValues<L, F>(event: OutboxEvent, list: (ids: string[]) => L, flag: (on: boolean) => F): [string, string, string, L, string, string, string, F] {
  instant(event.occurredAt, 'occurredAt')
  return [event.id, event.type, event.messageId, list(event.boardIds), event.occurredAt, event.payload, event.privatePayload, flag(event.staffOnly)]
}

export function deliveryOf(row: DeliveryRow): DeliveryRecord {
  return {
    id: String(row.seq), webhookId: row.webhook_id, eventId: row.event_id, state: row.state,
    attempts: row.attempts, nextAt: row.next_at, createdAt: row.created_at,
  }
}

/** Claims answer oldest due first, then by sequence number (an UPDATE … RETURNING has no order). */
export function byDue(a: DeliveryRow, b: DeliveryRow): number {
  return Number(a.next_ms) - Number(b.next_ms) || Number(a.seq) - Number(b.seq)
}

/** The JSON text a subscription is stored as. */
export function webhookDoc(webhook: WebhookRecord): string {
  return JSON.stringify(webhook)
}

export function webhookOf(doc: string): WebhookRecord {
  return JSON.parse(doc) as WebhookRecord
}

/** What recording an attempt writes: the attempt's JSON text and what its delivery becomes. */
export interface AttemptWrite {
  seq: number
  doc: string
  state: DeliveryState
  attempt: number
  /** Null: the delivery keeps its due time (delivered, dead). */
  nextAt: string | null
  nextMs: number | null
}

export function attemptWrite(attempt: Omit<AttemptRecord, 'id'>): AttemptWrite {
  const nextAt = attempt.nextAt ?? null
  return {
    seq: Number(attempt.deliveryId), doc: JSON.stringify(attempt), state: attempt.state, attempt: attempt.attempt,
    nextAt, nextMs: nextAt === null ? null : instant(nextAt, 'nextAt'),
  }
}

/** A `delivery_attempts` row: its sequence number (the attempt's id) and JSON text. */
export interface AttemptRow {
  seq: number | string
  doc: string
}

export function attemptOf(row: AttemptRow): AttemptRecord {
  return { ...(JSON.parse(row.doc) as Omit<AttemptRecord, 'id'>), id: String(row.seq) }
}

/**
 * A page of attempts from up to `limit + 1` rows, newest first: the extra row only says there is
 * a next page, whose cursor is the last item's sequence number.
 */
export function attemptPage<R extends { seq: number | string }>(rows: readonly R[], limit: number, item: (row: R) => AttemptRecord): Page<AttemptRecord> {
  const page = rows.slice(0, limit)
  return {
    items: page.map(item),
    nextCursor: rows.length > limit ? encodeAttemptCursor(Number(page[page.length - 1]!.seq)) : null,
  }
}

/** Claimed rows with their events, oldest due first. */
export function claimedOf(rows: readonly DeliveryRow[], events: readonly EventRow[]): ClaimedDelivery[] {
  const byId = new Map(events.map((row) => [row.id, eventOf(row)]))
  return [...rows].sort(byDue).map((row) => ({ delivery: deliveryOf(row), event: byId.get(row.event_id)! }))
}

/** The distinct event ids of claimed rows, to load their events. */
export function eventIdsOf(rows: readonly DeliveryRow[]): string[] {
  return [...new Set(rows.map((row) => row.event_id))]
}

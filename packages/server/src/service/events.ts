// The events of message changes, written into the outbox in the transaction of the change
// (docs/architecture.md §7).
import { STAFF_ONLY_EVENTS, TIMELINE_EVENTS, toPublicMessage, type EventType, type Message, type TimelineEvent } from '@liuyan/core'
import type { OutboxEvent } from '../store/outbox-types.js'
import type { StoreTransaction } from '../store/types.js'

const STAFF_ONLY: ReadonlySet<string> = new Set(STAFF_ONLY_EVENTS)

/** The stable id of the event of a message's `n`th timeline event (1 for the submission). */
export function eventId(messageId: string, n: number): string {
  return `evt_${messageId}_${n}`
}

/**
 * An outbox event about `message` as it is after the change. `data` adds fields of the event's
 * own (a deadline event's threshold, say) to both payloads. The public payload is
 * `{ message: toPublicMessage(message), event, ...data }` with the public form of `event`; the
 * private one has the staff view of both. Neither can hold a tracking code (a `Message` has none)
 * or a token.
 *
 * Deadline escalation builds its events with this and appends them with
 * `tx.outbox.appendEvents([event], now)` in its own transaction.
 *
 * @example
 * ```ts
 * const event = messageEvent(message, { id: `evt_${message.id}_overdue`, type: 'deadline.overdue', at: now })
 * await store.transaction((tx) => tx.outbox.appendEvents([event], now))
 * ```
 */
export function messageEvent(
  message: Message,
  options: { id: string; type: EventType; at: string; timeline?: TimelineEvent; data?: Record<string, unknown> },
): OutboxEvent {
  const view = toPublicMessage(message)
  const publicEvent = options.timeline && view.timeline.find((e) => e.id === options.timeline!.id)
  const staffOnly = STAFF_ONLY.has(options.type)
  return {
    id: options.id,
    type: options.type,
    messageId: message.id,
    boardIds: message.assigneeBoardId && message.assigneeBoardId !== message.boardId ? [message.boardId, message.assigneeBoardId] : [message.boardId],
    occurredAt: options.at,
    // A staff-only event has no public form: only private subscriptions receive it.
    payload: staffOnly ? '{}' : JSON.stringify({ message: view, ...(publicEvent ? { event: publicEvent } : {}), ...options.data }),
    privatePayload: JSON.stringify({ message, ...(options.timeline ? { event: options.timeline } : {}), ...options.data }),
    staffOnly,
  }
}

/** The events of the timeline events of `message` from the `from`th on (0: all of them). */
export function timelineEvents(message: Message, from: number): OutboxEvent[] {
  return message.timeline.slice(from).map((timeline, index) =>
    messageEvent(message, { id: eventId(message.id, from + index + 1), type: TIMELINE_EVENTS[timeline.type], at: timeline.at, timeline }),
  )
}

/**
 * The transaction `tx` that also appends to the outbox the events of every message it inserts or
 * updates: the board service's write path runs in it, so each change and its events commit
 * together. It remembers how long the timelines it read were, to know which events are new.
 */
export function withOutbox(tx: StoreTransaction, now: () => Date): StoreTransaction {
  const known = new Map<string, number>()
  const remember = (message: Message | undefined) => {
    if (message) known.set(message.id, message.timeline.length)
    return message
  }
  const wrapped: Partial<StoreTransaction> = {
    getMessage: async (id) => remember(await tx.getMessage(id)),
    getMessageByTrackingHash: async (hash) => remember(await tx.getMessageByTrackingHash(hash)),
    insertMessage: async (message, trackingHash) => {
      await tx.insertMessage(message, trackingHash)
      await tx.outbox.appendEvents(timelineEvents(message, 0), now().toISOString())
      known.set(message.id, message.timeline.length)
    },
    updateMessage: async (message, options) => {
      const from = known.get(message.id) ?? (await tx.getMessage(message.id))?.timeline.length ?? 0
      await tx.updateMessage(message, options)
      await tx.outbox.appendEvents(timelineEvents(message, from), now().toISOString())
      known.set(message.id, message.timeline.length)
    },
  }
  return new Proxy(tx, {
    get(target, name) {
      if (Object.hasOwn(wrapped, name)) return wrapped[name as keyof StoreTransaction]
      const value: unknown = Reflect.get(target, name)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

// Deadline escalation (docs/architecture.md §7): deadline.approaching with an automatic 催办 a few
// working days before a deadline, deadline.overdue (and, where the board says so, an automatic
// 督办) once it passed. Each run looks at the messages as they are now, so a server that was down
// catches up at its next run; each event has an id made of the message, the threshold and the
// deadline, written to the outbox only if it is not there, so it happens once per message and
// threshold whatever the number of instances or runs, and again only when the deadline moves.
import { addWorkingDays, transition, type Actor, type Board, type Message, type StaffAction } from '@liuyan/core'
import type { BoardService } from '../service.js'
import { messageEvent, withOutbox } from '../service/events.js'
import type { StoreTransaction } from '../store/types.js'
import { DEFAULT_ESCALATION, escalationOf, type ResolvedEscalation } from './policy.js'

/** Who acts in an automatic 催办 or 督办: the system, in the supervisor's role, named on the timeline. */
export const ESCALATION_ACTOR: Actor = { role: 'supervisor', id: 'escalation', name: '系统自动督办' }

/** What one run did. */
export interface EscalationRun {
  /** `deadline.approaching` events written (each with its automatic 催办). */
  approaching: number
  /** `deadline.overdue` events written. */
  overdue: number
  /** Automatic 督办 recorded. */
  supervised: number
}

export type DeadlineThreshold = 'approaching' | 'overdue'

/** The event id of a threshold of one deadline: stable, so the outbox keeps one of each. */
export function escalationEventId(messageId: string, threshold: DeadlineThreshold, dueAt: string): string {
  return `dl_${threshold}_${messageId}_${Date.parse(dueAt).toString(36)}`
}

const PAGE = 100

/**
 * One pass over the open messages whose deadline is near or past. Safe to run at any time from any
 * number of instances; `now` defaults to the service's clock.
 */
export async function escalate(
  service: BoardService,
  options: { defaults?: ResolvedEscalation; now?: Date } = {},
): Promise<EscalationRun> {
  const now = options.now ?? service.now()
  const defaults = options.defaults ?? DEFAULT_ESCALATION
  const boards = new Map((await service.listBoards()).map((board): [string, Board] => [board.id, board]))
  const calendar = service.deadlineOptions()
  const horizons = new Map<number, number>()
  const horizon = (days: number): number => {
    let at = horizons.get(days)
    if (at === undefined) horizons.set(days, (at = days === 0 ? now.getTime() : addWorkingDays(now, days, calendar).getTime()))
    return at
  }
  let furthest = horizon(defaults.approachingDays)
  for (const board of boards.values()) furthest = Math.max(furthest, horizon(board.escalation?.approachingDays ?? 0))

  const run: EscalationRun = { approaching: 0, overdue: 0, supervised: 0 }
  let cursor: string | undefined
  do {
    // Open messages due before the furthest horizon: the store's overdue filter, read through its index.
    const page = await service.store.read.listMessages({ overdueAt: new Date(furthest + 1).toISOString(), limit: PAGE, ...(cursor ? { cursor } : {}) })
    for (const listed of page.items) {
      const threshold = thresholdOf(listed, escalationOf(listed, boards, defaults), now, horizon)
      if (!threshold) continue
      // Most of the list was escalated by an earlier run: a read, no transaction, tells.
      if (await service.store.read.outbox.getEvent(escalationEventId(listed.id, threshold, listed.dueAt!))) continue
      const done = await escalateOne(service, listed.id, threshold, now, boards, defaults)
      if (done === 'none') continue
      run[threshold] += 1
      if (done === 'supervised') run.supervised += 1
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return run
}

function thresholdOf(message: Message, policy: ResolvedEscalation, now: Date, horizon: (days: number) => number): DeadlineThreshold | undefined {
  if (!message.dueAt) return undefined
  const due = Date.parse(message.dueAt)
  if (due < now.getTime()) return 'overdue'
  if (policy.approachingDays > 0 && due <= horizon(policy.approachingDays)) return 'approaching'
  return undefined
}

/** In one transaction: the event if it is new, and the automatic action that goes with it. */
async function escalateOne(
  service: BoardService,
  id: string,
  threshold: DeadlineThreshold,
  now: Date,
  boards: ReadonlyMap<string, Board>,
  defaults: ResolvedEscalation,
): Promise<'none' | 'event' | 'supervised'> {
  // The write path's transaction: the automatic 催办 or 督办 appends its own event too.
  return service.store.transaction(async (plain) => {
    const tx = withOutbox(plain, () => now)
    // Read again inside the transaction: another instance may have acted since the list was read.
    const message = await tx.getMessage(id)
    if (!message?.dueAt) return 'none'
    const policy = escalationOf(message, boards, defaults)
    const current = thresholdOf(message, policy, now, (days) => addWorkingDays(now, days, service.deadlineOptions()).getTime())
    if (current !== threshold) return 'none'
    const eventId = escalationEventId(message.id, threshold, message.dueAt)
    // The message's row is locked now (a transaction's reads lock them): the check and the write
    // cannot interleave with another instance's.
    if (await tx.outbox.getEvent(eventId)) return 'none'
    const type = threshold === 'approaching' ? 'deadline.approaching' : 'deadline.overdue'
    const at = now.toISOString()
    await tx.outbox.appendEvents([messageEvent(message, { id: eventId, type, at, data: { threshold, dueAt: message.dueAt } })], at)
    const action: StaffAction | undefined =
      threshold === 'approaching'
        ? { action: 'remind', note: '办理期限将至，系统自动催办' }
        : policy.superviseOverdue && !message.supervised
          ? { action: 'supervise', note: '已超过办理期限，系统自动督办' }
          : undefined
    if (!action) return 'event'
    await act(tx, message, action, now)
    return action.action === 'supervise' ? 'supervised' : 'event'
  })
}

async function act(tx: StoreTransaction, message: Message, action: StaffAction, now: Date): Promise<void> {
  const result = transition(message, action, { actor: ESCALATION_ACTOR, now })
  // Open messages allow both; a refusal means the message changed in a way the check above missed.
  if (!result.ok) return
  await tx.updateMessage(result.message)
}

// What the stores share for the staff's tools (docs/architecture.md §6): the order of reply
// templates and the shape of the inbox's counts.
import { STATUSES, type InboxCounts, type MessageStatus, type ReplyTemplate } from '@liuyan/core'
import { compareIds, instant } from './shared.js'

/** Reply templates in store order: by board, then creation time (as instants), then id. */
export function compareTemplates(a: ReplyTemplate, b: ReplyTemplate): number {
  return compareIds(a.boardId, b.boardId) || instant(a.createdAt, 'createdAt') - instant(b.createdAt, 'createdAt') || compareIds(a.id, b.id)
}

/** Counts from the number of messages per status and the number overdue. */
export function inboxCountsOf(perStatus: Iterable<readonly [string, number]>, overdue: number): InboxCounts {
  const statuses = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<MessageStatus, number>
  let total = 0
  for (const [status, n] of perStatus) {
    if (status in statuses) statuses[status as MessageStatus] += n
    total += n
  }
  return { statuses, overdue, total }
}

// The memory store's part of the staff's tools (reply templates, inbox counts), kept apart from
// memory.ts, which delegates to these functions over its tables.
import { OPEN_STATUSES, type Board, type InboxCounts, type Message, type MessageStatus, type ReplyTemplate } from '@liuyan/core'
import { subtreeIds, instant } from './shared.js'
import { compareTemplates, inboxCountsOf } from './staff-tools.js'
import type { InboxCountsStoreQuery } from './types.js'

const OPEN: ReadonlySet<MessageStatus> = new Set(OPEN_STATUSES)

/** The templates of `boardIds` among `templates`, copied, in store order. */
export function templatesOf(templates: Iterable<ReplyTemplate>, boardIds: readonly string[]): ReplyTemplate[] {
  const wanted = new Set(boardIds)
  return [...templates].filter((t) => wanted.has(t.boardId)).sort(compareTemplates).map((t) => structuredClone(t))
}

/** Counts per status of the messages in the subtrees (each once), as the SQL stores count them. */
export function countInbox(
  rows: Iterable<{ message: Message; dueMs: number | undefined }>,
  boards: Iterable<Board>,
  query: InboxCountsStoreQuery,
): InboxCounts {
  const scope = subtreeIds(query.boardIds, boards)
  const nowMs = instant(query.now, 'now')
  const perStatus = new Map<string, number>()
  let overdue = 0
  for (const { message, dueMs } of rows) {
    if (!scope.has(message.boardId) && !(message.assigneeBoardId !== undefined && scope.has(message.assigneeBoardId))) continue
    perStatus.set(message.status, (perStatus.get(message.status) ?? 0) + 1)
    if (OPEN.has(message.status) && dueMs !== undefined && dueMs < nowMs) overdue++
  }
  return inboxCountsOf(perStatus, overdue)
}

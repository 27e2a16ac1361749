// The SQLite store's part of the staff's tools: reply templates (migration 5) and the inbox's
// counts, read from `message_scope` by its indexes alone (docs/architecture.md §6).
import { OPEN_STATUSES, type InboxCounts, type ReplyTemplate } from '@liuyan/core'
import { instant } from '../shared.js'
import { compareTemplates, inboxCountsOf } from '../staff-tools.js'
import type { InboxCountsStoreQuery } from '../types.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

type All = <R>(sql: string, ...params: unknown[]) => R[]
type Run = (sql: string, ...params: unknown[]) => { changes: number }

/**
 * Counts per status through `message_scope_status` (ancestor, status, …), an index-only range; the
 * overdue through `message_scope_open`, the board's open rows only (named: without statistics
 * SQLite would read every row of the board through the primary key). No message row is read. Several roots count each message once.
 */
export function countInbox(all: All, query: InboxCountsStoreQuery): InboxCounts {
  const roots = [...new Set(query.boardIds)]
  if (roots.length === 0) return inboxCountsOf([], 0)
  const nowMs = instant(query.now, 'now')
  const one = roots.length === 1
  const scope = one ? 'ancestor = ?' : 'ancestor IN (SELECT value FROM json_each(?))'
  const key = one ? roots[0] : JSON.stringify(roots)
  const perStatus = all<{ status: string; n: number }>(
    one
      ? `SELECT status, count(*) AS n FROM message_scope WHERE ${scope} GROUP BY status`
      : `SELECT status, count(*) AS n FROM (SELECT DISTINCT rid, status FROM message_scope WHERE ${scope}) GROUP BY status`,
    key,
  )
  const [overdue] = all<{ n: number }>(
    `SELECT count(${one ? '*' : 'DISTINCT rid'}) AS n FROM message_scope INDEXED BY message_scope_open WHERE ${scope} AND status IN (${OPEN_SQL}) AND due_ms < ?`,
    key,
    nowMs,
  )
  return inboxCountsOf(perStatus.map((row) => [row.status, row.n] as const), overdue!.n)
}

export function listTemplates(all: All, boardIds: readonly string[]): ReplyTemplate[] {
  if (boardIds.length === 0) return []
  const rows = all<{ doc: string }>('SELECT doc FROM reply_templates WHERE board_id IN (SELECT value FROM json_each(?))', JSON.stringify(boardIds))
  return rows.map((row) => JSON.parse(row.doc) as ReplyTemplate).sort(compareTemplates)
}

export function getTemplate(all: All, id: string): ReplyTemplate | undefined {
  const [row] = all<{ doc: string }>('SELECT doc FROM reply_templates WHERE id = ?', id)
  return row && (JSON.parse(row.doc) as ReplyTemplate)
}

export function putTemplate(run: Run, template: ReplyTemplate): void {
  run(
    'INSERT INTO reply_templates (id, board_id, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET board_id = excluded.board_id, doc = excluded.doc',
    template.id,
    template.boardId,
    JSON.stringify(template),
  )
}

export function deleteTemplate(run: Run, id: string): boolean {
  return run('DELETE FROM reply_templates WHERE id = ?', id).changes > 0
}

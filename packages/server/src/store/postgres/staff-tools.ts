// The PostgreSQL store's part of the staff's tools: reply templates (migration 2) and the inbox's
// counts, read from the board closure `message_boards` by its indexes (docs/architecture.md §6).
import type { InboxCounts, ReplyTemplate } from '@liuyan/core'
import { instant } from '../shared.js'
import { compareTemplates, inboxCountsOf } from '../staff-tools.js'
import type { InboxCountsStoreQuery } from '../types.js'

type Rows = <R>(text: string, values: readonly unknown[]) => Promise<R[]>
type Run = (text: string, values: readonly unknown[]) => Promise<number>

/**
 * Counts per status through `message_boards_status` (board, status) and the overdue through the
 * open rows' deadline (`open_due_ms`, set only while a message is open). Several roots count each
 * message once.
 */
export async function countInbox(rows: Rows, query: InboxCountsStoreQuery): Promise<InboxCounts> {
  const roots = [...new Set(query.boardIds)]
  if (roots.length === 0) return inboxCountsOf([], 0)
  const one = roots.length === 1
  const scope = one ? 'board_id = $1' : 'board_id = ANY($1::text[])'
  const key = one ? roots[0] : roots
  const perStatus = await rows<{ status: string; n: number }>(
    one
      ? `SELECT status, count(*)::int AS n FROM message_boards WHERE ${scope} GROUP BY status`
      : `SELECT status, count(*)::int AS n FROM (SELECT DISTINCT seq, status FROM message_boards WHERE ${scope}) x GROUP BY status`,
    [key],
  )
  const [overdue] = await rows<{ n: number }>(
    `SELECT count(${one ? '*' : 'DISTINCT seq'})::int AS n FROM message_boards WHERE ${scope} AND open_due_ms < $2::bigint`,
    [key, instant(query.now, 'now')],
  )
  return inboxCountsOf(perStatus.map((row) => [row.status, row.n] as const), overdue!.n)
}

export async function listTemplates(rows: Rows, boardIds: readonly string[]): Promise<ReplyTemplate[]> {
  if (boardIds.length === 0) return []
  const found = await rows<{ doc: string }>('SELECT doc FROM reply_templates WHERE board_id = ANY($1::text[])', [[...boardIds]])
  return found.map((row) => JSON.parse(row.doc) as ReplyTemplate).sort(compareTemplates)
}

export async function getTemplate(rows: Rows, id: string): Promise<ReplyTemplate | undefined> {
  const [row] = await rows<{ doc: string }>('SELECT doc FROM reply_templates WHERE id = $1', [id])
  return row && (JSON.parse(row.doc) as ReplyTemplate)
}

export async function putTemplate(run: Run, template: ReplyTemplate): Promise<void> {
  await run(
    'INSERT INTO reply_templates (id, board_id, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET board_id = excluded.board_id, doc = excluded.doc',
    [template.id, template.boardId, JSON.stringify(template)],
  )
}

export async function deleteTemplate(run: Run, id: string): Promise<boolean> {
  return (await run('DELETE FROM reply_templates WHERE id = $1', [id])) > 0
}

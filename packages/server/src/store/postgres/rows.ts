// What the PostgreSQL store writes of a message: its row's values and its rows of the board closure.
import { isPubliclyVisible, OPEN_STATUSES, toPublicMessage } from '@liuyan/core'
import type { Message } from '@liuyan/core'
import { dueKeySql, instant, PUBLIC_VIEW_VERSION, publicSortTime, searchGrams, searchText } from '../shared.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/** What a message's rows of the board closure are made of: when it changes, they are rebuilt. */
export const CLOSURE_KEY = `concat_ws(' ', m.board_id, m.assignee_board_id, m.created_ms, m.published_ms, m.status, m.due_ms)`

/** The key of the advisory lock held while the board tree changes. */
export const BOARD_TREE_LOCK = 0x6c7962747265 // "lybtre"

/**
 * Rebuilds the closure rows of the messages matching `where` (on `from`, aliased `m`): each message
 * is listed under its board, its assigned unit and every ancestor of either, with its sort keys.
 */
export function rebuildMessageBoards(where: string, from = 'messages m'): string {
  return `INSERT INTO message_boards (board_id, seq, created_ms, published_ms, open_due_ms, status, due_key)
    SELECT DISTINCT x.board_id, m.seq, m.created_ms, m.published_ms, CASE WHEN m.status IN (${OPEN_SQL}) THEN m.due_ms END, m.status,
      ${dueKeySql('m')} FROM ${from}
    CROSS JOIN LATERAL (
      SELECT m.board_id AS board_id
      UNION SELECT m.assignee_board_id
      UNION SELECT t.ancestor FROM board_tree t WHERE t.descendant = m.board_id OR t.descendant = m.assignee_board_id
    ) x
    WHERE ${where} AND x.board_id IS NOT NULL`
}

/**
 * The values of a message row after `id`, in the order of the INSERT's columns with the tracking
 * hash left out (it goes between `domain` and `created_ms`). `timeline` is the whole timeline as
 * it will be stored, given lazily: only a message the public may see needs it for its view.
 */
export function messageColumns(message: Message, timeline: Message['timeline'] | (() => Message['timeline'])): unknown[] {
  const { timeline: _timeline, ...doc } = message
  const text = searchText(message)
  return [
    message.boardId,
    message.assigneeBoardId ?? null,
    message.status,
    message.type,
    message.domain,
    instant(message.createdAt, 'createdAt'),
    publicSortTime(message) ?? null,
    message.dueAt === undefined ? null : instant(message.dueAt, 'dueAt'),
    message.reviewedAt ?? null,
    message.repliedAt ?? null,
    message.dueAt ?? null,
    message.evaluation?.overall ?? null,
    text,
    searchGrams(text),
    JSON.stringify(doc),
    isPubliclyVisible(message) ? JSON.stringify(toPublicMessage({ ...message, timeline: typeof timeline === 'function' ? timeline() : timeline })) : null,
    PUBLIC_VIEW_VERSION,
  ]
}

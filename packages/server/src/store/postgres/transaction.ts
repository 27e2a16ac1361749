// Writes of the PostgreSQL store, inside one transaction on one connection.
import { isPubliclyVisible, OPEN_STATUSES, toPublicMessage } from '@liuyan/core'
import type { Board, Message, ReplyTemplate } from '@liuyan/core'
import {
  appendOnlyTimeline,
  DUPLICATE_TRACKING_CODE,
  duplicateId,
  dueKeySql,
  instant,
  NO_IDEMPOTENCY_CLAIM,
  PUBLIC_VIEW_VERSION,
  publicSortTime,
  searchGrams,
  searchText,
} from '../shared.js'
import type { IdempotencyRecord, StaffToken, StoredResponse, StoreTransaction } from '../types.js'
import { prepared, type PgClient } from './driver.js'
import { translate } from './errors.js'
import { PgReader } from './reader.js'
import { pgGroupWriter, pgHotspotsBoardChange, type Query } from './hotspots.js'
import { groupNewMessage } from '../hotspots.js'
import { deleteTemplate, putTemplate } from './staff-tools.js'
import { contributionOf, counterRows } from '../stats-keeping.js'
import { applyCounters, contributionsOf, updateCounters, type Run } from './stats.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/** What a message's rows of the board closure are made of: when it changes, they are rebuilt. */
const CLOSURE_KEY = `concat_ws(' ', m.board_id, m.assignee_board_id, m.created_ms, m.published_ms, m.status, m.due_ms)`

/** The key of the advisory lock held while the board tree changes. */
const BOARD_TREE_LOCK = 0x6c7962747265 // "lybtre"

/**
 * Rebuilds the closure rows of the messages matching `where` (on `from`, aliased `m`): each message
 * is listed under its board, its assigned unit and every ancestor of either, with its sort keys.
 */
function rebuildMessageBoards(where: string, from = 'messages m'): string {
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

export class PgTransaction extends PgReader implements StoreTransaction {
  constructor(client: PgClient, check: () => void) {
    // Reads of messages lock their rows until the transaction ends (SELECT … FOR UPDATE).
    super(client, check, true)
  }

  protected async run(text: string, values: readonly unknown[] = []): Promise<number> {
    this.check()
    try {
      return (await this.client.query(prepared(text, values))).rowCount ?? 0
    } catch (error) {
      throw translate(error)
    }
  }

  async putBoard(board: Board): Promise<void> {
    // One change of the tree at a time, across instances: the closure is read, then rewritten.
    await this.run('SELECT pg_advisory_xact_lock($1)', [BOARD_TREE_LOCK])
    const [stored] = await this.rows<{ parent_id: string | null; region: string }>("SELECT parent_id, doc::jsonb ->> 'region' AS region FROM boards WHERE id = $1", [board.id])
    const parent = board.parentId ?? null
    const hotspots = await pgHotspotsBoardChange(this.#query, board, stored)
    await hotspots?.before()
    await this.run(
      'INSERT INTO boards (id, parent_id, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, doc = excluded.doc',
      [board.id, parent, JSON.stringify(board)],
    )
    if (stored && stored.parent_id === parent) return hotspots?.after()
    // Move the board's subtree (itself and what lies below, possibly put before it) under the parent.
    await this.run('INSERT INTO board_tree (ancestor, descendant) VALUES ($1, $1) ON CONFLICT DO NOTHING', [board.id])
    const subtree = (await this.rows<{ descendant: string }>('SELECT descendant FROM board_tree WHERE ancestor = $1', [board.id])).map((r) => r.descendant)
    if (parent !== null && subtree.includes(parent)) {
      throw new Error(`Board ${board.id} cannot have ${parent} as its parent: ${parent} is below it`)
    }
    await this.run('DELETE FROM board_tree WHERE descendant = ANY($1::text[]) AND NOT (ancestor = ANY($1::text[]))', [subtree])
    if (parent !== null) {
      await this.run(
        `INSERT INTO board_tree (ancestor, descendant)
         SELECT a.ancestor, d.descendant
         FROM (SELECT ancestor FROM board_tree WHERE descendant = $1 UNION SELECT $1) a, unnest($2::text[]) AS d (descendant)
         ON CONFLICT DO NOTHING`,
        [parent, subtree],
      )
    }
    // The messages of the moved boards are now listed under other ancestors.
    const affected = 'm.board_id = ANY($1::text[]) OR m.assignee_board_id = ANY($1::text[])'
    // Their counters leave the boards they were under and join those they are under now.
    const moved = contributionsOf(await this.rows<{ id: string; doc: string }>(`SELECT m.id, m.doc FROM messages m WHERE ${affected}`, [subtree]))
    await applyCounters(this.#run, [...moved].map(([id, c]) => [id, counterRows(c, -1)] as const))
    await this.run(`DELETE FROM message_boards WHERE seq IN (SELECT m.seq FROM messages m WHERE ${affected})`, [subtree])
    await this.run(rebuildMessageBoards(`(${affected})`), [subtree])
    await applyCounters(this.#run, [...moved].map(([id, c]) => [id, counterRows(c)] as const))
    await hotspots?.after()
  }

  /** {@link rows} as hot spots call it. */
  readonly #query = ((text: string, values?: readonly unknown[]) => this.rows(text, values)) as Query

  async insertMessage(message: Message, trackingHash: string): Promise<void> {
    // One statement (one round trip): the row, its events and its places in the board closure. The
    // unique constraints refuse a second id or tracking hash, also of two instances at once.
    const columns = messageColumns(message, message.timeline)
    let seq: number
    try {
      const [inserted] = await this.rows<{ seq: string }>(
        `WITH m AS (
           INSERT INTO messages (id, board_id, assignee_board_id, status, type, domain, tracking_hash, created_ms, published_ms,
             due_ms, reviewed_at, replied_at, due_at, overall, search_text, grams, doc, public_doc, public_version)
           VALUES (${placeholders(19)}) RETURNING seq, board_id, assignee_board_id, created_ms, published_ms, status, due_ms
         ), e AS (
           INSERT INTO events (message_seq, n, doc)
           SELECT m.seq, ordinality - 1, doc FROM m, unnest($20::text[]) WITH ORDINALITY AS e (doc, ordinality)
         )
         ${rebuildMessageBoards('TRUE', 'm')} RETURNING seq`,
        [message.id, ...columns.slice(0, 5), trackingHash, ...columns.slice(5), message.timeline.map((event) => JSON.stringify(event))],
      )
      seq = Number(inserted!.seq)
    } catch (error) {
      const constraint = (error as { code?: unknown; constraint?: unknown }).code === '23505' ? (error as { constraint?: unknown }).constraint : undefined
      if (constraint === 'messages_id_key') throw new Error(duplicateId(message.id), { cause: error })
      if (constraint === 'messages_tracking_hash') throw new Error(DUPLICATE_TRACKING_CODE, { cause: error })
      throw error
    }
    // A submission awaits review and counts nothing: no second statement.
    await applyCounters(this.#run, [[message.id, counterRows(contributionOf(message))]])
    await groupNewMessage(pgGroupWriter(this.#query), message, seq)
  }

  readonly #run: Run = (text, values) => this.run(text, values)

  async updateMessage(message: Message, options: { trackingHash?: string } = {}): Promise<void> {
    const [stored] = await this.rows<{ seq: string; tracking_hash: string; boards: string; doc: string; events: string[] }>(
      `SELECT m.seq, m.tracking_hash, ${CLOSURE_KEY} AS boards, m.doc,
         ARRAY(SELECT e.doc FROM events e WHERE e.message_seq = m.seq ORDER BY e.n) AS events
       FROM messages m WHERE m.id = $1 FOR UPDATE`,
      [message.id],
    )
    if (!stored) throw new Error(`There is no message ${message.id} to update; insert it first`)
    const added = appendOnlyTimeline(stored.events.length, message)
    const hash = options.trackingHash ?? stored.tracking_hash
    if (hash !== stored.tracking_hash && (await this.rows('SELECT 1 FROM messages WHERE tracking_hash = $1', [hash])).length > 0) {
      throw new Error(DUPLICATE_TRACKING_CODE)
    }
    // The public view shows the timeline as stored: the stored events, then the new ones.
    const columns = messageColumns(message, () => [...stored.events.map((doc) => JSON.parse(doc) as Message['timeline'][number]), ...added])
    await updateCounters(this.#run, JSON.parse(stored.doc) as Message, message, async () => {
    const [after] = await this.rows<{ boards: string }>(
      `UPDATE messages m SET board_id = $2, assignee_board_id = $3, status = $4, type = $5, domain = $6, tracking_hash = $7,
         created_ms = $8, published_ms = $9, due_ms = $10, reviewed_at = $11, replied_at = $12, due_at = $13, overall = $14,
         search_text = $15, grams = $16, doc = $17, public_doc = $18, public_version = $19
       WHERE m.seq = $1
       RETURNING ${CLOSURE_KEY} AS boards`,
      [stored.seq, ...columns.slice(0, 5), hash, ...columns.slice(5)],
    )
    await this.#appendEvents(stored.seq, stored.events.length, added)
    if (after!.boards !== stored.boards) {
      await this.run('DELETE FROM message_boards WHERE seq = $1', [stored.seq])
      await this.run(rebuildMessageBoards('m.seq = $1'), [stored.seq])
    }
    })
  }

  async putSetting(name: string, value: string): Promise<void> {
    await this.run('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value])
  }

  async upgradeTrackingCodes(hash: (code: string) => Promise<string>): Promise<number> {
    // Hashes are 64 hex digits; a code in the clear (12 characters) is anything else. This store
    // never kept codes in the clear, but a database copied from an older one may hold some.
    const rows = await this.rows<{ seq: string; tracking_hash: string }>(
      'SELECT seq, tracking_hash FROM messages WHERE length(tracking_hash) <> 64 ORDER BY seq LIMIT 1000',
    )
    if (rows.length === 0) return 0
    for (const row of rows) {
      await this.run(`UPDATE messages SET tracking_hash = $1, doc = (doc::jsonb - 'trackingCode')::text WHERE seq = $2`, [
        await hash(row.tracking_hash),
        row.seq,
      ])
    }
    await this.run(`DELETE FROM idempotency WHERE strpos(response, 'trackingCode') > 0 OR strpos(response, '/tracking/') > 0`)
    return rows.length
  }

  async putToken(token: StaffToken): Promise<void> {
    await this.run('INSERT INTO tokens (hash, doc) VALUES ($1, $2) ON CONFLICT (hash) DO UPDATE SET doc = excluded.doc', [token.hash, JSON.stringify(token)])
  }

  async deleteToken(tokenHash: string): Promise<boolean> {
    return (await this.run('DELETE FROM tokens WHERE hash = $1', [tokenHash])) > 0
  }

  async beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    // The primary key decides: of two instances claiming one key, the second waits for the first
    // to commit, inserts nothing, and reads the winner's claim.
    const inserted = await this.run(
      `INSERT INTO idempotency (scope, key, fingerprint, state, created_at, created_ms, response)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scope, key) DO NOTHING`,
      [
        record.scope,
        record.key,
        record.fingerprint,
        record.state,
        record.createdAt,
        instant(record.createdAt, 'createdAt'),
        record.response === undefined ? null : JSON.stringify(record.response),
      ],
    )
    return inserted === 0 ? this.getIdempotency(record.scope, record.key) : undefined
  }

  async completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
    const changed = await this.run("UPDATE idempotency SET state = 'done', response = $1 WHERE scope = $2 AND key = $3", [
      JSON.stringify(response),
      scope,
      key,
    ])
    if (changed === 0) throw new Error(NO_IDEMPOTENCY_CLAIM)
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    await this.run('DELETE FROM idempotency WHERE scope = $1 AND key = $2', [scope, key])
  }

  async expireIdempotency(before: string): Promise<number> {
    return this.run('DELETE FROM idempotency WHERE created_ms < $1', [instant(before, 'before')])
  }

  async #appendEvents(seq: string, first: number, events: Message['timeline']): Promise<void> {
    if (events.length === 0) return
    await this.run(
      'INSERT INTO events (message_seq, n, doc) SELECT $1, $2 + ordinality - 1, doc FROM unnest($3::text[]) WITH ORDINALITY AS e (doc, ordinality)',
      [seq, first, events.map((event) => JSON.stringify(event))],
    )
  }

  async putReplyTemplate(template: ReplyTemplate): Promise<void> {
    await putTemplate((text, values) => this.run(text, values), template)
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    return deleteTemplate((text, values) => this.run(text, values), id)
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ')
}

/**
 * The values of a message row after `id`, in the order of the INSERT's columns with the tracking
 * hash left out (it goes between `domain` and `created_ms`). `timeline` is the whole timeline as
 * it will be stored, given lazily: only a message the public may see needs it for its view.
 */
function messageColumns(message: Message, timeline: Message['timeline'] | (() => Message['timeline'])): unknown[] {
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

// Writes of the SQLite store, inside one transaction of its group commit.
import { isPubliclyVisible, toPublicMessage } from '@liuyan/core'
import type { Board, Message, ReplyTemplate } from '@liuyan/core'
import type Database from 'better-sqlite3'
import {
  appendOnlyTimeline,
  DUPLICATE_TRACKING_CODE,
  duplicateId,
  instant,
  NO_IDEMPOTENCY_CLAIM,
  publicSortTime,
  searchText,
} from '../shared.js'
import type {
  IdempotencyRecord,
  StaffToken,
  StoredResponse,
  StoreTransaction,
} from '../types.js'
import { PUBLIC_VIEW_VERSION, settingKey, SqliteReader } from './reader.js'
import { updateTerms, type TermRow } from './keyword.js'
import { BOARD_TREE_SQL, scopeOf } from './schema.js'
import { hotspotsBoardChange, sqliteGroupWriter } from './hotspots.js'
import { groupNewMessage } from '../hotspots.js'
import { deleteTemplate, putTemplate } from './staff-tools.js'
import { heatMonth } from './paths.js'
import { SqliteOutbox } from './outbox.js'
import { contributionOf, counterRows } from '../stats-keeping.js'
import { applyCounters, contributionsWhere, updateCounters } from './stats.js'

/** The `meta` key set once every tracking code is stored as a keyed hash (see upgradeTrackingCodes). */
const CODES_HASHED = 'tracking_codes_hashed'

/** The columns of a new message row, in the order of {@link INSERT_MESSAGE}'s parameters. */
const INSERT_COLUMNS = [
  'id', 'board_id', 'assignee_board_id', 'status', 'type', 'domain', 'tracking_hash', 'created_at', 'created_ms', 'published_at',
  'published_ms', 'due_at', 'due_ms', 'replied_at', 'reviewed_at', 'overall', 'search_text', 'doc', 'public_doc', 'public_version',
] as const
const INSERT_MESSAGE = `INSERT INTO messages (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`

/** Most events of one INSERT: a statement is prepared once per count, so the counts stay few. */
const EVENTS_PER_STATEMENT = 8

export class SqliteTransaction extends SqliteReader implements StoreTransaction {
  override readonly outbox = new SqliteOutbox(this.connection, this.check, true)

  protected run(sql: string, ...params: unknown[]): Database.RunResult {
    this.check()
    return this.connection.statement(sql).run(...params)
  }

  async putBoard(board: Board): Promise<void> {
    const stored = this.get<{ parent: string | null; region: string }>(
      "SELECT json_extract(doc, '$.parentId') AS parent, json_extract(doc, '$.region') AS region FROM boards WHERE id = ?",
      board.id,
    )
    // The boards above each board, as insertMessage reads them, may change.
    this.connection.paths.clear()
    const hotspots = hotspotsBoardChange(this.connection, board, stored)
    hotspots?.before()
    this.run('INSERT INTO boards (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', board.id, JSON.stringify(board))
    if (stored && stored.parent === board.parentId) return hotspots?.after()
    // A new or moved board: its subtree has other boards above it now, and so do their messages.
    this.run('DELETE FROM board_tree')
    this.run(BOARD_TREE_SQL)
    const affected = `m.rid IN (SELECT rid FROM messages WHERE board_id IN (SELECT descendant FROM board_tree WHERE ancestor = @board)
      UNION SELECT rid FROM messages WHERE assignee_board_id IN (SELECT descendant FROM board_tree WHERE ancestor = @board))`
    // Their counters leave the boards they were under and join those they are under now.
    const moved = contributionsWhere(this.connection, affected, { board: board.id })
    for (const [id, c] of moved) applyCounters(this.connection, id, counterRows(c, -1))
    this.run(`DELETE FROM message_scope WHERE rid IN (SELECT m.rid FROM messages m WHERE ${affected})`, { board: board.id })
    for (const statement of scopeOf(affected).split(';\n')) this.run(statement, { board: board.id })
    for (const [id, c] of moved) applyCounters(this.connection, id, counterRows(c))
    hotspots?.after()
  }

  async insertMessage(message: Message, trackingHash: string): Promise<void> {
    const row = messageColumns(message, message.timeline)
    row['tracking_hash'] = trackingHash
    let inserted: Database.RunResult
    try {
      // Positional parameters: a named one costs better-sqlite3 two property lookups through V8's API.
      inserted = this.run(INSERT_MESSAGE, ...INSERT_COLUMNS.map((column) => row[column]))
    } catch (error) {
      // The unique keys decide (two lookups fewer than asking first); a second id is named first.
      const text = String((error as Error | undefined)?.message)
      if (!text.startsWith('UNIQUE constraint failed: messages.')) throw error
      if (this.get('SELECT 1 FROM messages WHERE id = ?', message.id)) throw new Error(duplicateId(message.id), { cause: error })
      throw new Error(DUPLICATE_TRACKING_CODE, { cause: error })
    }
    const rid = Number(inserted.lastInsertRowid)
    // The rows the insert triggers wrote before migration 11, held back with the terms and counters.
    const c = this.connection
    const boards = c.paths.scope(c, message.boardId, message.assigneeBoardId)
    c.pending.addScope(boards.map((board) => [board, rid, row['created_ms'] as number, row['published_ms'] as number | null, message.status, row['due_ms'] as number | null]))
    if (message.status !== 'rejected') c.pending.addHeat(c.paths.heatCells(c, message.boardId), heatMonth(row['created_ms'] as number), message.domain, 1)
    applyCounters(c, message.id, counterRows(contributionOf(message)), boards)
    // Its keyword terms come with the next batch (keyword.ts, indexTail); until then it is in the tail.
    this.appendEvents(message.id, 0, message.timeline)
    // The search text is core's similarityText (both the masked, lower-cased title and content).
    const created = { rid, createdMs: row['created_ms'] as number, boards: c.paths.above(c, message.boardId) }
    await groupNewMessage(sqliteGroupWriter(this.connection, created), message, rid, { text: row['search_text'] as string })
  }

  async updateMessage(message: Message, options: { trackingHash?: string } = {}): Promise<void> {
    const stored = this.get<TermRow & { tracking_hash: string; doc: string }>(
      'SELECT rid, tracking_hash, doc, search_text, created_ms, published_ms FROM messages WHERE id = ?',
      message.id,
    )
    if (!stored) throw new Error(`There is no message ${message.id} to update; insert it first`)
    const events = this.connection.statement('SELECT doc FROM events WHERE message_id = ? ORDER BY seq', 'pluck').all(message.id) as string[]
    const added = appendOnlyTimeline(events.length, message)
    const hash = options.trackingHash ?? stored.tracking_hash
    if (hash !== stored.tracking_hash && this.get('SELECT 1 FROM messages WHERE tracking_hash = ?', hash)) {
      throw new Error(DUPLICATE_TRACKING_CODE)
    }
    const columns = {
      // The public view shows the timeline as stored: the stored events, then the new ones.
      ...messageColumns(message, () => [...events.map((doc) => JSON.parse(doc) as Message['timeline'][number]), ...added]),
      tracking_hash: hash,
    }
    updateCounters(this.connection, JSON.parse(stored.doc) as Message, message, () => this.run(
      `UPDATE messages SET board_id = @board_id, assignee_board_id = @assignee_board_id, status = @status, type = @type,
         domain = @domain, tracking_hash = @tracking_hash, created_at = @created_at, created_ms = @created_ms,
         published_at = @published_at, published_ms = @published_ms, due_at = @due_at, due_ms = @due_ms,
         replied_at = @replied_at, reviewed_at = @reviewed_at, overall = @overall, search_text = @search_text, doc = @doc,
         public_doc = @public_doc, public_version = @public_version
       WHERE id = @id`,
      columns,
    ))
    updateTerms(this.connection, stored, { ...(columns as unknown as TermRow), rid: stored.rid })
    this.appendEvents(message.id, events.length, added)
  }

  async putSetting(name: string, value: string): Promise<void> {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', settingKey(name), value)
  }

  async upgradeTrackingCodes(hash: (code: string) => Promise<string>): Promise<number> {
    // Once no code is left in the clear, none ever is again (every store since writes hashes): the
    // scan below reads every message (3.4 s at each start of a 1M-message file), so it runs until
    // then only.
    if (this.all(`SELECT 1 FROM meta WHERE key = '${CODES_HASHED}'`).length > 0) return 0
    // Hashes are 64 hex digits; a code in the clear (12 characters) is anything else.
    const rows = this.all<{ rid: number; tracking_hash: string }>(
      'SELECT rid, tracking_hash FROM messages WHERE length(tracking_hash) <> 64 ORDER BY rid LIMIT 1000',
    )
    if (rows.length === 0) {
      this.run(`INSERT OR IGNORE INTO meta (key, value) VALUES ('${CODES_HASHED}', '1')`)
      return 0
    }
    // Overwrite what is deleted rather than leave it in free pages of the file.
    this.connection.db.pragma('secure_delete = ON')
    for (const row of rows) {
      this.run(
        "UPDATE messages SET tracking_hash = ?, doc = json_remove(doc, '$.trackingCode') WHERE rid = ?",
        await hash(row.tracking_hash),
        row.rid,
      )
    }
    this.connection.db.pragma('secure_delete = OFF')
    // A stored answer of a submission holds its code: forget those (at most a day's worth).
    this.run(`DELETE FROM idempotency WHERE response LIKE '%trackingCode%' OR response LIKE '%/tracking/%'`)
    return rows.length
  }

  async putToken(token: StaffToken): Promise<void> {
    this.run('INSERT INTO tokens (hash, doc) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET doc = excluded.doc', token.hash, JSON.stringify(token))
  }

  async deleteToken(tokenHash: string): Promise<boolean> {
    return this.run('DELETE FROM tokens WHERE hash = ?', tokenHash).changes > 0
  }

  async beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const result = this.run(
      `INSERT INTO idempotency (scope, key, fingerprint, state, created_at, created_ms, response)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING`,
      record.scope,
      record.key,
      record.fingerprint,
      record.state,
      record.createdAt,
      instant(record.createdAt, 'createdAt'),
      record.response === undefined ? null : JSON.stringify(record.response),
    )
    return result.changes === 0 ? this.getIdempotency(record.scope, record.key) : undefined
  }

  async completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
    const result = this.run(
      "UPDATE idempotency SET state = 'done', response = ? WHERE scope = ? AND key = ?",
      JSON.stringify(response),
      scope,
      key,
    )
    if (result.changes === 0) throw new Error(NO_IDEMPOTENCY_CLAIM)
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    this.run('DELETE FROM idempotency WHERE scope = ? AND key = ?', scope, key)
  }

  async expireIdempotency(before: string): Promise<number> {
    return this.run('DELETE FROM idempotency WHERE created_ms < ?', instant(before, 'before')).changes
  }

  /** Appends events in one statement (a new message has one to a few). */
  protected appendEvents(messageId: string, firstSeq: number, events: Message['timeline']): void {
    for (let at = 0; at < events.length; at += EVENTS_PER_STATEMENT) {
      const part = events.slice(at, at + EVENTS_PER_STATEMENT)
      this.run(
        `INSERT INTO events (message_id, seq, doc) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`,
        ...part.flatMap((event, index) => [messageId, firstSeq + at + index, JSON.stringify(event)]),
      )
    }
  }

  async putReplyTemplate(template: ReplyTemplate): Promise<void> {
    putTemplate((sql, ...params) => this.run(sql, ...params), template)
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    return deleteTemplate((sql, ...params) => this.run(sql, ...params), id)
  }
}

/**
 * The columns of a message row. `timeline` is the whole timeline as it will be stored (given
 * lazily: it is needed only to render the public view of a message the public may see).
 */
function messageColumns(
  message: Message,
  timeline: Message['timeline'] | (() => Message['timeline']),
): Record<string, string | number | null> {
  const { timeline: _timeline, ...doc } = message
  const publishedMs = publicSortTime(message)
  // The public view's title and content are the masked text that search reads: masked once.
  const view = isPubliclyVisible(message) ? toPublicMessage({ ...message, timeline: typeof timeline === 'function' ? timeline() : timeline }) : undefined
  return {
    id: message.id,
    board_id: message.boardId,
    assignee_board_id: message.assigneeBoardId ?? null,
    status: message.status,
    type: message.type,
    domain: message.domain,
    created_at: message.createdAt,
    created_ms: instant(message.createdAt, 'createdAt'),
    published_at: publishedMs === undefined ? null : message.publishedAt!,
    published_ms: publishedMs ?? null,
    due_at: message.dueAt ?? null,
    due_ms: message.dueAt === undefined ? null : instant(message.dueAt, 'dueAt'),
    replied_at: message.repliedAt ?? null,
    reviewed_at: message.reviewedAt ?? null,
    overall: message.evaluation?.overall ?? null,
    search_text: searchText(message, view),
    doc: JSON.stringify(doc),
    public_doc: view ? JSON.stringify(view) : null,
    public_version: PUBLIC_VIEW_VERSION,
  }
}

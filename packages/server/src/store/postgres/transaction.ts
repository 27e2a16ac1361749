// Writes of the PostgreSQL store, inside one transaction on one connection.
import type { Board, Message, ReplyTemplate } from '@liuyan/core'
import { appendOnlyTimeline, DUPLICATE_TRACKING_CODE, instant, NO_IDEMPOTENCY_CLAIM } from '../shared.js'
import type { IdempotencyRecord, StaffToken, StoredResponse, StoreTransaction } from '../types.js'
import { BatchingClient, WriteBatch } from './batch.js'
import { prepared, type PgClient } from './driver.js'
import { translate } from './errors.js'
import { PgReader } from './reader.js'
import { pgHotspotsBoardChange, type Query } from './hotspots.js'
import { BOARD_TREE_LOCK, CLOSURE_KEY, messageColumns, rebuildMessageBoards } from './rows.js'
import { deleteTemplate, putTemplate } from './staff-tools.js'
import { counterRows } from '../stats-keeping.js'
import { applyCounters, contributionsOf, updateCounters, type Run } from './stats.js'

export class PgTransaction extends PgReader implements StoreTransaction {
  /** Inserted messages not yet written, and their counters (see postgres/batch.ts). */
  readonly #batch: WriteBatch

  constructor(client: PgClient, check: () => void) {
    const batch = new WriteBatch(client)
    // Reads of messages lock their rows until the transaction ends (SELECT … FOR UPDATE). Every
    // statement first writes what the batch holds.
    super(new BatchingClient(client, batch), check, true)
    this.#batch = batch
  }

  /**
   * Writes what the batch holds, its last statement deferred to go with COMMIT (postgres/batch.ts
   * `finish`); resolves about how many delta rows of hot spots the transaction added (at least 1).
   */
  async finish(): Promise<number> {
    this.check()
    await this.#batch.finish()
    return 1 + this.#batch.deltas
  }

  /** Ends the batch's writes without writing the rest: called before ROLLBACK. */
  abandon(): Promise<void> {
    return this.#batch.abandon()
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
    // Queued and written with others (postgres/batch.ts): the unique constraints refuse a second id
    // or tracking hash when the batch is written, before the transaction's next statement or its
    // COMMIT, and the whole transaction fails.
    this.check()
    this.#batch.insert(message, trackingHash)
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


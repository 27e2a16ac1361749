// The SQLite store on disk: what survives close and reopen, the migrations from each older
// schema (the UNDO_MIGRATION_n below take a database back to before migration n), and the file's own rules.
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../sqlite.js'
import { SCHEMA_VERSION } from './schema.js'
import type { MessageQuery, StaffToken } from '../types.js'
import { board, closeStoresAfterEach, hashOf, ids, insertAll, listAll, makeMessage, makePrivate, makePublished, openStore, publicText, tempDatabase } from '../../../test/store-fixtures.js'

closeStoresAfterEach()

/** Takes a database of this version back to before migration 13: the index of open rows without their status. */
const UNDO_MIGRATION_13 = `DROP INDEX message_scope_open; CREATE INDEX message_scope_open ON message_scope (ancestor, created_ms DESC, rid DESC, due_ms)
  WHERE status IN ('accepted', 'assigned', 'processing')`
/** Takes a database of this version back to before migration 12: counters by month and day only, no `due` key. */
const UNDO_MIGRATION_12 = `${UNDO_MIGRATION_13}; DELETE FROM stats_counts WHERE grain = 2 OR key = 'due'`
/**
 * Takes a database of this version back to the schema before migration 11: the insert triggers of
 * message_scope and hot_heat (stand-ins, as the older migrations below drop them again).
 */
const UNDO_MIGRATION_11 = `${UNDO_MIGRATION_12}; CREATE TRIGGER message_scope_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
  CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages BEGIN SELECT 1; END`
/** Takes a database of this version back to the schema before migration 10 (the inbox by deadline). */
const UNDO_MIGRATION_10 = `${UNDO_MIGRATION_11}; DROP INDEX message_scope_due_key; DROP INDEX messages_due_key`
/** Takes a database of this version back to the schema before migration 9 (the reply templates). */
const UNDO_MIGRATION_9 = `${UNDO_MIGRATION_10}; DROP TABLE reply_templates`
/** Takes a database of this version back to the schema before migration 8 (hot spots). */
const UNDO_MIGRATION_8 = `${UNDO_MIGRATION_9}; DROP TRIGGER hot_heat_insert; DROP TRIGGER hot_heat_status; DROP TABLE hot_heat;
  DROP TABLE hot_bands; DROP TABLE hot_members; DROP TABLE hot_scope; DROP TABLE hot_spans`

/** Takes a database of this version back to the schema before migration 7 (the FTS5 table, filled again). */
const UNDO_MIGRATION_7 = `${UNDO_MIGRATION_8}; DROP TABLE message_terms;
  CREATE VIRTUAL TABLE messages_fts USING fts5 (search_text, content = 'messages', content_rowid = 'rid', tokenize = 'trigram');
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN SELECT 1; END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN SELECT 1; END;
  INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')`

/** Takes a database of this version back to the schema before migration 6 (the statistics counters). */
const UNDO_MIGRATION_6 = `${UNDO_MIGRATION_7}; DROP INDEX message_scope_due; DROP TABLE stats_counts`
/** Takes a database of this version back to the schema before migration 5 (the outbox). */
const UNDO_MIGRATION_5 = `${UNDO_MIGRATION_6}; DROP TABLE delivery_attempts; DROP TABLE deliveries; DROP TABLE webhook_events; DROP TABLE webhooks; DROP TABLE outbox`

/** Takes a database of this version back to the schema before migration 4. */
const UNDO_MIGRATION_4 = `${UNDO_MIGRATION_5}; DROP TRIGGER message_scope_insert; DROP TRIGGER message_scope_update; DROP TRIGGER message_scope_delete;
  DROP TABLE message_scope; DROP TABLE board_tree`

/** Takes a database of this version back to the schema before migration 3. */
const UNDO_MIGRATION_3 = `${UNDO_MIGRATION_4}; ALTER TABLE messages RENAME COLUMN tracking_hash TO tracking_code;
  DROP INDEX messages_public; DROP INDEX messages_staff;
  CREATE INDEX messages_public ON messages (published_ms DESC, id DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_staff ON messages (created_ms DESC, id DESC)`

describe('sqlite store on disk', () => {
  it('keeps every kind of data across close and reopen of the same file', async () => {
    const file = tempDatabase()
    const message = makePublished({ boardId: 'b1' })
    const token: StaffToken = { hash: 'c'.repeat(64), label: 'x', roles: ['supervisor'], boardIds: ['b1'], createdAt: '2026-03-01T00:00:00Z' }
    const first = createSqliteStore(file)
    await first.transaction(async (tx) => {
      await tx.putBoard(board('b1'))
      await tx.insertMessage(message, hashOf(message))
      await tx.putToken(token)
      await tx.beginIdempotency({ scope: 'public', key: 'k', fingerprint: 'f', state: 'running', createdAt: '2026-03-01T00:00:00Z' })
    })
    await first.close()

    const second = createSqliteStore(file)
    openStore(second)
    expect(await second.read.getMessage(message.id)).toEqual(message)
    expect(await second.read.listBoards()).toEqual([board('b1')])
    expect(await second.read.findToken(token.hash)).toEqual(token)
    expect(await second.read.getIdempotency('public', 'k')).toBeDefined()
    expect(ids((await second.read.listMessages({ limit: 10, keyword: '门口路灯', publicOnly: true })).items)).toEqual([message.id])
  })

  it('runs in WAL mode with synchronous FULL and foreign keys on', () => {
    const store = createSqliteStore(tempDatabase())
    openStore(store)
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2)
    expect(store.database.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('migrates once: reopening leaves the schema version and data alone', async () => {
    const file = tempDatabase()
    const first = createSqliteStore(file)
    const version = first.database.pragma('user_version', { simple: true })
    expect(version).toBeGreaterThanOrEqual(1)
    await insertAll(first, [makeMessage()])
    await first.close()
    const second = createSqliteStore(file)
    openStore(second)
    expect(second.database.pragma('user_version', { simple: true })).toBe(version)
    expect(await second.read.countMessages()).toBe(1)
  })

  it('writes one events row per timeline event, appending on update', async () => {
    const store = createSqliteStore(tempDatabase())
    openStore(store)
    const message = makeMessage()
    await insertAll(store, [message])
    await store.transaction(async (tx) =>
      tx.updateMessage({ ...message, timeline: [...message.timeline, { id: 'e1', type: 'accept', at: message.createdAt, actor: { role: 'reviewer' } }] }),
    )
    const rows = store.database.prepare("SELECT seq, json_extract(doc, '$.id') AS id FROM events WHERE message_id = ? ORDER BY seq").all(message.id)
    expect(rows).toEqual([
      { seq: 0, id: message.timeline[0]!.id },
      { seq: 1, id: 'e1' },
    ])
    const doc = store.database.prepare('SELECT doc FROM messages WHERE id = ?').pluck().get(message.id) as string
    expect(JSON.parse(doc)).not.toHaveProperty('timeline')
  })

  it('keeps the public view in the row only while the public may see it', async () => {
    const store = createSqliteStore(tempDatabase())
    openStore(store)
    const pending = makeMessage()
    const shown = makePrivate()
    await insertAll(store, [pending, shown])
    const row = store.database.prepare('SELECT public_doc, public_version FROM messages WHERE id = ?')
    expect(row.get(pending.id)).toEqual({ public_doc: null, public_version: expect.any(Number) })
    expect(row.get(shown.id)).toEqual({ public_doc: publicText(shown), public_version: expect.any(Number) })
  })

  it('renders views stored under another PUBLIC_VIEW_VERSION again: on each read, then in the table at the next start', async () => {
    const file = tempDatabase()
    const first = createSqliteStore(file)
    const pending = makeMessage({ createdAt: '2026-03-01T00:00:00Z' })
    const shown = makePrivate({ createdAt: '2026-03-01T00:00:00Z', publishedAt: '2026-03-01T01:00:00Z' })
    const newer = makePublished({ createdAt: '2026-03-02T00:00:00Z', publishedAt: '2026-03-02T00:00:00Z' })
    await insertAll(first, [pending, shown, newer])
    const version = first.database.prepare('SELECT public_version FROM messages WHERE id = ?').pluck().get(shown.id) as number
    // As if an older release (other masking rules) had written these rows.
    first.database.prepare('UPDATE messages SET public_doc = ?, public_version = ? WHERE id IN (?, ?)').run('{"stale":true}', version - 1, pending.id, shown.id)
    first.database.prepare("UPDATE meta SET value = ? WHERE key = 'public_view_version'").run(version - 1)

    for (const store of [first, createSqliteStore(file, { readonly: true })]) {
      if (store !== first) openStore(store)
      expect(await store.read.getPublicJson(shown.id)).toBe(publicText(shown))
      expect(await store.read.getPublicJson(pending.id)).toBeUndefined()
      expect(await store.read.listPublicJson({ limit: 10 })).toEqual({ items: [publicText(newer), publicText(shown)], nextCursor: null })
      expect(await store.read.listPublicJson({ limit: 1 })).toEqual({ items: [publicText(newer)], nextCursor: expect.any(String) })
    }
    await first.close()

    // A maintenance tool's writable open leaves the rows to the server's next start.
    const tool = createSqliteStore(file, { refreshPublicViews: false })
    expect(tool.database.prepare('SELECT public_version FROM messages WHERE id = ?').pluck().get(shown.id)).toBe(version - 1)
    await tool.close()

    const second = createSqliteStore(file)
    openStore(second)
    const rows = second.database.prepare('SELECT id, public_doc, public_version FROM messages ORDER BY id').all()
    expect(rows).toEqual(
      [
        { id: pending.id, public_doc: null, public_version: version },
        { id: shown.id, public_doc: publicText(shown), public_version: version },
        { id: newer.id, public_doc: publicText(newer), public_version: version },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    )
  })

  it('commits transactions that queue up together, each one whole: a throwing one alone is rolled back', async () => {
    const store = createSqliteStore(tempDatabase())
    openStore(store)
    const messages = Array.from({ length: 30 }, () => makeMessage())
    const boom = new Error('boom')
    const seen: Array<Promise<unknown>> = []
    const results = await Promise.allSettled(
      messages.map((message, index) =>
        store
          .transaction(async (tx) => {
            await tx.insertMessage(message, hashOf(message))
            if (index % 10 === 5) throw boom
            // Later transactions of the group see the work of earlier ones.
            return tx.countMessages()
          })
          // Resolved means committed: a reader on another connection sees it at once.
          .then((count) => {
            seen.push(store.read.getMessage(message.id))
            return count
          }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(messages.map((_, i) => (i % 10 === 5 ? 'rejected' : 'fulfilled')))
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([boom, boom, boom])
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(
      Array.from({ length: 27 }, (_, i) => i + 1),
    )
    for (const message of await Promise.all(seen)) expect(message).toBeDefined()
    expect(await store.read.countMessages()).toBe(27)
    for (const [index, message] of messages.entries()) {
      expect(await store.read.getMessage(message.id)).toEqual(index % 10 === 5 ? undefined : message)
    }
  })

  it('fails the earlier transactions of a group when SQLite rolls the whole group back, and goes on with the rest', async () => {
    const store = createSqliteStore(tempDatabase())
    openStore(store)
    const [a, c] = [makeMessage(), makeMessage()]
    const ioError = new Error('disk I/O error')
    const results = await Promise.allSettled([
      store.transaction(async (tx) => tx.insertMessage(a, hashOf(a))),
      store.transaction(async () => {
        // What SQLite does on an I/O error or a full disk: the whole transaction is gone.
        store.database.exec('ROLLBACK')
        throw ioError
      }),
      store.transaction(async (tx) => tx.insertMessage(c, hashOf(c))),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled'])
    expect((results[0] as PromiseRejectedResult).reason).toBe(ioError)
    expect(await store.read.getMessage(a.id)).toBeUndefined()
    expect(await store.read.getMessage(c.id)).toEqual(c)
  })

  it('shows what another connection (another process) commits on the next public read', async () => {
    const file = tempDatabase()
    const server = createSqliteStore(file)
    const other = createSqliteStore(file)
    openStore(server)
    openStore(other)
    const first = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
    await insertAll(server, [first])
    expect((await server.read.listPublicJson({ limit: 5 })).items).toEqual([publicText(first)])
    const second = makePublished({ publishedAt: '2026-03-02T00:00:00Z' })
    await insertAll(other, [second])
    expect((await server.read.listPublicJson({ limit: 5 })).items).toEqual([publicText(second), publicText(first)])
    await other.transaction(async (tx) => tx.updateMessage({ ...second, publish: false }))
    expect((await server.read.listPublicJson({ limit: 5 })).items).toEqual([publicText(first)])
  })

  it('migrates a version-2 database: tracking codes become hashes, ties order by insertion', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    const at = '2026-03-02T09:00:00+08:00'
    const messages = ['m-b', 'm-a'].map((id) => makePublished({ id, createdAt: at }))
    await insertAll(old, messages)
    old.database.exec(`${UNDO_MIGRATION_3}; PRAGMA user_version = 2`)
    // Version 2 kept each code in the clear, in its column and in the document.
    old.database.prepare("UPDATE messages SET tracking_code = ?, doc = json_set(doc, '$.trackingCode', ?) WHERE id = ?").run('K7mPq2xR9tWz', 'K7mPq2xR9tWz', 'm-b')
    old.database.prepare("UPDATE messages SET tracking_code = ?, doc = json_set(doc, '$.trackingCode', ?) WHERE id = ?").run('H8nQr3ySaUxA', 'H8nQr3ySaUxA', 'm-a')
    old.database.prepare("INSERT INTO idempotency VALUES ('public', 'k1', 'f', 'done', ?, 0, ?)").run(at, JSON.stringify({ status: 201, headers: {}, body: '{"trackingCode":"K7mPq2xR9tWz"}' }))
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    // Until the service hashes them, no reader hands a code out with the message.
    expect(JSON.stringify(await store.read.getMessage('m-b'))).not.toContain('K7mPq2xR9tWz')
    const hash = async (code: string) => createHash('sha256').update(`key:${code}`).digest('hex')
    expect(await store.transaction((tx) => tx.upgradeTrackingCodes(hash))).toBe(2)
    expect(await store.transaction((tx) => tx.upgradeTrackingCodes(hash))).toBe(0)
    // Done once, the upgrade no longer reads the messages (no store writes a code in the clear again).
    store.database.prepare("UPDATE messages SET tracking_hash = 'stand-in-12c' WHERE id = 'm-a'").run()
    expect(await store.transaction((tx) => tx.upgradeTrackingCodes(hash))).toBe(0)
    store.database.prepare('UPDATE messages SET tracking_hash = ? WHERE id = ?').run(await hash('H8nQr3ySaUxA'), 'm-a')
    expect((await store.read.getMessageByTrackingHash(await hash('K7mPq2xR9tWz')))?.id).toBe('m-b')
    const raw = store.database.prepare('SELECT group_concat(tracking_hash || doc) FROM messages').pluck().get() as string
    expect(raw).not.toMatch(/K7mPq2xR9tWz|H8nQr3ySaUxA/)
    expect(await store.read.getIdempotency('public', 'k1')).toBeUndefined()
    // Equal times: the later insertion (m-a) first, whatever the ids say.
    expect((await listAll(store, { limit: 1, publicOnly: true })).map((m) => m.id)).toEqual(['m-a', 'm-b'])
  })

  it('migrates a version-3 database: board filters read the indexed ancestry of boards stored before', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p'), board('u', 'c')]) await tx.putBoard(b)
    })
    const messages = [
      makePublished({ id: 'm-1', boardId: 'u', createdAt: '2026-03-01T00:00:00Z' }),
      makePublished({ id: 'm-2', boardId: 'x', assigneeBoardId: 'c', createdAt: '2026-03-02T00:00:00Z' }),
      makeMessage({ id: 'm-3', boardId: 'x', createdAt: '2026-03-03T00:00:00Z' }),
    ]
    await insertAll(old, messages)
    old.database.exec(`${UNDO_MIGRATION_4}; PRAGMA user_version = 3`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const ids = async (query: Partial<MessageQuery>) => (await listAll(store, { limit: 1, ...query })).map((m) => m.id)
    expect(await ids({ boardIds: ['p'] })).toEqual(['m-2', 'm-1'])
    expect(await ids({ boardIds: ['u'] })).toEqual(['m-1'])
    expect(await ids({ boardIds: ['x'], publicOnly: true })).toEqual(['m-2'])
    expect(await ids({ boardIds: ['x'] })).toEqual(['m-3', 'm-2'])
    expect((await store.read.boardStats({ boardId: 'p', now: '2026-03-10T00:00:00Z' })).received).toBe(2)
  })

  it('migrates a version-4 database: an empty outbox, whose subscriptions match boards stored before', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    await insertAll(old, [makePublished({ id: 'm-1', boardId: 'c' })])
    old.database.exec(`${UNDO_MIGRATION_5}; PRAGMA user_version = 4`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.migration).toEqual({ from: 4, to: SCHEMA_VERSION })
    expect(await store.read.outbox.listWebhooks()).toEqual([])
    const hook = { id: 'w', url: 'http://127.0.0.1:9/', kind: 'standard' as const, boardId: 'p', events: ['message.submitted' as const], private: false,
      createdBy: 't', createdAt: '2026-03-01T00:00:00Z', secret: 'whsec_AAAA', ownerHash: 'f' }
    await store.transaction(async (tx) => {
      await tx.outbox.putWebhook(hook)
      await tx.outbox.appendEvents([{ id: 'evt_m-1_1', type: 'message.submitted', messageId: 'm-1', boardIds: ['c'], occurredAt: '2026-03-01T00:00:00Z',
        payload: '{}', privatePayload: '{}', staffOnly: false }], '2026-03-01T00:00:00Z')
    })
    expect(await store.read.outbox.countDeliveries({ webhookId: 'w', state: 'pending' })).toBe(1)
  })

  it('migrates a version-5 database: the statistics counters count the messages stored before', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    const replied = { reviewedAt: '2026-03-02T10:00:00+08:00', repliedAt: '2026-03-04T10:00:00+08:00', status: 'replied' as const }
    await insertAll(old, [makePublished({ id: 'm-1', boardId: 'c', ...replied }), makePublished({ id: 'm-2', boardId: 'p' }), makeMessage({ id: 'm-3', boardId: 'c' })])
    const now = '2026-03-10T00:00:00Z'
    const before = await old.read.boardStats({ boardId: 'p', now })
    expect(before).toMatchObject({ received: 2, replied: 1, medianReplyWorkingDays: 2 })
    old.database.exec(`${UNDO_MIGRATION_6}; PRAGMA user_version = 5`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.migration).toEqual({ from: 5, to: SCHEMA_VERSION })
    expect(await store.read.boardStats({ boardId: 'p', now })).toEqual(before)
    expect((await store.read.boardStats({ boardId: 'c', now })).received).toBe(1)
  })

  it('migrates a version-11 database: the counters of each year and of open deadlines, from the rows there', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    const open = { status: 'assigned' as const, reviewedAt: '2025-12-02T10:00:00+08:00' }
    await insertAll(old, [
      makePublished({ id: 'm-1', boardId: 'c', createdAt: '2024-05-01T00:00:00Z', ...open, dueAt: '2024-05-20T00:00:00Z' }),
      makePublished({ id: 'm-2', boardId: 'c', createdAt: '2025-12-01T00:00:00Z', ...open, dueAt: '2026-03-20T00:00:00Z' }),
      makePublished({ id: 'm-3', boardId: 'p', createdAt: '2026-03-01T00:00:00Z', reviewedAt: '2026-03-02T10:00:00+08:00', repliedAt: '2026-03-04T10:00:00+08:00', status: 'replied' }),
    ])
    const rows = (db: typeof old.database) => db.prepare('SELECT * FROM stats_counts ORDER BY board, grain, period, key').all()
    const counted = rows(old.database)
    const now = '2026-03-10T00:00:00Z'
    const read = (s: typeof old) => Promise.all([{}, { from: '2024-01-01', to: '2025-12-31' }, { from: '2025-06-15' }].map((days) => s.read.boardStats({ boardId: 'p', now, ...days })))
    const before = await read(old)
    expect(before.map((s) => [s.received, s.overdue])).toEqual([[3, 1], [2, 1], [2, 0]])
    old.database.exec(`${UNDO_MIGRATION_12}; PRAGMA user_version = 11`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.migration).toEqual({ from: 11, to: SCHEMA_VERSION })
    expect(rows(store.database)).toEqual(counted)
    expect(await read(store)).toEqual(before)
  })

  it('migrates a version-12 database: the overdue inbox reads the open rows in their index alone', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    await insertAll(old, [
      makeMessage({ id: 'm-1', boardId: 'c', status: 'assigned', dueAt: '2026-03-02T00:00:00Z', createdAt: '2026-02-20T00:00:00Z' }),
      makeMessage({ id: 'm-2', boardId: 'c', status: 'assigned', dueAt: '2026-03-20T00:00:00Z', createdAt: '2026-02-21T00:00:00Z' }),
      makeMessage({ id: 'm-3', boardId: 'p', status: 'replied', dueAt: '2026-03-02T00:00:00Z', createdAt: '2026-02-22T00:00:00Z' }),
    ])
    old.database.exec(`${UNDO_MIGRATION_13}; PRAGMA user_version = 12`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.migration).toEqual({ from: 12, to: SCHEMA_VERSION })
    expect(ids(await listAll(store, { boardIds: ['p'], overdueAt: '2026-03-10T00:00:00Z', limit: 1 }))).toEqual(['m-1'])
    expect(store.database.prepare("SELECT sql FROM sqlite_master WHERE name = 'message_scope_open'").pluck().get()).toContain('due_ms, status)')
  })

  it('migrates a version-6 database: keywords read the terms of the messages stored before', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    const messages = [
      makePublished({ id: 'm-1', boardId: 'c', createdAt: '2026-03-01T00:00:00Z', title: '井盖丢失', content: '井盖不见了。' }),
      makePublished({ id: 'm-2', boardId: 'c', createdAt: '2026-03-02T00:00:00Z' }),
      makeMessage({ id: 'm-3', boardId: 'p', createdAt: '2026-03-03T00:00:00Z' }),
    ]
    await insertAll(old, messages)
    old.database.exec(`${UNDO_MIGRATION_7}; PRAGMA user_version = 6`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const found = async (query: Partial<MessageQuery>) => (await listAll(store, { limit: 1, ...query })).map((m) => m.id)
    expect(await found({ keyword: '灯' })).toEqual(['m-3', 'm-2'])
    expect(await found({ keyword: '井盖' })).toEqual(['m-1'])
    expect(await found({ keyword: '门口路灯', publicOnly: true, boardIds: ['p'] })).toEqual(['m-2'])
    expect(await found({ keyword: '火星' })).toEqual([])
    expect(store.database.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get('messages_fts')).toBe(0)
  })

  it('migrates a version-9 database: the inbox by deadline reads the messages stored before', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    await old.transaction(async (tx) => {
      for (const b of [board('p'), board('c', 'p')]) await tx.putBoard(b)
    })
    await insertAll(old, [
      makeMessage({ id: 'm-1', boardId: 'c', createdAt: '2026-03-01T00:00:00Z' }),
      makeMessage({ id: 'm-2', boardId: 'c', status: 'assigned', dueAt: '2026-03-09T00:00:00Z', createdAt: '2026-03-02T00:00:00Z' }),
      makeMessage({ id: 'm-3', boardId: 'p', status: 'processing', dueAt: '2026-03-05T00:00:00Z', createdAt: '2026-03-03T00:00:00Z' }),
    ])
    old.database.exec(`${UNDO_MIGRATION_10}; PRAGMA user_version = 9`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    for (const query of [{}, { boardIds: ['p'] }]) expect(ids(await listAll(store, { ...query, sort: 'due', limit: 1 }))).toEqual(['m-3', 'm-2', 'm-1'])
    expect(store.database.prepare('SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)').pluck().get('message_scope_due_key', 'messages_due_key')).toBe(2)
  })

  it('migrates a version-1 database, rendering the public view of every stored message', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file)
    const messages = [makeMessage(), makePrivate(), makePublished({ publish: false }), ...Array.from({ length: 1200 }, () => makePublished())]
    await insertAll(old, messages)
    // Back to the schema of migration 1.
    old.database.exec(`${UNDO_MIGRATION_3}; ALTER TABLE messages DROP COLUMN public_doc; ALTER TABLE messages DROP COLUMN public_version; DROP TABLE meta; PRAGMA user_version = 1`)
    await old.close()

    const store = createSqliteStore(file)
    openStore(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const docs = new Map(
      (store.database.prepare('SELECT id, public_doc FROM messages').raw().all() as [string, string | null][]).map(([id, doc]) => [id, doc]),
    )
    for (const message of messages) {
      expect(docs.get(message.id)).toBe(message.publish && message.status !== 'pending' ? publicText(message) : null)
    }
  })

  it('opens read-only: reads work, writes are refused', async () => {
    const file = tempDatabase()
    const writer = createSqliteStore(file)
    openStore(writer)
    await insertAll(writer, [makeMessage()])
    const reader = createSqliteStore(file, { readonly: true })
    openStore(reader)
    expect(await reader.read.countMessages()).toBe(1)
    await expect(reader.transaction(async () => undefined)).rejects.toThrow(/read-only/)
  })

  it('works in memory', async () => {
    const store = createSqliteStore(':memory:')
    openStore(store)
    await insertAll(store, [makeMessage()])
    expect(await store.read.countMessages()).toBe(1)
  })

  it('creates the folder of the database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'nested', 'deeper', 'board.db')
    const store = createSqliteStore(file)
    openStore(store)
    expect(await store.read.countMessages()).toBe(0)
  })
})

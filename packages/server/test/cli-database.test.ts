// The CLI's tracking key and `migrate`, as a child process from the built dist/cli.js.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { NewMessageSchema, type SubmissionResult } from '@liuyan/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoardService } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { SCHEMA_VERSION } from '../src/store/sqlite/schema.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'

beforeAll(() => ensureBuilt(), 240_000)

afterAll(cleanUp)

describe('liuyan-server tracking key', () => {
  it('keeps the key in a 0600 file beside the database, and refuses to start with a lost or wrong key', async () => {
    const dir = tempDir()
    const db = join(dir, 'board.db')
    const keyFile = `${db}.key`
    const first = await start(['--port', '0', '--db', db, '--seed', 'demo'])
    expect(first.stdout()).toContain(`tracking key: ${keyFile} (created`)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const ack = (await (
      await fetch(`${first.url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ boardId: '220100-gov', type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？', author: { nickname: '市民' } }),
      })
    ).json()) as SubmissionResult
    expect(await stop(first)).toBe(0)
    expect(readFileSync(db).toString('latin1')).not.toContain(ack.trackingCode)

    // The same key next time: the code still works.
    const second = await start(['--port', '0', '--db', db])
    expect(second.stdout()).toContain(`tracking key: ${keyFile}\n`)
    expect((await fetch(`${second.url}/api/v1/tracking/${ack.trackingCode}`)).status).toBe(200)
    expect(await stop(second)).toBe(0)

    const key = readFileSync(keyFile, 'utf8')
    rmSync(keyFile)
    const lost = run(['--port', '0', '--db', db])
    expect((await lost.exited).code).toBe(2)
    expect(lost.stderr()).toMatch(/tracking key file .*board\.db\.key is missing/)
    expect(existsSync(keyFile)).toBe(false)

    const wrong = run(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: 'another-key-of-more-than-32-bytes-0123456789' })
    expect((await wrong.exited).code).toBe(2)
    expect(wrong.stderr()).toMatch(/not the one this database's tracking codes were stored with/)
    expect(wrong.stderr()).not.toContain('another-key')

    const short = run(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: 'short' })
    expect((await short.exited).code).toBe(2)
    expect(short.stderr()).toMatch(/shorter than 32 bytes/)

    const restored = await start(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: key.trim() })
    expect(restored.stdout()).toContain('tracking key: from LIUYAN_TRACKING_KEY')
    expect((await fetch(`${restored.url}/api/v1/tracking/${ack.trackingCode}`)).status).toBe(200)
    expect(await stop(restored)).toBe(0)
  }, 60_000)
})

describe('liuyan-server migrate', () => {
  it('brings an older database up to date: schema, and tracking codes that were kept in the clear', async () => {
    const db = join(tempDir(), 'board.db')
    const store = createSqliteStore(db)
    const service = createBoardService({ store })
    await service.putBoards([{ id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }])
    const { id, trackingCode } = await service.submit(
      NewMessageSchema.parse({ boardId: '220100-gov', type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？', author: { nickname: '市民' } }),
    )
    // Back to version 2, which kept the code in the clear and knew no tracking key (and had no
    // indexed ancestry, migration 4, nor outbox, counters, terms of keywords, hot spots, reply templates or the
    // indexes of the inbox by deadline, migrations 5–10; migration 11 dropped two insert triggers,
    // put back here as stand-ins for the older migrations to drop again).
    store.database.exec(`CREATE TRIGGER message_scope_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      DROP INDEX message_scope_due_key; DROP INDEX messages_due_key; DROP TABLE reply_templates; DROP TRIGGER hot_heat_insert; DROP TRIGGER hot_heat_status; DROP TABLE hot_heat;
      DROP TABLE hot_bands; DROP TABLE hot_members; DROP TABLE hot_scope; DROP TABLE hot_spans;
      DROP TABLE message_terms;
      CREATE VIRTUAL TABLE messages_fts USING fts5 (search_text, content = 'messages', content_rowid = 'rid', tokenize = 'trigram');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN SELECT 1; END;
      DROP INDEX message_scope_due; DROP TABLE stats_counts;
      DROP TABLE delivery_attempts; DROP TABLE deliveries; DROP TABLE webhook_events; DROP TABLE webhooks; DROP TABLE outbox;
      DROP TRIGGER message_scope_insert; DROP TRIGGER message_scope_update; DROP TRIGGER message_scope_delete;
      DROP TABLE message_scope; DROP TABLE board_tree;
      ALTER TABLE messages RENAME COLUMN tracking_hash TO tracking_code;
      DROP INDEX messages_public; DROP INDEX messages_staff;
      CREATE INDEX messages_public ON messages (published_ms DESC, id DESC) WHERE published_ms IS NOT NULL;
      CREATE INDEX messages_staff ON messages (created_ms DESC, id DESC);
      DELETE FROM meta WHERE key LIKE 'setting:%' OR key = 'tracking_codes_hashed'; PRAGMA user_version = 2`)
    store.database.prepare('UPDATE messages SET tracking_code = ? WHERE id = ?').run(trackingCode, id)
    await store.close()

    const first = run(['migrate', '--db', db])
    expect((await first.exited).code, first.stderr()).toBe(0)
    expect(first.stdout()).toContain(`${db}: schema version ${SCHEMA_VERSION} (migrated from 2); tracking codes stored as keyed hashes (key ${db}.key, created)`)
    expect(readFileSync(db).toString('latin1')).not.toContain(trackingCode)
    const again = run(['migrate', '--db', db])
    expect((await again.exited).code).toBe(0)
    expect(again.stdout()).toContain(`schema version ${SCHEMA_VERSION} (already up to date)`)

    // The author's old code still works on the server, with the key the migration made.
    const server = await start(['--port', '0', '--db', db])
    expect((await fetch(`${server.url}/api/v1/tracking/${trackingCode}`)).status).toBe(200)
    expect(await stop(server)).toBe(0)

    const wrong = run(['migrate', '--db', db], { LIUYAN_TRACKING_KEY: 'another-key-of-more-than-32-bytes-0123456789' })
    expect((await wrong.exited).code).toBe(2)
    const missing = run(['migrate', '--db', join(tempDir(), 'nothing.db')])
    expect((await missing.exited).code).toBe(1)
    expect(missing.stderr()).toMatch(/there is no database at/)
  }, 60_000)
})

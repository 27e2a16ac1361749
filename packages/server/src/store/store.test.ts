import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageSchema, toPublicMessage } from '@liuyan/core'
import type { Board, Message, MessageStatus } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabase, openingStore } from '../../test/postgres-database.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore } from './postgres.js'
import { createSqliteStore } from './sqlite.js'
import { SCHEMA_VERSION } from './sqlite/schema.js'
import { InvalidCursorError } from './types.js'
import type { IdempotencyRecord, MessageQuery, StaffToken, Store, StoreTransaction } from './types.js'

let serial = 0

/** A stand-in for the keyed hash of a message's tracking code: 64 hex digits, unique per id. */
function hashOf(message: Pick<Message, 'id'>): string {
  return createHash('sha256').update(message.id).digest('hex')
}

/**
 * Takes a database of this version back to the schema before migration 11: the insert triggers of
 * message_scope and hot_heat (stand-ins, as the older migrations below drop them again).
 */
const UNDO_MIGRATION_11 = `CREATE TRIGGER message_scope_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
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

/** A message that passes core's MessageSchema; overrides win. */
function makeMessage(overrides: Partial<Message> = {}): Message {
  serial++
  const id = overrides.id ?? `m${String(serial).padStart(6, '0')}`
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00+08:00'
  return MessageSchema.parse({
    id,
    boardId: '220100-gov',
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    images: [],
    imagesPublic: false,
    author: { nickname: '市民', maskNickname: false },
    publish: true,
    channel: 'web',
    status: 'pending',
    createdAt,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: `${id}-e0`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
    ...overrides,
  })
}

/** A message that passed review with the author's consent, so the public list shows it. */
function makePublished(overrides: Partial<Message> = {}): Message {
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00+08:00'
  return makeMessage({ status: 'accepted', reviewedAt: createdAt, publishedAt: createdAt, ...overrides })
}

const board = (id: string, parentId: string | null = null): Board => ({
  id,
  name: `Board ${id}`,
  kind: 'agency',
  level: 'city',
  parentId,
  region: '220100',
  acceptsMessages: true,
})

async function insertAll(store: Store, messages: readonly Message[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const message of messages) await tx.insertMessage(message, hashOf(message))
  })
}

/** Every message of a query, page by page, checking that no page is larger than the limit. */
async function listAll(store: Store, query: Omit<MessageQuery, 'cursor'>): Promise<Message[]> {
  const all: Message[] = []
  let cursor: string | undefined
  do {
    const page = await store.read.listMessages(cursor === undefined ? query : { ...query, cursor })
    expect(page.items.length).toBeLessThanOrEqual(query.limit)
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id)

/** What the public sees of a message: core's view, as JSON text. */
const publicText = (message: Message) => JSON.stringify(toPublicMessage(message))

/**
 * Every page of the public JSON list, each checked against listMessages (publicOnly) with core's
 * toPublicMessage: the same text, in the same order, with the same cursor. Returns the ids listed.
 */
async function listPublicAll(store: Store, query: Omit<MessageQuery, 'cursor' | 'publicOnly'>): Promise<string[]> {
  const all: string[] = []
  let cursor: string | undefined
  do {
    const q = cursor === undefined ? query : { ...query, cursor }
    const json = await store.read.listPublicJson(q)
    const page = await store.read.listMessages({ ...q, publicOnly: true })
    expect(json.items).toEqual(page.items.map(publicText))
    expect(json.nextCursor).toEqual(page.nextCursor)
    all.push(...json.items.map((text) => (JSON.parse(text) as { id: string }).id))
    cursor = json.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

/** A published message with what the public must never see: real name, phone, remark, staff notes. */
function makePrivate(overrides: Partial<Message> = {}): Message {
  const message = makePublished({
    status: 'replied',
    title: '路灯坏了请联系13812345678',
    content: '我的身份证号是11010519491231002X，邮箱 wang@example.com，卡号 6222020200112233446。',
    author: { nickname: '王先生', realName: '王小明', phone: '13912345678', maskNickname: true },
    remark: '白天不在家',
    place: { text: '朝阳路12号', public: false },
    images: ['https://example.org/private.jpg'],
    imagesPublic: false,
    repliedAt: '2026-03-03T02:00:00Z',
    posts: [{ kind: 'reply', id: 'p1', organization: '朝阳区住建局', content: '已联系13812345678处理。', createdAt: '2026-03-03T02:00:00Z' }],
    ...overrides,
  })
  message.timeline.push({ id: `${message.id}-e1`, type: 'reply', at: '2026-03-03T02:00:00Z', actor: { role: 'handler', name: '张三' }, note: '内部备注' })
  return message
}

/** The expected newest-first order: by instant, then id, both descending. */
function newestFirst(messages: readonly Message[], time: (m: Message) => string = (m) => m.createdAt): string[] {
  return [...messages]
    .sort((a, b) => Date.parse(time(b)) - Date.parse(time(a)) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((m) => m.id)
}

function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db')
}

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(tempDatabase())],
  ['postgres', () => openingStore(freshDatabase().then(createPostgresStore))],
])('%s store', (_name, create) => {
  function newStore(): Store {
    const store = create()
    open.push(store)
    return store
  }

  describe('messages', () => {
    it('returns a message exactly as inserted, timeline included, by id and by tracking code', async () => {
      const store = newStore()
      const message = makeMessage({
        status: 'replied',
        assigneeBoardId: '220102-jw',
        place: { text: '朝阳区某小区', public: true, coordinates: { lat: 43.88, lng: 125.32 } },
        images: ['https://example.org/a.jpg'],
        imagesPublic: true,
        author: { nickname: '陈先生', realName: '陈小明', phone: '13812345678', maskNickname: true },
        remark: '老问题',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        publishedAt: '2026-03-02T10:00:00+08:00',
        repliedAt: '2026-03-03T02:00:00Z',
        dueAt: '2026-03-09T23:59:59.999+08:00',
        supervised: true,
        reminders: 2,
        posts: [{ kind: 'reply', id: 'p1', organization: '朝阳区住建局', content: '已修复。', createdAt: '2026-03-03T02:00:00Z' }],
        evaluation: { overall: 5, resolution: 5, attitude: 4, speed: 5, comment: '很快' },
      })
      message.timeline.push(
        { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted', dueAt: '2026-03-09T23:59:59.999+08:00' },
        { id: 'e2', type: 'reply', at: '2026-03-03T02:00:00Z', actor: { role: 'handler', name: '张三' }, note: '现场查看' },
      )
      await insertAll(store, [message])

      expect(await store.read.getMessage(message.id)).toEqual(message)
      expect(await store.read.getMessageByTrackingHash(hashOf(message))).toEqual(message)
      expect(await store.read.getMessage('missing')).toBeUndefined()
      expect(await store.read.getMessageByTrackingHash('0'.repeat(64))).toBeUndefined()
      expect(await store.read.countMessages()).toBe(1)
    })

    it('hands out copies, so mutating an argument or a result changes nothing stored', async () => {
      const store = newStore()
      const message = makeMessage()
      const original = structuredClone(message)
      await insertAll(store, [message])
      message.title = '改过的标题'
      message.timeline.push({ id: 'x', type: 'remind', at: message.createdAt, actor: { role: 'supervisor' } })
      const read = (await store.read.getMessage(message.id))!
      read.author.nickname = '别人'
      read.timeline.length = 0
      expect(await store.read.getMessage(message.id)).toEqual(original)
    })

    it('refuses a second message with the same id or tracking hash', async () => {
      const store = newStore()
      const first = makeMessage()
      await insertAll(store, [first])
      await expect(insertAll(store, [makeMessage({ id: first.id })])).rejects.toThrow()
      await expect(store.transaction((tx) => tx.insertMessage(makeMessage(), hashOf(first)))).rejects.toThrow()
      expect(await store.read.countMessages()).toBe(1)
    })

    it('replaces the tracking hash on update when asked, so the old one finds nothing', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      const next = 'b'.repeat(64)
      await store.transaction((tx) => tx.updateMessage(message, { trackingHash: next }))
      expect(await store.read.getMessageByTrackingHash(hashOf(message))).toBeUndefined()
      expect(await store.read.getMessageByTrackingHash(next)).toEqual(message)
      // A plain update keeps the hash.
      await store.transaction((tx) => tx.updateMessage({ ...message, title: '路灯坏了很久' }))
      expect((await store.read.getMessageByTrackingHash(next))?.title).toBe('路灯坏了很久')
      const other = makeMessage()
      await insertAll(store, [other])
      await expect(store.transaction((tx) => tx.updateMessage(other, { trackingHash: next }))).rejects.toThrow()
    })

    it('keeps settings, and a rolled-back setting is not kept', async () => {
      const store = newStore()
      expect(await store.read.getSetting('tracking_key_check')).toBeUndefined()
      await store.transaction((tx) => tx.putSetting('tracking_key_check', 'abc'))
      await expect(
        store.transaction(async (tx) => {
          await tx.putSetting('tracking_key_check', 'other')
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await store.read.getSetting('tracking_key_check')).toBe('abc')
    })

    it('breaks ties of equal times by insertion order, newest first, on every page', async () => {
      const store = newStore()
      const at = '2026-03-02T09:00:00+08:00'
      // Ids chosen so that their order is the reverse of the order of insertion.
      const messages = ['m-z', 'm-y', 'm-x', 'm-w', 'm-v'].map((id) => makePublished({ id, createdAt: at }))
      for (const message of messages) await insertAll(store, [message])
      const expected = [...messages].reverse().map((m) => m.id)
      expect((await listAll(store, { limit: 2 })).map((m) => m.id)).toEqual(expected)
      expect((await listAll(store, { limit: 2, publicOnly: true })).map((m) => m.id)).toEqual(expected)
    })

    it('appends only the new timeline events on update and never rewrites stored ones', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      const accepted: Message = {
        ...structuredClone(message),
        status: 'accepted',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        timeline: [
          { ...message.timeline[0]!, note: 'rewritten' },
          { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' },
        ],
      }
      await store.transaction(async (tx) => tx.updateMessage(accepted))
      const stored = (await store.read.getMessage(message.id))!
      expect(stored.status).toBe('accepted')
      expect(stored.timeline).toEqual([message.timeline[0], accepted.timeline[1]])

      await expect(store.transaction(async (tx) => tx.updateMessage({ ...stored, timeline: [] }))).rejects.toThrow(/append-only/)
      await expect(store.transaction(async (tx) => tx.updateMessage(makeMessage()))).rejects.toThrow()
      expect((await store.read.getMessage(message.id))!.timeline).toHaveLength(2)
    })
  })

  describe('transactions', () => {
    it('keeps nothing of a transaction whose function throws, not even timeline events', async () => {
      const store = newStore()
      const kept = makeMessage()
      await insertAll(store, [kept])
      const boom = new Error('boom')
      await expect(
        store.transaction(async (tx) => {
          await tx.putBoard(board('b-new'))
          await tx.insertMessage(makeMessage(), 'a'.repeat(64))
          await tx.updateMessage({
            ...kept,
            status: 'accepted',
            timeline: [...kept.timeline, { id: 'e1', type: 'accept', at: kept.createdAt, actor: { role: 'reviewer' } }],
          })
          await tx.putToken({ hash: 'h', label: 'l', roles: ['handler'], boardIds: ['b'], createdAt: kept.createdAt })
          await tx.beginIdempotency({ scope: 'public', key: 'k', fingerprint: 'f', state: 'running', createdAt: kept.createdAt })
          expect(await tx.countMessages()).toBe(2)
          throw boom
        }),
      ).rejects.toBe(boom)

      expect(await store.read.countMessages()).toBe(1)
      expect(await store.read.getMessage(kept.id)).toEqual(kept)
      expect(await store.read.listBoards()).toEqual([])
      expect(await store.read.findToken('h')).toBeUndefined()
      expect(await store.read.getIdempotency('public', 'k')).toBeUndefined()
      // The store still works after a rollback.
      await insertAll(store, [makeMessage()])
      expect(await store.read.countMessages()).toBe(2)
    })

    it('lets a transaction read its own writes while reads outside see only committed data', async () => {
      const store = newStore()
      const message = makeMessage()
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const running = store.transaction(async (tx) => {
        await tx.insertMessage(message, hashOf(message))
        expect(await tx.getMessage(message.id)).toEqual(message)
        expect((await tx.listMessages({ limit: 10 })).items).toHaveLength(1)
        await gate
      })
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(await store.read.getMessage(message.id)).toBeUndefined()
      expect((await store.read.listMessages({ limit: 10 })).items).toEqual([])
      release()
      await running
      expect(await store.read.getMessage(message.id)).toEqual(message)
    })

    it('serializes concurrent transactions, so 50 read-modify-write increments all count', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transaction(async (tx) => {
            const current = (await tx.getMessage(message.id))!
            await new Promise((resolve) => setTimeout(resolve, 0))
            await tx.updateMessage({ ...current, reminders: current.reminders + 1 })
          }),
        ),
      )
      expect((await store.read.getMessage(message.id))!.reminders).toBe(50)
    })

    it('returns what the function returns, and refuses a transaction object used after it ended', async () => {
      const store = newStore()
      let leaked: StoreTransaction | undefined
      expect(await store.transaction(async (tx) => ((leaked = tx), 42))).toBe(42)
      await expect(leaked!.putBoard(board('late'))).rejects.toThrow(/ended/)
      expect(await store.read.listBoards()).toEqual([])
    })

    it('fails every call after close', async () => {
      const store = create()
      await store.close()
      await expect(store.read.countMessages()).rejects.toThrow()
      await expect(store.transaction(async () => undefined)).rejects.toThrow()
      await store.close()
    })
  })

  describe('pagination', () => {
    // 250 messages over 40 distinct instants, written half in UTC and half in China time, so many
    // share a sort time and order among themselves by id.
    function spread(count: number): Message[] {
      return Array.from({ length: count }, (_, i) => {
        const ms = Date.UTC(2026, 2, 1) + (i % 40) * 60_000
        const utc = new Date(ms).toISOString()
        const china = new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        const createdAt = i % 2 === 0 ? utc : china
        return makePublished({ createdAt, publishedAt: i % 3 === 0 ? utc : china })
      })
    }

    it('lists 250 messages newest first, each exactly once, for several page sizes', async () => {
      const store = newStore()
      const messages = spread(250)
      await insertAll(store, messages)
      for (const limit of [1, 7, 40, 100]) {
        expect(ids(await listAll(store, { limit }))).toEqual(newestFirst(messages))
      }
      expect(ids(await listAll(store, { limit: 33, publicOnly: true }))).toEqual(newestFirst(messages, (m) => m.publishedAt!))
    })

    it('gives no next cursor when the page holds the last item', async () => {
      const store = newStore()
      await insertAll(store, spread(10))
      expect((await store.read.listMessages({ limit: 10 })).nextCursor).toBeNull()
      const first = await store.read.listMessages({ limit: 9 })
      expect(first.nextCursor).toEqual(expect.any(String))
      const second = await store.read.listMessages({ limit: 9, cursor: first.nextCursor! })
      expect(second.items).toHaveLength(1)
      expect(second.nextCursor).toBeNull()
    })

    it('neither repeats nor skips while new messages arrive between page fetches', async () => {
      for (const publicOnly of [false, true]) {
        const store = newStore()
        const original = spread(120)
        await insertAll(store, original)
        const seen: string[] = []
        let cursor: string | undefined
        let round = 0
        do {
          const page = await store.read.listMessages({ limit: 25, publicOnly, ...(cursor ? { cursor } : {}) })
          seen.push(...ids(page.items))
          cursor = page.nextCursor ?? undefined
          // Newer messages, some at the instant of the newest originals, some at that of the oldest.
          const at = new Date(Date.UTC(2026, 2, 1) + [60, 39, 0][round % 3]! * 60_000).toISOString()
          await insertAll(store, [makePublished({ createdAt: at, publishedAt: at }), makePublished({ createdAt: at, publishedAt: at })])
          round++
        } while (cursor !== undefined)
        const originalIds = new Set(ids(original))
        expect(new Set(seen).size).toBe(seen.length)
        expect(seen.filter((id) => originalIds.has(id))).toEqual(newestFirst(original, (m) => (publicOnly ? m.publishedAt! : m.createdAt)))
      }
    })

    it.each(['garbage!', '', 'bm90IGpzb24', btoa('[1]'), btoa('["x","y"]'), btoa('[1.5,"a"]'), btoa('{"a":1}')])(
      'throws InvalidCursorError for the cursor %j',
      async (cursor) => {
        const store = newStore()
        await expect(store.read.listMessages({ limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError)
      },
    )
  })

  describe('filters', () => {
    async function seeded() {
      const store = newStore()
      const m = {
        pending: makeMessage({ id: 'a-pending', boardId: 'b1', status: 'pending', createdAt: '2026-03-01T00:00:00Z' }),
        noConsent: makeMessage({
          id: 'b-noconsent',
          boardId: 'b1',
          status: 'accepted',
          publish: false,
          reviewedAt: '2026-03-01T02:00:00Z',
          publishedAt: '2026-03-01T02:00:00Z',
          createdAt: '2026-03-01T01:00:00Z',
        }),
        assigned: makePublished({
          id: 'c-assigned',
          boardId: 'b1',
          assigneeBoardId: 'b2',
          status: 'assigned',
          type: 'consult',
          domain: 'transport',
          createdAt: '2026-03-01T10:00:00+08:00',
          publishedAt: '2026-03-01T12:00:00+08:00',
          dueAt: '2026-03-05T23:59:59.999+08:00',
        }),
        processing: makePublished({
          id: 'd-processing',
          boardId: 'b3',
          status: 'processing',
          type: 'help',
          domain: 'health',
          title: 'Street LED lamp',
          content: '请联系我13812345678，邮箱 wang@example.com，谢谢。',
          createdAt: '2026-03-02T00:00:00Z',
          publishedAt: '2026-03-02T01:00:00Z',
          dueAt: '2026-03-04T00:00:00Z',
        }),
        closed: makePublished({
          id: 'e-closed',
          boardId: 'b2',
          status: 'closed',
          type: 'suggest',
          domain: 'urban',
          title: '建议增加公交线路',
          content: '希望增加一条从南湖到火车站的公交线路。50%的人需要_这个。',
          createdAt: '2026-03-03T00:00:00Z',
          publishedAt: '2026-03-03T00:00:00Z',
          dueAt: '2026-03-03T12:00:00Z',
        }),
        rejected: makeMessage({
          id: 'f-rejected',
          boardId: 'b2',
          status: 'rejected',
          reviewedAt: '2026-03-04T00:00:00Z',
          publishedAt: '2026-03-04T00:00:00Z',
          createdAt: '2026-03-04T00:00:00Z',
        }),
      } satisfies Record<string, Message>
      await insertAll(store, Object.values(m))
      const list = async (query: Omit<MessageQuery, 'limit'>) => ids(await listAll(store, { limit: 2, ...query }))
      return { store, m, list }
    }

    it('filters by board or assigned unit, status, type and domain, combined with AND', async () => {
      const { list } = await seeded()
      expect(await list({ boardIds: ['b2'] })).toEqual(['f-rejected', 'e-closed', 'c-assigned'])
      expect(await list({ boardIds: ['b1', 'b3'] })).toEqual(['d-processing', 'c-assigned', 'b-noconsent', 'a-pending'])
      expect(await list({ boardIds: [] })).toEqual([])
      expect(await list({ statuses: ['pending', 'closed'] })).toEqual(['e-closed', 'a-pending'])
      expect(await list({ type: 'consult' })).toEqual(['c-assigned'])
      expect(await list({ domain: 'urban' })).toEqual(['f-rejected', 'e-closed', 'b-noconsent', 'a-pending'])
      expect(await list({ domain: 'urban', boardIds: ['b1'], statuses: ['accepted'] })).toEqual(['b-noconsent'])
    })

    it('lists publicly only accepted messages with consent, by publication time', async () => {
      const { list, store } = await seeded()
      expect(await list({ publicOnly: true })).toEqual(['e-closed', 'd-processing', 'c-assigned'])
      // Once a public message is deleted from view (rejected is terminal, but consent can be revoked).
      const closed = (await store.read.getMessage('e-closed'))!
      await store.transaction(async (tx) => tx.updateMessage({ ...closed, publish: false }))
      expect(await list({ publicOnly: true })).toEqual(['d-processing', 'c-assigned'])
      expect(await list({ publicOnly: true, boardIds: ['b2'] })).toEqual(['c-assigned'])
    })

    it('bounds the sort time by from (inclusive) and to (exclusive), comparing instants across offsets', async () => {
      const { list } = await seeded()
      // c-assigned was created at 2026-03-01T02:00:00Z, written in China time.
      expect(await list({ from: '2026-03-01T02:00:00Z', to: '2026-03-03T08:00:00+08:00' })).toEqual(['d-processing', 'c-assigned'])
      expect(await list({ from: '2026-03-01T10:00:01+08:00' })).toEqual(['f-rejected', 'e-closed', 'd-processing'])
      expect(await list({ to: '2026-03-01T10:00:00+08:00' })).toEqual(['b-noconsent', 'a-pending'])
      // Public lists bound the publication time: c-assigned was published at 04:00Z.
      expect(await list({ publicOnly: true, from: '2026-03-01T04:00:00Z', to: '2026-03-02T01:00:00Z' })).toEqual(['c-assigned'])
    })

    it('finds open messages past their deadline with overdueAt', async () => {
      const { list } = await seeded()
      expect(await list({ overdueAt: '2026-03-10T00:00:00Z' })).toEqual(['d-processing', 'c-assigned'])
      // Deadline exactly at the moment is not yet overdue; closed messages never are.
      expect(await list({ overdueAt: '2026-03-04T08:00:00+08:00' })).toEqual([])
      expect(await list({ overdueAt: '2026-03-04T00:00:00.001Z' })).toEqual(['d-processing'])
    })

    it('finds Chinese keywords of two and more characters in the title and content', async () => {
      const { list } = await seeded()
      const both = ['f-rejected', 'c-assigned', 'b-noconsent', 'a-pending']
      expect(await list({ keyword: '路灯' })).toEqual(both)
      expect(await list({ keyword: '门口路灯' })).toEqual(both)
      expect(await list({ keyword: '小区门口路灯坏了' })).toEqual(both)
      expect(await list({ keyword: '灯' })).toEqual(both)
      expect(await list({ keyword: '两个星期' })).toEqual(both)
      expect(await list({ keyword: '公交', publicOnly: true })).toEqual(['e-closed'])
      expect(await list({ keyword: '路灯', publicOnly: true, boardIds: ['b1'] })).toEqual(['c-assigned'])
      expect(await list({ keyword: '地铁' })).toEqual([])
      expect(await list({ keyword: '' })).toHaveLength(6)
    })

    it('matches Latin keywords in any case', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: 'led' })).toEqual(['d-processing'])
      expect(await list({ keyword: 'STREET led' })).toEqual(['d-processing'])
      expect(await list({ keyword: 'Le' })).toEqual(['d-processing'])
    })

    it('searches only the masked text, so private numbers and addresses cannot be found', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: '13812345678' })).toEqual([])
      expect(await list({ keyword: '12345678' })).toEqual([])
      expect(await list({ keyword: 'wang@example.com' })).toEqual([])
      expect(await list({ keyword: '138****5678' })).toEqual(['d-processing'])
    })

    it.each<[string, string[]]>([
      ['"', []],
      ['""', []],
      ['a"b', []],
      ['路灯"', []],
      ['*', ['d-processing']],
      ['路灯*', []],
      ['OR', []],
      ['路灯 OR 公交', []],
      ['NEAR(', []],
      ['NEAR(路灯 公交)', []],
      ['title:路灯', []],
      ['^路灯', []],
      ['-', []],
      ['(', []],
      ['AND NOT', []],
      ["'", []],
      [';', []],
    ])('treats the FTS syntax %j as text to find', async (keyword, expected) => {
      const { list } = await seeded()
      expect(await list({ keyword })).toEqual(expected)
    })

    it('treats % and _ as characters, not wildcards', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: '%' })).toEqual(['e-closed'])
      expect(await list({ keyword: '50%' })).toEqual(['e-closed'])
      expect(await list({ keyword: '_这个' })).toEqual(['e-closed'])
      expect(await list({ keyword: '路%' })).toEqual([])
      expect(await list({ keyword: '路_' })).toEqual([])
    })

    it('pages the newest matches of 1- and 2-character Chinese keywords: public list, a board, the inbox, after edits', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c', 'p'), board('d', 'p')]) await tx.putBoard(b)
      })
      const titles = ['路灯坏了', '井盖丢失', '路面塌陷', '灯光太亮']
      const messages = Array.from({ length: 40 }, (_, i) => {
        // Equal times in places: ties go to the later insertion.
        const at = new Date(Date.UTC(2026, 2, 1) + (i % 17) * 60_000).toISOString()
        const common = { boardId: i % 3 === 0 ? 'c' : 'd', createdAt: at, title: titles[i % 4]!, content: `第${i}号` }
        if (i % 5 === 0) return makeMessage(common)
        return makePublished({ ...common, publishedAt: new Date(Date.parse(at) + (i % 7) * 3_600_000).toISOString() })
      })
      await insertAll(store, messages)
      const check = async (all: Message[]) => {
        for (const keyword of ['灯', '路', '路灯', '井盖', '坏了', '火星', '星', '灯坏了', '号']) {
          const has = all.filter((m) => `${m.title}\n${m.content}`.includes(keyword))
          const listed = has.filter((m) => m.status !== 'pending' && m.publish)
          expect(ids(await listAll(store, { limit: 3, keyword })), keyword).toEqual(newestFirst(has))
          expect(await listPublicAll(store, { limit: 3, keyword }), keyword).toEqual(newestFirst(listed, (m) => m.publishedAt!))
          expect(await listPublicAll(store, { limit: 2, keyword, boardIds: ['c'] }), keyword).toEqual(
            newestFirst(listed.filter((m) => m.boardId === 'c'), (m) => m.publishedAt!),
          )
          expect(ids(await listAll(store, { limit: 2, keyword, boardIds: ['p'], statuses: ['pending'] })), keyword).toEqual(
            newestFirst(has.filter((m) => m.status === 'pending')),
          )
          expect(ids(await listAll(store, { limit: 2, keyword, boardIds: ['d', 'c'], from: '2026-03-01T00:05:00Z' })), keyword).toEqual(
            newestFirst(has.filter((m) => m.createdAt >= '2026-03-01T00:05:00.000Z')),
          )
        }
      }
      await check(messages)
      // A new title takes the old terms away and brings new ones; unpublished, a message leaves the public list.
      const edited = { ...messages[1]!, title: '火星来客' }
      const hidden = { ...messages[2]!, publish: false }
      const moved = { ...messages[3]!, publishedAt: '2026-03-05T00:00:00Z' }
      await store.transaction(async (tx) => {
        for (const message of [edited, hidden, moved]) await tx.updateMessage(message)
      })
      await check([messages[0]!, edited, hidden, moved, ...messages.slice(4)])
    })
  })

  describe('by deadline (sort: due)', () => {
    const DAY = 86_400_000
    const START = Date.UTC(2026, 2, 1)
    const STATUSES: MessageStatus[] = ['pending', 'accepted', 'assigned', 'processing', 'replied', 'closed', 'rejected']
    // 60 messages of a small tree (p above c1 and c2, and x apart), in every status; those awaiting
    // review or refused have no deadline. Deadlines fall on six instants, written in UTC and in
    // China time, so many are equal and order among themselves by insertion; created times run the
    // other way, so a list by time and one by deadline differ.
    function spread(): Message[] {
      return Array.from({ length: 60 }, (_, i) => {
        const status = STATUSES[i % 7]!
        const dueMs = START + (i % 6) * DAY
        const dueAt = i % 2 ? new Date(dueMs).toISOString() : new Date(dueMs + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        return makeMessage({
          id: `due-${String(i).padStart(2, '0')}`,
          boardId: ['c1', 'c2', 'x', 'p'][i % 4]!,
          ...(i % 5 === 0 ? { assigneeBoardId: 'c1' } : {}),
          status,
          ...(status === 'pending' || status === 'rejected' ? {} : { dueAt, reviewedAt: '2026-02-01T00:00:00Z' }),
          supervised: i % 4 === 1,
          title: i % 3 === 0 ? '井盖丢失' : '小区门口路灯坏了',
          createdAt: new Date(START - i * 3600_000).toISOString(),
        })
      })
    }
    const subtree: Record<string, string[]> = { p: ['p', 'c1', 'c2'], c1: ['c1'], c2: ['c2'], x: ['x'] }
    const OPEN = new Set<MessageStatus>(['accepted', 'assigned', 'processing'])
    /** The query's messages as the test reads them from the raw messages: filtered, then by (deadline, insertion). */
    function expected(messages: readonly Message[], q: Omit<MessageQuery, 'limit'>): string[] {
      const inBoards = (m: Message) => !q.boardIds || q.boardIds.some((root) => (subtree[root] ?? [root]).some((b) => b === m.boardId || b === m.assigneeBoardId))
      // The deadline that runs: an open message's; the others have none to sort by.
      const due = (m: Message) => (m.dueAt === undefined || !OPEN.has(m.status) ? Infinity : Date.parse(m.dueAt))
      return messages
        .map((m, order) => ({ m, order }))
        .filter(({ m }) =>
          inBoards(m) &&
          (!q.statuses || q.statuses.includes(m.status)) &&
          (!q.supervised || m.supervised) &&
          (!q.keyword || m.title.includes(q.keyword) || m.content.includes(q.keyword)) &&
          (q.overdueAt === undefined || (OPEN.has(m.status) && m.dueAt !== undefined && Date.parse(m.dueAt) < Date.parse(q.overdueAt))) &&
          (q.from === undefined || Date.parse(m.createdAt) >= Date.parse(q.from)) &&
          (q.to === undefined || Date.parse(m.createdAt) < Date.parse(q.to)))
        .sort((a, b) => due(a.m) - due(b.m) || a.order - b.order || 0)
        .map(({ m }) => m.id)
    }
    const QUERIES: Omit<MessageQuery, 'limit' | 'sort'>[] = [
      {},
      { boardIds: ['p'] },
      { boardIds: ['c1'] },
      { boardIds: ['c1', 'x'] },
      { statuses: ['processing'] },
      { statuses: ['assigned', 'processing'], boardIds: ['p'] },
      { overdueAt: '2026-03-04T00:00:00Z' },
      { overdueAt: '2026-03-04T00:00:00Z', boardIds: ['c2'] },
      { supervised: true, boardIds: ['p'] },
      { keyword: '井盖' },
      { keyword: '井盖', boardIds: ['p'], supervised: true },
      { keyword: '井盖', overdueAt: '2026-03-05T00:00:00Z' },
      { from: '2026-02-28T00:00:00Z', to: '2026-03-01T08:00:00+08:00' },
    ]

    it('lists the earliest running deadline first, the rest (not open) last, equal ones in insertion order, on every page', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c1', 'p'), board('c2', 'p'), board('x')]) await tx.putBoard(b)
      })
      const messages = spread()
      await insertAll(store, messages)
      for (const query of QUERIES) {
        const want = expected(messages, query)
        for (const limit of [1, 4, 50]) expect(ids(await listAll(store, { ...query, sort: 'due', limit })), JSON.stringify({ ...query, limit })).toEqual(want)
      }
      // Something to see: the queries are not all empty, and the order is not the newest-first one.
      expect(expected(messages, { keyword: '井盖', boardIds: ['p'], supervised: true }).length).toBeGreaterThan(1)
      expect(ids(await listAll(store, { sort: 'due', limit: 100 }))).not.toEqual(ids(await listAll(store, { limit: 100 })))
    })

    it('follows a deadline that changes, and refuses a cursor of the other order', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c1', 'p'), board('c2', 'p'), board('x')]) await tx.putBoard(b)
      })
      const messages = spread()
      await insertAll(store, messages)
      // The first by deadline is extended past every other; one awaiting review is accepted with
      // one; one open is replied to, so its deadline no longer runs.
      const [first] = expected(messages, {})
      const changed = messages.map((m) =>
        m.id === first ? { ...m, dueAt: '2026-04-01T00:00:00Z' }
          : m.id === 'due-00' ? { ...m, status: 'accepted' as const, dueAt: '2026-02-01T00:00:00Z' }
            : m.id === 'due-03' ? { ...m, status: 'replied' as const }
              : m)
      expect(messages.find((m) => m.id === 'due-03')!.status).toBe('processing')
      await store.transaction(async (tx) => {
        for (const id of [first!, 'due-00', 'due-03']) await tx.updateMessage(changed.find((m) => m.id === id)!)
      })
      for (const query of [{}, { boardIds: ['p'] }, { boardIds: ['c1', 'x'] }, { keyword: '井盖' }]) {
        expect(ids(await listAll(store, { ...query, sort: 'due', limit: 7 }))).toEqual(expected(changed, query))
      }
      const byDue = await store.read.listMessages({ sort: 'due', limit: 5 })
      const byTime = await store.read.listMessages({ limit: 5 })
      await expect(store.read.listMessages({ limit: 5, cursor: byDue.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError)
      await expect(store.read.listMessages({ sort: 'due', limit: 5, cursor: byTime.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError)
    })
  })

  describe('public views as JSON', () => {
    /** Published, unpublished and private messages over several boards, instants and statuses. */
    function mixed(count: number): Message[] {
      return Array.from({ length: count }, (_, i) => {
        const ms = Date.UTC(2026, 2, 1) + (i % 13) * 60_000
        const at = i % 2 === 0 ? new Date(ms).toISOString() : new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        const common = { boardId: `b${i % 3}`, createdAt: at, domain: i % 4 === 0 ? ('transport' as const) : ('urban' as const) }
        if (i % 7 === 0) return makeMessage(common)
        if (i % 11 === 0) return makePublished({ ...common, publish: false })
        if (i % 5 === 0) return makePrivate({ ...common, reviewedAt: at, publishedAt: at })
        return makePublished({ ...common, publishedAt: at })
      })
    }

    it('lists the same text, order and cursors as listMessages with core’s toPublicMessage', async () => {
      const store = newStore()
      const messages = mixed(90)
      await insertAll(store, messages)
      const listed = messages.filter((m) => m.publish && m.status !== 'pending')
      for (const limit of [1, 7, 100]) {
        expect(await listPublicAll(store, { limit })).toEqual(newestFirst(listed, (m) => m.publishedAt!))
      }
      expect(await listPublicAll(store, { limit: 4, boardIds: ['b1'], domain: 'urban' })).toEqual(
        newestFirst(listed.filter((m) => m.boardId === 'b1' && m.domain === 'urban'), (m) => m.publishedAt!),
      )
      expect(await listPublicAll(store, { limit: 5, keyword: '路灯坏了' })).toEqual(newestFirst(listed, (m) => m.publishedAt!))
      expect(await listPublicAll(store, { limit: 5, keyword: '13812345678' })).toEqual([])
      expect(await listPublicAll(store, { limit: 5, statuses: ['replied'] })).toEqual(
        newestFirst(listed.filter((m) => m.status === 'replied'), (m) => m.publishedAt!),
      )
    })

    it('lists only public messages, whatever the query says about publicOnly', async () => {
      const store = newStore()
      const visible = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [makeMessage(), makePublished({ publish: false }), visible])
      const page = await store.read.listPublicJson({ limit: 10, publicOnly: false })
      expect(page).toEqual({ items: [publicText(visible)], nextCursor: null })
    })

    it('gives one message only while the public may see it, with nothing private in it', async () => {
      const store = newStore()
      const pending = makeMessage()
      const noConsent = makePublished({ publish: false })
      const rejected = makeMessage({ status: 'rejected', reviewedAt: '2026-03-02T10:00:00+08:00' })
      const shown = makePrivate()
      await insertAll(store, [pending, noConsent, rejected, shown])

      for (const id of [pending.id, noConsent.id, rejected.id, 'missing']) expect(await store.read.getPublicJson(id)).toBeUndefined()
      const text = (await store.read.getPublicJson(shown.id))!
      expect(text).toBe(publicText(shown))
      for (const secret of ['王小明', '13912345678', '13812345678', '白天不在家', '朝阳路12号', 'private.jpg', '内部备注', '张三', '11010519491231002X', 'wang@example.com', '6222020200112233446']) {
        expect(text).not.toContain(secret)
      }
      expect(JSON.parse(text)).toMatchObject({ author: { nickname: '王***' }, timeline: [{ type: 'submit' }, { type: 'reply' }] })
    })

    it('follows every update: acceptance, new timeline events and withdrawn consent', async () => {
      const store = newStore()
      const message = makeMessage({ createdAt: '2026-03-02T09:00:00+08:00' })
      const other = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [message, other])
      expect(await listPublicAll(store, { limit: 10 })).toEqual([other.id])

      const accepted: Message = {
        ...message,
        status: 'accepted',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        publishedAt: '2026-03-02T10:00:00+08:00',
        timeline: [...message.timeline, { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' }],
      }
      await store.transaction(async (tx) => tx.updateMessage(accepted))
      expect(await store.read.getPublicJson(message.id)).toBe(publicText(accepted))
      expect(await listPublicAll(store, { limit: 1 })).toEqual([message.id, other.id])

      // The timeline shown is the stored one: stored events are never rewritten by an update.
      const replied: Message = {
        ...accepted,
        status: 'replied',
        repliedAt: '2026-03-03T10:00:00+08:00',
        posts: [{ kind: 'reply', id: 'p1', organization: '住建局', content: '已处理，电话13812345678。', createdAt: '2026-03-03T10:00:00+08:00' }],
        timeline: [{ ...accepted.timeline[0]!, note: 'rewritten', at: '2026-03-02T09:30:00+08:00' }, accepted.timeline[1]!, { id: 'e2', type: 'reply', at: '2026-03-03T10:00:00+08:00', actor: { role: 'handler' } }],
      }
      await store.transaction(async (tx) => tx.updateMessage(replied))
      const stored = (await store.read.getMessage(message.id))!
      expect(stored.timeline[0]).toEqual(message.timeline[0])
      expect(await store.read.getPublicJson(message.id)).toBe(publicText(stored))
      expect(await store.read.getPublicJson(message.id)).toContain('138****5678')
      expect(await listPublicAll(store, { limit: 1 })).toEqual([message.id, other.id])

      await store.transaction(async (tx) => tx.updateMessage({ ...stored, publish: false }))
      expect(await store.read.getPublicJson(message.id)).toBeUndefined()
      expect(await listPublicAll(store, { limit: 1 })).toEqual([other.id])
    })

    it('shows a new message on the next read of the same page', async () => {
      const store = newStore()
      const first = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [first])
      for (let round = 0; round < 3; round++) expect((await store.read.listPublicJson({ limit: 2 })).items).toEqual([publicText(first)])
      const second = makePublished({ publishedAt: '2026-03-02T00:00:00Z' })
      await insertAll(store, [second])
      expect(await store.read.listPublicJson({ limit: 2 })).toEqual({ items: [publicText(second), publicText(first)], nextCursor: null })
      const third = makePublished({ publishedAt: '2026-03-03T00:00:00Z' })
      await insertAll(store, [third])
      const page = await store.read.listPublicJson({ limit: 2 })
      expect(page.items).toEqual([publicText(third), publicText(second)])
      expect(await store.read.listPublicJson({ limit: 2, cursor: page.nextCursor! })).toEqual({ items: [publicText(first)], nextCursor: null })
      // A caller changing a page it was given changes nothing for the next reader.
      page.items.length = 0
      expect((await store.read.listPublicJson({ limit: 2 })).items).toHaveLength(2)
    })

    it.each(['garbage!', btoa('[1]')])('throws InvalidCursorError for the cursor %j', async (cursor) => {
      const store = newStore()
      await expect(store.read.listPublicJson({ limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError)
    })
  })

  describe('boards and tokens', () => {
    it('stores boards by id, replacing on put, listed by id', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        await tx.putBoard(board('220100-gov', '220000-gov'))
        await tx.putBoard(board('220000-gov'))
        await tx.putBoard({ ...board('220100-gov', '220000-gov'), name: '长春市人民政府', deadlines: { consult: 5 } })
      })
      expect(ids(await store.read.listBoards())).toEqual(['220000-gov', '220100-gov'])
      expect(await store.read.getBoard('220100-gov')).toEqual({ ...board('220100-gov', '220000-gov'), name: '长春市人民政府', deadlines: { consult: 5 } })
      expect(await store.read.getBoard('nope')).toBeUndefined()
    })

    it('finds a staff token by its hash', async () => {
      const store = newStore()
      const token: StaffToken = { hash: 'a'.repeat(64), label: '住建局 张三', roles: ['handler', 'reviewer'], boardIds: ['b1', 'b2'], createdAt: '2026-03-01T00:00:00Z' }
      await store.transaction(async (tx) => tx.putToken(token))
      expect(await store.read.findToken(token.hash)).toEqual(token)
      expect(await store.read.findToken('b'.repeat(64))).toBeUndefined()
    })

    it('deletes a staff token by its hash, saying whether there was one, and only when the transaction commits', async () => {
      const store = newStore()
      const token: StaffToken = { hash: 'a'.repeat(64), label: '住建局 张三', roles: ['handler'], boardIds: ['b1'], createdAt: '2026-03-01T00:00:00Z' }
      const other: StaffToken = { ...token, hash: 'c'.repeat(64) }
      await store.transaction(async (tx) => {
        await tx.putToken(token)
        await tx.putToken(other)
      })
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.deleteToken(token.hash)).toBe(true)
          expect(await tx.findToken(token.hash)).toBeUndefined()
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await store.read.findToken(token.hash)).toEqual(token)

      expect(await store.transaction(async (tx) => tx.deleteToken(token.hash))).toBe(true)
      expect(await store.read.findToken(token.hash)).toBeUndefined()
      expect(await store.read.findToken(other.hash)).toEqual(other)
      expect(await store.transaction(async (tx) => tx.deleteToken(token.hash))).toBe(false)
    })

    it('lists every staff token oldest first, as instants, then by hash, inside and outside a transaction', async () => {
      const store = newStore()
      expect(await store.read.listTokens()).toEqual([])
      const token = (hash: string, createdAt: string, label = `label ${hash[0]}`): StaffToken => ({
        hash: hash.repeat(64), label, roles: ['handler'], boardIds: ['b1'], createdAt,
      })
      // 08:00+08:00 is 00:00Z: the earliest, though it sorts last as text.
      const early = token('d', '2026-03-01T08:00:00+08:00')
      const tieB = token('b', '2026-03-01T06:00:00Z')
      const tieA = token('a', '2026-03-01T06:00:00.000Z')
      const late = token('c', '2026-03-02T00:00:00Z', '住建局 张三')
      await store.transaction(async (tx) => {
        for (const t of [late, tieB, early, tieA]) await tx.putToken(t)
      })
      expect(await store.read.listTokens()).toEqual([early, tieA, tieB, late])

      const added = token('e', '2026-02-28T00:00:00Z')
      await store.transaction(async (tx) => {
        await tx.deleteToken(tieA.hash)
        await tx.putToken(added)
        await tx.putToken({ ...late, roles: ['supervisor'] })
        expect(await tx.listTokens()).toEqual([added, early, tieB, { ...late, roles: ['supervisor'] }])
        // Outside, the transaction's writes are not there yet.
        expect((await store.read.listTokens()).map((t) => t.hash)).toEqual([early, tieA, tieB, late].map((t) => t.hash))
      })
      const listed = await store.read.listTokens()
      expect(listed).toEqual([added, early, tieB, { ...late, roles: ['supervisor'] }])
      listed[0]!.roles.push('reviewer')
      expect((await store.read.listTokens())[0]).toEqual(added)
    })
  })

  describe('idempotency', () => {
    const record = (key: string, createdAt: string): IdempotencyRecord => ({ scope: 'public', key, fingerprint: `fp-${key}`, state: 'running', createdAt })

    it('claims a key once and hands back the existing claim afterwards without overwriting it', async () => {
      const store = newStore()
      const first = record('k1', '2026-03-01T00:00:00Z')
      expect(await store.transaction(async (tx) => tx.beginIdempotency(first))).toBeUndefined()
      expect(await store.transaction(async (tx) => tx.beginIdempotency({ ...first, fingerprint: 'other' }))).toEqual(first)
      expect(await store.read.getIdempotency('public', 'k1')).toEqual(first)
      // Keys are per scope.
      expect(await store.transaction(async (tx) => tx.beginIdempotency({ ...first, scope: 'token-hash' }))).toBeUndefined()
    })

    it('completes a claim with the response to replay, and releases a claim', async () => {
      const store = newStore()
      const response = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"m1"}' }
      await store.transaction(async (tx) => {
        await tx.beginIdempotency(record('k1', '2026-03-01T00:00:00Z'))
        await tx.beginIdempotency(record('k2', '2026-03-01T00:00:00Z'))
      })
      await store.transaction(async (tx) => tx.completeIdempotency('public', 'k1', response))
      expect(await store.read.getIdempotency('public', 'k1')).toEqual({ ...record('k1', '2026-03-01T00:00:00Z'), state: 'done', response })
      expect(await store.transaction(async (tx) => tx.beginIdempotency(record('k1', '2026-03-02T00:00:00Z')))).toEqual({
        ...record('k1', '2026-03-01T00:00:00Z'),
        state: 'done',
        response,
      })
      await expect(store.transaction(async (tx) => tx.completeIdempotency('public', 'nope', response))).rejects.toThrow()

      await store.transaction(async (tx) => tx.releaseIdempotency('public', 'k2'))
      expect(await store.read.getIdempotency('public', 'k2')).toBeUndefined()
    })

    it('expires claims created before a time, comparing instants across offsets', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        await tx.beginIdempotency(record('old', '2026-03-01T07:59:59+08:00'))
        await tx.beginIdempotency(record('edge', '2026-03-01T00:00:00Z'))
        await tx.beginIdempotency(record('new', '2026-03-01T09:00:00+08:00'))
      })
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-01T08:00:00+08:00'))).toBe(1)
      expect(await store.read.getIdempotency('public', 'old')).toBeUndefined()
      expect(await store.read.getIdempotency('public', 'edge')).toBeDefined()
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-02T00:00:00Z'))).toBe(2)
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-02T00:00:00Z'))).toBe(0)
    })
  })
})

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
    open.push(second)
    expect(await second.read.getMessage(message.id)).toEqual(message)
    expect(await second.read.listBoards()).toEqual([board('b1')])
    expect(await second.read.findToken(token.hash)).toEqual(token)
    expect(await second.read.getIdempotency('public', 'k')).toBeDefined()
    expect(ids((await second.read.listMessages({ limit: 10, keyword: '门口路灯', publicOnly: true })).items)).toEqual([message.id])
  })

  it('runs in WAL mode with synchronous FULL and foreign keys on', () => {
    const store = createSqliteStore(tempDatabase())
    open.push(store)
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
    open.push(second)
    expect(second.database.pragma('user_version', { simple: true })).toBe(version)
    expect(await second.read.countMessages()).toBe(1)
  })

  it('writes one events row per timeline event, appending on update', async () => {
    const store = createSqliteStore(tempDatabase())
    open.push(store)
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
    open.push(store)
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
      if (store !== first) open.push(store)
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
    open.push(second)
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
    open.push(store)
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
    open.push(store)
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
    open.push(server, other)
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
    open.push(store)
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    // Until the service hashes them, no reader hands a code out with the message.
    expect(JSON.stringify(await store.read.getMessage('m-b'))).not.toContain('K7mPq2xR9tWz')
    const hash = async (code: string) => createHash('sha256').update(`key:${code}`).digest('hex')
    expect(await store.transaction((tx) => tx.upgradeTrackingCodes(hash))).toBe(2)
    expect(await store.transaction((tx) => tx.upgradeTrackingCodes(hash))).toBe(0)
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
    open.push(store)
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
    open.push(store)
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
    open.push(store)
    expect(store.migration).toEqual({ from: 5, to: SCHEMA_VERSION })
    expect(await store.read.boardStats({ boardId: 'p', now })).toEqual(before)
    expect((await store.read.boardStats({ boardId: 'c', now })).received).toBe(1)
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
    open.push(store)
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
    open.push(store)
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
    open.push(store)
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
    open.push(writer)
    await insertAll(writer, [makeMessage()])
    const reader = createSqliteStore(file, { readonly: true })
    open.push(reader)
    expect(await reader.read.countMessages()).toBe(1)
    await expect(reader.transaction(async () => undefined)).rejects.toThrow(/read-only/)
  })

  it('works in memory', async () => {
    const store = createSqliteStore(':memory:')
    open.push(store)
    await insertAll(store, [makeMessage()])
    expect(await store.read.countMessages()).toBe(1)
  })

  it('creates the folder of the database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'nested', 'deeper', 'board.db')
    const store = createSqliteStore(file)
    open.push(store)
    expect(await store.read.countMessages()).toBe(0)
  })
})

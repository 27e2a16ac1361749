// What only the PostgreSQL store has: migrations shared by instances, transactions of several
// instances on one database, the closure of the board tree, and outages of the database. The
// contract every store keeps is in store*.test.ts.
import { createHash } from 'node:crypto'
import { MessageSchema } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { adminQuery, databaseUrl, freshDatabase, testCluster } from '../../test/postgres-database.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore, PostgresMigrationError, POSTGRES_SCHEMA_VERSION, type PostgresStore } from './postgres.js'
import { StoreUnavailableError } from './types.js'
import type { IdempotencyRecord, Store } from './types.js'

let serial = 0

function makeMessage(overrides: Partial<Message> = {}): Message {
  serial++
  const id = overrides.id ?? `p${String(serial).padStart(6, '0')}`
  const createdAt = overrides.createdAt ?? new Date(Date.parse('2026-03-02T01:00:00Z') + serial * 60_000).toISOString()
  return MessageSchema.parse({
    id,
    boardId: 'county',
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    images: [],
    imagesPublic: false,
    author: { nickname: '市民', maskNickname: false },
    publish: true,
    channel: 'web',
    status: 'accepted',
    createdAt,
    reviewedAt: createdAt,
    publishedAt: createdAt,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: `${id}-e0`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
    ...overrides,
  })
}

/** The time overdue lists are read at: after every deadline in the past of these messages. */
const NOW = '2026-03-10T00:00:00Z'

const hashOf = (message: Pick<Message, 'id'>) => createHash('sha256').update(message.id).digest('hex')

const board = (id: string, parentId: string | null): Board => ({
  id,
  name: `Board ${id}`,
  kind: 'agency',
  level: 'city',
  parentId,
  region: '220100',
  acceptsMessages: true,
})

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

async function openStore(url: string): Promise<PostgresStore> {
  const store = await createPostgresStore(url)
  open.push(store)
  return store
}

describe('postgres store: migrations', () => {
  it('migrates a new database once when two instances open it at the same time', async () => {
    const url = await freshDatabase(false)
    const [a, b] = await Promise.all([openStore(url), openStore(url)])
    // One applied every migration; the other waited on the lock and found nothing to do.
    expect([a.migration, b.migration].sort((x, y) => x.from - y.from)).toEqual([
      { from: 0, to: POSTGRES_SCHEMA_VERSION },
      { from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION },
    ])
    const again = await openStore(url)
    expect(again.migration).toEqual({ from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION })
  })

  it('keeps nothing of a migration that fails, and says which one failed', async () => {
    const url = await freshDatabase(false)
    const name = new URL(url).pathname.slice(1)
    // A table of someone else's in the way of migration 1.
    await adminQuery('CREATE TABLE boards (name text)', [], name)
    const failure = await createPostgresStore(url).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(PostgresMigrationError)
    expect((failure as Error).message).toMatch(/^Migration 1 of the PostgreSQL store failed: relation "boards" already exists/)
    const tables = await adminQuery(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`, [], name)
    expect(tables.rows).toEqual([{ table_name: 'boards' }])
  })

  it('migrates a version-2 database: the statistics counters count the messages stored before', async () => {
    const url = await freshDatabase()
    const name = new URL(url).pathname.slice(1)
    const old = await openStore(url)
    await old.transaction(async (tx) => {
      for (const b of [board('p', null), board('c', 'p')]) await tx.putBoard(b)
      const reviewed = { status: 'replied' as const, reviewedAt: '2026-03-02T10:00:00+08:00', repliedAt: '2026-03-04T10:00:00+08:00' }
      for (const m of [makeMessage({ id: 'm-1', boardId: 'c', ...reviewed }), makeMessage({ id: 'm-2', boardId: 'p', status: 'accepted', reviewedAt: '2026-03-02T10:00:00+08:00', dueAt: '2026-03-20T23:59:59.999+08:00' }), makeMessage({ id: 'm-3', boardId: 'c', status: 'pending' })]) {
        await tx.insertMessage(m, hashOf(m))
      }
    })
    const before = await old.read.boardStats({ boardId: 'p', now: NOW })
    expect(before).toMatchObject({ received: 2, replied: 1, medianReplyWorkingDays: 2 })
    await old.close()
    // Back to version 2: without migration 3 (the counters) and the migrations after it.
    for (const sql of ['DROP INDEX messages_clear_codes', 'DROP INDEX messages_due_key', 'ALTER TABLE message_boards DROP COLUMN due_key', 'DROP TABLE reply_templates', 'DROP INDEX message_boards_status',
      'DROP TRIGGER hot_heat_status ON messages', 'DROP FUNCTION hot_heat_count()',
      'DROP TABLE hot_heat', 'DROP TABLE hot_heat_delta', 'DROP TABLE hot_spans_delta', 'DROP TABLE hot_bands', 'DROP TABLE hot_members', 'DROP TABLE hot_scope', 'DROP TABLE hot_spans', 'ALTER TABLE message_boards DROP COLUMN status', 'DROP TABLE rate_counters', 'DROP TABLE stats_counts', 'DROP INDEX message_boards_due', 'UPDATE liuyan_schema SET version = 2']) await adminQuery(sql, [], name)
    const store = await openStore(url)
    expect(store.migration).toEqual({ from: 2, to: POSTGRES_SCHEMA_VERSION })
    expect(await store.read.boardStats({ boardId: 'p', now: NOW })).toEqual(before)
    expect((await store.read.boardStats({ boardId: 'c', now: NOW })).received).toBe(1)
    // Migration 8 gave the closure rows of the messages stored before their due key: by deadline,
    // the one with a deadline first, then the others in the order they came in.
    const byDue = await store.read.listMessages({ boardIds: ['p'], sort: 'due', limit: 10 })
    expect(byDue.items.map((m) => m.id)).toEqual(['m-2', 'm-1', 'm-3'])
  })

  it('migrates a version-9 database: the counters of each year and of open deadlines, from the rows there', async () => {
    const url = await freshDatabase()
    const name = new URL(url).pathname.slice(1)
    const old = await openStore(url)
    await old.transaction(async (tx) => {
      for (const b of [board('p', null), board('c', 'p')]) await tx.putBoard(b)
      const open = { status: 'assigned' as const, reviewedAt: '2025-12-02T10:00:00+08:00' }
      for (const m of [makeMessage({ id: 'm-1', boardId: 'c', createdAt: '2024-05-01T00:00:00Z', ...open, dueAt: '2024-05-20T00:00:00Z' }), makeMessage({ id: 'm-2', boardId: 'c', createdAt: '2025-12-01T00:00:00Z', ...open, dueAt: '2026-03-20T00:00:00Z' }), makeMessage({ id: 'm-3', boardId: 'p', status: 'accepted', reviewedAt: '2026-03-02T10:00:00+08:00', dueAt: '2026-03-03T00:00:00Z' })]) {
        await tx.insertMessage(m, hashOf(m))
      }
    })
    const rows = async () => (await adminQuery('SELECT board, grain, period, key, n::int FROM stats_counts ORDER BY board, grain, period, key', [], name)).rows
    const counted = await rows()
    const read = (s: Store) => Promise.all([{}, { from: '2024-01-01', to: '2025-12-31' }, { from: '2025-06-15' }].map((days) => s.read.boardStats({ boardId: 'p', now: NOW, ...days })))
    const before = await read(old)
    expect(before.map((s) => [s.received, s.overdue])).toEqual([[3, 2], [2, 1], [2, 1]])
    await old.close()
    for (const sql of ['DROP INDEX messages_clear_codes', "DELETE FROM stats_counts WHERE grain = 2 OR key = 'due'", 'DROP TABLE hot_heat_delta', 'DROP TABLE hot_spans_delta', 'UPDATE liuyan_schema SET version = 9']) await adminQuery(sql, [], name)
    const store = await openStore(url)
    expect(store.migration).toEqual({ from: 9, to: POSTGRES_SCHEMA_VERSION })
    expect(await rows()).toEqual(counted)
    expect(await read(store)).toEqual(before)
  })

  it('looks for tracking codes kept in the clear (each start does) through an index of those alone', async () => {
    const url = await freshDatabase(false)
    await openStore(url)
    const name = new URL(url).pathname.slice(1)
    // A plan as with many messages: no sequential scan when an index answers.
    const plan = await adminQuery(
      `SET enable_seqscan = off; EXPLAIN SELECT seq, tracking_hash FROM messages WHERE length(tracking_hash) <> 64 ORDER BY seq LIMIT 1000`,
      [],
      name,
    )
    const text = (Array.isArray(plan) ? plan.at(-1)! : plan).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')
    expect(text).toMatch(/messages_clear_codes/)
  })

  it('refuses a database of a newer schema version', async () => {
    const url = await freshDatabase()
    await adminQuery('UPDATE liuyan_schema SET version = version + 1', [], new URL(url).pathname.slice(1))
    await expect(createPostgresStore(url)).rejects.toThrow(`newer than this server's ${POSTGRES_SCHEMA_VERSION}; upgrade @liuyan/server`)
  })
})

describe('postgres store: several instances on one database', () => {
  it('lets exactly one of two instances claim an Idempotency-Key, the other reading the winner’s claim', async () => {
    const url = await freshDatabase()
    const [a, b] = [await openStore(url), await openStore(url)]
    const claim = (fingerprint: string): IdempotencyRecord => ({ scope: 'public', key: 'same', fingerprint, state: 'running', createdAt: '2026-03-02T01:00:00Z' })
    // A holds its claim uncommitted while B claims: B waits for A's commit, then loses.
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let claimed!: () => void
    const aClaimed = new Promise<void>((resolve) => (claimed = resolve))
    const first = a.transaction(async (tx) => {
      const existing = await tx.beginIdempotency(claim('a'))
      claimed()
      await gate
      return existing
    })
    await aClaimed
    const second = b.transaction((tx) => tx.beginIdempotency(claim('b')))
    release()
    expect(await first).toBeUndefined()
    expect(await second).toEqual(claim('a'))
    // Many claims at once over both instances: one winner.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).transaction((tx) => tx.beginIdempotency({ ...claim(`x${i}`), key: 'many' }))),
    )
    expect(results.filter((result) => result === undefined)).toHaveLength(1)
  })

  it('serializes read-modify-writes of one message by two instances: 40 increments all count', async () => {
    const url = await freshDatabase()
    const [a, b] = [await openStore(url), await openStore(url)]
    const message = makeMessage()
    await a.transaction((tx) => tx.insertMessage(message, hashOf(message)))
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).transaction(async (tx) => {
          const current = (await tx.getMessage(message.id))!
          await new Promise((resolve) => setTimeout(resolve, 0))
          await tx.updateMessage({ ...current, reminders: current.reminders + 1 })
        }),
      ),
    )
    expect((await b.read.getMessage(message.id))!.reminders).toBe(40)
  })
})

describe('postgres store: the board tree', () => {
  /** Every id of a list, page by page. */
  async function listIds(store: Store, boardIds: string[], publicOnly: boolean, overdueAt?: string): Promise<string[]> {
    const ids: string[] = []
    let cursor: string | undefined
    do {
      const page = await store.read.listMessages({ boardIds, publicOnly, limit: 3, ...(overdueAt ? { overdueAt } : {}), ...(cursor ? { cursor } : {}) })
      ids.push(...page.items.map((m) => m.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return ids
  }

  it('lists a subtree as the memory store does, whatever order boards and messages were put in, and after a board moves', async () => {
    const pg = await openStore(await freshDatabase())
    const memory = createMemoryStore()
    open.push(memory)
    const messages = [
      makeMessage({ boardId: 'county' }),
      makeMessage({ boardId: 'unit' }),
      makeMessage({ boardId: 'city', assigneeBoardId: 'unit', status: 'assigned' }),
      makeMessage({ boardId: 'other' }),
      makeMessage({ boardId: 'ministry' }),
      makeMessage({ boardId: 'county', publishedAt: undefined, status: 'pending', reviewedAt: undefined }),
      makeMessage({ boardId: 'unit', status: 'processing', dueAt: '2026-03-01T00:00:00Z' }),
      makeMessage({ boardId: 'other', status: 'assigned', assigneeBoardId: 'unit', dueAt: '2026-03-01T00:00:00Z' }),
      makeMessage({ boardId: 'county', status: 'closed', dueAt: '2026-03-01T00:00:00Z' }),
      makeMessage({ boardId: 'county', status: 'processing', dueAt: '2026-04-01T00:00:00Z' }),
    ]
    for (const store of [pg, memory]) {
      // Messages before their boards, and a child before its parent.
      await store.transaction(async (tx) => {
        for (const message of messages) await tx.insertMessage(message, hashOf(message))
      })
      await store.transaction(async (tx) => {
        for (const b of [board('unit', 'county'), board('county', 'city'), board('city', 'province'), board('province', null), board('other', 'city'), board('ministry', null)]) {
          await tx.putBoard(b)
        }
      })
    }
    const subtrees: Record<string, string[]> = {
      province: ['province', 'city', 'county', 'unit', 'other'],
      city: ['city', 'county', 'unit', 'other'],
      county: ['county', 'unit'],
      unit: ['unit'],
      several: ['county', 'unit', 'ministry'],
      // Roots in two trees, one inside the other's subtree too.
      partial: ['city', 'ministry', 'unit'],
    }
    const compare = async () => {
      for (const [name, ids] of Object.entries(subtrees)) {
        for (const publicOnly of [false, true]) {
          expect(await listIds(pg, ids, publicOnly), `${name} ${publicOnly}`).toEqual(await listIds(memory, ids, publicOnly))
        }
        expect(await listIds(pg, ids, false, NOW), `${name} overdue`).toEqual(await listIds(memory, ids, false, NOW))
        const stats = { boardId: ids[0]!, now: NOW }
        expect(await pg.read.boardStats(stats), name).toEqual(await memory.read.boardStats(stats))
      }
    }
    await compare()
    expect(await listIds(pg, subtrees.county!, false)).toHaveLength(8)
    expect(await listIds(pg, subtrees.province!, false, NOW)).toEqual([messages[7]!.id, messages[6]!.id])
    // Closing a message takes it off the overdue lists of every board above it.
    for (const store of [pg, memory]) await store.transaction(async (tx) => tx.updateMessage({ ...(await tx.getMessage(messages[6]!.id))!, status: 'closed' }))
    expect(await listIds(pg, subtrees.county!, false, NOW)).toEqual([messages[7]!.id])

    // The county moves under the ministry: its messages leave the city's lists.
    for (const store of [pg, memory]) await store.transaction((tx) => tx.putBoard(board('county', 'ministry')))
    subtrees.city = ['city', 'other']
    subtrees.province = ['province', 'city', 'other']
    subtrees.ministry = ['ministry', 'county', 'unit']
    await compare()
    expect(await listIds(pg, subtrees.ministry, false)).toHaveLength(9)
    await expect(pg.transaction((tx) => tx.putBoard(board('ministry', 'unit')))).rejects.toThrow(/is below it/)
  })
})

describe('postgres store: writes and keyword pages', () => {
  it('says which key a second insert clashes on, the unique constraints deciding', async () => {
    const store = await openStore(await freshDatabase())
    const first = makeMessage()
    await store.transaction((tx) => tx.insertMessage(first, hashOf(first)))
    await expect(store.transaction((tx) => tx.insertMessage(makeMessage({ id: first.id }), 'f'.repeat(64)))).rejects.toThrow(`A message with id ${first.id} already exists`)
    await expect(store.transaction((tx) => tx.insertMessage(makeMessage(), hashOf(first)))).rejects.toThrow('Another message already has this tracking code')
    expect(await store.read.countMessages()).toBe(1)
  })

  it('pages a common keyword from the newest rows and a rare one through the index of terms, as the memory store does', async () => {
    const pg = await openStore(await freshDatabase())
    const memory = createMemoryStore()
    open.push(memory)
    // More rows than the window a keyword is first looked for in (2,000): a common word in every
    // third message, a rare one only in the two oldest.
    const messages = Array.from({ length: 2300 }, (_, i) =>
      makeMessage({ boardId: i % 2 ? 'county' : 'unit', title: i % 3 === 0 ? '路灯坏了很久' : '噪音扰民问题', content: i < 2 ? '夜里施工的打桩机声音很大。' : '晚上出行很不方便，希望尽快处理。' }),
    )
    for (const store of [pg, memory]) {
      await store.transaction(async (tx) => {
        for (const message of messages) await tx.insertMessage(message, hashOf(message))
      })
    }
    const pages = async (store: Store, keyword: string, limit: number, boardIds?: string[]) => {
      const ids: string[] = []
      let cursor: string | undefined
      do {
        const page = await store.read.listMessages({ keyword, limit, ...(boardIds ? { boardIds } : {}), ...(cursor ? { cursor } : {}) })
        ids.push(...page.items.map((m) => m.id))
        cursor = page.nextCursor ?? undefined
      } while (cursor && ids.length < 300)
      return ids
    }
    for (const [keyword, limit, boards] of [['路灯', 20, undefined], ['路灯', 100, ['unit']], ['打桩', 20, undefined], ['打', 1, ['county', 'unit']], ['无此词', 20, undefined]] as const) {
      const expected = await pages(memory, keyword, limit, boards && [...boards])
      expect(await pages(pg, keyword, limit, boards && [...boards]), keyword).toEqual(expected)
    }
    expect(await pages(pg, '打桩', 20)).toEqual([messages[1]!.id, messages[0]!.id])
  }, 60_000)
})

describe('postgres store: outages', () => {
  it('rejects with StoreUnavailableError while the database is down, and works again once it is back, keeping what was committed', async () => {
    const cluster = await testCluster()
    const url = await freshDatabase()
    const store = await openStore(url)
    const before = makeMessage()
    await store.transaction((tx) => tx.insertMessage(before, hashOf(before)))
    expect(await store.read.countMessages()).toBe(1)

    await cluster.pause()
    try {
      const read = await store.read.getMessage(before.id).catch((error: unknown) => error)
      expect(read).toBeInstanceOf(StoreUnavailableError)
      expect((read as Error).message).toMatch(/^The PostgreSQL database is unavailable: /)
      const during = makeMessage()
      await expect(store.transaction((tx) => tx.insertMessage(during, hashOf(during)))).rejects.toBeInstanceOf(StoreUnavailableError)
      // Opening a store while the database is down fails the same way, naming no password.
      const opening = await createPostgresStore(databaseUrl(url.replace('liuyan@', 'liuyan:s3cret@'), 'postgres')).catch((error: unknown) => error)
      expect(opening).toBeInstanceOf(StoreUnavailableError)
      expect(String((opening as Error).message)).not.toContain('s3cret')
    } finally {
      await cluster.resume()
    }

    expect(await store.read.getMessage(before.id)).toEqual(before)
    const after = makeMessage()
    await store.transaction((tx) => tx.insertMessage(after, hashOf(after)))
    expect(await store.read.countMessages()).toBe(2)
  })
})

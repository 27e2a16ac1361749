// The rows the SQLite store holds back until the end of a transaction (pending.ts): a read inside
// the transaction sees them, a committed transaction stores exactly what writing them at once
// would, and a transaction that fails (alone, or within a group commit) leaves none of them.
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageSchema } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { searchGrams, searchText } from '../shared.js'
import { createSqliteStore, type SqliteStore } from '../sqlite.js'
import { heatOf } from './hotspots.js'
import { scopeOf } from './schema.js'

const board = (id: string, parentId: string | null): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region: '220100', acceptsMessages: true })
const hash = (id: string) => createHash('sha256').update(id).digest('hex')
const NOW = '2026-03-10T00:00:00Z'

function message(id: string, title: string, createdAt = '2026-03-02T09:00:00+08:00'): Message {
  return MessageSchema.parse({
    id, boardId: 'u', type: 'complain', domain: 'urban', title, content: `${title}，请尽快处理。`, images: [], imagesPublic: false,
    author: { nickname: '市民', maskNickname: false }, publish: true, channel: 'web', status: 'accepted', createdAt, reviewedAt: createdAt, publishedAt: createdAt, supervised: false,
    reminders: 0, posts: [], timeline: [{ id: `${id}-e0`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
  })
}

const open: SqliteStore[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

/** A store that writes each message's keyword terms with its commit (held until its end, like the rest). */
async function fresh(): Promise<SqliteStore> {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'), { keywordBatch: 0 })
  open.push(store)
  await store.transaction(async (tx) => {
    await tx.putBoard(board('p', null))
    await tx.putBoard(board('u', 'p'))
  })
  return store
}

const count = (store: SqliteStore, table: string) => store.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
const counters = (store: SqliteStore) => store.database.prepare('SELECT board, grain, period, key, n FROM stats_counts ORDER BY 1, 2, 3, 4').raw().all()

describe('SQLite rows held until the end of a transaction', () => {
  it('are seen by a keyword search, the statistics and an update inside the transaction', async () => {
    const store = await fresh()
    await store.transaction(async (tx) => {
      await tx.insertMessage(message('m1', '路灯坏了'), hash('m1'))
      // Two characters (the pair index) and one character, read in the transaction that wrote them.
      expect((await tx.listMessages({ keyword: '路灯', limit: 10 })).items.map((m) => m.id)).toEqual(['m1'])
      expect((await tx.listMessages({ keyword: '坏', boardIds: ['p'], limit: 10 })).items.map((m) => m.id)).toEqual(['m1'])
      expect((await tx.boardStats({ boardId: 'p', now: NOW })).received).toBe(1)
      await tx.insertMessage(message('m2', '路灯不亮'), hash('m2'))
      expect((await tx.boardStats({ boardId: 'u', now: NOW })).received).toBe(2)
      // An update rewrites the terms and counters of a row whose own are still held back.
      await tx.updateMessage({ ...message('m2', '公交站台'), status: 'rejected' })
      expect((await tx.listMessages({ keyword: '路灯', limit: 10 })).items.map((m) => m.id)).toEqual(['m1'])
      expect((await tx.listMessages({ keyword: '站台', limit: 10 })).items.map((m) => m.id)).toEqual(['m2'])
      expect((await tx.boardStats({ boardId: 'p', now: NOW })).received).toBe(1)
    })
    expect((await store.read.listMessages({ keyword: '站台', limit: 10 })).items.map((m) => m.id)).toEqual(['m2'])
    expect((await store.read.boardStats({ boardId: 'p', now: NOW })).received).toBe(1)
  })

  it('store the same rows as a transaction that reads after every insert', async () => {
    const messages = Array.from({ length: 12 }, (_, i) => message(`m${i}`, ['路灯坏了', '公交站台', '老旧小区加装电梯'][i % 3]!, `2026-03-0${1 + (i % 4)}T09:00:00+08:00`))
    const held = await fresh()
    await held.transaction(async (tx) => {
      for (const m of messages) await tx.insertMessage(m, hash(m.id))
    })
    const flushed = await fresh()
    await flushed.transaction(async (tx) => {
      for (const m of messages) {
        await tx.insertMessage(m, hash(m.id))
        await tx.boardStats({ boardId: 'p', now: NOW })
        await tx.listMessages({ keyword: '路灯', limit: 1 })
        await tx.similarGroups({ boardId: 'p', limit: 10, regionDigits: 6 })
      }
    })
    const terms = (store: SqliteStore) => store.database.prepare('SELECT term, created_ms, rid, published_ms FROM message_terms ORDER BY 1, 2, 3').raw().all()
    expect(terms(held)).toEqual(terms(flushed))
    expect(count(held, 'message_terms')).toBe(messages.reduce((n, m) => n + searchGrams(searchText(m)).length, 0))
    expect(counters(held)).toEqual(counters(flushed))
    expect(counters(held).length).toBeGreaterThan(0)
    // The groups of similar messages: members, their rows under each board, the spans there.
    const all = (store: SqliteStore, table: string) => store.database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()
    for (const table of ['hot_members', 'hot_scope', 'hot_spans']) expect(all(held, table)).toEqual(all(flushed, table))
    expect(count(held, 'hot_scope')).toBeGreaterThan(messages.length)
    const spans = held.database.prepare('SELECT ancestor, root, min(created_ms), max(created_ms) FROM hot_scope GROUP BY 1, 2 ORDER BY 1, 2').raw().all()
    expect(all(held, 'hot_spans')).toEqual(spans)
  })

  it('give the scope and heat rows the insert triggers before migration 11 gave', async () => {
    const store = await fresh()
    await store.transaction(async (tx) => {
      await tx.putBoard({ ...board('c', 'p'), region: '220200' })
      await tx.putBoard({ ...board('p', null), region: '220000' })
    })
    const messages = [
      message('m1', '路灯坏了'),
      { ...message('m2', '公交站台', '2026-04-02T09:00:00+08:00'), boardId: 'c', status: 'assigned' as const, assigneeBoardId: 'u' },
      { ...message('m3', '路灯不亮'), boardId: 'x' },
      { ...message('m4', '老旧小区'), status: 'rejected' as const },
      { ...message('m5', '医院挂号', '2026-02-28T23:30:00+08:00'), domain: 'health' as const, assigneeBoardId: 'x' },
    ]
    await store.transaction(async (tx) => {
      for (const m of messages) await tx.insertMessage(m, hash(m.id))
    })
    const rows = (table: string) => store.database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).raw().all()
    const scope = rows('message_scope')
    const heat = rows('hot_heat')
    expect(scope.length).toBeGreaterThan(messages.length)
    expect(heat.length).toBeGreaterThan(0)
    // The statements of the triggers (migrations 4 and 8), run over every message.
    store.database.exec(`DELETE FROM message_scope; ${scopeOf('1')}; DELETE FROM hot_heat; ${heatOf("m.status <> 'rejected'", '1')}`)
    expect(rows('message_scope')).toEqual(scope)
    expect(rows('hot_heat')).toEqual(heat)
  })

  it('are dropped with a transaction that fails, alone or in a group commit', async () => {
    const store = await fresh()
    await expect(store.transaction(async (tx) => {
      await tx.insertMessage(message('m1', '路灯坏了'), hash('m1'))
      throw new Error('refused')
    })).rejects.toThrow('refused')
    expect([count(store, 'message_terms'), count(store, 'stats_counts')]).toEqual([0, 0])
    // Three transactions asked for together commit as one group; the failing one leaves nothing.
    const results = await Promise.allSettled([
      store.transaction((tx) => tx.insertMessage(message('m2', '路灯坏了'), hash('m2'))),
      store.transaction(async (tx) => {
        await tx.insertMessage(message('m3', '公交站台'), hash('m3'))
        throw new Error('refused')
      }),
      store.transaction((tx) => tx.insertMessage(message('m4', '路灯不亮'), hash('m4'))),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((await store.read.listMessages({ keyword: '站', limit: 10 })).items).toEqual([])
    expect((await store.read.listMessages({ keyword: '路灯', limit: 10 })).items.map((m) => m.id).sort()).toEqual(['m2', 'm4'])
    expect((await store.read.boardStats({ boardId: 'p', now: NOW })).received).toBe(2)
    expect(count(store, 'messages')).toBe(2)
    expect(count(store, 'message_terms')).toBe(searchGrams(searchText(message('m2', '路灯坏了'))).length + searchGrams(searchText(message('m4', '路灯不亮'))).length)
    const reference = await fresh()
    await reference.transaction(async (tx) => {
      await tx.insertMessage(message('m2', '路灯坏了'), hash('m2'))
      await tx.insertMessage(message('m4', '路灯不亮'), hash('m4'))
    })
    expect(counters(store)).toEqual(counters(reference))
  })

  it('of a group commit are written with its COMMIT, and survive a later transaction of the group that read them and failed', async () => {
    const store = await fresh()
    const results = await Promise.allSettled([
      store.transaction((tx) => tx.insertMessage(message('m1', '路灯坏了'), hash('m1'))),
      store.transaction(async (tx) => {
        await tx.insertMessage(message('m2', '公交站台'), hash('m2'))
        // Reads the rows held back by m1's transaction and its own, written in its savepoint…
        expect((await tx.listMessages({ keyword: '路灯', limit: 10 })).items.map((m) => m.id)).toEqual(['m1'])
        expect((await tx.boardStats({ boardId: 'p', now: NOW })).received).toBe(2)
        // …which this rolls back: m1's must be written again by the COMMIT.
        throw new Error('refused')
      }),
      store.transaction(async (tx) => {
        await tx.insertMessage(message('m3', '路灯不亮'), hash('m3'))
        expect((await tx.boardStats({ boardId: 'p', now: NOW })).received).toBe(2)
      }),
      store.transaction((tx) => tx.insertMessage(message('m4', '路灯坏了'), hash('m4'))),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const reference = await fresh()
    await reference.transaction(async (tx) => {
      for (const id of ['m1', 'm3', 'm4']) await tx.insertMessage(message(id, id === 'm3' ? '路灯不亮' : '路灯坏了'), hash(id))
    })
    expect(counters(store)).toEqual(counters(reference))
    const rows = (s: SqliteStore, table: string) => s.database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).raw().all()
    for (const table of ['message_terms', 'message_scope', 'hot_heat', 'hot_scope', 'hot_spans']) {
      expect(rows(store, table).length).toBe(rows(reference, table).length)
    }
    expect(count(store, 'hot_scope')).toBeGreaterThan(0)
    expect((await store.read.listMessages({ keyword: '路灯', limit: 10 })).items.map((m) => m.id).sort()).toEqual(['m1', 'm3', 'm4'])
    expect((await store.read.boardStats({ boardId: 'p', now: NOW })).received).toBe(3)
  })
})

// Keyword terms written in batches (keyword.ts, indexTail): whatever part of the messages waits in
// the tail, every keyword page is the one of a store that writes each message's terms with its
// own commit, and the terms a batch writes are those the message's own commit would have written.
import type { Message, MessageStatus } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { createSqliteStore, type SqliteStore } from '../sqlite.js'
import { SCHEMA_VERSION } from './schema.js'
import type { MessageQuery } from '../types.js'
import { board, closeStoresAfterEach, random, hashOf, ids, listAll, listPublicAll, makeMessage, openStore, tempDatabase } from '../../../test/store-fixtures.js'

closeStoresAfterEach()

const WORDS = ['路灯', '坏了', '小区', '门口', '公交', '站台', '噪音', '施工', '学校', '供暖', 'LED', '水管']
const BOARDS = ['root', 'b1', 'b2', 'b3']
const KEYWORDS = ['路灯', '灯', '路灯坏了', '公交站', '噪', '施工噪音', 'led', '水', '火星', '小区门口']
const QUERIES: Array<Omit<MessageQuery, 'cursor' | 'keyword'>> = [
  { limit: 3 },
  { limit: 50 },
  { limit: 2, boardIds: ['b1'] },
  { limit: 3, boardIds: ['b2', 'b3'] },
  { limit: 3, statuses: ['pending'] },
  { limit: 4, sort: 'due' },
  { limit: 3, type: 'consult' },
  { limit: 3, from: '2026-03-03T00:00:00Z', to: '2026-03-09T00:00:00Z' },
]

function text(next: () => number): string {
  const n = 2 + Math.floor(next() * 4)
  return Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join('')
}

function newMessage(next: () => number, index: number): Message {
  const day = 1 + Math.floor(next() * 12)
  // Equal creation times on purpose: the order of ties is the rid's.
  const createdAt = `2026-03-${String(day).padStart(2, '0')}T0${Math.floor(next() * 3)}:00:00Z`
  return makeMessage({
    id: `t${String(index).padStart(4, '0')}`,
    boardId: BOARDS[1 + Math.floor(next() * 3)]!,
    type: next() < 0.3 ? 'consult' : 'complain',
    title: text(next),
    content: text(next),
    createdAt,
    ...(next() < 0.5 ? { dueAt: `2026-03-${String(day + 5).padStart(2, '0')}T15:59:59.999Z` } : {}),
  })
}

/** The message a review (accepted and published, or rejected) or an edit of its title makes of `m`. */
function changed(next: () => number, m: Message): Message {
  const at = '2026-03-20T00:00:00Z'
  const roll = next()
  if (roll < 0.4 && m.status === 'pending') {
    const status: MessageStatus = 'accepted'
    return { ...m, status, reviewedAt: at, publishedAt: at, timeline: [...m.timeline, { id: `${m.id}-e${m.timeline.length}`, type: 'accept', at, actor: { role: 'reviewer' } }] }
  }
  if (roll < 0.6 && m.status === 'pending') {
    return { ...m, status: 'rejected', reviewedAt: at, timeline: [...m.timeline, { id: `${m.id}-e${m.timeline.length}`, type: 'reject', at, actor: { role: 'reviewer' } }] }
  }
  return { ...m, title: text(next) }
}

async function answers(store: SqliteStore): Promise<unknown[]> {
  const out: unknown[] = []
  for (const keyword of KEYWORDS) {
    for (const query of QUERIES) out.push(ids(await listAll(store, { ...query, keyword })))
    out.push(await listPublicAll(store, { limit: 3, keyword }))
    out.push(await listPublicAll(store, { limit: 2, keyword, boardIds: ['b1', 'b3'] }))
  }
  return out
}

const terms = (store: SqliteStore, through: number) =>
  store.database.prepare('SELECT term, created_ms, rid, published_ms FROM message_terms WHERE rid <= ? ORDER BY term, created_ms, rid').all(through)
const through = (store: SqliteStore) => Number(store.database.prepare("SELECT value FROM meta WHERE key = 'terms_through'").pluck().get())

describe('SQLite keyword terms written in batches', () => {
  it.each([3, 7, 1000])('with batches of %d, every keyword page equals the one of terms written per commit', async (batch) => {
    const next = random(batch)
    const each = openStore(createSqliteStore(tempDatabase(), { keywordBatch: 0 }))
    const batched = openStore(createSqliteStore(tempDatabase(), { keywordBatch: batch }))
    const stored: Message[] = []
    const both = async (fn: (store: SqliteStore) => Promise<void>) => {
      await fn(each)
      await fn(batched)
    }
    await both((store) => store.transaction(async (tx) => {
      await tx.putBoard(board('root'))
      for (const id of BOARDS.slice(1)) await tx.putBoard(board(id, 'root'))
    }))
    for (let step = 0; step < 14; step++) {
      // A group commit of a few transactions, each inserting a message or changing a stored one.
      const writes = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        if (stored.length > 0 && next() < 0.35) {
          const index = Math.floor(next() * stored.length)
          const message = (stored[index] = changed(next, stored[index]!))
          return (store: SqliteStore) => store.transaction((tx) => tx.updateMessage(message))
        }
        const message = newMessage(next, stored.length)
        stored.push(message)
        return (store: SqliteStore) => store.transaction((tx) => tx.insertMessage(message, hashOf(message)))
      })
      await both(async (store) => {
        await Promise.all(writes.map((write) => write(store)))
      })
      expect(await answers(batched)).toEqual(await answers(each))
    }
    expect(stored.length).toBeGreaterThan(15)
    // Each store's terms are the same rows for the messages whose terms are written.
    expect(through(each)).toBe(stored.length)
    const written = through(batched)
    if (batch < stored.length) expect(written).toBeGreaterThan(0)
    else expect(written).toBe(0)
    expect(terms(batched, written)).toEqual(terms(each, written))
    expect(terms(batched, Number.MAX_SAFE_INTEGER)).toHaveLength((terms(batched, written) as unknown[]).length)
  })

  it('keeps the tail across a restart, and a later batch writes its terms', async () => {
    const file = tempDatabase()
    const first = createSqliteStore(file, { keywordBatch: 100 })
    const messages = Array.from({ length: 5 }, (_, i) => makeMessage({ id: `r${i}`, title: i % 2 ? '供暖不热' : '路灯不亮' }))
    await first.transaction(async (tx) => {
      for (const m of messages) await tx.insertMessage(m, hashOf(m))
    })
    expect(through(first)).toBe(0)
    await first.close()
    const second = openStore(createSqliteStore(file, { keywordBatch: 2 }))
    expect(ids(await listAll(second, { limit: 10, keyword: '供暖' }))).toEqual(['r3', 'r1'])
    const sixth = makeMessage({ id: 'r5', title: '供暖' })
    await second.transaction((tx) => tx.insertMessage(sixth, hashOf(sixth)))
    expect(through(second)).toBe(6)
    expect(ids(await listAll(second, { limit: 10, keyword: '供暖' }))).toEqual(['r5', 'r3', 'r1'])
  })

  it('migrates a version-13 database: every message stored before has its terms, the tail starts after them', async () => {
    const file = tempDatabase()
    const old = createSqliteStore(file, { keywordBatch: 0 })
    const messages = ['路灯不亮', '供暖不热', '路灯坏了'].map((title, i) => makeMessage({ id: `v${i}`, title, content: '详见标题所述情况' }))
    await old.transaction(async (tx) => {
      for (const m of messages) await tx.insertMessage(m, hashOf(m))
    })
    old.database.exec("DELETE FROM meta WHERE key = 'terms_through'; PRAGMA user_version = 13")
    await old.close()

    const store = openStore(createSqliteStore(file))
    expect(store.migration).toEqual({ from: 13, to: SCHEMA_VERSION })
    expect(through(store)).toBe(3)
    const fourth = makeMessage({ id: 'v3', title: '路灯', content: '详见标题所述情况' })
    await store.transaction((tx) => tx.insertMessage(fourth, hashOf(fourth)))
    expect(through(store)).toBe(3)
    expect(ids(await listAll(store, { limit: 10, keyword: '路灯' }))).toEqual(['v3', 'v2', 'v0'])
  })
})
